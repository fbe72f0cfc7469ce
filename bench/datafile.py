"""Writing a versioned data file from its source, or checking it is up to date.

The scripts that write the enrichment's word lists (``given_names.py``,
``ordinary_words.py``) share this: ``--check`` compares, and exits non-zero
when the file differs from what the source gives.
"""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def write_or_check(out: Path, text: str, *, check: bool, source: str, unit: str) -> int:
    """Write ``text`` to ``out``, or with ``check`` say whether ``out`` holds it already.
    ``source`` names what the file is written from; ``unit`` what its entries are."""
    if check:
        same = out.is_file() and out.read_text("utf-8") == text
        print(f"{out.relative_to(ROOT)}: {'up to date' if same else f'differs from {source}'}")
        return 0 if same else 1
    out.write_text(text, "utf-8")
    entries = sum(1 for line in text.splitlines() if line and not line.startswith("#"))
    print(f"wrote {out.relative_to(ROOT)}: {entries} {unit}")
    return 0


def one_a_line(header: str, entries: list[str]) -> str:
    """A data file's text: its ``#`` header, then one entry a line."""
    return header + "".join(f"{entry}\n" for entry in entries)


def main(argv: list[str], description: str, make, out: Path, *, source: str, unit: str) -> int:
    """The command line of a script that writes ``out``: ``make()`` gives its text."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    return write_or_check(out, make(), check=args.check, source=source, unit=unit)
