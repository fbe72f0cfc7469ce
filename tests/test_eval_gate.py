"""Regression gate: extraction quality on the shared evaluation corpus must not drop.

Runs ``news_digest.extract.extract_dir`` (what ``invoke extract`` runs) over
both dev sets and scores the output with the corpus's own ``score.py``,
imported from the shared folder rather than copied. The floors are the
scores measured when the gate was last raised, minus a small margin; raise
them when the cleaner gets better.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from news_digest.extract import extract_dir

ROOT = Path(__file__).resolve().parent.parent
#: The corpus sits next to the repository (``../shared/eval``); a git
#: worktree one level deeper finds it one level up; NEWS_DIGEST_EVAL overrides.
CANDIDATES = [
    Path(os.environ["NEWS_DIGEST_EVAL"]) if os.environ.get("NEWS_DIGEST_EVAL") else None,
    ROOT / ".." / "shared" / "eval",
    ROOT / ".." / ".." / "shared" / "eval",
]
EVAL = next(
    (path for path in CANDIDATES if path and (path / "score.py").is_file()),
    ROOT / ".." / "shared" / "eval",
)

#: F1 floors (measured score minus ~0.005), and precision on the seed-like set.
F1_FLOOR = {"dev-window": 0.968, "dev-page": 0.955}
PRECISION_FLOOR = {"dev-window": 0.97}

pytestmark = pytest.mark.skipif(
    not (EVAL / "score.py").is_file(),
    reason=f"evaluation corpus not found at {EVAL} (../shared/eval from the repo root)",
)


@pytest.fixture(scope="module")
def scorer():
    spec = importlib.util.spec_from_file_location("eval_score", EVAL / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("corpus", sorted(F1_FLOOR))
def test_extraction_quality_holds(corpus, scorer, tmp_path):
    src = EVAL / corpus
    articles = extract_dir(src, tmp_path)
    ids = [item["id"] for item in scorer.load_manifest(src)]
    predictions = scorer.read_outputs_dir(tmp_path, ids)
    assert set(articles) >= set(ids)
    result = scorer.evaluate(src, predictions, ["all"], n_bootstrap=0)["all"]
    line = scorer.format_line(corpus, result)
    assert result.f1 >= F1_FLOOR[corpus], line
    assert result.p >= PRECISION_FLOOR.get(corpus, 0.0), line
