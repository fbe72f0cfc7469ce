"""Regression gate: extraction quality on the shared evaluation corpus must not drop.

Runs ``news_digest.extract.extract_dir`` (what ``invoke extract`` runs) over
both dev sets and the trafilatura window set, and scores the output with the
corpus's own ``score.py``, ``score_snippets.py`` and ``score_metadata.py``
(titles as with ``--in-text``), imported from the shared folder rather than
copied. The floors are the scores measured when the gate was last raised,
minus a small margin; raise them when the cleaner gets better.
"""

from __future__ import annotations

import importlib.util
import json
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
F1_FLOOR = {
    "dev-window": 0.968,
    "dev-page": 0.955,
    # Small folders (63 pages each), gated since the body kept wiki references and leads.
    "readability-dev/window": 0.865,
    "readability-dev/page": 0.863,
}
PRECISION_FLOOR = {"dev-window": 0.97}
#: Snippet F1 floors of the trafilatura sets (measured minus ~0.005).
SNIPPET_FLOOR = {"trafilatura-dev/window": 0.888, "trafilatura-dev/page": 0.841}
#: Title match share (``score_metadata.py --in-text``), measured minus ~0.02.
TITLE_FLOOR = {"dev-window": 0.95, "dev-page": 0.88, "trafilatura-dev/window": 0.94}
#: Authors and dates match share, measured minus ~0.02; wrong-date share, measured plus ~0.02.
AUTHORS_FLOOR = {"dev-window": 0.88, "dev-page": 0.86, "trafilatura-dev/window": 0.80}
DATE_FLOOR = {"dev-window": 0.63, "dev-page": 0.67, "trafilatura-dev/window": 0.56}
WRONG_DATE_CEILING = {"dev-window": 0.15, "dev-page": 0.15, "trafilatura-dev/window": 0.07}

pytestmark = pytest.mark.skipif(
    not (EVAL / "score.py").is_file(),
    reason=f"evaluation corpus not found at {EVAL} (../shared/eval from the repo root)",
)


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"eval_{name}", EVAL / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scorer():
    return _load("score")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """Each gated folder extracted once, into a folder of its own."""
    done = {}

    def extract(corpus: str):
        if corpus not in done:
            dest = tmp_path_factory.mktemp(corpus.replace("/", "-"))
            done[corpus] = (extract_dir(EVAL / corpus, dest), dest)
        return done[corpus]

    return extract


@pytest.mark.parametrize("corpus", sorted(F1_FLOOR))
def test_extraction_quality_holds(corpus, scorer, extracted):
    src = EVAL / corpus
    articles, out = extracted(corpus)
    ids = [item["id"] for item in scorer.load_manifest(src)]
    predictions = scorer.read_outputs_dir(out, ids)
    assert set(articles) >= set(ids)
    result = scorer.evaluate(src, predictions, ["all"], n_bootstrap=0)["all"]
    line = scorer.format_line(corpus, result)
    assert result.f1 >= F1_FLOOR[corpus], line
    assert result.p >= PRECISION_FLOOR.get(corpus, 0.0), line


@pytest.mark.parametrize("corpus", sorted(SNIPPET_FLOOR))
def test_snippet_quality_holds(corpus, extracted):
    snippets = _load("score_snippets")
    src = EVAL / corpus
    _, out = extracted(corpus)
    ids = [item["id"] for item in snippets.load_manifest(src)]
    result = snippets.evaluate(src, snippets.read_outputs_dir(out, ids), n_bootstrap=0)
    assert result.f1 >= SNIPPET_FLOOR[corpus], snippets.format_line(corpus, result)


def _metadata_counts(corpus, extracted, field):
    """(scored, matched, wrong) pages of ``corpus`` for ``field``, as the corpus scores them."""
    metadata = _load("score_metadata")
    src = EVAL / corpus
    _, out = extracted(corpus)
    verdicts = []
    for item_id in metadata.page_ids(src, None):
        meta = json.loads((src / f"{item_id}.meta.json").read_text(encoding="utf-8"))
        meta = metadata.in_text(meta, src / f"{item_id}.txt")
        verdicts.append({"v": metadata.judge(meta, metadata.ours(out, item_id))})
    scored, matched, wrong, _ = metadata.counts(verdicts, field)
    return scored, matched, wrong


@pytest.mark.parametrize("corpus", sorted(TITLE_FLOOR))
def test_titles_hold(corpus, extracted):
    scored, matched, _ = _metadata_counts(corpus, extracted, "title")
    assert scored and matched / scored >= TITLE_FLOOR[corpus], (corpus, matched, scored)


@pytest.mark.parametrize("corpus", sorted(AUTHORS_FLOOR))
def test_authors_and_dates_hold(corpus, extracted):
    scored, matched, _ = _metadata_counts(corpus, extracted, "authors")
    assert scored and matched / scored >= AUTHORS_FLOOR[corpus], (corpus, matched, scored)
    scored, matched, wrong = _metadata_counts(corpus, extracted, "date")
    assert scored and matched / scored >= DATE_FLOOR[corpus], (corpus, matched, scored)
    assert scored and wrong / scored <= WRONG_DATE_CEILING[corpus], (corpus, wrong, scored)
