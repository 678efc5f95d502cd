"""`qusgraph find`: the same official for many spellings of one name, ranked, with its kind;
and the keys it compares, usable in SPARQL as qus:searchKey / qus:nameSkeleton."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from qusgraph.cli import main
from qusgraph.explore.search import score
from qusgraph.rdf.namespaces import ID
from qusgraph.text.namekeys import search_key, skeleton

ROOT = Path(__file__).resolve().parent.parent

VARIANTS = {
    ID + "person/antony-blinken": [
        "بلنكن", "بلينكن", "أنتوني بلينكن", "انتونى بلينكن", "بْلِينْكِن", "BLINKEN", "Anthony Blinken",
        "antony blinken",
    ],
    ID + "person/mohammed-bin-abdulrahman-al-thani": [
        "محمد بن عبد الرحمن آل ثاني", "محمد بن عبدالرحمن ال ثانى", "مُحَمَّد بن عبد الرّحمن", "محمد بن عبدالرحمن",
        "Mohammed bin Abdulrahman", "Muhammad bin Abdul Rahman Al-Thani", "mohamed bin abdulrahman al thani",
    ],
    ID + "person/majed-al-ansari": [
        "ماجد الأنصاري", "ماجد الانصاري", "ماجد بن محمد الأنصارى", "مَاجِد الأَنْصَارِي", "ماجد بن محمد الإنصاري",
        "Majed Al-Ansari", "majid al ansari", "MAJED BIN MOHAMMED AL ANSARI",
    ],
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("search") / "store")
    result = CliRunner().invoke(main, ["ingest", str(ROOT / "data" / "articles"), "--store", path,
                                       "--published", "2022-11-21", "--quiet"])
    assert result.exit_code == 0, result.output
    return path


def _hits(store: str, name: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(main, ["find", "--store", store, "--json", name])
    assert result.exit_code in (0, 1), result.output
    hits: list[dict[str, object]] = json.loads(result.stdout)
    return hits


@pytest.mark.parametrize(("iri", "name"), [(iri, name) for iri, names in VARIANTS.items() for name in names])
def test_find_returns_the_same_official_for_every_spelling(store: str, iri: str, name: str) -> None:
    hits = _hits(store, name)
    assert hits, f"nothing found for {name}"
    assert hits[0]["iri"] == iri and hits[0]["kind"] == "Official"


def test_each_name_has_at_least_five_variants() -> None:
    assert len(VARIANTS) >= 3 and all(len(set(names)) >= 5 for names in VARIANTS.values())


def test_find_lists_kinds_and_ranks_the_exact_spelling_first(store: str) -> None:
    result = CliRunner().invoke(main, ["find", "--store", store, "الدوحة"])
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0].split()
    assert first[:3] == ["100", "Place", "id:place/doha"]
    assert score("الدوحة", "الدوحة") > score("بلنكن", "أنتوني بلينكن") > 0


def test_find_finds_rounds_and_organisations(store: str) -> None:
    assert _hits(store, "الدوره 5")[0]["iri"] == ID + "dialogue/QA-US/round/5"
    assert _hits(store, "round 5")[0]["iri"] == ID + "dialogue/QA-US/round/5"
    organisations = [hit for hit in _hits(store, "counter-terrorism") if hit["kind"] == "Organization"]
    assert organisations


def test_nothing_found_is_exit_status_1(store: str) -> None:
    result = CliRunner().invoke(main, ["find", "--store", store, "xyzzy"])
    assert result.exit_code == 1


def test_the_keys_fold_spelling_variants() -> None:
    assert search_key("إِبْرَاهِيم") == search_key("ابراهيم")
    assert search_key("مستشفى") == search_key("مستشفي")
    assert search_key("عبد الله") == search_key("عبدالله")
    assert search_key("Émile-Zola") == "emile zola"
    assert skeleton("Mohammed") == skeleton("Muhammad") == skeleton("Mohamed")


def test_the_keys_are_sparql_functions(store: str) -> None:
    query = ('SELECT ?person WHERE { ?person a qus:Official ; rdfs:label ?name '
             'FILTER(CONTAINS(qus:nameSkeleton(?name), qus:nameSkeleton("بلنكن"))) }')
    result = CliRunner().invoke(main, ["query", "--store", store, "--format", "csv", query])
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == ["person", ID + "person/antony-blinken"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "qus:nameSkeleton" in readme and "qus:searchKey" in readme
