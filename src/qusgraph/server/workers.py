"""Queries run in worker processes, so that a query past its time limit can really be
stopped (pyoxigraph has no time limit of its own: the worker is killed and replaced) and a
slow query does not hold up the others.

The server process owns the store (read-write, locked). Workers read a snapshot of it:
`Store.backup` makes a checkpoint of hard links in a moment, and a checkpoint opened
read-only is safe to read while the server keeps writing to the store. After each write
the server takes a new snapshot; a worker moves to it at its next query.
"""

from __future__ import annotations

import asyncio
import io
import multiprocessing
import multiprocessing.connection
import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..store import SNAPSHOTS_PREFIX, QusStore, one_line
from .negotiation import GRAPH_TYPES, SOLUTION_TYPES, choose

SPAWN = multiprocessing.get_context("spawn")


@dataclass(frozen=True)
class QueryJob:
    """One SPARQL query and how its answer should be written."""

    query: str
    accept: str | None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    max_rows: int = 10_000
    raw_format: str | None = None  # ask for a qusgraph format name instead of negotiating


@dataclass(frozen=True)
class QueryAnswer:
    status: int
    media_type: str
    body: bytes
    rows: int = 0
    truncated: bool = False
    kind: str = ""


# ------------------------------------------------------------------------- in the worker
def answer_query(store: ox.Store, job: QueryJob) -> QueryAnswer:
    """Run one job on a store and write its answer (used by workers and tests alike)."""
    from ..namespaces import PREFIXES
    from ..results import write_capped_solutions
    from ..search import sparql_functions

    options: dict[str, Any] = {"prefixes": PREFIXES, "custom_functions": sparql_functions()}
    if job.default_graphs or job.named_graphs:
        # The protocol's dataset: what is not named is empty (SPARQL 1.1 Protocol §2.1.4).
        try:
            options["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
            options["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
        except ValueError as error:
            return QueryAnswer(400, "text/plain", f"not a graph IRI: {error}".encode())
    try:
        results = store.query(job.query, **options)
    except SyntaxError as error:
        from ..queryhelp import syntax_message

        return QueryAnswer(400, "text/plain", f"SPARQL syntax error: {syntax_message(error, job.query)}".encode())
    except (OSError, RuntimeError, ValueError) as error:
        return QueryAnswer(400, "text/plain", f"query failed: {one_line(error, 2000)}".encode())
    output = io.BytesIO()
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
            return QueryAnswer(400, "text/plain", f"query failed: {one_line(error, 2000)}".encode())
        from ..export import RDF_FORMATS, write_triples

        write_triples(triples, RDF_FORMATS[GRAPH_TYPES.get(media_type, job.raw_format or "")], output)
        return QueryAnswer(200, media_type, output.getvalue(), len(triples), truncated, "graph")
    media_type = _format_for(job, SOLUTION_TYPES)
    if media_type is None:
        return _not_acceptable("SELECT/ASK results", SOLUTION_TYPES)
    fmt = SOLUTION_TYPES[media_type]
    if isinstance(results, ox.QueryBoolean):
        from ..results import RESULT_FORMATS

        results.serialize(output, RESULT_FORMATS[fmt])
        return QueryAnswer(200, media_type, output.getvalue(), 1, False, "boolean")
    try:
        rows, truncated = write_capped_solutions(results, fmt, output, job.max_rows)
    except (OSError, RuntimeError, ValueError) as error:
        return QueryAnswer(400, "text/plain", f"query failed: {one_line(error, 2000)}".encode())
    return QueryAnswer(200, media_type, output.getvalue(), rows, truncated, "solutions")


def _format_for(job: QueryJob, table: dict[str, str]) -> str | None:
    if job.raw_format is not None:
        return next((media for media, name in table.items() if name == job.raw_format), None)
    return choose(job.accept, table)


def _not_acceptable(kind: str, table: dict[str, str]) -> QueryAnswer:
    offered = ", ".join(dict.fromkeys(table))
    return QueryAnswer(406, "text/plain", f"cannot answer {kind} in the requested Accept types; "
                                          f"offered: {offered}".encode())


def _worker_main(connection: multiprocessing.connection.Connection) -> None:
    """A worker: open the snapshot each job names, answer, repeat until told to stop."""
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
            store = ox.Store.read_only(snapshot)
            opened = snapshot
            connection.send(("opened", snapshot))
        assert store is not None
        try:
            answer = answer_query(store, job)
        except Exception as error:  # noqa: BLE001 - reported to the client, the worker lives on
            answer = QueryAnswer(500, "text/plain", f"internal error: {type(error).__name__}: {error}".encode())
        connection.send(("answer", answer))


# ------------------------------------------------------------------------- in the server
@dataclass
class _Worker:
    process: Any
    connection: multiprocessing.connection.Connection
    snapshot: str | None = None


@dataclass
class PoolStats:
    answered: int = 0
    timed_out: int = 0
    restarted: int = 0
    started_at: float = field(default_factory=time.time)


class QueryTimeout(Exception):
    """A query ran past the time limit; its worker was stopped."""


class WorkerPool:
    """A fixed number of query worker processes reading the latest snapshot."""

    def __init__(self, store: QusStore, size: int, timeout: float) -> None:
        if store.path is None:
            raise ValueError("the endpoint needs an on-disk store")
        self.store = store
        self.size = size
        self.timeout = timeout
        self.stats = PoolStats()
        self._snapshots_dir = Path(tempfile.mkdtemp(prefix=f"{SNAPSHOTS_PREFIX}{os.getpid()}-", dir=store.path.parent))
        self._generation = 0
        self._snapshot_lock = threading.Lock()
        self.snapshot = self._take_snapshot()
        self._workers: list[_Worker] = [self._start_worker() for _ in range(size)]
        self._idle_queue: asyncio.Queue[_Worker] | None = None

    # -- snapshots
    def _take_snapshot(self) -> str:
        self._generation += 1
        target = self._snapshots_dir / f"snapshot-{self._generation}"
        self.store.store.flush()
        self.store.store.backup(str(target))
        return str(target)

    def refresh(self) -> None:
        """Take a new snapshot after a write; old ones go once no worker reads them."""
        with self._snapshot_lock:
            self.snapshot = self._take_snapshot()
            self._prune()

    def _prune(self) -> None:
        in_use = {w.snapshot for w in self._workers} | {self.snapshot}
        for directory in self._snapshots_dir.iterdir():
            if str(directory) not in in_use:
                shutil.rmtree(directory, ignore_errors=True)

    # -- workers
    def _start_worker(self) -> _Worker:
        parent, child = SPAWN.Pipe()
        process = SPAWN.Process(target=_worker_main, args=(child,), daemon=True, name="qusgraph-query-worker")
        process.start()
        child.close()
        return _Worker(process, parent)

    def _replace(self, worker: _Worker) -> _Worker:
        worker.process.kill()
        worker.process.join(timeout=5)
        worker.connection.close()
        fresh = self._start_worker()
        self._workers[self._workers.index(worker)] = fresh
        self.stats.restarted += 1
        return fresh

    async def run(self, job: QueryJob) -> QueryAnswer:
        """Answer `job` in an idle worker. The event loop itself waits on the worker's pipe (no
        thread in between: a small query's answer comes back in a fraction of a millisecond,
        and a hop through a thread pool would cost more than the query)."""
        loop = asyncio.get_running_loop()
        idle = self._idle_workers()
        worker = await idle.get()
        try:
            worker.connection.send((self.snapshot, job))
            deadline = loop.time() + self.timeout
            while True:
                if not await self._readable(worker, deadline - loop.time()):
                    self.stats.timed_out += 1
                    worker = await loop.run_in_executor(None, self._replace, worker)
                    raise QueryTimeout(f"the query ran past the {self.timeout:g} s time limit and was stopped")
                kind, payload = worker.connection.recv()
                if kind == "opened":
                    worker.snapshot = payload
                    continue
                self.stats.answered += 1
                assert isinstance(payload, QueryAnswer)
                return payload
        except (EOFError, OSError):
            worker = await loop.run_in_executor(None, self._replace, worker)
            return QueryAnswer(500, "text/plain", b"internal error: the query worker stopped")
        finally:
            idle.put_nowait(worker)

    def _idle_workers(self) -> asyncio.Queue[_Worker]:
        """The idle workers, as a queue of the running loop (made at the first query)."""
        if self._idle_queue is None:
            self._idle_queue = asyncio.Queue()
            for worker in self._workers:
                self._idle_queue.put_nowait(worker)
        return self._idle_queue

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
        for worker in self._workers:
            try:
                worker.connection.send(None)
            except OSError:
                pass
        for worker in self._workers:
            worker.process.join(timeout=2)
            if worker.process.is_alive():
                worker.process.kill()
            worker.connection.close()
        shutil.rmtree(self._snapshots_dir, ignore_errors=True)


def default_pool_size() -> int:
    return max(2, 2 * (os.cpu_count() or 1))
