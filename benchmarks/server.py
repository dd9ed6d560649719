"""A fast canned HTTP/1.1 keep-alive server for the benchmarks, run in its own process.

``python benchmarks/server.py PORT [--token-delay SECONDS]`` prints ``ready`` once listening. Every body is
built once (page bodies on first use, then cached), so the server costs the same few microseconds for every
contender and the client side dominates what is measured.

Routes (``P`` = ``/api/orchestration``):

- ``GET  P/_info``, ``P/v2/_info``                server info (both 200: nobody pays a fallback)
- ``GET  P/v2/instances/<id>``                    ``{"data": instance}``
- ``GET  P/v2/instances/<id>/history``            ``{"data": [1,000 history entries]}``
- ``GET  P/v2/instances/<id>/stages/<n>/history`` ``{"data": [1,000 stage history entries]}``
- ``GET  P/v2/instances?pageSize=N``              a page of N instances; ``workflowID=page-N`` overrides N, because
  the SDKs refuse ``pageSize`` above the documented 1,000 and the scaling figure needs 10,000
- ``POST P/v2/workflows/<id>/instances``          201 ``{"data": instance}``; ``fail503`` as id answers 503
- ``GET  P/v2/workflows/<id>``                    ``{"data": workflow}``
- ``POST /api/auth/oauth/token``                  a one-hour ``bench-token``, after ``--token-delay`` seconds
- ``GET  /__stats``                               counters and the raw targets of the last requests
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import socket
from collections import deque
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs

PREFIX = "/api/orchestration"
TOKEN = "bench-token"
WORKFLOW_ID = "wf-payout-1"
INSTANCE_ID = "run-single"
FAIL_WORKFLOW_ID = "fail503"
SERVER_VERSION = "v2.1.0"
PAGE_SIZES = (10, 100, 1000, 10_000)
KEEP_TARGETS = 50

# Go prints RFC 3339 with up to nine digits; the offsets below keep fractions from ending in 0, so history
# timestamps keep all nine and stored ones all six.
_BASE_NS = int(datetime(2026, 11, 25, 10, 0, 0, tzinfo=UTC).timestamp()) * 1_000_000_000 + 123_456_789


def go_time(ns: int) -> str:
    """``ns`` (Unix nanoseconds) as Go's ``time.RFC3339Nano`` prints a UTC time (trailing zeros trimmed)."""
    seconds, fraction = divmod(ns, 1_000_000_000)
    digits = f"{fraction:09d}".rstrip("0")
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%S") + (f".{digits}" if digits else "") + "Z"


def stored_time(ns: int) -> str:
    """``ns`` as the server prints a time it read back from Postgres: ``timestamp`` columns keep microseconds
    (flows ``internal/storage/migrations.go``: ``created_at``, ``started_at``, ``terminated_at``), so instances
    and stage statuses from a GET or a listing carry at most six digits; history entries come from Temporal's
    event times (``event.EventTime.AsTime()`` in ``internal/workflow/manager.go``) and keep all nine."""
    return go_time(ns // 1000 * 1000)


WORKFLOW: dict[str, Any] = {
    "id": WORKFLOW_ID,
    "config": {
        "name": "payout",
        "stages": [
            {
                "send": {
                    "source": {"account": {"id": "users:1", "ledger": "default"}},
                    "destination": {"account": {"id": "world", "ledger": "default"}},
                    "amount": {"amount": 100, "asset": "EUR/2"},
                }
            },
            {"delay": {"duration": "1m"}},
            {"wait_event": {"event": "confirmed"}},
        ],
    },
    "createdAt": go_time(_BASE_NS),
    "updatedAt": go_time(_BASE_NS + 1),
}


def instance(i: int, instance_id: str | None = None, *, stored: bool = True) -> dict[str, Any]:
    """Instance ``i``: timestamps distinct across instances and fields; even ones ended, odd ones still running.

    Three stage statuses each, the second carrying an error, so a page of 1,000 is 4,000 objects and about
    8,000 timestamps, like a busy stack's listing. ``stored``: as read back from the database (microsecond
    timestamps, :func:`stored_time`), else as a create call answers (nanoseconds).
    """
    stamp = stored_time if stored else go_time
    iid = instance_id or f"run-{i:06d}"
    t = _BASE_NS + i * 1_000_000 + i
    ended = i % 2 == 0
    status: list[dict[str, Any]] = []
    for stage in range(3):
        started = t + (stage + 1) * 1_000_003_001
        entry: dict[str, Any] = {"stage": stage, "instanceID": iid, "startedAt": stamp(started)}
        if stage < 2 or ended:
            entry["terminatedAt"] = stamp(started + 250_000_007)
        if stage == 1:
            entry["error"] = "insufficient funds"
        status.append(entry)
    out: dict[str, Any] = {
        "workflowID": WORKFLOW_ID,
        "id": iid,
        "createdAt": stamp(t),
        "updatedAt": stamp(t + 9_000_000_011),
        "status": status,
        "terminated": ended,
    }
    if ended:
        out["terminatedAt"] = stamp(t + 9_000_000_013)
    return out


def dumps(value: object) -> bytes:
    """Compact JSON, as the Go server writes it."""
    return json.dumps(value, separators=(",", ":")).encode()


_REASONS = {200: "OK", 201: "Created", 400: "Bad Request", 404: "Not Found", 501: "Not Implemented"}
_REASONS[503] = "Service Unavailable"


def response(status: int, body: bytes) -> bytes:
    """A whole response, head and body in one write."""
    head = (
        f"HTTP/1.1 {status} {_REASONS[status]}\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


INFO = response(200, dumps({"version": SERVER_VERSION}))
ONE_INSTANCE = response(200, dumps({"data": instance(0, INSTANCE_ID)}))
CREATED = response(201, dumps({"data": instance(1, INSTANCE_ID, stored=False)}))
ONE_WORKFLOW = response(200, dumps({"data": WORKFLOW}))
UNAVAILABLE = response(503, dumps({"errorCode": "INTERNAL", "errorMessage": "temporarily unavailable"}))
NOT_FOUND = response(404, dumps({"errorCode": "NOT_FOUND", "errorMessage": "no such route"}))
CHUNKED = response(501, dumps({"errorCode": "VALIDATION", "errorMessage": "chunked bodies are not supported"}))
TOKEN_BODY = response(200, dumps({"access_token": TOKEN, "token_type": "Bearer", "expires_in": 3600}))

HISTORY_SIZE = 1000


def history_entry(i: int) -> dict[str, Any]:
    """Entry ``i`` of an instance's history: a send stage with its resolved input; every third one failed."""
    t = _BASE_NS + i * 2_000_003
    entry: dict[str, Any] = {
        "name": "send",
        "input": WORKFLOW["config"]["stages"][0]["send"],
        "terminated": True,
        "startedAt": go_time(t),
        "terminatedAt": go_time(t + 1_000_007),
    }
    if i % 3 == 0:
        entry["error"] = "insufficient funds"
    return entry


def stage_history_entry(i: int) -> dict[str, Any]:
    """Entry ``i`` of a stage's history: one GetAccount activity attempt."""
    t = _BASE_NS + i * 3_000_007
    return {
        "name": "GetAccount",
        "input": {"GetAccount": {"id": f"users:{i}", "ledger": "default"}},
        "terminated": True,
        "startedAt": go_time(t),
        "terminatedAt": go_time(t + 500_009),
        "attempt": 1 + i % 3,
    }


HISTORY = response(200, dumps({"data": [history_entry(i) for i in range(HISTORY_SIZE)]}))
STAGE_HISTORY = response(200, dumps({"data": [stage_history_entry(i) for i in range(HISTORY_SIZE)]}))

_pages: dict[int, bytes] = {}


def page(size: int) -> bytes:
    """A one-page listing of ``size`` instances (no next page)."""
    if size not in _pages:
        items = [instance(i) for i in range(size)]
        _pages[size] = response(200, dumps({"cursor": {"pageSize": size, "hasMore": False, "data": items}}))
    return _pages[size]


class Stats:
    """Counters the benchmark reads through ``/__stats`` to check what reached the server."""

    def __init__(self) -> None:
        self.requests = 0
        self.token_requests = 0
        self.fail503_posts = 0
        self.run_posts = 0
        self.bearer_ok = 0
        self.bearer_missing = 0
        self.targets: deque[str] = deque(maxlen=KEEP_TARGETS)

    def as_json(self) -> bytes:
        return dumps(
            {
                "requests": self.requests,
                "token_requests": self.token_requests,
                "fail503_posts": self.fail503_posts,
                "run_posts": self.run_posts,
                "bearer_ok": self.bearer_ok,
                "bearer_missing": self.bearer_missing,
                "targets": list(self.targets),
            }
        )


STATS = Stats()
_GET_CACHE: dict[bytes, bytes] = {}
_BEARER = f"\r\nauthorization: bearer {TOKEN}\r\n".encode()


def route_get(target: bytes) -> bytes:
    """The answer to a GET of ``target``."""
    path, _, query = target.decode("latin-1").partition("?")
    if path in (PREFIX + "/_info", PREFIX + "/v2/_info"):
        return INFO
    if path == PREFIX + "/v2/instances":
        params = parse_qs(query)
        selector = params.get("workflowID", [""])[0]
        try:
            size = int(selector[5:]) if selector.startswith("page-") else int(params.get("pageSize", ["15"])[0])
        except ValueError:
            return NOT_FOUND
        return page(size) if 0 <= size <= 100_000 else NOT_FOUND
    if path.startswith(PREFIX + "/v2/instances/"):
        if path.endswith("/history"):
            return STAGE_HISTORY if "/stages/" in path else HISTORY
        return ONE_INSTANCE
    if path.startswith(PREFIX + "/v2/workflows/"):
        return ONE_WORKFLOW
    return NOT_FOUND


class Handler(asyncio.Protocol):
    """One keep-alive connection; requests are answered in order (the clients never pipeline)."""

    def __init__(self, token_delay: float) -> None:
        self.token_delay = token_delay
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None

    def data_received(self, data: bytes) -> None:
        buffer = self.buffer + data if self.buffer else data
        while True:
            end = buffer.find(b"\r\n\r\n")
            if end < 0:
                break
            head = buffer[: end + 2]
            lower = head.lower()
            length = 0
            at = lower.find(b"\r\ncontent-length:")
            if at >= 0:
                length = int(lower[at + 17 : lower.find(b"\r\n", at + 2)])
            elif b"\r\ntransfer-encoding:" in lower:
                self.write(CHUNKED)
                if self.transport is not None:
                    self.transport.close()
                return
            total = end + 4 + length
            if len(buffer) < total:
                break
            buffer = buffer[total:]
            method, target, _ = head[: head.find(b"\r\n")].split(b" ", 2)
            self.handle(method, target, lower)
        self.buffer = buffer

    def write(self, data: bytes) -> None:
        if self.transport is not None:
            self.transport.write(data)

    def handle(self, method: bytes, target: bytes, lower_head: bytes) -> None:
        stats = STATS
        if target == b"/__stats":
            # Not counted: the benchmark reads these counters before and after what it checks.
            self.write(response(200, stats.as_json()))
            return
        stats.requests += 1
        stats.targets.append(target.decode("latin-1"))
        if method == b"GET":
            if _BEARER in lower_head:
                stats.bearer_ok += 1
            else:
                stats.bearer_missing += 1
            cached = _GET_CACHE.get(target)
            if cached is None:
                cached = route_get(target)
                if len(_GET_CACHE) < 1000:
                    _GET_CACHE[target] = cached
            self.write(cached)
            return
        path = target.decode("latin-1").partition("?")[0]
        if method == b"POST" and path == "/api/auth/oauth/token":
            stats.token_requests += 1
            if self.token_delay > 0:
                asyncio.get_running_loop().call_later(self.token_delay, self.write, TOKEN_BODY)
            else:
                self.write(TOKEN_BODY)
            return
        if _BEARER in lower_head:
            stats.bearer_ok += 1
        else:
            stats.bearer_missing += 1
        if method == b"POST" and path.startswith(PREFIX + "/v2/workflows/") and path.endswith("/instances"):
            if path == f"{PREFIX}/v2/workflows/{FAIL_WORKFLOW_ID}/instances":
                stats.fail503_posts += 1
                self.write(UNAVAILABLE)
            else:
                stats.run_posts += 1
                self.write(CREATED)
            return
        self.write(NOT_FOUND)


async def serve(port: int, token_delay: float) -> None:
    """Listen on 127.0.0.1:``port`` until killed."""
    loop = asyncio.get_running_loop()
    for size in PAGE_SIZES:
        page(size)
    server = await loop.create_server(lambda: Handler(token_delay), "127.0.0.1", port, backlog=1024)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("port", type=int)
    parser.add_argument("--token-delay", type=float, default=0.0, help="seconds before the token endpoint answers")
    args = parser.parse_args()
    try:
        import uvloop
    except ImportError:
        runner: Any = asyncio.run
    else:
        runner = uvloop.run
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C while running by hand
        runner(serve(args.port, args.token_delay))


if __name__ == "__main__":
    main()
