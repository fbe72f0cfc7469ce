"""Read the seeds on every core before Pelican reads them, one by one, on one.

Pelican reads content files in a single process. Reading a seed (cleaning,
enrichment, Markdown, typogrify) is pure and is most of the work, so when many
seeds are to be read (a cold build, not a cached rebuild) the workers read
them ahead and the reader picks up the results. Anything the workers cannot
do (a file that vanished, a platform without ``fork``) is left to the reader.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

from .reader import SeedReader

logger = logging.getLogger(__name__)

#: Settings and their defaults: worker processes (0 means one per usable core),
#: and the fewest seeds to clean worth starting them for.
DEFAULTS = {"NEWS_DIGEST_WORKERS": 0, "NEWS_DIGEST_PARALLEL_MIN_SEEDS": 64}
#: Seeds handed to a worker at a time: fewer round trips, still balanced.
CHUNK_SIZE = 16


def _setting(settings, name):
    return settings.get(name, DEFAULTS[name])


def _workers(settings) -> int:
    wanted = _setting(settings, "NEWS_DIGEST_WORKERS")
    if wanted:
        return int(wanted)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


#: The seed reader, for the forked workers (``fork`` shares it; nothing is pickled).
_reader: SeedReader | None = None


def read_ahead(path: str):
    """What the reader would make of one seed, or None to leave it to the reader."""
    try:
        return _reader.read_plain(path)
    except Exception:  # the reader meets it again, and reports it as it would anyway
        return None


def _to_read(generator, reader) -> list[str]:
    """Seed files Pelican will read, less those its content cache already holds."""
    paths = generator.get_files(
        generator.settings["ARTICLE_PATHS"], exclude=generator.settings["ARTICLE_EXCLUDES"]
    )
    seeds = [
        os.path.abspath(os.path.join(generator.path, p))
        for p in sorted(paths)
        if p.rsplit(".", 1)[-1] in reader.file_extensions
    ]
    cache = generator.readers
    return [p for p in seeds if cache.get_cached_data(p, (None, None))[0] is None]


def preclean(generator):
    """Fill the seed reader's ``precleaned`` map in worker processes."""
    reader = generator.readers.readers.get("txt")
    if not isinstance(reader, SeedReader):
        return
    reader.precleaned = {}
    workers = _workers(generator.settings)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return
    paths = _to_read(generator, reader)
    if len(paths) < _setting(generator.settings, "NEWS_DIGEST_PARALLEL_MIN_SEEDS"):
        return
    global _reader
    _reader = reader
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            results = pool.map(read_ahead, paths, chunksize=CHUNK_SIZE)
            reader.precleaned = {
                path: result
                for path, result in zip(paths, results, strict=True)
                if result is not None
            }
    finally:
        _reader = None
    logger.debug("Read %d seeds ahead in %d processes", len(reader.precleaned), workers)
