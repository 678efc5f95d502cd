"""`qusgraph export --format nquads --split N`: files an engine's bulk loader takes — the same
dataset as the store, and loaded by a real Virtuoso with `ld_dir` + `rdf_loader_run()`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from tests.engines import isql, virtuoso_server
from tests.test_push import build_store, local_dataset, local_graph_names, qusgraph

from qusgraph.remote.client import remote_query
from qusgraph.remote.push import MERGED_GRAPH


@pytest.fixture(scope="module")
def split(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("bulk")
    store = build_store(folder, count=12)
    out = folder / "nq"
    result = qusgraph("export", "--store", str(store), "--format", "nquads", "--split", "2000", "-o", str(out))
    assert result.returncode == 0, result.stderr
    return store, out


def test_split_files_hold_the_whole_dataset(split: tuple[Path, Path]) -> None:
    store, out = split
    files = sorted(out.glob("qusgraph-*.nq"))
    assert len(files) > 1
    loaded = ox.Store()
    for path in files:
        loaded.load(path=str(path), format=ox.RdfFormat.N_QUADS)
    assert set(loaded) == local_dataset(store)


def test_split_files_stay_near_the_size_asked_for(split: tuple[Path, Path]) -> None:
    _, out = split
    sizes = [path.read_bytes().count(b"\n") for path in sorted(out.glob("qusgraph-*.nq"))]
    assert max(sizes) <= 2000


def test_split_refuses_a_folder_of_an_earlier_split(split: tuple[Path, Path]) -> None:
    store, out = split
    result = qusgraph("export", "--store", str(store), "--format", "nquads", "--split", "10", "-o", str(out))
    assert result.returncode != 0 and "earlier export" in result.stderr


def test_split_needs_nquads_and_a_folder(split: tuple[Path, Path]) -> None:
    store, _ = split
    result = qusgraph("export", "--store", str(store), "--format", "turtle", "--split", "10")
    assert result.returncode == 2 and "--split needs --format nquads" in result.stderr


def test_virtuoso_bulk_loader_takes_the_split_files(split: tuple[Path, Path], tmp_path: Path) -> None:
    store, out = split
    with virtuoso_server(tmp_path) as engine:
        # The loader reads only from DirsAllowed: the files go into the engine's folder.
        files = tmp_path / "load"
        shutil.copytree(out, files)
        port = int(isql_port(tmp_path))
        isql(port, f"ld_dir('{files}', 'qusgraph-*.nq', '{MERGED_GRAPH}'); rdf_loader_run(); checkpoint;")
        body = remote_query(engine.sparql, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                            "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/qusgraph/')) }", "csv")
        remote = set(body.decode("utf-8").split()[1:])
        assert remote == {f'"{name}"' for name in local_graph_names(store)} | {f'"{MERGED_GRAPH}"'}
        count = remote_query(engine.sparql, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "csv",
                             [MERGED_GRAPH]).decode("utf-8").split()[1]
        with_default = sum(1 for q in local_dataset(store) if isinstance(q.graph_name, ox.DefaultGraph))
        assert int(count) <= with_default  # equal but for date literals that collapse into one


def isql_port(folder: Path) -> str:
    for line in (folder / "virtuoso.ini").read_text(encoding="utf-8").splitlines():
        if line.startswith("ServerPort") and "127.0.0.1:" in line:
            return line.rsplit(":", 1)[1]
    raise AssertionError("no ServerPort in virtuoso.ini")
