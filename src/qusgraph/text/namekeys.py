"""The two keys names are compared on, whatever the spelling (see explore/search.py).

- the *folded* key: the extractor's own normalisation (normalize.py), accents stripped,
  punctuation dropped — it only forgives orthography;
- the *skeleton* key: the folded key with each word's inner vowels dropped (ا و ي after an
  Arabic word's first letter; a e i o u y in Latin, with doubled letters and th/ph/c/q
  simplified) — it forgives transliteration.

They live with the text stage because both the store (as SPARQL functions) and the search
use them.
"""

from __future__ import annotations

import re
import unicodedata

from .normalize import normalize

_PUNCTUATION = re.compile(r"[\s\-‐‑–—_'’`\".,:;()«»“”/]+")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
_ARABIC_INNER_VOWELS = str.maketrans("", "", "اوي")
_LATIN_RULES = (("th", "t"), ("ph", "f"), ("ck", "k"), ("c", "k"), ("q", "k"), ("ee", "i"), ("ou", "u"))
_LATIN_VOWELS = re.compile(r"[aeiouy]")
_DOUBLED = re.compile(r"(.)\1+")


def search_key(text: str) -> str:
    """The folded key: normalised Arabic (normalize.py), Latin lower-cased without accents."""
    decomposed = unicodedata.normalize("NFKD", text)
    # Latin accents are combining marks after NFKD; Arabic keeps its letters (hamza forms are
    # folded by normalize(), which also drops harakat).
    stripped = "".join(c for c in decomposed if not (unicodedata.combining(c) and ord(c) < 0x0600))
    folded = normalize(unicodedata.normalize("NFC", stripped)).lower()
    return " ".join(_PUNCTUATION.sub(" ", folded).split())


def _word_skeleton(word: str) -> str:
    if _ARABIC_LETTER.match(word):
        if len(word) > 4 and word.startswith("ال"):
            word = word[2:]  # the article: العطيه and عطيه are one name
        return word[:1] + word[1:].translate(_ARABIC_INNER_VOWELS)
    for old, new in _LATIN_RULES:
        word = word.replace(old, new)
    if len(word) > 2 and word.endswith("h") and word[-2] in "aeiouy":
        word = word[:-1]  # Attiyah, Attiya
    word = _DOUBLED.sub(r"\1", word)
    return word[:1] + _LATIN_VOWELS.sub("", word[1:])


def skeleton(text: str) -> str:
    """The skeleton key: each word of the folded key without its inner vowels."""
    return " ".join(_word_skeleton(word) for word in search_key(text).split())
