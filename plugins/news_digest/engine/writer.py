"""Render the site's pages on every core: Pelican's writer, with its renders queued.

Pelican renders and writes each page as a generator asks for it, in one
process; with thousands of articles, entity and tag pages that is most of a
build. :class:`ParallelWriter` lets Pelican's own ``write_file`` do all its
work (pagination, local contexts, relative URLs, the checks against writing a
file twice) but queues the template rendering; :meth:`ParallelWriter.flush`
then renders the queue in forked worker processes (``workers``), which share
the whole site in memory. A short queue is rendered in this process.

It queues only where that cannot be seen: nothing listens to Pelican's
``content_written`` signal (which would run before the file exists) and
``fork`` is available. Otherwise every page is written at once, as by
Pelican's writer, and the log says why. The plugin's generators flush the
queue as their last step, so every page exists before Pelican's
``finalized`` signal. Pelican's private file opening is reached through
``pelican_adapter.QueueingWriter``.
"""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pelican import signals

from ..settings import default
from .pelican_adapter import QueueingWriter
from .reuse import PreviousSite, encoded, put, put_pieces
from .workers import can_fork, fork_map, worker_count

logger = logging.getLogger(__name__)

#: The fewest queued pages worth starting workers for (``NEWS_DIGEST_PARALLEL_MIN_PAGES``).
DEFAULT_MIN_PAGES = default("NEWS_DIGEST_PARALLEL_MIN_PAGES")
#: Pages a worker renders at a time: few round trips, still balanced.
CHUNK_SIZE = 128


#: Folders this process made or found this build (``ParallelWriter`` empties it):
#: tens of thousands of files share a few dozen.
_FOLDERS: set[str] = set()


def make_folder(path: str) -> None:
    if path not in _FOLDERS:
        os.makedirs(path, exist_ok=True)
        _FOLDERS.add(path)


@dataclass
class _Job:
    """A page or file to write."""

    path: str
    #: The file in the previous site, kept if this build's is the same (``reuse``).
    previous: str | None = None


@dataclass
class _Page(_Job):
    template: object = None
    #: The page's local context, as its names (a tuple most pages share: the
    #: same context, the same arguments) and its values in that order. A dict
    #: of the whole context for each of tens of thousands of queued pages would
    #: be the writer's largest cost in memory.
    names: tuple = ()
    values: tuple = ()
    #: The generator context, and its ``localsiteurl`` when Pelican rendered it:
    #: content objects read it to write their links relative to the page.
    context: dict | None = None
    siteurl: object = None

    @property
    def localcontext(self) -> dict:
        """The local context Pelican made for the page, in its order."""
        return dict(zip(self.names, self.values, strict=True))

    def run(self) -> bool:
        """Render and write the page; whether the previous site's copy was kept."""
        self.context["localsiteurl"] = self.siteurl
        text = self.template.render(self.localcontext)
        return _File(self.path, self.previous, text=text).write()


@dataclass
class _File(_Job):
    """A file the plugin writes beside the pages: some text, or a copy of ``source``."""

    #: The text (or its UTF-8 bytes), or a function that makes it where the file
    #: is written: the text, or its pieces in order (an iterable of strings),
    #: which are written as they are made and never held whole.
    text: str | bytes | Callable[[], str | Iterable[str]] | None = None
    source: str | None = None
    whole_site: bool = False

    def write(self, data: bytes | None = None) -> bool:
        """Write the file; whether the previous site's copy was kept instead."""
        make_folder(os.path.dirname(self.path))
        if data is None:
            if self.source is not None:
                with open(self.source, "rb") as stream:
                    data = stream.read()
            else:
                text = self.text() if callable(self.text) else self.text
                if not isinstance(text, str | bytes):
                    return put_pieces(self.path, map(encoded, text), self.previous)
                data = encoded(text)
        return put(self.path, data, self.previous)

    def run(self) -> bool:
        return self.write()


class _Pending(io.StringIO):
    """What Pelican writes a page or feed into at once: written out when closed."""

    def __init__(self, writer: ParallelWriter, file: _File):
        super().__init__()
        self.writer, self.file = writer, file

    def __exit__(self, kind, value, traceback):
        if kind is None:
            self.file.text = self.getvalue()
            self.writer.kept += self.file.write()
        return super().__exit__(kind, value, traceback)


class _Deferred:
    """Stands in for a template: records what Pelican asked to render, renders nothing."""

    def __init__(self, writer: ParallelWriter, template, context: dict):
        self.writer, self.template, self.context = writer, template, context

    def render(self, localcontext) -> str:
        self.writer._rendering = (self.template, localcontext, self.context)
        return ""


class ParallelWriter(QueueingWriter):
    """Pelican's :class:`~pelican.writers.Writer`, rendering pages in worker processes."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        _FOLDERS.clear()  # a new build: the folders may be gone
        self._pages: dict[str, _Page] = {}
        #: The queued pages' tuples of local context names, each kept once.
        self._names: dict[tuple, tuple] = {}
        self._files: list[_File] = []
        self._rendering = None
        self._queueing = can_fork(self.settings) and not _listeners("content_written")
        self._previous = PreviousSite.from_settings(self.settings, output_path)
        self._output = os.path.abspath(output_path) + os.sep
        self.kept = 0  # files the previous site's copies stand for
        # The plugin's generators flush at the end of their output, so every
        # page exists before ``finalized``; this catches any page queued later
        # (by another plugin's generator), though not before other receivers
        # of ``finalized``, which blinker calls in no fixed order.
        signals.finalized.connect(self._flush_at_the_end)

    def write_file(self, name, template, context, *args, **kwargs):
        if not self._queueing:
            return super().write_file(name, template, context, *args, **kwargs)
        try:
            deferred = _Deferred(self, template, context)
            return super().write_file(name, deferred, context, *args, **kwargs)
        finally:
            self._rendering = None

    def open_output(self, filename, encoding, override=False):
        if self._rendering is None:  # a feed, or a page written at once
            if self._previous is None or encoding.lower().replace("-", "") != "utf8":
                return super().open_output(filename, encoding, override)
            path = self._claim(filename, override)
            if path == os.devnull:
                return open(os.devnull, "w", encoding=encoding)
            return _Pending(self, _File(path, self._previous_of(path)))
        template, localcontext, context = self._rendering
        self._rendering = None
        path = self._claim(filename, override)
        if path != os.devnull:
            # A page overridden later (``override_output``) is written once, as the override.
            names = tuple(localcontext)
            self._pages[path] = _Page(
                path,
                self._previous_of(path),
                template=template,
                names=self._names.setdefault(names, names),
                values=tuple(localcontext.values()),
                context=context,
                siteurl=context.get("localsiteurl"),
            )
        return io.StringIO()  # takes the empty render

    def _previous_of(self, path: str) -> str | None:
        return self._previous.of(path) if self._previous is not None else None

    def _claim(self, filename, override):
        """Where the page goes, by Pelican's rules against writing a file twice."""
        path = self.claim(filename, override)
        if path == os.devnull:
            logger.info('Skipping "%s", not overwriting', filename)
        return path

    def save(self, file: _File) -> None:
        """Write ``file`` with the queued pages, or now if pages are not queued."""
        if self._queueing:
            file.previous = self._previous_of(file.path)
            self._files.append(file)
        else:
            file.previous = self._previous_of(file.path)
            self.kept += file.write()

    def flush(self) -> None:
        """Render and write every page and file queued so far."""
        # Texts made in the workers from the whole site (a search index, an
        # export) are the longest jobs: first, so that no worker is left with
        # one at the end. The rest are mixed (see ``_spread``).
        whole = [file for file in self._files if file.whole_site]
        each = [file for file in self._files if callable(file.text) and not file.whole_site]
        given = [file for file in self._files if not callable(file.text) and not file.whole_site]
        pages = list(self._pages.values())
        jobs = [*whole, *_spread([pages, each, given])]
        self._pages, self._files, self._names = {}, [], {}
        fewest = self.settings.get("NEWS_DIGEST_PARALLEL_MIN_PAGES", DEFAULT_MIN_PAGES)
        if len(jobs) < fewest:
            workers, done = 1, [job.run() for job in jobs]
        else:
            workers = worker_count(self.settings)
            run = lambda number: jobs[number].run()  # noqa: E731
            done = fork_map(run, range(len(jobs)), workers, CHUNK_SIZE, alone=len(whole))
        kept = sum(done)
        self.kept += kept
        logger.debug(
            "Wrote %d pages and files in %d processes (%d kept from the previous site)",
            len(jobs),
            workers,
            kept,
        )

    def _flush_at_the_end(self, sender, **kwargs):
        if self._pages or self._files:
            self.flush()


def _spread(groups: list[list]) -> list:
    """The groups' items mixed evenly, each group's in its order.

    A group of files is tens of thousands of small files in a folder or two
    (the export's Markdown; the cleaned Markdown and the seed copies):
    written one after another by every worker at once, the workers queue for
    that folder, and creating a file can take a millisecond (ext4 passes over
    recently freed inodes while it holds the folder). Mixed with the pages,
    each worker mostly renders.
    """
    placed = [
        ((number + 0.5) / len(group), order, item)
        for order, group in enumerate(groups)
        for number, item in enumerate(group)
    ]
    placed.sort(key=lambda entry: entry[:2])
    return [item for _, _, item in placed]


def _listeners(name: str) -> list[str]:
    """Who, besides this plugin, is connected to Pelican's signal ``name``: logged by name."""
    found = []
    for receiver in getattr(signals, name).receivers_for(None):
        where = getattr(receiver, "__module__", None) or type(receiver).__module__
        if where is not None and not where.startswith(__package__):
            found.append(f"{where}.{getattr(receiver, '__qualname__', type(receiver).__name__)}")
    if found and name == "content_written":
        # Pelican sends it as each page is written; a queued page is not yet.
        logger.info("Pages rendered in one process: %s listen to content_written", found)
    return found


def get_writer(pelican):
    """``get_writer``: the parallel writer, unless another plugin offers a writer.

    Pelican uses one writer class. Where another plugin has its own, it is
    that one: pages are then rendered in one process, by that writer, and
    the plugin's other files written directly.
    """
    others = [
        receiver
        for receiver in signals.get_writer.receivers_for(pelican)
        if receiver is not get_writer
    ]
    if others:
        logger.info("Pages rendered in one process: another plugin's writer is used")
        return None
    return ParallelWriter


def flush(writer) -> None:
    """Render the pages ``writer`` has queued, if it queues them: a generator's last step."""
    if isinstance(writer, ParallelWriter):
        writer.flush()


def save_text(
    writer, path, text: str | bytes | Callable[[], str | Iterable[str]], whole_site: bool = False
) -> None:
    """Write ``text`` to ``path`` (UTF-8), with the pages when ``writer`` queues them.

    ``text`` may be a function that makes it, whole or in pieces: it is then
    made with the pages, in a worker, rather than in the build's process. ``whole_site``: it is
    made from every article (a search index, an export), a long job started first.
    """
    _save(writer, _File(str(path), text=text, whole_site=whole_site))


def save_copy(writer, source, path) -> None:
    """Copy the file ``source`` to ``path``, with the pages when ``writer`` queues them."""
    _save(writer, _File(str(path), source=str(source)))


def _save(writer, file: _File) -> None:
    if isinstance(writer, ParallelWriter):
        writer.save(file)
    else:
        file.write()
