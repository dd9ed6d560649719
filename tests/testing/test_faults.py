"""Fault injection and request recording over the in-process transport."""

from __future__ import annotations

import time

import httpx
import pytest

from formance_orchestration.testing import FakeOrchestration

from .conftest import create_workflow


def test_requests_are_recorded(fake: FakeOrchestration, http: httpx.Client) -> None:
    workflow_id = create_workflow(http, [])
    http.post(f"/v2/workflows/{workflow_id}/instances", params={"wait": "true"}, json={"a": "b"})
    recorded = fake.requests[-1]
    assert recorded.method == "POST"
    assert recorded.path == f"/api/orchestration/v2/workflows/{workflow_id}/instances"
    assert recorded.query == (("wait", "true"),)
    assert recorded.query_value("wait") == "true"
    assert recorded.json() == {"a": "b"}
    assert recorded.operation == "run_workflow"
    assert recorded.headers["content-type"] == "application/json"
    assert [r.operation for r in fake.requests_for("create_workflow")] == ["create_workflow"]


def test_fail_next(fake: FakeOrchestration, http: httpx.Client) -> None:
    fake.faults.fail_next("list_workflows", times=2, status=503, headers={"Retry-After": "1"})
    for _ in range(2):
        response = http.get("/v2/workflows")
        assert response.status_code == 503
        assert response.headers["retry-after"] == "1"
        assert response.content == b""
    assert http.get("/v2/workflows").status_code == 200
    fake.faults.fail_next("/v2/workflows*", body={"errorCode": "INTERNAL", "errorMessage": "boom"}, status=500)
    assert http.post("/v2/workflows", json={}).json() == {"errorCode": "INTERNAL", "errorMessage": "boom"}
    assert len(fake.requests_for("create_workflow")) == 1  # the faulted request was recorded too
    assert http.get("/v2/workflows").status_code == 200
    fake.faults.fail_next("*", body="text", status=502)
    assert http.get("/_info").text == "text"


def test_failed_requests_are_not_handled(fake: FakeOrchestration, http: httpx.Client) -> None:
    fake.faults.fail_next("create_workflow")
    assert http.post("/v2/workflows", json={}).status_code == 503
    assert http.get("/v2/workflows").json()["cursor"]["data"] == []


def test_unknown_target_is_refused(fake: FakeOrchestration) -> None:
    with pytest.raises(ValueError, match="unknown fault target"):
        fake.faults.fail_next("listWorkflows")
    with pytest.raises(ValueError, match="times"):
        fake.faults.drop_connection("*", times=0)


def test_drop_connection_sync(fake: FakeOrchestration, http: httpx.Client) -> None:
    fake.faults.drop_connection("create_workflow")
    with pytest.raises(httpx.RemoteProtocolError):
        http.post("/v2/workflows", json={})
    assert http.get("/v2/workflows").json()["cursor"]["data"] == []  # never handled
    fake.faults.drop_connection("create_workflow", after_processing=True)
    with pytest.raises(httpx.RemoteProtocolError):
        http.post("/v2/workflows", json={})
    assert len(http.get("/v2/workflows").json()["cursor"]["data"]) == 1  # handled, answer lost


def test_latency_sync(fake: FakeOrchestration, http: httpx.Client) -> None:
    fake.faults.add_latency("get_server_info", 0.2, times=1)
    started = time.monotonic()
    assert http.get("/_info").status_code == 200
    assert time.monotonic() - started >= 0.2
    started = time.monotonic()
    http.get("/_info")
    assert time.monotonic() - started < 0.2


@pytest.mark.anyio
async def test_async_transport_faults(fake: FakeOrchestration) -> None:
    async with httpx.AsyncClient(transport=fake.transport, base_url="http://fake") as client:
        fake.faults.add_latency("list_workflows", 0.1, times=1)
        started = time.monotonic()
        assert (await client.get("/v2/workflows")).status_code == 200
        assert time.monotonic() - started >= 0.1
        fake.faults.drop_connection("list_workflows")
        with pytest.raises(httpx.RemoteProtocolError):
            await client.get("/v2/workflows")
        fake.faults.fail_next("list_workflows", status=429)
        assert (await client.get("/v2/workflows")).status_code == 429
        assert (await client.get("/v2/workflows")).status_code == 200
