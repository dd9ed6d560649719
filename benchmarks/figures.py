"""The six figures, each measured into a JSON-ready dict (printing, plots and targets are in ``report``).

1. per-call latency (async, then blocking), 2. throughput by concurrency, 3. import time, time to a usable client
and memory, 4. event-loop stall during a fresh process's first call, 5. cost per item by page size, 6. safety
(requests reaching the server after a 503 on a POST; the path sent for an id containing ``/``).

Async figures share one event loop in the main thread and sync figures run outside it: a blocking client
driven from inside a running loop would measure the loop's stall, not the client.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from benchmarks import contenders as cs
from benchmarks.contenders import Contender
from benchmarks.server import FAIL_WORKFLOW_ID, INSTANCE_ID, TOKEN
from benchmarks.timing import (
    CallFailed,
    Samples,
    interleave_async,
    interleave_sync,
    latency,
    ratio,
    throughput,
    warm_async,
    warm_sync,
)

HERE = Path(__file__).resolve().parent
ASYNC_REFS = (cs.HTTPX_ASYNC,)
SYNC_REFS = (cs.HTTPX_SYNC, cs.HTTPX_VIA_THREAD)
OFFICIAL_OF = {cs.OURS_ASYNC: cs.OFFICIAL_ASYNC, cs.OURS_SYNC: cs.OFFICIAL_SYNC}
PROBE_NAMES = ("ours", "httpx", "official", "opc")
SYNC_THREADS = 16


@dataclass(frozen=True)
class Params:
    """Counts for one run (``--quick`` shrinks them all)."""

    rounds: int = 7
    calls: int = 1000
    page_calls: int = 60
    warmup: int = 50
    page_warmup: int = 5
    throughput_calls: int = 600
    concurrency: tuple[int, ...] = (1, 16, 64, 256)
    page_sizes: tuple[int, ...] = (10, 100, 1000, 10_000)
    process_runs: int = 7
    token_delay: float = 0.2

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    def scaling_calls(self, size: int) -> int:
        """Calls per round for a ``size``-item page: half the items of the 1,000-item figure, small pages capped."""
        return max(2, min(max(self.calls // 4, 2), self.page_calls * 500 // size))


QUICK = Params(
    rounds=2,
    calls=30,
    page_calls=5,
    warmup=5,
    page_warmup=1,
    throughput_calls=60,
    page_sizes=(10, 100, 1000),
    process_runs=1,
)


def server_stats(base: str) -> dict[str, Any]:
    """The bench server's counters."""
    with urllib.request.urlopen(base + "/__stats", timeout=10) as answer:
        data: dict[str, Any] = json.load(answer)
    return data


def stats_delta(before: dict[str, Any], after: dict[str, Any]) -> dict[str, int]:
    """What reached the server between two :func:`server_stats` calls."""
    keys = ("requests", "token_requests", "bearer_missing", "fail503_posts")
    return {key: int(after[key]) - int(before[key]) for key in keys}


def _latency_table(samples: dict[str, Samples], refs: Sequence[str]) -> dict[str, Any]:
    rows: dict[str, Any] = {}
    medians = {name: [statistics.median(values) for values in rounds] for name, rounds in samples.items()}
    for name, rounds in samples.items():
        row = latency(rounds).as_json()
        row["vs"] = {
            ref: ratio(medians[name], medians[ref]).as_json() for ref in refs if ref in samples and ref != name
        }
        official = OFFICIAL_OF.get(name)
        if official in samples:
            row["vs"][official] = ratio(medians[name], medians[official]).as_json()
        rows[name] = row
    return rows


# -- figure 1 ------------------------------------------------------------------------------------------------------


async def latency_async(base: str, contenders: Sequence[Contender], params: Params) -> dict[str, Any]:
    """Per-call latency of every operation, async contenders interleaved call by call."""
    out: dict[str, Any] = {"rounds": params.rounds, "refs": list(ASYNC_REFS), "ops": {}}
    before = server_stats(base)
    for op in cs.OPS:
        page = op == cs.PAGE_OP
        await warm_async(contenders, op, params.page_warmup if page else params.warmup)
        calls = params.page_calls if page else params.calls
        samples = await interleave_async(contenders, op, params.rounds, calls)
        out["ops"][op] = {"calls_per_round": calls, "contenders": _latency_table(samples, ASYNC_REFS)}
    out["server"] = stats_delta(before, server_stats(base))
    return out


def latency_sync(base: str, contenders: Sequence[Contender], params: Params) -> dict[str, Any]:
    """Per-call latency of every operation, blocking contenders interleaved call by call."""
    out: dict[str, Any] = {"rounds": params.rounds, "refs": list(SYNC_REFS), "ops": {}}
    before = server_stats(base)
    for op in cs.OPS:
        page = op == cs.PAGE_OP
        warm_sync(contenders, op, params.page_warmup if page else params.warmup)
        calls = params.page_calls if page else params.calls
        samples = interleave_sync(contenders, op, params.rounds, calls)
        out["ops"][op] = {"calls_per_round": calls, "contenders": _latency_table(samples, SYNC_REFS)}
    out["server"] = stats_delta(before, server_stats(base))
    return out


def threads_sync(contenders: Sequence[Contender], params: Params) -> dict[str, Any]:
    """``get_instance`` calls per second of 16 threads sharing one blocking client, contenders alternating."""
    import threading
    import time

    op = "get_instance"
    total = max(params.throughput_calls, SYNC_THREADS * 4)
    values: dict[str, list[float]] = {c.name: [] for c in contenders}

    def run(call: Callable[[], object]) -> float:
        remaining = [total]
        lock = threading.Lock()

        def worker() -> None:
            while True:
                with lock:
                    if remaining[0] <= 0:
                        return
                    remaining[0] -= 1
                call()

        threads = [threading.Thread(target=worker) for _ in range(SYNC_THREADS)]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return total / (time.perf_counter() - start)

    for contender in contenders:  # open the threads' connections first
        run(contender.sync_call(op))
    for index in range(params.rounds):
        order = [*contenders[index % len(contenders) :], *contenders[: index % len(contenders)]]
        for contender in order:
            values[contender.name].append(run(contender.sync_call(op)))
    rows: dict[str, Any] = {}
    for name, per_round in values.items():
        rows[name] = {"calls_per_s": statistics.median(per_round), "per_round_calls_per_s": per_round}
        if name != cs.HTTPX_SYNC and cs.HTTPX_SYNC in values:
            rows[name]["vs"] = {cs.HTTPX_SYNC: ratio(per_round, values[cs.HTTPX_SYNC]).as_json()}
    return {
        "op": op,
        "threads": SYNC_THREADS,
        "calls_per_measurement": total,
        "rounds": params.rounds,
        "contenders": rows,
    }


def _read_every_field(value: Any) -> None:
    """Read every attribute of every model in ``value`` (lazy timestamps and nested objects are decoded)."""
    if isinstance(value, list):
        for item in value:
            _read_every_field(item)
        return
    fields = getattr(type(value), "__attrs_attrs__", None)
    if fields is not None:
        for attribute in fields:
            _read_every_field(getattr(value, attribute.name))


def _decoders(
    body: bytes,
    parse: Callable[[Any], Any],
    items: Callable[[Any], Any],
    loads: Callable[[bytes], Any],
    floor: Callable[[Any], Any],
) -> dict[str, Callable[[], int | None]]:
    """The decoders of one body; one that times itself returns the nanoseconds to count (else None)."""
    import json
    import time

    def all_read() -> int:
        start = time.perf_counter_ns()
        decoded = items(parse(json.loads(body)))
        _read_every_field(decoded)  # the first read decodes what the parse deferred
        first = time.perf_counter_ns()
        _read_every_field(decoded)  # a later read is the reader's own loop: left out, it is not decoding
        return 2 * first - start - time.perf_counter_ns()

    return {
        "json.loads": lambda: json.loads(body) and None,
        "ours, json": lambda: parse(json.loads(body)) and None,
        "ours, json, all read": all_read,
        "floor, all read": lambda: floor(json.loads(body)) and None,
        "ours, orjson": lambda: parse(loads(body)) and None,
    }


def decode(params: Params) -> dict[str, Any]:
    """Decode alone, in this process, on the 1,000-item bodies: json.loads vs this SDK's parse (both parsers),
    without and with every field of every item read, and the floor (:mod:`benchmarks.floor`), interleaved call
    by call.

    "All read" is the decoding work wherever it happens: the parse, then the first read of every field (which
    decodes what the parse deferred), less the time a later read of the same fields takes (the reader's own
    loop, which any reader of any objects pays and which is not decoding).
    """
    import gc
    import time

    from benchmarks import server
    from benchmarks.floor import FLOORS
    from formance_orchestration._codec.parse import loads
    from formance_orchestration._generated import v2

    bodies: dict[str, tuple[bytes, Callable[[Any], Any], Callable[[Any], Any]]] = {
        cs.PAGE_OP: (server.page(cs.PAGE_SIZE), v2._parse_list_instances, lambda r: r.data),
        cs.HISTORY_OP: (server.HISTORY, v2._parse_get_instance_history, lambda r: r),
        cs.STAGE_HISTORY_OP: (server.STAGE_HISTORY, v2._parse_get_instance_stage_history, lambda r: r),
    }
    out: dict[str, Any] = {"rounds": params.rounds, "ops": {}, "ratios": {}}
    for op, (raw, parse, items) in bodies.items():
        body = raw[raw.index(b"\r\n\r\n") + 4 :]
        fns = _decoders(body, parse, items, loads, FLOORS[op])
        times: dict[str, list[list[int]]] = {name: [] for name in fns}
        calls = max(3, params.page_calls)
        for _ in range(params.rounds):
            gc.collect()
            per: dict[str, list[int]] = {name: [] for name in fns}
            for i in range(calls):
                names = list(fns)
                names = names[i % len(names) :] + names[: i % len(names)]
                for name in names:
                    # Rotation keeps the cyclic order, so each decoder would always follow the same one and pay
                    # the collections that one's thousands of objects made due; each call starts from a clean
                    # slate and pays for its own garbage only.
                    gc.collect()
                    start = time.perf_counter_ns()
                    counted = fns[name]()
                    per[name].append(time.perf_counter_ns() - start if counted is None else counted)
            for name in fns:
                times[name].append(per[name])
        medians = {name: [statistics.median(r) for r in rounds] for name, rounds in times.items()}
        rows = {}
        for name in fns:
            rows[name] = {
                "median_ms": statistics.median(medians[name]) / 1e6,
                "vs": {"json.loads": ratio(medians[name], medians["json.loads"]).as_json()},
            }
        out["ops"][op] = {"bytes": len(body), "calls_per_round": calls, "contenders": rows}
    worst = max(
        out["ops"].values(), key=lambda o: o["contenders"]["ours, json, all read"]["vs"]["json.loads"]["median"]
    )
    out["ratios"]["ours_json_all_read"] = worst["contenders"]["ours, json, all read"]["vs"]["json.loads"]["median"]
    out["ratios"]["floor_all_read"] = max(
        o["contenders"]["floor, all read"]["vs"]["json.loads"]["median"] for o in out["ops"].values()
    )
    out["ratios"]["ours_all_read_vs_floor"] = max(
        o["contenders"]["ours, json, all read"]["median_ms"] / o["contenders"]["floor, all read"]["median_ms"]
        for o in out["ops"].values()
    )
    return out


# -- figure 2 ------------------------------------------------------------------------------------------------------


async def throughput_by_concurrency(base: str, contenders: Sequence[Contender], params: Params) -> dict[str, Any]:
    """``get_instance`` calls per second with K tasks sharing one client, contenders alternating measurements."""
    op = "get_instance"
    out: dict[str, Any] = {
        "op": op,
        "rounds": params.rounds,
        "calls_per_measurement": params.throughput_calls,
        "levels": {},
    }
    contenders = [c for c in contenders if c.measures(op)]
    before = server_stats(base)
    for level in params.concurrency:
        total = max(params.throughput_calls, level)
        for contender in contenders:
            # Opens this level's connections so the first measurement does not pay for them alone.
            await throughput(contender.async_call(op), level, max(level, 20))
        values: dict[str, list[float]] = {c.name: [] for c in contenders}
        for index in range(params.rounds):
            order = [*contenders[index % len(contenders) :], *contenders[: index % len(contenders)]]
            for contender in order:
                values[contender.name].append(await throughput(contender.async_call(op), level, total))
        rows: dict[str, Any] = {}
        for name, per_round in values.items():
            rows[name] = {
                "calls_per_s": statistics.median(per_round),
                "per_round_calls_per_s": per_round,
                "wall_per_call_us": 1e6 / statistics.median(per_round),
                "time_in_flight_us": level * 1e6 / statistics.median(per_round),
            }
            if cs.HTTPX_ASYNC in values and name != cs.HTTPX_ASYNC:
                rows[name]["vs"] = {cs.HTTPX_ASYNC: ratio(per_round, values[cs.HTTPX_ASYNC]).as_json()}
            if cs.OFFICIAL_ASYNC in values and name == cs.OURS_ASYNC:
                rows[name].setdefault("vs", {})[cs.OFFICIAL_ASYNC] = ratio(
                    per_round, values[cs.OFFICIAL_ASYNC]
                ).as_json()
        out["levels"][str(level)] = {"calls": total, "contenders": rows}
    out["server"] = stats_delta(before, server_stats(base))
    return out


# -- figure 5 (page sizes; the concurrency half comes from figure 2) -----------------------------------------------


async def page_scaling(base: str, contenders: Sequence[Contender], params: Params) -> dict[str, Any]:
    """Cost per item of one listing call for each page size, contenders interleaved call by call."""
    out: dict[str, Any] = {"rounds": params.rounds, "sizes": {}}
    before = server_stats(base)
    for size in params.page_sizes:
        op = cs.page_op(size)
        calls = params.scaling_calls(size)
        await warm_async(contenders, op, max(1, min(params.page_warmup, calls)))
        samples = await interleave_async(contenders, op, params.rounds, calls)
        rows = _latency_table(samples, ASYNC_REFS)
        for row in rows.values():
            row["per_item_us"] = row["median_us"] / size
        out["sizes"][str(size)] = {"calls_per_round": calls, "contenders": rows}
    out["server"] = stats_delta(before, server_stats(base))
    return out


# -- figure 6 ------------------------------------------------------------------------------------------------------


async def safety(base: str, with_official: bool) -> dict[str, Any]:
    """Requests reaching the server for one POST answered 503, and the raw target sent for workflow ``a/b``."""
    from formance_orchestration import AsyncOrchestrationClient, BearerToken, errors

    out: dict[str, Any] = {"post_503_requests": {}, "get_workflow_a_b_target": {}}
    async with AsyncOrchestrationClient(base, auth=BearerToken(TOKEN)) as ours:
        before = server_stats(base)
        try:
            await ours.v2.run_workflow(FAIL_WORKFLOW_ID, variables=cs.VARIABLES)
        except errors.APIStatusError as exc:
            out["ours_error"] = type(exc).__name__
        else:
            raise CallFailed("ours: run_workflow answered 503 but no error was raised")
        out["post_503_requests"]["ours"] = stats_delta(before, server_stats(base))["fail503_posts"]
        await ours.v2.get_workflow("a/b")
        out["get_workflow_a_b_target"]["ours"] = server_stats(base)["targets"][-1]
    if with_official:
        sdk: Any = cs._official_sdk(base)
        v2 = sdk.orchestration.v2
        before = server_stats(base)
        try:
            await v2.run_workflow_async(request={"workflow_id": FAIL_WORKFLOW_ID, "request_body": cs.VARIABLES})
        except Exception as exc:  # its error classes vary by version; that it raises is what matters
            out["official_error"] = type(exc).__name__
        else:
            raise CallFailed("official: run_workflow answered 503 but no error was raised")
        out["post_503_requests"]["official"] = stats_delta(before, server_stats(base))["fail503_posts"]
        await v2.get_workflow_async(request={"flow_id": "a/b"})
        out["get_workflow_a_b_target"]["official"] = server_stats(base)["targets"][-1]
        await sdk.__aexit__(None, None, None)
        sdk.__exit__(None, None, None)
    return out


# -- figures 3 and 4: fresh processes ------------------------------------------------------------------------------


def probe(mode: str, which: str, base: str) -> dict[str, Any]:
    """Run ``probe.py`` once in a fresh interpreter and return what it printed."""
    command = [sys.executable, "-I", str(HERE / "probe.py"), mode, which, base, INSTANCE_ID, TOKEN, OPC_PATH[0]]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        raise CallFailed(f"probe {mode} {which} exited {done.returncode}:\n{done.stderr.strip()[-3000:]}")
    data: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return data


OPC_PATH = [""]
"""The folder of the generated openapi-python-client package, for the probes (set by ``run.py``)."""


def _median_of(runs: list[dict[str, Any]], key: str, scale: float = 1.0) -> dict[str, Any]:
    values = [run[key] * scale for run in runs]
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": values}


def compile_bytecode() -> None:
    """Write the bytecode of every package a probe imports, as ``pip install`` does for installed wheels.

    An editable install (the bench session's), or ``PYTHONDONTWRITEBYTECODE``, leaves this checkout without
    ``.pyc`` files, and a first import would be charged the compilation of the generated modules.
    """
    import compileall
    import importlib.util

    for package in ("formance_orchestration", "httpx", "httpcore", "formance_sdk_python"):
        spec = importlib.util.find_spec(package)
        if spec is not None and spec.submodule_search_locations:
            for location in spec.submodule_search_locations:
                compileall.compile_dir(location, quiet=1)


def startup(base: str, params: Params, names: Sequence[str]) -> dict[str, Any]:
    """Import time, time to a usable client and RSS, each from fresh processes, runs alternating contenders."""
    compile_bytecode()
    runs: dict[str, dict[str, list[dict[str, Any]]]] = {name: {"import": [], "client": []} for name in names}
    baseline: list[float] = []
    for index in range(params.process_runs):
        baseline.append(float(probe("baseline", "httpx", base)["rss_mb"]))
        order = [*names[index % len(names) :], *names[: index % len(names)]]
        for mode in ("import", "client"):
            for name in order:
                runs[name][mode].append(probe(mode, name, base))
    out: dict[str, Any] = {
        "runs": params.process_runs,
        "baseline_rss_mb": statistics.median(baseline),
        "contenders": {},
    }
    for name in names:
        out["contenders"][name] = {
            "import_ms": _median_of(runs[name]["import"], "import_s", 1000),
            "usable_client_ms": _median_of(runs[name]["client"], "usable_s", 1000),
            "rss_after_import_mb": _median_of(runs[name]["import"], "rss_mb"),
            "rss_after_first_call_mb": _median_of(runs[name]["client"], "rss_after_call_mb"),
            "modules_after_import": runs[name]["import"][0]["modules"],
        }
    return out


def stalls(base: str, params: Params, names: Sequence[str], token_requests: Callable[[], int]) -> dict[str, Any]:
    """Largest event-loop gap during construct + first call with client credentials, token endpoint slow."""
    compile_bytecode()
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
    before = token_requests()
    for index in range(params.process_runs):
        for name in [*names[index % len(names) :], *names[: index % len(names)]]:
            runs[name].append(probe("stall", name, base))
    out: dict[str, Any] = {
        "runs": params.process_runs,
        "token_delay_s": params.token_delay,
        "token_requests": token_requests() - before,
        "contenders": {},
    }
    for name in names:
        constructing = sorted({module for run in runs[name] for module in run["imported_constructing"]})
        first_call = sorted({module for run in runs[name] for module in run["imported_first_call"]})
        out["contenders"][name] = {
            "max_gap_ms": _median_of(runs[name], "max_gap_ms"),
            "first_call_ms": _median_of(runs[name], "first_call_ms"),
            "imported_constructing": constructing,
            "imported_first_call": first_call,
        }
    return out
