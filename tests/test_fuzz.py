"""Issue 10: property-based fuzzing of ingest. Mutated articles and arbitrary JSON lines go
through the real reader, extractor, shapes and an on-disk store; whatever they hold, each
record ends as an outcome (ingested or rejected in one line), never as an exception that
would reach the user as "internal error".

`make test` runs a few hundred examples; `make fuzz` runs many more (HYPOTHESIS_PROFILE=fuzz)."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from bench.generate import generate
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from qusgraph.cli import main
from qusgraph.pipeline import ingest_items
from qusgraph.store.embedded import QusStore
from qusgraph.text.articles import Article, read_jsonl
from qusgraph.text.lexicon import load_lexicon

settings.register_profile("default", max_examples=100, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("fuzz", max_examples=1000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

SEEDS = [record for record in generate(12, 7)]
# Characters that broke ingest once, or might: a lone surrogate, NUL, bidi marks, Arabic-Indic
# digits, the tatweel, a BOM, line and paragraph separators, and digits of huge numbers.
NASTY = st.sampled_from(["\ud800", "\udfff", "\x00", "\u200f", "\u202e", "٣", "ـ", "\ufeff", "\u2028", "\u2029",
                         "\r", "\n\n", "99999999999999999999", "أمس", "غدا", "yesterday", "tomorrow", "0", "-5",
                         "الدورة الألف", "مليار مليار دولار", "{", "\\", '"'])
DATES = st.one_of(st.none(), st.sampled_from(["0001-01-01", "9999-12-31", "2022-02-30", "2022-11-21", "",
                                              "yesterday", "２０２２-１１-２１"]), st.text(max_size=12))


@st.composite
def mutated_text(draw: st.DrawFn, text: str) -> str:
    """`text` with a few pieces inserted, cut or repeated."""
    for _ in range(draw(st.integers(0, 6))):
        where = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "nasty", "cut", "repeat"]))
        if action == "insert":
            text = text[:where] + draw(st.text(max_size=20)) + text[where:]
        elif action == "nasty":
            text = text[:where] + draw(NASTY) + text[where:]
        elif action == "cut":
            text = text[:where] + text[where + draw(st.integers(0, 200)):]
        else:
            text = text[:where] + text[max(0, where - 300):where] + text[where:]
    return text


@st.composite
def records(draw: st.DrawFn) -> str:
    """One JSON line: a generated article with mutated fields, or something else entirely."""
    kind = draw(st.sampled_from(["article", "article", "article", "json", "text", "nested"]))
    if kind == "json":
        value = draw(st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
                                  lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                                      st.sampled_from(["id", "text", "title", "published", "lang", "url", "x"]),
                                      inner, max_size=5), max_leaves=12))
        return json.dumps(value)
    if kind == "text":
        return draw(st.text(max_size=80)).replace("\n", " ")
    if kind == "nested":
        depth = draw(st.integers(1, 5000))
        return "[" * depth + "]" * draw(st.integers(0, depth))
    seed = dict(draw(st.sampled_from(SEEDS)))
    seed["text"] = draw(mutated_text(seed["text"]))
    if draw(st.booleans()):
        seed["title"] = draw(mutated_text(seed.get("title") or ""))
    if draw(st.booleans()):
        seed["published"] = draw(DATES)
    if draw(st.booleans()):
        seed["id"] = draw(st.one_of(st.text(max_size=30), NASTY))
    if draw(st.booleans()):
        seed["lang"] = draw(st.sampled_from(["ar", "en", "fr", "", None]))
    return json.dumps(seed, ensure_ascii=draw(st.booleans()))


@pytest.fixture(scope="module")
def store() -> Iterator[QusStore]:
    with tempfile.TemporaryDirectory() as directory, QusStore(Path(directory) / "store") as opened:
        yield opened


@given(lines=st.lists(records(), min_size=1, max_size=4))
def test_json_lines_end_as_outcomes_never_as_internal_errors(lines: list[str]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        source = Path(directory) / "in.jsonl"
        source.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
        result = CliRunner().invoke(main, ["ingest", str(source), "--store", str(Path(directory) / "store"), "-q",
                                           "--published", "2022-11-21"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code in (0, 1), result.output
    assert "internal error" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert all(line.count("\n") == 0 for line in errors)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@example(text=SEEDS[0]["text"], published="000000000\n")  # once a two-line error message
@given(text=st.sampled_from(SEEDS).flatmap(lambda seed: mutated_text(seed["text"])),
       published=DATES.filter(lambda value: value is not None and len(value) == 10))
def test_mutated_articles_are_ingested_or_rejected_whole(store: QusStore, text: str, published: str) -> None:
    lexicon = load_lexicon()  # not a fixture argument: hypothesis would print the whole lexicon
    line = json.dumps({"id": "fuzzed", "title": "الحوار الاستراتيجي", "text": text, "published": published})
    before = set(store.quads())
    items = list(read_jsonl(None, lexicon, None, stream_text=line))
    [outcome] = list(ingest_items(items, store, lexicon))
    if not outcome.accepted:
        assert "\n" not in outcome.message and outcome.message
        if items and isinstance(items[0], Article):
            assert set(store.quads()) == before  # a rejected article leaves the store as it was
