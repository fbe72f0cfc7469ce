"""Plain data records passed along the cleaning pipeline.

Nothing here knows about Pelican: the reader turns an :class:`Article` into
Pelican's ``(content, metadata)`` pair, ``invoke extract`` into files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

# Block kinds emitted in the body.
PARAGRAPH = "paragraph"
QUOTE = "quote"  # a quoted passage ("From the essay:" …), emitted as a blockquote
HEADING = "heading"

# Where the article's date came from.
DATE_STATED = "stated"  # written in the text (byline, dateline, "Updated …")
DATE_INFERRED = "inferred"  # the latest date mentioned in the text: a lower bound
DATE_UNKNOWN = "unknown"


class Line(NamedTuple):
    """One non-blank line of the seed, with its 1-based line number.

    A named tuple, not a frozen dataclass: every look at a seed makes one
    per line, and a tuple is built in half the time.
    """

    number: int
    text: str
    blank_before: bool = False


@dataclass(frozen=True)
class Block:
    """A piece of the article body, in seed order."""

    kind: str
    text: str
    line: int


@dataclass(frozen=True)
class Removed:
    """A line left out of the body, and why (shown in the build report)."""

    line: int
    text: str
    reason: str


@dataclass
class Article:
    """Everything the pipeline extracts from one seed."""

    title: str | None = None
    title_line: int | None = None
    authors: list[str] = field(default_factory=list)
    date: dt.date | None = None
    date_status: str = DATE_UNKNOWN
    date_source: str = "no date in the text"
    #: The date the page says it was last updated, when it gives no other:
    #: not the publication date, which is on or before it.
    updated: dt.date | None = None
    #: The moment of publication, where the text gives a clock time and a
    #: time zone with the date (aware, in the zone the cleaner was asked for:
    #: :attr:`date` is its day there).
    published: dt.datetime | None = None
    source: str | None = None
    source_evidence: str | None = None
    language: str = "en"
    body: list[Block] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: How sure the cleaner is of each field, 0 to 1: "title", "body" (and
    #: "authors", "date", "source" where their finders say).
    confidence: dict[str, float] = field(default_factory=dict)
    #: The warning (one of :attr:`warnings`) about each field the cleaner is unsure
    #: of ("title", "date"): a curator's annotation that sets the field settles it.
    unsure: dict[str, str] = field(default_factory=dict)
    encoding: str = "utf-8"

    @property
    def body_text(self) -> str:
        """The body alone, paragraphs separated by blank lines."""
        return "\n\n".join(block.text for block in self.body)

    @property
    def word_count(self) -> int:
        return sum(len(block.text.split()) for block in self.body)
