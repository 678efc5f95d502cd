"""Chairs: the people named with a chair cue (برئاسة، ترأس، co-chaired), except the chairs
of a session other than the opening one ("the closing session was chaired by …")."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import RoundKey, Supported
from .analysis import ArticleContext, RoundNote, SentenceAnalysis, clause_starts, evidence
from .mentions import Mention
from .people import Person, PersonReference


def find_chairs(context: ArticleContext, analyses: Sequence[SentenceAnalysis]) -> list[RoundNote]:
    """One note per chair cue whose round is known, with the chairs it names (maybe none)."""
    notes: list[RoundNote] = []
    previous_people: list[Person] = []  # "ترأسه …" with a pronoun: the people of the sentence before
    for analysis in analyses:
        frame = analysis.frame
        mentions = analysis.mentions
        cues = sorted(mentions.cues_of("chair", "chair-by-pronoun"), key=lambda m: m.first)
        excluded_by_session = False
        for cue in cues:
            clause_end = _clause_end(analysis, cue.last)
            starts = [s for s in clause_starts(mentions) if s <= cue.first]
            clause_start = starts[-1] if starts else analysis.sentence.tokens[0].index
            sessions = [m for m in mentions.cues_of("session") if clause_start <= m.first <= clause_end]
            if sessions:
                opening = any(clause_start <= m.first <= clause_end for m in mentions.cues_of("opening"))
                excluded_by_session = not opening
            if excluded_by_session:
                continue
            people = _chair_people(context, analysis, cue, clause_end, previous_people)
            # the round chaired is the verb's object when one is named in its clause ("Blinken, who
            # co-chaired the fourth U.S.-Qatar Strategic Dialogue", "ترأس … اجتماع الدورة التاسعة"),
            # else the round the sentence speaks of where the verb stands
            chaired = [r for r in frame.rounds if cue.last < r.first <= clause_end]
            keys = [chaired[0].key] if chaired and cue.value.cue == "chair" else frame.rounds_at(cue.first)
            for key in keys:
                notes.append(RoundNote(key, chairs=tuple(
                    Supported(r.person.id, evidence(analysis.sentence, r.start, r.end)) for r in people)))
        if analysis.people:
            previous_people = [r.person for r in analysis.people]
    return notes


def chairs_by_round(notes: Sequence[RoundNote]) -> dict[RoundKey, set[str]]:
    """{round: {person id}} of the chair notes."""
    chairs: dict[RoundKey, set[str]] = {}
    for note in notes:
        for chair in note.chairs:
            chairs.setdefault(note.key, set()).add(chair.value)
    return chairs


def _clause_end(analysis: SentenceAnalysis, after: int) -> int:
    breaks = [m.first for m in analysis.mentions.cues_of("clause-break", "chair") if m.first > after]
    tokens = analysis.sentence.tokens
    return (min(breaks) - 1) if breaks else tokens[-1].index


def _chair_people(context: ArticleContext, analysis: SentenceAnalysis, cue: Mention, clause_end: int,
                  previous_people: list[Person]) -> list[PersonReference]:
    """Who a chair cue names: after it ("برئاسة X و Y", "chaired by"), else before it."""
    before = unique_people([r for r in analysis.people if r.last < cue.first])
    if cue.value.cue == "chair-by-pronoun":
        seen = {r.person.id for r in before}
        for person in reversed(previous_people):
            if len(before) >= 2:  # a round has two chairs, one per side
                break
            if person.id not in seen:
                seen.add(person.id)
                before.append(PersonReference(person, cue.first, cue.last, cue.start, cue.end))
        return before
    after = unique_people([r for r in analysis.people if cue.last < r.first <= clause_end])
    form = context.document.text_of(cue.start, cue.end).lower()
    tokens = analysis.sentence.tokens
    position = next((i for i, t in enumerate(tokens) if t.index == cue.last), len(tokens))
    by_follows = position + 1 < len(tokens) and tokens[position + 1].text == "by"
    names_follow = context.lang == "ar" or form.endswith(" by") or by_follows or "delegation" in form
    if after and names_follow:
        return after
    return before if context.lang == "en" else after


def unique_people(references: list[PersonReference]) -> list[PersonReference]:
    """The references with each person once, at their first reference."""
    seen: set[str] = set()
    out: list[PersonReference] = []
    for reference in references:
        if reference.person.id not in seen:
            seen.add(reference.person.id)
            out.append(reference)
    return out
