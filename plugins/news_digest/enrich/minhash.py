"""MinHash signatures (datasketch), shared by duplicate detection and story clustering."""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from functools import cache

from datasketch import LeanMinHash, MinHash

#: The random seed of the permutations: signatures compare only when drawn alike.
SEED = 1
SCHEME = "affine32"  # datasketch's default
#: Tokens are hashed to 32 bits, then permuted: the permutations make the minimum
#: random, so the hash need only tell tokens apart. CRC-32 does, five times
#: faster than datasketch's default (SHA-1).
HASH = zlib.crc32


@cache
def _permutations(num_perm: int):
    # Drawn from SEED on each new MinHash otherwise: as dear as hashing a short text.
    return MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME).permutations


def signature(tokens: Iterable[str], num_perm: int) -> LeanMinHash:
    """The MinHash of a set of tokens; lean (hash values only): small to cache and pickle."""
    minhash = MinHash(
        num_perm=num_perm,
        seed=SEED,
        hashfunc=HASH,
        permutations=_permutations(num_perm),
        scheme=SCHEME,
    )
    minhash.update_batch([token.encode("utf-8") for token in tokens])
    return LeanMinHash(minhash)
