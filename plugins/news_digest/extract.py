"""``invoke extract``: run the site's cleaning pipeline over a directory of raw pages.

For every ``<id>.txt`` (``*.gold.txt`` ground-truth files are skipped) it
writes ``<id>.txt`` (the article body alone, paragraphs separated by blank
lines) and ``<id>.json`` (metadata and the removed lines with their reasons).

It cleans each page on its own, exactly as the site build does, so what
``invoke extract`` measures is what the build publishes. Learning the
furniture repeated across the folder (``corpus_lines=True``,
:func:`news_digest.cleaner.repeated_lines`) is kept as an option for
measuring: on the evaluation corpus it changes body F1 by -0.013 to +0.006
per folder (docs/extraction.md), too little to make the build depend on
the other seeds of the folder.
"""

from __future__ import annotations

import json
from pathlib import Path

from .cleaner import Article, UndecodableError, clean_bytes, repeated_lines
from .cleaner.decode import decode
from .cleaner.pipeline import DEFAULT_TIMEZONE


def article_json(article: Article) -> dict:
    """The metadata and removal record of one article, JSON-ready."""
    return {
        "title": article.title,
        "authors": article.authors,
        "date": article.date.isoformat() if article.date else None,
        "date_source": article.date_source,
        "date_status": article.date_status,
        "updated": article.updated.isoformat() if article.updated else None,
        "published": article.published.isoformat() if article.published else None,
        "source": article.source,
        "source_evidence": article.source_evidence,
        "language": article.language,
        "encoding": article.encoding,
        "captions": article.captions,
        "warnings": article.warnings,
        "confidence": article.confidence,
        "removed": [{"line": r.line, "text": r.text, "reason": r.reason} for r in article.removed],
    }


def seed_paths(src: Path) -> list[Path]:
    """The raw pages of ``src``: ``*.txt`` except ground truth ``*.gold.txt``."""
    return sorted(p for p in src.glob("*.txt") if not p.name.endswith(".gold.txt"))


def _texts(paths: list[Path]) -> list[str]:
    texts = []
    for path in paths:
        try:
            texts.append(decode(path.read_bytes())[0])
        except UndecodableError:
            continue
    return texts


def extract_dir(
    src: Path, dest: Path, *, corpus_lines: bool = False, timezone: str = DEFAULT_TIMEZONE
) -> dict[str, Article]:
    """Clean every page of ``src`` into ``dest``; return the articles by id.

    ``timezone`` is the site's (Pelican's ``TIMEZONE``): a date stated with a
    clock time and zone is given as the site shows it.
    """
    dest.mkdir(parents=True, exist_ok=True)
    paths = seed_paths(src)
    shared = repeated_lines(_texts(paths)) if corpus_lines else frozenset()
    articles: dict[str, Article] = {}
    for path in paths:
        item_id = path.stem
        try:
            article = clean_bytes(path.read_bytes(), repeated=shared, timezone=timezone)
        except UndecodableError as error:
            article = Article(warnings=[f"undecodable: {error}"])
        articles[item_id] = article
        (dest / f"{item_id}.txt").write_text(article.body_text + "\n", encoding="utf-8")
        (dest / f"{item_id}.json").write_text(
            json.dumps(article_json(article), ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8",
        )
    return articles
