"""`qusgraph push` into real engines on loopback: Oxigraph's server (the dataset must equal the
store exactly) and Virtuoso (equal apart from value-level differences, each reported)."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from bench.generate import generate
from tests.engines import PUSH_PASSWORD, PUSH_USER, Engine, oxigraph_server, virtuoso_server

from qusgraph.rdf.graph import as_quad
from qusgraph.remote.client import remote_query
from qusgraph.remote.push import MERGED_GRAPH, credentials, push_store, verify_graphs
from qusgraph.store.embedded import QusStore

ROOT = Path(__file__).resolve().parent.parent
GENERATED = 40  # articles beside data/articles: enough graphs for parallel requests, still fast
QUSGRAPH = str(Path(sys.executable).parent / "qusgraph")


def qusgraph(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([QUSGRAPH, *args], capture_output=True, text=True, timeout=600,
                          env={**os.environ, **(env or {})})


def build_store(folder: Path, count: int = GENERATED) -> Path:
    corpus = folder / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in generate(count, seed=16)),
                      encoding="utf-8")
    store = folder / "store"
    result = qusgraph("ingest", "-q", "--store", str(store), "--published", "2022-11-21",
                      str(ROOT / "data" / "articles"), str(corpus))
    assert result.returncode in (0, 1), result.stderr  # a generated article may be rejected
    return store


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("push-corpus"))


@pytest.fixture
def store(built: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the built store per test: the push record lives beside it."""
    copy = tmp_path / "store"
    shutil.copytree(built, copy)
    yield copy


@pytest.fixture
def oxigraph(tmp_path: Path) -> Iterator[Engine]:
    folder = tmp_path / "oxigraph"
    folder.mkdir()
    with oxigraph_server(folder) as engine:
        yield engine


def engine_dataset(engine: Engine) -> set[ox.Quad]:
    response = httpx.get(engine.store, headers={"Accept": "application/n-quads"}, timeout=120)
    response.raise_for_status()
    return set(ox.parse(response.content, ox.RdfFormat.N_QUADS))  # type: ignore[arg-type]


def local_dataset(path: Path) -> set[ox.Quad]:
    with QusStore(path, read_only=True) as local:
        return set(local.quads())


def engine_graphs(engine: Engine) -> set[str]:
    return {q.graph_name.value for q in engine_dataset(engine) if isinstance(q.graph_name, ox.NamedNode)}


# ---------------------------------------------------------------------------- Oxigraph's server
def test_push_to_the_oxigraph_server_gives_the_store_exactly(store: Path, oxigraph: Engine) -> None:
    result = qusgraph("push", "--store", str(store), "--endpoint", oxigraph.store, "--merged-graph", "default",
                      "--jobs", "4")
    assert result.returncode == 0, result.stderr
    assert engine_dataset(oxigraph) == local_dataset(store)


def test_push_puts_the_merged_facts_in_a_named_graph_by_default(store: Path, oxigraph: Engine) -> None:
    result = qusgraph("push", "--store", str(store), "--endpoint", oxigraph.store)
    assert result.returncode == 0, result.stderr
    local = local_dataset(store)
    merged = ox.NamedNode(MERGED_GRAPH)
    expected = {q if not isinstance(q.graph_name, ox.DefaultGraph) else as_quad(q, merged) for q in local}
    assert engine_dataset(oxigraph) == expected


def test_a_second_push_skips_every_unchanged_graph(store: Path, oxigraph: Engine) -> None:
    with QusStore(store, read_only=True) as local:
        first = push_store(local, oxigraph.store, jobs=4)
        second = push_store(local, oxigraph.store, jobs=4)
    assert first.sent == len(local_graph_names(store)) + 1 and first.skipped == 0
    assert second.sent == 0 and second.skipped == first.sent and second.deleted == 0
    assert second.seconds * 10 <= first.seconds, (first.line(), second.line())


def local_graph_names(path: Path) -> list[str]:
    with QusStore(path, read_only=True) as local:
        return [g.value for g in local.named_graphs() if isinstance(g, ox.NamedNode)]


def test_remove_then_push_deletes_the_graph_on_the_engine(store: Path, oxigraph: Engine) -> None:
    assert qusgraph("push", "--store", str(store), "--endpoint", oxigraph.store).returncode == 0
    gone = "https://w3id.org/qusgraph/id/article/seed-000"
    assert gone in engine_graphs(oxigraph)
    assert qusgraph("remove", "seed-000", "--store", str(store)).returncode == 0
    result = qusgraph("push", "--store", str(store), "--endpoint", oxigraph.store)
    assert result.returncode == 0, result.stderr
    assert "deleted 1" in result.stdout
    # only the removed article's graph and the merged facts changed
    assert "pushed 1 graph(s)" in result.stdout
    assert gone not in engine_graphs(oxigraph)
    with QusStore(store, read_only=True) as local:
        assert verify_graphs(local, oxigraph.store) == {}


def test_a_changed_store_is_compared_graph_by_graph(store: Path, oxigraph: Engine, tmp_path: Path) -> None:
    """After a write the store's files differ from the record's fingerprint: each graph is
    read and hashed again, and only those whose hash changed are sent."""
    assert qusgraph("push", "--store", str(store), "--endpoint", oxigraph.store).returncode == 0
    extra = tmp_path / "extra.jsonl"
    extra.write_text(json.dumps(next(iter(generate(1, seed=99))), ensure_ascii=False) + "\n", encoding="utf-8")
    assert qusgraph("ingest", "-q", "--store", str(store), "--published", "2022-11-21", str(extra)).returncode == 0
    result = qusgraph("push", "--store", str(store), "--endpoint", oxigraph.store)
    assert result.returncode == 0, result.stderr
    # the new article, the merged facts, and nothing else
    assert "pushed 2 graph(s)" in result.stdout and f"skipped {len(local_graph_names(store)) - 1}" in result.stdout
    assert engine_dataset(oxigraph) == {
        q if not isinstance(q.graph_name, ox.DefaultGraph) else as_quad(q, ox.NamedNode(MERGED_GRAPH))
        for q in local_dataset(store)}


def test_an_interrupted_push_continues_from_its_record(store: Path, oxigraph: Engine) -> None:
    """The record is written as graphs go: a push that stops part-way resends only the rest."""
    with QusStore(store, read_only=True) as local:
        push_store(local, oxigraph.store, jobs=2)
        record = next((store / "push-state").glob("*.json"))
        state = json.loads(record.read_text(encoding="utf-8"))
        forgotten = sorted(state["graphs"])[:5]
        for iri in forgotten:
            del state["graphs"][iri]  # as if the run had stopped before these
        record.write_text(json.dumps(state), encoding="utf-8")
        again = push_store(local, oxigraph.store, jobs=2)
    assert again.sent == len(forgotten)


def test_ingest_push_extracts_and_pushes_in_one_run(tmp_path: Path, oxigraph: Engine) -> None:
    local = tmp_path / "one"
    result = qusgraph("ingest", "--store", str(local), "--published", "2022-11-21", "--push", oxigraph.store,
                      str(ROOT / "data" / "articles"))
    assert result.returncode == 0, result.stderr
    assert "pushed 3 graph(s)" in result.stdout
    assert "https://w3id.org/qusgraph/id/article/seed-000" in engine_graphs(oxigraph)


def test_query_endpoint_sends_our_prefixes_and_the_default_graph(store: Path, oxigraph: Engine) -> None:
    assert qusgraph("push", "--store", str(store), "--endpoint", oxigraph.store).returncode == 0
    result = qusgraph("query", "--endpoint", oxigraph.sparql, "--default-graph-uri", MERGED_GRAPH, "--format",
                      "csv", "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a qus:Round }")
    assert result.returncode == 0, result.stderr
    local = qusgraph("query", "--store", str(store), "--format", "csv",
                     "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a qus:Round }")
    assert result.stdout == local.stdout


def test_credentials_come_from_the_environment_or_a_netrc_file(tmp_path: Path) -> None:
    url = "http://127.0.0.1:8890/sparql-graph-crud-auth"
    assert credentials(url, environ={}) is None or os.path.exists(Path.home() / ".netrc")
    token = credentials(url, environ={"QUSGRAPH_PUSH_TOKEN": "t0k"})
    request = next(token.auth_flow(httpx.Request("PUT", url)))  # type: ignore[union-attr]
    assert request.headers["Authorization"] == "Bearer t0k"
    assert isinstance(credentials(url, "digest", {"QUSGRAPH_PUSH_USER": "u", "QUSGRAPH_PUSH_PASSWORD": "p"}),
                      httpx.DigestAuth)
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login pushy password secret\n", encoding="utf-8")
    netrc.chmod(0o600)
    basic = credentials(url, "basic", {"QUSGRAPH_NETRC": str(netrc)})
    request = next(basic.auth_flow(httpx.Request("PUT", url)))  # type: ignore[union-attr]
    assert request.headers["Authorization"].startswith("Basic ")


def test_push_help_takes_no_credentials() -> None:
    result = qusgraph("push", "--help")
    assert result.returncode == 0
    assert "--password" not in result.stdout and "--token" not in result.stdout


# ---------------------------------------------------------------------------- Virtuoso
VIRTUOSO_ENV = {"QUSGRAPH_PUSH_USER": PUSH_USER, "QUSGRAPH_PUSH_PASSWORD": PUSH_PASSWORD}
XSD = "http://www.w3.org/2001/XMLSchema#"
KNOWN_KINDS = ("dates:", "durations:", "decimals:")


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory, built: Path) -> Iterator[tuple[Engine, Path, str]]:
    """One Virtuoso for the module, with the built store pushed into it once (Digest auth)."""
    folder = tmp_path_factory.mktemp("virtuoso")
    store = folder / "store"
    shutil.copytree(built, store)
    with virtuoso_server(folder) as engine:
        result = qusgraph("push", "--store", str(store), "--endpoint", engine.store, "--auth", "digest",
                          "--jobs", "4", "--verify", env=VIRTUOSO_ENV)
        assert result.returncode == 0, result.stderr
        yield engine, store, result.stderr + result.stdout


def test_push_to_virtuoso_reports_each_kind_of_difference_on_one_line(virtuoso: tuple[Engine, Path, str]) -> None:
    engine, store, output = virtuoso
    lines = [line for line in output.splitlines() if line.startswith("difference:")]
    kinds = [line.split(":", 2)[1].strip() for line in lines]
    assert len(kinds) == len(set(kinds))  # one line per kind
    # Only the documented value-level kinds: no missing or extra triples.
    assert all(line.removeprefix("difference: ").startswith(KNOWN_KINDS) for line in lines), lines
    assert any("durations" in line for line in lines)  # the corpus has xsd:duration pledges


def test_virtuoso_holds_every_graph_of_the_store(virtuoso: tuple[Engine, Path, str]) -> None:
    engine, store, _ = virtuoso
    body = remote_query(engine.sparql, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                        "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/qusgraph/')) }", "csv")
    remote = set(body.decode("utf-8").split()[1:])
    expected = {f'"{name}"' for name in local_graph_names(store)} | {f'"{MERGED_GRAPH}"'}
    assert remote == expected


def test_a_second_push_to_virtuoso_changes_nothing_and_is_ten_times_faster(
        virtuoso: tuple[Engine, Path, str]) -> None:
    engine, store, first_output = virtuoso
    result = qusgraph("push", "--store", str(store), "--endpoint", engine.store, "--auth", "digest",
                      env=VIRTUOSO_ENV)
    assert result.returncode == 0, result.stderr
    assert "pushed 0 graph(s)" in result.stdout
    first, again = (float(re.findall(r" in ([\d.]+) s", text)[-1]) for text in (first_output, result.stdout))
    assert again * 10 <= first, (first, again)


def rows(body: bytes) -> list[tuple[str, ...]]:
    """SPARQL JSON results as sorted rows of plain values: durations in months (Virtuoso
    returns "P3Y" as "36"), GROUP_CONCAT parts sorted (their order is not defined)."""
    results = ox.parse_query_results(io.BytesIO(body), format=ox.QueryResultsFormat.JSON)
    assert isinstance(results, ox.QuerySolutions)
    names = [v.value for v in results.variables]
    return sorted(tuple(_plain(row[name]) for name in names) for row in results)


DURATION = re.compile(r"P(?:(\d+)Y)?(?:(\d+)M)?")
DATE = re.compile(r"\d{4}(-\d\d){0,2}")


def _plain(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        if term.datatype.value == XSD + "duration":
            if term.value.isdigit():
                return f"{int(term.value)} months"
            match = DURATION.fullmatch(term.value)
            if match:
                return f"{int(match[1] or 0) * 12 + int(match[2] or 0)} months"
        return ", ".join(sorted(term.value.split(", ")))
    return str(getattr(term, "value", term))


def collapsed_date(row: tuple[str, ...], others: list[tuple[str, ...]]) -> bool:
    """A row Virtuoso left out because its date literal merged with one of equal value and
    another datatype: the same row is there with another date of the same year."""
    for other in others:
        if all(a == b or (DATE.fullmatch(a) and DATE.fullmatch(b) and a[:4] == b[:4])
               for a, b in zip(row, other, strict=True)) and other != row:
            return True
    return False


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "data" / "queries").glob("*.rq")))
def test_readme_questions_on_virtuoso_give_the_stores_rows(virtuoso: tuple[Engine, Path, str], name: str) -> None:
    """Queried with the merged graph as the default graph (`FROM`/default-graph-uri): the same
    rows as the store, apart from dates that collapsed — which the push reported."""
    engine, store, output = virtuoso
    text = (ROOT / "data" / "queries" / name).read_text(encoding="utf-8")
    with QusStore(store, read_only=True) as local:
        buffer = io.BytesIO()
        local.query(text).serialize(buffer, ox.QueryResultsFormat.JSON)  # type: ignore[union-attr]
    there = rows(remote_query(engine.sparql, text, "json", [MERGED_GRAPH]))
    here = rows(buffer.getvalue())
    assert set(there) <= set(here), sorted(set(there) - set(here))
    unexplained = [row for row in set(here) - set(there) if not collapsed_date(row, there)]
    assert not unexplained, unexplained
    if set(here) - set(there):
        assert "difference: dates:" in output


def test_an_unreachable_engine_is_retried_then_named_in_the_error(store: Path) -> None:
    from tests.engines import free_port

    from qusgraph.remote.push import GraphBody, GraphStore, PushError

    url = f"http://127.0.0.1:{free_port()}/store"  # nothing listens there
    engine = GraphStore(url, None, timeout=2.0, retries=2)
    with pytest.raises(PushError) as caught:
        engine.put(GraphBody(MERGED_GRAPH, b"", "", 0))
    engine.close()
    assert url in str(caught.value) and "ConnectError" in str(caught.value)


def test_a_failed_push_leaves_no_claim_of_completion(store: Path) -> None:
    """The record keeps what went through, but not the store's fingerprint: the next push
    compares every graph again."""
    from tests.engines import free_port

    from qusgraph.remote.push import PushError, PushState

    url = f"http://127.0.0.1:{free_port()}/store"
    with QusStore(store, read_only=True) as local, pytest.raises(PushError):
        push_store(local, url, jobs=2, timeout=1.0, retries=1)
    assert PushState.load(store, url).store == ""
