"""Text → lines: line ends, invisible characters and white space made uniform."""

from __future__ import annotations

import re
import unicodedata

from .linememo import line_memo
from .record import Line

# Line breaks other than "\n"; CRLF first, so that it makes one line end.
_LINE_ENDS = ("\r\n", "\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x85")
# Zero-width and formatting characters that copy-paste drags along.
# Bidi embeddings, overrides and isolates too: they reorder what follows
# (a reversed file name or link text), and a copied page needs none of them.
_INVISIBLE = (
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u00ad",
    *(chr(code) for code in range(0x202A, 0x202F)),
    *(chr(code) for code in range(0x2066, 0x206A)),
)
# White space other than " " and "\n" (what str.isspace() calls white space;
# a test checks the list), spelt out: much faster to scan for than [^\S \n].
_OTHER_SPACE = re.compile(
    "[\t\x0b-\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
)


def normalise(text: str) -> str:
    """Uniform ``\\n`` line ends, no invisible characters, single spaces, NFC.

    Plain string methods throughout: ``str.replace`` finds nothing fast, and
    ``str.split()`` splits at runs of the same Unicode white space as ``\\s``.
    Most text has nothing to change, which a remembered verdict per line
    tells without a scan.
    """
    if is_normal(text.split("\n")):
        return text
    for line_end in _LINE_ENDS:
        text = text.replace(line_end, "\n")
    for invisible in _INVISIBLE:
        text = text.replace(invisible, "")
    text = unicodedata.normalize("NFC", text)
    if _evenly_spaced(text):
        return text
    # Every kind of horizontal white space, NBSP included, becomes one space.
    return "\n".join(" ".join(line.split()) for line in text.split("\n"))


def _evenly_spaced(text: str) -> bool:
    """Whether every line of ``text`` is already its words joined by single spaces.

    Most text is, and scanning for the exceptions is cheaper than
    splitting and joining each line.
    """
    return (
        _OTHER_SPACE.search(text) is None
        and "  " not in text
        and " \n" not in text
        and "\n " not in text
        and not text.startswith(" ")
        and not text.endswith(" ")
    )


def is_normal(lines: list[str]) -> bool:
    """Whether :func:`normalise` keeps the text ``"\\n".join(lines)`` as it is.

    It does when it keeps each line: no step joins or splits lines, and NFC
    never composes across a line end. The lines' verdicts are remembered.
    """
    return all(map(_normal_line, lines))


@line_memo
def _normal_line(line: str) -> bool:
    """Whether :func:`normalise` leaves ``line`` (between line ends) as it is."""
    return (
        not any(line_end in line for line_end in _LINE_ENDS)
        and not any(invisible in line for invisible in _INVISIBLE)
        and unicodedata.is_normalized("NFC", line)
        and _evenly_spaced(line)
    )


def segment(text: str) -> list[Line]:
    """The non-blank lines of normalised text, numbered from 1.

    Copied pages put one block (paragraph, caption, menu item) on a line,
    so a line is the unit the classifier works on.
    """
    return numbered(text.split("\n"))


def numbered(raw_lines: list[str]) -> list[Line]:
    """:func:`segment` of the text ``"\\n".join(raw_lines)``."""
    lines: list[Line] = []
    blank = True
    for number, raw in enumerate(raw_lines, start=1):
        if not raw:
            blank = True
            continue
        lines.append(Line(number, raw, blank))
        blank = False
    return lines


def visible_text(text: str) -> str:
    """``text`` without format characters (Unicode category Cf: bidi controls,
    zero-width marks, soft hyphens, tag characters) and with control characters
    and line breaks as single spaces: what a title, tag or name may show."""
    if text.isprintable():  # no Cc, Cf, Zl, Zp (nor other spaces than " ")
        return " ".join(text.split())
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category == "Cf":
            continue
        kept.append(" " if category in ("Cc", "Zl", "Zp") else char)
    return " ".join("".join(kept).split())
