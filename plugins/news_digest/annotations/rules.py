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
(file and line) and skipped; the others still apply.

The file is read by the bounded YAML reader (``yamlsafe``: no aliases, a size
cap). Patterns run on the ``regex`` module with a time limit per search
(:data:`DEFAULT_RULE_SECONDS`): a pattern that backtracks without end on some
article (``(a+)+$``) is skipped for that article, and the article's report
says which rule it was.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass, field
from pathlib import Path

import regex

from ..cleaner.normalise import visible_text
from ..settings import default
from .yamlsafe import YamlProblem, item_lines, loads, read_text, value_node

#: Seconds one pattern may search one text before the rule is skipped for that article.
DEFAULT_RULE_SECONDS = default("NEWS_DIGEST_RULE_SECONDS")
#: A pattern longer than this is refused (a rule names words, not a grammar).
MAX_PATTERN_CHARS = 2000
#: Keys a rule may have.
RULE_KEYS = frozenset(("tags", "if", "unless"))

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


class SlowRule(Exception):
    """A rule's pattern ran out of time on an article."""


@dataclass(frozen=True)
class Condition:
    name: str
    patterns: tuple = ()  # compiled ``regex`` patterns
    compare: tuple = ()

    def holds(self, context: RuleContext, seconds: float = DEFAULT_RULE_SECONDS) -> bool:
        value = getattr(context, self.name)
        if self.compare:
            op, number = self.compare
            return op(value, number)
        items = value if isinstance(value, list) else [value]
        try:
            return any(
                p.search(item, timeout=seconds) for p in self.patterns for item in items if item
            )
        except TimeoutError:
            raise SlowRule(self.name) from None


@dataclass(frozen=True)
class Rule:
    tags: tuple[str, ...]
    conditions: tuple[Condition, ...]
    exceptions: tuple[Condition, ...] = ()
    number: int = 0
    line: int | None = None

    def matches(self, context: RuleContext, seconds: float = DEFAULT_RULE_SECONDS) -> bool:
        return all(c.holds(context, seconds) for c in self.conditions) and not any(
            c.holds(context, seconds) for c in self.exceptions
        )


def _condition(name: str, value, where: str) -> Condition:
    if name in NUMBER_FIELDS:
        match = _COMPARE.match(str(value))
        if not match:
            raise ValueError(f"{where}: {name} needs a comparison like '>= 5', not {value!r}")
        return Condition(name, compare=(_OPERATORS[match.group(1)], float(match.group(2))))
    if name not in TEXT_FIELDS:
        known = ", ".join(sorted(TEXT_FIELDS | NUMBER_FIELDS))
        raise ValueError(f"{where}: unknown field {str(name)[:80]!r} (known: {known})")
    values = value if isinstance(value, list) else [value]
    if not values or not all(isinstance(v, str | int | float) for v in values):
        raise ValueError(f"{where}: {name} must be a pattern or a list of patterns")
    if any(len(str(v)) > MAX_PATTERN_CHARS for v in values):
        raise ValueError(f"{where}: {name}: a pattern is longer than {MAX_PATTERN_CHARS}")
    try:
        patterns = tuple(regex.compile(str(v), regex.IGNORECASE | regex.V0) for v in values)
    except (regex.error, ValueError, OverflowError, RecursionError) as error:
        raise ValueError(f"{where}: {name}: bad regular expression ({error})") from None
    return Condition(name, patterns=patterns)


def parse_rules(data, path: str = "<rules>", lines=()) -> tuple[list[Rule], list[str]]:
    """Rules from already-loaded YAML data, and a warning for each one skipped.

    ``lines`` gives each rule's line in the file, for the warnings.
    """
    warnings: list[str] = []
    items = data.get("rules") if isinstance(data, dict) else data
    if items is None:
        return [], warnings
    if not isinstance(items, list):
        return [], [f"{path}: expected 'rules:' followed by a list of rules"]
    rules = []
    for number, item in enumerate(items, start=1):
        line = lines[number - 1] if number <= len(lines) else None
        where = f"{path}:{line}: rule {number}" if line else f"{path}: rule {number}"
        try:
            if not isinstance(item, dict):
                raise ValueError(f"{where}: a rule is 'tags:' and 'if:' keys")
            for key in item:
                if key not in RULE_KEYS:
                    warnings.append(
                        f"{where}: unknown key {str(key)[:80]!r} ignored "
                        f"(known: {', '.join(sorted(RULE_KEYS))})"
                    )
            tags = item.get("tags")
            tags = [tags] if isinstance(tags, str) else tags
            if (
                not isinstance(tags, list)
                or not tags
                or not all(isinstance(t, str) and visible_text(t) for t in tags)
            ):
                raise ValueError(f"{where}: 'tags' must list at least one tag (as text)")
            when, unless = item.get("if") or {}, item.get("unless") or {}
            if not isinstance(when, dict) or not isinstance(unless, dict) or not when:
                raise ValueError(f"{where}: 'if' must map fields to conditions")
            rules.append(
                Rule(
                    tuple(visible_text(t) for t in tags),
                    tuple(_condition(k, v, where) for k, v in when.items()),
                    tuple(_condition(k, v, where) for k, v in unless.items()),
                    number,
                    line,
                )
            )
        except ValueError as error:
            warnings.append(f"{error}; rule skipped")
    return rules, warnings


def load_rules(path: Path) -> tuple[list[Rule], list[str]]:
    """Rules from the YAML file at ``path`` (none if it does not exist)."""
    if not path.exists():
        return [], []
    try:
        loaded = loads(read_text(path))
    except YamlProblem as problem:
        where = f"{path}:{problem.line}" if problem.line else str(path)
        return [], [f"{where}: cannot read the tagging rules ({problem.message}); no rule applied"]
    node = value_node(loaded.node, "rules") if isinstance(loaded.data, dict) else loaded.node
    return parse_rules(loaded.data, str(path), item_lines(node))


def apply_rules(
    rules: list[Rule],
    context: RuleContext,
    problems: list | None = None,
    seconds: float = DEFAULT_RULE_SECONDS,
) -> list[str]:
    """Tags every matching rule adds, in rule order, without repeats.

    A rule whose pattern runs out of time (``seconds`` a search) is skipped,
    and ``(rule, message)`` added to ``problems`` when given.
    """
    tags: list[str] = []
    for rule in rules:
        try:
            matched = rule.matches(context, seconds)
        except SlowRule as slow:
            if problems is not None:
                problems.append(
                    (
                        rule,
                        f"tagging rule {rule.number} was skipped on this article: its "
                        f"{slow} pattern ran longer than {seconds:g} s (simplify the "
                        "regular expression)",
                    )
                )
            continue
        if matched:
            tags.extend(t for t in rule.tags if t not in tags)
    return tags
