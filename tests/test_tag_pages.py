"""Tag pages: the plugin's ``generate_tags`` asks Pelican to write exactly what Pelican's would."""

from __future__ import annotations

import random

import pytest
from pelican.generators import ArticlesGenerator
from pelican.writers import FileOverwriteFailedError

from news_digest.plugin import ArticleList, generate_tags_indexed


class Item:
    """Compares by identity, as Pelican's content objects do."""


class Tag:
    def __init__(self, name, slug=None):
        self.name, self.slug = name, name.lower() if slug is None else slug
        self.save_as, self.url, self.page_name = f"tag/{name}.html", f"tag/{name}.html", name


class Generator:
    """What ``generate_tags`` reads of an ``ArticlesGenerator``."""

    def __init__(self, dates, tags):
        self.dates, self.tags, self.articles, self.context = dates, tags, list(dates), {}

    def get_template(self, name):
        return f"template:{name}"


def _calls(method, generator):
    calls = []
    method(generator, lambda *args, **kwargs: calls.append((args, kwargs)))
    return calls


def test_tag_pages_are_asked_for_as_by_pelican():
    rng = random.Random(7)
    dates = [Item() for _ in range(300)]
    stray = Item()  # in a tag's list but not among the dated articles (Pelican leaves it out)
    tags = {}
    for number in range(40):
        members = rng.sample(dates, rng.randint(0, 60))
        if number % 7 == 0:
            members += members[:2]  # an article tagged twice with one tag
        if number % 11 == 0:
            members.append(stray)
        tags[Tag(f"t{number}")] = ArticleList(members) if number % 2 else members
    generator = Generator(dates, tags)

    ours = _calls(generate_tags_indexed, generator)
    pelicans = _calls(ArticlesGenerator.generate_tags, generator)

    assert len(ours) == len(pelicans) == 40
    for (args, kwargs), (args_p, kwargs_p) in zip(ours, pelicans, strict=True):
        assert args == args_p
        assert kwargs.keys() == kwargs_p.keys()
        for key, value in kwargs.items():
            if isinstance(value, list):  # same articles in the same order, by identity
                assert [id(item) for item in value] == [id(item) for item in kwargs_p[key]], key
            else:
                assert value == kwargs_p[key], key


def test_a_tag_without_a_slug_is_skipped_and_another_failure_raised():
    dates = [Item()]
    generator = Generator(dates, {Tag("empty", slug=""): list(dates), Tag("ok"): list(dates)})

    def write(name, *args, **kwargs):
        raise FileOverwriteFailedError(name)

    with pytest.raises(FileOverwriteFailedError, match=r"tag/ok\.html"):
        generate_tags_indexed(generator, write)
