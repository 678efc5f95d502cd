"""Commitments: amounts of money pledged, with their party, round, duration, beneficiary
and topics.

An amount is a commitment when its sentence has a commitment cue; amounts that are not
positive ("pledged 0 dollars"), figures the text denies ("$500 million, not $50 million") and
figures that measure rather than pledge (trade volumes, investment totals, market values) are
no commitment. The party is the country that pledges: "التزام دولة قطر", "Qatar's pledge", "a
Qatari pledge", "a pledge by Qatar", the sentence's one subject country unless it only
welcomes the pledge, else the country of the official or body that announces it ("أعلن وزير
التجارة … عن برنامج", "وأعلن صندوق قطر للتنمية تخصيص"). The round is the one named left of the
amount, else the one the sentence is about unless the sentence is one official's commentary that does not
refer to the round.
The same amount in the same currency stated again is the same commitment.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date as Date

from ..text.lexicon import word_list
from .agreements import dated_apart
from .analysis import RoundNote, SentenceAnalysis, clause_starts, evidence, span_of
from .mentions import COUNTRY, ORGANIZATION, PLACE, Mention
from .model import CommitmentRecord, RoundKey, Supported
from .numbers import Amount, Duration
from .tuning import (
    AGENT_WINDOW,
    DIALOGUE_NAME_GAP,
    DURATION_AFTER_AMOUNT,
    DURATION_AFTER_CUE,
    DURATION_BEFORE_AMOUNT,
    PARTY_WINDOW,
    ROUND_AFTER_AMOUNT,
    SUBJECT_WINDOW,
)

DIALOGUE_NAME_JOINERS = frozenset(word_list("dialogue-name-joiner"))  # "U.S.-Qatar", "Qatar and US"
VENUE_PREPOSITIONS = frozenset(word_list("venue-preposition"))  # "in the US": a destination, no pledger
POSSESSIVE = frozenset(word_list("possessive"))  # "Qatar's multi-year pledge": not words between party and cue


def sentence_commitments(analysis: SentenceAnalysis, home_country: str | None = None,
                         round_dates: Mapping[RoundKey, Sequence[str]] | None = None,
                         published: Date | None = None) -> list[CommitmentRecord]:
    """The commitments of one sentence, in text order; `home_country` is that of the agency
    that wrote the article, the country of an official the article names with none of their own;
    `round_dates` the dates the article has given each round so far. A commitment whose clause
    dates it apart from the context round ("a deal struck last year", "announced in 2015") is
    of no round."""
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
        if _denied(analysis, amount) or _measure(analysis, cues, amount):
            continue
        first_index = tokens[amount.first].index
        start, end = span_of(tokens, amount.first, amount.last)
        record = CommitmentRecord(amount.value, amount.currency, evidence(analysis.sentence, start, end))
        party = _pledging_country(analysis, cues, amount, home_country)
        if party is not None:
            record.party = party
        explicit = frame.explicit_round_left_of(first_index)
        if explicit is None:
            explicit = _round_right_after(analysis, amount)
        # commentary gives no round, unless it refers to the round ("على هامش الجولة", "at the talks")
        told_at_round = not analysis.commentary or mentions.has_cue("dialogue-anaphor")
        round_number = explicit if explicit is not None else (frame.context_key if told_at_round else None)
        # "a deal struck last year", with no word of the round: not the round's, whatever its context;
        # "welcomed during the round the US announcement last month of $X" was discussed at it
        refers = mentions.has_cue("dialogue-anaphor") or mentions.has_cue("round-noun") \
            or mentions.has_cue("meeting-noun")  # "أعلن الصندوق خلال الاجتماع …"
        if explicit is None and not refers and round_number is not None and dated_apart(
                _clause_dates(analysis, amount), (round_dates or {}).get(round_number, ()), published):
            round_number = None
        if round_number is not None:
            record.round = Supported(round_number, record.evidence)
        for duration in _durations_after(analysis, amount)[:1]:
            d_start, d_end = span_of(tokens, duration.first, duration.last)
            record.duration = Supported(duration.value, evidence(analysis.sentence, d_start, d_end))
        # the first body named after the amount, unless it is the one that gives ("from the
        # Qatar Fund for Development", "من قبل صندوق قطر للتنمية")
        agents = {m.last for m in mentions.cues_of("agent")}
        beneficiary = next((m for m in mentions.entities_of(ORGANIZATION)
                            if m.first > tokens[amount.last].index and not agents & {m.first - 1, m.first - 2}),
                           None)
        if beneficiary is not None:
            record.beneficiary = Supported(beneficiary.value.key,
                                           evidence(analysis.sentence, beneficiary.start, beneficiary.end))
        record.topics = _commitment_topics(analysis, cues, amount)
        records.append(record)
    return records


def _clause_dates(analysis: SentenceAnalysis, amount: Amount) -> list[str]:
    """The dates told in the amount's clause."""
    tokens = analysis.sentence.tokens
    first = tokens[amount.first].index
    starts = clause_starts(analysis.mentions)
    low = max([s for s in starts if s <= first], default=tokens[0].index)
    high = min([s - 1 for s in starts if s > first], default=tokens[-1].index)
    return [value.text for mention, value in analysis.dates
            if value is not None and low <= tokens[mention.first].index <= high]


def _round_right_after(analysis: SentenceAnalysis, amount: Amount) -> RoundKey | None:
    """A round named just after the pledge, in its clause, with no other amount between: "a $45
    billion pledge first made at the second round", "تعهد بتقديم 50 مليون دولار خلال الجولة الثالثة"."""
    tokens = analysis.sentence.tokens
    last = tokens[amount.last].index
    starts = clause_starts(analysis.mentions)
    others = [tokens[a.first].index for a in analysis.amounts if tokens[a.first].index > last]
    for mention in analysis.frame.rounds:
        if not 0 < mention.first - last <= ROUND_AFTER_AMOUNT:
            continue
        if any(last < s <= mention.first for s in [*starts, *others]):
            return None
        return mention.key
    return None


def _durations_after(analysis: SentenceAnalysis, amount: Amount) -> list[Duration]:
    """Durations of a commitment: right after its amount, or later in its clause (up to the
    next amount) after "على مدى", "over" ("$75 million to the agency over two years"); else
    one that modifies it from just before ("a five-year, $100 million programme", "a five-year pledge of …")."""
    tokens = analysis.sentence.tokens
    ends = [s - tokens[0].index for s in clause_starts(analysis.mentions) if s > tokens[amount.last].index]
    # "… 45 مليار دولار، كما أعلن التزامه بضخ 10 مليارات دولار على مدى خمس سنوات": the next
    # amount's duration is its own
    following = [a.first for a in analysis.amounts if a.first > amount.last]
    end = min([len(tokens), *ends, *following])
    cue_ends = {m.last - tokens[0].index for m in analysis.mentions.cues_of("duration")}
    after = [d for d in analysis.durations if amount.last < d.first < end
             and (d.first <= amount.last + DURATION_AFTER_AMOUNT
                  or any(0 < d.first - c <= DURATION_AFTER_CUE for c in cue_ends))]
    starts = [s - tokens[0].index for s in clause_starts(analysis.mentions)]
    before = [d for d in analysis.durations if d.last < amount.first <= d.last + DURATION_BEFORE_AMOUNT
              and not any(d.last < s <= amount.first for s in starts)]
    return after + before


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


def add_commitment(commitments: list[CommitmentRecord], record: CommitmentRecord) -> RoundNote | None:
    """Add `record` to the article's `commitments`: the same amount in the same currency is
    one commitment ("Qatar's $500 million pledge" in the lead and again in the body); what a
    later mention adds fills what the first left out. The note gives the round its topics."""
    for existing in commitments:
        if (existing.amount, existing.currency) != (record.amount, record.currency):
            continue
        if any(a is not None and b is not None and a.value != b.value
               for a, b in ((existing.party, record.party), (existing.round, record.round),
                            (existing.beneficiary, record.beneficiary), (existing.duration, record.duration))):
            continue  # the same sum pledged by two countries, at two rounds or to two bodies is two commitments
        existing.party = existing.party or record.party
        existing.duration = existing.duration or record.duration
        existing.beneficiary = existing.beneficiary or record.beneficiary
        known = {t.value for t in existing.topics}
        existing.topics.extend(t for t in record.topics if t.value not in known)
        if existing.round is None and record.round is not None:
            existing.round = record.round
        return RoundNote(existing.round.value, topics=tuple(existing.topics)) if existing.round is not None else None
    commitments.append(record)
    return RoundNote(record.round.value, topics=tuple(record.topics)) if record.round is not None else None


def _denied(analysis: SentenceAnalysis, amount: Amount) -> bool:
    """"is $500 million, not $50 million", "وليس 50 مليونا": a figure the text corrects."""
    first = analysis.sentence.tokens[amount.first].index
    return any(c.last == first - 1 for c in analysis.mentions.cues_of("corrected"))


def _measure(analysis: SentenceAnalysis, cues: list[Mention], amount: Amount) -> bool:
    """"بلغ حجم التبادل التجاري … 22 مليار ريال", "Qatari investments in the US are worth $45
    billion": a volume cue before the amount in its clause, with no pledge between them (a
    value marker such as "worth" pledges nothing)."""
    first = analysis.sentence.tokens[amount.first].index
    starts = clause_starts(analysis.mentions)
    values = {m.first for m in analysis.mentions.cues_of("value")}  # "worth", "بقيمة": no pledge
    pledges = [c for c in cues if c.first not in values]
    return any(volume.last < first and not any(volume.last < s <= first for s in starts)
               and not any(volume.last < c.first < first for c in pledges)
               for volume in analysis.mentions.cues_of("volume"))


def _pledging_country(analysis: SentenceAnalysis, cues: list[Mention], amount: Amount,
                      home_country: str | None) -> Supported[str] | None:
    """The country that pledges: "التزام دولة قطر", "Qatar's pledge", "تعهد قطري", "a pledge by
    Qatar", "Qatar pledged", or the country of the official or body that announces it."""
    tokens = analysis.sentence.tokens
    amount_first = tokens[amount.first].index
    amount_last = tokens[amount.last].index
    countries = [m for m in analysis.mentions.entities_of(COUNTRY)
                 if not amount_first <= m.first <= amount_last]
    # "Doha pledged", "Washington announced $30 million in aid": a city for its government
    cities = [m for m in analysis.mentions.entities_of(PLACE) if m.value.subkind == "city" and m.value.country]
    cues = _own_cues(analysis, cues, amount)
    for candidates in (countries, cities):
        adjacent = _adjacent_pledger(analysis, cues, candidates, amount_first)
        if adjacent is not None:
            return adjacent
    return (_agent_country(analysis, cues, countries, amount_first)
            or _subject_country(analysis, countries, amount_first)
            or _announcer_country(analysis, amount_first, home_country))


def _own_cues(analysis: SentenceAnalysis, cues: list[Mention], amount: Amount) -> list[Mention]:
    """The commitment cues of one amount among several ("Qatar pledged $250m …, and Washington
    announced $30 million in aid"): those after the amount before it and before the next one,
    nearest first; all of them when it has none of its own."""
    tokens = analysis.sentence.tokens
    firsts = sorted(tokens[a.first].index for a in analysis.amounts)
    lasts = sorted(tokens[a.last].index for a in analysis.amounts)
    first, last = tokens[amount.first].index, tokens[amount.last].index
    low = max([x for x in lasts if x < first], default=-1)
    high = min([x for x in firsts if x > last], default=tokens[-1].index + 1)
    own = [c for c in cues if low < c.first < high]
    return sorted(own, key=lambda c: abs(c.first - first)) or cues


def _adjacent_pledger(analysis: SentenceAnalysis, cues: list[Mention], candidates: list[Mention],
                      amount_first: int) -> Supported[str] | None:
    """A pledger named right after the cue ("التزام دولة قطر بتقديم") or right before it or the
    amount ("Qatar's multi-year pledge", "Qatar pledged"), with only words between."""
    tokens = analysis.sentence.tokens
    index_of = {t.index: i for i, t in enumerate(tokens)}
    welcomes = analysis.mentions.cues_of("welcome")
    def found(candidate: Mention) -> Supported[str]:
        iso = candidate.value.iso if candidate.kind == COUNTRY else candidate.value.country
        return Supported(iso, evidence(analysis.sentence, candidate.start, candidate.end))

    # "استثماراته في الولايات المتحدة", "invest $5 billion in the US": where the money goes
    candidates = [c for c in candidates if index_of[c.first] == 0
                  or tokens[index_of[c.first] - 1].text not in VENUE_PREPOSITIONS]
    for cue in cues:
        anchor = min(cue.first, amount_first)
        for candidate in candidates:
            if cue.last < candidate.first < amount_first and candidate.first - cue.last <= PARTY_WINDOW:
                return found(candidate)
        # nearest first: "رحب الجانب الأمريكي بتعهد دولة قطر بتقديم" is Qatar's pledge
        for candidate in sorted(candidates, key=lambda m: -m.last):
            # "the United States welcomed a pledge": who welcomes is not who pledges
            if candidate.last < anchor and not any(candidate.last < w.first < anchor for w in welcomes):
                between = tokens[index_of[candidate.last] + 1 : index_of[anchor]]
                words = [t for t in between if t.text not in POSSESSIVE]
                if all(t.is_word for t in words) and len(words) <= PARTY_WINDOW:
                    return found(candidate)
    return None


def _agent_country(analysis: SentenceAnalysis, cues: list[Mention], countries: list[Mention],
                   amount_first: int) -> Supported[str] | None:
    """"a pledge of $500 million by Qatar", "تعهد من قبل قطر", "$10 million from the Qatar Fund
    for Development": the agent after the pledge (a country, or a body of one)."""
    starts = [s for s in clause_starts(analysis.mentions) if s > amount_first]
    end = min(starts) if starts else analysis.sentence.tokens[-1].index + 1
    first_cue = min(c.first for c in cues)
    bodies = [m for m in analysis.mentions.entities_of(ORGANIZATION) if m.value.country is not None]
    for agent in analysis.mentions.cues_of("agent"):
        if first_cue < agent.first and agent.last < end:
            for country in countries:
                if 0 < country.first - agent.last <= AGENT_WINDOW:
                    return Supported(country.value.iso, evidence(analysis.sentence, country.start, country.end))
            for body in bodies:
                if 0 < body.first - agent.last <= AGENT_WINDOW:
                    return Supported(body.value.country, evidence(analysis.sentence, body.start, body.end))
    return None


def _subject_country(analysis: SentenceAnalysis, countries: list[Mention], amount_first: int) -> Supported[str] | None:
    """"كما أعلنت دولة قطر … عن تقديم", "Qatar will provide": the one country that is the subject,
    unless it welcomes what another pledges ("The United States welcomed a pledge of …")."""
    tokens = analysis.sentence.tokens
    start = tokens[0].index
    # "At the sixth U.S.-Qatar Strategic Dialogue, …": the countries name the dialogue
    subjects = [c for c in countries if c.value.kind == "name" and c.first - start <= SUBJECT_WINDOW
                and c.last < amount_first
                and not any(c.last < s <= amount_first for s in clause_starts(analysis.mentions))
                and not _names_dialogue(analysis, c)]
    if len({c.value.iso for c in subjects}) != 1:
        return None
    country = subjects[0]
    if any(country.last < w.first < amount_first for w in analysis.mentions.cues_of("welcome")):
        return None
    return Supported(country.value.iso, evidence(analysis.sentence, country.start, country.end))


def _names_dialogue(analysis: SentenceAnalysis, country: Mention) -> bool:
    """"the U.S.-Qatar Strategic Dialogue": a country joined to a dialogue noun by other
    countries, hyphens or "and" only."""
    countries = {i for m in analysis.mentions.entities_of(COUNTRY) for i in range(m.first, m.last + 1)}
    tokens = {t.index: t for t in analysis.sentence.tokens}
    for noun in analysis.mentions.cues_of("dialogue-noun"):
        if 0 < noun.first - country.last <= DIALOGUE_NAME_GAP and all(
                i in countries or tokens[i].text in DIALOGUE_NAME_JOINERS
                for i in range(country.last + 1, noun.first)):
            return True
    return False


def _announcer_country(analysis: SentenceAnalysis, amount_first: int,
                       home_country: str | None) -> Supported[str] | None:
    """"أعلن سعادة وزير التجارة … عن برنامج بقيمة", "وأعلن صندوق قطر للتنمية تخصيص": the country
    of the official or body named nearest before the amount in its clause, unless they only
    welcome it."""
    starts = clause_starts(analysis.mentions)
    welcomes = analysis.mentions.cues_of("welcome")
    named: list[tuple[int, int, int, str]] = []  # (last token, start, end, country)
    for reference in analysis.people:
        country = reference.person.country or home_country
        if country is not None:
            named.append((reference.last, reference.start, reference.end, country))
    for post in analysis.posts:  # "Qatar's foreign minister announced …", "وزير التجارة القطري"
        if post.country is not None:
            named.append((post.last, post.start, post.end, post.country))
    for body in analysis.mentions.entities_of(ORGANIZATION):
        if body.value.country is not None and body.value.subkind != "news-agency":
            named.append((body.last, body.start, body.end, body.value.country))
    before = [n for n in named if n[0] < amount_first]
    if not before:
        return None
    last, start, end, country = max(before)
    if any(last < s <= amount_first for s in starts) or any(last < w.first < amount_first for w in welcomes):
        return None
    return Supported(country, evidence(analysis.sentence, start, end))
