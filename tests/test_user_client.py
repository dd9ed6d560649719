"""A user's own ``httpx.AsyncClient`` is safe to pass: response hooks that read the body, raw responses on any
transport, and the blocking client taking a user's client over."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import anyio
import httpx
import pytest

from formance_orchestration import AsyncOrchestrationClient, OrchestrationClient, errors, models
from formance_orchestration.testing import FakeOrchestration

from .server import RecordingServer, Reply

WORKFLOW: dict[str, Any] = {
    "id": "wf1",
    "config": {"name": "x", "stages": [{"delay": {"duration": "1s"}}]},
    "createdAt": "2024-06-01T10:20:30Z",
    "updatedAt": "2024-06-01T10:20:30Z",
    "deletedAt": None,
}


def reading_client(seen: list[bytes]) -> httpx.AsyncClient:
    """A client with httpx's documented response hook pattern: the hook reads the body."""

    async def hook(response: httpx.Response) -> None:
        await response.aread()
        seen.append(response.content)

    return httpx.AsyncClient(event_hooks={"response": [hook]})


@pytest.mark.anyio
async def test_a_response_hook_that_reads_the_body(server: RecordingServer) -> None:
    server.handler = lambda request: Reply(200, {"data": WORKFLOW})
    seen: list[bytes] = []
    async with (
        reading_client(seen) as http_client,
        AsyncOrchestrationClient(server.url, http_client=http_client) as client,
    ):
        with anyio.fail_after(5):  # it used to wait for a body the hook had already read, until the read timeout
            workflow = await client.v2.get_workflow("wf1")
            raw = await client.v2.with_raw_response.get_workflow("wf1")
    assert workflow.id == "wf1"
    assert raw.status_code == 200
    assert raw.headers["content-type"] == "application/json"
    assert raw.elapsed > timedelta(0)
    assert raw.parse() == workflow
    assert len(seen) == 2
    assert b'"wf1"' in seen[0]


@pytest.mark.anyio
async def test_a_response_hook_that_reads_an_error_body(server: RecordingServer) -> None:
    server.handler = lambda request: Reply(404, {"errorCode": "NOT_FOUND", "errorMessage": "Workflow not found"})
    async with (
        reading_client([]) as http_client,
        AsyncOrchestrationClient(server.url, http_client=http_client) as client,
    ):
        with anyio.fail_after(5), pytest.raises(errors.NotFoundError, match="Workflow not found"):
            await client.v2.get_workflow("wf1")


@pytest.mark.anyio
async def test_a_response_hook_that_streams_the_body_away(server: RecordingServer) -> None:
    """A hook that iterates the body without keeping it leaves nothing to decode: a clear error, not a hang."""

    async def hook(response: httpx.Response) -> None:
        async for _ in response.aiter_bytes():
            pass

    server.handler = lambda request: Reply(200, {"data": WORKFLOW})
    async with (
        httpx.AsyncClient(event_hooks={"response": [hook]}) as http_client,
        AsyncOrchestrationClient(server.url, http_client=http_client, max_retries=0) as client,
    ):
        with anyio.fail_after(5), pytest.raises(errors.APIConnectionError, match="aread"):
            await client.v2.get_workflow("wf1")


@pytest.mark.anyio
async def test_raw_responses_on_the_doubles_transport_have_elapsed() -> None:
    """The double's transport builds responses already read; httpx sets ``elapsed`` only when it closes a stream
    it has not read, so the SDK sets it."""
    fake = FakeOrchestration()
    async with fake.async_client() as client:
        raw = await client.v2.with_raw_response.create_workflow(stages=[{"delay": {"duration": "1s"}}])
        assert raw.status_code == 201
        assert raw.elapsed >= timedelta(0)
        assert isinstance(raw.parse(), models.V2Workflow)
        listed = await client.v2.with_raw_response.list_workflows()
        assert listed.elapsed >= timedelta(0)


def test_the_blocking_client_takes_a_users_client_over(server: RecordingServer) -> None:
    """The user's async client runs on the blocking client's loop thread, and close() closes it: it is never left
    bound to a loop that no longer runs."""
    server.handler = lambda request: Reply(200, {"data": WORKFLOW})
    seen: list[bytes] = []
    http_client = reading_client(seen)
    with OrchestrationClient(server.url, http_client=http_client) as client:
        assert client.v2.get_workflow("wf1").id == "wf1"
        assert client.v2.with_raw_response.get_workflow("wf1").elapsed > timedelta(0)
    assert http_client.is_closed
    assert len(seen) == 2


def test_the_doubles_blocking_client_closes_its_http_client() -> None:
    fake = FakeOrchestration()
    with fake.client() as client:
        client.v2.create_workflow(stages=[{"delay": {"duration": "1s"}}])
        http_client = client.async_client.http_client
    assert http_client.is_closed
