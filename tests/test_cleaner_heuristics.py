"""Unit tests of single heuristics on small made-up inputs."""

from __future__ import annotations

import datetime as dt

import pytest

from news_digest.cleaner import (
    boilerplate,
    clean_bytes,
    clean_text,
    language,
    metadata,
    repeated_lines,
)
from news_digest.cleaner.pipeline import CURATOR_DROP
from news_digest.cleaner.record import DATE_STATED, Line

PARA = (
    "The city council voted on Tuesday to expand the bus network, adding three routes "
    "that will connect the northern suburbs with the hospital and the university campus."
)
PARA2 = (
    "Officials said the new routes would start running in the spring, once drivers have "
    "been hired and trained, and that fares would not change this year."
)
PARA3 = (
    "Residents who spoke at the meeting welcomed the plan but asked for more frequent "
    "service in the evenings, when many of them finish work at the hospital."
)


def _lines(*texts: str) -> list[Line]:
    return [Line(i, t) for i, t in enumerate(texts, start=1)]


def _page(*middle: str, tail: tuple[str, ...] = ()) -> str:
    return "\n\n".join(["Council Expands Bus Network to Northern Suburbs", *middle, *tail])


# ------------------------------------------------------------------ bylines
@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Jane Doe and John Smith", ["Jane Doe", "John Smith"]),
        ("By Jane Doe | Daily Planet", ["Jane Doe"]),
        ("By Jane Doe, Staff Writer", ["Jane Doe"]),
        ("By Jane Doe Updated Nov. 19, 2019 8:03 am ET", ["Jane Doe"]),
        ("Written by: Ana María Souza", ["Ana María Souza"]),
    ],
)
def test_byline_names(line, names):
    found = metadata.find_byline(_lines(line))
    assert found is not None and found.value == names


def test_a_posted_by_line_under_the_headline_is_the_byline():
    # "Posted …" reads as a widget ("Posted 3 hours ago") unless it is signed.
    article = clean_text(_page("Posted by Jane Doe on August 21, 2019", PARA, PARA2))
    assert article.authors == ["Jane Doe"]
    assert article.date == dt.date(2019, 8, 21)


def test_icon_glyph_lines_do_not_push_the_name_out_of_the_header():
    icon, other_icon = "\ue023", "\ue08a"
    article = clean_text(_page(icon, "March 4, 2025", other_icon, "Jane Doe", PARA, PARA2))
    assert article.authors == ["Jane Doe"]


def test_name_alone_on_a_line_next_to_a_date_is_a_byline():
    found = metadata.find_byline(_lines("Maren Estrada", "November 19th, 2019 at 8:40 AM", PARA))
    assert found is not None and found.value == ["Maren Estrada"]


def test_menu_words_are_not_a_byline():
    assert metadata.find_byline(_lines("Top Stories", "Latest News", PARA)) is None


# ------------------------------------------------------------------ dates
@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Nov. 19, 2019 8:03 am ET", dt.date(2019, 11, 19)),
        ("Published 11/19/19", dt.date(2019, 11, 19)),
        ("Updated: 18 April 2017", dt.date(2017, 4, 18)),
        ("2018-08-16", dt.date(2018, 8, 16)),
        ("segunda-feira, 22 de janeiro de 2018 às 0:13", dt.date(2018, 1, 22)),
        ("20. November 2019", dt.date(2019, 11, 20)),
        ("24 сентября 2018", dt.date(2018, 9, 24)),
        ("December 19. 2025", dt.date(2025, 12, 19)),
    ],
)
def test_date_formats(text, date):
    found = metadata.find_stated_date(_lines(text))
    assert found is not None and found.value == date


def test_a_pages_unambiguous_slashed_dates_say_how_it_writes_the_others():
    # An English page that writes "25/04/2020" elsewhere writes its dateline day first.
    page = _page("By Jane Doe", "12/04/2020", PARA, "Comments", "Ann 25/04/2020 14:05", PARA2)
    assert clean_text(page).date == dt.date(2020, 4, 12)
    assert clean_text(page.replace("25/04/2020", "04/25/2020")).date == dt.date(2020, 12, 4)
    assert metadata.slash_order(["12/04/2020"]) is None
    assert metadata.slash_order(["25/04/2020", "04/25/2020"]) is None


def test_day_first_dates_on_non_english_pages():
    assert metadata.find_dates("05/10/2018", dayfirst=True)[0][0] == dt.date(2018, 10, 5)
    assert metadata.find_dates("05/10/2018")[0][0] == dt.date(2018, 5, 10)


def test_dateline_under_the_title_is_stated_with_provenance():
    article = clean_text(_page("By Jane Doe", "Published Nov. 19, 2019 8:03 am ET", PARA, PARA2))
    assert article.authors == ["Jane Doe"]
    assert article.date == dt.date(2019, 11, 19)
    assert article.date_status == DATE_STATED
    assert "Nov. 19, 2019" in article.date_source


def test_an_updated_line_alone_is_the_modified_date_not_the_published_one():
    article = clean_text(_page("By Jane Doe", "Updated Nov. 19, 2019 8:03 am ET", PARA, PARA2))
    assert article.date is None
    assert article.updated == dt.date(2019, 11, 19)


MENU = (
    "Home",
    "News",
    "Sport",
    "Culture",
    "Share on Facebook",
    "Share on X",
    "Copy link",
    "Print",
    "Email",
    "Listen",
    "Save",
)


def test_a_date_alone_between_share_prompts_and_the_body_is_the_dateline():
    # Eleven lines of furniture push the date past the usual header window.
    article = clean_text(_page(*MENU, "Nov. 19, 2019, 8:03 am", PARA, PARA2, PARA3))
    assert article.date == dt.date(2019, 11, 19)
    assert article.date_status == DATE_STATED
    # Far from the headline, it is reported for a curator to confirm.
    assert "date" in article.unsure


def test_a_list_of_dated_links_above_the_body_gives_no_date():
    links = ("Nov. 12, 2019", "Nov. 14, 2019", "Nov. 15, 2019")
    article = clean_text(_page(*MENU, *links, PARA, PARA2, PARA3))
    assert article.date is None


# ------------------------------------------------------------------ boilerplate
def test_paywall_cut_off_ends_the_article():
    article = clean_text(
        _page(PARA, PARA2, tail=("To Read the Full Story", "Subscribe now", PARA3))
    )
    assert [b.text for b in article.body] == [PARA, PARA2]
    reasons = {r.text: r.reason for r in article.removed}
    assert "end of the article" in reasons["To Read the Full Story"]


def test_related_links_run_is_removed():
    links = (
        "Mayor Unveils Plan for New Downtown Park",
        "Five Things to Know About the Budget Vote",
        "School Board Delays Decision on Start Times",
    )
    article = clean_text(_page(PARA, "Related stories", *links, PARA2, PARA3))
    body = article.body_text
    assert PARA in body and PARA2 in body and PARA3 in body
    assert not any(link in body for link in links)


OTHER_STORIES = (
    "Mayor Unveils Plan for New Downtown Park",
    "Five Things to Know About the Budget Vote",
    "School Board Delays Decision on Start Times",
    "Storm Knocks Out Power Across the County",
    "Local Bakery Wins National Award",
)
#: The article's own list: its items use the words of its paragraphs.
NEW_ROUTES = (
    "Northern Suburbs to the Hospital",
    "University Campus to the Northern Suburbs",
    "Hospital to the University Campus",
    "Evening Service on Every Route",
    "Same Fares for the Northern Suburbs",
)


def test_a_run_of_other_stories_headlines_inside_the_text_is_removed():
    article = clean_text(_page(PARA, PARA2, *OTHER_STORIES, PARA3))
    assert article.body_text == "\n\n".join([PARA, PARA2, PARA3])


def test_the_articles_own_list_inside_the_text_is_kept():
    article = clean_text(_page(PARA, PARA2, *NEW_ROUTES, PARA3))
    assert article.body_text == "\n\n".join([PARA, PARA2, *NEW_ROUTES, PARA3])


def test_the_articles_own_list_under_a_related_prompt_is_still_removed():
    article = clean_text(_page(PARA, PARA2, "Related stories", *NEW_ROUTES, PARA3))
    assert not any(item in article.body_text for item in NEW_ROUTES)


def test_comment_section_is_not_body():
    comments = ("23 Comments", "jdoe77", "I think this is a terrible idea and nobody asked us.")
    article = clean_text(_page(PARA, PARA2, PARA3, *comments))
    assert article.body_text == "\n\n".join([PARA, PARA2, PARA3])


@pytest.mark.parametrize(
    "marker",
    [
        "Schreibe einen Kommentar",
        "Über den Autor",
        "Verwandte Artikel",
        "Deja un comentario",
        "Teilen Sie dies mit:",
        "War der Artikel hilfreich?",
    ],
)
def test_comment_forms_and_after_article_boxes_of_other_languages_end_the_body(marker):
    after = (
        "Ein anderer Beitrag: Der Stadtrat hat am Dienstag beschlossen, das Busnetz zu "
        "erweitern, und die Anwohner haben sich darüber sehr gefreut, weil sie lange warteten.",
    )
    article = clean_text(_page(PARA, PARA2, PARA3, marker, *after))
    assert article.body_text == "\n\n".join([PARA, PARA2, PARA3])


def test_sentence_shaped_prompts_are_removed():
    pitch = "Get breaking news delivered to your inbox every morning. Sign up for our newsletter."
    article = clean_text(_page(PARA, pitch, PARA2, PARA3))
    assert pitch not in article.body_text
    assert PARA2 in article.body_text


@pytest.mark.parametrize(
    "line", ["Start your subscription today for $1 a week.", "Subscription required"]
)
def test_a_subscription_pitch_is_a_prompt(line):
    assert boilerplate.prompt(line)


@pytest.mark.parametrize(
    "line",
    [
        "The 16 Best Clothing Subscription Boxes in 2025",
        "How We Found the Best Book Subscription Boxes",
    ],
)
def test_a_subscription_as_the_articles_subject_is_no_prompt(line):
    assert boilerplate.prompt(line) is None
    article = clean_text("\n\n".join([line, PARA, PARA2, PARA3]))
    assert article.title == line


def test_menu_before_the_headline_is_dropped():
    text = "Home\nWorld\nPolitics\nSport\n\n" + _page("By Jane Doe", PARA, PARA2)
    article = clean_text(text)
    assert article.title == "Council Expands Bus Network to Northern Suburbs"
    assert article.body_text == PARA + "\n\n" + PARA2


# ------------------------------------------------------------------ languages
NON_ENGLISH = {
    "pt": "A prefeitura anunciou nesta terça-feira que as novas linhas de ônibus vão "
    "começar a funcionar na primavera, e que o preço da passagem não vai mudar.",
    "de": "Die Stadt hat am Dienstag beschlossen, das Busnetz auszubauen, und die neuen "
    "Linien sollen im Frühjahr in Betrieb gehen, wie ein Sprecher sagte.",
    "ru": "Городской совет во вторник проголосовал за расширение автобусной сети, и новые "
    "маршруты начнут работать весной, как сообщили в мэрии.",
    "ja": "市議会は火曜日、バス路線網の拡大を決めた。新しい路線は春から運行を始める予定だという。",
    "ko": "시의회는 화요일 버스 노선을 확대하기로 했다. 새 노선은 봄부터 운행될 예정이다.",
}


@pytest.mark.parametrize("lang", sorted(NON_ENGLISH))
def test_non_english_page_keeps_its_body(lang):
    para = NON_ENGLISH[lang]
    text = f"Menu\n\nTítulo da notícia de hoje\n\n{para}\n\nShare\n"
    article = clean_bytes(text.encode("utf-8"))
    assert para in article.body_text
    assert article.language == lang


def test_language_of_english_text():
    assert language.detect(PARA) == "en"


def test_cjk_characters_count_as_words():
    assert boilerplate.word_count("市議会は火曜日、バス路線網の拡大を決めた。") >= 8


# ------------------------------------------------------------------ curator and corpus
def test_curator_keep_and_drop():
    widget = "Council Meeting Live Blog Highlights"  # would be lost as a short line
    article = clean_text(
        _page(PARA, PARA2, PARA3, widget),
        keep_lines=[f"  {widget} "],
        drop_lines=[PARA2],
    )
    assert widget in article.body_text
    assert PARA2 not in article.body_text
    assert {"text": PARA2, "reason": CURATOR_DROP} in [
        {"text": r.text, "reason": r.reason} for r in article.removed
    ]


def test_repeated_lines_across_a_publishers_pages():
    shared = "The Daily Planet: all the news that fits"
    texts = [f"Story {i}\n\n{shared}\n\nBody {i} is different.\n" for i in range(3)]
    assert repeated_lines(texts) == {shared.casefold()}
    article = clean_text(_page(PARA, shared + ".", PARA2), repeated={})
    assert shared + "." in article.body_text
    article = clean_text(_page(PARA, shared, PARA2), repeated=repeated_lines(texts))
    assert shared not in article.body_text


# ------------------------------------------------------------------ more block heuristics
def test_truncated_teasers_are_other_articles():
    teasers = (
        "Mayor says the budget will be balanced by next year, and that taxes...",
        "School board delays its decision on start times after parents…",
    )
    article = clean_text(_page(*teasers, PARA, PARA2, PARA3))
    assert article.body_text == "\n\n".join([PARA, PARA2, PARA3])


def test_inline_link_card_is_removed():
    card = "Mayor Unveils Plan for New Downtown Park"
    article = clean_text(_page(PARA, card, card, "The park would open in 2021.", PARA2, PARA3))
    assert card not in article.body_text
    assert "The park would open" not in article.body_text
    assert PARA2 in article.body_text


def test_list_closing_the_article_is_kept():
    items = (
        "June 9 -- Coral Sky Amphitheatre, West Palm Beach",
        "June 10 -- Credit Union Amphitheatre, Tampa",
        "June 14 -- Bank Amphitheatre, Alpharetta",
    )
    article = clean_text(_page(PARA, PARA2, "Tour dates", *items, tail=("Share", "Home")))
    for item in items:
        assert item in article.body_text


def test_page_without_prose_keeps_its_list():
    items = ("1a etapa: 10 de março – Interlagos", "2a etapa: 8 de abril – Curitiba")
    article = clean_text("Calendário da Stock Car 2018\n\n" + "\n".join(items))
    assert article.body_text.split("\n\n") == list(items)


def test_standfirst_above_the_byline_is_not_body():
    dek = "The council wants faster buses."
    article = clean_text(_page(dek, "By Jane Doe", PARA, PARA2))
    assert article.body_text == PARA + "\n\n" + PARA2


@pytest.mark.parametrize(
    "credit",
    [
        "— City Council (@citycouncil) November 19, 2019",
        # Any embed's credit the date finder knows (dates.embedded_post), in any language.
        "A post shared by City Council (@citycouncil) on Nov 19, 2019 at 7:30am PST",
        "Ein Beitrag geteilt von City Council (@citycouncil) am 19. Nov. 2019 um 7:30 Uhr",
    ],
)
def test_embedded_post_stays_with_the_article(credit):
    tweet = "We voted today to expand the bus network to the northern suburbs #transit"
    article = clean_text(_page(PARA, PARA2, tweet, credit, tail=("Share", "Home")))
    assert tweet in article.body_text and credit in article.body_text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n\n",
        "Word",
        "市議会",
        "x" * 5000,
        "Comments\nShare\nAdvertisement",
        "By\n\nUpdated\n\n©",
        "…\n...\n[…]",
        "— (@) 2019\n\npic.twitter.com/x",
    ],
)
def test_odd_inputs_do_not_crash(text):
    article = clean_text(text)
    assert isinstance(article.body_text, str)
    assert article.language


def test_a_look_that_removes_nothing_ends_the_loop(monkeypatch):
    # Random bytes in a page of Korean text (a mangled benchmark seed): ftfy
    # repairs its mojibake a little further on each look, so the cleaned text
    # never read the same twice and the cleaner looked again for ever.
    from conftest import ROOT

    from news_digest.cleaner import pipeline

    data = (ROOT / "tests" / "data" / "mojibake_every_look.txt").read_bytes()
    looks, clean_once = [], pipeline._clean_once

    def counted(*args, **kwargs):
        looks.append(1)
        assert len(looks) <= 100, "the cleaner keeps looking"
        return clean_once(*args, **kwargs)

    monkeypatch.setattr(pipeline, "_clean_once", counted)
    article = clean_bytes(data)
    assert article.title and article.body
    # The first look, one for each line a later look removed, and the last.
    assert len(looks) <= 2 + len(article.removed)


FORUM_THREAD = """Harbour Forum Community

How do I book the ferry after 08/02/2024?

Help
annlee January 28, 2024, 3:36pm 1

We run a small shop on the island and send parcels on the morning ferry.
Our drivers used the old pier, which closes for repairs in the spring.
From 08/02/2024 the timetable will be changed to the winter one.
Can our drivers still book the early crossing?
Thanks

1 Like
bopark January 28, 2024, 4:31pm 2

Have you seen the notice the harbour board published last week? It lists the new crossings.

The early crossing stays, but trade vehicles must book a day ahead through the office.
"""


def test_a_later_look_cuts_no_second_standfirst_and_a_date_in_a_sentence_is_no_dateline():
    # A look cut the lines over the first post's date line as a standfirst; a later
    # look, finding the next post's date line, must not cut the first post as another.
    article = clean_text(FORUM_THREAD)
    body = [b.text for b in article.body]
    for line in FORUM_THREAD.splitlines()[7:11]:
        assert line in body
    # "From 08/02/2024 the timetable will …" is a sentence about that day.
    assert article.date == dt.date(2024, 1, 28)


@pytest.mark.parametrize(
    "line",
    [
        "The species is peaceful, and is driven by a belief that nature is sacred. [M1 / MP]",
        "The society was founded in 1990 by three engineers from the harbour board.[1][2]",
        "The pier will open to all in the spring, the board said. (a 3)",
    ],
)
def test_a_sentence_with_its_references_is_prose(line):
    assert boilerplate.is_prose(line)
    assert boilerplate.line_score(line) > 0


def test_a_label_with_a_bracketed_date_is_no_prose():
    assert not boilerplate.is_prose("기사입력 :[ 2018-09-28 17:32 ]")
    assert not boilerplate.is_prose("Read the whole story on the harbour board's site [here]")


def test_a_paywall_prompt_with_the_text_going_on_after_it_ends_nothing():
    # Copied whole by a subscriber: the prompt is furniture, the text under it the article's.
    more = "The council will review the routes after a year and publish how many people use them."
    prompt = "Already a subscriber? View your reports here →"
    article = clean_text(_page(PARA, PARA2, prompt, PARA3, more))
    body = [b.text for b in article.body]
    assert PARA3 in body and more in body and prompt not in body
    # A prompt the text stops at, and comments under the article, still end it.
    article = clean_text(_page(PARA, PARA2, "Already a subscriber? Log in", "Subscribe now"))
    assert [b.text for b in article.body] == [PARA, PARA2]
    article = clean_text(_page(PARA, PARA2, "Comments", PARA3))
    assert PARA3 not in [b.text for b in article.body]


def test_a_guides_introduction_over_its_list_is_the_articles_lead():
    # Intro prose, a long list of short items, then the main prose: the intro stays.
    intro = [PARA, PARA2, PARA3, "Here is the list of the routes the council chose, by area."]
    # Longer than the introduction: its lines cost more than the intro's prose is worth.
    items = [f"{area} {time}: Route {n}" for n, (area, time) in enumerate(_STOPS, 1)]
    main = [
        "The northern route starts at the old station and reaches the hospital in twelve "
        "minutes, stopping twice on the way at the market and at the new housing estate.",
        "Drivers will be hired over the winter; the union said it welcomed the extra jobs but "
        "wanted the council to agree on breaks before the first buses leave the depot.",
        "A second route crosses the river on the rebuilt bridge and ends at the university, "
        "where students had asked for a late bus on Fridays and Saturdays for years.",
        "The third route is the longest, looping through four villages that lost their only "
        "service when the private operator gave up its licence two summers ago.",
        "Fares stay at two pounds a ride, and children under twelve travel free with an adult, "
        "as they already do on the routes the council runs in the south of the city.",
    ]
    article = clean_text(_page(*intro, *items, *main))
    body = [b.text for b in article.body]
    assert all(p in body for p in intro[:3]) and all(p in body for p in main)


_AREAS = [
    "Harbour",
    "Old Town",
    "Riverside",
    "Northgate",
    "Market Square",
    "Hillcrest",
    "Station",
    "Meadows",
    "Castle View",
    "Quayside",
    "University",
    "Hospital",
    "Parkway",
    "Westfield",
    "Eastbrook",
    "Airport",
]
_STOPS = [(area, time) for area in _AREAS for time in ("mornings", "evenings")]
