"""The async core transport against a real HTTP server: URLs, headers, bodies, timeouts, pooling, lifecycle."""

from __future__ import annotations

import json
from typing import Any

import anyio
import httpx
import pytest

from formance_orchestration import (
    DEFAULT_TIMEOUT,
    AsyncOrchestrationClient,
    BearerToken,
    ClientCredentials,
    Hooks,
    RetryPolicy,
    __version__,
    errors,
)

from .conftest import FAST_RETRIES
from .server import RecordingServer, Reply

WORKFLOW: dict[str, Any] = {
    "id": "wf1",
    "config": {"name": "x", "stages": [{"delay": {"duration": "1s"}}]},
    "createdAt": "2024-01-01T00:00:00Z",
    "updatedAt": "2024-01-01T00:00:00Z",
}
INSTANCE: dict[str, Any] = {
    "workflowID": "wf1",
    "id": "i1",
    "createdAt": "2024-01-01T00:00:00Z",
    "updatedAt": "2024-01-01T00:00:00Z",
    "terminated": False,
}


def timeouts_sent(client: AsyncOrchestrationClient) -> list[dict[str, float | None]]:
    """Hook the client's httpx.AsyncClient and collect the timeout each request is sent with."""
    seen: list[dict[str, float | None]] = []

    async def hook(request: httpx.Request) -> None:
        seen.append(dict(request.extensions["timeout"]))

    client.http_client.event_hooks["request"].append(hook)
    return seen


# -- URLs --------------------------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_default_api_prefix(server: RecordingServer, aclient: AsyncOrchestrationClient) -> None:
    server.enqueue(Reply(200, {"data": WORKFLOW}))
    await aclient.v2.get_workflow("wf1")
    assert aclient.api_prefix == "/api/orchestration"
    assert server.requests[0].method == "GET"
    assert server.requests[0].target == "/api/orchestration/v2/workflows/wf1"


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("", "/v2/workflows/wf1"), ("/", "/v2/workflows/wf1"), ("custom/flows/", "/custom/flows/v2/workflows/wf1")],
)
async def test_api_prefix(server: RecordingServer, prefix: str, expected: str) -> None:
    server.enqueue(Reply(200, {"data": WORKFLOW}))
    async with AsyncOrchestrationClient(server.url + "/", api_prefix=prefix) as client:
        await client.v2.get_workflow("wf1")
        assert client.base_url == server.url
    assert server.requests[0].target == expected


@pytest.mark.anyio
async def test_base_url_with_path(server: RecordingServer) -> None:
    server.enqueue(Reply(200, {"data": WORKFLOW}))
    async with AsyncOrchestrationClient(server.url + "/stack/") as client:
        await client.v2.get_workflow("wf1")
    assert server.requests[0].target == "/stack/api/orchestration/v2/workflows/wf1"


@pytest.mark.anyio
async def test_base_url_from_environment(server: RecordingServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORMANCE_BASE_URL", server.url)
    server.enqueue(Reply(200, {"data": WORKFLOW}))
    async with AsyncOrchestrationClient() as client:
        await client.v2.get_workflow("wf1")
    assert len(server.requests) == 1


@pytest.mark.anyio
async def test_query_parameters(server: RecordingServer, aclient: AsyncOrchestrationClient) -> None:
    server.enqueue(Reply(200, {"cursor": {"pageSize": 15, "hasMore": False, "data": [INSTANCE]}}))
    page = await aclient.v2.list_instances(workflow_id="wf 1&x", running=False)
    assert [i.id for i in page.data] == ["i1"]
    assert server.requests[0].path == "/api/orchestration/v2/instances"
    assert server.requests[0].query == [("workflowID", "wf 1&x"), ("running", "false")]


# -- headers -----------------------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_user_agent_names_package_and_version(server: RecordingServer, aclient: AsyncOrchestrationClient) -> None:
    server.enqueue(Reply(200, {"data": WORKFLOW}))
    await aclient.v2.get_workflow("wf1")
    headers = server.requests[0].headers
    assert headers["user-agent"] == f"formance-orchestration-python/{__version__}"
    assert headers["accept"] == "application/json"
    assert "authorization" not in headers


@pytest.mark.anyio
async def test_client_headers_and_extra_headers(server: RecordingServer) -> None:
    server.handler = lambda request: Reply(200, {"data": WORKFLOW})
    async with AsyncOrchestrationClient(server.url, headers={"X-Tenant": "acme"}) as client:
        await client.v2.get_workflow("wf1", extra_headers={"X-Request-Id": "r-1", "X-Tenant": "other"})
        await client.v2.get_workflow("wf1")
    first, second = server.requests
    assert first.headers["x-request-id"] == "r-1"
    assert first.headers["x-tenant"] == "other"
    assert "x-request-id" not in second.headers
    assert second.headers["x-tenant"] == "acme"


@pytest.mark.anyio
async def test_bearer_token_header(server: RecordingServer) -> None:
    server.handler = lambda request: Reply(200, {"data": WORKFLOW})
    async with AsyncOrchestrationClient(server.url, auth=BearerToken("fixed-token")) as client:
        await client.v2.get_workflow("wf1")
        await client.v2.get_workflow("wf1")
    assert [r.headers["authorization"] for r in server.requests] == ["Bearer fixed-token"] * 2


# -- bodies ------------------------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_json_body_is_sized_not_chunked(server: RecordingServer, aclient: AsyncOrchestrationClient) -> None:
    server.enqueue(Reply(201, {"data": WORKFLOW}))
    await aclient.v2.create_workflow(name="payout", stages=[{"delay": {"duration": "1m"}}])
    request = server.requests[0]
    assert request.method == "POST"
    assert request.headers["content-type"] == "application/json"
    assert "transfer-encoding" not in request.headers
    assert int(request.headers["content-length"]) == len(request.body) > 0
    assert request.json() == {"stages": [{"delay": {"duration": "1m"}}], "name": "payout"}


@pytest.mark.anyio
async def test_run_workflow_variables_body(server: RecordingServer, aclient: AsyncOrchestrationClient) -> None:
    server.enqueue(Reply(201, {"data": INSTANCE}))
    instance = await aclient.v2.run_workflow("wf1", variables={"amount": "100", "note": "é"}, wait=True)
    assert instance.id == "i1"
    request = server.requests[0]
    assert request.target == "/api/orchestration/v2/workflows/wf1/instances?wait=true"
    assert int(request.headers["content-length"]) == len(request.body)
    assert request.headers["content-type"] == "application/json"
    assert "transfer-encoding" not in request.headers
    assert request.json() == {"amount": "100", "note": "é"}


@pytest.mark.anyio
async def test_no_body_without_content_type(server: RecordingServer, aclient: AsyncOrchestrationClient) -> None:
    server.enqueue(Reply(200, {"data": WORKFLOW}), Reply(204))
    await aclient.v2.get_workflow("wf1")
    await aclient.v2.cancel_event("i1")
    for request in server.requests:
        assert request.body == b""
        assert "content-type" not in request.headers
        assert "transfer-encoding" not in request.headers


# -- timeouts ----------------------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_default_timeouts(server: RecordingServer, aclient: AsyncOrchestrationClient) -> None:
    assert httpx.Timeout(60.0, connect=5.0) == DEFAULT_TIMEOUT
    assert aclient.http_client.timeout == DEFAULT_TIMEOUT
    seen = timeouts_sent(aclient)
    server.enqueue(Reply(200, {"data": WORKFLOW}))
    await aclient.v2.get_workflow("wf1")
    assert seen == [{"connect": 5.0, "read": 60.0, "write": 60.0, "pool": 60.0}]


@pytest.mark.anyio
async def test_client_and_per_call_timeouts(server: RecordingServer) -> None:
    server.handler = lambda request: Reply(200, {"data": WORKFLOW})
    async with AsyncOrchestrationClient(server.url, timeout=10) as client:
        seen = timeouts_sent(client)
        await client.v2.get_workflow("wf1")
        await client.v2.get_workflow("wf1", timeout=2.5)
        await client.v2.get_workflow("wf1", timeout=httpx.Timeout(1.0, read=7.0))
        await client.v2.get_workflow("wf1", timeout=None)
    assert seen == [
        {"connect": 10.0, "read": 10.0, "write": 10.0, "pool": 10.0},
        {"connect": 2.5, "read": 2.5, "write": 2.5, "pool": 2.5},
        {"connect": 1.0, "read": 7.0, "write": 1.0, "pool": 1.0},
        {"connect": None, "read": None, "write": None, "pool": None},
    ]


@pytest.mark.anyio
@pytest.mark.parametrize("bad", [0, -1, True, "5"])
async def test_bad_timeout_is_refused(server: RecordingServer, aclient: AsyncOrchestrationClient, bad: Any) -> None:
    with pytest.raises(ValueError, match="timeout"):
        await aclient.v2.get_workflow("wf1", timeout=bad)
    with pytest.raises(ValueError, match="timeout"):
        AsyncOrchestrationClient(server.url, timeout=bad)
    assert server.requests == []


@pytest.mark.anyio
async def test_per_call_timeout_expires(server: RecordingServer, aclient: AsyncOrchestrationClient) -> None:
    server.enqueue(Reply(200, {"data": WORKFLOW}, delay=3))
    with pytest.raises(errors.APITimeoutError):
        await aclient.v2.get_workflow("wf1", timeout=0.2, max_retries=0)
    assert len(server.requests) == 1


# -- the httpx client: pooling, user-supplied clients, closing ---------------------------------------------------


@pytest.mark.anyio
async def test_one_pooled_connection(server: RecordingServer, aclient: AsyncOrchestrationClient) -> None:
    server.handler = lambda request: Reply(200, {"data": WORKFLOW})
    http_client = aclient.http_client
    assert isinstance(http_client, httpx.AsyncClient)
    for _ in range(5):
        await aclient.v2.get_workflow("wf1")
    assert aclient.http_client is http_client
    assert len(server.requests) == 5
    assert len({r.client_port for r in server.requests}) == 1


@pytest.mark.anyio
async def test_concurrent_calls_share_one_pool(server: RecordingServer, aclient: AsyncOrchestrationClient) -> None:
    server.handler = lambda request: Reply(200, {"data": WORKFLOW}, delay=0.05)
    async with anyio.create_task_group() as tg:
        for _ in range(10):
            tg.start_soon(aclient.v2.get_workflow, "wf1")
    assert len(server.requests) == 10
    for _ in range(10):
        await aclient.v2.get_workflow("wf1")
    # Sequential calls after the burst reuse the pooled connections instead of opening new ones.
    assert len({r.client_port for r in server.requests[10:]}) <= 10
    assert len({r.client_port for r in server.requests}) <= 10


@pytest.mark.anyio
async def test_user_http_client_used_as_is_and_not_closed(server: RecordingServer) -> None:
    server.handler = lambda request: Reply(200, {"data": WORKFLOW})
    async with httpx.AsyncClient(headers={"X-Own": "yes"}, timeout=httpx.Timeout(3.0, connect=1.0)) as own:
        client = AsyncOrchestrationClient(server.url, http_client=own, retries=FAST_RETRIES)
        assert client.http_client is own
        seen = timeouts_sent(client)
        await client.v2.get_workflow("wf1")
        await client.aclose()
        assert client.is_closed
        assert not own.is_closed
        # Still usable by its owner.
        response = await own.get(server.url + "/direct")
        assert response.status_code == 200
    assert server.requests[0].headers["x-own"] == "yes"
    assert server.requests[0].headers["user-agent"] == f"formance-orchestration-python/{__version__}"
    # "used as is": the client's own timeout applies when the SDK was given none.
    assert seen[0] == {"connect": 1.0, "read": 3.0, "write": 3.0, "pool": 3.0}


@pytest.mark.anyio
async def test_explicit_timeout_beats_user_http_client_timeout(server: RecordingServer) -> None:
    server.handler = lambda request: Reply(200, {"data": WORKFLOW})
    async with (
        httpx.AsyncClient(timeout=3.0) as own,
        AsyncOrchestrationClient(server.url, http_client=own, timeout=9) as client,
    ):
        seen = timeouts_sent(client)
        await client.v2.get_workflow("wf1")
    assert seen == [{"connect": 9.0, "read": 9.0, "write": 9.0, "pool": 9.0}]


@pytest.mark.anyio
async def test_aclose_closes_own_client_and_is_idempotent(server: RecordingServer) -> None:
    client = AsyncOrchestrationClient(server.url)
    assert client.http_client.is_closed is False
    await client.aclose()
    await client.aclose()
    assert client.is_closed
    assert client.http_client.is_closed


@pytest.mark.anyio
async def test_calls_after_aclose_raise(server: RecordingServer) -> None:
    async with AsyncOrchestrationClient(server.url) as client:
        pass
    with pytest.raises(RuntimeError, match="closed"):
        await client.v2.get_workflow("wf1")
    with pytest.raises(RuntimeError, match="closed"):
        await client.v2.list_workflows()
    assert server.requests == []


# -- constructor input -------------------------------------------------------------------------------------------


def test_missing_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FORMANCE_BASE_URL", raising=False)
    with pytest.raises(ValueError, match="FORMANCE_BASE_URL"):
        AsyncOrchestrationClient()
    monkeypatch.setenv("FORMANCE_BASE_URL", "")
    with pytest.raises(ValueError, match="base_url is required"):
        AsyncOrchestrationClient()


@pytest.mark.parametrize(
    "url", ["ftp://example.com", "example.com", "localhost:8080", "http://", "https://h/?q=1", "https://h/#f"]
)
def test_bad_base_url(url: str) -> None:
    with pytest.raises(ValueError, match="base_url"):
        AsyncOrchestrationClient(url)


def test_base_url_not_a_string() -> None:
    with pytest.raises(TypeError, match="base_url"):
        AsyncOrchestrationClient(123)  # type: ignore[arg-type]


@pytest.mark.parametrize("auth", ["token", ("id", "secret"), httpx.BasicAuth("u", "p"), {"client_id": "x"}])
def test_wrong_auth_type(auth: Any) -> None:
    with pytest.raises(TypeError, match="auth must be ClientCredentials, BearerToken or None"):
        AsyncOrchestrationClient("https://example.com", auth=auth)


def test_sync_http_client_is_refused() -> None:
    with httpx.Client() as sync_client, pytest.raises(TypeError, match=r"httpx\.AsyncClient"):
        AsyncOrchestrationClient("https://example.com", http_client=sync_client)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [0, -5, True, 1.5])
def test_bad_max_response_bytes(bad: Any) -> None:
    with pytest.raises(ValueError, match="max_response_bytes"):
        AsyncOrchestrationClient("https://example.com", max_response_bytes=bad)


@pytest.mark.parametrize("bad", [0, True, "3"])
def test_bad_retries(bad: Any) -> None:
    with pytest.raises((ValueError, TypeError), match=r"retries|max_attempts"):
        AsyncOrchestrationClient("https://example.com", retries=bad)


def test_bad_api_prefix() -> None:
    with pytest.raises(TypeError, match="api_prefix"):
        AsyncOrchestrationClient("https://example.com", api_prefix=None)  # type: ignore[arg-type]


@pytest.mark.anyio
async def test_client_repr_hides_credentials() -> None:
    creds = ClientCredentials(client_id="my-id", client_secret="s3cr3t-value")
    async with AsyncOrchestrationClient("https://example.com", auth=creds) as client:
        text = repr(client)
    assert "s3cr3t-value" not in text
    assert "https://example.com" in text
    assert "my-id" in text
    async with AsyncOrchestrationClient("https://example.com", auth=BearerToken("tok-abcdef")) as client:
        assert "tok-abcdef" not in repr(client)


# -- response size limit -----------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_response_over_limit_declared(server: RecordingServer) -> None:
    big = {"data": {**WORKFLOW, "config": {"name": "x" * 5000, "stages": []}}}
    server.handler = lambda request: Reply(200, big)
    async with AsyncOrchestrationClient(server.url, max_response_bytes=1000, retries=FAST_RETRIES) as client:
        with pytest.raises(errors.APIConnectionError, match="1000-byte limit") as info:
            await client.v2.get_workflow("wf1")
        assert not isinstance(info.value, errors.APITimeoutError)
        # Not a transient fault: no retry.
        assert len(server.requests) == 1
        # A small answer on the same client still works.
        server.handler = lambda request: Reply(200, {"data": WORKFLOW})
        assert (await client.v2.get_workflow("wf1")).id == "wf1"


@pytest.mark.anyio
# Giving up on a streamed body abandons httpx's and httpcore's nested async generators; trio warns when they
# are garbage collected (encode/httpx#3686, fix proposed in encode/httpx#3777). The connection itself is closed.
@pytest.mark.filterwarnings("ignore:Async generator:ResourceWarning")
async def test_response_over_limit_streamed(server: RecordingServer) -> None:
    big = {"data": {**WORKFLOW, "config": {"name": "x" * 50_000, "stages": []}}}
    server.handler = lambda request: Reply(200, big, chunked=True)
    async with AsyncOrchestrationClient(server.url, max_response_bytes=4000, retries=FAST_RETRIES) as client:
        # No Content-Length: the limit must hold while reading.
        with pytest.raises(errors.APIConnectionError, match="4000-byte limit"):
            await client.v2.get_workflow("wf1")
        assert len(server.requests) == 1
        server.handler = lambda request: Reply(200, {"data": WORKFLOW}, chunked=True)
        assert (await client.v2.get_workflow("wf1")).id == "wf1"


@pytest.mark.anyio
async def test_response_at_limit_is_accepted(server: RecordingServer) -> None:
    body = json.dumps({"data": WORKFLOW}).encode()
    server.enqueue(Reply(200, body))
    async with AsyncOrchestrationClient(server.url, max_response_bytes=len(body)) as client:
        assert (await client.v2.get_workflow("wf1")).id == "wf1"


# -- cancellation ------------------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_cancel_during_slow_response_leaves_client_usable(
    server: RecordingServer, aclient: AsyncOrchestrationClient
) -> None:
    server.enqueue(Reply(200, {"data": WORKFLOW}, delay=3), Reply(200, {"data": WORKFLOW}))
    with anyio.move_on_after(0.2) as scope:
        await aclient.v2.get_workflow("wf1")
    assert scope.cancelled_caught
    assert (await aclient.v2.get_workflow("wf1")).id == "wf1"
    assert len(server.requests) == 2


@pytest.mark.anyio
async def test_cancel_during_retry_backoff_leaves_client_usable(
    server: RecordingServer, aclient: AsyncOrchestrationClient
) -> None:
    slow = RetryPolicy(max_attempts=3, initial_delay=30, max_delay=30, jitter=0)
    server.enqueue(Reply(503, {"errorCode": "INTERNAL", "errorMessage": "busy"}), Reply(200, {"data": WORKFLOW}))

    # The on_retry hook runs on the calling task right before the backoff sleep: cancel from there.
    hooked = aclient.with_options(hooks=Hooks(on_retry=lambda event: scope.cancel()))
    with anyio.CancelScope() as scope:
        await hooked.v2.get_workflow("wf1", retries=slow)
    assert scope.cancelled_caught
    assert len(server.requests) == 1
    assert (await aclient.v2.get_workflow("wf1")).id == "wf1"
    assert len(server.requests) == 2


@pytest.mark.anyio
async def test_the_owned_client_sends_its_cookies_back_like_httpx(server: RecordingServer) -> None:
    """Requests of the client the SDK creates are built without httpx's merging; a cookie set by the server (a
    gateway's affinity cookie, say) must still be sent back, as httpx.AsyncClient.build_request would."""
    server.enqueue(Reply(200, {"version": "1"}, headers={"Set-Cookie": "affinity=node-2; Path=/"}))
    server.handler = lambda request: Reply(200, {"version": "1"})
    async with AsyncOrchestrationClient(server.url, auth=BearerToken("t0k")) as client:
        await client.v2.get_server_info()
        await client.v2.get_server_info()
    first, second = server.requests
    assert "cookie" not in first.headers
    assert second.headers["cookie"] == "affinity=node-2"
    assert second.headers["authorization"] == "Bearer t0k"


@pytest.mark.anyio
async def test_the_owned_client_sends_httpx_default_headers_under_ours(server: RecordingServer) -> None:
    server.handler = lambda request: Reply(200, {"version": "1"})
    async with AsyncOrchestrationClient(server.url, headers={"X-Team": "payments"}) as client:
        await client.v2.get_server_info(extra_headers={"X-Request-ID": "r1"})
    headers = server.requests[0].headers
    assert headers["user-agent"].startswith("formance-orchestration-python/")
    assert headers["accept"] == "application/json"
    assert "gzip" in headers["accept-encoding"]
    assert headers["x-team"] == "payments"
    assert headers["x-request-id"] == "r1"
    assert "authorization" not in headers


@pytest.mark.anyio
async def test_per_call_headers_do_not_stick_to_later_calls(server: RecordingServer) -> None:
    stamp = "2024-01-01T00:00:00Z"
    instance = {"workflowID": "wf1", "id": "i1", "createdAt": stamp, "updatedAt": stamp, "terminated": False}
    server.handler = lambda request: (
        Reply(201, {"data": instance}) if request.method == "POST" else Reply(200, {"version": "1"})
    )
    async with AsyncOrchestrationClient(server.url, auth=BearerToken("t0k")) as client:
        await client.v2.get_server_info(extra_headers={"X-Request-ID": "r1", "Authorization": "Bearer other"})
        await client.v2.get_server_info()
        await client.v2.run_workflow("wf1", variables={"a": "1"}, extra_headers={"X-Request-ID": "r2"})
        await client.v2.get_server_info()
    first, second, post, last = (request.headers for request in server.requests)
    assert (first["x-request-id"], first["authorization"]) == ("r1", "Bearer other")
    assert "x-request-id" not in second
    assert second["authorization"] == "Bearer t0k"
    assert post["x-request-id"] == "r2"
    assert post["content-type"] == "application/json"
    assert "x-request-id" not in last
    assert "content-type" not in last
