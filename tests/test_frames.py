"""Stage 4, frames: which round a sentence talks about. A round is named by an ordinal in
any of its written forms; the round a sentence puts in focus governs the sentences after
it; a round's place and date are read in the frame of its event verb only."""

from __future__ import annotations

from datetime import date

import pytest

from qusgraph.articles import make_article
from qusgraph.extract import Extraction, extract_article
from qusgraph.lexicon import Lexicon

PUBLISHED = date(2024, 3, 6)  # a Wednesday


def extraction(lexicon: Lexicon, text: str, published: date | None = PUBLISHED) -> Extraction:
    article = make_article(article_id="frames", text=text, source="frames.txt", lexicon=lexicon, published=published)
    return extract_article(article, lexicon)


def rounds(lexicon: Lexicon, text: str) -> dict[int, tuple[set[str], set[str]]]:
    """{ordinal: (dates, places)} of every round the article names."""
    facts = extraction(lexicon, text).facts
    return {r.ordinal: ({d.value.text for d in r.dates}, {p.value for p in r.places}) for r in facts.rounds}


def context_rounds(lexicon: Lexicon, text: str) -> list[int | None]:
    """The context round of each body sentence."""
    return [a.frame.context_round for a in extraction(lexicon, text).sentences
            if a.frame is not None and not a.sentence.is_title]


def agreement_rounds(lexicon: Lexicon, text: str) -> dict[str | None, int | None]:
    """{primary topic: round} of the agreements of an article."""
    return {a.primary_topic: a.round.ordinal if a.round else None
            for a in extraction(lexicon, text).facts.agreements}


# ------------------------------------------------------------------ ordinals
@pytest.mark.parametrize(
    ("named", "ordinal"),
    [
        ("الدورة السادسة من الحوار الاستراتيجي", 6),
        ("الحوار الاستراتيجي السادس", 6),
        ("الدورة الحادية عشرة من الحوار الاستراتيجي", 11),
        ("الحوار الاستراتيجي الحادي عشر", 11),
        ("الدورة 6 من الحوار الاستراتيجي", 6),
        ("الدورة ٦ من الحوار الاستراتيجي", 6),
        ("الحوار الاستراتيجي الـ6", 6),
        ("الجولة السادسة من الحوار الاستراتيجي", 6),
        ("النسخة السادسة من الحوار الاستراتيجي", 6),
    ],
    ids=["feminine", "masculine", "feminine-compound", "masculine-compound", "digits", "arabic-indic-digits",
         "al-digits", "jawla", "nuskha"],
)
def test_an_arabic_round_is_named_by_its_ordinal_in_any_written_form(
        lexicon: Lexicon, named: str, ordinal: int) -> None:
    text = f"الحوار الاستراتيجي بين قطر والولايات المتحدة\n\n" \
           f"انطلقت في الدوحة أمس أعمال {named} بين دولة قطر والولايات المتحدة الأمريكية."
    assert rounds(lexicon, text) == {ordinal: ({"2024-03-05"}, {"doha"})}


@pytest.mark.parametrize(
    ("named", "ordinal"),
    [
        ("the sixth round of the U.S.-Qatar Strategic Dialogue", 6),
        ("the 6th U.S.-Qatar Strategic Dialogue", 6),
        ("the fourth Strategic Dialogue", 4),
        ("the eleventh round of the Strategic Dialogue", 11),
    ],
    ids=["word-round-of", "digits-th", "word-before-dialogue", "compound-word"],
)
def test_an_english_round_is_named_by_its_ordinal_in_any_written_form(
        lexicon: Lexicon, named: str, ordinal: int) -> None:
    text = f"Qatar, U.S. hold strategic talks\n\nQatar and the United States opened {named} in Doha on Tuesday."
    assert rounds(lexicon, text) == {ordinal: ({"2024-03-05"}, {"doha"})}


# ------------------------------------------------------------------ the context round
def test_the_title_round_is_the_context_of_the_body(lexicon: Lexicon) -> None:
    text = ("اختتام الدورة السادسة من الحوار الاستراتيجي بين قطر والولايات المتحدة\n\n"
            "ووقع الجانبان مذكرة تفاهم في مجال التعليم.")
    assert context_rounds(lexicon, text) == [6]
    assert agreement_rounds(lexicon, text) == {"education": 6}


def test_a_round_put_in_focus_governs_the_sentences_after_it(lexicon: Lexicon) -> None:
    text = ("الحوار الاستراتيجي بين قطر والولايات المتحدة\n\n"
            "وشهدت الدورة السادسة توقيع مذكرة تفاهم في مجال التعليم.\n\n"
            "وفي الدورة الثالثة التي عقدت في واشنطن، ناقش الجانبان التعاون الدفاعي.\n\n"
            "ووقع الجانبان خلالها مذكرة تفاهم في مجال الطاقة.")
    assert context_rounds(lexicon, text)[-1] == 3
    assert agreement_rounds(lexicon, text) == {"education": 6, "energy": 3}


def test_a_round_named_in_a_relative_clause_about_a_past_signing_does_not_take_the_focus(
        lexicon: Lexicon) -> None:
    text = ("اختتام الدورة السادسة من الحوار الاستراتيجي\n\n"
            "وأكد الجانبان خلال الدورة السادسة التزامهما بالإعلان المشترك لمكافحة الإرهاب "
            "الذي تم توقيعه في الدورة الأولى من الحوار.\n\n"
            "ووقع الجانبان مذكرة تفاهم في مجال التعليم.")
    assert context_rounds(lexicon, text) == [6, 6]
    assert agreement_rounds(lexicon, text)["education"] == 6


# ------------------------------------------------------------------ event frames
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("الحوار الاستراتيجي\n\nالدوحة /قنا/ تنطلق في واشنطن غدا أعمال الدورة السادسة من الحوار الاستراتيجي "
         "بين دولة قطر والولايات المتحدة الأمريكية.",
         {6: ({"2024-03-07"}, {"washington"})}),
        ("Qatar talks\n\nWASHINGTON, March 6 (Reuters) - Qatar's prime minister said on Wednesday the fifth round "
         "of the strategic dialogue, held in Doha in November 2022, had deepened ties.",
         {5: ({"2022-11"}, {"doha"})}),
    ],
    ids=["ar", "en"],
)
def test_the_dateline_city_and_date_are_not_the_rounds(
        lexicon: Lexicon, text: str, expected: dict[int, tuple[set[str], set[str]]]) -> None:
    assert rounds(lexicon, text) == expected


def test_a_round_mentioned_without_an_event_verb_gets_no_place_from_its_sentence(lexicon: Lexicon) -> None:
    text = ("الحوار الاستراتيجي\n\n"
            "والتقى سعادته في الدوحة أمس وفدا من رجال الأعمال، وبحث معهم التحضيرات للدورة السادسة "
            "من الحوار الاستراتيجي بين دولة قطر والولايات المتحدة الأمريكية.")
    assert rounds(lexicon, text) == {6: (set(), set())}
