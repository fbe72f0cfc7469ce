"""A rebuild keeps the previous site's copy of every file it would write again unchanged."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from jinja2 import Template
from pelican.settings import DEFAULT_CONFIG

from news_digest.engine.reuse import PreviousSite, put, put_pieces
from news_digest.engine.writer import ParallelWriter, _spread


def test_put_links_the_previous_copy_only_when_it_is_the_same(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir(), new.mkdir()
    (old / "same.html").write_bytes(b"<p>same</p>")
    (old / "edited.html").write_bytes(b"<p>before</p>")
    assert put(str(new / "same.html"), b"<p>same</p>", str(old / "same.html"))
    assert not put(str(new / "edited.html"), b"<p>after</p>", str(old / "edited.html"))
    assert not put(str(new / "fresh.html"), b"<p>new</p>", str(old / "fresh.html"))
    assert (new / "same.html").stat().st_ino == (old / "same.html").stat().st_ino
    assert (new / "edited.html").read_bytes() == b"<p>after</p>"
    assert (new / "fresh.html").read_bytes() == b"<p>new</p>"
    # Writing again where a link stands gives the path a file of its own.
    assert not put(str(new / "same.html"), b"<p>changed</p>", str(old / "same.html"))
    assert (new / "same.html").read_bytes() == b"<p>changed</p>"
    assert (old / "same.html").read_bytes() == b"<p>same</p>"


def test_put_pieces_links_the_previous_copy_only_when_every_byte_is_the_same(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir(), new.mkdir()
    for name in ("same", "edited", "longer", "shorter"):
        (old / name).write_bytes(b"<p>same</p>")
    cases = {
        "same": [b"<p>", b"same", b"", b"</p>"],
        "edited": [b"<p>", b"sane", b"</p>"],
        "longer": [b"<p>same</p>", b"\n"],
        "shorter": [b"<p>same"],
        "fresh": [b"<p>", b"new</p>"],
    }
    kept = {
        name: put_pieces(str(new / name), iter(pieces), str(old / name))
        for name, pieces in cases.items()
    }
    assert kept == {
        "same": True,
        "edited": False,
        "longer": False,
        "shorter": False,
        "fresh": False,
    }
    for name, pieces in cases.items():
        assert (new / name).read_bytes() == b"".join(pieces)
    assert (new / "same").stat().st_ino == (old / "same").stat().st_ino
    assert sorted(p.name for p in new.iterdir()) == sorted(cases)  # no file left beside them
    # Written again over a link, the path gets a file of its own.
    assert not put_pieces(str(new / "same"), [b"<p>changed</p>"], str(old / "same"))
    assert (old / "same").read_bytes() == b"<p>same</p>"


def test_previous_site_maps_only_paths_inside_the_output(tmp_path):
    previous = PreviousSite(str(tmp_path / "out"), str(tmp_path / "old"))
    assert previous.of(str(tmp_path / "out" / "a" / "b.html")) == str(tmp_path / "old/a/b.html")
    assert previous.of(str(tmp_path / "elsewhere.html")) is None
    assert previous.of(str(tmp_path / "outside.html")) is None  # "out" is a prefix, not a parent
    settings = {"NEWS_DIGEST_PREVIOUS_SITE": str(tmp_path / "out")}
    assert PreviousSite.from_settings(settings, str(tmp_path / "out")) is None  # itself
    assert PreviousSite.from_settings({}, str(tmp_path / "out")) is None


@pytest.mark.parametrize("workers", [1, 2], ids=["written-at-once", "queued"])
def test_writer_links_unchanged_pages_and_keeps_pelicans_rules(tmp_path, workers):
    old, new = tmp_path / "old", tmp_path / "new"
    page = Template("{{ text }}")
    for output, edited in ((old, "before"), (new, "after")):
        settings = {
            **DEFAULT_CONFIG,
            "NEWS_DIGEST_WORKERS": workers,
            "NEWS_DIGEST_PARALLEL_MIN_PAGES": 1,
            "NEWS_DIGEST_PREVIOUS_SITE": str(old) if output == new else None,
        }
        writer = ParallelWriter(str(output), settings=settings)
        for number in range(10):
            writer.write_file(f"pages/{number}.html", page, {}, text=f"page {number}")
        writer.write_file("edited.html", page, {}, text=edited)
        writer.write_file("edited.html", page, {}, text="override", override_output=True)
        writer.flush()
    for number in range(10):
        path = f"pages/{number}.html"
        assert (new / path).stat().st_ino == (old / path).stat().st_ino
        assert (new / path).read_text("utf-8") == f"page {number}"
    # Both builds wrote the override, so it is kept too; Pelican's rules decided what was written.
    assert (new / "edited.html").read_text("utf-8") == "override"
    assert writer.kept == 11


def _invoke_build(project):
    done = subprocess.run(
        [sys.executable, "-m", "invoke", "build"], cwd=project, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def _files(output: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(output).as_posix(): (p.read_bytes(), p.stat().st_ino)
        for p in output.rglob("*")
        if p.is_file()
    }


def test_invoke_build_keeps_unchanged_files_and_gives_a_fresh_builds_site(tmp_path):
    from test_publish import COPY_IGNORE

    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=COPY_IGNORE)
    _invoke_build(project)
    before = _files(project / "output")
    seed = sorted((project / "seeds").glob("*.txt"))[0]
    seed.write_text(
        seed.read_text("utf-8") + "\nA late paragraph the curator added by hand.\n", "utf-8"
    )
    _invoke_build(project)
    after = _files(project / "output")

    unchanged = [path for path, (data, _) in after.items() if before.get(path, (None,))[0] == data]
    changed = [path for path in after if path not in unchanged]
    assert f"seeds/{seed.name}" in changed
    assert len(unchanged) > len(changed) > 0
    # Every file that came out the same is the previous build's file, not a copy of it,
    # but the theme's static files, which Pelican copies itself.
    copied = [p for p in unchanged if after[p][1] != before[p][1]]
    assert copied and all(p.startswith("theme/") for p in copied)

    # And the site is what a build without a previous site makes.
    fresh = tmp_path / "fresh"
    shutil.copytree(project, fresh, ignore=shutil.ignore_patterns("output*", "cache"))
    _invoke_build(fresh)
    assert {p: d for p, (d, _) in _files(fresh / "output").items()} == {
        p: d for p, (d, _) in after.items()
    }


def test_spread_mixes_groups_evenly_each_in_its_order():
    pages = [f"page{n}" for n in range(6)]
    notes = ["note0", "note1", "note2"]
    copies = ["copy0"]
    mixed = _spread([pages, notes, copies])
    assert sorted(mixed) == sorted(pages + notes + copies)
    for group in (pages, notes, copies):
        assert [item for item in mixed if item in group] == group
    # no run of one group longer than its share
    assert mixed == [
        "page0",
        "note0",
        "page1",
        "page2",
        "note1",
        "copy0",
        "page3",
        "page4",
        "note2",
        "page5",
    ]
    assert _spread([[], ["a"]]) == ["a"]
