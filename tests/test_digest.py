"""The reader's views, built by Pelican and parsed: weeks, days, search index, feeds, sitemap."""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from conftest import build_site, html_pages, reader_seeds, resolve_link
from pelican import signals

from news_digest.digest import Week
from news_digest.search_index import SEARCH_INDEX_GLOBAL

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _titles(node) -> list[str]:
    # Typogrify joins the last two words of a title with a no-break space.
    links = node.select("article.entry .entry-title a")
    return [a.get_text(" ", strip=True).replace("\u00a0", " ") for a in links]


def search_index(output: Path) -> dict:
    text = (output / "search-index.js").read_text(encoding="utf-8")
    prefix = f"window.{SEARCH_INDEX_GLOBAL} = "
    assert text.startswith(prefix)
    return json.loads(text[len(prefix) :].rstrip().rstrip(";"))


def test_home_groups_weeks_then_days_newest_first(reader_site):
    soup = _soup(reader_site / "index.html")
    weeks = soup.select("main section.week")
    headings = [w.find("h2").get_text(" ", strip=True) for w in weeks]
    assert headings[0].startswith("Week 7 · 12–18 February 2018")
    assert headings[1].startswith("Week 16 · 17–23 April 2017")
    assert headings[-1].startswith("Date unknown")

    days = [d.find(class_="day-heading").get_text(strip=True) for d in weeks[0].select(".day")]
    assert days == ["Wednesday 14 February", "Monday 12 February"]
    first, second = weeks[0].select(".day")
    assert _titles(first) == ["City council approves new tram line to the harbour"]
    assert "We Can And Must Do Better" in _titles(second)[0]
    assert "(inferred)" in second.select_one(".meta").get_text()

    undated = weeks[-1]
    assert _titles(undated) == ["Harbour board delays lighthouse keepers pay decision"]
    assert "Date unknown" in undated.select_one(".meta").get_text()
    entry = undated.select_one("article.entry")
    assert entry.select_one(".reading").get_text(strip=True).endswith("min read")
    assert entry.select_one(".authors").get_text(" ", strip=True) == "by Ada Lovelace"


def test_week_pages_list_their_week_and_link_neighbours(reader_site):
    index = reader_site / "index.html"
    link = _soup(index).select_one("section.week h2 a")
    week_page = resolve_link(index, link["href"])
    assert week_page == (reader_site / "weeks" / "2018-W07.html").resolve()
    soup = _soup(week_page)
    assert soup.h1.get_text(strip=True) == "Week 7, 2018"
    titles = _titles(soup)
    assert len(titles) == 2 and titles[0].startswith("City council")
    older = soup.select_one(".prev-next a.older")
    assert resolve_link(week_page, older["href"]) == (reader_site / "weeks/2017-W16.html").resolve()
    assert soup.select_one(".prev-next a.newer") is None

    # Every dated article page says which week it is in; the undated one does not.
    for page, article in html_pages(reader_site / "articles").items():
        kicker = article.select_one(".article-header .kicker a")
        if "lighthouse" in article.h1.get_text():
            assert kicker is None
        else:
            assert resolve_link(page, kicker["href"]).parent.name == "weeks"


def test_search_index_holds_every_article_as_plain_text(reader_site):
    documents = search_index(reader_site)["documents"]
    assert len(documents) == len(list((reader_site / "articles").glob("*.html")))
    by_title = {doc["title"]: doc for doc in documents}
    police = next(doc for title, doc in by_title.items() if "Handcuffing" in title)
    assert (reader_site / police["url"]).is_file()
    assert "Department of Justice (DOJ) and is in charge" in police["body"]
    assert "<" not in police["body"]
    # Tags the enrichment found that another article shares (``enrich.tags``).
    assert police["tags"] == ["Jeff Sessions", "Law enforcement"]
    assert police["authors"] == ["Kenrya Rankin"]
    assert police["date"] == "2017-04-18"
    undated = by_title["Harbour board delays lighthouse keepers pay decision"]
    assert undated["date"] == "" and undated["date_label"] == "Date unknown"
    memo = next(doc for title, doc in by_title.items() if "Must Do Better" in title)
    assert memo["source"] == "Talking Points Memo" and memo["date_status"] == "inferred"


def test_search_page_offers_tag_and_source_filters_and_only_script_files(reader_site):
    soup = _soup(reader_site / "search.html")
    tags = [o["value"] for o in soup.select("#search-tag option") if o["value"]]
    sources = [o["value"] for o in soup.select("#search-source option") if o["value"]]
    assert sorted(tags) == ["Jeff Sessions", "Law enforcement"]
    assert "Talking Points Memo" in sources
    sources_in_index = {doc["source"] for doc in search_index(reader_site)["documents"]}
    assert set(sources) == sources_in_index
    scripts = [s["src"] for s in soup.find_all("script")]
    assert [Path(s).name for s in scripts] == [
        "nav.js",
        "minisearch.js",
        "search-index.js",
        "search.js",
    ]
    # A Content-Security-Policy of script-src 'self' must not break any page.
    for page, page_soup in html_pages(reader_site).items():
        for script in page_soup.find_all("script"):
            assert script.get("src") and not script.get_text(strip=True), page.name
        for tag in page_soup.find_all(True):
            assert not [a for a in tag.attrs if a.startswith("on")], f"{page.name}: {tag.name}"
            assert "style" not in tag.attrs, f"{page.name}: {tag.name}"


def test_every_page_has_a_search_box_that_targets_the_search_page(reader_site):
    for page, soup in html_pages(reader_site).items():
        form = soup.select_one("header form.site-search")
        assert form is not None, page.name
        assert resolve_link(page, form["action"]) == (reader_site / "search.html").resolve()
        assert form.find("input", attrs={"name": "q"}) is not None


def test_index_pages_share_one_shape_with_counts(reader_site):
    for name, heading in (("tags", "Tags"), ("sources", "Sources"), ("authors", "Authors")):
        page = reader_site / f"{name}.html"
        soup = _soup(page)
        assert soup.select_one("main .page-header h1").get_text() == heading
        items = soup.select("main .page-header + ul > li")
        assert items, name
        for item in items:
            target = _soup(resolve_link(page, item.a["href"]))
            count = int(item.select_one(".count").contents[0])
            assert len(target.select("article.entry")) == count, item.a.get_text()


@dataclass
class _Highlight:
    quote: str
    comment: str


@dataclass
class _Placed:
    highlight: _Highlight
    orphaned: bool = False
    anchor: object = None


def _annotate(generator):
    """Stand-in for the annotation layer (its attribute shapes): annotates the tram article."""
    for article in generator.articles:
        if "tram" in article.slug:
            article.annotated = True
            article.entities = {
                "person": ["Grace Hopper"],
                "organisation": [],
                "place": ["Harbour district"],
            }
            article.annotation_note = "<p>Compare with the abandoned <em>monorail</em> scheme.</p>"
            article.highlights = [_Placed(_Highlight("twelve thousand", "Optimistic ridership"))]


@pytest.fixture(scope="module")
def annotated_site(tmp_path_factory):
    signals.article_generator_finalized.connect(_annotate)
    try:
        return build_site(tmp_path_factory.mktemp("annotated"), reader_seeds())
    finally:
        signals.article_generator_finalized.disconnect(_annotate)


def test_annotations_show_as_a_badge_and_are_searchable(annotated_site, reader_site):
    for site, expected in ((annotated_site, 1), (reader_site, 0)):
        badges = _soup(site / "index.html").select("article.entry .badge")
        assert len(badges) == expected
    badge = _soup(annotated_site / "index.html").select_one("article.entry .badge")
    assert "tram line" in badge.find_parent("article").h4.get_text()
    tram = next(d for d in search_index(annotated_site)["documents"] if "tram" in d["url"])
    assert "Grace Hopper" in tram["entities"] and "Harbour district" in tram["entities"]
    assert "abandoned monorail scheme" in tram["notes"] and "<" not in tram["notes"]
    assert "Optimistic ridership" in tram["notes"] and "twelve thousand" in tram["notes"]


@pytest.fixture(scope="module")
def published_site(tmp_path_factory, monkeypatch_module):
    monkeypatch_module.setenv("SITEURL", "https://example.org/digest")
    return build_site(tmp_path_factory.mktemp("publish"), reader_seeds(), "publishconf.py")


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_publish_build_has_atom_feeds(published_site):
    feed = ET.parse(published_site / "feeds" / "all.atom.xml").getroot()
    links = [e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")]
    assert len(links) == 4
    for link in links:
        assert link.startswith("https://example.org/digest/articles/")
        assert (published_site / link.removeprefix("https://example.org/digest/")).is_file()
    tag_feed = ET.parse(published_site / "feeds" / "tag.jeff-sessions.atom.xml").getroot()
    assert len(tag_feed.findall(f"{ATOM}entry")) == 2
    home = _soup(published_site / "index.html")
    alternate = home.find("link", attrs={"type": "application/atom+xml"})
    assert resolve_link(published_site / "index.html", alternate["href"]).is_file()
    tag_page = published_site / "tags" / "jeff-sessions.html"
    alternate = _soup(tag_page).find("link", attrs={"title": re.compile("Jeff Sessions")})
    assert resolve_link(tag_page, alternate["href"]).name == "tag.jeff-sessions.atom.xml"


def test_publish_build_has_a_sitemap_of_every_page(published_site):
    urlset = ET.parse(published_site / "sitemap.xml").getroot()
    locs = [loc.text for loc in urlset.iter(f"{SITEMAP}loc")]
    pages = {p.relative_to(published_site).as_posix() for p in published_site.rglob("*.html")}
    pages.discard("404.html")
    assert {loc.removeprefix("https://example.org/digest/") for loc in locs} == pages
    assert "https://example.org/digest/weeks/2018-W07.html" in locs


def test_404_page_links_absolutely_when_published(published_site, reader_site):
    hrefs = [a["href"] for a in _soup(published_site / "404.html").select("main a")]
    assert hrefs and all(h.startswith("https://example.org/digest/") for h in hrefs)
    css = _soup(published_site / "404.html").find("link", rel="stylesheet")["href"]
    assert css == "https://example.org/digest/theme/css/site.css"
    # Locally there is no site URL: relative links, like every other page.
    hrefs = [a["href"] for a in _soup(reader_site / "404.html").select("main a")]
    assert hrefs and all(not urlsplit(h).scheme and not h.startswith("/") for h in hrefs)
    assert not (reader_site / "sitemap.xml").exists()


@pytest.mark.parametrize(
    ("year", "number", "span"),
    [
        (2018, 7, "12–18 February 2018"),
        (2018, 9, "26 February – 4 March 2018"),
        (2019, 1, "31 December 2018 – 6 January 2019"),
    ],
)
def test_week_spans_read_naturally_across_months_and_years(year, number, span):
    assert Week(year, number).span == span


def test_home_shows_the_latest_weeks_in_full_and_links_older_ones(tmp_path):
    output = build_site(tmp_path, reader_seeds(), NEWS_DIGEST_HOME_WEEKS=1)
    soup = _soup(output / "index.html")
    full = [s for s in soup.select("main section.week") if s.select(".day")]
    assert [s.h2.get_text(" ", strip=True).split(" ·")[0] for s in full] == ["Week 7"]
    earlier = soup.select_one("#earlier-weeks").find_parent("section")
    links = [a["href"] for a in earlier.select("a")]
    assert links == ["./weeks/2017-W16.html"]
    assert not earlier.select("article.entry")


def test_article_pages_link_their_neighbours_in_archive_order(reader_site):
    archives = reader_site / "archives.html"
    order = [resolve_link(archives, a["href"]) for a in _soup(archives).select(".what a")]
    assert len(order) >= 3
    for newer, older in itertools.pairwise(order):
        link = _soup(newer).select_one(".prev-next a.older")
        assert resolve_link(newer, link["href"]) == older
        link = _soup(older).select_one(".prev-next a.newer")
        assert resolve_link(older, link["href"]) == newer
    assert _soup(order[0]).select_one(".prev-next a.newer") is None
    assert _soup(order[-1]).select_one(".prev-next a.older") is None
