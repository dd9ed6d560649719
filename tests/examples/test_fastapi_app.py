"""examples/fastapi_app.py, driven with FastAPI's test client against an in-memory server."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any

import pytest

from formance_orchestration import AsyncOrchestrationClient, RetryPolicy, converter, models
from formance_orchestration.testing import FakeOrchestration

# Recent Starlette prefers httpx2 for its test client and warns when it falls back to httpx, which works the same.
pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient` is deprecated")

fastapi_testclient = pytest.importorskip("fastapi.testclient", reason="fastapi is not installed (the examples extra)")


class Harness:
    """The app bound to an in-memory server on a manual clock; counts the clients its lifespan opens."""

    def __init__(self, module: Any) -> None:
        self.fake = FakeOrchestration()
        self.clients: list[AsyncOrchestrationClient] = []
        self.app = module.create_app(connect=self.connect)

    @asynccontextmanager
    async def connect(self) -> AsyncIterator[AsyncOrchestrationClient]:
        async with self.fake.async_client(retries=RetryPolicy(max_attempts=1)) as client:
            self.clients.append(client)
            yield client

    def http(self) -> Any:
        return fastapi_testclient.TestClient(self.app)


@pytest.fixture
def harness(load_example: Any) -> Harness:
    return Harness(load_example("fastapi_app"))


@pytest.fixture
def http(harness: Harness) -> Iterator[Any]:
    with harness.http() as client:
        yield client


def start_payout(http: Any) -> str:
    answer = http.post("/payouts", json={"user_id": "42", "amount": 1500})
    assert answer.status_code == 202, answer.text
    instance_id: str = answer.json()["instance_id"]
    return instance_id


def test_one_client_for_the_app_created_in_the_lifespan_and_closed_after(harness: Harness) -> None:
    with harness.http() as http:
        for _ in range(3):
            start_payout(http)
        assert [client.is_closed for client in harness.clients] == [False]  # one client, open while serving
    assert [client.is_closed for client in harness.clients] == [True]
    # A restart finds the workflow the first start created instead of creating another one.
    with harness.http() as http:
        start_payout(http)
    assert len(harness.clients) == 2
    assert len(harness.fake.requests_for("create_workflow")) == 1
    assert len({request.path for request in harness.fake.requests_for("run_workflow")}) == 1


def test_start_a_payout(harness: Harness, http: Any) -> None:
    answer = http.post("/payouts", json={"user_id": "42", "amount": 1500})
    assert answer.status_code == 202
    body = answer.json()
    [run] = harness.fake.requests_for("run_workflow")
    assert run.path == f"/api/orchestration/v2/workflows/{body['workflow_id']}/instances"
    assert run.json() == {"userID": "42", "amount": "1500"}
    assert body["instance_id"] == http.get(f"/instances/{body['instance_id']}").json()["id"]


@pytest.mark.parametrize("payload", [{"user_id": "42", "amount": 0}, {"user_id": "", "amount": 5}, {"amount": 5}])
def test_invalid_payouts_are_refused_before_reaching_the_server(harness: Harness, http: Any, payload: Any) -> None:
    assert http.post("/payouts", json=payload).status_code == 422
    assert harness.fake.requests_for("run_workflow") == []


def test_report_approve_and_report_again(harness: Harness, http: Any) -> None:
    instance_id = start_payout(http)
    report = http.get(f"/instances/{instance_id}").json()
    assert report["terminated"] is False
    assert report["waiting_for_approval"] is True
    assert [(stage["stage"], stage["terminated_at"] is None) for stage in report["stages"]] == [(0, False), (1, True)]

    approved = http.post(f"/instances/{instance_id}/approve")
    assert approved.status_code == 202
    [event] = harness.fake.requests_for("send_event")
    assert event.json() == {"name": "approved"}
    report = http.get(f"/instances/{instance_id}").json()
    assert report["terminated"] is True
    assert report["error"] is None
    assert report["waiting_for_approval"] is False

    again = http.post(f"/instances/{instance_id}/approve")
    assert again.status_code == 409
    assert len(harness.fake.requests_for("send_event")) == 1  # no event sent into the void


def test_a_failed_payout_is_reported(harness: Harness, http: Any) -> None:
    harness.fake.fail_stage(stage_type="send", error="insufficient funds")
    report = http.get(f"/instances/{start_payout(http)}").json()
    assert report["terminated"] is True
    assert report["error"] == "insufficient funds"
    assert report["waiting_for_approval"] is False


def test_unknown_instance_is_404_although_the_server_says_500(harness: Harness, http: Any) -> None:
    answer = http.get("/instances/no-such-instance")
    assert answer.status_code == 404
    assert answer.json() == {"detail": "no instance no-such-instance"}
    assert http.post("/instances/no-such-instance/approve").status_code == 404


def test_other_server_failures_are_502(harness: Harness, http: Any) -> None:
    instance_id = start_payout(http)
    harness.fake.faults.fail_next("get_instance", status=503)
    answer = http.get(f"/instances/{instance_id}")
    assert answer.status_code == 502
    assert answer.json() == {"detail": "orchestration answered 503"}


def test_a_route_returns_an_sdk_model_with_to_dict(harness: Harness, http: Any) -> None:
    answer = http.get("/workflow")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["config"]["name"] == "fastapi example: approved payout"
    assert [next(iter(stage)) for stage in body["config"]["stages"]] == ["send", "wait_event"]
    assert "createdAt" in body  # the API's field names, not the model's attribute names
    assert "created_at" not in body
    # What the route returned is the model, exactly: it decodes back to what the SDK read.
    workflow = converter.structure(body, models.V2Workflow)
    assert workflow.to_dict() == body
