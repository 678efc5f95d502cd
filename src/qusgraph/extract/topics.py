"""Topics of a round.

A topic belongs to a round when its sentence names that round, or talks about the round in
context with an agenda cue (ناقش، جدول أعمال، discussed), a joint subject (الجانبان، both
sides, or the dialogue's parties), or in the words of one of the round's chairs. A
spokesman's commentary is not the round's agenda. (Topics of agreements and commitments are
found with them, in agreements.py and commitments.py.)
"""

from __future__ import annotations

from ..model import RoundKey, Supported
from .analysis import RoundNote, SentenceAnalysis, evidence
from .mentions import COUNTRY
from .tuning import JOINT_SUBJECT_WINDOW, SUBJECT_WINDOW


def topic_notes(analysis: SentenceAnalysis) -> list[RoundNote]:
    """The topics one sentence gives a round, one note per topic."""
    frame = analysis.frame
    mentions = analysis.mentions
    agenda = mentions.has_cue("agenda")
    joint = mentions.has_cue("joint-subject") or party_is_subject(analysis)
    chair_voice = analysis.speaker is not None and not analysis.commentary
    breaks = [m.first for m in mentions.cues_of("clause-break")]
    notes = []
    for topic in mentions.topics:
        explicit = frame.explicit_round_left_of(topic.first, breaks)
        if explicit is not None and (not analysis.commentary or agenda):
            round_number: RoundKey | None = explicit
        elif agenda or (not analysis.commentary and (joint or chair_voice)):
            round_number = frame.round_at(topic.first)
        else:
            round_number = None
        if round_number is None:
            continue
        notes.append(RoundNote(round_number, topics=(
            Supported(topic.value, evidence(analysis.sentence, topic.start, topic.end)),)))
    return notes


def party_is_subject(analysis: SentenceAnalysis) -> bool:
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
