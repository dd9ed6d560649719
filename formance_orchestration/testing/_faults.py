"""Fault injection and request recording, shared by the in-process transport and the socket server."""

from __future__ import annotations

import fnmatch
import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ._gojson import dumps
from ._http import Response
from ._routes import GATEWAY_PREFIX, OPERATIONS

__all__ = ["Faults", "ObservedResponse", "RecordedRequest"]


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the fake received it (before any injected fault)."""

    method: str
    path: str
    """The path as sent, gateway prefix included (``/api/orchestration/v2/workflows``)."""
    query: tuple[tuple[str, str], ...]
    headers: Mapping[str, str]
    """Header names lower-cased; repeated headers joined with ``", "``."""
    body: bytes
    operation: str | None
    """The snake_case operation the path and method map to (``run_workflow``), ``None`` if unrouted."""

    def json(self) -> Any:
        """The body decoded as JSON."""
        return json.loads(self.body)

    def query_value(self, name: str) -> str | None:
        """The first value of query parameter ``name``."""
        return next((value for key, value in self.query if key == name), None)


@dataclass(frozen=True)
class ObservedResponse:
    """One answer the fake produced, as handed to the observers registered with ``fake.on_response``."""

    request: RecordedRequest
    status: int
    headers: tuple[tuple[str, str], ...]
    """Header names as sent (``Content-Type``), in order; no ``Content-Length`` (the socket server adds it)."""
    body: bytes
    injected: bool
    """Whether a fault (``faults.fail_next``) made this answer instead of the fake's own behaviour."""

    def header(self, name: str) -> str | None:
        """The first value of header ``name`` (case-insensitive)."""
        folded = name.lower()
        return next((value for key, value in self.headers if key.lower() == folded), None)


@dataclass
class _Fault:
    kind: str  # fail, latency, drop
    target: str
    times: int | None
    response: Response | None = None
    seconds: float = 0.0
    after_processing: bool = False
    used: int = field(default=0)


def _check_target(target: str) -> str:
    if target == "*" or target in OPERATIONS or target.startswith("/"):
        return target
    raise ValueError(
        f"unknown fault target {target!r}: use '*', a path pattern starting with '/', or one of {', '.join(OPERATIONS)}"
    )


def _matches(target: str, operation: str | None, path: str) -> bool:
    if target == "*":
        return True
    if target in OPERATIONS:
        return target == operation
    bare = path[len(GATEWAY_PREFIX) :] if path.startswith(GATEWAY_PREFIX + "/") else path
    return fnmatch.fnmatchcase(path, target) or fnmatch.fnmatchcase(bare, target)


class Faults:
    """Faults to inject before (or after) the fake handles a request.

    A *target* is an operation name (``"run_workflow"``), ``"*"`` for every request, or a glob on the path
    (``"/v2/workflows/*"``; matched with and without the ``/api/orchestration`` prefix).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[_Fault] = []

    def fail_next(
        self,
        target: str,
        *,
        times: int = 1,
        status: int = 503,
        body: bytes | str | Mapping[str, Any] | list[Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Answer the next ``times`` matching requests with ``status`` without handling them.

        ``body`` may be bytes, text, or JSON data (encoded for you); the default is an empty body.
        ``headers`` are added to ``Content-Type: application/json`` (e.g. ``{"Retry-After": "1"}``).
        """
        if isinstance(body, bytes):
            payload = body
        elif isinstance(body, str):
            payload = body.encode("utf-8")
        elif body is None:
            payload = b""
        else:
            payload = dumps(body)
        merged = {"Content-Type": "application/json", **dict(headers or {})}
        response: Response = (status, list(merged.items()), payload)
        self._add(_Fault("fail", _check_target(target), times, response=response))

    def add_latency(self, target: str, seconds: float, *, times: int | None = None) -> None:
        """Delay matching requests by ``seconds`` of wall time (every time, or the next ``times``)."""
        if seconds < 0:
            raise ValueError("latency cannot be negative")
        self._add(_Fault("latency", _check_target(target), times, seconds=seconds))

    def drop_connection(self, target: str, *, times: int = 1, after_processing: bool = False) -> None:
        """Close the connection without answering the next ``times`` matching requests.

        In process this raises ``httpx.RemoteProtocolError`` ("Server disconnected without sending a
        response."); the socket server closes the socket. With ``after_processing=True`` the request is
        handled first (the workflow *is* run) and only the answer is lost.
        """
        self._add(_Fault("drop", _check_target(target), times, after_processing=after_processing))

    def clear(self) -> None:
        """Remove every fault."""
        with self._lock:
            self._faults.clear()

    def _add(self, fault: _Fault) -> None:
        if fault.times is not None and fault.times < 1:
            raise ValueError("times must be at least 1")
        with self._lock:
            self._faults.append(fault)

    def _take(self, kind: str, operation: str | None, path: str, *, after: bool = False) -> _Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.kind != kind or fault.after_processing != after or not _matches(fault.target, operation, path):
                    continue
                fault.used += 1
                if fault.times is not None and fault.used >= fault.times:
                    self._faults.remove(fault)
                return fault
        return None

    def latency_for(self, operation: str | None, path: str) -> float:
        """Total injected latency for a request (consuming counted latencies)."""
        total = 0.0
        with self._lock:
            for fault in list(self._faults):
                if fault.kind == "latency" and _matches(fault.target, operation, path):
                    total += fault.seconds
                    fault.used += 1
                    if fault.times is not None and fault.used >= fault.times:
                        self._faults.remove(fault)
        return total

    def take_drop(self, operation: str | None, path: str, *, after: bool) -> bool:
        """Whether to drop the connection (before or after handling), consuming one use."""
        return self._take("drop", operation, path, after=after) is not None

    def take_failure(self, operation: str | None, path: str) -> Response | None:
        """The injected answer for a request, consuming one use."""
        fault = self._take("fail", operation, path)
        return fault.response if fault is not None else None
