"""Quoted passages introduced by a short line such as "From the essay:".

Articles that excerpt a statement or essay introduce it with a short line
ending in a colon and then give the excerpt in the speaker's own voice. The
excerpt is taken to run while paragraphs speak in the first person and stops
at the first paragraph that does not: the article's own voice is third person.
"""

from __future__ import annotations

import re

from .record import PARAGRAPH, QUOTE, Block

#: An introducer is a short line ending in a colon.
INTRODUCER_MAX_WORDS = 10
_INTRODUCER = re.compile(r"^(?:from|in|here(?:'s| is)|read|excerpt|the)\b.*:$", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|our|Our|us|my|My|me)\b")


def is_introducer(text: str) -> bool:
    return bool(_INTRODUCER.match(text)) and len(text.split()) <= INTRODUCER_MAX_WORDS


def mark_quotes(blocks: list[Block]) -> list[Block]:
    """Turn the first-person paragraphs after an introducer into ``QUOTE`` blocks."""
    out: list[Block] = []
    quoting = False
    for block in blocks:
        if block.kind == PARAGRAPH and is_introducer(block.text):
            quoting = True
            out.append(block)
            continue
        if quoting and block.kind == PARAGRAPH and _FIRST_PERSON.search(block.text):
            out.append(Block(QUOTE, block.text, block.line))
            continue
        quoting = False
        out.append(block)
    return out
