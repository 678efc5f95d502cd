"""Language knowledge, loaded once from the tables of `data/lexicon/` and checked.

Every table is tab-separated, one fact a line, with a header naming its columns; `#`
starts a comment line. A malformed line raises LexiconError naming file, line and column.
Adding an official, a place or a synonym is one line in one of these files:

| file | columns | one line is |
| --- | --- | --- |
| countries.tsv | iso lang kind form | a name or adjective of a country (kind: name, adjective) |
| places.tsv | key country kind lang form | a name of a city or venue |
| capitals.tsv | country place | the capital of a country (a places.tsv key): "العاصمة القطرية" |
| officials.tsv | key country lang form | a name (or spelling) of a known official |
| organizations.tsv | key country kind lang form | a name of a ministry, agency or international body |
| honorifics.tsv | lang form | a title of address (سعادة، الشيخ، Sheikh) |
| posts.tsv | lang kind country form | a head word of an official post (kind: see POST_KINDS) |
| ordinals.tsv | value lang form | an ordinal word (الخامسة → 5) |
| numbers.tsv | value lang kind form | a number, scale or fraction word (kind: number, scale, plural-scale, fraction) |
| months.tsv | month lang form | a month name (the Arabic sets, English and abbreviations) |
| hijri_months.tsv | month lang form | a Hijri month name (رمضان → 9) |
| eras.tsv | era lang form | an era marker after a year (هـ, م, AH; era: hijri, gregorian) |
| weekdays.tsv | weekday lang form | a weekday name (0 = Monday) |
| relative_dates.tsv | lang unit offset form | a relative date (غدا → day +1) |
| currencies.tsv | code lang form | a currency word or sign (ISO 4217 code) |
| durations.tsv | unit lang count form | a duration unit word (Y, M, W, D; count 2 for duals) |
| agreements.tsv | type lang count form | an agreement noun (count: 1, 2 for the dual, n for plurals) |
| topic_terms.tsv | notation lang form | a phrase that names a topic of the scheme ("-": none; "a+b": both) |
| topics.tsv | notation label_en label_ar | the topic scheme itself |
| cues.tsv | cue lang form | a word that signals a frame (see CUES); `*` ends a stem |
| boilerplate.tsv | lang form | a line that starts trailing web-page boilerplate |
| chrome.tsv | kind lang form | a word of page chrome (Share, تسجيل) or an ending that makes it a word |
| abbreviations.tsv | lang form | an abbreviation whose dot does not end a sentence |
| given_names.tsv | lang form | a given name that starts a person's name in English copy |
| dialogues.tsv | first second | a known bilateral dialogue (the default one first) |
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Generic, TypeVar

from ..errors import LexiconError
from ..resources import lexicon_dir
from .normalize import normalize
from .tokens import Token, clitic_readings, same_word, tokenize

LANGS = frozenset({"ar", "en"})
POST_KINDS = frozenset({"office", "minister", "relational", "advisor"})
AGREEMENT_TYPES = (
    "MemorandumOfUnderstanding",
    "LetterOfIntent",
    "StatementOfIntent",
    "JointDeclaration",
    "Agreement",
)
CUES = frozenset(
    {
        "round-noun",  # الدورة، الجولة، round
        "round-plural",  # الجولتان، الجولات، rounds: coordinated rounds ("the fourth and fifth rounds")
        "during",  # خلال، during: "وقعت … في واشنطن أمس … خلال الجولة الرابعة": signed at the round
        "genitive",  # من، of: "الجولة الثالثة من المفاوضات" is a round of what follows, not the dialogue's
        "dialogue-word",  # حوار، dialogue: a dialogue named with its parties ("Kuwait's dialogue")
        "dialogue-with",  # مع، بين، with: introduces a party of a dialogue ("its dialogue with the US")
        "dialogue-noun",  # الحوار الاستراتيجي، Strategic Dialogue
        "dialogue-anaphor",  # الحوار، the dialogue, the talks: the round in context
        "event",  # عقد، انطلق، held, opened: a round takes place
        "host",  # استضاف، hosted: a place hosts a round
        "inception",  # انطلق، launched: the dialogue began (its first round)
        "chair",  # برئاسة، ترأس، co-chaired: the chairs are named after (or, in English, before)
        "chair-by-pronoun",  # ترؤسهما، which they co-chaired: the chairs were named before
        "chair-subject",  # convened, held: its subject chairs the round that is its object
        "lead-verb",  # led, يقود: with a side or delegation as its object, a chair cue
        "meeting-anaphor",  # الاجتماعات، the meetings: the meetings the sentence before spoke of
        "session",  # جلسة، session
        "opening",  # الافتتاحية، opening
        "agenda",  # ناقش، بحث، جدول أعمال، discussed, agenda
        "joint-subject",  # الجانبان، البلدان، the two sides
        "speech",  # قال، أكد، said
        "remarks-at-round",  # كلمته الافتتاحية، opening remarks
        "sign",  # وقع، توقيع، signed, announced
        "reaffirm",  # جدد، reaffirmed
        "before",  # قبل، before: a round named after it came later than what the clause tells
        "heading",  # على صعيد، front: "على صعيد الاتفاقيات", "on the agreements front" name a subject, no document
        "sign-negation",  # دون، لم، not, without: a signing verb right after it signs nothing; "no" before a noun
        "past-signing",  # تم توقيعه، that they signed
        "modality",  # رغبة، expected to: not (yet) a fact
        "commitment",  # التزام، تعهد، pledge
        "welcome",  # رحب، welcomed: the subject welcomes a pledge that another party makes
        "agent",  # من قبل، by: names who pledges after the pledge ("a pledge by Qatar")
        "corrected",  # وليس، not: the amount after it is a figure the text denies
        "volume",  # حجم التبادل، trade volume: a figure that measures, pledges nothing
        "value",  # بقيمة، worth: marks a value, of a pledge or of a volume alike
        "amendment",  # تعديل، amendment: one agreement with the accord it amends
        "renewal",  # تجديد، تمديد، renewed: an agreement renewed or extended is signed anew
        "timing",  # بالتزامن مع، on the sidelines of: what follows dates the event, it is no topic
        "beneficiary",  # لدعم، لصالح، to: introduces who benefits
        "duration",  # على مدى، over: introduces a duration
        "several",  # عدة، multi: a count that is not a number
        "clause-break",  # ثم، فيما، while: a new clause starts
        "side",  # الجانب: "عن الجانب القطري"
        "relative",  # الذي، التي، which, who
        "relative-pronoun",  # الذي، which, whose (not "that"): a round named after one is told in passing
        "background",  # الجدير بالذكر، يذكر أن: background, not the news of the day
        "future",  # المقرر، will: the event lies ahead
        "filler",  # في، من، the, of: may stand between a round and its event verb, place or date
        "affairs",  # شؤون، affairs: a country adjective after it names a domain, not a nationality
        "date-linker",  # الموافق: "الثلاثاء الموافق 5 مارس" — joins a weekday to its date
        "post-complement",  # وزارة، مكتب: may follow a post with ب/ل ("الوكيل المساعد بوزارة العمل")
        "capital",  # العاصمة، capital: with a country's adjective, that country's capital (capitals.tsv)
        "post-end",  # آنذاك، الشقيقة: ends a post and is no part of it ("وزير الخارجية آنذاك")
        "post-lead",  # then, as: may stand between a name and its post ("X, then secretary of state")
        "eponym",  # administration, إدارة: a name beside it names a government ("the Trump administration")
        "preparatory",  # تحضيرية، preparatory: meetings before a round, whose chairs are not its chairs
        "negation",  # not, وليس: "co-chaired by A and B, not by C"
        "participation",  # بمشاركة، بحضور، in the presence of: who follows takes part, and chairs nothing
        "two-foreign-ministers",  # وزيرا خارجية البلدين، the two foreign ministers: chairs by description
        "foreign-minister",  # وزير الخارجية، Secretary of State: the posts "the two foreign ministers" hold
    }
)

NO_TOPIC = "-"  # a topic_terms.tsv phrase that contains a topic word but names no topic
TOPIC_JOINER = "+"  # a topic_terms.tsv notation "a+b": the phrase names both topics

T = TypeVar("T")


# --------------------------------------------------------------------------- tables
def read_table(path: Path, columns: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a lexicon table as (line number, {column: value}), checked against `columns`."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as error:
        raise LexiconError(f"{path}: cannot be read ({error.strerror or error})") from None
    with handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header: list[str] | None = None
        for number, row in enumerate(reader, start=1):
            if not row or not any(cell.strip() for cell in row) or row[0].startswith("#"):
                continue
            if header is None:
                header = [cell.strip() for cell in row]
                if header != list(columns):
                    raise LexiconError(
                        f"{path}:{number}: header is {' '.join(header)!r}; "
                        f"it must be {' '.join(columns)!r}"
                    )
                continue
            if len(row) != len(columns):
                raise LexiconError(
                    f"{path}:{number}: {len(row)} columns; expected {len(columns)} "
                    f"({', '.join(columns)})"
                )
            values = {name: cell.strip() for name, cell in zip(columns, row, strict=True)}
            for name, value in values.items():
                if not value:
                    raise LexiconError(f"{path}:{number}: column '{name}' is empty")
            if "lang" in values and values["lang"] not in LANGS:
                raise LexiconError(
                    f"{path}:{number}: column 'lang' is '{values['lang']}'; it must be one of: ar, en"
                )
            yield number, values
        if header is None:
            raise LexiconError(f"{path}: empty table; expected a header {' '.join(columns)!r}")


def _choice(path: Path, number: int, column: str, value: str, choices: Iterable[str]) -> str:
    allowed = sorted(choices)
    if value not in allowed:
        raise LexiconError(f"{path}:{number}: column '{column}' is '{value}'; it must be one of: "
                           f"{', '.join(allowed)}")
    return value


def _number(path: Path, number: int, column: str, value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise LexiconError(f"{path}:{number}: column '{column}' is '{value}'; it must be a whole number") from None


# --------------------------------------------------------------------------- phrase index
@dataclass(slots=True)
class PhraseMatch(Generic[T]):
    """A lexicon phrase found at tokens [first, last] (inclusive) with its payload.

    Not frozen: hundreds are made per article, at a third of the cost (none is hashed)."""

    first: int
    last: int
    payload: T


@dataclass(frozen=True, slots=True)
class _Starts(Generic[T]):
    """The phrases that may start with one word, longest first: the longer ones by their
    second word (with their rank in that order), then the one-word phrases and stems."""

    longer: dict[str, list[tuple[int, tuple[str, ...], T]]]
    singles: tuple[T, ...]


_NO_STARTS: _Starts[Any] = _Starts({}, ())


@dataclass
class PhraseIndex(Generic[T]):
    """Multi-word phrases indexed by their first word.

    The first word of the text may carry proclitics (بواشنطن); the others must match word
    for word, allowing the accusative alif (إعلانا مشتركا). Stems (a form ending with `*`)
    match one word that begins with them.
    """

    _phrases: dict[str, list[tuple[tuple[str, ...], T]]] = field(default_factory=lambda: defaultdict(list))
    _stems: dict[str, list[tuple[str, T]]] = field(default_factory=lambda: defaultdict(list))
    # What a word must share with the index to match at all: most words of a text match no
    # index, and this answers that with one set operation.
    _keys: frozenset[str] = frozenset()
    _candidates: dict[str, bool] = field(default_factory=dict)  # word → could it start a phrase?
    _starts: dict[str, _Starts[T]] = field(default_factory=dict)  # word → what may start there

    def add(self, form: str, payload: T) -> None:
        if form.endswith("*"):
            stem = normalize(form[:-1])
            if (stem, payload) not in self._stems[stem[:2]]:
                self._stems[stem[:2]].append((stem, payload))
            return
        words = tuple(t.text for t in tokenize(form))
        if words and (words, payload) not in self._phrases[words[0]]:
            self._phrases[words[0]].append((words, payload))

    def could_start(self, word: str) -> bool:
        """Whether a phrase of this index could begin with `word` (cached per word)."""
        candidate = self._candidates.get(word)
        if candidate is None:
            candidate = not (_readings_of(word).isdisjoint(self._keys) and _prefixes_of(word).isdisjoint(self._keys))
            self._candidates[word] = candidate
        return candidate

    def forms(self) -> Iterator[tuple[str, T]]:
        """Every phrase (as normalised words joined by spaces) with its payload."""
        for entries in self._phrases.values():
            for words, payload in entries:
                yield " ".join(words), payload

    def finalise(self) -> None:
        """Longest phrases first, so the first match at a position is the longest."""
        for entries in self._phrases.values():
            entries.sort(key=lambda entry: -len(entry[0]))
        self._keys = frozenset(self._phrases) | frozenset(self._stems)

    def matches_at(self, tokens: Sequence[Token], position: int) -> list[PhraseMatch[T]]:
        """Every phrase that starts at `tokens[position]`, longest first."""
        first = tokens[position].text
        starts = self._starts.get(first)
        if starts is None:
            starts = self._starts_for(first)
        if starts is _NO_STARTS:
            return []
        found: list[PhraseMatch[T]] = []
        longer = starts.longer
        if longer and position + 1 < len(tokens):
            # Only the phrases whose second word is the next one (or it without an accusative alif).
            second = tokens[position + 1].text
            candidates = longer.get(second, ())
            if second.endswith("ا"):
                stripped = [c for c in longer.get(second[:-1], ()) if len(c[1][1]) > 2]
                if stripped:
                    candidates = sorted([*candidates, *stripped], key=lambda c: c[0])
            count = len(tokens)
            for _, words, payload in candidates:
                last = position + len(words) - 1
                if last < count and all(same_word(tokens[position + k].text, words[k]) for k in range(2, len(words))):
                    found.append(PhraseMatch(position, last, payload))
        for payload in starts.singles:
            found.append(PhraseMatch(position, position, payload))
        return found

    def _starts_for(self, first: str) -> _Starts[T]:
        """The phrases and stems that may start with a word (through any of its readings),
        longest first, each once; cached per word, since the same words come back often."""
        entries: list[tuple[tuple[str, ...], T]] = []
        # A phrase is known by its words (two spellings of one month, "كانون الثاني" and
        # "كانون ثاني", are two phrases); a stem by its payload, whichever reading reached it.
        seen: set[tuple[tuple[str, ...], int]] = set()
        if self.could_start(first):
            for reading in _readings_of(first):
                for words, payload in self._phrases.get(reading, ()):
                    key = (words, id(payload))
                    if key not in seen:
                        seen.add(key)
                        entries.append((words, payload))
                for stem, payload in self._stems.get(reading[:2], ()):
                    if reading.startswith(stem) and len(reading) - len(stem) <= 5:
                        key = ((), id(payload))
                        if key not in seen:
                            seen.add(key)
                            entries.append(((reading,), payload))
        entries.sort(key=lambda entry: -len(entry[0]))
        starts: _Starts[T] = _NO_STARTS
        if entries:
            longer: dict[str, list[tuple[int, tuple[str, ...], T]]] = defaultdict(list)
            for rank, (words, payload) in enumerate(entries):
                if len(words) > 1:
                    longer[words[1]].append((rank, words, payload))
            singles = tuple(payload for words, payload in entries if len(words) == 1)
            starts = _Starts(dict(longer), singles)
        self._starts[first] = starts
        return starts

    def scan(self, tokens: Sequence[Token]) -> list[PhraseMatch[T]]:
        """Longest non-overlapping matches, left to right."""
        found: list[PhraseMatch[T]] = []
        position = 0
        while position < len(tokens):
            matches = self.matches_at(tokens, position)
            if matches:
                found.append(matches[0])
                position = matches[0].last + 1
            else:
                position += 1
        return found

    def scan_all(self, tokens: Sequence[Token]) -> list[PhraseMatch[T]]:
        """Every match at every position (overlaps allowed)."""
        found: list[PhraseMatch[T]] = []
        for position in range(len(tokens)):
            found.extend(self.matches_at(tokens, position))
        return found


@cache
def _prefixes_of(word: str) -> frozenset[str]:
    """The two-letter beginnings of a word's readings (the keys stems are indexed under)."""
    return frozenset(reading[:2] for reading in _readings_of(word))


@cache
def _readings_of(word: str) -> frozenset[str]:
    """Clitic readings of a first word, and of it without an accusative alif."""
    readings = set(clitic_readings(word))
    readings.update(r[:-1] for r in list(readings) if r.endswith("ا") and len(r) > 3)
    return frozenset(readings)


# --------------------------------------------------------------------------- entries
@dataclass(frozen=True)
class Country:
    iso: str
    labels: dict[str, str]


@dataclass(frozen=True)
class CountryForm:
    iso: str
    kind: str  # name | adjective


@dataclass(frozen=True)
class Entity:
    """A gazetteer entry: a place, an official or an organisation."""

    kind: str  # place | official | organization
    key: str
    country: str | None
    labels: dict[str, str]
    subkind: str = ""  # places: city, venue, region; organisations: government, news-agency …


@dataclass(frozen=True)
class PostHead:
    kind: str
    country: str | None
    lang: str


@dataclass(frozen=True)
class AgreementNoun:
    type: str
    count: int | None  # 1 singular, 2 dual, None plural


@dataclass(frozen=True)
class Cue:
    cue: str
    lang: str


@dataclass(frozen=True)
class Topic:
    notation: str
    labels: dict[str, str]


@dataclass(eq=False)  # compared and hashed by identity: one lexicon per process
class Lexicon:
    """All language knowledge, with the indexes extraction scans the text with."""

    countries: dict[str, Country]
    country_forms: PhraseIndex[CountryForm]
    entities: dict[tuple[str, str], Entity]
    entity_forms: PhraseIndex[Entity]
    honorifics: PhraseIndex[str]
    posts: PhraseIndex[PostHead]
    ordinals: PhraseIndex[int]
    numbers: PhraseIndex[tuple[str, int]]
    months: PhraseIndex[int]
    hijri_months: PhraseIndex[int]
    eras: PhraseIndex[str]  # hijri | gregorian
    weekdays: PhraseIndex[int]
    relative_dates: PhraseIndex[tuple[str, int]]
    currencies: PhraseIndex[str]
    durations: PhraseIndex[tuple[str, int]]
    agreements: PhraseIndex[AgreementNoun]
    topics: dict[str, Topic]
    topic_terms: PhraseIndex[str]
    cues: PhraseIndex[Cue]
    boilerplate: frozenset[str]
    chrome: PhraseIndex[str]  # page-chrome words and phrases (payload: the normalised form)
    chrome_suffixes: frozenset[str]  # endings that make a glued chrome word a word of the text
    capitals: dict[str, Entity]  # country ISO code → the place that is its capital
    abbreviations: frozenset[str]
    post_first_words: frozenset[str]  # first words of post heads ("وزير" is not "و" + "زير")
    mention_index: PhraseIndex[tuple[str, Any]]  # all the phrase kinds mentions.py looks for, at once
    agreement_labels: dict[tuple[str, str], str]  # (type, lang) → the first singular form
    given_names: frozenset[str]  # normalised given names that start an English name
    date_linkers: frozenset[str]  # words between a weekday and its date (الموافق)
    post_complements: frozenset[str]  # words that may follow a post with ب/ل (بوزارة، لشؤون)
    post_ends: frozenset[str]  # words that end a post, no part of it (آنذاك، الشقيقة)
    post_leads: frozenset[str]  # words between a name and the post after it (then, as)
    dialogues: tuple[tuple[str, str], ...]  # known dialogues, the default first
    # Answers of could_start_date/could_start_amount per word: they are asked of every token.
    _date_starts: dict[str, bool] = field(default_factory=dict, repr=False)
    _amount_starts: dict[str, bool] = field(default_factory=dict, repr=False)

    def could_start_date(self, word: str) -> bool:
        """Whether a date expression could begin with `word` (a number, a weekday, a month …)."""
        known = self._date_starts.get(word)
        if known is None:
            known = self._date_starts[word] = word[:1].isdigit() or self.weekdays.could_start(word) \
                or self.relative_dates.could_start(word) or self.months.could_start(word) \
                or self.ordinals.could_start(word)  # "الثلاثين من كانون الثاني"
        return known

    def could_start_amount(self, word: str) -> bool:
        known = self._amount_starts.get(word)
        if known is None:
            known = self._amount_starts[word] = word[:1].isdigit() or self.numbers.could_start(word) \
                or self.currencies.could_start(word)
        return known

    def is_boilerplate(self, line: str) -> bool:
        return normalize(line).strip(" :.") in self.boilerplate

    def entity(self, kind: str, key: str) -> Entity:
        return self.entities[(kind, key)]


def _labels_in_order(rows: Iterable[tuple[str, str]]) -> dict[str, str]:
    labels: dict[str, str] = {}
    for lang, form in rows:
        labels.setdefault(lang, form)
    return labels


def _index(entries: Iterable[tuple[str, Any]]) -> PhraseIndex[Any]:
    index: PhraseIndex[Any] = PhraseIndex()
    for form, payload in entries:
        index.add(form, payload)
    index.finalise()
    return index


def _dialogues(rows: list[tuple[Path, int, dict[str, str]]],
               countries: dict[str, Country]) -> Iterator[tuple[str, str]]:
    for path, number, row in rows:
        for column in ("first", "second"):
            if row[column] not in countries:
                raise LexiconError(f"{path}:{number}: column '{column}' is '{row[column]}', "
                                   f"which countries.tsv does not name")
        yield row["first"], row["second"]


@cache
def load_lexicon(directory: Path | None = None) -> Lexicon:
    """Load and check every table of `data/lexicon/` (once per process)."""
    root = directory or lexicon_dir()

    def table(name: str, columns: Sequence[str]) -> list[tuple[Path, int, dict[str, str]]]:
        path = root / name
        return [(path, number, row) for number, row in read_table(path, columns)]

    # Countries
    country_rows = table("countries.tsv", ("iso", "lang", "kind", "form"))
    names: dict[str, list[tuple[str, str]]] = defaultdict(list)
    country_entries: list[tuple[str, CountryForm]] = []
    for path, number, row in country_rows:
        iso = row["iso"]
        if len(iso) != 2 or not iso.isupper():
            raise LexiconError(f"{path}:{number}: column 'iso' is '{iso}'; it must be an ISO 3166-1 alpha-2 code")
        kind = _choice(path, number, "kind", row["kind"], ("name", "adjective"))
        if kind == "name":
            names[iso].append((row["lang"], row["form"]))
        country_entries.append((row["form"], CountryForm(iso, kind)))
    countries = {iso: Country(iso, _labels_in_order(rows)) for iso, rows in names.items()}

    # Gazetteers of places, officials and organisations
    entities: dict[tuple[str, str], Entity] = {}
    entity_forms: list[tuple[str, tuple[str, str]]] = []
    gazetteers = (
        ("place", "places.tsv", ("key", "country", "kind", "lang", "form")),
        ("official", "officials.tsv", ("key", "country", "lang", "form")),
        ("organization", "organizations.tsv", ("key", "country", "kind", "lang", "form")),
    )
    for kind, name, columns in gazetteers:
        grouped: dict[str, list[tuple[str, str]]] = defaultdict(list)
        attributes: dict[str, tuple[str | None, str]] = {}
        for path, number, row in table(name, columns):
            country = None if row["country"] == "-" else row["country"]
            if country is not None and country not in countries:
                raise LexiconError(f"{path}:{number}: column 'country' is '{country}', "
                                   f"which countries.tsv does not name")
            subkind = row.get("kind", "")
            previous = attributes.setdefault(row["key"], (country, subkind))
            if previous != (country, subkind):
                raise LexiconError(f"{path}:{number}: '{row['key']}' has another country or kind "
                                   f"on an earlier line")
            grouped[row["key"]].append((row["lang"], row["form"]))
            entity_forms.append((row["form"], (kind, row["key"])))
        for key, rows in grouped.items():
            country, subkind = attributes[key]
            entities[(kind, key)] = Entity(kind, key, country, _labels_in_order(rows), subkind)

    # Capitals: a place of the gazetteer, in the country it is the capital of
    capitals: dict[str, Entity] = {}
    for path, number, row in table("capitals.tsv", ("country", "place")):
        place = entities.get(("place", row["place"]))
        if row["country"] not in countries:
            raise LexiconError(f"{path}:{number}: column 'country' is '{row['country']}', "
                               f"which countries.tsv does not name")
        if place is None or place.country != row["country"]:
            raise LexiconError(f"{path}:{number}: column 'place' is '{row['place']}', "
                               f"which places.tsv does not name in {row['country']}")
        capitals[row["country"]] = place

    # Topic scheme and its phrases
    topics: dict[str, Topic] = {}
    for _, _, row in table("topics.tsv", ("notation", "label_en", "label_ar")):
        topics[row["notation"]] = Topic(row["notation"], {"en": row["label_en"], "ar": row["label_ar"]})
    topic_terms = []
    for path, number, row in table("topic_terms.tsv", ("notation", "lang", "form")):
        # "a+b": a phrase that names two topics at once ("مكافحة الإرهاب وتمويله")
        for part in row["notation"].split(TOPIC_JOINER):
            _choice(path, number, "notation", part, [*topics, NO_TOPIC])
        topic_terms.append((row["form"], row["notation"]))

    posts = []
    for path, number, row in table("posts.tsv", ("lang", "kind", "country", "form")):
        kind = _choice(path, number, "kind", row["kind"], POST_KINDS)
        country = None if row["country"] == "-" else row["country"]
        posts.append((row["form"], PostHead(kind, country, row["lang"])))

    agreements = []
    agreement_labels: dict[tuple[str, str], str] = {}
    for path, number, row in table("agreements.tsv", ("type", "lang", "count", "form")):
        agreement_type = _choice(path, number, "type", row["type"], AGREEMENT_TYPES)
        count_text = _choice(path, number, "count", row["count"], ("1", "2", "n"))
        count = None if count_text == "n" else int(count_text)
        agreements.append((row["form"], AgreementNoun(agreement_type, count)))
        if count == 1:
            agreement_labels.setdefault((agreement_type, row["lang"]), row["form"])

    cues = []
    for path, number, row in table("cues.tsv", ("cue", "lang", "form")):
        cues.append((row["form"], Cue(_choice(path, number, "cue", row["cue"], CUES), row["lang"])))

    numbers = []
    for path, number, row in table("numbers.tsv", ("value", "lang", "kind", "form")):
        kind = _choice(path, number, "kind", row["kind"], ("number", "scale", "plural-scale", "fraction"))
        numbers.append((row["form"], (kind, _number(path, number, "value", row["value"]))))

    durations = []
    for path, number, row in table("durations.tsv", ("unit", "lang", "count", "form")):
        unit = _choice(path, number, "unit", row["unit"], ("Y", "M", "W", "D"))
        durations.append((row["form"], (unit, _number(path, number, "count", row["count"]))))

    relative = []
    for path, number, row in table("relative_dates.tsv", ("lang", "unit", "offset", "form")):
        unit = _choice(path, number, "unit", row["unit"], ("day", "week", "month", "year", "month-name", "same-day"))
        relative.append((row["form"], (unit, _number(path, number, "offset", row["offset"]))))

    def valued(name: str, column: str, low: int, high: int) -> list[tuple[str, int]]:
        out = []
        for path, number, row in table(name, (column, "lang", "form")):
            value = _number(path, number, column, row[column])
            if not low <= value <= high:
                raise LexiconError(f"{path}:{number}: column '{column}' is {value}; "
                                   f"it must be between {low} and {high}")
            out.append((row["form"], value))
        return out

    chrome_rows = []
    for path, number, row in table("chrome.tsv", ("kind", "lang", "form")):
        _choice(path, number, "kind", row["kind"], ("word", "suffix"))
        chrome_rows.append(row)

    post_first_words = frozenset(t.text for form, _ in posts for t in tokenize(form)[:1])
    honorific_forms = [(row["form"], row["lang"]) for _, _, row in table("honorifics.tsv", ("lang", "form"))]
    mention_index = _index([
        *((form, ("entity", entities[key])) for form, key in entity_forms),
        *((form, ("entity", payload)) for form, payload in country_entries),
        *((form, ("cue", payload)) for form, payload in cues),
        *((form, ("topic", payload)) for form, payload in topic_terms),
        *((form, ("agreement", payload)) for form, payload in agreements),
        *((form, ("honorific", payload)) for form, payload in honorific_forms),
    ])
    return Lexicon(
        countries=countries,
        country_forms=_index(country_entries),
        entities=entities,
        entity_forms=_index((form, entities[key]) for form, key in entity_forms),
        honorifics=_index(honorific_forms),
        posts=_index(posts),
        ordinals=_index(valued("ordinals.tsv", "value", 1, 100)),
        numbers=_index(numbers),
        months=_index(valued("months.tsv", "month", 1, 12)),
        hijri_months=_index(valued("hijri_months.tsv", "month", 1, 12)),
        eras=_index((row["form"], _choice(path, number, "era", row["era"], ("hijri", "gregorian")))
                    for path, number, row in table("eras.tsv", ("era", "lang", "form"))),
        weekdays=_index(valued("weekdays.tsv", "weekday", 0, 6)),
        relative_dates=_index(relative),
        currencies=_index((row["form"], row["code"])
                          for _, _, row in table("currencies.tsv", ("code", "lang", "form"))),
        durations=_index(durations),
        agreements=_index(agreements),
        topics=topics,
        topic_terms=_index(topic_terms),
        cues=_index(cues),
        boilerplate=frozenset(normalize(row["form"]) for _, _, row in table("boilerplate.tsv", ("lang", "form"))),
        chrome=_index((row["form"], normalize(row["form"])) for row in chrome_rows if row["kind"] == "word"),
        chrome_suffixes=frozenset(normalize(row["form"]) for row in chrome_rows if row["kind"] == "suffix"),
        capitals=capitals,
        abbreviations=frozenset(normalize(row["form"]) for _, _, row in table("abbreviations.tsv", ("lang", "form"))),
        post_first_words=post_first_words,
        mention_index=mention_index,
        agreement_labels=agreement_labels,
        given_names=frozenset(normalize(row["form"]) for _, _, row in table("given_names.tsv", ("lang", "form"))),
        date_linkers=frozenset(t.text for form, cue in cues if cue.cue == "date-linker" for t in tokenize(form)),
        dialogues=tuple(_dialogues(table("dialogues.tsv", ("first", "second")), countries)),
        post_complements=frozenset(t.text for form, cue in cues if cue.cue in ("post-complement", "affairs")
                                   for t in tokenize(form)[:1]),
        post_ends=frozenset(t.text for form, cue in cues if cue.cue == "post-end" for t in tokenize(form)),
        post_leads=frozenset(t.text for form, cue in cues if cue.cue == "post-lead" for t in tokenize(form)),
    )
