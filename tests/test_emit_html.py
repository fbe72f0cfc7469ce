"""The body's HTML made directly is what Markdown makes of the body's Markdown."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import ROOT, SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from news_digest.cleaner import Article, Block, body_html, body_markdown, clean_bytes
from news_digest.cleaner.record import HEADING, PARAGRAPH, QUOTE
from news_digest.reader import markdown_to_html

SETTINGS = settings(
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "300")),
    derandomize=bool(os.environ.get("CI")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Markdown's punctuation and HTML's, digits for list numbers, white space of every kind.
TEXT = st.text(
    st.one_of(
        st.sampled_from(list("\\`*_[]{}()#+-.!<>&;\"' =|~:/\t\n\r\x02\x03\xa0")),
        st.sampled_from(list("0123456789")),
        st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"]),
    ),
    max_size=40,
)
PLAIN = (
    st.text(st.sampled_from(list("abc XYZ 19. &<>*_`[]#+-\\\"'")), min_size=1, max_size=40)
    .map(str.strip)
    .filter(lambda text: text and not text.endswith("#"))
)
KIND = st.sampled_from([PARAGRAPH, PARAGRAPH, QUOTE, HEADING])


def _article(blocks) -> Article:
    return Article(body=[Block(kind, text, number) for number, (kind, text) in enumerate(blocks)])


@SETTINGS
@given(st.lists(st.tuples(KIND, TEXT), min_size=1, max_size=8))
def test_direct_html_is_markdowns_or_declines(blocks):
    article = _article(blocks)
    html = body_html(article)
    assert html is None or html == markdown_to_html(body_markdown(article))


@SETTINGS
@given(st.lists(st.tuples(KIND, PLAIN), min_size=1, max_size=8))
def test_plain_blocks_take_the_direct_way(blocks):
    article = _article(blocks)
    assert body_html(article) == markdown_to_html(body_markdown(article))


def _pages() -> list[Path]:
    pages = sorted(SEEDS.glob("*.txt")) + sorted((ROOT / "tests" / "fixtures").rglob("*.txt"))
    corpus = ROOT.parent / "shared" / "eval"  # the evaluation corpus, where present
    return pages + sorted(p for p in corpus.rglob("*.txt") if not p.name.endswith(".gold.txt"))


def test_real_pages_take_the_direct_way_to_the_same_html():
    checked = fallbacks = 0
    for page in _pages():
        article = clean_bytes(page.read_bytes())
        if not article.body:
            continue
        direct = body_html(article)
        if direct is None:  # a block Markdown reads its own way ("C#" as a heading)
            fallbacks += 1
            continue
        assert direct == markdown_to_html(body_markdown(article)), page
        checked += 1
    assert checked >= 3 and fallbacks <= checked // 100
