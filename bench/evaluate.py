"""Score the cleaner on the evaluation corpus: one table, every folder.

Runs ``news_digest.extract.extract_dir`` (what ``invoke extract`` runs and,
with the same options, what the site build publishes) over each folder and
scores the output with the corpus's own scorers (``score.py``,
``score_snippets.py``, ``score_metadata.py --in-text``), loaded from the
corpus folder rather than copied. "date written" is about the ceiling of the
date column: the share of date references whose day a line of the text
writes at all (the rest come from the page's markup, which a seed does not
carry; a date split over two lines is not counted, so the date column may
pass it by a page). "source given / right" is the share of pages given an
outlet and the share of those that name the page's own site (read from the
folder's manifest: there is no reference for the outlet).
Evaluation lives here, outside the
cleaner package: nothing in ``news_digest`` imports it.

    python bench/evaluate.py [--eval ../shared/eval] [--folders dev-window dev-page]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from news_digest.cleaner.dates import find_dates  # noqa: E402
from news_digest.cleaner.source import known_host  # noqa: E402
from news_digest.extract import extract_dir  # noqa: E402

#: The corpus's folders, seed-like (window) and whole-page variants.
FOLDERS = (
    "dev-window",
    "dev-page",
    "trafilatura-dev/window",
    "trafilatura-dev/page",
    "modern2026-dev/window",
    "modern2026-dev/page",
    "readability-dev/window",
    "readability-dev/page",
    "newspaper-dev/window",
    "newspaper-dev/page",
)
DEFAULT_EVAL = ROOT / ".." / "shared" / "eval"


def scorer(eval_dir: Path, name: str):
    """One of the corpus's scoring scripts, imported from the corpus folder."""
    spec = importlib.util.spec_from_file_location(f"eval_{name}", eval_dir / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def body_score(eval_dir: Path, folder: Path, out: Path) -> tuple[str, float]:
    """``("F1", f1)`` against gold bodies, or ``("snip", f1)`` against gold snippets."""
    snippets = any(folder.glob("*.gold.json"))
    module = scorer(eval_dir, "score_snippets" if snippets else "score")
    ids = [item["id"] for item in module.load_manifest(folder)]
    predictions = module.read_outputs_dir(out, ids)
    if snippets:
        return "snip", module.evaluate(folder, predictions, n_bootstrap=0).f1
    return "F1", module.evaluate(folder, predictions, ["all"], n_bootstrap=0)["all"].f1


def metadata_score(eval_dir: Path, folder: Path, out: Path) -> dict[str, float]:
    """Shares of ``score_metadata.py --in-text``: title, authors, date, wrong date."""
    module = scorer(eval_dir, "score_metadata")
    rows = []
    for item_id in module.page_ids(folder, None):
        meta = json.loads((folder / f"{item_id}.meta.json").read_text(encoding="utf-8"))
        meta = module.in_text(meta, folder / f"{item_id}.txt")
        rows.append({"v": module.judge(meta, module.ours(out, item_id))})

    def share(field: str, index: int) -> float:
        counted = module.counts(rows, field)
        return counted[index] / counted[0] if counted[0] else float("nan")

    return {
        "title": share("title", 1),
        "authors": share("authors", 1),
        "date": share("date", 1),
        "wrong date": share("date", 2),
    }


def _site(item: dict) -> str:
    """The page's host from the folder's manifest: its publisher, domain or URL."""
    host = item.get("publisher") or item.get("domain", "").removeprefix("label:")
    if not host and "://" in item.get("url", ""):
        host = item["url"].split("://", 1)[1].split("/", 1)[0]
    return host.casefold().removeprefix("www.")


#: German hosts write umlauts out ("Auswärtiges Amt" / auswaertiges-amt.de).
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _folded(text: str) -> str:
    text = text.casefold().translate(_UMLAUTS)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if c.isalnum())


def source_names_site(source: str, host: str) -> bool:
    """Whether the outlet ``source`` is the site at ``host`` (a loose test: there is no
    reference for the outlet, only each page's host). The outlet's hosts in
    ``publishers.json``, its name in the host ("Slashdot" / slashdot.org, "The
    Hill" / thehill.com), the host's name in it ("Cleveland.com"), or its
    initials at the head of the host's name ("The New York Times" / nytimes.com)."""
    if known_host(host) == source:
        return True
    name, site = _folded(source), _folded(host)
    label = host.split(".")[-2] if host.count(".") else host
    if name and (name in site or name.removeprefix("the") in site):
        return True
    if len(label) >= 4 and label in name:
        return True
    initials = "".join(w[0] for w in source.casefold().split() if w != "the")
    return len(initials) >= 2 and label.startswith(initials)


def source_score(folder: Path, out: Path) -> dict[str, float]:
    """Share of pages given an outlet, and share of those naming the page's own site."""
    items = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["items"]
    given = right = 0
    for item in items:
        host = _site(item)
        source = json.loads((out / f"{item['id']}.json").read_text(encoding="utf-8"))["source"]
        if source and host:
            given += 1
            right += source_names_site(source, host)
    return {
        "source given": given / len(items) if items else float("nan"),
        "source right": right / given if given else float("nan"),
    }


#: Lines longer than this are prose: a date in them is not read for the ceiling.
CEILING_LINE_CHARS = 400


def date_ceiling(eval_dir: Path, folder: Path) -> float:
    """Share of the pages with a date reference whose text writes that day at all
    (read line by line by the cleaner's own date parser, in either day order)."""
    module = scorer(eval_dir, "score_metadata")
    total = written = 0
    for item_id in module.page_ids(folder, None):
        meta = json.loads((folder / f"{item_id}.meta.json").read_text(encoding="utf-8"))
        if not meta.get("date"):
            continue
        total += 1
        day = dt.date.fromisoformat(meta["date"][:10])
        text = (folder / f"{item_id}.txt").read_text(encoding="utf-8", errors="replace")
        written += any(
            found == day
            for line in text.splitlines()
            if len(line) <= CEILING_LINE_CHARS
            for dayfirst in (False, True)
            for found, _ in find_dates(line, dayfirst)
        )
    return written / total if total else float("nan")


def evaluate(eval_dir: Path, folders: list[str], corpus_lines: bool = False) -> list[dict]:
    """One row of figures per folder."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in folders:
            folder = eval_dir / name
            out = Path(tmp) / name.replace("/", "_")
            wall, cpu = time.perf_counter(), time.process_time()
            articles = extract_dir(folder, out, corpus_lines=corpus_lines)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            kind, f1 = body_score(eval_dir, folder, out)
            rows.append(
                {
                    "folder": name,
                    "pages": len(articles),
                    "kind": kind,
                    "body": f1,
                    **metadata_score(eval_dir, folder, out),
                    "date written": date_ceiling(eval_dir, folder),
                    **source_score(folder, out),
                    "wall": wall,
                    "cpu": cpu,
                }
            )
    return rows


def table(rows: list[dict]) -> str:
    """The rows as a Markdown table."""
    lines = [
        "| folder | pages | body | title | authors | date | wrong date | date written "
        "| source given / right | clean s (wall/CPU) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        lines.append(
            f"| `{row['folder']}` | {row['pages']} | {row['kind']} {row['body']:.3f} "
            f"| {row['title']:.2f} | {row['authors']:.2f} | {row['date']:.2f} "
            f"| {row['wrong date']:.2f} | {row['date written']:.2f} "
            f"| {row['source given']:.2f} / {row['source right']:.2f} "
            f"| {row['wall']:.1f} / {row['cpu']:.1f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="the corpus folder")
    parser.add_argument("--folders", nargs="*", default=list(FOLDERS), help="folders to score")
    parser.add_argument(
        "--corpus-lines",
        action="store_true",
        help="learn furniture repeated across each folder (off: what the site build does)",
    )
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    args = parser.parse_args(argv)
    if not (args.eval / "score.py").is_file():
        print(f"no evaluation corpus at {args.eval}", file=sys.stderr)
        return 2
    rows = evaluate(args.eval, args.folders, corpus_lines=args.corpus_lines)
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
