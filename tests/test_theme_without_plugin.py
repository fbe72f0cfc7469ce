"""The theme with and without the plugin: what it finds out for itself, and what it does not."""

from __future__ import annotations

import itertools
import subprocess
import sys

from bs4 import BeautifulSoup
from conftest import ROOT, build_site
from test_bad_input import story

from news_digest.plugin import ArticleList


def _article(folder, number):
    (folder / f"story-{number}.md").write_text(
        f"Title: Story {number}\nDate: 2020-03-0{number}\nTags: harbour\n\n"
        f"Body of story {number}.\n",
        encoding="utf-8",
    )


def test_the_theme_builds_without_the_plugin_and_its_neighbours(tmp_path):
    """Pelican core sets no neighbours; the theme does not look for them itself.

    Finding an article in the list of all articles, on every article's page,
    is quadratic. The plugin, like Pelican's ``neighbors`` plugin, sets them.
    """
    content = tmp_path / "content"
    content.mkdir()
    for number in range(1, 5):
        _article(content, number)
    # Its own process: the plugin's signals stay connected once any test has built with it.
    settings = tmp_path / "plainconf.py"
    settings.write_text(
        (ROOT / "pelicanconf.py").read_text("utf-8")
        + f"\nTHEME = {str(ROOT / 'theme')!r}\nPLUGINS = []\nARTICLE_PATHS = ['']\n"
        + "PAGE_PATHS = []\nCACHE_CONTENT = False\nLOAD_CONTENT_CACHE = False\n",
        encoding="utf-8",
    )
    output = tmp_path / "output"
    subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-s", str(settings), "-o", str(output)],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    pages = [output / "articles" / f"story-{n}.html" for n in (4, 3, 2, 1)]
    for page in pages:
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        assert soup.select_one("article h1").get_text().split() == ["Story", page.stem[-1]]
        assert soup.select_one(".prev-next") is None


def test_article_pages_link_their_neighbours_newest_first(tmp_path):
    seeds = {
        f"day-{day}.txt": story(f"Harbour report for day {day}", date=f"Mar {day}, 2020").encode()
        for day in (3, 1, 4, 2)
    }
    output = build_site(tmp_path / "site", seeds)
    soup = {}
    for day in (1, 2, 3, 4):
        page = output / "articles" / f"harbour-report-for-day-{day}.html"
        soup[day] = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    for older, newer in itertools.pairwise((1, 2, 3, 4)):
        assert soup[newer].select_one(".prev-next a.older")["href"].endswith(f"day-{older}.html")
        assert soup[older].select_one(".prev-next a.newer")["href"].endswith(f"day-{newer}.html")
    assert soup[4].select_one(".prev-next a.newer") is None
    assert soup[1].select_one(".prev-next a.older") is None


class Item:
    """Compares by identity, as Pelican's content objects do."""


def test_article_list_answers_in_as_a_list_does():
    items, stranger = [Item() for _ in range(5)], Item()
    listed = ArticleList(items[:3])
    assert [item in listed for item in items] == [True, True, True, False, False]
    assert stranger not in listed
    listed.append(stranger)  # a longer list is indexed again
    assert stranger in listed
    assert listed == [*items[:3], stranger]
