"""The README's example questions are the shipped queries, and their outputs are what `make run`
prints for them (the articles of `data/articles/`, published 2022-11-21)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from qusgraph.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLE = re.compile(r"^### .*? — `data/queries/(?P<name>[\w.-]+\.rq)`\n\n```sparql\n(?P<query>.*?)```\n"
                     r"```\n(?P<output>.*?)```", re.M | re.S)
EXAMPLES = {match["name"]: match for match in EXAMPLE.finditer(README)}


@pytest.fixture(scope="module")
def made_run_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("readme") / "store"
    result = CliRunner().invoke(main, ["ingest", str(ROOT / "data" / "articles"), "--store", str(store),
                                       "--published", "2022-11-21"])
    assert result.exit_code == 0, result.output
    return store


def test_every_shipped_query_is_an_example_in_the_readme() -> None:
    assert set(EXAMPLES) == {path.name for path in (ROOT / "data" / "queries").glob("*.rq")}


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_the_readme_shows_the_query_and_its_real_output(name: str, made_run_store: Path) -> None:
    example = EXAMPLES[name]
    assert example["query"] == (ROOT / "data" / "queries" / name).read_text(encoding="utf-8")
    result = CliRunner().invoke(main, ["query", "--store", str(made_run_store), "--file",
                                       str(ROOT / "data" / "queries" / name)])
    assert result.exit_code == 0, result.output
    assert result.output == example["output"]
