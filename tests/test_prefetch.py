"""Seeds cleaned ahead in worker processes give the very site the reader alone gives."""

from __future__ import annotations

import multiprocessing

import pytest
from conftest import SEEDS as PROJECT_SEEDS
from conftest import build_site
from test_bad_input import SEEDS as BAD_SEEDS

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="workers need fork"
)

SEEDS = {
    **BAD_SEEDS,
    **{p.name: p.read_bytes() for p in sorted(PROJECT_SEEDS.glob("*.txt"))},
}
ANNOTATION = "---\ntags: [Annotated]\ndrop_lines: [By Ann Lee]\n---\nA note.\n"


def _files(output):
    return {p.relative_to(output): p.read_bytes() for p in output.rglob("*") if p.is_file()}


def _build(site, monkeypatch, **settings):
    from news_digest.reader import SeedReader

    ahead = []
    original = SeedReader.read

    def recording_read(self, source_path):
        ahead.append(source_path in self.precleaned)
        return original(self, source_path)

    monkeypatch.setattr(SeedReader, "read", recording_read)
    notes = site / "content" / "annotations"
    notes.mkdir(parents=True)
    (notes / "twin-a.md").write_text(ANNOTATION, encoding="utf-8")
    output = build_site(site, SEEDS, mtime=1_500_000_000, **settings)
    monkeypatch.undo()
    return output, ahead


def test_workers_build_the_same_site_as_the_reader_alone(tmp_path, monkeypatch):
    parallel, ahead = _build(
        tmp_path / "parallel",
        monkeypatch,
        NEWS_DIGEST_WORKERS=2,
        NEWS_DIGEST_PARALLEL_MIN_SEEDS=1,
    )
    serial, alone = _build(tmp_path / "serial", monkeypatch, NEWS_DIGEST_WORKERS=1)
    # Every seed the reader read came from the workers, and none did without them.
    assert len(ahead) > 10 and all(ahead)
    assert len(alone) == len(ahead) and not any(alone)
    assert _files(parallel) == _files(serial)
