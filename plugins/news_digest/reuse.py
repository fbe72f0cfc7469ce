"""Write a build's files, keeping the previous site's copy of each one that is unchanged.

A warm build renders every page again, and nearly all of them come out as
they were. Creating tens of thousands of files is then much of what the
build costs, and the least predictable part: each new file is an inode and
data blocks for a journalled file system to allocate and commit, and as
many to free again when the previous site is deleted.

Given the previous site (``NEWS_DIGEST_PREVIOUS_SITE``; ``invoke build``
sets it to the ``output/`` it is about to replace), a file whose bytes are
the same there is hard-linked from it instead of written: one directory
entry, no data, and deleting the previous site later frees nothing. A file
that differs, or that cannot be linked (another file system, links refused),
is written as usual. Either way the path gets an inode of its own, never one
it shares: writing into a linked file would change the previous site too,
which stays the site until the new one is swapped in.

A page with a key (``pagekeys``) need not even be rendered: the
:class:`Manifest` remembers, for each page of the previous build, its key and
the identity of the file written for it (device, inode, size, modification
time). A page whose key is the same, and whose previous copy is still that
file, is linked from it unread. Files are never written in place here (a
changed file gets a new inode), so the same identity is the same bytes.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from .memo import keep, load_kept
from .settings import default

logger = logging.getLogger(__name__)

#: A folder holding the previous build of the site (``NEWS_DIGEST_PREVIOUS_SITE``); off by default.
DEFAULT_PREVIOUS_SITE = default("NEWS_DIGEST_PREVIOUS_SITE")


class PreviousSite:
    """Where a file of this build's output folder was in the previous site."""

    def __init__(self, output_path: str, previous_path: str):
        self.output = os.path.abspath(output_path) + os.sep
        self.previous = os.path.abspath(previous_path)

    @classmethod
    def from_settings(cls, settings, output_path: str) -> PreviousSite | None:
        previous = settings.get("NEWS_DIGEST_PREVIOUS_SITE", DEFAULT_PREVIOUS_SITE)
        if not previous or not os.path.isdir(previous):
            return None
        if os.path.abspath(previous) == os.path.abspath(output_path):
            return None  # its files are the ones being replaced
        return cls(output_path, previous)

    def of(self, path: str) -> str | None:
        relative = below(self.output, path)
        return None if relative is None else self.at(relative)

    def at(self, relative: str) -> str:
        """The previous site's file at ``relative`` (a path below the output folder)."""
        return os.path.join(self.previous, relative)


def below(folder: str, path: str) -> str | None:
    """``path`` relative to ``folder`` (absolute, ending in a separator); None if outside it."""
    path = os.path.abspath(path)
    return path[len(folder) :] if path.startswith(folder) else None


def encoded(text: str) -> bytes:
    """``text`` as a file opened with ``open(path, "w", encoding="utf-8")`` would hold it."""
    if os.linesep != "\n":
        text = text.replace("\n", os.linesep)
    return text.encode("utf-8")


def put(path: str, data: bytes, previous: str | None = None) -> bool:
    """Make ``path`` hold ``data``: a link to ``previous`` if that holds it already.

    Returns whether the previous copy was kept.
    """
    if previous is not None and holds(previous, data) and link(previous, path):
        return True  # else another file system, or links refused: write it
    _create(path, lambda: _write_new(path, data))
    return False


def holds(path: str, data: bytes) -> bool:
    """Whether the file at ``path`` holds exactly ``data``."""
    try:
        with open(path, "rb") as stream:
            return stream.read(len(data) + 1) == data
    except OSError:  # missing, a folder, unreadable
        return False


def _write_new(path: str, data: bytes) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    with open(os.open(path, flags, 0o666), "wb") as stream:
        stream.write(data)


def _create(path: str, make) -> None:
    """Run ``make``, which creates ``path``; first unlink whatever is there already."""
    try:
        make()
    except FileExistsError:
        os.unlink(path)
        make()


def link(previous: str, path: str) -> bool:
    """Make ``path`` a link to ``previous``; False if the file system refuses."""
    try:
        _create(path, lambda: os.link(previous, path))
        return True
    except OSError:
        return False


def identity(path: str) -> tuple[int, int, int, int]:
    """What tells one file from another here: device, inode, size and modification time."""
    found = os.stat(path)
    return found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns


#: Keep the pages' keys between builds (``NEWS_DIGEST_PAGE_KEYS``), in Pelican's cache folder.
DEFAULT_PAGE_KEYS = default("NEWS_DIGEST_PAGE_KEYS")
MANIFEST_NAME = "news-digest-pages.pickle"
#: Jobs that took this long are remembered, to be started first next build.
LONG_JOB_SECONDS = 0.005


class Manifest:
    """Each page's key and file identity, from the previous build to the next.

    It follows Pelican's cache settings as ``memo`` does: ``CACHE_CONTENT``
    keeps it, ``LOAD_CONTENT_CACHE`` (off with ``--ignore-cache``) uses it.
    """

    def __init__(self, path: Path | None, previous: dict, seconds: dict):
        self.path = path
        self.previous = previous  # relative path → (key, identity)
        self.current: dict[str, tuple] = {}
        #: How long the longer jobs took last build (relative path → seconds): the
        #: writer starts them first, so that no worker is left with one at the end.
        self.seconds = seconds
        self.current_seconds: dict[str, float] = {}

    @classmethod
    def from_settings(cls, settings) -> Manifest | None:
        if not (
            settings.get("NEWS_DIGEST_PAGE_KEYS", DEFAULT_PAGE_KEYS)
            and settings.get("CACHE_CONTENT")
        ):
            return None
        path = Path(settings["CACHE_PATH"]) / MANIFEST_NAME
        previous = load_kept(settings, path)
        if not isinstance(previous, dict) or set(previous) != {"pages", "seconds"}:
            previous = {"pages": {}, "seconds": {}}
        return cls(path, previous["pages"], previous["seconds"])

    def unchanged(self, relative: str, key: bytes, previous: str) -> tuple | None:
        """The identity of ``previous`` if it is the file written for ``key`` last build."""
        entry = self.previous.get(relative)
        if entry is None or entry[0] != key:
            return None
        try:
            found = identity(previous)
        except OSError:
            return None
        return found if found == entry[1] else None

    def note(self, relative: str, key: bytes, found: tuple) -> None:
        self.current[relative] = (key, found)

    def took(self, relative: str, seconds: float) -> None:
        if seconds >= LONG_JOB_SECONDS:
            self.current_seconds[relative] = seconds

    def save(self) -> None:
        """Keep this build's entries for the next, replacing the file whole."""
        if not keep(self.path, {"pages": self.current, "seconds": self.current_seconds}):
            logger.warning(
                "Could not keep the pages' keys in %s: every page is rendered next build", self.path
            )
