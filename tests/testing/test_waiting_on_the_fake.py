"""Waiting works against the double: the fixtures' clock moves on when a client waits; ``run_until_idle``."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from formance_orchestration import AsyncOrchestrationClient, OrchestrationClient
from formance_orchestration.testing import FakeOrchestration

from .conftest import create_workflow, instance, run

NS = 1_000_000_000
DELAYED: list[dict[str, Any]] = [{"delay": {"duration": "1s"}}, {"noop": {}}]


def test_run_workflow_and_wait_ends_at_once_under_the_fixtures(
    fake_orchestration: FakeOrchestration, orchestration_client: OrchestrationClient
) -> None:
    before = fake_orchestration.clock.now_ns()
    workflow = orchestration_client.v2.create_workflow(stages=DELAYED)
    # A bound far below the 300 s default: the wait must not depend on wall time at all.
    done = orchestration_client.v2.run_workflow_and_wait(workflow.id, timeout=30)
    assert done.terminated is True
    assert done.error is None
    assert fake_orchestration.clock.now_ns() - before == NS  # moved to the timer, not past it
    assert len(fake_orchestration.requests_for("get_instance")) == 1  # the first poll saw it finished


@pytest.mark.anyio
async def test_async_run_workflow_and_wait_ends_at_once_under_the_fixtures(
    fake_orchestration: FakeOrchestration, async_orchestration_client: AsyncOrchestrationClient
) -> None:
    stages = [*DELAYED, {"delay": {"duration": "1h"}}]
    workflow = await async_orchestration_client.v2.create_workflow(stages=stages)
    done = await async_orchestration_client.v2.run_workflow_and_wait(workflow.id, timeout=30)
    assert done.terminated is True
    assert [status.stage for status in done.status or []] == [0, 1, 2]
    assert len(fake_orchestration.requests_for("get_instance")) == 1


def test_the_clock_stops_at_an_event_and_at_a_retry_forever(fake_orchestration: FakeOrchestration) -> None:
    fake = fake_orchestration
    with httpx.Client(transport=fake.transport, base_url="http://fake") as http:
        waiting = run(http, create_workflow(http, [{"delay": {"duration": "5s"}}, {"wait_event": {"event": "go"}}]))
        before = fake.clock.now_ns()
        data = instance(http, waiting)
        assert (data["terminated"], len(data["status"])) == (False, 2)  # past the delay, waiting for the event
        assert fake.clock.now_ns() - before == 5 * NS
        assert instance(http, waiting)["terminated"] is False
        assert fake.clock.now_ns() - before == 5 * NS  # nothing more to wait for: the clock stays


def test_a_plain_fake_keeps_its_clock_still() -> None:
    fake = FakeOrchestration()
    assert fake.auto_advance is False
    with httpx.Client(transport=fake.transport, base_url="http://fake") as http:
        instance_id = run(http, create_workflow(http, DELAYED))
        before = fake.clock.now_ns()
        assert instance(http, instance_id)["terminated"] is False
        assert fake.clock.now_ns() == before
        fake.auto_advance = True
        assert instance(http, instance_id)["terminated"] is True


def test_run_until_idle_runs_every_timer_in_time_order() -> None:
    fake = FakeOrchestration()
    with httpx.Client(transport=fake.transport, base_url="http://fake") as http:
        long = run(http, create_workflow(http, [{"delay": {"duration": "1m"}}]))
        short = run(http, create_workflow(http, [{"delay": {"duration": "2s"}}, {"delay": {"duration": "3s"}}]))
        waits = run(http, create_workflow(http, [{"wait_event": {"event": "go"}}]))
        before = fake.clock.now_ns()
        fake.run_until_idle()
        assert fake.clock.now_ns() - before == 60 * NS
        assert "terminatedAt" not in instance(http, waits)
        assert instance(http, short)["terminatedAt"] < instance(http, long)["terminatedAt"]
        fake.run_until_idle()  # nothing waits on time any more
        assert fake.clock.now_ns() - before == 60 * NS


def test_auto_advance_and_run_until_idle_need_the_manual_clock() -> None:
    with pytest.raises(TypeError, match="ManualClock"):
        FakeOrchestration(realtime=True, auto_advance=True)
    with pytest.raises(TypeError, match="ManualClock"):
        FakeOrchestration(realtime=True).run_until_idle()
