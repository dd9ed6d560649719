"""Prism (item 1): all 18 operations, both faces, against a validating mock built from the official document.

``nox -s contract`` starts ``prism mock`` twice on 127.0.0.1 with ``../shared/openapi/orchestration-v2.yaml``:
static (answers from the document's examples) at ``$FORMANCE_PRISM_URL`` and dynamic (``-d``: bodies generated
from the schemas, different on every call) at ``$FORMANCE_PRISM_DYNAMIC_URL``. Prism validates every request and
reports violations in an ``sl-violations`` header (with a 4xx answer for errors); these tests fail on any request
violation and on any answer our models cannot decode. Prism's paths are ``/v2/...``: the clients use
``api_prefix=""``. Without the environment variables the tests skip.

Expected departures, each asserted where it happens:

- ``get_server_info`` asks ``GET /_info`` first (the real server's path, server-behaviour.md §11.1 and §6.1),
  which Prism answers 404, then the document's ``GET /v2/_info``.
- Dynamic bodies give ``V2StageStatus.stage`` fractional values (the document says ``number``); the SDK decodes
  an integer and refuses them (§11.14). Such a body is decoded again with the stages rounded, so that the rest of
  it is still checked, and the refusal is counted.
- Prism's own answers are not always valid: it writes ``"type": "string"`` into ``V2Subject`` (a ``oneOf`` with
  an ``ACCOUNT``/``WALLET`` discriminator) and flags that in ``sl-violations`` itself. A decoding failure is
  accepted only inside a location Prism flagged as a response violation.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from formance_orchestration import AsyncOrchestrationClient, BearerToken, OrchestrationClient, errors
from formance_orchestration._generated import codec as _codec
from formance_orchestration._generated.v2 import AsyncV2
from formance_orchestration._generated.v2_sync import V2

from ._spec import snake
from ._tally import count

pytestmark = pytest.mark.contract

STATIC_ENV = "FORMANCE_PRISM_URL"
DYNAMIC_ENV = "FORMANCE_PRISM_DYNAMIC_URL"
TOKEN = "contract-test-token"
WORKFLOW_ID = "0b4b8e7c-5f0e-4d6a-9d2b-3f1a2c4d5e6f"
INSTANCE_ID = "5d2c9a10-8e4f-4b1a-b7c3-2a9e8f7d6c5b"
TRIGGER_ID = "c3f0e1d2-7a6b-4c5d-8e9f-0a1b2c3d4e5f"
DYNAMIC_ROUNDS = 6  # the whole scenario, per face and backend, against the dynamic mock


def prism_url(mode: str) -> str:
    env = STATIC_ENV if mode == "static" else DYNAMIC_ENV
    url = os.environ.get(env)
    if not url:
        pytest.skip(f"Prism mock server not running: set {env} (`nox -s contract` starts Prism and sets it)")
    return url


@dataclass
class Exchange:
    method: str
    path: str
    status: int
    request_violations: list[dict[str, Any]]
    response_violations: list[dict[str, Any]]


@dataclass
class Log:
    """What Prism answered, read from its ``sl-violations`` header by an httpx response hook."""

    mode: str
    exchanges: list[Exchange] = field(default_factory=list)
    departures: list[str] = field(default_factory=list)

    async def hook(self, response: httpx.Response) -> None:
        violations = json.loads(response.headers.get("sl-violations", "[]"))
        self.exchanges.append(
            Exchange(
                response.request.method,
                response.request.url.path,
                response.status_code,
                [v for v in violations if v["location"][0] == "request"],
                [v for v in violations if v["location"][0] == "response"],
            )
        )
        count(f"prism requests: {self.mode}")

    def check(self) -> None:
        assert self.exchanges, "no request reached Prism"
        for ex in self.exchanges:
            assert not ex.request_violations, f"Prism rejected {ex.method} {ex.path}: {ex.request_violations}"
            if ex.path == "/_info":
                # Expected departure (server-behaviour.md §11.1): the real server's path; not in the document.
                assert ex.status == 404, "Prism (built from the document) should not know GET /_info"
                continue
            assert 200 <= ex.status < 300, f"{ex.method} {ex.path} -> {ex.status}"


def _hook(log: Log, http_client: httpx.AsyncClient) -> None:
    http_client.event_hooks = {"request": [], "response": [log.hook]}


# -- decoding, with the named departures --------------------------------------------------------------------


def _round_stages(value: Any) -> Any:
    if isinstance(value, dict):
        out = {k: _round_stages(v) for k, v in value.items()}
        if "instanceID" in out and isinstance(out.get("stage"), float):
            out["stage"] = int(out["stage"])
        return out
    if isinstance(value, list):
        return [_round_stages(v) for v in value]
    return value


def _flagged(error: errors.APIResponseValidationError, log: Log) -> bool:
    """Whether Prism itself flagged the body location the SDK refused (Prism generated an invalid body)."""
    path = error.path.replace("[", ".").replace("]", "").lstrip("$.").split(".")
    latest = log.exchanges[-1]
    for violation in latest.response_violations:
        location = [str(p) for p in violation["location"][2:]]  # after "response", "body"
        if path[: len(location)] == location:
            return True
    return False


def _expected(exc: errors.APIResponseValidationError, log: Log) -> Any:
    """A decoding failure must be an expected departure (then the rest is re-checked) or Prism's own fault.

    Returns None: the caller gets no result to follow up on (no next page for such an answer).
    """
    body = json.loads(exc.response.content) if exc.response is not None else None
    if exc.path.endswith(".stage") and "expected integer" in exc.reason:
        # Expected departure (§11.14): the document's `number` stage; the rest of the body must still decode.
        log.departures.append(f"{exc.schema} {exc.path}: {exc.reason}")
        count("departures applied: V2StageStatus.stage fraction refused (dynamic)")
        try:
            getattr(_codec, f"structure_{snake(exc.schema)}")(_round_stages(body))
            return None  # decoded, but not what the operation returns (a page, an unwrapped model)
        except Exception as again:  # pragma: no cover - reported with the body
            raise AssertionError(f"{exc.schema} still fails once stages are integers: {again}") from again
    if _flagged(exc, log):
        count("prism answers invalid per the document, flagged by Prism itself")
        return None
    raise exc


async def decoded(call: Callable[[], Awaitable[Any]], log: Log) -> Any:
    try:
        return await call()
    except errors.APIResponseValidationError as exc:
        return _expected(exc, log)


def decoded_sync(call: Callable[[], Any], log: Log) -> Any:
    try:
        return call()
    except errors.APIResponseValidationError as exc:
        return _expected(exc, log)


# -- the scenario -------------------------------------------------------------------------------------------

Operation = tuple[str, Callable[[Any], Any]]

OPERATIONS: list[Operation] = [
    ("get_server_info", lambda v2: v2.get_server_info()),
    ("list_triggers", lambda v2: v2.list_triggers(page_size=20, name="payout")),
    ("list_triggers (cursor)", lambda v2: v2.list_triggers(cursor="eyJwYWdlU2l6ZSI6MjB9")),
    (
        "create_trigger",
        lambda v2: v2.create_trigger(
            event="SAVED_PAYMENT",
            workflow_id=WORKFLOW_ID,
            name="on-payment",
            filter='event.metadata.psp == "stripe"',
            vars={"paymentID": "event.id", "amount": "event.amount"},
            version="v2",
        ),
    ),
    ("read_trigger", lambda v2: v2.read_trigger(TRIGGER_ID)),
    ("delete_trigger", lambda v2: v2.delete_trigger(TRIGGER_ID)),
    (
        "test_trigger",
        lambda v2: v2.test_trigger(TRIGGER_ID, event={"id": "pay_1", "amount": 1200000, "metadata": {"psp": "stripe"}}),
    ),
    ("list_triggers_occurrences", lambda v2: v2.list_triggers_occurrences(TRIGGER_ID, page_size=10)),
    ("list_triggers_occurrences (cursor)", lambda v2: v2.list_triggers_occurrences(TRIGGER_ID, cursor="abc")),
    ("list_workflows", lambda v2: v2.list_workflows(page_size=50)),
    ("list_workflows (cursor)", lambda v2: v2.list_workflows(cursor="eyJwYWdlU2l6ZSI6NTB9")),
    (
        "create_workflow",
        lambda v2: v2.create_workflow(
            name="payout",
            stages=[
                {
                    "send": {
                        "source": {"account": {"id": "users:${userID}", "ledger": "main"}},
                        "destination": {"payment": {"psp": "stripe", "type": "PAYOUT"}},
                        "amount": {"amount": "100", "asset": "EUR/2"},
                        "metadata": {"reason": "payout"},
                    }
                },
                {"delay": {"duration": "1m"}},
                {"wait_event": {"event": "continue"}},
                {"update": {"account": {"id": "users:${userID}", "ledger": "main", "metadata": {"paid": "true"}}}},
            ],
        ),
    ),
    ("get_workflow", lambda v2: v2.get_workflow(WORKFLOW_ID)),
    ("delete_workflow", lambda v2: v2.delete_workflow(WORKFLOW_ID)),
    ("run_workflow", lambda v2: v2.run_workflow(WORKFLOW_ID, variables={"userID": "42", "amount": "100"}, wait=True)),
    ("run_workflow (no body)", lambda v2: v2.run_workflow(WORKFLOW_ID)),
    (
        "list_instances",
        lambda v2: v2.list_instances(workflow_id=WORKFLOW_ID, running=True, page_size=25),
    ),
    ("list_instances (cursor)", lambda v2: v2.list_instances(cursor="eyJwYWdlU2l6ZSI6MjV9")),
    ("get_instance", lambda v2: v2.get_instance(INSTANCE_ID)),
    ("send_event", lambda v2: v2.send_event(INSTANCE_ID, name="continue")),
    ("cancel_event", lambda v2: v2.cancel_event(INSTANCE_ID)),
    ("get_instance_history", lambda v2: v2.get_instance_history(INSTANCE_ID)),
    ("get_instance_stage_history", lambda v2: v2.get_instance_stage_history(INSTANCE_ID, 0)),
]
METHODS = {name.split(" ")[0] for name, _ in OPERATIONS}


def test_the_scenario_covers_all_18_operations() -> None:
    assert len(METHODS) == 18
    assert set(dir(AsyncV2)) >= METHODS
    assert set(dir(V2)) >= METHODS


async def _async_scenario(client: AsyncOrchestrationClient, log: Log) -> None:
    for name, operation in OPERATIONS:

        async def call(operation: Callable[[Any], Any] = operation) -> Any:
            result = operation(client.v2)
            return await result

        result = await decoded(call, log)
        if name.startswith("list_") and result is not None and result.has_more and result.next_cursor:
            await decoded(result.get_next_page, log)  # a second page, asked for with Prism's cursor


@pytest.mark.parametrize("mode", ["static", "dynamic"])
async def test_every_operation_async(mode: str, anyio_backend: str) -> None:
    url = prism_url(mode)
    log = Log(mode)
    async with AsyncOrchestrationClient(url, api_prefix="", auth=BearerToken(TOKEN), max_retries=0) as client:
        _hook(log, client.http_client)
        for _ in range(DYNAMIC_ROUNDS if mode == "dynamic" else 1):
            await _async_scenario(client, log)
    log.check()
    if mode == "static":
        assert not log.departures, "the document's examples have integer stages"


@contextmanager
def _sync_client(url: str, log: Log) -> Iterator[OrchestrationClient]:
    with OrchestrationClient(url, api_prefix="", auth=BearerToken(TOKEN), max_retries=0) as client:
        _hook(log, client.async_client.http_client)
        yield client


@pytest.mark.parametrize("mode", ["static", "dynamic"])
def test_every_operation_sync(mode: str) -> None:
    url = prism_url(mode)
    log = Log(mode)
    with _sync_client(url, log) as client:
        for _ in range(DYNAMIC_ROUNDS if mode == "dynamic" else 1):
            for name, operation in OPERATIONS:
                result = decoded_sync(functools.partial(operation, client.v2), log)
                if name.startswith("list_") and result is not None:
                    items = list(result.data)
                    assert len(items) == len(result.data)
    log.check()
