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

Every page is rendered: whether it came out the same is decided by its
bytes, never by guessing from what its templates read.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from contextlib import ExitStack

from ..settings import default

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


def encoded(text: str | bytes) -> bytes:
    """``text`` as a file opened with ``open(path, "w", encoding="utf-8")`` would hold it.

    ``text`` may be given as its UTF-8 bytes already.
    """
    if isinstance(text, bytes):
        return text.replace(b"\n", os.linesep.encode()) if os.linesep != "\n" else text
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


def put_pieces(path: str, pieces: Iterable[bytes], previous: str | None = None) -> bool:
    """:func:`put` for data given in pieces, never held whole: each piece is written
    as it comes, and compared with the previous copy's bytes at the same place.

    If the previous copy holds the same bytes, the written file is replaced by
    a link to it. Returns whether the previous copy was kept.
    """
    same = previous is not None
    with ExitStack() as stack:
        if same:
            try:
                old = stack.enter_context(open(previous, "rb"))
            except OSError:  # missing, a folder, unreadable
                same = False
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        try:
            descriptor = os.open(path, flags, 0o666)
        except FileExistsError:
            os.unlink(path)
            descriptor = os.open(path, flags, 0o666)
        stream = stack.enter_context(open(descriptor, "wb"))
        for piece in pieces:
            stream.write(piece)
            if same:
                same = old.read(len(piece)) == piece
        if same:
            same = old.read(1) == b""
    return same and _relink(previous, path)


def _relink(previous: str, path: str) -> bool:
    """Replace the file ``path`` by a link to ``previous``; False (``path`` kept) if refused."""
    linked = f"{path}.link"
    try:
        _create(linked, lambda: os.link(previous, linked))
        os.replace(linked, path)
        return True
    except OSError:
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
