"""Every private detail of Pelican the plugin relies on, in one place.

Pelican 4.12 has no public hook for these; each is pinned by
``tests/test_pelican_adapter.py``, so that an upgrade that changes one fails
there, loudly, rather than in a build. ``docs/engine.md`` lists the upstream
change that would remove each.
"""

from __future__ import annotations

import hashlib
import inspect
import os
from collections.abc import Callable
from types import MethodType

from pelican.contents import Content
from pelican.generators import ArticlesGenerator
from pelican.log import LimitFilter
from pelican.readers import Readers
from pelican.writers import FileOverwriteFailedError, Writer

#: The Pelican code the plugin re-implements or copies, by a digest of its
#: source: ``tests/test_pelican_adapter.py`` fails when one changes.
COPIED_FROM = {
    # plugin.generate_tags_indexed: the same pages, each tag's dates from an index.
    "pelican.generators.ArticlesGenerator.generate_tags": "37f65d284c713dd4",
    # typography.typogrifier: Pelican's typogrify pass, run by the seed reader.
    "pelican.readers.Readers.read_file": "356c609e59c1b30a",
    # plugin._slug_url: an article's URL from its slug, as Pelican expands its settings.
    "pelican.contents.Content.get_url_setting": "e0eb063bf0a5ae24",
    "pelican.contents.Content._expand_settings": "371c714a24a4cdd7",
}


def source_digest(function) -> str:
    """A short digest of ``function``'s source, to pin a copy of it."""
    return hashlib.sha256(inspect.getsource(function).encode()).hexdigest()[:16]


COPIED = {
    "pelican.generators.ArticlesGenerator.generate_tags": ArticlesGenerator.generate_tags,
    "pelican.readers.Readers.read_file": Readers.read_file,
    "pelican.contents.Content.get_url_setting": Content.get_url_setting,
    "pelican.contents.Content._expand_settings": Content._expand_settings,
}


# -- the writer: Writer._open_w and the files it has written -------------------


class QueueingWriter(Writer):
    """Pelican's writer with its file opening made a method a subclass may override.

    Pelican's ``write_file`` renders a page and opens its file through the
    private ``_open_w``, which also keeps Pelican's rules against writing a
    file twice (``_written_files``, ``_overridden_files``).
    """

    def _open_w(self, filename, encoding, override=False):
        return self.open_output(filename, encoding, override)

    def open_output(self, filename, encoding, override=False):
        """Open ``filename`` to write a page or feed into, as Pelican does."""
        return Writer._open_w(self, filename, encoding, override)

    def claim(self, filename: str, override: bool) -> str:
        """Pelican's checks before writing ``filename``, without opening it.

        Returns where to write: ``filename``, or ``os.devnull`` for a file an
        override already wrote.
        """
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time (was previously overwritten)'
                )
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


# -- the content cache (pelican.cache.FileDataCacher) --------------------------


def caches_data(cacher) -> bool:
    """Whether ``cacher`` keeps what it reads (``CACHE_CONTENT``)."""
    return bool(getattr(cacher, "_cache_data_policy", False))


def cache_path(cacher) -> str | None:
    return getattr(cacher, "_cache_path", None)


def dump_cache(cacher, path: str, dump: Callable) -> None:
    """``dump(data, stream)`` of ``cacher``'s data into ``path``, opened as Pelican opens it."""
    with cacher._cache_open(path, "wb") as stream:
        dump(cacher._cache, stream)


def replace_save(cacher, save: Callable[[], None]) -> None:
    """Have ``cacher.save_cache()`` (called by Pelican) run ``save`` instead."""
    cacher.save_cache = save


def forget_cache(cacher) -> None:
    """Drop everything ``cacher`` loaded: every file is read again."""
    if getattr(cacher, "_cache", None):
        cacher._cache = {}


def wrap_filestamp(cacher, wrap: Callable[[Callable], Callable]) -> None:
    """Make ``cacher``'s file stamp ``wrap(stamp)``: a stamp that covers more than the file."""
    stamp = getattr(cacher, "_filestamp_func", None)
    if stamp is not None:
        cacher._filestamp_func = wrap(stamp)


# -- the articles generator -----------------------------------------------------


def replace_generate_tags(generator, generate_tags: Callable) -> None:
    """Have ``generator`` write its tag pages with ``generate_tags(generator, write)``.

    Pelican's ``generate_output`` calls ``self.generate_tags(write)``; there is
    no other way to change how tag pages are listed.
    """
    generator.generate_tags = MethodType(generate_tags, generator)


def forget_logged_messages() -> None:
    """Let a build log again what an earlier build of the same process logged.

    Pelican's ``LimitFilter`` drops a warning it has seen before, and remembers
    them in class attributes for the life of the process: under ``invoke
    livereload`` or ``pelican -r`` a seed's warning showed on the first build
    only. Upstream: a reset of the filter at the start of each ``Pelican.run``.
    """
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
