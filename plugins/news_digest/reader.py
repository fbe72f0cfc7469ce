"""Pelican reader for raw seed files: the thin layer between Pelican and the cleaner."""

from __future__ import annotations

import datetime as dt
import logging
import re
from functools import lru_cache
from html import escape as html_escape
from pathlib import Path

import markdown
from pelican.readers import BaseReader
from pelican.utils import slugify

from .cleaner import (
    UndecodableError,
    body_html,
    body_markdown,
    clean_bytes,
    document_markdown,
)
from .cleaner.record import DATE_UNKNOWN
from .curation import (
    annotation_warnings,
    annotations_dir,
    clean_seed,
    curate,
    enrich,
    load_seed_annotation,
)
from .deadline import Overrun, time_limit
from .enrich import lead_summary, reading_minutes
from .settings import default

logger = logging.getLogger(__name__)

#: A seed larger than this is not one article (a dump, a binary): refused.
MAX_SEED_BYTES = default("NEWS_DIGEST_MAX_SEED_BYTES")


def max_seed_bytes(settings) -> int:
    return settings.get("NEWS_DIGEST_MAX_SEED_BYTES", MAX_SEED_BYTES)


#: Seconds one seed may take to clean and enrich (a few milliseconds is usual).
SEED_SECONDS = default("NEWS_DIGEST_SEED_SECONDS")


def seed_seconds(settings) -> float:
    return settings.get("NEWS_DIGEST_SEED_SECONDS", SEED_SECONDS)


#: Articles with no date at all sort after every dated one.
UNKNOWN_DATE = dt.datetime(1970, 1, 1)

DATE_NOTES = {
    "stated": "from the text",
    "inferred": "inferred from a date mentioned in the text: the article is from then or later",
    DATE_UNKNOWN: "no date in the text",
}


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=[], output_format="html")
    for name in ("html_block",):
        md.preprocessors.deregister(name)
    for name in ("html", "autolink", "automail"):
        md.inlinePatterns.deregister(name)
    return md


def markdown_to_html(text: str) -> str:
    """Markdown → HTML with raw HTML and autolinks switched off.

    The emitter already escapes seed text; turning the HTML passes off too
    means a slip there still cannot produce markup. One converter per
    process, reset between documents: building one costs as much as a short
    article.
    """
    return _markdown().reset().convert(text)


#: Metadata the reader hands over as names; Pelican wants its own objects for them.
PELICAN_OBJECTS = ("authors", "category", "tags")


def read_seed(path: Path, settings, typogrify=None) -> tuple[str, dict]:
    """One seed file → Pelican's ``(content, metadata)``, with names for :data:`PELICAN_OBJECTS`.

    Plain data in and out, so it also runs in the worker processes that read
    seeds ahead (``prefetch``). ``typogrify``, when given, is applied to the
    body, title and summary as Pelican would after reading.
    """
    content, meta = _clean_and_curate(path, settings)
    if typogrify is not None:
        content = typogrify(content) if content else content
        for key in ("title", "summary"):
            if key in meta:
                meta[key] = CAPS_MARKUP.sub(r"\1", typogrify(meta[key]))
    if "slug" not in meta and meta.get("title") and _slug_from_title(settings):
        meta["slug"] = pelican_slug(meta["title"], settings)
    return content, meta


#: typogrify's markup for a run of capitals: noise in ``<title>``, feeds and
#: attributes, where titles and summaries also go.
CAPS_MARKUP = re.compile(r'<span class="caps">(.*?)</span>', re.DOTALL)


def pelican_slug(title: str, settings) -> str:
    """The slug Pelican makes from an article's title (``Content.__init__``).

    Made while reading, it is kept in the content cache: Pelican made it again
    for every article of every build (about 0.4 s at 10,000 seeds).
    """
    return slugify(
        title,
        regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
        preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
        use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
    )


def _slug_from_title(settings) -> bool:
    """Whether Pelican would slugify the title: not told otherwise, and no slug from the path."""
    from_path = (settings.get("FILENAME_METADATA") or "", settings.get("PATH_METADATA") or "")
    return (
        settings.get("SLUGIFY_SOURCE", "title") == "title"
        and not any("(?P<slug>" in pattern for pattern in from_path)
        and not any("slug" in extra for extra in settings.get("EXTRA_PATH_METADATA", {}).values())
    )


def _clean_and_curate(path: Path, settings) -> tuple[str, dict]:
    limit = max_seed_bytes(settings)
    size = path.stat().st_size
    if size > limit:
        return _reject(
            path,
            settings,
            f"{size / 2**20:.1f} MB is too large for one article (limit "
            f"{limit / 2**20:.0f} MB): split it into one file per article",
        )
    annotation = load_seed_annotation(path, annotations_dir(settings))
    seconds = seed_seconds(settings)
    try:
        with time_limit(seconds):
            article = clean_seed(clean_bytes, path.read_bytes(), annotation)
            if not article.body:
                return _reject(path, settings, _why_empty(article), annotation)
            enriched = enrich(article)
            html, meta = _article(path, settings, article, tags=enriched[2])
            return curate(settings, html, meta, article, annotation, enriched)
    except Overrun:
        logger.error("Reading %s was stopped after %g s", path, seconds)
        return _reject(
            path,
            settings,
            f"cleaning it did not finish in {seconds:g} s and was stopped "
            "(a fault in the cleaner on this text): please report the file; "
            "NEWS_DIGEST_SEED_SECONDS sets the limit",
            annotation,
        )
    except UndecodableError as error:
        return _reject(path, settings, f"{error}: a seed must be a text file", annotation)
    except Exception as error:  # a bug must cost one seed, reported, not the build
        logger.exception("Reading %s failed", path)
        return _reject(
            path,
            settings,
            f"cleaning or enriching it failed ({error!r}): please report this seed",
            annotation,
        )


def _why_empty(article) -> str:
    if not article.removed and article.title is None:
        return "the file is empty"
    return (
        f"nothing is left once {len(article.removed)} line(s) of page furniture are removed: "
        "force lines kept in the seed's annotation file if this is wrong"
    )


def _reject(path: Path, settings, reason: str, annotation=None):
    """Pelican skips content whose status is "skip"; the build report says why."""
    return "", {
        "title": path.name,
        "status": "skip",
        "seed_error": reason,
        "seed_source": str(path.resolve()),
        "seed_warnings": annotation_warnings(annotation, settings),
    }


def _article(path: Path, settings, article, tags: list[str]):
    paragraphs = [block.text for block in article.body]
    title = article.title or path.stem
    seed_rel = _seed_relpath(path, settings)
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
        "authors": list(article.authors),
        "category": article.source,
        "tags": tags,
    }
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
    html = body_html(article)
    return markdown_to_html(body_markdown(article)) if html is None else html, meta


def _seed_relpath(path: Path, settings) -> str:
    """The seed's path below the site's seed folder, with ``/`` separators."""
    resolved = path.resolve()
    for root in _seed_roots(settings["PATH"], tuple(settings["ARTICLE_PATHS"])):
        if root in resolved.parents:
            return resolved.relative_to(root).as_posix()
    return path.name


@lru_cache(maxsize=8)
def _seed_roots(content: str, folders: tuple[str, ...]) -> list[Path]:
    """The seed folders, resolved once: resolving asks the file system for each part."""
    base = Path(content).resolve()
    return [(base / folder).resolve() for folder in folders]


class SeedReader(BaseReader):
    """Reads a raw news-page text seed into cleaned article HTML and metadata."""

    enabled = True
    file_extensions = ("txt",)

    def __init__(self, settings):
        super().__init__(settings)
        #: Seeds read ahead in worker processes (``prefetch``): path → what
        #: :meth:`read_plain` returns for it.
        self.precleaned = {}
        #: Set when the plugin typogrifies seeds in Pelican's place (``typography``).
        self.typogrify = None

    def read(self, source_path):
        done = self.precleaned.pop(source_path, None)
        content, meta = done if done is not None else self.read_plain(source_path)
        for key in PELICAN_OBJECTS:
            value = meta.pop(key, None)
            if value:
                meta[key] = self.process_metadata(key, value)
        return content, meta

    def read_plain(self, source_path):
        """:func:`read_seed` with this reader's settings."""
        return read_seed(Path(source_path), self.settings, self.typogrify)


def seed_reader(generator) -> SeedReader | None:
    """The article generator's seed reader, unless a user's ``READERS`` replaced it."""
    reader = generator.readers.readers.get(SeedReader.file_extensions[0])
    return reader if isinstance(reader, SeedReader) else None
