"""Corpus-level signal: lines that recur across many pages of one publisher.

A publisher's pages share their furniture (menus, footers, widget titles,
newsletter prompts) word for word, while article sentences are not repeated
from one article to the next. Given many raw texts (say every seed of one
publisher, or a whole directory handed to ``invoke extract``),
:func:`repeated_lines` returns the normalised lines found in several of them;
the pipeline takes that set as its optional ``repeated`` argument.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .normalise import normalise, segment

#: A line must occur in at least this many distinct texts to count as shared.
REPEATED_MIN_TEXTS = 2
#: Lines longer than this many characters are article prose even if repeated
#: (wire copy syndicated twice); only furniture-sized lines are collected.
REPEATED_MAX_CHARS = 200


def line_key(text: str) -> str:
    """A line as the corpus signal compares it: white space collapsed, case folded."""
    return " ".join(text.split()).casefold()


def repeated_lines(texts: Iterable[str], min_texts: int = REPEATED_MIN_TEXTS) -> frozenset[str]:
    """Keys (see :func:`line_key`) of lines present in at least ``min_texts`` texts."""
    counts: Counter[str] = Counter()
    for text in texts:
        keys = {
            line_key(line.text)
            for line in segment(normalise(text))
            if len(line.text) <= REPEATED_MAX_CHARS
        }
        counts.update(keys)
    return frozenset(key for key, n in counts.items() if n >= min_texts)
