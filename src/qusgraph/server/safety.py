"""Keeping the endpoint safe: no SERVICE or LOAD (they would make the server fetch any URL
or read local files on a client's behalf), and what a request may carry.

Oxigraph evaluates SERVICE and LOAD with its own HTTP client, so they are refused before a
query reaches the store. The check takes comments, strings and IRIs out, then variables and
prefixed names, and refuses the query if what is left contains either keyword anywhere —
glued to a number ("5SERVICE") included. It does so twice, with \\u escapes decoded before
and after the strings are taken out, since a parser may read them either way.

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
_NAMES = re.compile(r"[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+|[\w.-]*:[\w.%:\\-]*")
_KEYWORD = re.compile("|".join(FORBIDDEN), re.IGNORECASE)


def _decode(text: str) -> str:
    return _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def _code(text: str) -> str:
    """The query without comments, strings, IRIs, variables and prefixed names."""
    return _NAMES.sub(" ", _NOT_CODE.sub(" ", text))


def forbidden_operation(sparql: str) -> str | None:
    """The first forbidden keyword (SERVICE, LOAD) the query or update uses, if any."""
    for code in (_decode(_code(sparql)), _code(_decode(sparql))):
        match = _KEYWORD.search(code)
        if match:
            return match.group(0).upper()
    return None
