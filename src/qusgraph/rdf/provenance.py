"""Reading provenance back: each fact about a node with the sentence that states it.

`mapping.py` writes a fact to the article's graph with a `qus:Support` (an `rdf:Statement`
naming the triple, `prov:wasDerivedFrom` its `qus:Sentence`, `qus:start`/`qus:end` the
words); this query is its inverse, shared by `qusgraph explain` and the `/id/` pages.
`?node` is bound by the caller (`substitutions=`), which is why it is selected too. A
`Quote` is one supporting sentence with the stating words marked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

FACTS_QUERY = """
SELECT ?node ?p ?o ?g ?text ?start ?end ?sentenceStart ?published ?url WHERE {
  ?node ?p ?o .
  OPTIONAL {
    GRAPH ?g {
      ?support rdf:subject ?node ; rdf:predicate ?p ; rdf:object ?o ;
               prov:wasDerivedFrom ?sentence ; qus:start ?start ; qus:end ?end .
      ?sentence qus:text ?text ; qus:start ?sentenceStart .
    }
    OPTIONAL { ?g qus:published ?published }
    OPTIONAL { ?g schema:url ?url }
  }
}
ORDER BY ?p ?o ?g ?start
"""


@dataclass(frozen=True)
class Quote:
    article: str
    published: str | None
    sentence: str
    start: int
    end: int
    sentence_start: int
    url: str | None = None  # the web page the article was read from

    def marked(self, mark: Callable[[str], str] = "⟦{}⟧".format, text: Callable[[str], str] = str) -> str:
        """The sentence with the supporting words marked (between ⟦ ⟧ unless `mark` says
        otherwise; `<mark>` on the pages), every piece written by `text` (escaped, on the pages)."""
        a, b = self.start - self.sentence_start, self.end - self.sentence_start
        if not 0 <= a <= b <= len(self.sentence):
            return text(self.sentence)
        return text(self.sentence[:a]) + mark(text(self.sentence[a:b])) + text(self.sentence[b:])
