"""The service as one call: a request as plain values in, ``(status, headers, body)`` (or :class:`Pending`) out.

:class:`Service` routes through :mod:`._routes`, applies the gateway's, the token endpoint's and the auth
middleware's answers, runs due timers, then calls the operation's handler under the store's lock. Front ends
(transport, socket server) reach it through :mod:`._exchange`, which adds faults and recording.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

from ._auth import authorized, token_endpoint
from ._clock import Clock
from ._http import Pending, Request, Response, ResponseError
from ._render import chi_not_found, empty, gateway_not_found, json_response
from ._routes import Route, route
from ._stage_engine import pump
from ._store import Options, Store

__all__ = ["Service"]


class Service:
    """The in-memory Orchestration service. Thread-safe: each request runs under ``store.lock``."""

    def __init__(self, clock: Clock, options: Options) -> None:
        self.store = Store(clock, options)

    def handle(
        self,
        method: str,
        path: str,
        query: Sequence[tuple[str, str]],
        headers: Mapping[str, str],
        body: bytes,
    ) -> Response:
        """Answer one request; blocks (sleeping without the lock) when the answer is :class:`Pending`."""
        result = self.dispatch(method, path, query, headers, body)
        while isinstance(result, Pending):
            time.sleep(max(result.delay, 0.0))
            result = result.resume()
        return result

    def dispatch(
        self,
        method: str,
        path: str,
        query: Sequence[tuple[str, str]],
        headers: Mapping[str, str],
        body: bytes,
    ) -> Response | Pending:
        """Answer one request, or say how long to wait before asking again (see :class:`Pending`)."""
        lowered = {key.lower(): value for key, value in headers.items()}
        target = route(method.upper(), path)
        store = self.store
        with store.lock:
            try:
                pump(store)
                return self._answer(target, method.upper(), list(query), lowered, body)
            except ResponseError as answer:
                return answer.response
            except Exception as exc:  # the service's Recoverer turns panics into empty 500s
                store.server_errors.append(exc)
                return empty(500)

    def _answer(
        self, target: Route, method: str, query: list[tuple[str, str]], headers: dict[str, str], body: bytes
    ) -> Response | Pending:
        kind = target.kind
        if kind == "gateway_not_found":
            return gateway_not_found()
        if kind == "token":
            if method != "POST":
                return empty(405, [("Allow", "POST")])
            return token_endpoint(self.store, headers, body)
        if kind == "health":
            return json_response(200, {"default": "OK"})
        if target.auth and not authorized(self.store, headers):
            return empty(401)
        if kind == "not_found":
            return chi_not_found()
        if kind == "method_not_allowed":
            # chi adds one Allow line per allowed method (mux.go:523); its order is random, ours is the table's.
            return empty(405, [("Allow", method) for method in target.allow])
        assert target.handler is not None
        return target.handler(self.store, Request(target.params, query, headers, body))
