"""The baseline a user would otherwise pick: rdflib's Dataset, its SPARQL engine and serialisers.

Run in a process of its own (`python -m bench.rdflib_baseline …`, JSON on stdout) so that its
memory is returned when it ends and a query that runs for minutes can be cut off (SIGALRM).

The Dataset is filled from the N-Quads dump of the qusgraph store (the same data), converting
pyoxigraph's parsed terms, since rdflib's own N-Quads parser takes several times longer and
loading is not what is measured. Queries run against the default graph, as in qusgraph.
"""

from __future__ import annotations

import argparse
import json
import resource
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from bench.timing import Latency
from qusgraph.rdf.namespaces import PREFIXES
from qusgraph.rdf.rdflib_terms import to_rdflib
from qusgraph.serialize.export import jsonld_context

TOPICS_GRAPH = "https://w3id.org/qusgraph/id/graph/topics"


class TimedOut(Exception):
    pass


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimedOut in the main thread after `seconds` (rdflib's engine is pure Python, so the
    signal lands between two of its steps)."""
    def expire(*_: object) -> None:
        raise TimedOut

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class TermConverter:
    """pyoxigraph terms as rdflib terms; the frequent ones (classes, predicates, entities) cached."""

    CACHE_LIMIT = 500_000

    def __init__(self) -> None:
        self.cache: dict[object, Node] = {}

    def __call__(self, term: object) -> Node:
        converted = self.cache.get(term)
        if converted is None:
            converted = DATASET_DEFAULT_GRAPH_ID if isinstance(term, ox.DefaultGraph) else to_rdflib(term)
            if len(self.cache) < self.CACHE_LIMIT:
                self.cache[term] = converted
        return converted


def load(nquads: Path) -> tuple[Dataset, int]:
    dataset = Dataset()
    convert = TermConverter()
    graphs: dict[object, Graph] = {}
    batch: list[tuple[Node, Node, Node, Graph]] = []
    count = 0
    for quad in ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS):
        name = quad.graph_name
        graph = graphs.get(name)
        if graph is None:
            graph = graphs[name] = dataset.graph(convert(name))  # type: ignore[arg-type]
        batch.append((convert(quad.subject), convert(quad.predicate), convert(quad.object), graph))
        count += 1
        if len(batch) >= 50_000:
            dataset.addN(batch)
            batch.clear()
    dataset.addN(batch)
    return dataset, count


def run_queries(dataset: Dataset, queries: Path, runs: int, timeout_s: float, budget_s: float) -> dict[str, Any]:
    """Median and p95 of each query; a run beyond `timeout_s` is stopped and reported as such."""
    results: dict[str, Any] = {}
    for path in sorted(queries.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        samples: list[float] = []
        outcome: dict[str, Any] = {}
        started = time.perf_counter()
        while len(samples) < runs and (not samples or time.perf_counter() - started < budget_s):
            begin = time.perf_counter()
            try:
                with time_limit(timeout_s):
                    rows = len(list(dataset.query(text, initNs=PREFIXES)))
            except TimedOut:
                outcome = {"timed_out": True, "median_ms": timeout_s * 1000, "p95_ms": timeout_s * 1000}
                break
            except Exception as error:  # noqa: BLE001 — rdflib's own failures are a result here
                outcome = {"error": f"{type(error).__name__}: {error}"[:200]}
                break
            samples.append(time.perf_counter() - begin)
            outcome = {"rows": rows}
        if samples and not outcome.get("timed_out"):
            latency = Latency.of(samples)
            outcome.update(median_ms=latency.median_ms, p95_ms=latency.p95_ms, runs=latency.runs)
        results[path.stem] = outcome
    return results


def sample_dataset(dataset: Dataset, graphs: int) -> Dataset:
    """The first `graphs` article graphs (by name), for the serialisers that would take minutes
    over the whole dataset; rates are per triple, so comparable."""
    names = sorted(g.identifier for g in dataset.graphs()
                   if isinstance(g.identifier, URIRef) and "/article/" in g.identifier)[:graphs]
    sample = Dataset()
    for name in names:
        target = sample.graph(name)
        for triple in dataset.graph(name):
            target.add(triple)
    return sample


def run_exports(dataset: Dataset, work: Path, sample_graphs: int, timeout_s: float) -> dict[str, Any]:
    """Triples per second of rdflib's Turtle (the default graph, as `qusgraph export` writes it),
    N-Quads and JSON-LD (compacted against the shipped context) serialisers."""
    default = dataset.graph(DATASET_DEFAULT_GRAPH_ID)
    sample = sample_dataset(dataset, sample_graphs)
    sample_size = len(list(sample.quads((None, None, None, None))))
    jobs = {
        "turtle": (len(default), lambda: default.serialize(destination=str(work / "rdflib.ttl"), format="turtle")),
        "nquads": (sample_size, lambda: sample.serialize(destination=str(work / "rdflib.nq"), format="nquads")),
        "jsonld": (sample_size, lambda: sample.serialize(destination=str(work / "rdflib.jsonld"), format="json-ld",
                                                        context=jsonld_context(), auto_compact=True)),
    }
    rates: dict[str, Any] = {"sample_article_graphs": sample_graphs, "sample_quads": sample_size}
    for name, (triples, job) in jobs.items():
        begin = time.perf_counter()
        try:
            with time_limit(timeout_s):
                job()
        except TimedOut:
            rates[name] = None
            rates[f"{name}_timed_out"] = True
            continue
        rates[name] = round(triples / (time.perf_counter() - begin))
    return rates


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.rdflib_baseline")
    parser.add_argument("--nquads", type=Path, required=True)
    parser.add_argument("--queries", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds one query run may take")
    parser.add_argument("--budget", type=float, default=5.0, help="seconds of repeated runs per query")
    parser.add_argument("--export-graphs", type=int, default=500)
    parser.add_argument("--export-timeout", type=float, default=120.0)
    options = parser.parse_args(argv)
    begin = time.perf_counter()
    dataset, quads = load(options.nquads)
    report: dict[str, Any] = {"load_s": round(time.perf_counter() - begin, 2), "quads": quads}
    report["queries"] = run_queries(dataset, options.queries, options.runs, options.timeout, options.budget)
    report["export_triples_per_s"] = run_exports(dataset, options.work, options.export_graphs,
                                                 options.export_timeout)
    report["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3, 1)
    json.dump(report, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
