"""Stage 5: facts — typed records built from the mentions and frames of every sentence.

The rules, each general to the genre rather than to one article:

* Officials are the people named (gazetteer or pattern) with their posts; a person's
  country comes from the gazetteer, else from a nationality marker of a post, else from
  "عن الجانب القطري" (the side they act for), else from the agency that wrote the article.
* A round's place and date are read inside an event frame (see frames.py), or right
  after the round's name ("منذ الجولة الأولى في واشنطن"); the dialogue's launch date
  ("انطلق الحوار في يناير 2018") is the first round's date.
* Chairs are the people named with a chair cue (برئاسة، ترأس، co-chaired), except the
  chairs of a session other than the opening one.
* Topics belong to a round when a sentence names that round, or talks about the round
  in context with an agenda cue (ناقش، جدول أعمال، discussed), a joint subject
  (الجانبان، both sides), or in the words of one of the round's chairs. A spokesman's
  commentary is not the round's agenda. Topics of an agreement are those of its own
  phrase, and they are topics of its round too.
* Agreements need a signing cue; a desire or plan to sign is not one; one re-affirmed
  belongs to the round where it was signed, and is not new.
* Commitments are amounts of money with a commitment cue; their party is the country
  that pledges, and their round is the one the sentence is about unless the sentence is
  commentary.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from ..lexicon import AgreementNoun, CountryForm, Entity, Lexicon
from ..model import (
    AgreementRecord,
    ArticleFacts,
    CalendarValue,
    CommitmentRecord,
    Evidence,
    OfficialRecord,
    SentenceRecord,
    Supported,
)
from ..normalize import normalize
from ..segment import Document, Sentence
from ..tokens import Token
from .dates import DateMention, find_dates, resolve
from .frames import FrameReader, SentenceFrame
from .mentions import COUNTRY, ORGANIZATION, PLACE, Mention, SentenceMentions, find_mentions
from .numbers import Amount, Duration, count_before, find_amounts, find_durations, read_number
from .people import (
    NameMention,
    PeopleRegistry,
    Person,
    PersonReference,
    PostMention,
    find_names,
    find_posts,
)

INCEPTION_MIN_AGE = timedelta(days=300)
PARTY_WINDOW = 3  # words between a commitment cue and the country that pledges
SUBJECT_WINDOW = 3  # a sentence's subject stands within its first words: "كما أعلنت دولة قطر"
JOINT_SUBJECT_WINDOW = 6  # "The United States and the State of Qatar …"
QUANTITY_ONE = 1


@dataclass
class SentenceAnalysis:
    """Everything found in one sentence; printed by `qusgraph explain --debug`."""

    sentence: Sentence
    mentions: SentenceMentions
    dates: list[tuple[DateMention, CalendarValue | None]] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    durations: list[Duration] = field(default_factory=list)
    names: list[NameMention] = field(default_factory=list)
    posts: list[PostMention] = field(default_factory=list)
    people: list[PersonReference] = field(default_factory=list)
    frame: SentenceFrame | None = None
    speaker: Person | None = None
    commentary: bool = False


@dataclass
class Following:
    """What stands right after a round's name: "منذ الجولة الأولى في واشنطن"."""

    date: Supported[CalendarValue] | None = None
    place: Supported[str] | None = None


@dataclass
class Extraction:
    """The stages of one article's extraction and the facts it yields."""

    document: Document
    sentences: list[SentenceAnalysis]
    facts: ArticleFacts


def _evidence(sentence: Sentence, start: int, end: int) -> Evidence:
    return Evidence(sentence.index, start, end)


def _span_of(tokens: Sequence[Token], first: int, last: int) -> tuple[int, int]:
    return tokens[first].start, tokens[last].end


class ArticleExtractor:
    """Extracts the facts of one segmented article."""

    def __init__(self, document: Document, lexicon: Lexicon) -> None:
        self.document = document
        self.lexicon = lexicon
        self.lang = document.lang
        self.published = document.article.published
        self.registry = PeopleRegistry(lexicon)
        self.analyses: list[SentenceAnalysis] = []
        self.facts = ArticleFacts(document.article, document.lang)
        self.home_country = self._home_country()
        self._post_markers: set[int] = set()  # tokens allowed between a name and its post
        self._name_markers: set[int] = set()  # tokens allowed between a post and its name

    # ----------------------------------------------------------------- driver
    def run(self) -> Extraction:
        reader = FrameReader(self.document, self.lexicon)
        for sentence in self.document.sentences:
            analysis = self._analyse(sentence)
            date_spans = [(analysis.sentence.tokens[d.first].index, analysis.sentence.tokens[d.last].index)
                          for d, _ in analysis.dates]
            analysis.frame = reader.read(analysis.mentions, date_spans)
            self.analyses.append(analysis)
        self._people()
        chairs = self._chairs()
        self._commentary(chairs)
        for analysis in self.analyses:
            self._rounds(analysis)
            if not analysis.sentence.is_title:
                self._agreements(analysis)
                self._commitments(analysis)
                self._round_topics(analysis)
        self._dialogue()
        self._officials()
        self._sentences()
        return Extraction(self.document, self.analyses, self.facts)

    def _analyse(self, sentence: Sentence) -> SentenceAnalysis:
        mentions = find_mentions(sentence, self.lexicon)
        tokens = sentence.tokens
        analysis = SentenceAnalysis(sentence, mentions)
        future = mentions.has_cue("future")
        for mention in find_dates(tokens, self.lexicon):
            analysis.dates.append((mention, resolve(mention, self.published, future)))
        analysis.amounts = find_amounts(tokens, self.lexicon)
        analysis.durations = find_durations(tokens, self.lexicon)
        analysis.names = find_names(self.document, sentence, mentions, self.lexicon)
        blocked = {i for n in analysis.names for i in range(n.first, n.last + 1)}
        analysis.posts = find_posts(self.document, sentence, mentions, blocked, self.lexicon)
        # "وزير الدولة لشؤون الطاقة" names a post, not the topic energy
        mentions.topics = [t for t in mentions.topics
                           if not any(p.first <= t.first and t.last <= p.last for p in analysis.posts)]
        return analysis

    def _home_country(self) -> str | None:
        """The country of the news agency that wrote the article (its dateline or source)."""
        article = self.document.article
        spans = [self.document.dateline] if self.document.dateline else []
        first_body = next((s for s in self.document.sentences if not s.is_title), None)
        if first_body is not None:
            spans.append((first_body.start, first_body.end))
        from ..tokens import tokenize

        for start, end in spans:
            tokens = tokenize(article.text[start:end], offset=start)
            for position in range(len(tokens)):
                for match in self.lexicon.entity_forms.matches_at(tokens, position):
                    entity = match.payload
                    if entity.kind == "organization" and entity.subkind == "news-agency":
                        return entity.country
        return None

    # ----------------------------------------------------------------- people
    def _people(self) -> None:
        for analysis in self.analyses:
            sentence = analysis.sentence
            tokens = sentence.tokens
            self._post_markers = {i for m in analysis.mentions.entities_of(COUNTRY) for i in range(m.first, m.last + 1)}
            self._name_markers = {i for m in analysis.mentions.honorifics for i in range(m.first, m.last + 1)}
            sides = self._side_countries(analysis)
            for name in analysis.names:
                person = self.registry.resolve(name, self.lang)
                if person is None:
                    continue
                reference = PersonReference(person, name.first, name.last, name.start, name.end)
                analysis.people.append(reference)
                person.mentions.append((sentence.index, name.start, name.end))
                post = self._post_of(name, analysis.posts, tokens)
                if post is not None:
                    for text in post.posts:
                        person.posts.append((text, sentence.index))
                    if person.country is None and post.country is not None:
                        person.country, person.country_source = post.country, "post"
                side = [iso for iso, end in sides if end < name.first]
                if person.country is None and side:
                    person.country, person.country_source = side[-1], "side"
            self._post_anaphora(analysis)

    def _side_countries(self, analysis: SentenceAnalysis) -> list[tuple[str, int]]:
        """"عن الجانب القطري … وعن الجانب الأمريكي": each side's country and where its phrase ends."""
        sides = []
        for cue in sorted(analysis.mentions.cues_of("side"), key=lambda m: m.first):
            for entity in analysis.mentions.entities_of(COUNTRY):
                if entity.first == cue.last + 1:
                    form: CountryForm = entity.value
                    sides.append((form.iso, entity.last))
        return sides

    def _post_of(self, name: NameMention, posts: list[PostMention], tokens: Sequence[Token]) -> PostMention | None:
        """The post stated next to a name: after it ("X، وزير …"), or before it ("Secretary X")."""
        index_of = {t.index: i for i, t in enumerate(tokens)}

        def gap(a: int, b: int) -> list[Token] | None:
            if a not in index_of or b not in index_of:
                return None
            return list(tokens[index_of[a] + 1 : index_of[b]])

        def only(between: list[Token] | None, allowed: set[int]) -> bool:
            return between is not None and all(t.text in (",", "،") or t.index in allowed for t in between)

        after = [p for p in posts if p.first > name.last and not p.coordinated
                 and only(gap(name.last, p.first), self._post_markers)]
        before = [p for p in posts if p.last < name.first and only(gap(p.last, name.first), self._name_markers)]
        tight_before = [p for p in before if gap(p.last, name.first) == []]
        ordered = (tight_before + after + before) if self.lang == "en" else (after + before)
        return ordered[0] if ordered else None

    def _post_anaphora(self, analysis: SentenceAnalysis) -> None:
        """"سعادة وزير الخارجية", "الوزير الأمريكي": a post standing for a person named earlier."""
        named = {i for ref in analysis.people for i in range(ref.first, ref.last + 1)}
        for post in analysis.posts:
            if any(post.first <= i <= post.last for i in named) or not post.posts:
                continue
            if any(self._post_of(n, [post], analysis.sentence.tokens) is post for n in analysis.names):
                continue
            wanted = {p.text for p in post.posts}
            for person in reversed(self.registry.people):
                stated = {text.text for text, _ in person.posts}
                if wanted & stated or (post.country and post.country == person.country and wanted <= {
                        t for t in stated}):
                    analysis.people.append(PersonReference(person, post.first, post.last, post.start, post.end))
                    break

    # ----------------------------------------------------------------- chairs and commentary
    def _chairs(self) -> dict[int, set[str]]:
        """Chairs per round, recorded as facts; returns {round: {person id}}."""
        chairs: dict[int, set[str]] = {}
        previous_people: list[Person] = []
        for analysis in self.analyses:
            frame = analysis.frame
            assert frame is not None
            mentions = analysis.mentions
            cues = sorted(mentions.cues_of("chair", "chair-by-pronoun"), key=lambda m: m.first)
            excluded_by_session = False
            for cue in cues:
                clause_end = self._clause_end(analysis, cue.last)
                starts = [s for s in clause_starts(mentions) if s <= cue.first]
                clause_start = starts[-1] if starts else analysis.sentence.tokens[0].index
                sessions = [m for m in mentions.cues_of("session") if clause_start <= m.first <= clause_end]
                if sessions:
                    opening = any(clause_start <= m.first <= clause_end for m in mentions.cues_of("opening"))
                    excluded_by_session = not opening
                if excluded_by_session:
                    continue
                people = self._chair_people(analysis, cue, clause_end, previous_people)
                round_number = frame.round_at(cue.first)
                if round_number is None:
                    continue
                record = self.facts.round(round_number)
                for reference in people:
                    record.chairs.append(Supported(reference.person.id,
                                                   _evidence(analysis.sentence, reference.start, reference.end)))
                    chairs.setdefault(round_number, set()).add(reference.person.id)
            if analysis.people:
                previous_people = [r.person for r in analysis.people]
        return chairs

    def _clause_end(self, analysis: SentenceAnalysis, after: int) -> int:
        breaks = [m.first for m in analysis.mentions.cues_of("clause-break", "chair") if m.first > after]
        tokens = analysis.sentence.tokens
        return (min(breaks) - 1) if breaks else tokens[-1].index

    def _chair_people(self, analysis: SentenceAnalysis, cue: Mention, clause_end: int,
                      previous_people: list[Person]) -> list[PersonReference]:
        """Who a chair cue names: after it ("برئاسة X و Y", "chaired by"), else before it."""
        before = _unique([r for r in analysis.people if r.last < cue.first])
        if cue.value.cue == "chair-by-pronoun":
            seen = {r.person.id for r in before}
            for person in reversed(previous_people):
                if len(before) >= 2:
                    break
                if person.id not in seen:
                    seen.add(person.id)
                    before.append(PersonReference(person, cue.first, cue.last, cue.start, cue.end))
            return before
        after = _unique([r for r in analysis.people if cue.last < r.first <= clause_end])
        form = self.document.text_of(cue.start, cue.end).lower()
        tokens = analysis.sentence.tokens
        position = next((i for i, t in enumerate(tokens) if t.index == cue.last), len(tokens))
        by_follows = position + 1 < len(tokens) and tokens[position + 1].text == "by"
        names_follow = self.lang == "ar" or form.endswith(" by") or by_follows or "delegation" in form
        if after and names_follow:
            return after
        return before if self.lang == "en" else after

    def _commentary(self, chairs: dict[int, set[str]]) -> None:
        """Mark sentences that are one official's commentary rather than the round's record."""
        previous: Person | None = None
        for analysis in self.analyses:
            mentions = analysis.mentions
            speech = mentions.cues_of("speech")
            if not speech or self._joint_subject_speaks(analysis, speech):
                previous = None
                continue
            speaker = self._speaker(analysis, speech, previous)
            previous = speaker
            if speaker is None:
                continue
            analysis.speaker = speaker
            frame = analysis.frame
            round_number = frame.context_round if frame is not None else None
            analysis.commentary = speaker.id not in chairs.get(round_number or -1, set())

    @staticmethod
    def _joint_subject_speaks(analysis: SentenceAnalysis, speech: list[Mention]) -> bool:
        """"وأكد الطرفان", "Both sides reaffirmed": the sides, not one official, are speaking."""
        joint = analysis.mentions.cues_of("joint-subject")
        return any(0 < j.first - s.last <= 2 or 0 < s.first - j.last <= 2 for j in joint for s in speech)

    def _speaker(self, analysis: SentenceAnalysis, speech: list[Mention], previous: Person | None) -> Person | None:
        """The official who speaks: the one named nearest the speech verb, or the last speaker."""
        if analysis.people:
            return min(((abs(r.first - s.first), r.person) for r in analysis.people for s in speech),
                       key=lambda pair: pair[0])[1]
        start = analysis.sentence.tokens[0].index if analysis.sentence.tokens else 0
        if previous is not None and any(s.first - start <= 2 for s in speech):
            return previous  # "كما أشار إلى أن …": the same speaker goes on
        return None

    # ----------------------------------------------------------------- rounds
    def _rounds(self, analysis: SentenceAnalysis) -> None:
        frame = analysis.frame
        assert frame is not None
        sentence = analysis.sentence
        for mention in frame.rounds:
            self.facts.round(mention.ordinal).mentions.append(_evidence(sentence, mention.start, mention.end))
        for event in frame.events:
            date = self._first_date(analysis, event.span_first, event.span_last)
            place = self._first_place(analysis, event.span_first, event.span_last)
            record = self.facts.round(event.round)
            if date is not None:
                record.dates.append(date)
            if place is not None:
                record.places.append(place)
        framed = {e.round for e in frame.events}
        for mention in frame.rounds:
            if mention.ordinal in framed:
                continue
            following = self._immediate(analysis, mention.last)
            record = self.facts.round(mention.ordinal)
            if following.date is not None:
                record.dates.append(following.date)
            if following.place is not None:
                record.places.append(following.place)
        for first, last in frame.inception_dates:
            date = self._first_date(analysis, first, last)
            if date is None or self.published is None:
                continue
            # Launched long ago: the first round. Launched yesterday: the round in the news.
            launched = 1 if self._older_than(date.value, INCEPTION_MIN_AGE) else frame.context_round
            if launched is None:
                continue
            record = self.facts.round(launched)
            record.dates.append(date)
            place = self._first_place(analysis, first, last)
            if place is not None:
                record.places.append(place)

    def _older_than(self, value: CalendarValue, age: timedelta) -> bool:
        assert self.published is not None
        year = int(value.text[:4])
        month = int(value.text[5:7]) if len(value.text) >= 7 else 12
        return (self.published.year - year) * 12 + (self.published.month - month) > age.days / 30

    def _first_date(self, analysis: SentenceAnalysis, first: int, last: int) -> Supported[CalendarValue] | None:
        tokens = analysis.sentence.tokens
        for mention, value in analysis.dates:
            if value is None:
                continue
            if first <= tokens[mention.first].index and tokens[mention.last].index <= last:
                start, end = _span_of(tokens, mention.first, mention.last)
                return Supported(value, _evidence(analysis.sentence, start, end))
        return None

    def _first_place(self, analysis: SentenceAnalysis, first: int, last: int) -> Supported[str] | None:
        for entity in analysis.mentions.entities_of(PLACE):
            place: Entity = entity.value
            if first <= entity.first and entity.last <= last and place.subkind == "city":
                return Supported(place.key, _evidence(analysis.sentence, entity.start, entity.end))
        return None

    def _immediate(self, analysis: SentenceAnalysis, after: int) -> Following:
        """The date and place right after a round's name, with only filler words between."""
        tokens = analysis.sentence.tokens
        index_of = {t.index: i for i, t in enumerate(tokens)}
        filler = {i for m in analysis.mentions.cues_of("filler", "dialogue-noun", "dialogue-anaphor")
                  for i in range(m.first, m.last + 1)}
        filler.update(i for m in analysis.mentions.entities_of(COUNTRY) for i in range(m.first, m.last + 1))
        dates = {mention.first: (mention, value) for mention, value in analysis.dates if value is not None}
        places = {m.first: m for m in analysis.mentions.entities_of(PLACE) if m.value.subkind == "city"}
        found = Following()
        position = index_of.get(after, len(tokens)) + 1
        while position < len(tokens):
            token = tokens[position]
            if position in dates and found.date is None:
                mention, value = dates[position]
                start, end = _span_of(tokens, mention.first, mention.last)
                found.date = Supported(value, _evidence(analysis.sentence, start, end))
                position = mention.last + 1
                continue
            if token.index in places and found.place is None:
                place = places[token.index]
                found.place = Supported(place.value.key, _evidence(analysis.sentence, place.start, place.end))
                position = place.last - tokens[0].index + 1
                continue
            if token.index in filler or token.text in (",", "،"):
                position += 1
                continue
            break
        return found

    # ----------------------------------------------------------------- topics
    def _round_topics(self, analysis: SentenceAnalysis) -> None:
        frame = analysis.frame
        assert frame is not None
        mentions = analysis.mentions
        agenda = mentions.has_cue("agenda")
        joint = mentions.has_cue("joint-subject") or self._party_is_subject(analysis)
        chair_voice = analysis.speaker is not None and not analysis.commentary
        breaks = [m.first for m in mentions.cues_of("clause-break")]
        for topic in mentions.topics:
            explicit = frame.explicit_round_left_of(topic.first, breaks)
            if explicit is not None and (not analysis.commentary or agenda):
                round_number: int | None = explicit
            elif agenda or (not analysis.commentary and (joint or chair_voice)):
                round_number = frame.round_at(topic.first)
            else:
                round_number = None
            if round_number is None:
                continue
            self.facts.round(round_number).topics.append(
                Supported(topic.value, _evidence(analysis.sentence, topic.start, topic.end)))

    def _party_is_subject(self, analysis: SentenceAnalysis) -> bool:
        """A party of the dialogue acts as a side: "The United States welcomed …", "وأكدت دولة
        قطر …" (a statement), or both parties together: "The United States and Qatar reaffirmed …"."""
        tokens = analysis.sentence.tokens
        if not tokens or analysis.sentence.is_title:
            return False
        start = tokens[0].index
        subjects = {c.value.iso for c in analysis.mentions.entities_of(COUNTRY)
                    if c.value.kind == "name" and c.first - start <= JOINT_SUBJECT_WINDOW}
        if len(subjects) >= 2:
            return True
        return analysis.mentions.has_cue("speech") and any(
            c.value.kind == "name" and c.first - start <= SUBJECT_WINDOW
            for c in analysis.mentions.entities_of(COUNTRY))

    # ----------------------------------------------------------------- agreements
    def _agreements(self, analysis: SentenceAnalysis) -> None:
        frame = analysis.frame
        assert frame is not None
        mentions = analysis.mentions
        nouns = sorted(mentions.agreements, key=lambda m: m.first)
        if not nouns:
            return
        signed = mentions.has_cue("sign") or self._listed_under_signing(analysis)
        past_signing = mentions.cues_of("past-signing")
        reaffirms = mentions.cues_of("reaffirm")
        modality = mentions.cues_of("modality")
        amendments = mentions.cues_of("amendment")
        tokens = analysis.sentence.tokens
        starts = clause_starts(mentions)
        skip: set[int] = set()
        for position, noun in enumerate(nouns):
            if noun.first in skip:
                continue
            value: AgreementNoun = noun.value
            agreement_type = value.type
            start = noun.start
            amendment = next((a for a in amendments if a.last < noun.first and noun.first - a.last <= 6), None)
            if amendment is not None:
                agreement_type, start = "Agreement", amendment.start
            signing_round = self._signing_round(frame, noun, past_signing)
            reaffirmed = any(r.last < noun.first and noun.first - r.last <= 3 for r in reaffirms)
            if signing_round is None and (not signed or reaffirmed):
                continue
            if signing_round is None and any(m.last < noun.first and not any(m.last < c <= noun.first for c in starts)
                                             for m in modality):
                continue
            round_number = signing_round if signing_round is not None else frame.round_at(noun.first)
            record = AgreementRecord(agreement_type, round_number, _evidence(analysis.sentence, start, noun.end))
            quantity = self._quantity(analysis, noun, value)
            if quantity is not None:
                record.quantity = quantity
            scope_end = self._agreement_scope_end(analysis, nouns, position)
            topics = [t for t in mentions.topics if noun.last < t.first <= scope_end]
            if not topics:
                topics = self._shared_topics(analysis, nouns, position)
            record.topics = [Supported(t.value, _evidence(analysis.sentence, t.start, t.end)) for t in topics]
            low = amendment.last if amendment is not None else noun.first - 4
            premodifiers = [t for t in mentions.topics if low < t.first and t.last < noun.first
                            and not any(p.text in (",", "،") for p in tokens if t.last < p.index < noun.first)]
            record.topics = [Supported(t.value, _evidence(analysis.sentence, t.start, t.end))
                             for t in premodifiers] + record.topics
            self._add_agreement(record)

    def _listed_under_signing(self, analysis: SentenceAnalysis) -> bool:
        """A list item under "وشهد الحوار توقيع الوثائق التالية:" is a signed document."""
        if not analysis.sentence.is_list_item:
            return False
        for previous in reversed(self.analyses[: self.analyses.index(analysis)]):
            if previous.sentence.is_list_item:
                continue
            text = self.document.sentence_text(previous.sentence).rstrip()
            return text.endswith(":") and previous.mentions.has_cue("sign")
        return False

    def _signing_round(self, frame: SentenceFrame, noun: Mention, past_signing: list[Mention]) -> int | None:
        """"الإعلان المشترك … الذي تم توقيعه … في الحوار الأول": the round it was signed at."""
        for cue in past_signing:
            if cue.first > noun.last:
                following = [r for r in frame.rounds if r.first > cue.last]
                if following:
                    return following[0].ordinal
        return None

    def _quantity(self, analysis: SentenceAnalysis, noun: Mention, value: AgreementNoun) -> Supported[int] | None:
        tokens = analysis.sentence.tokens
        position = next(i for i, t in enumerate(tokens) if t.index == noun.first)
        evidence = _evidence(analysis.sentence, noun.start, noun.end)
        if value.count == 2:
            return Supported(2, evidence)
        counted = count_before(tokens, position, self.lexicon)
        if counted is not None:
            return Supported(counted, _evidence(analysis.sentence, tokens[position - 1].start, noun.end))
        after = next((i for i, t in enumerate(tokens) if t.index == noun.last), None)
        if after is not None and after + 1 < len(tokens):
            reading = read_number(tokens, after + 1, self.lexicon)
            if reading is not None and reading.value == QUANTITY_ONE and not reading.in_digits:
                return Supported(1, _evidence(analysis.sentence, noun.start, tokens[reading.last].end))
        return None

    def _agreement_scope_end(self, analysis: SentenceAnalysis, nouns: list[Mention], position: int) -> int:
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

    def _shared_topics(self, analysis: SentenceAnalysis, nouns: list[Mention], position: int) -> list[Mention]:
        """"مذكرات تفاهم وخطابات نوايا في مجالات …": coordinated nouns share the last one's phrase."""
        tokens = analysis.sentence.tokens
        index_of = {t.index: i for i, t in enumerate(tokens)}
        current = nouns[position]
        if position + 1 >= len(nouns):
            return []
        following = nouns[position + 1]
        between = tokens[index_of[current.last] + 1 : index_of[following.first]]
        joined_by_and = all(t.text in ("و", "and", ",", "،") or t.text.startswith("و") or
                            self._is_several(analysis, t) for t in between) or not between
        if not joined_by_and or any(t.text in (",", "،") for t in between):
            return []
        scope_end = self._agreement_scope_end(analysis, nouns, position + 1)
        return [t for t in analysis.mentions.topics if following.last < t.first <= scope_end]

    def _is_several(self, analysis: SentenceAnalysis, token: Token) -> bool:
        return any(m.first <= token.index <= m.last for m in analysis.mentions.cues_of("several"))

    def _add_agreement(self, record: AgreementRecord) -> None:
        """One record per (round, type, primary topic): later mentions add their topics."""
        for existing in self.facts.agreements:
            same = (existing.round, existing.type) == (record.round, record.type)
            if same and (existing.primary_topic == record.primary_topic or record.primary_topic is None
                         and existing.primary_topic is None):
                known = {t.value for t in existing.topics}
                existing.topics.extend(t for t in record.topics if t.value not in known)
                if existing.quantity is None:
                    existing.quantity = record.quantity
                return
        unique: dict[str, Supported[str]] = {}
        for topic in record.topics:
            unique.setdefault(topic.value, topic)
        record.topics = list(unique.values())
        self.facts.agreements.append(record)
        if record.round is not None:
            round_record = self.facts.round(record.round)
            round_record.topics.extend(record.topics)

    # ----------------------------------------------------------------- commitments
    def _commitments(self, analysis: SentenceAnalysis) -> None:
        mentions = analysis.mentions
        cues = mentions.cues_of("commitment")
        if not analysis.amounts or not cues:
            return
        frame = analysis.frame
        assert frame is not None
        tokens = analysis.sentence.tokens
        for amount in analysis.amounts:
            first_index = tokens[amount.first].index
            start, end = _span_of(tokens, amount.first, amount.last)
            record = CommitmentRecord(amount.value, amount.currency, _evidence(analysis.sentence, start, end))
            party = self._pledging_country(analysis, cues, amount)
            if party is not None:
                record.party = party
            explicit = frame.explicit_round_left_of(first_index)
            round_number = explicit if explicit is not None else (
                None if analysis.commentary else frame.context_round)
            if round_number is not None:
                record.round = Supported(round_number, record.evidence)
                self.facts.round(round_number)
            for duration in self._durations_after(analysis, amount):
                    d_start, d_end = _span_of(tokens, duration.first, duration.last)
                    record.duration = Supported(duration.value, _evidence(analysis.sentence, d_start, d_end))
                    break
            beneficiary = next((m for m in mentions.entities_of(ORGANIZATION)
                                if m.first > tokens[amount.last].index), None)
            if beneficiary is not None:
                record.beneficiary = Supported(beneficiary.value.key,
                                               _evidence(analysis.sentence, beneficiary.start, beneficiary.end))
            record.topics = self._commitment_topics(analysis, cues, amount)
            self.facts.commitments.append(record)
            if record.round is not None:
                self.facts.round(record.round.value).topics.extend(record.topics)

    def _durations_after(self, analysis: SentenceAnalysis, amount: Amount) -> list[Duration]:
        """Durations of a commitment: right after its amount, or later in its clause after
        "على مدى", "over" ("$75 million to the agency over two years")."""
        tokens = analysis.sentence.tokens
        ends = [s - tokens[0].index for s in clause_starts(analysis.mentions) if s > tokens[amount.last].index]
        end = min([len(tokens), *ends])
        cue_ends = {m.last - tokens[0].index for m in analysis.mentions.cues_of("duration")}
        return [d for d in analysis.durations if amount.last < d.first < end
                and (d.first <= amount.last + 4 or any(0 < d.first - c <= 3 for c in cue_ends))]

    def _commitment_topics(self, analysis: SentenceAnalysis, cues: list[Mention],
                           amount: Amount) -> list[Supported[str]]:
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
                unique.setdefault(topic.value, Supported(topic.value, _evidence(analysis.sentence, topic.start,
                                                                                 topic.end)))
        return list(unique.values())

    def _pledging_country(self, analysis: SentenceAnalysis, cues: list[Mention],
                          amount: Amount) -> Supported[str] | None:
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
                    return Supported(country.value.iso, _evidence(analysis.sentence, country.start, country.end))
                if country.last < anchor and anchor - country.last <= PARTY_WINDOW:
                    between = tokens[index_of[country.last] + 1 : index_of[anchor]]
                    if all(t.is_word for t in between):
                        return Supported(country.value.iso, _evidence(analysis.sentence, country.start, country.end))
        return self._subject_country(analysis, countries, amount_first)

    def _subject_country(self, analysis: SentenceAnalysis, countries: list[Mention],
                         amount_first: int) -> Supported[str] | None:
        """"كما أعلنت دولة قطر … عن تقديم", "Qatar will provide": the one country that is the subject."""
        tokens = analysis.sentence.tokens
        start = tokens[0].index
        subjects = [c for c in countries if c.value.kind == "name" and c.first - start <= SUBJECT_WINDOW
                    and c.last < amount_first
                    and not any(c.last < s <= amount_first for s in clause_starts(analysis.mentions))]
        if len({c.value.iso for c in subjects}) != 1:
            return None
        country = subjects[0]
        return Supported(country.value.iso, _evidence(analysis.sentence, country.start, country.end))

    # ----------------------------------------------------------------- dialogue, officials, sentences
    def _dialogue(self) -> None:
        """The dialogue's two parties: countries named with it, else the most named ones."""
        if not self.facts.rounds and not any(a.mentions.has_cue("dialogue-noun") for a in self.analyses):
            return
        near: Counter[str] = Counter()
        overall: Counter[str] = Counter()
        evidence: Evidence | None = None
        for analysis in self.analyses:
            dialogues = analysis.mentions.cues_of("dialogue-noun")
            for entity in analysis.mentions.entities_of(COUNTRY):
                iso = entity.value.iso
                overall[iso] += 1
                if any(abs(entity.first - d.last) <= 6 or abs(d.first - entity.last) <= 6 for d in dialogues):
                    near[iso] += 1
            if dialogues and evidence is None:
                evidence = _evidence(analysis.sentence, dialogues[0].start, dialogues[0].end)
        for person in self.registry.people:
            if person.country is not None and person.mentions:
                overall[person.country] += 3
        score = Counter({iso: 2 * near[iso] + overall[iso] for iso in overall})
        parties = [iso for iso, _ in score.most_common(2)]
        if len(parties) < 2:  # "الحوار الاستراتيجي" with its parties unnamed: the known dialogue
            known = next((d for d in self.lexicon.dialogues if set(parties) <= set(d)), None)
            parties = list(known) if known else parties
        if len(parties) == 2:
            self.facts.dialogue_parties = tuple(sorted(parties))
            self.facts.dialogue_evidence = evidence

    def _officials(self) -> None:
        for person in self.registry.people:
            if not person.mentions:
                continue
            labels = dict(person.names)
            record = OfficialRecord(person.id, person.key, labels)
            first_sentence, start, end = person.mentions[0]
            country = person.country or self.home_country
            if country is not None:
                record.country = Supported(country, Evidence(first_sentence, start, end))
            seen: set[str] = set()
            for post, sentence_index in person.posts:
                if normalize(post.text) in seen:
                    continue
                seen.add(normalize(post.text))
                evidence = Evidence(sentence_index, post.start, post.end)
                record.positions.append(Supported((post.text, self.lang), evidence))
            record.mentions = [Evidence(s, a, b) for s, a, b in person.mentions]
            self.facts.officials.append(record)

    def _sentences(self) -> None:
        for sentence in self.document.sentences:
            self.facts.sentences.append(SentenceRecord(sentence.index, sentence.start, sentence.end,
                                                       self.document.sentence_text(sentence)))


CLAUSE_VERB_CUES = ("speech", "event", "host", "sign", "agenda", "reaffirm", "chair", "joint-subject")


def clause_starts(mentions: SentenceMentions) -> list[int]:
    """Tokens where a new clause starts: "ثم", "فيما", or a verb cue right after a comma."""
    starts = {m.first for m in mentions.cues_of("clause-break")}
    tokens = mentions.sentence.tokens
    verb_cues = {m.first for m in mentions.cues_of(*CLAUSE_VERB_CUES)}
    for previous, token in zip(tokens, tokens[1:], strict=False):
        if previous.text in (",", "،", ";", "؛") and token.index in verb_cues:
            starts.add(token.index)
    return sorted(starts)


def _unique(references: list[PersonReference]) -> list[PersonReference]:
    seen: set[str] = set()
    out: list[PersonReference] = []
    for reference in references:
        if reference.person.id not in seen:
            seen.add(reference.person.id)
            out.append(reference)
    return out


def extract(document: Document, lexicon: Lexicon) -> Extraction:
    """Run stages 3–5 on a segmented article."""
    return ArticleExtractor(document, lexicon).run()
