"""The ingest engine (`shacl`, pinned in pyproject.toml) agrees with pySHACL, the reference,
on verdict, focus node, path, severity and message: on the minimal article and every graph
broken to violate one constraint or raise one warning (tests/test_shapes.py), on the real
articles, and on 200 generated article graphs and 33 of them broken on purpose. An upgrade of
either engine that changes what a user is told fails here.

pySHACL takes ~80 ms a graph, so the generated graphs are checked by it in two processes."""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from itertools import islice
from multiprocessing import get_context

import pyoxigraph as ox
import pytest
from bench.generate import generate
from rdflib import Graph

from qusgraph.errors import ShapeLoadError
from qusgraph.pipeline import build_graph
from qusgraph.rdf.graph import ArticleGraph, Terms, terms_of
from qusgraph.rdf.mint import graph_iri
from qusgraph.rdf.topics import topic_scheme_quads
from qusgraph.text.articles import read_text_file
from qusgraph.text.lexicon import Lexicon
from qusgraph.validation.shapes import (
    ValidationReport,
    compile_shapes,
    engine_shapes,
    ntriples,
    report_of,
    validate_article,
    validate_graph,
)
from test_bench_generate import as_article
from test_shapes import (
    DEV_CORPUS,
    MINIMAL_ARTICLE,
    SEED_ARTICLE,
    SEED_PUBLISHED,
    VIOLATIONS,
    WARNINGS,
    Breakage,
    broken,
)

GENERATED = 200  # valid generated article graphs
BROKEN_EACH = 3  # broken graphs made by each kind of breakage below

QUS = "https://w3id.org/qusgraph/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
TYPE = ox.NamedNode(RDF + "type")
Verdict = tuple[bool, tuple[tuple[str, str, str, str], ...]]


def verdict(report: ValidationReport) -> Verdict:
    """What a user is told: conforms or not, and each result (order aside)."""
    return report.conforms, tuple(sorted((v.focus, v.path, v.severity, v.message) for v in report.violations))


def engine(data: Graph) -> Verdict:
    text = data.serialize(format="nt")
    return verdict(report_of(engine_shapes().validate_text(text, format="ntriples", allow_warnings=True)))


def reference(ntriples_text: str) -> Verdict:
    """pySHACL on a graph given as N-Triples (picklable both ways, for worker processes)."""
    return verdict(validate_graph(Graph().parse(data=ntriples_text, format="nt")))


# ---------------------------------------------------------------- the broken examples of test_shapes
@pytest.fixture(scope="module")
def minimal() -> Graph:
    return Graph().parse(MINIMAL_ARTICLE, format="turtle")


def test_the_minimal_article_conforms_in_both(minimal: Graph) -> None:
    assert engine(minimal) == reference(minimal.serialize(format="nt")) == (True, ())


@pytest.mark.parametrize("breakage", [*VIOLATIONS, *WARNINGS], ids=lambda b: b.name)
def test_both_find_the_same_results_in_a_broken_graph(breakage: Breakage, minimal: Graph) -> None:
    data = broken(minimal, breakage)
    found = engine(data)
    assert found == reference(data.serialize(format="nt"))
    assert breakage.message in {message for *_, message in found[1]}


# ---------------------------------------------------------------- real articles
def test_the_seed_article_agrees(lexicon: Lexicon) -> None:
    graph = build_graph(read_text_file(SEED_ARTICLE, lexicon, SEED_PUBLISHED), lexicon)
    assert verdict(validate_article(graph)) == verdict(validate_article(graph, reference=True)) \
        == (True, ())


@pytest.mark.skipif(not DEV_CORPUS.is_dir(), reason="the development corpus is not beside the repository")
def test_the_dev_articles_agree(lexicon: Lexicon) -> None:
    for path in sorted(DEV_CORPUS.glob("*.txt")):
        gold = json.loads(path.with_name(path.stem + ".gold.json").read_text(encoding="utf-8"))
        published = date.fromisoformat(gold["published"]) if gold.get("published") else None
        graph = build_graph(read_text_file(path, lexicon, published), lexicon)
        assert verdict(validate_article(graph)) == verdict(validate_article(graph, reference=True)), \
            path.name


def test_the_pipeline_check_with_the_topic_scheme_agrees(lexicon: Lexicon) -> None:
    graph = build_graph(read_text_file(SEED_ARTICLE, lexicon, SEED_PUBLISHED), lexicon)
    # Break it twice: a round loses its ordinal, and a fact cites a topic that is no Topic.
    ordinal = next(q for q in graph.facts if q.predicate.value.endswith("#ordinal"))
    topic = next(q for q in graph.facts if q.predicate.value.endswith("#topic"))
    stray = ox.Quad(topic.subject, topic.predicate, ox.NamedNode("https://w3id.org/qusgraph/id/topic/astrology"),
                    topic.graph_name)
    broken_graph = ArticleGraph.from_quads(graph.name, [q for q in graph.facts if q != ordinal] + [stray],
                                           graph.provenance)
    found = verdict(validate_article(broken_graph))
    assert found == verdict(validate_article(broken_graph, reference=True))
    assert not found[0]
    assert {message for *_, message in found[1]} >= {
        "A round needs exactly one qus:ordinal, an integer ≥ 1.",
        "Every qus:topic of a round must be a qus:Topic of the topic scheme."}


def test_shapes_that_declare_nothing_are_refused() -> None:
    """Validating against no shapes would pass every graph without checking anything."""
    with pytest.raises(ShapeLoadError, match="no SHACL shapes"):
        compile_shapes(Graph())


# ---------------------------------------------------------------- generated articles, valid and broken
Breaker = Callable[[list[Terms]], list[Terms] | None]  # None: the graph has nothing to break this way


def _first(triples: list[Terms], predicate: str) -> int | None:
    return next((i for i, (_, p, _) in enumerate(triples) if p.value == QUS + predicate or p.value == predicate), None)


def _replace_object(predicate: str, value: ox.NamedNode | ox.Literal) -> Breaker:
    def breaker(triples: list[Terms]) -> list[Terms] | None:
        at = _first(triples, predicate)
        if at is None:
            return None
        s, p, _ = triples[at]
        return [*triples[:at], (s, p, value), *triples[at + 1:]]
    return breaker


def _drop(predicate: str) -> Breaker:
    def breaker(triples: list[Terms]) -> list[Terms] | None:
        at = _first(triples, predicate)
        return None if at is None else [*triples[:at], *triples[at + 1:]]
    return breaker


def _subjects_of(triples: list[Terms], kind: str) -> list[ox.NamedNode | ox.BlankNode]:
    return list(dict.fromkeys(s for s, p, o in triples if p == TYPE and o == ox.NamedNode(QUS + kind)))


def _support_span_reversed(triples: list[Terms]) -> list[Terms] | None:
    supports = _subjects_of(triples, "Support")
    if not supports:
        return None
    support = supports[0]
    start = next(o for s, p, o in triples if s == support and p.value == QUS + "start")
    end = next(o for s, p, o in triples if s == support and p.value == QUS + "end")
    swapped = {start: end, end: start}
    return [(s, p, swapped[o]) if s == support and p.value in (QUS + "start", QUS + "end") else (s, p, o)
            for s, p, o in triples]


def _second_language(triples: list[Terms]) -> list[Terms] | None:
    articles = _subjects_of(triples, "Article")
    return [*triples, (articles[0], ox.NamedNode("https://schema.org/inLanguage"), ox.Literal("fr"))] \
        if articles else None


def _mentioned_nowhere(triples: list[Terms]) -> list[Terms] | None:
    at = _first(triples, "mentionedIn")
    if at is None:
        return None
    node = triples[at][0]
    return [(s, p, o) for s, p, o in triples if not (s == node and p.value == QUS + "mentionedIn")]


def _second_english_label(triples: list[Terms]) -> list[Terms] | None:
    """A warning, not a violation: the graph still conforms."""
    countries = _subjects_of(triples, "Country")
    if not countries:
        return None
    return [*triples, (countries[0], ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                       ox.Literal("The State of Qatar, again", language="en"))]


BREAKERS: dict[str, Breaker] = {
    "round-without-ordinal": _drop("ordinal"),
    "topic-outside-the-scheme": _replace_object("topic", ox.NamedNode("https://w3id.org/qusgraph/id/topic/astrology")),
    "iso-code-spelled-out": _replace_object("isoCode", ox.Literal("Qatar")),
    "date-that-is-no-date": _replace_object("date", ox.Literal("next week", datatype=ox.NamedNode(XSD + "date"))),
    "chair-that-is-a-country": _replace_object("chair", ox.NamedNode("https://w3id.org/qusgraph/id/country/QA")),
    "support-of-a-missing-triple": _replace_object(RDF + "object", ox.Literal("nowhere in the article")),
    "support-span-reversed": _support_span_reversed,
    "sentence-without-text": _drop("text"),
    "article-in-two-languages": _second_language,
    "node-mentioned-nowhere": _mentioned_nowhere,
    "country-with-two-english-names": _second_english_label,
}
WARNING_ONLY = {"country-with-two-english-names"}


@pytest.fixture(scope="module")
def generated(lexicon: Lexicon) -> list[ArticleGraph]:
    return [build_graph(as_article(record, lexicon), lexicon) for record in islice(generate(GENERATED, seed=0),
                                                                                     GENERATED)]


def broken_generated(graphs: list[ArticleGraph]) -> list[tuple[str, ArticleGraph]]:
    """BROKEN_EACH graphs broken by each breaker, each from a different article where it can."""
    found = []
    for offset, (name, breaker) in enumerate(BREAKERS.items()):
        made = 0
        for graph in graphs[offset * 7:] + graphs[:offset * 7]:
            triples = breaker(graph.terms())
            if triples is not None:
                found.append((name, ArticleGraph(graph.name, triples, [])))
                made += 1
                if made == BROKEN_EACH:
                    break
        assert made == BROKEN_EACH, f"only {made} generated graphs can be broken by {name}"
    return found


def test_generated_article_graphs_agree_valid_and_broken(generated: list[ArticleGraph], lexicon: Lexicon) -> None:
    spoilt = broken_generated(generated)
    graphs = [("valid", graph) for graph in generated] + spoilt
    scheme = ntriples(terms_of(q)
                      for q in topic_scheme_quads(ox.NamedNode(graph_iri("topics"))))
    texts = [ntriples(graph.terms()) + scheme for _, graph in graphs]
    with ProcessPoolExecutor(2, mp_context=get_context("spawn")) as pool:
        expected = list(pool.map(reference, texts, chunksize=8))
    disagreements = []
    for (kind, graph), wanted in zip(graphs, expected, strict=True):
        found = verdict(validate_article(graph))
        if found != wanted:
            disagreements.append(f"{kind} {graph.name.value}:\n  shacl   {found}\n  pySHACL {wanted}")
        elif kind == "valid":
            assert found[0], f"{graph.name.value} was generated to conform: {found}"
        else:  # each breakage must show, or the case tests nothing
            assert found[1] and found[0] == (kind in WARNING_ONLY), f"{kind} {graph.name.value}: {found}"
    assert not disagreements, "\n".join(disagreements[:5])
    assert len(generated) == GENERATED and len(spoilt) == BROKEN_EACH * len(BREAKERS)
