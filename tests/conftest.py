"""Shared fixtures: real Pelican builds of tiny sites in temporary folders."""

from __future__ import annotations

import logging
import os
import shutil
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from pelican import Pelican
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

#: For tests of the worker processes, which fork only on Linux (``workers.can_fork``).
needs_fork = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="workers fork only on Linux"
)


def build_site(
    site: Path,
    seeds: dict[str, bytes] | None = None,
    settings_file: str = "pelicanconf.py",
    mtime: float | None = None,
    **overrides,
) -> Path:
    """Build a site whose seeds are ``seeds`` (or the project's own) into ``site/output``.

    ``mtime``, when given, is set on every seed file before the build.
    """
    seed_dir = site / "seeds"
    if seeds is None:
        shutil.copytree(SEEDS, seed_dir)
    else:
        seed_dir.mkdir(parents=True)
        for name, data in seeds.items():
            (seed_dir / name).parent.mkdir(parents=True, exist_ok=True)
            (seed_dir / name).write_bytes(data)
    if mtime is not None:
        for seed in seed_dir.rglob("*"):
            os.utime(seed, (mtime, mtime))
    (site / "content" / "pages").mkdir(parents=True, exist_ok=True)
    return run_pelican(site, settings_file=settings_file, **overrides)


def run_pelican(
    site: Path, output: Path | None = None, settings_file: str = "pelicanconf.py", **overrides
) -> Path:
    """Build the site folder ``site`` as it stands into ``output`` (``site/output``)."""
    output = output or site / "output"
    settings = read_settings(
        str(ROOT / settings_file),
        override={
            "PATH": str(site),
            "OUTPUT_PATH": str(output),
            "THEME": str(ROOT / "theme"),
            "PLUGIN_PATHS": [str(ROOT / "plugins")],
            "CACHE_PATH": str(site / "cache"),
            **overrides,
        },
    )
    Pelican(settings).run()
    return output


def story_seeds() -> dict[str, bytes]:
    """Two outlets on one story (NBC, The Hill) and a NASA story alone."""
    fixtures = ROOT / "tests" / "fixtures" / "enrich"
    return {
        "nbc.txt": (fixtures / "7a457a4f7173.txt").read_bytes(),
        "hill.txt": (fixtures / "6ebac05f637e.txt").read_bytes(),
        "nasa.txt": (fixtures / "c50845a7158a.txt").read_bytes(),
    }


def unsure_hill_seed() -> bytes:
    """The Hill's article of ``story_seeds`` without its headline line: the cleaner
    takes a tag list for want of one, and warns that the headline is unsure."""
    hill = story_seeds()["hill.txt"].decode("utf-8")
    headline = "New York man pleads guilty to threatening to kill Omar\n"
    assert headline in hill
    return hill.replace(headline, "", 1).encode("utf-8")


def resolve_link(page: Path, href: str) -> Path:
    """The file a relative link on ``page`` opens from ``file://`` (resolved)."""
    return (page.parent / unquote(urlsplit(href).path)).resolve()


def html_pages(output: Path) -> dict[Path, BeautifulSoup]:
    return {
        page: BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for page in sorted(output.rglob("*.html"))
    }


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    """The project's own seeds, built once for the session."""
    return build_site(tmp_path_factory.mktemp("site"))


#: Extra seeds for the reader's views: a second day in a week, and an undated article.
READER_SEEDS = {
    "tram.txt": (
        b"City council approves new tram line to the harbour\n\n"
        b"By Grace Hopper Feb 14, 2018\n\n"
        b"The city council voted on Wednesday to approve a new tram line that will link"
        b" the central station with the harbour district.\n\n"
        b"Councillors said the line would carry twelve thousand passengers a day once it"
        b" opens, and that construction would begin in the spring.\n"
    ),
    "undated.txt": (
        b"Harbour board delays lighthouse keepers pay decision\n\n"
        b"By Ada Lovelace\n\n"
        b"The harbour board met on a grey evening to discuss the lighthouse keepers and"
        b" their pay, which has not changed in a decade.\n\n"
        b"Members agreed to revisit the question after the winter storms had passed, to"
        b" the frustration of the keepers union.\n"
    ),
}


def reader_seeds() -> dict[str, bytes]:
    """The project's seeds plus READER_SEEDS."""
    seeds = {path.name: path.read_bytes() for path in SEEDS.glob("*.txt")}
    return {**seeds, **READER_SEEDS}


@pytest.fixture(scope="session")
def reader_site(tmp_path_factory) -> Path:
    """The project's seeds and READER_SEEDS, built once for the session."""
    return build_site(tmp_path_factory.mktemp("reader"), reader_seeds())


class WarningCapture(logging.Handler):
    """The messages of the warnings logged while it is attached."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())
