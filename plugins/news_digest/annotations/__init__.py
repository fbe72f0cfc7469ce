"""The curator's annotations: parsing, highlight anchoring, safe rendering, tagging rules.

Pure modules over plain data, no Pelican import.
"""

from .anchor import Anchor, anchor_quote
from .parse import Annotation, Highlight, load_annotation, parse_annotation
from .render import mark_highlights, render_note
from .rules import Rule, RuleContext, apply_rules, load_rules

__all__ = [
    "Anchor",
    "Annotation",
    "Highlight",
    "Rule",
    "RuleContext",
    "anchor_quote",
    "apply_rules",
    "load_annotation",
    "load_rules",
    "mark_highlights",
    "parse_annotation",
    "render_note",
]
