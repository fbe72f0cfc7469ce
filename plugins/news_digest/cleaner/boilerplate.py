"""Tell article text from page furniture, line by line.

Every heuristic is a named function with its thresholds as constants, and
every decision carries a reason so a curator can see why a line went.
Vocabulary (calls to action, caption markers) lives in ``data/``.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources

from .corpus import line_key
from .record import Line

#: A call to action or widget title is short; longer lines are prose.
CTA_MAX_WORDS = 12
#: A prose line has at least this many words and ends like a sentence.
PROSE_MIN_WORDS = 4
#: Lines at least this similar are the same text twice (captions, teasers).
DUPLICATE_SIMILARITY = 0.85
#: Shorter lines are not compared for duplication ("Share", "Comments").
DUPLICATE_MIN_CHARS = 40
#: This many short "Label:" lines in a row are a masthead or a form.
LABEL_RUN_MIN = 3
LABEL_MAX_WORDS = 6
#: Captions are a sentence or two; a longer line with a credit is body text.
CAPTION_MAX_WORDS = 70

BODY = None  # the reason of a kept line

_SENTENCE_END = re.compile(r"[.!?…:;][\"”’»)\]]*$")
_LABEL = re.compile(r"^[^.!?]{1,60}:$")
_WORD = re.compile(r"\w+")


def _patterns(name: str, flags: int = re.IGNORECASE) -> list[re.Pattern]:
    text = resources.files(__package__).joinpath(f"data/{name}").read_text("utf-8")
    return [
        re.compile(line, flags)
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    ]


@lru_cache(maxsize=1)
def _cta_patterns() -> list[re.Pattern]:
    return _patterns("calls_to_action.txt")


@lru_cache(maxsize=1)
def _caption_patterns() -> list[re.Pattern]:
    return _patterns("caption_markers.txt")


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def is_prose(text: str) -> bool:
    """Shaped like article prose: several words and a sentence ending."""
    return word_count(text) >= PROSE_MIN_WORDS and bool(_SENTENCE_END.search(text))


def is_long_prose(text: str) -> bool:
    """Too long and sentence-like to be a button or a widget title."""
    return word_count(text) > CTA_MAX_WORDS // 1.5 and is_prose(text)


def call_to_action(text: str) -> str | None:
    """Newsletter prompts, share buttons, "Comments", "Latest …" widgets."""
    if word_count(text) > CTA_MAX_WORDS or is_long_prose(text):
        return None
    for pattern in _cta_patterns():
        if pattern.match(text):
            return f"call to action or widget: {pattern.pattern}"
    return None


def caption(text: str) -> bool:
    """A photo caption or credit line."""
    return any(pattern.search(text) for pattern in _caption_patterns())


def _similar(a: str, b: str) -> bool:
    if min(len(a), len(b)) < DUPLICATE_MIN_CHARS:
        return False
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.quick_ratio() >= DUPLICATE_SIMILARITY and matcher.ratio() >= DUPLICATE_SIMILARITY


def duplicate_of(line: Line, earlier: list[Line]) -> Line | None:
    """The earlier line that ``line`` repeats (a caption given twice, a teaser)."""
    for other in earlier:
        if other.text == line.text or _similar(other.text, line.text):
            return other
    return None


def label_runs(lines: list[Line]) -> set[int]:
    """Indexes of lines in runs of short "Role:" labels (mastheads, forms)."""
    found: set[int] = set()
    run: list[int] = []
    for index, line in enumerate([*lines, Line(0, "")]):
        if _LABEL.match(line.text) and word_count(line.text) <= LABEL_MAX_WORDS:
            run.append(index)
            continue
        if len(run) >= LABEL_RUN_MIN:
            found.update(run)
        run = []
    return found


@dataclass(frozen=True)
class Verdict:
    """Where one line goes: ``body``, ``caption`` or ``removed`` (with a reason)."""

    line: Line
    role: str
    reason: str | None = None


def classify(lines: list[Line], repeated: Collection[str] = frozenset()) -> list[Verdict]:
    """Label every line of the article region (title and byline already taken out).

    Order of the tests matters: captions first (they are kept, once), then
    repetitions, vocabulary, label runs, and last the page edges: short lines
    before the first and after the last prose line are furniture.
    """
    labels = label_runs(lines)
    prose = [i for i, line in enumerate(lines) if is_prose(line.text)]
    first, last = (prose[0], prose[-1]) if prose else (len(lines), -1)
    verdicts: list[Verdict] = []
    seen: list[Line] = []
    for index, line in enumerate(lines):
        text = line.text
        if (dup := duplicate_of(line, seen)) is not None:
            verdict = Verdict(line, "removed", f"repeats line {dup.number}")
        elif repeated and not is_long_prose(text) and line_key(text) in repeated:
            verdict = Verdict(line, "removed", "line repeated across the publisher's pages")
        elif caption(text) and word_count(text) <= CAPTION_MAX_WORDS:
            verdict = Verdict(line, "caption", "photo caption")
        elif reason := call_to_action(text):
            verdict = Verdict(line, "removed", reason)
        elif index in labels:
            verdict = Verdict(line, "removed", "run of short labels (masthead or form)")
        elif index < first:
            verdict = Verdict(line, "removed", "short line before the article text")
        elif index > last:
            verdict = Verdict(line, "removed", "short line after the article text")
        else:
            verdict = Verdict(line, "body")
        verdicts.append(verdict)
        seen.append(line)
    return verdicts
