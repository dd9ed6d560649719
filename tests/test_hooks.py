"""Hooks on the SDK's events: before each attempt, after each answer, on each retry and each token fetch; async or
plain; a raising hook fails the call with its exception chained; hooks never see a credential."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

import anyio
import anyio.lowlevel
import httpx
import pytest

from formance_orchestration import (
    AsyncOrchestrationClient,
    AttemptEvent,
    BearerToken,
    ClientCredentials,
    Hooks,
    OrchestrationClient,
    ResponseEvent,
    RetryEvent,
    TokenEvent,
    errors,
)

from .conftest import FAST_RETRIES
from .server import Recorded, RecordingServer, Reply, free_port

PREFIX = "/api/orchestration"
SECRET = "client-secret-NEVER-SEEN-4f3e"
TOKEN = "access-token-NEVER-SEEN-8d7c"
BEARER = "bearer-NEVER-SEEN-2b1a"
WORKFLOW = {
    "id": "wf1",
    "config": {"name": "", "stages": None},
    "createdAt": "2024-01-01T00:00:00Z",
    "updatedAt": "2024-01-01T00:00:00Z",
}
BUSY = Reply(503, {"errorCode": "INTERNAL", "errorMessage": "busy"}, headers={"Retry-After": "0"})


def token_or_api(request: Recorded) -> Reply:
    if request.path == "/api/auth/oauth/token":
        return Reply(200, {"access_token": TOKEN, "expires_in": 3600})
    return Reply(200, {"data": WORKFLOW})


def assert_no_credential(value: Any) -> None:
    text = repr(value)
    for secret in (SECRET, TOKEN, BEARER):
        assert secret not in text, text


@pytest.mark.anyio
async def test_every_event_in_order_with_async_and_plain_hooks(server: RecordingServer) -> None:
    seen: list[tuple[str, Any]] = []

    def before(event: AttemptEvent) -> None:
        seen.append(("before", (event.operation, event.method, str(event.url), event.attempt)))
        event.request.headers["X-Attempt"] = str(event.attempt)

    async def after(event: ResponseEvent) -> None:
        await anyio.lowlevel.checkpoint()
        assert event.elapsed >= 0
        seen.append(("after", (event.attempt, event.response.status_code)))

    async def retry(event: RetryEvent) -> None:
        assert isinstance(event.error, errors.InternalServerError)
        seen.append(("retry", (event.attempt, event.delay)))

    def token(event: TokenEvent) -> None:
        seen.append(("token", (event.token_url, event.expires_in, event.error)))

    server.enqueue(Reply(200, {"access_token": TOKEN, "expires_in": 3600}), BUSY, Reply(200, {"data": WORKFLOW}))
    hooks = Hooks(before_attempt=before, after_response=[after], on_retry=retry, on_token=token)
    auth = ClientCredentials(client_id="c", client_secret=SECRET)
    async with AsyncOrchestrationClient(server.url, auth=auth, retries=FAST_RETRIES, hooks=hooks) as client:
        workflow = await client.v2.get_workflow("wf1", extra_headers={"X-Call": "1"})
    assert workflow.id == "wf1"
    url = f"{server.url}{PREFIX}/v2/workflows/wf1"
    assert seen == [
        ("token", (f"{server.url}/api/auth/oauth/token", 3600.0, None)),
        ("before", ("get_workflow", "GET", url, 1)),
        ("after", (1, 503)),
        ("retry", (1, 0.0)),
        ("before", ("get_workflow", "GET", url, 2)),
        ("after", (2, 200)),
    ]
    api = [r for r in server.requests if r.path.startswith(PREFIX)]
    # The header a hook added was sent; the real token went out although the hook saw a mask.
    assert [r.headers["x-attempt"] for r in api] == ["1", "2"]
    assert all(r.headers["authorization"] == f"Bearer {TOKEN}" for r in api)
    assert all(r.headers["x-call"] == "1" for r in api)


@pytest.mark.anyio
async def test_hooks_never_see_a_credential(server: RecordingServer) -> None:
    captured: list[Any] = []

    def keep(event: Any) -> None:
        captured.append(event)
        if isinstance(event, AttemptEvent):
            captured.append(dict(event.request.headers))
            assert event.request.headers["authorization"] == "Bearer ***"
        if isinstance(event, ResponseEvent):
            captured.append(dict(event.response.request.headers))
            assert event.response.request.headers["authorization"] == "Bearer ***"

    server.handler = token_or_api
    hooks = Hooks(before_attempt=keep, after_response=keep, on_token=keep, on_retry=keep)
    auth = ClientCredentials(client_id="c", client_secret=SECRET)
    async with AsyncOrchestrationClient(server.url, auth=auth, hooks=hooks) as client:
        await client.v2.get_workflow("wf1")
    async with AsyncOrchestrationClient(server.url, auth=BearerToken(BEARER), hooks=hooks) as client:
        await client.v2.get_workflow("wf1")
    assert len(captured) == 9  # token; before + headers, after + headers, twice
    for item in captured:
        assert_no_credential(item)
    token_form = dict(parse_qsl(server.requests[0].body.decode()))
    assert token_form["client_secret"] == SECRET  # the token request itself is untouched


@pytest.mark.anyio
async def test_a_hook_may_replace_authorization(server: RecordingServer) -> None:
    def swap(event: AttemptEvent) -> None:
        event.request.headers["Authorization"] = "Bearer from-the-hook"

    server.handler = lambda request: Reply(200, {"data": WORKFLOW})
    async with AsyncOrchestrationClient(server.url, auth=BearerToken(BEARER), hooks=Hooks(before_attempt=swap)) as c:
        await c.v2.get_workflow("wf1")
    assert server.requests[0].headers["authorization"] == "Bearer from-the-hook"


@pytest.mark.anyio
@pytest.mark.parametrize("where", ["before_attempt", "after_response", "on_retry", "on_token"])
async def test_a_raising_hook_fails_the_call_with_its_exception_chained(server: RecordingServer, where: str) -> None:
    class Boom(Exception):
        pass

    async def boom(event: object) -> None:
        raise Boom(f"from {where}")

    server.enqueue(Reply(200, {"access_token": TOKEN}), BUSY, Reply(200, {"data": WORKFLOW}))
    auth = ClientCredentials(client_id="c", client_secret=SECRET)
    hooks = Hooks(**{where: boom})
    async with AsyncOrchestrationClient(server.url, auth=auth, retries=FAST_RETRIES, hooks=hooks) as client:
        with pytest.raises(errors.HookError) as info:
            await client.v2.get_workflow("wf1")
    assert isinstance(info.value.__cause__, Boom)
    assert info.value.event == where
    assert str(info.value) == f"{where} hook {boom.__qualname__} raised Boom"
    # Never retried: the hook's failure ends the call where it happened.
    api = [r for r in server.requests if r.path.startswith(PREFIX)]
    expected = {"on_token": 0, "before_attempt": 0, "after_response": 1, "on_retry": 1}[where]
    assert len(api) == expected


@pytest.mark.anyio
async def test_token_fetch_failure_reaches_the_hook(server: RecordingServer) -> None:
    events: list[TokenEvent] = []
    server.handler = lambda request: Reply(401, {"error": "invalid_client"})
    auth = ClientCredentials(client_id="c", client_secret=SECRET)
    async with AsyncOrchestrationClient(server.url, auth=auth, hooks=Hooks(on_token=events.append)) as client:
        with pytest.raises(errors.TokenError):
            await client.v2.get_workflow("wf1")
    (event,) = events
    assert isinstance(event.error, errors.TokenError)
    assert event.expires_in is None
    assert_no_credential(event)


@pytest.mark.anyio
async def test_connection_errors_reach_the_retry_hook() -> None:
    events: list[RetryEvent] = []
    async with AsyncOrchestrationClient(
        f"http://127.0.0.1:{free_port()}", retries=FAST_RETRIES, hooks=Hooks(on_retry=events.append)
    ) as client:
        with pytest.raises(errors.APIConnectionError):
            await client.v2.get_workflow("wf1")
    assert [(e.attempt, type(e.error)) for e in events] == [(1, errors.APIConnectionError)] * 1 + [
        (2, errors.APIConnectionError)
    ]


def test_hooks_on_the_blocking_client(server: RecordingServer) -> None:
    seen: list[int] = []

    async def after(event: ResponseEvent) -> None:
        seen.append(event.response.status_code)

    server.handler = lambda request: Reply(200, {"data": WORKFLOW})
    with OrchestrationClient(server.url, hooks=Hooks(after_response=after)) as client:
        client.v2.get_workflow("wf1")
    assert seen == [200]


@pytest.mark.anyio
async def test_hooks_with_a_users_http_client(server: RecordingServer) -> None:
    server.handler = lambda request: Reply(200, {"data": WORKFLOW})

    def tag(event: AttemptEvent) -> None:
        event.request.headers["X-Tag"] = "t"

    async with (
        httpx.AsyncClient(headers={"X-Own": "o"}) as http,
        AsyncOrchestrationClient(server.url, http_client=http, hooks=Hooks(before_attempt=tag)) as client,
    ):
        await client.v2.get_workflow("wf1")
    assert server.requests[0].headers["x-tag"] == "t"
    assert server.requests[0].headers["x-own"] == "o"


@pytest.mark.parametrize("bad", [42, "hook", [print, 3], {"a": print}])
def test_bad_hooks_are_refused(bad: Any) -> None:
    with pytest.raises(TypeError, match="before_attempt"):
        Hooks(before_attempt=bad)


def test_hooks_must_be_a_hooks_object() -> None:
    with pytest.raises(TypeError, match=r"hooks must be a formance_orchestration\.Hooks"):
        AsyncOrchestrationClient("http://127.0.0.1:1", hooks={"before_attempt": print})  # type: ignore[arg-type]
