"""``invoke build`` spreads a build over worker processes; Pelican's own command line cannot."""

from __future__ import annotations

import importlib
import shutil

import pytest
from conftest import ROOT, SEEDS, needs_fork

pytestmark = needs_fork


def _argv(site, output):
    return [
        "-s",
        str(ROOT / "pelicanconf.py"),
        "-o",
        str(output),
        "-e",
        f'PATH="{site}"',
        f'THEME="{ROOT / "theme"}"',
        f'PLUGIN_PATHS=["{ROOT / "plugins"}"]',
        f'CACHE_PATH="{site / "cache"}"',
        "LOAD_CONTENT_CACHE=false",
        "NEWS_DIGEST_WORKERS=2",
        "NEWS_DIGEST_PARALLEL_MIN_SEEDS=1",
        "NEWS_DIGEST_PARALLEL_MIN_PAGES=1",
    ]


@pytest.fixture
def forks(monkeypatch):
    """Names of the plugin's steps that forked workers."""
    from news_digest.engine import prefetch, writer

    steps = []
    for module in (prefetch, writer):

        def recording(task, items, *args, _module=module, _real=module.fork_map, **kwargs):
            steps.append(_module.__name__.rsplit(".", 1)[-1])
            return _real(task, items, *args, **kwargs)

        monkeypatch.setattr(module, "fork_map", recording)
    return steps


def _site(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(SEEDS, site / "seeds")
    (site / "content" / "pages").mkdir(parents=True)
    return site


def test_invoke_build_reads_and_renders_in_workers(tmp_path, monkeypatch, forks):
    monkeypatch.chdir(ROOT)  # tasks.py reads pelicanconf.py from the project folder
    monkeypatch.syspath_prepend(str(ROOT))
    tasks = importlib.import_module("tasks")
    site = _site(tmp_path)
    tasks.pelican_main(_argv(site, tmp_path / "output"))
    assert forks[0] == "prefetch" and "writer" in forks
    assert (tmp_path / "output" / "index.html").is_file()


def test_pelicans_spinner_thread_keeps_the_build_in_one_process(tmp_path, forks):
    from pelican import main as pelican_cli

    site = _site(tmp_path)
    pelican_cli(_argv(site, tmp_path / "output"))
    assert forks == []  # forking beside another thread could copy a held lock
    assert (tmp_path / "output" / "index.html").is_file()
