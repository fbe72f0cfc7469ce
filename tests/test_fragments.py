"""The theme's listings render each entry once per build and page depth, with the same output."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from news_digest.engine.fragments import MacroCache

TEMPLATES = Path(__file__).resolve().parent.parent / "theme" / "templates"
PAGE = '{% import "_macros.html" as m with context %}{{ m.listing(items) }}'


class Article:
    """What the entry macro reads of an article; counts the renders of its link."""

    def __init__(self, number):
        self.number, self.title, self.summary = number, f"Story {number} & more", "<p>Gist</p>"
        self.renders = 0

    @property
    def url(self):
        self.renders += 1
        return f"articles/story-{self.number}.html"


def _environment():
    return Environment(
        loader=FileSystemLoader(TEMPLATES), trim_blocks=True, lstrip_blocks=True, autoescape=True
    )


def _render(env, items, siteurl, **context):
    page = env.from_string(PAGE)
    return page.render(items=items, SITEURL=siteurl, localsiteurl=siteurl, **context)


def test_each_entry_is_rendered_once_per_page_depth():
    env, cache = _environment(), MacroCache()
    first, second = Article(1), Article(2)
    shallow = _render(env, [first, second], ".", cached_macro=cache)
    deep = _render(env, [second, first], "..", cached_macro=cache)
    again = _render(env, [first], "..", cached_macro=cache)
    # Two depths, two renders each; the third page reused the second's entries.
    assert (first.renders, second.renders) == (2, 2)
    assert 'href="./articles/story-1.html"' in shallow
    assert 'href="../articles/story-1.html"' in deep
    assert "Story 1 & more" in again
    assert again.strip() in deep  # the cached entry, as rendered the first time


def test_cached_entries_match_the_macro():
    env = _environment()
    items = [Article(number) for number in range(3)]
    cached = _render(env, items, "..", cached_macro=MacroCache())
    fresh_items = [Article(number) for number in range(3)]
    assert cached == _render(env, fresh_items, "..")  # no cache in the context: plain macro


def test_the_theme_macros_read_nothing_of_the_page_but_what_the_cache_keys_on():
    """A cached macro sees the first page's context: its template may read only SITEURL."""
    from jinja2 import meta

    environment = Environment(loader=FileSystemLoader(TEMPLATES))
    source = environment.loader.get_source(environment, "_macros.html")[0]
    tree = environment.parse(source)
    assert meta.find_undeclared_variables(tree) <= {"SITEURL", "cached_macro"}
    assert list(meta.find_referenced_templates(tree)) == []
