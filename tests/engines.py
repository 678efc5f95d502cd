"""Real SPARQL engines for the push tests, each started on a free loopback port from a temporary
folder and stopped after: Oxigraph's own server (PyPI `oxigraph`) and Virtuoso Open Source
(Debian `virtuoso-opensource`). No mocks: what the tests see is what users' engines do."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from server_utils import stop

START_TIMEOUT = 90.0  # seconds; Virtuoso builds a fresh database on its first start
VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
PUSH_USER, PUSH_PASSWORD = "qpush", "qpush-secret"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_for_http(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = START_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args!r} exited with {process.returncode}: {log.read_text()[-2000:]}")
        try:
            httpx.get(url, timeout=2.0)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s: {log.read_text()[-2000:]}")


@dataclass(frozen=True)
class Engine:
    base: str
    store: str  # the Graph Store endpoint
    sparql: str  # the query endpoint
    folder: Path


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not os.path.exists(found):
        pytest.fail("the `oxigraph` server is not installed: `pip install -e '.[dev]'` installs it")
    return found


@contextmanager
def oxigraph_server(folder: Path) -> Iterator[Engine]:
    port = free_port()
    log = folder / "oxigraph.log"
    with log.open("wb") as out:
        process = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(folder / "data"),
                                    "--bind", f"127.0.0.1:{port}"], stdout=out, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for_http(f"{base}/", process, log)
        yield Engine(base, f"{base}/store", f"{base}/query", folder)
    finally:
        stop(process)


def require_virtuoso() -> None:
    """Skip (with the reason) when Virtuoso is not installed, unless CI says it must be."""
    if shutil.which("virtuoso-t") and shutil.which("isql-vt"):
        return
    if os.environ.get("QUSGRAPH_REQUIRE_VIRTUOSO"):
        pytest.fail("QUSGRAPH_REQUIRE_VIRTUOSO is set but virtuoso-t/isql-vt are missing "
                    "(apt-get install virtuoso-opensource; .ci/run does)")
    pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource); "
                "set QUSGRAPH_REQUIRE_VIRTUOSO=1 to make this a failure")


def virtuoso_ini(folder: Path, sql_port: int, http_port: int) -> str:
    """The Debian package's INI with the database in `folder` and both ports on loopback."""
    lines = []
    section = ""
    for line in VIRTUOSO_INI.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            section = stripped
        key = stripped.split("=", 1)[0].strip()
        if "/var/lib/virtuoso-opensource-7/db/" in line:
            line = line.replace("/var/lib/virtuoso-opensource-7/db/", f"{folder}/")
        elif key == "ServerPort" and section == "[Parameters]":
            line = f"ServerPort = 127.0.0.1:{sql_port}"
        elif key == "ServerPort" and section == "[HTTPServer]":
            line = f"ServerPort = 127.0.0.1:{http_port}"
        elif key == "DirsAllowed":
            line = f"DirsAllowed = ., /usr/share/virtuoso-opensource-7/vad, {folder}"
        elif key == "DefaultHost":
            line = f"DefaultHost = 127.0.0.1:{http_port}"
        elif key in ("NumberOfBuffers", "MaxDirtyBuffers"):
            # a small database on a shared machine: ~80 MB of buffers
            line = f"{key} = {10000 if key == 'NumberOfBuffers' else 6000}"
        elif key == "MaxQueryCostEstimationTime":
            # Virtuoso refuses queries its estimate finds slow before running them; on a fresh
            # database the estimate of the README's agreement question is days (it runs in ms).
            line = "MaxQueryCostEstimationTime = 0"
        elif key == "MaxQueryExecutionTime":
            line = "MaxQueryExecutionTime = 120"
        elif key == "ResultSetMaxRows":
            line = "ResultSetMaxRows = 1000000"
        lines.append(line)
    return "\n".join(lines) + "\n"


def isql(port: int, sql: str, password: str = "dba") -> str:
    result = subprocess.run(["isql-vt", f"127.0.0.1:{port}", "dba", password, f"exec={sql}"],
                            capture_output=True, text=True, timeout=120)
    if result.returncode != 0 or "*** Error" in result.stdout + result.stderr:
        raise RuntimeError(f"isql: {sql}: {result.stdout[-1000:]} {result.stderr[-1000:]}")
    return result.stdout


@contextmanager
def virtuoso_server(folder: Path) -> Iterator[Engine]:
    require_virtuoso()
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(virtuoso_ini(folder, sql_port, http_port), encoding="utf-8")
    log = folder / "virtuoso-stdout.log"
    with log.open("wb") as out:
        process = subprocess.Popen(["virtuoso-t", "+foreground", "+configfile", str(ini)], cwd=folder,
                                   stdout=out, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{http_port}"
        wait_for_http(f"{base}/sparql", process, log)
        # A push user with the SPARQL_UPDATE role; writes go through the Digest-protected
        # /sparql-graph-crud-auth.
        isql(sql_port, f"DB.DBA.USER_CREATE('{PUSH_USER}', '{PUSH_PASSWORD}'); "
                       f"GRANT SPARQL_UPDATE TO \"{PUSH_USER}\"; "
                       f"DB.DBA.RDF_DEFAULT_USER_PERMS_SET('{PUSH_USER}', 3);")
        yield Engine(base, f"{base}/sparql-graph-crud-auth", f"{base}/sparql", folder)
    finally:
        stop(process)
