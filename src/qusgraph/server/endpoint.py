"""The running server's state: its configuration, and the `Endpoint` that owns the store
(written only here, one write at a time), the query workers and the body limit."""

from __future__ import annotations

import asyncio
import hmac
import json
import os
import re
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from ..errors import QueryError, StoreError
from ..store.embedded import QusStore
from .negotiation import with_charset
from .pages import Term
from .safety import MAX_DEPTH, MAX_QUERY_SIZE, Limits
from .workers import QueryAnswer, QueryJob, QueryTimeout, WorkerPool


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


