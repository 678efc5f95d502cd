"""The on-disk store: article graphs, the merged default graph, replace and remove."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest

from qusgraph.errors import StoreError
from qusgraph.pipeline import build_graph
from qusgraph.rdf.graph import ArticleGraph
from qusgraph.store.embedded import TOPIC_GRAPH, QusStore
from qusgraph.text.articles import make_article
from qusgraph.text.lexicon import Lexicon

PREVIEW = """الدورة الخامسة من الحوار الاستراتيجي تبدأ في الدوحة غدا

تنطلق في الدوحة غدا أعمال الدورة الخامسة من الحوار الاستراتيجي بين دولة قطر والولايات المتحدة الأمريكية.
"""
WRAP_UP = """اختتام الدورة الخامسة من الحوار الاستراتيجي

اختتمت في الدوحة أمس أعمال الدورة الخامسة من الحوار الاستراتيجي بين دولة قطر والولايات المتحدة الأمريكية، \
وناقش الجانبان التعاون في مجال الطاقة.
"""
ROUND_5 = ox.NamedNode("https://w3id.org/qusgraph/id/dialogue/QA-US/round/5")
DATE = ox.NamedNode("https://w3id.org/qusgraph/ontology#date")
TOPIC = ox.NamedNode("https://w3id.org/qusgraph/ontology#topic")


def graph_of(lexicon: Lexicon, article_id: str, text: str, published: date) -> ArticleGraph:
    article = make_article(article_id=article_id, text=text, source=f"{article_id}.txt", lexicon=lexicon,
                           published=published)
    return build_graph(article, lexicon)


@pytest.fixture
def store(tmp_path: Path, lexicon: Lexicon) -> QusStore:
    opened = QusStore(tmp_path / "store")
    opened.ensure_topic_scheme()
    return opened


def default_values(store: QusStore, subject: ox.NamedNode, predicate: ox.NamedNode) -> set[str]:
    return {q.object.value for q in store.store.quads_for_pattern(subject, predicate, None, ox.DefaultGraph())}


def test_an_article_gets_its_own_named_graph_and_its_facts_reach_the_default_graph(
        store: QusStore, lexicon: Lexicon) -> None:
    graph = graph_of(lexicon, "preview", PREVIEW, date(2022, 11, 21))
    store.write_article(graph)
    assert graph.name in store.named_graphs()
    assert default_values(store, ROUND_5, DATE) == {"2022-11-22"}


def test_provenance_stays_in_the_article_graph(store: QusStore, lexicon: Lexicon) -> None:
    store.write_article(graph_of(lexicon, "preview", PREVIEW, date(2022, 11, 21)))
    support = ox.NamedNode("https://w3id.org/qusgraph/ontology#Support")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    assert not list(store.store.quads_for_pattern(None, rdf_type, support, ox.DefaultGraph()))
    assert list(store.store.quads_for_pattern(None, rdf_type, support, None))


def test_ingesting_the_same_article_twice_changes_nothing(store: QusStore, lexicon: Lexicon) -> None:
    graph = graph_of(lexicon, "preview", PREVIEW, date(2022, 11, 21))
    store.write_article(graph)
    before = sorted(map(str, store.quads()))
    result = store.write_article(graph)
    assert result.replaced
    assert sorted(map(str, store.quads())) == before


def test_a_fact_leaves_the_default_graph_only_when_no_article_supports_it(store: QusStore, lexicon: Lexicon) -> None:
    preview = graph_of(lexicon, "preview", PREVIEW, date(2022, 11, 21))
    wrap_up = graph_of(lexicon, "wrap-up", WRAP_UP, date(2022, 11, 23))
    store.write_article(preview)
    store.write_article(wrap_up)
    assert default_values(store, ROUND_5, DATE) == {"2022-11-22"}  # both articles say so
    store.remove_article(preview.name)
    assert default_values(store, ROUND_5, DATE) == {"2022-11-22"}  # the wrap-up still does
    assert "https://w3id.org/qusgraph/id/topic/energy" in default_values(store, ROUND_5, TOPIC)
    store.remove_article(wrap_up.name)
    assert default_values(store, ROUND_5, DATE) == set()
    assert store.articles() == []


def test_reingesting_a_corrected_article_drops_the_facts_it_no_longer_states(
        store: QusStore, lexicon: Lexicon) -> None:
    store.write_article(graph_of(lexicon, "wrap-up", WRAP_UP, date(2022, 11, 23)))
    corrected = WRAP_UP.replace("وناقش الجانبان التعاون في مجال الطاقة", "وناقش الجانبان التعاون في مجال التعليم")
    store.write_article(graph_of(lexicon, "wrap-up", corrected, date(2022, 11, 23)))
    topics = default_values(store, ROUND_5, TOPIC)
    assert "https://w3id.org/qusgraph/id/topic/education" in topics
    assert "https://w3id.org/qusgraph/id/topic/energy" not in topics


def test_the_topic_scheme_is_loaded_once(store: QusStore, lexicon: Lexicon) -> None:
    count = store.count(TOPIC_GRAPH)
    store.ensure_topic_scheme()
    assert store.count(TOPIC_GRAPH) == count > 0


def test_removing_an_unknown_article_is_an_error(store: QusStore) -> None:
    with pytest.raises(StoreError, match="no such article"):
        store.remove_article(ox.NamedNode("https://w3id.org/qusgraph/id/article/nothing"))


def test_a_store_held_by_another_process_says_to_use_the_endpoint(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "held"
    QusStore(path).close()
    holder = subprocess.Popen([sys.executable, "-c", f"import pyoxigraph, time; s = pyoxigraph.Store({str(path)!r}); "
                               "print('ready', flush=True); time.sleep(30)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match="--endpoint"):
            QusStore(path)
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
