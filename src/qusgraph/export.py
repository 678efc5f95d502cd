"""Serialising the store: one table of formats, used by `export`, `query` and the server.

Turtle and N-Triples carry one graph (by default the merged default graph); TriG,
N-Quads and JSON-LD carry the whole dataset. JSON-LD is compacted against the shipped
`ontology/context.jsonld`, so that other tools read `"chair": "id:person/…"`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Dataset, Graph

from .errors import QueryError
from .namespaces import PREFIXES
from .resources import ontology_file


@dataclass(frozen=True)
class RdfFormatSpec:
    name: str
    media_type: str
    oxigraph: ox.RdfFormat
    datasets: bool  # carries named graphs
    extension: str


RDF_FORMATS: dict[str, RdfFormatSpec] = {
    "turtle": RdfFormatSpec("turtle", "text/turtle", ox.RdfFormat.TURTLE, False, "ttl"),
    "ntriples": RdfFormatSpec("ntriples", "application/n-triples", ox.RdfFormat.N_TRIPLES, False, "nt"),
    "nquads": RdfFormatSpec("nquads", "application/n-quads", ox.RdfFormat.N_QUADS, True, "nq"),
    "trig": RdfFormatSpec("trig", "application/trig", ox.RdfFormat.TRIG, True, "trig"),
    "jsonld": RdfFormatSpec("jsonld", "application/ld+json", ox.RdfFormat.JSON_LD, True, "jsonld"),
}

RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "xml": ox.QueryResultsFormat.XML,
}


def rdf_format(name: str) -> RdfFormatSpec:
    try:
        return RDF_FORMATS[name]
    except KeyError:
        raise QueryError(f"format '{name}' is not valid. It must be one of: {', '.join(RDF_FORMATS)}") from None


@cache
def jsonld_context() -> dict[str, Any]:
    """The shipped JSON-LD context (its "@context" object)."""
    with ontology_file("context.jsonld").open(encoding="utf-8") as handle:
        document = json.load(handle)
    context: dict[str, Any] = document["@context"]
    return context


def write_jsonld(quads: Iterable[ox.Quad], output: IO[bytes]) -> None:
    """Quads as JSON-LD compacted against the shipped context (named graphs kept)."""
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    dataset = Dataset()
    if data:
        dataset.parse(data=data.decode("utf-8"), format="nquads")
    text = dataset.serialize(format="json-ld", context=jsonld_context(), auto_compact=True, ensure_ascii=False)
    output.write(text.encode("utf-8"))


def write_jsonld_triples(triples: Iterable[ox.Triple], output: IO[bytes]) -> None:
    """Triples (one graph) as JSON-LD compacted against the shipped context."""
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    graph = Graph()
    if data:
        graph.parse(data=data.decode("utf-8"), format="nt")
    text = graph.serialize(format="json-ld", context=jsonld_context(), auto_compact=True, ensure_ascii=False)
    output.write(text.encode("utf-8"))


def write_triples(triples: Iterable[ox.Triple], spec: RdfFormatSpec, output: IO[bytes]) -> None:
    """CONSTRUCT/DESCRIBE results in a graph format."""
    if spec.name == "jsonld":
        write_jsonld_triples(triples, output)
    elif spec.datasets:
        ox.serialize((ox.Quad(t.subject, t.predicate, t.object) for t in triples), output, spec.oxigraph)
    else:
        ox.serialize(triples, output, spec.oxigraph, prefixes=PREFIXES if spec.name == "turtle" else None)
