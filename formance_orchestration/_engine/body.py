"""Reading and writing HTTP bodies below httpx's convenience layers, for the API calls and the token endpoint.

Response bodies are read with a size limit that also holds for gzip and deflate (inflated here a chunk at a
time); request bodies are sized and iterated by plain objects (no async generator left suspended under trio).
"""

from __future__ import annotations

import contextlib
import zlib
from collections.abc import AsyncIterator

import httpx

__all__ = ["BodyTooLarge", "SizedBody", "read_body"]


async def read_body(response: httpx.Response, limit: int) -> None:
    """Read a streamed response's body into it (as ``Response.aread()`` does), refusing more than ``limit`` bytes
    once decoded: raises :class:`httpx.DecodingError` (``BodyTooLarge`` for the limit)."""
    if response.is_stream_consumed or response.is_closed:
        _already_read(response, limit)
        return
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge(f"response body of {declared} bytes exceeds the {limit}-byte limit")
    body: AsyncIterator[bytes]
    inflater: _Inflater | None = None
    if "content-encoding" not in response.headers:
        # Identity: the network's chunks are the body. Read straight from the connection's stream, below httpx's
        # decoder and re-chunking layers (what aiter_raw() would add per chunk is bookkeeping only).
        stream = response.stream
        if not isinstance(stream, httpx.AsyncByteStream):  # pragma: no cover - httpx.AsyncClient always streams so
            raise TypeError("a response of an httpx.AsyncClient was expected")
        response.is_stream_consumed = True
        body = aiter(stream)
    else:
        inflater = _Inflater.for_response(response)
        # gzip and deflate are inflated here, never past the limit: httpx inflates each network read whole, and
        # 64 KiB of gzip can hold 64 MiB. Other encodings (br, zstd: only with their optional packages) are
        # left to httpx, and checked after each chunk.
        body = response.aiter_bytes() if inflater is None else response.aiter_raw()
    chunks = []
    size = 0
    async for data in body:
        try:
            chunk = data if inflater is None else inflater.feed(data, limit - size)
        except zlib.error as exc:
            await _abandon(response, body)
            raise httpx.DecodingError(f"invalid {inflater} body: {exc}", request=response.request) from exc
        size += len(chunk)
        if size > limit:
            await _abandon(response, body)
            raise BodyTooLarge(f"response body exceeds the {limit}-byte limit")
        chunks.append(chunk)
    # What Response.aread() does, with a size limit on the way.
    response._content = chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _already_read(response: httpx.Response, limit: int) -> None:
    """A body someone read before this SDK: a response hook of the user's client (``await response.aread()``, as
    httpx documents), or a transport that built the response from bytes. Its stream is spent: use what was read."""
    try:
        content = response.content
    except httpx.ResponseNotRead:
        # Streamed without being kept (aiter_bytes() in a hook): nothing is left to decode.
        raise httpx.DecodingError(
            "the response body was consumed before the SDK could read it (a response hook of your http_client "
            "iterated it; `await response.aread()` there keeps it)",
            request=response.request,
        ) from None
    if len(content) > limit:
        raise BodyTooLarge(f"response body of {len(content)} bytes exceeds the {limit}-byte limit")


class _Inflater:
    """Inflates a gzip or deflate body a chunk at a time, never producing more than it is given room for."""

    __slots__ = ("_decompressor", "_encoding", "_started")

    def __init__(self, encoding: str) -> None:
        self._encoding = encoding
        self._decompressor = zlib.decompressobj(zlib.MAX_WBITS | 16 if encoding != "deflate" else zlib.MAX_WBITS)
        self._started = False

    def __str__(self) -> str:
        return self._encoding

    @classmethod
    def for_response(cls, response: httpx.Response) -> _Inflater | None:
        """An inflater for a body in gzip or deflate, ``None`` for an identity body or one httpx should decode."""
        encodings = [
            value.strip().lower()
            for value in response.headers.get_list("content-encoding", split_commas=True)
            if value.strip().lower() not in ("", "identity")
        ]
        if len(encodings) == 1 and encodings[0] in ("gzip", "x-gzip", "deflate"):
            return cls(encodings[0])
        return None

    def feed(self, data: bytes, room: int) -> bytes:
        """Inflate ``data``; more than ``room`` bytes back means the body is over the limit (and is cut there)."""
        try:
            out = self._decompressor.decompress(data, room + 1)
        except zlib.error:
            if self._started or self._encoding != "deflate":
                raise
            # "deflate" without the zlib header, as some servers send it (httpx accepts both too).
            self._decompressor = zlib.decompressobj(-zlib.MAX_WBITS)
            out = self._decompressor.decompress(data, room + 1)
        self._started = True
        return out


async def _abandon(response: httpx.Response, body: AsyncIterator[bytes]) -> None:
    """Stop reading ``response`` half-way without leaving httpx's async generators suspended.

    Each layer of httpx and httpcore streams a body through an async generator, and trio warns (ResourceWarning)
    about every one collected half-iterated (encode/httpx#3686). Closing the response closes its connection, so
    the next read fails in the innermost layer and the error finishes every generator on its way out.
    """
    await response.aclose()
    with contextlib.suppress(Exception):
        async for _ in body:  # at most what was already buffered, then the read on the closed connection fails
            pass


class SizedBody(httpx.AsyncByteStream):
    """A sized request body iterated by a plain object, not an async generator.

    httpcore stops iterating the body when a write fails (the server reset the connection), and trio warns about
    the generator httpx would have left suspended (encode/httpx#3686).
    """

    def __init__(self, content: bytes) -> None:
        self._content = content

    def __aiter__(self) -> AsyncIterator[bytes]:
        return _Once(self._content)


class _Once:
    __slots__ = ("_chunk",)

    def __init__(self, chunk: bytes) -> None:
        self._chunk: bytes | None = chunk

    def __aiter__(self) -> _Once:
        return self

    async def __anext__(self) -> bytes:
        chunk, self._chunk = self._chunk, None
        if chunk is None:
            raise StopAsyncIteration
        return chunk


class BodyTooLarge(httpx.DecodingError):
    """A body over the size limit: surfaces as APIConnectionError, never retried as a transient fault."""
