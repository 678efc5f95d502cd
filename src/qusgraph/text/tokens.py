"""Tokens of the normalised text, each with its span in the original article.

Arabic attaches prepositions and conjunctions to the next word (بواشنطن، للولايات،
والدوحة). `clitic_readings` lists the readings of a token with those removed, and
`match_key` is the form lexicon entries are indexed under (without the article ال),
so one index serves "الدوحة", "بالدوحة" and "والدوحة".

>>> [t.text for t in tokenize("Al-Thani, U.S.-Qatar ٦")]
['al', 'thani', ',', 'u.s.', 'qatar', '6']
>>> sorted(clitic_readings("وبالدوحة"))
['الدوحة', 'بالدوحة', 'دوحة', 'وبالدوحة']
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .normalize import normalize_with_map

_TOKEN = re.compile(
    r"(?:[a-z]\.){2,}"  # initialisms: u.s., u.n.
    r"|\d+(?:[.,]\d+)*"  # numbers, with decimal or thousands separators
    r"|[^\W\d_]+"  # words (any script)
    r"|'s\b"  # English possessive
    r"|[^\s\w]"  # one punctuation mark
)
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
# Proclitics in the order they attach: conjunction, then preposition/future, then article.
_CONJUNCTIONS = ("", "و", "ف")
_PREPOSITIONS = ("", "ب", "ل", "ك", "س", "لل")
MIN_STEM = 2


class Token(NamedTuple):
    """One token: normalised text, index in the document, span in the original text.

    A named tuple: an article has thousands of tokens, made faster this way than as objects."""

    text: str
    index: int  # type: ignore[assignment]  # shadows tuple.index, which no caller uses
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()

    @property
    def is_arabic(self) -> bool:
        return bool(_ARABIC_LETTER.match(self.text))


def tokenize(text: str, offset: int = 0, first_index: int = 0) -> list[Token]:
    """Tokens of `text` (original), normalised; spans are offsets into the original + offset."""
    view = normalize_with_map(text)
    normal = view.text
    tokens: list[Token] = []
    identity = view.explicit is None and not view.removed  # nothing was taken out: offsets agree
    span = view.original_span
    for match in _TOKEN.finditer(normal):
        value = match.group()
        if value == "-" and _joins_words(normal, match.start()):
            continue  # Al-Thani, U.S.-Qatar: the hyphen only separates two words
        start, end = match.span() if identity else span(match.start(), match.end())
        tokens.append(Token(value, first_index + len(tokens), start + offset, end + offset))
    return tokens


def _joins_words(text: str, position: int) -> bool:
    before = text[position - 1] if position > 0 else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    return (before.isalpha() or before == ".") and after.isalpha()


@lru_cache(maxsize=65536)
def clitic_readings(word: str) -> frozenset[str]:
    """The word and its readings with Arabic proclitics (و ف ب ل ك س لل ال) removed."""
    readings = {word}
    if not _ARABIC_LETTER.match(word):
        return frozenset(readings)
    for conjunction in _CONJUNCTIONS:
        if not word.startswith(conjunction):
            continue
        rest = word[len(conjunction):]
        for preposition in _PREPOSITIONS:
            if not rest.startswith(preposition):
                continue
            stem = rest[len(preposition):]
            if len(stem) < MIN_STEM + 1 and (conjunction or preposition):
                continue
            readings.add(stem)
            if preposition == "لل":
                readings.add("ال" + stem)
            if stem.startswith("ال") and len(stem) > MIN_STEM + 2:
                readings.add(stem[2:])
    return frozenset(readings)


@lru_cache(maxsize=65536)
def match_key(word: str) -> str:
    """The index form of a word: without a leading Arabic article ال."""
    if word.startswith("ال") and len(word) > MIN_STEM + 2:
        return word[2:]
    return word


def same_word(text_word: str, lexicon_word: str) -> bool:
    """Equal, or equal but for the accusative alif of indefinite nouns (إعلانا مشتركا)."""
    return text_word == lexicon_word or (
        text_word.endswith("ا") and text_word[:-1] == lexicon_word and len(lexicon_word) > 2
    )
