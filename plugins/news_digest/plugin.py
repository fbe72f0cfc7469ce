"""Signal wiring: the plugin's only contact with Pelican besides the reader."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import quote

from pelican import signals

from .curation import forget_stale_cache
from .digest_pages import distinct_tag_slugs, drop_duplicates, get_generators
from .reader import SeedReader

#: Where the cleaned Markdown and the raw seed copies go in the output.
DEFAULTS = {
    "NEWS_DIGEST_MARKDOWN_DIR": "articles",
    "NEWS_DIGEST_SEED_DIR": "seeds",
}

_CAPS = re.compile(r'<span class="caps">(.*?)</span>', re.DOTALL)


def add_reader(readers):
    readers.reader_classes["txt"] = SeedReader


def plain_titles(generator, metadata):
    """Keep typogrify's ``<span class="caps">`` out of titles and summaries.

    Titles end up in ``<title>``, feeds and attributes, where markup is noise.
    """
    for key in ("title", "summary"):
        if isinstance(metadata.get(key), str):
            metadata[key] = _CAPS.sub(r"\1", metadata[key])


def _setting(settings, name):
    return settings.get(name, DEFAULTS[name])


def link_files(generator):
    """Give each seed article the URLs of its cleaned Markdown and raw seed copy."""
    md_dir = _setting(generator.settings, "NEWS_DIGEST_MARKDOWN_DIR")
    seed_dir = _setting(generator.settings, "NEWS_DIGEST_SEED_DIR")
    for article in generator.articles:
        if not hasattr(article, "cleaned_markdown"):
            continue
        article.cleaned_md_path = f"{md_dir}/{article.slug}.md"
        article.cleaned_md_url = quote(article.cleaned_md_path)
        article.seed_copy_path = f"{seed_dir}/{article.seed_path}"
        article.seed_url = quote(article.seed_copy_path)


def write_files(generator, writer):
    """Write the cleaned Markdown and copy the raw seed next to the built site."""
    output = Path(generator.output_path)
    for article in generator.articles:
        if not hasattr(article, "cleaned_md_path"):
            continue
        target = output / article.cleaned_md_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(article.cleaned_markdown, encoding="utf-8")
        copy = output / article.seed_copy_path
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(article.source_path, copy)


def register():
    signals.readers_init.connect(add_reader)
    signals.article_generator_context.connect(plain_titles)
    signals.article_generator_finalized.connect(link_files)
    signals.article_writer_finalized.connect(write_files)
    signals.article_generator_init.connect(forget_stale_cache)
    signals.article_generator_pretaxonomy.connect(drop_duplicates)
    signals.article_generator_pretaxonomy.connect(distinct_tag_slugs)
    signals.get_generators.connect(get_generators)
