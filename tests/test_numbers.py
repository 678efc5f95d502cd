"""Numbers, amounts of money and durations, in digits or words, Arabic or English."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from qusgraph.extract.numbers import (
    count_before,
    find_amounts,
    find_durations,
    parse_digits,
    read_number,
)
from qusgraph.text.lexicon import Lexicon
from qusgraph.text.tokens import Token

Tokenize = Callable[[str], list[Token]]


def amounts(text: str, tokens: Tokenize, lexicon: Lexicon) -> list[tuple[Decimal, str, str]]:
    """(value, currency, the tokens it spans) of every amount in `text`."""
    words = tokens(text)
    return [
        (a.value, a.currency, " ".join(t.text for t in words[a.first : a.last + 1]))
        for a in find_amounts(words, lexicon)
    ]


def durations(text: str, tokens: Tokenize, lexicon: Lexicon) -> list[tuple[str, str]]:
    """(ISO 8601 duration, the tokens it spans) of every duration in `text`."""
    words = tokens(text)
    return [
        (d.value, " ".join(t.text for t in words[d.first : d.last + 1]))
        for d in find_durations(words, lexicon)
    ]


def count(text: str, noun: str, tokens: Tokenize, lexicon: Lexicon) -> int | None:
    words = tokens(text)
    return count_before(words, [t.text for t in words].index(noun), lexicon)


# ------------------------------------------------------------------ digits
@pytest.mark.parametrize(
    ("text", "value"),
    [("75", "75"), ("26,000", "26000"), ("1,000,000", "1000000"), ("1.5", "1.5"), ("1,5", "1.5")],
)
def test_parse_digits_reads_thousands_and_decimal_separators(text: str, value: str) -> None:
    assert parse_digits(text) == Decimal(value)


@pytest.mark.parametrize("text", ["خمسة", "1.2.3", "$"])
def test_parse_digits_rejects_what_is_not_a_number(text: str) -> None:
    assert parse_digits(text) is None


# ------------------------------------------------------------------ amounts
@pytest.mark.parametrize(
    ("text", "value", "currency", "span"),
    [
        (
            "التزام دولة قطر بتقديم 75 مليون دولار على مدى خمس سنوات",
            "75000000",
            "USD",
            "75 مليون دولار",
        ),
        ("بتقديم ٥٠٠ مليون دولار لوكالات الأمم المتحدة", "500000000", "USD", "500 مليون دولار"),
        (
            "برنامج المبيعات العسكرية الأجنبية بقيمة 26 مليار دولار أمريكي",
            "26000000000",
            "USD",
            "26 مليار دولار امريكي",
        ),
        (
            "Qatar's multi-year pledge of $500 million to United Nations agencies",
            "500000000",
            "USD",
            "$ 500 million",
        ),
        ("a pledge of $1.5 billion", "1500000000", "USD", "$ 1.5 billion"),
        ("تعهد بتقديم خمسمائة مليون دولار", "500000000", "USD", "خمسمايه مليون دولار"),
        ("خمسة وعشرون مليون دولار", "25000000", "USD", "خمسه وعشرون مليون دولار"),
        ("twenty five million dollars", "25000000", "USD", "twenty five million dollars"),
        ("5 ملايين دولار", "5000000", "USD", "5 ملايين دولار"),
        ("26,000 دولار", "26000", "USD", "26,000 دولار"),
        ("١٫٥ مليار دولار", "1500000000", "USD", "1.5 مليار دولار"),
    ],
)
def test_amount_in_digits_or_words_with_scale_and_currency(
    tokens: Tokenize, lexicon: Lexicon, text: str, value: str, currency: str, span: str
) -> None:
    assert amounts(text, tokens, lexicon) == [(Decimal(value), currency, span)]


@pytest.mark.parametrize(
    ("text", "value"),
    [("بمنحة قدرها مليون دولار", "1000000"), ("مليار ريال", "1000000000")],
)
def test_scale_word_alone_is_one_of_it(
    tokens: Tokenize, lexicon: Lexicon, text: str, value: str
) -> None:
    assert [a[0] for a in amounts(text, tokens, lexicon)] == [Decimal(value)]


@pytest.mark.parametrize(
    ("text", "value"), [("ملياري دولار", "2000000000"), ("مليوني دولار", "2000000")]
)
def test_dual_scale_word_is_two_of_it(
    tokens: Tokenize, lexicon: Lexicon, text: str, value: str
) -> None:
    assert [a[0] for a in amounts(text, tokens, lexicon)] == [Decimal(value)]


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("100 مليون ريال قطري", "QAR"),
        ("10 million Qatari riyals", "QAR"),
        ("QR 10 million", "QAR"),
        ("USD 2 billion", "USD"),
        ("US$ 1 billion", "USD"),
        ("50 مليون يورو", "EUR"),
        ("€20 million", "EUR"),
        ("£5 million", "GBP"),
    ],
)
def test_currency_before_or_after_the_number(
    tokens: Tokenize, lexicon: Lexicon, text: str, currency: str
) -> None:
    assert [a[1] for a in amounts(text, tokens, lexicon)] == [currency]


def test_qatari_riyal_is_one_currency_phrase(tokens: Tokenize, lexicon: Lexicon) -> None:
    assert amounts("100 مليون ريال قطري", tokens, lexicon) == [
        (Decimal("100000000"), "QAR", "100 مليون ريال قطري"),
    ]


def test_accusative_currency_word_is_read(tokens: Tokenize, lexicon: Lexicon) -> None:
    assert amounts("75 مليون دولارا", tokens, lexicon)[0][:2] == (Decimal("75000000"), "USD")


@pytest.mark.parametrize(
    "text",
    [
        "ثلاث مذكرات تفاهم",
        "26,000 جندي أمريكي",
        "بطولة كأس العالم قطر 2022",
        "three MOUs and a statement of intent",
    ],
)
def test_number_without_currency_is_no_amount(
    tokens: Tokenize, lexicon: Lexicon, text: str
) -> None:
    assert amounts(text, tokens, lexicon) == []


def test_two_amounts_in_one_sentence(tokens: Tokenize, lexicon: Lexicon) -> None:
    found = amounts("بتقديم 75 مليون دولار و100 مليون ريال قطري", tokens, lexicon)
    assert [(value, currency) for value, currency, _ in found] == [
        (Decimal("75000000"), "USD"),
        (Decimal("100000000"), "QAR"),
    ]


def test_amount_with_a_decimal_and_a_scale_prints_as_a_whole_number(
    tokens: Tokenize, lexicon: Lexicon
) -> None:
    [amount] = find_amounts(tokens("a pledge of $1.5 billion"), lexicon)
    assert str(amount.value) == "1500000000"


def test_read_number_in_words_reports_its_last_token(tokens: Tokenize, lexicon: Lexicon) -> None:
    reading = read_number(tokens("خمسمائة مليون دولار"), 0, lexicon)
    assert reading is not None
    assert (reading.value, reading.first, reading.last, reading.in_digits) == (
        Decimal("500000000"),
        0,
        1,
        False,
    )


# ------------------------------------------------------------------ durations
@pytest.mark.parametrize(
    ("text", "value", "span"),
    [
        ("بتقديم 75 مليون دولار على مدى خمس سنوات", "P5Y", "خمس سنوات"),
        ("على مدار 10 سنوات", "P10Y", "10 سنوات"),
        ("بمرور خمسين عاما على إقامة العلاقات", "P50Y", "خمسين عاما"),
        ("ثلاثة أشهر", "P3M", "ثلاثه اشهر"),
        ("خمسة أيام", "P5D", "خمسه ايام"),
        ("over three years", "P3Y", "three years"),
        ("18 months", "P18M", "18 months"),
        ("two weeks", "P2W", "two weeks"),
    ],
)
def test_duration_is_a_number_and_a_unit(
    tokens: Tokenize, lexicon: Lexicon, text: str, value: str, span: str
) -> None:
    assert durations(text, tokens, lexicon) == [(value, span)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("خلال العامين الماضيين", "P2Y"),
        ("على مدى عامين", "P2Y"),
        ("لمدة سنتين", "P2Y"),
        ("لمدة شهرين", "P2M"),
    ],
)
def test_arabic_dual_is_a_count_of_two(
    tokens: Tokenize, lexicon: Lexicon, text: str, value: str
) -> None:
    assert [d for d, _ in durations(text, tokens, lexicon)] == [value]


@pytest.mark.parametrize(
    "text", ["على مدى عدة سنوات", "over 1.5 years", "في عام 2022", "multi-year pledge"]
)
def test_unit_without_a_whole_count_is_no_duration(
    tokens: Tokenize, lexicon: Lexicon, text: str
) -> None:
    assert durations(text, tokens, lexicon) == []


# ------------------------------------------------------------------ counts
@pytest.mark.parametrize(
    ("text", "noun", "expected"),
    [
        ("وقع الجانبان على ثلاث مذكرات تفاهم", "مذكرات", 3),
        ("خمس مذكرات", "مذكرات", 5),
        ("2 مذكرات", "مذكرات", 2),
        ("signed three MOUs", "mous", 3),
        ("two memoranda of understanding", "memoranda", 2),
    ],
)
def test_count_before_reads_a_small_number(
    tokens: Tokenize, lexicon: Lexicon, text: str, noun: str, expected: int
) -> None:
    assert count(text, noun, tokens, lexicon) == expected


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        ("ووقعا مذكرات تفاهم", "مذكرات"),
        ("150 مذكرة", "مذكره"),
        ("1.5 مذكرات", "مذكرات"),
        ("في 2019 مذكرات", "مذكرات"),
    ],
)
def test_count_before_is_none_without_a_small_whole_number(
    tokens: Tokenize, lexicon: Lexicon, text: str, noun: str
) -> None:
    assert count(text, noun, tokens, lexicon) is None


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("announced a QR250m fund", "250000000", "QAR"),
        ("a pledge of $2.5bn to the agency", "2500000000", "USD"),
        ("£12m for scholarships", "12000000", "GBP"),
        ("$40mn in grants", "40000000", "USD"),
        ("تخصيص 20 مليون جنيه إسترليني", "20000000", "GBP"),
        ("بقيمة 3.5 مليار ريال سعودي", "3500000000", "SAR"),
        ("20 million pounds sterling", "20000000", "GBP"),
        ("مئتي مليون ريال", "200000000", "QAR"),
    ],
    ids=["qr-m", "usd-bn", "gbp-m", "usd-mn", "gbp-ar", "sar-ar", "gbp-en", "words-ar"],
)
def test_abbreviated_scales_and_more_currencies(
    tokens: Tokenize, lexicon: Lexicon, text: str, value: str, currency: str
) -> None:
    assert [(a[0], a[1]) for a in amounts(text, tokens, lexicon)] == [(Decimal(value), currency)]


@pytest.mark.parametrize("text", ["a 100m sprint", "bn alone", "m dollars"])
def test_scale_abbreviation_is_no_amount_without_a_currency_or_number(
    tokens: Tokenize, lexicon: Lexicon, text: str
) -> None:
    assert amounts(text, tokens, lexicon) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("على مدى السنوات الخمس المقبلة", "P5Y"),
        ("خلال الأعوام الثلاثة", "P3Y"),
        ("a five-year programme", "P5Y"),
        ("a 10-year pledge", "P10Y"),
    ],
    ids=["ar-count-after-unit", "ar-count-after-unit-masc", "en-hyphen-words", "en-hyphen-digits"],
)
def test_durations_counted_after_the_unit_or_joined_by_a_hyphen(
    tokens: Tokenize, lexicon: Lexicon, text: str, value: str
) -> None:
    assert [d[0] for d in durations(text, tokens, lexicon)] == [value]


@pytest.mark.parametrize("text", ["العام الماضي", "السنوات 2020", "سنوات عديدة"])
def test_a_unit_with_no_count_is_no_duration(tokens: Tokenize, lexicon: Lexicon, text: str) -> None:
    assert durations(text, tokens, lexicon) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("نصف مليار دولار", "500000000"),
        ("half a billion dollars", "500000000"),
        ("ربع مليار دولار", "250000000"),
        ("مليار و500 مليون دولار", "1500000000"),
        ("مليار وخمسمائة مليون دولار", "1500000000"),
        ("one billion and 500 million dollars", "1500000000"),
        ("100 million U.S. dollars", "100000000"),
    ],
    ids=["ar-half", "en-half", "ar-quarter", "ar-compound-digits", "ar-compound-words", "en-compound", "us-dollars"],
)
def test_fractions_and_compounds_of_scales(tokens: Tokenize, lexicon: Lexicon, text: str, value: str) -> None:
    assert [a[0] for a in amounts(text, tokens, lexicon)] == [Decimal(value)]


def test_two_amounts_of_one_scale_stay_two(tokens: Tokenize, lexicon: Lexicon) -> None:
    assert [a[0] for a in amounts("مليون دولار و500 ألف يورو", tokens, lexicon)] == [
        Decimal("1000000"), Decimal("500000")]
