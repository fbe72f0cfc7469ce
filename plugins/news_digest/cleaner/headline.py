"""Choose the headline among the seed's lines, by evidence from the whole text.

Every short line is a candidate; a learned ranker (``models/headline.json``,
small gradient-boosted trees trained by ``invoke train`` on the evaluation
corpus to rank each page's headline first) scores each from its
:mod:`.features`, and the best one wins. Its confidence is the chance that
the choice is right, read from how high the best score is and how far it is
ahead of the others (:meth:`Model.confidence`, fitted on held-out pages).
Scoring needs no training library (numpy scores a page's lines at once, and
:meth:`Model.score` does one in plain Python): the model file holds the
feature names, coefficients and tree thresholds, nothing executable.

The headline is chosen after the body and cannot change it: the pipeline
removes the headline's own line, never text above or below it.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from typing import NamedTuple

import numpy as np

from .features import HEADLINE_FEATURES, candidates, headline_features
from .record import Line

#: Below this confidence the headline is reported as unsure. On held-out pages
#: (``invoke train``) it flags 37% of them and lets 2.9% pass with a wrong
#: headline, about as few as the classifier before the ranker (2.8%, flagging 42%).
TITLE_UNSURE = 0.85
MODEL_FILE = "models/headline.json"
#: A lead over the runner-up beyond this adds nothing to the confidence.
LEAD_CLIP = 10.0
#: The score of an imaginary candidate, "no line is the headline", at the
#: trees' zero: a lone line, or a page's best, scored below it is unsure
#: however far ahead of the others it is (a seed with no headline line).
NO_HEADLINE_SCORE = 0.0


@dataclass(frozen=True)
class Choice:
    """The chosen headline, where it is, and how sure the ranker is of it."""

    text: str
    index: int
    line: int
    confidence: float
    runner_up: str | None
    #: The number of the line a headline broken after its colon goes on in
    #: ("Krach vor der VW-Betriebsversammlung:" over "Es knirscht zwischen …").
    second_line: int | None = None


class Tree(NamedTuple):
    """One regression tree: node ``i`` tests ``row[feature[i]] <= threshold[i]``.

    A leaf has ``left[i] == -1`` and adds ``value[i]`` to the score.
    """

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]

    def leaf_value(self, row: list[float]) -> float:
        node = 0
        left = self.left
        while left[node] >= 0:
            node = (
                left[node] if row[self.feature[node]] <= self.threshold[node] else self.right[node]
            )
        return self.value[node]


@dataclass(frozen=True)
class Model:
    """A score over the features: a linear part over standardised values, plus trees.

    A logistic regression leaves ``trees`` empty; gradient-boosted trees
    leave ``coef`` empty. Both read the same JSON layout.
    """

    names: tuple[str, ...]
    intercept: float
    mean: tuple[float, ...] = ()
    scale: tuple[float, ...] = ()
    coef: tuple[float, ...] = ()
    trees: tuple[Tree, ...] = ()
    #: Logistic weights of the confidence: intercept, the best score, its lead
    #: over the runner-up, and the log of its softmax share.
    calibration: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)

    def score(self, row: list[float]) -> float:
        total = self.intercept
        if self.coef:
            terms = zip(self.coef, row, self.mean, self.scale, strict=True)
            total += sum(c * (x - m) / s for c, x, m, s in terms)
        for tree in self.trees:
            total += tree.leaf_value(row)
        return total

    def score_rows(self, rows: list[list[float]]) -> list[float]:
        """:meth:`score` of every row, all trees at once (numpy): a page has hundreds."""
        x = np.asarray(rows, dtype=float)
        total = np.full(len(x), self.intercept)
        if self.coef:
            total += ((x - np.asarray(self.mean)) / np.asarray(self.scale)) @ np.asarray(self.coef)
        if self.trees:
            feature, threshold, left, right, value, roots, depth = self._packed
            node = np.broadcast_to(roots, (len(x), len(roots))).copy()
            rows_at = np.arange(len(x))[:, None]
            for _ in range(depth):
                inner = left[node] >= 0
                step = np.where(
                    x[rows_at, feature[node]] <= threshold[node], left[node], right[node]
                )
                node = np.where(inner, step, node)
            total += value[node].sum(axis=1)
        return total.tolist()

    def confidence(self, scores: list[float]) -> float:
        """The chance that the best of a page's ``scores`` is its headline.

        A ranker's scores only order a page's lines, so how sure the choice is
        comes from the :func:`evidence` of the scores, weighed as
        ``bench/train.py`` fitted them on pages held out of training.
        """
        return self.confidence_of(evidence(scores))

    def confidence_of(self, seen: tuple[float, float, float]) -> float:
        """:meth:`confidence` from a page's :func:`evidence`."""
        intercept, *weights = self.calibration
        z = intercept + sum(w * v for w, v in zip(weights, seen, strict=True))
        return 1.0 / (1.0 + math.exp(-z))

    @cached_property
    def _packed(self) -> tuple:
        """Every tree's nodes in one set of arrays, children as indexes into them."""
        feature, threshold, left, right, value, roots = [], [], [], [], [], []
        depth = 0
        for tree in self.trees:
            offset = len(feature)
            roots.append(offset)
            feature += tree.feature
            threshold += tree.threshold
            left += [c + offset if c >= 0 else -1 for c in tree.left]
            right += [c + offset if c >= 0 else -1 for c in tree.right]
            value += tree.value
            depth = max(depth, _depth(tree))
        return (
            np.array(feature, dtype=np.intp),
            np.array(threshold, dtype=float),
            np.array(left, dtype=np.intp),
            np.array(right, dtype=np.intp),
            np.array(value, dtype=float),
            np.array(roots, dtype=np.intp),
            depth,
        )

    @classmethod
    def from_json(cls, data: dict) -> Model:
        if tuple(data["features"]) != HEADLINE_FEATURES:
            raise ValueError(
                "the headline model was trained on other features: retrain with `invoke train`"
            )
        if len(data.get("calibration", ())) != len(Model.calibration):
            raise ValueError(
                "the headline model has no confidence weights: retrain with `invoke train`"
            )
        return cls(
            tuple(data["features"]),
            float(data["intercept"]),
            tuple(data.get("mean", ())),
            tuple(data.get("scale", ())),
            tuple(data.get("coef", ())),
            tuple(Tree(*(tuple(part) for part in tree)) for tree in data.get("trees", ())),
            tuple(data["calibration"]),
        )


def evidence(scores: list[float]) -> tuple[float, float, float]:
    """What the confidence reads of a page's scores: the best score, its lead
    over the runner-up (clipped at :data:`LEAD_CLIP`), and the log of its
    softmax share (low when many lines come close). An imaginary line, "no
    line is the headline", scored :data:`NO_HEADLINE_SCORE`, runs with them."""
    top = max(scores)
    rest = max(sorted(scores)[-2] if len(scores) > 1 else NO_HEADLINE_SCORE, NO_HEADLINE_SCORE)
    ceiling = max(top, NO_HEADLINE_SCORE)
    total = sum(math.exp(s - ceiling) for s in scores) + math.exp(NO_HEADLINE_SCORE - ceiling)
    return top, min(top - rest, LEAD_CLIP), top - ceiling - math.log(total)


#: The headline on a line of its own has at least this many words.
STANDALONE_MIN_WORDS = 3
#: What parts a page's title from the site's name: "Headline | Site | Section".
_SUFFIX = re.compile(r"^\s*(?:[|–—-]|::|»)\s")


def _standalone(lines: list[Line], indexes: list[int], best: int) -> int:
    """The candidate that is the chosen line's headline on a line of its own, or
    ``best``: the page's title with the site's name and sections after a
    separator ("Calendário Stock Car 2018 | Autoracing | F1") holds the
    headline the page also prints alone. (A part before the headline is left:
    "3.1 Git Branching - Branches in a Nutshell" is the whole title.)"""
    chosen = " ".join(lines[best].text.split())
    for index in sorted(indexes, key=lambda i: abs(i - best)):
        text = " ".join(lines[index].text.split())
        if index == best or len(text.split()) < STANDALONE_MIN_WORDS or len(text) >= len(chosen):
            continue
        if chosen.startswith(text) and _SUFFIX.match(chosen[len(text) :]):
            return index
    return best


def _depth(tree: Tree, node: int = 0) -> int:
    """Steps from ``node`` down to the deepest leaf."""
    if tree.left[node] < 0:
        return 0
    return 1 + max(_depth(tree, tree.left[node]), _depth(tree, tree.right[node]))


@lru_cache(maxsize=1)
def model() -> Model:
    text = resources.files(__package__).joinpath(MODEL_FILE).read_text("utf-8")
    return Model.from_json(json.loads(text))


def choose(lines: list[Line], body: list[int], scorer: Model | None = None) -> Choice | None:
    """The best-scoring candidate line, or ``None`` when no line could be a headline.

    ``body`` holds the indexes of the lines the boilerplate classifier kept.
    """
    indexes = candidates(lines, body)
    if not indexes:
        return None
    scorer = scorer or model()
    scores = scorer.score_rows(headline_features(lines, body, indexes))
    order = sorted(range(len(scores)), key=lambda k: (-scores[k], indexes[k]))
    best = order[0]
    confidence = scorer.confidence(scores)
    runner_up = lines[indexes[order[1]]].text if len(order) > 1 else None
    index = _standalone(lines, indexes, indexes[best])
    line = lines[index]
    if line.text.rstrip().endswith(":"):  # a headline broken in two (``features.broken_headline``)
        below = lines[index + 1]
        text = f"{line.text.strip()} {below.text.strip()}"
        return Choice(text, index, line.number, confidence, runner_up, below.number)
    return Choice(line.text, index, line.number, confidence, runner_up)
