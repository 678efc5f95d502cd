"""Normalisation: the matching view of a text and its map back to the text as written."""

from __future__ import annotations

import pytest

from qusgraph.text.normalize import normalize, normalize_char, normalize_with_map


# ------------------------------------------------------------------ Arabic letters
@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("الحوارُ الاستراتيجيُّ", "الحوار الاستراتيجي"),  # damma, shadda
        ("قالَ", "قال"),  # fatha
        ("غداً", "غدا"),  # tanwin
        ("الاستــــراتيجي", "الاستراتيجي"),  # tatweel
        ("\u200fقطر\u200e", "قطر"),  # right-to-left and left-to-right marks
    ],
)
def test_diacritics_tatweel_and_direction_marks_are_dropped(written: str, normalised: str) -> None:
    assert normalize(written) == normalised


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("أكد", "اكد"),
        ("إعلان", "اعلان"),
        ("آل ثاني", "ال ثاني"),
        ("ٱلتعاون", "التعاون"),
    ],
)
def test_alef_with_hamza_madda_or_wasla_becomes_bare_alef(written: str, normalised: str) -> None:
    assert normalize(written) == normalised


@pytest.mark.parametrize(
    ("written", "normalised"),
    [("مؤتمر", "موتمر"), ("رئيس", "رييس")],
)
def test_hamza_on_waw_and_ya_seats_becomes_the_seat(written: str, normalised: str) -> None:
    assert normalize(written) == normalised


def test_alef_maqsura_becomes_ya() -> None:
    assert normalize("مستوى أعلى") == "مستوي اعلي"


def test_ta_marbuta_becomes_ha() -> None:
    assert normalize("الدوحة") == "الدوحه"


def test_presentation_forms_are_unfolded() -> None:
    assert normalize("ﻻ") == "لا"


# ------------------------------------------------------------------ digits
@pytest.mark.parametrize("written", ["٢٠٢٢", "۲۰۲۲", "2022"])
def test_arabic_indic_and_persian_digits_become_western(written: str) -> None:
    assert normalize(written) == "2022"


def test_arabic_decimal_and_thousands_separators_become_latin() -> None:
    assert normalize("١٫٥ مليار و٢٦٬٠٠٠") == "1.5 مليار و26,000"


# ------------------------------------------------------------------ names
@pytest.mark.parametrize(
    "written",
    ["محمد بن عبد الرحمن آل ثاني", "محمد بن عبدالرحمن آل ثاني", "محمد بن عبد  الرحمن آل ثاني"],
)
def test_abd_and_the_following_name_are_joined(written: str) -> None:
    assert normalize(written) == "محمد بن عبدالرحمن ال ثاني"


def test_abd_is_joined_only_as_a_word_of_its_own() -> None:
    assert normalize("معبد الرحمن") == "معبد الرحمن"


def test_abd_after_the_conjunction_wa_is_joined_too() -> None:
    assert normalize("وعبد الرحمن") == normalize("وعبدالرحمن")


# ------------------------------------------------------------------ Latin, punctuation, spaces
def test_latin_is_lower_cased() -> None:
    assert normalize("Secretary BLINKEN") == "secretary blinken"


@pytest.mark.parametrize("written", ["“قنا”", "«قنا»", '"قنا"'])
def test_double_quotes_and_guillemets_become_straight_quotes(written: str) -> None:
    assert normalize(written) == '"قنا"'


def test_curly_apostrophe_becomes_straight() -> None:
    assert normalize("Qatar’s") == "qatar's"


@pytest.mark.parametrize("dash", ["—", "–", "‐", "‑"])
def test_dashes_become_hyphen_minus(dash: str) -> None:
    assert normalize(f"WASHINGTON, Sept. 15 {dash} Qatar") == "washington, sept. 15 - qatar"


def test_normalize_collapses_whitespace_but_the_view_keeps_it() -> None:
    written = "قطر \u00a0 والولايات  المتحدة\n"
    assert normalize(written) == "قطر والولايات المتحده"
    assert normalize_with_map(written).text == "قطر   والولايات  المتحده\n"


def test_normalize_char_may_return_nothing_or_several_characters() -> None:
    assert normalize_char("\u0651") == ""  # shadda
    assert normalize_char("ﻻ") == "لا"
    assert normalize_char("Q") == "q"


# ------------------------------------------------------------------ offset map
def test_every_normalised_position_and_the_end_map_back_to_the_source() -> None:
    written = "قالَ الوزير"
    view = normalize_with_map(written)
    assert [view.source(i) for i in range(len(view.text) + 1)] == [0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11]


@pytest.mark.parametrize("written", ["قالَ: عبد الرحمن وعبد  الله", "ﻻ يمكن", "Sheikh Mohammed", "ـعبد العزيزـ"])
def test_the_fast_map_agrees_with_the_character_by_character_one(written: str) -> None:
    from qusgraph.text.normalize import _slow_map

    fast, slow = normalize_with_map(written), _slow_map(written)
    assert fast.text == slow.text
    assert [fast.source(i) for i in range(len(fast.text) + 1)] == [slow.source(i) for i in range(len(slow.text) + 1)]


def test_original_span_skips_dropped_diacritics() -> None:
    written = "أكدَ الوزيرُ"
    view = normalize_with_map(written)
    start = view.text.index("الوزير")
    begin, end = view.original_span(start, start + len("الوزير"))
    assert written[begin:end] == "الوزير"


def test_original_span_covers_tatweel_inside_a_word() -> None:
    written = "الحوار الاستــراتيجي"
    view = normalize_with_map(written)
    start = view.text.index("الاستراتيجي")
    begin, end = view.original_span(start, start + len("الاستراتيجي"))
    assert written[begin:end] == "الاستــراتيجي"


def test_original_span_of_a_joined_name_covers_the_removed_space() -> None:
    written = "سعادة الشيخ محمد بن عبد الرحمن آل ثاني"
    view = normalize_with_map(written)
    start = view.text.index("عبدالرحمن")
    begin, end = view.original_span(start, start + len("عبدالرحمن"))
    assert written[begin:end] == "عبد الرحمن"


def test_original_span_maps_western_digits_back_to_arabic_indic() -> None:
    written = "يوم ٢٢ تشرين الثاني/نوفمبر ٢٠٢٢"
    view = normalize_with_map(written)
    start = view.text.index("2022")
    begin, end = view.original_span(start, start + 4)
    assert written[begin:end] == "٢٠٢٢"


def test_original_span_of_an_empty_range_is_empty() -> None:
    view = normalize_with_map("قالَ: نعم")
    assert view.original_span(4, 4) == (5, 5)
