"""Signal wiring: the plugin's only contact with Pelican besides the reader."""

from __future__ import annotations

import fnmatch
import logging
import os
import string
from functools import cache, partial
from pathlib import Path
from urllib.parse import quote

from jinja2 import ChoiceLoader, FileSystemLoader
from pelican import signals
from pelican.writers import FileOverwriteFailedError

from . import digest, names, report
from .curation import annotations_dir, forget_stale_cache
from .digest import DigestGenerator
from .digest_pages import (
    STORIES_UNDER_WAY,
    DigestPagesGenerator,
    drop_duplicates,
    settle_people,
    settle_tags,
    start_stories,
)
from .engine import cachesave, heap
from .engine.fragments import add_macro_cache
from .engine.pelican_adapter import forget_logged_messages, replace_generate_tags
from .engine.prefetch import preclean
from .engine.typography import take_over_typogrify
from .engine.writer import get_writer, save_copy, save_text
from .names import UrlRegistry
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
    forget_logged_messages()  # each build warns of what it finds


def cache_loaded(generator):
    """``generator_init``: the generator's readers have loaded Pelican's content cache."""
    heap.resume()
    heap.hold()  # the cache lives until the build ends


def start_report(generator):
    """Per-build bookkeeping for seeds refused by the reader."""
    generator.seed_rejected = {}  # absolute path → reason
    # Rejected seeds still own their annotations (``make_report`` lists orphans).
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


def distinct_slugs(generator, urls: UrlRegistry):
    """Seeds with the same title get distinct URLs instead of overwriting each other.

    Each article asks the registry for its slug in seed-path order, from the
    slug the reader made (kept in its metadata: the object may come from
    the cache with last build's slug), so a warm build names them as a fresh one.
    """
    settings = generator.settings
    pattern = _registry_pattern(settings, "ARTICLE_SAVE_AS", "article")
    for article in sorted(generator.articles, key=lambda a: a.relative_source_path):
        base = (getattr(article, "metadata", None) or {}).get("slug") or article.slug or ""
        if not names.is_valid_slug(base):
            base = names.slug(base or str(article.title), settings, kind="article")
        article.slug = urls.claim(base, pattern, ("article", article.source_path))
        if article.slug != base:
            logger.info(
                "%s: same title as another seed, published as %s", article.source_path, article.slug
            )


#: Taxonomies Pelican makes pages of: kind, article attribute, save-as setting.
TAXONOMIES = (
    ("tag", "tags", "TAG_SAVE_AS"),
    ("author", "authors", "AUTHOR_SAVE_AS"),
    ("source", "category", "CATEGORY_SAVE_AS"),
)
_PUNCT_WORDS = (("+", " plus"), ("#", " sharp"), ("&", " and "), (".", " "))


def distinct_taxonomy_slugs(generator, urls: UrlRegistry):
    """Every tag, author and source gets a bounded slug of its own from the registry.

    Names equal but for case ("Guns", "guns") are one page, as Pelican has
    them; names that differ otherwise but slugify alike ("C++", "C") get
    distinct slugs, the later one (in name order) with its punctuation spelled
    out ("c-plus-plus"), loudly. Slugs are made from the names in every
    build, never taken from the cached objects.
    """
    settings = generator.settings
    for kind, attribute, setting in TAXONOMIES:
        pattern = _registry_pattern(settings, setting, kind)
        groups: dict[str, list] = {}
        languages: dict[str, str] = {}
        for article in generator.articles:
            found = getattr(article, attribute, None)
            for item in found if isinstance(found, list) else [found] if found else []:
                key = item.name.casefold()
                groups.setdefault(key, []).append(item)
                languages.setdefault(key, getattr(article, "language", None))
        for key in sorted(groups):
            name = min(item.name for item in groups[key])
            base = names.slug(name, settings, language=languages[key], kind=kind)
            slug = urls.claim(base, pattern, (kind, key))
            if slug != base:
                spelled = name
                for char, word in _PUNCT_WORDS:
                    spelled = spelled.replace(char, word)
                better = names.slug(spelled, settings, language=languages[key], kind=kind)
                if better != base:
                    urls.release(pattern.format(slug=slug), (kind, key))
                    slug = urls.claim(better, pattern, (kind, key))
                logger.warning(
                    "%s %r would share the slug %r with another %s's name; it gets %r",
                    kind.capitalize(),
                    name,
                    base,
                    kind,
                    slug,
                )
            for item in groups[key]:
                item.slug = slug


def _registry_pattern(settings, setting: str, kind: str) -> str:
    """The file a page of ``kind`` takes, as a pattern of ``{slug}`` only.

    A save-as setting that formats other fields too (``{date:%Y}/{slug}``)
    is kept apart by kind: the slug alone is then made distinct among its kind.
    """
    pattern = str(settings.get(setting) or f"{kind}/{{slug}}")
    return pattern if _names_only_slug(pattern) else f"{kind}:{{slug}}"


def reserve_fixed_pages(settings, urls: UrlRegistry) -> None:
    """The site's pages whose names are fixed: no slug may take their files."""
    for name in settings.get("DIRECT_TEMPLATES", []):
        urls.reserve(str(settings.get(f"{name.upper()}_SAVE_AS") or f"{name}.html"))
    for name in ("NEWS_DIGEST_REPORT_JSON", "NEWS_DIGEST_REPORT_HTML"):
        urls.reserve(_setting(settings, name))


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
        os.path.abspath(copy.source_path): copy
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
    # An annotation whose seed is gone: no seed's entry holds it.
    stems = {Path(a.source_path).stem for a in _seed_articles(generator)}
    stems |= {Path(path).stem for path in [*copies, *generator.seed_rejected]}
    generator.report_other = report.orphan_annotations(
        generator.settings, annotations_dir(generator.settings), stems
    )
    report.log_report(generator.seed_report, generator.report_other)


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
        partial(report.json_pieces, entries, generator.report_other),
    )
    write_report_pages(generator, writer, entries, generator.report_other)


def write_report_pages(generator, writer, entries, other) -> None:
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
    summary = report.summary(entries, other)
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
            report_other=other if page.number == 1 else [],
            page_name="report",
        )


def skip_link_loops(generator):
    """Pelican's ``get_files`` for the seed folders, not walking round a link loop.

    Pelican follows folder links, round a loop too (a link to a folder it is
    in): each loop doubles the folders to walk at every turn, until the system
    says the path is too deep. This is Pelican 4.12's ``Generator.get_files``
    with folders reached again through a link (``report.link_loops``) left out.
    """
    looped = report.link_loops()

    def get_files(paths, exclude=None, extensions=None) -> set[str]:
        paths = [paths] if isinstance(paths, str) else paths
        exclusions: dict[str, set] = {}
        for excluded in exclude or []:
            parent, name = os.path.split(os.path.join(generator.path, excluded))
            exclusions.setdefault(parent, set()).add(name)
        ignores = generator.settings["IGNORE_FILES"]
        files = set()
        for path in paths:
            root = os.path.join(generator.path, path) if path else generator.path
            if not os.path.isdir(root):
                if os.path.exists(root) and generator._include_path(path, extensions):
                    files.add(path)
                continue
            for folder, folders, entries in os.walk(root, topdown=True, followlinks=True):
                skip = exclusions.get(folder, ())
                folders[:] = [
                    name
                    for name in folders
                    if name not in skip
                    and not any(fnmatch.fnmatch(name, ignore) for ignore in ignores)
                    and not looped(os.path.join(folder, name))
                ]
                relative = os.path.relpath(folder, generator.path)
                for name in entries:
                    found = os.path.join(relative, name)
                    if generator._include_path(found, extensions):
                        files.add(found)
        return files

    generator.get_files = get_files


def prepare_articles(generator):
    """``article_generator_init``: the steps in the order they need."""
    start_report(generator)
    skip_link_loops(generator)
    forget_stale_cache(generator)  # before anything asks the cache what it holds
    for cacher in (generator, generator.readers):
        cachesave.save_in_background(cacher, generator.settings)  # while the pages are made
    take_over_typogrify(generator)  # before any seed is read, here or in a worker
    preclean(generator)  # only the seeds the cache lacks
    heap.hold()  # what the workers read is the articles to be, and the cache


def settle_articles(generator):
    """``article_generator_pretaxonomy``: copies go first, so none takes its original's slug.

    One registry of output files (``names``) for the whole build: articles,
    then tags, authors and sources, then (``digest_pages``) entities and stories.
    """
    drop_duplicates(generator)
    urls = generator.context[names.REGISTRY_KEY] = UrlRegistry()
    reserve_fixed_pages(generator.settings, urls)
    distinct_slugs(generator, urls)
    settle_people(generator)  # one spelling for each person across the site
    settle_tags(generator)  # the site's own tags, before their slugs are made distinct
    distinct_taxonomy_slugs(generator, urls)
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
