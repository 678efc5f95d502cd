"""Out of the store: SPARQL results as tables and files, Turtle/TriG/N-Quads/JSON-LD exports,
the TriG hand-over of the batched ingest, and N-Quads splits for bulk loaders."""
