"""Agreements: documents signed at a round, with their type, quantity and topics.

An agreement needs a signing cue (or a list under "وشهد الحوار توقيع الوثائق التالية:"); a
desire or plan to sign is not one. One re-affirmed is not new; one "signed at the first
dialogue" belongs to that round. Its topics are those of its own phrase, and they are topics
of its round too.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..lexicon import AgreementNoun, Lexicon
from ..model import AgreementRecord, RoundKey, Supported
from ..tokens import Token
from .analysis import ArticleContext, RoundNote, SentenceAnalysis, clause_starts, evidence
from .frames import SentenceFrame
from .mentions import Mention
from .numbers import count_before, read_number
from .tuning import AMENDMENT_WINDOW, PREMODIFIER_WINDOW, REAFFIRM_WINDOW

SEPARATORS = (",", "،")
DUAL = 2  # "مذكرتا تفاهم": a dual noun counts two
ONE_IN_WORDS = 1  # "اتفاقية واحدة": one, spelled out, after the noun


def sentence_agreements(context: ArticleContext, analyses: Sequence[SentenceAnalysis],
                        position: int) -> list[AgreementRecord]:
    """The agreements signed in sentence `analyses[position]`, in text order (before merging)."""
    analysis = analyses[position]
    frame = analysis.frame
    mentions = analysis.mentions
    nouns = sorted(mentions.agreements, key=lambda m: m.first)
    if not nouns:
        return []
    signed = mentions.has_cue("sign") or _listed_under_signing(context, analyses, position)
    past_signing = mentions.cues_of("past-signing")
    reaffirms = mentions.cues_of("reaffirm")
    modality = mentions.cues_of("modality")
    amendments = mentions.cues_of("amendment")
    tokens = analysis.sentence.tokens
    starts = clause_starts(mentions)
    records = []
    for number, noun in enumerate(nouns):
        value: AgreementNoun = noun.value
        agreement_type = value.type
        start = noun.start
        amendment = next((a for a in amendments if a.last < noun.first and noun.first - a.last <= AMENDMENT_WINDOW),
                         None)
        if amendment is not None:
            agreement_type, start = "Agreement", amendment.start
        signing_round = _signing_round(frame, noun, past_signing)
        reaffirmed = any(r.last < noun.first and noun.first - r.last <= REAFFIRM_WINDOW for r in reaffirms)
        if signing_round is None and (not signed or reaffirmed):
            continue
        if signing_round is None and any(m.last < noun.first and not any(m.last < c <= noun.first for c in starts)
                                         for m in modality):
            continue  # "يرغب الجانبان في توقيع …": a wish to sign in the same clause
        round_number = signing_round if signing_round is not None else frame.round_at(noun.first)
        record = AgreementRecord(agreement_type, round_number, evidence(analysis.sentence, start, noun.end))
        quantity = _quantity(context.lexicon, analysis, noun, value)
        if quantity is not None:
            record.quantity = quantity
        scope_end = _scope_end(analysis, nouns, number)
        topics = [t for t in mentions.topics if noun.last < t.first <= scope_end]
        if not topics:
            topics = _shared_topics(analysis, nouns, number)
        low = amendment.last if amendment is not None else noun.first - PREMODIFIER_WINDOW
        premodifiers = [t for t in mentions.topics if low < t.first and t.last < noun.first
                        and not any(p.text in SEPARATORS for p in tokens if t.last < p.index < noun.first)]
        record.topics = [Supported(t.value, evidence(analysis.sentence, t.start, t.end))
                         for t in premodifiers + topics]
        records.append(record)
    return records


def add_agreement(agreements: list[AgreementRecord], record: AgreementRecord) -> RoundNote | None:
    """Add `record` to the article's `agreements`: one record per (round, type, primary topic),
    later mentions adding their topics to the first. A new record gives its round its topics
    (the returned note); one that adds to a known record gives nothing more."""
    for existing in agreements:
        same = (existing.round, existing.type) == (record.round, record.type)
        if same and (existing.primary_topic == record.primary_topic or record.primary_topic is None
                     and existing.primary_topic is None):
            known = {t.value for t in existing.topics}
            existing.topics.extend(t for t in record.topics if t.value not in known)
            if existing.quantity is None:
                existing.quantity = record.quantity
            return None
    unique: dict[str, Supported[str]] = {}
    for topic in record.topics:
        unique.setdefault(topic.value, topic)
    record.topics = list(unique.values())
    agreements.append(record)
    return RoundNote(record.round, topics=tuple(record.topics)) if record.round is not None else None


def _listed_under_signing(context: ArticleContext, analyses: Sequence[SentenceAnalysis], position: int) -> bool:
    """A list item under "وشهد الحوار توقيع الوثائق التالية:" is a signed document."""
    if not analyses[position].sentence.is_list_item:
        return False
    for previous in reversed(analyses[:position]):
        if previous.sentence.is_list_item:
            continue
        text = context.document.sentence_text(previous.sentence).rstrip()
        return text.endswith(":") and previous.mentions.has_cue("sign")
    return False


def _signing_round(frame: SentenceFrame, noun: Mention, past_signing: list[Mention]) -> RoundKey | None:
    """"الإعلان المشترك … الذي تم توقيعه … في الحوار الأول": the round it was signed at."""
    for cue in past_signing:
        if cue.first > noun.last:
            following = [r for r in frame.rounds if r.first > cue.last]
            if following:
                return following[0].key
    return None


def _quantity(lexicon: Lexicon, analysis: SentenceAnalysis, noun: Mention,
              value: AgreementNoun) -> Supported[int] | None:
    """How many documents a noun stands for: a dual, a count before it, or "one" after it."""
    tokens = analysis.sentence.tokens
    position = next(i for i, t in enumerate(tokens) if t.index == noun.first)
    noun_evidence = evidence(analysis.sentence, noun.start, noun.end)
    if value.count == DUAL:
        return Supported(DUAL, noun_evidence)
    counted = count_before(tokens, position, lexicon)
    if counted is not None:
        return Supported(counted, evidence(analysis.sentence, tokens[position - 1].start, noun.end))
    after = next((i for i, t in enumerate(tokens) if t.index == noun.last), None)
    if after is not None and after + 1 < len(tokens):
        reading = read_number(tokens, after + 1, lexicon)
        if reading is not None and reading.value == ONE_IN_WORDS and not reading.in_digits:
            return Supported(1, evidence(analysis.sentence, noun.start, tokens[reading.last].end))
    return None


def _scope_end(analysis: SentenceAnalysis, nouns: list[Mention], position: int) -> int:
    """An agreement's own phrase runs to the next agreement noun or the end of its clause."""
    noun = nouns[position]
    ends = [c - 1 for c in clause_starts(analysis.mentions) if c > noun.last]
    ends.append(analysis.sentence.tokens[-1].index)
    for later in nouns[position + 1 :]:
        if later.first > noun.last:
            amendment = [a for a in analysis.mentions.cues_of("amendment") if noun.last < a.first < later.first]
            ends.append((amendment[0].first if amendment else later.first) - 1)
            break
    return min(ends)


def _shared_topics(analysis: SentenceAnalysis, nouns: list[Mention], position: int) -> list[Mention]:
    """"مذكرات تفاهم وخطابات نوايا في مجالات …": coordinated nouns share the last one's phrase."""
    tokens = analysis.sentence.tokens
    index_of = {t.index: i for i, t in enumerate(tokens)}
    current = nouns[position]
    if position + 1 >= len(nouns):
        return []
    following = nouns[position + 1]
    between = tokens[index_of[current.last] + 1 : index_of[following.first]]
    joined_by_and = all(t.text in ("و", "and", ",", "،") or t.text.startswith("و") or
                        _is_several(analysis, t) for t in between) or not between
    if not joined_by_and or any(t.text in SEPARATORS for t in between):
        return []
    scope_end = _scope_end(analysis, nouns, position + 1)
    return [t for t in analysis.mentions.topics if following.last < t.first <= scope_end]


def _is_several(analysis: SentenceAnalysis, token: Token) -> bool:
    return any(m.first <= token.index <= m.last for m in analysis.mentions.cues_of("several"))
