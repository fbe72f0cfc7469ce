"""Title, byline, date and source: metadata found in the text itself.

Each finder is a small function over the seed's lines that says what it
found, on which line and how sure it is, so the pipeline can keep the
evidence. The byline, date and source finders live in their own modules
(:mod:`.byline`, :mod:`.dates`, :mod:`.source`); this module keeps the
headline and the names the pipeline has always called.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import takewhile
from zoneinfo import ZoneInfo

from . import boilerplate, byline, dates, source
from .dates import (
    BY_PREFIX,
    CLOCK_TIME,
    DATE_PATTERNS,
    DayFirst,
    Found,
    Language,
    find_dates,
    parse_date,
    runs_into_text,
    slash_order,
)
from .linememo import line_memo
from .record import Line
from .source import _any_publisher, _publisher, _publisher_patterns, publishers

#: A headline is short; longer first lines are body text or a teaser.
TITLE_MAX_WORDS = 30
#: The headline is looked for this many lines above the article text.
TITLE_LOOKBACK = 12
#: Bylines and datelines sit just under the title.
HEADER_WINDOW = byline.HEADER_WINDOW
#: A byline names at most this many words of people.
BYLINE_MAX_WORDS = byline.BYLINE_MAX_WORDS
#: Bylines and dates are also read this many lines above the headline.
HEADER_LOOKBACK = byline.HEADER_LOOKBACK
#: A byline or date at least this sure ends the header (see the pipeline's standfirst).
HEADER_END_CONFIDENCE = 0.8
#: :func:`find_byline` reads no further than this many lines under the headline.
BYLINE_LINES = HEADER_WINDOW + 1

_UPDATED = re.compile(r"^(?:updated|published|posted|last updated)\b[:\s]*", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…。][\"”’)]*(?:\s+\([^()]{1,20}\))?$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
#: Links, "Label: value: value" forms and "a | b" lists are not headlines.
_NOT_HEADLINE = re.compile(r"https?://|www\.|:[^:]*:|\s\|\s.*\s\|\s")

#: A headline says something in words: "0 0 0" or "12 | 4 | 2019" is a widget.
HEADLINE_MIN_LETTER_WORDS = 2


def _worded(text: str) -> bool:
    return sum(any(c.isalpha() for c in w) for w in text.split()) >= HEADLINE_MIN_LETTER_WORDS


@line_memo
def headline_candidate(text: str) -> bool:
    """Could be the headline: a few words, no full stop, not a byline or a date line."""
    words = len(text.split())
    if _CJK.search(text):
        words = max(words, len(text) // 2)
    return (
        3 <= words <= TITLE_MAX_WORDS
        and (_worded(text) or bool(_CJK.search(text)))
        and not _SENTENCE_END.search(text.rstrip("?!"))
        and not text.endswith(".")
        and not BY_PREFIX.match(text)
        and not _UPDATED.match(text)
        and not _NOT_HEADLINE.search(text)
        and not (len(text.split()) <= BYLINE_MAX_WORDS and find_dates(text))
    )


def find_title(
    lines: list[Line], body_start: int | None = None, furniture=lambda text: False
) -> Found | None:
    """The headline.

    With ``body_start`` (the index of the first line of the main text), the
    nearest headline-shaped line above it within :data:`TITLE_LOOKBACK`
    lines, skipping bylines, date lines and lines ``furniture`` rejects
    (captions, prompts). Otherwise, or when there is none: seeds start at or
    near the headline and menu words before it are short, so the first line
    of three or more words that does not end like a prose sentence wins,
    falling back to the first line.
    """
    if body_start is not None:
        for line in reversed(lines[max(0, body_start - TITLE_LOOKBACK) : body_start]):
            if headline_candidate(line.text) and not furniture(line.text):
                return Found(line.text, line.number, "headline above the article text")
    for line in lines[:HEADER_WINDOW]:
        words = line.text.split()
        if (
            3 <= len(words) <= TITLE_MAX_WORDS
            and _worded(line.text)
            and not _SENTENCE_END.search(line.text)
        ):
            return Found(line.text, line.number, "headline")
    if lines and _headline_like_first_line(lines[0].text):
        return Found(lines[0].text, lines[0].number, "first line")
    return None


#: A first line this long that ends like a sentence is the lead, not a headline.
LEAD_MIN_WORDS = 15


def _headline_like_first_line(text: str) -> bool:
    """Short enough for a headline, and not a lead sentence (that would lose it from the body)."""
    words = len(text.split())
    return words <= TITLE_MAX_WORDS and not (words >= LEAD_MIN_WORDS and _SENTENCE_END.search(text))


# ------------------------------------------------------------------ byline, date, source
# The finders the pipeline calls, with their signatures; the work is done in
# the modules named.
_MONTH_NUMBERS = dates._MONTH_NUMBERS


def find_byline(
    lines: list[Line], *, before: list[Line] = (), page: list[Line] = (), language: Language = None
) -> Found | None:
    """The byline nearest the headline: see :func:`.byline.find_byline`."""
    return byline.find_byline(lines, before=before, page=page, language=language)


def find_far_byline(lines: list[Line]) -> Found | None:
    """A dated post line far under the headline: see :func:`.byline.find_far_byline`."""
    return byline.find_far_byline(lines)


def credit_line(text: str) -> bool:
    """An outlet or a role alone on the line under a byline: see :func:`.byline.credit_line`."""
    return byline.credit_line(text)


def find_lead_byline(
    lines: list[Line], page: list[Line] = (), language: Language = None
) -> Found | None:
    """A name beside a date above the body: see :func:`.byline.find_lead_byline`."""
    return byline.find_lead_byline(lines, page, language)


def find_author_bio(lines: list[Line], people_only: bool = False) -> Found | None:
    """An author box under the article: see :func:`.byline.find_author_bio`."""
    return byline.find_author_bio(lines, people_only)


#: A line this short naming a widget ("Click to share on Reddit (Opens in new
#: window)"), undated, takes no place in the header window.
HEADER_WIDGET_MAX_WORDS = 10


def header_line(text: str) -> bool:
    """Could hold the byline or date: has letters or digits, and is no widget unless signed.

    "Posted by A on …" reads as a widget ("Posted 3 hours ago") to the
    furniture test; a line of icon glyphs takes a place in the header window.
    """
    if not any(c.isalnum() for c in text):
        return False
    furniture = boilerplate.furniture(text) or (
        len(text.split()) <= HEADER_WIDGET_MAX_WORDS
        and boilerplate.widget(text)
        and not find_dates(text)
    )
    return not furniture or byline.signed(text)


def find_stated_date(
    lines: list[Line],
    dayfirst: DayFirst = False,
    *,
    before: list[Line] = (),
    language: Language = None,
    header: int = dates.HEADER_WINDOW,
) -> Found | None:
    """The publication date written in the header: see :func:`.dates.find_stated_date`."""
    return dates.find_stated_date(
        lines,
        dayfirst,
        before=before,
        language=language,
        caption=boilerplate.caption,
        header=header,
    )


def find_closing_date(
    lines: list[Line], dayfirst: DayFirst = False, *, language: Language = None
) -> Found | None:
    """A date alone just under the article: see :func:`.dates.find_closing_date`.

    Only as far as a "Related articles" or "Comments" line: a date under one
    is a related story's or a comment's.
    """
    lines = list(
        takewhile(
            lambda ln: not (boilerplate.call_to_action(ln.text) or boilerplate.end_marker(ln.text)),
            lines,
        )
    )
    return dates.find_closing_date(lines, dayfirst, language=language, caption=boilerplate.caption)


def in_zone(found: Found, timezone: str) -> tuple[dt.date, dt.datetime | None]:
    """A stated date's day in ``timezone`` (an IANA name): see :func:`.dates.in_zone`."""
    return dates.in_zone(found, ZoneInfo(timezone))  # ZoneInfo keeps each zone it made


def infer_date(
    lines: list[Line], dayfirst: DayFirst = False, *, ceiling: dt.date | None = None
) -> Found | None:
    """A lower bound for the date from a photo caption: see :func:`.dates.infer_date`."""
    return dates.infer_date(lines, dayfirst, ceiling=ceiling, caption=boilerplate.caption)


def date_warning(date: dt.date | None, confidence: float | None) -> str | None:
    """The warning for a date the cleaner is unsure of: see :func:`.dates.date_warning`."""
    return dates.date_warning(date, confidence)


def updated_only_warning(updated: dt.date) -> str:
    """The warning for a page dated only by its update: see :func:`.dates.updated_only_warning`."""
    return dates.updated_only_warning(updated)


def find_source(furniture: list[Line], title: str | None) -> Found | None:
    """The outlet, from the page's furniture: see :func:`.source.find_source`."""
    return source.find_source(furniture, title, caption=boilerplate.caption)


__all__ = [
    "CLOCK_TIME",
    "DATE_PATTERNS",
    "Found",
    "_any_publisher",
    "_publisher",
    "_publisher_patterns",
    "credit_line",
    "find_byline",
    "find_dates",
    "find_lead_byline",
    "find_source",
    "find_stated_date",
    "find_title",
    "header_line",
    "headline_candidate",
    "infer_date",
    "parse_date",
    "publishers",
    "runs_into_text",
    "slash_order",
]
