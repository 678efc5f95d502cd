"""What a SPARQL syntax error says to a person: the parser's whole message (Oxigraph lists
every token it expected — "Prefix not found" hides among them), led by a plain reading of
the two commonest mistakes: an update given where a query is expected, and a prefix that
is neither predeclared nor declared.

>>> print(syntax_message(SyntaxError("error at 1:10: expected CONSTRUCT"), "INSERT DATA { <a:b> <a:c> 1 }")[:43])
`query` does not run updates (INSERT): send
"""

from __future__ import annotations

import re

from ..rdf.namespaces import PREFIXES

# Keywords that begin a SPARQL 1.1 Update operation; a query never begins with one.
UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")
QUERY_FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
_PROLOGUE = re.compile(r"\s*(?:#[^\n]*\n?|(?i:PREFIX)\s+[\w.-]*:\s*<[^>]*>|(?i:BASE)\s*<[^>]*>)", re.S)
_DECLARED = re.compile(r"(?i:PREFIX)\s+([\w.-]*):")
_PREFIXED = re.compile(r"(?<![\w<?$])([A-Za-z][\w.-]*):(?!//)")
_STRINGS_AND_IRIS = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>|#[^\n]*')


def first_keyword(sparql: str) -> str:
    """The first word after the prologue (comments, PREFIX and BASE), upper-cased."""
    position = 0
    while match := _PROLOGUE.match(sparql, position):
        if match.end() == position:
            break
        position = match.end()
    word = re.match(r"\s*([A-Za-z]+)", sparql[position:])
    return word.group(1).upper() if word else ""


def unknown_prefixes(sparql: str) -> list[str]:
    """Prefixes the query uses that neither the project nor the query declares."""
    declared = set(PREFIXES) | set(_DECLARED.findall(sparql))
    code = _STRINGS_AND_IRIS.sub(" ", sparql)
    return sorted({name for name in _PREFIXED.findall(code) if name not in declared})


def syntax_message(error: BaseException, sparql: str) -> str:
    """The whole parser message on one line, after a plain reading of it where one applies."""
    parser = " ".join(str(error).split())
    keyword = first_keyword(sparql)
    if keyword in UPDATE_KEYWORDS:
        return (f"`query` does not run updates ({keyword}): send updates to a server started with "
                f"--allow-update (POST /sparql, update=…). Parser: {parser}")
    if "Prefix not found" in parser:
        unknown = unknown_prefixes(sparql)
        named = ", ".join(f"'{name}:'" for name in unknown) or "a prefix"
        return (f"unknown prefix {named}: declare it with PREFIX, or use one of "
                f"{', '.join(p + ':' for p in PREFIXES)}. Parser: {parser}")
    if keyword and keyword not in QUERY_FORMS:
        return f"a query begins with SELECT, CONSTRUCT, ASK or DESCRIBE, not '{keyword}'. Parser: {parser}"
    return parser
