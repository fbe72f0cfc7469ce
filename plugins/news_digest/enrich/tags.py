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
from importlib.util import find_spec
from pathlib import Path

from ..settings import default
from .entities import CALENDAR, COMMON_STARTS, PLACE, Extraction, surname
from .gazetteer import (
    census_surnames,
    countries,
    given_names,
    honorific_words,
    ordinary_words,
    word_list,
)

#: Tags an article shows at most, of its candidates the site keeps.
TAGS_PER_ARTICLE = 5
#: How keyphrases are found: "repeated" (:func:`repeated_phrases`) or "yake".
KEYPHRASE_METHOD = "repeated"
#: Tag candidates an article offers the site.
TAG_CANDIDATES = 8
#: Articles a tag must name to be kept (``NEWS_DIGEST_TAG_MIN_ARTICLES``).
DEFAULT_TAG_MIN_ARTICLES = default("NEWS_DIGEST_TAG_MIN_ARTICLES")
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
#: Endings of English adjectives, never the last word of a subject ("latest statistical").
ADJECTIVE_ENDINGS = ("ical", "ous")
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
#: A quantity with its unit ("30g serving", "2TB drive"); "5G" and "3D" are no unit.
_MEASURE = re.compile(
    r"^\d+(?:[.,]\d+)?(?:g|kg|mg|ml|cl|oz|lbs?|cm|mm|km|ft|mph|GB|MB|TB|GHz|MHz|mAh|kWh|kW)$"
)
#: "I’m", "don’t", "we’ve": a contraction is never part of a tag ("O’Brien" is a name).
_CONTRACTION = re.compile(r"[’'](?:m|re|ve|ll|d|t)$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?]\s+")


@cache
def _extractor(language: str):
    import yake  # only for the comparison (``method="yake"``): slow, see docs/enrichment.md

    return yake.KeywordExtractor(
        lan=language, n=MAX_PHRASE_WORDS, dedup_lim=KEYPHRASE_DEDUP, top=KEYPHRASE_CANDIDATES
    )


@cache
def stopwords(language: str) -> frozenset[str]:
    """YAKE's stop-word list of ``language`` (a YAKE language code), case folded."""
    # Found, not imported: importing YAKE costs a quarter of a second per process.
    package = Path(next(iter(find_spec("yake").submodule_search_locations)))
    path = package / "core" / "StopwordsList" / f"stopwords_{language}.txt"
    text = path.read_text("utf-8", errors="replace")
    return frozenset(w.strip().casefold() for w in text.splitlines() if w.strip())


def yake_language(language: str | None) -> str | None:
    """YAKE's name for ``language``; ``None`` where YAKE's words would be meaningless."""
    code = (language or "en").split("-")[0].lower()
    if code in UNSPACED_LANGUAGES:
        return None
    code = _LANGUAGE_ALIASES.get(code, code)
    return code if code in YAKE_LANGUAGES else "en"


def keyphrases(
    title: str,
    paragraphs: list[str],
    language: str | None = "en",
    method: str = "repeated",
    index: BodyIndex | None = None,
) -> list[str]:
    """Keyphrases of the headline and body, best first, unfiltered: :func:`repeated_phrases`,
    or YAKE's (``method="yake"``, twenty times slower for tags no better on the gold set)."""
    lan = yake_language(language)
    if lan is None:
        return []
    if method == "yake":
        # The headline ends with a full stop so YAKE never joins it to the first line.
        text = title.rstrip(" .") + ".\n" + _lead(paragraphs, YAKE_WORDS)
        return [phrase for phrase, _score in _extractor(lan).extract_keywords(text)]
    return repeated_phrases(title, paragraphs, stopwords(lan), index)


#: Words of the body YAKE reads (its cost grows with them); the filters count the whole body.
YAKE_WORDS = 300


def _lead(paragraphs: list[str], words: int) -> str:
    kept, count = [], 0
    for paragraph in paragraphs:
        kept.append(paragraph)
        count += len(paragraph.split())
        if count >= words:
            break
    return "\n".join(kept)


#: Where a phrase may not run on: sentence ends, clause punctuation, brackets, quotes, dashes.
_CHUNK_BREAK = re.compile(r"[.!?;:,()\[\]{}“”\"«»|/–—]+\s*|\s[-‘]\s*|\n")
#: A break after which a sentence starts.
_SENTENCE_BREAK = re.compile(r"[.!?:“\"\n]")
_POSSESSIVE_ENDS = ("’s", "'s")
_TOKEN = re.compile(r"[^\W_][\w&’'.-]*[^\W_]|[^\W_]")
#: Words of the body's start that count as its lead.
LEAD_WORDS = 80
#: Weights of a phrase's uses: in the headline, in the lead, and for each word past the first.
TITLE_WEIGHT = 2.0
LEAD_WEIGHT = 1.5
WORD_WEIGHT = 0.25


class BodyIndex:
    """The body's words once, and where each phrase of up to three words stands in them.

    A phrase never spans punctuation (a sentence end, a comma, a bracket, a
    quotation mark), so no phrase found here crosses a sentence boundary.
    """

    def __init__(self, paragraphs: list[str]):
        self.tokens: list[str] = []
        self.chunk: list[int] = []
        self.starts: list[bool] = []
        self.uses: dict[str, list[int]] = {}
        number = 0
        for paragraph in paragraphs:
            start, at = True, 0
            for brk in [*_CHUNK_BREAK.finditer(paragraph), None]:
                end = brk.start() if brk else len(paragraph)
                number = self._add_chunk(paragraph[at:end], start, number)
                if brk is not None:
                    start, at = bool(_SENTENCE_BREAK.search(brk.group(0))), brk.end()
        self.uses = _phrase_uses([t.casefold() for t in self.tokens], self.chunk)

    def _add_chunk(self, text: str, start: bool, number: int) -> int:
        """The words of ``text``, a run no phrase crosses, numbered ``number`` on;
        the number of the run after it."""
        words = _TOKEN.findall(text)
        if not words:
            return number + 1
        self.starts += [start, *[False] * (len(words) - 1)]
        if "’s" not in text and "'s" not in text:  # no possessive: one run, the words as found
            self.tokens += words
            self.chunk += [number] * len(words)
            return number + 1
        for token in words:
            self.chunk.append(number)
            if token.endswith(_POSSESSIVE_ENDS):
                token = token[:-2]
                number += 1  # "China’s ambassador": a phrase ends at a possessive
            self.tokens.append(token)
        return number + 1

    def count(self, phrase: str) -> int:
        """Uses of ``phrase``, case ignored."""
        return len(self.uses.get(phrase.casefold(), ()))

    def _exact(self, phrase: str) -> list[int]:
        words = phrase.split()
        return [
            i
            for i in self.uses.get(phrase.casefold(), ())
            if self.tokens[i : i + len(words)] == words
        ]

    def form(self, phrase: str) -> str:
        """``phrase`` as the body most often writes it in mid-sentence (at a sentence's
        start if only there), or as given if the body does not use it."""
        size = len(phrase.split())
        uses = self.uses.get(phrase.casefold(), ())
        inner = [i for i in uses if not self.starts[i]] or list(uses)
        forms = Counter(" ".join(self.tokens[i : i + size]) for i in inner)
        return min(forms.items(), key=lambda f: (-f[1], f[0]))[0] if forms else phrase

    def sentence_starts_only(self, phrase: str) -> bool:
        """Whether every use of ``phrase`` begins a sentence ("Police arrested …")."""
        return all(self.starts[i] for i in self._exact(phrase))

    def standalone(self, phrase: str) -> int:
        """Uses of ``phrase`` exactly so, not inside a longer name ("Oklahoma" in
        "Oklahoma City", "Zodiaco" in "Cavalieri dello Zodiaco")."""
        size = len(phrase.split())
        return sum(
            1
            for i in self._exact(phrase)
            if not self._capital_beside(i, -1) and not self._capital_beside(i + size - 1, 1)
        )

    def _capital_beside(self, at: int, step: int) -> bool:
        near = at + step
        if step < 0 and self.starts[at]:
            return False
        if 0 <= near < len(self.tokens) and self.tokens[near].casefold() in NAME_JOINERS:
            near += step
        if not 0 <= near < len(self.tokens) or self.chunk[near] != self.chunk[at]:
            return False
        return self.tokens[near][:1].isupper() and not (step > 0 and self.starts[near])


def _phrase_uses(folded: list[str], chunk: list[int]) -> dict[str, list[int]]:
    """Where each phrase of up to :data:`MAX_PHRASE_WORDS` words within one chunk starts.

    In the order of their first word, shorter first. Each phrase is the one
    before it and a word: no slice and join for every phrase of the body.
    """
    uses: dict[str, list[int]] = {}
    last = len(folded)
    for i, phrase in enumerate(folded):
        following = i + 1
        while True:
            found = uses.get(phrase)
            if found is None:
                uses[phrase] = [i]
            else:
                found.append(i)
            # Chunk numbers only grow: the first word of another chunk ends the phrase.
            if following == min(i + MAX_PHRASE_WORDS, last) or chunk[following] != chunk[i]:
                break
            phrase = f"{phrase} {folded[following]}"
            following += 1
    return uses


def repeated_phrases(
    title: str, paragraphs: list[str], stop: frozenset[str], index: BodyIndex | None = None
) -> list[str]:
    """Phrases of one to three words the body uses twice or more, best first.

    A candidate starts and ends with a word that is not a stop word or a
    number; its score is how often the body uses it, raised when the headline
    or the lead uses it and for each extra word. Each is written as the body
    most often writes it in mid-sentence.
    """
    index = index or BodyIndex(paragraphs)
    headline = " " + " ".join(_TOKEN.findall(title)).casefold() + " "
    scored = []
    for key, uses in index.uses.items():
        if len(uses) < 2:
            continue
        words = key.split()
        if not _edge_word(words[0], stop) or not _edge_word(words[-1], stop):
            continue
        weight = 1 + WORD_WEIGHT * (len(words) - 1)
        if f" {key} " in headline:
            weight *= TITLE_WEIGHT
        if uses[0] < LEAD_WORDS:
            weight *= LEAD_WEIGHT
        scored.append((-len(uses) * weight, uses[0], key))
    scored.sort()
    return [index.form(key) for _, _, key in scored[:KEYPHRASE_CANDIDATES]]


def _edge_word(word: str, stop: frozenset[str]) -> bool:
    return len(word) > 1 and word.casefold() not in stop and not _NUMBER.match(word)


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
    """:func:`fold`, each word less a plural "s": "Lunar landers" and "lunar lander",
    "Software companies" and "software company", "GCSEs" and "GCSE" are one tag."""
    return _tag_key(str(tag))


#: An abbreviation's plural: its capitals and a small "s" ("GCSEs", "CEOs").
_ACRONYM_PLURAL = re.compile(r"^([A-Z][A-Z0-9&]+)s$")


@cache
def _tag_key(text: str) -> str:
    # Asked for each tag of each article several times a build (``settle_tags``):
    # at 10,000 seeds about 230,000 times for a few tens of thousands of tags.
    words = [_ACRONYM_PLURAL.sub(r"\1", w) for w in text.split()]
    return " ".join(_singular(w) for w in fold(" ".join(words)).split())


def _singular(word: str) -> str:
    """A word's key, the same for its singular and plural: "landers" and "lander"
    are "lander"; "companies" and "company" are "companie" (not "company": "movies"
    would then be "movy")."""
    if len(word) > 3 and word.endswith("y") and word[-2] not in "aeiouy":
        return word[:-1] + "ie"
    if len(word) <= 3 or not word.endswith("s") or word.endswith("ss"):
        return word
    if word.endswith("es") and word[:-2].endswith(("s", "x", "z", "ch", "sh")):
        return word[:-2]
    return word[:-1]


def _capitalised_nouns(language: str | None) -> bool:
    """Whether ``language`` capitalises every noun (German), so a capital marks no name."""
    return (language or "").split("-")[0].lower() in CAPITALISED_NOUN_LANGUAGES


def _bad_word(word: str) -> bool:
    return (
        bool(_NUMBER.match(word) or _MEASURE.match(word))
        or word.strip(".,") in CALENDAR
        or fold(word) in _calendar()
        or bool(_CONTRACTION.search(word))
    )


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


def _modifier_edge(words: list[str]) -> bool:
    """Whether a phrase of common words starts or ends with a word that only places or
    rates the other (``data/tag_modifiers.txt``), or ends with an adjective."""
    modifiers = word_list("tag_modifiers.txt")
    first, last = words[0].casefold(), words[-1].casefold()
    return first in modifiers or last in modifiers or last.endswith(ADJECTIVE_ENDINGS)


#: An adverb that ends a phrase is at least this long ("significantly"; not "only").
ADVERB_MIN_CHARS = 6


def _adverb_edge(words: list[str], language: str | None) -> bool:
    """Whether a phrase of common English words ends with an adverb made of another
    word ("contributing significantly", "grew rapidly"): a clause, not a subject.
    (First, "-ly" words are mostly adjectives: "friendly fire", "elderly people".)"""
    if language != "en":
        return False
    ordinary = ordinary_words()
    word = words[-1].casefold()
    if len(word) < ADVERB_MIN_CHARS or not word.endswith("ly") or word not in ordinary:
        return False
    bases = (word[:-2], word[:-3] + "y", word[:-4])  # "significant", "happy", "basic"
    return any(len(b) > 2 and b in ordinary for b in bases)


def _verb_edge(words: list[str], language: str | None) -> bool:
    """Whether a phrase of common English words starts or ends with a verb in the past
    ("found evidence", "prosecutors alleged"; ``data/irregular_pasts.txt``), or ends
    with a past participle ("articles written"; ``data/irregular_past_participles.txt``): a clause,
    not a subject."""
    if language != "en":
        return False
    pasts = word_list("irregular_pasts.txt")
    first, last = words[0].casefold(), words[-1].casefold()
    if last in word_list("irregular_past_participles.txt"):
        return True  # "articles written"
    return any(w in pasts or (len(w) > 4 and w.endswith("ed")) for w in (first, last))


def _english_words(words: list[str], language: str | None) -> bool:
    """Whether a capitalised phrase of an English text is only words English news writes
    in lower case ("Series", "Overwhelmingly Positive"): a heading or a button, no name.
    (A name the entities know was taken before this test.)"""
    return language == "en" and all(w.casefold() in ordinary_words() for w in words)


def _demonym(word: str) -> bool:
    """ "Chinese", "Americans": a people, not a subject (``data/demonyms.txt``)."""
    demonyms = word_list("demonyms.txt")
    return word in demonyms or (word.endswith("s") and word[:-1] in demonyms)


def _title_word(word: str) -> bool:
    # "Gov" of "Gov. Chris Christie": the tokens leave an abbreviation's full stop off.
    honorifics = honorific_words()
    return (word,) in honorifics or (f"{word}.",) in honorifics or word in COMMON_STARTS


def keyphrase_tags(
    title: str,
    paragraphs: list[str],
    language: str | None,
    entity_names: dict[str, str],
    excluded: frozenset[str] = frozenset(),
    method: str = KEYPHRASE_METHOD,
) -> list[str]:
    """The keyphrases fit to be tags, best first (see the module's rules).

    ``entity_names`` maps the :func:`fold` of each entity (and of a person's
    surname, where it names one person) to its name; ``excluded`` holds folded
    names never to tag (publishers).
    """
    index = BodyIndex(paragraphs)
    lan = yake_language(language)
    found: list[str] = []
    for phrase in keyphrases(title, paragraphs, language, method, index):
        # As the body writes it: the headline's capitals say nothing ("Warehouse Fire").
        phrase = index.form(phrase)
        words = phrase.split()
        key = fold(phrase)
        if key in excluded or any(_bad_word(w) for w in words):
            continue
        if key in entity_names:
            found.append(entity_names[key])
            continue
        shape = _shape(words)
        if shape == "common":
            # The body's own words, not the headline's ("allowed to play"), and no
            # clause of them ("held in jail"): a stop word only ever at an edge.
            if (
                len(words) < 2
                # German writes every noun with a capital: lower-case words only
                # ("relativ unentspannt", "schnell abnehmen") name no subject.
                or _capitalised_nouns(language)
                or index.count(phrase) < MIN_PHRASE_OCCURRENCES
                or (lan and any(w.casefold() in stopwords(lan) for w in words[1:-1]))
                or _modifier_edge(words)
                # "planetary scientist", "foreign secretary": a job, not a subject.
                or words[-1].casefold() in word_list("roles.txt")
                or _verb_edge(words, lan)
                or _adverb_edge(words, lan)
            ):
                continue
        elif shape == "name":
            if any(_title_word(w) for w in words) or _english_words(words, lan):
                continue
            # A name that ends in a given name is a person's cut in two ("President Richard").
            if words[-1] in given_names() or any(fold(w) in excluded for w in words):
                continue
            standing = index.standalone(phrase)
            # One capitalised word the entities do not know: a proper noun ("Sentra")
            # only where common nouns are written in lower case, if the body keeps
            # using it, and if it is no abbreviation ("LED") and no one's surname.
            if len(words) == 1 and (
                _ACRONYM.match(phrase)
                or _demonym(phrase)
                or _capitalised_nouns(language)
                or standing < MIN_SINGLE_NAME_OCCURRENCES
                or phrase.upper() in census_surnames()
            ):
                continue
            if standing < MIN_PHRASE_OCCURRENCES or index.sentence_starts_only(phrase):
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
        if entity.kind == "person" and " " not in entity.name:
            continue  # a bare given name or surname ("Carlos") is no tag
        table.setdefault(fold(entity.name), entity.name)
        if entity.kind == "person" and len(entity.name.split()) > 1:
            surnames.setdefault(fold(surname(entity.name)), set()).add(entity.name)
    for last, names in surnames.items():
        if len(names) == 1:
            table.setdefault(last, next(iter(names)))
    return table


def entity_tags(title: str, extraction: Extraction, excluded: frozenset[str]) -> list[str]:
    """The entities the article is about: named often, or named in its headline."""
    headline = " " + " ".join(_TOKEN.findall(fold(title))) + " "
    ranked = []
    for order, entity in enumerate(extraction.entities):
        # A bare given name or surname ("Carlos") says too little to file an article under.
        if fold(entity.name) in excluded or (entity.kind == "person" and " " not in entity.name):
            continue
        named = any(
            " " + " ".join(_TOKEN.findall(fold(part))) + " " in headline
            for part in {entity.name, surname(entity.name)}
        )
        if entity.count >= MIN_ENTITY_MENTIONS or (named and entity.count):
            # A country the headline does not name is where the news is, seldom what it
            # is about ("the U.S." in a story on the Tax Foundation): after the rest.
            country = not named and entity.kind == PLACE and entity.name in countries()
            ranked.append((not named, country, -entity.count, order, entity.name))
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
    limit: int = TAGS_PER_ARTICLE,
) -> dict[str, list[str]]:
    """Each article's tags once the site is known (see :func:`site_tag_names`), at most
    ``limit`` an article, each shown on ``min_articles`` articles or more: a tag that
    only the limit kept off some articles is counted again without them."""
    names = site_tag_names(candidates, min_articles)
    while True:
        shown = {
            article: list(dict.fromkeys(names[k] for t in tags if (k := tag_key(t)) in names))[
                :limit
            ]
            for article, tags in candidates.items()
        }
        uses = Counter(tag for tags in shown.values() for tag in tags)
        rare = {key for key, name in names.items() if uses[name] < min_articles}
        if not rare:
            return shown
        names = {key: name for key, name in names.items() if key not in rare}
