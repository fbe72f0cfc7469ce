"""Near-duplicate seeds: the same story saved twice, or wire copy run by two outlets.

MinHash signatures of word shingles (datasketch) and LSH (``minhash.lsh_pairs``)
find the candidate pairs; a pair whose estimated Jaccard similarity reaches
:data:`DUPLICATE_THRESHOLD` is a duplicate (body text only: titles, dates and
sources play no part). Of each group the cleanest copy is kept
(:func:`cleanest`): the one the cleaner removed fewest lines from (a seed-like
copy rather than the whole page with its furniture), then the longest body,
then one with a date stated in the text over an inferred one, then the first
by key, so the choice is stable. Signatures are made when a seed is read
(:func:`signature`), so they are cached with the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from datasketch import LeanMinHash

from . import minhash

#: Estimated Jaccard similarity of shingle sets from which two texts are one story.
DUPLICATE_THRESHOLD = 0.7
#: Words per shingle.
SHINGLE_WORDS = 5
NUM_PERM = 128

#: Combines the words' hashes into a shingle's: odd, its bits spread evenly (2**64 / phi).
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
_HALF = np.uint64(32)

_WORDS = re.compile(r"\w+")


def signature(text: str) -> LeanMinHash:
    """The MinHash of ``text``'s word shingles; lean: small to cache and to pickle."""
    return minhash.signature_of_hashes(shingle_hashes(_WORDS.findall(text.lower())), NUM_PERM)


def shingle_hashes(words: list[str]) -> np.ndarray:
    """A 32-bit hash of each run of :data:`SHINGLE_WORDS` words (of all of them, if fewer).

    Each word is hashed once, and a shingle's hash is a polynomial of its
    words' hashes (modulo 2**64, its halves xor-ed), rather than a hash of the
    joined shingle: most of a signature's cost was joining and hashing the
    same words five times over.
    """
    hashes = minhash.token_hashes(words).astype(np.uint64)
    count = max(1, len(words) - SHINGLE_WORDS + 1)
    combined = np.zeros(count, dtype=np.uint64)
    for offset in range(min(SHINGLE_WORDS, len(words))):
        combined = combined * _MULTIPLIER + hashes[offset : offset + count]
    # Both halves: the last word is only in the low one, the first mostly in the high one.
    return (combined ^ (combined >> _HALF)).astype(np.uint32)


@dataclass(frozen=True)
class Copy:
    """What decides which copy of a story is kept: see :func:`cleanest`."""

    removed_lines: int = 0
    words: int = 0
    stated_date: bool = False


def cleanest(copies: dict[str, Copy]) -> str:
    """The key of the copy to keep: fewest removed lines, most body, a stated date."""
    return max(
        copies,
        key=lambda k: (
            -copies[k].removed_lines,
            copies[k].words,
            copies[k].stated_date,
            [-ord(c) for c in k],
        ),
    )


def find_duplicates(
    texts: dict[str, str],
    signatures: dict[str, LeanMinHash] | None = None,
    copies: dict[str, Copy] | None = None,
) -> dict[str, tuple[str, float]]:
    """``{dropped key: (kept key, similarity)}`` for every near-duplicate in ``texts``.

    ``signatures`` holds the :func:`signature` of texts, where already known;
    ``copies`` what :func:`cleanest` weighs of each (by default, only the body's length).
    """
    copies = copies or {}
    keys = sorted(k for k, text in texts.items() if text.split())
    known = signatures or {}
    signatures = {
        key: signature(texts[key]) if known.get(key) is None else known[key] for key in keys
    }
    parent = {key: key for key in keys}

    def root(key):
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    values = minhash.hash_values([signatures[key] for key in keys], NUM_PERM)
    first, second = minhash.lsh_pairs(values, DUPLICATE_THRESHOLD)
    scores = minhash.estimated_similarity(values, first, second)
    similarity: dict[frozenset, float] = {}
    for a, b, score in zip(first.tolist(), second.tolist(), scores.tolist(), strict=True):
        if score >= DUPLICATE_THRESHOLD:
            similarity[frozenset((keys[a], keys[b]))] = score
            parent[root(keys[b])] = root(keys[a])
    groups: dict[str, list[str]] = {}
    for key in keys:
        groups.setdefault(root(key), []).append(key)
    dropped = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        kept = cleanest({k: copies.get(k) or Copy(words=len(texts[k].split())) for k in members})
        for key in members:
            if key != kept:
                score = similarity.get(frozenset((key, kept)), DUPLICATE_THRESHOLD)
                dropped[key] = (kept, score)
    return dropped
