"""Choose the headline among the seed's lines, by evidence from the whole text.

Every short line is a candidate; a learned linear ranker
(``models/headline.json``, trained by ``invoke train`` on the evaluation
corpus) scores each from its :mod:`.features`, and the best one wins. The
share of the softmax over all candidates that goes to the winner is the
confidence. Scoring needs only the standard library: the model file holds
the feature names, their scaling and the coefficients, nothing executable.

The headline is chosen after the body and cannot change it: the pipeline
removes the headline's own line, never text above or below it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .features import HEADLINE_FEATURES, candidates, headline_features
from .record import Line

#: Below this confidence the headline is reported as unsure.
TITLE_UNSURE = 0.5
MODEL_FILE = "models/headline.json"


@dataclass(frozen=True)
class Choice:
    """The chosen headline, where it is, and how sure the ranker is of it."""

    text: str
    index: int
    line: int
    confidence: float
    runner_up: str | None


@dataclass(frozen=True)
class Model:
    """A linear scorer over standardised features."""

    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    def score(self, row: list[float]) -> float:
        terms = zip(self.coef, row, self.mean, self.scale, strict=True)
        return self.intercept + sum(c * (x - m) / s for c, x, m, s in terms)

    @classmethod
    def from_json(cls, data: dict) -> Model:
        if tuple(data["features"]) != HEADLINE_FEATURES:
            raise ValueError(
                "the headline model was trained on other features: retrain with `invoke train`"
            )
        return cls(
            tuple(data["features"]),
            tuple(data["mean"]),
            tuple(data["scale"]),
            tuple(data["coef"]),
            float(data["intercept"]),
        )


@lru_cache(maxsize=1)
def model() -> Model:
    text = resources.files(__package__).joinpath(MODEL_FILE).read_text("utf-8")
    return Model.from_json(json.loads(text))


def choose(lines: list[Line], body: list[int], scorer: Model | None = None) -> Choice | None:
    """The best-scoring candidate line, or ``None`` when no line could be a headline.

    ``body`` holds the indexes of the lines the boilerplate classifier kept.
    """
    indexes = candidates(lines)
    if not indexes:
        return None
    scorer = scorer or model()
    scores = [scorer.score(row) for row in headline_features(lines, body, indexes)]
    order = sorted(range(len(scores)), key=lambda k: (-scores[k], indexes[k]))
    best = order[0]
    top = scores[best]
    confidence = 1.0 / sum(math.exp(min(s - top, 0.0)) for s in scores)
    runner_up = lines[indexes[order[1]]].text if len(order) > 1 else None
    index = indexes[best]
    return Choice(lines[index].text, index, lines[index].number, confidence, runner_up)
