"""Who wrote the article: the byline near the headline, and the names in it.

A byline line comes in a few shapes, in every language of the pages:
"By A and B" / "Von A" / "Par A" (``data/byline_prefixes.json``),
"Author: A", "11/19/2019 by A", "A 기자", and the name first: "A, Outlet",
"A | Outlet", "A - Nov 19, 2019", "A Staff Writer", or the name alone on
a line next to a date. Role and credit words ("Staff Writer", "Associated
Press", "Redakteur", ``data/credits.txt``) end a name and are dropped. The
byline nearest the headline wins.
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from importlib import resources

from ..enrich.gazetteer import (
    census_shares,
    census_surnames,
    given_names,
    ordinary_words,
    places,
    world_given_names,
)
from .dates import (
    _MONTH,
    CLOCK_TIME,
    Found,
    Language,
    _resolve,
    embedded_post,
    find_dates,
    last_sentence,
    meta_parts,
)
from .linememo import line_memo
from .record import Line
from .source import _publisher

#: A byline line is short ...
BYLINE_MAX_WORDS = 16
#: ... unless it starts "By A": then dates and credits may follow at length.
PREFIXED_MAX_WORDS = 30
#: A name has this many words at least and at most (CJK names are one word).
NAME_MIN_WORDS = 2
NAME_MAX_WORDS = 5
#: A one-word name after "By" has at least this many letters (not "By A").
SINGLE_NAME_MIN_CHARS = 3
#: Bylines are read in this many lines under the headline ...
HEADER_WINDOW = 10
#: ... and this many above it.
HEADER_LOOKBACK = 2
#: A name first on its line ("A, Outlet", a name alone) is taken only this close to the headline.
NAME_LINE_WINDOW = 3
#: A name alone on its line (no "By", no credit) is at most this many words.
NAME_ALONE_MAX_WORDS = 4
#: A line above the headline counts as this many lines further away than one below.
ABOVE_PENALTY = 1.5
#: How sure each shape is: "By A", "A, Outlet" / "A Staff Writer", a name alone.
CONFIDENCE_PREFIXED = 0.9
CONFIDENCE_CREDITED = 0.8
CONFIDENCE_ALONE = 0.6
#: A name alone with no date beside it: none of its words is written in lower case in the page.
CONFIDENCE_ALONE_UNDATED = 0.5
#: A blogger's given name alone beside a date ("Susan December 9, 2024", "Ben" over
#: "2 days ago"): the least sure shape, taken only when no line says more.
CONFIDENCE_GIVEN_NAME = 0.45
#: A byline above the headline is less sure by this factor.
ABOVE_FACTOR = 0.9
#: A line of this many CJK characters at most may be a name.
CJK_NAME_MAX_CHARS = 4
#: The language of most pages' menus and widgets, whatever the article's.
MENU_LANGUAGE = "en"

_CJK = re.compile(rf"^[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{{2,{CJK_NAME_MAX_CHARS}}}$")
#: Particles inside names: "Ana de la Cruz", "Ludwig van Beethoven".
_PARTICLES = frozenset(
    [
        "de",
        "da",
        "das",
        "do",
        "dos",
        "di",
        "du",
        "del",
        "della",
        "der",
        "den",
        "van",
        "von",
        "ten",
        "ter",
        "la",
        "le",
        "bin",
        "ibn",
        "al",
        "el",
        "y",
        "e",
    ]
)
#: Between names: "A and B", "A, B & C", "A und B", "A et B", "A y B", "A e B", "A en B", "A и B".
_NAME_SPLIT = re.compile(
    r"\s*(?:,\s*(?:and|und|et|y|e|en|и)\s+|\s(?:and|und|et|y|e|en|и|&)\s|[,;/&])\s*"
)
#: What ends the names on a byline line: a separator, an address, a handle, a bracket, a bullet.
_NAMES_END = re.compile(
    r"\s+[\w.+-]+@[\w-]+\.|\s+[|–—•·]\s*|\s+-\s+|\s*@\w|\s*\(|\s*[|•·]\s*|\s+[-–—]$"
    r"|\s+[^\W\d_]+:(?:\s|$)"  # a label after the names: "Von: A. Am: 29.12.2014"
)
_HANDLE_OR_SEPARATOR = re.compile(r"^\s*(?:[|–—•·-]|@\w|\()")
#: A clock time or an age ("7:09 PM", "9 min read", "2 days ago"); not a price ("$76.73").
_TIME = re.compile(
    r"(?<![$€£¥\d.,])\b(?:[01]?\d|2[0-3])[:.][0-5]\d\b|\b\d+\s*(?:min|hours?|hrs?|days?)\b",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
#: "FOXBusiness": two capitals then a small letter is a joined word, not a name.
_JOINED = re.compile(r"[A-Z]{2,}[a-z]")
_LETTERS = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"(?<!\S)\d")
_WORD = re.compile(r"^[^\W\d_](?:[^\W\d]|[’'.\-])*$")  # no digits: "A100-Aktivist" is no name


def _data(name: str) -> str:
    return resources.files(__package__).joinpath(f"data/{name}").read_text("utf-8")


def _word_list(name: str) -> list[str]:
    return [
        w.strip().casefold()
        for w in _data(name).splitlines()
        if w.strip() and not w.startswith("#")
    ]


@lru_cache(maxsize=1)
def _credits() -> tuple[frozenset[str], re.Pattern, re.Pattern]:
    """Words that end a name (credits, small words, month names), a pattern for any of
    them, and a pattern for the roles and credits alone (``data/credits.txt``)."""
    roles = _word_list("credits.txt")
    phrases = roles + _word_list("byline_words.txt")
    months = json.loads(_data("months.json"))["months"]
    words = {p for p in phrases if " " not in p}
    words |= {name for names in months.values() for name in names if len(name) > 3}
    return frozenset(words), _any_of(phrases), _any_of(roles)


def _any_of(phrases: list[str]) -> re.Pattern:
    alternation = "|".join(map(re.escape, sorted(set(phrases), key=len, reverse=True)))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)


def _alternation(words: list[str]) -> str:
    return "|".join(map(re.escape, sorted(set(words), key=len, reverse=True)))


@lru_cache(maxsize=1)
def _forms() -> dict[str, re.Pattern]:
    data = json.loads(_data("byline_prefixes.json"))
    return {
        "start": re.compile(
            rf"^(?:{_alternation(data['start'])})(?:\s*:\s*|\s+)(?P<rest>.+)$", re.I
        ),
        "label": re.compile(rf"^(?:{_alternation(data['labels'])})\s*[:：]\s*(?P<rest>.+)$", re.I),
        "alone": re.compile(rf"^(?:{_alternation(data['start'])})\s*:?$", re.I),
        "inline": re.compile(
            rf"^(?P<pre>.{{1,60}}?)\s(?:{_alternation(data['inline'])})[:\s]\s*(?P<rest>.+)$", re.I
        ),
        "after": re.compile(rf"(?P<name>\S{{2,4}})\s?(?:{_alternation(data['after'])})(?!\w)"),
        # "Written on Mar 17 by" over "Pippin Lee": the name on the next line.
        "dangling": re.compile(
            rf"^(?P<pre>.{{1,60}}?)\s(?:{_alternation(data['inline'])})\s*:?$", re.I
        ),
        "role": re.compile(rf"(?:^|\s)(?:{_alternation(data['roles'])})\s*$", re.I),
        # The heading of an author box: "Contact the author:", "Über die Autorin".
        "box": re.compile(rf"^(?:{_alternation(data['box'])})\s*:?$", re.I),
    }


@cache
def _function_words(language: str | None = None) -> frozenset[str]:
    """Function words of ``language``, or of every language (``data/stopwords.json``),
    particles aside."""
    stopwords = json.loads(_data("stopwords.json"))
    words = {
        w
        for lang, ws in stopwords.items()
        if not lang.startswith("_") and language in (None, lang)
        for w in ws
    }
    return frozenset(words - _PARTICLES)


def _worded(found: tuple[str, ...]) -> bool:
    """Whether a "name" holds a function word ("Ein Albtraum", "The Latest"): without
    a "By" before it, it is words, not a name. ("By Ada Lovelace" is a name.)"""
    return any(w.casefold() in _function_words() for name in found for w in name.split())


def _is_name_word(word: str, first: bool) -> bool:
    if word.casefold() in _PARTICLES:
        return not first
    return bool(
        _WORD.match(word)
        and word[0].isupper()
        and not _JOINED.search(word)
        and word.casefold().strip(".") not in _credits()[0]
    )


#: Endings of German adjectives and abstract nouns, which German capitalises
#: ("Künstlerischer Lebenslauf", "Vorheriges Weiter", "Rechtliche Betrachtung"):
#: no given name or surname ends so ("Fischer", "Rüdiger" and "Haefliger" do not).
_WORD_NOT_NAME = re.compile(
    r"\w{3}(?:lich|isch)(?:e|er|es|en|em)$|[^aeiou]ig(?:es|en|em)$|(?:heit|keit|schaft)(?:en)?$"
)


def _name(part: str) -> str | None:
    """``part`` if it reads as a person's name ("Ana de la Cruz", "JANIE HAR", "山田太郎")."""
    part = part.strip(" ,;:-–—.")
    if _CJK.match(part):
        return part
    words = part.split()
    if not NAME_MIN_WORDS <= len(words) <= NAME_MAX_WORDS:
        return None
    if words[-1].casefold() in _PARTICLES:
        return None
    # "New York" over "News": a place's name, however like a person's ("York" is a surname).
    if _place_name(part):
        return None
    # "Daten Submenu Daten", "Skip Navigation Navigation": a name says each word once
    # (initials aside: "R. R.").
    spelled = [w.casefold() for w in words if len(w.strip(".")) > 1]
    if len(set(spelled)) < len(spelled):
        return None
    if any(_WORD_NOT_NAME.search(w) for w in words):
        return None
    if all(_is_name_word(w, i == 0) for i, w in enumerate(words)):
        return part
    return None


def _place_name(part: str) -> bool:
    """Whether ``part`` is a known place's name, in any case ("NEW YORK")."""
    return part in places() or part.title() in places()


def _without_capitals_tail(name: str) -> str:
    """A name in mixed case less the words in capitals after it, an outlet or a
    post-nominal ("Kevin McCoy USA TODAY"), when what is left opens with a given
    name ("Cooperative Union SCFCU" stays whole, and is refused as a whole). A
    surname in capitals alone ("Jean DUPONT") stays, and so does a name all in
    capitals ("JANIE HAR")."""
    words = name.split()
    caps = [len(w.strip(".")) > 1 and w.isupper() for w in words]
    if not caps[-1] or all(caps):
        return name
    cut = len(words)
    while cut and caps[cut - 1]:
        cut -= 1
    lead = " ".join(words[:cut])
    if cut < NAME_MIN_WORDS or any(caps[:cut]) or not _name(lead) or not _given_first(lead):
        return name
    return lead


def _cut_credit(text: str) -> tuple[str, bool]:
    """``text`` up to its first credit word or date, and whether anything was cut."""
    end = len(text)
    if match := _credits()[1].search(text):
        end = match.start()
    for _, written in find_dates(text):
        end = min(end, text.find(written))
    if match := _TIME.search(text):
        end = min(end, match.start())
    if match := _NAMES_END.search(text):
        end = min(end, match.start())
    if match := _NUMBER.search(text):
        end = min(end, match.start())
    return text[:end].strip(" ,;:-–—"), end < len(text.rstrip())


@line_memo
def names(text: str, prefixed: bool = False) -> tuple[tuple[str, ...], str]:
    """The names at the start of ``text``, and the rest of the line after them.

    "Jane Doe and John Smith | Daily Planet" → (("Jane Doe", "John Smith"), " | Daily Planet").
    A part with a function word of any language is no name ("Jane Doe, The
    Oregonian" names Jane Doe), except the first after "By" (``prefixed``):
    "By Ada Lovelace", though "ada" is an Indonesian word.
    """
    head, _ = _cut_credit(text)
    found: list[str] = []
    parts = [p for p in _NAME_SPLIT.split(head) if p.strip()]
    for index, part in enumerate(parts):
        name = _name(part)
        if name and not (prefixed and index == 0) and _worded((name,)):
            name = None
        if name:
            name = _without_capitals_tail(name)
        if name is None:
            # An outlet joined to the name ("A FOXBusiness"): the name words before it.
            words = part.split()
            lead = next(
                (
                    " ".join(words[:n])
                    for n in range(min(len(words) - 1, NAME_MAX_WORDS), NAME_MIN_WORDS - 1, -1)
                    if _name(" ".join(words[:n]))
                    and (_JOINED.search(words[n]) or words[n].isupper())
                    and not _DIGIT.search(words[n])  # "Klein Tools MM400": a product
                    and not all(w.isupper() for w in words[:n])
                ),
                None,
            )
            if lead and not found:
                found.append(lead)
            break
        found.append(name)
    if not found:
        return (), text
    end = text.find(found[-1]) + len(found[-1])
    return tuple(found), text[end:]


#: Words an outlet's or a role's name may have in lower case ("Special to the Pioneer Press").
_OUTLET_SMALL_WORDS = frozenset(
    ["of", "the", "to", "for", "and", "&", "de", "la", "du", "der", "die", "das", "di", "del"]
)
#: A role or outlet after a name has at most this many words.
CREDIT_MAX_WORDS = 6


def _credit_tail(rest: str) -> bool:
    """Whether what follows the names is a credit: a role, an outlet, a handle, a date.

    "Jane Doe, Staff Writer", "Jane Doe | Daily Planet", "Jane Doe @jdoe",
    "Jane Doe - Nov 19, 2019"; not "Mayor Unveils Plan for New Downtown Park".
    """
    separated = bool(_HANDLE_OR_SEPARATOR.match(rest)) or rest.lstrip().startswith(",")
    tail = rest.strip(" ,|–—•·-")
    if not tail:
        return separated
    if (
        tail.startswith("@")
        or _EMAIL.match(tail)
        or _TIME.match(tail)
        or (find_dates(tail) and tail[0].isdigit())
    ):
        return True
    if (dates := find_dates(tail)) and tail.startswith(dates[0][1]):
        return True
    words = tail.split()
    role = bool(_credits()[2].search(tail))
    if not separated and not role and not (words[0].isupper() or _JOINED.search(words[0])):
        return False
    return len(words) <= CREDIT_MAX_WORDS and all(
        w[0].isupper() or w.casefold() in _OUTLET_SMALL_WORDS or not w[0].isalpha() for w in words
    )


def credit_line(text: str) -> bool:
    """Whether ``text`` is an outlet or a role alone, as a byline's second line prints
    it ("NEW YORK DAILY NEWS", "Staff Writer"): a credit and no name, in capitals or
    with a role word."""
    text = text.strip()
    if not text or _DIGIT.search(text) or names(text)[0]:
        return False
    if not (text.isupper() or _credits()[2].search(text)):
        return False
    return _credit_tail(" " + text)


def _role_under(line: Line, nxt: Line | None) -> bool:
    """Whether ``nxt`` is a role alone on the line under ``line``, in its block, as
    in an author box: "Vice President of Consulting", "Senior Editor"; not
    "Editor's picks for you", nor a byline ("Autor: Die Redaktion")."""
    return (
        nxt is not None
        and nxt.number == line.number + 1
        and not nxt.blank_before
        and ":" not in nxt.text
        and bool(_credits()[2].search(nxt.text))
        and _credit_tail(f"| {nxt.text}")
    )


def _leading_name(text: str) -> tuple[str, ...]:
    """The name words that start ``text``, whatever follows: after "By", a name is
    expected, so "By Ann Lee <anything>" names Ann Lee."""
    words = []
    for word in text.split()[:NAME_MAX_WORDS]:
        if not _is_name_word(word, not words):
            break
        words.append(word)
    while words and words[-1].casefold() in _PARTICLES:
        words.pop()
    return (" ".join(words),) if len(words) >= NAME_MIN_WORDS else ()


def signed(text: str) -> bool:
    """Whether ``text`` names its author after a byline word: "By A", "Posted by A on …"."""
    return bool(_prefixed(text))


def _single_name(rest: str) -> tuple[str, ...]:
    """A blogger's one-word name after "By" ("by Kay 24 Comments", "von Kathrin"):
    a capitalised word that is no function word, alone or before a credit."""
    words = rest.split()
    if not words:
        return ()
    word = words[0].rstrip(",;:")
    after = rest[rest.find(words[0]) + len(words[0]) :]
    if (
        len(word) < SINGLE_NAME_MIN_CHARS
        or word.isupper()
        or not _is_name_word(word, True)
        or word.casefold() in _function_words()
        or _publisher(word)  # "By Bloomberg": an outlet, not a person
    ):
        return ()
    alone = not after.strip() or after.strip()[0].isdigit() or _credit_tail(after)
    return (word,) if alone else ()


def _role_credit(text: str) -> bool:
    """ "Reviewed by A", "Photos by A", "Fotos von A": a credit to someone not the author."""
    match = _forms()["inline"].match(text)
    return bool(match and _forms()["role"].search(match["pre"]))


def _prefixed(text: str) -> tuple[str, ...]:
    """Names of a "By A", "Author: A", "11/19/2019 by A", "A 기자" line."""
    forms = _forms()
    for key in ("start", "label"):
        match = forms[key].match(text)
        rest = match["rest"] if match else ""
        if match and (
            found := names(rest, prefixed=True)[0] or _leading_name(rest) or _single_name(rest)
        ):
            return found
    if match := forms["inline"].match(text):
        pre, rest = match["pre"], match["rest"]
        if forms["role"].search(pre):
            return ()
        dated = bool(find_dates(pre) or _CLOCK.search(pre))
        # "On January 12, 2025 By Ann Lee In Travel, Guides, Tips": a dated post
        # line may run on with its categories.
        limit = PREFIXED_MAX_WORDS if dated else BYLINE_MAX_WORDS
        if len(text.split()) <= limit and (dated or len(pre.split()) <= 2):
            # One word after "von" is a name's particle ("Christoph von Eichhorn")
            # unless a date comes before it ("12/04/2020 by Kay").
            found = names(rest, prefixed=True)[0] or (_single_name(rest) if dated else ())
            if found:
                return found
    if (match := forms["after"].search(text)) and _CJK.match(match["name"]):
        return (match["name"],)
    return ()


#: What a dated byline line holds besides the names: "19.6.2007 9:40 Uhr", "um", "Uhr".
#: Not a price or a change ("225.86 -12.99 -5.44%" on a ticker's line): no sign,
#: currency or digit before it, no digit or per cent after.
_CLOCK = re.compile(
    r"(?<![\d.,$€£+\-])" + CLOCK_TIME + r"(?![\d%])\s*(?:[A-Z]{2,4}\b)?", re.IGNORECASE
)
_SEGMENTS = re.compile(r"\s+[-–—|/•·]\s+|\s*[|•·]\s*|\s+/\s*|^\s*[-–—,]\s*|\s*,\s+(?=\D)")
#: What may follow the names on a dated line: "71 Kommentare", a section name.
DATED_TAIL_MAX_WORDS = 2


def _dated_names(text: str) -> tuple[str, ...]:
    """Names on a line that also holds the date: "30. Oktober 2023 Carola Pönisch Kultur",
    "23.06.2016 um 16:14 Uhr - Markus Reuter - 91 Ergänzungen"."""
    dates = find_dates(text)
    if not dates and not _CLOCK.search(text):
        return ()
    for _, written in dates:
        text = text.replace(written, " | ")
    text = _CLOCK.sub(" | ", text)
    for segment in _SEGMENTS.split(text):
        if segment.rstrip().endswith(":"):
            return ()  # "Nächste Vorstellungen: 20.10., 17 Uhr": a label over dates
        segment = segment.strip(" ,.;:")
        if not segment:
            continue
        found, rest = names(segment)
        tail = rest.split()
        if found and (
            _credit_tail(rest) or len(tail) <= DATED_TAIL_MAX_WORDS or tail[0][0].isdigit()
        ):
            return found
        return ()
    return ()


#: A token that is an address: a path, an e-mail, a handle ("ben_silverman"), a
#: host ("netzpolitik.org").
_ADDRESS = re.compile(r"[/@]|[^\W\d_][._][^\W\d_]")
#: A host ends in a short top-level domain (".de", ".info"); "markus.reuter", a
#: mailbox written out, does not.
_HOST = re.compile(r"\.[a-z]{2,4}\.?$", re.IGNORECASE)


def _running_text(text: str) -> str:
    """``text`` with each address reduced to its host (most lines hold none)."""
    if not _ADDRESS.search(text):
        return text
    return " ".join(_site_part(token) for token in text.split())


def _site_part(token: str) -> str:
    """A token as words of the page: an address only by its host. A site's name
    ("aktion-hummelschutz.de") is no person's, but a path or a mailbox names anyone
    ("/author/arne-sjoestroem/", "markus.reuter@…")."""
    if not _ADDRESS.search(token):
        return token
    if "@" in token:
        domain = token.partition("@")[2]  # not a handle's ("@devindra")
        return domain if "." in domain else ""
    host = token.rpartition("://")[2].partition("/")[0]
    return host if _HOST.search(host) else ""


class _PageWords:
    """The words a page writes in lower case, read once and only when asked."""

    def __init__(self, page: list[Line]) -> None:
        self.page = page
        self._words: frozenset[str] | None = None

    def __bool__(self) -> bool:
        return bool(self.page)

    def common(self, words: list[str]) -> bool:
        """Whether any of ``words`` is written in lower case in the page: a word, not a name."""
        return any(w.casefold().strip(".") in self._lower() for w in words)

    def _lower(self) -> frozenset[str]:
        if self._words is None:
            self._words = frozenset(
                word
                for line in self.page
                for word in _LETTERS.findall(_running_text(line.text))
                if word.islower()
            )
        return self._words


def _words(found: tuple[str, ...], page: _PageWords | None) -> bool:
    """Whether a "name" met without a byline word is words the page also writes in
    lower case: one of them ("Site Update", "Select Page"), or, after a given name,
    all of them ("Rich Communication Services"; not "Kate May", "Ben Silverman")."""
    return bool(page) and any(_worded_name(name, page) for name in found)


def _worded_name(name: str, page: _PageWords) -> bool:
    words = _name_words(name)
    if name.split()[0] not in _given_names():
        return page.common(words)
    return all(page.common([word]) for word in words)


@cache
def _given_names() -> frozenset[str]:
    """Given names of the enrichment's lists, of many countries, and of the census."""
    return (
        given_names()
        | world_given_names()
        | frozenset(census_shares("female"))
        | frozenset(census_shares("male"))
    )


def _person_like(name: str) -> bool:
    """Whether ``name`` starts with a given name ("Jean-Luc Aufranc", "Dr. Ann Lee") or
    ends with a surname of the census ("Pippin Lee"): what a name alone on its line,
    with no date beside it, must show ("Key Insights", "Download ZIP" show neither)."""
    words = _unabbreviated(name)
    if not words:
        return False
    surname = re.sub(r"[’'-]", "", words[-1]).upper()  # the census's "OSULLIVAN"
    return _given_first(name) or surname in census_surnames()


def _given_first(name: str) -> bool:
    """Whether ``name`` opens with a given name ("Josef Průša", "Dr. Ann Lee")."""
    words = _unabbreviated(name)
    return bool(words) and words[0].split("-")[0] in _given_names()


def _unabbreviated(name: str) -> list[str]:
    """A name's words less titles and initials ("Dr.", "A.")."""
    return [w for w in name.split() if not w.endswith(".")]


def _worded_unnamed(found: tuple[str, ...]) -> bool:
    """Whether no name of ``found`` shows a given name or surname and one holds an
    English word: a section's, a product's or a company's name ("Technology Review")."""
    return not any(map(_person_like, found)) and any(
        w.casefold() in ordinary_words() for n in found for w in _name_words(n)
    )


def _name_words(name: str) -> list[str]:
    """A name's words that may be words of the language: not particles nor initials."""
    return [w for w in name.split() if len(w.strip(".")) > 1 and w.casefold() not in _PARTICLES]


def _dated(line: Line | None) -> bool:
    return line is not None and bool(find_dates(line.text) or _TIME.search(line.text))


def _read(
    lines: list[Line], index: int, page: _PageWords | None = None, language: Language = None
) -> tuple[tuple[str, ...], float] | None:
    """The names on ``lines[index]`` and how sure the shape is, or ``None``.

    ``language`` (a callable, asked only when needed) gives the page's language.
    """
    line = lines[index]
    text = line.text
    words = len(text.split())
    if embedded_post(text):
        return None
    # "… growth beyond the U.S. and Canada. By Lisa Jennings on Dec. 19, 2025":
    # a standfirst that ends with its byline.
    if found := _trailing_byline(text):
        return found, CONFIDENCE_PREFIXED
    if words > PREFIXED_MAX_WORDS or _role_credit(text):
        return None
    if found := _prefixed(text):
        return found, CONFIDENCE_PREFIXED
    # "Le Monde | 04.05.2015 • Mis à jour … | Par A": the byline is one of the parts.
    for part in meta_parts(text)[1:]:
        if found := _prefixed(part):
            return found, CONFIDENCE_PREFIXED
    if words > BYLINE_MAX_WORDS:
        return None
    nxt = lines[index + 1] if index + 1 < len(lines) else None
    # "By" alone, the name on the next line ("By" over "Lauren" when the page
    # does not write the word in lower case).
    if (
        _forms()["alone"].match(text)
        and nxt is not None
        and (
            (found := names(nxt.text, prefixed=True)[0])
            or (page and (found := _given_name_alone(nxt.text, page)))
        )
    ):
        return found, CONFIDENCE_PREFIXED
    if nxt is not None and (found := _dangling(text, nxt)):
        return found, CONFIDENCE_PREFIXED
    if found := _dated_names(text):
        # "WeChat Smart Hospital Service (2015)": a product's name and its year.
        if _words(found, page) or _worded_unnamed(found):
            return None
        return found, CONFIDENCE_CREDITED
    if page and (found := _dated_given_name(text, nxt, lines[index - 1] if index else None, page)):
        return found, CONFIDENCE_GIVEN_NAME
    found, rest = names(text)
    if not found and language is not None:
        # "Dan Davies", "Rui Ma": a word of the name is a function word of another
        # language ("dan", "ma"), not of English (menus' language) nor of the page's,
        # which is asked last: working it out costs more than the rest.
        found, rest = names(text, prefixed=True)
        name_words = found[0].split() if found else []
        if found and (
            any(w.casefold() in _function_words(MENU_LANGUAGE) for w in name_words)
            or any(w.casefold() in _function_words(_resolve(language)) for w in name_words)
        ):
            return None
    if not found:
        return None
    if _words(found, page):
        return None
    if _credit_tail(rest):
        # "LOW LOWE'S COMPANIES INC." on a ticker's line: no given name or surname,
        # and an English word, is no person's name whatever follows it.
        return None if _worded_unnamed(found) else (found, CONFIDENCE_CREDITED)
    prev = lines[index - 1] if index > 0 else None
    alone = words <= NAME_ALONE_MAX_WORDS
    # A name alone, or names and nothing else beside a date ("Rui Ma, Heba Ledwon &
    # Suparn Patra" over "Nov 25th, 2025").
    if (alone or len(found) > 1) and not rest.strip():
        if nxt is not None and _dated_names(nxt.text):
            return None  # "Mobile App Development" over "Amit Samsukha October 11, 2024"
        person = any(map(_person_like, found))
        # Beside a date, a name alone that shows no given name or surname and holds an
        # English word is a section's or a product's name ("Technology Review").
        worded = _worded_unnamed(found)
        if not worded and (_dated(nxt) or _dated(prev) or (alone and _role_under(line, nxt))):
            return found, CONFIDENCE_ALONE
        if alone and page and not page.common(text.split()) and person:
            return found, CONFIDENCE_ALONE_UNDATED
    return None


def _given_name_alone(text: str, page: _PageWords) -> tuple[str, ...]:
    """``text`` if it is one given name and nothing else ("Lauren", "Ben"): a word
    that is no English word, no place, month or outlet, and that the page never
    writes in lower case."""
    word = text.strip().rstrip(",;:")
    if (
        " " in word
        or not _single_name(word)  # the one-word name a "By" may have before it
        or word not in _given_names()
        or word.casefold() in ordinary_words()
        or word in places()
        or re.fullmatch(_MONTH, word, re.IGNORECASE)  # "April", "June"
        or page.common([word])
    ):
        return ()
    return (word,)


def _dated_given_name(
    text: str, nxt: Line | None, prev: Line | None, page: _PageWords
) -> tuple[str, ...]:
    """A blogger's given name alone on a line beside a date, or on the date's own
    line with at most a comment count after it: "Ben" over "2 days ago", "Susan
    December 9, 2024 0 Comments", "November 21, 2022 Jules"."""
    if found := _given_name_alone(text, page):
        return found if _dated(nxt) or _dated(prev) else ()
    dates = find_dates(text)
    if len(dates) != 1:
        return ()
    before, _, after = text.partition(dates[0][1])
    before, after = before.strip(" ,|–—-"), after.strip(" ,|–—-")
    tail = after.split()
    if before and (not tail or (len(tail) <= DATED_TAIL_MAX_WORDS and tail[0].isdigit())):
        return _given_name_alone(before, page)
    if after and not before:
        return _given_name_alone(after, page)
    return ()


def _trailing_byline(text: str) -> tuple[str, ...]:
    """The names of a "By" sentence that ends a longer line: "… beyond the U.S. and
    Canada. By Lisa Jennings on Dec. 19, 2025" (a standfirst with its byline)."""
    tail = last_sentence(text, BYLINE_MAX_WORDS)
    start = _forms()["start"].match(tail) if tail else None
    if not start:
        return ()
    return names(start["rest"], prefixed=True)[0] or _leading_name(start["rest"])


#: A day without its year ("Mar 17", "17 March"), as a post line may write it.
_DAY_MONTH = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\.?\s+{_MONTH}", re.I)


def _dangling(text: str, nxt: Line) -> tuple[str, ...]:
    """The names on ``nxt`` when ``text`` is a dated line ending in "by" ("Written on
    Mar 17 by", "Publié le 3 mai par") that credits no one but the author."""
    match = _forms()["dangling"].match(text)
    if not match or _forms()["role"].search(match["pre"]):
        return ()
    if not (_dated(Line(0, match["pre"])) or _DAY_MONTH.search(match["pre"])):
        return ()
    return names(nxt.text, prefixed=True)[0]


#: Past the header, only a dated signed post line names the author, this far down.
FAR_WINDOW = 400
#: "Copyright © 2019 by A GmbH": the owner of the site, not the author.
_COPYRIGHT = re.compile(r"©|\(c\)|\bcopyright\b", re.I)
#: How sure a signed post line far below the headline is: a curator should check it.
CONFIDENCE_FAR = 0.5


def find_far_byline(lines: list[Line]) -> Found | None:
    """A blog's "Posted on April 22, 2022 by Ann" line under the post, far from its
    title, when the header has no byline. Lines naming different people are a list
    of posts (an archive, related stories): then nobody."""
    found: list[tuple[tuple[str, ...], Line]] = []
    for index, line in enumerate(lines[:FAR_WINDOW]):
        if len(line.text.split()) > PREFIXED_MAX_WORDS or _COPYRIGHT.search(line.text):
            continue
        nxt = lines[index + 1] if index + 1 < len(lines) else None
        if not (_dated(line) or _DAY_MONTH.search(line.text)):
            # "By Kaavya Shah" over "July 18, 2024": a post line broken before its
            # date, naming people ("By Mashable Team" signs a list of teasers).
            if nxt is not None and _forms()["start"].match(line.text) and _dated(nxt):
                signed = _prefixed(line.text)
                if signed and all(map(_person_like, signed)):
                    found.append((signed, line))
            continue
        signed_names = () if _role_credit(line.text) else _prefixed(line.text)
        if not signed_names and nxt is not None:
            signed_names = _dangling(line.text, nxt)
        if signed_names:
            found.append((signed_names, line))
    return _one_author(found, CONFIDENCE_FAR)


def _one_author(found: list[tuple[tuple[str, ...], Line]], confidence: float) -> Found | None:
    """The first of ``found`` when all its lines name the same people; lines naming
    different people are a list of posts (an archive, related stories): nobody."""
    if not found or len({names for names, _ in found}) > 1:
        return None
    names_, line = found[0]
    return Found(list(names_), line.number, line.text, confidence)


#: How sure a byline found above the body, away from the chosen headline, is.
CONFIDENCE_LEAD = 0.5


def find_lead_byline(
    lines: list[Line], page: list[Line] = (), language: Language = None
) -> Found | None:
    """A byline among the lines above the body that the header under the chosen
    headline did not reach (the headline is not in the text, or was taken from
    elsewhere): a "By" line, a credited name or a name alone, on or beside a
    dated line ("Josef Průša" over "December 19. 2025"). ``lines`` are the page's
    lines above the body's first, in order. Lines naming different people are a
    list of posts: then nobody."""
    page_words = _PageWords(page)
    found: list[tuple[tuple[str, ...], Line]] = []
    dated = [_dated(line) for line in lines]
    for index, line in enumerate(lines):
        if not any(dated[max(index - 1, 0) : index + 2]):
            continue  # asked first: reading the line is the dearer test
        read = _read(lines, index, page_words, language)
        # Far from the headline, every name must open with a given name: title-case
        # headings beside a date ("Mortal Kombat II", "Request Stock Alert") do not.
        if read is None or read[1] < CONFIDENCE_ALONE or not all(map(_given_first, read[0])):
            continue
        found.append((read[0], line))
    return _one_author(found, CONFIDENCE_LEAD)


#: An author box under the article opens with the name and says the person
#: writes: "Louise Matsakis is a staff writer at WIRED covering …".
_BIO = re.compile(
    r"^(?:(?:about the author|über den autor|über die autorin|à propos de l'auteur)\s*:?\s*)?"
    r"(?P<name>.{3,60}?)\s(?-i:is|was|ist|war|est|es)\s"  # "Is": a title-case headline
    r"(?:a|an|the|ein|eine|un|une|una|el|la)\s(?P<role>.{0,80})",
    re.IGNORECASE,
)
#: The role word comes within this many words of "is a".
BIO_ROLE_WITHIN = 5
#: How sure an author box is: a curator should check it.
CONFIDENCE_BIO = 0.5


def find_author_bio(lines: list[Line], people_only: bool = False) -> Found | None:
    """The author box some sites print under the article ("About the author Jorge
    Jimenez is a writer at …"), when no byline names the author: a name that opens
    a sentence saying the person writes. ``lines`` are the lines below the
    headline; boxes naming different people (a list of contributors, a quoted
    expert's profile beside the author's) name nobody. With ``people_only``
    every name must open with a given name: among the article's own lines "X
    is a …" as often describes a firm or a product ("Taktical Digital is a
    group of … marketers")."""
    found: set[tuple[str, ...]] = set()
    first: Line | None = None
    for index, line in enumerate(lines):
        match = _BIO.match(line.text.strip())
        if not match:
            continue
        role = " ".join(match["role"].split()[:BIO_ROLE_WITHIN])
        if not _credits()[2].search(role):
            continue
        named, rest = names(match["name"])
        if len(named) != 1 or rest.strip():
            # "Maria Mathioudaki" over "Maria is a growth analyst …": the box's
            # name on its own line, the sentence calling the person by one name.
            named = _named_above(lines[index - 1] if index else None, match["name"])
            if not named:
                continue
        if people_only and not all(map(_given_first, named)):
            continue
        found.add(named)
        first = first or line
    if len(found) != 1 or first is None:
        labelled = _labelled_authors(lines)
        if labelled and people_only and not all(map(_given_first, labelled.value)):
            return None
        return labelled
    return Found(list(next(iter(found))), first.number, first.text, CONFIDENCE_BIO)


def _named_above(above: Line | None, called: str) -> tuple[str, ...]:
    """The name alone on ``above`` when ``called`` is its given name or surname."""
    if above is None or len(called.split()) != 1:
        return ()
    named, rest = names(above.text)
    if len(named) != 1 or rest.strip():
        return ()
    words = named[0].split()
    return named if called in (words[0], words[-1]) else ()


_BRACKETED = re.compile(r"^\s*\([^()]*\)\s*$")
#: An author box names at most this many people, each alone on a line under its heading.
LABELLED_MAX_NAMES = 4


def _labelled_authors(lines: list[Line]) -> Found | None:
    """The names alone on the lines under an author box's heading ("Contact the
    author:" over "Ibtisam Mahdi" and "Ruwaida Kamal Amer")."""
    for index, line in enumerate(lines):
        if not _forms()["box"].match(line.text.strip()):
            continue
        named: list[str] = []
        for below in lines[index + 1 : index + 1 + LABELLED_MAX_NAMES]:
            found, rest = names(below.text, prefixed=True)
            # "Brit Weirich (Medizinredakteurin. M.A. …)": a role in brackets may follow.
            rest = _BRACKETED.sub("", rest) if rest.lstrip().startswith("(") else rest
            if len(found) != 1 or rest.strip() or len(found[0].split()) > NAME_ALONE_MAX_WORDS:
                break
            named.append(found[0])
        if named:
            return Found(named, line.number + 1, line.text, CONFIDENCE_BIO)
    return None


def find_byline(
    lines: list[Line],
    *,
    before: list[Line] = (),
    page: list[Line] = (),
    language: Language = None,
) -> Found | None:
    """The byline nearest the headline: its names, line and shape.

    ``lines`` are the lines under the headline, nearest first; ``before``
    those just above it, nearest last (a byline over the headline, or a
    headline chosen a line too low); ``page`` all lines, to tell a name
    alone on its line from words the page also writes in lower case;
    ``language`` the page's, to tell a name with a foreign function word in it
    ("Dan Davies") from words ("The Latest"). A
    "By" line may be anywhere in the header window; a name first on its
    line only within :data:`NAME_LINE_WINDOW` lines.
    """
    below = list(lines[: HEADER_WINDOW + 1])  # the line after the last: "By" / "Ann Lee"
    above = list(before[-HEADER_LOOKBACK:]) if before else []
    context = above + below
    page_words = _PageWords(page)
    best: tuple[tuple[bool, float], Found] | None = None
    for index, line in enumerate(context[: len(above) + HEADER_WINDOW]):
        if index < len(above):
            distance = (len(above) - index) * ABOVE_PENALTY
        else:
            distance = index - len(above)
        read = _read(context, index, page_words, language)
        if read is None:
            continue
        found, confidence = read
        # A name first on its line is a byline close to the headline, or next to a date.
        if confidence < CONFIDENCE_ALONE and distance >= NAME_LINE_WINDOW:
            continue
        if index < len(above):
            confidence *= ABOVE_FACTOR
        # Prefer the surer shape, then the nearer line; a name alone with no date
        # beside it only when no line says more.
        key = (confidence < CONFIDENCE_ALONE, distance - 2 * confidence)
        if best is None or key < best[0]:
            best = (key, Found(list(found), line.number, line.text, round(confidence, 2)))
    return best[1] if best else None


def is_byline(text: str) -> bool:
    """Whether ``text`` reads as a byline line by itself ("By A", "A, Staff Writer"):
    for the headline finder, which must never take one for the headline."""
    read = _read([Line(0, text)], 0)
    return read is not None and read[1] >= CONFIDENCE_CREDITED
