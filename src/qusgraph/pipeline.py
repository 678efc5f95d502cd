"""The ingest pipeline: read → extract → map → SHACL check → store.

An article that cannot be read, or whose graph does not conform to the shapes, is
rejected whole and the store is left exactly as it was for it; the other articles still
go in.

Two ways through, with the same results:

* one article at a time (`ingest_article`), each written in one transaction — what the
  server does for POST /ingest and what small CLI runs do;
* in batches (`ingest_items` with many articles): worker processes extract, map and check
  the articles and hand back their quads as N-Quads; the main process loads each batch of
  new articles with one bulk load (articles already in the store are replaced one by one,
  transactionally) and compacts the store at the end. Bulk loads are not transactions: an
  interrupted run may leave some of its articles half-written, and running it again
  repairs them, since re-ingesting an article replaces its graph.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, islice

import pyoxigraph as ox

from .articles import Article, iter_articles
from .errors import ArticleError, QusgraphError
from .extract import extract_article
from .lexicon import Lexicon, load_lexicon
from .mapping import ArticleGraph, article_graph
from .store import QusStore
from .validate import validate_article

BATCH = 250  # articles per bulk load
PARALLEL_FROM = 200  # fewer articles are not worth starting worker processes for
FACT_CACHE = 200_000  # default-graph facts a worker remembers having sent


@dataclass(frozen=True)
class ArticleOutcome:
    """What happened to one article."""

    source: str
    article_id: str | None
    accepted: bool
    message: str
    quads: int = 0
    replaced: bool = False
    report: str = ""

    def as_json(self) -> dict[str, object]:
        return {"source": self.source, "id": self.article_id, "accepted": self.accepted,
                "message": self.message, "quads": self.quads, "replaced": self.replaced,
                "report": self.report}


@dataclass
class IngestSummary:
    outcomes: list[ArticleOutcome] = field(default_factory=list)

    @property
    def accepted(self) -> int:
        return sum(1 for o in self.outcomes if o.accepted)

    @property
    def rejected(self) -> int:
        return sum(1 for o in self.outcomes if not o.accepted)

    def line(self) -> str:
        quads = sum(o.quads for o in self.outcomes if o.accepted)
        replaced = sum(1 for o in self.outcomes if o.accepted and o.replaced)
        return (f"{self.accepted} article(s) ingested ({replaced} replaced, {quads} quads), "
                f"{self.rejected} rejected")


def build_graph(article: Article, lexicon: Lexicon) -> ArticleGraph:
    """Extract an article's facts and map them to its named graph."""
    return article_graph(extract_article(article, lexicon).facts, lexicon)


def _rejection(article: Article, graph: ArticleGraph, lexicon: Lexicon) -> ArticleOutcome | None:
    report = validate_article(graph, lexicon)
    if report.conforms:
        return None
    first = next((v.line() for v in report.violations if v.severity == "Violation"), "does not conform")
    return ArticleOutcome(article.source, article.id, False, f"{article.source}: rejected by SHACL: {first}",
                          report=report.summary())


def ingest_article(article: Article, store: QusStore, lexicon: Lexicon) -> ArticleOutcome:
    """Extract, validate and store one article, in one transaction (all or nothing)."""
    try:
        graph = build_graph(article, lexicon)
        rejected = _rejection(article, graph, lexicon)
        if rejected is not None:
            return rejected
        result = store.write_article(graph)
    except QusgraphError as error:
        return ArticleOutcome(article.source, article.id, False, str(error))
    return ArticleOutcome(article.source, article.id, True, f"{article.source}: ingested as {article.id}",
                          quads=result.quads, replaced=result.replaced)


def ingest_items(items: Iterable[Article | ArticleError], store: QusStore, lexicon: Lexicon | None = None,
                 workers: int | None = None) -> Iterator[ArticleOutcome]:
    """Ingest articles (reading errors pass through as rejections), in the order given.

    With many articles (or `workers` > 1) the batched path runs; a short run goes one
    article at a time.
    """
    lexicon = lexicon or load_lexicon()
    store.ensure_topic_scheme(lexicon)
    iterator = iter(items)
    head = list(islice(iterator, PARALLEL_FROM))
    if len(head) < PARALLEL_FROM and not (workers and workers > 1):
        for item in head:
            if isinstance(item, ArticleError):
                yield _reading_error(item)
            else:
                yield ingest_article(item, store, lexicon)
        return
    yield from _ingest_batched(chain(head, iterator), store, lexicon, workers or default_workers())


def _reading_error(error: ArticleError) -> ArticleOutcome:
    return ArticleOutcome(str(error).split(":", 1)[0], None, False, str(error))


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


# ---------------------------------------------------------------------------- batched path
@dataclass(frozen=True)
class PreparedArticle:
    """An article extracted, mapped and checked in a worker; its quads as N-Quads."""

    source: str
    article_id: str
    graph: str
    outcome: ArticleOutcome | None  # a rejection, or None
    graph_nquads: bytes = b""  # the article's named graph
    fact_nquads: bytes = b""  # its facts for the default graph (those this worker had not sent yet)
    quads: int = 0


_WORKER_LEXICON: Lexicon | None = None
_SENT_FACTS: OrderedDict[bytes, None] = OrderedDict()


def _start_worker() -> None:
    global _WORKER_LEXICON
    _WORKER_LEXICON = load_lexicon()


def prepare(article: Article) -> PreparedArticle:
    """Worker side: extract, map, check, and serialise one article."""
    lexicon = _WORKER_LEXICON or load_lexicon()
    try:
        graph = build_graph(article, lexicon)
        rejected = _rejection(article, graph, lexicon)
    except QusgraphError as error:
        return PreparedArticle(article.source, article.id, "", ArticleOutcome(article.source, article.id, False,
                                                                              str(error)))
    if rejected is not None:
        return PreparedArticle(article.source, article.id, graph.name.value, rejected)
    graph_nquads = ox.serialize(graph.quads, format=ox.RdfFormat.N_QUADS) or b""
    facts = ox.serialize((q.triple for q in graph.facts), format=ox.RdfFormat.N_TRIPLES) or b""
    fresh = []
    for line in facts.splitlines(keepends=True):
        if line in _SENT_FACTS:
            _SENT_FACTS.move_to_end(line)
            continue
        _SENT_FACTS[line] = None
        fresh.append(line)
        if len(_SENT_FACTS) > FACT_CACHE:
            _SENT_FACTS.popitem(last=False)
    return PreparedArticle(article.source, article.id, graph.name.value, None, graph_nquads, b"".join(fresh),
                           len(graph.quads))


def prepare_item(item: Article | ArticleError) -> PreparedArticle | ArticleError:
    return item if isinstance(item, ArticleError) else prepare(item)


def _prepared(items: Iterable[Article | ArticleError], workers: int) -> Iterator[PreparedArticle | ArticleError]:
    """Articles prepared in worker processes, in their order; reading errors passed through."""
    if workers <= 1:
        _start_worker()
        yield from map(prepare_item, items)
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_start_worker) as pool:
        yield from pool.imap(prepare_item, items, chunksize=8)


def _ingest_batched(items: Iterable[Article | ArticleError], store: QusStore, lexicon: Lexicon,
                    workers: int) -> Iterator[ArticleOutcome]:
    batch: list[PreparedArticle] = []
    loaded = 0
    for item in _prepared(items, workers):
        if isinstance(item, ArticleError):
            yield _reading_error(item)
            continue
        if item.outcome is not None:
            yield item.outcome
            continue
        if any(b.graph == item.graph for b in batch):
            loaded += len(batch)
            yield from _write_batch(batch, store)
            batch = []
        batch.append(item)
        if len(batch) >= BATCH:
            loaded += len(batch)
            yield from _write_batch(batch, store)
            batch = []
    if batch:
        loaded += len(batch)
        yield from _write_batch(batch, store)
    if loaded:
        store.optimize()


def _write_batch(batch: list[PreparedArticle], store: QusStore) -> Iterator[ArticleOutcome]:
    """New articles in one bulk load; articles already stored replaced one at a time."""
    fresh = [p for p in batch if not store.has_graph(p.graph)]
    known = [p for p in batch if store.has_graph(p.graph)]
    if fresh:
        store.bulk_load(b"".join(p.graph_nquads + p.fact_nquads for p in fresh))
        for prepared in fresh:
            yield ArticleOutcome(prepared.source, prepared.article_id, True,
                                 f"{prepared.source}: ingested as {prepared.article_id}", quads=prepared.quads)
    for prepared in known:
        quads = list(ox.parse(prepared.graph_nquads, format=ox.RdfFormat.N_QUADS))
        name = ox.NamedNode(prepared.graph)
        graph = ArticleGraph(name, [q for q in quads if not _is_provenance(q, name)],
                             [q for q in quads if _is_provenance(q, name)])
        try:
            store.write_article(graph)
        except QusgraphError as error:
            yield ArticleOutcome(prepared.source, prepared.article_id, False, str(error))
            continue
        yield ArticleOutcome(prepared.source, prepared.article_id, True,
                             f"{prepared.source}: ingested as {prepared.article_id}", quads=len(quads),
                             replaced=True)


def _is_provenance(quad: ox.Quad, name: ox.NamedNode) -> bool:
    from .mapping import is_provenance

    return is_provenance(quad, name)


def ingest_paths(paths: list[str], store: QusStore, published: date | None = None,
                 lexicon: Lexicon | None = None) -> Iterator[ArticleOutcome]:
    """Ingest every article under `paths` (files, folders, JSON Lines, "-")."""
    lexicon = lexicon or load_lexicon()
    yield from ingest_items(iter_articles(paths, lexicon, published), store, lexicon)
