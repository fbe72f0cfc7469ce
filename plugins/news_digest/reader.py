"""Pelican reader for raw seed files: the thin layer between Pelican and the cleaner."""

from __future__ import annotations

import datetime as dt
from html import escape as html_escape
from pathlib import Path

import markdown
from pelican.readers import BaseReader

from .cleaner import UndecodableError, body_markdown, clean_bytes, document_markdown
from .cleaner.record import DATE_UNKNOWN
from .curation import clean_seed, curate, load_seed_annotation
from .enrich import lead_summary, reading_minutes, title_subjects

#: Articles with no date at all sort after every dated one.
UNKNOWN_DATE = dt.datetime(1970, 1, 1)

DATE_NOTES = {
    "stated": "from the text",
    "inferred": "inferred from a date mentioned in the text: the article is from then or later",
    DATE_UNKNOWN: "no date in the text",
}


def markdown_to_html(text: str) -> str:
    """Markdown → HTML with raw HTML and autolinks switched off.

    The emitter already escapes seed text; turning the HTML passes off too
    means a slip there still cannot produce markup.
    """
    md = markdown.Markdown(extensions=[], output_format="html")
    for name in ("html_block",):
        md.preprocessors.deregister(name)
    for name in ("html", "autolink", "automail"):
        md.inlinePatterns.deregister(name)
    return md.convert(text)


class SeedReader(BaseReader):
    """Reads a raw news-page text seed into cleaned article HTML and metadata."""

    enabled = True
    file_extensions = ("txt",)

    def read(self, source_path):
        path = Path(source_path)
        annotation = load_seed_annotation(path, self.settings)
        try:
            article = clean_seed(clean_bytes, path.read_bytes(), annotation)
        except UndecodableError as error:
            # Pelican skips content whose status is "skip"; the report lists why.
            return "", {"title": path.name, "status": "skip", "seed_error": str(error)}

        paragraphs = [block.text for block in article.body]
        title = article.title or path.stem
        tags = title_subjects(title, paragraphs)
        seed_rel = self._seed_relpath(path)
        meta = {
            "title": html_escape(title, quote=False),
            "plain_title": title,
            "date": dt.datetime.combine(article.date, dt.time()) if article.date else UNKNOWN_DATE,
            "date_status": article.date_status,
            "date_note": article.date_source if article.date else DATE_NOTES[DATE_UNKNOWN],
            "summary": html_escape(lead_summary(paragraphs), quote=False),
            "word_count": article.word_count,
            "reading_time": reading_minutes(article.word_count),
            "captions": article.captions,
            "removed": article.removed,
            "removed_count": len(article.removed),
            "seed_warnings": article.warnings,
            "seed_path": seed_rel,
            "seed_encoding": article.encoding,
            "language": article.language,
        }
        processed = {
            "authors": self.process_metadata("authors", article.authors)
            if article.authors
            else None,
            "category": self.process_metadata("category", article.source)
            if article.source
            else None,
            "tags": self.process_metadata("tags", tags) if tags else None,
        }
        meta.update({k: v for k, v in processed.items() if v})
        meta["cleaned_markdown"] = document_markdown(
            article,
            {
                "Title": title,
                "Authors": ", ".join(article.authors),
                "Date": article.date.isoformat() if article.date else "",
                "Date_status": article.date_status,
                "Source": article.source or "",
                "Tags": ", ".join(tags),
                "Seed": seed_rel,
            },
        )
        html = markdown_to_html(body_markdown(article))
        return curate(self, html, meta, article, annotation)

    def _seed_relpath(self, path: Path) -> str:
        """The seed's path below the site's seed folder, with ``/`` separators."""
        base = Path(self.settings["PATH"]).resolve()
        for folder in self.settings["ARTICLE_PATHS"]:
            root = (base / folder).resolve()
            if root in path.resolve().parents:
                return path.resolve().relative_to(root).as_posix()
        return path.name
