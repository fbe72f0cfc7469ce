"""Site-wide glue: duplicates, distinct tag slugs, entity and story pages, the export.

Signal handlers and one small generator; the decisions are made in
``enrich/`` (duplicates, clusters) and ``annotations/``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from urllib.parse import quote

from pelican.generators import Generator
from pelican.urlwrappers import Tag

from .cleaner import escape
from .engine.memo import digest, recall
from .engine.prefetch import DEFAULT_MIN_SEEDS
from .engine.workers import Background, can_fork
from .engine.writer import save_text
from .enrich.clusters import Item, close_pair_arrays, related, stories, story_subject, story_title
from .enrich.duplicates import Copy, find_duplicates
from .enrich.entities import KINDS, site_people
from .enrich.tags import DEFAULT_TAG_MIN_ARTICLES, TAGS_PER_ARTICLE, site_tags, tag_key
from .jsontext import pieces_by_line
from .names import registry
from .names import slug as name_slug
from .paging import listing_pages
from .search_index import plain_text

logger = logging.getLogger(__name__)

#: Output folder and index page of each entity kind.
ENTITY_FOLDERS = {"person": "people", "organisation": "organisations", "place": "places"}
ENTITY_TITLES = {"person": "People", "organisation": "Organisations", "place": "Places"}
STORY_FOLDER = "stories"
EXPORT_FOLDER = "export"
EXPORT_JSON = "export/digest.json"


def _articles(generator):
    return [a for a in generator.articles if hasattr(a, "body_text")]


# -- before taxonomies: drop duplicates, give every tag its own slug ----------------


def drop_duplicates(generator):
    """One page per story saved twice: drop the copies, note them on the kept article."""
    articles = {a.source_path: a for a in _articles(generator)}
    texts = {key: a.body_text for key, a in articles.items()}
    signatures = {key: getattr(a, "duplicate_signature", None) for key, a in articles.items()}
    copies = {
        key: Copy(
            removed_lines=getattr(a, "removed_count", 0),
            words=getattr(a, "word_count", 0),
            stated_date=getattr(a, "date_status", "") == "stated",
        )
        for key, a in articles.items()
    }
    dropped = recall(
        generator.settings,
        "duplicates",
        _duplicate_inputs(texts, signatures, copies),
        lambda: find_duplicates(texts, signatures, copies),
    )
    if not dropped:
        return
    for key, (kept_key, score) in sorted(dropped.items()):
        copy, kept = articles[key], articles[kept_key]
        copy.duplicate_of = kept
        copy.duplicate_similarity = score
        kept.duplicates = [*getattr(kept, "duplicates", []), copy]
        # Info, not a warning: the build report warns once for each duplicate seed.
        logger.info(
            "Near-duplicate seed %s (%.0f%% alike) dropped: same story as %s",
            copy.seed_path,
            score * 100,
            kept.seed_path,
        )
    generator.articles = [a for a in generator.articles if a.source_path not in dropped]
    generator.context.setdefault("duplicate_articles", []).extend(
        articles[key] for key in sorted(dropped)
    )


def _duplicate_inputs(texts: dict[str, str], signatures: dict, copies=None) -> bytes:
    """A digest of everything :func:`find_duplicates` reads, in order."""
    return digest(_duplicate_parts(texts, signatures, copies))


def _duplicate_parts(texts: dict[str, str], signatures: dict, copies=None) -> Iterator[bytes]:
    """The parts of :func:`_duplicate_inputs`' digest, encoded one at a time: every
    article's text encoded at once would be a copy of all the texts at the peak."""
    for key, text in texts.items():
        yield key.encode("utf-8", "surrogatepass")
        yield text.encode("utf-8", "surrogatepass")
        yield from _signature_parts(signatures.get(key))
        yield repr((copies or {}).get(key)).encode()


def _signature_parts(signature) -> list[bytes]:
    """A MinHash signature as digest parts: its hash values and its seed."""
    if signature is None:
        return [b"-", b"-"]
    return [signature.hashvalues.tobytes(), str(signature.seed).encode()]


def settle_people(generator):
    """One spelling for each person across the site (``entities.site_people``),
    in the entity lists and as quotations' speakers."""
    articles = _articles(generator)
    for article in articles:
        # As read, whatever an earlier build of a cached article settled.
        article.read_entities = getattr(article, "read_entities", article.entities)
        article.read_quotations = getattr(
            article, "read_quotations", getattr(article, "quotations", [])
        )
    names = [n for a in articles for n in dict.fromkeys(a.read_entities.get("person", []))]
    shown = site_people(names)
    for article in articles:
        people = [shown.get(n, n) for n in article.read_entities.get("person", [])]
        article.entities = {**article.read_entities, "person": list(dict.fromkeys(people))}
        article.quotations = [
            replace(q, speaker=shown[q.speaker]) if q.speaker in shown else q
            for q in article.read_quotations
        ]


def settle_tags(generator):
    """Keep the automatic tags (``enrich.tags``) that name several articles, one spelling
    each, at most ``TAGS_PER_ARTICLE`` an article (``tags.site_tags``).

    The curator's tags and the tagging rules' are kept as they are, after them.
    """
    settings = generator.settings
    least = settings.get("NEWS_DIGEST_TAG_MIN_ARTICLES", DEFAULT_TAG_MIN_ARTICLES)
    articles = [a for a in _articles(generator) if hasattr(a, "auto_tags")]
    candidates = {}
    for article in articles:
        # As read, whatever an earlier build of a cached article settled.
        article.read_tags = getattr(article, "read_tags", list(getattr(article, "tags", [])))
        read = {tag_key(str(t)) for t in article.read_tags}
        # Less those the curator removed (``remove_tags``), which the read tags lack.
        candidates[article.source_path] = [t for t in article.auto_tags if tag_key(t) in read]
    kept = site_tags(candidates, least, TAGS_PER_ARTICLE)
    for article in articles:
        chosen = {tag_key(t) for t in getattr(article, "chosen_tags", [])}
        automatic = {tag_key(t) for t in article.auto_tags} - chosen
        tags = [Tag(name, settings) for name in kept[article.source_path]]
        seen = {tag_key(name) for name in kept[article.source_path]}
        for tag in article.read_tags:
            key = tag_key(str(tag))
            if key not in automatic and key not in seen:
                seen.add(key)
                tags.append(tag)
        article.tags = tags


# -- after the articles are read: entities, stories, related, export ---------------


@dataclass
class EntityPage:
    kind: str
    name: str
    slug: str
    url: str = ""
    articles: list = field(default_factory=list)
    quotations: list = field(default_factory=list)  # (article, Quotation)

    @property
    def quotations_by_article(self) -> list[tuple]:
        """``(article, [Quotation, …])`` in the order the quotations were found."""
        grouped: dict[int, tuple] = {}
        for article, quotation in self.quotations:
            grouped.setdefault(id(article), (article, []))[1].append(quotation)
        return list(grouped.values())


@dataclass
class StoryPage:
    title: str
    slug: str
    url: str
    articles: list
    entities: list


def _entity_pages(articles, settings, urls=None) -> dict[tuple[str, str], EntityPage]:
    """Each entity's page; slugs from the site's registry (``names``), in name order."""
    urls = urls if urls is not None else registry({})
    pages: dict[tuple[str, str], EntityPage] = {}
    languages: dict[tuple[str, str], str] = {}
    for article in articles:
        for kind in KINDS:
            for name in article.entities.get(kind, []):
                page = pages.get((kind, name))
                if page is None:
                    page = pages[(kind, name)] = EntityPage(kind, name, "")
                    languages[(kind, name)] = getattr(article, "language", None)
                page.articles.append(article)
        for quotation in getattr(article, "quotations", []):
            if ("person", quotation.speaker) in pages:
                pages[("person", quotation.speaker)].quotations.append((article, quotation))
    for (kind, name), page in sorted(pages.items()):
        base = name_slug(name, settings, language=languages[(kind, name)], kind=kind)
        page.slug = urls.claim(base, f"{ENTITY_FOLDERS[kind]}/{{slug}}.html", (kind, name))
        page.url = f"{ENTITY_FOLDERS[kind]}/{quote(page.slug)}.html"
    return pages


def _cluster_fields(a) -> tuple:
    """What stories and related articles read of an article: key, text,
    entities, date (None if unknown), content words' hashes and word signature."""
    return (
        a.source_path,
        a.body_text,
        {f"{k}:{n}" for k in KINDS for n in a.entities.get(k, [])},
        a.date.date() if a.date_status != "unknown" else None,
        getattr(a, "content_word_hashes", None),
        getattr(a, "word_signature", None),
    )


def _cluster_inputs(articles) -> bytes:
    """A digest of everything :func:`_clusters` reads of ``articles``, in their order."""
    return digest(_cluster_parts(articles))


def _cluster_parts(articles) -> Iterator[bytes]:
    """The parts of :func:`_cluster_inputs`' digest, encoded one at a time."""
    for a in articles:
        key, text, entities, date, words, signature = _cluster_fields(a)
        yield key.encode()
        yield text.encode("utf-8", "surrogatepass")
        yield "\n".join(sorted(entities)).encode()
        yield (date.isoformat() if date is not None else "-").encode()
        yield b"-" if words is None else words.tobytes()
        yield from _signature_parts(signature)


def _clusters(articles) -> tuple[dict[str, list[str]], list[list[str]]]:
    """Each article's related articles and the stories, by source path."""
    items = []
    for a in articles:
        key, text, entities, date, words, signature = _cluster_fields(a)
        items.append(Item(key, text, entities, date, signature=signature, word_hashes=words))
    pairs = close_pair_arrays(items)  # scored once, for related articles and for stories
    return related(items, pairs), stories(items, pairs)


#: The context key of the stories being clustered in the background (:func:`start_stories`).
STORIES_UNDER_WAY = "news_digest_stories_under_way"


def start_stories(articles, settings) -> Background | None:
    """Start clustering ``articles`` in a forked process, if worth it.

    Clustering reads only what the reader made (texts, entities, dates), so
    it can start once duplicates are dropped; the build's process meanwhile
    settles the articles, writes the report and groups the tags (about a
    second at 10,000 seeds) before :func:`_story_pages` needs the stories.
    """
    # As few as are worth reading in workers (``NEWS_DIGEST_PARALLEL_MIN_SEEDS``).
    if len(articles) < settings.get("NEWS_DIGEST_PARALLEL_MIN_SEEDS", DEFAULT_MIN_SEEDS):
        return None
    if not can_fork(settings):
        return None
    return Background(partial(_recalled_clusters, list(articles), settings))


def _recalled_clusters(articles, settings, inputs: bytes | None = None) -> tuple[bytes, tuple]:
    """The digest of the clustering's inputs (made if not given), and its result.

    The same texts, entities and dates as last build give the same stories (``memo``).
    """
    if inputs is None:
        inputs = _cluster_inputs(articles)
    return inputs, recall(settings, "stories", inputs, lambda: _clusters(articles))


def _story_pages(
    articles, settings, under_way: Background | None = None, urls=None
) -> list[StoryPage]:
    by_key = {a.source_path: a for a in articles}
    for article in articles:
        article.related_articles = []
        article.story = None
    started, clustered = under_way.result() if under_way is not None else (None, None)
    inputs = _cluster_inputs(articles)
    if started != inputs:  # not started, or on other articles than these
        _, clustered = _recalled_clusters(articles, settings, inputs)
    related_keys, groups = clustered
    for key, others in related_keys.items():
        by_key[key].related_articles = [by_key[k] for k in others]
    urls = urls if urls is not None else registry({})
    pages = []
    for group in groups:
        members = sorted((by_key[k] for k in group), key=lambda a: (a.date, a.source_path))
        shared = set.intersection(*(set(m.entities.get("person", [])) for m in members))
        titles = [m.plain_title if hasattr(m, "plain_title") else m.title for m in members]
        title = story_title(titles, [not _title_unsure(m) for m in members])
        slug = urls.claim(_story_slug(members, title, settings), STORY_PATTERN, ("story", *group))
        page = StoryPage(title, slug, f"{STORY_FOLDER}/{quote(slug)}.html", members, sorted(shared))
        for member in members:
            member.story = page
        pages.append(page)
    return pages


def _title_unsure(article) -> bool:
    """Whether the build warns that the article's headline is unsure (a curator's
    title settles it: ``curation`` drops the warning)."""
    return any(w.get("field") == "title" for w in getattr(article, "seed_warnings", []))


#: A story's file: two stories of one date and title get ``-2`` (``names``).
STORY_PATTERN = f"{STORY_FOLDER}/{{slug}}.html"


def _story_slug(members, title: str, settings) -> str:
    """Named after what the story is about (``story_subject``; failing a shared tag
    or person, the story's ``title``), never after a date an article may lack."""
    subject = story_subject(
        [[str(t) for t in getattr(m, "tags", [])] for m in members],
        [m.entities.get("person", []) for m in members],
        title,
    )
    return name_slug(
        subject, settings, language=getattr(members[0], "language", None), kind="story"
    )


def _no_html(markdown: str) -> str:
    """The curator's Markdown with raw HTML shown as text, as the site shows it."""
    return markdown.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _annotated_markdown(article) -> str:
    """The article's cleaned Markdown followed by its annotations, for download.

    Seed-derived text is escaped like the body; the curator's Markdown keeps its
    syntax but not raw HTML.
    """
    cleaned = getattr(article, "cleaned_markdown", b"").decode("utf-8")  # kept as UTF-8
    lines = [cleaned.rstrip(), "", "## Annotations", ""]
    tags = [str(t) for t in getattr(article, "tags", [])]
    if tags:
        lines += [f"Tags: {escape(', '.join(tags))}", ""]
    note = getattr(article, "annotation_markdown", "")
    if note:
        lines += ["### Curator's note", "", _no_html(note), ""]
    highlights = getattr(article, "highlights", [])
    if highlights:
        lines += ["### Highlights", ""]
        for placed in highlights:
            state = " (orphaned: no longer found)" if placed.orphaned else ""
            lines.append(f"- “{escape(placed.highlight.quote)}”{state}")
            if placed.highlight.comment:
                lines.append(f"  {_no_html(' '.join(placed.highlight.comment.split()))}")
        lines.append("")
    for kind in KINDS:
        names = article.entities.get(kind, [])
        if names:
            lines.append(f"- {ENTITY_TITLES[kind]}: {escape(', '.join(names))}")
    quotations = getattr(article, "quotations", [])
    if quotations:
        lines += ["", "### Quotations", ""]
        lines += [f"- “{escape(q.text)}” — {escape(q.speaker)}" for q in quotations]
    return "\n".join(lines).rstrip() + "\n"


def _record(article) -> dict:
    return {
        "slug": article.slug,
        "url": article.url,
        "title": getattr(article, "plain_title", article.title),
        "date": article.date.date().isoformat() if article.date_status != "unknown" else None,
        "date_status": getattr(article, "date_status", None),
        "source": str(article.category) if getattr(article, "category", None) else None,
        "authors": [str(a) for a in getattr(article, "authors", [])],
        "tags": [str(t) for t in getattr(article, "tags", [])],
        # Plain text: the site's summary and note are HTML (typogrify's &nbsp;, entities).
        "summary": plain_text(getattr(article, "summary", "")),
        "word_count": getattr(article, "word_count", None),
        "reading_time": getattr(article, "reading_time", None),
        "body": article.body_text,
        "entities": article.entities,
        "quotations": [{"text": q.text, "speaker": q.speaker} for q in article.quotations],
        "annotation": {
            "note": plain_text(getattr(article, "annotation_note", "")),
            "note_html": getattr(article, "annotation_note", ""),
            "note_markdown": getattr(article, "annotation_markdown", ""),
            "highlights": [
                {
                    "quote": p.highlight.quote,
                    "comment": p.highlight.comment,
                    "anchored": not p.orphaned,
                    "method": p.anchor.method if p.anchor else None,
                }
                for p in getattr(article, "highlights", [])
            ],
        }
        if getattr(article, "annotated", False)
        else None,
        "related": [a.slug for a in article.related_articles],
        "story": article.story.slug if article.story else None,
        "duplicates": [d.seed_path for d in getattr(article, "duplicates", [])],
        "markdown": article.annotated_md_path,
        "seed": getattr(article, "seed_path", None),
    }


class DigestPagesGenerator(Generator):
    """Entity, story and export pages, from the articles the article generator read."""

    def generate_context(self):
        articles = [a for a in self.context.get("articles", []) if hasattr(a, "body_text")]
        urls = registry(self.context)
        self.entity_pages = _entity_pages(articles, self.settings, urls)
        # Not later: where pages are not queued (``writer``), Pelican writes
        # the articles' pages next, and they show each article's story.
        under_way = self.context.pop(STORIES_UNDER_WAY, None)
        self.story_pages = _story_pages(articles, self.settings, under_way, urls)
        for article in articles:
            article.entity_links = {
                kind: [self.entity_pages[(kind, n)] for n in article.entities.get(kind, [])]
                for kind in KINDS
            }
            article.annotated_md_path = f"{EXPORT_FOLDER}/articles/{quote(article.slug)}.md"
            article.export_json_url = EXPORT_JSON
        self.articles = articles
        self.context["entity_pages"] = self.entity_pages
        self.context["story_pages"] = self.story_pages

    def _write(self, writer, name, template, **context):
        writer.write_file(
            name,
            self.get_template(template),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            **context,
        )

    def _write_entity(self, writer, entity: EntityPage, kind_title: str) -> None:
        """An entity's page, its articles in pages as Pelican's (``DEFAULT_PAGINATION``)."""
        per_page = self.settings.get("DEFAULT_PAGINATION")
        for page in listing_pages(entity.url, entity.articles, self.settings, per_page):
            self._write(
                writer,
                page.save_as,
                "entity",
                entity=entity,
                entity_count=len(entity.articles),
                listing=page,
                kind_title=kind_title,
            )

    def generate_output(self, writer):
        for kind, folder in ENTITY_FOLDERS.items():
            pages = sorted(
                (p for p in self.entity_pages.values() if p.kind == kind),
                key=lambda p: (-len(p.articles), p.name),
            )
            self._write(
                writer,
                f"{folder}.html",
                "entities",
                entities=pages,
                kind=kind,
                kind_title=ENTITY_TITLES[kind],
                page_name=folder,
            )
            for page in pages:
                self._write_entity(writer, page, ENTITY_TITLES[kind])
        self._write(
            writer,
            f"{STORY_FOLDER}.html",
            "stories",
            stories=self.story_pages,
            page_name="stories",
        )
        for story in self.story_pages:
            self._write(writer, story.url, "story", story=story)
        self._write(
            writer,
            f"{EXPORT_FOLDER}.html",
            "export",
            export_articles=self.articles,
            page_name="export",
        )
        output = Path(self.output_path)
        for article in self.articles:
            target = output / EXPORT_FOLDER / "articles" / f"{article.slug}.md"
            save_text(writer, target, partial(_annotated_markdown, article))
        save_text(writer, output / EXPORT_JSON, self._export_json, whole_site=True)
        # Not flushed here: the digest generator, which Pelican runs next
        # (``plugin.get_generators``), renders everything queued in one go.

    def _export_json(self) -> Iterator[str]:
        """The whole digest as JSON, in pieces: an article's record is made as it is written."""
        bundle = {
            "site": self.settings.get("SITENAME"),
            "articles": (_record(a) for a in self.articles),
            "stories": [
                {"slug": s.slug, "title": s.title, "articles": [a.slug for a in s.articles]}
                for s in self.story_pages
            ],
        }
        return pieces_by_line(bundle, ensure_ascii=False, default=str)
