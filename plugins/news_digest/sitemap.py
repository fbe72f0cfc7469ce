"""A sitemap of every built HTML page, for the publish build.

Written last (on ``finalized``) from the files actually in the output, so
the week pages, search page and anything another generator adds are listed
too. A sitemap needs absolute URLs: without an absolute ``SITEURL`` none is
written.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote
from xml.etree import ElementTree as ET

from pelican import signals

from .settings import default

#: Where the sitemap goes (``NEWS_DIGEST_SITEMAP_SAVE_AS``); off unless set (publishconf.py).
DEFAULT_SAVE_AS = default("NEWS_DIGEST_SITEMAP_SAVE_AS")
#: Pages that are not content: never listed.
EXCLUDED = frozenset({"404.html"})
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_xml(site_url: str, pages: list[str]) -> bytes:
    urlset = ET.Element("urlset", xmlns=NAMESPACE)
    for page in pages:
        ET.SubElement(ET.SubElement(urlset, "url"), "loc").text = f"{site_url}/{quote(page)}"
    ET.indent(urlset)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True)


def write_sitemap(pelican):
    site_url = pelican.settings.get("SITEURL", "").rstrip("/")
    save_as = pelican.settings.get("NEWS_DIGEST_SITEMAP_SAVE_AS", DEFAULT_SAVE_AS)
    if not save_as or "://" not in site_url:
        return
    output = Path(pelican.output_path)
    pages = sorted(
        path.relative_to(output).as_posix()
        for path in output.rglob("*.html")
        if path.relative_to(output).as_posix() not in EXCLUDED
    )
    (output / save_as).write_bytes(sitemap_xml(site_url, pages))


def register():
    signals.finalized.connect(write_sitemap)
