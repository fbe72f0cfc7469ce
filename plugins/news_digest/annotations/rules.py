"""Tagging rules: one YAML file of conditions → tags, like wallabag's tagging rules.

::

    rules:
      - tags: [Gun policy]
        if:
          body: "gun control|shooting"     # a regular expression, case ignored
          source: Talking Points Memo       # every condition must hold
      - tags: [Long read]
        if:
          reading_time: ">= 8"             # minutes; also word_count

Text fields (``source``, ``title``, ``body``, ``authors``, ``people``,
``organisations``, ``places``, ``tags``) take a regular expression searched
case-insensitively (in any item, for lists); a list of patterns matches when
any does. Numbers (``reading_time``, ``word_count``) take a comparison
``<``, ``<=``, ``>``, ``>=``, ``==`` and a number, or a bare number for ``==``.
``unless`` holds conditions that must *not* hold. A broken rule is reported
and skipped; the others still apply.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

TEXT_FIELDS = frozenset(
    ("source", "title", "body", "authors", "people", "organisations", "places", "tags")
)
NUMBER_FIELDS = frozenset(("reading_time", "word_count"))
_COMPARE = re.compile(r"^\s*(<=|>=|==|<|>)?\s*(\d+(?:\.\d+)?)\s*$")
_OPERATORS = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    None: operator.eq,
}


@dataclass
class RuleContext:
    """What a rule can look at in one article."""

    source: str = ""
    title: str = ""
    body: str = ""
    authors: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    reading_time: int = 0
    word_count: int = 0


@dataclass(frozen=True)
class Condition:
    name: str
    patterns: tuple[re.Pattern, ...] = ()
    compare: tuple = ()

    def holds(self, context: RuleContext) -> bool:
        value = getattr(context, self.name)
        if self.compare:
            op, number = self.compare
            return op(value, number)
        items = value if isinstance(value, list) else [value]
        return any(p.search(item) for p in self.patterns for item in items)


@dataclass(frozen=True)
class Rule:
    tags: tuple[str, ...]
    conditions: tuple[Condition, ...]
    exceptions: tuple[Condition, ...] = ()
    number: int = 0

    def matches(self, context: RuleContext) -> bool:
        return all(c.holds(context) for c in self.conditions) and not any(
            c.holds(context) for c in self.exceptions
        )


def _condition(name: str, value, where: str) -> Condition:
    if name in NUMBER_FIELDS:
        match = _COMPARE.match(str(value))
        if not match:
            raise ValueError(f"{where}: {name} needs a comparison like '>= 5', not {value!r}")
        return Condition(name, compare=(_OPERATORS[match.group(1)], float(match.group(2))))
    if name not in TEXT_FIELDS:
        known = ", ".join(sorted(TEXT_FIELDS | NUMBER_FIELDS))
        raise ValueError(f"{where}: unknown field {name!r} (known: {known})")
    values = value if isinstance(value, list) else [value]
    try:
        patterns = tuple(re.compile(str(v), re.IGNORECASE) for v in values)
    except re.error as error:
        raise ValueError(f"{where}: {name}: bad regular expression ({error})") from None
    return Condition(name, patterns=patterns)


def parse_rules(data, path: str = "<rules>") -> tuple[list[Rule], list[str]]:
    """Rules from already-loaded YAML data, and a warning for each one skipped."""
    warnings: list[str] = []
    items = data.get("rules") if isinstance(data, dict) else data
    if items is None:
        return [], warnings
    if not isinstance(items, list):
        return [], [f"{path}: expected 'rules:' followed by a list of rules"]
    rules = []
    for number, item in enumerate(items, start=1):
        where = f"{path}: rule {number}"
        try:
            if not isinstance(item, dict):
                raise ValueError(f"{where}: a rule is 'tags:' and 'if:' keys")
            tags = item.get("tags")
            tags = [tags] if isinstance(tags, str) else tags
            if not tags or not all(isinstance(t, str) and t.strip() for t in tags):
                raise ValueError(f"{where}: 'tags' must list at least one tag")
            when, unless = item.get("if") or {}, item.get("unless") or {}
            if not isinstance(when, dict) or not isinstance(unless, dict) or not when:
                raise ValueError(f"{where}: 'if' must map fields to conditions")
            rules.append(
                Rule(
                    tuple(t.strip() for t in tags),
                    tuple(_condition(k, v, where) for k, v in when.items()),
                    tuple(_condition(k, v, where) for k, v in unless.items()),
                    number,
                )
            )
        except ValueError as error:
            warnings.append(f"{error}; rule skipped")
    return rules, warnings


def load_rules(path: Path) -> tuple[list[Rule], list[str]]:
    """Rules from the YAML file at ``path`` (none if it does not exist)."""
    if not path.is_file():
        return [], []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        return [], [f"{where}: cannot read the tagging rules ({error}); no rule applied"]
    return parse_rules(data, str(path))


def apply_rules(rules: list[Rule], context: RuleContext) -> list[str]:
    """Tags every matching rule adds, in rule order, without repeats."""
    tags: list[str] = []
    for rule in rules:
        if rule.matches(context):
            tags.extend(t for t in rule.tags if t not in tags)
    return tags
