"""Articles' URLs frozen once (``plugin.freeze_urls``): the same as Pelican works out."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from conftest import ROOT
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG, get_settings_from_file

from news_digest.plugin import freeze_urls


def _settings(**changes) -> dict:
    settings = {**DEFAULT_CONFIG, **get_settings_from_file(str(ROOT / "pelicanconf.py"))}
    settings.update(changes)
    return settings


def _article(settings, number: int, **metadata) -> Article:
    return Article(
        "<p>Body</p>",
        {"title": f"Harbour story {number}", "date": dt.datetime(2020, 3, 1 + number), **metadata},
        settings=settings,
        source_path=f"/seeds/seed-{number}.txt",
        context={},
    )


@pytest.mark.parametrize(
    "changes",
    [
        {},  # the project's: articles/{slug}.html
        {"ARTICLE_URL": "{date:%Y}/{slug}/", "ARTICLE_SAVE_AS": "{date:%Y}/{slug}/index.html"},
        {"ARTICLE_URL": "{slug!r}.html", "ARTICLE_SAVE_AS": "{slug:>40}.html"},
        {"ARTICLE_URL": "{category}/{slug}.html", "ARTICLE_SAVE_AS": "{category}/{slug}.html"},
    ],
)
def test_frozen_urls_are_the_ones_pelican_works_out(changes):
    settings = _settings(**changes)
    articles = [
        _article(settings, 1),
        _article(settings, 2, lang="fr"),  # Pelican's ARTICLE_LANG_URL
        _article(settings, 3, status="draft"),  # DRAFT_URL
    ]
    expected = [(a.url, a.save_as) for a in articles]
    freeze_urls(SimpleNamespace(settings=settings, articles=articles))
    assert [(a.override_url, a.override_save_as) for a in articles] == expected
    assert len(set(expected)) == 3
