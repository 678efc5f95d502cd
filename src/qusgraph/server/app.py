"""The Starlette application behind `qusgraph serve`.

Routes (all reads are open; writes need `--allow-update` and the bearer token):

    GET  /                      the query page
    GET  /sparql?query=…        SPARQL 1.1 Protocol; POST form-encoded or application/sparql-query
    GET  /sparql                the SPARQL 1.1 Service Description
    POST /sparql (update)       SPARQL 1.1 Update — only with --allow-update and the token; an
                                update that would break the SHACL shapes is refused (update.py)
    GET  /store?graph=IRI       Graph Store Protocol (read); ?default for the merged graph
    GET  /dump                  the whole dataset as N-Quads
    GET  /.well-known/void      VoID description of the dataset
    GET  /id/…                  linked data: HTML for browsers, Turtle / JSON-LD by Accept
    GET  /ontology              the ontology (Turtle)
    GET  /context.jsonld        the JSON-LD context of our JSON-LD (open to every origin)
    POST /ingest                articles (JSON Lines, JSON or plain text) — only with --allow-update
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import io
import json
import logging
import os
import queue
import re
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from urllib.parse import parse_qs

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import ArticleError, QueryError, QusgraphError, ShapeViolation, StoreError
from ..rdf.graph import as_quad
from ..rdf.namespaces import ID, RDF_TYPE, RDFS_LABEL
from ..rdf.provenance import FACTS_QUERY
from ..resources import ontology_file
from ..serialize.export import MEDIA_TYPES, RDF_FORMATS, write_jsonld
from ..store.embedded import QusStore
from ..text.articles import Article
from .describe import service_description, void_description
from .explore import explore_routes
from .negotiation import DATASET_TYPES, GRAPH_TYPES, choose, wants_html, with_charset
from .pages import STATIC, Quote, ResourceView, Term, query_page, resource_page
from .safety import MAX_DEPTH, MAX_QUERY_SIZE, Limits
from .workers import QueryAnswer, QueryJob, QueryTimeout, UpdateCheck, WorkerPool

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
RDFLIB_DEFAULT_GRAPH = "urn:x-rdflib:default"  # rdflib's DATASET_DEFAULT_GRAPH_ID
LOGGER = logging.getLogger(__name__)

JSON_LINES = ("application/x-ndjson", "application/jsonl", "application/json-lines", "application/ndjson")
PAGE_FORMATS = ("turtle", "jsonld", "ntriples", "rdfxml")  # what /id/… takes as ?format=


@dataclass
class ServerConfig:
    """How `qusgraph serve` runs."""

    store_path: Path
    host: str = "127.0.0.1"
    port: int = 7878
    base_url: str | None = None  # where the id/ namespace is served; default: this server
    allow_update: bool = False
    token: str | None = None
    timeout: float = 30.0
    max_rows: int = 10_000
    max_body: int = 10 * 1024 * 1024
    cors_origins: list[str] = field(default_factory=list)
    workers: int = 4
    marker: Path | None = None  # a file naming this server, for CLI commands that find the store held
    max_memory: int | None = None  # bytes of address space per query worker; None: no limit
    max_depth: int = MAX_DEPTH
    max_query_size: int = MAX_QUERY_SIZE
    short_timeout: float = 1.0
    header_timeout: float = 10.0
    body_timeout: float = 30.0
    max_connections: int = 500

    @property
    def base(self) -> str:
        return (self.base_url or f"http://{self.host}:{self.port}").rstrip("/")


class RequestTooLarge(Exception):
    pass


class Endpoint:
    """State shared by the routes: the store (written only here), the query workers."""

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self.store = QusStore(config.store_path)
        from ..text.lexicon import load_lexicon

        self.lexicon = load_lexicon()
        self.store.ensure_topic_scheme()
        self.pool = WorkerPool(self.store, config.workers, config.timeout, config.max_memory, config.short_timeout)
        self.limits = Limits(config.max_depth, config.max_query_size)
        self.write_lock = threading.Lock()
        self.writer = _big_stack_executor()
        self._void: tuple[str, list[ox.Triple]] | None = None
        if config.marker is not None:
            config.marker.write_text(json.dumps({"url": config.base, "pid": os.getpid()}), encoding="utf-8")

    def close(self) -> None:
        if self.config.marker is not None:
            self.config.marker.unlink(missing_ok=True)
        self.pool.close()
        self.writer.shutdown(wait=True)
        self.store.close()

    # ------------------------------------------------------------------ helpers
    async def read_body(self, request: Request) -> bytes:
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.config.max_body:
            raise RequestTooLarge()
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > self.config.max_body:
                raise RequestTooLarge()
            chunks.append(chunk)
        return b"".join(chunks)

    def authorised(self, request: Request) -> Response | None:
        """None when writes are allowed for this request, else the refusal to send: 401 with a
        Bearer challenge for a missing or wrong token (RFC 6750 §3), 403 when writes are off."""
        if not self.config.allow_update:
            return PlainTextResponse("writes are disabled on this endpoint (start it with --allow-update)", 403)
        header = request.headers.get("authorization", "")
        scheme, _, supplied = header.partition(" ")
        token = (self.config.token or "").encode("utf-8")
        # Bytes, not str: compare_digest raises on a non-ASCII str. Starlette decodes headers as
        # Latin-1, so encoding back gives the bytes the client sent (a UTF-8 token matches).
        if scheme.lower() != "bearer" or not token or not hmac.compare_digest(
                supplied.strip().encode("latin-1", "replace"), token):
            # A token was offered but is not ours: say so in the challenge (RFC 6750 §3.1).
            challenge = 'Bearer realm="qusgraph"' + (', error="invalid_token"'
                                                       if scheme.lower() == "bearer" and supplied.strip() else "")
            return PlainTextResponse("a valid bearer token is needed to write (Authorization: Bearer …)", 401,
                                     headers={"WWW-Authenticate": challenge})
        return None

    async def answer(self, job: QueryJob) -> Response:
        try:
            answer: QueryAnswer = await self.pool.run(job)
        except QueryTimeout as error:
            return PlainTextResponse(f"{error}. Narrow the query (LIMIT, fewer joins) and try again.", 503)
        headers = {"X-Qusgraph-Rows": str(answer.rows)}
        if answer.truncated:
            headers["X-Qusgraph-Truncated"] = "true"
        body = answer.body if answer.status < 400 else redact_paths(answer.body.decode("utf-8", "replace")).encode()
        return Response(body, answer.status, headers=headers, media_type=with_charset(answer.media_type))

    async def query_json(self, sparql: str, bindings: tuple[tuple[str, str], ...] = ()) -> list[dict[str, Term]]:
        """Run a query of our own through the workers, `bindings` (variable, IRI) substituted; rows of terms."""
        answer = await self.pool.run(QueryJob(sparql, None, raw_format="json", max_rows=5000, bindings=bindings))
        if answer.status != 200:
            # A query of our own that fails is the store's failure (a snapshot that cannot be
            # opened: 500), unless the worker said the request was at fault.
            failure = StoreError if answer.status >= 500 else QueryError
            raise failure(answer.body.decode("utf-8", "replace"))
        data = json.loads(answer.body)
        return [{name: Term.from_json(cell) for name, cell in row.items()} for row in data["results"]["bindings"]]

    async def write(self, action: Callable[[], object]) -> object:
        """Run a write in a thread, one at a time, then let the workers see it."""
        def locked() -> object:
            with self.write_lock:
                result = action()
                self.pool.refresh()
                self._void = None
                return result

        # A thread of our own with a large stack: Oxigraph's update parser recurses (the text
        # was checked to nest at most max_depth deep first, by a worker).
        return await asyncio.get_running_loop().run_in_executor(self.writer, locked)


def graph_response(quads: list[ox.Quad], media_type: str) -> Response:
    output = io.BytesIO()
    write_graph(quads, GRAPH_TYPES.get(media_type) or DATASET_TYPES[media_type], output)
    return Response(output.getvalue(), media_type=with_charset(media_type))


def write_graph(quads: Iterable[ox.Quad], fmt: str, output: IO[bytes]) -> None:
    """Quads in one of our formats: JSON-LD by our writer, a graph format as its triples."""
    spec = RDF_FORMATS[fmt]
    if fmt == "jsonld":
        write_jsonld(quads, output)
    elif spec.datasets:
        ox.serialize(quads, output, spec.oxigraph)
    else:
        from ..rdf.namespaces import PREFIXES
        from ..serialize.export import PREFIXED

        ox.serialize((q.triple for q in quads), output, spec.oxigraph,
                     prefixes=PREFIXES if fmt in PREFIXED else None)


class _Abandoned(Exception):
    """The client went away; the serialiser writing for it stops."""


class _ChunkQueue(io.RawIOBase):
    """A write-only file whose chunks go to a bounded queue: the serialiser (in a thread) waits
    while the client reads, so no more than a few chunks are held in memory at a time."""

    def __init__(self, chunks: queue.Queue[bytes | BaseException | None], stop: threading.Event) -> None:
        super().__init__()
        self.chunks = chunks
        self.stop = stop

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.offer(chunk)
        return len(chunk)

    def offer(self, item: bytes | BaseException | None) -> None:
        """Queue `item`, waiting while the queue is full, unless the client has gone."""
        while not self.stop.is_set():
            try:
                self.chunks.put(item, timeout=0.5)
                return
            except queue.Full:
                continue
        raise _Abandoned()


async def stream_from(write: Callable[[IO[bytes]], object], chunk_size: int = 256 * 1024) -> AsyncIterator[bytes]:
    """The bytes `write(output)` writes, as they come, without holding the whole of them (for
    /dump and large exports): it runs in a thread behind a queue of a few chunks."""
    chunks: queue.Queue[bytes | BaseException | None] = queue.Queue(maxsize=8)
    stop = threading.Event()

    def produce() -> None:
        sink = _ChunkQueue(chunks, stop)
        try:
            with io.BufferedWriter(sink, chunk_size) as output:
                write(output)
            sink.offer(None)
        except _Abandoned:
            return
        except BaseException as error:  # noqa: BLE001 - ends the stream; the client sees it cut short
            with contextlib.suppress(_Abandoned):
                sink.offer(error)

    loop = asyncio.get_running_loop()
    producer = loop.run_in_executor(None, produce)
    try:
        while True:
            item = await loop.run_in_executor(None, chunks.get)
            if item is None:
                break
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        with contextlib.suppress(queue.Empty):
            while True:
                chunks.get_nowait()
        await producer
        # A read still waiting in a thread (the client went away while it waited) ends too.
        with contextlib.suppress(queue.Full):
            chunks.put_nowait(None)


# Anything that looks like an absolute filesystem path (not the path of a URL: no ':' or '/'
# or a word character just before it). Error messages go to clients; paths stay on the host.
_PATH = re.compile(r"(?<![\w:/.%~-])/(?:[\w.@+~-]+/)+[\w.@+~-]*")


def redact_paths(message: str) -> str:
    """`message` with filesystem paths replaced by '…'.

    >>> redact_paths("IO error: /tmp/x/.qusgraph-snapshots-1/snapshot-3/CURRENT: No such file")
    'IO error: …: No such file'
    >>> redact_paths("not a graph: <http://example.test/a/b>")
    'not a graph: <http://example.test/a/b>'
    """
    return _PATH.sub("…", message)


def _big_stack_executor() -> ThreadPoolExecutor:
    """One thread for writes, with a 256 MiB stack (threads get 8 MiB by default)."""
    previous = threading.stack_size(256 * 2**20)
    try:
        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="qusgraph-write")
        executor.submit(lambda: None).result()  # the thread is made now, with that stack size
    finally:
        threading.stack_size(previous)
    return executor


def _ambiguous(operations: dict[str, list[str]]) -> Response | None:
    """The 400 for a request that names more than one operation (SPARQL 1.1 Protocol §2.1.4 and
    §2.2: exactly one `query` or one `update`), or None: guessing which one was meant could
    apply an update its sender took for a query."""
    given = {name: len(values) for name, values in operations.items() if values}
    if len(given) > 1:
        return PlainTextResponse("a request carries one 'query' or one 'update', not both", 400)
    for name, count in given.items():
        if count > 1:
            return PlainTextResponse(f"a request carries one '{name}' parameter, not {count}", 400)
    return None


def not_acceptable(offered: dict[str, str]) -> Response:
    return PlainTextResponse("none of the Accept types can be served; offered: " + ", ".join(dict.fromkeys(offered)),
                             406)


# Paths whose answers depend on the Accept header (the content-negotiated ones).
NEGOTIATED = ("/sparql", "/store", "/dump", "/.well-known/void", "/id/")


class VaryHeaders:
    """ASGI middleware: `Vary` names the request headers an answer depends on, so that a cache
    never serves one client's Turtle to another who asked for JSON-LD (RFC 9110 §12.5.5):
    Accept on the negotiated paths, Origin on every path when CORS is on."""

    def __init__(self, app: Any, cors: bool) -> None:
        self.app = app
        self.cors = cors

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        names = (["Accept"] if path == "/sparql" or path.startswith(NEGOTIATED) else []) + (
            ["Origin"] if self.cors else [])
        if not names:
            await self.app(scope, receive, send)
            return

        async def send_with_vary(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message["headers"] if k.lower() != b"vary"]
                present = [part.strip() for k, v in message["headers"] if k.lower() == b"vary"
                           for part in v.decode("latin-1").split(",") if part.strip()]
                merged = list(dict.fromkeys([*present, *names]))
                message = {**message, "headers": [*headers, (b"vary", ", ".join(merged).encode("latin-1"))]}
            await send(message)

        await self.app(scope, receive, send_with_vary)


def create_app(config: ServerConfig) -> Starlette:
    """The endpoint application for `config` (the store is opened when the app starts)."""
    state: dict[str, Endpoint] = {}

    def endpoint() -> Endpoint:
        return state["endpoint"]

    def handles_errors(route: Callable[[Request], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
        async def wrapped(request: Request) -> Response:
            try:
                return await route(request)
            except RequestTooLarge:
                return PlainTextResponse(f"request body over the {config.max_body} byte limit", 413)
            except QusgraphError as error:  # 400 for what the client sent, 500 for the store
                if error.http_status >= 500:
                    LOGGER.error("%s %s: %s", request.method, request.url.path, error)
                return PlainTextResponse(redact_paths(str(error)), error.http_status)
            except QueryTimeout as error:
                return PlainTextResponse(f"{error}.", 503)
        return wrapped

    # ---------------------------------------------------------------- SPARQL protocol
    @handles_errors
    async def sparql(request: Request) -> Response:
        current = endpoint()
        params = request.query_params
        # HEAD is GET without the body (RFC 9110 §9.3.2): the server sends the headers only.
        if request.method in ("GET", "HEAD"):
            ambiguous = _ambiguous({name: params.getlist(name) for name in ("query", "update")})
            if ambiguous is not None:
                return ambiguous
            if "update" in params:
                return PlainTextResponse("SPARQL Update needs POST", 405, headers={"Allow": "POST"})
            if "query" not in params:
                return describe_service(request)
            return await run_query(params["query"], params.getlist("default-graph-uri"),
                                   params.getlist("named-graph-uri"), request)
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await current.read_body(request)
        if content_type == FORM:
            form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            ambiguous = _ambiguous({name: form.get(name, []) + params.getlist(name) for name in ("query", "update")})
            if ambiguous is not None:
                return ambiguous
            if "update" in form:
                return await run_update(form["update"][0], request)
            if "query" not in form:
                return PlainTextResponse("a form POST needs a 'query' or an 'update' parameter", 400)
            return await run_query(form["query"][0],
                                   form.get("default-graph-uri", []) + params.getlist("default-graph-uri"),
                                   form.get("named-graph-uri", []) + params.getlist("named-graph-uri"), request)
        if content_type == SPARQL_QUERY:
            return await run_query(body.decode("utf-8", "replace"), params.getlist("default-graph-uri"),
                                   params.getlist("named-graph-uri"), request)
        if content_type == SPARQL_UPDATE:
            return await run_update(body.decode("utf-8", "replace"), request)
        return PlainTextResponse(
            f"unsupported Content-Type '{content_type or '(none)'}'; use {FORM}, {SPARQL_QUERY} or {SPARQL_UPDATE}",
            415)

    async def run_query(text: str, default_graphs: list[str], named_graphs: list[str], request: Request) -> Response:
        if not text.strip():
            return PlainTextResponse("empty query", 400)
        current = endpoint()
        # Only the length is looked at here: depth and the parse tree are checked in the worker.
        if len(text) > current.limits.max_size:
            return PlainTextResponse(f"the query is over the {current.limits.max_size} character limit", 413)
        # rdflib's SPARQLStore names the default graph by its own IRI for it in every request:
        # that is our default graph, the same as naming none.
        default_graphs = [iri for iri in default_graphs if iri != RDFLIB_DEFAULT_GRAPH]
        job = QueryJob(text, request.headers.get("accept"), tuple(default_graphs), tuple(named_graphs),
                       config.max_rows, limits=current.limits)
        return await current.answer(job)

    async def run_update(text: str, request: Request) -> Response:
        current = endpoint()
        refused = current.authorised(request)
        if refused is not None:
            return refused
        if len(text) > current.limits.max_size:
            return PlainTextResponse(f"the update is over the {current.limits.max_size} character limit", 413)
        verdict = await current.pool.run(UpdateCheck(text, current.limits))
        if verdict.status != 204:
            return Response(redact_paths(verdict.body.decode("utf-8", "replace")), verdict.status,
                            media_type=with_charset("text/plain"))
        from ..validation.update import (  # with the shapes engines: loaded by the first write
            checked_update,
            parse_update,
        )

        try:
            # Parsed outside the write lock (it takes seconds for a large INSERT DATA).
            parsed = await asyncio.get_running_loop().run_in_executor(None, parse_update, text)
            await current.write(lambda: checked_update(current.store, parsed))
        except ShapeViolation as error:
            return PlainTextResponse(f"{error}\n{error.report}", 400)
        except QusgraphError as error:
            return PlainTextResponse(redact_paths(str(error)), error.http_status)
        return Response(status_code=204)

    def describe_service(request: Request) -> Response:
        media_type = choose(request.headers.get("accept"), GRAPH_TYPES)
        if media_type is None:
            return not_acceptable(GRAPH_TYPES)
        triples = service_description(config.base, config.allow_update, endpoint().store)
        return graph_response([as_quad(t) for t in triples], media_type)

    # ---------------------------------------------------------------- graphs
    @handles_errors
    async def graph_store(request: Request) -> Response:
        params = request.query_params
        current = endpoint()
        if "graph" in params:
            try:
                name: ox.NamedNode | ox.DefaultGraph = ox.NamedNode(params["graph"])
            except ValueError:
                return PlainTextResponse(f"'{params['graph']}' is not an IRI", 400)
            if not current.store.store.contains_named_graph(name):
                return PlainTextResponse(f"no graph <{params['graph']}> in this store", 404)
        elif "default" in params:
            name = ox.DefaultGraph()
        else:
            return PlainTextResponse("give ?graph=IRI or ?default", 400)
        media_type = choose(request.headers.get("accept"), GRAPH_TYPES)
        if media_type is None:
            return not_acceptable(GRAPH_TYPES)
        # Streamed: the merged default graph of a large store is too big to hold as one answer.
        fmt = GRAPH_TYPES[media_type]

        def write(output: IO[bytes]) -> None:
            write_graph((as_quad(q) for q in current.store.quads(name)), fmt, output)

        return StreamingResponse(stream_from(write), media_type=with_charset(media_type))

    async def dump(request: Request) -> Response:
        current = endpoint()
        media_type = choose(request.headers.get("accept"), DATASET_TYPES)
        if media_type is None:
            return not_acceptable(DATASET_TYPES)
        rdf_format = RDF_FORMATS[DATASET_TYPES[media_type]].oxigraph
        return StreamingResponse(stream_from(lambda output: current.store.dump(output, rdf_format)),
                                 media_type=with_charset(media_type))

    async def void(request: Request) -> Response:
        current = endpoint()
        media_type = choose(request.headers.get("accept"), GRAPH_TYPES)
        if media_type is None:
            return not_acceptable(GRAPH_TYPES)
        if current._void is None or current._void[0] != current.pool.snapshot:
            triples = await asyncio.get_running_loop().run_in_executor(
                None, lambda: void_description(config.base, current.store))
            current._void = (current.pool.snapshot, triples)
        return graph_response([as_quad(t) for t in current._void[1]], media_type)

    async def context(request: Request) -> Response:
        # Any page may fetch the context to read our JSON-LD, whatever --cors-origin says: it is
        # public, the same for everyone, and no credentials go with it.
        return Response(ontology_file("context.jsonld").read_bytes(), media_type="application/ld+json",
                        headers={"Access-Control-Allow-Origin": "*"})

    async def ontology(request: Request) -> Response:
        return Response(ontology_file("qus.ttl").read_bytes(), media_type=with_charset("text/turtle"))

    # ---------------------------------------------------------------- linked data
    @handles_errors
    async def resource(request: Request) -> Response:
        current = endpoint()
        iri = ID + request.path_params["path"]
        try:
            node = ox.NamedNode(iri)
        except ValueError:
            return PlainTextResponse("not an IRI", 400)
        requested = request.query_params.get("format")
        accept = MEDIA_TYPES[requested] if requested in PAGE_FORMATS else request.headers.get("accept")
        if requested is None and wants_html(accept):
            view = await resource_view(current, iri)
            if view is None:
                return HTMLResponse(f"<p>Nothing is known about <code>{iri}</code>.</p>", 404)
            return HTMLResponse(resource_page(view, config.base))
        media_type = choose(accept, GRAPH_TYPES)
        if media_type is None:
            return not_acceptable(GRAPH_TYPES)
        rows = await current.query_json(
            f"SELECT ?s ?p ?o WHERE {{ {{ BIND({node} AS ?s) {node} ?p ?o }} UNION "
            f"{{ BIND({node} AS ?o) ?s ?p {node} }} }}")
        if not rows:
            return PlainTextResponse(f"nothing is known about <{iri}>", 404)
        quads = [ox.Quad(_ox(r["s"]), _ox(r["p"]), _ox(r["o"])) for r in rows]  # type: ignore[arg-type]
        if GRAPH_TYPES[media_type] == "jsonld" and config.base_url:
            # A public base URL makes /context.jsonld a stable address: name it, as linked data
            # does, rather than repeat it in every page. Without one it may be unreachable.
            output = io.BytesIO()
            write_jsonld(quads, output, f"{config.base}/context.jsonld")
            return Response(output.getvalue(), media_type=media_type)
        return graph_response(quads, media_type)

    async def resource_view(current: Endpoint, iri: str) -> ResourceView | None:
        facts = await current.query_json(FACTS_QUERY, (("node", iri),))
        inbound = await current.query_json("SELECT ?node ?s ?p WHERE { ?s ?p ?node } ORDER BY ?p ?s LIMIT 200",
                                           (("node", iri),))
        if not facts and not inbound:
            return None
        view = ResourceView(iri)
        for row in facts:
            predicate, value = row["p"].value, row["o"]
            if predicate == RDFS_LABEL:
                bucket = view.labels[value.lang or "en"]
                if value.value not in bucket:
                    bucket.append(value.value)
            elif predicate == RDF_TYPE and value.value not in view.types:
                view.types.append(value.value)
            quotes = view.facts.setdefault((predicate, value), [])
            if "text" in row and "g" in row:
                quote = Quote(row["g"].value, row["published"].value if "published" in row else None,
                              row["text"].value, int(row["start"].value), int(row["end"].value),
                              int(row["sentenceStart"].value))
                if all((q.article, q.start) != (quote.article, quote.start) for q in quotes):
                    quotes.append(quote)
        view.inbound = [(r["s"].value, r["p"].value) for r in inbound if r["s"].kind == "uri"]
        linked = {v.value for (_, v) in view.facts if v.kind == "uri"} | {s for s, _ in view.inbound}
        if linked:
            values = " ".join(f"<{i}>" for i in sorted(linked) if ">" not in i)
            for row in await current.query_json(
                    f"SELECT ?x ?label WHERE {{ VALUES ?x {{ {values} }} ?x rdfs:label ?label }}"):
                view.names.setdefault(row["x"].value, {}).setdefault(row["label"].lang or "en", row["label"].value)
        return view

    # ---------------------------------------------------------------- writes
    @handles_errors
    async def ingest(request: Request) -> Response:
        current = endpoint()
        refused = current.authorised(request)
        if refused is not None:
            return refused
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type not in (*JSON_LINES, "application/json", "text/plain"):
            return PlainTextResponse("send articles as JSON Lines (application/x-ndjson), JSON, or text/plain",
                                     415)
        body = await current.read_body(request)
        try:
            items = read_articles(body, content_type, request, current)
        except ValueError as error:
            return PlainTextResponse(str(error), 400)
        if items is None:
            return PlainTextResponse("send articles as JSON Lines (application/x-ndjson), JSON, or text/plain",
                                     415)
        from ..pipeline import ingest_items

        done: list[dict[str, object]] = []

        def run() -> str | None:
            """Ingest, keeping each article's outcome; a store failure midway still reports
            the articles that landed before it (issue 10)."""
            try:
                # No rebuild here: it would hold the write lock for as long as a bulk load of
                # the whole store (`qusgraph compact` does it with the server stopped).
                for outcome in ingest_items(items, current.store, current.lexicon, compact=False):
                    done.append(outcome.as_json())
            except QusgraphError as error:
                return str(error)
            return None

        failure = await current.write(run)
        accepted = sum(1 for o in done if o["accepted"])
        answer = {"accepted": accepted, "rejected": len(done) - accepted, "articles": done}
        if failure is not None:
            return JSONResponse({**answer, "error": failure}, 500)
        return JSONResponse(answer)

    async def home(request: Request) -> Response:
        return HTMLResponse(query_page(config.base))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        state["endpoint"] = await asyncio.get_running_loop().run_in_executor(None, Endpoint, config)
        try:
            yield
        finally:
            state.pop("endpoint").close()

    routes = [
        Route("/", home),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/store", graph_store, methods=["GET"]),
        Route("/dump", dump, methods=["GET"]),
        Route("/.well-known/void", void, methods=["GET"]),
        Route("/void", lambda request: RedirectResponse("/.well-known/void"), methods=["GET"]),
        Route("/ontology", ontology, methods=["GET"]),
        Route("/context.jsonld", context, methods=["GET"]),
        Route("/id/{path:path}", resource, methods=["GET"]),
        Route("/ingest", ingest, methods=["POST"]),
        *explore_routes(endpoint, config),
        Mount("/static", StaticFiles(directory=str(STATIC)), name="static"),
    ]
    middleware = [Middleware(VaryHeaders, cors=bool(config.cors_origins))]
    if config.cors_origins:
        # Reads only: no Authorization header is allowed cross-origin, so no write can be made.
        # A script may read the row count and whether the answer was cut.
        middleware.append(Middleware(CORSMiddleware, allow_origins=config.cors_origins,
                                     allow_methods=["GET", "POST"], allow_headers=["Content-Type", "Accept"],
                                     expose_headers=["X-Qusgraph-Truncated", "X-Qusgraph-Rows"]))
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)


def _ox(term: Term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if term.kind == "uri":
        return ox.NamedNode(term.value)
    if term.kind == "bnode":
        return ox.BlankNode(term.value)
    if term.lang:
        return ox.Literal(term.value, language=term.lang)
    if term.datatype:
        return ox.Literal(term.value, datatype=ox.NamedNode(term.datatype))
    return ox.Literal(term.value)


def read_articles(body: bytes, content_type: str, request: Request,
                  endpoint: Endpoint) -> list[Article | ArticleError] | None:
    """The articles of an /ingest request (None for an unsupported Content-Type)."""
    from datetime import date

    from ..text.articles import make_article, read_jsonl

    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"the body is not UTF-8 (byte {error.start})") from None
    published_text = request.query_params.get("published")
    try:
        published = date.fromisoformat(published_text) if published_text else None
    except ValueError:
        raise ValueError(f"published: '{published_text}' is not a date of the form YYYY-MM-DD") from None
    if content_type in JSON_LINES:
        return list(read_jsonl(None, endpoint.lexicon, published, stream_text=text))
    if content_type == "application/json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ValueError(f"not valid JSON ({error.msg} at line {error.lineno})") from None
        records = data if isinstance(data, list) else [data]
        lines = "\n".join(json.dumps(record, ensure_ascii=False) for record in records)
        return list(read_jsonl(None, endpoint.lexicon, published, stream_text=lines))
    if content_type == "text/plain":
        article_id = request.query_params.get("id") or "article"
        try:
            return [make_article(article_id=article_id, text=text, source=f"request:{article_id}",
                                 lexicon=endpoint.lexicon, published=published,
                                 lang=request.query_params.get("lang"))]
        except ArticleError as error:
            return [error]
    return None


def run_server(config: ServerConfig) -> None:
    """Serve until interrupted (uvicorn on config.host:config.port)."""
    import uvicorn

    from .connections import GuardedProtocol

    protocol = GuardedProtocol.configured(config.header_timeout, config.body_timeout, config.max_connections)
    uvicorn.run(create_app(config), host=config.host, port=config.port, log_level="warning", lifespan="on",
                http=protocol, timeout_keep_alive=5)

