"""People, organisations and places named in an article, by heuristics and data files.

Precision over recall: a wrong entity is worse than a missing one. Capitalised
runs are read one at a time and classified by the strongest evidence:

- a run that starts with honorifics ("Attorney General Jeff Sessions",
  "Sen. Chris Murphy") is a person, named without them;
- a run that is exactly a place in ``data/places.txt``, or a town before a
  US state ("Parkland, Florida"), is a place;
- a run in ``data/organisations.txt``, or of two or more words with a cue
  word from ``data/org_cues.txt`` ("Justice Department"), is an organisation;
- a bare two- or three-word name is a person only if something else says so:
  a speech verb next to it ("Greg Smith said"), its last word used alone
  elsewhere ("… Smith"), a lower-case role before it ("adviser Fiona Hill",
  ``data/roles.txt``), or a person's name joined to it by "and".

A surname used alone ("Sessions") is merged into the one full name it ends
("Jeff Sessions"); a surname no full name explains is not an entity.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

# ``regex`` for its Unicode classes: a name may start with any capital ("Émile", "Łukasz").
import regex as re

from .gazetteer import (
    census_surnames,
    common_surname,
    given_names,
    honorific_words,
    known_organisations,
    known_people,
    large_places,
    ordinary_words,
    org_cues,
    organisations,
    places,
    us_states,
    word_list,
    world_given_names,
)
from .gazetteer import (
    lines as word_list_lines,
)

PERSON, ORGANISATION, PLACE = "person", "organisation", "place"
KINDS = (PERSON, ORGANISATION, PLACE)

#: Longest personal name kept, in words (after honorifics).
MAX_NAME_WORDS = 4
SPEECH_VERBS = (
    "said|says|told|added|asked|wrote|explained|argued|noted|warned|stated|insisted|"
    "replied|recalled|tweeted|testified|acknowledged|admitted|continued|saying"
)
#: Capitalised at a sentence start, these are ordinary words, not names.
COMMON_STARTS = word_list("common_starts.txt")
#: Cue words that end an organisation's name, so a second may follow in one run.
ORGANISATION_ENDS = frozenset(
    {"Department", "Office", "Agency", "Bureau", "Commission", "Committee", "Ministry"}
)
#: Times an all-capitals word must be used to be an organisation's name ("NASA", "MOTIE").
MIN_ACRONYM_MENTIONS = 2
#: Longest organisation's and place's names kept, in words: longer runs are headlines.
MAX_ORGANISATION_WORDS = 6
MAX_PLACE_WORDS = 4
#: Times a surname must stand alone for its full name to be a person's, without other evidence.
MIN_SURNAME_REPEATS = 2
#: Last words of places' names ("Marin County").
PLACE_CUES = word_list("place_cues.txt")
#: Last words of streets' names: "Hudson St", "Edmond Street" are addresses, not people.
STREET_WORDS = frozenset(
    ("St", "Ave", "Rd", "Blvd", "Ln", "Dr", "Street", "Avenue", "Road", "Boulevard")
)
#: First words of places' names: "Santa Barbara", "Fort Worth" are no people.
PLACE_PREFIXES = frozenset(
    ("Santa", "San", "Santo", "São", "Saint", "St.", "Sainte", "Fort", "Port", "Mount", "Cape")
)
#: Last words of news outlets' names ("Sky Sports"), cues only at the end.
OUTLET_CUES = word_list("outlet_cues.txt")
#: Nouns whose possessive may be part of an organisation's name ("People's").
NAME_POSSESSIVES = word_list("name_possessives.txt")
#: Days and months: capitalised, never a name.
CALENDAR = word_list("calendar.txt")
#: Honorifics-file entries that only say where ("US Attorney General"): no title alone.
NATIONALITY_PREFIXES = frozenset(("US", "U.S.", "UK", "U.K."))
#: Words joining the parts of one organisation's name ("Department of Justice").
CONNECTORS = ("of", "for", "the", "de")

_HON_DOTTED = sorted(
    {" ".join(h) for h in honorific_words() if h[-1].endswith(".")}, key=len, reverse=True
)
#: Written after a name, part of it ("Patrick W. Carlineo Jr.").
NAME_SUFFIXES = ("Jr.", "Sr.", "II", "III", "IV")
#: Abbreviations whose dot is part of the name ("Nissan North America Inc.").
NAME_DOTTED = ("Jr.", "Sr.", "Inc.", "Co.", "Corp.", "Ltd.", "Bros.")
_WORD = (
    r"(?:"
    + "|".join(re.escape(h) for h in (*_HON_DOTTED, *NAME_DOTTED))
    + r"|\p{Lu}\.(?:\p{Lu}\.)+"
    r"|\p{Lu}[\w’'&-]*\w|\p{Lu}\.?)"
)
#: Lower-case particles inside personal names ("Richard von Weizsäcker", "Alex de Minaur").
PARTICLES = (
    *("von", "van", "der", "den", "de", "da", "di", "du", "dos", "das", "del", "della"),
    *("bin", "ibn", "ben", "ter", "zu", "la", "le"),
)
#: The Arabic article written on a name ("al-Baghdadi", "el-Sisi").
_ARTICLE_NAME = r"(?:al|el|ad|ar|as|ash|at|az|an)-\p{Lu}[\w’'-]*\w"
_ARTICLE_WORD = re.compile(_ARTICLE_NAME)
_JOIN = "|".join(dict.fromkeys((*CONNECTORS, *PARTICLES)))
#: "Pacific Gas & Electric Co.": an ampersand joins the parts of one name.
_RUN = re.compile(
    rf"(?<![\w’'-]){_WORD}"
    rf"(?:(?:\s|\s&\s|\s(?:{_JOIN})\s(?:(?:{_JOIN})\s)?)(?:{_WORD}|{_ARTICLE_NAME}))*"
)
_LOWER_WORD = re.compile(r"(?<![\w’'-])\p{Ll}[\p{Ll}’'-]+")
_LETTER = re.compile(r"\p{Lu}\.?")
_DIGIT = re.compile(r"\d")
_INITIAL = re.compile(r"\p{Lu}\.")
#: Dotted capitals that stand for no given name ("P.S. I'm …").
NOT_INITIALS = frozenset(("P.S.", "U.S.", "U.K.", "D.C.", "A.M.", "P.M.", "E.U.", "U.N."))
#: Initials standing for given names: "J.", "J.J.", "A.J.".
_INITIALS = re.compile(r"(?:\p{Lu}\.)+")
_POSSESSIVE = re.compile(r"(?:[’']s|(?<=s)[’'])$")
#: Where a sentence, or a clause written like one, starts: after its end mark, an
#: opening quote or bracket, a dash or a colon ("LOS ANGELES (AP) — To LeBron James").
_SENTENCE_END = re.compile(r"(?:[.!?][”\"’)]?\s+|[“\"(]\s*|[—–:]\s+|\s-\s+|^\s*)$")


@dataclass(frozen=True)
class Mention:
    kind: str
    name: str
    paragraph: int
    start: int
    end: int


@dataclass
class Entity:
    kind: str
    name: str
    count: int = 0


@dataclass
class Extraction:
    entities: list[Entity]
    mentions: list[Mention]

    def names(self, kind: str) -> list[str]:
        return [e.name for e in self.entities if e.kind == kind]


#: Only this much text before a name decides whether a sentence starts there
#: (searching the whole paragraph would make long paragraphs quadratic).
SENTENCE_LOOKBEHIND = 60


def _is_sentence_start(text: str, at: int) -> bool:
    if not text[:at].strip():
        return True
    before = text[max(0, at - SENTENCE_LOOKBEHIND) : at]
    match = _SENTENCE_END.search(before)
    if not match:
        return False
    word = before[: match.start() + 1].split()[-1] if before[: match.start() + 1].split() else ""
    # "Sen. Murphy": a dotted honorific ends a word, not a sentence.
    return word not in _HON_DOTTED


@lru_cache(maxsize=1)
def _longest_honorific() -> int:
    return max(len(h) for h in honorific_words())


def _honorific_end(words: list[str]) -> int:
    """How many leading words are honorifics ("US Attorney General …" → 3)."""
    i, table, longest = 0, honorific_words(), _longest_honorific()
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            if tuple(words[i : i + size]) in table:
                i += size
                break
        else:
            break
    return i


#: Endings that transliterations of one Slavic name differ in (Zelensky, Zelenskyy, Zelenskiy).
_TRANSLITERATED_ENDING = re.compile(r"(?:iy|yy|ij|ii|yi)$")


def name_key(name: str) -> str:
    """What spellings of one name share: case, accents and transliterated endings set aside."""
    text = unicodedata.normalize("NFKD", name.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(_TRANSLITERATED_ENDING.sub("y", word) for word in text.split())


def surname(name: str) -> str:
    """The last word of a personal name, less "Jr." and the like."""
    return _surname(name)


def _surname(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[-1] in NAME_SUFFIXES:
        words = words[:-1]
    return words[-1]


def _name_like(words: list[str]) -> bool:
    if not words or words[0] in PARTICLES or words[-1] in PARTICLES:
        return False
    words = [w for w in words if w not in PARTICLES]
    words = [w[w.index("-") + 1 :] if _ARTICLE_WORD.fullmatch(w) else w for w in words]
    return all(
        w[0].isupper()
        and w not in COMMON_STARTS
        and w not in CALENDAR
        and w not in org_cues()
        and w not in CONNECTORS
        and (
            not w.isupper()
            or w in NAME_SUFFIXES
            or (_INITIALS.fullmatch(w) and w not in NOT_INITIALS)
        )
        for w in words
    )


@dataclass
class _Run:
    words: list[str]
    paragraph: int
    start: int
    end: int
    after: str
    before: str
    ordinary: frozenset | set = frozenset()

    def without_ordinary_tail(self) -> list[str]:
        """The name less trailing words the text also writes in lower case."""
        words = list(self.words)
        while len(words) > 2 and words[-1].lower() in self.ordinary:
            words.pop()
        return words


#: Where a run is cut: after a possessive, or a company's suffix, inside it
#: ("Sierra Nevada Corp. SpaceX" is two names).
_INNER_CUT = re.compile(r"(?<=\w)(?:[’']s|(?<=s)[’'])(?=\s)|\b(?:Inc|Co|Corp|Ltd|Bros)\.(?=\s)")


def _possessive_parts(matches, ordinary: set[str]):
    """Each run as ``(start, end, text)``, cut after a possessive inside it:
    "NASA's Goddard Space Flight Center" is NASA's, and a centre. A common
    noun's possessive before an organisation's cue word is part of its name
    ("People's Liberation Army", "Governor's Office")."""
    for match in matches:
        raw, base, begin = match.group(0), match.start(), 0
        for cut in _INNER_CUT.finditer(raw):
            before = raw[: cut.start()].split()
            noun = before[-1] if before else ""
            common = noun.lower() in ordinary or noun in NAME_POSSESSIVES
            if (
                cut.group(0)[0] in "’'"
                and common
                and any(w in org_cues() for w in raw[cut.end() :].split())
            ):
                continue
            yield base + begin, base + cut.end(), raw[begin : cut.end()]
            begin = cut.end() + 1  # past the space after it
        yield base + begin, match.end(), raw[begin:]


def _lower_words(paragraphs: list[str]) -> set[str]:
    """The words the text writes in lower case: a capitalised word among them is an
    ordinary word ("… Nicholson Detainees were held"), not the end of a name."""
    return {w for text in paragraphs for w in _LOWER_WORD.findall(text)}


def _runs(paragraphs: list[str], ordinary: set[str]):
    for number, text in enumerate(paragraphs):
        for start, end, raw in _possessive_parts(_RUN.finditer(text), ordinary):
            raw = _POSSESSIVE.sub("", raw)
            words = raw.split()
            if _is_sentence_start(text, start):
                while words and words[0] in COMMON_STARTS:
                    start += len(words[0]) + 1
                    words = words[1:]
            while words and words[0] in CALENDAR:
                start += len(words[0]) + 1
                words = words[1:]
            # "Sacramento-based McClatchy", "Delhi-based Council": where a body is, not its name.
            lead = next((i for i, w in enumerate(words) if _PLACED.search(w)), None)
            if lead is not None:
                start += len(" ".join(words[: lead + 1])) + 1
                words = words[lead + 1 :]
            while words and (
                words[-1] in CONNECTORS
                or words[-1] in CALENDAR
                or words[-1] in ("The", "An")  # the next sentence's first word
            ):
                end -= len(words[-1]) + 1
                words = words[:-1]
            if text.startswith(", D.C.", end) and words:
                words[-1] += ", D.C."  # the one place whose name has a comma in it
                end += len(", D.C.")
            if words:
                run = _Run(words, number, start, end, text[end : end + 40], text[:start][-40:])
                run.ordinary = ordinary
                yield run


def _split_connectors(run: _Run) -> list[_Run]:
    """The run cut at its connectors ("of", "the"), but not at a name's particles."""
    parts, current, offset = [], [], run.start
    cursor = run.start
    for word in run.words:
        if word in CONNECTORS and word not in PARTICLES:
            if current:
                parts.append(_Run(current, run.paragraph, offset, cursor, "", ""))
            current, offset = [], cursor + len(word) + 1
        else:
            current.append(word)
        cursor += len(word) + 1
    if current:
        parts.append(_Run(current, run.paragraph, offset, run.end, run.after, ""))
    if parts:
        parts[0].before = run.before
    for part in parts:
        part.ordinary = run.ordinary
    return parts


def _trim_particles(words: list[str]) -> list[str]:
    """Particles only inside a name: never its first or last word."""
    while words and words[-1] in PARTICLES:
        words = words[:-1]
    return words


def _organisation(words: list[str]) -> str | None:
    name = " ".join(words)
    known = organisations()
    for candidate in (name, "The " + name, name.removeprefix("The ")):
        if candidate in known:
            return known[candidate]
    # "Department of Justice", not "Patrick Liu of Victoria Hospital": the cue
    # word of a name with connectors is in its first part.
    head = words[: next((i for i, w in enumerate(words) if w in CONNECTORS), len(words))]
    # An outlet's cue ends its name, even a hyphenated word ("Pittsburgh Post-Gazette").
    outlet = words[-1].rpartition("-")[2] in OUTLET_CUES and not set(words) & set(CONNECTORS)
    if len(words) >= 2 and (outlet or any(_org_cue(w) for w in head)):
        if words[-1] in CONNECTORS or words[0] in CALENDAR or _LETTER.fullmatch(words[-1]):
            return None  # "Group A" is a tournament's group, not a body
        if len(words) > MAX_ORGANISATION_WORDS:
            return None  # a headline or a sentence in title case, not a name
        kept = _without_headline_tail(words)
        return " ".join(kept).removeprefix("The ") if len(kept) >= 2 else None
    return None


#: Verbs a headline in title case runs on with after a body's name ("… Holdings Could").
_AUXILIARY_WORDS = "could would should will may might can must is are was were has have had does do"
_AUXILIARIES = frozenset(_AUXILIARY_WORDS.split())


def _without_headline_tail(words: list[str]) -> list[str]:
    """``words`` up to the verb after the last cue word: a headline in title case ran
    on ("Crown Equity Holdings Could …", "Broad Institute Gets Patent", "Palladium
    Hotel Group Announces"); "Service Properties Trust" and "Oxford University
    Press" are whole."""
    cues = [i for i, w in enumerate(words) if _cue(w)]
    if not cues or cues[-1] + 1 >= len(words) or set(words) & set(CONNECTORS):
        return words
    verb = words[cues[-1] + 1].lower()
    ordinary = ordinary_words()
    if (
        verb in _AUXILIARIES
        or verb in word_list("irregular_pasts.txt")
        or (verb.endswith("ed") and verb in ordinary)
        or (verb.endswith("s") and not verb.endswith("ss") and verb[:-1] in ordinary)
        or (verb.endswith("es") and verb[:-2] in ordinary)
    ):
        return words[: cues[-1] + 1]
    return words


def _org_cue(word: str) -> bool:
    """Whether ``word`` is an organisation's cue ("Department", "Corp." or "Corp")."""
    return word in org_cues() or word.rstrip(".") in org_cues()


def _cue(word: str) -> bool:
    """An organisation's or an outlet's cue ("Holdings", "Post-Gazette")."""
    return _org_cue(word) or word.rpartition("-")[2] in OUTLET_CUES


def _two_organisations(words: list[str]) -> int | None:
    """Where a second name starts in a run of two ("Columbus Police Department
    Intelligence Led Policing Unit"): after a cue word that ends a name of its own."""
    for i, word in enumerate(words[1:-1], start=1):
        rest = words[i + 1 :]
        if word in ORGANISATION_ENDS and rest[0] not in CONNECTORS and _name_like(rest[:1]):
            return i + 1
    return None


_AFTER_THE = re.compile(r"\b[Tt]he\s+([A-Z][\w’'-]+)")
_SPEECH_AFTER = re.compile(rf"^,?\s+(?:{SPEECH_VERBS})\b")
#: A name with an age after it is a person's ("Nerlens Noel, 25,", "Ann Lee, 71, of Leeds").
_AGE_AFTER = re.compile(r"^,\s+\d{1,3}(?:,|\s+of\b)")
_SPEECH_BEFORE = re.compile(rf"\b(?:{SPEECH_VERBS})\s+$")
_STATE_AFTER = re.compile(r"^,\s+([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)")


def _titled_tail(words: list[str]) -> str | None:
    """ "Senate President Bukola Saraki" → "Bukola Saraki": a title inside a run."""
    for i in range(1, len(words) - 2):
        size = _honorific_end(words[i:])
        tail = words[i + size :]
        titled = any(w not in NATIONALITY_PREFIXES for w in words[i : i + size])
        if (
            size
            and titled
            and 2 <= len(tail) <= MAX_NAME_WORDS
            and _name_like(tail)
            and not _worded(tail)
        ):
            return " ".join(_POSSESSIVE.sub("", w) for w in tail)
    return None


def _person_after_organisation(words: list[str]) -> int | None:
    """Where a full personal name starts at the end of an organisation's run, if it does."""
    for i in range(1, len(words) - 1):
        tail = words[i:]
        if words[i] in given_names() and 2 <= len(tail) <= 3 and _name_like(tail):
            return i
    return None


def _person_after_job(words: list[str]) -> int | None:
    """Where a full name starts after a job written short or capitalised ("Cleveland DL
    Larry Ogunjobi", "company CEO Andy Vesey", "CBS Sports NFL Insider Jason La Canfora"),
    if it does."""
    at = _person_after_organisation(words)
    if at is None:
        return None
    job = words[at - 1]
    # "UK Art Exhibitions": a country, not a job; "Nikon Z6 Mark III": a model number.
    if job in NATIONALITY_PREFIXES or _DIGIT.search(job):
        return None
    if not (job.isupper() or (job,) in honorific_words() or job.lower() in word_list("roles.txt")):
        return None
    return at if not any(w in PLACE_CUES or w in org_cues() for w in words[at:]) else None


def _known_head(words: list[str]) -> int:
    """How many leading words name a known organisation, the longest ("CBS Sports" of
    "CBS Sports NFL" → 2), or 0: the words before a job, where the job is."""
    for size in range(len(words), 0, -1):
        if " ".join(words[:size]) in organisations():
            return size
    return 0


def _is_state(words: str) -> bool:
    """ "Florida" or "New York", even with a weekday after it ("Florida Wednesday")."""
    return words in us_states() or words.split()[0] in us_states()


@lru_cache(maxsize=1)
def _role_before() -> re.Pattern:
    """A lower-case role just before a name ("talent manager Scooter Braun"), or before
    a comma ("media mogul, Debola Lagos")."""
    roles = sorted(word_list("roles.txt"), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, roles)) + r"),?\s+$")


@lru_cache(maxsize=1)
def _credit_patterns() -> re.Pattern:
    lines = [ln for ln in word_list_lines("credits.txt")]
    return re.compile("|".join(f"(?:{ln})" for ln in lines), re.IGNORECASE | re.MULTILINE)


#: Where a credit line's names end: the end of its sentence, bracket or line.
_CREDIT_END = re.compile(r"[.;)\]|]\s|[)\]|]|$", re.MULTILINE)


def without_credits(text: str) -> str:
    """``text`` with credits, captions' photo lines and bylines blanked out
    ("Reporting by Jane Doe; Editing by John Roe"), offsets kept."""
    pattern = _credit_patterns()
    if not pattern.search(text):
        return text
    out, at = [], 0
    for match in pattern.finditer(text):
        if match.start() < at:
            continue
        # A bracketed credit is whole; a credit phrase runs to its sentence's end.
        end = None if match.group(0).endswith(")") else _CREDIT_END.search(text, match.end())
        stop = match.end() if match.group(0).endswith(")") else end.start() if end else len(text)
        out += [text[at : match.start()], " " * (stop - match.start())]
        at = stop
    return "".join(out) + text[at:]


def extract_entities(paragraphs: list[str]) -> Extraction:
    """The people, organisations and places ``paragraphs`` name, with each mention.

    Credit lines' names are not the article's: they are left out (:func:`without_credits`).
    """
    paragraphs = [without_credits(p) for p in paragraphs]
    mentions: list[Mention] = []
    loose: list[_Run] = []  # bare names waiting for evidence
    singles: list[_Run] = []  # one-word names: surnames to merge
    place_table = places()
    ordinary = _lower_words(paragraphs)
    for run in _runs(paragraphs, ordinary):
        words = run.words
        name = " ".join(words)
        hon = _honorific_end(words)
        if not hon and (titled_name := _titled_tail(words)):
            mentions.append(Mention(PERSON, titled_name, run.paragraph, run.start, run.end))
            if _ACRONYM.fullmatch(words[0]) and words[0] not in word_list("common_acronyms.txt"):
                # "CPUC President Marybel Batjer": the body the title belongs to.
                end = run.start + len(words[0])
                mentions.append(Mention(ORGANISATION, words[0], run.paragraph, run.start, end))
            continue
        person = [_POSSESSIVE.sub("", w) for w in words[hon:]]
        # "U.S. Attorney James Kennedy": a country before a job is not a title.
        titled = any(w not in NATIONALITY_PREFIXES for w in words[:hon])
        if (
            hon
            and titled
            and person
            and len(person) <= MAX_NAME_WORDS
            and _name_like(person)
            and not _worded(person)  # "Chief Data Officer"
        ):
            mentions.append(Mention(PERSON, " ".join(person), run.paragraph, run.start, run.end))
            continue
        if hon == len(words):
            if name in NATIONALITY_PREFIXES and name in place_table:
                # "in the U.S.", "back to the UK": the country, which titles its jobs too.
                country = place_table[name]
                mentions.append(Mention(PLACE, country, run.paragraph, run.start, run.end))
            continue
        if name in place_table:
            mentions.append(Mention(PLACE, place_table[name], run.paragraph, run.start, run.end))
            continue
        if (
            2 <= len(words) <= MAX_PLACE_WORDS
            and words[-1] in PLACE_CUES
            and _name_like(words[:-1])
            and not hon
            and len(set(words)) == len(words)
        ):
            mentions.append(Mention(PLACE, name, run.paragraph, run.start, run.end))
            continue
        cut = _two_organisations(words)
        first = _organisation(words[:cut]) if cut else None
        second = _organisation(words[cut:]) if first else None
        if first and (second or len(words) > MAX_ORGANISATION_WORDS):
            mentions.append(Mention(ORGANISATION, first, run.paragraph, run.start, run.end))
            if second:
                at = run.start + len(" ".join(words[:cut])) + 1
                mentions.append(Mention(ORGANISATION, second, run.paragraph, at, run.end))
            continue
        if org := _organisation(words):
            split = _person_after_organisation(words)
            if split and (head := _organisation(words[:split])):
                # "the European Union Gordon Sondland": an organisation, then a person.
                org = head
                tail = " ".join(words[split:])
                at = run.start + len(" ".join(words[:split])) + 1
                mentions.append(Mention(PERSON, tail, run.paragraph, at, run.end))
            mentions.append(Mention(ORGANISATION, org, run.paragraph, run.start, run.end))
            continue
        for part in _split_connectors(run) if any(w in CONNECTORS for w in words) else [run]:
            part.words = _trim_particles(part.words)
            part_name = " ".join(part.words)
            if part_name in place_table:
                mentions.append(
                    Mention(PLACE, place_table[part_name], part.paragraph, part.start, part.end)
                )
            elif len(part.words) == 1:
                state = _STATE_AFTER.match(part.after)
                if state and _is_state(state.group(1)) and _name_like(part.words):
                    mentions.append(Mention(PLACE, part_name, part.paragraph, part.start, part.end))
                elif _LOCATIVE_BEFORE.search(part.before) and part_name in large_places():
                    # "in Sacramento", "near Charlotte": a large city or a country whose
                    # name is a surname or a given name too, where only a place stands.
                    mentions.append(Mention(PLACE, part_name, part.paragraph, part.start, part.end))
                else:
                    singles.append(part)
            elif part is not run and (org := _organisation(part.words)):
                # "Brian Batko of the Pittsburgh Post-Gazette": a name, then where he works.
                mentions.append(Mention(ORGANISATION, org, part.paragraph, part.start, part.end))
            elif 2 <= len(part.words) <= MAX_NAME_WORDS and _name_like(part.words):
                loose.append(part)
            elif (at := _person_after_job(part.words)) is not None:
                # "Cleveland DL Larry Ogunjobi", "company CEO Andy Vesey": a job, then a name.
                offset = part.start + len(" ".join(part.words[:at])) + 1
                tail = " ".join(part.words[at:])
                mentions.append(Mention(PERSON, tail, part.paragraph, offset, part.end))
                if size := _known_head(part.words[: at - 1]):
                    # "CBS Sports NFL Insider Jason La Canfora": where the job is.
                    written = " ".join(part.words[:size])
                    end = part.start + len(written)
                    body = organisations()[written]
                    mentions.append(Mention(ORGANISATION, body, part.paragraph, part.start, end))

    surnames = Counter(" ".join(s.words) for s in singles)
    # Surnames that speak ("Volker said", "said Hill"), and words written after "the"
    # ("the Lakers", "the Democrats"), which are not surnames.
    speaking = {
        " ".join(s.words)
        for s in singles
        if _SPEECH_AFTER.match(s.after) or _SPEECH_BEFORE.search(s.before)
    }
    after_the = {w for text in paragraphs for w in _AFTER_THE.findall(text)}
    unsure: list[_Run] = []  # bare names the evidence above did not settle
    unnamed_runs: list[_Run] = []  # bare runs that are no person's name
    openings: dict[str, set[str]] = {}  # the names each first word starts
    for run in loose:
        openings.setdefault(run.words[0], set()).add(" ".join(run.words))
    for run in loose:
        run.words = run.without_ordinary_tail()
        if job := _job_before_name(run.words):
            # "Defenseman Jonas Brodin", "Public Ombudsman Nadia Cruz": a job, then a name.
            run.start += len(" ".join(run.words[:job])) + 1
            run.words = run.words[job:]
        for size in (2, 1):
            head = " ".join(run.words[:size])
            if len(run.words) - size >= 2 and head in place_table:
                # "Ukraine Kurt Volker": a place before a name.
                mentions.append(
                    Mention(PLACE, place_table[head], run.paragraph, run.start, run.end)
                )
                run.start += len(head) + 1
                run.words = run.words[size:]
                break
        name = " ".join(run.words)
        spoke = _SPEECH_AFTER.match(run.after) or _SPEECH_BEFORE.search(run.before)
        first = run.words[0]
        if run.words[-1].rstrip(".") in STREET_WORDS:
            continue  # "Hudson St": an address, whatever stands before it
        if not _whole_name(run.words):
            unnamed_runs.append(run)  # no person, but maybe an outlet ("Nature Astronomy")
            continue
        # "J.J. Abrams", "A.J. Brown": two initials before a census surname are a person's.
        initials = (
            len(run.words) == 2
            and len(first) >= 4
            and _INITIALS.fullmatch(first)
            and first not in NOT_INITIALS
            and run.words[-1].upper() in census_surnames()
        )
        given = (
            (first in given_names() or initials or _chinese_name(run.words))
            # "Will", "Hope": a given name the text also writes in lower case may be a word.
            and first.lower() not in run.ordinary
            and not _worded(run.words)  # "Rose Gold", "Technology Officer"
        )
        foreign = _foreign_name(run.words, run.ordinary, openings.get(first, set()))
        surname = _surname(name)
        # A surname the text uses alone, again and again, is a person's ("… Volker said").
        repeated = (
            surnames[surname] >= MIN_SURNAME_REPEATS
            and surname in speaking
            and surname not in after_the
            and surname not in org_cues()
        )
        known = surname.upper() in census_surnames() and run.words[-1] not in org_cues()
        role = _role_before().search(run.before)  # "adviser Fiona Hill"
        aged = _AGE_AFTER.match(run.after)
        if role and "," in role.group(0):
            # "media mogul, Debola Lagos", not "founder, Coastal Luxury Outdoors".
            role = role if not any(w.lower() in ordinary_words() for w in run.words) else None
        # "Defense Minister", "Questioning Vindman": a job, or a word before a surname
        # ("Paul Nurse", "Michel Mayor" are names: a given name first).
        if not given and (
            run.words[-1].lower() in word_list("roles.txt") or first.lower() in ordinary_words()
        ):
            unnamed_runs.append(run)
            continue
        if ((given or foreign) and first not in places()) or (
            len(run.words) <= 3
            and (repeated or role or aged or (spoke and (surnames[surname] or known)))
        ):
            mentions.append(Mention(PERSON, name, run.paragraph, run.start, run.end))
        else:
            unsure.append(run)
    mentions += _paired_with_people(paragraphs, unsure, mentions)
    mentions += _listed_people(paragraphs, mentions)

    acronyms = _organisation_acronyms(
        paragraphs, Counter(" ".join(s.words) for s in singles), ordinary
    )
    # "John Smith (JS)": initials, not an organisation.
    defined = [
        (d, acronym)
        for d, acronym in _acronym_definitions(paragraphs)
        if not any(
            m.kind == PERSON and m.paragraph == d.paragraph and d.start <= m.start < d.end
            for m in mentions
        )
    ]
    if defined:
        # "Ministry of Trade, Industry and Energy (MOTIE)": the whole name, not its first run.
        spans = [(m.paragraph, m.start, m.end) for m, _ in defined]
        mentions = [
            m
            for m in mentions
            if m.kind != ORGANISATION
            or not any(p == m.paragraph and a <= m.start < b for p, a, b in spans)
        ]
        mentions += [m for m, _ in defined]
        acronyms |= {acronym for _, acronym in defined}
    mentions += _listed_organisations(paragraphs, mentions)
    teams = _plural_names(paragraphs, ordinary)
    bodies = _corporate_names(singles, {m.name for m in mentions})
    outlets = _reporting_outlets(unsure + unnamed_runs, {m.name for m in mentions})
    mentions += outlets
    # Bodies the text's own words show to be one, whatever words their names are made of.
    evidenced = bodies | {m.name for m in outlets}
    people = {m.name for m in mentions if m.kind == PERSON}
    by_surname: dict[str, set[str]] = {}
    for person in people:
        by_surname.setdefault(name_key(_surname(person)), set()).add(person)
    for run in singles:
        word = run.words[0]
        full = {p for p in by_surname.get(name_key(word), set()) if len(p.split()) > 1}
        if len(full) == 1:
            mentions.append(Mention(PERSON, full.pop(), run.paragraph, run.start, run.end))
        elif word in organisations():
            mentions.append(
                Mention(ORGANISATION, organisations()[word], run.paragraph, run.start, run.end)
            )
        elif word in acronyms or word in teams or word in bodies:
            mentions.append(Mention(ORGANISATION, word, run.paragraph, run.start, run.end))
    # A lone surname after an honorific ("President Trump") joins its full name too.
    merged = []
    for m in mentions:
        if m.kind == PERSON and len(m.name.split()) == 1:
            full = {p for p in by_surname.get(name_key(m.name), set()) if len(p.split()) > 1}
            if len(full) == 1:
                m = Mention(PERSON, full.pop(), m.paragraph, m.start, m.end)
            elif full:
                continue  # "Biden" beside Joe and Hunter Biden: which one is not known
            elif m.name in known_people():
                # "President Trump", and no other Trump named: the one the news means.
                m = Mention(PERSON, known_people()[m.name], m.paragraph, m.start, m.end)
        merged.append(m)
    merged = [m for m in merged if m.kind != PERSON or _personal(m.name)]
    merged = _without_spelled_out_acronyms(paragraphs, merged)
    merged = _without_worded_bodies(paragraphs, merged, evidenced)
    mentions = sorted(_merge_name_tails(merged), key=lambda m: (m.paragraph, m.start))
    return Extraction(_entities(mentions), mentions)


#: Suffixes that end a name and never start one ("Jr Skate-A-Thon" is no one).
_SUFFIX_WORDS = frozenset((*NAME_SUFFIXES, "Jr", "Sr"))


def _personal(name: str) -> bool:
    """Whether a person's name, however it was found, can be one: it starts with no
    suffix ("Martin Luther King Jr Skate-A-Thon" gave "Jr Skate-A-Thon")."""
    return name.split()[0] not in _SUFFIX_WORDS


def _worded(words: list[str]) -> bool:
    """Whether a name's last word is an ordinary English word and no common census surname:
    "Stella Rising", "Technology Officer" are no names, "Neil Young" is one."""
    last = _surname(" ".join(words))
    return last.lower() in ordinary_words() and not common_surname(last)


#: A capital after a small letter inside a word, past the prefixes surnames write so
#: ("McGee", "DeRogatis", "LaRovere", "ElBaradei", "FitzGerald", "O'Brien" pass).
_INNER_CAPITAL = re.compile(
    r"^(?!Mc|Mac|De|Di|Da|Du|La|Le|Li|El|Al|Fitz|Van|Von|St)\p{L}*\p{Ll}\p{Lu}"
)


def _whole_name(words: list[str]) -> bool:
    """A given name and a surname: not a place's name ("Taylor Glacier", "Sierra Nevada"),
    a model's ("Mark IV") or a name written twice ("Kayla Wolf Kayla Wolf")."""
    last = words[-1]
    return (
        last not in PLACE_CUES
        and not _INNER_CAPITAL.search(last)  # "Rich PvE", "Max SoCs": no surnames
        and words[0] not in PLACE_PREFIXES
        # "Sierra Nevada": a place's name last, and no surname ("Denzel Washington" is one).
        and not (last in places() and last.upper() not in census_surnames())
        and len(set(full := [w for w in words if not _INITIAL.fullmatch(w)])) == len(full)
        and len([w for w in words if w not in NAME_SUFFIXES]) >= 2
    )


_PINYIN = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|uan|ian|iao|uai|ai|ei|ao|ou|an|en|in|un|ia|ie|ua|uo"
    r"|ue|ui|er|a|o|e|i|u)"
)
#: A given name written in pinyin: one to three syllables ("Xiaming", "Jinping", "Yi").
_PINYIN_NAME = re.compile(rf"(?i)(?:{_PINYIN}){{1,3}}")


def _chinese_name(words: list[str]) -> bool:
    """A Chinese name, surname first, its given name in pinyin ("Liu Xiaming", "Wang Yi")."""
    return (
        len(words) == 2
        and words[0] in word_list("chinese_surnames.txt")
        and words[0].lower() not in ordinary_words()  # "Long", "Song", "Fan"
        and len(words[1]) >= 2
        and _PINYIN_NAME.fullmatch(words[1]) is not None
        and words[1].lower() not in ordinary_words()
    )


def _job_before_name(words: list[str]) -> int:
    """How many leading words are a job written capitalised before a given name and a
    surname ("Public Ombudsman Nadia Cruz" → 2): its last word a role (``data/roles.txt``)."""
    roles = word_list("roles.txt")
    for i in range(len(words) - 3, -1, -1):
        name = words[i + 1]
        if words[i].lower() in roles and (name in given_names() or name in world_given_names()):
            return i + 1
    return 0


#: "the Department of Energy", "the Agency’s Photovoltaic Power Systems Program".
_THE_BEFORE = re.compile(r"(?:\b[Tt]he|\w[’']s)\s+$")


def _without_worded_bodies(
    paragraphs: list[str], mentions: list[Mention], evidenced: set[str]
) -> list[Mention]:
    """Less the organisations made only of ordinary English words that the text never
    writes after "the" or a possessive: headings in title case ("Social Media
    Marketing", "Small Group Training"), not bodies ("the Department of Energy")."""
    worded = {
        m.name
        for m in mentions
        if m.kind == ORGANISATION
        and m.name not in known_organisations()
        and m.name not in evidenced
        and not m.name.isupper()  # acronyms have tests of their own ("UPS", "SAD")
        and all(
            w.casefold() in ordinary_words() or w in CONNECTORS or w == "&" for w in m.name.split()
        )
    }
    if not worded:
        return mentions
    named = {
        m.name
        for m in mentions
        if m.name in worded
        and _THE_BEFORE.search(paragraphs[m.paragraph], max(0, m.start - 6), m.start)
    }
    return [m for m in mentions if m.name not in worded or m.name in named]


def _foreign_name(words: list[str], ordinary: set[str], opened: set[str]) -> bool:
    """A given name of another country before a surname: weaker evidence than a
    common given name, since some are words somewhere ("Cord Cutting", "Server
    Software") or brands ("Mars Odyssey", "Mars Pathfinder"). Two or three words, no
    word of them an ordinary word (of the article or of English news), the last no
    place nor cue of a place's or an organisation's name ("Georgian London"), and a
    first word that starts no other name in the article."""
    first, last = words[0], words[-1]
    return (
        first in world_given_names()
        and 2 <= len(words) <= 3
        and len(opened) <= 1
        and not any(
            w.lower() in ordinary or w.lower() in ordinary_words()
            for w in words
            if w.lower() not in PARTICLES
        )
        and not any(last in table for table in (PLACE_CUES, OUTLET_CUES, org_cues(), places()))
    )


_PAIRED_AFTER = re.compile(r",?\s(?:and|or|&)\s")
_PAIRED_BEFORE = re.compile(r",?\s(?:and|or|&)\s$")


def _paired_with_people(
    paragraphs: list[str], runs: list[_Run], mentions: list[Mention]
) -> list[Mention]:
    """Bare two- or three-word names joined to a person's by "and" are people too
    ("Kanye West and Kim Kardashian"); a comma alone is not enough ("Kim
    Kardashian, Grand Rapids")."""
    starts = {(m.paragraph, m.start) for m in mentions if m.kind == PERSON}
    ends = {(m.paragraph, m.end) for m in mentions if m.kind == PERSON}
    found = []
    for run in runs:
        if not 2 <= len(run.words) <= 3:
            continue
        text = paragraphs[run.paragraph]
        end = run.start + len(" ".join(run.words))
        after = _PAIRED_AFTER.match(text, end)
        before = _PAIRED_BEFORE.search(text, 0, run.start)
        if (after and (run.paragraph, after.end()) in starts) or (
            before and (run.paragraph, before.start()) in ends
        ):
            found.append(Mention(PERSON, " ".join(run.words), run.paragraph, run.start, end))
    return found


_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,5}")
_ROMAN = re.compile(r"[IVX]{2,}")
#: Where a one-word name can only be a place ("in", "near", "outside" before it).
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|outside|across|around)\s+$", re.IGNORECASE)
#: A compound that says where a body is or who runs it, before its name.
_PLACED = re.compile(r"-(?:based|born|owned|backed|led|run|funded|headquartered)$", re.IGNORECASE)
#: An acronym defined after words that do not spell it ("hypersensitivity pneumonitis,
#: or HP", "Krankenhausinformationssystemen (KIS)"): a thing. (Names that spell
#: theirs are :func:`_acronym_definitions`.)
_DEFINED_AFTER_WORDS = re.compile(r"\w\s*(?:,\s*or\s+|\(\s*)$")


def _organisation_acronyms(paragraphs: list[str], singles: Counter, ordinary: set[str]) -> set[str]:
    """All-capitals words used again and again that name organisations (a name that
    spells one is :func:`_acronym_definitions`): neither a common abbreviation
    (``data/common_acronyms.txt``), a word the text also writes in lower case, a
    place, nor defined in brackets after other words."""
    common = word_list("common_acronyms.txt")
    found = set()
    for word, count in singles.items():
        if (
            not _ACRONYM.fullmatch(word)
            or word in common
            or word.lower() in ordinary  # "READ MORE", "FRANCE WINS": words in capitals
            # "ZIP", "CHIP", "TAP": an English word in capitals; "III": a numeral
            or word.lower() in ordinary_words()
            or _ROMAN.fullmatch(word)
            or word.title() in places()
        ):
            continue
        used = re.compile(rf"\b{re.escape(word)}\b")
        at = next((m for text in paragraphs if (m := used.search(text))), None)
        before = at.string[max(0, at.start() - 40) : at.start()] if at else ""
        if _DEFINED_AFTER_WORDS.search(before):
            continue
        if count >= MIN_ACRONYM_MENTIONS:
            found.add(word)
    return found


#: An organisation's acronym is in capitals ("IoT", a thing's, is not).
_PAREN_ACRONYM = re.compile(r"\(\s*([A-Z][A-Z&]{1,7})\s*\)")
#: How far before its brackets an acronym's name may start, in characters.
ACRONYM_NAME_REACH = 120
#: Lower-case words inside a name that its acronym may or may not spell ("of" in MOTIE).
_ACRONYM_JOINS = frozenset(
    (*CONNECTORS, "and", "&", "y", "e", "et", "und", "do", "da", "des", "du", "di", "del", "dan")
)
_NAME_TOKEN = re.compile(r"[^\s,]+")


def _acronym_definitions(paragraphs: list[str]) -> list[tuple[Mention, str]]:
    """Organisations' names defined by the acronym after them, whose initials spell it
    ("Ministry of Trade, Industry and Energy (MOTIE)", "Serviço de Atendimento
    Domiciliar (SAD)"): each name's mention, and its acronym."""
    found = []
    for number, text in enumerate(paragraphs):
        for match in _PAREN_ACRONYM.finditer(text):
            acronym = match.group(1)
            letters = [c for c in acronym if c.isupper()]
            if len(letters) < 2 or acronym in word_list("common_acronyms.txt"):
                continue
            reach = max(0, match.start() - ACRONYM_NAME_REACH)
            tokens = list(_NAME_TOKEN.finditer(text, reach, match.start()))
            first = _spelled_by(letters, [t.group(0) for t in tokens])
            if first is None:
                continue
            start = tokens[first].start()
            name = text[start : tokens[-1].end()].removeprefix("The ")
            if name in places() or len(name.split()) < 2:
                continue
            found.append((Mention(ORGANISATION, name, number, start, tokens[-1].end()), acronym))
    return found


#: An acronym is spelled out by words of at least this many letters each.
SPELLED_MIN_CHARS = 4


def _without_spelled_out_acronyms(paragraphs: list[str], mentions: list[Mention]) -> list[Mention]:
    """Less the organisations written as an acronym that the article spells out in
    lower-case words before it, in the paragraph that first uses it: "HP" after
    "hypersensitivity pneumonitis" is the disease, not the company of those letters."""
    spelled: dict[str, bool] = {}
    kept = []
    for m in mentions:
        written = paragraphs[m.paragraph][m.start : m.end]
        if m.kind == ORGANISATION and _ACRONYM.fullmatch(written):
            if written not in spelled:
                spelled[written] = _spelled_before_first_use(written, paragraphs)
            if spelled[written]:
                continue
        kept.append(m)
    return kept


def _spelled_before_first_use(acronym: str, paragraphs: list[str]) -> bool:
    used = re.compile(rf"\b{re.escape(acronym)}\b")
    words = r"\s+".join(
        rf"{c.lower()}\p{{Ll}}{{{SPELLED_MIN_CHARS - 1},}}" for c in acronym if c.isalpha()
    )
    spelled = re.compile(rf"\b{words}\b")
    for text in paragraphs:
        if first := used.search(text):
            return spelled.search(text, 0, first.start()) is not None
    return False


def _spelled_by(letters: list[str], tokens: list[str]) -> int | None:
    """The index of the token a name spelling ``letters`` starts at, reading back from
    the last token: every capitalised word gives the next letter, lower-case joins may."""

    def back(i: int, j: int) -> int | None:
        if j < 0:
            return i + 1 if i + 1 < len(tokens) and tokens[i + 1][:1].isupper() else None
        if i < 0:
            return None
        word = tokens[i]
        initial = unicodedata.normalize("NFKD", word[:1])[:1].upper()
        if word[:1].isupper():
            return back(i - 1, j - 1) if initial == letters[j] else None
        if word in _ACRONYM_JOINS:
            spelled = back(i - 1, j - 1) if initial == letters[j] else None
            return spelled if spelled is not None else back(i - 1, j)
        return None

    return back(len(tokens) - 1, len(letters) - 1)


_ITEM = rf"(?<![\w’'-])(?:The\s)?{_WORD}(?:\s{_WORD}){{0,3}}(?![\w’'-])"
#: A list of three or more names: "Porto, Inter Milan, Chelsea and Real Madrid".
_NAME_LIST = re.compile(rf"{_ITEM}(?:,\s{_ITEM})+,?\s(?:and|or|&|und|e|y|et|dan)\s{_ITEM}")
_LIST_ITEM = re.compile(_ITEM)


def _listed_organisations(paragraphs: list[str], mentions: list[Mention]) -> list[Mention]:
    """Names listed with an organisation, as its peers: "managed FC Porto, Inter Milan,
    Chelsea and Real Madrid" names four clubs when one is known to be. A list that
    names a person or a place is left alone, and so is a name the text writes as one."""
    lists = [
        (number, list(_LIST_ITEM.finditer(match.group(0))), match.start())
        for number, text in enumerate(paragraphs)
        for match in _NAME_LIST.finditer(text)
    ]
    if not lists:
        return []
    known = {m.name for m in mentions if m.kind == ORGANISATION}
    others = {m.name for m in mentions if m.kind != ORGANISATION}
    others |= {_surname(m.name) for m in mentions if m.kind == PERSON}  # "Braun"
    found: list[Mention] = []
    grew = True
    while grew:  # a club named in a second list with the first's ("Porto, Real Madrid and …")
        grew = False
        for number, items, offset in lists:
            names = [item.group(0).removeprefix("The ") for item in items]
            if any(n in others or n in places() for n in names) or not any(
                n in known or n in organisations() for n in names
            ):
                continue
            for item, name in zip(items, names, strict=True):
                if name not in known and name not in organisations() and _listable(name.split()):
                    known.add(name)
                    start = offset + item.start()
                    found.append(Mention(ORGANISATION, name, number, start, offset + item.end()))
                    grew = True
    return found


#: People a list must name for its other two- or three-word names to be people too.
MIN_LISTED_PEOPLE = 2


def _listed_people(paragraphs: list[str], mentions: list[Mention]) -> list[Mention]:
    """Names listed with two or more people, as people: "Oscar Robertson, Russell
    Westbrook, Magic Johnson and Jason Kidd" when two are known to be. A list that
    names an organisation or a place is left alone, and so is an item that is no
    whole name (:func:`_whole_name`) or holds an ordinary English word."""
    people = {m.name for m in mentions if m.kind == PERSON}
    others = {m.name for m in mentions if m.kind != PERSON}
    found: list[Mention] = []
    for number, text in enumerate(paragraphs):
        for match in _NAME_LIST.finditer(text):
            items = list(_LIST_ITEM.finditer(match.group(0)))
            names = [item.group(0) for item in items]
            if sum(n in people for n in names) < MIN_LISTED_PEOPLE or any(
                n in others or n in places() or n in organisations() for n in names
            ):
                continue
            for item, name in zip(items, names, strict=True):
                words = name.split()
                if (
                    name in people
                    or not 2 <= len(words) <= 3
                    or not _name_like(words)
                    or not _whole_name(words)
                    or any(w.lower() in ordinary_words() for w in words)
                ):
                    continue
                start = match.start() + item.start()
                found.append(Mention(PERSON, name, number, start, match.start() + item.end()))
    return found


def _listable(words: list[str]) -> bool:
    return all(
        w[:1].isupper() and w not in CALENDAR and w not in COMMON_STARTS and w not in CONNECTORS
        for w in words
    )


#: What only a company or another body has, written next to its one-word name:
#: "Burisma's chief executive", "a spokesperson for Comcast", "Xfinity said in a statement".
_CORPORATE_AFTER = re.compile(
    r"^(?:[’']s)?\s+(?:spokes(?:man|woman|person)|chief executive|CEO|headquarters)\b"
    r"|^\s+said in a statement\b"
)
_CORPORATE_BEFORE = re.compile(
    r"\b(?:spokes(?:man|woman|person)|chief executive|CEO|founder)\s+(?:for|of|at)\s+$"
)


def _corporate_names(singles: list[_Run], known: set[str]) -> set[str]:
    """One-word names written where only a company or another body can stand
    (:data:`_CORPORATE_AFTER`, :data:`_CORPORATE_BEFORE`), and named by no one's name."""
    found = set()
    for run in singles:
        word = run.words[0]
        if not (_CORPORATE_AFTER.match(run.after) or _CORPORATE_BEFORE.search(run.before)):
            continue
        if (
            word in known
            or word in places()
            or word in given_names()
            or not _name_like([word])
            or word.lower() in ordinary_words()
            or word in word_list("demonyms.txt")
        ):
            continue
        found.add(word)
    return found - {_surname(n) for n in known}


#: Where a news outlet is named as the one that reports: "Nature Astronomy reported",
#: "first reported by Ars Technica" ("according to" names people as often).
_REPORTS_BEFORE = re.compile(r"\b(?:reported by|first reported by)\s+$")
_REPORTS_AFTER = re.compile(r"^,?\s+(?:reported|reports|first reported)\b")


def _reporting_outlets(runs: list[_Run], known: set[str]) -> list[Mention]:
    """Bare names the evidence did not make people, written as the outlet that reports
    ("Nature Astronomy reported"), and starting with no given name: organisations."""
    found = []
    for run in runs:
        name = " ".join(run.words)
        if name in known or run.words[0] in given_names() or run.words[0] in world_given_names():
            continue
        if _REPORTS_BEFORE.search(run.before) or _REPORTS_AFTER.match(run.after):
            end = run.start + len(name)
            found.append(Mention(ORGANISATION, name, run.paragraph, run.start, end))
    return found


_THE_PLURAL = re.compile(r"\bthe\s+([A-Z][a-z]+s)\b")
#: Times "the …s" must be written for the name to be a team's, band's or party's.
MIN_PLURAL_NAME_USES = 2


def _plural_names(paragraphs: list[str], ordinary: set[str]) -> set[str]:
    """Plural names written after a lower-case "the", again and again: teams, bands,
    parties ("the Lakers", "the Steelers", "the Democrats"); not peoples ("the Americans")
    nor words the text also writes in lower case."""
    uses = Counter(w for text in paragraphs for w in _THE_PLURAL.findall(text))
    return {
        word
        for word, count in uses.items()
        if count >= MIN_PLURAL_NAME_USES
        and word.lower() not in ordinary
        and not word.endswith(("ans", "is", "us", "ss", "as", "os"))  # peoples, "Artemis"
        and word not in places()
    }


def _merge_name_tails(mentions: list[Mention]) -> list[Mention]:
    """A name ending exactly one longer name is that person ("Eriksson Ek", "Joel Eriksson Ek")."""
    people = {m.name for m in mentions if m.kind == PERSON}
    full = {}
    for name in people:
        longer = {p for p in people if p.endswith(" " + name)}
        if len(longer) == 1:
            full[name] = longer.pop()
    return [
        Mention(PERSON, full[m.name], m.paragraph, m.start, m.end)
        if m.kind == PERSON and m.name in full
        else m
        for m in mentions
    ]


def _entities(mentions: list[Mention]) -> list[Entity]:
    counts = Counter((m.kind, m.name) for m in mentions)
    # A person's name is never also an organisation or place ("Washington").
    people = {name for kind, name in counts if kind == PERSON}
    entities = [
        Entity(kind, name, count)
        for (kind, name), count in counts.items()
        if kind == PERSON or name not in people
    ]
    first = {}
    for index, m in enumerate(mentions):
        first.setdefault((m.kind, m.name), index)
    entities.sort(key=lambda e: (KINDS.index(e.kind), -e.count, first[(e.kind, e.name)]))
    return entities


def site_people(names: list[str]) -> dict[str, str]:
    """One spelling for each person the site names: ``{spelling: name shown}``.

    ``names`` holds every article's people, once per article. Spellings with
    one :func:`name_key` (Zelensky, Zelenskyy, Zelenskiy) are one person,
    shown as most articles write it; a bare surname ("Trump") is the one full
    name across the site that ends in it ("Donald Trump"), when there is
    exactly one.
    """
    counts = Counter(names)
    by_key: dict[str, list[str]] = {}
    for name in counts:
        by_key.setdefault(name_key(name), []).append(name)
    shown = {}
    for spellings in by_key.values():
        best = min(spellings, key=lambda n: (-counts[n], n))
        shown.update(dict.fromkeys(spellings, best))
    full: dict[str, set[str]] = {}
    for name in set(shown.values()):
        if len(name.split()) > 1:
            full.setdefault(name_key(_surname(name)), set()).add(name)
    for name, best in shown.items():
        if len(best.split()) == 1 and len(full.get(name_key(best), ())) == 1:
            shown[name] = next(iter(full[name_key(best)]))
    return {name: best for name, best in shown.items() if name != best}
