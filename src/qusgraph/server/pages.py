"""HTML for people: the query page, and one page per minted IRI that shows its labels in
Arabic (right to left) and English, its facts as links, and the sentences that support
them, quoted with the supporting words marked."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from html import escape
from importlib.resources import files
from pathlib import Path

from ..rdf.namespaces import ID, PREFIXES, RDF_TYPE, RDFS_LABEL, SCHEMA, short_iri
from ..rdf.provenance import Quote
from ..resources import ontology_file, queries_dir

STATIC = files("qusgraph.server") / "static"
SCHEMA_URL = SCHEMA + "url"
_ARABIC = re.compile("[\u0600-\u06ff]")
QUERY_TITLE_PREFIX = "#"


@dataclass(frozen=True)
class Term:
    """A term of a SPARQL JSON result."""

    kind: str  # uri | literal | bnode
    value: str
    lang: str = ""
    datatype: str = ""

    @classmethod
    def from_json(cls, cell: dict[str, str]) -> Term:
        return cls(cell["type"], cell["value"], cell.get("xml:lang", ""), cell.get("datatype", ""))


@dataclass
class ResourceView:
    """What the page of one IRI shows."""

    iri: str
    labels: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    types: list[str] = field(default_factory=list)
    facts: dict[tuple[str, Term], list[Quote]] = field(default_factory=dict)
    inbound: list[tuple[str, str]] = field(default_factory=list)  # (subject, predicate)
    names: dict[str, dict[str, str]] = field(default_factory=dict)  # iri → lang → label


def example_queries(directory: Path | None = None) -> list[dict[str, str]]:
    """The README's example questions (data/queries/*.rq), titled by their first comment."""
    examples = []
    for path in sorted((directory or queries_dir()).glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0] if text else ""
        title = first.lstrip(QUERY_TITLE_PREFIX).strip() if first.startswith(QUERY_TITLE_PREFIX) else path.stem
        examples.append({"title": title, "query": text, "file": path.name})
    order = ["rounds.rq", "round5-chairs.rq", "round2-agreements.rq", "qatar-pledges.rq", "topics-by-round.rq"]
    examples.sort(key=lambda e: (order.index(e["file"]) if e["file"] in order else len(order), e["file"]))
    return examples


def query_page(base: str) -> str:
    config = {"base": base, "examples": example_queries(), "prefixes": PREFIXES, "idNamespace": ID}
    text = json.dumps(config, ensure_ascii=False).replace("</", "<\\/")
    template = (STATIC / "index.html").read_text(encoding="utf-8")
    return template.replace("{{CONFIG}}", text)


@cache
def vocabulary_labels() -> dict[str, dict[str, str]]:
    """Labels of the ontology's terms by language, for naming properties on pages."""
    from rdflib import Graph
    from rdflib.namespace import RDFS

    graph = Graph().parse(ontology_file("qus.ttl"), format="turtle")
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for subject, label in graph.subject_objects(RDFS.label):
        language = getattr(label, "language", None) or "en"
        labels[str(subject)][language] = str(label)
    return dict(labels)


def local_href(iri: str, base: str) -> str:
    """Where a browser reads an IRI: minted IRIs on this server, the rest where they are."""
    if iri.startswith(ID):
        return f"{base}/id/{iri[len(ID):]}"
    return iri


def _name_of(iri: str, view: ResourceView) -> str:
    names = view.names.get(iri) or vocabulary_labels().get(iri) or {}
    english, arabic = names.get("en"), names.get("ar")
    parts = []
    if english:
        parts.append(escape(english))
    if arabic:
        parts.append(f'<span lang="ar" dir="rtl">{escape(arabic)}</span>')
    return " · ".join(parts) if parts else escape(short_iri(iri))


def _link(iri: str, view: ResourceView, base: str) -> str:
    return f'<a href="{escape(local_href(iri, base))}" title="{escape(iri)}">{_name_of(iri, view)}</a>'


def _value(term: Term, view: ResourceView, base: str) -> str:
    if term.kind == "uri":
        return _link(term.value, view, base)
    if term.lang:
        direction = ' dir="rtl"' if term.lang == "ar" else ""
        return f'<span lang="{escape(term.lang)}"{direction}>{escape(term.value)}</span>'
    return escape(term.value)


def _quote(quote: Quote) -> str:
    return quote.marked("<mark>{}</mark>".format, escape)


def resource_page(view: ResourceView, base: str) -> str:
    """The page of one minted IRI."""
    title = (view.labels.get("en") or view.labels.get("ar") or [short_iri(view.iri)])[0]
    labels = "".join(
        f'<p lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">{escape(text)}</p>'
        for lang in ("ar", "en") for text in view.labels.get(lang, [])
    )
    types = ", ".join(_link(t, view, base) for t in view.types)
    rows = []
    for (predicate, term), quotes in sorted(view.facts.items(), key=lambda item: (item[0][0], item[0][1].value)):
        if predicate in (RDF_TYPE, RDFS_LABEL):
            continue
        sources = []
        for quote in quotes:
            when = f" ({escape(quote.published)})" if quote.published else ""
            # The quote is isolated with its own direction: after the Latin article link, an Arabic
            # sentence in the same run was laid out left to right, its quotation marks mid-line.
            arabic = ' lang="ar"' if _ARABIC.search(quote.sentence) else ""
            sources.append(
                f'<blockquote><a href="{escape(local_href(quote.article, base))}">'
                f"{escape(short_iri(quote.article))}</a>{when}: "
                f'<bdi class="quote" dir="auto"{arabic}>“{_quote(quote)}”</bdi></blockquote>'
            )
        value = _value(term, view, base)
        if predicate == SCHEMA_URL and term.kind != "uri" and term.value.startswith(("https://", "http://")):
            # the page an article came from: a link out, which tells the page it was sent from nothing
            value = f'<a href="{escape(term.value)}" rel="noopener noreferrer nofollow">{escape(term.value)}</a>'
        rows.append(f"<dt>{_link(predicate, view, base)}</dt><dd>{value}{''.join(sources)}</dd>")
    inbound = "".join(
        f"<li>{_link(subject, view, base)} — {_name_of(predicate, view)}</li>" for subject, predicate in view.inbound
    )
    return f"""<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} — qusgraph</title>
<link rel="stylesheet" href="/static/style.css">
<link rel="alternate" type="text/turtle" href="{escape(local_href(view.iri, base))}">
</head>
<body>
<header><h1><a href="{base}/">qusgraph</a></h1></header>
<article>
  <div class="labels">{labels}</div>
  <p class="type"><code>{escape(view.iri)}</code>{' — ' + types if types else ''}</p>
  <dl class="facts">{''.join(rows)}</dl>
  {'<h2>Referred to by</h2><ul>' + inbound + '</ul>' if inbound else ''}
  <p>Also as <a href="?format=turtle">Turtle</a> · <a href="?format=jsonld">JSON-LD</a></p>
</article>
</body>
</html>
"""
