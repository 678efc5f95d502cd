"""SHACL validation against the shapes of `shapes/`, by two engines that agree.

* `shacl` (a SHACL engine in Rust, pinned exactly) checks each article graph at ingest and
  `qusgraph validate` of a store: the shapes are compiled once and an article graph, with the
  topic scheme it refers to, is handed over as N-Triples text — about a millisecond an article.
* pySHACL is the reference: `qusgraph validate FILE` runs it, and tests/test_shacl_agreement.py
  holds the two to the same verdict, focus node, path, severity and message on valid and
  deliberately broken graphs, so an upgrade of either that drifts fails the tests.

Each article graph is checked on its own, never several merged into one: articles share entity
IRIs, so a merge makes one article's facts count against (or for) another's.

Reports are summarised as one line per violation: focus node, property, message.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import pyoxigraph as ox
import pyshacl
import shacl
from rdflib import Graph, Namespace
from rdflib.namespace import RDF

from ..errors import ShapeLoadError
from ..rdf.graph import ArticleGraph, Terms, is_provenance, terms_of
from ..rdf.mint import graph_iri
from ..rdf.namespaces import short_iri
from ..rdf.topics import topic_scheme_quads
from ..resources import shapes_dir

if TYPE_CHECKING:
    from ..store.embedded import QusStore

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
    text: str  # pySHACL's full report; empty from the ingest engine, whose lines are all it needs

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
        raise ShapeLoadError(f"no SHACL shapes found in {shapes_dir()}")
    for path in files:
        try:
            graph.parse(path, format="turtle")
        except (OSError, SyntaxError, ValueError, LookupError) as error:  # BadSyntax is a SyntaxError
            raise ShapeLoadError(f"{path}: the shapes cannot be loaded ({' '.join(str(error).split())})") from None
    return graph


def quads_to_rdflib(quads: Iterable[ox.Quad]) -> Graph:
    """Quads (any graphs) as one rdflib Graph of their triples."""
    data = ox.serialize((quad.triple for quad in quads), format=ox.RdfFormat.N_TRIPLES)
    graph = Graph()
    if data:
        graph.parse(data=data.decode("utf-8"), format="nt")
    return graph


def validate_graph(data: Graph) -> ValidationReport:
    """Validate `data` against the project's shapes with pySHACL (the reference)."""
    # inplace: pySHACL changes the data graph only to add inferred triples or run rules, and
    # neither is asked for; skipping its defensive copy saves a fifth of its time.
    conforms, results, text = pyshacl.validate(
        data, shacl_graph=shapes_graph(), inference="none", abort_on_first=False, allow_warnings=True, inplace=True
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


# ---------------------------------------------------------------------------- the ingest engine
def compile_shapes(graph: Graph) -> shacl.Shapes:
    """`graph`'s shapes compiled by the `shacl` engine.

    :raises ShapeLoadError: if `graph` declares no shape (validating against none would let
        every graph pass without checking anything).
    """
    # N-Triples, not the files' Turtle: one parse of every shapes file, and the filtered
    # graph of `merged_shapes` goes the same way.
    shapes = shacl.Shapes.from_text(graph.serialize(format="nt"), format="ntriples")
    if len(shapes) == 0:
        raise ShapeLoadError(f"no SHACL shapes found in {shapes_dir()}")
    return shapes


@cache
def engine_shapes() -> shacl.Shapes:
    """The project's shapes, compiled once per process (they never change while it runs)."""
    return compile_shapes(shapes_graph())


def ntriples(triples: Iterable[tuple[object, object, object]]) -> str:
    """Pyoxigraph terms (subject, predicate, object) as N-Triples text. `str()` of a pyoxigraph
    term is its N-Triples form (documented as such); writing the lines from it spares making
    the Triple object per statement that `pyoxigraph.serialize` needs, which costs more."""
    return "".join(f"{s} {p} {o} .\n" for s, p, o in triples)


def _plain(term: str | None) -> str:
    """An N-Triples IRI or blank node as pySHACL's report names it: `<iri>` → iri, `_:b` → b."""
    if not term:
        return ""
    if term.startswith("<") and term.endswith(">"):
        return term[1:-1]
    return term[2:] if term.startswith("_:") else term


def report_of(result: shacl.Report) -> ValidationReport:
    """The engine's report as ours, with pySHACL's spelling of its terms."""
    violations = [Violation(_plain(r.focus_node), _plain(r.path), r.message or r.component, r.severity)
                  for r in result.results]
    violations.sort(key=lambda v: (v.focus, v.path, v.message))
    return ValidationReport(result.conforms, tuple(violations), "")


class ArticleValidator:
    """The compiled shapes and the topic scheme every article graph is checked with.

    The scheme goes in with each article, as pySHACL sees it: `qus:topic` values must be
    Topics of it, and a graph that says something of a topic is checked with it."""

    def __init__(self, context: Iterable[ox.Quad], shapes: shacl.Shapes | None = None) -> None:
        self.shapes = shapes if shapes is not None else engine_shapes()
        self.context = ntriples(map(terms_of, context))

    def validate(self, triples: Iterable[Terms]) -> ValidationReport:
        """Validate one graph (the triples of one article) with the context."""
        text = ntriples(triples) + self.context
        return report_of(self.shapes.validate_text(text, format="ntriples", allow_warnings=True))

    def validate_article(self, graph: ArticleGraph) -> ValidationReport:
        return self.validate(graph.terms())

    def validate_context(self) -> ValidationReport:
        """The context alone (the topic scheme's own results)."""
        return report_of(self.shapes.validate_text(self.context, format="ntriples", allow_warnings=True))


@cache
def article_validator() -> ArticleValidator:
    """The validator with the published topic scheme as context, compiled once for all the
    articles of a process (the shapes and topics.ttl are packaged data, read once)."""
    return ArticleValidator(topic_scheme_quads(ox.NamedNode(graph_iri("topics"))))


def validate_article(graph: ArticleGraph, reference: bool = False) -> ValidationReport:
    """Validate one article's graph (with the topic scheme it refers to): with the `shacl`
    engine, or with pySHACL if `reference` (tests/test_shacl_agreement.py proves they agree)."""
    if reference:
        scheme = topic_scheme_quads(ox.NamedNode(graph_iri("topics")))
        return validate_graph(quads_to_rdflib([*graph.quads, *scheme]))
    return article_validator().validate_article(graph)


def _short(iri: str) -> str:
    """An IRI shortened (`short_iri`); a blank node's id or a name of ours as it is."""
    return short_iri(iri) if iri.startswith("http") else iri


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
def merged_shapes() -> shacl.Shapes:
    """The shapes that hold for the merged default graph. Every article graph is checked on
    its own; merged, the rules about one article's statements do not hold: "at most one
    date" fires when two articles give two dates — a conflict (`qusgraph conflicts`), not a
    violation — and a name per language, likewise. So sh:maxCount and sh:uniqueLang go, and
    the SPARQL constraints about an article's own provenance, which is not merged."""
    graph = Graph()
    for triple in shapes_graph():
        if triple[1] not in (SHACL.maxCount, SHACL.uniqueLang, SHACL.sparql):
            graph.add(triple)
    return compile_shapes(graph)


def validate_store(store: QusStore, integrity: bool = False) -> StoreReport:
    """Validate every article graph and the merged default graph of `store`; with
    `integrity`, also check that the merged graph is exactly the union of the article graphs'
    facts and that the store's indexes agree on its size."""
    from ..store.embedded import TOPIC_GRAPH

    topics = list(store.quads(TOPIC_GRAPH))
    validator = ArticleValidator(topics)
    found: dict[tuple[str, Violation], None] = {}
    for violation in validator.validate_context().violations:
        found[(TOPIC_GRAPH.value, violation)] = None
    articles = 0
    sources: set[Terms] = set(map(terms_of, topics))
    for name in store.named_graphs():
        if name == TOPIC_GRAPH or not isinstance(name, ox.NamedNode):
            continue
        articles += 1
        quads = list(store.quads(name))
        graph = ArticleGraph.from_quads(name, [q for q in quads if not is_provenance(q, name)],
                                        [q for q in quads if is_provenance(q, name)])
        for violation in validator.validate_article(graph).violations:
            found.setdefault((name.value, violation), None)
        if integrity:
            sources.update(graph.fact_terms)
    merged = list(store.quads(ox.DefaultGraph()))
    merged_text = ntriples(map(terms_of, merged))
    for violation in report_of(merged_shapes().validate_text(merged_text, format="ntriples",
                                                             allow_warnings=True)).violations:
        found.setdefault(("merged default graph", violation), None)
    problems = _integrity(store, merged, sources) if integrity else ()
    return StoreReport(articles, len(merged), tuple(found), problems)


def _integrity(store: QusStore, merged: list[ox.Quad], sources: set[Terms]
               ) -> tuple[str, ...]:
    problems = []
    facts: set[Terms] = set(map(terms_of, merged))
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
