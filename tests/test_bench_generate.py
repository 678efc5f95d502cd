"""The benchmark generator (bench/generate.py): deterministic, well-formed, and it feeds the
extractor articles that really yield rounds, chairs, agreements, commitments and officials."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from bench.generate import (
    build_world,
    check_recipes,
    compile_template,
    generate,
    load_tables,
    main,
)

from qusgraph.extract import extract_article
from qusgraph.extract.model import ArticleFacts
from qusgraph.pipeline import build_graph
from qusgraph.text.articles import JSONL_FIELDS, LANGUAGES, Article, make_article, read_jsonl
from qusgraph.text.lexicon import Lexicon
from qusgraph.validation.shapes import validate_article

SAMPLE = 40  # articles run through the real extractor


def as_article(record: dict[str, str], lexicon: Lexicon) -> Article:
    """A generated record as `qusgraph ingest` reads it from JSON Lines."""
    return make_article(article_id=record["id"], text=record["title"] + "\n\n" + record["text"], source="bench",
                        lexicon=lexicon, published=date.fromisoformat(record["published"]), lang=record["lang"])


@pytest.fixture(scope="module")
def records() -> list[dict[str, str]]:
    return list(generate(500, seed=0))


@pytest.fixture(scope="module")
def extracted(records: list[dict[str, str]], lexicon: Lexicon) -> list[ArticleFacts]:
    return [extract_article(as_article(r, lexicon), lexicon).facts for r in records[:SAMPLE]]


# -- determinism --------------------------------------------------------------------


def test_same_seed_gives_the_same_records() -> None:
    assert list(generate(20, seed=5)) == list(generate(20, seed=5))


def test_a_record_does_not_depend_on_the_corpus_size() -> None:
    assert list(generate(20, seed=3))[:10] == list(generate(10, seed=3))


def test_seeds_give_different_corpora() -> None:
    assert [r["text"] for r in generate(5, seed=1)] != [r["text"] for r in generate(5, seed=2)]


def test_the_world_is_the_same_for_a_seed() -> None:
    tables = load_tables()
    first, again = build_world(4, tables), build_world(4, tables)
    assert [(r.ordinal, r.date, r.place) for r in first] == [(r.ordinal, r.date, r.place) for r in again]
    assert [r.ordinal for r in first] == list(range(1, 13))
    assert all(a.date < b.date for a, b in zip(first, first[1:], strict=False))


def test_negative_count_is_refused() -> None:
    with pytest.raises(ValueError, match="count"):
        list(generate(-1))


# -- records --------------------------------------------------------------------------


def test_every_record_has_the_jsonl_fields(records: list[dict[str, str]]) -> None:
    for record in records:
        assert set(record) == set(JSONL_FIELDS)
        assert record["title"].strip() and record["text"].strip()
        assert record["lang"] in LANGUAGES
        date.fromisoformat(record["published"])
        assert record["url"].startswith("https://")
    assert len({r["id"] for r in records}) == len(records)


def test_about_four_in_five_articles_are_arabic(records: list[dict[str, str]]) -> None:
    languages = Counter(r["lang"] for r in records)
    assert 0.72 <= languages["ar"] / len(records) <= 0.88
    assert languages["en"] > 0


def test_articles_are_as_long_as_news_articles(records: list[dict[str, str]]) -> None:
    sizes = sorted(len((r["title"] + "\n\n" + r["text"]).encode("utf-8")) for r in records)
    median = sizes[len(sizes) // 2]
    assert 1500 <= median <= 4000
    assert sizes[-1] > 6000  # a few long backgrounders, like the seed article
    paragraphs = sorted(r["text"].count("\n\n") + 1 for r in records)
    assert 6 <= paragraphs[len(paragraphs) // 2] <= 15


def test_trailing_boilerplate_is_cut_by_the_reader(records: list[dict[str, str]], lexicon: Lexicon) -> None:
    with_boilerplate = [r for r in records[:100]
                        if any(lexicon.is_boilerplate(line) for line in r["text"].splitlines())]
    assert len(with_boilerplate) > 20
    for record in with_boilerplate:
        article = as_article(record, lexicon)
        assert article.end < len(article.text.rstrip())


# -- what the extractor finds ---------------------------------------------------------


Finding = Callable[[ArticleFacts], object]


def share(facts: list[ArticleFacts], found: Finding) -> float:
    return sum(1 for f in facts if found(f)) / len(facts)


@pytest.mark.parametrize(
    ("what", "found", "least"),
    [
        ("a round", lambda f: f.rounds, 0.70),
        ("a round's date", lambda f: any(r.dates for r in f.rounds), 0.60),
        ("a round's place", lambda f: any(r.places for r in f.rounds), 0.60),
        ("a round's chairs", lambda f: any(r.chairs for r in f.rounds), 0.40),
        ("a round's topics", lambda f: any(r.topics for r in f.rounds), 0.50),
        ("agreements", lambda f: f.agreements, 0.40),
        ("commitments", lambda f: f.commitments, 0.20),
        ("officials", lambda f: f.officials, 0.60),
    ],
)
def test_generated_articles_exercise_extraction(extracted: list[ArticleFacts], what: str, found: Finding,
                                                least: float) -> None:
    assert share(extracted, found) >= least, f"too few generated articles yield {what}"


def test_extracted_rounds_agree_with_the_world(records: list[dict[str, str]], extracted: list[ArticleFacts]) -> None:
    """What the text says is what the generator meant: dates resolve to the round's day."""
    world = {r.ordinal: r for r in build_world(0, load_tables())}
    dates = places = agreeing_dates = agreeing_places = 0
    for facts in extracted:
        for round_ in facts.rounds:
            truth = world[round_.ordinal]
            for found in round_.dates:
                dates += 1
                agreeing_dates += truth.date.isoformat().startswith(found.value.text)
            for found_place in round_.places:
                places += 1
                agreeing_places += found_place.value == truth.place
    assert dates and places
    assert agreeing_dates / dates >= 0.85
    assert agreeing_places / places >= 0.85


def test_shacl_accepts_generated_articles(records: list[dict[str, str]], lexicon: Lexicon) -> None:
    """The bench ingests with validation on: a rejected article would distort it."""
    sample = [next(r for r in records if r["lang"] == "en"), *[r for r in records if r["lang"] == "ar"][:3]]
    for record in sample:
        report = validate_article(build_graph(as_article(record, lexicon), lexicon))
        assert report.conforms, f"{record['id']}: {report.summary()}"


# -- templates ------------------------------------------------------------------------


def test_every_slot_of_every_recipe_has_phrasings() -> None:
    check_recipes(load_tables())


def test_an_unknown_placeholder_is_an_error() -> None:
    with pytest.raises(ValueError, match="plaec"):
        compile_template("تنطلق في {plaec} غدا", "ar.tsv:lead")


def test_an_unclosed_choice_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"'\['"):
        compile_template("[أكد|شدد", "ar.tsv:lead")


# -- command line ---------------------------------------------------------------------


def test_cli_writes_json_lines_that_ingest_reads(tmp_path: Path, lexicon: Lexicon) -> None:
    out = tmp_path / "bench.jsonl"
    assert main(["--count", "3", "--seed", "9", "--out", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == list(generate(3, seed=9))
    articles = list(read_jsonl(out, lexicon))
    assert len(articles) == 3 and all(isinstance(a, Article) for a in articles)


def test_cli_writes_one_text_file_per_article(tmp_path: Path) -> None:
    assert main(["--count", "2", "--format", "txt", "--out", str(tmp_path / "txt")]) == 0
    files = sorted((tmp_path / "txt").glob("*.txt"))
    records = list(generate(2))
    assert [f.stem for f in files] == [r["id"] for r in records]
    title, blank, *_ = files[0].read_text(encoding="utf-8").split("\n")
    assert (title, blank) == (records[0]["title"], "")
