"""Stage 5: facts — typed records built from the sentence analyses and frames.

A short driver over one pure function per fact kind; the order below is the order of their
data dependencies (each step's inputs are its arguments):

1. `analysis`    — every sentence's mentions, dates, amounts, names, posts and frame;
2. `officials`   — names resolved to people, with posts and countries (fills `people`);
3. `chairs`      — the chairs of each round (needs the people);
4. `commentary`  — which sentences are one official's words (needs people and chairs);
5. per sentence, in text order: `rounds` (places, dates), `agreements`, `commitments`,
   `topics` (these need commentary);
6. `dialogues`   — the dialogue's parties (needs the rounds and people); then the officials'
   records and the sentences.

The driver alone assembles `ArticleFacts`; the kinds return records and `RoundNote`s.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..text.lexicon import Lexicon
from ..text.segment import Document
from .agreements import add_agreement, refer_back, sentence_agreements, sentence_references
from .analysis import RoundNote, SentenceAnalysis, analyse_article, clause_starts
from .chairs import chairs_by_round, find_chairs
from .commentary import mark_commentary
from .commitments import add_commitment, sentence_commitments
from .dialogues import find_dialogue
from .model import ArticleFacts, SentenceRecord
from .officials import find_people, official_records
from .rounds import round_notes
from .topics import topic_notes


@dataclass
class Extraction:
    """The stages of one article's extraction and the facts it yields."""

    document: Document
    sentences: list[SentenceAnalysis]
    facts: ArticleFacts


def extract(document: Document, lexicon: Lexicon) -> Extraction:
    """Run stages 3–5 on a segmented article."""
    context = analyse_article(document, lexicon)
    people = find_people(context)
    chair_notes = find_chairs(context, people.analyses)
    analyses = mark_commentary(people.analyses, chairs_by_round(chair_notes))

    facts = ArticleFacts(document.article, document.lang)
    _note_rounds(facts, chair_notes)
    for position, analysis in enumerate(analyses):
        _note_rounds(facts, round_notes(context, analysis))
        if analysis.sentence.is_title:
            continue
        round_dates = {r.key: [d.value.text for d in r.dates] for r in facts.rounds}
        for agreement in sentence_agreements(context, analyses, position, round_dates):
            note = add_agreement(facts.agreements, agreement)  # merges with one already known
            if note is not None:
                _note_rounds(facts, [note])
        for reference in sentence_references(context, analyses, position):
            note = refer_back(facts.agreements, reference)  # an agreement named again: its topics
            if note is not None:
                _note_rounds(facts, [note])
        for commitment in sentence_commitments(analysis, context.home_country, round_dates, context.published):
            note = add_commitment(facts.commitments, commitment)  # merges with the same amount
            if note is not None:
                _note_rounds(facts, [note])
        _note_rounds(facts, topic_notes(analysis))

    dialogue = find_dialogue(lexicon, analyses, people.people, has_rounds=bool(facts.rounds))
    if dialogue is not None:
        facts.dialogue_parties, facts.dialogue_evidence = dialogue.parties, dialogue.evidence
    facts.officials = official_records(context, people.people)
    facts.sentences = [SentenceRecord(s.index, s.start, s.end, document.sentence_text(s)) for s in document.sentences]
    return Extraction(document, list(analyses), facts)


def _note_rounds(facts: ArticleFacts, notes: Iterable[RoundNote]) -> None:
    """Add what the notes say to the article's round records, in order (a round's record is
    made at its first note, which fixes the order of rounds)."""
    for note in notes:
        record = facts.round(note.key)
        record.mentions.extend(note.mentions)
        record.dates.extend(note.dates)
        record.places.extend(note.places)
        record.chairs.extend(note.chairs)
        record.topics.extend(note.topics)


__all__ = ["Extraction", "SentenceAnalysis", "clause_starts", "extract"]
