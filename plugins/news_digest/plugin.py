"""Signal wiring: the plugin's only contact with Pelican besides the reader."""

from __future__ import annotations

import logging
import string
from collections import defaultdict
from functools import cache, partial
from pathlib import Path
from urllib.parse import quote

from jinja2 import ChoiceLoader, FileSystemLoader
from pelican import signals
from pelican.writers import FileOverwriteFailedError

from . import digest, report
from .curation import forget_stale_cache
from .digest import DigestGenerator
from .digest_pages import (
    STORIES_UNDER_WAY,
    DigestPagesGenerator,
    distinct_tag_slugs,
    drop_duplicates,
    settle_people,
    settle_tags,
    start_stories,
)
from .engine import cachesave, heap
from .engine.fragments import add_macro_cache
from .engine.pelican_adapter import replace_generate_tags
from .engine.prefetch import preclean
from .engine.typography import take_over_typogrify
from .engine.writer import get_writer, save_copy, save_text
from .paging import listing_pages
from .reader import SeedReader
from .settings import DEFAULTS

logger = logging.getLogger(__name__)

#: Where the cleaned Markdown and the raw seed copies go in the output.
# Defaults: the one table of NEWS_DIGEST_* settings (settings.py).


#: Plain pages for the plugin's own templates (report, week, entity, story…),
#: used where the theme has none of its own (Pelican's ``notmyidea``, ``simple``).
FALLBACK_TEMPLATES = Path(__file__).resolve().parent / "templates"


def add_fallback_templates(generator):
    """``generator_init``: the plugin's templates, searched after the theme's and Pelican's.

    Pelican's loader is a Jinja ``ChoiceLoader`` (``THEME_TEMPLATES_OVERRIDES``,
    the theme, the ``simple`` theme); a template the theme has is always its own.
    """
    loader = generator.env.loader
    if isinstance(loader, ChoiceLoader):
        loader.loaders.append(FileSystemLoader(str(FALLBACK_TEMPLATES)))
    else:
        generator.env.loader = ChoiceLoader([loader, FileSystemLoader(str(FALLBACK_TEMPLATES))])


def _setting(settings, name):
    return settings.get(name, DEFAULTS[name])


def add_reader(readers):
    """``readers_init``: read seeds; and pause the collector while Pelican loads its cache."""
    readers.reader_classes["txt"] = SeedReader
    heap.pause()  # until the generator is made (cache_loaded)


def between_builds(pelican):
    """``finalized``, and ``get_generators`` (the first signal of a build, in case
    the last one failed): the content cache saved, the build's objects handed back."""
    cachesave.wait()  # the cache is whole before the next build loads it
    heap.reset()


def cache_loaded(generator):
    """``generator_init``: the generator's readers have loaded Pelican's content cache."""
    heap.resume()
    heap.hold()  # the cache lives until the build ends


def start_report(generator):
    """Per-build bookkeeping for seeds refused by the reader."""
    generator.seed_rejected = {}  # absolute path → reason
    generator.seed_rejected_warnings = {}  # absolute path → its annotation's warnings


def note_metadata(generator, metadata):
    """Remember refused seeds.

    Refusals are read from the metadata, so they survive Pelican's content cache.
    """
    if metadata.get("reader") != "seed":
        # Markdown, HTML or reST in a seed folder would be read as markup, not
        # text: skipped here, reported as "seeds must end in .txt".
        metadata["status"] = "skip"
    elif metadata.get("seed_error"):
        generator.seed_rejected[metadata["seed_source"]] = metadata["seed_error"]
        generator.seed_rejected_warnings[metadata["seed_source"]] = metadata.get(
            "seed_warnings", []
        )


def _seed_articles(generator):
    return [a for a in generator.articles if hasattr(a, "cleaned_markdown")]


def distinct_slugs(generator):
    """Seeds with the same title get distinct URLs instead of overwriting each other."""
    by_slug = defaultdict(list)
    for article in generator.articles:
        by_slug[article.slug].append(article)
    taken = set(by_slug)
    for slug, articles in by_slug.items():
        articles.sort(key=lambda a: a.relative_source_path)
        for number, article in enumerate(articles[1:], start=2):
            while f"{slug}-{number}" in taken:
                number += 1
            article.slug = f"{slug}-{number}"
            taken.add(article.slug)
            logger.info(
                "%s: same title as another seed, published as %s", article.source_path, article.slug
            )


def freeze_urls(generator):
    """Each article's URL and file, worked out once its slug is final.

    Pelican derives ``url`` and ``save_as`` from the settings on every use,
    and a digest uses each article's URL a score of times (tag, entity, week
    and story lists); ``override_url`` and ``override_save_as`` are Pelican's
    own way to give them instead.
    """
    settings = generator.settings
    for article in generator.articles:
        if hasattr(article, "override_url") or hasattr(article, "override_save_as"):
            continue  # given in the metadata: Pelican's to use
        article.override_url = _slug_url(article, "url", settings) or article.url
        article.override_save_as = _slug_url(article, "save_as", settings) or article.save_as


def _slug_url(article, key: str, settings) -> str | None:
    """``article``'s ``key`` (``url`` or ``save_as``) when its setting names only the slug.

    Pelican formats the setting with a copy of the article's metadata, its
    path and its author's and source's slugs (about 15 µs an article, twice
    an article); with the project's ``articles/{slug}.html`` only the slug is
    read. The setting is the one Pelican's ``Article._expand_settings`` picks.
    """
    kind = "draft" if article.status == "draft" else "article"
    name = f"{kind}_{key if article.in_default_lang else f'lang_{key}'}".upper()
    pattern = str(settings[name])
    if _names_only_slug(pattern):
        return pattern.format(slug=getattr(article, "slug", ""))
    return None


@cache
def _names_only_slug(pattern: str) -> bool:
    """Whether ``pattern`` formats no field but ``slug`` (with any spec: ``format`` applies it)."""
    names = [name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None]
    return all(name == "slug" for name in names)


def link_neighbours(generator):
    """Each article's older (``prev_article``) and newer neighbour in the list, newest first.

    Pelican does not set them; the theme would otherwise look each article up
    in the whole list on its own page, once per article.
    """
    articles = generator.articles
    for number, article in enumerate(articles):
        article.prev_article = articles[number + 1] if number + 1 < len(articles) else None
        article.next_article = articles[number - 1] if number else None


class ArticleList(list):
    """A list of articles whose ``in`` test takes constant time.

    Content objects compare by identity, so a set of ids answers as ``list``
    would. The ids are taken again whenever the length changes.
    """

    def __contains__(self, item):
        ids = self.__dict__.get("_ids")
        if ids is None or len(ids) != len(self):
            ids = self._ids = {id(article) for article in self}
        return id(item) in ids


#: From this many articles a set of ids answers ``in`` faster than scanning the
#: list in C does (measured: about even at 16; at 64, 1.1 ms against 7.5 ms a page).
MIN_INDEXED_LIST = 32


def _indexed(articles):
    return ArticleList(articles) if len(articles) >= MIN_INDEXED_LIST else articles


def index_memberships(generator):
    """Pelican filters its date-ordered list by ``article in articles`` for each
    category and author page: quadratic, as an author of every seed lists all
    of them. Long lists get a constant-time test. (Tag pages do without the
    filter: :func:`generate_tags_indexed`.)
    """
    generator.categories = [(cat, _indexed(arts)) for cat, arts in generator.categories]
    generator.authors = [(author, _indexed(arts)) for author, arts in generator.authors]
    # As Pelican puts them in the context: the generator's lists.
    generator.context["categories"] = generator.categories
    generator.context["authors"] = generator.authors


def generate_tags_indexed(self, write):
    """Pelican 4.12's ``ArticlesGenerator.generate_tags``, with each tag's ``dates`` from an index.

    Pelican filters its date-ordered list of every article once per tag
    (``[a for a in self.dates if a in articles]``): at 10,000 seeds and 1,700
    tags, 17 million tests and a second of every build. Here each tag's own
    articles are put in date order by their place in that list; the pages
    Pelican is asked to write are the same (``tests/test_tag_pages.py``).
    """
    tag_template = self.get_template("tag")
    place = {id(article): number for number, article in enumerate(self.dates)}
    for tag, articles in self.tags.items():
        placed = {place[id(a)]: a for a in articles if id(a) in place}  # once each, as a filter
        dates = [placed[number] for number in sorted(placed)]
        try:
            write(
                tag.save_as,
                tag_template,
                self.context,
                tag=tag,
                url=tag.url,
                articles=articles,
                dates=dates,
                template_name="tag",
                blog=True,
                page_name=tag.page_name,
                all_articles=self.articles,
            )
        except FileOverwriteFailedError:
            if not tag.slug:
                logger.info(
                    'Tag "%s" has an invalid slug; skipping writing tag page...',
                    tag,
                    extra={"limit_msg": "Further tags with invalid slugs."},
                )
                continue
            logger.error('Failed to write Tag page for "%s".', tag)
            raise


def link_files(generator):
    """Give each seed article the URLs of its cleaned Markdown and raw seed copy."""
    md_dir = _setting(generator.settings, "NEWS_DIGEST_MARKDOWN_DIR")
    seed_dir = _setting(generator.settings, "NEWS_DIGEST_SEED_DIR")
    for article in _seed_articles(generator):
        article.cleaned_md_path = f"{md_dir}/{article.slug}.md"
        article.cleaned_md_url = quote(article.cleaned_md_path)
        article.seed_copy_path = f"{seed_dir}/{article.seed_path}"
        article.seed_url = quote(article.seed_copy_path)


def make_report(generator):
    copies = {
        str(Path(copy.source_path).resolve()): copy
        for copy in generator.context.get("duplicate_articles", [])
    }
    other_warnings = dict(generator.seed_rejected_warnings)
    other_warnings.update({k: getattr(c, "seed_warnings", []) for k, c in copies.items()})
    generator.seed_report = report.build_report(
        generator.settings,
        generator.articles,
        generator.seed_rejected,
        {key: copy.duplicate_of for key, copy in copies.items()},
        extensions=SeedReader.file_extensions,
        other_warnings=other_warnings,
    )
    report.log_report(generator.seed_report)


def write_files(generator, writer):
    """Cleaned Markdown and raw seed copies beside the pages, then the build report."""
    output = Path(generator.output_path)
    for article in _seed_articles(generator):
        save_text(writer, output / article.cleaned_md_path, article.cleaned_markdown)
        save_copy(writer, article.source_path, output / article.seed_copy_path)

    entries = generator.seed_report
    save_text(
        writer,
        output / _setting(generator.settings, "NEWS_DIGEST_REPORT_JSON"),
        partial(report.to_json, entries),
    )
    write_report_pages(generator, writer, entries)


def write_report_pages(generator, writer, entries) -> None:
    """The build report in pages (``paging``); the first also lists every seed
    that needs a look, linked to its entry."""
    settings = generator.settings
    pages = listing_pages(
        _setting(settings, "NEWS_DIGEST_REPORT_HTML"),
        entries,
        settings,
        _setting(settings, "NEWS_DIGEST_REPORT_PER_PAGE"),
    )
    attention = report.attention(pages)
    summary = report.summary(entries)
    for page in pages:
        writer.write_file(
            page.save_as,
            generator.get_template("report"),
            generator.context,
            relative_urls=settings["RELATIVE_URLS"],
            listing=page,
            report_summary=summary,
            report_count=len(entries),
            report_attention=attention if page.number == 1 else [],
            page_name="report",
        )


def prepare_articles(generator):
    """``article_generator_init``: the steps in the order they need."""
    start_report(generator)
    forget_stale_cache(generator)  # before anything asks the cache what it holds
    for cacher in (generator, generator.readers):
        cachesave.save_in_background(cacher, generator.settings)  # while the pages are made
    take_over_typogrify(generator)  # before any seed is read, here or in a worker
    preclean(generator)  # only the seeds the cache lacks
    heap.hold()  # what the workers read is the articles to be, and the cache


def settle_articles(generator):
    """``article_generator_pretaxonomy``: copies go first, so none takes its original's slug."""
    drop_duplicates(generator)
    distinct_slugs(generator)
    settle_people(generator)  # one spelling for each person across the site
    settle_tags(generator)  # the site's own tags, before their slugs are made distinct
    distinct_tag_slugs(generator)
    articles = [a for a in generator.articles if hasattr(a, "body_text")]
    generator.context[STORIES_UNDER_WAY] = start_stories(articles, generator.settings)


def finish_articles(generator):
    """``article_generator_finalized``: once the slugs are final."""
    freeze_urls(generator)
    link_neighbours(generator)
    index_memberships(generator)
    replace_generate_tags(generator, generate_tags_indexed)
    link_files(generator)
    make_report(generator)
    heap.hold()  # the articles live until the build ends


def get_generators(pelican):
    """The digest's generators, in this order: the last one renders every queued page."""
    return DigestPagesGenerator, DigestGenerator


def register():
    # One receiver per signal where order matters: blinker calls a signal's
    # receivers in no fixed order (it changes from run to run).
    signals.readers_init.connect(add_reader)
    signals.generator_init.connect(add_macro_cache)
    signals.generator_init.connect(add_fallback_templates)
    signals.generator_init.connect(cache_loaded)
    signals.article_generator_init.connect(prepare_articles)
    signals.article_generator_context.connect(note_metadata)
    signals.article_generator_pretaxonomy.connect(settle_articles)
    signals.article_generator_finalized.connect(finish_articles)
    signals.article_writer_finalized.connect(write_files)
    signals.get_generators.connect(between_builds)
    signals.get_generators.connect(get_generators)
    signals.get_writer.connect(get_writer)
    signals.finalized.connect(between_builds)
    digest.register()
