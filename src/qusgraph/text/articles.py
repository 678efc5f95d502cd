"""Reading articles: UTF-8 text files, folders of them, JSON Lines, and standard input.

A text article is its first non-empty line (the title) and the rest (the body). The
document text that every character offset refers to is `title + "\\n\\n" + body` for
JSON Lines records and the file's own text for text files. Trailing web-page boilerplate
("مقالات ذات صلة", "Share this article" …, listed in `data/lexicon/boilerplate.tsv`) is
cut off: `Article.end` marks where the article proper stops. Page chrome above the title
(share bars, breadcrumbs, the page's date; see `chrome.py`) is not the title: the title is
the first line with words of text, without a chrome word glued to its start.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import ArticleError
from .chrome import has_no_text, is_chrome_line, text_start
from .lexicon import Lexicon

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSONL_FIELDS = ("id", "title", "text", "published", "url", "lang")
LANGUAGES = frozenset({"ar", "en"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})  # read by web/pages.py
MAX_JSON_DEPTH = 64  # a record is an object of strings; deeper nesting is refused before parsing
_SURROGATE = re.compile("[\ud800-\udfff]")
_NESTING = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


@dataclass(frozen=True)
class Article:
    """One article as read, before any extraction."""

    id: str
    text: str
    title_start: int
    title_end: int
    end: int  # where the article proper stops (boilerplate after it is ignored)
    source: str
    published: date | None = None
    lang: str | None = None
    url: str | None = None
    site: str | None = None  # the web site that published it (a page's og:site_name)
    fetched: date | None = None  # when it was fetched from `url`

    @property
    def title(self) -> str:
        return self.text[self.title_start : self.title_end]


def parse_published(value: str, where: str) -> date:
    """An ISO date (YYYY-MM-DD); raises ArticleError naming `where` otherwise."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ArticleError(where, f"published: '{shown(value)}' is not a date of the form YYYY-MM-DD") from None


def shown(value: str, limit: int = 80) -> str:
    """A value as an error message quotes it: on one line (escapes for control characters
    and line breaks), shortened."""
    text = value if value.isprintable() else value.encode("unicode_escape", "backslashreplace").decode("ascii")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def article_id_from(raw: str) -> str:
    """The article id as given, without surrounding white space.

    Ids are no longer reduced to a safe alphabet: "مقال-أول" and "مقال-ثان", or "a b" and
    "a/b", became one id that way and the second article silently replaced the first.
    `mint.article_iri` maps ids to IRIs injectively instead."""
    return raw.strip()


def check_text(value: str, where: str, field: str) -> None:
    """Refuse a lone surrogate (JSON allows the escape "\\ud800"; it is no character and
    cannot be written as UTF-8, so it would fail later, in the store)."""
    found = _SURROGATE.search(value)
    if found is not None:
        raise ArticleError(where, f"{field}: holds a lone surrogate (\\u{ord(found.group()):04x}) at "
                           f"character {found.start()}, which is not text")


def make_article(
    *,
    article_id: str,
    text: str,
    source: str,
    lexicon: Lexicon,
    published: date | None = None,
    lang: str | None = None,
    url: str | None = None,
) -> Article:
    """Build an Article from a document text, finding its title and boilerplate."""
    if not text.strip():
        raise ArticleError(source, "the article is empty")
    check_text(text, source, "text")
    check_text(article_id, source, "id")
    if lang is not None and lang not in LANGUAGES:
        raise ArticleError(source, f"lang: '{shown(lang)}' is not one of: {', '.join(sorted(LANGUAGES))}")
    title_start, title_end = _title_span(text, lexicon)
    end = _boilerplate_start(text, title_end, lexicon)
    if not text[title_end:end].strip():
        raise ArticleError(source, "the article has a title but no body text")
    return Article(
        id=article_id_from(article_id),
        text=text,
        title_start=title_start,
        title_end=title_end,
        end=end,
        source=source,
        published=published,
        lang=lang,
        url=url,
    )


def _title_span(text: str, lexicon: Lexicon) -> tuple[int, int]:
    """The first line that is not page chrome (the first non-empty one if all are)."""
    position = 0
    first: tuple[int, int] | None = None
    for line in text.splitlines(keepends=True):
        start, end = position + len(line) - len(line.lstrip()), position + len(line.rstrip())
        position += len(line)
        if start >= end:
            continue
        if first is None:
            first = (start, end)
        if not (is_chrome_line(text[start:end], lexicon) or has_no_text(text[start:end], lexicon)):
            return text_start(text, start, end, lexicon), end
    assert first is not None  # the caller made sure the text is not blank
    return first


def _boilerplate_start(text: str, body_start: int, lexicon: Lexicon) -> int:
    """Offset of the first boilerplate line after the title, or the end of the text."""
    position = body_start
    for line in text[body_start:].splitlines(keepends=True):
        if lexicon.is_boilerplate(line):
            return len(text[:position].rstrip())
        position += len(line)
    return len(text.rstrip())


def read_text_file(path: Path, lexicon: Lexicon, published: date | None = None) -> Article:
    """One UTF-8 text article; its id is the file name without the extension."""
    text = _read_utf8(path)
    return make_article(article_id=path.stem, text=text, source=str(path), lexicon=lexicon,
                        published=published)


def read_jsonl(path: Path | None, lexicon: Lexicon, published: date | None = None,
               stream_text: str | None = None) -> Iterator[Article | ArticleError]:
    """Articles from JSON Lines records; a bad record yields an ArticleError, not a stop."""
    name = "-" if path is None else str(path)
    lines = enumerate(stream_text.splitlines(), start=1) if stream_text is not None else _file_lines(path)
    for number, line in lines:
        if isinstance(line, ArticleError):
            yield line
            continue
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            yield _record_to_article(line, where, lexicon, published)
        except ArticleError as error:
            yield error
        except (RecursionError, MemoryError, ValueError) as error:  # one bad record never stops the rest
            yield ArticleError(where, f"cannot be read ({type(error).__name__}: {error})")


def _file_lines(path: Path | None) -> Iterator[tuple[int, str | ArticleError]]:
    """A JSON Lines file's lines, read as they are needed: a corpus of 100k records would
    otherwise sit in memory for the whole ingest. A line that is not UTF-8 is an error of its own."""
    assert path is not None
    try:
        handle = path.open("rb")
    except OSError as error:
        raise ArticleError(str(path), f"cannot be read ({error.strerror or error})") from None
    with handle:
        refusal = _not_utf8(handle.peek(4096) if hasattr(handle, "peek") else b"", path)
        if refusal is not None:
            yield 1, refusal
            return
        empty = True
        for number, raw in enumerate(handle, start=1):
            empty = empty and not raw.strip()
            try:
                yield number, (raw.removeprefix(codecs.BOM_UTF8) if number == 1 else raw).decode("utf-8")
            except UnicodeDecodeError as error:
                yield number, ArticleError(f"{path}:{number}", f"not UTF-8 text (byte {error.start})")
        if empty:
            yield 0, ArticleError(str(path), "holds no articles (the file is empty)")


def _not_utf8(head: bytes, path: Path | str) -> ArticleError | None:
    """UTF-16 (or UTF-32) text, which decodes as UTF-8 garbage when it has no BOM: refused with
    a message that says what to do. UTF-8 text holds no NUL bytes; UTF-16 of any script does."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in head:
        return ArticleError(str(path), "looks like UTF-16 text, not UTF-8; convert it (e.g. iconv -f UTF-16 -t UTF-8)")
    return None


def _nesting_depth(line: str) -> int:
    """How deeply the JSON text nests arrays and objects (strings skipped), without parsing it:
    json.loads recurses, and a line of 100k brackets raised RecursionError."""
    depth = deepest = 0
    for token in _NESTING.finditer(line):
        mark = token.group()
        if mark in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif mark in "]}":
            depth -= 1
    return deepest


def _record_to_article(line: str, where: str, lexicon: Lexicon, published: date | None) -> Article:
    if _nesting_depth(line) > MAX_JSON_DEPTH:
        raise ArticleError(where, f"not an article record (JSON nested more than {MAX_JSON_DEPTH} levels deep)")
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise ArticleError(where, f"not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(record, dict):
        raise ArticleError(where, f"a record must be a JSON object with fields {', '.join(JSONL_FIELDS)}")
    for field in ("id", "text"):
        if not isinstance(record.get(field), str) or not record[field].strip():
            raise ArticleError(where, f"{field}: missing or empty")
    for field in ("title", "published", "url", "lang"):
        if record.get(field) is not None and not isinstance(record[field], str):
            raise ArticleError(where, f"{field}: must be a string")
    for field in JSONL_FIELDS:
        if isinstance(record.get(field), str):
            check_text(record[field], f"{where} (id {record['id']!r})" if field != "id" else where, field)
    title = (record.get("title") or "").strip()
    body = record["text"]
    text = f"{title}\n\n{body}" if title else body
    record_published = record.get("published")
    return make_article(
        article_id=record["id"],
        text=text,
        source=where,
        lexicon=lexicon,
        published=parse_published(record_published, where) if record_published else published,
        lang=record.get("lang") or None,
        url=record.get("url") or None,
    )


def _read_utf8(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ArticleError(str(path), f"cannot be read ({error.strerror or error})") from None
    refusal = _not_utf8(data[:4096], path)
    if refusal is not None:
        raise refusal
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleError(str(path), f"not UTF-8 text (byte {error.start})") from None


def iter_articles(paths: list[str], lexicon: Lexicon,
                  published: date | None = None) -> Iterator[Article | ArticleError]:
    """Every article under `paths` (files, folders, JSON Lines, "-" for stdin), in order.

    Unreadable inputs are yielded as ArticleError values so that one bad file does not
    stop the others.
    """
    for raw in paths:
        if raw == "-":
            yield from _read_stdin(lexicon, published)
            continue
        path = Path(raw)
        if path.is_dir():
            children = sorted(p for p in path.rglob("*") if p.is_file() and _is_article_file(p))
            if not children:
                yield ArticleError(raw, f"no article files in this folder "
                                   f"({', '.join(sorted(TEXT_SUFFIXES | JSONL_SUFFIXES))})")
            for child in children:
                yield from _read_path(child, lexicon, published)
        elif path.is_file():
            yield from _read_path(path, lexicon, published)
        elif path.exists():  # a FIFO, socket or device: reading it could wait forever
            yield ArticleError(raw, "not a regular file (a pipe or device?); give a file, a folder or -")
        else:
            yield ArticleError(raw, "no such file or directory")


def _is_article_file(path: Path) -> bool:
    name = path.name
    if name.startswith(".") or name.endswith(".gold.json"):
        return False
    if path.suffix.lower() in HTML_SUFFIXES:  # not the frames and widgets a browser saves beside a page
        return not path.parent.name.endswith("_files")
    return path.suffix in TEXT_SUFFIXES or path.suffix in JSONL_SUFFIXES


def _read_path(path: Path, lexicon: Lexicon, published: date | None) -> Iterator[Article | ArticleError]:
    try:
        if path.suffix in JSONL_SUFFIXES:
            yield from read_jsonl(path, lexicon, published)
        elif path.suffix.lower() in HTML_SUFFIXES:
            from ..web.pages import read_html_file  # trafilatura is slow to import; text runs skip it

            yield read_html_file(path, lexicon, published)
        else:
            yield read_text_file(path, lexicon, published)
    except ArticleError as error:
        yield error


def _read_stdin(lexicon: Lexicon, published: date | None) -> Iterator[Article | ArticleError]:
    data = sys.stdin.buffer.read()
    refusal = _not_utf8(data[:4096], "-")
    if refusal is not None:
        yield refusal
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        yield ArticleError("-", f"not UTF-8 text (byte {error.start})")
        return
    first = text.lstrip()[:1]
    if first == "{":
        yield from read_jsonl(None, lexicon, published, stream_text=text)
        return
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    try:
        yield make_article(article_id=f"stdin-{digest}", text=text, source="-", lexicon=lexicon,
                           published=published)
    except ArticleError as error:
        yield error
