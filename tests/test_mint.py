"""Minting: the same real-world thing gets the same IRI in every article and every run."""

from __future__ import annotations

from decimal import Decimal

import pytest

from qusgraph.rdf.mint import (
    agreement_iri,
    article_iri,
    commitment_iri,
    country_iri,
    dialogue_iri,
    graph_iri,
    official_iri,
    organization_iri,
    place_iri,
    post_iri,
    round_iri,
    sentence_iri,
    support_iri,
    topic_iri,
    topic_scheme_iri,
    type_slug,
)
from qusgraph.rdf.namespaces import ID

DIALOGUE = f"{ID}dialogue/QA-US"


# ------------------------------------------------------------------ dialogue and rounds
@pytest.mark.parametrize("parties", [("QA", "US"), ("US", "QA")])
def test_dialogue_iri_sorts_the_parties(parties: tuple[str, str]) -> None:
    assert dialogue_iri(parties) == DIALOGUE


def test_round_iri_is_the_ordinal_under_the_dialogue() -> None:
    assert round_iri(dialogue_iri(("US", "QA")), 5) == f"{ID}dialogue/QA-US/round/5"


@pytest.mark.parametrize(
    ("iri", "expected"),
    [
        (country_iri("QA"), "country/QA"),
        (place_iri("doha"), "place/doha"),
        (organization_iri("un"), "organization/un"),
        (official_iri("antony-blinken"), "person/antony-blinken"),
        (topic_iri("counterterrorism"), "topic/counterterrorism"),
        (topic_scheme_iri(), "topic"),
        (graph_iri("topics"), "graph/topics"),
    ],
)
def test_gazetteer_things_are_named_by_their_key(iri: str, expected: str) -> None:
    assert iri == f"{ID}{expected}"


# ------------------------------------------------------------------ officials and posts
def test_unknown_official_is_named_by_a_digest_of_the_name() -> None:
    iri = official_iri("name:جوي هود")
    assert iri.startswith(f"{ID}person/n-")
    assert len(iri.rsplit("-", 1)[1]) == 12


def test_unknown_official_digest_is_stable_across_runs() -> None:
    # A changed digest would mint new people for every official already in a store.
    assert official_iri("name:جوي هود") == f"{ID}person/n-10862517988f"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("محمد بن عبد الرحمن", "محمد بن عبدالرحمن"),
        ("جوي هود", "جوي  هود"),
        ("Joey Hood", "joey hood"),
        ("لولوة الخاطر", "لولوه الخاطر"),
    ],
)
def test_spellings_that_normalise_alike_are_one_official(one: str, other: str) -> None:
    assert official_iri(f"name:{one}") == official_iri(f"name:{other}")


def test_different_names_are_different_officials() -> None:
    assert official_iri("name:جوي هود") != official_iri("name:أليسون هوكر")


def test_post_iri_is_the_country_and_a_digest_of_the_title() -> None:
    iri = post_iri("QA", "وزير الخارجية")
    assert iri == f"{ID}post/QA/8203d67a4780"
    assert post_iri("QA", "وزير  الخارجيّة") == iri


def test_post_of_no_known_country_is_under_xx() -> None:
    assert post_iri(None, "وزير الخارجية") == f"{ID}post/XX/8203d67a4780"


# ------------------------------------------------------------------ agreements
@pytest.mark.parametrize(
    ("type_name", "slug"),
    [
        ("MemorandumOfUnderstanding", "memorandum-of-understanding"),
        ("LetterOfIntent", "letter-of-intent"),
        ("JointDeclaration", "joint-declaration"),
        ("Agreement", "agreement"),
    ],
)
def test_type_slug_splits_camel_case(type_name: str, slug: str) -> None:
    assert type_slug(type_name) == slug


def test_agreement_of_a_known_round_is_round_type_and_topic() -> None:
    iri = agreement_iri(
        DIALOGUE, 3, "MemorandumOfUnderstanding", "education", article_iri("dev-004")
    )
    assert iri == f"{DIALOGUE}/round/3/agreement/memorandum-of-understanding-education"


def test_agreement_of_a_known_round_is_the_same_from_any_article() -> None:
    assert agreement_iri(
        DIALOGUE, 1, "JointDeclaration", "security", article_iri("dev-001")
    ) == agreement_iri(DIALOGUE, 1, "JointDeclaration", "security", article_iri("seed-000"))


def test_agreement_without_a_topic_is_its_type() -> None:
    assert agreement_iri(DIALOGUE, 4, "Agreement", None, article_iri("dev-006")) == (
        f"{DIALOGUE}/round/4/agreement/agreement"
    )


@pytest.mark.parametrize(("dialogue", "ordinal"), [(None, None), (DIALOGUE, None), (None, 2)])
def test_agreement_of_an_unknown_round_stays_the_articles(
    dialogue: str | None, ordinal: int | None
) -> None:
    article = article_iri("dev-002")
    assert agreement_iri(dialogue, ordinal, "JointDeclaration", "security", article) == (
        f"{article}/agreement/joint-declaration-security"
    )


# ------------------------------------------------------------------ commitments
def test_commitment_is_party_amount_and_currency_under_the_dialogue() -> None:
    assert (
        commitment_iri(DIALOGUE, "QA", Decimal("75000000"), "USD")
        == f"{DIALOGUE}/commitment/QA-75000000-USD"
    )


@pytest.mark.parametrize("amount", ["75000000", "7.5E+7", "75000000.00"])
def test_commitment_amount_is_written_the_same_however_the_decimal_is_held(amount: str) -> None:
    assert commitment_iri(DIALOGUE, "QA", Decimal(amount), "USD").endswith("/QA-75000000-USD")


def test_commitment_fraction_is_slugged() -> None:
    assert commitment_iri(DIALOGUE, "QA", Decimal("1.5"), "USD").endswith("/commitment/QA-1-5-USD")


def test_commitment_without_dialogue_or_party_is_still_deterministic() -> None:
    iri = commitment_iri(None, None, Decimal("500000000"), "USD")
    assert iri.startswith(ID)
    assert iri.endswith("/commitment/XX-500000000-USD")
    assert iri == commitment_iri(None, None, Decimal("5E+8"), "USD")


# ------------------------------------------------------------------ articles and their parts
@pytest.mark.parametrize(
    ("article_id", "expected"),
    [
        ("dev-007", "dev-007"),
        ("a~b.c_d", "a~b.c_d"),
        ("qna/2022 11", "qna%2F2022%2011"),
        ("خبر", "خبر"),
        ("50%", "50%25"),
        ("..", "%2E%2E"),
        ("a\u200fb", "a%E2%80%8Fb"),
    ],
)
def test_article_ids_are_percent_encoded(article_id: str, expected: str) -> None:
    assert article_iri(article_id) == f"{ID}article/{expected}"


def test_different_article_ids_never_share_an_iri() -> None:
    """Issue 10.1: "مقال-أول"/"مقال-ثان" and "a b"/"a/b"/"a-b" were one article."""
    ids = ["مقال-أول", "مقال-ثان", "a b", "a/b", "a-b", "a%20b", "a%2Fb", ".", "%2E", "..", "a\u200fb"]
    assert len({article_iri(i) for i in ids}) == len(ids)


def test_sentence_iri_is_its_index_under_the_article() -> None:
    assert sentence_iri(article_iri("dev-007"), 3) == f"{ID}article/dev-007/sentence/3"


def test_support_iri_is_a_digest_of_its_parts() -> None:
    article = article_iri("dev-007")
    iri = support_iri(article, "round", "5", "date")
    assert iri == support_iri(article, "round", "5", "date")
    assert iri.startswith(f"{article}/support/")
    assert len(iri.rsplit("/", 1)[1]) == 16


def test_support_iri_parts_are_not_concatenated() -> None:
    article = article_iri("dev-007")
    assert support_iri(article, "ab", "c") != support_iri(article, "a", "bc")
