"""Stage 5, facts: agreements and commitments as copy by other hands states them — documents a
round "produced" or "witnessed", one signed earlier and re-affirmed, a document referred to again,
pledges made by one country and welcomed by another, abbreviated amounts, other currencies,
trade volumes and corrected figures. Each article is written for this suite."""

from __future__ import annotations

import pytest
from tests.test_extract_phenomena import AR_TITLE, EN_TITLE, agreements, commitments, facts_of, topics

from qusgraph.text.lexicon import Lexicon


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


# ------------------------------------------------------------------ an agreement named again
def test_the_memoranda_named_again_give_their_topics(lexicon: Lexicon) -> None:
    text = (f"{AR_TITLE}\n\nووقع الجانبان خلال الدورة السادسة ثلاث مذكرات تفاهم.\n\n"
            "وتتعلق المذكرات الثلاث بالتعاون في مجالات الطاقة والتعليم والصحة.")
    assert agreements(facts_of(lexicon, text)) == [
        ("MemorandumOfUnderstanding", 6, 3, ("education", "energy", "public-health"))]


def test_the_letter_of_intent_named_again_gives_its_topics(lexicon: Lexicon) -> None:
    text = (f"{EN_TITLE}\n\nAt the sixth U.S.-Qatar Strategic Dialogue the two sides signed a letter of intent.\n\n"
            "The letter of intent concerns the cybersecurity of critical infrastructure.")
    assert agreements(facts_of(lexicon, text)) == [("LetterOfIntent", 6, None, ("cybersecurity",))]


def test_a_document_signed_again_by_name_is_no_second_one(lexicon: Lexicon) -> None:
    text = (f"{AR_TITLE}\n\nووقع الجانبان خلال الدورة السادسة مذكرة تفاهم في مجال الطاقة.\n\n"
            "ووقع المذكرة عن الجانب القطري سعادة وزير الدولة لشؤون الطاقة.")
    assert agreements(facts_of(lexicon, text)) == [("MemorandumOfUnderstanding", 6, None, ("energy",))]


def test_a_named_document_with_no_agreement_before_adds_nothing(lexicon: Lexicon) -> None:
    text = f"{EN_TITLE}\n\nThe memorandum concerns energy, officials said at the sixth U.S.-Qatar Strategic Dialogue."
    assert agreements(facts_of(lexicon, text)) == []


def test_a_document_signed_on_another_occasion_and_reaffirmed(lexicon: Lexicon) -> None:
    text = (f"{AR_TITLE}\n\nوجدد الجانبان خلال الدورة السادسة التزامهما ببيان النوايا الذي وقع خلال زيارة "
            "رئيس الوزراء إلى واشنطن العام الماضي.")
    assert agreements(facts_of(lexicon, text)) == [("StatementOfIntent", None, None, ())]


def test_an_amendment_is_of_the_next_document_only(lexicon: Lexicon) -> None:
    text = (f"{AR_TITLE}\n\nوأعلن خلال الدورة السادسة تعديل اتفاقية التعاون الدفاعي، وتوقيع مذكرة تفاهم في "
            "مجال التعليم.")
    assert agreements(facts_of(lexicon, text)) == [
        ("Agreement", 6, None, ("defense",)), ("MemorandumOfUnderstanding", 6, None, ("education",))]


def test_a_signing_clause_belongs_to_the_noun_it_follows(lexicon: Lexicon) -> None:
    text = (f"{AR_TITLE}\n\nوأوضح الجانبان أن الاتفاق الجديد يحل محل مذكرة التفاهم التي وقعها البلدان خلال "
            "الدورة الرابعة.")
    assert ("Agreement", 4, None, ()) not in agreements(facts_of(lexicon, text))
    assert ("MemorandumOfUnderstanding", 4, None, ()) in agreements(facts_of(lexicon, text))


# ------------------------------------------------------------------ who pledges
@pytest.mark.parametrize(
    ("text", "party"),
    [
        (f"{AR_TITLE}\n\nورحب الجانبان خلال الدورة السادسة بتعهد قطري بتقديم 100 مليون دولار لدعم التعليم.", "QA"),
        (f"{EN_TITLE}\n\nAt the sixth U.S.-Qatar Strategic Dialogue, the United States welcomed a pledge of "
         "$100 million by Qatar to support education.", "QA"),
        (f"{EN_TITLE}\n\nAt the sixth U.S.-Qatar Strategic Dialogue, the United States welcomed a pledge of "
         "$100 million to support education.", None),
        (f"{EN_TITLE}\n\nAt the sixth U.S.-Qatar Strategic Dialogue, the United States welcomed Qatar's "
         "multi-year pledge of $100 million to support education.", "QA"),
        (f"{AR_TITLE}\n\nوأعلن صندوق قطر للتنمية خلال الدورة السادسة تخصيص 100 مليون دولار لدعم التعليم.", "QA"),
        (f"{AR_TITLE}\n\nوأعلن سعادة الشيخ محمد بن عبدالرحمن آل ثاني خلال الدورة السادسة عن برنامج بقيمة "
         "100 مليون دولار لدعم التعليم.", "QA"),
    ],
    ids=["qatari-pledge", "pledge-by-qatar", "welcomed-no-pledger", "qatars-multi-year", "fund-allocates",
         "official-announces"],
)
def test_the_party_is_who_pledges(lexicon: Lexicon, text: str, party: str | None) -> None:
    assert commitments(facts_of(lexicon, text)) == [(100_000_000, "USD", party, 6, None)]


# ------------------------------------------------------------------ what is no commitment
def test_a_corrected_figure_is_no_commitment(lexicon: Lexicon) -> None:
    text = (f"{EN_TITLE}\n\nAt the sixth U.S.-Qatar Strategic Dialogue, Qatar's pledge to UNRWA was $100 million, "
            "not $10 million.")
    assert [a for a, *_ in commitments(facts_of(lexicon, text))] == [100_000_000]


def test_a_trade_volume_is_no_commitment(lexicon: Lexicon) -> None:
    text = (f"{AR_TITLE}\n\nوأشارت دولة قطر خلال الدورة السادسة إلى أن حجم التبادل التجاري بين البلدين بلغ "
            "22 مليار ريال، وأعلنت تقديم 10 ملايين دولار لدعم التعليم.")
    assert [(a, c) for a, c, *_ in commitments(facts_of(lexicon, text))] == [(10_000_000, "USD")]


def test_a_pledge_stated_twice_is_one_commitment(lexicon: Lexicon) -> None:
    text = (f"{EN_TITLE}\n\nAt the sixth U.S.-Qatar Strategic Dialogue, Qatar pledged $100 million to support "
            "education.\n\nThe $100 million pledge will run over three years.")
    assert commitments(facts_of(lexicon, text)) == [(100_000_000, "USD", "QA", 6, "P3Y")]


def test_a_document_on_another_topic_is_not_the_one_named_before(lexicon: Lexicon) -> None:
    text = (f"{EN_TITLE}\n\nAt the sixth U.S.-Qatar Strategic Dialogue the two sides signed a memorandum of "
            "understanding on energy.\n\nThe memorandum of understanding on aviation security dates from 2019.")
    assert agreements(facts_of(lexicon, text)) == [("MemorandumOfUnderstanding", 6, None, ("energy",))]


def test_a_participle_after_the_noun_keeps_its_phrase(lexicon: Lexicon) -> None:
    text = (f"{EN_TITLE}\n\nAt the sixth U.S.-Qatar Strategic Dialogue the letter of intent, signed by the two "
            "ministers, concerns cybersecurity.")
    assert agreements(facts_of(lexicon, text)) == [("LetterOfIntent", 6, None, ("cybersecurity",))]


def test_a_sentence_about_a_named_document_gives_it_its_topics(lexicon: Lexicon) -> None:
    text = (f"{EN_TITLE}\n\nAt the sixth U.S.-Qatar Strategic Dialogue the two sides signed a joint declaration.\n\n"
            "In the joint declaration, the two governments pledged to deepen their cooperation against terrorism.")
    assert agreements(facts_of(lexicon, text)) == [("JointDeclaration", 6, None, ("counterterrorism",))]


# ------------------------------------------------------------------ topics of a round
@pytest.mark.parametrize(
    "body",
    [
        "وخلال جلسة الطاقة والتعليم في الدورة السادسة، قال وزير الدولة إن التعاون يتقدم.",
        "During a session on energy and education at the sixth U.S.-Qatar Strategic Dialogue, a minister said "
        "cooperation was advancing.",
    ],
    ids=["ar", "en"],
)
def test_the_subject_of_a_thematic_session_is_a_topic_of_its_round(lexicon: Lexicon, body: str) -> None:
    title = AR_TITLE if body[0] > "z" else EN_TITLE
    assert topics(facts_of(lexicon, f"{title}\n\n{body}")) == {6: {"energy", "education"}}


def test_a_topic_far_after_a_session_noun_names_no_session(lexicon: Lexicon) -> None:
    text = (f"{EN_TITLE}\n\nWorking groups meet between sessions on issues from customs to education, a "
            "diplomat said.")
    assert topics(facts_of(lexicon, text)) == {6: set()}


# ------------------------------------------------------------------ renewed, exchanged, reached
@pytest.mark.parametrize(
    "body",
    [
        "وشهدت الدورة السادسة تجديد مذكرة التفاهم في مجال الطاقة.",
        "At the sixth U.S.-Qatar Strategic Dialogue the two governments renewed the memorandum of understanding "
        "on energy.",
    ],
    ids=["ar-tajdid", "en-renewed"],
)
def test_a_renewed_document_is_signed_anew(lexicon: Lexicon, body: str) -> None:
    title = AR_TITLE if body[0] > "z" else EN_TITLE
    assert agreements(facts_of(lexicon, f"{title}\n\n{body}")) == [
        ("MemorandumOfUnderstanding", 6, None, ("energy",))]


def test_renewing_a_commitment_to_a_document_is_no_renewal(lexicon: Lexicon) -> None:
    text = (f"{EN_TITLE}\n\nAt the sixth U.S.-Qatar Strategic Dialogue the two governments renewed their "
            "commitment to the memorandum of understanding on energy.")
    assert agreements(facts_of(lexicon, text)) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("At the sixth U.S.-Qatar Strategic Dialogue the two sides signed an exchange of letters on education.",
         ("Agreement", 6, None, ("education",))),
        ("At the sixth U.S.-Qatar Strategic Dialogue the two sides reached an agreement on aviation security.",
         ("Agreement", 6, None, ("aviation",))),
    ],
    ids=["exchange-of-letters", "reached-an-agreement"],
)
def test_other_accords(lexicon: Lexicon, body: str, expected: tuple[object, ...]) -> None:
    assert agreements(facts_of(lexicon, f"{EN_TITLE}\n\n{body}")) == [expected]


@pytest.mark.parametrize(
    ("body", "duration"),
    [
        ("At the sixth U.S.-Qatar Strategic Dialogue, Qatar announced a five-year, $100 million programme to "
         "support education.", "P5Y"),
        ("وأعلنت دولة قطر خلال الدورة السادسة تقديم 100 مليون دولار على مدى السنوات الخمس المقبلة لدعم التعليم.",
         "P5Y"),
    ],
    ids=["five-year-before", "ar-years-then-count"],
)
def test_durations_of_commitments_as_copy_states_them(lexicon: Lexicon, body: str, duration: str) -> None:
    title = AR_TITLE if body[0] > "z" else EN_TITLE
    assert [d for *_, d in commitments(facts_of(lexicon, f"{title}\n\n{body}"))] == [duration]


@pytest.mark.parametrize(
    "body",
    [
        "وتعقد الدورة السادسة بالتزامن مع بطولة كأس العالم، وناقش الجانبان خلالها التعاون في مجال الطاقة.",
        "The sixth U.S.-Qatar Strategic Dialogue, held in the middle of the World Cup, discussed energy.",
    ],
    ids=["ar-bil-tazamun", "en-in-the-middle-of"],
)
def test_an_event_a_round_coincides_with_is_no_topic(lexicon: Lexicon, body: str) -> None:
    title = AR_TITLE if body[0] > "z" else EN_TITLE
    assert topics(facts_of(lexicon, f"{title}\n\n{body}")) == {6: {"energy"}}


@pytest.mark.parametrize(
    ("phrase", "topic"),
    [
        ("liquefied natural gas", "energy"),
        ("artificial intelligence", "technology"),
        ("migrant workers", "labor-rights"),
        ("the COVID-19 pandemic", "public-health"),
        ("الغاز الطبيعي المسال", "energy"),
        ("الذكاء الاصطناعي", "technology"),
        ("التهديدات السيبرانية", "cybersecurity"),
        ("تسوية الخلافات", "mediation"),
    ],
)
def test_more_ways_to_name_a_topic(lexicon: Lexicon, phrase: str, topic: str) -> None:
    if phrase.isascii():
        text = f"{EN_TITLE}\n\nThe sixth U.S.-Qatar Strategic Dialogue discussed {phrase}."
    else:
        text = f"{AR_TITLE}\n\nوناقشت الدورة السادسة من الحوار الاستراتيجي {phrase}."
    assert topics(facts_of(lexicon, text)) == {6: {topic}}


# ------------------------------------------------------------------ several pledges, counted documents
def test_each_amount_has_its_own_pledger(lexicon: Lexicon) -> None:
    text = (f"{EN_TITLE}\n\nAt the sixth U.S.-Qatar Strategic Dialogue, Qatar pledged $250m over four years to "
            "support education, and Washington announced $30 million in humanitarian aid.")
    assert commitments(facts_of(lexicon, text)) == [
        (30_000_000, "USD", "US", 6, None), (250_000_000, "USD", "QA", 6, "P4Y")]


def test_the_first_of_the_documents_named_again(lexicon: Lexicon) -> None:
    text = (f"{EN_TITLE}\n\nAt the sixth U.S.-Qatar Strategic Dialogue the two sides signed two memoranda of "
            "understanding.\n\nThe first MoU covers cooperation on counterterrorism.")
    assert agreements(facts_of(lexicon, text)) == [("MemorandumOfUnderstanding", 6, 2, ("counterterrorism",))]


def test_one_of_several_documents_on_their_topics_is_no_new_one(lexicon: Lexicon) -> None:
    text = (f"{AR_TITLE}\n\nوشهدت الدورة السادسة توقيع ثلاث اتفاقيات في مجالات الطاقة والتعليم والصحة.\n\n"
            "ووقعت الاتفاقية الثانية الخاصة بالتعليم وزيرة التربية والتعليم.")
    assert agreements(facts_of(lexicon, text)) == [("Agreement", 6, 3, ("education", "energy", "public-health"))]


def test_an_exchange_of_trade_is_no_signing(lexicon: Lexicon) -> None:
    text = (f"{AR_TITLE}\n\nوأكد الجانبان خلال الدورة السادسة أهمية الاتفاقية التجارية في زيادة التبادل "
            "التجاري بين البلدين.")
    assert agreements(facts_of(lexicon, text)) == []


def test_an_investment_total_worth_an_amount_is_no_commitment(lexicon: Lexicon) -> None:
    text = (f"{EN_TITLE}\n\nAt the sixth U.S.-Qatar Strategic Dialogue, officials said Qatari investments in the "
            "United States are worth more than $45 billion.")
    assert commitments(facts_of(lexicon, text)) == []


@pytest.mark.parametrize(
    ("body", "party"),
    [
        ("At the sixth U.S.-Qatar Strategic Dialogue, Qatar's foreign minister announced a $100 million "
         "contribution to support education.", "QA"),
        ("وخلال الدورة السادسة رحب الجانب الأمريكي بتعهد دولة قطر بتقديم 100 مليون دولار لدعم التعليم.", "QA"),
    ],
    ids=["post-with-country", "nearest-country-before-the-cue"],
)
def test_the_pledger_nearest_the_pledge(lexicon: Lexicon, body: str, party: str) -> None:
    title = AR_TITLE if body[0] > "z" else EN_TITLE
    assert [p for _, _, p, *_ in commitments(facts_of(lexicon, f"{title}\n\n{body}"))] == [party]


def test_the_items_of_a_list_of_outcomes_give_their_round_topics(lexicon: Lexicon) -> None:
    text = (f"{EN_TITLE}\n\nKey outcomes of the sixth U.S.-Qatar Strategic Dialogue:\n\n"
            "• First consultations on artificial intelligence.\n\n"
            "• A working group on energy efficiency.")
    assert topics(facts_of(lexicon, text)) == {6: {"technology", "energy-efficiency"}}


def test_the_same_sum_pledged_by_two_countries_is_two_commitments(lexicon: Lexicon) -> None:
    text = (f"{EN_TITLE}\n\nAt the sixth U.S.-Qatar Strategic Dialogue, Qatar pledged $100 million to support "
            "education.\n\nThe United States pledged $100 million to support public health.")
    assert [p for _, _, p, *_ in commitments(facts_of(lexicon, text))] == ["QA", "US"]


def test_a_document_the_round_signed_in_a_relative_clause_is_the_rounds(lexicon: Lexicon) -> None:
    text = (f"{AR_TITLE}\n\nوتهدف مذكرة التفاهم التي وقعها الجانبان خلال هذه الدورة إلى تعزيز التعاون في مجال "
            "الطاقة.")
    assert agreements(facts_of(lexicon, text)) == [("MemorandumOfUnderstanding", 6, None, ("energy",))]


def test_the_body_that_gives_is_no_beneficiary(lexicon: Lexicon) -> None:
    text = (f"{EN_TITLE}\n\nAt the sixth U.S.-Qatar Strategic Dialogue, officials announced a grant of $10 million "
            "from the Qatar Fund for Development to UNRWA.")
    found = facts_of(lexicon, text).commitments
    assert [(c.party.value if c.party else None, c.beneficiary.value if c.beneficiary else None)
            for c in found] == [("QA", "unrwa")]


@pytest.mark.parametrize(
    "body",
    [
        "At the sixth U.S.-Qatar Strategic Dialogue, officials said a memorandum on energy would be signed soon.",
        "وخلال الدورة السادسة اتفق الجانبان على توقيع مذكرة تفاهم في مجال الطاقة.",
    ],
    ids=["would-be-signed", "agreed-to-sign"],
)
def test_a_signing_to_come_is_none(lexicon: Lexicon, body: str) -> None:
    title = AR_TITLE if body[0] > "z" else EN_TITLE
    assert agreements(facts_of(lexicon, f"{title}\n\n{body}")) == []


def test_both_documents_named_again(lexicon: Lexicon) -> None:
    text = (f"{EN_TITLE}\n\nAt the sixth U.S.-Qatar Strategic Dialogue the two sides signed two memoranda of "
            "understanding.\n\nBoth memoranda concern education.")
    assert agreements(facts_of(lexicon, text)) == [("MemorandumOfUnderstanding", 6, 2, ("education",))]


@pytest.mark.parametrize(
    "body",
    [
        "وناقشت الدورة السادسة من الحوار الاستراتيجي التعاون في مكافحة الإرهاب وتمويله.",
        "The sixth U.S.-Qatar Strategic Dialogue discussed the fight against terrorism and its financing.",
    ],
    ids=["ar", "en"],
)
def test_a_phrase_that_names_two_topics(lexicon: Lexicon, body: str) -> None:
    title = AR_TITLE if body[0] > "z" else EN_TITLE
    assert topics(facts_of(lexicon, f"{title}\n\n{body}")) == {6: {"counterterrorism", "terrorism-financing"}}


def test_what_a_new_document_extends_is_no_new_one(lexicon: Lexicon) -> None:
    text = (f"{AR_TITLE}\n\nووقع الجانبان خلال الدورة السادسة اتفاقا جديدا في مجال الطيران يمدد العمل "
            "بالترتيبات السابقة.")
    assert agreements(facts_of(lexicon, text)) == [("Agreement", 6, None, ("aviation",))]


def test_a_signing_verb_in_a_relative_clause_signs_its_own_noun_only(lexicon: Lexicon) -> None:
    text = (f"{AR_TITLE}\n\nوأكد الجانبان خلال الدورة السادسة أن الاتفاق الجديد يحل محل مذكرة التفاهم التي "
            "وقعها البلدان خلال الدورة الرابعة في مجال الطيران، ويمدد العمل بالترتيبات السابقة.")
    assert agreements(facts_of(lexicon, text)) == [("MemorandumOfUnderstanding", 4, None, ("aviation",))]


def test_signed_in_a_city_still_signs(lexicon: Lexicon) -> None:
    text = (f"{EN_TITLE}\n\nAt the sixth U.S.-Qatar Strategic Dialogue the two sides signed in Washington three "
            "memoranda of understanding on energy.")
    assert agreements(facts_of(lexicon, text)) == [("MemorandumOfUnderstanding", 6, 3, ("energy",))]


def test_the_number_of_signed_memoranda_in_general_is_no_signing(lexicon: Lexicon) -> None:
    text = f"{AR_TITLE}\n\nولن تقاس قيمة الحوار بعدد مذكرات التفاهم الموقعة، بل بقدرته على الصمود."
    assert agreements(facts_of(lexicon, text)) == []


@pytest.mark.parametrize(
    ("body", "party"),
    [
        ("At the sixth U.S.-Qatar Strategic Dialogue, the Kuwait Investment Authority said it would invest "
         "$100 million in American ports.", "KW"),
        ("At the sixth U.S.-Qatar Strategic Dialogue, Doha said it plans to invest $100 million in American "
         "ports.", "QA"),
        ("At the sixth U.S.-Qatar Strategic Dialogue, the Abu Dhabi Investment Authority agreed to fund "
         "$100 million of port upgrades.", "AE"),
    ],
    ids=["fund-will-invest", "city-plans-to-invest", "fund-agrees-to-fund"],
)
def test_an_announced_investment_is_a_pledge_of_the_fund_s_country(lexicon: Lexicon, body: str,
                                                                    party: str) -> None:
    assert commitments(facts_of(lexicon, f"{EN_TITLE}\n\n{body}")) == [(100_000_000, "USD", party, 6, None)]


def test_investments_already_made_are_no_pledge(lexicon: Lexicon) -> None:
    text = (f"{EN_TITLE}\n\nAt the sixth U.S.-Qatar Strategic Dialogue, officials noted that the Qatar Investment "
            "Authority has invested $100 million in American ports.")
    assert commitments(facts_of(lexicon, text)) == []


def test_a_document_signed_in_a_named_city_years_before_is_no_round_s(lexicon: Lexicon) -> None:
    text = (f"{EN_TITLE}\n\nThe sixth U.S.-Qatar Strategic Dialogue opened in Washington on March 4, 2024.\n\n"
            "The talks drew on a memorandum of understanding on aviation security that the two governments "
            "had signed in Doha in May 2015.")
    assert agreements(facts_of(lexicon, text)) == [("MemorandumOfUnderstanding", None, None, ("aviation",))]


def test_a_reaffirmed_document_dated_by_its_participle_is_an_earlier_one(lexicon: Lexicon) -> None:
    text = (f"{EN_TITLE}\n\nAt the sixth U.S.-Qatar Strategic Dialogue, both sides reaffirmed the Memorandum of "
            "Understanding on aviation security signed in 2015.")
    assert agreements(facts_of(lexicon, text)) == [("MemorandumOfUnderstanding", None, None, ("aviation",))]


@pytest.mark.parametrize(
    "text",
    [f"{AR_TITLE}\n\nووقعت الشركة القطرية صفقة بقيمة 5 مليارات دولار، فيما يتخطى التبادل التجاري بين البلدين "
     "3 مليارات دولار، في حين يبلغ الناتج المحلي الإجمالي لقطر 200 مليار دولار.",
     f"{EN_TITLE}\n\nA Qatari company signed a deal worth $5 billion, while two-way trade exchange passed "
     "$3 billion and Qatar's GDP stands near $200 billion."],
    ids=["ar", "en"],
)
def test_trade_and_gdp_figures_beside_a_deal_are_no_commitments(lexicon: Lexicon, text: str) -> None:
    assert [a for a, *_ in commitments(facts_of(lexicon, text))] == [5_000_000_000]


@pytest.mark.parametrize(
    "body",
    ["وانطلقت أعمال الدورة السادسة في الدوحة أمس.\n\nوكانت شركة قطرية قد أبرمت عام 2019 صفقة بقيمة 3 مليارات "
     "دولار مع شركة أمريكية.",
     "The sixth U.S.-Qatar Strategic Dialogue opened in Doha yesterday.\n\nQatar announced a $3 billion "
     "investment pledge in 2016."],
    ids=["ar", "en"],
)
def test_a_commitment_dated_years_before_is_not_the_context_rounds(lexicon: Lexicon, body: str) -> None:
    title = AR_TITLE if body.startswith("و") else EN_TITLE
    assert [(a, r) for a, _, _, r, _ in commitments(facts_of(lexicon, f"{title}\n\n{body}"))] == [
        (3_000_000_000, None)]


def test_an_outcome_line_under_a_round_lists_what_it_signed(lexicon: Lexicon) -> None:
    text = (f"{EN_TITLE}\n\n* 6th round - March 5, 2024, Washington\n"
            "Outcome: two MoUs on energy and education.")
    assert agreements(facts_of(lexicon, text)) == [("MemorandumOfUnderstanding", 6, 2, ("education", "energy"))]


@pytest.mark.parametrize(
    "body",
    ["ووقع الجانبان خلال الدورة السادسة مذكرة تفاهم بشأن تحديث قاعدة العديد الجوية.",
     "At the sixth U.S.-Qatar Strategic Dialogue the two sides signed an MoU on upgrading Al Udeid Air Base."],
    ids=["ar", "en"],
)
def test_a_military_base_named_whole_names_defense(lexicon: Lexicon, body: str) -> None:
    title = AR_TITLE if body.startswith("و") else EN_TITLE
    assert agreements(facts_of(lexicon, f"{title}\n\n{body}")) == [("MemorandumOfUnderstanding", 6, None, ("defense",))]


def test_an_earlier_pledge_discussed_during_the_round_is_the_rounds(lexicon: Lexicon) -> None:
    text = (f"{AR_TITLE}\n\nوانطلقت أعمال الدورة السادسة في الدوحة أمس.\n\n"
            "ورحب الجانب الأمريكي خلال الجولة بإعلان دولة قطر عام 2022 تقديم 50 مليون دولار لدعم التعليم.")
    assert [(a, r) for a, _, _, r, _ in commitments(facts_of(lexicon, text))] == [(50_000_000, 6)]


# ------------------------------------------------------------------ discussed, not signed
@pytest.mark.parametrize(
    "body",
    [
        "وخلال الدورة السادسة درس الوفدان مشروع اتفاقية للتعاون في مجال الطاقة دون أن يوقعاها.",
        "وخلال الدورة السادسة تناول الوفدان اتفاقية للتعاون في مجال الطاقة، لكنهما لم يوقعاها بعد.",
        "وبحث الطرفان خلال الدورة السادسة اتفاقية بشأن الطاقة، على أن تستكمل دون توقيع في هذه الدورة.",
    ],
    ids=["without-signing-it", "did-not-sign-it", "without-signature"],
)
def test_a_negated_signing_signs_nothing_ar(lexicon: Lexicon, body: str) -> None:
    assert agreements(facts_of(lexicon, f"{AR_TITLE}\n\n{body}")) == []


@pytest.mark.parametrize(
    "body",
    [
        "At the sixth U.S.-Qatar Strategic Dialogue a draft accord on energy was reviewed but not signed.",
        "At the sixth U.S.-Qatar Strategic Dialogue the ministers left Doha without signing an accord on energy.",
        "At the sixth U.S.-Qatar Strategic Dialogue, no agreement on energy was signed.",
    ],
    ids=["but-not-signed", "without-signing", "no-agreement-was-signed"],
)
def test_a_negated_signing_signs_nothing_en(lexicon: Lexicon, body: str) -> None:
    assert agreements(facts_of(lexicon, f"{EN_TITLE}\n\n{body}")) == []


def test_a_negated_signing_leaves_the_signed_document_of_its_sentence(lexicon: Lexicon) -> None:
    text = (f"{EN_TITLE}\n\nAt the sixth U.S.-Qatar Strategic Dialogue the sides signed a memorandum of "
            "understanding on education, while an accord on energy was not signed.")
    assert agreements(facts_of(lexicon, text)) == [("MemorandumOfUnderstanding", 6, None, ("education",))]


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (AR_TITLE, "وناقش الجانبان في الدورة السادسة مساعي الوساطة للتوصل إلى اتفاق بشأن الطاقة."),
        (EN_TITLE, "At the sixth U.S.-Qatar Strategic Dialogue the two sides discussed efforts to reach an "
                   "agreement on energy."),
    ],
    ids=["ar", "en"],
)
def test_efforts_to_reach_an_agreement_reach_none(lexicon: Lexicon, title: str, body: str) -> None:
    assert agreements(facts_of(lexicon, f"{title}\n\n{body}")) == []


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        (AR_TITLE, "وعلى صعيد الاتفاقيات، وقع الجانبان في الدورة السادسة مذكرة تفاهم في مجال الطاقة.",
         [("MemorandumOfUnderstanding", 6, None, ("energy",))]),
        (EN_TITLE, "On the agreements front, the sixth U.S.-Qatar Strategic Dialogue saw the sides sign a "
                   "memorandum of understanding on energy.",
         [("MemorandumOfUnderstanding", 6, None, ("energy",))]),
    ],
    ids=["ar", "en"],
)
def test_a_heading_word_for_agreements_is_no_document(lexicon: Lexicon, title: str, body: str,
                                                     expected: list[tuple[str, int, None, tuple[str, ...]]]) -> None:
    assert agreements(facts_of(lexicon, f"{title}\n\n{body}")) == expected


@pytest.mark.parametrize(
    "body",
    [
        "At the sixth U.S.-Qatar Strategic Dialogue, the ministers renewed the bilateral Defense Cooperation "
        "Agreement for ten more years.",
        "• Renewed the Qatar-U.S. Defense Cooperation Agreement for another decade.",
    ],
    ids=["renewed-the-bilateral", "renewed-the-country-pair"],
)
def test_a_renewal_reaches_over_the_agreements_own_modifiers(lexicon: Lexicon, body: str) -> None:
    assert agreements(facts_of(lexicon, f"{EN_TITLE}\n\n{body}")) == [("Agreement", 6, None, ("defense",))]


def test_a_signing_on_the_rounds_closing_day_is_at_the_round(lexicon: Lexicon) -> None:
    text = (f"{AR_TITLE}\n\nانطلقت يوم الاثنين 4 مارس 2024 في الدوحة أعمال الدورة السادسة من الحوار. "
            "ووقع الجانبان يوم الثلاثاء 5 مارس 2024 مذكرة تفاهم في مجال الطاقة.")
    assert agreements(facts_of(lexicon, text)) == [("MemorandumOfUnderstanding", 6, None, ("energy",))]


def test_a_date_before_the_noun_dates_its_signing(lexicon: Lexicon) -> None:
    text = (f"{EN_TITLE}\n\nThe sixth U.S.-Qatar Strategic Dialogue convened in Washington. The March 2016 "
            "memorandum of understanding on energy, signed in Doha, still guides the two sides.")
    assert agreements(facts_of(lexicon, text)) == [("MemorandumOfUnderstanding", None, None, ("energy",))]


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (EN_TITLE, "A memorandum of understanding on energy was signed in Doha a year before the first round "
                   "convened."),
        (AR_TITLE, "ووقعت مذكرة تفاهم في مجال الطاقة في الدوحة قبل انعقاد الدورة الأولى بعام."),
    ],
    ids=["en", "ar"],
)
def test_a_document_signed_before_a_round_is_not_that_rounds(lexicon: Lexicon, title: str, body: str) -> None:
    found = agreements(facts_of(lexicon, f"{title}\n\n{body}"))
    assert len(found) == 1 and found[0][1] != 1


@pytest.mark.parametrize(
    "body",
    [
        "وخلال الدورة السادسة جدد جهاز قطر للاستثمار تعهده بزيادة استثماراته في الولايات المتحدة إلى 20 مليار دولار، "
        "كما أعلن الجهاز التزامه بضخ 3 مليارات دولار.",
        "During the sixth round, the Qatar Investment Authority renewed its pledge to raise its holdings in the "
        "United States to $20 billion, and announced a commitment of $3 billion.",
    ],
    ids=["ar", "en"],
)
def test_the_country_money_is_invested_in_is_not_the_pledger(lexicon: Lexicon, body: str) -> None:
    title = AR_TITLE if body[0] > "z" else EN_TITLE
    assert [p for _, _, p, *_ in commitments(facts_of(lexicon, f"{title}\n\n{body}"))] == ["QA", "QA"]


def test_a_duration_after_the_next_amount_is_that_amounts_own(lexicon: Lexicon) -> None:
    text = (f"{AR_TITLE}\n\nوخلال الدورة السادسة جددت دولة قطر تعهدها بتقديم 40 مليون دولار، كما أعلنت "
            "التزامها بتقديم 7 ملايين دولار على مدى ثلاث سنوات.")
    assert [(a, d) for a, _, _, _, d in commitments(facts_of(lexicon, text))] == [(7_000_000, "P3Y"),
                                                                              (40_000_000, None)]


@pytest.mark.parametrize(
    "body",
    [
        "During the sixth round, the development fund, which manages nearly $80 billion, opened an office in Doha.",
        "وخلال الدورة السادسة افتتح الصندوق الذي تقدر أصوله بنحو 80 مليار دولار مكتبا لتمويل المشاريع في الدوحة.",
    ],
    ids=["en", "ar"],
)
def test_the_assets_a_fund_manages_are_no_commitment(lexicon: Lexicon, body: str) -> None:
    title = AR_TITLE if body[0] > "z" else EN_TITLE
    assert commitments(facts_of(lexicon, f"{title}\n\n{body}")) == []


def test_a_pledge_announced_during_the_meeting_is_the_rounds_whatever_it_speaks_of(lexicon: Lexicon) -> None:
    text = ("اللجنة الاستراتيجية العليا القطرية التركية\n\n"
            "عقد في أنقرة أمس الاجتماع الخامس للجنة الاستراتيجية العليا بين دولة قطر والجمهورية التركية.\n\n"
            "وأعلن صندوق قطر للتنمية خلال الاجتماع تخصيص 10 ملايين دولار لإعمار المناطق المتضررة من فيضانات "
            "يونيو الماضي.")
    assert [(a, r) for a, _, _, r, _ in commitments(facts_of(lexicon, text))] == [(10_000_000, 5)]


@pytest.mark.parametrize(
    ("body", "party"),
    [
        ("At the sixth round, the Export-Import Bank of the United States announced $250 million in financing "
         "for American firms in Qatar.", "US"),
        ("At the sixth round, Washington announced $12 million in fresh humanitarian assistance for Gaza.", "US"),
    ],
    ids=["exim-financing", "humanitarian-assistance"],
)
def test_financing_and_assistance_announced_at_the_round_are_commitments(
        lexicon: Lexicon, body: str, party: str) -> None:
    assert [(p, r) for _, _, p, r, _ in commitments(facts_of(lexicon, f"{EN_TITLE}\n\n{body}"))] == [(party, 6)]


def test_a_pledge_made_at_a_round_named_after_it_is_that_rounds(lexicon: Lexicon) -> None:
    text = (f"{EN_TITLE}\n\nThe sixth round opened in Washington on Tuesday. Officials recalled a $70 million "
            "pledge that Qatar made at the fourth round of the dialogue.")
    assert [(a, r) for a, _, _, r, _ in commitments(facts_of(lexicon, text))] == [(70_000_000, 4)]
