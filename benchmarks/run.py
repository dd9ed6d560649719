"""Run the side-by-side benchmark suite: ``python -m benchmarks [--quick] [--only latency,stall] ...``.

Starts the canned server (``benchmarks/server.py``) in its own process on a free port, measures the figures
(see :mod:`benchmarks.figures`), prints one table per figure and a targets summary, writes the JSON record and
the plots, and stops the server even on error. Exits non-zero only when a call fails; a missed target is
reported, never fatal (CI runs ``--quick`` as a smoke test).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import select
import socket
import subprocess
import sys
import time
import traceback
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

if not __package__:  # run as ``python benchmarks/run.py``: make the package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import contenders as cs
from benchmarks import figures, opc, report
from benchmarks.figures import QUICK, Params

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
NUMBERS = ("rounds", "calls", "page_calls", "throughput_calls", "process_runs")
FIGURES = {
    "latency": "1",
    "throughput": "2",
    "startup": "3",
    "stall": "4",
    "scaling": "5",
    "safety": "6",
    "decode": "7",
}


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="This SDK vs raw httpx vs formance-sdk-python, interleaved in one run.",
    )
    parser.add_argument("--quick", action="store_true", help="tiny counts: a smoke test in well under 2 minutes")
    parser.add_argument("--rounds", type=int, help="rounds per figure (default 7; quick 2)")
    parser.add_argument("--calls", type=int, help="calls per round per contender for small calls (default 1000)")
    parser.add_argument("--page-calls", type=int, help="calls per round for the 1,000-item page (default 60)")
    parser.add_argument("--throughput-calls", type=int, help="calls per throughput measurement (default 600)")
    parser.add_argument("--process-runs", type=int, help="fresh processes per contender, figures 3 and 4 (default 7)")
    parser.add_argument(
        "--only",
        help="comma-separated figures, by number or name: " + ", ".join(f"{n}={name}" for name, n in FIGURES.items()),
    )
    parser.add_argument(
        "--json", type=Path, default=RESULTS / "latest.json", help="the JSON record (the plots go beside it)"
    )
    parser.add_argument("--no-plots", action="store_true", help="skip the matplotlib figures")
    args = parser.parse_args(argv)
    for name in NUMBERS:
        value = getattr(args, name)
        if value is not None and value < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    chosen = set(FIGURES)
    if args.only:
        by_number = {number: name for name, number in FIGURES.items()}
        chosen = set()
        for item in args.only.split(","):
            item = item.strip().lower()
            name = by_number.get(item, item)
            if name not in FIGURES:
                parser.error(f"unknown figure {item!r}; choose from {', '.join(FIGURES)} or 1-7")
            chosen.add(name)
    args.figures = chosen
    return args


def params_from(args: argparse.Namespace) -> Params:
    params = QUICK if args.quick else Params()
    overrides = {name: getattr(args, name) for name in NUMBERS if getattr(args, name) is not None}
    return replace(params, **overrides)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def bench_server(token_delay: float = 0.0) -> Iterator[str]:
    """The canned server in its own process; yields its base URL and stops it on the way out."""
    port = free_port()
    command = [sys.executable, str(HERE / "server.py"), str(port), "--token-delay", str(token_delay)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], 30)
        line = process.stdout.readline() if ready else ""
        if line.strip() != "ready":
            raise RuntimeError(f"bench server did not start (exit code {process.poll()}, said {line!r})")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


@contextlib.contextmanager
def measuring(record: dict[str, Any], name: str) -> Iterator[None]:
    """Note progress on stderr (tables go to stdout at the end) and record how long the figure took."""
    print(f"measuring {name} ...", file=sys.stderr, flush=True)
    started = time.perf_counter()
    yield
    record["timings_s"][name] = round(time.perf_counter() - started, 1)


async def async_figures(base: str, params: Params, chosen: set[str], official: bool, record: dict[str, Any]) -> None:
    """Figures 1 (async half), 5, 2 and 6, in one event loop, async contenders shared between them."""
    results = record["figures"]
    if chosen & {"latency", "scaling", "throughput"}:
        contenders: list[cs.Contender] = []
        try:
            contenders += [cs.ours_async(base), cs.ours_async_std(base), cs.httpx_async(base)]
            if official:
                contenders.append(cs.official_async(base))
            if record["opc"]:
                contenders.append(cs.opc_async(base))
            if "latency" in chosen:
                with measuring(record, "latency-async"):
                    results["latency"] = {"async": await figures.latency_async(base, contenders, params)}
            if "scaling" in chosen:
                with measuring(record, "scaling"):
                    results["scaling"] = await figures.page_scaling(base, contenders, params)
            if "throughput" in chosen:
                # Last of the three: its high concurrency leaves the pools with extra connections.
                with measuring(record, "throughput"):
                    results["throughput"] = await figures.throughput_by_concurrency(base, contenders, params)
        finally:
            await cs.close_async(contenders)
    if "safety" in chosen:
        with measuring(record, "safety"):
            results["safety"] = await figures.safety(base, official)


def sync_figures(base: str, params: Params, official: bool, record: dict[str, Any]) -> None:
    """Figure 1, blocking half, on the main thread with no event loop running."""
    contenders: list[cs.Contender] = []
    with measuring(record, "latency-sync"):
        try:
            contenders += [cs.ours_sync(base), cs.httpx_sync(base), cs.httpx_async_via_thread(base)]
            if official:
                contenders.append(cs.official_sync(base))
            figure = figures.latency_sync(base, contenders, params)
            threads = figures.threads_sync([c for c in contenders if c.name in (cs.OURS_SYNC, cs.HTTPX_SYNC)], params)
        finally:
            cs.close_sync(contenders)
    record["figures"].setdefault("latency", {})["sync"] = figure
    record["figures"]["threads"] = threads


def measure(args: argparse.Namespace, params: Params, record: dict[str, Any]) -> None:
    chosen: set[str] = args.figures
    official = cs.official_available() is None
    probes = [
        name for name in figures.PROBE_NAMES if (official or name != "official") and (record["opc"] or name != "opc")
    ]
    with bench_server() as base:
        if chosen & {"latency", "scaling", "throughput", "safety"}:
            asyncio.run(async_figures(base, params, chosen, official, record))
        if "latency" in chosen:
            sync_figures(base, params, official, record)
        if "startup" in chosen:
            with measuring(record, "startup"):
                record["figures"]["startup"] = figures.startup(base, params, probes)
    if "decode" in chosen:
        with measuring(record, "decode"):
            record["figures"]["decode"] = figures.decode(params)
    if "stall" in chosen:
        with bench_server(params.token_delay) as slow, measuring(record, "stall"):
            # The generated client has no OAuth client credentials: the stall figure needs them.
            stall_probes = [name for name in probes if name != "opc"]
            record["figures"]["stall"] = figures.stalls(
                slow, params, stall_probes, lambda: int(figures.server_stats(slow)["token_requests"])
            )


def print_figures(record: dict[str, Any]) -> None:
    """Every measured figure's table, in figure order."""
    results = record["figures"]
    note = record["notes"][0] if record["notes"] else ""
    latency = results.get("latency", {})
    if "async" in latency:
        report.print_latency("Figure 1a. Per-call latency, async clients", latency["async"], note)
    if "sync" in latency:
        report.print_latency("Figure 1b. Per-call latency, blocking clients", latency["sync"], note)
    if "threads" in results:
        report.print_threads(results["threads"])
    if "throughput" in results:
        report.print_throughput(results["throughput"])
    if "startup" in results:
        report.print_startup(results["startup"])
    if "stall" in results:
        report.print_stall(results["stall"])
    if "scaling" in results:
        report.print_scaling(results["scaling"])
    if "safety" in results:
        report.print_safety(results["safety"])
    if "decode" in results:
        report.print_decode(results["decode"])


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    params = params_from(args)
    started = time.perf_counter()
    unavailable = cs.official_available()
    record: dict[str, Any] = {
        "date": report.now_utc(),
        "machine": report.machine(),
        "versions": report.versions(),
        "parameters": {
            **params.as_json(),
            "quick": args.quick,
            "figures": sorted(args.figures, key=lambda name: FIGURES[name]),
        },
        "notes": [unavailable] if unavailable else [],
        "figures": {},
        "timings_s": {},
    }
    box = record["machine"]
    print(f"formance_orchestration benchmarks, {record['date']}")
    print(f"{box['cpu_model']}, {box['cpu_count']} CPUs, {box['platform']}, Python {box['python']}")
    print("versions: " + ", ".join(f"{name} {version or '-'}" for name, version in record["versions"].items()))
    print(f"figures: {', '.join(record['parameters']['figures'])}; {params}")
    if unavailable:
        print(f"NOTE: {unavailable}")
    failed = False
    record["opc"] = None
    if args.figures & {"latency", "scaling", "throughput", "startup"}:
        print("generating the openapi-python-client contender ...", file=sys.stderr, flush=True)
        folder, why = opc.generate()
        if folder is None:
            record["notes"].append(why)
            print(f"NOTE: {why}")
        else:
            sys.path.insert(0, str(folder))
            figures.OPC_PATH[0] = str(folder)
            record["opc"] = str(folder)
    try:
        measure(args, params, record)
    except Exception:
        failed = True
        traceback.print_exc()
        print("\nFAILED: a call failed; the figures measured before it are printed below", file=sys.stderr)
    print_figures(record)
    record["elapsed_s"] = round(time.perf_counter() - started, 1)
    record["failed"] = failed
    if not failed:
        record["targets"] = report.targets(record["figures"])
        report.print_targets(record["targets"])
    report.write_json(args.json, record)
    print()
    if record["timings_s"]:
        print("time per figure (s): " + ", ".join(f"{name} {secs:.0f}" for name, secs in record["timings_s"].items()))
    print(f"JSON: {args.json}")
    if not args.no_plots and not failed:
        for path in report.plot(record, args.json.parent):
            print(f"plot: {path}")
    print(f"finished in {time.perf_counter() - started:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
