"""The project's errors. Library code raises these; only `cli.py` turns them into exit codes.

Exit codes (documented in the README): 0 success, 1 an article or graph was rejected
(bad input or SHACL non-conformance), 2 usage error, 3 store or internal error.
"""

from __future__ import annotations


class QusgraphError(Exception):
    """Base class: a one-line, user-facing message and the exit code that goes with it."""

    exit_code = 3


class ArticleError(QusgraphError):
    """An input article cannot be read or is not a valid article (names file, line, field)."""

    exit_code = 1


class LexiconError(QusgraphError):
    """A lexicon data file is malformed (names file, line and column)."""

    exit_code = 3


class StoreError(QusgraphError):
    """The store cannot be opened, read or written."""

    exit_code = 3


class QueryError(QusgraphError):
    """A SPARQL query or update is invalid, or asks for a format its kind cannot give."""

    exit_code = 2
