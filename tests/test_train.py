"""The ranker's training sample (``bench/train.py``): what it keeps of each page."""

from __future__ import annotations

import importlib.util

import numpy as np
from conftest import ROOT


def _train():
    spec = importlib.util.spec_from_file_location("train", ROOT / "bench" / "train.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_sample_keeps_the_headline_its_neighbours_and_the_first_line():
    train = _train()
    # Two pages of 200 candidates each; the headline is row 120 of the first, 7 of the second.
    y = np.zeros(400, dtype=bool)
    y[[120, 207]] = True
    pages = np.repeat([0, 1], 200)
    keep = set(train.subsample(y, pages).tolist())
    near = train.HARD_NEIGHBOURS
    for headline, first in ((120, 0), (207, 200)):
        assert set(range(headline - near, headline + near + 1)) <= keep
        assert first in keep
    for page in (0, 1):
        negatives = [i for i in keep if pages[i] == page and not y[i]]
        assert len(negatives) == train.NEGATIVES
    # The random part is seeded: the same data give the same sample.
    assert keep == set(train.subsample(y, pages).tolist())


def test_a_short_page_is_kept_whole():
    train = _train()
    y = np.zeros(12, dtype=bool)
    y[5] = True
    pages = np.zeros(12, dtype=int)
    assert train.subsample(y, pages).tolist() == list(range(12))


def test_the_ranker_puts_each_page_headline_first_and_saves_what_it_learned():
    train = _train()
    rng = np.random.default_rng(0)
    # 60 pages of 30 lines; the headline is the line with the highest feature 3.
    x = rng.random((60 * 30, len(train.HEADLINE_FEATURES)))
    pages = np.repeat(np.arange(60), 30)
    y = np.zeros(len(x), dtype=bool)
    for page in range(60):
        rows = np.flatnonzero(pages == page)
        y[rows[np.argmax(x[rows, 3])]] = True
    model = train.fit(x, y, pages, "ranker")
    right, total = train.top1(model, x, y, pages)
    assert right / total > 0.9
    # Saved as the cleaner reads it: plain arrays, nodes in pre-order.
    for feature, threshold, left, right_child, value in model["trees"]:
        assert len(feature) == len(threshold) == len(left) == len(right_child) == len(value)
        for node, children in enumerate(zip(left, right_child, strict=True)):
            assert all(child == -1 or child > node for child in children)


def test_a_lightgbm_tree_flattens_in_pre_order():
    train = _train()
    leaf = lambda v: {"leaf_value": v}  # noqa: E731
    split = lambda f, t, a, b: {  # noqa: E731
        "split_feature": f,
        "threshold": t,
        "decision_type": "<=",
        "left_child": a,
        "right_child": b,
    }
    tree = split(2, 0.5, split(1, 0.25, leaf(-1.0), leaf(0.5)), leaf(2.0))
    assert train._flat(tree) == [
        [2, 1, 0, 0, 0],
        [0.5, 0.25, 0.0, 0.0, 0.0],
        [1, 2, -1, -1, -1],
        [4, 3, -1, -1, -1],
        [0.0, 0.0, -1.0, 0.5, 2.0],
    ]
