"""Typogrify seed articles as they are read, so the result is cached and made in the workers.

Pelican typogrifies each article after its reader returns, outside its content
cache: every rebuild typogrified every article again, one at a time. When
``TYPOGRIFY`` is on, the plugin hands the seed reader the same filters, with
the same settings, and turns Pelican's own pass off for the articles only
(the seed folder holds nothing but seeds). Pages are typogrified by Pelican.
"""

from __future__ import annotations

from collections.abc import Callable

import smartypants
from typogrify.filters import typogrify

from ..reader import seed_reader


def typogrifier(settings) -> Callable[[str], str]:
    """Pelican's typogrify pass (``pelican.readers.Readers.read_file``) as a function."""
    dashes = {"oldschool": smartypants.Attr.set2, "oldschool_inverted": smartypants.Attr.set3}
    # ``w``: smart quotes from &quot; entities too, as Pelican asks.
    attr = dashes.get(settings["TYPOGRIFY_DASHES"], smartypants.Attr.set1) | smartypants.Attr.w
    ignore = settings["TYPOGRIFY_IGNORE_TAGS"]
    omit = dict.fromkeys(settings["TYPOGRIFY_OMIT_FILTERS"], False)

    def apply(text: str) -> str:
        smartypants.Attr.default = attr  # a module global Pelican also sets before each use
        return typogrify(text, ignore, **omit)

    return apply


def take_over_typogrify(generator):
    """On ``article_generator_init``: the seed reader typogrifies in Pelican's place."""
    reader = seed_reader(generator)
    if reader is None or not generator.settings.get("TYPOGRIFY"):
        return
    reader.typogrify = typogrifier(generator.settings)
    # A copy for the article readers alone; pages keep Pelican's pass.
    generator.readers.settings = {**generator.readers.settings, "TYPOGRIFY": False}
