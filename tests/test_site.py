"""End-to-end: the project's seeds built by Pelican, every page parsed."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import pytest
from conftest import build_site, html_pages
from test_cleaner_golden import BOILERPLATE_004


def _internal_targets(page: Path, soup):
    for tag in soup.find_all(href=True):
        yield tag["href"]
    for tag in soup.find_all(src=True):
        yield tag["src"]


def test_every_internal_link_resolves_to_a_file(seed_site):
    pages = html_pages(seed_site)
    assert len(pages) >= 8
    for page, soup in pages.items():
        for url in _internal_targets(page, soup):
            parts = urlsplit(url)
            assert not parts.scheme and not parts.netloc, f"{page}: external {url}"
            if not parts.path:
                continue  # a fragment on the same page
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.is_file(), f"{page.relative_to(seed_site)} links to missing {url}"
            assert seed_site.resolve() in target.parents, f"{url} leaves the site"


def test_no_asset_or_link_to_another_host(seed_site):
    for path in seed_site.rglob("*"):
        if path.suffix in {".html", ".css", ".js"}:
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", text), path
            assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", text), path
            assert "@import" not in text, path


def test_boilerplate_appears_nowhere(seed_site):
    for page, soup in html_pages(seed_site).items():
        text = soup.get_text("\n")
        lines = {" ".join(ln.split()) for ln in text.splitlines()}
        for junk in BOILERPLATE_004:
            assert junk not in lines, f"{junk!r} in {page.name}"
        assert "Sign up for the Morning Memo newsletter" not in text


def _plain(text: str) -> str:
    """Undo typogrify's typographic changes: no-break spaces, curled quotes."""
    return text.replace("\u00a0", " ").translate(str.maketrans("‘’“”", "''\"\""))


def _article(seed_site, fragment):
    for page, soup in html_pages(seed_site / "articles").items():
        h1 = soup.find("h1")
        if h1 and fragment in h1.get_text():
            return page, soup
    raise AssertionError(f"no article page titled like {fragment!r}")


def test_article_pages_show_clean_metadata(seed_site):
    _, soup = _article(seed_site, "Handcuffing the Police")
    text = soup.get_text(" ")
    assert "Kenrya Rankin" in text
    time = soup.find("time", attrs={"datetime": re.compile("^2017-04-18")})
    assert time is not None
    assert soup.find("blockquote") is not None
    assert "Yet amid this plague of violence" in soup.find("blockquote").get_text()

    _, soup = _article(seed_site, "We Can And Must Do Better")
    text = soup.get_text(" ")
    assert "Talking Points Memo" in text
    assert "inferred" in text.lower()
    assert not soup.find("time", attrs={"datetime": re.compile("^2018-02-12")}) or "inferred" in (
        soup.find("time", attrs={"datetime": re.compile("^2018-02-12")}).parent.get_text().lower()
    )
    assert text.count("On Abraham Lincoln") == 1
    body = soup.get_text("\n")
    assert "During a speech addressing sheriffs" in body
    assert "we'll meet it,\" he said." in _plain(body)


def test_titles_carry_no_caps_markup(seed_site):
    for page, soup in html_pages(seed_site).items():
        for heading in soup.find_all(["h1", "h2", "h3", "title"]):
            assert not heading.find("span", class_="caps"), f"{page.name}: {heading}"
        assert 'class="caps"' not in str(soup.head), page.name
        for tag in soup.find_all(True):
            for name, value in tag.attrs.items():
                assert "<span" not in str(value), f"{page.name}: {name}={value!r}"


def test_cleaned_markdown_and_raw_seed_are_linked(seed_site):
    page, soup = _article(seed_site, "Handcuffing the Police")
    links = {a.get_text(strip=True): a["href"] for a in soup.find_all("a", href=True)}
    md = next(href for text, href in links.items() if "Markdown" in text)
    markdown = (page.parent / unquote(md)).read_text(encoding="utf-8")
    assert markdown.startswith("Title: Jeff Sessions: Stop")
    assert "\n> Yet amid this plague" in markdown
    raw = next(href for text, href in links.items() if "seed" in text.lower())
    assert (page.parent / unquote(raw)).read_bytes().startswith(b"Jeff Sessions: Stop")


def test_index_lists_articles_newest_first_with_tags(seed_site):
    soup = html_pages(seed_site)[seed_site / "index.html"]
    titles = [a.get_text(" ", strip=True) for a in soup.select("main article.entry .entry-title a")]
    assert len(titles) == 2
    assert "We Can And Must Do Better" in titles[0]  # 2018 (inferred) before 2017
    assert (seed_site / "tags.html").is_file()
    tags = html_pages(seed_site)[seed_site / "tags.html"].get_text(" ")
    assert "Jeff Sessions" in tags and "2" in tags


HOSTILE = (
    "Breaking: <script>alert('seed')</script> headline here\n\n"
    "By Eve Mallory\n\n"
    "<img src=x onerror=alert(1)> opened the story, as <b>bold</b> claims go, on Monday.\n\n"
    "A [link](javascript:alert(1)) and ![image](http://example.com/x.png)"
    " and <http://example.com> here.\n\n"
    "Template {{ SITENAME }} and {% raw %} and {filename}/x.md"
    " should stay literal in this text.\n\n"
    '<iframe src="http://example.com"></iframe> closed the paragraph with a sentence.\n\n'
    "# Not a heading, just a hash at the start of this line of text.\n"
)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("hostile"), {"hostile.txt": HOSTILE.encode()})


def test_injected_seed_renders_inert(hostile_site):
    pages = html_pages(hostile_site)
    for page, soup in pages.items():
        assert soup.find(["iframe", "img", "b"]) is None, page.name
        # Only the theme's own script files (search page), never seed text.
        for script in soup.find_all("script"):
            assert script.get("src") and not script.get_text(), f"{page.name}: {script}"
        for tag in soup.find_all(True):
            assert not any(attr.startswith("on") for attr in tag.attrs), f"{page.name}: {tag}"
        for a in soup.find_all("a", href=True):
            assert not urlsplit(a["href"]).scheme, f"{page.name}: {a['href']}"
    page = next(p for p in pages if p.parent.name == "articles")
    text = _plain(pages[page].get_text())
    for literal in (
        "<script>alert('seed')</script>",
        "<img src=x onerror=alert(1)>",
        "[link](javascript:alert(1))",
        "![image](http://example.com/x.png)",
        "<http://example.com>",
        "{{ SITENAME }}",
        "{% raw %}",
        "{filename}/x.md",
        "# Not a heading",
    ):
        assert literal in text, literal


ATOM = {"atom": "http://www.w3.org/2005/Atom"}
PIER_SEED = "\n\n".join(
    [
        "Harbour Board Backs Pier Plan",
        "By Kari Hansen",
        "Nov 19, 2019, 10:31 pm CST",
        "The harbour board voted on Tuesday to back a plan for a new pier at the "
        "north end of the bay, after two years of public meetings.",
        "Work on the pier is to start next spring and to take about eighteen "
        "months, the board's chair said after the vote.",
    ]
).encode()


@pytest.mark.parametrize(
    "timezone, day, shown, stamp",
    [
        ("UTC", "2019-11-20", "20 November 2019", "2019-11-20T04:31:00+00:00"),
        ("America/Chicago", "2019-11-19", "19 November 2019", "2019-11-19T22:31:00-06:00"),
    ],
)
def test_a_stated_moment_is_dated_on_the_sites_clock(tmp_path, timezone, day, shown, stamp):
    output = build_site(
        tmp_path,
        {"pier.txt": PIER_SEED},
        TIMEZONE=timezone,
        SITEURL="https://example.org",
        FEED_DOMAIN="https://example.org",
        FEED_ALL_ATOM="feeds/all.atom.xml",
    )
    article = next(
        soup
        for soup in html_pages(output).values()
        if (h1 := soup.select_one("h1")) and "Harbour Board" in h1.get_text()
    )
    time = article.select_one("time.date")
    assert time["datetime"] == day and time.get_text(strip=True) == shown
    feed = ElementTree.parse(output / "feeds" / "all.atom.xml")
    assert feed.find("atom:entry/atom:published", ATOM).text == stamp
