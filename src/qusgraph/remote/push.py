"""`qusgraph push`: write the store's graphs into another SPARQL engine over the SPARQL 1.1
Graph Store HTTP Protocol (https://www.w3.org/TR/sparql11-http-rdf-update/).

Each named graph (one per article, and the topic scheme) is sent with `PUT ?graph=IRI`,
which replaces the graph: pushing twice gives the same dataset. The merged default graph
goes to a named graph of its own (`MERGED_GRAPH`) because engines such as Virtuoso have no
real default graph — a query without a dataset reads the union of every graph there, which
counts each fact once per article that states it. Engines with a real default graph
(Oxigraph, Fuseki) can take it as `?default` instead (`merged_graph="default"`).

Bodies are N-Triples: Turtle with `\\/` escapes in prefixed names loads as IRIs holding a
backslash on Virtuoso, and N-Triples needs no parser state across lines.

What was pushed is recorded beside the store (`push-state/<hash of the URL>.json`, each graph
with the SHA-256 of its sorted N-Triples), so an interrupted push continues where it stopped,
unchanged graphs are skipped, and graphs recorded but no longer in the store are deleted.
"""

from __future__ import annotations

import hashlib
import json
import logging
import netrc
import os
import random
import threading
import time
from collections.abc import Callable, Generator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pyoxigraph as ox

from ..errors import QueryError, StoreError
from ..rdf.mint import graph_iri
from ..store.embedded import QusStore

LOGGER = logging.getLogger(__name__)

MERGED_GRAPH = graph_iri("merged")
PROBE_GRAPH = graph_iri("push-probe")  # read (never written) to start a Digest exchange
DEFAULT = "default"  # `merged_graph` value: the engine's own default graph
NTRIPLES = "application/n-triples"
STATE_DIR = "push-state"

# Credentials: never on the command line, where `ps` and shell history show them.
USER_ENV = "QUSGRAPH_PUSH_USER"
PASSWORD_ENV = "QUSGRAPH_PUSH_PASSWORD"
TOKEN_ENV = "QUSGRAPH_PUSH_TOKEN"
NETRC_ENV = "QUSGRAPH_NETRC"
AUTH_KINDS = ("basic", "digest")

RETRIES = 5
BACKOFF = 0.5  # seconds, doubled at each retry, with jitter
TIMEOUT = 120.0
STATE_SAVE_SECONDS = 2.0  # how often the record is written during a run


class PushError(StoreError):
    """The engine refused a graph (after retries), or cannot be reached."""


# ---------------------------------------------------------------------------- credentials
def credentials(url: str, kind: str = "basic", environ: dict[str, str] | None = None) -> httpx.Auth | None:
    """The auth for `url`: a bearer token ($QUSGRAPH_PUSH_TOKEN), a user and password
    ($QUSGRAPH_PUSH_USER/$QUSGRAPH_PUSH_PASSWORD), or the machine's entry of a netrc-style
    file ($QUSGRAPH_NETRC, else ~/.netrc); `kind` says Basic or Digest for the latter two."""
    env = os.environ if environ is None else environ
    if kind not in AUTH_KINDS:
        raise QueryError(f"auth value `{kind}` is not valid. It must be one of: {', '.join(AUTH_KINDS)}")
    token = env.get(TOKEN_ENV)
    if token:
        return BearerAuth(token)
    user, password = env.get(USER_ENV), env.get(PASSWORD_ENV)
    if not user:
        path = env.get(NETRC_ENV) or str(Path.home() / ".netrc")
        if os.path.exists(path):
            try:
                entry = netrc.netrc(path).authenticators(urlsplit(url).hostname or "")
            except (netrc.NetrcParseError, OSError) as error:
                raise QueryError(f"{path}: cannot read credentials ({error})") from None
            if entry:
                user, password = entry[0], entry[2]
    if not user:
        return None
    return httpx.DigestAuth(user, password or "") if kind == "digest" else httpx.BasicAuth(user, password or "")


class BearerAuth(httpx.Auth):
    def __init__(self, token: str) -> None:
        self.token = token

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"Bearer {self.token}"
        yield request


# ---------------------------------------------------------------------------- graphs to send
@dataclass(frozen=True)
class GraphBody:
    iri: str  # or DEFAULT
    body: bytes
    digest: str
    triples: int


def graph_body(data: bytes, iri: str) -> GraphBody:
    """One graph's N-Triples, and the hash of its sorted lines (the same graph gives the
    same hash whatever order the store returns it in)."""
    lines = data.splitlines(keepends=True)
    lines.sort()
    body = b"".join(lines)
    return GraphBody(iri, body, hashlib.sha256(body).hexdigest(), len(lines))


def store_graphs(store: QusStore, merged_graph: str = MERGED_GRAPH) -> list[str]:
    """The graphs a push sends: every named graph, then the merged facts."""
    names = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    return [*(n for n in names if n != merged_graph), merged_graph]


def read_graph(store: QusStore, iri: str, merged_graph: str) -> GraphBody:
    """A graph of the store as N-Triples. The store's own dump writes it: iterating over the
    quads in Python took most of a re-push's time."""
    import io

    graph: ox.NamedNode | ox.DefaultGraph = ox.DefaultGraph() if iri == merged_graph else ox.NamedNode(iri)
    output = io.BytesIO()
    store.dump(output, ox.RdfFormat.N_TRIPLES, graph)
    return graph_body(output.getvalue(), iri)


# ---------------------------------------------------------------------------- the record
@dataclass
class PushState:
    """What was pushed to one endpoint: graph IRI → content hash."""

    path: Path | None
    endpoint: str
    graphs: dict[str, str] = field(default_factory=dict)
    store: str = ""  # fingerprint of the store's files when a push last completed

    @classmethod
    def load(cls, store_path: Path | None, endpoint: str) -> PushState:
        if store_path is None:
            return cls(None, endpoint)
        key = hashlib.sha256(endpoint.encode("utf-8")).hexdigest()[:16]
        path = store_path / STATE_DIR / f"{key}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            same = data.get("endpoint") == endpoint
            graphs = dict(data["graphs"]) if same else {}
            fingerprint = str(data.get("store") or "") if same else ""
        except (OSError, ValueError, KeyError, TypeError):
            graphs, fingerprint = {}, ""
        return cls(path, endpoint, graphs, fingerprint)

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        scratch = self.path.with_suffix(".tmp")
        scratch.write_text(json.dumps({"endpoint": self.endpoint, "store": self.store,
                                           "graphs": self.graphs}, indent=0),
                           encoding="utf-8")
        os.replace(scratch, self.path)  # a crash mid-write leaves the previous record whole


def store_fingerprint(path: Path | None) -> str:
    """The names, sizes and times of the store's files: any write to an Oxigraph (RocksDB)
    store adds to its write-ahead log or adds files, and reading changes none. Equal to the
    one of the last completed push, nothing changed and a re-push need not read the graphs
    (reading and hashing each is ~2.5 ms, most of a re-push). Empty: unknown."""
    if path is None or not path.is_dir():
        return ""
    entries = []
    for item in sorted(path.iterdir()):
        if item.is_file() and not item.name.startswith(("LOG", "LOCK")) and item.name != "qusgraph-serve.json":
            stat = item.stat()
            entries.append(f"{item.name}\t{stat.st_size}\t{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(entries).encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------- HTTP
class GraphStore:
    """A Graph Store Protocol endpoint: PUT, DELETE and GET of one graph, retried on 5xx,
    429 and network errors. One httpx client per thread: Digest state is per client."""

    def __init__(self, url: str, auth: httpx.Auth | None, timeout: float = TIMEOUT, retries: int = RETRIES,
                 auth_factory: Callable[[], httpx.Auth | None] | None = None) -> None:
        self.url = url
        self.timeout = timeout
        self.retries = retries
        self._auth_factory = auth_factory or (lambda: auth)
        self._local = threading.local()
        self._clients: list[httpx.Client] = []
        self._lock = threading.Lock()

    def _client(self) -> httpx.Client:
        client: httpx.Client | None = getattr(self._local, "client", None)
        if client is None:
            client = httpx.Client(auth=self._auth_factory(), timeout=self.timeout)
            self._local.client = client
            with self._lock:
                self._clients.append(client)
            # Digest answers the first request of a client with a 401 and the client sends the
            # body again: prime it with a bodiless request so large bodies go once.
            # The probe names a graph nobody writes, so that the answer is a short 404.
            if isinstance(client.auth, httpx.DigestAuth):
                self._request("GET", PROBE_GRAPH, None, {"Accept": NTRIPLES}, ok=(200, 404), client=client)
        return client

    def close(self) -> None:
        for client in self._clients:
            client.close()

    def params(self, iri: str) -> dict[str, str]:
        return {"default": ""} if iri == DEFAULT else {"graph": iri}

    def _request(self, method: str, iri: str, body: bytes | None, headers: dict[str, str],
                 ok: tuple[int, ...], client: httpx.Client | None = None) -> httpx.Response:
        client = client or self._client()
        for attempt in range(self.retries + 1):
            try:
                response = client.request(method, self.url, params=self.params(iri), content=body,
                                          headers=headers)
            except (httpx.TimeoutException, httpx.TransportError) as error:
                if attempt == self.retries:
                    raise PushError(f"{self.url}: {method} {iri}: {type(error).__name__}: {error}") from None
                LOGGER.info("%s %s: %s; retrying (%d of %d)", method, iri, type(error).__name__, attempt + 1,
                            self.retries)
            else:
                if response.status_code in ok:
                    return response
                if response.status_code < 500 and response.status_code != 429:
                    raise PushError(f"{self.url}: {method} {iri}: {response.status_code} "
                                    f"{_first_line(response.text)}")
                if attempt == self.retries:
                    raise PushError(f"{self.url}: {method} {iri}: {response.status_code} after "
                                    f"{self.retries} retries: {_first_line(response.text)}")
                LOGGER.info("%s %s: %d; retrying (%d of %d)", method, iri, response.status_code, attempt + 1,
                            self.retries)
            time.sleep(BACKOFF * 2 ** attempt * (0.5 + random.random()))
        raise AssertionError("unreachable")

    def put(self, graph: GraphBody) -> None:
        self._request("PUT", graph.iri, graph.body, {"Content-Type": NTRIPLES}, ok=(200, 201, 204))

    def delete(self, iri: str) -> None:
        self._request("DELETE", iri, None, {}, ok=(200, 202, 204, 404))

    def get(self, iri: str) -> list[ox.Triple]:
        """A graph read back (empty if the engine does not have it)."""
        response = self._request("GET", iri, None, {"Accept": NTRIPLES}, ok=(200, 404))
        if response.status_code == 404 or not response.content.strip():
            return []
        media = response.headers.get("content-type", NTRIPLES).split(";")[0].strip()
        rdf_format = ox.RdfFormat.from_media_type(media) or ox.RdfFormat.N_TRIPLES
        return [q if isinstance(q, ox.Triple) else q.triple for q in ox.parse(response.content, rdf_format)]


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[0][:240] if lines else ""


# ---------------------------------------------------------------------------- the push
@dataclass
class PushReport:
    sent: int = 0
    skipped: int = 0
    deleted: int = 0
    triples: int = 0
    seconds: float = 0.0
    differences: dict[str, int] = field(default_factory=dict)  # kind → count (verify)

    def line(self) -> str:
        rate = self.sent / self.seconds if self.seconds else 0.0
        return (f"pushed {self.sent} graph(s) ({self.triples} triples), skipped {self.skipped} unchanged, "
                f"deleted {self.deleted}, in {self.seconds:.2f} s ({rate:.0f} graphs/s)")


def push_store(store: QusStore, url: str, *, auth: httpx.Auth | None = None, jobs: int = 4,
               merged_graph: str = MERGED_GRAPH, force: bool = False, progress: bool = False,
               auth_factory: Callable[[], httpx.Auth | None] | None = None,
               timeout: float = TIMEOUT, retries: int = RETRIES) -> PushReport:
    """Push every graph of `store` to the Graph Store endpoint `url`; see the module docstring.
    `force` ignores the record (sends every graph). :raises PushError: when a graph is refused."""
    start = time.perf_counter()
    target = DEFAULT if merged_graph == DEFAULT else merged_graph
    state = PushState.load(store.path, _state_key(url, target))
    if force:
        state.graphs.clear()
    fingerprint = store_fingerprint(store.path)
    names = store_graphs(store, MERGED_GRAPH)
    wanted = {(target if n == MERGED_GRAPH else n) for n in names}
    gone = sorted(set(state.graphs) - wanted)
    report = PushReport()
    if fingerprint and fingerprint == state.store and not gone and wanted <= state.graphs.keys():
        report.skipped = len(names)
        report.seconds = time.perf_counter() - start
        return report
    state.store = ""  # until this push completes
    engine = GraphStore(url, auth, timeout, retries, auth_factory=auth_factory)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(names) + len(gone), unit="graph", desc="push", dynamic_ncols=True)
    lock = threading.Lock()
    last_save = time.monotonic()

    def done(iri: str, digest: str | None) -> None:
        nonlocal last_save
        with lock:
            if digest is None:
                state.graphs.pop(iri, None)
            else:
                state.graphs[iri] = digest
            if time.monotonic() - last_save > STATE_SAVE_SECONDS:
                state.save()
                last_save = time.monotonic()
        if bar is not None:
            bar.update(1)

    known = dict(state.graphs)

    def send(name: str) -> None:
        # Read and hashed by the worker, so that reading the next graph overlaps the engine's
        # work on this one (the store's dump itself holds the interpreter).
        graph = read_graph(store, name, MERGED_GRAPH)
        iri = target if name == MERGED_GRAPH else name
        if known.get(iri) == graph.digest:
            with lock:
                report.skipped += 1
            if bar is not None:
                bar.update(1)
            return
        engine.put(GraphBody(iri, graph.body, graph.digest, graph.triples))
        with lock:
            report.sent += 1
            report.triples += graph.triples
        done(iri, graph.digest)

    def drop(iri: str) -> None:
        engine.delete(iri)
        with lock:
            report.deleted += 1
        done(iri, None)

    try:
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            futures = [pool.submit(drop, iri) for iri in gone]
            futures += [pool.submit(send, name) for name in names]
            try:
                for future in futures:
                    future.result()
            except BaseException:
                # One graph refused after its retries: stop, rather than wait out every retry
                # of the queued graphs; the record keeps what went through.
                for future in futures:
                    future.cancel()
                raise
        state.store = fingerprint
    finally:
        state.save()
        engine.close()
        if bar is not None:
            bar.close()
    report.seconds = time.perf_counter() - start
    return report


def _state_key(url: str, target: str) -> str:
    # Where the merged facts go is part of what was pushed: switching it must resend them.
    return url if target == MERGED_GRAPH else f"{url} merged={target}"


# ---------------------------------------------------------------------------- read-back check
XSD = "http://www.w3.org/2001/XMLSchema#"
_DATE_KINDS = {XSD + "gYear", XSD + "gYearMonth", XSD + "date"}


def difference_kind(local: ox.Literal, remote: ox.Literal | None) -> str:
    """Name the kind of a value-level difference an engine introduced, for the report."""
    datatype = local.datatype.value
    if datatype in _DATE_KINDS:
        return "dates: gYear/gYearMonth/date literals of one value collapse into one"
    if datatype == XSD + "duration":
        return "durations: xsd:duration literals come back in another form (P3Y as 36, P1Y = P12M)"
    if datatype == XSD + "decimal":
        return "decimals: xsd:decimal literals without a fraction come back as xsd:integer"
    return f"other literals of datatype {datatype}"


def verify_graphs(store: QusStore, url: str, *, auth: httpx.Auth | None = None, merged_graph: str = MERGED_GRAPH,
           names: list[str] | None = None) -> dict[str, int]:
    """Read graphs back from the engine and compare with the store. Returns the differences
    by kind (empty: identical); differences not on literals are `missing`/`extra` triples."""
    engine = GraphStore(url, auth)
    kinds: dict[str, int] = {}
    try:
        for name in names or store_graphs(store, MERGED_GRAPH):
            target = (DEFAULT if merged_graph == DEFAULT else merged_graph) if name == MERGED_GRAPH else name
            graph: ox.NamedNode | ox.DefaultGraph = ox.DefaultGraph() if name == MERGED_GRAPH else ox.NamedNode(name)
            local = {q.triple for q in store.quads(graph)}
            remote = set(engine.get(target))
            missing, extra = local - remote, remote - local
            extra_keys = {(t.subject, t.predicate) for t in extra if isinstance(t.object, ox.Literal)}
            missing_keys = {(t.subject, t.predicate) for t in missing if isinstance(t.object, ox.Literal)}
            for triple in missing:
                if isinstance(triple.object, ox.Literal):
                    kind = difference_kind(triple.object, None)
                    # a literal whose subject and predicate came back with another value, or
                    # that merged with an equal-valued one, is a value-level difference
                    kind = kind if (triple.subject, triple.predicate) in extra_keys or \
                        kind.startswith(("dates", "durations")) else f"missing: {kind}"
                else:
                    kind = "missing triples"
                kinds[kind] = kinds.get(kind, 0) + 1
            for triple in extra:
                if not (isinstance(triple.object, ox.Literal) and (triple.subject, triple.predicate) in missing_keys):
                    kinds["extra triples"] = kinds.get("extra triples", 0) + 1
    finally:
        engine.close()
    return kinds


def run_push(store: QusStore, url: str, *, jobs: int = 4, auth_kind: str = "basic", merged_graph: str | None = None,
             force: bool = False, verify: bool = False,
             progress: bool = False) -> PushReport:
    """What `qusgraph push` and `ingest --push` do: push, then (with `verify`) read back."""
    target = merged_graph or MERGED_GRAPH
    report = push_store(store, url, auth_factory=lambda: credentials(url, auth_kind), jobs=jobs,
                        merged_graph=target, force=force, progress=progress)
    if verify:
        report.differences = verify_graphs(store, url, auth=credentials(url, auth_kind), merged_graph=target)
    return report
