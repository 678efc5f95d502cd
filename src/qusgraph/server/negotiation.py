"""Content negotiation as tables: which media type answers which kind of result.

>>> choose("application/sparql-results+xml;q=0.9, text/csv", SOLUTION_TYPES)
'text/csv'
>>> choose("*/*", GRAPH_TYPES)
'text/turtle'
>>> choose("image/png", SOLUTION_TYPES) is None
True
"""

from __future__ import annotations

from dataclasses import dataclass

# SELECT/ASK results: media type → format name of qusgraph.serialize.results
SOLUTION_TYPES: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
}
# CONSTRUCT/DESCRIBE results and graphs: media type → format name of qusgraph.serialize.export
GRAPH_TYPES: dict[str, str] = {
    "text/turtle": "turtle",
    "application/n-triples": "ntriples",
    "application/ld+json": "jsonld",
    "application/n-quads": "nquads",
    "application/trig": "trig",
    "application/x-turtle": "turtle",
    "application/json": "jsonld",
    "application/rdf+xml": "rdfxml",
}
# Whole datasets (several graphs)
DATASET_TYPES: dict[str, str] = {
    "application/n-quads": "nquads",
    "application/trig": "trig",
    "application/ld+json": "jsonld",
}
CHARSET_TYPES = frozenset({"text/turtle", "text/csv", "text/tab-separated-values", "application/n-triples",
                           "application/n-quads", "application/trig", "text/html"})


@dataclass(frozen=True)
class MediaRange:
    type: str
    quality: float
    order: int

    def matches(self, media_type: str) -> bool:
        if self.type in ("*/*", "*"):
            return True
        if self.type.endswith("/*"):
            return media_type.startswith(self.type[:-1])
        return self.type == media_type


def parse_accept(header: str | None) -> list[MediaRange]:
    """Media ranges of an Accept header, best first; a missing header accepts anything."""
    if not header or not header.strip():
        return [MediaRange("*/*", 1.0, 0)]
    ranges = []
    for order, part in enumerate(header.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        if not pieces[0]:
            continue
        quality = 1.0
        for parameter in pieces[1:]:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append(MediaRange(pieces[0].lower(), quality, order))
    return sorted(ranges, key=lambda r: (-r.quality, r.type.count("*"), r.order))


def choose(header: str | None, offered: dict[str, str]) -> str | None:
    """The offered media type the client prefers (the table's first one for wildcards);
    a type refused with q=0 is never chosen, whatever wildcard also matches it."""
    ranges = parse_accept(header)
    refused = {r.type for r in ranges if r.quality <= 0 and "*" not in r.type}
    for media_range in ranges:
        if media_range.quality <= 0:
            continue
        for media_type in offered:
            if media_type not in refused and media_range.matches(media_type):
                return media_type
    return None


def wants_html(header: str | None) -> bool:
    """Whether a browser asked for HTML before any RDF type."""
    for media_range in parse_accept(header):
        if media_range.type in ("text/html", "application/xhtml+xml"):
            return media_range.quality > 0
        if media_range.type in GRAPH_TYPES or media_range.type in ("*/*",):
            return False
    return False


def with_charset(media_type: str) -> str:
    return f"{media_type}; charset=utf-8" if media_type in CHARSET_TYPES else media_type
