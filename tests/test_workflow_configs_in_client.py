"""Configs go straight into ``create_workflow(config=...)``; runs are checked against the ``${variables}`` the
stages use; waits report each stage's progress. Both faces, against the in-memory double (this file is also the
mypy --strict check of the typed usage)."""

from __future__ import annotations

import itertools
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path

import anyio
import pytest

from formance_orchestration import (
    AsyncOrchestrationClient,
    OrchestrationClient,
    StageProgress,
    StageState,
    errors,
    load_workflow_config,
    models,
)
from formance_orchestration import stages as s
from formance_orchestration.testing import FakeOrchestration

TEXT = """\
name: payout
stages:
- delay: {duration: "${wait}"}
- wait_event: {event: go}
- update: {account: {id: "users:${user}", metadata: {k: v}}}
"""


@pytest.fixture
def fake() -> Iterator[FakeOrchestration]:
    with FakeOrchestration(realtime=True) as fake:
        yield fake


@pytest.fixture
def config() -> models.V2WorkflowConfig:
    return load_workflow_config(TEXT)


# -- create_workflow(config=...) ------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_create_workflow_takes_a_loaded_config_on_the_async_face(
    fake: FakeOrchestration, config: models.V2WorkflowConfig
) -> None:
    async with fake.async_client() as client:
        workflow: models.V2Workflow = await client.v2.create_workflow(config=config)
        raw = await client.v2.with_raw_response.create_workflow(config=config)
        assert raw.status_code == 201
        raw_workflow: models.V2Workflow = raw.parse()
    assert workflow.config == config
    assert raw_workflow.config == config
    (request, _) = fake.requests_for("create_workflow")
    assert request.json() == {"name": "payout", "stages": config.stages}


def test_create_workflow_takes_a_built_config_on_the_sync_face(fake: FakeOrchestration) -> None:
    built = models.V2WorkflowConfig(name="built", stages=[s.WaitEvent("go").to_json()])
    with fake.client() as client:
        workflow: models.V2Workflow = client.v2.create_workflow(config=built)
        raw_workflow: models.V2Workflow = client.v2.with_raw_response.create_workflow(config=built).parse()
        # name= and stages= keep working.
        plain = client.v2.create_workflow(name="plain", stages=[s.Noop()])
    assert workflow.config == built
    assert raw_workflow.config == built
    assert plain.config == models.V2WorkflowConfig(name="plain", stages=[{"noop": {}}])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"stages": [{"noop": {}}]}, "either config= or stages=/name=, not both"),
        ({"name": "other"}, "either config= or stages=/name=, not both"),
    ],
)
def test_config_together_with_stages_or_name_is_refused_before_any_request(
    fake: FakeOrchestration, config: models.V2WorkflowConfig, kwargs: dict[str, object], message: str
) -> None:
    with fake.client() as client:
        with pytest.raises(TypeError, match=message):
            client.v2.create_workflow(config=config, **kwargs)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="needs config="):
            client.v2.create_workflow()
        with pytest.raises(TypeError, match=r"config must be a models\.V2WorkflowConfig"):
            client.v2.create_workflow(config={"stages": []})  # type: ignore[arg-type]
    assert fake.requests_for("create_workflow") == []


# -- variables ---------------------------------------------------------------------------------------------------


def test_a_run_lacking_variables_is_refused_and_nothing_runs(
    fake: FakeOrchestration, config: models.V2WorkflowConfig
) -> None:
    with fake.client() as client:
        workflow = client.v2.create_workflow(config=config)
        with pytest.raises(errors.MissingVariablesError) as info:
            client.v2.run_workflow(workflow.id, variables={"wait": "1s"})
        with pytest.raises(ValueError, match="uses variables the run does not give: user, wait"):
            client.v2.run_workflow_and_wait(workflow.id)
        with pytest.raises(errors.MissingVariablesError):
            client.v2.with_raw_response.run_workflow(workflow.id)
    assert info.value.missing == ("user",)
    assert info.value.workflow_id == workflow.id
    assert "check_variables=False" in str(info.value)
    assert fake.requests_for("run_workflow") == []
    assert fake.requests_for("get_workflow") == []  # created by this client: known without asking


@pytest.mark.anyio
async def test_unused_variables_warn_at_the_callers_line_on_both_faces(
    fake: FakeOrchestration, config: models.V2WorkflowConfig
) -> None:
    variables = {"wait": "1ms", "user": "1", "usr": "typo"}
    async with fake.async_client() as aclient:
        workflow = await aclient.v2.create_workflow(config=config)
        with pytest.warns(errors.UnusedVariablesWarning, match="uses variable: usr") as caught:
            await aclient.v2.run_workflow(workflow.id, variables=variables)
        assert caught[0].filename == __file__
        assert isinstance(caught[0].message, errors.UnusedVariablesWarning)
        assert caught[0].message.unused == ("usr",)
    with fake.client() as client:
        known = client.v2.create_workflow(config=config)
        # The sync face warns on the caller's thread (not the portal's), pointing at the caller's line.
        with warnings.catch_warnings(record=True) as records:
            warnings.simplefilter("always")
            client.v2.run_workflow(known.id, variables=variables)
            client.v2.with_raw_response.run_workflow(known.id, variables=variables)
        assert [(w.category, w.filename) for w in records] == [(errors.UnusedVariablesWarning, __file__)] * 2
    assert len(fake.requests_for("run_workflow")) == 3


def test_check_variables_none_costs_no_request_true_reads_once_false_never(
    fake: FakeOrchestration, config: models.V2WorkflowConfig
) -> None:
    with fake.client() as other:
        workflow_id = other.v2.create_workflow(config=config).id
    with fake.client() as client:
        # Unknown to this client: the default sends the run as is, without reading the workflow.
        client.v2.run_workflow(workflow_id)
        assert fake.requests_for("get_workflow") == []
        with pytest.raises(errors.MissingVariablesError):
            client.v2.run_workflow(workflow_id, check_variables=True)
        assert len(fake.requests_for("get_workflow")) == 1
        # Now known: the default checks, with no further read.
        with pytest.raises(errors.MissingVariablesError):
            client.v2.run_workflow(workflow_id)
        with pytest.raises(errors.MissingVariablesError):
            client.v2.run_workflow_and_wait(workflow_id, check_variables=True)
        assert len(fake.requests_for("get_workflow")) == 1
        client.v2.run_workflow(workflow_id, check_variables=False)
    assert len(fake.requests_for("run_workflow")) == 2


def test_a_workflow_without_variables_runs_without_any(fake: FakeOrchestration) -> None:
    with fake.client() as client:
        workflow = client.v2.create_workflow(stages=[s.Delay(duration="1ms")])
        done = client.v2.run_workflow_and_wait(workflow.id, timeout=30, poll_interval=0.01)
    assert done.terminated
    assert not done.error


# -- progress --------------------------------------------------------------------------------------------------------


def final_states(events: list[StageProgress]) -> dict[int, StageState]:
    return {event.stage: event.state for event in events}


@pytest.mark.anyio
async def test_on_progress_reports_each_stage_change_on_the_async_face(
    fake: FakeOrchestration, config: models.V2WorkflowConfig
) -> None:
    events: list[StageProgress] = []
    async with fake.async_client() as client:
        workflow = await client.v2.create_workflow(config=config)
        instance = await client.v2.run_workflow(workflow.id, variables={"wait": "20ms", "user": "1"})

        async def send_when_waiting() -> None:
            while not any(e.state is StageState.WAITING for e in events):  # noqa: ASYNC110 - the callback is sync
                await anyio.sleep(0.01)
            await client.v2.send_event(instance.id, name="go")

        async with anyio.create_task_group() as tg:
            tg.start_soon(send_when_waiting)
            done = await client.v2.wait_for_instance(
                instance.id, timeout=30, poll_interval=0.01, max_poll_interval=0.02, on_progress=events.append
            )
    assert done.terminated
    assert not done.error
    assert final_states(events) == {0: StageState.DONE, 1: StageState.DONE, 2: StageState.DONE}
    waiting = [e for e in events if e.state is StageState.WAITING]
    assert [(e.stage, e.kind, e.event) for e in waiting] == [(1, "wait_event", "go")]
    assert all(e.instance_id == instance.id for e in events)
    # One event per change: never the same state twice in a row for a stage; stages in order.
    for stage in (0, 1, 2):
        states = [e.state for e in events if e.stage == stage]
        assert all(a != b for a, b in itertools.pairwise(states)), states
    assert [e.stage for e in events] == sorted(e.stage for e in events)
    assert events[-1].instance.terminated


def test_on_progress_reports_a_failure_with_its_error_on_the_sync_face(fake: FakeOrchestration) -> None:
    events: list[StageProgress] = []
    threads: set[int] = set()

    def record(event: StageProgress) -> None:
        threads.add(threading.get_ident())
        events.append(event)

    with fake.client() as client:
        workflow = client.v2.create_workflow(stages=[s.Noop(), s.Update(s.UpdateAccount("a", {"k": "v"}))])
        fake.fail_stage(workflow.id, stage_type="update", error="ledger says no")
        done = client.v2.run_workflow_and_wait(workflow.id, timeout=30, poll_interval=0.01, on_progress=record)
    assert done.error == "ledger says no"
    assert final_states(events) == {0: StageState.DONE, 1: StageState.FAILED}
    (failed,) = [e for e in events if e.state is StageState.FAILED]
    assert (failed.kind, failed.error) == ("update", "ledger says no")
    assert threads
    assert threading.get_ident() not in threads  # documented: the portal's thread


def test_an_exception_in_on_progress_ends_the_wait_and_propagates(fake: FakeOrchestration) -> None:
    def explode(event: StageProgress) -> None:
        raise RuntimeError(f"callback saw stage {event.stage}")

    with fake.client() as client:
        workflow = client.v2.create_workflow(stages=[s.WaitEvent("never")])
        instance = client.v2.run_workflow(workflow.id)
        with pytest.raises(RuntimeError, match="callback saw stage 0"):
            client.v2.wait_for_instance(instance.id, timeout=30, poll_interval=0.01, on_progress=explode)


def test_typed_usage_reads_well(tmp_path: Path) -> None:
    # What mypy --strict sees here is the point: a file's config goes straight in on both faces.
    path = tmp_path / "wf.yaml"
    path.write_text(TEXT, encoding="utf-8")
    config: models.V2WorkflowConfig = load_workflow_config(path)

    async def on_async(client: AsyncOrchestrationClient) -> models.V2WorkflowInstance:
        workflow = await client.v2.create_workflow(config=config)
        return await client.v2.run_workflow_and_wait(
            workflow.id, variables={"wait": "1s", "user": "1"}, on_progress=lambda e: print(e.stage, e.state)
        )

    def on_sync(client: OrchestrationClient) -> models.V2WorkflowInstance:
        workflow = client.v2.create_workflow(config=config)
        return client.v2.run_workflow(workflow.id, variables={"wait": "1s", "user": "1"}, check_variables=True)

    assert callable(on_async)
    assert callable(on_sync)
