"""The SPARQL constraints of `shapes/`, evaluated directly on fastshacl.py's index of a graph.

Loading every article into an Oxigraph store only to run two small SELECTs cost more than
all the other SHACL checks together. The constraints are basic graph patterns (with
sequence paths) under FILTERs of comparisons, ||, && and (NOT) EXISTS; this module
compiles that subset once and evaluates it on the graph's subject and predicate indexes.

It never guesses: a query outside the subset is not compiled (`compile_select` returns
None), and a comparison this module does not decide with certainty (anything but two
well-formed numbers or two plain strings) raises `Undecided`. In both cases fastshacl.py
runs the query with Oxigraph, as before.

Semantics as in SPARQL 1.1 (https://www.w3.org/TR/sparql11-query/): solutions form a bag;
a sequence path is a join through a fresh variable (18.4); blank nodes of a pattern are
variables (4.1.4); a FILTER keeps a solution only if its expression is true, an error
(an unbound variable, terms of different types) counting as false, with the three-valued
|| and && of 17.2; EXISTS substitutes the solution into its pattern (8.3).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.paths import SequencePath
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.algebra import triples as flat_triples
from rdflib.plugins.sparql.parserutils import CompValue

from .datatypes import lexical_ok

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Row = dict[str, Term]

_ORDERED = {str(XSD.integer), str(XSD.nonNegativeInteger), str(XSD.decimal)}
_STRING = str(XSD.string)
_DECIMAL = str(XSD.decimal)
_RELATIONS: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt, ">": operator.gt, "<=": operator.le, ">=": operator.ge}


class Undecided(Exception):
    """This module cannot be sure of the answer: let Oxigraph evaluate the query."""


class IndexedGraph(Protocol):
    """The lookups evaluation needs (fastshacl's `_Data` provides them)."""

    def outgoing(self, subject: Term) -> dict[str, list[Term]]: ...

    def pairs(self, predicate: str) -> Iterable[tuple[Term, Term]]: ...

    def subjects(self) -> Iterable[Term]: ...


@dataclass(frozen=True, slots=True)
class _Var:
    name: str


Slot = _Var | Term  # a subject or object: a variable or a term
PredicateSlot = _Var | str  # a predicate: a variable or an IRI


@dataclass(frozen=True)
class _Pattern:
    subject: Slot
    predicate: PredicateSlot
    object: Slot


Expression = Callable[[IndexedGraph, Row], object]  # → a term, True/False, or None (an error)


# ---------------------------------------------------------------------------- evaluation
def _bound(slot: Slot, row: Row) -> Term | None:
    return row.get(slot.name) if isinstance(slot, _Var) else slot


def _candidates(graph: IndexedGraph, subject: Term | None, predicate: str | None
                ) -> Iterator[tuple[Term, str, Term]]:
    """Triples that may match, from the narrowest index the bound terms allow."""
    if subject is not None:
        outgoing = graph.outgoing(subject)
        if predicate is not None:
            for value in outgoing.get(predicate, ()):
                yield subject, predicate, value
        else:
            for name, values in outgoing.items():
                for value in values:
                    yield subject, name, value
    elif predicate is not None:
        for node, value in graph.pairs(predicate):
            yield node, predicate, value
    else:
        for node in graph.subjects():
            for name, values in graph.outgoing(node).items():
                for value in values:
                    yield node, name, value


def _unify(pattern: _Pattern, triple: tuple[Term, str, Term], row: Row) -> Row | None:
    """`row` extended with the pattern's variables bound to `triple`, or None if they clash
    (a variable used twice in one pattern)."""
    new = dict(row)
    subject, predicate, value = triple
    for slot, term in ((pattern.subject, subject), (pattern.object, value)):
        if isinstance(slot, _Var):
            held = new.setdefault(slot.name, term)
            if held != term:
                return None
        elif slot != term:
            return None
    if isinstance(pattern.predicate, _Var):
        known = new.get(pattern.predicate.name)
        if known is None:
            new[pattern.predicate.name] = ox.NamedNode(predicate)
        elif not (isinstance(known, ox.NamedNode) and known.value == predicate):
            return None
    elif pattern.predicate != predicate:
        return None
    return new


def _extend(graph: IndexedGraph, pattern: _Pattern, row: Row) -> Iterator[Row]:
    subject = _bound(pattern.subject, row)
    value = _bound(pattern.object, row)
    if isinstance(pattern.predicate, _Var):
        held = row.get(pattern.predicate.name)
        if held is not None and not isinstance(held, ox.NamedNode):
            return  # only an IRI can be a predicate
        predicate = held.value if held is not None else None
    else:
        predicate = pattern.predicate
    for triple in _candidates(graph, subject, predicate):
        if value is not None and triple[2] != value:
            continue
        new = _unify(pattern, triple, row)
        if new is not None:
            yield new


Step = Callable[[IndexedGraph, list[Row]], list[Row]]  # the solutions extended by one pattern


def _step(pattern: _Pattern, bound: frozenset[str]) -> Step:
    """One pattern's evaluation, for solutions that bind the variables `bound`.

    The patterns of the shapes' constraints mostly follow a known subject through a given
    predicate to a new variable, or start from every pair of a predicate; those two get a
    loop of their own, which costs a fraction of the general lookup and unification."""
    subject, predicate, obj = pattern.subject, pattern.predicate, pattern.object
    names = [slot.name for slot in (subject, predicate, obj) if isinstance(slot, _Var)]
    if isinstance(predicate, str) and isinstance(obj, _Var) and obj.name not in bound \
            and len(set(names)) == len(names):
        new_name = obj.name
        if isinstance(subject, _Var) and subject.name in bound:
            subject_name = subject.name

            def follow(graph: IndexedGraph, rows: list[Row]) -> list[Row]:
                found = []
                for row in rows:
                    for value in graph.outgoing(row[subject_name]).get(predicate, ()):
                        new = row.copy()
                        new[new_name] = value
                        found.append(new)
                return found
            return follow
        if isinstance(subject, _Var):
            subject_name = subject.name

            def pairs(graph: IndexedGraph, rows: list[Row]) -> list[Row]:
                found = []
                for row in rows:
                    for node, value in graph.pairs(predicate):
                        new = row.copy()
                        new[subject_name] = node
                        new[new_name] = value
                        found.append(new)
                return found
            return pairs
    return lambda graph, rows: [new for old in rows for new in _extend(graph, pattern, old)]


def _steps(patterns: tuple[_Pattern, ...], bound: frozenset[str]) -> tuple[Step, ...]:
    """The steps of patterns evaluated in this order, starting from solutions binding `bound`."""
    steps = []
    for pattern in patterns:
        steps.append(_step(pattern, bound))
        bound = bound | {s.name for s in (pattern.subject, pattern.predicate, pattern.object) if isinstance(s, _Var)}
    return tuple(steps)


def _solutions(graph: IndexedGraph, steps: tuple[Step, ...], row: Row) -> list[Row]:
    rows = [row]
    for step in steps:
        rows = step(graph, rows)
        if not rows:
            break
    return rows


@dataclass(frozen=True)
class SelectQuery:
    """A compiled SELECT of the supported subset."""

    patterns: tuple[_Pattern, ...]  # in evaluation order
    filters: tuple[Expression, ...]
    projection: tuple[str, ...]
    steps: tuple[Step, ...]  # their evaluation

    def select(self, graph: IndexedGraph) -> list[Row]:
        """The solutions, projected. :raises Undecided: if a comparison is not certain."""
        rows = _solutions(graph, self.steps, {})
        kept = [row for row in rows if all(test(graph, row) is True for test in self.filters)]
        return [{name: row[name] for name in self.projection if name in row} for row in kept]


# ---------------------------------------------------------------------------- compiling
class _Unsupported(Exception):
    pass


def compile_select(query: str) -> SelectQuery | None:
    """The query compiled for direct evaluation, or None if it uses more than the subset."""
    try:
        return _compile(prepareQuery(query).algebra)
    except _Unsupported:
        return None


def _compile(algebra: CompValue) -> SelectQuery:
    if algebra.name != "SelectQuery" or algebra.get("datasetClause"):
        raise _Unsupported
    project = algebra.p
    if project.name != "Project":
        raise _Unsupported  # DISTINCT, ORDER BY, LIMIT …
    filters: list[Expression] = []
    part = project.p
    while part.name == "Filter":
        filters.append(_condition(part.expr))
        part = part.p
    projection = tuple(str(v) for v in project.PV)
    patterns = _plan(_patterns(_basic_triples(part)), set())
    return SelectQuery(patterns, tuple(filters), projection, _steps(patterns, frozenset()))


def _basic_triples(group: CompValue) -> list[tuple[Any, Any, Any]]:
    """The triple patterns of a basic graph pattern (possibly written as a join of several)."""
    if group.name == "BGP":
        return list(group.triples)
    if group.name == "Join":
        return _basic_triples(group.p1) + _basic_triples(group.p2)
    if group.name == "GroupGraphPatternSub" and all(p.name == "TriplesBlock" for p in group.part or ()):
        return flat_triples([t for p in group.part for t in p.triples]) if group.part else []
    raise _Unsupported


def _patterns(triples: Iterable[tuple[object, object, object]]) -> list[_Pattern]:
    patterns: list[_Pattern] = []
    fresh = 0
    for subject, predicate, obj in triples:
        steps = list(predicate.args) if isinstance(predicate, SequencePath) else [predicate]
        start = _slot(subject)
        for number, step in enumerate(steps):
            if number == len(steps) - 1:
                end = _slot(obj)
            else:
                fresh += 1
                end = _Var(f" path{fresh}")  # a name no query variable can have
            if isinstance(step, Variable):
                patterns.append(_Pattern(start, _Var(str(step)), end))
            elif isinstance(step, URIRef):
                patterns.append(_Pattern(start, str(step), end))
            else:
                raise _Unsupported  # inverse, alternative, repeated paths
            start = end
    return patterns


def _slot(term: object) -> Slot:
    if isinstance(term, Variable):
        return _Var(str(term))
    if isinstance(term, BNode):
        return _Var(f"_:{term}")
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    raise _Unsupported  # literals: rdflib may have normalised their lexical form


def _plan(patterns: list[_Pattern], bound: set[str]) -> tuple[_Pattern, ...]:
    """Patterns in an order where each is looked up through the narrowest index: one whose
    subject is known first, else one with a known predicate."""
    ordered: list[_Pattern] = []
    known = set(bound)
    todo = list(patterns)
    while todo:
        best = max(todo, key=lambda p: _selectivity(p, known))
        todo.remove(best)
        ordered.append(best)
        known.update(s.name for s in (best.subject, best.predicate, best.object) if isinstance(s, _Var))
    return tuple(ordered)


def _selectivity(pattern: _Pattern, known: set[str]) -> int:
    def is_known(slot: object) -> bool:
        return not isinstance(slot, _Var) or slot.name in known

    score = 4 if is_known(pattern.subject) else 0
    score += 2 if is_known(pattern.predicate) else 0
    return score + (1 if is_known(pattern.object) else 0)


def _condition(node: object) -> Expression:
    """An expression whose value is true, false or an error (a FILTER, or an operand of || or
    &&); the effective boolean value of other terms is not in the subset."""
    if not isinstance(node, CompValue):
        raise _Unsupported
    if node.name == "RelationalExpression" and node.op in _RELATIONS:
        return _relation(_RELATIONS[node.op], _operand(node.expr), _operand(node.other))
    if node.name in ("ConditionalOrExpression", "ConditionalAndExpression"):
        operands = [_condition(node.expr), *(_condition(o) for o in node.other or ())]
        return _connective(operands, deciding=node.name == "ConditionalOrExpression")
    if node.name in ("Builtin_EXISTS", "Builtin_NOTEXISTS"):
        return _exists(node.graph, negated=node.name == "Builtin_NOTEXISTS")
    raise _Unsupported


def _operand(node: object) -> Expression:
    """A variable, or a number or string constant, compared by a relation."""
    if isinstance(node, Variable):
        name = str(node)
        return lambda graph, row: row.get(name)
    if isinstance(node, Literal):
        try:
            value = _ordered(_literal(node))
        except Undecided:
            raise _Unsupported from None
        return lambda graph, row: value
    raise _Unsupported


def _literal(node: Literal) -> ox.Literal:
    if node.language:
        return ox.Literal(str(node), language=node.language)
    return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype or XSD.string)))


def _ordered(value: object) -> tuple[str, Decimal | int | str]:
    """A term's place in the orders this module decides: numbers, and plain strings."""
    if isinstance(value, ox.Literal) and not value.language:
        datatype = value.datatype.value
        if datatype in _ORDERED:
            if lexical_ok(value, datatype):
                # int for the integers (offsets, mostly): made faster than a Decimal, and
                # compared with one exactly
                text = value.value
                return "number", Decimal(text) if datatype == _DECIMAL else int(text)
        elif datatype == _STRING:
            return "string", value.value
    raise Undecided


def _relation(test: Callable[[Any, Any], bool], left: Expression, right: Expression) -> Expression:
    def relation(graph: IndexedGraph, row: Row) -> object:
        a, b = left(graph, row), right(graph, row)
        if a is None or b is None:
            return None  # an unbound variable
        if not isinstance(a, tuple):
            a = _ordered(a)
        if not isinstance(b, tuple):
            b = _ordered(b)
        if a[0] != b[0]:
            raise Undecided
        return test(a[1], b[1])
    return relation


def _connective(operands: list[Expression], deciding: bool) -> Expression:
    """|| (deciding value True) or && (False) under SPARQL's three-valued logic: one operand
    with the deciding value decides, even if another is an error (None)."""

    def combine(graph: IndexedGraph, row: Row) -> object:
        values = [operand(graph, row) for operand in operands]
        if any(v is deciding for v in values):
            return deciding
        return (not deciding) if all(v is (not deciding) for v in values) else None
    return combine


def _exists(group: CompValue, negated: bool) -> Expression:
    patterns = _patterns(_basic_triples(group))
    plans: dict[frozenset[str], tuple[Step, ...]] = {}  # by the variables a solution binds

    def exists(graph: IndexedGraph, row: Row) -> object:
        bound = frozenset(row)
        plan = plans.get(bound)
        if plan is None:
            plan = plans[bound] = _steps(_plan(patterns, set(bound)), bound)
        return bool(_solutions(graph, plan, row)) != negated
    return exists
