"""One request's way through the fake, shared by every front end: recording, faults, the service, observers.

The front ends (:mod:`._transport`, :mod:`._server`) only know the :class:`Exchanges` protocol: they turn
their request into plain values, ``begin`` an :class:`Exchange`, and carry out what it says (sleep, drop the
connection, wait on a :class:`Pending`, send the answer). :class:`Dispatcher` is the implementation the fake
composes; it sits below the front ends so that neither needs the fake itself.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from ._faults import Faults, ObservedResponse, RecordedRequest
from ._http import Pending, Response
from ._routes import route
from ._service import Service

__all__ = ["Dispatcher", "Exchange", "Exchanges", "ResponseObserver"]

ResponseObserver = Callable[[ObservedResponse], None]
"""What ``fake.on_response`` accepts: called with every answer the fake produces."""


@dataclass
class Exchange:
    """One request on its way through faults and the service.

    The front end sleeps ``latency`` first, drops the connection if ``drop_before``, else calls :meth:`run`
    (waiting out any :class:`Pending`), hands the final answer to :meth:`finish`, and drops the connection
    instead of answering if :meth:`drop_after` says so.
    """

    dispatcher: Dispatcher
    record: RecordedRequest
    query: list[tuple[str, str]]
    latency: float
    drop_before: bool
    injected: bool = False

    def run(self) -> Response | Pending:
        record = self.record
        failure = self.dispatcher.faults.take_failure(record.operation, record.path)
        if failure is not None:
            self.injected = True
            return failure
        return self.dispatcher.service.dispatch(record.method, record.path, self.query, record.headers, record.body)

    def finish(self, response: Response) -> Response:
        """The final answer (after any wait): show it to the observers, then hand it back."""
        self.dispatcher.notify(self.record, response, injected=self.injected)
        return response

    def drop_after(self) -> bool:
        return self.dispatcher.faults.take_drop(self.record.operation, self.record.path, after=True)


class Exchanges(Protocol):
    """What a front end needs: something that starts an :class:`Exchange` for each request it receives."""

    def begin(
        self, method: str, path: str, query: list[tuple[str, str]], headers: dict[str, str], body: bytes
    ) -> Exchange: ...


class Dispatcher:
    """Records requests, applies faults, asks the :class:`Service`, and reports answers to observers."""

    def __init__(self, service: Service, faults: Faults) -> None:
        self.service = service
        self.faults = faults
        self.requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._observers: list[ResponseObserver] = []

    def begin(
        self, method: str, path: str, query: list[tuple[str, str]], headers: dict[str, str], body: bytes
    ) -> Exchange:
        """Record a request from a front end and decide its latency and early drop."""
        operation = route(method.upper(), path).operation
        record = RecordedRequest(method.upper(), path, tuple(query), dict(headers), body, operation)
        with self._lock:
            self.requests.append(record)
        latency = self.faults.latency_for(operation, path)
        drop = self.faults.take_drop(operation, path, after=False)
        return Exchange(self, record, query, latency, drop)

    def handle(
        self,
        method: str,
        path: str,
        query: Sequence[tuple[str, str]],
        headers: Mapping[str, str],
        body: bytes,
    ) -> Response:
        """Answer directly: no recording, no faults; observers still see the answer."""
        response = self.service.handle(method, path, query, headers, body)
        if self._observers:
            operation = route(method.upper(), path).operation
            record = RecordedRequest(method.upper(), path, tuple(query), dict(headers), body, operation)
            self.notify(record, response, injected=False)
        return response

    def on_response(self, observer: ResponseObserver) -> Callable[[], None]:
        """Register ``observer``; returns a function that unregisters it."""
        with self._lock:
            self._observers.append(observer)

        def remove() -> None:
            with self._lock:
                if observer in self._observers:
                    self._observers.remove(observer)

        return remove

    def notify(self, record: RecordedRequest, response: Response, *, injected: bool) -> None:
        with self._lock:
            observers = list(self._observers)
        if not observers:
            return
        status, headers, body = response
        observed = ObservedResponse(record, status, tuple(headers), body, injected)
        for observer in observers:
            observer(observed)

    def requests_for(self, operation: str) -> list[RecordedRequest]:
        with self._lock:
            return [request for request in self.requests if request.operation == operation]
