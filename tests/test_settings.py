"""One table of the plugin's settings: the code's defaults, the names it uses, the documentation."""

from __future__ import annotations

import re

from conftest import ROOT

from news_digest import settings

NAME = re.compile(r"\bNEWS_DIGEST_[A-Z0-9_]+\b")
DOC = ROOT / "docs" / "settings.md"


def _names_used() -> dict[str, str]:
    """Every NEWS_DIGEST_* name in plugins/ (code, templates, data), with a file using it."""
    used = {}
    for path in sorted((ROOT / "plugins").rglob("*")):
        if path.is_file() and path.suffix in {".py", ".html", ".json", ".yaml", ".txt", ".md"}:
            for name in NAME.findall(path.read_text(encoding="utf-8", errors="replace")):
                used.setdefault(name, path.relative_to(ROOT).as_posix())
    return used


def test_every_setting_the_plugin_uses_is_in_the_table():
    used = _names_used()
    assert used, "no setting found: the scan is broken"
    missing = {name: where for name, where in used.items() if name not in settings.DEFAULTS}
    assert missing == {}, "add these to plugins/news_digest/settings.py"


def test_every_setting_in_the_table_is_used():
    used = _names_used()
    # settings.py names them all; another file must read each.
    elsewhere = {n for n, where in used.items() if not where.endswith("news_digest/settings.py")}
    for path in (ROOT / "plugins").rglob("*.py"):
        if path.name != "settings.py":
            elsewhere |= set(NAME.findall(path.read_text(encoding="utf-8")))
    assert set(settings.DEFAULTS) - elsewhere == set()


def test_the_documentation_carries_the_table():
    text = DOC.read_text(encoding="utf-8")
    assert settings.markdown_table() in text, (
        "docs/settings.md is out of date: paste in the output of `.venv/bin/invoke settings`"
    )
    documented = set(NAME.findall(text))
    assert documented == set(settings.DEFAULTS)


def test_the_modules_take_their_defaults_from_the_table():
    from news_digest import reader, sitemap
    from news_digest.engine import prefetch, reuse, workers, writer

    assert settings.default("NEWS_DIGEST_MAX_SEED_BYTES") == reader.MAX_SEED_BYTES
    assert settings.default("NEWS_DIGEST_SEED_SECONDS") == reader.SEED_SECONDS
    assert settings.default("NEWS_DIGEST_PARALLEL_MIN_SEEDS") == prefetch.DEFAULT_MIN_SEEDS
    assert settings.default("NEWS_DIGEST_PARALLEL_MIN_PAGES") == writer.DEFAULT_MIN_PAGES
    assert settings.default("NEWS_DIGEST_WORKERS") == workers.DEFAULT_WORKERS
    assert settings.default("NEWS_DIGEST_PREVIOUS_SITE") == reuse.DEFAULT_PREVIOUS_SITE
    assert settings.default("NEWS_DIGEST_SITEMAP_SAVE_AS") == sitemap.DEFAULT_SAVE_AS
