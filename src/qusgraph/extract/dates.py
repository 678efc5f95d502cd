"""Dates: absolute ("22 نوفمبر 2022", "September 14, 2020", "كانون الثاني/يناير 2019",
"Sept. 14", "الثلاثين من كانون الثاني 2018") and relative ("غدا", "نوفمبر الماضي",
"last week", "on Tuesday"), resolved against the publication date to the precision the
text allows: xsd:date, xsd:gYearMonth or xsd:gYear. A relative date with no publication
date is left out.

Arabic copy often gives the Hijri date beside the Gregorian one ("الثلاثاء 28 ربيع الآخر
1444هـ الموافق 22 نوفمبر 2022م"): the two are one date expression, whose value is the
Gregorian date as written. A Hijri date alone is converted with `hijridate` (the Umm
al-Qura calendar); the era markers glued to years (هـ، م) belong to the date.

>>> from qusgraph.text.lexicon import load_lexicon
>>> from qusgraph.text.tokens import tokenize
>>> lexicon = load_lexicon()
>>> def when(text, published=date(2022, 11, 21)):
...     return [resolve(m, published) for m in find_dates(tokenize(text), lexicon)]
>>> when("يبدأ في الدوحة غدا")
[CalendarValue(text='2022-11-22', datatype='date')]
>>> when("وانعقدت الدورة الرابعة في نوفمبر الماضي")
[CalendarValue(text='2021-11', datatype='gYearMonth')]
>>> when("يوم ٣٠ كانون الثاني/يناير ٢٠١٨", published=None)
[CalendarValue(text='2018-01-30', datatype='date')]
>>> when("الثلاثاء 28 ربيع الآخر 1444هـ الموافق 22 نوفمبر 2022م")
[CalendarValue(text='2022-11-22', datatype='date')]
>>> when("بتاريخ 14 رمضان 1445 هـ")
[CalendarValue(text='2024-03-24', datatype='date')]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from hijridate import Hijri

from ..text.lexicon import Lexicon, word_list
from ..text.tokens import Token
from .model import CalendarValue

MIN_YEAR, MAX_YEAR = 1900, 2100
YEAR_PREPOSITIONS = frozenset(word_list("year-preposition"))
# "عام 2018", "العام 2018": the noun is part of the date ("الدورة الأولى من الحوار عام 2018").
YEAR_NOUNS = frozenset(word_list("year-noun"))
MONTH_PREPOSITIONS = frozenset(word_list("month-preposition"))
DAY_PREFIXES = frozenset(word_list("day-prefix"))
NUMERIC_SEPARATORS = frozenset(word_list("numeric-separator"))  # 22/11/2022, 2022-11-22
SAME_DAY = "same-day"  # the unit of "the same day", "اليوم التالي": counted from the day named before
SAME_YEAR = "same-year"  # the unit of "the following year", "العام التالي": counted from the year named before
YEAR_UNITS = frozenset({"year", SAME_YEAR})  # units a month's year may be given in: "يناير من العام التالي"
DAY_OF = frozenset(word_list("day-of"))  # "الثلاثين من كانون الثاني", "the 5th of March"
ORDINAL_DAY_AFTER = MONTH_PREPOSITIONS | DAY_PREFIXES | frozenset(word_list("ordinal-day-after"))
ORDINAL_SUFFIXES = frozenset(word_list("ordinal-suffix"))
DAY_RANGE_JOINERS = frozenset(word_list("day-range-joiner"))  # "March 5th to 7th", "5 و6 مارس"  # March 5th
# Between a date and the same date in the other calendar: "1444هـ الموافق 22 نوفمبر",
# "1443 هـ - 13 نوفمبر", "(28 ربيع الآخر 1444هـ)"; the linker words themselves are date-linker cues.
CALENDAR_LINKS = frozenset(word_list("calendar-link"))
YEAR_OF = frozenset(word_list("year-of"))  # "الثلاثين من كانون الثاني من عام 2022"
RELATIVE_YEAR_OF = frozenset(word_list("relative-year-of"))  # "نوفمبر من العام الماضي"


@dataclass(frozen=True)
class DateMention:
    """A date expression at token positions [first, last], before resolution."""

    first: int
    last: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    relative_unit: str | None = None  # day | week | month | year | same-day (counted from the date before)
    relative_offset: int = 0
    month_direction: int | None = None  # نوفمبر الماضي: -1, next January: +1
    weekday: int | None = None
    future: bool = False


def _year_at(tokens: Sequence[Token], position: int) -> int | None:
    if 0 <= position < len(tokens):
        text = tokens[position].text
        if text.isdigit() and len(text) == 4 and MIN_YEAR <= int(text) <= MAX_YEAR:
            return int(text)
    return None


def _day_at(tokens: Sequence[Token], position: int) -> int | None:
    if 0 <= position < len(tokens):
        text = tokens[position].text
        if text.isdigit() and len(text) <= 2 and 1 <= int(text) <= 31:
            return int(text)
    return None


def _month_at(tokens: Sequence[Token], position: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """A month name, possibly doubled ("تشرين الثاني/نوفمبر"): number and last position."""
    if not 0 <= position < len(tokens):
        return None
    matches = lexicon.months.matches_at(tokens, position)
    if not matches:
        return None
    month, last = matches[0].payload, matches[0].last
    if last + 2 < len(tokens) and tokens[last + 1].text == "/":
        second = lexicon.months.matches_at(tokens, last + 2)
        if second and second[0].payload == month:
            last = second[0].last
    return month, last


def _skip(tokens: Sequence[Token], position: int, words: frozenset[str]) -> int:
    while position < len(tokens) and (tokens[position].text in words or tokens[position].text == ","
                                      or tokens[position].text == "،"):
        position += 1
    return position


def _relative_at(tokens: Sequence[Token], position: int, lexicon: Lexicon) -> tuple[str, int, int] | None:
    if not 0 <= position < len(tokens):
        return None
    for match in lexicon.relative_dates.matches_at(tokens, position):
        unit, offset = match.payload
        if unit != "month-name":
            return unit, offset, match.last
    return None


def _month_qualifier_at(tokens: Sequence[Token], position: int, lexicon: Lexicon) -> tuple[int, int] | None:
    if not 0 <= position < len(tokens):
        return None
    for match in lexicon.relative_dates.matches_at(tokens, position):
        unit, offset = match.payload
        if unit == "month-name":
            return offset, match.last
    return None


def _weekday_at(tokens: Sequence[Token], position: int, lexicon: Lexicon) -> tuple[int, int] | None:
    if not 0 <= position < len(tokens):
        return None
    matches = lexicon.weekdays.matches_at(tokens, position)
    return (matches[0].payload, matches[0].last) if matches else None


def _date_at(tokens: Sequence[Token], position: int, lexicon: Lexicon) -> DateMention | None:
    """The longest date expression that starts at `position`, with its era marker and the
    same date in the other calendar when they follow it."""
    mention = _bare_date_at(tokens, position, lexicon)
    if mention is None or mention.year is None:
        return mention
    last = mention.last
    era = _era_at(tokens, last + 1, lexicon)
    if era is not None and era[0] == "gregorian":  # 2022م
        last = era[1]
    beside = _skip_links(tokens, last + 1, lexicon)
    hijri = _hijri_at(tokens, beside, lexicon)
    if hijri is not None:  # "22 نوفمبر 2022م الموافق 28 ربيع الآخر 1444هـ": the same day
        last = hijri[1]
        if last + 1 < len(tokens) and tokens[last + 1].text == ")":
            last += 1
    return mention if last == mention.last else replace(mention, last=last)


def _era_at(tokens: Sequence[Token], position: int, lexicon: Lexicon) -> tuple[str, int] | None:
    if not 0 <= position < len(tokens):
        return None
    matches = lexicon.eras.matches_at(tokens, position)
    return (matches[0].payload, matches[0].last) if matches else None


def _skip_links(tokens: Sequence[Token], position: int, lexicon: Lexicon) -> int:
    while position < len(tokens) and (tokens[position].text in CALENDAR_LINKS
                                      or tokens[position].text in lexicon.date_linkers):
        position += 1
    return position


def _hijri_at(tokens: Sequence[Token], position: int, lexicon: Lexicon) -> tuple[date | None, int] | None:
    """A Hijri date (day, Hijri month, year, era marker) at `position`: its Gregorian day (None
    when the converter does not know it) and its last position."""
    day = _day_at(tokens, position)
    if day is None or position + 1 >= len(tokens):
        return None
    months = lexicon.hijri_months.matches_at(tokens, position + 1)
    if not months:
        return None
    year_position = months[0].last + 1
    if not (year_position < len(tokens) and tokens[year_position].text.isdigit()
            and len(tokens[year_position].text) == 4):
        return None
    last = year_position
    era = _era_at(tokens, last + 1, lexicon)
    if era is not None and era[0] == "hijri":
        last = era[1]
    try:
        converted = Hijri(int(tokens[year_position].text), months[0].payload, day).to_gregorian()
    except (ValueError, OverflowError):  # a day the month does not have; a year out of the tables
        return None, last
    return date(*converted.datetuple()), last


def _bare_date_at(tokens: Sequence[Token], position: int, lexicon: Lexicon) -> DateMention | None:
    """The longest date expression that starts at `position`, in one calendar."""
    if position >= len(tokens):
        return None
    start = position
    weekday = _weekday_at(tokens, position, lexicon)
    if weekday is not None:
        after = _skip(tokens, weekday[1] + 1, lexicon.date_linkers)
        qualifier = _month_qualifier_at(tokens, weekday[1] + 1, lexicon)
        if qualifier is not None:  # الثلاثاء المقبل
            return DateMention(start, qualifier[1], weekday=weekday[0], future=qualifier[0] > 0)
        inner = _date_at(tokens, after, lexicon)
        if inner is not None and inner.weekday is None:
            return DateMention(start, inner.last, inner.year, inner.month, inner.day, inner.relative_unit,
                               inner.relative_offset, inner.month_direction, weekday[0])
        return DateMention(start, weekday[1], weekday=weekday[0])

    if tokens[position].text in YEAR_NOUNS:
        year = _year_at(tokens, position + 1)
        if year is not None:
            return DateMention(start, position + 1, year)

    relative = _relative_at(tokens, position, lexicon)
    if relative is not None:
        unit, offset, last = relative
        following = _weekday_at(tokens, _skip(tokens, last + 1, frozenset()), lexicon)
        if following is not None and unit == "day":
            last = following[1]
        return DateMention(start, last, relative_unit=unit, relative_offset=offset)

    qualifier = _month_qualifier_at(tokens, position, lexicon)
    if qualifier is not None and tokens[position].is_word and not tokens[position].is_arabic:
        month = _month_at(tokens, qualifier[1] + 1, lexicon)  # last November
        if month is not None:
            return DateMention(start, month[1], month=month[0], month_direction=qualifier[0])
        named_day = _weekday_at(tokens, qualifier[1] + 1, lexicon)  # next Tuesday
        if named_day is not None:
            return DateMention(start, named_day[1], weekday=named_day[0], future=qualifier[0] > 0)

    hijri = _hijri_at(tokens, position, lexicon)
    if hijri is not None:
        converted, last = hijri
        beside = _skip_links(tokens, last + 1, lexicon)
        gregorian = _date_at(tokens, beside, lexicon) if beside > last + 1 else None
        if gregorian is not None and gregorian.day is not None and gregorian.year is not None:
            return replace(gregorian, first=start)  # the Gregorian date as written is the value
        if converted is None:
            return None
        return DateMention(start, last, converted.year, converted.month, converted.day)

    numeric = _numeric_at(tokens, position)
    if numeric is not None:
        return numeric

    day = _day_at(tokens, position)
    day_end = position
    if day is None:
        ordinal = _ordinal_day_at(tokens, position, lexicon)
        if ordinal is not None:
            day, day_end = ordinal
    if day is not None:
        of_month = _relative_at(tokens, _skip(tokens, day_end + 1, DAY_OF | ORDINAL_SUFFIXES), lexicon) \
            if _day_of_follows(tokens, day_end) else None
        if of_month is not None and of_month[0] == "month":  # "15 من الشهر الجاري", "الثلاثين من الشهر الماضي"
            return DateMention(start, of_month[2], day=day, relative_unit="month", relative_offset=of_month[1])
        month = _month_at(tokens, _after_day_range(tokens, day_end), lexicon)
        if month is not None:
            year_position = _skip(tokens, month[1] + 1, frozenset())
            year = _year_at(tokens, year_position)
            if year is not None:
                return DateMention(start, year_position, year, month[0], day)
            relative_year = _relative_at(tokens, _skip(tokens, month[1] + 1, DAY_OF), lexicon)
            if relative_year is not None and relative_year[0] in YEAR_UNITS:  # "30 يناير من العام الماضي"
                return DateMention(start, relative_year[2], month=month[0], day=day,
                                   relative_unit=relative_year[0],
                                   relative_offset=relative_year[1])
            qualifier = _month_qualifier_at(tokens, month[1] + 1, lexicon)
            if qualifier is not None:  # "5 مارس الجاري"
                return DateMention(start, qualifier[1], month=month[0], day=day, month_direction=qualifier[0])
            return DateMention(start, month[1], month=month[0], day=day)

    month = _month_at(tokens, position, lexicon)
    if month is not None:
        number, last = month
        day_position = last + 1
        day = _day_at(tokens, day_position)
        if day is not None:  # September 14, 2020; September 14-15, 2020
            year_position = _skip(tokens, _after_day_range(tokens, day_position), frozenset())
            year = _year_at(tokens, year_position)
            if year is not None:
                return DateMention(start, year_position, year, number, day)
            return DateMention(start, day_position, month=number, day=day)
        year_position = _skip(tokens, last + 1, YEAR_OF)
        year = _year_at(tokens, year_position)
        if year is not None:
            return DateMention(start, year_position, year, number)
        relative_year = _relative_at(tokens, _skip(tokens, last + 1, RELATIVE_YEAR_OF), lexicon)
        if relative_year is not None and relative_year[0] in YEAR_UNITS:
            return DateMention(start, relative_year[2], month=number, relative_unit=relative_year[0],
                               relative_offset=relative_year[1])
        qualifier = _month_qualifier_at(tokens, last + 1, lexicon)
        if qualifier is not None:
            return DateMention(start, qualifier[1], month=number, month_direction=qualifier[0])
        # "في يناير", and after a word that places a time in it: "أواخر يناير", "late January"
        if position > 0 and (tokens[position - 1].text in MONTH_PREPOSITIONS
                             or tokens[position - 1].text in lexicon.date_linkers):
            return DateMention(start, last, month=number, month_direction=0)
        return None

    # "في 2018", and after a word that places a time in it: "مطلع 2018", "أواخر 2021"
    if position > 0 and (tokens[position - 1].text in YEAR_PREPOSITIONS
                         or tokens[position - 1].text in lexicon.date_linkers):
        year = _year_at(tokens, position)
        if year is not None:
            return DateMention(start, position, year)
    return None


def _numeric_at(tokens: Sequence[Token], position: int) -> DateMention | None:
    """A date in figures: "22/11/2022", "22-11-2022", "2022-11-22".

    Day and month are read in the order that cannot be wrong: ISO year first; else day
    first in Arabic copy (as Arab and British papers write it), or when the first number
    cannot be a month; an English "5/3/2024" could be either, and is left out."""
    if position + 4 >= len(tokens):
        return None
    first, separator, second, again, third = (t.text for t in tokens[position : position + 5])
    if separator not in NUMERIC_SEPARATORS or again != separator \
            or not (first.isdigit() and second.isdigit() and third.isdigit()):
        return None
    if len(first) == 4 and len(second) <= 2 and len(third) <= 2:  # 2022-11-22
        year, month, day = int(first), int(second), int(third)
    elif len(third) == 4 and len(first) <= 2 and len(second) <= 2:
        a, b = int(first), int(second)
        arabic = any(t.is_arabic for t in tokens if t.is_word)
        if arabic or a > 12:
            day, month = a, b
        elif b > 12:
            month, day = a, b
        else:
            return None
        year = int(third)
    else:
        return None
    if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return DateMention(position, position + 4, year, month, day)


def _ordinal_day_at(tokens: Sequence[Token], position: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """A day written as an ordinal word and "of": "الثلاثين من", "الخامس عشر من" → (day, position of من).

    Only after a preposition, a weekday or nothing: in "الأسبوع الأول من نوفمبر" the ordinal
    counts weeks."""
    if position >= len(tokens):
        return None
    if position > 0 and tokens[position - 1].text not in ORDINAL_DAY_AFTER \
            and _weekday_at(tokens, position - 1, lexicon) is None:
        return None
    for match in lexicon.ordinals.matches_at(tokens, position):
        following = match.last + 1
        if 1 <= match.payload <= 31 and following < len(tokens) and tokens[following].text in DAY_OF:
            return match.payload, following
    return None


def _day_of_follows(tokens: Sequence[Token], day_end: int) -> bool:
    """Whether "of" follows the day ending at `day_end` (an ordinal day ends on its من)."""
    position = day_end + 1 if tokens[day_end].text not in DAY_OF else day_end
    if position < len(tokens) and tokens[position].text in ORDINAL_SUFFIXES:
        position += 1
    return position < len(tokens) and tokens[position].text in DAY_OF


def _after_day_range(tokens: Sequence[Token], position: int) -> int:
    """The position after a day or a range of days ("14-15", "14 و15"): a range dates from its
    start. An ordinal suffix and "of" go with the day: "March 5th", "the 5th of March"."""
    following = position + 1
    if following < len(tokens) and tokens[following].text in ORDINAL_SUFFIXES:
        following += 1
    if following + 1 < len(tokens) and tokens[following].text in DAY_RANGE_JOINERS \
            and _day_at(tokens, following + 1) is not None:
        following += 2
        if following < len(tokens) and tokens[following].text in ORDINAL_SUFFIXES:
            following += 1
    if following < len(tokens) and tokens[following].text in DAY_OF:  # "the 5th of March", "3 من أيار"
        following += 1
    return following


def find_dates(tokens: Sequence[Token], lexicon: Lexicon) -> list[DateMention]:
    """Every date expression in `tokens`, left to right, not overlapping."""
    found: list[DateMention] = []
    position = 0
    while position < len(tokens):
        if not (lexicon.could_start_date(tokens[position].text) or tokens[position].text in YEAR_NOUNS):
            position += 1
            continue
        mention = _date_at(tokens, position, lexicon)
        if mention is None:
            position += 1
            continue
        found.append(mention)
        position = mention.last + 1
    return found


def resolve(mention: DateMention, published: date | None, future: bool = False,
            anchor: date | None = None, anchor_year: int | None = None) -> CalendarValue | None:
    """The calendar value of a date expression, or None when it needs an unknown date.

    `anchor` is the day the text last named: "the same day", "في اليوم التالي" count from it
    (a relative unit `same-day` in relative_dates.tsv), never from the publication date;
    `anchor_year` the year it last named: "the following year", "يناير من العام التالي"
    (unit `same-year`) count from it.

    >>> from qusgraph.text.lexicon import load_lexicon
    >>> from qusgraph.text.tokens import tokenize
    >>> [same] = find_dates(tokenize("confirmed him the same day"), load_lexicon())
    >>> resolve(same, date(2025, 1, 21)), resolve(same, date(2025, 1, 21), anchor=date(2025, 1, 20))
    (None, CalendarValue(text='2025-01-20', datatype='date'))
    """
    if mention.relative_unit == SAME_DAY:
        return None if anchor is None else CalendarValue((anchor + timedelta(days=mention.relative_offset))
                                                         .isoformat(), "date")
    if mention.relative_unit == SAME_YEAR:
        return None if anchor_year is None else _of_year(anchor_year + mention.relative_offset, mention)
    if mention.year is not None and mention.month is not None and mention.day is not None:
        return _full(mention.year, mention.month, mention.day)
    if mention.year is not None and mention.month is not None:
        return CalendarValue(f"{mention.year:04d}-{mention.month:02d}", "gYearMonth")
    if mention.year is not None:
        return CalendarValue(f"{mention.year:04d}", "gYear")
    if published is None:
        return None
    if mention.month is not None and mention.relative_unit == "year":
        if mention.day is not None:  # the day of a month of a year counted from publication
            return _full(published.year + mention.relative_offset, mention.month, mention.day)
        return CalendarValue(f"{published.year + mention.relative_offset:04d}-{mention.month:02d}", "gYearMonth")
    if mention.month is not None and mention.day is not None:
        if mention.month_direction is not None:
            year = _year_of_month(published, mention.month, mention.month_direction, future)
            return _full(year, mention.month, mention.day)
        return _nearest_day(published, mention.month, mention.day)
    if mention.month is not None:
        year = _year_of_month(published, mention.month, mention.month_direction or 0, future)
        return CalendarValue(f"{year:04d}-{mention.month:02d}", "gYearMonth")
    if mention.day is not None and mention.relative_unit == "month":  # the day of a month counted from publication
        month_index = published.year * 12 + published.month - 1 + mention.relative_offset
        return _full(month_index // 12, month_index % 12 + 1, mention.day)
    if mention.relative_unit is not None:
        return _relative(published, mention.relative_unit, mention.relative_offset)
    if mention.weekday is not None:
        return _weekday(published, mention.weekday, future or mention.future)
    return None


def _of_year(year: int, mention: DateMention) -> CalendarValue | None:
    """The value of a date whose year is `year`: as precise as its month and day."""
    if mention.month is None:
        return CalendarValue(f"{year:04d}", "gYear")
    if mention.day is None:
        return CalendarValue(f"{year:04d}-{mention.month:02d}", "gYearMonth")
    return _full(year, mention.month, mention.day)


def _full(year: int, month: int, day: int) -> CalendarValue | None:
    try:
        return CalendarValue(date(year, month, day).isoformat(), "date")
    except ValueError:
        return None


def _nearest_day(published: date, month: int, day: int) -> CalendarValue | None:
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    best = min(candidates, key=lambda d: abs((d - published).days))
    return CalendarValue(best.isoformat(), "date")


def _year_of_month(published: date, month: int, direction: int, future: bool) -> int:
    """The year of a month named without one: past (الماضي), next (المقبل) or nearest."""
    if direction < 0:
        return published.year if month < published.month else published.year - 1
    if direction > 0 or future:
        return published.year if month > published.month else published.year + 1
    return published.year if month <= published.month else published.year - 1


def _relative(published: date, unit: str, offset: int) -> CalendarValue | None:
    if unit == "day":
        return CalendarValue((published + timedelta(days=offset)).isoformat(), "date")
    if unit == "year":
        return CalendarValue(f"{published.year + offset:04d}", "gYear")
    if unit == "month":
        month_index = published.year * 12 + published.month - 1 + offset
        return CalendarValue(f"{month_index // 12:04d}-{month_index % 12 + 1:02d}", "gYearMonth")
    if unit == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=offset)
        sunday = monday + timedelta(days=6)
        if (monday.year, monday.month) == (sunday.year, sunday.month):
            return CalendarValue(f"{monday.year:04d}-{monday.month:02d}", "gYearMonth")
        if monday.year == sunday.year:
            return CalendarValue(f"{monday.year:04d}", "gYear")
    return None


def _weekday(published: date, weekday: int, future: bool) -> CalendarValue:
    if future:
        delta = (weekday - published.weekday()) % 7 or 7
        return CalendarValue((published + timedelta(days=delta)).isoformat(), "date")
    delta = (published.weekday() - weekday) % 7
    return CalendarValue((published - timedelta(days=delta)).isoformat(), "date")


