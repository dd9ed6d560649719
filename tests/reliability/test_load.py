"""Load: thousands of calls through one async client, and one blocking client shared by 16 threads.

The server runs in a subprocess (``python -m tests.reliability.faultserver``), so the client's RSS is measured
alone and the two do not share a GIL. Slow: skipped unless ``FORMANCE_RELIABILITY=1`` (``nox -s reliability``).
"""

from __future__ import annotations

import contextlib
import gc
import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import psutil
import pytest

from formance_orchestration import AsyncOrchestrationClient, BearerToken, OrchestrationClient, RetryPolicy

from .ops import OPS, Op
from .report import REPORT, Load, heavy_enabled

pytestmark = pytest.mark.skipif(
    not heavy_enabled(), reason="load tests: set FORMANCE_RELIABILITY=1 (nox -s reliability)"
)

ROOT = Path(__file__).resolve().parents[2]
MIB = 1024 * 1024
AUTH = BearerToken("load-token")


@contextlib.contextmanager
def load_server() -> Iterator[tuple[str, dict[str, int]]]:
    """The fault server in a subprocess; yields its URL and, once it has stopped, the counts it printed."""
    counts: dict[str, int] = {}
    command = [sys.executable, "-m", "tests.reliability.faultserver"]
    with subprocess.Popen(command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) as process:
        assert process.stdin is not None
        assert process.stdout is not None
        try:
            port = int(process.stdout.readline())
            yield f"http://127.0.0.1:{port}", counts
        finally:
            process.stdin.close()
            output = process.stdout.read().strip()
            process.wait(10)
        counts.update(json.loads(output.splitlines()[-1]))
    REPORT.requests += counts.get("arrivals", 0)


def rss() -> int:
    return int(psutil.Process().memory_info().rss)


async def call(client: AsyncOrchestrationClient, op: Op, **options: Any) -> None:
    await getattr(client.v2, op.name)(*op.params, **op.kwargs, **options)


@pytest.mark.anyio
async def test_async_load(anyio_backend: str) -> None:
    """5,000 calls (every operation in turn) at concurrency 200 through one client: no error, bounded memory."""
    calls = 5000 if anyio_backend == "asyncio" else 2000
    concurrency = 200
    errors: list[str] = []
    with load_server() as (url, counts):
        async with AsyncOrchestrationClient(url, auth=AUTH) as client:
            for op in OPS * 10:  # warm up: connections, codecs, caches
                await call(client, op)
            gc.collect()
            before = rss()
            half: list[int] = []
            done = 0
            limiter = anyio.CapacityLimiter(concurrency)

            async def one(i: int) -> None:
                nonlocal done
                async with limiter:
                    try:
                        await call(client, OPS[i % len(OPS)])
                    except Exception as exc:
                        errors.append(f"{OPS[i % len(OPS)].name}: {type(exc).__name__}: {exc}")
                done += 1
                if done == calls // 2:
                    gc.collect()
                    half.append(rss())

            started = time.perf_counter()
            async with anyio.create_task_group() as tg:
                for i in range(calls):
                    tg.start_soon(one, i)
            seconds = time.perf_counter() - started
            gc.collect()
            after = rss()
    growth, tail = (after - before) / MIB, (after - half[0]) / MIB
    name = f"async ({anyio_backend})"
    REPORT.loads.append(
        Load(
            name,
            calls,
            concurrency,
            len(errors),
            seconds,
            counts["arrivals"],
            growth,
            tail,
            counts["connections"],
            (before / MIB, after / MIB),
        )
    )
    assert errors == []
    assert counts["arrivals"] == counts["read"] == calls + 10 * len(OPS)
    assert growth < 64, f"RSS grew by {growth:.1f} MiB over {calls} calls"
    assert tail < 16, f"RSS grew by {tail:.1f} MiB over the last {calls // 2} calls"


@pytest.mark.anyio
async def test_async_load_with_transient_faults(anyio_backend: str) -> None:
    """1,000 reads at concurrency 100, one in five hit once by a 502, a reset, a close or a 503: retries absorb
    every fault, and the server sees each faulted call exactly twice."""
    reads = [op for op in OPS if op.idempotent]
    policy = RetryPolicy(max_attempts=3, initial_delay=0.01, max_delay=0.05)
    calls, faulted = 1000, 200
    errors: list[str] = []
    with load_server() as (url, counts):
        async with AsyncOrchestrationClient(url, auth=AUTH, retries=policy) as client:
            limiter = anyio.CapacityLimiter(100)

            async def one(i: int) -> None:
                headers = {"X-Fault-Once": str(i)} if i % 5 == 0 else None
                async with limiter:
                    try:
                        await call(client, reads[i % len(reads)], extra_headers=headers)
                    except Exception as exc:
                        errors.append(f"{type(exc).__name__}: {exc}")

            started = time.perf_counter()
            async with anyio.create_task_group() as tg:
                for i in range(calls):
                    tg.start_soon(one, i)
            seconds = time.perf_counter() - started
    REPORT.loads.append(
        Load(f"async with faults ({anyio_backend})", calls, 100, len(errors), seconds, counts["arrivals"])
    )
    REPORT.fault("transient faults under load")
    assert errors == []
    assert counts["faults"] == faulted
    assert counts["arrivals"] == calls + faulted


def test_sync_client_shared_by_16_threads() -> None:
    """One blocking client, 16 threads, 2,000 calls: no error; closing it ends its portal thread."""
    threads_before = set(threading.enumerate())
    errors: list[str] = []
    lock = threading.Lock()
    per_thread = 125
    with load_server() as (url, counts):
        client = OrchestrationClient(url, auth=AUTH)

        def work(offset: int) -> None:
            for i in range(per_thread):
                op = OPS[(offset + i) % len(OPS)]
                try:
                    result: Any = getattr(client.v2, op.name)(*op.params, **op.kwargs)
                    if op.name.startswith("list_"):
                        assert len(result.data) == 2
                except Exception as exc:
                    with lock:
                        errors.append(f"{op.name}: {type(exc).__name__}: {exc}")

        workers = [threading.Thread(target=work, args=(n,)) for n in range(16)]
        started = time.perf_counter()
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        seconds = time.perf_counter() - started
        client.close()
    REPORT.loads.append(Load("sync, 16 threads", 16 * per_thread, 16, len(errors), seconds, counts["arrivals"]))
    assert errors == []
    assert counts["arrivals"] == 16 * per_thread
    left = [t.name for t in threading.enumerate() if t not in threads_before]
    assert left == [], f"threads outlived the client: {left}"
