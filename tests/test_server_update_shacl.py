"""Issue 13.1: SPARQL Update through `qusgraph serve --allow-update` keeps the SHACL shapes.

An update that would add a violation is answered 400 with one line per violation and leaves
the store exactly as it was (compared as sorted N-Quads dumps); a valid one is applied, and
the merged default graph follows what it does to article graphs. Against a real server on
loopback over a real on-disk store.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from server_utils import TOKEN, Server, client, qusgraph, server_fixture

SPARQL_UPDATE = "application/sparql-update"
BEARER = {"Authorization": f"Bearer {TOKEN}"}
ID = "https://w3id.org/qusgraph/id/"
ROUND_5 = f"<{ID}dialogue/QA-US/round/5>"
ROUND_9 = f"<{ID}dialogue/QA-US/round/9>"
ARTICLE = f"<{ID}article/seed-000>"

writer = server_fixture("--allow-update", "--token", TOKEN, "--workers", "2", name="writer")


@pytest.fixture(scope="module")
def http() -> Iterator[httpx.Client]:
    with client() as session:
        yield session


def update(http: httpx.Client, server: Server, text: str) -> httpx.Response:
    return http.post(f"{server.url}/sparql", content=text.encode(),
                     headers={"Content-Type": SPARQL_UPDATE, **BEARER})


def dump(http: httpx.Client, server: Server) -> list[str]:
    response = http.get(f"{server.url}/dump", headers={"Accept": "application/n-quads"})
    assert response.status_code == 200
    return sorted(line for line in response.text.splitlines() if line.strip())


def values(http: httpx.Client, server: Server, sparql: str) -> list[str]:
    response = http.get(f"{server.url}/sparql", params={"query": sparql},
                        headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.text
    rows = json.loads(response.text)["results"]["bindings"]
    return sorted(cell["value"] for row in rows for cell in row.values())


def assert_refused(http: httpx.Client, server: Server, text: str, *expected: str) -> str:
    before = dump(http, server)
    response = update(http, server, text)
    assert response.status_code == 400, response.text
    assert all(part in response.text for part in expected), response.text
    assert dump(http, server) == before
    return response.text


def test_an_insert_that_breaks_the_round_shape_is_refused_and_changes_nothing(
        writer: Server, http: httpx.Client) -> None:
    body = assert_refused(http, writer, f'INSERT DATA {{ {ROUND_9} a qus:Round ; qus:ordinal "nine" }}',
                          "id:dialogue/QA-US/round/9: qus:ordinal: A round needs exactly one qus:ordinal, "
                          "an integer ≥ 1.")
    lines = body.splitlines()
    assert lines[0].startswith("update refused: it would add 4 SHACL violation(s)")
    # One line per violation: ordinal, and the label, dialogue and article it lacks.
    assert len(lines) == 5
    assert all(line.startswith("merged default graph: id:dialogue/QA-US/round/9: ") for line in lines[1:])


def test_a_form_encoded_update_is_checked_the_same(writer: Server, http: httpx.Client) -> None:
    before = dump(http, writer)
    response = http.post(f"{writer.url}/sparql", headers=BEARER,
                         data={"update": f'INSERT DATA {{ {ROUND_9} a qus:Round ; qus:ordinal "nine" }}'})
    assert response.status_code == 400
    assert "qus:ordinal" in response.text
    assert dump(http, writer) == before


def test_a_valid_update_is_applied_and_the_merged_graph_follows(writer: Server, http: httpx.Client) -> None:
    """A fact written into an article graph joins the merged graph; taken out, it leaves it."""
    german = f"SELECT ?l WHERE {{ {ROUND_5} rdfs:label ?l FILTER(lang(?l) = 'de') }}"
    response = update(http, writer, "INSERT { GRAPH ?g { ?r rdfs:label 'Fünfte Runde'@de } } "
                                    "WHERE { GRAPH ?g { ?r qus:ordinal 5 } }")
    assert response.status_code == 204, response.text
    assert values(http, writer, german) == ["Fünfte Runde"]
    assert values(http, writer, f"SELECT ?l WHERE {{ GRAPH {ARTICLE} {{ {ROUND_5} rdfs:label ?l "
                                f"FILTER(lang(?l) = 'de') }} }}") == ["Fünfte Runde"]
    response = update(http, writer, "DELETE WHERE { GRAPH ?g { ?r rdfs:label 'Fünfte Runde'@de } }")
    assert response.status_code == 204, response.text
    assert values(http, writer, german) == []
    result = qusgraph("validate", "--store", str(writer.store), "--integrity")
    assert result.returncode == 0, result.stdout + result.stderr


def test_changing_an_extracted_fact_in_its_article_graph_is_refused(writer: Server, http: httpx.Client) -> None:
    """The article's provenance names the old date: the `Article` shape's SPARQL constraint
    finds its support dangling."""
    assert_refused(http, writer, 'DELETE { GRAPH ?g { ?r qus:date ?d } } '
                                 'INSERT { GRAPH ?g { ?r qus:date "2022-11"^^xsd:gYearMonth } } '
                                 'WHERE { GRAPH ?g { ?r qus:ordinal 5 ; qus:date ?d } }',
                   "id:article/seed-000: id:article/seed-000: : The qus:Support ")


@pytest.mark.parametrize("text", [
    "DELETE { ?r qus:partOf ?d } WHERE { ?r qus:ordinal 5 ; qus:partOf ?d }",
    "DELETE { GRAPH ?g { ?r qus:partOf ?d } } WHERE { GRAPH ?g { ?r qus:ordinal 5 ; qus:partOf ?d } }",
], ids=["merged graph", "article graph"])
def test_a_delete_that_takes_a_required_property_from_a_round_is_refused(
        writer: Server, http: httpx.Client, text: str) -> None:
    assert_refused(http, writer, text, "id:dialogue/QA-US/round/5: qus:partOf: A round needs exactly one qus:partOf")


def test_delete_where_of_a_rounds_labels_is_refused(writer: Server, http: httpx.Client) -> None:
    assert_refused(http, writer, "DELETE WHERE { ?r qus:ordinal 5 ; rdfs:label ?l }",
                   "id:dialogue/QA-US/round/5: rdfs:label: A round needs at least one rdfs:label.",
                   "id:dialogue/QA-US/round/5: qus:ordinal: A round needs exactly one qus:ordinal")


def test_an_update_of_several_nodes_of_which_one_breaks_a_shape_changes_none(
        writer: Server, http: httpx.Client) -> None:
    body = assert_refused(
        http, writer,
        "INSERT DATA { <http://example.test/fine> <http://example.test/p> 1 } ;\n"
        f"INSERT DATA {{ {ROUND_5} rdfs:label 'Fünfte Runde'@de }} ;\n"
        "DELETE { ?r qus:date ?d } INSERT { ?r qus:date '2023'^^xsd:gYear } "
        "WHERE { ?r qus:ordinal 5 ; qus:date ?d } ;\n"
        f"INSERT DATA {{ GRAPH {ARTICLE} {{ {ROUND_5} qus:ordinal 0 }} }}",
        "id:article/seed-000: id:dialogue/QA-US/round/5: qus:ordinal:")
    assert "example.test/fine" not in body
    assert values(http, writer, "SELECT ?o WHERE { <http://example.test/fine> ?p ?o }") == []
    assert values(http, writer, f"SELECT ?l WHERE {{ {ROUND_5} rdfs:label ?l FILTER(lang(?l) = 'de') }}") == []


@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE"])
def test_the_graph_store_takes_no_writes(writer: Server, http: httpx.Client, method: str) -> None:
    """The Graph Store route is read-only, so SPARQL Update is the one way to change quads."""
    before = dump(http, writer)
    response = http.request(method, f"{writer.url}/store", params={"graph": ARTICLE.strip("<>")}, headers={
        **BEARER, "Content-Type": "application/n-triples"}, content=f"{ROUND_9} a <{ID}x> .\n".encode())
    assert response.status_code == 405
    assert dump(http, writer) == before
