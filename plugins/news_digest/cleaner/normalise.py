"""Text → lines: line ends, invisible characters and white space made uniform."""

from __future__ import annotations

import re
import unicodedata

from .record import Line

# Zero-width and formatting characters that copy-paste drags along.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Every kind of horizontal white space, NBSP included, becomes one space.
_SPACES = re.compile(r"[^\S\n]+")
_LINE_ENDS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")


def normalise(text: str) -> str:
    """Uniform ``\\n`` line ends, no invisible characters, single spaces, NFC."""
    text = _LINE_ENDS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", text)  # one pass: the pattern never spans a line end
    return "\n".join(line.strip() for line in text.split("\n"))


def segment(text: str) -> list[Line]:
    """The non-blank lines of normalised text, numbered from 1.

    Copied pages put one block (paragraph, caption, menu item) on a line,
    so a line is the unit the classifier works on.
    """
    lines: list[Line] = []
    blank = True
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw:
            blank = True
            continue
        lines.append(Line(number, raw, blank_before=blank))
        blank = False
    return lines
