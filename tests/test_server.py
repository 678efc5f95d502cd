"""`qusgraph serve` as clients meet it: a real server process on a loopback port, a real
HTTP client, answers parsed with json, csv, xml.etree and rdflib.

Three servers, each on its own seeded store, started once for the module:
`reader` (defaults but --timeout 3, so that a slow query can be shown to stop),
`writer` (--allow-update --token, CORS on) and `limited` (--max-rows 5 --max-body 1000,
CORS on, --base-url). Tests that write use names of their own, so their order does not matter.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
import shutil
import subprocess
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
import rdflib
from rdflib import RDF, RDFS, Literal, Namespace, URIRef

from qusgraph.rdf.mint import article_iri, graph_iri
from qusgraph.rdf.namespaces import ID
from qusgraph.rdf.namespaces import QUS as QUS_IRI
from server_utils import (
    PUBLISHED,
    ROOT,
    SEED,
    TOKEN,
    Server,
    children,
    client,
    listener,
    listening_addresses,
    qusgraph,
    server_fixture,
)

QUS = Namespace(QUS_IRI)
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
ROUND_5 = URIRef(ID + "dialogue/QA-US/round/5")
DOHA = URIRef(ID + "place/doha")
SEED_GRAPH = article_iri("seed-000")
TOPICS_GRAPH = graph_iri("topics")
QUERIES = ROOT / "data" / "queries"
CORS_ORIGIN = "http://example.test"
BASE_URL = "http://example.test:1234"
BEARER = {"Authorization": f"Bearer {TOKEN}"}

JSON_RESULTS = "application/sparql-results+json"
XML_RESULTS = "application/sparql-results+xml"
FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
ORDINALS = "SELECT ?ordinal WHERE { ?round a qus:Round ; qus:ordinal ?ordinal } ORDER BY ?ordinal"
ORDINAL_GRAPH = "CONSTRUCT { ?round qus:ordinal ?ordinal } WHERE { ?round a qus:Round ; qus:ordinal ?ordinal }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
FAST = "ASK { ?round qus:ordinal 5 }"

reader = server_fixture("--timeout", "3", name="reader")
writer = server_fixture("--allow-update", "--token", TOKEN, "--cors-origin", CORS_ORIGIN, name="writer")
limited = server_fixture("--max-rows", "5", "--max-body", "1000", "--cors-origin", CORS_ORIGIN,
                         "--base-url", BASE_URL, "--workers", "2", name="limited")


@pytest.fixture(scope="module")
def http() -> Iterator[httpx.Client]:
    with client() as session:
        yield session


# ------------------------------------------------------------------------- helpers
def sparql_get(http: httpx.Client, server: Server, query: str, accept: str | None = JSON_RESULTS,
               **params: str | list[str]) -> httpx.Response:
    headers = {"Accept": accept} if accept is not None else {}
    return http.get(f"{server.url}/sparql", params={"query": query, **params}, headers=headers)


def bindings(response: httpx.Response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    data = json.loads(response.text)
    return [{name: cell["value"] for name, cell in row.items()} for row in data["results"]["bindings"]]


def select(http: httpx.Client, server: Server, query: str) -> list[dict[str, str]]:
    return bindings(sparql_get(http, server, query))


def ask(http: httpx.Client, server: Server, query: str) -> bool:
    response = sparql_get(http, server, query)
    assert response.status_code == 200, response.text
    return bool(json.loads(response.text)["boolean"])


def update(http: httpx.Client, server: Server, text: str, headers: dict[str, str] | None = None) -> httpx.Response:
    return http.post(f"{server.url}/sparql", content=text.encode(),
                     headers={"Content-Type": SPARQL_UPDATE, **(headers or {})})


def media_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip()


def graph_of(response: httpx.Response, fmt: str) -> rdflib.Graph:
    assert response.status_code == 200, response.text
    if fmt == "nquads":
        dataset = rdflib.Dataset()
        dataset.parse(data=response.text, format="nquads")
        graph = rdflib.Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            graph.add((s, p, o))
        return graph
    return rdflib.Graph().parse(data=response.text, format=fmt)


def article_record(article_id: str, text: str | None = None) -> str:
    body = text if text is not None else SEED.read_text(encoding="utf-8").split("\n", 1)[1]
    return json.dumps({"id": article_id, "title": "الحوار الاستراتيجي", "text": body, "published": PUBLISHED,
                       "lang": "ar"}, ensure_ascii=False)


def has_graph(http: httpx.Client, server: Server, iri: str) -> bool:
    return ask(http, server, f"ASK {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}")


def example_titles() -> dict[str, str]:
    """data/queries/*.rq → the question in its first comment line."""
    return {path.name: path.read_text(encoding="utf-8").splitlines()[0].lstrip("#").strip()
            for path in sorted(QUERIES.glob("*.rq"))}


class Html(HTMLParser):
    """Elements of a page with their attributes and text content, and every link."""

    VOID_TAGS = frozenset({"meta", "link", "br", "img", "input", "hr", "source", "wbr"})

    def __init__(self, text: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str], str]] = []
        self.links: list[str] = []
        self.assets: list[str] = []
        self._open: list[tuple[str, dict[str, str], list[str]]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "a" and "href" in values:
            self.links.append(values["href"])
        if tag in ("script", "img") and "src" in values or tag == "link" and "href" in values:
            self.assets.append(values.get("src") or values["href"])
        if tag not in self.VOID_TAGS:
            self._open.append((tag, values, []))

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            name, values, text = self._open.pop()
            self.elements.append((name, values, "".join(text)))
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        for _, _, text in self._open:
            text.append(data)

    def text_of(self, tag: str) -> list[str]:
        return [text for name, _, text in self.elements if name == tag]


# ========================================================================= SPARQL 1.1 Protocol
def _json_ordinals(text: str) -> list[str]:
    return [row["ordinal"]["value"] for row in json.loads(text)["results"]["bindings"]]


def _xml_ordinals(text: str) -> list[str]:
    ns = "{http://www.w3.org/2005/sparql-results#}"
    root = ET.fromstring(text)
    return [literal.text or "" for literal in root.iter(f"{ns}literal")]


def _csv_ordinals(text: str) -> list[str]:
    return [row["ordinal"] for row in csv.DictReader(io.StringIO(text))]


def _tsv_ordinals(text: str) -> list[str]:
    rows = list(csv.reader(io.StringIO(text), delimiter="\t"))
    assert rows[0] == ["?ordinal"]
    return [re.match(r'"?([^"^]+)', row[0]).group(1) for row in rows[1:]]  # type: ignore[union-attr]


@pytest.mark.parametrize("accept, parse", [
    (JSON_RESULTS, _json_ordinals),
    (XML_RESULTS, _xml_ordinals),
    ("text/csv", _csv_ordinals),
    ("text/tab-separated-values", _tsv_ordinals),
])
def test_select_results_come_in_the_accepted_media_type(
        reader: Server, http: httpx.Client, accept: str, parse: Callable[[str], list[str]]) -> None:
    response = sparql_get(http, reader, ORDINALS, accept)
    assert response.status_code == 200, response.text
    assert media_type(response) == accept
    assert parse(response.text) == ["1", "2", "3", "4", "5"]


def test_ask_answers_a_boolean(reader: Server, http: httpx.Client) -> None:
    assert ask(http, reader, FAST) is True
    assert ask(http, reader, "ASK { ?round qus:ordinal 99 }") is False


@pytest.mark.parametrize("accept, fmt", [
    ("text/turtle", "turtle"),
    ("application/n-triples", "nt"),
    ("application/ld+json", "json-ld"),
    ("application/n-quads", "nquads"),
    ("application/rdf+xml", "xml"),
])
def test_construct_results_come_in_the_accepted_rdf_syntax(
        reader: Server, http: httpx.Client, accept: str, fmt: str) -> None:
    response = sparql_get(http, reader, ORDINAL_GRAPH, accept)
    assert media_type(response) == accept
    graph = graph_of(response, fmt)
    assert len(graph) == 5
    assert (ROUND_5, QUS.ordinal, Literal(5)) in graph


@pytest.mark.parametrize("accept", ["*/*", None])
def test_select_defaults_to_sparql_json_for_any_or_no_accept(
        reader: Server, http: httpx.Client, accept: str | None) -> None:
    response = _get_query(http, reader, ORDINALS, accept)
    assert response.status_code == 200
    assert media_type(response) == JSON_RESULTS
    assert _json_ordinals(response.text) == ["1", "2", "3", "4", "5"]


@pytest.mark.parametrize("accept", ["*/*", None])
def test_construct_defaults_to_turtle_for_any_or_no_accept(
        reader: Server, http: httpx.Client, accept: str | None) -> None:
    response = _get_query(http, reader, ORDINAL_GRAPH, accept)
    assert media_type(response) == "text/turtle"
    assert len(graph_of(response, "turtle")) == 5


def _get_query(http: httpx.Client, server: Server, query: str, accept: str | None) -> httpx.Response:
    """GET /sparql with exactly this Accept header, or none at all (httpx sends */* unless told)."""
    request = http.build_request("GET", f"{server.url}/sparql", params={"query": query})
    if accept is None:
        del request.headers["Accept"]
    else:
        request.headers["Accept"] = accept
    return http.send(request)


def test_the_most_preferred_acceptable_type_wins(reader: Server, http: httpx.Client) -> None:
    response = sparql_get(http, reader, ORDINALS, f"text/csv;q=0.5, {XML_RESULTS}, image/png;q=0.9")
    assert media_type(response) == XML_RESULTS


def _ask_get(http: httpx.Client, url: str, query: str) -> httpx.Response:
    return http.get(f"{url}/sparql", params={"query": query}, headers={"Accept": JSON_RESULTS})


def _ask_form(http: httpx.Client, url: str, query: str) -> httpx.Response:
    return http.post(f"{url}/sparql", data={"query": query}, headers={"Accept": JSON_RESULTS})


def _ask_direct(http: httpx.Client, url: str, query: str) -> httpx.Response:
    return http.post(f"{url}/sparql", content=query.encode(),
                     headers={"Content-Type": SPARQL_QUERY, "Accept": JSON_RESULTS})


SENDERS = {"GET": _ask_get, "POST form": _ask_form, "POST sparql-query": _ask_direct}


@pytest.mark.parametrize("how", list(SENDERS))
def test_a_query_can_be_sent_by_get_or_either_post(reader: Server, http: httpx.Client, how: str) -> None:
    response = SENDERS[how](http, reader.url, ORDINALS)
    assert response.status_code == 200, response.text
    assert _json_ordinals(response.text) == ["1", "2", "3", "4", "5"]


SUPPORTS = "SELECT ?s WHERE { ?s a qus:Support }"


def test_the_default_graph_is_the_merged_graph_without_provenance(reader: Server, http: httpx.Client) -> None:
    assert select(http, reader, SUPPORTS) == []


@pytest.mark.parametrize("how", list(SENDERS))
def test_default_graph_uri_chooses_the_default_graph(reader: Server, http: httpx.Client, how: str) -> None:
    if how == "GET":
        response = http.get(f"{reader.url}/sparql", params={"query": SUPPORTS, "default-graph-uri": SEED_GRAPH},
                            headers={"Accept": JSON_RESULTS})
    elif how == "POST form":
        response = http.post(f"{reader.url}/sparql", data={"query": SUPPORTS, "default-graph-uri": SEED_GRAPH},
                             headers={"Accept": JSON_RESULTS})
    else:
        response = http.post(f"{reader.url}/sparql", params={"default-graph-uri": SEED_GRAPH},
                             content=SUPPORTS.encode(), headers={"Content-Type": SPARQL_QUERY, "Accept": JSON_RESULTS})
    assert len(bindings(response)) > 0


def test_named_graph_uri_limits_the_named_graphs(reader: Server, http: httpx.Client) -> None:
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
    everything = {row["g"] for row in select(http, reader, graphs)}
    assert {SEED_GRAPH, TOPICS_GRAPH} <= everything
    chosen = bindings(sparql_get(http, reader, graphs, **{"named-graph-uri": TOPICS_GRAPH}))
    assert {row["g"] for row in chosen} == {TOPICS_GRAPH}


def test_from_in_the_query_chooses_the_default_graph(reader: Server, http: httpx.Client) -> None:
    assert select(http, reader, f"SELECT ?s FROM <{SEED_GRAPH}> WHERE {{ ?s a qus:Support }}")


def test_default_graph_uri_takes_precedence_over_from(reader: Server, http: httpx.Client) -> None:
    query = f"SELECT ?s FROM <{TOPICS_GRAPH}> WHERE {{ ?s a qus:Support }}"
    assert select(http, reader, query) == []
    assert bindings(sparql_get(http, reader, query, **{"default-graph-uri": SEED_GRAPH}))


DATASET_REASON = ("SPARQL 1.1 Protocol 2.1.4 / Query 13.2: default-graph-uri and named-graph-uri together describe "
                  "the whole dataset, as FROM / FROM NAMED do (which the server gets right); workers.answer_query "
                  "passes only the one given to pyoxigraph, which keeps the store's own for the other")


def test_default_graph_uri_alone_leaves_no_named_graphs(reader: Server, http: httpx.Client) -> None:
    response = sparql_get(http, reader, "ASK { GRAPH ?g { ?s ?p ?o } }", **{"default-graph-uri": SEED_GRAPH})
    assert json.loads(response.text)["boolean"] is False


def test_named_graph_uri_alone_leaves_an_empty_default_graph(reader: Server, http: httpx.Client) -> None:
    response = sparql_get(http, reader, "ASK { ?s ?p ?o }", **{"named-graph-uri": TOPICS_GRAPH})
    assert json.loads(response.text)["boolean"] is False


def test_a_syntax_error_is_400_with_the_parser_s_message(reader: Server, http: httpx.Client) -> None:
    """The safety check parses first (with rdflib's grammar), so its parser's message is given."""
    broken = "SELECT * WHERE { ?s ?p }"
    response = sparql_get(http, reader, broken)
    assert response.status_code == 400
    assert media_type(response) == "text/plain"
    assert "syntax error" in response.text and "line 1, column" in response.text


def test_an_empty_query_is_400(reader: Server, http: httpx.Client) -> None:
    assert sparql_get(http, reader, "   ").status_code == 400


@pytest.mark.parametrize("query, accept", [
    (ORDINALS, "image/png"),
    (ORDINALS, "text/turtle"),
    (ORDINAL_GRAPH, JSON_RESULTS),
    (ORDINALS, f"{JSON_RESULTS};q=0"),
])
def test_an_accept_that_cannot_be_served_is_406(reader: Server, http: httpx.Client, query: str, accept: str) -> None:
    response = sparql_get(http, reader, query, accept)
    assert response.status_code == 406
    assert "offered" in response.text


@pytest.mark.parametrize("content_type", ["text/plain", "application/json", None])
def test_an_unknown_content_type_is_415(reader: Server, http: httpx.Client, content_type: str | None) -> None:
    request = http.build_request("POST", f"{reader.url}/sparql", content=ORDINALS.encode())
    if content_type is None:
        request.headers.pop("Content-Type", None)
    else:
        request.headers["Content-Type"] = content_type
    response = http.send(request)
    assert response.status_code == 415
    assert SPARQL_QUERY in response.text


BOTH = "INSERT DATA { <http://example.test/both> <http://example.test/p> %d }"
AMBIGUOUS = {
    "two queries": [("query", FAST), ("query", ORDINALS)],
    "query and update": [("query", FAST), ("update", BOTH % 1)],
    "two updates": [("update", BOTH % 1), ("update", BOTH % 2)],
}


@pytest.mark.parametrize("how", ["get", "form"])
@pytest.mark.parametrize("case", list(AMBIGUOUS))
def test_a_request_with_more_than_one_operation_is_400(
        writer: Server, http: httpx.Client, case: str, how: str) -> None:
    fields = AMBIGUOUS[case]
    if how == "get":
        response = http.get(f"{writer.url}/sparql", params=fields, headers=BEARER)
    else:
        body = "&".join(f"{name}={quote(value)}" for name, value in fields).encode()
        response = http.post(f"{writer.url}/sparql", content=body, headers={"Content-Type": FORM, **BEARER})
    assert response.status_code == 400, response.text
    assert not ask(http, writer, "ASK { <http://example.test/both> ?p ?o }")


def test_dump_with_an_accept_it_cannot_serve_is_406(reader: Server, http: httpx.Client) -> None:
    response = http.get(f"{reader.url}/dump", headers={"Accept": "text/csv"})
    assert response.status_code == 406


def test_update_by_get_is_not_allowed(reader: Server, http: httpx.Client) -> None:
    response = http.get(f"{reader.url}/sparql", params={"update": "CLEAR ALL"})
    assert response.status_code == 405


GET_ROUTES = ["/", "/context.jsonld", f"/sparql?query={quote(FAST)}", f"/sparql?query={quote(ORDINAL_GRAPH)}",
              "/sparql",
              f"/store?graph={quote(SEED_GRAPH)}", "/store?default", "/dump", "/.well-known/void", "/ontology",
              "/id/dialogue/QA-US/round/5", "/search?q=doha", "/timeline", "/timeline.svg"]


@pytest.mark.parametrize("path", GET_ROUTES)
def test_head_answers_like_get_without_a_body(reader: Server, http: httpx.Client, path: str) -> None:
    got = http.get(f"{reader.url}{path}", headers={"Accept": "*/*"})
    head = http.head(f"{reader.url}{path}", headers={"Accept": "*/*"})
    assert (head.status_code, head.headers.get("content-type")) == (got.status_code, got.headers.get("content-type"))
    assert got.status_code == 200
    assert head.content == b""


# ========================================================================= Graph Store Protocol
def test_store_graph_returns_one_article_graph(reader: Server, http: httpx.Client) -> None:
    response = http.get(f"{reader.url}/store", params={"graph": SEED_GRAPH}, headers={"Accept": "text/turtle"})
    assert media_type(response) == "text/turtle"
    graph = graph_of(response, "turtle")
    assert any(graph.subjects(RDF.type, QUS.Support))
    assert (ROUND_5, QUS.ordinal, Literal(5)) in graph


def test_store_graph_is_rdf_xml_by_accept(reader: Server, http: httpx.Client) -> None:
    response = http.get(f"{reader.url}/store", params={"graph": SEED_GRAPH}, headers={"Accept": "application/rdf+xml"})
    assert media_type(response) == "application/rdf+xml"
    assert (ROUND_5, QUS.ordinal, Literal(5)) in graph_of(response, "xml")


def test_describe_is_rdf_xml_by_accept(reader: Server, http: httpx.Client) -> None:
    response = sparql_get(http, reader, f"DESCRIBE <{ROUND_5}>", "application/rdf+xml")
    assert media_type(response) == "application/rdf+xml"
    assert (ROUND_5, QUS.ordinal, Literal(5)) in graph_of(response, "xml")


def test_store_default_returns_the_merged_graph(reader: Server, http: httpx.Client) -> None:
    response = http.get(f"{reader.url}/store?default", headers={"Accept": "application/n-triples"})
    assert media_type(response) == "application/n-triples"
    graph = graph_of(response, "nt")
    assert (ROUND_5, QUS.place, DOHA) in graph
    assert not any(graph.subjects(RDF.type, QUS.Support))


def test_store_graph_that_does_not_exist_is_404(reader: Server, http: httpx.Client) -> None:
    response = http.get(f"{reader.url}/store", params={"graph": ID + "article/no-such-article"})
    assert response.status_code == 404


@pytest.mark.parametrize("query", ["", "?graph=not%20an%20iri"])
def test_store_without_a_graph_iri_is_400(reader: Server, http: httpx.Client, query: str) -> None:
    assert http.get(f"{reader.url}/store{query}").status_code == 400


# ========================================================================= descriptions
@pytest.mark.parametrize("accept, fmt", [("text/turtle", "turtle"), ("application/ld+json", "json-ld")])
def test_get_sparql_without_a_query_is_the_service_description(
        reader: Server, http: httpx.Client, accept: str, fmt: str) -> None:
    response = http.get(f"{reader.url}/sparql", headers={"Accept": accept})
    graph = graph_of(response, fmt)
    service = next(graph.subjects(RDF.type, SD.Service))
    assert graph.value(service, SD.endpoint) == URIRef(f"{reader.url}/sparql")
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    formats = set(graph.objects(service, SD.resultFormat))
    assert {FORMATS.SPARQL_Results_JSON, FORMATS.SPARQL_Results_XML, FORMATS.SPARQL_Results_CSV,
            FORMATS.SPARQL_Results_TSV, FORMATS.Turtle, FORMATS["N-Triples"], FORMATS["JSON-LD"],
            FORMATS["N-Quads"], FORMATS.TriG, FORMATS.RDF_XML} <= formats


def test_the_service_description_claims_no_feature_it_lacks_and_names_the_graphs(
        reader: Server, http: httpx.Client) -> None:
    graph = graph_of(http.get(f"{reader.url}/sparql", headers={"Accept": "text/turtle"}), "turtle")
    claimed = set(graph.objects(None, SD.feature))
    assert not claimed & {SD.UnionDefaultGraph, SD.BasicFederatedQuery, SD.DereferencesURIs, SD.RequiresDataset,
                          SD.EmptyGraphs}
    names = set(graph.objects(None, SD.name))
    assert {URIRef(SEED_GRAPH), URIRef(TOPICS_GRAPH)} <= names


def test_the_service_description_offers_update_only_when_writes_are_on(
        reader: Server, writer: Server, http: httpx.Client) -> None:
    def languages(server: Server) -> set[object]:
        graph = graph_of(http.get(f"{server.url}/sparql", headers={"Accept": "text/turtle"}), "turtle")
        return set(graph.objects(None, SD.supportedLanguage))

    assert SD.SPARQL11Update not in languages(reader)
    assert SD.SPARQL11Update in languages(writer)


def void_graph(http: httpx.Client, server: Server) -> tuple[rdflib.Graph, URIRef]:
    graph = graph_of(http.get(f"{server.url}/.well-known/void", headers={"Accept": "text/turtle"}), "turtle")
    dataset = next(graph.subjects(RDF.type, VOID.Dataset))
    assert isinstance(dataset, URIRef)
    return graph, dataset


def test_void_describes_the_dataset(reader: Server, http: httpx.Client) -> None:
    graph, dataset = void_graph(http, reader)
    triples = graph.value(dataset, VOID.triples)
    assert isinstance(triples, Literal)
    # the dataset is every graph: the merged default graph and each article's graph
    count = select(http, reader, "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
                   )[0]["n"]
    assert int(triples) == int(count)
    partitions = {graph.value(p, VOID["class"]): str(graph.value(p, VOID.entities))
                  for p in graph.objects(dataset, VOID.classPartition)}
    assert partitions[QUS.Round] == "5"
    assert graph.value(dataset, VOID.sparqlEndpoint) == URIRef(f"{reader.url}/sparql")
    assert graph.value(dataset, VOID.dataDump) == URIRef(f"{reader.url}/dump")
    assert len(set(graph.objects(dataset, VOID.exampleResource))) >= 3


def test_void_example_resources_resolve(reader: Server, http: httpx.Client) -> None:
    graph, dataset = void_graph(http, reader)
    for example in graph.objects(dataset, VOID.exampleResource):
        assert str(example).startswith(ID)
        response = http.get(f"{reader.url}/id/{str(example)[len(ID):]}", headers={"Accept": "text/turtle"})
        assert (example, None, None) in graph_of(response, "turtle")


def test_void_data_dump_is_the_whole_dataset(reader: Server, http: httpx.Client) -> None:
    graph, dataset = void_graph(http, reader)
    response = http.get(str(graph.value(dataset, VOID.dataDump)))
    assert media_type(response) == "application/n-quads"
    data = rdflib.Dataset()
    data.parse(data=response.text, format="nquads")
    names = {str(graph.identifier) for graph in data.graphs()}
    assert {SEED_GRAPH, TOPICS_GRAPH} <= names


# ========================================================================= linked data
ROUND_5_PATH = f"/id/{ROUND_5[len(ID):]}"
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


def round_5_page(http: httpx.Client, server: Server) -> Html:
    response = http.get(f"{server.url}{ROUND_5_PATH}", headers={"Accept": BROWSER_ACCEPT})
    assert response.status_code == 200
    assert media_type(response) == "text/html"
    return Html(response.text)


def label(http: httpx.Client, server: Server, iri: str, lang: str) -> str:
    rows = select(http, server, f'SELECT ?l WHERE {{ <{iri}> rdfs:label ?l FILTER(lang(?l) = "{lang}") }}')
    return rows[0]["l"]


def test_a_minted_iri_page_shows_the_arabic_label_right_to_left(reader: Server, http: httpx.Client) -> None:
    arabic = label(http, reader, ROUND_5, "ar")
    page = round_5_page(http, reader)
    assert any(text.strip() == arabic and attrs.get("dir") == "rtl" and attrs.get("lang") == "ar"
               for _, attrs, text in page.elements)


def test_a_minted_iri_page_shows_the_english_label(reader: Server, http: httpx.Client) -> None:
    english = label(http, reader, ROUND_5, "en")
    page = round_5_page(http, reader)
    assert any(text.strip() == english and attrs.get("lang") == "en" and attrs.get("dir", "ltr") == "ltr"
               for _, attrs, text in page.elements)


def test_a_minted_iri_page_links_its_facts_to_their_pages(reader: Server, http: httpx.Client) -> None:
    page = round_5_page(http, reader)
    assert f"{reader.url}/id/{DOHA[len(ID):]}" in page.links
    chairs = select(http, reader, f"SELECT ?c WHERE {{ <{ROUND_5}> qus:chair ?c }}")
    assert chairs and all(f"{reader.url}/id/{row['c'][len(ID):]}" in page.links for row in chairs)
    followed = http.get(f"{reader.url}/id/{DOHA[len(ID):]}", headers={"Accept": BROWSER_ACCEPT})
    assert followed.status_code == 200 and media_type(followed) == "text/html"


def test_a_minted_iri_page_quotes_the_supporting_sentence(reader: Server, http: httpx.Client) -> None:
    quotes = {row["quote"] for row in select(http, reader, (QUERIES / "evidence.rq").read_text(encoding="utf-8"))}
    assert quotes
    blockquotes = round_5_page(http, reader).text_of("blockquote")
    for sentence in quotes:
        assert any(f"“{sentence}”" in text for text in blockquotes), sentence


@pytest.mark.parametrize("accept, fmt", [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                                         ("application/rdf+xml", "xml")])
def test_a_minted_iri_is_rdf_by_accept(reader: Server, http: httpx.Client, accept: str, fmt: str) -> None:
    response = http.get(f"{reader.url}{ROUND_5_PATH}", headers={"Accept": accept})
    assert media_type(response) == accept
    graph = graph_of(response, fmt)
    assert (ROUND_5, QUS.ordinal, Literal(5)) in graph
    assert (ROUND_5, QUS.place, DOHA) in graph
    assert (ROUND_5, RDFS.label, Literal(label(http, reader, ROUND_5, "ar"), lang="ar")) in graph


def test_a_minted_iri_names_the_published_context_with_a_base_url(
        reader: Server, limited: Server, http: httpx.Client) -> None:
    accept = {"Accept": "application/ld+json"}
    inlined = http.get(f"{reader.url}{ROUND_5_PATH}", headers=accept).json()
    named = http.get(f"{limited.url}{ROUND_5_PATH}", headers=accept).json()
    assert isinstance(inlined["@context"], dict)
    assert named["@context"] == f"{BASE_URL}/context.jsonld"
    assert named["@graph"] == inlined["@graph"]


def test_a_minted_iri_is_turtle_by_format_parameter(reader: Server, http: httpx.Client) -> None:
    response = http.get(f"{reader.url}{ROUND_5_PATH}?format=turtle", headers={"Accept": BROWSER_ACCEPT})
    assert (ROUND_5, QUS.ordinal, Literal(5)) in graph_of(response, "turtle")


@pytest.mark.parametrize("accept", [BROWSER_ACCEPT, "text/turtle"])
def test_an_unknown_minted_iri_is_404(reader: Server, http: httpx.Client, accept: str) -> None:
    response = http.get(f"{reader.url}/id/dialogue/QA-US/round/99", headers={"Accept": accept})
    assert response.status_code == 404


# ========================================================================= --base-url
def test_base_url_maps_the_links_of_pages(limited: Server, http: httpx.Client) -> None:
    page = round_5_page(http, limited)
    minted = [link for link in page.links if "/id/" in link]
    assert minted and all(link.startswith(f"{BASE_URL}/id/") for link in minted)
    assert not any(link.startswith(limited.url) for link in page.links)


def test_base_url_is_the_endpoint_in_the_service_description(limited: Server, http: httpx.Client) -> None:
    graph = graph_of(http.get(f"{limited.url}/sparql", headers={"Accept": "text/turtle"}), "turtle")
    assert set(graph.objects(None, SD.endpoint)) == {URIRef(f"{BASE_URL}/sparql")}


def test_base_url_is_where_the_query_page_sends_queries(limited: Server, http: httpx.Client) -> None:
    config = query_page_config(http, limited)
    assert config["base"] == BASE_URL


# ========================================================================= the query page
def query_page_config(http: httpx.Client, server: Server) -> dict[str, object]:
    response = http.get(f"{server.url}/")
    assert response.status_code == 200 and media_type(response) == "text/html"
    match = re.search(r'<script id="qusgraph-config" type="application/json">(.*?)</script>', response.text, re.S)
    assert match is not None
    config: dict[str, object] = json.loads(match.group(1))
    return config


def test_the_query_page_holds_the_example_questions(reader: Server, http: httpx.Client) -> None:
    config = query_page_config(http, reader)
    examples = {example["file"]: example for example in config["examples"]}  # type: ignore[attr-defined]
    titles = example_titles()
    assert {name: example["title"] for name, example in examples.items()} == titles
    assert examples["rounds.rq"]["query"] == (QUERIES / "rounds.rq").read_text(encoding="utf-8")


def test_the_query_page_needs_nothing_from_the_internet(reader: Server, http: httpx.Client) -> None:
    page = http.get(f"{reader.url}/")
    assets = Html(page.text).assets
    assert assets
    for asset in assets:
        # relative to the page, so the page works wherever the server is mounted
        assert not asset.startswith("//") and "://" not in asset, asset
        response = http.get(f"{reader.url}/{asset.lstrip('/')}")
        assert response.status_code == 200, asset
        assert not re.search(r"""(@import|url\(\s*['"]?)\s*(https?:)?//""", response.text), asset
        assert not re.search(r"""\b(src|href)\s*=\s*['"](https?:)?//""", response.text), asset


# ========================================================================= the README
def readme_curl_examples() -> list[str]:
    """The curl commands of the README's first example block about the endpoint (reads only)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The SPARQL endpoint", 1)[1]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    commands = block.replace("\\\n", " ").splitlines()
    return [command.strip() for command in commands if command.strip().startswith("curl ")]


def test_the_readme_documents_the_endpoint_with_curl_examples() -> None:
    assert len(readme_curl_examples()) >= 5


@pytest.mark.skipif(shutil.which("curl") is None, reason="needs curl")
@pytest.mark.parametrize("command", readme_curl_examples(),
                         ids=[f"example-{n}" for n, _ in enumerate(readme_curl_examples(), start=1)])
def test_the_readme_s_curl_examples_work(reader: Server, command: str) -> None:
    argv = shlex.split(command.replace("http://127.0.0.1:7878", reader.url))
    argv.insert(1, "--fail")
    result = subprocess.run(argv, cwd=ROOT, capture_output=True, timeout=30, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


# ========================================================================= writes
def test_writes_are_off_by_default_for_ingest(reader: Server, http: httpx.Client) -> None:
    response = http.post(f"{reader.url}/ingest", content=article_record("off-1").encode(),
                         headers={"Content-Type": "application/x-ndjson", **BEARER})
    assert response.status_code == 403
    assert "--allow-update" in response.text
    assert not has_graph(http, reader, article_iri("off-1"))


@pytest.mark.parametrize("content_type", [SPARQL_UPDATE, FORM])
def test_writes_are_off_by_default_for_sparql_update(reader: Server, http: httpx.Client, content_type: str) -> None:
    text = "INSERT DATA { <http://example.test/off> <http://example.test/p> 1 }"
    body = text.encode() if content_type == SPARQL_UPDATE else f"update={quote(text)}".encode()
    response = http.post(f"{reader.url}/sparql", content=body, headers={"Content-Type": content_type, **BEARER})
    assert response.status_code == 403
    assert not ask(http, reader, "ASK { <http://example.test/off> ?p ?o }")


BAD_CREDENTIALS = [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"},
                   {"Authorization": TOKEN}, {"Authorization": "Bearer"}]


@pytest.mark.parametrize("headers", BAD_CREDENTIALS, ids=["none", "wrong", "basic", "bare", "empty"])
def test_ingest_without_the_token_is_401_with_a_bearer_challenge(
        writer: Server, http: httpx.Client, headers: dict[str, str]) -> None:
    response = http.post(f"{writer.url}/ingest", content=article_record("untrusted-1").encode(),
                         headers={"Content-Type": "application/x-ndjson", **headers})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert not has_graph(http, writer, article_iri("untrusted-1"))


@pytest.mark.parametrize("headers", BAD_CREDENTIALS, ids=["none", "wrong", "basic", "bare", "empty"])
def test_sparql_update_without_the_token_is_401_with_a_bearer_challenge(
        writer: Server, http: httpx.Client, headers: dict[str, str]) -> None:
    response = update(http, writer, "INSERT DATA { <http://example.test/untrusted> <http://example.test/p> 1 }",
                      headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert not ask(http, writer, "ASK { <http://example.test/untrusted> ?p ?o }")


def test_ingest_reports_each_article(writer: Server, http: httpx.Client) -> None:
    body = article_record("posted-1") + "\n" + json.dumps({"id": "posted-empty", "text": ""}) + "\n"
    response = http.post(f"{writer.url}/ingest", content=body.encode(),
                         headers={"Content-Type": "application/x-ndjson", **BEARER})
    assert response.status_code == 200, response.text
    assert media_type(response) == "application/json"
    report = response.json()
    assert (report["accepted"], report["rejected"]) == (1, 1)
    by_outcome = {entry["accepted"]: entry for entry in report["articles"]}
    assert by_outcome[True]["id"] == "posted-1" and by_outcome[True]["quads"] > 0
    assert "empty" in by_outcome[False]["message"]


def test_an_ingested_article_is_queryable_at_once(writer: Server, http: httpx.Client) -> None:
    assert not has_graph(http, writer, article_iri("posted-2"))
    response = http.post(f"{writer.url}/ingest", content=article_record("posted-2").encode(),
                         headers={"Content-Type": "application/x-ndjson", **BEARER})
    assert response.json()["accepted"] == 1
    assert has_graph(http, writer, article_iri("posted-2"))


def test_ingest_takes_plain_text(writer: Server, http: httpx.Client) -> None:
    response = http.post(f"{writer.url}/ingest", params={"id": "plain-1", "published": PUBLISHED},
                         content=SEED.read_text(encoding="utf-8").encode(),
                         headers={"Content-Type": "text/plain; charset=utf-8", **BEARER})
    assert response.json()["accepted"] == 1
    assert has_graph(http, writer, article_iri("plain-1"))


def test_ingest_of_an_unknown_content_type_is_415(writer: Server, http: httpx.Client) -> None:
    response = http.post(f"{writer.url}/ingest", content=b"%PDF-1.7", headers={"Content-Type": "application/pdf",
                                                                                **BEARER})
    assert response.status_code == 415


@pytest.mark.parametrize("content_type", [SPARQL_UPDATE, FORM])
def test_sparql_update_with_the_token_is_204_and_visible(
        writer: Server, http: httpx.Client, content_type: str) -> None:
    subject = f"http://example.test/{content_type.replace('/', '-')}"
    text = f"INSERT DATA {{ <{subject}> <http://example.test/p> 1 }}"
    body = text.encode() if content_type == SPARQL_UPDATE else f"update={quote(text)}".encode()
    response = http.post(f"{writer.url}/sparql", content=body, headers={"Content-Type": content_type, **BEARER})
    assert response.status_code == 204, response.text
    assert ask(http, writer, f"ASK {{ <{subject}> ?p ?o }}")


def test_a_broken_update_is_400(writer: Server, http: httpx.Client) -> None:
    response = update(http, writer, "INSERT DATA { <http://example.test/x> }", BEARER)
    assert response.status_code == 400
    assert "syntax error" in response.text


def void_triples(http: httpx.Client, server: Server) -> int:
    graph, dataset = void_graph(http, server)
    return int(str(graph.value(dataset, VOID.triples)))


def test_void_follows_writes(writer: Server, http: httpx.Client) -> None:
    before = void_triples(http, writer)
    assert update(http, writer, "INSERT DATA { <http://example.test/void> <http://example.test/p> 1 }",
                  BEARER).status_code == 204
    assert void_triples(http, writer) == before + 1


def _posted_file(tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.txt"
    path.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def test_cli_ingest_endpoint_posts_to_the_server(writer: Server, http: httpx.Client, tmp_path: Path) -> None:
    article = _posted_file(tmp_path, "cli-posted")
    result = qusgraph("ingest", "--endpoint", writer.url, "--token", TOKEN, "--published", PUBLISHED, str(article))
    assert result.returncode == 0, result.stderr
    assert "1 article(s) ingested" in result.stdout
    assert has_graph(http, writer, article_iri("cli-posted"))


def test_cli_ingest_endpoint_takes_the_token_from_the_environment(
        writer: Server, http: httpx.Client, tmp_path: Path) -> None:
    article = _posted_file(tmp_path, "cli-env")
    result = qusgraph("ingest", "--endpoint", f"{writer.url}/sparql", "--published", PUBLISHED, str(article),
                      QUSGRAPH_TOKEN=TOKEN)
    assert result.returncode == 0, result.stderr
    assert has_graph(http, writer, article_iri("cli-env"))


def test_cli_ingest_endpoint_with_a_wrong_token_fails(writer: Server, http: httpx.Client, tmp_path: Path) -> None:
    article = _posted_file(tmp_path, "cli-wrong")
    result = qusgraph("ingest", "--endpoint", writer.url, "--token", "wrong", str(article))
    assert result.returncode != 0
    assert "401" in result.stderr and "Traceback" not in result.stderr
    assert not has_graph(http, writer, article_iri("cli-wrong"))


def test_cli_ingest_store_on_a_served_store_says_to_use_the_endpoint(
        writer: Server, http: httpx.Client, tmp_path: Path) -> None:
    article = _posted_file(tmp_path, "cli-held")
    result = qusgraph("ingest", "--store", str(writer.store), "--published", PUBLISHED, str(article))
    assert result.returncode != 0
    assert "--endpoint" in result.stderr and writer.url in result.stderr
    assert "Traceback" not in result.stderr
    assert not has_graph(http, writer, article_iri("cli-held"))


def test_cli_query_store_on_a_served_store_reads_beside_the_server(reader: Server) -> None:
    result = qusgraph("query", "--store", str(reader.store), FAST)
    assert result.returncode == 0, result.stderr


def test_cli_query_endpoint_asks_the_server(reader: Server) -> None:
    result = qusgraph("query", "--endpoint", reader.url, "--file", str(QUERIES / "rounds.rq"))
    assert result.returncode == 0, result.stderr
    assert "(5 rows)" in result.stdout and "Doha" in result.stdout


def test_serve_allow_update_needs_a_token(tmp_path: Path) -> None:
    result = qusgraph("serve", "--store", str(tmp_path / "store"), "--allow-update", "--port", "0", timeout=30)
    assert result.returncode != 0
    assert "--allow-update needs a token" in result.stderr
    assert not (tmp_path / "store").exists()


def test_serve_allow_update_without_a_token_is_a_usage_error(tmp_path: Path) -> None:
    result = qusgraph("serve", "--store", str(tmp_path / "store"), "--allow-update", "--port", "0", timeout=30)
    assert result.returncode == 2
    assert "internal error" not in result.stderr


# ========================================================================= safety
SERVICE_QUERIES = {
    "plain": "SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    "lower case": "select * where {{ service <{url}/sparql> {{ ?s ?p ?o }} }}",
    "mixed case": "SELECT * WHERE {{ ?r qus:ordinal 5 . SeRvIcE <{url}/sparql> {{ ?s ?p ?o }} }}",
    "silent": "SELECT * WHERE {{ ?r qus:ordinal 5 SERVICE SILENT <{url}/sparql> {{ ?s ?p ?o }} }}",
    "u escape": "SELECT * WHERE {{ \\u0053ERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    "U escape lower": "SELECT * WHERE {{ \\U00000073ervice <{url}/sparql> {{ ?s ?p ?o }} }}",
    "escaped iri": "SELECT * WHERE {{ ?r qus:ordinal 5 SERVICE <{url}/\\u0073parql> {{ ?s ?p ?o }} }}",
    "after a comment": "SELECT * WHERE {{ # SERVICE?\n ?r qus:ordinal 5 SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
}


@pytest.mark.parametrize("how", list(SENDERS))
@pytest.mark.parametrize("variant", list(SERVICE_QUERIES))
def test_service_is_refused_and_no_request_is_made(reader: Server, http: httpx.Client, variant: str,
                                                    how: str) -> None:
    with listener() as target:
        response = SENDERS[how](http, reader.url, SERVICE_QUERIES[variant].format(url=target.url))
        assert response.status_code == 403
        assert "SERVICE is not allowed" in response.text
        assert target.requests == []


def test_the_listener_would_have_seen_a_request(http: httpx.Client) -> None:
    """The check above is meaningful: the listener records what reaches it."""
    with listener() as target:
        http.get(f"{target.url}/probe")
        assert target.requests == ["GET /probe"]


SSRF_BYPASSES = {
    "keyword glued to a number": "SELECT * WHERE {{ ?r qus:ordinal 5SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    "escaped backslash in a string": 'SELECT * WHERE {{ BIND("\\u005C" AS ?x) SERVICE <{url}/sparql> '
                                     '{{ ?s ?p ?o }} FILTER(?x != "y") }}',
}


@pytest.mark.parametrize("variant", list(SSRF_BYPASSES))
def test_hidden_service_is_refused_and_no_request_is_made(reader: Server, http: httpx.Client, variant: str) -> None:
    with listener() as target:
        response = _ask_get(http, reader.url, SSRF_BYPASSES[variant].format(url=target.url))
        requests = list(target.requests)
    assert requests == []
    assert response.status_code in (400, 403)  # refused: not understood by the guard, or SERVICE


@pytest.mark.parametrize("param", ["default-graph-uri", "named-graph-uri"])
def test_a_dataset_iri_that_is_not_a_graph_of_the_store_is_refused_unfetched(
        reader: Server, http: httpx.Client, param: str) -> None:
    with listener() as target:
        response = sparql_get(http, reader, "SELECT * WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }",
                              **{param: f"{target.url}/data.ttl"})
        assert response.status_code == 403
        assert "not a graph of this store" in response.text
        assert target.requests == []


def test_from_an_iri_that_is_not_a_graph_of_the_store_is_refused_unfetched(reader: Server, http: httpx.Client) -> None:
    with listener() as target:
        response = sparql_get(http, reader, f"SELECT * FROM <{target.url}/data.ttl> WHERE {{ ?s ?p ?o }}")
        assert response.status_code == 403
        assert target.requests == []


def test_an_id_path_cannot_inject_sparql(reader: Server, http: httpx.Client) -> None:
    with listener() as target:
        injected = quote(f"x> ?p ?o }} SERVICE <{target.url}/sparql> {{ ?s ?p ?o }} #", safe="")
        for accept in (BROWSER_ACCEPT, "text/turtle"):
            response = http.get(f"{reader.url}/id/{injected}", headers={"Accept": accept})
            assert response.status_code in (400, 404)
        assert target.requests == []


@pytest.mark.parametrize("text", ["LOAD <file:///etc/passwd>", "load <file:///etc/passwd> INTO GRAPH <http://x/>",
                                  "LOAD SILENT <file:///etc/passwd>", "\\u004cOAD <file:///etc/passwd>"])
def test_load_of_a_local_file_is_refused(writer: Server, http: httpx.Client, text: str) -> None:
    response = update(http, writer, text, BEARER)
    assert response.status_code == 403
    assert "LOAD is not allowed" in response.text


def test_load_of_a_url_is_refused_and_no_request_is_made(writer: Server, http: httpx.Client) -> None:
    with listener() as target:
        response = update(http, writer, f"LOAD <{target.url}/data.ttl>", BEARER)
        assert response.status_code == 403
        assert target.requests == []


def test_service_in_an_update_is_refused_and_no_request_is_made(writer: Server, http: httpx.Client) -> None:
    with listener() as target:
        response = update(http, writer, f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{target.url}/sparql> "
                                        "{ ?s ?p ?o } }", BEARER)
        assert response.status_code == 403
        assert target.requests == []


def test_hidden_load_is_refused_and_no_request_is_made(writer: Server, http: httpx.Client) -> None:
    with listener() as target:
        response = update(http, writer, 'INSERT DATA { <http://example.test/a> <http://example.test/b> "\\u005C" } ; '
                                        f'LOAD <{target.url}/data.ttl> ; '
                                        'INSERT DATA { <http://example.test/a> <http://example.test/b> "x" }', BEARER)
        requests = list(target.requests)
    assert requests == []
    assert response.status_code in (400, 403)


# ------------------------------------------------------------------------- binding
def test_serve_binds_loopback_by_default() -> None:
    result = qusgraph("serve", "--help")
    assert result.returncode == 0
    assert re.search(r"--host\b[^\n]*(\n\s+[^-\s][^\n]*)*\[default:\s*127\.0\.0\.1\]", result.stdout), result.stdout


def test_the_server_listens_on_loopback_only(reader: Server) -> None:
    addresses = listening_addresses(reader.port)
    if not addresses:
        pytest.skip("no /proc/net/tcp to read listening sockets from")
    assert addresses == {"127.0.0.1"}


def test_the_server_announces_its_loopback_url(reader: Server) -> None:
    assert f"SPARQL: http://127.0.0.1:{reader.port}/sparql" in reader.log()


# ------------------------------------------------------------------------- time limit
def test_a_query_past_the_time_limit_is_stopped_with_503(reader: Server, http: httpx.Client) -> None:
    started = time.monotonic()
    response = _ask_get(http, reader.url, SLOW)
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert "3 s time limit" in response.text and "stopped" in response.text
    assert 2.5 <= elapsed <= 8, elapsed


def test_a_slow_query_does_not_hold_up_a_fast_one(reader: Server) -> None:
    slow: dict[str, object] = {}

    def run_slow() -> None:
        with client() as own:
            slow["response"] = _ask_get(own, reader.url, SLOW)
            slow["done"] = time.monotonic()

    thread = threading.Thread(target=run_slow)
    thread.start()
    try:
        time.sleep(0.5)
        with client() as own:
            started = time.monotonic()
            fast = _ask_get(own, reader.url, FAST)
            fast_done = time.monotonic()
    finally:
        thread.join(timeout=20)
    assert fast.status_code == 200 and fast.json()["boolean"] is True
    assert fast_done - started < 2.0
    assert fast_done < float(slow["done"]) - 0.5  # type: ignore[arg-type]
    assert slow["response"].status_code == 503  # type: ignore[attr-defined]


def test_a_stopped_query_s_worker_is_replaced(reader: Server, http: httpx.Client) -> None:
    if not Path("/proc").is_dir():
        pytest.skip("needs /proc to see the worker processes")
    before = children(reader.process.pid)
    assert _ask_get(http, reader.url, SLOW).status_code == 503
    after = children(reader.process.pid)
    assert before - after, "the worker running the slow query still exists"
    assert after - before, "no worker took its place"
    assert len(after) == len(before)
    assert _ask_get(http, reader.url, FAST).json()["boolean"] is True


# ------------------------------------------------------------------------- caps
def test_answers_past_max_rows_are_cut_and_say_so(limited: Server, http: httpx.Client) -> None:
    response = sparql_get(http, limited, "SELECT * WHERE { ?s ?p ?o }")
    assert len(bindings(response)) == 5
    assert response.headers["X-Qusgraph-Truncated"] == "true"


def test_graphs_past_max_rows_are_cut_and_say_so(limited: Server, http: httpx.Client) -> None:
    response = sparql_get(http, limited, "CONSTRUCT WHERE { ?s ?p ?o }", "application/n-triples")
    assert len(graph_of(response, "nt")) == 5
    assert response.headers["X-Qusgraph-Truncated"] == "true"


def test_answers_within_max_rows_are_whole(limited: Server, http: httpx.Client) -> None:
    response = sparql_get(http, limited, "SELECT * WHERE { ?s ?p ?o } LIMIT 3")
    assert len(bindings(response)) == 3
    assert "X-Qusgraph-Truncated" not in response.headers


@pytest.mark.parametrize("content_type", [SPARQL_QUERY, FORM])
def test_a_body_over_max_body_is_413(limited: Server, http: httpx.Client, content_type: str) -> None:
    query = FAST + "\n# " + "x" * 2000
    body = query.encode() if content_type == SPARQL_QUERY else f"query={quote(query)}".encode()
    response = http.post(f"{limited.url}/sparql", content=body, headers={"Content-Type": content_type})
    assert response.status_code == 413


def test_a_chunked_body_over_max_body_is_413(limited: Server, http: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        yield FAST.encode() + b"\n# "
        for _ in range(20):
            yield b"x" * 100

    response = http.post(f"{limited.url}/sparql", content=chunks(), headers={"Content-Type": SPARQL_QUERY})
    assert response.request.headers.get("Transfer-Encoding") == "chunked"
    assert response.status_code == 413


def test_a_body_within_max_body_is_answered(limited: Server, http: httpx.Client) -> None:
    assert _ask_direct(http, limited.url, FAST).json()["boolean"] is True


# ------------------------------------------------------------------------- CORS
def test_cors_lets_the_configured_origin_read(limited: Server, http: httpx.Client) -> None:
    response = http.get(f"{limited.url}/sparql", params={"query": FAST}, headers={"Origin": CORS_ORIGIN})
    assert response.status_code == 200
    assert response.headers.get("Access-Control-Allow-Origin") == CORS_ORIGIN


def test_cors_allows_a_cross_origin_query_post(limited: Server, http: httpx.Client) -> None:
    response = http.options(f"{limited.url}/sparql", headers={
        "Origin": CORS_ORIGIN, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert response.status_code == 200
    assert response.headers.get("Access-Control-Allow-Origin") == CORS_ORIGIN


def test_cors_exposes_the_truncation_header(limited: Server, http: httpx.Client) -> None:
    response = http.get(f"{limited.url}/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"},
                        headers={"Origin": CORS_ORIGIN})
    assert response.headers.get("X-Qusgraph-Truncated") == "true"
    exposed = response.headers.get("Access-Control-Expose-Headers", "").lower()
    assert "x-qusgraph-truncated" in exposed


def _vary(response: httpx.Response) -> set[str]:
    return {part.strip().lower() for part in response.headers.get("Vary", "").split(",") if part.strip()}


@pytest.mark.parametrize("path", [p for p in GET_ROUTES if p not in ("/", "/ontology", "/context.jsonld")
                                  and not p.startswith(("/search", "/timeline"))])
def test_negotiated_answers_vary_on_accept(reader: Server, limited: Server, http: httpx.Client, path: str) -> None:
    assert "accept" in _vary(http.get(f"{reader.url}{path}"))
    # With CORS on, on Origin too, whether or not this request carried one.
    assert {"accept", "origin"} <= _vary(http.get(f"{limited.url}{path}"))
    assert {"accept", "origin"} <= _vary(http.get(f"{limited.url}{path}", headers={"Origin": CORS_ORIGIN}))


@pytest.mark.parametrize("server_name", ["reader", "limited"])
def test_the_json_ld_context_is_served_to_any_origin(
        server_name: str, request: pytest.FixtureRequest, http: httpx.Client) -> None:
    server: Server = request.getfixturevalue(server_name)
    response = http.get(f"{server.url}/context.jsonld", headers={"Origin": "http://other.test"})
    assert response.status_code == 200
    assert media_type(response) == "application/ld+json"
    assert response.headers.get("Access-Control-Allow-Origin") == "*"
    assert response.json() == json.loads((ROOT / "ontology" / "context.jsonld").read_text(encoding="utf-8"))


def test_cors_ignores_other_origins(limited: Server, http: httpx.Client) -> None:
    response = http.get(f"{limited.url}/sparql", params={"query": FAST}, headers={"Origin": "http://other.test"})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_cors_is_off_by_default(reader: Server, http: httpx.Client) -> None:
    response = http.get(f"{reader.url}/sparql", params={"query": FAST}, headers={"Origin": CORS_ORIGIN})
    assert "Access-Control-Allow-Origin" not in response.headers


@pytest.mark.parametrize("path", ["/ingest", "/sparql"])
def test_cors_never_allows_a_cross_origin_write(writer: Server, http: httpx.Client, path: str) -> None:
    response = http.options(f"{writer.url}{path}", headers={
        "Origin": CORS_ORIGIN, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type"})
    assert not 200 <= response.status_code < 300
    assert "authorization" not in response.headers.get("Access-Control-Allow-Headers", "").lower()


# ------------------------------------------------------------------------- concurrency
def test_several_clients_at_once_are_all_answered(reader: Server) -> None:
    def one_client(number: int) -> list[tuple[int, list[str]]]:
        answers = []
        with client() as own:
            for _ in range(20):
                response = _ask_get(own, reader.url, ORDINALS)
                answers.append((response.status_code, _json_ordinals(response.text)))
        return answers

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = [answer for answers in pool.map(one_client, range(8)) for answer in answers]
    assert len(results) == 160
    assert all(answer == (200, ["1", "2", "3", "4", "5"]) for answer in results)
