"""Bytes → text: find the encoding, then repair mojibake.

Seeds are copied from web pages by hand or by scrapers, so they arrive as
UTF-8 (with or without BOM), UTF-16, cp1252 or latin-1, and sometimes as
UTF-8 that was decoded wrongly once already.
"""

from __future__ import annotations

import codecs

import ftfy
from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Share of control characters above which bytes are taken for a binary file.
BINARY_CONTROL_RATIO = 0.1


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we can recognise."""


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters outside a BOM'd UTF-16/32 file."""
    if any(data.startswith(bom) for bom, _ in _BOMS[1:]):
        return False
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in b"\t\n\r\f\v\x1b")
    return bool(sample) and controls / len(sample) > BINARY_CONTROL_RATIO


def decode(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise :class:`UndecodableError` for binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
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


def repair(text: str) -> str:
    """Fix mojibake and stray control characters; keep curly quotes and dashes."""
    return ftfy.fix_text(
        text,
        unescape_html=False,  # "&lt;" in a seed is what the page showed: keep it
        uncurl_quotes=False,
        fix_line_breaks=True,
        normalization="NFC",
    )
