"""qusgraph: a knowledge graph of the Qatar–United States Strategic Dialogue, built from
Arabic and English news copy, validated with SHACL and served over SPARQL.

Module map — one package per stage; data flows one way, top to bottom, and imports
only run down it (tests/test_layers.py):

    text/           text in
      articles        read .txt, folders, JSON Lines, stdin → Article (title, body, boilerplate cut)
      chrome          page chrome (share bars, breadcrumbs, buttons glued to a line) told from text
      normalize       Arabic/English normalisation with an offset map back to the original text
      tokens          tokens with original spans; Arabic clitic readings (بواشنطن → واشنطن)
      segment         title, paragraphs, sentences, dateline
      lexicon         the tables of data/lexicon/ (gazetteers, ordinals, months, cues, word lists,
                      label templates …), each row checked against schema.tsv
      namekeys        the folded and vowel-less keys names are compared on (search, SPARQL)
    web/            saved pages and URLs → Article: trafilatura for text and metadata (pages),
                    polite, capped fetching (fetch), reading lists and --save-html (sources)
    extract/        mentions → numbers/dates → people/posts → sentence frames → facts:
                    analysis (each sentence analysed once) feeds one module per fact kind
                    (officials, chairs, commentary, rounds, topics, agreements, commitments,
                    dialogues), their windows in tuning; facts.py is the driver;
                    model: the typed fact records, each with the evidence that supports it
    rdf/            facts → RDF
      mint            deterministic IRIs (id/country/QA, id/dialogue/QA-US/round/5)
      mapping         records → quads of the article's named graph, with PROV provenance
      graph           ArticleGraph: an article's fact and provenance terms, as stages hand them on
      topics          the SKOS topic scheme, read from ontology/topics.ttl
      provenance      the query that reads a fact's supporting sentence back, and its Quote
      rdflib_terms    terms between pyoxigraph and rdflib (pySHACL, update checking, the bench)
      namespaces      prefixes shared by Turtle, JSON-LD, SPARQL and the pages
    validation/
      shapes          shapes/ checked by the `shacl` engine (each article graph at ingest, a store)
                      and by pySHACL (the reference: `qusgraph validate FILE`, the agreement test)
      update          SPARQL Update as a delta: evaluated, kept merged, checked by the shapes, committed
    store/
      embedded        Oxigraph on disk; article graphs and the merged default graph
      queryhelp       SPARQL syntax errors in full, with a plain reading (updates, unknown prefixes)
      functions       qus:searchKey and qus:nameSkeleton, registered on every query
    pipeline.py     read → extract → map → validate → store, per article, all or nothing
    serialize/      out of the store
      results         SPARQL results as table/JSON/CSV/TSV/XML or RDF
      export          Turtle, TriG, N-Quads, N-Triples, JSON-LD; parallel dataset export
      jsonld          streaming JSON-LD compacted against ontology/context.jsonld
      trig            TriG written straight from the mapped terms (the batched ingest's hand-over)
      bulk            `export --split`: N-Quads files for engines' bulk loaders
    explore/        reading the graph
      explain         facts about a node with their quoted sentences; extraction debug view
      conflicts       one-valued properties with several values from different articles
      timeline        every round of each dialogue on a time axis, drawn with drawsvg
      search          name search on folded and vowel-less keys (find, /search, qus:searchKey)
    remote/         other endpoints
      client          `ingest --endpoint` / `query --endpoint` against a running server
      push            `qusgraph push`: graphs into another engine over the Graph Store Protocol,
                      with a record of what was pushed (hashes), retries, auth and read-back
    server/         `qusgraph serve`: app (routes, middleware, lifespan), endpoint (the running
                    state: store, workers, writes), routes (SPARQL protocol, graph store, linked
                    data, writes), responses (negotiated and streamed RDF), negotiation, describe,
                    pages, safety, connections, query worker processes; explore: /timeline and
                    /search; static/vendor: the Yasqe editor
    resources.py    where ontology/, shapes/ and data/ live (checkout or wheel)
    errors.py       the project's errors and their exit codes
    cli.py          the `qusgraph` command

Benchmarks (`make bench`) live in bench/: a deterministic corpus generator and the runs
that compare ingest, queries, exports and HTTP with pyoxigraph and rdflib.

Public verbs: `open_store`, `ingest`, `query`, `validate`.

>>> import qusgraph
>>> store = qusgraph.open_store(None)  # an in-memory store
>>> [o.accepted for o in qusgraph.ingest(["data/articles/seed-000.txt"], store, published="2022-11-21")]
[True]
>>> [row["date"].value for row in qusgraph.query(store, "SELECT ?date WHERE { ?r qus:ordinal 5 ; qus:date ?date }")]
['2022-11-22']
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

__version__ = "0.1.0"

# Modules log to loggers named after them (`qusgraph.pipeline`, `qusgraph.store.embedded` …).
# The library stays silent unless its user configures logging: it never touches the root
# logger, and this handler keeps Python's last-resort handler from printing warnings.
# `qusgraph --verbose` shows them on stderr.
logging.getLogger(__name__).addHandler(logging.NullHandler())

if TYPE_CHECKING:
    from .pipeline import ArticleOutcome
    from .store.embedded import QusStore
    from .validation.shapes import StoreReport


def open_store(path: str | Path | None, read_only: bool = False) -> QusStore:
    """Open (or create) a store directory; `None` gives an in-memory store."""
    from .store.embedded import QusStore

    return QusStore(path, read_only=read_only)


def ingest(paths: list[str], store: QusStore, published: str | date | None = None) -> list[ArticleOutcome]:
    """Ingest articles into `store`; one outcome per article (rejected ones change nothing)."""
    from .pipeline import ingest_paths

    when = date.fromisoformat(published) if isinstance(published, str) else published
    return list(ingest_paths(paths, store, when))


def query(store: QusStore, sparql: str):  # type: ignore[no-untyped-def]
    """Run SPARQL with the project's prefixes predeclared."""
    return store.query(sparql)


def validate(store: QusStore, integrity: bool = False) -> StoreReport:
    """Check each article graph of the store, and the merged graph, against the SHACL shapes."""
    from .validation.shapes import validate_store

    return validate_store(store, integrity)


__all__ = ["__version__", "ingest", "open_store", "query", "validate"]
