"""MinHash signatures (datasketch) and LSH, shared by duplicate detection and story clustering."""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from functools import cache

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

#: The random seed of the permutations: signatures compare only when drawn alike.
SEED = 1
SCHEME = "affine32"  # datasketch's default
#: Tokens are hashed to 32 bits, then permuted: the permutations make the minimum
#: random, so the hash need only tell tokens apart. CRC-32 does, five times
#: faster than datasketch's default (SHA-1).
HASH = zlib.crc32
#: Pairs compared at a time by :func:`estimated_similarity`: bounded memory
#: (16 MB a side at 64 permutations).
ESTIMATE_BATCH = 32_768
#: Band matches (pairs before repeats are dropped) in a block of :func:`lsh_pair_blocks`.
BLOCK_PAIRS = 1_000_000


@cache
def _permutations(num_perm: int):
    # Drawn from SEED on each new MinHash otherwise: as dear as hashing a short text.
    return MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME).permutations


def token_hashes(tokens: Iterable[str]) -> np.ndarray:
    """Each token's 32-bit :data:`HASH`, as the signatures take them."""
    return np.fromiter(map(HASH, map(str.encode, tokens)), dtype=np.uint32)


def signature(tokens: Iterable[str], num_perm: int) -> LeanMinHash:
    """The MinHash of a set of tokens; lean (hash values only): small to cache and pickle."""
    return signature_of_hashes(token_hashes(tokens), num_perm)


def signature_of_hashes(hashes: np.ndarray, num_perm: int) -> LeanMinHash:
    """The MinHash of tokens given by their 32-bit hashes (repeats change nothing)."""
    minhash = MinHash(
        num_perm=num_perm,
        seed=SEED,
        hashfunc=int,  # already hashed; the scheme mixes the bits before permuting
        permutations=_permutations(num_perm),
        scheme=SCHEME,
    )
    minhash.update_batch(hashes.tolist())
    return LeanMinHash(minhash)


@cache
def bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """The bands and rows per band datasketch's ``MinHashLSH`` chooses for ``threshold``."""
    index = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return index.b, index.r


def lsh_pairs(values: np.ndarray, threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """The pairs of rows of ``values`` (one signature's hash values a row) that MinHash
    LSH at ``threshold`` finds alike: ``(first, second)``, with first < second, in order.

    The same pairs as inserting every signature into datasketch's ``MinHashLSH``
    and querying each: two signatures are a pair when they agree on every
    value of at least one band. Grouping all rows band by band with numpy is
    many times faster than a Python index at thousands of signatures.
    """
    blocks = [(first, second) for _, _, first, second in lsh_pair_blocks(values, threshold)]
    if not blocks:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    return np.concatenate([b[0] for b in blocks]), np.concatenate([b[1] for b in blocks])


def lsh_pair_blocks(
    values: np.ndarray, threshold: float, most: int = BLOCK_PAIRS
) -> Iterator[tuple[int, int, np.ndarray, np.ndarray]]:
    """:func:`lsh_pairs` a block of first rows at a time: ``(start, end, first, second)``
    for the pairs whose first row is in ``range(start, end)``, in order; the blocks
    follow one another and cover every row.

    On a large digest of similar texts the pairs grow with the square of the
    rows (at 30,000 generated seeds, 13 million pairs from 28 bands); a block
    holds about ``most`` of the bands' matches, whatever the digest's size.
    """
    size, num_perm = values.shape
    band_count, rows = bands(threshold, num_perm)
    # For each band: the rows in order of their group (a row's band values),
    # each row's place in that order, and how many rows after it share its group.
    orders, places, later = [], [], []
    for band in range(band_count if size else 0):
        block = values[:, band * rows : (band + 1) * rows]
        group = np.unique(block, axis=0, return_inverse=True)[1].ravel()
        order = np.argsort(group, kind="stable")  # a group's rows ascend
        grouped = group[order]
        starts = np.flatnonzero(np.concatenate(([True], grouped[1:] != grouped[:-1])))
        ends = np.append(starts[1:], size)
        end_at = np.repeat(ends, ends - starts)  # the end of each place's group
        place = np.empty(size, dtype=np.int64)
        place[order] = np.arange(size)
        orders.append(order)
        places.append(place)
        later.append(end_at[place] - place - 1)
    matches = np.sum(later, axis=0) if later else np.zeros(size, dtype=np.int64)
    start = 0
    while start < size:
        # As many rows as hold about ``most`` matches, and at least one.
        end = int(np.searchsorted(np.cumsum(matches[start:]), most, side="right")) + start
        end = max(end, start + 1)
        found = [np.empty(0, dtype=np.int64)]
        for order, place, count in zip(orders, places, later, strict=True):
            counts = count[start:end]
            total = int(counts.sum())
            if not total:
                continue
            # Each row of the block with the rows after it in its group.
            offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
            second = order[np.repeat(place[start:end] + 1, counts) + offsets]
            first = np.repeat(np.arange(start, end, dtype=np.int64), counts)
            found.append(first * size + second)
        # Sort, then drop repeats: np.unique hashes, which is slower on millions of codes.
        codes = np.sort(np.concatenate(found))
        codes = codes[np.concatenate(([True], codes[1:] != codes[:-1]))] if len(codes) else codes
        yield start, end, codes // size, codes % size
        start = end


def estimated_similarity(values: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The estimated Jaccard similarity of each pair of rows ``(a[i], b[i])`` of ``values``,
    as ``LeanMinHash.jaccard`` gives it: the share of hash values they agree on."""
    similarity = np.zeros(len(a), dtype=np.float64)
    for start in range(0, len(a), ESTIMATE_BATCH):  # bounded memory
        pair = slice(start, start + ESTIMATE_BATCH)
        similarity[pair] = (values[a[pair]] == values[b[pair]]).mean(axis=1)
    return similarity


def hash_values(signatures: list[LeanMinHash], num_perm: int) -> np.ndarray:
    """The signatures' hash values, one row each."""
    if not signatures:
        return np.empty((0, num_perm), dtype=np.uint64)
    return np.stack([s.hashvalues for s in signatures])
