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
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..lexicon import Lexicon
from ..segment import Document, Sentence
from ..tokens import Token
from .mentions import COUNTRY, ORGANIZATION, PLACE, Mention, SentenceMentions

FRAME_CUES = ("event", "host", "inception")
SENTENCE_INITIAL = 3  # tokens: "وفي الدورة الثالثة", "أما الدورة الخامسة", "The fifth round"
MAX_FILLER = 20


@dataclass(frozen=True)
class RoundMention:
    """An explicit mention of a round: its ordinal and token/character span."""

    ordinal: int
    first: int
    last: int
    start: int
    end: int


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


@dataclass
class SentenceFrame:
    """What a sentence is about: its rounds, its context round and its event frames."""

    sentence: Sentence
    context_round: int | None
    rounds: list[RoundMention] = field(default_factory=list)
    events: list[EventFrame] = field(default_factory=list)
    inception_dates: list[tuple[int, int]] = field(default_factory=list)  # token spans
    updates_context: bool = False

    def round_at(self, index: int) -> int | None:
        """The round a mention at token `index` belongs to: nearest explicit round to its left."""
        left = [r for r in self.rounds if r.last < index]
        if left:
            return left[-1].ordinal
        return self.context_round

    def explicit_round_left_of(self, index: int, breaks: Sequence[int] = ()) -> int | None:
        """The nearest round named to the left of `index`, unless a clause break ("while",
        "ثم") stands between them."""
        left = [r for r in self.rounds if r.last < index]
        if not left or any(left[-1].last < b < index for b in breaks):
            return None
        return left[-1].ordinal


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
                        lang: str) -> list[RoundMention]:
    """Explicit round mentions: a round noun or the dialogue's name with an ordinal."""
    tokens = sentence.tokens
    if not tokens:
        return []
    base = tokens[0].index
    filler = _filler_indexes(mentions, lang, ordinal_filler=True)
    found: dict[int, RoundMention] = {}
    for cue in mentions.cues_of("round-noun", "dialogue-noun"):
        local_last = cue.last - base
        after = local_last + 1
        while after < len(tokens) and tokens[after].index in filler and not tokens[after].text.isdigit():
            if _ordinal_at(tokens, after, lexicon) is not None:
                break
            after += 1
        ordinal = _ordinal_at(tokens, after, lexicon) if after - local_last <= 4 else None
        if ordinal is not None:
            first, last = cue.first, tokens[ordinal[1]].index
        else:
            before = _ordinal_ending_before(tokens, cue.first - base, lexicon, filler)
            if before is None or lang != "en":
                continue
            ordinal = before[0], cue.last - base
            first, last = tokens[before[1]].index, cue.last
        mention = RoundMention(ordinal[0], first, last, tokens[first - base].start, tokens[last - base].end)
        if first not in found or found[first].last < last:
            found[first] = mention
    ordered = sorted(found.values(), key=lambda m: m.first)
    kept: list[RoundMention] = []
    for mention in ordered:
        if kept and mention.first <= kept[-1].last:
            continue
        kept.append(mention)
    return kept


def _filler_indexes(mentions: SentenceMentions, lang: str, ordinal_filler: bool = False) -> set[int]:
    """Tokens that may stand between a round and its verb, ordinal, place or date."""
    indexes: set[int] = set()
    kinds = ("filler", "dialogue-noun", "dialogue-anaphor", "relative")
    for cue in mentions.cues_of(*kinds):
        indexes.update(range(cue.first, cue.last + 1))
    for entity in mentions.entities:
        if entity.kind == COUNTRY or (not ordinal_filler and entity.kind in (PLACE, ORGANIZATION)):
            indexes.update(range(entity.first, entity.last + 1))
    for token in mentions.sentence.tokens:
        if token.text in (",", "،") or (lang == "en" and token.text == "-"):
            indexes.add(token.index)
    return indexes


class FrameReader:
    """Reads the frames of an article's sentences in order, carrying the context round."""

    def __init__(self, document: Document, lexicon: Lexicon) -> None:
        self.document = document
        self.lexicon = lexicon
        self.context: int | None = None

    def read(self, mentions: SentenceMentions, date_spans: list[tuple[int, int]]) -> SentenceFrame:
        """The frame of one sentence; `date_spans` are the token spans of its dates."""
        sentence = mentions.sentence
        rounds = find_round_mentions(sentence, mentions, self.lexicon, self.document.lang)
        if self.context is None and rounds:
            self.context = rounds[0].ordinal
        frame = SentenceFrame(sentence, self.context, rounds)
        filler = _filler_indexes(mentions, self.document.lang)
        for first, last in date_spans:
            filler.update(range(first, last + 1))
        frame.events = self._event_frames(mentions, rounds, filler)
        frame.inception_dates = self._inception_dates(mentions, rounds, filler, date_spans)
        focus = self._focus_round(sentence, rounds, frame.events)
        if focus is not None:
            frame.updates_context = focus != self.context
            self.context = focus
            if sentence.is_title:
                frame.context_round = focus
        return frame

    def _focus_round(self, sentence: Sentence, rounds: list[RoundMention],
                     events: list[EventFrame]) -> int | None:
        if not rounds:
            return None
        if sentence.is_title:
            return rounds[0].ordinal
        start = sentence.tokens[0].index if sentence.tokens else 0
        if rounds[0].first - start <= SENTENCE_INITIAL:
            return rounds[0].ordinal
        in_events = [e.round for e in events if not e.weak]
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
            cue = self._adjacent(events, mention.first, mention.last, filler)
            if cue is not None:
                frames.append(self._frame(mention.ordinal, cue, mention.first, mention.last, boundaries,
                                          tokens, False, filler))
        if not rounds and self.context is not None:
            # "الحوار … انطلق في 2015" is the dialogue's launch (its first round), not this round.
            launches = {e.first for e in events if e.value.cue == "inception"}
            plain = [e for e in events if e.value.cue != "inception" and e.first not in launches]
            for anaphor in mentions.cues_of("dialogue-anaphor", "dialogue-noun"):
                cue = self._adjacent(plain, anaphor.first, anaphor.last, filler, max_gap=3)
                if cue is not None:
                    frames.append(self._frame(self.context, cue, anaphor.first, anaphor.last, boundaries,
                                              tokens, True, filler))
                    break
        return frames

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
    def _frame(ordinal: int, cue: Mention, first: int, last: int, boundaries: list[int],
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
        if cue.first < first and not opens_clause:  # the verb comes first: what fronts it is its own
            earlier = [b for b in boundaries if b < span_first]
            while span_first - 1 in filler and span_first - 1 > (earlier[-1] if earlier else base - 1):
                span_first -= 1
        return EventFrame(ordinal, cue.value.cue, cue.first, cue.last, span_first, span_last, weak)

    def _inception_dates(self, mentions: SentenceMentions, rounds: list[RoundMention], filler: set[int],
                         date_spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Where the dialogue's launch is told ("انطلق الحوار في يناير 2018 في الدوحة"): the
        span after the verb, up to the next round named or event told; it holds a date."""
        spans: list[tuple[int, int]] = []
        dialogues = mentions.cues_of("dialogue-noun", "dialogue-anaphor")
        tokens = mentions.sentence.tokens
        for cue in mentions.cues_of("inception"):
            if any(r.first <= cue.first <= r.last + 3 for r in rounds):
                continue
            if self._adjacent(dialogues, cue.first, cue.last, filler) is None:
                continue
            later = [r.first for r in rounds if r.first > cue.last] + [
                e.first for e in mentions.cues_of("event", "host", "clause-break") if e.first > cue.last
                and e.first != cue.first]
            limit = min(later) - 1 if later else tokens[-1].index
            if any(first > cue.last and last <= limit for first, last in date_spans):
                spans.append((cue.last + 1, limit))
        return spans
