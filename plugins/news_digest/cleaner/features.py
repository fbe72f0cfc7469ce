"""Shallow text features of a seed's lines, for the headline ranker.

In the manner of Kohlschütter et al., "Boilerplate detection using shallow
text features" (2010): each line is described by its position, length,
word and sentence shape, capitalisation, punctuation, the vocabulary it
hits and the same for its neighbours, and by what the rest of the page says
about it (is it echoed by the body, repeated elsewhere, one of a list of
headline-shaped lines, followed by a byline, a date or a standfirst?).

The vector is plain floats in :data:`HEADLINE_FEATURES` order; training
(``bench/train.py``) and scoring (:mod:`.headline`) both call
:func:`headline_features`, so they can never disagree about a feature.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Collection

from . import boilerplate, metadata
from .dates import BY_PREFIX
from .linememo import line_memo
from .record import Line

#: Lines with more words than this are never headline candidates.
CANDIDATE_MAX_WORDS = 40
#: A line this long ending in a full stop is a sentence of the text, never the headline.
LEAD_MIN_WORDS = metadata.LEAD_MIN_WORDS
#: Candidates are looked for among this many lines from the top ...
CANDIDATE_MAX_LINES = 400
#: ... and down to this many lines under the first line of the body, where
#: long menus push the article's header further down the page.
CANDIDATE_BELOW_BODY = 8
#: A line's "neighbours" are this many candidate-or-not lines either side.
NEIGHBOURS = 2
#: Words this short (or stop words) do not count as echoes of the body.
ECHO_MIN_CHARS = 4
#: A byline or date this many lines under a line is its header (past a
#: standfirst, a photo and its credit).
HEADER_BELOW = 8
#: Distances (in lines) are clipped here before the log.
DISTANCE_CLIP = 200

_WORD = re.compile(r"\w+")
#: Han, hiragana and katakana: scripts written without spaces between words.
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_SENTENCE_END = re.compile(r"[.!?…。！？][\"”’»)\]]*(?:\s+\([^()]{1,20}\))?$")
_SEPARATOR = re.compile(r"\s[|–—-]\s|\s::\s|\s»\s")
_DIGIT = re.compile(r"\d")

HEADLINE_FEATURES = (
    "bias",
    "first_line",
    "log_index",
    "relative_position",
    "above_body",
    "log_lines_to_body",
    "below_body_start",
    "is_body",
    "first_candidate_above_body",
    "candidates_between_body",
    "log_words",
    "words_3_to_20",
    "chars_over_words",
    "ends_sentence",
    "ends_question",
    "ends_colon",
    "ends_paren",
    "capitalised_share",
    "all_caps",
    "digit_share",
    "has_separator",
    "headline_shape",
    "widget",
    "call_to_action",
    "prompt",
    "caption",
    "end_marker",
    "label",
    "truncated",
    "byline_shape",
    "date_in_line",
    "echo_share",
    "echo_count",
    "title_repeated",
    "contained_in_other_line",
    "headline_run",
    "next_byline",
    "next_date",
    "next_standfirst",
    "next_body",
    "prev_furniture",
    "prev_headline_shape",
    "next_headline_shape",
    "first_headline_shape",
    "log_lines_above_body",
    "first_line_near_body",
    "echo_above_body",
    "echo_lead",
    "best_echo_above_body",
    "echo_x_nearest_above",
    "alone_in_block",
    "log_block_lines",
    "best_echo",
    "signed_below",
)
#: The body's first lines: a headline's words come back there most.
LEAD_LINES = 3
#: The first line is the headline of a seed-like text; this far above the body
#: it is a page's menu more often.
NEAR_BODY = 6


@line_memo
def _shape(text: str) -> tuple:
    """The features of a line that depend on its text alone."""
    feats = boilerplate.features(text)
    words = text.split()
    letters = [w for w in words if w[:1].isalpha()]
    capitalised = sum(w[:1].isupper() for w in letters) / len(letters) if letters else 0.0
    upper = [c for c in text if c.isalpha()]
    all_caps = float(len(upper) >= 4 and all(c.isupper() for c in upper))
    digits = len(_DIGIT.findall(text)) / max(len(text), 1)
    stripped = text.rstrip()
    headline_shaped, byline_shaped, dated = _marks(text)
    return (
        math.log1p(feats.words),
        float(3 <= feats.words <= 20),
        min(len(text) / max(feats.words, 1), 20.0) / 10,
        float(bool(_SENTENCE_END.search(stripped))),
        float(stripped.endswith("?")),
        float(stripped.endswith(":")),
        float(stripped.endswith(")")),
        capitalised,
        all_caps,
        digits,
        float(bool(_SEPARATOR.search(text))),
        float(headline_shaped),
        float(boilerplate.widget(text)),
        float(feats.call_to_action is not None),
        float(feats.prompt is not None),
        float(boilerplate.caption(text)) if feats.words <= boilerplate.CAPTION_MAX_WORDS else 0.0,
        float(feats.end_marker is not None),
        float(feats.label),
        float(feats.truncated),
        float(byline_shaped),
        float(dated),
    )


#: What a line's neighbours ask of it, and three of its own features
#: (``_shape``'s fields 11, 19, 20): headline-shaped, a byline, a short dated line.
_NO_MARKS = (False, False, False)


@line_memo
def _marks(text: str) -> tuple[bool, bool, bool]:
    return (
        metadata.headline_candidate(text),
        _byline_shape(text),
        boilerplate.word_count(text) <= metadata.BYLINE_MAX_WORDS
        and bool(metadata.find_dates(text)),
    )


def _byline_shape(text: str) -> bool:
    """A byline's shape: "By" and a few words after it, not a bare "By:" label."""
    by = BY_PREFIX.match(text)
    return bool(by and text[by.end() :]) and len(text.split()) <= metadata.BYLINE_MAX_WORDS


@line_memo
def _content_words(text: str) -> frozenset[str]:
    """The words a headline and its body share: those of four letters or more,
    and in Chinese and Japanese, which put no spaces between words, each pair
    of characters in a row."""
    folded = text.casefold()
    if not _CJK_RUN.search(folded):
        return frozenset(w for w in _WORD.findall(folded) if len(w) >= ECHO_MIN_CHARS)
    runs = _CJK_RUN.findall(folded)
    words = {w for w in _WORD.findall(_CJK_RUN.sub(" ", folded)) if len(w) >= ECHO_MIN_CHARS}
    words.update(run[i : i + 2] for run in runs for i in range(len(run) - 1))
    return frozenset(words)


def candidates(lines: list[Line], body: Collection[int] = ()) -> list[int]:
    """Indexes of the lines that may be the headline: short enough, with words in
    them, and not one of a list of other headlines each with its date.

    ``body`` holds the indexes of the lines the boilerplate classifier kept:
    the header is looked for down to just under the body's first line.
    """
    reach = max(CANDIDATE_MAX_LINES, min(body, default=0) + CANDIDATE_BELOW_BODY + 1)
    shaped = [
        index
        for index, line in enumerate(lines[:reach])
        if 1 <= boilerplate.word_count(line.text) <= CANDIDATE_MAX_WORDS
        and any(c.isalpha() for c in line.text)
        and not _lead_sentence(line.text)
        and not never_headline(line.text)
        and (not line.text.rstrip().endswith(":") or broken_headline(lines, index))
    ]
    return _outside_dated_lists(lines, shaped)


#: The first part of a headline broken after its colon has at most this many words.
BROKEN_HEAD_MAX_WORDS = 12


def broken_headline(lines: list[Line], index: int) -> bool:
    """Whether the line at ``index``, which ends in a colon, is the first part of a
    headline broken in two in the same block ("Krach vor der VW-Betriebsversammlung:"
    over "Es knirscht zwischen Diess und Aufsichtsräten"). Other lines ending in a
    colon are labels ("Hefeteig:") or sentences a list follows: never the headline."""
    line = lines[index]
    if index + 1 >= len(lines) or len(line.text.split()) > BROKEN_HEAD_MAX_WORDS:
        return False
    below = lines[index + 1]
    return (
        not below.blank_before
        and below.number == line.number + 1
        and 1 <= boilerplate.word_count(below.text) <= BROKEN_HEAD_MAX_WORDS
        and not below.text.rstrip().endswith(":")
        and not _SENTENCE_END.search(below.text.rstrip())
        and not never_headline(below.text)
    )


#: Headlines each over its date, this many in a row, are a list of articles
#: ("More articles", "Recent posts"), not this article's header.
DATED_LIST_MIN_ITEMS = 3


def _outside_dated_lists(lines: list[Line], indexes: list[int]) -> list[int]:
    """``indexes`` without those in a run of "headline / its date" pairs."""
    shaped = set(indexes)

    def dated_item(index: int) -> bool:
        return (
            index in shaped
            and index + 1 < len(lines)
            and _marks(lines[index + 1].text)[2]
            and not _marks(lines[index].text)[2]
        )

    listed: set[int] = set()
    for start in indexes:
        if not dated_item(start) or dated_item(start - 2):
            continue  # not an item, or not the first of its run
        end = start
        while dated_item(end + 2):
            end += 2
        if (end - start) // 2 + 1 >= DATED_LIST_MIN_ITEMS:
            listed.update(range(start, end + 1, 2))
    return [i for i in indexes if i not in listed] if listed else indexes


#: A line whose words are mostly a date ("Feb 14, 2018", "Updated 5 May 2019
#: 10:00") has at most this many other words: a dateline.
DATELINE_OTHER_WORDS = 3
#: A line this short naming a widget ("Copy link", "5 min read") is the widget.
WIDGET_MAX_WORDS = 5
#: A longer line is a row of controls ("Facebook Twitter Pinterest E-Mail",
#: "Jump to main navigation Jump to main content") when widget names cover
#: this share of its letters; "Facebook and Twitter ban political ads" is not.
WIDGET_ROW_COVER = 0.7


#: What a dateline writes beside its date: a clock time, a weekday ("10:08 am Fri").
_CLOCK_OR_WEEKDAY = re.compile(
    metadata.CLOCK_TIME
    + r"|\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b\.?"
    r"|\b(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi"
    r"|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo"
    r"|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica)\b",
    re.IGNORECASE,
)


#: A breadcrumb trail ("Home » News » Local", "Blog > Weight Loss > Tips")
#: has this many spaced arrows, or one more counting slashes (a title may
#: hold a slash: "Winda w chmurach / Obyczaje / dwutygodnik.com"), or starts
#: at the site's home page.
BREADCRUMB_MIN_ARROWS = 2
BREADCRUMB_MIN_SEPARATORS = 3
_TRAIL_ARROW = re.compile(r"\s[›»>]\s")
_TRAIL_SEPARATOR = re.compile(r"\s[›»>/]\s")
_TRAIL_START = re.compile(
    r"^(?:(?:you are here|sie sind hier|vous êtes ici|usted está aquí)\s*:"
    r"|(?:home|homepage|startseite|accueil|inicio|home page)\s[›»>/]\s)",
    re.IGNORECASE,
)


def controls_row(text: str) -> bool:
    """A row of buttons or links: widget names and little else."""
    letters = sum(c.isalpha() for c in text)
    if not letters or not boilerplate.widget(text):
        return False
    covered = [False] * len(text)
    for pattern in boilerplate.widgets().patterns:
        for match in pattern.finditer(text):
            covered[match.start() : match.end()] = [True] * (match.end() - match.start())
    share = sum(c.isalpha() for c, hit in zip(text, covered, strict=True) if hit) / letters
    return share >= WIDGET_ROW_COVER


def breadcrumb(text: str) -> bool:
    """A breadcrumb trail: the page's place in the site, which ends in the headline
    but is not it."""
    return (
        bool(_TRAIL_START.match(text.strip()))
        or len(_TRAIL_ARROW.findall(text)) >= BREADCRUMB_MIN_ARROWS
        or len(_TRAIL_SEPARATOR.findall(text)) >= BREADCRUMB_MIN_SEPARATORS
    )


#: A line that is an address and at most this many other words is a contact or
#: link line ("[› ma@example.de", "www.example.com/kontakt"), never a headline.
ADDRESS_OTHER_WORDS = 2
_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+|\bhttps?://\S+|\bwww\.\S+", re.IGNORECASE)


def _address_line(text: str) -> bool:
    if not ("@" in text or "www." in text or "://" in text):  # most lines: skip the search
        return False
    if not (found := _ADDRESS.search(text)):
        return False
    rest = text[: found.start()] + " " + text[found.end() :]
    return sum(any(c.isalpha() for c in w) for w in rest.split()) <= ADDRESS_OTHER_WORDS


@line_memo
def never_headline(text: str) -> bool:
    """A byline, a dateline, a photo caption, a button or a breadcrumb trail: never
    the headline, whatever else it looks like."""
    if _byline_shape(text) or breadcrumb(text):
        return True
    feats = boilerplate.features(text)
    if feats.call_to_action or (feats.prompt and feats.words <= boilerplate.CTA_MAX_WORDS):
        return True
    # "… (Picture by Jameel Springer)": on the dev pages no headline reads as a caption.
    if "caption" in (feats.vocabulary or ()):
        return True
    if feats.words <= WIDGET_MAX_WORDS and boilerplate.widget(text):
        return True
    if controls_row(text):  # "Facebook Twitter Pinterest E-Mail WhatsApp"
        return True
    if _address_line(text):
        return True
    dates = metadata.find_dates(text) if feats.words <= metadata.BYLINE_MAX_WORDS else []
    if dates:
        rest = text
        for _, written in dates:
            rest = rest.replace(written, " ")
        rest = _CLOCK_OR_WEEKDAY.sub(" ", rest)  # "/ Cory Doctorow / 10:08 am Fri Jul 19, 2013"
        if sum(any(c.isalpha() for c in w) for w in rest.split()) <= DATELINE_OTHER_WORDS:
            return True
    return False


def _lead_sentence(text: str) -> bool:
    """A long line ending in a full stop: a paragraph's sentence, not a headline."""
    return boilerplate.word_count(text) >= LEAD_MIN_WORDS and text.rstrip().endswith((".", "…"))


def headline_features(
    lines: list[Line], body: Collection[int], indexes: list[int] | None = None
) -> list[list[float]]:
    """One vector (:data:`HEADLINE_FEATURES` order) per candidate line.

    ``body`` holds the indexes of the lines the boilerplate classifier kept;
    ``indexes`` the candidates (default :func:`candidates`).
    """
    if indexes is None:
        indexes = candidates(lines, body)
    body = sorted(body)
    in_body = set(body)
    first_body = body[0] if body else len(lines)
    body_words: Counter[str] = Counter()
    for index in body:
        body_words.update(_content_words(lines[index].text))
    lead_words = set().union(*(_content_words(lines[i].text) for i in body[:LEAD_LINES]))
    echoes = {}
    for index in indexes:
        words = _content_words(lines[index].text)
        echoes[index] = sum(1 for w in words if body_words[w]) / len(words) if words else 0.0
    best_above = max((echoes[i] for i in indexes if i < first_body), default=0.0)
    best_echo = max(echoes.values(), default=0.0)
    blocks = _block_sizes(lines)
    texts = [line.text for line in lines]
    keys = Counter(" ".join(t.casefold().split()) for t in texts)
    reach = (indexes[-1] + max(NEIGHBOURS, HEADER_BELOW) + 1) if indexes else 0
    # Only candidates and the line over each need every feature of their text
    # (a widget search through a long paragraph is costly); the lines around
    # them, what their neighbours ask (:func:`_marks`).
    marks = [_marks(t) if i <= reach else _NO_MARKS for i, t in enumerate(texts)]
    headline_like = [mark[0] for mark in marks]
    first_headline = next((i for i, flag in enumerate(headline_like) if flag), -1)
    above = [i for i in indexes if i < first_body and headline_like[i]]
    nearest_above = above[-1] if above else -1
    # Every longer line, once, to find candidates inside others in one scan each.
    long_joined = "\n".join(t.casefold() for t in texts if len(t) > 20)
    rows = []
    for index in indexes:
        text = texts[index]
        shape = _shape(text)
        words = _content_words(text)
        echoed = sum(1 for w in words if body_words[w])
        echo = echoes[index]
        lead = sum(1 for w in words if w in lead_words) / len(words) if words else 0.0
        key = " ".join(text.casefold().split())
        run = _run_length(headline_like, index)
        after = marks[index + 1 : index + 1 + NEIGHBOURS]
        before = _shape(texts[index - 1]) if index > 0 else None
        folded = text.casefold()
        rows.append(
            [
                1.0,
                float(index == 0),
                math.log1p(index),
                index / max(len(lines), 1),
                float(index < first_body),
                math.log1p(min(abs(first_body - index), DISTANCE_CLIP)),
                float(index > first_body),
                float(index in in_body),
                float(index == nearest_above),
                math.log1p(len(above) - bisect_right(above, index)),
                *shape,
                echo,
                math.log1p(echoed),
                float(keys[key] > 1),
                float(len(text) > 20 and _inside_another(folded, long_joined)),
                math.log1p(run),
                float(any(mark[1] for mark in after)),
                float(any(mark[2] for mark in after)),
                float(_standfirst_below(index, texts, in_body)),
                float(index + 1 in in_body),
                float(bool(before and (before[12] or before[13] or before[14]))),
                float(bool(before and before[11])),
                float(bool(after and after[0][0])),
                float(index == first_headline),
                math.log1p(min(first_body, DISTANCE_CLIP)),
                float(index == 0 and first_body <= NEAR_BODY),
                echo * (index < first_body),
                lead,
                float(index < first_body and echo > 0 and echo == best_above),
                echo * (index == nearest_above),
                float(blocks[index] == 1),
                math.log1p(blocks[index]),
                float(echo > 0 and echo == best_echo),
                float(
                    any(mark[1] or mark[2] for mark in marks[index + 1 : index + 1 + HEADER_BELOW])
                ),
            ]
        )
    return rows


def _block_sizes(lines: list[Line]) -> list[int]:
    """For each line, how many lines its block has: the lines between two blank
    lines. A headline is a block of its own; a list of links is one block."""
    sizes = [0] * len(lines)
    start = 0
    for index in range(1, len(lines) + 1):
        if index == len(lines) or lines[index].number != lines[index - 1].number + 1:
            sizes[start:index] = [index - start] * (index - start)
            start = index
    return sizes


def _inside_another(folded: str, joined: str) -> bool:
    """``folded`` occurs in some line of ``joined`` other than a copy of itself."""
    start = joined.find(folded)
    while start >= 0:
        line_start = joined.rfind("\n", 0, start) + 1
        line_end = joined.find("\n", start)
        line_end = len(joined) if line_end < 0 else line_end
        if joined[line_start:line_end] != folded:
            return True
        start = joined.find(folded, line_end)
    return False


def _run_length(flags: list[bool], index: int) -> int:
    """How many headline-shaped lines in a row the run through ``index`` holds."""
    if not flags[index]:
        return 0
    start = index
    while start > 0 and flags[start - 1]:
        start -= 1
    end = index
    while end + 1 < len(flags) and flags[end + 1]:
        end += 1
    return end - start + 1


def _standfirst_below(index: int, texts: list[str], body: Collection[int]) -> bool:
    """The next line is a one- or two-sentence summary, not yet the article."""
    if index + 1 >= len(texts):
        return False
    feats = boilerplate.features(texts[index + 1])
    return feats.prose and feats.words <= 40 and index + 1 not in body
