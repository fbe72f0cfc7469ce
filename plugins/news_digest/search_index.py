"""The search index: every article as plain text, in a script that assigns a global.

``search.html`` loads it with ``<script src>`` (no fetch), so search works
from ``file://``; ``theme/static/js/search.js`` indexes it with MiniSearch.
Annotation-layer fields (entities, curator notes, highlights) are read when
the articles have them.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator

#: The global the search index script assigns; theme/static/js/search.js reads it.
SEARCH_INDEX_GLOBAL = "DIGEST_SEARCH_INDEX"

#: Article attributes the annotation layer sets, searched when present.
ENTITY_ATTRIBUTES = ("entities", "people", "organisations", "places")
NOTE_ATTRIBUTES = ("annotation_note", "notes", "highlights")
#: Text-holding fields of annotation records (entities, highlights), and records inside records.
RECORD_TEXT_FIELDS = ("name", "text", "title", "quote", "comment")
RECORD_NESTED_FIELDS = ("highlight",)


def _undated(article) -> bool:
    return getattr(article, "date_status", "stated") == "unknown"


def _strings(value):
    """The text in an annotation value: a string, or lists, dicts and records of them."""
    if value is None:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple | set):
        for item in value:
            yield from _strings(item)
    else:
        for name in RECORD_TEXT_FIELDS:
            if isinstance(getattr(value, name, None), str):
                yield getattr(value, name)
        for name in RECORD_NESTED_FIELDS:
            yield from _strings(getattr(value, name, None))


def _joined(article, attributes) -> str:
    """The plain text of those attributes, each piece once (notes may be HTML)."""
    pieces = (plain_text(s) for name in attributes for s in _strings(getattr(article, name, None)))
    return " ".join(dict.fromkeys(piece for piece in pieces if piece))


#: A tag of the HTML this site generates (Markdown and typogrify escape ``<`` and
#: ``>`` in text and attributes, so a tag never holds a bare ``>``).
_TAG = re.compile(r"<[^>]*>")


def plain_text(markup: str) -> str:
    """The site's HTML (typogrify, Markdown) as plain text: no tags, entities or no-break spaces."""
    # No separator: inline markup (typogrify's spans) must not split words;
    # the Markdown output already puts a line break between blocks.
    return " ".join(html.unescape(_TAG.sub("", markup or "")).split())


def search_document(number: int, article) -> dict:
    """What the search page indexes and shows for one article; all plain text."""
    category = getattr(article, "category", None)
    return {
        "id": number,
        "url": article.url,
        "title": getattr(article, "plain_title", None) or plain_text(article.title),
        # The cleaner's plain text: no need to take the rendered HTML apart again.
        "body": getattr(article, "body_text", None) or plain_text(article.content),
        "summary": plain_text(getattr(article, "summary", "")),
        "tags": [str(tag) for tag in getattr(article, "tags", None) or []],
        "source": str(category) if category else "",
        "authors": [str(author) for author in getattr(article, "authors", None) or []],
        "date": "" if _undated(article) else article.date.strftime("%Y-%m-%d"),
        "date_label": "Date unknown" if _undated(article) else article.locale_date,
        "date_status": getattr(article, "date_status", "stated"),
        "entities": _joined(article, ENTITY_ATTRIBUTES),
        "notes": _joined(article, NOTE_ATTRIBUTES),
    }


def search_index_script(articles) -> str:
    """The index as a script assigning a global: ``<script src>`` loads it from file://."""
    return "".join(search_index_pieces(articles))


def search_index_pieces(articles) -> Iterator[str]:
    """The text of :func:`search_index_script` in pieces, an article's document at a
    time: written to its file as it is made, never held whole."""
    # As json.dumps({"documents": [...]}, ensure_ascii=True, sort_keys=True) writes it.
    # ensure_ascii keeps the file plain ASCII: no encoding or line-separator surprises.
    yield f'window.{SEARCH_INDEX_GLOBAL} = {{"documents": ['
    for number, article in enumerate(articles):
        if number:
            yield ", "
        yield json.dumps(search_document(number, article), ensure_ascii=True, sort_keys=True)
    yield "]};\n"
