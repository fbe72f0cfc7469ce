"""Save Pelican's content cache from a forked child while the build goes on.

Pelican pickles its whole content cache once the articles are read, in the
build's one process: 0.7–0.8 s at 10,000 seeds (about 140 MB), in a cold
build and in a warm one alike, as one changed seed has it written again
whole. A fork holds the cache as it is at that moment; the child writes it
while the parent goes on to the pages, and the build waits for it at its
end (``finalized``) and before the next build loads it.

The child writes a temporary file and renames it over the cache, so a save
cut short leaves the previous cache whole (Pelican writes in place, and a
truncated cache stops the next build). Where workers cannot fork
(``workers.can_fork``), Pelican saves the cache itself.
"""

from __future__ import annotations

import logging
import os
import pickle
from functools import partial

from .pelican_adapter import cache_path, caches_data, dump_cache, replace_save
from .workers import Background, can_fork

logger = logging.getLogger(__name__)

#: Children still writing, and their cache files.
_saving: list[tuple[Background, str]] = []


#: How much lower the saving child's CPU priority is than the build's.
CHILD_NICENESS = 10


def save_in_background(cacher, settings) -> None:
    """Have ``cacher`` (a Pelican ``FileDataCacher``) save from a forked child."""
    if caches_data(cacher) and can_fork(settings):
        replace_save(cacher, partial(_fork_save, cacher))


def _fork_save(cacher) -> None:
    wait()  # one child at a time per cache file
    _saving.append((Background(partial(_write_behind, cacher)), cache_path(cacher)))


def _write_behind(cacher) -> None:
    # Behind the build's own process and its workers: the build waits for
    # the cache only at its end, and the build's process is its longest path.
    os.nice(CHILD_NICENESS)
    write(cacher)


def write(cacher) -> None:
    """What Pelican's ``save_cache`` writes, through a temporary file."""
    os.makedirs(cacher.settings["CACHE_PATH"], exist_ok=True)
    partial_path = f"{cache_path(cacher)}.{os.getpid()}.partial"
    try:
        dump_cache(cacher, partial_path, pickle.dump)
        os.replace(partial_path, cache_path(cacher))
    except BaseException:
        if os.path.exists(partial_path):
            os.unlink(partial_path)
        raise


def wait() -> None:
    """Wait for every save under way; a failed one is a warning (the next build reads again)."""
    while _saving:
        saving, path = _saving.pop()
        try:
            saving.result()
        except Exception:
            logger.debug("Saving %s failed", path, exc_info=True)
            logger.warning(
                "Could not save the content cache %s: the next build reads every seed again",
                path,
            )
