"""Which outlet published the article: read from the page's furniture, never from the body.

Evidence, surest first: a known outlet named in the furniture
(``data/publishers.json``: names, aliases, hosts), the site name after the
headline ("Headline | Outlet"), a newsletter prompt ("Sign up for the Outlet
newsletter"), the holder of the copyright when it is not a company that owns
outlets (company words and known owners in ``data/owners.json``), and a host
name in a link. Body text that merely cites an outlet ("as Reuters
reported") is never searched; no outlet is better than a wrong one.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from importlib import resources

from .dates import Found
from .linememo import line_memo
from .record import Line

#: How sure each kind of evidence is.
CONFIDENCE_KNOWN = 0.9
CONFIDENCE_TITLE_SUFFIX = 0.7
CONFIDENCE_NEWSLETTER = 0.7
CONFIDENCE_COPYRIGHT = 0.6
CONFIDENCE_HOST = 0.5
#: An outlet's name has at most this many words.
OUTLET_MAX_WORDS = 5

_TITLE_SUFFIX = re.compile(r"\s[|–—-]\s(?P<site>[^|–—-]{2,40})$")
#: An unknown outlet is read only after a bar: "Headline | Outlet"; a dash is as
#: often part of the headline ("Take care - the show goes on").
_SITE_SUFFIX = re.compile(r"\s\|\s(?P<site>[^|]{2,40})$")
#: "© 2019 Foo Media", "Copyright © 2018 Foo, Inc." in the page footer. A year or
#: "All rights reserved" tells the site's notice from a photo credit ("© Ann Lee").
_COPYRIGHT = re.compile(
    r"(?:©|ⓒ|\(c\)|[Cc]opyright|COPYRIGHT)\s*(?:©\s*|[Cc]opyrights?\s*)?"
    r"(?P<year>\d{4}(?:\s*[-–]\s*\d{4})?,?\s*)?(?:[Cc]opyrights?\s+(?:by\s+)?)?"
    # Small words join a name's capitalised ones ("Art of Living Foundation",
    # "Bundesministerium der Justiz und für Verbraucherschutz").
    r"(?P<owner>[A-Z][\w&.'’-]*(?: (?:(?:of|for|and|der|die|des|für|und|de|del|di|du)"
    r" )?[A-Z&][\w&.'’-]*){0,6})"
)
#: A footer's next item, run into the holder's name: "Private Division LLC Powered by
#: Invision", "MNI License Agreement Terms of Use", "Editorial Canelas Condiciones de uso".
_NEXT_ITEM = re.compile(
    r"\s(?:Powered|Privacy|Terms|License|Legal|Cookies?|Contact|Impressum|Datenschutz|"
    r"Kontakt|Condiciones|Aviso|Mentions|Politique|Política)\b.*$"
)
_RIGHTS = re.compile(r"\ball rights reserved\b|\balle rechte\b|\bdroits réservés\b", re.I)
#: "All Rights Reserved" run into the holder's capitalised name ("Foo Media All
#: Rights Reserved", "Foo GmbH Alle Rechte", "Foo All" before a lower-case "rights"),
#: not an "All" inside it ("It's All Trip To Me").
_RIGHTS_RUN_IN = re.compile(r"\.?\s+(?:All(?:\s+Rights\b.*)?|Alle(?:\s+Rechte\b.*)?)$")
#: Words no outlet's name starts with: "Sign up for Our newsletter", "© 2025 All
#: rights reserved", "© 2021 Alle Rechte vorbehalten", "© 2022 Eine Marke der …".
_NOT_A_NAME_START = re.compile(
    r"^(?:our|all|your|my|this|these|every|alle|eine?|notre|nos|tous|"
    r"nuestr[oa]s?|todos|tutti|nostr[oa]|privacy|terms)\b",
    re.IGNORECASE,
)
#: Nor ends with: "Subscribe to Blog Via Email", "© Creative Commons BY".
_NOT_A_NAME_END = re.compile(r"\b(?:via|by|von|par|por|per|and|und|of|the|for)$", re.IGNORECASE)
#: An outlet's name has no digit nor comma ("Januar 2022", "Python, SQL & AI": a
#: headline's second half), and two letters only in capitals ("RT", not "St").
_NOT_A_NAME = re.compile(r"[\d,]|^\W*(?:\w|(?![A-Z]{2})\w\w)?\W*$")
#: Hosts of images and files, not of the outlet: "static6.example.de", "cdn.example.com".
_ASSET_HOST = re.compile(r"^(?:static|cdn|img|images?|media|assets|s|i|files|upload)\d*\.")
#: A host is read from a line like these (a footer's notice or legal links), or when
#: it recurs in the furniture; a host named once in passing may be anyone's.
_SITE_LINE = re.compile(
    r"©|ⓒ|copyright|rights reserved|impressum|imprint|privacy|datenschutz|terms|"
    r"contact|kontakt|about us|newsletter|abonn|subscribe|sign up|start your day",
    re.IGNORECASE,
)
HOST_MIN_LINES = 2
#: A known outlet is read from a furniture line of at most this many words (or a footer's).
KNOWN_MAX_WORDS = 8
#: ... named on this many lines at least, unless one is a notice's or the title's.
KNOWN_MIN_LINES = 2
#: "Sign up for The Daily Planet newsletter", "Subscribe to Planet Weekly".
_NEWSLETTER = re.compile(
    r"\b(?i:sign up for|subscribe to|get)\s+(?i:the\s+)?"
    r"(?P<name>[A-Z][\w&'’.-]*(?:\s+(?:of\s+|the\s+|&\s+)?[A-Z][\w&'’.-]*){0,4})"
    r"(?:'s|’s)?\s+(?i:newsletters?|today|daily|briefing|emails?)\b",
)
#: A host in a link or alone: "https://www.example.com/a", "www.example.com.br", "example.org".
_HOST = re.compile(
    r"(?:https?://|\bwww\.)(?:www\.)?(?P<host>[a-z0-9-]+(?:\.[a-z0-9-]+)+)"
    r"|(?<![\w@./-])(?P<bare>[a-z0-9-]{3,}\.(?:com|org|net|co\.uk|de|fr|es|it|nl|com\.br|com\.au|ch|at|ru|jp|kr|cn|in|ca))(?![\w.-])",
    re.IGNORECASE,
)


def _data(name: str) -> str:
    return resources.files(__package__).joinpath(f"data/{name}").read_text("utf-8")


@lru_cache(maxsize=1)
def publishers() -> list[dict]:
    return json.loads(_data("publishers.json"))["publishers"]


@lru_cache(maxsize=1)
def _owners() -> tuple[dict[str, str | None], re.Pattern, frozenset[str]]:
    """Known owners (→ their outlet, or ``None`` when they own many), company words, platforms."""
    data = json.loads(_data("owners.json"))
    words = data["company_words"]
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")\.?$",
        re.IGNORECASE,
    )
    owners = {name.casefold(): outlet for name, outlet in data["owners"].items()}
    return owners, pattern, frozenset(h.casefold() for h in data["platform_hosts"])


def _naming(names: str, hosts: str) -> str:
    """A pattern for a publisher named by one of ``names`` or a host of ``hosts`` (alternations)."""
    return rf"(?<!\w)(?:{names})(?!\w)|\b(?:{hosts})\b"


@lru_cache(maxsize=1)
def _publisher_names() -> list[tuple[str, str, str]]:
    """``(name, aliases, hosts)`` of every publisher, the last two as alternations."""
    return [
        (
            pub["name"],
            "|".join(re.escape(a) for a in sorted(pub["aliases"], key=len, reverse=True)),
            "|".join(re.escape(d) for d in pub["domains"]),
        )
        for pub in publishers()
    ]


@lru_cache(maxsize=1)
def _publisher_patterns() -> list[tuple[str, re.Pattern]]:
    return [(name, re.compile(_naming(names, hosts))) for name, names, hosts in _publisher_names()]


@lru_cache(maxsize=1)
def _any_publisher() -> re.Pattern:
    """Every publisher's aliases and hosts in one pattern: most lines name none."""
    return re.compile(
        _naming(
            "|".join(names for _, names, _ in _publisher_names()),
            "|".join(hosts for _, _, hosts in _publisher_names()),
        )
    )


@line_memo
def _publisher(text: str) -> str | None:
    """The first known publisher (in ``data/publishers.json`` order) named in ``text``."""
    if _any_publisher().search(text) is None:
        return None
    return next((name for name, pattern in _publisher_patterns() if pattern.search(text)), None)


#: "Get The Times of Israel's Daily Edition", "Subscribe to NJ.com’s newsletters": a
#: prompt's possessive is grammar, not the outlet's name (a title's "| Barron's" is).
_POSSESSIVE = re.compile(r"(?<=\w)['’]s$")


def _outlet(name: str) -> str | None:
    """``name`` as an outlet: a known owner's outlet, ``None`` for a company that owns outlets."""
    name = name.strip(" .,;:")
    owners, company, _ = _owners()
    if name.casefold() in owners:
        return owners[name.casefold()]
    if not name or company.search(name) or len(name.split()) > OUTLET_MAX_WORDS:
        return None
    if _NOT_A_NAME.search(name) or _NOT_A_NAME_START.match(name) or _NOT_A_NAME_END.search(name):
        return None
    return name


@line_memo
def _copyright_owner(text: str) -> str | None:
    """The outlet behind a copyright line ("© 2019 Foo Media. All rights reserved")."""
    if (match := _COPYRIGHT.search(text)) and (match["year"] or _RIGHTS.search(text)):
        owner = re.split(r"\.\s|,\s", _RIGHTS_RUN_IN.sub("", match.group("owner")))[0]
        if owner.casefold().startswith("copyright"):  # "© 2015 Copyright by example.com"
            return None
        return _outlet(_POSSESSIVE.sub("", _NEXT_ITEM.sub("", owner).strip(" .,")))
    return None


@line_memo
def _newsletter(text: str) -> str | None:
    """The outlet a newsletter prompt names ("Sign up for the Daily Planet newsletter")."""
    if match := _NEWSLETTER.search(text):
        return _outlet(_POSSESSIVE.sub("", match["name"]))
    return None


@line_memo
def _host(text: str) -> str | None:
    """A host name in ``text`` (without ``www.``) that is not a social or sharing platform."""
    platforms = _owners()[2]
    for match in _HOST.finditer(text):
        host = (match["host"] or match["bare"]).casefold()
        if host.startswith("www."):
            host = host[4:]
        if _ASSET_HOST.match(host):
            continue
        if not any(host == p or host.endswith("." + p) for p in platforms):
            return host
    return None


#: A line of code or markup names hosts it calls ("curl https://api.example.com/v1",
#: 'fetch("https://example.org/post")'), not the site it is on.
_CODE = re.compile(r"[{};]|\s=\s|</?[a-z]+[\s>]|\(\s*[\"']|^\s*(?:curl|const|let|var|import)\s")


def _host_line(text: str) -> bool:
    """Whether a host in ``text`` may be the site's: not in code."""
    return not _CODE.search(text)


def known_host(host: str) -> str | None:
    """The known outlet whose site ``host`` is (``publishers.json``), or ``None``."""
    for pub in publishers():
        if any(host == d or host.endswith("." + d) for d in pub["domains"]):
            return pub["name"]
    return None


def _named_again(name: str, furniture: list[Line]) -> bool:
    """Whether the furniture names ``name`` too: one word after the headline's bar is
    as often its section ("| Opinion", "| Lehrlinge") as its outlet."""
    folded = name.casefold()
    return any(folded in line.text.casefold() for line in furniture)


def find_source(
    furniture: list[Line], title: str | None, *, caption: Callable[[str], bool] | None = None
) -> Found | None:
    """The outlet, from page furniture (prompts, mastheads, copyright, links) or a title suffix.

    Only removed lines are searched: an outlet cited in the body ("As Mic
    reports") is a source *of* the article, not its publisher; nor are
    lines ``caption`` (a test for photo captions and credits) accepts.
    """

    # A caption credits a photo to an agency or a photographer, not the page to its
    # outlet. Asked only of a line that names something: the test is slow.
    def credit(line: Line) -> bool:
        return caption is not None and line.number != 0 and caption(line.text)

    candidates = list(furniture)
    if title and (suffix := _TITLE_SUFFIX.search(title)):
        candidates.insert(0, Line(0, suffix.group("site")))
    known = [
        (name, line)
        for line in candidates
        # A known outlet named in a long line is as often cited as publishing.
        if (len(line.text.split()) <= KNOWN_MAX_WORDS or _SITE_LINE.search(line.text))
        and (name := _publisher(line.text)) is not None
        and not credit(line)
    ]
    # Named once in passing, an outlet is as often a wire agency's credit or a
    # related link's ("Associated Press November 19, 2019", "More From CNN").
    if vouched := _vouched(known, KNOWN_MIN_LINES):
        name, line = vouched
        return Found(name, line.number, line.text, CONFIDENCE_KNOWN)
    if (
        title
        and (suffix := _SITE_SUFFIX.search(title))
        and (name := _outlet(suffix["site"]))
        and (" " in name or _named_again(name, furniture))
    ):
        return Found(name, 0, title, CONFIDENCE_TITLE_SUFFIX)
    finders = (
        (_newsletter, CONFIDENCE_NEWSLETTER),
        (_copyright_owner, CONFIDENCE_COPYRIGHT),
    )
    for finder, confidence in finders:
        for line in furniture:
            if (name := finder(line.text)) is not None and not credit(line):
                return Found(name, line.number, line.text, confidence)
    hosts = [
        (host, line)
        for line in furniture
        if (host := _host(line.text)) is not None and _host_line(line.text) and not credit(line)
    ]
    if vouched := _vouched(hosts, HOST_MIN_LINES):
        host, line = vouched
        return Found(known_host(host) or host, line.number, line.text, CONFIDENCE_HOST)
    return None


def _vouched(named: list[tuple[str, Line]], min_lines: int) -> tuple[str, Line] | None:
    """The first ``(name, line)`` the page vouches for as its own: the name is on
    ``min_lines`` lines or more, or its line is a notice (©, contact, newsletter)
    or the title's suffix (line 0)."""
    counts = Counter(name for name, _ in named)
    return next(
        (
            (name, line)
            for name, line in named
            if counts[name] >= min_lines or line.number == 0 or _SITE_LINE.search(line.text)
        ),
        None,
    )
