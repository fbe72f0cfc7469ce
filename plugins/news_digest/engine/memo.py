"""Whole-collection results kept between builds, found again by a digest of their inputs.

Stories and related articles compare every article with every other: about
3 s a build at 10,000 seeds, though an edit to one seed's page furniture or
annotation leaves every article's text, entities and date as they were.
:func:`recall` keeps such a result in Pelican's cache folder with a digest of
everything it was computed from (and of the plugin's code), and gives it back
while the digest is the same. It follows Pelican's cache settings:
``CACHE_CONTENT`` keeps results, ``LOAD_CONTENT_CACHE`` (off with
``--ignore-cache``) uses them.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from .. import curation

logger = logging.getLogger(__name__)

T = TypeVar("T")


def digest(parts: Iterable[bytes]) -> bytes:
    """A digest of ``parts`` in order, each length-prefixed so no two sequences run together."""
    found = hashlib.blake2b(digest_size=20)
    for part in parts:
        found.update(len(part).to_bytes(8, "little"))
        found.update(part)
    return found.digest()


def load_kept(settings, path: Path):
    """What :func:`keep` left at ``path`` last build; None if nothing readable, or if
    Pelican is told not to load its cache (``LOAD_CONTENT_CACHE``, ``--ignore-cache``)."""
    if not settings.get("LOAD_CONTENT_CACHE", True):
        return None
    try:
        with open(path, "rb") as stream:
            return pickle.load(stream)
    except FileNotFoundError:
        return None
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
        logger.debug("Unreadable %s, made again", path, exc_info=True)
        return None


def keep(path: Path, value) -> bool:
    """Pickle ``value`` to ``path`` for the next build, replacing the file whole; whether it was."""
    partial = path.with_name(f"{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(partial, "wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
        return True
    except OSError:
        logger.debug("Could not keep %s", path, exc_info=True)
        return False


def recall(settings, name: str, inputs: bytes, compute: Callable[[], T]) -> T:
    """``compute()``, or what it gave last build if ``inputs`` (a digest) are the same."""
    if not settings.get("CACHE_CONTENT"):
        return compute()
    path = Path(settings["CACHE_PATH"]) / f"news-digest-{name}.pickle"
    key = digest([curation.code_fingerprint().encode(), inputs])
    found = load_kept(settings, path)
    if isinstance(found, tuple) and len(found) == 2 and found[0] == key:
        return found[1]
    value = compute()
    keep(path, (key, value))
    return value
