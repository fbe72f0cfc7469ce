"""Cleaning time against a seed's length in lines: it must grow in proportion.

Prints, for seeds of N short distinct lines, the wall and CPU seconds to
clean one, and the CPU time per thousand lines (flat when linear). Not a
test: timings belong here. Usage::

    .venv/bin/python bench/seed_lines.py [N ...]   # default 20000 … 200000
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from news_digest.cleaner import clean_bytes

DEFAULT_SIZES = (20_000, 40_000, 60_000, 70_000, 100_000, 140_000, 200_000)


def seed(lines: int) -> bytes:
    """A headline, a byline and ``lines`` short body lines, each unlike the others."""
    body = "".join(f"Short line {number} of the text.\n" for number in range(lines))
    return ("A headline for the long seed\n\nBy Ann Lee\n\n" + body).encode()


def main(sizes) -> None:
    print(f"{'lines':>8} {'wall s':>8} {'cpu s':>8} {'cpu ms/1000 lines':>18}")
    for lines in sizes:
        data = seed(lines)
        wall, cpu = time.perf_counter(), time.process_time()
        clean_bytes(data)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"{lines:>8} {wall:>8.2f} {cpu:>8.2f} {cpu * 1e6 / lines:>18.1f}", flush=True)


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or DEFAULT_SIZES)
