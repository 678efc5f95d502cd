"""Reading provenance back: each fact about a node with the sentence that states it.

`mapping.py` writes a fact to the article's graph with a `qus:Support` (an `rdf:Statement`
naming the triple, `prov:wasDerivedFrom` its `qus:Sentence`, `qus:start`/`qus:end` the
words); this query is its inverse, shared by `qusgraph explain` and the `/id/` pages.
`?node` is bound by the caller.
"""

FACTS_QUERY = """
SELECT ?p ?o ?g ?text ?start ?end ?sentenceStart ?published ?url WHERE {
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
