"""``client.v2.with_raw_response.<method>(...)`` on both faces: status, headers, timing, and ``parse()``."""

from __future__ import annotations

import functools
import inspect
from collections.abc import AsyncIterator, Callable
from datetime import timedelta
from typing import Any, Literal

import anyio
import anyio.to_thread
import httpx
import pytest

from formance_orchestration import (
    AsyncOrchestrationClient,
    AsyncPage,
    OrchestrationClient,
    RawResponse,
    SyncPage,
    errors,
    models,
)
from formance_orchestration import stages as s
from formance_orchestration._generated.v2 import AsyncV2, AsyncV2WithRawResponse
from formance_orchestration._generated.v2_sync import V2, V2WithRawResponse

from .conftest import FAST_RETRIES
from .server import Recorded, RecordingServer, Reply

FaceKind = Literal["async", "sync"]
PREFIX = "/api/orchestration"
WORKFLOW_ID = "0b4b8e7c-5f0e-4d6a-9d2b-3f1a2c4d5e6f"
INSTANCE_ID = "5d2c9a10-8e4f-4b1a-b7c3-2a9e8f7d6c5b"
CREATED = "2024-06-01T10:20:30.123456789Z"


def workflow_json(n: int = 0, stages: Any = None) -> dict[str, Any]:
    return {
        "id": f"{WORKFLOW_ID[:-1]}{n}",
        "config": {"name": f"wf{n}", "stages": stages},
        "createdAt": CREATED,
        "updatedAt": CREATED,
        "deletedAt": None,
    }


INSTANCE = {
    "workflowID": WORKFLOW_ID,
    "id": INSTANCE_ID,
    "createdAt": CREATED,
    "updatedAt": CREATED,
    "terminated": False,
}


def page(items: list[Any], *, next_: str | None = None) -> Reply:
    cursor: dict[str, Any] = {"pageSize": 2, "hasMore": next_ is not None, "data": items}
    if next_ is not None:
        cursor["next"] = next_
    return Reply(200, {"cursor": cursor})


class Face:
    """``client.v2`` of one face; blocking calls run on a worker thread, as a user's would."""

    def __init__(self, kind: FaceKind, v2: Any) -> None:
        self.kind = kind
        self.v2 = v2

    async def _run(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if self.kind == "async":
            return await fn(*args, **kwargs)
        return await anyio.to_thread.run_sync(functools.partial(fn, *args, **kwargs))

    async def raw(self, method: str, /, *args: Any, **kwargs: Any) -> RawResponse[Any]:
        raw = await self._run(getattr(self.v2.with_raw_response, method), *args, **kwargs)
        assert isinstance(raw, RawResponse)
        return raw

    async def plain(self, method: str, /, *args: Any, **kwargs: Any) -> Any:
        fn = getattr(self.v2, method)
        if self.kind == "async" and method.startswith("list_"):
            return await fn(*args, **kwargs)  # the paginator's first page
        return await self._run(fn, *args, **kwargs)


@pytest.fixture(params=["async", "sync"])
async def face(
    request: pytest.FixtureRequest, server: RecordingServer, aclient: AsyncOrchestrationClient
) -> AsyncIterator[Face]:
    if request.param == "async":
        yield Face("async", aclient.v2)
        return
    client = await anyio.to_thread.run_sync(functools.partial(OrchestrationClient, server.url, retries=FAST_RETRIES))
    try:
        yield Face("sync", client.v2)
    finally:
        await anyio.to_thread.run_sync(client.close)


# -- the same operations ----------------------------------------------------------------------------------------


def operations(cls: type) -> set[str]:
    return {name for name, _ in inspect.getmembers(cls, inspect.isfunction) if not name.startswith("_")}


def test_every_operation_has_a_raw_twin_on_both_faces() -> None:
    ops = operations(AsyncV2)
    assert len(ops) == 18
    assert operations(AsyncV2WithRawResponse) == ops
    assert operations(V2) == ops
    assert operations(V2WithRawResponse) == ops
    for name in ops:
        plain = inspect.signature(getattr(AsyncV2, name))
        raw = inspect.signature(getattr(AsyncV2WithRawResponse, name))
        assert list(raw.parameters) == list(plain.parameters), name
        assert list(inspect.signature(getattr(V2WithRawResponse, name)).parameters) == list(plain.parameters), name


@pytest.mark.anyio
async def test_with_raw_response_is_cached(aclient: AsyncOrchestrationClient, client: OrchestrationClient) -> None:
    assert aclient.v2.with_raw_response is aclient.v2.with_raw_response
    assert client.v2.with_raw_response is client.v2.with_raw_response


# -- 200, 201, 204 ----------------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_raw_200(server: RecordingServer, face: Face) -> None:
    server.enqueue(Reply(200, {"data": workflow_json()}, headers={"X-Request-Id": "req-1"}, delay=0.05))
    raw = await face.raw("get_workflow", WORKFLOW_ID)
    assert raw.status_code == 200
    assert raw.headers["x-request-id"] == "req-1"
    assert raw.headers["content-type"] == "application/json"
    assert isinstance(raw.http_response, httpx.Response)
    assert raw.http_response.request.method == "GET"
    assert raw.http_response.request.url.path == f"{PREFIX}/v2/workflows/{WORKFLOW_ID}"
    assert isinstance(raw.elapsed, timedelta)
    assert raw.elapsed >= timedelta(seconds=0.05)  # the server held the answer that long
    assert repr(raw) == f"<RawResponse [200] GET {PREFIX}/v2/workflows/{WORKFLOW_ID}>"
    workflow = raw.parse()
    assert isinstance(workflow, models.V2Workflow)
    assert raw.parse() is workflow  # decoded once
    # The same as the plain method gives.
    server.enqueue(Reply(200, {"data": workflow_json()}))
    assert await face.plain("get_workflow", WORKFLOW_ID) == workflow
    assert [r.method for r in server.requests] == ["GET", "GET"]


@pytest.mark.anyio
async def test_raw_201_create_workflow(server: RecordingServer, face: Face) -> None:
    stages = [{"delay": {"duration": "1m"}}, {"wait_event": {"event": "go"}}]
    server.enqueue(Reply(201, {"data": workflow_json(stages=stages)}, headers={"Location": "/x"}))
    raw = await face.raw(
        "create_workflow", name="wf0", stages=[s.Delay(duration="1m"), {"wait_event": {"event": "go"}}]
    )
    assert raw.status_code == 201
    assert raw.headers["location"] == "/x"
    (request,) = server.requests
    assert request.method == "POST"
    assert request.json() == {"name": "wf0", "stages": stages}
    workflow = raw.parse()
    assert isinstance(workflow, models.V2Workflow)
    assert workflow.config.stages == stages


@pytest.mark.anyio
async def test_raw_201_run_workflow(server: RecordingServer, face: Face) -> None:
    server.enqueue(Reply(201, {"data": INSTANCE}))
    raw = await face.raw("run_workflow", WORKFLOW_ID, variables={"amount": "100"})
    assert raw.status_code == 201
    (request,) = server.requests
    assert request.path == f"{PREFIX}/v2/workflows/{WORKFLOW_ID}/instances"
    assert request.json() == {"amount": "100"}
    instance = raw.parse()
    assert isinstance(instance, models.V2WorkflowInstance)
    assert instance.id == INSTANCE_ID


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("method", "args", "kwargs", "http_method"),
    [
        ("delete_workflow", (WORKFLOW_ID,), {}, "DELETE"),
        ("send_event", (INSTANCE_ID,), {"name": "go"}, "POST"),
        ("cancel_event", (INSTANCE_ID,), {}, "PUT"),
    ],
)
async def test_raw_204(
    server: RecordingServer, face: Face, method: str, args: tuple[Any, ...], kwargs: dict[str, Any], http_method: str
) -> None:
    server.enqueue(Reply(204))
    raw = await face.raw(method, *args, **kwargs)
    assert raw.status_code == 204
    assert raw.http_response.content == b""
    assert raw.parse() is None
    assert [r.method for r in server.requests] == [http_method]


@pytest.mark.anyio
async def test_raw_history_list(server: RecordingServer, face: Face) -> None:
    history = [{"name": "RunDelay", "input": {"duration": "1m0s"}, "terminated": False, "startedAt": CREATED}]
    server.enqueue(Reply(200, {"data": history}))
    raw = await face.raw("get_instance_history", INSTANCE_ID)
    (entry,) = raw.parse()
    assert isinstance(entry, models.V2WorkflowInstanceHistory)
    assert entry.name == "RunDelay"


@pytest.mark.anyio
async def test_raw_server_info(server: RecordingServer, face: Face) -> None:
    server.enqueue(Reply(200, {"version": "develop"}))  # not enveloped
    raw = await face.raw("get_server_info")
    assert raw.status_code == 200
    assert raw.parse() == models.V2ServerInfo(version="develop")


# -- lists ------------------------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_raw_list_async_page(server: RecordingServer, aclient: AsyncOrchestrationClient) -> None:
    server.enqueue(page([workflow_json(1), workflow_json(2)], next_="c2"), page([workflow_json(3)]))
    raw = await aclient.v2.with_raw_response.list_workflows(page_size=2)
    assert raw.status_code == 200
    assert len(server.requests) == 1  # only the first page so far
    first = raw.parse()
    assert isinstance(first, AsyncPage)
    assert [w.config.name for w in first.data] == ["wf1", "wf2"]
    assert first.has_more
    assert first.next_cursor == "c2"
    second = await first.get_next_page()
    assert second is not None
    assert [w.config.name for w in second.data] == ["wf3"]
    assert await second.get_next_page() is None
    assert server.requests[0].query == [("pageSize", "2")]
    assert ("cursor", "c2") in server.requests[1].query


@pytest.mark.anyio
async def test_raw_list_async_page_iterates_every_item(
    server: RecordingServer, aclient: AsyncOrchestrationClient
) -> None:
    server.enqueue(page([workflow_json(1), workflow_json(2)], next_="c2"), page([workflow_json(3)]))
    raw = await aclient.v2.with_raw_response.list_workflows()
    assert [w.config.name async for w in raw.parse()] == ["wf1", "wf2", "wf3"]


def test_raw_list_sync_page(server: RecordingServer, client: OrchestrationClient) -> None:
    server.enqueue(page([workflow_json(1), workflow_json(2)], next_="c2"), page([workflow_json(3)]))
    raw = client.v2.with_raw_response.list_workflows(page_size=2)
    assert raw.status_code == 200
    assert raw.headers["content-type"] == "application/json"
    first = raw.parse()
    assert isinstance(first, SyncPage)
    assert raw.parse() is first
    assert [w.config.name for w in first.data] == ["wf1", "wf2"]
    assert len(server.requests) == 1
    assert [w.config.name for w in first] == ["wf1", "wf2", "wf3"]  # iterating walks every page
    assert len(server.requests) == 2


@pytest.mark.anyio
async def test_raw_list_instances(server: RecordingServer, face: Face) -> None:
    server.enqueue(page([INSTANCE]))
    raw = await face.raw("list_instances", workflow_id=WORKFLOW_ID, running=True)
    assert raw.status_code == 200
    assert [i.id for i in raw.parse().data] == [INSTANCE_ID]
    assert set(server.requests[0].query) == {("workflowID", WORKFLOW_ID), ("running", "true")}


# -- errors and retries -----------------------------------------------------------------------------------------


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("reply", "error"),
    [
        (Reply(404, {"errorCode": "NOT_FOUND", "errorMessage": "Workflow not found"}), errors.NotFoundError),
        (Reply(400, {"errorCode": "VALIDATION", "errorMessage": "bad"}), errors.BadRequestError),
        (Reply(500, {"errorCode": "INTERNAL", "errorMessage": "sql: no rows"}), errors.InternalServerError),
        (Reply(401, b""), errors.AuthenticationError),
    ],
)
async def test_raw_error_statuses_still_raise(
    server: RecordingServer, face: Face, reply: Reply, error: type[errors.APIStatusError]
) -> None:
    server.enqueue(reply)
    with pytest.raises(error) as caught:
        await face.raw("delete_workflow", WORKFLOW_ID)
    assert caught.value.status_code == reply.status


@pytest.mark.anyio
async def test_raw_list_error_raises(server: RecordingServer, face: Face) -> None:
    server.enqueue(Reply(400, {"errorCode": "VALIDATION", "errorMessage": "bad cursor"}))
    with pytest.raises(errors.BadRequestError, match="bad cursor"):
        await face.raw("list_workflows", cursor="nope")


@pytest.mark.anyio
async def test_raw_retries_like_the_plain_method(server: RecordingServer, face: Face) -> None:
    server.enqueue(Reply(503, {"errorCode": "INTERNAL", "errorMessage": "busy"}), Reply(200, {"data": workflow_json()}))
    raw = await face.raw("get_workflow", WORKFLOW_ID, extra_headers={"X-Trace": "t1"})
    assert raw.status_code == 200
    assert len(server.requests) == 2
    assert all(r.headers["x-trace"] == "t1" for r in server.requests)


@pytest.mark.anyio
async def test_raw_body_that_does_not_fit_raises_on_parse(server: RecordingServer, face: Face) -> None:
    server.enqueue(Reply(200, {"data": {"id": 5}}))
    raw = await face.raw("get_workflow", WORKFLOW_ID)
    assert raw.status_code == 200  # the answer itself is available
    with pytest.raises(errors.APIResponseValidationError) as caught:
        raw.parse()
    assert caught.value.response is raw.http_response


@pytest.mark.anyio
async def test_raw_does_not_change_the_plain_methods(server: RecordingServer, face: Face) -> None:
    def answer(request: Recorded) -> Reply:
        return Reply(200, {"data": workflow_json()})

    server.handler = answer
    await face.raw("get_workflow", WORKFLOW_ID)
    assert isinstance(await face.plain("get_workflow", WORKFLOW_ID), models.V2Workflow)
