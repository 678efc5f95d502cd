"""SPARQL Update that keeps the shapes: evaluated into a delta, checked, then written at once.

Oxigraph commits an update as it runs it and cannot take it back, and has no dry run. So an
update is not handed to it as text. It is parsed (rdflib's grammar, the one the safety guard
reads it with) and evaluated here against a view of the store — the store as it is, overlaid
with the changes of the update's earlier operations — into the quads it removes and the quads
it adds that were not there. Nothing is written while that happens. Then:

1. the merged default graph is kept in step, as `QusStore` keeps it for ingested articles: a
   fact (not provenance) added to a named graph is added to the default graph, and a fact
   taken out of a named graph leaves the default graph when no other named graph states it;
2. what the delta touches is validated as it would be afterwards, and as it is now: each named
   graph it changes in full (an article graph, as ingest checks it: the `Article` shape's
   SPARQL constraints reach into its provenance), and in the default graph the nodes it
   touches with what their shapes read (their own statements, the statements that point at
   them, the types of what they point at), with the shapes that hold for a merge;
3. an update that adds a violation is refused with `ShapeViolation` (the store is untouched:
   there is nothing to roll back); violations the store had before do not block it;
4. otherwise the delta goes to Oxigraph as one `DELETE DATA … ; INSERT DATA …` update, which
   it commits in one transaction.

The caller serialises writes (the server's write lock), so the view cannot go stale between
evaluation and commit. LOAD and SERVICE are refused before this runs (server/safety.py).
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from ..errors import QueryError, ShapeViolation, StoreError
from ..rdf.graph import is_provenance
from ..rdf.namespaces import PREFIXES
from ..rdf.rdflib_terms import to_oxigraph, to_rdflib
from .shapes import Violation, merged_shapes, ntriples, report_of
from .shapes import _short as short_name

if TYPE_CHECKING:
    from rdflib.plugins.sparql.parserutils import CompValue

    from ..store.embedded import QusStore

DEFAULT = ox.DefaultGraph()
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
GraphName = ox.NamedNode | ox.BlankNode | ox.DefaultGraph
MAX_SHOWN = 20  # violations listed in a refusal


@dataclass
class UpdateResult:
    deleted: int
    inserted: int


@dataclass
class _View:
    """The store with the changes made so far laid over it. `inserts` holds only quads the
    store lacks and `deletes` only quads it has, so the delta is exactly what changes."""

    store: ox.Store
    inserts: dict[ox.Quad, None] = field(default_factory=dict)
    deletes: dict[ox.Quad, None] = field(default_factory=dict)
    graphs: dict[ox.NamedNode | ox.BlankNode, bool] = field(default_factory=dict)  # created / dropped
    # The inserted quads by subject and by object: the WHERE clauses and the validation look
    # them up node by node, and a large INSERT DATA would make each look-up a scan.
    _by_subject: dict[Any, dict[ox.Quad, None]] = field(default_factory=dict)
    _by_object: dict[Any, dict[ox.Quad, None]] = field(default_factory=dict)

    def add(self, quad: ox.Quad) -> None:
        if quad in self.deletes:
            del self.deletes[quad]
        elif quad not in self.store and quad not in self.inserts:
            self.inserts[quad] = None
            self._by_subject.setdefault(quad.subject, {})[quad] = None
            self._by_object.setdefault(quad.object, {})[quad] = None
        if not isinstance(quad.graph_name, ox.DefaultGraph):
            self.graphs.pop(quad.graph_name, None)  # a graph with a quad exists

    def remove(self, quad: ox.Quad) -> None:
        if quad in self.inserts:
            del self.inserts[quad]
            del self._by_subject[quad.subject][quad]
            del self._by_object[quad.object][quad]
        elif quad in self.store:
            self.deletes[quad] = None

    def quads(self, s: Any = None, p: Any = None, o: Any = None, g: GraphName | None = None) -> Iterator[ox.Quad]:
        for quad in self.store.quads_for_pattern(s, p, o, g):
            if quad not in self.deletes:
                yield quad
        if s is not None:
            added: Iterable[ox.Quad] = self._by_subject.get(s, {})
        elif o is not None:
            added = self._by_object.get(o, {})
        else:
            added = self.inserts
        for quad in list(added):
            if ((s is None or quad.subject == s) and (p is None or quad.predicate == p)
                    and (o is None or quad.object == o) and (g is None or quad.graph_name == g)):
                yield quad

    def named_graphs(self) -> list[ox.NamedNode | ox.BlankNode]:
        names = dict.fromkeys(self.store.named_graphs())
        names.update(dict.fromkeys(q.graph_name for q in self.inserts
                                   if not isinstance(q.graph_name, ox.DefaultGraph)))
        names.update(dict.fromkeys(name for name, exists in self.graphs.items() if exists))
        return [name for name in names if self.graphs.get(name, True)]

    def has_graph(self, name: ox.NamedNode | ox.BlankNode) -> bool:
        return name in self.named_graphs()

    def clear(self, graph: GraphName) -> None:
        for quad in list(self.quads(g=graph)):
            self.remove(quad)


# ---------------------------------------------------------------------------- terms
def _to_ox(term: Any) -> Any:
    try:
        return to_oxigraph(term)
    except ValueError:
        raise QueryError(f"SPARQL update: cannot write the term {term!r}") from None


def _to_rdflib(term: Any) -> Any:
    try:
        return to_rdflib(term)
    except ValueError:
        raise QueryError(f"SPARQL update: cannot read the term {term}") from None  # RDF-star triples


def _graph_name(term: Any) -> GraphName:
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    if term is None or term == DATASET_DEFAULT_GRAPH_ID or term == "DEFAULT":
        return DEFAULT
    name = _to_ox(term)
    if not isinstance(name, (ox.NamedNode, ox.BlankNode)):
        raise QueryError(f"SPARQL update: {term} cannot name a graph")
    return name


# ---------------------------------------------------------------------------- rdflib's view
def _dataset(view: _View, default: list[GraphName], named: list[ox.NamedNode | ox.BlankNode] | None) -> Any:
    """An rdflib Dataset over `view` for evaluating a WHERE clause: its default graph is the
    merge of `default` (USING or WITH, else the store's default graph), its named graphs
    `named` (USING NAMED) or all of them."""
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID, Dataset, Graph
    from rdflib.store import Store

    class ViewStore(Store):
        context_aware = True
        graph_aware = True

        def _sources(self, context: Any) -> list[GraphName] | None:
            identifier = getattr(context, "identifier", context)
            if identifier is None:
                return None
            if identifier == DATASET_DEFAULT_GRAPH_ID:
                return default
            name = _graph_name(identifier)
            return [name] if named is None or name in named else []

        def triples(self, triple_pattern: Any, context: Any = None) -> Iterator[Any]:
            from rdflib.term import Variable

            s, p, o = (None if t is None or isinstance(t, Variable) else _to_ox(t) for t in triple_pattern)
            sources = self._sources(context)
            seen: set[ox.Triple] = set()
            for graph in [None] if sources is None else sources:
                for quad in view.quads(s, p, o, graph):
                    if quad.triple not in seen:
                        seen.add(quad.triple)
                        yield (_to_rdflib(quad.subject), _to_rdflib(quad.predicate),
                               _to_rdflib(quad.object)), iter([context])

        def __len__(self, context: Any = None) -> int:
            return sum(1 for _ in self.triples((None, None, None), context))

        def contexts(self, triple: Any = None) -> Generator[Graph, None, None]:
            for name in view.named_graphs() if named is None else named:
                yield Graph(store=self, identifier=_to_rdflib(name))

        def add_graph(self, graph: Any) -> None:
            pass

    class ViewDataset(Dataset):
        # rdflib's SPARQL evaluation reads `default_context`, which a Dataset deprecates with a warning.
        @property
        def default_context(self) -> Graph:
            return self._default_context

        @default_context.setter
        def default_context(self, value: Graph) -> None:
            self._default_context = value

    return ViewDataset(store=ViewStore())


def _solutions(view: _View, prologue: Any, where: CompValue, default: list[GraphName],
               named: list[ox.NamedNode | ox.BlankNode] | None) -> list[Any]:
    from rdflib.plugins.sparql.evaluate import evalPart
    from rdflib.plugins.sparql.sparql import QueryContext

    dataset = _dataset(view, default, named)
    context = QueryContext(dataset, initBindings={}).pushGraph(dataset.default_graph)
    context.prologue = prologue
    # All solutions first: the deletions and insertions must not change what the WHERE sees.
    return list(evalPart(context, where))


def _instantiate(template: Iterable[Any], graph: Any, solution: Any, fallback: GraphName,
                 ground_only: bool, fresh: dict[Any, ox.BlankNode]) -> Iterator[ox.Quad]:
    """`template`'s triples with `solution`'s values; a triple with an unbound variable or a
    term in a place it cannot stand is left out (SPARQL 1.1 Update §3.1.3). Blank nodes are
    those of `fresh`, one map per solution."""
    from rdflib.term import BNode, Variable

    def value(term: Any) -> Any:
        if isinstance(term, Variable):
            bound = solution.get(term) if solution is not None else None
            return None if bound is None else _to_ox(bound)
        if isinstance(term, BNode):
            if ground_only:
                return None
            return fresh.setdefault(term, ox.BlankNode())
        return _to_ox(term)

    if graph is None:
        name: Any = fallback
    else:
        name = value(graph)
        if name is None:
            return
        if not isinstance(name, (ox.NamedNode, ox.BlankNode)):
            return
    for s, p, o in template:
        terms = value(s), value(p), value(o)
        if any(t is None for t in terms) or isinstance(terms[0], ox.Literal) or not isinstance(terms[1], ox.NamedNode):
            continue
        yield ox.Quad(terms[0], terms[1], terms[2], name)


def _quad_templates(clause: Any, solution: Any, fallback: GraphName, ground_only: bool = False
                    ) -> Iterator[ox.Quad]:
    fresh: dict[Any, ox.BlankNode] = {}  # `_:a` in the default graph and in GRAPH {…} is one node
    yield from _instantiate(clause.triples or [], None, solution, fallback, ground_only, fresh)
    for graph, triples in (clause.quads or {}).items():
        yield from _instantiate(triples, graph, solution, fallback, ground_only, fresh)


# ---------------------------------------------------------------------------- operations
def _targets(view: _View, which: Any) -> list[GraphName]:
    if which == "DEFAULT":
        return [DEFAULT]
    if which == "NAMED":
        return list(view.named_graphs())
    if which == "ALL":
        return [DEFAULT, *view.named_graphs()]
    return [_graph_name(which)]


def _apply(view: _View, operation: CompValue, prologue: Any) -> None:
    from rdflib.plugins.sparql.algebra import BGP, Graph, Join

    kind = operation.name
    if kind == "InsertData":
        for quad in _quad_templates(operation, None, DEFAULT):
            view.add(quad)
    elif kind == "DeleteData":
        for quad in _quad_templates(operation, None, DEFAULT, ground_only=True):
            view.remove(quad)
    elif kind == "DeleteWhere":
        where = BGP(operation.triples or [])
        for graph, triples in (operation.quads or {}).items():
            where = Join(where, Graph(graph, BGP(triples)))
        found = _solutions(view, prologue, where, [DEFAULT], None)
        for quad in [q for solution in found for q in _quad_templates(operation, solution, DEFAULT, True)]:
            view.remove(quad)
    elif kind == "Modify":
        target = _graph_name(operation.withClause) if operation.withClause is not None else DEFAULT
        default, named = [target], None
        if operation.using:
            clauses = list(operation.using)
            # CompValue attributes are None when absent (its `get` answers the key itself).
            default = [_graph_name(c.default) for c in clauses if c.default is not None]
            named = [n for c in clauses if c.named is not None
                     if isinstance(n := _graph_name(c.named), (ox.NamedNode, ox.BlankNode))]
        found = _solutions(view, prologue, operation.where, default, named)
        deletes = [q for s in found for q in _quad_templates(operation.delete, s, target, True)
                   ] if operation.delete else []
        inserts = [q for s in found for q in _quad_templates(operation.insert, s, target)
                   ] if operation.insert else []
        for quad in deletes:
            view.remove(quad)
        for quad in inserts:
            view.add(quad)
    elif kind in ("Clear", "Drop"):
        which = operation.graphiri
        if not isinstance(which, str) or which not in ("DEFAULT", "NAMED", "ALL"):
            name = _graph_name(which)
            if isinstance(name, (ox.NamedNode, ox.BlankNode)) and not view.has_graph(name):
                if operation.silent:
                    return
                raise QueryError(f"SPARQL update: the graph {name} does not exist")
        for graph in _targets(view, which):
            view.clear(graph)
            if kind == "Drop" and not isinstance(graph, ox.DefaultGraph):
                view.graphs[graph] = False
    elif kind == "Create":
        name = _graph_name(operation.graphiri)
        if isinstance(name, (ox.NamedNode, ox.BlankNode)):
            if view.has_graph(name):
                if operation.silent:
                    return
                raise QueryError(f"SPARQL update: the graph {name} already exists")
            view.graphs[name] = True
    elif kind in ("Add", "Copy", "Move"):
        source, target = (_graph_name(g) for g in operation.graph)
        if source == target:
            return
        if isinstance(source, (ox.NamedNode, ox.BlankNode)) and not view.has_graph(source):
            if operation.silent:
                return
            raise QueryError(f"SPARQL update: the graph {source} does not exist")
        triples = [q.triple for q in view.quads(g=source)]
        if kind != "Add":
            view.clear(target)
        if isinstance(target, (ox.NamedNode, ox.BlankNode)):
            view.graphs[target] = True
        for triple in triples:
            view.add(ox.Quad(triple.subject, triple.predicate, triple.object, target))
        if kind == "Move":
            view.clear(source)
            if isinstance(source, (ox.NamedNode, ox.BlankNode)):
                view.graphs[source] = False
    else:  # LOAD: refused by the safety guard before it gets here
        raise QueryError(f"SPARQL update: {kind} is not allowed on this endpoint")


def _translate(tree: Any) -> list[CompValue]:
    """rdflib's `translateUpdate`, but for the triples of INSERT DATA and DELETE DATA: it
    orders a pattern's triples for joining, in time quadratic in their number (8 s for 1,000),
    and data has nothing to join."""
    import functools

    from rdflib.plugins.sparql import algebra

    def flat(blocks: list[list[Any]]) -> list[tuple[Any, Any, Any]]:
        terms = [term for block in blocks for term in block]
        return list(zip(terms[0::3], terms[1::3], terms[2::3], strict=True))

    operations = []
    prologue = None
    for declared, operation in zip(tree.prologue, tree.request or [], strict=False):
        prologue = algebra.translatePrologue(declared, None, PREFIXES, prologue)
        operation = algebra.traverse(operation, visitPost=functools.partial(algebra.translatePName,
                                                                            prologue=prologue))
        if operation.name in ("InsertData", "DeleteData"):
            quads = operation.quads
            graphs: dict[Any, list[tuple[Any, Any, Any]]] = {}
            for block in quads.quadsNotTriples or []:
                graphs.setdefault(block.term, []).extend(flat(block.triples or []))
            operation["triples"], operation["quads"] = flat(quads.triples or []), graphs
            operation.prologue = prologue
        else:
            operation = algebra._traverse(operation, algebra._simplifyFilters)
            operation = algebra.traverse(operation, visitPost=algebra.translatePath)
            operation = algebra.translateUpdate1(operation, prologue)
        operations.append(operation)
    return operations


@dataclass(frozen=True)
class ParsedUpdate:
    """An update's operations, translated to rdflib's algebra; parsing needs no store, so it
    is done before the write lock is taken (rdflib parses 1,000 triples in about 2 s)."""

    operations: tuple[CompValue, ...]


def parse_update(text: str) -> ParsedUpdate:
    """:raises QueryError: if `text` is not a SPARQL update, or nests too deeply to be read."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        return ParsedUpdate(tuple(_translate(parseUpdate(text))))
    except ParseBaseException as error:
        raise QueryError(f"SPARQL syntax error: {error.msg} at line {error.lineno}, column {error.col}") from None
    except RecursionError:
        raise QueryError("the update nests too deeply to be checked against the shapes") from None


def evaluate(store: ox.Store, update: ParsedUpdate) -> _View:
    """The changes `update` makes to `store`, not yet written.

    :raises QueryError: if an operation fails (a graph that does not exist, without SILENT).
    """
    operations = update.operations
    view = _View(store)
    for operation in operations:
        try:
            _apply(view, operation, operation.prologue)
        except (QueryError, ShapeViolation):
            raise
        except RecursionError:
            raise QueryError("the update nests too deeply to be checked against the shapes") from None
        except Exception as error:  # noqa: BLE001 - rdflib's evaluation errors are the client's query
            raise QueryError(f"SPARQL update cannot be evaluated: {type(error).__name__}: {error}") from None
    return view


# ---------------------------------------------------------------------------- the merged graph
def keep_merged(view: _View) -> None:
    """Add to the default graph the facts the delta adds to named graphs, and take out of it
    those the delta takes out of named graphs that no named graph states any more."""
    added = [q for q in view.inserts if isinstance(q.graph_name, (ox.NamedNode, ox.BlankNode))]
    removed = [q for q in view.deletes if isinstance(q.graph_name, (ox.NamedNode, ox.BlankNode))]
    for quad in added:
        if not is_provenance(quad, quad.graph_name):  # type: ignore[arg-type]
            view.add(ox.Quad(quad.subject, quad.predicate, quad.object, DEFAULT))
    for quad in removed:
        if is_provenance(quad, quad.graph_name):  # type: ignore[arg-type]
            continue
        if not any(not isinstance(other.graph_name, ox.DefaultGraph)
                   for other in view.quads(quad.subject, quad.predicate, quad.object)):
            view.remove(ox.Quad(quad.subject, quad.predicate, quad.object, DEFAULT))


# ---------------------------------------------------------------------------- validation
def _nodes(quads: Iterable[ox.Quad]) -> set[Any]:
    return {t for q in quads for t in (q.subject, q.object) if isinstance(t, (ox.NamedNode, ox.BlankNode))}


def _neighbourhood(read: _View | ox.Store, touched: set[Any]) -> list[ox.Triple]:
    """What the shapes of `touched` nodes of the default graph read: their statements, the
    statements of the nodes that point at them (whose shapes may ask of them a class or a
    count), and the types of every node those statements point at (sh:class)."""
    def quads(s: Any = None, p: Any = None, o: Any = None) -> Iterator[ox.Quad]:
        if isinstance(read, _View):
            return read.quads(s, p, o, DEFAULT)
        return iter(read.quads_for_pattern(s, p, o, DEFAULT))

    subjects = set(touched)
    for node in touched:
        subjects.update(q.subject for q in quads(o=node))
    found: dict[ox.Triple, None] = {}
    for subject in subjects:
        for quad in quads(s=subject):
            found[quad.triple] = None
    for node in _nodes(ox.Quad(t.subject, t.predicate, t.object) for t in list(found)):
        for quad in quads(s=node, p=RDF_TYPE):
            found[quad.triple] = None
    return list(found)


def _violations(shapes: Any, triples: Iterable[ox.Triple], context: str) -> set[Violation]:
    text = ntriples((t.subject, t.predicate, t.object) for t in triples) + context
    report = report_of(shapes.validate_text(text, format="ntriples", allow_warnings=True))
    return {v for v in report.violations if v.severity == "Violation"}


def new_violations(view: _View) -> list[tuple[str, Violation]]:
    """The violations the delta would add: each graph it changes checked after and before."""
    from ..store.embedded import TOPIC_GRAPH
    from .shapes import engine_shapes

    changed = [*view.inserts, *view.deletes]
    graphs = dict.fromkeys(q.graph_name for q in changed)
    topics_before = [q.triple for q in view.store.quads_for_pattern(None, None, None, TOPIC_GRAPH)]
    topics_after = [q.triple for q in view.quads(g=TOPIC_GRAPH)]
    context_before = ntriples((t.subject, t.predicate, t.object) for t in topics_before)
    context_after = ntriples((t.subject, t.predicate, t.object) for t in topics_after)
    found: list[tuple[str, Violation]] = []
    for graph in graphs:
        if isinstance(graph, ox.DefaultGraph):
            touched = _nodes(q for q in changed if isinstance(q.graph_name, ox.DefaultGraph))
            shapes, label = merged_shapes(), "merged default graph"
            after = _neighbourhood(view, touched)
            before = _neighbourhood(view.store, touched)
        else:
            shapes, label = engine_shapes(), graph.value if isinstance(graph, ox.NamedNode) else str(graph)
            after = [q.triple for q in view.quads(g=graph)]
            before = [q.triple for q in view.store.quads_for_pattern(None, None, None, graph)]
        added = _violations(shapes, after, context_after) - _violations(shapes, before, context_before)
        found.extend((label, v) for v in sorted(added, key=lambda v: (v.focus, v.path, v.message)))
    return found


# ---------------------------------------------------------------------------- writing
def _data(quads: Iterable[ox.Quad]) -> str:
    by_graph: dict[GraphName, list[str]] = {}
    for quad in quads:
        by_graph.setdefault(quad.graph_name, []).append(f"{quad.subject} {quad.predicate} {quad.object} .")
    parts = []
    for graph, lines in by_graph.items():
        body = " ".join(lines)
        parts.append(body if isinstance(graph, ox.DefaultGraph) else f"GRAPH {graph} {{ {body} }}")
    return " ".join(parts)


def commit(store: ox.Store, view: _View) -> None:
    """Write the delta: one Oxigraph update, committed in one transaction. Blank nodes cannot
    be named in DELETE DATA, so quads with a blank node are removed one by one before it
    (the mapping mints IRIs; only a client's own blank nodes go this way)."""
    deletes = [q for q in view.deletes if not any(isinstance(t, ox.BlankNode) for t in (q.subject, q.object))]
    for quad in view.deletes:
        if any(isinstance(t, ox.BlankNode) for t in (quad.subject, quad.object)):
            store.remove(quad)
    parts = []
    if deletes:
        parts.append(f"DELETE DATA {{ {_data(deletes)} }}")
    for graph, exists in view.graphs.items():
        if not exists:
            parts.append(f"DROP SILENT GRAPH {graph}")
    if view.inserts:
        parts.append(f"INSERT DATA {{ {_data(view.inserts)} }}")
    for graph, exists in view.graphs.items():
        if exists:
            parts.append(f"CREATE SILENT GRAPH {graph}")
    if parts:
        store.update(" ;\n".join(parts))


def checked_update(store: QusStore, update: str | ParsedUpdate) -> UpdateResult:
    """Apply a SPARQL update to `store` if what it leaves conforms to the shapes. The caller
    serialises writes to the store.

    :raises QueryError: if the text is not a SPARQL update or cannot be evaluated.
    :raises ShapeViolation: if the update would add SHACL violations; nothing is written.
        Its message is one line, its `report` one line per violation.
    :raises StoreError: if the store cannot be written.
    """
    view = evaluate(store.store, parse_update(update) if isinstance(update, str) else update)
    keep_merged(view)
    violations = new_violations(view)
    if violations:
        lines = [f"{short_name(graph)}: {v.line()}" for graph, v in violations[:MAX_SHOWN]]
        if len(violations) > MAX_SHOWN:
            lines.append(f"… and {len(violations) - MAX_SHOWN} more violation(s)")
        raise ShapeViolation(f"update refused: it would add {len(violations)} SHACL violation(s); "
                             f"nothing was changed", "\n".join(lines))
    try:
        commit(store.store, view)
    except (OSError, SyntaxError) as error:
        from .store import one_line

        raise StoreError(f"{store.path}: update failed: {one_line(error)}") from None
    return UpdateResult(len(view.deletes), len(view.inserts))
