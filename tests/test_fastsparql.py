"""SPARQL constraints evaluated on the index (fastsparql.py) agree with Oxigraph; a query
outside the subset is not compiled, and an uncertain comparison is left to Oxigraph."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from qusgraph.fastshacl import _Data, compiled_shapes
from qusgraph.fastsparql import Undecided, compile_select

DATA = """
@prefix : <urn:x:> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
:s1 :from :sentence1 ; :start 3 ; :end 9 ; :about :a ; :says :p .
:s2 :from :sentence1 ; :start 0 ; :end 40 ; :about :b ; :says :p .
:s3 :from :sentence2 ; :start "7"^^xsd:decimal ; :end 8 .
:sentence1 :in :article ; :start 2 ; :end 30 ; :label "one" .
:sentence2 :in :article ; :start 5 ; :end 10 ; :label "two" .
:a :p :c .
:loop :p :loop .
_:blank :p :c .
"""

AGREEING = [
    "SELECT ?this ?s WHERE { ?s :from/:in ?this }",
    "SELECT ?s ?p ?o WHERE { ?s ?p ?o }",
    "SELECT ?x WHERE { ?x :p ?x }",
    "SELECT ?s WHERE { ?s :about [] }",
    "SELECT ?s WHERE { ?s :about ?x ; :says ?p . FILTER NOT EXISTS { ?x ?p ?y } }",
    "SELECT ?s WHERE { ?s :about ?x . FILTER EXISTS { ?x :p :c } }",
    "SELECT ?s ?start ?end WHERE { ?s :from ?t ; :start ?start ; :end ?end . ?t :start ?ts ; :end ?te . "
    "FILTER (?start < ?ts || ?end > ?te) }",
    "SELECT ?s WHERE { ?s :from ?t ; :start ?start . ?t :start ?ts . FILTER (?start >= ?ts && ?start <= 5) }",
    "SELECT ?s WHERE { ?s :start ?start . FILTER (?missing < 3 || ?start < 5) }",
    "SELECT ?s WHERE { ?s :start ?start . FILTER (?missing < 3 && ?start > 100) }",
    "SELECT ?t WHERE { ?t :label ?l . FILTER (?l < \"p\") }",
    "SELECT ?s WHERE { ?s :start ?start . FILTER (?nothing > 1) }",
]

NOT_IN_THE_SUBSET = [
    "SELECT DISTINCT ?s WHERE { ?s :from ?t }",
    "SELECT ?s WHERE { ?s :from ?t OPTIONAL { ?t :in ?a } }",
    "SELECT ?s WHERE { ?t ^:from ?s }",
    "SELECT ?s WHERE { ?s :start 3 }",
    "SELECT ?s WHERE { ?s :start ?x . FILTER (?x = 3) }",
    "SELECT ?s WHERE { ?s :start ?x . FILTER (?x) }",
]


def prefixed(query: str) -> str:
    return "PREFIX : <urn:x:>\n" + query


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    store.load(DATA.encode(), format=ox.RdfFormat.TURTLE)
    return store


def rows(solutions: object) -> list[tuple[tuple[str, str], ...]]:
    """Solutions as sorted tuples (blank nodes by kind only: their labels differ)."""
    found = []
    for solution in solutions:  # type: ignore[attr-defined]
        items = [(name, solution[name]) for name in ("this", "s", "p", "o", "x", "t", "start", "end")]
        found.append(tuple((n, "_:" if isinstance(v, ox.BlankNode) else str(v)) for n, v in items if v is not None))
    return sorted(found)


@pytest.mark.parametrize("query", AGREEING)
def test_the_index_and_oxigraph_find_the_same_solutions(query: str, store: ox.Store) -> None:
    compiled = compile_select(prefixed(query))
    assert compiled is not None
    data = _Data.of(store.quads_for_pattern(None, None, None))
    fast = [dict.fromkeys(("this", "s", "p", "o", "x", "t", "start", "end")) | row for row in compiled.select(data)]
    assert rows(fast) == rows(store.query(prefixed(query)))


@pytest.mark.parametrize("query", NOT_IN_THE_SUBSET)
def test_a_query_outside_the_subset_is_left_to_oxigraph(query: str) -> None:
    assert compile_select(prefixed(query)) is None


def test_a_comparison_of_a_number_with_a_string_is_left_to_oxigraph(store: ox.Store) -> None:
    compiled = compile_select(prefixed("SELECT ?s WHERE { ?s :start ?x ; :from ?t . ?t :label ?l . FILTER (?x < ?l) }"))
    assert compiled is not None
    with pytest.raises(Undecided):
        compiled.select(_Data.of(store.quads_for_pattern(None, None, None)))


def test_the_constraints_of_the_shapes_are_evaluated_on_the_index() -> None:
    checks = [check for shape in compiled_shapes().shapes for check in shape.sparql]
    assert checks and all(check.compiled is not None for check in checks)
