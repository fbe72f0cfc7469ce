"""Pelican's content cache is saved by a forked child, whole or not at all."""

from __future__ import annotations

import logging
import threading

import pytest
from conftest import needs_fork
from pelican.cache import FileDataCacher

from news_digest.engine import cachesave

pytestmark = needs_fork


def _cacher(tmp_path, load=False, gzip=False):
    settings = {"CACHE_PATH": str(tmp_path / "cache"), "GZIP_CACHE": gzip, "NEWS_DIGEST_WORKERS": 2}
    cacher = FileDataCacher(settings, "Articles", True, load)
    cachesave.save_in_background(cacher, settings)
    return cacher


@pytest.mark.parametrize("gzip", [False, True], ids=["plain", "gzip"])
def test_a_child_saves_what_pelican_loads(tmp_path, gzip):
    assert threading.active_count() == 1, f"threads left running: {threading.enumerate()}"
    cacher = _cacher(tmp_path, gzip=gzip)
    entries = {f"seeds/{n}.txt": ("<p>body</p>", {"title": f"Seed {n}"}) for n in range(50)}
    for name, data in entries.items():
        cacher.cache_data(name, data)
    cacher.save_cache()
    assert cachesave._saving  # a child is writing; the build goes on
    cachesave.wait()
    assert _cacher(tmp_path, load=True, gzip=gzip)._cache == entries
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["Articles"]


def test_a_failed_save_keeps_the_previous_cache_and_warns(tmp_path, caplog):
    cacher = _cacher(tmp_path)
    cacher.cache_data("seeds/a.txt", ("<p>a</p>", {}))
    cacher.save_cache()
    cachesave.wait()
    cacher.cache_data("seeds/b.txt", ("<p>b</p>", {"unpicklable": lambda: None}))
    with caplog.at_level(logging.WARNING):
        cacher.save_cache()
        cachesave.wait()
    assert "Could not save the content cache" in caplog.text
    assert _cacher(tmp_path, load=True)._cache == {"seeds/a.txt": ("<p>a</p>", {})}
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["Articles"]  # no partial file


def test_without_workers_pelican_saves_the_cache_itself(tmp_path):
    settings = {
        "CACHE_PATH": str(tmp_path / "cache"),
        "GZIP_CACHE": False,
        "NEWS_DIGEST_WORKERS": 1,
    }
    cacher = FileDataCacher(settings, "Articles", True, False)
    cachesave.save_in_background(cacher, settings)
    cacher.cache_data("seeds/a.txt", ("<p>a</p>", {}))
    cacher.save_cache()
    assert not cachesave._saving
    assert (tmp_path / "cache" / "Articles").is_file()
