"""The `qusgraph` command line. Commands parse their options, call the library, and map
errors to exit codes: 0 success, 1 an article or graph rejected, 2 usage, 3 store/internal.
Errors are one line on stderr, never a traceback (set QUSGRAPH_DEBUG=1 to see one)."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterator
from datetime import date
from functools import wraps
from itertools import chain, islice
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .errors import InputError, QueryError, QusgraphError
from .serialize.export import RDF_FORMATS
from .serialize.results import GRAPH_FORMATS, SOLUTION_FORMATS
from .server.safety import MAX_DEPTH, MAX_QUERY_SIZE
from .store.embedded import STORE_ENV, QusStore, StoreChanged, default_store_path, store_changed
from .web.options import web_options

F = TypeVar("F", bound=Callable[..., Any])
PROGRESS_THRESHOLD = 20  # articles; fewer go in without a progress bar
READ_ATTEMPTS = 3  # a read that met a file the store's writer removed is tried again


def _fail(message: str, code: int) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def reports_errors(command: F) -> F:
    """Turn library errors into one line on stderr and the documented exit code."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except QusgraphError as error:
            _fail(str(error), error.exit_code)
        except click.ClickException:
            raise  # click prints usage errors itself, with exit status 2
        except BrokenPipeError:
            sys.exit(0)
        except (OSError, RuntimeError) as error:
            # A read-only reader whose files the writer removed mid-read: say what to do.
            if not store_changed(error) or os.environ.get("QUSGRAPH_DEBUG"):
                if os.environ.get("QUSGRAPH_DEBUG"):
                    raise
                _fail(f"internal error: {type(error).__name__}: {error}", 3)
            _fail(str(StoreChanged(_store_path(kwargs.get("store_path")))), 3)
        except Exception as error:  # noqa: BLE001 - the last line of defence for users
            if os.environ.get("QUSGRAPH_DEBUG"):
                raise
            _fail(f"internal error: {type(error).__name__}: {error}", 3)

    return wrapper  # type: ignore[return-value]


store_option = click.option(
    "--store", "store_path", type=click.Path(file_okay=False, path_type=Path), default=None,
    help=f"Store directory (default: ${STORE_ENV} or ./qusgraph-store).")


def _store_path(path: Path | None) -> Path:
    return path if path is not None else default_store_path()


def open_store(path: Path | None, read_only: bool = False) -> QusStore:
    """Open the store; say in one line what the open cleaned up after a crashed run."""
    store = QusStore(_store_path(path), read_only=read_only)
    if store.leftovers is not None and store.path is not None:
        click.echo(store.leftovers.line(store.path), err=True)
    return store


def _byte_size(_: click.Context, __: click.Parameter, value: str | None) -> int | None:
    """'800M', '2G', '1.5G' or a number of bytes."""
    if value is None:
        return None
    units = {"K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}
    text = value.strip().upper().removesuffix("B").removesuffix("I")
    try:
        amount = float(text[:-1]) * units[text[-1]] if text and text[-1] in units else float(text)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a size such as 800M or 2G") from None
    if amount < 256 * 2**20:
        raise click.BadParameter(f"'{value}' is too small: a worker needs at least 256M")
    return int(amount)


def _published(_: click.Context, __: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date of the form YYYY-MM-DD") from None


def _log_to_stderr(context: click.Context, verbose: int) -> None:
    """`--verbose`: the library's log (articles accepted and rejected, the store opened and
    rebuilt, query workers restarted …) on stderr; twice, its debug lines too. Only the
    `qusgraph` logger is touched, and only for this command."""
    if not verbose:
        return
    logger = logging.getLogger("qusgraph")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if verbose > 1 else logging.INFO)

    def restore() -> None:
        logger.removeHandler(handler)
        logger.setLevel(previous)

    context.call_on_close(restore)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="qusgraph")
@click.option("--verbose", "-v", count=True,
              help="Log what happens (articles accepted and rejected, store opened and rebuilt …) on stderr; "
                   "twice for debug lines.")
@click.pass_context
def main(context: click.Context, verbose: int) -> None:
    """qusgraph: knowledge graphs of the Qatar–United States Strategic Dialogue from news copy.

    Exit status: 0 success; 1 an article or graph was rejected; 2 usage error (bad option,
    bad query); 3 store or internal error.
    """
    _log_to_stderr(context, verbose)


# ---------------------------------------------------------------------- ingest
@main.command(short_help="Extract articles into the store.")
@click.argument("paths", nargs=-1)
@store_option
@click.option("--published", callback=_published, metavar="YYYY-MM-DD",
              help="Publication date for articles that do not state one (resolves 'غدا', 'last week'); "
                   "for web pages it overrides the page's own date.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary line and errors.")
@click.option("--endpoint", metavar="URL", help="Send the articles to a running `qusgraph serve` instead.")
@click.option("--token", envvar="QUSGRAPH_TOKEN", metavar="TOKEN",
              help="With --endpoint: the server's write token (default: $QUSGRAPH_TOKEN).")
@click.option("--push", "push_url", metavar="URL",
              help="Then push the store to this Graph Store endpoint (as `qusgraph push --endpoint URL`).")
@web_options
@reports_errors
def ingest(paths: tuple[str, ...], store_path: Path | None, published: date | None, quiet: bool,
           endpoint: str | None, token: str | None, push_url: str | None, urls_file: Path | None, refresh: bool,
           save_html: Path | None, allow_private: bool, fetch_timeout: float, delay: float, max_size: int) -> None:
    """Ingest PATHS (text files, saved web pages, folders, JSON Lines files, http(s) URLs,
    or - for stdin) into the store.

    Each article is extracted, checked against the SHACL shapes and written as one named
    graph, atomically. A rejected article leaves the store as it was; the others go in.
    Exit status 1 if any article was rejected.
    """
    from .pipeline import IngestSummary, ingest_items
    from .text.articles import iter_articles
    from .text.lexicon import load_lexicon
    from .web import is_url

    lexicon = load_lexicon()
    urls = [p for p in paths if is_url(p)]
    if urls_file is not None:
        from .web.sources import read_url_list

        urls += read_url_list(urls_file)
    files = [p for p in paths if not is_url(p)]
    if not files and not urls:
        raise click.UsageError("give PATHS (files, folders, URLs, -) or --urls FILE")
    # Articles are read as they are ingested: holding a corpus in memory first cost ~13 kB an
    # article (1.3 GB at 100k). The first few tell a short run from a long one.
    articles: Iterator[Any] = iter_articles(files, lexicon, published)
    if urls:
        from .web.fetch import FetchPolicy
        from .web.sources import iter_url_articles, stored_urls

        known = set() if refresh or endpoint else stored_urls(_store_path(store_path))
        policy = FetchPolicy(fetch_timeout, max_size, delay=delay, allow_private=allow_private)
        notice = (lambda _: None) if quiet else (lambda line: click.echo(line, err=True))
        articles = chain(articles, iter_url_articles(urls, lexicon, published, policy=policy, known=known,
                                                     save_html=save_html, notice=notice,
                                                     progress=sys.stderr.isatty() and not quiet))
    head = list(islice(articles, PROGRESS_THRESHOLD))
    long_run = len(head) >= PROGRESS_THRESHOLD
    items = chain(head, articles)
    summary = IngestSummary()
    if endpoint is not None:
        from .remote.client import post_articles

        if store_path is not None or push_url is not None:
            raise click.UsageError("give either --store or --endpoint, not both (--push needs a local store)")
        for outcome in post_articles(endpoint, items, token):
            summary.outcomes.append(outcome)
            click.echo(("" if outcome.accepted else "Error: ") + outcome.message, err=True)
        click.echo(summary.line())
        sys.exit(1 if summary.rejected else 0)
    with open_store(store_path) as store:
        shown = long_run and sys.stderr.isatty() and not quiet
        # after the last article's bar the bulk load (a third of a large run) would show nothing
        phase = _announce if shown else (lambda _: None)
        outcomes = ingest_items(items, store, lexicon, phase=phase)
        if shown:
            from tqdm import tqdm

            outcomes = tqdm(outcomes, desc="extracting", unit="article", file=sys.stderr)
        for outcome in outcomes:
            summary.outcomes.append(outcome)
            if outcome.warning:
                click.echo(f"Warning: {outcome.warning}", err=True)
            if not outcome.accepted:
                click.echo(f"Error: {outcome.message}", err=True)
                if outcome.report and not quiet:
                    click.echo(_indent(outcome.report), err=True)
            elif not quiet and not long_run:
                click.echo(outcome.message, err=True)
        click.echo(summary.line())
        if push_url is not None:
            from .remote.push import run_push

            click.echo(run_push(store, push_url, progress=sys.stderr.isatty() and not quiet).line())
    if summary.rejected:
        sys.exit(1)


def _announce(step: str) -> None:
    """A step of the ingest after its articles' bar: on its own line, below the bar."""
    from tqdm import tqdm

    tqdm.write(step, file=sys.stderr)


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


# ---------------------------------------------------------------------- query
@main.command(short_help="Run a SPARQL query.")
@click.argument("sparql", required=False)
@click.option("--file", "-f", "query_file", type=click.File("r", encoding="utf-8"),
              help="Read the query from a file ('-' for stdin).")
@click.option("--format", "fmt", default=None,
              type=click.Choice([*SOLUTION_FORMATS, *GRAPH_FORMATS]),
              help="table|json|csv|tsv|xml for SELECT/ASK; turtle|ntriples|jsonld for CONSTRUCT/DESCRIBE.")
@store_option
@click.option("--endpoint", metavar="URL", help="Ask a running `qusgraph serve` (or any SPARQL endpoint) instead.")
@click.option("--default-graph-uri", "default_graphs", multiple=True, metavar="IRI",
              help="With --endpoint: the dataset's default graph (repeatable); on Virtuoso after "
                   "`qusgraph push`, https://w3id.org/qusgraph/id/graph/merged.")
@reports_errors
def query(sparql: str | None, query_file: Any, fmt: str | None, store_path: Path | None,
          endpoint: str | None, default_graphs: tuple[str, ...]) -> None:
    """Run a SPARQL query (text, --file, or stdin) on the store.

    The project's prefixes (qus:, id:, rdfs:, skos:, prov:, schema: …) are predeclared.
    Plain patterns read the merged default graph; GRAPH ?g reads each article's graph.
    """
    from .serialize.results import default_format, write_results

    if sparql is not None and query_file is not None:
        raise click.UsageError("give the query either as an argument or with --file, not both")
    # '-' is stdin, as for --file (and for most tools that take a file).
    text = (sparql if sparql not in (None, "-") else None) or (query_file.read() if query_file else sys.stdin.read())
    if not text.strip():
        raise click.UsageError("empty query")
    if endpoint is not None:
        from .remote.client import remote_query

        sys.stdout.buffer.write(remote_query(endpoint, text, fmt, default_graphs))
        sys.stdout.flush()
        return
    from .server.safety import Limits, check_operations, check_shape

    # Oxigraph's parser recurses once per bracket and overflows the stack (a crash, not an
    # error) on deeply nested text: refuse it before the parser sees it.
    refusal = check_shape(text, Limits(max_size=len(text)))
    if refusal is not None:
        raise QueryError(refusal.message)
    # Oxigraph would fetch a SERVICE over the network: refused on the parse, as the server does.
    # Only that refusal (403) counts here; a text the guard's grammar cannot read is left to
    # Oxigraph, whose syntax message is the one users know.
    refusal = check_operations(text, "query", lambda iri: True)
    if refusal is not None and refusal.status == 403:
        raise QueryError(refusal.message)
    for attempt in range(READ_ATTEMPTS):
        output = _Counting(sys.stdout.buffer)
        try:
            with open_store(store_path, read_only=True) as store:
                def run(store: QusStore = store, output: _Counting = output) -> None:
                    results = store.query(text)
                    write_results(results, fmt or default_format(results), output)  # type: ignore[arg-type]
                    sys.stdout.flush()

                # A long flat chain (1+1+…) also makes Oxigraph recurse: a large stack, not a crash.
                _with_large_stack(run)
            return
        except (OSError, RuntimeError, StoreChanged) as error:
            # The writer removed a file this reader had not opened yet: read again from a fresh
            # open, unless part of the answer is already out.
            if output.written or attempt == READ_ATTEMPTS - 1 or not (
                    isinstance(error, StoreChanged) or store_changed(error)):
                raise


class _Counting:
    """A binary stream that counts what went through it."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.written = 0

    def write(self, data: bytes) -> int:
        self.written += len(data)
        return int(self.stream.write(data))

    def flush(self) -> None:
        self.stream.flush()


def _with_large_stack(action: Callable[[], None], size: int = 256 * 2**20) -> None:
    """Run `action` in a thread with a `size`-byte stack (the main thread has 8 MiB), raising
    what it raises."""
    import threading
    import traceback

    failure: list[BaseException] = []

    def run() -> None:
        try:
            action()
        except BaseException as error:  # noqa: BLE001 - raised again in the calling thread
            # Drop the frames' locals here: Oxigraph's result objects must die in their thread.
            traceback.clear_frames(error.__traceback__)
            failure.append(error)

    thread = threading.Thread(target=run, name="qusgraph-query")
    previous = threading.stack_size(size)
    try:
        thread.start()
    finally:
        threading.stack_size(previous)
    thread.join()
    if failure:
        raise failure[0]


# ---------------------------------------------------------------------- export
@main.command(short_help="Export the graph (Turtle, JSON-LD, N-Quads, TriG, N-Triples).")
@click.option("--format", "fmt", default="turtle",
              type=click.Choice(list(RDF_FORMATS)), show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None,
              help="File to write (default or '-': stdout); with --split, the folder.")
@click.option("--graph", "graph_name", default=None, metavar="IRI|default",
              help="Export one graph only. Turtle and N-Triples export the merged default graph by default.")
@click.option("--split", type=click.IntRange(min=1), default=None, metavar="N",
              help="With --format nquads: write files of about N quads each into the folder --output, "
                   "for an engine's bulk loader.")
@store_option
@reports_errors
def export(fmt: str, output: Path | None, graph_name: str | None, split: int | None,
           store_path: Path | None) -> None:
    """Export the store. TriG, N-Quads and JSON-LD carry every named graph (one per
    article, with provenance); Turtle, N-Triples and RDF/XML carry one graph."""
    import pyoxigraph as ox

    from .pipeline import default_workers
    from .serialize.export import export_store, rdf_format

    if split is not None:
        from .serialize.bulk import export_split

        if fmt != "nquads" or output is None or graph_name is not None:
            raise click.UsageError("--split needs --format nquads and --output FOLDER (and no --graph)")
        with open_store(store_path, read_only=True) as store:
            files = export_split(store, output, split)
        click.echo(f"wrote {len(files)} file(s) to {output}", err=True)
        return
    spec = rdf_format(fmt)
    graph: ox.NamedNode | ox.DefaultGraph | None = None
    if graph_name is not None:
        graph = ox.DefaultGraph() if graph_name == "default" else ox.NamedNode(graph_name.strip("<>"))
    if output is not None and str(output) == "-":
        output = None  # '-' is stdout, as click's File type reads it
    with open_store(store_path, read_only=True) as store:
        if isinstance(graph, ox.NamedNode) and not store.has_graph(graph.value):
            _fail(f"no graph <{graph.value}> in the store (see: qusgraph query "
                  f"'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{}} }}')", 1)
        handle = output.open("wb") if output is not None else sys.stdout.buffer
        try:
            export_store(store, spec, handle, graph, default_workers())
        finally:
            if output is not None:
                handle.close()
            else:
                handle.flush()


# ---------------------------------------------------------------------- push
@main.command(short_help="Write the graphs into another SPARQL engine (Graph Store Protocol).")
@click.option("--endpoint", metavar="URL", required=True,
              help="The engine's Graph Store endpoint, e.g. http://host:8890/sparql-graph-crud-auth "
                   "(Virtuoso) or http://host:7878/store (Oxigraph).")
@click.option("--jobs", "-j", default=4, show_default=True, type=click.IntRange(1, 64), help="Parallel requests.")
@click.option("--auth", "auth_kind", default="basic", show_default=True, type=click.Choice(["basic", "digest"]),
              help="How a user and password are sent ($QUSGRAPH_PUSH_USER/$QUSGRAPH_PUSH_PASSWORD or a netrc "
                   "entry; $QUSGRAPH_PUSH_TOKEN sends a bearer token instead).")
@click.option("--merged-graph", default=None, metavar="IRI|default",
              help="Where the merged facts go (default: the named graph …/id/graph/merged; 'default' for "
                   "engines with a real default graph).")
@click.option("--force", is_flag=True, help="Send every graph, even those the record says are there.")
@click.option("--verify", is_flag=True, help="Read every graph back and report differences by kind.")
@store_option
@reports_errors
def push(endpoint: str, jobs: int, auth_kind: str, merged_graph: str | None, force: bool, verify: bool,
         store_path: Path | None) -> None:
    """Write every graph of the store into a SPARQL engine with the Graph Store HTTP
    Protocol: PUT per article graph (a re-push changes nothing), DELETE for articles
    removed since the last push, unchanged graphs skipped. Credentials come from the
    environment or a netrc file, never from the command line."""
    from .remote.push import run_push

    with QusStore(_store_path(store_path), read_only=True) as store:
        report = run_push(store, endpoint, jobs=jobs, auth_kind=auth_kind, merged_graph=merged_graph,
                          force=force, verify=verify, progress=sys.stderr.isatty())
    for kind, count in sorted(report.differences.items()):
        click.echo(f"difference: {kind}: {count}", err=True)
    click.echo(report.line())


# ---------------------------------------------------------------------- validate
@main.command(short_help="Check the store or an RDF file against the SHACL shapes.")
@click.argument("rdf_file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@store_option
@click.option("--integrity", is_flag=True,
              help="Also check that the merged graph is exactly the union of the article graphs' facts "
                   "and that the store's indexes agree.")
@reports_errors
def validate(rdf_file: Path | None, store_path: Path | None, integrity: bool) -> None:
    """Validate RDF_FILE (Turtle, TriG, N-Quads, N-Triples, JSON-LD) with pySHACL, or the
    store: each article graph against the shapes, as ingest checks it, and the merged default
    graph against the shapes that hold for a merge (articles that disagree are conflicts,
    which `qusgraph conflicts` lists). Exit status 1 if anything does not conform."""
    import pyoxigraph as ox

    from .rdf.graph import as_quad
    from .validation.shapes import quads_to_rdflib, validate_graph, validate_store

    if rdf_file is None:
        with open_store(store_path, read_only=True) as store:
            checked = validate_store(store, integrity)
        label = str(_store_path(store_path))
        what = f"{checked.articles} article graph(s), {checked.merged_triples} merged triples"
        if checked.conforms:
            click.echo(f"{label}: conforms ({what}{', integrity checked' if integrity else ''})")
            return
        click.echo(f"{label}: {len(checked.lines(limit=10**9))} problem(s) ({what})")
        click.echo("\n".join(checked.lines()))
        sys.exit(1)
    if integrity:
        raise click.UsageError("--integrity checks a store, not a file")
    try:
        quads = list(ox.parse(path=str(rdf_file)))
    except (SyntaxError, ValueError) as error:
        raise InputError(f"{rdf_file}: cannot be parsed: {error}") from None
    data = quads_to_rdflib(q if isinstance(q, ox.Quad) else as_quad(q) for q in quads)
    report = validate_graph(data)
    if report.conforms:
        click.echo(f"{rdf_file}: conforms ({len(data)} triples)")
        return
    click.echo(f"{rdf_file}: {len(report.violations)} violation(s)")
    click.echo(report.summary(limit=50))
    sys.exit(1)


# ---------------------------------------------------------------------- stats
@main.command(short_help="Count the nodes of each class.")
@store_option
@reports_errors
def stats(store_path: Path | None) -> None:
    """Counts per class in the merged graph, and the size of the store."""
    from .rdf.namespaces import short_iri

    with open_store(store_path, read_only=True) as store:
        rows = store.query("SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class } "
                           "GROUP BY ?class ORDER BY DESC(?n) ?class")
        for row in rows:  # type: ignore[union-attr]
            click.echo(f"{short_iri(row['class'].value):<36} {row['n'].value:>8}")
        click.echo(f"{'articles (named graphs)':<36} {len(store.articles()):>8}")
        click.echo(f"{'quads':<36} {store.count():>8}")


# ---------------------------------------------------------------------- explain
@main.command(short_help="Every fact about a node, with the sentences that support it.")
@click.argument("node", required=False)
@click.option("--debug", "debug_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Show the extraction stages (mentions, frames, facts) of one article file instead.")
@click.option("--published", callback=_published, metavar="YYYY-MM-DD", help="With --debug: publication date.")
@store_option
@reports_errors
def explain(node: str | None, debug_file: Path | None, published: date | None, store_path: Path | None) -> None:
    """Explain NODE (an IRI, id:… or a path such as dialogue/QA-US/round/5): each fact
    with the article and the exact sentence that supports it, the words marked ⟦ ⟧."""
    if debug_file is not None:
        from .explore.explain import debug_text
        from .extract import extract_article
        from .text.articles import HTML_SUFFIXES, read_text_file
        from .text.lexicon import load_lexicon

        lexicon = load_lexicon()
        if debug_file.suffix.lower() in HTML_SUFFIXES:
            from .web.pages import read_html_file

            article = read_html_file(debug_file, lexicon, published)
        else:
            article = read_text_file(debug_file, lexicon, published)
        click.echo(debug_text(extract_article(article, lexicon)), nl=False)
        return
    if node is None:
        raise click.UsageError("give a NODE to explain, or --debug FILE")
    from .explore.explain import explain_text, resolve_node

    with open_store(store_path, read_only=True) as store:
        click.echo(explain_text(store, resolve_node(node)), nl=False)


# ---------------------------------------------------------------------- remove
@main.command(short_help="Remove an article and the facts only it supported.")
@click.argument("article")
@store_option
@reports_errors
def remove(article: str, store_path: Path | None) -> None:
    """Remove ARTICLE (its id, e.g. seed-000, or its IRI) from the store. Facts that
    another article also supports stay in the merged graph."""
    import pyoxigraph as ox

    from .rdf.mint import article_iri

    iri = article.strip("<>") if article.startswith(("http://", "https://", "<")) else article_iri(article)
    with open_store(store_path) as store:
        if not store.has_graph(iri):
            # Nothing to do is the user's mistake (a mistyped id), not a store failure: exit 1.
            _fail(f"{iri}: no such article in the store", 1)
        removed = store.remove_article(ox.NamedNode(iri))
        store.compact_if_bloated()  # the removed graph stays on disk until the store is rebuilt
    click.echo(f"removed {iri} ({removed} fact(s) no longer supported)")


# ---------------------------------------------------------------------- compact
@main.command(short_help="Compact the store on disk.")
@store_option
@reports_errors
def compact(store_path: Path | None) -> None:
    """Compact the store: rebuild it as a bulk load of its quads, dropping the old versions
    that replaced and removed articles left on disk (ingest and remove do this themselves
    once a store has grown; this is for any time)."""
    from .store.embedded import store_size

    path = _store_path(store_path)
    before = store_size(path)
    with open_store(store_path) as store:
        store.compact()
    click.echo(f"{path}: compacted, {before / 1e6:.1f} MB → {store_size(path) / 1e6:.1f} MB")


# ---------------------------------------------------------------------- conflicts
@main.command(short_help="List facts that articles state differently.")
@store_option
@reports_errors
def conflicts(store_path: Path | None) -> None:
    """List single-valued facts (a round's date or place, an official's country …) for
    which articles give incompatible values, with the articles behind each value.
    Exit status 1 if there is any."""
    from .explore.conflicts import find_conflicts

    with open_store(store_path, read_only=True) as store:
        found = find_conflicts(store)
    for conflict in found:
        click.echo("\n".join(conflict.lines()))
    click.echo(f"{len(found)} conflict(s)")
    if found:
        sys.exit(1)



# ---------------------------------------------------------------------- timeline
@main.command(short_help="Draw every round of each dialogue on a time axis (SVG).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The SVG file to write ('-' for stdout).")
@click.option("--base-url", metavar="URL",
              help="Link items to pages of a running server (URL/id/…) instead of their IRIs.")
@store_option
@reports_errors
def timeline(output: Path, base_url: str | None, store_path: Path | None) -> None:
    """Write the timeline of the dialogue: each round with its date (and precision), place,
    chairs, agreements and commitments, each a link — the picture /timeline serves."""
    from .explore.timeline import store_runner, timeline_data, timeline_svg
    from .rdf.namespaces import ID

    def href(iri: str) -> str:
        if base_url and iri.startswith(ID):
            return f"{base_url.rstrip('/')}/id/{iri[len(ID):]}"
        return iri

    with QusStore(_store_path(store_path), read_only=True) as store:
        svg = timeline_svg(timeline_data(store_runner(store)), href)
    if str(output) == "-":
        click.echo(svg, nl=False)
        return
    output.write_text(svg, encoding="utf-8")
    click.echo(f"wrote {output}", err=True)


# ---------------------------------------------------------------------- find
@main.command(short_help="Find officials, places, organisations, rounds … by name, any spelling.")
@click.argument("name")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1), help="Most hits to list.")
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON.")
@store_option
@reports_errors
def find(name: str, limit: int, as_json: bool, store_path: Path | None) -> None:
    """Find nodes whose label is NAME in any spelling (hamza and alef forms, ى/ي, ة/ه,
    diacritics, عبد joined or not, Latin case and transliteration), best first, with the
    kind of each. Exit status 1 if nothing matches."""
    import json

    from .explore.search import find as find_names
    from .explore.search import label_rows
    from .explore.timeline import store_runner
    from .rdf.namespaces import short_iri

    with QusStore(_store_path(store_path), read_only=True) as store:
        hits = find_names(name, label_rows(store_runner(store)), limit)
    if as_json:
        click.echo(json.dumps([hit.as_json() for hit in hits], ensure_ascii=False, indent=1))
    else:
        for hit in hits:
            names = " · ".join(hit.labels[lang] for lang in ("en", "ar") if lang in hit.labels)
            click.echo(f"{hit.score:>3}  {hit.kind:<12} {short_iri(hit.iri):<48} {names}")
        click.echo(f"{len(hits)} hit(s)", err=True)
    if not hits:
        sys.exit(1)


# ---------------------------------------------------------------------- serve
@main.command(short_help="Serve the store over SPARQL, with a query page and linked-data pages.")
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="The interface to bind to.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="The port.")
@click.option("--base-url", metavar="URL", help="Where this server is reached (maps the id/ namespace to URL/id/).")
@click.option("--allow-update", is_flag=True, help="Accept POST /ingest and SPARQL Update (needs a token).")
@click.option("--token", envvar="QUSGRAPH_TOKEN", metavar="TOKEN",
              help="Bearer token for writes; prefer $QUSGRAPH_TOKEN or --token-file (a command line is public in ps).")
@click.option("--token-file", type=click.File("r", encoding="utf-8"), metavar="FILE",
              help="Read the bearer token for writes from FILE (its first line).")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds a query may run before it is stopped (503).")
@click.option("--max-rows", default=10_000, show_default=True, type=click.IntRange(min=1),
              help="Most rows (or triples) one answer may hold.")
@click.option("--max-body", default=10 * 1024 * 1024, show_default=True, type=click.IntRange(min=1),
              help="Largest request body in bytes (413 beyond).")
@click.option("--cors-origin", "cors_origins", multiple=True, metavar="ORIGIN",
              help="Allow reads from this browser origin (repeatable; '*' for any). Writes are never cross-origin.")
@click.option("--workers", default=None, type=click.IntRange(min=1),
              help="Query worker processes (default: 2 per CPU, at least 2; one is kept for short queries).")
@click.option("--max-memory", default=None, callback=_byte_size, metavar="SIZE",
              help="Address space each query worker may use, e.g. 1G or 800M (503 beyond; "
                   "default: half the RAM shared among the workers).")
@click.option("--max-depth", default=MAX_DEPTH, show_default=True, type=click.IntRange(1, 1000),
              help="Deepest nesting of brackets a query or update may have (400 beyond).")
@click.option("--max-query-size", default=MAX_QUERY_SIZE, show_default=True, type=click.IntRange(min=1),
              help="Longest query or update in characters (413 beyond).")
@click.option("--short-timeout", default=1.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds a query may run on the worker kept for short queries (used when the others are busy).")
@click.option("--header-timeout", default=10.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds a client has to send a request's headers (408 beyond).")
@click.option("--body-timeout", default=30.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds a client has to send a request's body (the connection is closed beyond).")
@click.option("--max-connections", default=500, show_default=True, type=click.IntRange(min=1),
              help="Open connections; past it the one waiting longest for a request is closed.")
@reports_errors
def serve(store_path: Path | None, host: str, port: int, base_url: str | None, allow_update: bool,
          token: str | None, token_file: Any, timeout: float, max_rows: int, max_body: int,
          cors_origins: tuple[str, ...], workers: int | None, max_memory: int | None, max_depth: int,
          max_query_size: int, short_timeout: float, header_timeout: float, body_timeout: float,
          max_connections: int) -> None:
    """Serve the store: SPARQL 1.1 Protocol at /sparql, the query page at /, linked-data
    pages at /id/…, Graph Store Protocol reads at /store, VoID at /.well-known/void.
    Writes are off unless --allow-update is given with a token."""
    import socket

    from .server.app import run_server
    from .server.endpoint import ServerConfig
    from .server.workers import default_max_memory, default_pool_size
    from .store.embedded import SERVER_MARKER

    context = click.get_current_context()
    if token is not None and context.get_parameter_source("token") == click.core.ParameterSource.COMMANDLINE:
        click.echo("Warning: --token on the command line can be read by any user (ps); "
                   "use $QUSGRAPH_TOKEN or --token-file instead.", err=True)
    if token_file is not None:
        token = (token_file.readline().strip() or None)
        token_file.close()
    if allow_update and not token:
        raise click.UsageError("--allow-update needs a token ($QUSGRAPH_TOKEN, --token-file or --token)")
    path = _store_path(store_path)
    if port == 0:
        with socket.socket() as probe:
            probe.bind((host, 0))
            port = probe.getsockname()[1]
    workers = workers or default_pool_size()
    config = ServerConfig(path, host, port, base_url, allow_update, token, timeout, max_rows, max_body,
                          list(cors_origins), workers, path / SERVER_MARKER,
                          max_memory=max_memory or default_max_memory(workers), max_depth=max_depth,
                          max_query_size=max_query_size, short_timeout=short_timeout,
                          header_timeout=header_timeout, body_timeout=body_timeout, max_connections=max_connections)
    open_store(path).close()  # fail now, with the store's own message, if it is held elsewhere
    click.echo(f"qusgraph serving {path} — query page: {config.base}/  SPARQL: {config.base}/sparql", err=True)
    run_server(config)


if __name__ == "__main__":
    main()
