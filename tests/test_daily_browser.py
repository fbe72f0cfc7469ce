"""Daily use in a real headless Chromium: live reload, 404s, the navigation, ``<html lang>``.

``invoke serve`` and ``invoke livereload`` run as a user runs them, in a
copy of the project, on a free port; the browser watches for console errors
as ``test_browser`` does.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import test_browser
from bs4 import BeautifulSoup
from conftest import ROOT, build_site, reader_seeds
from test_publish import COPY_IGNORE

DESKTOP, PHONE = test_browser.DESKTOP, test_browser.PHONE
# The browser and its contexts, as test_browser opens and watches them.
browser = test_browser.browser
open_context = test_browser.open_context

#: A phone's header may take at most this many CSS pixels (the issue's limit).
PHONE_HEADER_MAX_PX = 120
#: How long a server may take to start or a rebuild to reload the page before the test fails.
WAIT_SECONDS = 180

RUSSIAN = (
    "Городской совет одобрил новую трамвайную линию до гавани\n\n"
    "Автор: Мария Иванова, 14 февраля 2018\n\n"
    "Городской совет в среду проголосовал за строительство новой трамвайной линии, "
    "которая свяжет центральный вокзал с районом гавани.\n\n"
    "Депутаты заявили, что линия будет перевозить двенадцать тысяч пассажиров в день "
    "после открытия, а строительство начнётся весной.\n"
).encode()
JAPANESE = (
    "市議会、港への新しい路面電車路線を承認\n\n"
    "市議会は水曜日、中央駅と港湾地区を結ぶ新しい路面電車路線の建設を承認した。\n\n"
    "議員らは、開業後には一日一万二千人の乗客を運ぶ見込みだと述べ、工事は春に始まる予定だという。\n"
).encode()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stdout.read().decode(errors="replace")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    pytest.fail(f"nothing listened on port {port}")


@pytest.fixture
def project(tmp_path):
    work = tmp_path / "project"
    shutil.copytree(ROOT, work, ignore=COPY_IGNORE)
    return work


@pytest.fixture
def run_task(project):
    """``run_task(name, *args)`` starts ``invoke name --port P`` in the project; → base URL."""
    started = []

    def _run(name, *args):
        port = _free_port()
        env = {**os.environ, "CI": "1"}  # CI: no browser window opened
        process = subprocess.Popen(
            [sys.executable, "-m", "invoke", name, "--port", str(port), *args],
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        started.append(process)
        _wait_for_port(port, process)
        return f"http://127.0.0.1:{port}/"

    yield _run
    for process in started:
        process.terminate()
        process.wait()


def test_serve_answers_a_missing_page_with_404_html(project, run_task, open_context):
    subprocess.run([sys.executable, "-m", "invoke", "build"], cwd=project, check=True)
    base = run_task("serve")
    page, watch = open_context(base, viewport=DESKTOP)
    requests = []
    page.on("request", lambda request: requests.append(request.url))

    page.goto(base + "index.html")
    watch.assert_clean()  # the page names its icon: no request for /favicon.ico fails
    assert not any(url.endswith("/favicon.ico") for url in requests)
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert page.request.get(base + icon.removeprefix("./")).status == 200

    for missing in ("no-such-page.html", "articles/gone/deeper/no-such-article.html"):
        response = page.goto(base + missing)
        assert response.status == 404
        assert page.locator("h1").inner_text() == "Page not found"
        # Styled, and its links work, at any depth.
        color = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert color != "rgba(0, 0, 0, 0)"
        page.get_by_role("link", name="The digest").click()
        page.wait_for_url(base + "index.html")


def test_livereload_reloads_the_page_when_a_seed_changes(project, run_task, open_context):
    seed = sorted((project / "seeds").glob("*.txt"))[0]
    base = run_task("livereload")
    page, watch = open_context(base, viewport=DESKTOP)
    sockets = []
    page.on("websocket", lambda socket: sockets.append(socket))
    page.goto(base + "index.html")
    article_url = page.locator("article.entry .entry-title a").last.get_attribute("href")
    page.goto(base + article_url)
    page.wait_for_load_state("networkidle")
    # livereload.js, loaded as a script file under the site's CSP, connects back.
    if not sockets:
        page.wait_for_event("websocket", timeout=WAIT_SECONDS * 1000)

    added = "The harbour board promised a second tram line within five years of the first one."
    with page.expect_event("load", timeout=WAIT_SECONDS * 1000):
        text = seed.read_text(encoding="utf-8")
        seed.write_text(text.rstrip("\n") + "\n\n" + added + "\n", encoding="utf-8")
    page.get_by_text("second tram line within five years").wait_for()
    watch.assert_clean()  # no CSP violation, no failed load


def test_navigation_fits_one_line_on_a_desktop_and_folds_on_a_phone(open_context, reader_site):
    base = reader_site.as_uri() + "/"
    page, watch = open_context(base, viewport=DESKTOP)
    page.goto(base + "index.html")
    items = page.locator(".site-nav .nav-bar > li")
    tops = {round(items.nth(i).bounding_box()["y"]) for i in range(items.count())}
    assert len(tops) == 1, "the navigation wraps at 1280 px"
    page.locator(".nav-more summary").click()
    menu = [" ".join(t.split()) for t in page.locator(".nav-menu a:visible").all_inner_texts()]
    assert {"Authors", "Organisations", "Places", "Export"} <= set(menu)
    page.keyboard.press("Escape")  # closes the menu (theme/static/js/nav.js)
    assert page.locator(".nav-menu").is_hidden()
    page.locator(".nav-more summary").click()
    page.mouse.click(5, 600)  # so does a click elsewhere
    assert page.locator(".nav-menu").is_hidden()

    phone, phone_watch = open_context(base, viewport=PHONE, is_mobile=True)
    phone.goto(base + "index.html")
    header = phone.locator(".site-header").bounding_box()
    assert header["height"] <= PHONE_HEADER_MAX_PX
    assert phone.locator(".nav-bar > li:visible").count() == 1  # only the menu
    phone.locator(".nav-more summary").click()
    phone.get_by_role("link", name="Stories").click()
    phone.wait_for_url("**/stories.html")
    watch.assert_clean()
    phone_watch.assert_clean()


def test_html_lang_is_the_articles_language(open_context, tmp_path):
    seeds = {**reader_seeds(), "tram-ru.txt": RUSSIAN, "tram-ja.txt": JAPANESE}
    output = build_site(tmp_path / "site", seeds)
    expected = {"tram-ru.txt": "ru", "tram-ja.txt": "ja", "tram.txt": "en"}
    found = {}
    for path in (output / "articles").glob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        seed = soup.select_one("a[href*='seeds/']")
        name = Path(seed["href"]).name if seed else None
        if name in expected:
            found[name] = path
    assert set(found) == set(expected)
    page, watch = open_context(output.as_uri() + "/", viewport=DESKTOP)
    for name, path in found.items():
        page.goto(path.as_uri())
        assert page.evaluate("document.documentElement.lang") == expected[name], name
    page.goto((output / "index.html").as_uri())
    assert page.evaluate("document.documentElement.lang") == "en"
    watch.assert_clean()


def test_search_snippets_start_and_end_on_whole_words(open_context, reader_site):
    index = (reader_site / "search-index.js").read_text(encoding="utf-8")
    documents = json.loads(index[index.index("{") : index.rindex("}") + 1])["documents"]
    bodies = [" ".join(doc["body"].split()) for doc in documents]
    base = reader_site.as_uri() + "/"
    page, watch = open_context(base, viewport=DESKTOP)
    page.goto(base + "search.html?q=enforcement")
    snippets = page.locator("#search-results .result-snippet")
    snippets.first.wait_for()
    for i in range(snippets.count()):
        snippet = snippets.nth(i)
        assert snippet.locator("mark").count() >= 1
        text = " ".join(snippet.inner_text().split())
        inner = text.removeprefix("…").removesuffix("…").strip()
        assert inner != text, "a snippet of a long body is cut"
        body = next(b for b in bodies if inner in b)
        at = body.index(inner)
        assert at == 0 or body[at - 1] == " ", f"starts mid-word: {text[:40]}"
        end = at + len(inner)
        assert end == len(body) or body[end] == " ", f"ends mid-word: {text[-40:]}"
    watch.assert_clean()
