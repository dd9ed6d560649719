"""The ``formance_orchestration`` logger: a DEBUG record per attempt, an INFO record per retry, never a secret."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest

from formance_orchestration import (
    AsyncOrchestrationClient,
    BearerToken,
    ClientCredentials,
    OrchestrationClient,
    RetryPolicy,
    errors,
)
from formance_orchestration._engine.transport import _loggable_url

from .server import Recorded, RecordingServer, Reply

LOGGER = "formance_orchestration"
PREFIX = "/api/orchestration"
SECRET = "client-secret-DO-NOT-LOG-5e4d3c"
TOKEN = "access-token-DO-NOT-LOG-7a8b9c"
TOKEN_2 = "access-token-DO-NOT-LOG-second-0f1e"
BEARER = "static-bearer-DO-NOT-LOG-abcdef"
SECRETS = (SECRET, TOKEN, TOKEN_2, BEARER)
WORKFLOW = {
    "id": "wf1",
    "config": {"name": "", "stages": None},
    "createdAt": "2024-01-01T00:00:00Z",
    "updatedAt": "2024-01-01T00:00:00Z",
    "deletedAt": None,
}
INSTANCE = {"workflowID": "wf1", "id": "i1", "createdAt": "2024-01-01T00:00:00Z", "updatedAt": "2024-01-01T00:00:00Z"}
BUSY = Reply(503, {"errorCode": "INTERNAL", "errorMessage": "busy"})
# Known, small delays: 0.01 s then 0.02 s, no jitter.
DELAYS = RetryPolicy(max_attempts=3, initial_delay=0.01, max_delay=0.02, jitter=0, max_retry_after=0.05)


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG)  # every logger, so a leak through any of them would show
    return caplog


def attempts(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == LOGGER and r.levelno == logging.DEBUG and hasattr(r, "attempt")]


def retry_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [
        r
        for r in caplog.records
        if r.name == LOGGER and r.levelno == logging.INFO and hasattr(r, "retry_delay") and not hasattr(r, "url")
    ]


def ours(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == LOGGER]


def assert_no_secret(records: list[logging.LogRecord]) -> None:
    for record in records:
        texts = [record.getMessage(), str(record.msg), repr(record.args)]
        texts += [repr(value) for value in record.__dict__.values()]
        if record.exc_info:
            texts.append(logging.Formatter().formatException(record.exc_info))
        for text in texts:
            for secret in SECRETS:
                assert secret not in text, (record.name, record.getMessage())


def test_the_secret_check_catches_a_leak() -> None:
    plain = logging.LogRecord(LOGGER, logging.DEBUG, __file__, 1, "GET %s", ("/x",), None)
    assert_no_secret([plain])
    for leak in (
        logging.LogRecord(LOGGER, logging.DEBUG, __file__, 1, "GET %s", (f"/x?t={TOKEN}",), None),
        logging.LogRecord(LOGGER, logging.DEBUG, __file__, 1, f"secret {SECRET}", None, None),
    ):
        with pytest.raises(AssertionError):
            assert_no_secret([leak])
    extra = logging.LogRecord(LOGGER, logging.DEBUG, __file__, 1, "GET", None, None)
    extra.headers = {"Authorization": f"Bearer {TOKEN_2}"}
    with pytest.raises(AssertionError):
        assert_no_secret([extra])


# -- one DEBUG record per attempt ---------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_debug_record_per_attempt(server: RecordingServer, logs: pytest.LogCaptureFixture) -> None:
    server.enqueue(BUSY, BUSY, Reply(200, {"cursor": {"pageSize": 5, "hasMore": False, "data": []}}))
    async with AsyncOrchestrationClient(server.url, retries=DELAYS) as client:
        await client.v2.list_workflows(page_size=5, cursor="abc")
    url = f"{server.url}{PREFIX}/v2/workflows?cursor=abc&pageSize=5"
    records = attempts(logs)
    assert len(records) == 3 == len(server.requests)
    delays = [0.01, 0.02, None]
    for n, (record, status) in enumerate(zip(records, [503, 503, 200], strict=True), start=1):
        assert record.name == LOGGER
        fields: dict[str, Any] = record.__dict__
        assert fields["http_method"] == "GET"
        assert fields["url"] == url
        assert fields["status_code"] == status
        assert fields["attempt"] == n
        assert isinstance(fields["elapsed_ms"], float)
        assert fields["elapsed_ms"] >= 0
        message = record.getMessage()
        assert message.startswith(f"GET {url} -> {status} in ")
        assert " ms " in message
        delay = delays[n - 1]
        assert fields["retry_delay"] == (None if delay is None else pytest.approx(delay))
        assert message.endswith(f"(attempt {n})" if delay is None else f"(attempt {n}, retrying in {delay:.2f} s)")


@pytest.mark.anyio
async def test_info_record_per_retry_decision_with_its_delay(
    server: RecordingServer, logs: pytest.LogCaptureFixture
) -> None:
    server.enqueue(BUSY, BUSY, Reply(200, {"data": WORKFLOW}))
    async with AsyncOrchestrationClient(server.url, retries=DELAYS) as client:
        await client.v2.get_workflow("wf1")
    records = retry_records(logs)
    assert len(records) == 2  # two retries, nothing for the final success
    for record, delay, failed_attempt in zip(records, [0.01, 0.02], [1, 2], strict=True):
        fields: dict[str, Any] = record.__dict__
        assert fields["operation"] == "get_workflow"
        assert fields["retry_delay"] == pytest.approx(delay)
        message = record.getMessage()
        assert fields["attempt"] == failed_attempt
        assert (
            f"GET /v2/workflows/wf1: attempt {failed_attempt} failed (status 503); retrying in {delay:.2f} s" in message
        )
    assert [r.levelno for r in ours(logs)].count(logging.INFO) == 2


@pytest.mark.anyio
async def test_retry_record_shows_a_capped_retry_after(server: RecordingServer, logs: pytest.LogCaptureFixture) -> None:
    server.enqueue(Reply(429, {"errorCode": "INTERNAL", "errorMessage": "slow down"}, headers={"Retry-After": "30"}))
    server.enqueue(Reply(200, {"data": WORKFLOW}))
    async with AsyncOrchestrationClient(server.url, retries=DELAYS) as client:
        await client.v2.get_workflow("wf1")
    (record,) = retry_records(logs)
    assert record.__dict__["retry_delay"] == pytest.approx(0.05)
    assert "failed (status 429); retrying in 0.05 s" in record.getMessage()


@pytest.mark.anyio
async def test_connection_failure_is_logged_without_a_status(
    server: RecordingServer, logs: pytest.LogCaptureFixture
) -> None:
    server.enqueue(Reply(drop=True), Reply(200, {"data": WORKFLOW}))
    async with AsyncOrchestrationClient(server.url, retries=DELAYS) as client:
        await client.v2.get_workflow("wf1")
    first, second = attempts(logs)
    assert first.__dict__["status_code"] is None
    assert "-> no response in" in first.getMessage()
    assert second.__dict__["status_code"] == 200
    (warning,) = retry_records(logs)
    assert "failed (APIConnectionError)" in warning.getMessage()


@pytest.mark.anyio
async def test_no_retry_record_when_nothing_is_retried(server: RecordingServer, logs: pytest.LogCaptureFixture) -> None:
    server.enqueue(BUSY)  # a POST is not replayed after a 5xx
    async with AsyncOrchestrationClient(server.url, retries=DELAYS) as client:
        with pytest.raises(errors.InternalServerError):
            await client.v2.run_workflow("wf1")
        server.enqueue(Reply(200, {"data": WORKFLOW}))
        await client.v2.get_workflow("wf1")
    assert [r.__dict__["status_code"] for r in attempts(logs)] == [503, 200]
    assert [r.__dict__["http_method"] for r in attempts(logs)] == ["POST", "GET"]
    assert retry_records(logs) == []
    assert all(r.levelno == logging.DEBUG for r in ours(logs))


def test_sync_face_logs_the_same(server: RecordingServer, logs: pytest.LogCaptureFixture) -> None:
    server.enqueue(BUSY, Reply(200, {"data": WORKFLOW}))
    with OrchestrationClient(server.url, retries=DELAYS) as client:
        client.v2.get_workflow("wf1")
    assert [r.__dict__["attempt"] for r in attempts(logs)] == [1, 2]
    assert len(retry_records(logs)) == 1


def test_nothing_below_warning_reaches_a_default_setup(
    server: RecordingServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    server.enqueue(Reply(200, {"data": WORKFLOW}))
    with OrchestrationClient(server.url, retries=DELAYS) as client:
        client.v2.get_workflow("wf1")
    assert ours(caplog) == []


@pytest.mark.anyio
async def test_debug_attempt_record_carries_the_retry_delay(
    server: RecordingServer, logs: pytest.LogCaptureFixture
) -> None:
    server.enqueue(BUSY, Reply(200, {"data": WORKFLOW}))
    async with AsyncOrchestrationClient(server.url, retries=DELAYS) as client:
        await client.v2.get_workflow("wf1")
    first, last = attempts(logs)
    assert first.__dict__.get("retry_delay") == pytest.approx(0.01)
    assert "retry_delay" in last.__dict__
    assert last.__dict__["retry_delay"] is None


# -- query secrets ------------------------------------------------------------------------------------------------


def test_loggable_url_masks_secret_query_values() -> None:
    url = httpx.URL("https://x.example/api?cursor=abc&api_key=K1&access_token=T1&Client_Secret=S1&sig=ok&Password=P")
    logged = _loggable_url(url)
    for value in ("K1", "T1", "S1", "=P"):
        assert value not in logged
    assert "cursor=abc" in logged
    assert "sig=ok" in logged
    assert logged.count("%2A%2A%2A") + logged.count("***") == 4
    assert _loggable_url(httpx.URL("https://x.example/api/v2/workflows")) == "https://x.example/api/v2/workflows"


# -- secrets and tokens never logged -----------------------------------------------------------------------------


class AuthServer:
    """A token endpoint issuing TOKEN then TOKEN_2, and an API that rejects TOKEN once it has been replaced."""

    def __init__(self) -> None:
        self.issued = 0

    def __call__(self, request: Recorded) -> Reply:
        if request.path == "/api/auth/oauth/token":
            self.issued += 1
            token = TOKEN if self.issued == 1 else TOKEN_2
            return Reply(200, {"access_token": token, "token_type": "Bearer", "expires_in": 3600})
        auth = request.headers.get("authorization", "")
        if request.path.endswith("/v2/workflows/revoked") and auth == f"Bearer {TOKEN}":
            return Reply(401, b"")
        if request.path.endswith("/v2/workflows/busy"):
            return Reply(503, {"errorCode": "INTERNAL", "errorMessage": f"echo {auth}"})
        if auth not in (f"Bearer {TOKEN}", f"Bearer {TOKEN_2}", f"Bearer {BEARER}"):
            return Reply(401, b"")
        if request.method == "POST":
            return Reply(201, {"data": INSTANCE | {"terminated": False}})
        return Reply(200, {"data": WORKFLOW})


@pytest.mark.anyio
async def test_no_secret_or_token_in_any_record(server: RecordingServer, logs: pytest.LogCaptureFixture) -> None:
    auth_server = AuthServer()
    server.handler = auth_server
    credentials = ClientCredentials(client_id="my-client", client_secret=SECRET)
    async with AsyncOrchestrationClient(server.url, auth=credentials, retries=DELAYS) as client:
        await client.v2.get_workflow("wf1")  # fetches TOKEN
        await client.v2.get_workflow("revoked")  # 401: refreshes to TOKEN_2 and replays
        await client.v2.run_workflow("wf1", variables={"k": "v"})
        with pytest.raises(errors.InternalServerError) as caught:
            await client.v2.get_workflow("busy")  # retried, then raises; the body echoes the header
        assert TOKEN_2 in str(caught.value)  # the server's own message, not something we logged
    assert auth_server.issued == 2
    fetches = [r for r in ours(logs) if "fetching an access token" in r.getMessage()]
    assert len(fetches) == 2
    assert len(attempts(logs)) >= 6
    assert len(retry_records(logs)) == 2
    assert_no_secret(logs.records)
    assert_no_secret(ours(logs))
    assert SECRET not in logs.text
    assert TOKEN not in logs.text
    assert TOKEN_2 not in logs.text


def test_no_token_in_any_record_sync_bearer(server: RecordingServer, logs: pytest.LogCaptureFixture) -> None:
    server.handler = AuthServer()
    with OrchestrationClient(server.url, auth=BearerToken(BEARER), retries=DELAYS) as client:
        client.v2.get_workflow("wf1")
        with pytest.raises(errors.InternalServerError):
            client.v2.get_workflow("busy")
    assert server.requests[0].headers["authorization"] == f"Bearer {BEARER}"
    assert len(attempts(logs)) == 4
    assert_no_secret(logs.records)
    assert BEARER not in logs.text


@pytest.mark.anyio
async def test_no_secret_when_the_token_endpoint_refuses(
    server: RecordingServer, logs: pytest.LogCaptureFixture
) -> None:
    server.handler = lambda r: Reply(401, {"error": "invalid_client", "error_description": "bad credentials"})
    credentials = ClientCredentials(client_id="my-client", client_secret=SECRET)
    async with AsyncOrchestrationClient(server.url, auth=credentials, retries=DELAYS) as client:
        with pytest.raises(errors.TokenError) as caught:
            await client.v2.get_workflow("wf1")
    assert SECRET not in str(caught.value)
    assert_no_secret(logs.records)
