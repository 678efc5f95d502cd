"""The README's command-line tour while `qusgraph serve` holds the store (`make run` in another
terminal): every read command works as written, beside the server, on a read-only view."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from server_utils import ROOT, Server, child_env, qusgraph, running_server, seeded_store

README = (ROOT / "README.md").read_text(encoding="utf-8")
# Commands that write need the store to themselves (or `--endpoint` on a server that allows updates).
WRITES = ("ingest", "remove", "compact")


def tour_commands() -> list[list[str]]:
    """The tour's `qusgraph …` lines, as argument lists, without their comments."""
    block = README.split("## A tour of the command line", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    commands = []
    for line in block.splitlines():
        words = shlex.split(line, comments=True)
        if words and words[0] == "qusgraph":
            commands.append(words[1:])
    return commands


def command_name(command: list[str]) -> str:
    """The subcommand, after any global options (`--verbose`)."""
    return next(word for word in command if not word.startswith("-"))


READS = [command for command in tour_commands() if command_name(command) not in WRITES]


@pytest.fixture(scope="module")
def held(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    store = seeded_store(tmp_path_factory.mktemp("held"))
    with running_server(store) as server:
        yield server


def test_the_tour_has_read_commands_to_run() -> None:
    assert {command_name(command) for command in READS} >= {"stats", "query", "explain", "export", "validate",
                                                             "conflicts"}


@pytest.mark.parametrize("command", READS, ids=[" ".join(c)[:60] for c in READS])
def test_a_tour_read_command_works_while_the_store_is_served(command: list[str], held: Server,
                                                           tmp_path: Path) -> None:
    # The tour runs from the checkout (data/…) with the default store: a working folder that
    # sees data/ and a $QUSGRAPH_STORE naming the served store stand for that.
    (tmp_path / "data").symlink_to(ROOT / "data")
    result = subprocess.run([sys.executable, "-m", "qusgraph.cli", *command], capture_output=True, text=True,
                            encoding="utf-8", timeout=120, cwd=tmp_path, stdin=subprocess.DEVNULL, check=False,
                            env=child_env(QUSGRAPH_STORE=str(held.store)))
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" or "Error" not in result.stderr
    assert held.process.poll() is None


def test_query_on_a_served_store_answers_beside_the_server(held: Server) -> None:
    result = qusgraph("query", "--store", str(held.store), "--file", str(ROOT / "data" / "queries" / "rounds.rq"))
    assert result.returncode == 0, result.stderr
    assert "(5 rows)" in result.stdout and "Doha" in result.stdout


def test_a_write_on_a_served_store_names_the_server(held: Server, tmp_path: Path) -> None:
    article = tmp_path / "extra.txt"
    article.write_text("الدوحة - عقد الحوار الاستراتيجي.", encoding="utf-8")
    result = qusgraph("ingest", "--store", str(held.store), str(article))
    assert result.returncode == 3
    assert held.url in result.stderr and "--endpoint" in result.stderr


def test_the_readme_says_how_to_put_qusgraph_on_the_path() -> None:
    assert re.search(r"source \.venv/bin/activate", README)
