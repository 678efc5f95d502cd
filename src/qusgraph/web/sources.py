"""URLs as articles: fetch each page, keep it if asked (`--save-html`), read it as HTML.

A URL whose page is already in the store (the same canonical URL) is skipped unless
`refresh` is set: it is checked before fetching (the URL as given) and after (the page's
canonical URL, which may differ from the one in the reading list).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

from tqdm import tqdm

from ..errors import ArticleError
from ..store.embedded import QusStore
from ..text.articles import Article
from ..text.lexicon import Lexicon
from . import is_url
from .fetch import Fetcher, FetchPolicy, Page
from .pages import page_id, read_html

STORED_URLS = "SELECT DISTINCT ?url WHERE { ?article a qus:Article ; schema:url ?url }"


def read_url_list(path: Path) -> list[str]:
    """One URL a line; blank lines and lines starting with # are skipped."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise ArticleError(str(path), f"cannot be read as a list of URLs ({error})") from None
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def stored_urls(store_path: Path) -> set[str]:
    """The URLs of the articles already in the store at `store_path` (none if there is no store)."""
    if not store_path.exists():
        return set()
    with QusStore(store_path, read_only=True) as store:
        return {row["url"].value for row in store.query(STORED_URLS)}  # type: ignore[union-attr]


def iter_url_articles(urls: Iterable[str], lexicon: Lexicon, published: date | None = None, *,
                      policy: FetchPolicy | None = None, known: set[str] | None = None,
                      save_html: Path | None = None, notice: Callable[[str], None] = lambda _: None,
                      progress: bool = False) -> Iterator[Article | ArticleError]:
    """Each URL's page as an Article, or an ArticleError naming the URL and the reason.
    URLs in `known` (and pages whose canonical URL is in it) are skipped with a `notice`.
    `progress` shows a bar on stderr: fetching is the slow phase of a URL run (a second or
    more a page, with the per-host delay)."""
    known = known if known is not None else set()

    def say(line: str) -> None:
        with tqdm.external_write_mode(file=sys.stderr):  # above the bar, not through it
            notice(line)

    urls = list(urls)
    with Fetcher(policy) as fetcher, tqdm(urls, unit="page", desc="fetching", file=sys.stderr, leave=False,
                                          disable=not progress) as bar:
        for url in bar:
            if not is_url(url):
                yield ArticleError(url, "only http and https URLs are fetched")
                continue
            if url in known:
                say(f"{url}: already in the store (--refresh fetches it again)")
                continue
            try:
                page = fetcher.fetch(url)
                if save_html is not None:
                    _save(page, save_html)
                article = read_html(page.data, url, lexicon, published, charset=page.charset, url=page.url,
                                    fetched=page.fetched)
            except ArticleError as error:
                yield error
                continue
            if article.url in known:
                say(f"{url}: already in the store as {article.url} (--refresh fetches it again)")
                continue
            if article.url:
                known.add(article.url)  # the same page twice in one list goes in once
            yield article


def _save(page: Page, directory: Path) -> None:
    """The page's bytes as `<id>.html`, headed by the browsers' "saved from url" comment (and
    the charset the server declared, which the bytes alone may not say), so that ingesting
    the folder later gives the same articles."""
    head = f"<!-- saved from url=({len(page.url):04d}){page.url} -->\n"
    if page.charset:
        head += f'<meta charset="{page.charset}">\n'
    try:
        directory.mkdir(parents=True, exist_ok=True)
        name = page_id(page.url)
        name = name if name.lower().endswith((".html", ".htm")) else f"{name}.html"
        (directory / name).write_bytes(head.encode("ascii", "replace") + page.data)
    except OSError as error:
        raise ArticleError(page.requested, f"cannot be saved in {directory} ({error.strerror or error})") from None
