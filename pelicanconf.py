"""Pelican settings for the Annotated News Digest (local, offline build).

Every URL is a file path (``…/index.html``, never a bare folder) and
``RELATIVE_URLS`` is on, so the site works when opened straight from disk.
"""

# No site-wide AUTHOR: an article without a byline has no author, not the curator.
SITENAME = "Annotated News Digest"
SITEURL = ""
RELATIVE_URLS = True

# The project root is Pelican's content root: seeds live in ``seeds/``,
# hand-written pages and annotations in ``content/``.
PATH = "."
ARTICLE_PATHS = ["seeds"]
PAGE_PATHS = ["content/pages"]
STATIC_PATHS = []
OUTPUT_PATH = "output"
IGNORE_FILES = [".#*", "*.gold.txt"]

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["news_digest"]

THEME = "theme"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"

# Typogrify the body; the plugin keeps ``<span class="caps">`` out of titles.
TYPOGRIFY = True

# Reading a seed (cleaning, enrichment, typogrify) is cached in cache/: a
# rebuild reads again only the seeds whose file or annotation changed. Edited
# tagging rules, typogrify settings or plugin code read them all again;
# ``pelican --ignore-cache`` (or deleting cache/) does too.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = "cache"
# Uncompressed: gzip at Pelican's level 9 cost 2.3 s of every build at 10,000
# seeds, to save 96 MB of disk (about 12 KB a seed raw).
GZIP_CACHE = False

# Templates escape by default: seed text is data, never markup.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

ARTICLE_URL = ARTICLE_SAVE_AS = "articles/{slug}.html"
PAGE_URL = PAGE_SAVE_AS = "pages/{slug}.html"
TAG_URL = TAG_SAVE_AS = "tags/{slug}.html"
TAGS_SAVE_AS = "tags.html"
CATEGORY_URL = CATEGORY_SAVE_AS = "sources/{slug}.html"
CATEGORIES_SAVE_AS = "sources.html"
AUTHOR_URL = AUTHOR_SAVE_AS = "authors/{slug}.html"
AUTHORS_SAVE_AS = "authors.html"
ARCHIVES_SAVE_AS = "archives.html"
DIRECT_TEMPLATES = ["index", "tags", "categories", "authors", "archives"]
# A tag's, a source's or an author's articles, and the archives, are listed
# 100 to a page: at thousands of articles one page would be megabytes, and an
# edit to one article would have every such page written again. Later pages
# go in a folder named for the first (tags/ukraine/2.html): a slug holds no
# "/", so no page of one listing can take another's name. The theme's tag,
# source, author and archive pages show Pelican's page of them
# (``articles_page``): keep those four in PAGINATED_TEMPLATES.
DEFAULT_PAGINATION = 100
PAGINATED_TEMPLATES = {"tag": None, "category": None, "author": None, "archives": None}
PAGINATION_PATTERNS = [
    (1, "{name}{extension}", "{name}{extension}"),
    (2, "{name}/{number}{extension}", "{name}/{number}{extension}"),
]
# Seeds are not translations of each other: two seeds with one title are two
# articles (the plugin gives them distinct slugs), never a translation pair.
ARTICLE_TRANSLATION_ID = None


def newest_first(article):
    """Newest first; equal dates in seed-path order, so every build lists them alike."""
    return (-article.date.timestamp(), article.relative_source_path)


ARTICLE_ORDER_BY = newest_first

# Feeds belong to the publish build (publishconf.py).
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# The source (publisher) of an article is its Pelican category.
DEFAULT_CATEGORY = "Unknown source"
USE_FOLDER_AS_CATEGORY = False
