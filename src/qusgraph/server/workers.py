"""Queries run in worker processes, so that a query past its time or memory limit can really
be stopped (pyoxigraph has no limits of its own: the worker is killed and replaced), a crash
in a parser takes down one worker and not the server, and a slow query does not hold up the
others.

The server process owns the store (read-write, locked). Workers read a snapshot of it:
`Store.backup` makes a checkpoint of hard links in a moment, and a checkpoint opened
read-only is safe to read while the server keeps writing to the store. After each write
the server takes a new snapshot; a worker moves to it at its next job. A snapshot is deleted
only once no worker holds it or has been handed it (handed = sent, not yet opened).

Client text is parsed only here: each job is first checked by `safety` (depth, then the
parse tree), and an update is checked here before the server runs it.

Lanes: with two workers or more, one is kept for short queries. It takes a job only when
every other worker is busy, and stops that job after `short_timeout` seconds, so that a few
runaway queries cannot make every other client wait for the full time limit.
"""

from __future__ import annotations

import asyncio
import io
import logging
import multiprocessing
import multiprocessing.connection
import os
import shutil
import sys
import tempfile
import threading
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..errors import StoreError
from ..store.embedded import SNAPSHOTS_PREFIX, QusStore, one_line
from .negotiation import GRAPH_TYPES, SOLUTION_TYPES, choose
from .safety import RECURSION_LIMIT, Limits, check_operations, check_shape

SPAWN = multiprocessing.get_context("spawn")
STARTUP_TIMEOUT = 60.0  # seconds a new worker has to import its modules and say it is ready

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True)
class QueryJob:
    """One SPARQL query and how its answer should be written."""

    query: str
    accept: str | None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    max_rows: int = 10_000
    raw_format: str | None = None  # ask for a qusgraph format name instead of negotiating
    limits: Limits | None = Limits()  # None: a query of our own, not checked
    bindings: tuple[tuple[str, str], ...] = ()  # (variable, IRI): values given to variables (`substitutions`)


@dataclass(frozen=True)
class UpdateCheck:
    """Is this SPARQL Update safe to run? (Answered 204, or with the refusal.)"""

    update: str
    limits: Limits = Limits()


@dataclass(frozen=True)
class QueryAnswer:
    status: int
    media_type: str
    body: bytes
    rows: int = 0
    truncated: bool = False
    kind: str = ""


def _text(status: int, message: str) -> QueryAnswer:
    return QueryAnswer(status, "text/plain", message.encode("utf-8"))


# ------------------------------------------------------------------------- in the worker
def _is_graph(store: ox.Store) -> Any:
    def is_graph(iri: str) -> bool:
        try:
            return bool(store.contains_named_graph(ox.NamedNode(iri)))
        except ValueError:
            return False

    return is_graph


# The server runs updates in a thread with a 256 MiB stack; the dry run here gets a quarter
# of that, so whatever Oxigraph can parse here it parses there with room to spare.
DRY_RUN_STACK = 64 * 2**20


def check_update(store: ox.Store, job: UpdateCheck) -> QueryAnswer:
    refusal = check_shape(job.update, job.limits) or check_operations(job.update, "update", _is_graph(store))
    if refusal is not None:
        return _text(refusal.status, refusal.message)
    return _dry_run(job.update)


def _dry_run(update: str) -> QueryAnswer:
    """Parse and run the update on an empty in-memory store, in a thread whose stack is smaller
    than the server's write thread. Bracket depth is bounded already, but a long flat chain
    (`1+1+…+1`, 20,000 terms) also makes Oxigraph recurse, and overflowing a stack is a crash:
    here it takes down this worker (the client gets a 503), not the server. The update is
    safe to run: SERVICE and LOAD were refused, and the store is empty and thrown away."""
    from ..rdf.namespaces import PREFIXES

    outcome: list[QueryAnswer] = []

    def run() -> None:
        try:
            ox.Store().update(update, prefixes=PREFIXES)
        except SyntaxError as error:
            outcome.append(_text(400, f"SPARQL syntax error: {one_line(error, 2000)}"))
        except (OSError, RuntimeError, ValueError):
            pass  # evaluation against an empty store may fail where the real one will not
        outcome.append(QueryAnswer(204, "text/plain", b""))

    thread = threading.Thread(target=run, name="qusgraph-update-dry-run")
    previous = threading.stack_size(DRY_RUN_STACK)
    try:
        thread.start()  # the stack size in force when a thread starts is the one it gets
    finally:
        threading.stack_size(previous)
    thread.join()
    return outcome[0]


def answer_query(store: ox.Store, job: QueryJob, max_answer: int | None = None) -> QueryAnswer:
    """Run one job on a store and write its answer (used by workers and tests alike)."""
    from ..rdf.namespaces import PREFIXES
    from ..serialize.results import write_capped_solutions
    from ..store.functions import sparql_functions

    if job.limits is not None:
        refusal = check_shape(job.query, job.limits) or check_operations(
            job.query, "query", _is_graph(store), job.default_graphs + job.named_graphs)
        if refusal is not None:
            return _text(refusal.status, refusal.message)
    options: dict[str, Any] = {"prefixes": PREFIXES, "custom_functions": sparql_functions()}
    if job.default_graphs or job.named_graphs:
        # The protocol's dataset: what is not named is empty (SPARQL 1.1 Protocol §2.1.4).
        try:
            options["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
            options["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
        except ValueError as error:
            return _text(400, f"not a graph IRI: {error}")
    try:
        if job.bindings:
            options["substitutions"] = {ox.Variable(name): ox.NamedNode(iri) for name, iri in job.bindings}
        results = store.query(job.query, **options)
    except SyntaxError as error:
        from ..store.queryhelp import syntax_message

        return _text(400, f"SPARQL syntax error: {syntax_message(error, job.query)}")
    except (OSError, RuntimeError, ValueError) as error:
        return _text(400, f"query failed: {one_line(error, 2000)}")
    output = _CappedBuffer(max_answer)
    try:
        if isinstance(results, ox.QueryTriples):
            media_type = _format_for(job, GRAPH_TYPES)
            if media_type is None:
                return _not_acceptable("a graph (CONSTRUCT/DESCRIBE)", GRAPH_TYPES)
            triples: list[ox.Triple] = []
            truncated = False
            try:
                for triple in results:
                    if len(triples) >= job.max_rows:
                        truncated = True
                        break
                    triples.append(triple)
            except (OSError, RuntimeError, ValueError) as error:
                return _text(400, f"query failed: {one_line(error, 2000)}")
            from ..serialize.export import RDF_FORMATS, write_triples

            write_triples(triples, RDF_FORMATS[GRAPH_TYPES.get(media_type, job.raw_format or "")], output)
            return QueryAnswer(200, media_type, output.getvalue(), len(triples), truncated, "graph")
        media_type = _format_for(job, SOLUTION_TYPES)
        if media_type is None:
            return _not_acceptable("SELECT/ASK results", SOLUTION_TYPES)
        fmt = SOLUTION_TYPES[media_type]
        if isinstance(results, ox.QueryBoolean):
            from ..serialize.results import RESULT_FORMATS

            results.serialize(output, RESULT_FORMATS[fmt])
            return QueryAnswer(200, media_type, output.getvalue(), 1, False, "boolean")
        try:
            rows, truncated = write_capped_solutions(results, fmt, output, job.max_rows)
        except (OSError, RuntimeError, ValueError) as error:
            return _text(400, f"query failed: {one_line(error, 2000)}")
        return QueryAnswer(200, media_type, output.getvalue(), rows, truncated, "solutions")
    except AnswerTooLarge:
        return _text(503, f"the answer is over the {max_answer} byte limit; ask for fewer or shorter values")


class AnswerTooLarge(Exception):
    pass


class _CappedBuffer(io.BytesIO):
    """An answer being written, refused past `limit` bytes: it travels through a pipe and is
    held whole by the server, so its size is bounded like the worker's memory."""

    def __init__(self, limit: int | None) -> None:
        super().__init__()
        self.limit = limit

    def write(self, data: Any) -> int:
        if self.limit is not None and self.tell() + len(data) > self.limit:
            raise AnswerTooLarge()
        return super().write(data)


def _format_for(job: QueryJob, table: dict[str, str]) -> str | None:
    if job.raw_format is not None:
        return next((media for media, name in table.items() if name == job.raw_format), None)
    return choose(job.accept, table)


def _not_acceptable(kind: str, table: dict[str, str]) -> QueryAnswer:
    offered = ", ".join(dict.fromkeys(table))
    return _text(406, f"cannot answer {kind} in the requested Accept types; offered: {offered}")


def _limit_memory(max_memory: int | None) -> None:
    """Cap this process's address space: an allocation past it fails (Rust aborts the worker,
    Python raises MemoryError), and the server answers 503 and starts a fresh worker."""
    if max_memory is None:
        return
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (max_memory, max_memory))


def _worker_main(connection: multiprocessing.connection.Connection, max_memory: int | None = None) -> None:
    """A worker: open the snapshot each job names, answer, repeat until told to stop."""
    # rdflib's parser recurses ~25 Python frames per bracket; the depth bound keeps that finite.
    sys.setrecursionlimit(RECURSION_LIMIT)
    _limit_memory(max_memory)
    max_answer = max_memory // 4 if max_memory else None
    # Imports that take a while (rdflib builds its SPARQL grammar) happen before the worker says
    # it is ready: a query's time limit counts from then, not from the process's start.
    import rdflib.plugins.sparql.parser  # noqa: F401

    from ..serialize import (
        results,  # noqa: F401
    )

    connection.send(("ready", None))
    store: ox.Store | None = None
    opened: str | None = None
    while True:
        try:
            message = connection.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if message is None:
            return
        snapshot, job = message
        if snapshot != opened:
            store = None
            try:
                store = ox.Store.read_only(snapshot)
            except (OSError, RuntimeError, ValueError):
                opened = None
                connection.send(("answer", _text(500, "internal error: the store snapshot could not be opened")))
                continue
            opened = snapshot
            connection.send(("opened", snapshot))
        assert store is not None
        try:
            if isinstance(job, UpdateCheck):
                answer = check_update(store, job)
            else:
                answer = answer_query(store, job, max_answer)
        except MemoryError:
            # Past its memory limit the interpreter may be left short of memory for good: the
            # worker answers, then ends, and the server starts a fresh one in its place.
            store = None
            connection.send(("last answer", _text(503, "the query ran past the worker's memory limit and was stopped")))
            return
        except Exception as error:  # noqa: BLE001 - reported to the client, the worker lives on
            answer = _text(500, f"internal error: {type(error).__name__}")
        connection.send(("answer", answer))


# ------------------------------------------------------------------------- in the server
@dataclass
class _Worker:
    process: Any
    connection: multiprocessing.connection.Connection
    short: bool = False  # the lane kept for short queries
    ready: bool = False  # started and its modules imported
    held: str | None = None  # the snapshot it has open
    handed: str | None = None  # the snapshot it was last sent (it may not have opened it yet)


class QueryTimeout(Exception):
    """A query ran past the time limit (or its memory limit); its worker was stopped."""


class WorkerPool:
    """A fixed number of query worker processes reading the latest snapshot."""

    def __init__(self, store: QusStore, size: int, timeout: float, max_memory: int | None = None,
                 short_timeout: float = 1.0) -> None:
        if store.path is None:
            raise ValueError("the endpoint needs an on-disk store")
        self.store = store
        self.size = size
        self.timeout = timeout
        self.short_timeout = min(short_timeout, timeout)
        self.max_memory = max_memory
        self._snapshots_dir = Path(tempfile.mkdtemp(prefix=f"{SNAPSHOTS_PREFIX}{os.getpid()}-", dir=store.path.parent))
        self._generation = 0
        self._snapshot_lock = threading.Lock()
        self.snapshot = self._take_snapshot()
        self._workers: list[_Worker] = [self._start_worker(short=size >= 2 and i == size - 1) for i in range(size)]
        # A worker started in advance takes a stopped one's place at once: starting one costs a
        # second or more (imports), which the clients waiting for that worker would wait too.
        self._standby: _Worker | None = self._start_worker()
        self._waiting: deque[asyncio.Future[_Worker]] = deque()
        self._idle: list[_Worker] = list(self._workers)

    # -- snapshots
    def _take_snapshot(self) -> str:
        self._generation += 1
        target = self._snapshots_dir / f"snapshot-{self._generation}"
        try:
            self.store.store.flush()
            self.store.store.backup(str(target))
        except OSError as error:
            raise StoreError(f"{self.store.path}: cannot take a snapshot for the query workers "
                             f"({one_line(error)})") from None
        LOGGER.debug("snapshot %s taken for the query workers", target.name)
        return str(target)

    def refresh(self) -> None:
        """Take a new snapshot after a write (callers serialise writes); delete the snapshots
        no worker holds or has been handed."""
        fresh = self._take_snapshot()
        with self._snapshot_lock:
            self.snapshot = fresh
            in_use = {self.snapshot} | {w.held for w in self._workers} | {w.handed for w in self._workers}
            stale = [d for d in self._snapshots_dir.iterdir() if str(d) not in in_use]
        for directory in stale:
            shutil.rmtree(directory, ignore_errors=True)

    def _hand(self, worker: _Worker) -> str:
        """The snapshot to send `worker`, marked in use before the next refresh can look."""
        with self._snapshot_lock:
            worker.handed = self.snapshot
            return self.snapshot

    # -- workers
    def _start_worker(self, short: bool = False) -> _Worker:
        # Under an address-space cap, glibc's 64 MiB malloc arena per thread (RocksDB starts
        # several) used half the cap before any query, and a thread that could not get its
        # stack aborted the worker. Two arenas are plenty for one query at a time. Read by
        # glibc when the worker starts, so it is set for the children, not this process.
        os.environ.setdefault("MALLOC_ARENA_MAX", "2")
        parent, child = SPAWN.Pipe()
        process = SPAWN.Process(target=_worker_main, args=(child, self.max_memory), daemon=True,
                                name="qusgraph-query-worker")
        process.start()
        child.close()
        return _Worker(process, parent, short)

    def _replace(self, worker: _Worker, reason: str) -> _Worker:
        LOGGER.warning("query worker %s stopped (%s); a fresh one takes its place", worker.process.pid, reason)
        worker.process.kill()
        worker.process.join(timeout=5)
        worker.connection.close()
        fresh, self._standby = self._standby, self._start_worker()
        if fresh is None or not fresh.process.is_alive():
            fresh = self._start_worker()
        fresh.short = worker.short
        with self._snapshot_lock:
            self._workers[self._workers.index(worker)] = fresh
        return fresh

    async def _acquire(self) -> _Worker:
        """An idle worker: one of the general lane first; the short lane's only if none is."""
        if self._idle and not self._waiting:
            general = [w for w in self._idle if not w.short]
            worker = general[0] if general else self._idle[0]
            self._idle.remove(worker)
            return worker
        waiter: asyncio.Future[_Worker] = asyncio.get_running_loop().create_future()
        self._waiting.append(waiter)
        try:
            return await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self._release(waiter.result())
            raise

    def _release(self, worker: _Worker) -> None:
        while self._waiting:
            waiter = self._waiting.popleft()
            if not waiter.done():
                waiter.set_result(worker)
                return
        self._idle.append(worker)

    async def run(self, job: QueryJob | UpdateCheck) -> QueryAnswer:
        """Answer `job` in an idle worker. The event loop itself waits on the worker's pipe (no
        thread in between: a small query's answer comes back in a fraction of a millisecond,
        and a hop through a thread pool would cost more than the query)."""
        loop = asyncio.get_running_loop()
        worker = await self._acquire()
        # The short lane's limit is for queries; an update's check (its dry run may take as long
        # as a large INSERT DATA) always gets the full one.
        limit = self.short_timeout if worker.short and isinstance(job, QueryJob) else self.timeout
        try:
            worker.connection.send((self._hand(worker), job))
            # A worker still starting gets time to start; the query's limit counts from "ready".
            deadline = loop.time() + limit + (0 if worker.ready else STARTUP_TIMEOUT)
            while True:
                if not await self._readable(worker, deadline - loop.time()):
                    worker = await loop.run_in_executor(None, self._replace, worker, f"past the {limit:g} s limit")
                    if limit < self.timeout:
                        raise QueryTimeout(
                            f"every query worker is busy with long queries; this one ran past the {limit:g} s "
                            "allowed to short queries meanwhile and was stopped")
                    raise QueryTimeout(f"the query ran past the {limit:g} s time limit and was stopped")
                kind, payload = worker.connection.recv()
                if kind == "ready":
                    worker.ready = True
                    deadline = loop.time() + limit
                    continue
                if kind == "opened":
                    # Opening a snapshot is the server's doing, not the query's: not counted.
                    worker.held = payload
                    deadline = loop.time() + limit
                    continue
                assert isinstance(payload, QueryAnswer)
                if kind == "last answer":
                    worker = await loop.run_in_executor(None, self._replace, worker, "past its memory limit")
                return payload
        except (EOFError, OSError):
            # The worker died: past its memory limit (an allocation failed and Rust aborted) or
            # in a crash of its own. Either way the query cannot be answered; the worker is new.
            worker = await loop.run_in_executor(None, self._replace, worker, "it died: memory limit or a crash")
            raise QueryTimeout("the query stopped its worker (past the memory limit of "
                               f"{_size(self.max_memory)}, or a crash) and was stopped") from None
        finally:
            self._release(worker)

    @staticmethod
    async def _readable(worker: _Worker, timeout: float) -> bool:
        """Wait until the worker's pipe has a message; False after `timeout` seconds."""
        if worker.connection.poll():
            return True
        if timeout <= 0:
            return False
        loop = asyncio.get_running_loop()
        ready: asyncio.Future[bool] = loop.create_future()
        descriptor = worker.connection.fileno()

        def signal_ready() -> None:
            if not ready.done():
                ready.set_result(True)

        loop.add_reader(descriptor, signal_ready)
        try:
            return bool(await asyncio.wait_for(ready, timeout))
        except TimeoutError:
            return False
        finally:
            loop.remove_reader(descriptor)
            # uvloop leaves a watched descriptor non-blocking; the pipe's reads expect blocking.
            os.set_blocking(descriptor, True)

    def close(self) -> None:
        everyone = self._workers + ([self._standby] if self._standby is not None else [])
        for worker in everyone:
            try:
                worker.connection.send(None)
            except OSError:
                pass
        for worker in everyone:
            worker.process.join(timeout=2)
            if worker.process.is_alive():
                worker.process.kill()
            worker.connection.close()
        shutil.rmtree(self._snapshots_dir, ignore_errors=True)


def _size(amount: int | None) -> str:
    if amount is None:
        return "the host"
    return f"{amount / 2**20:.0f} MiB"


def default_pool_size() -> int:
    return max(2, 2 * (os.cpu_count() or 1))


def default_max_memory(workers: int) -> int:
    """Half the machine's RAM shared among the workers (at least 512 MiB each)."""
    try:
        ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        ram = 8 * 2**30
    return max(512 * 2**20, ram // 2 // max(1, workers))
