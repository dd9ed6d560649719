"""Every v2 operation on both faces: what goes on the wire, and what comes back decoded.

Response bodies are shaped like the real server's (server-behaviour.md sections 5 and 6), not like the
OpenAPI document's: ``deletedAt: null``, ``temporalRunID``, ``workflow: null`` on triggers, occurrence ids and
event envelopes, ``stages: null``, omitted ``status``, capitalised ``CreateTransaction`` stage-history input.
"""

from __future__ import annotations

import contextlib
import functools
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Any, Literal
from urllib.parse import unquote

import anyio
import anyio.to_thread
import httpx
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from formance_orchestration import AsyncOrchestrationClient, NanoDatetime, OrchestrationClient, errors, models
from formance_orchestration._engine.transport import path_segment

from .conftest import FAST_RETRIES, OPERATIONS, require_workflows
from .server import Recorded, RecordingServer, Reply

FaceKind = Literal["async", "sync"]
FACES: tuple[FaceKind, ...] = ("async", "sync")
PREFIX = "/api/orchestration"

WORKFLOW_ID = "0b4b8e7c-5f0e-4d6a-9d2b-3f1a2c4d5e6f"
INSTANCE_ID = "5d2c9a10-8e4f-4b1a-b7c3-2a9e8f7d6c5b"
TRIGGER_ID = "c3f0e1d2-7a6b-4c5d-8e9f-0a1b2c3d4e5f"
OCCURRENCE_ID = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"
TEMPORAL_RUN_ID = "4f3e2d1c-0b9a-4887-a665-544332211000"

CREATED_NS = "2024-06-01T10:20:30.123456789Z"  # straight from a create call: nanoseconds
READ_US = "2024-06-01T10:20:30.123457Z"  # read back from Postgres: microseconds, UTC
WHOLE = "2024-06-01T10:21:00Z"  # trailing zeros trimmed: no fraction at all
OFFSET = "2024-06-01T12:22:00.5+02:00"

# -- realistic bodies ------------------------------------------------------------------------------------------


def workflow_json(*, stages: Any = None, name: str = "", deleted_at: str | None = None) -> dict[str, Any]:
    return {
        "id": WORKFLOW_ID,
        "config": {"name": name, "stages": stages},
        "createdAt": CREATED_NS,
        "updatedAt": CREATED_NS,
        "deletedAt": deleted_at,
    }


def instance_json(*, full: bool = False) -> dict[str, Any]:
    """A bare runWorkflow answer, or (``full``) what getInstance returns: workflow, status, termination."""
    body: dict[str, Any] = {
        "workflowID": WORKFLOW_ID,
        "id": INSTANCE_ID,
        "createdAt": CREATED_NS,
        "updatedAt": CREATED_NS,
        "terminated": False,
    }
    if full:
        body.update(
            workflow=workflow_json(stages=[{"delay": {"duration": "1m"}}, {"wait_event": {"event": "continue"}}]),
            status=[
                {
                    "stage": 0,
                    "instanceID": INSTANCE_ID,
                    "temporalRunID": TEMPORAL_RUN_ID,
                    "startedAt": READ_US,
                    "terminatedAt": WHOLE,
                },
                {
                    "stage": 1,
                    "instanceID": INSTANCE_ID,
                    "temporalRunID": TEMPORAL_RUN_ID,
                    "startedAt": WHOLE,
                    "terminatedAt": OFFSET,
                    "error": "canceled",
                },
            ],
            terminated=True,
            terminatedAt=OFFSET,
            error="canceled",
        )
    return body


def trigger_json(**overrides: Any) -> dict[str, Any]:
    body = {
        "name": "",
        "event": "SAVED_PAYMENT",
        "version": "v2",
        "filter": "event.amount > 1000",
        "workflowID": WORKFLOW_ID,
        "workflow": None,
        "vars": {"amount": "event.amount", "psp": "event.metadata.psp"},
        "id": TRIGGER_ID,
        "createdAt": READ_US,
    }
    body.update(overrides)
    return body


def occurrence_json(*, with_instance: bool = True) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": OCCURRENCE_ID,
        "triggerID": TRIGGER_ID,
        "date": READ_US,
        "event": {
            "idempotency_key": "",
            "date": CREATED_NS,
            "app": "ledger",
            "version": "v2",
            "type": "COMMITTED_TRANSACTIONS",
            "payload": {"ledger": "default", "transactions": [{"id": 3, "postings": []}]},
        },
    }
    if with_instance:
        body["workflowInstanceID"] = INSTANCE_ID
        body["workflowInstance"] = instance_json()  # left-joined: no status, no workflow
    else:
        body["error"] = "invalid operation: <nil> + <nil> (1:3)"
    return body


def page_json(items: list[Any], *, page_size: int = 15, next_: str | None = None) -> dict[str, Any]:
    cursor: dict[str, Any] = {"pageSize": page_size, "hasMore": next_ is not None, "data": items}
    if next_ is not None:
        cursor["next"] = next_
    return {"cursor": cursor}


HISTORY = [
    {
        "name": "RunSend",
        "input": {
            "source": {"account": {"id": "world", "ledger": "default", "throughAccount": "world"}},
            "destination": {"account": {"id": "bank", "ledger": "default"}},
            "amount": {"asset": "EUR/2", "amount": 100},
            "timestamp": None,
        },
        "terminated": True,
        "startedAt": READ_US,
        "terminatedAt": WHOLE,
    },
    {"name": "RunDelay", "input": {"duration": "1m0s"}, "terminated": True, "startedAt": WHOLE, "terminatedAt": OFFSET},
    {
        "name": "RunWaitEvent",
        "input": {"event": "continue"},
        "terminated": True,
        "startedAt": OFFSET,
        "terminatedAt": OFFSET,
        "error": "canceled",
    },
    {
        "name": "RunUpdate",
        "input": {"account": {"id": "users:1", "ledger": "default", "metadata": {"k": "v"}}},
        "terminated": False,
        "startedAt": OFFSET,
    },
]

POSTING = {"source": "world", "destination": "bank", "amount": 100, "asset": "EUR/2"}
STAGE_HISTORY = [
    {
        "name": "CreateTransaction",
        "input": {
            "CreateTransaction": {
                "Ledger": "default",
                "Data": {"postings": [POSTING], "metadata": {}, "reference": "", "timestamp": None},
            }
        },
        "output": {
            "CreateTransaction": {
                "data": [{"postings": [POSTING], "metadata": {}, "timestamp": WHOLE, "txid": 3, "id": 3}]
            }
        },
        "terminated": True,
        "startedAt": READ_US,
        "terminatedAt": WHOLE,
        "attempt": 1,
    },
    {
        "name": "AddAccountMetadata",
        "input": {"AddAccountMetadata": {"account": "users:1", "ledger": "default", "metadata": {"k": "v"}}},
        "terminated": False,
        "startedAt": WHOLE,
        "attempt": 4,
        "lastFailure": "unexpected status 503",
        "nextExecution": OFFSET,
    },
]

BAD_EXPRESSION = "invalid operation: <nil> + <nil> (1:3)\n | a + b\n | ..^"
TRIGGER_TEST = {
    "filter": None,
    "variables": {
        "amount": {"value": "1200000"},
        "missing": {"value": "<nil>"},
        "bad": {"error": BAD_EXPRESSION},
    },
}

# -- both faces -----------------------------------------------------------------------------------------------


class Face:
    """One face of ``client.v2``. Every call is awaited; the blocking face runs on a worker thread, as users do."""

    def __init__(
        self,
        kind: FaceKind,
        *,
        aclient: AsyncOrchestrationClient | None = None,
        client: OrchestrationClient | None = None,
    ) -> None:
        self.kind = kind
        self.aclient = aclient
        self.client = client

    def __repr__(self) -> str:
        return f"Face({self.kind})"

    def _v2(self) -> Any:
        if self.aclient is not None:
            return self.aclient.v2
        assert self.client is not None
        return self.client.v2

    async def call(self, method: str, /, *args: Any, **kwargs: Any) -> Any:
        """Call ``client.v2.<method>``: awaited (a list op gives its first page), or blocking on a worker thread."""
        fn = getattr(self._v2(), method)
        if self.kind == "async":
            return await fn(*args, **kwargs)
        return await anyio.to_thread.run_sync(functools.partial(fn, *args, **kwargs))

    async def next_page(self, page: Any) -> Any:
        if self.kind == "async":
            return await page.get_next_page()
        return await anyio.to_thread.run_sync(page.get_next_page)

    async def walk(self, method: str, /, *args: Any, **kwargs: Any) -> list[Any]:
        """Every item of a list op: ``async for`` over the call, or iterating the sync page."""
        fn = getattr(self._v2(), method)
        if self.kind == "async":
            return [item async for item in fn(*args, **kwargs)]
        return await anyio.to_thread.run_sync(lambda: list(fn(*args, **kwargs)))


@asynccontextmanager
async def open_face(
    kind: FaceKind, server: RecordingServer, *, url: str | None = None, **options: Any
) -> AsyncIterator[Face]:
    """A client of ``kind`` bound to ``server`` (or ``url``), closed on exit.

    The blocking client is built and used on worker threads, never on the test's event loop thread.
    """
    base_url = url or server.url
    if kind == "async":
        async with AsyncOrchestrationClient(base_url, retries=FAST_RETRIES, **options) as aclient:
            yield Face(kind, aclient=aclient)
        return
    client = await anyio.to_thread.run_sync(
        functools.partial(OrchestrationClient, base_url, retries=FAST_RETRIES, **options)
    )
    try:
        yield Face(kind, client=client)
    finally:
        await anyio.to_thread.run_sync(client.close)


@pytest.fixture(params=FACES)
async def face(request: pytest.FixtureRequest, server: RecordingServer) -> AsyncIterator[Face]:
    async with open_face(request.param, server) as opened:
        yield opened


# -- the operation table --------------------------------------------------------------------------------------

NO_BODY = object()


@dataclass
class Case:
    id: str
    method: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    reply: Reply
    http_method: str
    path: str  # below the API prefix
    check: Callable[[Any], None]
    query: list[tuple[str, str]] = field(default_factory=list)
    body: Any = NO_BODY


def check_server_info(info: Any) -> None:
    assert info == models.V2ServerInfo(version="develop")


def check_trigger(trigger: Any) -> None:
    assert isinstance(trigger, models.V2Trigger)
    assert trigger.id == TRIGGER_ID
    assert trigger.workflow_id == WORKFLOW_ID
    assert trigger.event == "SAVED_PAYMENT"
    assert trigger.name == ""
    assert trigger.workflow is None
    assert trigger.vars == {"amount": "event.amount", "psp": "event.metadata.psp"}
    assert trigger.created_at == datetime(2024, 6, 1, 10, 20, 30, 123457, tzinfo=UTC)


def check_trigger_page(page: Any) -> None:
    assert page.has_more is False
    assert page.next_cursor is None
    assert page.previous_cursor is None
    assert page.page_size == 15
    assert len(page.data) == 2
    check_trigger(page.data[0])
    assert page.data[1].filter is None
    assert page.data[1].vars is None
    assert page.data[1].version is None


def check_occurrence_page(page: Any) -> None:
    first, second = page.data
    assert isinstance(first, models.V2TriggerOccurrence)
    assert first.id == OCCURRENCE_ID
    assert first.trigger_id == TRIGGER_ID
    assert first.workflow_instance_id == INSTANCE_ID
    assert first.workflow_instance is not None
    assert first.workflow_instance.status is None
    assert first.workflow_instance.workflow is None
    assert first.event["type"] == "COMMITTED_TRANSACTIONS"
    assert first.event["idempotency_key"] == ""
    assert first.event["payload"]["transactions"][0]["id"] == 3
    assert second.workflow_instance is None
    assert second.workflow_instance_id is None
    assert second.error is not None
    assert second.error.startswith("invalid operation")


def check_trigger_test(result: Any) -> None:
    assert isinstance(result, models.V2TriggerTest)
    assert result.filter is None
    assert result.variables == {
        "amount": models.V2TriggerTestVariablesValue(value="1200000"),
        "missing": models.V2TriggerTestVariablesValue(value="<nil>"),
        "bad": models.V2TriggerTestVariablesValue(error=BAD_EXPRESSION),
    }


def check_workflow(workflow: Any) -> None:
    assert isinstance(workflow, models.V2Workflow)
    assert workflow.id == WORKFLOW_ID
    assert workflow.config == models.V2WorkflowConfig(name="", stages=None)
    assert workflow.deleted_at is None
    assert isinstance(workflow.created_at, NanoDatetime)
    assert workflow.created_at.nanosecond == 789
    assert workflow.created_at.microsecond == 123456


def check_workflow_page(page: Any) -> None:
    assert page.page_size == 2
    assert page.has_more is True
    assert page.next_cursor == "eyJvZmZzZXQiOjJ9"
    assert [wf.id for wf in page.data] == [WORKFLOW_ID, WORKFLOW_ID]
    assert page.data[1].deleted_at == datetime(2024, 6, 1, 10, 21, tzinfo=UTC)


def check_created_workflow(workflow: Any) -> None:
    assert workflow.config.name == "payout"
    assert workflow.config.stages == [{"delay": {"duration": "1m"}}]


def check_bare_instance(instance: Any) -> None:
    assert isinstance(instance, models.V2WorkflowInstance)
    assert instance.id == INSTANCE_ID
    assert instance.workflow_id == WORKFLOW_ID
    assert instance.terminated is False
    assert instance.status is None
    assert instance.workflow is None
    assert instance.terminated_at is None
    assert instance.error is None


def check_full_instance(instance: Any) -> None:
    assert isinstance(instance, models.V2WorkflowInstance)
    assert instance.terminated is True
    assert instance.error == "canceled"
    assert instance.terminated_at == datetime(2024, 6, 1, 10, 22, 0, 500000, tzinfo=UTC)
    assert instance.terminated_at.utcoffset() == timedelta(hours=2)
    assert instance.workflow is not None
    assert instance.workflow.config.stages is not None
    assert len(instance.workflow.config.stages) == 2
    assert instance.status is not None
    assert [s.stage for s in instance.status] == [0, 1]
    assert all(type(s.stage) is int for s in instance.status)
    assert instance.status[0].temporal_run_id == TEMPORAL_RUN_ID
    assert instance.status[0].instance_id == INSTANCE_ID
    assert instance.status[0].error is None
    assert instance.status[1].error == "canceled"


def check_instance_page(page: Any) -> None:
    assert page.page_size == 3
    assert [i.id for i in page.data] == [INSTANCE_ID]
    assert page.data[0].workflow is not None


def check_none(result: Any) -> None:
    assert result is None


def check_history(history: Any) -> None:
    assert [h.name for h in history] == ["RunSend", "RunDelay", "RunWaitEvent", "RunUpdate"]
    send, delay, wait, update = (h.input for h in history)
    assert isinstance(send, models.V2StageSend)
    assert send.amount == models.V2Monetary(asset="EUR/2", amount=100)
    assert send.source is not None
    assert send.source.account is not None
    assert send.source.account.through_account == "world"
    assert send.timestamp is None
    assert delay == models.V2StageDelay(duration="1m0s")
    assert wait == models.V2StageWaitEvent(event="continue")
    assert isinstance(update, models.V2Update)
    assert update.account == models.V2UpdateAccount(id="users:1", ledger="default", metadata={"k": "v"})
    assert history[2].error == "canceled"
    assert history[3].terminated is False
    assert history[3].terminated_at is None


def check_stage_history(history: Any) -> None:
    created, pending = history
    assert isinstance(created, models.V2WorkflowInstanceHistoryStage)
    tx = created.input.create_transaction
    assert tx is not None
    assert tx.ledger == "default"  # sent as "Ledger"
    assert tx.data is not None
    assert tx.data.postings == [models.V2Posting(source="world", destination="bank", amount=100, asset="EUR/2")]
    assert created.output is not None
    assert created.output.create_transaction is not None
    assert created.output.create_transaction.data is not None
    assert created.output.create_transaction.data[0].txid == 3
    assert created.attempt == 1
    meta = pending.input.add_account_metadata
    assert meta is not None
    assert meta.account == "users:1"
    assert meta.id is None
    assert pending.attempt == 4
    assert type(pending.attempt) is int
    assert pending.last_failure == "unexpected status 503"
    assert pending.next_execution == datetime(2024, 6, 1, 10, 22, 0, 500000, tzinfo=UTC)


def created(body: Any) -> Reply:
    return Reply(201, {"data": body})


def ok(body: Any) -> Reply:
    return Reply(200, {"data": body})


NO_CONTENT = Reply(204)

CASES = [
    Case(
        "get_server_info",
        "get_server_info",
        (),
        {},
        Reply(200, {"version": "develop"}),
        "GET",
        "/_info",
        check_server_info,
    ),
    Case(
        "list_triggers",
        "list_triggers",
        (),
        {"page_size": 10, "name": "payout"},
        Reply(200, page_json([trigger_json(), trigger_json(filter=None, vars=None, version=None)])),
        "GET",
        "/v2/triggers",
        check_trigger_page,
        query=[("pageSize", "10"), ("name", "payout")],
    ),
    Case(
        "create_trigger",
        "create_trigger",
        (),
        {
            "event": "SAVED_PAYMENT",
            "workflow_id": WORKFLOW_ID,
            "filter": "event.amount > 1000",
            "vars": {"amount": "event.amount", "psp": "event.metadata.psp"},
        },
        created(trigger_json()),
        "POST",
        "/v2/triggers",
        check_trigger,
        body={
            "event": "SAVED_PAYMENT",
            "workflowID": WORKFLOW_ID,
            "filter": "event.amount > 1000",
            "vars": {"amount": "event.amount", "psp": "event.metadata.psp"},
        },
    ),
    Case(
        "read_trigger",
        "read_trigger",
        (TRIGGER_ID,),
        {},
        ok(trigger_json()),
        "GET",
        f"/v2/triggers/{TRIGGER_ID}",
        check_trigger,
    ),
    Case(
        "delete_trigger",
        "delete_trigger",
        (TRIGGER_ID,),
        {},
        NO_CONTENT,
        "DELETE",
        f"/v2/triggers/{TRIGGER_ID}",
        check_none,
    ),
    Case(
        "test_trigger",
        "test_trigger",
        (TRIGGER_ID,),
        {"event": {"amount": 1200000, "metadata": {"psp": "stripe"}}},
        ok(TRIGGER_TEST),
        "POST",
        f"/v2/triggers/{TRIGGER_ID}/test",
        check_trigger_test,
        body={"amount": 1200000, "metadata": {"psp": "stripe"}},
    ),
    Case(
        "list_triggers_occurrences",
        "list_triggers_occurrences",
        (TRIGGER_ID,),
        {"page_size": 5},
        Reply(200, page_json([occurrence_json(), occurrence_json(with_instance=False)], page_size=5)),
        "GET",
        f"/v2/triggers/{TRIGGER_ID}/occurrences",
        check_occurrence_page,
        query=[("pageSize", "5")],
    ),
    Case(
        "list_workflows",
        "list_workflows",
        (),
        {"page_size": 2},
        Reply(
            200, page_json([workflow_json(), workflow_json(deleted_at=WHOLE)], page_size=2, next_="eyJvZmZzZXQiOjJ9")
        ),
        "GET",
        "/v2/workflows",
        check_workflow_page,
        query=[("pageSize", "2")],
    ),
    Case(
        "create_workflow",
        "create_workflow",
        (),
        {"name": "payout", "stages": [{"delay": {"duration": "1m"}}]},
        created(workflow_json(name="payout", stages=[{"delay": {"duration": "1m"}}])),
        "POST",
        "/v2/workflows",
        check_created_workflow,
        body={"name": "payout", "stages": [{"delay": {"duration": "1m"}}]},
    ),
    Case(
        "get_workflow",
        "get_workflow",
        (WORKFLOW_ID,),
        {},
        ok(workflow_json()),
        "GET",
        f"/v2/workflows/{WORKFLOW_ID}",
        check_workflow,
    ),
    Case(
        "delete_workflow",
        "delete_workflow",
        (WORKFLOW_ID,),
        {},
        NO_CONTENT,
        "DELETE",
        f"/v2/workflows/{WORKFLOW_ID}",
        check_none,
    ),
    Case(
        "run_workflow",
        "run_workflow",
        (WORKFLOW_ID,),
        {"variables": {"amount": "100", "userID": "42"}, "wait": True},
        created(instance_json(full=True)),
        "POST",
        f"/v2/workflows/{WORKFLOW_ID}/instances",
        check_full_instance,
        query=[("wait", "true")],
        body={"amount": "100", "userID": "42"},
    ),
    Case(
        "run_workflow_bare",
        "run_workflow",
        (WORKFLOW_ID,),
        {},
        created(instance_json()),
        "POST",
        f"/v2/workflows/{WORKFLOW_ID}/instances",
        check_bare_instance,
    ),
    Case(
        "list_instances",
        "list_instances",
        (),
        {"workflow_id": WORKFLOW_ID, "running": True, "page_size": 3},
        Reply(200, page_json([instance_json() | {"workflow": workflow_json()}], page_size=3)),
        "GET",
        "/v2/instances",
        check_instance_page,
        query=[("pageSize", "3"), ("workflowID", WORKFLOW_ID), ("running", "true")],
    ),
    Case(
        "get_instance",
        "get_instance",
        (INSTANCE_ID,),
        {},
        ok(instance_json(full=True)),
        "GET",
        f"/v2/instances/{INSTANCE_ID}",
        check_full_instance,
    ),
    Case(
        "send_event",
        "send_event",
        (INSTANCE_ID,),
        {"name": "continue"},
        NO_CONTENT,
        "POST",
        f"/v2/instances/{INSTANCE_ID}/events",
        check_none,
        body={"name": "continue"},
    ),
    Case(
        "cancel_event",
        "cancel_event",
        (INSTANCE_ID,),
        {},
        NO_CONTENT,
        "PUT",
        f"/v2/instances/{INSTANCE_ID}/abort",
        check_none,
    ),
    Case(
        "get_instance_history",
        "get_instance_history",
        (INSTANCE_ID,),
        {},
        ok(HISTORY),
        "GET",
        f"/v2/instances/{INSTANCE_ID}/history",
        check_history,
    ),
    Case(
        "get_instance_stage_history",
        "get_instance_stage_history",
        (INSTANCE_ID, 0),
        {},
        ok(STAGE_HISTORY),
        "GET",
        f"/v2/instances/{INSTANCE_ID}/stages/0/history",
        check_stage_history,
    ),
]

# Operations with path parameters: name -> (positional arguments with "{}" standing for the one under test).
PATH_OPERATIONS: dict[str, tuple[Any, ...]] = {
    "read_trigger": ("{}",),
    "delete_trigger": ("{}",),
    "test_trigger": ("{}",),
    "list_triggers_occurrences": ("{}",),
    "get_workflow": ("{}",),
    "delete_workflow": ("{}",),
    "run_workflow": ("{}",),
    "get_instance": ("{}",),
    "send_event": ("{}",),
    "cancel_event": ("{}",),
    "get_instance_history": ("{}",),
    "get_instance_stage_history": ("{}", 0),
}
PATH_KWARGS: dict[str, dict[str, Any]] = {"test_trigger": {"event": {}}, "send_event": {"name": "x"}}
LIST_OPERATIONS: dict[str, tuple[Any, ...]] = {
    "list_triggers": (),
    "list_triggers_occurrences": (TRIGGER_ID,),
    "list_workflows": (),
    "list_instances": (),
}


def assert_wire(request: Recorded, case: Case, prefix: str = PREFIX) -> None:
    assert request.method == case.http_method
    assert request.path == prefix + case.path
    assert request.query == case.query
    if case.body is NO_BODY:
        assert request.body == b""
        assert "transfer-encoding" not in request.headers
    else:
        assert request.headers["content-type"] == "application/json"
        # A sized body: the server ignores runWorkflow variables sent chunked (server-behaviour 6.12).
        assert int(request.headers["content-length"]) == len(request.body)
        assert "transfer-encoding" not in request.headers
        assert request.json() == case.body


def test_cases_cover_every_operation() -> None:
    assert {case.method for case in CASES} == OPERATIONS
    assert (
        set(PATH_OPERATIONS) | set(LIST_OPERATIONS) | {"get_server_info", "create_trigger", "create_workflow"}
        == OPERATIONS
    )


# -- every operation, both faces ------------------------------------------------------------------------------


@pytest.mark.anyio
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
async def test_operation(case: Case, server: RecordingServer, face: Face) -> None:
    server.enqueue(case.reply)
    result = await face.call(case.method, *case.args, **case.kwargs)
    (request,) = server.requests
    assert_wire(request, case)
    case.check(result)


@pytest.mark.anyio
@pytest.mark.parametrize("kind", FACES)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
async def test_operation_without_prefix(case: Case, kind: FaceKind, server: RecordingServer) -> None:
    server.enqueue(case.reply)
    async with open_face(kind, server, api_prefix="") as face:
        result = await face.call(case.method, *case.args, **case.kwargs)
    (request,) = server.requests
    assert_wire(request, case, prefix="")
    case.check(result)


# -- server info: /_info first, /v2/_info on a 404 -----------------------------------------------------------

NOT_FOUND_TEXT = Reply(404, b"404 page not found\n", {"Content-Type": "text/plain; charset=utf-8"})


def serve_info_at(path: str) -> Callable[[Recorded], Reply]:
    def handler(request: Recorded) -> Reply:
        return Reply(200, {"version": "v2.1.0"}) if request.path == path else NOT_FOUND_TEXT

    return handler


@pytest.mark.anyio
async def test_server_info_real_server_answers_at_root(server: RecordingServer, face: Face) -> None:
    server.handler = serve_info_at(PREFIX + "/_info")
    info = await face.call("get_server_info")
    assert info == models.V2ServerInfo(version="v2.1.0")
    assert [r.path for r in server.requests] == [PREFIX + "/_info"]


@pytest.mark.anyio
async def test_server_info_falls_back_to_document_path(server: RecordingServer, face: Face) -> None:
    # A mock built from the OpenAPI document serves /v2/_info only.
    server.handler = serve_info_at(PREFIX + "/v2/_info")
    info = await face.call("get_server_info")
    assert info == models.V2ServerInfo(version="v2.1.0")
    assert [(r.method, r.path) for r in server.requests] == [("GET", PREFIX + "/_info"), ("GET", PREFIX + "/v2/_info")]


@pytest.mark.anyio
async def test_server_info_not_found_anywhere(server: RecordingServer, face: Face) -> None:
    server.handler = lambda request: NOT_FOUND_TEXT
    with pytest.raises(errors.NotFoundError) as info:
        await face.call("get_server_info")
    assert info.value.error_code is None
    assert [r.path for r in server.requests] == [PREFIX + "/_info", PREFIX + "/v2/_info"]


@pytest.mark.anyio
async def test_server_info_not_enveloped_and_no_fallback_on_other_errors(server: RecordingServer, face: Face) -> None:
    server.enqueue(Reply(401, b""))
    with pytest.raises(errors.AuthenticationError):
        await face.call("get_server_info")
    assert [r.path for r in server.requests] == [PREFIX + "/_info"]


# -- request bodies -------------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_create_workflow_with_shared_configs(server: RecordingServer, face: Face) -> None:
    files = require_workflows()

    def echo(request: Recorded) -> Reply:
        sent = request.json()
        return created(workflow_json(name=sent.get("name", ""), stages=sent.get("stages")))

    server.handler = echo
    for path in files:
        config = yaml.safe_load(path.read_text(encoding="utf-8"))
        workflow = await face.call("create_workflow", stages=config["stages"], name=config.get("name"))
        sent = server.requests[-1]
        assert sent.method == "POST"
        assert sent.path == PREFIX + "/v2/workflows"
        expected = {"stages": config["stages"]} | ({"name": config["name"]} if "name" in config else {})
        assert sent.json() == expected, path.name
        assert workflow.config.stages == config["stages"], path.name
        assert workflow.config.name == config.get("name", "")
    assert len(server.requests) == len(files)


class DelayStage:
    """A user's own stage builder: anything with ``to_json()``."""

    def __init__(self, duration: str) -> None:
        self.duration = duration

    def to_json(self) -> dict[str, Any]:
        return {"delay": {"duration": self.duration}}


@pytest.mark.anyio
async def test_create_workflow_accepts_models_and_mappings(server: RecordingServer, face: Face) -> None:
    until = NanoDatetime.from_datetime(datetime(2030, 1, 2, 3, 4, 5, 123456, tzinfo=timezone(timedelta(hours=2))), 789)
    send = models.V2StageSend(
        amount=models.V2Monetary(asset="EUR/2", amount=2**70),
        source=models.V2StageSendSource(
            account=models.V2StageSendSourceAccount(
                id="users:1", through_account="liabilities:payouts", allow_overdraft=True
            )
        ),
        destination=models.V2StageSendDestination(
            payment=models.V2StageSendDestinationPayment(
                psp="stripe", type=models.V2StageSendDestinationPaymentType.PAYOUT, connector_id="stripe-1"
            )
        ),
        metadata={"k": "v"},
    )
    stages: list[Any] = [
        {"send": send},
        {"delay": models.V2StageDelay(until=until)},
        {"wait_event": {"event": "continue"}},
        {"update": models.V2Update(account=models.V2UpdateAccount(id="users:1", metadata={"a": "b"}))},
        DelayStage("5s"),
    ]
    server.enqueue(created(workflow_json(stages=[])))
    await face.call("create_workflow", stages=stages)
    body = json.loads(server.requests[0].body)  # parse_int default: exact
    assert body == {
        "stages": [
            {
                "send": {
                    "amount": {"asset": "EUR/2", "amount": 1180591620717411303424},
                    "source": {
                        "account": {"id": "users:1", "throughAccount": "liabilities:payouts", "allowOverdraft": True}
                    },
                    "destination": {"payment": {"psp": "stripe", "type": "PAYOUT", "connectorId": "stripe-1"}},
                    "metadata": {"k": "v"},
                }
            },
            {"delay": {"until": "2030-01-02T03:04:05.123456789+02:00"}},
            {"wait_event": {"event": "continue"}},
            {"update": {"account": {"id": "users:1", "metadata": {"a": "b"}}}},
            {"delay": {"duration": "5s"}},
        ]
    }
    assert b"1180591620717411303424" in server.requests[0].body


@pytest.mark.anyio
async def test_create_trigger_omits_none_and_sends_every_field(server: RecordingServer, face: Face) -> None:
    server.enqueue(created(trigger_json()), created(trigger_json()))
    await face.call("create_trigger", event="SAVED_PAYMENT", workflow_id=WORKFLOW_ID)
    await face.call(
        "create_trigger",
        event="COMMITTED_TRANSACTIONS",
        workflow_id=WORKFLOW_ID,
        name="big payments",
        filter="event.amount > 0",
        vars={"a": "event.id"},
        version="v2",
    )
    assert server.requests[0].json() == {"event": "SAVED_PAYMENT", "workflowID": WORKFLOW_ID}
    assert server.requests[1].json() == {
        "event": "COMMITTED_TRANSACTIONS",
        "workflowID": WORKFLOW_ID,
        "name": "big payments",
        "filter": "event.amount > 0",
        "vars": {"a": "event.id"},
        "version": "v2",
    }


@pytest.mark.anyio
async def test_test_trigger_sends_the_mapping_as_the_body(server: RecordingServer, face: Face) -> None:
    event = {"id": "p1", "amount": 2**70, "metadata": {"psp": "stripe"}, "links": [], "nested": {"x": [1, None, True]}}
    server.enqueue(ok({"filter": {"match": False}, "variables": None}))
    result = await face.call("test_trigger", TRIGGER_ID, event=event)
    assert result == models.V2TriggerTest(filter=models.V2TriggerTestFilter(match=False), variables=None)
    assert server.requests[0].json() == event


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("variables", "wait", "query", "body"),
    [
        ({"amount": "100"}, None, [], {"amount": "100"}),
        ({}, True, [("wait", "true")], {}),
        (None, False, [("wait", "false")], None),
        ({"userID": "ünï ${x}"}, True, [("wait", "true")], {"userID": "ünï ${x}"}),
    ],
)
async def test_run_workflow_variables_and_wait(
    server: RecordingServer, face: Face, variables: Any, wait: Any, query: list[tuple[str, str]], body: Any
) -> None:
    server.enqueue(created(instance_json()))
    await face.call("run_workflow", WORKFLOW_ID, variables=variables, wait=wait)
    (request,) = server.requests
    assert request.query == query
    if body is None:
        assert request.body == b""
    else:
        assert request.json() == body
        assert int(request.headers["content-length"]) == len(request.body) > 0
        assert "transfer-encoding" not in request.headers


@pytest.mark.anyio
async def test_list_instances_without_filters_sends_no_query(server: RecordingServer, face: Face) -> None:
    server.enqueue(Reply(200, page_json([])), Reply(200, page_json([])))
    page = await face.call("list_instances")
    assert page.data == []
    assert page.has_more is False
    await face.call("list_instances", running=False)
    assert server.requests[0].target == PREFIX + "/v2/instances"
    assert server.requests[1].query == [("running", "false")]


@pytest.mark.anyio
async def test_per_call_headers_reach_the_wire(server: RecordingServer, face: Face) -> None:
    server.enqueue(NO_CONTENT)
    await face.call("cancel_event", INSTANCE_ID, extra_headers={"X-Request-Id": "abc"})
    assert server.requests[0].headers["x-request-id"] == "abc"


# -- errors on real calls -------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_not_found_error_with_v2_error_body(server: RecordingServer, face: Face) -> None:
    server.enqueue(Reply(404, {"errorCode": "NOT_FOUND", "errorMessage": "sql: no rows in result set"}))
    with pytest.raises(errors.NotFoundError) as info:
        await face.call("read_trigger", TRIGGER_ID)
    assert info.value.status_code == 404
    assert info.value.error_code == "NOT_FOUND"
    assert info.value.error_message == "sql: no rows in result set"


@pytest.mark.anyio
async def test_stage_history_non_integer_404_has_empty_body(server: RecordingServer, face: Face) -> None:
    server.enqueue(Reply(404, b""))
    with pytest.raises(errors.NotFoundError) as info:
        await face.call("get_instance_stage_history", INSTANCE_ID, 7)
    assert info.value.error_code is None
    assert server.requests[0].path == f"{PREFIX}/v2/instances/{INSTANCE_ID}/stages/7/history"


# -- argument checks before any I/O ---------------------------------------------------------------------------


@pytest.mark.anyio
@pytest.mark.parametrize("page_size", [0, 1001, True, -1])
@pytest.mark.parametrize("method", sorted(LIST_OPERATIONS))
async def test_page_size_out_of_range(method: str, page_size: Any, server: RecordingServer, face: Face) -> None:
    with pytest.raises(ValueError, match="page_size"):
        await face.call(method, *LIST_OPERATIONS[method], page_size=page_size)
    assert server.requests == []


@pytest.mark.anyio
@pytest.mark.parametrize("page_size", [1, 1000])
async def test_page_size_bounds_are_accepted(page_size: int, server: RecordingServer, face: Face) -> None:
    server.enqueue(Reply(200, page_json([], page_size=min(page_size, 100))))
    page = await face.call("list_workflows", page_size=page_size)
    assert server.requests[0].query == [("pageSize", str(page_size))]
    assert page.page_size == min(page_size, 100)


def _args(method: str, value: Any) -> tuple[Any, ...]:
    return tuple(value if a == "{}" else a for a in PATH_OPERATIONS[method])


@pytest.mark.anyio
@pytest.mark.parametrize("method", sorted(PATH_OPERATIONS))
async def test_empty_path_parameter(method: str, server: RecordingServer, face: Face) -> None:
    with pytest.raises(ValueError, match="non-empty"):
        await face.call(method, *_args(method, ""), **PATH_KWARGS.get(method, {}))
    assert server.requests == []


@pytest.mark.anyio
async def test_stage_number_must_be_an_int(server: RecordingServer, face: Face) -> None:
    with pytest.raises(TypeError):
        await face.call("get_instance_stage_history", INSTANCE_ID, True)
    assert server.requests == []


# -- path parameters stay one segment -------------------------------------------------------------------------

AWKWARD_IDS = {
    "a/b?c#d": "a%2Fb%3Fc%23d",
    "%": "%25",
    "..": "%2E%2E",
    ".": "%2E",
    "ünï/😀": "%C3%BCn%C3%AF%2F%F0%9F%98%80",
    "%2F": "%252F",
    "a b+c&d=e;f": "a%20b%2Bc%26d%3De%3Bf",
    "../../_info": "..%2F..%2F_info",
}


@pytest.mark.anyio
@pytest.mark.parametrize("method", sorted(PATH_OPERATIONS))
async def test_awkward_ids_reach_the_server_as_one_segment(method: str, server: RecordingServer, face: Face) -> None:
    server.handler = lambda request: Reply(204)
    for raw, encoded in AWKWARD_IDS.items():
        server.requests.clear()
        # A 204 has no body to decode; only the request matters here.
        with contextlib.suppress(errors.APIResponseValidationError):
            await face.call(method, *_args(method, raw), **PATH_KWARGS.get(method, {}))
        (request,) = server.requests
        segments = request.path.removeprefix(PREFIX + "/").split("/")
        assert segments[2] == encoded, (method, raw)
        assert unquote(segments[2]) == raw
        assert "?" not in request.target
        assert "#" not in request.target


@given(st.text(min_size=1))
def test_path_segment_is_one_segment(value: str) -> None:
    encoded = path_segment(value, "id")
    assert "/" not in encoded
    assert "?" not in encoded
    assert "#" not in encoded
    assert encoded not in {".", ".."}
    assert unquote(encoded, errors="strict") == value
    assert encoded.isascii()
    # httpx keeps it as is: no re-encoding, no dot-segment removal.
    url = httpx.URL("http://h/api/orchestration/v2/workflows/" + encoded + "/instances")
    assert url.raw_path == b"/api/orchestration/v2/workflows/" + encoded.encode() + b"/instances"


@given(st.integers(min_value=0))
def test_path_segment_of_an_int(number: int) -> None:
    assert path_segment(number, "number") == str(number)


def test_path_segment_refuses_empty_and_other_types() -> None:
    with pytest.raises(ValueError, match="non-empty"):
        path_segment("", "flow_id")
    for bad in (None, b"x", 1.5, True):
        with pytest.raises(TypeError):
            path_segment(bad, "flow_id")
