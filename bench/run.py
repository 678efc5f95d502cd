"""`make bench`: ingest, query, export and serve at growing corpus sizes, each next to the baseline
a user would otherwise pick, measured in the same run on the same data.

For each size N the run
1. generates N synthetic articles (`bench.generate`, deterministic) unless the corpus is there;
2. ingests them with the `qusgraph ingest` command line into a fresh store, sampling the peak
   memory of the whole process tree; then measures the store's own limits on the same quads:
   pyoxigraph `bulk_load` of the store's N-Quads dump, and per-article `Store.extend` of each
   article graph without extraction or validation; and pySHACL (what `qusgraph validate FILE`
   runs) against the `shacl` engine of ingest on a sample of article graphs;
3. times each question the README names (its `### … — data/queries/NAME.rq` headings) through
   qusgraph, through raw pyoxigraph on the same store, and through rdflib
   (`bench.rdflib_baseline`, up to 10k); and, interleaved with each, a scan of the merged graph
   (COUNT of its triples), so that a question's cost reads as a ratio to one pass over the merged
   data whatever the machine's speed that hour;
4. times `qusgraph export` in Turtle, N-Quads and JSON-LD against pyoxigraph serialising the
   same data, and against rdflib's serialisers;
and, once, on the largest store, the HTTP endpoint with 1 and 8 clients (`bench.http_load`).

The table goes to standard output; the figures to `bench/results.json` (merged by size with
an earlier run's, so that `make bench-large` adds the 100k column). No timing is asserted
anywhere: a benchmark reports, and the targets of issue 5 are marked met or missed.

Usage::

    python -m bench.run --sizes 1000 10000
    python -m bench.run --sizes 100000 --no-rdflib
    python -m bench.run --report        # the table of bench/results.json, measuring nothing
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from bench.generate import generate
from bench.http_load import measure_http
from bench.timing import PeakMemory, directory_mb, repeat, timed
from qusgraph.pipeline import default_workers
from qusgraph.rdf.graph import ArticleGraph
from qusgraph.rdf.namespaces import PREFIXES
from qusgraph.serialize.export import RDF_FORMATS, export_store
from qusgraph.serialize.results import write_results
from qusgraph.store.embedded import QusStore
from qusgraph.validation.shapes import validate_article

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "data" / "queries"
README = ROOT / "README.md"
_README_QUESTION = re.compile(r"^### .*? — `data/queries/(?P<name>[\w.-]+)\.rq`$", re.M)
# One pass over the merged default graph: what every README question is measured against.
MERGED_SCAN = "SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o }"
EXPORT_FORMATS = ("turtle", "nquads", "jsonld")
# The questions about one thing, which must stay fast however large the corpus grows.
SELECTIVE_QUERIES = ("round5-chairs", "official-rounds", "agreement")
_SUMMARY = re.compile(r"(\d+) article\(s\) ingested \((\d+) replaced, (\d+) quads\), (\d+) rejected")


@dataclass(frozen=True)
class Settings:
    sizes: tuple[int, ...]
    work: Path
    out: Path
    seed: int = 0
    query_runs: int = 20
    query_budget_s: float = 5.0
    rdflib_max_size: int = 10_000
    rdflib_query_timeout_s: float = 10.0
    rdflib_export_graphs: int = 500
    shacl_sample: int = 30
    http_requests: int = 2000
    http: bool = True
    rdflib: bool = True


# ------------------------------------------------------------------------------------ steps
def corpus(size: int, settings: Settings) -> Path:
    path = settings.work / f"corpus-{settings.seed}-{size}.jsonl"
    if not path.exists():
        partial = path.with_suffix(".partial")
        with partial.open("w", encoding="utf-8") as output:
            for record in generate(size, settings.seed):
                output.write(json.dumps(record, ensure_ascii=False) + "\n")
        partial.rename(path)
    return path


def ingest(articles: Path, store: Path, log: Path, fresh: bool = True) -> dict[str, Any]:
    """`qusgraph ingest` in its own process, as a user runs it (into a fresh store, or with
    `fresh=False` into the store as it is)."""
    if fresh:
        shutil.rmtree(store, ignore_errors=True)
    begin = time.perf_counter()
    with log.open("wb") as log_file:
        process = subprocess.Popen([sys.executable, "-m", "qusgraph.cli", "ingest", "--quiet", "--store", str(store),
                                    str(articles)], stdout=log_file, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL)
        with PeakMemory(process.pid) as memory:
            status = process.wait()
    elapsed = time.perf_counter() - begin
    output = log.read_text(encoding="utf-8")
    summary = _SUMMARY.search(output)
    if status not in (0, 1) or summary is None:
        raise RuntimeError(f"qusgraph ingest failed ({status}); see {log}")
    ingested, _, quads, rejected = (int(group) for group in summary.groups())
    return {"ingest_s": round(elapsed, 2), "articles": ingested, "rejected": rejected, "quads": quads,
            "quads_per_article": round(quads / max(1, ingested), 1),
            "ingest_articles_per_s": round(ingested / elapsed, 1), "ingest_quads_per_s": round(quads / elapsed),
            "peak_rss_mb": memory.total_mb, "peak_rss_largest_process_mb": memory.single_mb}


def dump_nquads(store: Path, target: Path) -> int:
    ox.Store.read_only(str(store)).dump(str(target), ox.RdfFormat.N_QUADS)
    with target.open("rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 24), b""))


def bulk_load_baseline(nquads: Path, target: Path, articles: int, quads: int) -> dict[str, Any]:
    shutil.rmtree(target, ignore_errors=True)
    store = ox.Store(str(target))
    elapsed = timed(lambda: store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS))
    store.flush()
    return {"bulk_s": round(elapsed, 2), "bulk_articles_per_s": round(articles / elapsed, 1),
            "bulk_quads_per_s": round(quads / elapsed), "bulk_store_mb": directory_mb(target)}


def article_graphs(nquads: Path) -> Iterable[list[ox.Quad]]:
    """The dump's article graphs one at a time (the dump is ordered by graph)."""
    current: list[ox.Quad] = []
    name: object = None
    for quad in ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS):
        if quad.graph_name != name:
            if current and _is_article(name):
                yield current
            current, name = [], quad.graph_name
        current.append(quad)
    if current and _is_article(name):
        yield current


def _is_article(name: object) -> bool:
    return isinstance(name, ox.NamedNode) and "/id/article/" in name.value


def extend_baseline(nquads: Path, target: Path) -> dict[str, Any]:
    """Per-article `Store.extend`, one transaction per article graph; parsing not counted."""
    shutil.rmtree(target, ignore_errors=True)
    store = ox.Store(str(target))
    spent, articles = 0.0, 0
    for quads in article_graphs(nquads):
        begin = time.perf_counter()
        store.extend(quads)
        spent += time.perf_counter() - begin
        articles += 1
    store.flush()
    return {"extend_articles_per_s": round(articles / spent, 1), "extend_store_mb": directory_mb(target)}


def shacl_baselines(nquads: Path, sample: int) -> dict[str, Any]:
    """pySHACL on one article graph at a time (what `qusgraph validate FILE` runs), and the
    `shacl` engine the pipeline runs, on the same graphs. (The figure keeps its old name,
    fast_shacl_articles_per_s, so that results.json stays comparable across runs.)"""
    graphs = []
    for quads in article_graphs(nquads):
        graphs.append(ArticleGraph.from_quads(quads[0].graph_name, quads, []))  # type: ignore[arg-type]
        if len(graphs) == sample:
            break
    validate_article(graphs[0])  # compile the shapes and index the topic scheme once
    reports: dict[str, list[bool]] = {}
    times: dict[str, float] = {}
    for name, reference in (("fast", False), ("pyshacl", True)):
        begin = time.perf_counter()
        reports[name] = [validate_article(graph, reference=reference).conforms for graph in graphs]
        times[name] = time.perf_counter() - begin
    if reports["fast"] != reports["pyshacl"]:
        raise RuntimeError("the shacl engine and pySHACL disagree on the benchmark's graphs")
    return {"pyshacl_articles_per_s": round(len(graphs) / times["pyshacl"], 1),
            "fast_shacl_articles_per_s": round(len(graphs) / times["fast"], 1),
            "shacl_sample": len(graphs), "shacl_sample_conforms": sum(reports["fast"])}


def readme_questions(readme: Path = README) -> dict[str, Path]:
    """The example questions the README names, in its order: name → query file. Read from the
    README itself, so that a question added there is timed without a change here."""
    text = readme.read_text(encoding="utf-8")
    return {match["name"]: QUERIES / f"{match['name']}.rq" for match in _README_QUESTION.finditer(text)}


def query_latencies(store: Path, settings: Settings) -> dict[str, Any]:
    """Each README question as `qusgraph query --format json` runs it, and through pyoxigraph
    directly (the same text with the prefixes declared), results serialised as SPARQL JSON; each
    interleaved with a scan of the merged graph (`MERGED_SCAN`), its ratio to which is the
    figure a slower or faster hour does not move."""
    declarations = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())
    raw = ox.Store.read_only(str(store))
    figures: dict[str, dict[str, float]] = {key: {} for key in
                                            ("query_median_ms", "query_p95_ms", "raw_query_median_ms",
                                             "raw_query_p95_ms", "scan_median_ms", "query_vs_scan")}
    rows: dict[str, int] = {}

    def merged_scan() -> None:
        for _ in raw.query(MERGED_SCAN):  # type: ignore[union-attr]
            pass

    with QusStore(store, read_only=True) as qusgraph_store:
        for name, path in readme_questions().items():
            text = path.read_text(encoding="utf-8")

            def through_qusgraph(text: str = text) -> None:
                write_results(qusgraph_store.query(text), "json", io.BytesIO())

            def through_pyoxigraph(text: str = text) -> None:
                results = raw.query(declarations + text)
                assert not isinstance(results, ox.QueryTriples)
                results.serialize(io.BytesIO(), ox.QueryResultsFormat.JSON)

            timings = repeat({"qusgraph": through_qusgraph, "raw": through_pyoxigraph, "scan": merged_scan},
                             settings.query_runs, budget_s=settings.query_budget_s)
            figures["query_median_ms"][name] = timings["qusgraph"].median_ms
            figures["query_p95_ms"][name] = timings["qusgraph"].p95_ms
            figures["raw_query_median_ms"][name] = timings["raw"].median_ms
            figures["raw_query_p95_ms"][name] = timings["raw"].p95_ms
            figures["scan_median_ms"][name] = timings["scan"].median_ms
            figures["query_vs_scan"][name] = round(timings["qusgraph"].median_ms / max(timings["scan"].median_ms,
                                                                                       0.001), 3)
            rows[name] = len(list(qusgraph_store.query(text)))  # type: ignore[arg-type]
    return {**figures, "query_rows": rows}


def export_rates(store: Path, work: Path) -> dict[str, Any]:
    """Triples per second of `qusgraph export` and of pyoxigraph's serialisers on the same store."""
    raw = ox.Store.read_only(str(store))
    total = sum(1 for _ in raw)
    default = sum(1 for _ in raw.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    triples = {"turtle": default, "nquads": total, "jsonld": total}
    ours: dict[str, int] = {}
    direct: dict[str, int] = {}
    target = work / "export.out"
    with QusStore(store, read_only=True) as opened:
        for fmt in EXPORT_FORMATS:
            spec = RDF_FORMATS[fmt]

            def qusgraph_export(spec: Any = spec) -> None:
                with target.open("wb") as output:
                    export_store(opened, spec, output, None, default_workers())

            def pyoxigraph_export(spec: Any = spec) -> None:
                options: dict[str, Any] = {}
                if not spec.datasets:
                    options["from_graph"] = ox.DefaultGraph()
                if spec.name == "turtle":
                    options["prefixes"] = PREFIXES
                raw.dump(str(target), spec.oxigraph, **options)

            ours[fmt] = round(triples[fmt] / timed(qusgraph_export))
            direct[fmt] = round(triples[fmt] / timed(pyoxigraph_export))
            target.unlink()
    return {"export_triples": triples, "export_triples_per_s": ours, "raw_export_triples_per_s": direct}


def rdflib_figures(nquads: Path, work: Path, settings: Settings) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.rdflib_baseline", "--nquads", str(nquads), "--queries", str(QUERIES),
               "--work", str(work), "--timeout", str(settings.rdflib_query_timeout_s),
               "--export-graphs", str(settings.rdflib_export_graphs)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    if result.returncode != 0:
        raise RuntimeError(f"rdflib baseline failed: {result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    queries = report["queries"]
    return {
        "rdflib_load_s": report["load_s"],
        "rdflib_peak_rss_mb": report["peak_rss_mb"],
        "rdflib_query_median_ms": {name: q.get("median_ms") for name, q in queries.items()},
        "rdflib_query_p95_ms": {name: q.get("p95_ms") for name, q in queries.items()},
        "rdflib_query_notes": {name: ("timed out" if q.get("timed_out") else q["error"])
                               for name, q in queries.items() if q.get("timed_out") or q.get("error")},
        "rdflib_export_triples_per_s": report["export_triples_per_s"],
    }


def measure_size(size: int, settings: Settings, log: Callable[[str], None]) -> dict[str, Any]:
    work = settings.work
    articles = corpus(size, settings)
    store, nquads = work / f"store-{size}", work / f"dump-{size}.nq"
    log(f"[{size}] ingest")
    figures = ingest(articles, store, work / f"ingest-{size}.log")
    figures["store_mb"] = directory_mb(store)
    log(f"[{size}] baselines: bulk_load, extend, pySHACL")
    dumped = dump_nquads(store, nquads)
    figures.update(bulk_load_baseline(nquads, work / f"bulk-{size}", figures["articles"], dumped))
    figures["store_vs_bulk"] = round(figures["store_mb"] / figures["bulk_store_mb"], 2)
    log(f"[{size}] re-ingest the whole corpus (the README's repair step)")
    again = ingest(articles, store, work / f"reingest-{size}.log", fresh=False)
    figures["reingest_s"] = again["ingest_s"]
    figures["reingest_store_mb"] = directory_mb(store)
    figures["reingest_vs_bulk"] = round(figures["reingest_store_mb"] / figures["bulk_store_mb"], 2)
    shutil.rmtree(work / f"bulk-{size}", ignore_errors=True)  # at 100k, disk space runs short otherwise
    figures.update(extend_baseline(nquads, work / f"extend-{size}"))
    shutil.rmtree(work / f"extend-{size}", ignore_errors=True)
    figures.update(shacl_baselines(nquads, settings.shacl_sample))
    log(f"[{size}] queries")
    figures.update(query_latencies(store, settings))
    log(f"[{size}] exports")
    figures.update(export_rates(store, work))
    if settings.rdflib and size <= settings.rdflib_max_size:
        log(f"[{size}] rdflib")
        figures.update(rdflib_figures(nquads, work, settings))
    else:
        figures.update(rdflib_query_median_ms=None, rdflib_export_triples_per_s=None,
                       rdflib_skipped=f"rdflib is not run above {settings.rdflib_max_size} articles: loading "
                                      f"{dumped} quads into its in-memory store would take tens of GB")
    nquads.unlink()
    return figures


# ------------------------------------------------------------------------------------ verdicts
@dataclass(frozen=True)
class Verdict:
    target: str
    value: str
    met: bool | None  # None: not measured in the results at hand


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def verdicts(results: dict[str, Any]) -> list[Verdict]:
    """Issue 5's targets (and issue 10's re-ingest one), against whatever sizes the results hold."""
    sizes: dict[str, dict[str, Any]] = results.get("sizes", {})
    found: list[Verdict] = []

    def check(target: str, value: float | None, met: Callable[[float], bool], shown: str) -> None:
        found.append(Verdict(target, "not measured" if value is None else shown.format(value), None if value is None
                             else met(value)))

    for size in ("10000", "100000"):
        figures = sizes.get(size, {})
        check(f"ingest ≥ 250 articles/s at {int(size):,}", figures.get("ingest_articles_per_s"),
              lambda v: v >= 250, "{:.0f} articles/s")
    for size, figures in sorted(sizes.items(), key=lambda item: int(item[0])):
        ratios = [_ratio(figures["query_median_ms"][q], figures["raw_query_median_ms"][q])
                  for q in figures["query_median_ms"]]
        worst = max((r for r in ratios if r is not None), default=None)
        check(f"questions within 1.2× of raw pyoxigraph at {int(size):,} (worst)", worst, lambda v: v <= 1.2,
              "{:.2f}×")
        check(f"store ≤ 1.5× bulk-loaded at {int(size):,}", figures.get("store_vs_bulk"), lambda v: v <= 1.5,
              "{:.2f}×")
        if int(size) >= 10_000:
            # Issue 15: on a big store a README question should cost no more than two passes over
            # the merged graph, or it will not stay fast as the corpus grows. (At 1,000 articles
            # a scan takes ~20 ms, no more than a question's fixed costs: the ratio says nothing.)
            scans = figures.get("query_vs_scan") or {}
            slowest = max(scans, key=scans.__getitem__, default=None)
            check(f"every README question ≤ 2× a scan of the merged graph at {int(size):,} (slowest)",
                  scans.get(slowest) if slowest else None, lambda v: v <= 2.0, f"{{:.2f}}× ({slowest})")
        check(f"store ≤ 1.2× bulk-loaded after re-ingesting the corpus at {int(size):,} (issue 10)",
              figures.get("reingest_vs_bulk"), lambda v: v <= 1.2, "{:.2f}×")
        for fmt in EXPORT_FORMATS:
            check(f"{fmt} export within 1.2× of pyoxigraph at {int(size):,}",
                  _ratio(figures["raw_export_triples_per_s"][fmt], figures["export_triples_per_s"][fmt]),
                  lambda v: v <= 1.2, "{:.2f}× the time")
            rdflib = figures.get("rdflib_export_triples_per_s") or {}
            check(f"{fmt} export ≥ 3× rdflib at {int(size):,}",
                  _ratio(figures["export_triples_per_s"][fmt], rdflib.get(fmt)), lambda v: v >= 3, "{:.1f}×")
    ten_k = sizes.get("10000", {})
    if ten_k.get("rdflib_query_median_ms"):
        speedups = [_ratio(ten_k["rdflib_query_median_ms"][q], ten_k["query_median_ms"][q])
                    for q in ten_k["query_median_ms"] if ten_k["rdflib_query_median_ms"].get(q) is not None]
        known = [s for s in speedups if s is not None]
        check("questions ≥ 10× faster than rdflib at 10,000 (median)", statistics.median(known) if known else None,
              lambda v: v >= 10, "{:.0f}×")
    else:
        check("questions ≥ 10× faster than rdflib at 10,000 (median)", None, lambda v: True, "")
    slowest_ms = max(ten_k.get("query_median_ms", {}).items(), key=lambda item: item[1], default=None)
    check("every README question ≤ 1 s median at 10,000 (slowest)", slowest_ms[1] if slowest_ms else None,
          lambda v: v <= 1000, f"{{:,.0f}} ms ({slowest_ms[0] if slowest_ms else ''})")
    hundred_k = sizes.get("100000", {})
    for name in SELECTIVE_QUERIES:
        check(f"{name} ≤ 20 ms median at 100,000", hundred_k.get("query_median_ms", {}).get(name),
              lambda v: v <= 20, "{:.1f} ms")
    check("peak RSS at 100,000 ≤ 1.3× that at 10,000",
          _ratio(hundred_k.get("peak_rss_mb"), ten_k.get("peak_rss_mb")), lambda v: v <= 1.3, "{:.2f}×")
    http = results.get("http") or {}
    check("HTTP overhead ≤ 1 ms per small query", http.get("overhead_ms"), lambda v: v <= 1.0, "{:.2f} ms")
    check("≥ 500 queries/s with 8 clients", http.get("qps_8_clients"), lambda v: v >= 500, "{:.0f} q/s")
    return found


# ------------------------------------------------------------------------------------ report
def _number(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value < 100:
        return f"{value:,.2f}" if value < 10 else f"{value:,.1f}"
    return f"{value:,.0f}"


def _query_cell(figures: dict[str, Any], name: str) -> str:
    rdflib = (figures.get("rdflib_query_median_ms") or {}).get(name)
    cell = " / ".join(_number(value) for value in (figures["query_median_ms"][name],
                                                   figures["raw_query_median_ms"][name], rdflib))
    note = (figures.get("rdflib_query_notes") or {}).get(name)
    return cell + (f" (rdflib {note.split(':')[0]})" if note else "")


def _query_p95_cell(figures: dict[str, Any], name: str) -> str:
    return f"{_number(figures['query_p95_ms'][name])} / {_number(figures['raw_query_p95_ms'][name])}"


def _scan_cell(figures: dict[str, Any], name: str) -> str:
    return f"{figures['query_vs_scan'][name]:.2f}× ({_number(figures['scan_median_ms'][name])})"


def _export_cell(figures: dict[str, Any], fmt: str) -> str:
    rdflib = (figures.get("rdflib_export_triples_per_s") or {}).get(fmt)
    return " / ".join(_number(value) for value in (figures["export_triples_per_s"][fmt],
                                                   figures["raw_export_triples_per_s"][fmt], rdflib))


def table(results: dict[str, Any]) -> str:
    """The results as a Markdown table (one column per size), then the targets."""
    sizes = sorted(results["sizes"], key=int)
    columns = [results["sizes"][size] for size in sizes]
    lines = ["| | " + " | ".join(f"{int(size):,} articles" for size in sizes) + " |",
             "|---|" + "---:|" * len(sizes)]

    def row(label: str, pick: Callable[[dict[str, Any]], Any]) -> None:
        values = []
        for figures in columns:
            try:
                values.append(_number(pick(figures)))
            except (KeyError, TypeError):
                values.append("–")
        lines.append(f"| {label} | " + " | ".join(values) + " |")

    row("**ingest** end to end, articles/s", lambda f: f["ingest_articles_per_s"])
    row("  quads/s (quads per article)", lambda f: f"{f['ingest_quads_per_s']:,} ({f['quads_per_article']:.0f})")
    row("  pyoxigraph bulk_load of the same quads, articles/s", lambda f: f["bulk_articles_per_s"])
    row("  pyoxigraph per-article extend, articles/s", lambda f: f["extend_articles_per_s"])
    row("  pySHACL one article at a time, articles/s", lambda f: f["pyshacl_articles_per_s"])
    row("  qusgraph's validation, articles/s", lambda f: f["fast_shacl_articles_per_s"])
    row("peak RSS of the ingest (all processes), MB", lambda f: f["peak_rss_mb"])
    row("store on disk, MB", lambda f: f["store_mb"])
    row("  bulk-loaded, MB (ratio)", lambda f: f"{f['bulk_store_mb']:,.0f} ({f['store_vs_bulk']:.2f}×)")
    row("  after re-ingesting the corpus, MB (ratio to bulk-loaded; s)",
        lambda f: f"{f['reingest_store_mb']:,.0f} ({f['reingest_vs_bulk']:.2f}×; {f['reingest_s']:,.0f} s)")
    row("  per-article extend, MB", lambda f: f["extend_store_mb"])
    names = sorted({name for figures in columns for name in figures.get("query_median_ms", {})})
    for name in names:
        row(f"**{name}** median ms: qusgraph / pyoxigraph / rdflib", partial(_query_cell, name=name))
        row("  p95 ms: qusgraph / pyoxigraph", partial(_query_p95_cell, name=name))
        row("  × a scan of the merged graph (its median ms)", partial(_scan_cell, name=name))
    for fmt in EXPORT_FORMATS:
        row(f"**export {fmt}** triples/s: qusgraph / pyoxigraph / rdflib", partial(_export_cell, fmt=fmt))
    http = results.get("http")
    if http:
        lines += ["", f"HTTP (`qusgraph serve` on loopback, {http.get('store_articles', 0):,} articles, "
                      f"`{http['query']}`): in-process {http['inprocess_median_ms']:.3f} ms, over HTTP "
                      f"{http['http_median_ms']:.3f} ms median (overhead {http['overhead_ms']:.3f} ms); "
                      f"{http['qps_1_client']:,} queries/s with 1 client, {http['qps_8_clients']:,} with 8."]
    lines += ["", "| target | measured | |", "|---|---|---|"]
    for verdict in verdicts(results):
        mark = {True: "met", False: "**missed**", None: "–"}[verdict.met]
        lines.append(f"| {verdict.target} | {verdict.value} | {mark} |")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------ main
def machine() -> dict[str, Any]:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT,
                            check=False).stdout.strip()
    return {"date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"), "commit": commit or None,
            "cpus": os.cpu_count(), "python": platform.python_version(), "pyoxigraph": ox.__version__,
            "workers": default_workers()}


def run(settings: Settings, log: Callable[[str], None] = lambda message: print(message, file=sys.stderr)
        ) -> dict[str, Any]:
    settings.work.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"sizes": {}, "http": None, "runs": {}}
    if settings.out.exists():
        results.update(json.loads(settings.out.read_text(encoding="utf-8")))
    for size in settings.sizes:
        begin = time.perf_counter()
        results["sizes"][str(size)] = measure_size(size, settings, log)
        results["runs"][str(size)] = {**machine(), "bench_s": round(time.perf_counter() - begin)}
    if settings.http:
        largest = max(settings.sizes)
        log(f"[{largest}] HTTP")
        results["http"] = {**measure_http(settings.work / f"store-{largest}", settings.work,
                                          settings.http_requests), "store_articles": largest}
    results["targets"] = [verdict.__dict__ for verdict in verdicts(results)]
    settings.out.parent.mkdir(parents=True, exist_ok=True)
    settings.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "work",
                        help="corpora, stores and logs (default: bench/work)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--query-runs", type=int, default=20)
    parser.add_argument("--http-requests", type=int, default=2000)
    parser.add_argument("--no-rdflib", dest="rdflib", action="store_false", help="skip the rdflib baseline")
    parser.add_argument("--no-http", dest="http", action="store_false", help="skip the HTTP measurements")
    parser.add_argument("--report", action="store_true", help="only print the table of the results file")
    options = parser.parse_args(argv)
    if options.report:
        print(table(json.loads(options.out.read_text(encoding="utf-8"))))
        return 0
    settings = Settings(sizes=tuple(options.sizes), work=options.work, out=options.out, seed=options.seed,
                        query_runs=options.query_runs, http_requests=options.http_requests,
                        rdflib=options.rdflib, http=options.http)
    started = time.perf_counter()

    def log(message: str) -> None:
        minutes, seconds = divmod(int(time.perf_counter() - started), 60)
        print(f"{minutes:3d}:{seconds:02d} {message}", file=sys.stderr, flush=True)

    results = run(settings, log)
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
