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
from .mapping import ArticleGraph, Terms, is_provenance, topic_scheme_quads
from .mint import graph_iri
from .namespaces import PREFIXES
from .resources import shapes_dir

if TYPE_CHECKING:
    from .fastshacl import CompiledShapes as CompiledShapesType
    from .fastshacl import ValidationContext
    from .store import QusStore

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


# ---------------------------------------------------------------------------- a whole store
@dataclass(frozen=True)
class StoreReport:
    """`qusgraph validate` of a store: each article graph checked with the shapes (what
    ingest checks), the merged default graph with the shapes that hold for a merge, and with
    `integrity` the agreement of the two."""

    articles: int
    merged_triples: int
    violations: tuple[tuple[str, Violation], ...]  # (the graph it is in, the violation)
    integrity: tuple[str, ...] = ()  # integrity problems, one line each

    @property
    def conforms(self) -> bool:
        return not self.integrity and not any(v.severity == "Violation" for _, v in self.violations)

    def lines(self, limit: int = 50) -> list[str]:
        shown = [v for v in self.violations if v[1].severity == "Violation"]
        lines = [f"{_short(graph)}: {violation.line()}" for graph, violation in shown[:limit]]
        if len(shown) > limit:
            lines.append(f"… and {len(shown) - limit} more violation(s)")
        return lines + list(self.integrity[:limit])


@cache
def merged_shapes() -> CompiledShapesType:
    """The shapes that hold for the merged default graph. Every article graph is checked on
    its own; merged, the rules about one article's statements do not hold: "at most one
    date" fires when two articles give two dates — a conflict (`qusgraph conflicts`), not a
    violation — and a name per language, likewise. So sh:maxCount and sh:uniqueLang go, and
    the SPARQL constraints about an article's own provenance, which is not merged."""
    from .fastshacl import CompiledShapes

    graph = Graph()
    for triple in shapes_graph():
        if triple[1] not in (SHACL.maxCount, SHACL.uniqueLang, SHACL.sparql):
            graph.add(triple)
    return CompiledShapes(graph)


def validate_store(store: QusStore, integrity: bool = False) -> StoreReport:
    """Validate every article graph and the merged default graph of `store`; with
    `integrity`, also check that the merged graph is exactly the union of the article graphs'
    facts and that the store's indexes agree on its size."""
    from .fastshacl import compiled_shapes
    from .store import TOPIC_GRAPH

    shapes = compiled_shapes()
    topics = list(store.quads(TOPIC_GRAPH))
    context = shapes.context(topics)
    found: dict[tuple[str, Violation], None] = {}
    for violation in context.violations:
        found[(TOPIC_GRAPH.value, violation)] = None
    articles = 0
    sources: set[Terms] = {(q.subject, q.predicate, q.object) for q in topics}  # type: ignore[misc]
    for name in store.named_graphs():
        if name == TOPIC_GRAPH or not isinstance(name, ox.NamedNode):
            continue
        articles += 1
        quads = list(store.quads(name))
        graph = ArticleGraph.from_quads(name, [q for q in quads if not is_provenance(q, name)],
                                        [q for q in quads if is_provenance(q, name)])
        for violation in shapes.validate_article(graph, context).violations:
            found.setdefault((name.value, violation), None)
        if integrity:
            sources.update(graph.fact_terms)
    merged = list(store.quads(ox.DefaultGraph()))
    for violation in merged_shapes().validate(merged).violations:
        found.setdefault(("merged default graph", violation), None)
    problems = _integrity(store, merged, sources) if integrity else ()
    return StoreReport(articles, len(merged), tuple(found), problems)


def _integrity(store: QusStore, merged: list[ox.Quad], sources: set[Terms]
               ) -> tuple[str, ...]:
    problems = []
    facts: set[Terms] = {(q.subject, q.predicate, q.object) for q in merged}  # type: ignore[misc]
    unsupported = facts - sources
    missing = sources - facts
    if unsupported:
        example = next(iter(sorted(unsupported, key=str)))
        problems.append(f"integrity: {len(unsupported)} merged fact(s) supported by no article graph, "
                        f"e.g. {' '.join(str(t) for t in example)}")
    if missing:
        example = next(iter(sorted(missing, key=str)))
        problems.append(f"integrity: {len(missing)} article fact(s) missing from the merged graph, "
                        f"e.g. {' '.join(str(t) for t in example)}")
    # The same quads counted through different indexes (Oxigraph keeps each quad in several,
    # ordered by graph, subject, predicate or object): all at once, graph by graph through
    # SPARQL, and predicate by predicate.
    everything = len(store.store)
    by_graph = len(merged) + _sum_of_counts(store, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } "
                                                   "GROUP BY ?g")
    by_predicate = _sum_of_counts(store, "SELECT ?p (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION "
                                         "{ GRAPH ?g { ?s ?p ?o } } } GROUP BY ?p")
    if not everything == by_graph == by_predicate:
        problems.append(f"integrity: the store's indexes disagree on its size: {everything} quads in all, "
                        f"{by_graph} graph by graph, {by_predicate} predicate by predicate")
    return tuple(problems)


def _sum_of_counts(store: QusStore, sparql: str) -> int:
    solutions = store.store.query(sparql)
    assert isinstance(solutions, ox.QuerySolutions)
    return sum(int(row["n"].value) for row in solutions)
