"""Stage 5, the store: embedded Oxigraph on disk (article graphs and the merged default
graph) and the reading of its SPARQL errors."""
