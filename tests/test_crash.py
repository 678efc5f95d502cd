"""Issue 10: `qusgraph ingest` killed (kill -9) at several moments of a run. After each kill:
no article is partly in the store (each article graph is one run's version of it, whole, and
the merged graph agrees with the article graphs), the next open of the store removes what
the killed run left behind, and running again converges to the quads of a clean run."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from bench.generate import generate

from qusgraph.pipeline import ingest_items
from qusgraph.rdf.graph import as_quad
from qusgraph.store.embedded import TOPIC_GRAPH, QusStore
from qusgraph.text.articles import read_jsonl
from qusgraph.text.lexicon import Lexicon
from qusgraph.validation.shapes import validate_store

ARTICLES = 220  # over the batched path's threshold: staging file, bulk load, batched replacements
Moment = Callable[[Path, float], bool]  # (the store, seconds since the start) → kill now?


def write_corpus(path: Path, changed: bool) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for record in generate(ARTICLES, 1):
            if changed:  # every article changes: the second run replaces them all
                record = {**record, "title": (record.get("title") or "") + " (محدث)"}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def graphs(store: QusStore) -> dict[str, frozenset[ox.Quad]]:
    """Each graph's quads, the graph name left out (so versions compare across stores)."""
    found: dict[str, set[ox.Quad]] = {}
    for quad in store.quads():
        key = "" if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
        found.setdefault(key, set()).add(as_quad(quad))
    return {key: frozenset(quads) for key, quads in found.items()}


def clean_run(tmp_path: Path, corpus: Path, name: str, lexicon: Lexicon) -> dict[str, frozenset[ox.Quad]]:
    with QusStore(tmp_path / name) as store:
        items = read_jsonl(corpus, lexicon)
        assert all(o.accepted for o in ingest_items(items, store, lexicon, workers=1))
        return graphs(store)


def leftovers(store: Path) -> list[str]:
    beside = [p.name for p in store.parent.iterdir() if p.name.startswith(".qusgraph-")]
    return beside + [p.name for p in store.glob("bulk-*.sst")]


def ingest_until(corpus: Path, store: Path, moment: Moment) -> bool:
    """Run `qusgraph ingest` and kill -9 it at `moment`; False if it ended first."""
    process = subprocess.Popen([sys.executable, "-m", "qusgraph.cli", "ingest", str(corpus), "--store", str(store),
                                "-q"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    start = time.monotonic()
    try:
        while process.poll() is None:
            if moment(store, time.monotonic() - start):
                process.send_signal(signal.SIGKILL)
                process.wait()
                return True
            time.sleep(0.002)
        return False
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()


def after(seconds: float) -> Moment:
    return lambda store, elapsed: elapsed >= seconds


def staging_written(store: Path, elapsed: float) -> bool:
    return any(p.stat().st_size > 0 for p in store.parent.glob(".qusgraph-staging-*"))


def bulk_loading(store: Path, elapsed: float) -> bool:
    return any(store.glob("bulk-*.sst"))


def compacting(store: Path, elapsed: float) -> bool:
    return any(store.parent.glob(".qusgraph-compact-*"))


def check_after_crash(store_path: Path, versions: list[dict[str, frozenset[ox.Quad]]]) -> None:
    if leftovers(store_path) and store_path.exists():  # the next open, by the command line, says what it removed
        opened = subprocess.run([sys.executable, "-m", "qusgraph.cli", "stats", "--store", str(store_path)],
                                capture_output=True, text=True, timeout=300)
        assert opened.returncode == 0, opened.stderr
        inside = list(store_path.glob("bulk-*.sst"))
        assert ("leftover(s) of interrupted runs" in opened.stderr) or inside, opened.stderr
    with QusStore(store_path) as store:
        assert leftovers(store_path) == []
        found = graphs(store)
        for name, quads in found.items():
            if name and name != TOPIC_GRAPH.value:
                assert any(quads == version.get(name) for version in versions), f"{name} is partly written"
        report = validate_store(store, integrity=True)
        assert report.conforms, report.lines()


def test_ingest_killed_at_any_moment_leaves_whole_articles_and_a_rerun_converges(
        tmp_path: Path, lexicon: Lexicon) -> None:
    first = write_corpus(tmp_path / "first.jsonl", changed=False)
    second = write_corpus(tmp_path / "second.jsonl", changed=True)
    clean_first = clean_run(tmp_path, first, "clean-first", lexicon)
    clean_second = clean_run(tmp_path, second, "clean-second", lexicon)
    store = tmp_path / "store"
    hit = []
    for name, moment in [("at start-up", after(0.5)), ("while staging", staging_written),
                         ("during the bulk load", bulk_loading)]:
        if ingest_until(first, store, moment):
            hit.append(name)
        check_after_crash(store, [clean_first])
    started = time.monotonic()
    assert not ingest_until(first, store, after(10**6))
    whole_run = time.monotonic() - started
    with QusStore(store) as opened:
        assert graphs(opened) == clean_first
    for name, moment in [("while replacing", after(0.6 * whole_run)),
                         ("while replacing, later", after(0.9 * whole_run)), ("while compacting", compacting)]:
        if ingest_until(second, store, moment):
            hit.append(name)
        check_after_crash(store, [clean_first, clean_second])
    assert not ingest_until(second, store, after(10**6))
    with QusStore(store) as opened:
        assert graphs(opened) == clean_second
    print("killed:", ", ".join(hit))
    assert len(hit) >= 5, hit


def test_the_server_killed_during_ingest_leaves_whole_articles_and_the_next_start_cleans_up(
        tmp_path: Path, lexicon: Lexicon) -> None:
    """The same for `qusgraph serve` killed (kill -9) while it ingests a POST /ingest."""
    import threading

    from tests.server_utils import client, running_server

    corpus = write_corpus(tmp_path / "corpus.jsonl", changed=False)
    clean = clean_run(tmp_path, corpus, "clean", lexicon)
    store = tmp_path / "store"
    with QusStore(store) as opened:
        opened.ensure_topic_scheme()
    options = ("--allow-update", "--token", "secret")
    headers = {"Content-Type": "application/x-ndjson", "Authorization": "Bearer secret"}

    def post(url: str) -> None:
        try:
            with client(timeout=600) as http:
                http.post(f"{url}/ingest", content=corpus.read_bytes(), headers=headers)
        except Exception:  # noqa: BLE001 - the server is killed under it
            pass

    with running_server(store, *options) as server:
        poster = threading.Thread(target=post, args=(server.url,), daemon=True)
        poster.start()
        deadline = time.monotonic() + 300
        while not staging_written(store, 0) and server.process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        assert staging_written(store, 0), "the server never staged the articles"
        server.process.send_signal(signal.SIGKILL)
        server.process.wait()
        poster.join(timeout=60)
    time.sleep(1)  # the server's worker processes see their parent gone and stop
    assert any(name.startswith(".qusgraph-snapshots-") for name in leftovers(store))
    with running_server(store, *options) as server:  # the next start
        log = server.log_path.read_text(encoding="utf-8")
        assert "leftover(s) of interrupted runs" in log, log
        with client(timeout=600) as http:  # running it again
            response = http.post(f"{server.url}/ingest", content=corpus.read_bytes(), headers=headers)
            assert response.status_code == 200 and response.json()["rejected"] == 0
    check_after_crash(store, [clean])
    with QusStore(store) as opened:
        assert graphs(opened) == clean
