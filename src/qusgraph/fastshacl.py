"""The shapes of `shapes/`, compiled once into checks that run directly on an article's quads.

pySHACL is the reference (`qusgraph validate` runs it), but it costs tens of milliseconds
per article graph; ingesting thousands of articles cannot wait that long. This module reads
the same shapes graph and evaluates the SHACL features it uses — class targets, simple
paths, sh:minCount/maxCount, sh:datatype (with well-formed lexical forms), sh:class,
sh:nodeKind, sh:pattern/flags, sh:minInclusive/minExclusive/maxInclusive/maxExclusive,
sh:lessThan, sh:uniqueLang, sh:hasValue, sh:in, sh:or of such shapes, sh:severity and
SPARQL constraints (run by Oxigraph on the article's own graph) — and refuses to load a
shape that uses anything else, so it can never silently check less than pySHACL does.
tests/test_fastshacl.py proves both agree on every test graph and on graphs broken to
violate each constraint.

Link: https://www.w3.org/TR/shacl/
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from .datatypes import LEXICAL, lexical_ok
from .errors import StoreError
from .fastsparql import SelectQuery, Undecided, compile_select
from .resources import shapes_dir
from .validate import ValidationReport, Violation

if TYPE_CHECKING:
    from .mapping import ArticleGraph

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Comparable = tuple[str, object] | None  # ("number", 5), (the datatype, "2022-11-22"), or None
_UNKNOWN = object()
RDF_TYPE = RDF.type.toPython()
RDFS_SUBCLASS = RDFS.subClassOf.toPython()
LANG_STRING = RDF.langString.toPython()

_NUMERIC = {str(XSD.integer), str(XSD.decimal), str(XSD.nonNegativeInteger), str(XSD.double), str(XSD.float)}
SUPPORTED = {str(SH[name]) for name in (
    "path", "minCount", "maxCount", "datatype", "class", "nodeKind", "pattern", "flags", "minInclusive",
    "minExclusive", "maxInclusive", "maxExclusive", "lessThan", "uniqueLang", "hasValue", "in", "or",
    "severity", "message", "name", "description", "property", "targetClass", "sparql", "deactivated", "order",
    "group")} | {RDF_TYPE, str(RDFS.label), str(RDFS.comment)}


@dataclass
class _Data:
    """One graph, indexed: subject → predicate → objects; node → its classes (with their
    superclasses declared in the graph); class → its instances."""

    out: dict[Term, dict[str, list[Term]]] = field(default_factory=dict)
    by_predicate: dict[str, list[tuple[Term, Term]]] = field(default_factory=dict)  # for SPARQL patterns
    types: dict[Term, set[str]] = field(default_factory=dict)
    members: dict[str, list[Term]] = field(default_factory=dict)
    fallback: _Data | None = None  # shared data (the context) consulted for nodes not described here
    # Values as compared by sh:lessThan, sh:minInclusive …: the same literal (an offset) is
    # compared by several constraints, and reading it out of Oxigraph is the costly part.
    comparables: dict[Term, Comparable] = field(default_factory=dict)

    @classmethod
    def of(cls, triples: Iterable[ox.Triple | ox.Quad]) -> _Data:
        return cls.of_terms((t.subject, t.predicate, t.object) for t in triples)

    @classmethod
    def of_terms(cls, terms: Iterable[tuple[Term, ox.NamedNode, Term]]) -> _Data:
        """The index of the triples (subject, predicate, object)."""
        data = cls()
        out, by_predicate, types = data.out, data.by_predicate, data.types
        subclass: dict[str, set[str]] = {}
        # id(predicate) → the predicate (held, so that its id is not reused) and its IRI: a graph
        # built by mapping.py uses a few predicate objects many times, and reading an IRI out of
        # Oxigraph costs more than this lookup.
        iris: dict[int, tuple[ox.NamedNode, str]] = {}
        for subject, predicate_node, obj in terms:
            known = iris.get(id(predicate_node))
            if known is None:
                known = iris[id(predicate_node)] = (predicate_node, predicate_node.value)
            predicate = known[1]
            by_subject = out.get(subject)
            if by_subject is None:
                by_subject = out[subject] = {}
            values = by_subject.get(predicate)
            if values is None:
                by_subject[predicate] = [obj]
            elif obj not in values:
                values.append(obj)
            else:
                continue  # a graph is a set: the same triple twice (in two graphs) is one
            pairs = by_predicate.get(predicate)
            if pairs is None:
                by_predicate[predicate] = [(subject, obj)]
            else:
                pairs.append((subject, obj))
            if predicate == RDF_TYPE and isinstance(obj, ox.NamedNode):
                types.setdefault(subject, set()).add(obj.value)
            elif predicate == RDFS_SUBCLASS and isinstance(obj, ox.NamedNode) and isinstance(subject, ox.NamedNode):
                subclass.setdefault(subject.value, set()).add(obj.value)
        closure = {start: _ancestors(start, subclass) for start in subclass}
        for node, classes in types.items():
            for class_iri in list(classes):
                classes.update(closure.get(class_iri, ()))
            for class_iri in classes:
                data.members.setdefault(class_iri, []).append(node)
        return data

    # The lookups of fastsparql.IndexedGraph, over this graph and the context together (a
    # node is described in one or the other: `CompiledShapes.validate` sees to that).
    def outgoing(self, subject: Term) -> dict[str, list[Term]]:
        found = self.out.get(subject)
        if found is None and self.fallback is not None:
            found = self.fallback.out.get(subject)
        return found or {}

    def pairs(self, predicate: str) -> list[tuple[Term, Term]]:
        own = self.by_predicate.get(predicate, [])
        return own + self.fallback.by_predicate.get(predicate, []) if self.fallback is not None else own

    def subjects(self) -> list[Term]:
        return [*self.out, *(self.fallback.out if self.fallback is not None else ())]

    def own_instances(self, class_iri: str) -> list[Term]:
        return self.members.get(class_iri, [])

    def comparable(self, value: Term) -> Comparable:
        found = self.comparables.get(value, _UNKNOWN)
        if found is _UNKNOWN:
            found = self.comparables[value] = _comparable(value)
        return found  # type: ignore[return-value]

    def is_instance(self, node: Term, class_iri: str) -> bool:
        classes = self.types.get(node)
        if classes is None and self.fallback is not None:
            classes = self.fallback.types.get(node)
        return class_iri in (classes or ())


def _ancestors(start: str, parents: dict[str, set[str]]) -> set[str]:
    found: set[str] = set()
    todo = [start]
    while todo:
        for parent in parents.get(todo.pop(), ()):
            if parent not in found:
                found.add(parent)
                todo.append(parent)
    return found


Check = Callable[[_Data, Term, list[Term]], list[Term | None]]  # → offending value nodes (None: the focus)


@dataclass(frozen=True)
class _PropertyCheck:
    path: str
    message: str
    severity: str
    checks: tuple[Check, ...]


@dataclass(frozen=True)
class _SparqlCheck:
    query: str
    message: str
    severity: str
    compiled: SelectQuery | None  # evaluated on the index when the query is in fastsparql's subset


@dataclass(frozen=True)
class _NodeShape:
    targets: tuple[str, ...]
    properties: tuple[_PropertyCheck, ...]
    sparql: tuple[_SparqlCheck, ...]
    itself: _PropertyCheck | None = None  # constraints on the focus node itself (path "")


def _has_datatype(value: Term, datatype: str) -> bool:
    if not isinstance(value, ox.Literal):
        return False
    if datatype == LANG_STRING:
        return bool(value.language)
    return not value.language and value.datatype.value == datatype and lexical_ok(value, datatype)


_INTEGER = str(XSD.integer)


def _number(value: Term) -> Decimal | int | None:
    if isinstance(value, ox.Literal) and not value.language:
        datatype = value.datatype.value
        if datatype == _INTEGER and LEXICAL[_INTEGER].match(value.value):
            return int(value.value)
        if datatype in _NUMERIC:
            try:
                return Decimal(value.value)
            except InvalidOperation:
                return None
    return None


def _comparable(value: Term) -> Comparable:
    number = _number(value)
    if number is not None:
        return "number", number
    if isinstance(value, ox.Literal) and value.datatype.value in (str(XSD.date), str(XSD.string)):
        return value.datatype.value, value.value
    return None


def _order(a: Comparable, b: Comparable) -> int | None:
    """-1, 0 or 1 as `a` is below, equal to or above `b`; None if they do not compare."""
    if a is None or b is None or a[0] != b[0]:
        return None
    return (a[1] > b[1]) - (a[1] < b[1])  # type: ignore[operator]


def _to_ox(term: Node) -> Term:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))
    return ox.BlankNode(str(term))


class CompiledShapes:
    """Shapes read once from a SHACL graph and evaluated without pySHACL."""

    def __init__(self, shapes: Graph) -> None:
        self.graph = shapes
        self.prefixes = self._prefixes()
        self.shapes = [self._node_shape(node) for node in sorted(set(shapes.subjects(SH.targetClass)), key=str)]

    # ------------------------------------------------------------------ compiling
    def _value(self, node: Node, predicate: URIRef) -> Node | None:
        return self.graph.value(node, predicate)

    def _unsupported(self, node: Node) -> None:
        for predicate in self.graph.predicates(node):
            if str(predicate) not in SUPPORTED:
                raise StoreError(f"the fast SHACL path cannot evaluate {predicate} (shape {node}); "
                                 f"validate with pySHACL")

    def _prefixes(self) -> str:
        lines = []
        for declaration in self.graph.objects(None, SH.declare):
            prefix, namespace = self._value(declaration, SH.prefix), self._value(declaration, SH.namespace)
            lines.append(f"PREFIX {prefix}: <{namespace}>")
        return "\n".join(sorted(set(lines))) + "\n"

    def _severity(self, node: Node) -> str:
        severity = self._value(node, SH.severity)
        return str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation"

    def _node_shape(self, node: Node) -> _NodeShape:
        self._unsupported(node)
        targets = tuple(sorted(str(t) for t in self.graph.objects(node, SH.targetClass)))
        properties = tuple(self._property(p) for p in self.graph.objects(node, SH.property)
                           if self._value(p, SH.deactivated) != Literal(True))
        sparql = []
        for constraint in self.graph.objects(node, SH.sparql):
            select = self.prefixes + str(self._value(constraint, SH.select)).replace("$this", "?this")
            sparql.append(_SparqlCheck(select, str(self._value(constraint, SH.message) or ""), self._severity(node),
                                       compile_select(select)))
        tests = self._value_constraints(node)
        itself = _PropertyCheck("", str(self._value(node, SH.message) or ""), self._severity(node),
                                tuple(tests)) if tests else None
        return _NodeShape(targets, properties, tuple(sparql), itself)

    def _property(self, node: Node) -> _PropertyCheck:
        self._unsupported(node)
        path = self._value(node, SH.path)
        if not isinstance(path, URIRef):
            raise StoreError(f"the fast SHACL path handles simple predicate paths only (shape {node})")
        return _PropertyCheck(str(path), str(self._value(node, SH.message) or ""), self._severity(node),
                              tuple(self._constraints(node)))

    def _constraints(self, node: Node) -> list[Check]:
        checks: list[Check] = []
        value = self._value
        minimum, maximum = value(node, SH.minCount), value(node, SH.maxCount)
        if minimum is not None:
            least = int(str(minimum))
            checks.append(lambda data, focus, values: [None] if len(values) < least else [])
        if maximum is not None:
            most = int(str(maximum))
            checks.append(lambda data, focus, values: [None] if len(values) > most else [])
        checks.extend(self._value_constraints(node))
        less_than = value(node, SH.lessThan)
        if less_than is not None:
            other = str(less_than)

            def less(data: _Data, focus: Term, values: list[Term]) -> list[Term | None]:
                bounds = data.out.get(focus, {}).get(other, [])
                return [v for v in values for w in bounds if _order(data.comparable(v), data.comparable(w)) != -1]
            checks.append(less)
        if value(node, SH.uniqueLang) == Literal(True):
            def unique(data: _Data, focus: Term, values: list[Term]) -> list[Term | None]:
                languages = [v.language.lower() for v in values if isinstance(v, ox.Literal) and v.language]
                return [None] * len({lang for lang in languages if languages.count(lang) > 1})
            checks.append(unique)
        has_value = value(node, SH.hasValue)
        if has_value is not None:
            wanted = _to_ox(has_value)
            checks.append(lambda data, focus, values: [] if wanted in values else [None])
        return checks

    def _value_constraints(self, node: Node) -> list[Check]:
        """Constraints that each value node must meet on its own."""
        tests = self._value_tests(node)
        if not tests:
            return []
        if len(tests) == 1:  # the common case, without the loop over tests
            test = tests[0]

            def each_one(data: _Data, focus: Term, values: list[Term]) -> list[Term | None]:
                return [v for v in values if not test(data, v)]
            return [each_one]

        def passes(data: _Data, value: Term) -> bool:
            for test in tests:
                if not test(data, value):
                    return False
            return True

        def each(data: _Data, focus: Term, values: list[Term]) -> list[Term | None]:
            return [v for v in values if not passes(data, v)]
        return [each]

    def _value_tests(self, node: Node) -> list[Callable[[_Data, Term], bool]]:
        tests: list[Callable[[_Data, Term], bool]] = []
        value = self._value
        datatype = value(node, SH.datatype)
        if datatype is not None:
            expected = str(datatype)
            tests.append(lambda data, v: _has_datatype(v, expected))
        for class_node in self.graph.objects(node, SH["class"]):
            class_iri = str(class_node)
            tests.append(lambda data, v, c=class_iri: data.is_instance(v, c))  # type: ignore[misc]
        kind = value(node, SH.nodeKind)
        if kind is not None:
            allowed = {str(SH.IRI): (ox.NamedNode,), str(SH.Literal): (ox.Literal,), str(SH.BlankNode): (ox.BlankNode,),
                       str(SH.BlankNodeOrIRI): (ox.BlankNode, ox.NamedNode),
                       str(SH.IRIOrLiteral): (ox.NamedNode, ox.Literal),
                       str(SH.BlankNodeOrLiteral): (ox.BlankNode, ox.Literal)}[str(kind)]
            tests.append(lambda data, v: isinstance(v, allowed))
        pattern = value(node, SH.pattern)
        if pattern is not None:
            flags = str(value(node, SH.flags) or "")
            regex = re.compile(str(pattern), re.IGNORECASE if "i" in flags else 0)
            tests.append(lambda data, v: not isinstance(v, ox.BlankNode) and bool(regex.search(
                v.value if isinstance(v, ox.NamedNode | ox.Literal) else str(v))))
        for name, accepted in (("minInclusive", (0, 1)), ("minExclusive", (1,)), ("maxInclusive", (-1, 0)),
                               ("maxExclusive", (-1,))):
            bound = value(node, SH[name])
            if bound is not None:
                limit = _comparable(_to_ox(bound))
                tests.append(lambda data, v, b=limit, ok=accepted: _order(data.comparable(v), b) in ok)  # type: ignore[misc]
        members = value(node, SH["in"])
        if members is not None:
            allowed_values = {_to_ox(m) for m in Collection(self.graph, members)}
            tests.append(lambda data, v: v in allowed_values)
        alternatives = value(node, SH["or"])
        if alternatives is not None:
            options = [self._value_tests(member) for member in Collection(self.graph, alternatives)]
            for member in Collection(self.graph, alternatives):
                self._unsupported(member)
            tests.append(lambda data, v: any(all(test(data, v) for test in option) for option in options))
        return tests

    # ------------------------------------------------------------------ validating
    def context(self, quads: Iterable[ox.Quad]) -> ValidationContext:
        """Quads every validated graph includes (the topic scheme): indexed and checked once."""
        shared = [q if isinstance(q, ox.Quad) else ox.Quad(q.subject, q.predicate, q.object) for q in quads]
        data = _Data.of(shared)
        return ValidationContext(shared, data, self._violations(data, None, lambda: shared, self._graph_names(shared)),
                                 frozenset(data.out))

    def validate(self, quads: Iterable[ox.Quad | ox.Triple], context: ValidationContext | None = None
                 ) -> ValidationReport:
        """Validate one graph (an article's quads, plus the context's) like pySHACL would."""
        triples = [q if isinstance(q, ox.Quad) else ox.Quad(q.subject, q.predicate, q.object) for q in quads]
        return self._validate(_Data.of(triples), lambda: triples, self._graph_names(triples), context)

    def validate_article(self, graph: ArticleGraph, context: ValidationContext | None = None
                         ) -> ValidationReport:
        """`validate` for an article's graph, indexed from the terms its builder kept."""
        return self._validate(_Data.of_terms(graph.terms()), lambda: graph.quads, [graph.name], context)

    def _validate(self, data: _Data, quads: Callable[[], list[ox.Quad]],
                  graphs: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph],
                  context: ValidationContext | None) -> ValidationReport:
        if context is not None and not context.subjects.isdisjoint(data.out):
            # The graph says something of a context node: check everything together.
            return self.validate([*quads(), *context.quads])
        violations = self._violations(data, context, quads, graphs)
        if context is not None:
            violations.extend(context.violations)
        violations.sort(key=lambda v: (v.focus, v.path, v.message))
        conforms = not any(v.severity == "Violation" for v in violations)
        return ValidationReport(conforms, tuple(violations), "")

    @staticmethod
    def _graph_names(triples: list[ox.Quad]) -> list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph]:
        return list(dict.fromkeys(q.graph_name for q in triples))

    def _violations(self, data: _Data, context: ValidationContext | None, quads: Callable[[], list[ox.Quad]],
                    graphs: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph]) -> list[Violation]:
        """Results for the focus nodes of `data` (with the context's nodes as further data)."""
        if context is not None:
            data.fallback = context.data
        violations: list[Violation] = []
        for shape in self.shapes:
            focus_nodes = list(dict.fromkeys(n for target in shape.targets for n in data.own_instances(target)))
            for focus in focus_nodes:
                if shape.itself is not None:
                    for check in shape.itself.checks:
                        for _ in check(data, focus, [focus]):
                            violations.append(Violation(_iri(focus), "", shape.itself.message, shape.itself.severity))
                outgoing = data.out.get(focus, {})
                for prop in shape.properties:
                    values = outgoing.get(prop.path, [])
                    for check in prop.checks:
                        for _ in check(data, focus, values):
                            violations.append(Violation(_iri(focus), prop.path, prop.message, prop.severity))
            if shape.sparql and focus_nodes:
                violations.extend(self._sparql(shape, set(focus_nodes), data, quads, context, graphs))
        return violations

    def _sparql(self, shape: _NodeShape, focus: set[Term], data: _Data, quads: Callable[[], list[ox.Quad]],
                context: ValidationContext | None,
                graphs: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph]) -> list[Violation]:
        """SPARQL constraints, evaluated on the index (fastsparql.py), or else run by Oxigraph on
        this graph only (plus the context's)."""
        store: ox.Store | None = None
        found = []
        for check in shape.sparql:
            rows: Iterable[Mapping[str, Term | None]] | None = _evaluate(check, data)
            if rows is None:
                if store is None:
                    store = self._store(quads(), context, graphs)
                names = [*graphs, *(context.graph_names if context is not None else [])]
                rows = store.query(check.query, default_graph=names)  # type: ignore[assignment]
            for row in rows or ():
                if row["this"] in focus:
                    found.append(Violation(_iri(row["this"]), "", _render(check.message, row), check.severity))
        return found

    @staticmethod
    def _store(triples: list[ox.Quad], context: ValidationContext | None,
               graphs: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph]) -> ox.Store:
        """A store with this graph and the context's.

        A store holding the context is kept between calls; the graph checked is added to it
        and taken out again, which costs less than building a store each time."""
        own = [g for g in graphs if not isinstance(g, ox.DefaultGraph)]
        reusable = context is not None and len(own) == len(graphs) and not set(own) & set(context.graph_names)
        store = _context_store(context, own) if reusable and context is not None else ox.Store()
        if not reusable and context is not None:
            store.extend(context.quads)
        store.extend(triples)
        return store


@dataclass
class ValidationContext:
    """Quads shared by every validated graph, already indexed, with their own results."""

    quads: list[ox.Quad]
    data: _Data
    violations: list[Violation]
    subjects: frozenset[Term]
    graph_names: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.graph_names = list(dict.fromkeys(q.graph_name for q in self.quads))


@dataclass
class _ContextStore:
    """An in-memory store holding a context once and the graphs checked since: queries name
    their graphs, so earlier ones do no harm; it is renewed when it has grown large."""

    store: ox.Store
    graphs: set[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = field(default_factory=set)

    RENEW_AFTER = 2_000  # graphs


_CONTEXT_STORES: dict[int, _ContextStore] = {}


def _context_store(context: ValidationContext,
                   graphs: Sequence[ox.NamedNode | ox.BlankNode]) -> ox.Store:
    """The store to check `graphs` in, with the context's quads, and no older copy of them."""
    held = _CONTEXT_STORES.get(id(context))
    if held is None or len(held.graphs) > _ContextStore.RENEW_AFTER:
        held = _CONTEXT_STORES[id(context)] = _ContextStore(ox.Store())
        held.store.extend(context.quads)
    for graph in graphs:
        if graph in held.graphs:
            held.store.remove_graph(graph)
        held.graphs.add(graph)
    return held.store


def _iri(term: Term) -> str:
    return term.value if isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal) else str(term)


def _evaluate(check: _SparqlCheck, data: _Data) -> list[Mapping[str, Term | None]] | None:
    """The check's solutions found on the index, or None if Oxigraph must run the query."""
    if check.compiled is None:
        return None
    try:
        return [_Solution(row) for row in check.compiled.select(data)]
    except Undecided:
        return None


class _Solution(dict[str, Term]):
    """A solution of fastsparql, read like Oxigraph's: an unbound variable is None."""

    def __missing__(self, key: str) -> None:
        return None


def _render(message: str, row: Mapping[str, Term | None]) -> str:
    def variable(match: re.Match[str]) -> str:
        value = row[match.group(1)]
        return _iri(value) if value is not None else ""
    return re.sub(r"\{[?$](\w+)\}", variable, message)


@cache
def compiled_shapes(directory: Path | None = None) -> CompiledShapes:
    """The project's shapes, compiled once per process."""
    graph = Graph()
    for path in sorted((directory or shapes_dir()).glob("*.ttl")):
        graph.parse(path, format="turtle")
    return CompiledShapes(graph)
