"""Explaining the graph: every fact about a node with the sentences that support it, and
a view of the extraction stages of one article for whoever extends the lexicons."""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from ..errors import QueryError
from ..extract.facts import Extraction
from ..rdf.namespaces import ID, short_iri
from ..rdf.provenance import FACTS_QUERY, Quote
from ..serialize.results import short_term
from ..store.embedded import QusStore


def resolve_node(argument: str) -> str:
    """An IRI from "<iri>", a full IRI, a prefixed name, or a path under the id/ namespace."""
    text = argument.strip().strip("<>")
    if any(c in text for c in '<> "{}|\\^`'):
        raise QueryError(f"'{argument}' is not a valid IRI")
    if text.startswith(("http://", "https://")):
        return text
    if text.startswith("id:"):
        return ID + text[3:]
    if ":" in text.split("/", 1)[0]:
        raise QueryError(f"'{argument}' is not an IRI of the graph; give e.g. id:dialogue/QA-US/round/5")
    return ID + text.lstrip("/")


def node_facts(store: QusStore, iri: str) -> dict[tuple[str, str], list[Quote]]:
    """{(predicate, object): [quotes]} for every fact whose subject is `iri`."""
    facts: dict[tuple[str, str], list[Quote]] = defaultdict(list)
    node = ox.NamedNode(iri)  # raises ValueError on a malformed IRI
    results = store.query(FACTS_QUERY, substitutions={ox.Variable("node"): node})
    for row in results:  # type: ignore[union-attr]
        key = (row["p"].value, short_term(row["o"]))
        facts.setdefault(key, [])
        if row["g"] is not None and row["text"] is not None:
            published = row["published"].value if row["published"] is not None else None
            url = row["url"].value if row["url"] is not None else None
            facts[key].append(Quote(row["g"].value, published, row["text"].value, int(row["start"].value),
                                    int(row["end"].value), int(row["sentenceStart"].value), url))
    return facts


def explain_text(store: QusStore, iri: str) -> str:
    facts = node_facts(store, iri)
    if not facts:
        raise QueryError(f"{short_iri(iri)}: nothing is known about this node")
    lines = [short_iri(iri)]
    for (predicate, value), quotes in sorted(facts.items()):
        lines.append(f"  {short_iri(predicate)}  {value}")
        seen: set[tuple[str, int]] = set()
        for quote in quotes:
            if (quote.article, quote.start) in seen:
                continue
            seen.add((quote.article, quote.start))
            when = ", ".join(part for part in (quote.published, quote.url) if part)
            when = f" ({when})" if when else ""
            lines.append(f"      ← {short_iri(quote.article)}{when}: “{quote.marked()}”")
    return "\n".join(lines) + "\n"


def debug_text(extraction: Extraction) -> str:
    """The stages of one article's extraction: sentences, mentions, frames, then facts."""
    document = extraction.document
    text = document.article.text
    lines = [f"article {document.article.id} ({document.lang}), published {document.article.published}"]
    for analysis in extraction.sentences:
        sentence = analysis.sentence
        frame = analysis.frame
        lines.append("")
        lines.append(f"[{sentence.index}] {'title ' if sentence.is_title else ''}"
                     f"{text[sentence.start:sentence.end]}")
        for mention in analysis.mentions.all():
            value = mention.value
            if getattr(value, "cue", None) == "filler":
                continue
            label = getattr(value, "cue", None) or getattr(value, "key", None) or getattr(value, "iso", None) \
                or getattr(value, "type", None) or value
            lines.append(f"    mention {mention.kind:<12} {text[mention.start:mention.end]!r} → {label}")
        for found, value in analysis.dates:
            tokens = sentence.tokens
            lines.append(f"    date    {text[tokens[found.first].start:tokens[found.last].end]!r} → "
                         f"{value.text + ' (' + value.datatype + ')' if value else 'unresolved'}")
        for amount in analysis.amounts:
            lines.append(f"    amount  {amount.value} {amount.currency}")
        for post in analysis.posts:
            lines.append(f"    post    {[p.text for p in post.posts]} country={post.country}")
        for reference in analysis.people:
            lines.append(f"    person  {text[reference.start:reference.end]!r} → {reference.person.id}")
        if frame is not None:
            speaker = analysis.speaker.id if analysis.commentary and analysis.speaker else None
            lines.append(f"    frame   context round {frame.context_round}; named rounds "
                         f"{[r.key.label for r in frame.rounds]}; events "
                         f"{[(e.key.label, e.cue) for e in frame.events]}"
                         f"{'; commentary by ' + speaker if speaker else ''}")
    facts = extraction.facts
    lines.append("")
    lines.append(f"facts: dialogue {'-'.join(facts.dialogue_parties) or '—'}")
    for official in facts.officials:
        country = official.country.value if official.country else "?"
        lines.append(f"  official {official.id} ({country}): {[p.value[0] for p in official.positions]}")
    for record in sorted(facts.rounds, key=lambda r: r.key):
        lines.append(f"  round {record.key.label}: dates {sorted({d.value.text for d in record.dates})} "
                     f"places {sorted({p.value for p in record.places})} "
                     f"chairs {sorted({c.value for c in record.chairs})} "
                     f"topics {sorted({t.value for t in record.topics})}")
    for agreement in facts.agreements:
        quantity = agreement.quantity.value if agreement.quantity else None
        round_label = agreement.round.label if agreement.round else None
        lines.append(f"  agreement {agreement.type} round {round_label} quantity {quantity} "
                     f"topics {[t.value for t in agreement.topics]}")
    for commitment in facts.commitments:
        lines.append(f"  commitment {commitment.amount} {commitment.currency} "
                     f"party {commitment.party.value if commitment.party else None} "
                     f"round {commitment.round.value.label if commitment.round else None} "
                     f"duration {commitment.duration.value if commitment.duration else None}")
    return "\n".join(lines) + "\n"
