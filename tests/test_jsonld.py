"""The streaming JSON-LD writer: compact where the context allows, exact always.

Every document is read back with rdflib's JSON-LD parser and compared with the quads written.
"""

from __future__ import annotations

import io
import json

import pyoxigraph as ox
import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic

from qusgraph.errors import QueryError
from qusgraph.serialize.export import jsonld_context, write_jsonld
from qusgraph.serialize.jsonld import Compactor, write_compact_jsonld

QUS = "https://w3id.org/qusgraph/ontology#"
ID = "https://w3id.org/qusgraph/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def node(local: str) -> ox.NamedNode:
    return ox.NamedNode(ID + local)


def prop(local: str) -> ox.NamedNode:
    return ox.NamedNode(QUS + local)


def typed(value: str, datatype: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))


ROUND, ARTICLE = node("dialogue/QA-US/round/5"), node("article/a1")
AWKWARD_QUADS = [
    ox.Quad(ROUND, RDF_TYPE, prop("Round"), ARTICLE),
    ox.Quad(ROUND, RDF_TYPE, ox.NamedNode("http://example.org/Meeting"), ARTICLE),
    ox.Quad(ROUND, prop("ordinal"), typed("5", "integer"), ARTICLE),  # the term's own datatype
    ox.Quad(ROUND, prop("ordinal"), typed("05", "string"), ARTICLE),  # not the term's datatype
    ox.Quad(ROUND, prop("date"), typed("2022-11-21", "date"), ARTICLE),  # term without coercion
    ox.Quad(ROUND, prop("chair"), node("person/x"), ARTICLE),
    ox.Quad(ROUND, prop("chair"), ox.Literal("not an IRI"), ARTICLE),  # an @id term holding a literal
    ox.Quad(ROUND, prop("topic"), ox.BlankNode("t1"), ARTICLE),
    ox.Quad(ROUND, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
            ox.Literal("الدورة الخامسة", language="ar"), ARTICLE),
    ox.Quad(ROUND, ox.NamedNode("http://example.org/unprefixed"), ox.Literal("plain"), ARTICLE),
    ox.Quad(ROUND, prop("place"), ox.NamedNode(ID + "//odd"), ARTICLE),  # a prefix would misread this
    ox.Quad(ox.BlankNode("t1"), RDF_TYPE, ox.Literal("a literal type"), ARTICLE),
    ox.Quad(ROUND, prop("ordinal"), typed("5", "integer"), ox.DefaultGraph()),
    ox.Quad(ARTICLE, prop("published"), typed("2022-11-21", "date"), ox.DefaultGraph()),
    ox.Quad(ROUND, prop("partOf"), node("dialogue/QA-US"), ox.DefaultGraph()),  # the subject again, later
]


def read_back(document: bytes) -> Dataset:
    dataset = Dataset()
    dataset.parse(data=document.decode("utf-8"), format="json-ld")
    return dataset


def as_dataset(quads: list[ox.Quad]) -> Dataset:
    dataset = Dataset()
    dataset.parse(data=ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8"), format="nquads")
    return dataset


def assert_same_graphs(actual: Dataset, expected: Dataset) -> None:
    actual_graphs = {graph.identifier: graph for graph in actual.graphs() if len(graph)}
    expected_graphs = {graph.identifier: graph for graph in expected.graphs() if len(graph)}
    assert actual_graphs.keys() == expected_graphs.keys()
    for name, graph in expected_graphs.items():
        assert isomorphic(actual_graphs[name], graph), name


def test_awkward_values_read_back_as_the_same_quads() -> None:
    output = io.BytesIO()
    write_jsonld(AWKWARD_QUADS, output)
    assert_same_graphs(read_back(output.getvalue()), as_dataset(AWKWARD_QUADS))


def test_values_the_context_describes_are_written_short() -> None:
    output = io.BytesIO()
    write_jsonld(AWKWARD_QUADS[:8], output)
    named = json.loads(output.getvalue())["@graph"][0]
    assert named["@id"] == "id:article/a1"
    round_node = named["@graph"][0]
    assert round_node["@type"] == ["Round", "http://example.org/Meeting"]
    assert round_node["ordinal"] == ["5", {"@value": "05"}]
    assert round_node["date"] == [{"@value": "2022-11-21", "@type": "xsd:date"}]
    assert round_node["chair"] == ["id:person/x", {"@value": "not an IRI"}]


def test_an_empty_dataset_is_an_empty_document() -> None:
    output = io.BytesIO()
    write_compact_jsonld([], output, jsonld_context())
    document = json.loads(output.getvalue())
    assert document["@graph"] == [] and "@context" in document


def test_a_context_with_features_the_writer_does_not_know_is_refused() -> None:
    with pytest.raises(QueryError, match="'names'"):
        Compactor({"names": {"@id": "http://example.org/name", "@container": "@language"}})


# JSON-LD 1.1 additions (JSON-LD 1.1 §1.2 "What's new"): a context using none of them is read by
# 1.0 processors too (jsonld-java, Jena), which refuse "@version": 1.1 outright (issue 13.8).
JSON_LD_11_KEYWORDS = frozenset({"@version", "@protected", "@import", "@propagate", "@nest", "@prefix",
                                 "@context", "@direction", "@json", "@none", "@included", "@container"})


def test_the_shipped_context_uses_only_json_ld_1_0() -> None:
    context = jsonld_context()
    assert not JSON_LD_11_KEYWORDS & set(context)
    for name, definition in context.items():
        if isinstance(definition, dict):
            assert set(definition) <= {"@id", "@type"}, name
            assert definition.get("@type") not in ("@json", "@none", "@vocab"), name
        else:
            assert isinstance(definition, str), name
