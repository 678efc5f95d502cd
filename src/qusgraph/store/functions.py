"""SPARQL functions of our own, registered on every query the CLI and the server run:
`qus:searchKey(?label)` and `qus:nameSkeleton(?label)`, the keys name search compares."""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox

from ..rdf.namespaces import QUS
from ..text.namekeys import search_key, skeleton


def _literal_function(key: Callable[[str], str]) -> Callable[..., object]:
    def function(term: object) -> ox.Literal | None:
        # Unbound or non-literal arguments give no value (an error in SPARQL terms).
        return ox.Literal(key(term.value)) if isinstance(term, ox.Literal) else None

    return function


def sparql_functions() -> dict[object, Callable[..., object]]:
    """`qus:searchKey(?label)` and `qus:nameSkeleton(?label)` for SPARQL: the keys `find` compares,
    registered on every query the CLI and the server run."""
    return {ox.NamedNode(QUS + "searchKey"): _literal_function(search_key),
            ox.NamedNode(QUS + "nameSkeleton"): _literal_function(skeleton)}
