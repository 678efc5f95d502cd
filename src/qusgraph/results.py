"""Writing SPARQL results: SELECT/ASK as a table, JSON, CSV, TSV or XML; CONSTRUCT/DESCRIBE
as Turtle, N-Triples or JSON-LD. One function decides, so CLI and server agree."""

from __future__ import annotations

import io
from typing import IO

import pyoxigraph as ox

from .errors import QueryError
from .export import RDF_FORMATS, RESULT_FORMATS, write_triples
from .namespaces import PREFIXES, XSD

SOLUTION_FORMATS = ("table", *RESULT_FORMATS)
GRAPH_FORMATS = ("turtle", "ntriples", "jsonld")
Results = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


def result_kind(results: Results) -> str:
    if isinstance(results, ox.QueryTriples):
        return "graph"
    if isinstance(results, ox.QueryBoolean):
        return "boolean"
    return "solutions"


def default_format(results: Results) -> str:
    return "turtle" if result_kind(results) == "graph" else "table"


def write_results(results: Results, fmt: str, output: IO[bytes]) -> None:
    """Write query results in `fmt`; raises QueryError if the format does not fit the query."""
    kind = result_kind(results)
    if kind == "graph":
        if fmt not in GRAPH_FORMATS:
            raise QueryError(f"--format {fmt} is for SELECT/ASK queries; a CONSTRUCT/DESCRIBE query gives "
                             f"one of: {', '.join(GRAPH_FORMATS)}")
        write_triples(results, RDF_FORMATS[fmt], output)  # type: ignore[arg-type]
        return
    if fmt not in SOLUTION_FORMATS:
        raise QueryError(f"--format {fmt} is for CONSTRUCT/DESCRIBE queries; a SELECT/ASK query gives "
                         f"one of: {', '.join(SOLUTION_FORMATS)}")
    if fmt == "table":
        output.write(render_table(results).encode("utf-8"))  # type: ignore[arg-type]
        return
    assert not isinstance(results, ox.QueryTriples)
    results.serialize(output, RESULT_FORMATS[fmt])


def render_table(results: ox.QuerySolutions | ox.QueryBoolean) -> str:
    """A plain-text table with prefixed IRIs (or "true"/"false" for ASK)."""
    if isinstance(results, ox.QueryBoolean):
        return ("true" if bool(results) else "false") + "\n"
    names = [v.value for v in results.variables]
    rows = [[short_term(solution[name]) for name in names] for solution in results]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def short_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> str:
    """A term as people read it: prefixed IRI, plain literal value with its language."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return short_iri(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return f"{term.value} @{term.language}"
        if term.datatype.value.startswith(XSD):
            return term.value
        return f"{term.value} ^^{short_iri(term.datatype.value)}"
    return str(term)


def short_iri(iri: str) -> str:
    best = ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(best):
            best = namespace
            name = f"{prefix}:{iri[len(namespace):]}"
    return name if best else f"<{iri}>"


def results_to_text(results: Results, fmt: str) -> str:
    buffer = io.BytesIO()
    write_results(results, fmt, buffer)
    return buffer.getvalue().decode("utf-8")
