"""Write the enrichment's list of given names of many countries from Faker's data.

Faker (MIT) ships, for each of its locales, the given names its fake people
are made of, taken from national statistics. This script gathers them into
``plugins/news_digest/enrich/data/given_names_world.txt``, so the build reads
a plain, versioned file and does not need Faker. Run it again (one command)
after changing the pinned Faker in ``requirements-dev.txt``::

    .venv/bin/python bench/given_names.py [--check]

``--check`` exits non-zero when the file differs from what the pinned Faker
gives (a test runs it).
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
from importlib import metadata
from pathlib import Path

from datafile import main, one_a_line  # beside this script

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "plugins" / "news_digest" / "enrich" / "data" / "given_names_world.txt"
STOPWORDS = ROOT / "plugins" / "news_digest" / "cleaner" / "data" / "stopwords.json"

#: Locales left out: Faker's generic English list is every name the 1990 US
#: census saw, words among them ("General", "Page", "Will"); the census's own
#: list (package ``names``) is read with a floor on how common a name is.
SKIPPED_LOCALES = frozenset({"en"})
#: Each locale's attributes holding given names (tuples, or dicts of weights).
ATTRIBUTES = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
#: A name shorter than this is more likely an initial or a word than a name.
MIN_LENGTH = 3


def _stop_words() -> set[str]:
    lists = json.loads(STOPWORDS.read_text("utf-8"))
    return {w.casefold() for key, words in lists.items() if not key.startswith("_") for w in words}


def collect() -> list[str]:
    """Faker's given names: one word, starting with a capital (scripts with case:
    Latin, Cyrillic, Greek), no stop word of the languages the cleaner knows."""
    import faker.providers.person as person

    stop = _stop_words()
    found: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        if module.name in SKIPPED_LOCALES:
            continue
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attribute in ATTRIBUTES:
            names = getattr(provider, attribute, None)
            if not isinstance(names, (tuple, list, dict)):
                continue  # absent, or a property combining the others
            for name in names:
                if (
                    len(name) >= MIN_LENGTH
                    and name.isalpha()
                    and name[0].isupper()
                    and name[1:].islower()
                    and name.casefold() not in stop
                ):
                    found.add(name)
    return sorted(found)


def render(names: list[str]) -> str:
    version = metadata.version("faker")
    header = (
        f"# Given names of many countries: Faker {version}'s locales (MIT licence,\n"
        "# Copyright (c) 2012 Daniele Faraglia), less its generic English list.\n"
        "# Written by bench/given_names.py; do not edit by hand. One name a line.\n"
    )
    return one_a_line(header, names)


def make() -> str:
    return render(collect())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], __doc__.splitlines()[0], make, OUT, source="Faker", unit="names"))
