"""Title, byline, date and source: metadata found in the text itself.

Each finder is a small function over the seed's lines that says what it
found and on which line, so the pipeline can keep the evidence.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from dateutil import parser as dateparser

from .record import Line

#: A headline is short; longer first lines are body text or a teaser.
TITLE_MAX_WORDS = 30
#: Bylines and datelines sit just under the title.
HEADER_WINDOW = 8
#: A byline names at most this many words of people.
BYLINE_MAX_WORDS = 16

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
    r"Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
#: Dates as news pages write them: "Apr 18, 2017", "18 April 2017",
#: "2017-04-18", "11/19/19", "Nov. 19, 2019 8:03 am ET".
DATE_PATTERNS = (
    re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b"),
    re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\s*,?\s+\d{{4}}\b"),
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    re.compile(r"\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b"),
)
_BY = re.compile(r"^(?:written\s+)?by[:\s]+(?P<rest>.+)$", re.IGNORECASE)
_UPDATED = re.compile(r"^(?:updated|published|posted|last updated)\b[:\s]*", re.IGNORECASE)
_NAME_WORD = re.compile(r"^(?:[A-Z][\w’'.-]*|de|da|van|von|der|del|la|le|bin|al-\w+)$")
_NAME_SPLIT = re.compile(r"\s*(?:,\s*and\s+|\band\b|&|,|\|)\s*")
_SENTENCE_END = re.compile(r"[.!?…][\"”’)]*$")


@dataclass(frozen=True)
class Found:
    """A piece of metadata and the line it came from."""

    value: object
    line: int
    evidence: str


def find_title(lines: list[Line]) -> Found | None:
    """The headline: the first line that is short and not a sentence-ending teaser.

    Seeds start at or near the headline; menu words before it are short but
    single words, so the first line of three or more words that does not end
    like a prose sentence wins, falling back to the first line.
    """
    for line in lines[:HEADER_WINDOW]:
        words = line.text.split()
        if 3 <= len(words) <= TITLE_MAX_WORDS and not _SENTENCE_END.search(line.text):
            return Found(line.text, line.number, "headline")
    if lines and len(lines[0].text.split()) <= TITLE_MAX_WORDS:
        return Found(lines[0].text, lines[0].number, "first line")
    return None


def find_dates(text: str) -> list[tuple[dt.date, str]]:
    """Every full date written in ``text``, with the matched string."""
    found = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            date = parse_date(match.group(0))
            if date:
                found.append((date, match.group(0)))
    return found


def parse_date(text: str) -> dt.date | None:
    """A date from one matched date string; ``None`` when it is not a real date."""
    try:
        value = dateparser.parse(text, fuzzy=True, default=dt.datetime(1900, 1, 1))
    except (ValueError, OverflowError):
        return None
    if not 1900 < value.year < 2200:
        return None
    return value.date()


def _names(text: str) -> list[str]:
    """Names in a byline remainder: "A and B", "A, B | Outlet", "A Apr 18, 2017"."""
    for pattern in DATE_PATTERNS:
        text = pattern.split(text, maxsplit=1)[0]
    names = []
    for part in _NAME_SPLIT.split(text):
        words = part.strip(" ,;:-–—").split()
        name = []
        for word in words:
            if not _NAME_WORD.match(word):
                break
            name.append(word)
        if 2 <= len(name) <= 5 and len(name) == len(words):
            names.append(" ".join(name))
        elif name and len(name) >= 2:
            names.append(" ".join(name))
            break
        else:
            break
    return names


def find_byline(lines: list[Line]) -> Found | None:
    """ "By A and B", "By A | Outlet", "By A Apr 18, 2017" near the top."""
    for line in lines[:HEADER_WINDOW]:
        match = _BY.match(line.text)
        if not match or len(line.text.split()) > BYLINE_MAX_WORDS:
            continue
        names = _names(match.group("rest"))
        if names:
            return Found(names, line.number, line.text)
    return None


def find_stated_date(lines: list[Line]) -> Found | None:
    """A date written in the header: in the byline, a dateline or an "Updated …" line."""
    for line in lines[:HEADER_WINDOW]:
        text = _UPDATED.sub("", line.text)
        if len(text.split()) > BYLINE_MAX_WORDS:
            continue
        dates = find_dates(text)
        if dates:
            date, written = dates[0]
            kind = "byline" if _BY.match(line.text) else "dateline"
            return Found(date, line.number, f"from the {kind} ({written})")
    return None


def infer_date(lines: list[Line]) -> Found | None:
    """The latest date mentioned anywhere: the article is from then or later."""
    best: Found | None = None
    for line in lines:
        for date, written in find_dates(line.text):
            if best is None or date > best.value:
                best = Found(date, line.number, written)
    return best


@lru_cache(maxsize=1)
def publishers() -> list[dict]:
    data = resources.files(__package__).joinpath("data/publishers.json").read_text("utf-8")
    return json.loads(data)["publishers"]


@lru_cache(maxsize=1)
def _publisher_patterns() -> list[tuple[str, re.Pattern]]:
    patterns = []
    for pub in publishers():
        names = "|".join(re.escape(a) for a in sorted(pub["aliases"], key=len, reverse=True))
        hosts = "|".join(re.escape(d) for d in pub["domains"])
        patterns.append((pub["name"], re.compile(rf"(?<!\w)(?:{names})(?!\w)|\b(?:{hosts})\b")))
    return patterns


_TITLE_SUFFIX = re.compile(r"\s[|–—-]\s(?P<site>[^|–—-]{2,40})$")


def find_source(furniture: list[Line], title: str | None) -> Found | None:
    """The publisher, from page furniture (prompts, mastheads, copyright) or a title suffix.

    Only removed lines are searched: an outlet cited in the body ("As Mic
    reports") is a source *of* the article, not its publisher.
    """
    candidates = list(furniture)
    if title and (suffix := _TITLE_SUFFIX.search(title)):
        candidates.insert(0, Line(0, suffix.group("site")))
    for line in candidates:
        for name, pattern in _publisher_patterns():
            if pattern.search(line.text):
                return Found(name, line.number, line.text)
    return None
