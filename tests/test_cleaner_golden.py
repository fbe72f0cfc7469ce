"""Golden tests of the cleaner on the two example seeds."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import SEEDS

from news_digest.cleaner import body_markdown, clean_bytes
from news_digest.cleaner.record import DATE_INFERRED, DATE_STATED, QUOTE


def _seed(prefix: str) -> bytes:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_bytes()


def _raw_lines(prefix: str) -> list[str]:
    # White space normalised as the cleaner does (NBSP → space).
    return [" ".join(ln.split()) for ln in _seed(prefix).decode("utf-8").splitlines() if ln.strip()]


@pytest.fixture(scope="module")
def rankin():
    return clean_bytes(_seed("000"))


@pytest.fixture(scope="module")
def tpm():
    return clean_bytes(_seed("004"))


def test_000_metadata(rankin):
    assert rankin.title == "Jeff Sessions: Stop ‘Handcuffing the Police Instead of the Criminals’"
    assert rankin.authors == ["Kenrya Rankin"]
    assert rankin.date == dt.date(2017, 4, 18)
    assert rankin.date_status == DATE_STATED


def test_000_every_body_paragraph_in_order(rankin):
    raw = _raw_lines("000")
    # Everything after the title and byline is article text.
    assert [block.text for block in rankin.body] == raw[2:]


def test_000_essay_excerpt_is_a_blockquote(rankin):
    texts = [block.text for block in rankin.body]
    start = texts.index("From the essay:")
    quoted = [block for block in rankin.body if block.kind == QUOTE]
    assert [b.text for b in quoted] == texts[start + 1 : start + 4]
    assert quoted[0].text.startswith("Yet amid this plague of violence")
    assert quoted[-1].text.endswith("Every neighborhood needs to be safe and peaceful.")
    assert rankin.body[start + 4].kind != QUOTE  # "Sessions’ assertion …" is the article again
    markdown = body_markdown(rankin)
    assert "\n> Yet amid this plague" in markdown


def test_004_title_and_source(tpm):
    assert tpm.title == "Sessions: ‘We Can And Must Do Better’ At Intervening Before Attacks Happen"
    assert tpm.source == "Talking Points Memo"


def test_004_caption_once_as_caption(tpm):
    assert len(tpm.captions) == 1
    assert tpm.captions[0].startswith("On Abraham Lincoln’s birthday")
    assert not any("Abraham Lincoln" in block.text for block in tpm.body)


BOILERPLATE_004 = [
    "Start your day with TPM.",
    "Sign up for the Morning Memo newsletter",
    "Latest Livewire",
    "Comments",
    "Masthead Masthead",
    "Founder & Editor-in-Chief:",
    "Executive Editor:",
    "Managing Editor:",
    "Associate Editor:",
    "Editor at Large:",
    "General Counsel:",
    "Publisher:",
    "Head of Product:",
    "Director of Technology:",
    "Associate Publisher:",
    "Front End Developer:",
    "Senior Designer:",
]


def test_004_boilerplate_removed_with_reasons(tpm):
    body = tpm.body_text
    removed = {r.text: r.reason for r in tpm.removed}
    for line in BOILERPLATE_004:
        assert line not in body
        assert removed.get(line), line


def test_004_every_body_paragraph_in_order(tpm):
    raw = _raw_lines("004")
    first = next(i for i, ln in enumerate(raw) if ln.startswith("During a speech"))
    last = next(i for i, ln in enumerate(raw) if ln.endswith("we’ll meet it,” he said."))
    assert [block.text for block in tpm.body] == raw[first : last + 1]


def test_004_date_is_never_confident(tpm):
    # No date is written as the article's date: at most a lower bound from the caption.
    assert tpm.date_status == DATE_INFERRED
    assert tpm.date == dt.date(2018, 2, 12)
    assert "inferred" in tpm.date_source
