"""Tokens: normalised words, numbers and marks, each with its span in the article as written."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from qusgraph.text.normalize import normalize
from qusgraph.text.tokens import Token, clitic_readings, match_key, same_word, tokenize

Tokenize = Callable[[str], list[Token]]


def texts(tokens: list[Token]) -> list[str]:
    return [token.text for token in tokens]


# ------------------------------------------------------------------ what a token is
@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (
            "Sheikh Mohammed bin Abdulrahman Al-Thani",
            ["sheikh", "mohammed", "bin", "abdulrahman", "al", "thani"],
        ),
        ("the U.S.-Qatar Strategic Dialogue", ["the", "u.s.", "qatar", "strategic", "dialogue"]),
        (
            "Assistant Foreign Minister Lolwah Al-Khater",
            ["assistant", "foreign", "minister", "lolwah", "al", "khater"],
        ),
    ],
)
def test_hyphen_between_words_is_not_a_token(
    tokens: Tokenize, written: str, expected: list[str]
) -> None:
    assert texts(tokens(written)) == expected


def test_spaced_hyphen_is_a_token(tokens: Tokenize) -> None:
    assert texts(tokens("العام الثقافي قطر - الولايات المتحدة")) == [
        "العام",
        "الثقافي",
        "قطر",
        "-",
        "الولايات",
        "المتحده",
    ]


def test_hyphen_between_numbers_is_a_token(tokens: Tokenize) -> None:
    assert texts(tokens("2020-2021")) == ["2020", "-", "2021"]


@pytest.mark.parametrize("initialism", ["U.S.", "U.N.", "U.S.A."])
def test_initialism_is_one_token_with_its_dots(tokens: Tokenize, initialism: str) -> None:
    assert texts(tokens(f"the {initialism} delegation")) == [
        "the",
        initialism.lower(),
        "delegation",
    ]


@pytest.mark.parametrize(
    ("written", "number"),
    [
        ("26,000", "26,000"),
        ("1.5", "1.5"),
        ("1,000,000", "1,000,000"),
        ("٢٦٬٠٠٠", "26,000"),
        ("١٫٥", "1.5"),
    ],
)
def test_number_with_separators_is_one_token(tokens: Tokenize, written: str, number: str) -> None:
    assert texts(tokens(f"{written} troops")) == [number, "troops"]


def test_sentence_final_dot_after_a_number_is_its_own_token(tokens: Tokenize) -> None:
    assert texts(tokens("in 2022.")) == ["in", "2022", "."]


def test_dollar_sign_is_a_token_before_the_amount(tokens: Tokenize) -> None:
    assert texts(tokens("$1.5 billion")) == ["$", "1.5", "billion"]


def test_possessive_s_is_a_token(tokens: Tokenize) -> None:
    assert texts(tokens("Qatar's Deputy Prime Minister")) == [
        "qatar",
        "'s",
        "deputy",
        "prime",
        "minister",
    ]


def test_curly_possessive_s_is_the_same_token(tokens: Tokenize) -> None:
    assert texts(tokens("Qatar’s"))[1] == "'s"


def test_arabic_punctuation_is_one_token_each(tokens: Tokenize) -> None:
    assert texts(tokens("أمس الثلاثاء، أعمال الدورة؟")) == [
        "امس",
        "الثلاثاء",
        "،",
        "اعمال",
        "الدوره",
        "؟",
    ]


def test_token_text_is_normalised(tokens: Tokenize) -> None:
    assert texts(tokens("الحوارُ الاستراتيجيّ ٢٠٢٢")) == ["الحوار", "الاستراتيجي", "2022"]


def test_abd_alrahman_is_one_token(tokens: Tokenize) -> None:
    assert "عبدالرحمن" in texts(tokens("محمد بن عبد الرحمن آل ثاني"))


# ------------------------------------------------------------------ spans and indexes
def test_spans_point_at_the_original_text(tokens: Tokenize) -> None:
    written = "Sheikh Mohammed bin Abdulrahman Al-Thani, U.S.-Qatar ٦"
    assert [written[t.start : t.end] for t in tokens(written)] == [
        "Sheikh",
        "Mohammed",
        "bin",
        "Abdulrahman",
        "Al",
        "Thani",
        ",",
        "U.S.",
        "Qatar",
        "٦",
    ]


def test_span_of_a_joined_name_covers_both_words(tokens: Tokenize) -> None:
    written = "الشيخ محمد بن عبد الرحمن آل ثاني"
    joined = next(t for t in tokens(written) if t.text == "عبدالرحمن")
    assert written[joined.start : joined.end] == "عبد الرحمن"


def test_span_of_a_word_with_tatweel_covers_the_word_as_written(tokens: Tokenize) -> None:
    written = "الحوار الاستــراتيجي"
    second = tokens(written)[1]
    assert written[second.start : second.end] == "الاستــراتيجي"


def test_offset_and_first_index_shift_spans_and_indexes() -> None:
    assert tokenize("الدوحة /قنا/", offset=100, first_index=7)[0] == Token("الدوحه", 7, 100, 106)


def test_indexes_count_tokens_from_zero(tokens: Tokenize) -> None:
    assert [t.index for t in tokens("Qatar, U.S. open")] == [0, 1, 2, 3]


@pytest.mark.parametrize(
    ("text", "is_word", "is_arabic"),
    [("الدوحه", True, True), ("doha", True, False), ("2022", False, False), ("،", False, False)],
)
def test_token_kind(text: str, is_word: bool, is_arabic: bool) -> None:
    token = Token(text, 0, 0, len(text))
    assert (token.is_word, token.is_arabic) == (is_word, is_arabic)


# ------------------------------------------------------------------ clitics
@pytest.mark.parametrize(
    ("written", "reading"),
    [
        ("وقطر", "قطر"),  # و and
        ("بواشنطن", "واشنطن"),  # ب in
        ("لقطر", "قطر"),  # ل to
        ("للولايات", "الولايات"),  # لل to the
        ("والدوحة", "الدوحه"),  # وال and the
        ("بالدوحة", "الدوحه"),  # بال in the
        ("فالدوحة", "الدوحه"),  # فال so the
        ("وبالدوحة", "الدوحه"),  # و + بال
        ("كالدوحة", "الدوحه"),  # كال like the
        ("سيعقد", "يعقد"),  # س future
    ],
)
def test_clitic_readings_remove_proclitics(written: str, reading: str) -> None:
    assert reading in clitic_readings(normalize(written))


def test_clitic_readings_include_the_word_itself() -> None:
    assert "والدوحه" in clitic_readings("والدوحه")


def test_clitic_readings_also_drop_the_article() -> None:
    assert "دوحه" in clitic_readings(normalize("والدوحة"))


def test_clitic_readings_keep_a_short_stem_whole() -> None:
    assert clitic_readings("ولد") == frozenset({"ولد"})
    assert clitic_readings("بها") == frozenset({"بها"})


def test_clitic_readings_of_a_latin_word_is_the_word() -> None:
    assert clitic_readings("washington") == frozenset({"washington"})


def test_wazir_has_a_reading_without_wa() -> None:
    # Which reading is right is the lexicon's call (see Lexicon.post_first_words).
    assert clitic_readings("وزير") == frozenset({"وزير", "زير"})


@pytest.mark.parametrize(("word", "key"), [("الدوحه", "دوحه"), ("دوحه", "دوحه"), ("الي", "الي")])
def test_match_key_drops_the_article_from_long_words(word: str, key: str) -> None:
    assert match_key(word) == key


# ------------------------------------------------------------------ same word
def test_same_word_is_equality() -> None:
    assert same_word("مشترك", "مشترك")
    assert not same_word("مشترك", "مشتركه")


def test_same_word_allows_the_accusative_alif_of_the_text() -> None:
    assert same_word(normalize("مشتركا"), normalize("مشترك"))


def test_same_word_does_not_add_an_alif_to_the_lexicon_word() -> None:
    assert not same_word(normalize("مشترك"), normalize("مشتركا"))


def test_same_word_needs_more_than_two_letters_before_the_alif() -> None:
    assert not same_word("ما", "م")
