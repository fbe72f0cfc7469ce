"""Bytes → text: find the encoding, then repair mojibake.

Seeds are copied from web pages by hand or by scrapers, so they arrive as
UTF-8 (with or without BOM), UTF-16, cp1252 or latin-1, and sometimes as
UTF-8 that was decoded wrongly once already.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import ftfy
from charset_normalizer import from_bytes
from ftfy.badness import MOJIBAKE_CATEGORIES, is_bad
from ftfy.chardata import CONTROL_CHARS, LIGATURES, WIDTH_MAP

from .linememo import line_memo

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Share of control characters above which bytes are taken for a binary file.
BINARY_CONTROL_RATIO = 0.1
# Control bytes that do not occur in text (tab, line ends and ESC do).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f\v\x1b")


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we can recognise."""


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters outside a BOM'd UTF-16/32 file."""
    if any(data.startswith(bom) for bom, _ in _BOMS[1:]):
        return False
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return bool(sample) and controls / len(sample) > BINARY_CONTROL_RATIO


#: Share of a BOM-less UTF-16/32 text's code units whose high bytes are NUL
#: (most, for text mostly in Latin letters) for the file to be taken as one.
WIDE_ZERO_SHARE = 0.5
#: Share of NUL bytes allowed where a wide encoding has its low bytes.
WIDE_STRAY_ZEROS = 0.05
#: Share of the decoded text that must be printable or white space.
WIDE_PRINTABLE_SHARE = 0.95
# Wide encodings, widest first (UTF-32 text also looks like UTF-16 with NULs),
# and the byte positions that are NUL in a Latin letter.
_WIDE = (
    ("utf-32-le", 4, (1, 2, 3)),
    ("utf-32-be", 4, (0, 1, 2)),
    ("utf-16-le", 2, (1,)),
    ("utf-16-be", 2, (0,)),
)
# C0 control characters that are not white space: never text, never in a page.
_CONTROLS = dict.fromkeys(c for c in range(32) if chr(c) not in "\t\n\r\f\v")


def wide_without_bom(data: bytes) -> tuple[str, str] | None:
    """``(text, encoding)`` if ``data`` is UTF-16 or UTF-32 without a byte-order mark.

    Told by where the NUL bytes fall in a sample (the high bytes of Latin
    letters), then checked by decoding the whole strictly.
    """
    sample = data[:8192]
    sample = sample[: len(sample) - len(sample) % 4]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    for encoding, width, zeros in _WIDE:
        units = len(sample) // width
        lanes = [sample[i::width].count(0) for i in range(width)]
        if all(lanes[i] >= units * WIDE_ZERO_SHARE for i in zeros) and all(
            lanes[i] <= units * WIDE_STRAY_ZEROS for i in range(width) if i not in zeros
        ):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            shown = sum(char.isprintable() or char.isspace() for char in text[:4096])
            if shown >= min(len(text), 4096) * WIDE_PRINTABLE_SHARE:
                return text, f"{encoding} (no byte-order mark)"
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise :class:`UndecodableError` for binary data.

    Control characters other than white space are dropped from the text: a
    NUL deep in a file is no text, and must not reach a page.
    """
    text, encoding = _decode(data)
    return text.translate(_CONTROLS), encoding


def _decode(data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    wide = wide_without_bom(data)
    if wide is not None:
        return wide
    if looks_binary(data):
        raise UndecodableError("binary data (NUL or control bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        return data.decode("cp1252", errors="replace"), "cp1252 (guessed)"
    return str(best), best.encoding


#: How :func:`repair` calls ftfy: fix mojibake and stray control characters,
#: keep curly quotes and dashes, and keep "&lt;" as written (it is what the page showed).
FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    fix_line_breaks=True,
    normalization="NFC",
    explain=False,
)

# Every character one of ftfy's character-level fixers rewrites: C1 controls,
# Latin ligatures, half- and full-width forms, line breaks other than "\n",
# surrogates, and the control characters (terminal escapes included) it removes.
_REWRITTEN_CODES = frozenset(
    {
        *range(0x80, 0xA0),
        *LIGATURES,
        *WIDTH_MAP,
        *map(ord, "\r\u2028\u2029"),
        *range(0xD800, 0xE000),
        *CONTROL_CHARS,
    }
)
_REWRITTEN = re.compile("[" + "".join(f"\\U{code:08x}" for code in sorted(_REWRITTEN_CODES)) + "]")

#: Besides ASCII, the characters ftfy files as common, opening and closing
#: punctuation (quotation marks, dashes, ellipsis …). Every pattern of its
#: mojibake test needs some other character as well (a test checks ftfy's
#: pattern), so a segment made of these alone is not mojibake.
NEVER_MOJIBAKE_ALONE = "".join(
    MOJIBAKE_CATEGORIES[name] for name in ("common", "start_punctuation", "end_punctuation")
)
_MOJIBAKE_MATERIAL = re.compile(
    "[^\\x00-\\x7f" + "".join(f"\\U{ord(char):08x}" for char in NEVER_MOJIBAKE_ALONE) + "]"
)


def _ftfy_would_keep(text: str) -> bool:
    """Whether ``ftfy.fix_text(text, FTFY_CONFIG)`` is sure to return ``text`` as it is."""
    return repair_keeps(text.split("\n"))  # which checks the length too


def repair_keeps(lines: list[str]) -> bool:
    """Whether :func:`repair` is sure to keep the text ``"\\n".join(lines)`` as it is.

    ftfy fixes each line (with its line end) on its own, until a round of
    all its steps changes nothing, so it keeps a line in which no step finds
    anything: see :func:`_line_kept`. The lines' verdicts are remembered:
    a later look and a publisher's other pages bring the same lines again.
    """
    *body, last = lines
    return (
        sum(map(len, lines)) + len(body) <= FTFY_CONFIG.max_decode_length
        and all(map(_line_kept, body))
        and (not last or _line_kept(last, ""))
    )


@line_memo
def _line_kept(line: str, line_end: str = "\n") -> bool:
    """Whether ftfy keeps the segment ``line + line_end`` as it is.

    It does if the segment has no character a character-level fixer
    rewrites, is already NFC, and is free of what ftfy's own
    :func:`~ftfy.badness.is_bad` takes for mojibake (the test with which
    ftfy itself decides to leave a segment's encoding alone), which needs a
    character outside :data:`NEVER_MOJIBAKE_ALONE` to look at. An ASCII
    segment (most are; Python knows it without a scan) needs only the first.
    """
    segment = line + line_end
    if _REWRITTEN.search(segment):
        return False
    return segment.isascii() or (
        unicodedata.is_normalized("NFC", segment)
        and (_MOJIBAKE_MATERIAL.search(segment) is None or not is_bad(segment))
    )


def repair(text: str) -> str:
    """Fix mojibake and stray control characters; keep curly quotes and dashes.

    Most text has nothing for ftfy to fix, and checking that is much cheaper
    than running it.
    """
    if _ftfy_would_keep(text):
        return text
    return ftfy.fix_text(text, FTFY_CONFIG)
