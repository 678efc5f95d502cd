"""`qusgraph timeline`: the picture in the README is what it draws for the store `make run` builds,
and the command works on a store that a server holds (see test_explore_browser for the page)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from qusgraph.cli import main

ROOT = Path(__file__).resolve().parent.parent
PICTURE = ROOT / "docs" / "timeline.svg"


def test_the_readme_shows_the_timeline_of_the_make_run_store(tmp_path: Path) -> None:
    runner = CliRunner()
    store = str(tmp_path / "store")
    ingested = runner.invoke(main, ["ingest", str(ROOT / "data" / "articles"), "--store", store,
                                    "--published", "2022-11-21", "--quiet"])
    assert ingested.exit_code == 0, ingested.output
    output = tmp_path / "timeline.svg"
    drawn = runner.invoke(main, ["timeline", "--store", store, "--base-url", "http://127.0.0.1:7878",
                                 "-o", str(output)])
    assert drawn.exit_code == 0, drawn.output
    assert output.read_text(encoding="utf-8") == PICTURE.read_text(encoding="utf-8"), \
        "regenerate docs/timeline.svg with `qusgraph timeline --base-url http://127.0.0.1:7878 -o docs/timeline.svg`"
    assert "](docs/timeline.svg)" in (ROOT / "README.md").read_text(encoding="utf-8")
    for ordinal in range(1, 6):
        assert f">Round {ordinal}<" in output.read_text(encoding="utf-8")


def test_a_store_without_rounds_draws_a_note(tmp_path: Path) -> None:
    from qusgraph.store.embedded import QusStore

    QusStore(tmp_path / "empty").close()
    result = CliRunner().invoke(main, ["timeline", "--store", str(tmp_path / "empty"), "-o", "-"])
    assert result.exit_code == 0, result.output
    assert "No rounds in this store yet." in result.output and result.output.startswith("<?xml")
