"""The plugin beside Pelican's own theme and other plugins, each built with ``invoke build``.

- ``THEME = "notmyidea"``: the plugin's pages (report, weeks, entities,
  stories, export, search, 404) fall back to the templates it ships;
- pelican-sitemap, whose ``content_written`` listener sees every page;
- a plugin with a writer of its own, which then writes every page.

Each site passes the link checker of ``test_site``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pelican
from bs4 import BeautifulSoup
from conftest import ROOT, html_pages
from test_site import _internal_targets
from test_warm_build import dated_story, invoke_build, project

NOTMYIDEA = Path(pelican.__file__).parent / "themes" / "notmyidea" / "templates"


def broken_links(output: Path, allowed_external: str = "") -> list[tuple[str, str]]:
    """Links of the site's pages that resolve to no file in it.

    A link to a folder counts if the folder has an ``index.html`` (as a web
    server serves it); a link to another host only if ``allowed_external``
    (a theme's own templates) holds it.
    """
    broken = []
    for page, soup in html_pages(output).items():
        for url in _internal_targets(page, soup):
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                if url not in allowed_external:
                    broken.append((page.relative_to(output).as_posix(), url))
                continue
            if not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file() or output.resolve() not in target.parents:
                broken.append((page.relative_to(output).as_posix(), url))
    return broken


def _project(tmp_path: Path, settings: str) -> Path:
    folder = project(tmp_path)
    seeds = folder / "seeds"
    (seeds / "a.txt").write_text(dated_story("Harbour Board Meets", "Feb 14, 2018"), "utf-8")
    (seeds / "b.txt").write_text(dated_story("Council Backs Ferry", "Feb 20, 2018"), "utf-8")
    with open(folder / "pelicanconf.py", "a", encoding="utf-8") as conf:
        conf.write(settings)
    return folder


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def test_pelicans_own_theme_renders_the_plugins_pages_from_its_fallback_templates(tmp_path):
    folder = _project(
        tmp_path,
        '\nTHEME = "notmyidea"\n'
        # notmyidea's index lists ``articles_page``: Pelican paginates the index for it.
        'PAGINATED_TEMPLATES = {"index": None, "tag": None, "category": None, "author": None}\n',
    )
    invoke_build(folder)
    output = folder / "output"
    for page in (
        "report.html",
        "people.html",
        "people/jeff-sessions.html",
        "stories.html",
        "export.html",
        "search.html",
        "404.html",
        *(p.relative_to(output).as_posix() for p in (output / "weeks").rglob("*.html")),
    ):
        soup = _soup(output / page)
        assert soup.select_one("#banner"), f"{page}: not in notmyidea's layout"  # its base.html
        assert soup.find("h1"), page
    person = _soup(output / "people" / "jeff-sessions.html")
    assert {a.get_text().replace("\xa0", " ") for a in person.select("section li a")} == {
        "Harbour Board Meets",
        "Council Backs Ferry",
    }
    assert "2 published" in " ".join(_soup(output / "report.html").get_text().split())
    theme_text = "".join(p.read_text("utf-8") for p in NOTMYIDEA.glob("*.html"))
    assert broken_links(output, allowed_external=theme_text) == []


def _sitemap_pages(output: Path) -> set[str]:
    locs = ET.parse(output / "sitemap.xml").getroot().findall(".//{*}loc")
    paths = {re.sub(r"^/", "", urlsplit(loc.text).path) for loc in locs}
    return {path or "index.html" for path in paths}  # it lists index.html as the site's root


def test_pelican_sitemap_sees_every_page_and_the_site_is_as_without_it(tmp_path):
    plain = _project(tmp_path / "plain", "")
    invoke_build(plain)
    folder = _project(tmp_path, '\nPLUGINS = ["news_digest", "pelican.plugins.sitemap"]\n')
    invoke_build(folder)
    output = folder / "output"
    pages = {p.relative_to(output).as_posix() for p in output.rglob("*.html")}
    # pelican-sitemap lists what its content_written listener was sent: every page
    # Pelican's writer wrote, the plugin's own (entities, weeks, report) among them.
    listed = _sitemap_pages(output)
    assert {"people/jeff-sessions.html", "report.html", "articles/harbour-board-meets.html"} <= (
        listed
    )
    assert listed <= pages
    assert {p for p in pages if p.startswith(("people/", "weeks/", "articles/"))} <= listed
    assert broken_links(output) == []
    before = {p.relative_to(plain / "output").as_posix() for p in (plain / "output").rglob("*")}
    after = {p.relative_to(output).as_posix() for p in output.rglob("*")}
    assert after - before == {"sitemap.xml"}
    for page in pages:
        assert (output / page).read_bytes() == (plain / "output" / page).read_bytes(), page


def test_another_plugins_writer_writes_every_page(tmp_path):
    plain = _project(tmp_path / "plain", "")
    invoke_build(plain)
    fixtures = ROOT / "tests" / "fixtures" / "plugins"
    folder = _project(
        tmp_path,
        f'\nPLUGIN_PATHS = ["plugins", {str(fixtures)!r}]\n'
        'PLUGINS = ["news_digest", "listing_writer"]\n',
    )
    invoke_build(folder)
    output = folder / "output"
    written = set((output / "written-by-listing-writer.txt").read_text("utf-8").split())
    pages = {p.relative_to(output).as_posix() for p in output.rglob("*.html")}
    assert pages == written  # every page, the plugin's own too, went through that writer
    assert broken_links(output) == []
    for page in pages:
        assert (output / page).read_bytes() == (plain / "output" / page).read_bytes(), page
