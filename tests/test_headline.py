"""The headline is chosen after the body, by the learned ranker, and never cuts the body."""

from __future__ import annotations

import json
import math
import os
from importlib import resources

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from news_digest.cleaner import clean_text, headline
from news_digest.cleaner.boilerplate import duplicates
from news_digest.cleaner.features import (
    HEADLINE_FEATURES,
    candidates,
    controls_row,
    headline_features,
)
from news_digest.cleaner.pipeline import seed_lines
from news_digest.cleaner.record import Line

WORDS = [
    *("council", "bridge", "river", "vote", "budget", "school", "parents", "teachers"),
    *("road", "city", "mayor", "residents", "plan", "money", "workers", "week"),
    *("spring", "summer", "library", "park", "station", "train"),
]


def _sentence(words: list[str], note: str) -> str:
    return " ".join(["The", *words]).rstrip() + "." + note


#: Paragraphs end in a full stop, some with a short note in brackets after it.
paragraphs = st.lists(
    st.builds(
        _sentence,
        st.lists(st.sampled_from(WORDS), min_size=6, max_size=30),
        st.sampled_from(["", " (a 3)", " (AP)"]),
    ),
    min_size=2,
    max_size=6,
    unique=True,
)
headline_shaped = st.lists(st.sampled_from(WORDS), min_size=3, max_size=10).map(
    lambda words: " ".join(w.capitalize() for w in words)
)


@settings(max_examples=60, deadline=None, derandomize=bool(os.environ.get("CI")))
@given(paragraphs, headline_shaped, st.data())
def test_a_headline_shaped_line_below_the_first_paragraph_never_removes_body(body, intruder, data):
    # An article that does not say the same paragraph twice: repeats are the
    # duplicate test's business, and near-copies of one sentence interact
    # with it in ways that have nothing to do with the headline.
    assume(not any(duplicates([Line(i, t) for i, t in enumerate(body)])))
    text = "Council backs the new bridge plan\n\nBy Ann Lee Feb 14, 2018\n\n" + "\n\n".join(body)
    before = [block.text for block in clean_text(text).body]
    assume(before)
    # Anywhere below the first paragraph: between paragraphs or after the last.
    at = data.draw(st.integers(min_value=1, max_value=len(body)))
    changed = [*body[:at], intruder, *body[at:]]
    text = "Council backs the new bridge plan\n\nBy Ann Lee Feb 14, 2018\n\n" + "\n\n".join(changed)
    after = [block.text for block in clean_text(text).body]
    # Every line that was body is body still, in order: the intruder (kept
    # as a subheading or dropped) takes nothing with it.
    remaining = iter(after)
    assert all(line in remaining for line in before), (before, after)


signoff = st.sampled_from(
    ["By Ann Lee", "Autor: Julius Richter", "Autor*in\nBrit Weirich", "Ann Lee, Feb 14, 2018"]
)


@settings(max_examples=40, deadline=None, derandomize=bool(os.environ.get("CI")))
@given(paragraphs, signoff)
def test_a_byline_under_the_last_paragraph_never_removes_the_article(body, byline):
    # A byline signs the article off: what lies above it is the article, not
    # a standfirst between the headline and the byline.
    assume(not any(duplicates([Line(i, t) for i, t in enumerate(body)])))
    text = "Council backs the new bridge plan\n\n" + "\n\n".join(body)
    before = [block.text for block in clean_text(text).body]
    assume(before)
    after = clean_text(f"{text}\n\n{byline}")
    assert [block.text for block in after.body][: len(before)] == before
    assert after.authors


ANN_LEE = """City opens new library branch downtown

By Ann Lee Feb 14, 2018

The new branch has a reading room, a cafe and a garden for children and parents. (a 3)

Officials said the building cost less than planned and was finished two months early. (a 3)

Classes for adults start in March, with evening sessions on computers and languages. (a 3)

Membership is free for residents of the county and the reading room is open to all. (a 3)

The library opens at nine every morning except on Sundays and holidays.
"""


def test_paragraphs_ending_in_a_bracketed_note_stay_body_under_the_real_headline():
    # Four paragraphs ending in "(a 3)" and a last one-line paragraph: the
    # fourth was taken as the headline and everything above it cut.
    article = clean_text(ANN_LEE)
    assert article.title == "City opens new library branch downtown"
    assert article.authors == ["Ann Lee"]
    assert str(article.date) == "2018-02-14"
    paragraphs = [p for p in ANN_LEE.split("\n\n")[2:]]
    assert [block.text for block in article.body] == [p.strip() for p in paragraphs]


RELATED = "\n\n".join(
    [
        "Rare lung disease puzzles doctors across the region",
        "By Ann Lee",
        "Doctors in three hospitals have seen a rise in cases of a rare lung disease "
        "this winter, and they do not yet know why it spreads.",
        "The patients are mostly young adults who had been healthy, and most of them "
        "recovered after a few weeks of treatment in hospital.",
        "Researchers are now comparing the cases to find what the patients have in "
        "common, from their work to the places they live.",
        "More from the region",
        "Two soldiers die in helicopter crash abroad",
        "Storm closes schools along the coast",
        "Markets fall as oil prices climb again",
    ]
)


RELATED_BODY = (
    "Der Stadtrat hat am Dienstag beschlossen, drei neue Buslinien einzurichten, die "
    "die nördlichen Vororte mit dem Krankenhaus und der Universität verbinden.\n\n"
    "Die neuen Linien sollen im Frühjahr starten, sobald genug Fahrer eingestellt "
    "und ausgebildet sind, und die Preise bleiben in diesem Jahr gleich."
)


def _candidates_over_the_headline(line: str) -> list[str]:
    """The candidate lines of ``line`` over a headline and a short article."""
    lines = seed_lines(f"{line}\n\nRathaus beschließt neuen Busplan\n\n{RELATED_BODY}")
    return [lines[i].text for i in candidates(lines)]


def test_a_related_stories_box_below_the_article_is_not_the_headline():
    article = clean_text(RELATED)
    assert article.title == "Rare lung disease puzzles doctors across the region"
    texts = [block.text for block in article.body]
    assert texts[0].startswith("Doctors in three hospitals")
    assert texts[-1].startswith("Researchers are now comparing")


@pytest.mark.parametrize(
    "control",
    [
        "Skip to content",
        "Zum Inhalt springen",
        "Aller au contenu principal",
        "Saltar al contenido",
        "Zurück zur Übersicht",
        "Mein Konto",
        "Suche",
        "Teilen",
        "Menü schließen",
        "Skip navigation",
        "View all (23)",  # a gallery's or a list's button
        "Back to Blog",  # a link back to the list of posts
        "Show more",
    ],
)
def test_a_page_control_in_any_of_the_dev_languages_is_never_a_candidate(control):
    texts = _candidates_over_the_headline(control)
    assert control not in texts
    assert "Rathaus beschließt neuen Busplan" in texts


@pytest.mark.parametrize(
    "line",
    [
        "/ Cory Doctorow / 10:08 am Fri Jul 19, 2013",  # a dateline with a clock and weekday
        "Chief Education Officer Ramona Archer. (Picture by Jameel Springer)",  # a caption
        "Home » Nachrichten » Lokales » Rathaus",  # breadcrumb trails
        "Startseite › Politik › Stadt",
        "BLOG > Weight Loss > Weight Loss Tips",
        "You are here: News",
        "Sie sind hier: Startseite",
    ],
)
def test_datelines_captions_and_breadcrumbs_are_never_candidates(line):
    texts = _candidates_over_the_headline(line)
    assert line not in texts
    assert "Rathaus beschließt neuen Busplan" in texts


@pytest.mark.parametrize(
    "row",
    [
        "Facebook Twitter Pinterest E-Mail WhatsApp",
        "Jump to main navigation Jump to main content",
        "Zur Hauptnavigation springen Zur Suche springen Zum Inhalt springen",
    ],
)
def test_a_row_of_controls_is_never_the_headline(row):
    assert controls_row(row)
    article = clean_text(f"{row}\n\nRathaus beschließt neuen Busplan\n\n{RELATED_BODY}")
    assert article.title == "Rathaus beschließt neuen Busplan"
    # Even when it is the only headline-shaped line there is.
    lines = seed_lines(f"{row}\n\n{RELATED_BODY}")
    body = [i for i in range(len(lines)) if lines[i].text.startswith(("Der Stadtrat", "Die neuen"))]
    choice = headline.choose(lines, body)
    assert choice is None or choice.text != row


@pytest.mark.parametrize(
    "furniture",
    [
        "Partager sur Facebook Partager sur Twitter Partager par e-mail",
        "Click to share on Reddit (Opens in new window)",
        "Your cart is empty",
        "shopping_cart Warenkorb (0)",
        "Notify Me When Back in Stock",
        "Suche nach:",
        "Page Contents",
        "Seite 34 von 40",
        "← Vorherige Nächste →",
        "top of page",
        "Advertising",
        "Anzeige",
        "Facebook",
        "Schließen Schließen",
        "Zum Vergrößern bitte anklicken",
        "[› redaktion@example.de",
        "www.example.com/kontakt",
        "Zutaten:",
        "Several readers have reported the same problem:",
    ],
)
def test_shop_search_consent_and_paging_controls_are_never_candidates(furniture):
    lines = seed_lines(f"{furniture}\n\n{RELATED_BODY}")
    assert furniture not in [lines[i].text for i in candidates(lines)]


@pytest.mark.parametrize(
    "title",
    [
        "Search for missing sailors ends after three days",
        "Shop owners fear the new car park fees",
        "See all the ways the ferry pier changed",
    ],
)
def test_headlines_with_a_control_word_stay_candidates(title):
    lines = seed_lines(f"{title}\n\n{RELATED_BODY}")
    assert title in [lines[i].text for i in candidates(lines)]


def test_a_headline_that_names_two_networks_is_no_row_of_controls():
    title = "Facebook and Twitter ban political ads before the vote"
    assert not controls_row(title)
    lines = seed_lines(f"{title}\n\n{RELATED_BODY}")
    assert title in [lines[i].text for i in candidates(lines)]


@pytest.mark.parametrize("title", ["Home Alone 2 is back", "Winda w chmurach / Obyczaje"])
def test_titles_with_a_home_word_or_one_slash_stay_candidates(title):
    lines = seed_lines(f"{title}\n\n{RELATED_BODY}")
    assert title in [lines[i].text for i in candidates(lines)]


def test_a_headline_broken_after_its_colon_is_read_whole():
    text = (
        "Krach vor der VW-Betriebsversammlung:\nEs knirscht zwischen Diess und Aufsichtsräten"
        f"\n\n{RELATED_BODY}"
    )
    article = clean_text(text)
    assert article.title == (
        "Krach vor der VW-Betriebsversammlung: Es knirscht zwischen Diess und Aufsichtsräten"
    )
    body = " ".join(block.text for block in article.body)
    assert "Es knirscht" not in body and "Krach" not in body and "Buslinien" in body
    assert {r.line: r.reason for r in article.removed if r.line <= 2} == {1: "title", 2: "title"}


def test_a_label_over_its_list_is_not_a_broken_headline():
    lines = seed_lines(f"Zutaten:\n\n500 g Mehl\n\n{RELATED_BODY}")
    assert "Zutaten:" not in [lines[i].text for i in candidates(lines)]


def test_a_headline_under_a_menu_longer_than_the_window_is_found():
    menu = "\n".join(f"Rubrik {n}" for n in range(500))
    text = f"{menu}\n\nRathaus beschließt neuen Busplan\n\n{RELATED_BODY}"
    lines = seed_lines(text)
    title = next(i for i, line in enumerate(lines) if line.text.startswith("Rathaus"))
    body = [i for i in range(len(lines)) if lines[i].text.startswith(("Der Stadtrat", "Die neuen"))]
    assert title not in candidates(lines)  # beyond the fixed window from the top ...
    assert title in candidates(lines, body)  # ... but just above the body
    assert clean_text(text).title == "Rathaus beschließt neuen Busplan"


@pytest.mark.parametrize(
    "first", ["Warum ich lieber mit dem Bus zur Arbeit fahre.", "Why I take the bus to work now."]
)
def test_a_first_line_that_reads_as_a_sentence_is_the_headline_over_a_byline(first):
    article = clean_text(f"{first}\n\nNike Jane – 14.09.2022 – Kolumne\n\n{RELATED_BODY}")
    assert article.title == first
    assert article.body[0].text.startswith("Der Stadtrat")


@pytest.mark.parametrize("text", ["Test", "The council met on Tuesday."])
def test_the_only_line_of_a_seed_stays_its_body(text):
    article = clean_text(text)
    assert article.title is None
    assert [block.text for block in article.body] == [text]


def test_a_lead_sentence_is_never_taken_from_the_body_as_headline():
    text = (
        "The council voted on Tuesday to rebuild the old bridge over the river, after "
        "years of debate about its cost, and the vote was close.\n\n"
        "Residents who use the bridge every day said they were glad the work would "
        "finally start next spring.\n"
    )
    article = clean_text(text)
    assert len(article.body) == 2
    assert article.title is None
    assert any("no recognisable title" in w for w in article.warnings)


def test_confidence_is_given_for_title_and_body():
    article = clean_text(ANN_LEE)
    assert set(article.confidence) >= {"title", "body"}
    assert 0.0 <= article.confidence["title"] <= 1.0
    assert article.confidence["body"] == 1.0


def test_a_body_of_furniture_is_a_warning():
    article = clean_text("Home\n\nNews\n\nSport\n\nWeather\n\nContact us\n\nAbout\n")
    assert article.confidence["body"] < 0.2
    assert any("the body is all furniture" in w for w in article.warnings)


def test_the_shipped_model_matches_the_features_and_holds_no_code():
    data = json.loads(
        resources.files("news_digest.cleaner").joinpath(headline.MODEL_FILE).read_text("utf-8")
    )
    assert tuple(data["features"]) == HEADLINE_FEATURES
    model = headline.Model.from_json(data)
    assert model.coef or model.trees
    for tree in model.trees:
        assert all(0 <= f < len(HEADLINE_FEATURES) for f in tree.feature)
        assert all(-1 <= child < len(tree.feature) for child in tree.left + tree.right)
    wrong = dict(data, features=list(HEADLINE_FEATURES[:-1]))
    with pytest.raises(ValueError, match="retrain"):
        headline.Model.from_json(wrong)
    # A model file without the confidence's weights is refused the same way.
    assert len(data["calibration"]) == 4
    with pytest.raises(ValueError, match="retrain"):
        headline.Model.from_json({k: v for k, v in data.items() if k != "calibration"})


def test_a_tree_adds_the_value_of_the_leaf_a_row_reaches():
    # Node 0 asks feature 1 <= 0.5; leaves 1 and 2 give -1 and +2.
    tree = headline.Tree((1, 0, 0), (0.5, 0.0, 0.0), (1, -1, -1), (2, -1, -1), (0.0, -1.0, 2.0))
    model = headline.Model(HEADLINE_FEATURES, 0.25, trees=(tree,))
    row = [0.0] * len(HEADLINE_FEATURES)
    assert model.score(row) == 0.25 - 1.0
    row[1] = 1.0
    assert model.score(row) == 0.25 + 2.0


def test_the_confidence_grows_with_the_lead_over_the_other_lines():
    model = headline.model()
    # One line far ahead of the rest, then the same line with a close runner-up,
    # then with many close ones: each less sure than the one before.
    alone = model.confidence([4.0, -3.0, -3.0, -3.0])
    close = model.confidence([4.0, 3.5, -3.0, -3.0])
    crowded = model.confidence([4.0, 3.9, 3.9, 3.8])
    assert 1.0 > alone > close > crowded > 0.0
    # "No line is the headline" runs with the lines at NO_HEADLINE_SCORE (0).
    assert headline.evidence([4.0, 3.5, -3.0]) == pytest.approx(
        (4.0, 0.5, -math.log(1 + math.exp(-0.5) + math.exp(-7.0) + math.exp(-4.0)))
    )
    assert headline.evidence([12.0])[1] == headline.LEAD_CLIP
    # A lone line scored low is no sure headline: it does not beat "none".
    assert headline.evidence([-2.0]) == pytest.approx((-2.0, -2.0, -math.log(1 + math.exp(2.0))))
    assert model.confidence([-2.0]) < headline.TITLE_UNSURE < model.confidence([6.0])


def test_scoring_a_page_at_once_is_scoring_each_line():
    lines = seed_lines(RELATED + "\n\n" + ANN_LEE)
    rows = headline_features(lines, [2, 3, 4], candidates(lines))
    model = headline.model()
    assert model.score_rows(rows) == pytest.approx([model.score(row) for row in rows])


def test_every_candidate_gets_one_value_per_feature():
    lines = seed_lines(ANN_LEE)
    indexes = candidates(lines)
    rows = headline_features(lines, [2, 3, 4, 5, 6], indexes)
    assert len(rows) == len(indexes) and all(len(r) == len(HEADLINE_FEATURES) for r in rows)


CHINESE_PAGE = "\n\n".join(
    [
        "无障碍说明",
        "首页\n新闻\n体育\n科技",
        "科技 > 要闻 > 正文",
        "人工智能迈上新台阶 新电脑已可利用记忆自学",
        "2016年10月14日",
        "研究人员表示，新电脑已可利用记忆自学，人工智能因此迈上新台阶。"
        "这台电脑能够从过去的经验中学习，并把学到的东西用于新的任务。",
        "专家认为，能够利用记忆自学的人工智能将改变许多行业，"
        "但新台阶也带来新的问题，研究人员正在讨论如何确保其安全。",
        "这项研究的成果发表在科学期刊上，研究团队计划明年继续改进这台电脑的学习能力。",
    ]
)


def test_a_chinese_headline_is_told_by_the_words_its_body_repeats():
    # Chinese puts no spaces between words: the body's echo of the headline is
    # read from pairs of characters, so the headline is echoed and the menu is not.
    lines = seed_lines(CHINESE_PAGE)
    indexes = candidates(lines)
    body = [i for i, line in enumerate(lines) if len(line.text) > 30]
    rows = dict(zip(indexes, headline_features(lines, body, indexes), strict=True))
    echo = HEADLINE_FEATURES.index("echo_share")
    texts = [line.text for line in lines]
    assert rows[texts.index("人工智能迈上新台阶 新电脑已可利用记忆自学")][echo] > 0.8
    assert rows[texts.index("首页")][echo] == 0.0  # a menu entry
    assert texts.index("无障碍说明") not in rows  # an accessibility link: no candidate
    assert clean_text(CHINESE_PAGE).title == "人工智能迈上新台阶 新电脑已可利用记忆自学"


def test_headlines_each_over_its_date_in_a_list_are_not_candidates():
    text = "\n\n".join(
        [
            "These Weeks in Firefox: Issue 85",
            "December 18, 2020",
            "The team landed a faster start-up, a new screenshot tool and many small fixes.",
            "More articles in News",
            "These Weeks in Firefox: Issue 106",
            "December 17, 2021",
            "These Weeks in Firefox: Issue 105",
            "December 7, 2021",
            "These Weeks in Firefox: Issue 104",
            "November 18, 2021",
        ]
    )
    lines = seed_lines(text)
    chosen = [lines[i].text for i in candidates(lines)]
    assert "These Weeks in Firefox: Issue 85" in chosen
    assert not any("Issue 10" in text for text in chosen)
    # Two such pairs are no list: a headline and its date may follow another's.
    two = seed_lines(text.rsplit("\n\nThese Weeks in Firefox: Issue 104", 1)[0])
    assert "These Weeks in Firefox: Issue 105" in [two[i].text for i in candidates(two)]


@pytest.mark.parametrize(
    ("under", "headed"),
    [("By Amy Kuperinsky | NJ Advance Media", True), ("The campaign ran for a week.", False)],
)
def test_an_unsure_sentence_of_the_body_heads_the_article_only_over_a_sure_byline(
    monkeypatch, under, headed
):
    sentence = "South Dakota doubles down on its slogan. They just might be right."
    text = "\n\n".join([sentence, under, *RELATED_BODY.split("\n\n")])

    def unsure(lines, body, scorer=None):  # the ranker's pick, as on a page it is unsure of
        index = next(i for i, ln in enumerate(lines) if ln.text == sentence)
        return headline.Choice(sentence, index, lines[index].number, 0.1, None)

    monkeypatch.setattr(headline, "choose", unsure)
    article = clean_text(text)
    assert (article.title == sentence) is headed
    body = " ".join(block.text for block in article.body)
    assert (sentence not in body) is headed  # without a headline, the sentence stays body


def test_a_page_title_with_the_sites_name_gives_way_to_the_headline_printed_alone():
    lines = seed_lines(
        "Council backs new bus lines to the suburbs | Harbour Gazette | News\n\n"
        "Menu\n\nCouncil backs new bus lines to the suburbs\n\n"
        f"By Kari Hansen\n\n{RELATED_BODY}"
    )
    body = [i for i, ln in enumerate(lines) if "Stadtrat" in ln.text or "Linien" in ln.text]
    chosen = headline.choose(lines, body)
    assert chosen.text == "Council backs new bus lines to the suburbs" and chosen.index == 2
    # A part before the headline is kept: the title as the page gives it.
    assert (
        headline._standalone(
            seed_lines("3.1 Git Branching - Branches in a Nutshell\n\nBranches in a Nutshell"),
            [0, 1],
            0,
        )
        == 0
    )
