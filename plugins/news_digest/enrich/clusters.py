"""Related articles and story clusters: one event told by several outlets.

Two articles are about the same story when they name at least
:data:`MIN_SHARED_ENTITIES` of the same people, organisations or places and
their content words overlap (Jaccard ≥ :data:`MIN_WORD_SIMILARITY`), and
their dates are within :data:`STORY_WINDOW_DAYS` of each other (undated
articles need no window). Stories are the connected groups of such pairs.
Related articles need the same evidence, looser (:data:`MIN_RELATED_WORD_SIMILARITY`),
or much wording in common, and no window.

Only candidate pairs are scored, so a large digest is not compared pair by
pair: pairs sharing entities (an inverted index, leaving out entities named
in more than :data:`MAX_ENTITY_POSTINGS` articles, like "Twitter"), and pairs
whose wording MinHash LSH finds alike (``minhash.lsh_pairs``). Wording signatures are
made when a seed is read (:func:`word_signature`), so they are cached.

On a digest of similar texts the LSH candidates still grow with the square
of its size (13 million at 30,000 generated seeds). They are found, scored
and filtered a block of first items at a time (``minhash.lsh_pair_blocks``),
and the pairs kept stay arrays (:class:`Pairs`) for :func:`related` and
:func:`stories`: memory grows with the pairs kept, not with the candidates.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from hashlib import blake2b
from typing import NamedTuple

import numpy as np
from datasketch import LeanMinHash

from . import minhash

MIN_SHARED_ENTITIES = 2
MIN_WORD_SIMILARITY = 0.12
#: Least word overlap of related articles sharing entities (two share buttons are not a topic).
MIN_RELATED_WORD_SIMILARITY = 0.05
#: Word overlap alone enough to call two articles related.
RELATED_WORD_SIMILARITY = 0.2
#: Word overlap alone enough to call two articles one story (wire copy, rewrites).
STORY_WORD_SIMILARITY = 0.3
STORY_WINDOW_DAYS = 7
MAX_RELATED = 5
#: Content words: long enough to carry meaning.
MIN_WORD_LENGTH = 5
#: An entity named in more articles than this says nothing about which story they tell.
MAX_ENTITY_POSTINGS = 50
NUM_PERM = 64
#: Pairs found by wording alone are scored only if their MinHash estimate reaches
#: this: at 64 permutations a true similarity of 0.2 falls below it about 3 times in
#: 100 (the LSH itself, tuned for 0.2, misses about a third of those).
MIN_ESTIMATED_WORD_SIMILARITY = 0.1
#: 64-bit words of set masks compared at a time (about 16 MB a side).
MASK_BATCH_WORDS = 2_000_000

_WORDS = re.compile(r"[^\W\d_]+")


def content_words(text: str) -> set[str]:
    return {w for w in _WORDS.findall(text.lower()) if len(w) >= MIN_WORD_LENGTH}


def word_signature(words: set[str]) -> LeanMinHash:
    """The MinHash of a text's :func:`content_words`."""
    return minhash.signature(words, NUM_PERM)


def element_hashes(elements: Iterable[str]) -> np.ndarray:
    """A set of strings as the sorted 64-bit hashes of its elements (BLAKE2b).

    Made when a seed is read, for its content words: a build's main process
    then compares sets of numbers, without making and hashing the millions
    of strings again. At 64 bits, two words of a digest share a hash about
    once in 10**9 digests of a million distinct words.
    """
    joined = b"".join(
        blake2b(e.encode("utf-8", "surrogatepass"), digest_size=8).digest() for e in elements
    )
    return np.unique(np.frombuffer(joined, dtype="<u8").astype(np.uint64))


@dataclass
class Item:
    key: str
    text: str
    entities: set[str]
    date: dt.date | None = None
    words: set[str] = field(default_factory=set)
    #: :func:`word_signature` of the words, where already known.
    signature: LeanMinHash | None = None
    #: :func:`element_hashes` of the words; made from ``words`` if not given.
    word_hashes: np.ndarray | None = None

    def __post_init__(self):
        if self.word_hashes is None:
            self.words = self.words or content_words(self.text)
            self.word_hashes = element_hashes(self.words)


def _set_masks(sets: list[set[str]]) -> np.ndarray:
    """Each set as a row of bits (see :func:`_hash_masks`)."""
    return _hash_masks([element_hashes(elements) for elements in sets])


def _hash_masks(sets: list[np.ndarray]) -> np.ndarray:
    """Each set (its :func:`element_hashes`) as a row of bits, over a vocabulary of
    the elements sets share.

    The size of two sets' intersection is then a bitwise AND and a bit count
    (:func:`_common`): many pairs at once, and as exact as intersecting the
    sets. An element only one set has is in no intersection, so it takes no bit.
    An element's bit is its place among the shared elements, in order.
    """
    flat = np.concatenate(sets) if sets else np.empty(0, dtype=np.uint64)
    flat.sort()  # in place: one copy of every set's elements at a time
    repeated = flat[1:][flat[1:] == flat[:-1]]
    del flat
    vocabulary = np.unique(repeated)  # each set's elements are distinct: a repeat is shared
    del repeated
    masks = np.zeros((len(sets), max(1, -(-len(vocabulary) // 64))), dtype=np.uint64)
    step = max(1, MASK_BATCH_WORDS // 8)  # elements placed at a time: bounded memory
    sizes = np.fromiter(map(len, sets), dtype=np.int64, count=len(sets))
    start = 0
    while start < len(sets):
        # As many sets as hold about ``step`` elements, and at least one.
        end = max(start + 1, int(np.searchsorted(np.cumsum(sizes[start:]), step, "right")) + start)
        elements = np.concatenate(sets[start:end])
        place = np.searchsorted(vocabulary, elements)
        kept = place < len(vocabulary)
        kept[kept] = vocabulary[place[kept]] == elements[kept]
        row = np.repeat(np.arange(start, end), sizes[start:end])[kept]
        bit = place[kept]
        # An element is once in a set: or-ing its bit in is adding it.
        np.bitwise_or.at(
            masks, (row, bit >> 6), np.left_shift(np.uint64(1), (bit & 63).astype(np.uint64))
        )
        start = end
    return masks


def _common(masks: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """How many elements the sets ``a[i]`` and ``b[i]`` share, from their :func:`_set_masks`."""
    common = np.zeros(len(a), dtype=np.int64)
    step = max(1, MASK_BATCH_WORDS // masks.shape[1])  # bounded memory
    for start in range(0, len(a), step):
        pair = slice(start, start + step)
        common[pair] = np.bitwise_count(masks[a[pair]] & masks[b[pair]]).sum(axis=1)
    return common


def _within_window(a: Item, b: Item) -> bool:
    if a.date is None or b.date is None:
        return True
    return abs((a.date - b.date).days) <= STORY_WINDOW_DAYS


class Pairs(NamedTuple):
    """Scored pairs as arrays, in the order of their item numbers: first and
    second item numbers (first < second), shared entities and word similarity."""

    first: np.ndarray
    second: np.ndarray
    shared: np.ndarray
    words: np.ndarray


def candidate_pairs(items: list[Item]) -> list[tuple[Item, Item, int, float]]:
    """The pairs worth scoring (shared entities, or wording MinHash LSH finds alike),
    each with its score: ``(a, b, shared entities, word similarity)``."""
    return _as_pairs(items, *_scored_pairs(items))


def close_pairs(items: list[Item]) -> list[tuple[Item, Item, int, float]]:
    """The :func:`candidate_pairs` close enough to be related or one story."""
    return _as_pairs(items, *close_pair_arrays(items))


def close_pair_arrays(items: list[Item]) -> Pairs:
    """:func:`close_pairs` as arrays, for :func:`related` and :func:`stories`.

    At 10,000 articles about 2% of half a million candidates: the rest are
    dropped as arrays, a block at a time, before a tuple is made for any.
    """
    return _scored_pairs(
        items, lambda shared, words: _related_enough(shared, words) | _close(shared, words)
    )


def _as_pairs(items, first, second, shared, words) -> list[tuple[Item, Item, int, float]]:
    return [
        (items[a], items[b], count, similarity)
        for a, b, count, similarity in zip(
            first.tolist(), second.tolist(), shared.tolist(), words.tolist(), strict=True
        )
    ]


def _scored_pairs(items: list[Item], keep=None) -> Pairs:
    """:func:`candidate_pairs` as arrays, those ``keep(shared, words)`` keeps if given.

    The candidates are found and scored a block of first items at a time
    (``minhash.lsh_pair_blocks``): on a digest of similar texts they grow with
    the square of its size, the pairs kept much less.
    """
    postings: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        for entity in item.entities:
            postings.setdefault(entity, []).append(index)
    shared: Counter = Counter()
    for indices in postings.values():
        if len(indices) <= MAX_ENTITY_POSTINGS:
            shared.update(itertools.combinations(indices, 2))
    size = len(items)
    # Pairs as codes a * size + b (a < b): numpy keeps millions of them cheaply,
    # and sorting the codes sorts the pairs.
    entity_pairs = np.sort(
        np.fromiter(
            (a * size + b for (a, b), count in shared.items() if count >= MIN_SHARED_ENTITIES),
            dtype=np.int64,
        )
    )
    del shared
    signatures = [
        word_signature(item.words or content_words(item.text))
        if item.signature is None
        else item.signature
        for item in items
    ]
    values = minhash.hash_values(signatures, NUM_PERM)
    sizes = np.array([len(item.word_hashes) for item in items], dtype=np.int64)
    word_masks = _hash_masks([item.word_hashes for item in items])
    entity_masks = _set_masks([item.entities for item in items])
    # Item numbers and entity counts as 32-bit numbers: the pairs kept are many.
    found = [Pairs(*(np.empty(0, dtype=np.int32),) * 3, np.empty(0, dtype=np.float64))]
    for start, end, worded in _worded_blocks(values, sizes > 0):
        low, high = np.searchsorted(entity_pairs, (start * size, end * size))
        named = entity_pairs[low:high]
        worded = worded[~np.isin(worded, named, assume_unique=True)]
        # LSH is tuned not to miss pairs, so on a large digest most of what it finds is
        # far from alike: estimating them all at once is much cheaper than scoring each.
        estimate = minhash.estimated_similarity(values, worded // size, worded % size)
        worded = worded[estimate >= MIN_ESTIMATED_WORD_SIMILARITY]
        codes = np.sort(np.concatenate((named, worded)))  # no pair is in both
        first, second = codes // size, codes % size
        common = _common(word_masks, first, second)
        union = sizes[first] + sizes[second] - common
        # Jaccard similarity; an empty set is alike to nothing
        words = np.divide(common, union, out=np.zeros(len(codes)), where=union > 0)
        shared = _common(entity_masks, first, second)
        if keep is not None:
            kept = keep(shared, words)
            first, second, shared, words = first[kept], second[kept], shared[kept], words[kept]
        narrow = (column.astype(np.int32) for column in (first, second, shared))
        found.append(Pairs(*narrow, words))
    return Pairs(*(np.concatenate(column) for column in zip(*found, strict=True)))


def _worded_blocks(values: np.ndarray, has_words: np.ndarray):
    """The pairs MinHash LSH finds alike in wording, as sorted codes ``a * size + b``,
    a block of first items at a time: ``(start, end, codes)`` for the pairs whose
    first item is in ``range(start, end)``; the blocks cover every item.

    ``values`` are the items' signature hash values, a row each; items without
    words take no part.
    """
    size = len(values)
    rows = np.flatnonzero(has_words)
    start = 0
    for _, end, first, second in minhash.lsh_pair_blocks(values[rows], RELATED_WORD_SIMILARITY):
        # rows ascend, so the pairs keep a < b and their order in the items' numbering
        stop = size if end == len(rows) else int(rows[end])
        yield start, stop, rows[first] * size + rows[second]
        start = stop
    if start < size:
        yield start, size, np.empty(0, dtype=np.int64)


# The evidence tests take numbers or numpy arrays of them alike (``&``, ``|``).


def _close(shared, words):
    """Enough in common to tell one story, dates aside."""
    return ((shared >= MIN_SHARED_ENTITIES) & (words >= MIN_WORD_SIMILARITY)) | (
        words >= STORY_WORD_SIMILARITY
    )


def _related_enough(shared, words):
    return ((shared >= MIN_SHARED_ENTITIES) & (words >= MIN_RELATED_WORD_SIMILARITY)) | (
        words >= RELATED_WORD_SIMILARITY
    )


def _same_story(a: Item, b: Item, shared: int, words: float) -> bool:
    return _close(shared, words) and _within_window(a, b)


def related(items: list[Item], pairs=None) -> dict[str, list[str]]:
    """For each key, the keys of its related articles, most related first.

    ``pairs`` are the :func:`close_pairs` of ``items`` (or all candidates), as
    tuples or as :class:`Pairs` arrays, when already known.
    """
    first, second, shared, words = _pair_arrays(items, pairs)
    kept = _related_enough(shared, words)
    rank = shared[kept] + 10 * words[kept]
    # Each pair counts for both its items, in the pairs' order.
    source = np.concatenate((first[kept], second[kept]))
    other = np.concatenate((second[kept], first[kept]))
    rank = -np.concatenate((rank, rank))
    key_order = np.empty(len(items), dtype=np.int32)
    key_order[sorted(range(len(items)), key=lambda number: items[number].key)] = np.arange(
        len(items)
    )
    # For each item, most related first, then by key (an item and another are
    # one pair at most, so nothing is left to the order they were found in).
    order = np.lexsort((key_order[other], rank, source))
    del rank
    source, other = source[order], other[order]
    del order
    starts = np.searchsorted(source, source, side="left")
    taken = np.arange(len(source)) - starts < MAX_RELATED
    found: dict[str, list[str]] = {item.key: [] for item in items}
    for number, others in zip(source[taken].tolist(), other[taken].tolist(), strict=True):
        found[items[number].key].append(items[others].key)
    return found


def stories(items: list[Item], pairs=None) -> list[list[str]]:
    """Groups of two or more keys telling the same story, largest first.

    ``pairs`` are the :func:`close_pairs` of ``items`` (or all candidates), as
    tuples or as :class:`Pairs` arrays, when already known.
    """
    first, second, shared, words = _pair_arrays(items, pairs)
    close = _close(shared, words)
    first, second = first[close], second[close]
    parent = {item.key: item.key for item in items}

    def root(key):
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    # A part at a time: a list of Python numbers is dear at millions of pairs.
    for start in range(0, len(first), PAIRS_AT_A_TIME):
        part = slice(start, start + PAIRS_AT_A_TIME)
        for one, two in zip(first[part].tolist(), second[part].tolist(), strict=True):
            a, b = items[one], items[two]
            if _within_window(a, b):
                parent[root(b.key)] = root(a.key)
    groups: dict[str, list[str]] = {}
    for item in items:
        groups.setdefault(root(item.key), []).append(item.key)
    return sorted((g for g in groups.values() if len(g) > 1), key=lambda g: (-len(g), g))


#: Pairs turned into Python numbers at a time by :func:`stories`.
PAIRS_AT_A_TIME = 65_536


def _pair_arrays(items: list[Item], pairs) -> Pairs:
    """``pairs`` (None: every candidate) as :class:`Pairs` arrays over ``items``' numbers."""
    if pairs is None:
        return _scored_pairs(items)
    if isinstance(pairs, Pairs):
        return pairs
    number = {id(item): place for place, item in enumerate(items)}
    return Pairs(
        np.array([number[id(a)] for a, _, _, _ in pairs], dtype=np.int32),
        np.array([number[id(b)] for _, b, _, _ in pairs], dtype=np.int32),
        np.array([shared for _, _, shared, _ in pairs], dtype=np.int32),
        np.array([words for _, _, _, words in pairs], dtype=np.float64),
    )


def story_subject(tags: list[list[str]], people: list[list[str]], title: str) -> str:
    """What a story is about, to name its page: the tag most of its articles share,
    else the person most of them name, else its ``title`` (:func:`story_title`).

    ``tags`` and ``people`` are its articles', first article first.
    """
    for lists in (tags, people):
        counts = Counter(name for names in lists for name in dict.fromkeys(names))
        order = {name: i for i, name in enumerate(n for names in lists for n in names)}
        shared = [name for name, count in counts.items() if count >= 2]
        if shared:
            return min(shared, key=lambda name: (-counts[name], order[name]))
    return title or "story"


def story_title(titles: list[str], sure: list[bool]) -> str:
    """The headline a story is listed under: its first article's whose headline the
    cleaner is sure of (or the curator set), else its first article's. A headline
    the cleaner doubts ("Trump impeachment inquiry", a topic link taken for want of
    a better line) should not name every article of the story."""
    return next((t for t, ok in zip(titles, sure, strict=True) if ok), titles[0])
