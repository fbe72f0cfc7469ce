"""The enrichment's knowledge, read once from the data files beside it."""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files(__package__).joinpath(f"data/{name}").read_text("utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def _aliases(name: str) -> dict[str, str]:
    """``spelling → name shown`` for a data file of names and ``Alias = Name`` lines."""
    table = {}
    for line in _lines(name):
        alias, _, canonical = line.partition(" = ")
        table[alias.strip()] = (canonical or alias).strip()
    return table


@lru_cache(maxsize=1)
def places() -> dict[str, str]:
    return _aliases("places.txt")


@lru_cache(maxsize=1)
def organisations() -> dict[str, str]:
    return _aliases("organisations.txt")


@lru_cache(maxsize=1)
def org_cues() -> frozenset[str]:
    return frozenset(_lines("org_cues.txt"))


@lru_cache(maxsize=1)
def honorific_words() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(h.split()) for h in _lines("honorifics.txt"))


@lru_cache(maxsize=1)
def us_states() -> frozenset[str]:
    names = _lines("places.txt")
    end = names.index("Puerto Rico")  # the states come first in the file
    return frozenset(n for n in names[:end] if " = " not in n and "D.C." not in n)


@cache
def word_list(name: str) -> frozenset[str]:
    """The space-separated words of a data file."""
    return frozenset(word for line in _lines(name) for word in line.split())


def given_names() -> frozenset[str]:
    return (
        word_list("given_names_female.txt")
        | word_list("given_names_male.txt")
        | word_list("given_names_unisex.txt")
    )


def pronoun_fits(pronoun: str, name: str) -> bool:
    """Whether "he"/"she" can stand for ``name``, judged by its given name when known."""
    first = name.split()[0]
    if pronoun.lower() == "he":
        return first not in word_list("given_names_female.txt")
    if pronoun.lower() == "she":
        return first not in word_list("given_names_male.txt")
    return True
