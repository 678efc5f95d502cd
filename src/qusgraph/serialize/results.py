"""Writing SPARQL results: SELECT/ASK as a table, JSON, CSV, TSV or XML; CONSTRUCT/DESCRIBE
as Turtle, N-Triples or JSON-LD. One function decides, so CLI and server agree."""

from __future__ import annotations

from typing import IO

import pyoxigraph as ox

from ..errors import QueryError
from ..rdf.namespaces import XSD, short_iri
from .export import RDF_FORMATS, RESULT_FORMATS, write_triples

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


# ---------------------------------------------------------------------- capped SELECT results
# pyoxigraph serialises a whole result set; the endpoint must stop after a number of rows,
# so it writes the four SPARQL results formats itself (W3C SPARQL 1.1 Query Results JSON,
# XML, CSV and TSV), one row at a time.
RESULTS_NS = "http://www.w3.org/2005/sparql-results#"


def write_capped_solutions(results: ox.QuerySolutions, fmt: str, output: IO[bytes], limit: int) -> tuple[int, bool]:
    """Write at most `limit` rows of SELECT results; returns (rows written, truncated)."""
    names = [v.value for v in results.variables]
    writer = _WRITERS[fmt]
    output.write(writer.head(names).encode("utf-8"))
    count = 0
    truncated = False
    for solution in results:
        if count >= limit:
            truncated = True
            break
        output.write(writer.row(names, [solution[name] for name in names], count).encode("utf-8"))
        count += 1
    output.write(writer.tail().encode("utf-8"))
    return count, truncated


class _Writer:
    """One SPARQL results format, written a row at a time."""

    @staticmethod
    def head(names: list[str]) -> str:
        raise NotImplementedError

    @staticmethod
    def row(names: list[str], terms: list[object], index: int) -> str:
        raise NotImplementedError

    @staticmethod
    def tail() -> str:
        return ""


class _JsonWriter(_Writer):
    @staticmethod
    def head(names: list[str]) -> str:
        import json

        return '{"head":{"vars":' + json.dumps(names) + '},"results":{"bindings":['

    @staticmethod
    def row(names: list[str], terms: list[object], index: int) -> str:
        import json

        cells = {}
        for name, term in zip(names, terms, strict=True):
            if term is None:
                continue
            cells[name] = _json_term(term)
        return ("," if index else "") + json.dumps(cells, ensure_ascii=False)

    @staticmethod
    def tail() -> str:
        return "]}}"


def _json_term(term: object) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        cell = {"type": "literal", "value": term.value}
        if term.language:
            cell["xml:lang"] = term.language
        elif term.datatype.value != XSD + "string":
            cell["datatype"] = term.datatype.value
        return cell
    return {"type": "literal", "value": str(term)}


class _XmlWriter(_Writer):
    @staticmethod
    def head(names: list[str]) -> str:
        from xml.sax.saxutils import quoteattr

        variables = "".join(f"<variable name={quoteattr(n)}/>" for n in names)
        return f'<?xml version="1.0"?>\n<sparql xmlns="{RESULTS_NS}"><head>{variables}</head><results>'

    @staticmethod
    def row(names: list[str], terms: list[object], index: int) -> str:
        from xml.sax.saxutils import escape, quoteattr

        parts = []
        for name, term in zip(names, terms, strict=True):
            if term is None:
                continue
            if isinstance(term, ox.NamedNode):
                value = f"<uri>{escape(term.value)}</uri>"
            elif isinstance(term, ox.BlankNode):
                value = f"<bnode>{escape(term.value)}</bnode>"
            elif isinstance(term, ox.Literal):
                if term.language:
                    value = f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
                elif term.datatype.value != XSD + "string":
                    value = f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
                else:
                    value = f"<literal>{escape(term.value)}</literal>"
            else:
                value = f"<literal>{escape(str(term))}</literal>"
            parts.append(f"<binding name={quoteattr(name)}>{value}</binding>")
        return "<result>" + "".join(parts) + "</result>"

    @staticmethod
    def tail() -> str:
        return "</results></sparql>\n"


class _CsvWriter(_Writer):
    @staticmethod
    def head(names: list[str]) -> str:
        return ",".join(_csv_cell(n) for n in names) + "\r\n"

    @staticmethod
    def row(names: list[str], terms: list[object], index: int) -> str:
        values = []
        for term in terms:
            if term is None:
                values.append("")
            elif isinstance(term, ox.BlankNode):
                values.append(_csv_cell("_:" + term.value))
            else:
                values.append(_csv_cell(getattr(term, "value", str(term))))
        return ",".join(values) + "\r\n"

    @staticmethod
    def tail() -> str:
        return ""


def _csv_cell(value: str) -> str:
    if any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


class _TsvWriter(_Writer):
    @staticmethod
    def head(names: list[str]) -> str:
        return "\t".join("?" + n for n in names) + "\n"

    @staticmethod
    def row(names: list[str], terms: list[object], index: int) -> str:
        return "\t".join("" if term is None else str(term) for term in terms) + "\n"

    @staticmethod
    def tail() -> str:
        return ""


_WRITERS: dict[str, type[_Writer]] = {"json": _JsonWriter, "xml": _XmlWriter, "csv": _CsvWriter, "tsv": _TsvWriter}
