"""A key for each page: a digest of everything its templates can read.

A warm build rendered every page again, and after an edit to one seed nearly
all of them came out as they were. A page whose key is the same as when the
previous site's copy was written is now kept (``reuse.Manifest``) unrendered.

What a key covers:

- the page's templates (every template it extends, includes or imports,
  found in their syntax trees), Pelican's, Jinja's and the plugin's code,
  the Jinja environment's filters, tests and globals, and the settings but
  :data:`VOLATILE_SETTINGS`;
- the page's path, and the ``localsiteurl`` its links are written from;
- each name its templates read from the page's context: the whole value, or
  only the attributes read (``digest.search_url``) where the templates read
  nothing else of it, followed :data:`PAGE_DEPTH` levels deep
  (:class:`ValueDigests`, each object digested once a build);
- of the article a page shows: what its reader made (the plugin's
  ``content_digest``), and everything set on it since (URL, neighbours,
  related articles, story, week, entities); of each article that reaches, or
  a listing shows: its URL, what its reader made, and its tags, authors and
  source. A week, entity or story an article links to counts by what names
  it (``page_key_fields``).

So a theme may show, for an article's neighbours, related articles, story
members or the articles of a listing, anything their readers made, but not
what was set on them later (a neighbour's own story): that is a level
further, and not in the key. A page is not keyed, and so always rendered, if
a template's name is not a constant, a value holds itself, or a page's text
holds Pelican's ``{filename}`` links (its HTML depends on other content's URLs).

Files written beside the pages are keyed too (``writer.save_text``,
``save_copy``): by their text, by the identity of the file copied, or by the
article they are made from.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import marshal
import types
from functools import lru_cache

import jinja2
import pelican
from jinja2 import meta, nodes
from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

from . import curation
from .workers import fork_map

#: Settings that say where a build goes, not what it holds: they change every build.
VOLATILE_SETTINGS = frozenset({"OUTPUT_PATH", "NEWS_DIGEST_PREVIOUS_SITE"})

#: A content object's attributes that its reader's digest or the page key covers already.
COVERED_ATTRIBUTES = frozenset({"_content", "metadata", "_context", "settings"})

#: Attributes holding Pelican's objects for names the reader gave: a tag's slug
#: may be changed after reading (``distinct_tag_slugs``), so they are always digested.
RENAMED_ATTRIBUTES = ("tags", "authors", "author", "category")

#: How deep a page's values are followed (``ValueDigests``): an article with
#: what links from it, a list of articles each with its tags and source.
PAGE_DEPTH = 1

#: Marks a name read only as ``name is defined``.
DEFINED = object()

_MISSING = b"\x00missing"
_DIGEST_SIZE = 16


class Unkeyable(Exception):
    """The page cannot be keyed soundly: render it."""


def _combine(parts: list) -> bytes:
    """A digest of ``parts`` (plain values, digests), encoded by ``marshal``: types stay apart."""
    return hashlib.blake2b(
        marshal.dumps(parts, _MARSHAL_VERSION), digest_size=_DIGEST_SIZE
    ).digest()


_NAMES: dict[type, str] = {}


def _name(kind) -> str:
    found = _NAMES.get(kind)
    if found is None:
        found = _NAMES[kind] = f"{kind.__module__}.{kind.__qualname__}"
    return found


# -- what templates read ------------------------------------------------------


def template_reads(environment, name: str) -> tuple[bytes, dict]:
    """The sources of ``name`` and every template it uses, and what they read from the context.

    Returns a digest of the sources and ``{name: attributes}``, where
    ``attributes`` is ``None`` for a name read whole, else the set of its
    attributes read (and :data:`DEFINED` for ``name is defined``).
    Raises :class:`Unkeyable` if a template is chosen at render time.
    """
    sources, reads = [], {}
    todo, seen = [name], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        source = environment.loader.get_source(environment, current)[0]
        sources += [current, source]
        tree = environment.parse(source)
        for used in meta.find_referenced_templates(tree):
            if used is None:
                raise Unkeyable(f"{current} uses a template named at render time")
            todo.append(used)
        _collect_reads(tree, None, meta.find_undeclared_variables(tree), reads)
    return _combine(sources), reads


def _collect_reads(node, parent, free: set, reads: dict) -> None:
    """Add to ``reads`` how the context names in ``free`` are read below ``node``.

    A name a template also binds itself (a macro's parameter, a loop's
    variable) may count as read whole where it is the local: more than
    needed, never less.
    """
    if isinstance(node, nodes.Name) and node.ctx == "load" and node.name in free:
        attributes = reads.get(node.name, set())
        if attributes is not None:
            if isinstance(parent, nodes.Getattr) and parent.node is node:
                attributes.add(parent.attr)
            elif (
                isinstance(parent, nodes.Getitem)
                and parent.node is node
                and isinstance(parent.arg, nodes.Const)
                and isinstance(parent.arg.value, str)
            ):
                attributes.add(parent.arg.value)
            elif isinstance(parent, nodes.Test) and parent.name in ("defined", "undefined"):
                attributes.add(DEFINED)
            else:
                attributes = None
            reads[node.name] = attributes
    for child in node.iter_child_nodes():
        _collect_reads(child, node, free, reads)


# -- digests of values --------------------------------------------------------

_PLAIN = (str, bytes, int, float, complex, bool, type(None), dt.date, dt.time, dt.timedelta)
#: Plain values that stand for themselves in a digest (``marshal`` tells their types apart).
_AS_IS = frozenset({str, int, float, complex, bool, type(None)})
_CODE = (
    types.FunctionType,
    types.BuiltinFunctionType,
    types.MethodDescriptorType,
    types.WrapperDescriptorType,
    type,
)


class ValueDigests:
    """Digests of the values pages read, each object digested once per depth.

    ``depth`` is how many more levels are followed (an attribute, or an item
    of a collection, is a level deeper; at depth 0 collections are still
    followed):

    - a content object counts by its URL, what its reader made and its tags,
      authors and source (:meth:`_linked`); from depth 1 also by every
      attribute set on it since (neighbours, story, week…);
    - what such an attribute holds is a *link* from the content object: an
      object that is the subject of a page of its own (a week, an entity, a
      story) names in ``page_key_fields`` what counts as a link to it.
      Otherwise an article linking to an entity would count with every
      article of the entity. Anywhere else (a page's subject, an index of
      entities) all its attributes count;
    - another object counts by its attributes, and at depth 0 by those that
      are plain values or collections.

    Objects are remembered by identity, and kept referenced so that no
    identity is reused while they are remembered: one instance serves one
    build, whose objects do not change once its pages are being written.
    """

    def __init__(self, settings):
        self.settings = settings
        self._memo: dict[tuple, tuple] = {}

    def of(self, value, depth: int = 0, link: bool = False):
        """``value``'s digest, objects' attributes followed ``depth`` levels deep.

        ``link``: ``value`` is held by a content object's attribute.
        """
        kind = type(value)
        if kind in _AS_IS:
            return value
        if isinstance(value, _PLAIN):  # bytes, dates, a str subclass (Markup): named apart
            return (_name(kind), repr(value))
        if isinstance(value, jinja2.Undefined):
            return _MISSING
        if isinstance(value, Content):
            link = False  # counts the same wherever it is held
        elif isinstance(value, URLWrapper):
            depth, link = 0, False  # a name and a slug
        memo_key = (id(value), depth, link)
        found = self._memo.get(memo_key)
        if found is not None:
            if found[1] is None:
                raise Unkeyable(f"{type(value).__name__} holds itself")
            return found[1]
        self._memo[memo_key] = (value, None)
        try:
            digest = self._object(value, depth, link)
        except BaseException:
            del self._memo[memo_key]
            raise
        self._memo[memo_key] = (value, digest)
        return digest

    def knows(self, content: Content, depth: int) -> bool:
        return (id(content), depth, False) in self._memo

    def remember(self, content: Content, depth: int, digest: bytes) -> None:
        self._memo[(id(content), depth, False)] = (content, digest)

    def _object(self, value, depth: int, link: bool) -> bytes:
        if value is self.settings:
            return b"settings"  # in every page's key already
        if isinstance(value, Content):
            return self._content(value, depth) if depth else self._linked(value)
        kind = type(value)
        if kind in _MARSHALLED:
            try:  # plain data all through: one call in C
                return _combine([b"marshal", marshal.dumps(value, _MARSHAL_VERSION)])
            except ValueError:
                pass  # it holds objects
        inner = max(depth - 1, 0)  # an item of a collection is one level deeper
        if isinstance(value, list | tuple):
            return _combine([_name(kind), *(self.of(item, inner, link) for item in value)])
        if isinstance(value, dict):
            parts = [_name(kind)]
            for key, item in value.items():
                parts += [self.of(key, inner, link), self.of(item, inner, link)]
            return _combine(parts)
        if isinstance(value, set | frozenset):
            items = (marshal.dumps(self.of(item, inner, link), _MARSHAL_VERSION) for item in value)
            return _combine([_name(kind), *sorted(items)])
        if isinstance(value, types.MethodType):
            return _combine(
                [b"method", self.of(value.__func__), self.of(value.__self__, depth, link)]
            )
        if isinstance(value, types.BuiltinMethodType) and not isinstance(
            value.__self__, types.ModuleType
        ):
            return _combine(
                [b"builtin method", value.__name__, self.of(value.__self__, depth, link)]
            )
        if isinstance(value, functools.partial):
            return _combine(
                [
                    b"partial",
                    self.of(value.func),
                    self.of(value.args, depth),
                    self.of(value.keywords, depth),
                ]
            )
        if isinstance(value, _CODE):
            return _combine([b"code", value.__module__, value.__qualname__])
        if isinstance(value, types.ModuleType):
            return _combine([b"module", value.__name__])
        if isinstance(value, URLWrapper):
            return _combine([_name(kind), self.of(value.name), self.of(value.slug)])
        if hasattr(value, "tobytes") and hasattr(value, "dtype"):  # a numpy array
            return _combine([_name(kind), str(value.dtype), value.shape, value.tobytes()])
        if callable(
            value
        ):  # a function object (a macro cache): what it returns is keyed by its arguments
            return _combine([b"callable", _name(kind)])
        named = getattr(kind, "page_key_fields", None) if link else None
        if named is not None:
            fields = {name: getattr(value, name) for name in named}
        else:
            fields = getattr(value, "__dict__", None)
            if fields is None:
                fields = {
                    name: getattr(value, name) for name in _slots(kind) if hasattr(value, name)
                }
                if not fields:  # nothing to go through: what it prints as (unstable if an address)
                    return _combine([_name(kind), repr(value)])
        parts = [_name(kind)]
        for name, item in fields.items():
            if depth or isinstance(item, _FOLLOWED_AT_DEPTH_0):
                parts += [name, self.of(item, max(depth - 1, 0))]
        return _combine(parts)

    def _read(self, content: Content) -> bytes:
        """What ``content``'s reader made: the plugin's digest of it, else its text and metadata."""
        found = content.metadata.get("content_digest")
        if isinstance(found, bytes):
            return found
        return _combine([self.of(content._content), self.of(content.metadata)])

    def _linked(self, content: Content) -> bytes:
        """A content object counted by its URL, what its reader made, its tags, authors, source."""
        parts = [b"linked", _name(type(content)), content.url, self._read(content)]
        fields = content.__dict__
        for name in RENAMED_ATTRIBUTES:
            if name in fields:
                parts += [name, self._names(fields[name])]
        return _combine(parts)

    def _names(self, value):
        """Tags, authors or a source: each a name and a slug (what its URL is made from)."""
        if isinstance(value, URLWrapper):
            return (_name(type(value)), value.name, value.slug)
        if type(value) is list and all(isinstance(item, URLWrapper) for item in value):
            return [(_name(type(item)), item.name, item.slug) for item in value]
        return self.of(value)

    def _content(self, content: Content, depth: int) -> bytes:
        """A content object counted also by every attribute set on it since reading."""
        read = content.metadata
        if "content_digest" not in read:
            linking = content._get_intrasite_link_regex()
            if any(linking.search(text or "") for text in (content._content, read.get("summary"))):
                # Pelican writes its links from other content's URLs.
                raise Unkeyable(f"{content.source_path} links to other content")
        parts = [b"content", _name(type(content)), self._read(content)]
        for name, value in content.__dict__.items():
            if name in COVERED_ATTRIBUTES:
                continue
            if read.get(name, _MISSING) is value and name not in RENAMED_ATTRIBUTES:
                continue  # as read: in the reader's digest
            parts += [name, value if type(value) in _AS_IS else self.of(value, depth - 1, True)]
        if content.settings is not self.settings:
            parts.append(self.settings_digest(content.settings))
        return _combine(parts)

    def settings_digest(self, settings: dict) -> bytes:
        """The digest of ``settings``, but for :data:`VOLATILE_SETTINGS`."""
        memo_key = (id(settings), "settings")
        found = self._memo.get(memo_key)
        if found is None:
            kept = {
                name: value for name, value in settings.items() if name not in VOLATILE_SETTINGS
            }
            found = self._memo[memo_key] = (settings, self.of(kept, PAGE_DEPTH))
        return found[1]


#: Collections that ``marshal`` encodes when they hold only plain data; it
#: refuses subclasses (``Markup``, named tuples), so types are kept apart.
_MARSHALLED = frozenset({list, tuple, dict})
#: The last version without back-references, which depend on object identity.
_MARSHAL_VERSION = 2

#: At depth 0 an object counts by its plain values and collections, not by other objects.
_FOLLOWED_AT_DEPTH_0 = (*_PLAIN, list, tuple, dict, set, frozenset, Content)


@lru_cache(maxsize=256)
def _slots(kind) -> tuple[str, ...]:
    names = (name for klass in kind.__mro__ for name in getattr(klass, "__slots__", ()))
    return tuple(name for name in names if not name.startswith("__"))


# -- page keys ----------------------------------------------------------------


@lru_cache(maxsize=1)
def _versions() -> bytes:
    return f"{pelican.__version__} {jinja2.__version__} {curation.code_fingerprint()}".encode()


def _attribute_order(attribute) -> tuple[bool, str]:
    """``name is defined`` first, then the attributes by name (the same in every process)."""
    return (attribute is not DEFINED, "" if attribute is DEFINED else attribute)


class PageKeys:
    """Keys for the pages and files of one build (:meth:`key`, :meth:`file_key`)."""

    def __init__(self, settings):
        self.values = ValueDigests(settings)
        self._templates: dict[str, tuple] = {}
        self._base = None

    def _settings_digest(self) -> bytes:
        return self.values.settings_digest(self.values.settings)

    def _template(self, template) -> tuple:
        found = self._templates.get(template.name)
        if found is None:
            environment = template.environment
            try:
                sources, reads = template_reads(environment, template.name)
                code = self.values.of([environment.filters, environment.tests, environment.globals])
                found = (_combine([_versions(), self._settings_digest(), code, sources]), reads)
            except Unkeyable:
                found = (None, None)
            self._templates[template.name] = found
        return found

    def digest_articles(self, articles, workers: int, fewest: int) -> None:
        """Digest ``articles`` (the site's) on every core, before any page is keyed.

        Digesting the articles is most of what keying costs. Done here, once,
        before the workers that write the pages are forked, each is digested
        once rather than once in each worker that keys a page showing it.
        Fewer than ``fewest`` are left to be digested where they are needed.
        """
        values = self.values
        todo = [article for article in articles if not values.knows(article, PAGE_DEPTH)]
        if len(todo) < fewest or workers < 2:
            return
        digests = fork_map(
            lambda number: self._digest(todo[number]), range(len(todo)), workers, 256
        )
        for article, digest in zip(todo, digests, strict=True):
            if digest is not None:
                values.remember(article, PAGE_DEPTH, digest)

    def _digest(self, content) -> bytes | None:
        try:
            return self.values.of(content, PAGE_DEPTH)
        except Unkeyable:
            return None

    def item_key(self, item, *place) -> bytes | None:
        """The key of a text made from ``item`` (an article) at ``place`` (``memo.Pieces``)."""
        try:
            return _combine([self._base_digest(), self.values.of(item, PAGE_DEPTH), *place])
        except Unkeyable:
            return None

    def _base_digest(self) -> bytes:
        if self._base is None:
            self._base = _combine([_versions(), self._settings_digest()])
        return self._base

    def file_key(self, path: str, kind: str, source) -> bytes | None:
        """The key of a file written beside the pages (``writer.save_text``, ``save_copy``).

        ``kind`` says what ``source`` is: ``"text"``, the file's bytes;
        ``"copy"``, the identity of the file copied; ``"made"``, the value the
        file's text is made from (with the settings and the plugin's code).
        """
        try:
            if kind == "text":
                source = hashlib.blake2b(source, digest_size=_DIGEST_SIZE).digest()
            elif kind == "made":
                source = self.values.of(source, PAGE_DEPTH)
        except Unkeyable:
            return None
        return _combine([self._base_digest(), path, kind, source])

    def key(self, template, localcontext: dict, path: str, siteurl) -> bytes | None:
        """The key of the page at ``path`` (in the output folder); None if it has none."""
        if getattr(template, "name", None) is None:
            return None
        base, reads = self._template(template)
        if base is None:
            return None
        values = self.values
        parts = [base, path, values.of(siteurl)]
        try:
            for name, attributes in reads.items():
                value = localcontext.get(name, _MISSING)
                parts.append(name)
                if value is _MISSING:
                    parts.append(_MISSING)
                elif attributes is None or isinstance(value, Content | URLWrapper):
                    parts.append(values.of(value, PAGE_DEPTH))
                else:
                    for attribute in sorted(attributes, key=_attribute_order):
                        if attribute is DEFINED:
                            parts.append(b"defined")
                            continue
                        found = template.environment.getattr(value, attribute)
                        parts += [attribute, values.of(found, PAGE_DEPTH)]
        except Unkeyable:
            return None
        return _combine(parts)
