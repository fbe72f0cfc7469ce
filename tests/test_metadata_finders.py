"""The byline, date, source and language finders on made-up header lines."""

from __future__ import annotations

import datetime as dt

import pytest

from news_digest.cleaner import byline, clean_text, dates, language, metadata, source
from news_digest.cleaner.record import DATE_STATED, DATE_UNKNOWN, Line

PARA = (
    "The harbour board agreed on Monday to rebuild the old ferry pier, which has been "
    "closed since the winter storms damaged its pilings and the ramp for cars."
)
PARA2 = (
    "Work is due to start in the spring and should take about eight months, during which "
    "the ferry will call at the fishing quay on the other side of the bay."
)


def _lines(*texts: str) -> list[Line]:
    return [Line(i + 1, text) for i, text in enumerate(texts)]


# ------------------------------------------------------------------ bylines
@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Ola Nordmann and Kari Hansen", ["Ola Nordmann", "Kari Hansen"]),
        ("By Ada Lovelace", ["Ada Lovelace"]),  # "ada" is an Indonesian word, not here
        ("By Ann Lee <b>and more</b>", ["Ann Lee"]),
        ("Ola Nordmann, Harbour Gazette", ["Ola Nordmann"]),
        ("Ola Nordmann, The Harbour Chronicle", ["Ola Nordmann"]),
        ("Ola Nordmann, The Lighthouse", ["Ola Nordmann"]),
        ("Ola Nordmann | Harbour Gazette", ["Ola Nordmann"]),
        ("Author: Kari Hansen", ["Kari Hansen"]),
        ("Von Hans Beispiel und Petra Probe", ["Hans Beispiel", "Petra Probe"]),
        ("Par Jeanne Exemple", ["Jeanne Exemple"]),
        ("Por María Ejemplo y Juan Prueba", ["María Ejemplo", "Juan Prueba"]),
        ("Di Giulia Esempio", ["Giulia Esempio"]),
        ("Door Pieter Voorbeeld", ["Pieter Voorbeeld"]),
        ("Geschrieben von Hans Beispiel", ["Hans Beispiel"]),
        ("Veröffentlicht von Hans Beispiel", ["Hans Beispiel"]),
        ("Scritto da Giulia Esempio", ["Giulia Esempio"]),
        ("Geschreven door Pieter Voorbeeld", ["Pieter Voorbeeld"]),
        ("Skrevet af Kari Hansen", ["Kari Hansen"]),
        ("Автор: Иван Примеров", ["Иван Примеров"]),
        ("홍길동 기자", ["홍길동"]),
        ("By Kari Hansen, Staff Writer", ["Kari Hansen"]),
        ("Kari Hansen Senior Correspondent", ["Kari Hansen"]),
        ("Kari Hansen, Associated Press", ["Kari Hansen"]),
        ("Hans Beispiel, Redakteur", ["Hans Beispiel"]),
        ("Kari Hansen @karihansen", ["Kari Hansen"]),
        ("Kari Hansen - Mar 3, 2021, 9:15 am", ["Kari Hansen"]),
        ("03/03/2021 by Kari Hansen", ["Kari Hansen"]),
        ("12.05.2020 um 10:30 Uhr - Hans Beispiel - 12 Kommentare", ["Hans Beispiel"]),
        (
            "By Kari Hansen / March 3, 2021 9:49 am / Updated: March 4, 2021 4:17 pm",
            ["Kari Hansen"],
        ),
        ("von Kathrin", ["Kathrin"]),  # a blogger's first name, after "By"
        ("03/03/2021 by Kari 24 Comments", ["Kari"]),
        ("By Kari | Harbour Kitchen", ["Kari"]),
        ("By Kari Hansen Reuters", ["Kari Hansen"]),
        ("Kari Hansen kari.hansen@harbour.example | Friday 22 April, 2022", ["Kari Hansen"]),
        (
            "On January 12, 2025 January 22, 2025 By Kari Hansen In Travel, Ferry Guides, "
            "Harbour Tips, Island Hopping, Budget Travel",
            ["Kari Hansen"],
        ),
        (
            "Le Journal | 04.05.2015 à 13h36 • Mis à jour le 05.05.2015 à 20h13 | "
            "Par Jeanne Exemple (avec Pierre Modèle et Anne Essai)",
            ["Jeanne Exemple"],
        ),
        ("Thread starter Kari", ["Kari"]),
        ("Autor*in: Hans Beispiel", ["Hans Beispiel"]),  # German gender-inclusive labels
        ("Autor:in Hans Beispiel", ["Hans Beispiel"]),
        ("AUTOR/IN Hans Beispiel", ["Hans Beispiel"]),
        # An outlet in capitals after the last name is no part of it.
        ("By Kari Hansen and Ola Nordmann HARBOUR TODAY", ["Kari Hansen", "Ola Nordmann"]),
        ("By Jeanne DUPONT", ["Jeanne DUPONT"]),  # a surname in capitals stays
        ("By JANIE HAR", ["JANIE HAR"]),
        ("durch Hans Beispiel", ["Hans Beispiel"]),  # German WordPress themes' "by"
    ],
)
def test_byline_shapes(line, names):
    found = metadata.find_byline(_lines(line, PARA))
    assert found is not None and found.value == names


@pytest.mark.parametrize("label", ["Autor*in", "AUTOR/IN", "Über den Autor", "About the author"])
def test_a_label_alone_over_the_name(label):
    found = metadata.find_byline(_lines(label, "Hans Beispiel", PARA))
    assert found is not None and found.value == ["Hans Beispiel"]


def test_about_the_author_over_a_sentence_names_no_one():
    bio = "Hans Beispiel is a reporter who covers the harbour board and its budget."
    assert metadata.find_byline(_lines("About the author", bio, PARA)) is None


@pytest.mark.parametrize("line", ["By Reuters", "Photos by Getty", "By Bloomberg", "By A", "By AP"])
def test_an_agency_or_an_initial_after_by_is_no_author(line):
    assert metadata.find_byline(_lines(line, PARA)) is None


def test_von_inside_a_name_is_no_byline_word():
    found = metadata.find_byline(_lines("Christoph von Eichhorn", "19.10.2019, 23:38 Uhr", PARA))
    assert found is not None and found.value == ["Christoph von Eichhorn"]


def test_by_alone_on_its_line_takes_the_name_under_it():
    found = metadata.find_byline(_lines("By", "Kari Hansen", "March 3, 2021", PARA))
    assert found is not None and found.value == ["Kari Hansen"]


def test_a_section_name_beside_the_date_is_no_author():
    found = metadata.find_byline(
        _lines("20.06.2019 07:30 Uhr", "Technology Review", "Von", "Denis Dilba", PARA)
    )
    assert found is not None and found.value == ["Denis Dilba"]
    lone = metadata.find_byline(_lines("Featured Replies", "March 3, 2021", PARA))
    assert lone is None or lone.value != ["Featured Replies"]
    foreign = metadata.find_byline(_lines("Shrijith Venkatramana", "March 3, 2021", PARA))
    assert foreign is not None and foreign.value == ["Shrijith Venkatramana"]


def test_a_name_alone_under_the_headline_next_to_a_date():
    found = metadata.find_byline(_lines("Kari Hansen", "March 3, 2021", PARA))
    assert found is not None and found.value == ["Kari Hansen"] and found.confidence < 0.7


@pytest.mark.parametrize(
    ("header", "name"),
    [
        (["By", "Lauren", "March 3, 2021"], "Lauren"),
        (["Ben", "2 days ago", "6 min read"], "Ben"),
        (["Susan December 9, 2024 0 Comments"], "Susan"),
        (["November 21, 2022 Jules"], "Jules"),
    ],
)
def test_a_bloggers_given_name_alone_beside_a_date_is_the_author_but_unsure(header, name):
    lines = _lines(*header, PARA)
    found = metadata.find_byline(lines, page=lines)
    assert found is not None and found.value == [name]
    if header[0] != "By":
        # The least sure shape: it never ends the header, and without the page
        # to show the word is no word of it, no one is named.
        assert found.confidence < metadata.HEADER_END_CONFIDENCE
        assert metadata.find_byline(lines) is None


@pytest.mark.parametrize(
    ("word", "page_line"),
    [
        ("Technology", PARA),  # an English word
        ("Georgia", PARA),  # a place
        ("April", PARA),  # a month
        ("Summer", "Summer is here, and the summer fair opens."),  # written in lower case
        ("Reuters", PARA),  # an outlet
        ("Ben", PARA),  # but no date beside it
    ],
)
def test_a_one_word_line_that_is_no_bloggers_name_names_no_one(word, page_line):
    header = [word, PARA] if word == "Ben" else [word, "March 3, 2021"]
    lines = _lines(*header, PARA)
    found = metadata.find_byline(lines, page=[*lines, Line(9, page_line)])
    assert found is None or found.value != [word]


@pytest.mark.parametrize("line", ["Heavy Equipment | Machinery Trader", "Local Nav Staff Writer"])
def test_a_credited_name_with_no_given_name_or_surname_and_an_english_word_is_none(line):
    lines = _lines(line, PARA)
    assert metadata.find_byline(lines, page=lines) is None
    credited = _lines("Ann Lee | Machinery Trader", PARA)
    assert metadata.find_byline(credited, page=credited).value == ["Ann Lee"]


def test_prices_and_changes_on_a_tickers_line_are_no_clock_time():
    # A clock time beside a name makes a dated byline ("Markus Reuter 9:40 Uhr"); a
    # price ("225.86 -12.99 -5.44%") does not.
    assert byline._dated_names("Markus Reuter 9:40 Uhr") == ("Markus Reuter",)
    assert byline._dated_names("Ann Lee 225.86 -12.99 -5.44%") == ()


def test_a_title_case_headline_is_not_a_byline():
    lines = _lines("Harbour Board Backs Plan for New Ferry Pier", "March 3, 2021", PARA)
    assert metadata.find_byline(lines) is None


def test_a_name_in_lower_case_elsewhere_is_a_word_not_a_name():
    lines = _lines("Weird Medicine", PARA)
    page = [*lines, Line(9, "Some call it weird, and the medicine is new.")]
    assert metadata.find_byline(lines, page=page) is None


WORDY_PAGE = [
    Line(20, "Pick a theme, then select the page you want; light or dark, the site will update."),
    Line(21, "Our services: outsource the accounts payable work, a full kit of best practices."),
    Line(
        22,
        "Follow ben_silverman, mail markus.reuter@example.org, read /author/arne-sjoestroem/.",
    ),
    Line(23, "Green paint, a may pole and rich communication services for all."),
]


@pytest.mark.parametrize(
    "menu",
    [
        "Site Update",
        "Select Page",
        "Outsource Services",
        "Theme Auto Light Dark",
        "Rich Communication Services",
    ],
)
def test_words_the_page_writes_in_lower_case_are_no_name_even_beside_a_date(menu):
    # Credited ("X | Section") or over a date, the shape of a byline is not enough.
    for lines in (_lines(menu, "March 3, 2021", PARA), _lines(f"{menu} | Harbour News", PARA)):
        assert metadata.find_byline(lines, page=[*lines, *WORDY_PAGE]) is None


@pytest.mark.parametrize(
    "name",
    [
        "Kate May",
        "Madison Green",
        "Christoph von Eichhorn",
        "Ben Silverman",
        "Markus Reuter",
        "Arne Sjöström",
    ],
)
def test_a_given_name_or_words_only_in_addresses_keep_a_name(name):
    # "may" and "green" are words of the page, but a given name starts the name;
    # "ben", "markus", "arne" appear in lower case only in a handle, a mailbox, a path.
    lines = _lines(name, "March 3, 2021", PARA)
    assert metadata.find_byline(lines, page=[*lines, *WORDY_PAGE]).value == [name]


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Pippin Lee", ["Pippin Lee"]),  # a census surname
        ("Jean-Luc Aufranc", ["Jean-Luc Aufranc"]),  # a given name, hyphenated
        ("Sadhbh O’Sullivan", ["Sadhbh O’Sullivan"]),  # the census writes "OSULLIVAN"
        ("Dr. Ioana Marinescu", ["Dr. Ioana Marinescu"]),
        ("Key Insights", None),
        ("Download ZIP", None),
        ("Show Sidebar", None),
    ],
)
def test_a_name_alone_with_no_date_beside_it_must_look_like_a_persons(line, names):
    lines = _lines(line, PARA, PARA2)
    found = metadata.find_byline(lines, page=lines)
    assert (found and found.value) == names


def test_a_site_name_in_the_pages_own_address_is_no_name():
    lines = _lines("Aktion Hummelschutz", "March 3, 2021", PARA)
    page = [*lines, Line(30, "Mehr auf https://www.aktion-hummelschutz.de/impressum")]
    assert metadata.find_byline(lines, page=page) is None
    # A path names anyone: "/autor/anna-hummel/" leaves Anna Hummel a name.
    lines = _lines("Anna Hummel", "March 3, 2021", PARA)
    page = [*lines, Line(30, "Mehr von ihr: https://example.org/autor/anna-hummel/")]
    assert metadata.find_byline(lines, page=page).value == ["Anna Hummel"]


@pytest.mark.parametrize(
    "furniture",
    ["Künstlerischer Lebenslauf", "Vorheriges Weiter", "Skip Navigation Navigation"],
)
def test_german_adjectives_and_repeated_words_are_no_name(furniture):
    assert metadata.find_byline(_lines(furniture, "March 3, 2021", PARA)) is None
    # Surnames with the same letters stay names.
    for name in ("Rudolf Fischer", "Markus Haefliger", "Rüdiger Weiß"):
        assert metadata.find_byline(_lines(name, "March 3, 2021", PARA)).value == [name]


@pytest.mark.parametrize("name", ["Dan Davies", "Rui Ma", "Aman Dan"])
def test_a_name_with_a_foreign_function_word_is_a_name_on_an_english_page(name):
    # "dan" is Indonesian for "and", "ma" Italian for "but": on an English page a name.
    lines = _lines(name, "Dec 12, 2025", PARA)
    assert metadata.find_byline(lines, page=lines, language="en").value == [name]
    # Without the page's language, or where the page writes its words, it stays words.
    assert metadata.find_byline(lines, page=lines) is None
    first, last = name.lower().split()
    page = [*lines, Line(9, f"It is {first} and {last} now.")]
    assert metadata.find_byline(lines, page=page, language="en") is None


def test_a_given_name_keeps_a_name_whose_other_word_the_page_writes_in_lower_case():
    # The same rule as for any name met without a byline word: "ma" written in
    # lower case elsewhere does not make "Rui Ma" words, as "may" does not "Kate May".
    lines = _lines("Rui Ma, Heba Ledwon & Suparn Patra", "Nov 25th, 2025", PARA)
    page = [*lines, Line(9, "The ma and pa shops stay open.")]
    found = metadata.find_byline(lines, page=page, language="en")
    assert found is not None and found.value == ["Rui Ma", "Heba Ledwon", "Suparn Patra"]


def test_a_name_over_its_role_in_the_same_block_is_the_author():
    lines = [Line(1, "Chris Pardo"), Line(2, "Vice President of Consulting"), Line(4, PARA)]
    found = metadata.find_byline(lines, page=lines)
    assert found.value == ["Chris Pardo"] and found.confidence == byline.CONFIDENCE_ALONE
    # A role in the next block is no author box: a name alone, read less surely;
    # a byline under a name is no role, and a firm's name is no person's.
    apart = [Line(1, "Chris Pardo"), Line(3, "Vice President of Consulting", True), Line(5, PARA)]
    assert metadata.find_byline(apart, page=apart).confidence < byline.CONFIDENCE_ALONE
    signed = [Line(1, "Ultium Cells"), Line(2, "Autor: Die Redaktion"), Line(4, PARA)]
    assert metadata.find_byline(signed, page=signed) is None


def test_the_names_under_an_author_box_heading_are_the_authors():
    lines = _lines(PARA, "Contact the author:", "Ibtisam Mahdi", "Ruwaida Kamal Amer", "Share")
    found = metadata.find_author_bio(lines)
    assert found is not None and found.value == ["Ibtisam Mahdi", "Ruwaida Kamal Amer"]
    assert metadata.find_author_bio(_lines(PARA, "Contact the author:", PARA)) is None


@pytest.mark.parametrize(
    ("line", "language"), [("The Big Shift", "de"), ("Aus Piratenwiki", "de"), ("Ma Chérie", "it")]
)
def test_a_function_word_of_the_page_or_of_english_keeps_a_line_words(line, language):
    lines = _lines(line, "Dec 12, 2025", PARA)
    assert metadata.find_byline(lines, page=lines, language=language) is None


def test_several_names_alone_on_a_line_beside_a_date_are_the_byline():
    lines = _lines("Ann Lee, Bo Park, Cy Moore & Ed Ngo", "Nov 25th, 2025", PARA)
    assert metadata.find_byline(lines).value == ["Ann Lee", "Bo Park", "Cy Moore", "Ed Ngo"]
    # Undated, a list of names is no byline.
    assert metadata.find_byline(_lines("Ann Lee, Bo Park, Cy Moore & Ed Ngo", PARA)) is None


@pytest.mark.parametrize(
    ("standfirst", "names"),
    [
        (
            "The chain plans 150 bakeries beyond the U.S. and Canada. "
            "By Lisa Jennings on Dec. 19, 2025",
            ["Lisa Jennings"],
        ),
        (
            "Die Kette will in Nordamerika weiter wachsen als bisher. Von Anna Müller",
            ["Anna Müller"],
        ),
        # "By the end of the day" starts a sentence, not a byline.
        (
            "The harbour board met at noon to vote on the plan. "
            "By the end of the day it had passed.",
            None,
        ),
    ],
)
def test_a_standfirst_that_ends_with_its_byline(standfirst, names):
    found = metadata.find_byline(_lines(standfirst, PARA))
    assert (found.value if found else None) == names


@pytest.mark.parametrize(
    "line",
    [
        "Nächste Vorstellungen: 20.10., 17 Uhr, 24./30.10., 20 Uhr",  # a label over dates
        "A100-Aktivist Tobias Trommer, 12.03.2021",  # a word with a digit is no name's
        "C31 Motion Controlled Arm - SISU",
        "Klein Tools MM400",  # a product, not "Klein Tools" of an outlet "MM400"
    ],
)
def test_labels_and_products_are_no_byline(line):
    lines = _lines(line, "March 3, 2021", PARA)
    assert metadata.find_byline(lines, page=lines, language="de") is None


def test_the_byline_nearest_the_headline_wins_over_a_credit_in_the_body():
    lines = _lines("By Kari Hansen", PARA, PARA2, "By Ola Nordmann")
    assert metadata.find_byline(lines).value == ["Kari Hansen"]


def test_a_byline_just_above_the_headline_is_read_less_surely():
    found = metadata.find_byline(_lines(PARA), before=_lines("By Kari Hansen"))
    assert found is not None and found.value == ["Kari Hansen"]
    assert found.confidence < byline.CONFIDENCE_PREFIXED


def test_a_byline_line_wins_over_a_name_alone_with_no_date_beside_it():
    lines = _lines("Mara Stone", "March 3, 2021", "Ferry", "Boats", "Tides", "By Kari Hansen", PARA)
    found = metadata.find_byline(lines[1:], before=lines[:1], page=lines)
    assert found is not None and found.value == ["Kari Hansen"]


def test_a_category_over_a_dated_byline_is_not_the_byline():
    lines = _lines("Ferry Travel", "Kari Hansen March 3, 2021", PARA)
    assert metadata.find_byline(lines).value == ["Kari Hansen"]


def test_the_credit_of_an_embedded_post_is_not_a_byline():
    lines = _lines("— Harbour Board (@harbourboard) March 3, 2021", PARA)
    assert metadata.find_byline(lines) is None


@pytest.mark.parametrize(
    "credit",
    [
        "A post shared by Harbour Board (@harbourboard) on Mar 3, 2021 at 7:30am PST",
        "Ein Beitrag geteilt von Kari Hansen (@kari.hansen) am 3. März 2021 um 7:30 Uhr",
        "— Harbour Board (@harbourboard) March 3, 2021",
    ],
)
def test_an_embedded_posts_credit_under_the_headline_gives_no_date_nor_author(credit):
    article = clean_text("\n\n".join(["Harbour Board Backs Pier Plan", credit, PARA, PARA2]))
    assert article.date is None
    assert not article.authors


@pytest.mark.parametrize(
    "line",
    [
        "Pope Benedict XVI, Deus caritas est 5/6, 25 December 2005:",
        "Alex on September 17, 2018 at 6:34 am said:",
        "News vom 31.10.2018:",
    ],
)
def test_a_dated_line_ending_in_a_colon_introduces_what_follows_and_is_no_dateline(line):
    assert metadata.find_stated_date(_lines(line, PARA)) is None


def test_a_byline_ending_in_a_colon_keeps_its_date():
    found = metadata.find_stated_date(_lines("By Kari Hansen March 3, 2021 Share:", PARA))
    assert found.value == dt.date(2021, 3, 3)


def test_a_byline_may_give_the_authors_handle_before_the_date():
    lines = _lines("By Kari Hansen (@karihansen) March 3, 2021", PARA)
    assert metadata.find_byline(lines).value == ["Kari Hansen"]
    assert metadata.find_stated_date(lines).value == dt.date(2021, 3, 3)


# ------------------------------------------------------------------ dates
def test_a_published_date_wins_over_an_updated_one_on_the_same_line():
    found = metadata.find_stated_date(
        _lines("Updated March 4, 2021; Published March 3, 2021", PARA)
    )
    assert found.value == dt.date(2021, 3, 3) and found.confidence >= 0.9


def test_the_date_a_question_was_asked_is_its_publication_date():
    # A question-and-answer page signs its question far below the title.
    found = metadata.find_stated_date(_lines(*["Menu"] * 12, "asked Feb 6, 2014 at 20:37", PARA))
    assert found.value == dt.date(2014, 2, 6) and found.kind == "published"


def test_an_updated_date_alone_is_taken_but_unsure():
    found = metadata.find_stated_date(_lines("Updated: March 4, 2021", PARA))
    assert found.value == dt.date(2021, 3, 4)
    assert dates.date_warning(found.value, found.confidence) is not None


@pytest.mark.parametrize(
    "line",
    [
        "Release date: Mar 20, 2026",
        "Last post: 01/12/2025 at 6:49 pm",
        "Anmeldeschluss: 15. März 2020",
        "Date limite : 3 mai 2021",
        "Joined Nov 4, 2011",
        "Mitglied seit 12.03.2015",
    ],
)
def test_a_release_event_or_forum_date_is_not_the_articles(line):
    assert metadata.find_stated_date(_lines(line, PARA)) is None


@pytest.mark.parametrize(
    "line",
    ["2024.4.4 -> 2024.5.0 issue: stuck on start", "I went back to version 2024.4.4", "v2021.8.1"],
)
def test_a_calendar_version_number_is_no_date(line):
    assert dates.find_dates(line) == []
    assert dates.find_dates("Published 2024.4.4") == [(dt.date(2024, 4, 4), "2024.4.4")]


def test_a_published_date_beside_a_last_post_date_is_the_articles():
    found = metadata.find_stated_date(_lines("Jan 3, 2024", "Last post: Sep 26, 2024", PARA))
    assert found.value == dt.date(2024, 1, 3)


def test_the_date_of_a_byline_that_ends_a_standfirst_is_stated():
    standfirst = (
        "The bakery chain is planning for growth beyond the U.S. and Canada, with 150 "
        "more stores next year. By Lisa Jennings on Dec. 19, 2025"
    )
    found = metadata.find_stated_date(_lines(standfirst, PARA))
    assert found.value == dt.date(2025, 12, 19) and found.kind == "byline"
    # A sentence that starts with "Par ailleurs" is prose, not a signature.
    prose = (
        "Le gouvernement a présenté son plan pour les ports de la région, très attendu. "
        "Par ailleurs, le 3 mai 2021, le ministre a parlé."
    )
    assert metadata.find_stated_date(_lines(prose, PARA)) is None


#: An article longer than the header the date finder reads under the headline.
LONG_BODY = [
    PARA,
    PARA2,
    "Fishermen on the north side of the bay say the quay is too small for the ferry and "
    "their boats at once, and they want the board to keep two berths free every morning.",
    "The board's engineer told the meeting that the new pilings will be driven deeper than "
    "the old ones, so that a storm like last winter's cannot shift the deck again.",
    "Shops near the old pier expect fewer customers while it is closed, and the chamber of "
    "commerce has asked for signs in the town centre pointing visitors to the temporary stop.",
    "A public exhibition of the plans opens next week in the library, where residents can "
    "leave comments until the end of the month before the contracts are signed.",
    "The cost of the works is shared between the harbour board, the county and a national "
    "fund for coastal transport, which approved its part of the money in the autumn.",
    "If the work stays on schedule, the first crossings from the rebuilt pier should run "
    "in time for the summer timetable, the board's chair said after the vote.",
]


def test_a_date_alone_under_the_last_paragraph_is_the_articles_but_unsure():
    article = clean_text("\n\n".join(["Harbour Board Backs Pier Plan", *LONG_BODY, "15.12.2021"]))
    assert article.date == dt.date(2021, 12, 15) and article.date_status == DATE_STATED
    assert "under the article" in article.date_source
    assert "date" in article.unsure  # the build asks a curator to check it
    assert "15.12.2021" not in article.body_text
    # Past a section name and a prompt of the site's, three lines down.
    tail = ["Get in touch with our planning team for a quote.", "Industry Insights", "15.12.2021"]
    article = clean_text("\n\n".join(["Harbour Board Backs Pier Plan", *LONG_BODY, *tail]))
    assert article.date == dt.date(2021, 12, 15)


@pytest.mark.parametrize(
    "tail",
    [
        ["Related", "Parse.ly, November 17, 2014"],  # words beside the date: a teaser's
        ["IngoM (verified owner) – September 19, 2025"],  # a review's signature
        ["Updated 15.12.2021"],  # when the page changed, not when it was published
        ["15.12.2021", "Ferry timetable for the winter", "14.12.2021"],  # a list of links
        ["Related Articles", "Ferries", "15.12.2021"],  # a related story's, under its heading
        ["Comments", "Kari", "15.12.2021"],  # a comment's
    ],
)
def test_other_dates_under_the_article_are_not_its_date(tail):
    article = clean_text("\n\n".join(["Harbour Board Backs Pier Plan", *LONG_BODY, *tail]))
    assert article.date_status != DATE_STATED


def test_the_date_nearest_the_headline_wins_over_one_in_the_body():
    found = metadata.find_stated_date(_lines("March 3, 2021", PARA, "June 1, 2020"))
    assert found.value == dt.date(2021, 3, 3)


def test_a_header_line_of_parts_gives_its_first_date_not_the_update():
    line = (
        "Le Journal | 04.05.2015 à 13h36 • Mis à jour le 05.05.2015 à 20h13 | "
        "Par Jeanne Exemple (avec Pierre Modèle et Anne Essai)"
    )
    assert metadata.find_stated_date(_lines(line, PARA), dayfirst=True).value == dt.date(2015, 5, 4)


def test_a_long_signed_post_line_gives_its_date():
    line = (
        "On January 12, 2025 January 22, 2025 By Kari Hansen In Travel, Ferry Guides, "
        "Harbour Tips, Island Hopping, Budget Travel"
    )
    found = metadata.find_stated_date(_lines(line, PARA))
    assert found.value == dt.date(2025, 1, 12) and found.confidence >= 0.9


def test_a_date_in_the_byline_is_stated_with_high_confidence():
    found = metadata.find_stated_date(_lines("By Kari Hansen, March 3, 2021", PARA))
    assert found.value == dt.date(2021, 3, 3) and found.confidence >= 0.9


@pytest.mark.parametrize(
    ("text", "dayfirst", "date"),
    [
        ("04/03/2021", True, dt.date(2021, 3, 4)),
        ("04/03/2021", False, dt.date(2021, 4, 3)),
        ("2021-04-03", True, dt.date(2021, 4, 3)),  # ISO is year-month-day everywhere
        ("04.03.2021", False, dt.date(2021, 3, 4)),  # dots are day first everywhere
        ("2021年4月3日", False, dt.date(2021, 4, 3)),
        ("2021년 4월 3일", False, dt.date(2021, 4, 3)),
        ("3. März 2021", False, dt.date(2021, 3, 3)),
        ("3 de marzo de 2021", False, dt.date(2021, 3, 3)),
        ("3 марта 2021", False, dt.date(2021, 3, 3)),
    ],
)
def test_date_forms_and_day_order(text, dayfirst, date):
    assert metadata.find_stated_date(_lines(text, PARA), dayfirst=dayfirst).value == date


def test_the_date_library_reads_a_language_the_patterns_do_not():
    # Polish month names are in no pattern: dateparser reads them in the page's language.
    lines = _lines("Opublikowano 5 listopada 2019", PARA)
    assert metadata.find_stated_date(lines, language=None) is None
    found = metadata.find_stated_date(lines, dayfirst=True, language="pl")
    assert found is not None and found.value == dt.date(2019, 11, 5)


def test_the_date_library_reads_a_short_year_in_the_pages_day_order():
    assert dates.read_span("19.10.19", "de", True) == dt.date(2019, 10, 19)
    assert dates.read_span("no date here", "de", True) is None


def test_a_signed_date_far_under_the_title_is_read_when_the_header_has_none():
    lines = _lines(*[PARA] * 12, "Posted on March 3, 2021 by Kari Hansen")
    found = metadata.find_stated_date(lines)
    assert found.value == dt.date(2021, 3, 3) and found.confidence < 0.7


def test_a_date_signed_like_a_byline_far_under_the_title_is_read_when_it_is_the_only_one():
    post = "December 29, 2014 at 02:13PM EST by Julia Wayne"  # the clock time is no word
    found = metadata.find_stated_date(_lines(*[PARA] * 12, post))
    assert found.value == dt.date(2014, 12, 29) and found.confidence < 0.7
    # A byline broken before its date.
    found = metadata.find_stated_date(_lines(*[PARA] * 12, "By Kaavya Shah", "July 18, 2024"))
    assert found.value == dt.date(2024, 7, 18)
    # A list of posts, each signed under its teaser: each date is another post's.
    teasers = [PARA, "11/19/2025 | By Jerra Toms", PARA2, "10/07/2025 | By Lori McLemore"]
    assert metadata.find_stated_date(_lines(*[PARA] * 12, *teasers)) is None


def test_a_post_line_is_read_as_far_as_its_list_of_categories_and_tags():
    post = (
        "Autor Jan Ries Veröffentlicht am 20. März 2014 Kategorien Allgemein, News Tags "
        "Bilder, case law, Entscheidung, Fallrecht, Foto, nicht-kommerziell, Rundfunk, Urteil"
    )
    comment = ["Michael Blahm sagt:", "2. April 2014 um 8:29 Uhr"]
    found = metadata.find_stated_date(_lines(PARA, post, *comment), dayfirst=True, language="de")
    assert found.value == dt.date(2014, 3, 20) and found.kind == "published"


def test_a_date_inferred_only_from_a_caption_and_never_past_the_ceiling():
    caption = "The pier after the storm on March 3, 2021. (Photo by Kari Hansen)"
    lines = _lines(PARA, "The vote on June 1, 2022 is next.", caption)
    found = metadata.infer_date(lines)
    assert found.value == dt.date(2021, 3, 3) and found.confidence < dates.DATE_SURE
    assert metadata.infer_date(lines, ceiling=dt.date(2021, 1, 1)) is None


def test_an_updated_date_alone_is_no_publication_date_and_says_how_to_fix_it():
    updated = "Updated March 3, 2021"
    article = clean_text("\n\n".join(["Harbour Board Backs Pier Plan", updated, PARA, PARA2]))
    assert article.date is None and article.date_status == DATE_UNKNOWN
    assert article.updated == dt.date(2021, 3, 3)
    assert "2021-03-03" in article.date_source
    assert updated not in article.body_text
    assert any("date:" in w and "2021-03-03" in w for w in article.warnings)
    assert "date" in article.unsure  # an annotation's date: settles it


def test_a_caption_date_after_the_update_is_not_inferred():
    caption = "The pier after the storm on March 3, 2021. (Photo by Kari Hansen)"
    text = ["Harbour Board Backs Pier Plan", "Updated: February 1, 2021", caption, PARA, PARA2]
    article = clean_text("\n\n".join(text))
    assert article.updated == dt.date(2021, 2, 1)
    assert article.date is None  # the article is from the update or before


def test_a_published_date_is_the_date_and_not_unsure():
    text = ["Harbour Board Backs Pier Plan", "Published March 3, 2021", PARA, PARA2]
    article = clean_text("\n\n".join(text))
    assert article.date == dt.date(2021, 3, 3) and article.date_status == DATE_STATED
    assert article.updated is None and "date" not in article.unsure


def test_an_inferred_date_is_unsure_but_shown_as_inferred_not_warned():
    caption = "The pier after the storm on March 3, 2021. (Photo by Kari Hansen)"
    article = clean_text("\n\n".join(["Harbour Board Backs Pier Plan", caption, PARA, PARA2]))
    assert article.date == dt.date(2021, 3, 3) and article.date_status == "inferred"
    assert article.confidence["date"] < dates.DATE_SURE  # ``invoke check`` lists it
    assert not any("date" in w for w in article.warnings)


def test_a_sure_date_and_byline_carry_their_confidence_and_no_warning():
    text = "\n\n".join(
        ["Harbour Board Backs Pier Plan", "By Kari Hansen", "March 3, 2021", PARA, PARA2]
    )
    article = clean_text(text)
    assert article.authors == ["Kari Hansen"] and article.date == dt.date(2021, 3, 3)
    assert article.date_status == DATE_STATED
    assert article.confidence["authors"] >= 0.9 and article.confidence["date"] >= 0.85
    assert not any("date" in w for w in article.warnings)


# ------------------------------------------------------------------ source
def test_the_outlet_not_its_owner():
    assert metadata.find_source(
        _lines("© 2021 NYP Holdings, Inc. All Rights Reserved"), None
    ).value == ("New York Post")
    assert metadata.find_source(_lines("© 2021 Penske Business Media, LLC."), None) is None


def test_an_unknown_company_is_not_an_outlet_but_an_unknown_outlet_is():
    assert metadata.find_source(_lines("© 2021 Harbour Media Group Inc."), None) is None
    found = metadata.find_source(_lines("© 2021 Harbour Gazette. All rights reserved."), None)
    assert found.value == "Harbour Gazette"


def test_a_newsletter_prompt_names_the_outlet():
    found = metadata.find_source(_lines("Sign up for the Harbour Gazette newsletter"), None)
    assert found.value == "Harbour Gazette"


@pytest.mark.parametrize(
    "prompt",
    [
        "Get The Harbour Gazette's Daily Edition by email",
        "Subscribe to Harbour Gazette’s newsletters.",
    ],
)
def test_a_newsletter_prompt_names_the_outlet_not_its_possessive(prompt):
    assert metadata.find_source(_lines(prompt), None).value == "Harbour Gazette"


def test_a_title_suffix_keeps_its_possessive():
    # The masthead names it too: one word after the bar counts only then.
    found = metadata.find_source(_lines("Barron's"), "Pier to reopen | Barron's")
    assert found.value == "Barron's"


def test_a_photo_credit_names_no_outlet():
    assert metadata.find_source(_lines("© Kari Hansen"), None) is None
    credit = _lines("The pier at dawn. © Reuters / Kari Hansen")
    assert metadata.find_source(credit, None) is None


def test_a_host_in_a_footer_is_the_outlet_a_sharing_link_is_not():
    footer = _lines("Kontakt | Impressum | www.harbourgazette.example.com")
    assert metadata.find_source(footer, None).value == "harbourgazette.example.com"
    share = _lines("Share: https://www.facebook.com/sharer?u=x", "Tweet: https://twitter.com/x")
    assert metadata.find_source(share, None) is None


def test_a_known_outlet_named_once_in_passing_is_not_the_outlet():
    # A wire agency's credit on a sports site, a related link's outlet.
    assert metadata.find_source(_lines("Associated Press November 19, 2019, 9:02 AM"), None) is None
    assert metadata.find_source(_lines("More From CNN"), None) is None
    # Named again, or in the site's notice, or after the headline's bar: the site's own.
    again = metadata.find_source(_lines("CNN Home", "More From CNN"), None)
    assert again.value == "CNN"
    notice = _lines("© 2019 The Associated Press. All rights reserved.")
    assert metadata.find_source(notice, None).value == "Associated Press"
    assert metadata.find_source([], "Pier to reopen | CNN").value == "CNN"


@pytest.mark.parametrize(
    ("notice", "outlet"),
    [
        ("Copyright © 2023 Art of Living Foundation", "Art of Living Foundation"),
        ("© 2025 Harbour Gazette Privacy Policy Terms of Use", "Harbour Gazette"),
        ("Copyright © 2022 Editorial Canelas Condiciones de uso", "Editorial Canelas"),
        ("© 2015 Copyright by harbourgazette.example.com. All rights reserved.", None),
        # "All" ends the holder only where "Rights" follows or nothing does.
        ("© 2018-2025 It's All Trip To Me. All rights reserved.", "It's All Trip To Me"),
        ("© 2025 Make It All Work, LLC 81 Pier St.", "Make It All Work"),
        ("© 2019 Harbour Gazette All Rights Reserved", "Harbour Gazette"),
        ("© 2020 Harbour Gazette All rights reserved.", "Harbour Gazette"),
        ("© 2021 HAFEN MAGAZIN Alle Rechte vorbehalten.", "HAFEN MAGAZIN"),
    ],
)
def test_a_copyright_holder_is_read_whole_and_without_the_next_footer_item(notice, outlet):
    found = metadata.find_source(_lines(notice), None)
    assert (found.value if found else None) == outlet


def test_a_host_that_code_calls_is_not_the_outlet():
    # A documentation page's examples, kept out of the body, name the hosts they call.
    code = [
        "curl https://api.harbourpay.example.com/v1/charges \\",
        'const request = new Request("https://api.harbourpay.example.com/post", {',
    ]
    assert metadata.find_source(_lines(*code), None) is None
    # The same host in two plain lines recurs: the site's own.
    links = ["https://docs.harbourpay.example.com/guide", "https://docs.harbourpay.example.com/api"]
    assert metadata.find_source(_lines(*links), None).value == "docs.harbourpay.example.com"


def test_an_unknown_outlet_after_a_bar_in_the_title_but_not_after_a_dash():
    assert metadata.find_source([], "Pier to reopen | Harbour Gazette").value == "Harbour Gazette"
    assert metadata.find_source([], "Pier to reopen - and then some") is None


@pytest.mark.parametrize(
    "furniture",
    [
        "Sign up for our newsletter",
        "Get Your Copy Today",
        "© 2025 All rights reserved.",
        "© 2021 Alle Rechte vorbehalten.",
        "© 2022 Eine Marke der Harbour Mediengruppe",
        "Subscribe to Blog Via Email",
        "© 2008-2020 Creative Commons BY | Powered by Blogo",
        "© 2020, St. Georgs Chorknaben Ulm",
    ],
)
def test_words_of_a_prompt_or_a_notice_are_no_outlet(furniture):
    assert metadata.find_source(_lines(furniture), None) is None


@pytest.mark.parametrize(
    "title",
    ["Pier to reopen | Opinion", "Pier to reopen | Januar 2022", "Ten tools | Python, SQL & AI"],
)
def test_a_section_or_a_second_half_after_the_bar_is_no_outlet(title):
    assert metadata.find_source([], title) is None
    # One word named again in the furniture is the outlet; two-letter capitals are names.
    assert metadata.find_source(_lines("© 2024 Slate"), "Pier | Slate").value == "Slate"
    assert metadata.find_source(_lines("Subscribe to RT newsletter"), None).value == "RT"


def test_an_outlet_cited_in_a_long_line_is_not_the_source():
    cited = "A report first published by Reuters said the harbour board would meet again soon"
    assert metadata.find_source(_lines(cited), None) is None
    # Alone on a line, once, it is as often a credit; named again, the site's own.
    assert source.find_source(_lines("Reuters"), None) is None
    assert source.find_source(_lines("Reuters", "Trending On Reuters"), None).value == "Reuters"


# ------------------------------------------------------------------ language
@pytest.mark.parametrize(
    ("text", "code"),
    [
        (PARA + " " + PARA2, "en"),
        ("Der Hafenrat hat am Montag beschlossen, die alte Fähranlegestelle neu zu bauen.", "de"),
        ("Le conseil du port a décidé lundi de reconstruire le vieil embarcadère du bac.", "fr"),
        ("El consejo del puerto decidió el lunes reconstruir el viejo muelle del ferry.", "es"),
        ("港湾委員会は月曜日に古いフェリー桟橋を再建することを決めた。", "ja"),
    ],
)
def test_language_of_a_text(text, code):
    assert language.detect(text) == code


def test_too_little_text_is_the_default_language():
    assert language.detect("Menu") == language.DEFAULT


def test_an_unsure_name_under_the_headline_does_not_cut_the_lines_above_it():
    lead = "Photos released on Sunday show the pier's new ramp, built over the winter."
    article = clean_text(
        "\n\n".join(["Harbour Board Backs Pier Plan", lead, "Kari Hansen", PARA, PARA2])
    )
    assert article.authors == ["Kari Hansen"] and article.confidence["authors"] < 0.8
    assert lead in article.body_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By Kari Hansen", True),
        ("Kari Hansen, Staff Writer", True),
        ("Harbour Board Backs Plan for New Ferry Pier", False),
        ("Kari Hansen", False),  # alone, it may be a headline's subject
    ],
)
def test_is_byline_for_the_headline_finder(text, expected):
    assert byline.is_byline(text) is expected


def test_a_date_run_into_the_lead_dates_the_article_and_stays_in_the_body():
    lead = (
        "19.10.2019, 15:30 Uhr Am Samstag legt die Fähre zum ersten Mal seit dem Sturm "
        "wieder am alten Anleger an, teilte die Hafenverwaltung mit."
    )
    article = clean_text("\n\n".join(["Fähre legt wieder am alten Anleger an", lead, PARA, PARA2]))
    assert article.date == dt.date(2019, 10, 19)
    assert lead in article.body_text


@pytest.mark.parametrize(
    ("label", "kind"), [("Last update:", "updated"), ("Published", "published")]
)
def test_a_label_alone_on_its_line_names_the_date_under_it(label, kind):
    found = metadata.find_stated_date(_lines(label, "July 16, 2025", PARA))
    assert found.value == dt.date(2025, 7, 16) and found.kind == kind


def test_of_the_headlines_copies_the_one_with_a_byline_under_it_starts_the_article():
    from news_digest.cleaner import headline, pipeline

    title = "Harbour Board Backs Pier Plan"
    menu = ["World", "Business", "Sport", "Culture", "Travel", "Opinion", "Video"]
    menu += ["Podcasts", "Weather", "Puzzles", "Obituaries", "Newsletters"]
    assert len(menu) > metadata.BYLINE_LINES  # the breadcrumb's copy has no byline near it
    lines = _lines("Home", title, *menu, title, "By Kari Hansen", PARA, PARA2, title)
    last, headed = len(lines) - 1, 2 + len(menu)
    body = [headed + 2, headed + 3]
    choice = headline.Choice(title, last, last + 1, 0.5, None)
    moved = pipeline._copy_with_header(lines, choice, False, body)
    assert (moved.index, moved.line) == (headed, headed + 1)
    sure = headline.Choice(title, headed, headed + 1, 0.5, None)
    assert pipeline._copy_with_header(lines, sure, False, body) == sure
    # With no byline or date under any copy, the ranker's choice stands.
    unsigned = _lines("Home", title, *menu, title, PARA, PARA2, title)
    alone = headline.Choice(title, len(unsigned) - 1, len(unsigned), 0.5, None)
    assert pipeline._copy_with_header(unsigned, alone, False, body) == alone


def test_a_copy_of_the_headline_under_the_body_does_not_start_the_article():
    # Once body text follows the chosen line, a copy with a byline further down
    # repeats the article (a box under it). See also the idempotence property.
    from news_digest.cleaner import headline, pipeline

    title = "Harbour Board Backs Pier Plan"
    lines = _lines(title, PARA, PARA2, title.upper(), "By Kari Hansen and Ola Nordmann")
    choice = headline.Choice(title, 0, 1, 0.5, None)
    assert pipeline._copy_with_header(lines, choice, False, [0, 1, 2, 3, 4]) == choice


def test_a_line_of_header_parts_below_a_comment_form_dates_the_article():
    form = ["Name (required)", "Email (required)", "Comment (required)", "Submit"]
    form += ["View author archive", "Get author RSS feed", "Most Popular Today", "Share"]
    assert len(form) >= dates.HEADER_WINDOW  # the date lies past the header window
    line = "November 19, 2019 | 4:20am | Updated November 19, 2019 | 9:32pm"
    lines = _lines(*form, line, PARA)
    found = metadata.find_stated_date(lines, header=len(form) + 1)
    assert found.value == dt.date(2019, 11, 19) and found.line == len(form) + 1
    # Without the bars it is a line of prose-like words, not the header's date.
    prose = line.replace(" |", " and then") + " when the talks resumed"
    assert metadata.find_stated_date(_lines(*form, prose, PARA), header=len(form) + 1) is None


@pytest.mark.parametrize(
    "credit",
    [
        "reviewed by Jo-ann Caballes",
        "Fact Checked by: Hilary Snow",
        "Photos by Ann Lee",
        "Fotos von Kari Hansen",
        "Medically reviewed by Dr. Ann Lee",
    ],
)
def test_a_reviewer_or_photographer_is_not_the_author(credit):
    assert not byline.signed(credit)
    lines = _lines("Ayla Demir", credit, "Updated on November 18, 2025", PARA)
    found = metadata.find_byline(lines, page=lines)
    assert found.value == ["Ayla Demir"]


def test_analysis_by_is_still_a_byline():
    assert byline.signed("Analysis by Ann Lee")


def test_a_dated_post_line_far_under_the_article_names_its_author():
    body = [PARA, PARA2] * 8
    lines = _lines(*body, "Written on Mar 17 by", "Pippin Lee", "Share")
    found = metadata.find_far_byline(lines)
    assert found.value == ["Pippin Lee"] and found.confidence < byline.CONFIDENCE_ALONE
    posted = _lines(*body, "Posted by Günter W. Kienitz at 18:52 Tagged with: Eltern")
    assert metadata.find_far_byline(posted).value == ["Günter W. Kienitz"]
    # The same, without the article's byline: a whole seed.
    article = clean_text(
        "\n\n".join(
            ["Harbour Board Backs Pier Plan", *body, "Posted on April 22, 2022 by Kari Hansen"]
        )
    )
    assert article.authors == ["Kari Hansen"]
    # A post line broken before its date.
    broken = _lines(*body, "Data & Analytics", "By Kaavya Shah", "July 18, 2024", "Share")
    assert metadata.find_far_byline(broken).value == ["Kaavya Shah"]
    # A team signing a list of teasers is nobody's name.
    teasers = _lines(*body, "Wordle today: hints", "By Mashable Team", "12/19/2025")
    assert metadata.find_far_byline(teasers) is None


@pytest.mark.parametrize(
    "tail",
    [
        # A list of posts by different people: an archive, not this article's author.
        ["June 3, 2020 by Ann Lee", "June 5, 2020 by Kari Hansen"],
        # The site's owner.
        ["Copyright © 19.12.2019 - 12:14 h by Qualisys GmbH, Langenfeld"],
        # Undated: a "By" line at the foot may be a related story's.
        ["By Kari Hansen"],
        # Someone credited for something else.
        ["Mar 17 · Photos by", "Ann Lee"],
    ],
)
def test_no_far_byline_from_lists_owners_undated_or_other_roles(tail):
    assert metadata.find_far_byline(_lines(PARA, PARA2, *tail)) is None


def test_a_label_after_the_name_ends_it():
    found = metadata.find_byline(_lines("Von: Andreas Reuter Am: 29.12.2014", PARA))
    assert found.value == ["Andreas Reuter"]
    signed = metadata.find_byline(_lines("1. Januar 2016 von Kleine Monster Ein Kommentar", PARA))
    assert signed.value == ["Kleine Monster"]


@pytest.mark.parametrize(
    "line, moment",
    [
        ("Nov 19, 2019, 10:31 pm CST", dt.datetime(2019, 11, 20, 4, 31, tzinfo=dt.UTC)),
        ("Nov. 18, 2019 at 7:04 p.m. ET", dt.datetime(2019, 11, 19, 0, 4, tzinfo=dt.UTC)),
        # ET follows daylight saving: in July it is four hours behind UTC.
        ("July 1, 2019 9:00 am ET", dt.datetime(2019, 7, 1, 13, 0, tzinfo=dt.UTC)),
        (
            "11:11 PM EST, Tue November 19, 2019",
            dt.datetime(2019, 11, 20, 4, 11, tzinfo=dt.UTC),
        ),
        ("20.11.2019, 23:30 Uhr MEZ", dt.datetime(2019, 11, 20, 22, 30, tzinfo=dt.UTC)),
        ("14 January 2020 14:05 GMT+2", dt.datetime(2020, 1, 14, 12, 5, tzinfo=dt.UTC)),
    ],
)
def test_a_date_with_a_clock_time_and_zone_states_a_moment(line, moment):
    found = dates.find_stated_date(_lines(line, PARA))
    assert found is not None and found.moment is not None
    assert found.moment.astimezone(dt.UTC) == moment


@pytest.mark.parametrize(
    "line",
    [
        "Nov 19, 2019, 10:31 pm",  # a clock time alone: the page's own time, not named
        "Nov 19, 2019, 10:31 pm IST",  # India, Ireland or Israel: not guessed
        "Nov 19, 2019 · 4 min read · 10:31 ET",  # the clock is not next to the date
        "Nov 19, 2019, 25:31 GMT",  # no such time
    ],
)
def test_no_moment_without_a_known_zone_next_to_the_date(line):
    found = dates.find_stated_date(_lines(line, PARA))
    assert found is not None and found.value == dt.date(2019, 11, 19)
    assert found.moment is None


def test_a_stated_moment_dates_the_article_in_the_sites_time_zone():
    text = "\n\n".join(
        [
            "Harbour Board Backs Pier Plan",
            "By Kari Hansen",
            "Nov 19, 2019, 10:31 pm CST",
            PARA,
            PARA2,
        ]
    )
    in_utc = clean_text(text)
    assert in_utc.date == dt.date(2019, 11, 20) and in_utc.date_status == DATE_STATED
    assert in_utc.published == dt.datetime(2019, 11, 20, 4, 31, tzinfo=dt.UTC)
    assert "10:31 pm CST" in in_utc.date_source
    in_chicago = clean_text(text, timezone="America/Chicago")
    assert in_chicago.date == dt.date(2019, 11, 19)
    assert in_chicago.published.utcoffset() == dt.timedelta(hours=-6)
    # Without a zone the date is as written, and no moment is claimed.
    plain = clean_text(text.replace(" CST", ""))
    assert plain.date == dt.date(2019, 11, 19) and plain.published is None


@pytest.mark.parametrize(
    "line, plain",
    [
        (
            '^ Hartl, John (September 3, 1998). "Disney Will Distribute Animated Japanese Movie"',
            "Hartl, John (September 3, 1998).",
        ),
        (
            ". Deptford Cinema. August 9, 2017. Retrieved 27 January 2020.",
            "Deptford Cinema. August 9, 2017.",
        ),
        (
            '"The Nobel Prize". Nobel Foundation. Archived from the original on 2008-10-15.',
            "Nobel Foundation. 2008-10-15.",
        ),
    ],
)
def test_a_reference_list_entry_dates_nothing(line, plain):
    assert dates.find_stated_date(_lines(line, PARA)) is None
    assert dates.find_stated_date(_lines(plain, PARA)) is not None  # the entry's mark decides


# ------------------------------------------------------------ author boxes
@pytest.mark.parametrize(
    ("box", "names"),
    [
        ("Kari Hansen is a staff writer at the Harbour Gazette covering ferries.", ["Kari Hansen"]),
        (
            "About the Author Kari Hansen is a writer at Harbour Gazette, where she covers ports.",
            ["Kari Hansen"],
        ),
        ("Hans Beispiel ist ein freier Autor in Hamburg.", ["Hans Beispiel"]),
    ],
)
def test_an_author_box_under_the_article_names_the_author(box, names):
    article = clean_text(f"Harbour board backs new ferry pier\n\n{PARA}\n\n{PARA2}\n\n{box}")
    assert article.authors == names


@pytest.mark.parametrize(
    "box",
    [
        "Ola Nordmann Is a First-Rate Journalist. The Board Should Listen.",  # a teaser
        "The mayor is a former reporter for the local paper and still writes.",  # no name
        "Kari Hansen is a marine engineer who has studied the pier for years.",  # no writer
    ],
)
def test_no_author_from_a_teaser_or_a_profile_that_is_no_author_box(box):
    assert metadata.find_author_bio(_lines(box)) is None


def test_among_the_articles_own_lines_an_author_box_must_name_a_person():
    # A listicle's entries say what a firm is: no author, though the words match.
    entry = "Taktical Digital is a group of data-driven online marketers and writers."
    assert metadata.find_author_bio(_lines(PARA, entry)).value == ["Taktical Digital"]
    assert metadata.find_author_bio(_lines(PARA, entry), people_only=True) is None
    box = _lines(PARA, "Ein Beitrag von:", "Alexandra Ilina", PARA2)
    assert metadata.find_author_bio(box, people_only=True).value == ["Alexandra Ilina"]
    heading = _lines(PARA, "Authors", "Key Insights")
    assert metadata.find_author_bio(heading, people_only=True) is None


def test_author_boxes_naming_different_people_name_nobody():
    boxes = _lines(
        "Kari Hansen is a staff writer at the Harbour Gazette.",
        "Ola Nordmann is a contributing editor at the Harbour Gazette.",
    )
    assert metadata.find_author_bio(boxes) is None


def test_a_byline_wins_over_an_author_box():
    text = (
        "Harbour board backs new ferry pier\n\nBy Ola Nordmann\n\n"
        f"{PARA}\n\n{PARA2}\n\nKari Hansen is a staff writer at the Harbour Gazette."
    )
    assert clean_text(text).authors == ["Ola Nordmann"]


def test_the_date_over_the_body_is_read_less_surely_away_from_the_headline():
    from news_digest.cleaner.pipeline import BODY_HEADER_CONFIDENCE, _date_over_body

    lines = _lines(
        "Menu", "Shop", "Warum ich lieber Bus fahre", "Nike Jane – 14.09.2022", PARA, PARA2
    )
    found = _date_over_body(lines, 4, dayfirst=True, language="de")
    assert found is not None and found.value == dt.date(2022, 9, 14)
    assert found.confidence <= BODY_HEADER_CONFIDENCE
    # Nothing over the body but menus: no date.
    assert _date_over_body(_lines("Menu", "Shop", PARA, PARA2), 2, True, "de") is None


def test_share_buttons_under_the_headline_do_not_push_the_byline_out_of_reach():
    buttons = [
        f"Click to share on {site} (Opens in new window)"
        for site in ("Facebook", "Reddit", "Twitter", "LinkedIn", "Pinterest", "Tumblr")
    ]
    header = ["Harbour Board Backs Pier Plan", "", "Share this:", *buttons, "More", *buttons[:4]]
    signature = ["", "By Kari Hansen | Special to the Gazette", ""]
    text = "\n".join([*header, *signature, PARA, "", PARA2])
    assert clean_text(text).authors == ["Kari Hansen"]


def test_a_name_beside_a_date_above_the_body_is_the_author_when_no_header_names_one():
    # The headline is not in the text: the name over the date still signs the article.
    lead = _lines("Also available in other languages:", "Josef Průša", "May 3, 2024")
    found = metadata.find_lead_byline(lead, lead)
    assert found.value == ["Josef Průša"] and found.confidence < byline.CONFIDENCE_ALONE
    # A whole seed whose headline is taken from a heading in the body, below the byline.
    seed = [lead[0].text, "Kari Hansen", "May 3, 2024", "Estimated reading time: 11 minutes"]
    seed += [PARA, PARA2, "What the harbour board can do next", PARA2, PARA]
    assert clean_text("\n\n".join(seed)).authors == ["Kari Hansen"]


@pytest.mark.parametrize(
    "lead",
    [
        # Two people beside dates: a list of posts, not this article's byline.
        ["Ann Lee", "May 3, 2024", "Related", "Kari Hansen", "May 5, 2024"],
        # A title-case heading beside a date opens with no given name.
        ["Mortal Kombat II", "May 3, 2024"],
        # A price is no clock time: a product beside its price is no byline.
        ["Bell Falcon XRV Helmet", "$76.73"],
        # A name with no date beside it, so far from the headline.
        ["Kari Hansen", "Share"],
    ],
)
def test_no_lead_byline_from_lists_headings_prices_or_undated_names(lead):
    lines = _lines(*lead)
    assert metadata.find_lead_byline(lines, lines) is None


def test_a_price_is_no_clock_time_beside_a_name():
    assert not byline._dated(Line(1, "$76.73")) and not byline._dated(Line(1, "76.73"))
    assert byline._dated(Line(1, "Jan 14, 2015, 7:09 PM")) and byline._dated(Line(1, "9 min read"))


def test_a_place_is_no_name_and_an_outlet_under_the_byline_is_the_bylines():
    # "York" is a surname, but "New York" over the menu is a place.
    menu = _lines("New York", "News", "Politics")
    assert metadata.find_byline(menu, page=menu) is None
    seed = "\n\n".join(
        ["Harbour Board Backs Pier Plan", "BY Kari Hansen", "HARBOUR DAILY NEWS", PARA, PARA2]
    )
    article = clean_text(seed)
    assert article.authors == ["Kari Hansen"]
    assert "HARBOUR DAILY NEWS" not in article.body_text
    assert [r.reason for r in article.removed if r.text == "HARBOUR DAILY NEWS"] == ["byline"]


@pytest.mark.parametrize(
    ("text", "credit"),
    [
        ("NEW YORK DAILY NEWS", True),
        ("Staff Writer", True),
        ("Kari Hansen", False),  # a name
        ("The harbour board agreed on Monday.", False),
        ("UPDATED 3 HOURS AGO", False),  # digits: a date's or a count's line
    ],
)
def test_a_credit_line_is_an_outlet_or_role_alone(text, credit):
    assert metadata.credit_line(text) is credit


@pytest.mark.parametrize(
    ("label", "name_line", "name"),
    [
        ("Authors", "Kari Hansen", "Kari Hansen"),
        ("Autor*in", "Hans Beispiel (Medizinredakteurin, M.A.)", "Hans Beispiel"),
        ("Ein Beitrag von:", "Hans Beispiel", "Hans Beispiel"),
        ("Article by", "Kari Hansen", "Kari Hansen"),
        ("Written By:", "Kari Hansen", "Kari Hansen"),
        ("Geschrieben von", "Hans Beispiel", "Hans Beispiel"),
        ("À propos de l'auteure", "Jeanne Exemple", "Jeanne Exemple"),
        ("Sobre la autora:", "María Ejemplo", "María Ejemplo"),
        ("L'autore", "Giulia Esempio", "Giulia Esempio"),
    ],
)
def test_more_author_box_headings_and_a_role_in_brackets(label, name_line, name):
    assert metadata.find_author_bio(_lines(PARA, label, name_line, PARA2)).value == [name]


def test_an_author_box_heading_over_other_words_names_no_one():
    lines = _lines(PARA, "Authors", "Kari Hansen and the harbour board agreed", PARA2)
    assert metadata.find_author_bio(lines) is None


def test_a_name_over_a_sentence_calling_the_person_by_one_name_is_an_author_box():
    box = ["Kari Hansen", "Kari is a staff writer covering the harbour and its ferries."]
    assert metadata.find_author_bio(_lines(PARA, *box, PARA2)).value == ["Kari Hansen"]
    # Another person's first name in the sentence: not this box.
    other = ["Kari Hansen", "Ola is a staff writer covering the harbour and its ferries."]
    assert metadata.find_author_bio(_lines(PARA, *other, PARA2)) is None


@pytest.mark.parametrize(
    "line", ["04. November 2021 | PAID CONTENT", "Visual Studio Community Dec 8, 2025"]
)
def test_a_product_or_label_on_a_dated_line_is_no_author(line):
    lines = _lines(line, PARA)
    assert metadata.find_byline(lines, page=lines) is None


def test_a_published_date_just_over_the_headline_is_read_though_it_is_a_widget_for_the_body():
    top = ["Back to Blog", "Published: Jan 23, 2024", "Harbour Board Backs Pier Plan"]
    article = clean_text("\n\n".join([*top, "Joe Kindness", "Founder & CEO", *LONG_BODY]))
    assert article.title == "Harbour Board Backs Pier Plan"
    assert article.date == dt.date(2024, 1, 23) and article.date_status == DATE_STATED
