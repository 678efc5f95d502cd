"""URL ingest against a real HTTP server on 127.0.0.1 serving tests/data/pages/: redirects,
404 and 500, a response slower than the timeout, bodies over the size cap, non-HTML,
robots.txt, private addresses, the per-host delay, --refresh, --save-html and --urls."""

from __future__ import annotations

import http.server
import json
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from qusgraph.cli import main
from qusgraph.errors import ArticleError
from qusgraph.web.fetch import USER_AGENT, Fetcher, FetchPolicy
from terminal import stderr_on_a_terminal

PAGES = Path(__file__).resolve().parent / "data" / "pages"
SLOW_SECONDS = 3.0
TIMEOUT = "0.5"
MAX_SIZE = 200_000
WIRE = "https://www.gulf-times.com/article/650123/blinken-in-doha-for-fifth-us-qatar-strategic-dialogue"


@dataclass
class Site:
    base: str
    requests: list[tuple[str, str]] = field(default_factory=list)  # (path, User-Agent)

    def url(self, path: str) -> str:
        return self.base + path


class Handler(http.server.BaseHTTPRequestHandler):
    site: Site

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        self.site.requests.append((self.path, self.headers.get("User-Agent", "")))
        path = self.path
        if path == "/robots.txt":
            self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        elif path.startswith("/pages/") and (PAGES / path.removeprefix("/pages/")).is_file():
            self._send(200, (PAGES / path.removeprefix("/pages/")).read_bytes(), "text/html")
        elif path == "/moved":
            self._redirect("/pages/wire-newspaper-en.html")
        elif path == "/loop":
            self._redirect("/loop")
        elif path == "/gone":
            self._send(404, b"<h1>Not Found</h1>", "text/html")
        elif path == "/broken":
            self._send(500, b"<h1>Internal Server Error</h1>", "text/html")
        elif path == "/slow":
            time.sleep(SLOW_SECONDS)
            self._send(200, (PAGES / "embassy-en.html").read_bytes(), "text/html")
        elif path == "/huge":  # declared: refused before reading
            self._send(200, b"<p>" + b"x" * (2 * MAX_SIZE) + b"</p>", "text/html")
        elif path == "/endless":  # undeclared length: refused while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(2 * MAX_SIZE // 10_000):
                self.wfile.write(b"<p>" + b"y" * 10_000 + b"</p>")
        elif path == "/report.pdf":
            self._send(200, b"%PDF-1.4 ...", "application/pdf")
        elif path == "/private/page.html":
            self._send(200, (PAGES / "embassy-en.html").read_bytes(), "text/html")
        elif path == "/served-1256":  # the charset only in the header
            data = (PAGES / "misdeclared-encoding.html").read_bytes().replace(b'<meta charset="utf-8">', b"")
            self._send(200, data, "text/html; charset=windows-1256")
        else:
            self._send(404, b"no such page", "text/plain")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout, size cap), as it should

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.block_on_close = False  # the slow handler may still be asleep at the end
    site = Site(f"http://127.0.0.1:{server.server_address[1]}")
    Handler.site = site
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site
    server.shutdown()
    server.server_close()


def ingest(store: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["ingest", "--store", str(store), "--allow-private", "--delay", "0",
                                     "--timeout", TIMEOUT, "--max-size", str(MAX_SIZE), *args],
                              catch_exceptions=False)


def errors(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("Error:")]


def query(store: Path, sparql: str) -> list[dict[str, str]]:
    result = CliRunner().invoke(main, ["query", "--store", str(store), "--format", "json", sparql])
    assert result.exit_code == 0, result.output
    return [{k: v["value"] for k, v in row.items()} for row in json.loads(result.stdout)["results"]["bindings"]]


BAD_URLS = {
    "/gone": "HTTP 404 Not Found",
    "/broken": "HTTP 500 Internal Server Error",
    "/slow": f"timed out after {TIMEOUT} s",
    "/huge": "larger than the size cap",
    "/endless": f"larger than the size cap ({MAX_SIZE} bytes)",
    "/report.pdf": "not an HTML page (Content-Type: application/pdf)",
    "/loop": "more than 5 redirects",
    "/private/page.html": "robots.txt of 127.0.0.1",
    "/pages/login-wall.html": "a login wall",
    "/pages/index-page.html": "an index page",
    "/pages/misdeclared-encoding.html": "mis-declared encoding",
}


def test_good_urls_go_in_and_each_bad_one_is_one_line_with_its_reason(site: Site, tmp_path: Path) -> None:
    good = ["/pages/qna-agency-ar.html", "/moved", "/served-1256"]
    result = ingest(tmp_path / "store", *(site.url(path) for path in [*good, *BAD_URLS]))
    assert result.exit_code == 1
    lines = errors(result)
    assert len(lines) == len(BAD_URLS)
    for line, (path, reason) in zip(lines, BAD_URLS.items(), strict=True):
        assert line.startswith(f"Error: {site.url(path)}: ") and reason in line, line
    assert f"{len(good)} article(s) ingested" in result.stdout
    rows = query(tmp_path / "store", "SELECT ?url ?fetched WHERE { GRAPH ?g { ?a a qus:Article ; "
                                     "schema:url ?url ; qus:fetched ?fetched } } ORDER BY ?url")
    today = datetime.now(UTC).date().isoformat()
    assert [row["url"] for row in rows] == sorted([
        "https://www.qna.org.qa/ar/News-Area/News/2022-11/21/0035-strategic-dialogue-fifth-round",
        WIRE, site.url("/served-1256")])  # the redirect's page by its canonical URL; no canonical: as fetched
    assert {row["fetched"] for row in rows} == {today}


def test_requests_name_the_project_and_robots_txt_is_read_once(site: Site, tmp_path: Path) -> None:
    site.requests.clear()
    ingest(tmp_path / "store", site.url("/pages/embassy-en.html"), site.url("/pages/saved-page-en.htm"))
    assert [path for path, _ in site.requests].count("/robots.txt") == 1
    assert {agent for _, agent in site.requests} == {USER_AGENT}
    assert "qusgraph" in USER_AGENT


def test_loopback_addresses_are_refused_without_allow_private(site: Site, tmp_path: Path) -> None:
    site.requests.clear()
    result = CliRunner().invoke(main, ["ingest", "--store", str(tmp_path / "store"),
                                       site.url("/pages/embassy-en.html")])
    assert result.exit_code == 1
    assert errors(result) == [f"Error: {site.url('/pages/embassy-en.html')}: 127.0.0.1 is a private or loopback "
                              "address (127.0.0.1); give --allow-private to fetch it"]
    assert site.requests == []


def test_only_http_and_https_urls_are_fetched(tmp_path: Path) -> None:
    with Fetcher(FetchPolicy(allow_private=True)) as fetcher, pytest.raises(ArticleError, match="only http and https"):
        fetcher.fetch("file:///etc/passwd")


def test_a_page_already_in_the_store_is_skipped_unless_refresh(site: Site, tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert ingest(store, site.url("/moved")).exit_code == 0
    site.requests.clear()
    again = ingest(store, site.url("/moved"))  # fetched (its URL is not the canonical one), then skipped
    assert again.exit_code == 0 and "0 article(s) ingested" in again.stdout
    assert f"{site.url('/moved')}: already in the store as {WIRE}" in again.stderr
    refreshed = ingest(store, site.url("/moved"), "--refresh")
    assert "1 article(s) ingested (1 replaced" in refreshed.stdout


def test_the_same_url_as_stored_is_not_fetched_again(site: Site, tmp_path: Path) -> None:
    store = tmp_path / "store"
    url = site.url("/served-1256")  # no canonical link: stored under the URL it was fetched from
    assert ingest(store, url).exit_code == 0
    site.requests.clear()
    assert "already in the store" in ingest(store, url).stderr
    assert site.requests == []


def test_saved_pages_rebuild_the_same_articles_offline(site: Site, tmp_path: Path) -> None:
    saved = tmp_path / "saved"
    urls = [site.url("/moved"), site.url("/served-1256"), site.url("/pages/hijri-dateline-ar.html")]
    online = ingest(tmp_path / "online", *urls, "--save-html", str(saved))
    assert online.exit_code == 0, online.output
    assert len(list(saved.glob("*.html"))) == 3
    offline = CliRunner().invoke(main, ["ingest", "--store", str(tmp_path / "offline"), str(saved)])
    assert offline.exit_code == 0, offline.output
    sparql = "SELECT ?g ?url ?published WHERE { GRAPH ?g { ?a a qus:Article ; schema:url ?url ; qus:published ?published } } ORDER BY ?g"  # noqa: E501
    assert query(tmp_path / "online", sparql) == query(tmp_path / "offline", sparql)


def test_urls_from_a_file(site: Site, tmp_path: Path) -> None:
    listing = tmp_path / "reading-list.txt"
    listing.write_text(f"# the dialogue\n{site.url('/pages/embassy-en.html')}\n\n{site.url('/gone')}\n"
                       "ftp://example.org/page.html\nhttp://127.0.0.1:99999/page.html\n", encoding="utf-8")
    result = ingest(tmp_path / "store", "--urls", str(listing))
    assert result.exit_code == 1
    assert "1 article(s) ingested" in result.stdout
    assert [line.split(": ", 2)[1:] for line in errors(result)] == [
        [site.url("/gone"), "HTTP 404 Not Found"],
        ["ftp://example.org/page.html", "only http and https URLs are fetched"],
        ["http://127.0.0.1:99999/page.html", "not a valid URL (Port out of range 0-65535)"]]


def test_one_request_per_host_every_delay(site: Site) -> None:
    with Fetcher(FetchPolicy(delay=0.4, allow_private=True)) as fetcher:
        started = time.monotonic()
        for path in ("/pages/embassy-en.html", "/pages/saved-page-en.htm"):
            fetcher.fetch(site.url(path))
        # robots.txt, then two pages: three requests, two waits
        assert time.monotonic() - started >= 0.8


def test_a_terminal_shows_a_fetching_bar_and_a_pipe_does_not(site: Site, tmp_path: Path) -> None:
    urls = [site.url("/pages/embassy-en.html"), site.url("/pages/saved-page-en.htm")]
    command = [sys.executable, "-m", "qusgraph.cli", "ingest", "--store", str(tmp_path / "tty"), "--allow-private",
               "--delay", "0", *urls]
    status, seen = stderr_on_a_terminal(command, timeout=120)
    assert status == 0
    assert "fetching:" in seen and "/2 [" in seen and "page/s" in seen  # total and rate
    piped = ingest(tmp_path / "pipe", *urls)
    assert piped.exit_code == 0 and "fetching" not in piped.stderr
