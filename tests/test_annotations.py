"""Annotation files, highlight anchoring, safe notes and tagging rules, as pure functions."""

from __future__ import annotations

import datetime as dt

from bs4 import BeautifulSoup

from news_digest.annotations import (
    Highlight,
    RuleContext,
    anchor_quote,
    apply_rules,
    mark_highlights,
    parse_annotation,
    render_note,
)
from news_digest.annotations.rules import parse_rules
from news_digest.curation import clean_seed

TEXT = (
    "The council met on Tuesday. The mayor said the budget is final. "
    "Later, the mayor said the budget is final, again, to reporters outside."
)


def _quoted(text, found):
    return text[found.start : found.end]


def test_exact_match():
    found = anchor_quote(TEXT, "The council met on Tuesday.")
    assert found.method == "exact" and _quoted(TEXT, found) == "The council met on Tuesday."


def test_context_chooses_between_repeated_quotes():
    found = anchor_quote(TEXT, "the mayor said the budget is final", prefix="Later,")
    assert found.method == "context"
    assert TEXT[: found.start].endswith("Later, ")


def test_context_survives_an_edited_quote():
    edited = TEXT.replace("met on Tuesday", "gathered on Tuesday evening")
    found = anchor_quote(
        edited, "council met on Tuesday", prefix="The", suffix=". The mayor said the budget"
    )
    assert found is not None and _quoted(edited, found) == "council gathered on Tuesday evening"


def test_fuzzy_match_after_a_small_edit_and_typography():
    edited = TEXT.replace("to reporters outside", "to the reporters waiting outside")
    found = anchor_quote(edited, "mayor said the budget is final, again, to reporters outside.")
    assert found.method == "fuzzy"
    assert _quoted(edited, found).startswith("mayor said the budget is final, again")
    assert _quoted(edited, found).endswith("outside.")
    curly = "He called it “the best plan we’ve had” on Monday."
    assert _quoted(curly, anchor_quote(curly, "the best plan we've had\"")).startswith("the best")


def test_unrelated_quote_is_not_anchored():
    assert anchor_quote(TEXT, "an entirely different sentence about the weather") is None


def test_highlight_spans_inline_markup():
    html = "<p>The <em>council</em> met on Tuesday.</p><p>Other text.</p>"
    out, placed = mark_highlights(html, [Highlight("council met on", comment="Who?")])
    soup = BeautifulSoup(out, "html.parser")
    assert "".join(m.get_text() for m in soup.find_all("mark")) == "council met on"
    assert soup.find("em").find("mark") is not None  # split at the element boundary
    assert soup.find("p").find_next_sibling("aside").get_text() == "Who?"
    assert not placed[0].orphaned


def test_note_markdown_is_safe():
    html = render_note(
        "*Hi* <img src=x onerror=alert(1)> ![pic](https://example.org/a.png) "
        "[ok](../tags/x.html) [frag](#top) [bad](javascript:alert(1)) [also](//evil.example)"
    )
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("em").get_text() == "Hi"
    assert soup.find("img") is None and "<img" in soup.get_text()
    assert [a["href"] for a in soup.find_all("a")] == ["../tags/x.html", "#top"]


def test_annotation_fields_and_overrides():
    note = parse_annotation(
        "---\ntitle: New title\ndate: 2018-02-15\nauthors: [A. Writer]\nsource: The Root\n"
        "tags: Extra\nremove_tags: [Old]\nkeep_lines: [Read the essay.]\ndrop_lines: [Comments]\n"
        "highlights:\n  - just this\n---\nThe *note*.\n",
        "x.md",
    )
    assert note.warnings == []
    assert (note.title, note.date, note.authors, note.source) == (
        "New title",
        dt.date(2018, 2, 15),
        ["A. Writer"],
        "The Root",
    )
    assert note.tags == ["Extra"] and note.remove_tags == ["Old"]
    assert note.keep_lines == ["Read the essay."] and note.drop_lines == ["Comments"]
    assert note.highlights == [Highlight("just this")]
    assert note.note == "The *note*."


def test_malformed_annotations_warn_with_file_and_line():
    broken = parse_annotation("---\ntags: [a, b\ntitle: x\n---\nNote\n", "bad.md")
    assert broken.tags == [] and broken.note == "Note"
    assert broken.warnings and broken.warnings[0].startswith("bad.md:3:")
    unclosed = parse_annotation("---\ntags: [a]\n", "open.md")
    assert "never closed" in unclosed.warnings[0]
    wrong = parse_annotation(
        "---\ntags: {a: 1}\ndate: soon\nhighlights:\n  - comment: no quote\ncolour: red\n---\n",
        "w.md",
    )
    text = " ".join(wrong.warnings)
    assert "'tags' must be a list" in text and "not YYYY-MM-DD" in text
    assert "highlight 1 has no 'quote'" in text and "unknown key 'colour'" in text


def test_line_overrides_reach_the_cleaner():
    from news_digest.cleaner import clean_bytes

    seed = b"Council backs bridge\n\nComments\n\n" + (
        b"The council voted on Tuesday to rebuild the old bridge over the river.\n\n"
        b"Residents who spoke at the meeting said they wanted the work to start soon.\n"
    )
    note = parse_annotation(
        "---\nkeep_lines: [Comments]\n"
        "drop_lines:\n"
        "  - Residents who spoke at the meeting said they wanted the work to start soon.\n"
        "---\n",
        "n.md",
    )
    body = [block.text for block in clean_seed(clean_bytes, seed, note).body]
    assert body[0] == "Comments"
    assert not any(text.startswith("Residents") for text in body)
    # Without the annotation, "Comments" is furniture.
    assert clean_bytes(seed).body[0].text != "Comments"
    numbers = parse_annotation("---\nkeep_lines: [4]\n---\n", "n.md")
    assert numbers.keep_lines == [] and "lines of the seed, as text" in numbers.warnings[0]


def test_rules_language():
    rules, warnings = parse_rules(
        {
            "rules": [
                {"tags": ["Guns"], "if": {"body": ["firearm", "shooting"]}},
                {"tags": "Long", "if": {"reading_time": ">= 5"}},
                {"tags": ["TPM Sessions"], "if": {"people": "^Jeff Sessions$", "source": "TPM"}},
                {"tags": ["Not AP"], "if": {"title": "."}, "unless": {"source": "^AP$"}},
                {"tags": ["Bad"], "if": {"word_count": "lots"}},
                {"tags": ["Bad"], "if": {"title": "("}},
            ]
        }
    )
    assert len(rules) == 4 and len(warnings) == 2
    assert "rule 5" in warnings[0] and "rule 6" in warnings[1]
    context = RuleContext(
        source="TPM",
        title="A title",
        body="After the shooting…",
        people=["Jeff Sessions"],
        reading_time=3,
    )
    assert apply_rules(rules, context) == ["Guns", "TPM Sessions", "Not AP"]
    context.reading_time, context.source = 6, "AP"
    assert apply_rules(rules, context) == ["Guns", "Long"]
