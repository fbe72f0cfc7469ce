"""Train the headline ranker on the evaluation corpus, and say how well it generalises.

Every short line of every page is an example (:func:`news_digest.cleaner.
features.headline_features`); it is a headline when it equals one of the
page's ``<id>.meta.json`` title references after the corpus scorer's
folding (``score_metadata.title_match``). The default model ranks: two
hundred small gradient-boosted trees (LightGBM's LambdaRank) learn to put
each page's headline above that page's other lines, since only the order
within a page matters. The older kinds classify each line on its own: a
hundred depth-3 trees (scikit-learn) or a logistic regression. Each is
fitted with a fixed seed and saved as plain JSON
(``plugins/news_digest/cleaner/models/headline.json``), scored here by the
cleaner's own :class:`~news_digest.cleaner.headline.Model`, and by the
cleaner without any training library.

Besides the in-sample figure it reports top-1 accuracy (the best-scored
line is a headline) under grouped k-fold by publisher (the window and page
variants of a page, and all pages of one publisher, stay on one side) and
leave-one-benchmark-out (train on four benchmarks, test on the fifth). The
confidence the cleaner reports is fitted on the k-fold's held-out pages
(:meth:`~news_digest.cleaner.headline.Model.confidence`).

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
from news_digest.cleaner.headline import Model, evidence  # noqa: E402
from news_digest.cleaner.pipeline import seed_lines  # noqa: E402

MODEL = ROOT / "plugins" / "news_digest" / "cleaner" / "models" / "headline.json"
#: Seeds and settings: the same data give the same model, byte for byte.
SEED = 0
FOLDS = 5
#: Inverse regularisation strength of the logistic regression.
C = 1.0
#: Gradient-boosted trees: few and shallow, so the model file stays small.
TREES = 100
DEPTH = 3
LEARNING_RATE = 0.1
#: Tree models averaged into one (each on its own sample): see :func:`fit`.
BAGS = 5
#: The ranker (LambdaRank): many small trees, chosen by the grouped k-fold
#: among 4-16 leaves, 100-300 trees (0.815-0.822 top-1, docs/extraction.md).
RANKER_TREES = 200
RANKER_LEAVES = 4
RANKER_MIN_LEAF = 20
#: Only the order of a page's first lines is learned: the headline must come first.
RANKER_TRUNCATION = 10
#: Lines other than the headline kept per page for training (the classifying kinds).
NEGATIVES = 40
#: Candidates this many places either side of the headline are always among them.
HARD_NEIGHBOURS = 3


def benchmark(folder: str) -> str:
    """The benchmark a folder belongs to: its window and page variants are one."""
    return folder.split("/")[0].replace("dev-window", "dev").replace("dev-page", "dev")


def load(eval_dir: Path, folders: list[str]):
    """Feature rows, labels, page index, publisher group and folder of every candidate."""
    titles = scorer(eval_dir, "score_metadata")
    rows, labels, pages, groups, where = [], [], [], [], []
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
            verdicts = boilerplate.classify(lines)
            body = [i for i, v in enumerate(verdicts) if v.role == "body"]
            indexes = candidates(lines, body)
            hits = [titles.title_match(lines[i].text, refs) for i in indexes] if refs else []
            if not any(hits):
                continue  # no line is the headline: nothing to rank
            rows.extend(headline_features(lines, body, indexes))
            labels.extend(hits)
            pages.extend([page] * len(indexes))
            publisher = item.get("publisher") or item.get("domain") or item["id"]
            groups.extend([publisher] * len(indexes))
            where.extend([name] * len(indexes))
            page += 1
    return (
        np.array(rows, dtype=float),
        np.array(labels, dtype=bool),
        np.array(pages),
        np.array(groups),
        np.array(where),
    )


def subsample(y: np.ndarray, pages: np.ndarray, seed: int = SEED) -> np.ndarray:
    """Every headline line, the lines the ranker confuses with it, and other
    lines of each page at random, at most :data:`NEGATIVES` negatives in all.

    Whole pages have hundreds of lines: without a sample the trees would
    learn the long pages' menus and little else. But a random sample seldom
    holds the few lines that compete with the headline, so these are always
    kept: the candidates :data:`HARD_NEIGHBOURS` places either side of it (the
    kicker over it, the standfirst under it, the byline) and the page's
    first candidate (a site's name, or a seed's headline).
    """
    rng = np.random.default_rng(seed)
    keep = []
    order = np.argsort(pages, kind="stable")
    for idx in np.split(order, np.flatnonzero(np.diff(pages[order])) + 1):
        labels = y[idx]
        near = np.zeros(len(idx), dtype=bool)
        near[0] = True
        for at in np.flatnonzero(labels):
            near[max(at - HARD_NEIGHBOURS, 0) : at + HARD_NEIGHBOURS + 1] = True
        hard = idx[near & ~labels]
        others = idx[~near & ~labels]
        room = max(NEGATIVES - len(hard), 0)
        if len(others) > room:
            others = rng.choice(others, room, replace=False)
        keep.extend(idx[labels])
        keep.extend(hard)
        keep.extend(others)
    return np.sort(np.array(keep))


def fit(x: np.ndarray, y: np.ndarray, pages: np.ndarray, kind: str, bags: int = 1) -> dict:
    """A model as the cleaner reads it (see ``news_digest.cleaner.headline.Model``).

    ``bags`` tree models, each on its own sample of negative lines and rows,
    are averaged (their trees' leaves divided by ``bags``): one model's
    choice among near-equal lines moves with the sample it drew.
    """
    if kind == "ranker":
        return _fit_ranker(x, y, pages)
    if kind == "trees":
        return _fit_trees(x, y, pages, bags)
    keep = subsample(y, pages)
    x, y = x[keep], y[keep]
    if kind == "linear":
        from sklearn.linear_model import LogisticRegression
        from sklearn.preprocessing import StandardScaler

        scaler = StandardScaler().fit(x)
        scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
        model = LogisticRegression(C=C, max_iter=5000, random_state=SEED)
        model.fit((x - scaler.mean_) / scale, y)
        return {
            "kind": "logistic regression over standardised features",
            "intercept": round(float(model.intercept_[0]), 6),
            "mean": [round(float(v), 6) for v in scaler.mean_],
            "scale": [round(float(v), 6) for v in scale],
            "coef": [round(float(v), 6) for v in model.coef_[0]],
        }
    raise ValueError(kind)


def _fit_ranker(x: np.ndarray, y: np.ndarray, pages: np.ndarray) -> dict:
    """LambdaRank trees over every candidate of each page (no sample: a ranker
    compares a page's lines with each other, the menus of long pages included)."""
    import lightgbm

    order = np.argsort(pages, kind="stable")
    _, sizes = np.unique(pages[order], return_counts=True)
    data = lightgbm.Dataset(x[order], y[order].astype(int), group=sizes)
    params = {
        "objective": "lambdarank",
        "lambdarank_truncation_level": RANKER_TRUNCATION,
        "num_leaves": RANKER_LEAVES,
        "min_data_in_leaf": RANKER_MIN_LEAF,
        "learning_rate": LEARNING_RATE,
        "num_iterations": RANKER_TREES,
        "seed": SEED,
        "deterministic": True,
        "force_col_wise": True,
        "num_threads": 1,
        "verbose": -1,
    }
    booster = lightgbm.train(params, data)
    trees = [_flat(info["tree_structure"]) for info in booster.dump_model()["tree_info"]]
    model = {
        "kind": f"ranking trees (LambdaRank, {RANKER_TREES} of {RANKER_LEAVES} leaves)",
        "intercept": 0.0,
        "trees": trees,
    }
    # The saved trees must score as LightGBM does: a wrong export fails here, not in use.
    check = x[order[:: max(len(order) // 2000, 1)]]
    if not np.allclose(scores(model, check), booster.predict(check), atol=1e-5):
        raise AssertionError("the exported trees do not score as the trained model")
    return model


def _flat(root: dict) -> list[list]:
    """A LightGBM tree (nested dicts) as the cleaner's arrays, nodes in pre-order."""
    feature, threshold, left, right, value = [], [], [], [], []

    def visit(node: dict) -> int:
        at = len(feature)
        feature.append(0)
        threshold.append(0.0)
        left.append(-1)
        right.append(-1)
        value.append(0.0)
        if "leaf_value" in node:
            value[at] = float(f"{node['leaf_value']:.8g}")
            return at
        if node["decision_type"] != "<=":
            raise ValueError(f"unexpected split {node['decision_type']!r}")
        feature[at] = int(node["split_feature"])
        threshold[at] = float(node["threshold"])  # exact: a rounded cut can move a line
        left[at] = visit(node["left_child"])
        right[at] = visit(node["right_child"])
        return at

    visit(root)
    return [feature, threshold, left, right, value]


def _fit_trees(x: np.ndarray, y: np.ndarray, pages: np.ndarray, bags: int) -> dict:
    from sklearn.ensemble import GradientBoostingClassifier

    trees, intercept = [], 0.0
    for bag in range(bags):
        keep = subsample(y, pages, seed=SEED + bag)
        xb, yb = x[keep], y[keep]
        model = GradientBoostingClassifier(
            n_estimators=TREES,
            max_depth=DEPTH,
            learning_rate=LEARNING_RATE,
            subsample=0.8,
            random_state=SEED + bag,
        ).fit(xb, yb)
        for (estimator,) in model.estimators_:
            tree = estimator.tree_
            trees.append(
                [
                    [max(int(f), 0) for f in tree.feature],
                    [float(f"{t:.6g}") for t in tree.threshold],
                    [int(v) for v in tree.children_left],
                    [int(v) for v in tree.children_right],
                    [float(f"{LEARNING_RATE * v / bags:.6g}") for v in tree.value[:, 0, 0]],
                ]
            )
        # The prior's log-odds: what the trees add to, the same for every row.
        init = float(model.decision_function(xb[:1])[0]) - sum(
            LEARNING_RATE * float(e.predict(xb[:1].astype(np.float32))[0])
            for (e,) in model.estimators_
        )
        intercept += init / bags
    averaged = f"{bags} averaged models of " if bags > 1 else ""
    return {
        "kind": f"gradient-boosted trees ({averaged}{TREES} of depth {DEPTH})",
        "intercept": round(intercept, 6),
        "trees": trees,
    }


def as_model(model: dict) -> Model:
    """A fitted model as the cleaner reads it from its JSON file."""
    return Model.from_json(
        {"features": list(HEADLINE_FEATURES), "calibration": list(Model.calibration), **model}
    )


def scores(model: dict, x: np.ndarray) -> np.ndarray:
    """Every row's score under ``model``: what the cleaner computes."""
    return np.array(as_model(model).score_rows(x))


def ranked(model: dict, x: np.ndarray, y: np.ndarray, pages: np.ndarray) -> list[tuple]:
    """``(right, *evidence)`` per page: is the best-scored line a headline, and
    what the cleaner's confidence reads of the page's scores."""
    scored = scores(model, x)
    found = []
    for page in np.unique(pages):
        mask = pages == page
        page_scores = scored[mask]
        best = int(np.argmax(page_scores))  # the first of equals: the upper line
        found.append((bool(y[mask][best]), *evidence(page_scores.tolist())))
    return found


def top1(model: dict, x: np.ndarray, y: np.ndarray, pages: np.ndarray) -> tuple[int, int]:
    """Pages whose best-scored line is a headline, and pages."""
    found = ranked(model, x, y, pages)
    return sum(page[0] for page in found), len(found)


def cross_validate(
    x, y, pages, split, kind: str, found: list | None = None, bags: int = 1
) -> float:
    right = total = 0
    for train, test in split:
        model = fit(x[train], y[train], pages[train], kind, bags)
        pages_found = ranked(model, x[test], y[test], pages[test])
        right += sum(page[0] for page in pages_found)
        total += len(pages_found)
        if found is not None:
            found.extend(pages_found)
    return right / total


def fit_confidence(found: list[tuple]) -> list[float]:
    """The confidence's weights (:meth:`Model.confidence`): a logistic regression
    of "the choice is right" on the held-out pages' best score, lead and share."""
    from sklearn.linear_model import LogisticRegression

    data = np.array([page[1:] for page in found])
    right = np.array([page[0] for page in found])
    fitted = LogisticRegression(C=100.0, max_iter=5000).fit(data, right)
    return [round(float(v), 6) for v in (fitted.intercept_[0], *fitted.coef_[0])]


def calibration(found: list[tuple], weights: list[float], thresholds=(0.3, 0.5, 0.7)) -> str:
    """How often the headline is right above and below each confidence threshold."""
    model = Model(HEADLINE_FEATURES, 0.0, calibration=tuple(weights))
    found = [(page[0], model.confidence_of(page[1:])) for page in found]
    lines = [
        "| threshold | pages below | right below | right at or above |",
        "| ---: | ---: | ---: | ---: |",
    ]
    for threshold in thresholds:
        below = [r for r, c in found if c < threshold]
        above = [r for r, c in found if c >= threshold]
        share = lambda rs: f"{sum(rs) / len(rs):.3f}" if rs else "-"  # noqa: E731
        lines.append(
            f"| {threshold} | {len(below) / len(found):.3f} | {share(below)} | {share(above)} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="the corpus folder")
    parser.add_argument("--folders", nargs="*", default=list(FOLDERS))
    parser.add_argument("--out", type=Path, default=MODEL, help="where to write the model")
    parser.add_argument("--no-save", action="store_true", help="report figures only")
    parser.add_argument("--kind", choices=["ranker", "trees", "linear"], default="ranker")
    parser.add_argument("--bags", type=int, default=BAGS, help="--kind trees: models averaged")
    args = parser.parse_args(argv)
    from sklearn.model_selection import GroupKFold

    x, y, pages, groups, where = load(args.eval, args.folders)
    benches = np.array([benchmark(name) for name in where])
    print(f"{len(np.unique(pages))} pages, {len(y)} candidate lines, {int(y.sum())} headlines")
    model = fit(x, y, pages, args.kind, args.bags)
    right, total = top1(model, x, y, pages)
    figures = {"in-sample": right / total}
    kfold = GroupKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    folds = list(kfold.split(x, y, groups))
    held_out: list[tuple] = []
    figures[f"{FOLDS}-fold by publisher"] = cross_validate(
        x, y, pages, folds, args.kind, held_out, args.bags
    )
    for name in sorted(set(benches)):
        held = benches == name
        train, test = np.flatnonzero(~held), np.flatnonzero(held)
        figures[f"trained without {name}, tested on it"] = cross_validate(
            x, y, pages, [(train, test)], args.kind, bags=args.bags
        )
    print("| top-1 headline accuracy | share |\n| --- | ---: |")
    for label, value in figures.items():
        print(f"| {label} | {value:.3f} |")
    # ``held_out`` follows the folds' test pages; each page's folder is its rows'.
    page_folder = dict(zip(pages.tolist(), where.tolist(), strict=False))
    tested = [page for _, test in folds for page in np.unique(pages[test])]
    print(f"\n| folder | {FOLDS}-fold by publisher | pages |\n| --- | ---: | ---: |")
    for name in args.folders:
        right = [
            found[0]
            for page, found in zip(tested, held_out, strict=True)
            if page_folder[page] == name
        ]
        if right:
            print(f"| {name} | {sum(right) / len(right):.3f} | {len(right)} |")
    weights = fit_confidence(held_out)
    print("\nConfidence of the held-out choices (5-fold by publisher):")
    print(calibration(held_out, weights))
    if not args.no_save:
        saved = {
            "kind": model.pop("kind"),
            "trained": {
                "pages": int(total),
                "lines": len(y),
                "folders": args.folders,
                "seed": SEED,
                "top1": {k: round(v, 4) for k, v in figures.items()},
            },
            "features": list(HEADLINE_FEATURES),
            "calibration": weights,
            **model,
        }
        args.out.write_text(json.dumps(saved, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
