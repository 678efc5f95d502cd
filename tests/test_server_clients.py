"""`qusgraph serve` as third-party SPARQL clients meet it with their DEFAULT settings (issue 13,
"done when"): SPARQLWrapper and rdflib's SPARQLStore ask for SPARQL/XML results and RDF/XML
graphs by GET unless told otherwise, so these are what the endpoint must answer."""

from __future__ import annotations

import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import SPARQLWrapper

from qusgraph.rdf.namespaces import ID
from qusgraph.rdf.namespaces import QUS as QUS_IRI
from server_utils import Server, server_fixture

QUS = rdflib.Namespace(QUS_IRI)
ROUND_5 = URIRef(ID + "dialogue/QA-US/round/5")
PREFIX = f"PREFIX qus: <{QUS_IRI}>\n"  # clients parse the query themselves: no predeclared prefixes
ORDINALS = PREFIX + "SELECT ?ordinal WHERE { ?round a qus:Round ; qus:ordinal ?ordinal } ORDER BY ?ordinal"
ASK = PREFIX + "ASK { ?round qus:ordinal 5 }"
CONSTRUCT = PREFIX + "CONSTRUCT { ?round qus:ordinal ?o } WHERE { ?round a qus:Round ; qus:ordinal ?o }"
DESCRIBE = f"DESCRIBE <{ROUND_5}>"

served = server_fixture(name="served")
# SPARQLWrapper 2.0 parses graphs into a ConjunctiveGraph, which rdflib 7 deprecates: its warning.
OLD_GRAPH_CLASS = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")


def wrapper(server: Server, query: str) -> SPARQLWrapper:
    client = SPARQLWrapper(f"{server.url}/sparql")  # no setReturnFormat, no setMethod: the defaults
    client.setQuery(query)
    return client


def test_sparqlwrapper_defaults_select(served: Server) -> None:
    document = wrapper(served, ORDINALS).query().convert()
    values = [node.firstChild.data for node in document.getElementsByTagName("literal")]  # type: ignore[union-attr]
    assert values == ["1", "2", "3", "4", "5"]


def test_sparqlwrapper_defaults_ask(served: Server) -> None:
    document = wrapper(served, ASK).query().convert()
    assert document.getElementsByTagName("boolean")[0].firstChild.data == "true"  # type: ignore[union-attr]


@OLD_GRAPH_CLASS
def test_sparqlwrapper_defaults_construct(served: Server) -> None:
    graph = wrapper(served, CONSTRUCT).query().convert()
    assert isinstance(graph, rdflib.Graph) and len(graph) == 5
    assert (ROUND_5, QUS.ordinal, Literal(5)) in graph


@OLD_GRAPH_CLASS
def test_sparqlwrapper_defaults_describe(served: Server) -> None:
    graph = wrapper(served, DESCRIBE).query().convert()
    assert isinstance(graph, rdflib.Graph)
    assert (ROUND_5, QUS.ordinal, Literal(5)) in graph


def store_graph(server: Server) -> rdflib.Graph:
    return rdflib.Dataset(store=SPARQLStore(f"{server.url}/sparql"))


def test_sparqlstore_defaults_select(served: Server) -> None:
    rows = store_graph(served).query(ORDINALS)
    assert [str(row[0]) for row in rows] == ["1", "2", "3", "4", "5"]  # type: ignore[index]


def test_sparqlstore_defaults_ask(served: Server) -> None:
    assert store_graph(served).query(ASK).askAnswer is True


def test_sparqlstore_defaults_construct(served: Server) -> None:
    graph = store_graph(served).query(CONSTRUCT).graph
    assert graph is not None and len(graph) == 5
    assert (ROUND_5, QUS.ordinal, Literal(5)) in graph


def test_sparqlstore_defaults_describe(served: Server) -> None:
    graph = store_graph(served).query(DESCRIBE).graph
    assert graph is not None
    assert (ROUND_5, QUS.ordinal, Literal(5)) in graph
