"""Fetching pages politely and safely: http(s) only, no private or loopback addresses
(unless allowed), robots.txt obeyed, one request per host every `delay` seconds, redirects,
time and size capped. Every refusal or failure is an ArticleError naming the URL and the
reason, so one bad URL never stops the others.

The address check resolves the host before each request, redirects included, so that a
public URL cannot redirect the fetcher to a service on the user's own network. httpx then
resolves the host again to connect: a DNS server that answers differently the second time
(DNS rebinding) is not caught; pinning the checked address would need a transport of our own.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from .. import __version__
from ..errors import ArticleError

LOGGER = logging.getLogger(__name__)

AGENT_TOKEN = "qusgraph"  # the name robots.txt rules address
USER_AGENT = f"{AGENT_TOKEN}/{__version__} (knowledge-graph builder; +https://w3id.org/qusgraph)"
SCHEMES = frozenset({"http", "https"})
HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})
REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class FetchPolicy:
    """The limits of one run; the defaults suit fetching a reading list of news pages."""

    timeout: float = 20.0  # seconds for the whole page, from connecting to the last byte
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    delay: float = 1.0  # seconds between two requests to one host (robots.txt Crawl-delay may ask more)
    allow_private: bool = False


@dataclass(frozen=True)
class Page:
    """A fetched HTML page: the URL it came from after redirects, its bytes and declared charset."""

    requested: str
    url: str
    data: bytes
    charset: str | None
    fetched: date


class Fetcher:
    """One HTTP client for a run, with each host's robots.txt and the time of its last request."""

    def __init__(self, policy: FetchPolicy | None = None) -> None:
        self.policy = policy or FetchPolicy()
        self.client = httpx.Client(timeout=httpx.Timeout(self.policy.timeout), follow_redirects=False,
                                   headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml"})
        self._robots: dict[str, RobotFileParser] = {}
        self._last: dict[str, float] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_: object) -> None:
        self.client.close()

    def fetch(self, url: str) -> Page:
        """The page at `url`, or an ArticleError naming it and why it was not fetched."""
        current = url
        for _ in range(self.policy.max_redirects + 1):
            self._check_address(url, current)
            robots = self._robots_for(url, current)
            if not robots.can_fetch(AGENT_TOKEN, current):
                raise ArticleError(url, f"robots.txt of {urlsplit(current).netloc} disallows fetching it")
            status, headers, data = self._get(url, current, robots)
            location = headers.get("location")
            if status in REDIRECTS and location:
                current = urljoin(current, location)
                continue
            if status >= 400:
                raise ArticleError(url, f"HTTP {status} {httpx.codes.get_reason_phrase(status)}".rstrip())
            content_type = headers.get("content-type", "")
            media_type = content_type.split(";", 1)[0].strip().lower()
            if media_type and media_type not in HTML_MEDIA_TYPES:
                raise ArticleError(url, f"not an HTML page (Content-Type: {media_type})")
            return Page(url, current, data, _charset(content_type), datetime.now(UTC).date())
        raise ArticleError(url, f"more than {self.policy.max_redirects} redirects")

    # ------------------------------------------------------------------ one request
    def _get(self, url: str, current: str, robots: RobotFileParser | None) -> tuple[int, httpx.Headers, bytes]:
        """Status, headers and body (capped in time and size) of one GET, after the host's delay."""
        self._wait(current, robots)
        deadline = time.monotonic() + self.policy.timeout
        limit = self.policy.max_bytes
        try:
            with self.client.stream("GET", current) as response:
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > limit:
                    raise ArticleError(url, f"larger than the size cap ({declared} > {limit} bytes)")
                chunks, size = [], 0
                if response.status_code < 300:  # error and redirect bodies are not read
                    for chunk in response.iter_bytes():
                        size += len(chunk)
                        if size > limit:
                            raise ArticleError(url, f"larger than the size cap ({limit} bytes)")
                        if time.monotonic() > deadline:
                            raise httpx.ReadTimeout("deadline")
                        chunks.append(chunk)
                return response.status_code, response.headers, b"".join(chunks)
        except httpx.TimeoutException:
            raise ArticleError(url, f"timed out after {self.policy.timeout:g} s") from None
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            raise ArticleError(url, f"cannot be fetched ({type(error).__name__}: {error})") from None

    def _wait(self, url: str, robots: RobotFileParser | None) -> None:
        host = urlsplit(url).netloc
        delay = self.policy.delay
        if robots is not None:
            asked = robots.crawl_delay(AGENT_TOKEN)
            delay = max(delay, float(asked or 0))
        since = time.monotonic() - self._last.get(host, float("-inf"))
        if since < delay:
            time.sleep(delay - since)
        self._last[host] = time.monotonic()

    # ------------------------------------------------------------------ rules
    def _check_address(self, url: str, current: str) -> None:
        parts = urlsplit(current)
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError as error:  # a port that is not a number, or out of range
            raise ArticleError(url, f"not a valid URL ({error})") from None
        if parts.scheme.lower() not in SCHEMES:
            raise ArticleError(url, f"only http and https URLs are fetched, not {parts.scheme or 'this'!r}")
        host = parts.hostname
        if not host:
            raise ArticleError(url, "the URL has no host")
        if self.policy.allow_private:
            return
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as error:
            raise ArticleError(url, f"the host {host} cannot be resolved ({error})") from None
        for info in infos:
            address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
            if not address.is_global:
                raise ArticleError(url, f"{host} is a private or loopback address ({address}); "
                                   f"give --allow-private to fetch it")

    def _robots_for(self, url: str, current: str) -> RobotFileParser:
        """The robots.txt rules of the URL's origin, fetched once per run. As RFC 9309 says:
        no file (4xx) allows everything; an unreachable one (5xx, network error) allows nothing."""
        parts = urlsplit(current)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin in self._robots:
            return self._robots[origin]
        parser = RobotFileParser(origin + "/robots.txt")
        try:
            status, _, data = self._get(url, origin + "/robots.txt", None)
        except ArticleError as error:
            LOGGER.info("robots.txt of %s unreachable: %s", origin, error)
            status, data = 503, b""
        if status >= 500:
            parser.parse(["User-agent: *", "Disallow: /"])
        elif status >= 300:
            parser.parse([])  # no robots.txt (or a redirect we do not follow for it): no rules
        else:
            parser.parse(data.decode("utf-8", "replace").splitlines())
        self._robots[origin] = parser
        return parser


def _charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"\'')
    return None
