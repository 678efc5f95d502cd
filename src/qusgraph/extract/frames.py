"""Stage 4: sentence frames — which round each sentence (and each part of it) talks about.

A round is named explicitly ("الدورة الخامسة", "the 6th U.S.-Qatar Strategic Dialogue",
"الحوار الاستراتيجي الأول") or referred to ("الحوار", "the talks", "هذه الدورة"). The
article's current round — the context — starts with the round its title names and moves
to a round that a sentence puts in focus (sentence-initial, or the subject of an event
verb: "وانعقدت الدورة الرابعة", "The fifth round ... was held"), so that "وفي الدورة
الثالثة ..." governs the sentences that follow it. Within a sentence, a mention belongs
to the nearest explicit round to its left, or else to the context round.

An event frame joins an event verb (عقد، انطلق، held, opened) or a hosting verb with a
round when only filler words stand between them; the place and the date of the round
are read inside that frame, never from a dateline or from an unrelated meeting.

The table of an article's round mentions, and the rule that reads each kind:

* named: a round noun or the dialogue's name with an ordinal, definite or not ("الدورة
  الخامسة", "جولة ثالثة", "الجولة رقم 3", "الدورة الـ7", "the sixth session", "the inaugural
  edition", "the 6th Qatar-US Strategic Dialogue"); a round of something else ("الجولة
  الثالثة من المفاوضات", "النسخة الرابعة من منتدى …") is none of the dialogue's;
* coordinated: a plural or dual round noun with its ordinals ("الجولتان الرابعة والخامسة",
  "the fourth and fifth rounds", "خامس الجولات"); dates and places listed as many as the
  rounds go to them in order ("… in Washington and Doha respectively"), a single one to all;
* elliptic: a bare ordinal ("وشهدت الرابعة", "Afghanistan dominated the fourth") naming a
  round of a coordinated mention earlier in its paragraph, or (English) "the first," after a
  round named earlier in its sentence, or (Arabic) the subject of an event or hosting verb
  after a round named earlier in its paragraph ("ثم استضافت الدوحة الثانية في …");
* listed: a list item that opens with an ordinal ("• 2nd: Doha, Jan. 13, 2019") under a
  heading that names rounds in the plural ("PREVIOUS EDITIONS"); the item is its frame;
* appositive: what a round's name encloses in brackets ("الجولة الأولى (واشنطن، 30 يناير
  2018)") is its frame;
* labelled: a round's name that opens its sentence and is followed by a colon ("- الدورة
  الثانية: احتضنتها الدوحة في …"): what follows the colon is its frame (timelines of past
  rounds, a list item or a paragraph each).

A round's date also stands between a chairing verb and the round's name ("ترأس الوزيران،
أمس، أعمال الدورة الرابعة"): that date, alone, is a frame of the round.

Each mention belongs to a dialogue: the one whose name it carries with its parties
("الحوار الاستراتيجي القطري البريطاني", "the U.S.-Kuwait Strategic Dialogue", "its own
strategic dialogue with the United States" after "Kuwait held …"; a single party is
completed by the country named before it, else by dialogues.tsv), else the one its
paragraph has been speaking of, else the article's own (`RoundKey.dialogue == ()`). Another
dialogue's context ends with its paragraph.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..text.lexicon import Entity, Lexicon, word_list
from ..text.segment import Document, Sentence
from ..text.tokens import Token
from .mentions import COUNTRY, ORGANIZATION, PLACE, Mention, SentenceMentions
from .model import RoundKey
from .tuning import MAX_ROUND_ORDINAL, RELATIVE_EVENT_GAP

FRAME_CUES = ("event", "host", "inception")
SIGNING_FRAME = "signing"  # the cue of a frame read from a signing told during a round
CHAIRED_FRAME = "chaired"  # the cue of a frame that is the date a round was chaired on
SENTENCE_INITIAL = 3  # tokens: "وفي الدورة الثالثة", "أما الدورة الخامسة", "The fifth round"
MAX_FILLER = 20
ORDINAL_GAP = 4  # tokens between a round noun and its ordinal: "الجولة رقم 3", "round of the talks, the 4th"
DIALOGUE_GAP = 4  # tokens between a round and the dialogue it is of: "of its own strategic dialogue"
DIALOGUE_PARTIES = 2  # a dialogue is bilateral
LIST_OPENING = 2  # tokens before the ordinal that opens a list item: the bullet
# Tokens that may stand inside the name of a dialogue's parties: "U.S.-Kuwait", "Kuwait's".
PARTY_JOINERS = frozenset(word_list("party-joiner"))
# between the ordinals of coordinated rounds: "الجولتين الرابعة والخامسة", "the fourth and fifth rounds"
ORDINALS_AFTER_JOINERS = frozenset(word_list("ordinal-after-joiner"))
ORDINALS_BEFORE_JOINERS = frozenset(word_list("ordinal-before-joiner"))


@dataclass(frozen=True)
class RoundMention:
    """An explicit mention of a round: its ordinal and token/character span."""

    ordinal: int
    first: int
    last: int
    start: int
    end: int
    dialogue: tuple[str, ...] = ()  # see RoundKey: () is the article's own dialogue
    group: int | None = None  # coordinated mentions share one: the first token of their phrase

    @property
    def key(self) -> RoundKey:
        return RoundKey(self.ordinal, self.dialogue)


@dataclass(frozen=True)
class EventFrame:
    """An event verb and the round it concerns; [span_first, span_last] bounds its place/date."""

    round: int
    cue: str
    cue_first: int
    cue_last: int
    span_first: int
    span_last: int
    weak: bool  # the round is only referred to ("الحوار"), not named
    dialogue: tuple[str, ...] = ()  # see RoundKey

    @property
    def key(self) -> RoundKey:
        return RoundKey(self.round, self.dialogue)


@dataclass
class SentenceFrame:
    """What a sentence is about: its rounds, its context round and its event frames."""

    sentence: Sentence
    context_round: int | None
    rounds: list[RoundMention] = field(default_factory=list)
    context_dialogue: tuple[str, ...] = ()
    article_dialogue: tuple[str, ...] | None = None  # the first dialogue named with its parties, so far
    events: list[EventFrame] = field(default_factory=list)
    # token spans where a dialogue's launch is told, each with that dialogue (see RoundKey)
    inception_dates: list[tuple[int, int, tuple[str, ...]]] = field(default_factory=list)

    @property
    def context_key(self) -> RoundKey | None:
        """The context round, with its dialogue."""
        if self.context_round is None:
            return None
        return RoundKey(self.context_round, self.context_dialogue)

    def round_at(self, index: int) -> RoundKey | None:
        """The round a mention at token `index` belongs to: nearest explicit round to its left."""
        left = [r for r in self.rounds if r.last < index]
        return left[-1].key if left else self.context_key

    def rounds_at(self, index: int) -> list[RoundKey]:
        """`round_at`, or all the rounds of a coordinated mention: "الجولتان الرابعة والخامسة
        (…): ترأسهما …" were both chaired by them."""
        left = [r for r in self.rounds if r.last < index]
        if left and left[-1].group is not None:
            return [r.key for r in self.rounds if r.group == left[-1].group]
        found = self.round_at(index)
        return [found] if found is not None else []

    def explicit_round_left_of(self, index: int, breaks: Sequence[int] = ()) -> RoundKey | None:
        """The nearest round named to the left of `index`, unless a clause break ("while",
        "ثم") stands between them."""
        left = [r for r in self.rounds if r.last < index]
        if not left or any(left[-1].last < b < index for b in breaks):
            return None
        return left[-1].key


def _ordinal_at(tokens: Sequence[Token], position: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """An ordinal word or number at `position`: value and last position."""
    if not 0 <= position < len(tokens):
        return None
    matches = lexicon.ordinals.matches_at(tokens, position)
    if matches:
        return matches[0].payload, matches[0].last
    text = tokens[position].text
    if text == "ال" and position + 1 < len(tokens):
        position += 1
        text = tokens[position].text
    if text.isdigit() and 1 <= int(text) <= 99 and len(text) <= 2:
        return int(text), position
    return None


def _cardinal_at(tokens: Sequence[Token], position: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """A number word naming a round right after its noun ("Round three"): value and last
    position; not a count of something that follows it ("a round two years ago")."""
    if not 0 <= position < len(tokens):
        return None
    for match in lexicon.numbers.matches_at(tokens, position):
        kind, value = match.payload
        if kind != "number" or not 1 <= value <= MAX_ROUND_ORDINAL:
            continue
        after = match.last + 1
        if after < len(tokens) and (lexicon.durations.matches_at(tokens, after)
                                    or lexicon.numbers.matches_at(tokens, after)):
            return None
        return value, match.last
    return None


def _ordinal_ending_before(tokens: Sequence[Token], position: int, lexicon: Lexicon,
                           filler: set[int]) -> tuple[int, int] | None:
    """An ordinal that ends just before `position` (filler allowed): value and first position."""
    cursor = position - 1
    while cursor >= 0 and tokens[cursor].index in filler:
        cursor -= 1
    for start in range(max(0, cursor - 1), cursor + 1):
        found = _ordinal_at(tokens, start, lexicon)
        if found is not None and found[1] == cursor:
            return found[0], start
    return None


def find_round_mentions(sentence: Sentence, mentions: SentenceMentions, lexicon: Lexicon,
                        lang: str, date_spans: Sequence[tuple[int, int]] = ()) -> list[RoundMention]:
    """Explicit round mentions: a round noun or the dialogue's name with an ordinal, and the
    coordinated ones of a plural round noun; not the rounds of other talks. A number that
    is part of a date is no ordinal ("2nd round - 13 January 2019": not the 13th round)."""
    tokens = sentence.tokens
    if not tokens:
        return []
    base = tokens[0].index
    filler = _filler_indexes(mentions, lang, ordinal_filler=True)
    in_dates = {i for first, last in date_spans for i in range(first, last + 1)}
    found: dict[int, RoundMention] = {}
    # "the inaugural dialogue", "the second dialogue": in English, an ordinal right before the
    # bare word names a round too
    bare = [m for m in mentions.cues_of("dialogue-word") if lang == "en"
            and _ordinal_ending_before(tokens, m.first - base, lexicon, set()) is not None]
    # "الاجتماع التاسع للجنة الاستراتيجية العليا": a meeting is a round when the dialogue's name
    # follows its ordinal
    dialogue_firsts = [m.first for m in mentions.cues_of("dialogue-noun")]
    meetings = mentions.cues_of("meeting-noun")
    # the parties named before the dialogue's noun do not count: "the ninth meeting of the
    # Qatar-Turkey Supreme Strategic Committee"
    countries = {i for m in mentions.entities_of(COUNTRY) for i in range(m.first, m.last + 1)}
    for cue in mentions.cues_of("round-noun", "dialogue-noun", "meeting-noun") + bare:
        if cue in bare:
            before = _ordinal_ending_before(tokens, cue.first - base, lexicon, set())
            if before is not None:
                found.setdefault(tokens[before[1]].index, RoundMention(
                    before[0], tokens[before[1]].index, cue.last, tokens[before[1]].start, cue.end))
            continue
        local_last = cue.last - base
        after = local_last + 1
        while after < len(tokens) and tokens[after].index in filler and not tokens[after].text.isdigit():
            if _ordinal_at(tokens, after, lexicon) is not None:
                break
            after += 1
        ordinal = _ordinal_at(tokens, after, lexicon) \
            if after - local_last <= ORDINAL_GAP and after + base not in in_dates else None
        if ordinal is None and lang == "en" and cue in mentions.cues_of("round-noun"):
            ordinal = _cardinal_at(tokens, local_last + 1, lexicon)  # "Round three", "round six"
        if ordinal is not None:
            first, last = cue.first, tokens[ordinal[1]].index
        else:
            before = _ordinal_ending_before(tokens, cue.first - base, lexicon, filler)
            if before is None or lang != "en":
                continue
            ordinal = before[0], cue.last - base
            first, last = tokens[before[1]].index, cue.last
        if cue in meetings and not any(0 < f - last and _words_between(last, f, countries) <= DIALOGUE_GAP
                                       for f in dialogue_firsts):
            continue
        mention = RoundMention(ordinal[0], first, last, tokens[first - base].start, tokens[last - base].end)
        if first not in found or found[first].last < last:
            found[first] = mention
    for mention in _coordinated(tokens, mentions, lexicon, lang):
        if mention.first not in found:
            found[mention.first] = mention
    ordered = sorted(found.values(), key=lambda m: (m.first, m.last))
    kept: list[RoundMention] = []
    for mention in ordered:
        if kept and mention.first <= kept[-1].last and mention.group is None:
            continue
        kept.append(mention)
    return [m for m in kept if not _of_something_else(m.last, mentions)]


def _words_between(last: int, first: int, skipped: set[int]) -> int:
    """The tokens after `last` up to and including `first`, less those in `skipped`."""
    return sum(1 for i in range(last + 1, first + 1) if i not in skipped)


def _of_something_else(last: int, mentions: SentenceMentions) -> bool:
    """"الجولة الثالثة من المفاوضات", "النسخة الرابعة من منتدى …", "the first round of
    negotiations": a round "of" something that is not a dialogue (nor its parties)."""
    tokens = mentions.sentence.tokens
    base = tokens[0].index
    genitive = {i for m in mentions.cues_of("genitive") for i in range(m.first, m.last + 1)}
    position = last + 1
    if position not in genitive:
        return False
    plain = {i for m in mentions.cues_of("filler") for i in range(m.first, m.last + 1)} - genitive
    position += 1
    while position in plain:
        position += 1
    if position - base >= len(tokens):
        return False
    dialogue = {i for m in mentions.cues_of("dialogue-noun", "dialogue-anaphor", "dialogue-word", "round-plural")
                for i in range(m.first, m.last + 1)}
    dialogue.update(i for m in mentions.entities_of(COUNTRY) for i in range(m.first, m.last + 1))
    return position not in dialogue


def _coordinated(tokens: Sequence[Token], mentions: SentenceMentions, lexicon: Lexicon,
                 lang: str) -> list[RoundMention]:
    """Rounds named together by a plural or dual noun: "الجولتان الرابعة والخامسة" (ordinals
    after the noun), "the fourth and fifth rounds" (before it), "خامس الجولات" (one ordinal
    before a definite plural, in Arabic)."""
    base = tokens[0].index
    found: list[RoundMention] = []
    for cue in mentions.cues_of("round-plural"):
        group = cue.first
        members: list[tuple[int, int, int]] = []  # ordinal, first and last position
        if lang == "ar":
            position = cue.last - base + 1
            while position < len(tokens):
                reading = _ordinal_at(tokens, position, lexicon)
                if reading is None:
                    break
                members.append((reading[0], position, reading[1]))
                position = reading[1] + 1
                if position < len(tokens) and tokens[position].text in ORDINALS_AFTER_JOINERS:
                    position += 1
            if len(members) < 2:
                before = _ordinal_at(tokens, cue.first - base - 1, lexicon) if cue.first > base else None
                members = [(before[0], cue.first - base - 1, cue.last - base)] if before is not None and \
                    before[1] == cue.first - base - 1 else []
        else:
            position = cue.first - base - 1
            while position >= 0:
                ending = _ordinal_ending_before(tokens, position + 1, lexicon, set())
                if ending is None:
                    break
                members.insert(0, (ending[0], ending[1], position))
                position = ending[1] - 1
                while position >= 0 and tokens[position].text in ORDINALS_BEFORE_JOINERS:
                    position -= 1
            if len(members) < 2:
                members = []
        for number, (ordinal, first, last) in enumerate(members):
            # the noun belongs to the member next to it: the first in Arabic, the last in English
            first_index = min(tokens[first].index, cue.first) if number == 0 else tokens[first].index
            last_index = max(tokens[last].index, cue.last) if number == len(members) - 1 else tokens[last].index
            found.append(RoundMention(ordinal, first_index, last_index, tokens[first_index - base].start,
                                      tokens[last_index - base].end, group=group))
    return found


def _filler_indexes(mentions: SentenceMentions, lang: str, ordinal_filler: bool = False) -> set[int]:
    """Tokens that may stand between a round and its verb, ordinal, place or date."""
    indexes: set[int] = set()
    kinds = ("filler", "dialogue-noun", "dialogue-anaphor", "relative", "date-linker")
    for cue in mentions.cues_of(*kinds):
        indexes.update(range(cue.first, cue.last + 1))
    for entity in mentions.entities:
        if entity.kind == COUNTRY or (not ordinal_filler and entity.kind in (PLACE, ORGANIZATION)):
            indexes.update(range(entity.first, entity.last + 1))
    for token in mentions.sentence.tokens:
        if token.text in (",", "،") or (lang == "en" and token.text == "-"):
            indexes.add(token.index)
    return indexes


def _coordinated_member(mention: RoundMention, rounds: list[RoundMention]) -> bool:
    """Whether a mention is one of several rounds named together."""
    return mention.group is not None and sum(r.group == mention.group for r in rounds) > 1


def _enclosure(tokens: Sequence[Token], after: int) -> tuple[int, int] | None:
    """The tokens inside the brackets that open right after token `after`."""
    base = tokens[0].index if tokens else 0
    position = after - base + 1
    if not 0 < position < len(tokens) or tokens[position].text != "(":
        return None
    close = next((i for i in range(position + 1, len(tokens)) if tokens[i].text == ")"), None)
    if close is None or close == position + 1:
        return None
    return tokens[position + 1].index, tokens[close - 1].index


def _subject_of_event(tokens: Sequence[Token], position: int, mentions: SentenceMentions,
                      date_spans: list[tuple[int, int]]) -> bool:
    """Whether the ordinal at `position` is what an Arabic event or hosting verb before it
    tells of, as in a timeline that names a round once and then its ordinals alone: "ثم
    استضافت الدوحة الثانية في …", "فيما جرت الثالثة في …", "وانعقدت، في 2021، الرابعة". The
    verb, then hosts, dates and commas only, then the ordinal: "للمرة الثانية", "الساعة
    الثانية", "في الثانية ظهرا" have a noun or a preposition before it."""
    base = tokens[0].index
    verbs = {m.last for m in mentions.cues_of("event", "host")}
    skippable = {i for kind in (PLACE, COUNTRY) for m in mentions.entities_of(kind) for i in range(m.first, m.last + 1)}
    skippable.update(i for a, b in date_spans for i in range(a, b + 1))
    cursor = position - 1
    while cursor >= 0 and (tokens[cursor].index in skippable or tokens[cursor].text in (",", "،")):
        cursor -= 1
    return cursor >= 0 and tokens[cursor].index in verbs and tokens[cursor].index >= base


def _labelled(tokens: Sequence[Token], mention: RoundMention, rounds: list[RoundMention],
              mentions: SentenceMentions) -> tuple[int, int] | None:
    """A round's name that labels its sentence — it opens it and a colon follows: "- الجولة
    الثانية: استضافتها الدوحة في …", "الدورة الأولى: واشنطن، 30 يناير 2018" (timelines of
    past rounds, in lists or a paragraph a round). What the label heads, up to the next round
    named or clause break, is its frame: the span after the colon."""
    if not tokens:
        return None
    base = tokens[0].index
    colon = mention.last - base + 1
    enclosed = _enclosure(tokens, mention.last)
    if enclosed is not None:  # "الجولة السادسة (آذار 2024): واشنطن", unless the brackets hold the place
        if any(enclosed[0] <= m.first <= enclosed[1] for m in mentions.entities_of(PLACE)):
            return None
        colon = enclosed[1] - base + 2
    if not (colon + 1 < len(tokens) and tokens[colon].text == ":"):
        return None
    if any(t.is_word for t in tokens[: mention.first - base]) or mention.first - base > LIST_OPENING:
        return None
    stops = [r.first for r in rounds if r.first > mention.last] + [
        m.first for m in mentions.cues_of("clause-break") if m.first > mention.last]
    return tokens[colon + 1].index, (min(stops) - 1 if stops else tokens[-1].index)


def _share(members: list[RoundMention], first: int, last: int, cue: str, mentions: SentenceMentions,
           date_spans: list[tuple[int, int]]) -> list[EventFrame]:
    """Dates and places of a span shared out among coordinated rounds: as many as the rounds,
    in order ("في سبتمبر 2020 ونوفمبر 2021 على التوالي", "in Washington and Doha
    respectively"); a single one belongs to them all. Each share is a frame of its own."""
    dates = [(a, b) for a, b in date_spans if first <= a and b <= last]
    places = [(m.first, m.last) for m in mentions.entities_of(PLACE)
              if isinstance(m.value, Entity) and m.value.subkind == "city" and first <= m.first and m.last <= last]
    frames: list[EventFrame] = []
    for values in (dates, places):
        if len(values) == len(members):
            pairs = list(zip(members, values, strict=True))
        elif len(values) == 1:
            pairs = [(member, values[0]) for member in members]
        else:
            continue
        for member, (a, b) in pairs:
            frames.append(EventFrame(member.ordinal, cue, a, b, a, b, False, member.dialogue))
    return frames


class FrameReader:
    """Reads the frames of an article's sentences in order, carrying the context round, the
    dialogue the paragraph speaks of and the rounds a coordinated mention has introduced."""

    def __init__(self, document: Document, lexicon: Lexicon) -> None:
        self.document = document
        self.lexicon = lexicon
        self.lang = document.lang
        self.context: RoundKey | None = None
        self.own_context: RoundKey | None = None  # the last context round of the article's own dialogue
        self.article_dialogue: tuple[str, ...] | None = None  # the first dialogue named with its parties
        self.dialogue: tuple[str, ...] = ()  # the dialogue this paragraph speaks of
        self.paragraph: int | None = None
        self.opening = True  # the sentence read is the first of its paragraph
        self.news: RoundKey | None = None  # the round the title names: the round in the news
        self.aside = False  # the context is an earlier round put in focus in passing, mid-paragraph
        self.grouped: dict[int, tuple[str, ...]] = {}  # ordinals a coordinated mention introduced
        self.listing = False  # list items follow a heading that names rounds in the plural
        self.named_in_paragraph = False  # a round has been named in this paragraph

    def read(self, mentions: SentenceMentions, date_spans: list[tuple[int, int]]) -> SentenceFrame:
        """The frame of one sentence; `date_spans` are the token spans of its dates."""
        sentence = mentions.sentence
        self._new_paragraph(sentence)
        rounds = find_round_mentions(sentence, mentions, self.lexicon, self.lang, date_spans)
        rounds = sorted(rounds + self._elliptic(mentions, rounds, date_spans), key=lambda m: (m.first, m.last))
        self.named_in_paragraph = self.named_in_paragraph or bool(rounds)
        listed = self._listed(mentions) if not rounds else None
        if listed is not None:
            rounds = [listed[0]]
        rounds = self._with_dialogues(mentions, rounds)
        for mention in rounds:
            if mention.group is not None:
                self.grouped[mention.ordinal] = mention.dialogue
        if self.context is None and rounds:
            self.context = rounds[0].key
        frame = SentenceFrame(sentence, self.context_ordinal, rounds, self.context_dialogue, self.article_dialogue)
        filler = _filler_indexes(mentions, self.lang)
        for first, last in date_spans:
            filler.update(range(first, last + 1))
        frame.events = self._event_frames(mentions, rounds, filler)
        frame.events += self._signing_frames(mentions, rounds, frame.events, filler)
        frame.events += self._chaired_frames(mentions, rounds, frame.events, filler, date_spans)
        frame.events += self._enclosed_frames(mentions, rounds, date_spans, listed)
        frame.events += self._group_frames(mentions, rounds, filler, date_spans)
        frame.inception_dates = self._inception_dates(mentions, rounds, filler, date_spans)
        focus = self._focus_round(mentions, rounds, frame.events)
        if focus is not None:
            self._focus(focus)
            if sentence.is_title:
                frame.context_round, frame.context_dialogue = focus.ordinal, focus.dialogue
                self.news = focus
            self.aside = not self.opening and self.news is not None and focus.dialogue == self.news.dialogue \
                and focus.ordinal < self.news.ordinal
        self.opening = False
        if not sentence.is_list_item:
            self.listing = mentions.has_cue("round-plural")
        return frame

    @property
    def context_ordinal(self) -> int | None:
        return self.context.ordinal if self.context is not None else None

    @property
    def context_dialogue(self) -> tuple[str, ...]:
        return self.context.dialogue if self.context is not None else ()

    def _focus(self, key: RoundKey) -> None:
        self.context = key
        if not key.dialogue:
            self.own_context = key

    def _new_paragraph(self, sentence: Sentence) -> None:
        """Another dialogue's context, an earlier round's put in focus mid-paragraph, and the
        rounds a coordinated mention introduced, end with their paragraph."""
        if sentence.paragraph == self.paragraph:
            return
        self.paragraph = sentence.paragraph
        self.opening = True
        if self.aside and self.news is not None:
            # "… The inaugural dialogue was held in Washington last January." told in passing:
            # the next paragraph is about the round in the news again
            self.context, self.aside = self.news, False
        self.dialogue = ()
        self.grouped = {}
        self.named_in_paragraph = False
        if self.context is not None and self.context.dialogue:
            self.context = self.own_context

    # ------------------------------------------------------------------ the table of mentions
    def _elliptic(self, mentions: SentenceMentions, rounds: list[RoundMention],
                  date_spans: list[tuple[int, int]]) -> list[RoundMention]:
        """Bare definite ordinals standing for rounds: one of a coordinated mention earlier in
        the paragraph ("وشهدت الرابعة", "Afghanistan dominated the fourth"), or in English
        "the first," after a round named earlier in the sentence ("The second session … was
        held in Doha; the first, in Washington", "The previous round, the fourth, …")."""
        tokens = mentions.sentence.tokens
        if not tokens:
            return []
        base = tokens[0].index
        covered = {i for r in rounds for i in range(r.first, r.last + 1)}
        found: list[RoundMention] = []
        position = 0
        while position < len(tokens):
            token = tokens[position]
            reading = _ordinal_at(tokens, position, self.lexicon) if token.index not in covered else None
            if reading is None or tokens[reading[1]].text.isdigit() or token.text == "ال":
                position += 1
                continue
            ordinal, last = reading
            definite = (position > 0 and tokens[position - 1].text == "the") if self.lang == "en" \
                else any(token.text.startswith(p) for p in ("ال", "وال", "فال"))
            comma_after = last + 1 < len(tokens) and tokens[last + 1].text in (",", "،")
            named_before = any(r.last < token.index for r in rounds) or any(
                c.last < token.index for c in mentions.cues_of("round-noun", "round-plural"))
            told = self.lang == "ar" and (self.named_in_paragraph or named_before) \
                and _subject_of_event(tokens, position, mentions, date_spans)
            # "The fourth round … . The fifth, in Doha in November 2022, …": a round named earlier in
            # the paragraph, and the bare ordinal opens the sentence
            opens = position <= SENTENCE_INITIAL and self.named_in_paragraph
            if definite and (ordinal in self.grouped or told
                             or (self.lang == "en" and comma_after and (named_before or opens))):
                first_index = tokens[position].index
                found.append(RoundMention(ordinal, first_index, tokens[last].index, token.start, tokens[last].end,
                                          self.grouped.get(ordinal, ())))
            position = last + 1
        return [m for m in found if m.first - base >= 0]

    def _listed(self, mentions: SentenceMentions) -> tuple[RoundMention, int] | None:
        """"• 2nd: Doha, Jan. 13, 2019" under "PREVIOUS EDITIONS": the round and the first
        token of what the item says of it."""
        sentence = mentions.sentence
        tokens = sentence.tokens
        if not (self.listing and sentence.is_list_item and tokens):
            return None
        for position in range(min(LIST_OPENING, len(tokens))):
            reading = _ordinal_at(tokens, position, self.lexicon)
            if reading is None:
                if tokens[position].is_word:
                    return None
                continue
            ordinal, last = reading
            if last + 2 < len(tokens) and tokens[last + 1].text == ":":
                first = tokens[position]
                mention = RoundMention(ordinal, first.index, tokens[last].index, first.start, tokens[last].end)
                return mention, tokens[last + 2].index
            return None
        return None

    # ------------------------------------------------------------------ dialogues
    def _with_dialogues(self, mentions: SentenceMentions, rounds: list[RoundMention]) -> list[RoundMention]:
        """Each mention with the dialogue it is a round of (see the module's docstring)."""
        phrases = self._dialogue_phrases(mentions)
        filler = _filler_indexes(mentions, self.lang, ordinal_filler=True)
        tokens = mentions.sentence.tokens
        base = tokens[0].index if tokens else 0
        out: list[RoundMention] = []
        for mention in rounds:
            parties: tuple[str, ...] | None = None
            for first, last, named in phrases:
                overlaps = first <= mention.last and mention.first <= last
                gap = range(mention.last + 1, first)
                if overlaps or (first > mention.last and len(gap) <= DIALOGUE_GAP and all(i in filler for i in gap)):
                    parties = named or None
                    break
            if parties is None and self._possessive(tokens, mention.first - base):
                left = [named for first, _, named in phrases if first < mention.first and named]
                parties = left[-1] if left else None
            if parties is None:
                parties = mention.dialogue or self.dialogue
            out.append(RoundMention(mention.ordinal, mention.first, mention.last, mention.start, mention.end,
                                    self._own(parties), mention.group))
        named_here = [named for _, _, named in phrases if named]
        if named_here:
            self.dialogue = self._own(named_here[-1])
        return out

    def _own(self, parties: tuple[str, ...]) -> tuple[str, ...]:
        """() for the article's own dialogue: the first known one (dialogues.tsv) it names with
        its parties — not a dialogue of others it mentions first ("الحوار السعودي الإيراني")."""
        known = {tuple(sorted(d)) for d in self.lexicon.dialogues}
        if parties in known and self.article_dialogue is None:
            self.article_dialogue = parties
        return () if parties == self.article_dialogue else parties

    def _possessive(self, tokens: Sequence[Token], position: int) -> bool:
        """"دورته السادسة", "its sixth round": the round of a dialogue named before."""
        text = tokens[position].text
        if self.lang == "en":
            return position > 0 and tokens[position - 1].text == "its"
        return not text.startswith("ال") and text.endswith(("ته", "تها", "تهما"))

    def _dialogue_phrases(self, mentions: SentenceMentions) -> list[tuple[int, int, tuple[str, ...]]]:
        """The dialogues a sentence names, each with its parties (sorted ISO codes, or () when
        they are not named): the countries next to the name ("U.S.-Kuwait Strategic Dialogue",
        "الحوار الاستراتيجي القطري البريطاني", "Kuwait's dialogue") or, after a strategic
        dialogue, introduced by مع، بين، with ("its own strategic dialogue with the United
        States"). One party named is completed by the country named before it in the
        sentence, else by the first known dialogue it is a party of (dialogues.tsv)."""
        tokens = mentions.sentence.tokens
        if not tokens:
            return []
        base = tokens[0].index
        countries = {i: m.value.iso for m in mentions.entities_of(COUNTRY) for i in range(m.first, m.last + 1)}
        linkers = {i for m in mentions.cues_of("dialogue-with") for i in range(m.first, m.last + 1)}
        capitals = self._capitals_after_linkers(mentions, linkers)
        starts = {i: m.first for m in mentions.entities_of(COUNTRY) for i in range(m.first, m.last + 1)}
        ends = {i: m.last for m in mentions.entities_of(COUNTRY) for i in range(m.first, m.last + 1)}
        cues = sorted(mentions.cues_of("dialogue-noun", "dialogue-word"),
                      key=lambda m: (m.first, -(m.last - m.first), m.value.cue != "dialogue-noun"))
        phrases: list[tuple[int, int, tuple[str, ...]]] = []
        for cue in cues:
            if phrases and cue.first <= phrases[-1][1]:
                continue
            strong = cue.value.cue == "dialogue-noun"
            named: list[str] = []
            position = cue.first - 1
            while position >= base:
                if position in countries:
                    named.insert(0, countries[position])
                    position = starts[position] - 1
                elif tokens[position - base].text in PARTY_JOINERS:
                    position -= 1
                else:
                    break
            position = cue.last + 1
            while position - base < len(tokens):
                if position in countries:
                    named.append(countries[position])
                    position = ends[position] + 1
                elif strong and position in capitals:  # "الحوار الاستراتيجي مع واشنطن"
                    named.append(capitals[position][0])
                    position = capitals[position][1] + 1
                elif tokens[position - base].text in PARTY_JOINERS or (strong and position in linkers):
                    position += 1
                else:
                    break
            parties = tuple(dict.fromkeys(named))
            if len(parties) == 1:
                parties = self._complete(parties[0], mentions, cue.first)
            phrases.append((cue.first, cue.last, tuple(sorted(parties)) if len(parties) == DIALOGUE_PARTIES else ()))
        return phrases

    def _capitals_after_linkers(self, mentions: SentenceMentions, linkers: set[int]) -> dict[int, tuple[str, int]]:
        """Capitals standing for their country right after مع، بين، with: "الحوار الاستراتيجي
        مع واشنطن" is the dialogue with the United States (capitals.tsv). Each token of such a
        place → (the country's ISO code, the place's last token)."""
        countries = {place.key: iso for iso, place in self.lexicon.capitals.items()}
        out: dict[int, tuple[str, int]] = {}
        for place in mentions.entities_of(PLACE):
            iso = countries.get(place.value.key)
            if iso is not None and place.first - 1 in linkers:
                out.update({i: (iso, place.last) for i in range(place.first, place.last + 1)})
        return out

    def _complete(self, party: str, mentions: SentenceMentions, before: int) -> tuple[str, ...]:
        earlier = [m.value.iso for m in mentions.entities_of(COUNTRY)
                   if m.last < before and m.value.kind == "name" and m.value.iso != party]
        if earlier:
            return party, earlier[-1]
        known = next((d for d in self.lexicon.dialogues if party in d), None)
        return known if known is not None else ()

    def _focus_round(self, mentions: SentenceMentions, rounds: list[RoundMention],
                     events: list[EventFrame]) -> RoundKey | None:
        """The round a sentence puts in focus: the one its title names, one named at its start,
        else the last one told with an event verb, unless told in passing in a relative clause
        ("a dialogue whose first round took place in Washington", "المذكرة التي وقعت خلال
        الدورة الأولى")."""
        sentence = mentions.sentence
        if not rounds:
            return None
        if sentence.is_title:
            return rounds[0].key
        start = sentence.tokens[0].index if sentence.tokens else 0
        if rounds[0].first - start <= SENTENCE_INITIAL:
            return rounds[0].key
        relatives = [m.first for m in mentions.cues_of("relative-pronoun")]
        told = [r for r in rounds if not any(
            r.first > p and not any(p < o.first < r.first for o in rounds) for p in relatives)]
        in_events = [e.key for e in events if not e.weak and any(e.key == r.key for r in told)]
        return in_events[-1] if in_events else None

    def _event_frames(self, mentions: SentenceMentions, rounds: list[RoundMention],
                      filler: set[int]) -> list[EventFrame]:
        tokens = mentions.sentence.tokens
        if not tokens:
            return []
        events = sorted(mentions.cues_of(*FRAME_CUES), key=lambda m: m.first)
        boundaries = sorted({m.first for m in mentions.cues_of("clause-break")}
                            | {r.first for r in rounds} | {e.first for e in events})
        frames: list[EventFrame] = []
        for mention in rounds:
            if _coordinated_member(mention, rounds):
                continue  # see _group_frames
            cue = self._adjacent(events, mention.first, mention.last, filler) \
                or self._in_relative_clause(tokens, events, mention, mentions)
            if cue is not None:
                frames.append(self._frame(mention.key, cue, mention.first, mention.last, boundaries,
                                          tokens, False, filler))
        if not rounds and self.context is not None:
            # "الحوار … انطلق في 2015" is the dialogue's launch (its first round), not this round.
            launches = {e.first for e in events if e.value.cue == "inception"}
            plain = [e for e in events if e.value.cue != "inception" and e.first not in launches]
            for anaphor in mentions.cues_of("dialogue-anaphor", "dialogue-noun"):
                named = _ordinal_at(tokens, anaphor.last - tokens[0].index + 1, self.lexicon)
                if _of_something_else(named[1] + tokens[0].index if named else anaphor.last, mentions):
                    continue  # "لاستضافة الجولة الأولى من المفاوضات": another round
                cue = self._adjacent(plain, anaphor.first, anaphor.last, filler, max_gap=3)
                if cue is not None:
                    frames.append(self._frame(self.context, cue, anaphor.first, anaphor.last, boundaries,
                                              tokens, True, filler))
                    break
        return frames

    @staticmethod
    def _in_relative_clause(tokens: Sequence[Token], events: list[Mention], mention: RoundMention,
                            mentions: SentenceMentions) -> Mention | None:
        """The event verb of a relative clause right after a round's name, who did it before it:
        "The fourth round, which Blinken hosted … in Washington in November 2021, …", "الجولة
        الرابعة، التي استضافتها واشنطن …". The clause ends at its comma."""
        base = tokens[0].index
        after = mention.last + 1
        if after - base < len(tokens) and tokens[after - base].text in (",", "،"):
            after += 1
        if not any(r.first == after for r in mentions.cues_of("relative-pronoun")):
            return None
        end = next((t.index for t in tokens[after - base:] if t.text in (",", "،")), tokens[-1].index)
        inside = [e for e in events if after < e.first < end and e.first - after <= RELATIVE_EVENT_GAP]
        return inside[0] if inside else None

    @staticmethod
    def _adjacent(events: list[Mention], first: int, last: int, filler: set[int],
                  max_gap: int = MAX_FILLER) -> Mention | None:
        """The event cue nearest to [first, last] with only filler tokens between them."""
        best: Mention | None = None
        best_gap = max_gap + 1
        for event in events:
            if event.last < first:
                gap_range = range(event.last + 1, first)
            elif event.first > last:
                gap_range = range(last + 1, event.first)
            else:
                continue
            if len(gap_range) < best_gap and all(i in filler for i in gap_range):
                best, best_gap = event, len(gap_range)
        return best

    @staticmethod
    def _frame(key: RoundKey, cue: Mention, first: int, last: int, boundaries: list[int],
               tokens: Sequence[Token], weak: bool, filler: set[int]) -> EventFrame:
        """The frame's span: from the verb or the round, back over any filler that opens the
        clause ("On September 14, 2020, the United States and Qatar held …", "الدوحة تحتضن …"),
        to the next event, round or clause break."""
        span_first = min(cue.first, first)
        span_end = max(cue.last, last)
        following = [b for b in boundaries if b > span_end]
        span_last = following[0] - 1 if following else tokens[-1].index
        base = tokens[0].index
        opens_clause = tokens[cue.first - base].text.startswith("و") and cue.first > base \
            and tokens[cue.first - base - 1].text in (",", "،")
        # what fronts the verb, or a round that opens the sentence ("In November 2022 the fifth
        # session was held in Doha"), is the frame's own
        fronted = cue.first < first or all(tokens[i].index in filler for i in range(first - base))
        if fronted and not opens_clause:
            earlier = [b for b in boundaries if b < span_first]
            while span_first - 1 in filler and span_first - 1 > (earlier[-1] if earlier else base - 1):
                span_first -= 1
        return EventFrame(key.ordinal, cue.value.cue, cue.first, cue.last, span_first, span_last, weak,
                          key.dialogue)

    def _signing_frames(self, mentions: SentenceMentions, rounds: list[RoundMention], events: list[EventFrame],
                        filler: set[int]) -> list[EventFrame]:
        """What was signed during a round was signed where and when the round was held: "وقعت
        قطر والولايات المتحدة في واشنطن أمس … ترتيبا …، وذلك خلال أعمال الجولة الرابعة". The
        frame runs from the signing verb to "خلال", "during", when no other event is told
        between them; a round with an event frame of its own needs none. What follows the
        round's name is still its own ("… خلال الدورة الرابعة في نوفمبر 2021")."""
        framed = {e.key for e in events}
        told = sorted(mentions.cues_of("event", "host", "sign"), key=lambda m: m.first)
        frames: list[EventFrame] = []
        for mention in rounds:
            if mention.key in framed or _coordinated_member(mention, rounds):
                continue
            links = [d for d in mentions.cues_of("during") if d.last < mention.first
                     and all(i in filler for i in range(d.last + 1, mention.first))]
            if not links:
                continue
            link = links[-1]
            before = [c for c in told if c.last < link.first]
            if not before or before[-1].value.cue != "sign" or any(r.last < link.first and r.first > before[-1].last
                                                                    for r in rounds):
                continue
            sign = before[-1]
            frames.append(EventFrame(mention.ordinal, SIGNING_FRAME, sign.first, sign.last, sign.first, link.first - 1,
                                     False, mention.dialogue))
        return frames

    @staticmethod
    def _chaired_frames(mentions: SentenceMentions, rounds: list[RoundMention], events: list[EventFrame],
                        filler: set[int], date_spans: list[tuple[int, int]]) -> list[EventFrame]:
        """The day a round was chaired is the day it was held: "ترأس الوزيران، أمس، أعمال
        الدورة الرابعة", "يترأس … اليوم الجولة الثالثة" (agency copy puts the date between the
        chairs and the round). The date must stand right before the round's name, with a
        chairing verb earlier in its clause, and the round have no dated frame of its own; the
        frame is that date alone, never a place (the chairs' posts name cities: "السفير لدى
        واشنطن")."""
        framed = {e.key for e in events if any(e.span_first <= a and b <= e.span_last for a, b in date_spans)}
        chairs = [m for m in mentions.cues_of("chair") if m.value.cue == "chair"]
        breaks = [m.first for m in mentions.cues_of("clause-break", "event", "host")]
        frames: list[EventFrame] = []
        for mention in rounds:
            if mention.key in framed or _coordinated_member(mention, rounds):
                continue
            before = [(a, b) for a, b in date_spans
                      if b < mention.first and all(i in filler for i in range(b + 1, mention.first))]
            if not before:
                continue
            first, last = before[-1]
            verbs = [c for c in chairs if c.last < first]
            if not verbs or any(verbs[-1].last < i < first for i in breaks) \
                    or any(verbs[-1].last < r.first < first for r in rounds):
                continue
            frames.append(EventFrame(mention.ordinal, CHAIRED_FRAME, first, last, first, last, False,
                                     mention.dialogue))
        return frames

    def _enclosed_frames(self, mentions: SentenceMentions, rounds: list[RoundMention],
                         date_spans: list[tuple[int, int]],
                         listed: tuple[RoundMention, int] | None) -> list[EventFrame]:
        """What a round's name encloses in brackets ("الجولة الأولى (واشنطن، 30 يناير 2018)"),
        and what a listed round's item says of it, is its frame."""
        tokens = mentions.sentence.tokens
        frames: list[EventFrame] = []
        if listed is not None:
            mention, first = listed
            frames.append(EventFrame(mention.ordinal, "listed", first, first, first, tokens[-1].index, False,
                                     mention.dialogue))
        for mention in rounds:
            if _coordinated_member(mention, rounds):
                continue
            enclosed = _enclosure(tokens, mention.last)
            if enclosed is not None:
                frames.append(EventFrame(mention.ordinal, "enclosed", enclosed[0], enclosed[1], enclosed[0],
                                         enclosed[1], False, mention.dialogue))
            labelled = _labelled(tokens, mention, rounds, mentions)
            if labelled is not None:
                frames.append(EventFrame(mention.ordinal, "labelled", labelled[0], labelled[0], labelled[0],
                                         labelled[1], False, mention.dialogue))
        return frames

    def _group_frames(self, mentions: SentenceMentions, rounds: list[RoundMention], filler: set[int],
                      date_spans: list[tuple[int, int]]) -> list[EventFrame]:
        """The frames of coordinated rounds: the event frame of the whole phrase ("عقدت الجولتان
        الثالثة والرابعة في …", "The fourth and fifth rounds were held in …") or what it encloses
        in brackets, its dates and places shared out among the rounds (see _share)."""
        tokens = mentions.sentence.tokens
        groups: dict[int, list[RoundMention]] = {}
        for mention in rounds:
            if _coordinated_member(mention, rounds) and mention.group is not None:
                groups.setdefault(mention.group, []).append(mention)
        if not groups:
            return []
        events = sorted(mentions.cues_of(*FRAME_CUES), key=lambda m: m.first)
        frames: list[EventFrame] = []
        for members in groups.values():
            first, last = members[0].first, members[-1].last
            others = {r.first for r in rounds if r not in members}
            boundaries = sorted({m.first for m in mentions.cues_of("clause-break")} | others
                                | {e.first for e in events})
            spans: list[tuple[int, int, str]] = []
            cue = self._adjacent(events, first, last, filler)
            if cue is not None:
                frame = self._frame(members[0].key, cue, first, last, boundaries, tokens, False, filler)
                spans.append((frame.span_first, frame.span_last, frame.cue))
            enclosed = _enclosure(tokens, last)
            if enclosed is not None:
                spans.append((enclosed[0], enclosed[1], "enclosed"))
            for span_first, span_last, name in spans:
                frames += _share(members, span_first, span_last, name, mentions, date_spans)
        return frames

    def _inception_dates(self, mentions: SentenceMentions, rounds: list[RoundMention], filler: set[int],
                         date_spans: list[tuple[int, int]]) -> list[tuple[int, int, tuple[str, ...]]]:
        """Where the dialogue's launch is told ("انطلق الحوار في يناير 2018 في الدوحة"): the
        span after the verb, up to the next round named or event told; it holds a date. The
        dialogue launched is the one its name gives with its parties ("أطلقت الكويت حوارها
        الاستراتيجي مع الولايات المتحدة عام 2016" is Kuwait's), else the paragraph's."""
        spans: list[tuple[int, int, tuple[str, ...]]] = []
        dialogues = mentions.cues_of("dialogue-noun", "dialogue-anaphor")
        phrases = self._dialogue_phrases(mentions)
        tokens = mentions.sentence.tokens
        for cue in mentions.cues_of("inception"):
            if any(r.first <= cue.first <= r.last + 3 for r in rounds):
                continue
            launched = self._adjacent(dialogues, cue.first, cue.last, filler)
            if launched is None:
                continue
            named = next((parties for first, last, parties in phrases
                          if first <= launched.last and launched.first <= last and parties), None)
            dialogue = self._own(named) if named is not None else self.dialogue
            later = [r.first for r in rounds if r.first > cue.last] + [
                e.first for e in mentions.cues_of("event", "host", "clause-break") if e.first > cue.last
                and e.first != cue.first]
            limit = min(later) - 1 if later else tokens[-1].index
            if any(first > cue.last and last <= limit for first, last in date_spans):
                spans.append((cue.last + 1, limit, dialogue))
        return spans
