"""Settings for the public build (GitHub Pages): pelicanconf plus feeds.

Links stay relative so the published site also works from ``file://``.
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "")
RELATIVE_URLS = True

FEED_DOMAIN = SITEURL or None
FEED_ALL_ATOM = "feeds/all.atom.xml" if SITEURL else None
TAG_FEED_ATOM = "feeds/tag.{slug}.atom.xml" if SITEURL else None
# Every built page, with absolute URLs (so also only with a SITEURL).
NEWS_DIGEST_SITEMAP_SAVE_AS = "sitemap.xml"

DELETE_OUTPUT_DIRECTORY = True
