"""examples/async_service.py: many workflows at once, events sent to waiting instances, graceful shutdown."""

from __future__ import annotations

import itertools
import os
import queue
import signal
import subprocess
import threading
import time
from typing import Any

import anyio
import pytest

from formance_orchestration.testing import FakeOrchestration

from .conftest import ROOT, example_command, example_env


@pytest.mark.anyio
async def test_runs_every_job_with_bounded_concurrency(
    load_example: Any, local_servers: list[FakeOrchestration], capsys: pytest.CaptureFixture[str]
) -> None:
    service = load_example("async_service")
    assert await service.main(["--jobs", "8", "--concurrency", "4"]) == 0
    out = capsys.readouterr().out
    assert "worker ready: workflow " in out
    assert out.count("approved and completed") == 8
    assert "all jobs done: 8 completed, 0 failed, 0 abandoned" in out

    [fake] = local_servers
    assert fake.server_errors == []
    assert len(fake.requests_for("create_workflow")) == 1
    events = fake.requests_for("send_event")
    assert len(events) == 8
    assert all(request.json() == {"name": "approved"} for request in events)
    # Never more than four jobs between their run and their event; more than one at once (which four start
    # first is up to the scheduler: a fast job may send its event before the fourth run goes out).
    order = [request.operation for request in fake.requests if request.operation in ("run_workflow", "send_event")]
    in_flight = [order[: i + 1].count("run_workflow") - order[: i + 1].count("send_event") for i in range(len(order))]
    assert 2 <= max(in_flight) <= 4
    assert order.index("send_event") < [i for i, op in enumerate(order) if op == "run_workflow"][4]
    runs = {request.json()["userID"] for request in fake.requests_for("run_workflow")}
    assert runs == {f"user-{n}" for n in range(1, 9)}


@pytest.mark.anyio
async def test_a_failing_job_does_not_stop_the_others(
    load_example: Any, local_servers: list[FakeOrchestration], capsys: pytest.CaptureFixture[str]
) -> None:
    service = load_example("async_service")
    fake = FakeOrchestration(realtime=True)
    fake.fail_stage(stage_type="send", error="insufficient funds", times=1)
    async with fake.async_client() as client:
        tally = await service.Worker(client, concurrency=2, grace=5).run(range(1, 5))
    assert (tally.completed, tally.failed, tally.abandoned) == (3, 1, [])
    assert "ended before its approval stage: insufficient funds" in capsys.readouterr().out


def stuck_worker_fake() -> FakeOrchestration:
    """Every send stage retries forever: jobs never reach their approval stage, so they stay in flight."""
    fake = FakeOrchestration(realtime=True)
    fake.fail_stage(stage_type="send", error="ledger unavailable", retry=True)
    return fake


async def run_until_signalled(service: Any, *, grace: float, signals: list[signal.Signals]) -> tuple[Any, Any, float]:
    fake = stuck_worker_fake()
    async with fake.async_client() as client:
        worker = service.Worker(client, concurrency=3, grace=grace)
        tallies: list[Any] = []

        async def run() -> None:
            tallies.append(await worker.run(itertools.count(1)))

        async with anyio.create_task_group() as group:
            group.start_soon(run)
            with anyio.fail_after(10):
                while True:  # every slot taken by a job whose instance exists
                    if len(fake.requests_for("run_workflow")) == 3 and worker.in_flight == 3:
                        break
                    await anyio.sleep(0.01)
            started = time.monotonic()
            for signum in signals:
                os.kill(os.getpid(), signum)
                await anyio.sleep(0.05)
        elapsed = time.monotonic() - started
    assert len(fake.requests_for("run_workflow")) == 3  # nothing new started after the signal
    return worker, tallies[0], elapsed


@pytest.mark.parametrize("anyio_backend", ["asyncio"])
@pytest.mark.anyio
async def test_signal_gives_jobs_in_flight_a_grace_period_then_cancels_them(
    load_example: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    service = load_example("async_service")
    worker, tally, elapsed = await run_until_signalled(service, grace=0.5, signals=[signal.SIGTERM])
    assert worker.stopping
    assert 0.4 < elapsed < 5
    assert len(tally.abandoned) == 3
    out = capsys.readouterr().out
    assert "SIGTERM: no new jobs; 3 in flight get 0.5 s to finish" in out
    assert out.count("still exists on the server") == 3


@pytest.mark.parametrize("anyio_backend", ["asyncio"])
@pytest.mark.anyio
async def test_second_signal_cancels_at_once(load_example: Any, capsys: pytest.CaptureFixture[str]) -> None:
    service = load_example("async_service")
    _worker, tally, elapsed = await run_until_signalled(service, grace=60, signals=[signal.SIGTERM, signal.SIGINT])
    assert elapsed < 5
    assert len(tally.abandoned) == 3
    out = capsys.readouterr().out
    assert "SIGTERM: no new jobs" in out
    assert "SIGINT again: cancelling the jobs in flight" in out


def read_lines(stream: Any, into: queue.Queue[str]) -> None:
    for line in stream:
        into.put(line)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_shuts_down_cleanly_on_signal(signum: signal.Signals) -> None:
    """The script as run by a user or a process manager: signalled mid-work, it exits 0 within the grace period."""
    process = subprocess.Popen(
        example_command("async_service", "--jobs", "0", "--grace", "10"),
        env=example_env(),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=read_lines, args=(process.stdout, lines), daemon=True)
    reader.start()
    try:
        seen: list[str] = []
        deadline = time.monotonic() + 30
        while not any("approved and completed" in line for line in seen):  # mid-work: jobs done and in flight
            assert time.monotonic() < deadline, f"no job completed in time: {seen}"
            try:
                seen.append(lines.get(timeout=1))
            except queue.Empty:
                assert process.poll() is None, f"exited early ({process.returncode}): {seen}"
        process.send_signal(signum)
        returncode = process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    reader.join(5)
    assert process.stdout is not None
    assert process.stderr is not None
    stderr = process.stderr.read()
    process.stdout.close()
    process.stderr.close()
    while not lines.empty():
        seen.append(lines.get())
    out = "".join(seen)
    assert returncode == 0, stderr
    assert f"{signum.name}: no new jobs" in out
    assert "shut down cleanly: " in out
    assert " 0 failed" in out
    assert "Traceback" not in stderr
