"""Timing loops and the statistics reported from them.

Contenders are interleaved call by call: in every iteration each one makes one call, and which goes first
rotates, so drift on a shared, noisy machine (frequency changes, other processes, the server's own pauses) hits
them alike. Each call is timed on its own with ``perf_counter_ns``; ratios are taken round by round (median over
median within one round) and reported as the median ratio with its spread across rounds, which says how far a
single round could be trusted.

Garbage collection stays enabled while timing (it is part of a client's cost); ``gc.collect()`` runs before each
timed block so one contender does not pay for the garbage another left behind.
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from benchmarks.contenders import AsyncCall, Contender, SyncCall, expected

Samples = list[list[int]]
"""Nanoseconds per call, one list per round."""


class CallFailed(Exception):
    """A contender's call raised or returned the wrong thing: the run must fail, not report a number."""


def _rotations(count: int) -> list[list[int]]:
    return [[(start + k) % count for k in range(count)] for start in range(count)]


def check(contender: Contender, op: str, result: object) -> None:
    """Raise :class:`CallFailed` unless ``result`` is what every contender must get for ``op``."""
    try:
        got = contender.fingerprint(op, result)
    except Exception as exc:
        raise CallFailed(f"{contender.name} {op}: unexpected result {type(result).__name__}: {exc!r}") from exc
    if got != expected(op):
        raise CallFailed(f"{contender.name} {op}: got {got!r}, expected {expected(op)!r}")


async def warm_async(contenders: Sequence[Contender], op: str, calls: int) -> None:
    """``calls`` untimed calls per contender (connections opened, caches and tokens filled), results checked."""
    for contender in contenders:
        if not contender.measures(op):
            continue
        call = contender.async_call(op)
        for _ in range(max(1, calls)):
            check(contender, op, await call())


def warm_sync(contenders: Sequence[Contender], op: str, calls: int) -> None:
    """The blocking twin of :func:`warm_async`."""
    for contender in contenders:
        if not contender.measures(op):
            continue
        call = contender.sync_call(op)
        for _ in range(max(1, calls)):
            check(contender, op, call())


async def interleave_async(contenders: Sequence[Contender], op: str, rounds: int, calls: int) -> dict[str, Samples]:
    """Per-call times of ``op``: ``rounds`` x ``calls``, every contender once per iteration, first one rotating."""
    contenders = [c for c in contenders if c.measures(op)]
    fns: list[AsyncCall] = [c.async_call(op) for c in contenders]
    orders = _rotations(len(fns))
    clock = time.perf_counter_ns
    out: dict[str, Samples] = {c.name: [] for c in contenders}
    for _ in range(rounds):
        times: list[list[int]] = [[] for _ in fns]
        gc.collect()
        for i in range(calls):
            for j in orders[i % len(orders)]:
                fn = fns[j]
                start = clock()
                await fn()
                times[j].append(clock() - start)
        for contender, values in zip(contenders, times, strict=True):
            out[contender.name].append(values)
    return out


def interleave_sync(contenders: Sequence[Contender], op: str, rounds: int, calls: int) -> dict[str, Samples]:
    """The blocking twin of :func:`interleave_async`."""
    contenders = [c for c in contenders if c.measures(op)]
    fns: list[SyncCall] = [c.sync_call(op) for c in contenders]
    orders = _rotations(len(fns))
    clock = time.perf_counter_ns
    out: dict[str, Samples] = {c.name: [] for c in contenders}
    for _ in range(rounds):
        times: list[list[int]] = [[] for _ in fns]
        gc.collect()
        for i in range(calls):
            for j in orders[i % len(orders)]:
                fn = fns[j]
                start = clock()
                fn()
                times[j].append(clock() - start)
        for contender, values in zip(contenders, times, strict=True):
            out[contender.name].append(values)
    return out


async def throughput(call: AsyncCall, concurrency: int, total: int) -> float:
    """Calls per second of ``concurrency`` tasks sharing one client until ``total`` calls are made."""
    remaining = total

    async def worker() -> None:
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            await call()

    gc.collect()
    start = time.perf_counter_ns()
    async with asyncio.TaskGroup() as group:
        for _ in range(concurrency):
            group.create_task(worker())
    return total / ((time.perf_counter_ns() - start) / 1e9)


# -- statistics ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Spread:
    """A ratio taken round by round: its median and the smallest and largest round."""

    median: float
    low: float
    high: float
    rounds: tuple[float, ...]

    def as_json(self) -> dict[str, Any]:
        return {"median": self.median, "min": self.low, "max": self.high, "per_round": list(self.rounds)}

    def __str__(self) -> str:
        return f"{self.median:5.2f}x [{self.low:.2f}, {self.high:.2f}]"


def spread(values: Sequence[float]) -> Spread:
    """The :class:`Spread` of per-round values."""
    return Spread(statistics.median(values), min(values), max(values), tuple(values))


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    """Linear-interpolated percentile of already sorted values."""
    if len(sorted_values) == 1:
        return float(sorted_values[0])
    position = fraction * (len(sorted_values) - 1)
    low = int(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


@dataclass(frozen=True)
class Latency:
    """One contender's per-call times in microseconds, over all rounds and round by round."""

    median: float
    p10: float
    p90: float
    round_medians: tuple[float, ...]
    calls: int

    def as_json(self) -> dict[str, Any]:
        return {
            "median_us": self.median,
            "p10_us": self.p10,
            "p90_us": self.p90,
            "round_medians_us": list(self.round_medians),
            "calls": self.calls,
        }


def latency(samples: Samples) -> Latency:
    """Summarize ``samples`` (nanoseconds) in microseconds."""
    flat = sorted(v / 1000 for values in samples for v in values)
    return Latency(
        median=percentile(flat, 0.5),
        p10=percentile(flat, 0.1),
        p90=percentile(flat, 0.9),
        round_medians=tuple(statistics.median(values) / 1000 for values in samples),
        calls=len(flat),
    )


def ratio(numerator: Sequence[float], denominator: Sequence[float]) -> Spread:
    """Round-by-round ratio of two per-round series measured in the same rounds."""
    return spread([a / b for a, b in zip(numerator, denominator, strict=True)])
