"""What ``invoke add``, ``invoke annotate`` and ``invoke check`` do, without Pelican.

A new seed is named after its headline, cleaned at once and described, so
the curator sees what the build will make of it before building. Seed text
is data here too: file names are slugs, terminal output has control
characters escaped, and an annotation stub carries quotes as YAML strings.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import yaml
from pelican.utils import slugify

from .cleaner.record import DATE_UNKNOWN, Article

#: A seed's file name (without ``.txt``) is at most this long.
NAME_MAX_CHARS = 60
#: An annotation stub offers this many lines to quote.
STUB_QUOTES = 5
#: A quote offered in a stub is cut to this many characters, at a word.
QUOTE_MAX_CHARS = 160
#: ``invoke check`` flags a field whose confidence (``Article.confidence``) is below this.
MIN_CONFIDENCE = 0.5
#: Removed lines shown by ``invoke add``; the build report lists them all.
SHOWN_REMOVED = 20

_SENTENCE_END = re.compile(r"(?<=[.!?…”\"])\s+(?=\S)")


def seed_stem(title: str | None, text: str, taken: Iterable[str] = ()) -> str:
    """A safe file name for a seed: its headline as an ASCII slug, unique among ``taken``.

    A headline with no Latin letters (or none at all) gives ``seed-<hash>``
    of the text, so the same text always gets the same name.
    """
    slug = slugify(title or "", regex_subs=[(r"[^\w\s-]", ""), (r"[-\s]+", "-")])
    slug = slug.encode("ascii", "ignore").decode().strip("-")
    if len(slug) > NAME_MAX_CHARS:
        slug = slug[:NAME_MAX_CHARS].rsplit("-", 1)[0] or slug[:NAME_MAX_CHARS]
    if not slug:
        slug = "seed-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    taken = set(taken)
    stem, number = slug, 2
    while stem in taken:
        stem, number = f"{slug}-{number}", number + 1
    return stem


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: control and bidi-override characters escaped."""
    return "".join(
        ch if ch == " " or unicodedata.category(ch)[0] not in "CZ" else f"\\u{ord(ch):04x}"
        for ch in text
    )


def describe(article: Article) -> list[str]:
    """What the cleaner found, a line a field, for the curator to check."""
    date = article.date.isoformat() if article.date else "unknown"
    if article.date_status != DATE_UNKNOWN:
        date += f" ({article.date_status}: {article.date_source})"
    if article.updated:
        date += f"; updated {article.updated.isoformat()}"
    lines = [
        f"Title:    {printable(article.title or '(none found: the file name is used)')}",
        f"Authors:  {printable(', '.join(article.authors) or '(none found)')}",
        f"Date:     {printable(date)}",
        f"Source:   {printable(article.source or '(none found)')}",
        f"Language: {printable(article.language)}",
        f"Body:     {len(article.body)} paragraph(s), {article.word_count} word(s)",
    ]
    lines += [f"Unsure:   {printable(note)}" for note in unsure(article)]
    lines.append(f"Removed:  {len(article.removed)} line(s)")
    for removed in article.removed[:SHOWN_REMOVED]:
        lines.append(
            f"  line {removed.line}: {printable(removed.reason)}: {printable(removed.text[:80])}"
        )
    if len(article.removed) > SHOWN_REMOVED:
        lines.append(f"  … and {len(article.removed) - SHOWN_REMOVED} more (see the build report)")
    return lines


def unsure(article: Article, min_confidence: float = MIN_CONFIDENCE) -> list[str]:
    """The cleaner's doubts about a seed: its warnings, and fields it is not confident of."""
    notes = list(article.warnings)
    confidence = getattr(article, "confidence", None) or {}
    for name, value in sorted(confidence.items()):
        if isinstance(value, int | float) and value < min_confidence:
            notes.append(f"{name}: confidence {value:.2f}")
    return notes


def quotable(article: Article, count: int = STUB_QUOTES) -> list[str]:
    """The first sentence of each of the first ``count`` paragraphs, cut at a word."""
    quotes = []
    for block in article.body:
        sentence = _SENTENCE_END.split(block.text.strip(), 1)[0]
        if len(sentence) > QUOTE_MAX_CHARS:
            sentence = sentence[:QUOTE_MAX_CHARS].rsplit(" ", 1)[0]
        if len(sentence.split()) >= 4 and sentence not in quotes:
            quotes.append(sentence)
        if len(quotes) == count:
            break
    return quotes


def annotation_stub(seed: str, article: Article, guide: str = "docs/user-guide.md") -> str:
    """An annotation file for ``seed`` that changes nothing until the curator edits it.

    The seed's text appears only inside YAML strings (``yaml.safe_dump``), in
    comments: a quote holding ``---``, ``#`` or a line break stays one string.
    """
    title = _yaml_line(article.title or Path(seed).stem)
    lines = [
        "---",
        f"# The curator's annotation of {seed} (format: {guide}, 'Annotations').",
        f"# Its headline: {title}",
        "tags: []",
        "highlights:",
        "# Lines to quote: take the '#' off a quote's two lines to highlight it.",
    ]
    for quote in quotable(article):
        lines.append(f"#  - quote: {_yaml_line(quote)}")
        lines.append("#    comment: ''")
    lines += ["---", ""]
    return "\n".join(lines)


def _yaml_line(text: str) -> str:
    dumped = yaml.safe_dump(text, allow_unicode=True, width=float("inf"), default_style='"')
    return dumped.removesuffix("\n...\n").strip()
