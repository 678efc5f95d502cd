"""TriG text written straight from (subject, predicate, object) terms.

The batched ingest hands each article over as TriG. `pyoxigraph.serialize` needs Quad
objects, and making the ~350 quads of an article cost more than mapping it; this writer
formats the terms mapping.py kept instead. The text is as compact as Oxigraph's: the
project's prefixes, prefixed names where the local part allows, the triples of one subject
joined with ";" and the objects of one predicate with ",", integers bare.

Link: https://www.w3.org/TR/trig/
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pyoxigraph import BlankNode, Literal, NamedNode

from ..rdf.namespaces import PREFIXES, RDF_TYPE_NODE, XSD

Term = NamedNode | BlankNode | Literal
Triple = tuple[NamedNode | BlankNode, NamedNode, Term]

HEADER = "".join(f"@prefix {name}: <{namespace}> .\n" for name, namespace in PREFIXES.items())
# A namespace of the map (none starts another) and a local part written as is, but for "."
# and "/" escaped (PN_LOCAL, PN_LOCAL_ESC); any other IRI is written in full, as every IRI
# Oxigraph accepts can be.
_PREFIXED = re.compile(f"({'|'.join(re.escape(namespace) for namespace in PREFIXES.values())})"
                       r"([A-Za-z0-9_][A-Za-z0-9_./-]*)")
_PREFIX_OF = {namespace: name for name, namespace in PREFIXES.items()}
_INTEGER = re.compile(r"[+-]?[0-9]+")  # an xsd:integer written bare reads back with the same form
_XSD_STRING = XSD + "string"
_XSD_INTEGER = XSD + "integer"


def iri(value: str) -> str:
    """An IRI as a prefixed name if it has a project prefix and a plain local part, else <…>."""
    match = _PREFIXED.fullmatch(value)
    if match is None:
        return f"<{value}>"
    namespace, local = match.groups()
    return _PREFIX_OF[namespace] + ":" + local.replace(".", "\\.").replace("/", "\\/")


def term(node: Term) -> str:
    """One term in TriG."""
    if isinstance(node, NamedNode):
        return iri(node.value)
    if isinstance(node, BlankNode):
        return f"_:{node.value}"
    value = node.value
    if '"' in value or "\\" in value or "\n" in value or "\r" in value:
        # the characters a "…" string may not hold as they are (STRING_LITERAL_QUOTE)
        value = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    text = f'"{value}"'
    if node.language:
        return f"{text}@{node.language}"
    datatype = node.datatype.value
    if datatype == _XSD_STRING:
        return text
    if datatype == _XSD_INTEGER and _INTEGER.fullmatch(value):
        return value
    return f"{text}^^{iri(datatype)}"


TripleText = tuple[str, str, str]  # the texts of a triple's subject, predicate and object


class TermTexts:
    """Terms' texts, kept from one article to the next by whoever writes many (a worker of
    one ingest run): most terms come back in every article (the predicates, classes,
    countries, topics and small integers). Cleared when it grows past `kept`."""

    def __init__(self, kept: int = 4_096) -> None:
        self.kept = kept
        self.texts: dict[Term, str] = {}
        self.predicates: dict[NamedNode, str] = {RDF_TYPE_NODE: "a"}  # as predicates: rdf:type is "a"

    def of(self, triples: Iterable[Triple]) -> list[TripleText]:
        """The texts of each triple's terms. Two triples are equal exactly when their texts are,
        and texts hash and compare far faster than Oxigraph terms."""
        if len(self.texts) > self.kept:
            self.texts.clear()
        texts, predicates = self.texts, self.predicates
        known, known_predicate = texts.get, predicates.get
        found = []
        for subject_node, predicate_node, object_node in triples:
            subject = known(subject_node)
            if subject is None:
                subject = texts[subject_node] = term(subject_node)
            predicate = known_predicate(predicate_node)
            if predicate is None:
                predicate = predicates[predicate_node] = term(predicate_node)
            obj = known(object_node)
            if obj is None:
                obj = texts[object_node] = term(object_node)
            found.append((subject, predicate, obj))
        return found


def write_trig(graph: NamedNode, graph_triples: Iterable[Triple], default_triples: Iterable[Triple] = ()) -> bytes:
    """TriG of the triples of one named graph and of the default graph, in the order given."""
    texts = TermTexts()
    return trig_of_texts(term(graph), texts.of(graph_triples), texts.of(default_triples))


def trig_of_texts(graph: str, graph_triples: Iterable[TripleText], default_triples: Iterable[TripleText] = ()
                  ) -> bytes:
    """`write_trig` for triples already made texts (`TermTexts.of`)."""
    parts = [HEADER, graph, " {\n"]
    _triples(parts, graph_triples, "\t")
    parts.append("}\n")
    _triples(parts, default_triples, "")
    return "".join(parts).encode()


def _triples(parts: list[str], triples: Iterable[TripleText], indent: str) -> None:
    """Triples in order, a subject's consecutive triples joined with ";" (and a predicate's
    consecutive objects with ",")."""
    append = parts.append
    next_subject, next_predicate = f" .\n{indent}", f" ;\n{indent}\t"
    previous_subject = previous_predicate = ""
    for subject, predicate, obj in triples:
        if subject != previous_subject:
            append(f"{next_subject if previous_subject else indent}{subject} {predicate} {obj}")
        elif predicate != previous_predicate:
            append(f"{next_predicate}{predicate} {obj}")
        else:
            append(f" , {obj}")
        previous_subject, previous_predicate = subject, predicate
    if previous_subject:
        append(" .\n")
