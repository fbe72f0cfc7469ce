"""The cleaner's shortcuts give what the straightforward computation gives.

Each shortcut (skipping ftfy, one alternation per pattern file, per-line
language tallies, string methods for white space, dates read without
dateutil) is checked against the plain definition it replaces, on generated
text.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import unicodedata
from re import _constants as sre
from re import _parser

import ftfy
import pytest
from dateutil import parser as dateparser
from ftfy.badness import BADNESS_RE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from news_digest.cleaner import boilerplate, language, metadata, pipeline
from news_digest.cleaner.decode import FTFY_CONFIG, NEVER_MOJIBAKE_ALONE, repair
from news_digest.cleaner.normalise import _OTHER_SPACE, normalise, segment
from news_digest.cleaner.record import Line

SETTINGS = settings(
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Pieces of real text and of everything ftfy and normalise() act on: mojibake,
# C1 and other control characters, ligatures, full-width forms, odd line
# breaks and spaces, combining marks, invisible characters, lone surrogates.
PIECES = st.sampled_from(
    [
        *"aZ .,\n",
        "the ",
        "Café ",
        "“quoted”",
        "it’s",
        " — ",
        "…",
        "«nous»",
        "сказал ",
        "市长说",
        "Ã©",
        "â€™",
        "â€œ",
        "Ã ",
        "Ã\xa0",
        "Â ",
        "ÃƒÂ©",
        "ðŸ˜€",
        "вЂ",
        "√±",
        "×²",
        "œ",
        "\x85",
        "\x92",
        "\r\n",
        "\r",
        "\u2028",
        "\x0b",
        "\x0c",
        "\x1c",
        "ﬁ",
        "Ｌ",
        "\u3000",
        "\x1b[31m",
        "\x00",
        "\ufeff",
        "\u200b",
        "\u00ad",
        "\xa0",
        "\t",
        "\u2003",
        "e\u0301",
        "\u0301",
        "\ud83d\ude00",
        "\ud800",
        "&amp;",
    ]
)
TEXT = st.one_of(st.lists(PIECES, max_size=40).map("".join), st.text(max_size=60))


def _must_include_one_of(items, allowed: frozenset[int]) -> bool:
    """Whether every match of the parsed sequence ``items`` has a character not in ``allowed``."""
    for op, av in items:
        if op is sre.LITERAL and av not in allowed:
            return True
        if op is sre.IN and all(kind in (sre.LITERAL, sre.RANGE) for kind, _ in av):
            codes = [
                code
                for kind, value in av
                for code in ([value] if kind is sre.LITERAL else range(value[0], value[1] + 1))
            ]
            if not allowed.intersection(codes):
                return True
        if op is sre.SUBPATTERN and _must_include_one_of(av[-1], allowed):
            return True
        repeated = op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1
        if repeated and _must_include_one_of(av[2], allowed):
            return True
        if op is sre.BRANCH and all(_must_include_one_of(alt, allowed) for alt in av[1]):
            return True
    return False


def test_every_mojibake_pattern_needs_more_than_plain_punctuation():
    """What lets repair() skip ftfy's is_bad on segments of ASCII and common punctuation."""
    assert not BADNESS_RE.flags & re.IGNORECASE
    plain = frozenset(range(0x80)) | frozenset(map(ord, NEVER_MOJIBAKE_ALONE))
    tree = _parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    [(op, (_, alternatives))] = list(tree)
    assert op is sre.BRANCH
    for alternative in alternatives:
        assert _must_include_one_of(alternative, plain), alternative


@SETTINGS
@given(TEXT)
def test_repair_is_ftfy(text):
    assert repair(text) == ftfy.fix_text(text, FTFY_CONFIG)


def test_repair_fixes_mojibake():
    assert repair("The cafÃ© is â€œopenâ€\x9d") == "The café is “open”"


_LINE_ENDS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[^\S\n]+")


@SETTINGS
@given(TEXT)
def test_normalise_is_its_regular_expression_definition(text):
    text = _INVISIBLE.sub("", _LINE_ENDS.sub("\n", text))
    text = unicodedata.normalize("NFC", text)
    expected = "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    assert normalise(text) == expected


def test_other_space_is_all_white_space_but_space_and_line_break():
    """What lets normalise() skip its line-by-line pass."""
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        expected = char.isspace() and char not in " \n"
        assert (_OTHER_SPACE.match(char) is not None) is expected, hex(code)


@SETTINGS
@given(st.lists(TEXT.map(lambda text: text.replace("\n", " ")), max_size=8))
def test_detect_lines_is_detect_of_the_joined_lines(lines):
    assert language.detect_lines(lines) == language.detect("\n".join(lines))


VOCABULARY = st.lists(
    st.sampled_from(
        [
            "Sign up",
            "subscribe",
            "newsletter",
            "to our",
            "Share",
            "comments",
            "Photo by",
            "Getty Images",
            "(AP)",
            "© 2019",
            "is a staff writer at",
            "contributed to this report",
            "privacy policy",
            "click here",
            "Read more",
            "Related",
            "the",
            "city",
            ".",
        ]
    ),
    max_size=10,
).map(" ".join)


VOCABULARIES = (
    boilerplate._prompts,
    boilerplate._bios,
    boilerplate._notices,
    boilerplate._captions,
    boilerplate._ctas,
    boilerplate._end_markers,
)


@SETTINGS
@given(VOCABULARY)
def test_a_vocabulary_names_the_first_pattern_in_file_order(text):
    for load in VOCABULARIES:
        vocabulary = load()
        assert vocabulary.search(text) is next(
            (p for p in vocabulary.patterns if p.search(text)), None
        )
        assert vocabulary.match(text) is next(
            (p for p in vocabulary.patterns if p.match(text)), None
        )
        assert vocabulary.found_in(text) is any(p.search(text) for p in vocabulary.patterns)


@pytest.mark.parametrize(
    ("source", "leading"),
    [
        (r"\bnewsletters?\b", True),
        (r"\b(un)?subscribe\b", True),
        (r"\b(your|our) inbox\b", True),
        (r"\b[]|]a", True),
        (r"\ba|b", False),
        (r"\b[|(]a|b", False),
        (r"\b\(a|b", False),
        (r"\b(?#()a|b", False),
        (r"\b(a", False),
        (r"a\b", False),
        (r"(?:\ba)", False),
    ],
)
def test_leading_boundary(source, leading):
    assert boilerplate._leading_boundary(source) is leading


def test_leading_boundary_agrees_with_the_parser_on_the_data_files():
    """``\\b(?:rest)`` in a vocabulary's union means what the pattern means."""
    for load in VOCABULARIES:
        for pattern in load().patterns:
            if boilerplate._leading_boundary(pattern.pattern):
                rest = _parser.parse(pattern.pattern[2:], pattern.flags)
                tree = _parser.parse(pattern.pattern, pattern.flags)
                expected = [(sre.AT, sre.AT_BOUNDARY), *rest]
                assert repr(list(tree)) == repr(expected), pattern.pattern


def test_every_vocabulary_file_is_joined():
    """A pattern mistaken for a group reference would quietly slow every line down."""
    for load in VOCABULARIES:
        assert load().union is not None, load


@pytest.mark.parametrize(
    ("source", "joinable"),
    [
        (r"(a)\1", False),
        (r"(?P<x>a)(?P=x)", False),
        (r"(a)?(?(1)b|c)", False),
        (r"\\1", True),
        (r"^\(?(also on|see also)\b", True),
        (r"\bimage \d+ of \d+\b", True),
    ],
)
def test_patterns_with_group_references_are_not_joined(source, joinable):
    assert (boilerplate._union([source], re.IGNORECASE) is not None) is joinable


SENTENCES = [
    "The council voted on Tuesday to expand the bus network to the suburbs.",
    "The council voted on Tuesday to expand the bus network to the suburb.",
    "The council voted on Monday to expand the bus network to the suburbs!",
    "Officials said the new routes would start running in the spring.",
    "Share",
    "Comments",
    "A man walks past the bridge. (Photo by Ann Lee/Getty Images)",
    "A man walks past the bridge. (Photo by Ann Lee/Getty Images) via Getty",
]


@SETTINGS
@given(st.lists(st.sampled_from(SENTENCES), max_size=12))
def test_duplicates_is_the_first_equal_or_similar_earlier_line(texts):
    lines = [Line(number, text) for number, text in enumerate(texts, start=1)]
    expected = [
        next(
            (
                o
                for o in lines[:i]
                if o.text == line.text or boilerplate._similar(o.text, line.text)
            ),
            None,
        )
        for i, line in enumerate(lines)
    ]
    assert boilerplate.duplicates(lines) == expected


#: Words to vary the sentences with: lines that share many, some or few words.
VARIANTS = st.lists(
    st.tuples(
        st.sampled_from(SENTENCES),
        st.lists(st.sampled_from(["bus", "the", "new", "Ann", "said", "spring", "x"]), max_size=4),
    ).map(lambda pair: " ".join([pair[0], *pair[1]])),
    max_size=40,
)


@SETTINGS
@given(VARIANTS)
def test_duplicates_on_a_long_page_compares_only_lines_sharing_a_rare_word(texts):
    lines = [Line(number, text) for number, text in enumerate(texts, start=1)]
    expected = boilerplate.duplicates(lines)  # every pair compared
    floor = boilerplate.SHARING_MIN_LINES
    boilerplate.SHARING_MIN_LINES = 0
    try:
        assert boilerplate.duplicates(lines) == expected
    finally:
        boilerplate.SHARING_MIN_LINES = floor


@SETTINGS
@given(
    st.lists(
        st.sampled_from(
            ["Reuters", "reuters", "nytimes.com", "CNN", "CNNs", "Mic", "Mice", " ", "."]
        ),
        max_size=6,
    ).map("".join)
)
def test_one_pattern_for_all_publishers(text):
    named = [name for name, pattern in metadata._publisher_patterns() if pattern.search(text)]
    assert (metadata._any_publisher().search(text) is not None) is bool(named)
    assert metadata._publisher(text) == (named[0] if named else None)


def _dateutil_date(text: str, dayfirst: bool) -> dt.date | None:
    """:func:`metadata.parse_date` as it was: dateutil for every string."""
    try:
        value = dateparser.parse(
            text, fuzzy=True, dayfirst=dayfirst, default=dt.datetime(1900, 1, 1)
        )
    except (ValueError, OverflowError):
        return None
    return value.date() if 1900 < value.year < 2200 else None


MONTH_SPELLINGS = [
    spelling
    for name in metadata._MONTH_NUMBERS
    for word in (name, name.capitalize(), name.upper(), "Mai", "Sepx")
    for spelling in (word, word + ".")
]
NAMED_DATES = st.builds(
    lambda month, day, suffix, comma, year, day_first: (
        f"{day}{suffix} {month}{comma} {year}"
        if day_first
        else f"{month} {day}{suffix}{comma} {year}"
    ),
    st.sampled_from(MONTH_SPELLINGS),
    st.sampled_from([*map(str, range(40)), "00", "05", "09"]),
    st.sampled_from(["", "st", "nd", "rd", "th"]),
    st.sampled_from(["", ","]),
    st.sampled_from(["1899", "1900", "1901", "2017", "2199", "2200", "0999", "9999"]),
    st.booleans(),
)


@SETTINGS
@given(NAMED_DATES, st.booleans())
def test_parse_date_reads_named_month_dates_as_dateutil_does(text, dayfirst):
    assert metadata.parse_date(text, dayfirst=dayfirst) == _dateutil_date(text, dayfirst)


@pytest.mark.parametrize("dayfirst", [False, True])
def test_parse_date_reads_every_day_of_a_year_as_dateutil_does(dayfirst):
    for day in range(366):
        date = dt.date(2016, 1, 1) + dt.timedelta(days=day)
        for text in (f"{date:%b} {date.day}, 2016", f"{date.day} {date:%B} 2016"):
            assert metadata.parse_date(text, dayfirst=dayfirst) == date, text
            assert _dateutil_date(text, dayfirst) == date, text


DATE_LINES = st.lists(
    st.sampled_from(
        [
            "05/10/2018",
            "13/05/2019",
            "5/13/19",
            "2019-04-05",
            "Apr 5, 2019",
            "5 Sept , 2019",
            "22 de janeiro de 2018",
            "By Ana Silva",
            " ",
            "Updated ",
        ]
    ),
    max_size=4,
).map("".join)


@SETTINGS
@given(DATE_LINES, st.booleans())
def test_day_order_asked_only_when_it_changes_the_dates(text, dayfirst):
    asked = []

    def order() -> bool:
        asked.append(True)
        return dayfirst

    assert metadata.find_dates(text, dayfirst=order) == metadata.find_dates(text, dayfirst)
    if asked:
        assert metadata.find_dates(text, False) != metadata.find_dates(text, True)


@pytest.mark.parametrize("language", ["pl", "de", "en"])
def test_the_page_language_is_asked_only_of_a_line_with_a_day_and_a_year(language):
    from news_digest.cleaner import dates

    asked = []

    def page_language() -> str:
        asked.append(True)
        return language

    under = [Line(2, "Zdjęcie wykonane w 2019"), Line(3, "Tekst artykułu.")]
    assert dates.find_stated_date(under, language=page_language) is None
    assert not asked  # one number: no day and year for the library to read
    found = dates.find_stated_date([Line(2, "5 listopada 2019")], language=page_language)
    assert asked
    assert (found is not None) == (language == "pl")  # read in the page's language only


def test_named_month_dates_do_not_ask_the_day_order():
    def order() -> bool:
        raise AssertionError("the language was worked out for a date that needs none")

    assert metadata.find_dates("By Ann Lee Apr 18, 2017", dayfirst=order)


@SETTINGS
@given(st.lists(st.booleans(), max_size=12), st.integers(min_value=1, max_value=4))
def test_runs_are_the_long_enough_runs_of_true_flags(flags, min_length):
    expected = set()
    for start in range(len(flags)):
        for end in range(start + min_length, len(flags) + 1):
            if all(flags[start:end]):
                expected.update(range(start, end))
    assert boilerplate._runs(flags, min_length) == expected


@SETTINGS
@given(st.lists(TEXT, max_size=6).map("\n".join))
def test_normalise_is_its_regular_expression_definition_on_raw_text(text):
    """Line ends and invisible characters too, and the per-line shortcut on many lines."""
    expected = _INVISIBLE.sub("", _LINE_ENDS.sub("\n", text))
    expected = unicodedata.normalize("NFC", expected)
    expected = "\n".join(_SPACES.sub(" ", line).strip() for line in expected.split("\n"))
    assert normalise(text) == expected


@SETTINGS
@given(st.lists(TEXT, max_size=6).map("\n".join))
def test_repair_is_ftfy_on_many_lines(text):
    assert repair(text) == ftfy.fix_text(text, FTFY_CONFIG)


@SETTINGS
@given(st.lists(TEXT, max_size=6).map("\n".join))
def test_lines_split_once_are_segment_normalise_repair(text):
    assert pipeline._lines(text) == segment(normalise(repair(text)))
