"""update.py: SPARQL Update evaluated into a delta, checked against the shapes, committed at once.

The server's behaviour is in test_server_update_shacl.py; here, what the delta is made of, on
an in-memory store holding the seed article.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

import qusgraph
from qusgraph.errors import QueryError, ShapeViolation
from qusgraph.store.embedded import QusStore
from qusgraph.validation.shapes import validate_store
from qusgraph.validation.update import checked_update

SEED = Path(__file__).resolve().parent.parent / "data" / "articles" / "seed-000.txt"
ROUND_5 = "<https://w3id.org/qusgraph/id/dialogue/QA-US/round/5>"
A = ox.NamedNode("http://example.test/a")


@pytest.fixture(scope="module")
def seeded() -> list[ox.Quad]:
    store = qusgraph.open_store(None)
    qusgraph.ingest([str(SEED)], store, published="2022-11-21")
    return list(store.store)


@pytest.fixture
def store(seeded: list[ox.Quad]) -> QusStore:
    fresh = qusgraph.open_store(None)
    fresh.store.extend(seeded)
    return fresh


def quads(store: QusStore) -> list[str]:
    return sorted(str(q) for q in store.store)


def test_later_operations_see_the_earlier_ones(store: QusStore) -> None:
    checked_update(store, "INSERT DATA { <http://example.test/a> <http://example.test/p> 1 } ; "
                          "INSERT { ?s <http://example.test/q> 2 } WHERE { ?s <http://example.test/p> 1 } ; "
                          "DELETE DATA { <http://example.test/a> <http://example.test/p> 1 }")
    assert [str(q.object) for q in store.store.quads_for_pattern(A, None, None)] == [
        '"2"^^<http://www.w3.org/2001/XMLSchema#integer>']


def test_deletions_of_a_modify_come_before_its_insertions(store: QusStore) -> None:
    checked_update(store, "INSERT DATA { <http://example.test/a> <http://example.test/p> 1, 2 }")
    checked_update(store, "DELETE { ?s <http://example.test/p> ?o } INSERT { ?s <http://example.test/p> 2 } "
                          "WHERE { ?s <http://example.test/p> ?o }")
    assert len(list(store.store.quads_for_pattern(A, None, None))) == 1


def test_a_refused_update_leaves_every_quad_as_it_was(store: QusStore) -> None:
    before = quads(store)
    with pytest.raises(ShapeViolation) as refusal:
        checked_update(store, f"DROP GRAPH <https://w3id.org/qusgraph/id/graph/topics> ; "
                              f"INSERT DATA {{ {ROUND_5} qus:ordinal -1 }}")
    assert "qus:ordinal" in refusal.value.report
    assert quads(store) == before


def test_violations_the_store_had_before_do_not_block_an_update_of_the_same_node(store: QusStore) -> None:
    store.update(f"INSERT DATA {{ {ROUND_5} qus:ordinal 'five' }}")  # past the check, as an old store may be
    checked_update(store, f"INSERT DATA {{ {ROUND_5} rdfs:label 'Fünfte Runde'@de }}")
    assert any(q.object == ox.Literal("Fünfte Runde", language="de") for q in store.store)


def test_dropping_an_article_graph_takes_its_facts_out_of_the_merged_graph(store: QusStore) -> None:
    checked_update(store, "DROP GRAPH <https://w3id.org/qusgraph/id/article/seed-000>")
    assert not store.has_articles()
    assert validate_store(store, integrity=True).conforms


def test_a_graph_that_does_not_exist_is_an_error_unless_silent(store: QusStore) -> None:
    with pytest.raises(QueryError, match="does not exist"):
        checked_update(store, "CLEAR GRAPH <http://example.test/none>")
    checked_update(store, "CLEAR SILENT GRAPH <http://example.test/none>")


def test_one_blank_node_label_is_one_node_across_graphs(store: QusStore) -> None:
    checked_update(store, "INSERT DATA { _:a <http://example.test/p> 1 . "
                          "GRAPH <http://example.test/g> { _:a <http://example.test/q> 2 } }")
    subjects = {q.subject for q in store.store if isinstance(q.subject, ox.BlankNode)}
    assert len(subjects) == 1
