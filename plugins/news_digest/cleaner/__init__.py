"""Raw news-page text → a clean article record. No Pelican import here."""

from .corpus import repeated_lines
from .decode import UndecodableError
from .emit import body_html, body_markdown, document_markdown, escape
from .pipeline import clean_bytes, clean_text
from .record import Article, Block, Removed

__all__ = [
    "Article",
    "Block",
    "Removed",
    "UndecodableError",
    "body_html",
    "body_markdown",
    "clean_bytes",
    "clean_text",
    "document_markdown",
    "escape",
    "repeated_lines",
]
