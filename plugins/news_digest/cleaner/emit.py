"""Article record → Markdown that renders every character of the seed literally.

Seed text is data: HTML, Markdown links and emphasis must show up as the
characters they are. HTML specials become entities (Markdown leaves
entities alone and has no backslash escape for ``<``); Markdown's own
punctuation is backslash-escaped.
"""

from __future__ import annotations

import html
import re

from .record import HEADING, QUOTE, Article

# Characters that start Markdown inline syntax anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]{}])")
# Block syntax at the start of a line: headings and bullet lists ...
_BLOCK_MARK = re.compile(r"^([#+-])")
# ... and numbered lists ("1. ", "2) ").
_ORDERED = re.compile(r"^(\d+)([.)])")


def escape(text: str) -> str:
    """Markdown source that renders as exactly ``text``."""
    text = _INLINE.sub(r"\\\1", text)
    text = _BLOCK_MARK.sub(r"\\\1", text)
    text = _ORDERED.sub(r"\1\\\2", text)
    return html.escape(text, quote=False)  # & < > only


def body_markdown(article: Article) -> str:
    """The body alone: paragraphs, quoted passages as blockquotes, headings."""
    parts = []
    for block in article.body:
        text = escape(block.text)
        if block.kind == QUOTE:
            parts.append("> " + text)
        elif block.kind == HEADING:
            parts.append("### " + text)
        else:
            parts.append(text)
    return "\n\n".join(parts) + "\n"


def document_markdown(article: Article, metadata: dict[str, str]) -> str:
    """A Pelican Markdown document: ``Key: value`` header lines, blank line, body.

    Header values are single lines of plain text, so any Markdown reader
    (Pelican's included) reads them back as metadata, not markup.
    """
    header = "".join(
        f"{key}: {' '.join(str(value).split())}\n" for key, value in metadata.items() if value
    )
    return header + "\n" + body_markdown(article)
