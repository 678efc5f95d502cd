"""Records → quads: one named graph per article, with the provenance of every fact.

The article's graph holds the facts it supports (which also go to the merged default
graph) and their provenance, which stays in the article graph: one `qus:Sentence` per
quoted sentence (its text and character offsets in the article) and one `qus:Support`
per fact — an `rdf:Statement` naming the triple, the sentence (`prov:wasDerivedFrom`)
and the offsets of the words that state it (`qus:start`, `qus:end`).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from urllib.parse import urlsplit

from pyoxigraph import Literal, NamedNode, Quad

from ..extract.model import ArticleFacts, CalendarValue, Evidence, RoundKey
from ..text.lexicon import Lexicon
from . import mint
from .graph import ArticleGraph, Object, Subject
from .namespaces import PROV, QUS, RDF, RDF_TYPE_NODE, RDFS, SCHEMA, SKOS, XSD

LABEL = NamedNode(RDFS + "label")


@cache
def q(local: str) -> NamedNode:
    """A term of the qus: ontology."""
    return NamedNode(QUS + local)


SUPPORT = q("Support")
RDF_SUBJECT = NamedNode(RDF + "subject")
RDF_PREDICATE = NamedNode(RDF + "predicate")
RDF_OBJECT = NamedNode(RDF + "object")
DERIVED_FROM = NamedNode(PROV + "wasDerivedFrom")
START = q("start")
END = q("end")


XSD_INTEGER = NamedNode(XSD + "integer")
XSD_DECIMAL = NamedNode(XSD + "decimal")
XSD_DATE = NamedNode(XSD + "date")
XSD_DURATION = NamedNode(XSD + "duration")



def integer(value: int) -> Literal:
    return Literal(str(value), datatype=XSD_INTEGER)


def calendar_literal(value: CalendarValue) -> Literal:
    return Literal(value.text, datatype=NamedNode(XSD + value.datatype))


class _Builder:
    def __init__(self, facts: ArticleFacts, lexicon: Lexicon) -> None:
        self.facts = facts
        self.lexicon = lexicon
        self.lang = facts.lang
        self.article = NamedNode(mint.article_iri(facts.article.id))
        self.graph = ArticleGraph(self.article)
        self._seen: set[tuple[Subject, NamedNode, Object]] = set()
        self._supported: set[tuple[Subject, NamedNode, Object]] = set()
        self._sentences_used: set[int] = set()
        self._described: set[str] = set()

    # ------------------------------------------------------------------ primitives
    def add(self, subject: Subject, predicate: NamedNode, obj: Object, evidence: Evidence | None = None) -> None:
        key = (subject, predicate, obj)
        if key not in self._seen:
            self._seen.add(key)
            self.graph.fact_terms.append(key)
        if evidence is not None and key not in self._supported:
            self._support(subject, predicate, obj, evidence)

    def _support(self, subject: Subject, predicate: NamedNode, obj: Object, evidence: Evidence) -> None:
        """The first words of the article that state a fact (one support per fact and article)."""
        self._supported.add((subject, predicate, obj))
        sentence = NamedNode(mint.sentence_iri(self.article.value, evidence.sentence))
        node = NamedNode(mint.support_iri(self.article.value, str(subject), str(predicate), str(obj)))
        self._sentences_used.add(evidence.sentence)
        self._provenance(node, [
            (RDF_TYPE_NODE, SUPPORT),
            (RDF_SUBJECT, subject),
            (RDF_PREDICATE, predicate),
            (RDF_OBJECT, obj),
            (DERIVED_FROM, sentence),
            (START, integer(evidence.start)),
            (END, integer(evidence.end)),
        ])

    def _provenance(self, node: NamedNode, statements: list[tuple[NamedNode, Object]]) -> None:
        self.graph.provenance_terms.extend((node, p, o) for p, o in statements)

    def label(self, node: NamedNode, labels: dict[str, str]) -> None:
        for lang, text in sorted(labels.items()):
            self.add(node, LABEL, Literal(text, language=lang))

    def mentioned(self, node: NamedNode) -> None:
        """Article-level provenance; the facts about the node carry the finer kind."""
        self.add(node, q("mentionedIn"), self.article)

    # ------------------------------------------------------------------ entities
    def country(self, iso: str) -> NamedNode:
        node = NamedNode(mint.country_iri(iso))
        if node.value not in self._described:
            self._described.add(node.value)
            self.add(node, RDF_TYPE_NODE, q("Country"))
            self.add(node, q("isoCode"), Literal(iso))
            country = self.lexicon.countries.get(iso)
            if country is not None:
                self.label(node, country.labels)
            self.mentioned(node)
        return node

    def place(self, key: str) -> NamedNode:
        node = NamedNode(mint.place_iri(key))
        if node.value not in self._described:
            self._described.add(node.value)
            entity = self.lexicon.entity("place", key)
            self.add(node, RDF_TYPE_NODE, q("Place"))
            self.label(node, entity.labels)
            if entity.country:
                self.add(node, q("country"), self.country(entity.country))
            self.mentioned(node)
        return node

    def organization(self, key: str) -> NamedNode:
        node = NamedNode(mint.organization_iri(key))
        if node.value not in self._described:
            self._described.add(node.value)
            entity = self.lexicon.entity("organization", key)
            self.add(node, RDF_TYPE_NODE, q("Organization"))
            self.label(node, entity.labels)
            self.mentioned(node)
        return node

    # ------------------------------------------------------------------ the article
    def build(self) -> ArticleGraph:
        facts = self.facts
        article = facts.article
        self.add(self.article, RDF_TYPE_NODE, q("Article"))
        # The id as given: the IRI percent-encodes what an IRI cannot hold.
        self.add(self.article, NamedNode(SCHEMA + "identifier"), Literal(article.id))
        if article.title:
            self.add(self.article, LABEL, Literal(article.title, language=self.lang))
        if article.published is not None:
            self.add(self.article, q("published"), Literal(article.published.isoformat(), datatype=XSD_DATE))
        self.add(self.article, NamedNode(SCHEMA + "inLanguage"), Literal(self.lang))
        if article.url:
            self.add(self.article, NamedNode(SCHEMA + "url"), Literal(article.url))
        if article.fetched is not None:
            self.add(self.article, q("fetched"), Literal(article.fetched.isoformat(), datatype=XSD_DATE))
        if article.site or article.url:
            self._publisher(article.site, article.url)
        dialogue = self._dialogue(self.facts.dialogue_parties, self.facts.dialogue_evidence)
        officials = self._officials()
        self._rounds(officials)
        self._agreements(dialogue)
        self._commitments(dialogue)
        self._sentences()
        return self.graph

    def _publisher(self, site: str | None, url: str | None) -> None:
        """The web site the article was published on, one node per host (or per name). Its
        address is the host in its IRI: a schema:url would differ between http and https pages."""
        host = urlsplit(url).hostname if url else None
        node = NamedNode(mint.publisher_iri(host, site or ""))
        self.add(self.article, NamedNode(SCHEMA + "publisher"), node)
        self.add(node, RDF_TYPE_NODE, q("Publisher"))
        if site:
            self.add(node, LABEL, Literal(site, language=self.lang))

    def _dialogue(self, parties: tuple[str, ...], evidence: Evidence | None) -> str | None:
        """The node of a dialogue between two parties (the article's own, or another one a
        round is of), described once."""
        if len(parties) != 2:
            return None
        iri = mint.dialogue_iri(parties)
        node = NamedNode(iri)
        if iri in self._described:
            return iri
        self._described.add(iri)
        self.add(node, RDF_TYPE_NODE, q("Dialogue"))
        names = {lang: [self.lexicon.countries[iso].labels.get(lang, iso) for iso in parties] for lang in ("ar", "en")}
        self.label(node, {lang: self.lexicon.labels[("dialogue", lang)].format(first=first, second=second)
                          for lang, (first, second) in names.items()})
        for iso in parties:
            self.add(node, q("party"), self.country(iso), evidence)
        self.mentioned(node)
        return iri

    def _round_dialogue(self, key: RoundKey) -> str | None:
        """The dialogue a round belongs to: the article's own, unless its key names another."""
        if not key.dialogue:
            return self._dialogue(self.facts.dialogue_parties, self.facts.dialogue_evidence)
        return self._dialogue(key.dialogue, None)

    def _officials(self) -> dict[str, NamedNode]:
        nodes: dict[str, NamedNode] = {}
        for record in self.facts.officials:
            node = NamedNode(mint.official_iri(record.id))
            nodes[record.id] = node
            self.add(node, RDF_TYPE_NODE, q("Official"))
            self.label(node, record.labels)
            if record.country is not None:
                self.add(node, q("represents"), self.country(record.country.value), record.country.evidence)
            for position in record.positions:
                text, lang = position.value
                literal = Literal(text, language=lang)
                self.add(node, q("position"), literal, position.evidence)
                country = record.country.value if record.country else None
                post = NamedNode(mint.post_iri(country, text))
                self.add(node, q("holds"), post)
                self.add(post, RDF_TYPE_NODE, q("Post"))
                self.add(post, LABEL, literal)
                self.mentioned(post)
            self.mentioned(node)
        return nodes

    def _rounds(self, officials: dict[str, NamedNode]) -> None:
        for record in sorted(self.facts.rounds, key=lambda r: r.key):
            dialogue = self._round_dialogue(record.key)
            if dialogue is None:
                continue
            node = NamedNode(mint.round_iri(dialogue, record.ordinal))
            self.add(node, RDF_TYPE_NODE, q("Round"))
            self.add(node, q("partOf"), NamedNode(dialogue))
            self.add(node, q("ordinal"), integer(record.ordinal))
            self.label(node, _round_labels(record.ordinal, self.lexicon))
            self.mentioned(node)
            for date_fact in record.dates:
                self.add(node, q("date"), calendar_literal(date_fact.value), date_fact.evidence)
            for place in record.places:
                self.add(node, q("place"), self.place(place.value), place.evidence)
            for chair in record.chairs:
                if chair.value in officials:
                    self.add(node, q("chair"), officials[chair.value], chair.evidence)
            for topic in record.topics:
                self.add(node, q("topic"), NamedNode(mint.topic_iri(topic.value)), topic.evidence)

    def _agreements(self, dialogue: str | None) -> None:
        for record in self.facts.agreements:
            key = record.round
            round_dialogue = self._round_dialogue(key) if key is not None else dialogue
            iri = mint.agreement_iri(round_dialogue, key.ordinal if key is not None else None, record.type,
                                     record.primary_topic, self.article.value)
            node = NamedNode(iri)
            self.add(node, RDF_TYPE_NODE, q(record.type))
            if record.type != "Agreement":
                self.add(node, RDF_TYPE_NODE, q("Agreement"))
            self.label(node, self._agreement_labels(record.type, record.primary_topic))
            if key is not None and round_dialogue is not None:
                self.add(node, q("round"), NamedNode(mint.round_iri(round_dialogue, key.ordinal)), record.evidence)
            # the parties of the dialogue it was signed in (another dialogue's, if its round is of one)
            for iso in key.resolved(self.facts.dialogue_parties) if key is not None else self.facts.dialogue_parties:
                self.add(node, q("party"), self.country(iso))
            if record.quantity is not None:
                self.add(node, q("quantity"), integer(record.quantity.value), record.quantity.evidence)
            for topic in record.topics:
                self.add(node, q("topic"), NamedNode(mint.topic_iri(topic.value)), topic.evidence)
            self.mentioned(node)

    def _agreement_labels(self, agreement_type: str, topic: str | None) -> dict[str, str]:
        """"مذكرة تفاهم: التجارة", "memorandum of understanding: trade"."""
        labels = {}
        for lang in ("ar", "en"):
            name = self.lexicon.agreement_labels.get((agreement_type, lang), agreement_type)
            about = self.lexicon.topics[topic].labels.get(lang) if topic in self.lexicon.topics else None
            labels[lang] = self.lexicon.labels[("agreement-about", lang)].format(name=name, about=about) \
                if about else name
        return labels

    def _commitments(self, dialogue: str | None) -> None:
        for record in self.facts.commitments:
            party = record.party.value if record.party else None
            key = record.round.value if record.round is not None else None
            round_dialogue = self._round_dialogue(key) if key is not None else dialogue
            node = NamedNode(mint.commitment_iri(
                round_dialogue, party, record.amount, record.currency,
                key.ordinal if key is not None and round_dialogue is not None else None,
                record.beneficiary.value if record.beneficiary is not None else None,
                record.duration.value if record.duration is not None else None))
            self.add(node, RDF_TYPE_NODE, q("Commitment"))
            amount = format(record.amount.normalize(), "f")
            self.label(node, {"ar": f"{amount} {record.currency}", "en": f"{record.amount:,f} {record.currency}"})
            self.add(node, q("amount"), Literal(amount, datatype=XSD_DECIMAL), record.evidence)
            self.add(node, q("currency"), Literal(record.currency), record.evidence)
            if record.party is not None:
                self.add(node, q("party"), self.country(record.party.value), record.party.evidence)
            if record.round is not None and key is not None and round_dialogue is not None:
                self.add(node, q("round"), NamedNode(mint.round_iri(round_dialogue, key.ordinal)),
                         record.round.evidence)
            if record.duration is not None:
                self.add(node, q("duration"), Literal(record.duration.value, datatype=XSD_DURATION),
                         record.duration.evidence)
            if record.beneficiary is not None:
                self.add(node, q("beneficiary"), self.organization(record.beneficiary.value),
                         record.beneficiary.evidence)
            for topic in record.topics:
                self.add(node, q("topic"), NamedNode(mint.topic_iri(topic.value)), topic.evidence)
            self.mentioned(node)

    def _sentences(self) -> None:
        for record in self.facts.sentences:
            if record.index not in self._sentences_used:
                continue
            node = NamedNode(mint.sentence_iri(self.article.value, record.index))
            self._provenance(node, [
                (RDF_TYPE_NODE, q("Sentence")),
                (q("text"), Literal(record.text, language=self.lang)),
                (q("start"), integer(record.start)),
                (q("end"), integer(record.end)),
                (q("inArticle"), self.article),
            ])


def _round_labels(ordinal: int, lexicon: Lexicon) -> dict[str, str]:
    return {lang: lexicon.labels[("round", lang)].format(ordinal=ordinal) for lang in ("ar", "en")}


def article_graph(facts: ArticleFacts, lexicon: Lexicon) -> ArticleGraph:
    """The named graph of one article: facts and provenance quads."""
    return _Builder(facts, lexicon).build()


def topic_scheme_from_lexicon(lexicon: Lexicon, graph: NamedNode) -> Iterable[Quad]:
    """The topic scheme (topics.tsv) as SKOS, in its own named graph: what `ontology/topics.ttl`
    is generated from (the store and the validator read that file, see rdf/topics.py)."""
    scheme = NamedNode(mint.topic_scheme_iri())
    yield Quad(scheme, RDF_TYPE_NODE, NamedNode(SKOS + "ConceptScheme"), graph)
    for lang in ("en", "ar"):
        yield Quad(scheme, LABEL, Literal(lexicon.labels[("topic-scheme", lang)], language=lang), graph)
    for topic in lexicon.topics.values():
        node = NamedNode(mint.topic_iri(topic.notation))
        yield Quad(node, RDF_TYPE_NODE, q("Topic"), graph)
        yield Quad(node, RDF_TYPE_NODE, NamedNode(SKOS + "Concept"), graph)
        yield Quad(node, NamedNode(SKOS + "notation"), Literal(topic.notation), graph)
        yield Quad(node, NamedNode(SKOS + "inScheme"), scheme, graph)
        for lang, text in sorted(topic.labels.items()):
            yield Quad(node, NamedNode(SKOS + "prefLabel"), Literal(text, language=lang), graph)
            yield Quad(node, LABEL, Literal(text, language=lang), graph)
