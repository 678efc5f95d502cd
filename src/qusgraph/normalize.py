"""Arabic and English text normalisation that keeps a map back to the original offsets.

Matching happens on a normalised view of the text (no diacritics or tatweel, one alef,
ى→ي, ة→ه, Western digits, lower-case Latin, "عبد الرحمن" joined into "عبدالرحمن"), but
every fact must point at the characters of the article as written. `normalize_with_map`
therefore returns, for each character of the normalised text, the index of the original
character it came from.

>>> view = normalize_with_map("قالَ: عبد الرحمن ٢٠٢٢")
>>> view.text
'قال: عبدالرحمن 2022'
>>> view.original_span(5, 14)
(6, 16)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Harakat, Quranic marks, superscript alef, tatweel and invisible format characters are
# dropped: they vary between agencies for the same word.
_DROPPED = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u202a-\u202e\ufeff]")
_CHAR_MAP = str.maketrans(
    {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
        "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
        "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4",
        "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
        "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4",
        "۵": "5", "۶": "6", "۷": "7", "۸": "8", "۹": "9",
        "“": '"', "”": '"', "«": '"', "»": '"', "„": '"',
        "‘": "'", "’": "'", "`": "'",
        "–": "-", "—": "-", "‐": "-", "‑": "-",
        "٫": ".", "٬": ",",
        "\u00a0": " ",
    }
)
# "عبد الرحمن" and "عبدالرحمن" are one name: the space after عبد (or وعبد, بعبد …) is removed.
_ABD_SPACE = re.compile(r"(?:(?<=\s)|^)[وفبل]?عبد(\s+)(?=\S)")


@dataclass(frozen=True)
class NormalizedText:
    """A normalised string and, per character, the offset of its source character."""

    text: str
    source_offsets: tuple[int, ...]  # len(text) + 1 entries; the last is the end sentinel

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) span covering normalised characters [start, end)."""
        if end <= start:
            position = self.source_offsets[start]
            return position, position
        return self.source_offsets[start], self.source_offsets[end - 1] + 1


def normalize_char(char: str) -> str:
    """Normalise one character (possibly to several, or to none)."""
    if _DROPPED.match(char):
        return ""
    folded = unicodedata.normalize("NFKC", char) if not char.isascii() else char
    return folded.translate(_CHAR_MAP).lower()


def normalize_with_map(text: str) -> NormalizedText:
    """Normalise `text` for matching, keeping the offset of every character's source."""
    chars: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        for out in normalize_char(char):
            chars.append(out)
            offsets.append(index)
    joined = "".join(chars)
    # Remove the space inside "عبد الرحمن" from both the text and the map.
    removed: set[int] = set()
    for match in _ABD_SPACE.finditer(joined):
        removed.update(range(match.start(1), match.end(1)))
    if removed:
        chars = [c for i, c in enumerate(chars) if i not in removed]
        offsets = [o for i, o in enumerate(offsets) if i not in removed]
        joined = "".join(chars)
    offsets.append(len(text))
    return NormalizedText(joined, tuple(offsets))


def normalize(text: str) -> str:
    """The normalised form of `text` without the offset map (for lexicon entries and keys)."""
    return " ".join(normalize_with_map(text).text.split())
