"""Issue 15.5: the README's officials question, aggregated. `data/queries/official-posts.rq`
gives each official's posts with the first and last date an article stated them, and must say
exactly what the row-per-official-and-article question it replaced says
(`tests/data/officials-per-article.rq`, reading the `qus:Support` records), grouped."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

import qusgraph
from qusgraph.store.embedded import QusStore

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "corpus" / "dev"
AGGREGATED = ROOT / "data" / "queries" / "official-posts.rq"
PER_ARTICLE = Path(__file__).parent / "data" / "officials-per-article.rq"

Key = tuple[str, str | None, str]  # name, country, post
Stated = tuple[str | None, str | None, int]  # first, last, articles


def _texts() -> list[Path]:
    """The dev corpus when it is beside the checkout (many officials, posts restated across
    articles), else the shipped article."""
    return sorted(DEV.glob("*.txt")) or sorted((ROOT / "data" / "articles").glob("*.txt"))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[QusStore]:
    """Each article published on its own day, out of file order so that the first and last
    dates are not those of the first and last file; the last article has no date at all."""
    texts = _texts()
    corpus = tmp_path_factory.mktemp("official-posts") / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as output:
        for index, path in enumerate(texts):
            record: dict[str, str] = {"id": path.stem, "text": path.read_text(encoding="utf-8")}
            if index < len(texts) - 1 or len(texts) == 1:
                day = datetime.date(2018, 1, 1) + datetime.timedelta(days=(index * 7 % 11) * 61 + index)
                record["published"] = day.isoformat()
            output.write(json.dumps(record, ensure_ascii=False) + "\n")
    opened = qusgraph.open_store(None)
    assert all(outcome.accepted for outcome in qusgraph.ingest([str(corpus)], opened))
    yield opened


def _value(term: object) -> str | None:
    return term.value if isinstance(term, ox.Literal | ox.NamedNode) else None


def _rows(store: QusStore, query: Path) -> list[dict[str, str | None]]:
    solutions = store.query(query.read_text(encoding="utf-8"))
    assert isinstance(solutions, ox.QuerySolutions)
    names = [variable.value for variable in solutions.variables]
    return [{name: _value(solution[name]) for name in names} for solution in solutions]


def _grouped_by_hand(rows: list[dict[str, str | None]]) -> dict[Key, Stated]:
    dates: dict[Key, list[str]] = {}
    articles: dict[Key, int] = {}
    for row in rows:
        if row["post"] is None:  # an official no article gave a post
            continue
        key = (str(row["name"]), row["country"], row["post"])
        articles[key] = articles.get(key, 0) + 1
        dates.setdefault(key, [])
        if row["published"] is not None:
            dates[key].append(row["published"])
    return {key: (min(dates[key], default=None), max(dates[key], default=None), count)
            for key, count in articles.items()}


def test_the_aggregated_question_groups_the_per_article_rows(store: QusStore) -> None:
    per_article = _rows(store, PER_ARTICLE)
    aggregated = _rows(store, AGGREGATED)
    expected = _grouped_by_hand(per_article)
    found = {(str(row["name"]), row["country"], str(row["post"])):
             (row["first"], row["last"], int(str(row["articles"]))) for row in aggregated}
    assert len(found) == len(aggregated)  # one row per official and post
    assert found == expected


def test_the_corpus_tells_first_from_last(store: QusStore) -> None:
    """Guards the test above: some post is stated in several articles on different days."""
    stated = _grouped_by_hand(_rows(store, PER_ARTICLE))
    if len(_texts()) > 1:
        assert any(first != last for first, last, _ in stated.values())
        assert any(count > 1 for _, _, count in stated.values())
