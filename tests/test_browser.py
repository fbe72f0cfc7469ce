"""The built digest in a real headless Chromium: from disk, over HTTP under a sub-path.

Every test watches the browser: no console error, no failed load, and no
request for anything outside the site's own files (anything else is aborted
and reported). Screenshots land in ``artifacts/screenshots/`` (git-ignored).
"""

from __future__ import annotations

import gc
import os
import shutil
import threading
from pathlib import Path

import pytest
from conftest import ROOT, build_site
from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer
from test_site import HOSTILE, _plain

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
#: Impacts that fail the accessibility check (axe also reports minor and moderate).
BLOCKING_IMPACTS = {"serious", "critical"}
#: Where the annotation layer may put person pages; the step is skipped without them.
PERSON_FOLDERS = ("people", "persons", "person")
SUB_PATH = "annotated-news-digest"


def require_chromium():
    if CHROMIUM.is_file():
        return
    message = f"{CHROMIUM} is missing: scripts/bootstrap.sh installs Debian's chromium"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser():
    require_chromium()
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    # Playwright's event loop leaves its executor's threads to the collector. The
    # plugin forks workers only from a single-threaded process: later tests would
    # build on one core, now and then, and not see it.
    gc.collect()
    for thread in threading.enumerate():
        if thread.name.startswith("asyncio_"):
            thread.join(timeout=10)


class Watch:
    """Collects what went wrong on a page; aborts requests that leave the site."""

    def __init__(self, context, site_prefix: str):
        self.site_prefix = site_prefix
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.failed: list[str] = []
        context.route("**/*", self._route)
        context.on("console", self._console)
        context.on("weberror", lambda error: self.errors.append(str(error.error)))
        context.on("requestfailed", self._failed)

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.site_prefix):
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()

    def _failed(self, request):
        # Chromium cancels a page's pending loads (its icon, most often) when the
        # test navigates on: that is the browser leaving, not a load that failed.
        if request.failure != "net::ERR_ABORTED":
            self.failed.append(request.url)

    def _console(self, message):
        if message.type == "error":
            self.errors.append(message.text)

    def assert_clean(self):
        assert self.errors == [], "console errors"
        assert self.foreign == [], "requests outside the site"
        assert self.failed == [], "failed loads"


@pytest.fixture
def open_context(browser):
    """``open_context(prefix, **options)`` → (page, watch); all closed after the test."""
    contexts = []

    def _open(site_prefix: str, **options):
        context = browser.new_context(**options)
        contexts.append(context)
        watch = Watch(context, site_prefix)
        return context.new_page(), watch

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def http_site(reader_site, tmp_path_factory):
    """The built site served by ``invoke serve``'s server at ``/<SUB_PATH>/``.

    The same server Pelican's ``tasks.py`` uses, rooted one level up, so the
    site sits under a project sub-path as on GitHub Pages.
    """
    root = tmp_path_factory.mktemp("served")
    shutil.copytree(reader_site, root / SUB_PATH)

    class Handler(ComplexHTTPRequestHandler):  # RootedHTTPServer sets a class attribute
        pass

    server = RootedHTTPServer(str(root), ("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{SUB_PATH}/"
    server.shutdown()
    server.server_close()
    thread.join()


def _text(locator) -> str:
    return " ".join(locator.inner_text().split())


def read_the_digest(page, base: str, screenshots: str | None = None):
    """Home → a week → an article → a tag → a search → a result, as a reader would."""
    page.goto(base + "index.html")
    assert page.locator("h1").first.inner_text() == "Annotated News Digest"
    if screenshots:
        page.screenshot(path=SCREENSHOTS / f"home-{screenshots}.png", full_page=True)

    page.locator("section.week h2 a").first.click()
    page.wait_for_url("**/weeks/2018-W07.html")
    assert _text(page.locator("h1")) == "Week 7, 2018"

    entry = page.locator("article.entry .entry-title a").first
    title = _text(entry)
    entry.click()
    page.wait_for_url("**/articles/*.html")
    assert _text(page.locator("article h1")) == title
    if screenshots:
        page.screenshot(path=SCREENSHOTS / f"article-{screenshots}.png", full_page=True)

    page.goto(
        base + "articles/jeff-sessions-stop-handcuffing-the-police-instead-of-the-criminals.html"
    )
    tag = page.locator(".article-header a.tag").first
    tag_name = _text(tag)
    tag.click()
    page.wait_for_url("**/tags/*.html")
    assert _text(page.locator("h1")) == tag_name
    assert page.locator("article.entry").count() == 2

    page.fill("#site-search-q", "tram")
    page.press("#site-search-q", "Enter")
    page.wait_for_url("**/search.html?q=tram")
    results = page.locator("#search-results .result")
    results.first.wait_for()
    assert results.count() == 1
    assert "1 article" in page.locator("#search-status").inner_text()
    results.first.locator("a").first.click()
    page.wait_for_url("**/articles/*.html")
    assert "tram line" in _text(page.locator("article h1"))


def test_reader_journey_from_disk(open_context, reader_site):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page, watch = open_context(reader_site.as_uri() + "/", viewport=DESKTOP)
    read_the_digest(page, reader_site.as_uri() + "/", screenshots="desktop")
    watch.assert_clean()


def test_reader_journey_on_a_phone_in_dark_mode(open_context, reader_site):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page, watch = open_context(
        reader_site.as_uri() + "/", viewport=PHONE, color_scheme="dark", is_mobile=True
    )
    read_the_digest(page, reader_site.as_uri() + "/", screenshots="phone")
    # Nothing is wider than the phone's screen.
    for name in ("index.html", "search.html?q=sessions", "weeks/2018-W07.html"):
        page.goto(reader_site.as_uri() + "/" + name)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], name
    watch.assert_clean()


def test_reader_journey_over_http_under_a_sub_path(open_context, http_site):
    page, watch = open_context(http_site, viewport=DESKTOP)
    read_the_digest(page, http_site)
    watch.assert_clean()


def test_the_watch_catches_a_request_to_another_host(open_context, tmp_path):
    """The check above can fail: a page that loads from elsewhere is caught and blocked."""
    leaky = tmp_path / "leaky.html"
    leaky.write_text('<!doctype html><title>x</title><img src="https://example.com/x.png" alt="">')
    page, watch = open_context(tmp_path.as_uri() + "/")
    page.goto(leaky.as_uri())
    assert watch.foreign == ["https://example.com/x.png"]
    assert watch.failed == ["https://example.com/x.png"]


def test_search_filters_by_tag_and_source(open_context, reader_site):
    base = reader_site.as_uri() + "/"
    page, watch = open_context(base, viewport=DESKTOP)
    page.goto(base + "search.html")
    results = page.locator("#search-results .result")
    assert results.count() == 0
    page.select_option("#search-source", "Talking Points Memo")
    results.first.wait_for()
    assert results.count() == 1
    page.select_option("#search-source", "")
    page.select_option("#search-tag", "Jeff Sessions")
    page.wait_for_function("document.querySelectorAll('#search-results .result').length == 2")
    page.fill("#search-q", "handcuffing")
    page.wait_for_function("document.querySelectorAll('#search-results .result').length == 1")
    assert "Handcuffing" in _text(results.first.locator("h2"))
    assert results.first.locator("mark").count() >= 1
    page.fill("#search-q", "lighthouse")
    page.wait_for_function("document.querySelectorAll('#search-results .result').length == 0")
    assert "No article matches" in page.locator("#search-status").inner_text()
    # A tag chip in a result filters by that tag, from the URL.
    page.goto(base + "search.html?q=sessions")
    results.first.wait_for()
    results.first.locator("a.tag").first.click()
    page.wait_for_url("**/search.html?tag=Jeff%20Sessions")
    assert page.locator("#search-tag").input_value() == "Jeff Sessions"
    page.wait_for_function("document.querySelectorAll('#search-results .result').length == 2")
    page.screenshot(path=SCREENSHOTS / "search-desktop.png", full_page=True)
    watch.assert_clean()


def test_a_person_page_opens_from_an_article(open_context, reader_site):
    people = [p for folder in PERSON_FOLDERS for p in (reader_site / folder).glob("*.html")]
    if not people:
        pytest.skip("no person pages in this build (the annotation layer adds them)")
    base = reader_site.as_uri() + "/"
    page, watch = open_context(base, viewport=DESKTOP)
    for article in sorted((reader_site / "articles").glob("*.html")):
        page.goto(article.as_uri())
        links = page.locator(", ".join(f"main a[href*='{f}/']" for f in PERSON_FOLDERS))
        if links.count():
            name = _text(links.first)
            links.first.click()
            page.wait_for_load_state()
            assert name in _text(page.locator("h1"))
            break
    else:
        pytest.fail("person pages exist but no article links to one")
    watch.assert_clean()


# preload off: axe would fetch the stylesheets with XHR, which file:// forbids.
AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"], preload: false});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))
  }));
}"""

MAIN_PAGES = (
    "index.html",
    "weeks/2018-W07.html",
    "articles/sessions-we-can-and-must-do-better-at-intervening-before-attacks-happen.html",
    "tags.html",
    "tags/jeff-sessions.html",
    "sources.html",
    "authors.html",
    "archives.html",
    "search.html?q=sessions",
    "404.html",
)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violations(open_context, reader_site, scheme):
    base = reader_site.as_uri() + "/"
    # axe is injected as an inline script: let it past a script-src 'self' policy.
    page, watch = open_context(base, viewport=DESKTOP, color_scheme=scheme, bypass_csp=True)
    found = {}
    for name in MAIN_PAGES:
        page.goto(base + name)
        if "search" in name:
            page.locator("#search-results .result").first.wait_for()
        page.add_script_tag(path=AXE)
        blocking = [v for v in page.evaluate(AXE_RUN) if v["impact"] in BLOCKING_IMPACTS]
        if blocking:
            found[name] = blocking
    assert found == {}
    watch.assert_clean()


def test_print_shows_the_article_without_navigation_or_search(open_context, reader_site):
    base = reader_site.as_uri() + "/"
    page, watch = open_context(base, viewport=DESKTOP)
    page.goto(base + MAIN_PAGES[2])
    page.emulate_media(media="print")
    for selector in (".site-header nav", ".site-search", ".prev-next"):
        assert page.locator(selector).is_hidden(), selector
    assert page.locator("article .content").is_visible()
    page.emulate_media(media="screen")
    assert page.locator(".site-search").is_visible()
    watch.assert_clean()


def test_seed_markup_in_search_results_stays_text(open_context, tmp_path):
    output = build_site(tmp_path, {"hostile.txt": HOSTILE.encode()})
    base = output.as_uri() + "/"
    page, watch = open_context(base, viewport=DESKTOP)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(base + "search.html?q=headline")
    title = page.locator("#search-results .result h2")
    title.first.wait_for()
    assert "<script>alert('seed')</script>" in _plain(title.first.inner_text())
    page.goto(base + "search.html?q=opened")
    snippet = page.locator("#search-results .result-snippet")
    snippet.first.wait_for()
    assert "<img src=x onerror=alert(1)>" in _plain(snippet.first.inner_text())
    assert page.locator("#search-results img, #search-results script").count() == 0
    assert dialogs == []
    watch.assert_clean()
