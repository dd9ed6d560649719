"""The small conveniences: request ids on errors and raw responses, pages as sequences, ``dir()`` of the package,
``to_dict``/``to_json`` on models, ``from_env`` with a bearer token or no credentials, ``with_options``."""

from __future__ import annotations

import json
import re
from typing import Any

import anyio
import pytest
from hypothesis import given
from hypothesis import strategies as st

import formance_orchestration
from formance_orchestration import (
    AsyncOrchestrationClient,
    BearerToken,
    ClientCredentials,
    Hooks,
    OrchestrationClient,
    ResponseEvent,
    RetryPolicy,
    converter,
    errors,
    models,
)
from formance_orchestration._engine.env import settings_from_env
from formance_orchestration._exceptions import request_id_of

from .conftest import FAST_RETRIES
from .server import Recorded, RecordingServer, Reply

PREFIX = "/api/orchestration"
WORKFLOW = {
    "id": "wf1",
    "config": {"name": "payout", "stages": [{"delay": {"duration": "1m"}}]},
    "createdAt": "2024-01-01T00:00:00.123456789Z",
    "updatedAt": "2024-01-01T00:00:00Z",
}
NOT_FOUND = {"errorCode": "NOT_FOUND", "errorMessage": "no such workflow"}
TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"


def page_body(items: list[dict[str, Any]], *, has_more: bool = False) -> dict[str, Any]:
    return {"cursor": {"pageSize": 15, "hasMore": has_more, "next": "n1" if has_more else None, "data": items}}


# -- request ids -------------------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_error_carries_the_request_id_and_ends_with_it(
    server: RecordingServer, aclient: AsyncOrchestrationClient
) -> None:
    server.enqueue(Reply(404, NOT_FOUND, headers={"X-Request-Id": "req-7f3a"}))
    with pytest.raises(errors.NotFoundError) as info:
        await aclient.v2.get_workflow("wf1")
    assert info.value.request_id == "req-7f3a"
    assert str(info.value).endswith("NOT_FOUND: no such workflow (request id: req-7f3a)")


@pytest.mark.anyio
async def test_the_trace_id_of_a_returned_traceparent_serves_as_request_id(
    server: RecordingServer, aclient: AsyncOrchestrationClient
) -> None:
    server.enqueue(Reply(400, NOT_FOUND, headers={"traceparent": f"00-{TRACE_ID}-00f067aa0ba902b7-01"}))
    with pytest.raises(errors.BadRequestError) as info:
        await aclient.v2.get_workflow("wf1")
    assert info.value.request_id == TRACE_ID
    assert str(info.value).endswith(f"(request id: {TRACE_ID})")


@pytest.mark.anyio
async def test_no_request_id_when_the_answer_has_none(
    server: RecordingServer, aclient: AsyncOrchestrationClient
) -> None:
    server.enqueue(Reply(404, NOT_FOUND))
    with pytest.raises(errors.NotFoundError) as info:
        await aclient.v2.get_workflow("wf1")
    assert info.value.request_id is None
    assert str(info.value).endswith("no such workflow")


@pytest.mark.anyio
async def test_raw_response_exposes_the_request_id(server: RecordingServer, aclient: AsyncOrchestrationClient) -> None:
    server.enqueue(Reply(200, {"data": WORKFLOW}, headers={"X-Request-Id": "req-1"}), Reply(200, {"data": WORKFLOW}))
    raw = await aclient.v2.with_raw_response.get_workflow("wf1")
    assert raw.request_id == "req-1"
    assert (await aclient.v2.with_raw_response.get_workflow("wf1")).request_id is None


def test_request_id_on_the_blocking_face(server: RecordingServer, client: OrchestrationClient) -> None:
    server.enqueue(Reply(409, NOT_FOUND, headers={"X-Request-Id": "r-9"}))
    with pytest.raises(errors.ConflictError) as info:
        client.v2.get_workflow("wf1")
    assert info.value.request_id == "r-9"


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"X-Request-Id": "  abc  "}, "abc"),
        ({"X-Request-Id": "abc", "traceparent": f"00-{TRACE_ID}-00f067aa0ba902b7-01"}, "abc"),
        ({"traceparent": f"00-{TRACE_ID.upper()}-00f067aa0ba902b7-01"}, TRACE_ID),
        ({"traceparent": "00-" + "0" * 32 + "-00f067aa0ba902b7-01"}, None),  # the invalid all-zero trace id
        ({"traceparent": "garbage"}, None),
        ({"traceparent": "00-xyz-00f067aa0ba902b7-01"}, None),
        ({"X-Request-Id": "x" * 500}, None),
        ({"X-Request-Id": ""}, None),
    ],
)
def test_request_id_of(headers: dict[str, str], expected: str | None) -> None:
    import httpx

    assert request_id_of(httpx.Response(200, headers=headers)) == expected


# -- pages are sequences of their own items ----------------------------------------------------------------------


@pytest.mark.anyio
async def test_async_page_len_index_bool(server: RecordingServer, aclient: AsyncOrchestrationClient) -> None:
    second = {**WORKFLOW, "id": "wf2"}
    server.enqueue(Reply(200, page_body([WORKFLOW, second], has_more=True)), Reply(200, page_body([])))
    page = await aclient.v2.list_workflows()
    assert len(page) == 2
    assert bool(page)
    assert page[0].id == "wf1"
    assert page[-1].id == "wf2"
    assert [w.id for w in page[:1]] == ["wf1"]
    with pytest.raises(IndexError):
        page[2]
    last = await page.get_next_page()
    assert last is not None
    assert len(last) == 0
    assert not last  # an empty page is false; get_next_page's None still marks the end
    assert len(server.requests) == 2


def test_sync_page_len_index_bool(server: RecordingServer, client: OrchestrationClient) -> None:
    second = {**WORKFLOW, "id": "wf2"}
    server.enqueue(Reply(200, page_body([WORKFLOW, second], has_more=True)), Reply(200, page_body([WORKFLOW])))
    page = client.v2.list_workflows()
    assert (len(page), bool(page), page[0].id, page[1].id) == (2, True, "wf1", "wf2")
    assert len(server.requests) == 1  # indexing never fetches
    assert [w.id for w in page] == ["wf1", "wf2", "wf1"]  # iterating walks every page, as before


def test_dir_lists_every_public_name_lazy_ones_too() -> None:
    names = dir(formance_orchestration)
    missing = [name for name in formance_orchestration.__all__ if name not in names]
    assert missing == []
    assert "stages" in names
    assert "load_workflow_config" in names


# -- to_dict / to_json -------------------------------------------------------------------------------------------


def test_to_dict_uses_the_json_names_and_round_trips() -> None:
    workflow = converter.structure(WORKFLOW, models.V2Workflow)
    data = workflow.to_dict()
    assert data == WORKFLOW  # camelCase names, nanoseconds kept, unset optionals left out
    assert converter.structure(data, models.V2Workflow) == workflow
    text = workflow.to_json()
    assert isinstance(text, str)
    assert json.loads(text) == WORKFLOW


def test_to_json_keeps_big_integers_exact() -> None:
    amount = 2**200 + 1
    body = {"amount": amount, "asset": "EUR/2", "destination": "users:1", "source": "world"}
    posting = converter.structure(body, models.V2Posting)
    assert posting.to_dict()["amount"] == amount
    assert json.loads(posting.to_json())["amount"] == amount
    assert str(amount) in posting.to_json()


@given(
    amount=st.integers(min_value=-(2**256), max_value=2**256),
    text=st.text(max_size=20),
)
def test_to_dict_round_trip_is_exact(amount: int, text: str) -> None:
    body = {"amount": amount, "asset": "EUR/2", "destination": text, "source": "world"}
    posting = converter.structure(body, models.V2Posting)
    assert converter.structure(json.loads(posting.to_json()), models.V2Posting) == posting
    assert posting.to_dict() == body


def test_every_model_has_to_dict_and_to_json() -> None:
    classes = [
        value
        for name in models.__all__
        if isinstance(value := getattr(models, name), type) and issubclass(value, models.Model)
    ]
    assert len(classes) > 50
    for cls in classes:
        assert callable(cls.to_dict)
        assert callable(cls.to_json)


@pytest.mark.anyio
async def test_decoded_answers_serialise(server: RecordingServer, aclient: AsyncOrchestrationClient) -> None:
    server.enqueue(Reply(200, {"data": WORKFLOW}))
    workflow = await aclient.v2.get_workflow("wf1")
    assert workflow.to_dict() == WORKFLOW


# -- from_env ----------------------------------------------------------------------------------------------------


def test_from_env_with_a_bearer_token() -> None:
    settings = settings_from_env({"FORMANCE_BASE_URL": "http://localhost:8080", "FORMANCE_TOKEN": "tok-1"})
    assert settings == {"base_url": "http://localhost:8080", "auth": BearerToken("tok-1")}


def test_from_env_without_credentials() -> None:
    settings = settings_from_env({"FORMANCE_BASE_URL": "http://localhost:8080", "FORMANCE_AUTH": "none"})
    assert settings == {"base_url": "http://localhost:8080", "auth": None}
    assert settings_from_env({"FORMANCE_BASE_URL": "http://x", "FORMANCE_AUTH": "NONE "})["auth"] is None


@pytest.mark.anyio
async def test_from_env_bearer_token_is_sent(server: RecordingServer) -> None:
    server.handler = lambda request: Reply(200, {"data": WORKFLOW})
    env = {"FORMANCE_BASE_URL": server.url, "FORMANCE_TOKEN": "tok-local"}
    async with AsyncOrchestrationClient.from_env(env) as client:
        await client.v2.get_workflow("wf1")
    assert server.requests[0].headers["authorization"] == "Bearer tok-local"


def test_from_env_without_credentials_sends_none(server: RecordingServer) -> None:
    server.handler = lambda request: Reply(200, {"data": WORKFLOW})
    with OrchestrationClient.from_env({"FORMANCE_BASE_URL": server.url, "FORMANCE_AUTH": "none"}) as client:
        client.v2.get_workflow("wf1")
    assert "authorization" not in server.requests[0].headers


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "missing environment variable(s): FORMANCE_BASE_URL, FORMANCE_CLIENT_ID, FORMANCE_CLIENT_SECRET"),
        ({"FORMANCE_TOKEN": "t"}, "missing environment variable(s): FORMANCE_BASE_URL (required"),
        ({"FORMANCE_AUTH": "none"}, "missing environment variable(s): FORMANCE_BASE_URL (required"),
        (
            {"FORMANCE_BASE_URL": "http://x", "FORMANCE_CLIENT_ID": "c"},
            "missing environment variable(s): FORMANCE_CLIENT_SECRET (required",
        ),
        ({"FORMANCE_BASE_URL": "http://x", "FORMANCE_AUTH": "oauth"}, "FORMANCE_AUTH must be 'none' or unset"),
        (
            {"FORMANCE_BASE_URL": "http://x", "FORMANCE_AUTH": "none", "FORMANCE_TOKEN": "t"},
            "FORMANCE_AUTH=none, yet FORMANCE_TOKEN set",
        ),
        (
            {"FORMANCE_BASE_URL": "http://x", "FORMANCE_TOKEN": "t", "FORMANCE_CLIENT_ID": "c"},
            "both FORMANCE_TOKEN and client credentials are set",
        ),
    ],
)
def test_from_env_errors_name_exactly_what_is_missing_or_wrong(env: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)) as info:
        settings_from_env(env)
    if "missing" in message:
        assert "or FORMANCE_TOKEN, or FORMANCE_AUTH=none" in str(info.value)  # the other ways are named


# -- with_options ------------------------------------------------------------------------------------------------


def _answer(request: Recorded) -> Reply:
    if request.path == "/api/auth/oauth/token":
        return Reply(200, {"access_token": "tok", "expires_in": 3600})
    if request.headers.get("x-fail") == "1":
        return Reply(503, NOT_FOUND)
    return Reply(200, {"data": WORKFLOW})


@pytest.mark.anyio
async def test_with_options_shares_pool_and_tokens(server: RecordingServer) -> None:
    server.handler = _answer
    auth = ClientCredentials(client_id="c", client_secret="s")
    async with AsyncOrchestrationClient(server.url, auth=auth, headers={"X-Team": "a"}, retries=FAST_RETRIES) as base:
        await base.v2.get_workflow("wf1")
        fragile = base.with_options(max_retries=0, headers={"X-Fail": "1", "X-Extra": "e"}, timeout=3)
        assert type(fragile) is AsyncOrchestrationClient
        assert fragile.http_client is base.http_client  # one pool
        with pytest.raises(errors.InternalServerError):
            await fragile.v2.get_workflow("wf1")
        await base.v2.get_workflow("wf1")  # the original's defaults are untouched
    api = [r for r in server.requests if r.path.startswith(PREFIX)]
    tokens = [r for r in server.requests if not r.path.startswith(PREFIX)]
    assert len(tokens) == 1  # one token cache
    assert [r.headers.get("x-fail") for r in api] == [None, "1", None]  # max_retries=0: one attempt
    assert api[1].headers["x-team"] == "a"  # headers merged over the original's
    assert api[1].headers["x-extra"] == "e"
    assert len({r.client_port for r in api}) == 1  # the same kept-alive connection


@pytest.mark.anyio
async def test_a_copy_made_before_the_first_call_shares_the_pool(server: RecordingServer) -> None:
    server.handler = _answer
    async with AsyncOrchestrationClient(server.url) as base:
        copy = base.with_options(timeout=5)
        await copy.v2.get_workflow("wf1")
        await base.v2.get_workflow("wf1")
        assert copy.http_client is base.http_client
    assert len({r.client_port for r in server.requests}) == 1


@pytest.mark.anyio
async def test_closing_semantics_of_copies(server: RecordingServer) -> None:
    server.handler = _answer
    base = AsyncOrchestrationClient(server.url)
    copy = base.with_options(max_retries=1)
    await copy.v2.get_workflow("wf1")
    await copy.aclose()  # a copy does not own the pool: closing it leaves the original working
    assert copy.is_closed
    assert not base.http_client.is_closed
    await base.v2.get_workflow("wf1")
    with pytest.raises(RuntimeError, match="closed"):
        await copy.v2.get_workflow("wf1")
    other = base.with_options(timeout=2)
    await base.aclose()  # the original owns it: every copy refuses calls from now on
    assert other.is_closed
    with pytest.raises(RuntimeError, match="closed"):
        await other.v2.get_workflow("wf1")
    with pytest.raises(RuntimeError, match="closed"):
        base.with_options(timeout=1)


@pytest.mark.anyio
async def test_with_options_hooks_and_deprecated_int(server: RecordingServer) -> None:
    server.handler = _answer
    seen: list[int] = []

    def after(event: ResponseEvent) -> None:
        seen.append(event.response.status_code)

    async with AsyncOrchestrationClient(server.url) as base:
        hooked = base.with_options(hooks=Hooks(after_response=after))
        await hooked.v2.get_workflow("wf1")
        await base.v2.get_workflow("wf1")
        assert hooked.with_options(hooks=None)._transport.hooks is None
        with pytest.warns(DeprecationWarning, match="max_retries") as caught:
            base.with_options(retries=2)
        assert caught[0].filename == __file__
    assert seen == [200]


def test_with_options_on_the_blocking_client(server: RecordingServer) -> None:
    server.handler = _answer
    base = OrchestrationClient(server.url, retries=RetryPolicy(max_attempts=3, initial_delay=0, max_delay=0))
    copy = base.with_options(max_retries=0, headers={"X-Fail": "1"})
    assert type(copy) is OrchestrationClient
    with pytest.raises(errors.InternalServerError):
        copy.v2.get_workflow("wf1")
    assert base.v2.get_workflow("wf1").id == "wf1"
    copy.close()  # shares the portal thread: closing the copy leaves the original running
    assert base.v2.get_workflow("wf1").id == "wf1"
    other = base.with_options(timeout=5)
    base.close()  # closes the pool and the thread for every copy
    assert other.is_closed
    with pytest.raises(RuntimeError, match="closed"):
        other.v2.get_workflow("wf1")
    assert [r.headers.get("x-fail") for r in server.requests] == ["1", None, None]


@pytest.mark.parametrize("bad", [{"base_url": "http://x"}, {"auth": None}, {"verify": False}, {"api_prefix": ""}])
def test_with_options_refuses_what_the_pool_or_tokens_own(bad: dict[str, Any]) -> None:
    client = AsyncOrchestrationClient("http://127.0.0.1:1")
    with pytest.raises(TypeError):
        client.with_options(**bad)
    anyio.run(client.aclose)
