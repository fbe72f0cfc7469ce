"""Curator Markdown → safe HTML, and highlights → ``<mark>`` in an article body.

The note is the curator's Markdown, but no raw HTML passes and links go
only to http(s), relative paths or fragments. Highlights are anchored on the
body's text and wrapped in ``<mark>`` (split at element boundaries), each
with its comment after the block it ends in.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import markdown
from bs4 import BeautifulSoup, NavigableString

from .anchor import Anchor, anchor_quote
from .parse import Highlight

SAFE_SCHEMES = frozenset(("http", "https", ""))
#: Elements a highlight comment is placed after.
BLOCKS = frozenset(("p", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "figure"))


def _safe_markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=[], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


# What a browser drops from a URL before reading it (WHATWG URL standard):
# C0 controls and spaces at either end, tabs and line breaks anywhere.
_URL_EDGES = "".join(map(chr, range(0x21)))
_URL_DROPPED = dict.fromkeys(map(ord, "\t\n\r"))


def browser_url(url: str) -> str:
    """``url`` as a browser reads it: edges trimmed, tabs and line breaks
    dropped, ``\\`` read as ``/`` (as it is for http(s) and relative links)."""
    return url.strip(_URL_EDGES).translate(_URL_DROPPED).replace("\\", "/")


def _safe_url(url: str) -> bool:
    """Whether ``url``, read as a browser reads it, is http(s), or a link within
    the site: no other scheme, and no ``//host`` (nor ``/\\host``) that leaves it."""
    seen = browser_url(url)
    parts = urlsplit(seen)
    # Markdown turns a tab into spaces: "java    script:" is a scheme with a
    # gap, refused like the scheme it spells.
    squeezed = urlsplit("".join(seen.split()))
    return (
        parts.scheme.lower() in SAFE_SCHEMES
        and squeezed.scheme.lower() in SAFE_SCHEMES
        and not (parts.scheme == "" and seen.startswith("//"))
    )


def render_note(text: str) -> str:
    """The curator's Markdown as HTML: no raw HTML, no unsafe links, no remote images."""
    if not text.strip():
        return ""
    soup = BeautifulSoup(_safe_markdown().convert(text), "html.parser")
    for link in soup.find_all("a"):
        if not _safe_url(link.get("href", "")):
            link.unwrap()
        else:
            link["href"] = browser_url(link.get("href", ""))  # what was checked is what is used
    for image in soup.find_all("img"):
        # A picture from another host would load it; a note is words.
        image.replace_with(image.get("alt", ""))
    return str(soup)


@dataclass
class Placed:
    """The outcome of one highlight: where it anchored, or ``None`` (orphaned)."""

    highlight: Highlight
    anchor: Anchor | None
    number: int

    @property
    def orphaned(self) -> bool:
        return self.anchor is None

    @property
    def comment_html(self) -> str:
        return render_note(self.highlight.comment)


def _text_nodes(soup) -> list[NavigableString]:
    return [
        node
        for node in soup.find_all(string=True)
        if type(node) is NavigableString and node.parent.name not in ("script", "style")
    ]


def _wrap(soup, start: int, end: int, number: int):
    """Wrap body text ``[start, end)`` in ``<mark>`` pieces; return the last one."""
    offset, pieces = 0, []
    for node in _text_nodes(soup):
        text = str(node)
        a, b = max(start - offset, 0), min(end - offset, len(text))
        offset += len(text)
        if a >= b or not text[a:b].strip():
            continue
        mark = soup.new_tag("mark", attrs={"class": "highlight", "data-highlight": str(number)})
        mark.string = text[a:b]
        parts = [NavigableString(text[:a]), mark, NavigableString(text[b:])]
        node.replace_with(*[p for p in parts if str(p)])
        pieces.append(mark)
    if pieces:
        pieces[0]["id"] = f"highlight-{number}"
    return pieces


def mark_highlights(html: str, highlights: list[Highlight]) -> tuple[str, list[Placed]]:
    """``html`` with each highlight marked and commented; and where each one went."""
    soup = BeautifulSoup(html, "html.parser")
    placed: list[Placed] = []
    for number, highlight in enumerate(highlights, start=1):
        text = "".join(str(node) for node in _text_nodes(soup))
        found = anchor_quote(text, highlight.quote, highlight.prefix, highlight.suffix)
        pieces = _wrap(soup, found.start, found.end, number) if found else []
        result = Placed(highlight, found if pieces else None, number)
        placed.append(result)
        if not pieces:
            continue
        if highlight.comment.strip():
            for mark in pieces:
                mark["aria-describedby"] = f"highlight-{number}-comment"
            block = pieces[-1]
            while block.parent is not None and block.name not in BLOCKS:
                block = block.parent
            aside = soup.new_tag(
                "aside", attrs={"class": "highlight-comment", "id": f"highlight-{number}-comment"}
            )
            aside.append(BeautifulSoup(result.comment_html, "html.parser"))
            (block if block.parent is not None else pieces[-1]).insert_after(aside)
    return str(soup), placed
