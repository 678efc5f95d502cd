"""Language knowledge, loaded once from the tables of `data/lexicon/` and checked.

Every table is tab-separated, one fact a line, with a header naming its columns; `#`
starts a comment line. Adding an official, a place or a synonym is one line in one of these
files.

The tables are declared in `schema.tsv`, one line per column (`table column type values`),
in the order the tables load; a table refers only to tables above it. A column's type says
what its cells may hold:

| type | a cell is | values |
| --- | --- | --- |
| text | any non-empty text | - |
| int | a whole number | low..high, or - for any |
| iso2 | an ISO 3166-1 alpha-2 code | - |
| choice | one of the values | words joined by a bar, and `table.tsv:column`: any value of that column |
| choices | the same, or several joined by `+` | as for choice |
| ref | a key of another table | `table.tsv:column`, with a bar and `-` if `-` stands for none |

`load_tables` reads the tables the schema declares and checks every row of every table;
the first bad cell raises LexiconError as `file:line: column 'name' is 'value'; it must be
…` (or `…, which table.tsv does not name` for a reference). `load_lexicon` then builds the
indexes below from the checked rows, and checks the two rules that span lines: a key of a
gazetteer keeps one country and kind, a capital lies in its country.

| file | columns | one line is |
| --- | --- | --- |
| schema.tsv | table column type values | a column of a table and the check its cells pass |
| countries.tsv | iso lang kind form | a name or adjective of a country (kind: name, adjective) |
| places.tsv | key country kind lang form | a name of a city or venue |
| capitals.tsv | country place | the capital of a country (a places.tsv key): "العاصمة القطرية" |
| officials.tsv | key country lang form | a name (or spelling) of a known official |
| organizations.tsv | key country kind lang form | a name of a ministry, agency or international body |
| honorifics.tsv | lang form | a title of address (سعادة، الشيخ، Sheikh) |
| posts.tsv | lang kind country form | a head word of an official post (kind: office, minister, relational, advisor) |
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
| cue_kinds.tsv | kind meaning | a kind of cue; every kind is read by some extractor (a test checks) |
| cues.tsv | cue lang form | a word that signals a frame (cue: a kind of cue_kinds.tsv); `*` ends a stem |
| boilerplate.tsv | lang form | a line that starts trailing web-page boilerplate |
| chrome.tsv | kind lang form | a word of page chrome (Share, تسجيل) or an ending that makes it a word |
| abbreviations.tsv | lang form | an abbreviation whose dot does not end a sentence |
| given_names.tsv | lang form | a given name that starts a person's name in English copy |
| dialogues.tsv | first second | a known bilateral dialogue (the default one first) |
| word_lists.tsv | list lang form | a word of one of the extractors' short lists (see `word_list`) |
| labels.tsv | label lang template | the str.format template of a node label (dialogue, round …) |
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from ..errors import LexiconError
from ..resources import lexicon_dir
from .normalize import normalize
from .tokens import Token, clitic_readings, same_word, tokenize

SCHEMA = "schema.tsv"  # the table of tables: every other table's columns and their checks
SCHEMA_COLUMNS = ("table", "column", "type", "values")
COLUMN_TYPES = frozenset({"text", "int", "iso2", "choice", "choices", "ref"})
NONE = "-"  # a ref column's "no value" (when its values allow it), a schema line's "no values"
JOINER = "+"  # a choices cell that names several: "a+b"
NO_TOPIC = "-"  # a topic_terms.tsv phrase that contains a topic word but names no topic
TOPIC_JOINER = JOINER  # a topic_terms.tsv notation "a+b": the phrase names both topics

T = TypeVar("T")
Row = tuple[Path, int, dict[str, str]]  # (file, line number, {column: value})
D = TypeVar("D")


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
            yield number, values
        if header is None:
            raise LexiconError(f"{path}: empty table; expected a header {' '.join(columns)!r}")


@dataclass(frozen=True)
class Column:
    """One line of schema.tsv: a column of a table and the check its cells pass."""

    table: str
    name: str
    type: str  # one of COLUMN_TYPES
    values: tuple[str, ...]  # choices (literal or "table.tsv:column"), a ref's target, or (low, high)

    def check(self, path: Path, number: int, value: str, tables: dict[str, list[Row]]) -> None:
        """Raise LexiconError, naming file, line and column, if `value` does not fit."""
        where = f"{path}:{number}: column '{self.name}' is"
        if self.type == "int":
            try:
                whole = int(value)
            except ValueError:
                raise LexiconError(f"{where} '{value}'; it must be a whole number") from None
            if self.values and not int(self.values[0]) <= whole <= int(self.values[1]):
                raise LexiconError(f"{where} {whole}; it must be between {self.values[0]} and {self.values[1]}")
        elif self.type == "iso2":
            if len(value) != 2 or not value.isupper():
                raise LexiconError(f"{where} '{value}'; it must be an ISO 3166-1 alpha-2 code")
        elif self.type in ("choice", "choices"):
            allowed = self.choices(tables)
            for part in value.split(JOINER) if self.type == "choices" else (value,):
                if part not in allowed:
                    raise LexiconError(f"{where} '{part}'; it must be one of: {', '.join(sorted(allowed))}")
        elif self.type == "ref":
            if value == NONE and NONE in self.values:
                return
            target = next(v for v in self.values if v != NONE)
            if value not in self.choices(tables, (target,)):
                raise LexiconError(f"{where} '{value}', which {target.split(':')[0]} does not name")

    def choices(self, tables: dict[str, list[Row]], values: Sequence[str] | None = None) -> frozenset[str]:
        """The values allowed: literals, and every value of the columns named `table.tsv:column`."""
        allowed: set[str] = set()
        for value in self.values if values is None else values:
            table, _, column = value.partition(":")
            if table.endswith(".tsv") and column:
                allowed.update(row[column] for _, _, row in tables[table])
            else:
                allowed.add(value)
        return frozenset(allowed)


def read_schema(root: Path) -> dict[str, tuple[Column, ...]]:
    """schema.tsv: each table's columns in header order, tables in loading order.

    :raises LexiconError: on a bad line of the schema itself (an unknown type, a range
        that is not low..high, a reference to a table or column not declared above it).
    """
    path = root / SCHEMA
    tables: dict[str, list[Column]] = {}
    for number, row in read_table(path, SCHEMA_COLUMNS):
        if row["type"] not in COLUMN_TYPES:
            raise LexiconError(f"{path}:{number}: column 'type' is '{row['type']}'; "
                               f"it must be one of: {', '.join(sorted(COLUMN_TYPES))}")
        values: tuple[str, ...] = () if row["values"] == NONE else tuple(row["values"].split("|"))
        if row["type"] == "int" and values:
            low, _, high = values[0].partition("..")
            if len(values) != 1 or not low.lstrip("-").isdigit() or not high.lstrip("-").isdigit():
                raise LexiconError(f"{path}:{number}: column 'values' is '{row['values']}'; "
                                   "it must be low..high or -")
            values = (low, high)
        for value in values:
            table, _, column = value.partition(":")
            if table.endswith(".tsv") and not any(c.name == column for c in tables.get(table, ())):
                raise LexiconError(f"{path}:{number}: column 'values' names {value}, "
                                   "which no line above declares")
        if row["type"] in ("choice", "choices", "ref") and not values:
            raise LexiconError(f"{path}:{number}: a {row['type']} column needs values")
        tables.setdefault(row["table"], []).append(Column(row["table"], row["column"], row["type"], values))
    return {name: tuple(columns) for name, columns in tables.items()}


def load_tables(root: Path, names: Iterable[str] | None = None) -> dict[str, list[Row]]:
    """Read and check the tables of `root` that schema.tsv declares (or only `names`, and
    the tables they refer to); every row of every table read passes its columns' checks.

    :raises LexiconError: naming file, line and column of the first bad cell, or a table
        of the folder that schema.tsv does not declare.
    """
    schema = read_schema(root)
    undeclared = sorted(p.name for p in root.glob("*.tsv") if p.name != SCHEMA and p.name not in schema)
    if undeclared:
        raise LexiconError(f"{root / undeclared[0]}: not declared in {root / SCHEMA}")
    wanted = set(schema) if names is None else _with_references(schema, names)
    tables: dict[str, list[Row]] = {}
    for name, columns in schema.items():
        if name not in wanted:
            continue
        path = root / name
        rows = [(path, number, row) for number, row in read_table(path, [c.name for c in columns])]
        for _, number, row in rows:
            for column in columns:
                column.check(path, number, row[column.name], tables)
        tables[name] = rows
    return tables


def _with_references(schema: dict[str, tuple[Column, ...]], names: Iterable[str]) -> set[str]:
    wanted: set[str] = set()
    pending = list(names)
    while pending:
        name = pending.pop()
        if name in wanted:
            continue
        if name not in schema:
            raise LexiconError(f"{name}: no such table in {SCHEMA}")
        wanted.add(name)
        pending.extend(v.partition(":")[0] for c in schema[name] for v in c.values if v.partition(":")[2])
    return wanted


def word_list(name: str) -> tuple[str, ...]:
    """A list of word_lists.tsv (shipped data), its words as written, in the file's order.

    The short function-word lists of the extractors (name particles, prepositions before a
    year …) live there, one word a line; a module reads its lists once, at import.

    :raises LexiconError: if the table is malformed or has no words of the list.
    """
    words = _word_lists(lexicon_dir()).get(name)
    if not words:
        raise LexiconError(f"{lexicon_dir() / 'word_lists.tsv'}: no words of the list '{name}'")
    return words


@cache
def _word_lists(root: Path) -> dict[str, tuple[str, ...]]:
    lists: dict[str, list[str]] = defaultdict(list)
    for _, _, row in load_tables(root, ("word_lists.tsv",))["word_lists.tsv"]:
        lists[row["list"]].append(row["form"])
    return {name: tuple(words) for name, words in lists.items()}


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
    cue_kinds: frozenset[str]  # the kinds of cue_kinds.tsv, each read by some extractor
    boilerplate: frozenset[str]
    chrome: PhraseIndex[str]  # page-chrome words and phrases (payload: the normalised form)
    chrome_suffixes: frozenset[str]  # endings that make a glued chrome word a word of the text
    capitals: dict[str, Entity]  # country ISO code → the place that is its capital
    abbreviations: frozenset[str]
    post_first_words: frozenset[str]  # first words of post heads ("وزير" is not "و" + "زير")
    mention_index: PhraseIndex[tuple[str, Any]]  # all the phrase kinds mentions.py looks for, at once
    agreement_labels: dict[tuple[str, str], str]  # (type, lang) → the first singular form
    labels: dict[tuple[str, str], str]  # (label, lang) → a str.format template of labels.tsv
    given_names: frozenset[str]  # normalised given names that start an English name
    date_linkers: frozenset[str]  # words between a weekday and its date (الموافق)
    post_complements: frozenset[str]  # words that may follow a post with ب/ل (بوزارة، لشؤون)
    post_ends: frozenset[str]  # words that end a post, no part of it (آنذاك، الشقيقة)
    post_leads: frozenset[str]  # words between a name and the post after it (then, as)
    dialogues: tuple[tuple[str, str], ...]  # known dialogues, the default first
    # Answers of could_start_date/could_start_amount per word: they are asked of every token.
    _date_starts: dict[str, bool] = field(default_factory=dict, repr=False)
    _amount_starts: dict[str, bool] = field(default_factory=dict, repr=False)
    # Indexes that later stages build from the lexicon (`derived`), kept as long as it is.
    _derived: dict[Callable[[Lexicon], Any], Any] = field(default_factory=dict, repr=False)

    def derived(self, make: Callable[[Lexicon], D]) -> D:
        """What `make` builds from this lexicon, built once and kept with it: the matchers and
        validators of later stages live exactly as long as the lexicon they were made from."""
        try:
            return cast("D", self._derived[make])
        except KeyError:
            made = self._derived[make] = make(self)
            return made

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


@cache
def load_lexicon(directory: Path | None = None) -> Lexicon:
    """Load and check every table of `data/lexicon/` (once per process).

    :raises LexiconError: naming file, line and column of the first cell that breaks
        schema.tsv, or of a line that breaks a rule across lines (a key with two countries,
        a capital outside its country).
    """
    root = directory or lexicon_dir()
    tables = load_tables(root)

    def table(name: str) -> list[Row]:
        return tables[name]

    # Countries
    names: dict[str, list[tuple[str, str]]] = defaultdict(list)
    country_entries: list[tuple[str, CountryForm]] = []
    for _, _, row in table("countries.tsv"):
        if row["kind"] == "name":
            names[row["iso"]].append((row["lang"], row["form"]))
        country_entries.append((row["form"], CountryForm(row["iso"], row["kind"])))
    countries = {iso: Country(iso, _labels_in_order(rows)) for iso, rows in names.items()}

    # Gazetteers of places, officials and organisations
    entities: dict[tuple[str, str], Entity] = {}
    entity_forms: list[tuple[str, tuple[str, str]]] = []
    for kind, name in (("place", "places.tsv"), ("official", "officials.tsv"), ("organization", "organizations.tsv")):
        grouped: dict[str, list[tuple[str, str]]] = defaultdict(list)
        attributes: dict[str, tuple[str | None, str]] = {}
        for path, number, row in table(name):
            country = None if row["country"] == NONE else row["country"]
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
    for path, number, row in table("capitals.tsv"):
        place = entities[("place", row["place"])]
        if place.country != row["country"]:
            raise LexiconError(f"{path}:{number}: column 'place' is '{row['place']}', "
                               f"which places.tsv does not name in {row['country']}")
        capitals[row["country"]] = place

    topics = {row["notation"]: Topic(row["notation"], {"en": row["label_en"], "ar": row["label_ar"]})
              for _, _, row in table("topics.tsv")}
    topic_terms = [(row["form"], row["notation"]) for _, _, row in table("topic_terms.tsv")]
    posts = [(row["form"], PostHead(row["kind"], None if row["country"] == NONE else row["country"], row["lang"]))
             for _, _, row in table("posts.tsv")]

    agreements = []
    agreement_labels: dict[tuple[str, str], str] = {}
    for _, _, row in table("agreements.tsv"):
        count = None if row["count"] == "n" else int(row["count"])
        agreements.append((row["form"], AgreementNoun(row["type"], count)))
        if count == 1:
            agreement_labels.setdefault((row["type"], row["lang"]), row["form"])

    cues = [(row["form"], Cue(row["cue"], row["lang"])) for _, _, row in table("cues.tsv")]

    def valued(name: str, column: str) -> list[tuple[str, int]]:
        return [(row["form"], int(row[column])) for _, _, row in table(name)]

    def forms(name: str) -> list[str]:
        return [row["form"] for _, _, row in table(name)]

    def cue_words(*kinds: str, first_only: bool = False) -> frozenset[str]:
        return frozenset(t.text for form, cue in cues if cue.cue in kinds
                         for t in (tokenize(form)[:1] if first_only else tokenize(form)))

    chrome_rows = [row for _, _, row in table("chrome.tsv")]
    post_first_words = frozenset(t.text for form, _ in posts for t in tokenize(form)[:1])
    honorific_forms = [(row["form"], row["lang"]) for _, _, row in table("honorifics.tsv")]
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
        ordinals=_index(valued("ordinals.tsv", "value")),
        numbers=_index((row["form"], (row["kind"], int(row["value"]))) for _, _, row in table("numbers.tsv")),
        months=_index(valued("months.tsv", "month")),
        hijri_months=_index(valued("hijri_months.tsv", "month")),
        eras=_index((row["form"], row["era"]) for _, _, row in table("eras.tsv")),
        weekdays=_index(valued("weekdays.tsv", "weekday")),
        relative_dates=_index((row["form"], (row["unit"], int(row["offset"])))
                              for _, _, row in table("relative_dates.tsv")),
        currencies=_index((row["form"], row["code"]) for _, _, row in table("currencies.tsv")),
        durations=_index((row["form"], (row["unit"], int(row["count"]))) for _, _, row in table("durations.tsv")),
        agreements=_index(agreements),
        topics=topics,
        topic_terms=_index(topic_terms),
        cues=_index(cues),
        cue_kinds=frozenset(row["kind"] for _, _, row in table("cue_kinds.tsv")),
        boilerplate=frozenset(normalize(form) for form in forms("boilerplate.tsv")),
        chrome=_index((row["form"], normalize(row["form"])) for row in chrome_rows if row["kind"] == "word"),
        chrome_suffixes=frozenset(normalize(row["form"]) for row in chrome_rows if row["kind"] == "suffix"),
        capitals=capitals,
        abbreviations=frozenset(normalize(form) for form in forms("abbreviations.tsv")),
        post_first_words=post_first_words,
        mention_index=mention_index,
        agreement_labels=agreement_labels,
        labels={(row["label"], row["lang"]): row["template"] for _, _, row in table("labels.tsv")},
        given_names=frozenset(normalize(form) for form in forms("given_names.tsv")),
        date_linkers=cue_words("date-linker"),
        dialogues=tuple((row["first"], row["second"]) for _, _, row in table("dialogues.tsv")),
        post_complements=cue_words("post-complement", "affairs", first_only=True),
        post_ends=cue_words("post-end"),
        post_leads=cue_words("post-lead"),
    )
