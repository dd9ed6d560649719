"""Request validation (item 3): every request the SDK sends, for all 18 operations, fits the document.

The SDK talks to the recording server (``tests/server.py``) with ``api_prefix=""``; each recorded request is
replayed into ``openapi-core``'s request validator: path template, path and query parameter types (``pageSize``
an int64 in 1..1000, ``running`` and ``wait`` booleans, stage ``number`` an integer), and the JSON body. Path
parameters are also checked to decode back to exactly the argument given (one segment, percent-encoded).

Arguments are generated with Hypothesis (any text for ids and query strings, the document's schemas for bodies)
through the blocking client, and fixed realistic ones go through the async client under asyncio and trio.

Expected departures, said where they are tested:

- ``get_server_info`` asks ``GET /_info`` first, a path the document does not have (server-behaviour.md §11.1,
  §6.1); only on a 404 does it ask the document's ``/v2/_info``.
- The document references an ``Authorization`` security scheme it never defines (§11.19), so security is not
  validated here; the SDK sends ``Authorization: Bearer ...``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any
from urllib.parse import unquote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from formance_orchestration import AsyncOrchestrationClient, BearerToken, OrchestrationClient

from ..conftest import FAST_RETRIES, require_spec
from ..server import Recorded, RecordingServer, Reply, running_server
from . import _canned
from ._spec import document
from ._tally import count

pytestmark = pytest.mark.contract

pytest.importorskip("openapi_core", reason="needs the contract extra: pip install -e '.[contract]'")
pytest.importorskip("hypothesis_jsonschema", reason="needs the contract extra: pip install -e '.[contract]'")

from openapi_core import OpenAPI  # type: ignore[import-not-found, import-untyped, unused-ignore]  # noqa: E402
from openapi_core.testing import MockRequest  # type: ignore[import-not-found, import-untyped, unused-ignore]  # noqa: E402

from ._gen import request_bodies  # noqa: E402

TOKEN = "contract-test-token"
WORKFLOW_ID = "0b4b8e7c-5f0e-4d6a-9d2b-3f1a2c4d5e6f"
INSTANCE_ID = "5d2c9a10-8e4f-4b1a-b7c3-2a9e8f7d6c5b"
TRIGGER_ID = "c3f0e1d2-7a6b-4c5d-8e9f-0a1b2c3d4e5f"


@cache
def openapi() -> Any:
    return OpenAPI.from_dict(document())


def validate(request: Recorded) -> Any:
    """Validate one recorded request against the document; returns openapi-core's unmarshalled result."""
    query: dict[str, str] = {}
    for key, value in request.query:
        assert key not in query, f"{request.target}: repeated query parameter {key}"
        query[key] = value
    mock = MockRequest(
        "http://127.0.0.1",
        request.method.lower(),
        request.path,
        args=query,
        headers=request.headers,
        data=request.body or None,
        content_type=request.headers.get("content-type", "application/json"),
    )
    result = openapi().unmarshal_request(mock)
    assert not result.errors, f"{request.method} {request.target} does not fit the document: {result.errors!r}"
    assert request.headers.get("authorization", f"Bearer {TOKEN}") == f"Bearer {TOKEN}"
    operation = _operation_id(request)
    count(f"requests validated (openapi-core): {operation}")
    return result


def _operation_id(request: Recorded) -> str:
    """A label for the tally: method and path shape (``GET /v2/triggers/{}``)."""
    parts = request.path.strip("/").split("/")
    shape = "/".join(p if p in _FIXED else "{}" for p in parts)
    return f"{request.method} /{shape}"


_FIXED = {
    "v2",
    "_info",
    "triggers",
    "test",
    "occurrences",
    "workflows",
    "instances",
    "events",
    "abort",
    "history",
    "stages",
}


def assert_path_parameters(result: Any, expected: dict[str, object]) -> None:
    """openapi-core leaves path values percent-encoded; each must decode to exactly the argument given."""
    got = result.parameters.path
    for name, value in expected.items():
        raw = got[name]
        assert (unquote(raw) if isinstance(raw, str) else str(raw)) == str(value), f"path parameter {name}"


# -- generated arguments, blocking client -------------------------------------------------------------------


@pytest.fixture(scope="module")
def recording() -> Iterator[tuple[RecordingServer, OrchestrationClient]]:
    require_spec()
    with running_server() as server:
        server.handler = _canned.answer
        with OrchestrationClient(server.url, api_prefix="", auth=BearerToken(TOKEN), retries=FAST_RETRIES) as client:
            yield server, client


ids = st.text(min_size=1, max_size=24)
query_text = st.none() | st.text(min_size=1, max_size=24)  # empty strings: see test_empty_query_strings
page_sizes = st.none() | st.integers(1, 1000)
flags = st.none() | st.booleans()

# method name -> (strategies of its keyword arguments, the document's path parameter names in order)


def _ids(*names: str) -> dict[str, st.SearchStrategy[Any]]:
    return dict.fromkeys(names, ids)


OPERATIONS: dict[str, tuple[dict[str, st.SearchStrategy[Any]], tuple[str, ...]]] = {
    "get_server_info": ({}, ()),
    "list_triggers": ({"cursor": query_text, "page_size": page_sizes, "name": query_text}, ()),
    "create_trigger": ({"body": request_bodies("v2CreateTrigger")}, ()),
    "read_trigger": (_ids("trigger_id"), ("triggerID",)),
    "delete_trigger": (_ids("trigger_id"), ("triggerID",)),
    "test_trigger": ({**_ids("trigger_id"), "body": request_bodies("testTrigger")}, ("triggerID",)),
    "list_triggers_occurrences": (
        {**_ids("trigger_id"), "cursor": query_text, "page_size": page_sizes},
        ("triggerID",),
    ),
    "list_workflows": ({"cursor": query_text, "page_size": page_sizes}, ()),
    "create_workflow": ({"body": request_bodies("v2CreateWorkflow")}, ()),
    "get_workflow": (_ids("flow_id"), ("flowId",)),
    "delete_workflow": (_ids("flow_id"), ("flowId",)),
    "run_workflow": (
        {**_ids("workflow_id"), "wait": flags, "body": st.none() | request_bodies("v2RunWorkflow")},
        ("workflowID",),
    ),
    "list_instances": (
        {"cursor": query_text, "page_size": page_sizes, "workflow_id": query_text, "running": flags},
        (),
    ),
    "get_instance": (_ids("instance_id"), ("instanceID",)),
    "send_event": ({**_ids("instance_id"), "body": request_bodies("v2SendEvent")}, ("instanceID",)),
    "cancel_event": (_ids("instance_id"), ("instanceID",)),
    "get_instance_history": (_ids("instance_id"), ("instanceID",)),
    "get_instance_stage_history": (
        {**_ids("instance_id"), "number": st.integers(-(2**31), 2**63 - 1)},
        ("instanceID", "number"),
    ),
}
BODY_ARGUMENT = {"test_trigger": "event", "run_workflow": "variables"}


def call(client: Any, method: str, kwargs: dict[str, Any]) -> Any:
    """Call ``client.v2.<method>``: path parameters positional, the generated body spread into arguments."""
    kwargs = dict(kwargs)
    positional = [kwargs.pop(k) for k in list(kwargs) if k.endswith("_id") and method not in _ID_AS_QUERY]
    if method == "get_instance_stage_history":
        positional.append(kwargs.pop("number"))
    body = kwargs.pop("body", None)
    if method in BODY_ARGUMENT:
        kwargs[BODY_ARGUMENT[method]] = body
    elif body is not None:
        kwargs.update({("workflow_id" if k == "workflowID" else k): v for k, v in body.items()})
    return getattr(client.v2, method)(*positional, **kwargs)


_ID_AS_QUERY = {"list_instances"}


@pytest.mark.parametrize("method", sorted(OPERATIONS))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_generated_requests_fit_the_document(
    method: str, recording: tuple[RecordingServer, OrchestrationClient], data: st.DataObject
) -> None:
    server, client = recording
    strategies, path_names = OPERATIONS[method]
    kwargs = data.draw(st.fixed_dictionaries(strategies), label="arguments")
    before = len(server.requests)
    result = call(client, method, kwargs)
    if method.startswith("list_"):
        list(result.data)  # the first page only: the canned pages have hasMore false anyway
    sent = server.requests[before:]
    assert len(sent) == 1, f"{method}: expected one request, got {[r.target for r in sent]}"
    (request,) = sent
    if method == "get_server_info":
        # Expected departure (server-behaviour.md §11.1, §6.1): the real server serves GET /_info, which the
        # document lacks; the SDK asks it first and falls back to the document's /v2/_info only on a 404.
        assert request.path == "/_info"
        assert "PathNotFound" in repr(openapi().unmarshal_request(_mock(request)).errors)
        return
    result_ = validate(request)
    values = [kwargs[k] for k in kwargs if k.endswith("_id") and method not in _ID_AS_QUERY]
    if method == "get_instance_stage_history":
        values.append(kwargs["number"])
    assert_path_parameters(result_, dict(zip(path_names, values, strict=True)))


def _mock(request: Recorded) -> Any:
    return MockRequest("http://127.0.0.1", request.method.lower(), request.path, args=dict(request.query))


def test_server_info_falls_back_to_the_documents_path(recording: tuple[RecordingServer, OrchestrationClient]) -> None:
    """Expected departure (§11.1): /_info first; a document-built server 404s it, then /v2/_info validates."""
    server, client = recording
    server.enqueue(Reply(404, b"404 page not found\n", headers={"Content-Type": "text/plain"}))
    before = len(server.requests)
    assert client.v2.get_server_info().version == "develop"
    first, second = server.requests[before:]
    assert first.path == "/_info", "departure: the SDK asks the real server's /_info first"
    assert second.path == "/v2/_info"
    validate(second)


def test_empty_query_strings(recording: tuple[RecordingServer, OrchestrationClient]) -> None:
    server, client = recording
    client.v2.list_workflows(cursor="")
    validate(server.requests[-1])


# -- fixed, realistic arguments, async client under asyncio and trio ------------------------------------------------


async def test_every_operation_async(anyio_backend: str) -> None:
    require_spec()
    with running_server() as server:
        server.handler = _canned.answer
        server.enqueue(Reply(404, b"404 page not found\n"))  # /_info: as a document-built server answers
        async with AsyncOrchestrationClient(
            server.url, api_prefix="", auth=BearerToken(TOKEN), retries=FAST_RETRIES
        ) as client:
            v2 = client.v2
            await v2.get_server_info()
            await v2.list_triggers(page_size=20, name="payout")
            await v2.list_triggers(cursor="eyJwYWdlU2l6ZSI6MjB9")
            await v2.create_trigger(
                event="SAVED_PAYMENT",
                workflow_id=WORKFLOW_ID,
                name="on-payment",
                filter="event.amount > 1000",
                vars={"paymentID": "event.id"},
                version="v2",
            )
            await v2.read_trigger(TRIGGER_ID)
            await v2.delete_trigger(TRIGGER_ID)
            await v2.test_trigger(TRIGGER_ID, event={"id": "pay_1", "amount": 1200000})
            await v2.list_triggers_occurrences(TRIGGER_ID, page_size=10)
            await v2.list_workflows(page_size=50)
            await v2.create_workflow(name="payout", stages=[{"delay": {"duration": "1m"}}])
            await v2.get_workflow(WORKFLOW_ID)
            await v2.delete_workflow(WORKFLOW_ID)
            await v2.run_workflow(WORKFLOW_ID, variables={"amount": "100"}, wait=True)
            await v2.list_instances(workflow_id=WORKFLOW_ID, running=False, page_size=25)
            await v2.get_instance(INSTANCE_ID)
            await v2.send_event(INSTANCE_ID, name="continue")
            await v2.cancel_event(INSTANCE_ID)
            await v2.get_instance_history(INSTANCE_ID)
            await v2.get_instance_stage_history(INSTANCE_ID, 0)
            await v2.get_instance_stage_history("odd/id?#%", 3)
    first, *rest = server.requests
    assert first.path == "/_info", "expected departure §11.1: /_info first"
    for request in rest:
        validate(request)
    odd = validate(rest[-1])
    assert_path_parameters(odd, {"instanceID": "odd/id?#%", "number": 3})
    assert len(rest) == 20
