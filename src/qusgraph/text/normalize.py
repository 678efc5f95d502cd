"""Arabic and English text normalisation that keeps a map back to the original offsets.

Matching happens on a normalised view of the text (no diacritics or tatweel, one alef,
ى→ي, ة→ه, Western digits, lower-case Latin, "عبد الرحمن" joined into "عبدالرحمن"), but
every fact must point at the characters of the article as written. `normalize_with_map`
therefore returns the normalised text and a way back from each of its positions to the
original one.

>>> view = normalize_with_map("قالَ: عبد الرحمن ٢٠٢٢")
>>> view.text
'قال: عبدالرحمن 2022'
>>> view.original_span(5, 14)
(6, 16)
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

# Harakat, Quranic marks, superscript alef, tatweel and invisible format characters are
# dropped: they vary between agencies for the same word.
_DROPPED_CLASS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u202a-\u202e\ufeff"
_DROPPED = re.compile(f"[{_DROPPED_CLASS}]")
_CHAR_MAP = {
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
# One table does the one-to-one work of the fast path: mapped characters and dropped ones.
_TABLE = str.maketrans({**_CHAR_MAP, **{chr(c): None for c in range(0x0610, 0x061B)},
                        **{chr(c): None for c in range(0x064B, 0x0660)}, "\u0670": None,
                        **{chr(c): None for c in range(0x06D6, 0x06EE)}, "\u0640": None,
                        **{chr(c): None for c in range(0x200B, 0x2010)},
                        **{chr(c): None for c in range(0x202A, 0x202F)}, "\ufeff": None})
# Characters NFKC would change (presentation forms, ligatures, full-width forms): rare in
# copy, they take the slow path.
_NEEDS_NFKC = re.compile(
    "[\ufb00-\ufdff\ufe70-\ufeff\uff00-\uffef\u2000-\u200a\u2150-\u218f\u00bc-\u00be\u2460-\u24ff]")
# "عبد الرحمن" and "عبدالرحمن" are one name: the space after عبد (or وعبد, بعبد …) is removed.
_ABD_SPACE = re.compile(r"(?:(?<=\s)|^)[وفبل]?عبد(\s+)(?=\S)")


@dataclass(frozen=True)
class NormalizedText:
    """A normalised string and the way back to the original offsets.

    `removed` lists, in normalised coordinates, where characters were taken out (one entry
    per character); `expanded` maps positions of characters that one source character
    became several of (rare) to their source.
    """

    text: str
    source_length: int
    removed: tuple[int, ...] = ()
    explicit: tuple[int, ...] | None = None  # full map, for texts that took the slow path

    def source(self, index: int) -> int:
        """The original offset of normalised character `index` (len(text) → source length)."""
        if self.explicit is not None:
            return self.explicit[index]
        if index >= len(self.text):
            return self.source_length
        return index + bisect_right(self.removed, index)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) span covering normalised characters [start, end)."""
        if end <= start:
            position = self.source(start)
            return position, position
        return self.source(start), self.source(end - 1) + 1


def normalize_char(char: str) -> str:
    """Normalise one character (possibly to several, or to none)."""
    if _DROPPED.match(char):
        return ""
    folded = unicodedata.normalize("NFKC", char) if not char.isascii() else char
    return folded.translate(_TABLE).lower()


def _slow_map(text: str) -> NormalizedText:
    """Character by character, for texts with characters NFKC expands or with odd case rules."""
    chars: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        for out in normalize_char(char):
            chars.append(out)
            offsets.append(index)
    joined = "".join(chars)
    removed = {i for m in _ABD_SPACE.finditer(joined) for i in range(m.start(1), m.end(1))}
    if removed:
        chars = [c for i, c in enumerate(chars) if i not in removed]
        offsets = [o for i, o in enumerate(offsets) if i not in removed]
        joined = "".join(chars)
    offsets.append(len(text))
    return NormalizedText(joined, len(text), explicit=tuple(offsets))


def normalize_with_map(text: str) -> NormalizedText:
    """Normalise `text` for matching, keeping the way back to every character's source."""
    if _NEEDS_NFKC.search(text):
        return _slow_map(text)
    mapped = text.translate(_TABLE)
    lowered = mapped.lower()
    if len(lowered) != len(mapped):
        return _slow_map(text)
    # Positions (in normalised coordinates) where dropped characters were taken out.
    removed: list[int] = []
    for count, match in enumerate(_DROPPED.finditer(text)):
        removed.append(match.start() - count)
    joined = lowered
    abd = [(m.start(1), m.end(1)) for m in _ABD_SPACE.finditer(joined)]
    if abd:
        # Taking the spaces out shifts every later position: fold them into `removed`.
        removed_abd: list[int] = []
        for start, end in abd:
            shift = len(removed_abd)
            removed_abd.extend([start - shift] * (end - start))
        joined = _ABD_SPACE.sub(lambda m: m.group(0)[: m.start(1) - m.start()], joined)
        composed = sorted(_compose(removed, removed_abd))
        return NormalizedText(joined, len(text), tuple(composed))
    return NormalizedText(joined, len(text), tuple(removed))


def _compose(first: list[int], second: list[int]) -> list[int]:
    """Removal lists of two successive passes as one list in the final coordinates.

    A position p of the final text is at q = p + #(second ≤ p) after the first pass, and at
    q + #(first ≤ q) in the source; the composed list reproduces that with one bisect.
    """
    out: list[int] = []
    # Each removal of the second pass stays where it is in final coordinates.
    out.extend(second)
    # Each removal of the first pass, at position r after that pass, is at r - #(second < …)
    # in final coordinates: count the second-pass removals before it.
    for r in first:
        shift = bisect_right([s + k for k, s in enumerate(second)], r - 1) if second else 0
        out.append(r - shift)
    return out


@lru_cache(maxsize=200_000)
def normalize(text: str) -> str:
    """The normalised form of `text` without the offset map (for lexicon entries and keys)."""
    return " ".join(normalize_with_map(text).text.split())
