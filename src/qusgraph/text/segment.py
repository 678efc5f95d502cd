"""Segmentation: an article's title, paragraphs and sentences, with their tokens.

The title is one sentence; every non-empty line of the body is a paragraph (a line that
starts with "-", "•" or a number and a dot is a list item); paragraphs are split into
sentences at ". ! ? ؟" unless the dot closes an abbreviation (`abbreviations.tsv`) or an
initialism (U.S.). The dateline that opens agency copy ("الدوحة /قنا/", "WASHINGTON,
Sept. 15 —") is recognised so that its place and date are not read as facts. Lines of page
chrome (share bars, breadcrumbs; see `chrome.py`) are not paragraphs, and a chrome word glued
to the start of a line ("تسجيلتنطلق اليوم …") is not part of its first sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from .articles import Article
from .chrome import is_chrome_line, text_start
from .lexicon import Lexicon
from .normalize import normalize
from .tokens import Token, tokenize

_TERMINATOR = re.compile(r"[.!?؟]+[\"'”»)]*(?=\s|$)")
# U.S., and initials: John Q. Public, "مايكل ر. بومبيو" (a lone Arabic letter ends no sentence)
_INITIALISM = re.compile(r"(?:[A-Za-z]\.){2,}$|(?:^|\s)[A-Z]\.$|(?:^|\s)[\u0621-\u064a]\.$")
_LIST_ITEM = re.compile(r"^\s*(?:[-•*▪–]|\d{1,2}[.)])\s+")
_ARABIC_DATELINE = re.compile(r"^\s*[^\s/]+(?:\s[^\s/]+)?\s*(?:في\s+[^/\n]{1,24}?)?\s*/\s*[^/\n]{1,24}/")
_ENGLISH_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z.'\- ]+(?:,\s*[A-Z][A-Za-z.]*\.?\s+\d{1,2})?\s*(?:\([^)\n]{1,30}\)\s*)?[—–-]{1,2}\s"
)
_ARABIC_LETTERS = re.compile(r"[\u0600-\u06ff]")
_LATIN_LETTERS = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class Sentence:
    """One sentence: its span in the article text, its paragraph and its tokens."""

    index: int
    start: int
    end: int
    paragraph: int
    is_title: bool
    is_list_item: bool
    tokens: tuple[Token, ...]


@dataclass(frozen=True)
class Document:
    """An article segmented into sentences, with its language and dateline."""

    article: Article
    lang: str
    sentences: tuple[Sentence, ...]
    dateline: tuple[int, int] | None

    def text_of(self, start: int, end: int) -> str:
        return self.article.text[start:end]

    def sentence_text(self, sentence: Sentence) -> str:
        return self.article.text[sentence.start : sentence.end]


def detect_language(text: str) -> str:
    """"ar" when Arabic letters outnumber Latin ones, else "en"."""
    arabic = len(_ARABIC_LETTERS.findall(text))
    latin = len(_LATIN_LETTERS.findall(text))
    return "ar" if arabic >= latin else "en"


def segment(article: Article, lexicon: Lexicon) -> Document:
    """Split an article into its title and body sentences, tokenised."""
    text = article.text
    lang = article.lang or detect_language(text[: article.end])
    spans: list[tuple[int, int, int, bool, bool]] = [(article.title_start, article.title_end, 0, True, False)]
    dateline: tuple[int, int] | None = None
    # Where text starts inside a token, after a chrome word glued to it (the title's start too).
    cuts = [article.title_start] if article.title_start > 0 and not text[article.title_start - 1].isspace() else []
    paragraph = 0
    position = article.title_end
    tokens = tokenize(text[: article.end])
    starts = [t.start for t in tokens]
    for line in text[article.title_end : article.end].splitlines(keepends=True):
        line_start = position
        position += len(line)
        stripped = line.strip()
        if not stripped:
            continue
        end = line_start + len(line.rstrip())
        line_tokens = tokens[bisect_left(starts, line_start) : bisect_left(starts, end)]
        if is_chrome_line(stripped, lexicon, line_tokens):
            continue
        paragraph += 1
        start = text_start(text, line_start + (len(line) - len(line.lstrip())), end, lexicon, line_tokens)
        if start > line_start and not text[start - 1].isspace():
            cuts.append(start)
        if dateline is None and paragraph == 1:
            dateline = _find_dateline(text, start, end)
        is_item = bool(_LIST_ITEM.match(line))
        for sentence_start, sentence_end in _split_sentences(text, start, end, lexicon):
            spans.append((sentence_start, sentence_end, paragraph, False, is_item))
    all_tokens = _cut(tokens, cuts, text)
    all_tokens = [t for t in all_tokens if not _inside(t, dateline)]
    sentences: list[Sentence] = []
    cursor = 0
    for index, (start, end, para, is_title, is_item) in enumerate(spans):
        while cursor < len(all_tokens) and all_tokens[cursor].start < start:
            cursor += 1
        first = cursor
        while cursor < len(all_tokens) and all_tokens[cursor].end <= end:
            cursor += 1
        sentences.append(Sentence(index, start, end, para, is_title, is_item, tuple(all_tokens[first:cursor])))
    return Document(article, lang, tuple(sentences), dateline)


def _cut(tokens: list[Token], cuts: list[int], text: str) -> list[Token]:
    """Tokens with the ones that straddle a cut replaced by their part after it ("تسجيلتنطلق" →
    "تنطلق"); the index is kept, so every later token keeps its own."""
    if not cuts:
        return tokens
    out: list[Token] = []
    for token in tokens:
        cut = next((c for c in cuts if token.start < c < token.end), None)
        if cut is not None:
            rest = tokenize(text[cut : token.end], offset=cut)
            if rest:
                token = Token(rest[0].text, token.index, rest[0].start, token.end)
        out.append(token)
    return out


def _inside(token: Token, span: tuple[int, int] | None) -> bool:
    return span is not None and span[0] <= token.start and token.end <= span[1]


def _find_dateline(text: str, start: int, end: int) -> tuple[int, int] | None:
    line = text[start:end]
    for pattern in (_ARABIC_DATELINE, _ENGLISH_DATELINE):
        match = pattern.match(line)
        if match:
            return start, start + match.end()
    return None


def _split_sentences(text: str, start: int, end: int, lexicon: Lexicon) -> list[tuple[int, int]]:
    """Sentence spans inside one paragraph [start, end)."""
    spans: list[tuple[int, int]] = []
    sentence_start = start
    for match in _TERMINATOR.finditer(text, start, end):
        stop = match.end()
        if _is_abbreviation(text, sentence_start, match.start(), match.group(), lexicon):
            continue
        if text[sentence_start : match.start()].strip().isdigit():
            continue  # "1. مذكرة تفاهم …": the number of a list item
        following = text[stop:end].lstrip()
        if following and following[0].islower():
            continue
        spans.append((sentence_start, stop))
        sentence_start = stop + (len(text[stop:end]) - len(text[stop:end].lstrip()))
    if sentence_start < end and text[sentence_start:end].strip():
        spans.append((sentence_start, end))
    return spans


def _is_abbreviation(text: str, sentence_start: int, dot: int, terminator: str, lexicon: Lexicon) -> bool:
    if not terminator.startswith(".") or terminator.startswith(".."):
        return False
    word_start = dot
    while word_start > sentence_start and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start : dot + 1]
    if _INITIALISM.search(word):
        return True
    return normalize(word.lstrip("(\"'")) in lexicon.abbreviations
