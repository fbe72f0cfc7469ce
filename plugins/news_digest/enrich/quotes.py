"""Direct quotations and who said them.

A quotation is text between curly (or straight) double quotes of at least
:data:`MIN_QUOTE_WORDS` words. Its speaker is found, in this order:

1. after it: ``…,” Sessions said`` / ``…,” said Jeff Sessions`` / ``…,” he told``;
2. before it, in the same sentence: ``He said …, saying “…”``;
3. another attributed quotation in the same paragraph (a quote split by its
   attribution);
4. the quotation the paragraph before left open, or, for a paragraph that is
   one quotation, the one the paragraph before ended with.

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

#: Closed quotations, and one left open at a paragraph's end (it goes on in the next).
_QUOTE = re.compile(r"“([^“”]+)”|\"([^\"]+)\"|“([^“”]+)$")
_PRONOUN = r"(?:he|she|He|She)"
_VERB = rf"(?:{SPEECH_VERBS}|[Aa]ccording to)"
_AFTER_PRONOUN = re.compile(rf"^\s*,?\s*(?P<pronoun>{_PRONOUN})\s+(?:\w+\s+)?(?:{SPEECH_VERBS})\b")
_SPEECH = re.compile(rf"\b{_VERB}\b")
_BEFORE = re.compile(rf"\b{_VERB}\b[^.!?]*$|:\s*$")
_SUBJECT_PRONOUN = re.compile(rf"^\s*({_PRONOUN})\b")
_SENTENCE = re.compile(r"[.!?][”\"]?\s+(?=[A-Z“\"])")
#: A paragraph that ends with its quotation's attribution ("…,” she said.") or its close.
_ENDS_QUOTING = re.compile(rf"[”\"]\s*$|[”\"],?\s+(?:\w+\s+){{0,3}}(?:{SPEECH_VERBS})\.?\s*$")
#: How far after a quotation its attribution is looked for ("…,” lead researcher X said).
AFTER_CHARS = 160


@dataclass(frozen=True)
class Quotation:
    text: str
    speaker: str
    paragraph: int
    start: int


def _possessive(paragraphs: list[str], mention) -> bool:
    text = paragraphs[mention.paragraph]
    return text[: mention.end].endswith(("’s", "'s")) or text[mention.end :].startswith(
        ("’s", "'s")
    )


def _last_person_before(extraction, paragraphs, paragraph, at, spans, pronoun) -> str | None:
    """The nearest person named before ``at`` whom ``pronoun`` fits: outside quotation
    marks, and not named in the possessive ("Parise’s"), which is rarely who speaks."""
    last = None
    for m in extraction.mentions:
        if m.kind != PERSON or (m.paragraph, m.start) >= (paragraph, at):
            continue
        if any(p == m.paragraph and a <= m.start < b for p, a, b in spans):
            continue  # named inside a quotation: not who is speaking
        if _possessive(paragraphs, m):
            continue
        if pronoun_fits(pronoun, m.name):  # "she" is not "Patrick Carlineo"
            last = m.name
    return last


def _people_in(extraction: Extraction, paragraph: int, start: int, end: int) -> list:
    return [
        m
        for m in extraction.mentions
        if m.kind == PERSON and m.paragraph == paragraph and start <= m.start < end
    ]


def find_quotations(paragraphs: list[str], extraction: Extraction) -> list[Quotation]:
    """Attributed quotations in ``paragraphs``, with speakers named as ``extraction`` does."""
    spans = [
        (number, match.start(), match.end())
        for number, text in enumerate(paragraphs)
        for match in _QUOTE.finditer(text)
    ]
    found: list[Quotation] = []
    open_speaker = None  # the speaker of a quotation left open at the last paragraph's end
    last_speaker = None  # the speaker of the last paragraph's closing quotation
    for number, text in enumerate(paragraphs):
        pending, speakers = [], []
        carried, open_speaker = open_speaker, None
        followed, last_speaker = last_speaker, None
        quoted = _QUOTE.fullmatch(text.strip())
        for index, match in enumerate(_QUOTE.finditer(text)):
            words = (match.group(1) or match.group(2) or match.group(3) or "").strip()
            speaker = _speaker(paragraphs, text, match, number, extraction, spans)
            if speaker is None and index == 0 and carried and not text[: match.start()].strip():
                speaker = carried  # a quotation running on from the paragraph before
            if speaker is None and quoted and followed:
                # A paragraph that is one quotation, right after a paragraph that
                # ends quoting someone: the same speaker goes on.
                speaker = followed
            if speaker:
                speakers.append(speaker)
            if len(words.split()) >= MIN_QUOTE_WORDS:
                pending.append((words, speaker, match.start(), match.group(3) is not None))
        for words, speaker, start, left_open in pending:
            # Split by its attribution: the other part has the same speaker.
            speaker = speaker or (speakers[0] if len(set(speakers)) == 1 else None)
            if speaker:
                found.append(Quotation(words.rstrip(","), speaker, number, start))
            if left_open:
                open_speaker = speaker
        if pending and _ENDS_QUOTING.search(text):
            last_speaker = pending[-1][1] or (speakers[-1] if speakers else None)
    return found


def _speaker(paragraphs, text, match, number, extraction, spans) -> str | None:
    # 1. Its own sentence, after it: "…,” said X", "…,” X, a doctor, told …", "…,” he said".
    after = _SENTENCE.split(text[match.end() : match.end() + AFTER_CHARS])[0]
    after = after.split("“")[0]
    if m := _AFTER_PRONOUN.match(after):
        return _last_person_before(
            extraction, paragraphs, number, match.start(), spans, m.group("pronoun")
        )
    if verb := _SPEECH.search(after):
        people = _people_in(extraction, number, match.end(), match.end() + len(after))
        if people:
            cut = match.end() + verb.start()
            before_verb = [p for p in people if p.start < cut]
            return (before_verb[-1] if before_verb else people[0]).name
    # 2. Its own sentence, before it: "X said: “…”", "According to X, “…”".
    sentences = _SENTENCE.split(text[: match.start()])
    sentence = sentences[-1] if sentences else ""
    if _BEFORE.search(sentence):
        offset = match.start() - len(sentence)
        if people := _people_in(extraction, number, offset, match.start()):
            return people[0].name
        if pronoun := _SUBJECT_PRONOUN.match(sentence):
            return _last_person_before(
                extraction, paragraphs, number, offset, spans, pronoun.group(1)
            )
    return None
