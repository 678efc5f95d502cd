"""Commentary: sentences that are one official's words rather than the round's record.

A sentence with a speech verb is the speaker's commentary unless the speaker chairs the
round it talks about, or both sides speak ("وأكد الطرفان"). Commentary does not give the
round its topics or its commitments.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .analysis import SentenceAnalysis
from .mentions import Mention
from .model import RoundKey
from .people import Person
from .tuning import CONTINUED_SPEECH_WINDOW, JOINT_SPEECH_WINDOW


def mark_commentary(analyses: Sequence[SentenceAnalysis],
                    chairs: dict[RoundKey, set[str]]) -> tuple[SentenceAnalysis, ...]:
    """The analyses with `speaker` and `commentary` filled in; `chairs` is {round: {person id}}."""
    marked = []
    previous: Person | None = None
    for analysis in analyses:
        speech = analysis.mentions.cues_of("speech")
        if not speech or _joint_subject_speaks(analysis, speech):
            previous = None
            marked.append(analysis)
            continue
        speaker = _speaker(analysis, speech, previous)
        previous = speaker
        if speaker is None:
            marked.append(analysis)
            continue
        key = analysis.frame.context_key
        commentary = key is None or speaker.id not in chairs.get(key, set())
        marked.append(replace(analysis, speaker=speaker, commentary=commentary))
    return tuple(marked)


def _joint_subject_speaks(analysis: SentenceAnalysis, speech: list[Mention]) -> bool:
    """"وأكد الطرفان", "Both sides reaffirmed": the sides, not one official, are speaking."""
    joint = analysis.mentions.cues_of("joint-subject")
    return any(0 < j.first - s.last <= JOINT_SPEECH_WINDOW or 0 < s.first - j.last <= JOINT_SPEECH_WINDOW
               for j in joint for s in speech)


def _speaker(analysis: SentenceAnalysis, speech: list[Mention], previous: Person | None) -> Person | None:
    """The official who speaks: the one named nearest the speech verb, or the last speaker."""
    if analysis.people:
        return min(((abs(r.first - s.first), r.person) for r in analysis.people for s in speech),
                   key=lambda pair: pair[0])[1]
    start = analysis.sentence.tokens[0].index if analysis.sentence.tokens else 0
    if previous is not None and any(s.first - start <= CONTINUED_SPEECH_WINDOW for s in speech):
        return previous  # "كما أشار إلى أن …": the same speaker goes on
    return None
