"""Whole-collection results kept between builds: given back only for the same inputs."""

from __future__ import annotations

import datetime as dt
import os
from types import SimpleNamespace

from conftest import build_site, html_pages, run_pelican, story_seeds

from news_digest import curation
from news_digest.digest_pages import _cluster_inputs
from news_digest.engine.memo import digest, recall
from news_digest.enrich.clusters import element_hashes, word_signature


def _settings(tmp_path, **more):
    return {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(tmp_path), **more}


class Counting:
    def __init__(self, value):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


def test_recall_gives_back_a_result_only_for_the_same_inputs(tmp_path, monkeypatch):
    settings = _settings(tmp_path)
    first = Counting({"a": ["b"]})
    assert recall(settings, "x", b"inputs", first) == {"a": ["b"]}
    again = Counting("not wanted")
    assert recall(settings, "x", b"inputs", again) == {"a": ["b"]} and again.calls == 0
    changed = Counting("new")
    assert recall(settings, "x", b"other inputs", changed) == "new" and changed.calls == 1
    # An updated plugin computes again, as its cached reading does.
    monkeypatch.setattr(curation, "code_fingerprint", lambda: "an updated plugin")
    updated = Counting("updated")
    assert recall(settings, "x", b"other inputs", updated) == "updated" and updated.calls == 1


def test_recall_follows_pelicans_cache_settings(tmp_path):
    recall(_settings(tmp_path), "x", b"in", Counting(1))
    ignoring = Counting(2)  # --ignore-cache
    assert recall(_settings(tmp_path, LOAD_CONTENT_CACHE=False), "x", b"in", ignoring) == 2
    assert ignoring.calls == 1
    off = _settings(tmp_path / "off", CACHE_CONTENT=False)
    recall(off, "x", b"in", Counting(3))
    assert not (tmp_path / "off").exists()


def test_an_unreadable_kept_result_is_computed_again(tmp_path):
    (tmp_path / "news-digest-x.pickle").write_bytes(b"not a pickle")
    fresh = Counting("fresh")
    assert recall(_settings(tmp_path), "x", b"in", fresh) == "fresh" and fresh.calls == 1
    assert recall(_settings(tmp_path), "x", b"in", Counting("no")) == "fresh"


def test_digest_keeps_parts_apart():
    assert digest([b"ab", b"c"]) != digest([b"a", b"bc"])
    assert digest([b"a", b"b"]) != digest([b"b", b"a"])


def _article(path, body, day=1, people=("Ann Lee",)):
    words = set(body.lower().split())
    return SimpleNamespace(
        source_path=path,
        body_text=body,
        entities={"person": list(people)},
        date=dt.datetime(2024, 3, day),
        date_status="stated",
        content_word_hashes=element_hashes(words),
        word_signature=word_signature(words),
    )


def test_cluster_inputs_change_with_everything_stories_read():
    base = [_article("a.txt", "the council voted on the tram"), _article("b.txt", "a tram vote")]
    before = _cluster_inputs(base)
    assert _cluster_inputs([_article("a.txt", "the council voted on the tram"), base[1]]) == before
    variants = {
        "body": _article("a.txt", "the council voted on the bus"),
        "path": _article("c.txt", "the council voted on the tram"),
        "date": _article("a.txt", "the council voted on the tram", day=2),
        "people": _article("a.txt", "the council voted on the tram", people=("Bo Chen",)),
    }
    for name, changed in variants.items():
        assert _cluster_inputs([changed, base[1]]) != before, name
    unknown = _article("a.txt", "the council voted on the tram")
    unknown.date_status = "unknown"
    assert _cluster_inputs([unknown, base[1]]) != before
    words = _article("a.txt", "the council voted on the tram")
    words.content_word_hashes = element_hashes(set(words.body_text.split()) | {"extra"})
    assert _cluster_inputs([words, base[1]]) != before
    assert _cluster_inputs(base[::-1]) != before  # order can break ties


def _stories_and_related(output):
    """The story index, and each article page's story and related links, as text."""
    pages = html_pages(output)
    found = {
        "stories": [a.get_text() for a in pages[output / "stories.html"].select(".story-index a")]
    }
    for page, soup in pages.items():
        if page.parent.name == "articles":
            links = soup.select(".annotations .story a, .annotations .related a")
            found[page.name] = [(a.get_text(), a["href"]) for a in links]
    return found


def test_a_cached_rebuild_finds_stories_afresh_when_a_seed_changes(tmp_path):
    seeds = story_seeds()
    # A fresh output each build, as ``invoke build`` gives: no page of an earlier build stays.
    cached = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "DELETE_OUTPUT_DIRECTORY": True}
    output = build_site(tmp_path / "site", seeds, **cached)
    assert (tmp_path / "site" / "cache" / "news-digest-stories.pickle").is_file()
    before = _stories_and_related(output)
    assert len(before["stories"]) == 1 and "Omar" in before["stories"][0]
    run_pelican(tmp_path / "site", **cached)
    assert _stories_and_related(output) == before

    # The Hill's page now tells NASA's story: the stories of these seeds, not last build's.
    changed = {**seeds, "hill.txt": seeds["nasa.txt"].replace(b"NASA", b"The agency")}
    hill = tmp_path / "site" / "seeds" / "hill.txt"
    hill.write_bytes(changed["hill.txt"])
    os.utime(hill, (1_900_000_000, 1_900_000_000))
    run_pelican(tmp_path / "site", **cached)
    after = _stories_and_related(output)
    assert after != before
    assert after == _stories_and_related(build_site(tmp_path / "fresh", changed))


def test_duplicate_inputs_change_with_everything_duplicates_read():
    from news_digest.digest_pages import _duplicate_inputs
    from news_digest.enrich.duplicates import signature

    texts = {"a.txt": "the council voted on the tram", "b.txt": "a tram vote"}
    signatures = {key: signature(text) for key, text in texts.items()}
    before = _duplicate_inputs(texts, signatures)
    assert _duplicate_inputs(dict(texts), dict(signatures)) == before
    assert (
        _duplicate_inputs({**texts, "a.txt": "the council voted on the bus"}, signatures) != before
    )
    assert (
        _duplicate_inputs({"c.txt": texts["a.txt"], "b.txt": texts["b.txt"]}, signatures) != before
    )
    assert _duplicate_inputs(texts, {**signatures, "a.txt": signature("other")}) != before
    assert _duplicate_inputs(texts, {**signatures, "a.txt": None}) != before


def test_a_cached_rebuild_finds_duplicates_afresh_when_a_seed_changes(tmp_path):
    seeds = story_seeds()
    cached = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "DELETE_OUTPUT_DIRECTORY": True}
    output = build_site(tmp_path / "site", seeds, **cached)
    assert (tmp_path / "site" / "cache" / "news-digest-duplicates.pickle").is_file()
    assert '"status": "duplicate"' not in (output / "report.json").read_text("utf-8")
    # The Hill's seed becomes a copy of NASA's: dropped, though the last build kept it.
    copy = tmp_path / "site" / "seeds" / "hill.txt"
    copy.write_bytes(seeds["nasa.txt"])
    os.utime(copy, (1_900_000_000, 1_900_000_000))
    run_pelican(tmp_path / "site", **cached)
    report = (output / "report.json").read_text("utf-8")
    fresh = build_site(tmp_path / "fresh", {**seeds, "hill.txt": seeds["nasa.txt"]})
    assert '"status": "duplicate"' in report
    assert sorted(p.name for p in (output / "articles").glob("*.html")) == sorted(
        p.name for p in (fresh / "articles").glob("*.html")
    )
