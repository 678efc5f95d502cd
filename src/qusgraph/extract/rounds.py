"""Rounds and their attributes: every round named, and its place and date.

A round's place and date are read inside an event frame (see frames.py), or right after
the round's name ("منذ الجولة الأولى في واشنطن"); the dialogue's launch date ("انطلق الحوار
في يناير 2018") is the first round's date when it is long past, else the date of the round
in the news.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date

from ..text.lexicon import Entity, word_list
from ..text.normalize import normalize
from .analysis import ArticleContext, RoundNote, SentenceAnalysis, evidence, span_of
from .frames import CHAIRED_FRAME, SIGNING_FRAME
from .mentions import COUNTRY, PLACE
from .model import CalendarValue, RoundKey, Supported
from .tuning import INCEPTION_MIN_AGE

SEPARATORS = word_list("venue-separator")  # "الجولة الرابعة – واشنطن – 12 نوفمبر 2021"
VENUE_PREPOSITIONS = frozenset(word_list("venue-preposition"))
COORDINATORS = word_list("venue-coordinator")  # "بين الدوحة و واشنطن", "between Doha and Washington"
DAYS_PER_MONTH = 30  # months are compared, so a month is near enough to 30 days


@dataclass(frozen=True)
class Following:
    """What stands right after a round's name: "منذ الجولة الأولى في واشنطن"."""

    date: Supported[CalendarValue] | None = None
    place: Supported[str] | None = None


def round_notes(context: ArticleContext, analysis: SentenceAnalysis) -> list[RoundNote]:
    """The rounds one sentence names, and the dates and places it gives them."""
    frame = analysis.frame
    sentence = analysis.sentence
    notes = [RoundNote(mention.key, mentions=(evidence(sentence, mention.start, mention.end),))
             for mention in frame.rounds]
    for event in frame.events:
        notes.append(_note(event.key, first_date(analysis, event.span_first, event.span_last),
                           first_place(analysis, event.span_first, event.span_last)))
    framed = {e.key for e in frame.events if e.cue not in (SIGNING_FRAME, CHAIRED_FRAME)}  # they hold no place
    for mention in frame.rounds:
        if mention.key in framed:
            continue
        following = _immediate(analysis, mention.last)
        notes.append(_note(mention.key, following.date, following.place))
    for first, last, dialogue in frame.inception_dates:
        date = first_date(analysis, first, last)
        if date is None or context.published is None or dialogue:
            continue  # another dialogue's launch, told in passing, tells of none of its rounds
        # Launched long ago: the first round. Launched yesterday: the round in the news.
        launched = RoundKey(1) if _older_than(date.value, context.published) else frame.context_key
        if launched is None or any(m.key == launched for m in frame.rounds):
            continue  # "تأسست اللجنة عام 2014، وعقدت دورتها الأولى في 2015": the round is told apart
        notes.append(_note(launched, date, first_place(analysis, first, last)))
    return notes


def _note(key: RoundKey, date: Supported[CalendarValue] | None, place: Supported[str] | None) -> RoundNote:
    return RoundNote(key, dates=() if date is None else (date,), places=() if place is None else (place,))


def _older_than(value: CalendarValue, published: Date) -> bool:
    """Whether a date (a year, a month or a day) lies at least INCEPTION_MIN_AGE before publication."""
    year = int(value.text[:4])
    month = int(value.text[5:7]) if len(value.text) >= 7 else 12  # a bare year: its last month
    return (published.year - year) * 12 + (published.month - month) > INCEPTION_MIN_AGE.days / DAYS_PER_MONTH


def first_date(analysis: SentenceAnalysis, first: int, last: int) -> Supported[CalendarValue] | None:
    """The first resolved date within tokens first..last."""
    tokens = analysis.sentence.tokens
    for mention, value in analysis.dates:
        if value is None:
            continue
        if first <= tokens[mention.first].index and tokens[mention.last].index <= last:
            start, end = span_of(tokens, mention.first, mention.last)
            return Supported(value, evidence(analysis.sentence, start, end))
    return None


def first_place(analysis: SentenceAnalysis, first: int, last: int) -> Supported[str] | None:
    """The first city within tokens first..last that is not standing for a party."""
    parties = _party_places(analysis)
    for entity in analysis.mentions.entities_of(PLACE):
        place: Entity = entity.value
        if first <= entity.first and entity.last <= last and place.subkind == "city" \
                and entity.first not in parties:
            return Supported(place.key, evidence(analysis.sentence, entity.start, entity.end))
    return None


def _party_places(analysis: SentenceAnalysis) -> set[int]:
    """Capitals standing for the parties of a dialogue ("الحوار بين الدوحة وواشنطن", "the
    dialogue with Washington"): the first tokens of the cities after بين، مع، between, with,
    and of those coordinated with them; they are not where a round was held."""
    mentions = analysis.mentions
    linkers = {m.last for m in mentions.cues_of("dialogue-with")}
    tokens = analysis.sentence.tokens
    text = {t.index: t.text for t in tokens}
    found = _coordinated_with_country(analysis, text)
    previous_last: int | None = None
    for entity in sorted(mentions.entities_of(PLACE), key=lambda m: m.first):
        after_linker = entity.first - 1 in linkers
        coordinated = previous_last is not None and (entity.first == previous_last + 1 or (
            entity.first == previous_last + 2 and text.get(previous_last + 1) in COORDINATORS))
        if after_linker or coordinated:
            found.add(entity.first)
            previous_last = entity.last
        else:
            previous_last = None
    return found


def _coordinated_with_country(analysis: SentenceAnalysis, text: dict[int, str]) -> set[int]:
    """Cities coordinated with a country stand for a party, as the country does: "الكويت
    وواشنطن تعقدان …", "Washington and Kuwait agreed …". Only with "و", "and" between them:
    "وصل وزير خارجية قطر واشنطن" names the city he reached."""
    mentions = analysis.mentions
    countries = mentions.entities_of(COUNTRY)
    found: set[int] = set()
    for place in mentions.entities_of(PLACE):
        for country in countries:
            for left, right in ((country, place), (place, country)):
                word = text.get(right.first, "")
                # "وواشنطن": the conjunction is glued, unless the name itself begins with و (واشنطن)
                glued = right.first == left.last + 1 and word.startswith("و") \
                    and word not in _first_words(right.value)
                venue = text.get(left.first - 1) in VENUE_PREPOSITIONS  # "في الكويت وواشنطن": two venues
                if not venue and (glued or (right.first == left.last + 2 and text.get(left.last + 1) in COORDINATORS)):
                    found.add(place.first)
    return found


def _first_words(value: object) -> set[str]:
    """The first words of a gazetteer entry's or a country form's labels, normalised."""
    labels: dict[str, str] = value.labels if isinstance(value, Entity) else {}  # country forms: none
    return {normalize(label).split()[0] for label in labels.values() if label.strip()}


def _immediate(analysis: SentenceAnalysis, after: int) -> Following:
    """The date and place right after a round's name, with only filler words between: the
    dialogue it is of and its parties ("الجولة الأولى من حوارها الاستراتيجي مع قطر أواخر الشهر
    الماضي") are filler too."""
    tokens = analysis.sentence.tokens
    index_of = {t.index: i for i, t in enumerate(tokens)}
    filler = {i for m in analysis.mentions.cues_of("filler", "dialogue-noun", "dialogue-anaphor", "dialogue-with",
                                                   "date-linker")
              for i in range(m.first, m.last + 1)}
    filler.update(i for m in analysis.mentions.entities_of(COUNTRY) for i in range(m.first, m.last + 1))
    dates = {mention.first: (mention, value) for mention, value in analysis.dates if value is not None}
    places = {m.first: m for m in analysis.mentions.entities_of(PLACE) if m.value.subkind == "city"}
    found_date: Supported[CalendarValue] | None = None
    found_place: Supported[str] | None = None
    position = index_of.get(after, len(tokens)) + 1
    while position < len(tokens):
        token = tokens[position]
        if position in dates and found_date is None:
            mention, value = dates[position]
            start, end = span_of(tokens, mention.first, mention.last)
            found_date = Supported(value, evidence(analysis.sentence, start, end))
            position = mention.last + 1
            continue
        if token.index in places and found_place is None:
            place = places[token.index]
            found_place = Supported(place.value.key, evidence(analysis.sentence, place.start, place.end))
            position = place.last - tokens[0].index + 1
            continue
        if token.index in filler or token.text in SEPARATORS:
            position += 1
            continue
        break
    return Following(found_date, found_place)

