"""The cleaning pipeline: decode → normalise → segment → classify → metadata → record.

Pure functions over plain data; no Pelican import, so the same code serves
the site build, ``invoke extract`` and the tests.
"""

from __future__ import annotations

from . import boilerplate, metadata, quotes
from .decode import UndecodableError, decode, repair
from .normalise import normalise, segment
from .record import (
    DATE_INFERRED,
    DATE_STATED,
    HEADING,
    PARAGRAPH,
    Article,
    Block,
    Line,
    Removed,
)

#: Body lines this short with no sentence ending are subheadings.
HEADING_MAX_WORDS = 12


def clean_bytes(data: bytes) -> Article:
    """Clean a seed as read from disk. Raises :class:`UndecodableError` for binary data."""
    text, encoding = decode(data)
    article = clean_text(text)
    article.encoding = encoding
    return article


def clean_text(text: str) -> Article:
    """Clean a seed already decoded to ``str``."""
    lines = segment(normalise(repair(text)))
    article = Article()
    if not lines:
        article.warnings.append("the seed has no text")
        return article

    taken: dict[int, str] = {}  # line number → why it is not body
    if title := metadata.find_title(lines):
        article.title, article.title_line = title.value, title.line
        taken[title.line] = "title"
    header = [line for line in lines if line.number not in taken]
    if byline := metadata.find_byline(header):
        article.authors = byline.value
        taken[byline.line] = "byline"
    if stated := metadata.find_stated_date([ln for ln in lines if ln.number != article.title_line]):
        article.date, article.date_status, article.date_source = (
            stated.value,
            DATE_STATED,
            stated.evidence,
        )
        taken.setdefault(stated.line, "dateline")

    # Lines above the title are page furniture (menus, section names).
    region = [ln for ln in lines if ln.number not in taken]
    if article.title_line:
        for line in region:
            if line.number < article.title_line:
                taken[line.number] = "before the headline"
        region = [ln for ln in region if ln.number > article.title_line]

    furniture: list[Line] = []
    blocks: list[Block] = []
    for verdict in boilerplate.classify(region):
        line = verdict.line
        if verdict.role == "body":
            blocks.append(Block(_block_kind(line.text), line.text, line.number))
        elif verdict.role == "caption":
            article.captions.append(line.text)
            article.removed.append(
                Removed(line.number, line.text, "photo caption (shown as caption)")
            )
        else:
            furniture.append(line)
            article.removed.append(Removed(line.number, line.text, verdict.reason or "boilerplate"))
    article.body = quotes.mark_quotes(blocks)

    for line in lines:
        if line.number in taken and line.number != article.title_line:
            article.removed.append(Removed(line.number, line.text, taken[line.number]))
            if taken[line.number] == "before the headline":
                furniture.append(line)
    article.removed.sort(key=lambda r: r.line)

    if source := metadata.find_source(furniture, article.title):
        article.source, article.source_evidence = source.value, source.evidence

    if article.date is None and (inferred := metadata.infer_date(lines)):
        article.date, article.date_status = inferred.value, DATE_INFERRED
        article.date_source = (
            f"inferred from the latest date in the text ({inferred.evidence}, line "
            f"{inferred.line}): the article is from then or later"
        )

    if article.title is None:
        article.warnings.append("no recognisable title: add one with a title override")
    if not article.body:
        article.warnings.append("nothing left after removing boilerplate")
    return article


def _block_kind(text: str) -> str:
    if (
        not boilerplate.is_prose(text)
        and not text.endswith(":")
        and len(text.split()) <= HEADING_MAX_WORDS
    ):
        return HEADING
    return PARAGRAPH


__all__ = ["UndecodableError", "clean_bytes", "clean_text"]
