"""The project's errors. Library code raises these; only `cli.py` turns them into exit codes,
and only `server/app.py` into HTTP statuses.

    QusgraphError         base                                          exit 3  HTTP 500
    ├── ArticleError      an input article cannot be read or is invalid  exit 1  HTTP 400
    ├── ShapeViolation    a graph does not conform to the SHACL shapes   exit 1  HTTP 400
    ├── InputError        a data file given to a command cannot be read  exit 2  HTTP 400
    ├── QueryError        a SPARQL query or update is invalid            exit 2  HTTP 400
    ├── LexiconError      a lexicon data file is malformed               exit 3  HTTP 500
    ├── ShapeLoadError    the shapes or ontology files cannot be loaded  exit 3  HTTP 500
    └── StoreError        the store cannot be opened, read or written    exit 3  HTTP 500

Exit codes (documented in the README): 0 success, 1 an article or graph was rejected
(bad input or SHACL non-conformance), 2 usage error (bad option, bad query), 3 store or
internal error. HTTP: 400 for what the client sent, 500 for what went wrong on the server.
"""

from __future__ import annotations

from typing import ClassVar


class QusgraphError(Exception):
    """Base class: a one-line, user-facing message, the exit code and the HTTP status that go
    with it."""

    exit_code: ClassVar[int] = 3
    http_status: ClassVar[int] = 500


class ArticleError(QusgraphError):
    """An input article cannot be read or is not a valid article.

    `source` says where: a file path, `path:line` of a JSON Lines record, `-:line` for
    stdin, or a URL; `message` says what is wrong. `str()` is the one-line `source: message`.

    >>> error = ArticleError("in.jsonl:2", "text: missing or empty")
    >>> str(error), error.source
    ('in.jsonl:2: text: missing or empty', 'in.jsonl:2')
    """

    exit_code = 1
    http_status = 400

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message

    def __reduce__(self) -> tuple[type[ArticleError], tuple[str, str]]:
        # Reading errors travel to and from ingest worker processes (pickled).
        return (type(self), (self.source, self.message))


class LexiconError(QusgraphError):
    """A lexicon data file is malformed (names file, line and column)."""

    exit_code = 3


class ShapeLoadError(QusgraphError):
    """The SHACL shapes or the ontology cannot be loaded (a file missing, unparsable, or
    declaring no shape); names the file."""

    exit_code = 3


class ShapeViolation(QusgraphError):
    """A graph does not conform to the SHACL shapes; `report` holds the readable report."""

    exit_code = 1
    http_status = 400

    def __init__(self, message: str, report: str = "") -> None:
        super().__init__(message)
        self.report = report


class StoreError(QusgraphError):
    """The store cannot be opened (missing, locked by another process), read or written
    (I/O failure, files removed or corrupt)."""

    exit_code = 3


class InputError(QusgraphError):
    """A data file given on the command line cannot be used (e.g. RDF that does not parse)."""

    exit_code = 2
    http_status = 400


class QueryError(QusgraphError):
    """A SPARQL query or update is invalid, or asks for a format its kind cannot give."""

    exit_code = 2
    http_status = 400
