"""Keeping the endpoint safe: no SERVICE or LOAD (they would make the server fetch any URL
or read local files on a client's behalf), and what a request may carry.

Oxigraph evaluates SERVICE and LOAD with its own HTTP client, so they are refused before a
query reaches the store. The check reads the query as SPARQL tokens — comments, strings and
IRIs removed, \\u escapes decoded — so a keyword cannot hide in a literal or be escaped.

>>> forbidden_operation('SELECT * WHERE { SERVICE <http://10.0.0.1/sparql> { ?s ?p ?o } }')
'SERVICE'
>>> forbidden_operation('SELECT * WHERE { ?s rdfs:label "SERVICE LOAD" }') is None
True
"""

from __future__ import annotations

import re

FORBIDDEN = ("SERVICE", "LOAD")
_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_NOT_CODE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*",
)
_KEYWORD = re.compile(r"(?<![\w:?$])(" + "|".join(FORBIDDEN) + r")(?![\w:])", re.IGNORECASE)


def forbidden_operation(sparql: str) -> str | None:
    """The first forbidden keyword (SERVICE, LOAD) the query or update uses, if any."""
    decoded = _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), sparql)
    code = _NOT_CODE.sub(" ", decoded)
    match = _KEYWORD.search(code)
    return match.group(1).upper() if match else None
