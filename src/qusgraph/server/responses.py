"""Answers that carry RDF: graphs in the negotiated format, streams for large ones (the
serialiser writes in a thread behind a small queue), and the 406 for an Accept we cannot serve."""

from __future__ import annotations

import asyncio
import contextlib
import io
import queue
import threading
from collections.abc import AsyncIterator, Callable, Iterable
from typing import IO, Any

import pyoxigraph as ox
from starlette.responses import PlainTextResponse, Response

from ..serialize.export import RDF_FORMATS, write_jsonld
from .negotiation import DATASET_TYPES, GRAPH_TYPES, with_charset


def graph_response(quads: list[ox.Quad], media_type: str) -> Response:
    output = io.BytesIO()
    write_graph(quads, GRAPH_TYPES.get(media_type) or DATASET_TYPES[media_type], output)
    return Response(output.getvalue(), media_type=with_charset(media_type))


def write_graph(quads: Iterable[ox.Quad], fmt: str, output: IO[bytes]) -> None:
    """Quads in one of our formats: JSON-LD by our writer, a graph format as its triples."""
    spec = RDF_FORMATS[fmt]
    if fmt == "jsonld":
        write_jsonld(quads, output)
    elif spec.datasets:
        ox.serialize(quads, output, spec.oxigraph)
    else:
        from ..rdf.namespaces import PREFIXES
        from ..serialize.export import PREFIXED

        ox.serialize((q.triple for q in quads), output, spec.oxigraph,
                     prefixes=PREFIXES if fmt in PREFIXED else None)


class _Abandoned(Exception):
    """The client went away; the serialiser writing for it stops."""


class _ChunkQueue(io.RawIOBase):
    """A write-only file whose chunks go to a bounded queue: the serialiser (in a thread) waits
    while the client reads, so no more than a few chunks are held in memory at a time."""

    def __init__(self, chunks: queue.Queue[bytes | BaseException | None], stop: threading.Event) -> None:
        super().__init__()
        self.chunks = chunks
        self.stop = stop

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.offer(chunk)
        return len(chunk)

    def offer(self, item: bytes | BaseException | None) -> None:
        """Queue `item`, waiting while the queue is full, unless the client has gone."""
        while not self.stop.is_set():
            try:
                self.chunks.put(item, timeout=0.5)
                return
            except queue.Full:
                continue
        raise _Abandoned()


async def stream_from(write: Callable[[IO[bytes]], object], chunk_size: int = 256 * 1024) -> AsyncIterator[bytes]:
    """The bytes `write(output)` writes, as they come, without holding the whole of them (for
    /dump and large exports): it runs in a thread behind a queue of a few chunks."""
    chunks: queue.Queue[bytes | BaseException | None] = queue.Queue(maxsize=8)
    stop = threading.Event()

    def produce() -> None:
        sink = _ChunkQueue(chunks, stop)
        try:
            with io.BufferedWriter(sink, chunk_size) as output:
                write(output)
            sink.offer(None)
        except _Abandoned:
            return
        except BaseException as error:  # noqa: BLE001 - ends the stream; the client sees it cut short
            with contextlib.suppress(_Abandoned):
                sink.offer(error)

    loop = asyncio.get_running_loop()
    producer = loop.run_in_executor(None, produce)
    try:
        while True:
            item = await loop.run_in_executor(None, chunks.get)
            if item is None:
                break
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        with contextlib.suppress(queue.Empty):
            while True:
                chunks.get_nowait()
        await producer
        # A read still waiting in a thread (the client went away while it waited) ends too.
        with contextlib.suppress(queue.Full):
            chunks.put_nowait(None)


def not_acceptable(offered: dict[str, str]) -> Response:
    return PlainTextResponse("none of the Accept types can be served; offered: " + ", ".join(dict.fromkeys(offered)),
                             406)


