"""Settings for the public build (GitHub Pages): pelicanconf plus feeds.

``SITEURL`` comes from the environment (the Pages workflow sets it to the
site's address); links stay relative, so the published site also works
from ``file://`` and under a project sub-path (``/repo-name/``).
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
RELATIVE_URLS = True

# Feeds need absolute links: they are written only when SITEURL is known.
FEED_DOMAIN = SITEURL or None
FEED_ALL_ATOM = "feeds/all.atom.xml" if SITEURL else None
TAG_FEED_ATOM = "feeds/tag.{slug}.atom.xml" if SITEURL else None
# Every built page, with absolute URLs (so also only with a SITEURL).
NEWS_DIGEST_SITEMAP_SAVE_AS = "sitemap.xml"

DELETE_OUTPUT_DIRECTORY = True
