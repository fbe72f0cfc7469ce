"""Title, byline, date and source: metadata found in the text itself.

Each finder is a small function over the seed's lines that says what it
found and on which line, so the pipeline can keep the evidence.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from dateutil import parser as dateparser

from .record import Line

#: A headline is short; longer first lines are body text or a teaser.
TITLE_MAX_WORDS = 30
#: The headline is looked for this many lines above the article text.
TITLE_LOOKBACK = 12
#: Bylines and datelines sit just under the title.
HEADER_WINDOW = 8
#: A byline names at most this many words of people.
BYLINE_MAX_WORDS = 16
#: Line-level finders are pure functions of the text: remember this many results.
LINE_CACHE_SIZE = 1 << 16

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
    r"Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
#: Dates as news pages write them: "Apr 18, 2017", "18 April 2017",
#: "2017-04-18", "11/19/19", "Nov. 19, 2019 8:03 am ET".
DATE_PATTERNS = (
    re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b", re.IGNORECASE),
    re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\s*,?\s+\d{{4}}\b", re.IGNORECASE),
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    re.compile(r"\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b"),
)
# Every date pattern, the foreign one too, needs a digit.
_DIGIT = re.compile(r"\d")
_BY = re.compile(r"^(?:written\s+)?by[:\s]+(?P<rest>.+)$", re.IGNORECASE)
_UPDATED = re.compile(r"^(?:updated|published|posted|last updated)\b[:\s]*", re.IGNORECASE)
_NAME_WORD = re.compile(r"^(?:[A-Z][\w’'.-]*|de|da|van|von|der|del|la|le|bin|al-\w+)$")
#: A name alone on a line counts as a byline this close under the headline.
NAME_LINE_WINDOW = 3
#: :func:`find_byline` reads no further than this many lines.
BYLINE_LINES = max(HEADER_WINDOW, NAME_LINE_WINDOW + 1)
_NAME_LINE = re.compile(r"^[A-Z][a-z’'-]+(?: [A-Z]\.)?(?: (?:de |van |von )?[A-Z][a-z’'-]+){1,2}$")
_TIME_OR_DATE = re.compile(rf"\b\d{{1,2}}:\d{{2}}\b|{_MONTH}\s+\d{{1,2}}\b", re.IGNORECASE)
_NAME_SPLIT = re.compile(r"\s*(?:,\s*and\s+|\band\b|&|,|\|)\s*")
_SENTENCE_END = re.compile(r"[.!?…。][\"”’)]*(?:\s+\([^()]{1,20}\))?$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
#: Links, "Label: value: value" forms and "a | b" lists are not headlines.
_NOT_HEADLINE = re.compile(r"https?://|www\.|:[^:]*:|\s\|\s.*\s\|\s")
#: "— Name (@handle) date": the credit of an embedded post, not a dateline.
_QUOTED_POST = re.compile(r"^[—–-] .{1,60}\(@\w+\)")
_CAMEL = re.compile(r"[a-z][A-Z]|^[A-Z]{2,}[a-z]")


@dataclass(frozen=True)
class Found:
    """A piece of metadata and the line it came from."""

    value: object
    line: int
    evidence: str


#: A headline says something in words: "0 0 0" or "12 | 4 | 2019" is a widget.
HEADLINE_MIN_LETTER_WORDS = 2


def _worded(text: str) -> bool:
    return sum(any(c.isalpha() for c in w) for w in text.split()) >= HEADLINE_MIN_LETTER_WORDS


@lru_cache(maxsize=LINE_CACHE_SIZE)
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
        and not _BY.match(text)
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


@lru_cache(maxsize=1)
def _month_names() -> dict[str, int]:
    data = resources.files(__package__).joinpath("data/months.json").read_text("utf-8")
    return {
        name: int(number) for number, names in json.loads(data)["months"].items() for name in names
    }


@lru_cache(maxsize=1)
def _foreign_date() -> re.Pattern:
    """ "22 de janeiro de 2018", "20. November 2019", "5 ноября 2019 г."."""
    names = "|".join(sorted(map(re.escape, _month_names()), key=len, reverse=True))
    return re.compile(
        rf"\b(?P<day>\d{{1,2}})\.?\s+(?:de\s+)?(?P<month>{names})\.?,?\s+(?:de\s+)?"
        rf"(?P<year>\d{{4}})\b",
        re.IGNORECASE,
    )


#: Whether "05/10/2018" is 5 October: a flag, or a function that tells it
#: when asked (the page's language, worked out only if a date needs it).
DayFirst = bool | Callable[[], bool]


def find_dates(text: str, dayfirst: DayFirst = False) -> list[tuple[dt.date, str]]:
    """Every full date written in ``text``, with the matched string.

    ``dayfirst`` reads "05/10/2018" as 5 October (pages not in English).
    A function is called only when the two readings of ``text`` differ:
    most dates name their month, and most lines have none.
    """
    if not callable(dayfirst):
        return list(_dates(text, dayfirst))
    month_first = _dates(text, False)
    if month_first == _dates(text, True):
        return list(month_first)
    return list(_dates(text, dayfirst()))


@lru_cache(maxsize=LINE_CACHE_SIZE)
def _dates(text: str, dayfirst: bool) -> tuple[tuple[dt.date, str], ...]:
    if _DIGIT.search(text) is None:
        return ()
    found = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            date = parse_date(match.group(0), dayfirst=dayfirst)
            if date:
                found.append((date, match.group(0)))
    if not found:
        for match in _foreign_date().finditer(text):
            month = _month_names()[match.group("month").casefold()]
            try:
                date = dt.date(int(match.group("year")), month, int(match.group("day")))
            except ValueError:
                continue
            if 1900 < date.year < 2200:
                found.append((date, match.group(0)))
    return tuple(found)


#: English month names and the abbreviations :data:`_MONTH` allows, lower case.
_MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
#: The usual spellings of the first two :data:`DATE_PATTERNS` ("Apr 18, 2017",
#: "18th April 2017"): ASCII letters and digits, single spaces.
_PLAIN_NAMED_DATE = re.compile(
    r"(?P<month>[A-Za-z]+)\.? (?P<day>[0-9]{1,2})(?:st|nd|rd|th)?,? (?P<year>[0-9]{4})"
    r"|(?P<day_first>[0-9]{1,2})(?:st|nd|rd|th)? (?P<month_second>[A-Za-z]+)\.?,? "
    r"(?P<year_last>[0-9]{4})"
)


def _plain_named_date(text: str) -> dt.date | None:
    """The date :func:`parse_date` reads in a plainly written "Apr 18, 2017", or ``None``.

    Reading it directly is some twenty times faster than dateutil's fuzzy
    parse, and with the month named, ``dayfirst`` makes no difference.
    ``None`` (any other spelling, or no real date between the years 1900
    and 2200) leaves the string to dateutil. A test checks that both agree.
    """
    match = _PLAIN_NAMED_DATE.fullmatch(text)
    if match is None:
        return None
    month = _MONTH_NUMBERS.get((match["month"] or match["month_second"]).lower())
    if month is None:
        return None
    try:
        date = dt.date(
            int(match["year"] or match["year_last"]), month, int(match["day"] or match["day_first"])
        )
    except ValueError:
        return None
    return date if 1900 < date.year < 2200 else None


def parse_date(text: str, dayfirst: bool = False) -> dt.date | None:
    """A date from one matched date string; ``None`` when it is not a real date."""
    if date := _plain_named_date(text):
        return date
    try:
        value = dateparser.parse(
            text, fuzzy=True, dayfirst=dayfirst, default=dt.datetime(1900, 1, 1)
        )
    except (ValueError, OverflowError):
        return None
    if not 1900 < value.year < 2200:
        return None
    return value.date()


@lru_cache(maxsize=1)
def _byline_words() -> frozenset[str]:
    text = resources.files(__package__).joinpath("data/byline_words.txt").read_text("utf-8")
    return frozenset(
        w.strip().casefold() for w in text.splitlines() if w.strip() and not w.startswith("#")
    )


def _names(text: str) -> list[str]:
    """Names in a byline remainder: "A and B", "A, B | Outlet", "A Apr 18, 2017"."""
    for pattern in DATE_PATTERNS:
        text = pattern.split(text, maxsplit=1)[0]
    text = text.split("|", 1)[0]  # "By A | Outlet"
    names = []
    for part in _NAME_SPLIT.split(text):
        words = part.strip(" ,;:-–—").split()
        name = []
        for word in words:
            if (
                not _NAME_WORD.match(word)
                or word.casefold() in _byline_words()
                or _CAMEL.search(word)
            ):
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
    """ "By A and B", "By A | Outlet", "By A Apr 18, 2017" near the top.

    Failing those, a line that is nothing but a two- or three-word name
    right under the headline, next to a date or time line ("Maren Estrada"
    over "November 19th, 2019 at 8:40 AM"), is the byline.
    """
    for line in lines[:HEADER_WINDOW]:
        match = _BY.match(line.text)
        if not match or len(line.text.split()) > BYLINE_MAX_WORDS:
            continue
        names = _names(match.group("rest"))
        if names:
            return Found(names, line.number, line.text)
    window = lines[:NAME_LINE_WINDOW]
    for index, line in enumerate(window):
        neighbours = window[max(0, index - 1) : index] + lines[index + 1 : index + 2]
        if (
            _NAME_LINE.match(line.text)
            and not ({w.casefold() for w in line.text.split()} & _byline_words())
            and any(_TIME_OR_DATE.search(n.text) or find_dates(n.text) for n in neighbours)
        ):
            return Found([line.text], line.number, f"name on its own line: {line.text}")
    return None


def find_stated_date(lines: list[Line], dayfirst: DayFirst = False) -> Found | None:
    """A date written in the header: in the byline, a dateline or an "Updated …" line."""
    for line in lines[:HEADER_WINDOW]:
        text = _dateline(line.text)
        if text is None:
            continue
        dates = find_dates(text, dayfirst=dayfirst)
        if dates:
            date, written = dates[0]
            kind = "byline" if _BY.match(line.text) else "dateline"
            return Found(date, line.number, f"from the {kind} ({written})")
    return None


@lru_cache(maxsize=LINE_CACHE_SIZE)
def _dateline(text: str) -> str | None:
    """What of a header line may state the article's date: the line without "Updated".

    ``None`` for a line too long to be a byline or dateline (the header
    window reaches into the article on the cleaner's later looks), or for
    the credit of an embedded post.
    """
    text = _UPDATED.sub("", text)
    if len(text.split()) > BYLINE_MAX_WORDS or _QUOTED_POST.match(text):
        return None
    return text


def infer_date(lines: list[Line], dayfirst: DayFirst = False) -> Found | None:
    """The latest date mentioned anywhere: the article is from then or later."""
    best: Found | None = None
    for line in lines:
        for date, written in find_dates(line.text, dayfirst=dayfirst):
            if best is None or date > best.value:
                best = Found(date, line.number, written)
    return best


@lru_cache(maxsize=1)
def publishers() -> list[dict]:
    data = resources.files(__package__).joinpath("data/publishers.json").read_text("utf-8")
    return json.loads(data)["publishers"]


def _naming(names: str, hosts: str) -> str:
    """A pattern for a publisher named by one of ``names`` or a host of ``hosts`` (alternations)."""
    return rf"(?<!\w)(?:{names})(?!\w)|\b(?:{hosts})\b"


@lru_cache(maxsize=1)
def _publisher_names() -> list[tuple[str, str, str]]:
    """``(name, aliases, hosts)`` of every publisher, the last two as alternations."""
    return [
        (
            pub["name"],
            "|".join(re.escape(a) for a in sorted(pub["aliases"], key=len, reverse=True)),
            "|".join(re.escape(d) for d in pub["domains"]),
        )
        for pub in publishers()
    ]


@lru_cache(maxsize=1)
def _publisher_patterns() -> list[tuple[str, re.Pattern]]:
    return [(name, re.compile(_naming(names, hosts))) for name, names, hosts in _publisher_names()]


@lru_cache(maxsize=1)
def _any_publisher() -> re.Pattern:
    """Every publisher's aliases and hosts in one pattern: most lines name none."""
    return re.compile(
        _naming(
            "|".join(names for _, names, _ in _publisher_names()),
            "|".join(hosts for _, _, hosts in _publisher_names()),
        )
    )


@lru_cache(maxsize=LINE_CACHE_SIZE)
def _publisher(text: str) -> str | None:
    """The first known publisher (in ``data/publishers.json`` order) named in ``text``."""
    if _any_publisher().search(text) is None:
        return None
    return next((name for name, pattern in _publisher_patterns() if pattern.search(text)), None)


_TITLE_SUFFIX = re.compile(r"\s[|–—-]\s(?P<site>[^|–—-]{2,40})$")


#: "© 2019 Foo Media", "Copyright © 2018 Foo, Inc." in the page footer.
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|[Cc]opyright|COPYRIGHT)\s*(?:©\s*)?\d{4}(?:\s*[-–]\s*\d{4})?,?\s*"
    r"(?P<owner>[A-Z][\w&.'’-]*(?: [A-Z&][\w&.'’-]*){0,4})"
)
#: A bare host name in the furniture: "www.example.com.br".
_HOST = re.compile(r"\bwww\.(?P<host>[a-z0-9-]+(?:\.[a-z0-9-]+)+)\b", re.IGNORECASE)


def find_source(furniture: list[Line], title: str | None) -> Found | None:
    """The publisher, from page furniture (prompts, mastheads, copyright) or a title suffix.

    Known publishers (``data/publishers.json``) first, then a copyright
    owner, then a bare ``www.`` host name.

    Only removed lines are searched: an outlet cited in the body ("As Mic
    reports") is a source *of* the article, not its publisher.
    """
    candidates = list(furniture)
    if title and (suffix := _TITLE_SUFFIX.search(title)):
        candidates.insert(0, Line(0, suffix.group("site")))
    for line in candidates:
        if (name := _publisher(line.text)) is not None:
            return Found(name, line.number, line.text)
    for line in candidates:
        if (owner := _copyright_owner(line.text)) is not None:
            return Found(owner, line.number, line.text)
    for line in candidates:
        if (host := _host(line.text)) is not None:
            return Found(host, line.number, line.text)
    return None


@lru_cache(maxsize=LINE_CACHE_SIZE)
def _copyright_owner(text: str) -> str | None:
    """The owner named in a copyright line ("© 2019 Foo Media. All rights reserved")."""
    if match := _COPYRIGHT.search(text):
        return re.split(r"\.?\s+All\b|\.\s", match.group("owner"))[0].strip(" .,")
    return None


@lru_cache(maxsize=LINE_CACHE_SIZE)
def _host(text: str) -> str | None:
    """A bare ``www.`` host name in ``text``, without the ``www.``."""
    if match := _HOST.search(text):
        return match.group("host").casefold()
    return None
