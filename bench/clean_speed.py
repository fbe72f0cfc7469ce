"""Cleaning speed per seed, this tree against another, in one run.

Each version cleans every page of the chosen corpus folders (and the
project's seeds) in a child process of its own, so neither shares caches or
imports with the other; wall and CPU time per seed are printed side by side.

    python bench/clean_speed.py --old ../main/plugins [--eval ../shared/eval] [--folders ...]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FOLDERS = ("dev-window", "dev-page", "trafilatura-dev/window", "trafilatura-dev/page")

CHILD = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from news_digest.cleaner import clean_bytes
from news_digest.cleaner.decode import UndecodableError
out = {}
for folder in sys.argv[2:]:
    paths = sorted(p for p in Path(folder).glob("*.txt") if not p.name.endswith(".gold.txt"))
    data = [p.read_bytes() for p in paths]
    wall, cpu = time.perf_counter(), time.process_time()
    for raw in data:
        try:
            clean_bytes(raw)
        except UndecodableError:
            pass
    out[folder] = (len(data), time.perf_counter() - wall, time.process_time() - cpu)
print(json.dumps(out))
"""


def timings(plugins: Path, folders: list[Path]) -> dict:
    command = [sys.executable, "-c", CHILD, str(plugins), *map(str, folders)]
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--old", type=Path, required=True, help="the other tree's plugins folder")
    parser.add_argument("--eval", type=Path, default=ROOT / ".." / "shared" / "eval")
    parser.add_argument("--folders", nargs="*", default=list(DEFAULT_FOLDERS))
    args = parser.parse_args(argv)
    folders = [ROOT / "seeds", *(args.eval / f for f in args.folders)]
    old = timings(args.old, folders)
    new = timings(ROOT / "plugins", folders)
    print("| folder | seeds | old ms/seed (wall / CPU) | new ms/seed (wall / CPU) | CPU ratio |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for folder in folders:
        n, old_wall, old_cpu = old[str(folder)]
        _, new_wall, new_cpu = new[str(folder)]
        name = folder.name if folder.parent == ROOT else folder.relative_to(args.eval)
        print(
            f"| `{name}` | {n} | {1000 * old_wall / n:.1f} / {1000 * old_cpu / n:.1f} "
            f"| {1000 * new_wall / n:.1f} / {1000 * new_cpu / n:.1f} | {new_cpu / old_cpu:.2f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
