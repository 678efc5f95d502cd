"""Typed records of what an article states: stage 5 of extraction, the input of mapping.

Every fact carries `Evidence`: the sentence that supports it and the characters of the
mention in the article text, so that the graph can quote its source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Generic, TypeVar

from ..text.articles import Article

T = TypeVar("T")


@dataclass(frozen=True)
class CalendarValue:
    """A resolved date: its lexical form and its XSD datatype (date, gYearMonth, gYear)."""

    text: str
    datatype: str


@dataclass(frozen=True, order=True)
class Evidence:
    """Sentence index and the [start, end) characters of the supporting mention."""

    sentence: int
    start: int
    end: int


@dataclass(frozen=True)
class Supported(Generic[T]):
    """A value and the evidence for it."""

    value: T
    evidence: Evidence


@dataclass
class OfficialRecord:
    id: str  # gazetteer key, or "name:<normalised name>" for officials found by pattern
    key: str | None
    labels: dict[str, str]
    country: Supported[str] | None = None
    positions: list[Supported[tuple[str, str]]] = field(default_factory=list)  # (post, lang)
    mentions: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True, order=True)
class RoundKey:
    """Which round: its ordinal and the dialogue it belongs to, by its parties' ISO codes,
    sorted. `()` is the article's own dialogue, whose parties are known only once the whole
    article is read (`ArticleFacts.dialogue_parties`); a round of another dialogue named in
    the article ("the first Qatar-UK Strategic Dialogue") carries that dialogue's parties."""

    ordinal: int
    dialogue: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """"5" for the article's own dialogue, "GB-QA/2" for another (as the contract keys them)."""
        return f"{'-'.join(self.dialogue)}/{self.ordinal}" if self.dialogue else str(self.ordinal)

    def resolved(self, parties: tuple[str, ...]) -> tuple[str, ...]:
        """The parties of this round's dialogue, given those of the article's own."""
        return self.dialogue or parties


@dataclass
class RoundRecord:
    ordinal: int
    dialogue: tuple[str, ...] = ()  # see RoundKey
    mentions: list[Evidence] = field(default_factory=list)
    dates: list[Supported[CalendarValue]] = field(default_factory=list)
    places: list[Supported[str]] = field(default_factory=list)  # place keys
    chairs: list[Supported[str]] = field(default_factory=list)  # official ids
    topics: list[Supported[str]] = field(default_factory=list)  # topic notations

    @property
    def key(self) -> RoundKey:
        return RoundKey(self.ordinal, self.dialogue)


@dataclass
class AgreementRecord:
    type: str
    round: RoundKey | None
    evidence: Evidence
    quantity: Supported[int] | None = None
    topics: list[Supported[str]] = field(default_factory=list)

    @property
    def primary_topic(self) -> str | None:
        return self.topics[0].value if self.topics else None


@dataclass
class CommitmentRecord:
    amount: Decimal
    currency: str
    evidence: Evidence
    party: Supported[str] | None = None
    round: Supported[RoundKey] | None = None
    duration: Supported[str] | None = None
    beneficiary: Supported[str] | None = None  # organisation key
    topics: list[Supported[str]] = field(default_factory=list)


@dataclass
class SentenceRecord:
    index: int
    start: int
    end: int
    text: str


@dataclass
class ArticleFacts:
    """Everything extracted from one article, ready to be minted and mapped to RDF."""

    article: Article
    lang: str
    dialogue_parties: tuple[str, ...] = ()
    dialogue_evidence: Evidence | None = None
    officials: list[OfficialRecord] = field(default_factory=list)
    rounds: list[RoundRecord] = field(default_factory=list)
    agreements: list[AgreementRecord] = field(default_factory=list)
    commitments: list[CommitmentRecord] = field(default_factory=list)
    sentences: list[SentenceRecord] = field(default_factory=list)

    def round(self, key: RoundKey) -> RoundRecord:
        """The record of a round, made at its first mention."""
        for record in self.rounds:
            if (record.ordinal, record.dialogue) == (key.ordinal, key.dialogue):
                return record
        record = RoundRecord(key.ordinal, key.dialogue)
        self.rounds.append(record)
        return record
