"""A bounded YAML reader for the curator's files (annotations' front matter, tagging rules).

PyYAML's ``safe_load`` makes no objects of its own choosing, but it still
expands aliases (a few lines of ``&a [*a, *a, …]`` grow to gigabytes), turns
``2018-02-30`` into an exception from inside the parser, and reads a file of
any size. Here:

* the file is read only if it is a regular file of at most ``limit`` bytes;
* anchors and aliases are refused (a curator's file has no use for them);
* dates stay text, for the schema to check (a real date, a year the site shows);
* every failure, a number too long for Python included, is a :class:`YamlProblem`
  with the line it is on.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

#: A tagging-rules file or an annotation larger than this is refused, unread.
DEFAULT_MAX_YAML_BYTES = 1024 * 1024

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class YamlProblem(Exception):
    """What is wrong with a curator's YAML, and the line (one-based) when known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


class StrictLoader(yaml.SafeLoader):
    """``SafeLoader`` that refuses anchors and aliases and leaves dates as text."""

    yaml_implicit_resolvers: ClassVar[dict] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(
                f"an alias (*{event.anchor}) is not allowed: write the value out",
                event.start_mark.line + 1,
            )
        if getattr(event, "anchor", None):
            raise YamlProblem(
                f"an anchor (&{event.anchor}) is not allowed: write the value out",
                event.start_mark.line + 1,
            )
        return super().compose_node(parent, index)


# An explicit ``!!timestamp`` is text too: the schema reads dates.
StrictLoader.add_constructor(_TIMESTAMP, yaml.SafeLoader.construct_yaml_str)


@dataclass
class Loaded:
    """The data, and the node it was made from (for line numbers: :func:`line_of`)."""

    data: object
    node: Node | None


def loads(text: str) -> Loaded:
    """Parse one YAML document; raises :class:`YamlProblem`."""
    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except YamlProblem:
        raise
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise YamlProblem(f"not valid YAML ({problem})", mark.line + 1 if mark else None) from None
    except (ValueError, OverflowError) as error:  # e.g. an integer of 5,000 digits
        raise YamlProblem(f"a value cannot be read ({error})") from None
    except RecursionError:
        raise YamlProblem("lists or maps nested too deeply") from None
    finally:
        loader.dispose()
    return Loaded(data, node)


def read_text(path: Path, limit: int = DEFAULT_MAX_YAML_BYTES) -> str:
    """The UTF-8 text of ``path`` if it is a regular file within ``limit`` bytes;
    raises :class:`YamlProblem` saying why not."""
    try:
        status = os.stat(path)
    except OSError as error:
        raise YamlProblem(f"cannot read the file ({error.strerror or error})") from None
    if not stat.S_ISREG(status.st_mode):
        raise YamlProblem("not a regular file")
    if status.st_size > limit:
        raise YamlProblem(f"{status.st_size:,} bytes is more than the {limit:,} allowed")
    try:
        with open(path, "rb") as stream:
            data = stream.read(limit + 1)
        return data.decode("utf-8")
    except OSError as error:
        raise YamlProblem(f"cannot read the file ({error.strerror or error})") from None
    except UnicodeDecodeError:
        raise YamlProblem("not UTF-8 text; save it as UTF-8") from None


def line_of(node: Node | None, key: str) -> int | None:
    """The line (one-based) of ``key`` in the mapping ``node``."""
    if isinstance(node, MappingNode):
        for key_node, _ in node.value:
            if key_node.value == key:
                return key_node.start_mark.line + 1
    return None


def value_node(node: Node | None, key: str) -> Node | None:
    if isinstance(node, MappingNode):
        for key_node, value in node.value:
            if key_node.value == key:
                return value
    return None


def item_lines(node: Node | None) -> list[int]:
    """The line (one-based) of each item of the sequence ``node``."""
    if isinstance(node, SequenceNode):
        return [item.start_mark.line + 1 for item in node.value]
    return []
