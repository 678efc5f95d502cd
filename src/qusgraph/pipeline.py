"""The ingest pipeline: read → extract → map → SHACL check → store.

An article that cannot be read, or whose graph does not conform to the shapes, is
rejected whole and the store is left exactly as it was for it; the other articles still
go in.

Two ways through, with the same results:

* one article at a time (`ingest_article`), each written in one transaction — what the
  server does for POST /ingest and what small CLI runs do;
* in batches (`ingest_items` with many articles): worker processes extract, map and check
  the articles and hand back their quads as TriG; the main process stages the new articles
  in a file and loads them with one bulk load at the end (articles already in the store are
  replaced one by one, transactionally). One load leaves the store as small as a bulk-loaded
  copy; loading every 128 MB of TriG instead made it 1.6× larger and did not lower the peak
  memory, which is the bulk loader's own. Bulk loads are not transactions: an
  interrupted run may leave some of its articles half-written, and running it again
  repairs them, since re-ingesting an article replaces its graph.
"""

from __future__ import annotations

import gc
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
from .trig import TripleText, term, texts_of, trig_of_texts
from .validate import validate_article, warm_validation

PARALLEL_FROM = 200  # fewer articles are not worth starting worker processes for
FACT_CACHE = 200_000  # default-graph facts a worker remembers having sent
GC_THRESHOLD = 10_000  # a worker's first-generation collection threshold (see _start_worker)


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
    """An article extracted, mapped and checked in a worker; its quads as TriG (compact to
    pass between processes, and as fast to load as N-Quads)."""

    source: str
    article_id: str
    graph: str
    outcome: ArticleOutcome | None  # a rejection, or None
    trig: bytes = b""  # the article's named graph, and its facts for the default graph that this
    #                    worker had not sent before
    quads: int = 0
    fresh_facts: int = 0


_WORKER_LEXICON: Lexicon | None = None
# Keyed by the facts' TriG texts: they hash and compare far faster than Oxigraph terms, and
# are no work for the garbage collector.
_SENT_FACTS: OrderedDict[TripleText, None] = OrderedDict()


def _start_worker() -> None:
    global _WORKER_LEXICON
    _WORKER_LEXICON = load_lexicon()
    warm_validation(_WORKER_LEXICON)
    # An article makes thousands of short-lived objects. At the default threshold (700) the
    # collector ran about once an article, promoting what was alive at that moment, which in
    # turn set off full passes over every long-lived object: a tenth of the time of prepare.
    # Collect young objects less often, and keep the lexicon and the compiled shapes, which
    # live as long as the worker, out of the full passes.
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    gc.freeze()


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
    texts = texts_of(graph.terms())
    fresh = []
    for fact in texts[: len(graph.fact_terms)]:  # the facts come first
        if fact in _SENT_FACTS:
            _SENT_FACTS.move_to_end(fact)
            continue
        _SENT_FACTS[fact] = None
        fresh.append(fact)
        if len(_SENT_FACTS) > FACT_CACHE:
            _SENT_FACTS.popitem(last=False)
    trig = trig_of_texts(term(graph.name), texts, fresh)
    return PreparedArticle(article.source, article.id, graph.name.value, None, trig, graph.quad_count(), len(fresh))


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
    """New articles are staged in a file beside the store and bulk loaded together at the end
    (one load keeps the store as small as a bulk-loaded one); an article already in the store
    is replaced at once, in a transaction."""
    with _Staging(store) as staging:
        for item in _prepared(items, workers):
            if isinstance(item, ArticleError):
                yield _reading_error(item)
            elif item.outcome is not None:
                yield item.outcome
            elif item.graph in staging.graphs:  # twice in one run: the first goes in before the second
                staging.load()
                yield _replace(item, store)
            elif store.has_graph(item.graph):
                yield _replace(item, store)
            else:
                staging.add(item)
                yield ArticleOutcome(item.source, item.article_id, True,
                                     f"{item.source}: ingested as {item.article_id}", quads=item.quads)
        staging.load()


class _Staging:
    """TriG of prepared articles in a temporary file, bulk loaded in one go."""

    def __init__(self, store: QusStore) -> None:
        import tempfile

        self.store = store
        directory = store.path.parent if store.path is not None else None
        self.file = tempfile.NamedTemporaryFile(prefix=".qusgraph-staging-", suffix=".trig", dir=directory,
                                                delete=False)
        self.graphs: set[str] = set()

    def __enter__(self) -> _Staging:
        return self

    def __exit__(self, *_: object) -> None:
        self.file.close()
        os.unlink(self.file.name)

    def add(self, item: PreparedArticle) -> None:
        self.file.write(item.trig)
        self.file.write(b"\n")
        self.graphs.add(item.graph)

    def load(self) -> None:
        if not self.graphs:
            return
        self.file.flush()
        self.store.bulk_load_file(self.file.name, ox.RdfFormat.TRIG)
        self.file.seek(0)
        self.file.truncate()
        self.graphs.clear()


def _replace(prepared: PreparedArticle, store: QusStore) -> ArticleOutcome:
    """Replace an article already in the store, transactionally."""
    name = ox.NamedNode(prepared.graph)
    quads = [q for q in ox.parse(prepared.trig, format=ox.RdfFormat.TRIG) if q.graph_name == name]
    graph = ArticleGraph.from_quads(name, [q for q in quads if not _is_provenance(q, name)],
                                    [q for q in quads if _is_provenance(q, name)])
    try:
        store.write_article(graph)
    except QusgraphError as error:
        return ArticleOutcome(prepared.source, prepared.article_id, False, str(error))
    return ArticleOutcome(prepared.source, prepared.article_id, True,
                          f"{prepared.source}: ingested as {prepared.article_id}", quads=len(quads), replaced=True)


def _is_provenance(quad: ox.Quad, name: ox.NamedNode) -> bool:
    from .mapping import is_provenance

    return is_provenance(quad, name)


def ingest_paths(paths: list[str], store: QusStore, published: date | None = None,
                 lexicon: Lexicon | None = None) -> Iterator[ArticleOutcome]:
    """Ingest every article under `paths` (files, folders, JSON Lines, "-")."""
    lexicon = lexicon or load_lexicon()
    yield from ingest_items(iter_articles(paths, lexicon, published), store, lexicon)
