"""Keeping the endpoint safe: what a query or update may be, decided before it runs.

Two checks, in this order:

1. `check_shape` — size and nesting depth, by a plain scan that parses nothing. Both SPARQL
   parsers in play recurse once per bracket (Oxigraph's overflows its thread's stack near
   3,000 levels, rdflib's pyparsing needs ~20 Python frames a level), so no parser may see
   text nested deeper than `max_depth`. The scan is cheap enough for the server process.
2. `check_operations` — the *parsed* request, never keywords: rdflib's SPARQL grammar
   (`parseQuery` / `parseUpdate`) builds the syntax tree, and any SERVICE, any LOAD, or a
   dataset IRI (FROM, FROM NAMED, USING, USING NAMED, WITH) that is not a graph of this
   store is refused. Oxigraph evaluates SERVICE and LOAD with its own HTTP client, so these
   would make the server fetch any URL or read local files on a client's behalf. Text the
   guard cannot parse is refused. This runs in a query worker, never in the server process.

Lexical corners where two parsers could disagree (a comment ended by \\r, \\v, \\f or
U+2028; \\u escapes) are covered by checking every reading: the depth scan takes the
deepest of several lexings, and the guard parses the text as sent *and* with every line
terminator made a newline; both must pass.

>>> check_shape("SELECT * WHERE { { ?s ?p ?o } }", Limits(max_depth=1)).status
400
>>> check_shape("SELECT * WHERE { ?s ?p ?o }", Limits()) is None
True
>>> check_operations("SELECT * WHERE { SERVICE <http://10.0.0.1/sparql> { ?s ?p ?o } }", "query",
...                  lambda iri: True).message
'SERVICE is not allowed on this endpoint'
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

MAX_DEPTH = 100  # brackets; rdflib parses 500 levels in ~4 s with the recursion limit below
MAX_QUERY_SIZE = 256 * 1024  # characters
# Python frames rdflib's parser needs for MAX_DEPTH levels, with room to spare (measured: ~25 a
# level); set in the processes that parse (the query workers).
RECURSION_LIMIT = 50_000

Kind = Literal["query", "update"]


@dataclass(frozen=True)
class Limits:
    max_depth: int = MAX_DEPTH
    max_size: int = MAX_QUERY_SIZE


@dataclass(frozen=True)
class Refusal:
    """Why a request is not run: the HTTP status and a one-line message for the client."""

    status: int
    message: str


# ------------------------------------------------------------------------- 1. shape
# Every character some parser may take as the end of a line (and so of a comment).
_LINE_ENDS = "\n\r\v\f\x85\u2028\u2029"
_ALL_ENDS = re.compile("\r\n|[" + _LINE_ENDS + "]")
_IRI = r"<[^<>\"{}|^`\\\x00-\x20]*>"
_STRINGS = (
    r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\[\s\S]|'(?!''))*'''"
    # Short strings stop at any line end: a parser stricter than another hides less this way.
    rf'|"(?:[^"\\{_LINE_ENDS}]|\\[^{_LINE_ENDS}])*"'
    rf"|'(?:[^'\\{_LINE_ENDS}]|\\[^{_LINE_ENDS}])*'"
)


def _lexer(comment_ends: str) -> re.Pattern[str]:
    return re.compile(
        rf"(?P<skip>#[^{comment_ends}]*|{_STRINGS})"
        rf"|(?P<iri>{_IRI})"
        r"|(?P<open><<|[{(\[])"
        r"|(?P<close>>>|[})\]])"
    )


# Oxigraph ends a comment at \r or \n, rdflib's grammar at \n; a third reading ends it at
# any line terminator. The deepest of the three counts.
_LEXERS = tuple(_lexer(ends) for ends in ("\n", "\r\n", _LINE_ENDS))
_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _decode(text: str) -> str:
    def char(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= sys.maxunicode and not 0xD800 <= code <= 0xDFFF else "\ufffd"

    return _UNICODE_ESCAPE.sub(char, text)


def _depth(text: str, lexer: re.Pattern[str]) -> int:
    depth = deepest = 0
    for match in lexer.finditer(text):
        kind = match.lastgroup
        if kind == "open":
            depth += 1
            deepest = max(deepest, depth)
        elif kind == "close":
            depth = max(0, depth - 1)
        elif kind == "iri":
            # Brackets inside what looks like an IRI may be code to a parser that reads the
            # '<' as less-than: count what they open, never what they close.
            body = match.group(0)
            depth += max(0, sum(body.count(c) for c in "([") - sum(body.count(c) for c in ")]"))
            deepest = max(deepest, depth)
    return deepest


def nesting_depth(text: str) -> int:
    """The deepest bracket nesting ({ ( [ <<) outside strings, IRIs and comments, under every
    reading of comments and \\u escapes a SPARQL parser might use (the largest wins).

    >>> nesting_depth('SELECT * WHERE { ?s ?p "{{{{" FILTER((?o)) }  # {{{{')
    3
    >>> nesting_depth('# comment\\r{{{ }}}')
    3
    """
    readings = [text] if "\\u" not in text and "\\U" not in text else [text, _decode(text)]
    return max(_depth(reading, lexer) for reading in readings for lexer in _LEXERS)


def check_shape(text: str, limits: Limits) -> Refusal | None:
    """Refuse text longer or deeper than the limits, before any parser sees it."""
    if len(text) > limits.max_size:
        return Refusal(413, f"the query is {len(text)} characters long; the limit is {limits.max_size}")
    depth = nesting_depth(text)
    if depth > limits.max_depth:
        return Refusal(400, f"the query nests brackets {depth} deep; the limit is {limits.max_depth}")
    return None


# ------------------------------------------------------------------------- 2. operations
@dataclass(frozen=True)
class _Verdict:
    refusal: Refusal | None
    dataset: tuple[str | None, ...] = ()  # IRIs named by FROM/USING/WITH (None: cannot be resolved)


def check_operations(text: str, kind: Kind, is_graph: Callable[[str], bool],
                     extra_dataset: tuple[str, ...] = ()) -> Refusal | None:
    """Refuse SERVICE, LOAD, and dataset IRIs (FROM/FROM NAMED/USING/WITH and the protocol's
    `extra_dataset`) that are not graphs of the store (`is_graph`), deciding on the parse
    tree. Text the guard cannot parse is refused."""
    # Short texts are cached (clients repeat their queries); long ones would fill the memory.
    verdict = _cached_verdict(text, kind) if len(text) <= 8192 else _verdict(text, kind)
    if verdict.refusal is not None:
        return verdict.refusal
    for iri in (*verdict.dataset, *extra_dataset):
        if iri is None or not is_graph(iri):
            shown = "a dataset IRI" if iri is None else f"<{iri}>"
            return Refusal(403, f"{shown} is not a graph of this store; FROM, USING and WITH may name only those")
    return None


class _ServiceFound(Exception):
    """Raised by the grammar the moment it matches a SERVICE pattern."""


@functools.cache
def _stop_at_service() -> None:
    """Make rdflib's parser stop at the first SERVICE it matches. Its ServiceGraphPattern
    re-scans the whole text for each one it matches (to keep the pattern's source), which
    nested SERVICEs make exponential: a few took longer than the time limit. We refuse
    SERVICE anyway, so the first match ends the parse (an exception other than ParseException
    passes through pyparsing)."""
    from rdflib.plugins.sparql import parser

    def found(instring: str, loc: int, tokens: Any) -> Any:
        raise _ServiceFound()

    parser.ServiceGraphPattern.postParse = found  # type: ignore[method-assign,assignment]


def _verdict(text: str, kind: Kind) -> _Verdict:
    """The parse-tree verdict on one text."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    _stop_at_service()
    readings = dict.fromkeys([text, _ALL_ENDS.sub("\n", text)])
    dataset: list[str | None] = []
    for reading in readings:
        try:
            tree = parseQuery(reading) if kind == "query" else parseUpdate(reading)
        except _ServiceFound:
            return _Verdict(Refusal(403, "SERVICE is not allowed on this endpoint"))
        except ParseBaseException as error:
            return _Verdict(Refusal(400, f"SPARQL syntax error: {_one_line(error.msg)} "
                                         f"at line {error.lineno}, column {error.col}"))
        except RecursionError:
            return _Verdict(Refusal(400, "the query nests too deeply to be checked"))
        except Exception as error:  # noqa: BLE001 - whatever the guard cannot parse is refused
            return _Verdict(Refusal(400, f"the query cannot be checked: {type(error).__name__}"))
        refusal, names = _inspect(tree)
        if refusal is not None:
            return _Verdict(refusal)
        dataset.extend(names)
    return _Verdict(None, tuple(dict.fromkeys(dataset)))


_cached_verdict = functools.lru_cache(maxsize=512)(_verdict)


def _inspect(tree: Any) -> tuple[Refusal | None, list[str | None]]:
    """Walk the syntax tree (iteratively: it may be deep) for SERVICE, LOAD and dataset IRIs."""
    from ..rdf.namespaces import PREFIXES

    prefixes = dict(PREFIXES)
    base: str | None = None
    dataset: list[str | None] = []
    for node in _nodes(tree):
        name = node.name
        if name == "ServiceGraphPattern":
            return Refusal(403, "SERVICE is not allowed on this endpoint"), []
        if name == "Load":
            return Refusal(403, "LOAD is not allowed on this endpoint"), []
        if name == "PrefixDecl":
            prefixes[str(dict.get(node, "prefix") or "")] = str(dict.get(node, "iri"))
        elif name == "Base":
            base = str(dict.get(node, "iri"))
        elif name in ("DatasetClause", "UsingClause"):
            term = dict.get(node, "default")
            dataset.append(_resolve(term if term is not None else dict.get(node, "named"), prefixes, base))
        elif name == "Modify" and dict.get(node, "withClause") is not None:
            dataset.append(_resolve(dict.get(node, "withClause"), prefixes, base))
    return None, dataset


def _nodes(tree: Any) -> Iterator[Any]:
    """Every CompValue of a parse tree, in document order (prologue first)."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            yield item
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, (list, tuple, ParseResults)):
            stack.extend(reversed(list(item)))


def _resolve(term: Any, prefixes: dict[str, str], base: str | None) -> str | None:
    """The absolute IRI of a dataset clause's term; None when it cannot be told for sure."""
    from urllib.parse import urljoin

    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import URIRef

    if isinstance(term, CompValue) and term.name == "pname":
        # CompValue.get returns the key itself when it is missing: read the dict directly.
        prefix = str(dict.get(term, "prefix") or "")
        if prefix not in prefixes:
            return None
        return prefixes[prefix] + str(dict.get(term, "localname") or "")
    if isinstance(term, URIRef):
        iri = str(term)
        if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", iri):
            return iri
        return urljoin(base, iri) if base else None
    return None


def _one_line(text: str, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
