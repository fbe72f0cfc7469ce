"""Find a highlight's quote again in text that may have changed since it was made.

Like Hypothesis's text-quote anchors: the exact quote first (its context
choosing between several matches), then the quote's surroundings (prefix and
suffix still there, the words between them edited), then the best fuzzy match
above :data:`FUZZY_THRESHOLD`. Matching ignores case, typographic quotes and
dashes and runs of whitespace, which the cleaner or typogrify may change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

#: Lowest similarity (0–100) of a fuzzy match to the quote that still counts.
FUZZY_THRESHOLD = 85.0
#: Lowest similarity of the words between a found prefix and suffix to the quote.
CONTEXT_THRESHOLD = 60.0
#: How far apart (characters, beyond the quote's length) prefix and suffix may be.
CONTEXT_SLACK = 80

EXACT, CONTEXT, FUZZY = "exact", "context", "fuzzy"

_FOLD = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-", "\u00a0": " "}
)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    method: str
    score: float = 100.0


def _fold(text: str) -> tuple[str, list[int]]:
    """Folded text, and for each of its characters the index in ``text``."""
    out: list[str] = []
    index: list[int] = []
    for i, char in enumerate(text):
        char = char.translate(_FOLD).lower()[:1]  # one character for one: offsets stay true
        if char.isspace():
            if out and out[-1] == " ":
                continue
            char = " "
        out.append(char)
        index.append(i)
    return "".join(out), index


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text.translate(_FOLD).lower()).strip()


def _context_score(folded: str, start: int, end: int, prefix: str, suffix: str) -> float:
    score = 0.0
    if prefix:
        score += fuzz.ratio(folded[max(0, start - len(prefix)) : start].strip(), prefix)
    if suffix:
        score += fuzz.ratio(folded[end : end + len(suffix)].strip(), suffix)
    return score


def _find_all(haystack: str, needle: str) -> list[int]:
    found, at = [], haystack.find(needle)
    while at != -1:
        found.append(at)
        at = haystack.find(needle, at + 1)
    return found


def _exact(folded, quote, prefix, suffix):
    starts = _find_all(folded, quote)
    if not starts:
        return None
    if len(starts) == 1:
        return starts[0], starts[0] + len(quote), EXACT, 100.0
    best = max(starts, key=lambda s: _context_score(folded, s, s + len(quote), prefix, suffix))
    return best, best + len(quote), CONTEXT, 100.0


def _between_context(folded, quote, prefix, suffix):
    """The quote was edited but the words around it were not."""
    if not prefix or not suffix:
        return None
    best = None
    for p in _find_all(folded, prefix):
        start = p + len(prefix)
        window = folded[start : start + len(quote) + CONTEXT_SLACK]
        s = window.find(suffix)
        if s == -1:
            continue
        inner = folded[start : start + s]
        stripped = inner.strip()
        score = fuzz.ratio(stripped, quote)
        if score >= CONTEXT_THRESHOLD and (best is None or score > best[3]):
            lead = len(inner) - len(inner.lstrip())
            best = (start + lead, start + lead + len(stripped), CONTEXT, score)
    return best


def _word_bounds(folded: str, start: int, end: int) -> tuple[int, int]:
    """Widen a fuzzy match to whole words, so a mark never splits one."""
    while start > 0 and folded[start - 1].isalnum() and folded[start].isalnum():
        start -= 1
    while end < len(folded) and folded[end - 1].isalnum() and folded[end].isalnum():
        end += 1
    while start < end and folded[start] == " ":
        start += 1
    while end > start and folded[end - 1] == " ":
        end -= 1
    return start, end


def _fuzzy(folded, quote):
    if len(quote) > len(folded):
        return None
    found = fuzz.partial_ratio_alignment(quote, folded, score_cutoff=FUZZY_THRESHOLD)
    if found is None:
        return None
    start, end = _best_span(folded, quote, found.dest_start, found.dest_end)
    return start, end, FUZZY, found.score


def _best_span(folded: str, quote: str, start: int, end: int) -> tuple[int, int]:
    """Re-fit the aligned window (the quote's length) to the edited passage's words.

    Words added or removed inside the passage move its true ends; the span
    between word boundaries nearby that is most like the quote is the passage.
    """
    slack = max(12, len(quote) // 3)
    lo, hi = max(0, start - slack), min(len(folded), end + slack)
    starts = [i for i in range(lo, min(start + slack, hi)) if i == 0 or folded[i - 1] == " "]
    ends = [i for i in range(max(end - slack, lo), hi + 1) if i == len(folded) or folded[i] == " "]
    best = _word_bounds(folded, start, end)
    best_score = fuzz.ratio(folded[best[0] : best[1]], quote)
    for s in starts:
        for e in ends:
            if e - s < len(quote) // 2:
                continue
            score = fuzz.ratio(folded[s:e], quote)
            if score > best_score:
                best, best_score = (s, e), score
    return _word_bounds(folded, *best)


def anchor_quote(text: str, quote: str, prefix: str = "", suffix: str = "") -> Anchor | None:
    """Where ``quote`` is in ``text`` (character offsets into ``text``), or ``None``."""
    quote, prefix, suffix = _norm(quote), _norm(prefix), _norm(suffix)
    if not quote:
        return None
    folded, index = _fold(text)
    found = (
        _exact(folded, quote, prefix, suffix)
        or _between_context(folded, quote, prefix, suffix)
        or _fuzzy(folded, quote)
    )
    if found is None or found[1] <= found[0]:
        return None
    start, end, method, score = found
    return Anchor(index[start], index[end - 1] + 1, method, score)
