"""End-to-end: a site built with annotation files and tagging rules, pages parsed."""

from __future__ import annotations

import json
import logging
import os

import pytest
from bs4 import BeautifulSoup
from conftest import (
    SEEDS,
    WarningCapture,
    build_site,
    html_pages,
    run_pelican,
    story_seeds,
    unsure_hill_seed,
)
from markdown import Markdown
from pelican import signals

SEED_004 = "004_caa905501d371531"
SEED_000 = "000_1ed85cf378e4aadb"

ANNOTATION_004 = """---
tags: [C++, C, guns]
remove_tags: [Jeff Sessions]
highlights:
  - quote: "But I think we can and we must do better."
    comment: "The line the **headline** quotes."
  - quote: the Justice Department is working with the Departments of Health
  - quote: a sentence the article never contained at any point
    comment: Lost when the seed changed.
---
A note with <script>alert(1)</script> and [a bad link](javascript:alert(1))
and [a good one](https://example.org/report).
"""

ANNOTATION_000 = """---
title: Sessions on consent decrees
source: The Root
highlights:
  - quote: We will not sign consent decrees for political expediency
    comment: Policy in one sentence.
---
"""

RULES = """rules:
  - tags: [Guns]
    if:
      body: "shooting|firearms"
  - tags: [Sessions quoted]
    if:
      people: "^Jeff Sessions$"
      source: "Talking Points"
  - tags: [Never]
    if:
      reading_time: "> 100"
  - tags: [Broken]
    if:
      nonsense: 1
"""


@pytest.fixture(scope="module")
def annotated(tmp_path_factory):
    site = tmp_path_factory.mktemp("annotated")
    seed_004 = (SEEDS / f"{SEED_004}.txt").read_bytes()
    seed_000 = (SEEDS / f"{SEED_000}.txt").read_bytes()
    # The seed was edited after the highlight was made: a word added to its sentence.
    edited = seed_004.replace(
        b"But I think we can and we must",
        b"But I do think that we can and we must",
    )
    assert edited != seed_004
    # The same story saved twice, with a little furniture of its own.
    duplicate = seed_000 + b"\n\nShare this article\n"
    notes = site / "content" / "annotations"
    notes.mkdir(parents=True)
    (notes / f"{SEED_004}.md").write_text(ANNOTATION_004, encoding="utf-8")
    (notes / f"{SEED_000}.md").write_text(ANNOTATION_000, encoding="utf-8")
    (notes / "001_copy.md").write_text("---\ntags: [a, b\ntitle: x\n---\n", encoding="utf-8")
    (notes / "999_missing.md").write_text("---\ntags: [x]\n---\n", encoding="utf-8")
    (site / "content" / "tagging-rules.yaml").write_text(RULES, encoding="utf-8")
    seeds = {f"{SEED_004}.txt": edited, f"{SEED_000}.txt": seed_000, "001_copy.txt": duplicate}
    handler = WarningCapture()
    logging.getLogger().addHandler(handler)

    def keep_dropped(generator):
        handler.dropped = list(generator.context.get("duplicate_articles", []))

    signals.article_generator_finalized.connect(keep_dropped)
    try:
        output = build_site(site, seeds)
    finally:
        logging.getLogger().removeHandler(handler)
        signals.article_generator_finalized.disconnect(keep_dropped)
    return output, handler.messages, handler.dropped


def _page(output, fragment):
    for soup in html_pages(output / "articles").values():
        if fragment in soup.find("h1").get_text().replace("\xa0", " "):
            return soup
    raise AssertionError(fragment)


def test_highlight_marked_in_place_even_after_the_seed_changed(annotated):
    output, _, _ = annotated
    soup = _page(output, "Must Do Better")
    marks = soup.select(".content mark.highlight")
    texts = [" ".join(m.get_text().split()) for m in marks]
    assert any("we can and we must do better" in t for t in texts), texts
    first = next(m for m in marks if "must do better" in m.get_text())
    paragraph = first.find_parent("p")
    assert "I suspect it appears" in paragraph.get_text()  # the right paragraph
    comment = paragraph.find_next_sibling("aside", class_="highlight-comment")
    assert comment is not None and comment.find("strong").get_text() == "headline"
    assert first["aria-describedby"] == comment["id"]
    assert any(t.startswith("the Justice Department is working") for t in texts)


def test_orphaned_highlight_listed_and_logged(annotated):
    output, messages, _ = annotated
    soup = _page(output, "Must Do Better")
    orphans = soup.select(".orphaned-highlights li")
    assert len(orphans) == 1
    assert "never contained" in orphans[0].get_text()
    assert "never contained" not in soup.select_one(".content").get_text()
    assert any("highlight 3 no longer found" in m and SEED_004 in m for m in messages)


def test_note_is_safe_markdown(annotated):
    output, _, _ = annotated
    note = _page(output, "Must Do Better").select_one(".curator-note")
    assert note.find("script") is None and "<script>" in note.get_text()
    hrefs = [a["href"] for a in note.find_all("a")]
    assert hrefs == ["https://example.org/report"]


def test_tags_from_rules_and_annotation(annotated):
    output, messages, _ = annotated
    soup = _page(output, "Must Do Better")
    tags = {a.get_text(): a["href"] for a in soup.select("header ul.tags a")}
    assert {"Guns", "Sessions quoted", "C++", "C"} <= set(tags)
    assert "Never" not in tags and "Jeff Sessions" not in tags  # removed by remove_tags
    assert tags["C++"] != tags["C"]  # distinct slugs, not one merged page
    assert "guns" not in tags  # the same tag as the rule's "Guns", merged
    assert (output / "tags" / tags["C"].split("/")[-1]).is_file()
    assert (output / "tags" / tags["C++"].split("/")[-1]).is_file()
    assert any("share the slug" in m for m in messages)
    assert any("rule 4" in m and "nonsense" in m for m in messages)


def test_overrides_and_annotated_flag(annotated):
    output, _, _ = annotated
    soup = _page(output, "Sessions on consent decrees")
    assert "The Root" in soup.select_one("ul.meta").get_text()
    mark = soup.select_one(".content mark")
    assert mark.get_text().startswith("We will not sign consent decrees")


def test_entity_and_quote_panels_for_both_seeds(annotated):
    output, _, _ = annotated
    soup = _page(output, "Must Do Better")
    people = [a.get_text() for a in soup.select(".entities-person a")]
    assert {"Jeff Sessions", "Marco Rubio", "Chris Murphy", "Donald Trump"} == set(people)
    places = [a.get_text() for a in soup.select(".entities-place a")]
    assert "Parkland" in places and "Florida" in places
    quotes = soup.select(".quotations li")
    hearts = [q for q in quotes if "Our hearts are hurting" in q.get_text()]
    assert hearts and "Jeff Sessions" in hearts[0].select_one(".speaker").get_text()

    soup = _page(output, "Sessions on consent decrees")
    orgs = [a.get_text() for a in soup.select(".entities-organisation a")]
    assert "Department of Justice" in orgs and "USA Today" in orgs


def test_entity_pages_list_articles_and_quotes(annotated):
    output, _, _ = annotated
    pages = html_pages(output)
    person = pages[output / "people" / "jeff-sessions.html"]
    titles = [a.get_text() for a in person.select("article.entry h2 a")]
    assert len(titles) == 2
    assert any("Our hearts are hurting" in q.get_text() for q in person.select(".quotations q"))
    index = pages[output / "people.html"]
    assert "./people/jeff-sessions.html" in [a["href"] for a in index.select(".entity-index a")]
    assert (output / "places" / "parkland.html").is_file()


def test_duplicate_dropped_and_noted(annotated):
    output, messages, dropped = annotated
    assert [a.seed_path for a in dropped] == ["001_copy.txt"]
    assert dropped[0].duplicate_of.seed_path == f"{SEED_000}.txt"
    titles = [s.find("h1").get_text() for s in html_pages(output / "articles").values()]
    assert len(titles) == 2
    soup = _page(output, "Sessions on consent decrees")
    assert "001_copy.txt" in soup.select_one(".duplicates").get_text()
    # One warning for the duplicate (the report's), not one from each step.
    said = [m for m in messages if "001_copy.txt" in m]
    assert len(said) == 1 and "the same article as" in said[0]


def test_malformed_annotation_warns_and_the_build_goes_on(annotated):
    output, messages, _ = annotated
    assert any("001_copy.md:3:" in m and "not valid YAML" in m for m in messages)
    assert (output / "index.html").is_file()


def test_stray_annotation_warned(annotated):
    output, messages, _ = annotated
    assert any("999_missing.md" in m and "no seed named" in m for m in messages)
    # In the report too, and in its count: the count the build log gives.
    report = json.loads((output / "report.json").read_text("utf-8"))
    (stray,) = [w for w in report["other_warnings"] if "999_missing.md" in w["file"]]
    assert stray["message"].startswith("no seed named 999_missing.txt")
    seeds = sum(len(e["warnings"]) for e in report["seeds"])
    duplicates = report["summary"]["duplicate"]
    assert report["summary"]["warnings"] == seeds + duplicates + len(report["other_warnings"])
    shown = BeautifulSoup((output / "report.html").read_text("utf-8"), "html.parser")
    assert "no seed named 999_missing.txt" in shown.select_one(".attention").get_text()


def test_export_bundle_and_markdown(annotated):
    output, _, _ = annotated
    bundle = json.loads((output / "export" / "digest.json").read_text("utf-8"))
    records = {r["title"]: r for r in bundle["articles"]}
    record = next(r for t, r in records.items() if "Must Do Better" in t)
    assert "Jeff Sessions" in record["entities"]["person"]
    assert any(q["speaker"] == "Jeff Sessions" for q in record["quotations"])
    anchored = [h["anchored"] for h in record["annotation"]["highlights"]]
    assert anchored == [True, True, False]
    markdown = (output / record["markdown"]).read_text("utf-8")
    assert "## Annotations" in markdown and "orphaned" in markdown
    rendered = BeautifulSoup(Markdown().convert(markdown), "html.parser")
    assert rendered.find("script") is None  # the note's raw HTML stays text
    assert "<script>alert(1)</script>" in rendered.get_text()
    soup = _page(output, "Must Do Better")
    links = [a["href"] for a in soup.select(".annotations .export a")]
    assert any(h.endswith(".md") for h in links) and any(h.endswith("digest.json") for h in links)
    assert (output / "export.html").is_file()


def _cached_rebuild(tmp_path, output, monkeypatch) -> list[str]:
    """Rebuild from Pelican's content cache; the names of the seeds read again."""
    from news_digest.reader import SeedReader

    read, original = [], SeedReader.read

    def counting_read(self, source_path):
        read.append(os.path.basename(source_path))
        return original(self, source_path)

    monkeypatch.setattr(SeedReader, "read", counting_read)
    run_pelican(tmp_path, output, CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True)
    return read


def _tag_index(output) -> str:
    return BeautifulSoup((output / "tags.html").read_text("utf-8"), "html.parser").get_text()


def _touch(path, seconds=10):
    """A later modification time, even where the file system counts in whole seconds."""
    later = path.stat().st_mtime + seconds
    os.utime(path, (later, later))


def test_cached_build_rereads_only_the_seed_whose_annotation_changed(tmp_path, monkeypatch):
    seeds = {f"{name}.txt": (SEEDS / f"{name}.txt").read_bytes() for name in (SEED_004, SEED_000)}
    notes = tmp_path / "content" / "annotations"
    notes.mkdir(parents=True)
    note = notes / f"{SEED_004}.md"
    note.write_text("---\ntags: [First tag]\n---\n", encoding="utf-8")
    output = build_site(tmp_path, seeds, CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True)
    assert (output / "tags" / "first-tag.html").is_file()
    assert _cached_rebuild(tmp_path, output, monkeypatch) == []  # nothing changed

    # Only the annotation changes; the seeds keep their times.
    note.write_text("---\ntags: [Second tag]\n---\n", encoding="utf-8")
    _touch(note)
    assert _cached_rebuild(tmp_path, output, monkeypatch) == [f"{SEED_004}.txt"]
    assert (output / "tags" / "second-tag.html").is_file()
    assert "First tag" not in _tag_index(output)

    # A removed annotation, and one added for the other seed.
    note.unlink()
    (notes / f"{SEED_000}.md").write_text("---\ntags: [Third tag]\n---\n", encoding="utf-8")
    assert sorted(_cached_rebuild(tmp_path, output, monkeypatch)) == sorted(seeds)
    assert "Second tag" not in _tag_index(output)
    assert (output / "tags" / "third-tag.html").is_file()


def test_cached_build_rereads_every_seed_when_the_plugin_changes(tmp_path, monkeypatch):
    from news_digest import curation

    seeds = {f"{name}.txt": (SEEDS / f"{name}.txt").read_bytes() for name in (SEED_004, SEED_000)}
    output = build_site(tmp_path, seeds, CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True)
    assert _cached_rebuild(tmp_path, output, monkeypatch) == []
    # An updated cleaner (its code or data files) must not serve the old cleaning.
    monkeypatch.setattr(curation, "code_fingerprint", lambda: "an updated cleaner")
    assert sorted(_cached_rebuild(tmp_path, output, monkeypatch)) == sorted(seeds)


def test_story_page_groups_two_outlets(tmp_path):
    seeds = story_seeds()
    output = build_site(tmp_path, seeds)
    pages = html_pages(output)
    index = pages[output / "stories.html"]
    links = index.select(".story-index a")
    assert len(links) == 1
    story = pages[(output / links[0]["href"]).resolve()]
    titles = [a.get_text() for a in story.select("article.entry h2 a")]
    assert len(titles) == 2 and all("Omar" in t for t in titles)
    for page, soup in pages.items():
        if page.parent.name == "articles" and "NASA" not in soup.find("h1").get_text():
            assert soup.select_one(".annotations .story a")["href"].endswith(links[0]["href"])


def test_a_story_is_listed_under_a_headline_the_cleaner_is_sure_of(tmp_path):
    seeds = story_seeds()
    # The earlier article (The Hill, 04:04 UTC), unsure of its headline.
    seeds["hill.txt"] = unsure_hill_seed()
    output = build_site(tmp_path, seeds)
    report = {e["file"]: e for e in json.loads((output / "report.json").read_text())["seeds"]}
    assert any("headline is unsure" in w["message"] for w in report["seeds/hill.txt"]["warnings"])
    index = html_pages(output)[output / "stories.html"]
    (link,) = index.select(".story-index a")
    assert link.get_text() == "New York man pleads guilty to threatening to kill Rep. Ilhan Omar"


def test_annotation_problems_are_in_the_seeds_report_entry(annotated):
    output, messages, _ = annotated
    entries = {e["file"]: e for e in json.loads((output / "report.json").read_text())["seeds"]}
    orphan = [
        w
        for w in entries[f"seeds/{SEED_004}.txt"]["warnings"]
        if "highlight 3 no longer found" in w["message"]
    ]
    assert [w["file"] for w in orphan] == [f"content/annotations/{SEED_004}.md"]
    # The malformed annotation of the dropped copy: its file and the line of the error.
    (broken,) = entries["seeds/001_copy.txt"]["warnings"]
    assert broken["file"] == "content/annotations/001_copy.md"
    assert broken["line"] == 3 and "not valid YAML" in broken["message"]
    assert any(m.startswith("content/annotations/001_copy.md:3: ") for m in messages)


def test_report_page_names_the_annotation_file_of_a_warning(annotated):
    output, _, _ = annotated
    soup = BeautifulSoup((output / "report.html").read_text("utf-8"), "html.parser")
    items = [" ".join(li.get_text().split()) for li in soup.select(".warnings li")]
    assert (
        "content/annotations/001_copy.md line 3: the front matter is not valid YAML"
        in " | ".join(items)
    )
    assert any(i.startswith(f"content/annotations/{SEED_004}.md: highlight 3") for i in items)
