"""Properties of the cleaner over generated seeds (hypothesis)."""

from __future__ import annotations

import contextlib
import os
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from news_digest.cleaner import UndecodableError, clean_bytes, clean_text
from news_digest.cleaner.decode import repair
from news_digest.cleaner.normalise import normalise, segment

_WORD = re.compile(r"\w+")

# Lines of the kinds seeds are made of: prose, headlines, bylines, dates,
# captions, prompts, labels, markup, in several scripts.
PROSE = st.lists(
    st.sampled_from(
        [
            "the",
            "council",
            "said",
            "on",
            "Monday",
            "that",
            "it",
            "would",
            "vote",
            "again",
            "and",
            "residents",
            "who",
            "spoke",
            "were",
            "angry",
            "about",
            "cost",
            "traffic",
            "bridge",
            "plan",
            "Sessions",
            "Parkland",
            "police",
            "Él",
            "dijo",
            "que",
            "la",
            "ciudad",
            "votará",
            "el",
            "lunes",
            "—",
            "«nous",
            "verrons»",
            "сказал",
            "мэр",
            "市长说",
        ]
    ),
    min_size=4,
    max_size=40,
).map(lambda words: " ".join(words).capitalize() + ".")
FURNITURE = st.sampled_from(
    [
        "Comments",
        "Share",
        "Sign up for the Morning Memo newsletter",
        "Start your day with TPM.",
        "Advertisement",
        "Latest News",
        "Masthead",
        "Executive Editor:",
        "Managing Editor:",
        "Related:",
        "Read more",
        "By Ann Lee and Bo Chen",
        "By Ann Lee | Daily Planet",
        "Nov. 19, 2019 8:03 am ET",
        "Updated 11/19/19",
        "A man walks past the bridge. (Photo by Ann Lee/Getty Images)",
        "From the essay:",
        "<script>alert(1)</script>",
        "[link](javascript:alert(1))",
        "© 2019 The Daily Planet",
    ]
)
HEADLINE = st.lists(
    st.sampled_from(["Bridge", "Vote", "Council", "Mayor", "Plan", "Delayed", "Again"]),
    min_size=3,
    max_size=9,
).map(" ".join)
LINE = st.one_of(PROSE, PROSE, FURNITURE, HEADLINE, st.text(max_size=80))
SEED = st.tuples(
    HEADLINE, st.lists(LINE, max_size=25), st.sampled_from(["\n", "\n\n", "\r\n", "\r"])
).map(lambda parts: parts[2].join([parts[0], *parts[1]]))
SETTINGS = settings(
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "150")),
    # CI runs the same examples every time (a red build is reproducible);
    # local runs keep exploring new ones.
    derandomize=bool(os.environ.get("CI")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _normalised(text: str) -> str:
    return normalise(repair(text))


@SETTINGS
@given(st.one_of(SEED, st.text()))
def test_never_raises_on_text(text):
    article = clean_text(text)
    assert isinstance(article.body, list)


@SETTINGS
@given(st.binary(max_size=2000))
def test_never_raises_on_bytes_except_for_binary(data):
    with contextlib.suppress(UndecodableError):
        clean_bytes(data)


@SETTINGS
@given(SEED)
def test_never_invents_words(text):
    source = set(_WORD.findall(_normalised(text)))
    article = clean_text(text)
    for block in article.body:
        assert set(_WORD.findall(block.text)) <= source, block.text
    for field in (article.title or "", *article.authors, *article.captions):
        assert set(_WORD.findall(field)) <= source, field


@SETTINGS
@given(SEED)
def test_keeps_the_order_and_text_of_what_it_keeps(text):
    lines = {line.number: line.text for line in segment(_normalised(text))}
    article = clean_text(text)
    numbers = [block.line for block in article.body]
    assert numbers == sorted(set(numbers))
    for block in article.body:
        assert block.text == lines[block.line]


@SETTINGS
@given(SEED)
# Once found by hypothesis: a digits-only line became the headline on the second look.
@example(
    "Bridge Bridge Bridge\nThe the the the residents council council.\n"
    "The the the the the the council council.\n0 0 0\nThe the the the the the the the."
)
# Once found by hypothesis: an unsure sentence above the body, taken as the
# headline, became the body's first sentence on the second look.
@example(
    "Bridge Bridge Bridge\nThe the the the.\nThe the the the.\nThe the the the.\n"
    "The the the the.\nThe the the the.\nThe monday said council the said.\n"
    "Comments\nComments\nComments\nComments\n0 A A\nBRIDGE BRIDGE BRIDGE\n"
    "The the the the.\nThe the the monday said council the said."
)
# Once found by hypothesis: the headline's copy with a byline under it, below the
# body, became the headline on the second look, and the body fell apart.
@example(
    "Bridge Bridge Vote Council\nThe the the the the the.\nThe the the the.\n"
    "The the the the the.\nThe the the the the the.\nThe the the the.\n"
    "By Ann Lee and Bo Chen\nThe the the the.\nThe the the the.\nThe the the the.\n"
    "The the the the.\nBRIDGE BRIDGE VOTE COUNCIL\nBy Ann Lee and Bo Chen"
)
def test_idempotent_on_its_own_output(text):
    first = clean_text(text)
    if first.title is None or not first.body:
        return
    again = clean_text("\n\n".join([first.title, *(b.text for b in first.body)]))
    assert again.title == first.title
    assert [b.text for b in again.body] == [b.text for b in first.body]
