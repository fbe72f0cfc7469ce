"""A listing the plugin writes (the build report, an entity's articles) split into pages.

Pelican's own listings are split by its writer (``DEFAULT_PAGINATION``,
``PAGINATED_TEMPLATES``), which hands each page the whole listing too. Here
each page is given plain values only: its items, its number and its
neighbours' URLs. The pages are cut and named by Pelican's paginator
(``PAGINATION_PATTERNS``).
"""

from __future__ import annotations

from dataclasses import dataclass

from pelican.paginator import Paginator


@dataclass
class ListingPage:
    """One page of a listing: what its template reads."""

    save_as: str
    url: str
    items: list
    number: int
    pages: int
    #: How many items the pages before this one list.
    offset: int
    first_url: str
    previous_url: str | None
    next_url: str | None


def listing_pages(save_as: str, items: list, settings, per_page: int | None) -> list[ListingPage]:
    """``items`` in pages of ``per_page`` (one page if None or 0), the first at ``save_as``."""
    paginator = Paginator(save_as, save_as, items, settings, per_page or None)
    pages = [paginator.page(number) for number in paginator.page_range]
    urls = [page.url for page in pages]
    found, offset = [], 0
    for number, page in enumerate(pages, 1):
        found.append(
            ListingPage(
                save_as=page.save_as,
                url=urls[number - 1],
                items=page.object_list,
                number=number,
                pages=len(pages),
                offset=offset,
                first_url=urls[0],
                previous_url=urls[number - 2] if number > 1 else None,
                next_url=urls[number] if number < len(pages) else None,
            )
        )
        offset += len(page.object_list)
    return found
