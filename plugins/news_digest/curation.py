"""Reader-side glue for the curator's annotations and the article's enrichment.

The reader calls :func:`load_seed_annotation` before cleaning and
:func:`curate` after; everything here works on the reader's metadata dict,
the real work is in ``annotations/`` and ``enrich/``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
from functools import lru_cache, partial
from html import escape as html_escape
from pathlib import Path

from .annotations import (
    Annotation,
    RuleContext,
    apply_rules,
    load_annotation,
    load_rules,
    mark_highlights,
    render_note,
)
from .annotations.rules import DEFAULT_RULE_SECONDS
from .cleaner.normalise import visible_text
from .cleaner.pipeline import DEFAULT_TIMEZONE
from .engine.pelican_adapter import cache_path, forget_cache, wrap_filestamp
from .enrich import clusters, duplicates
from .enrich.entities import KINDS, extract_entities
from .enrich.quotes import find_quotations
from .enrich.tags import article_tags
from .settings import DEFAULTS

logger = logging.getLogger(__name__)

# Settings (relative to ``PATH``): defaults in the one table of them (settings.py).


def setting(settings, name):
    return settings.get(name, DEFAULTS[name])


def annotations_dir(settings) -> Path:
    return Path(settings["PATH"]) / setting(settings, "NEWS_DIGEST_ANNOTATIONS_DIR")


def annotation_path(seed: Path, folder: Path) -> Path:
    """Where the annotation of ``seed`` is: ``<stem>.md`` in the annotations folder."""
    return folder / f"{seed.stem}.md"


def load_seed_annotation(seed: Path, folder: Path) -> Annotation | None:
    """The annotation file named after ``seed`` in ``folder``, if there is one.

    Its problems are not logged here: they go into the seed's entry of the
    build report (:func:`annotation_warnings`), which logs them on every
    build, cached or not.
    """
    path = annotation_path(seed, folder)
    # Not ``is_file``: a FIFO or a link to a device under that name is reported, unread.
    return load_annotation(path) if path.exists() or path.is_symlink() else None


def annotation_warnings(annotation: Annotation | None, settings, placed=()) -> list[dict]:
    """The annotation's problems and orphaned highlights as build-report warnings."""
    if annotation is None:
        return []
    name = Path(os.path.relpath(annotation.path, settings["PATH"])).as_posix()
    problems = list(annotation.problems)
    problems += [
        (
            None,
            f"highlight {result.number} no longer found in the article: "
            f"{result.highlight.quote[:80]!r}; update its quote "
            "(it is listed as orphaned on the page)",
        )
        for result in placed
        if result.orphaned
    ]
    return [{"file": name, "line": line, "message": message} for line, message in problems]


def clean_seed(
    clean_bytes, data: bytes, annotation: Annotation | None, timezone: str = DEFAULT_TIMEZONE
):
    """Clean ``data`` with the curator's forced-kept and forced-dropped lines,
    dates stated with a clock time and zone given in the site's ``timezone``."""
    if annotation is None:
        return clean_bytes(data, timezone=timezone)
    return clean_bytes(
        data,
        keep_lines=annotation.keep_lines,
        drop_lines=annotation.drop_lines,
        timezone=timezone,
    )


@lru_cache(maxsize=4)
def _rules(path: str, mtime: float):
    rules, warnings = load_rules(Path(path))
    for warning in warnings:
        logger.warning("Tagging rules %s", warning)
    return rules


def tagging_rules(settings):
    path = Path(settings["PATH"]) / setting(settings, "NEWS_DIGEST_TAGGING_RULES")
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return []
    return _rules(str(path), mtime)


def rule_seconds(settings) -> float:
    """``NEWS_DIGEST_RULE_SECONDS``: how long one rule's pattern may search one text."""
    return float(settings.get("NEWS_DIGEST_RULE_SECONDS", DEFAULT_RULE_SECONDS))


def _visible_names(meta: dict) -> None:
    """Titles and names as they may show: no bidi controls, no invisible or control characters."""
    if "plain_title" in meta:
        meta["plain_title"] = visible_text(meta["plain_title"]) or meta["plain_title"]
        meta["title"] = html_escape(meta["plain_title"], quote=False)
    for key in ("authors", "tags"):
        meta[key] = [name for name in map(visible_text, meta.get(key, [])) if name]
    if meta.get("category"):
        meta["category"] = visible_text(meta["category"]) or None
        if meta["category"] is None:
            del meta["category"]


def _overrides(meta: dict, annotation: Annotation) -> None:
    # A field the curator sets is no longer one the cleaner is unsure of.
    settled = {"title": annotation.title, "date": annotation.date}
    meta["seed_warnings"] = [
        w for w in meta.get("seed_warnings", []) if not settled.get(w.get("field"))
    ]
    if annotation.title:
        meta["title"] = html_escape(annotation.title, quote=False)
        meta["plain_title"] = annotation.title
    if annotation.date:
        meta["date"] = dt.datetime.combine(annotation.date, dt.time())
        meta["date_status"] = "stated"
        meta["date_note"] = "set by the curator"
    if annotation.authors is not None:
        meta["authors"] = list(annotation.authors)
    if annotation.source:
        meta["category"] = annotation.source


def _unique(tags: list[str]) -> list[str]:
    """Each tag once, ignoring case ("Guns", "guns"); the first spelling wins."""
    kept: dict[str, str] = {}
    for tag in tags:
        kept.setdefault(tag.casefold(), tag)
    return list(kept.values())


def enrich(article):
    """The people, organisations and places the body names, its quotations and
    its tag candidates (``enrich.tags``; the site keeps those it shares).

    Pure, so it runs in the workers that clean seeds ahead (``prefetch``).
    """
    paragraphs = [block.text for block in article.body]
    extraction = extract_entities(paragraphs)
    title = article.title or ""
    tags = article_tags(title, paragraphs, article.language, extraction, article.source)
    return extraction, find_quotations(paragraphs, extraction), tags


def curate(settings, html: str, meta: dict, article, annotation: Annotation | None, enriched):
    """Apply the annotation and enrichment to the reader's ``(html, meta)``.

    ``meta`` holds names, not Pelican objects, for authors, category and tags;
    ``enriched`` is what :func:`enrich` returns for ``article``.
    """
    extraction, quotations, auto_tags = enriched
    meta["auto_tags"] = list(auto_tags)  # the automatic tags, which ``settle_tags`` may drop
    meta["entities"] = {kind: extraction.names(kind) for kind in KINDS}
    meta["quotations"] = quotations
    meta["body_text"] = article.body_text
    # Made here, not when the site is put together, so they are cached with the article.
    meta["duplicate_signature"] = duplicates.signature(article.body_text)
    words = clusters.content_words(article.body_text)
    meta["word_signature"] = clusters.word_signature(words)
    meta["content_word_hashes"] = clusters.element_hashes(words)
    if annotation is not None:
        _overrides(meta, annotation)

    tags = list(meta.get("tags", []))
    context = RuleContext(
        source=meta.get("category") or "",
        title=meta.get("plain_title", ""),
        body=article.body_text,
        authors=list(meta.get("authors", [])),
        people=meta["entities"]["person"],
        organisations=meta["entities"]["organisation"],
        places=meta["entities"]["place"],
        tags=tags,
        reading_time=meta.get("reading_time", 0),
        word_count=meta.get("word_count", 0),
    )
    slow: list = []
    rules = tagging_rules(settings)
    chosen = [t for t in apply_rules(rules, context, slow, rule_seconds(settings)) if t not in tags]
    tags += chosen
    rules_file = Path(os.path.relpath(_rules_path(settings), settings["PATH"])).as_posix()
    meta["seed_warnings"] = meta.get("seed_warnings", []) + [
        {"file": rules_file, "line": rule.line, "message": message} for rule, message in slow
    ]
    if annotation is not None:
        removed = {t.casefold() for t in annotation.remove_tags}
        tags = [t for t in tags + annotation.tags if t.casefold() not in removed]
        chosen += annotation.tags
    meta["tags"] = _unique(tags)
    meta["chosen_tags"] = chosen  # the rules' and the curator's: kept however rare
    _visible_names(meta)

    if annotation is not None:
        meta["annotated"] = True
        meta["annotation_path"] = annotation.path
        meta["annotation_note"] = render_note(annotation.note)
        meta["annotation_markdown"] = annotation.note
        html, placed = mark_highlights(html, annotation.highlights)
        meta["highlights"] = placed
        warnings = annotation_warnings(annotation, settings, placed)
        meta["seed_warnings"] = meta.get("seed_warnings", []) + warnings
    return html, meta


def _rules_path(settings) -> Path:
    return Path(settings["PATH"]) / setting(settings, "NEWS_DIGEST_TAGGING_RULES")


def _rules_mtime(settings) -> float:
    path = _rules_path(settings)
    return path.stat().st_mtime if path.is_file() else 0.0


#: The plugin's own files: the cached reading depends on its code and data.
PLUGIN_DIR = Path(__file__).resolve().parent
CODE_SUFFIXES = frozenset({".py", ".txt", ".json", ".yaml"})
#: Settings the cached reading depends on besides the files (the reader
#: typogrifies, and makes the slug Pelican would make from the title).
CACHED_SETTINGS = (
    "TYPOGRIFY",
    "TYPOGRIFY_DASHES",
    "TYPOGRIFY_IGNORE_TAGS",
    "TYPOGRIFY_OMIT_FILTERS",
    "SLUGIFY_SOURCE",
    "SLUG_REGEX_SUBSTITUTIONS",
    "SLUGIFY_PRESERVE_CASE",
    "SLUGIFY_USE_UNICODE",
    "FILENAME_METADATA",
    "PATH_METADATA",
    "EXTRA_PATH_METADATA",
    "TIMEZONE",
)


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A digest of the plugin's code and data files (gazetteers, publisher lists)."""
    digest = hashlib.sha256()
    for path in sorted(PLUGIN_DIR.rglob("*")):
        if path.suffix in CODE_SUFFIXES and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PLUGIN_DIR).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _with_annotation_stamp(stamp, settings):
    """A seed's cache stamp that also changes when its annotation is edited, added or removed.

    It also covers the plugin's code (:func:`code_fingerprint`: an updated
    cleaner re-reads every seed) and :data:`CACHED_SETTINGS`.
    """
    folder = annotations_dir(settings)
    reading = (code_fingerprint(), *(repr(settings.get(name)) for name in CACHED_SETTINGS))
    # Pelican asks for a seed's stamp up to four times a build (two cache
    # layers, before and after reading): the files as they were when first asked.
    taken = {}

    def seed_and_annotation_stamp(filename):
        found = taken.get(filename)
        if found is None:
            try:
                note = annotation_path(Path(filename), folder).stat().st_mtime_ns
            except OSError:
                note = None
            found = taken[filename] = (stamp(filename), note, reading)
        return found

    return seed_and_annotation_stamp


def forget_stale_cache(generator):
    """Make Pelican's content cache see the curator's files as well as the seeds.

    Pelican's cache knows only the seed files. An edited annotation re-reads
    its own seed (the stamp covers both files); edited tagging rules, which
    touch every article, re-read them all (``invoke livereload``), and so
    does a change to the plugin's code or to typogrify's settings.
    """
    rules_changed = _rules_mtime(generator.settings)
    for cacher in (generator, getattr(generator, "readers", None)):
        wrap_filestamp(cacher, partial(_with_annotation_stamp, settings=generator.settings))
        path = cache_path(cacher)
        cache = Path(path) if path else None
        if cache is not None and cache.exists() and cache.stat().st_mtime < rules_changed:
            forget_cache(cacher)
