"""Commitments: amounts of money pledged, with their party, round, duration, beneficiary
and topics.

An amount is a commitment when its sentence has a commitment cue; amounts that are not
positive ("pledged 0 dollars") are no commitment. The party is the country that pledges
("التزام دولة قطر", "Qatar's pledge", or the sentence's one subject country); the round is
the one named left of the amount, else the one the sentence is about unless the sentence is
one official's commentary that does not refer to the round.
"""

from __future__ import annotations

from ..model import CommitmentRecord, Supported
from .analysis import SentenceAnalysis, clause_starts, evidence, span_of
from .mentions import COUNTRY, ORGANIZATION, Mention
from .numbers import Amount, Duration
from .tuning import DURATION_AFTER_AMOUNT, DURATION_AFTER_CUE, PARTY_WINDOW, SUBJECT_WINDOW


def sentence_commitments(analysis: SentenceAnalysis) -> list[CommitmentRecord]:
    """The commitments of one sentence, in text order."""
    mentions = analysis.mentions
    cues = mentions.cues_of("commitment")
    if not analysis.amounts or not cues:
        return []
    frame = analysis.frame
    tokens = analysis.sentence.tokens
    records = []
    for amount in analysis.amounts:
        if amount.value <= 0:
            continue  # a pledge of nothing is not a commitment (and the shapes require amount > 0)
        first_index = tokens[amount.first].index
        start, end = span_of(tokens, amount.first, amount.last)
        record = CommitmentRecord(amount.value, amount.currency, evidence(analysis.sentence, start, end))
        party = _pledging_country(analysis, cues, amount)
        if party is not None:
            record.party = party
        explicit = frame.explicit_round_left_of(first_index)
        # commentary gives no round, unless it refers to the round ("على هامش الجولة", "at the talks")
        told_at_round = not analysis.commentary or mentions.has_cue("dialogue-anaphor")
        round_number = explicit if explicit is not None else (frame.context_key if told_at_round else None)
        if round_number is not None:
            record.round = Supported(round_number, record.evidence)
        for duration in _durations_after(analysis, amount)[:1]:
            d_start, d_end = span_of(tokens, duration.first, duration.last)
            record.duration = Supported(duration.value, evidence(analysis.sentence, d_start, d_end))
        beneficiary = next((m for m in mentions.entities_of(ORGANIZATION)
                            if m.first > tokens[amount.last].index), None)
        if beneficiary is not None:
            record.beneficiary = Supported(beneficiary.value.key,
                                           evidence(analysis.sentence, beneficiary.start, beneficiary.end))
        record.topics = _commitment_topics(analysis, cues, amount)
        records.append(record)
    return records


def _durations_after(analysis: SentenceAnalysis, amount: Amount) -> list[Duration]:
    """Durations of a commitment: right after its amount, or later in its clause after
    "على مدى", "over" ("$75 million to the agency over two years")."""
    tokens = analysis.sentence.tokens
    ends = [s - tokens[0].index for s in clause_starts(analysis.mentions) if s > tokens[amount.last].index]
    end = min([len(tokens), *ends])
    cue_ends = {m.last - tokens[0].index for m in analysis.mentions.cues_of("duration")}
    return [d for d in analysis.durations if amount.last < d.first < end
            and (d.first <= amount.last + DURATION_AFTER_AMOUNT
                 or any(0 < d.first - c <= DURATION_AFTER_CUE for c in cue_ends))]


def _commitment_topics(analysis: SentenceAnalysis, cues: list[Mention], amount: Amount) -> list[Supported[str]]:
    """Topics of a commitment's own clause: "برنامج المبيعات العسكرية …", "… to support relief"."""
    tokens = analysis.sentence.tokens
    first = tokens[amount.first].index
    starts = clause_starts(analysis.mentions)
    before = [c.first for c in cues if c.first < first and not any(c.first < s <= first for s in starts)]
    low = min([first, *before])
    ends = [s - 1 for s in starts if s > first] + [tokens[-1].index]
    high = min(ends)
    unique: dict[str, Supported[str]] = {}
    for topic in analysis.mentions.topics:
        if low <= topic.first <= high:
            unique.setdefault(topic.value, Supported(topic.value, evidence(analysis.sentence, topic.start,
                                                                            topic.end)))
    return list(unique.values())


def _pledging_country(analysis: SentenceAnalysis, cues: list[Mention], amount: Amount) -> Supported[str] | None:
    """The country that pledges: "التزام دولة قطر", "Qatar's pledge", "Qatar pledged"."""
    tokens = analysis.sentence.tokens
    amount_first = tokens[amount.first].index
    amount_last = tokens[amount.last].index
    countries = [m for m in analysis.mentions.entities_of(COUNTRY)
                 if not amount_first <= m.first <= amount_last]
    index_of = {t.index: i for i, t in enumerate(tokens)}
    for cue in cues:
        anchor = min(cue.first, amount_first)
        for country in countries:
            if cue.last < country.first < amount_first and country.first - cue.last <= PARTY_WINDOW:
                return Supported(country.value.iso, evidence(analysis.sentence, country.start, country.end))
            if country.last < anchor and anchor - country.last <= PARTY_WINDOW:
                between = tokens[index_of[country.last] + 1 : index_of[anchor]]
                if all(t.is_word for t in between):
                    return Supported(country.value.iso, evidence(analysis.sentence, country.start, country.end))
    return _subject_country(analysis, countries, amount_first)


def _subject_country(analysis: SentenceAnalysis, countries: list[Mention], amount_first: int) -> Supported[str] | None:
    """"كما أعلنت دولة قطر … عن تقديم", "Qatar will provide": the one country that is the subject."""
    tokens = analysis.sentence.tokens
    start = tokens[0].index
    subjects = [c for c in countries if c.value.kind == "name" and c.first - start <= SUBJECT_WINDOW
                and c.last < amount_first
                and not any(c.last < s <= amount_first for s in clause_starts(analysis.mentions))]
    if len({c.value.iso for c in subjects}) != 1:
        return None
    country = subjects[0]
    return Supported(country.value.iso, evidence(analysis.sentence, country.start, country.end))
