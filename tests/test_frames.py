"""Stage 4, frames: which round a sentence talks about. A round is named by an ordinal in
any of its written forms; the round a sentence puts in focus governs the sentences after
it; a round's place and date are read in the frame of its event verb only."""

from __future__ import annotations

from datetime import date

import pytest

from qusgraph.extract import Extraction, extract_article
from qusgraph.text.articles import make_article
from qusgraph.text.lexicon import Lexicon

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


@pytest.mark.parametrize(
    ("named", "ordinal"),
    [("Round four of the Strategic Dialogue", 4), ("round seven of the talks", 7), ("Round 4", 4)],
    ids=["word-capitalised", "word-lower", "digits"],
)
def test_an_english_round_is_named_by_a_number_after_its_noun(lexicon: Lexicon, named: str, ordinal: int) -> None:
    text = f"Gulf diplomacy\n\nQatar and the United States held {named} in Doha on Tuesday."
    assert rounds(lexicon, text) == {ordinal: ({"2024-03-05"}, {"doha"})}


def test_a_number_after_round_that_counts_something_else_is_no_ordinal(lexicon: Lexicon) -> None:
    text = "Gulf diplomacy\n\nQatar hosted the fifth round in Doha on Tuesday. " \
           "It followed a round two years ago in Washington."
    assert set(rounds(lexicon, text)) == {5}


@pytest.mark.parametrize("auxiliary", ["كانت قد", "كانت", "قد"])
def test_an_auxiliary_between_an_arabic_round_and_its_verb_keeps_the_frame(lexicon: Lexicon, auxiliary: str) -> None:
    text = ("الحوار الاستراتيجي بين قطر والولايات المتحدة\n\n"
            f"ومن المعروف أن الدورة الثالثة من الحوار {auxiliary} عقدت في واشنطن في سبتمبر 2020.")
    assert rounds(lexicon, text) == {3: ({"2020-09"}, {"washington"})}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("اللجنة الاستراتيجية العليا القطرية التركية\n\n"
         "عقد في أنقرة أمس الاجتماع الخامس للجنة الاستراتيجية العليا بين دولة قطر والجمهورية التركية.",
         {"5": ({"2024-03-05"}, {"ankara"})}),
        ("Qatar, U.S. talks\n\nThe third meeting of the Strategic Dialogue was held in Doha on Tuesday.",
         {"3": ({"2024-03-05"}, {"doha"})}),
    ],
    ids=["ar", "en"],
)
def test_a_meeting_with_an_ordinal_and_the_dialogues_name_is_a_round(
        lexicon: Lexicon, text: str, expected: dict[str, tuple[set[str], set[str]]]) -> None:
    assert round_table(lexicon, text) == expected


def test_a_meeting_with_an_ordinal_of_something_else_is_no_round(lexicon: Lexicon) -> None:
    text = "Qatar, U.S. talks\n\nThe third meeting of the energy working group was held in Doha on Tuesday."
    assert round_table(lexicon, text) == {}


def test_a_relative_clause_after_a_round_gives_it_the_place_and_date_of_its_verb(lexicon: Lexicon) -> None:
    text = ("Gulf diplomacy\n\nThe second round, which Pompeo hosted for his Qatari counterpart in Washington "
            "in March 2019, ended with a joint statement.")
    assert rounds(lexicon, text) == {2: ({"2019-03"}, {"washington"})}


def test_an_english_bare_ordinal_opening_a_sentence_after_a_named_round_is_a_round(lexicon: Lexicon) -> None:
    text = ("Gulf diplomacy\n\nThe second round was held in Washington in March 2019. "
            "The third, in Doha in May 2020, turned to energy.")
    assert rounds(lexicon, text) == {2: ({"2019-03"}, {"washington"}), 3: ({"2020-05"}, {"doha"})}


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


# ------------------------------------------------------------------ the table of round mentions
def round_table(lexicon: Lexicon, text: str,
                published: date | None = PUBLISHED) -> dict[str, tuple[set[str], set[str]]]:
    """{round label ("5", "GB-QA/2"): (dates, places)} of every round the article names."""
    facts = extraction(lexicon, text, published).facts
    return {r.key.label: ({d.value.text for d in r.dates}, {p.value for p in r.places}) for r in facts.rounds}


@pytest.mark.parametrize(
    ("named", "ordinal"),
    [
        ("جولة ثالثة من الحوار الاستراتيجي", 3),
        ("دورة رابعة من الحوار الاستراتيجي", 4),
        ("خامس الجولات من الحوار الاستراتيجي", 5),
        ("الجولة رقم 7 من الحوار الاستراتيجي", 7),
    ],
    ids=["indefinite", "indefinite-dawra", "ordinal-before-plural", "raqm"],
)
def test_an_indefinite_or_fronted_arabic_ordinal_names_a_round(lexicon: Lexicon, named: str, ordinal: int) -> None:
    text = f"الحوار الاستراتيجي بين قطر والولايات المتحدة\n\nعقدت في الدوحة أمس {named} بين البلدين."
    assert round_table(lexicon, text) == {str(ordinal): ({"2024-03-05"}, {"doha"})}


@pytest.mark.parametrize(
    ("named", "ordinal"),
    [
        ("the inaugural edition of the Strategic Dialogue", 1),
        ("the sixth session of the Strategic Dialogue", 6),
        ("the fifth iteration of the Strategic Dialogue", 5),
    ],
    ids=["inaugural", "session", "iteration"],
)
def test_an_english_round_is_named_as_an_edition_session_or_iteration(
        lexicon: Lexicon, named: str, ordinal: int) -> None:
    text = f"Qatar, U.S. talks\n\nQatar and the United States held {named} in Doha on Tuesday."
    assert round_table(lexicon, text) == {str(ordinal): ({"2024-03-05"}, {"doha"})}


def test_a_round_of_other_talks_or_of_another_event_is_not_the_dialogues(lexicon: Lexicon) -> None:
    text = ("الحوار الاستراتيجي بين قطر والولايات المتحدة\n\n"
            "واستضافت الدوحة أمس الجولة الثالثة من المفاوضات بين الأطراف السودانية.\n\n"
            "وتنطلق في الدوحة غدا النسخة الرابعة من منتدى الاستثمار.")
    assert round_table(lexicon, text) == {}


def test_coordinated_rounds_share_out_their_dates_and_places_in_order(lexicon: Lexicon) -> None:
    text = ("الحوار الاستراتيجي بين قطر والولايات المتحدة\n\n"
            "وعقدت الجولتان الثانية والثالثة في واشنطن، في مايو 2019 ويونيو 2020 على التوالي.")
    assert round_table(lexicon, text) == {"2": ({"2019-05"}, {"washington"}), "3": ({"2020-06"}, {"washington"})}
    text = ("Qatar, U.S. talks\n\n"
            "The second and third rounds were held in Doha and Washington respectively. "
            "Trade dominated the second; the third, in June 2020, turned to health.")
    assert round_table(lexicon, text) == {"2": (set(), {"doha"}), "3": ({"2020-06"}, {"washington"})}


def test_coordinated_rounds_share_their_chairs(lexicon: Lexicon) -> None:
    text = ("الحوار الاستراتيجي بين قطر والولايات المتحدة\n\n"
            "- الجولتان الثانية والثالثة (واشنطن والدوحة): ترأسهما الشيخ محمد بن عبدالرحمن آل ثاني "
            "ومايك بومبيو.")
    facts = extraction(lexicon, text).facts
    chairs = {r.key.label: {c.value for c in r.chairs} for r in facts.rounds}
    assert chairs == {"2": {"mohammed-bin-abdulrahman-al-thani", "mike-pompeo"},
                      "3": {"mohammed-bin-abdulrahman-al-thani", "mike-pompeo"}}
    assert round_table(lexicon, text) == {"2": (set(), {"washington"}), "3": (set(), {"doha"})}


def test_what_a_rounds_name_encloses_in_brackets_is_its_frame(lexicon: Lexicon) -> None:
    text = ("محطات الحوار الاستراتيجي بين قطر والولايات المتحدة\n\n"
            "- الجولة الأولى (الدوحة، 8 آذار/مارس 2019): تناولت التعاون الدفاعي.")
    assert round_table(lexicon, text) == {"1": ({"2019-03-08"}, {"doha"})}


def test_a_list_item_opening_with_an_ordinal_under_a_heading_of_rounds_is_that_round(lexicon: Lexicon) -> None:
    text = ("Key facts: the Qatar-US Strategic Dialogue\n\n"
            "PAST ROUNDS\n"
            "• 1st: Doha, May 2, 2019\n"
            "• 2nd: Washington, June 3, 2020\n\n"
            "KEY NUMBERS\n"
            "• 3rd: largest trading partner")
    assert round_table(lexicon, text) == {"1": ({"2019-05-02"}, {"doha"}), "2": ({"2020-06-03"}, {"washington"})}


@pytest.mark.parametrize(
    "item",
    ["- الجولة الثانية: احتضنتها الرياض في 4 نيسان 2021، ثم تلتها لقاءات فنية.",
     "الجولة الثانية: الرياض، 4 نيسان 2021.",
     "* الدورة الثانية: جرت في الرياض يوم 4 أبريل 2021 وناقشت التجارة."],
    ids=["dash-host-verb", "bare-label", "star-event-verb"],
)
def test_a_round_that_labels_its_item_or_paragraph_takes_the_date_and_place_after_the_colon(
        lexicon: Lexicon, item: str) -> None:
    text = f"محطات الحوار الاستراتيجي بين قطر والولايات المتحدة\n\n{item}"
    assert round_table(lexicon, text) == {"2": ({"2021-04-04"}, {"riyadh"})}


def test_a_colon_after_a_round_named_mid_sentence_labels_nothing(lexicon: Lexicon) -> None:
    text = ("الحوار الاستراتيجي بين قطر والولايات المتحدة\n\n"
            "قال المتحدث إن أبرز ما أنجزته الجولة الثانية: اتفاق في الرياض عام 2021.")
    assert round_table(lexicon, text) == {"2": (set(), set())}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [("ترأس وزيرا خارجية البلدين، أمس، أعمال الدورة الثالثة من الحوار الاستراتيجي في الدوحة.",
      ({"2024-03-05"}, {"doha"})),
     ("ويترأس الوزيران اليوم الجولة الثالثة من الحوار الاستراتيجي.", ({"2024-03-06"}, set()))],
    ids=["yesterday-then-place", "today"],
)
def test_the_day_a_round_was_chaired_on_is_its_date(lexicon: Lexicon, sentence: str,
                                                     expected: tuple[set[str], set[str]]) -> None:
    text = f"الحوار الاستراتيجي بين قطر والولايات المتحدة\n\nالدوحة - وكالات\n\n{sentence}"
    assert round_table(lexicon, text) == {"3": expected}


def test_a_round_of_another_dialogue_hosted_late_last_month(lexicon: Lexicon) -> None:
    text = ("الكويت والولايات المتحدة تعقدان الجولة الثالثة من الحوار الاستراتيجي الكويتي الأمريكي\n\n"
            "وكانت أبوظبي قد احتضنت أواخر الشهر الماضي الجولة الأولى من الحوار الاستراتيجي الإماراتي الأمريكي.")
    assert round_table(lexicon, text)["AE-US/1"] == ({"2024-02"}, {"abu-dhabi"})


def test_a_timeline_names_a_round_once_then_its_ordinals_alone(lexicon: Lexicon) -> None:
    text = ("محطات الحوار الاستراتيجي بين قطر والولايات المتحدة\n\n"
            "انعقدت الجولة الأولى في الرياض في 4 نيسان 2019، ثم احتضنت الدوحة الثانية في 8 أيار 2020، "
            "فيما جرت الثالثة في واشنطن خلال آذار 2021.")
    assert round_table(lexicon, text) == {"1": ({"2019-04-04"}, {"riyadh"}), "2": ({"2020-05-08"}, {"doha"}),
                                          "3": ({"2021-03"}, {"washington"})}


def test_an_ordinal_after_a_noun_or_a_preposition_is_no_round(lexicon: Lexicon) -> None:
    text = ("الحوار الاستراتيجي بين قطر والولايات المتحدة\n\n"
            "عقدت الجولة الأولى في الرياض عام 2019. وعقد الوزيران للمرة الثانية لقاء في الدوحة، "
            "ثم تنطلق الجلسات في الثانية ظهرا.")
    assert set(round_table(lexicon, text)) == {"1"}


def test_a_city_coordinated_with_a_country_is_a_party_not_the_venue(lexicon: Lexicon) -> None:
    text = ("البحرين وواشنطن تعقدان الجولة الثالثة من الحوار الاستراتيجي البحريني الأمريكي\n\n"
            "وتعقد الجولة الثالثة في المنامة وواشنطن معا.")
    assert round_table(lexicon, text) == {"3": (set(), {"manama"})}


def test_a_round_of_a_dialogue_named_with_a_possessive_takes_the_date_after_it(lexicon: Lexicon) -> None:
    text = ("الكويت والولايات المتحدة تعقدان الجولة الثالثة من الحوار الاستراتيجي الكويتي الأمريكي\n\n"
            "وتأتي هذه الجولة بعد الجولة الثانية من حوارها الاستراتيجي مع الإمارات أواخر الشهر الماضي في أبوظبي.")
    assert round_table(lexicon, text)["AE-US/2"] == ({"2024-02"}, {"abu-dhabi"})


@pytest.mark.parametrize(
    "line",
    ["الجولة الثانية – الرياض – 4 نيسان 2021", "الجولة الثانية (4 نيسان 2021): الرياض"],
    ids=["dashes", "brackets-then-colon"],
)
def test_a_round_heading_a_line_of_its_place_and_date(lexicon: Lexicon, line: str) -> None:
    text = f"محطات الحوار الاستراتيجي بين قطر والولايات المتحدة\n\n{line}"
    assert round_table(lexicon, text) == {"2": ({"2021-04-04"}, {"riyadh"})}


# ------------------------------------------------------------------ rounds of other dialogues
def test_a_round_of_another_dialogue_is_that_dialogues(lexicon: Lexicon) -> None:
    text = ("Qatar and the U.S. hold the sixth Qatar-US Strategic Dialogue\n\n"
            "Qatar and the United States held the sixth round of the Strategic Dialogue in Doha on Tuesday. "
            "Kuwait held the sixth round of its own strategic dialogue with the United States in Washington "
            "in May 2023.\n\n"
            "الدوحة تستضيف الدورة الثانية من الحوار الاستراتيجي القطري البريطاني في يونيو 2023.")
    assert round_table(lexicon, text) == {"6": ({"2024-03-05"}, {"doha"}), "KW-US/6": ({"2023-05"}, {"washington"}),
                                          "GB-QA/2": ({"2023-06"}, {"doha"})}


def test_another_dialogues_context_ends_with_its_paragraph(lexicon: Lexicon) -> None:
    text = ("Gulf dialogues with Washington\n\n"
            "Qatar's dialogue with the United States met in Doha in March 2024 for its sixth round.\n\n"
            "Kuwait's dialogue is older. Its fourth round was held in Washington in May 2021. "
            "That session signed a memorandum of understanding on trade.\n\n"
            "The fifth round was held in Doha in May 2022.")
    facts = extraction(lexicon, text).facts
    assert set(round_table(lexicon, text)) == {"6", "KW-US/4", "5"}
    assert facts.dialogue_parties == ("QA", "US")
    assert [(a.round.label if a.round else None, a.type) for a in facts.agreements] == [
        ("KW-US/4", "MemorandumOfUnderstanding")]


def test_a_round_of_another_dialogue_is_minted_under_that_dialogue(lexicon: Lexicon) -> None:
    from qusgraph.rdf.mapping import article_graph

    text = ("الحوار الاستراتيجي بين قطر والولايات المتحدة\n\n"
            "وعقدت في الدوحة أمس الجولة الخامسة من الحوار الاستراتيجي بين دولة قطر والولايات المتحدة الأمريكية. "
            "يذكر أن الدورة الثانية من الحوار الاستراتيجي القطري البريطاني عقدت في لندن في يونيو 2023.")
    graph = article_graph(extraction(lexicon, text).facts, lexicon)
    triples = {(str(s.value), str(p.value).rsplit("#", 1)[-1], str(o.value)) for s, p, o in graph.fact_terms}
    base = "https://w3id.org/qusgraph/id/"
    assert (f"{base}dialogue/GB-QA/round/2", "partOf", f"{base}dialogue/GB-QA") in triples
    assert (f"{base}dialogue/GB-QA", "party", f"{base}country/GB") in triples
    assert (f"{base}dialogue/QA-US/round/5", "partOf", f"{base}dialogue/QA-US") in triples
    assert not any(s == f"{base}dialogue/QA-US/round/2" for s, _, _ in triples)


def test_a_round_told_in_passing_in_a_relative_clause_does_not_take_the_focus(lexicon: Lexicon) -> None:
    text = ("Qatar, U.S. strategic talks\n\n"
            "Today we held the sixth round of our Strategic Dialogue, a dialogue whose first round took place "
            "in Washington in 2018. We also signed a memorandum of understanding on education.")
    assert agreement_rounds(lexicon, text) == {"education": 6}


# ------------------------------------------------------------------ agreements: which round
def test_a_past_signing_belongs_to_the_agreement_nearest_before_it(lexicon: Lexicon) -> None:
    text = ("اختتام الدورة السابعة من الحوار الاستراتيجي\n\n"
            "ووقع الجانبان خلال الدورة السابعة اتفاقية للتعاون في مجال التعليم، تحل محل مذكرة التفاهم بشأن "
            "الطاقة التي وقعها البلدان خلال الدورة الثالثة.")
    assert agreement_rounds(lexicon, text) == {"education": 7, "energy": 3}


def test_an_agreement_reaffirmed_and_told_signed_at_another_occasion_belongs_to_no_round(
        lexicon: Lexicon) -> None:
    text = ("اختتام الدورة السابعة من الحوار الاستراتيجي\n\n"
            "وفي الدورة السابعة، جدد الجانبان التزامهما بمذكرة التفاهم في مجال الطاقة التي وقعت خلال زيارة "
            "الرئيس إلى الدوحة في أيار/مايو 2023.")
    assert agreement_rounds(lexicon, text) == {"energy": None}


def test_an_agreement_signed_long_before_is_not_the_context_rounds(lexicon: Lexicon) -> None:
    text = ("Qatar, U.S. open the seventh round of their Strategic Dialogue\n\n"
            "The seventh round of the Strategic Dialogue opened in Doha on Tuesday. "
            "The two countries signed a memorandum of understanding on energy in 1992. "
            "They also signed a memorandum of understanding on education.")
    assert agreement_rounds(lexicon, text) == {"energy": None, "education": 7}


def test_the_round_a_chair_verb_names_as_its_object_is_the_round_chaired(lexicon: Lexicon) -> None:
    text = ("U.S., Kuwait hold fifth Strategic Dialogue\n\n"
            "The fifth round of the U.S.-Kuwait Strategic Dialogue opened in Washington on Tuesday. "
            "The previous round of the dialogue, the fourth, took place in Washington in May 2021.\n\n"
            "Antony Blinken, who co-chaired the third U.S.-Qatar Strategic Dialogue, attended.")
    facts = extraction(lexicon, text).facts
    assert {r.key.label: {c.value for c in r.chairs} for r in facts.rounds} == {
        "5": set(), "4": set(), "QA-US/3": {"antony-blinken"}}
    assert round_table(lexicon, text)["4"] == ({"2021-05"}, {"washington"})


def test_a_round_chaired_somewhere_at_some_time_was_held_there_then(lexicon: Lexicon) -> None:
    text = ("Gulf dialogues with Washington\n\n"
            "The inaugural U.S.-Bahrain Strategic Dialogue was co-chaired by the two foreign ministers "
            "in Manama in May 2019.")
    assert round_table(lexicon, text) == {"1": ({"2019-05"}, {"manama"})}
    assert extraction(lexicon, text).facts.dialogue_parties == ("BH", "US")


def test_the_date_that_opens_a_sentence_about_a_round_is_the_rounds(lexicon: Lexicon) -> None:
    text = ("Seven years of the Qatar-U.S. Strategic Dialogue\n\n"
            "In May 2022 the fifth session was held in Doha.")
    assert round_table(lexicon, text) == {"5": ({"2022-05"}, {"doha"})}


def test_a_commitment_told_in_commentary_at_the_round_is_the_rounds(lexicon: Lexicon) -> None:
    text = ("الجولة الرابعة من الحوار الاستراتيجي بين قطر والولايات المتحدة\n\n"
            "انطلقت في الدوحة أمس أعمال الجولة الرابعة من الحوار الاستراتيجي.\n\n"
            "وقال سعادة الدكتور خالد بن محمد العطية على هامش الجولة إن دولة قطر ستقدم منحة بقيمة 50 مليون دولار.\n\n"
            "وقال سعادة الدكتور خالد بن محمد العطية إن دولة قطر ستقدم منحة بقيمة 20 مليون دولار.")
    facts = extraction(lexicon, text).facts
    assert {int(c.amount): c.round.value.label if c.round else None for c in facts.commitments} == {
        50000000: "4", 20000000: None}


def test_the_round_of_other_talks_gives_the_context_round_nothing(lexicon: Lexicon) -> None:
    text = ("الجولة الرابعة من الحوار الاستراتيجي بين قطر والولايات المتحدة\n\n"
            "وتستعد الدوحة لاستضافة الجولة الأولى من المفاوضات بين الأطراف السودانية، المقرر انطلاقها في "
            "الدوحة غدا.")
    assert round_table(lexicon, text) == {"4": (set(), set())}


def test_a_strategic_committee_is_a_dialogue_and_its_founding_is_not_its_first_round(lexicon: Lexicon) -> None:
    text = ("انعقاد الدورة الخامسة للجنة الاستراتيجية العليا بين قطر وتركيا\n\n"
            "وكانت الدورة الرابعة للجنة قد عقدت في أنقرة عام 2022. "
            "يشار إلى أن اللجنة تأسست عام 2016، وعقدت دورتها الأولى في الدوحة في أيار/مايو 2017.")
    assert round_table(lexicon, text) == {"5": (set(), set()), "4": ({"2022"}, {"ankara"}),
                                          "1": ({"2017-05"}, {"doha"})}
    assert extraction(lexicon, text).facts.dialogue_parties == ("QA", "TR")


def test_a_round_scheduled_somewhere_is_to_be_held_there(lexicon: Lexicon) -> None:
    text = ("الحوار الاستراتيجي بين قطر والولايات المتحدة\n\n"
            "وأعرب عن ثقته في نجاح الجولة الثامنة، المقررة في الدوحة العام المقبل.")
    assert round_table(lexicon, text) == {"8": ({"2025"}, {"doha"})}


def test_a_round_chaired_by_the_subject_of_the_sentence_takes_the_focus(lexicon: Lexicon) -> None:
    text = ("Seven years of the Qatar-U.S. Strategic Dialogue\n\n"
            "The first session was held in Washington in 2018. "
            "In May 2020, the secretary flew to Doha for the third session, which he co-chaired with the minister. "
            "The two sides signed a memorandum of understanding on education.")
    assert agreement_rounds(lexicon, text) == {"education": 3}


def test_capitals_standing_for_the_parties_are_not_where_a_round_was_held(lexicon: Lexicon) -> None:
    text = ("شراكة راسخة\n\n"
            "حين انطلق الحوار الاستراتيجي بين الدوحة وواشنطن في دورته الأولى في كانون الثاني 2018، كانت "
            "المنطقة تعيش لحظة صعبة.")
    assert round_table(lexicon, text) == {"1": ({"2018-01"}, set())}


def test_a_date_joined_by_muwafiq_stands_in_the_rounds_frame(lexicon: Lexicon) -> None:
    text = ("الحوار الاستراتيجي بين قطر والولايات المتحدة\n\n"
            "عقدت في الدوحة أمس الثلاثاء، الموافق 5 آذار/مارس 2024، أعمال الدورة السابعة من الحوار الاستراتيجي.")
    assert round_table(lexicon, text) == {"7": ({"2024-03-05"}, {"doha"})}



def test_what_was_signed_during_a_round_was_signed_where_and_when_it_was_held(lexicon: Lexicon) -> None:
    text = ("الحوار الاستراتيجي بين قطر والولايات المتحدة\n\n"
            "وقعت دولة قطر والولايات المتحدة في الدوحة أمس مذكرة تفاهم في مجال التعليم، وذلك خلال أعمال "
            "الجولة السابعة من الحوار الاستراتيجي. "
            "وكانت مذكرة تفاهم في مجال الطاقة قد وقعت خلال الجولة الثالثة في نيسان/أبريل 2020.")
    assert round_table(lexicon, text) == {"7": ({"2024-03-05"}, {"doha"}), "3": ({"2020-04"}, set())}


def test_the_articles_own_dialogue_is_the_first_known_one_it_names(lexicon: Lexicon) -> None:
    text = ("أخبار الخليج\n\n"
            "وأشار إلى أن الحوار السعودي الإيراني يمضي قدما.\n\n"
            "وانطلقت في الدوحة أمس أعمال الدورة السابعة من الحوار الاستراتيجي بين دولة قطر والولايات المتحدة.")
    facts = extraction(lexicon, text).facts
    assert facts.dialogue_parties == ("QA", "US")
    assert round_table(lexicon, text) == {"7": ({"2024-03-05"}, {"doha"})}


def test_a_capital_after_with_names_the_other_party_of_the_dialogue(lexicon: Lexicon) -> None:
    # The headline's "dialogue with Washington" is Qatar's dialogue with the United States, so the
    # Saudi dialogue told later with both its parties is another dialogue, not the article's.
    text = ("قراءة في الحوار الاستراتيجي مع واشنطن\n\n"
            "عقدت الجولة الثالثة من الحوار الاستراتيجي في الدوحة.\n\n"
            "وكانت السعودية قد بدأت حوارها الاستراتيجي مع الولايات المتحدة قبل ذلك بعامين.")
    facts = extraction(lexicon, text).facts
    assert facts.dialogue_parties == ("QA", "US")
    assert [r.key.dialogue for r in facts.rounds if r.ordinal == 3] == [()]


def test_the_day_of_a_date_after_a_round_noun_is_no_ordinal(lexicon: Lexicon) -> None:
    text = ("Timeline of the U.S.-Qatar Strategic Dialogue\n\n"
            "* 4th round - 9 March 2021, Doha\n\n"
            "The talks covered energy.")
    assert round_table(lexicon, text) == {"4": ({"2021-03-09"}, {"doha"})}


def test_a_month_of_the_following_year_counts_from_the_round_dated_before(lexicon: Lexicon) -> None:
    text = ("الحوار الاستراتيجي بين قطر والولايات المتحدة\n\n"
            "عقدت الجولة الأولى في واشنطن عام 2015. "
            "ثم عقدت الجولة الثانية في الدوحة في مايو من العام التالي.")
    assert round_table(lexicon, text) == {"1": ({"2015"}, {"washington"}), "2": ({"2016-05"}, {"doha"})}


def test_another_dialogues_launch_told_in_passing_dates_none_of_the_rounds(lexicon: Lexicon) -> None:
    text = ("الحوار الاستراتيجي بين قطر والولايات المتحدة\n\n"
            "عقدت الجولة الأولى من الحوار الاستراتيجي في واشنطن مطلع 2018.\n\n"
            "وكانت البحرين قد أطلقت حوارها الاستراتيجي مع الولايات المتحدة عام 2017.")
    assert round_table(lexicon, text) == {"1": ({"2018"}, {"washington"})}


def test_an_awaited_round_is_held_where_and_when_named_after_it(lexicon: Lexicon) -> None:
    text = ("الحوار الاستراتيجي بين قطر والولايات المتحدة\n\n"
            "ويترقب المراقبون الدورة الثامنة المرتقبة في الدوحة أواخر العام المقبل.")
    assert round_table(lexicon, text) == {"8": ({"2025"}, {"doha"})}


def test_an_english_ordinal_before_the_bare_word_dialogue_names_a_round(lexicon: Lexicon) -> None:
    text = ("Qatar and U.S. meet for fourth Strategic Dialogue\n\n"
            "The inaugural dialogue took place in Doha in May 2016.")
    assert round_table(lexicon, text)["1"] == ({"2016-05"}, {"doha"})


def test_an_earlier_round_told_in_passing_holds_the_focus_to_its_paragraphs_end(lexicon: Lexicon) -> None:
    text = ("Qatar and U.S. hold third Strategic Dialogue in Doha\n\n"
            "The two ministers co-chaired the talks on Monday. The second round was held in Washington in 2019. "
            "It covered trade.\n\n"
            "The talks covered energy and education.")
    assert context_rounds(lexicon, text) == [3, 3, 2, 3]


def test_a_known_venue_between_the_event_verb_and_the_round_keeps_the_frame(lexicon: Lexicon) -> None:
    text = ("الحوار الاستراتيجي بين الكويت والولايات المتحدة\n\n"
            "انطلقت اليوم في قصر بيان أعمال الدورة السابعة للحوار الاستراتيجي بين دولة الكويت والولايات المتحدة.")
    assert round_table(lexicon, text) == {"7": ({"2024-03-06"}, set())}


@pytest.mark.parametrize(
    "text",
    [
        "اجتماع اللجنة الاستراتيجية العليا بين قطر وتركيا\n\nعقد البلدان أمس في أنقرة الاجتماع السابع للجنة "
        "الاستراتيجية العليا بين دولة قطر والجمهورية التركية، ووقعا خلاله اتفاقية في مجال الطاقة.",
        "Qatar and Turkey hold strategic committee\n\nThe seventh meeting of the Qatar-Turkey Supreme Strategic "
        "Committee was held in Ankara yesterday, where the two sides signed an agreement on energy.",
    ],
    ids=["ar", "en"],
)
def test_a_committee_counts_its_rounds_as_meetings(lexicon: Lexicon, text: str) -> None:
    facts = extraction(lexicon, text).facts
    assert [r.ordinal for r in facts.rounds] == [7]
    assert tuple(sorted(facts.dialogue_parties)) == ("QA", "TR")
    assert agreement_rounds(lexicon, text) == {"energy": 7}


def test_meeting_to_chair_a_round_is_its_event(lexicon: Lexicon) -> None:
    text = ("الحوار الاستراتيجي بين قطر والولايات المتحدة\n\nوالتقى وزيرا خارجية البلدين في واشنطن في مارس 2021 "
            "لترؤس الجولة الرابعة من الحوار.")
    assert rounds(lexicon, text) == {4: ({"2021-03"}, {"washington"})}
