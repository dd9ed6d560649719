"""Shared helpers of the reliability suite: servers that report their counts, attempt logs, pool and task probes."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any
from urllib.parse import urlsplit

import anyio
import anyio.lowlevel
import pytest

from formance_orchestration import AsyncOrchestrationClient

from .faultserver import FaultServer, Responder
from .report import REPORT, heavy_enabled

logger = logging.getLogger("formance_orchestration")


@contextlib.contextmanager
def serve(responder: Responder | None = None, **options: Any) -> Iterator[FaultServer]:
    """A running :class:`FaultServer`; what it saw is added to the report's request count."""
    server = FaultServer(responder, **options).start()
    try:
        yield server
    finally:
        server.stop()
        REPORT.requests += len(server.arrivals)


def refused_url() -> str:
    """An http URL on 127.0.0.1 where nothing listens (connection refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    return f"http://127.0.0.1:{port}"


class AttemptLog(logging.Handler):
    """Counts the SDK's per-attempt DEBUG records by (method, path): what the client tried, server or not."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.counts: Counter[tuple[str, str]] = Counter()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        method = getattr(record, "http_method", None)
        url = getattr(record, "url", None)
        if isinstance(method, str) and isinstance(url, str):
            self.counts[(method, urlsplit(url).path)] += 1


@contextlib.contextmanager
def attempt_log() -> Iterator[AttemptLog]:
    handler = AttemptLog()
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def pool_problems(client: AsyncOrchestrationClient) -> list[str]:
    """What is wrong with the client's connection pool right now: queued requests, connections still in use."""
    transport: Any = client.http_client._transport  # httpx.AsyncHTTPTransport
    pool: Any = transport._pool  # httpcore.AsyncConnectionPool
    problems = [f"{len(pool._requests)} requests still in the pool"] if pool._requests else []
    problems += [
        f"connection in use: {conn.info()}" for conn in pool.connections if not (conn.is_idle() or conn.is_closed())
    ]
    return problems


def live_tasks(backend: str) -> int:
    """Tasks alive in the running event loop of ``backend`` (``asyncio`` or ``trio``)."""
    if backend == "trio":
        import trio

        return int(trio.lowlevel.current_statistics().tasks_living)
    return len(asyncio.all_tasks())


async def settle() -> None:
    """Let cancelled tasks and callbacks finish."""
    for _ in range(5):
        await anyio.lowlevel.checkpoint()
    await anyio.sleep(0.01)


BACKENDS = ("asyncio", "trio")


def spread(cases: Sequence[Any], ids: Sequence[str]) -> list[Any]:
    """``(anyio_backend, case)`` parameters: every case under both backends with ``FORMANCE_RELIABILITY=1``, else
    each case under one, alternating, so the everyday suite stays fast and still runs both."""
    return [
        pytest.param(backend, case, id=f"{backend}-{name}")
        for index, (case, name) in enumerate(zip(cases, ids, strict=True))
        for backend in BACKENDS
        if heavy_enabled() or backend == BACKENDS[index % 2]
    ]


def backends(everyday: str) -> list[str]:
    """Both backends with ``FORMANCE_RELIABILITY=1``, else ``everyday`` only: for ``parametrize("anyio_backend")``."""
    return list(BACKENDS) if heavy_enabled() else [everyday]
