"""JSON a list item a line: the same data back, and diffs seed by seed."""

from __future__ import annotations

import datetime as dt
import json

from news_digest.jsontext import dumps_by_line, pieces_by_line


def test_reads_back_as_the_same_data_with_an_item_a_line():
    data = {
        "site": "Digest <&> “quoted”",
        "articles": [{"b": 1, "a": [1, 2], "when": dt.date(2020, 1, 2)}, {"title": "x\ny"}],
        "empty": [],
        "summary": {"published": 2},
    }
    text = dumps_by_line(data, ensure_ascii=False, default=str)
    expected = json.loads(json.dumps(data, ensure_ascii=False, default=str))
    assert json.loads(text) == expected
    lines = text.splitlines()
    assert lines[1] == '  "site": "Digest <&> “quoted”",'
    assert lines[2:6] == [
        '  "articles": [',
        '    {"b": 1, "a": [1, 2], "when": "2020-01-02"},',
        '    {"title": "x\\ny"}',
        "  ],",
    ]
    assert list(json.loads(text)) == list(data)  # insertion order kept


def test_sort_keys_sorts_the_top_level_too():
    text = dumps_by_line({"summary": {"b": 1, "a": 2}, "seeds": [{"z": 0, "y": 1}]}, sort_keys=True)
    assert text == (
        '{\n  "seeds": [\n    {"y": 1, "z": 0}\n  ],\n  "summary": {"a": 2, "b": 1}\n}\n'
    )


def test_pieces_make_the_same_text_and_take_an_iterator_as_a_list():
    records = [{"b": 1, "a": "é"}, {"c": None}]
    data = {"site": "x", "articles": records, "none": [], "stories": [{"s": 1}]}
    lazy = {**data, "articles": (r for r in records), "none": iter([])}
    for options in ({"ensure_ascii": False}, {"sort_keys": True}):
        text = dumps_by_line(data, **options)
        assert "".join(pieces_by_line(lazy | {"articles": iter(records)}, **options)) == text
        assert "".join(pieces_by_line(data, **options)) == text
    assert '"none": []' in dumps_by_line(data)
