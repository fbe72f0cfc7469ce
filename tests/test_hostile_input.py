"""Hostile and faulty input: no seed, annotation, rule or file stops the build.

One site is built from every kind of bad input at once (seeds, links,
special files, annotations, tagging rules); each test checks what became of
one kind, and the site-wide checks (every seed accounted for once, no file
name too long, every page kind's URLs distinct, nothing loaded from outside
the site, no control or bidi character in a page) run over all of it.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import random
import stat
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import ROOT, WarningCapture, html_pages, resolve_link, run_pelican
from test_bad_input import BODY, VOCABULARY, project, story  # noqa: F401 (a fixture)

LONG_WORD = "Supercalifragilistic" * 20  # 400 letters, one word
JAPANESE_TITLE = "東京都が新しい橋の建設計画を承認"
JAPANESE_BODY = (
    "東京都は火曜日、老朽化した橋を建て替える計画を承認した。議会では費用と交通への影響について"
    "長い議論が行われた。\n\n住民たちは工事が早く始まることを望んでいると話した。"
    "計画によると、新しい橋は三年後に完成する予定である。\n"
)
CATASTROPHIC = "(a+)+$"

SEEDS: dict[str, bytes] = {
    "long-word.txt": story(f"Council names the {LONG_WORD} bridge").encode(),
    "emoji.txt": story("🎉🎉🎉 🚀").encode(),
    "punctuation.txt": story("!!! ... ???").encode(),
    "bidi.txt": story("Mayor \u202eevil.exe\u202c wins the vote").encode(),
    "late-nul.txt": (
        story("A seed with a NUL deep inside", body=BODY * 40) + "The mayor said\x00 it was done.\n"
    ).encode(),
    "utf16-no-bom.txt": story("Bridge vote saved as UTF-16 without a mark").encode("utf-16-le"),
    "japanese.txt": f"{JAPANESE_TITLE}\n\n{JAPANESE_BODY}".encode(),
    "annotated-long.txt": story("Annotation with very long names").encode(),
    "date-far.txt": story("Curator dates it in year 9999").encode(),
    "date-early.txt": story("Curator dates it in year one").encode(),
    "date-impossible.txt": story("Curator dates it on February 30").encode(),
    "alias-bomb.txt": story("Annotation with an alias bomb").encode(),
    "bad-keys.txt": story("Annotation with bad keys").encode(),
    "note-links.txt": story("Annotation with sly note links").encode(),
    "slow-rule.txt": story("A title the slow rule chokes on").encode(),
    "..txt": story("Two dots").encode(),
    "...txt": story("Three dots").encode(),
    "real-1/same.txt": story("First shelf copy of same").encode(),
    "real-2/same.txt": story("Second shelf copy of same").encode(),
}

LONG = "W" * 300
ANNOTATIONS = {
    "annotated-long": f"---\ntitle: {LONG}\ntags: [{'T' * 300}]\nauthors: [{'A' * 300}]\n"
    f"source: {'S' * 300}\n---\nA note.\n",
    "date-far": "---\ndate: 9999-12-31\n---\n",
    "date-early": "---\ndate: 0001-01-01\n---\n",
    "date-impossible": "---\ndate: 2018-02-30\n---\n",
    "alias-bomb": "---\n"
    + 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    + "date: *i\n---\n",
    "bad-keys": "---\ntitle: Fine title\ncolour: red\ntags: 5\n---\n",
    "emoji": "---\ntitle: 🎉🎉🎉 🚀\n---\n",
    "punctuation": "---\ntitle: '!!! ... ???'\n---\n",
    "slow-rule": f"---\ntitle: {'a' * 900}b\n---\n",
    "pipe": "---\ntags: [Piped]\n---\n",  # the annotation of a refused seed
    "nobody": "---\ntags: [Orphan]\n---\n",
    "note-links": "---\n---\n[escape](/\\evil.example/) [tab](java\tscript:alert(1)) "
    "[ok](https://example.org/) and a NUL \x00 here.\n",
}

RULES = f"""rules:
  - tags: [Bridges]
    if:
      body: "bridge"
  - tags: 5
    if:
      body: "council"
  - tags: [Slow]
    if:
      title: "{CATASTROPHIC}"
  - tags: [Odd]
    colour: red
    if:
      title: "curator"
"""


def _make_site(site: Path) -> Path:
    seeds = site / "seeds"
    for name, data in SEEDS.items():
        (seeds / name).parent.mkdir(parents=True, exist_ok=True)
        (seeds / name).write_bytes(data)
    (site / "content" / "pages").mkdir(parents=True)
    notes = site / "content" / "annotations"
    notes.mkdir()
    for stem, text in ANNOTATIONS.items():
        (notes / f"{stem}.md").write_text(text, encoding="utf-8")
    (site / "content" / "tagging-rules.yaml").write_text(RULES, encoding="utf-8")
    # Special files and links.
    os.mkfifo(seeds / "pipe.txt")
    (seeds / "zero.txt").symlink_to("/dev/zero")
    (site / "secret.txt").write_text(story("A file outside the seed folder"))
    (seeds / "outside.txt").symlink_to(site / "secret.txt")
    (seeds / "loop-a.txt").symlink_to(seeds / "loop-b.txt")
    (seeds / "loop-b.txt").symlink_to(seeds / "loop-a.txt")
    (seeds / "link-1").symlink_to("real-1")  # folders linked within seeds/
    (seeds / "link-2").symlink_to("real-2")
    (seeds / "real-1" / "up").symlink_to("..")  # a folder loop
    (seeds / "locked.txt").write_text(story("A seed nobody may read"))
    (seeds / "locked.txt").chmod(0)
    return seeds


#: Every file the report must list (paths below seeds/), links as found.
EXPECTED = sorted(
    [
        *SEEDS,
        "pipe.txt",
        "zero.txt",
        "outside.txt",
        "loop-a.txt",
        "loop-b.txt",
        "link-1/same.txt",
        "link-2/same.txt",
        "locked.txt",
    ]
)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-input")
    _make_site(root)
    handler = WarningCapture()
    logging.getLogger().addHandler(handler)
    try:
        output = run_pelican(root, NEWS_DIGEST_RULE_SECONDS=0.2)
    finally:
        logging.getLogger().removeHandler(handler)
    return output, handler.messages


@pytest.fixture(scope="module")
def site(built):
    return built[0]


@pytest.fixture(scope="module")
def report(site):
    data = json.loads((site / "report.json").read_text(encoding="utf-8"))
    return {entry["file"].removeprefix("seeds/"): entry for entry in data["seeds"]}


def _pages(site):
    return html_pages(site)


# -- the site as a whole ------------------------------------------------------------


def test_every_seed_is_accounted_for_once_under_its_own_path(site, report):
    files = [e["file"] for e in json.loads((site / "report.json").read_text())["seeds"]]
    assert len(files) == len(set(files))
    assert all(f.startswith("seeds/") for f in files), files
    assert sorted(report) == EXPECTED


def test_no_file_name_is_too_long_or_hidden(site):
    for path in site.rglob("*"):
        assert len(path.name.encode()) <= 255, path
        assert not path.name.startswith("."), path
        assert path.stem not in ("", "-"), path


def test_no_control_or_bidi_character_reaches_a_page(site):
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        bad = [c for c in text if (ord(c) < 32 and c not in "\t\n\r") or c in "\u202a\u202e\u2066"]
        assert not bad, (path, bad[:3])


def test_nothing_outside_the_site_is_linked_or_loaded(site):
    for page, soup in _pages(site).items():
        for attr in ("href", "src"):
            for tag in soup.find_all(attrs={attr: True}):
                parts = urlsplit(tag[attr])
                if parts.scheme in ("http", "https"):
                    assert attr == "href" and tag.name == "a", (page, tag)
                    continue
                assert not parts.scheme and not parts.netloc, (page, tag)
                if parts.path:
                    target = resolve_link(page, tag[attr])
                    assert site.resolve() in target.parents, (page, tag[attr])
                    assert target.is_file(), (page, tag[attr])


@pytest.mark.parametrize(
    ("index", "folder"),
    [
        ("tags.html", "tags"),
        ("authors.html", "authors"),
        ("sources.html", "sources"),
        ("people.html", "people"),
        ("organisations.html", "organisations"),
        ("places.html", "places"),
        ("stories.html", "stories"),
        ("archives.html", "articles"),
    ],
)
def test_every_page_kind_has_distinct_urls(site, index, folder):
    page = site / index
    soup = _pages(site)[page]
    links = {}
    for a in soup.find_all("a", href=True):
        target = resolve_link(page, a["href"])
        if target.parent == (site / folder).resolve():
            links.setdefault(target, set()).add(" ".join(a.get_text().split()))
    for target, names in links.items():
        assert target.is_file(), target
        assert len(names) == 1, (target, names)  # one page, one name


def test_article_urls_are_distinct(report):
    urls = [e["url"] for e in report.values() if e["status"] == "published"]
    assert len(urls) == len(set(urls))


# -- names that become paths ---------------------------------------------------------


def test_the_slug_function_bounds_and_never_empties_a_name():
    from news_digest.names import DEFAULT_MAX_NAME_BYTES, slug

    long = slug("Ünïcødé " * 60)
    assert len(long.encode()) <= DEFAULT_MAX_NAME_BYTES and long.startswith("unicode-unicode")
    assert slug("Ünïcødé " * 60) == long  # stable
    assert slug("Ünïcødé " * 60 + "x") != long  # names cut alike stay apart (the hash)
    for name in ("", ".", "..", "...", "🎉", "!!!", "\u202e", "-", " . "):
        made = slug(name, kind="tag")
        assert made.startswith("tag-") and len(made) == len("tag-") + 8, (name, made)
    assert slug("..hidden title") == "hidden-title"
    assert slug("Mayor \u202eevil\u202c wins") == "mayor-evil-wins"
    assert slug("Москва и Киев") == "moskva-i-kiev"
    assert slug("東京都の計画", language="ja") == "東京都の計画"
    assert slug("北京欢迎你", language="zh") == "bei-jing-huan-ying-ni"
    cut = slug("語" * 100, language="ja")  # 300 bytes of kanji: cut at a character
    assert len(cut.encode()) <= DEFAULT_MAX_NAME_BYTES
    cut.encode().decode("utf-8")


def test_the_registry_keeps_every_file_to_one_owner():
    from news_digest.names import UrlRegistry

    urls = UrlRegistry()
    urls.reserve("tags.html")
    assert urls.claim("tags", "{slug}.html", "a tag") == "tags-2"
    assert urls.claim("x", "articles/{slug}.html", "one") == "x"
    assert urls.claim("X", "articles/{slug}.html", "two") == "X-2"  # one file on a Mac
    assert urls.claim("x", "articles/{slug}.html", "one") == "x"  # asked again: the same
    assert urls.claim("x", "tags/{slug}.html", "three") == "x"  # another folder


def test_the_annotation_of_a_refused_seed_is_not_called_an_orphan(built):
    _, messages = built
    assert not any("no seed named pipe.txt" in m for m in messages)
    assert any("no seed named nobody.txt" in m for m in messages)  # a real orphan is


def _page(site, entry):
    assert entry["status"] == "published", entry
    return site / unquote(entry["url"])


def test_a_very_long_word_in_the_headline_gives_a_bounded_name(site, report):
    page = _page(site, report["long-word.txt"])
    assert page.is_file() and len(page.name.encode()) <= 130
    assert page.name.startswith("council-names-the-supercalifragilistic")
    assert LONG_WORD in _pages(site)[page].find("h1").get_text()


def test_titles_of_emoji_or_punctuation_get_a_real_name(site, report):
    for name in ("emoji.txt", "punctuation.txt"):
        page = _page(site, report[name])
        assert page.is_file() and page.stem.startswith("article-"), page


def test_very_long_curator_names_give_bounded_pages(site, report):
    page = _page(site, report["annotated-long.txt"])
    soup = _pages(site)[page]
    assert soup.find("h1").get_text(strip=True) == LONG
    for text in ("T" * 300, "A" * 300, "S" * 300):
        link = soup.find("a", string=lambda s, t=text: s and s.strip() == t)
        assert link is not None, text[:5]
        target = resolve_link(page, link["href"])
        assert target.is_file() and len(target.name.encode()) <= 130


def test_japanese_titles_keep_their_own_characters_and_link_from_file(site, report):
    entry = report["japanese.txt"]
    page = _page(site, entry)
    assert "東京都" in page.name and "dong" not in page.name.lower()
    assert entry["url"] != unquote(entry["url"]) or "東京都" in entry["url"]
    # The archive's link to it opens the file from disk.
    archive = site / "archives.html"
    links = [a["href"] for a in _pages(site)[archive].find_all("a", href=True)]
    assert page.resolve() in {resolve_link(archive, href) for href in links}


def test_japanese_link_opens_in_chromium_from_file(site, report):
    """The archive's link to a page named in kanji and kana, clicked in a real browser."""
    sync_api = pytest.importorskip("playwright.sync_api")
    from test_browser import CHROMIUM, CHROMIUM_ARGS, require_chromium

    require_chromium()
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto((site / "archives.html").as_uri())
            page.get_by_role("link", name=JAPANESE_TITLE).first.click()
            page.wait_for_load_state()
            assert page.locator("h1").first.inner_text().strip() == JAPANESE_TITLE
            assert Path(unquote(urlsplit(page.url).path)) == _page(site, report["japanese.txt"])
        finally:
            browser.close()
    gc.collect()  # Playwright's threads end with it: later builds fork (test_browser.py)
    for thread in threading.enumerate():
        if thread.name.startswith("asyncio_"):
            thread.join(timeout=10)


def test_seeds_named_dots_are_refused_with_a_reason(report):
    for name in ("..txt", "...txt"):
        assert report[name]["status"] == "rejected"
        assert "hidden file" in report[name]["reason"]


# -- text hygiene -------------------------------------------------------------------


def test_bidi_override_is_stripped_from_the_title(site, report):
    assert report["bidi.txt"]["title"] == "Mayor evil.exe wins the vote"
    assert "\u202e" not in _page(site, report["bidi.txt"]).read_text(encoding="utf-8")


def test_a_nul_deep_in_a_seed_is_dropped(site, report):
    text = _page(site, report["late-nul.txt"]).read_text(encoding="utf-8")
    assert "\x00" not in text
    assert "The mayor said it was done." in text.replace("&nbsp;", " ")


def test_utf16_without_a_byte_order_mark_is_decoded(site, report):
    soup = _pages(site)[_page(site, report["utf16-no-bom.txt"])]
    title = soup.find("h1").get_text(" ", strip=True).replace("\u00a0", " ")
    assert title == "Bridge vote saved as UTF-16 without a mark"


def test_note_links_are_read_as_a_browser_reads_them(site, report):
    soup = _pages(site)[_page(site, report["note-links.txt"])]
    note = soup.find(class_="annotation-note") or soup
    hrefs = [a["href"] for a in note.find_all("a", href=True)]
    assert "https://example.org/" in hrefs
    for href in hrefs:
        assert not href.replace("\\", "/").startswith("//"), href
        assert "script" not in href.replace("\t", "").lower(), href


# -- files that are not seeds -------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("pipe.txt", "named pipe"),
        ("zero.txt", "character device"),  # a link to /dev/zero: refused by stat
        ("outside.txt", "outside the seed folders"),
        ("loop-a.txt", "loop of symbolic links"),
        ("loop-b.txt", "loop of symbolic links"),
    ],
)
def test_special_files_and_links_are_refused_before_reading(report, name, reason):
    assert report[name]["status"] == "rejected"
    assert reason in report[name]["reason"]


def test_a_link_to_a_device_inside_the_seed_folder_is_refused_by_stat(tmp_path):
    from news_digest.reader import why_unreadable

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    settings = {"PATH": str(tmp_path), "ARTICLE_PATHS": ["seeds"]}
    os.mkfifo(seeds / "fifo.txt")
    assert "named pipe" in why_unreadable(seeds / "fifo.txt", settings)
    assert "a folder" in why_unreadable(seeds, settings)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_seed_is_reported_as_such(report):
    assert report["locked.txt"]["status"] == "rejected"
    assert "cannot be read" in report["locked.txt"]["reason"]
    assert "please report" not in report["locked.txt"]["reason"]


def test_linked_folders_are_accounted_for_and_serve_their_own_files(site, report):
    for folder in ("real-1", "real-2", "link-1", "link-2"):
        assert report[f"{folder}/same.txt"]["status"] in ("published", "duplicate")
    assert not any(name.startswith("real-1/up/") for name in report)  # the loop is not walked
    for number in (1, 2):
        # The same file by two paths: one published, the other its duplicate.
        pair = [report[f"{folder}-{number}/same.txt"] for folder in ("real", "link")]
        assert sorted(e["status"] for e in pair) == ["duplicate", "published"]
        entry = next(e for e in pair if e["status"] == "published")
        page = _page(site, entry)
        raw = next(
            a["href"]
            for a in _pages(site)[page].find_all("a", href=True)
            if a.get_text() == "Raw seed"
        )
        assert resolve_link(page, raw).read_bytes() == SEEDS[f"real-{number}/same.txt"]


# -- the curator's files ------------------------------------------------------------


def _warnings(entry):
    return [(w["file"], w["line"], w["message"]) for w in entry["warnings"]]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("date-far.txt", "outside the years"),
        ("date-early.txt", "outside the years"),
        ("date-impossible.txt", "not a real date"),
        ("alias-bomb.txt", "anchor (&a) is not allowed"),
    ],
)
def test_bad_annotation_values_are_warnings_and_the_seed_is_published(report, name, message):
    entry = report[name]
    assert entry["status"] == "published"
    found = [w for w in _warnings(entry) if message in w[2]]
    assert found and found[0][0] == f"content/annotations/{name[:-4]}.md"
    assert found[0][1] is not None  # the line


def test_annotation_with_bad_keys_keeps_its_good_ones(report):
    entry = report["bad-keys.txt"]
    assert entry["status"] == "published" and entry["title"] == "Fine title"
    lines = {message.split()[0]: line for _, line, message in _warnings(entry)}
    messages = " ".join(m for _, _, m in _warnings(entry))
    assert "unknown key 'colour'" in messages and "'tags' must be a list" in messages
    assert lines["unknown"] == 3


def test_bad_and_slow_rules_cost_only_themselves(site, report):
    published = [e for e in report.values() if e["status"] == "published"]
    assert len(published) >= 15  # `tags: 5` rejects nothing
    page = _pages(site)[_page(site, report["long-word.txt"])]
    assert page.find("a", string="Bridges") is not None  # the good rule still applies
    slow = [w for w in _warnings(report["slow-rule.txt"]) if "tagging rule 3" in w[2]]
    assert slow and slow[0][:2] == ("content/tagging-rules.yaml", 8), _warnings(
        report["slow-rule.txt"]
    )
    assert "regular expression" in slow[0][2]
    assert report["slow-rule.txt"]["status"] == "published"


def test_rules_file_with_aliases_or_bad_types_is_refused_by_the_schema(tmp_path):
    from news_digest.annotations.rules import load_rules

    path = tmp_path / "rules.yaml"
    path.write_text("rules:\n  - &r {tags: [A], if: {body: x}}\n  - *r\n")
    rules, warnings = load_rules(path)
    assert rules == [] and "anchor" in warnings[0] and f"{path}:2" in warnings[0]
    path.write_text("rules:\n  - tags: 5\n    if: {body: x}\n  - tags: [B]\n    if: {body: y}\n")
    rules, warnings = load_rules(path)
    assert [r.tags for r in rules] == [("B",)]
    assert warnings[0].startswith(f"{path}:2: rule 1")


# -- stories, and names made to collide ---------------------------------------------


def test_story_slugs_are_distinct_and_never_from_a_date():
    from news_digest.digest_pages import STORY_PATTERN, _story_slug
    from news_digest.names import UrlRegistry

    class Member:
        def __init__(self, tags, people):
            self.tags, self.entities, self.language = tags, {"person": people}, "en"

    urls = UrlRegistry()
    pair = [Member(["Bridge plan"], ["Ann Lee"]), Member(["Bridge plan"], [])]
    slugs = [
        urls.claim(_story_slug(pair, "Title one", {}), STORY_PATTERN, ("s", n)) for n in range(3)
    ]
    assert slugs == ["bridge-plan", "bridge-plan-2", "bridge-plan-3"]
    # No shared tag: the person most of them name; nothing shared: the story's title.
    shared_person = [Member([], ["Ann Lee"]), Member(["Other"], ["Ann Lee"])]
    assert _story_slug(shared_person, "Title one", {}) == "ann-lee"
    nothing = [Member([], []), Member([], [])]
    assert _story_slug(nothing, "Same title", {}) == "same-title"


def test_stories_in_the_site_have_distinct_files(site):
    soup = _pages(site)[site / "stories.html"]
    hrefs = [a["href"] for a in soup.select("a[href^='stories/']")]
    assert len(hrefs) == len(set(hrefs))
    assert not any("1970" in href for href in hrefs)


COLLIDING = {
    "bridge-a.txt": story("Bridge plan").encode(),
    "bridge-b.txt": story("Bridge Plan", body="Another article entirely.\n" * 3).encode(),
    "c-plain.txt": story("C language notes").encode(),
    "c-plus.txt": story("C++ language notes").encode(),
}
COLLIDING_NOTES = {
    "bridge-a": "---\ntitle: Bridge plan\n---\n",
    "bridge-b": "---\ntitle: Bridge Plan\n---\n",
    "c-plain": "---\ntitle: C notes\ntags: [C, Bridge plan]\nsource: Bridge plan\n---\n",
    "c-plus": "---\ntitle: C++ notes\ntags: [C++, c]\nauthors: [Bridge plan]\n---\n",
}


def test_names_made_to_collide_across_page_kinds_get_distinct_pages(tmp_path):
    """Articles, tags, authors and sources all in ``articles/``: one registry keeps them apart."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, data in COLLIDING.items():
        (seeds / name).write_bytes(data)
    notes = tmp_path / "content" / "annotations"
    notes.mkdir(parents=True)
    (tmp_path / "content" / "pages").mkdir()
    for stem, text in COLLIDING_NOTES.items():
        (notes / f"{stem}.md").write_text(text)
    shared = "articles/{slug}.html"
    into_articles = {
        f"{kind}_{what}": shared
        for kind in ("TAG", "AUTHOR", "CATEGORY")
        for what in ("URL", "SAVE_AS")
    }
    output = run_pelican(tmp_path, **into_articles)
    pages = html_pages(output / "articles")
    headings = sorted(" ".join(s.find("h1").get_text().split()) for s in pages.values())
    # Two articles "Bridge plan", the tag, the author and the source: five pages.
    assert sum("bridge plan" in h.lower() for h in headings) == 5, headings
    tags = {}
    for soup in pages.values():
        for a in soup.select("a[rel~='tag'], .tags a"):
            tags.setdefault(a.get_text(strip=True), set()).add(a["href"].split("/")[-1])
    assert tags.get("C") and tags.get("C++") and tags["C"].isdisjoint(tags["C++"])
    # A warm build (every seed from the cache) names every page as the fresh one did.
    warm = run_pelican(tmp_path, tmp_path / "warm", **into_articles)
    fresh_files = {p.relative_to(output): p.read_bytes() for p in output.rglob("*") if p.is_file()}
    warm_files = {p.relative_to(warm): p.read_bytes() for p in warm.rglob("*") if p.is_file()}
    assert sorted(warm_files) == sorted(fresh_files)
    assert [name for name in fresh_files if fresh_files[name] != warm_files[name]] == []


#: Two stories about the same people months apart: each is named after what it is
#: about ("Ann Lee"), so their names collide.
STORY_PARAGRAPHS = {
    "a": "Mayor Ann Lee and engineer Ben Ford said the harbour bridge would close for "
    "repairs, and ferries would carry commuters across the harbour while the bridge stays closed.",
    "b": "Mayor Ann Lee and engineer Ben Ford said the harbour bridge would close again, "
    "because inspectors found cracks in the old steel beams under the deck.",
}


def _story_article(title: str, date: str, pair: str) -> str:
    rng = random.Random(title)
    own, more = (" ".join(rng.choice(VOCABULARY) for _ in range(60)) for _ in range(2))
    return (
        f"{title}\n\nBy Kari Hansen {date}\n\nThe {own} closed the meeting.\n\n"
        f"{STORY_PARAGRAPHS[pair]}\n\nAnn Lee said the {more} was done.\n"
    )


def test_two_stories_of_one_name_get_distinct_pages(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (tmp_path / "content" / "pages").mkdir(parents=True)
    articles = {
        "a1.txt": ("Harbour bridge to close for repairs", "Jan 10, 2018", "a"),
        "a2.txt": ("Harbour bridge closure begins", "Jan 12, 2018", "a"),
        "b1.txt": ("Harbour bridge to close again", "Jun 10, 2018", "b"),
        "b2.txt": ("Harbour bridge closed once more", "Jun 12, 2018", "b"),
    }
    for name, (title, date, pair) in articles.items():
        (seeds / name).write_text(_story_article(title, date, pair))
    output = run_pelican(tmp_path)
    stories = html_pages(output / "stories")
    assert len(stories) == 2, sorted(stories)
    members = []
    for page, soup in stories.items():
        titles = {" ".join(a.get_text().split()) for a in soup.select("a[href*='articles/']")}
        members.append({t for t, *_ in articles.values() if t in titles})
        for a in soup.select("a[href]"):
            if not urlsplit(a["href"]).scheme and not a["href"].startswith("#"):
                assert resolve_link(page, a["href"]).is_file(), (page, a["href"])
    # One story per pair, each on its own page.
    assert sorted(map(sorted, members)) == sorted(
        sorted(t for t, _, pair in articles.values() if pair == p) for p in "ab"
    )


# -- one build at a time ------------------------------------------------------------


def test_two_builds_at_once_both_finish_and_leave_a_whole_site(project):  # noqa: F811
    command = [sys.executable, "-m", "invoke", "build"]
    first = subprocess.Popen(command, cwd=project, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(command, cwd=project, stderr=subprocess.PIPE, text=True)
    errors = [first.communicate()[1], second.communicate()[1]]
    assert first.returncode == 0 and second.returncode == 0, errors
    assert any("waiting for it to finish" in e for e in errors), errors
    output = project / "output"
    report = json.loads((output / "report.json").read_text())
    for entry in report["seeds"]:
        if entry["status"] == "published":
            assert (output / unquote(entry["url"])).is_file()
    assert not (project / "output.partial").exists()


def test_a_read_only_old_site_is_still_removed(tmp_path, monkeypatch):
    import importlib

    monkeypatch.chdir(ROOT)
    monkeypatch.syspath_prepend(str(ROOT))
    tasks = importlib.import_module("tasks")
    folder = tmp_path / "output.old-1"
    (folder / "deep").mkdir(parents=True)
    (folder / "deep" / "page.html").write_text("old")
    for path in (folder / "deep" / "page.html", folder / "deep", folder):
        path.chmod(stat.S_IRUSR | stat.S_IXUSR)
    assert tasks.remove_later(folder).wait() == 0
    assert not folder.exists()
