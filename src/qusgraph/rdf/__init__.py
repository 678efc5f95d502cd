"""Stage 3, facts to RDF: typed fact records (model), deterministic IRIs (mint), the
mapping of records to the quads of an article's named graph with PROV provenance, and the
namespaces shared by Turtle, JSON-LD, SPARQL and the pages."""
