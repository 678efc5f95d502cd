"""SHACL validation with pyshacl against the shapes of `shapes/`.

`validate_graph` checks any rdflib graph; `validate_article` checks one article's named
graph together with the topic scheme (so that `qus:topic` objects are known Topics).
Reports are summarised as one line per violation: focus node, property, message.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import pyoxigraph as ox
import pyshacl
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF

from .errors import StoreError
from .lexicon import Lexicon
from .mapping import ArticleGraph, topic_scheme_quads
from .mint import graph_iri
from .namespaces import PREFIXES
from .resources import shapes_dir

if TYPE_CHECKING:
    from .fastshacl import ValidationContext

SHACL = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str
    severity: str

    def line(self) -> str:
        return f"{_short(self.focus)}: {_short(self.path)}: {self.message}"


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: tuple[Violation, ...]
    text: str  # pyshacl's full report

    def summary(self, limit: int = 20) -> str:
        lines = [v.line() for v in self.violations[:limit]]
        if len(self.violations) > limit:
            lines.append(f"… and {len(self.violations) - limit} more")
        return "\n".join(lines)


@cache
def shapes_graph() -> Graph:
    """All shapes of `shapes/*.ttl`, parsed once."""
    graph = Graph()
    files = sorted(shapes_dir().glob("*.ttl"))
    if not files:
        raise StoreError(f"no SHACL shapes found in {shapes_dir()}")
    for path in files:
        graph.parse(path, format="turtle")
    return graph


def quads_to_rdflib(quads: Iterable[ox.Quad]) -> Graph:
    """Quads (any graphs) as one rdflib Graph of their triples."""
    data = ox.serialize((quad.triple for quad in quads), format=ox.RdfFormat.N_TRIPLES)
    graph = Graph()
    if data:
        graph.parse(data=data.decode("utf-8"), format="nt")
    return graph


def validate_graph(data: Graph) -> ValidationReport:
    """Validate `data` against the project's shapes."""
    conforms, results, text = pyshacl.validate(
        data, shacl_graph=shapes_graph(), inference="none", abort_on_first=False, allow_warnings=True
    )
    violations = []
    for result in results.subjects(RDF.type, SHACL.ValidationResult):
        violations.append(
            Violation(
                focus=str(results.value(result, SHACL.focusNode) or ""),
                path=str(results.value(result, SHACL.resultPath) or ""),
                message=str(results.value(result, SHACL.resultMessage) or ""),
                severity=str(results.value(result, SHACL.resultSeverity) or "").rsplit("#", 1)[-1],
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path, v.message))
    return ValidationReport(bool(conforms), tuple(violations), str(text))


def validate_article(graph: ArticleGraph, lexicon: Lexicon, reference: bool = False) -> ValidationReport:
    """Validate one article's graph (with the topic scheme it refers to).

    By default the shapes compiled by `qusgraph.fastshacl` check it (tests prove they agree
    with pySHACL); `reference=True` runs pySHACL itself.
    """
    if reference:
        scheme = topic_scheme_quads(lexicon, ox.NamedNode(graph_iri("topics")))
        return validate_graph(quads_to_rdflib([*graph.quads, *scheme]))
    from .fastshacl import compiled_shapes

    return compiled_shapes().validate_article(graph, _topic_context(lexicon))


def warm_validation(lexicon: Lexicon) -> None:
    """Compile the shapes and index the topic scheme now rather than for the first article."""
    _topic_context(lexicon)


@cache
def _topic_context(lexicon: Lexicon) -> ValidationContext:
    """The topic scheme, indexed and checked once for all the articles that refer to it."""
    from .fastshacl import compiled_shapes

    return compiled_shapes().context(topic_scheme_quads(lexicon, ox.NamedNode(graph_iri("topics"))))


def _short(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>" if iri.startswith("http") else iri


def focus_nodes(report: ValidationReport) -> set[URIRef]:
    return {URIRef(v.focus) for v in report.violations}
