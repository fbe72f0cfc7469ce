"""The build report: every file under the seed folders, accounted for once.

A seed ends up ``published`` (with its URL), ``duplicate`` (of which seed) or
``rejected`` (with the reason and what to do). Warnings carry the file and,
where known, the line. The report is written as ``report.json`` and
``report.html`` and summarised in the build log.
"""

from __future__ import annotations

import fnmatch
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .jsontext import pieces_by_line
from .paging import ListingPage

logger = logging.getLogger(__name__)

PUBLISHED, DUPLICATE, REJECTED = "published", "duplicate", "rejected"


@dataclass
class SeedEntry:
    file: str  # path below the project, with "/" separators
    status: str
    url: str | None = None
    title: str | None = None
    duplicate_of: str | None = None
    reason: str | None = None
    warnings: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)


def seed_files(settings) -> list[Path]:
    """Every file below the article folders, ignored or not, as Pelican finds them.

    Folders that are links are followed, as Pelican follows them, but not
    round a loop (a link to a folder it is in): :func:`in_link_loop`.
    """
    base = Path(os.path.abspath(settings["PATH"]))
    files = []
    looped = link_loops()
    for folder in settings["ARTICLE_PATHS"]:
        root = base / folder
        if root.is_file():
            files.append(root)
        for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
            dirnames[:] = sorted(d for d in dirnames if not looped(os.path.join(dirpath, d)))
            files.extend(Path(dirpath) / name for name in sorted(filenames))
    return files


def link_loops():
    """``in_link_loop(path)``: whether a folder on the way to ``path`` (or ``path``
    itself) is one already passed, reached again through a link.

    Each folder is resolved once.
    """
    real = cache(os.path.realpath)

    @cache
    def in_link_loop(path: str) -> bool:
        folders = [os.path.abspath(path)]
        while True:
            parent = os.path.dirname(folders[-1])
            if parent == folders[-1]:
                break
            folders.append(parent)
        reals = [real(folder) for folder in folders if os.path.isdir(folder)]
        return len(set(reals)) < len(reals)

    return in_link_loop


def _why_unread(path: Path, settings, extensions) -> str:
    if path.name.startswith("."):
        return (
            f"a hidden file (its name, {path.name!r}, starts with a dot), which Pelican "
            "does not read: rename it to publish it"
        )
    if any(fnmatch.fnmatch(path.name, pattern) for pattern in settings["IGNORE_FILES"]):
        return "ignored by IGNORE_FILES in the settings: remove the pattern to publish it"
    if path.suffix.lstrip(".") not in extensions:
        return f"not read: seeds must end in .txt (rename {path.name!r} to publish it)"
    return "not read by Pelican: see the build log for the error"


def _key(path) -> str:
    """A seed's key: its absolute path as found (links not resolved, as Pelican has it)."""
    return os.path.normpath(os.path.abspath(path))


def _project_path(path, settings) -> str:
    """``path`` below the project (``PATH``) with "/" separators; its name alone if outside."""
    base = Path(_key(settings["PATH"]))
    path = Path(_key(path))
    return path.relative_to(base).as_posix() if base in path.parents else path.name


def _resolver():
    """``Path(path).resolve()``, each folder resolved once: a build's seeds share a few."""
    folders = cache(lambda folder: Path(folder).resolve())

    def resolved(path: str) -> Path:
        if os.path.islink(path) or ".." in Path(path).parts:  # ``..`` after a link
            return Path(path).resolve()
        folder, name = os.path.split(os.path.abspath(path))
        return folders(folder) / name

    return cache(resolved)  # each path once, not twice


def build_report(
    settings, articles, rejected, duplicates, extensions=("txt",), other_warnings=None
) -> list[SeedEntry]:
    """One entry per seed file, in path order.

    ``rejected`` maps a seed's absolute path to the reason it was refused, and
    ``other_warnings`` the path of a refused or dropped seed to its other warnings;
    ``duplicates`` maps a dropped seed's absolute path to the article it repeats.
    """

    def rel(path) -> str:
        return _project_path(path, settings)

    rejected = {_key(path): reason for path, reason in rejected.items()}
    duplicates = {_key(path): original for path, original in duplicates.items()}
    other_warnings = {_key(path): found for path, found in (other_warnings or {}).items()}
    published = {_key(a.source_path): a for a in articles}
    entries = []
    for path in seed_files(settings):
        key = _key(path)
        name = rel(path)
        if key in published:
            article = published[key]
            entry = SeedEntry(name, PUBLISHED, url=article.url, title=_plain(article))
            entry.removed = [
                {"line": r.line, "text": r.text, "reason": r.reason}
                for r in getattr(article, "removed", [])
            ]
            entry.warnings = [
                {"file": w.get("file", name), "line": w.get("line"), "message": w["message"]}
                for w in getattr(article, "seed_warnings", [])
            ]
        elif key in duplicates:
            original = duplicates[key]
            entry = SeedEntry(
                name,
                DUPLICATE,
                url=original.url,
                title=_plain(original),
                duplicate_of=rel(original.source_path),
                reason=f"the same article as {rel(original.source_path)}: published once",
            )
            # The copy's own cleaner warnings name no file: they are this one's.
            entry.warnings = [
                {"file": w.get("file", name), "line": w.get("line"), "message": w["message"]}
                for w in (other_warnings or {}).get(key, [])
            ]
        else:
            reason = rejected.get(key) or _why_unread(path, settings, extensions)
            entry = SeedEntry(name, REJECTED, reason=reason)
            entry.warnings = [{"file": name, "line": None, "message": reason}]
            entry.warnings += (other_warnings or {}).get(key, [])
        entries.append(entry)
    return entries


def _plain(article) -> str:
    return getattr(article, "plain_title", None) or str(article.title)


def orphan_annotations(settings, folder: Path, stems: set[str]) -> list[dict]:
    """A warning for each annotation in ``folder`` whose seed (by file stem) is not in ``stems``."""
    found = []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        if path.stem in stems:
            continue
        message = f"no seed named {path.stem}.txt: rename the file after its seed or remove it"
        found.append({"file": _project_path(path, settings), "line": None, "message": message})
    return found


def summary(entries: list[SeedEntry], other: list[dict] = ()) -> dict[str, int]:
    """Seeds by status, and the warnings: the count the build log gives and ``--strict``
    fails on (each seed's, one for each duplicate, and ``other``: about no one seed)."""
    counts = {PUBLISHED: 0, DUPLICATE: 0, REJECTED: 0}
    for entry in entries:
        counts[entry.status] += 1
    counts["warnings"] = sum(len(e.warnings) for e in entries) + counts[DUPLICATE] + len(other)
    return counts


def attention(pages: list[ListingPage]) -> list[dict]:
    """The seeds a curator must look at (not published, or with warnings), each
    with the URL of its entry (``#seed-N``, N counted over the whole report)."""
    found = []
    for page in pages:
        for number, entry in enumerate(page.items, page.offset + 1):
            if entry.status != PUBLISHED or entry.warnings:
                found.append(
                    {
                        "file": entry.file,
                        "status": entry.status,
                        "warnings": len(entry.warnings),
                        "url": f"{page.url}#seed-{number}",
                    }
                )
    return found


def to_json(entries: list[SeedEntry], other: list[dict] = ()) -> str:
    """Stable JSON: sorted keys, entries in path order, one seed a line, no timestamps."""
    return "".join(json_pieces(entries, other))


def json_pieces(entries: list[SeedEntry], other: list[dict] = ()) -> Iterator[str]:
    """The text of :func:`to_json` in pieces, a seed's line at a time (``jsontext``)."""
    # The fields as they are (plain lists and dicts): asdict() would deep-copy them all.
    data = {
        "summary": summary(entries, other),
        "seeds": [vars(e) for e in entries],
        "other_warnings": list(other),
    }
    return pieces_by_line(data, ensure_ascii=False, sort_keys=True)


def _log_warning(warning: dict) -> None:
    where = f"{warning['file']}:{warning['line']}" if warning["line"] else warning["file"]
    logger.warning("%s: %s", where, warning["message"])


def log_report(entries: list[SeedEntry], other: list[dict] = ()) -> None:
    """Warnings for everything a curator must look at, then a one-line summary."""
    for entry in entries:
        if entry.status == DUPLICATE:
            logger.warning("%s: %s", entry.file, entry.reason)
        for warning in entry.warnings:
            _log_warning(warning)
    for warning in other:
        _log_warning(warning)
    counts = summary(entries, other)
    logger.info(
        "Build report: %d seeds — %d published, %d duplicate, %d rejected, %d warnings "
        "(details in report.html and report.json)",
        len(entries),
        counts[PUBLISHED],
        counts[DUPLICATE],
        counts[REJECTED],
        counts["warnings"],
    )
