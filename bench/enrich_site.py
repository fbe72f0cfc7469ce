"""Build a site from the evaluation corpus's dev pages and check what the enrichment made.

    .venv/bin/python bench/enrich_site.py                 # site checks (about a minute)
    .venv/bin/python bench/enrich_site.py --timing 500    # per-seed enrichment time

The site is built, with the project's settings, from every page of
``dev-window`` and ``dev-page`` (the same articles twice: as a seed-like
window and as the whole page), then checked:

- no tag is a weekday, a month, a number, a publisher's name or a fragment
  across a sentence boundary ("Croatia. Russia", "But Instagram");
- no entity is a sentence or a headline (too many words, or ordinary
  lower-case words in it);
- each article's two copies are one article, and the one kept is the cleaner
  (fewer lines removed by the cleaner).

``--timing N`` cleans N pages of the dev folders (not timed), then times the
enrichment of each (entities, quotations, tags), wall and CPU. ``--code DIR``
times another checkout's plugin instead (``DIR/plugins``), for a before/after.
The corpus is ``$NEWS_DIGEST_EVAL`` or ``../shared/eval`` beside the project.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV_FOLDERS = ("dev-window", "dev-page")
TIMING_FOLDERS = (
    "dev-window",
    "dev-page",
    "trafilatura-dev/window",
    "newspaper-dev/window",
    "readability-dev/window",
    "modern2026-dev/window",
)
#: An entity of more words than this is a sentence or a headline, not a name.
MAX_ENTITY_WORDS = 6
#: Lower-case words a name may hold ("Department of Justice", "Ludwig van Beethoven").
NAME_WORDS = frozenset(
    {"of", "for", "the", "and", "de", "del", "della", "di", "da", "do", "dos", "du", "des"}
    | {"la", "le", "van", "von", "der", "den", "bin", "al", "y", "on", "in", "at", "&"}
)
_FRAGMENT = re.compile(r"[.!?;:]\s|^(?:But|And|While|After|When|If|So|Or|Because)\s")


def corpus() -> Path:
    found = os.environ.get("NEWS_DIGEST_EVAL") or str(ROOT.parent / "shared" / "eval")
    return Path(found)


def _plugin_path(code: Path) -> None:
    sys.path.insert(0, str(code / "plugins"))


def _calendar_and_publishers():
    from news_digest.enrich.entities import CALENDAR
    from news_digest.enrich.tags import _calendar, fold, publisher_names

    names = set(publisher_names())
    for folder in DEV_FOLDERS:
        manifest = json.loads((corpus() / folder / "manifest.json").read_text("utf-8"))
        for item in manifest["items"]:
            host = item.get("publisher") or item.get("domain") or ""
            names.add(fold(host.removeprefix("www.").split(".")[0]))
    return {fold(w) for w in CALENDAR} | set(_calendar()), names, fold


def build(site: Path) -> Path:
    from pelican import Pelican
    from pelican.settings import read_settings

    seeds = site / "seeds"
    seeds.mkdir(parents=True)
    for folder in DEV_FOLDERS:
        variant = folder.split("-")[1]
        for page in sorted((corpus() / folder).glob("*.txt")):
            if not page.name.endswith(".gold.txt"):
                shutil.copy(page, seeds / f"{variant}-{page.stem[:12]}.txt")
    (site / "content" / "pages").mkdir(parents=True)
    shutil.copy(ROOT / "content" / "tagging-rules.yaml", site / "content")
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "PATH": str(site),
            "OUTPUT_PATH": str(site / "output"),
            "THEME": str(ROOT / "theme"),
            "PLUGIN_PATHS": [str(ROOT / "plugins")],
            "CACHE_PATH": str(site / "cache"),
            "LOAD_CONTENT_CACHE": False,
        },
    )
    Pelican(settings).run()
    return site / "output"


def check_site(output: Path, seeds: Path) -> int:
    from news_digest.cleaner import clean_bytes

    calendar, publishers, fold = _calendar_and_publishers()
    records = json.loads((output / "export" / "digest.json").read_text("utf-8"))
    articles = records["articles"] if isinstance(records, dict) else records
    report = json.loads((output / "report.json").read_text("utf-8"))
    entries = report["seeds"]
    problems = 0

    tags = Counter(t for a in articles for t in a["tags"])
    tagged = sum(1 for a in articles if a["tags"])
    print(f"{len(articles)} articles, {len(tags)} tags, {tagged} articles tagged")
    print("tags:", ", ".join(f"{t} ({n})" for t, n in sorted(tags.items())))
    for tag in sorted(tags):
        words = tag.split()
        why = (
            "weekday or month"
            if any(fold(w) in calendar for w in words)
            else "number"
            if any(re.fullmatch(r"[\W\d_]*\d[\d\W_]*", w) for w in words)
            else "publisher"
            if fold(tag) in publishers
            else "fragment"
            if _FRAGMENT.search(tag)
            else "single common word"
            if len(words) == 1 and tag[:1].islower()
            else None
        )
        if why:
            problems += 1
            print(f"BAD TAG ({why}): {tag!r}")

    kinds = Counter()
    for article in articles:
        for kind, names in article["entities"].items():
            for name in names:
                kinds[kind] += 1
                words = name.split()
                ordinary = [w for w in words if w.islower() and w not in NAME_WORDS]
                if len(words) > MAX_ENTITY_WORDS or len(ordinary) >= 2:
                    problems += 1
                    print(f"SENTENCE AS {kind.upper()}: {name!r} ({article['url']})")
    print("entities:", dict(kinds))

    status = {Path(e["file"]).stem: e for e in entries}
    pairs = kept_clean = 0
    for stem, entry in sorted(status.items()):
        if not stem.startswith("window-"):
            continue
        other = status.get("page-" + stem.removeprefix("window-"))
        if other is None or "rejected" in (entry["status"], other["status"]):
            print(f"REJECTED: {stem} ({entry['status']}) or its page")
            continue
        pairs += 1
        removed = {
            s: len(clean_bytes((seeds / f"{s}.txt").read_bytes()).removed)
            for s in (stem, "page-" + stem[7:])
        }
        copies = ((stem, entry), ("page-" + stem[7:], other))
        published = [s for s, e in copies if e["status"] == "published"]
        if len(published) != 1:
            problems += 1
            print(f"NOT MERGED: {stem} and its page ({entry['status']}, {other['status']})")
            continue
        cleaner = min(removed, key=lambda s: (removed[s], s))
        if published[0] == cleaner or removed[published[0]] == removed[cleaner]:
            kept_clean += 1
        else:
            problems += 1
            print(f"KEPT THE LESS CLEAN COPY: {published[0]} (removed {removed})")
    print(f"duplicate pairs: {pairs}, kept as the cleaner copy: {kept_clean}")
    stories = records.get("stories", []) if isinstance(records, dict) else []
    print(f"stories: {len(stories)}")
    for story in stories:
        print(f"  {story['slug']}: {story['title'][:60]!r}, {len(story['articles'])} articles")
    print(f"problems: {problems}")
    return problems


def timing(count: int) -> None:
    from news_digest.cleaner import clean_bytes
    from news_digest.curation import enrich

    pages = []
    for folder in TIMING_FOLDERS:
        pages += sorted(
            p for p in (corpus() / folder).glob("*.txt") if not p.name.endswith(".gold.txt")
        )
    articles = [clean_bytes(p.read_bytes()) for p in pages[:count]]
    articles = [a for a in articles if a.body]
    enrich(articles[0])  # data files and the keyword extractor loaded once, not timed
    wall, cpu = time.perf_counter(), time.process_time()
    for article in articles:
        enrich(article)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(
        f"{len(articles)} seeds enriched: wall {wall:.2f} s, CPU {cpu:.2f} s; "
        f"per seed wall {wall / len(articles) * 1000:.1f} ms, "
        f"CPU {cpu / len(articles) * 1000:.1f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--timing", type=int, metavar="N", help="time enrichment of N pages")
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout whose plugin to use")
    parser.add_argument("--keep", type=Path, help="build the site here and keep it")
    args = parser.parse_args()
    if not corpus().is_dir():
        print(f"no evaluation corpus at {corpus()}: set NEWS_DIGEST_EVAL")
        return 2
    _plugin_path(args.code)
    if args.timing:
        timing(args.timing)
        return 0
    site = args.keep or Path(tempfile.mkdtemp(prefix="enrich-site-"))
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        output = build(site)
        took = time.perf_counter() - wall
        print(f"built in {took:.1f} s (CPU {time.process_time() - cpu:.1f} s)")
        return 1 if check_site(output, site / "seeds") else 0
    finally:
        if args.keep is None:
            shutil.rmtree(site, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
