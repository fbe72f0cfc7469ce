"""Benchmark: our build of N raw seeds against plain Pelican on the same clean Markdown.

Prints a table and a last line
``ratio_vs_plain=… warm_ratio=… peak_mb=… clean_per_s=…``. Timings live here,
never in the tests. Seeds are made from the evaluation corpus's real article
text (../shared/eval, MIT licence), with page furniture added.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
import news_articles  # noqa: E402  (beside this script)

EVAL = ROOT.parent / "shared" / "eval" / "dev-window"
FURNITURE_TOP = [
    "Start your day with {pub}.",
    "Sign up for the Morning Memo newsletter",
    "Share this article",
]
FURNITURE_END = [
    "Comments",
    "Latest News",
    "Masthead",
    "Executive Editor:",
    "Managing Editor:",
    "Senior Designer:",
]
PUBLISHERS = ["TPM", "The Daily Planet", "Harbour Herald", "Metro Wire", "Valley Ledger"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]


def paragraphs() -> list[str]:
    """Article paragraphs of the corpus's hand-made ground truth."""
    pool = []
    for gold in sorted(EVAL.glob("*.gold.txt")):
        pool += [p.strip() for p in gold.read_text("utf-8").split("\n\n") if len(p.split()) > 12]
    return pool


def make_seed(rng: random.Random, pool: list[str], number: int) -> str:
    body = rng.sample(pool, rng.randint(6, 14))
    words = rng.sample(" ".join(body).split(), 8)
    title = " ".join(w.strip(".,;:“”\"'()").capitalize() for w in words) + f" {number}"
    pub = rng.choice(PUBLISHERS)
    date = f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2015, 2024)}"
    year = rng.randint(2015, 2024)
    caption = f"A scene from the story, photographed in {year}. (Photo by Ann Lee/Getty Images)"
    lines = [
        title,
        "",
        f"By Ann Lee and Bo Chen {date}",
        "",
        caption,
        caption + " via Getty",
        *(f.format(pub=pub) for f in FURNITURE_TOP),
        "",
    ]
    lines += [p + "\n" for p in body]
    lines += FURNITURE_END
    return "\n".join(lines) + "\n"


def make_seeds(folder: Path, n: int, seed: int = 0) -> None:
    rng, pool = random.Random(seed), paragraphs()
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(n):
        (folder / f"seed-{number:05d}.txt").write_text(make_seed(rng, pool, number), "utf-8")


def settle(site: Path, patience: float = 120.0) -> None:
    """Start a timed build on a quiet machine: no deletion or disk writes left from the last.

    Builds delete the site they replace in a process of their own, and each
    leaves hundreds of megabytes for the system to write out; on a small
    machine both would otherwise run into the next timed build.
    """
    deadline = time.monotonic() + patience
    while any(site.glob("output.old*")) and time.monotonic() < deadline:
        time.sleep(0.2)
    for left in site.glob("output.old*"):
        shutil.rmtree(left, ignore_errors=True)
    if hasattr(os, "sync"):
        os.sync()


def timed(cmd: list[str], cwd: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + sys of every process it waited for) and peak MB."""
    runner = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter(); rc = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, "
        "stderr=subprocess.DEVNULL)\n"
        "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(time.perf_counter() - t, use.ru_utime + use.ru_stime, use.ru_maxrss / 1024)\n"
        "sys.exit(rc)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", runner, *cmd], cwd=cwd, capture_output=True, text=True, check=True
    )
    seconds, cpu, peak = out.stdout.split()
    return float(seconds), float(cpu), float(peak)


#: The seeds a benchmark can build: generated from the evaluation corpus's
#: paragraphs (any number), or distinct real articles (``news_articles.py``).
CORPORA = ("generated", "news-articles")


def project(tmp: Path, n: int, corpus: str = "generated") -> Path:
    site = tmp / "site"
    site.mkdir()
    for name in ("pelicanconf.py", "tasks.py", "theme", "plugins"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, site / name)
    (site / "content" / "pages").mkdir(parents=True)
    if corpus == "news-articles":
        news_articles.make_seeds(site / "seeds", n)
    else:
        make_seeds(site / "seeds", n)
    return site


def pelican(settings: str, output: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "pelican", "-s", settings, "-o", output, "-q", *extra]


#: Our build, as the user runs it: into output/, with the content cache in cache/.
INVOKE_BUILD = [sys.executable, "-m", "invoke", "build"]


def plain_project(site: Path, tmp: Path) -> Path:
    """The same articles as the cleaned Markdown our build wrote, the same theme, no plugin."""
    plain = tmp / "plain"
    (plain / "content").mkdir(parents=True)
    for md in (site / "output" / "articles").glob("*.md"):
        # Our build gives seeds with the same title distinct slugs; so must the baseline.
        text = f"Slug: {md.stem}\n" + md.read_text("utf-8")
        (plain / "content" / md.name).write_text(text, "utf-8")
    shutil.copytree(ROOT / "theme", plain / "theme")
    conf = (ROOT / "pelicanconf.py").read_text("utf-8")
    conf += '\nPATH = "content"\nARTICLE_PATHS = [""]\nPAGE_PATHS = []\nPLUGINS = []\n'
    conf += "CACHE_CONTENT = False\nLOAD_CONTENT_CACHE = False\n"  # Pelican's defaults
    (plain / "pelicanconf.py").write_text(conf, "utf-8")
    return plain


#: Times ``clean_bytes`` over every seed of a folder, in a process of its own.
_CLEANER_RATE = """
import pathlib, sys, time
sys.path.insert(0, sys.argv[1])
from news_digest.cleaner import clean_bytes
data = [p.read_bytes() for p in sorted(pathlib.Path(sys.argv[2]).glob("*.txt"))]
start = time.perf_counter()
for item in data:
    clean_bytes(item)
print(len(data) / (time.perf_counter() - start))
"""


def cleaner_rate(seeds: Path) -> float:
    """Seeds a second through the cleaner on one core, starting with its caches empty."""
    out = subprocess.run(
        [sys.executable, "-c", _CLEANER_RATE, str(ROOT / "plugins"), str(seeds)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout)


def pages(output: Path) -> int:
    """HTML pages in a built site."""
    return sum(1 for _ in output.rglob("*.html"))


#: The builds of one size, in the order they run.
BUILDS = ("cold", "plain", "warm_seed", "warm_note")


def run(n: int, repeat: int = 1, corpus: str = "generated") -> dict:
    """One size: each build ``repeat`` times, alternating ours and plain Pelican's.

    Times are the medians (this kind of machine varies by 10-20% from run to
    run); peak memory is the largest seen.
    """
    runs: dict[str, list[tuple[float, float, float, int]]] = {}

    def keep(name, measured, output):
        runs.setdefault(name, []).append((*measured, pages(output)))

    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        site = project(tmp, n, corpus)
        for number in range(repeat):
            settle(site)
            for built in ("output", "cache"):  # a cold build: no site, no cache
                shutil.rmtree(site / built, ignore_errors=True)
            keep("cold", timed(INVOKE_BUILD, site), site / "output")
            if number == 0:
                plain = plain_project(site, tmp)
            shutil.rmtree(plain / "out", ignore_errors=True)
            settle(plain)
            keep("plain", timed(pelican("pelicanconf.py", "out"), plain), plain / "out")
            seed = site / "seeds" / "seed-00000.txt"
            seed.write_text(seed.read_text("utf-8").replace("Comments", "Comments (2)"), "utf-8")
            settle(site)
            keep("warm_seed", timed(INVOKE_BUILD, site), site / "output")
            note = site / "content" / "annotations" / "seed-00001.md"
            note.parent.mkdir(parents=True, exist_ok=True)
            note.write_text(
                f"---\ntags: [benchmarked]\n---\nA curator's note, take {number + 1}.\n", "utf-8"
            )
            settle(site)
            keep("warm_note", timed(INVOKE_BUILD, site), site / "output")
        rates = [cleaner_rate(site / "seeds") for _ in range(repeat)]
    result = {
        "n": n,
        "corpus": corpus,
        "repeat": repeat,
        "clean_per_s": statistics.median(rates),
    }
    for build, values in runs.items():
        result[build] = {
            "wall_s": statistics.median(v[0] for v in values),
            "cpu_s": statistics.median(v[1] for v in values),
            "peak_mb": max(v[2] for v in values),
            "pages": values[-1][3],
        }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000, help="seeds to generate")
    parser.add_argument(
        "--corpus",
        choices=CORPORA,
        default="generated",
        help="generated seeds, or distinct real articles (at most about 3,700)",
    )
    parser.add_argument("--sizes", help="comma-separated sizes for a growth report, e.g. 500,1000")
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of each build; the table shows medians"
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [args.n]
    results = [run(n, max(1, args.repeat), args.corpus) for n in sizes]
    print(f"{'seeds':>7} {'build':<10} {'wall s':>7} {'CPU s':>7} {'peak MB':>8} {'pages':>7}")
    for r in results:
        for build in BUILDS:
            b = r[build]
            print(
                f"{r['n']:>7} {build:<10} {b['wall_s']:>7.1f} {b['cpu_s']:>7.1f} "
                f"{b['peak_mb']:>8.0f} {b['pages']:>7}"
            )
    if len(results) > 1:
        first, last = results[0], results[-1]
        growth = (last["cold"]["wall_s"] / first["cold"]["wall_s"]) / (last["n"] / first["n"])
        print(
            f"growth: {last['n'] / first['n']:.0f}x seeds took "
            f"{last['cold']['wall_s'] / first['cold']['wall_s']:.1f}x "
            f"the time (1.0 per seed = linear; here {growth:.2f})"
        )
    r = results[-1]
    print(json.dumps(r), file=sys.stderr)
    cold, plain = r["cold"], r["plain"]
    print(
        f"wall_vs_plain={cold['wall_s'] / plain['wall_s']:.2f} "
        f"cpu_vs_plain={cold['cpu_s'] / plain['cpu_s']:.2f} "
        f"warm_ratio={r['warm_seed']['wall_s'] / cold['wall_s']:.2f} "
        f"peak_mb={cold['peak_mb']:.0f} clean_per_s={r['clean_per_s']:.0f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
