"""qusgraph.server.negotiation: Accept headers read as RFC 9110 says, and the tables that
map media types to the formats qusgraph can write."""

from __future__ import annotations

import pytest

from qusgraph.serialize.export import RDF_FORMATS, RESULT_FORMATS
from qusgraph.server.negotiation import (
    CHARSET_TYPES,
    DATASET_TYPES,
    GRAPH_TYPES,
    SOLUTION_TYPES,
    MediaRange,
    choose,
    parse_accept,
    wants_html,
    with_charset,
)

JSON_RESULTS = "application/sparql-results+json"
XML_RESULTS = "application/sparql-results+xml"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


# ------------------------------------------------------------------------- parse_accept
@pytest.mark.parametrize("header", [None, "", "   "])
def test_no_accept_header_accepts_anything(header: str | None) -> None:
    assert parse_accept(header) == [MediaRange("*/*", 1.0, 0)]


def test_ranges_are_ordered_by_quality() -> None:
    ranges = parse_accept("text/csv;q=0.2, text/turtle, application/ld+json;q=0.7")
    assert [r.type for r in ranges] == ["text/turtle", "application/ld+json", "text/csv"]
    assert [r.quality for r in ranges] == [1.0, 0.7, 0.2]


def test_equal_quality_prefers_the_specific_range_then_the_order_given() -> None:
    ranges = parse_accept("*/*, text/*, text/csv, application/sparql-results+json")
    assert [r.type for r in ranges] == ["text/csv", JSON_RESULTS, "text/*", "*/*"]


def test_media_types_are_case_insensitive() -> None:
    assert parse_accept("Application/SPARQL-Results+JSON")[0].type == JSON_RESULTS


def test_parameters_other_than_q_are_ignored() -> None:
    [media_range] = parse_accept("text/turtle; charset=utf-8; Q=0.5")
    assert (media_range.type, media_range.quality) == ("text/turtle", 0.5)


def test_a_malformed_quality_counts_as_zero() -> None:
    assert parse_accept("text/csv;q=high")[0].quality == 0.0


def test_empty_elements_are_skipped() -> None:
    assert [r.type for r in parse_accept("text/csv,, ,text/turtle")] == ["text/csv", "text/turtle"]


@pytest.mark.parametrize("media_range, media_type, matches", [
    ("*/*", "text/csv", True),
    ("*", "text/csv", True),
    ("text/*", "text/csv", True),
    ("text/*", "application/n-triples", False),
    ("application/*", "application/ld+json", True),
    ("text/csv", "text/csv", True),
    ("text/csv", "text/tab-separated-values", False),
])
def test_media_range_matching(media_range: str, media_type: str, matches: bool) -> None:
    assert MediaRange(media_range, 1.0, 0).matches(media_type) is matches


# ------------------------------------------------------------------------- choose
@pytest.mark.parametrize("media_type", list(SOLUTION_TYPES))
def test_each_solution_type_is_chosen_when_asked_for(media_type: str) -> None:
    assert choose(media_type, SOLUTION_TYPES) == media_type


@pytest.mark.parametrize("media_type", list(GRAPH_TYPES))
def test_each_graph_type_is_chosen_when_asked_for(media_type: str) -> None:
    assert choose(media_type, GRAPH_TYPES) == media_type


@pytest.mark.parametrize("header", [None, "", "*/*", "*/*;q=0.1"])
def test_defaults_for_any_or_no_accept(header: str | None) -> None:
    assert choose(header, SOLUTION_TYPES) == JSON_RESULTS
    assert choose(header, GRAPH_TYPES) == "text/turtle"
    assert choose(header, DATASET_TYPES) == "application/n-quads"


def test_the_highest_quality_wins() -> None:
    assert choose(f"text/csv;q=0.5, {XML_RESULTS}", SOLUTION_TYPES) == XML_RESULTS
    assert choose("text/turtle;q=0.3, application/ld+json;q=0.9", GRAPH_TYPES) == "application/ld+json"


def test_a_type_the_table_lacks_is_passed_over() -> None:
    assert choose("image/png, text/csv;q=0.1", SOLUTION_TYPES) == "text/csv"


def test_a_subtype_wildcard_picks_the_table_s_first_of_that_type() -> None:
    assert choose("text/*", SOLUTION_TYPES) == "text/csv"
    assert choose("application/*", GRAPH_TYPES) == "application/n-triples"


@pytest.mark.parametrize("header", ["image/png", "text/html", f"{JSON_RESULTS};q=0", "text/turtle"])
def test_nothing_acceptable_gives_none(header: str) -> None:
    assert choose(header, SOLUTION_TYPES) is None


@pytest.mark.parametrize("header, table, excluded", [
    (f"{JSON_RESULTS};q=0, */*", SOLUTION_TYPES, JSON_RESULTS),
    ("text/turtle;q=0, */*", GRAPH_TYPES, "text/turtle"),
    ("text/csv;q=0, text/*", SOLUTION_TYPES, "text/csv"),
], ids=["json", "turtle", "csv"])
def test_a_type_refused_with_q_0_is_not_chosen_through_a_wildcard(
        header: str, table: dict[str, str], excluded: str) -> None:
    assert choose(header, table) != excluded


def test_quality_comes_before_specificity() -> None:
    # A specific type of lower quality loses to a wildcard of higher quality, which picks the default.
    assert choose("text/csv;q=0.5, */*", SOLUTION_TYPES) == JSON_RESULTS


# ------------------------------------------------------------------------- wants_html
@pytest.mark.parametrize("header, expected", [
    (BROWSER, True),
    ("text/html", True),
    ("application/xhtml+xml", True),
    (None, False),
    ("", False),
    ("*/*", False),
    ("text/turtle", False),
    ("application/ld+json", False),
    ("text/turtle, text/html;q=0.9", False),
    ("text/html;q=0.9, text/turtle", False),
    ("text/html, text/turtle", True),
    ("text/html;q=0", False),
    ("image/png, text/html", True),
])
def test_wants_html(header: str | None, expected: bool) -> None:
    assert wants_html(header) is expected


# ------------------------------------------------------------------------- the tables
def test_the_issue_s_result_types_are_offered() -> None:
    assert {JSON_RESULTS, XML_RESULTS, "text/csv", "text/tab-separated-values"} <= set(SOLUTION_TYPES)


def test_the_issue_s_graph_types_are_offered() -> None:
    assert {"text/turtle", "application/n-triples", "application/ld+json", "application/n-quads"} <= set(GRAPH_TYPES)


def test_json_is_the_first_solution_type_and_turtle_the_first_graph_type() -> None:
    assert next(iter(SOLUTION_TYPES)) == JSON_RESULTS
    assert next(iter(GRAPH_TYPES)) == "text/turtle"


@pytest.mark.parametrize("media_type, name", list(SOLUTION_TYPES.items()))
def test_every_solution_type_names_a_results_format(media_type: str, name: str) -> None:
    assert name in RESULT_FORMATS


@pytest.mark.parametrize("media_type, name", list(GRAPH_TYPES.items()))
def test_every_graph_type_names_an_rdf_format(media_type: str, name: str) -> None:
    assert name in RDF_FORMATS


@pytest.mark.parametrize("media_type, name", list(DATASET_TYPES.items()))
def test_every_dataset_type_names_an_rdf_format_with_named_graphs(media_type: str, name: str) -> None:
    assert RDF_FORMATS[name].datasets


@pytest.mark.parametrize("media_type", sorted(CHARSET_TYPES))
def test_text_formats_say_their_charset(media_type: str) -> None:
    assert with_charset(media_type) == f"{media_type}; charset=utf-8"


@pytest.mark.parametrize("media_type", [JSON_RESULTS, "application/ld+json", XML_RESULTS])
def test_self_describing_formats_carry_no_charset(media_type: str) -> None:
    assert with_charset(media_type) == media_type
