"""Typogrify runs on seed articles once, when they are read, and its result is cached."""

from __future__ import annotations

from bs4 import BeautifulSoup
from conftest import ROOT, build_site, run_pelican

SEED = (
    b"Harbour bridge opens after NASA survey\n\n"
    b"By Ann Lee Feb 14, 2018\n\n"
    b'The mayor called the bridge "a promise kept" at the opening on Wednesday, and said'
    b" the city's engineers had worked with NASA on the survey of the riverbed.\n\n"
    b"Traffic will cross from Monday, when the old ferry stops running for good after"
    b" ninety years of service to both banks of the river.\n"
)
ABOUT = 'Title: About\n\nWe keep "the news" we read.\n'


def _body(output):
    page = next((output / "articles").glob("*.html"))
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    return soup.select_one("article .body") or soup.select_one("article"), soup


def test_seed_bodies_are_typogrified_on_cold_and_cached_builds(tmp_path):
    site = tmp_path / "site"
    (site / "content" / "pages").mkdir(parents=True)
    (site / "content" / "pages" / "about.md").write_text(ABOUT, encoding="utf-8")
    output = build_site(site, {"bridge.txt": SEED}, CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True)
    for build in ("cold", "cached"):
        body, soup = _body(output)
        text = body.get_text()
        assert "“a promise kept”" in text and '"a promise' not in text, build
        assert "city’s" in text, build
        assert body.find("span", class_="caps", string="NASA"), build
        # Titles are typogrified (no widow: a no-break space) but keep no caps markup.
        assert soup.find("h1").get_text() == "Harbour bridge opens after NASA\u00a0survey", build
        assert not soup.find("h1").find("span")
        about = BeautifulSoup((output / "pages" / "about.html").read_text("utf-8"), "html.parser")
        assert "“the news”" in about.get_text(), build  # pages are typogrified by Pelican
        run_pelican(site)


def test_turning_typogrify_off_reads_cached_seeds_again(tmp_path):
    site = tmp_path / "site"
    output = build_site(site, {"bridge.txt": SEED}, CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True)
    assert "“a promise kept”" in _body(output)[0].get_text()
    run_pelican(site, TYPOGRIFY=False)
    body, _ = _body(output)
    assert '"a promise kept"' in body.get_text()
    assert not body.find("span", class_="caps")


TITLES = [
    "Harbour bridge opens after NASA survey",
    'Mayor\'s "promise kept" -- a café & co. report...',
    "FAA says 10% of flights -- 1,200 in all -- were late",
    "Überraschung in Zürich: “Ja” zur Brücke",
]


def test_the_slug_made_while_reading_is_the_one_pelican_makes(tmp_path):
    from pelican.contents import Article
    from pelican.settings import read_settings

    from news_digest.engine.typography import typogrifier
    from news_digest.reader import PELICAN_OBJECTS, read_seed

    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(tmp_path)})
    for number, title in enumerate(TITLES):
        seed = tmp_path / f"seed-{number}.txt"
        seed.write_bytes(title.encode() + SEED[SEED.index(b"\n") :])
        _, meta = read_seed(seed, settings, typogrifier(settings))
        made = meta.pop("slug")
        plain = {k: v for k, v in meta.items() if k not in PELICAN_OBJECTS}  # names, not objects
        assert made == Article("", plain, settings=settings).slug, title
    # A slug Pelican would take from the file name is left to Pelican.
    named = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={"PATH": str(tmp_path), "FILENAME_METADATA": r"(?P<slug>.*)"},
    )
    assert "slug" not in read_seed(seed, named, typogrifier(named))[1]
