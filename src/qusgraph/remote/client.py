"""Talking to a running endpoint: `qusgraph ingest --endpoint` and `qusgraph query --endpoint`."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator

from ..errors import ArticleError, QueryError, StoreError
from ..pipeline import ArticleOutcome
from ..serialize.export import MEDIA_TYPES
from ..text.articles import Article

TIMEOUT = 120


def _base(url: str) -> str:
    base = url.rstrip("/")
    return base[: -len("/sparql")] if base.endswith("/sparql") else base


def _send(request: urllib.request.Request) -> bytes:
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 - user-given URL
            body: bytes = response.read()
            return body
    except urllib.error.HTTPError as error:
        message = error.read().decode("utf-8", "replace").strip().splitlines()
        detail = message[0] if message else error.reason
        if error.code in (400, 406, 415):
            raise QueryError(f"{request.full_url}: {error.code} {detail}") from None
        raise StoreError(f"{request.full_url}: {error.code} {detail}") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise StoreError(f"{request.full_url}: cannot reach the endpoint ({reason})") from None


def post_articles(url: str, items: Iterable[Article | ArticleError], token: str | None) -> Iterator[ArticleOutcome]:
    """Send readable articles as JSON Lines to URL/ingest; reading errors stay local rejections."""
    records = []
    for item in items:
        if isinstance(item, ArticleError):
            yield ArticleOutcome(item.source, None, False, str(item))
            continue
        records.append({
            "id": item.id, "title": "", "text": item.text,
            "published": item.published.isoformat() if item.published else None,
            "url": item.url, "lang": item.lang,
        })
    if not records:
        return
    body = "\n".join(json.dumps(record, ensure_ascii=False) for record in records).encode("utf-8")
    headers = {"Content-Type": "application/x-ndjson", "Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(f"{_base(url)}/ingest", data=body, headers=headers, method="POST")
    report = json.loads(_send(request))
    for entry in report["articles"]:
        yield ArticleOutcome(entry["source"], entry.get("id"), bool(entry["accepted"]), entry["message"],
                             int(entry.get("quads", 0)), bool(entry.get("replaced")), entry.get("report", ""),
                             entry.get("warning", ""))


def _query_url(url: str) -> str:
    """A bare server address means a `qusgraph serve` (its queries are at /sparql); any other
    path is the engine's own query endpoint (Virtuoso /sparql, Oxigraph /query, Fuseki /ds/sparql)."""
    from urllib.parse import urlsplit

    return f"{url.rstrip('/')}/sparql" if urlsplit(url).path in ("", "/") else url


def with_prefixes(sparql: str) -> str:
    """The query with the project's prefixes declared in front, those it declares itself left
    out: other engines know none of ours."""
    import re

    from ..rdf.namespaces import PREFIXES, sparql_prefixes

    declared = {m.lower() for m in re.findall(r"(?im)^\s*PREFIX\s+([\w.-]*):", sparql)}
    missing = tuple(name for name in PREFIXES if name.lower() not in declared)
    return (sparql_prefixes(missing) if missing else "") + sparql


def remote_query(url: str, sparql: str, fmt: str | None, default_graph_uris: Iterable[str] = ()) -> bytes:
    """Run a query on an endpoint; `table` (the default for SELECT/ASK) is drawn locally.

    The query goes as a form-encoded POST (SPARQL 1.1 Protocol 2.1.2): Virtuoso leaves an
    `application/sparql-query` POST hanging. `default_graph_uris` name the dataset's default
    graph, for engines whose default graph is the union of all (Virtuoso: …/id/graph/merged)."""
    import io
    import urllib.parse

    import pyoxigraph as ox

    from ..serialize.results import render_table

    wanted = fmt or "table"
    accept = MEDIA_TYPES["json"] if wanted == "table" else MEDIA_TYPES[wanted]
    if fmt is None:
        accept = f"{MEDIA_TYPES['json']}, {MEDIA_TYPES['turtle']};q=0.9"
    fields = [("query", with_prefixes(sparql)), *(("default-graph-uri", uri) for uri in default_graph_uris)]
    request = urllib.request.Request(_query_url(url), data=urllib.parse.urlencode(fields).encode("ascii"),
                                     method="POST", headers={"Content-Type": "application/x-www-form-urlencoded",
                                                             "Accept": accept})
    body = _send(request)
    if wanted != "table" or body.lstrip()[:1] not in (b"{",):
        return body
    results = ox.parse_query_results(io.BytesIO(body), format=ox.QueryResultsFormat.JSON)
    return render_table(results).encode("utf-8")
