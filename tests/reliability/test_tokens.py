"""The OAuth2 token lifecycle under faults: a slow, down, refusing or lying token endpoint, a token the API rejects,
and tokens expiring or revoked in the middle of a burst of concurrent calls."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import anyio
import pytest

from formance_orchestration import AsyncOrchestrationClient, ClientCredentials, RetryPolicy, errors

from .faultserver import Fault, FaultServer, Request, html, json_reply, v2_error
from .helpers import attempt_log, backends, refused_url, serve, spread
from .ops import PREFIX, WF, WORKFLOW, data
from .report import REPORT

TOKEN_PATH = "/api/auth/oauth/token"
SECRET = "tok3n-s3cret-do-not-leak"
T = 0.3
POLICY = RetryPolicy(max_attempts=3, initial_delay=0.01, max_delay=0.02, jitter=0)
NO_RETRIES = RetryPolicy(max_attempts=1)


@dataclass
class Tokens:
    """Issues ``tok-<n>``; the API rejects tokens in ``rejected``, or older than ``lifetime`` seconds."""

    lifetime: float = 3600.0
    delay: float = 0.0  # how long the token endpoint takes
    rejected: set[str] = field(default_factory=set)
    issued_at: dict[str, float] = field(default_factory=dict)
    unauthorized: int = 0
    api_calls: int = 0
    revoke_after: int | None = None  # reject tok-1 once this many API calls arrived
    lock: threading.Lock = field(default_factory=threading.Lock)

    def responder(self, request: Request) -> Fault:
        with self.lock:
            if request.path == TOKEN_PATH:
                token = f"tok-{len(self.issued_at) + 1}"
                self.issued_at[token] = time.monotonic()
                answer = {"access_token": token, "token_type": "Bearer", "expires_in": self.lifetime}
                return json_reply(200, answer, head_delay=self.delay)
            self.api_calls += 1
            if self.revoke_after is not None and self.api_calls > self.revoke_after:
                self.rejected.add("tok-1")
            token = request.headers.get("authorization", "").removeprefix("Bearer ")
            issued = self.issued_at.get(token)
            if issued is None or token in self.rejected or time.monotonic() - issued > self.lifetime:
                self.unauthorized += 1
                return v2_error(401, "UNAUTHORIZED", "invalid token")
        return data(200, WORKFLOW)


def client_for(
    server: FaultServer, token_url: str | None = None, *, retries: RetryPolicy = POLICY
) -> AsyncOrchestrationClient:
    credentials = ClientCredentials(client_id="reliability", client_secret=SECRET, token_url=token_url)
    return AsyncOrchestrationClient(server.url, auth=credentials, retries=retries, timeout=T)


async def call(client: AsyncOrchestrationClient, method: str) -> object:
    if method == "GET":
        return await client.v2.get_workflow(WF)
    return await client.v2.create_workflow(stages=[])


@dataclass(frozen=True)
class TokenFault:
    name: str
    faults: tuple[Fault, ...]  # what the token endpoint answers, in turn (then a valid token)
    error: type[errors.OrchestrationError] | None
    token_requests: dict[str, int]  # by API method
    api_requests: dict[str, int]
    rejected: bool = False  # the API rejects every token
    delay: float = 0.0  # the token endpoint's answers take this long
    refused: bool = False  # nothing listens at the token URL


BOTH_1 = {"GET": 1, "POST": 1}
BOTH_0 = {"GET": 0, "POST": 0}
TOKEN_FAULTS = [
    TokenFault("slow, within the timeout", (), None, BOTH_1, BOTH_1, delay=T / 2),
    TokenFault("no answer (stall)", (Fault(stall=True),) * 3, errors.APITimeoutError, {"GET": 3, "POST": 1}, BOTH_0),
    TokenFault(
        "connection reset",
        (Fault(reset_before_read=True),) * 3,
        errors.APIConnectionError,
        {"GET": 3, "POST": 1},
        BOTH_0,
    ),
    TokenFault("503 HTML page once, then ok", (html(503),), None, {"GET": 2, "POST": 2}, BOTH_1),
    TokenFault("503 every time", (html(503),) * 3, errors.TokenError, {"GET": 3, "POST": 3}, BOTH_0),
    TokenFault(
        "400 invalid_client",
        (json_reply(400, {"error": "invalid_client", "error_description": "client authentication failed"}),),
        errors.TokenError,
        BOTH_1,
        BOTH_0,
    ),
    TokenFault(
        "200 without access_token", (json_reply(200, {"token_type": "Bearer"}),), errors.TokenError, BOTH_1, BOTH_0
    ),
    TokenFault("200 with an HTML page", (html(200, "<html>login</html>"),), errors.TokenError, BOTH_1, BOTH_0),
    TokenFault(
        "token the API rejects (401)",
        (),
        errors.AuthenticationError,
        {"GET": 2, "POST": 2},
        {"GET": 2, "POST": 2},
        rejected=True,
    ),
    TokenFault("nothing listening", (), errors.APIConnectionError, {"GET": 3, "POST": 3}, BOTH_0, refused=True),
]


CASES = [(fault, method) for fault in TOKEN_FAULTS for method in ("GET", "POST")]


@pytest.mark.anyio
@pytest.mark.parametrize(("anyio_backend", "case"), spread(CASES, [f"{f.name}-{m}" for f, m in CASES]))
async def test_token_endpoint_faults(case: tuple[TokenFault, str], anyio_backend: str) -> None:
    fault, method = case
    tokens = Tokens(rejected={"tok-1", "tok-2"} if fault.rejected else set(), delay=fault.delay)
    with serve(tokens.responder) as server, attempt_log() as log:
        server.plan("POST", TOKEN_PATH, *fault.faults)
        token_url = refused_url() + TOKEN_PATH if fault.refused else None
        async with client_for(server, token_url) as client:
            started = time.perf_counter()
            with anyio.fail_after(POLICY.max_attempts * (T + 0.1) + 2):
                if fault.error is None:
                    await call(client, method)
                else:
                    with pytest.raises(fault.error) as info:
                        await call(client, method)
                    assert SECRET not in str(info.value)
                    assert SECRET not in repr(info.value)
            elapsed = time.perf_counter() - started
        fetches = sum(1 for r in log.records if r.getMessage().startswith("fetching an access token"))
        api = server.seen(path=f"{PREFIX}/v2/workflows" + (f"/{WF}" if method == "GET" else ""))
    assert fetches == fault.token_requests[method], f"{fetches} token requests"
    if not fault.refused:
        assert server.seen(path=TOKEN_PATH) == fault.token_requests[method]
    assert api == fault.api_requests[method]
    assert elapsed < POLICY.max_attempts * (T + 0.1) + 1
    if fault.name == "400 invalid_client":
        assert isinstance(info.value, errors.TokenError)
        assert (info.value.status_code, info.value.error) == (400, "invalid_client")
    REPORT.token["token requests"] += fetches
    REPORT.token["cases"] += 1
    REPORT.fault(f"token endpoint: {fault.name}")


@pytest.mark.anyio
@pytest.mark.parametrize("anyio_backend", backends("asyncio"))
async def test_expired_token_is_refreshed_once_for_a_burst(anyio_backend: str) -> None:
    """The cached token has expired when 200 concurrent calls start: exactly one new token is fetched."""
    tokens = Tokens()
    with serve(tokens.responder) as server:
        async with client_for(server, retries=NO_RETRIES) as client:
            await client.v2.get_workflow(WF)
            cache = client._transport._tokens
            assert cache is not None
            cache._expires_at = anyio.current_time() - 1  # the SDK's clock says: expired
            results = await burst(client, 200)
    assert results == ["ok"] * 200
    assert len(tokens.issued_at) == 2
    assert tokens.unauthorized == 0
    REPORT.token["expiry refreshes"] = len(tokens.issued_at) - 1
    REPORT.fault("token expired before a burst")


@pytest.mark.anyio
@pytest.mark.parametrize("anyio_backend", backends("trio"))
async def test_token_expiring_during_a_burst(anyio_backend: str) -> None:
    """Calls keep coming for 1.5 s while 1 s tokens expire: one refresh per expiry, every call succeeds.

    The server rejects a token a second after issuing it; the SDK refreshes 10% of the lifetime early, so a call
    slower than that margin may meet a 401 and is replayed once with the new token."""
    tokens = Tokens(lifetime=1.0)
    with serve(tokens.responder) as server:
        async with client_for(server) as client:
            started = time.perf_counter()
            results = await burst(client, 2000, concurrency=10, until=started + 1.5)
            elapsed = time.perf_counter() - started
    assert set(results) == {"ok"}
    assert len(tokens.issued_at) <= elapsed / 0.9 + 2
    assert tokens.unauthorized <= len(results) // 20
    REPORT.token["burst tokens"] = len(tokens.issued_at)
    REPORT.token["burst 401s"] = tokens.unauthorized
    REPORT.fault("token expiring during a burst")


@pytest.mark.anyio
@pytest.mark.parametrize("anyio_backend", backends("asyncio"))
async def test_token_revoked_during_a_burst(anyio_backend: str) -> None:
    """The API starts rejecting the token while 200 calls are in flight: one refresh, every call succeeds."""
    tokens = Tokens(revoke_after=50)
    with serve(tokens.responder) as server:
        async with client_for(server) as client:
            results = await burst(client, 200)
    assert results == ["ok"] * 200
    assert len(tokens.issued_at) == 2
    REPORT.token["revocation refreshes"] = len(tokens.issued_at) - 1
    REPORT.fault("token revoked during a burst")


async def burst(
    client: AsyncOrchestrationClient, calls: int, *, concurrency: int | None = None, until: float | None = None
) -> list[str]:
    """Run ``calls`` get_workflow calls at ``concurrency`` (all at once by default); each result is ok or an error."""
    results: list[str] = []
    limiter = anyio.CapacityLimiter(concurrency or calls)

    async def one() -> None:
        async with limiter:
            if until is not None and time.perf_counter() > until:
                return
            try:
                await client.v2.get_workflow(WF)
                results.append("ok")
            except errors.OrchestrationError as exc:
                results.append(f"{type(exc).__name__}: {exc}")

    async with anyio.create_task_group() as tg:
        for _ in range(calls):
            tg.start_soon(one)
    return results
