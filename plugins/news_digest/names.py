"""Names that become paths: one slug function for every page kind, one registry for the site.

Every name that ends up in a file name (an article's title; a tag, author,
source, person, organisation or place; a story) goes through :func:`slug`,
which

* drops invisible format characters (bidi overrides, zero-width marks) and
  control characters, which would spoof or break a file name;
* writes non-Latin scripts in Latin letters (``unidecode``) so a URL can be
  read, except Japanese: ``unidecode`` reads kanji as Chinese, so a Japanese
  name keeps its own characters (the browser percent-encodes them, and the
  file name is the UTF-8 the link asks for, from ``file://`` too);
* never returns an empty name, nor one of dots only, nor one starting with a
  dot (a hidden file): those fall back to ``<kind>-<hash>``;
* is at most :data:`DEFAULT_MAX_NAME_BYTES` bytes of UTF-8, cut at a
  character and ended with a short hash of the whole name, so two long names
  that begin alike stay apart (file systems allow 255 bytes a name).

:class:`UrlRegistry` then hands out the output files of the whole site: a
page of any kind that would take a file another page has gets ``-2``,
``-3``… in the order it is asked, which the callers keep stable (by seed
path, by name), so a warm build names every page as a fresh one does.
"""

from __future__ import annotations

import hashlib
import re

from pelican.utils import slugify

from .cleaner.normalise import visible_text

#: A file name made from a name is at most this many bytes of UTF-8 (before
#: a ``-2`` the registry may add, and the extension): far below the 255 bytes
#: file systems allow, and a readable URL.
DEFAULT_MAX_NAME_BYTES = 120
#: Hex digits of the hash that ends a cut name or stands in for an empty one.
HASH_CHARS = 8

#: Kana: a name with any is Japanese, whatever the article's language says.
_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
#: Languages whose names keep their own characters (see the module).
KEEP_SCRIPT_LANGUAGES = frozenset({"ja"})
_DOTS_AND_DASHES = re.compile(r"^[.\-_~\s]*$")


def name_hash(text: str) -> str:
    """A short, stable hash of ``text`` (the same in every build and process)."""
    data = text.encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16).hexdigest()[:HASH_CHARS]


def bound_bytes(name: str, limit: int = DEFAULT_MAX_NAME_BYTES, whole: str | None = None) -> str:
    """``name`` if it fits in ``limit`` bytes of UTF-8; else cut at a character
    and ended with ``-`` and the hash of ``whole`` (the uncut name by default)."""
    if len(name.encode("utf-8", "surrogatepass")) <= limit:
        return name
    suffix = "-" + name_hash(whole if whole is not None else name)
    room = limit - len(suffix)
    cut = name.encode("utf-8", "surrogatepass")[:room].decode("utf-8", "ignore")
    return cut.rstrip("-_. ") + suffix


def keeps_script(text: str, language: str | None) -> bool:
    """Whether ``text`` keeps its own characters in a slug (Japanese)."""
    return (language or "").split("-")[0].lower() in KEEP_SCRIPT_LANGUAGES or bool(
        _KANA.search(text)
    )


def slug(
    name: str,
    settings=None,
    *,
    language: str | None = None,
    kind: str = "page",
    limit: int = DEFAULT_MAX_NAME_BYTES,
) -> str:
    """The file-name-safe slug of ``name`` (see the module): never empty, bounded in bytes.

    ``settings`` gives Pelican's ``SLUG_REGEX_SUBSTITUTIONS`` and
    ``SLUGIFY_PRESERVE_CASE``; ``kind`` names the fallback (``tag-1a2b3c4d``).
    """
    settings = settings or {}
    text = visible_text(name)
    made = slugify(
        text,
        regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", DEFAULT_SUBSTITUTIONS),
        preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
        use_unicode=settings.get("SLUGIFY_USE_UNICODE", False) or keeps_script(text, language),
    )
    made = made.replace("/", "-").replace("\\", "-").lstrip(".")
    if _DOTS_AND_DASHES.match(made):
        return f"{kind}-{name_hash(name)}"
    return bound_bytes(made, limit, whole=name)


#: Pelican's own default substitutions, for callers without settings.
DEFAULT_SUBSTITUTIONS = [
    (r"[^\w\s-]", ""),
    (r"(?u)\A\s*", ""),
    (r"(?u)\s*\Z", ""),
    (r"[-\s]+", "-"),
]


def is_valid_slug(name: str, limit: int = DEFAULT_MAX_NAME_BYTES) -> bool:
    """Whether ``name`` is already what :func:`slug` makes: one path part, not
    hidden, not empty or dots only, within ``limit`` bytes, nothing invisible."""
    return (
        bool(name)
        and not _DOTS_AND_DASHES.match(name)
        and not name.startswith(".")
        and "/" not in name
        and "\\" not in name
        and len(name.encode("utf-8", "surrogatepass")) <= limit
        and visible_text(name) == name
        and " " not in name
    )


class UrlRegistry:
    """The site's output files, each given to one page (see the module).

    Paths are compared case-folded: on a case-insensitive disk ``Foo.html``
    and ``foo.html`` are one file.
    """

    def __init__(self):
        self._owners: dict[str, object] = {}

    def reserve(self, path: str, owner: object = None) -> None:
        """Take ``path`` for a page whose name is fixed (``index.html``, a week)."""
        self._owners.setdefault(path.casefold(), owner if owner is not None else path)

    def claim(self, base: str, pattern: str, owner: object) -> str:
        """The slug, ``base`` or ``base-N`` with the lowest free N from 2, whose
        file (``pattern`` formatted with ``slug=``) no other owner has; taken for ``owner``.

        The same owner asking again gets the slug it was given.
        """
        candidate, number = base, 2
        while True:
            key = pattern.format(slug=candidate).casefold()
            holder = self._owners.get(key)
            if holder is None or holder == owner:
                self._owners[key] = owner
                return candidate
            candidate, number = f"{base}-{number}", number + 1

    def release(self, path: str, owner: object) -> None:
        """Give ``path`` back, if ``owner`` holds it."""
        if self._owners.get(path.casefold()) == owner:
            del self._owners[path.casefold()]

    def __contains__(self, path: str) -> bool:
        return path.casefold() in self._owners

    def __len__(self) -> int:
        return len(self._owners)


#: The context key of the build's registry (:func:`registry`).
REGISTRY_KEY = "news_digest_urls"


def registry(context) -> UrlRegistry:
    """The build's registry, kept in Pelican's context (shared by the generators)."""
    found = context.get(REGISTRY_KEY)
    if found is None:
        found = context[REGISTRY_KEY] = UrlRegistry()
    return found
