"""Stage 3: mentions — every gazetteer and lexicon hit in a sentence, with its span.

A mention covers tokens [first, last] of the document and characters [start, end) of the
article. Entity mentions (officials, places, organisations, countries) do not overlap
each other: the longest wins. Topic phrases inside an entity or a post ("وزير الطاقة",
"Department of Energy") are not topics. Cues may overlap anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..lexicon import NO_TOPIC, CountryForm, Entity, Lexicon, PhraseIndex, PhraseMatch
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


def find_entities(tokens: Sequence[Token], lexicon: Lexicon) -> list[Mention]:
    """Officials, places, organisations and countries: longest first, no overlaps."""
    found: list[Mention] = []
    position = 0
    while position < len(tokens):
        candidates: list[PhraseMatch[Any]] = [
            *lexicon.entity_forms.matches_at(tokens, position),
            *lexicon.country_forms.matches_at(tokens, position),
        ]
        if not candidates:
            position += 1
            continue
        best = max(candidates, key=lambda m: (m.last - m.first, _PRIORITY[_entity_kind(m.payload)]))
        found.append(_mention(_entity_kind(best.payload), tokens, best))
        position = best.last + 1
    return found


_PRIORITY = {OFFICIAL: 4, ORGANIZATION: 3, PLACE: 2, COUNTRY: 1}


def _scan(kind: str, index: PhraseIndex[Any], tokens: Sequence[Token]) -> list[Mention]:
    return [_mention(kind, tokens, match) for match in index.scan(tokens)]


def find_mentions(sentence: Sentence, lexicon: Lexicon) -> SentenceMentions:
    """All mentions of one sentence."""
    tokens = sentence.tokens
    entities = find_entities(tokens, lexicon)
    cues = [_mention(CUE, tokens, match) for match in lexicon.cues.scan_all(tokens)]
    topics = [
        m for m in _scan(TOPIC, lexicon.topic_terms, tokens)
        if m.value != NO_TOPIC
        and not any(m.overlaps(e) and e.kind in (OFFICIAL, ORGANIZATION, PLACE) for e in entities)
    ]
    agreements = _scan(AGREEMENT, lexicon.agreements, tokens)
    honorifics = _scan(HONORIFIC, lexicon.honorifics, tokens)
    return SentenceMentions(sentence, entities, honorifics, topics, agreements, cues)


