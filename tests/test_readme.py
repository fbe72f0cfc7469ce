"""The README as a newcomer reads it: its commands, run literally, add, annotate and publish.

The newcomer's clone is a copy of the project with its own git history and
an ``origin`` that is a local bare repository. Set-up (``bash
scripts/bootstrap.sh``) is the one step not run again: the clone shares this
checkout's ``.venv``, which that command made.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import READER_SEEDS, ROOT
from test_publish import COPY_IGNORE, GIT_ENV, _git

README = ROOT / "README.md"
#: Lines the README may have (the issue's limit: "at most about 200").
README_MAX_LINES = 200
SETUP = "bash scripts/bootstrap.sh && .venv/bin/invoke build"
TEST = ".venv/bin/invoke test"


def _section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert match, f"the README has no section {title!r}"
    return match.group(1)


def _commands(section: str) -> list[str]:
    """The lines of the section's ``sh`` blocks, as a reader would type them."""
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def test_the_readme_is_short_and_keeps_its_two_commands():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= README_MAX_LINES
    assert _commands(_section("Quick start")) == [SETUP, TEST]
    screenshot = re.search(r"!\[[^\]]+\]\(([^)]+\.png)\)", README.read_text("utf-8"))
    assert screenshot and (ROOT / screenshot.group(1)).is_file()


def test_the_readmes_links_lead_to_files():
    links = re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", README.read_text(encoding="utf-8"))
    assert links
    missing = [link for link in links if not (ROOT / link).exists()]
    assert missing == []


@pytest.fixture
def newcomer(tmp_path):
    """A clone of the project with an ``origin`` to publish to, and the shared ``.venv``."""
    clone = tmp_path / "digest"
    shutil.copytree(ROOT, clone, ignore=COPY_IGNORE)
    (clone / ".venv").symlink_to(ROOT / ".venv", target_is_directory=True)
    origin = tmp_path / "origin.git"
    _git("init", "--bare", "-q", str(origin), cwd=tmp_path)
    _git("init", "-q", "-b", "main", cwd=clone)
    _git("add", "-A", cwd=clone)
    _git("commit", "-q", "-m", "The digest", cwd=clone)
    _git("remote", "add", "origin", str(origin), cwd=clone)
    return clone, origin


def _run(command: str, cwd: Path) -> str:
    env = {**os.environ, **GIT_ENV, "CI": "1"}
    env.pop("SITEURL", None)
    done = subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_a_newcomer_adds_annotates_and_publishes_by_the_readme(newcomer, tmp_path):
    clone, origin = newcomer
    article = tmp_path / "article.txt"
    article.write_bytes(READER_SEEDS["tram.txt"])

    setup = _commands(_section("Quick start"))[0]
    assert setup.startswith("bash scripts/bootstrap.sh && ")
    _run(setup.removeprefix("bash scripts/bootstrap.sh && "), clone)  # .venv is set up

    seed_name = None
    for command in _commands(_section("Your first article")):
        command = command.replace("path/to/article.txt", shlex.quote(str(article)))
        if "SEED-NAME" in command:
            assert seed_name, "the README annotates before it adds"
            command = command.replace("SEED-NAME", seed_name)
        out = _run(command, clone)
        if " add " in f" {command} ":
            seed_name = re.search(r"^Added seeds/(\S+)\.txt$", out, re.M).group(1)
        if " annotate " in f" {command} ":
            # The newcomer takes the '#' off the first quote's two lines, as the README says.
            stub = clone / "content" / "annotations" / f"{seed_name}.md"
            lines = stub.read_text(encoding="utf-8").splitlines()
            at = next(i for i, line in enumerate(lines) if line.startswith("#  - quote:"))
            lines[at], lines[at + 1] = lines[at][1:], lines[at + 1][1:]
            stub.write_text("\n".join(lines) + "\n", encoding="utf-8")

    for command in _commands(_section("Publishing")):
        _run(command, clone)

    head = _git("rev-parse", "--short", "HEAD", cwd=clone).decode().strip()
    message = _git("log", "-1", "--format=%s", "gh-pages", cwd=origin).decode().strip()
    assert message == f"Publish digest built from {head}"  # committed first: nothing uncommitted
    page = _git("show", f"gh-pages:articles/{seed_name}.html", cwd=origin).decode()
    soup = BeautifulSoup(page, "html.parser")
    title = " ".join(soup.find("h1").get_text().split())  # typogrify's no-break space
    assert title == "City council approves new tram line to the harbour"
    assert soup.select(".content mark"), "the highlight the newcomer made is published"
