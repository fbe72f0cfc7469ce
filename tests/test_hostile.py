"""Hostile seeds: known XSS vectors in headline, byline and body render as inert text."""

from __future__ import annotations

import random
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import build_site, html_pages
from test_bad_input import VOCABULARY

VECTORS = [
    line
    for line in (Path(__file__).parent / "data" / "xss_vectors.txt").read_text("utf-8").splitlines()
    if line and not line.startswith("# ")
]
_WORD = re.compile(r"\w+")


def seed(vector: str, number: int) -> str:
    # A body of its own per seed: alike seeds would be published once, as near-duplicates.
    own = " ".join(random.Random(number).choice(VOCABULARY) for _ in range(80))
    return (
        f"Headline {number} about {vector}\n\n"
        f"By Ann Lee {vector}\n\n"
        f"The council met on Monday and resident {number} read out {vector} during the session.\n\n"
        f"{vector}\n\n"
        f"Officials said the {own} would continue next week.\n"
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    seeds = {f"vector-{i:02d}.txt": seed(v, i).encode() for i, v in enumerate(VECTORS)}
    return build_site(tmp_path_factory.mktemp("hostile"), seeds)


def test_there_are_enough_vectors():
    assert len(VECTORS) >= 40


def test_no_markup_from_seeds(site):
    for page, soup in html_pages(site).items():
        name = page.relative_to(site)
        for tag in soup.find_all(True):
            handlers = [a for a in tag.attrs if a.lower().startswith("on")]
            assert not handlers, f"{name}: {tag.name} {handlers}"
            assert "javascript" not in str(tag.get("style", "")).lower(), name
        # The theme writes a search form (checked below like every link), none of these.
        for tag in soup.find_all(
            ["iframe", "object", "embed", "svg", "math", "img", "style", "base", "textarea"]
        ):
            raise AssertionError(f"{name}: <{tag.name}> from a seed")
        for tag in soup.find_all("meta"):
            assert tag.get("http-equiv", "").lower() != "refresh", name
        for tag in soup.find_all("script"):
            # Only the theme's own script files: a src inside the site, no inline code.
            assert tag.get("src") and not tag.string, f"{name}: {tag}"
            assert (page.parent / unquote(tag["src"])).resolve().is_file(), f"{name}: {tag}"
        for attr in ("href", "src", "action", "data", "background"):
            for tag in soup.find_all(attrs={attr: True}):
                scheme = urlsplit(tag[attr].strip()).scheme.lower()
                assert scheme in ("", "http", "https"), f"{name}: {tag}"
                if not scheme and urlsplit(tag[attr]).path:
                    target = (page.parent / unquote(urlsplit(tag[attr]).path)).resolve()
                    assert target.is_file(), f"{name}: {tag[attr]}"


def test_every_vector_shows_as_text(site):
    by_headline = {}
    for soup in html_pages(site / "articles").values():
        number = _WORD.findall(soup.find("h1").get_text())[1]
        by_headline[int(number)] = soup.find(class_="content").get_text(" ")
    for number, vector in enumerate(VECTORS):
        words = _WORD.findall(by_headline[number])
        expected = _WORD.findall(vector)
        # The vector's words, in order, in the body sentence (typography aside).
        start = words.index("out")
        assert words[start + 1 : start + 1 + len(expected)] == expected, vector


def test_pages_carry_a_content_security_policy(site):
    for page, soup in html_pages(site).items():
        meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta is not None, page.name
        policy = meta["content"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "object-src 'none'" in policy
