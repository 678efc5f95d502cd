"""Stage 3, mentions: gazetteer hits through Arabic clitics and spelling habits, and topic
words that are part of a name or a post rather than a topic."""

from __future__ import annotations

from datetime import date

import pytest

from qusgraph.extract import extract_article
from qusgraph.extract.mentions import Mention
from qusgraph.text.articles import make_article
from qusgraph.text.lexicon import Lexicon


def mentions_of(lexicon: Lexicon, body: str, title: str = "الحوار الاستراتيجي") -> list[tuple[str, str, str]]:
    """(kind, words as written, key) of every entity and topic mention of the body."""
    article = make_article(article_id="mentions", text=f"{title}\n\n{body}", source="mentions.txt", lexicon=lexicon,
                           published=date(2024, 3, 6))
    found: list[tuple[str, str, str]] = []
    for analysis in extract_article(article, lexicon).sentences:
        if analysis.sentence.is_title:
            continue
        for mention in analysis.mentions.entities + analysis.mentions.topics:
            found.append((mention.kind, article.text[mention.start : mention.end], key_of(mention)))
    return found


def key_of(mention: Mention) -> str:
    value = mention.value
    return str(getattr(value, "key", None) or getattr(value, "iso", None) or value)


# ------------------------------------------------------------------ clitics
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("وعقدت الجولة الأولى بواشنطن في يناير 2018.", ("place", "بواشنطن", "washington")),
        ("وأكد أن التنسيق بين واشنطن والدوحة لم يتوقف.", ("place", "والدوحة", "doha")),
        ("وأشاد بالدعم الذي قدمته دولة قطر للولايات المتحدة خلال عمليات الإجلاء.",
         ("country", "للولايات المتحدة", "US")),
        ("وتوجه الوفد بعد ذلك إلى قاعدة العديد ثم للدوحة.", ("place", "للدوحة", "doha")),
    ],
    ids=["bi-washington", "wa-doha", "li-united-states", "li-doha"],
)
def test_a_proclitic_does_not_hide_a_place_or_a_country(
        lexicon: Lexicon, body: str, expected: tuple[str, str, str]) -> None:
    assert expected in mentions_of(lexicon, body)


# ------------------------------------------------------------------ names as written
@pytest.mark.parametrize("name", ["محمد بن عبدالرحمن آل ثاني", "محمد بن عبد الرحمن آل ثاني"])
def test_a_compound_given_name_is_found_with_or_without_its_space(lexicon: Lexicon, name: str) -> None:
    body = f"وترأس الوفد القطري سعادة الشيخ {name} رئيس مجلس الوزراء وزير الخارجية."
    assert ("official", name, "mohammed-bin-abdulrahman-al-thani") in mentions_of(lexicon, body)


@pytest.mark.parametrize("name", ["أنتوني بلينكن", "أنتوني بلنكن", "بلينكن", "بلنكن"])
def test_listed_transliterations_of_a_name_are_one_official(lexicon: Lexicon, name: str) -> None:
    body = f"وقال {name} إن المحادثات كانت مثمرة."
    assert ("official", name, "antony-blinken") in mentions_of(lexicon, body)


# ------------------------------------------------------------------ topics inside names and posts
@pytest.mark.parametrize(
    ("body", "organization", "title"),
    [
        ("The U.S. Department of Energy hosted the delegation.", "us-department-of-energy", "Talks"),
        ("واستقبلت وزارة الطاقة الأمريكية الوفد القطري.", "us-department-of-energy", "الحوار الاستراتيجي"),
    ],
    ids=["en", "ar"],
)
def test_a_topic_word_inside_an_organisation_name_is_not_a_topic(
        lexicon: Lexicon, body: str, organization: str, title: str) -> None:
    found = mentions_of(lexicon, body, title)
    assert ("organization", organization) in {(kind, key) for kind, _, key in found}
    assert not [m for m in found if m[0] == "topic"]


def test_a_topic_word_inside_a_post_is_not_a_topic(lexicon: Lexicon) -> None:
    body = "وشارك في أعمال الدورة السادسة سعادة المهندس سعد بن شريده الكعبي وزير الدولة لشؤون الطاقة."
    assert [m for m in mentions_of(lexicon, body) if m[0] == "topic"] == []


# ------------------------------------------------------------------ places by description
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("وتنطلق في العاصمة القطرية صباح الغد أعمال الاجتماع.", ("place", "العاصمة القطرية", "doha")),
        ("وهي الجولة التي تستضيفه العاصمة الأمريكية للمرة الرابعة.", ("place", "العاصمة الأمريكية", "washington")),
        ("ووصل الوفد إلى العاصمة الأميركية مساء أمس.", ("place", "العاصمة الأميركية", "washington")),
        ("واجتمع الوزراء بالعاصمة السعودية لبحث الملف.", ("place", "بالعاصمة السعودية", "riyadh")),
        ("وعقد الاجتماع في عاصمة قطر الشهر الماضي.", ("place", "عاصمة قطر", "doha")),
        ("The ministers met in the Qatari capital on Monday.", ("place", "Qatari capital", "doha")),
        ("The talks return to the U.S. capital next year.", ("place", "U.S. capital", "washington")),
        ("Delegations gathered in the American capital, officials said.", ("place", "American capital", "washington")),
        ("The second session convened in the capital of Qatar.", ("place", "capital of Qatar", "doha")),
        ("The sessions were held in Washington, D.C., on Tuesday.", ("place", "Washington, D.C.", "washington")),
        ("The delegation flew home from D.C. afterwards.", ("place", "D.C.", "washington")),
    ],
)
def test_capital_by_description_is_the_capital_of_that_country(
    lexicon: Lexicon, body: str, expected: tuple[str, str, str]
) -> None:
    assert expected in mentions_of(lexicon, body)


@pytest.mark.parametrize(
    "body",
    [
        "Qatari capital markets grew last year.",  # money, not a city
        "The fund invests in American capital projects.",
    ],
)
def test_capital_followed_by_a_noun_is_not_a_city(lexicon: Lexicon, body: str) -> None:
    assert not [m for m in mentions_of(lexicon, body) if m[0] == "place"]


def test_every_capital_is_a_city_of_its_country(lexicon: Lexicon) -> None:
    for iso, place in lexicon.capitals.items():
        assert (place.country, place.subkind) == (iso, "city")
