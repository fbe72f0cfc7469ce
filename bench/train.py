"""Train the headline ranker on the evaluation corpus, and say how well it generalises.

Every short line of every page is an example (:func:`news_digest.cleaner.
features.headline_features`); it is a headline when it equals one of the
page's ``<id>.meta.json`` title references after the corpus scorer's
folding (``score_metadata.title_match``). A logistic regression over the
standardised features is fitted with a fixed seed and saved as plain JSON
(``plugins/news_digest/cleaner/models/headline.json``): the cleaner scores
it without scikit-learn.

Besides the in-sample figure it reports top-1 accuracy (the best-scored
line is a headline) under grouped k-fold by publisher (the window and page
variants of a page, and all pages of one publisher, stay on one side) and
leave-one-benchmark-out (train on four benchmarks, test on the fifth).

    python bench/train.py [--eval ../shared/eval] [--out MODEL] [--no-save]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "bench"))

from evaluate import DEFAULT_EVAL, FOLDERS, scorer  # noqa: E402

from news_digest.cleaner import boilerplate  # noqa: E402
from news_digest.cleaner.decode import UndecodableError, decode  # noqa: E402
from news_digest.cleaner.features import (  # noqa: E402
    HEADLINE_FEATURES,
    candidates,
    headline_features,
)
from news_digest.cleaner.pipeline import seed_lines  # noqa: E402

MODEL = ROOT / "plugins" / "news_digest" / "cleaner" / "models" / "headline.json"
#: Seeds and settings: the same data give the same model, byte for byte.
SEED = 0
FOLDS = 5
#: Inverse regularisation strength of the logistic regression.
C = 1.0


def benchmark(folder: str) -> str:
    """The benchmark a folder belongs to: its window and page variants are one."""
    return folder.split("/")[0].replace("dev-window", "dev").replace("dev-page", "dev")


def load(eval_dir: Path, folders: list[str]):
    """Feature rows, labels, page index, publisher group and benchmark of every candidate."""
    titles = scorer(eval_dir, "score_metadata")
    rows, labels, pages, groups, benches = [], [], [], [], []
    page = 0
    for name in folders:
        folder = eval_dir / name
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        for item in manifest["items"]:
            meta_path = folder / f"{item['id']}.meta.json"
            if not meta_path.is_file():
                continue
            refs = json.loads(meta_path.read_text(encoding="utf-8")).get("title") or []
            try:
                text, _ = decode((folder / f"{item['id']}.txt").read_bytes())
            except UndecodableError:
                continue
            lines = seed_lines(text)
            indexes = candidates(lines)
            hits = [titles.title_match(lines[i].text, refs) for i in indexes] if refs else []
            if not any(hits):
                continue  # no line is the headline: nothing to rank
            verdicts = boilerplate.classify(lines)
            body = [i for i, v in enumerate(verdicts) if v.role == "body"]
            rows.extend(headline_features(lines, body, indexes))
            labels.extend(hits)
            pages.extend([page] * len(indexes))
            publisher = item.get("publisher") or item.get("domain") or item["id"]
            groups.extend([publisher] * len(indexes))
            benches.extend([benchmark(name)] * len(indexes))
            page += 1
    return (
        np.array(rows, dtype=float),
        np.array(labels, dtype=bool),
        np.array(pages),
        np.array(groups),
        np.array(benches),
    )


def fit(x: np.ndarray, y: np.ndarray):
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    model = LogisticRegression(C=C, max_iter=5000, random_state=SEED)
    model.fit((x - scaler.mean_) / scale, y)
    return scaler.mean_, scale, model.coef_[0], float(model.intercept_[0])


def top1(params, x: np.ndarray, y: np.ndarray, pages: np.ndarray) -> tuple[int, int]:
    """Pages whose best-scored line is a headline, and pages."""
    mean, scale, coef, intercept = params
    scores = ((x - mean) / scale) @ coef + intercept
    right = total = 0
    for page in np.unique(pages):
        mask = pages == page
        best = int(np.argmax(scores[mask]))  # the first of equals: the upper line
        right += bool(y[mask][best])
        total += 1
    return right, total


def cross_validate(x, y, pages, split) -> float:
    right = total = 0
    for train, test in split:
        params = fit(x[train], y[train])
        r, t = top1(params, x[test], y[test], pages[test])
        right, total = right + r, total + t
    return right / total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="the corpus folder")
    parser.add_argument("--folders", nargs="*", default=list(FOLDERS))
    parser.add_argument("--out", type=Path, default=MODEL, help="where to write the model")
    parser.add_argument("--no-save", action="store_true", help="report figures only")
    args = parser.parse_args(argv)
    from sklearn.model_selection import GroupKFold

    x, y, pages, groups, benches = load(args.eval, args.folders)
    print(f"{len(np.unique(pages))} pages, {len(y)} candidate lines, {int(y.sum())} headlines")
    params = fit(x, y)
    right, total = top1(params, x, y, pages)
    figures = {"in-sample": right / total}
    kfold = GroupKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    figures[f"{FOLDS}-fold by publisher"] = cross_validate(x, y, pages, kfold.split(x, y, groups))
    for name in sorted(set(benches)):
        held = benches == name
        train, test = np.flatnonzero(~held), np.flatnonzero(held)
        figures[f"trained without {name}, tested on it"] = cross_validate(
            x, y, pages, [(train, test)]
        )
    print("| top-1 headline accuracy | share |\n| --- | ---: |")
    for label, value in figures.items():
        print(f"| {label} | {value:.3f} |")
    if not args.no_save:
        mean, scale, coef, intercept = params
        model = {
            "kind": "logistic regression over standardised features",
            "trained": {
                "pages": int(total),
                "lines": len(y),
                "folders": args.folders,
                "seed": SEED,
                "C": C,
                "top1": {k: round(v, 4) for k, v in figures.items()},
            },
            "features": list(HEADLINE_FEATURES),
            "mean": [round(float(v), 6) for v in mean],
            "scale": [round(float(v), 6) for v in scale],
            "coef": [round(float(v), 6) for v in coef],
            "intercept": round(intercept, 6),
        }
        args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
