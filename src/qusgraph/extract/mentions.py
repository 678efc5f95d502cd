"""Stage 3: mentions — every gazetteer and lexicon hit in a sentence, with its span.

A mention covers tokens [first, last] of the document and characters [start, end) of the
article. Entity mentions (officials, places, organisations, countries) do not overlap
each other: the longest wins. Topic phrases inside an entity or a post ("وزير الطاقة",
"Department of Energy") are not topics, unless the phrase is a place's whole name (a military
base names defense). Cues may overlap anything.

A place may be named by description: a capital noun with a country ("العاصمة القطرية",
"عاصمة قطر", "the Qatari capital", "the capital of Qatar") is that country's capital
(`capitals.tsv`), one place mention over both words.

>>> from qusgraph.text.lexicon import load_lexicon
>>> from qusgraph.text.segment import Sentence
>>> from qusgraph.text.tokens import tokenize
>>> lexicon = load_lexicon()
>>> def entities(text):
...     sentence = Sentence(0, 0, len(text), 0, False, False, tuple(tokenize(text)))
...     return find_mentions(sentence, lexicon).entities
>>> [(m.kind, m.value.key) for m in entities("انطلقت في العاصمة القطرية اليوم")]
[('place', 'doha')]
>>> [(m.kind, m.value.key) for m in entities("talks in the U.S. capital on Tuesday")]
[('place', 'washington')]
>>> [m.kind for m in entities("Qatari capital markets")]
['country']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..text.lexicon import NO_TOPIC, TOPIC_JOINER, CountryForm, Entity, Lexicon, PhraseMatch
from ..text.segment import Sentence
from ..text.tokens import Token

# Mention kinds
OFFICIAL = "official"
PLACE = "place"
ORGANIZATION = "organization"
COUNTRY = "country"
HONORIFIC = "honorific"
TOPIC = "topic"
AGREEMENT = "agreement"
CUE = "cue"


@dataclass(frozen=True)
class Mention:
    """A typed hit: tokens [first, last] (document indexes), characters [start, end)."""

    kind: str
    first: int
    last: int
    start: int
    end: int
    value: Any

    def overlaps(self, other: Mention) -> bool:
        return self.first <= other.last and other.first <= self.last


@dataclass
class SentenceMentions:
    """The mentions of one sentence, by kind, in text order."""

    sentence: Sentence
    entities: list[Mention]
    honorifics: list[Mention]
    topics: list[Mention]
    agreements: list[Mention]
    cues: list[Mention]

    def cues_of(self, *names: str) -> list[Mention]:
        return [m for m in self.cues if m.value.cue in names]

    def has_cue(self, *names: str) -> bool:
        return any(m.value.cue in names for m in self.cues)

    def entities_of(self, kind: str) -> list[Mention]:
        return [m for m in self.entities if m.kind == kind]

    def all(self) -> list[Mention]:
        return sorted(self.entities + self.honorifics + self.topics + self.agreements + self.cues,
                      key=lambda m: (m.first, m.last))


def _mention(kind: str, tokens: Sequence[Token], match: PhraseMatch[Any], value: Any = None) -> Mention:
    first, last = tokens[match.first], tokens[match.last]
    return Mention(kind, first.index, last.index, first.start, last.end,
                   match.payload if value is None else value)


def _entity_kind(payload: Entity | CountryForm) -> str:
    return COUNTRY if isinstance(payload, CountryForm) else payload.kind


_PRIORITY = {OFFICIAL: 4, ORGANIZATION: 3, PLACE: 2, COUNTRY: 1}


def _longest_first(rows: list[tuple[int, list[PhraseMatch[Any]]]], tokens: Sequence[Token]) -> list[Mention]:
    """Longest non-overlapping matches, left to right, from the matches of one kind at each
    position that has any (for entities, ties go to officials, then organisations, places and
    countries)."""
    found: list[Mention] = []
    position = 0
    for start, candidates in rows:
        if start < position:
            continue
        best = candidates[0] if len(candidates) == 1 else max(
            candidates, key=lambda m: (m.last - m.first, _PRIORITY.get(_kind_of(m.payload), 0)))
        found.append(_mention(_kind_of(best.payload), tokens, best, best.payload[1]))
        position = best.last + 1
    return found


def _by_kind(table: list[list[PhraseMatch[Any]]]) -> dict[str, list[tuple[int, list[PhraseMatch[Any]]]]]:
    """For each kind of phrase: the positions where some start, with those matches in order."""
    kinds: dict[str, list[tuple[int, list[PhraseMatch[Any]]]]] = {}
    for position, row in enumerate(table):
        if not row:
            continue
        here: dict[str, list[PhraseMatch[Any]]] = {}
        for match in row:
            here.setdefault(match.payload[0], []).append(match)
        for kind, matches in here.items():
            kinds.setdefault(kind, []).append((position, matches))
    return kinds


def _kind_of(payload: tuple[str, Any]) -> str:
    kind, value = payload
    return _entity_kind(value) if kind == "entity" else kind


def _with_capitals(entities: list[Mention], cues: list[Mention], table: list[list[PhraseMatch[Any]]],
                   tokens: Sequence[Token], lexicon: Lexicon) -> list[Mention]:
    """Entities with "capital noun + country" phrases read as the country's capital.

    Arabic puts the country after the noun (العاصمة القطرية، عاصمة قطر); English puts an
    adjective before it ("the Qatari capital") or "of" and a name after ("the capital of
    Qatar"). An English noun followed by a word that is neither an entity, a cue nor a date
    ("Qatari capital markets") is money, not a city."""
    capitals = [c for c in cues if c.value.cue == "capital"]
    if not capitals or not entities:
        return entities
    offset = tokens[0].index if tokens else 0
    countries = {m.first: m for m in entities if m.kind == COUNTRY}
    ending = {m.last: m for m in entities if m.kind == COUNTRY}
    replaced: dict[int, Mention] = {}  # first token of a country mention → the place it becomes
    for noun in capitals:
        country: Mention | None
        if noun.value.lang == "ar":
            country = countries.get(noun.last + 1)
            # "العاصمة قطر" is not Arabic: the definite noun takes the adjective only (a form such
            # as السعودية may be both).
            if country is not None and "العاصمه" in tokens[noun.first - offset].text and not any(
                    isinstance(m.payload[1], CountryForm) and m.payload[1].kind == "adjective"
                    and m.last == country.last - offset for m in table[country.first - offset]):
                country = None
            first, last = noun.first, country.last if country is not None else noun.last
        else:
            country = ending.get(noun.first - 1)
            if country is not None and not _ends_noun_phrase(table, tokens, noun.last + 1 - offset, lexicon):
                country = None
            if country is None:
                country = countries.get(noun.last + 2)  # the capital of Qatar
                if country is None or tokens[noun.last + 1 - offset].text != "of" or country.value.kind != "name":
                    continue
                first, last = noun.first, country.last
            else:
                first, last = country.first, noun.last
        if country is None:
            continue
        place = lexicon.capitals.get(country.value.iso)
        if place is None:
            continue
        start, end = tokens[first - offset].start, tokens[last - offset].end
        replaced[country.first] = Mention(PLACE, first, last, start, end, place)
    if not replaced:
        return entities
    return sorted((replaced.get(m.first, m) if m.kind == COUNTRY else m for m in entities), key=lambda m: m.first)


def _ends_noun_phrase(table: list[list[PhraseMatch[Any]]], tokens: Sequence[Token], position: int,
                      lexicon: Lexicon) -> bool:
    """Whether the word at `position` cannot continue an English noun compound: none, not a
    word, or the start of an entity, a cue or a date ("the Qatari capital on Tuesday")."""
    if position >= len(tokens) or not tokens[position].is_word:
        return True
    if any(m.payload[0] in ("entity", CUE) for m in table[position]):
        return True
    return lexicon.could_start_date(tokens[position].text)


def _table(tokens: Sequence[Token], lexicon: Lexicon) -> list[list[PhraseMatch[Any]]]:
    """Every lexicon phrase that starts at each token: one lookup per token for all kinds."""
    index = lexicon.mention_index
    return [index.matches_at(tokens, position) for position in range(len(tokens))]


def _names_place(topic: Mention, entity: Mention) -> bool:
    """Whether a topic phrase covers a whole place's name: topic_terms.tsv lists the place as
    naming the topic ("قاعدة العديد الجوية", "Al Udeid Air Base": defense)."""
    return entity.kind == PLACE and topic.first <= entity.first and entity.last <= topic.last


def find_mentions(sentence: Sentence, lexicon: Lexicon) -> SentenceMentions:
    """All mentions of one sentence."""
    tokens = sentence.tokens
    table = _table(tokens, lexicon)
    kinds = _by_kind(table)
    cues = [_mention(CUE, tokens, m, m.payload[1]) for _, matches in kinds.get(CUE, []) for m in matches]
    entities = _with_capitals(_longest_first(kinds.get("entity", []), tokens), cues, table, tokens, lexicon)
    topics = [
        replace(m, value=notation)
        for m in _longest_first(kinds.get(TOPIC, []), tokens)
        if m.value != NO_TOPIC
        and not any(m.overlaps(e) and e.kind in (OFFICIAL, ORGANIZATION, PLACE) and not _names_place(m, e)
                    for e in entities)
        for notation in m.value.split(TOPIC_JOINER)  # "مكافحة الإرهاب وتمويله" names two
    ]
    agreements = _longest_first(kinds.get(AGREEMENT, []), tokens)
    honorifics = _longest_first(kinds.get(HONORIFIC, []), tokens)
    return SentenceMentions(sentence, entities, honorifics, topics, agreements, cues)


