"""`qusgraph export --format nquads --split N`: the dataset as N-Quads files for an engine's own
bulk loader (Virtuoso `ld_dir` + `rdf_loader_run()`, QLever's index builder, `tdb2.xloader`),
which load several files side by side and are many times faster than HTTP for a first load.

Files hold whole graphs where they can (a graph larger than N quads is cut between lines:
N-Quads lines stand alone). The merged default graph is written as triples (no graph term),
so a loader's "graph for triples" argument decides where it goes: Virtuoso's `ld_dir(dir,
mask, 'https://w3id.org/qusgraph/id/graph/merged')` puts it in the graph `qusgraph push` uses.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from ..errors import QueryError
from ..store.embedded import QusStore

FILE_PATTERN = "qusgraph-{:05d}.nq"


class _Parts:
    """Numbered files in `folder`, a new one once the current one holds `size` quads."""

    def __init__(self, folder: Path, size: int) -> None:
        self.folder = folder
        self.size = size
        self.number = 0
        self.count = 0
        self.handle: IO[bytes] | None = None
        self.paths: list[Path] = []

    def write(self, lines: list[bytes]) -> None:
        start = 0
        while start < len(lines):
            if self.handle is None or self.count >= self.size:
                self._next()
            assert self.handle is not None
            # whole graph if it fits in a fresh file's room, else as many lines as there is room for
            room = self.size - self.count
            take = len(lines) - start if (len(lines) - start <= self.size and self.count == 0) or \
                len(lines) - start <= room else room
            self.handle.write(b"".join(lines[start:start + take]))
            self.count += take
            start += take

    def _next(self) -> None:
        self.close()
        self.number += 1
        path = self.folder / FILE_PATTERN.format(self.number)
        self.handle = path.open("wb")
        self.paths.append(path)
        self.count = 0

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None


def export_split(store: QusStore, folder: Path, size: int) -> list[Path]:
    """Write the dataset as N-Quads files of about `size` quads each into `folder` (created);
    returns the files. :raises QueryError: if `folder` holds files of an earlier split."""
    if size < 1:
        raise QueryError(f"--split value `{size}` is not valid. It must be a positive number of quads.")
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.glob("qusgraph-*.nq")):
        raise QueryError(f"{folder}: holds qusgraph-*.nq files of an earlier export; give an empty folder")
    parts = _Parts(folder, size)
    named = sorted((g for g in store.named_graphs() if isinstance(g, ox.NamedNode)), key=lambda g: g.value)
    graphs: list[ox.NamedNode | ox.DefaultGraph] = [ox.DefaultGraph(), *named]
    try:
        for graph in graphs:
            output = io.BytesIO()
            # The store writes each graph natively; a Python loop over quads is several times slower.
            store.store.dump(output, ox.RdfFormat.N_QUADS, from_graph=graph)
            if isinstance(graph, ox.NamedNode):
                # dump(from_graph=…) writes triples; the graph term goes back on each line
                suffix = f" {graph} .\n".encode()
                lines = [line[:-3] + suffix for line in output.getvalue().splitlines(keepends=True)]
            else:
                lines = output.getvalue().splitlines(keepends=True)
            if lines:
                parts.write(lines)
    finally:
        parts.close()
    return parts.paths
