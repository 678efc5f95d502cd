"""The SHACL shapes of `shapes/qus-shapes.ttl`, by example.

A minimal valid article graph (`tests/data/minimal-article.ttl`) conforms; each broken
case removes and/or adds a few triples (Turtle, inline) and must be rejected with the
message of the shape it breaks. Warnings are plausibility checks: the article is still
accepted when warnings are allowed, as `qusgraph.validation.shapes` does. Finally the real
articles, built with the qusgraph API, conform.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
from rdflib import Graph, Namespace

from qusgraph.extract import extract_article
from qusgraph.rdf.mapping import article_graph
from qusgraph.rdf.mint import graph_iri
from qusgraph.rdf.topics import topic_scheme_quads
from qusgraph.text.articles import read_text_file
from qusgraph.text.lexicon import Lexicon

REPO = Path(__file__).resolve().parent.parent
SHAPES_FILE = REPO / "shapes" / "qus-shapes.ttl"
MINIMAL_ARTICLE = Path(__file__).resolve().parent / "data" / "minimal-article.ttl"
SEED_ARTICLE = REPO / "data" / "articles" / "seed-000.txt"
SEED_PUBLISHED = date(2022, 11, 21)
# The development corpus lives outside the repository; its tests are skipped without it.
DEV_CORPUS = REPO.parent / "shared" / "corpus" / "dev"

SH = Namespace("http://www.w3.org/ns/shacl#")

# Prepended to every inline snippet, so snippets read like the minimal graph.
TURTLE_HEADER = """\
@base <https://w3id.org/qusgraph/id/> .
@prefix qus:    <https://w3id.org/qusgraph/ontology#> .
@prefix rdf:    <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs:   <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:    <http://www.w3.org/2001/XMLSchema#> .
@prefix skos:   <http://www.w3.org/2004/02/skos/core#> .
@prefix prov:   <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> .
"""

# Nodes of the minimal graph, in the snippets' relative IRIs.
ROUND = "<dialogue/QA-US/round/5>"
AGREEMENT = "<dialogue/QA-US/round/5/agreement/memorandum-of-understanding-human-rights>"
COMMITMENT = "<dialogue/QA-US/commitment/QA-75000000-USD>"
OFFICIAL = "<person/mohammed-bin-abdulrahman-al-thani>"
SENTENCE = "<article/test-001/sentence/1>"
SUPPORT = "<article/test-001/support/round-5-place>"
SUPPORT_IRI = "https://w3id.org/qusgraph/id/article/test-001/support/round-5-place"


@dataclass(frozen=True)
class Breakage:
    """Remove the triples of `remove` from the minimal graph, add those of `add`, and
    expect `message` among the results."""

    name: str
    message: str
    remove: str = ""
    add: str = ""


# ------------------------------------------------------------------ messages of the shapes
MENTIONED_IN = ("Every extracted node needs at least one qus:mentionedIn whose value is "
                "a qus:Article.")
LABEL_LANG = ("Every rdfs:label must be a language-tagged string (rdf:langString), "
              'e.g. "الدوحة"@ar or "Doha"@en.')
ONE_LABEL_PER_LANG = ("A node has two rdfs:label values in the same language; "
                      "expected at most one name per language.")
ARTICLE_TITLE = "An article has at most one rdfs:label: its title."
PUBLISHED = "An article has at most one qus:published, an xsd:date (YYYY-MM-DD)."
LANGUAGE = ('An article needs exactly one schema:inLanguage, a language code such as "ar" '
            'or "en".')
URL = "An article has at most one schema:url."
FETCHED = "An article has at most one qus:fetched, an xsd:date (YYYY-MM-DD)."
PUBLISHER = "An article has at most one schema:publisher, a qus:Publisher."
TRIPLE_MISSING = (f"The qus:Support {SUPPORT_IRI} names a triple (rdf:subject, rdf:predicate, "
                  "rdf:object) that is not in the article's graph.")
SPAN_OUTSIDE = (f"The span of qus:Support {SUPPORT_IRI} (81–130) lies outside its sentence "
                "(71–126).")
ISO_CODE = ("A country needs exactly one qus:isoCode, an ISO 3166-1 alpha-2 code of two capital "
            'letters (e.g. "QA").')
OFFICIAL_NAME = "An official needs at least one rdfs:label: the person's name."
REPRESENTS = "An official has at most one qus:represents, and its value must be a qus:Country."
POSITION = ("Every qus:position must be a language-tagged string (rdf:langString), "
            'e.g. "وزير الخارجية"@ar.')
HOLDS = "Every value of qus:holds must be a qus:Post."
POST_WORDING = "A post needs at least one rdfs:label: its wording in the article."
PLACE_NAME = "A place needs at least one rdfs:label: its name."
PLACE_COUNTRY = "A place has at most one qus:country, and its value must be a qus:Country."
ORGANIZATION_NAME = "An organisation needs at least one rdfs:label: its name."
DIALOGUE_NAME = "A dialogue needs at least one rdfs:label: its name."
DIALOGUE_PARTIES = "A dialogue needs exactly two qus:party values, each a qus:Country."
ROUND_LABEL = "A round needs at least one rdfs:label."
PART_OF = "A round needs exactly one qus:partOf, and its value must be a qus:Dialogue."
ORDINAL = "A round needs exactly one qus:ordinal, an integer ≥ 1."
DATE = ("Every qus:date of a round must be an xsd:date, xsd:gYearMonth or xsd:gYear "
        '("2022-11-22", "2022-11" or "2022").')
ONE_DATE = "A round has more than one qus:date in this article; expected at most one."
ROUND_PLACE = "Every qus:place of a round must be a qus:Place."
ONE_PLACE = "A round has more than one qus:place in this article; expected at most one."
CHAIR = "Every qus:chair of a round must be a qus:Official."
ROUND_TOPIC = "Every qus:topic of a round must be a qus:Topic of the topic scheme."
AGREEMENT_WORDING = "An agreement needs at least one rdfs:label: how the article names it."
AGREEMENT_PARTY = "Every qus:party of an agreement must be a qus:Country."
AGREEMENT_ROUND = "An agreement has at most one qus:round, and its value must be a qus:Round."
QUANTITY = "An agreement has at most one qus:quantity, an integer ≥ 1."
AGREEMENT_TOPIC = "Every qus:topic of an agreement must be a qus:Topic of the topic scheme."
ALSO_AGREEMENT = ("A memorandum of understanding, letter or statement of intent or joint "
                  "declaration must also be typed qus:Agreement.")
COMMITMENT_LABEL = 'A commitment needs at least one rdfs:label, a language-tagged string (e.g. "75,000,000 USD"@en).'
AMOUNT = "A commitment needs exactly one qus:amount, an xsd:decimal > 0."
CURRENCY = ("A commitment needs exactly one qus:currency, an ISO 4217 code of three capital "
            'letters (e.g. "USD").')
DURATION = 'A commitment has at most one qus:duration, an xsd:duration (e.g. "P5Y").'
COMMITMENT_PARTY = ("A commitment has at most one qus:party, and its value must be "
                    "a qus:Country.")
COMMITMENT_ROUND = "A commitment has at most one qus:round, and its value must be a qus:Round."
BENEFICIARY = ("A commitment has at most one qus:beneficiary, and its value must be "
               "a qus:Organization.")
COMMITMENT_TOPIC = "Every qus:topic of a commitment must be a qus:Topic of the topic scheme."
TOPIC_CONCEPT = "A qus:Topic must also be typed skos:Concept."
NOTATION = ("A topic needs exactly one skos:notation, lower-case words joined by hyphens "
            '(e.g. "human-rights").')
PREF_LABEL = ("A topic needs at least one skos:prefLabel, a language-tagged string, at most "
              "one per language.")
IN_SCHEME = "A topic needs a skos:inScheme whose value is a skos:ConceptScheme."
SENTENCE_TEXT = "A sentence needs exactly one qus:text, a language-tagged string."
SENTENCE_START = "A sentence needs exactly one qus:start, an integer ≥ 0."
SENTENCE_END = "A sentence needs exactly one qus:end, an integer ≥ 0."
SENTENCE_SPAN = ("A sentence's qus:start must be less than its qus:end (the span "
                 "text[start:end] is never empty).")
IN_ARTICLE = "A sentence needs exactly one qus:inArticle, and its value must be a qus:Article."
SUBJECT = "A support needs exactly one rdf:subject, an IRI."
PREDICATE = "A support needs exactly one rdf:predicate, an IRI."
OBJECT = "A support needs exactly one rdf:object."
DERIVED_FROM = ("A support needs exactly one prov:wasDerivedFrom, and its value must be "
                "a qus:Sentence.")
SUPPORT_START = "A support needs exactly one qus:start, an integer ≥ 0."
SUPPORT_END = "A support needs exactly one qus:end, an integer ≥ 0."
SUPPORT_SPAN = ("A support's qus:start must be less than its qus:end (the span "
                "text[start:end] is never empty).")

# ------------------------------------------------------------------ the broken cases
ARTICLE = "<article/test-001>"
MENTION = f"qus:mentionedIn {ARTICLE}"
SENTENCE_TEXT_AR = "وتنطلق في الدوحة غدا الدورة الخامسة للحوار الاستراتيجي."


def replaced(node: str, predicate: str, old: str, *news: str) -> tuple[str, str]:
    """(remove, add) snippets that replace one value of `node predicate` with `news`."""
    added = f"{node} {predicate} {', '.join(news)} ." if news else ""
    return f"{node} {predicate} {old} .", added


def swap(name: str, message: str, node: str, predicate: str, old: str, *news: str) -> Breakage:
    remove, add = replaced(node, predicate, old, *news)
    return Breakage(name, message, remove=remove, add=add)


VIOLATIONS = [
    # -- every extracted node
    Breakage("place-not-mentioned", MENTIONED_IN, remove=f"<place/doha> {MENTION} ."),
    Breakage("post-not-mentioned", MENTIONED_IN, remove=f"<post/QA/8203d67a4780> {MENTION} ."),
    swap("round-mentioned-in-a-sentence", MENTIONED_IN,
         ROUND, "qus:mentionedIn", ARTICLE, SENTENCE),
    swap("place-label-without-language", LABEL_LANG,
         "<place/doha>", "rdfs:label", '"Doha"@en', '"Doha"'),
    # -- article
    Breakage("article-with-two-titles", ARTICLE_TITLE,
             add=f'{ARTICLE} rdfs:label "عنوان آخر"@ar .'),
    swap("published-as-a-month", PUBLISHED,
         ARTICLE, "qus:published", '"2022-11-21"^^xsd:date', '"2022-11"^^xsd:gYearMonth'),
    swap("published-not-a-date", PUBLISHED,
         ARTICLE, "qus:published", '"2022-11-21"^^xsd:date', '"21 November 2022"^^xsd:date'),
    swap("article-without-language", LANGUAGE, ARTICLE, "schema:inLanguage", '"ar"'),
    swap("language-as-a-name", LANGUAGE, ARTICLE, "schema:inLanguage", '"ar"', '"Arabic language"'),
    Breakage("article-with-two-urls", URL, add=f'{ARTICLE} schema:url "https://example.org/b" .'),
    Breakage("fetched-not-a-date", FETCHED, add=f'{ARTICLE} qus:fetched "yesterday" .'),
    Breakage("publisher-not-a-publisher", PUBLISHER, add=f"{ARTICLE} schema:publisher <country/QA> ."),
    Breakage("support-of-a-triple-not-in-the-graph", TRIPLE_MISSING,
             remove=f"{ROUND} qus:place <place/doha> ."),
    swap("support-span-outside-its-sentence", SPAN_OUTSIDE, SUPPORT, "qus:end", "87", "130"),
    # -- country
    swap("country-without-iso-code", ISO_CODE, "<country/QA>", "qus:isoCode", '"QA"'),
    swap("iso-code-in-lower-case", ISO_CODE, "<country/QA>", "qus:isoCode", '"QA"', '"qa"'),
    swap("iso-code-alpha-3", ISO_CODE, "<country/QA>", "qus:isoCode", '"QA"', '"QAT"'),
    swap("iso-code-with-language", ISO_CODE, "<country/QA>", "qus:isoCode", '"QA"', '"QA"@en'),
    swap("two-iso-codes", ISO_CODE, "<country/QA>", "qus:isoCode", '"QA"', '"QA"', '"QT"'),
    # -- official and post
    Breakage("official-without-name", OFFICIAL_NAME,
             remove=f'{OFFICIAL} rdfs:label "محمد بن عبد الرحمن آل ثاني"@ar, '
                    '"Mohammed bin Abdulrahman Al Thani"@en .'),
    Breakage("official-represents-two-countries", REPRESENTS,
             add=f"{OFFICIAL} qus:represents <country/US> ."),
    swap("official-represents-a-place", REPRESENTS,
         OFFICIAL, "qus:represents", "<country/QA>", "<place/doha>"),
    swap("position-without-language", POSITION,
         OFFICIAL, "qus:position", '"وزير الخارجية"@ar', '"وزير الخارجية"'),
    Breakage("holds-an-organization", HOLDS, add=f"{OFFICIAL} qus:holds <organization/unoct> ."),
    Breakage("post-without-wording", POST_WORDING,
             remove='<post/QA/8203d67a4780> rdfs:label "وزير الخارجية"@ar .'),
    # -- place and organisation
    Breakage("place-without-name", PLACE_NAME,
             remove='<place/doha> rdfs:label "الدوحة"@ar, "Doha"@en .'),
    swap("place-in-an-organization", PLACE_COUNTRY,
         "<place/doha>", "qus:country", "<country/QA>", "<organization/unoct>"),
    Breakage("place-in-two-countries", PLACE_COUNTRY,
             add="<place/doha> qus:country <country/US> ."),
    Breakage("organization-without-name", ORGANIZATION_NAME,
             remove='<organization/unoct> rdfs:label "مكتب الأمم المتحدة لمكافحة الإرهاب"@ar, '
                    '"United Nations Office of Counter-Terrorism"@en .'),
    # -- dialogue
    Breakage("dialogue-without-name", DIALOGUE_NAME,
             remove='<dialogue/QA-US> rdfs:label '
                    '"الحوار الاستراتيجي بين قطر والولايات المتحدة الأمريكية"@ar, '
                    '"Qatar–United States Strategic Dialogue"@en .'),
    swap("dialogue-with-one-party", DIALOGUE_PARTIES,
         "<dialogue/QA-US>", "qus:party", "<country/US>"),
    swap("dialogue-with-a-place-as-party", DIALOGUE_PARTIES,
         "<dialogue/QA-US>", "qus:party", "<country/US>", "<place/doha>"),
    # -- round
    Breakage("round-without-label", ROUND_LABEL,
             remove=f'{ROUND} rdfs:label "الدورة 5 من الحوار الاستراتيجي"@ar, '
                    '"Strategic Dialogue, round 5"@en .'),
    swap("round-of-no-dialogue", PART_OF, ROUND, "qus:partOf", "<dialogue/QA-US>"),
    swap("round-part-of-a-round", PART_OF, ROUND, "qus:partOf", "<dialogue/QA-US>", ROUND),
    swap("round-without-ordinal", ORDINAL, ROUND, "qus:ordinal", "5"),
    swap("ordinal-zero", ORDINAL, ROUND, "qus:ordinal", "5", "0"),
    swap("ordinal-as-text", ORDINAL, ROUND, "qus:ordinal", "5", '"5"'),
    swap("ordinal-as-a-word", ORDINAL, ROUND, "qus:ordinal", "5", '"الخامسة"@ar'),
    swap("two-ordinals", ORDINAL, ROUND, "qus:ordinal", "5", "5", "6"),
    swap("date-as-plain-text", DATE, ROUND, "qus:date", '"2022-11-22"^^xsd:date', '"2022-11-22"'),
    swap("date-with-a-time", DATE, ROUND, "qus:date", '"2022-11-22"^^xsd:date',
         '"2022-11-22T09:00:00"^^xsd:dateTime'),
    swap("relative-date-left-unresolved", DATE,
         ROUND, "qus:date", '"2022-11-22"^^xsd:date', '"غدا"@ar'),
    # The fact is gone, so its Support names a missing triple too.
    swap("round-held-in-a-country", ROUND_PLACE,
         ROUND, "qus:place", "<place/doha>", "<country/QA>"),
    Breakage("round-chaired-by-a-country", CHAIR, add=f"{ROUND} qus:chair <country/US> ."),
    Breakage("round-topic-outside-the-scheme", ROUND_TOPIC,
             add=f"{ROUND} qus:topic <topic/astrology> ."),
    # -- agreement
    Breakage("agreement-without-wording", AGREEMENT_WORDING,
             remove=f'{AGREEMENT} rdfs:label "مذكرتي تفاهم"@ar .'),
    Breakage("agreement-with-a-place-as-party", AGREEMENT_PARTY,
             add=f"{AGREEMENT} qus:party <place/doha> ."),
    swap("agreement-signed-at-a-dialogue", AGREEMENT_ROUND,
         AGREEMENT, "qus:round", ROUND, "<dialogue/QA-US>"),
    Breakage("agreement-of-two-rounds", AGREEMENT_ROUND,
             add=f"{AGREEMENT} qus:round <dialogue/QA-US/round/4> .\n"
                 "<dialogue/QA-US/round/4> a qus:Round ; qus:partOf <dialogue/QA-US> ;"
                 f' qus:ordinal 4 ; rdfs:label "Strategic Dialogue, round 4"@en ; {MENTION} .'),
    swap("quantity-zero", QUANTITY, AGREEMENT, "qus:quantity", "2", "0"),
    swap("quantity-as-a-word", QUANTITY, AGREEMENT, "qus:quantity", "2", '"مذكرتا"@ar'),
    swap("quantity-as-a-decimal", QUANTITY, AGREEMENT, "qus:quantity", "2", "2.0"),
    Breakage("agreement-topic-outside-the-scheme", AGREEMENT_TOPIC,
             add=f"{AGREEMENT} qus:topic <topic/astrology> ."),
    Breakage("memorandum-not-typed-agreement", ALSO_AGREEMENT,
             remove=f"{AGREEMENT} a qus:Agreement ."),
    # -- commitment
    swap("commitment-without-label", COMMITMENT_LABEL,
         COMMITMENT, "rdfs:label", '"75,000,000 USD"@en'),
    swap("commitment-label-without-language", COMMITMENT_LABEL,
         COMMITMENT, "rdfs:label", '"75,000,000 USD"@en', '"75000000 USD"'),
    swap("commitment-without-amount", AMOUNT, COMMITMENT, "qus:amount", "75000000.0"),
    swap("amount-zero", AMOUNT, COMMITMENT, "qus:amount", "75000000.0", "0.0"),
    swap("amount-negative", AMOUNT, COMMITMENT, "qus:amount", "75000000.0", "-75.0"),
    swap("amount-in-words", AMOUNT, COMMITMENT, "qus:amount", "75000000.0", '"75 مليون"@ar'),
    swap("amount-as-an-integer", AMOUNT, COMMITMENT, "qus:amount", "75000000.0", "75000000"),
    swap("two-amounts", AMOUNT, COMMITMENT, "qus:amount", "75000000.0", "75000000.0", "75.0"),
    swap("commitment-without-currency", CURRENCY, COMMITMENT, "qus:currency", '"USD"'),
    swap("currency-sign", CURRENCY, COMMITMENT, "qus:currency", '"USD"', '"$"'),
    swap("currency-word", CURRENCY, COMMITMENT, "qus:currency", '"USD"', '"دولار"@ar'),
    swap("currency-in-lower-case", CURRENCY, COMMITMENT, "qus:currency", '"USD"', '"usd"'),
    swap("duration-in-words", DURATION,
         COMMITMENT, "qus:duration", '"P5Y"^^xsd:duration', '"خمس سنوات"@ar'),
    swap("duration-as-plain-text", DURATION,
         COMMITMENT, "qus:duration", '"P5Y"^^xsd:duration', '"P5Y"'),
    swap("two-durations", DURATION, COMMITMENT, "qus:duration", '"P5Y"^^xsd:duration',
         '"P5Y"^^xsd:duration', '"P3Y"^^xsd:duration'),
    Breakage("commitment-of-two-countries", COMMITMENT_PARTY,
             add=f"{COMMITMENT} qus:party <country/US> ."),
    swap("commitment-of-an-organization", COMMITMENT_PARTY,
         COMMITMENT, "qus:party", "<country/QA>", "<organization/unoct>"),
    swap("commitment-at-a-dialogue", COMMITMENT_ROUND,
         COMMITMENT, "qus:round", ROUND, "<dialogue/QA-US>"),
    swap("commitment-to-a-country", BENEFICIARY,
         COMMITMENT, "qus:beneficiary", "<organization/unoct>", "<country/US>"),
    Breakage("commitment-topic-outside-the-scheme", COMMITMENT_TOPIC,
             add=f"{COMMITMENT} qus:topic <topic/astrology> ."),
    # -- topic
    Breakage("topic-not-a-skos-concept", TOPIC_CONCEPT,
             remove="<topic/human-rights> a skos:Concept ."),
    swap("topic-without-notation", NOTATION,
         "<topic/human-rights>", "skos:notation", '"human-rights"'),
    swap("notation-with-spaces", NOTATION,
         "<topic/human-rights>", "skos:notation", '"human-rights"', '"Human Rights"'),
    Breakage("two-english-preferred-labels", PREF_LABEL,
             add='<topic/human-rights> skos:prefLabel "rights of man"@en .'),
    swap("topic-outside-any-scheme", IN_SCHEME, "<topic/human-rights>", "skos:inScheme", "<topic>"),
    # -- sentence
    swap("sentence-without-text", SENTENCE_TEXT, SENTENCE, "qus:text", f'"{SENTENCE_TEXT_AR}"@ar'),
    swap("sentence-text-without-language", SENTENCE_TEXT,
         SENTENCE, "qus:text", f'"{SENTENCE_TEXT_AR}"@ar', f'"{SENTENCE_TEXT_AR}"'),
    swap("sentence-starts-before-the-text", SENTENCE_START, SENTENCE, "qus:start", "71", "-1"),
    swap("sentence-without-end", SENTENCE_END, SENTENCE, "qus:end", "126"),
    swap("sentence-ends-where-it-starts", SENTENCE_SPAN, SENTENCE, "qus:end", "126", "71"),
    swap("sentence-of-a-round", IN_ARTICLE, SENTENCE, "qus:inArticle", ARTICLE, ROUND),
    # -- support
    swap("support-of-a-literal-subject", SUBJECT, SUPPORT, "rdf:subject", ROUND, '"round 5"'),
    swap("support-without-predicate", PREDICATE, SUPPORT, "rdf:predicate", "qus:place"),
    Breakage("support-with-two-objects", OBJECT, add=f"{SUPPORT} rdf:object <place/washington> ."),
    swap("support-without-sentence", DERIVED_FROM, SUPPORT, "prov:wasDerivedFrom", SENTENCE),
    Breakage("support-derived-from-the-article", DERIVED_FROM,
             add=f"{SUPPORT} prov:wasDerivedFrom {ARTICLE} ."),
    swap("support-start-as-text", SUPPORT_START, SUPPORT, "qus:start", "81", '"81"'),
    swap("support-with-a-negative-end", SUPPORT_END, SUPPORT, "qus:end", "87", "-87"),
    swap("support-ends-before-it-starts", SUPPORT_SPAN, SUPPORT, "qus:end", "87", "80"),
]

WARNINGS = [
    Breakage("official-with-two-english-names", ONE_LABEL_PER_LANG,
             add=f'{OFFICIAL} rdfs:label "Sheikh Mohammed Al Thani"@en .'),
    Breakage("country-with-two-arabic-names", ONE_LABEL_PER_LANG,
             add='<country/QA> rdfs:label "دولة قطر"@ar .'),
    Breakage("round-with-two-dates", ONE_DATE, add=f'{ROUND} qus:date "2022-11"^^xsd:gYearMonth .'),
    Breakage("round-in-two-places", ONE_PLACE,
             add=f"{ROUND} qus:place <place/washington> .\n"
                 f'<place/washington> a qus:Place ; rdfs:label "Washington"@en ; {MENTION} .'),
]


# ------------------------------------------------------------------ helpers and fixtures
@dataclass(frozen=True)
class Report:
    conforms: bool
    messages: frozenset[str]
    severities: frozenset[str]
    text: str


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


@pytest.fixture(scope="module")
def minimal_article() -> Graph:
    return Graph().parse(MINIMAL_ARTICLE, format="turtle")


def turtle(snippet: str) -> Graph:
    return Graph().parse(data=TURTLE_HEADER + snippet, format="turtle")


def broken(graph: Graph, breakage: Breakage) -> Graph:
    """A copy of `graph` without the triples of `breakage.remove` and with those of `.add`."""
    removed = turtle(breakage.remove)
    missing = [triple for triple in removed if triple not in graph]
    # A typo in a snippet would otherwise remove nothing and test nothing.
    assert not missing, f"the minimal graph has no {missing}"
    result = Graph()
    for triple in graph:
        if triple not in removed:
            result.add(triple)
    for triple in turtle(breakage.add):
        result.add(triple)
    return result


def validate(data: Graph, shapes: Graph, allow_warnings: bool = False) -> Report:
    conforms, results, text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", allow_warnings=allow_warnings
    )
    # Messages are read from the report graph: the report text also echoes the source
    # shape of each result, message included, so a substring test on it proves less.
    messages = frozenset(str(m) for m in results.objects(None, SH.resultMessage))
    severities = frozenset(str(s) for s in results.objects(None, SH.resultSeverity))
    assert all(message in text for message in messages)
    return Report(bool(conforms), messages, severities, str(text))


# ------------------------------------------------------------------ the minimal graph
def test_minimal_article_conforms(minimal_article: Graph, shapes: Graph) -> None:
    report = validate(minimal_article, shapes)
    assert report.conforms, report.text


@pytest.mark.parametrize("breakage", VIOLATIONS, ids=lambda breakage: breakage.name)
def test_broken_article_is_rejected(
    breakage: Breakage, minimal_article: Graph, shapes: Graph
) -> None:
    report = validate(broken(minimal_article, breakage), shapes, allow_warnings=True)
    assert not report.conforms
    assert breakage.message in report.messages, report.text


@pytest.mark.parametrize("breakage", WARNINGS, ids=lambda breakage: breakage.name)
def test_suspicious_article_is_accepted_with_a_warning(
    breakage: Breakage, minimal_article: Graph, shapes: Graph
) -> None:
    report = validate(broken(minimal_article, breakage), shapes, allow_warnings=True)
    assert report.conforms, report.text
    assert breakage.message in report.messages
    assert report.severities == {str(SH.Warning)}


def test_every_message_of_the_shapes_has_a_broken_example(shapes: Graph) -> None:
    expected = {breakage.message for breakage in [*VIOLATIONS, *WARNINGS]}
    for template in set(shapes.objects(None, SH.message)):
        # SPARQL messages name the offending node: {?value} matches any text.
        parts = re.split(r"\{\?\w+\}", str(template))
        pattern = re.compile(".+".join(re.escape(part) for part in parts))
        assert any(pattern.fullmatch(message) for message in expected), f"untested: {template}"


# ------------------------------------------------------------------ real articles
def article_data_graph(path: Path, published: date | None, lexicon: Lexicon) -> Graph:
    """The data graph `qusgraph.validation.shapes` checks: the article's named graph, merged,
    plus the topic scheme (so that topics are typed)."""
    article = read_text_file(path, lexicon, published)
    graph = article_graph(extract_article(article, lexicon).facts, lexicon)
    scheme = topic_scheme_quads(ox.NamedNode(graph_iri("topics")))
    triples = [quad.triple for quad in [*graph.quads, *scheme]]
    return Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")


def test_seed_article_conforms(lexicon: Lexicon, shapes: Graph) -> None:
    data = article_data_graph(SEED_ARTICLE, SEED_PUBLISHED, lexicon)
    report = validate(data, shapes)
    assert report.conforms, report.text


def dev_articles() -> list[Path]:
    return sorted(DEV_CORPUS.glob("*.txt")) if DEV_CORPUS.is_dir() else []


@pytest.mark.skipif(not dev_articles(), reason=f"no development corpus at {DEV_CORPUS}")
@pytest.mark.parametrize("path", dev_articles(), ids=lambda path: path.stem)
def test_dev_article_conforms(path: Path, lexicon: Lexicon, shapes: Graph) -> None:
    gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
    published = date.fromisoformat(gold["published"]) if gold.get("published") else None
    report = validate(article_data_graph(path, published, lexicon), shapes)
    assert report.conforms, report.text
