"""Pelican reader for raw seed files: the thin layer between Pelican and the cleaner."""

from __future__ import annotations

import datetime as dt
import errno
import logging
import os
import re
import stat
from functools import lru_cache
from html import escape as html_escape
from pathlib import Path

import markdown
from pelican.readers import BaseReader

from . import names
from .annotations.parse import MAX_YEAR, MIN_YEAR
from .cleaner import (
    UndecodableError,
    body_html,
    body_markdown,
    clean_bytes,
    document_markdown,
)
from .cleaner.pipeline import DEFAULT_TIMEZONE
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


def in_site_years(date: dt.date) -> bool:
    """Whether ``date`` is in the years the site shows (as an annotation's date must be)."""
    return MIN_YEAR <= date.year <= MAX_YEAR


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
        meta["slug"] = names.slug(
            meta.get("plain_title") or meta["title"],
            settings,
            language=meta.get("language"),
            kind="article",
        )
    return content, meta


#: typogrify's markup for a run of capitals: noise in ``<title>``, feeds and
#: attributes, where titles and summaries also go.
CAPS_MARKUP = re.compile(r'<span class="caps">(.*?)</span>', re.DOTALL)


def _slug_from_title(settings) -> bool:
    """Whether Pelican would slugify the title: not told otherwise, and no slug from the path."""
    from_path = (settings.get("FILENAME_METADATA") or "", settings.get("PATH_METADATA") or "")
    return (
        settings.get("SLUGIFY_SOURCE", "title") == "title"
        and not any("(?P<slug>" in pattern for pattern in from_path)
        and not any("slug" in extra for extra in settings.get("EXTRA_PATH_METADATA", {}).values())
    )


def _clean_and_curate(path: Path, settings) -> tuple[str, dict]:
    refused = why_unreadable(path, settings)
    if refused:
        return _reject(path, settings, refused)
    annotation = None
    seconds = seed_seconds(settings)
    try:
        # Everything done for this seed is within its time limit: its
        # annotation, cleaning, the tagging rules and enrichment.
        with time_limit(seconds):
            annotation = load_seed_annotation(path, annotations_dir(settings))
            article = clean_seed(
                clean_bytes, path.read_bytes(), annotation, site_timezone(settings)
            )
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
    except OSError as error:
        return _reject(
            path,
            settings,
            f"the file cannot be read ({error.strerror or error}): check its permissions",
            annotation,
        )
    except Exception as error:  # a bug must cost one seed, reported, not the build
        logger.exception("Reading %s failed", path)
        return _reject(
            path,
            settings,
            f"cleaning or enriching it failed ({error!r}): please report this seed",
            annotation,
        )


def why_unreadable(path: Path, settings) -> str | None:
    """Why ``path`` is not read at all, judged by ``stat`` before any byte is read.

    Only regular files are read: a FIFO would block the build, a device
    (``/dev/zero``) never ends. A link is followed only to a file inside the
    seed folders, and a loop of links is refused.
    """
    try:
        real = path.resolve(strict=True)
        status = os.stat(real)
    except RuntimeError:
        return "a loop of symbolic links: it leads to no file"
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "a loop of symbolic links: it leads to no file"
        if error.errno == errno.ENOENT:
            return "a symbolic link to a file that does not exist"
        return f"the file cannot be read ({error.strerror or error}): check its permissions"
    if not stat.S_ISREG(status.st_mode):
        return f"not a regular file ({_file_kind(status.st_mode)}): a seed must be a text file"
    roots = _seed_roots(settings["PATH"], tuple(settings["ARTICLE_PATHS"]))
    if not any(real == root or root in real.parents for root in roots):
        return (
            "a symbolic link to a file outside the seed folders: links are followed "
            "only within them; copy the file in instead"
        )
    limit = max_seed_bytes(settings)
    if status.st_size > limit:
        return (
            f"{status.st_size / 2**20:.1f} MB is too large for one article (limit "
            f"{limit / 2**20:.0f} MB): split it into one file per article"
        )
    return None


def _file_kind(mode: int) -> str:
    for test, kind in (
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return kind
    return "not a plain file"


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
        "seed_source": os.path.abspath(path),
        "seed_warnings": annotation_warnings(annotation, settings),
    }


def site_timezone(settings) -> str:
    """The zone the site's dates are in: Pelican's ``TIMEZONE``, UTC when unset
    (as Pelican does)."""
    return settings.get("TIMEZONE") or DEFAULT_TIMEZONE


def _publication_time(article) -> dt.datetime:
    """Pelican's ``date``: the moment stated in the text (already in the site's
    zone, which Pelican assumes for a date without one), else the day at midnight."""
    if article.published is not None:
        return article.published.replace(tzinfo=None)
    return dt.datetime.combine(article.date, dt.time())


def _article(path: Path, settings, article, tags: list[str]):
    paragraphs = [block.text for block in article.body]
    title = names.visible_text(article.title or "") or names.visible_text(path.stem) or path.name
    seed_rel = _seed_relpath(path, settings)
    dated = article.date is not None and in_site_years(article.date)
    warnings = list(article.warnings)
    about = {warning: field for field, warning in article.unsure.items()}
    if article.date is not None and not dated:
        warnings.append(
            f"the date found ({article.date.isoformat()}) is outside the years the site "
            f"shows ({MIN_YEAR}–{MAX_YEAR}): the article is undated"
        )
    meta = {
        "title": html_escape(title, quote=False),
        **_modified(article),
        "plain_title": title,
        "date": _publication_time(article) if dated else UNKNOWN_DATE,
        "date_status": article.date_status if dated else DATE_UNKNOWN,
        "date_note": article.date_source if dated else DATE_NOTES[DATE_UNKNOWN],
        "summary": html_escape(lead_summary(paragraphs), quote=False),
        "word_count": article.word_count,
        "reading_time": reading_minutes(article.word_count),
        "captions": article.captions,
        "removed": article.removed,
        "removed_count": len(article.removed),
        "seed_warnings": [{"line": None, "message": w, "field": about.get(w)} for w in warnings],
        "seed_path": seed_rel,
        "seed_encoding": article.encoding,
        "language": article.language,
        "authors": list(article.authors),
        "category": article.source,
        "tags": tags,
    }
    # As UTF-8 bytes, as the file is written: kept for every article until the
    # end of the build (and in the content cache), where a str of text with
    # one curly quote takes two or four bytes a character.
    meta["cleaned_markdown"] = document_markdown(
        article,
        {
            "Title": title,
            "Authors": ", ".join(article.authors),
            "Date": article.date.isoformat() if dated else "",
            "Date_status": article.date_status,
            "Modified": article.updated.isoformat() if "modified" in meta else "",
            "Source": article.source or "",
            "Tags": ", ".join(tags),
            "Seed": seed_rel,
        },
    ).encode("utf-8")
    html = body_html(article)
    return markdown_to_html(body_markdown(article)) if html is None else html, meta


def _modified(article) -> dict:
    """Pelican's ``modified``: the date the page says it was last updated."""
    if article.updated is None or not in_site_years(article.updated):
        return {}
    return {"modified": dt.datetime.combine(article.updated, dt.time())}


def _seed_relpath(path: Path, settings) -> str:
    """The seed's path below the site's seed folder, with ``/`` separators.

    The path as found in the folder, links not resolved: two linked folders
    with a file of one name give two paths (and two raw copies), not one.
    """
    found = Path(os.path.abspath(path))
    for root in _seed_folders(settings["PATH"], tuple(settings["ARTICLE_PATHS"])):
        if root in found.parents:
            return found.relative_to(root).as_posix()
    return path.name


@lru_cache(maxsize=8)
def _seed_folders(content: str, folders: tuple[str, ...]) -> list[Path]:
    """The seed folders as written (absolute, links not resolved)."""
    base = Path(os.path.abspath(content))
    return [Path(os.path.abspath(base / folder)) for folder in folders]


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
