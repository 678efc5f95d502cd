"""qusgraph.server.safety: size and depth are bounded before any parser runs, and SERVICE,
LOAD and foreign dataset IRIs are found in the parse tree — not in strings, IRIs, comments,
variable or prefixed names. (The same requests against a real server, with a listener that
must see no connection, are in test_server_safety.py.)"""

from __future__ import annotations

import pytest

from qusgraph.server.safety import Limits, check_operations, check_shape, nesting_depth
from server_utils import ROOT

TARGET = "<http://127.0.0.1:9/sparql>"
STORE_GRAPH = "http://example.test/graph/a"


def is_graph(iri: str) -> bool:
    return iri == STORE_GRAPH


def refused(text: str, kind: str = "query") -> bool:
    return check_operations(text, kind, is_graph) is not None  # type: ignore[arg-type]


# ------------------------------------------------------------------------- shape
@pytest.mark.parametrize("text, depth", [
    ("SELECT * WHERE { ?s ?p ?o }", 1),
    ("SELECT * WHERE { { ?s ?p ?o } FILTER((?o > 1)) }", 3),
    ('SELECT * WHERE { ?s ?p "{{{{ ((((" }', 1),
    ("SELECT * WHERE { ?s ?p ?o } # {{{{{{", 1),
    ("SELECT * WHERE { ?s ?p <http://x/a_(b)> }", 1),
    ("SELECT * WHERE { ?s ?p <http://x/((> }", 3),  # what an IRI opens counts; a parser may see code
    ("# c\r{{{ }}}", 3),  # Oxigraph ends comments at \r
    ("# c\u2028{{{ }}}", 3),
    ("# c\v{{{ }}}", 3),
    ('"""\n{{{ }}}', 3),  # an unclosed string hides nothing
    ("\\u007B\\u007B{", 3),  # \u escapes may be decoded before parsing
    ("SELECT * WHERE { << << ?s ?p ?o >> ?p ?o >> ?p ?o }", 3),
    (")))))))) {{{", 3),
])
def test_nesting_depth_counts_brackets_a_parser_would_see(text: str, depth: int) -> None:
    assert nesting_depth(text) == depth


@pytest.mark.parametrize("text", [
    "SELECT * WHERE " + "{" * 101 + "}" * 101,
    "SELECT * WHERE { FILTER(" + "(" * 100 + "1" + ")" * 100 + ") }",
    "SELECT * WHERE { ?s ?p " + "[ ?p " * 100 + "1" + " ]" * 100 + " }",
    "SELECT * WHERE " + "{" * 10_000,
    "SELECT * WHERE { \"x\" } # comment\r" + "{" * 200,
])
def test_text_nested_too_deep_is_refused_before_parsing(text: str) -> None:
    refusal = check_shape(text, Limits())
    assert refusal is not None and refusal.status == 400 and "the limit is 100" in refusal.message


def test_text_too_long_is_refused() -> None:
    refusal = check_shape("SELECT * WHERE { ?s ?p ?o }" + " " * 100, Limits(max_size=100))
    assert refusal is not None and refusal.status == 413


def test_the_guard_parses_text_at_the_depth_limit() -> None:
    """The bound and the guard's recursion limit fit together: text as deep as allowed parses."""
    import sys

    from qusgraph.server.safety import RECURSION_LIMIT

    text = "SELECT * WHERE " + "{" * 100 + " ?s ?p ?o " + "}" * 100
    assert check_shape(text, Limits()) is None
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(RECURSION_LIMIT)
    try:
        assert check_operations(text, "query", is_graph) is None
    finally:
        sys.setrecursionlimit(previous)


# ------------------------------------------------------------------------- operations
@pytest.mark.parametrize("query", [
    f"SELECT * WHERE {{ SERVICE {TARGET} {{ ?s ?p ?o }} }}",
    f"select * where {{ service {TARGET} {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ SERVICE SILENT {TARGET} {{ ?s ?p ?o }} }}",
    "SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }",
    f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE {TARGET} {{ ?s ?p ?o }} }} }} }}",
    f"SELECT * WHERE {{ ?s ?p ?o # c\rSERVICE {TARGET} {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ ?s ?p ?o # c\u2028SERVICE {TARGET} {{ ?s ?p ?o }} }}",
    f"PREFIX qa: <http://x/> SELECT * WHERE {{ ?s ?p qa:.SERVICE {TARGET} {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ \\u0053ERVICE {TARGET} {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ ?r qus:ordinal 5SERVICE {TARGET} {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ FILTER EXISTS {{ SERVICE {TARGET} {{ ?s ?p ?o }} }} }}",
    "SELECT * FROM <http://127.0.0.1:9/data.ttl> WHERE { ?s ?p ?o }",
    "PREFIX x: <http://127.0.0.1:9/> SELECT * FROM NAMED x:data WHERE { ?s ?p ?o }",
    "SELECT * FROM unknown:graph WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?s ?p }",  # what the guard cannot parse is refused
])
def test_queries_that_could_fetch_are_refused(query: str) -> None:
    assert refused(query)


@pytest.mark.parametrize("update", [
    "LOAD <file:///etc/passwd>",
    "load silent <http://10.0.0.1/data.ttl> INTO GRAPH <http://example.test/g>",
    "INSERT DATA { <http://e/a> <http://e/b> 1 } ; # c\rLOAD <http://10.0.0.1/x>",
    "INSERT DATA { <http://e/a> <http://e/b> 1 } ; # c\nLOAD <http://10.0.0.1/x>",
    f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE {TARGET} {{ ?s ?p ?o }} }}",
    "WITH <http://10.0.0.1/g> INSERT { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "INSERT { ?s ?p ?o } USING <http://10.0.0.1/g> WHERE { ?s ?p ?o }",
])
def test_updates_that_could_fetch_are_refused(update: str) -> None:
    assert refused(update, "update")


@pytest.mark.parametrize("query", [
    'SELECT * WHERE { ?s rdfs:label "SERVICE LOAD" }',
    "SELECT * WHERE { ?s rdfs:seeAlso <http://example.test/SERVICE/LOAD> }",
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x/> and LOAD in a comment",
    "SELECT ?service ?load WHERE { ?service ?p ?load }",
    "PREFIX service: <http://example.test/> SELECT * WHERE { ?s service:p ?o }",
    f"SELECT * FROM <{STORE_GRAPH}> WHERE {{ ?s ?p ?o }}",
    "PREFIX g: <http://example.test/graph/> SELECT * FROM NAMED g:a WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT * WHERE {\r\n  ?s ?p ?o # comment\r\n}",
])
def test_plain_queries_pass(query: str) -> None:
    assert not refused(query)


@pytest.mark.parametrize("path", sorted((ROOT / "data" / "queries").glob("*.rq")), ids=lambda p: p.name)
def test_the_shipped_queries_pass(path: object) -> None:
    assert not refused(path.read_text(encoding="utf-8"))  # type: ignore[attr-defined]


def test_a_plain_update_passes() -> None:
    assert not refused("INSERT DATA { <http://example.test/a> <http://example.test/b> 'LOAD' }", "update")
    assert not refused(f"WITH <{STORE_GRAPH}> DELETE {{ ?s ?p 1 }} WHERE {{ ?s ?p 1 }}", "update")
