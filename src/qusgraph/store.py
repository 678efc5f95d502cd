"""The embedded Oxigraph store on disk: article graphs and the merged default graph.

Every article has its own named graph (facts and provenance). The default graph holds
the merged knowledge: every fact that at least one source graph (an article, or the
topic scheme) supports, maintained at write time so that plain queries need no GRAPH
clause and no union default graph. Replacing or removing an article is one SPARQL
update — atomic — that drops the article's graph, takes out of the default graph the
facts no other graph supports any more, and writes the new graph and facts.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import pyoxigraph as ox

from .errors import QueryError, StoreError
from .lexicon import Lexicon
from .mapping import ArticleGraph, is_provenance, topic_scheme_quads
from .mint import graph_iri
from .namespaces import PREFIXES, QUS

DEFAULT_STORE = "./qusgraph-store"
SERVER_MARKER = "qusgraph-serve.json"  # written into the store directory by `qusgraph serve`
STORE_ENV = "QUSGRAPH_STORE"
TOPIC_GRAPH = ox.NamedNode(graph_iri("topics"))
ARTICLE_TYPE = ox.NamedNode(QUS + "Article")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")

Triple3 = tuple[ox.NamedNode | ox.BlankNode | ox.Triple, ox.NamedNode,
                ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]


def default_store_path() -> Path:
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE)


@dataclass(frozen=True)
class WriteResult:
    article: str
    replaced: bool
    quads: int
    removed_facts: int


class QusStore:
    """An on-disk Oxigraph store with qusgraph's graph layout."""

    def __init__(self, path: Path | str | None, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        try:
            if self.path is None:
                self.store = ox.Store()
            elif read_only:
                if not self.path.exists():
                    raise StoreError(f"{self.path}: no store here (run `qusgraph ingest` first)")
                # A read-only view opens beside the process that holds the store's lock (a running
                # `qusgraph serve`), so read commands work while the store is served.
                self.store = ox.Store.read_only(str(self.path))
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.store = ox.Store(str(self.path))
        except OSError as error:
            raise StoreError(_open_error(self.path, error)) from None

    # ------------------------------------------------------------------ context manager
    def __enter__(self) -> QusStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if not self.read_only and self.path is not None:
            try:
                self.store.flush()
            except OSError:
                pass
        del self.store

    # ------------------------------------------------------------------ writes
    def ensure_topic_scheme(self, lexicon: Lexicon) -> None:
        """Load the topic scheme (and its facts in the default graph) if it is not there."""
        quads = list(topic_scheme_quads(lexicon, TOPIC_GRAPH))
        if self.store.contains_named_graph(TOPIC_GRAPH) and sum(
                1 for _ in self.store.quads_for_pattern(None, None, None, TOPIC_GRAPH)) == len(quads):
            return
        self._replace(TOPIC_GRAPH, quads, quads)

    def write_article(self, graph: ArticleGraph) -> WriteResult:
        """Replace (or add) one article's graph and keep the default graph merged."""
        replaced = self.store.contains_named_graph(graph.name)
        removed = self._replace(graph.name, graph.quads, graph.facts)
        return WriteResult(graph.name.value, replaced, graph.quad_count(), removed)

    def remove_article(self, article: ox.NamedNode) -> int:
        """Remove an article; facts no other graph supports leave the default graph."""
        if not self.store.contains_named_graph(article):
            raise StoreError(f"{article.value}: no such article in the store")
        return self._replace(article, [], [], drop_graph=True)

    def has_graph(self, iri: str) -> bool:
        return self.store.contains_named_graph(ox.NamedNode(iri))

    def bulk_load(self, data: bytes, rdf_format: ox.RdfFormat = ox.RdfFormat.N_QUADS) -> None:
        """Load quads fast, without a transaction (the batched ingest path)."""
        try:
            self.store.bulk_load(data, rdf_format)
        except (OSError, SyntaxError) as error:
            raise StoreError(f"{self.path}: bulk load failed: {one_line(error)}") from None

    def bulk_load_file(self, path: str, rdf_format: ox.RdfFormat) -> None:
        """Load a file fast, without a transaction, streamed (the batched ingest path)."""
        try:
            self.store.bulk_load(path=path, format=rdf_format)
        except (OSError, SyntaxError) as error:
            raise StoreError(f"{self.path}: bulk load failed: {one_line(error)}") from None

    def optimize(self) -> None:
        """Compact the store on disk (after bulk loads)."""
        try:
            self.store.optimize()
        except OSError as error:
            raise StoreError(f"{self.path}: compaction failed: {one_line(error)}") from None

    def _replace(self, name: ox.NamedNode, quads: list[ox.Quad], facts: list[ox.Quad],
                 drop_graph: bool = False) -> int:
        old_facts = {
            (q.subject, q.predicate, q.object)
            for q in self.store.quads_for_pattern(None, None, None, name)
            if not is_provenance(q, name)
        }
        new_facts = {(q.subject, q.predicate, q.object) for q in facts}
        orphaned = [t for t in old_facts - new_facts if not self._supported_elsewhere(t, name)]
        parts = [f"DROP SILENT GRAPH {name}"] if (old_facts or drop_graph or
                                                   self.store.contains_named_graph(name)) else []
        if orphaned:
            parts.append("DELETE DATA { " + " ".join(_triple(t) for t in orphaned) + " }")
        if quads or new_facts:
            body = " ".join(_triple((q.subject, q.predicate, q.object)) for q in quads)
            merged = " ".join(_triple(t) for t in new_facts)
            parts.append(f"INSERT DATA {{ GRAPH {name} {{ {body} }} {merged} }}")
        if parts:
            try:
                self.store.update(" ;\n".join(parts))
            except (OSError, SyntaxError) as error:
                raise StoreError(f"{self.path}: write failed: {error}") from None
        return len(orphaned)

    def _supported_elsewhere(self, triple: Triple3, name: ox.NamedNode) -> bool:
        for quad in self.store.quads_for_pattern(triple[0], triple[1], triple[2], None):
            graph = quad.graph_name
            if isinstance(graph, ox.DefaultGraph) or graph == name:
                continue
            return True
        return False

    # ------------------------------------------------------------------ reads
    def query(self, sparql: str, **options: object) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a SPARQL query with the project's prefixes predeclared."""
        try:
            from .search import sparql_functions

            # qus:searchKey / qus:nameSkeleton: name search in SPARQL (search.py)
            options.setdefault("custom_functions", sparql_functions())
            return self.store.query(sparql, prefixes=PREFIXES, **options)  # type: ignore[arg-type]
        except SyntaxError as error:
            from .queryhelp import syntax_message

            raise QueryError(f"SPARQL syntax error: {syntax_message(error, sparql)}") from None
        except OSError as error:
            raise StoreError(f"{self.path}: query failed: {one_line(error)}") from None

    def update(self, sparql: str) -> None:
        try:
            self.store.update(sparql, prefixes=PREFIXES)
        except SyntaxError as error:
            raise QueryError(f"SPARQL syntax error: {one_line(error)}") from None
        except OSError as error:
            raise StoreError(f"{self.path}: update failed: {one_line(error)}") from None

    def articles(self) -> list[str]:
        return sorted(str(q.subject).strip("<>") for q in self.store.quads_for_pattern(
            None, RDF_TYPE, ARTICLE_TYPE, ox.DefaultGraph()))

    def named_graphs(self) -> list[ox.NamedNode | ox.BlankNode]:
        return list(self.store.named_graphs())

    def quads(self, graph: ox.NamedNode | ox.DefaultGraph | None = None) -> Iterator[ox.Quad]:
        return iter(self.store.quads_for_pattern(None, None, None, graph))

    def count(self, graph: ox.NamedNode | ox.DefaultGraph | None = None) -> int:
        return sum(1 for _ in self.store.quads_for_pattern(None, None, None, graph))

    def dump(self, output: object, rdf_format: ox.RdfFormat,
             graph: ox.NamedNode | ox.DefaultGraph | None = None) -> None:
        """Serialise the dataset (or one graph) to a binary file-like object."""
        options: dict[str, object] = {}
        if graph is not None:
            options["from_graph"] = graph
        if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG):
            options["prefixes"] = PREFIXES
        self.store.dump(output, rdf_format, **options)  # type: ignore[arg-type]


def one_line(error: BaseException, limit: int = 240) -> str:
    """The first line of an error message, shortened: the parser lists every expected token."""
    text = " ".join(str(error).split())
    if ", expected one of" in text:
        text = text.split(", expected one of")[0] + ", unexpected token"
    elif " expected one of " in text:
        text = text.split(" expected one of ")[0] + " unexpected token"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _triple(triple: Triple3) -> str:
    return f"{triple[0]} {triple[1]} {triple[2]} ."


def _open_error(path: Path | None, error: OSError) -> str:
    text = str(error)
    if "lock" in text.lower() or "resource temporarily unavailable" in text.lower():
        serving = serving_endpoint(path) if path is not None else None
        where = f"`qusgraph serve` at {serving}" if serving else "another process (a running `qusgraph serve`?)"
        return (f"{path}: the store is in use by {where}; stop it, or send articles to it with "
                f"`qusgraph ingest --endpoint {serving or 'URL'}`")
    return f"{path}: cannot open the store ({text})"


def serving_endpoint(path: Path) -> str | None:
    """The URL of the `qusgraph serve` process that holds the store at `path`, if one runs."""
    import json

    marker = path / SERVER_MARKER
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
        os.kill(int(data["pid"]), 0)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return str(data.get("url") or "") or None


def iter_graph_triples(quads: Iterable[ox.Quad]) -> Iterator[ox.Triple]:
    for quad in quads:
        yield quad.triple
