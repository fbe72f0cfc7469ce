"""Direct quotations and who said them.

A quotation is text between curly (or straight) double quotes of at least
:data:`MIN_QUOTE_WORDS` words. Its speaker is found, in this order:

1. after it: ``…,” Sessions said`` / ``…,” said Jeff Sessions`` / ``…,” he told``;
2. before it, in the same sentence: ``He said …, saying “…”``;
3. another attributed quotation in the same paragraph (a quote split by its
   attribution).

A pronoun (he, she) is the last person named before the quotation, outside
quotation marks, whose given name (when the data files know it) fits the pronoun.
A quotation with no speaker found is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .entities import PERSON, SPEECH_VERBS, Extraction
from .gazetteer import pronoun_fits

#: Shorter quoted bits are scare quotes or fragments, not quotations.
MIN_QUOTE_WORDS = 6

_QUOTE = re.compile(r"“([^“”]+)”|\"([^\"]+)\"")
_PRONOUN = r"(?:he|she|He|She)"
_NAME = r"(?P<name>[A-Z][\w’'.-]*(?:\s[A-Z][\w’'.-]*){0,3})"
_AFTER_PRONOUN = re.compile(rf"^\s*,?\s*(?P<pronoun>{_PRONOUN})\s+(?:\w+\s+)?(?:{SPEECH_VERBS})\b")
_AFTER_NAME = re.compile(rf"^\s*,?\s*{_NAME}\s+(?:\w+\s+)?(?:{SPEECH_VERBS})\b")
_AFTER_VERB_NAME = re.compile(rf"^\s*,?\s*(?:{SPEECH_VERBS})\s+{_NAME}")
_BEFORE = re.compile(rf"\b(?:{SPEECH_VERBS})\b[^.!?]*$|:\s*$")
_SUBJECT_PRONOUN = re.compile(rf"^\s*({_PRONOUN})\b")
_SENTENCE = re.compile(r"[.!?][”\"]?\s+(?=[A-Z“\"])")


@dataclass(frozen=True)
class Quotation:
    text: str
    speaker: str
    paragraph: int
    start: int


def _last_person_before(
    extraction: Extraction, paragraph: int, at: int, spans, pronoun: str
) -> str | None:
    last = None
    for m in extraction.mentions:
        if m.kind != PERSON or (m.paragraph, m.start) >= (paragraph, at):
            continue
        if any(p == m.paragraph and a <= m.start < b for p, a, b in spans):
            continue  # named inside a quotation: not who is speaking
        if pronoun_fits(pronoun, m.name):  # "she" is not "Patrick Carlineo"
            last = m.name
    return last


def _person_at(extraction: Extraction, paragraph: int, start: int, end: int) -> str | None:
    for m in extraction.mentions:
        if m.kind == PERSON and m.paragraph == paragraph and start <= m.start < end:
            return m.name
    return None


def find_quotations(paragraphs: list[str], extraction: Extraction) -> list[Quotation]:
    """Attributed quotations in ``paragraphs``, with speakers named as ``extraction`` does."""
    spans = [
        (number, match.start(), match.end())
        for number, text in enumerate(paragraphs)
        for match in _QUOTE.finditer(text)
    ]
    found: list[Quotation] = []
    for number, text in enumerate(paragraphs):
        pending, speakers = [], []
        for match in _QUOTE.finditer(text):
            words = (match.group(1) or match.group(2)).strip()
            speaker = _speaker(text, match, number, extraction, spans)
            if speaker:
                speakers.append(speaker)
            if len(words.split()) >= MIN_QUOTE_WORDS:
                pending.append((words, speaker, match.start()))
        for words, speaker, start in pending:
            # Split by its attribution: the other part has the same speaker.
            speaker = speaker or (speakers[0] if len(set(speakers)) == 1 else None)
            if speaker:
                found.append(Quotation(words.rstrip(","), speaker, number, start))
    return found


def _speaker(text, match, number, extraction, spans) -> str | None:
    after = text[match.end() : match.end() + 80]
    if m := _AFTER_PRONOUN.match(after):
        return _last_person_before(extraction, number, match.start(), spans, m.group("pronoun"))
    for pattern in (_AFTER_NAME, _AFTER_VERB_NAME):
        if m := pattern.match(after):
            begin = match.end() + m.start("name")
            return _person_at(extraction, number, begin, begin + len(m.group("name")))
    sentences = _SENTENCE.split(text[: match.start()])
    sentence = sentences[-1] if sentences else ""
    if _BEFORE.search(sentence):
        offset = match.start() - len(sentence)
        if named := _person_at(extraction, number, offset, match.start()):
            return named
        if pronoun := _SUBJECT_PRONOUN.match(sentence):
            return _last_person_before(extraction, number, offset, spans, pronoun.group(1))
    return None
