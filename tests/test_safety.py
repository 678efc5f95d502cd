"""qusgraph.server.safety: SERVICE and LOAD are found wherever SPARQL would run them, and
only there — not in strings, IRIs, comments, variable or prefixed names."""

from __future__ import annotations

import pytest

from qusgraph.server.safety import FORBIDDEN, forbidden_operation

TARGET = "<http://127.0.0.1:9/sparql>"


def test_forbidden_keywords_are_service_and_load() -> None:
    assert set(FORBIDDEN) == {"SERVICE", "LOAD"}


@pytest.mark.parametrize("query", [
    f"SELECT * WHERE {{ SERVICE {TARGET} {{ ?s ?p ?o }} }}",
    f"select * where {{ service {TARGET} {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ ?s ?p ?o . SeRvIcE {TARGET} {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ SERVICE SILENT {TARGET} {{ ?s ?p ?o }} }}",
    "SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }",
    f"SELECT * WHERE {{ ?s ?p ?o }}SERVICE{TARGET}",
    f"SELECT * WHERE {{ ?s ?p ?o FILTER(?o)SERVICE {TARGET} {{ }} }}",
    f"SELECT * WHERE {{\n  SERVICE\n{TARGET}\n{{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ ?s ?p ?o FILTER(?a<?b) SERVICE {TARGET} {{ }} }}",
    f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE {TARGET} {{ ?s ?p ?o }} }}",
])
def test_service_is_found(query: str) -> None:
    assert forbidden_operation(query) == "SERVICE"


@pytest.mark.parametrize("update", [
    "LOAD <file:///etc/passwd>",
    "load <file:///etc/passwd>",
    "LOAD SILENT <http://10.0.0.1/data.ttl> INTO GRAPH <http://example.test/g>",
    "INSERT DATA { <http://example.test/a> <http://example.test/b> 1 } ;LOAD <file:///etc/passwd>",
    "PREFIX ex: <http://example.test/>LOAD <file:///etc/passwd>",
    "# a comment\nLoad <file:///etc/passwd>",
])
def test_load_is_found(update: str) -> None:
    assert forbidden_operation(update) == "LOAD"


@pytest.mark.parametrize("text, keyword", [
    (f"SELECT * WHERE {{ \\u0053ERVICE {TARGET} {{ ?s ?p ?o }} }}", "SERVICE"),
    (f"SELECT * WHERE {{ \\u0073\\u0065rvice {TARGET} {{ ?s ?p ?o }} }}", "SERVICE"),
    (f"SELECT * WHERE {{ \\U00000053ERVICE {TARGET} {{ ?s ?p ?o }} }}", "SERVICE"),
    ("\\u004cOAD <file:///etc/passwd>", "LOAD"),
    ("\\u004C\\u004F\\u0041\\u0044 <file:///etc/passwd>", "LOAD"),
])
def test_keywords_written_with_unicode_escapes_are_found(text: str, keyword: str) -> None:
    assert forbidden_operation(text) == keyword


@pytest.mark.parametrize("query", [
    'SELECT * WHERE { ?s rdfs:label "SERVICE LOAD" }',
    "SELECT * WHERE { ?s rdfs:label 'service load' }",
    'SELECT * WHERE { ?s rdfs:label """a\nSERVICE <http://x/> { }\n""" }',
    "SELECT * WHERE { ?s rdfs:label '''LOAD <file:///etc/passwd>''' }",
    'SELECT * WHERE { ?s rdfs:label "quote \\" SERVICE \\" inside" }',
    "SELECT * WHERE { ?s rdfs:label \"SERVICE\"@en }",
    "SELECT * WHERE { ?s rdfs:seeAlso <http://example.test/SERVICE/LOAD> }",
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x/> and LOAD in a comment",
    "# LOAD <file:///etc/passwd>\nSELECT * WHERE { ?s ?p ?o }",
])
def test_keywords_in_strings_iris_and_comments_are_not_flagged(query: str) -> None:
    assert forbidden_operation(query) is None


@pytest.mark.parametrize("query", [
    "SELECT ?service ?load WHERE { ?service ?p ?load }",
    "SELECT $service WHERE { $service ?p $LOAD }",
    "PREFIX ex: <http://example.test/> SELECT * WHERE { ?s ex:service ex:LOAD }",
    "PREFIX service: <http://example.test/> SELECT * WHERE { ?s service:p ?o }",
    "PREFIX load: <http://example.test/> SELECT * WHERE { ?s load:x ?o }",
    "SELECT * WHERE { ?s qus:serviceLoad ?o ; qus:reload ?r }",
    "SELECT * WHERE { ?s ?p ?servicer . ?s ?p ?unloaded }",
])
def test_variables_and_prefixed_names_are_not_flagged(query: str) -> None:
    assert forbidden_operation(query) is None


def test_a_plain_query_is_not_flagged() -> None:
    assert forbidden_operation("SELECT ?r WHERE { ?r a qus:Round ; qus:ordinal 5 }") is None


def test_a_plain_update_is_not_flagged() -> None:
    assert forbidden_operation("INSERT DATA { <http://example.test/a> <http://example.test/b> 'LOAD' }") is None


@pytest.mark.parametrize("query", [
    f"SELECT * WHERE {{ ?r qus:ordinal 5SERVICE {TARGET} {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ ?r qus:amount 1.5SERVICE {TARGET} {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ ?r qus:amount 1e3SERVICE {TARGET} {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ ?r qus:flag trueSERVICE {TARGET} {{ ?s ?p ?o }} }}",
], ids=["integer", "decimal", "double", "boolean"])
def test_service_glued_to_a_literal_is_found(query: str) -> None:
    assert forbidden_operation(query) == "SERVICE"


@pytest.mark.parametrize("text, keyword", [
    (f'SELECT * WHERE {{ BIND("\\u005C" AS ?x) SERVICE {TARGET} {{ ?s ?p ?o }} FILTER(?x != "y") }}', "SERVICE"),
    (f"SELECT * WHERE {{ BIND('\\u005c' AS ?x) SERVICE {TARGET} {{ ?s ?p ?o }} FILTER(?x != 'y') }}", "SERVICE"),
    ('INSERT DATA { <http://e/a> <http://e/b> "\\u005C" } ; LOAD <http://10.0.0.1/x> ; '
     'INSERT DATA { <http://e/a> <http://e/b> "x" }', "LOAD"),
], ids=["double quotes", "single quotes", "load"])
def test_a_keyword_after_an_escaped_backslash_is_found(text: str, keyword: str) -> None:
    assert forbidden_operation(text) == keyword
