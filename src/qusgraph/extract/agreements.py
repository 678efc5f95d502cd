"""Agreements: documents signed at a round, with their type, quantity and topics.

An agreement needs a signing cue (or a list under "وشهد الحوار توقيع الوثائق التالية:"); a
desire or plan to sign is not one. One re-affirmed is not new; one "signed at the first
dialogue" belongs to that round, and one "الذي وقع خلال زيارة …" (signed on another occasion)
to no round of the article. An amendment is an agreement of its own; one renewed or extended
("تجديد مذكرة التفاهم", "renewed the memorandum") is signed anew. Its topics are those of
its own phrase, and they are topics of its round too. An agreement named again ("المذكرات
الثلاث", "The letter of intent concerns …") is the same agreement: what its phrase says adds
topics to it, and a record with no topic of its own merges with a known one of its round and
type.

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
from dataclasses import dataclass
from datetime import date as Date

from ..text.lexicon import AgreementNoun, Lexicon, word_list
from ..text.tokens import Token, clitic_readings
from .analysis import ArticleContext, RoundNote, SentenceAnalysis, clause_starts, evidence
from .frames import SentenceFrame
from .mentions import COUNTRY, PLACE, Mention, SentenceMentions
from .model import AgreementRecord, RoundKey, Supported
from .numbers import count_before, read_number
from .tuning import (
    AMENDMENT_WINDOW,
    NEGATED_SIGNING_GAP,
    PAST_SIGNING_WINDOW,
    PREMODIFIER_WINDOW,
    REAFFIRM_WINDOW,
    RENEWAL_GAP,
    ROUND_DAYS,
    SIGNED_LONG_BEFORE_MONTHS,
)

SEPARATORS = word_list("agreement-separator")
HYPHENS = word_list("country-hyphen")  # "U.S.-Qatar": joins two country names before a noun
DUAL = 2  # "مذكرتا تفاهم": a dual noun counts two
ONE_IN_WORDS = 1  # "اتفاقية واحدة": one, spelled out, after the noun
MONTH_TEXT = 7  # "2021-11": a date's text that gives its month
DAY_TEXT = 10  # "2021-11-12": a date's text that gives its day
MONTHS_PER_YEAR = 12
SIGNING_DATE_GAP = 4  # tokens between a signing verb and its date: "وقعها البلدان في عام 1992"

ARABIC_ARTICLE = "ال"
PARTICIPLE_ENDING = "ed"  # "signed", "concluded": an English past participle
ENGLISH_DETERMINERS = frozenset(word_list("english-determiner"))
AGREEMENT_JOINERS = frozenset(word_list("agreement-joiner"))  # "مذكرتي تفاهم واتفاقية", "an MoU and a letter"


@dataclass(frozen=True)
class AgreementReference:
    """An agreement named again without being signed again ("وتتصل المذكرات الثلاث بـ…"):
    the topics its phrase adds to the last agreement of its type."""

    type: str
    topics: tuple[Supported[str], ...]


@dataclass
class _Reading:
    """What one sentence says of its agreement nouns: the ones signed, the ones named again."""

    signed: list[AgreementRecord]
    references: list[AgreementReference]


def sentence_agreements(context: ArticleContext, analyses: Sequence[SentenceAnalysis],
                        position: int, round_dates: Mapping[RoundKey, Sequence[str]]) -> list[AgreementRecord]:
    """The agreements signed in sentence `analyses[position]`, in text order (before merging);
    `round_dates` are the dates the article has given each round so far."""
    return _read(context, analyses, position, round_dates).signed


def sentence_references(context: ArticleContext, analyses: Sequence[SentenceAnalysis],
                        position: int) -> list[AgreementReference]:
    """The agreements sentence `analyses[position]` names again, definite and unsigned:
    "وتتصل المذكرات الثلاث بالتعاون في مجالي التعليم والثقافة", "The letter of intent concerns …"."""
    return _read(context, analyses, position, {}).references


def _read(context: ArticleContext, analyses: Sequence[SentenceAnalysis], position: int,
          round_dates: Mapping[RoundKey, Sequence[str]]) -> _Reading:
    analysis = analyses[position]
    frame = analysis.frame
    mentions = analysis.mentions
    nouns = sorted(mentions.agreements, key=lambda m: m.first)
    reading = _Reading([], [])
    if not nouns:
        return reading
    past_signing = mentions.cues_of("past-signing")
    negations = mentions.cues_of("sign-negation")
    headings = mentions.cues_of("heading")
    signs = [c for c in mentions.cues_of("sign") if not _negated(c, negations)]
    # "مذكرة التفاهم التي وقعها البلدان": a signing verb in a relative clause signs its own noun only
    relative_signing = [p for p in past_signing if _relative(mentions, p)]
    signed = any(not any(p.first <= c.first and c.last <= p.last for p in relative_signing)
                 for c in signs) or _listed_under_signing(context, analyses, position)
    reaffirms = mentions.cues_of("reaffirm")
    modality = mentions.cues_of("modality")
    future_signing = [m for m in modality if any(m.first <= c.first and c.last <= m.last for c in signs)]
    amendments = mentions.cues_of("amendment")
    starts = clause_starts(mentions)
    for number, noun in enumerate(nouns):
        value: AgreementNoun = noun.value
        agreement_type = value.type
        start = noun.start
        # "تعديل اتفاقية التعاون الدفاعي، وتوقيع مذكرة تفاهم": the amendment is of the first noun only
        amendment = next((a for a in amendments if a.last < noun.first and noun.first - a.last <= AMENDMENT_WINDOW
                          and not any(a.last < n.first < noun.first for n in nouns)), None)
        if amendment is not None:
            agreement_type, start = "Agreement", amendment.start
        if any(h.last + 1 == noun.first or h.first == noun.last + 1 for h in headings):
            continue  # "وعلى صعيد الاتفاقيات، وقع …", "On the agreements front, …": a subject, no document
        if any(n.last + 1 == noun.first for n in negations) or _negated_in_clause(mentions, noun, starts, negations):
            continue  # "no agreement on energy was signed", "… while an accord was not signed"
        signing_round = _signing_round(frame, noun, nouns, past_signing, mentions.cues_of("before"))
        renewed = _renewed(mentions, noun, nouns)
        reaffirmed = not renewed and any(r.last < noun.first and noun.first - r.last <= REAFFIRM_WINDOW
                                         for r in reaffirms)
        # re-affirmed and told signed at no round named ("جددا التزامهما ببيان النوايا الذي وقع خلال
        # زيارة …", "reaffirmed the memorandum … signed in 2017"), or dated at another time than
        # the round: an agreement of no round here (one signed "today" at the round is not re-affirmed)
        earlier = signing_round is None and reaffirmed and (
            any(c.first > noun.last and not any(noun.last < n.first < c.first for n in nouns) for c in past_signing)
            or _dated_elsewhere(context, analysis, noun, round_dates))
        own_signing = any(c.first > noun.last and c.first - noun.last <= PAST_SIGNING_WINDOW
                          and not any(noun.last < n.first < c.first for n in nouns) for c in relative_signing)
        if signing_round is None and not earlier and (not (signed or renewed or own_signing) or reaffirmed):
            if amendment is None and not reaffirmed and _definite(context, analysis, noun):
                topics = _own_topics(analysis, nouns, number, amendment, reference=True)
                reading.references.append(AgreementReference(agreement_type, tuple(topics)))
            continue
        if signing_round is None and not earlier and any(
                m.last < noun.first and not any(m.last < c <= noun.first for c in starts) for m in modality):
            continue  # "يرغب الجانبان في توقيع …": a wish to sign in the same clause
        if signing_round is None and not earlier and any(
                m.first > noun.last and not any(noun.last < c <= m.first for c in starts) for m in future_signing):
            continue  # "a memorandum on energy would be signed": the signing is to come
        if signing_round is not None:
            round_number: RoundKey | None = signing_round
        elif earlier:
            round_number = None  # signed on another occasion, at no round this sentence names
        else:
            round_number = _told_round(context, analysis, noun, round_dates)
        record = AgreementRecord(agreement_type, round_number, evidence(analysis.sentence, start, noun.end))
        quantity = _quantity(context.lexicon, analysis, noun, value)
        if quantity is not None:
            record.quantity = quantity
        record.topics = _own_topics(analysis, nouns, number, amendment)
        reading.signed.append(record)
    return reading


def _own_topics(analysis: SentenceAnalysis, nouns: list[Mention], number: int,
                amendment: Mention | None, reference: bool = False) -> list[Supported[str]]:
    """The topics of an agreement's own phrase: after the noun to the end of its phrase (or
    shared with the noun it is coordinated with), and those that modify it from the left. A
    sentence that names a known agreement again without signing it is about that agreement
    ("In the joint declaration, the two governments pledged to …"): its phrase runs on to the
    next agreement noun or clause break."""
    mentions = analysis.mentions
    tokens = analysis.sentence.tokens
    noun = nouns[number]
    scope_end = _reference_scope_end(analysis, nouns, number) if reference else _scope_end(analysis, nouns, number)
    topics = [t for t in mentions.topics if noun.last < t.first <= scope_end]
    if not topics:
        topics = _shared_topics(analysis, nouns, number)
    low = amendment.last if amendment is not None else noun.first - PREMODIFIER_WINDOW
    premodifiers = [t for t in mentions.topics if low < t.first and t.last < noun.first
                    and not any(p.text in SEPARATORS for p in tokens if t.last < p.index < noun.first)]
    return [Supported(t.value, evidence(analysis.sentence, t.start, t.end)) for t in premodifiers + topics]


def _definite(context: ArticleContext, analysis: SentenceAnalysis, noun: Mention) -> bool:
    """A noun that refers to a document already known: "المذكرات", "مذكرة التفاهم" (a word with
    the article), "the memorandum", "The four memoranda"."""
    tokens = analysis.sentence.tokens
    index_of = {t.index: i for i, t in enumerate(tokens)}
    first, last = index_of[noun.first], index_of[noun.last]
    if context.lang == "ar":
        return any(r.startswith(ARABIC_ARTICLE) for t in tokens[first : last + 1] for r in clitic_readings(t.text))
    before = first - 1
    if before > 0 and (tokens[before].text[:1].isdigit() or context.lexicon.numbers.matches_at(tokens, before)
                       or context.lexicon.ordinals.matches_at(tokens, before)):
        before -= 1  # "the four memoranda", "the first MoU"
    return before >= 0 and tokens[before].text.lower() in ENGLISH_DETERMINERS


def add_agreement(agreements: list[AgreementRecord], record: AgreementRecord) -> RoundNote | None:
    """Add `record` to the article's `agreements`: one record per (round, type, primary topic),
    where a record with no topic, or with topics all of a known one's, is the known one of its
    round and type ("وقع المذكرة", "the arrangement", "الاتفاقية الثانية" of three on those
    topics); later mentions add their topics to the first. The note gives the round the
    topics that are new to it."""
    for existing in agreements:
        same = (existing.round, existing.type) == (record.round, record.type)
        within = {t.value for t in record.topics} <= {t.value for t in existing.topics}
        if same and (existing.primary_topic == record.primary_topic or record.primary_topic is None
                     or existing.primary_topic is None or within):
            if existing.quantity is None:
                existing.quantity = record.quantity
            return _add_topics(existing, record.topics)
    unique: dict[str, Supported[str]] = {}
    for topic in record.topics:
        unique.setdefault(topic.value, topic)
    record.topics = list(unique.values())
    agreements.append(record)
    return RoundNote(record.round, topics=tuple(record.topics)) if record.round is not None else None


def refer_back(agreements: list[AgreementRecord], reference: AgreementReference) -> RoundNote | None:
    """Give the last known agreement of the reference's type the topics the reference adds;
    a reference to no known agreement adds nothing, and neither does one whose topics are
    not that agreement's ("the memorandum on X" is not the memorandum on Y named before)."""
    existing = next((a for a in reversed(agreements) if a.type == reference.type), None)
    if existing is None:
        return None
    if existing.topics and not {t.value for t in existing.topics} & {t.value for t in reference.topics}:
        return None
    return _add_topics(existing, reference.topics)


def _add_topics(record: AgreementRecord, topics: Sequence[Supported[str]]) -> RoundNote | None:
    known = {t.value for t in record.topics}
    added: list[Supported[str]] = []
    for topic in topics:
        if topic.value not in known:
            known.add(topic.value)
            added.append(topic)
    record.topics.extend(added)
    return RoundNote(record.round, topics=tuple(added)) if record.round is not None and added else None


def _negated(cue: Mention, negations: Sequence[Mention]) -> bool:
    """A signing verb with a negation right before it: "لم توقع", "دون أن يوقعاها", "not signed"."""
    return any(n.last < cue.first and cue.first - n.last - 1 <= NEGATED_SIGNING_GAP for n in negations)


def _negated_in_clause(mentions: SentenceMentions, noun: Mention, starts: Sequence[int],
                       negations: Sequence[Mention]) -> bool:
    """Whether the noun's clause signs only with negated verbs: "…, while an accord was not signed"."""
    low = max([s for s in starts if s <= noun.first], default=None)
    high = min([s for s in starts if s > noun.first], default=None)
    own = [c for c in mentions.cues_of("sign") if (low is None or c.first >= low) and (high is None or c.first < high)]
    return bool(own) and all(_negated(c, negations) for c in own)


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


def _signing_round(frame: SentenceFrame, noun: Mention, nouns: list[Mention],
                   past_signing: list[Mention], befores: list[Mention]) -> RoundKey | None:
    """"الإعلان المشترك … الذي تم توقيعه … في الحوار الأول": the round it was signed at (the
    cue is the noun's own, with no other agreement noun between); not a round it was signed
    before ("signed in Doha … before the first round convened")."""
    for cue in past_signing:
        if cue.first > noun.last and not any(noun.last < n.first < cue.first for n in nouns):
            following = [r for r in frame.rounds if r.first > cue.last
                         and not any(cue.last < b.first < r.first for b in befores)]
            if following:
                return following[0].key
    return None


def _renewed(mentions: SentenceMentions, noun: Mention, nouns: list[Mention]) -> bool:
    """"تجديد مذكرة التفاهم", "renewed the memorandum", "extension of the agreement": a renewal
    cue whose object is the noun (no other cue or agreement noun between them, as in "جدد
    الجانبان التزامهما بـ…", "renewed their commitment to …", which re-affirm)."""
    between_cues = [c for c in mentions.cues if c.value.cue in ("reaffirm", "commitment")]
    starts = clause_starts(mentions)
    # the noun's own modifiers do not count: "renewed the U.S.-Qatar Defense Cooperation Agreement"
    modifiers = {i for m in [*mentions.topics, *mentions.entities_of(COUNTRY)] for i in range(m.first, m.last + 1)}
    modifiers.update(t.index for t in mentions.sentence.tokens if t.text in HYPHENS)
    return any(r.last < noun.first and len(set(range(r.last + 1, noun.first)) - modifiers) <= RENEWAL_GAP
               and not any(r.last < c.first < noun.first for c in between_cues)
               and not any(r.last < n.first < noun.first for n in nouns)
               # "الاتفاق الجديد … ويمدد العمل بالترتيبات": another document renews, it is the new one
               and not any(n.last < r.first and not any(n.last < c <= r.first for c in starts) for n in nouns)
               for r in mentions.cues_of("renewal"))


def _relative(mentions: SentenceMentions, cue: Mention) -> bool:
    """A past-signing cue that is a relative clause: "الذي وقع", "that was signed"."""
    return any(r.first == cue.first or r.last == cue.first - 1 for r in mentions.cues_of("relative"))


def _told_round(context: ArticleContext, analysis: SentenceAnalysis, noun: Mention,
                round_dates: Mapping[RoundKey, Sequence[str]]) -> RoundKey | None:
    """The round named before the agreement in its sentence, else the context round, unless
    the agreement's clause dates the signing at another time than that round's."""
    frame = analysis.frame
    if frame.explicit_round_left_of(noun.first) is not None:
        return frame.round_at(noun.first)
    key = frame.context_key
    if key is None or _dated_elsewhere(context, analysis, noun, round_dates):
        return None
    return key


def _dated_elsewhere(context: ArticleContext, analysis: SentenceAnalysis, noun: Mention,
                     round_dates: Mapping[RoundKey, Sequence[str]]) -> bool:
    """Whether the agreement's clause dates its signing at another time than the sentence's
    round: a date not that round's, or, the round's date unknown, one long before publication."""
    key = analysis.frame.context_key
    return dated_apart(_signing_dates(analysis, noun), round_dates.get(key, ()) if key is not None else (),
                       context.published)


def dated_apart(told: Sequence[str], known: Sequence[str], published: Date | None) -> bool:
    """Whether an event told at the dates `told` lies apart from a round dated `known`: none of
    them may be that round's day, or, the round's date unknown, one lies long before publication."""
    if told and known:
        return not any(_compatible(a, b) for a in told for b in known)
    return published is not None and any(_long_before(a, published) for a in told)


def _signing_dates(analysis: SentenceAnalysis, noun: Mention) -> list[str]:
    """The dates a signing is told at: right before the noun ("the July 2017 memorandum"), or
    right after a signing verb of the agreement's clause, with only filler, the signatories or
    the agreement itself between ("signed in 1992",
    "وقعا العام الماضي", "التي وقعها البلدان عام 1992"); not a date the document speaks of
    ("يعلن عام 2021 عاما ثقافيا", "the first since 2014")."""
    mentions = analysis.mentions
    starts = clause_starts(mentions)
    tokens = analysis.sentence.tokens
    low = max([s for s in starts if s <= noun.first], default=tokens[0].index)
    high = min([s - 1 for s in starts if s > noun.first], default=tokens[-1].index)
    between = {i for m in mentions.cues_of("filler", "joint-subject") for i in range(m.first, m.last + 1)}
    # … and where it was signed: "signed in Doha in July 2017", "وقعت في الدوحة عام 2017"
    between.update(i for kind in (COUNTRY, PLACE) for m in mentions.entities_of(kind)
                   for i in range(m.first, m.last + 1))
    # the agreement's own phrase may stand between too, and does not count: "signed a
    # memorandum of understanding on energy in 1992"
    phrase = set(range(noun.first, noun.last + 1))
    phrase.update(i for t in mentions.topics if t.first > noun.last for i in range(t.first, t.last + 1))
    # "The July 2017 memorandum": a date right before the noun is the date it was signed
    found = [value.text for mention, value in analysis.dates
             if value is not None and tokens[mention.last].index + 1 == noun.first]
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


def _compatible(signed: str, held: str) -> bool:
    """Whether a signing date may fall within a round held on `held`: the same day at the
    precision both give ("2021-11" and "2021-11-12"), or a day of the round's days that follow
    its first ("the closing day", the day after the opening)."""
    if signed.startswith(held) or held.startswith(signed):
        return True
    if len(signed) != DAY_TEXT or len(held) != DAY_TEXT:
        return False
    days = (Date.fromisoformat(signed) - Date.fromisoformat(held)).days
    return 0 <= days < ROUND_DAYS


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


def _reference_scope_end(analysis: SentenceAnalysis, nouns: list[Mention], position: int) -> int:
    noun = nouns[position]
    ends = [c.first - 1 for c in analysis.mentions.cues_of("clause-break") if c.first > noun.last]
    ends += [later.first - 1 for later in nouns[position + 1 :] if later.first > noun.last]
    return min([*ends, analysis.sentence.tokens[-1].index])


def _scope_end(analysis: SentenceAnalysis, nouns: list[Mention], position: int) -> int:
    """An agreement's own phrase runs to the next agreement noun or the end of its clause; an
    English participle right after the noun and a comma is the noun's own ("The letter of
    intent, signed between …, concerns …"), no new clause."""
    noun = nouns[position]
    tokens = analysis.sentence.tokens
    index_of = {t.index: i for i, t in enumerate(tokens)}
    after = index_of.get(noun.last, len(tokens)) + 1
    apposition = None
    if after + 1 < len(tokens) and tokens[after].text in SEPARATORS:
        word = tokens[after + 1].text
        if word.isascii() and word.endswith(PARTICIPLE_ENDING):
            apposition = tokens[after + 1].index
    ends = [c - 1 for c in clause_starts(analysis.mentions) if c > noun.last and c != apposition]
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
    joined_by_and = all(t.text in AGREEMENT_JOINERS or t.text.startswith("و") or
                        _is_several(analysis, t) for t in between) or not between
    if not joined_by_and or any(t.text in SEPARATORS for t in between):
        return []
    scope_end = _scope_end(analysis, nouns, position + 1)
    return [t for t in analysis.mentions.topics if following.last < t.first <= scope_end]


def _is_several(analysis: SentenceAnalysis, token: Token) -> bool:
    return any(m.first <= token.index <= m.last for m in analysis.mentions.cues_of("several"))
