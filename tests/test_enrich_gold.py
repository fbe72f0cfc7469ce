"""Enrichment scored against a hand-checked gold set of real articles (docs/enrichment.md).

``tests/fixtures/enrich/gold/``: 41 news articles of the Scrapinghub
article-extraction benchmark (English, German, Italian, Portuguese, Russian,
Indonesian), each as its headline and the benchmark's hand-made body text,
with ``gold.yaml``: what a reader lists after reading it. Half the articles
(``split: tune``) were looked at while the rules were tuned; the targets are
asserted on the other half (``split: test``), which was not. Each test prints
the figures of both halves.
"""

from __future__ import annotations

from functools import cache

import pytest
import yaml
from conftest import ROOT

from news_digest.enrich.entities import KINDS, extract_entities
from news_digest.enrich.quotes import find_quotations
from news_digest.enrich.tags import article_tags, fold

GOLD = ROOT / "tests" / "fixtures" / "enrich" / "gold"
SPLITS = ("tune", "test")
#: The issue's targets ("Tags, people, sources and stories a reader can trust").
TARGETS = {
    "person": (0.95, 0.85),
    "organisation": (0.90, 0.70),
}
MIN_QUOTE_SPEAKERS_RIGHT = 0.85
MIN_TAGS_ACCEPTABLE = 0.90
MIN_ARTICLES_TAGGED = 0.90


@cache
def gold() -> dict:
    return yaml.safe_load((GOLD / "gold.yaml").read_text("utf-8"))


@cache
def article(key: str):
    text = (GOLD / f"{key}.txt").read_text("utf-8")
    title, _, body = text.partition("\n\n")
    paragraphs = [line.strip() for line in body.splitlines() if line.strip()]
    extraction = extract_entities(paragraphs)
    entry = gold()[key]
    tags = article_tags(title, paragraphs, entry["language"], extraction)
    return title, paragraphs, extraction, find_quotations(paragraphs, extraction), tags


def _names(listed: list[str]) -> list[set[str]]:
    """Each gold name as the set of its accepted spellings, folded."""
    return [{fold(n) for n in str(name).split(" | ")} for name in listed]


def entity_scores(kind: str, split: str) -> tuple[float, float, list[str]]:
    found = right = wanted = hit = 0
    notes = []
    for key, entry in gold().items():
        if entry["split"] != split:
            continue
        names = _names(entry.get(kind) or [])
        produced = {fold(n) for n in article(key)[2].names(kind)}
        correct = {p for p in produced if any(p in spellings for spellings in names)}
        found += len(produced)
        right += len(correct)
        wanted += len(names)
        hit += sum(1 for spellings in names if spellings & produced)
        wrong = sorted(produced - correct)
        missed = sorted(min(s) for s in names if not s & produced)
        if wrong or missed:
            notes.append(f"  {key} {kind}: wrong {wrong} missed {missed}")
    precision = right / found if found else 1.0
    recall = hit / wanted if wanted else 1.0
    return precision, recall, notes


def quote_scores(split: str) -> tuple[float, float, list[str]]:
    """Of the quotations given a speaker that the gold lists, how many speakers are right;
    and how many of the gold's quotations by a named person got one."""
    judged = right = named = covered = 0
    notes = []
    for key, entry in gold().items():
        if entry["split"] != split:
            continue
        expected = {fold(k.strip('“”"[]').rstrip(",")): v for k, v in entry["quotes"].items()}
        people = {fold(n) for n in entry.get("person") or []}
        quotes = article(key)[3]
        for opening, speaker in expected.items():
            given = [q for q in quotes if fold(q.text.strip('“”"[]')).startswith(opening)]
            if fold(speaker) in people:
                named += 1
                covered += bool(given)
            for quote in given:
                judged += 1
                if fold(quote.speaker) == fold(speaker):
                    right += 1
                else:
                    notes.append(f"  {key}: {opening!r} by {speaker}, given {quote.speaker}")
    return (right / judged if judged else 1.0), (covered / named if named else 1.0), notes


def tag_scores(split: str) -> tuple[float, float, list[str]]:
    """Share of tags a reader would accept, and share of articles with a tag.

    A tag is acceptable when the gold lists it, or one of the article's gold
    people, organisations or places, or when it contains a listed tag as whole
    words ("Afghanistan helicopter crash" for "helicopter crash").
    """
    produced = acceptable = articles = tagged = 0
    notes = []
    for key, entry in gold().items():
        if entry["split"] != split:
            continue
        good = {fold(t) for t in entry["tags"]}
        for kind in KINDS:
            good |= {s for spellings in _names(entry.get(kind) or []) for s in spellings}
        tags = article(key)[4]
        articles += 1
        tagged += bool(tags)
        for tag in tags:
            produced += 1
            words = f" {fold(tag)} "
            if fold(tag) in good or any(f" {g} " in words for g in good if " " in g):
                acceptable += 1
            else:
                notes.append(f"  {key}: tag {tag!r} not acceptable")
    return (acceptable / produced if produced else 1.0), tagged / articles, notes


def _report(name: str, scores) -> None:
    for split in SPLITS:
        first, second, notes = scores(split)
        print(f"{name} [{split}]: {first:.3f} / {second:.3f}")
        if split == "tune":
            print("\n".join(notes))


@pytest.mark.parametrize("kind", ["person", "organisation", "place"])
def test_entity_figures(kind):
    _report(f"{kind} precision / recall", lambda split: entity_scores(kind, split))


def _not_reached(figure: str):
    """A target the rules do not reach yet: the figure measured on the held-out half."""
    return pytest.mark.xfail(strict=True, reason=f"not reached: measured {figure}")


@_not_reached("0.895 on the held-out half")
def test_people_precision():
    assert entity_scores("person", "test")[0] >= TARGETS["person"][0]


@_not_reached("0.773 on the held-out half")
def test_people_recall():
    assert entity_scores("person", "test")[1] >= TARGETS["person"][1]


def test_organisations_precision():
    assert entity_scores("organisation", "test")[0] >= TARGETS["organisation"][0]


@_not_reached("0.351 on the held-out half")
def test_organisations_recall():
    assert entity_scores("organisation", "test")[1] >= TARGETS["organisation"][1]


def test_quote_speakers():
    _report("quote speakers right / named quotes attributed", quote_scores)
    right, _, _ = quote_scores("test")
    assert right >= MIN_QUOTE_SPEAKERS_RIGHT


@_not_reached("0.876 on the held-out half")
def test_tags_acceptable():
    _report("tags acceptable / articles tagged", tag_scores)
    assert tag_scores("test")[0] >= MIN_TAGS_ACCEPTABLE


def test_articles_tagged():
    assert tag_scores("test")[1] >= MIN_ARTICLES_TAGGED


def test_gold_set_is_large_and_split():
    entries = gold()
    assert len(entries) >= 40
    assert {e["split"] for e in entries.values()} == set(SPLITS)
    assert len({e["language"] for e in entries.values()}) >= 5
    for key in entries:
        assert (GOLD / f"{key}.txt").is_file()
