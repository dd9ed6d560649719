from __future__ import annotations

import pytest

from formance_orchestration import AsyncOrchestrationClient, OrchestrationClient

from .server import RecordingServer, Reply

WORKFLOW = {
    "id": "wf1",
    "config": {"name": "x", "stages": [{"delay": {"duration": "1s"}}]},
    "createdAt": "2024-01-01T00:00:00.123456789Z",
    "updatedAt": "2024-01-01T00:00:00Z",
    "deletedAt": None,
}


@pytest.mark.anyio
async def test_get_workflow_async(server: RecordingServer, aclient: AsyncOrchestrationClient) -> None:
    server.enqueue(Reply(200, {"data": WORKFLOW}))
    wf = await aclient.v2.get_workflow("a/b?c#d")
    assert wf.id == "wf1"
    assert server.requests[0].target == "/api/orchestration/v2/workflows/a%2Fb%3Fc%23d"


def test_get_workflow_sync(server: RecordingServer, client: OrchestrationClient) -> None:
    server.enqueue(Reply(200, {"data": WORKFLOW}))
    wf = client.v2.get_workflow("wf1")
    assert wf.config.stages == [{"delay": {"duration": "1s"}}]
