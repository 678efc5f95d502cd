"""Terms between pyoxigraph and rdflib, for the places that hand our quads to an rdflib
engine (pySHACL, rdflib's SPARQL algebra in update checking, the rdflib baseline of the bench).

One difference matters: rdflib tells "x" from "x"^^xsd:string, RDF 1.1 does not, so a plain
string literal is written without a datatype on the rdflib side.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib.term import BNode, Literal, Node, URIRef

from .namespaces import XSD

XSD_STRING = XSD + "string"


def to_rdflib(term: object) -> Node:
    """A pyoxigraph term as rdflib's; ValueError for what rdflib has none of (RDF-star triples)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == XSD_STRING else URIRef(datatype))
    raise ValueError(f"no rdflib term for {term}")


def to_oxigraph(term: object) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as pyoxigraph's; ValueError for anything else (a variable, a path)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise ValueError(f"no pyoxigraph term for {term!r}")
