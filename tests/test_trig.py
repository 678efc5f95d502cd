"""The TriG writer: what it writes reads back as the same quads, for every kind of term."""

from __future__ import annotations

import pyoxigraph as ox

from qusgraph.extract import extract_article
from qusgraph.rdf.mapping import article_graph
from qusgraph.rdf.namespaces import ID, QUS, RDF_TYPE, XSD
from qusgraph.serialize.trig import write_trig
from qusgraph.text.articles import read_text_file
from qusgraph.text.lexicon import Lexicon
from test_shapes import SEED_ARTICLE, SEED_PUBLISHED

GRAPH = ox.NamedNode(ID + "article/a-1")
NODE = ox.NamedNode(ID + "article/a-1/support/0f")
TYPE = ox.NamedNode(RDF_TYPE)


def read_back(data: bytes) -> list[ox.Quad]:
    return list(ox.parse(data, format=ox.RdfFormat.TRIG))


def test_odd_terms_read_back_as_written() -> None:
    objects: list[ox.NamedNode | ox.BlankNode | ox.Literal] = [
        ox.Literal('say "hi"\\ \n\r\tend'),
        ox.Literal("نص", language="ar"),
        ox.Literal("en-GB", language="en-gb"),
        ox.Literal("42", datatype=ox.NamedNode(XSD + "integer")),
        ox.Literal("-7", datatype=ox.NamedNode(XSD + "integer")),
        ox.Literal("٤٢", datatype=ox.NamedNode(XSD + "integer")),  # not a Turtle INTEGER: stays quoted
        ox.Literal("1.50", datatype=ox.NamedNode(XSD + "decimal")),
        ox.Literal("2022-11-22", datatype=ox.NamedNode(XSD + "date")),
        ox.Literal("x", datatype=ox.NamedNode("urn:example:type")),
        ox.NamedNode(ID + "place/doha"),
        ox.NamedNode(ID + "x/-lead.dot."),  # a local part that cannot start with "-": written in full
        ox.NamedNode(ID + "café"),
        ox.NamedNode(ID),  # an empty local part
        ox.NamedNode(QUS + "a%20b"),
        ox.NamedNode("urn:isbn:0451450523"),
        TYPE,  # rdf:type as an object is not "a"
        ox.BlankNode("b0"),
    ]
    triples = [(NODE, ox.NamedNode(QUS + "p"), o) for o in objects]
    triples += [(NODE, TYPE, ox.NamedNode(QUS + "Support")), (ox.BlankNode("b0"), TYPE, NODE)]
    defaults = triples[:3]
    quads = read_back(write_trig(GRAPH, triples, defaults))
    assert quads == [ox.Quad(*t, GRAPH) for t in triples] + [ox.Quad(*t) for t in defaults]


def test_an_article_graph_reads_back_as_oxigraph_writes_it(lexicon: Lexicon) -> None:
    article = read_text_file(SEED_ARTICLE, lexicon, SEED_PUBLISHED)
    graph = article_graph(extract_article(article, lexicon).facts, lexicon)
    ours = write_trig(graph.name, graph.terms(), graph.fact_terms)
    theirs = ox.serialize([*graph.quads, *(ox.Quad(*t) for t in graph.fact_terms)], format=ox.RdfFormat.TRIG)
    assert read_back(ours) == read_back(theirs)
    assert len(ours) < len(theirs)  # prefixed names: about as compact as Oxigraph with the prefixes
