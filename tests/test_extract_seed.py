"""End to end on the real article the project started from: what the graph says of it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from qusgraph.extract import extract_article
from qusgraph.extract.model import ArticleFacts
from qusgraph.text.articles import read_text_file
from qusgraph.text.lexicon import Lexicon

SEED = Path(__file__).resolve().parent.parent / "data" / "articles" / "seed-000.txt"


@pytest.fixture(scope="module")
def seed(lexicon: Lexicon) -> ArticleFacts:
    article = read_text_file(SEED, lexicon, published=date(2022, 11, 21))
    return extract_article(article, lexicon).facts


def rounds_of(facts: ArticleFacts) -> dict[int, dict[str, set[str]]]:
    return {
        r.ordinal: {
            "dates": {d.value.text for d in r.dates},
            "places": {p.value for p in r.places},
            "chairs": {c.value for c in r.chairs},
            "topics": {t.value for t in r.topics},
        }
        for r in facts.rounds
    }


def test_the_dialogue_is_between_qatar_and_the_united_states(seed: ArticleFacts) -> None:
    assert seed.dialogue_parties == ("QA", "US")


def test_round_five_opens_in_doha_tomorrow_chaired_by_both_foreign_ministers(seed: ArticleFacts) -> None:
    five = rounds_of(seed)[5]
    assert five["dates"] == {"2022-11-22"}
    assert five["places"] == {"doha"}
    assert five["chairs"] == {"mohammed-bin-abdulrahman-al-thani", "antony-blinken"}


def test_round_five_topics_come_from_its_agenda_not_from_the_spokesman(seed: ArticleFacts) -> None:
    topics = rounds_of(seed)[5]["topics"]
    assert {"regional-stability", "defense", "energy-efficiency", "human-trafficking", "culture"} <= topics
    # the spokesman's commentary mentions these, but they are not the round's agenda
    assert not topics & {"development", "trade", "afghanistan", "cybersecurity", "labor-rights"}


def test_every_round_of_the_background_paragraphs_is_found(seed: ArticleFacts) -> None:
    rounds = rounds_of(seed)
    assert sorted(rounds) == [1, 2, 3, 4, 5]
    assert rounds[4]["dates"] == {"2021-11"} and rounds[4]["places"] == {"washington"}
    assert rounds[1]["dates"] == {"2018-01"}  # "انطلق في يناير 2018": the launch is the first round


def test_agreements_with_their_rounds_counts_and_topics(seed: ArticleFacts) -> None:
    found = {(a.round.ordinal if a.round else None, a.type, a.quantity.value if a.quantity else None,
              tuple(sorted(t.value for t in a.topics))) for a in seed.agreements}
    assert found == {
        (1, "MemorandumOfUnderstanding", None, ("investment", "technology", "trade")),
        (1, "LetterOfIntent", None, ("investment", "technology", "trade")),
        (1, "JointDeclaration", None, ("counterterrorism", "security")),
        (2, "MemorandumOfUnderstanding", 3, ()),
        (2, "StatementOfIntent", None, ()),
    }


def test_commitments_with_party_duration_and_round(seed: ArticleFacts) -> None:
    found = {(int(c.amount), c.currency, c.party.value if c.party else None,
              c.round.value.ordinal if c.round else None, c.duration.value if c.duration else None)
             for c in seed.commitments}
    assert found == {(75_000_000, "USD", "QA", None, "P5Y"), (26_000_000_000, "USD", None, 3, None)}


def test_officials_with_country_and_posts_as_stated(seed: ArticleFacts) -> None:
    officials = {o.id: (o.country.value if o.country else None, [p.value[0] for p in o.positions])
                 for o in seed.officials}
    assert officials["mohammed-bin-abdulrahman-al-thani"] == ("QA", ["نائب رئيس مجلس الوزراء", "وزير الخارجية"])
    assert officials["antony-blinken"] == ("US", ["وزير الخارجية"])
    assert officials["majed-al-ansari"] == (
        "QA", ["مستشار نائب رئيس مجلس الوزراء وزير الخارجية", "المتحدث الرسمي لوزارة الخارجية"])
    assert officials["mohammed-hassan-al-obaidly"] == ("QA", ["الوكيل المساعد بوزارة العمل"])
    assert len(officials) == 4


def test_every_fact_points_at_the_words_that_state_it(seed: ArticleFacts) -> None:
    text = seed.article.text
    five = next(r for r in seed.rounds if r.ordinal == 5)
    assert text[five.dates[0].evidence.start : five.dates[0].evidence.end] == "غدا"
    assert text[five.places[0].evidence.start : five.places[0].evidence.end] == "الدوحة"
    sentence = seed.sentences[five.dates[0].evidence.sentence]
    assert sentence.start <= five.dates[0].evidence.start < sentence.end


def test_without_a_publication_date_relative_dates_are_left_out(lexicon: Lexicon) -> None:
    facts = extract_article(read_text_file(SEED, lexicon, published=None), lexicon).facts
    dates = {r.ordinal: {d.value.text for d in r.dates} for r in facts.rounds}
    assert dates[5] == set()  # "غدا" needs the publication date
    assert dates[1] == {"2018-01"}  # "يناير 2018" does not
