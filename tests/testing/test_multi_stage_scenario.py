"""One multi-stage workflow (send, wait_event, send: ``shared/workflows/workflow.yaml``) on every face of the SDK.

Create, run, find it waiting at the event, send the event, find it finished; the instance history and each
stage history are checked entry by entry against what the server's readers build (one entry per started stage,
one per scheduled activity, inputs and outputs under their own names).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any, Literal

import anyio
import pytest

from formance_orchestration import AsyncOrchestrationClient, converter
from formance_orchestration.testing import FakeOrchestration

from .conftest import require_shared

Call = Callable[..., Awaitable[Any]]
FaceKind = Literal["async", "sync", "socket"]

VARIABLES = {"paymentID": "pay-1", "temporaryAccount": "tmp:1", "ledger": "main", "amount": "1500", "user": "users:7"}
INTERNAL = "orchestration-000-internal"
AMOUNT = {"amount": 1500, "asset": "EUR/2"}
ACCOUNT_DEFAULTS = {"throughAccount": "world", "allowOverdraft": False}

FIRST_SEND_INPUT = {
    "amount": AMOUNT,
    "destination": {"account": {"id": "tmp:1", "ledger": "main", **ACCOUNT_DEFAULTS}},
    "source": {"payment": {"id": "pay-1", **ACCOUNT_DEFAULTS}},
}
LAST_SEND_INPUT = {
    "amount": AMOUNT,
    "destination": {"account": {"id": "users:7", "ledger": "main", **ACCOUNT_DEFAULTS}},
    "source": {"account": {"id": "tmp:1", "ledger": "main", **ACCOUNT_DEFAULTS}},
}


def _posting(source: str, destination: str) -> dict[str, Any]:
    return {"amount": 1500, "asset": "EUR/2", "destination": destination, "source": source}


# Stage 0, payment to account on another ledger (send/run.go:215-240, :149-213, :522-602): the payment, its
# ingestion into the holding account (with the holding account as reference), then the two-ledger move.
STAGE_0: list[tuple[str, dict[str, Any]]] = [
    ("GetPayment", {"id": "pay-1"}),
    (
        "CreateTransaction",
        {"ledger": INTERNAL, "data": {"postings": [_posting("world", "payment:pay_1")], "reference": "payment:pay_1"}},
    ),
    (
        "CreateTransaction",
        {
            "ledger": INTERNAL,
            "data": {
                "postings": [_posting("payment:pay_1", "world")],
                "metadata": {"orchestration/move-to-ledger": "main"},
            },
        },
    ),
    (
        "CreateTransaction",
        {
            "ledger": "main",
            "data": {
                "postings": [_posting("world", "tmp:1")],
                "metadata": {"orchestration/move-from-ledger": INTERNAL},
            },
        },
    ),
]
# Stage 2, account to account on one ledger (run.go:509-520): one transaction, paid from what stage 0 credited.
STAGE_2: list[tuple[str, dict[str, Any]]] = [
    ("CreateTransaction", {"ledger": "main", "data": {"postings": [_posting("tmp:1", "users:7")]}})
]


@asynccontextmanager
async def face(kind: FaceKind, fake: FakeOrchestration) -> AsyncIterator[Call]:
    """``call(operation, *args, **kwargs)`` on the async client, the blocking one (off the loop) or over a socket."""
    if kind == "sync":
        with fake.client() as blocking:

            async def call_sync(operation: str, *args: Any, **kwargs: Any) -> Any:
                method = functools.partial(getattr(blocking.v2, operation), *args, **kwargs)
                return await anyio.to_thread.run_sync(method)

            yield call_sync
        return
    if kind == "socket":
        with fake.serve_in_thread() as url:
            async with AsyncOrchestrationClient(url) as client:
                yield functools.partial(_call_async, client)
        return
    async with fake.async_client() as client:
        yield functools.partial(_call_async, client)


async def _call_async(client: AsyncOrchestrationClient, operation: str, *args: Any, **kwargs: Any) -> Any:
    return await getattr(client.v2, operation)(*args, **kwargs)


def check_activities(entries: list[Any], expected: list[tuple[str, dict[str, Any]]]) -> None:
    assert [entry.name for entry in entries] == [name for name, _ in expected]
    for entry, (name, request) in zip(entries, expected, strict=True):
        assert converter.unstructure(entry.input) == {name: request}
        assert (entry.terminated, entry.attempt, entry.error, entry.last_failure) == (True, 1, None, None)
        assert entry.terminated_at is not None
        assert entry.next_execution is None
    for entry, (name, _) in zip(entries, expected, strict=True):
        output = converter.unstructure(entry.output)
        assert list(output) == [name]  # under its own activity name, never another's
        if name == "CreateTransaction":
            (transaction,) = output[name]["data"]  # the v1 shape: a one-element list with txid
            assert transaction["postings"] == converter.unstructure(entry.input)[name]["data"]["postings"]


@pytest.mark.anyio
@pytest.mark.parametrize("kind", ["async", "sync", "socket"])
async def test_send_wait_send_on_every_face(kind: FaceKind) -> None:
    yaml: Any = pytest.importorskip("yaml")
    config = yaml.safe_load(require_shared("workflows", "workflow.yaml").read_text(encoding="utf-8"))
    fake = FakeOrchestration()
    async with face(kind, fake) as call:
        workflow = await call("create_workflow", stages=config["stages"])
        run = await call("run_workflow", workflow.id, variables=VARIABLES)

        waiting = await call("get_instance", run.id)
        assert waiting.terminated is False
        assert [(row.stage, row.terminated_at is not None, row.error) for row in waiting.status] == [
            (0, True, None),
            (1, False, None),
        ]
        history = await call("get_instance_history", run.id)
        assert [(entry.name, entry.terminated) for entry in history] == [("RunSend", True), ("RunWaitEvent", False)]
        assert history[1].terminated_at is None
        assert await call("get_instance_stage_history", run.id, 1) == []

        await call("send_event", run.id, name="processed")
        done = await call("get_instance", run.id)
        assert (done.terminated, done.error) == (True, None)
        assert [(row.stage, row.error) for row in done.status] == [(0, None), (1, None), (2, None)]

        history = await call("get_instance_history", run.id)
        assert [entry.name for entry in history] == ["RunSend", "RunWaitEvent", "RunSend"]
        inputs = [converter.unstructure(entry.input) for entry in history]
        assert inputs == [FIRST_SEND_INPUT, {"event": "processed"}, LAST_SEND_INPUT]
        assert [(entry.terminated, entry.error) for entry in history] == [(True, None)] * 3
        for earlier, later in itertools.pairwise(history):
            assert earlier.started_at <= earlier.terminated_at <= later.started_at
        # The instance row is read back from Postgres, rounded to the microsecond; the history keeps nanoseconds.
        assert abs(history[-1].terminated_at - done.terminated_at) <= timedelta(microseconds=1)

        check_activities(await call("get_instance_stage_history", run.id, 0), STAGE_0)
        assert await call("get_instance_stage_history", run.id, 1) == []
        check_activities(await call("get_instance_stage_history", run.id, 2), STAGE_2)
    assert fake.server_errors == []
    assert fake.balance("users:7", "EUR/2", ledger="main") == 1500
    assert fake.balance("tmp:1", "EUR/2", ledger="main") == 0
