"""Seeds read and pages rendered in worker processes give the very site one process gives."""

from __future__ import annotations

from pathlib import Path

from conftest import SEEDS as PROJECT_SEEDS
from conftest import build_site, needs_fork, story_seeds
from test_bad_input import SEEDS as BAD_SEEDS

from news_digest.digest import DEFAULTS
from news_digest.digest_pages import EXPORT_JSON
from news_digest.plugin import DEFAULTS as REPORT_DEFAULTS

pytestmark = needs_fork

SEEDS = {
    **BAD_SEEDS,
    **{p.name: p.read_bytes() for p in sorted(PROJECT_SEEDS.glob("*.txt"))},
    **story_seeds(),  # two on one story: clustered in a process of its own
}
ANNOTATION = "---\ntags: [Annotated]\ndrop_lines: [By Ann Lee]\n---\nA note.\n"


def _files(output):
    return {p.relative_to(output): p.read_bytes() for p in output.rglob("*") if p.is_file()}


def _build(site, monkeypatch, **settings):
    """The site; for each seed read, whether a worker read it first; pages workers rendered;
    and how many times stories were clustered in a process of their own."""
    from news_digest import digest_pages
    from news_digest.engine import writer
    from news_digest.reader import SeedReader

    ahead, rendered, apart = [], [], []
    original_read, original_map = SeedReader.read, writer.fork_map

    class RecordingBackground(digest_pages.Background):
        def result(self):
            found = super().result()
            apart.append(found)
            return found

    def recording_read(self, source_path):
        ahead.append(source_path in self.precleaned)
        return original_read(self, source_path)

    def recording_map(task, items, *args, **kwargs):
        rendered.append(len(items))
        return original_map(task, items, *args, **kwargs)

    monkeypatch.setattr(SeedReader, "read", recording_read)
    monkeypatch.setattr(writer, "fork_map", recording_map)
    monkeypatch.setattr(digest_pages, "Background", RecordingBackground)
    notes = site / "content" / "annotations"
    notes.mkdir(parents=True)
    (notes / "twin-a.md").write_text(ANNOTATION, encoding="utf-8")
    output = build_site(site, SEEDS, mtime=1_500_000_000, **settings)
    monkeypatch.undo()
    return output, ahead, sum(rendered), len(apart)


def test_workers_build_the_same_site_as_one_process(tmp_path, monkeypatch):
    parallel, ahead, rendered, apart = _build(
        tmp_path / "parallel",
        monkeypatch,
        NEWS_DIGEST_WORKERS=2,
        NEWS_DIGEST_PARALLEL_MIN_SEEDS=1,
        NEWS_DIGEST_PARALLEL_MIN_PAGES=1,
    )
    serial, alone, rendered_alone, apart_alone = _build(
        tmp_path / "serial", monkeypatch, NEWS_DIGEST_WORKERS=1
    )
    # Every seed the reader read came from the workers, and none did without them.
    assert len(ahead) > 10 and all(ahead)
    assert len(alone) == len(ahead) and not any(alone)
    # Every page (the build report too), cleaned Markdown file, seed copy, the
    # export, the search index and the report's JSON came from the workers, and
    # none did without them.
    generated = {
        Path(EXPORT_JSON),
        Path(DEFAULTS["NEWS_DIGEST_SEARCH_INDEX_SAVE_AS"]),
        Path(REPORT_DEFAULTS["NEWS_DIGEST_REPORT_JSON"]),
    }
    written = [
        p
        for p in _files(parallel)
        if p.suffix == ".html"
        or p.parts[0] == "seeds"
        or p.match("articles/*.md")
        or p in generated
    ]
    assert rendered == len(written) and rendered_alone == 0
    # The stories were clustered beside the build, and not without workers.
    assert (apart, apart_alone) == (1, 0)
    assert any(p.parts[0] == "stories" and p.suffix == ".html" for p in _files(parallel))
    assert _files(parallel) == _files(serial)
