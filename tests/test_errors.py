"""One error tree (errors.py): each error's fields, exit code and HTTP status; `--verbose`
logging; the server's 500 for a store failure and 400 for a bad query (issue 12, item 5)."""

from __future__ import annotations

import logging
import pickle
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from qusgraph.cli import main
from qusgraph.errors import (
    ArticleError,
    InputError,
    LexiconError,
    QueryError,
    QusgraphError,
    ShapeLoadError,
    ShapeViolation,
    StoreError,
)
from qusgraph.pipeline import ingest_items
from qusgraph.store.embedded import QusStore
from qusgraph.text.articles import iter_articles
from qusgraph.text.lexicon import load_lexicon
from server_utils import PUBLISHED, SEED, client, running_server, seeded_store

ROUND_5 = "dialogue/QA-US/round/5"


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)


# ---------------------------------------------------------------------------- the tree
@pytest.mark.parametrize(("kind", "exit_code", "status"), [
    (ArticleError, 1, 400), (ShapeViolation, 1, 400), (InputError, 2, 400), (QueryError, 2, 400),
    (LexiconError, 3, 500), (ShapeLoadError, 3, 500), (StoreError, 3, 500), (QusgraphError, 3, 500),
])
def test_each_error_has_its_documented_exit_code_and_status(kind: type[QusgraphError], exit_code: int,
                                                            status: int) -> None:
    assert issubclass(kind, QusgraphError)
    assert (kind.exit_code, kind.http_status) == (exit_code, status)


def test_an_article_error_keeps_its_source_apart_from_its_message() -> None:
    error = ArticleError("https://example.test/a:b/news", "HTTP 404 Not Found")
    assert str(error) == "https://example.test/a:b/news: HTTP 404 Not Found"
    assert (error.source, error.message) == ("https://example.test/a:b/news", "HTTP 404 Not Found")
    again = pickle.loads(pickle.dumps(error))  # reading errors travel to ingest worker processes
    assert (again.source, again.message, str(again)) == (error.source, error.message, str(error))


def test_a_rejected_record_is_reported_with_its_file_and_line_as_source(tmp_path: Path) -> None:
    """The source was recovered by cutting the message at its first colon: a JSON Lines
    record's line number, and everything of a URL after `https`, were lost."""
    records = tmp_path / "in.jsonl"
    records.write_text('{"id": "x", "text": 5}\n', encoding="utf-8")
    lexicon = load_lexicon()
    [outcome] = ingest_items(iter_articles([str(records)], lexicon), QusStore(None), lexicon)
    assert not outcome.accepted
    assert outcome.source == f"{records}:1"
    assert outcome.message == f"{records}:1: text: missing or empty"


def test_shapes_that_do_not_parse_are_a_shape_load_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from qusgraph.validation import shapes

    (tmp_path / "broken.ttl").write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n<a> sh:path", encoding="utf-8")
    monkeypatch.setattr(shapes, "shapes_dir", lambda: tmp_path)
    shapes.shapes_graph.cache_clear()
    try:
        with pytest.raises(ShapeLoadError) as caught:
            shapes.shapes_graph()
    finally:
        shapes.shapes_graph.cache_clear()
    assert str(tmp_path / "broken.ttl") in str(caught.value)
    assert caught.value.exit_code == 3


def test_rdf_that_does_not_parse_is_a_usage_error_not_a_query_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    result = run("validate", str(bad))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {bad}: cannot be parsed")


# ---------------------------------------------------------------------------- logging
def test_a_default_run_prints_no_log_lines(tmp_path: Path) -> None:
    result = run("ingest", str(SEED), "--store", str(tmp_path / "store"), "--published", PUBLISHED)
    assert result.exit_code == 0
    assert result.stderr == f"{SEED}: ingested as seed-000\n"
    assert "INFO" not in result.output


def test_the_library_is_silent_without_logging_configured() -> None:
    logger = logging.getLogger("qusgraph")
    assert any(isinstance(h, logging.NullHandler) for h in logger.handlers)
    assert not [h for h in logging.getLogger().handlers if "qusgraph" in repr(h)]


def test_verbose_ingest_logs_each_accepted_and_rejected_article(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-empty.txt").write_text("")
    shutil.copy(SEED, folder / "b-seed.txt")
    result = run("--verbose", "ingest", str(folder), "--store", str(tmp_path / "store"), "--published", PUBLISHED)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert f"INFO qusgraph.pipeline: rejected {folder / 'a-empty.txt'}: the article is empty" in lines
    assert f"INFO qusgraph.pipeline: accepted {folder / 'b-seed.txt'} as b-seed (818 quads)" in lines
    assert f"INFO qusgraph.store.embedded: opened store {tmp_path / 'store'}" in lines
    assert not any(line.startswith("DEBUG") for line in lines)
    # The handler lives as long as the command: the next run in this process logs nothing.
    quiet = run("ingest", str(SEED), "--store", str(tmp_path / "store"), "--published", PUBLISHED)
    assert "INFO" not in quiet.stderr


def test_verbose_twice_adds_debug_lines(tmp_path: Path) -> None:
    result = run("-vv", "ingest", str(SEED), "--store", str(tmp_path / "store"), "--published", PUBLISHED)
    assert result.exit_code == 0
    assert "DEBUG qusgraph.pipeline: ingest: one article at a time (1)" in result.stderr.splitlines()


# ---------------------------------------------------------------------------- HTTP statuses
def test_the_server_answers_500_when_its_store_files_are_removed_under_it(tmp_path: Path) -> None:
    """The store and the query workers' snapshots removed under a running server (a clean-up
    job, a disk swapped): a linked-data page that needs a query it cannot run is the store's
    failure (500), not the client's (it was 400)."""
    store = seeded_store(tmp_path)
    with running_server(store) as server, client() as http:
        for path in tmp_path.iterdir():
            if path.is_dir():
                shutil.rmtree(path)
        for accept in ("text/turtle", "text/html"):
            response = http.get(f"{server.url}/id/{ROUND_5}", headers={"Accept": accept})
            assert response.status_code == 500, (accept, response.status_code, response.text)
            assert str(tmp_path) not in response.text  # error bodies name no paths


def test_the_server_answers_400_for_a_query_error(tmp_path: Path) -> None:
    with running_server(seeded_store(tmp_path)) as server, client() as http:
        bad = http.get(f"{server.url}/sparql", params={"query": "SELECT ?x WHERE { ?x qus:foo/ }"})
        assert bad.status_code == 400 and bad.text.startswith("SPARQL syntax error")
        page = http.get(f"{server.url}/id/{ROUND_5}", headers={"Accept": "text/turtle"})
        assert page.status_code == 200
