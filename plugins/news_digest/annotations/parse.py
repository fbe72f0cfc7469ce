"""Annotation files: YAML front matter + a Markdown note, one file per seed.

A malformed file never stops the build: what can be read is kept, and every
problem becomes a warning naming the file, the line when known, and the fix.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml

FENCE = "---"

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


def load_annotation(path: Path) -> Annotation:
    """Read ``path``; unreadable bytes become a warning, not an exception."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        annotation = Annotation(str(path))
        annotation.warn(f"cannot read the file ({error}); save it as UTF-8 text")
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


def parse_annotation(text: str, path: str = "<annotation>") -> Annotation:
    annotation = Annotation(path)
    front, note = _split(text, annotation)
    annotation.note = note.strip()
    if not front.strip():
        return annotation
    try:
        data = yaml.safe_load(front)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None  # +1 fence, +1 one-based
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        annotation.warn(
            f"the front matter is not valid YAML ({problem}); fix it or remove the file",
            line,
        )
        return annotation
    if not isinstance(data, dict):
        annotation.warn("the front matter must be 'key: value' lines", 2)
        return annotation
    _read_fields(data, annotation)
    return annotation


def _read_fields(data: dict, annotation: Annotation) -> None:
    for key in data:
        if key not in KNOWN_KEYS:
            annotation.warn(
                f"unknown key {key!r} ignored; known keys: {', '.join(sorted(KNOWN_KEYS))}"
            )
    for key in LIST_KEYS:
        if key not in data or data[key] is None:
            continue
        value = data[key]
        if isinstance(value, str | int | float):
            value = [value]
        kind = "lines of the seed, as text" if key in LINE_KEYS else "names"
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            annotation.warn(f"{key!r} must be a list of {kind} (quote numbers); ignored")
            continue
        setattr(annotation, key, [v.strip() for v in value if v.strip()])
    for key in TEXT_KEYS:
        if data.get(key) is not None:
            if isinstance(data[key], str) and data[key].strip():
                setattr(annotation, key, data[key].strip())
            else:
                annotation.warn(f"{key!r} must be a line of text; ignored")
    if data.get("date") is not None:
        annotation.date = _date(data["date"], annotation)
    annotation.highlights = _highlights(data.get("highlights"), annotation)


def _date(value, annotation: Annotation) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        annotation.warn(f"date {value!r} is not YYYY-MM-DD; ignored")
        return None


def _highlights(value, annotation: Annotation) -> list[Highlight]:
    if value is None:
        return []
    if not isinstance(value, list):
        annotation.warn("'highlights' must be a list of '- quote: …' entries; ignored")
        return []
    highlights = []
    for number, item in enumerate(value, start=1):
        if isinstance(item, str):
            item = {"quote": item}
        quote = item.get("quote") if isinstance(item, dict) else None
        if not isinstance(quote, str) or not quote.strip():
            annotation.warn(f"highlight {number} has no 'quote' text; ignored")
            continue
        fields = {}
        for key in ("comment", "prefix", "suffix"):
            text = item.get(key) or ""
            if not isinstance(text, str):
                annotation.warn(f"highlight {number}: {key!r} must be text; ignored")
                text = ""
            fields[key] = text
        highlights.append(Highlight(" ".join(quote.split()), **fields))
    return highlights
