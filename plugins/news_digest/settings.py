"""Every ``NEWS_DIGEST_*`` setting, its default and what it does: the one place they are kept.

The modules that read a setting take its default from :data:`DEFAULTS`;
``docs/settings.md`` carries :func:`markdown_table` (``tests/test_settings.py``
checks that it does, and that every name the plugin uses is here). Set them
in ``pelicanconf.py`` (or ``publishconf.py`` for the public build only), or
for one build with ``pelican -e NAME=value``. Paths are relative to Pelican's
``PATH`` (inputs) or ``OUTPUT_PATH`` (outputs).

``invoke settings`` prints the table.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class Setting(NamedTuple):
    name: str
    default: Any
    meaning: str


SETTINGS = (
    # Inputs
    Setting(
        "NEWS_DIGEST_ANNOTATIONS_DIR",
        "content/annotations",
        "The curator's annotation files, one `<seed-stem>.md` per seed.",
    ),
    Setting(
        "NEWS_DIGEST_TAGGING_RULES",
        "content/tagging-rules.yaml",
        "The tagging rules file; a missing file means no rules.",
    ),
    Setting(
        "NEWS_DIGEST_MAX_SEED_BYTES",
        5 * 1024 * 1024,
        "A larger seed file (5 MB) is rejected, with the reason in the build report.",
    ),
    Setting(
        "NEWS_DIGEST_RULE_SECONDS",
        1.0,
        "Seconds one tagging rule's pattern may search one article; a slower rule is "
        "skipped for that article and reported as the rule's fault.",
    ),
    Setting(
        "NEWS_DIGEST_SEED_SECONDS",
        60,
        "Seconds one seed may take to clean and enrich before it is stopped and rejected (Unix).",
    ),
    # Outputs
    Setting(
        "NEWS_DIGEST_MARKDOWN_DIR",
        "articles",
        "Folder of the cleaned Markdown of each article (`<slug>.md`).",
    ),
    Setting("NEWS_DIGEST_SEED_DIR", "seeds", "Folder of the copies of the raw seeds."),
    Setting("NEWS_DIGEST_REPORT_JSON", "report.json", "The build report as JSON."),
    Setting("NEWS_DIGEST_REPORT_HTML", "report.html", "The build report's first page."),
    Setting("NEWS_DIGEST_REPORT_PER_PAGE", 200, "Seeds listed on one page of the build report."),
    Setting("NEWS_DIGEST_WEEK_URL", "weeks/{key}.html", "A week page's URL (`{key}`: `2018-W07`)."),
    Setting("NEWS_DIGEST_WEEK_SAVE_AS", "weeks/{key}.html", "Where a week page is written."),
    Setting("NEWS_DIGEST_SEARCH_SAVE_AS", "search.html", "The search page."),
    Setting(
        "NEWS_DIGEST_SEARCH_INDEX_SAVE_AS",
        "search-index.js",
        "The search index, a script the search page loads (works from `file://`).",
    ),
    Setting("NEWS_DIGEST_404_SAVE_AS", "404.html", "The page-not-found page."),
    Setting(
        "NEWS_DIGEST_HOME_WEEKS",
        6,
        "Weeks shown in full on the home page; older weeks are listed as links.",
    ),
    Setting(
        "NEWS_DIGEST_SITEMAP_SAVE_AS",
        None,
        "Where `sitemap.xml` goes; off unless set (`publishconf.py` sets it), "
        "and written only with a `SITEURL`.",
    ),
    # Enrichment
    Setting(
        "NEWS_DIGEST_TAG_MIN_ARTICLES",
        2,
        "Articles a keyphrase tag must name to be kept: a rarer one is dropped "
        "(curator and rule tags are always kept).",
    ),
    # Engine
    Setting(
        "NEWS_DIGEST_WORKERS",
        0,
        "Worker processes that read seeds and render pages (Linux); 0: one per usable core.",
    ),
    Setting(
        "NEWS_DIGEST_PARALLEL_MIN_SEEDS",
        64,
        "The fewest seeds to read (not in the cache) worth starting workers for.",
    ),
    Setting(
        "NEWS_DIGEST_PARALLEL_MIN_PAGES",
        64,
        "The fewest queued pages worth starting workers for.",
    ),
    Setting(
        "NEWS_DIGEST_PREVIOUS_SITE",
        None,
        "A previous build of the site whose unchanged files are hard-linked, not written "
        "again; `invoke build` sets it to `output/`.",
    ),
)

#: Each setting's default, by name.
DEFAULTS: dict[str, Any] = {setting.name: setting.default for setting in SETTINGS}


def default(name: str) -> Any:
    """The default of the setting ``name`` (a ``KeyError`` for a name not in the table)."""
    return DEFAULTS[name]


def get(settings, name: str) -> Any:
    """The value of ``name`` in Pelican's ``settings``, or its default."""
    return settings.get(name, DEFAULTS[name])


def markdown_table() -> str:
    """The settings table of ``docs/settings.md``."""
    rows = ["| setting | default | what it does |", "| --- | --- | --- |"]
    for setting in SETTINGS:
        rows.append(f"| `{setting.name}` | `{setting.default!r}` | {setting.meaning} |")
    return "\n".join(rows) + "\n"
