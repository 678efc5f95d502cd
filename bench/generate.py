"""Synthetic news articles about the Qatar–United States Strategic Dialogue, for benchmarks.

`generate(count, seed)` yields JSON Lines records (`id`, `title`, `text`, `published`, `url`,
`lang`) in the format `qusgraph ingest` reads: about four in five in Arabic, the rest in
English, of the kinds found in the dev corpus — previews, wrap-ups with lists of signed
documents, press conferences, spokesman commentary, long backgrounders that recall earlier
rounds, single sessions, preparatory visits, receptions that concern no round at all, English
wire copy and joint statements.

Everything is drawn from two sources, and nothing is downloaded:

* the lexicon tables of `data/lexicon/` — names of officials, places, topic phrases, agreement
  nouns, ordinals, months, weekdays, number words, currencies, organisations, boilerplate — so
  that articles use the forms the extractor knows, in their many spellings;
* the templates of `bench/templates/` — one phrasing per line, grouped in slots, composed by
  the recipes of `recipes.tsv` (the syntax is described in `bench/templates/README.md`).

The facts come from a *world* built from the seed: twelve rounds, each with its date, place,
chairs, agenda, signed agreements, pledges and sessions. Articles about the same round agree
with each other, as real coverage does, while wording, dates (absolute or relative to the
publication date), digits and spellings vary from article to article.

The output is deterministic: record *i* depends only on `seed` and *i* (not on `count`), so
the 10k corpus starts with the 1k one.

Usage::

    python -m bench.generate --count 1000 --seed 0 --out bench-1k.jsonl
    python -m bench.generate --count 50 --format txt --out bench-txt/
"""

from __future__ import annotations

import argparse
import bisect
import csv
import itertools
import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from random import Random
from typing import TypeVar

from qusgraph.resources import lexicon_dir

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
LANGS = ("ar", "en")
ROUND_COUNT = 12
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
URL_BASE = "https://news.example"  # a reserved domain: these articles exist nowhere
T = TypeVar("T")



class Chooser(Random):
    """`random.Random` with a cheaper `choice` (one `random()` call instead of a bit-rejection loop).

    Generating spends most of its time choosing; this keeps 100k articles well under a minute.
    """

    def choice(self, seq: Sequence[T]) -> T:  # type: ignore[override]
        return seq[int(self.random() * len(seq))]


####   Templates   ####

# A compiled template is a tuple of parts; each part is one of these tuples:
LITERAL = 0  # (LITERAL, text)
PLACEHOLDER = 1  # (PLACEHOLDER, function that writes it)
SLOT = 2  # (SLOT, slot name): one phrasing of another slot
CHOICE = 3  # (CHOICE, (parts, parts, ...))
GENDER = 4  # (GENDER, person, masculine, feminine)

Part = tuple
_TOKEN = re.compile(r"\{[^{}]+\}|<[^<>]+:[^<>]*>|\[|\]|\|")


@dataclass(frozen=True)
class Template:
    parts: tuple[Part, ...]
    needs: frozenset[str]  # placeholders, conditions and people the template refers to
    checks: tuple[Callable[[ArticleWriter], bool], ...]  # can each of them be written now?


def compile_template(text: str, where: str = "template") -> Template:
    """Parse the template syntax of bench/templates/README.md into parts.

    Placeholder parts carry the function that writes them, so an unknown name is an error
    here, when the templates are loaded, rather than in the middle of a corpus.
    """
    stack: list[list[list[Part]]] = [[[]]]  # choice levels → alternatives → parts
    needs: set[str] = set()
    position = 0
    for match in _TOKEN.finditer(text):
        if match.start() > position:
            stack[-1][-1].append((LITERAL, text[position:match.start()]))
        position = match.end()
        token = match.group()
        if token == "[":
            stack.append([[]])
        elif token == "]":
            if len(stack) == 1:
                raise ValueError(f"{where}: ']' without '[' in {text!r}")
            alternatives = stack.pop()
            stack[-1][-1].append((CHOICE, tuple(tuple(a) for a in alternatives)))
        elif token == "|":
            if len(stack) == 1:
                stack[-1][-1].append((LITERAL, "|"))
            else:
                stack[-1].append([])
        elif token.startswith("<"):
            person, _, forms = token[1:-1].partition(":")
            masculine, _, feminine = forms.partition("|")
            needs.add(person)
            stack[-1][-1].append((GENDER, person, masculine, feminine))
        else:
            name = token[1:-1]
            if name.startswith("@"):
                stack[-1][-1].append((SLOT, name[1:]))
            elif name.startswith("?"):
                needs.add(name)
            else:
                needs.add(name)
                stack[-1][-1].append((PLACEHOLDER, resolve(name, where)[1]))
    if len(stack) != 1:
        raise ValueError(f"{where}: '[' without ']' in {text!r}")
    if position < len(text):
        stack[0][0].append((LITERAL, text[position:]))
    checks = tuple(dict.fromkeys(resolve(name, where)[0] for name in sorted(needs)))
    return Template(tuple(stack[0][0]), frozenset(needs), tuple(c for c in checks if c is not _always_writable))


####   Tables   ####


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated table with a header line; `#` starts a comment line."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [{k: (v or "").strip() for k, v in row.items()} for row in reader]


def lexicon_table(name: str) -> list[dict[str, str]]:
    return read_tsv(lexicon_dir() / name)


@dataclass(frozen=True, eq=False)
class Person:
    """An official as the generator writes them: names from the lexicon, part from the roster."""

    key: str
    country: str
    role: str
    gender: str
    names: dict[str, tuple[str, ...]]  # lang → spellings of data/lexicon/officials.tsv, label first
    titles: dict[str, str]  # lang → title before the name (الشيخ, Sheikh), may be empty
    posts: dict[str, Template]

    def full_names(self, lang: str) -> tuple[str, ...]:
        """Spellings with at least two words (the label first)."""
        names = self.names[lang]
        return tuple(n for n in names if " " in n) or names[:1]

    def short_name(self, lang: str) -> str:
        """The shortest spelling the lexicon knows (a surname alone when it lists one)."""
        return min(self.names[lang], key=lambda n: (n.count(" "), len(n)))


@dataclass(frozen=True)
class Recipe:
    kind: str
    lang: str
    weight: float
    timing: str
    title: str
    slots: tuple[tuple[str, float, int, int], ...]  # (slot, probability, fewest, most)


@dataclass(frozen=True)
class Tables:
    """Everything the generator reads from data/lexicon/ and bench/templates/."""

    templates: dict[tuple[str, str], tuple[Template, ...]]  # (lang, slot) → phrasings
    recipes: tuple[Recipe, ...]
    roster: dict[str, tuple[Person, ...]]  # role → people
    places: dict[str, dict[str, tuple[str, ...]]]  # place key → lang → forms (label first)
    place_countries: dict[str, str]
    topic_phrases: dict[str, dict[str, tuple[str, ...]]]  # notation → lang → phrases
    topic_labels: dict[str, str]  # notation → English label
    agreement_nouns: dict[tuple[str, ...], tuple[str, ...]]  # (type, lang, count) → forms
    plural_genders: dict[str, str]  # Arabic plural word → gender of its singular
    ordinals: dict[tuple[int, str], tuple[str, ...]]  # (value, ar-m | ar-f | en-word | en-digits)
    months: dict[tuple[int, str], tuple[str, ...]]  # (month, ar-greg | ar-lev | en | en-short)
    weekdays: dict[tuple[int, str], str]
    relative_days: dict[tuple[str, int], tuple[str, ...]]  # (lang, day offset) → forms
    numbers: dict[tuple[str, int], tuple[str, ...]]  # (lang, value) → number words
    currencies: dict[tuple[str, str, str], tuple[str, ...]]  # (code, lang, word | sign) → forms
    organizations: dict[str, dict[str, str]]  # key → lang → label
    boilerplate: dict[str, tuple[str, ...]]  # lang → lines

    def phrasings(self, lang: str, slot: str) -> tuple[Template, ...]:
        return self.templates.get((lang, slot), ())


def _by_key(rows: Sequence[dict[str, str]], *keys: str) -> dict[tuple[str, ...], list[dict[str, str]]]:
    grouped: dict[tuple[str, ...], list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        grouped[tuple(row[k] for k in keys)].append(row)
    return grouped


@cache
def load_tables() -> Tables:
    """Read and check the lexicon and the templates (once per process)."""
    templates, recipes = _load_templates()
    ordinals, months, weekdays, relative_days = _load_calendar()
    places: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    place_countries: dict[str, str] = {}
    for row in lexicon_table("places.tsv"):
        if row["kind"] == "city":
            places[row["key"]][row["lang"]].append(row["form"])
            place_countries[row["key"]] = row["country"]
    numbers: dict[tuple[str, int], list[str]] = defaultdict(list)
    for row in lexicon_table("numbers.tsv"):
        if row["kind"] == "number":
            numbers[(row["lang"], int(row["value"]))].append(row["form"])
    organizations: dict[str, dict[str, str]] = defaultdict(dict)
    for row in lexicon_table("organizations.tsv"):
        organizations[row["key"]].setdefault(row["lang"], row["form"])
    boilerplate: dict[str, list[str]] = defaultdict(list)
    for row in lexicon_table("boilerplate.tsv"):
        boilerplate[row["lang"]].append(row["form"])
    agreement_nouns = {k: tuple(r["form"] for r in rows)
                       for k, rows in _by_key(lexicon_table("agreements.tsv"), "type", "lang", "count").items()}
    topic_phrases, topic_labels = _load_topics()
    return Tables(
        templates=templates, recipes=recipes, roster=_load_roster(),
        places={k: _frozen(v) for k, v in places.items()}, place_countries=place_countries,
        topic_phrases=topic_phrases, topic_labels=topic_labels, agreement_nouns=agreement_nouns,
        plural_genders={row["word"]: row["gender"] for row in read_tsv(TEMPLATES_DIR / "plural_genders.tsv")},
        ordinals=ordinals, months=months, weekdays=weekdays, relative_days=relative_days, numbers=_frozen(numbers),
        currencies=_load_currencies(), organizations=dict(organizations), boilerplate=_frozen(boilerplate),
    )


def _frozen(mapping: dict) -> dict:
    return {k: tuple(v) for k, v in mapping.items()}


def _load_templates() -> tuple[dict[tuple[str, str], tuple[Template, ...]], tuple[Recipe, ...]]:
    templates: dict[tuple[str, str], list[Template]] = defaultdict(list)
    for lang in LANGS:
        path = TEMPLATES_DIR / f"{lang}.tsv"
        for row in read_tsv(path):
            templates[(lang, row["slot"])].append(compile_template(row["template"], f"{path.name}:{row['slot']}"))
    recipes = tuple(Recipe(row["kind"], row["lang"], float(row["weight"]), row["timing"], row["title"],
                           tuple(_parse_slot(s) for s in row["slots"].split()))
                    for row in read_tsv(TEMPLATES_DIR / "recipes.tsv"))
    return _frozen(templates), recipes


def _load_roster() -> dict[str, tuple[Person, ...]]:
    """The people of bench/templates/officials.tsv, with their names from data/lexicon/officials.tsv."""
    names: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    countries: dict[str, str] = {}
    for row in lexicon_table("officials.tsv"):
        names[row["key"]][row["lang"]].append(row["form"])
        countries[row["key"]] = row["country"]
    roster: dict[str, list[Person]] = defaultdict(list)
    for row in read_tsv(TEMPLATES_DIR / "officials.tsv"):
        key = row["key"]
        if not all(names.get(key, {}).get(lang) for lang in LANGS):
            raise ValueError(f"bench/templates/officials.tsv: {key} has no Arabic and English names in officials.tsv")
        roster[row["role"]].append(Person(
            key=key, country=countries[key], role=row["role"], gender=row["gender"],
            names={lang: tuple(names[key][lang]) for lang in LANGS},
            titles={"ar": row["title_ar"], "en": row["title_en"]},
            posts={"ar": compile_template(row["post_ar"]), "en": compile_template(row["post_en"])},
        ))
    return _frozen(roster)


def _load_topics() -> tuple[dict[str, dict[str, tuple[str, ...]]], dict[str, str]]:
    """Topic phrases that can stand alone in a list, for topics that have them in both languages."""
    excluded = {(row["lang"], row["form"]) for row in read_tsv(TEMPLATES_DIR / "topic_exclusions.tsv")}
    phrases: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in lexicon_table("topic_terms.tsv"):
        if row["notation"] != "-" and (row["lang"], row["form"]) not in excluded:
            phrases[row["notation"]][row["lang"]].append(row["form"])
    labels = {row["notation"]: row["label_en"] for row in lexicon_table("topics.tsv")}
    usable = {n: {lang: tuple(p[lang]) for lang in LANGS} for n, p in phrases.items()
              if n in labels and all(p.get(lang) for lang in LANGS)}
    return usable, labels


def _load_calendar() -> tuple[dict, dict, dict, dict]:
    """Ordinals by gender or style, months by naming set, weekdays, and relative days."""
    ordinals: dict[tuple[int, str], list[str]] = defaultdict(list)
    for row in lexicon_table("ordinals.tsv"):
        value, form = int(row["value"]), row["form"]
        if row["lang"] == "ar" and form.startswith("ال"):
            feminine = form.split()[0].endswith(("ة", "ى"))
            ordinals[(value, "ar-f" if feminine else "ar-m")].append(form)
        elif row["lang"] == "en":
            ordinals[(value, "en-digits" if form[0].isdigit() else "en-word")].append(form)
    months: dict[tuple[int, str], list[str]] = {}
    for (month, lang), rows in _by_key(lexicon_table("months.tsv"), "month", "lang").items():
        forms = [r["form"] for r in rows]
        if lang == "ar":  # the Gregorian name and its spellings first, the Levantine name last
            months[(int(month), "ar-greg")] = forms[:-1]
            months[(int(month), "ar-lev")] = forms[-1:]
        else:  # the full name first, then abbreviations
            months[(int(month), "en")] = forms[:1]
            months[(int(month), "en-short")] = [f for f in forms if f.endswith(".")] or forms[:1]
    weekdays: dict[tuple[int, str], str] = {}
    for row in lexicon_table("weekdays.tsv"):
        weekdays.setdefault((int(row["weekday"]), row["lang"]), row["form"])
    relative_days: dict[tuple[str, int], list[str]] = defaultdict(list)
    for row in lexicon_table("relative_dates.tsv"):
        if row["unit"] == "day":
            relative_days[(row["lang"], int(row["offset"]))].append(row["form"])
    return _frozen(ordinals), _frozen(months), weekdays, _frozen(relative_days)


def _load_currencies() -> dict[tuple[str, str, str], tuple[str, ...]]:
    """(code, lang, "word" | "sign") → forms: دولار أمريكي, riyals; $, US$, QR."""
    currencies: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for row in lexicon_table("currencies.tsv"):
        code, lang, form = row["code"], row["lang"], row["form"]
        if lang == "ar" and form.split()[0] in ("دولار", "ريال", "يورو"):  # the singular after مليون، مليار
            currencies[(code, lang, "word")].append(form)
        elif lang == "en" and (form.isupper() or not form.replace(" ", "").isalpha()):
            currencies[(code, lang, "sign")].append(form)
        elif lang == "en" and form.endswith("s"):
            currencies[(code, lang, "word")].append(form)
    return _frozen(currencies)


def _parse_slot(spec: str) -> tuple[str, float, int, int]:
    """`name`, `name?0.5` (optional) or `name*1-3` (repeated) → (name, probability, fewest, most)."""
    if "?" in spec:
        name, probability = spec.split("?")
        return name, float(probability), 1, 1
    if "*" in spec:
        name, counts = spec.split("*")
        fewest, most = counts.split("-")
        return name, 1.0, int(fewest), int(most)
    return spec, 1.0, 1, 1


####   The world: twelve rounds and what happened at each   ####

AGREEMENT_TYPE_WEIGHTS = {"MemorandumOfUnderstanding": 50, "LetterOfIntent": 15, "StatementOfIntent": 8,
                          "JointDeclaration": 10, "Agreement": 17}
PLEDGE_AMOUNTS = ((5, 6), (10, 6), (15, 6), (20, 6), (25, 6), (50, 6), (75, 6), (100, 6), (150, 6), (200, 6),
                  (250, 6), (300, 6), (500, 6), (1, 9), (1.5, 9), (2, 9), (3, 9), (5, 9), (10, 9), (26, 9))
PLEDGE_BENEFICIARIES = ("unoct", "un-refugee-agencies", "un-agencies", "qffd")
AGREEMENT_PARTIES = {"QA": ("qa-mofa", "qa-ministry-of-transport", "qa-ministry-of-defence", "qa-ministry-of-interior",
                            "qa-ministry-of-public-health", "qa-ministry-of-education", "qa-ports"),
                     "US": ("us-state-department", "us-department-of-energy", "us-department-of-defense",
                            "us-department-of-commerce", "us-department-of-the-treasury")}


@dataclass(frozen=True)
class Accord:
    """An agreement signed at a round."""

    type: str
    topic: str | None
    parties: tuple[str, str] | None  # organisation keys (Qatari, American)


@dataclass(frozen=True)
class Pledge:
    """Money a party commits: amount in currency units, duration as (count, unit Y|M)."""

    party: str
    amount: float
    scale: int  # 6 for millions, 9 for billions
    currency: str
    duration: tuple[int, str] | None
    beneficiary: str | None  # organisation key
    purpose: str | None  # topic notation

    @property
    def identity(self) -> tuple[str, float, int, str]:
        return self.party, self.amount, self.scale, self.currency


@dataclass(frozen=True)
class Session:
    qatari: Person
    american: Person
    topic: str


@dataclass(frozen=True)
class Round:
    ordinal: int
    date: date
    place: str
    qatari_chairs: tuple[Person, ...]
    american_chairs: tuple[Person, ...]
    topics: tuple[str, ...]
    accords: tuple[Accord, ...]
    pledges: tuple[Pledge, ...]
    sessions: tuple[Session, ...]


def build_world(seed: int, tables: Tables) -> tuple[Round, ...]:
    """The rounds every article of this seed reports on."""
    rng = Chooser(f"qusgraph-bench-world:{seed}")
    day = date(rng.randint(2012, 2018), rng.randint(1, 12), rng.randint(1, 28))
    qatari_chair = tables.roster["qa-chair"]
    prime_minister_from = rng.randint(4, 9)  # the Qatari chair's post changes once
    american_chairs = tables.roster["us-chair"]
    boundaries = sorted(rng.sample(range(1, ROUND_COUNT), len(american_chairs) - 1))
    other_cities = {country: [k for k, c in tables.place_countries.items()
                              if c == country and k not in ("doha", "washington")] for country in ("QA", "US")}
    in_doha = rng.random() < 0.5
    notations = sorted(tables.topic_phrases)
    pledged: set[tuple[str, float, int, str]] = set()
    rounds = []
    for ordinal in range(1, ROUND_COUNT + 1):
        place = "doha" if in_doha else "washington"
        if rng.random() < 0.08 and other_cities["QA" if in_doha else "US"]:
            place = rng.choice(other_cities["QA" if in_doha else "US"])
        in_doha = not in_doha
        qatari = [qatari_chair[0] if ordinal < prime_minister_from or len(qatari_chair) == 1 else qatari_chair[1]]
        american = [american_chairs[bisect.bisect_right(boundaries, ordinal - 1)]]
        if rng.random() < 0.3:
            qatari.append(rng.choice(tables.roster["qa-cochair"]))
            american.append(rng.choice(tables.roster["us-cochair"]))
        topics = tuple(rng.sample(notations, rng.randint(3, 8)))
        accords = tuple(_accord(rng, topics) for _ in range(0 if rng.random() < 0.15 else rng.randint(1, 5)))
        pledges = []
        for _ in range(rng.choices((0, 1, 2), (30, 50, 20))[0]):
            pledge = random_pledge(rng, topics)
            while pledge.identity in pledged:  # the graph names a pledge by party, amount and currency
                pledge = random_pledge(rng, topics)
            pledged.add(pledge.identity)
            pledges.append(pledge)
        sessions = tuple(Session(rng.choice(tables.roster["qa-minister"]), rng.choice(tables.roster["us-minister"]),
                                 rng.choice(topics)) for _ in range(rng.randint(1, 3)))
        rounds.append(Round(ordinal, day, place, tuple(qatari), tuple(american), topics, accords, tuple(pledges),
                            sessions))
        day += timedelta(days=rng.randint(270, 560))
    return tuple(rounds)


def _accord(rng: Random, topics: Sequence[str]) -> Accord:
    kind = rng.choices(tuple(AGREEMENT_TYPE_WEIGHTS), tuple(AGREEMENT_TYPE_WEIGHTS.values()))[0]
    topic = rng.choice(topics) if rng.random() < 0.85 else None
    parties = None
    if rng.random() < 0.25 or topic is None:
        parties = (rng.choice(AGREEMENT_PARTIES["QA"]), rng.choice(AGREEMENT_PARTIES["US"]))
    return Accord(kind, topic, parties)


def random_pledge(rng: Random, topics: Sequence[str]) -> Pledge:
    """A pledge: mostly Qatar's, in dollars, often over some years, often to a UN body."""
    amount, scale = rng.choice(PLEDGE_AMOUNTS)
    duration_kind = rng.random()
    duration = ((rng.randint(2, 10), "Y") if duration_kind < 0.55 else
                (rng.choice((6, 12, 18, 24, 36)), "M") if duration_kind < 0.65 else None)
    target = rng.random()
    return Pledge(
        party="QA" if rng.random() < 0.8 else "US", amount=amount, scale=scale,
        currency="USD" if rng.random() < 0.85 else "QAR", duration=duration,
        beneficiary=rng.choice(PLEDGE_BENEFICIARIES) if target < 0.5 else None,
        purpose=rng.choice(topics) if 0.5 <= target < 0.8 else None,
    )



####   Writing one article   ####

TIMINGS = frozenset({"upcoming", "ahead", "during", "past", "after", "none"})
RELATED_HEADLINE_SLOTS = {"ar": ("title_preview", "title_wrapup"), "en": ("title_preview", "title_wire")}


@dataclass
class Mentions:
    """Who has been introduced in full already, and what a paragraph is about."""

    people: set[str] = field(default_factory=set)
    used: dict[str, set[object]] = field(default_factory=lambda: defaultdict(set))


class ArticleWriter:
    """Renders one article: the recipe's slots, each from one of its phrasings."""

    def __init__(self, tables: Tables, world: Sequence[Round], rng: Random, recipe: Recipe,
                 focus: Round | None, published: date) -> None:
        self.tables = tables
        self.world = world
        self.rng = rng
        self.recipe = recipe
        self.lang = recipe.lang
        self.focus = focus
        self.published = published
        self.indic_digits = self.lang == "ar" and rng.random() < 0.2
        self.mentions = Mentions()
        self.other: Round | None = None  # the earlier round a background paragraph recalls
        self.pledge: Pledge | None = None
        self.session: Session | None = None
        self.section: str | None = None
        self.item: Accord | None = None
        self.posts: dict[int, str] = {}  # a person's post, written the same way throughout the article
        self.cast: dict[str, Person] = self._cast()

    # -- the article ------------------------------------------------------------------

    def write(self) -> tuple[str, str]:
        """(title, body)."""
        title = self.slot(self.recipe.title) or self._fallback_title()
        paragraphs = []
        for name, probability, fewest, most in self.recipe.slots:
            if probability < 1.0 and self.rng.random() >= probability:
                continue
            for _ in range(fewest if fewest == most else self.rng.randint(fewest, most)):
                paragraph = self.paragraph(name)
                if paragraph:
                    paragraphs.append(paragraph)
        if self.rng.random() < 0.5:
            paragraphs.extend(self._boilerplate())
        return title, "\n\n".join(paragraphs)

    def paragraph(self, slot: str) -> str | None:
        """One paragraph of `slot`, after setting up what it is about (None: nothing to say)."""
        setup = SLOT_SETUP.get(slot)
        if setup is not None and not setup(self):
            return None
        text = self.slot(slot)
        if text and slot == "signed_list":  # the heading, then one line per signed document
            lines = [text]
            for accord in self.focus.accords:  # type: ignore[union-attr]
                self.item = accord
                lines.append(self.slot("signed_item") or "")
            self.item = None
            text = "\n".join(line for line in lines if line)
        return text

    def slot(self, name: str) -> str | None:
        """One usable phrasing of slot `name`, rendered; None when none can be used."""
        candidates = [t for t in self.tables.phrasings(self.lang, name) if self.usable(t)]
        if not candidates:
            return None
        return self.render(self.rng.choice(candidates).parts)

    def usable(self, template: Template) -> bool:
        """Can every placeholder, condition and person of `template` be written now?"""
        for check in template.checks:
            if not check(self):
                return False
        return True

    def render(self, parts: Sequence[Part]) -> str:
        out: list[str] = []
        for part in parts:
            tag = part[0]
            if tag == LITERAL:
                out.append(part[1])
            elif tag == PLACEHOLDER:
                out.append(part[1](self))
            elif tag == CHOICE:
                out.append(self.render(self.rng.choice(part[1])))
            elif tag == GENDER:
                out.append(part[3] if self.cast[part[1]].gender == "f" else part[2])
            elif tag == SLOT:
                out.append(self.slot(part[1]) or "")
        return "".join(out)

    # -- rounds other than the article's own ---------------------------------------------

    def _next_round(self) -> Round | None:
        if self.focus is None or self.focus.ordinal >= len(self.world):
            return None
        return self.world[self.focus.ordinal]

    def _first_round(self) -> Round | None:
        return self.world[0] if self.focus is not None and self.focus.ordinal > 1 else None

    # -- people -----------------------------------------------------------------------

    def _cast(self) -> dict[str, Person]:
        roster, rng = self.tables.roster, self.rng
        cast = {
            "spokesman": rng.choice(roster["qa-spokesman"]),
            "us_spokesman": rng.choice(roster["us-spokesman"]),
            "qa_official": rng.choice(roster["qa-official"]),
            "us_official": rng.choice(roster["us-official"]),
            "qa_ambassador": rng.choice(roster["qa-ambassador"]),
            "emir": roster["qa-emir"][0],
            "host": rng.choice(roster["qa-official"] + roster["qa-cochair"] + roster["qa-chair"][-1:]),
            "guest": rng.choice(roster["us-ambassador"]),
        }
        if self.focus is not None:
            cast["qa_chair"] = self.focus.qatari_chairs[0]
            cast["us_chair"] = self.focus.american_chairs[0]
            self.session = rng.choice(self.focus.sessions)
            cast["session_qa"] = self.session.qatari
            cast["session_us"] = self.session.american
        return cast

    def person_full(self, person: Person) -> str:
        """First mention: honorific, title, name and post ("سعادة الشيخ … وزير الخارجية")."""
        self.mentions.people.add(person.key)
        rng, lang = self.rng, self.lang
        names = person.full_names(lang)
        name = names[0] if rng.random() < 0.5 else rng.choice(names)
        post = self.post(person)
        title = person.titles[lang]
        if lang == "ar":
            if person.role == "qa-emir":
                return f"حضرة صاحب السمو {title} {name} {post}"
            honorific = self.honorific(person)
            separator = "، " if rng.random() < 0.25 else " "
            return f"{honorific}{_joined(title, name)}{separator}{post}"
        if person.country == "US" or rng.random() < 0.4:
            prefix = "Qatari " if person.country == "QA" and not post.startswith("Qatar") else ""
            return f"{prefix}{post} {_joined(title, name)}"
        return f"Qatar's {post}, {_joined(title, name)}" if not post.startswith("Qatar") else \
            f"{_joined(title, name)}, {post}"

    def person_ref(self, person: Person) -> str:
        """A later mention: a short name, or the post standing for the person."""
        if person.key not in self.mentions.people:
            return self.person_full(person)
        rng, lang = self.rng, self.lang
        if lang == "ar":
            honorific = self.honorific(person)
            if rng.random() < 0.35:
                return f"{honorific or 'سعادة '}{self.post(person)}"
            return f"{honorific}{_joined(person.titles['ar'], person.short_name('ar'))}"
        short = person.short_name("en")
        if person.country == "QA" and " " not in short:
            short = person.full_names("en")[0]
        if person.titles["en"] == "Sheikh":
            return f"Sheikh {' '.join(short.split()[:3])}" if rng.random() < 0.5 else f"Sheikh {short}"
        return short

    def post(self, person: Person) -> str:
        """The person's post; the first choice among its spellings holds for the whole article."""
        post = self.posts.get(id(person))
        if post is None:
            post = self.posts[id(person)] = self.render(person.posts[self.lang].parts)
        return post

    def honorific(self, person: Person) -> str:
        """"سعادة " for everyone, "معالي " too for ministers; sometimes none before a title."""
        choices = ("سعادة ", "معالي ") if person.role.endswith(("chair", "minister")) else ("سعادة ",)
        if person.titles["ar"] and self.rng.random() < 0.2:
            return ""
        return self.rng.choice(choices)

    def person_name(self, person: Person) -> str:
        """The name alone, for titles: a surname when the lexicon lists one, else the label."""
        short = person.short_name(self.lang)
        return short if short.count(" ") <= 1 else person.names[self.lang][0]

    def people(self, persons: Sequence[Person]) -> str:
        """"سعادة …، ومعالي …" / "X and Y"."""
        rendered = [self.person_full(p) if p.key not in self.mentions.people else self.person_ref(p)
                    for p in persons]
        return _and_list(rendered, self.lang, self.rng)

    # -- dates ------------------------------------------------------------------------

    def digits(self, text: str) -> str:
        return text.translate(ARABIC_INDIC) if self.indic_digits else text

    def month_name(self, month: int, with_day: bool = False) -> str:
        tables, rng = self.tables, self.rng
        if self.lang == "en":
            return rng.choice(tables.months[(month, "en-short")]) if with_day and rng.random() < 0.5 \
                else tables.months[(month, "en")][0]
        gregorian = tables.months[(month, "ar-greg")]
        style = rng.random()
        if style < 0.55:
            return gregorian[0] if rng.random() < 0.8 else rng.choice(gregorian)
        levantine = tables.months[(month, "ar-lev")][0]
        return levantine if style < 0.7 else f"{levantine}/{gregorian[0]}"

    def weekday(self, day: date) -> str:
        return self.tables.weekdays[(day.weekday(), self.lang)]

    def absolute_day(self, day: date, with_year: bool = True) -> str:
        """"22 نوفمبر 2022", "٢٢ تشرين الثاني/نوفمبر ٢٠٢٢", "November 22, 2022", "Tuesday, Nov. 22"."""
        month = self.month_name(day.month, with_day=True)
        if self.lang == "en":
            text = f"{month} {day.day}" + (f", {day.year}" if with_year else "")
            return f"{self.weekday(day)}, {text}" if self.rng.random() < 0.25 else text
        return self.digits(f"{day.day} {month}" + (f" {day.year}" if with_year else ""))

    def day_phrase(self, day: date, relative: bool = True) -> str:
        """When something happens on `day`, as seen on the publication date."""
        rng, lang = self.rng, self.lang
        offset = (day - self.published).days
        options: list[Callable[[], str]] = []
        relative_forms = self.tables.relative_days.get((lang, offset)) if relative else None
        if relative_forms:
            form = rng.choice(relative_forms)
            if lang == "ar":
                options += [lambda: form, lambda: f"{form} {self.weekday(day)}",
                            lambda: f"{form}، {self.absolute_day(day)}"] * 2
            else:
                options += [lambda: form] * 3
        if relative and 1 <= -offset <= 6:
            options.append(lambda: f"يوم {self.weekday(day)}" if lang == "ar" else f"on {self.weekday(day)}")
        if relative and 1 <= offset <= 6:
            options.append(lambda: f"{self.weekday(day)} المقبل" if lang == "ar" else f"next {self.weekday(day)}")
        if lang == "ar":
            options += [lambda: f"في {self.absolute_day(day)}", lambda: f"يوم {self.absolute_day(day)}",
                        lambda: f"يوم {self.weekday(day)} {self.absolute_day(day)}",
                        lambda: f"يوم {self.weekday(day)} الموافق {self.absolute_day(day)}"]
            if abs(offset) < 120:
                options.append(lambda: f"في {self.absolute_day(day, with_year=False)}")
        else:
            options.append(lambda: f"on {self.absolute_day(day)}")
            if abs(offset) < 120:
                options.append(lambda: f"on {self.absolute_day(day, with_year=False)}")
        return rng.choice(options)()

    def month_phrase(self, day: date) -> str:
        """"في نوفمبر 2022", "في نوفمبر الماضي", "last November", "in November 2022"."""
        rng, lang = self.rng, self.lang
        months_ago = (self.published.year - day.year) * 12 + self.published.month - day.month
        if 1 <= months_ago <= 11 and rng.random() < 0.4:
            if lang == "en":
                return f"last {self.month_name(day.month)}"
            return f"في {self.month_name(day.month)} الماضي" if months_ago > 1 or rng.random() < 0.5 \
                else "الشهر الماضي"
        if lang == "en":
            return f"in {self.month_name(day.month)} {day.year}"
        return f"في {self.digits(f'{self.month_name(day.month)} {day.year}')}"

    def year_phrase(self, day: date) -> str:
        """"العام الماضي", "next year", "في عام 2019"."""
        rng, lang = self.rng, self.lang
        offset = day.year - self.published.year
        named = {-1: ("العام الماضي", "last year"), 0: ("العام الجاري", "this year"), 1: ("العام المقبل", "next year")}
        if offset in named and rng.random() < 0.7:
            return named[offset][0 if lang == "ar" else 1]
        if lang == "en":
            return f"in {day.year}"
        return rng.choice(("في عام ", "عام ", "في ")) + self.digits(str(day.year))

    def past_phrase(self, day: date) -> str:
        """An earlier round's date, at the precision a backgrounder would give."""
        precision = self.rng.random()
        if precision < 0.3:
            return self.day_phrase(day, relative=False)
        if precision < 0.85:
            return self.month_phrase(day)
        return self.year_phrase(day)

    # -- agreements, topics, money ----------------------------------------------------

    def topic_phrase(self, notation: str) -> str:
        return self.rng.choice(self.tables.topic_phrases[notation][self.lang])

    def topic_list(self, notations: Sequence[str], fewest: int = 2, most: int = 8) -> str:
        count = self.rng.randint(min(fewest, len(notations)), min(most, len(notations)))
        chosen = self.rng.sample(list(notations), count)
        return _and_list([self.topic_phrase(n) for n in chosen], self.lang, self.rng)

    def accords_phrase(self, accords: Sequence[Accord], brief: bool = False) -> str:
        """"ثلاث مذكرات تفاهم في مجالات …، وخطاب نوايا بشأن …" / "two letters of intent on …"."""
        groups: dict[str, list[Accord]] = {}
        for accord in accords:
            groups.setdefault(accord.type, []).append(accord)
        phrases = []
        for kind, members in groups.items():
            phrase = self.counted_noun(kind, len(members), brief)
            topics = list(dict.fromkeys(a.topic for a in members if a.topic))
            if topics and not brief:
                phrase += " " + self.topic_link(topics)
            phrases.append(phrase)
        return _and_list(phrases, self.lang, self.rng)

    def topic_link(self, topics: Sequence[str]) -> str:
        listed = _and_list([self.topic_phrase(t) for t in topics], self.lang, self.rng)
        if self.lang == "en":
            return f"{self.rng.choice(('on', 'on', 'covering', 'related to'))} {listed}"
        if len(topics) > 1:
            return f"في مجالات {listed}"
        return f"{self.rng.choice(('بشأن', 'حول', 'في مجال', 'للتعاون في مجال'))} {listed}"

    def counted_noun(self, kind: str, count: int, brief: bool) -> str:
        """An agreement noun with its count: singular, dual, number + plural, or plural alone."""
        rng, lang, nouns = self.rng, self.lang, self.tables.agreement_nouns
        singular = rng.choice(_indefinite_forms(nouns[(kind, lang, "1")]))
        plurals = nouns.get((kind, lang, "n")) or (singular,)
        plural = rng.choice(_indefinite_forms(plurals))
        if count == 1:
            if lang == "en":
                return _indefinite(singular)
            if not brief and rng.random() < 0.15:
                return f"{singular} {'واحدة' if singular.split()[0].endswith('ة') else 'واحد'}"
            return singular
        if lang == "ar" and count == 2 and (kind, lang, "2") in nouns:
            duals = _indefinite_forms(nouns[(kind, lang, "2")])
            objects = [d for d in duals if d.split()[0].endswith(("ي", "ين"))]  # توقيع مذكرتي تفاهم
            return rng.choice(objects or duals)
        style = rng.random()
        if brief or style < 0.15:
            return plural
        if style < 0.3:
            return f"عدد من {rng.choice(plurals)}" if lang == "ar" else f"several {plural}"
        if style < 0.5:
            return f"{self.digits(str(count))} {plural}"
        if lang == "en":
            return f"{self.tables.numbers[('en', count)][0]} {plural}"
        return f"{self.arabic_count(count, plural)} {plural}"

    def arabic_count(self, count: int, plural: str) -> str:
        """3–10 take the gender opposite to the singular's: ثلاث مذكرات، ثلاثة خطابات."""
        words = self.tables.numbers[("ar", count)]
        feminine_noun = self.tables.plural_genders.get(plural.split()[0], "m") == "f"
        with_ta = [w for w in words if w.endswith("ة")]
        without_ta = [w for w in words if not w.endswith("ة")]
        return (without_ta or words)[0] if feminine_noun else (with_ta or words)[0]

    def accord_item(self, accord: Accord) -> str:
        """One line of a list of signed documents."""
        rng, lang = self.rng, self.lang
        noun = rng.choice(self.tables.agreement_nouns[(accord.type, lang, "1")])
        text = noun if lang == "ar" else noun[0].upper() + noun[1:]
        if accord.parties:
            qatari, american = (self.tables.organizations[k][lang] for k in accord.parties)
            text += f" بين {american} و{qatari}" if lang == "ar" else f" between {american} and {qatari}"
        if accord.topic:
            text += " " + self.topic_link([accord.topic])
        return text

    def amount_phrase(self, pledge: Pledge) -> str:
        """"75 مليون دولار", "خمسمائة مليون دولار", "$1.5 billion", "QR 2 billion"."""
        rng, lang = self.rng, self.lang
        amount = f"{pledge.amount:g}"
        if lang == "en":
            scale = "million" if pledge.scale == 6 else "billion"
            style = rng.random()
            if style < 0.6:
                sign = rng.choice(self.tables.currencies[(pledge.currency, lang, "sign")])
                return f"{sign}{'' if sign in ('$', 'US$') else ' '}{amount} {scale}"
            words = self.tables.numbers.get(("en", int(pledge.amount))) if pledge.amount == int(pledge.amount) else None
            number = words[0] if words and style < 0.75 else amount
            return f"{number} {scale} {rng.choice(self.tables.currencies[(pledge.currency, lang, 'word')])}"
        words = self.tables.currencies[(pledge.currency, lang, "word")]
        currency = words[0] if rng.random() < 0.5 else rng.choice(words)
        scale = "مليون" if pledge.scale == 6 else "مليار"
        amount_words = self.arabic_amount_words(pledge) if rng.random() < 0.3 else None
        if amount_words:
            return f"{amount_words} {currency}"
        number = amount if "." in amount else self.digits(amount)
        return f"{number} {scale} {currency}"

    def arabic_amount_words(self, pledge: Pledge) -> str | None:
        """An amount in words: "مليار دولار", "ملياري", "ثلاثة مليارات", "خمسمائة مليون"."""
        if pledge.amount != int(pledge.amount):
            return None
        value, numbers = int(pledge.amount), self.tables.numbers
        singular, dual, plural = ("مليون", "مليوني", "ملايين") if pledge.scale == 6 else ("مليار", "ملياري", "مليارات")
        if value == 1:
            return singular
        if value == 2:
            return dual
        if value <= 10:
            return f"{_with_ta(numbers[('ar', value)])} {plural}"
        words = _arabic_number(value, numbers)
        return f"{words} {singular}" if words else None

    def duration_phrase(self, pledge: Pledge) -> str:
        if pledge.duration is None:
            return ""
        count, unit = pledge.duration
        rng, lang = self.rng, self.lang
        if lang == "en":
            words = self.tables.numbers.get(("en", count))
            number = words[0] if words and count <= 10 and rng.random() < 0.6 else str(count)
            noun = {"Y": "years", "M": "months"}[unit]
            return f" {rng.choice(('over', 'over', 'for a period of'))} {number} {noun}"
        lead = rng.choice(("على مدى", "على مدى", "على مدار", "لمدة", "خلال"))
        if unit == "Y" and count == 2:
            return f" {lead} {rng.choice(('عامين', 'سنتين'))}"
        if unit == "M":
            return f" {lead} {self.digits(str(count))} {'أشهر' if count <= 10 else 'شهرا'}"
        if count > 10:
            return f" {lead} {self.digits(str(count))} عاما"
        noun = rng.choice(("سنوات", "أعوام"))
        words = self.tables.numbers[("ar", count)]
        number = _with_ta(words) if noun == "أعوام" else [w for w in words if not w.endswith("ة")][0]
        return f" {lead} {number if rng.random() < 0.7 else self.digits(str(count))} {noun}"

    def beneficiary_phrase(self, pledge: Pledge) -> str:
        rng, lang = self.rng, self.lang
        if pledge.beneficiary:
            name = self.tables.organizations[pledge.beneficiary][lang]
            if lang == "en":
                return f" {rng.choice(('to', 'for', 'to support'))} {name}"
            channel = ("عبر",) if pledge.beneficiary == "qffd" else ("لدعم", "لصالح")
            return f" {rng.choice(channel)} {name}"
        if pledge.purpose:
            topic = self.topic_phrase(pledge.purpose)
            return f" to support {topic} programs" if lang == "en" else f" لدعم مشاريع في مجال {topic}"
        return ""

    def _dateline(self) -> str:
        rng, lang = self.rng, self.lang
        city = "washington" if self.focus and self.tables.place_countries.get(self.focus.place) == "US" \
            and rng.random() < 0.5 else "doha"
        name = self.tables.places[city][lang][0]
        if lang == "en":
            day = f"{self.month_name(self.published.month, with_day=True)} {self.published.day}"
            return rng.choice((f"{name.upper()}, {day} —", f"{name.upper()} (QNA) —", f"{name.upper()}, {day} (QNA) —"))
        day = self.digits(f"{self.published.day} {self.month_name(self.published.month)}")
        return rng.choice((f"{name} /قنا/", f"{name} /قنا/", f"{name} في {day} /قنا/"))

    def _boilerplate(self) -> list[str]:
        """Trailing web-page furniture: a boilerplate line, related headlines, another line."""
        lines = [self.rng.choice(self.tables.boilerplate[self.lang])]
        for _ in range(self.rng.randint(0, 3)):
            round_ = self.rng.choice(self.world)
            other = ArticleWriter(self.tables, self.world, self.rng, self.recipe, round_,
                                  round_.date - timedelta(days=1))
            headline = other.slot(self.rng.choice(RELATED_HEADLINE_SLOTS[self.lang]))
            if headline:
                lines.append(headline)
        if self.rng.random() < 0.4:
            lines.append(self.rng.choice(self.tables.boilerplate[self.lang]))
        return lines

    def _fallback_title(self) -> str:
        return "الحوار الاستراتيجي القطري الأمريكي" if self.lang == "ar" else "Qatar-U.S. Strategic Dialogue"


def _joined(*words: str) -> str:
    return " ".join(w for w in words if w)


def _with_ta(words: Sequence[str]) -> str:
    """The form of a number word that ends with ة (خمسة), else the first."""
    return next((w for w in words if w.endswith("ة")), words[0])


def _arabic_number(value: int, numbers: dict[tuple[str, int], tuple[str, ...]]) -> str | None:
    """11–999 in words as the extractor reads them: "خمسة وسبعين", "مائتي", "ثلاثمائة وخمسين"."""
    hundreds, rest = divmod(value, 100)
    parts = []
    if hundreds:  # مائتي rather than مائتان: amounts follow a preposition (بتقديم مائتي مليون)
        forms = numbers[("ar", hundreds * 100)]
        parts.append(next((f for f in forms if f.endswith("ي")), forms[0]))
    if rest:
        units, tens = rest % 10, rest - rest % 10
        if 10 < rest < 20 and ("ar", rest) in numbers:
            parts.append(numbers[("ar", rest)][0])
        elif rest < 10:
            parts.append(_with_ta(numbers[("ar", rest)]))
        elif rest < 20:
            parts.append(f"{_with_ta(numbers[('ar', units)])} عشر")
        else:
            tens_word = [w for w in numbers[("ar", tens)] if w.endswith("ين")][0]
            parts.append(f"{_with_ta(numbers[('ar', units)])} و{tens_word}" if units else tens_word)
    return " و".join(parts) if parts else None


def _and_list(items: Sequence[str], lang: str, rng: Random) -> str:
    """"أ، وب، وج" / "أ وب" / "a, b and c"."""
    if len(items) <= 1:
        return items[0] if items else ""
    if lang == "en":
        last = ", and " if len(items) > 2 and rng.random() < 0.3 else " and "
        return ", ".join(items[:-1]) + last + items[-1]
    style = rng.random()
    if len(items) == 2 and style < 0.5:
        return f"{items[0]} و{items[1]}"
    if len(items) > 2 and style < 0.2:
        return "، و".join(items[:-1]) + rng.choice(("، فضلا عن ", "، إلى جانب ", "، إضافة إلى ")) + items[-1]
    if style < 0.35:
        return " و".join(items)
    return "، و".join(items)


def _indefinite_forms(forms: Sequence[str]) -> Sequence[str]:
    """Forms without the article (مذكرة تفاهم, not مذكرة التفاهم), for counted nouns."""
    bare = [f for f in forms if not f.startswith("ال") and " ال" not in f]
    return bare or forms


def _indefinite(noun: str) -> str:
    """"a memorandum", "an arrangement", "an MoU"."""
    acronym = len(noun) > 1 and noun[1].isupper()
    vowel = noun[0] in "AEFHILMNORSX" if acronym else noun[0].lower() in "aeiou"
    return f"{'an' if vowel else 'a'} {noun}"


def _ordinal(writer: ArticleWriter, round_: Round, form: str) -> str:
    """Ordinal of a round: a word of the gender `form` (ar-m, ar-f), or for English "sixth"/"6th"."""
    tables, rng, value = writer.tables, writer.rng, round_.ordinal
    if form == "en":
        style = "en-digits" if rng.random() < 0.3 else "en-word"
        return rng.choice(tables.ordinals[(value, style)])
    if rng.random() < 0.12:
        return "الـ" + writer.digits(str(value))
    return rng.choice(tables.ordinals[(value, form)])


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _round_noun(writer: ArticleWriter, round_: Round) -> str:
    """"الدورة السادسة", "الجولة الـ6", "النسخة ٦"."""
    rng = writer.rng
    noun = rng.choices(("الدورة", "الجولة", "النسخة"), (55, 25, 20))[0]
    if rng.random() < 0.03:
        return f"{noun} {writer.digits(str(round_.ordinal))}"
    return f"{noun} {_ordinal(writer, round_, 'ar-f')}"


def _round_masculine(writer: ArticleWriter, round_: Round) -> str:
    """"الحوار الاستراتيجي السادس", "الحوار الاستراتيجي … في دورته السادسة"."""
    if writer.rng.random() < 0.6:
        return f"{writer.slot('dialogue_short')} {_ordinal(writer, round_, 'ar-m')}"
    word = writer.rng.choice(writer.tables.ordinals[(round_.ordinal, "ar-f")])
    return f"{writer.slot('dialogue')} في دورته {word}"


def _place(writer: ArticleWriter, round_: Round) -> str:
    forms = writer.tables.places[round_.place][writer.lang]
    return forms[0] if writer.rng.random() < 0.7 else writer.rng.choice(forms)


def _in_place(writer: ArticleWriter, round_: Round) -> str:
    place = _place(writer, round_)
    if writer.lang == "en":
        return f"in {place}"
    return f"ب{place}" if writer.rng.random() < 0.25 else f"في {place}"


def _round_date(writer: ArticleWriter, round_: Round) -> str:
    """The date of a round: the article's own as the timing allows, other rounds as background."""
    if round_ is writer.focus:
        if writer.recipe.timing == "ahead":
            return _vague_date(writer, round_.date)
        return writer.day_phrase(round_.date)
    if round_.date > writer.published:
        return _vague_date(writer, round_.date)
    return writer.past_phrase(round_.date)


def _vague_date(writer: ArticleWriter, day: date) -> str:
    """A future date given loosely: "الشهر المقبل", "في وقت لاحق من العام الجاري", "next year"."""
    months_ahead = (day.year - writer.published.year) * 12 + day.month - writer.published.month
    ar = writer.lang == "ar"
    if months_ahead == 1 and writer.rng.random() < 0.5:
        return "الشهر المقبل" if ar else "next month"
    if day.year == writer.published.year:
        return "في وقت لاحق من العام الجاري" if ar else "later this year"
    if day.year == writer.published.year + 1:
        return "العام المقبل" if ar else "next year"
    return f"في {writer.digits(f'{writer.month_name(day.month)} {day.year}')}" if ar else \
        f"in {writer.month_name(day.month)} {day.year}"


def _short_relative_date(writer: ArticleWriter, round_: Round) -> str:
    forms = writer.tables.relative_days[(writer.lang, (round_.date - writer.published).days)]
    return writer.rng.choice(forms)


def _has_short_relative_date(writer: ArticleWriter, round_: Round) -> bool:
    offset = (round_.date - writer.published).days
    return round_ is writer.focus and (writer.lang, offset) in writer.tables.relative_days


def _chairs(writer: ArticleWriter, round_: Round) -> str:
    persons = [*round_.qatari_chairs, *round_.american_chairs]
    if writer.rng.random() < 0.2:
        persons = [*round_.american_chairs, *round_.qatari_chairs]
    return writer.people(persons)


def _topics(writer: ArticleWriter, round_: Round) -> str:
    return writer.topic_list(round_.topics)


def _second_topic(writer: ArticleWriter, round_: Round) -> str:
    return writer.topic_phrase(round_.topics[1])


ROUND_PLACEHOLDERS: dict[str, Callable[[ArticleWriter, Round], str]] = {
    "round": _round_noun,
    "round_f": lambda w, r: f"{_round_noun(w, r)} من {w.slot('dialogue')}",
    "round_m": _round_masculine,
    "ordinal_f": lambda w, r: _ordinal(w, r, "ar-f"),
    "ordinal_m": lambda w, r: _ordinal(w, r, "ar-m"),
    "ordinal": lambda w, r: _ordinal(w, r, "en"),
    "Ordinal": lambda w, r: _capitalised(_ordinal(w, r, "en")),
    "place": _place,
    "in_place": _in_place,
    "date": _round_date,
    "date_short": _short_relative_date,
    "agreements": lambda w, r: w.accords_phrase(r.accords),
    "agreements_brief": lambda w, r: w.accords_phrase(r.accords, brief=True),
    "topics": _topics,
    "topic": lambda w, r: w.topic_phrase(w.rng.choice(r.topics)),
    "topic2": _second_topic,
    "chairs": _chairs,
    "qa_chairs": lambda w, r: w.people(r.qatari_chairs),
    "us_chairs": lambda w, r: w.people(r.american_chairs),
}
ROUND_AVAILABLE: dict[str, Callable[[ArticleWriter, Round], bool]] = {
    "agreements": lambda w, r: bool(r.accords),
    "agreements_brief": lambda w, r: bool(r.accords),
    "date_short": _has_short_relative_date,
    "topic2": lambda w, r: len(r.topics) > 1,
}
ROUND_PREFIXES: tuple[tuple[str, Callable[[ArticleWriter], Round | None]], ...] = (
    ("o_", lambda w: w.other),
    ("next_", ArticleWriter._next_round),
    ("first_", ArticleWriter._first_round),
)
PERSON_ASPECTS: dict[str, Callable[[ArticleWriter, Person], str]] = {
    "ref": ArticleWriter.person_ref,
    "name": ArticleWriter.person_name,
    "post": ArticleWriter.post,
}


def _pledger(writer: ArticleWriter) -> str:
    party = writer.pledge.party  # type: ignore[union-attr]
    if writer.lang == "en":
        return "Qatar" if party == "QA" else writer.rng.choice(("The United States", "Washington"))
    if party == "QA":
        return writer.rng.choice(("دولة قطر", "دولة قطر", "قطر"))
    return writer.rng.choice(("الولايات المتحدة", "الولايات المتحدة الأمريكية"))


def _session_topic(writer: ArticleWriter) -> str:
    return writer.topic_phrase(writer.session.topic)  # type: ignore[union-attr]


def _any_topics(writer: ArticleWriter) -> str:
    return writer.topic_list(writer.focus.topics if writer.focus else sorted(writer.tables.topic_phrases),
                             most=6)


def _event_day(writer: ArticleWriter) -> str:
    if writer.lang == "en":
        return writer.rng.choice(("today", "yesterday", "on Monday"))
    return writer.rng.choice(("اليوم", "أمس", "صباح اليوم", "مساء أمس"))


def _section(writer: ArticleWriter) -> str:
    words = writer.tables.topic_labels[writer.section].split()  # type: ignore[index]
    return " ".join(w if w in ("of", "and", "the") and i else w[0].upper() + w[1:] for i, w in enumerate(words))


ARTICLE_PLACEHOLDERS: dict[str, Callable[[ArticleWriter], str]] = {
    "dateline": ArticleWriter._dateline,
    "topics": _any_topics,
    "date_any": _event_day,
    "pledger": _pledger,
    "pledge_noun": lambda w: w.rng.choice(("التزام", "تعهد")),
    "amount": lambda w: w.amount_phrase(w.pledge),  # type: ignore[arg-type]
    "duration": lambda w: w.duration_phrase(w.pledge),  # type: ignore[arg-type]
    "beneficiary": lambda w: w.beneficiary_phrase(w.pledge),  # type: ignore[arg-type]
    "session_topic": _session_topic,
    "item": lambda w: w.accord_item(w.item),  # type: ignore[arg-type]
    "section": lambda w: w.topic_phrase(w.section),  # type: ignore[arg-type]
    "section_topic": lambda w: w.topic_phrase(w.section),  # type: ignore[arg-type]
    "Section": _section,
}
ARTICLE_AVAILABLE: dict[str, Callable[[ArticleWriter], bool]] = {
    **{name: (lambda w: w.pledge is not None) for name in ("pledger", "pledge_noun", "amount", "duration",
                                                            "beneficiary")},
    "session_topic": lambda w: w.session is not None,
    "item": lambda w: w.item is not None,
    **{name: (lambda w: w.section is not None) for name in ("section", "section_topic", "Section")},
}
CONDITIONS: dict[str, Callable[[ArticleWriter], bool]] = {
    "in_qatar": lambda w: w.focus is not None and w.tables.place_countries.get(w.focus.place) == "QA",
    "in_washington": lambda w: w.focus is not None and w.focus.place == "washington",
    "qa_pledge": lambda w: w.pledge is not None and w.pledge.party == "QA",
    "us_pledge": lambda w: w.pledge is not None and w.pledge.party == "US",
}


CAST_ROLES = frozenset({"qa_chair", "us_chair", "spokesman", "us_spokesman", "qa_official", "us_official",
                        "qa_ambassador", "emir", "host", "guest", "session_qa", "session_us"})
Check = Callable[[ArticleWriter], bool]
Write = Callable[[ArticleWriter], str]


def _always_writable(writer: ArticleWriter) -> bool:
    return True


@cache
def resolve(name: str, where: str = "template") -> tuple[Check, Write]:
    """How to check and write placeholder `name` (also `?condition` and a person of `<person:…>`).

    Names are: a person of the cast (`spokesman`) with an optional aspect (`spokesman_ref`,
    `_name`, `_post`); a fact of a round (`place`), of the recalled round (`o_place`), of the next
    (`next_place`) or of the first (`first_date`); or a fact of the article (`amount`, `dateline`).
    """
    if name.startswith("?"):
        condition = CONDITIONS.get(name[1:])
        if condition is None:
            raise ValueError(f"{where}: condition `{name[1:]}` is not valid. It must be one of: "
                             f"{', '.join(sorted(CONDITIONS))}.")
        return condition, lambda w: ""
    person, _, aspect = name.rpartition("_")
    if name in CAST_ROLES:
        return _cast_check(name), (lambda w: w.person_full(w.cast[name]))
    if person in CAST_ROLES and aspect in PERSON_ASPECTS:
        write_aspect = PERSON_ASPECTS[aspect]
        return _cast_check(person), (lambda w: write_aspect(w, w.cast[person]))
    pick: Callable[[ArticleWriter], Round | None] = _focus_round
    base = name
    for prefix, prefixed_pick in ROUND_PREFIXES:
        if name.startswith(prefix):
            pick, base = prefixed_pick, name[len(prefix):]
            break
    if base in ROUND_PLACEHOLDERS:
        write_round = ROUND_PLACEHOLDERS[base]
        fallback = ARTICLE_PLACEHOLDERS.get(name)  # "topics" of an article about no round

        def write(w: ArticleWriter) -> str:
            round_ = pick(w)
            return write_round(w, round_) if round_ is not None else fallback(w)  # type: ignore[misc]

        return _round_check(pick, ROUND_AVAILABLE.get(base), fallback is not None), write
    if name in ARTICLE_PLACEHOLDERS:
        return ARTICLE_AVAILABLE.get(name, _always_writable), ARTICLE_PLACEHOLDERS[name]
    raise ValueError(f"{where}: placeholder `{{{name}}}` is not known")


def _focus_round(writer: ArticleWriter) -> Round | None:
    return writer.focus


@cache
def _cast_check(person: str) -> Check:
    """One shared check per person, so that a template checks each person once."""
    return lambda w: person in w.cast


@cache
def _round_check(pick: Callable[[ArticleWriter], Round | None],
                 round_check: Callable[[ArticleWriter, Round], bool] | None, has_fallback: bool) -> Check:
    """One shared check per (round, condition): is there such a round, and does it hold?"""

    def check(w: ArticleWriter) -> bool:
        round_ = pick(w)
        if round_ is None:
            return has_fallback
        return round_check is None or round_check(w, round_)

    return check


def _gender_people(writer: ArticleWriter) -> None:
    """Make the session's officials addressable by `<session_qa:…|…>`."""
    if writer.session is not None:
        writer.cast["session_qa"] = writer.session.qatari
        writer.cast["session_us"] = writer.session.american


def _take_unused(writer: ArticleWriter, kind: str, candidates: Iterable[T], choose: Callable[[list[T]], T],
                 key: Callable[[T], Hashable] = lambda item: item) -> T | None:
    """One of `candidates` that this article has not used for `kind` yet, marked as used."""
    used = writer.mentions.used[kind]
    fresh = [candidate for candidate in candidates if key(candidate) not in used]
    if not fresh:
        return None
    chosen = choose(fresh)
    used.add(key(chosen))
    return chosen


def _first(items: list[T]) -> T:
    return items[0]


def _setup_background(writer: ArticleWriter) -> bool:
    """Recall an earlier round not recalled yet."""
    if writer.focus is None:
        return False
    other = _take_unused(writer, "background", writer.world[: writer.focus.ordinal - 1], writer.rng.choice,
                         key=lambda round_: round_.ordinal)
    if other is None:
        return False
    writer.other = other
    return True


def _setup_commitment(writer: ArticleWriter) -> bool:
    """The next pledge of the article's round."""
    if writer.focus is None:
        return False
    pledge = _take_unused(writer, "commitment", writer.focus.pledges, _first)
    if pledge is None:
        return False
    writer.pledge = pledge
    return True


def _setup_known_pledge(writer: ArticleWriter) -> bool:
    """A pledge made at an earlier round, recalled by an article about no round (receptions)."""
    made = [p for r in writer.world if r.date < writer.published for p in r.pledges]
    if not made:
        return False
    writer.pledge = writer.rng.choice(made)
    return True


def _setup_session(writer: ArticleWriter) -> bool:
    """The next session of the article's round (the session kind keeps its own)."""
    if writer.focus is None:
        return False
    session = _take_unused(writer, "session", writer.focus.sessions, _first)
    if session is None:
        return False
    writer.session = session
    _gender_people(writer)
    return True


def _setup_keep_session(writer: ArticleWriter) -> bool:
    _gender_people(writer)
    return writer.session is not None


def _setup_section(writer: ArticleWriter) -> bool:
    if writer.focus is None:
        return False
    section = _take_unused(writer, "section", writer.focus.topics, writer.rng.choice)
    if section is None:
        return False
    writer.section = section
    return True


def _setup_accords(writer: ArticleWriter) -> bool:
    return writer.focus is not None and bool(writer.focus.accords)


SLOT_SETUP: dict[str, Callable[[ArticleWriter], bool]] = {
    "background": _setup_background,
    "commitment": _setup_commitment,
    "reception_pledge": _setup_known_pledge,
    "session": _setup_session,
    "session_chairs": _setup_keep_session,
    "session_quote": _setup_keep_session,
    "us_side_quote": _setup_keep_session,
    "sideline_meeting": _setup_keep_session,
    "lead_session": _setup_keep_session,
    "participants": _setup_keep_session,
    "session_wire": _setup_keep_session,
    "title_session": _setup_keep_session,
    "joint_section": _setup_section,
    "signed_list": _setup_accords,
}


####   Articles   ####


def _published(rng: Random, timing: str, focus: Round | None, world: Sequence[Round]) -> date:
    """The publication date of an article with this timing about round `focus`."""
    if focus is None:
        span = (world[-1].date - world[0].date).days
        return world[0].date + timedelta(days=rng.randint(-120, span + 120))
    offsets = {
        "upcoming": lambda: -rng.choices((1, 0, 2, 3, 4, 5, 6), (60, 8, 10, 6, 6, 5, 5))[0],
        "ahead": lambda: -rng.randint(20, 90),
        "during": lambda: 1,
        "past": lambda: rng.choices((0, 1, 2), (30, 55, 15))[0],
        "after": lambda: rng.randint(2, 9),
    }
    return focus.date + timedelta(days=offsets[timing]())


def _choose_recipe(rng: Random, recipes: Sequence[Recipe]) -> Recipe:
    return rng.choices(recipes, [r.weight for r in recipes])[0]


def article_record(index: int, seed: int, tables: Tables, world: Sequence[Round]) -> dict[str, str]:
    """Record `index` of the corpus of `seed`."""
    rng = Chooser(f"qusgraph-bench-article:{seed}:{index}")
    recipe = _choose_recipe(rng, tables.recipes)
    focus = None if recipe.timing == "none" else rng.choice(world)
    published = _published(rng, recipe.timing, focus, world)
    title, text = ArticleWriter(tables, world, rng, recipe, focus, published).write()
    article_id = f"bench-{seed}-{index:06d}"
    return {
        "id": article_id,
        "title": title,
        "text": text,
        "published": published.isoformat(),
        "url": f"{URL_BASE}/{recipe.lang}/{published:%Y/%m/%d}/{article_id}",
        "lang": recipe.lang,
    }


def generate(count: int, seed: int = 0) -> Iterator[dict[str, str]]:
    """`count` synthetic articles as JSON Lines records; record i depends only on (seed, i)."""
    if count < 0:
        raise ValueError(f"count must be 0 or more, not {count}")
    tables = load_tables()
    world = build_world(seed, tables)
    for index in range(count):
        yield article_record(index, seed, tables, world)


def check_recipes(tables: Tables) -> None:
    """Every recipe has a known timing, and every slot it names has phrasings in its language."""
    for recipe in tables.recipes:
        if recipe.timing not in TIMINGS:
            raise ValueError(f"recipes.tsv: {recipe.kind}/{recipe.lang}: timing '{recipe.timing}' is not one of: "
                             f"{', '.join(sorted(TIMINGS))}")
        for name in itertools.chain([recipe.title], (s[0] for s in recipe.slots)):
            if not tables.phrasings(recipe.lang, name):
                raise ValueError(f"recipes.tsv: {recipe.kind}/{recipe.lang}: slot '{name}' has no phrasings "
                                 f"in {recipe.lang}.tsv")


####   Command line   ####


def write_jsonl(records: Iterator[dict[str, str]], out: Path | None) -> int:
    """Write records one line at a time (to standard output when `out` is None)."""
    count = 0
    handle = sys.stdout if out is None else out.open("w", encoding="utf-8", newline="\n")
    try:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False))
            handle.write("\n")
            count += 1
    finally:
        if out is not None:
            handle.close()
    return count


def write_text_files(records: Iterator[dict[str, str]], folder: Path) -> int:
    """One `<id>.txt` per article: the title, a blank line, the body."""
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for record in records:
        (folder / f"{record['id']}.txt").write_text(f"{record['title']}\n\n{record['text']}\n", encoding="utf-8")
        count += 1
    return count


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate",
                                     description="Write synthetic Strategic Dialogue articles for benchmarks.")
    parser.add_argument("--count", type=int, default=1000, help="number of articles (default: 1000)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the world and of every article (default: 0)")
    parser.add_argument("--format", choices=("jsonl", "txt"), default="jsonl",
                        help="jsonl: one record a line (default); txt: one <id>.txt per article in the folder "
                             "--out (title, blank line, body) — text files carry no publication date, so ingest "
                             "them with --published or their relative dates stay unresolved")
    parser.add_argument("--out", type=Path, help="output file (jsonl; standard output if omitted) or folder (txt)")
    options = parser.parse_args(argv)
    if options.count < 0:
        parser.error(f"--count value `{options.count}` is not valid. It must be 0 or more.")
    if options.format == "txt" and options.out is None:
        parser.error("--format txt needs --out FOLDER")
    check_recipes(load_tables())
    records = generate(options.count, options.seed)
    if options.format == "txt":
        written = write_text_files(records, options.out)
    else:
        written = write_jsonl(records, options.out)
    print(f"{written} article(s) written", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
