"""The lexicon: every table of data/lexicon/ loads, a broken line is named, phrases match."""

from __future__ import annotations

import shutil
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from qusgraph.errors import LexiconError
from qusgraph.resources import lexicon_dir
from qusgraph.text.lexicon import (
    AgreementNoun,
    Cue,
    Lexicon,
    PhraseIndex,
    PhraseMatch,
    load_lexicon,
    load_tables,
    read_schema,
    read_table,
    word_list,
)
from qusgraph.text.tokens import Token

Tokenize = Callable[[str], list[Token]]
TABLES = sorted(path.name for path in lexicon_dir().glob("*.tsv"))

# load_lexicon is cached per directory; the undecorated function loads afresh every time.
load_uncached: Callable[[Path], Lexicon] = load_lexicon.__wrapped__


def found(index: PhraseIndex[Any], words: list[Token]) -> list[tuple[str, Any]]:
    """What `index.scan` finds in `words`: the matched token texts and the payload."""
    return [
        (" ".join(t.text for t in words[m.first : m.last + 1]), m.payload)
        for m in index.scan(words)
    ]


# ------------------------------------------------------------------ the real tables
def test_load_lexicon_is_cached() -> None:
    assert load_lexicon() is load_lexicon()


@pytest.mark.parametrize(
    "index",
    [
        "country_forms",
        "entity_forms",
        "honorifics",
        "posts",
        "ordinals",
        "numbers",
        "months",
        "weekdays",
        "relative_dates",
        "currencies",
        "durations",
        "agreements",
        "topic_terms",
        "cues",
    ],
)
def test_every_phrase_index_has_entries(lexicon: Lexicon, index: str) -> None:
    phrase_index: PhraseIndex[Any] = getattr(lexicon, index)
    assert phrase_index._phrases or phrase_index._stems


def test_every_topic_of_the_scheme_has_both_labels(lexicon: Lexicon) -> None:
    assert lexicon.topics
    assert all(topic.labels["en"] and topic.labels["ar"] for topic in lexicon.topics.values())


def test_country_labels_are_the_first_name_in_each_language(lexicon: Lexicon) -> None:
    assert lexicon.countries["QA"].labels == {"ar": "قطر", "en": "Qatar"}
    assert lexicon.countries["US"].labels["en"] == "United States"


def test_entities_are_keyed_by_kind_and_key(lexicon: Lexicon) -> None:
    doha = lexicon.entity("place", "doha")
    assert (doha.country, doha.subkind, doha.labels["ar"]) == ("QA", "city", "الدوحة")


@pytest.mark.parametrize(
    "line", ["مقالات ذات صلة", "اقرأ أيضاً", "Share this article", "Share this article:"]
)
def test_boilerplate_lines_are_recognised(lexicon: Lexicon, line: str) -> None:
    assert lexicon.is_boilerplate(line)


def test_a_sentence_that_mentions_related_articles_is_not_boilerplate(lexicon: Lexicon) -> None:
    assert not lexicon.is_boilerplate("ونشرت الوكالة مقالات ذات صلة بالحوار.")


@pytest.mark.parametrize("abbreviation", ["sept.", "dr.", "nov.", "د."])
def test_abbreviations_are_kept_normalised(lexicon: Lexicon, abbreviation: str) -> None:
    assert abbreviation in lexicon.abbreviations


def test_wazir_is_a_first_word_of_a_post(lexicon: Lexicon) -> None:
    assert "وزير" in lexicon.post_first_words


# ------------------------------------------------------------------ broken tables
@pytest.fixture
def lexicon_copy(tmp_path: Path) -> Path:
    """A writable copy of data/lexicon/."""
    return Path(shutil.copytree(lexicon_dir(), tmp_path / "lexicon"))


def edit_line(
    directory: Path, name: str, edit: Callable[[list[str]], list[str]], row: int = 1
) -> int:
    """Rewrite one line of a table (row 0 is the header, 1 the first entry); its line number."""
    path = directory / name
    lines = path.read_text(encoding="utf-8").split("\n")
    content = [i for i, line in enumerate(lines) if line.strip() and not line.startswith("#")]
    index = content[row]
    lines[index] = "\t".join(edit(lines[index].split("\t")))
    path.write_text("\n".join(lines), encoding="utf-8")
    return index + 1


def set_column(column: int, value: str) -> Callable[[list[str]], list[str]]:
    return lambda cells: cells[:column] + [value] + cells[column + 1 :]


def load_error(directory: Path) -> str:
    with pytest.raises(LexiconError) as caught:
        load_uncached(directory)
    return str(caught.value)


def test_a_copy_of_the_tables_loads(lexicon_copy: Path) -> None:
    assert load_uncached(lexicon_copy).countries.keys() == load_lexicon().countries.keys()


@pytest.mark.parametrize("name", TABLES)
def test_every_table_is_read(lexicon_copy: Path, name: str) -> None:
    (lexicon_copy / name).unlink()
    assert (
        load_error(lexicon_copy)
        == f"{lexicon_copy / name}: cannot be read (No such file or directory)"
    )


def test_table_without_header_is_named(lexicon_copy: Path) -> None:
    (lexicon_copy / "weekdays.tsv").write_text("# nothing yet\n", encoding="utf-8")
    assert load_error(lexicon_copy) == (
        f"{lexicon_copy / 'weekdays.tsv'}: empty table; expected a header 'weekday lang form'"
    )


def test_wrong_header_names_file_line_and_the_header_expected(lexicon_copy: Path) -> None:
    line = edit_line(lexicon_copy, "countries.tsv", set_column(1, "language"), row=0)
    assert load_error(lexicon_copy) == (
        f"{lexicon_copy / 'countries.tsv'}:{line}: header is 'iso language kind form'; "
        "it must be 'iso lang kind form'"
    )


def test_missing_column_names_file_line_and_the_columns(lexicon_copy: Path) -> None:
    line = edit_line(lexicon_copy, "countries.tsv", lambda cells: cells[:2] + cells[3:])
    assert load_error(lexicon_copy) == (
        f"{lexicon_copy / 'countries.tsv'}:{line}: 3 columns; expected 4 (iso, lang, kind, form)"
    )


def test_stray_tab_is_an_extra_column(lexicon_copy: Path) -> None:
    line = edit_line(lexicon_copy, "places.tsv", lambda cells: [*cells, ""])
    assert f"{lexicon_copy / 'places.tsv'}:{line}: 6 columns; expected 5" in load_error(
        lexicon_copy
    )


def test_empty_cell_is_named(lexicon_copy: Path) -> None:
    line = edit_line(lexicon_copy, "officials.tsv", set_column(3, " "))
    assert (
        load_error(lexicon_copy)
        == f"{lexicon_copy / 'officials.tsv'}:{line}: column 'form' is empty"
    )


def test_unknown_language_is_named_with_the_choices(lexicon_copy: Path) -> None:
    line = edit_line(lexicon_copy, "months.tsv", set_column(1, "fr"))
    assert load_error(lexicon_copy) == (
        f"{lexicon_copy / 'months.tsv'}:{line}: column 'lang' is 'fr'; it must be one of: ar, en"
    )


@pytest.mark.parametrize(
    ("name", "column", "header", "choice"),
    [
        ("countries.tsv", 2, "kind", "name"),
        ("posts.tsv", 1, "kind", "minister"),
        ("agreements.tsv", 0, "type", "MemorandumOfUnderstanding"),
        ("cues.tsv", 0, "cue", "round-noun"),
        ("numbers.tsv", 2, "kind", "scale"),
        ("durations.tsv", 0, "unit", "Y"),
        ("relative_dates.tsv", 1, "unit", "month-name"),
    ],
)
def test_unknown_kind_is_named_with_the_choices(
    lexicon_copy: Path, name: str, column: int, header: str, choice: str
) -> None:
    line = edit_line(lexicon_copy, name, set_column(column, "bogus"))
    message = load_error(lexicon_copy)
    assert message.startswith(
        f"{lexicon_copy / name}:{line}: column '{header}' is 'bogus'; it must be one of: "
    )
    assert choice in message


@pytest.mark.parametrize("iso", ["QAT", "qa", "Q"])
def test_bad_iso_code_is_named(lexicon_copy: Path, iso: str) -> None:
    line = edit_line(lexicon_copy, "countries.tsv", set_column(0, iso))
    assert load_error(lexicon_copy) == (
        f"{lexicon_copy / 'countries.tsv'}:{line}: column 'iso' is '{iso}'; "
        "it must be an ISO 3166-1 alpha-2 code"
    )


def test_unknown_topic_notation_is_named_with_the_scheme(lexicon_copy: Path) -> None:
    line = edit_line(lexicon_copy, "topic_terms.tsv", set_column(0, "world-peace"))
    message = load_error(lexicon_copy)
    assert message.startswith(
        f"{lexicon_copy / 'topic_terms.tsv'}:{line}: "
        "column 'notation' is 'world-peace'; it must be one of: "
    )
    assert "counterterrorism" in message


@pytest.mark.parametrize(
    ("name", "column"), [("places.tsv", 1), ("officials.tsv", 1), ("organizations.tsv", 1)]
)
def test_country_unknown_in_countries_tsv_is_named(
    lexicon_copy: Path, name: str, column: int
) -> None:
    line = edit_line(lexicon_copy, name, set_column(column, "ZZ"))
    assert load_error(lexicon_copy) == (
        f"{lexicon_copy / name}:{line}: column 'country' is 'ZZ', which countries.tsv does not name"
    )


def test_key_with_two_countries_is_named(lexicon_copy: Path) -> None:
    path = lexicon_copy / "places.tsv"
    with path.open("a", encoding="utf-8") as handle:
        handle.write("doha\tUS\tcity\ten\tDoha, Qatar\n")
    line = len(path.read_text(encoding="utf-8").splitlines())
    assert load_error(lexicon_copy) == (
        f"{path}:{line}: 'doha' has another country or kind on an earlier line"
    )


def test_value_that_is_not_a_number_is_named(lexicon_copy: Path) -> None:
    line = edit_line(lexicon_copy, "numbers.tsv", set_column(0, "three"))
    assert load_error(lexicon_copy) == (
        f"{lexicon_copy / 'numbers.tsv'}:{line}: "
        "column 'value' is 'three'; it must be a whole number"
    )


def test_month_out_of_range_is_named_with_the_range(lexicon_copy: Path) -> None:
    line = edit_line(lexicon_copy, "months.tsv", set_column(0, "13"))
    assert load_error(lexicon_copy) == (
        f"{lexicon_copy / 'months.tsv'}:{line}: column 'month' is 13; it must be between 1 and 12"
    )


def test_read_table_skips_comments_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "honorifics.tsv"
    path.write_text("# titles\nlang\tform\n\n# Arabic\nar\tسعادة\n", encoding="utf-8")
    assert list(read_table(path, ("lang", "form"))) == [(5, {"lang": "ar", "form": "سعادة"})]


def test_lexicon_error_is_an_internal_error() -> None:
    assert LexiconError.exit_code == 3


# ------------------------------------------------------------------ phrase matching
@pytest.mark.parametrize(
    ("text", "matched", "iso"),
    [
        ("للولايات المتحدة", "للولايات المتحده", "US"),
        ("والولايات المتحدة الأمريكية", "والولايات المتحده الامريكيه", "US"),
        ("بدولة قطر", "بدوله قطر", "QA"),
        ("U.S.-Qatar", "u.s.", "US"),
        ("Qatar's", "qatar 's", "QA"),
    ],
)
def test_country_names_match_with_clitics(
    lexicon: Lexicon, tokens: Tokenize, text: str, matched: str, iso: str
) -> None:
    first = found(lexicon.country_forms, tokens(text))[0]
    assert (first[0], first[1].iso) == (matched, iso)


@pytest.mark.parametrize(
    ("text", "key"), [("بواشنطن", "washington"), ("والدوحة", "doha"), ("بالدوحة", "doha")]
)
def test_place_names_match_with_clitics(
    lexicon: Lexicon, tokens: Tokenize, text: str, key: str
) -> None:
    [(_, place)] = found(lexicon.entity_forms, tokens(text))
    assert place.key == key


def test_longest_country_name_wins(lexicon: Lexicon, tokens: Tokenize) -> None:
    words = tokens("بين دولة قطر والولايات المتحدة الأمريكية")
    assert [text for text, _ in found(lexicon.country_forms, words)] == [
        "دوله قطر",
        "والولايات المتحده الامريكيه",
    ]


def test_scan_all_keeps_overlapping_matches(lexicon: Lexicon, tokens: Tokenize) -> None:
    words = tokens("الولايات المتحدة الأمريكية")
    spans = {(m.first, m.last, m.payload.kind) for m in lexicon.country_forms.scan_all(words)}
    assert spans == {(0, 2, "name"), (0, 1, "name"), (2, 2, "adjective")}


def test_longest_topic_term_wins(lexicon: Lexicon, tokens: Tokenize) -> None:
    words = tokens("أمن الحدود وتمويل الإرهاب ومكافحة الإرهاب")
    assert [topic for _, topic in found(lexicon.topic_terms, words)] == [
        "border-security",
        "terrorism-financing",
        "counterterrorism",
    ]


@pytest.mark.parametrize("text", ["اتفاقية في مجال النقل الجوي", "cooperation in air transport"])
def test_air_transport_is_aviation(lexicon: Lexicon, tokens: Tokenize, text: str) -> None:
    assert [topic for _, topic in found(lexicon.topic_terms, tokens(text))] == ["aviation"]


@pytest.mark.parametrize("verb", ["عقدت", "وعقدها", "وانعقدت", "تنعقد", "انطلقت", "وتنطلق"])
def test_stems_match_inflected_event_verbs(lexicon: Lexicon, tokens: Tokenize, verb: str) -> None:
    assert found(lexicon.cues, tokens(verb)) == [(verb.replace("ة", "ه"), Cue("event", "ar"))]


def test_stem_matches_only_a_few_letters_beyond_itself() -> None:
    index: PhraseIndex[str] = PhraseIndex()
    index.add("عقد*", "event")
    index.finalise()
    words = [Token("عقدتها", 0, 0, 6), Token("عقدتموهاكلها", 1, 7, 19)]
    assert index.scan(words) == [PhraseMatch(0, 0, "event")]


@pytest.mark.parametrize(
    ("text", "matched"),
    [
        ("إعلانا مشتركا", "اعلانا مشتركا"),
        ("وأصدرتا إعلانا مشتركا", "اعلانا مشتركا"),
        ("إعلان مشترك", "اعلان مشترك"),
    ],
)
def test_accusative_alif_matches_the_agreement_noun(
    lexicon: Lexicon, tokens: Tokenize, text: str, matched: str
) -> None:
    assert (matched, AgreementNoun("JointDeclaration", 1)) in found(
        lexicon.agreements, tokens(text)
    )


@pytest.mark.parametrize(
    ("text", "type_", "count"),
    [
        ("مذكرة تفاهم", "MemorandumOfUnderstanding", 1),
        ("ثلاث مذكرات تفاهم", "MemorandumOfUnderstanding", None),
        ("خطاب نوايا", "LetterOfIntent", 1),
        ("بيان نوايا", "StatementOfIntent", 1),
        ("a memorandum of understanding on education", "MemorandumOfUnderstanding", 1),
        ("several letters of intent", "LetterOfIntent", None),
    ],
)
def test_agreement_nouns_carry_type_and_count(
    lexicon: Lexicon, tokens: Tokenize, text: str, type_: str, count: int | None
) -> None:
    [(_, noun)] = found(lexicon.agreements, tokens(text))
    assert noun == AgreementNoun(type_, count)


def test_later_words_of_a_phrase_take_no_clitics() -> None:
    index: PhraseIndex[str] = PhraseIndex()
    index.add("الولايات المتحدة", "US")
    index.finalise()
    words = [Token("الولايات", 0, 0, 8), Token("والمتحده", 1, 9, 17)]
    assert index.scan(words) == []


def test_matches_at_lists_the_longest_first() -> None:
    index: PhraseIndex[str] = PhraseIndex()
    index.add("الولايات المتحدة", "short")
    index.add("الولايات المتحدة الأمريكية", "long")
    index.finalise()
    words = [
        Token("بالولايات", 0, 0, 9),
        Token("المتحده", 1, 10, 17),
        Token("الامريكيه", 2, 18, 27),
    ]
    assert [m.payload for m in index.matches_at(words, 0)] == ["long", "short"]


def test_capital_must_be_a_place_of_its_country(lexicon_copy: Path) -> None:
    line = edit_line(lexicon_copy, "capitals.tsv", set_column(1, "washington"))  # QA → washington
    assert load_error(lexicon_copy) == (
        f"{lexicon_copy / 'capitals.tsv'}:{line}: column 'place' is 'washington', which places.tsv does not name in QA"
    )


def test_capital_of_an_unknown_country_is_named(lexicon_copy: Path) -> None:
    line = edit_line(lexicon_copy, "capitals.tsv", set_column(0, "XX"))
    assert load_error(lexicon_copy) == (
        f"{lexicon_copy / 'capitals.tsv'}:{line}: column 'country' is 'XX', which countries.tsv does not name"
    )


@pytest.mark.parametrize(("name", "column", "header"), [("eras.tsv", 0, "era"), ("chrome.tsv", 0, "kind")])
def test_unknown_era_or_chrome_kind_is_named(lexicon_copy: Path, name: str, column: int, header: str) -> None:
    line = edit_line(lexicon_copy, name, set_column(column, "bogus"))
    assert load_error(lexicon_copy).startswith(f"{lexicon_copy / name}:{line}: column '{header}' is 'bogus'")


# ------------------------------------------------------------------ the schema
def test_every_table_of_the_folder_is_declared_in_the_schema() -> None:
    declared = set(read_schema(lexicon_dir()))
    assert declared == set(TABLES) - {"schema.tsv"}


def test_a_table_the_schema_does_not_declare_is_named(lexicon_copy: Path) -> None:
    (lexicon_copy / "colours.tsv").write_text("lang\tform\nen\tred\n", encoding="utf-8")
    assert load_error(lexicon_copy) == (
        f"{lexicon_copy / 'colours.tsv'}: not declared in {lexicon_copy / 'schema.tsv'}"
    )


def test_unknown_column_type_in_the_schema_is_named(lexicon_copy: Path) -> None:
    line = edit_line(lexicon_copy, "schema.tsv", set_column(2, "colour"))
    assert load_error(lexicon_copy).startswith(
        f"{lexicon_copy / 'schema.tsv'}:{line}: column 'type' is 'colour'; it must be one of: "
    )


def test_a_reference_to_a_table_declared_later_is_named(lexicon_copy: Path) -> None:
    line = edit_line(lexicon_copy, "schema.tsv", set_column(3, "cues.tsv:cue"), row=6)  # places.tsv country
    assert load_error(lexicon_copy) == (
        f"{lexicon_copy / 'schema.tsv'}:{line}: column 'values' names cues.tsv:cue, which no line above declares"
    )


@pytest.mark.parametrize(("name", "column", "header"), [("posts.tsv", 2, "country"), ("dialogues.tsv", 1, "second")])
def test_every_country_column_refers_to_countries_tsv(lexicon_copy: Path, name: str, column: int, header: str) -> None:
    line = edit_line(lexicon_copy, name, set_column(column, "ZZ"))
    assert load_error(lexicon_copy) == (
        f"{lexicon_copy / name}:{line}: column '{header}' is 'ZZ', which countries.tsv does not name"
    )


def test_cue_kinds_are_the_choices_of_a_cue(lexicon_copy: Path) -> None:
    line = edit_line(lexicon_copy, "cues.tsv", set_column(0, "background"))
    message = load_error(lexicon_copy)
    assert message.startswith(f"{lexicon_copy / 'cues.tsv'}:{line}: column 'cue' is 'background'; it must be one of: ")
    assert "round-noun" in message


def test_load_tables_reads_a_table_and_those_it_refers_to() -> None:
    tables = load_tables(lexicon_dir(), ["capitals.tsv"])
    assert set(tables) == {"capitals.tsv", "countries.tsv", "places.tsv"}


def test_word_lists_keep_the_order_of_the_file() -> None:
    assert word_list("object-pronoun") == ("هما", "ها", "ه")  # longest first: ترأسهما is not ترأسها + ما


def test_an_unknown_word_list_is_named() -> None:
    with pytest.raises(LexiconError, match="no words of the list 'colours'"):
        word_list("colours")


@pytest.mark.parametrize(
    ("label", "fields"),
    [("dialogue", {"first", "second"}), ("round", {"ordinal"}), ("agreement-about", {"name", "about"}),
     ("topic-scheme", set())],
)
def test_label_templates_have_the_fields_the_mapping_fills(lexicon: Lexicon, label: str, fields: set[str]) -> None:
    for lang in ("ar", "en"):
        template = lexicon.labels[(label, lang)]
        assert {field for _, field, _, _ in string.Formatter().parse(template) if field} == fields


def test_derived_indexes_live_with_their_lexicon(lexicon: Lexicon) -> None:
    """What later stages build from a lexicon is built once and kept by that lexicon, never in
    a module global keyed by id() (an id is reused once its object is gone)."""
    from qusgraph.extract.people import OfficialSpellings
    from qusgraph.text.lexicon import load_lexicon

    assert lexicon.derived(OfficialSpellings) is lexicon.derived(OfficialSpellings)
    other = load_lexicon.__wrapped__()
    assert other.derived(OfficialSpellings) is not lexicon.derived(OfficialSpellings)
