"""The article's date: dates written in the text, and which of them is the publication date.

Two layers. :func:`find_dates` finds every full date in a line with
regular expressions (English month names, numbers, the month names of
``data/months.json``, CJK year-month-day forms), fast enough to run on every
line. :func:`find_stated_date` then picks the publication date among the
header lines: the date nearest the headline and byline, a "Published" date
over an "Updated" one (labels in ``data/date_labels.json``). A date the
patterns miss in a page of another language is read by ``dateparser``, in
that language and English only. The day is the one the page prints: a time
and zone after it ("Nov 19, 2019, 10:31 pm CST") does not move it to UTC
(docs/metadata.md says why).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from zoneinfo import ZoneInfo

from dateutil import parser as dateutil_parser

from .linememo import line_memo
from .record import Line

#: A line with more words than this is prose, not a byline or dateline ...
DATELINE_MAX_WORDS = 16
#: ... unless it starts "By" or "Published": then at most this many.
LABELLED_MAX_WORDS = 30
#: Dates are looked for this many header lines under the headline ...
HEADER_WINDOW = 8
#: ... and this many lines above it (a date over the headline, or a headline chosen too low).
HEADER_LOOKBACK = 2
#: A date above the headline counts as this many lines further away than one below.
ABOVE_PENALTY = 1.5
#: A stated date gives the article's date with this confidence: labelled "Published"
#: or in the byline line, a date alone near the headline, only an "Updated" date.
CONFIDENCE_LABELLED = 0.95
CONFIDENCE_NEAR = 0.85
CONFIDENCE_FAR = 0.6
CONFIDENCE_UPDATED = 0.6
#: A date this many lines or more from the headline is "far".
FAR_LINES = 4
#: An inferred date (a lower bound from the text) is never sure.
CONFIDENCE_INFERRED = 0.3
#: An inferred date is looked for only in this many first lines: the caption of
#: the lead photo, a date under a headline the finder did not take as a dateline.
INFER_WINDOW = 12

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
    r"Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
#: A clock time as datelines and bylines write it, with the word before it
#: ("9:40 Uhr", "um 10.30", "at 8:03 am"); a pattern to compose, case ignored.
CLOCK_TIME = (
    r"(?:\b(?:um|at|à|a las|alle|às|om)\s+)?\b\d{1,2}[:.h]\d{2}(?::\d{2})?\s*"
    r"(?:[ap]\.?\s?m\.?|uhr|h)?"
)
#: Dates as news pages write them: "Apr 18, 2017", "18 April 2017",
#: "December 19. 2025", "2017-04-18", "11/19/19", "Nov. 19, 2019 8:03 am ET".
DATE_PATTERNS = (
    re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?[,.]?\s+\d{{4}}\b", re.IGNORECASE),
    re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\s*,?\s+\d{{4}}\b", re.IGNORECASE),
    re.compile(r"\b\d{4}-\d{2}-\d{2}(?:\b|(?=T\d))"),
    re.compile(r"\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b"),
)
#: Forms whose order of day and month is fixed, read without dateutil:
#: "19.11.2019" (day first wherever dots are used), "2019/11/19", "2019年11月19日",
#: "2019년 11월 19일", "2019. 11. 19.".
_FIXED_ORDER = (
    ("dmy", re.compile(r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})(?![\d.]\d)")),
    ("ymd", re.compile(r"(?<![\d/])(\d{4})/(\d{1,2})/(\d{1,2})(?![\d/])")),
    ("ymd", re.compile(r"(\d{4})\s?年\s?(\d{1,2})\s?月\s?(\d{1,2})\s?日")),
    ("ymd", re.compile(r"(\d{4})\s?년\s?(\d{1,2})\s?월\s?(\d{1,2})\s?일")),
    ("ymd", re.compile(r"(?<![\d.])(\d{4})\.\s?(\d{1,2})\.\s?(\d{1,2})\.?(?![\d])")),
)
#: A calendar-style version number, not a date: "2024.4.4 -> 2024.5.0", "v2021.8.1",
#: "version 2023.12.1" (an arrow or a version word beside it).
_VERSION = re.compile(
    r"(?:->|→|=>|\b(?:v|ver\.?|version|release|update to|upgrade to)\s?)\d{4}\.\d"
    r"|\d{4}\.\d{1,2}\.\d{1,2}\s*(?:->|→|=>)",
    re.IGNORECASE,
)
#: How far around a date :data:`_VERSION` looks.
VERSION_CONTEXT = 16


def _around(match: re.Match) -> tuple[int, int]:
    return max(0, match.start() - VERSION_CONTEXT), match.end() + VERSION_CONTEXT


# Every date pattern, the foreign one too, needs a digit.
_DIGIT = re.compile(r"\d")
#: The credit of an embedded post, not a byline or dateline: "— Name (@handle)
#: date", or a handle and its date in any language ("A post shared by Name
#: (@handle) on Jun 15, 2019", "Ein Beitrag geteilt von Name (@handle) am …").
QUOTED_POST = re.compile(r"^[—–-] .{1,60}\(@\w+\)")
_HANDLE_DATED = re.compile(r"\(@[\w.]+\)\s+(?:\w{1,3}\s+)?(?:\d|\w{3,9}\.?\s+\d)")
#: A line ending in a colon introduces what follows, and its date is that of
#: a quotation, a comment or an entry ("Enzyklika „Deus caritas est“, 25.
#: Dezember 2005:", "Alex on September 17, 2018 at 6:34 am said:", "News vom
#: 31.10.2018:"), not the article's; a byline is read whatever follows it
#: ("By Ann Lee Last updated Nov 8, 2023 Share with new partner:").
_INTRODUCES = re.compile(r":\s*$")
#: The word a byline opens with, in the cleaner's languages ("By", "Von", "Par" …).
_SIGNING_WORDS = "by|von|par|por|di|door|av|af"
#: A byline's opening: a byline may give the author's handle before its date
#: ("By Ann Lee (@annlee) June 5, 2019").
_BYLINE_START = re.compile(rf"^(?:{_SIGNING_WORDS})\s", re.IGNORECASE)
#: An English byline's opening ("By Ann Lee", "Written by: Ann Lee"), one pattern for
#: the byline, boilerplate and headline tests that ask whether a line starts so.
BY_PREFIX = re.compile(r"^(?:written\s+)?by[:\s]", re.IGNORECASE)
#: A reference-list entry ("… Deptford Cinema. August 9, 2017. Retrieved 27
#: January 2020.", "^ Hartl, John (September 3, 1998)."): its dates are the
#: cited page's and the day it was read.
_CITATION = re.compile(
    r"^\^|\b(?:Retrieved|Archived from the original|Accessed|Abgerufen am|Consulté le)\b"
)
#: What parts a header line: "Le Monde | 04.05.2015 à 13h36 • Mis à jour … | Par A".
_PART_SEPARATOR = re.compile(r"\s+[|•·]\s+")
#: A header line has this many parts at least, each at most this many words.
META_MIN_PARTS = 3
PART_MAX_WORDS = 10
#: Whether "05/10/2018" is 5 October: a flag, or a function that tells it
#: when asked (the page's language, worked out only if a date needs it).
DayFirst = bool | Callable[[], bool]
#: The page's language (ISO 639-1), or a function that tells it when asked.
Language = str | Callable[[], str] | None


@dataclass(frozen=True)
class Found:
    """A piece of metadata, the line it came from, and how sure the finder is of it."""

    value: object
    line: int
    evidence: str
    confidence: float = 1.0
    #: What the finder took it for, where it tells kinds apart ("published",
    #: "updated", "byline", "dateline" for a stated date).
    kind: str = ""
    #: For a date written with a clock time and a time zone ("Nov 19, 2019,
    #: 10:31 pm CST"), the moment it states (an aware datetime).
    moment: dt.datetime | None = None


def _data(name: str) -> str:
    return resources.files(__package__).joinpath(f"data/{name}").read_text("utf-8")


@lru_cache(maxsize=1)
def _month_names() -> dict[str, int]:
    data = json.loads(_data("months.json"))
    return {name: int(number) for number, names in data["months"].items() for name in names}


@lru_cache(maxsize=1)
def _foreign_date() -> re.Pattern:
    """ "22 de janeiro de 2018", "20. November 2019", "5 ноября 2019 г.", "Maret 30, 2015"."""
    names = "|".join(sorted(map(re.escape, _month_names()), key=len, reverse=True))
    return re.compile(
        rf"\b(?:(?P<day>\d{{1,2}})\.?\s+(?:de\s+)?(?P<month>{names})\.?,?\s+(?:de\s+)?"
        rf"(?P<year>\d{{4}})|(?P<month2>{names})\.?\s+(?P<day2>\d{{1,2}}),?\s+(?P<year2>\d{{4}}))\b",
        re.IGNORECASE,
    )


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


_SLASHED = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(?:\d{4}|\d{2})(?![\d/])")


def slash_order(texts: Iterable[str]) -> bool | None:
    """Whether the page writes slashed dates day first, as its unambiguous ones
    show ("25/04/2020": day first; "04/25/2020": month first), or ``None`` when
    none is unambiguous or they disagree: then the page's language decides."""
    day_first = month_first = False
    for text in texts:
        if "/" not in text:
            continue
        for match in _SLASHED.finditer(text):
            first, second = int(match[1]), int(match[2])
            day_first |= 12 < first <= 31 and 1 <= second <= 12
            month_first |= 12 < second <= 31 and 1 <= first <= 12
    return day_first if day_first != month_first else None


def _real(year: int, month: int, day: int) -> dt.date | None:
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    return date if 1900 < date.year < 2200 else None


@line_memo
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
        for order, pattern in _FIXED_ORDER:
            for match in pattern.finditer(text):
                a, b, c = map(int, match.groups())
                date = _real(c, b, a) if order == "dmy" else _real(a, b, c)
                if date and not _VERSION.search(text, *_around(match)):
                    found.append((date, match.group(0)))
    if not found:
        for match in _foreign_date().finditer(text):
            month = _month_names()[(match["month"] or match["month2"]).casefold()]
            date = _real(
                int(match["year"] or match["year2"]), month, int(match["day"] or match["day2"])
            )
            if date:
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
    r"(?P<month>[A-Za-z]+)\.? (?P<day>[0-9]{1,2})(?:st|nd|rd|th)?[,.]? (?P<year>[0-9]{4})"
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
    return _real(
        int(match["year"] or match["year_last"]), month, int(match["day"] or match["day_first"])
    )


_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_date(text: str, dayfirst: bool = False) -> dt.date | None:
    """A date from one matched date string; ``None`` when it is not a real date."""
    if date := _plain_named_date(text):
        return date
    if match := _ISO.fullmatch(text):  # year first, whatever the page's day order
        return _real(*map(int, match.groups()))
    try:
        value = dateutil_parser.parse(
            text, fuzzy=True, dayfirst=dayfirst, default=dt.datetime(1900, 1, 1)
        )
    except (ValueError, OverflowError):
        return None
    if not 1900 < value.year < 2200:
        return None
    return value.date()


# ------------------------------------------------------------------ the whole span
#: dateparser's settings: a full date is required, no guessing from "today".
DATEPARSER_SETTINGS = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DAY_OF_MONTH": "first",
    "TIMEZONE": "UTC",
    "TO_TIMEZONE": "UTC",
    "RETURN_AS_TIMEZONE_AWARE": True,
}


@lru_cache(maxsize=64)
def _dateparser(languages: tuple[str, ...], day_first: bool):
    from dateparser.date import DateDataParser  # a second to import: only when needed

    settings = dict(DATEPARSER_SETTINGS, DATE_ORDER="DMY" if day_first else "MDY")
    try:
        return DateDataParser(languages=list(languages), settings=settings)
    except ValueError:  # a language dateparser does not know
        return DateDataParser(languages=["en"], settings=settings)


@line_memo
def read_span(text: str, language: str = "en", day_first: bool = False) -> dt.date | None:
    """The day of a date span read by ``dateparser`` in ``language`` and English, in UTC.

    ``None`` when dateparser finds no full date in it.
    """
    languages = tuple(dict.fromkeys((language, "en")))
    try:
        found = _dateparser(languages, day_first).get_date_data(text).date_obj
    except (ValueError, OverflowError, TypeError):
        return None
    if found is None or not 1900 < found.year < 2200:
        return None
    return found.date()


# ------------------------------------------------------------------ which date is the article's
@lru_cache(maxsize=1)
def _labels() -> dict[str, re.Pattern]:
    """ "published", "updated" and "other" labels of every language, as patterns."""
    data = json.loads(_data("date_labels.json"))
    return {
        kind: re.compile(
            r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")",
            re.IGNORECASE,
        )
        for kind, words in data.items()
        if not kind.startswith("_")
    }


def _label(text: str, written: str) -> str | None:
    """What the words before ``written`` call it: "published", "updated", "other" or nothing."""
    before = text[: text.find(written)] if written in text else text
    # The nearest label before the date says what it is ("Posted …; Updated …").
    best, where = None, -1
    for kind, pattern in _labels().items():
        for match in pattern.finditer(before):
            if match.start() > where:
                best, where = kind, match.start()
    return best


def meta_parts(text: str) -> list[str]:
    """The parts of a header line of short items between bars or bullets, or ``[]``.

    Outlet, date, updated date and byline may share one line that is too
    long to read as a dateline or a byline; each of its parts is short.
    """
    parts = _PART_SEPARATOR.split(text.strip())
    if len(parts) < META_MIN_PARTS or any(len(p.split()) > PART_MAX_WORDS for p in parts):
        return []
    return parts


#: A date after a word of time span or order is the subject of a sentence, not when
#: the article was written: "How to request the longer chain after 08/02/2024?",
#: "From 08/02/2024 the default chain will change", "gültig bis 31.12.2024".
_SPAN = re.compile(
    r"\b(?i:after|before|since|until|till|from|between|nach|seit|bis|ab|zwischen|"
    r"après|avant|depuis|jusqu'(?:au|à)|entre|después del?|antes del?|desde|hasta|"
    r"dopo|prima del?|fino al?|dal|sinds|tot)\s+(?:(?i:the|le|el|il|dem|den)\s+)?\d"
)
#: … in a line of this many words at least (a sentence, not "Ab 12.03.2020").
SPAN_SENTENCE_MIN_WORDS = 6


#: Where a blog's post line goes on to list its categories and tags ("Autor john
#: Veröffentlicht am 20. März 2014 Kategorien Allgemein, News Tags Bilder, …"):
#: the list is no prose, and only the part before it is read as a dateline.
_TAXONOMY = re.compile(
    r"\s(?:Categories|Category|Tags|Tagged|Filed under|Posted in|Kategorien|Kategorie|"
    r"Schlagworte|Schlagwörter|Abgelegt unter|Veröffentlicht in|Catégories|Catégorie|"
    r"Étiquettes|Categorías|Categoría|Etiquetas|Categorie|Categoria)\b"
)


def embedded_post(text: str) -> bool:
    """Whether ``text`` is the credit line of an embedded social-media post."""
    return bool(
        QUOTED_POST.match(text) or (_HANDLE_DATED.search(text) and not _BYLINE_START.match(text))
    )


@line_memo
def _dateline(text: str) -> str | None:
    """The line as far as it may state the article's date; ``None`` for prose or a post credit.

    A byline may run long ("By A / June 12, 2020 9:49 am / Updated: …"): a
    line that starts "By" or with a date label may have up to
    :data:`LABELLED_MAX_WORDS` words.
    """
    if embedded_post(text) or (_INTRODUCES.search(text) and not _BYLINE_START.match(text)):
        return None
    if len(text.split()) > DATELINE_MAX_WORDS and (listed := _TAXONOMY.search(text)):
        text = text[: listed.start()]
    words = len(text.split())
    if words > DATELINE_MAX_WORDS and (signed := signed_sentence(text)):
        return signed  # "… and Canada. By Lisa Jennings on Dec. 19, 2025"
    if words > LABELLED_MAX_WORDS or (words >= SPAN_SENTENCE_MIN_WORDS and _SPAN.search(text)):
        return None
    if words > DATELINE_MAX_WORDS and not (
        BY_PREFIX.match(text)
        or _starts_labelled(text)
        or meta_parts(text)
        or _signed_post(text)
        or _leads_with_date(text)
    ):
        return None
    return text


#: A signed last sentence of a line is looked for in this many characters at its end.
SIGNED_TAIL_CHARS = 200
#: Where a sentence ends and another may begin.
SENTENCE_BREAK = re.compile(r"[.!?…][\"”’»)]*\s+(?=[A-ZÀ-Þ])")


def last_sentence(text: str, max_words: int) -> str | None:
    """The last sentence of a longer line when it has at most ``max_words`` words
    (where a standfirst's byline would be), or ``None``."""
    # Only the line's end can hold so short a sentence: a paragraph is not scanned.
    for match in SENTENCE_BREAK.finditer(text, max(0, len(text) - SIGNED_TAIL_CHARS)):
        tail = text[match.end() :]
        if len(tail.split()) <= max_words:
            return tail
    return None


def signed_sentence(text: str) -> str | None:
    """The short last sentence of a longer line when it is signed like a byline: a
    standfirst ending "… and Canada. By Lisa Jennings on Dec. 19, 2025"."""
    tail = last_sentence(text, DATELINE_MAX_WORDS)
    return tail if tail and _SIGNED_SENTENCE.match(tail) else None


#: A sentence signed with a name: "By Lisa Jennings …", not "Par ailleurs …".
_SIGNED_SENTENCE = re.compile(rf"(?i:{_SIGNING_WORDS})\s+[A-ZÀ-Þ]")


#: "On January 12, 2025 By Ann": at most this many words besides the dates before "by".
SIGNED_POST_MAX_WORDS = 2


def _signed_post(text: str) -> bool:
    """Whether ``text`` opens with a date signed like a byline: a blog's post line."""
    match = _SIGNED.search(text)
    if match is None:
        return False
    pre = text[: match.start()]
    dates = find_dates(pre)
    for _, written in dates:
        pre = pre.replace(written, " ")
    pre = _CLOCK_ONLY.sub(" ", pre)  # "December 29, 2014 at 02:13PM EST by Julia Wayne"
    return bool(dates) and len(pre.split()) <= SIGNED_POST_MAX_WORDS


def _leads_with_date(text: str) -> bool:
    """Whether ``text`` opens with a date: "19.10.2019, 15:30 Uhr Am 8. Spieltag …",
    a dateline run into the lead."""
    dates = find_dates(text)
    return bool(dates) and text.lstrip().startswith(dates[0][1])


def runs_into_text(text: str) -> bool:
    """Whether the dateline ``text`` is the start of a paragraph ("19.10.2019, 15:30 Uhr
    Am 8. Spieltag …"): its date is read, but the line is the article's, not the header's."""
    return (
        len(text.split()) > DATELINE_MAX_WORDS
        and _leads_with_date(text)
        and not (BY_PREFIX.match(text) or meta_parts(text) or _signed_post(text))
    )


def _starts_labelled(text: str) -> bool:
    return any(pattern.match(text) for pattern in _labels().values())


#: A line that may hold a date the patterns do not know: a year, or a "19.10.19" date.
_MAYBE_DATE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|\b\d{1,2}\.\d{1,2}\.\d{2}\b")
#: The library needs a day and a year written in digits: two runs of them at least
#: ("5 listopada 2019"); "photographed in 2019" is not worth the page's language.
_DIGIT_RUNS = re.compile(r"\d+")
#: dateparser reads at most this many words before the year as the date.
SPAN_MAX_WORDS = 4


def _library_date(text: str, language: str, day_first: bool) -> tuple[dt.date, str] | None:
    """A date the patterns missed, read by dateparser in the page's language.

    The words just before a year ("5 listopada 2019", "19.10.19, 18:56")
    are tried, longest first: dateparser wants the date alone.
    """
    match = _MAYBE_DATE.search(text)
    if match is None:
        return None
    words = text[: match.end()].split()
    for size in range(min(SPAN_MAX_WORDS, len(words)), 0, -1):
        span = " ".join(words[-size:]).strip(" ,;|–—-")
        if len(span) > 4 and (date := read_span(span, language, day_first)):
            return date, span
    return None


def _resolve(value: Language) -> str:
    if callable(value):
        return value()
    return value or "en"


def find_stated_date(
    lines: list[Line],
    dayfirst: DayFirst = False,
    *,
    before: list[Line] = (),
    language: Language = None,
    caption: Callable[[str], bool] | None = None,
    header: int = HEADER_WINDOW,
) -> Found | None:
    """The publication date written in the header, with a confidence.

    ``lines`` are the lines under the headline, nearest first; ``before``
    the lines just above it, nearest last. Of the dates in short lines, a
    "Published" one wins, then the nearest to the headline, and an
    "Updated" one only when there is no other (its ``kind`` is "updated":
    the caller decides what a last-updated date is worth). ``language`` (or a function
    giving it) is the page's language, for dates written in words. Lines
    ``caption`` accepts (photo captions: the day the photo was taken) are
    skipped. ``header`` is how many of ``lines`` make the header (at least
    :data:`HEADER_WINDOW`): the caller may know that menus and share
    prompts push the body further down.
    """
    header = max(header, HEADER_WINDOW)
    lines = _with_labels(lines)
    near = [(float(i), line) for i, line in enumerate(lines[:HEADER_WINDOW])]
    near += [
        ((len(before) - i) * ABOVE_PENALTY, line)
        for i, line in enumerate(before[-HEADER_LOOKBACK:] if before else [])
    ]
    candidates = [
        c for d, line in near if (c := _candidate(d, line, dayfirst, language, caption=caption))
    ]
    if not candidates:
        # Menus and share prompts may push the body far below the headline: a
        # date there is the header's when it is labelled or stands alone, and
        # not one of a list of dated links.
        deep = (
            (i, _candidate(float(i), line, dayfirst, language, caption=caption))
            for i, line in enumerate(lines[HEADER_WINDOW:header], start=HEADER_WINDOW)
        )
        candidates = [
            c
            for i, c in deep
            if c and (c[0] == 0 or (_stands_alone(c[3], lines[i].text) and not _in_list(lines, i)))
        ]
        # A blog writes "Posted on … by …" or "June 5, 2019 by Ann" under the
        # post, far from its title; signed lines of a list of posts are each
        # another post's, so a signed one counts only when it is the only one.
        far = [
            (c, line.text)
            for i, line in enumerate(lines[header:FAR_WINDOW], start=header)
            if (c := _candidate(float(i), line, dayfirst, language, library=False, caption=caption))
        ]
        candidates += [c for c, _ in far if c[2].evidence == "published"]
        signed = [
            c
            for c, text in far
            if c[2].evidence == "byline" and (_signed_post(text) or BY_PREFIX.match(text))
        ]
        if len(signed) == 1:
            candidates += signed
        candidates = [
            (r, d, replace(found, confidence=CONFIDENCE_FAR), w) for r, d, found, w in candidates
        ]
    if not candidates:
        return None
    _, _, found, written = min(candidates, key=lambda c: (c[0], c[1]))
    name = {"published": "the published date", "updated": "the updated date"}.get(
        found.evidence, f"the {found.evidence}"
    )
    moment = None
    text = next(line.text for line in [*lines, *before] if line.number == found.line)
    if timed := stated_moment(_dateline(text) or text, written, found.value):
        moment, written = timed
    return Found(
        found.value,
        found.line,
        f"from {name} ({written})",
        found.confidence,
        found.evidence,
        moment,
    )


#: A date alone just under the article's last paragraph is read from this many lines.
CLOSING_LINES = 3
#: A date in this many lines under it makes it one of a list.
CLOSING_LIST_REACH = 3
#: How sure such a date is: the build asks a curator to check it.
CONFIDENCE_CLOSING = 0.5


def find_closing_date(
    lines: list[Line],
    dayfirst: DayFirst = False,
    *,
    language: Language = None,
    caption: Callable[[str], bool] | None = None,
) -> Found | None:
    """A date standing alone on a line just under the article ("15.12.2021" after
    its last paragraph), where some sites put it: ``lines`` are the lines after
    the body's last line, nearest first. Never an "Updated" date, nor one of a
    list of dated links (a related-stories box)."""
    for index, line in enumerate(lines[:CLOSING_LINES]):
        found = _candidate(float(index), line, dayfirst, language, caption=caption)
        # Another date near it: a list of dated links, each under its title.
        near = (
            lines[max(index - CLOSING_LIST_REACH, 0) : index]
            + lines[index + 1 : index + 1 + CLOSING_LIST_REACH]
        )
        if found and found[0] < 2 and _bare(found[3], line.text) and not _any_dated(near):
            return Found(
                found[2].value,
                line.number,
                f"from the date under the article ({found[3]})",
                CONFIDENCE_CLOSING,
                "closing",
            )
    return None


def _any_dated(lines: list[Line]) -> bool:
    return any(find_dates(line.text) for line in lines)


_CLOCK_ONLY = re.compile(CLOCK_TIME, re.IGNORECASE)


def _bare(written: str, text: str) -> bool:
    """Whether ``text`` is the date ``written`` and nothing else but a clock time:
    not a review's "IngoM (verified owner) – September 19, 2025"."""
    rest = _CLOCK_ONLY.sub(" ", text.replace(written, " ", 1))
    return not any(c.isalpha() for c in rest)


@lru_cache(maxsize=1)
def _zones() -> dict[str, dt.tzinfo]:
    """``data/time_zones.txt``: abbreviation → zone."""
    zones: dict[str, dt.tzinfo] = {}
    for row in _data("time_zones.txt").splitlines():
        fields = row.split("#", 1)[0].split()
        if len(fields) != 2:
            continue
        name, zone = fields
        if offset := re.fullmatch(r"([+-])(\d\d):(\d\d)", zone):
            zones[name] = _offset(*offset.groups())
        else:
            zones[name] = ZoneInfo(zone)
    return zones


def _offset(sign: str, hours: str, minutes: str | None) -> dt.timezone | None:
    """A fixed offset from UTC ("-", "05", "00"); ``None`` past any real zone's."""
    delta = dt.timedelta(hours=int(hours), minutes=int(minutes or 0))
    if delta >= MAX_OFFSET:
        return None
    return dt.timezone(-delta if sign == "-" else delta)


#: No zone is this far from UTC ("GMT+15" is no time zone).
MAX_OFFSET = dt.timedelta(hours=15)


#: A clock time and the zone written after it: "10:31 pm CST", "7:04 p.m. ET",
#: "23:30 Uhr MEZ", "9:24 pm (ET)", "14:05 GMT+2". Zones are upper case.
_CLOCK_ZONE = re.compile(
    r"(?<![\d:.])(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::\d{2})?\s*"
    r"(?:(?P<half>[AaPp])\.?\s?[Mm]\.?|Uhr|h)?\s*\(?"
    r"(?P<zone>(?:GMT|UTC)[+-]\d{1,2}(?::?\d{2})?|[A-Z]{2,4})\b\)?"
)
#: What may stand between a date and its clock time: "Nov 19, 2019, at 10:31 pm",
#: "2019-11-19 - 10:31", "Nov. 19, 2019 | 10:31".
_DATE_TO_CLOCK = re.compile(r"[\s,|•·@–—-]*(?:(?:at|um|à|a las|alle|às|om)\s+)?", re.IGNORECASE)
#: … and between a clock time and the date after it: "10:31 pm ET, Tue November 19, 2019".
_CLOCK_TO_DATE = re.compile(r"[\s,|•·–—-]*(?:[A-Za-z]{3,9}\.?,?\s+)?")


def stated_moment(text: str, written: str, date: dt.date) -> tuple[dt.datetime, str] | None:
    """The moment stated by the date ``written`` in ``text`` and a clock time and
    zone written next to it, with the words that state it; ``None`` when no zone
    (a clock time alone is the page's local time, which the text does not name)."""
    start = text.find(written)
    if start < 0:
        return None
    end = start + len(written)
    for clock in _CLOCK_ZONE.finditer(text):
        after = clock.start() >= end and _DATE_TO_CLOCK.fullmatch(text, end, clock.start())
        before = clock.end() <= start and _CLOCK_TO_DATE.fullmatch(text, clock.end(), start)
        if not (after or before):
            continue
        if (zone := _zone(clock["zone"])) is None or (time := _clock(clock)) is None:
            continue
        words = f"{written}, {clock[0].strip()}" if after else f"{clock[0].strip()}, {written}"
        return dt.datetime.combine(date, time, tzinfo=zone), words
    return None


def _zone(name: str) -> dt.tzinfo | None:
    if offset := re.fullmatch(r"(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?", name):
        return _offset(*offset.groups())
    return _zones().get(name)


def _clock(match: re.Match) -> dt.time | None:
    hour, minute = int(match["hour"]), int(match["minute"])
    if half := match["half"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half in "Pp" else 0)
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


def in_zone(found: Found, zone: dt.tzinfo) -> tuple[dt.date, dt.datetime | None]:
    """The date ``found`` states, as a calendar in ``zone`` shows it, and the moment
    when the text states one: "Nov 19, 2019, 10:31 pm CST" is 20 November in UTC."""
    if found.moment is None:
        return found.value, None
    moment = found.moment.astimezone(zone)
    return moment.date(), moment


#: A line of a label alone ("Last update:", "Published") has at most this many words.
LABEL_LINE_MAX_WORDS = 3
#: A "By" line over a date line ("By Kaavya Shah" / "July 18, 2024") has at most this many.
BY_LINE_MAX_WORDS = 6


def _with_labels(lines: list[Line]) -> list[Line]:
    """``lines``, each date under a label alone on its line read with the label:
    "Last update:" over "July 16, 2025" is an updated date."""
    out = list(lines)
    for i in range(1, len(lines)):
        above = lines[i - 1].text
        if (
            len(above.split()) <= LABEL_LINE_MAX_WORDS
            and _starts_labelled(above)
            and not find_dates(above)
        ) or (
            # "By Kaavya Shah" over "July 18, 2024": a byline broken before its date.
            len(above.split()) <= BY_LINE_MAX_WORDS
            and BY_PREFIX.match(above)
            and not find_dates(above)
        ):
            out[i] = Line(lines[i].number, f"{above.strip()} {lines[i].text}")
    return out


#: A date "stands alone" with at most this many other words ("Stand:", "um", "Uhr").
ALONE_MAX_WORDS = 3
_NOT_A_WORD = re.compile(r"[\W\d_]+")


def _stands_alone(written: str, text: str) -> bool:
    """Whether ``text`` is little more than the date ``written`` in it (a time, a label),
    or a line of short header parts of which the date is one."""
    if any(written in part for part in meta_parts(text)):
        return True
    rest = text.replace(written, " ", 1).split()
    return sum(1 for word in rest if not _NOT_A_WORD.fullmatch(word)) <= ALONE_MAX_WORDS


def _in_list(lines: list[Line], index: int) -> bool:
    """Whether a line next to ``lines[index]`` holds a date too: a list of dated links."""
    return any(0 <= j < len(lines) and find_dates(lines[j].text) for j in (index - 1, index + 1))


#: Past the header window, only a labelled or signed date is read, this far down.
FAR_WINDOW = 400
#: "June 5, 2019 by Ann", "1. Januar 2016 von Ann": a date signed like a byline.
_SIGNED = re.compile(rf"(?:^|\s)(?:{_SIGNING_WORDS})\s+\S", re.IGNORECASE)


def _candidate(
    distance: float,
    line: Line,
    dayfirst: DayFirst,
    language: Language,
    library: bool = True,
    caption: Callable[[str], bool] | None = None,
):
    """``(rank, distance, Found, written)`` for the date on a header line, or ``None``.

    Rank 0: a "Published" date, or one on a byline; 1: a date alone; 2: an "Updated" date.
    """
    text = _dateline(line.text)
    if text is None or _CITATION.search(text):
        return None
    dates = find_dates(text, dayfirst=dayfirst)
    # English dates are all the patterns' own: the library reads other languages.
    if (
        not dates
        and language is not None
        and library
        and _MAYBE_DATE.search(text)
        and len(_DIGIT_RUNS.findall(text)) >= 2
        and (lang := _resolve(language)) != "en"
    ):
        day_first = dayfirst() if callable(dayfirst) else dayfirst
        if found := _library_date(text, lang, day_first):
            dates = [found]
    # A caption's date is the day the photo was taken (asked last: the test is slow).
    if not dates or (caption is not None and caption(text)):
        return None
    date, written = dates[0]
    label = _label(text, written)
    if label == "other":
        return None  # "Release date: Mar 20, 2026", "Last post: 01/12/2025"
    if label == "updated":
        # "Updated Nov 20; Posted Nov 19": a published date later on the line wins.
        for other, other_written in dates[1:]:
            if _label(text, other_written) == "published":
                date, written, label = other, other_written, "published"
                break
    if label == "updated":
        rank, confidence, kind = 2, CONFIDENCE_UPDATED, "updated"
    elif label == "published" or BY_PREFIX.match(text) or _SIGNED.search(text):
        rank, confidence, kind = 0, CONFIDENCE_LABELLED, label or "byline"
    else:
        rank, kind = 1, "dateline"
        confidence = CONFIDENCE_NEAR if distance < FAR_LINES else CONFIDENCE_FAR
    return rank, distance, Found(date, line.number, kind, confidence), written


def infer_date(
    lines: list[Line],
    dayfirst: DayFirst = False,
    *,
    ceiling: dt.date | None = None,
    caption: Callable[[str], bool] | None = None,
) -> Found | None:
    """A lower bound for the date: the latest date in a photo caption near the top.

    Only the first :data:`INFER_WINDOW` lines are read, and with ``caption``
    (a test for caption lines) only captions: the lead photo is of the
    news, while a date in the text is as often about something past or to
    come. Never a date after ``ceiling`` (the newest stated date of the
    collection, when the caller knows it).
    """
    best: Found | None = None
    for line in lines[:INFER_WINDOW]:
        if caption is not None and not caption(line.text):
            continue
        for date, written in find_dates(line.text, dayfirst=dayfirst):
            if ceiling is not None and date > ceiling:
                continue
            if best is None or date > best.value:
                best = Found(date, line.number, written, CONFIDENCE_INFERRED)
    return best


#: A date less sure than this is reported, so a curator can check it.
DATE_SURE = 0.7


def updated_only_warning(updated: dt.date) -> str:
    """The build report's line for a page that gives only its last-updated date."""
    return (
        f"only the date the page was updated ({updated.isoformat()}) is in the text: "
        "set the publication date with date: YYYY-MM-DD in the annotation"
    )


def date_warning(date: dt.date | None, confidence: float | None) -> str | None:
    """One line for the build report when ``date`` is unsure, saying how to settle it."""
    if date is None or confidence is None or confidence >= DATE_SURE:
        return None
    return (
        f"the date ({date.isoformat()}) is unsure: check it, "
        "or set it with date: YYYY-MM-DD in the annotation"
    )
