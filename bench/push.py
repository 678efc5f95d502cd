"""Push rates: `qusgraph push` of a generated corpus into Oxigraph's server and Virtuoso, each
started on loopback from a temporary folder, with 1 and 4 jobs, then the re-push of the same
store (nothing changed) and the push after one more article (each graph hashed again).

Usage::

    python -m bench.push --size 1000            # table on stdout, figures into bench/push-results.json
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import httpx
from tests.engines import PUSH_PASSWORD, PUSH_USER, Engine, oxigraph_server, virtuoso_server

from bench.generate import generate
from qusgraph.remote.push import push_store
from qusgraph.store.embedded import QusStore

ROOT = Path(__file__).resolve().parent.parent
QUSGRAPH = str(Path(sys.executable).parent / "qusgraph")

Starter = Callable[[Path], AbstractContextManager[Engine]]
ENGINES: dict[str, tuple[Starter, Callable[[], httpx.Auth | None]]] = {
    "oxigraph-server": (oxigraph_server, lambda: None),
    "virtuoso": (virtuoso_server, lambda: httpx.DigestAuth(PUSH_USER, PUSH_PASSWORD)),
}


def build(size: int, folder: Path) -> Path:
    corpus = folder / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in generate(size, seed=0)),
                      encoding="utf-8")
    store = folder / "store"
    subprocess.run([QUSGRAPH, "ingest", "-q", "--store", str(store), "--published", "2022-11-21", str(corpus)],
                   check=False, capture_output=True)
    return store


def measure(size: int, engines: Sequence[str], log: Callable[[str], None]) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="qusgraph-bench-push-") as scratch:
        work = Path(scratch)
        store_path = build(size, work)
        with QusStore(store_path, read_only=True) as store:
            articles = len(store.articles())
        for name in engines:
            start_engine, auth = ENGINES[name]
            for jobs in (1, 4):
                folder = work / f"{name}-{jobs}"
                folder.mkdir()
                shutil.rmtree(store_path / "push-state", ignore_errors=True)
                with start_engine(folder) as engine, QusStore(store_path, read_only=True) as store:
                    first = push_store(store, engine.store, jobs=jobs, auth_factory=auth)
                    again = push_store(store, engine.store, jobs=jobs, auth_factory=auth)
                    # the same store seen as changed: every graph read and hashed, none sent
                    state = next((store_path / "push-state").glob("*.json"))
                    data = json.loads(state.read_text(encoding="utf-8"))
                    data["store"] = ""
                    state.write_text(json.dumps(data), encoding="utf-8")
                    hashed = push_store(store, engine.store, jobs=jobs, auth_factory=auth)
                entry = {"articles": articles, "seconds": round(first.seconds, 2),
                         "articles_per_s": round(articles / first.seconds, 1),
                         "repush_seconds": round(again.seconds, 3), "rehash_seconds": round(hashed.seconds, 2)}
                figures[f"{name} jobs={jobs}"] = entry
                log(f"{name:<16} jobs={jobs}  {entry['articles_per_s']:>6} articles/s  "
                    f"re-push {entry['repush_seconds']} s  re-hash {entry['rehash_seconds']} s")
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.push", description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--engines", nargs="+", default=list(ENGINES), choices=list(ENGINES))
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "push-results.json")
    args = parser.parse_args(argv)
    started = time.time()
    figures = measure(args.size, args.engines, print)
    results = json.loads(args.out.read_text(encoding="utf-8")) if args.out.exists() else {}
    results.setdefault("push", {})[str(args.size)] = figures
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"({time.time() - started:.0f} s; figures in {args.out})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
