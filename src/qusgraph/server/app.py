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
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from .endpoint import Endpoint, ServerConfig
from .explore import explore_routes
from .pages import STATIC
from .routes import Routes

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

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        state["endpoint"] = await asyncio.get_running_loop().run_in_executor(None, Endpoint, config)
        try:
            yield
        finally:
            state.pop("endpoint").close()

    routes = [
        *Routes(config, endpoint).table(),
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


def run_server(config: ServerConfig) -> None:
    """Serve until interrupted (uvicorn on config.host:config.port)."""
    import uvicorn

    from .connections import GuardedProtocol

    protocol = GuardedProtocol.configured(config.header_timeout, config.body_timeout, config.max_connections)
    uvicorn.run(create_app(config), host=config.host, port=config.port, log_level="warning", lifespan="on",
                http=protocol, timeout_keep_alive=5)

