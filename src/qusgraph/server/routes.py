"""The routes of `qusgraph serve`: the SPARQL protocol, the graph store, linked data, and
writes. Each handler reads the running `Endpoint` (the store, the query workers); app.py
puts them together with the explore routes, the static files and the middleware.
"""

from __future__ import annotations

import asyncio
import functools
import io
import json
import logging
from collections.abc import Awaitable, Callable
from typing import IO
from urllib.parse import parse_qs

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Route

from ..errors import ArticleError, QusgraphError, ShapeViolation
from ..rdf.graph import as_quad
from ..rdf.namespaces import ID, RDF_TYPE, RDFS_LABEL
from ..rdf.provenance import FACTS_QUERY, Quote
from ..resources import ontology_file
from ..serialize.export import MEDIA_TYPES, RDF_FORMATS, write_jsonld
from ..text.articles import Article
from .describe import service_description, void_description
from .endpoint import Endpoint, RequestTooLarge, ServerConfig, redact_paths
from .negotiation import DATASET_TYPES, GRAPH_TYPES, choose, wants_html, with_charset
from .pages import ResourceView, Term, query_page, resource_page
from .responses import graph_response, not_acceptable, stream_from, write_graph
from .workers import QueryJob, QueryTimeout, UpdateCheck

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
RDFLIB_DEFAULT_GRAPH = "urn:x-rdflib:default"  # rdflib's DATASET_DEFAULT_GRAPH_ID
LOGGER = logging.getLogger(__name__)

JSON_LINES = ("application/x-ndjson", "application/jsonl", "application/json-lines", "application/ndjson")
PAGE_FORMATS = ("turtle", "jsonld", "ntriples", "rdfxml")  # what /id/… takes as ?format=

Handler = Callable[["Routes", Request], Awaitable[Response]]


def handles_errors(route: Handler) -> Handler:
    """The answer to a route's failure: 413 for a body over the limit, the error's own status
    for ours (400 for what the client sent, 500 for the store), 503 for a query past its time."""
    @functools.wraps(route)
    async def wrapped(self: Routes, request: Request) -> Response:
        try:
            return await route(self, request)
        except RequestTooLarge:
            return PlainTextResponse(f"request body over the {self.config.max_body} byte limit", 413)
        except QusgraphError as error:
            if error.http_status >= 500:
                LOGGER.error("%s %s: %s", request.method, request.url.path, error)
            return PlainTextResponse(redact_paths(str(error)), error.http_status)
        except QueryTimeout as error:
            return PlainTextResponse(f"{error}.", 503)
    return wrapped


class Routes:
    """The handlers, bound to the server's configuration and to the endpoint of the running app
    (`endpoint()`: it is opened when the app starts, after the routes are made)."""

    def __init__(self, config: ServerConfig, endpoint: Callable[[], Endpoint]) -> None:
        self.config = config
        self.endpoint = endpoint

    # ---------------------------------------------------------------- SPARQL protocol
    @handles_errors
    async def sparql(self, request: Request) -> Response:
        current = self.endpoint()
        params = request.query_params
        # HEAD is GET without the body (RFC 9110 §9.3.2): the server sends the headers only.
        if request.method in ("GET", "HEAD"):
            ambiguous = _ambiguous({name: params.getlist(name) for name in ("query", "update")})
            if ambiguous is not None:
                return ambiguous
            if "update" in params:
                return PlainTextResponse("SPARQL Update needs POST", 405, headers={"Allow": "POST"})
            if "query" not in params:
                return self.describe_service(request)
            return await self.run_query(params["query"], params.getlist("default-graph-uri"),
                                   params.getlist("named-graph-uri"), request)
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await current.read_body(request)
        if content_type == FORM:
            form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            ambiguous = _ambiguous({name: form.get(name, []) + params.getlist(name) for name in ("query", "update")})
            if ambiguous is not None:
                return ambiguous
            if "update" in form:
                return await self.run_update(form["update"][0], request)
            if "query" not in form:
                return PlainTextResponse("a form POST needs a 'query' or an 'update' parameter", 400)
            return await self.run_query(form["query"][0],
                                   form.get("default-graph-uri", []) + params.getlist("default-graph-uri"),
                                   form.get("named-graph-uri", []) + params.getlist("named-graph-uri"), request)
        if content_type == SPARQL_QUERY:
            return await self.run_query(body.decode("utf-8", "replace"), params.getlist("default-graph-uri"),
                                   params.getlist("named-graph-uri"), request)
        if content_type == SPARQL_UPDATE:
            return await self.run_update(body.decode("utf-8", "replace"), request)
        return PlainTextResponse(
            f"unsupported Content-Type '{content_type or '(none)'}'; use {FORM}, {SPARQL_QUERY} or {SPARQL_UPDATE}",
            415)

    async def run_query(self, text: str, default_graphs: list[str], named_graphs: list[str],
                        request: Request) -> Response:
        if not text.strip():
            return PlainTextResponse("empty query", 400)
        current = self.endpoint()
        # Only the length is looked at here: depth and the parse tree are checked in the worker.
        if len(text) > current.limits.max_size:
            return PlainTextResponse(f"the query is over the {current.limits.max_size} character limit", 413)
        # rdflib's SPARQLStore names the default graph by its own IRI for it in every request:
        # that is our default graph, the same as naming none.
        default_graphs = [iri for iri in default_graphs if iri != RDFLIB_DEFAULT_GRAPH]
        job = QueryJob(text, request.headers.get("accept"), tuple(default_graphs), tuple(named_graphs),
                       self.config.max_rows, limits=current.limits)
        return await current.answer(job)

    async def run_update(self, text: str, request: Request) -> Response:
        current = self.endpoint()
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

    def describe_service(self, request: Request) -> Response:
        media_type = choose(request.headers.get("accept"), GRAPH_TYPES)
        if media_type is None:
            return not_acceptable(GRAPH_TYPES)
        triples = service_description(self.config.base, self.config.allow_update, self.endpoint().store)
        return graph_response([as_quad(t) for t in triples], media_type)

    # ---------------------------------------------------------------- graphs
    @handles_errors
    async def graph_store(self, request: Request) -> Response:
        params = request.query_params
        current = self.endpoint()
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

    async def dump(self, request: Request) -> Response:
        current = self.endpoint()
        media_type = choose(request.headers.get("accept"), DATASET_TYPES)
        if media_type is None:
            return not_acceptable(DATASET_TYPES)
        rdf_format = RDF_FORMATS[DATASET_TYPES[media_type]].oxigraph
        return StreamingResponse(stream_from(lambda output: current.store.dump(output, rdf_format)),
                                 media_type=with_charset(media_type))

    async def void(self, request: Request) -> Response:
        current = self.endpoint()
        media_type = choose(request.headers.get("accept"), GRAPH_TYPES)
        if media_type is None:
            return not_acceptable(GRAPH_TYPES)
        if current._void is None or current._void[0] != current.pool.snapshot:
            triples = await asyncio.get_running_loop().run_in_executor(
                None, lambda: void_description(self.config.base, current.store))
            current._void = (current.pool.snapshot, triples)
        return graph_response([as_quad(t) for t in current._void[1]], media_type)

    async def context(self, request: Request) -> Response:
        # Any page may fetch the context to read our JSON-LD, whatever --cors-origin says: it is
        # public, the same for everyone, and no credentials go with it.
        return Response(ontology_file("context.jsonld").read_bytes(), media_type="application/ld+json",
                        headers={"Access-Control-Allow-Origin": "*"})

    async def ontology(self, request: Request) -> Response:
        return Response(ontology_file("qus.ttl").read_bytes(), media_type=with_charset("text/turtle"))

    # ---------------------------------------------------------------- linked data
    @handles_errors
    async def resource(self, request: Request) -> Response:
        current = self.endpoint()
        iri = ID + request.path_params["path"]
        try:
            node = ox.NamedNode(iri)
        except ValueError:
            return PlainTextResponse("not an IRI", 400)
        requested = request.query_params.get("format")
        accept = MEDIA_TYPES[requested] if requested in PAGE_FORMATS else request.headers.get("accept")
        if requested is None and wants_html(accept):
            view = await self.resource_view(current, iri)
            if view is None:
                return HTMLResponse(f"<p>Nothing is known about <code>{iri}</code>.</p>", 404)
            return HTMLResponse(resource_page(view, self.config.base))
        media_type = choose(accept, GRAPH_TYPES)
        if media_type is None:
            return not_acceptable(GRAPH_TYPES)
        rows = await current.query_json(
            f"SELECT ?s ?p ?o WHERE {{ {{ BIND({node} AS ?s) {node} ?p ?o }} UNION "
            f"{{ BIND({node} AS ?o) ?s ?p {node} }} }}")
        if not rows:
            return PlainTextResponse(f"nothing is known about <{iri}>", 404)
        quads = [ox.Quad(_ox(r["s"]), _ox(r["p"]), _ox(r["o"])) for r in rows]  # type: ignore[arg-type]
        if GRAPH_TYPES[media_type] == "jsonld" and self.config.base_url:
            # A public base URL makes /context.jsonld a stable address: name it, as linked data
            # does, rather than repeat it in every page. Without one it may be unreachable.
            output = io.BytesIO()
            write_jsonld(quads, output, f"{self.config.base}/context.jsonld")
            return Response(output.getvalue(), media_type=media_type)
        return graph_response(quads, media_type)

    async def resource_view(self, current: Endpoint, iri: str) -> ResourceView | None:
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
    async def ingest(self, request: Request) -> Response:
        current = self.endpoint()
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

    async def home(self, request: Request) -> Response:
        return HTMLResponse(query_page(self.config.base))

    def table(self) -> list[Route]:
        """The routes of the SPARQL protocol, the graph store, linked data and writes."""
        return [
            Route("/", self.home),
            Route("/sparql", self.sparql, methods=["GET", "POST"]),
            Route("/store", self.graph_store, methods=["GET"]),
            Route("/dump", self.dump, methods=["GET"]),
            Route("/.well-known/void", self.void, methods=["GET"]),
            Route("/void", lambda request: RedirectResponse("/.well-known/void"), methods=["GET"]),
            Route("/ontology", self.ontology, methods=["GET"]),
            Route("/context.jsonld", self.context, methods=["GET"]),
            Route("/id/{path:path}", self.resource, methods=["GET"]),
            Route("/ingest", self.ingest, methods=["POST"]),
        ]


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


