"""Name search over every label of the graph, whatever the spelling.

Agencies spell one name many ways: hamza and alef forms (أ إ آ ا), ى for ي, ة for ه,
diacritics and tatweel, "عبد الرحمن" joined or not, long vowels written or left out
(بلينكن, بلنكن), and in Latin script case, accents, hyphens and transliteration
(Mohammed, Muhammad, Mohamed; Abdulrahman, Abdul Rahman). A label is compared with a
query on two keys:

- the *folded* key: the extractor's own normalisation (normalize.py), accents stripped,
  punctuation dropped — it only forgives orthography;
- the *skeleton* key: the folded key with each word's inner vowels dropped (ا و ي after an
  Arabic word's first letter; a e i o u y in Latin, with doubled letters and th/ph/c/q
  simplified) — it forgives transliteration.

A hit on the folded key ranks above one on the skeleton, a whole label above a part of it.

>>> search_key("أنتوني بْلِينكن")
'انتوني بلينكن'
>>> score("Muhammad bin Abdul Rahman Al-Thani", "Mohammed bin Abdulrahman Al Thani")
90
>>> skeleton("بلنكن") == skeleton("بلينكن")
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..rdf.namespaces import QUS
from ..text.namekeys import search_key, skeleton

# Kinds a search finds, in the order hits of equal score are listed.
KINDS = ("Official", "Place", "Organization", "Country", "Round", "Dialogue", "Agreement", "Commitment")
LABELS_QUERY = (
    "SELECT ?node ?type ?label ?lang WHERE { VALUES ?type { "
    + " ".join(f"qus:{kind}" for kind in KINDS)
    + " } ?node a ?type ; rdfs:label ?label BIND(LANG(?label) AS ?lang) }"
)


def _at_word_start(needle: str, words: list[str]) -> bool:
    """`needle` (spaces removed) starts at the beginning of one of `words`, run together."""
    joined = "".join(words)
    start = 0
    for word in words:
        if joined.startswith(needle, start):
            return True
        start += len(word)
    return False


def score(query: str, label: str) -> int:
    """How well `label` answers `query`: 0 (no match) to 100 (the same name, as spelt)."""
    q_fold, l_fold = search_key(query).split(), search_key(label).split()
    q_skel, l_skel = skeleton(query).split(), skeleton(label).split()
    if not q_fold or not l_fold:
        return 0
    if "".join(q_fold) == "".join(l_fold):
        return 100
    if "".join(q_skel) == "".join(l_skel):
        return 90
    if _at_word_start("".join(q_fold), l_fold):
        return 80
    if _at_word_start("".join(q_skel), l_skel):
        return 70
    # Every word of the query begins a word of the label, in any order (Khalid Al-Attiyah
    # for Khalid bin Mohamed Al Attiyah).
    if all(any(word.startswith(q) for word in l_skel) for q in q_skel):
        return 60
    return 0


@dataclass
class Hit:
    iri: str
    kind: str
    score: int
    matched: str  # the label that matched best
    labels: dict[str, str] = field(default_factory=dict)  # language → a label

    def as_json(self) -> dict[str, object]:
        return {"iri": self.iri, "kind": self.kind, "score": self.score, "matched": self.matched,
                "labels": self.labels}


def find(query: str, rows: Iterable[dict[str, str]], limit: int = 20) -> list[Hit]:
    """Rank the nodes of `rows` (node, type, label, lang) for `query`; best first."""
    hits: dict[str, Hit] = {}
    for row in rows:
        kind = row["type"].removeprefix(QUS)
        hit = hits.setdefault(row["node"], Hit(row["node"], kind, 0, ""))
        if KINDS.index(kind) < KINDS.index(hit.kind):
            hit.kind = kind  # a node of several kinds is listed under the first
        hit.labels.setdefault(row.get("lang") or "en", row["label"])
        points = score(query, row["label"])
        if points > hit.score:
            hit.score, hit.matched = points, row["label"]
    found = [hit for hit in hits.values() if hit.score > 0]
    found.sort(key=lambda h: (-h.score, KINDS.index(h.kind), len(h.matched), h.iri))
    return found[:limit]


def label_rows(run: Callable[[str], list[dict[str, str]]]) -> list[dict[str, str]]:
    """The labels to search, from a runner of SPARQL (rows of node, type, label, lang)."""
    return run(LABELS_QUERY)
