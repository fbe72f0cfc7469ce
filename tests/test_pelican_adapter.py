"""Pins every private detail of Pelican the plugin uses (``engine/pelican_adapter.py``).

An upgrade of Pelican that changes one of them fails here, by name, and
``docs/engine.md`` says what the plugin does with each.
"""

from __future__ import annotations

import ast
import inspect
import logging
import os
from pathlib import Path

import pytest
from conftest import ROOT, WarningCapture, build_site, unsure_hill_seed
from pelican.cache import FileStampDataCacher
from pelican.generators import ArticlesGenerator
from pelican.settings import DEFAULT_CONFIG
from pelican.writers import FileOverwriteFailedError, Writer

from news_digest.engine import pelican_adapter
from news_digest.engine.pelican_adapter import COPIED, COPIED_FROM, QueueingWriter, source_digest

PLUGIN = ROOT / "plugins" / "news_digest"


@pytest.mark.parametrize("name", sorted(COPIED_FROM))
def test_the_pelican_code_the_plugin_copies_is_unchanged(name):
    assert source_digest(COPIED[name]) == COPIED_FROM[name], (
        f"{name} changed in this Pelican: compare the plugin's copy (docs/engine.md)"
    )


def test_the_writer_opens_files_through_open_w_and_keeps_its_rules(tmp_path):
    assert "self._open_w(" in inspect.getsource(Writer.write_file)
    opened = []

    class Noting(QueueingWriter):
        def open_output(self, filename, encoding, override=False):
            opened.append(filename)
            return super().open_output(filename, encoding, override)

    writer = Noting(str(tmp_path), settings=dict(DEFAULT_CONFIG))
    page = type("T", (), {"render": lambda self, context: "<p>x</p>"})()
    writer.write_file("a.html", page, {})
    assert opened == [str(tmp_path / "a.html")]
    assert (tmp_path / "a.html").read_text("utf-8") == "<p>x</p>"
    assert writer._written_files == {str(tmp_path / "a.html")}
    assert writer._overridden_files == set()
    # claim() keeps the rules Writer._open_w keeps.
    claimer = QueueingWriter(str(tmp_path), settings=dict(DEFAULT_CONFIG))
    assert claimer.claim("b.html", False) == "b.html"
    with pytest.raises(FileOverwriteFailedError):
        claimer.claim("b.html", False)
    assert claimer.claim("b.html", True) == "b.html"
    assert claimer.claim("b.html", False) == os.devnull
    with pytest.raises(FileOverwriteFailedError):
        claimer.claim("b.html", True)


def test_the_content_cache_has_the_attributes_the_adapter_reads(tmp_path):
    settings = {**DEFAULT_CONFIG, "CACHE_PATH": str(tmp_path), "CACHE_CONTENT": True}
    cacher = FileStampDataCacher(settings, "cache", True, False)
    assert pelican_adapter.caches_data(cacher)
    assert pelican_adapter.cache_path(cacher) == str(tmp_path / "cache")
    cacher.cache_data("seed.txt", {"title": "A"})
    assert cacher.get_cached_data("seed.txt") == {"title": "A"}
    pelican_adapter.dump_cache(cacher, str(tmp_path / "copy"), __import__("pickle").dump)
    assert (tmp_path / "copy").stat().st_size > 0
    saved = []
    pelican_adapter.replace_save(cacher, lambda: saved.append(True))
    cacher.save_cache()
    assert saved == [True]
    pelican_adapter.forget_cache(cacher)
    assert cacher.get_cached_data("seed.txt") is None
    seen = []

    def wrap(stamp):
        return lambda filename: seen.append(filename) or stamp(filename)

    pelican_adapter.wrap_filestamp(cacher, wrap)
    (tmp_path / "seed.txt").write_text("text", "utf-8")
    cacher.cache_data(str(tmp_path / "seed.txt"), "data")
    assert seen == [str(tmp_path / "seed.txt")]  # Pelican stamps through _filestamp_func


def test_the_articles_generator_writes_tag_pages_through_generate_tags():
    source = inspect.getsource(ArticlesGenerator.generate_output)
    assert "self.generate_pages(writer)" in source
    assert "self.generate_tags(write)" in inspect.getsource(ArticlesGenerator.generate_pages)


def _private_uses(path: Path) -> set[str]:
    """Attributes with one leading underscore read on objects other than ``self``/modules."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            if node.attr.startswith("__"):
                continue
            owner = node.value
            if isinstance(owner, ast.Name) and owner.id in {"self", "cls"}:
                continue
            found.add(node.attr)
    return found


PELICAN_PRIVATE = {
    "_open_w",
    "_written_files",
    "_overridden_files",
    "_cache",
    "_cache_path",
    "_cache_open",
    "_cache_data_policy",
    "_filestamp_func",
    "_update_context",
    "_get_intrasite_link_regex",
    "_content",
}


def test_no_module_but_the_adapter_touches_pelicans_private_attributes():
    adapter = PLUGIN / "engine" / "pelican_adapter.py"
    for path in sorted(PLUGIN.rglob("*.py")):
        if path == adapter:
            continue
        assert not (_private_uses(path) & PELICAN_PRIVATE), path.relative_to(ROOT)


def test_each_build_of_one_process_logs_its_own_warnings(tmp_path):
    # Pelican's LimitFilter remembers every message in class attributes; the plugin
    # clears them at each build's start (livereload and ``pelican -r`` build again
    # in one process), so a seed that still warns says so again.
    from pelican.log import LimitFilter

    assert isinstance(LimitFilter._raised_messages, set)
    assert isinstance(LimitFilter._group_count, dict)
    seeds = {"hill.txt": unsure_hill_seed()}
    logged = []
    for build in ("first", "second"):
        handler = WarningCapture()
        logging.getLogger().addHandler(handler)
        try:
            build_site(tmp_path / build, seeds)
        finally:
            logging.getLogger().removeHandler(handler)
        logged.append([m for m in handler.messages if "headline is unsure" in m])
    assert logged[0] and logged[1] == logged[0]
