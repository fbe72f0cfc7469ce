"""Which language an article is written in: script first, then stop words.

A deliberately small detector (no model, no dependency): scripts with their
own letters settle the question at once (Hangul → ``ko``, kana → ``ja``,
Han alone → ``zh``, Arabic, Hebrew, Greek, Thai …); Latin and Cyrillic text
is matched against the short stop-word lists of ``data/stopwords.json``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from .linememo import line_memo

#: Below this many words the stop-word vote is not trusted.
MIN_WORDS = 5
#: Share of letters a script needs to decide the language by itself.
SCRIPT_SHARE = 0.3
#: The fallback when nothing decides.
DEFAULT = "en"

# The code points of each script.
_SCRIPT_RANGES = (
    ("ko", r"\uac00-\ud7af\u1100-\u11ff"),
    ("ja", r"\u3040-\u30ff"),
    ("zh", r"\u4e00-\u9fff"),
    ("ar", r"\u0600-\u06ff"),
    ("he", r"\u0590-\u05ff"),
    ("el", r"\u0370-\u03ff"),
    ("th", r"\u0e00-\u0e7f"),
    ("hi", r"\u0900-\u097f"),
    ("cyrillic", r"\u0400-\u04ff"),
)
# Runs of each script's characters: their total length is the script's count.
_SCRIPTS = tuple((lang, re.compile(f"[{chars}]+")) for lang, chars in _SCRIPT_RANGES)
# A character of any of them: without one, every script count is 0.
_ANY_SCRIPT = re.compile("[" + "".join(chars for _, chars in _SCRIPT_RANGES) + "]")
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _stopwords() -> dict[str, frozenset[str]]:
    text = resources.files(__package__).joinpath("data/stopwords.json").read_text("utf-8")
    data = json.loads(text)
    return {lang: frozenset(words) for lang, words in data.items() if not lang.startswith("_")}


@lru_cache(maxsize=1)
def _stopword_index() -> dict[str, tuple[int, ...]]:
    """Each stop word → the positions in :func:`_stopwords` of the languages listing it."""
    index: dict[str, tuple[int, ...]] = {}
    for position, words in enumerate(_stopwords().values()):
        for word in words:
            index[word] = (*index.get(word, ()), position)
    return index


def _tally(text: str) -> tuple[int, ...]:
    """What :func:`detect` counts in ``text``.

    ``(words, letters, letters of each script of _SCRIPTS, stop words of each
    language of _stopwords())``. A word is a maximal run of letters, so the
    tally of texts joined by a line break is the sum of their tallies.
    """
    words = _WORD.findall(text)
    scripts = [0] * len(_SCRIPTS)
    if _ANY_SCRIPT.search(text):
        scripts = [sum(map(len, pattern.findall(text))) for _, pattern in _SCRIPTS]
    stops = [0] * len(_stopwords())
    index = _stopword_index()
    counts = Counter(map(str.casefold, words))
    for word in counts.keys() & index.keys():
        for position in index[word]:
            stops[position] += counts[word]
    return (len(words), sum(map(len, words)), *scripts, *stops)


_line_tally = line_memo(_tally)


def _verdict(tally: tuple[int, ...] | list[int]) -> str:
    """The language a :func:`_tally` speaks for."""
    words, letters = tally[0], tally[1]
    if not letters:
        return DEFAULT
    scripts = dict(zip((lang for lang, _ in _SCRIPTS), tally[2 : 2 + len(_SCRIPTS)], strict=True))
    # Japanese mixes kana and Han: any real share of kana makes it Japanese.
    if scripts["ja"] / letters > SCRIPT_SHARE / 3:
        return "ja"
    for lang, _ in _SCRIPTS[:-1]:  # Cyrillic is for the stop words to tell apart
        if scripts[lang] / letters > SCRIPT_SHARE:
            return lang
    if words < MIN_WORDS:
        return DEFAULT
    stops = dict(zip(_stopwords(), tally[2 + len(_SCRIPTS) :], strict=True))
    cyrillic = scripts["cyrillic"] / letters > SCRIPT_SHARE
    candidates = (
        ("ru", "uk") if cyrillic else tuple(lang for lang in stops if lang not in ("ru", "uk"))
    )
    scores = {lang: stops[lang] for lang in candidates}
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] else DEFAULT


def detect(text: str) -> str:
    """An ISO 639-1 code for ``text``; :data:`DEFAULT` when there is too little to tell."""
    return _verdict(_tally(text))


def detect_lines(lines: Iterable[str]) -> str:
    """``detect("\\n".join(lines))``, from a remembered tally of each line.

    The cleaner asks about the same lines more than once (all lines, then
    the body; then again on its second look), and a publisher's furniture
    lines recur from page to page.
    """
    tallies = [_line_tally(line) for line in lines]
    if not tallies:
        return detect("")
    return _verdict([sum(column) for column in zip(*tallies, strict=True)])
