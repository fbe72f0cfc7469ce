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
