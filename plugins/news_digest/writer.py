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
Pelican's writer. The plugin's generators flush the queue as their last step,
so every page exists before Pelican's ``finalized`` signal.
"""

from __future__ import annotations

import io
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass

from pelican import signals
from pelican.writers import FileOverwriteFailedError, Writer

from .memo import Pieces
from .pagekeys import PageKeys
from .reuse import Manifest, PreviousSite, below, encoded, identity, link, put
from .settings import default
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
    """A page or file to write, and what keeps the previous site's copy without making it again."""

    path: str
    #: The file in the previous site, kept if this build's is the same (``reuse``).
    previous: str | None = None
    #: The file's path in the output folder, when it is keyed (``pagekeys``), and the keys.
    relative: str | None = None
    keys: PageKeys | None = None
    manifest: Manifest | None = None

    def _unchanged(self, key) -> tuple | None:
        """The manifest entry, if the previous copy made for ``key`` is linked in its place."""
        if key is None or self.previous is None:
            return None
        found = self.manifest.unchanged(self.relative, key, self.previous)
        if found is None:
            return None
        make_folder(os.path.dirname(self.path))
        return (self.relative, key, found) if link(self.previous, self.path) else None

    def timed(self) -> tuple:
        """What :meth:`run` returns, and how long it took."""
        start = time.perf_counter()
        return *self.run(), time.perf_counter() - start

    def _entry(self, key) -> tuple | None:
        return None if key is None else (self.relative, key, identity(self.path))


@dataclass
class _Page(_Job):
    template: object = None
    localcontext: dict | None = None
    #: The generator context, and its ``localsiteurl`` when Pelican rendered it:
    #: content objects read it to write their links relative to the page.
    context: dict | None = None
    siteurl: object = None

    def run(self) -> tuple[bool, tuple | None, bool]:
        """Write the page, or keep the previous copy unrendered if its key is the same.

        Returns whether the previous copy was kept, the page's manifest entry,
        and whether it was rendered.
        """
        key = None
        if self.keys is not None:
            key = self.keys.key(self.template, self.localcontext, self.relative, self.siteurl)
        entry = self._unchanged(key)
        if entry is not None:
            return True, entry, False
        self.context["localsiteurl"] = self.siteurl
        text = self.template.render(self.localcontext)
        kept = _File(self.path, self.previous, text=text).write()
        return kept, self._entry(key), True


@dataclass
class _File(_Job):
    """A file the plugin writes beside the pages: some text, or a copy of ``source``."""

    #: The text, or a function that makes it where the file is written.
    text: str | Callable[[], str] | None = None
    source: str | None = None
    #: The one value ``text`` is made from, with the settings: what keys the file.
    made_from: object = None
    #: ``text`` makes the file from pieces kept between builds under this name
    #: (``memo.Pieces``), and takes them as its argument.
    pieces: str | None = None

    def write(self, data: bytes | None = None) -> bool:
        """Write the file; whether the previous site's copy was kept instead."""
        make_folder(os.path.dirname(self.path))
        if data is None:
            data = self._data()
        return put(self.path, data, self.previous)

    def _data(self) -> bytes:
        if self.source is not None:
            with open(self.source, "rb") as stream:
                return stream.read()
        if not callable(self.text):
            return encoded(self.text)
        if self.pieces is None:
            return encoded(self.text())
        kept = None
        if self.keys is not None:
            kept = Pieces(self.keys.values.settings, self.pieces, self.keys.item_key)
        data = encoded(self.text(kept))
        if kept is not None:
            kept.save()
        return data

    def run(self) -> tuple[bool, tuple | None, bool]:
        """Write the file, or keep the previous copy if its key is the same: made from
        the same value, copied from the same file, or the same text."""
        key = data = None
        if self.keys is not None:
            if self.source is not None:
                key = self.keys.file_key(self.relative, "copy", identity(self.source))
            elif self.made_from is not None:
                key = self.keys.file_key(self.relative, "made", self.made_from)
            elif not callable(self.text):
                data = self._data()
                key = self.keys.file_key(self.relative, "text", data)
        entry = self._unchanged(key)
        if entry is not None:
            return True, entry, False
        kept = self.write(data)
        return kept, self._entry(key), False


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


class ParallelWriter(Writer):
    """Pelican's :class:`~pelican.writers.Writer`, rendering pages in worker processes."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        _FOLDERS.clear()  # a new build: the folders may be gone
        self._pages: dict[str, _Page] = {}
        self._files: list[_File] = []
        self._rendering = None
        self._queueing = can_fork(self.settings) and not signals.content_written.receivers
        self._previous = PreviousSite.from_settings(self.settings, output_path)
        self._output = os.path.abspath(output_path) + os.sep
        self._manifest = Manifest.from_settings(self.settings) if self._queueing else None
        self._keys = PageKeys(self.settings) if self._manifest is not None else None
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

    def _open_w(self, filename, encoding, override=False):
        if self._rendering is None:  # a feed, or a page written at once
            if self._previous is None or encoding.lower().replace("-", "") != "utf8":
                return super()._open_w(filename, encoding, override)
            path = self._claim(filename, override)
            if path == os.devnull:
                return open(os.devnull, "w", encoding=encoding)
            return _Pending(self, _File(path, self._previous_of(path)))
        template, localcontext, context = self._rendering
        self._rendering = None
        path = self._claim(filename, override)
        if path != os.devnull:
            # A page overridden later (``override_output``) is written once, as the override.
            self._pages[path] = _Page(
                path,
                *self._keyed(path),
                template=template,
                localcontext=localcontext,
                context=context,
                siteurl=context.get("localsiteurl"),
            )
        return io.StringIO()  # takes the empty render

    def _previous_of(self, path: str) -> str | None:
        return self._previous.of(path) if self._previous is not None else None

    def _keyed(self, path: str) -> tuple:
        """A job's ``previous``, ``relative``, ``keys`` and ``manifest`` fields for ``path``."""
        relative = below(self._output, path)  # found once: tens of thousands of files
        previous = None
        if self._previous is not None and relative is not None:
            previous = self._previous.at(relative)
        if self._keys is None or relative is None:
            return previous, None, None, None
        return previous, relative, self._keys, self._manifest

    def _claim(self, filename, override):
        """The checks of ``Writer._open_w``, without opening the file: where the page goes."""
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time (was previously overwritten)'
                )
            logger.info('Skipping "%s", not overwriting', filename)
            return os.devnull
        if filename in self._written_files and not override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{filename}" as Pelican has already '
                "written to it previously (set `override=True` if intended)"
            )
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return filename

    def save(self, file: _File) -> None:
        """Write ``file`` with the queued pages, or now if pages are not queued."""
        if self._queueing:
            file.previous, file.relative, file.keys, file.manifest = self._keyed(file.path)
            self._files.append(file)
        else:
            file.previous = self._previous_of(file.path)
            self.kept += file.write()

    def flush(self) -> None:
        """Render and write every page and file queued so far."""
        # Texts made in the workers from the whole site (a search index, an
        # export) are the longest jobs: first, so that no worker is left with
        # one at the end. The rest are mixed (see ``_spread``).
        whole = [file for file in self._files if callable(file.text) and file.made_from is None]
        each = [file for file in self._files if callable(file.text) and file.made_from is not None]
        given = [file for file in self._files if not callable(file.text)]
        pages = list(self._pages.values())
        jobs = [*whole, *_spread([pages, each, given])]
        self._pages, self._files = {}, []
        long = 0
        if self._manifest is not None:  # the longest jobs of the last build first
            took = self._manifest.seconds
            jobs.sort(key=lambda job: -took.get(job.relative, 0.0))
            long = sum(1 for job in jobs if job.relative in took)
        fewest = self.settings.get("NEWS_DIGEST_PARALLEL_MIN_PAGES", DEFAULT_MIN_PAGES)
        if len(jobs) < fewest:
            workers, done = 1, [job.timed() for job in jobs]
        else:
            workers = worker_count(self.settings)
            if self._keys is not None and pages:
                articles = pages[0].context.get("articles", ())
                self._keys.digest_articles(articles, workers, fewest)
            run = lambda number: jobs[number].timed()  # noqa: E731
            done = fork_map(run, range(len(jobs)), workers, CHUNK_SIZE, alone=long)
        kept = sum(kept for kept, _, _, _ in done)
        self.kept += kept
        for job, (_, entry, _, seconds) in zip(jobs, done, strict=True):
            if entry is not None:
                self._manifest.note(*entry)
            if self._manifest is not None and job.relative is not None:
                self._manifest.took(job.relative, seconds)
        logger.debug(
            "Wrote %d pages and files in %d processes (%d kept from the previous site; "
            "%d of %d pages rendered)",
            len(jobs),
            workers,
            kept,
            sum(rendered for _, _, rendered, _ in done),
            len(pages),
        )

    def _flush_at_the_end(self, sender, **kwargs):
        if self._pages or self._files:
            self.flush()
        if self._manifest is not None:
            self._manifest.save()


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


def get_writer(pelican):
    return ParallelWriter


def flush(writer) -> None:
    """Render the pages ``writer`` has queued, if it queues them: a generator's last step."""
    if isinstance(writer, ParallelWriter):
        writer.flush()


def save_text(
    writer, path, text: str | Callable[..., str], made_from=None, pieces: str | None = None
) -> None:
    """Write ``text`` to ``path`` (UTF-8), with the pages when ``writer`` queues them.

    ``text`` may be a function that makes it: it is then made with the pages,
    in a worker, rather than in the build's process. If it makes the text
    from one value (an article) and the settings alone, ``made_from`` is that
    value: the file is then kept unmade while the value's digest is the same
    (``pagekeys``). If it makes it from a piece for each article, ``pieces``
    names a store of them kept between builds (``memo.Pieces``), which it
    is given as its argument (None when pages are not keyed).
    """
    _save(writer, _File(str(path), text=text, made_from=made_from, pieces=pieces))


def save_copy(writer, source, path) -> None:
    """Copy the file ``source`` to ``path``, with the pages when ``writer`` queues them."""
    _save(writer, _File(str(path), source=str(source)))


def _save(writer, file: _File) -> None:
    if isinstance(writer, ParallelWriter):
        writer.save(file)
    else:
        file.write()
