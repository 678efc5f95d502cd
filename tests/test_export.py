"""Exports round-trip: Turtle (the merged graph) and JSON-LD (every graph) against N-Quads."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from qusgraph.cli import main
from qusgraph.serialize.export import RDF_FORMATS, export_dataset

ID = "https://w3id.org/qusgraph/id/"
QUS = "https://w3id.org/qusgraph/ontology#"
XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")

SEED = Path(__file__).resolve().parent.parent / "data" / "articles" / "seed-000.txt"


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("export")
    store = str(folder / "store")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(SEED), "--store", store, "--published", "2022-11-21"]).exit_code == 0
    files = {}
    for fmt in ("nquads", "turtle", "jsonld", "trig", "ntriples"):
        files[fmt] = folder / f"graph.{fmt}"
        result = runner.invoke(main, ["export", "--store", store, "--format", fmt, "-o", str(files[fmt])])
        assert result.exit_code == 0, result.output
    return files


def dataset(path: Path, fmt: str) -> Dataset:
    data = Dataset()
    data.parse(path, format=fmt)
    return data


def graphs(data: Dataset) -> dict[str, Graph]:
    out = {}
    for context in data.graphs():
        plain = Graph()
        for triple in context:
            plain.add(triple)
        if len(plain):
            out[str(context.identifier)] = plain
    return out


def test_turtle_is_the_merged_default_graph_of_the_nquads_export(exports: dict[str, Path]) -> None:
    nquads = graphs(dataset(exports["nquads"], "nquads"))
    default = nquads["urn:x-rdflib:default"]
    turtle = Graph().parse(exports["turtle"], format="turtle")
    assert isomorphic(turtle, default)


def test_turtle_uses_the_project_prefixes(exports: dict[str, Path]) -> None:
    text = exports["turtle"].read_text(encoding="utf-8")
    assert "@prefix qus: <https://w3id.org/qusgraph/ontology#>" in text
    assert "qus:Round" in text


def test_jsonld_round_trips_every_graph(exports: dict[str, Path]) -> None:
    expected = graphs(dataset(exports["nquads"], "nquads"))
    actual = graphs(dataset(exports["jsonld"], "json-ld"))
    assert expected.keys() == actual.keys()
    for name, graph in expected.items():
        assert isomorphic(actual[name], graph), name


def test_jsonld_is_compacted_against_the_shipped_context(exports: dict[str, Path]) -> None:
    document = json.loads(exports["jsonld"].read_text(encoding="utf-8"))
    text = json.dumps(document, ensure_ascii=False)
    assert "@context" in document
    assert '"ordinal"' in text and "https://w3id.org/qusgraph/ontology#ordinal" not in text


def test_trig_holds_the_same_dataset_as_nquads(exports: dict[str, Path]) -> None:
    expected = graphs(dataset(exports["nquads"], "nquads"))
    actual = graphs(dataset(exports["trig"], "trig"))
    assert expected.keys() == actual.keys()
    assert all(isomorphic(actual[name], graph) for name, graph in expected.items())


def test_every_article_graph_is_named_by_its_article(exports: dict[str, Path]) -> None:
    names = graphs(dataset(exports["nquads"], "nquads")).keys()
    assert "https://w3id.org/qusgraph/id/article/seed-000" in names
    assert URIRef("https://w3id.org/qusgraph/id/graph/topics") in {URIRef(n) for n in names}


# ------------------------------------------------------------------ a large store, by several processes
@pytest.mark.parametrize("fmt, rdflib_format", [("nquads", "nquads"), ("trig", "trig"), ("jsonld", "json-ld")])
def test_a_dataset_exported_by_several_processes_is_the_store(tmp_path: Path, fmt: str, rdflib_format: str) -> None:
    store = ox.Store(str(tmp_path / "store"))
    for number in range(7):
        article = ox.NamedNode(f"{ID}article/a{number}")
        round_ = ox.NamedNode(f"{ID}round/{number}")
        store.extend([ox.Quad(article, ox.NamedNode(QUS + "published"), ox.Literal(f"2022-11-{number + 10}",
                                                                                datatype=XSD_DATE), article),
                      ox.Quad(round_, ox.NamedNode(QUS + "ordinal"), ox.Literal(number), article),
                      ox.Quad(round_, ox.NamedNode(QUS + "partOf"), ox.NamedNode(ID + "dialogue/QA-US"))])
    store.flush()
    output = io.BytesIO()
    export_dataset(store, str(tmp_path / "store"), RDF_FORMATS[fmt], output, workers=2, min_graphs=1,
                   graphs_per_share=3)
    written = Dataset()
    written.parse(data=output.getvalue().decode("utf-8"), format=rdflib_format)
    expected = Dataset()
    expected.parse(data=ox.serialize(store, format=ox.RdfFormat.N_QUADS).decode("utf-8"), format="nquads")
    assert graphs(written).keys() == graphs(expected).keys()
    assert all(isomorphic(graphs(written)[name], graph) for name, graph in graphs(expected).items())
