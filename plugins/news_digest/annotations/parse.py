"""Annotation files: YAML front matter + a Markdown note, one file per seed.

A malformed file never stops the build: what can be read is kept, and every
problem becomes a warning naming the file, the line when known, and the fix.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..cleaner.normalise import visible_text
from .yamlsafe import YamlProblem, line_of, loads, read_text

FENCE = "---"
#: An annotation file larger than this is not read (a note is a few paragraphs).
DEFAULT_MAX_ANNOTATION_BYTES = 256 * 1024
#: A title, source, tag or author name longer than this is refused.
MAX_NAME_CHARS = 1000
#: The years the site shows: a date outside them (a typo, ``9999-12-31``) is
#: refused, and week pages need a year with a week after it.
MIN_YEAR, MAX_YEAR = 1800, 2199

#: Front-matter keys and the type each must have.
LIST_KEYS = ("tags", "remove_tags", "authors", "keep_lines", "drop_lines")
#: Lines the cleaner must keep or drop are given by their text, as the seed has it.
LINE_KEYS = ("keep_lines", "drop_lines")
TEXT_KEYS = ("title", "source")
KNOWN_KEYS = frozenset((*LIST_KEYS, *TEXT_KEYS, "date", "highlights"))


@dataclass(frozen=True)
class Highlight:
    """A passage the curator marks, found again by its quote (and context)."""

    quote: str
    comment: str = ""
    prefix: str = ""
    suffix: str = ""


@dataclass
class Annotation:
    path: str
    note: str = ""
    tags: list[str] = field(default_factory=list)
    remove_tags: list[str] = field(default_factory=list)
    highlights: list[Highlight] = field(default_factory=list)
    title: str | None = None
    date: dt.date | None = None
    authors: list[str] | None = None
    source: str | None = None
    keep_lines: list[str] = field(default_factory=list)
    drop_lines: list[str] = field(default_factory=list)
    #: What is wrong with the file, as ``(line or None, message)``.
    problems: list[tuple[int | None, str]] = field(default_factory=list)

    def warn(self, message: str, line: int | None = None) -> None:
        self.problems.append((line, message))

    @property
    def warnings(self) -> list[str]:
        """The problems as ``path:line: message`` lines."""
        return [
            f"{self.path}:{line}: {message}" if line else f"{self.path}: {message}"
            for line, message in self.problems
        ]


def load_annotation(path: Path, limit: int = DEFAULT_MAX_ANNOTATION_BYTES) -> Annotation:
    """Read ``path`` (a regular file of at most ``limit`` bytes); what is wrong
    with it becomes a warning, not an exception."""
    try:
        text = read_text(path, limit)
    except YamlProblem as problem:
        annotation = Annotation(str(path))
        annotation.warn(f"{problem.message}; the annotation is not used")
        return annotation
    return parse_annotation(text, str(path))


def _split(text: str, annotation: Annotation) -> tuple[str, str]:
    """(front matter, note). A file without a ``---`` fence is all note."""
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    if not lines or lines[0].strip() != FENCE:
        return "", text
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == FENCE:
            return "".join(lines[1:index]), "".join(lines[index + 1 :])
    annotation.warn(
        "the front matter opened with '---' on line 1 is never closed; "
        "add a line '---' after the last key",
        1,
    )
    return "", ""


#: Dropped from the whole file: control characters (a NUL in a page) and the
#: bidi embeddings, overrides and isolates that reorder the text after them.
_DROPPED = dict.fromkeys(
    [
        *(c for c in range(32) if chr(c) not in "\t\n\r"),
        0x7F,
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    ]
)


def parse_annotation(text: str, path: str = "<annotation>") -> Annotation:
    text = text.translate(_DROPPED)
    annotation = Annotation(path)
    front, note = _split(text, annotation)
    annotation.note = note.strip()
    if not front.strip():
        return annotation
    try:
        loaded = loads(front)
    except YamlProblem as problem:
        line = problem.line + 1 if problem.line else None  # the fence is line 1
        annotation.warn(
            f"the front matter is {problem.message}; fix it or remove the file"
            if problem.message.startswith("not valid YAML")
            else f"the front matter is not used: {problem.message}; fix it or remove the file",
            line,
        )
        return annotation
    data = loaded.data
    if not isinstance(data, dict):
        annotation.warn("the front matter must be 'key: value' lines", 2)
        return annotation

    def line(key):
        found = line_of(loaded.node, key)
        return found + 1 if found else None

    _read_fields(data, annotation, line)
    return annotation


def _read_fields(data: dict, annotation: Annotation, line=lambda key: None) -> None:
    for key in data:
        if key not in KNOWN_KEYS:
            annotation.warn(
                f"unknown key {str(key)[:80]!r} ignored; known keys: "
                f"{', '.join(sorted(KNOWN_KEYS))}",
                line(key),
            )
    for key in LIST_KEYS:
        if key not in data or data[key] is None:
            continue
        value = data[key]
        if isinstance(value, str):
            value = [value]
        kind = "lines of the seed, as text" if key in LINE_KEYS else "names"
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            annotation.warn(f"{key!r} must be a list of {kind} (quote numbers); ignored", line(key))
            continue
        if key not in LINE_KEYS:
            value = [visible_text(v) for v in value]
            if any(len(v) > MAX_NAME_CHARS for v in value):
                annotation.warn(
                    f"{key!r}: a name longer than {MAX_NAME_CHARS} characters is ignored",
                    line(key),
                )
                value = [v for v in value if len(v) <= MAX_NAME_CHARS]
        setattr(annotation, key, [v.strip() for v in value if v.strip()])
    for key in TEXT_KEYS:
        if data.get(key) is not None:
            text = visible_text(data[key]) if isinstance(data[key], str) else ""
            if not text:
                annotation.warn(f"{key!r} must be a line of text; ignored", line(key))
            elif len(text) > MAX_NAME_CHARS:
                annotation.warn(
                    f"{key!r} is longer than {MAX_NAME_CHARS} characters; ignored", line(key)
                )
            else:
                setattr(annotation, key, text)
    if data.get("date") is not None:
        annotation.date = _date(data["date"], annotation, line("date"))
    annotation.highlights = _highlights(data.get("highlights"), annotation, line("highlights"))


def _date(value, annotation: Annotation, line: int | None = None) -> dt.date | None:
    text = str(value).strip()[:40]
    if not isinstance(value, str) or len(text) != 10:
        annotation.warn(f"date {text!r} is not YYYY-MM-DD; ignored", line)
        return None
    try:
        date = dt.date.fromisoformat(text)
    except ValueError:
        annotation.warn(f"date {text!r} is not a real date (YYYY-MM-DD); ignored", line)
        return None
    if not MIN_YEAR <= date.year <= MAX_YEAR:
        annotation.warn(
            f"date {text!r} is outside the years the site shows ({MIN_YEAR}–{MAX_YEAR}); ignored",
            line,
        )
        return None
    return date


def _highlights(value, annotation: Annotation, line: int | None = None) -> list[Highlight]:
    if value is None:
        return []
    if not isinstance(value, list):
        annotation.warn("'highlights' must be a list of '- quote: …' entries; ignored", line)
        return []
    highlights = []
    for number, item in enumerate(value, start=1):
        if isinstance(item, str):
            item = {"quote": item}
        quote = item.get("quote") if isinstance(item, dict) else None
        if not isinstance(quote, str) or not quote.strip():
            annotation.warn(f"highlight {number} has no 'quote' text; ignored", line)
            continue
        fields = {}
        for key in ("comment", "prefix", "suffix"):
            text = item.get(key) or ""
            if not isinstance(text, str):
                annotation.warn(f"highlight {number}: {key!r} must be text; ignored", line)
                text = ""
            fields[key] = text
        highlights.append(Highlight(" ".join(quote.split()), **fields))
    return highlights
