"""Daily use from the command line: add, annotate, check, the warning count, the export, gh-pages.

Each test runs ``invoke`` as a user does, in a copy of the project (real
files, real git for publishing).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from conftest import READER_SEEDS, ROOT, build_site, reader_seeds
from test_publish import COPY_IGNORE, GIT_ENV, _git

from news_digest.annotations.parse import load_annotation
from news_digest.authoring import printable

TRAM = READER_SEEDS["tram.txt"]
TRAM_STEM = "city-council-approves-new-tram-line-to-the-harbour"
#: A headline built to break a file name, a terminal and a YAML file.
HOSTILE_HEADLINE = (
    "<script>alert(1)</script> ../../etc/passwd \x1b[31mRED\x1b[0m \u202egnp.exe "
    "--- # not: yaml 'quoted' \"twice\" {{ template }} and a headline far longer than any file name"
)
HOSTILE = (
    f"{HOSTILE_HEADLINE}\n\nBy Grace Hopper Feb 14, 2018\n\n"
    "The council said <img src=x onerror=alert(2)> would be escaped, and [a link](javascript:x)"
    " too, before the vote on the harbour tram line on Wednesday evening.\n\n"
    "Residents --- some of them # hashes --- asked: 'why now?' and \"who pays?\" at the meeting"
    " that lasted until late in the night.\n"
).encode()
#: An entity or a character reference, typogrify's no-break space among them.
ENTITY = re.compile(r"&(#\d+|#x[0-9a-f]+|[a-z]+);", re.IGNORECASE)
TAG = re.compile(r"<[a-z/][^>]*>", re.IGNORECASE)


def invoke(project, *args, stdin=None, check=True, env=None):
    done = subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=project,
        input=stdin,
        capture_output=True,
        env={**os.environ, **GIT_ENV, "CI": "1", **(env or {})},
    )
    if check:
        assert done.returncode == 0, done.stderr.decode(errors="replace")
    return done


def _added_seeds(project):
    before = {p.name for p in (ROOT / "seeds").iterdir()}
    return sorted(p for p in (project / "seeds").iterdir() if p.name not in before)


@pytest.fixture
def project(tmp_path):
    work = tmp_path / "project"
    shutil.copytree(ROOT, work, ignore=COPY_IGNORE)
    return work


def test_add_from_standard_input_names_the_seed_and_shows_what_was_found(project):
    done = invoke(project, "add", stdin=TRAM)
    seed = project / "seeds" / f"{TRAM_STEM}.txt"
    assert seed.read_bytes() == TRAM
    out = done.stdout.decode()
    assert f"Added seeds/{TRAM_STEM}.txt" in out
    assert "Title:    City council approves new tram line to the harbour" in out
    assert "Authors:  Grace Hopper" in out
    assert "Date:     2018-02-14 (stated" in out
    assert "Removed:  2 line(s)" in out  # the headline and the byline, each with its reason

    again = invoke(project, "add", stdin=TRAM, check=False)
    assert again.returncode != 0 and b"already seeds/" in again.stderr
    assert sorted(p.name for p in (project / "seeds").glob(f"{TRAM_STEM}*")) == [seed.name]


def test_add_from_a_file_keeps_hostile_text_as_data(project, tmp_path):
    source = tmp_path / "pasted.txt"
    source.write_bytes(HOSTILE)
    done = invoke(project, "add", "--file", str(source))
    added = _added_seeds(project)
    assert len(added) == 1
    name = added[0].name
    assert re.fullmatch(r"[a-z0-9-]{1,60}\.txt", name), name
    assert added[0].read_bytes() == HOSTILE  # the seed is the text as given
    out = done.stdout.decode()
    assert "\x1b" not in out and "\u202e" not in out  # escaped, not sent to the terminal

    invoke(project, "build", "--strict")
    pages = (project / "output" / "articles").glob("*.html")
    soups = [BeautifulSoup(p.read_text("utf-8"), "html.parser") for p in pages]
    soup = next(s for s in soups if "alert(1)" in s.find("h1").get_text())
    assert "<script>alert(1)</script>" in soup.find("h1").get_text()
    assert not soup.select("img[onerror], a[href^=javascript]")
    assert all(script.get("src") for script in soup.find_all("script"))


def test_annotate_writes_a_stub_that_changes_nothing_until_edited(project):
    invoke(project, "add", stdin=TRAM)
    done = invoke(project, "annotate", TRAM_STEM)
    stub = project / "content" / "annotations" / f"{TRAM_STEM}.md"
    assert f"Wrote content/annotations/{TRAM_STEM}.md" in done.stdout.decode()
    annotation = load_annotation(stub)
    assert annotation.problems == [] and annotation.highlights == [] and annotation.tags == []
    text = stub.read_text("utf-8")
    assert "City council approves new tram line to the harbour" in text
    assert '#  - quote: "The city council voted on Wednesday' in text
    again = invoke(project, "annotate", TRAM_STEM, check=False)
    assert again.returncode != 0 and b"exists already" in again.stderr

    # Taking the '#' off a quote's two lines highlights it.
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("#  - quote:"))
    lines[at], lines[at + 1] = lines[at][1:], lines[at + 1][1:]
    stub.write_text("\n".join(lines) + "\n", encoding="utf-8")
    invoke(project, "build", "--strict")
    page = project / "output" / "articles" / f"{TRAM_STEM}.html"
    marks = BeautifulSoup(page.read_text("utf-8"), "html.parser").select(".content mark")
    assert [" ".join(m.get_text().split()) for m in marks] == [
        "The city council voted on Wednesday to approve a new tram line that will link the"
        " central station with the harbour district."
    ]


def test_annotate_keeps_hostile_quotes_as_yaml_strings(project, tmp_path):
    source = tmp_path / "pasted.txt"
    source.write_bytes(HOSTILE)
    invoke(project, "add", "--file", str(source))
    [seed] = _added_seeds(project)
    stem = seed.stem
    invoke(project, "annotate", stem)
    stub = project / "content" / "annotations" / f"{stem}.md"
    text = stub.read_text("utf-8")
    assert text.count("\n---\n") == 1 and text.startswith("---\n")  # one front matter
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if "who pays" in line)
    lines[at], lines[at + 1] = lines[at][1:], lines[at + 1][1:]
    stub.write_text("\n".join(lines) + "\n", encoding="utf-8")
    annotation = load_annotation(stub)
    assert annotation.problems == []
    assert [h.quote for h in annotation.highlights] == [
        "Residents --- some of them # hashes --- asked: 'why now?' and \"who pays?\""
    ]


def test_printable_escapes_what_a_terminal_would_act_on():
    assert printable("a\x1b[31mb\u202ec\td e\x00") == "a\\u001b[31mb\\u202ec\\u0009d e\\u0000"
    assert printable("Zürich — 東京 “quoted”") == "Zürich — 東京 “quoted”"


def test_check_lists_the_seeds_the_cleaner_is_unsure_of(project):
    (project / "seeds" / "no-headline.txt").write_bytes(
        b"the council met on tuesday evening and talked about the harbour and the trams for a"
        b" long time, and many residents came to listen to the debate about the new line.\n\n"
        b"they agreed to meet again next month after the consultation had closed and all the"
        b" letters had been read by the officers.\n"
    )
    out = invoke(project, "check").stdout.decode().splitlines()
    at = out.index("seeds/no-headline.txt:")
    assert "no recognisable title" in out[at + 1]
    # The stock seed with a byline and a stated date is not listed; the one whose
    # date is only inferred from a photo caption is, by its confidence.
    listed = [line for line in out if line.startswith("seeds/") and line.endswith(":")]
    assert not any(line.startswith("seeds/000_") for line in listed)
    assert any(line.startswith("seeds/004_") for line in listed)
    seeds = len(list((project / "seeds").glob("*.txt")))
    assert out[-1] == f"{len(listed)} of {seeds} seed(s) to check"


def test_build_summary_counts_the_warnings_strict_counts_one_line_each(project):
    seeds = project / "seeds"
    first = sorted(seeds.glob("*.txt"))[0]
    shutil.copy(first, seeds / "copy-one.txt")
    shutil.copy(first, seeds / "copy-two.txt")
    (seeds / "empty.txt").write_bytes(b"")
    (project / "content" / "annotations" / "no-such-seed.md").write_text("---\ntags: [x]\n---\n")

    plain = invoke(project, "build")
    shown = [line for line in plain.stdout.decode().splitlines() if line.startswith("WARNING ")]
    assert len(shown) == 4, shown
    for name in ("copy-one.txt", "copy-two.txt", "empty.txt", "no-such-seed"):
        assert sum(name in line for line in shown) == 1, name
    assert "; 4 warning(s)" in plain.stderr.decode()
    report = json.loads((project / "output" / "report.json").read_text(encoding="utf-8"))
    assert report["summary"]["warnings"] == 4  # the report counts alike

    strict = invoke(project, "build", "--strict", check=False)
    assert strict.returncode != 0
    assert "--strict: 4 warning(s)" in strict.stderr.decode()
    again = [line for line in strict.stdout.decode().splitlines() if line.startswith("WARNING ")]
    assert sorted(again) == sorted(shown)  # a cached build warns alike


def test_export_plain_text_fields_hold_no_markup_or_entities(reader_site):
    site_summary = BeautifulSoup(
        (reader_site / "index.html").read_text("utf-8"), "html.parser"
    ).select_one(".summary")
    assert "\xa0" in site_summary.get_text()  # typogrify's no-break space is on the site
    data = json.loads((reader_site / "export" / "digest.json").read_text("utf-8"))
    assert data["articles"]
    for article in data["articles"]:
        texts = [article["title"], article["summary"], article["body"], article["source"] or ""]
        texts += article["authors"] + article["tags"]
        if article["annotation"]:
            texts.append(article["annotation"]["note"])
        for text in texts:
            assert not ENTITY.search(text) and not TAG.search(text), text
            assert "\xa0" not in text, text


def test_gh_pages_names_the_commit_and_any_uncommitted_change(project, tmp_path):
    bare = tmp_path / "origin.git"
    _git("init", "--bare", "-q", str(bare), cwd=tmp_path)
    _git("init", "-q", "-b", "main", cwd=project)
    _git("add", "-A", cwd=project)
    _git("commit", "-q", "-m", "Digest sources", cwd=project)
    _git("remote", "add", "origin", str(bare), cwd=project)
    head = _git("rev-parse", "--short", "HEAD", cwd=project).decode().strip()

    done = invoke(project, "gh-pages", env={"SITEURL": ""})
    assert "SITEURL is not set" in done.stderr.decode()
    message = _git("log", "-1", "--format=%s", "gh-pages", cwd=bare).decode().strip()
    assert message == f"Publish digest built from {head}"

    invoke(project, "add", stdin=TRAM)
    done = invoke(project, "gh-pages", env={"SITEURL": "https://you.example.org/digest"})
    assert "SITEURL is not set" not in done.stderr.decode()
    message = _git("log", "-1", "--format=%s", "gh-pages", cwd=bare).decode().strip()
    assert message == f"Publish digest built from {head} with uncommitted changes"
    published = _git("ls-tree", "-r", "--name-only", "gh-pages", cwd=bare).decode().split()
    assert "sitemap.xml" in published and "feeds/all.atom.xml" in published


def test_progress_bar_follows_the_build_on_a_terminal(tmp_path):
    import io

    from rich.console import Console

    from tasks import BuildProgress

    screen = io.StringIO()
    terminal = Console(file=screen, force_terminal=True, width=100)
    progress = BuildProgress(len(READER_SEEDS) + 2, output=terminal)
    progress.after = 0  # shown at once: this build is short
    progress.redraws = 10**6  # every step drawn
    progress.connect()
    try:
        build_site(tmp_path / "site", reader_seeds())
    finally:
        progress.disconnect()
    drawn = screen.getvalue()
    assert "Reading seeds" in drawn and "Writing pages" in drawn
    assert "4/4" in drawn  # every seed read, every article handed to the writer
    assert not progress.shown


def test_annotate_refuses_a_file_outside_the_seeds(project, tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_bytes(TRAM)
    done = invoke(project, "annotate", str(outside), check=False)
    assert done.returncode != 0 and b"no seed" in done.stderr
    assert not (project / "content" / "annotations" / "secret.md").exists()


def test_jump_to_lists_weeks_by_their_dates(reader_site):
    soup = BeautifulSoup((reader_site / "index.html").read_text("utf-8"), "html.parser")
    labels = [" ".join(a.get_text().split()) for a in soup.select(".week-jump a")]
    assert labels == ["12–18 February 2018", "17–23 April 2017", "Date unknown"]


def test_add_reads_the_clipboard_with_the_first_tool_there_is(project, tmp_path):
    # The clipboard as wl-paste gives it: a program on PATH printing its text.
    tools = tmp_path / "bin"
    tools.mkdir()
    clipboard = tmp_path / "clipboard.txt"
    clipboard.write_bytes(TRAM)
    paste = tools / "wl-paste"
    paste.write_text(f"#!/bin/sh\nexec cat {shlex.quote(str(clipboard))}\n")
    paste.chmod(0o755)
    path = f"{tools}{os.pathsep}{os.environ['PATH']}"
    invoke(project, "add", "--clipboard", env={"PATH": path})
    assert (project / "seeds" / f"{TRAM_STEM}.txt").read_bytes() == TRAM
