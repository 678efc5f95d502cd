"""The dialogue's two parties: the first dialogue the article names with its parties (the one
its rounds named without parties belong to, see frames.py), else the countries named next to
a dialogue, else the most named ones."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..text.lexicon import Lexicon
from .analysis import SentenceAnalysis, evidence
from .mentions import COUNTRY
from .model import Evidence
from .people import Person
from .tuning import DIALOGUE_PARTY_WINDOW, NEAR_DIALOGUE_WEIGHT, OFFICIAL_COUNTRY_WEIGHT


@dataclass(frozen=True)
class Dialogue:
    parties: tuple[str, ...]  # two ISO codes, sorted
    evidence: Evidence | None  # the first mention of the dialogue


def find_dialogue(lexicon: Lexicon, analyses: Sequence[SentenceAnalysis], people: Sequence[Person],
                  has_rounds: bool) -> Dialogue | None:
    """The dialogue an article is about, when it names a round or the dialogue and two parties
    can be told."""
    if not has_rounds and not any(a.mentions.has_cue("dialogue-noun") for a in analyses):
        return None
    near: Counter[str] = Counter()
    overall: Counter[str] = Counter()
    first_mention: Evidence | None = None
    for analysis in analyses:
        dialogues = analysis.mentions.cues_of("dialogue-noun")
        for entity in analysis.mentions.entities_of(COUNTRY):
            iso = entity.value.iso
            overall[iso] += 1
            if any(abs(entity.first - d.last) <= DIALOGUE_PARTY_WINDOW
                   or abs(d.first - entity.last) <= DIALOGUE_PARTY_WINDOW for d in dialogues):
                near[iso] += 1
        if dialogues and first_mention is None:
            first_mention = evidence(analysis.sentence, dialogues[0].start, dialogues[0].end)
    for person in people:
        if person.country is not None and person.mentions:
            overall[person.country] += OFFICIAL_COUNTRY_WEIGHT
    score = Counter({iso: NEAR_DIALOGUE_WEIGHT * near[iso] + overall[iso] for iso in overall})
    parties = [iso for iso, _ in score.most_common(2)]
    if len(parties) < 2:  # "الحوار الاستراتيجي" with its parties unnamed: the known dialogue
        known = next((d for d in lexicon.dialogues if set(parties) <= set(d)), None)
        parties = list(known) if known else parties
    named = analyses[-1].frame.article_dialogue if analyses else None
    if named is not None:
        parties = list(named)
    if len(parties) != 2:
        return None
    return Dialogue(tuple(sorted(parties)), first_mention)
