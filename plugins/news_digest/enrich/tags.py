"""Tags: what an article is about, as a reader would file it.

An article's tag candidates come from two places, each filtered hard:

- the people, organisations and places it names most (:mod:`.entities`),
  those its headline names first;
- keyphrases of the whole text (title and body) found by YAKE, in the
  article's language: a phrase is kept only if the body repeats it within one
  sentence (so it never spans a sentence boundary), it holds no weekday,
  month or number, it is not a publisher's name, and it is either a name the
  entities know, a capitalised name the body repeats, or a phrase of two or
  more ordinary words ("helicopter crash"). A single common word is never a tag.

Across the site (:func:`site_tags`) spellings that differ only in case,
accents or a plural are one tag, and a tag naming fewer than
``NEWS_DIGEST_TAG_MIN_ARTICLES`` articles is dropped: a tag is there to
lead to other articles.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from functools import cache, lru_cache
from importlib import resources

from .entities import CALENDAR, COMMON_STARTS, Extraction, surname
from .gazetteer import given_names, honorific_words, word_list

#: Tags an article shows at most, of its candidates the site keeps.
DEFAULT_TAGS_PER_ARTICLE = 5
#: Tag candidates an article offers the site.
TAG_CANDIDATES = 8
#: Articles a tag must name to be kept (``NEWS_DIGEST_TAG_MIN_ARTICLES``).
DEFAULT_TAG_MIN_ARTICLES = 2
#: Entities an article gives as tags at most, and the mentions one needs
#: (one is enough when the headline names it too).
MAX_ENTITY_TAGS = 5
MIN_ENTITY_MENTIONS = 2
#: Keyphrases an article gives as tags at most, of those YAKE ranks first.
MAX_KEYPHRASE_TAGS = 4
KEYPHRASE_CANDIDATES = 25
MAX_PHRASE_WORDS = 3
#: Times the text must use a keyphrase (title and body together).
MIN_PHRASE_OCCURRENCES = 2
#: Times the body must use a single capitalised word for it to be a tag ("Sentra").
MIN_SINGLE_NAME_OCCURRENCES = 3
#: Lower-case words inside names ("Cavalieri dello Zodiaco", "Department of Justice").
NAME_JOINERS = frozenset(
    {"of", "for", "the", "and", "de", "del", "della", "dello", "di", "da", "do", "dos", "das"}
    | {"du", "des", "la", "le", "van", "von", "der", "den", "y"}
)
#: Languages that write every noun with a capital.
CAPITALISED_NOUN_LANGUAGES = frozenset({"de", "lb"})
#: YAKE's similarity above which two keyphrases are one ("lunar lander", "lunar landers").
KEYPHRASE_DEDUP = 0.8
#: YAKE's stop-word lists, by ISO 639-1 code (Czech is filed as "cz").
YAKE_LANGUAGES = frozenset(
    {
        "ar",
        "bg",
        "br",
        "cz",
        "da",
        "de",
        "el",
        "en",
        "es",
        "et",
        "fa",
        "fi",
        "fr",
        "hi",
        "hr",
        "hu",
        "hy",
        "id",
        "it",
        "ja",
        "lt",
        "lv",
        "nl",
        "no",
        "pl",
        "pt",
        "ro",
        "ru",
        "sk",
        "sl",
        "sv",
        "tr",
        "uk",
        "zh",
    }
)
_LANGUAGE_ALIASES = {"cs": "cz"}
#: Scripts written without spaces between words: YAKE's words would be whole clauses.
UNSPACED_LANGUAGES = frozenset({"ja", "zh", "ko", "th", "lo", "km", "my"})

_NUMBER = re.compile(r"^[\W\d_]*\d[\d\W_]*$")
_ACRONYM = re.compile(r"^[A-Z][A-Z&]+$")
_SENTENCE_END = re.compile(r"[.!?]\s+")


@cache
def _extractor(language: str):
    import yake  # imported here: the cleaner alone never needs it

    return yake.KeywordExtractor(
        lan=language, n=MAX_PHRASE_WORDS, dedup_lim=KEYPHRASE_DEDUP, top=KEYPHRASE_CANDIDATES
    )


def yake_language(language: str | None) -> str | None:
    """YAKE's name for ``language``; ``None`` where YAKE's words would be meaningless."""
    code = (language or "en").split("-")[0].lower()
    if code in UNSPACED_LANGUAGES:
        return None
    code = _LANGUAGE_ALIASES.get(code, code)
    return code if code in YAKE_LANGUAGES else "en"


def keyphrases(title: str, paragraphs: list[str], language: str | None = "en") -> list[str]:
    """YAKE's keyphrases of the headline and body, best first, unfiltered."""
    lan = yake_language(language)
    if lan is None:
        return []
    # The headline ends with a full stop so YAKE never joins it to the first line.
    text = title.rstrip(" .") + ".\n" + "\n".join(paragraphs)
    return [phrase for phrase, _score in _extractor(lan).extract_keywords(text)]


@lru_cache(maxsize=1)
def publisher_names() -> frozenset[str]:
    """Outlets' names and aliases (the cleaner's publisher data), case folded."""
    path = resources.files("news_digest.cleaner").joinpath("data/publishers.json")
    names = set()
    for entry in json.loads(path.read_text("utf-8")).get("publishers", []):
        names.add(entry["name"])
        names.update(entry.get("aliases", []))
        names.update(d.split(".")[0] for d in entry.get("domains", []))
    return frozenset(fold(n) for n in names)


def fold(text: str) -> str:
    """Case, accents, apostrophes and spacing set aside: the key two spellings share."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


def tag_key(tag: str) -> str:
    """:func:`fold`, each word less a plural "s": "Lunar landers" and "lunar lander" are one tag."""
    return " ".join(_singular(w) for w in fold(tag).split())


def _singular(word: str) -> str:
    if len(word) <= 3 or not word.endswith("s") or word.endswith("ss"):
        return word
    if word.endswith("es") and word[:-2].endswith(("s", "x", "z", "ch", "sh")):
        return word[:-2]
    return word[:-1]


def _occurrences(phrase: str, text: str, exact_case: bool) -> int:
    """How often ``phrase`` stands in ``text`` as whole words, its words separated by spaces
    only, so never across a sentence end or a comma."""
    words = [re.escape(w) for w in phrase.split()]
    pattern = r"(?<![\w-])" + r"[ \t]+".join(words) + r"(?![\w-])"
    return len(re.findall(pattern, text, 0 if exact_case else re.IGNORECASE))


def _standalone(phrase: str, text: str) -> int:
    """How often ``phrase`` stands in ``text`` exactly so, not inside a longer name
    ("Oklahoma" in "Oklahoma City", "Zodiaco" in "Cavalieri dello Zodiaco")."""
    words = r"[ \t]+".join(re.escape(w) for w in phrase.split())
    count = 0
    for match in re.finditer(r"(?<![\w’'-])" + words + r"(?![\w’'-])", text):
        before = text[max(0, match.start() - 40) : match.start()].split()
        after = text[match.end() : match.end() + 40].split()
        if before and before[-1].lower() in NAME_JOINERS and len(before) > 1:
            before = before[:-1]
        if after and after[0].lower() in NAME_JOINERS and len(after) > 1:
            after = after[1:]
        joined_before = before and before[-1][:1].isupper() and before[-1][-1:].isalnum()
        joined_after = after and after[0][:1].isupper() and match.group(0)[-1:] not in ".!?"
        if not joined_before and not joined_after:
            count += 1
    return count


def _capitalised_nouns(language: str | None) -> bool:
    """Whether ``language`` capitalises every noun (German), so a capital marks no name."""
    return (language or "").split("-")[0].lower() in CAPITALISED_NOUN_LANGUAGES


def _body_form(phrase: str, text: str) -> str:
    """``phrase`` as ``text`` most often writes it in mid-sentence, if it does."""
    words = r"[ \t]+".join(re.escape(w) for w in phrase.split())
    forms: Counter = Counter()
    for match in re.finditer(r"(?<![\w-])" + words + r"(?![\w-])", text, re.IGNORECASE):
        before = text[: match.start()].rstrip()
        if before and before[-1] not in '.!?:"“”‘\n':
            forms[" ".join(match.group(0).split())] += 1
    return min(forms.items(), key=lambda f: (-f[1], f[0]))[0] if forms else phrase


def _bad_word(word: str) -> bool:
    return bool(_NUMBER.match(word)) or word.strip(".,") in CALENDAR or fold(word) in _calendar()


@lru_cache(maxsize=1)
def _calendar() -> frozenset[str]:
    return frozenset(fold(w) for w in CALENDAR | word_list("calendar_other.txt"))


def _shape(words: list[str]) -> str:
    capital = [w[0].isupper() for w in words]
    if all(capital):
        return "name"
    if not any(capital):
        return "common"
    return "mixed"


def _sentence_starts_only(phrase: str, text: str) -> bool:
    """Whether every use of a capitalised phrase begins a sentence ("Police arrested …")."""
    for match in re.finditer(r"(?<![\w-])" + re.escape(phrase) + r"(?![\w-])", text):
        before = text[: match.start()].rstrip()
        ended = _SENTENCE_END.search(text[max(0, match.start() - 3) : match.start()])
        if before and not ended and before[-1] not in ".!?:\"“”‘'(\n":
            return False
    return True


def _title_word(word: str) -> bool:
    return (word,) in honorific_words() or word in COMMON_STARTS


def keyphrase_tags(
    title: str,
    paragraphs: list[str],
    language: str | None,
    entity_names: dict[str, str],
    excluded: frozenset[str] = frozenset(),
) -> list[str]:
    """The keyphrases fit to be tags, best first (see the module's rules).

    ``entity_names`` maps the :func:`fold` of each entity (and of a person's
    surname, where it names one person) to its name; ``excluded`` holds folded
    names never to tag (publishers).
    """
    body = "\n".join(paragraphs)
    found: list[str] = []
    for phrase in keyphrases(title, paragraphs, language):
        # As the body writes it: the headline's capitals say nothing ("Warehouse Fire").
        phrase = _body_form(phrase, body)
        words = phrase.split()
        key = fold(phrase)
        if key in excluded or any(_bad_word(w) for w in words):
            continue
        if key in entity_names:
            found.append(entity_names[key])
            continue
        shape = _shape(words)
        if shape == "common":
            # The body's own words, not the headline's ("allowed to play").
            if len(words) < 2 or _occurrences(phrase, body, exact_case=False) < (
                MIN_PHRASE_OCCURRENCES
            ):
                continue
        elif shape == "name":
            if any(_title_word(w) for w in words):
                continue
            # A name that ends in a given name is a person's cut in two ("President Richard").
            if words[-1] in given_names() or any(fold(w) in excluded for w in words):
                continue
            standing = _standalone(phrase, body)
            # One capitalised word: a proper noun ("Sentra") only where common nouns
            # are written in lower case, and only if the body keeps using it.
            if (
                len(words) == 1
                and not _ACRONYM.match(phrase)
                and (_capitalised_nouns(language) or standing < MIN_SINGLE_NAME_OCCURRENCES)
            ):
                continue
            if standing < MIN_PHRASE_OCCURRENCES or _sentence_starts_only(phrase, body):
                continue
        else:
            continue
        found.append(phrase)
    return _distinct(found)


def _distinct(tags: list[str]) -> list[str]:
    """Each tag once; of tags one of which holds the other ("Duvet lung",
    "Feather duvet lung"), the longer."""
    keys = [tag_key(t) for t in tags]
    kept, seen = [], set()
    for tag, key in zip(tags, keys, strict=True):
        inside = any(other != key and f" {key} " in f" {other} " for other in keys)
        if key not in seen and not inside:
            seen.add(key)
            kept.append(tag)
    return kept


def entity_lookup(extraction: Extraction) -> dict[str, str]:
    """:func:`fold` of each entity's name, and of a surname naming one person, to the name."""
    table: dict[str, str] = {}
    surnames: dict[str, set[str]] = {}
    for entity in extraction.entities:
        table.setdefault(fold(entity.name), entity.name)
        if entity.kind == "person" and len(entity.name.split()) > 1:
            surnames.setdefault(fold(surname(entity.name)), set()).add(entity.name)
    for last, names in surnames.items():
        if len(names) == 1:
            table.setdefault(last, next(iter(names)))
    return table


def entity_tags(title: str, extraction: Extraction, excluded: frozenset[str]) -> list[str]:
    """The entities the article is about: named often, or named in its headline."""
    headline = fold(title)
    ranked = []
    for order, entity in enumerate(extraction.entities):
        # A bare given name or surname ("Carlos") says too little to file an article under.
        if fold(entity.name) in excluded or (entity.kind == "person" and " " not in entity.name):
            continue
        named = any(
            re.search(r"(?<!\w)" + re.escape(fold(part)) + r"(?!\w)", headline)
            for part in {entity.name, entity.name.split()[-1]}
        )
        if entity.count >= MIN_ENTITY_MENTIONS or (named and entity.count):
            ranked.append((not named, -entity.count, order, entity.name))
    return [name for *_, name in sorted(ranked)[:MAX_ENTITY_TAGS]]


def article_tags(
    title: str,
    paragraphs: list[str],
    language: str | None,
    extraction: Extraction,
    source: str | None = None,
    limit: int = TAG_CANDIDATES,
) -> list[str]:
    """An article's tag candidates, best first: its main entities, then its keyphrases."""
    excluded = publisher_names() | ({fold(source)} if source else set())
    entities = entity_tags(title, extraction, excluded)
    phrases = keyphrase_tags(title, paragraphs, language, entity_lookup(extraction), excluded)
    tags = _distinct(entities + [p for p in phrases if p not in entities][:MAX_KEYPHRASE_TAGS])
    return [_display(t) for t in tags][:limit]


def _display(tag: str) -> str:
    """Ordinary-word phrases start with a capital, as tag names do ("Helicopter crash")."""
    return tag[0].upper() + tag[1:] if tag[:1].islower() else tag


def site_tag_names(
    candidates: dict[str, list[str]], min_articles: int = DEFAULT_TAG_MIN_ARTICLES
) -> dict[str, str]:
    """``{tag_key: name shown}`` of the tags the site keeps, of all articles' candidates.

    Spellings with one :func:`tag_key` are one tag, named as most articles
    write it; a one-word name that ends exactly one longer tag is that tag
    ("Trump", "Donald Trump"); a tag naming fewer than ``min_articles``
    articles is dropped.
    """
    spellings: dict[str, Counter] = {}
    for tags in candidates.values():
        for tag in tags:
            spellings.setdefault(tag_key(tag), Counter())[tag] += 1
    target = {key: key for key in spellings}
    longer: dict[str, set[str]] = {}
    for key in spellings:
        if " " in key:
            longer.setdefault(key.rsplit(" ", 1)[1], set()).add(key)
    for key, counts in spellings.items():
        capitalised = next(iter(counts))[:1].isupper()
        if " " not in key and capitalised and len(longer.get(key, ())) == 1:
            target[key] = next(iter(longer[key]))
    articles: Counter = Counter()
    for tags in candidates.values():
        articles.update({target[tag_key(t)] for t in tags})
    names = {}
    for key, goal in target.items():
        if articles[goal] >= min_articles:
            counts = spellings[goal]
            names[key] = min(counts.items(), key=lambda item: (-item[1], item[0]))[0]
    return names


def site_tags(
    candidates: dict[str, list[str]],
    min_articles: int = DEFAULT_TAG_MIN_ARTICLES,
    limit: int = DEFAULT_TAGS_PER_ARTICLE,
) -> dict[str, list[str]]:
    """Each article's tags once the site is known (see :func:`site_tag_names`)."""
    names = site_tag_names(candidates, min_articles)
    return {
        article: list(dict.fromkeys(names[k] for t in tags if (k := tag_key(t)) in names))[:limit]
        for article, tags in candidates.items()
    }
