"""The benchmark runner, on a corpus small enough for a test: every step runs for real (the
ingest command, the baselines, rdflib in its own process, a server on loopback) and the
results have the shape that runs are compared by. No timing is asserted."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from bench.run import SELECTIVE_QUERIES, Settings, readme_questions, run, table, verdicts
from bench.timing import Latency, PeakMemory

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = {path.stem for path in (ROOT / "data" / "queries").glob("*.rq")}
SIZE_KEYS = {"ingest_articles_per_s", "peak_rss_mb", "store_mb", "bulk_store_mb", "extend_articles_per_s",
             "pyshacl_articles_per_s", "query_median_ms", "rdflib_query_median_ms", "export_triples_per_s",
             "raw_export_triples_per_s", "rdflib_export_triples_per_s"}
# Every query file a heading of the README names: the questions `make bench` must time (issue 15.5).
README_NAMED = re.findall(r"^#+ .*`data/queries/([^`/]+)\.rq`", (ROOT / "README.md").read_text(encoding="utf-8"),
                          re.M)
HTTP_KEYS = {"inprocess_median_ms", "http_median_ms", "qps_1_client", "qps_8_clients"}


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("bench")
    settings = Settings(sizes=(8,), work=work, out=work / "results.json", query_runs=2, query_budget_s=1.0,
                        http_requests=16, shacl_sample=3, rdflib_export_graphs=4)
    run(settings, log=lambda message: None)
    written: dict[str, Any] = json.loads(settings.out.read_text(encoding="utf-8"))
    return written


def test_results_have_the_shape_runs_are_compared_by(results: dict[str, Any]) -> None:
    figures = results["sizes"]["8"]
    assert SIZE_KEYS <= figures.keys()
    assert HTTP_KEYS <= results["http"].keys()
    assert set(figures["query_median_ms"]) == set(figures["rdflib_query_median_ms"]) == QUESTIONS
    assert set(figures["export_triples_per_s"]) == {"turtle", "nquads", "jsonld"}


def test_the_bench_times_every_question_the_readme_names(results: dict[str, Any]) -> None:
    assert README_NAMED and list(readme_questions()) == README_NAMED
    figures = results["sizes"]["8"]
    assert set(figures["query_median_ms"]) == set(figures["query_vs_scan"]) == set(README_NAMED)
    assert all(figures["scan_median_ms"][name] > 0 for name in README_NAMED)
    text = table(results)
    assert all(f"**{name}**" in text for name in README_NAMED)
    assert "every README question ≤ 1 s median at 10,000 (slowest) | not measured" in text


def test_a_question_the_readme_adds_is_timed_without_a_change_to_the_bench(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text((ROOT / "README.md").read_text(encoding="utf-8")
                      + "\n### Which round came last? — `data/queries/last-round.rq`\n", encoding="utf-8")
    assert list(readme_questions(readme))[-1] == "last-round"


def test_every_article_is_ingested_and_counted(results: dict[str, Any]) -> None:
    figures = results["sizes"]["8"]
    assert figures["articles"] == 8 and figures["rejected"] == 0
    assert figures["quads"] > 8 * 100
    assert figures["peak_rss_mb"] >= figures["peak_rss_largest_process_mb"] > 0


def test_the_store_size_after_re_ingesting_the_corpus_is_reported(results: dict[str, Any]) -> None:
    """Issue 10.7: re-ingesting the corpus made the store 7–11× a bulk-loaded copy."""
    figures = results["sizes"]["8"]
    assert figures["reingest_vs_bulk"] == round(figures["reingest_store_mb"] / figures["bulk_store_mb"], 2)
    assert figures["reingest_s"] > 0


def test_the_baselines_run_on_the_same_data(results: dict[str, Any]) -> None:
    figures = results["sizes"]["8"]
    assert figures["shacl_sample"] == 3 and figures["shacl_sample_conforms"] == 3
    assert figures["query_rows"]["rounds"] > 0
    assert figures["export_triples"]["nquads"] >= figures["quads"]
    assert all(rate > 0 for rate in figures["raw_export_triples_per_s"].values())


def test_the_table_shows_each_question_and_each_target(results: dict[str, Any]) -> None:
    text = table(results)
    assert all(f"**{name}**" in text for name in QUESTIONS)
    assert "ingest ≥ 250 articles/s at 10,000 | not measured" in text
    assert "≥ 500 queries/s with 8 clients" in text


def test_a_second_run_adds_its_sizes_to_the_first(results: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    out.write_text(json.dumps(results), encoding="utf-8")
    settings = Settings(sizes=(4,), work=tmp_path / "work", out=out, query_runs=1, query_budget_s=0.5,
                        shacl_sample=2, http=False, rdflib=False)
    merged = run(settings, log=lambda message: None)
    assert set(merged["sizes"]) == {"4", "8"}
    assert merged["http"] == results["http"]
    assert "rdflib is not run" in merged["sizes"]["4"]["rdflib_skipped"]


def test_report_prints_the_table_of_a_results_file_without_measuring(results: dict[str, Any],
                                                                     tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    out.write_text(json.dumps(results), encoding="utf-8")
    shown = subprocess.run([sys.executable, "-m", "bench.run", "--report", "--out", str(out),
                            "--work", str(tmp_path / "unused")], capture_output=True, text=True, check=True, cwd=ROOT)
    assert shown.stdout.strip() == table(results).strip()
    assert not (tmp_path / "unused").exists()


def _figures(ingest: float, rss: float, selective_ms: float) -> dict[str, Any]:
    questions = {name: selective_ms for name in SELECTIVE_QUERIES}
    rates = {"turtle": 100, "nquads": 100, "jsonld": 100}
    return {"ingest_articles_per_s": ingest, "peak_rss_mb": rss, "store_vs_bulk": 1.1,
            "query_median_ms": questions, "raw_query_median_ms": questions,
            "rdflib_query_median_ms": {name: selective_ms * 20 for name in SELECTIVE_QUERIES},
            "export_triples_per_s": rates, "raw_export_triples_per_s": rates, "rdflib_export_triples_per_s": None}


def test_targets_are_judged_from_the_figures() -> None:
    results = {"sizes": {"10000": _figures(300, 1000, 5), "100000": _figures(200, 1400, 25)},
               "http": {"overhead_ms": 0.4, "qps_8_clients": 450}}
    judged = {verdict.target: verdict.met for verdict in verdicts(results)}
    assert judged["ingest ≥ 250 articles/s at 10,000"] is True
    assert judged["ingest ≥ 250 articles/s at 100,000"] is False
    assert judged["round5-chairs ≤ 20 ms median at 100,000"] is False
    assert judged["peak RSS at 100,000 ≤ 1.3× that at 10,000"] is False
    assert judged["questions ≥ 10× faster than rdflib at 10,000 (median)"] is True
    assert judged["HTTP overhead ≤ 1 ms per small query"] is True
    assert judged["≥ 500 queries/s with 8 clients"] is False
    assert judged["jsonld export ≥ 3× rdflib at 10,000"] is None  # rdflib not measured


def test_questions_are_judged_against_a_scan_of_the_merged_graph_on_big_stores() -> None:
    small, big = _figures(300, 1000, 5), _figures(300, 1000, 5)
    for figures, ratio in ((small, 3.0), (big, 0.5)):
        figures["query_vs_scan"] = {name: ratio for name in SELECTIVE_QUERIES}
    big["query_vs_scan"]["agreement"] = 2.5
    judged = {verdict.target: verdict for verdict in verdicts({"sizes": {"1000": small, "10000": big}})}
    assert not any("scan of the merged graph at 1,000" in target for target in judged)
    slowest = judged["every README question ≤ 2× a scan of the merged graph at 10,000 (slowest)"]
    assert slowest.met is False and slowest.value == "2.50× (agreement)"
    assert judged["every README question ≤ 1 s median at 10,000 (slowest)"].met is True


def test_latency_takes_the_median_and_the_nearest_rank_p95() -> None:
    assert Latency.of([0.004, 0.001, 0.003, 0.002]) == Latency(median_ms=2.5, p95_ms=4.0, runs=4)
    assert Latency.of([0.001] * 19 + [0.1]).p95_ms == 1.0


def test_peak_memory_counts_the_child_processes_too() -> None:
    # A parent holding little, whose child holds 150 MB for a moment.
    program = ("import subprocess, sys; subprocess.run([sys.executable, '-c', "
               "'import time; block = bytearray(150_000_000); block[::4096] = b\"x\" * len(block[::4096]); "
               "time.sleep(1)'])")
    process = subprocess.Popen([sys.executable, "-c", program])
    with PeakMemory(process.pid) as memory:
        process.wait()
    assert memory.total_mb >= 150 and memory.single_mb >= 150
