"""The command line, as a user runs it: real stores on disk, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from qusgraph.cli import main
from server_utils import listener, qusgraph
from terminal import stderr_on_a_terminal

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "articles" / "seed-000.txt"
ROUND_5 = "https://w3id.org/qusgraph/id/dialogue/QA-US/round/5"


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("cli") / "store"
    result = run("ingest", str(SEED), "--store", str(store), "--published", "2022-11-21")
    assert result.exit_code == 0, result.output
    return store


def count_quads(store: Path) -> int:
    result = run("query", "--store", str(store), "--format", "json",
                 "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")
    return int(json.loads(result.stdout)["results"]["bindings"][0]["n"]["value"])


def test_ingest_prints_a_summary_line(seeded: Path) -> None:
    result = run("stats", "--store", str(seeded))
    assert result.exit_code == 0
    assert "qus:Round" in result.output and "articles (named graphs)" in result.output


def test_ingesting_the_seed_twice_leaves_the_triple_count_unchanged(tmp_path: Path) -> None:
    store = tmp_path / "store"
    run("ingest", str(SEED), "--store", str(store), "--published", "2022-11-21")
    before = count_quads(store)
    again = run("ingest", str(SEED), "--store", str(store), "--published", "2022-11-21")
    assert "1 replaced" in again.stdout
    assert count_quads(store) == before


@pytest.mark.parametrize("content", [b"", b"   \n\n  ", b"\xff\xfe\x00binary"])
def test_an_empty_or_unreadable_file_is_rejected_and_the_store_is_unchanged(
        seeded: Path, tmp_path: Path, content: bytes) -> None:
    before = count_quads(seeded)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = run("ingest", str(bad), "--store", str(seeded))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and str(bad) in errors[0]
    assert count_quads(seeded) == before


def test_a_bad_file_does_not_stop_the_good_ones(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-empty.txt").write_text("")
    (folder / "b-seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("ingest", str(folder), "--store", str(tmp_path / "store"), "--published", "2022-11-21")
    assert result.exit_code == 1
    assert "1 article(s) ingested" in result.stdout and "1 rejected" in result.stdout


def test_json_lines_and_stdin(tmp_path: Path) -> None:
    record = {"id": "seed", "title": "الحوار الاستراتيجي", "published": "2022-11-21", "lang": "ar",
              "text": SEED.read_text(encoding="utf-8").split("\n", 1)[1]}
    broken = '{"id": "x", "text": 5}'
    result = run("ingest", "-", "--store", str(tmp_path / "store"), stdin=json.dumps(record) + "\n" + broken + "\n")
    assert result.exit_code == 1
    assert "-:2: text: missing or empty" in result.stderr
    assert "1 article(s) ingested" in result.stdout


def test_query_formats(seeded: Path) -> None:
    ask = "ASK { ?r qus:ordinal 5 ; qus:place id:place\\/doha }"
    assert run("query", "--store", str(seeded), ask).stdout.strip() == "true"
    select = "SELECT ?date WHERE { ?r qus:ordinal 5 ; qus:date ?date }"
    assert "2022-11-22" in run("query", "--store", str(seeded), "--format", "csv", select).stdout
    assert "<sparql" in run("query", "--store", str(seeded), "--format", "xml", select).stdout
    construct = f"CONSTRUCT {{ <{ROUND_5}> qus:date ?d }} WHERE {{ <{ROUND_5}> qus:date ?d }}"
    turtle = run("query", "--store", str(seeded), "--format", "turtle", construct).stdout
    assert "qus:date" in turtle and "2022-11-22" in turtle


def test_query_from_a_file_and_from_stdin(seeded: Path) -> None:
    by_file = run("query", "--store", str(seeded), "--file", str(ROOT / "data" / "queries" / "rounds.rq"))
    by_stdin = run("query", "--store", str(seeded), stdin=(ROOT / "data" / "queries" / "rounds.rq").read_text())
    assert by_file.stdout == by_stdin.stdout and "Doha" in by_file.stdout


def test_a_format_that_does_not_fit_the_query_is_a_usage_error(seeded: Path) -> None:
    result = run("query", "--store", str(seeded), "--format", "turtle", "SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    assert result.exit_code == 2
    assert "SELECT/ASK query gives one of: table, json, csv, tsv, xml" in result.stderr


def test_a_syntax_error_is_one_line(seeded: Path) -> None:
    result = run("query", "--store", str(seeded), "SELECT ?x WHERE { ?x qus:foo/ }")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: SPARQL syntax error")


def test_explain_quotes_the_supporting_sentence(seeded: Path) -> None:
    result = run("explain", "--store", str(seeded), "dialogue/QA-US/round/5")
    assert result.exit_code == 0
    assert "qus:date  2022-11-22" in result.stdout
    assert "⟦غدا⟧" in result.stdout and "id:article/seed-000 (2022-11-21)" in result.stdout


def test_explain_debug_shows_the_stages(tmp_path: Path) -> None:
    result = run("explain", "--debug", str(SEED), "--published", "2022-11-21")
    assert result.exit_code == 0
    assert "mention" in result.stdout and "frame" in result.stdout and "round 5: dates ['2022-11-22']" in result.stdout


def test_remove_takes_the_article_out(tmp_path: Path) -> None:
    store = tmp_path / "store"
    run("ingest", str(SEED), "--store", str(store), "--published", "2022-11-21")
    result = run("remove", "--store", str(store), "seed-000")
    assert result.exit_code == 0
    rounds = run("query", "--store", str(store), "ASK { ?r a qus:Round }")
    assert rounds.stdout.strip() == "false"


def test_validate_the_store_and_a_broken_file(seeded: Path, tmp_path: Path) -> None:
    assert run("validate", "--store", str(seeded)).exit_code == 0
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix qus: <https://w3id.org/qusgraph/ontology#> .\n"
                      "<https://w3id.org/qusgraph/id/country/QA> a qus:Country ; qus:isoCode \"Qatar\" .\n")
    result = run("validate", str(broken))
    assert result.exit_code == 1 and "isoCode" in result.stdout


def test_bad_published_date_is_a_usage_error(tmp_path: Path) -> None:
    result = run("ingest", str(SEED), "--store", str(tmp_path / "s"), "--published", "21/11/2022")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_the_console_script_runs_without_a_traceback(tmp_path: Path) -> None:
    missing = subprocess.run([sys.executable, "-m", "qusgraph.cli", "query", "--store", str(tmp_path / "none"),
                              "ASK {}"], capture_output=True, text=True)
    assert missing.returncode == 3
    assert missing.stderr.count("\n") == 1 and "no store here" in missing.stderr


def test_a_terminal_hears_of_each_phase_and_a_pipe_of_none(tmp_path: Path) -> None:
    """Issue 14.4: on a terminal the articles' bar is named and the bulk load after it is
    announced (a third of a large run showed nothing); piped output keeps to the summary."""
    text = SEED.read_text(encoding="utf-8")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"copy-{n}", "text": text, "published": "2022-11-21"},
                                         ensure_ascii=False) + "\n" for n in range(200)), encoding="utf-8")
    command = [sys.executable, "-m", "qusgraph.cli", "ingest", str(corpus), "--store", str(tmp_path / "tty")]
    status, shown = stderr_on_a_terminal(command)
    assert status == 0
    assert "extracting:" in shown and "200article" in shown  # streamed: the total is not known ahead
    assert "loading 200 article(s) (" in shown and "quads) into the store" in shown
    piped = subprocess.run([*command[:-1], str(tmp_path / "pipe")], capture_output=True, text=True, timeout=300,
                           check=False)
    assert piped.returncode == 0 and "extracting" not in piped.stderr and "loading" not in piped.stderr


# ---------------------------------------------------------------------- issue 13.9
def test_export_to_dash_writes_to_stdout(seeded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("export", "--store", str(seeded), "--format", "ntriples", "-o", "-")
    assert result.exit_code == 0, result.output
    assert ROUND_5 in result.stdout
    assert not (tmp_path / "-").exists()


def test_query_dash_reads_the_query_from_stdin(seeded: Path) -> None:
    result = run("query", "--store", str(seeded), "--format", "json", "-", stdin="ASK { ?r qus:ordinal 5 }")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["boolean"] is True


def test_query_with_service_is_refused_locally_and_no_request_is_made(seeded: Path) -> None:
    with listener() as heard:
        result = qusgraph("query", "--store", str(seeded),
                          f"SELECT * WHERE {{ SERVICE <{heard.url}/sparql> {{ ?s ?p ?o }} }}")
        assert heard.requests == []
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == "Error: SERVICE is not allowed on this endpoint"


def test_export_of_an_unknown_graph_exits_1(seeded: Path) -> None:
    result = run("export", "--store", str(seeded), "--graph", "https://example.test/no-such-graph")
    assert result.exit_code == 1
    assert "no graph <https://example.test/no-such-graph>" in result.stderr


def test_remove_of_an_unknown_article_exits_1(seeded: Path) -> None:
    result = run("remove", "--store", str(seeded), "no-such-article")
    assert result.exit_code == 1
    assert "no such article" in result.stderr
