"""Agreements: documents signed at a round, with their type, quantity and topics.

An agreement needs a signing cue (or a list under "وشهد الحوار توقيع الوثائق التالية:"); a
desire or plan to sign is not one. One re-affirmed is not new; one "signed at the first
dialogue" belongs to that round. Its topics are those of its own phrase, and they are topics
of its round too.

Its round, by the first rule that applies:
1. the round named after its own past-signing cue ("الذي وقعاه في الجولة الأولى"); a cue
   belongs to the nearest agreement before it;
2. one re-affirmed and told signed at some other occasion ("جدد الجانبان التزامهما ببيان
   النوايا الذي وقع خلال زيارة الرئيس …") belongs to no round of the article;
3. the round named before it in its sentence, else the sentence's context round — unless
   the context round is carried over and its clause gives a date that is not that round's
   ("signed in 1992", "وقعا العام الماضي"): then it belongs to no round.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date as Date

from ..lexicon import AgreementNoun, Lexicon
from ..model import AgreementRecord, RoundKey, Supported
from ..tokens import Token
from .analysis import ArticleContext, RoundNote, SentenceAnalysis, clause_starts, evidence
from .frames import SentenceFrame
from .mentions import COUNTRY, Mention
from .numbers import count_before, read_number
from .tuning import AMENDMENT_WINDOW, PREMODIFIER_WINDOW, REAFFIRM_WINDOW, SIGNED_LONG_BEFORE_MONTHS

SEPARATORS = (",", "،")
DUAL = 2  # "مذكرتا تفاهم": a dual noun counts two
ONE_IN_WORDS = 1  # "اتفاقية واحدة": one, spelled out, after the noun
MONTH_TEXT = 7  # "2021-11": a date's text that gives its month
MONTHS_PER_YEAR = 12
SIGNING_DATE_GAP = 4  # tokens between a signing verb and its date: "وقعها البلدان في عام 1992"


def sentence_agreements(context: ArticleContext, analyses: Sequence[SentenceAnalysis],
                        position: int, round_dates: Mapping[RoundKey, Sequence[str]]) -> list[AgreementRecord]:
    """The agreements signed in sentence `analyses[position]`, in text order (before merging);
    `round_dates` are the dates the article has given each round so far."""
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
        own_cues = _own_past_signing(noun, nouns, past_signing)
        signing_round = _signing_round(frame, own_cues)
        reaffirmed = any(r.last < noun.first and noun.first - r.last <= REAFFIRM_WINDOW for r in reaffirms)
        signed_elsewhere = reaffirmed and signing_round is None and bool(own_cues)
        if signing_round is None and (not signed or reaffirmed) and not signed_elsewhere:
            continue
        if signing_round is None and any(m.last < noun.first and not any(m.last < c <= noun.first for c in starts)
                                         for m in modality):
            continue  # "يرغب الجانبان في توقيع …": a wish to sign in the same clause
        if signing_round is not None:
            round_number: RoundKey | None = signing_round
        elif signed_elsewhere:
            round_number = None
        else:
            round_number = _told_round(context, analysis, noun, round_dates)
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


def _own_past_signing(noun: Mention, nouns: list[Mention], past_signing: list[Mention]) -> list[Mention]:
    """The past-signing cues of an agreement: those after it with no other agreement between
    ("الاتفاق الجديد يحل محل مذكرة التفاهم التي وقعها البلدان …": the memorandum's)."""
    return [cue for cue in past_signing if cue.first > noun.last
            and not any(noun.last < other.first < cue.first for other in nouns)]


def _signing_round(frame: SentenceFrame, own_cues: list[Mention]) -> RoundKey | None:
    """"الإعلان المشترك … الذي تم توقيعه … في الحوار الأول": the round it was signed at."""
    for cue in own_cues:
        following = [r for r in frame.rounds if r.first > cue.last]
        if following:
            return following[0].key
    return None


def _told_round(context: ArticleContext, analysis: SentenceAnalysis, noun: Mention,
                round_dates: Mapping[RoundKey, Sequence[str]]) -> RoundKey | None:
    """The round named before the agreement in its sentence, else the context round, unless
    the agreement's clause dates the signing at another time than that round's."""
    frame = analysis.frame
    if frame.explicit_round_left_of(noun.first) is not None:
        return frame.round_at(noun.first)
    key = frame.context_key
    if key is None:
        return None
    signed_on = _signing_dates(analysis, noun)
    if not signed_on:
        return key
    known = round_dates.get(key, ())
    if known:
        same_time = any(_compatible(a, b) for a in signed_on for b in known)
    else:
        same_time = context.published is None or not any(_long_before(a, context.published) for a in signed_on)
    return key if same_time else None


def _signing_dates(analysis: SentenceAnalysis, noun: Mention) -> list[str]:
    """The dates a signing is told at: right after a signing verb of the agreement's clause,
    with only filler, the signatories or the agreement itself between ("signed in 1992",
    "وقعا العام الماضي", "التي وقعها البلدان عام 1992"); not a date the document speaks of
    ("يعلن عام 2021 عاما ثقافيا", "the first since 2014")."""
    mentions = analysis.mentions
    starts = clause_starts(mentions)
    tokens = analysis.sentence.tokens
    low = max([s for s in starts if s <= noun.first], default=tokens[0].index)
    high = min([s - 1 for s in starts if s > noun.first], default=tokens[-1].index)
    between = {i for m in mentions.cues_of("filler", "joint-subject") for i in range(m.first, m.last + 1)}
    between.update(i for m in mentions.entities_of(COUNTRY) for i in range(m.first, m.last + 1))
    # the agreement's own phrase may stand between too, and does not count: "signed a
    # memorandum of understanding on energy in 1992"
    phrase = set(range(noun.first, noun.last + 1))
    phrase.update(i for t in mentions.topics if t.first > noun.last for i in range(t.first, t.last + 1))
    found = []
    for cue in mentions.cues_of("sign", "past-signing"):
        if not low <= cue.first <= high:
            continue
        for mention, value in analysis.dates:
            first = tokens[mention.first].index
            gap = range(cue.last + 1, first)
            if value is not None and first > cue.last and len(set(gap) - phrase) <= SIGNING_DATE_GAP \
                    and all(i in between or i in phrase for i in gap):
                found.append(value.text)
    return found


def _compatible(a: str, b: str) -> bool:
    """Two dates that may be the same day: "2021-11" and "2021-11-12", "2021" and "2021-11"."""
    return a.startswith(b) or b.startswith(a)


def _long_before(value: str, published: Date) -> bool:
    """Whether a date lies well before publication (a signing last year, in 1992)."""
    year = int(value[:4])
    month = int(value[5:7]) if len(value) >= MONTH_TEXT else MONTHS_PER_YEAR
    return (published.year - year) * MONTHS_PER_YEAR + published.month - month > SIGNED_LONG_BEFORE_MONTHS


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
