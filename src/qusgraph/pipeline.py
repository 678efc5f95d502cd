"""The ingest pipeline: read → extract → map → SHACL check → store, one article at a time.

An article that cannot be read, or whose graph does not conform to the shapes, is
rejected whole and the store is left exactly as it was; the other articles still go in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from .articles import Article, iter_articles
from .errors import ArticleError, QusgraphError
from .extract import extract_article
from .lexicon import Lexicon, load_lexicon
from .mapping import ArticleGraph, article_graph
from .store import QusStore
from .validate import validate_article


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


def ingest_article(article: Article, store: QusStore, lexicon: Lexicon) -> ArticleOutcome:
    """Extract, validate and store one article (all or nothing)."""
    try:
        graph = build_graph(article, lexicon)
        report = validate_article(graph, lexicon)
        if not report.conforms:
            first = report.violations[0].line() if report.violations else "does not conform"
            return ArticleOutcome(article.source, article.id, False,
                                  f"{article.source}: rejected by SHACL: {first}", report=report.summary())
        result = store.write_article(graph)
    except QusgraphError as error:
        return ArticleOutcome(article.source, article.id, False, str(error))
    return ArticleOutcome(article.source, article.id, True, f"{article.source}: ingested as {article.id}",
                          quads=result.quads, replaced=result.replaced)


def ingest_items(items: Iterable[Article | ArticleError], store: QusStore,
                 lexicon: Lexicon | None = None) -> Iterator[ArticleOutcome]:
    """Ingest already-read articles (errors from reading are passed through as rejections)."""
    lexicon = lexicon or load_lexicon()
    store.ensure_topic_scheme(lexicon)
    for item in items:
        if isinstance(item, ArticleError):
            yield ArticleOutcome(str(item).split(":", 1)[0], None, False, str(item))
        else:
            yield ingest_article(item, store, lexicon)


def ingest_paths(paths: list[str], store: QusStore, published: date | None = None,
                 lexicon: Lexicon | None = None) -> Iterator[ArticleOutcome]:
    """Ingest every article under `paths` (files, folders, JSON Lines, "-")."""
    lexicon = lexicon or load_lexicon()
    yield from ingest_items(iter_articles(paths, lexicon, published), store, lexicon)
