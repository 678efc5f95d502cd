"""Dates: absolute and relative expressions, resolved against the publication date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from qusgraph.extract.dates import find_dates, resolve
from qusgraph.extract.model import CalendarValue
from qusgraph.text.lexicon import Lexicon
from qusgraph.text.tokens import Token

Tokenize = Callable[[str], list[Token]]
When = Callable[..., list[CalendarValue | None]]


@pytest.fixture
def when(tokens: Tokenize, lexicon: Lexicon) -> When:
    """`when(text, published=None, future=False)`: every date in `text`, resolved."""

    def resolve_all(
        text: str, published: date | None = None, future: bool = False
    ) -> list[CalendarValue | None]:
        return [resolve(m, published, future) for m in find_dates(tokens(text), lexicon)]

    return resolve_all


def day(text: str) -> CalendarValue:
    return CalendarValue(text, "date")


def month(text: str) -> CalendarValue:
    return CalendarValue(text, "gYearMonth")


def year(text: str) -> CalendarValue:
    return CalendarValue(text, "gYear")


# ------------------------------------------------------------------ relative days
@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("يبدأ في الدوحة غدا", date(2022, 11, 21), "2022-11-22"),
        ("تنطلق في الدوحة غداً", date(2022, 11, 21), "2022-11-22"),
        ("عقدت في الدوحة أمس", date(2022, 11, 23), "2022-11-22"),
        ("خلال الإحاطة الإعلامية الأسبوعية اليوم", date(2024, 3, 12), "2024-03-12"),
        ("وكان الوزير قد حضر أمس الأول مباراة منتخب بلاده", date(2022, 11, 23), "2022-11-21"),
        ("بعد غد", date(2022, 11, 21), "2022-11-23"),
        ("the talks open tomorrow", date(2022, 11, 21), "2022-11-22"),
        ("met yesterday", date(2022, 11, 21), "2022-11-20"),
        ("said today", date(2022, 11, 21), "2022-11-21"),
    ],
)
def test_relative_day_counts_from_publication(
    when: When, text: str, published: date, expected: str
) -> None:
    assert when(text, published) == [day(expected)]


def test_relative_day_across_a_month_end(when: When) -> None:
    assert when("اختتمت في واشنطن أمس الثلاثاء", date(2018, 2, 1)) == [day("2018-01-31")]


def test_tomorrow_followed_by_its_weekday_is_one_date(tokens: Tokenize, lexicon: Lexicon) -> None:
    words = tokens("تنطلق في الدوحة غدا الأحد، أعمال الجولة الثانية")
    [mention] = find_dates(words, lexicon)
    assert [t.text for t in words[mention.first : mention.last + 1]] == ["غدا", "الاحد"]
    assert resolve(mention, date(2019, 1, 12)) == day("2019-01-13")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("التقى الوفدان يوم 9 أيار من العام الماضي", "2023-05-09"),
        ("وكان اللقاء الأول في 2 كانون الأول من السنة الماضية", "2023-12-02"),
        ("ويلتقيان مجددا في 20 يونيو من العام المقبل", "2025-06-20"),
    ],
    ids=["last-year", "last-year-sana", "next-year"],
)
def test_a_day_and_month_with_a_relative_year_take_that_year(when: When, text: str, expected: str) -> None:
    # the nearest such day to publication would be the wrong year
    assert when(text, date(2024, 3, 6)) == [day(expected)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("يوم 12 من الشهر الجاري", "2024-03-12"),
        ("في العشرين من الشهر الماضي", "2024-02-20"),
        ("في الخامس عشر من الشهر المقبل", "2024-04-15"),
        ("on the 9th of last month", "2024-02-09"),
    ],
    ids=["digits-this-month", "ordinal-last-month", "compound-ordinal-next-month", "english"],
)
def test_a_day_of_a_relative_month_is_that_day(when: When, text: str, expected: str) -> None:
    assert when(text, date(2024, 3, 6)) == [day(expected)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("في العام قبل الماضي", year("2022")), ("في أيار من السنة ما قبل الماضية", month("2022-05")),
     ("خلال الشهر قبل الماضي", month("2024-01"))],
)
def test_the_year_and_month_before_last(when: When, text: str, expected: CalendarValue) -> None:
    assert when(text, date(2024, 3, 6)) == [expected]


@pytest.mark.parametrize("part", ["أواخر", "مطلع", "منتصف", "أوائل"])
def test_a_part_of_a_period_dates_to_that_period(tokens: Tokenize, lexicon: Lexicon, part: str) -> None:
    words = tokens(f"اجتمعت اللجنة {part} الشهر الماضي في الدوحة")
    [mention] = find_dates(words, lexicon)
    assert resolve(mention, date(2024, 3, 6)) == month("2024-02")


# ------------------------------------------------------------------ months named without a year
@pytest.mark.parametrize(
    ("published", "expected"),
    [(date(2022, 11, 21), "2021-11"), (date(2022, 12, 5), "2022-11")],
)
def test_last_november_is_the_latest_november_before_this_month(
    when: When, published: date, expected: str
) -> None:
    assert when("وانعقدت الدورة الرابعة في نوفمبر الماضي بواشنطن", published) == [month(expected)]


def test_english_last_november_resolves_like_the_arabic(when: When) -> None:
    assert when("the fourth round last November", date(2022, 11, 21)) == [month("2021-11")]


def test_doubled_month_name_with_last(when: When) -> None:
    text = "خلال عمليات الإجلاء من أفغانستان في آب/أغسطس الماضي"
    assert when(text, date(2021, 10, 1)) == [month("2021-08")]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("نوفمبر المقبل", date(2022, 11, 21), "2023-11"),
        ("next January", date(2022, 11, 21), "2023-01"),
        ("ديسمبر المقبل", date(2022, 11, 21), "2022-12"),
    ],
)
def test_next_month_name_is_the_first_one_after_this_month(
    when: When, text: str, published: date, expected: str
) -> None:
    assert when(text, published) == [month(expected)]


def test_month_after_a_preposition_is_the_nearest_one_not_after_publication(when: When) -> None:
    assert when("the evacuation from Kabul in August", date(2021, 11, 13)) == [month("2021-08")]
    assert when("in December", date(2021, 11, 13)) == [month("2020-12")]


def test_month_after_a_preposition_looks_ahead_when_asked(when: When) -> None:
    assert when("in August", date(2021, 11, 13), future=True) == [month("2022-08")]


def test_bare_month_name_without_a_preposition_is_not_a_date(when: When) -> None:
    assert when("Pompeo thanked Qatar. May the talks succeed.", date(2020, 9, 15)) == []


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("عقدت في واشنطن في يناير من العام الماضي", date(2019, 1, 12), "2018-01"),
        ("عقدت في أيلول/سبتمبر من العام الماضي", date(2021, 10, 1), "2020-09"),
    ],
)
def test_month_of_last_year(when: When, text: str, published: date, expected: str) -> None:
    assert when(text, published) == [month(expected)]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("on October 1", date(2021, 11, 13), "2021-10-01"),
        ("30 ديسمبر", date(2023, 1, 2), "2022-12-30"),
    ],
)
def test_day_and_month_without_a_year_is_the_nearest_such_day(
    when: When, text: str, published: date, expected: str
) -> None:
    assert when(text, published) == [day(expected)]


# ------------------------------------------------------------------ relative years, months, weeks
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("على أن تستضيف الدوحة الدورة الثانية العام المقبل", "2023"),
        ("convene the fifth round in Doha next year", "2023"),
        ("last year", "2021"),
        ("التي استضافتها واشنطن العام الماضي", "2021"),
        ("وتنعقد الدورة الرابعة في وقت لاحق من العام الجاري", "2022"),
        ("this year's agenda", "2022"),
    ],
)
def test_relative_year(when: When, text: str, expected: str) -> None:
    assert when(text, date(2022, 11, 21)) == [year(expected)]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("الشهر الماضي", date(2024, 1, 10), "2023-12"),
        ("last month", date(2024, 3, 12), "2024-02"),
        ("الشهر المقبل", date(2024, 12, 10), "2025-01"),
    ],
)
def test_relative_month(when: When, text: str, published: date, expected: str) -> None:
    assert when(text, published) == [month(expected)]


def test_last_week_within_one_month_is_that_month(when: When) -> None:
    text = "التي انعقدت في واشنطن الأسبوع الماضي"
    assert when(text, date(2024, 3, 12)) == [month("2024-03")]


def test_last_week_spanning_two_months_is_the_year(when: When) -> None:
    # Published Tuesday 5 March 2024: last week ran from Monday 26 February to Sunday 3 March.
    assert when("الأسبوع الماضي", date(2024, 3, 5)) == [year("2024")]


def test_last_week_spanning_two_years_is_left_out(when: When) -> None:
    # Published Wednesday 8 January 2025: last week ran from 30 December to 5 January.
    assert when("last week", date(2025, 1, 8)) == [None]


# ------------------------------------------------------------------ full dates
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("الثلاثاء ٢٢ تشرين الثاني/نوفمبر ٢٠٢٢، أعمال الدورة الخامسة", "2022-11-22"),
        ("التي عقدت في الدوحة يوم 13 كانون الثاني/يناير 2019", "2019-01-13"),
        ("عقدت الدورة الأولى منه في واشنطن يوم ٣٠ كانون الثاني/يناير ٢٠١٨", "2018-01-30"),
        ("30 يناير 2018", "2018-01-30"),
        ("وفي الدورة الرابعة، التي انعقدت بواشنطن في ١٢ تشرين الثاني/نوفمبر ٢٠٢١", "2021-11-12"),
        ("in Washington on Monday, September 14, 2020, with some members", "2020-09-14"),
        ("September 14, 2020", "2020-09-14"),
        ("at the State Department in Washington on November 12, 2021.", "2021-11-12"),
        ("Nov. 12, 2021", "2021-11-12"),
        ("February 29, 2024", "2024-02-29"),
    ],
)
def test_day_month_year(when: When, text: str, expected: str) -> None:
    assert when(text) == [day(expected)]


def test_relative_and_full_date_of_the_same_day_are_two_dates(when: When) -> None:
    text = "عقدت في الدوحة أمس، الثلاثاء ٢٢ تشرين الثاني/نوفمبر ٢٠٢٢، أعمال الدورة الخامسة"
    assert when(text, date(2022, 11, 23)) == [day("2022-11-22"), day("2022-11-22")]


def test_full_date_needs_no_publication_date(when: When) -> None:
    assert when("September 14, 2020", None) == when("September 14, 2020", date(2000, 1, 1))


@pytest.mark.parametrize("text", ["31 فبراير 2022", "February 31, 2022", "February 29, 2023"])
def test_invalid_day_is_left_out(when: When, text: str) -> None:
    assert when(text) == [None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the joint declaration they signed in January 2018", "2018-01"),
        ("The fifth round was held in Doha in November 2022", "2022-11"),
        ("January 2018", "2018-01"),
        ("واستضافت الدوحة الدورة الثانية في كانون الثاني/يناير ٢٠١٩", "2019-01"),
        ("التي استضافتها واشنطن في آذار/مارس ٢٠٢٤", "2024-03"),
        ("الحوار الاستراتيجي انطلق في يناير 2018", "2018-01"),
        ("في يناير من عام 2018", "2018-01"),
    ],
)
def test_month_and_year(when: When, text: str, expected: str) -> None:
    assert when(text) == [month(expected)]


def test_month_and_year_span_both_names_of_a_doubled_month(
    tokens: Tokenize, lexicon: Lexicon
) -> None:
    words = tokens("في أيلول/سبتمبر ٢٠٢٠")
    [mention] = find_dates(words, lexicon)
    assert [t.text for t in words[mention.first : mention.last + 1]] == [
        "ايلول",
        "/",
        "سبتمبر",
        "2020",
    ]


# ------------------------------------------------------------------ years
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("صنفت واشنطن الدوحة حليفا رئيسيا في عام 2022", "2022"),
        ("علاقات دبلوماسية منذ عام 1972", "1972"),
        ("in 2022", "2022"),
        ("في 2022", "2022"),
        ("التقى الوفدان أواخر 2019", "2019"),
        ("ويتوقع أن تنعقد الجولة منتصف 2025", "2025"),
    ],
)
def test_year_after_a_preposition_is_a_date(when: When, text: str, expected: str) -> None:
    assert when(text) == [year(expected)]


@pytest.mark.parametrize(
    "text",
    [
        "looking back at the legacy of Qatar 2022",
        "and ahead to the 2026 tournament that the United States will co-host",
        "بطولة كأس العالم FIFA قطر 2022",
        "العام الثقافي قطر - الولايات المتحدة 2021",
        "بقيمة 2022 دولار",
    ],
)
def test_year_without_a_preposition_is_not_a_date(when: When, text: str) -> None:
    assert when(text) == []


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("ثم التقيا في مارس من العام التالي", 2016, month("2017-03")),
        ("وعاد الوفد في العام السابق", 2020, year("2019")),
        ("they met again in June of the following year", 2010, month("2011-06")),
        ("talks resumed the year after", 2012, year("2013")),
    ],
)
def test_the_following_year_counts_from_the_year_named_before(
        tokens: Tokenize, lexicon: Lexicon, text: str, anchor: int, expected: CalendarValue) -> None:
    published = date(2024, 5, 1)
    assert [resolve(m, published, anchor_year=anchor) for m in find_dates(tokens(text), lexicon)] == [expected]
    assert [resolve(m, published) for m in find_dates(tokens(text), lexicon)] == [None]


@pytest.mark.parametrize("text", ["in 1850", "في 2150"])
def test_year_out_of_range_is_not_a_date(when: When, text: str) -> None:
    assert when(text) == []


# ------------------------------------------------------------------ weekdays
@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (date(2024, 3, 7), "2024-03-05"),
        (date(2024, 3, 5), "2024-03-05"),
        (date(2024, 3, 4), "2024-02-27"),
    ],
)
def test_weekday_is_the_latest_such_day_on_or_before_publication(
    when: When, published: date, expected: str
) -> None:
    assert when("opened the 6th Strategic Dialogue in Washington on Tuesday", published) == [
        day(expected)
    ]


@pytest.mark.parametrize(
    ("published", "expected"),
    [(date(2024, 3, 4), "2024-03-05"), (date(2024, 3, 5), "2024-03-12")],
)
def test_weekday_looks_ahead_when_asked(when: When, published: date, expected: str) -> None:
    assert when("on Tuesday", published, future=True) == [day(expected)]


def test_arabic_weekday(when: When) -> None:
    assert when("يوم الأحد", date(2024, 3, 7)) == [day("2024-03-03")]


@pytest.mark.parametrize(
    "text", ["the talks resume next Tuesday", "تستأنف المحادثات الثلاثاء المقبل"]
)
def test_next_weekday_is_after_publication(when: When, text: str) -> None:
    assert when(text, date(2024, 3, 7)) == [day("2024-03-12")]


# ------------------------------------------------------------------ no publication date
@pytest.mark.parametrize(
    "text",
    [
        "تنطلق في الدوحة غدا",
        "في نوفمبر الماضي",
        "on Tuesday",
        "last week",
        "العام المقبل",
        "30 يناير",
        "في يناير من العام الماضي",
    ],
)
def test_relative_date_without_publication_date_is_left_out(when: When, text: str) -> None:
    assert when(text, None) == [None]


# ------------------------------------------------------------------ several dates
def test_dates_are_found_left_to_right_without_overlap(when: When) -> None:
    text = "انطلق الحوار في يناير 2018، وانعقدت الدورة الرابعة في نوفمبر الماضي بواشنطن"
    assert when(text, date(2022, 11, 21)) == [month("2018-01"), month("2021-11")]


# ------------------------------------------------------------------ Hijri dates and era markers
@pytest.mark.parametrize(
    "text",
    [
        "انطلقت اليوم الأربعاء 24 رمضان 1445هـ الموافق 3 أبريل 2024م أعمال الاجتماع",
        "في 3 أبريل 2024م الموافق 24 رمضان 1445هـ",
        "الأربعاء 24 رمضان 1445 هـ - 3 أبريل 2024 م | آخر تحديث",
        "يوم 3 أبريل 2024 (24 رمضان 1445هـ)",
    ],
)
def test_hijri_date_beside_the_gregorian_one_is_the_same_date(when: When, text: str) -> None:
    assert [v for v in when(text, date(2024, 4, 3)) if v != day("2024-04-03")] == []
    assert day("2024-04-03") in when(text, date(2024, 4, 3))


def test_hijri_and_gregorian_dates_are_one_expression(tokens: Tokenize, lexicon: Lexicon) -> None:
    words = tokens("وقع البلدان الخميس 2 ذو الحجة 1444هـ الموافق 20 يونيو 2023م اتفاقية")
    [mention] = find_dates(words, lexicon)
    assert (words[mention.first].text, words[mention.last].text) == ("الخميس", "م")
    assert resolve(mention, None) == day("2023-06-20")


def test_gregorian_date_as_written_wins_over_the_converted_hijri_one(when: When) -> None:
    # Copy that follows a local moon sighting may be a day off the Umm al-Qura tables.
    assert when("25 رمضان 1445هـ الموافق 3 أبريل 2024م") == [day("2024-04-03")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("بتاريخ 14 رمضان 1445 هـ", "2024-03-24"),
        ("في 1 محرم 1446هـ", "2024-07-07"),
        ("on 10 Dhu al-Hijjah 1444 AH", "2023-06-28"),
    ],
)
def test_hijri_date_alone_is_converted(when: When, text: str, expected: str) -> None:
    assert when(text) == [day(expected)]


@pytest.mark.parametrize("text", ["في 31 رمضان 1445 هـ", "في 5 رجب 1200 هـ"])
def test_hijri_date_the_calendar_does_not_have_is_left_out(when: When, text: str) -> None:
    assert when(text) == []


def test_gregorian_era_marker_belongs_to_the_date(tokens: Tokenize, lexicon: Lexicon) -> None:
    words = tokens("عقدت يوم 5 مارس 2024م في واشنطن")
    [mention] = find_dates(words, lexicon)
    assert words[mention.last].text == "م"


# ------------------------------------------------------------------ month names of every region
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("في 30 كانون ثاني 2018", "2018-01-30"),
        ("يوم 14 شباط 2023", "2023-02-14"),
        ("في 5 آذار 2024", "2024-03-05"),
        ("في 9 نيسان 2025", "2025-04-09"),
        ("في 7 أيار 2025", "2025-05-07"),
        ("في 1 حزيران 2017", "2017-06-01"),
        ("في 15 تموز 2020", "2020-07-15"),
        ("في 30 آب 2021", "2021-08-30"),
        ("في 14 أيلول 2020", "2020-09-14"),
        ("في 12 تشرين الثاني 2021", "2021-11-12"),
        ("في 17 كانون الأول 2025", "2025-12-17"),
        ("في 30 جانفي 2018", "2018-01-30"),
        ("في 14 فيفري 2023", "2023-02-14"),
        ("في 9 أفريل 2025", "2025-04-09"),
        ("في 7 ماي 2025", "2025-05-07"),
        ("في 1 جوان 2017", "2017-06-01"),
        ("في 15 جويلية 2020", "2020-07-15"),
        ("في 30 أوت 2021", "2021-08-30"),
        ("في 30 أغسطوس 2021", "2021-08-30"),
        ("في 12 يونيه 2022", "2022-06-12"),
        ("في 12 يوليه 2022", "2022-07-12"),
        ("في 14 شتنبر 2020", "2020-09-14"),
        ("في 12 نونبر 2021", "2021-11-12"),
        ("في 17 دجنبر 2025", "2025-12-17"),
    ],
)
def test_levantine_egyptian_and_maghreb_month_names(when: When, text: str, expected: str) -> None:
    assert when(text) == [day(expected)]


# ------------------------------------------------------------------ days in words and AP style
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("الذي وقعاه بواشنطن في الثلاثين من كانون الثاني 2018", "2018-01-30"),
        ("يوم الخامس عشر من سبتمبر 2020", "2020-09-15"),
        ("في الحادي والعشرين من نوفمبر 2022", "2022-11-21"),
        ("on March 5th, 2024", "2024-03-05"),
        ("on the 14th of September, 2020", "2020-09-14"),
        ("Sept. 14, 2020", "2020-09-14"),
        ("Aug 30, 2021", "2021-08-30"),
        ("Washington, D.C., on March 5, 2024", "2024-03-05"),
    ],
)
def test_day_in_words_and_ap_abbreviations(when: When, text: str, expected: str) -> None:
    assert when(text) == [day(expected)]


def test_ordinal_that_counts_something_else_is_not_a_day(when: When) -> None:
    assert when("في الأسبوع الأول من نوفمبر 2022") == [month("2022-11")]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("The third round opened on Monday, Sept. 14, in Washington", date(2020, 9, 15), "2020-09-14"),
        ("the correction notice of Nov. 13", date(2021, 11, 16), "2021-11-13"),
    ],
)
def test_ap_month_and_day_without_a_year(when: When, text: str, published: date, expected: str) -> None:
    assert when(text, published) == [day(expected)]


# ------------------------------------------------------------------ days counted from the day named before
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("and the Senate confirmed him the same day", "2025-01-20"),
        ("وصادق مجلس الشيوخ على تعيينه في اليوم نفسه", "2025-01-20"),
        ("ووقع الجانبان المذكرة في اليوم التالي", "2025-01-21"),
        ("the working groups met the day before", "2025-01-19"),
    ],
)
def test_same_day_counts_from_the_day_named_before(
    tokens: Tokenize, lexicon: Lexicon, text: str, expected: str
) -> None:
    [mention] = find_dates(tokens(text), lexicon)
    assert resolve(mention, date(2025, 1, 23), anchor=date(2025, 1, 20)) == day(expected)


def test_same_day_without_a_day_named_before_is_left_out(tokens: Tokenize, lexicon: Lexicon) -> None:
    # Not the publication date: "اليوم نفسه" is not "اليوم".
    [mention] = find_dates(tokens("في اليوم نفسه"), lexicon)
    assert resolve(mention, date(2025, 1, 23)) is None


def test_the_anchor_is_the_last_day_named(when: When) -> None:
    [monday, same] = [v for v in when("sworn in on Monday and confirmed the same day", date(2025, 1, 21))]
    assert same is None and monday == day("2025-01-20")


# ------------------------------------------------------------------ dates in figures
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("الثلاثاء الموافق 22/11/2022م", "2022-11-22"),
        ("بتاريخ 5/3/2024", "2024-03-05"),
        ("on 2022-11-22 in Doha", "2022-11-22"),
        ("the session of 22/11/2022", "2022-11-22"),
        ("the session of 11/22/2022", "2022-11-22"),
    ],
)
def test_date_in_figures(when: When, text: str, expected: str) -> None:
    assert when(text) == [day(expected)]


@pytest.mark.parametrize("text", ["the session of 5/3/2024", "a score of 3-1-2022", "في 31/2/2022"])
def test_date_in_figures_that_could_be_read_two_ways_or_none_is_left_out(when: When, text: str) -> None:
    assert when(text) in ([], [None])


def test_year_noun_is_part_of_the_date(tokens: Tokenize, lexicon: Lexicon) -> None:
    words = tokens("الموقع خلال الدورة الأولى من الحوار عام 2018")
    [mention] = find_dates(words, lexicon)
    assert [t.text for t in words[mention.first : mention.last + 1]] == ["عام", "2018"]
    assert resolve(mention, None) == year("2018")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the talks took place in late February", "2024-02"),
        ("the envoys met early October in Doha", "2023-10"),
        ("the round opened mid-February", "2024-02"),
        ("عقد الاجتماع أواخر فبراير", "2024-02"),
        ("وعقدت الجولة مطلع أكتوبر", "2023-10"),
    ],
    ids=["late", "early", "mid-hyphen", "awakhir", "matla"],
)
def test_a_month_placed_by_a_word_of_its_part_is_the_nearest_past_month(
        when: When, text: str, expected: str) -> None:
    assert when(text, date(2024, 3, 12)) == [month(expected)]
