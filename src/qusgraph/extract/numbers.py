"""Numbers, monetary amounts and durations, in digits or in words, Arabic or English.

>>> from qusgraph.text.lexicon import load_lexicon
>>> from qusgraph.text.tokens import tokenize
>>> lexicon = load_lexicon()
>>> [(str(a.value), a.currency) for a in find_amounts(tokenize("بتقديم 75 مليون دولار"), lexicon)]
[('75000000', 'USD')]
>>> [(str(a.value), a.currency) for a in find_amounts(tokenize("a pledge of $1.5 billion"), lexicon)]
[('1500000000', 'USD')]
>>> [d.value for d in find_durations(tokenize("على مدى خمس سنوات"), lexicon)]
['P5Y']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..text.lexicon import Lexicon, word_list
from ..text.tokens import Token

_DIGITS = re.compile(r"^\d+(?:[.,]\d+)*$")
_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+$")


@dataclass(frozen=True)
class NumberReading:
    """A number that spans tokens [first, last] (positions in the token sequence)."""

    value: Decimal
    first: int
    last: int
    in_digits: bool


@dataclass(frozen=True)
class Amount:
    value: Decimal
    currency: str
    first: int
    last: int


@dataclass(frozen=True)
class Duration:
    value: str  # ISO 8601, e.g. P5Y
    first: int
    last: int


def parse_digits(text: str) -> Decimal | None:
    """'75' → 75, '26,000' → 26000, '1.5' → 1.5, '1,5' → 1.5."""
    if not _DIGITS.match(text):
        return None
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    else:
        text = text.replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _word_number(tokens: Sequence[Token], position: int, lexicon: Lexicon) -> tuple[Decimal, int] | None:
    """A number written in words starting at `position`: value and last position."""
    total: Decimal | None = None
    cursor = position
    while cursor < len(tokens):
        matches = [m for m in lexicon.numbers.matches_at(tokens, cursor) if m.payload[0] == "number"]
        if not matches:
            break
        value = Decimal(matches[0].payload[1])
        if total is None:
            total = value
        elif value == 100 and total < 10:
            total *= value  # five hundred
        else:
            total += value  # خمسة وعشرون, twenty five
        cursor = matches[0].last + 1
        if cursor < len(tokens) and tokens[cursor].text == "and":
            cursor += 1
    if total is None:
        return None
    return total, cursor - 1


CONJUNCTIONS = frozenset(word_list("number-conjunction"))  # "مليار و500 مليون", "one billion and 500 million"


def read_number(tokens: Sequence[Token], position: int, lexicon: Lexicon) -> NumberReading | None:
    """The number (with its scale word: million, مليار …) that starts at `position`; a
    number of one scale joined to one of a smaller scale is their sum ("مليار و500 مليون")."""
    reading = _scaled_number(tokens, position, lexicon)
    if reading is None:
        return None
    value, last, scale = reading.value, reading.last, _scale_of(tokens, reading, lexicon)
    while scale is not None and last + 2 < len(tokens):
        following = last + 1
        if tokens[following].text not in CONJUNCTIONS:
            word = tokens[following].text
            if not (word.startswith("و") and len(word) > 1):
                break
        else:
            following += 1
        more = _scaled_number(tokens, following, lexicon, joined=tokens[last + 1].text not in CONJUNCTIONS)
        more_scale = _scale_of(tokens, more, lexicon) if more is not None else None
        if more is None or more_scale is None or more_scale >= scale:
            break
        value, last, scale = value + more.value, more.last, more_scale
    if value == value.to_integral_value():
        value = value.to_integral_value()
    return NumberReading(value, position, last, reading.in_digits)


def _scale_of(tokens: Sequence[Token], reading: NumberReading, lexicon: Lexicon) -> int | None:
    """The scale word a reading ends with (مليار → 10⁹), if it ends with one."""
    for match in lexicon.numbers.matches_at(tokens, reading.last):
        if match.payload[0] in ("scale", "plural-scale") and match.last == reading.last:
            return int(match.payload[1])
    return None


def _scaled_number(tokens: Sequence[Token], position: int, lexicon: Lexicon,
                   joined: bool = False) -> NumberReading | None:
    """A number with its scale word; `joined`: the first token carries the conjunction و
    ("وخمسمائة مليون"), and is read through its clitic readings."""
    if position >= len(tokens):
        return None
    digits = parse_digits(tokens[position].text)
    fraction = _fraction_at(tokens, position, lexicon)
    if digits is not None:
        value, last, in_digits = digits, position, True
    elif fraction is not None:
        # "نصف مليار", "half a billion": a fraction of the scale that follows it
        scale = _scale_at(tokens, fraction[1] + 1, lexicon)
        if scale is None:
            return None
        return NumberReading(Decimal(scale[0]) / fraction[0], position, scale[1], False)
    else:
        words = _word_number(tokens, position, lexicon)
        if words is None:
            scale = _scale_at(tokens, position, lexicon)
            if scale is None or joined:
                return None
            return NumberReading(Decimal(scale[0]), position, scale[1], False)
        (value, last), in_digits = words, False
    scale = _scale_at(tokens, last + 1, lexicon, plural=True) if last + 1 < len(tokens) else None
    if scale is not None:
        value *= scale[0]
        last = scale[1]
    return NumberReading(value, position, last, in_digits)


def _fraction_at(tokens: Sequence[Token], position: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """A fraction word (نصف، half a): its denominator and last position."""
    for match in lexicon.numbers.matches_at(tokens, position):
        if match.payload[0] == "fraction":
            return match.payload[1], match.last
    return None


def _scale_at(tokens: Sequence[Token], position: int, lexicon: Lexicon,
              plural: bool = False) -> tuple[int, int] | None:
    """A scale word (مليون، billion); plural ones (ملايين) only after a number."""
    if position >= len(tokens):
        return None
    kinds = ("scale", "plural-scale") if plural else ("scale",)
    for match in lexicon.numbers.matches_at(tokens, position):
        if match.payload[0] in kinds:
            return match.payload[1], match.last
    return None


def _currency_at(tokens: Sequence[Token], position: int, lexicon: Lexicon) -> tuple[str, int] | None:
    if 0 <= position < len(tokens):
        matches = lexicon.currencies.matches_at(tokens, position)
        if matches:
            return matches[0].payload, matches[0].last
    return None


def find_amounts(tokens: Sequence[Token], lexicon: Lexicon) -> list[Amount]:
    """Monetary amounts: "75 مليون دولار", "$500 million", "USD 2 billion", "مليار ريال"."""
    amounts: list[Amount] = []
    position = 0
    while position < len(tokens):
        if not lexicon.could_start_amount(tokens[position].text):
            position += 1
            continue
        before = _currency_at(tokens, position, lexicon)
        if before is not None and before[1] + 1 < len(tokens):
            number = read_number(tokens, before[1] + 1, lexicon)
            if number is not None:
                amounts.append(Amount(number.value, before[0], position, number.last))
                position = number.last + 1
                continue
        number = read_number(tokens, position, lexicon)
        if number is not None:
            after = _currency_at(tokens, number.last + 1, lexicon)
            if after is not None:
                amounts.append(Amount(number.value, after[0], position, after[1]))
                position = after[1] + 1
                continue
            position = number.last + 1
            continue
        position += 1
    return amounts


HYPHENS = frozenset(word_list("number-hyphen"))  # "a five-year programme", "a 10-year pledge"
MAX_DURATION_COUNT = 100  # "السنوات الخمس": a count after the unit is small; "السنوات 2020" is no count


def find_durations(tokens: Sequence[Token], lexicon: Lexicon) -> list[Duration]:
    """Durations: "خمس سنوات" → P5Y, "عامين" → P2Y, "18 months" → P18M, "a five-year
    programme" → P5Y, "السنوات الخمس المقبلة" → P5Y (the count after a definite plural)."""
    durations: list[Duration] = []
    for position in range(len(tokens)):
        if not lexicon.durations.could_start(tokens[position].text):
            continue
        for match in lexicon.durations.matches_at(tokens, position):
            unit, count = match.payload
            before = position - 1
            if before > 0 and tokens[before].text in HYPHENS:
                before -= 1
            number = _number_ending_at(tokens, before, lexicon)
            after = _count_after(tokens, match.last + 1, lexicon)
            if number is not None and number.value == number.value.to_integral_value():
                durations.append(Duration(f"P{int(number.value)}{unit}", number.first, match.last))
            elif count > 1:
                durations.append(Duration(f"P{count}{unit}", position, match.last))
            elif after is not None and tokens[position].text.startswith("ال"):
                durations.append(Duration(f"P{after.value}{unit}", position, after.last))
            break
    return durations


def _count_after(tokens: Sequence[Token], position: int, lexicon: Lexicon) -> NumberReading | None:
    """A small count in words right after a unit: "السنوات الخمس", "الأعوام الثلاثة"."""
    if position >= len(tokens):
        return None
    reading = read_number(tokens, position, lexicon)
    if reading is None or reading.in_digits or reading.value != reading.value.to_integral_value() \
            or not 0 < reading.value <= MAX_DURATION_COUNT:
        return None
    return reading


def _number_ending_at(tokens: Sequence[Token], last: int, lexicon: Lexicon) -> NumberReading | None:
    for first in range(last, max(-1, last - 4), -1):
        reading = read_number(tokens, first, lexicon)
        if reading is not None and reading.last == last:
            return reading
    return None


def count_before(tokens: Sequence[Token], position: int, lexicon: Lexicon) -> int | None:
    """A small count written just before `position` (ثلاث مذكرات، three MoUs)."""
    reading = _number_ending_at(tokens, position - 1, lexicon)
    if reading is None or reading.value != reading.value.to_integral_value() or reading.value > 100:
        return None
    return int(reading.value)
