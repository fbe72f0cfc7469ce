"""Read the seeds on every core before Pelican reads them, one by one, on one.

Pelican reads content files in a single process. Reading a seed (cleaning,
enrichment, Markdown, typogrify) is pure and is most of the work, so when many
seeds are to be read (a cold build, not a cached rebuild) the workers read
them ahead and the reader picks up the results. Anything the workers cannot
do (a file that vanished, a platform without ``fork``) is left to the reader.
"""

from __future__ import annotations

import logging
import os
from functools import partial

from ..reader import SeedReader, seed_reader
from ..settings import default
from .workers import can_fork, fork_map, worker_count

logger = logging.getLogger(__name__)

#: The fewest seeds to read worth starting workers for (``NEWS_DIGEST_PARALLEL_MIN_SEEDS``).
DEFAULT_MIN_SEEDS = default("NEWS_DIGEST_PARALLEL_MIN_SEEDS")
#: Seeds handed to a worker at a time: fewer round trips, still balanced.
CHUNK_SIZE = 16


def _read_ahead(reader: SeedReader, path: str):
    """What the reader would make of one seed, or None to leave it to the reader."""
    try:
        return reader.read_plain(path)
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
    reader = seed_reader(generator)
    if reader is None:
        return
    reader.precleaned = {}
    if not can_fork(generator.settings):
        return
    paths = _to_read(generator, reader)
    if len(paths) < generator.settings.get("NEWS_DIGEST_PARALLEL_MIN_SEEDS", DEFAULT_MIN_SEEDS):
        return
    workers = worker_count(generator.settings)
    results = fork_map(partial(_read_ahead, reader), paths, workers, CHUNK_SIZE)
    reader.precleaned = {
        path: result for path, result in zip(paths, results, strict=True) if result is not None
    }
    logger.debug("Read %d seeds ahead in %d processes", len(reader.precleaned), workers)
