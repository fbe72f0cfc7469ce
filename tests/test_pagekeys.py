"""Pages kept unrendered while their keys are the same (``pagekeys``, ``reuse.Manifest``).

A stale page is the failure that matters: every kind of edit is followed by a
rebuild, which must give exactly the site a fresh build gives.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, needs_fork
from jinja2 import DictLoader, Environment
from markupsafe import Markup
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG
from test_bad_input import story
from test_reuse import _invoke_build

from news_digest.pagekeys import DEFINED, PageKeys, Unkeyable, ValueDigests, template_reads
from news_digest.reuse import MANIFEST_NAME

# -- what templates read ------------------------------------------------------

TEMPLATES = {
    "base.html": (
        "<title>{{ SITENAME }}</title>{% if digest is defined %}{{ digest.search_url }}{% endif %}"
        "{% block content %}{% endblock %}"
    ),
    "macros.html": (
        "{% macro link(item) %}<a href='{{ SITEURL }}/{{ item.url }}'>{{ item.title }}</a>"
        "{% endmacro %}"
    ),
    "page.html": (
        '{% extends "base.html" %}{% import "macros.html" as m with context %}'
        "{% block content %}{{ m.link(article) }}{% include 'part.html' %}"
        "{% for tag in tags_shown %}{{ tag }}{% endfor %}{% endblock %}"
    ),
    "part.html": "{{ week.number }}{{ week['span'] }}",
    "chosen.html": "{% include name %}",
}


def _environment():
    return Environment(loader=DictLoader(TEMPLATES), autoescape=True)


def test_template_reads_follow_every_template_used_and_narrow_to_attributes():
    sources, reads = template_reads(_environment(), "page.html")
    assert reads == {
        "SITENAME": None,
        "digest": {DEFINED, "search_url"},
        "SITEURL": None,
        "article": None,  # passed whole to a macro
        "tags_shown": None,
        "week": {"number", "span"},
        # Jinja counts a name imported at the top as free inside a block: read
        # from the context too, where it is missing (more than needed, never less).
        "m": {"link"},
    }  # not the macro's parameter nor the loop's variable
    changed = dict(TEMPLATES, **{"part.html": "{{ week.number }}"})
    assert template_reads(Environment(loader=DictLoader(changed)), "page.html")[0] != sources


def test_a_template_named_at_render_time_is_not_keyed():
    with pytest.raises(Unkeyable):
        template_reads(_environment(), "chosen.html")
    keys = PageKeys(dict(DEFAULT_CONFIG))
    template = _environment().get_template("chosen.html")
    assert keys.key(template, {"name": "part.html"}, "chosen.html", "") is None


# -- digests of values --------------------------------------------------------


class Week:
    page_key_fields = ("number",)

    def __init__(self, number, articles):
        self.number, self.articles = number, articles


def _article(title, settings, **later):
    article = Article(
        f"<p>{title} body</p>",
        {"title": title, "date": dt.datetime(2020, 3, 1)},
        settings=settings,
        source_path=f"/seeds/{title}.txt",
        context={},
    )
    for name, value in later.items():
        setattr(article, name, value)
    return article


def test_digests_are_the_same_for_the_same_values_and_tell_types_apart():
    settings = dict(DEFAULT_CONFIG)

    def digest(value, depth=1):
        return ValueDigests(settings).of(value, depth)  # a fresh memo each time

    value = {"weeks": [Week(7, ["a"]), Week(8, ["b"])], "when": dt.date(2020, 3, 1)}
    assert digest(value) == digest(
        {"weeks": [Week(7, ["a"]), Week(8, ["b"])], "when": dt.date(2020, 3, 1)}
    )
    assert digest(value) != digest(
        {"weeks": [Week(7, ["a"]), Week(8, ["c"])], "when": dt.date(2020, 3, 1)}
    )
    kinds = [digest(v) for v in (["x"], [Markup("x")], [1], [True], [1.0], ("x",), {"x"})]
    assert len(set(kinds)) == len(kinds)  # Markup is not escaped where a str is


def test_a_value_holding_itself_is_not_keyed():
    loop = []
    loop.append(loop)
    with pytest.raises(Unkeyable):
        ValueDigests(dict(DEFAULT_CONFIG)).of(loop)
    template = _environment().get_template("page.html")
    assert PageKeys(dict(DEFAULT_CONFIG)).key(template, {"tags_shown": loop}, "p.html", "") is None


def test_an_article_counts_with_what_was_set_on_it_and_its_links_by_their_named_fields():
    settings = dict(DEFAULT_CONFIG)
    other = _article("Other", settings)
    week = Week(7, [other])

    def digest(article):
        return ValueDigests(settings).of(article, 1)

    shown = _article("Shown", settings, digest_week=week, related_articles=[other])
    before = digest(shown)
    week.articles.append(_article("Third", settings))  # not a field a link to the week counts
    assert digest(shown) == before
    week.number = 8
    assert digest(shown) != before
    before = digest(shown)
    other.story = "a story"  # set on a linked article: two links away, not counted
    assert digest(shown) == before
    shown.related_articles = [_article("Other, retitled", settings)]  # read differently
    assert digest(shown) != before
    before = digest(shown)
    shown.story = "a story"  # anything set on the article shown
    assert digest(shown) != before


def test_content_with_pelicans_links_to_other_content_is_not_keyed():
    settings = dict(DEFAULT_CONFIG)
    page = _article("About", settings)
    page._content = '<p><a href="{filename}/seeds/other.txt">other</a></p>'
    with pytest.raises(Unkeyable):
        ValueDigests(settings).of(page, 1)


# -- real rebuilds ------------------------------------------------------------


TOPICS = ["Harbour", "Council", "Rail", "School", "Bridge", "Library", "Market", "Ferry"]


def _project(tmp_path: Path, name: str = "project", seeds: int = 16) -> Path:
    """The project with ``seeds`` more seeds, building on two workers."""
    from test_publish import COPY_IGNORE

    project = tmp_path / name
    shutil.copytree(ROOT, project, ignore=COPY_IGNORE)
    shutil.rmtree(project / "cache", ignore_errors=True)
    for number in range(seeds):
        title = f"{TOPICS[number % len(TOPICS)]} report number {number}"
        # A year apart: no two in one story, which would link their pages all together.
        text = story(title, date=f"Mar {1 + number % 27}, {2000 + number}")
        (project / "seeds" / f"seed-{number:05d}.txt").write_text(
            f"{text}\nShare this article\n\nComments\n", "utf-8"
        )
    with open(project / "pelicanconf.py", "a", encoding="utf-8") as settings:
        # Pages are keyed where they are queued for the workers: on any machine, here.
        settings.write("\nNEWS_DIGEST_WORKERS = 2\nNEWS_DIGEST_PARALLEL_MIN_PAGES = 1\n")
    return project


def _site(output: Path) -> dict[str, bytes]:
    return {
        p.relative_to(output).as_posix(): p.read_bytes() for p in output.rglob("*") if p.is_file()
    }


def _edit(path: Path, change) -> None:
    path.write_text(change(path.read_text("utf-8")), "utf-8")


@needs_fork
def test_rebuilds_after_every_kind_of_edit_give_a_fresh_builds_site(tmp_path):
    project = _project(tmp_path)
    _invoke_build(project)
    entries = pickle.loads((project / "cache" / MANIFEST_NAME).read_bytes())["pages"]
    assert sum(path.startswith("articles/") for path in entries) > 16  # pages are keyed

    seeds = sorted((project / "seeds").glob("seed-*.txt"))
    notes = project / "content" / "annotations"
    edits = {
        "page furniture": lambda: _edit(seeds[0], lambda t: t + "\nShare this article\n"),
        "a title": lambda: _edit(seeds[1], lambda t: "Harbour Cranes Stand Idle\n" + t),
        "a body": lambda: _edit(
            seeds[2], lambda t: t + "\nThe council will meet again on Tuesday about it.\n"
        ),
        "an annotation added": lambda: (notes / f"{seeds[3].stem}.md").write_text(
            "---\ntags: [Harbour]\n---\nA note from the curator.\n", "utf-8"
        ),
        "an annotation edited": lambda: _edit(
            notes / f"{seeds[3].stem}.md", lambda t: t.replace("[Harbour]", "[Harbour, Cranes]")
        ),
        "a seed removed": lambda: seeds[4].unlink(),
        "a seed added": lambda: (project / "seeds" / "zz-new.txt").write_text(
            "Rail Strike Called Off\n\n" + seeds[5].read_text("utf-8"), "utf-8"
        ),
        "a setting": lambda: _edit(
            project / "pelicanconf.py", lambda t: t + '\nSITENAME = "The Harbour Digest"\n'
        ),
        "a template": lambda: _edit(
            project / "theme" / "templates" / "_macros.html",
            lambda t: t.replace("min read", "minutes to read"),
        ),
        "a hand-written page": lambda: _edit(
            next((project / "content" / "pages").glob("*.md")), lambda t: t + "\nOne more line.\n"
        ),
    }
    for edit, apply in edits.items():
        apply()
        _invoke_build(project)
        fresh = tmp_path / "fresh"
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.copytree(project, fresh, ignore=shutil.ignore_patterns("output*", "cache"))
        _invoke_build(fresh)
        assert _site(project / "output") == _site(fresh / "output"), edit


@needs_fork
def test_a_page_whose_key_is_the_same_is_kept_unrendered(tmp_path):
    project = _project(tmp_path, seeds=12)
    _invoke_build(project)
    articles = project / "output" / "articles"
    page = articles / "bridge-report-number-4.html"
    nav = BeautifulSoup(page.read_text("utf-8"), "html.parser").select_one(".prev-next")
    neighbours = {articles / Path(a["href"]).name for a in nav.select("a")}
    linking = {p for p in articles.glob("*.html") if page.name in p.read_text("utf-8")}
    assert neighbours and neighbours <= linking
    others = [p for p in articles.glob("*.html") if p not in linking and p != page]
    assert len(others) > 8
    for tampered in [*linking, *others]:
        _tamper(tampered)

    _edit(
        project / "seeds" / "seed-00004.txt",
        lambda t: t.replace("Bridge report", "Bridge works", 1),
    )
    _invoke_build(project)
    # The pages linking to the article show its new title: rendered again, untampered.
    for neighbour in linking:
        assert "Bridge works number" in neighbour.read_text("utf-8")
        assert not _tampered(neighbour)
    # Every other article's page was not rendered: it is still the tampered file.
    assert [p.name for p in others if not _tampered(p)] == []


def _tamper(page: Path) -> None:
    """Change one byte of ``page`` in place, leaving the identity the manifest checks."""
    found = page.stat()
    data = bytearray(page.read_bytes())
    data[data.index(b"<title>") + 7] ^= 0x20  # the title's first letter, its case flipped
    with open(page, "r+b") as stream:
        stream.write(data)
    os.utime(page, ns=(found.st_atime_ns, found.st_mtime_ns))
    assert page.stat().st_ino == found.st_ino and _tampered(page)


def _tampered(page: Path) -> bool:
    return page.read_bytes().split(b"<title>", 1)[1][:1].islower()
