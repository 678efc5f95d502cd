"""Helpers for tests of `qusgraph serve`: a seeded store, a real server process on a free
loopback port, a listener that records any request made to it.

Every server is a real `python -m qusgraph.cli serve` subprocess, reached over HTTP on
127.0.0.1 — the same path a user's client takes. Its output goes to a log file in the
test's temporary folder (shown when it fails to start), never to a pipe.
"""

from __future__ import annotations

import contextlib
import http.server
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "articles" / "seed-000.txt"
PUBLISHED = "2022-11-21"
TOKEN = "secret"
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0
# Variables that would change what a child process does: proxies (a loopback request must
# not go through one), and qusgraph's own defaults (store, token).
_SCRUBBED = ("http_proxy", "https_proxy", "all_proxy", "no_proxy", "QUSGRAPH_TOKEN", "QUSGRAPH_STORE")


def child_env(**extra: str) -> dict[str, str]:
    """The environment for a qusgraph subprocess: ours without proxies or qusgraph settings."""
    env = {name: value for name, value in os.environ.items()
           if name.lower() not in _SCRUBBED and name not in _SCRUBBED}
    env.update(extra)
    return env


def qusgraph(*args: str, timeout: float = 120.0, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the `qusgraph` command line as a user would: a separate process, text output."""
    return subprocess.run([sys.executable, "-m", "qusgraph.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout, env=child_env(**env), stdin=subprocess.DEVNULL,
                          check=False)


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def seeded_store(directory: Path) -> Path:
    """A store in `directory` holding the seed article, ingested through the command line."""
    store = directory / "store"
    result = qusgraph("ingest", str(SEED), "--store", str(store), "--published", PUBLISHED, "--quiet")
    assert result.returncode == 0, f"seeding {store} failed ({result.returncode}):\n{result.stdout}{result.stderr}"
    return store


def client(**options: object) -> httpx.Client:
    """An HTTP client that ignores proxy settings (requests go straight to loopback)."""
    return httpx.Client(trust_env=False, timeout=options.pop("timeout", 30.0), **options)  # type: ignore[arg-type]


@dataclass
class Server:
    """A running `qusgraph serve` process."""

    url: str
    store: Path
    process: subprocess.Popen[bytes]
    log_path: Path

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def _wait_until_ready(url: str, process: subprocess.Popen[bytes], log_path: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    with client(timeout=2.0) as http:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"qusgraph serve exited with {process.returncode}:\n"
                                   + log_path.read_text(encoding="utf-8", errors="replace"))
            try:
                if http.get(f"{url}/").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
    raise RuntimeError(f"qusgraph serve did not answer GET / within {timeout:g} s:\n"
                       + log_path.read_text(encoding="utf-8", errors="replace"))


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a server process: asked first, killed if it does not go."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_TIMEOUT)


@contextlib.contextmanager
def running_server(store: Path, *options: str, timeout: float = START_TIMEOUT) -> Iterator[Server]:
    """Serve `store` with `options` on a free loopback port until the block ends."""
    port = free_port()
    log_path = store.parent / f"serve-{port}.log"
    command = [sys.executable, "-m", "qusgraph.cli", "serve", "--store", str(store), "--port", str(port), *options]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                   env=child_env())
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_ready(url, process, log_path, timeout)
        yield Server(url, store, process, log_path)
    finally:
        stop(process)


def server_fixture(*options: str, name: str) -> Callable[..., Iterator[Server]]:
    """A module-scoped fixture `name`: a server with `options` on its own seeded store."""

    @pytest.fixture(scope="module", name=name)
    def fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
        store = seeded_store(tmp_path_factory.mktemp(name))
        with running_server(store, *options) as server:
            yield server

    return fixture


# ------------------------------------------------------------------------- a listener
@dataclass
class Listener:
    """A tiny HTTP server on loopback that records every request it receives."""

    url: str
    requests: list[str] = field(default_factory=list)


@contextlib.contextmanager
def listener() -> Iterator[Listener]:
    """Record requests to a fresh loopback port (to prove that none was made)."""
    seen: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def _record(self) -> None:
            seen.append(f"{self.command} {self.path}")
            body = b"recorded"
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_HEAD = _record

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="listener",
                              daemon=True)
    thread.start()
    try:
        yield Listener(f"http://127.0.0.1:{server.server_address[1]}", seen)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# ------------------------------------------------------------------------- processes
def children(pid: int) -> set[int]:
    """Process ids whose parent is `pid` (Linux /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid …; comm may hold spaces and parentheses
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid:
            found.add(int(entry.name))
    return found


def listening_addresses(port: int) -> set[str]:
    """IPv4/IPv6 addresses with a socket listening on TCP `port` (Linux /proc/net/tcp*)."""
    addresses = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, _, hex_port = local.partition(":")
            if state == "0A" and int(hex_port, 16) == port and len(address) == width:
                addresses.add(_decode_address(address))
    return addresses


def _decode_address(hex_address: str) -> str:
    raw = bytes.fromhex(hex_address)
    if sys.byteorder == "little":  # /proc/net/tcp writes each 32-bit word in host order
        raw = b"".join(raw[i:i + 4][::-1] for i in range(0, len(raw), 4))
    words = raw
    family = socket.AF_INET if len(words) == 4 else socket.AF_INET6
    return socket.inet_ntop(family, words)
