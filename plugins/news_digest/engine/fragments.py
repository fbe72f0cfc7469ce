"""Render a theme macro once per build, not once per page that shows it.

A digest lists each article on a dozen pages (its tags, people, places,
sources, authors, week), and each listing renders the same entry again;
at 10,000 seeds that was most of the rendering. The theme calls
``{{ cached_macro(entry, article, level) }}`` where it can (``cached_macro is
defined``), and :class:`MacroCache` renders ``entry(article, level)`` once
for each page depth.

The contract: a cached macro's output depends only on its arguments and on
the page's ``SITEURL`` and ``localsiteurl`` (with relative URLs both change
with the page's depth; content objects write their links from the latter).
Arguments are told apart by identity, as the same article object is the
same entry throughout one build.
"""

from __future__ import annotations

from jinja2 import pass_context

#: Where the cache sits in Pelican's context, which each build makes afresh.
CONTEXT_KEY = "cached_macro"


class MacroCache:
    """``cached_macro(macro, *args)``: ``macro(*args)``, rendered once per build and page depth."""

    def __init__(self):
        # key → (args, output); the arguments are kept so no id is reused while cached.
        self._rendered: dict[tuple, tuple] = {}

    @pass_context
    def __call__(self, context, macro, *args):
        key = (
            macro.name,
            context.get("SITEURL"),
            context.get("localsiteurl"),
            *(arg if isinstance(arg, int | str) else id(arg) for arg in args),
        )
        found = self._rendered.get(key)
        if found is None:
            found = self._rendered[key] = (args, macro(*args))
        return found[1]


def add_macro_cache(generator):
    """``generator_init``: one cache for the build, in the context every generator shares."""
    generator.context.setdefault(CONTEXT_KEY, MacroCache())
