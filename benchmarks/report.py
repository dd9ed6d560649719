"""Fixed-width tables on stdout, the targets summary, the JSON record and the two plots."""

from __future__ import annotations

import json
import os
import platform
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from benchmarks import contenders as cs

PACKAGES = (
    "httpx",
    "httpcore",
    "anyio",
    "sniffio",
    "formance-orchestration",
    "formance-sdk-python",
    "pydantic",
    "orjson",
    "openapi-python-client",
)
PROBE_LABELS = {
    "ours": "formance_orchestration",
    "httpx": "httpx (raw)",
    "official": "formance_sdk_python",
    "opc": "openapi-python-client",
}


def machine() -> dict[str, Any]:
    """Where the numbers come from."""
    model = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "cpu_count": os.cpu_count(),
        "cpu_model": model or platform.processor() or None,
    }


def versions() -> dict[str, str | None]:
    """Installed versions of everything on the measured path."""
    found: dict[str, str | None] = {}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    return found


def now_utc() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _ratio(entry: dict[str, Any] | None) -> str:
    if entry is None:
        return ""
    return f"{entry['median']:5.2f}x [{entry['min']:.2f}, {entry['max']:.2f}]"


def _vs_cell(name: str, row: dict[str, Any], ref: str) -> str:
    """The ratio of ``name`` to ``ref``, ``(reference)`` on the reference's own row, blank if not measured."""
    return "(reference)" if name == ref else _ratio(row.get("vs", {}).get(ref))


def _print_table(
    title: str, header: list[tuple[str, int]], rows: Iterable[list[str]], notes: Iterable[str] = (), left: int = 2
) -> None:
    """Columns before ``left`` are labels (left-aligned), the rest numbers (right-aligned)."""

    def cells(values: Iterable[str]) -> str:
        out = []
        for i, (value, (_, width)) in enumerate(zip(values, header, strict=True)):
            out.append(f"{value:<{width}}" if i < left else f"{value:>{width}}")
        return "  ".join(out).rstrip()

    print()
    print(title)
    line = cells(name for name, _ in header)
    print(line)
    print("-" * len(line))
    for row in rows:
        print(cells(row))
    for note in notes:
        print(f"  {note}")


def _server_note(server: dict[str, int] | None) -> list[str]:
    if not server:
        return []
    note = (
        f"server saw {server['requests']} requests, {server['token_requests']} token requests, "
        f"{server['bearer_missing']} without the bearer token"
    )
    if server["token_requests"]:
        note += " (the official SDK's client credentials: one token per OAuth scope set, then cached)"
    if server["bearer_missing"]:
        note += "  <-- a contender did not authenticate: unfair comparison"
    return [note]


def print_latency(title: str, figure: dict[str, Any], official: str) -> None:
    refs: list[str] = figure["refs"]
    header = [("operation", 21), ("contender", 22), ("median us", 10), ("p10", 9), ("p90", 9)]
    header += [(f"vs {ref}", 24) for ref in refs] + [("vs official", 22)]
    rows = []
    for op, data in figure["ops"].items():
        for index, (name, row) in enumerate(data["contenders"].items()):
            label = op if index == 0 else ""
            if op in cs.PAGE_OPS and index == 0:
                label = f"{op} ({cs.PAGE_SIZE})"
            cells = [label, name, f"{row['median_us']:.1f}", f"{row['p10_us']:.1f}", f"{row['p90_us']:.1f}"]
            cells += [_vs_cell(name, row, ref) for ref in refs]
            official_of = {cs.OURS_ASYNC: cs.OFFICIAL_ASYNC, cs.OURS_SYNC: cs.OFFICIAL_SYNC}.get(name)
            cells.append(_ratio(row["vs"].get(official_of)) if official_of else "")
            rows.append(cells)
    calls = ", ".join(f"{op} {data['calls_per_round']}" for op, data in figure["ops"].items())
    notes = [f"{figure['rounds']} rounds; calls per round per contender: {calls}", *_server_note(figure.get("server"))]
    if official:
        notes.append(official)
    _print_table(title, header, rows, notes)


def print_threads(figure: dict[str, Any]) -> None:
    header = [("contender", 22), ("calls/s", 9), ("vs httpx-sync", 24)]
    rows = []
    for name, row in figure["contenders"].items():
        rows.append([name, f"{row['calls_per_s']:.0f}", _vs_cell(name, row, cs.HTTPX_SYNC)])
    notes = [
        f"{figure['op']}; {figure['threads']} threads share one blocking client until "
        f"{figure['calls_per_measurement']} calls are made; {figure['rounds']} rounds, alternating",
        "ours runs every call on its one portal thread's event loop; httpx.Client runs each on the calling thread",
    ]
    _print_table("Figure 1c. Threads sharing one blocking client", header, rows, notes, left=1)


def print_throughput(figure: dict[str, Any]) -> None:
    header = [("concurrency", 11), ("contender", 16), ("calls/s", 9), ("wall/call us", 12), ("in flight us", 12)]
    header += [("vs httpx-async", 24), ("vs official", 22)]
    rows = []
    for level, data in figure["levels"].items():
        for index, (name, row) in enumerate(data["contenders"].items()):
            vs = row.get("vs", {})
            rows.append(
                [
                    level if index == 0 else "",
                    name,
                    f"{row['calls_per_s']:.0f}",
                    f"{row['wall_per_call_us']:.1f}",
                    f"{row['time_in_flight_us']:.0f}",
                    _vs_cell(name, row, cs.HTTPX_ASYNC),
                    _ratio(vs.get(cs.OFFICIAL_ASYNC)),
                ]
            )
    notes = [
        f"{figure['op']}; K tasks share one client until {figure['calls_per_measurement']} calls are made; "
        f"{figure['rounds']} rounds, contenders alternating measurement by measurement",
        "wall/call = elapsed / calls; in flight = K x wall/call (how long each call waits, pool queueing included)",
        *_server_note(figure.get("server")),
    ]
    _print_table("Figure 2. Throughput by concurrency (async)", header, rows, notes)


def print_startup(figure: dict[str, Any]) -> None:
    header = [("package", 22), ("import ms", 10), ("usable client ms", 16)]
    header += [("RSS import MB", 13), ("RSS 1st call MB", 15), ("modules", 8)]
    base = figure["baseline_rss_mb"]
    rows = []
    for name, row in figure["contenders"].items():
        rows.append(
            [
                PROBE_LABELS[name],
                f"{row['import_ms']['median']:.1f}",
                f"{row['usable_client_ms']['median']:.1f}",
                f"{row['rss_after_import_mb']['median']:.1f} (+{row['rss_after_import_mb']['median'] - base:.1f})",
                f"{row['rss_after_first_call_mb']['median']:.1f} (+{row['rss_after_first_call_mb']['median'] - base:.1f})",
                str(row["modules_after_import"]),
            ]
        )
    notes = [
        f"median of {figure['runs']} fresh processes each; usable client = import + construct + first access of "
        "its v2 operations (official: SDK(...).orchestration.v2)",
        f"RSS (+ over a bare interpreter with psutil, {base:.1f} MB); 1st call = one get_instance "
        "(official: client credentials, so it also fetches a token)",
    ]
    _print_table("Figure 3. Import time, time to a usable client, memory", header, rows, notes, left=1)


def _by_package(modules: list[str]) -> str:
    """``h11 x12, httpcore x20, ...``: module lists grouped by top-level package (all names are in the JSON)."""
    counts: dict[str, int] = {}
    for module in modules:
        top = module.split(".", 1)[0]
        counts[top] = counts.get(top, 0) + 1
    return ", ".join(f"{top} x{count}" if count > 1 else top for top, count in sorted(counts.items()))


def print_stall(figure: dict[str, Any]) -> None:
    header = [("package", 22), ("max gap ms", 10), ("[min, max]", 16), ("first call ms", 13)]
    rows = []
    for name, row in figure["contenders"].items():
        gap = row["max_gap_ms"]
        rows.append(
            [
                PROBE_LABELS[name],
                f"{gap['median']:.1f}",
                f"[{gap['min']:.1f}, {gap['max']:.1f}]",
                f"{row['first_call_ms']['median']:.1f}",
            ]
        )
    notes = [
        f"median of {figure['runs']} fresh processes; package imported before the loop; a 1 ms ticker records the "
        f"longest gap while the client is built and makes its first get_instance with client credentials "
        f"(token endpoint answers after {figure['token_delay_s'] * 1000:.0f} ms, without blocking)",
    ]
    for name, row in figure["contenders"].items():
        if name == "httpx":
            continue
        for phase in ("constructing", "first_call"):
            modules = row[f"imported_{phase}"]
            notes.append(
                f"{PROBE_LABELS[name]}, modules imported {phase.replace('_', ' ')}: "
                f"{len(modules)}{': ' + _by_package(modules) if modules else ''}"
            )
    _print_table("Figure 4. Event-loop stall during a fresh process's first call", header, rows, notes, left=1)


def print_scaling(figure: dict[str, Any]) -> None:
    header = [("page size", 9), ("contender", 16), ("calls", 6), ("median ms", 10), ("us/item", 8)]
    header += [("vs httpx-async", 24), ("vs official", 22)]
    rows = []
    for size, data in figure["sizes"].items():
        for index, (name, row) in enumerate(data["contenders"].items()):
            rows.append(
                [
                    size if index == 0 else "",
                    name,
                    str(data["calls_per_round"]) if index == 0 else "",
                    f"{row['median_us'] / 1000:.2f}",
                    f"{row['per_item_us']:.2f}",
                    _vs_cell(name, row, cs.HTTPX_ASYNC),
                    _ratio(row["vs"].get(cs.OFFICIAL_ASYNC)),
                ]
            )
    notes = [f"{figure['rounds']} rounds, interleaved call by call; calls = per round per contender"]
    notes += _server_note(figure.get("server"))
    _print_table("Figure 5. Cost per item by page size (async list_instances)", header, rows, notes)


def print_decode(figure: dict[str, Any]) -> None:
    header = [("body", 28), ("decode", 22), ("median ms", 10), ("vs json.loads", 24)]
    rows = []
    for op, data in figure["ops"].items():
        for index, (name, row) in enumerate(data["contenders"].items()):
            label = f"{op} ({data['bytes'] // 1000} kB)" if index == 0 else ""
            cells = [label, name, f"{row['median_ms']:.2f}"]
            cells.append("(reference)" if name == "json.loads" else _ratio(row["vs"]["json.loads"]))
            rows.append(cells)
    notes = [
        f"in process, {figure['rounds']} rounds, interleaved; 'all read' reads every attribute of every model "
        "(every timestamp parsed, every nested object decoded) and leaves out a later read of the same fields "
        "(the reader's own loop)",
        "floor: hand-written, no checks, same objects, timestamps by fromisoformat alone (benchmarks/floor.py); "
        "no Python decoder of these objects gets below it",
    ]
    _print_table("Figure 7. Decoding alone, 1,000-item bodies", header, rows, notes)


def print_safety(figure: dict[str, Any]) -> None:
    print()
    print("Figure 6. Safety")
    print("  POST run_workflow answered 503: requests that reached the server")
    for name, count in figure["post_503_requests"].items():
        error = figure.get(f"{name}_error", "")
        print(f"    {PROBE_LABELS[name]:<24}{count:>3}   (raised {error})")
    print('  get_workflow("a/b"): the request target the server received')
    for name, target in figure["get_workflow_a_b_target"].items():
        print(f"    {PROBE_LABELS[name]:<24}{target}")


# -- targets -------------------------------------------------------------------------------------------------------


Target = tuple[str, float | None, str, Callable[[float], bool]]


def _vs(figures: dict[str, Any], kind: str, op: str, name: str, ref: str) -> float | None:
    try:
        value: float = figures["latency"][kind]["ops"][op]["contenders"][name]["vs"][ref]["median"]
    except KeyError:
        return None
    return value


def _at_most(bound: float) -> Callable[[float], bool]:
    return lambda value: value <= bound


def targets(figures: dict[str, Any]) -> list[dict[str, Any]]:
    """Each goal with the measured value and whether it was met (``None`` if not measured in this run)."""
    goals: list[Target] = []
    # (face, operations, reference contender, its label, bound): this SDK's median over the reference's.
    ratio_goals = [
        ("async", cs.SMALL_OPS, cs.HTTPX_ASYNC, "httpx-async", 1.05),
        ("async", cs.SMALL_OPS, cs.OFFICIAL_ASYNC, "official-async", 0.5),
        ("sync", cs.SMALL_OPS, cs.HTTPX_VIA_THREAD, "httpx-async-via-thread", 1.1),
        ("sync", cs.SMALL_OPS, cs.OFFICIAL_SYNC, "official-sync", 1.0),
        ("async", cs.PAGE_OPS, cs.HTTPX_ASYNC, "httpx-async", 1.0),
        ("async-json", cs.PAGE_OPS, cs.HTTPX_ASYNC, "httpx-async", 1.25),
        ("async", (cs.PAGE_OP,), cs.OFFICIAL_ASYNC, "official-async", 0.6),
    ]
    for face, ops, reference, label, bound in ratio_goals:
        ours = {"async": cs.OURS_ASYNC, "async-json": cs.OURS_ASYNC_STD}.get(face, cs.OURS_SYNC)
        kind = ("page (json.loads)" if face == "async-json" else "page (orjson)") if ops[0] in cs.PAGE_OPS else face
        face = "async" if face == "async-json" else face
        for op in ops:
            goals.append(
                (
                    f"{kind} {op} vs {label}",
                    _vs(figures, face, op, ours, reference),
                    f"<= {bound:.2f}x",
                    _at_most(bound),
                )
            )
    for level, data in figures.get("throughput", {}).get("levels", {}).items():
        vs = data["contenders"].get(cs.OURS_ASYNC, {}).get("vs", {}).get(cs.HTTPX_ASYNC)
        goals.append(
            (
                f"throughput at concurrency {level} vs httpx-async",
                vs["median"] if vs else None,
                ">= 0.95x",
                lambda v: v >= 0.95,
            )
        )
    start = figures.get("startup", {}).get("contenders", {})
    usable = None
    if "ours" in start and "official" in start:
        usable = start["ours"]["usable_client_ms"]["median"] / start["official"]["usable_client_ms"]["median"]
    goals.append(("time to usable client vs official", usable, "<= 0.45x", lambda v: v <= 0.45))
    bare = None
    if "ours" in start and "official" in start:
        bare = start["ours"]["import_ms"]["median"] / start["official"]["import_ms"]["median"]
    goals.append(("bare import vs official", bare, "<= 0.80x", lambda v: v <= 0.8))
    threads = figures.get("threads", {}).get("contenders", {}).get(cs.OURS_SYNC, {}).get("vs", {}).get(cs.HTTPX_SYNC)
    goals.append(
        (
            "16 threads, one sync client, vs httpx.Client (informational)",
            threads["median"] if threads else None,
            "report",
            lambda v: True,
        )
    )
    dec = figures.get("decode", {})
    for key, label in (("ours_json_all_read", "decode, every field read, vs json.loads"),):
        value = dec.get("ratios", {}).get(key)
        goals.append((label, value, "<= 1.60x", lambda v: v <= 1.6))
    goals.append(
        (
            "  the floor (no checks), every field read, vs json.loads (informational)",
            dec.get("ratios", {}).get("floor_all_read"),
            "report",
            lambda v: True,
        )
    )
    goals.append(
        (
            "  ours, every field read, vs the floor (informational)",
            dec.get("ratios", {}).get("ours_all_read_vs_floor"),
            "report",
            lambda v: True,
        )
    )
    stall = figures.get("stall", {}).get("contenders", {})
    excess = None
    if "ours" in stall and "httpx" in stall:
        excess = stall["ours"]["max_gap_ms"]["median"] - stall["httpx"]["max_gap_ms"]["median"]
    goals.append(("first-call stall minus raw httpx's (ms)", excess, "< 5 ms", lambda v: v < 5.0))
    out = []
    for name, value, goal, test in goals:
        out.append({"target": name, "value": value, "goal": goal, "met": None if value is None else bool(test(value))})
    return out


def print_targets(results: list[dict[str, Any]]) -> None:
    print()
    print("Targets (informational: a missed target never fails the run)")
    width = max(len(r["target"]) for r in results)
    for r in results:
        if r["value"] is None:
            value, verdict = "-", "n/a (not measured)"
        else:
            value = f"{r['value']:.1f}" if "ms" in r["goal"] else f"{r['value']:.3f}x"
            verdict = "met" if r["met"] else "MISSED"
        print(f"  {r['target']:<{width}}  {value:>8}  target {r['goal']:<9} {verdict}")
    met = sum(1 for r in results if r["met"])
    measured = sum(1 for r in results if r["met"] is not None)
    print(f"  {met} of {measured} measured targets met")


# -- files ---------------------------------------------------------------------------------------------------------


def write_json(path: Path, record: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=2, sort_keys=False) + "\n")


def _plot_contenders(left: Any, right: Any, xs: list[int], points: dict[str, Any], left_key: str) -> None:
    """Each contender's ``left_key`` on ``left`` and its ratio to httpx-async (bars: min-max) on ``right``."""
    for name, color in COLORS.items():
        rows = [points[str(x)]["contenders"].get(name) for x in xs]
        if any(row is None for row in rows):
            continue
        left.plot(xs, [row[left_key] for row in rows], "o-", color=color, label=name)
        if name != cs.HTTPX_ASYNC:
            medians = [row["vs"][cs.HTTPX_ASYNC]["median"] for row in rows]
            lows = [m - row["vs"][cs.HTTPX_ASYNC]["min"] for m, row in zip(medians, rows, strict=True)]
            highs = [row["vs"][cs.HTTPX_ASYNC]["max"] - m for m, row in zip(medians, rows, strict=True)]
            right.errorbar(xs, medians, yerr=[lows, highs], fmt="o-", color=color, capsize=4, label=name)


def _save(plt: Any, fig: Any, path: Path, title: str) -> Path:
    fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def _title(what: str, record: dict[str, Any]) -> str:
    box = record["machine"]
    return f"{what}\n{record['date']} - {box['cpu_model']}, {box['cpu_count']} CPUs, Python {box['python']}"


COLORS = {
    cs.OURS_ASYNC: "tab:blue",
    cs.OURS_ASYNC_STD: "tab:cyan",
    cs.HTTPX_ASYNC: "tab:gray",
    cs.OFFICIAL_ASYNC: "tab:orange",
    cs.OPC_ASYNC: "tab:green",
}


def plot(record: dict[str, Any], folder: Path) -> list[Path]:
    """Write page_scaling.png and concurrency_scaling.png for whichever figures ran; return the paths."""
    try:
        import matplotlib
    except ImportError:
        print("plots skipped: matplotlib is not installed (pip install -e '.[bench]')")
        return []
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    figures = record["figures"]
    if "scaling" in figures:
        sizes = [int(size) for size in figures["scaling"]["sizes"]]
        fig, (left, right) = plt.subplots(1, 2, figsize=(12, 5))
        _plot_contenders(left, right, sizes, figures["scaling"]["sizes"], "per_item_us")
        left.set(xscale="log", yscale="log", xlabel="page size (items)", ylabel="us per item (median call / items)")
        left.set_title("list_instances: cost per item")
        right.axhline(1.0, color=COLORS[cs.HTTPX_ASYNC], linestyle="--", label="httpx-async + json (1.0)")
        right.set(xscale="log", xlabel="page size (items)", ylabel="median call time / httpx-async's")
        right.set_title("ratio to raw httpx + response.json() (bars: min-max over rounds)")
        for axes in (left, right):
            axes.set_xticks(sizes, [f"{size:,}" for size in sizes])
            axes.grid(True, which="both", alpha=0.3)
            axes.legend()
        written.append(_save(plt, fig, folder / "page_scaling.png", _title("Page scaling", record)))
    if "throughput" in figures:
        levels = [int(level) for level in figures["throughput"]["levels"]]
        fig, (left, right) = plt.subplots(1, 2, figsize=(12, 5))
        _plot_contenders(left, right, levels, figures["throughput"]["levels"], "wall_per_call_us")
        left.set(xscale="log", xlabel="concurrent tasks sharing one client", ylabel="us of wall time per call")
        left.set_title("get_instance: per-call cost (elapsed / calls)")
        right.axhline(1.0, color=COLORS[cs.HTTPX_ASYNC], linestyle="--", label="httpx-async (1.0)")
        right.set(xscale="log", xlabel="concurrent tasks sharing one client", ylabel="throughput / httpx-async's")
        right.set_title("throughput ratio to raw httpx (bars: min-max over rounds)")
        for axes in (left, right):
            axes.set_xticks(levels, [str(level) for level in levels])
            axes.minorticks_off()
            axes.grid(True, which="both", alpha=0.3)
            axes.legend()
        written.append(_save(plt, fig, folder / "concurrency_scaling.png", _title("Concurrency scaling", record)))
    return written
