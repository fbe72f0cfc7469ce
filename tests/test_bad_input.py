"""Bad input: every seed ends up in the site or in the report with a reason, never a crash."""

from __future__ import annotations

import importlib
import json
import os
import random
import re
import subprocess
import sys
import time
from urllib.parse import unquote

import pytest
from conftest import ROOT, build_site, html_pages

BODY = (
    "The council voted on Tuesday to rebuild the old bridge, after a long debate "
    "about the cost and the traffic it would bring to the town centre.\n\n"
    "Residents who spoke at the meeting said they wanted the work to start soon.\n"
)


VOCABULARY = [
    "harbour",
    "mayor",
    "budget",
    "tram",
    "school",
    "river",
    "market",
    "museum",
    "winter",
    "storm",
    "ferry",
    "library",
    "rail",
    "hospital",
    "farmers",
    "festival",
    "election",
    "tax",
    "housing",
    "park",
    "bridge",
    "road",
    "council",
    "plan",
    "vote",
    "debate",
    "residents",
    "workers",
    "teachers",
    "nurses",
    "drivers",
    "owners",
]


def story(title: str, body: str = BODY, date: str = "") -> str:
    """A small article with a body of its own: seeds alike would be near-duplicates."""
    rng = random.Random(title)
    own = " ".join(rng.choice(VOCABULARY) for _ in range(80))
    byline = f"By Ann Lee {date}".rstrip()
    return f"{title}\n\n{byline}\n\nThe {own} closed the meeting.\n\n{body}"


MOJIBAKE = story("Council backs the bridge plan").replace("wanted", "wanted it’s").encode()
MOJIBAKE = MOJIBAKE.decode("utf-8").encode("utf-8").decode("cp1252", errors="ignore").encode()

SEEDS: dict[str, bytes] = {
    "empty.txt": b"",
    "blank.txt": b"  \n\n\t \n   \n",
    "binary.txt": bytes(range(256)) * 40,
    "invalid-utf8.txt": story("Caf\xe9 owners cheer the plan").encode("latin-1") + b"\xff\xfe\xfa",
    "cp1252.txt": story("Mayor’s “bridge” plan wins — at last").encode("cp1252"),
    "utf16.txt": story("Bridge vote reported in UTF-16 text").encode("utf-16"),
    "crlf.txt": story("Bridge plan passes with CRLF ends").replace("\n", "\r\n").encode(),
    "cr.txt": story("Bridge plan passes with CR ends").replace("\n", "\r").encode(),
    "mojibake.txt": MOJIBAKE,
    "huge.txt": (story("A twenty megabyte seed") + "word " * 4_200_000).encode(),
    "one-line.txt": ("This very long line keeps going, " * 32_000 + "and ends.").encode(),
    "no-title.txt": (
        "The council voted on Tuesday to rebuild the old bridge over the river, "
        "after years of debate about its cost, and the vote was close.\n\n" + BODY
    ).encode(),
    "only-boilerplate.txt": b"Comments\nShare\nSign up for our newsletter\nAdvertisement\n",
    "twin-a.txt": story("Bridge plan approved").encode(),
    "twin-b.txt": story(
        "Bridge plan approved",
        "On Friday the regional board approved a separate plan for a footbridge "
        "near the school, paid for by a national grant.\n\nParents welcomed it.\n",
    ).encode(),
    "copy-1.txt": story("The same story saved twice").encode(),
    "copy-2.txt": story("The same story saved twice").encode(),
    "name with spaces.txt": story("Spaces in the file name are fine").encode(),
    "ünïcødé – naïve.txt": story("Unicode file names are fine too").encode(),
    "README": story("A seed without an extension").encode(),
    "notes.md": b"Title: Markdown\n\n<script>alert(1)</script>\n",
    "region/north/deep.txt": story("Seeds in sub-folders are read").encode(),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("bad"), SEEDS)


@pytest.fixture(scope="module")
def report(site):
    data = json.loads((site / "report.json").read_text(encoding="utf-8"))
    return {entry["file"].removeprefix("seeds/"): entry for entry in data["seeds"]}


def test_every_seed_appears_exactly_once(report, site):
    assert sorted(report) == sorted(SEEDS)
    text = (site / "report.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert len(data["seeds"]) == len(SEEDS)
    # One seed a line, keys sorted: a rebuild's report diffs seed by seed.
    rows = text.splitlines()
    start = rows.index('  "seeds": [') + 1
    lines = [json.loads(line.strip().rstrip(",")) for line in rows[start : start + len(SEEDS)]]
    assert lines == data["seeds"]
    assert list(data) == ["other_warnings", "seeds", "summary"]
    assert all(list(seed) == sorted(seed) for seed in data["seeds"])


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty"),
        ("blank.txt", "empty"),
        ("binary.txt", "text file"),
        ("huge.txt", "too large"),
        ("only-boilerplate.txt", "nothing is left"),
        ("README", "must end in .txt"),
        ("notes.md", "must end in .txt"),
    ],
)
def test_rejected_with_a_clear_reason(report, name, reason):
    entry = report[name]
    assert entry["status"] == "rejected"
    assert reason in entry["reason"]
    assert entry["warnings"] and entry["warnings"][0]["file"] == f"seeds/{name}"


def _page(site, entry):
    assert entry["status"] == "published", entry
    path = site / unquote(entry["url"])
    return html_pages(path.parent)[path]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("invalid-utf8.txt", "Café owners cheer the plan"),
        ("cp1252.txt", "Mayor’s “bridge” plan wins — at last"),
        ("utf16.txt", "Bridge vote reported in UTF-16 text"),
        ("crlf.txt", "Bridge plan passes with CRLF ends"),
        ("cr.txt", "Bridge plan passes with CR ends"),
        ("name with spaces.txt", "Spaces in the file name are fine"),
        ("ünïcødé – naïve.txt", "Unicode file names are fine too"),
        ("region/north/deep.txt", "Seeds in sub-folders are read"),
    ],
)
def test_odd_encodings_and_names_are_published(site, report, name, expected):
    soup = _page(site, report[name])
    assert soup.find("h1").get_text(" ", strip=True).replace("\u00a0", " ") == expected
    text = soup.get_text(" ")
    assert "rebuild the old bridge" in text
    assert "\r" not in str(soup)
    raw = next(a["href"] for a in soup.find_all("a", href=True) if a.get_text() == "Raw seed")
    page = site / unquote(report[name]["url"])
    assert (page.parent / unquote(raw)).read_bytes() == SEEDS[name]


def test_mojibake_is_repaired(site, report):
    text = _page(site, report["mojibake.txt"]).get_text(" ")
    assert "it’s" in text and "â€" not in text


def test_single_megabyte_line_is_published_with_a_warning(site, report):
    entry = report["one-line.txt"]
    assert entry["status"] == "published"
    assert any("title" in w["message"] for w in entry["warnings"])
    assert "and ends." in _page(site, entry).get_text().replace("\u00a0", " ")


def test_no_title_falls_back_to_the_file_name_with_a_warning(site, report):
    entry = report["no-title.txt"]
    assert entry["title"] == "no-title"
    assert any("no recognisable title" in w["message"] for w in entry["warnings"])


def test_same_title_gives_two_pages(site, report):
    a, b = report["twin-a.txt"], report["twin-b.txt"]
    assert a["status"] == b["status"] == "published"
    assert a["url"] != b["url"]
    assert "Tuesday" in _page(site, a).get_text() and "Friday" in _page(site, b).get_text()


def test_same_article_twice_is_published_once(report):
    first, second = report["copy-1.txt"], report["copy-2.txt"]
    assert first["status"] == "published"
    assert second["status"] == "duplicate"
    assert second["duplicate_of"] == "seeds/copy-1.txt"
    assert second["url"] == first["url"]


def test_markdown_in_the_seed_folder_is_not_read_as_markup(site):
    for soup in html_pages(site).values():
        assert soup.find("script", string=True) is None


def test_report_page_lists_every_seed(site):
    soup = html_pages(site)[site / "report.html"]
    files = [code.get_text() for code in soup.select("li.seed > p > code:first-child")]
    assert sorted(f.removeprefix("seeds/") for f in files) == sorted(SEEDS)


def _run_build(project, *args):
    return subprocess.run(
        [sys.executable, "-m", "invoke", "build", *args],
        cwd=project,
        capture_output=True,
        text=True,
    )


@pytest.fixture
def project(tmp_path):
    import shutil

    from test_publish import COPY_IGNORE

    work = tmp_path / "project"
    shutil.copytree(ROOT, work, ignore=COPY_IGNORE)
    return work


def test_strict_build_fails_on_warnings_and_plain_build_does_not(project):
    (project / "seeds" / "empty.txt").write_bytes(b"")
    plain = _run_build(project)
    assert plain.returncode == 0, plain.stderr
    assert "1 rejected" in plain.stderr
    # Logged as the build goes (on standard output), one line, and counted.
    said = [line for line in plain.stdout.splitlines() if "empty.txt" in line]
    assert said == ["WARNING seeds/empty.txt: the file is empty"]
    # The empty seed's rejection, and whatever the stock seeds warn of (an unsure date).
    counted = int(re.search(r"(\d+) warning\(s\)", plain.stderr)[1])
    assert counted >= 1
    strict = _run_build(project, "--strict")
    assert strict.returncode != 0
    assert f"--strict: {counted} warning(s)" in strict.stderr


def test_failed_build_leaves_the_previous_output_untouched(project):
    assert _run_build(project).returncode == 0
    before = {p: p.read_bytes() for p in (project / "output").rglob("*") if p.is_file()}
    (project / "theme" / "templates" / "article.html").write_text("{% broken %}")
    (project / "seeds" / "new.txt").write_text(story("A new story that will not build"))
    failed = _run_build(project)
    assert failed.returncode != 0
    assert "Encountered unknown tag 'broken'" in failed.stdout  # says why
    after = {p: p.read_bytes() for p in (project / "output").rglob("*") if p.is_file()}
    assert after == before
    assert not (project / "output.partial").exists()


def test_rebuild_swaps_in_the_new_site_and_deletes_the_old_one_after(project):
    assert _run_build(project).returncode == 0
    (project / "output" / "stale.html").write_text("from the previous build")
    assert _run_build(project).returncode == 0
    assert (project / "output" / "index.html").is_file()
    assert not (project / "output" / "stale.html").exists()
    # The previous site was renamed aside for a process of its own to delete.
    left = [p for p in project.iterdir() if p.name.startswith("output.")]
    assert all(p.name.startswith("output.old-") for p in left)


def test_remove_later_deletes_a_folder_in_another_process(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)  # tasks.py reads pelicanconf.py from the project folder
    monkeypatch.syspath_prepend(str(ROOT))
    tasks = importlib.import_module("tasks")
    folder = tmp_path / "output.old-1"
    (folder / "deep").mkdir(parents=True)
    (folder / "deep" / "page.html").write_text("old")
    process = tasks.remove_later(folder)
    assert process.pid != os.getpid()
    assert process.wait() == 0
    assert not folder.exists()


@pytest.mark.parametrize(
    "workers",
    [
        {},  # read in the build's own process
        {"NEWS_DIGEST_WORKERS": 2, "NEWS_DIGEST_PARALLEL_MIN_SEEDS": 1},  # read ahead, forked
    ],
)
def test_a_seed_the_cleaner_never_finishes_is_stopped_and_reported(tmp_path, monkeypatch, workers):
    from news_digest import reader

    clean_bytes = reader.clean_bytes

    def stuck_on_one(data, **options):
        # A cleaner bug that loops on this text (giving up after a while only
        # so that, without the limit, this test fails instead of hanging).
        give_up = time.monotonic() + 30
        while b"never ends" in data and time.monotonic() < give_up:
            pass
        return clean_bytes(data, **options)

    monkeypatch.setattr(reader, "clean_bytes", stuck_on_one)
    seeds = {
        "fine.txt": ("Council approves the bridge\n\nBy Ann Lee\n\n" + BODY).encode(),
        "stuck.txt": ("A headline that never ends\n\nBy Ann Lee\n\n" + BODY).encode(),
    }
    output = build_site(tmp_path, seeds, NEWS_DIGEST_SEED_SECONDS=0.5, **workers)
    data = json.loads((output / "report.json").read_text(encoding="utf-8"))
    status = {entry["file"]: entry for entry in data["seeds"]}
    assert status["seeds/fine.txt"]["status"] == "published"
    assert status["seeds/stuck.txt"]["status"] == "rejected"
    assert "did not finish in 0.5 s" in status["seeds/stuck.txt"]["reason"]


def test_the_report_resolves_seed_paths_as_pathlib_does(tmp_path):
    from pathlib import Path

    from news_digest.report import _resolver

    real = tmp_path / "real"
    real.mkdir()
    (real / "a.txt").write_text("a", "utf-8")
    (tmp_path / "linked").symlink_to(real)  # a seed folder kept elsewhere
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "deep").symlink_to(real)
    (real / "b.txt").symlink_to(real / "a.txt")  # a seed that is a link
    resolved = _resolver()
    for path in (
        tmp_path / "linked" / "a.txt",
        real / "b.txt",
        real / ".." / "linked" / "a.txt",
        tmp_path / "elsewhere" / "deep" / ".." / "deep" / "a.txt",
        tmp_path / "elsewhere" / "deep" / ".." / "linked" / "a.txt",
        tmp_path / "linked" / "missing.txt",
    ):
        assert resolved(str(path)) == Path(path).resolve(), path
