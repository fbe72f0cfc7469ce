"""The cleaning pipeline: decode → normalise → segment → classify → metadata → record.

Pure functions over plain data; no Pelican import, so the same code serves
the site build, ``invoke extract`` and the tests.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import replace
from functools import cache
from itertools import islice

from . import boilerplate, headline, language, metadata, quotes
from .decode import UndecodableError, decode, repair, repair_keeps
from .linememo import new_document
from .normalise import is_normal, normalise, numbered, segment
from .record import (
    DATE_INFERRED,
    DATE_STATED,
    HEADING,
    PARAGRAPH,
    QUOTE,
    Article,
    Block,
    Line,
    Removed,
)

#: Body lines this short with no sentence ending are subheadings.
HEADING_MAX_WORDS = 12


#: Languages whose pages write "11/19/19" month first; others read it day first.
DAY_LAST_LANGUAGES = frozenset({"en"})
#: At most this many lines between headline and byline are a standfirst;
#: more means the "byline" belongs to something further down.
STANDFIRST_MAX_LINES = 3
#: A standfirst (summary under the headline) is at most this many words.
STANDFIRST_MAX_WORDS = 30
#: A body with less than this share of its words in prose paragraphs is all
#: furniture (menus, link lists), and a warning says so.
BODY_UNSURE = 0.2
#: Lines quoted in warnings are cut to this many characters.
SHORT_CHARS = 80
#: Reason recorded for lines a curator forces out of the body.
CURATOR_DROP = "dropped by the curator"
#: The calendar dates are given in where the text states a moment (Pelican's
#: own default ``TIMEZONE``).
DEFAULT_TIMEZONE = "UTC"


def clean_bytes(
    data: bytes,
    *,
    keep_lines: Collection[str] = (),
    drop_lines: Collection[str] = (),
    repeated: Collection[str] = frozenset(),
    timezone: str = DEFAULT_TIMEZONE,
) -> Article:
    """Clean a seed as read from disk. Raises :class:`UndecodableError` for binary data.

    The keyword arguments are those of :func:`clean_text`.
    """
    text, encoding = decode(data)
    article = clean_text(
        text, keep_lines=keep_lines, drop_lines=drop_lines, repeated=repeated, timezone=timezone
    )
    article.encoding = encoding
    return article


def _line_texts(texts: Collection[str]) -> frozenset[str]:
    return frozenset(" ".join(text.split()) for text in texts)


SECOND_LOOK = " (on a second look, once the furniture was gone)"
#: Why a standfirst or kicker is removed.
STANDFIRST = "between the headline and the byline"
_LINE_REF = re.compile(r"\bline (\d+)")


def clean_text(
    text: str,
    *,
    keep_lines: Collection[str] = (),
    drop_lines: Collection[str] = (),
    repeated: Collection[str] = frozenset(),
    timezone: str = DEFAULT_TIMEZONE,
) -> Article:
    """Clean a seed already decoded to ``str``, to a fixed point.

    ``timezone`` (an IANA name, as Pelican's ``TIMEZONE``) is the calendar
    dates are given in where the text states a moment ("Nov 19, 2019,
    10:31 pm CST" is 20 November in UTC); a date without a clock time and
    zone is taken as written.

    Removing furniture changes what is near the headline or at the edges of
    the text (a byline that was eight lines down is now the second line; a
    lone "0" is now after the last paragraph). Cleaning the cleaned text must
    change nothing, so the cleaner looks again at its own output until it
    does, and what goes on a later look is recorded against the seed's lines.
    """
    new_document()  # the line memos keep all of this text's verdicts (``linememo``)
    options = {
        "keep_lines": keep_lines,
        "drop_lines": drop_lines,
        "repeated": repeated,
        "timezone": timezone,
    }
    article = _clean_once(text, **options)
    # Each further look removes a line or ends the loop, so it ends.
    while article.title is not None and article.body:
        # The cleaned text: title on line 1, body block i on line 3 + 2i.
        # The headline stays where the first look put it (line 1 now).
        again = _clean_once(
            "\n\n".join([article.title, *(b.text for b in article.body)]),
            **options,
            details=False,
            title_line=1,
            # An article has one standfirst: once a look has cut it, a later
            # look that finds a date further down must not cut the next lines too.
            standfirst=not any(r.reason.startswith(STANDFIRST) for r in article.removed),
        )
        if [b.text for b in again.body] == [b.text for b in article.body]:
            break
        origin = {3 + 2 * i: block.line for i, block in enumerate(article.body)}
        kept = {origin[b.line] for b in again.body}
        if len(kept) == len(article.body):
            # Nothing more goes: the text only reads differently the second time
            # (mojibake repaired across lines, say). Looking again would see the
            # same text and loop for ever.
            break
        by_line = {block.line: block for block in article.body}
        for removed in again.removed:
            if removed.line in origin:
                block = by_line[origin[removed.line]]
                reason = _seed_line_refs(removed.reason, origin)
                article.removed.append(Removed(block.line, block.text, reason + SECOND_LOOK))
                if removed.reason.startswith("photo caption"):
                    article.captions.append(block.text)
        article.removed.sort(key=lambda r: r.line)
        article.body = quotes.mark_quotes(
            [
                Block(b.kind if b.kind != QUOTE else PARAGRAPH, b.text, b.line)
                for b in article.body
                if b.line in kept
            ]
        )
        if not article.authors and again.authors:
            article.authors = again.authors
            article.confidence["authors"] = again.confidence.get("authors", 0.0)
        article.updated = article.updated or again.updated
        if again.date_status == DATE_STATED and (
            article.date_status != DATE_STATED
            or article.confidence.get("date", 0.0) < again.confidence.get("date", 0.0)
        ):
            # A date stated in the cleaned text settles what the first look
            # inferred, or read less surely (over the body, away from the headline).
            article.date, article.date_status, article.date_source = (
                again.date,
                again.date_status,
                again.date_source,
            )
            article.published = again.published
            article.confidence["date"] = again.confidence.get("date", 0.0)
            if warning := metadata.date_warning(article.date, article.confidence["date"]):
                _doubt(article, "date", warning)
    return article


def _seed_line_refs(reason: str, origin: dict[int, int]) -> str:
    """ "repeats line 5" of the cleaned text is "repeats line 12" of the seed."""
    return _LINE_REF.sub(lambda m: f"line {origin.get(int(m[1]), m[1])}", reason)


def _clean_once(
    text: str,
    *,
    keep_lines: Collection[str] = (),
    drop_lines: Collection[str] = (),
    repeated: Collection[str] = frozenset(),
    timezone: str = DEFAULT_TIMEZONE,
    details: bool = True,
    title_line: int | None = None,
    standfirst: bool = True,
) -> Article:
    """One look at a seed: the whole pipeline, once.

    ``keep_lines`` and ``drop_lines`` are a curator's overrides: line texts
    (compared after white-space normalisation) forced into the body, or out
    of it with the reason ``"dropped by the curator"``. ``repeated`` holds
    lines known to recur across the same publisher's pages, as computed by
    :func:`news_digest.cleaner.corpus.repeated_lines`; it is optional.
    Without ``details`` the body's language, the publisher and a date
    inferred from the text are left out: :func:`clean_text` takes those
    from the first look only. ``title_line`` fixes the headline's line
    (later looks keep the first look's headline); without ``standfirst`` no
    line between the headline and the byline is cut as one (a look before
    cut it).
    """
    keep, drop = _line_texts(keep_lines), _line_texts(drop_lines)
    repeated = frozenset(repeated)
    lines = _lines(text)
    article = Article()
    if not lines:
        article.warnings.append("the seed has no text")
        return article

    taken: dict[int, str] = {}  # line number → why it is not body
    # Asked only by a date that reads differently day first ("05/10/2018").
    page_language = cache(lambda: language.detect_lines(ln.text for ln in lines))
    dayfirst = cache(lambda: _day_first(lines, page_language))
    # The body first, on its own: the classifier over every line. Nothing
    # chosen later (the headline least of all) can cut a line it kept.
    classified = boilerplate.classify(lines, repeated=repeated)
    body_indexes = [i for i, v in enumerate(classified) if v.role == "body"]
    body_numbers = {lines[i].number for i in body_indexes}
    if title_line is not None:
        index = next((i for i, ln in enumerate(lines) if ln.number == title_line), None)
        choice = (
            headline.Choice(lines[index].text, index, title_line, 1.0, None)
            if index is not None
            else None
        )
    else:
        choice = headline.choose(lines, body_indexes)
        if (
            choice is not None
            and _sentence_not_headline(classified[choice.index], choice, len(body_indexes))
            and not _signed(lines, choice.index, dayfirst, metadata.HEADER_END_CONFIDENCE)
        ):
            # The best candidate is a sentence of the body, with no byline or
            # date under it to say it heads the article: no headline.
            choice = None
        elif choice is not None:
            choice = _copy_with_header(lines, choice, dayfirst, body_indexes)
    if choice is not None:
        article.title, article.title_line = choice.text, choice.line
        article.confidence["title"] = round(choice.confidence, 3)
        taken[choice.line] = "title"
        if choice.second_line is not None:
            taken[choice.second_line] = "title"
        if details and choice.confidence < headline.TITLE_UNSURE:
            other = f" or “{_short(choice.runner_up)}”" if choice.runner_up else ""
            _doubt(
                article,
                "title",
                f"the headline is unsure ({choice.confidence:.2f}): "
                f"“{_short(choice.text)}”{other}; set it in the annotation",
            )
    header = list(
        islice(
            (
                line
                for line in lines
                if line.number not in taken
                and line.number > (article.title_line or 0)
                and metadata.header_line(line.text)
            ),
            metadata.BYLINE_LINES,
        )
    )
    # The lines just above the headline: a byline or date over it, or a headline
    # taken too low. "Published: Jan 23, 2024" is a widget for the body, not here.
    above = [
        line
        for line in lines
        if article.title_line
        and line.number < article.title_line
        and (not boilerplate.furniture(line.text) or metadata.find_dates(line.text))
    ][-metadata.HEADER_LOOKBACK :]
    # Only a sure byline or date ends the header: what lies between it and the
    # headline is a standfirst. A name or date the finder is less sure of does not.
    if byline := metadata.find_byline(header, before=above, page=lines, language=page_language):
        article.authors = byline.value
        article.confidence["authors"] = byline.confidence
        sure = byline.confidence >= metadata.HEADER_END_CONFIDENCE
        taken[byline.line] = "byline" if sure else "name under the headline"
        # "BY A" over "NEW YORK DAILY NEWS": the outlet's line is the byline's too.
        below = next((ln for ln in lines if ln.number > byline.line), None)
        if sure and below is not None and metadata.credit_line(below.text):
            taken[below.number] = "byline"
    under = [ln for ln in lines if ln.number > (article.title_line or 0)]
    if not article.authors and (far := metadata.find_far_byline(under)):
        article.authors = far.value
        article.confidence["authors"] = far.confidence
    if not article.authors and (
        (bio := metadata.find_author_bio([ln for ln in under if ln.number not in body_numbers]))
        # The classifier may keep the box as body: there, only people's names.
        or (bio := metadata.find_author_bio(under, people_only=True))
    ):
        article.authors = bio.value
        article.confidence["authors"] = bio.confidence
    if not article.authors and body_numbers:
        first_body = min(body_numbers)
        lead = [ln for ln in lines if ln.number < first_body and ln.number not in taken]
        if lead_byline := metadata.find_lead_byline(lead, lines, page_language):
            article.authors = lead_byline.value
            article.confidence["authors"] = lead_byline.confidence
    stated = metadata.find_stated_date(
        under,
        dayfirst=dayfirst,
        before=above,
        language=page_language,
        header=_header_length(under, body_numbers),
    )
    if stated:
        day, moment = metadata.in_zone(stated, timezone)
        if stated.kind == "updated":
            # "Updated …" is when the page last changed: the article is from
            # then or before, and the digest does not file it under that day.
            article.updated = day
        else:
            article.date, article.date_status, article.date_source = (
                day,
                DATE_STATED,
                stated.evidence,
            )
            article.published = moment
            article.confidence["date"] = stated.confidence
        sure = stated.confidence >= metadata.HEADER_END_CONFIDENCE
        text = next(ln.text for ln in lines if ln.number == stated.line)
        if not metadata.runs_into_text(text):
            taken.setdefault(stated.line, "dateline" if sure else "date line")
    elif body_indexes and (
        closing := metadata.find_closing_date(
            lines[body_indexes[-1] + 1 :], dayfirst=dayfirst, language=page_language
        )
    ):
        article.date, article.date_status, article.date_source = (
            closing.value,
            DATE_STATED,
            closing.evidence,
        )
        article.confidence["date"] = closing.confidence
        taken.setdefault(closing.line, "date line")
    elif (
        body_indexes
        and article.confidence.get("title", 0.0) < headline.TITLE_UNSURE
        and (over := _date_over_body(lines, body_indexes[0], dayfirst, page_language))
        and over.kind != "updated"
    ):
        # An unsure headline may stand away from the article's header, whose
        # dateline is then just over the body. The line stays: the second
        # look, with the cleaned text's own headline, reads it with its byline.
        day, article.published = metadata.in_zone(over, timezone)
        article.date, article.date_status, article.date_source = day, DATE_STATED, over.evidence
        article.confidence["date"] = over.confidence
    # A standfirst or kicker sits between the headline and the byline or
    # dateline; the article proper starts below them.
    header_end = max((n for n, why in taken.items() if why in ("byline", "dateline")), default=None)
    between = [
        line
        for line in lines
        if article.title_line and header_end and article.title_line < line.number < header_end
    ]
    # A byline under the article's last paragraph signs it off: the article
    # lies above it, and nothing there is a standfirst to cut.
    body_below = header_end is not None and any(n > header_end for n in body_numbers)
    if (
        standfirst
        and body_below
        and len(between) <= STANDFIRST_MAX_LINES
        and sum(boilerplate.features(ln.text).words for ln in between) <= 2 * STANDFIRST_MAX_WORDS
    ):
        for line in between:
            taken.setdefault(line.number, STANDFIRST)

    # Every line's role: the classifier's verdict, then the curator's word.
    verdicts = {v.line.number: v for v in classified}
    for line in lines:
        if line.number in taken:
            verdicts[line.number] = boilerplate.Verdict(line, "removed", taken[line.number])
    for line in lines:
        if line.number == article.title_line:
            continue
        if line.text in drop:
            verdicts[line.number] = boilerplate.Verdict(line, "removed", CURATOR_DROP)
        elif line.text in keep:
            verdicts[line.number] = boilerplate.Verdict(line, "body")

    if dek := _standfirst(lines, verdicts):
        verdicts[dek.number] = boilerplate.Verdict(dek, "removed", "standfirst under the headline")

    furniture: list[Line] = []
    blocks: list[Block] = []
    for line in lines:
        verdict = verdicts.get(line.number)
        if verdict is None:  # the title
            continue
        if verdict.role == "body":
            blocks.append(Block(_block_kind(line.text), line.text, line.number))
        elif verdict.role == "caption":
            article.captions.append(line.text)
            article.removed.append(
                Removed(line.number, line.text, "photo caption (shown as caption)")
            )
        else:
            if verdict.reason not in ("byline", "dateline", CURATOR_DROP):
                furniture.append(line)
            article.removed.append(Removed(line.number, line.text, verdict.reason or "boilerplate"))
    article.body = quotes.mark_quotes(blocks)
    if details:
        article.language = language.detect_lines(
            [block.text for block in article.body] or [ln.text for ln in lines]
        )
        if source := metadata.find_source(furniture, article.title):
            article.source, article.source_evidence = source.value, source.evidence
            article.confidence["source"] = source.confidence
        if article.date is None and (
            inferred := metadata.infer_date(lines, dayfirst=dayfirst, ceiling=article.updated)
        ):
            article.date, article.date_status = inferred.value, DATE_INFERRED
            article.date_source = (
                f"inferred from a photo caption near the top ({inferred.evidence}, line "
                f"{inferred.line}): the article is from then or later"
            )
            article.confidence["date"] = inferred.confidence
        # An inferred date is shown as inferred; only a stated one can mislead.
        if article.date_status == DATE_STATED and (
            warning := metadata.date_warning(article.date, article.confidence.get("date"))
        ):
            _doubt(article, "date", warning)
        if article.date is None and article.updated is not None:
            article.date_source = (
                f"the text gives only the date the page was updated "
                f"({article.updated.isoformat()}): the article is from then or before"
            )
            _doubt(article, "date", metadata.updated_only_warning(article.updated))

    if article.title is None:
        article.confidence["title"] = 0.0
        _doubt(article, "title", "no recognisable title: set one with title: in the annotation")
    article.confidence["body"] = round(_body_confidence(article.body), 3)
    if not article.body:
        article.warnings.append("nothing left after removing boilerplate")
    elif details and article.confidence["body"] < BODY_UNSURE:
        article.warnings.append(
            "the body is all furniture: no paragraph reads as article prose; "
            "check the seed, or keep or drop lines in the annotation"
        )
    return article


def _doubt(article: Article, field: str, warning: str) -> None:
    """A warning about one field, which a curator's annotation setting it settles."""
    article.warnings.append(warning)
    article.unsure[field] = warning


#: With no date by the headline, the header is looked for this many lines over
#: the body's first line: a headline chosen away from the article's header
#: (or none) leaves its dateline there.
BODY_HEADER_LINES = 6
#: How sure a date read over the body, away from the headline, can be.
BODY_HEADER_CONFIDENCE = 0.5


def _date_over_body(
    lines: list[Line], first_body: int, dayfirst, language
) -> metadata.Found | None:
    """The stated date of the header just over the body, read as if the headline
    stood :data:`BODY_HEADER_LINES` lines over the body's first line."""
    start = max(first_body - BODY_HEADER_LINES, 0)
    stated = metadata.find_stated_date(
        lines[start:],
        dayfirst=dayfirst,
        language=language,
        header=first_body - start,
    )
    if stated is None:
        return None
    return replace(stated, confidence=min(stated.confidence, BODY_HEADER_CONFIDENCE))


def _header_length(under: list[Line], body: Collection[int]) -> int:
    """How many of the lines ``under`` the headline come before the body's first line.

    Menus and share prompts may push the body far below the headline: what
    lies between them is the header, where the dateline is looked for.
    ``body`` holds the line numbers the classifier kept.
    """
    return next((i for i, line in enumerate(under) if line.number in body), 0)


#: A sentence the body kept is the headline only when the ranker is this sure of it.
SENTENCE_HEADLINE_SURE = 0.8


def _day_first(lines: list[Line], page_language: Callable[[], str]) -> bool:
    """Whether the page writes "05/10/2018" day first: as its unambiguous slashed
    dates do ("25/04/2020"), or, when none is, as pages in its language do."""
    order = metadata.slash_order(line.text for line in lines)
    return order if order is not None else page_language() not in DAY_LAST_LANGUAGES


def _copy_with_header(
    lines: list[Line], choice: headline.Choice, dayfirst, body: list[int]
) -> headline.Choice:
    """Of the copies of the headline's text (a breadcrumb, the headline, a table of
    contents), the first with a byline or date under it: the article starts there.
    Not a copy under body text that follows the chosen line (``body``: the body's
    indexes): the article has started by then, and the copy repeats it."""
    key = " ".join(choice.text.casefold().split())
    copies = [i for i, ln in enumerate(lines) if " ".join(ln.text.casefold().split()) == key]
    started = next((i for i in body if i > choice.index), None)
    if started is not None:
        copies = [i for i in copies if i < started]
    if len(copies) < 2:
        return choice

    if _signed(lines, choice.index, dayfirst):
        return choice
    for index in copies:
        if index != choice.index and _signed(lines, index, dayfirst):
            return replace(choice, index=index, line=lines[index].number)
    return choice


def _signed(lines: list[Line], index: int, dayfirst, sure: float = 0.0) -> bool:
    """Whether the few lines under ``lines[index]`` hold a byline, or when they hold
    none a date, read at least ``sure`` (a weak byline is not passed over for a
    sure date below it)."""
    under = lines[index + 1 : index + 1 + metadata.BYLINE_LINES]
    header = [ln for ln in under if metadata.header_line(ln.text)]
    found = metadata.find_byline(header) or metadata.find_stated_date(
        under, dayfirst=dayfirst, header=0
    )
    return found is not None and found.confidence >= sure


def _sentence_not_headline(
    verdict: boilerplate.Verdict, choice: headline.Choice, body_lines: int
) -> bool:
    """A sentence chosen as headline, where it is no headline: a sentence the body
    kept, or one the ranker is unsure of.

    The headline is chosen after the body and cannot take text from it: on
    a seed with no headline, the best candidate may be a sentence of the
    article, and then there is no headline (a warning says so) rather than
    a paragraph lost (unless the ranker is sure of it, as of a first line
    that reads as a sentence). An unsure sentence outside the body is no headline
    either: once the furniture around it is gone it would read as the
    body's first sentence, and cleaning the cleaned text must give the same
    article. Headline-shaped lines (no sentence ending, or a question) leave
    the body when chosen.
    """
    text = verdict.line.text
    if metadata.headline_candidate(text) or text.rstrip().endswith("?"):
        return False
    if verdict.role == "body":
        # Unless the ranker is sure: a seed's first line that reads as a
        # sentence ("Warum ich lieber … sage.") is still its headline. Never
        # the body's only line: nothing would be left.
        return choice.confidence < SENTENCE_HEADLINE_SURE or body_lines <= 1
    return choice.confidence < headline.TITLE_UNSURE and boilerplate.is_prose(text)


def _body_confidence(body: list[Block]) -> float:
    """Share of the body's words in sentence-shaped paragraphs of some length."""
    words = prose = 0
    for block in body:
        feats = boilerplate.features(block.text)
        words += feats.words
        if feats.prose and feats.words >= boilerplate.MIN_SCORING_WORDS:
            prose += feats.words
    return prose / words if words else 0.0


def _short(text: str, limit: int = SHORT_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def seed_lines(text: str) -> list[Line]:
    """The numbered, normalised lines every look of the cleaner reads (for training, too)."""
    return _lines(text)


def _lines(text: str) -> list[Line]:
    """``segment(normalise(repair(text)))``, with the text split once.

    Most text is kept as it is by both :func:`repair` and
    :func:`normalise`, which its lines tell from remembered verdicts.
    """
    raw_lines = text.split("\n")
    if repair_keeps(raw_lines) and is_normal(raw_lines):
        return numbered(raw_lines)
    return segment(normalise(repair(text)))


def _standfirst(lines: list[Line], verdicts: dict) -> Line | None:
    """A short first paragraph cut off from the text by a byline, date or photo.

    Under the headline many pages give a one- or two-sentence summary, then
    the byline, date or the lead photo with its caption, then the article:
    prose. A heading or a short line after the photo is no article yet.
    """
    body = [ln for ln in lines if (v := verdicts.get(ln.number)) and v.role == "body"]
    if len(body) < 2 or boilerplate.features(body[0].text).words > STANDFIRST_MAX_WORDS:
        return None
    if not boilerplate.features(body[1].text).prose:
        return None
    between = [
        ln for ln in lines if body[0].number < ln.number < body[1].number and ln.number in verdicts
    ]
    header = any(
        verdicts[ln.number].role == "caption"
        or verdicts[ln.number].reason in ("byline", "dateline")
        for ln in between
    )
    return body[0] if header else None


def _block_kind(text: str) -> str:
    if (
        not boilerplate.features(text).prose
        and not text.endswith(":")
        and len(text.split()) <= HEADING_MAX_WORDS
    ):
        return HEADING
    return PARAGRAPH


__all__ = ["UndecodableError", "clean_bytes", "clean_text"]
