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
from functools import lru_cache
from importlib import resources

#: Below this many words the stop-word vote is not trusted.
MIN_WORDS = 5
#: Share of letters a script needs to decide the language by itself.
SCRIPT_SHARE = 0.3
#: The fallback when nothing decides.
DEFAULT = "en"

_SCRIPTS = (
    ("ko", re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")),
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# A character of any script above or Cyrillic: without one, every script count is 0.
_ANY_SCRIPT = re.compile("|".join([*(p.pattern for _, p in _SCRIPTS), _CYRILLIC.pattern]))
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _stopwords() -> dict[str, frozenset[str]]:
    text = resources.files(__package__).joinpath("data/stopwords.json").read_text("utf-8")
    data = json.loads(text)
    return {lang: frozenset(words) for lang, words in data.items() if not lang.startswith("_")}


def detect(text: str) -> str:
    """An ISO 639-1 code for ``text``; :data:`DEFAULT` when there is too little to tell."""
    words = _WORD.findall(text)
    letters = sum(map(len, words))  # a word is a maximal run of letters
    if not letters:
        return DEFAULT
    cyrillic = False
    if _ANY_SCRIPT.search(text):
        # Japanese mixes kana and Han: any real share of kana makes it Japanese.
        counts = {lang: len(pattern.findall(text)) for lang, pattern in _SCRIPTS}
        if counts["ja"] / letters > SCRIPT_SHARE / 3:
            return "ja"
        for lang, _ in _SCRIPTS:
            if counts[lang] / letters > SCRIPT_SHARE:
                return lang
        cyrillic = len(_CYRILLIC.findall(text)) / letters > SCRIPT_SHARE
    if len(words) < MIN_WORDS:
        return DEFAULT
    folded = Counter(map(str.casefold, words))
    stopwords = _stopwords()
    candidates = (
        ("ru", "uk") if cyrillic else tuple(lang for lang in stopwords if lang not in ("ru", "uk"))
    )
    scores = {lang: sum(folded[w] for w in stopwords[lang] & folded.keys()) for lang in candidates}
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] else DEFAULT
