"""One article's named graph as the mapping hands it on: fact and provenance terms, kept
apart because only the facts go to the merged default graph. The store, the validator and
the TriG writer read this shape without needing the mapping that made it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, Triple

Subject = NamedNode | BlankNode
Object = NamedNode | BlankNode | Literal
Terms = tuple[Subject, NamedNode, Object]

PROVENANCE_SUBJECT_MARKERS = ("/sentence/", "/support/")


def is_provenance(quad: Quad, article: NamedNode) -> bool:
    """Whether a quad of an article graph is provenance (kept out of the merged graph)."""
    subject = quad.subject
    return isinstance(subject, NamedNode) and subject.value.startswith(article.value + "/") and any(
        marker in subject.value for marker in PROVENANCE_SUBJECT_MARKERS)



@dataclass
class ArticleGraph:
    """One article's named graph, split into facts and provenance, each a list of (subject,
    predicate, object) terms; Oxigraph quads are made only when asked for (the batched ingest
    writes TriG straight from the terms, and making the quads cost more than the mapping)."""

    name: NamedNode
    fact_terms: list[Terms] = field(default_factory=list)
    provenance_terms: list[Terms] = field(default_factory=list)

    @classmethod
    def from_quads(cls, name: NamedNode, facts: Iterable[Quad], provenance: Iterable[Quad]) -> ArticleGraph:
        return cls(name, [terms_of(q) for q in facts], [terms_of(q) for q in provenance])

    @cached_property
    def facts(self) -> list[Quad]:
        return [Quad(s, p, o, self.name) for s, p, o in self.fact_terms]

    @cached_property
    def provenance(self) -> list[Quad]:
        return [Quad(s, p, o, self.name) for s, p, o in self.provenance_terms]

    @property
    def quads(self) -> list[Quad]:
        return self.facts + self.provenance

    def terms(self) -> list[Terms]:
        """The subject, predicate and object of each quad of `quads`, in order."""
        return self.fact_terms + self.provenance_terms

    def quad_count(self) -> int:
        return len(self.fact_terms) + len(self.provenance_terms)


def terms_of(statement: Triple | Quad) -> Terms:
    """A triple's (or a quad's) subject, predicate and object."""
    return statement.subject, statement.predicate, statement.object  # type: ignore[return-value]


def as_quad(statement: Triple | Quad, graph: NamedNode | BlankNode | DefaultGraph | None = None) -> Quad:
    """A triple, or a quad of any graph, as a quad of `graph` (the default graph unless one is named)."""
    return Quad(statement.subject, statement.predicate, statement.object, graph)
