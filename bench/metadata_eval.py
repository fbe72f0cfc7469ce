#!/usr/bin/env python3
"""Score the byline and date finders on an evaluation folder, given the right headline.

The pipeline's authors and dates depend on the headline it chose: a byline
is read under the headline. This script separates the two: it places the
headline on the line the reference title occurs on (``<id>.meta.json``;
the pipeline's own choice where the reference is not a line of the text),
runs :func:`metadata.find_byline`, :func:`metadata.find_stated_date` and
:func:`metadata.infer_date` as the pipeline calls them, and scores the
results with the corpus's own ``score_metadata.py`` (``--in-text`` rules).

    .venv/bin/python bench/metadata_eval.py ../shared/eval/dev-window [--show authors|date]

Prints ``authors=.. date=.. wrong_date=.. n=..`` and the wall and CPU time.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from functools import cache
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from news_digest.cleaner import boilerplate, clean_text, language, metadata
from news_digest.cleaner.decode import decode
from news_digest.cleaner.pipeline import DAY_LAST_LANGUAGES, _lines


def _scorer(corpus: Path):
    path = corpus
    while not (path / "score_metadata.py").is_file():
        if path.parent == path:
            raise SystemExit("score_metadata.py not found above the folder")
        path = path.parent
    spec = importlib.util.spec_from_file_location("score_metadata", path / "score_metadata.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _title_line(lines, titles, norm) -> int | None:
    wanted = [norm(t) for t in titles if norm(t)]
    for line in lines:
        if norm(line.text) in wanted:
            return line.number
    return None


def evaluate(corpus: Path, show: str | None = None, show_all: bool = True) -> dict:
    scorer = _scorer(corpus)
    verdicts = {"authors": [], "date": []}
    tallies = verdicts["by_confidence"] = {}
    for page in sorted(p for p in corpus.glob("*.txt") if not p.name.endswith(".gold.txt")):
        meta_path = page.with_suffix(".meta.json")
        if not meta_path.is_file():
            continue
        meta = scorer.in_text(json.loads(meta_path.read_text("utf-8")), page)
        text = decode(page.read_bytes())[0]
        lines = _lines(text)
        title_line = _title_line(lines, meta.get("title") or [], scorer.norm_text)
        if title_line is None:
            title_line = clean_text(text).title_line or 0
        page_language = cache(lambda lines=lines: language.detect_lines(ln.text for ln in lines))
        dayfirst = cache(lambda pl=page_language: pl() not in DAY_LAST_LANGUAGES)
        header = list(
            islice(
                (
                    ln
                    for ln in lines
                    if ln.number > title_line and not boilerplate.furniture(ln.text)
                ),
                metadata.BYLINE_LINES,
            )
        )
        above = [
            ln for ln in lines if ln.number < title_line and not boilerplate.furniture(ln.text)
        ][-metadata.HEADER_LOOKBACK :]
        byline = metadata.find_byline(header, before=above, page=lines, language=page_language)
        date = metadata.find_stated_date(
            [ln for ln in lines if ln.number > title_line],
            dayfirst=dayfirst,
            before=above,
            language=page_language,
        ) or metadata.infer_date(lines, dayfirst=dayfirst)
        out = {
            "title": "",
            "authors": byline.value if byline else [],
            "date": date.value.isoformat() if date else None,
        }
        judged = scorer.judge(meta, out)
        for field in ("authors", "date"):
            if field in judged:
                verdicts[field].append(judged[field])
                if field == "date" and date is not None:
                    kind = f"{date.confidence:.2f}"
                    tallies.setdefault(kind, {}).setdefault(judged[field], 0)
                    tallies[kind][judged[field]] += 1
                if show == field and (judged[field] != "match" or show_all):
                    found = byline if field == "authors" else date
                    reference = meta["authors"] if field == "authors" else meta.get("dates")
                    print(f"{page.stem[:10]} {judged[field]}: {found} | reference {reference}")
    return verdicts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--show", choices=["authors", "date"])
    args = parser.parse_args()
    wall, cpu = time.perf_counter(), time.process_time()
    verdicts = evaluate(args.folder, args.show)

    def share(field, verdict):
        values = verdicts[field]
        return sum(v == verdict for v in values) / len(values) if values else 0.0

    print("dates by confidence:", dict(sorted(verdicts["by_confidence"].items())))
    print(
        f"authors={share('authors', 'match'):.2f} date={share('date', 'match'):.2f} "
        f"wrong_date={share('date', 'wrong'):.2f} "
        f"n={len(verdicts['authors'])}/{len(verdicts['date'])} "
        f"wall={time.perf_counter() - wall:.1f}s cpu={time.process_time() - cpu:.1f}s"
    )


if __name__ == "__main__":
    main()
