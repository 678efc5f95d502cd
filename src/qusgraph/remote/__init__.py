"""Other endpoints: a running qusgraph server (ingest/query --endpoint) and other engines
that take our graphs over the Graph Store Protocol (push)."""
