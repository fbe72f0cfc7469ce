"""Long listings and the build report split into pages.

The project's 12 seeds are listed 3 to a page and the report 5 seeds to a
page, so that every listing has several pages at a size a test can build.
"""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from conftest import needs_fork, resolve_link
from test_reuse import _invoke_build
from test_warm_build import numbered_project as _project

PER_PAGE, REPORT_PER_PAGE = 3, 5


#: A person every seed names: an entity page of twelve articles.
PERSON = "Jane Porter, the mayor, said the work would start in May.\n"


def _paged_project(tmp_path: Path) -> Path:
    project = _project(tmp_path, seeds=12)
    for seed in (project / "seeds").glob("seed-*.txt"):
        text = seed.read_text("utf-8")
        seed.write_text(text.replace("\nShare this article", f"\n{PERSON}\nShare this article"))
    with open(project / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write(
            f"\nDEFAULT_PAGINATION = {PER_PAGE}\nNEWS_DIGEST_REPORT_PER_PAGE = {REPORT_PER_PAGE}\n"
        )
    return project


def _soup(page: Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text("utf-8"), "html.parser")


def _follow(output: Path, first: str) -> list[Path]:
    """The pages reached from ``first`` by its "next" links, checking each "prev" link back."""
    pages = [(output / first).resolve()]
    while True:
        soup = _soup(pages[-1])
        following = soup.select_one('.pager a[rel="next"]')
        if following is None:
            return pages
        page = resolve_link(pages[-1], following["href"])
        assert page.is_file() and page not in pages, following["href"]
        back = _soup(page).select_one('.pager a[rel="prev"]')
        assert resolve_link(page, back["href"]) == pages[-1]
        pages.append(page)


@needs_fork
def test_listings_and_the_report_are_split_into_linked_pages(tmp_path):
    project = _paged_project(tmp_path)
    _invoke_build(project)
    output = (project / "output").resolve()
    articles = sorted(f"articles/{p.name}" for p in (output / "articles").glob("*.html"))
    count = len(articles)  # the 12 and the project's own seeds
    assert count > 12

    # The archives: every article once, in pages of three, newest first.
    pages = _follow(output, "archives.html")
    assert [p.relative_to(output).as_posix() for p in pages] == [
        "archives.html",
        *(f"archives/{n}.html" for n in range(2, -(-count // PER_PAGE) + 1)),
    ]
    listed, years = [], []
    for page in pages:
        soup = _soup(page)
        rows = soup.select(".archive li a")
        assert len(rows) == (PER_PAGE if page != pages[-1] else count - PER_PAGE * (len(pages) - 1))
        assert f"{count} in all" in soup.select_one(".lede").text
        listed += [resolve_link(page, row["href"]).relative_to(output).as_posix() for row in rows]
        years += [int(h.text) for h in soup.select(".archive-group h2")]
        assert soup.select_one('.pager [aria-current="page"]').text.startswith(
            f"Page {pages.index(page) + 1} of {len(pages)}"
        )
    assert sorted(listed) == articles
    assert years == sorted(years, reverse=True)  # newest first
    assert "page 3" in _soup(pages[2]).title.text

    # An author's pages (every seed has the same byline).
    authors = [p for p in (output / "authors").glob("*.html") if "12 articles by" in p.read_text()]
    assert len(authors) == 1
    pages = _follow(output, authors[0].relative_to(output).as_posix())
    assert len(pages) == 4
    assert sum(len(_soup(p).select(".entry")) for p in pages) == 12

    # A person's page: the twelve articles naming her, three to a page.
    pages = _follow(output, "people/jane-porter.html")
    assert [p.relative_to(output).as_posix() for p in pages[1:]] == [
        f"people/jane-porter/{n}.html" for n in (2, 3, 4)
    ]
    assert [len(_soup(p).select(".entry")) for p in pages] == [PER_PAGE] * 4
    assert all("Named in 12 articles." in _soup(p).select_one(".lede").text for p in pages)

    # The report: every seed, 5 to a page, numbered on across its pages.
    pages = _follow(output, "report.html")
    ids, files = [], []
    for page in pages:
        soup = _soup(page)
        ids += [entry["id"] for entry in soup.select("li.seed")]
        files += [code.text for code in soup.select("li.seed > p > code")]
        assert len(soup.select("li.seed")) == REPORT_PER_PAGE or page == pages[-1]
    assert len(pages) == -(-len(ids) // REPORT_PER_PAGE) > 2
    assert ids == [f"seed-{n}" for n in range(1, len(ids) + 1)]
    assert len(files) == len(set(files)) and {f"seeds/seed-{n:05d}.txt" for n in range(12)} <= set(
        files
    )


@needs_fork
def test_the_report_lists_what_needs_a_look_with_links_to_its_entries(tmp_path):
    project = _paged_project(tmp_path)
    (project / "seeds" / "seed-00007.txt").write_bytes(b"\x00\x01 not text at all")
    _invoke_build(project)
    output = project / "output"
    attention = _soup(output / "report.html").select(".attention li a")
    assert attention, "a rejected seed is listed on the report's first page"
    for link in attention:
        page, anchor = link["href"].split("#")
        target = _soup(output / page)
        entry = target.find(id=anchor)
        assert entry is not None and link.text in entry.text, link["href"]
    assert any("seed-00007.txt" in link.text for link in attention)
