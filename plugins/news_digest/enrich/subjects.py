"""Who or what a headline is about, named as the body names it.

A headline names its subject briefly ("Sessions:"); the body names it in
full ("Attorney General Jeff Sessions"). A headline word counts as a subject
only when the body also writes it capitalised in mid-sentence, which rules
out title-case filler ("Must Do Better"); the subject is then the longest
capitalised run around it in the body, less any honorific in front.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

_WORD = re.compile(r"[A-Z][\w.’'-]*\w|[A-Z]")
# A run of capitalised words, joined by single spaces, not across sentences.
_RUN = re.compile(
    r"(?<![.!?:]\s)(?<!^)\b(?:[A-Z][\w’'.-]*[\w.]|[A-Z])(?:\s(?:[A-Z][\w’'.-]*[\w.]|[A-Z]))*"
)
_ANY_RUN = re.compile(_RUN.pattern.replace(r"(?<![.!?:]\s)(?<!^)", ""))
_POSSESSIVE = re.compile(r"[’']s?$")
# "We're", "I'm", "Don't": a pronoun or a verb with its contraction, never a subject.
_CONTRACTION = re.compile(r"(?:[’'](?:re|m|ll|ve|d)|n[’']t)$", re.IGNORECASE)
STOPWORDS = frozenset(
    [
        "A",
        "An",
        "And",
        "As",
        "At",
        "But",
        "By",
        "For",
        "From",
        "How",
        "I",
        "If",
        "In",
        "Into",
        "Is",
        "It",
        "Its",
        "Of",
        "On",
        "Or",
        "Our",
        "So",
        "That",
        "The",
        "Their",
        "This",
        "To",
        "Up",
        "We",
        "What",
        "When",
        "Where",
        "Who",
        "Why",
        "Will",
        "With",
        "You",
    ]
)


@lru_cache(maxsize=1)
def honorifics() -> tuple[str, ...]:
    text = resources.files(__package__).joinpath("data/honorifics.txt").read_text("utf-8")
    names = [
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]
    return tuple(sorted(names, key=len, reverse=True))


def strip_honorifics(name: str) -> str:
    changed = True
    while changed:
        changed = False
        for title in honorifics():
            if name.startswith(title + " "):
                name, changed = name[len(title) + 1 :], True
    return name


def _runs(paragraphs: list[str], pattern: re.Pattern) -> list[str]:
    return [
        _POSSESSIVE.sub("", match.group(0)).rstrip(".")
        for paragraph in paragraphs
        for match in pattern.finditer(paragraph)
    ]


def title_subjects(title: str, paragraphs: list[str], limit: int = 3) -> list[str]:
    """Full names, as the body writes them, of the capitalised words in ``title``."""
    inner = _runs(paragraphs, _RUN)
    # Capitalised mid-sentence in the body, or written in the headline: name words.
    name_words = {w for run in inner for w in run.split()} | set(_WORD.findall(title))
    candidates = [
        run for run in _runs(paragraphs, _ANY_RUN) if all(w in name_words for w in run.split())
    ]
    subjects: list[str] = []
    for word in _WORD.findall(title):
        word = _POSSESSIVE.sub("", word)
        if (
            word in STOPWORDS
            or len(word) < 3
            or _CONTRACTION.search(word)
            or not any(word in r.split() for r in inner)
        ):
            continue
        # A name only ever written after a sentence's first word ("After Fiona
        # Hill spoke") has no candidate run: the mid-sentence run is the name.
        around = [run for run in candidates if word in run.split()] or [
            run for run in inner if word in run.split()
        ]
        name = strip_honorifics(max(around, key=lambda r: (len(r.split()), r)))
        if word in name.split() and name not in subjects and len(name.split()) <= 4:
            subjects.append(name)
        if len(subjects) == limit:
            break
    return subjects
