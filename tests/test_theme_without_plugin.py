"""The theme on plain Pelican (no plugin): what it must find out for itself."""

from __future__ import annotations

import itertools
import subprocess
import sys

from bs4 import BeautifulSoup
from conftest import ROOT

from news_digest.plugin import ArticleList


def _article(folder, number):
    (folder / f"story-{number}.md").write_text(
        f"Title: Story {number}\nDate: 2020-03-0{number}\nTags: harbour\n\n"
        f"Body of story {number}.\n",
        encoding="utf-8",
    )


def test_article_pages_find_their_neighbours_without_the_plugin(tmp_path):
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
    newest_first = [output / "articles" / f"story-{n}.html" for n in (4, 3, 2, 1)]
    assert all(page.is_file() for page in newest_first)
    soup = {page: BeautifulSoup(page.read_text("utf-8"), "html.parser") for page in newest_first}
    for newer, older in itertools.pairwise(newest_first):
        assert soup[newer].select_one(".prev-next a.older")["href"].endswith(older.name)
        assert soup[older].select_one(".prev-next a.newer")["href"].endswith(newer.name)
    assert soup[newest_first[0]].select_one(".prev-next a.newer") is None
    assert soup[newest_first[-1]].select_one(".prev-next a.older") is None


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
