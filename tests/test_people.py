"""Officials: gazetteer names in their spellings, names found by honorific or post patterns,
the posts as each article states them, the country each official acts for, and the
identity of an official across articles."""

from __future__ import annotations

from datetime import date

import pytest
from pyoxigraph import Literal, NamedNode

from qusgraph.extract import extract_article
from qusgraph.extract.model import ArticleFacts
from qusgraph.extract.people import PostText, distinct_posts
from qusgraph.pipeline import build_graph
from qusgraph.rdf.graph import ArticleGraph
from qusgraph.rdf.mint import official_iri
from qusgraph.rdf.namespaces import QUS, RDFS
from qusgraph.text.articles import make_article
from qusgraph.text.lexicon import Lexicon

PUBLISHED = date(2024, 3, 6)
AR_TITLE = "اختتام الدورة السادسة من الحوار الاستراتيجي بين قطر والولايات المتحدة"
EN_TITLE = "Qatar, U.S. hold sixth Strategic Dialogue"
Official = tuple[str | None, list[str]]  # (country, posts as stated)


def facts_of(lexicon: Lexicon, text: str, article_id: str = "people",
             published: date | None = PUBLISHED) -> ArticleFacts:
    article = make_article(article_id=article_id, text=text, source=f"{article_id}.txt", lexicon=lexicon,
                           published=published)
    return extract_article(article, lexicon).facts


def officials(lexicon: Lexicon, text: str) -> dict[str, Official]:
    """{official id: (country, posts)} of an article."""
    return {o.id: (o.country.value if o.country else None, [p.value[0] for p in o.positions])
            for o in facts_of(lexicon, text).officials}


def graph_of(lexicon: Lexicon, text: str, article_id: str, published: date = PUBLISHED) -> ArticleGraph:
    article = make_article(article_id=article_id, text=text, source=f"{article_id}.txt", lexicon=lexicon,
                           published=published)
    return build_graph(article, lexicon)


def objects(graph: ArticleGraph, subject: str, predicate: str) -> set[Literal | NamedNode]:
    return {q.object for q in graph.facts if q.subject == NamedNode(subject) and q.predicate == NamedNode(predicate)
            and isinstance(q.object, Literal | NamedNode)}


# ------------------------------------------------------------------ gazetteer officials and their posts
def test_a_title_chain_is_split_into_posts_where_a_new_head_starts(lexicon: Lexicon) -> None:
    text = (f"{AR_TITLE}\n\nوترأس الوفد القطري سعادة الشيخ محمد بن عبدالرحمن آل ثاني "
            "نائب رئيس مجلس الوزراء وزير الخارجية.")
    assert officials(lexicon, text) == {
        "mohammed-bin-abdulrahman-al-thani": ("QA", ["نائب رئيس مجلس الوزراء", "وزير الخارجية"])}


def test_an_advisors_title_is_one_post(lexicon: Lexicon) -> None:
    text = (f"{AR_TITLE}\n\nوقال سعادة الدكتور ماجد بن محمد الأنصاري مستشار رئيس مجلس الوزراء وزير الخارجية "
            "إن الحوار حقق نتائج ملموسة.")
    assert officials(lexicon, text) == {"majed-al-ansari": ("QA", ["مستشار رئيس مجلس الوزراء وزير الخارجية"])}


def test_a_relational_head_keeps_its_complement(lexicon: Lexicon) -> None:
    text = (f"{AR_TITLE}\n\nوشارك في الدورة السادسة سعادة السيد خالد بن ناصر المهندي "
            "مساعد وزير الخارجية لشؤون الأمريكتين.")
    assert [posts for _, posts in officials(lexicon, text).values()] == [["مساعد وزير الخارجية لشؤون الأمريكتين"]]


def test_english_posts_of_a_gazetteer_official_are_split_at_and(lexicon: Lexicon) -> None:
    text = (f"{EN_TITLE}\n\nSecretary of State Antony Blinken and Qatar's Prime Minister and Minister of Foreign "
            "Affairs Sheikh Mohammed bin Abdulrahman Al Thani held the sixth U.S.-Qatar Strategic Dialogue in "
            "Washington on March 5, 2024.")
    assert officials(lexicon, text) == {
        "antony-blinken": ("US", ["Secretary of State"]),
        "mohammed-bin-abdulrahman-al-thani": ("QA", ["Prime Minister", "Minister of Foreign Affairs"]),
    }


def test_a_coordinated_post_before_a_name_belongs_to_that_name_only(lexicon: Lexicon) -> None:
    text = (f"{AR_TITLE}\n\nوترأس الدورة السادسة سعادة الشيخ محمد بن عبدالرحمن آل ثاني رئيس مجلس الوزراء "
            "وزير الخارجية، ووزير الخارجية الأمريكي أنتوني بلينكن.")
    assert officials(lexicon, text)["antony-blinken"] == ("US", ["وزير الخارجية"])


# ------------------------------------------------------------------ spellings
@pytest.mark.parametrize("name", ["أنتوني بلينكن", "أنتوني بلنكن", "أنتوني بلينكين"])
def test_a_transliteration_of_a_known_name_is_that_official(lexicon: Lexicon, name: str) -> None:
    text = f"{AR_TITLE}\n\nوالتقى سعادته معالي السيد {name} وزير الخارجية الأمريكي."
    assert officials(lexicon, text) == {"antony-blinken": ("US", ["وزير الخارجية"])}


def test_a_transliteration_of_a_known_family_name_alone_is_that_official(lexicon: Lexicon) -> None:
    text = f"{AR_TITLE}\n\nوقال معالي السيد بلينكين وزير الخارجية الأمريكي إن الحوار حقق نتائج ملموسة."
    assert officials(lexicon, text) == {"antony-blinken": ("US", ["وزير الخارجية"])}


# ------------------------------------------------------------------ officials found by pattern, and their country
def test_an_unknown_arabic_official_takes_the_country_of_a_nationality_adjective(lexicon: Lexicon) -> None:
    text = f"{AR_TITLE}\n\nوالتقى سعادته السيد جون سميث وزير الزراعة الأمريكي."
    assert officials(lexicon, text) == {"name:جون سميث": ("US", ["وزير الزراعة"])}


def test_an_unknown_official_takes_the_country_of_the_side_he_speaks_for(lexicon: Lexicon) -> None:
    # The QNA dateline would make a Qatari of anyone whose country is not stated.
    text = ("اختتام أعمال الحوار الاستراتيجي\n\nالدوحة /قنا/ وشارك في الجلسة الاقتصادية عن الجانب القطري "
            "سعادة السيد خالد بن ناصر المهندي وكيل وزارة التجارة والصناعة، وعن الجانب الأمريكي "
            "السيد روبرت ديفيس مساعد وزير التجارة.")
    assert officials(lexicon, text) == {
        "name:خالد بن ناصر مهندي": ("QA", ["وكيل وزارة التجارة والصناعة"]),
        "name:روبرت ديفيس": ("US", ["مساعد وزير التجارة"]),
    }


def test_a_nationality_adjective_after_the_post_is_not_the_officials(lexicon: Lexicon) -> None:
    text = f"{AR_TITLE}\n\nوالتقى سعادة السيد خالد بن ناصر المهندي وكيل وزارة التجارة والصناعة بالوفد الأمريكي."
    assert officials(lexicon, text) == {"name:خالد بن ناصر مهندي": (None, ["وكيل وزارة التجارة والصناعة"])}


def test_an_english_post_name_with_a_given_name_is_an_official(lexicon: Lexicon) -> None:
    text = f"{EN_TITLE}\n\nU.S. Commerce Secretary Thomas Baker joined the economic session."
    assert officials(lexicon, text) == {"name:thomas baker": ("US", ["Commerce Secretary"])}


def test_an_english_name_comma_post_is_an_official(lexicon: Lexicon) -> None:
    text = f"{EN_TITLE}\n\nThomas Baker, Deputy Secretary of Commerce, joined the economic session."
    found = officials(lexicon, text)
    assert {key: posts for key, (_, posts) in found.items()} == {"name:thomas baker": ["Deputy Secretary of Commerce"]}


def test_an_english_post_with_a_complement_before_a_name_is_an_official(lexicon: Lexicon) -> None:
    text = f"{EN_TITLE}\n\nU.S. Secretary of Agriculture Thomas Baker joined the session on food security."
    assert officials(lexicon, text) == {"name:thomas baker": ("US", ["Secretary of Agriculture"])}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Khalid Al-Muhannadi, Qatar's Minister of State, joined the economic session.",
         {"name:khalid al muhannadi": ("QA", ["Minister of State"])}),
        ("Thomas Baker, U.S. Deputy Secretary of Commerce, joined the economic session.",
         {"name:thomas baker": ("US", ["Deputy Secretary of Commerce"])}),
    ],
    ids=["qatars", "us"],
)
def test_an_english_name_comma_national_post_takes_the_country(
        lexicon: Lexicon, body: str, expected: dict[str, Official]) -> None:
    assert officials(lexicon, f"{EN_TITLE}\n\n{body}") == expected


def test_english_text_gives_english_labels(lexicon: Lexicon) -> None:
    graph = graph_of(lexicon, f"{EN_TITLE}\n\nU.S. Commerce Secretary Thomas Baker joined the economic session.",
                     "en-label")
    person = official_iri("name:thomas baker")
    assert objects(graph, person, RDFS + "label") == {Literal("Thomas Baker", language="en")}
    assert objects(graph, person, QUS + "position") == {Literal("Commerce Secretary", language="en")}


# ------------------------------------------------------------------ posts as real copy states them
def test_an_arabic_post_keeps_the_country_it_names_but_not_the_countrys_epithet(lexicon: Lexicon) -> None:
    text = (f"{AR_TITLE}\n\nواستقبل سعادته معالي السيد جيمس كليفرلي وزير خارجية المملكة المتحدة الصديقة "
            "في مقر الوزارة.")
    assert officials(lexicon, text) == {"james-cleverly": ("GB", ["وزير خارجية المملكة المتحدة"])}


def test_a_head_of_state_is_named_by_the_republic_he_heads(lexicon: Lexicon) -> None:
    text = (f"{AR_TITLE}\n\nوهنأ سموه فخامة الرئيس رجب طيب أردوغان رئيس الجمهورية التركية الشقيقة "
            "بنجاح أعمال اللجنة.")
    assert officials(lexicon, text)["recep-tayyip-erdogan"][0] == "TR"
    assert "رئيس الجمهورية التركية" in officials(lexicon, text)["recep-tayyip-erdogan"][1]


def test_then_in_arabic_ends_the_post(lexicon: Lexicon) -> None:
    text = f"{AR_TITLE}\n\nوكان قد شارك في الجولة الثانية مايك بومبيو وزير الخارجية الأمريكي آنذاك."
    assert officials(lexicon, text) == {"mike-pompeo": ("US", ["وزير الخارجية"])}


def test_the_particle_before_a_verb_ends_the_post(lexicon: Lexicon) -> None:
    text = (f"{AR_TITLE}\n\nوكان سعادة الشيخ مشعل بن حمد آل ثاني سفير دولة قطر لدى الولايات المتحدة قد أكد أن "
            "الجولة المقبلة ستعقد في الدوحة.")
    assert officials(lexicon, text) == {"meshal-bin-hamad-al-thani": ("QA", ["سفير دولة قطر لدى الولايات المتحدة"])}


def test_a_journey_ends_the_post(lexicon: Lexicon) -> None:
    text = (f"{AR_TITLE}\n\nوتأتي الجولة عقب زيارة حضرة صاحب السمو الشيخ تميم بن حمد آل ثاني أمير البلاد المفدى "
            "إلى الولايات المتحدة الأمريكية.")
    assert officials(lexicon, text) == {"tamim-bin-hamad-al-thani": ("QA", ["أمير البلاد المفدى"])}


def test_english_posts_in_lower_case_after_then(lexicon: Lexicon) -> None:
    text = (f"{EN_TITLE}\n\nThe talks were led by Khalid bin Mohammed Al Attiyah, then deputy prime minister and "
            "minister of state for defense affairs, who spoke first.")
    assert officials(lexicon, text) == {
        "khalid-bin-mohammad-al-attiyah": ("QA", ["deputy prime minister", "minister of state for defense affairs"])}


def test_a_post_after_as_belongs_to_the_name_before_it(lexicon: Lexicon) -> None:
    text = f"{EN_TITLE}\n\nThe Senate confirmed Marco Rubio as secretary of state on Monday."
    assert officials(lexicon, text) == {"marco-rubio": ("US", ["secretary of state"])}


def test_a_lower_case_post_after_the_names_its_complement(lexicon: Lexicon) -> None:
    text = (f"{EN_TITLE}\n\nBarbara Leaf, the assistant secretary of state for Near Eastern affairs, "
            "said the talks went well.")
    assert officials(lexicon, text) == {
        "barbara-leaf": ("US", ["assistant secretary of state for Near Eastern affairs"])}


def test_titles_of_address_are_not_a_name(lexicon: Lexicon) -> None:
    text = (f"{EN_TITLE}\n\nKuwaiti Foreign Minister Sheikh Dr. Ahmad Nasser Al-Mohammad Al-Sabah "
            "welcomed the delegation.")
    assert officials(lexicon, text) == {"ahmad-nasser-al-mohammad-al-sabah": ("KW", ["Foreign Minister"])}


def test_prince_is_a_title_not_part_of_the_post(lexicon: Lexicon) -> None:
    text = f"{EN_TITLE}\n\nSaudi Foreign Minister Prince Faisal bin Farhan arrived in Washington."
    assert officials(lexicon, text) == {"faisal-bin-farhan-al-saud": ("SA", ["Foreign Minister"])}


def test_a_foreign_secretary_is_british(lexicon: Lexicon) -> None:
    text = f"{EN_TITLE}\n\nForeign Secretary Jane Harwood said London would hold a similar dialogue."
    assert officials(lexicon, text) == {"name:jane harwood": ("GB", ["Foreign Secretary"])}


def test_a_middle_initial_is_the_same_official(lexicon: Lexicon) -> None:
    text = f"{EN_TITLE}\n\nSecretary of State Rex W. Tillerson opened the talks."
    assert list(officials(lexicon, text)) == ["rex-tillerson"]


def test_a_post_after_who_was_then_belongs_to_the_name(lexicon: Lexicon) -> None:
    text = (f"{EN_TITLE}\n\nThe first round was co-chaired by Sheikh Sabah Al-Khalid Al-Hamad Al-Sabah, who was then "
            "Kuwait's first deputy prime minister and foreign minister.")
    assert officials(lexicon, text) == {
        "sabah-al-khalid-al-hamad-al-sabah": ("KW", ["first deputy prime minister", "foreign minister"])}


@pytest.mark.parametrize("text", [
    f"{EN_TITLE}\n\nThe Biden administration has kept the dialogue going.",
    f"{AR_TITLE}\n\nوحافظت إدارة بايدن على انتظام الحوار.",
], ids=["en", "ar"])
def test_a_name_that_names_a_government_is_not_an_official(lexicon: Lexicon, text: str) -> None:
    assert officials(lexicon, text) == {}


def test_capitals_of_a_title_case_headline_are_not_names(lexicon: Lexicon) -> None:
    text = ("Secretary Blinken and Qatari Foreign Minister Al Thani at a Joint Press Conference\n\n"
            "Secretary of State Antony Blinken spoke to reporters in Doha.")
    assert set(officials(lexicon, text)) == {"antony-blinken"}


@pytest.mark.parametrize(("posts", "kept"), [
    (["Secretary", "Secretary of State"], ["Secretary of State"]),
    (["الرئيس", "رئيس الجمهورية التركية"], ["رئيس الجمهورية التركية"]),
    (["رئيس مجلس الوزراء", "نائب رئيس مجلس الوزراء"], ["رئيس مجلس الوزراء", "نائب رئيس مجلس الوزراء"]),
    (["Prime Minister", "Deputy Prime Minister"], ["Prime Minister", "Deputy Prime Minister"]),
], ids=["title", "arabic-title", "deputy-ar", "deputy-en"])
def test_a_title_beside_a_fuller_post_is_no_new_post(lexicon: Lexicon, posts: list[str], kept: list[str]) -> None:
    stated = [(PostText(text, 0, len(text)), 0) for text in posts]
    assert [post.text for post, _ in distinct_posts(stated, lexicon)] == kept


def test_a_post_right_after_a_name_is_not_also_the_next_names(lexicon: Lexicon) -> None:
    text = (f"{AR_TITLE}\n\nوشارك في الجلسة الافتتاحية الدكتور خالد بن محمد العطية نائب رئيس مجلس الوزراء وزير الدولة "
            "لشؤون الدفاع والشيخ محمد بن عبدالرحمن آل ثاني.")
    found = officials(lexicon, text)
    assert found["khalid-bin-mohammad-al-attiyah"][1] == ["نائب رئيس مجلس الوزراء", "وزير الدولة لشؤون الدفاع"]
    assert found["mohammed-bin-abdulrahman-al-thani"][1] == []


# ------------------------------------------------------------------ a post standing for a person named earlier
def people_of_sentences(lexicon: Lexicon, text: str) -> list[list[str]]:
    article = make_article(article_id="anaphora", text=text, source="anaphora.txt", lexicon=lexicon,
                           published=PUBLISHED)
    return [[r.person.id for r in a.people] for a in extract_article(article, lexicon).sentences]


@pytest.mark.parametrize(("later", "person"), [
    ("وقال وزير الخارجية الأمريكي إن الحوار حقق نتائج ملموسة.", "antony-blinken"),
    ("وقال وزير الخارجية القطري إن الحوار حقق نتائج ملموسة.", "mohammed-bin-abdulrahman-al-thani"),
], ids=["american", "qatari"])
def test_a_post_with_a_nationality_refers_to_the_official_of_that_country(
        lexicon: Lexicon, later: str, person: str) -> None:
    text = (f"{AR_TITLE}\n\nوترأس الجولة معالي السيد أنتوني بلينكن وزير الخارجية الأمريكي، "
            "ومعالي الشيخ محمد بن عبدالرحمن آل ثاني رئيس مجلس الوزراء وزير الخارجية.\n\n" + later)
    assert people_of_sentences(lexicon, text)[-1] == [person]


def test_a_post_with_a_nationality_refers_to_a_post_that_names_the_country(lexicon: Lexicon) -> None:
    text = (f"{AR_TITLE}\n\nوترأس الجولة معالي الشيخ محمد بن عبدالرحمن آل ثاني رئيس مجلس الوزراء وزير الخارجية، "
            "ومعالي السيد أنتوني بلينكن وزير خارجية الولايات المتحدة.\n\n"
            "وقال وزير الخارجية الأمريكي إن الحوار حقق نتائج ملموسة.")
    assert people_of_sentences(lexicon, text)[-1] == ["antony-blinken"]


def test_a_title_with_the_name_is_not_a_second_post(lexicon: Lexicon) -> None:
    text = (f"{EN_TITLE}\n\nSecretary of State Antony Blinken opened the talks.\n\n"
            "Secretary Blinken said the partnership had never been stronger.")
    assert officials(lexicon, text) == {"antony-blinken": ("US", ["Secretary of State"])}


# ------------------------------------------------------------------ posts and identity across articles
def test_a_post_stated_differently_in_two_articles_is_kept_per_article(lexicon: Lexicon) -> None:
    person = official_iri("mohammed-bin-abdulrahman-al-thani")
    in_2022 = graph_of(lexicon, f"{AR_TITLE}\n\nوترأس الدورة الخامسة سعادة الشيخ محمد بن عبدالرحمن آل ثاني "
                                "نائب رئيس مجلس الوزراء وزير الخارجية.", "in-2022", date(2022, 11, 23))
    in_2024 = graph_of(lexicon, f"{AR_TITLE}\n\nوترأس الدورة السادسة سعادة الشيخ محمد بن عبد الرحمن آل ثاني "
                                "رئيس مجلس الوزراء وزير الخارجية.", "in-2024")
    assert objects(in_2022, person, QUS + "position") == {
        Literal("نائب رئيس مجلس الوزراء", language="ar"), Literal("وزير الخارجية", language="ar")}
    assert objects(in_2024, person, QUS + "position") == {
        Literal("رئيس مجلس الوزراء", language="ar"), Literal("وزير الخارجية", language="ar")}


def test_a_known_official_has_one_iri_in_arabic_and_english_articles(lexicon: Lexicon) -> None:
    arabic = facts_of(lexicon, f"{AR_TITLE}\n\nوالتقى سعادته معالي السيد أنتوني بلنكن وزير الخارجية الأمريكي.", "ar")
    english = facts_of(lexicon, f"{EN_TITLE}\n\nSecretary of State Antony J. Blinken opened the session.", "en")
    assert {official_iri(o.id) for o in arabic.officials} == {official_iri(o.id) for o in english.officials} == {
        "https://w3id.org/qusgraph/id/person/antony-blinken"}


def test_an_unknown_official_named_the_same_way_in_two_articles_is_one_official(lexicon: Lexicon) -> None:
    first = facts_of(lexicon, f"{AR_TITLE}\n\nوشارك سعادة السيد عبدالله بن ناصر المهندي وكيل وزارة التجارة "
                              "والصناعة في الجلسة الاقتصادية.", "first")
    second = facts_of(lexicon, f"{AR_TITLE}\n\nوالتقى سعادة السيد عبد الله بن ناصر المهندي وكيل وزارة التجارة "
                               "والصناعة رجال الأعمال.", "second")
    assert [o.id for o in first.officials] == [o.id for o in second.officials] == ["name:عبدالله بن ناصر مهندي"]
    assert official_iri(first.officials[0].id) == official_iri(second.officials[0].id)


# ------------------------------------------------------------------ posts of foreign officials
def test_an_ambassador_to_a_capital_keeps_the_capital_in_the_post(lexicon: Lexicon) -> None:
    # a capital after لدى stands for the host country; the adjective gives the sender's
    text = f"{AR_TITLE}\n\nوحضر اللقاء السفير الكويتي لدى الدوحة الشيخ سالم عبدالله الجابر الصباح."
    assert officials(lexicon, text) == {"salem-abdullah-al-jaber-al-sabah": ("KW", ["السفير لدى الدوحة"])}


def test_a_coordinator_is_a_post_with_its_ministry(lexicon: Lexicon) -> None:
    text = (f"{AR_TITLE}\n\nوقدم عرضا عن الجانب الأمريكي السيد روبرت هيل منسق شؤون التجارة "
            "بوزارة الخارجية الأمريكية.")
    posts = [posts for _, posts in officials(lexicon, text).values()]
    assert posts == [["منسق شؤون التجارة بوزارة الخارجية الأمريكية"]]


# ------------------------------------------------------------------ English posts as wire copy writes them
def test_a_middle_initial_without_its_full_stop_stays_in_the_name(lexicon: Lexicon) -> None:
    text = f"{EN_TITLE}\n\nThe delegation included U.S. Deputy Assistant Secretary of State Jonathan R Marlowe."
    assert officials(lexicon, text) == {"name:jonathan r marlowe": ("US", ["Deputy Assistant Secretary of State"])}


def test_a_hyphenated_word_goes_on_in_a_post_as_written(lexicon: Lexicon) -> None:
    text = (f"{EN_TITLE}\n\nThe Minister of State for Regional Co-operation Hamad Al-Mansouri "
            "opened the session.")
    found = officials(lexicon, text)
    assert [posts for _, posts in found.values()] == [["Minister of State for Regional Co-operation"]]


@pytest.mark.parametrize("rank", ["Major General", "Brigadier", "Rear Admiral", "Lt. Gen."])
def test_a_military_rank_before_a_name_is_no_part_of_the_post(lexicon: Lexicon, rank: str) -> None:
    text = f"{EN_TITLE}\n\nQatar's Deputy Chief of Staff {rank} Nasser Al-Marri attended the talks."
    found = officials(lexicon, text)
    assert [posts for _, posts in found.values()] == [["Deputy Chief of Staff"]]


def test_a_post_in_an_appositive_with_its_article_and_modifiers(lexicon: Lexicon) -> None:
    text = (f"{EN_TITLE}\n\n\"We are hopeful,\" Majed Al-Ansari, the government spokesman, said after "
            "the session.")
    found = officials(lexicon, text)
    assert [posts for _, posts in found.values()] == [["spokesman"]]


def test_a_post_that_lists_its_domains_with_commas(lexicon: Lexicon) -> None:
    text = (f"{EN_TITLE}\n\nThe session was led by Assistant Secretary for Trade, Energy, and the Environment "
            "Jose W. Fernandez.")
    found = officials(lexicon, text)
    assert [posts for _, posts in found.values()] == [["Assistant Secretary for Trade, Energy, and the Environment"]]


def test_a_comma_before_a_name_still_ends_the_post(lexicon: Lexicon) -> None:
    text = f"{EN_TITLE}\n\nThe session was led by the Minister of Energy, Saad Al-Kaabi, and his deputy."
    found = officials(lexicon, text)
    assert [posts for _, posts in found.values()] == [["Minister of Energy"]]


def test_an_arabic_middle_initial_stays_inside_the_name(lexicon: Lexicon) -> None:
    text = f"{AR_TITLE}\n\nوالتقى سعادته السيد جون ك. سميث وزير الزراعة الأمريكي."
    assert officials(lexicon, text) == {"name:جون ك سميث": ("US", ["وزير الزراعة"])}


def test_the_writer_named_in_a_byline_is_no_official(lexicon: Lexicon) -> None:
    text = (f"{AR_TITLE}\n\nبقلم: د. سالم العبيدلي - كاتب صحفي\n\n"
            "والتقى سعادته السيد جون سميث وزير الزراعة الأمريكي.")
    assert officials(lexicon, text) == {"name:جون سميث": ("US", ["وزير الزراعة"])}


def test_his_counterpart_ends_the_post_and_takes_none_of_it(lexicon: Lexicon) -> None:
    text = (f"{AR_TITLE}\n\nواجتمع سعادة السيد جون سميث وزير الزراعة ونظيره البريطاني "
            "ديفيد براون في الدوحة.")
    assert officials(lexicon, text)["name:جون سميث"] == (None, ["وزير الزراعة"])


def test_the_us_ambassador_to_kuwait_is_a_known_official(lexicon: Lexicon) -> None:
    text = f"{AR_TITLE}\n\nوألقت سفيرة واشنطن لدى الكويت ألينا رومانوسكي كلمة قصيرة."
    assert officials(lexicon, text)["alina-romanowski"][0] == "US"


def test_capitalised_words_that_make_a_date_are_no_name(lexicon: Lexicon) -> None:
    text = f"{EN_TITLE}\n\nNext Thursday, Secretary Blinken will host the Qatari delegation."
    assert set(officials(lexicon, text)) == {"antony-blinken"}


@pytest.mark.parametrize(
    "lead",
    ["الذي كان حينها نائبا لرئيس مجلس الوزراء ووزيرا للدفاع", "بصفته نائبا لرئيس مجلس الوزراء ووزيرا للدفاع"],
    ids=["relative-clause", "in-his-capacity"],
)
def test_an_accusative_post_with_lam_is_stated_as_the_post(lexicon: Lexicon, lead: str) -> None:
    text = f"{AR_TITLE}\n\nوترأس خالد بن محمد العطية، {lead}، جلسة التعاون العسكري في الدورة السادسة."
    assert officials(lexicon, text)["khalid-bin-mohammad-al-attiyah"] == (
        "QA", ["نائب رئيس مجلس الوزراء", "وزير الدفاع"])


def test_an_accusative_post_after_the_name_is_stated_as_the_post(lexicon: Lexicon) -> None:
    text = f"{AR_TITLE}\n\nوحضر الجلسة خالد بن محمد العطية نائبا لرئيس مجلس الوزراء ووزيرا للدفاع في الدورة السادسة."
    assert officials(lexicon, text)["khalid-bin-mohammad-al-attiyah"] == (
        "QA", ["نائب رئيس مجلس الوزراء", "وزير الدفاع"])


@pytest.mark.parametrize("post", ["Chief Executive Officer", "Chief Executive", "CEO"])
def test_a_chief_executive_is_a_post(lexicon: Lexicon, post: str) -> None:
    text = f"{EN_TITLE}\n\nThe fund's {post} Mansoor Al Mahmoud said at the sixth round that it would keep investing."
    assert officials(lexicon, text)["mansoor-bin-ebrahim-al-mahmoud"] == ("QA", [post])
