"""The reader's digest views: week pages, the search page and its index, the 404 page.

A small Pelican generator. Its ``generate_context`` groups the articles by
ISO week and day and puts the grouping in the shared context as ``digest``
(the home page uses it); its ``generate_output`` writes one page per week,
``search.html``, the search index (a script file, so search works from
``file://`` without fetch) and ``404.html``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from pelican.generators import Generator

from . import sitemap
from .engine.writer import flush, save_text
from .search_index import search_index_pieces
from .settings import DEFAULTS

#: Settings and their defaults. URLs are files, never bare folders (file:// works).
# Defaults: the one table of NEWS_DIGEST_* settings (settings.py).


@dataclass
class Day:
    date: dt.date
    articles: list = field(default_factory=list)


@dataclass
class Week:
    """One ISO week of articles, newest day first."""

    year: int
    number: int
    url: str = ""
    save_as: str = ""
    days: list[Day] = field(default_factory=list)
    newer: Week | None = None
    older: Week | None = None

    @property
    def key(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    @property
    def start(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.number, 1)

    @property
    def end(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.number, 7)

    @property
    def articles(self) -> list:
        return [article for day in self.days for article in day.articles]

    @property
    def span(self) -> str:
        """``12–18 February 2018``, ``26 February – 4 March 2018``, across years in full."""
        start, end = self.start, self.end
        if start.year != end.year:
            return f"{start:%-d %B %Y} – {end:%-d %B %Y}"
        if start.month != end.month:
            return f"{start:%-d %B} – {end:%-d %B %Y}"
        return f"{start:%-d}–{end:%-d %B %Y}"


def is_undated(article) -> bool:
    return getattr(article, "date_status", "stated") == "unknown"


def group_by_week(articles, url_pattern: str, save_pattern: str) -> list[Week]:
    """Dated articles grouped by ISO week, then day; weeks and days newest first."""
    weeks: dict[tuple[int, int], Week] = {}
    for article in sorted(articles, key=lambda a: a.date, reverse=True):
        if is_undated(article):
            continue
        day = article.date.date()
        year, number, _ = day.isocalendar()
        week = weeks.setdefault((year, number), Week(year, number))
        if not week.days or week.days[-1].date != day:
            week.days.append(Day(day))
        week.days[-1].articles.append(article)
    ordered = list(weeks.values())
    for index, week in enumerate(ordered):
        week.url = url_pattern.format(key=week.key)
        week.save_as = save_pattern.format(key=week.key)
        week.newer = ordered[index - 1] if index > 0 else None
        week.older = ordered[index + 1] if index + 1 < len(ordered) else None
        for article in week.articles:
            article.digest_week = week
    return ordered


class DigestGenerator(Generator):
    """Week pages, search page, search index and 404 page."""

    def _setting(self, name):
        return self.settings.get(name, DEFAULTS[name])

    def generate_context(self):
        articles = self.context.get("articles", [])
        weeks = group_by_week(
            articles,
            self._setting("NEWS_DIGEST_WEEK_URL"),
            self._setting("NEWS_DIGEST_WEEK_SAVE_AS"),
        )
        self.context["digest"] = {
            "weeks": weeks,
            "undated": [a for a in articles if is_undated(a)],
            "search_url": self._setting("NEWS_DIGEST_SEARCH_SAVE_AS"),
            "search_index_url": self._setting("NEWS_DIGEST_SEARCH_INDEX_SAVE_AS"),
            "home_weeks": self._setting("NEWS_DIGEST_HOME_WEEKS"),
        }

    def generate_output(self, writer):
        relative = self.settings["RELATIVE_URLS"]
        digest = self.context["digest"]
        for week in digest["weeks"]:
            writer.write_file(
                week.save_as,
                self.get_template("week"),
                self.context,
                relative_urls=relative,
                week=week,
                page_name="week",
            )
        writer.write_file(
            digest["search_url"],
            self.get_template("search"),
            self.context,
            relative_urls=relative,
            page_name="search",
        )
        # GitHub Pages serves 404.html at any missing path, so relative links
        # would point nowhere: use the site's absolute URL when there is one.
        site_url = self.settings.get("SITEURL", "")
        writer.write_file(
            self._setting("NEWS_DIGEST_404_SAVE_AS"),
            self.get_template("404"),
            self.context,
            relative_urls=relative and not site_url,
            page_name="404",
        )
        index_path = Path(self.output_path) / digest["search_index_url"]
        articles = self.context.get("articles", [])
        save_text(writer, index_path, partial(search_index_pieces, articles), whole_site=True)
        # The last of the plugin's generators: every page queued since the
        # articles' is rendered now, in one go, so the workers share it evenly.
        flush(writer)


def register():
    sitemap.register()
