"""Deterministic IRIs: the same real-world thing gets the same IRI in every article and run.

>>> round_iri(dialogue_iri(("US", "QA")), 5)
'https://w3id.org/qusgraph/id/dialogue/QA-US/round/5'
>>> official_iri("antony-blinken")
'https://w3id.org/qusgraph/id/person/antony-blinken'
"""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from urllib.parse import quote

from ..text.normalize import normalize
from .namespaces import ID

_SLUG_UNSAFE = re.compile(r"[^a-z0-9]+")
_TYPE_WORDS = re.compile(r"(?<!^)(?=[A-Z])")
_BIDI_FORMATTING = frozenset({0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)})


def _digest(*parts: str, length: int = 12) -> str:
    return hashlib.sha1("\u241f".join(parts).encode("utf-8")).hexdigest()[:length]


def _iri_safe(char: str) -> bool:
    """Whether a character may stand in an IRI path segment as itself (RFC 3987 iunreserved:
    ASCII letters, digits, "-._~" and the ucschar ranges)."""
    code = ord(char)
    if code in _BIDI_FORMATTING:  # RFC 3987 §4.1: these must not appear in an IRI
        return False
    if code < 0x80:
        return char.isalnum() or char in "-._~"
    return (0xA0 <= code <= 0xD7FF or 0xF900 <= code <= 0xFDCF or 0xFDF0 <= code <= 0xFFEF
            or (0x10000 <= code <= 0xEFFFD and (code & 0xFFFF) < 0xFFFE))


def article_iri(article_id: str) -> str:
    """The article's IRI: its id, with what an IRI may not hold percent-encoded (UTF-8), so that
    different ids never share an IRI ("%" itself is encoded). Arabic ids stay readable.
    "." and ".." are encoded whole: as path segments they would be resolved away."""
    if article_id in (".", ".."):
        return f"{ID}article/{article_id.replace('.', '%2E')}"
    encoded = "".join(char if _iri_safe(char) else quote(char.encode("utf-8", "surrogatepass"), safe="")
                      for char in article_id)
    return f"{ID}article/{encoded}"


def country_iri(iso: str) -> str:
    return f"{ID}country/{iso}"


def dialogue_iri(parties: tuple[str, ...]) -> str:
    return f"{ID}dialogue/{'-'.join(sorted(parties))}"


def round_iri(dialogue: str, ordinal: int) -> str:
    return f"{dialogue}/round/{ordinal}"


def place_iri(key: str) -> str:
    return f"{ID}place/{key}"


def organization_iri(key: str) -> str:
    return f"{ID}organization/{key}"


def publisher_iri(host: str | None, name: str) -> str:
    """A web site by its host name without "www." (qna.org.qa); a site known only by name
    by a digest of it."""
    return f"{ID}publisher/{host.removeprefix('www.') if host else _digest(normalize(name))}"


def topic_iri(notation: str) -> str:
    return f"{ID}topic/{notation}"


def topic_scheme_iri() -> str:
    return f"{ID}topic"


def official_iri(official_id: str) -> str:
    """Gazetteer officials by their key; others by a digest of their normalised name."""
    if official_id.startswith("name:"):
        return f"{ID}person/n-{_digest(normalize(official_id[5:]))}"
    return f"{ID}person/{official_id}"


def post_iri(country: str | None, text: str) -> str:
    return f"{ID}post/{country or 'XX'}/{_digest(normalize(text))}"


def type_slug(type_name: str) -> str:
    """"MemorandumOfUnderstanding" → "memorandum-of-understanding"."""
    return "-".join(word.lower() for word in _TYPE_WORDS.split(type_name))


def agreement_iri(dialogue: str | None, ordinal: int | None, type_name: str, primary_topic: str | None,
                  article: str) -> str:
    """An agreement of a known round is identified by its round, type and main topic;
    one whose round is unknown cannot be matched across articles and stays the article's."""
    slug = type_slug(type_name) + (f"-{primary_topic}" if primary_topic else "")
    if dialogue is not None and ordinal is not None:
        return f"{round_iri(dialogue, ordinal)}/agreement/{slug}"
    return f"{article}/agreement/{slug}"


def commitment_iri(dialogue: str | None, party: str | None, amount: Decimal, currency: str,
                   round_ordinal: int | None = None, beneficiary: str | None = None,
                   duration: str | None = None) -> str:
    """A commitment is identified by who pledges how much in which currency, and by what
    tells equal pledges apart — the round, the beneficiary, the duration — each of which a
    commitment has at most one of: without them two pledges of 10 million dollars at two
    rounds became one node with two rounds, and SHACL rejected the article."""
    value = format(amount.normalize(), "f")
    base = f"{dialogue}/commitment" if dialogue else f"{ID}commitment"
    slug = f"{party or 'XX'}-{_SLUG_UNSAFE.sub('-', value.lower())}-{currency}"
    if round_ordinal is not None:
        slug += f"/round-{round_ordinal}"
    if beneficiary is not None:
        slug += f"/to-{quote(beneficiary, safe='-._~')}"
    if duration is not None:
        slug += f"/for-{quote(duration, safe='-._~')}"
    return f"{base}/{slug}"


def sentence_iri(article: str, index: int) -> str:
    return f"{article}/sentence/{index}"


def support_iri(article: str, *parts: str) -> str:
    return f"{article}/support/{_digest(*parts, length=16)}"


def graph_iri(name: str) -> str:
    """Named graphs that are not articles (the topic scheme)."""
    return f"{ID}graph/{name}"
