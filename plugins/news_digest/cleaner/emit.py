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
# What Markdown reads as more than the characters themselves even when escaped:
# control characters and tabs (line breaks, tab stops, its own placeholders) and
# white space at either end (trimmed, or code and line breaks). Empty blocks and a
# heading's closing hashes (dropped) are declined too.
_NOT_PLAIN = re.compile(r"[\x00-\x1f\x7f]|^\s|\s$")


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


def body_html(article: Article) -> str | None:
    """The HTML that Markdown makes of :func:`body_markdown`, without running it.

    Markdown costs a seed about as much as cleaning it, and the body is only
    escaped paragraphs, blockquotes and headings. None when a block holds
    anything Markdown would read differently (:data:`_NOT_PLAIN`): convert
    :func:`body_markdown` then. Tested equal to Markdown's own output.
    """
    parts = []
    for number, block in enumerate(article.body):
        text = block.text
        if not text or _NOT_PLAIN.search(text) or (block.kind == HEADING and text.endswith("#")):
            return None
        text = html.escape(text, quote=False)
        if block.kind == HEADING:
            parts.append(f"<h3>{text}</h3>")
        elif block.kind != QUOTE:
            parts.append(f"<p>{text}</p>")
        elif number and article.body[number - 1].kind == QUOTE:
            # Markdown joins blockquotes with only a blank line between them into one.
            parts[-1] = (
                parts[-1].removesuffix("\n</blockquote>") + f"\n<p>{text}</p>\n</blockquote>"
            )
        else:
            parts.append(f"<blockquote>\n<p>{text}</p>\n</blockquote>")
    return "\n".join(parts)


def document_markdown(article: Article, metadata: dict[str, str]) -> str:
    """A Pelican Markdown document: ``Key: value`` header lines, blank line, body.

    Header values are single lines of plain text, so any Markdown reader
    (Pelican's included) reads them back as metadata, not markup.
    """
    header = "".join(
        f"{key}: {' '.join(str(value).split())}\n" for key, value in metadata.items() if value
    )
    return header + "\n" + body_markdown(article)
