"""Syntax errors from `qusgraph query` and the endpoint: the parser's whole message, and a plain
reading of an update given as a query, an unknown prefix, and a misspelt query form."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from qusgraph.cli import main
from qusgraph.store.embedded import QusStore


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("qh") / "store"
    QusStore(path).close()
    return str(path)


def _error(store: str, query: str) -> str:
    result = CliRunner().invoke(main, ["query", "--store", store, query])
    assert result.exit_code == 2, result.output
    return result.stderr


@pytest.mark.parametrize("update", ["INSERT DATA { <urn:a> <urn:b> 1 }", "DELETE WHERE { ?s ?p ?o }",
                                    "# comment\nPREFIX ex: <urn:ex:>\ninsert { ?s ex:p 1 } WHERE { ?s ?p ?o }"])
def test_an_update_is_said_to_be_one(store: str, update: str) -> None:
    message = _error(store, update)
    assert "`query` does not run updates" in message and "--allow-update" in message
    assert "Parser: error at" in message


def test_an_unknown_prefix_is_named_with_the_whole_parser_message(store: str) -> None:
    message = _error(store, "SELECT * WHERE { ?s foo:bar ?o }")
    assert "unknown prefix 'foo:'" in message
    assert "Prefix not found" in message and "unexpected token" not in message
    assert len(message.splitlines()) == 1


def test_a_misspelt_query_form_is_named(store: str) -> None:
    message = _error(store, "SELEC * WHERE { ?s ?p ?o }")
    assert "not 'SELEC'" in message and "expected CONSTRUCT" in message


def test_the_parser_message_is_not_cut(store: str) -> None:
    message = _error(store, "SELECT * WHERE { ?s ?p }")
    assert "expected one of LATERAL, SERVICE" in message


