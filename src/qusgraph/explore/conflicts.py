"""Conflicting facts: a property that should have one value (a round's date, place or
ordinal; an official's country; a commitment's amount) with several incompatible values
from different articles. Both are kept in the graph; this report lists them with their
sources. Dates of different precision agree when one contains the other (2022-11 and
2022-11-22), so they are not conflicts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..rdf.namespaces import short_iri
from ..serialize.results import short_term
from ..store.embedded import QusStore

SINGLE_VALUED = ("qus:date", "qus:place", "qus:ordinal", "qus:represents", "qus:amount", "qus:currency",
                 "qus:duration")

CONFLICTS_QUERY = """
SELECT ?node ?p ?o ?article WHERE {
  VALUES ?p { PREDICATES }
  { SELECT ?node ?p WHERE { ?node ?p ?any } GROUP BY ?node ?p HAVING (COUNT(DISTINCT ?any) > 1) }
  ?node ?p ?o .
  OPTIONAL { GRAPH ?article { ?node ?p ?o } }
}
ORDER BY ?node ?p ?o ?article
""".replace("PREDICATES", " ".join(SINGLE_VALUED))


@dataclass(frozen=True)
class Conflict:
    node: str
    predicate: str
    values: dict[str, list[str]]  # value → articles that state it

    def lines(self) -> list[str]:
        out = [f"{short_iri(self.node)}  {short_iri(self.predicate)}"]
        for value, articles in sorted(self.values.items()):
            sources = ", ".join(short_iri(a) for a in articles) or "(no article)"
            out.append(f"    {value}  ← {sources}")
        return out


def _compatible(values: list[str], predicate: str) -> bool:
    """Whether the values can all be true at once (dates of different precision)."""
    if not predicate.endswith("#date"):
        return False
    ordered = sorted(values, key=len)
    return all(longer.startswith(shorter) for shorter, longer in zip(ordered, ordered[1:], strict=False))


def find_conflicts(store: QusStore) -> list[Conflict]:
    grouped: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in store.query(CONFLICTS_QUERY):  # type: ignore[union-attr]
        value = short_term(row["o"])
        articles = grouped[(row["node"].value, row["p"].value)][value]
        if row["article"] is not None and row["article"].value not in articles:
            articles.append(row["article"].value)
    conflicts = []
    for (node, predicate), values in grouped.items():
        if len(values) > 1 and not _compatible(list(values), predicate):
            conflicts.append(Conflict(node, predicate, {k: list(v) for k, v in values.items()}))
    return conflicts
