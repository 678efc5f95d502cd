"""Lexical forms of the XML Schema datatypes the shapes require (XML Schema 1.1 Part 2):
a literal whose lexical form is not one of its datatype's is ill-typed.

Link: https://www.w3.org/TR/xmlschema11-2/
"""

from __future__ import annotations

import re

import pyoxigraph as ox
from rdflib.namespace import XSD

LEXICAL = {
    str(XSD.integer): re.compile(r"^[+-]?\d+$"),
    str(XSD.nonNegativeInteger): re.compile(r"^\+?\d+$"),
    str(XSD.decimal): re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$"),
    str(XSD.date): re.compile(r"^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(Z|[+-]\d{2}:\d{2})?$"),
    str(XSD.gYearMonth): re.compile(r"^-?\d{4,}-(0[1-9]|1[0-2])(Z|[+-]\d{2}:\d{2})?$"),
    str(XSD.gYear): re.compile(r"^-?\d{4,}(Z|[+-]\d{2}:\d{2})?$"),
    str(XSD.duration): re.compile(r"^-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$"),
    str(XSD.boolean): re.compile(r"^(true|false|1|0)$"),
    str(XSD.anyURI): re.compile(r"^\S*$"),
}


def lexical_ok(literal: ox.Literal, datatype: str) -> bool:
    pattern = LEXICAL.get(datatype)
    return pattern is None or bool(pattern.match(literal.value))
