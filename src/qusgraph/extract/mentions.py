"""Stage 3: mentions — every gazetteer and lexicon hit in a sentence, with its span.

A mention covers tokens [first, last] of the document and characters [start, end) of the
article. Entity mentions (officials, places, organisations, countries) do not overlap
each other: the longest wins. Topic phrases inside an entity or a post ("وزير الطاقة",
"Department of Energy") are not topics. Cues may overlap anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..lexicon import NO_TOPIC, TOPIC_JOINER, CountryForm, Entity, Lexicon, PhraseMatch
from ..segment import Sentence
from ..tokens import Token

# Mention kinds
OFFICIAL = "official"
PLACE = "place"
ORGANIZATION = "organization"
COUNTRY = "country"
HONORIFIC = "honorific"
TOPIC = "topic"
AGREEMENT = "agreement"
CUE = "cue"
ENTITY_KINDS = frozenset({OFFICIAL, PLACE, ORGANIZATION, COUNTRY})


@dataclass(frozen=True)
class Mention:
    """A typed hit: tokens [first, last] (document indexes), characters [start, end)."""

    kind: str
    first: int
    last: int
    start: int
    end: int
    value: Any

    def covers(self, index: int) -> bool:
        return self.first <= index <= self.last

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


def find_entities(tokens: Sequence[Token], lexicon: Lexicon) -> list[Mention]:
    """Officials, places, organisations and countries: longest first, no overlaps."""
    return _longest_first(_by_kind(_table(tokens, lexicon)).get("entity", []), tokens)


def _table(tokens: Sequence[Token], lexicon: Lexicon) -> list[list[PhraseMatch[Any]]]:
    """Every lexicon phrase that starts at each token: one lookup per token for all kinds."""
    index = lexicon.mention_index
    return [index.matches_at(tokens, position) for position in range(len(tokens))]


def find_mentions(sentence: Sentence, lexicon: Lexicon) -> SentenceMentions:
    """All mentions of one sentence."""
    tokens = sentence.tokens
    kinds = _by_kind(_table(tokens, lexicon))
    entities = _longest_first(kinds.get("entity", []), tokens)
    cues = [_mention(CUE, tokens, m, m.payload[1]) for _, matches in kinds.get(CUE, []) for m in matches]
    topics = [
        replace(m, value=notation)
        for m in _longest_first(kinds.get(TOPIC, []), tokens)
        if m.value != NO_TOPIC
        and not any(m.overlaps(e) and e.kind in (OFFICIAL, ORGANIZATION, PLACE) for e in entities)
        for notation in m.value.split(TOPIC_JOINER)  # "مكافحة الإرهاب وتمويله" names two
    ]
    agreements = _longest_first(kinds.get(AGREEMENT, []), tokens)
    honorifics = _longest_first(kinds.get(HONORIFIC, []), tokens)
    return SentenceMentions(sentence, entities, honorifics, topics, agreements, cues)


