"""Slow clients cannot hold the server: deadlines for reading a request and a cap on
connections, at the HTTP protocol level (an ASGI middleware only sees a request once its
headers are in, too late for a client that never finishes them).

uvicorn closes idle keep-alive connections (`timeout_keep_alive`) but sets no deadline on a
request being read: one byte every few seconds keeps a connection forever. This protocol, a
subclass of uvicorn's httptools one, adds:

- a header deadline: from the first byte of a request (or the connection) to the end of its
  headers, `header_timeout` seconds, else 408 and the connection is closed;
- a body deadline: from the end of the headers to the end of the body, `body_timeout`;
- a header size cap (431), since headers are held in memory while they come in;
- a connection cap: past `max_connections`, the connection that has waited longest for a
  request (an idle or half-sent one) is closed to make room, so many slow connections
  cannot lock out a client that sends its request at once.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

MAX_HEADER_BYTES = 64 * 1024

_WAITING = ("idle", "headers")  # states in which a connection holds no request being served


class GuardedProtocol(HttpToolsProtocol):
    header_timeout: float = 10.0
    body_timeout: float = 30.0
    max_connections: int = 500

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._state = "idle"
        self._since = time.monotonic()
        self._deadline: asyncio.TimerHandle | None = None
        self._header_bytes = 0

    @classmethod
    def configured(cls, header_timeout: float, body_timeout: float, max_connections: int) -> type[GuardedProtocol]:
        return type("GuardedProtocol", (cls,), {"header_timeout": header_timeout, "body_timeout": body_timeout,
                                                "max_connections": max_connections})

    # -- deadlines
    def _arm(self, state: str, seconds: float) -> None:
        self._disarm()
        self._state = state
        self._since = time.monotonic()
        self._deadline = self.loop.call_later(seconds, self._too_slow)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        if self._state == "headers":
            self._refuse(b"408 Request Timeout")
        else:
            # Mid-body: the application is reading it; closing makes its read end at once.
            self.transport.close()

    def _refuse(self, status: bytes) -> None:
        self.transport.write(b"HTTP/1.1 " + status + b"\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
        self.transport.close()

    # -- uvicorn's protocol
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm("headers", self.header_timeout)
        if len(self.connections) > self.max_connections:
            self._make_room()

    def _make_room(self) -> None:
        waiting = [c for c in self.connections
                   if isinstance(c, GuardedProtocol) and c._state in _WAITING and not c.transport.is_closing()]
        victim = min(waiting, key=lambda c: c._since) if waiting else self
        victim._refuse(b"503 Service Unavailable")

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._state == "idle":
            # Bytes of a new request on a kept-alive connection: its headers are now due.
            self._arm("headers", self.header_timeout)
        super().data_received(data)

    def on_message_begin(self) -> None:
        self._header_bytes = 0
        super().on_message_begin()

    def on_url(self, url: bytes) -> None:
        self._count(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count(len(name) + len(value))
        super().on_header(name, value)

    def _count(self, size: int) -> None:
        self._header_bytes += size
        if self._header_bytes > MAX_HEADER_BYTES and not self.transport.is_closing():
            self._refuse(b"431 Request Header Fields Too Large")

    def on_headers_complete(self) -> None:
        if self.transport.is_closing():
            return
        self._arm("body", self.body_timeout)
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._disarm()
        self._state = "serving"
        super().on_message_complete()

    def on_response_complete(self) -> None:
        self._state = "idle"
        self._since = time.monotonic()
        super().on_response_complete()
