"""Page chrome: the buttons, menus, share bars and headers that a copy of a web page carries
around the article (the words are in `data/lexicon/chrome.tsv`).

Two things are chrome rather than text:

* a line made only of chrome words, separators, times and date parts ("Share", "طباعة",
  "آخر تحديث: 10:42 ص"), a breadcrumb cut by » or › into short pieces ("أخبار » محليات »
  سياسة"), or a line cut by | into short pieces one of which is chrome ("شارك: فيسبوك |
  تويتر | واتساب"), not a row of a table ("1st | Washington | Jan. 30, 2018"); and
* a chrome word run into the first word of a line ("تسجيلتنطلق اليوم …", "ShareThe talks
  …"), alone or after the page's date ("22 نوفمبر 2022مشاركةانطلقت …"): the line's text
  starts after it.

Arabic has no capitals to show where a glued word ends, so a chrome word followed by one of
the endings of `chrome.tsv` (تسجيلات، شاركوا) is a word of the text, not chrome.

>>> from qusgraph.text.lexicon import load_lexicon
>>> lexicon = load_lexicon()
>>> is_chrome_line("شارك: فيسبوك | تويتر | واتساب", lexicon), is_chrome_line("انطلقت اليوم أعمال الجولة", lexicon)
(True, False)
>>> line = "تسجيلتنطلق اليوم في الدوحة"
>>> line[text_start(line, 0, len(line), lexicon):]
'تنطلق اليوم في الدوحة'
>>> line = "تسجيلات الجلسة متاحة"
>>> text_start(line, 0, len(line), lexicon)
0
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .lexicon import Lexicon
from .normalize import normalize_with_map
from .tokens import Token, tokenize

# Characters that cut a line of chrome into pieces (checked on the original text: the
# normaliser turns » into a quotation mark).
_SEPARATORS = re.compile(r"[|»›]")
_BREADCRUMB = re.compile(r"[»›]")  # a line of a table may use |, a breadcrumb never does
MAX_PIECE_WORDS = 3  # words of text a piece of a menu or share bar may have ("حجم الخط: أ+")
MIN_GLUED_CHROME = 4  # letters of a chrome word that may be glued to text (not م, ص, X)
MIN_REST = 2  # letters of text a glued word must keep after the chrome word
# Chrome and the date before it fit in a line's first characters: only these are read for
# the start of a line (every line of every article is asked, so it must be quick).
HEAD = 120


def is_chrome_line(line: str, lexicon: Lexicon, tokens: Sequence[Token] | None = None) -> bool:
    """Whether a line is page chrome, not text (see the module docstring); `tokens` are the
    line's, when the caller has them."""
    if _SEPARATORS.search(line):
        pieces = [_count(p, lexicon, MAX_PIECE_WORDS) for p in _SEPARATORS.split(line) if p.strip()]
        # "1st | Washington | Jan. 30, 2018" is a row of a table: pieces cut by | are chrome
        # when one of them is ("آخر تحديث", "شارك"), pieces cut by » always.
        if len(pieces) > 1 and all(content <= MAX_PIECE_WORDS for content, _ in pieces) \
                and (_BREADCRUMB.search(line) or any(chrome for _, chrome in pieces)):
            return True
    content, chrome = _count(line, lexicon, 0) if tokens is None else _count_tokens(tokens, lexicon, 0)
    return not content and chrome > 0


def has_no_text(line: str, lexicon: Lexicon) -> bool:
    """Whether a line holds no word of text: only a date, a time, numbers or chrome
    ("November 22, 2022"). Such a line above the title is not the title."""
    content, _ = _count(line, lexicon, 0)
    return not content and bool(line.strip())


def _count(text: str, lexicon: Lexicon, limit: int) -> tuple[int, int]:
    """Words of text (not chrome, not date parts) and chrome phrases in `text`; the count of
    words stops once it passes `limit`, which most lines of text do at their first word."""
    for part in ((text[:HEAD], text) if len(text) > HEAD else (text,)):
        content, chrome = _count_tokens(tokenize(part), lexicon, limit)
        if content > limit:
            return content, chrome
    return content, chrome


def _count_tokens(tokens: Sequence[Token], lexicon: Lexicon, limit: int) -> tuple[int, int]:
    content = chrome = 0
    position = 0
    while position < len(tokens) and content <= limit:
        matches = lexicon.chrome.matches_at(tokens, position)
        if matches:
            chrome += 1
            position = matches[0].last + 1
            continue
        end = _date_part_end(tokens, position, lexicon)
        if end > position:
            position = end
            continue
        if tokens[position].is_word:
            content += 1
        position += 1
    return content, chrome


def _date_part_end(tokens: Sequence[Token], position: int, lexicon: Lexicon) -> int:
    """The position after a month, Hijri month, weekday or era marker at `position` (or `position`)."""
    for index in (lexicon.months, lexicon.hijri_months, lexicon.weekdays, lexicon.eras):
        matches = index.matches_at(tokens, position)
        if matches:
            return matches[0].last + 1
    return position


def text_start(text: str, start: int, end: int, lexicon: Lexicon, tokens: Sequence[Token] | None = None) -> int:
    """Where the text of the line text[start:end] begins: after a chrome word glued to its
    first word, or after a date and a chrome word that open it; else `start`. `tokens` are
    the line's, when the caller has them."""
    if tokens is None:
        tokens = tokenize(text[start : min(end, start + HEAD)], offset=start)
    position = 0
    while position < len(tokens) and (not tokens[position].is_word
                                      or _date_part_end(tokens, position, lexicon) > position):
        position = max(position + 1, _date_part_end(tokens, position, lexicon))
    if position >= len(tokens):
        return start
    matches = lexicon.chrome.matches_at(tokens, position)
    if matches and position > 0:  # "22 نوفمبر 2022 مشاركة انطلقت …": the date and the button
        following = matches[0].last + 1
        return tokens[following].start if following < len(tokens) else start
    glued = _glued_chrome_end(text, tokens[position], lexicon)
    return glued if glued is not None else start


def _glued_chrome_end(text: str, token: Token, lexicon: Lexicon) -> int | None:
    """The offset where text starts inside `token`, when it begins with a chrome word run into
    a word of the text; None otherwise."""
    word = token.text
    for chrome in lexicon.derived(_glueable).get(word[:1], ()):
        rest = word[len(chrome):]
        if not word.startswith(chrome) or len(rest) < MIN_REST or rest in lexicon.chrome_suffixes:
            continue
        original = text[token.start : token.end]
        split = token.start + normalize_with_map(original).source(len(chrome))
        if chrome.isascii() and not text[split].isupper():
            continue  # "Shareholders", "Printed": one English word; "ShareThe": two
        return split
    return None


def _glueable(lexicon: Lexicon) -> dict[str, tuple[str, ...]]:
    """One-word chrome forms long enough to be told apart when glued, by first letter, longest first
    (built once per lexicon: `Lexicon.derived`)."""
    forms = sorted({form for form, _ in lexicon.chrome.forms() if " " not in form and len(form) >= MIN_GLUED_CHROME},
                   key=len, reverse=True)
    by_letter: dict[str, list[str]] = {}
    for form in forms:
        by_letter.setdefault(form[:1], []).append(form)
    return {letter: tuple(group) for letter, group in by_letter.items()}
