"""Serialising the store: one table of formats, used by `export`, `query` and the server.

Turtle and N-Triples carry one graph (by default the merged default graph); TriG,
N-Quads and JSON-LD carry the whole dataset. JSON-LD is compacted against the shipped
`ontology/context.jsonld`, so that other tools read `"chair": "id:person/…"`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import IO, TYPE_CHECKING, Any

import pyoxigraph as ox

from ..errors import QueryError
from ..rdf.graph import as_quad
from ..rdf.namespaces import PREFIXES
from ..resources import ontology_file
from .jsonld import write_compact_jsonld

if TYPE_CHECKING:
    from ..store.embedded import QusStore


@dataclass(frozen=True)
class RdfFormatSpec:
    name: str
    oxigraph: ox.RdfFormat
    datasets: bool  # carries named graphs

    @property
    def media_type(self) -> str:
        return self.oxigraph.media_type


# The one list of RDF format names (in the order `export --format` offers them).
RDF_FORMATS: dict[str, RdfFormatSpec] = {
    "turtle": RdfFormatSpec("turtle", ox.RdfFormat.TURTLE, False),
    "jsonld": RdfFormatSpec("jsonld", ox.RdfFormat.JSON_LD, True),
    "nquads": RdfFormatSpec("nquads", ox.RdfFormat.N_QUADS, True),
    "trig": RdfFormatSpec("trig", ox.RdfFormat.TRIG, True),
    "ntriples": RdfFormatSpec("ntriples", ox.RdfFormat.N_TRIPLES, False),
    # What SPARQLWrapper and rdflib's SPARQLStore ask for by default for a graph (issue 13.3).
    "rdfxml": RdfFormatSpec("rdfxml", ox.RdfFormat.RDF_XML, False),
}
# Formats whose writer declares our prefixes (the others either have none or spell every IRI).
PREFIXED = frozenset({"turtle", "rdfxml"})

RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "xml": ox.QueryResultsFormat.XML,
}
# Each format name's media type as an Accept header asks for it (without parameters).
MEDIA_TYPES: dict[str, str] = {
    **{name: results.media_type.split(";")[0] for name, results in RESULT_FORMATS.items()},
    **{name: spec.media_type for name, spec in RDF_FORMATS.items()},
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


def write_jsonld(quads: Iterable[ox.Quad], output: IO[bytes], context_url: str | None = None) -> None:
    """Quads as JSON-LD compacted against the shipped context (named graphs kept), the
    context inlined or, given `context_url`, named by where it is published."""
    write_compact_jsonld(quads, output, jsonld_context(), context_url)


def write_jsonld_triples(triples: Iterable[ox.Triple], output: IO[bytes]) -> None:
    """Triples (one graph) as JSON-LD compacted against the shipped context."""
    write_jsonld(map(as_quad, triples), output)


def write_triples(triples: Iterable[ox.Triple], spec: RdfFormatSpec, output: IO[bytes]) -> None:
    """CONSTRUCT/DESCRIBE results in a graph format."""
    if spec.name == "jsonld":
        write_jsonld_triples(triples, output)
    elif spec.datasets:
        ox.serialize(map(as_quad, triples), output, spec.oxigraph)
    else:
        ox.serialize(triples, output, spec.oxigraph, prefixes=PREFIXES if spec.name in PREFIXED else None)


def export_store(store: QusStore, spec: RdfFormatSpec, output: IO[bytes],
                 graph: ox.NamedNode | ox.DefaultGraph | None = None, workers: int = 1) -> None:
    """What `qusgraph export` writes: the dataset, or one graph (Turtle and N-Triples: the merged
    default graph unless another is named)."""
    if graph is None and not spec.datasets:
        graph = ox.DefaultGraph()
    if spec.datasets and graph is None:
        export_dataset(store.store, str(store.path) if store.path is not None else None, spec, output, workers)
    elif spec.name == "jsonld":
        write_jsonld(store.quads(graph), output)
    elif spec.datasets and graph is not None:
        ox.serialize(store.quads(graph), output, spec.oxigraph)
    else:
        store.dump(output, spec.oxigraph, graph)


# ---------------------------------------------------------------------------- datasets in parallel
# Reading quads out of the store takes most of an export's time and holds the interpreter, so a
# large store is exported by worker processes, each opening the store read-only and writing a
# share of its graphs into a file; the shares are joined in order. N-Quads and TriG shares join
# as they are (TriG allows its prefixes declared again); JSON-LD shares are entries of one
# top-level @graph.
PARALLEL_EXPORT_GRAPHS = 512  # below this many named graphs, starting workers costs more than it saves
GRAPHS_PER_SHARE = 256

_SHARE_STORE: ox.Store | None = None  # set in export pool workers only, which live for one export


def _open_share_store(path: str) -> None:
    global _SHARE_STORE
    _SHARE_STORE = ox.Store.read_only(path)


def _write_share(task: tuple[str, list[str] | None, str]) -> bool:
    """Worker side: the default graph (no names) or the named graphs `names`, into `target`
    in format `name`; True if anything was written."""
    from .jsonld import Compactor, write_entries

    name, names, target = task
    store = _SHARE_STORE
    assert store is not None
    graphs: list[ox.NamedNode | ox.DefaultGraph] = [ox.DefaultGraph()] if names is None else \
        [ox.NamedNode(graph) for graph in names]
    spec = RDF_FORMATS[name]
    quads = (quad for graph in graphs for quad in store.quads_for_pattern(None, None, None, graph))
    with open(target, "wb") as output:
        if spec.name == "jsonld":
            return write_entries(quads, output, Compactor(jsonld_context()))
        ox.serialize(quads, output, spec.oxigraph, prefixes=PREFIXES if spec.name == "trig" else None)
        return output.tell() > 0


def export_dataset(store: ox.Store, path: str | None, spec: RdfFormatSpec, output: IO[bytes], workers: int,
                   min_graphs: int = PARALLEL_EXPORT_GRAPHS, graphs_per_share: int = GRAPHS_PER_SHARE) -> None:
    """The whole dataset in a dataset format (N-Quads, TriG, JSON-LD); by `workers` processes
    when the store at `path` has at least `min_graphs` named graphs."""
    import multiprocessing
    import shutil
    import tempfile

    graphs = list(store.named_graphs())
    if path is None or workers < 2 or len(graphs) < min_graphs or \
            any(isinstance(graph, ox.BlankNode) for graph in graphs):
        if spec.name == "jsonld":
            write_jsonld(store.quads_for_pattern(None, None, None, None), output)
        else:
            store.dump(output, spec.oxigraph, prefixes=PREFIXES if spec.name == "trig" else None)
        return
    from .jsonld import DOCUMENT_END, ENTRY_SEPARATOR, document_start

    names = [graph.value for graph in graphs]
    jsonld = spec.name == "jsonld"
    with tempfile.TemporaryDirectory(prefix="qusgraph-export-") as scratch:
        shares = [None, *(names[i:i + graphs_per_share] for i in range(0, len(names), graphs_per_share))]
        tasks = [(spec.name, share, f"{scratch}/{number}") for number, share in enumerate(shares)]
        if jsonld:
            output.write(document_start(jsonld_context()))
        written = 0
        context = multiprocessing.get_context("spawn")
        with context.Pool(workers, initializer=_open_share_store, initargs=(path,)) as pool:
            for (_, _, target), wrote in zip(tasks, pool.imap(_write_share, tasks), strict=True):
                if wrote:
                    if written and jsonld:
                        output.write(ENTRY_SEPARATOR)
                    with open(target, "rb") as share_file:
                        shutil.copyfileobj(share_file, output, 1 << 20)
                    written += 1
                os.unlink(target)
        if jsonld:
            output.write(DOCUMENT_END)
