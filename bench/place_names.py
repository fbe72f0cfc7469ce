"""Write the enrichment's list of place names in the languages the cleaner reads.

Babel (BSD licence) ships the Unicode CLDR's names of every country and world
region in each locale: "Norwegen", "Asien", "Nordamerika" in German, "Chine"
in French. This script gathers those of the cleaner's languages into
``plugins/news_digest/enrich/data/places_world.txt``, so the build reads a
plain, versioned file and does not need Babel. Run it again (one command)
after changing the pinned Babel in ``requirements-dev.txt``::

    .venv/bin/python bench/place_names.py [--check]

``--check`` exits non-zero when the file differs from what the pinned Babel
gives (a test runs it). A name is left out when it is an English word, a
given name or a surname (the enrichment tests that when it reads the file,
with its own lists), has a comma or brackets in it ("Kongo (Kinshasa)"), or
is a code rather than a name.
"""

from __future__ import annotations

import json
import sys
from importlib import metadata
from pathlib import Path

from datafile import main, one_a_line  # beside this script

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "plugins" / "news_digest" / "enrich" / "data" / "places_world.txt"
STOPWORDS = ROOT / "plugins" / "news_digest" / "cleaner" / "data" / "stopwords.json"
#: CLDR's "World" and "Unknown Region" are no places a story is about, and the
#: European Union, the eurozone and the United Nations are bodies.
SKIPPED_CODES = frozenset({"001", "ZZ", "EU", "EZ", "UN", "QO"})


def _languages() -> list[str]:
    """The languages the cleaner has stop words for (``cleaner/data/stopwords.json``)."""
    lists = json.loads(STOPWORDS.read_text("utf-8"))
    return sorted(key for key in lists if not key.startswith("_"))


def collect() -> list[str]:
    from babel import Locale

    found: set[str] = set()
    for language in _languages():
        for code, name in Locale(language).territories.items():
            if code in SKIPPED_CODES or any(c in name for c in ",()/"):
                continue
            if name[0].isupper() and not name.isupper():
                found.add(name)
    return sorted(found)


#: The file's header; ``{version}`` is the pinned Babel's.
HEADER = """\
# Countries and world regions in the cleaner's languages: Babel {version}'s
# CLDR territory names (BSD licence; Unicode licence for the CLDR data).
# Written by bench/place_names.py; do not edit by hand. One name a line.
"""


def make() -> str:
    return one_a_line(HEADER.format(version=metadata.version("babel")), collect())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], __doc__.splitlines()[0], make, OUT, source="Babel", unit="names"))
