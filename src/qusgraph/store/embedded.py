"""The embedded Oxigraph store on disk: article graphs and the merged default graph.

Every article has its own named graph (facts and provenance). The default graph holds
the merged knowledge: every fact that at least one source graph (an article, or the
topic scheme) supports, maintained at write time so that plain queries need no GRAPH
clause and no union default graph. Replacing or removing an article is one SPARQL
update — atomic — that drops the article's graph, takes out of the default graph the
facts no other graph supports any more, and writes the new graph and facts.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import pyoxigraph as ox

from ..errors import QueryError, StoreError
from ..rdf.graph import ArticleGraph, is_provenance, terms_of
from ..rdf.mint import graph_iri
from ..rdf.namespaces import PREFIXES, QUS, RDF_TYPE_NODE
from ..rdf.topics import topic_scheme_quads

DEFAULT_STORE = "./qusgraph-store"
# Temporary files and folders beside the store; their names carry the owning process id
# ("<prefix><pid>-…"), so that a crash's leftovers can be told from those of a live process.
STAGING_PREFIX = ".qusgraph-staging-"  # the batched ingest's TriG (pipeline._Staging)
SNAPSHOTS_PREFIX = ".qusgraph-snapshots-"  # the server's snapshots for its query workers
COMPACT_PREFIX = ".qusgraph-compact-"  # a compacted copy of the store being built
OLD_PREFIX = ".qusgraph-old-"  # the store before a compaction, while the copy takes its place
BULK_LOAD_PARTS = "bulk-*.sst"  # inside the store: files of a bulk load that did not finish
SIZE_RECORD = "qusgraph-size.json"  # inside the store: its size per quad when last compacted
# A store is rebuilt when it is larger than this many times its size per quad when it was last
# rebuilt (or bulk loaded), plus a little for RocksDB's own files.
BLOAT_LIMIT = 1.15
BLOAT_SLACK = 512_000
SERVER_MARKER = "qusgraph-serve.json"  # written into the store directory by `qusgraph serve`
STORE_ENV = "QUSGRAPH_STORE"
TOPIC_GRAPH = ox.NamedNode(graph_iri("topics"))
ARTICLE_TYPE = ox.NamedNode(QUS + "Article")

LOGGER = logging.getLogger(__name__)

Triple3 = tuple[ox.NamedNode | ox.BlankNode | ox.Triple, ox.NamedNode,
                ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]


def default_store_path() -> Path:
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE)


@dataclass(frozen=True)
class WriteResult:
    article: str
    replaced: bool
    quads: int
    removed_facts: int


class QusStore:
    """An on-disk Oxigraph store with qusgraph's graph layout."""

    def __init__(self, path: Path | str | None, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self.leftovers: Leftovers | None = None  # what this open cleaned up after a crash
        if self.path is not None:
            _finish_interrupted_compaction(self.path)
        try:
            if self.path is None:
                self.store = ox.Store()
            elif read_only:
                if not self.path.exists():
                    raise StoreError(f"{self.path}: no store here (run `qusgraph ingest` first)")
                # A read-only view opens beside the process that holds the store's lock (a running
                # `qusgraph serve`), so read commands work while the store is served.
                self.store = _open_read_only(self.path)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.store = ox.Store(str(self.path))
        except OSError as error:
            raise StoreError(_open_error(self.path, error)) from None
        if self.path is not None:
            # Holding the store's lock (read-write) we also own its inside: no bulk load runs.
            self.leftovers = remove_leftovers(self.path, inside=not read_only)
            if self.leftovers is not None:
                LOGGER.info("%s: removed what a crashed run left: %s", self.path,
                            ", ".join(p.name for p in self.leftovers.paths))
        LOGGER.info("opened store %s%s", self.path or "(in memory)", " read-only" if read_only else "")

    # ------------------------------------------------------------------ context manager
    def __enter__(self) -> QusStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if not self.read_only and self.path is not None:
            try:
                self.store.flush()
            except OSError:
                pass
        del self.store

    # ------------------------------------------------------------------ writes
    def ensure_topic_scheme(self) -> None:
        """Load the topic scheme (and its facts in the default graph) if it is not there."""
        quads = topic_scheme_quads(TOPIC_GRAPH)
        if self.store.contains_named_graph(TOPIC_GRAPH) and sum(
                1 for _ in self.store.quads_for_pattern(None, None, None, TOPIC_GRAPH)) == len(quads):
            return
        self._replace(TOPIC_GRAPH, quads, quads)

    def write_article(self, graph: ArticleGraph) -> WriteResult:
        """Replace (or add) one article's graph and keep the default graph merged."""
        replaced = self.store.contains_named_graph(graph.name)
        removed = self._replace(graph.name, graph.quads, graph.facts)
        return WriteResult(graph.name.value, replaced, graph.quad_count(), removed)

    def remove_article(self, article: ox.NamedNode) -> int:
        """Remove an article; facts no other graph supports leave the default graph."""
        if not self.store.contains_named_graph(article):
            raise StoreError(f"{article.value}: no such article in the store")
        return self._replace(article, [], [], drop_graph=True)

    def write_articles(self, graphs: list[ArticleGraph]) -> int:
        """Replace (or add) several articles in one transaction; facts that none of them
        supports any more and no other graph supports leave the default graph."""
        return self._replace_many([(g.name, g.quads, g.facts, False) for g in graphs])

    def has_graph(self, iri: str) -> bool:
        return self.store.contains_named_graph(ox.NamedNode(iri))

    def bulk_load(self, data: bytes, rdf_format: ox.RdfFormat = ox.RdfFormat.N_QUADS) -> None:
        """Load quads fast, without a transaction (the batched ingest path)."""
        try:
            self.store.bulk_load(data, rdf_format)
        except (OSError, SyntaxError) as error:
            raise StoreError(f"{self.path}: bulk load failed: {one_line(error)}") from None

    def bulk_load_file(self, path: str, rdf_format: ox.RdfFormat) -> None:
        """Load a file fast, without a transaction, streamed (the batched ingest path)."""
        try:
            self.store.bulk_load(path=path, format=rdf_format)
        except (OSError, SyntaxError) as error:
            raise StoreError(f"{self.path}: bulk load failed: {one_line(error)}") from None

    def compact(self) -> None:
        """Rebuild the store by bulk loading its quads into a fresh copy that then takes its
        place. RocksDB's own compaction (`optimize`) brought a store whose articles had been
        re-ingested back to only 1.9× a bulk-loaded copy, and made a bulk-loaded store itself
        1.9× larger: it rewrites the data into levels it leaves uncompressed. The copy is
        built beside the store and swapped in by two renames; a crash in between is repaired
        by the next open (`_finish_interrupted_compaction`)."""
        import shutil

        if self.path is None or self.read_only:
            return
        tag = f"{os.getpid()}-{self.path.name}"
        fresh_path = self.path.with_name(COMPACT_PREFIX + tag)
        old_path = self.path.with_name(OLD_PREFIX + tag)
        shutil.rmtree(fresh_path, ignore_errors=True)
        try:
            fresh = ox.Store(str(fresh_path))
            fresh.bulk_extend(self.store.quads_for_pattern(None, None, None, None))
            fresh.flush()
            quads = len(fresh)
            del fresh
            marker = self.path / SERVER_MARKER
            if marker.exists():  # the server that holds the store keeps its marker
                shutil.copy2(marker, fresh_path / SERVER_MARKER)
            self.store.flush()
            del self.store
            os.rename(self.path, old_path)
            os.rename(fresh_path, self.path)
            shutil.rmtree(old_path, ignore_errors=True)
            self.store = ox.Store(str(self.path))
            LOGGER.info("%s: rebuilt (%d quads)", self.path, quads)
        except OSError as error:
            shutil.rmtree(fresh_path, ignore_errors=True)
            if not hasattr(self, "store"):
                if not self.path.exists() and old_path.exists():
                    os.rename(old_path, self.path)
                self.store = ox.Store(str(self.path))
            raise StoreError(f"{self.path}: compaction failed: {one_line(error)}") from None
        _write_size_record(self.path, quads)

    def compact_if_bloated(self, clean: bool = False, phase: Callable[[str], None] = lambda _: None) -> bool:
        """Rebuild the store (`compact`) if it has grown past BLOAT_LIMIT times its size per
        quad when it was last rebuilt; True if it did. Replaced and removed articles stay on
        disk until then (re-ingesting a corpus made a store 7–11× its size), and RocksDB's
        own compactions move bulk-loaded data to levels it keeps uncompressed (1.7–1.9× after
        a few small writes; `optimize` does the same). The rebuild costs about a bulk load of
        the store. `clean`: the store is as a bulk load leaves it (a first batched ingest), so
        its size is the measure to keep, and nothing needs rebuilding."""
        if self.path is None or self.read_only:
            return False
        self.store.flush()
        quads = len(self.store)
        size = store_size(self.path)
        record = _read_size_record(self.path)
        if record is None and clean:
            _write_size_record(self.path, quads)
            return False
        if size <= BLOAT_SLACK + (BLOAT_LIMIT * quads * record if record is not None else 0):
            return False
        phase(f"rebuilding the store ({quads:,} quads) to the size of a clean load …")
        LOGGER.info("%s: %s; rebuilding", self.path,
                    "no record of its size when last rebuilt" if record is None else
                    f"{size} bytes for {quads} quads is past {BLOAT_LIMIT}× its size per quad when last rebuilt")
        self.compact()
        return True

    def has_articles(self) -> bool:
        """Whether any graph but the topic scheme is in the store."""
        return any(graph != TOPIC_GRAPH for graph in self.store.named_graphs())

    def _replace(self, name: ox.NamedNode, quads: list[ox.Quad], facts: list[ox.Quad],
                 drop_graph: bool = False) -> int:
        return self._replace_many([(name, quads, facts, drop_graph)])

    def _replace_many(self, graphs: list[tuple[ox.NamedNode, list[ox.Quad], list[ox.Quad], bool]]) -> int:
        """One update — atomic — that replaces each named graph with its quads and keeps the
        default graph merged. A fact leaves the default graph when one of these graphs
        supported it, none of them does now, and no other graph does."""
        old_facts: set[Triple3] = set()
        parts: list[str] = []
        changed = []
        for name, quads, facts, drop_graph in graphs:
            old = set(self.store.quads_for_pattern(None, None, None, name))
            if old and not drop_graph and len(old) == len(set(quads)) and all(q in self.store for q in quads):
                # The same article again (a re-ingest): writing it would only bloat the store.
                # (Compared through the store, which holds literals in canonical form: "P36M"
                # is stored as "P3Y".)
                continue
            changed.append((name, quads, facts, drop_graph))
            old_facts.update(terms_of(q) for q in old if not is_provenance(q, name))
            if old or drop_graph or self.store.contains_named_graph(name):
                parts.append(f"DROP SILENT GRAPH {name}")
        graphs = changed
        names = {name for name, _, _, _ in graphs}
        new_facts = {terms_of(q) for _, _, facts, _ in graphs for q in facts}
        orphaned = [t for t in old_facts - new_facts if not self._supported_elsewhere(t, names)]
        if orphaned:
            parts.append("DELETE DATA { " + " ".join(_triple(t) for t in orphaned) + " }")
        bodies = [f"GRAPH {name} {{ {' '.join(_triple(terms_of(q)) for q in quads)} }}"
                  for name, quads, _, _ in graphs if quads]
        if bodies or new_facts:
            merged = " ".join(_triple(t) for t in new_facts)
            parts.append(f"INSERT DATA {{ {' '.join(bodies)} {merged} }}")
        if parts:
            try:
                self.store.update(" ;\n".join(parts))
            except (OSError, SyntaxError) as error:
                raise StoreError(f"{self.path}: write failed: {one_line(error)}") from None
        return len(orphaned)

    def _supported_elsewhere(self, triple: Triple3, names: set[ox.NamedNode]) -> bool:
        for quad in self.store.quads_for_pattern(triple[0], triple[1], triple[2], None):
            graph = quad.graph_name
            if isinstance(graph, ox.DefaultGraph) or graph in names:
                continue
            return True
        return False

    # ------------------------------------------------------------------ reads
    def query(self, sparql: str, **options: object) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a SPARQL query with the project's prefixes predeclared."""
        try:
            from .functions import sparql_functions

            # qus:searchKey / qus:nameSkeleton: name search in SPARQL (functions.py)
            options.setdefault("custom_functions", sparql_functions())
            return self.store.query(sparql, prefixes=PREFIXES, **options)  # type: ignore[arg-type]
        except SyntaxError as error:
            from .queryhelp import syntax_message

            raise QueryError(f"SPARQL syntax error: {syntax_message(error, sparql)}") from None
        except (OSError, RuntimeError) as error:
            if self.path is not None and store_changed(error):
                raise StoreChanged(self.path) from None
            raise StoreError(f"{self.path}: query failed: {one_line(error)}") from None

    def update(self, sparql: str) -> None:
        try:
            self.store.update(sparql, prefixes=PREFIXES)
        except SyntaxError as error:
            raise QueryError(f"SPARQL syntax error: {one_line(error)}") from None
        except OSError as error:
            raise StoreError(f"{self.path}: update failed: {one_line(error)}") from None

    def articles(self) -> list[str]:
        return sorted(str(q.subject).strip("<>") for q in self.store.quads_for_pattern(
            None, RDF_TYPE_NODE, ARTICLE_TYPE, ox.DefaultGraph()))

    def named_graphs(self) -> list[ox.NamedNode | ox.BlankNode]:
        return list(self.store.named_graphs())

    def quads(self, graph: ox.NamedNode | ox.DefaultGraph | None = None) -> Iterator[ox.Quad]:
        return iter(self.store.quads_for_pattern(None, None, None, graph))

    def count(self, graph: ox.NamedNode | ox.DefaultGraph | None = None) -> int:
        return sum(1 for _ in self.store.quads_for_pattern(None, None, None, graph))

    def dump(self, output: object, rdf_format: ox.RdfFormat,
             graph: ox.NamedNode | ox.DefaultGraph | None = None) -> None:
        """Serialise the dataset (or one graph) to a binary file-like object."""
        options: dict[str, object] = {}
        if graph is not None:
            options["from_graph"] = graph
        if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG):
            options["prefixes"] = PREFIXES
        self.store.dump(output, rdf_format, **options)  # type: ignore[arg-type]


class StoreChanged(StoreError):
    """A read-only reader met a file that the store's writer had removed meanwhile."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: the store changed during this read (another process is writing it: an ingest "
                         f"or a compaction); run the command again, or query a running `qusgraph serve`")


def store_changed(error: BaseException) -> bool:
    """Whether `error` is RocksDB meeting a file that the store's writer removed after this
    read-only reader had opened the store (FileNotFoundError on a .log, "Corruption … While
    open a file for random read … .sst: No such file or directory")."""
    text = str(error)
    return isinstance(error, (OSError, RuntimeError)) and "No such file or directory" in text and any(
        part in text for part in (".sst", ".log", "MANIFEST", "CURRENT", "OPTIONS"))


def _open_read_only(path: Path, attempts: int = 5) -> ox.Store:
    """Open read-only, again if a writer replaced a file between listing and opening it."""
    import time

    for attempt in range(attempts):
        try:
            return ox.Store.read_only(str(path))
        except (OSError, RuntimeError) as error:
            if not store_changed(error) or attempt == attempts - 1:
                if store_changed(error):
                    raise StoreChanged(path) from None
                raise OSError(str(error)) from None
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def one_line(error: BaseException, limit: int = 240) -> str:
    """The first line of an error message, shortened: the parser lists every expected token."""
    text = " ".join(str(error).split())
    if ", expected one of" in text:
        text = text.split(", expected one of")[0] + ", unexpected token"
    elif " expected one of " in text:
        text = text.split(" expected one of ")[0] + " unexpected token"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _triple(triple: Triple3) -> str:
    return f"{triple[0]} {triple[1]} {triple[2]} ."


def _open_error(path: Path | None, error: OSError) -> str:
    text = str(error)
    if "lock" in text.lower() or "resource temporarily unavailable" in text.lower():
        serving = serving_endpoint(path) if path is not None else None
        where = f"`qusgraph serve` at {serving}" if serving else "another process (a running `qusgraph serve`?)"
        return (f"{path}: the store is in use by {where}; stop it, or send articles to it with "
                f"`qusgraph ingest --endpoint {serving or 'URL'}`")
    return f"{path}: cannot open the store ({text})"


def serving_endpoint(path: Path) -> str | None:
    """The URL of the `qusgraph serve` process that holds the store at `path`, if one runs."""
    import json

    marker = path / SERVER_MARKER
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
        os.kill(int(data["pid"]), 0)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return str(data.get("url") or "") or None


def store_size(path: Path) -> int:
    """Bytes of the store's files on disk.

    RocksDB compacts in background threads, deleting the files it merged at any moment: a file
    listed a moment ago may be gone when it is measured, and then it takes no room."""
    total = 0
    for directory, _, names in os.walk(path):  # os.walk skips a directory that vanishes
        for name in names:
            try:
                total += os.stat(os.path.join(directory, name)).st_size
            except FileNotFoundError:
                continue
    return total


def _read_size_record(path: Path) -> float | None:
    import json

    try:
        data = json.loads((path / SIZE_RECORD).read_text(encoding="utf-8"))
        return float(data["bytes_per_quad"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_size_record(path: Path, quads: int) -> None:
    import json

    if quads:
        (path / SIZE_RECORD).write_text(json.dumps({"bytes_per_quad": store_size(path) / quads}), encoding="utf-8")


def _finish_interrupted_compaction(store: Path) -> None:
    """A compaction killed between its two renames leaves no store at `store`, the complete
    old one beside it: put it back (the copy is removed with the other leftovers)."""
    if store.exists():
        return
    for old in store.parent.glob(f"{OLD_PREFIX}*-{store.name}"):
        owner = old.name[len(OLD_PREFIX):].split("-", 1)[0]
        if owner.isdigit() and not _alive(int(owner)) and old.name.endswith("-" + store.name):
            os.rename(old, store)
            return


@dataclass(frozen=True)
class Leftovers:
    """What an open of the store removed: files of crashed runs."""

    paths: tuple[Path, ...]
    size: int

    def line(self, store: Path) -> str:
        names = ", ".join(p.name for p in self.paths[:3]) + (" …" if len(self.paths) > 3 else "")
        return (f"{store}: removed {len(self.paths)} leftover(s) of interrupted runs "
                f"({self.size / 1e6:.1f} MB: {names})")


_TEMPORARY = (STAGING_PREFIX, SNAPSHOTS_PREFIX, COMPACT_PREFIX, OLD_PREFIX)


def remove_leftovers(store: Path, inside: bool) -> Leftovers | None:
    """Remove the temporary files that crashed runs left beside the store (staging files,
    snapshot folders) — only those whose owning process is gone — and, with `inside` (the
    caller holds the store's lock, so no bulk load can be running), the files of an
    interrupted bulk load inside it. None when there was nothing to remove."""
    import shutil

    found: list[Path] = []
    parent = store.parent
    try:
        beside = [p for p in parent.iterdir() if p.name.startswith(_TEMPORARY)]
    except OSError:
        beside = []
    for path in beside:
        prefix = next(p for p in _TEMPORARY if path.name.startswith(p))
        owner = path.name[len(prefix):].split("-", 1)[0]
        if owner.isdigit() and not _alive(int(owner)):
            found.append(path)
    if inside and store.is_dir():
        found.extend(store.glob(BULK_LOAD_PARTS))
        for log in store.glob("LOG.old.*"):  # RocksDB's diagnostic logs, one per open, 140 kB each
            log.unlink(missing_ok=True)
    removed, size = [], 0
    for path in found:
        try:
            if path.is_dir():
                size += sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
                shutil.rmtree(path)
            else:
                size += path.stat().st_size
                path.unlink()
        except OSError:
            continue  # gone meanwhile, or not ours to remove: leave it
        removed.append(path)
    return Leftovers(tuple(removed), size) if removed else None


def _alive(pid: int) -> bool:
    """Whether process `pid` exists (a reused pid makes us keep a leftover, never lose a live file)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True
