"""Near-duplicate seeds: the same story saved twice, or wire copy run by two outlets.

MinHash signatures of word shingles (datasketch) and LSH (``minhash.lsh_pairs``)
find the candidate pairs; a pair whose estimated Jaccard similarity reaches
:data:`DUPLICATE_THRESHOLD` is a duplicate. Of each group the longest text is
kept (then the first by key, so the choice is stable). Signatures are made
when a seed is read (:func:`signature`), so they are cached with the article.
"""

from __future__ import annotations

import re

from datasketch import LeanMinHash

from . import minhash

#: Estimated Jaccard similarity of shingle sets from which two texts are one story.
DUPLICATE_THRESHOLD = 0.7
#: Words per shingle.
SHINGLE_WORDS = 5
NUM_PERM = 128

_WORDS = re.compile(r"\w+")


def signature(text: str) -> LeanMinHash:
    """The MinHash of ``text``'s word shingles; lean: small to cache and to pickle."""
    words = _WORDS.findall(text.lower())
    shingles = {
        " ".join(words[i : i + SHINGLE_WORDS])
        for i in range(max(1, len(words) - SHINGLE_WORDS + 1))
    }
    return minhash.signature(shingles, NUM_PERM)


def find_duplicates(
    texts: dict[str, str], signatures: dict[str, LeanMinHash] | None = None
) -> dict[str, tuple[str, float]]:
    """``{dropped key: (kept key, similarity)}`` for every near-duplicate in ``texts``.

    ``signatures`` holds the :func:`signature` of texts, where already known.
    """
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
        kept = max(members, key=lambda k: (len(texts[k].split()), [-ord(c) for c in k]))
        for key in members:
            if key != kept:
                score = similarity.get(frozenset((key, kept)), DUPLICATE_THRESHOLD)
                dropped[key] = (kept, score)
    return dropped
