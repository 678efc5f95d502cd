"""Topics of a round.

A topic belongs to a round when its sentence names that round, or talks about the round in
context with an agenda cue (ناقش، جدول أعمال، discussed), a joint subject (الجانبان، both
sides, or the dialogue's parties), or in the words of one of the round's chairs. A
spokesman's commentary is not the round's agenda, but the subject of a thematic session it
names is ("وخلال جلسة التعاون الاقتصادي والتجارة", "During a session on trade and
investment"), and so are the items of a list ("• New agreement on …", "- الجولة الأولى:
…"). (Topics of agreements and commitments are found with them, in agreements.py and
commitments.py.)
"""

from __future__ import annotations

from .analysis import RoundNote, SentenceAnalysis, evidence
from .mentions import COUNTRY, Mention
from .model import RoundKey, Supported
from .tuning import JOINT_SUBJECT_WINDOW, SESSION_TOPIC_GAP, SUBJECT_WINDOW, TOPIC_LIST_GAP


def topic_notes(analysis: SentenceAnalysis) -> list[RoundNote]:
    """The topics one sentence gives a round, one note per topic."""
    frame = analysis.frame
    mentions = analysis.mentions
    # an item of a list of outcomes ("• Memorandum of Cooperation signed on …") is the round's record
    agenda = mentions.has_cue("agenda") or analysis.sentence.is_list_item
    joint = mentions.has_cue("joint-subject") or party_is_subject(analysis)
    chair_voice = analysis.speaker is not None and not analysis.commentary
    breaks = [m.first for m in mentions.cues_of("clause-break")]
    sessions = session_topics(analysis)
    notes = []
    for topic in mentions.topics:
        explicit = frame.explicit_round_left_of(topic.first, breaks)
        if explicit is not None and (not analysis.commentary or agenda or topic in sessions):
            round_number: RoundKey | None = explicit
        elif agenda or topic in sessions or (not analysis.commentary and (joint or chair_voice)):
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


def session_topics(analysis: SentenceAnalysis) -> list[Mention]:
    """The topics that name a session: right after a session noun ("جلسة التعاون الاقتصادي
    والتجارة والاستثمار", "a session on trade and investment"), and those listed with them."""
    topics = sorted(analysis.mentions.topics, key=lambda m: m.first)
    found: list[Mention] = []
    for session in analysis.mentions.cues_of("session"):
        last = session.last
        gap = SESSION_TOPIC_GAP
        for topic in topics:
            if topic.first <= last:
                continue
            if topic.first - last - 1 > gap:
                break
            found.append(topic)
            last, gap = topic.last, TOPIC_LIST_GAP
    return found
