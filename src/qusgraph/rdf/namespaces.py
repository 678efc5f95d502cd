"""Namespaces and the prefix map shared by Turtle, JSON-LD, SPARQL and the web pages."""

from __future__ import annotations

from pyoxigraph import NamedNode

QUS = "https://w3id.org/qusgraph/ontology#"
ID = "https://w3id.org/qusgraph/id/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"
ORG = "http://www.w3.org/ns/org#"
DCTERMS = "http://purl.org/dc/terms/"
OA = "http://www.w3.org/ns/oa#"
SH = "http://www.w3.org/ns/shacl#"
VOID = "http://rdfs.org/ns/void#"
SD = "http://www.w3.org/ns/sparql-service-description#"

PREFIXES: dict[str, str] = {
    "qus": QUS,
    "id": ID,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
    "skos": SKOS,
    "prov": PROV,
    "schema": SCHEMA,
    "org": ORG,
    "dcterms": DCTERMS,
    "oa": OA,
    "sh": SH,
}

RDF_TYPE = RDF + "type"
RDF_TYPE_NODE = NamedNode(RDF_TYPE)  # rdf:type as a term, the one definition
RDFS_LABEL = RDFS + "label"


def short_iri(iri: str) -> str:
    """An IRI as a prefixed name where a namespace of the map holds it (the longest), else <iri>."""
    best = ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(best):
            best = namespace
            name = f"{prefix}:{iri[len(namespace):]}"
    return name if best else f"<{iri}>"


def sparql_prefixes(names: tuple[str, ...] | None = None) -> str:
    """PREFIX lines for a SPARQL query (all the project's prefixes by default)."""
    chosen = names or tuple(PREFIXES)
    return "".join(f"PREFIX {name}: <{PREFIXES[name]}>\n" for name in chosen)
