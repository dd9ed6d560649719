"""Authentication: the OAuth2 client-credentials flow against a real token endpoint, bearer tokens, secrecy."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

import anyio
import pytest

from formance_orchestration import AsyncOrchestrationClient, BearerToken, ClientCredentials, RetryPolicy, errors

from .conftest import FAST_RETRIES
from .server import Recorded, RecordingServer, Reply, free_port

TOKEN_PATH = "/api/auth/oauth/token"
SECRET = "s3cr3t-Pa55word-XYZ"
WORKFLOW: dict[str, Any] = {
    "id": "wf1",
    "config": {"name": "x", "stages": []},
    "createdAt": "2024-01-01T00:00:00Z",
    "updatedAt": "2024-01-01T00:00:00Z",
}


@dataclass
class Stack:
    """A token endpoint and an API on one recording server. Each token issued is ``tok-<n>``."""

    server: RecordingServer
    token_path: str = TOKEN_PATH
    expires_in: float = 3600
    token_delay: float = 0.0
    token_failure: Reply | None = None
    rejected: set[str] = field(default_factory=set)  # tokens the API answers 401 to
    issued: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.server.handler = self.handle

    def handle(self, request: Recorded) -> Reply:
        if request.path == self.token_path:
            if self.token_failure is not None:
                return self.token_failure
            with self.lock:
                self.issued += 1
                token = f"tok-{self.issued}"
            return Reply(
                200,
                {"access_token": token, "token_type": "Bearer", "expires_in": self.expires_in},
                delay=self.token_delay,
            )
        auth = request.headers.get("authorization", "")
        if not auth.startswith("Bearer ") or auth.removeprefix("Bearer ") in self.rejected:
            return Reply(401)
        return Reply(200, {"data": WORKFLOW})

    @property
    def token_requests(self) -> list[Recorded]:
        return [r for r in self.server.requests if r.path == self.token_path]

    @property
    def api_requests(self) -> list[Recorded]:
        return [r for r in self.server.requests if r.path != self.token_path]


@pytest.fixture
def stack(server: RecordingServer) -> Stack:
    return Stack(server)


def credentials(**kwargs: Any) -> ClientCredentials:
    return ClientCredentials(client_id="my-client", client_secret=SECRET, **kwargs)


def client_for(
    server: RecordingServer, creds: ClientCredentials | None = None, **kwargs: Any
) -> AsyncOrchestrationClient:
    kwargs.setdefault("retries", FAST_RETRIES)
    return AsyncOrchestrationClient(server.url, auth=creds or credentials(), **kwargs)


def assert_no_secret(*texts: object) -> None:
    for text in texts:
        assert SECRET not in str(text)
        assert SECRET not in repr(text)


def assert_no_secret_logged(caplog: pytest.LogCaptureFixture) -> None:
    for record in caplog.records:
        assert SECRET not in record.getMessage()
        assert SECRET not in repr(record.__dict__)


# -- the token request -------------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_token_request_form(stack: Stack, server: RecordingServer) -> None:
    async with client_for(server) as client:
        await client.v2.get_workflow("wf1")
    (token_request,) = stack.token_requests
    assert token_request.method == "POST"
    assert token_request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert "authorization" not in token_request.headers
    assert dict(parse_qsl(token_request.body.decode())) == {
        "grant_type": "client_credentials",
        "client_id": "my-client",
        "client_secret": SECRET,
    }
    (api_request,) = stack.api_requests
    assert api_request.headers["authorization"] == "Bearer tok-1"


@pytest.mark.anyio
async def test_scopes_are_space_joined(stack: Stack, server: RecordingServer) -> None:
    creds = credentials(scopes=["orchestration:read", "orchestration:write"])
    async with client_for(server, creds) as client:
        await client.v2.get_workflow("wf1")
    form = dict(parse_qsl(stack.token_requests[0].body.decode()))
    assert form["scope"] == "orchestration:read orchestration:write"
    assert form["grant_type"] == "client_credentials"


@pytest.mark.anyio
async def test_custom_token_url(server: RecordingServer) -> None:
    stack = Stack(server, token_path="/oauth2/token")
    creds = credentials(token_url=server.url + "/oauth2/token")
    async with client_for(server, creds, api_prefix="") as client:
        await client.v2.get_workflow("wf1")
    assert len(stack.token_requests) == 1
    assert [r.target for r in stack.api_requests] == ["/v2/workflows/wf1"]


@pytest.mark.anyio
async def test_default_token_url_follows_base_url_path(server: RecordingServer) -> None:
    stack = Stack(server, token_path="/stack" + TOKEN_PATH)
    async with AsyncOrchestrationClient(server.url + "/stack/", auth=credentials(), retries=FAST_RETRIES) as client:
        await client.v2.get_workflow("wf1")
    assert len(stack.token_requests) == 1


@pytest.mark.anyio
async def test_token_request_never_carries_authorization(stack: Stack, server: RecordingServer) -> None:
    stack.rejected.add("tok-1")
    async with client_for(server, headers={"X-Tenant": "acme"}) as client:
        await client.v2.get_workflow("wf1")
    assert len(stack.token_requests) == 2
    for request in stack.token_requests:
        assert "authorization" not in request.headers


# -- caching and refreshing --------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_token_is_cached(stack: Stack, server: RecordingServer) -> None:
    async with client_for(server) as client:
        for _ in range(3):
            await client.v2.get_workflow("wf1")
    assert len(stack.token_requests) == 1
    assert [r.headers["authorization"] for r in stack.api_requests] == ["Bearer tok-1"] * 3


@pytest.mark.anyio
async def test_expired_token_is_refreshed(stack: Stack, server: RecordingServer) -> None:
    stack.expires_in = 0.001
    async with client_for(server) as client:
        await client.v2.get_workflow("wf1")
        await anyio.sleep(0.01)
        await client.v2.get_workflow("wf1")
    assert len(stack.token_requests) == 2
    assert [r.headers["authorization"] for r in stack.api_requests] == ["Bearer tok-1", "Bearer tok-2"]


@pytest.mark.anyio
@pytest.mark.parametrize("expires_in", [None, "3600", "soon", -5, 0, True])
async def test_odd_expires_in_falls_back_to_an_hour(server: RecordingServer, expires_in: Any) -> None:
    body: dict[str, Any] = {"access_token": "tok"}
    if expires_in is not None:
        body["expires_in"] = expires_in

    def handle(request: Recorded) -> Reply:
        return Reply(200, body) if request.path == TOKEN_PATH else Reply(200, {"data": WORKFLOW})

    server.handler = handle
    async with client_for(server) as client:
        await client.v2.get_workflow("wf1")
        await client.v2.get_workflow("wf1")
    assert len([r for r in server.requests if r.path == TOKEN_PATH]) == 1


@pytest.mark.anyio
async def test_concurrent_first_calls_fetch_one_token(stack: Stack, server: RecordingServer) -> None:
    stack.token_delay = 0.3
    results: list[str] = []

    async with client_for(server) as client:

        async def call() -> None:
            results.append((await client.v2.get_workflow("wf1")).id)

        async with anyio.create_task_group() as tg:
            for _ in range(100):
                tg.start_soon(call)
    assert results == ["wf1"] * 100
    assert len(stack.token_requests) == 1
    assert len(stack.api_requests) == 100
    assert {r.headers["authorization"] for r in stack.api_requests} == {"Bearer tok-1"}


@pytest.mark.anyio
async def test_cancelled_token_fetch_leaves_client_usable(stack: Stack, server: RecordingServer) -> None:
    stack.token_delay = 2
    async with client_for(server) as client:
        with anyio.move_on_after(0.2) as scope:
            await client.v2.get_workflow("wf1")
        assert scope.cancelled_caught
        stack.token_delay = 0
        assert (await client.v2.get_workflow("wf1")).id == "wf1"
    assert len(stack.token_requests) == 2


# -- 401 from the API --------------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_401_refreshes_token_and_replays_once(stack: Stack, server: RecordingServer) -> None:
    stack.rejected.add("tok-1")
    async with client_for(server) as client:
        workflow = await client.v2.get_workflow("wf1")
        assert workflow.id == "wf1"
        # The new token is cached.
        await client.v2.get_workflow("wf1")
    assert len(stack.token_requests) == 2
    assert [r.headers["authorization"] for r in stack.api_requests] == ["Bearer tok-1", "Bearer tok-2", "Bearer tok-2"]


@pytest.mark.anyio
async def test_401_replays_a_post_once(stack: Stack, server: RecordingServer) -> None:
    stack.rejected.add("tok-1")
    async with client_for(server) as client:
        await client.v2.send_event("i1", name="go")
    posts = [r for r in stack.api_requests if r.method == "POST"]
    assert len(posts) == 2
    assert posts[0].body == posts[1].body == b'{"name":"go"}'


@pytest.mark.anyio
async def test_second_401_raises_without_looping(stack: Stack, server: RecordingServer) -> None:
    stack.rejected.update({"tok-1", "tok-2", "tok-3", "tok-4"})
    async with client_for(server) as client:
        with pytest.raises(errors.AuthenticationError) as info:
            await client.v2.get_workflow("wf1")
    assert info.value.status_code == 401
    assert len(stack.api_requests) == 2
    assert len(stack.token_requests) == 2


@pytest.mark.anyio
async def test_bearer_token_401_is_not_replayed(stack: Stack, server: RecordingServer) -> None:
    stack.rejected.add("fixed")
    async with AsyncOrchestrationClient(server.url, auth=BearerToken("fixed"), retries=FAST_RETRIES) as client:
        with pytest.raises(errors.AuthenticationError):
            await client.v2.get_workflow("wf1")
    assert len(stack.api_requests) == 1
    assert stack.token_requests == []


@pytest.mark.anyio
async def test_no_auth_sends_no_header(stack: Stack, server: RecordingServer) -> None:
    async with AsyncOrchestrationClient(server.url, retries=FAST_RETRIES) as client:
        with pytest.raises(errors.AuthenticationError):
            await client.v2.get_workflow("wf1")
    assert "authorization" not in stack.api_requests[0].headers
    assert stack.token_requests == []


# -- failing token endpoints -------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_token_endpoint_invalid_client(
    stack: Stack, server: RecordingServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    stack.token_failure = Reply(400, {"error": "invalid_client", "error_description": "client authentication failed"})
    async with client_for(server) as client:
        with pytest.raises(errors.TokenError) as info:
            await client.v2.get_workflow("wf1")
        exc = info.value
        assert exc.status_code == 400
        assert exc.error == "invalid_client"
        assert exc.error_description == "client authentication failed"
        assert "invalid_client" in str(exc)
        assert "client authentication failed" in str(exc)
        assert_no_secret(exc, exc.args, client)
    # A refused client is not retried, and the API is never called.
    assert len(stack.token_requests) == 1
    assert stack.api_requests == []
    assert_no_secret_logged(caplog)


@pytest.mark.anyio
async def test_token_endpoint_html_500(stack: Stack, server: RecordingServer, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    page = b"<html><body><h1>500 Internal Server Error</h1>" + b"<p>x</p>" * 200 + b"</body></html>"
    stack.token_failure = Reply(500, page, headers={"Content-Type": "text/html"})
    async with client_for(server) as client:
        with pytest.raises(errors.TokenError) as info:
            await client.v2.get_workflow("wf1")
    exc = info.value
    assert exc.status_code == 500
    assert exc.error is None
    assert exc.error_description is not None
    assert "500 Internal Server Error" in exc.error_description
    assert len(exc.error_description) <= 200
    assert_no_secret(exc, exc.args)
    assert_no_secret_logged(caplog)


@pytest.mark.anyio
@pytest.mark.parametrize(
    "reply",
    [
        Reply(200, {"token_type": "Bearer"}),
        Reply(200, {"access_token": ""}),
        Reply(200, {"access_token": 42}),
        Reply(200, b"not json"),
        Reply(200, [1, 2]),
        Reply(401),
        Reply(400, b"[" * 100_000 + b"]" * 100_000),
    ],
)
async def test_unusable_token_answers(stack: Stack, server: RecordingServer, reply: Reply) -> None:
    stack.token_failure = reply
    async with client_for(server) as client:
        with pytest.raises(errors.TokenError) as info:
            await client.v2.get_workflow("wf1")
    assert info.value.status_code == reply.status
    assert_no_secret(info.value)
    assert stack.api_requests == []


@pytest.mark.anyio
async def test_token_endpoint_refused(caplog: pytest.LogCaptureFixture, server: RecordingServer) -> None:
    caplog.set_level(logging.DEBUG)
    server.handler = lambda request: Reply(200, {"data": WORKFLOW})
    creds = credentials(token_url=f"http://127.0.0.1:{free_port()}/token")
    async with client_for(server, creds) as client:
        with pytest.raises(errors.APIConnectionError) as info:
            await client.v2.get_workflow("wf1")
    assert not isinstance(info.value, errors.APITimeoutError)
    assert info.value.__cause__ is not None
    assert_no_secret(info.value, info.value.__cause__)
    assert server.requests == []
    assert_no_secret_logged(caplog)


@pytest.mark.anyio
async def test_token_endpoint_timeout(stack: Stack, server: RecordingServer) -> None:
    stack.token_delay = 3
    async with client_for(server, max_retries=0, timeout=0.2) as client:
        with pytest.raises(errors.APITimeoutError):
            await client.v2.get_workflow("wf1")
    assert len(stack.token_requests) == 1
    assert stack.api_requests == []


@pytest.mark.anyio
async def test_secret_never_logged_on_success(
    stack: Stack, server: RecordingServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    stack.rejected.add("tok-1")
    async with client_for(server) as client:
        await client.v2.get_workflow("wf1")
    assert caplog.records  # the SDK and httpx did log at DEBUG
    assert_no_secret_logged(caplog)
    for record in caplog.records:
        assert "tok-2" not in record.getMessage()


# -- reprs and validation ----------------------------------------------------------------------------------------


def test_client_credentials_repr_hides_secret() -> None:
    creds = credentials(scopes=("orchestration:read",))
    text = repr(creds)
    assert SECRET not in text
    assert SECRET not in str(creds)
    assert "my-client" in text
    assert "***" in text
    assert creds.client_secret == SECRET


def test_bearer_token_repr_hides_token() -> None:
    token = BearerToken("eyJhbGciOi.secret-token.sig")
    assert "secret-token" not in repr(token)
    assert "secret-token" not in str(token)
    assert token.token == "eyJhbGciOi.secret-token.sig"


def test_client_reprs_hide_secrets() -> None:
    from formance_orchestration import OrchestrationClient

    with OrchestrationClient("https://example.com", auth=credentials()) as sync_client:
        assert_no_secret(sync_client)
        assert "OrchestrationClient(" in repr(sync_client)
    with OrchestrationClient("https://example.com", auth=BearerToken(SECRET)) as sync_client:
        assert_no_secret(sync_client)


@pytest.mark.anyio
async def test_async_client_repr_hides_secret() -> None:
    async with AsyncOrchestrationClient("https://example.com", auth=credentials()) as client:
        assert_no_secret(client, client.v2)
    async with AsyncOrchestrationClient("https://example.com", auth=BearerToken(SECRET)) as client:
        assert_no_secret(client)


def test_credentials_validation() -> None:
    with pytest.raises(ValueError, match="client_id"):
        ClientCredentials(client_id="", client_secret="x")
    with pytest.raises(ValueError, match="client_secret") as info:
        ClientCredentials(client_id="x", client_secret="")
    assert_no_secret(info.value)
    with pytest.raises(TypeError, match="scopes"):
        ClientCredentials(client_id="x", client_secret="y", scopes="orchestration:read")
    with pytest.raises(ValueError, match="token"):
        BearerToken("")
    with pytest.raises(TypeError):
        ClientCredentials("x", "y")  # type: ignore[call-arg]


def test_credentials_are_immutable() -> None:
    creds = credentials()
    with pytest.raises(AttributeError):
        creds.client_secret = "other"  # type: ignore[misc]


@pytest.mark.anyio
async def test_401_refresh_under_concurrency(stack: Stack, server: RecordingServer) -> None:
    # 20 calls at once all get a 401 for tok-1: the rejected token is replaced once, not 20 times.
    stack.rejected.add("tok-1")
    stack.token_delay = 0.05
    async with client_for(server, retries=RetryPolicy(max_attempts=1)) as client, anyio.create_task_group() as tg:
        for _ in range(20):
            tg.start_soon(client.v2.get_workflow, "wf1")
    assert len(stack.token_requests) == 2
    sent = [r.headers["authorization"] for r in stack.api_requests]
    # Every call ends with tok-2; those that started with tok-1 were replayed exactly once.
    assert sent.count("Bearer tok-2") == 20
    assert len(sent) == 20 + sent.count("Bearer tok-1")
    assert set(sent) <= {"Bearer tok-1", "Bearer tok-2"}
