"""``wait_for_instance`` and ``run_workflow_and_wait`` on both faces, against a server whose instance moves on.

The real server's ``run_workflow(wait=True)`` returns at once (server-behaviour.md 6.12), so completion is
observed by polling ``getInstance`` until ``terminated`` (6.14, section 7).
"""

from __future__ import annotations

import asyncio
import functools
import threading
import time
from collections.abc import AsyncIterator, Callable
from typing import Any, Literal

import anyio
import anyio.to_thread
import httpx
import pytest

from formance_orchestration import AsyncOrchestrationClient, OrchestrationClient, errors, models

from .conftest import FAST_RETRIES
from .server import Recorded, RecordingServer, Reply

PREFIX = "/api/orchestration"
WORKFLOW_ID = "0b4b8e7c-5f0e-4d6a-9d2b-3f1a2c4d5e6f"
INSTANCE_ID = "5d2c9a10-8e4f-4b1a-b7c3-2a9e8f7d6c5b"
INSTANCE_PATH = f"{PREFIX}/v2/instances/{INSTANCE_ID}"
CREATED = "2024-06-01T10:20:30.123456789Z"
FAILURE = "resolving field 'Amount': unable to parse 'abc' as big int"

FaceKind = Literal["async", "sync"]


def instance_json(*, polls: int = 0, terminated: bool = False, error: str | None = None) -> dict[str, Any]:
    """getInstance's answer; ``polls`` stage rows make each answer tell which poll it was."""
    body: dict[str, Any] = {
        "workflowID": WORKFLOW_ID,
        "id": INSTANCE_ID,
        "createdAt": CREATED,
        "updatedAt": CREATED,
        "terminated": terminated,
        "workflow": {
            "id": WORKFLOW_ID,
            "config": {"name": "", "stages": [{"delay": {"duration": "1s"}}]},
            "createdAt": CREATED,
            "updatedAt": CREATED,
            "deletedAt": None,
        },
    }
    if polls:
        body["status"] = [
            {"stage": n, "instanceID": INSTANCE_ID, "temporalRunID": "run", "startedAt": CREATED} for n in range(polls)
        ]
    if terminated:
        body["terminatedAt"] = "2024-06-01T10:21:00Z"
    if error is not None:
        body["error"] = error
    return body


class Instance:
    """A server-side instance that terminates (optionally failing) on the ``after``-th poll; ``None``: never."""

    def __init__(self, after: int | None, *, error: str | None = None, delay: float = 0.0) -> None:
        self.after = after
        self.error = error
        self.delay = delay
        self.polls = 0
        self.times: list[float] = []
        self.lock = threading.Lock()

    def __call__(self, request: Recorded) -> Reply:
        if request.method == "POST":
            run = {k: v for k, v in instance_json().items() if k not in ("workflow", "status")}
            return Reply(201, {"data": run})
        assert request.method == "GET"
        assert request.path == INSTANCE_PATH
        with self.lock:
            self.polls += 1
            self.times.append(time.monotonic())
            polls = self.polls
        done = self.after is not None and polls >= self.after
        body = instance_json(polls=polls, terminated=done, error=self.error if done else None)
        return Reply(200, {"data": body}, delay=self.delay)


class Face:
    """``client.v2`` of one face; blocking calls run on a worker thread, as a user's would."""

    def __init__(self, kind: FaceKind, v2: Any) -> None:
        self.kind = kind
        self.v2 = v2

    async def call(self, method: str, /, *args: Any, **kwargs: Any) -> Any:
        fn: Callable[..., Any] = getattr(self.v2, method)
        if self.kind == "async":
            return await fn(*args, **kwargs)
        return await anyio.to_thread.run_sync(functools.partial(fn, *args, **kwargs))


@pytest.fixture(params=["async", "sync"])
async def face(
    request: pytest.FixtureRequest, server: RecordingServer, aclient: AsyncOrchestrationClient
) -> AsyncIterator[Face]:
    if request.param == "async":
        yield Face("async", aclient.v2)
        return
    # Built on a worker thread, where no event loop runs, as a blocking program would build it.
    client = await anyio.to_thread.run_sync(functools.partial(OrchestrationClient, server.url, retries=FAST_RETRIES))
    try:
        yield Face("sync", client.v2)
    finally:
        await anyio.to_thread.run_sync(client.close)


def gets(server: RecordingServer) -> list[Recorded]:
    return [r for r in server.requests if r.method == "GET"]


def posts(server: RecordingServer) -> list[Recorded]:
    return [r for r in server.requests if r.method == "POST"]


# -- terminating after N polls --------------------------------------------------------------------------------


@pytest.mark.anyio
@pytest.mark.parametrize("after", [1, 2, 5])
async def test_wait_returns_once_terminated(server: RecordingServer, face: Face, after: int) -> None:
    server.handler = Instance(after)
    instance = await face.call("wait_for_instance", INSTANCE_ID, wait_timeout=10, poll_interval=0.01)
    assert isinstance(instance, models.V2WorkflowInstance)
    assert instance.terminated is True
    assert instance.terminated_at is not None
    assert instance.error is None
    assert instance.status is not None
    assert len(instance.status) == after  # the answer of the last poll
    assert len(server.requests) == after  # one GET per poll, no more after termination
    assert all(r.method == "GET" and r.path == INSTANCE_PATH for r in server.requests)


@pytest.mark.anyio
async def test_wait_backoff_grows_and_is_capped(server: RecordingServer, face: Face) -> None:
    instance = Instance(8)
    server.handler = instance
    await face.call("wait_for_instance", INSTANCE_ID, wait_timeout=10, poll_interval=0.02, max_poll_interval=0.05)
    gaps = [b - a for a, b in zip(instance.times, instance.times[1:], strict=False)]
    # Each gap is at least the planned sleep (0.02, 0.03, 0.045, then 0.05 for ever), plus the request time.
    planned = [0.02, 0.03, 0.045, 0.05, 0.05, 0.05, 0.05]
    assert len(gaps) == len(planned)
    for gap, floor in zip(gaps, planned, strict=True):
        assert gap >= floor * 0.9, (gaps, planned)
    assert max(gaps[3:]) < 0.05 + 0.5, gaps  # capped: no further growth (lenient for slow machines)


@pytest.mark.anyio
async def test_wait_without_timeout(server: RecordingServer, face: Face) -> None:
    server.handler = Instance(3)
    instance = await face.call("wait_for_instance", INSTANCE_ID, wait_timeout=None, poll_interval=0.01)
    assert instance.terminated
    assert len(server.requests) == 3


@pytest.mark.anyio
async def test_wait_keeps_polling_through_a_retried_failure(server: RecordingServer, face: Face) -> None:
    server.handler = Instance(2)
    server.enqueue(Reply(503, {"errorCode": "INTERNAL", "errorMessage": "busy"}))  # the transport retries it
    instance = await face.call("wait_for_instance", INSTANCE_ID, wait_timeout=10, poll_interval=0.01)
    assert instance.terminated
    assert len(server.requests) == 3


@pytest.mark.anyio
async def test_wait_raises_what_get_instance_raises(server: RecordingServer, face: Face) -> None:
    server.handler = lambda r: Reply(500, {"errorCode": "INTERNAL", "errorMessage": "Instance not found"})
    # The real server's "unknown instance" is a 500: it raises NotFoundError, status 500 kept.
    with pytest.raises(errors.NotFoundError, match="Instance not found"):
        await face.call("wait_for_instance", INSTANCE_ID, wait_timeout=10, poll_interval=0.01)
    assert len(server.requests) == 1  # a 500 is not retried


# -- timing out -----------------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_wait_times_out_with_the_last_instance(server: RecordingServer, face: Face) -> None:
    server.handler = Instance(None)
    started = time.monotonic()
    with pytest.raises(errors.WaitTimeoutError) as caught:
        await face.call("wait_for_instance", INSTANCE_ID, wait_timeout=0.3, poll_interval=0.05)
    elapsed = time.monotonic() - started
    assert 0.3 <= elapsed < 2.0
    error = caught.value
    assert isinstance(error, errors.OrchestrationError)
    assert error.instance_id == INSTANCE_ID
    assert error.timeout == 0.3
    assert "did not terminate within 0.3 s (still running)" in str(error)
    polls = len(server.requests)
    assert 3 <= polls <= 8  # 0.05, 0.075, 0.1125, 0.16875 ... within 0.3 s
    assert error.instance is not None
    assert error.instance.terminated is False
    assert error.instance.status is not None
    assert len(error.instance.status) == polls  # the last instance seen, not the first


@pytest.mark.anyio
async def test_wait_timeout_covers_a_hanging_request(server: RecordingServer, face: Face) -> None:
    server.handler = Instance(None, delay=3.0)
    started = time.monotonic()
    with pytest.raises(errors.WaitTimeoutError, match=r"never read") as caught:
        await face.call("wait_for_instance", INSTANCE_ID, wait_timeout=0.2, poll_interval=0.05)
    assert time.monotonic() - started < 1.5
    assert caught.value.instance is None
    assert len(server.requests) == 1


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"wait_timeout": 0}, "wait_timeout must be a positive number"),
        ({"wait_timeout": -1}, "wait_timeout must be a positive number"),
        ({"wait_timeout": True}, "wait_timeout must be a positive number"),
        ({"poll_interval": 0}, "poll_interval must be a positive number"),
        ({"poll_interval": float("nan")}, "poll_interval must be a positive number"),
        ({"poll_interval": 2.0, "max_poll_interval": 1.0}, "max_poll_interval must be >= poll_interval"),
    ],
)
async def test_wait_argument_errors_before_any_request(
    server: RecordingServer, face: Face, kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        await face.call("wait_for_instance", INSTANCE_ID, **kwargs)
    with pytest.raises(ValueError, match=message):
        await face.call("run_workflow_and_wait", WORKFLOW_ID, **kwargs)
    assert server.requests == []


# -- cancellation ---------------------------------------------------------------------------------------------


async def polls_reach(server: RecordingServer, count: int) -> None:
    with anyio.fail_after(5):
        while len(server.requests) < count:  # noqa: ASYNC110 - the server runs on a plain thread
            await anyio.sleep(0.005)


@pytest.mark.anyio
@pytest.mark.parametrize("in_flight", [False, True], ids=["while-sleeping", "during-a-request"])
async def test_cancelling_the_wait_stops_polling_at_once(
    server: RecordingServer, aclient: AsyncOrchestrationClient, in_flight: bool
) -> None:
    server.handler = Instance(None, delay=1.0 if in_flight else 0.0)
    finished = False

    async def waiter() -> None:
        nonlocal finished
        await aclient.v2.wait_for_instance(INSTANCE_ID, wait_timeout=30, poll_interval=0.1)
        finished = True

    async with anyio.create_task_group() as tg:
        tg.start_soon(waiter)
        await polls_reach(server, 1)
        cancelled_at = time.monotonic()
        tg.cancel_scope.cancel()
    assert time.monotonic() - cancelled_at < 0.5  # not held up by the sleep or the pending answer
    assert not finished
    seen = len(server.requests)
    assert seen == 1
    await anyio.sleep(0.4)  # longer than several poll intervals
    assert len(server.requests) == seen
    # The client still works afterwards.
    server.handler = Instance(1)
    instance = await aclient.v2.get_instance(INSTANCE_ID)
    assert instance.terminated
    assert len(server.requests) == seen + 1


@pytest.mark.anyio
@pytest.mark.parametrize("anyio_backend", ["asyncio"])
async def test_cancelling_an_asyncio_task_stops_polling(
    server: RecordingServer, aclient: AsyncOrchestrationClient
) -> None:
    server.handler = Instance(None)
    task = asyncio.ensure_future(aclient.v2.wait_for_instance(INSTANCE_ID, wait_timeout=30, poll_interval=0.05))
    await polls_reach(server, 2)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    seen = len(server.requests)
    await asyncio.sleep(0.3)
    assert len(server.requests) == seen
    server.handler = Instance(1)
    assert (await aclient.v2.wait_for_instance(INSTANCE_ID, wait_timeout=5)).terminated


@pytest.mark.anyio
async def test_an_outer_timeout_cancels_rather_than_raising_wait_timeout(
    server: RecordingServer, aclient: AsyncOrchestrationClient
) -> None:
    """The caller's own cancel scope wins: its cancellation is not turned into a WaitTimeoutError."""
    server.handler = Instance(None)
    with anyio.move_on_after(0.2) as scope:
        await aclient.v2.wait_for_instance(INSTANCE_ID, wait_timeout=30, poll_interval=0.05)
    assert scope.cancelled_caught
    seen = len(server.requests)
    await anyio.sleep(0.3)
    assert len(server.requests) == seen


# -- instances that fail ----------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_failed_instance_is_returned_with_its_error(server: RecordingServer, face: Face) -> None:
    server.handler = Instance(2, error=FAILURE)
    instance = await face.call("wait_for_instance", INSTANCE_ID, wait_timeout=10, poll_interval=0.01)
    assert instance.terminated
    assert instance.error == FAILURE
    assert len(server.requests) == 2


@pytest.mark.anyio
async def test_failed_instance_raises_when_asked(server: RecordingServer, face: Face) -> None:
    server.handler = Instance(2, error=FAILURE)
    with pytest.raises(errors.WorkflowFailedError) as caught:
        await face.call("wait_for_instance", INSTANCE_ID, wait_timeout=10, poll_interval=0.01, raise_on_error=True)
    assert isinstance(caught.value, errors.OrchestrationError)
    assert caught.value.instance.id == INSTANCE_ID
    assert caught.value.instance.terminated
    assert caught.value.instance.error == FAILURE
    assert FAILURE in str(caught.value)
    assert len(server.requests) == 2


@pytest.mark.anyio
async def test_successful_instance_does_not_raise_when_asked(server: RecordingServer, face: Face) -> None:
    server.handler = Instance(1)
    instance = await face.call(
        "wait_for_instance", INSTANCE_ID, wait_timeout=10, poll_interval=0.01, raise_on_error=True
    )
    assert instance.error is None


# -- run, then wait -------------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_run_workflow_and_wait_runs_once_then_polls(server: RecordingServer, face: Face) -> None:
    server.handler = Instance(3)
    instance = await face.call(
        "run_workflow_and_wait", WORKFLOW_ID, variables={"amount": "100"}, wait_timeout=10, poll_interval=0.01
    )
    assert instance.terminated
    assert instance.id == INSTANCE_ID
    (run,) = posts(server)
    assert server.requests[0] is run
    assert run.path == f"{PREFIX}/v2/workflows/{WORKFLOW_ID}/instances"
    assert run.json() == {"amount": "100"}
    assert int(run.headers["content-length"]) > 0  # the server ignores a body without one
    assert len(gets(server)) == 3
    assert all(r.path == INSTANCE_PATH for r in gets(server))


@pytest.mark.anyio
async def test_run_workflow_and_wait_without_variables(server: RecordingServer, face: Face) -> None:
    server.handler = Instance(1)
    await face.call("run_workflow_and_wait", WORKFLOW_ID, wait_timeout=10, poll_interval=0.01)
    (run,) = posts(server)
    assert run.query == []
    assert len(gets(server)) == 1


@pytest.mark.anyio
async def test_run_workflow_and_wait_failure(server: RecordingServer, face: Face) -> None:
    server.handler = Instance(2, error=FAILURE)
    instance = await face.call("run_workflow_and_wait", WORKFLOW_ID, wait_timeout=10, poll_interval=0.01)
    assert instance.error == FAILURE
    server.requests.clear()
    server.handler = Instance(2, error=FAILURE)
    with pytest.raises(errors.WorkflowFailedError) as caught:
        await face.call("run_workflow_and_wait", WORKFLOW_ID, wait_timeout=10, poll_interval=0.01, raise_on_error=True)
    assert caught.value.instance.error == FAILURE
    assert len(posts(server)) == 1


@pytest.mark.anyio
async def test_run_workflow_and_wait_timeout(server: RecordingServer, face: Face) -> None:
    server.handler = Instance(None)
    with pytest.raises(errors.WaitTimeoutError) as caught:
        await face.call("run_workflow_and_wait", WORKFLOW_ID, wait_timeout=0.3, poll_interval=0.05)
    assert caught.value.instance is not None
    assert caught.value.instance_id == INSTANCE_ID
    assert len(posts(server)) == 1


@pytest.mark.anyio
async def test_run_workflow_and_wait_never_replays_the_run(server: RecordingServer, face: Face) -> None:
    server.handler = lambda r: Reply(502, {"errorCode": "INTERNAL", "errorMessage": "bad gateway"})
    with pytest.raises(errors.InternalServerError):
        await face.call("run_workflow_and_wait", WORKFLOW_ID, wait_timeout=10, poll_interval=0.01)
    assert [r.method for r in server.requests] == ["POST"]  # a POST after a 5xx may have run: not retried


# -- wait_timeout and the deprecated meaning of timeout -----------------------------------------------------------


@pytest.mark.anyio
async def test_timeout_as_the_bound_of_the_wait_still_works_with_a_warning(server: RecordingServer, face: Face) -> None:
    """``wait_for_instance(timeout=...)`` meant the bound of the whole wait: kept for one minor version, with a
    DeprecationWarning pointing at ``wait_timeout``."""
    server.handler = Instance(None)
    with (
        pytest.warns(DeprecationWarning, match="use wait_timeout="),
        pytest.raises(errors.WaitTimeoutError, match=r"within 0\.2 s"),
    ):
        await face.call("wait_for_instance", INSTANCE_ID, timeout=0.2, poll_interval=0.05)
    with pytest.warns(DeprecationWarning, match="use wait_timeout="), pytest.raises(errors.WaitTimeoutError):
        await face.call("run_workflow_and_wait", WORKFLOW_ID, timeout=0.2, poll_interval=0.05)


@pytest.mark.anyio
async def test_with_wait_timeout_timeout_is_the_http_timeout_of_each_poll(server: RecordingServer, face: Face) -> None:
    """Next to ``wait_timeout``, ``timeout`` is the HTTP timeout of each poll, as in every other method: a poll
    that hangs past it fails that poll (retried, then raised), well before the wait's own bound."""
    server.handler = Instance(None, delay=3.0)
    started = time.monotonic()
    with pytest.raises(errors.APITimeoutError):
        await face.call("wait_for_instance", INSTANCE_ID, wait_timeout=30, timeout=0.2, poll_interval=0.05)
    assert time.monotonic() - started < 2.5
    with pytest.raises(errors.APITimeoutError):  # an httpx.Timeout is never the old meaning: no warning
        await face.call("wait_for_instance", INSTANCE_ID, timeout=httpx.Timeout(0.2), poll_interval=0.05)
