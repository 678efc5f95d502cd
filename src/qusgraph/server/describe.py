"""What the endpoint says about itself: a SPARQL 1.1 Service Description (on GET /sparql
without a query) and a VoID description of the dataset (on GET /.well-known/void),
both generated from the store as it is now."""

from __future__ import annotations

import pyoxigraph as ox

from ..rdf.namespaces import DCTERMS, RDF_TYPE_NODE, RDFS, SD, VOID
from ..store.embedded import QusStore

FORMATS = "http://www.w3.org/ns/formats/"
# Every format /sparql answers in (server/negotiation.py's tables), by its W3C format IRI.
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "N-Triples", "JSON-LD", "N-Quads", "TriG", "RDF_XML")
# sd:feature claims none of SPARQL 1.1 SD §3.3's features, because none holds: the default graph
# is the merged graph of facts, not the union of the named graphs (sd:UnionDefaultGraph);
# SERVICE is refused (sd:BasicFederatedQuery); FROM never fetches (sd:DereferencesURIs); a query
# needs no dataset (sd:RequiresDataset); a graph exists only while it holds triples (sd:EmptyGraphs).
FEATURES: tuple[str, ...] = ()
NAMED_GRAPHS_LISTED = 1000  # beyond this the description would outgrow its use; VoID has the rest
EXAMPLE_CLASSES = ("Round", "Official", "Agreement", "Commitment")


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_n("http://www.w3.org/2001/XMLSchema#integer"))


def service_description(base: str, allow_update: bool, store: QusStore) -> list[ox.Triple]:
    service = _n(f"{base}/sparql#service")
    dataset = ox.BlankNode("dataset")
    default_graph = ox.BlankNode("defaultGraph")
    triples = [
        ox.Triple(service, RDF_TYPE_NODE, _n(SD + "Service")),
        ox.Triple(service, _n(SD + "endpoint"), _n(f"{base}/sparql")),
        ox.Triple(service, _n(SD + "supportedLanguage"), _n(SD + "SPARQL11Query")),
        ox.Triple(service, _n(RDFS + "label"), ox.Literal("qusgraph SPARQL endpoint", language="en")),
        ox.Triple(service, _n(SD + "defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE_NODE, _n(SD + "Dataset")),
        ox.Triple(dataset, _n(SD + "defaultGraph"), default_graph),
        ox.Triple(default_graph, RDF_TYPE_NODE, _n(SD + "Graph")),
        ox.Triple(default_graph, _n(VOID + "triples"), _integer(store.count(ox.DefaultGraph()))),
        ox.Triple(dataset, _n(VOID + "sparqlEndpoint"), _n(f"{base}/sparql")),
        ox.Triple(dataset, _n(RDFS + "seeAlso"), _n(f"{base}/.well-known/void")),
    ]
    if allow_update:
        triples.append(ox.Triple(service, _n(SD + "supportedLanguage"), _n(SD + "SPARQL11Update")))
    for feature in FEATURES:
        triples.append(ox.Triple(service, _n(SD + "feature"), _n(SD + feature)))
    for index, graph_name in enumerate(store.store.named_graphs()):
        if index == NAMED_GRAPHS_LISTED:
            break
        named = ox.BlankNode()
        triples += [ox.Triple(dataset, _n(SD + "namedGraph"), named),
                    ox.Triple(named, RDF_TYPE_NODE, _n(SD + "NamedGraph")),
                    ox.Triple(named, _n(SD + "name"), graph_name)]
    for name in RESULT_FORMATS:
        triples.append(ox.Triple(service, _n(SD + "resultFormat"), _n(FORMATS + name)))
    return triples


def void_description(base: str, store: QusStore) -> list[ox.Triple]:
    """VoID: size, classes with their counts, example resources, dump and endpoint."""
    dataset = _n(f"{base}/.well-known/void#dataset")
    triples: list[ox.Triple] = [
        ox.Triple(dataset, RDF_TYPE_NODE, _n(VOID + "Dataset")),
        ox.Triple(dataset, _n(DCTERMS + "title"),
                  ox.Literal("The Qatar–United States Strategic Dialogue, from the news", language="en")),
        ox.Triple(dataset, _n(DCTERMS + "title"),
                  ox.Literal("الحوار الاستراتيجي بين قطر والولايات المتحدة من الأخبار", language="ar")),
        ox.Triple(dataset, _n(VOID + "sparqlEndpoint"), _n(f"{base}/sparql")),
        ox.Triple(dataset, _n(VOID + "dataDump"), _n(f"{base}/dump")),
        ox.Triple(dataset, _n(VOID + "uriSpace"), ox.Literal("https://w3id.org/qusgraph/id/")),
        ox.Triple(dataset, _n(VOID + "vocabulary"), _n("https://w3id.org/qusgraph/ontology#")),
        ox.Triple(dataset, _n(VOID + "triples"), _integer(store.count())),
    ]
    counts = store.query("SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class")
    for row in counts:  # type: ignore[union-attr]
        partition = ox.BlankNode()
        triples += [
            ox.Triple(dataset, _n(VOID + "classPartition"), partition),
            ox.Triple(partition, _n(VOID + "class"), row["class"]),
            ox.Triple(partition, _n(VOID + "entities"), _integer(int(row["n"].value))),
        ]
    for local in EXAMPLE_CLASSES:
        examples = store.query(f"SELECT ?s WHERE {{ ?s a qus:{local} }} ORDER BY ?s LIMIT 1")
        for row in examples:  # type: ignore[union-attr]
            triples.append(ox.Triple(dataset, _n(VOID + "exampleResource"), row["s"]))
    return triples
