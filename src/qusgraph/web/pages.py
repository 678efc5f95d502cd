"""HTML pages → Article, with trafilatura for the main text and the page's metadata.

The document text is `title + "\\n\\n" + body`, the same layout as a JSON Lines record, so
a page and the text version of the same article yield the same facts. The body's
paragraphs are separated by blank lines, as in text files.

Bytes are decoded with the charset the page declares (HTTP header, then byte-order mark,
then `<meta charset>`), strictly: a page that declares one charset and is written in
another is rejected rather than read as mojibake, whose "facts" would be wrong.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import trafilatura
from lxml import etree

from ..errors import ArticleError
from ..text.articles import LANGUAGES, Article, make_article
from ..text.lexicon import Lexicon

HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Main text shorter than this is not an article: a login wall ("Sign in to continue
# reading"), a cookie notice, an index page's stray caption. The shortest news brief in the
# corpora is several times longer.
MIN_TEXT_CHARS = 200
# A paywall shows a teaser longer than that above its sign-in form; a news page that has a
# sign-in box in its header also has a whole article below it.
LOGIN_WALL_CHARS = 1000
# An index page's "main text" is its list of headlines, each a link; an article's is prose
# with at most a few linked names.
MAX_LINKED_SHARE = 0.5
MIN_LINK_CHARS = 12  # shorter link texts ("Doha", "قنا") are names inside prose
MAX_ID_CHARS = 80
DATELINE_CHARS = 120  # longer "date" elements are paragraphs that happen to have such a class
# Browsers write this comment at the top of a saved page ("Save page as…"); `--save-html`
# writes it too, so a saved page keeps its address even without a canonical link.
_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# trafilatura's date search: only the page's own metadata and markup, never a guess from
# the URL or from any date in the text (a page about 2018 is not published in 2018).
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass(frozen=True)
class PageMeta:
    """What a page says about itself."""

    title: str | None
    published: date | None
    url: str | None
    site: str | None
    lang: str | None


def decode_html(data: bytes, source: str, declared: str | None = None) -> str:
    """The page's text, decoded with the charset it declares (UTF-8 when it declares none)."""
    charset, origin = declared, "the Content-Type header"
    for bom, name in _BOMS:
        if data.startswith(bom):
            charset, origin, data = name, "its byte-order mark", data[len(bom):]
            break
    if charset is None:
        match = _META_CHARSET.search(data[:4096])
        charset, origin = (match.group(1).decode("ascii"), "its <meta charset>") if match else ("utf-8", "")
    try:
        codec = codecs.lookup(charset).name
    except LookupError:
        raise ArticleError(source, f"unknown charset '{charset}' declared in {origin}") from None
    if codec != "utf-8" and not data.isascii() and _is_utf8(data):
        # Any byte sequence is "valid" windows-1256 or latin-1, so decoding cannot catch a
        # UTF-8 page that declares one of them; multi-byte UTF-8 by chance is all but impossible.
        raise ArticleError(source, f"mis-declared encoding: the page declared {charset} in {origin} "
                           f"but is UTF-8")
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        said = f"declared {charset} in {origin}" if origin else "declares no charset"
        raise ArticleError(source, f"mis-declared encoding: the page {said} but is not {codec} "
                           f"(byte {error.start})") from None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def page_meta(html: str, lexicon: Lexicon, fallback_url: str | None = None,
              tree: etree._Element | None = None) -> PageMeta:
    """Title, date, canonical URL, site name and language, as the page states them."""
    metadata = trafilatura.extract_metadata(html, default_url=fallback_url, extensive=False)
    tree = tree if tree is not None else _tree(html)
    published = _iso_date(metadata.date) if metadata.date else None
    if published is None and tree is not None:
        published = _json_ld_date(tree) or _dateline_date(tree, lexicon)
    return PageMeta(
        title=(metadata.title or "").strip() or None,
        published=published,
        url=metadata.url or fallback_url,
        site=(metadata.sitename or "").strip() or None,
        lang=_language(tree),
    )


def read_html(data: bytes, source: str, lexicon: Lexicon, published: date | None = None, *,
              charset: str | None = None, url: str | None = None, fetched: date | None = None) -> Article:
    """One page as an Article. `published` overrides the page's own date; `url` is where the
    page was fetched from (the canonical link, when the page has one, wins)."""
    html = decode_html(data, source, charset)
    saved_from = _SAVED_FROM.search(data[:2048])
    fallback_url = url or (saved_from.group(1).decode("ascii", "replace") if saved_from else None)
    tree = _tree(html)
    meta = page_meta(html, lexicon, fallback_url, tree)
    extracted = trafilatura.bare_extraction(html, url=fallback_url, with_metadata=False, include_comments=False,
                                            include_tables=False, deduplicate=False)
    # bare_extraction gives a Document (a dict only when asked with as_dict=True)
    text = getattr(extracted, "text", None) if extracted is not None else None
    body = _body(text or "", meta.title)
    if len(body) < MIN_TEXT_CHARS:
        raise ArticleError(source, f"no article text on the page ({len(body)} characters of main text; "
                           f"a login wall or an index page?)")
    if tree is not None and len(body) < LOGIN_WALL_CHARS and tree.xpath("//input[@type='password']"):
        raise ArticleError(source, f"no article text on the page (a sign-in form and {len(body)} characters "
                           f"of text: a login wall)")
    linked = _linked_share(body, tree)
    if linked > MAX_LINKED_SHARE:
        raise ArticleError(source, f"no article text on the page ({linked:.0%} of its main text is links: "
                           f"an index page?)")
    title = meta.title or ""
    return _with_page(make_article(
        article_id=page_id(meta.url) if meta.url else Path(source).stem,
        text=f"{title}\n\n{body}" if title else body,
        source=source,
        lexicon=lexicon,
        published=published or meta.published,
        lang=meta.lang,
        url=meta.url,
    ), meta.site, fetched)


def read_html_file(path: Path, lexicon: Lexicon, published: date | None = None) -> Article:
    """A saved page; its id comes from its canonical URL, or from the file name."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ArticleError(str(path), f"cannot be read ({error.strerror or error})") from None
    return read_html(data, str(path), lexicon, published)


_FILE_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def page_id(url: str) -> str:
    """An article id from a URL: host and path, readable; long ones end in a digest so that
    two pages of one site never share an id."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    raw = f"{host.removeprefix('www.')}{parts.path}" + (f"-{parts.query}" if parts.query else "")
    raw = unquote(raw)
    # a file name too (--save-html): the path's separators and what no file name holds become "-"
    slug = re.sub(r"-{2,}", "-", _FILE_UNSAFE.sub("-", raw.strip().rstrip("/"))).strip("-")
    if len(slug) > MAX_ID_CHARS or not raw.isascii():  # an Arabic slug leaves little of itself
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:10]
        slug = f"{slug[: MAX_ID_CHARS - 11].rstrip('-.')}-{digest}"
    return slug


def _with_page(article: Article, site: str | None, fetched: date | None) -> Article:
    from dataclasses import replace

    return replace(article, site=site, fetched=fetched)


def _body(text: str, title: str | None) -> str:
    """Paragraphs separated by blank lines; the headline, which trafilatura keeps as the
    first line when the page repeats it in an <h1>, dropped (it is the title)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and title and lines[0] == title.strip():
        lines = lines[1:]
    return "\n\n".join(lines)


def _linked_share(body: str, tree: etree._Element | None) -> float:
    """The share of the body's characters on lines that are mostly a link's text."""
    if tree is None or not body:
        return 0.0
    links = {text for a in tree.iter("a") if len(text := " ".join(a.text_content().split())) >= MIN_LINK_CHARS}
    lines = body.split("\n\n")
    linked = sum(len(line) for line in lines
                 if any(link in line and 2 * len(link) > len(line) for link in links))
    return linked / max(1, sum(len(line) for line in lines))


def _tree(html: str) -> etree._Element | None:
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def _language(tree: etree._Element | None) -> str | None:
    """`<html lang>`, else `<meta http-equiv="content-language">` or `og:locale`: "ar-QA" → "ar".
    A language we do not extract is left to the pipeline's own detection."""
    if tree is None:
        return None
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    candidates += tree.xpath("//meta[translate(@http-equiv,'CONTENT-LANGUAGE','content-language')"
                             "='content-language']/@content")
    candidates += tree.xpath("//meta[@property='og:locale']/@content")
    for value in candidates:
        code = re.split(r"[-_]", str(value or "").strip().lower(), maxsplit=1)[0]
        if code in LANGUAGES:
            return code
    return None


def _json_ld_date(tree: etree._Element) -> date | None:
    """`datePublished` from JSON-LD, for pages whose metadata trafilatura did not date."""
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for node in _json_nodes(data):
            value = node.get("datePublished")
            if isinstance(value, str) and (found := _iso_date(value)) is not None:
                return found
    return None


def _dateline_date(tree: etree._Element, lexicon: Lexicon) -> date | None:
    """The first full date of the page's date line (a `<time>`, or an element whose class or
    id says date/time), read with our own date finder: htmldate knows neither Arabic month
    names nor Arabic-Indic digits, and a dual dateline ("٢٦ ربيع الآخر ١٤٤٤ هـ - ٢٠ نوفمبر
    ٢٠٢٢ م") gives its Gregorian date, the Hijri one having no Gregorian month."""
    from ..extract.dates import find_dates, resolve
    from ..text.tokens import tokenize

    elements = tree.xpath("//time | //*[contains(@class, 'date') or contains(@id, 'date') "
                          "or contains(@class, 'time') or contains(@id, 'time')]")
    for element in elements:
        text = " ".join(element.text_content().split())
        if not text or len(text) > DATELINE_CHARS:
            continue
        for mention in find_dates(tokenize(text), lexicon):
            value = resolve(mention, None)
            if value is not None and value.datatype == "date":
                return date.fromisoformat(value.text)
    return None


def _json_nodes(data: object) -> list[dict[str, object]]:
    if isinstance(data, list):
        return [node for item in data for node in _json_nodes(item)]
    if isinstance(data, dict):
        return [data, *_json_nodes(data.get("@graph", []))]
    return []


def _iso_date(value: str) -> date | None:
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
