"""Shared fixtures: real Pelican builds of tiny sites in temporary folders."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pelican import Pelican
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def build_site(
    site: Path, seeds: dict[str, bytes] | None = None, mtime: float | None = None, **overrides
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
    output = site / "output"
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
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


def html_pages(output: Path) -> dict[Path, BeautifulSoup]:
    return {
        page: BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for page in sorted(output.rglob("*.html"))
    }


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    """The project's own seeds, built once for the session."""
    return build_site(tmp_path_factory.mktemp("site"))
