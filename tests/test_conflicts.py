"""Conflicts: two articles that state a single-valued fact differently. Both values stay in
the merged graph; the report names each value with the articles behind it. Dates of
different precision that contain one another are no conflict."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from qusgraph.cli import main
from qusgraph.explore.conflicts import find_conflicts
from qusgraph.pipeline import build_graph
from qusgraph.rdf.mint import article_iri
from qusgraph.rdf.namespaces import ID, QUS
from qusgraph.store.embedded import QusStore
from qusgraph.text.articles import make_article
from qusgraph.text.lexicon import Lexicon

TITLE = "انطلاق الدورة السادسة من الحوار الاستراتيجي بين قطر والولايات المتحدة"
OPENED = "انطلقت في واشنطن {when} أعمال الدورة السادسة من الحوار الاستراتيجي بين دولة قطر والولايات المتحدة الأمريكية."
ON_THE_5TH = f"{TITLE}\n\n{OPENED.format(when='يوم الثلاثاء الموافق 5 مارس 2024')}"
ON_THE_4TH = f"{TITLE}\n\n{OPENED.format(when='يوم 4 مارس 2024')}"
IN_MARCH = f"{TITLE}\n\n{OPENED.format(when='في مارس 2024')}"
ROUND_6 = f"{ID}dialogue/QA-US/round/6"


def ingest(path: Path, lexicon: Lexicon, articles: dict[str, str]) -> None:
    """Write each article ({id: text}) to the store at `path`, then close it."""
    with QusStore(path) as store:
        store.ensure_topic_scheme()
        for article_id, text in articles.items():
            article = make_article(article_id=article_id, text=text, source=f"{article_id}.txt", lexicon=lexicon,
                                   published=date(2024, 3, 6))
            store.write_article(build_graph(article, lexicon))


def round_dates(path: Path) -> set[str]:
    with QusStore(path, read_only=True) as store:
        quads = store.store.quads_for_pattern(ox.NamedNode(ROUND_6), ox.NamedNode(QUS + "date"), None,
                                              ox.DefaultGraph())
        return {q.object.value for q in quads if isinstance(q.object, ox.Literal)}


@pytest.fixture
def two_dates(tmp_path: Path, lexicon: Lexicon) -> Path:
    path = tmp_path / "store"
    ingest(path, lexicon, {"on-the-5th": ON_THE_5TH, "on-the-4th": ON_THE_4TH})
    return path


def test_both_dates_of_a_round_are_kept(two_dates: Path) -> None:
    assert round_dates(two_dates) == {"2024-03-04", "2024-03-05"}


def test_two_dates_of_a_round_are_one_conflict_with_both_sources(two_dates: Path) -> None:
    with QusStore(two_dates, read_only=True) as store:
        conflicts = find_conflicts(store)
    assert [(c.node, c.predicate) for c in conflicts] == [(ROUND_6, QUS + "date")]
    assert conflicts[0].values == {"2024-03-05": [article_iri("on-the-5th")], "2024-03-04": [article_iri("on-the-4th")]}


def test_dates_of_different_precision_are_no_conflict(tmp_path: Path, lexicon: Lexicon) -> None:
    path = tmp_path / "store"
    ingest(path, lexicon, {"on-the-5th": ON_THE_5TH, "in-march": IN_MARCH})
    assert round_dates(path) == {"2024-03", "2024-03-05"}
    with QusStore(path, read_only=True) as store:
        assert find_conflicts(store) == []


def test_the_conflicts_command_lists_them_and_exits_with_1(two_dates: Path) -> None:
    result = CliRunner().invoke(main, ["conflicts", "--store", str(two_dates)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "id:dialogue/QA-US/round/6  qus:date",
        "    2024-03-04  ← id:article/on-the-4th",
        "    2024-03-05  ← id:article/on-the-5th",
        "1 conflict(s)",
    ]


def test_the_conflicts_command_exits_with_0_when_articles_agree(tmp_path: Path, lexicon: Lexicon) -> None:
    path = tmp_path / "store"
    ingest(path, lexicon, {"on-the-5th": ON_THE_5TH, "in-march": IN_MARCH})
    result = CliRunner().invoke(main, ["conflicts", "--store", str(path)])
    assert (result.exit_code, result.output) == (0, "0 conflict(s)\n")
