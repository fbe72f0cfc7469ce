"""Tell article text from page furniture, line by line.

Every heuristic is a named function with its thresholds as constants, and
every decision carries a reason so a curator can see why a line went.
Vocabulary (calls to action, caption markers) lives in ``data/``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from .corpus import line_key
from .dates import BY_PREFIX, QUOTED_POST, embedded_post, find_dates
from .linememo import line_memo
from .record import Line

#: A call to action or widget title is short; longer lines are prose.
CTA_MAX_WORDS = 12
#: A prose line has at least this many words and ends like a sentence.
PROSE_MIN_WORDS = 4
#: Sentence-shaped prompts (newsletter pitches, notices) are at most this long.
PROMPT_MAX_WORDS = 40
#: Author bios ("… is a staff writer at …") and legal or house notices
#: (``data/notices.txt``) run up to this many words.
BIO_MAX_WORDS = 100
#: Lines at least this similar are the same text twice (captions, teasers).
DUPLICATE_SIMILARITY = 0.85
#: A short body line or a question said again further away than this many
#: lines is kept (refrains, interview questions, list items); other repeats
#: (a caption given twice, a teaser of the article) are dropped.
DUPLICATE_NEAR = 2
#: Shorter lines are not compared for duplication ("Share", "Comments").
DUPLICATE_MIN_CHARS = 40
#: This many short "Label:" lines in a row are a masthead or a form.
LABEL_RUN_MIN = 3
LABEL_MAX_WORDS = 6
#: Captions are a sentence or two; a longer line with a credit is body text.
CAPTION_MAX_WORDS = 70

#: Main-text block: a prose line scores its word count, any other line costs
#: this much, and the block is the run of lines with the highest total.
NON_PROSE_COST = 4
#: A prose line this short scores nothing (teasers, captions, ratings).
MIN_SCORING_WORDS = 8
#: Once the main text has this many words, an end marker ("Comments",
#: "Related stories", a paywall prompt) closes it.
END_MARKER_MIN_WORDS = 40
#: Related-links lists: this many headline-like lines in a row (fewer after
#: a "Related …" call to action) are links to other articles.
HEADLINE_RUN_MIN = 5
HEADLINE_RUN_MIN_AFTER_CTA = 1
HEADLINE_MIN_WORDS = 3
HEADLINE_MAX_WORDS = 25
#: A run of headline-like lines inside the main text is the article's own list
#: (steps, credits, the products it reviews), not links to other stories, when
#: this share of its words (of :data:`ECHO_MIN_CHARS` letters or more) is
#: written in the text's own paragraphs.
OWN_LIST_ECHO = 0.3
ECHO_MIN_CHARS = 4
#: A list closing the article has at least this many items.
LIST_MIN_ITEMS = 3
#: Share of a run's lines that must share a separator to be the article's own list.
LIST_SHARE = 0.6
#: This many lines in a row ending in an ellipsis are a list of teasers.
TEASER_RUN_MIN = 2
#: The teaser of an inline link card is at most this many words.
CARD_TEASER_MAX_WORDS = 40
#: Scripts written without spaces: this many characters count as one word.
CJK_CHARS_PER_WORD = 2

#: Duplicate tests compare the lines of one seed, and again on its later looks:
#: remember the word sets and verdicts of this many lines and pairs (word sets
#: are large, and a page's pairs are not met again on other pages).
PAIR_CACHE_SIZE = 1 << 13

BODY = None  # the reason of a kept line

#: A sentence ending, optionally followed by a short note in brackets ("… open to
#: all. (a 3)", "… said. (AP)"), or after a full stop by a wiki's references ("… is
#: sacred. [M1 / MP]", "….[1][2]"; not a label's "Datum: [ 2018-09-28 ]"): still a
#: sentence.
_CLOSERS = '"”’»)\\]」』）'
_SENTENCE_END = re.compile(
    rf"[.!?…:;。！？][{_CLOSERS}]*(?:\s+\([^()]{{1,20}}\))?$"
    rf"|[.!?…。！？][{_CLOSERS}]*(?:\s+\([^()]{{1,20}}\)|\s*\[[^\[\]]{{1,20}}\])+$"
)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_LABEL = re.compile(r"^[^.!?]{1,60}:$")
_LIST_MARKS = (
    re.compile(r"^[^:]{1,40}:\s"),  # "Label: value"
    re.compile(r"\s(?:--|–|—|-)\s"),  # "June 9 -- Arena"
    re.compile(r"^(?:\d+[.)]?|[•*·-])\s"),  # numbered or bulleted
    re.compile(r"^\S+(?: \S+)?,(?: \S+)*, \S"),  # "Company, City, State"
)
_ELLIPSES = ("...", "…", "[…]", "[...]")
#: An embedded post: its picture link, or its quoted credit ("— Ann Lee (@ann) …");
#: :func:`.dates.embedded_post` adds the credits in other forms and languages.
_EMBEDDED_POST = re.compile(rf"pic\.twitter\.com/|{QUOTED_POST.pattern}")
_EMBED = re.compile(r"^[—–-]|https?://|www\.|pic\.twitter|@\w")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Vocabulary:
    """The regular expressions of one ``data/`` file, in file order.

    Most lines match none of them, so one scan with all of them as a single
    alternation (``union``) settles those lines; only a line it finds
    something in is tried pattern by pattern, to name the first one that
    matches.
    """

    patterns: tuple[re.Pattern, ...]
    union: re.Pattern | None

    @classmethod
    def load(cls, name: str, flags: int = re.IGNORECASE) -> Vocabulary:
        text = resources.files(__package__).joinpath(f"data/{name}").read_text("utf-8")
        sources = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
        return cls(tuple(re.compile(source, flags) for source in sources), _union(sources, flags))

    def found_in(self, text: str) -> bool:
        """Whether any of the patterns is found anywhere in ``text``."""
        if self.union is not None:
            return self.union.search(text) is not None
        return any(pattern.search(text) for pattern in self.patterns)

    def search(self, text: str) -> re.Pattern | None:
        """The first pattern found anywhere in ``text``."""
        if self.union is not None and self.union.search(text) is None:
            return None
        return next((pattern for pattern in self.patterns if pattern.search(text)), None)

    def match(self, text: str) -> re.Pattern | None:
        """The first pattern that matches at the start of ``text``."""
        if self.union is not None and self.union.match(text) is None:
            return None
        return next((pattern for pattern in self.patterns if pattern.match(text)), None)


# Group references (\1, (?P=name), (?(1)…)) would point elsewhere once
# patterns are joined; other escapes are skipped (group 1), "\(?(" is no reference.
_GROUP_REFERENCE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(|(\\.)")


def _union(sources: list[str], flags: int) -> re.Pattern | None:
    """One pattern matching where any of ``sources`` does; ``None`` if they cannot be joined.

    Most patterns start with ``\\b``: testing it once per position, before
    trying any of them, makes the scan several times faster.
    """
    if any(m[1] is None for source in sources for m in _GROUP_REFERENCE.finditer(source)):
        return None
    bounded = [source[2:] for source in sources if _leading_boundary(source)]
    branches = [f"(?:{source})" for source in sources if not _leading_boundary(source)]
    if bounded:
        branches.insert(0, r"\b(?:" + "|".join(f"(?:{rest})" for rest in bounded) + ")")
    return re.compile("|".join(branches), flags)


def _leading_boundary(source: str) -> bool:
    """Whether every match of ``source`` starts at the ``\\b`` it starts with.

    True when ``source`` is ``\\b`` followed by a pattern with no ``|`` outside
    its groups (so ``\\b(?:rest)`` means the same). A scan of escapes,
    character classes and parentheses; what it cannot vouch for (comments,
    verbose mode, unbalanced input) counts as no, which only costs speed.
    """
    if not source.startswith(r"\b") or "#" in source:
        return False
    depth, index = 0, 2
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 1  # the escaped character is a literal
        elif char == "[":
            end = source.find("]", index + (3 if source.startswith("[^", index) else 2))
            escaped = source.find("\\", index, end)
            if end < 0 or escaped >= 0:
                return False
            index = end
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return False
        elif char == "|" and depth == 0:
            return False
        index += 1
    return depth == 0


@lru_cache(maxsize=1)
def _ctas() -> Vocabulary:
    return Vocabulary.load("calls_to_action.txt")


@lru_cache(maxsize=1)
def _captions() -> Vocabulary:
    return Vocabulary.load("caption_markers.txt")


@lru_cache(maxsize=1)
def _end_markers() -> Vocabulary:
    return Vocabulary.load("end_markers.txt")


@lru_cache(maxsize=1)
def _prompts() -> Vocabulary:
    return Vocabulary.load("prompts.txt")


@lru_cache(maxsize=1)
def _bios() -> Vocabulary:
    return Vocabulary.load("author_bios.txt")


@lru_cache(maxsize=1)
def _notices() -> Vocabulary:
    return Vocabulary.load("notices.txt")


@line_memo
def prompt(text: str) -> str | None:
    """A pitch or notice written as a sentence ("Get our newsletter…"), or an author bio."""
    words = word_count(text)
    if words <= PROMPT_MAX_WORDS and (pattern := _prompts().search(text)):
        return f"prompt or notice: {pattern.pattern}"
    if words <= BIO_MAX_WORDS:
        if pattern := _bios().search(text):
            return f"author bio or credit: {pattern.pattern}"
        if pattern := _notices().search(text):
            return f"legal or house notice: {pattern.pattern}"
    return None


@line_memo
def word_count(text: str) -> int:
    """Words in ``text``; in Chinese and Japanese, every two characters count as one."""
    cjk = len(_CJK.findall(text))
    if not cjk:
        return len(_WORD.findall(text))
    return len(_WORD.findall(_CJK.sub(" ", text))) + cjk // CJK_CHARS_PER_WORD


@line_memo
def is_prose(text: str) -> bool:
    """Shaped like article prose: several words and a sentence ending."""
    return word_count(text) >= PROSE_MIN_WORDS and bool(_SENTENCE_END.search(text))


def is_long_prose(text: str) -> bool:
    """Too long and sentence-like to be a button or a widget title."""
    return word_count(text) > CTA_MAX_WORDS // 1.5 and is_prose(text)


@line_memo
def call_to_action(text: str) -> str | None:
    """Newsletter prompts, share buttons, "Comments", "Latest …" widgets."""
    if word_count(text) > CTA_MAX_WORDS or is_long_prose(text):
        return None
    if pattern := _ctas().match(text.lstrip("([{*•·>|–—- ")):
        return f"call to action or widget: {pattern.pattern}"
    return None


@line_memo
def caption(text: str) -> bool:
    """A photo caption or credit line."""
    return _captions().found_in(text)


def _similar(a: str, b: str) -> bool:
    if min(len(a), len(b)) < DUPLICATE_MIN_CHARS:
        return False
    return (
        _lengths_alike(len(a), len(b))
        and _words_alike(_word_set(a), _word_set(b))
        and _chars_alike(a, b)
    )


def _lengths_alike(size_a: int, size_b: int) -> bool:
    """Whether the lengths alone leave two texts a chance of being similar
    (difflib's ``real_quick_ratio``)."""
    return 2 * min(size_a, size_b) / (size_a + size_b) >= DUPLICATE_SIMILARITY


#: Similar lines have at least this share of their words in common (shared / all).
_WORD_SHARE = DUPLICATE_SIMILARITY / 2


def _words_alike(words_a: frozenset[str], words_b: frozenset[str]) -> bool:
    """Whether two lines share enough words to be worth a character diff. Most
    pairs fail by their numbers of words alone: the shared words are at most
    the fewer of them, the union at least the more."""
    count_a, count_b = len(words_a), len(words_b)
    if min(count_a, count_b) / max(count_a, count_b) < _WORD_SHARE:
        return False
    common = len(words_a & words_b)  # the union has the others once each
    return common / (count_a + count_b - common) >= _WORD_SHARE


@lru_cache(maxsize=PAIR_CACHE_SIZE)
def _chars_alike(a: str, b: str) -> bool:
    """The costly part of :func:`_similar`; later looks compare the same pairs again."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.quick_ratio() >= DUPLICATE_SIMILARITY and matcher.ratio() >= DUPLICATE_SIMILARITY


@lru_cache(maxsize=PAIR_CACHE_SIZE)
def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.casefold().split())


def duplicate_of(line: Line, earlier: list[Line]) -> Line | None:
    """The earlier line that ``line`` repeats (a caption given twice, a teaser)."""
    return duplicates([*earlier, line])[-1]


# _similar needs 2·m/(m + n) ≥ DUPLICATE_SIMILARITY of the lengths m ≤ n, that
# is m ≥ n·S/(2 − S); lines whose lengths are further apart than this (less
# a margin for rounding) are not even compared.
_LENGTH_SHARE = DUPLICATE_SIMILARITY / (2 - DUPLICATE_SIMILARITY) - 0.01


def duplicates(lines: list[Line]) -> list[Line | None]:
    """``duplicate_of(line, lines[:i])`` for every ``i, line``, in one pass.

    The first earlier line with the same text or a similar one: only lines
    of at least :data:`DUPLICATE_MIN_CHARS` are compared, so a shorter line
    can only repeat the very same text, and a longer one need only be
    compared with the longer lines of about its length before its first copy
    (and, on a long page, only with those that share one of its rarer words:
    :func:`_sharing_lines`).
    """
    found: list[Line | None] = []
    first_copy: dict[str, int] = {}  # text → index of its first line
    long_enough = [i for i, line in enumerate(lines) if len(line.text) >= DUPLICATE_MIN_CHARS]
    words_of = {i: _word_set(lines[i].text) for i in long_enough}
    sharing = (
        _sharing_lines(long_enough, words_of) if len(long_enough) > SHARING_MIN_LINES else None
    )
    earlier: list[int] = []  # the lines long enough to compare, so far
    for index, line in enumerate(lines):
        text = line.text
        copy = first_copy.setdefault(text, index)
        size = len(text)
        if size < DUPLICATE_MIN_CHARS:
            found.append(lines[copy] if copy < index else None)
            continue
        low, high = size * _LENGTH_SHARE, size / _LENGTH_SHARE
        words = words_of[index]
        match = None
        for other_index in earlier if sharing is None else sharing[index]:
            if other_index == copy:
                match = lines[other_index]
                break
            other_text = lines[other_index].text
            other_size = len(other_text)
            # _similar(other.text, text) less its length floor: both lines reach it.
            if (
                low <= other_size <= high
                and _lengths_alike(other_size, size)
                and _words_alike(words_of[other_index], words)
                and _chars_alike(other_text, text)
            ):
                match = lines[other_index]
                break
        found.append(match)
        earlier.append(index)
    return found


#: Pages with more lines to compare than this (comment threads, long link
#: lists: most of the pairs of a corpus) compare only lines that share a word.
SHARING_MIN_LINES = 100


def _sharing_lines(indexes: list[int], words_of: dict[int, frozenset[str]]) -> dict[int, list[int]]:
    """For each of ``indexes``, the earlier ones (in order) that may share enough
    words with it to be similar; a line with the very same words is among them.

    Similar lines share at least :data:`_WORD_SHARE` of their words, so they
    share a word among the first ``n − ⌊share · n⌋ + 1`` of each one's ``n``
    words taken in one order for all ("prefix filtering" of set-similarity
    joins); rarest first, those words are in the fewest lines.
    """
    frequency = Counter(word for index in indexes for word in words_of[index])
    holders: dict[str, list[int]] = {}
    sharing: dict[int, list[int]] = {}
    for index in indexes:
        rarest = sorted(words_of[index], key=lambda word: (frequency[word], word))
        prefix = rarest[: len(rarest) - int(_WORD_SHARE * len(rarest)) + 1]
        sharing[index] = sorted({other for word in prefix for other in holders.get(word, ())})
        for word in prefix:
            holders.setdefault(word, []).append(index)
    return sharing


def is_label(text: str) -> bool:
    """A short "Role:" label, as in a masthead or a form."""
    return bool(_LABEL.match(text)) and word_count(text) <= LABEL_MAX_WORDS


def end_marker(text: str) -> str | None:
    """A line that closes the article: comment section, related stories, paywall."""
    if is_long_prose(text):
        return None
    if pattern := _end_markers().match(text):
        return f"end of the article text: {pattern.pattern}"
    return None


def line_score(text: str) -> int:
    """How much a line speaks for the main text around it (see :func:`main_block`)."""
    words = word_count(text)
    if prompt(text) or call_to_action(text):
        return -NON_PROSE_COST
    if truncated(text) or _EMBEDDED_POST.search(text):
        return 0  # a teaser, or an embedded post quoted by the article: neutral
    if is_prose(text) and words >= MIN_SCORING_WORDS:
        return words
    if is_prose(text):
        return 0
    return -NON_PROSE_COST


def headline_like(text: str) -> bool:
    """Shaped like a headline: a few words, no sentence ending, not a label.

    Embedded posts ("pic.twitter.com/…", "— Name (@handle) date") and
    attributions are not headlines.
    """
    words = word_count(text)
    return (
        HEADLINE_MIN_WORDS <= words <= HEADLINE_MAX_WORDS
        and not _SENTENCE_END.search(text)
        and not _EMBED.search(text)
        and not caption(text)
    )


def truncated(text: str) -> bool:
    """A teaser cut short: ends in an ellipsis ("… said on Wednesday. It...")."""
    return text.rstrip().endswith(_ELLIPSES)


def vocabulary_verdict(text: str) -> tuple[str, str] | None:
    """``(role, reason)`` for a photo caption, a call to action or a prompt, else ``None``.

    The three vocabulary tests of :func:`classify`, in its order.
    """
    if word_count(text) <= CAPTION_MAX_WORDS and caption(text):
        return "caption", "photo caption"
    if reason := call_to_action(text) or prompt(text):
        return "removed", reason
    return None


@dataclass(frozen=True, slots=True)
class Features:
    """What the line-level tests above say about one line's text.

    The classifier asks about every line many times (for the main block,
    each kind of run, the page edges, the verdict) and the cleaner asks
    again on its later looks; a publisher's furniture and a syndicated
    paragraph recur from page to page. One remembered record per text
    answers all of those questions with a single look-up. The caption test
    is left out: a search through a long paragraph, needed only for lines
    at the edges of the main text and near the headline (see :func:`caption`,
    remembered on its own).
    """

    words: int
    prose: bool
    long_prose: bool
    question: bool
    call_to_action: str | None
    prompt: str | None
    vocabulary: tuple[str, str] | None
    end_marker: str | None
    score: int
    headline: bool
    label: bool
    truncated: bool
    embedded_post: bool


@line_memo
def features(text: str) -> Features:
    """Every line-level test's answer for ``text``, worked out once."""
    return Features(
        words=word_count(text),
        prose=is_prose(text),
        long_prose=is_long_prose(text),
        question=text.rstrip().endswith("?"),
        call_to_action=call_to_action(text),
        prompt=prompt(text),
        vocabulary=vocabulary_verdict(text),
        end_marker=end_marker(text),
        score=line_score(text),
        headline=headline_like(text),
        label=is_label(text),
        truncated=truncated(text),
        embedded_post=_EMBEDDED_POST.search(text) is not None or embedded_post(text),
    )


def furniture(text: str) -> bool:
    """A caption, prompt or widget line: never the headline."""
    record = features(text)
    return bool(record.call_to_action or record.prompt or caption(text))


def _runs(flags: list[bool], min_length: int) -> set[int]:
    """Indexes of the runs of at least ``min_length`` true ``flags`` in a row."""
    found: set[int] = set()
    start = 0
    for index, flag in enumerate([*flags, False]):
        if not flag:
            if index - start >= min_length:
                found.update(range(start, index))
            start = index + 1
    return found


def label_runs(feats: list[Features]) -> set[int]:
    """Indexes of lines in runs of short "Role:" labels (mastheads, forms)."""
    return _runs([f.label for f in feats], LABEL_RUN_MIN)


def teaser_runs(feats: list[Features]) -> set[int]:
    """Indexes of runs of :data:`TEASER_RUN_MIN` or more truncated teasers in a row."""
    return _runs([f.truncated for f in feats], TEASER_RUN_MIN)


def _embedded_text(feats: list[Features], index: int) -> bool:
    """The text of an embedded post: a long line right above its "— Name (@handle)" line."""
    return (
        index + 1 < len(feats)
        and feats[index].words >= MIN_SCORING_WORDS
        and feats[index + 1].embedded_post
    )


def _subheading_then_prose(lines: list[Line], feats: list[Features], head: int, text: int) -> bool:
    """Line ``head`` is a lone subheading and line ``text`` a sentence past it.

    One headline-shaped line between the article's short paragraphs (a
    subheading, or a headline-shaped line pasted in) does not end the text.
    """
    if not (0 <= head < len(lines) and 0 <= text < len(lines)):
        return False
    return (
        feats[head].headline
        and not feats[head].vocabulary
        and not feats[head].end_marker
        and feats[text].prose
        and not feats[text].vocabulary
        and not feats[text].end_marker
        and not caption(lines[text].text)
    )


def main_block(lines: list[Line]) -> tuple[int, int]:
    """Indexes ``(first, last)`` of the main text: the run of lines scoring most.

    Prose paragraphs score their length, every other line a small cost, so
    menus, link lists and widget runs separate the article from teasers and
    footers (a maximum-sum segment, as in Finn's "body text extraction").
    ``(len(lines), -1)`` when no line is prose.
    """
    return _best_block([features(line.text).score for line in lines])


#: A paywall's prompt ends the text a page gives, unless the text goes on after it:
#: the page was copied whole (a subscriber's).
_PAYWALL = re.compile(
    r"already a subscriber|want to read more|to read the full (?:story|article)|"
    r"(?:subscribe|log ?in|sign ?in|register) (?:now )?to (?:continue|read|keep)|"
    r"(?:for|available to|reserved for) (?:subscribers|members)",
    re.IGNORECASE,
)


def _text_goes_on(lines: list[Line], feats: list[Features], index: int, last: int) -> bool:
    """Whether a paywall's prompt at ``index`` has at least as much prose after it,
    up to ``last``, as :data:`END_MARKER_MIN_WORDS`."""
    if not _PAYWALL.search(lines[index].text):
        return False
    after = sum(max(f.score, 0) for f in feats[index + 1 : last + 1])
    return after >= END_MARKER_MIN_WORDS


#: Prose above the main block is the article's lead when it holds this many words
#: and this share of the block's: a guide's introduction over its list.
LEAD_BLOCK_MIN_WORDS = 80
LEAD_BLOCK_MIN_SHARE = 0.1


def _lead_block(scores: list[int], first: int, last: int) -> int:
    """Where the article starts: ``first``, or the start of a block of prose above
    it, parted from it by a list or a table, that is long enough to be its lead."""
    if first <= 0 or first > last:
        return first
    top, bottom = _best_block(scores[:first])
    if top > bottom:
        return first
    lead = sum(scores[top : bottom + 1])
    block = sum(max(s, 0) for s in scores[first : last + 1])
    if lead >= LEAD_BLOCK_MIN_WORDS and lead >= LEAD_BLOCK_MIN_SHARE * block:
        return top
    return first


def _best_block(scores: list[int]) -> tuple[int, int]:
    """:func:`main_block` of lines scoring ``scores``."""
    best, best_span = 0, (len(scores), -1)
    total, start = 0, 0
    for index, score in enumerate(scores):
        if total <= 0:
            total, start = 0, index
        total += score
        if total > best:
            best, best_span = total, (start, index)
    first, last = best_span
    # The block starts and ends with prose, not with a stray short line.
    while first <= last and scores[first] <= 0:
        first += 1
    while last >= first and scores[last] <= 0:
        last -= 1
    return first, last


def _structured_list(texts: list[str]) -> bool:
    """Items of one list in the article: most share a separator or start alike.

    "June 9 -- Arena, City", "Path A: …", "England (Group A): …" are a list
    the article gives; headlines of other stories share no such structure.
    """
    for mark in _LIST_MARKS:
        if sum(bool(mark.search(t)) for t in texts) >= LIST_SHARE * len(texts):
            return True
    return False


def _list_after(lines: list[Line], feats: list[Features], last: int) -> int:
    """Extend the main text over a list that closes it ("Qualified teams:" + items).

    List items are short and unpunctuated, so the block scoring leaves them
    out; a run of :data:`LIST_MIN_ITEMS` or more items sharing a separator
    (see :func:`_structured_list`) right after the text, optionally under
    one heading line, is the article's own.
    """
    while True:
        start = last + 1
        if start < len(lines) and not feats[start].headline:
            start += 1  # a heading such as "Qualified teams"
        end = start
        while end < len(lines) and feats[end].headline:
            end += 1
        texts = [line.text for line in lines[start:end]]
        if len(texts) < LIST_MIN_ITEMS or not _structured_list(texts):
            return last
        if start > last + 1 and (feats[last + 1].call_to_action or feats[last + 1].end_marker):
            return last
        last = end - 1


def link_cards(lines: list[Line], feats: list[Features]) -> set[int]:
    """Indexes of inline cards linking to other stories.

    A card gives the other story's headline twice (image alt text and link)
    and then its short teaser; a headline-like line repeated within the next
    two lines marks one. The first copy, a section label between the copies
    and a teaser of at most :data:`CARD_TEASER_MAX_WORDS` words go.
    """
    found: set[int] = set()
    for index, line in enumerate(lines):
        if not feats[index].headline or _dated(line.text) or BY_PREFIX.match(line.text):
            continue  # a byline or dateline given twice is no card
        for other in range(index + 1, min(index + 3, len(lines))):
            if lines[other].text == line.text or _similar(lines[other].text, line.text):
                found.update(range(index, other + 1))
                after = other + 1
                if (
                    after < len(lines)
                    and feats[after].prose
                    and feats[after].words <= CARD_TEASER_MAX_WORDS
                ):
                    found.add(after)
                break
    return found


@line_memo
def _dated(text: str) -> bool:
    """A short line with a full date in it: a byline or dateline."""
    return word_count(text) <= CTA_MAX_WORDS and bool(find_dates(text))


def headline_runs(lines: list[Line], feats: list[Features]) -> list[list[int]]:
    """Related-links lists: runs of headline-like lines, each as its indexes.

    One headline-like line between paragraphs is a subheading; several in a
    row (or two under a "Related …" prompt) are links to other stories.
    """
    found: list[list[int]] = []
    run: list[int] = []
    for index, feature in enumerate([*feats, None]):
        if feature is not None and feature.headline:
            run.append(index)
            continue
        if run:
            after_cta = run[0] > 0 and feats[run[0] - 1].call_to_action is not None
            texts = [lines[i].text for i in run]
            if (after_cta and len(run) >= HEADLINE_RUN_MIN_AFTER_CTA) or (
                len(run) >= HEADLINE_RUN_MIN and not _structured_list(texts)
            ):
                found.append(run)
        run = []
    return found


_ECHO_WORD = re.compile(rf"\w{{{ECHO_MIN_CHARS},}}")


def own_lists(
    lines: list[Line], feats: list[Features], runs: list[list[int]], first: int, last: int
) -> set[int]:
    """Indexes of the :func:`headline_runs` that are the article's own lists.

    A run between two paragraphs of the main text (``first`` to ``last``),
    not under a "Related …" prompt, whose words the paragraphs use (at least
    :data:`OWN_LIST_ECHO` of them): related stories are about something else.
    """
    in_runs = {index for run in runs for index in run}
    prose = {
        word
        for index in range(first, last + 1)
        if index not in in_runs and feats[index].prose
        for word in _ECHO_WORD.findall(lines[index].text.casefold())
    }
    own: set[int] = set()
    for run in runs:
        inside = [index for index in run if first < index < last]
        if not inside or feats[inside[0] - 1].call_to_action is not None:
            continue
        words = [w for i in inside for w in set(_ECHO_WORD.findall(lines[i].text.casefold()))]
        if words and sum(w in prose for w in words) >= OWN_LIST_ECHO * len(words):
            own.update(inside)
    return own


class Verdict(NamedTuple):
    """Where one line goes: ``body``, ``caption`` or ``removed`` (with a reason).

    A named tuple like :class:`~.record.Line`: one is made per line and look.
    """

    line: Line
    role: str
    reason: str | None = None


def classify(lines: list[Line], repeated: Collection[str] = frozenset()) -> list[Verdict]:
    """Label every line of the article region (title and byline already taken out).

    Order of the tests matters: captions first (they are kept, once), then
    repetitions, vocabulary, label runs, and last the page edges: short lines
    before the first and after the last prose line are furniture.
    """
    feats = [features(line.text) for line in lines]
    labels = label_runs(feats)
    runs = headline_runs(lines, feats)
    teasers = teaser_runs(feats)
    cards = link_cards(lines, feats)
    scores = [f.score for f in feats]
    first, last = _best_block(scores)
    first = _lead_block(scores, first, last)
    if first > last:
        # No prose at all: the article is a list or a table. Keep what the
        # vocabulary and repetition tests let through rather than nothing.
        first, last = 0, len(lines) - 1
    # Short sentences right before or after the block (a lead, a closing
    # one-line paragraph) belong to it.
    # So do short sentences beyond one subheading.
    while True:
        if first > 0 and feats[first - 1].prose and not caption(lines[first - 1].text):
            first -= 1
        elif _subheading_then_prose(lines, feats, first - 1, first - 2):
            first -= 2
        else:
            break
    while True:
        if (
            last + 1 < len(lines)
            and (
                feats[last + 1].prose
                or feats[last + 1].embedded_post
                or _embedded_text(feats, last + 1)
            )
            and not caption(lines[last + 1].text)
            and not feats[last + 1].end_marker
        ):
            last += 1
        elif _subheading_then_prose(lines, feats, last + 1, last + 2):
            last += 2
        else:
            break
    last = _list_after(lines, feats, last)
    ended = None
    words = 0
    for index in range(first, last + 1):
        marker = feats[index].end_marker
        if (
            words >= END_MARKER_MIN_WORDS
            and marker
            and not _text_goes_on(lines, feats, index, last)
        ):
            ended = marker
            last = index - 1
            break
        words += max(feats[index].score, 0)
    own = own_lists(lines, feats, runs, first, last)
    headlines = {index for run in runs for index in run if index not in own}
    verdicts: list[Verdict] = []
    repeats = duplicates(lines)
    kept: dict[int, int] = {}  # line number → index, for lines kept as body
    for index, line in enumerate(lines):
        feature = feats[index]
        dup = repeats[index]
        if (
            dup is not None
            and dup.number in kept
            and index - kept[dup.number] > DUPLICATE_NEAR
            and (feature.words < MIN_SCORING_WORDS or feature.question)
        ):
            dup = None  # the article itself says it again (a refrain, a question, a list item)
        if index == last + 1 and ended:
            verdict = Verdict(line, "removed", ended)
        elif dup is not None:
            verdict = Verdict(line, "removed", f"repeats line {dup.number}")
        elif repeated and not feature.long_prose and line_key(line.text) in repeated:
            verdict = Verdict(line, "removed", "line repeated across the publisher's pages")
        elif feature.vocabulary:
            verdict = Verdict(line, *feature.vocabulary)
        elif index in labels:
            verdict = Verdict(line, "removed", "run of short labels (masthead or form)")
        elif index in cards:
            verdict = Verdict(line, "removed", "card linking to another story")
        elif index in teasers:
            verdict = Verdict(line, "removed", "run of truncated teasers (other articles)")
        elif index in headlines:
            verdict = Verdict(line, "removed", "run of headline-like lines (related links)")
        elif index < first:
            verdict = Verdict(line, "removed", "before the main text block")
        elif index > last:
            verdict = Verdict(line, "removed", "after the main text block")
        else:
            verdict = Verdict(line, "body")
        verdicts.append(verdict)
        if verdict.role == "body":
            kept[line.number] = index
    return verdicts


@lru_cache(maxsize=1)
def widgets() -> Vocabulary:
    """``data/widgets.txt``: the page's controls (share, gallery, account, paging)."""
    return Vocabulary.load("widgets.txt")


@line_memo
def widget(text: str) -> bool:
    """Whether ``text`` names a widget of ``data/widgets.txt``: never a headline
    (the headline's features), and no line of an article's header (its finders);
    asked of a line by several of them, answered once."""
    return widgets().found_in(text)
