"""Side-by-side figures: this SDK vs raw httpx vs the official ``formance-sdk-python``, in one run.

Needs a venv with both SDKs (``pip install -e . formance-sdk-python``); not part of the test suite, since
speed is measured here and never in tests. Usage: ``python benchmarks/compare.py [--calls 2000] [--rounds 5]``.

Prints per-call cost and 1,000-item page cost as ratios to raw httpx + ``json.loads``, the longest event-loop
stall during client creation + first call (fresh process each), how many times a POST ``run_workflow`` reached
the server after a 503, and the path the server saw for a ``"a/b"`` path parameter.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import socket
import statistics
import subprocess
import sys
import textwrap
import time
import urllib.request
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
WF_ID = "0b8f1f8e-6a43-4c4e-9b1c-2d6f0e1a9c11"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def stats(base: str) -> dict[str, Any]:
    with urllib.request.urlopen(base + "/__stats") as r:
        data: dict[str, Any] = json.load(r)
        return data


async def timed(fn: Callable[[], Awaitable[Any]], calls: int) -> float:
    for _ in range(20):  # warm the pool
        await fn()
    start = time.perf_counter()
    for _ in range(calls):
        await fn()
    return (time.perf_counter() - start) / calls


async def per_call(base: str, calls: int, rounds: int) -> None:
    import httpx
    from formance_sdk_python import SDK

    from formance_orchestration import AsyncOrchestrationClient

    raw = httpx.AsyncClient()
    ours = AsyncOrchestrationClient(base)
    official = SDK(server_url=base)

    async def raw_one() -> Any:
        r = await raw.get(f"{base}/api/orchestration/v2/workflows/{WF_ID}")
        return r.json()

    async def raw_page() -> Any:
        r = await raw.get(f"{base}/api/orchestration/v2/instances", params={"pageSize": 1000})
        return r.json()

    async def ours_one() -> Any:
        return await ours.v2.get_workflow(WF_ID)

    async def ours_page() -> Any:
        return await ours.v2.list_instances(page_size=1000)

    async def official_one() -> Any:
        return await official.orchestration.v2.get_workflow_async(request={"flow_id": WF_ID})

    async def official_page() -> Any:
        return await official.orchestration.v2.list_instances_async(request={"page_size": 1000})

    for label, fns, n in (
        ("get_workflow (one object)", (raw_one, ours_one, official_one), calls),
        ("list_instances (1,000-item page)", (raw_page, ours_page, official_page), max(20, calls // 20)),
    ):
        results: dict[str, list[float]] = {"raw httpx": [], "formance-orchestration": [], "formance-sdk-python": []}
        for _ in range(rounds):
            for name, fn in zip(results, fns, strict=True):
                results[name].append(await timed(fn, n))
        base_cost = statistics.median(results["raw httpx"])
        print(f"\n{label}: median of {rounds} rounds x {n} sequential calls")
        for name, values in results.items():
            median = statistics.median(values)
            print(f"  {name:24s} {median * 1e6:9.1f} us/call   {median / base_cost:5.2f}x raw httpx")
    await raw.aclose()
    await ours.aclose()


def sync_per_call(base: str, calls: int, rounds: int) -> None:
    import httpx
    from formance_sdk_python import SDK

    from formance_orchestration import OrchestrationClient

    raw = httpx.Client()
    ours = OrchestrationClient(base)
    official = SDK(server_url=base)
    fns = {
        "raw httpx (sync)": lambda: raw.get(f"{base}/api/orchestration/v2/workflows/{WF_ID}").json(),
        "formance-orchestration": lambda: ours.v2.get_workflow(WF_ID),
        "formance-sdk-python": lambda: official.orchestration.v2.get_workflow(request={"flow_id": WF_ID}),
    }
    results: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(rounds):
        for name, fn in fns.items():
            for _ in range(20):
                fn()
            start = time.perf_counter()
            for _ in range(calls):
                fn()
            results[name].append((time.perf_counter() - start) / calls)
    base_cost = statistics.median(results["raw httpx (sync)"])
    print(f"\nget_workflow, blocking clients: median of {rounds} rounds x {calls} sequential calls")
    for name, values in results.items():
        median = statistics.median(values)
        print(f"  {name:24s} {median * 1e6:9.1f} us/call   {median / base_cost:5.2f}x raw httpx")
    raw.close()
    ours.close()


STALL_SCRIPT = """
import asyncio, sys, time
BASE, WHICH = sys.argv[1], sys.argv[2]
WF_ID = "{wf}"
if WHICH == "ours":
    from formance_orchestration import AsyncOrchestrationClient
else:
    from formance_sdk_python import SDK

async def main():
    gaps = []
    stop = False
    async def ticker():
        last = time.perf_counter()
        while not stop:
            await asyncio.sleep(0.001)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now
    task = asyncio.create_task(ticker())
    await asyncio.sleep(0.05)
    gaps.clear()
    if WHICH == "ours":
        client = AsyncOrchestrationClient(BASE)
        await client.v2.get_workflow(WF_ID)
    else:
        client = SDK(server_url=BASE)
        await client.orchestration.v2.get_workflow_async(request={{"flow_id": WF_ID}})
    await asyncio.sleep(0.01)
    stop = True
    await task
    print(max(gaps) * 1000)

asyncio.run(main())
"""


def first_call_stall(base: str, runs: int) -> None:
    script = textwrap.dedent(STALL_SCRIPT.format(wf=WF_ID))
    print(
        f"\nlongest event-loop stall during client creation + first call, package already imported (median of {runs} fresh processes)"
    )
    for which, label in (("ours", "formance-orchestration"), ("official", "formance-sdk-python")):
        values = [
            float(
                subprocess.run(
                    [sys.executable, "-c", script, base, which], capture_output=True, text=True, check=True
                ).stdout
            )
            for _ in range(runs)
        ]
        print(f"  {label:24s} {statistics.median(values):7.1f} ms (min {min(values):.1f}, max {max(values):.1f})")


async def post_after_503(base: str) -> None:
    from formance_sdk_python import SDK

    from formance_orchestration import AsyncOrchestrationClient, errors

    print("\nPOST run_workflow answered 503: requests the server received")
    before = stats(base)["posts"]
    async with AsyncOrchestrationClient(base) as ours:
        with contextlib.suppress(errors.InternalServerError):
            await ours.v2.run_workflow(WF_ID, variables={"amount": "100"})
    after_ours = stats(base)["posts"]
    official = SDK(server_url=base)
    # Whatever it raises, only the count matters here.
    with contextlib.suppress(Exception):
        await official.orchestration.v2.run_workflow_async(
            request={"workflow_id": WF_ID, "request_body": {"amount": "100"}}
        )
    after_official = stats(base)["posts"]
    print(f"  formance-orchestration   {after_ours - before}")
    print(f"  formance-sdk-python      {after_official - after_ours}")


async def path_encoding(base: str) -> None:
    from formance_sdk_python import SDK

    from formance_orchestration import AsyncOrchestrationClient

    print('\nget_workflow("a/b"): the path the server received')
    async with AsyncOrchestrationClient(base) as ours:
        await ours.v2.get_workflow("a/b")
    print(f"  formance-orchestration   {stats(base)['paths'][-2]}")
    official = SDK(server_url=base)
    await official.orchestration.v2.get_workflow_async(request={"flow_id": "a/b"})
    print(f"  formance-sdk-python      {stats(base)['paths'][-2]}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--stall-runs", type=int, default=5)
    args = parser.parse_args()
    port = free_port()
    server = subprocess.Popen([sys.executable, str(HERE / "server.py"), str(port)], stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        server.stdout.readline()
        base = f"http://127.0.0.1:{port}"
        asyncio.run(per_call(base, args.calls, args.rounds))
        sync_per_call(base, args.calls, args.rounds)
        first_call_stall(base, args.stall_runs)
        asyncio.run(post_after_503(base))
        asyncio.run(path_encoding(base))
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
