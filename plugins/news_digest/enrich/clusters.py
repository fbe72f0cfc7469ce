"""Related articles and story clusters: one event told by several outlets.

Two articles are about the same story when they name at least
:data:`MIN_SHARED_ENTITIES` of the same people, organisations or places and
their content words overlap (Jaccard ≥ :data:`MIN_WORD_SIMILARITY`), and
their dates are within :data:`STORY_WINDOW_DAYS` of each other (undated
articles need no window). Stories are the connected groups of such pairs.
Related articles need the same evidence, looser (:data:`MIN_RELATED_WORD_SIMILARITY`),
or much wording in common, and no window.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

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

_WORDS = re.compile(r"[^\W\d_]+")


@dataclass
class Item:
    key: str
    text: str
    entities: set[str]
    date: dt.date | None = None
    words: set[str] = field(default_factory=set)

    def __post_init__(self):
        if not self.words:
            self.words = {w for w in _WORDS.findall(self.text.lower()) if len(w) >= MIN_WORD_LENGTH}


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _within_window(a: Item, b: Item) -> bool:
    if a.date is None or b.date is None:
        return True
    return abs((a.date - b.date).days) <= STORY_WINDOW_DAYS


def _score(a: Item, b: Item) -> tuple[int, float]:
    return len(a.entities & b.entities), _jaccard(a.words, b.words)


def _same_story(a: Item, b: Item) -> bool:
    shared, words = _score(a, b)
    close = (shared >= MIN_SHARED_ENTITIES and words >= MIN_WORD_SIMILARITY) or (
        words >= STORY_WORD_SIMILARITY
    )
    return close and _within_window(a, b)


def related(items: list[Item]) -> dict[str, list[str]]:
    """For each key, the keys of its related articles, most related first."""
    found: dict[str, list[tuple[float, str]]] = {item.key: [] for item in items}
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            shared, words = _score(a, b)
            if (
                shared >= MIN_SHARED_ENTITIES and words >= MIN_RELATED_WORD_SIMILARITY
            ) or words >= RELATED_WORD_SIMILARITY:
                rank = shared + 10 * words
                found[a.key].append((rank, b.key))
                found[b.key].append((rank, a.key))
    return {
        key: [k for _, k in sorted(pairs, key=lambda p: (-p[0], p[1]))[:MAX_RELATED]]
        for key, pairs in found.items()
    }


def stories(items: list[Item]) -> list[list[str]]:
    """Groups of two or more keys telling the same story, largest first."""
    parent = {item.key: item.key for item in items}

    def root(key):
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            if _same_story(a, b):
                parent[root(b.key)] = root(a.key)
    groups: dict[str, list[str]] = {}
    for item in items:
        groups.setdefault(root(item.key), []).append(item.key)
    return sorted((g for g in groups.values() if len(g) > 1), key=lambda g: (-len(g), g))
