"""Clean the seeds on every core before Pelican reads them, one by one, on one.

Pelican reads content files in a single process. Cleaning is pure and is most
of a seed's reading time, so when many seeds are to be read (a cold build,
not a cached rebuild) they are cleaned ahead in worker processes and the
reader picks up the results. Anything the workers cannot do (a huge file, a
platform without ``fork``) is simply left to the reader.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .cleaner import clean_bytes
from .curation import annotations_dir, clean_seed, enrich, load_seed_annotation
from .reader import SeedReader, max_seed_bytes

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


def clean_file(job: tuple[str, str, int]):
    """Clean and enrich one seed as the reader would; the exception it raised, if it did."""
    path, annotations, limit = job
    seed = Path(path)
    try:
        if seed.stat().st_size > limit:
            return None  # the reader refuses it without reading it
        annotation = load_seed_annotation(seed, Path(annotations))
        article = clean_seed(clean_bytes, seed.read_bytes(), annotation)
        return article, enrich(article) if article.body else None
    except Exception as error:  # the reader reports it, as if it had cleaned the seed itself
        return error


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
    annotations = str(annotations_dir(generator.settings))
    limit = max_seed_bytes(generator.settings)
    jobs = [(path, annotations, limit) for path in paths]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        results = pool.map(clean_file, jobs, chunksize=CHUNK_SIZE)
        reader.precleaned = {
            path: result for path, result in zip(paths, results, strict=True) if result is not None
        }
    logger.debug("Cleaned %d seeds in %d processes", len(reader.precleaned), workers)
