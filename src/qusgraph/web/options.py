"""`qusgraph ingest`'s options for URLs; web/fetch.py says what each limit guards against."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def web_options(command: F) -> F:
    """`ingest`'s options for URLs (see web/fetch.py for what each limit guards against)."""
    for option in reversed([
        click.option("--urls", "urls_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="Also fetch the URLs listed in this file, one a line."),
        click.option("--refresh", is_flag=True, help="Fetch URLs whose page is already in the store again."),
        click.option("--save-html", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
                     help="Keep each fetched page in DIR, to rebuild the graph offline (ingest DIR)."),
        click.option("--allow-private", is_flag=True, help="Fetch from private and loopback addresses too."),
        click.option("--timeout", "fetch_timeout", default=20.0, show_default=True, type=click.FloatRange(min=0.1),
                     metavar="SECONDS", help="Seconds one page may take to fetch."),
        click.option("--delay", default=1.0, show_default=True, type=click.FloatRange(min=0),
                     metavar="SECONDS", help="Seconds between two requests to one host (or more if robots.txt asks)."),
        click.option("--max-size", default=5 * 1024 * 1024, show_default=True, type=click.IntRange(min=1),
                     metavar="BYTES", help="Largest page in bytes."),
    ]):
        command = option(command)
    return command
