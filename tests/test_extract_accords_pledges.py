"""Stage 5, facts: agreements and commitments as copy by other hands states them — documents a
round "produced" or "witnessed", one signed earlier and re-affirmed, a document referred to again,
pledges made by one country and welcomed by another, abbreviated amounts, other currencies,
trade volumes and corrected figures. Each article is written for this suite."""

from __future__ import annotations

import pytest
from tests.test_extract_phenomena import AR_TITLE, EN_TITLE, agreements, commitments, facts_of

from qusgraph.lexicon import Lexicon


# ------------------------------------------------------------------ signing, in other words
@pytest.mark.parametrize(
    "body",
    [
        "وأسفرت الدورة السادسة عن مذكرة تفاهم في مجال الطاقة.",
        "وشهدت الدورة السادسة مذكرة تفاهم في مجال الطاقة.",
    ],
    ids=["asfarat-an", "shahidat"],
)
def test_a_round_that_yields_a_document_signs_it(lexicon: Lexicon, body: str) -> None:
    assert agreements(facts_of(lexicon, f"{AR_TITLE}\n\n{body}")) == [
        ("MemorandumOfUnderstanding", 6, None, ("energy",))]


def test_a_round_that_produced_an_amendment(lexicon: Lexicon) -> None:
    text = (f"{EN_TITLE}\n\nThe sixth U.S.-Qatar Strategic Dialogue produced an amendment to the Civil Aviation "
            "Agreement between the two countries.")
    assert agreements(facts_of(lexicon, text)) == [("Agreement", 6, None, ("aviation",))]


def test_whether_a_document_will_be_signed_is_no_signing(lexicon: Lexicon) -> None:
    text = (f"{EN_TITLE}\n\nAfter the sixth U.S.-Qatar Strategic Dialogue, analysts asked whether the working "
            "groups announced there would turn into agreements on energy.")
    assert agreements(facts_of(lexicon, text)) == []


def test_a_document_the_two_signed_at_an_earlier_round(lexicon: Lexicon) -> None:
    text = (f"{AR_TITLE}\n\nوجدد البلدان خلال الدورة السادسة التزامهما بمذكرة التفاهم حول أمن الطيران، "
            "التي وقعاها في الدورة الثالثة من الحوار.")
    assert agreements(facts_of(lexicon, text)) == [("MemorandumOfUnderstanding", 3, None, ("aviation",))]


def test_mediation_stated_as_the_settlement_of_disputes(lexicon: Lexicon) -> None:
    text = f"{AR_TITLE}\n\nووقع الجانبان خلال الدورة السادسة خطاب نوايا للتعاون في تسوية النزاعات."
    assert agreements(facts_of(lexicon, text)) == [("LetterOfIntent", 6, None, ("mediation",))]


# ------------------------------------------------------------------ amounts and currencies
@pytest.mark.parametrize(
    ("body", "amount", "currency"),
    [
        ("At the sixth U.S.-Qatar Strategic Dialogue, Qatar pledged QR250m to support education.",
         250_000_000, "QAR"),
        ("At the sixth U.S.-Qatar Strategic Dialogue, Qatar pledged $1.2bn to support education.",
         1_200_000_000, "USD"),
        ("At the sixth U.S.-Qatar Strategic Dialogue, Qatar pledged £12m to support education.",
         12_000_000, "GBP"),
    ],
    ids=["qr-m", "usd-bn", "gbp-m"],
)
def test_abbreviated_amounts(lexicon: Lexicon, body: str, amount: int, currency: str) -> None:
    assert [(a, c) for a, c, *_ in commitments(facts_of(lexicon, f"{EN_TITLE}\n\n{body}"))] == [(amount, currency)]


def test_an_allocation_in_pounds_sterling_over_years(lexicon: Lexicon) -> None:
    text = (f"{AR_TITLE}\n\nكما أعلنت دولة قطر خلال الدورة السادسة تخصيص 20 مليون جنيه إسترليني على مدى أربع "
            "سنوات لدعم التعليم.")
    assert commitments(facts_of(lexicon, text)) == [(20_000_000, "GBP", "QA", 6, "P4Y")]
