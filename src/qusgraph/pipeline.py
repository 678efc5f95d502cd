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
  replaced REPLACE_BATCH at a time, one transaction each; an unchanged one is not rewritten).
  One load leaves the store as small as a bulk-loaded copy; loading every 128 MB of TriG
  instead made it 1.6× larger and did not lower the peak memory, which is the bulk loader's
  own. Bulk loads are not transactions, but a load killed midway left no article partly
  written in any trial (tests/test_crash.py); its files are removed by the next open of the
  store, and running it again converges to the store of a clean run.

Per-run state (the ids seen, the facts a worker has sent) lives on `IngestRun` and
`Preparer`, never in module globals: the server ingests many runs in one process. One bad
record — whatever it holds — ends as one rejected outcome, never as an exception.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import chain, islice

import pyoxigraph as ox

from .errors import ArticleError, QusgraphError
from .extract import extract_article
from .rdf.graph import ArticleGraph, is_provenance
from .rdf.mapping import article_graph
from .serialize.trig import TermTexts, TripleText, term, trig_of_texts
from .store.embedded import STAGING_PREFIX, QusStore, one_line
from .text.articles import Article, iter_articles
from .text.lexicon import Lexicon, load_lexicon
from .validation.shapes import article_validator, validate_article

PARALLEL_FROM = 200  # fewer articles are not worth starting worker processes for
FACT_CACHE = 200_000  # default-graph facts a worker remembers having sent
GC_THRESHOLD = 10_000  # a worker's first-generation collection threshold (see _warmed)
REPLACE_BATCH = 64  # articles already in the store replaced in one transaction

LOGGER = logging.getLogger(__name__)


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
    warning: str = ""  # e.g. a second record with the same id in one run

    def as_json(self) -> dict[str, object]:
        return {"source": self.source, "id": self.article_id, "accepted": self.accepted,
                "message": self.message, "quads": self.quads, "replaced": self.replaced,
                "report": self.report, "warning": self.warning}


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
    report = validate_article(graph)
    if report.conforms:
        return None
    first = next((v.line() for v in report.violations if v.severity == "Violation"), "does not conform")
    return ArticleOutcome(article.source, article.id, False, f"{article.source}: rejected by SHACL: {first}",
                          report=report.summary())


def _failure(article: Article, error: Exception) -> ArticleOutcome:
    """An article whose extraction failed unexpectedly: one line naming it and the reason.
    One bad record must never stop the run (a lone surrogate, a date past 9999 once did)."""
    if isinstance(error, QusgraphError):
        return ArticleOutcome(article.source, article.id, False, str(error))
    if isinstance(error, OverflowError):
        reason = (f"a date in the text falls outside the years 1–9999 when resolved against the publication "
                  f"date ({article.published.isoformat() if article.published else 'unknown'})")
    else:
        reason = f"cannot be extracted ({type(error).__name__}: {one_line(error)})"
    return ArticleOutcome(article.source, article.id, False, f"{article.source} (id {article.id!r}): {reason}")


def _build_checked(article: Article, lexicon: Lexicon) -> ArticleGraph | ArticleOutcome:
    """The article's graph, or the outcome that rejects it."""
    try:
        graph = build_graph(article, lexicon)
        rejected = _rejection(article, graph, lexicon)
    except (QusgraphError, ArithmeticError, ValueError, RecursionError, MemoryError, LookupError, TypeError,
            AttributeError, AssertionError) as error:  # a bug or bad input in one article stays in it
        return _failure(article, error)
    return graph if rejected is None else rejected


def ingest_article(article: Article, store: QusStore, lexicon: Lexicon) -> ArticleOutcome:
    """Extract, validate and store one article, in one transaction (all or nothing)."""
    graph = _build_checked(article, lexicon)
    if isinstance(graph, ArticleOutcome):
        return graph
    try:
        result = store.write_article(graph)
    except QusgraphError as error:
        return ArticleOutcome(article.source, article.id, False, str(error))
    return ArticleOutcome(article.source, article.id, True, f"{article.source}: ingested as {article.id}",
                          quads=result.quads, replaced=result.replaced)


def ingest_items(items: Iterable[Article | ArticleError], store: QusStore, lexicon: Lexicon | None = None,
                 workers: int | None = None, compact: bool = True,
                 phase: Callable[[str], None] = lambda _: None) -> Iterator[ArticleOutcome]:
    """Ingest articles (reading errors pass through as rejections), in the order given.

    With many articles (or `workers` > 1) the batched path runs; a short run goes one
    article at a time. A run that replaced articles compacts the store at its end. `phase`
    hears of the steps that come after the last article's outcome (the bulk load, a rebuild),
    which take a third of a large run's time.
    """
    yield from IngestRun(store, lexicon or load_lexicon(), workers, compact, phase).run(items)


class IngestRun:
    """One ingest run and the state that lives exactly as long as it: which ids it has taken
    in and from where, whether it replaced articles. (The facts a worker has already sent
    lived in a module global once; a second batched run in the same process then skipped the
    merged facts of the first run, and the second store lacked them.)"""

    def __init__(self, store: QusStore, lexicon: Lexicon, workers: int | None = None, compact: bool = True,
                 phase: Callable[[str], None] = lambda _: None) -> None:
        self.store = store
        self.phase = phase
        self.lexicon = lexicon
        self.workers = workers
        self.compact = compact
        self.sources: dict[str, str] = {}  # article id → where this run read it
        self.batched = False  # whether the run took the batched path (bulk loads)

    def run(self, items: Iterable[Article | ArticleError]) -> Iterator[ArticleOutcome]:
        self.store.ensure_topic_scheme()
        empty = not self.store.has_articles()
        wrote = replaced = False
        for outcome in self._outcomes(items):
            wrote = wrote or outcome.accepted
            replaced = replaced or outcome.replaced
            yield self._noted(outcome)
        if wrote and self.compact:
            # Replaced articles leave their old versions on disk: re-ingesting a corpus made the
            # store 7–11× its size. Rebuild it when it has grown past a clean copy's size.
            self.store.compact_if_bloated(clean=empty and not replaced and self.batched, phase=self.phase)

    def _outcomes(self, items: Iterable[Article | ArticleError]) -> Iterator[ArticleOutcome]:
        iterator = iter(items)
        head = list(islice(iterator, PARALLEL_FROM))
        self.batched = len(head) >= PARALLEL_FROM or bool(self.workers and self.workers > 1)
        LOGGER.debug("ingest: %s", f"batched, {self.workers or default_workers()} worker(s)" if self.batched
                     else f"one article at a time ({len(head)})")
        if not self.batched:
            for item in head:
                if isinstance(item, ArticleError):
                    yield _reading_error(item)
                else:
                    yield ingest_article(item, self.store, self.lexicon)
            return
        yield from _ingest_batched(chain(head, iterator), self.store, self.lexicon, self.workers or default_workers(),
                                   self.phase)

    def _noted(self, outcome: ArticleOutcome) -> ArticleOutcome:
        """Count replacements; warn when a second record of this run takes an id the run has
        already stored (the later one wins). Every outcome passes here: the place to log it."""
        if outcome.accepted:
            LOGGER.info("accepted %s as %s (%d quads%s)", outcome.source, outcome.article_id, outcome.quads,
                        ", replacing the stored one" if outcome.replaced else "")
        else:
            LOGGER.info("rejected %s", outcome.message)
        if not outcome.accepted or outcome.article_id is None:
            return outcome
        earlier = self.sources.get(outcome.article_id)
        self.sources[outcome.article_id] = outcome.source
        if earlier is None:
            return outcome
        return replace(outcome, warning=f"{outcome.source}: article id {outcome.article_id!r} was also given by "
                                        f"{earlier}; this later record replaces it")


def _reading_error(error: ArticleError) -> ArticleOutcome:
    return ArticleOutcome(error.source, None, False, str(error))


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


class Preparer:
    """Worker side of one batched run: extract, map, check and serialise articles. It
    remembers the default-graph facts it has sent in this run, so that each goes into the
    TriG once; it lives as long as the run (in a pool worker, the pool is the run's)."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()
        # Keyed by the facts' TriG texts: they hash and compare far faster than Oxigraph terms,
        # and are no work for the garbage collector.
        self.sent: OrderedDict[TripleText, None] = OrderedDict()
        self.texts = TermTexts()  # the texts of the terms of the articles prepared so far

    def prepare(self, article: Article) -> PreparedArticle:
        graph = _build_checked(article, self.lexicon)
        if isinstance(graph, ArticleOutcome):
            return PreparedArticle(article.source, article.id, "", graph)
        try:
            texts = self.texts.of(graph.terms())
        except (ValueError, UnicodeError) as error:
            return PreparedArticle(article.source, article.id, "", _failure(article, error))
        fresh = []
        sent = self.sent
        for fact in texts[: len(graph.fact_terms)]:  # the facts come first
            if fact in sent:
                sent.move_to_end(fact)
                continue
            sent[fact] = None
            fresh.append(fact)
            if len(sent) > FACT_CACHE:
                sent.popitem(last=False)
        trig = trig_of_texts(term(graph.name), texts, fresh)
        return PreparedArticle(article.source, article.id, graph.name.value, None, trig, graph.quad_count())

    def prepare_item(self, item: Article | ArticleError) -> PreparedArticle | ArticleError:
        return item if isinstance(item, ArticleError) else self.prepare(item)


_POOL_WORKER: Preparer | None = None  # set in pool worker processes only, which live for one run


def _start_worker() -> None:
    global _POOL_WORKER
    _POOL_WORKER = _warmed(Preparer())


def _warmed(preparer: Preparer) -> Preparer:
    article_validator()  # compile the shapes, write out the topic scheme
    # An article makes thousands of short-lived objects. At the default threshold (700) the
    # collector ran about once an article, promoting what was alive at that moment, which in
    # turn set off full passes over every long-lived object: a tenth of the time of prepare.
    # Collect young objects less often, and keep the lexicon and the compiled shapes, which
    # live as long as the worker, out of the full passes.
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    gc.freeze()
    return preparer


def prepare_item(item: Article | ArticleError) -> PreparedArticle | ArticleError:
    """In a pool worker: prepare with the worker's run-long state."""
    assert _POOL_WORKER is not None, "prepare_item runs in pool workers started by _start_worker"
    return _POOL_WORKER.prepare_item(item)


def _prepared(items: Iterable[Article | ArticleError], lexicon: Lexicon,
              workers: int) -> Iterator[PreparedArticle | ArticleError]:
    """Articles prepared in worker processes, in their order; reading errors passed through."""
    if workers <= 1:
        yield from map(_warmed(Preparer(lexicon)).prepare_item, items)
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_start_worker) as pool:
        yield from pool.imap(prepare_item, items, chunksize=8)


def _ingest_batched(items: Iterable[Article | ArticleError], store: QusStore, lexicon: Lexicon,
                    workers: int, phase: Callable[[str], None] = lambda _: None) -> Iterator[ArticleOutcome]:
    """New articles are staged in a file beside the store and bulk loaded together at the end
    (one load keeps the store as small as a bulk-loaded one); articles already in the store
    are replaced in transactions of REPLACE_BATCH articles."""
    with _Staging(store) as staging:
        replacing = _Replacements(store)
        for item in _prepared(items, lexicon, workers):
            if isinstance(item, ArticleError):
                yield _reading_error(item)
            elif item.outcome is not None:
                yield item.outcome
            elif item.graph in staging.graphs:  # twice in one run: the first goes in before the second
                staging.load()
                yield from replacing.add(item)
            elif item.graph in replacing.graphs or store.has_graph(item.graph):
                yield from replacing.add(item)
            else:
                staging.add(item)
                yield ArticleOutcome(item.source, item.article_id, True,
                                     f"{item.source}: ingested as {item.article_id}", quads=item.quads)
        yield from replacing.flush()
        if staging.graphs:
            phase(f"loading {len(staging.graphs):,} article(s) ({staging.quads:,} quads) into the store …")
        staging.load()


class _Staging:
    """TriG of prepared articles in a temporary file, bulk loaded in one go. Its name carries
    the process id, so that the next open of the store can tell a crash's leftover from the
    file of a run still going (store.remove_leftovers)."""

    def __init__(self, store: QusStore) -> None:
        import tempfile

        self.store = store
        directory = store.path.parent if store.path is not None else None
        self.file = tempfile.NamedTemporaryFile(prefix=f"{STAGING_PREFIX}{os.getpid()}-", suffix=".trig",
                                                dir=directory, delete=False)
        self.graphs: set[str] = set()
        self.quads = 0

    def __enter__(self) -> _Staging:
        return self

    def __exit__(self, *_: object) -> None:
        self.file.close()
        os.unlink(self.file.name)

    def add(self, item: PreparedArticle) -> None:
        self.file.write(item.trig)
        self.file.write(b"\n")
        self.graphs.add(item.graph)
        self.quads += item.quads

    def load(self) -> None:
        if not self.graphs:
            return
        self.file.flush()
        self.store.bulk_load_file(self.file.name, ox.RdfFormat.TRIG)
        self.file.seek(0)
        self.file.truncate()
        self.graphs.clear()
        self.quads = 0


class _Replacements:
    """Articles already in the store, replaced REPLACE_BATCH at a time in one transaction
    each (one transaction an article wrote the default graph's facts again and again)."""

    def __init__(self, store: QusStore) -> None:
        self.store = store
        self.pending: list[tuple[PreparedArticle, ArticleGraph]] = []
        self.graphs: set[str] = set()

    def add(self, prepared: PreparedArticle) -> Iterator[ArticleOutcome]:
        if prepared.graph in self.graphs:  # the same article twice: the first goes in first
            yield from self.flush()
        self.pending.append((prepared, _graph_of(prepared)))
        self.graphs.add(prepared.graph)
        if len(self.pending) >= REPLACE_BATCH:
            yield from self.flush()

    def flush(self) -> Iterator[ArticleOutcome]:
        pending, self.pending = self.pending, []
        self.graphs.clear()
        if not pending:
            return
        try:
            self.store.write_articles([graph for _, graph in pending])
        except QusgraphError:
            # One transaction failed: write them one by one, so that only the bad one is lost.
            for prepared, graph in pending:
                yield _written(prepared, graph, self.store)
            return
        for prepared, graph in pending:
            yield ArticleOutcome(prepared.source, prepared.article_id, True,
                                 f"{prepared.source}: ingested as {prepared.article_id}", quads=graph.quad_count(),
                                 replaced=True)


def _graph_of(prepared: PreparedArticle) -> ArticleGraph:
    name = ox.NamedNode(prepared.graph)
    quads = [q for q in ox.parse(prepared.trig, format=ox.RdfFormat.TRIG) if q.graph_name == name]
    return ArticleGraph.from_quads(name, [q for q in quads if not is_provenance(q, name)],
                                   [q for q in quads if is_provenance(q, name)])


def _written(prepared: PreparedArticle, graph: ArticleGraph, store: QusStore) -> ArticleOutcome:
    try:
        result = store.write_article(graph)
    except QusgraphError as error:
        return ArticleOutcome(prepared.source, prepared.article_id, False, str(error))
    return ArticleOutcome(prepared.source, prepared.article_id, True,
                          f"{prepared.source}: ingested as {prepared.article_id}", quads=result.quads,
                          replaced=result.replaced)


def ingest_paths(paths: list[str], store: QusStore, published: date | None = None,
                 lexicon: Lexicon | None = None) -> Iterator[ArticleOutcome]:
    """Ingest every article under `paths` (files, folders, JSON Lines, "-")."""
    lexicon = lexicon or load_lexicon()
    yield from ingest_items(iter_articles(paths, lexicon, published), store, lexicon)
