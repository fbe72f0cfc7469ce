"""Pelican reader for raw seed files: the thin layer between Pelican and the cleaner."""

from __future__ import annotations

import datetime as dt
import logging
from html import escape as html_escape
from pathlib import Path

import markdown
from pelican.readers import BaseReader

from .cleaner import UndecodableError, body_markdown, clean_bytes, document_markdown
from .cleaner.record import DATE_UNKNOWN
from .curation import (
    annotation_warnings,
    annotations_dir,
    clean_seed,
    curate,
    load_seed_annotation,
)
from .enrich import lead_summary, reading_minutes, title_subjects

logger = logging.getLogger(__name__)

#: A seed larger than this is not one article (a dump, a binary): refused.
MAX_SEED_BYTES = 5 * 1024 * 1024


def max_seed_bytes(settings) -> int:
    return settings.get("NEWS_DIGEST_MAX_SEED_BYTES", MAX_SEED_BYTES)


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

    def __init__(self, settings):
        super().__init__(settings)
        #: Seeds cleaned ahead in worker processes (``prefetch``): path → (article,
        #: enrichment) or the error cleaning raised.
        self.precleaned = {}

    def read(self, source_path):
        path = Path(source_path)
        limit = max_seed_bytes(self.settings)
        size = path.stat().st_size
        if size > limit:
            return self._reject(
                path,
                f"{size / 2**20:.1f} MB is too large for one article (limit "
                f"{limit / 2**20:.0f} MB): split it into one file per article",
            )
        annotation = load_seed_annotation(path, annotations_dir(self.settings))
        try:
            article, enriched = self._clean(source_path, annotation)
        except UndecodableError as error:
            return self._reject(path, f"{error}: a seed must be a text file", annotation)
        except Exception as error:  # a cleaner bug must not stop the whole build
            logger.exception("Cleaning %s failed", path)
            return self._reject(
                path, f"the cleaner failed ({error!r}): please report this seed", annotation
            )
        if not article.body:
            removed = len(article.removed)
            why = (
                "the file is empty"
                if not removed and article.title is None
                else f"nothing is left once {removed} line(s) of page furniture are removed: "
                "force lines kept in the seed's annotation file if this is wrong"
            )
            return self._reject(path, why, annotation)
        return self._article(path, article, annotation, enriched)

    def _clean(self, source_path, annotation):
        """The cleaned article, and its enrichment if a worker already did it."""
        done = self.precleaned.pop(source_path, None)
        if isinstance(done, Exception):
            raise done  # what cleaning it here would have raised
        if done is None:
            return clean_seed(clean_bytes, Path(source_path).read_bytes(), annotation), None
        return done

    def _reject(self, path: Path, reason: str, annotation=None):
        """Pelican skips content whose status is "skip"; the build report says why."""
        return "", {
            "title": path.name,
            "status": "skip",
            "seed_error": reason,
            "seed_source": str(path.resolve()),
            "seed_warnings": annotation_warnings(annotation, self.settings),
        }

    def _article(self, path: Path, article, annotation, enriched=None):
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
            "seed_warnings": [{"line": None, "message": w} for w in article.warnings],
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
        return curate(self, html, meta, article, annotation, enriched)

    def _seed_relpath(self, path: Path) -> str:
        """The seed's path below the site's seed folder, with ``/`` separators."""
        base = Path(self.settings["PATH"]).resolve()
        for folder in self.settings["ARTICLE_PATHS"]:
            root = (base / folder).resolve()
            if root in path.resolve().parents:
                return path.resolve().relative_to(root).as_posix()
        return path.name
