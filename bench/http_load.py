"""Queries per second and latency of `qusgraph serve` on loopback, with 1 and 8 clients, next
to the same query run in-process on the same store."""

from __future__ import annotations

import http.client
import io
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.timing import Latency, repeat
from qusgraph.serialize.results import write_results
from qusgraph.store.embedded import QusStore

SMALL_SELECT = "SELECT ?date WHERE { <https://w3id.org/qusgraph/id/dialogue/QA-US/round/5> qus:date ?date }"
JSON_RESULTS = "application/sparql-results+json"
START_TIMEOUT_S = 60.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serving(store: Path, log: Path) -> Iterator[int]:
    """A `qusgraph serve` process on a free loopback port, stopped on exit."""
    port = free_port()
    env = {name: value for name, value in os.environ.items() if "proxy" not in name.lower()}
    with log.open("wb") as log_file:
        process = subprocess.Popen([sys.executable, "-m", "qusgraph.cli", "serve", "--store", str(store),
                                    "--host", "127.0.0.1", "--port", str(port)],
                                   stdout=log_file, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"qusgraph serve stopped at start; see {log}")
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            try:
                connection.request("GET", "/sparql?query=" + urllib.parse.quote("ASK {}"),
                                   headers={"Accept": JSON_RESULTS})
                if connection.getresponse().status == 200:
                    break
            except OSError:
                pass
            finally:
                connection.close()
            if time.monotonic() > deadline:
                raise RuntimeError(f"qusgraph serve did not answer within {START_TIMEOUT_S:.0f} s; see {log}")
            time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Client:
    """One keep-alive connection sending the same GET again and again."""

    def __init__(self, port: int, query: str) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.path = "/sparql?query=" + urllib.parse.quote(query)

    def ask(self) -> bytes:
        self.connection.request("GET", self.path, headers={"Accept": JSON_RESULTS})
        response = self.connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status}: {body[:200]!r}")
        return body

    def close(self) -> None:
        self.connection.close()


def in_process(store: Path, query: str, runs: int) -> Latency:
    """The query as `qusgraph query --format json` runs it: open store, query, serialise."""
    with QusStore(store, read_only=True) as opened:
        def answer() -> None:
            write_results(opened.query(query), "json", io.BytesIO())

        return repeat({"query": answer}, runs)["query"]


def concurrent(port: int, query: str, clients: int, requests_each: int) -> tuple[float, Latency]:
    """Queries per second and latency with `clients` connections asking at once."""
    samples: list[list[float]] = [[] for _ in range(clients)]
    failures: list[BaseException] = []

    def work(number: int) -> None:
        client = Client(port, query)
        try:
            for _ in range(requests_each):
                begin = time.perf_counter()
                client.ask()
                samples[number].append(time.perf_counter() - begin)
        except BaseException as error:  # noqa: BLE001 — reported after the threads join
            failures.append(error)
        finally:
            client.close()

    threads = [threading.Thread(target=work, args=(number,)) for number in range(clients)]
    begin = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - begin
    if failures:
        raise RuntimeError(f"HTTP client failed: {failures[0]}")
    every = [value for values in samples for value in values]
    return len(every) / elapsed, Latency.of(every)


def measure_http(store: Path, work: Path, requests: int = 2000, query: str = SMALL_SELECT) -> dict[str, Any]:
    inprocess = in_process(store, query, requests)
    with serving(store, work / "serve.log") as port:
        warm = Client(port, query)
        for _ in range(50):
            warm.ask()
        warm.close()
        qps_1, latency_1 = concurrent(port, query, 1, requests)
        qps_8, latency_8 = concurrent(port, query, 8, max(1, requests // 8))
    return {
        "query": query,
        "inprocess_median_ms": inprocess.median_ms,
        "http_median_ms": latency_1.median_ms,
        "http_p95_ms": latency_1.p95_ms,
        "overhead_ms": round(latency_1.median_ms - inprocess.median_ms, 3),
        "qps_1_client": round(qps_1),
        "qps_8_clients": round(qps_8),
        "http_8_clients_median_ms": latency_8.median_ms,
    }
