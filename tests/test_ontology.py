"""The ontology files agree with the contract, with the data mapping.py writes, and with
each other: `ontology/qus.ttl` declares and documents every term, `ontology/topics.ttl`
is exactly the topic scheme of `data/lexicon/topics.tsv`, and `ontology/context.jsonld`
round-trips an article graph through JSON-LD.

`ontology/topics.ttl` is generated; after editing topics.tsv, regenerate it with

    PYTHONPATH=src python tests/test_ontology.py
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import OWL, RDF, RDFS, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.term import Node

from qusgraph.extract import extract_article
from qusgraph.rdf.mapping import article_graph, topic_scheme_from_lexicon
from qusgraph.rdf.mint import graph_iri
from qusgraph.rdf.namespaces import PREFIXES
from qusgraph.text.articles import read_text_file
from qusgraph.text.lexicon import Lexicon, load_lexicon

REPO = Path(__file__).resolve().parent.parent
ONTOLOGY_FILE = REPO / "ontology" / "qus.ttl"
TOPICS_FILE = REPO / "ontology" / "topics.ttl"
CONTEXT_FILE = REPO / "ontology" / "context.jsonld"
SEED_ARTICLE = REPO / "data" / "articles" / "seed-000.txt"
SEED_PUBLISHED = date(2022, 11, 21)

QUS = Namespace(PREFIXES["qus"])
SCHEMA = Namespace(PREFIXES["schema"])
PROV = Namespace(PREFIXES["prov"])
ORG = Namespace(PREFIXES["org"])
OA = Namespace(PREFIXES["oa"])
SKOS = Namespace(PREFIXES["skos"])
ONTOLOGY_IRI = URIRef("https://w3id.org/qusgraph/ontology")

# ------------------------------------------------------------------ the contract (contract.md)
AGREEMENT_KINDS = [
    "MemorandumOfUnderstanding", "LetterOfIntent", "StatementOfIntent", "JointDeclaration",
]
CONTRACT_CLASSES = [
    "Article", "Country", "Official", "Place", "Organization", "Dialogue", "Round", "Agreement",
    "MemorandumOfUnderstanding", "LetterOfIntent", "StatementOfIntent", "JointDeclaration",
    "Commitment", "Topic",
]
# Classes mapping.py adds for posts and provenance.
MAPPING_CLASSES = ["Post", "Sentence", "Support"]

OBJECT_PROPERTIES = [
    "represents", "holds", "party", "partOf", "place", "chair", "topic", "round", "beneficiary",
    "mentionedIn", "country", "inArticle",
]
DATATYPE_PROPERTIES = [
    "isoCode", "position", "ordinal", "date", "quantity", "amount", "currency", "duration",
    "published", "text", "start", "end",
]

# The JSON-LD context coerces these literals to a fixed datatype; qus:date has three.
CONTEXT_DATATYPES = {
    "ordinal": XSD.integer,
    "quantity": XSD.integer,
    "start": XSD.integer,
    "end": XSD.integer,
    "amount": XSD.decimal,
    "duration": XSD.duration,
    "published": XSD.date,
}

ALIGNMENTS = [
    (QUS.Round, RDFS.subClassOf, SCHEMA.Event),
    (QUS.Dialogue, RDFS.subClassOf, SCHEMA.EventSeries),
    (QUS.Official, RDFS.subClassOf, SCHEMA.Person),
    (QUS.Official, RDFS.subClassOf, PROV.Agent),
    (QUS.Country, RDFS.subClassOf, SCHEMA.Country),
    (QUS.Place, RDFS.subClassOf, SCHEMA.Place),
    (QUS.Organization, RDFS.subClassOf, SCHEMA.Organization),
    (QUS.Organization, RDFS.subClassOf, ORG.Organization),
    (QUS.Article, RDFS.subClassOf, SCHEMA.NewsArticle),
    (QUS.Article, RDFS.subClassOf, PROV.Entity),
    (QUS.Commitment, RDFS.subClassOf, SCHEMA.MonetaryAmount),
    (QUS.Post, RDFS.subClassOf, ORG.Post),
    (QUS.Topic, RDFS.subClassOf, SKOS.Concept),
    (QUS.Agreement, RDFS.subClassOf, SCHEMA.CreativeWork),
    (QUS.Agreement, RDFS.subClassOf, PROV.Entity),
    (QUS.Sentence, RDFS.subClassOf, PROV.Entity),
    (QUS.Support, RDFS.subClassOf, RDF.Statement),
    (QUS.Support, RDFS.subClassOf, PROV.Entity),
    *((QUS[kind], RDFS.subClassOf, QUS.Agreement) for kind in AGREEMENT_KINDS),
    (QUS.holds, RDFS.subPropertyOf, ORG.holds),
    (QUS.amount, RDFS.subPropertyOf, SCHEMA.value),
    (QUS.currency, RDFS.subPropertyOf, SCHEMA.currency),
    (QUS.date, RDFS.subPropertyOf, SCHEMA.startDate),
    (QUS.place, RDFS.subPropertyOf, SCHEMA.location),
    (QUS.partOf, RDFS.subPropertyOf, SCHEMA.superEvent),
    (QUS.mentionedIn, RDFS.subPropertyOf, SCHEMA.subjectOf),
    (QUS.start, RDFS.subPropertyOf, OA.start),
    (QUS.end, RDFS.subPropertyOf, OA.end),
    (QUS.published, RDFS.subPropertyOf, SCHEMA.datePublished),
]

# Terms from other vocabularies that the data may use without qus.ttl declaring them.
EXTERNAL_NAMESPACES = tuple(PREFIXES[name] for name in ("rdf", "rdfs", "prov", "schema", "skos"))


# ------------------------------------------------------------------ fixtures
@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def context() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))
    return document["@context"]


@pytest.fixture(scope="module")
def seed_dataset(lexicon: Lexicon) -> Dataset:
    """The seed article's named graph, as qusgraph builds it."""
    article = read_text_file(SEED_ARTICLE, lexicon, SEED_PUBLISHED)
    graph = article_graph(extract_article(article, lexicon).facts, lexicon)
    dataset = Dataset()
    dataset.parse(data=ox.serialize(graph.quads, format=ox.RdfFormat.N_QUADS), format="nquads")
    return dataset


@pytest.fixture(scope="module")
def seed_graph(seed_dataset: Dataset) -> Graph:
    merged = Graph()
    for subject, predicate, obj, _ in seed_dataset.quads():
        merged.add((subject, predicate, obj))
    return merged


def in_namespace(term: Node, *namespaces: str) -> bool:
    # str() first: rdflib's URIRef.startswith does not accept a tuple of prefixes.
    return str(term).startswith(tuple(str(namespace) for namespace in namespaces))


def languages(values: Iterable[Node]) -> set[str | None]:
    return {value.language for value in values if isinstance(value, Literal)}


def undocumented(ontology: Graph, term: Node) -> list[str]:
    """What `term` lacks: an Arabic and an English rdfs:label and rdfs:comment."""
    gaps = []
    for documentation in (RDFS.label, RDFS.comment):
        for lang in ("ar", "en"):
            if lang not in languages(ontology.objects(term, documentation)):
                gaps.append(f"{ontology.namespace_manager.normalizeUri(documentation)}@{lang}")
    return gaps


# ------------------------------------------------------------------ qus.ttl
def test_ontology_header_says_what_it_is(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    dcterms = Namespace(PREFIXES["dcterms"])
    for documentation in (dcterms.title, dcterms.description):
        assert languages(ontology.objects(ONTOLOGY_IRI, documentation)) >= {"ar", "en"}
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert ontology.value(ONTOLOGY_IRI, dcterms.license) is not None


@pytest.mark.parametrize("name", CONTRACT_CLASSES + MAPPING_CLASSES)
def test_class_is_declared_and_documented(name: str, ontology: Graph) -> None:
    assert (QUS[name], RDF.type, OWL.Class) in ontology
    assert undocumented(ontology, QUS[name]) == []


@pytest.mark.parametrize(
    "name, kind",
    [(name, OWL.ObjectProperty) for name in OBJECT_PROPERTIES]
    + [(name, OWL.DatatypeProperty) for name in DATATYPE_PROPERTIES],
)
def test_property_is_declared_with_its_kind_domain_range_and_documentation(
    name: str, kind: URIRef, ontology: Graph
) -> None:
    term = QUS[name]
    assert (term, RDF.type, kind) in ontology
    assert ontology.value(term, RDFS.range) is not None
    # qus:mentionedIn applies to any extracted node, so it alone has no domain.
    assert name == "mentionedIn" or ontology.value(term, RDFS.domain) is not None
    assert undocumented(ontology, term) == []


def test_every_term_of_the_qus_namespace_is_documented(ontology: Graph) -> None:
    terms = {s for s in ontology.subjects() if isinstance(s, URIRef) and in_namespace(s, QUS)}
    assert {term: gaps for term in terms if (gaps := undocumented(ontology, term))} == {}
    assert all((term, RDFS.isDefinedBy, ONTOLOGY_IRI) in ontology for term in terms)


@pytest.mark.parametrize(
    "subject, relation, target",
    ALIGNMENTS,
    ids=lambda node: node.n3() if isinstance(node, URIRef) else None,
)
def test_alignment(subject: URIRef, relation: URIRef, target: URIRef, ontology: Graph) -> None:
    assert (subject, relation, target) in ontology


def union_members(ontology: Graph, node: Node | None) -> set[Node]:
    """The classes or datatypes of an owl:unionOf (empty when `node` is not one)."""
    members = ontology.value(node, OWL.unionOf) if node is not None else None
    return set(ontology.items(members)) if members is not None else set()


@pytest.mark.parametrize(
    "name, members",
    [
        ("party", {QUS.Dialogue, QUS.Agreement, QUS.Commitment}),
        ("topic", {QUS.Round, QUS.Agreement, QUS.Commitment}),
    ],
)
def test_property_with_several_domains_has_their_union(
    name: str, members: set[URIRef], ontology: Graph
) -> None:
    assert union_members(ontology, ontology.value(QUS[name], RDFS.domain)) == members


def test_a_round_date_is_a_day_a_month_or_a_year(ontology: Graph) -> None:
    date_range = ontology.value(QUS.date, RDFS.range)
    assert (date_range, RDF.type, RDFS.Datatype) in ontology
    assert union_members(ontology, date_range) == {XSD.date, XSD.gYearMonth, XSD.gYear}


def test_every_term_the_seed_graph_uses_is_declared(ontology: Graph, seed_graph: Graph) -> None:
    used = set(seed_graph.predicates()) | set(seed_graph.objects(None, RDF.type))
    own = {term for term in used if in_namespace(term, QUS)}
    assert {term: gaps for term in own if (gaps := undocumented(ontology, term))} == {}
    foreign = used - own
    assert {term for term in foreign if not in_namespace(term, *EXTERNAL_NAMESPACES)} == set()


def test_object_and_datatype_properties_match_the_values_in_the_data(
    ontology: Graph, seed_graph: Graph
) -> None:
    for predicate in {p for p in seed_graph.predicates() if in_namespace(p, QUS)}:
        values = set(seed_graph.objects(None, predicate))
        literals = all(isinstance(value, Literal) for value in values)
        kind = OWL.DatatypeProperty if literals else OWL.ObjectProperty
        assert (predicate, RDF.type, kind) in ontology, predicate


# ------------------------------------------------------------------ topics.ttl
def topic_scheme_triples(lexicon: Lexicon) -> list[ox.Triple]:
    """The triples `topic_scheme_from_lexicon` makes from topics.tsv."""
    graph = ox.NamedNode(graph_iri("topics"))
    return [quad.triple for quad in topic_scheme_from_lexicon(lexicon, graph)]


def topic_scheme_graph(lexicon: Lexicon) -> Graph:
    triples = topic_scheme_triples(lexicon)
    return Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")


def test_topics_file_is_the_topic_scheme_of_the_lexicon(lexicon: Lexicon) -> None:
    in_file = Graph().parse(TOPICS_FILE, format="turtle")
    assert isomorphic(in_file, topic_scheme_graph(lexicon)), (
        "ontology/topics.ttl differs from data/lexicon/topics.tsv; regenerate it with "
        "`PYTHONPATH=src python tests/test_ontology.py`"
    )


TOPICS_HEADER = """\
# The topic scheme of the Qatar–United States Strategic Dialogue, as SKOS.
#
# GENERATED from data/lexicon/topics.tsv by qusgraph.rdf.mapping.topic_scheme_from_lexicon; do not
# edit. Regenerate with `PYTHONPATH=src python tests/test_ontology.py`;
# tests/test_ontology.py fails when this file and topics.tsv disagree.

"""


def topics_turtle(lexicon: Lexicon) -> str:
    triples = topic_scheme_triples(lexicon)
    prefixes = {name: PREFIXES[name] for name in ("rdfs", "skos", "qus")}
    prefixes["topic"] = f"{PREFIXES['id']}topic/"
    body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes) or b""
    # One blank line between subjects, spaces rather than tabs.
    lines = [line.replace("\t", "    ") for line in body.decode("utf-8").splitlines()]
    spaced = [f"{line}\n" if line.endswith(" .") and not line.startswith("@") else line
              for line in lines]
    return TOPICS_HEADER + "\n".join(spaced).rstrip() + "\n"


# ------------------------------------------------------------------ context.jsonld
def test_context_declares_the_project_prefixes(context: dict[str, Any]) -> None:
    assert {name: context.get(name) for name in PREFIXES} == PREFIXES
    assert context["label"] == "rdfs:label"


def expand(context: dict[str, Any], compact: str) -> URIRef:
    prefix, _, local = compact.partition(":")
    return URIRef(context[prefix] + local if prefix in context else compact)


@pytest.mark.parametrize("name", OBJECT_PROPERTIES + DATATYPE_PROPERTIES)
def test_context_has_a_term_per_property(name: str, context: dict[str, Any]) -> None:
    definition = context[name]
    iri = definition if isinstance(definition, str) else definition["@id"]
    assert expand(context, iri) == QUS[name]
    coercion = None if isinstance(definition, str) else definition.get("@type")
    if name in OBJECT_PROPERTIES:
        assert coercion == "@id"
    elif name in CONTEXT_DATATYPES:
        assert coercion is not None and expand(context, coercion) == CONTEXT_DATATYPES[name]
    else:
        # qus:date has three datatypes; the strings and language-tagged strings keep theirs.
        assert coercion is None


def test_context_uses_no_containers(context: dict[str, Any]) -> None:
    # A container (@set, @language …) would change the shape of compacted documents.
    assert not any("@container" in d for d in context.values() if isinstance(d, dict))


def test_seed_graph_round_trips_through_json_ld(
    seed_dataset: Dataset, context: dict[str, Any]
) -> None:
    document = seed_dataset.serialize(format="json-ld", context=context, auto_compact=True)
    back = Dataset()
    back.parse(data=document, format="json-ld")
    graphs = [graph for graph in seed_dataset.graphs() if len(graph)]
    assert graphs
    for graph in graphs:
        assert isomorphic(graph, back.graph(graph.identifier)), graph.identifier
    # Terms, not full IRIs, in the document: the context was applied.
    assert '"chair"' in document and '"ordinal"' in document


if __name__ == "__main__":
    TOPICS_FILE.write_text(topics_turtle(load_lexicon()), encoding="utf-8")
    print(f"wrote {TOPICS_FILE}")
