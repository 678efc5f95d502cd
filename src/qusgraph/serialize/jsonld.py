"""Streaming JSON-LD, compacted against a context of prefixes and simple terms.

rdflib and pyld compact a whole document in memory, at a few thousand triples a second;
pyoxigraph streams JSON-LD fast but only in expanded form. This writer streams quads
(grouped by graph and subject, as the store returns them) into the compact form of a
context made of prefixes and terms with an optional `@type` coercion — the shape of
`ontology/context.jsonld`. Anything the context cannot shorten is written in full, so the
document always reads back as exactly the quads written.

>>> import io
>>> context = {"qus": "https://w3id.org/qusgraph/ontology#", "xsd": "http://www.w3.org/2001/XMLSchema#",
...            "Round": "qus:Round", "ordinal": {"@id": "qus:ordinal", "@type": "xsd:integer"}}
>>> round_ = ox.NamedNode("https://w3id.org/qusgraph/ontology#r5")
>>> quads = [ox.Quad(round_, ox.NamedNode(RDF_TYPE), ox.NamedNode("https://w3id.org/qusgraph/ontology#Round")),
...          ox.Quad(round_, ox.NamedNode("https://w3id.org/qusgraph/ontology#ordinal"),
...                  ox.Literal("5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))]
>>> output = io.BytesIO()
>>> write_compact_jsonld(quads, output, context)
>>> json.loads(output.getvalue())["@graph"]
[{'@id': 'qus:r5', '@type': ['Round'], 'ordinal': ['5']}]
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import IO, Any

import pyoxigraph as ox

from ..errors import QueryError
from ..rdf.namespaces import RDF_TYPE, XSD

XSD_STRING = XSD + "string"
_DUMP = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
ENTRY_SEPARATOR = b",\n"
DOCUMENT_END = b"\n]}\n"


@dataclass(frozen=True)
class PropertyTerm:
    name: str
    coercion: str | None  # "@id", a datatype IRI, or None


class Compactor:
    """The tables that shorten IRIs and values under one context."""

    def __init__(self, context: dict[str, Any]) -> None:
        self.context = context
        prefixes: dict[str, str] = {}
        definitions: dict[str, tuple[str, str | None]] = {}
        for name, definition in context.items():
            if name.startswith("@"):
                continue
            if isinstance(definition, str):
                definitions[name] = (definition, None)
            elif isinstance(definition, dict) and set(definition) <= {"@id", "@type"} and "@id" in definition:
                definitions[name] = (definition["@id"], definition.get("@type"))
            else:
                raise QueryError(f"JSON-LD context term '{name}': only prefixes and simple terms are supported")
        for name, (iri, coercion) in definitions.items():
            if coercion is None and iri.endswith(("/", "#")):
                prefixes[name] = iri
        # Longest namespace first, so that the most specific prefix wins.
        self.prefixes = sorted(prefixes.items(), key=lambda item: -len(item[1]))
        self.properties: dict[str, PropertyTerm] = {}
        self.vocabulary: dict[str, str] = {}
        for name, (iri, coercion) in definitions.items():
            if name in prefixes:
                continue
            full = self._expand(iri)
            coerced = coercion if coercion in (None, "@id") else self._expand(coercion or "")
            self.properties.setdefault(full, PropertyTerm(name, coerced))
            if coercion is None:
                self.vocabulary.setdefault(full, name)
        self.iri = lru_cache(maxsize=1 << 16)(self._compact_iri)
        self.vocab_iri = lru_cache(maxsize=1 << 12)(self._compact_vocab)

    def _expand(self, value: str) -> str:
        prefix, _, local = value.partition(":")
        definition = self.context.get(prefix)
        if local and not local.startswith("//") and isinstance(definition, str):
            return definition + local
        return value

    def _compact_iri(self, iri: str) -> str:
        for prefix, namespace in self.prefixes:
            if iri.startswith(namespace):
                local = iri[len(namespace):]
                if not local.startswith("//"):
                    return f"{prefix}:{local}"
        return iri

    def _compact_vocab(self, iri: str) -> str:
        return self.vocabulary.get(iri) or self._compact_iri(iri)

    def node_id(self, term: ox.NamedNode | ox.BlankNode) -> str:
        return self.iri(term.value) if isinstance(term, ox.NamedNode) else f"_:{term.value}"

    def value(self, term: object, coercion: str | None) -> object:
        """An object in the shortest form the property's coercion allows."""
        if isinstance(term, ox.Literal):
            if term.language:
                return {"@value": term.value, "@language": term.language}
            datatype = term.datatype.value
            if datatype == coercion or (coercion is None and datatype == XSD_STRING):
                return term.value
            if datatype == XSD_STRING:  # a value object without @type is a plain string
                return {"@value": term.value}
            return {"@value": term.value, "@type": self.vocab_iri(datatype)}
        if not isinstance(term, ox.NamedNode | ox.BlankNode):
            raise QueryError("JSON-LD export: quoted triples cannot be written")
        compact = self.node_id(term)
        return compact if coercion == "@id" else {"@id": compact}

    def key(self, predicate: str) -> tuple[str, str | None]:
        term = self.properties.get(predicate)
        return (term.name, term.coercion) if term is not None else (self.vocab_iri(predicate), None)


class _Writer:
    """Node objects written as they complete: subjects arrive grouped, so a node is final when
    the next subject starts (a subject seen again later becomes a second node object with the
    same @id, which JSON-LD merges)."""

    def __init__(self, compactor: Compactor, output: IO[bytes]) -> None:
        self.compactor = compactor
        self.output = output
        self.graph: object = None
        self.named_graph_open = False
        self.nodes_in_graph = 0
        self.top_level = 0  # entries written in the document's top-level @graph

    def write(self, quads: Iterable[ox.Quad]) -> None:
        # The loop is the export's inner loop: locals and one dict of predicates, no calls per quad
        # beyond what a value needs.
        compactor = self.compactor
        keys: dict[str, tuple[str, str | None]] = {}
        vocab_iri, value_of, node_id = compactor.vocab_iri, compactor.value, compactor.node_id
        literal, blank = ox.Literal, ox.BlankNode
        node: dict[str, Any] = {}
        subject: object = None
        for subject_term, predicate_term, target, graph in quads:
            if graph != self.graph:
                self._close_node(node)
                node = {}
                self._open_graph(graph)
            elif subject_term != subject:
                self._close_node(node)
                node = {}
            if not node:
                subject = subject_term
                node["@id"] = node_id(subject_term)
            predicate = predicate_term.value
            if predicate == RDF_TYPE and type(target) is not literal:
                node.setdefault("@type", []).append(
                    node_id(target) if type(target) is blank else vocab_iri(target.value))
                continue
            key = keys.get(predicate)
            if key is None:
                key = keys[predicate] = compactor.key(predicate)
            values = node.get(key[0])
            if values is None:
                values = node[key[0]] = []
            values.append(value_of(target, key[1]))
        self._close_node(node)
        self._close_graph()

    def _open_graph(self, graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> None:
        self._close_graph()
        self.graph = graph
        self.nodes_in_graph = 0
        if not isinstance(graph, ox.DefaultGraph):
            self._separator()
            self.output.write(b'{"@id":' + _DUMP(self.compactor.node_id(graph)).encode() + b',"@graph":[\n')
            self.named_graph_open = True

    def _close_graph(self) -> None:
        if self.named_graph_open:
            self.output.write(b"]}")
            self.named_graph_open = False

    def _separator(self) -> None:
        if self.top_level:
            self.output.write(ENTRY_SEPARATOR)
        self.top_level += 1

    def _close_node(self, node: dict[str, Any]) -> None:
        if not node:
            return
        if not self.named_graph_open:
            self._separator()
        elif self.nodes_in_graph:
            self.output.write(ENTRY_SEPARATOR)
        self.nodes_in_graph += 1
        self.output.write(_DUMP(node).encode())


def document_start(context: dict[str, Any] | str) -> bytes:
    return b'{"@context":' + _DUMP(context).encode() + b',\n"@graph":[\n'


def write_entries(quads: Iterable[ox.Quad], output: IO[bytes], compactor: Compactor) -> bool:
    """Write `quads` as top-level @graph entries, comma-separated (a share of a document, so
    that shares written apart can be joined); True if anything was written."""
    writer = _Writer(compactor, output)
    writer.write(quads)
    return writer.top_level > 0


def write_compact_jsonld(quads: Iterable[ox.Quad], output: IO[bytes], context: dict[str, Any],
                         context_url: str | None = None) -> None:
    """Write `quads` as one JSON-LD document: `{"@context": context, "@graph": [...]}`, a named
    graph as a node object with its own `@graph`. With `context_url` (where `context` is
    published) the document names the context by that URL instead of inlining it."""
    output.write(document_start(context_url if context_url is not None else context))
    write_entries(quads, output, Compactor(context))
    output.write(DOCUMENT_END)
