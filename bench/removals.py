"""Which furniture rules cut article text: every reason for removing a line,
counted against the corpus's gold bodies.

Cleans each folder that has gold bodies (``<id>.gold.txt``) as ``invoke
extract`` does, and counts, per reason (with its pattern), the removed lines
the gold body holds whole against the others. A line is counted only when it
has at least :data:`MIN_WORDS` words (a short line is in many texts). The
page's edges ("before/after the main text block"), repetitions, the headline
and the header's lines are left out: what is counted is the rules that
decide inside the text. A rule with many lines of article text is one to
read; the gold bodies have their own quirks (a newsletter pitch kept as
text), so a count is a lead, not a verdict.

    python bench/removals.py [--eval ../shared/eval] [--folders dev-window dev-page] [--top 25]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from evaluate import DEFAULT_EVAL, FOLDERS  # noqa: E402

from news_digest.extract import extract_dir  # noqa: E402

#: Lines shorter than this are not counted either way.
MIN_WORDS = 5
#: Reasons that are not a furniture rule's: where the text starts and ends,
#: what the header holds, what the page says twice.
NOT_RULES = (
    "before the main",
    "after the main",
    "repeats line",
    "title",
    "byline",
    "dateline",
    "date line",
    "name under the headline",
    "between the headline",
    "standfirst",
)
#: A look after the first is noted after the reason: the same rule.
_LOOK = re.compile(r" \(on a second look.*$")
_LINE_NUMBER = re.compile(r"\bline \d+\b")


def fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def count(eval_dir: Path, folders: list[str]) -> tuple[Counter, Counter, dict]:
    """Per reason: lines of article text removed, other lines removed, pages hit."""
    text_lines: Counter[str] = Counter()
    other_lines: Counter[str] = Counter()
    pages: dict[str, set[str]] = defaultdict(set)
    with tempfile.TemporaryDirectory() as tmp:
        for name in folders:
            folder = eval_dir / name
            articles = extract_dir(folder, Path(tmp) / name.replace("/", "_"))
            for page, article in articles.items():
                gold_path = folder / f"{page}.gold.txt"
                if not gold_path.is_file():
                    continue
                gold = fold(gold_path.read_text(encoding="utf-8", errors="replace"))
                for removed in article.removed:
                    reason = _LINE_NUMBER.sub("line N", _LOOK.sub("", removed.reason))
                    if reason.startswith(NOT_RULES) or len(removed.text.split()) < MIN_WORDS:
                        continue
                    if fold(removed.text) in gold:
                        text_lines[reason] += 1
                        pages[reason].add(f"{name}/{page}")
                    else:
                        other_lines[reason] += 1
    return text_lines, other_lines, pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="the corpus folder")
    parser.add_argument("--folders", nargs="*", default=list(FOLDERS))
    parser.add_argument("--top", type=int, default=25, help="reasons shown")
    args = parser.parse_args(argv)
    text_lines, other_lines, pages = count(args.eval, args.folders)
    reasons = sorted(set(text_lines) | set(other_lines), key=lambda r: -text_lines[r])
    print(f"{'article text':>12} {'pages':>6} {'furniture':>10}  reason")
    for reason in reasons[: args.top]:
        print(f"{text_lines[reason]:12} {len(pages[reason]):6} {other_lines[reason]:10}  {reason}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
