"""An httpx transport (sync and async) that hands requests to the fake without a socket.

It serves whatever implements :class:`._exchange.Exchanges` (the fake's dispatcher), carrying out latency,
dropped connections and waits the way an httpx client would see them from a real server.
"""

from __future__ import annotations

import time

import anyio
import httpx

from ._exchange import Exchanges
from ._http import Pending, parse_query

__all__ = ["FakeTransport"]

_DISCONNECTED = "Server disconnected without sending a response."


def _split(request: httpx.Request) -> tuple[str, list[tuple[str, str]], dict[str, str]]:
    raw_path, _, raw_query = request.url.raw_path.decode("ascii").partition("?")
    headers: dict[str, str] = {}
    for name, value in request.headers.multi_items():
        key = name.lower()
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    return raw_path, parse_query(raw_query), headers


class FakeTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Serve ``httpx.Client`` and ``httpx.AsyncClient`` requests from the fake (``fake.transport``).

    Faults apply as on the socket server; a dropped connection raises ``httpx.RemoteProtocolError``.
    Latency sleeps with ``time.sleep`` (sync) or ``anyio.sleep`` (async), never blocking an event loop.
    """

    def __init__(self, exchanges: Exchanges) -> None:
        self._exchanges = exchanges

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Answer a sync client's request."""
        body = request.read()
        path, query, headers = _split(request)
        exchange = self._exchanges.begin(request.method, path, query, headers, body)
        if exchange.latency:
            time.sleep(exchange.latency)
        if exchange.drop_before:
            raise httpx.RemoteProtocolError(_DISCONNECTED, request=request)
        result = exchange.run()
        while isinstance(result, Pending):
            time.sleep(max(result.delay, 0.0))
            result = result.resume()
        status, response_headers, content = exchange.finish(result)
        if exchange.drop_after():
            raise httpx.RemoteProtocolError(_DISCONNECTED, request=request)
        return httpx.Response(status, headers=response_headers, content=content, request=request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Answer an async client's request (asyncio or trio)."""
        body = await request.aread()
        path, query, headers = _split(request)
        exchange = self._exchanges.begin(request.method, path, query, headers, body)
        if exchange.latency:
            await anyio.sleep(exchange.latency)
        if exchange.drop_before:
            raise httpx.RemoteProtocolError(_DISCONNECTED, request=request)
        result = exchange.run()
        while isinstance(result, Pending):
            await anyio.sleep(max(result.delay, 0.0))
            result = result.resume()
        status, response_headers, content = exchange.finish(result)
        if exchange.drop_after():
            raise httpx.RemoteProtocolError(_DISCONNECTED, request=request)
        return httpx.Response(status, headers=response_headers, content=content, request=request)
