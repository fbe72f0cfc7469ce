"""Forked workers: results, errors and log records come home; the writer keeps Pelican's rules."""

from __future__ import annotations

import logging
import os

import pytest
from conftest import needs_fork
from jinja2 import Template
from pelican.settings import DEFAULT_CONFIG
from pelican.writers import FileOverwriteFailedError

from news_digest.engine.workers import fork_map
from news_digest.engine.writer import ParallelWriter

pytestmark = needs_fork


def _double_and_log(number):
    logging.getLogger("news_digest.test").warning("item %d in process %d", number, os.getpid())
    return number * 2


def test_fork_map_returns_in_order_and_logs_in_the_parent(caplog):
    with caplog.at_level(logging.WARNING):
        results = fork_map(_double_and_log, list(range(10)), workers=2, chunk_size=3)
    assert results == [n * 2 for n in range(10)]
    messages = [r.getMessage() for r in caplog.records if r.name == "news_digest.test"]
    assert [m.split()[1] for m in messages] == [str(n) for n in range(10)]
    # The work was done elsewhere: no record names this process.
    assert not any(f"process {os.getpid()}" in m for m in messages)


def _fail_on_three(number):
    if number == 3:
        raise ValueError("three is not welcome")
    return number


def test_fork_map_raises_a_task_error_in_the_parent():
    with pytest.raises(ValueError, match="three is not welcome"):
        fork_map(_fail_on_three, list(range(6)), workers=2, chunk_size=1)


def _writer(tmp_path, **settings):
    config = {**DEFAULT_CONFIG, "NEWS_DIGEST_WORKERS": 2, **settings}
    return ParallelWriter(str(tmp_path), settings=config)


def test_writer_renders_in_workers_what_pelican_would_write(tmp_path):
    writer = _writer(tmp_path, NEWS_DIGEST_PARALLEL_MIN_PAGES=1)
    page = Template("{{ SITEURL }}|{{ number }}|{{ output_file }}")
    for number in range(40):
        name = f"deep/{number}/page.html"
        writer.write_file(name, page, {"SITEURL": ""}, relative_urls=True, number=number)
    assert not list(tmp_path.rglob("*.html"))  # queued, not yet rendered
    writer.flush()
    for number in range(40):
        text = (tmp_path / f"deep/{number}/page.html").read_text("utf-8")
        assert text == f"../..|{number}|deep/{number}/page.html"


def test_writer_keeps_pelicans_rules_on_writing_a_file_twice(tmp_path):
    writer = _writer(tmp_path)
    writer.write_file("a.html", Template("first"), {})
    with pytest.raises(FileOverwriteFailedError):
        writer.write_file("a.html", Template("again"), {})
    writer.write_file("a.html", Template("override"), {}, override_output=True)
    writer.write_file("a.html", Template("skipped"), {})  # after an override: skipped
    writer.flush()
    assert (tmp_path / "a.html").read_text("utf-8") == "override"


def test_heap_holds_nest_and_the_last_release_thaws():
    import gc

    from news_digest.engine import heap

    heap.reset()
    kept = [object() for _ in range(10)]
    heap.hold()
    frozen = gc.get_freeze_count()
    assert frozen >= len(kept)
    heap.hold()  # as fork_map does within a build's hold
    heap.release()
    assert gc.get_freeze_count() >= frozen  # still held by the first
    heap.release()
    assert gc.get_freeze_count() == 0
    heap.hold()
    heap.reset()  # a failed build's hold ends with the next build's start
    assert gc.get_freeze_count() == 0


def test_heap_pause_resumes_only_what_it_stopped():
    import gc

    from news_digest.engine import heap

    heap.pause()
    assert not gc.isenabled()
    heap.resume()
    assert gc.isenabled()
    gc.disable()  # someone else's pause
    try:
        heap.pause()
        heap.resume()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_build_leaves_the_collector_on_and_nothing_frozen(tmp_path):
    import gc

    from conftest import build_site, story_seeds

    build_site(tmp_path / "site", story_seeds(), NEWS_DIGEST_WORKERS=2)
    assert gc.isenabled()
    # What was alive during the build is the collector's again (in a test run
    # or under livereload, garbage frozen with the build would never go).
    assert gc.get_freeze_count() == 0
    build_site(
        tmp_path / "again", story_seeds(), NEWS_DIGEST_WORKERS=2
    )  # a second build, same process
    assert gc.isenabled()
