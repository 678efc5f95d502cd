"""The topic scheme as published in `ontology/topics.ttl`, the file other tools read too.

The store and the validator load it from there rather than rebuilding it from the lexicon:
the file is generated from `data/lexicon/topics.tsv` and tests/test_ontology.py fails when
the two drift apart, so reading the file keeps the lower stages free of the lexicon.
"""

from __future__ import annotations

from functools import cache

import pyoxigraph as ox

from ..resources import ontology_file


@cache
def _scheme_triples() -> tuple[ox.Triple, ...]:
    return tuple(quad.triple for quad in ox.parse(path=str(ontology_file("topics.ttl")), format=ox.RdfFormat.TURTLE))


def topic_scheme_quads(graph: ox.NamedNode) -> list[ox.Quad]:
    """The SKOS topic scheme, every triple placed in `graph`."""
    return [ox.Quad(t.subject, t.predicate, t.object, graph) for t in _scheme_triples()]
