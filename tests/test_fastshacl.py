"""The compiled shapes (the ingest pipeline's fast path) agree with pySHACL, the reference:
on the minimal article, on every graph broken to violate one constraint or raise one
warning, and on the real articles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
from rdflib import Graph, Namespace

from qusgraph.articles import read_text_file
from qusgraph.errors import StoreError
from qusgraph.extract import extract_article
from qusgraph.fastshacl import CompiledShapes, compiled_shapes
from qusgraph.lexicon import Lexicon
from qusgraph.mapping import article_graph, topic_scheme_quads
from qusgraph.mint import graph_iri
from test_shapes import (
    DEV_CORPUS,
    MINIMAL_ARTICLE,
    SEED_ARTICLE,
    SEED_PUBLISHED,
    SHAPES_FILE,
    VIOLATIONS,
    WARNINGS,
    Breakage,
    broken,
)

SH = Namespace("http://www.w3.org/ns/shacl#")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


@pytest.fixture(scope="module")
def minimal() -> Graph:
    return Graph().parse(MINIMAL_ARTICLE, format="turtle")


def reference(data: Graph, shapes: Graph) -> tuple[bool, set[tuple[str, str, str]]]:
    conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    found = set()
    for result in results.subjects(None, SH.ValidationResult):
        found.add((str(results.value(result, SH.focusNode)), str(results.value(result, SH.resultMessage)),
                   str(results.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]))
    return bool(conforms), found


def fast(data: Graph) -> tuple[bool, set[tuple[str, str, str]]]:
    triples = ox.parse(data.serialize(format="nt"), format=ox.RdfFormat.N_TRIPLES)
    report = compiled_shapes().validate(triples)
    return report.conforms, {(v.focus, v.message, v.severity) for v in report.violations}


def test_the_minimal_article_conforms_on_both_paths(minimal: Graph, shapes: Graph) -> None:
    assert fast(minimal) == reference(minimal, shapes) == (True, set())


@pytest.mark.parametrize("breakage", [*VIOLATIONS, *WARNINGS], ids=lambda b: b.name)
def test_both_paths_find_the_same_results_in_a_broken_graph(breakage: Breakage, minimal: Graph,
                                                            shapes: Graph) -> None:
    data = broken(minimal, breakage)
    assert fast(data) == reference(data, shapes)


def article(path: Path, published: date | None, lexicon: Lexicon) -> Graph:
    graph = article_graph(extract_article(read_text_file(path, lexicon, published), lexicon).facts, lexicon)
    scheme = topic_scheme_quads(lexicon, ox.NamedNode(graph_iri("topics")))
    triples = ox.serialize((q.triple for q in [*graph.quads, *scheme]), format=ox.RdfFormat.N_TRIPLES)
    return Graph().parse(data=triples.decode(), format="nt")


def test_the_seed_article_agrees(lexicon: Lexicon, shapes: Graph) -> None:
    data = article(SEED_ARTICLE, SEED_PUBLISHED, lexicon)
    assert fast(data) == reference(data, shapes) == (True, set())


@pytest.mark.skipif(not DEV_CORPUS.is_dir(), reason="the development corpus is not beside the repository")
def test_the_dev_articles_agree(lexicon: Lexicon, shapes: Graph) -> None:
    import json

    for path in sorted(DEV_CORPUS.glob("*.txt")):
        gold = json.loads(path.with_name(path.stem + ".gold.json").read_text(encoding="utf-8"))
        published = date.fromisoformat(gold["published"]) if gold.get("published") else None
        data = article(path, published, lexicon)
        assert fast(data) == reference(data, shapes), path.name


def test_a_shape_the_fast_path_cannot_evaluate_is_refused(shapes: Graph) -> None:
    extended = Graph()
    for triple in shapes:
        extended.add(triple)
    extended.parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:shape> a sh:NodeShape ; sh:targetClass <urn:C> ;
            sh:property [ sh:path <urn:p> ; sh:qualifiedMinCount 1 ] .""", format="turtle")
    with pytest.raises(StoreError, match="qualifiedMinCount"):
        CompiledShapes(extended)


def test_the_pipeline_check_with_the_topic_scheme_as_context_agrees(lexicon: Lexicon) -> None:
    from qusgraph.mapping import ArticleGraph
    from qusgraph.validate import validate_article

    graph = article_graph(extract_article(read_text_file(SEED_ARTICLE, lexicon, SEED_PUBLISHED), lexicon).facts,
                          lexicon)
    # Break it twice: a round loses its ordinal, and a fact cites a topic that is no Topic.
    ordinal = next(q for q in graph.facts if q.predicate.value.endswith("#ordinal"))
    topic = next(q for q in graph.facts if q.predicate.value.endswith("#topic"))
    stray = ox.Quad(topic.subject, topic.predicate, ox.NamedNode("https://w3id.org/qusgraph/id/topic/astrology"),
                    topic.graph_name)
    broken_graph = ArticleGraph.from_quads(graph.name, [q for q in graph.facts if q != ordinal] + [stray],
                                           graph.provenance)
    for candidate in (graph, broken_graph):
        fast_report = validate_article(candidate, lexicon)
        reference_report = validate_article(candidate, lexicon, reference=True)
        assert fast_report.conforms == reference_report.conforms
        assert {(v.focus, v.message) for v in fast_report.violations} == \
            {(v.focus, v.message) for v in reference_report.violations}
    assert not validate_article(broken_graph, lexicon).conforms
