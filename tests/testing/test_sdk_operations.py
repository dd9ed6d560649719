"""The SDK's own operation tests, against the in-memory double instead of canned bodies.

``tests/test_v2.py`` drives the 18 v2 operations through both faces against the plain recording server; here one
table, :data:`SCENARIO`, drives them in order against a :class:`FakeOrchestration` (each step builds its
arguments from what earlier steps created), and :data:`ERRORS` the fake's error answers. Both run on the async
face (asyncio and trio) and on the blocking face (called from a worker thread, as users do), in process and over
the fake's socket server with OAuth2 client credentials. Every answer is also validated against the OpenAPI
document by the autouse ``fake_response_validation`` fixture (``tests/conftest.py``).
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

import anyio.to_thread
import httpx
import pytest

from formance_orchestration import (
    AsyncOrchestrationClient,
    AsyncPage,
    ClientCredentials,
    NanoDatetime,
    OrchestrationClient,
    RetryPolicy,
    SyncPage,
    errors,
    models,
)
from formance_orchestration.testing import FakeOrchestration

from ..conftest import OPERATIONS
from ._openapi_responses import ResponseCollector

FaceKind = Literal["async", "sync"]
FACES: tuple[FaceKind, ...] = ("async", "sync")
RETRIES = RetryPolicy(max_attempts=2, initial_delay=0, max_delay=0, jitter=0)
CREDENTIALS = {"orchestration": "s3cret"}
TOKEN_PATH = "/api/auth/oauth/token"

# -- both faces -----------------------------------------------------------------------------------------------


class Face:
    """``client.v2`` of one face, awaited either way: the blocking face runs on a worker thread."""

    def __init__(self, kind: FaceKind, client: AsyncOrchestrationClient | OrchestrationClient) -> None:
        self.kind = kind
        self.client = client

    def __repr__(self) -> str:
        return f"Face({self.kind})"

    async def call(self, operation: str, /, *args: Any, **kwargs: Any) -> Any:
        """``client.v2.<operation>(...)``: a list operation gives its first page."""
        fn = getattr(self.client.v2, operation)
        if self.kind == "async":
            return await fn(*args, **kwargs)
        return await anyio.to_thread.run_sync(functools.partial(fn, *args, **kwargs))

    async def next_page(self, page: Any) -> Any:
        if self.kind == "async":
            return await page.get_next_page()
        return await anyio.to_thread.run_sync(page.get_next_page)

    async def walk(self, operation: str, /, *args: Any, **kwargs: Any) -> list[Any]:
        """Every item of a list operation: ``async for`` over the call, or iterating the blocking page."""
        fn = getattr(self.client.v2, operation)
        if self.kind == "async":
            return [item async for item in fn(*args, **kwargs)]
        return await anyio.to_thread.run_sync(lambda: list(fn(*args, **kwargs)))


@asynccontextmanager
async def open_face(kind: FaceKind, fake: FakeOrchestration, url: str | None = None) -> AsyncIterator[Face]:
    """A client of ``kind`` on ``fake``: in process, or at ``url`` (the socket server) with client credentials."""
    options: dict[str, Any] = {"retries": RETRIES}
    if url is not None:
        (client_id, secret), *_ = CREDENTIALS.items()
        options.update(base_url=url, auth=ClientCredentials(client_id=client_id, client_secret=secret))
    if kind == "async":
        async with AsyncOrchestrationClient(**options) if url is not None else fake.async_client(**options) as aclient:
            yield Face(kind, aclient)
        return
    build = (
        functools.partial(OrchestrationClient, **options)
        if url is not None
        else functools.partial(fake.client, **options)
    )
    client = await anyio.to_thread.run_sync(build)
    try:
        yield Face(kind, client)
    finally:
        await anyio.to_thread.run_sync(client.close)


# -- the table ------------------------------------------------------------------------------------------------


@dataclass
class World:
    """The fake, and what the steps created so far (ids, decoded results)."""

    fake: FakeOrchestration
    made: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.made[name]
        except KeyError:
            raise AttributeError(name) from None


def nothing(world: World) -> tuple[Any, ...]:
    return ()


@dataclass(frozen=True)
class Step:
    """One call: ``client.v2.<operation>(*args(world), **kwargs(world))``, then ``check(result, world)``."""

    id: str
    operation: str
    args: Callable[[World], tuple[Any, ...]] = nothing
    kwargs: Callable[[World], dict[str, Any]] = lambda world: {}
    check: Callable[[Any, World], None] = lambda result, world: None
    before: Callable[[World], None] = lambda world: None
    keep: str | None = None  # store the result in world.made under this name


SEND: dict[str, Any] = {
    "send": {
        "source": {"account": {"id": "users:${user}", "ledger": "main"}},
        "destination": {"account": {"id": "bank", "ledger": "main"}},
        "amount": {"amount": "${amount}", "asset": "EUR/2"},
    }
}
STAGES: list[dict[str, Any]] = [{"delay": {"duration": "1m"}}, {"wait_event": {"event": "go"}}, SEND]
VARIABLES = {"user": "42", "amount": "1500"}


def funded(fake: FakeOrchestration) -> FakeOrchestration:
    """The fake with the scenario's sender funded: the fake's ledgers refuse overdrafts as the real ledger does."""
    fake.set_balance("users:42", "EUR/2", 1_000_000, ledger="main")
    return fake


def check_info(info: Any, world: World) -> None:
    assert info == models.V2ServerInfo(version="develop")


def check_created_workflow(workflow: Any, world: World) -> None:
    assert isinstance(workflow, models.V2Workflow)
    assert workflow.config == models.V2WorkflowConfig(name="payout", stages=STAGES)
    assert workflow.deleted_at is None
    assert isinstance(workflow.created_at, NanoDatetime)  # create answers keep nanoseconds
    assert workflow.created_at.utcoffset() == timedelta(0)
    assert workflow.updated_at == workflow.created_at


def check_read_workflow(workflow: Any, world: World) -> None:
    created = world.workflow
    assert isinstance(workflow, models.V2Workflow)
    assert (workflow.id, workflow.config, workflow.deleted_at) == (created.id, created.config, None)
    # Read back from Postgres: rounded to microseconds.
    assert abs(workflow.created_at - created.created_at) <= timedelta(microseconds=1)
    assert getattr(workflow.created_at, "nanosecond", 0) == 0


def check_workflow_page(page: Any, world: World) -> None:
    assert isinstance(page, AsyncPage | SyncPage)
    assert [workflow.id for workflow in page.data] == [world.workflow.id]
    assert isinstance(page.data[0], models.V2Workflow)
    assert (page.page_size, page.has_more, page.next_cursor, page.previous_cursor) == (2, False, None, None)


def check_started(instance: Any, world: World) -> None:
    assert isinstance(instance, models.V2WorkflowInstance)
    assert instance.workflow_id == world.workflow.id
    assert (instance.terminated, instance.status, instance.workflow, instance.error) == (False, None, None, None)
    assert isinstance(instance.created_at, NanoDatetime)


def check_running(instance: Any, world: World) -> None:
    assert isinstance(instance, models.V2WorkflowInstance)
    assert instance.id == world.instance.id
    assert instance.workflow is not None
    assert instance.workflow.id == world.workflow.id
    assert instance.terminated is False
    assert instance.status is not None
    (stage,) = instance.status
    assert type(stage.stage) is int
    assert (stage.stage, stage.instance_id, stage.terminated_at) == (0, instance.id, None)
    assert stage.temporal_run_id


def check_waited(instance: Any, world: World) -> None:
    # Faithful ?wait=true answers at once: the instance re-read before its first stage started (§6.12).
    assert isinstance(instance, models.V2WorkflowInstance)
    assert instance.workflow is not None
    assert instance.workflow.config.stages == STAGES
    assert (instance.terminated, instance.status) == (False, None)


def check_instance_page(page: Any, world: World) -> None:
    assert [instance.id for instance in page.data] == [world.instance.id, world.waited.id]
    assert all(instance.workflow is not None and instance.status is None for instance in page.data)
    assert page.page_size == 15


def check_terminated(instance: Any, world: World) -> None:
    assert instance.terminated is True
    assert instance.error is None
    assert instance.terminated_at is not None
    assert instance.status is not None
    assert [(s.stage, s.error, s.terminated_at is not None) for s in instance.status] == [
        (0, None, True),
        (1, None, True),
        (2, None, True),
    ]


def check_history(history: Any, world: World) -> None:
    # One entry per started stage, in order, each with its own resolved input (server-behaviour §6.17).
    assert [type(entry) for entry in history] == [models.V2WorkflowInstanceHistory] * 3
    assert [entry.name for entry in history] == ["RunDelay", "RunWaitEvent", "RunSend"]
    assert history[0].input == models.V2StageDelay(duration="1m0s")
    assert history[1].input == models.V2StageWaitEvent(event="go")
    assert [(entry.terminated, entry.error) for entry in history] == [(True, None)] * 3
    assert all(entry.terminated_at is not None for entry in history)
    assert history[0].terminated_at == history[1].started_at


def check_stage_history(history: Any, world: World) -> None:
    (entry,) = history
    assert isinstance(entry, models.V2WorkflowInstanceHistoryStage)
    assert entry.name == "CreateTransaction"
    assert (entry.terminated, entry.attempt, entry.error) == (True, 1, None)
    transaction = entry.input.create_transaction
    assert transaction is not None
    assert transaction.ledger == "main"  # sent as "Ledger"
    assert transaction.data is not None
    assert transaction.data.postings == [
        models.V2Posting(source="users:42", destination="bank", amount=1500, asset="EUR/2")
    ]
    assert entry.output is not None
    assert entry.output.create_transaction is not None
    assert entry.output.create_transaction.data is not None
    (created,) = entry.output.create_transaction.data
    assert type(created.txid) is int


def check_none(result: Any, world: World) -> None:
    assert result is None


def check_trigger(trigger: Any, world: World) -> None:
    assert isinstance(trigger, models.V2Trigger)
    assert trigger.workflow_id == world.workflow.id
    assert (trigger.name, trigger.event, trigger.version) == ("big payments", "SAVED_PAYMENT", None)
    assert trigger.filter == "event.amount > 1000"
    assert trigger.vars == {"amount": "event.amount", "user": "event.user"}
    assert trigger.workflow is None
    assert isinstance(trigger.created_at, datetime)
    assert getattr(trigger.created_at, "nanosecond", 0) == 0  # microsecond-rounded even when created


def check_read_trigger(trigger: Any, world: World) -> None:
    assert trigger == world.trigger  # createdAt is microsecond-rounded already at creation


def check_trigger_test(result: Any, world: World) -> None:
    assert result == models.V2TriggerTest(
        filter=models.V2TriggerTestFilter(match=True),
        variables={
            "amount": models.V2TriggerTestVariablesValue(value="1500"),
            "user": models.V2TriggerTestVariablesValue(value="42"),
        },
    )


def check_trigger_page(page: Any, world: World) -> None:
    assert page.data == [world.trigger]
    assert (page.page_size, page.has_more) == (15, False)


def fire(world: World) -> None:
    (firing,) = world.fake.emit_event("SAVED_PAYMENT", {"amount": 1500, "user": "42"}, app="payments")
    world.made["firing"] = firing


def check_occurrences(page: Any, world: World) -> None:
    (occurrence,) = page.data
    assert isinstance(occurrence, models.V2TriggerOccurrence)
    assert occurrence.id == world.firing.occurrence_id
    assert occurrence.trigger_id == world.trigger.id
    assert occurrence.error is None
    assert occurrence.workflow_instance_id == world.firing.instance_id
    assert occurrence.workflow_instance is not None
    assert occurrence.workflow_instance.id == world.firing.instance_id
    assert (occurrence.workflow_instance.status, occurrence.workflow_instance.workflow) == (None, None)
    # The whole event envelope, not just the payload (server-behaviour §11.10).
    assert occurrence.event["type"] == "SAVED_PAYMENT"
    assert occurrence.event["app"] == "payments"
    assert occurrence.event["payload"] == {"amount": 1500, "user": "42"}


def check_deleted_workflow(result: Any, world: World) -> None:
    assert result is None
    assert world.fake.state.workflows[world.workflow.id].deleted_at is not None


SCENARIO: tuple[Step, ...] = (
    Step("get_server_info", "get_server_info", check=check_info),
    Step(
        "create_workflow",
        "create_workflow",
        kwargs=lambda w: {"name": "payout", "stages": STAGES},
        check=check_created_workflow,
        keep="workflow",
    ),
    Step("get_workflow", "get_workflow", lambda w: (w.workflow.id,), check=check_read_workflow),
    Step("list_workflows", "list_workflows", kwargs=lambda w: {"page_size": 2}, check=check_workflow_page),
    Step(
        "run_workflow",
        "run_workflow",
        lambda w: (w.workflow.id,),
        lambda w: {"variables": VARIABLES},
        check=check_started,
        keep="instance",
    ),
    Step("get_instance", "get_instance", lambda w: (w.instance.id,), check=check_running),
    Step(
        "run_workflow_wait",
        "run_workflow",
        lambda w: (w.workflow.id,),
        lambda w: {"variables": VARIABLES, "wait": True},
        check=check_waited,
        keep="waited",
    ),
    Step(
        "list_instances",
        "list_instances",
        kwargs=lambda w: {"workflow_id": w.workflow.id, "running": True},
        check=check_instance_page,
    ),
    Step(
        "send_event",
        "send_event",
        lambda w: (w.instance.id,),
        lambda w: {"name": "go"},
        check=check_none,
        before=lambda w: w.fake.advance(60),  # the delay ends; the instance waits for "go"
    ),
    Step("get_instance_terminated", "get_instance", lambda w: (w.instance.id,), check=check_terminated),
    Step("get_instance_history", "get_instance_history", lambda w: (w.instance.id,), check=check_history),
    Step(
        "get_instance_stage_history",
        "get_instance_stage_history",
        lambda w: (w.instance.id, 2),
        check=check_stage_history,
    ),
    Step("cancel_event", "cancel_event", lambda w: (w.waited.id,), check=check_none),
    Step(
        "create_trigger",
        "create_trigger",
        kwargs=lambda w: {
            "event": "SAVED_PAYMENT",
            "workflow_id": w.workflow.id,
            "name": "big payments",
            "filter": "event.amount > 1000",
            "vars": {"amount": "event.amount", "user": "event.user"},
        },
        check=check_trigger,
        keep="trigger",
    ),
    Step("read_trigger", "read_trigger", lambda w: (w.trigger.id,), check=check_read_trigger),
    Step(
        "test_trigger",
        "test_trigger",
        lambda w: (w.trigger.id,),
        lambda w: {"event": {"amount": 1500, "user": "42"}},
        check=check_trigger_test,
    ),
    Step("list_triggers", "list_triggers", check=check_trigger_page),
    Step(
        "list_triggers_occurrences",
        "list_triggers_occurrences",
        lambda w: (w.trigger.id,),
        check=check_occurrences,
        before=fire,
    ),
    Step("delete_trigger", "delete_trigger", lambda w: (w.trigger.id,), check=check_none),
    Step("delete_workflow", "delete_workflow", lambda w: (w.workflow.id,), check=check_deleted_workflow),
)


@dataclass(frozen=True)
class Failure:
    """A call the fake refuses: the exception class, status, ``error_code`` and ``error_message`` expected."""

    id: str
    operation: str
    args: Callable[[World], tuple[Any, ...]]
    kwargs: dict[str, Any]
    error: type[errors.APIStatusError]
    status: int
    code: str | None
    message: str | None


UNKNOWN = "6f1c2b9e-0000-4000-8000-000000000000"
NO_ROWS = "sql: no rows in result set"

ERRORS: tuple[Failure, ...] = (
    # "Not found" answered with 500 INTERNAL (server-behaviour §11.4).
    Failure(
        "get_workflow", "get_workflow", lambda w: (UNKNOWN,), {}, errors.InternalServerError, 500, "INTERNAL", NO_ROWS
    ),
    Failure(
        "run_workflow", "run_workflow", lambda w: (UNKNOWN,), {}, errors.InternalServerError, 500, "INTERNAL", NO_ROWS
    ),
    Failure(
        "get_instance", "get_instance", lambda w: (UNKNOWN,), {}, errors.InternalServerError, 500, "INTERNAL", None
    ),
    Failure(
        "send_event",
        "send_event",
        lambda w: (UNKNOWN,),
        {"name": "go"},
        errors.InternalServerError,
        500,
        "INTERNAL",
        f"retrieving workflow: {NO_ROWS}",
    ),
    Failure(
        "cancel_event", "cancel_event", lambda w: (UNKNOWN,), {}, errors.InternalServerError, 500, "INTERNAL", None
    ),
    Failure(
        "get_instance_history",
        "get_instance_history",
        lambda w: (UNKNOWN,),
        {},
        errors.InternalServerError,
        500,
        "INTERNAL",
        f"workflow not found for ID: {UNKNOWN}-main",
    ),
    Failure(
        "test_trigger",
        "test_trigger",
        lambda w: (w.trigger.id,),
        {"event": {}},
        errors.InternalServerError,
        500,
        "INTERNAL",
        None,
    ),
    Failure(
        "create_workflow_unknown_stage",
        "create_workflow",
        nothing,
        {"stages": [{"teleport": {}}]},
        errors.InternalServerError,
        500,
        "INTERNAL",
        None,
    ),
    Failure(
        "list_triggers_by_name",
        "list_triggers",
        nothing,
        {"name": "big"},
        errors.InternalServerError,
        500,
        "INTERNAL",
        None,
    ),
    # 404 NOT_FOUND where the server does say so.
    Failure(
        "read_trigger", "read_trigger", lambda w: (w.trigger.id,), {}, errors.NotFoundError, 404, "NOT_FOUND", NO_ROWS
    ),
    Failure(
        "delete_trigger", "delete_trigger", lambda w: (w.trigger.id,), {}, errors.NotFoundError, 404, "NOT_FOUND", None
    ),
    Failure(
        "get_instance_stage_history",
        "get_instance_stage_history",
        lambda w: (w.instance.id, 7),
        {},
        errors.NotFoundError,
        404,
        "NOT_FOUND",
        "Instance not found",
    ),
    Failure(
        "create_trigger_unknown_workflow",
        "create_trigger",
        nothing,
        {"event": "E", "workflow_id": UNKNOWN},
        errors.NotFoundError,
        404,
        "NOT_FOUND",
        None,
    ),
    # 400 VALIDATION.
    Failure(
        "delete_workflow_not_a_uuid",
        "delete_workflow",
        lambda w: ("xxx",),
        {},
        errors.BadRequestError,
        400,
        "VALIDATION",
        None,
    ),
    Failure(
        "list_workflows_bad_cursor",
        "list_workflows",
        nothing,
        {"cursor": "not a cursor"},
        errors.BadRequestError,
        400,
        "VALIDATION",
        "invalid 'cursor' query param",
    ),
    Failure(
        "run_workflow_bad_variables",
        "run_workflow",
        lambda w: (w.workflow.id,),
        {"variables": {"amount": 1}, "check_variables": False},  # the server's own answer, past the SDK's check
        errors.BadRequestError,
        400,
        "VALIDATION",
        "json: cannot unmarshal number into Go value of type string",
    ),
)


def test_tables_cover_every_operation() -> None:
    assert {step.operation for step in SCENARIO} == OPERATIONS
    assert len({step.id for step in SCENARIO}) == len(SCENARIO)
    assert len({failure.id for failure in ERRORS}) == len(ERRORS)


async def play(face: Face, world: World) -> None:
    """Run :data:`SCENARIO`, then :data:`ERRORS`, through ``face``."""
    for step in SCENARIO:
        step.before(world)
        result = await face.call(step.operation, *step.args(world), **step.kwargs(world))
        try:
            step.check(result, world)
        except AssertionError as exc:
            raise AssertionError(f"step {step.id}: {exc}") from exc
        if step.keep is not None:
            world.made[step.keep] = result
    for failure in ERRORS:
        with pytest.raises(failure.error) as info:
            await face.call(failure.operation, *failure.args(world), **failure.kwargs)
        found = (info.value.status_code, info.value.error_code)
        assert found == (failure.status, failure.code), failure.id
        if failure.message is not None:
            assert info.value.error_message == failure.message, failure.id


def assert_all_checked(fake: FakeOrchestration, validation: ResponseCollector | None) -> None:
    """Every answer of an operation went through the OpenAPI check (when the document is there)."""
    assert fake.server_errors == []
    if validation is None:
        return
    operations = sum(1 for request in fake.requests if request.path != TOKEN_PATH)
    assert operations >= len(SCENARIO) + len(ERRORS)
    assert validation.checked >= operations
    assert validation.failures == []


# -- in process and over the socket ---------------------------------------------------------------------------


@pytest.mark.anyio
@pytest.mark.parametrize("kind", FACES)
async def test_every_operation_in_process(kind: FaceKind, fake_response_validation: ResponseCollector | None) -> None:
    fake = funded(FakeOrchestration())
    async with open_face(kind, fake) as face:
        await play(face, World(fake))
    assert {request.operation for request in fake.requests} == OPERATIONS
    assert_all_checked(fake, fake_response_validation)


@pytest.mark.anyio
@pytest.mark.parametrize("kind", FACES)
async def test_every_operation_over_the_socket_with_client_credentials(
    kind: FaceKind, fake_response_validation: ResponseCollector | None
) -> None:
    fake = funded(FakeOrchestration(require_auth=True, client_credentials=CREDENTIALS))
    with fake.serve_in_thread() as url:
        async with open_face(kind, fake, url) as face:
            await play(face, World(fake))
    token_requests = [request for request in fake.requests if request.path == TOKEN_PATH]
    assert len(token_requests) == 1  # one token, cached for every call
    api = [request for request in fake.requests if request.path != TOKEN_PATH]
    assert all(request.path.startswith("/api/orchestration/") for request in api)
    assert all(request.headers["authorization"].startswith("Bearer fake-") for request in api[1:])
    assert {request.operation for request in api} == OPERATIONS
    assert_all_checked(fake, fake_response_validation)


# -- pagination: three pages of two ---------------------------------------------------------------------------


def seed_pages(fake: FakeOrchestration, count: int) -> dict[str, tuple[tuple[Any, ...], dict[str, Any], list[str]]]:
    """``count`` workflows, running instances, triggers and occurrences; per list operation its arguments and ids.

    Trigger-started instances belong to the second workflow; listInstances is filtered on the first.
    """
    with httpx.Client(transport=fake.transport, base_url="http://fake") as http:
        workflows = [
            http.post("/v2/workflows", json={"stages": [{"wait_event": {"event": "go"}}]}).json()["data"]["id"]
            for _ in range(count)
        ]
        instances = [http.post(f"/v2/workflows/{workflows[0]}/instances").json()["data"]["id"] for _ in range(count)]
        triggers = [
            http.post("/v2/triggers", json={"event": f"PING{n}", "workflowID": workflows[1]}).json()["data"]["id"]
            for n in range(count)
        ]
    occurrences = [firing.occurrence_id for _ in range(count) for firing in fake.emit_event("PING0", {})]
    return {
        "list_workflows": ((), {}, workflows),
        "list_instances": ((), {"workflow_id": workflows[0]}, instances),
        "list_triggers": ((), {}, triggers),
        "list_triggers_occurrences": ((triggers[0],), {}, occurrences),
    }


@pytest.mark.anyio
@pytest.mark.parametrize("kind", FACES)
@pytest.mark.parametrize(
    "operation", ["list_workflows", "list_instances", "list_triggers", "list_triggers_occurrences"]
)
async def test_pagination_over_three_pages(
    kind: FaceKind, operation: str, fake_response_validation: ResponseCollector | None
) -> None:
    fake = FakeOrchestration()
    args, kwargs, ids = seed_pages(fake, 5)[operation]
    async with open_face(kind, fake) as face:
        page = await face.call(operation, *args, page_size=2, **kwargs)
        pages = []
        while page is not None:
            pages.append(page)
            page = await face.next_page(page)
        walked = await face.walk(operation, *args, page_size=2, **kwargs)
    assert [[item.id for item in page.data] for page in pages] == [ids[0:2], ids[2:4], ids[4:5]]
    assert [page.has_more for page in pages] == [True, True, False]
    assert [page.page_size for page in pages] == [2, 2, 2]
    assert pages[0].previous_cursor is None
    assert all(page.previous_cursor for page in pages[1:])
    assert all(page.next_cursor for page in pages[:2])
    assert pages[2].next_cursor is None
    assert [item.id for item in walked] == ids
    # A cursor replaces every other parameter: the next pages carry nothing else.
    requests = fake.requests_for(operation)
    assert [request.query for request in requests[1:3]] == [
        (("cursor", pages[0].next_cursor),),
        (("cursor", pages[1].next_cursor),),
    ]
    assert_all_checked_pages(fake, fake_response_validation)


def assert_all_checked_pages(fake: FakeOrchestration, validation: ResponseCollector | None) -> None:
    assert fake.server_errors == []
    if validation is not None:
        assert validation.checked >= len(fake.requests)
        assert validation.failures == []


# -- page sizes the SDK refuses, sent raw ---------------------------------------------------------------------


@pytest.mark.parametrize("page_size", ["0x10", "-1", "abc", "4294967296"])
def test_bad_page_size_sent_raw_is_a_validation_error(page_size: str) -> None:
    fake = FakeOrchestration()
    with httpx.Client(transport=fake.transport, base_url="http://fake/api/orchestration") as http:
        response = http.get("/v2/workflows", params={"pageSize": page_size})
    assert response.status_code == 400
    assert response.json() == {"errorCode": "VALIDATION", "errorMessage": "invalid 'pageSize' query param"}


@pytest.mark.anyio
@pytest.mark.parametrize("kind", FACES)
async def test_page_size_above_the_cap(kind: FaceKind) -> None:
    fake = FakeOrchestration()
    async with open_face(kind, fake) as face:
        with pytest.raises(ValueError, match="page_size"):
            await face.call("list_workflows", page_size=1001)
        page = await face.call("list_workflows", page_size=1000)
    assert page.page_size == 100  # the server caps silently (server-behaviour §11.5)
    assert fake.requests_for("list_workflows")[0].query == (("pageSize", "1000"),)
