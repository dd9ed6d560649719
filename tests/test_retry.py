"""Retries: which methods and failures are retried, how often, how long to wait, and what gets logged."""

from __future__ import annotations

import logging
import time
import warnings
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import httpx
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from formance_orchestration import AsyncOrchestrationClient, OrchestrationClient, RetryPolicy, errors
from formance_orchestration._engine.retry import retry_after_seconds, should_retry
from formance_orchestration._exceptions import make_status_error

from .conftest import FAST_RETRIES
from .server import RecordingServer, Reply, free_port

WORKFLOW: dict[str, Any] = {
    "id": "wf1",
    "config": {"name": "x", "stages": []},
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
TRIGGER: dict[str, Any] = {
    "id": "t1",
    "event": "SAVED_PAYMENT",
    "workflowID": "wf1",
    "createdAt": "2024-01-01T00:00:00Z",
}
BUSY = {"errorCode": "INTERNAL", "errorMessage": "busy"}
RETRYABLE = [408, 429, 502, 503, 504]

Call = Callable[[AsyncOrchestrationClient], Awaitable[object]]

# Idempotent calls (GET, PUT, DELETE) and the reply that makes each succeed.
IDEMPOTENT: dict[str, tuple[Call, Reply]] = {
    "get_workflow": (lambda c: c.v2.get_workflow("wf1"), Reply(200, {"data": WORKFLOW})),
    "get_instance_history": (lambda c: c.v2.get_instance_history("i1"), Reply(200, {"data": []})),
    "list_workflows": (
        lambda c: c.v2.list_workflows(),
        Reply(200, {"cursor": {"pageSize": 15, "hasMore": False, "data": []}}),
    ),
    "cancel_event (PUT)": (lambda c: c.v2.cancel_event("i1"), Reply(204)),
    "delete_workflow (DELETE)": (lambda c: c.v2.delete_workflow("wf1"), Reply(204)),
    "delete_trigger (DELETE)": (lambda c: c.v2.delete_trigger("t1"), Reply(204)),
}

# POST calls and the reply that makes each succeed.
NON_IDEMPOTENT: dict[str, tuple[Call, Reply]] = {
    "run_workflow": (lambda c: c.v2.run_workflow("wf1", variables={"a": "1"}), Reply(201, {"data": INSTANCE})),
    "create_workflow": (lambda c: c.v2.create_workflow(stages=[]), Reply(201, {"data": WORKFLOW})),
    "send_event": (lambda c: c.v2.send_event("i1", name="go"), Reply(204)),
    "create_trigger": (
        lambda c: c.v2.create_trigger(event="SAVED_PAYMENT", workflow_id="wf1"),
        Reply(201, {"data": TRIGGER}),
    ),
    "test_trigger": (lambda c: c.v2.test_trigger("t1", event={"x": 1}), Reply(200, {"data": {}})),
}


def retry_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [
        r
        for r in caplog.records
        if r.name == "formance_orchestration"
        and r.levelno == logging.INFO
        and hasattr(r, "retry_delay")
        and not hasattr(r, "url")
    ]


@pytest.fixture
def retry_log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.INFO, logger="formance_orchestration")
    return caplog


# -- idempotent methods ------------------------------------------------------------------------------------------


@pytest.mark.anyio
@pytest.mark.parametrize("status", RETRYABLE)
@pytest.mark.parametrize("name", list(IDEMPOTENT))
async def test_idempotent_retried_up_to_max_attempts(
    server: RecordingServer, aclient: AsyncOrchestrationClient, name: str, status: int
) -> None:
    call, _ = IDEMPOTENT[name]
    server.handler = lambda request: Reply(status, BUSY)
    with pytest.raises(errors.APIStatusError) as info:
        await call(aclient)
    assert info.value.status_code == status
    assert len(server.requests) == 3
    assert len({(r.method, r.target) for r in server.requests}) == 1


@pytest.mark.anyio
@pytest.mark.parametrize("name", list(IDEMPOTENT))
async def test_idempotent_succeeds_after_transient_failures(
    server: RecordingServer, aclient: AsyncOrchestrationClient, name: str
) -> None:
    call, ok = IDEMPOTENT[name]
    server.enqueue(Reply(503, BUSY), Reply(502), ok)
    await call(aclient)
    assert len(server.requests) == 3


@pytest.mark.anyio
@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422, 500, 501])
async def test_other_statuses_not_retried(
    server: RecordingServer, aclient: AsyncOrchestrationClient, status: int
) -> None:
    server.handler = lambda request: Reply(status, BUSY)
    with pytest.raises(errors.APIStatusError):
        await aclient.v2.get_workflow("wf1")
    assert len(server.requests) == 1


@pytest.mark.anyio
async def test_get_retried_on_dropped_connection(server: RecordingServer, aclient: AsyncOrchestrationClient) -> None:
    server.handler = lambda request: Reply(drop=True)
    with pytest.raises(errors.APIConnectionError):
        await aclient.v2.get_workflow("wf1")
    assert len(server.requests) == 3


@pytest.mark.anyio
async def test_get_retried_on_read_timeout(server: RecordingServer, aclient: AsyncOrchestrationClient) -> None:
    server.handler = lambda request: Reply(200, {"data": WORKFLOW}, delay=2)
    with pytest.raises(errors.APITimeoutError):
        await aclient.v2.get_workflow("wf1", timeout=0.2)
    assert len(server.requests) == 3


@pytest.mark.anyio
async def test_get_retried_on_connection_refused(retry_log: pytest.LogCaptureFixture) -> None:
    async with AsyncOrchestrationClient(f"http://127.0.0.1:{free_port()}", retries=FAST_RETRIES) as client:
        with pytest.raises(errors.APIConnectionError) as info:
            await client.v2.get_workflow("wf1")
    assert isinstance(info.value.__cause__, httpx.ConnectError)
    assert len(retry_records(retry_log)) == 2


# -- POST --------------------------------------------------------------------------------------------------------


@pytest.mark.anyio
@pytest.mark.parametrize("status", [500, 502, 503, 504, 408])
@pytest.mark.parametrize("name", list(NON_IDEMPOTENT))
async def test_post_not_retried_after_server_error(
    server: RecordingServer,
    aclient: AsyncOrchestrationClient,
    retry_log: pytest.LogCaptureFixture,
    name: str,
    status: int,
) -> None:
    call, _ = NON_IDEMPOTENT[name]
    server.handler = lambda request: Reply(status, BUSY)
    with pytest.raises(errors.APIStatusError):
        await call(aclient)
    assert len(server.requests) == 1
    assert server.requests[0].method == "POST"
    assert retry_records(retry_log) == []


@pytest.mark.anyio
@pytest.mark.parametrize("name", list(NON_IDEMPOTENT))
async def test_post_not_retried_after_read_timeout(server: RecordingServer, name: str) -> None:
    call, ok = NON_IDEMPOTENT[name]
    server.handler = lambda request: Reply(ok.status, ok.body, delay=2)
    async with AsyncOrchestrationClient(server.url, timeout=0.2, retries=FAST_RETRIES) as client:
        with pytest.raises(errors.APITimeoutError):
            await call(client)
    assert len(server.requests) == 1


@pytest.mark.anyio
@pytest.mark.parametrize("name", list(NON_IDEMPOTENT))
async def test_post_not_retried_after_dropped_connection(
    server: RecordingServer, aclient: AsyncOrchestrationClient, name: str
) -> None:
    call, _ = NON_IDEMPOTENT[name]
    server.handler = lambda request: Reply(drop=True)
    with pytest.raises(errors.APIConnectionError):
        await call(aclient)
    assert len(server.requests) == 1


@pytest.mark.anyio
@pytest.mark.parametrize("name", list(NON_IDEMPOTENT))
async def test_post_retried_on_429(server: RecordingServer, aclient: AsyncOrchestrationClient, name: str) -> None:
    call, ok = NON_IDEMPOTENT[name]
    server.handler = lambda request: Reply(429, BUSY)
    with pytest.raises(errors.RateLimitError):
        await call(aclient)
    assert len(server.requests) == 3
    server.requests.clear()
    server.handler = lambda request: ok
    server.enqueue(Reply(429))
    await call(aclient)
    assert len(server.requests) == 2


@pytest.mark.anyio
async def test_post_retried_on_connection_refused(retry_log: pytest.LogCaptureFixture) -> None:
    async with AsyncOrchestrationClient(f"http://127.0.0.1:{free_port()}", retries=FAST_RETRIES) as client:
        with pytest.raises(errors.APIConnectionError) as info:
            await client.v2.run_workflow("wf1")
    assert isinstance(info.value.__cause__, httpx.ConnectError)
    records = retry_records(retry_log)
    assert len(records) == 2
    assert all("POST" in r.getMessage() for r in records)


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("failure", "attempts"),
    [
        (httpx.ConnectError("refused"), 3),
        (httpx.ConnectTimeout("connect timed out"), 3),
        (httpx.PoolTimeout("no free connection"), 3),
        (httpx.ReadTimeout("read timed out"), 1),
        (httpx.ReadError("reset"), 1),
        (httpx.WriteError("broken pipe"), 1),
        (httpx.RemoteProtocolError("disconnected"), 1),
    ],
)
async def test_post_transport_failures(failure: httpx.TransportError, attempts: int) -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        raise failure

    async with (
        httpx.AsyncClient(transport=httpx.MockTransport(handler)) as own,
        AsyncOrchestrationClient("https://example.com", http_client=own, retries=FAST_RETRIES) as client,
    ):
        with pytest.raises(errors.APIConnectionError) as info:
            await client.v2.run_workflow("wf1")
        assert info.value.__cause__ is failure
        assert len(sent) == attempts
        sent.clear()
        # The same failures are always retried for GET.
        with pytest.raises(errors.APIConnectionError):
            await client.v2.get_workflow("wf1")
        assert len(sent) == 3


@pytest.mark.anyio
@pytest.mark.parametrize("name", list(NON_IDEMPOTENT))
async def test_post_retried_when_caller_opts_in(server: RecordingServer, name: str) -> None:
    call, ok = NON_IDEMPOTENT[name]
    policy = RetryPolicy(max_attempts=3, initial_delay=0, max_delay=0, jitter=0, retry_non_idempotent=True)
    async with AsyncOrchestrationClient(server.url, retries=policy) as client:
        server.handler = lambda request: Reply(503, BUSY)
        with pytest.raises(errors.InternalServerError):
            await call(client)
        assert len(server.requests) == 3
        server.requests.clear()
        server.handler = lambda request: ok
        server.enqueue(Reply(drop=True), Reply(502))
        await call(client)
        assert len(server.requests) == 3
        server.requests.clear()
        # 500 stays out of the retried statuses even for opted-in POSTs.
        server.enqueue(Reply(500, BUSY))
        with pytest.raises(errors.InternalServerError):
            await call(client)
        assert len(server.requests) == 1


@pytest.mark.anyio
async def test_post_opt_in_per_call(server: RecordingServer, aclient: AsyncOrchestrationClient) -> None:
    server.handler = lambda request: Reply(503, BUSY)
    policy = RetryPolicy(max_attempts=4, initial_delay=0, max_delay=0, jitter=0, retry_non_idempotent=True)
    with pytest.raises(errors.InternalServerError):
        await aclient.v2.run_workflow("wf1", retries=policy)
    assert len(server.requests) == 4


# -- max_retries=... and the deprecated retries=<int> -----------------------------------------------------------


@pytest.mark.anyio
async def test_max_retries_0_disables_retries(server: RecordingServer) -> None:
    server.handler = lambda request: Reply(503, BUSY)
    async with AsyncOrchestrationClient(server.url, max_retries=0) as client:
        with pytest.raises(errors.InternalServerError):
            await client.v2.get_workflow("wf1")
    assert len(server.requests) == 1


@pytest.mark.anyio
async def test_max_retries_counts_retries_after_the_first_attempt(server: RecordingServer) -> None:
    server.handler = lambda request: Reply(503, BUSY, headers={"Retry-After": "0"})
    async with AsyncOrchestrationClient(server.url, max_retries=4) as client:
        with pytest.raises(errors.InternalServerError):
            await client.v2.get_workflow("wf1")
    assert len(server.requests) == 5


@pytest.mark.anyio
async def test_max_retries_applies_over_the_policy(server: RecordingServer) -> None:
    # The policy's other settings (no delay here) stay; only the count changes.
    server.handler = lambda request: Reply(503, BUSY)
    async with AsyncOrchestrationClient(server.url, retries=FAST_RETRIES, max_retries=1) as client:
        with pytest.raises(errors.InternalServerError):
            await client.v2.get_workflow("wf1")
    assert len(server.requests) == 2


@pytest.mark.anyio
async def test_per_call_retries_override(server: RecordingServer, aclient: AsyncOrchestrationClient) -> None:
    server.handler = lambda request: Reply(503, BUSY, headers={"Retry-After": "0"})
    with pytest.raises(errors.InternalServerError):
        await aclient.v2.get_workflow("wf1", max_retries=0)
    assert len(server.requests) == 1
    server.requests.clear()
    with pytest.raises(errors.InternalServerError):
        await aclient.v2.get_workflow("wf1", retries=RetryPolicy(max_attempts=5, initial_delay=0, max_delay=0))
    assert len(server.requests) == 5
    server.requests.clear()
    # max_retries counts retries; Retry-After: 0 keeps it from waiting.
    with pytest.raises(errors.InternalServerError):
        await aclient.v2.get_workflow("wf1", max_retries=1)
    assert len(server.requests) == 2
    server.requests.clear()
    # Both: the call's policy, with the call's count.
    with pytest.raises(errors.InternalServerError):
        await aclient.v2.get_workflow("wf1", retries=RetryPolicy(max_attempts=5, initial_delay=0), max_retries=2)
    assert len(server.requests) == 3
    server.requests.clear()
    # The client default is untouched by per-call overrides.
    with pytest.raises(errors.InternalServerError):
        await aclient.v2.get_workflow("wf1")
    assert len(server.requests) == 3


def test_per_call_max_retries_on_the_blocking_face(server: RecordingServer, client: OrchestrationClient) -> None:
    server.handler = lambda request: Reply(503, BUSY)
    with pytest.raises(errors.InternalServerError):
        client.v2.get_workflow("wf1", max_retries=0)
    assert len(server.requests) == 1


@pytest.mark.anyio
@pytest.mark.parametrize("bad", [0, -1, True, "3", 2.5])
async def test_bad_per_call_retries(server: RecordingServer, aclient: AsyncOrchestrationClient, bad: Any) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the ints are deprecated, and also invalid here
        with pytest.raises((TypeError, ValueError)):
            await aclient.v2.get_workflow("wf1", retries=bad)
    assert server.requests == []


@pytest.mark.anyio
@pytest.mark.parametrize("bad", [-1, True, "3", 2.5, None])
async def test_bad_max_retries(server: RecordingServer, aclient: AsyncOrchestrationClient, bad: Any) -> None:
    with pytest.raises((TypeError, ValueError), match="max_retries"):
        await aclient.v2.get_workflow("wf1", max_retries=bad)
    with pytest.raises((TypeError, ValueError), match="max_retries"):
        AsyncOrchestrationClient(server.url, max_retries=bad)
    assert server.requests == []


@pytest.mark.anyio
async def test_int_retries_still_count_attempts_and_warn_naming_max_retries(server: RecordingServer) -> None:
    server.handler = lambda request: Reply(503, BUSY, headers={"Retry-After": "0"})
    with pytest.warns(DeprecationWarning, match=r"max_retries.*retries=2 is max_retries=1") as caught:
        client = AsyncOrchestrationClient(server.url, retries=2)
    assert caught[0].filename == __file__  # points at the caller's line
    async with client:
        with pytest.raises(errors.InternalServerError):
            await client.v2.get_workflow("wf1")
        assert len(server.requests) == 2
        server.requests.clear()
        with pytest.warns(DeprecationWarning, match="max_retries") as caught, pytest.raises(errors.InternalServerError):
            await client.v2.get_workflow("wf1", retries=3)
        assert caught[0].filename == __file__
    assert len(server.requests) == 3


def test_int_retries_warn_on_the_blocking_client(server: RecordingServer) -> None:
    with pytest.warns(DeprecationWarning, match="max_retries") as caught:
        client = OrchestrationClient(server.url, retries=1)
    assert caught[0].filename == __file__
    client.close()


# -- logging -----------------------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_one_warning_per_retry(
    server: RecordingServer, aclient: AsyncOrchestrationClient, retry_log: pytest.LogCaptureFixture
) -> None:
    server.enqueue(Reply(503, BUSY), Reply(429), Reply(200, {"data": WORKFLOW}))
    await aclient.v2.get_workflow("wf1")
    records = retry_records(retry_log)
    assert len(records) == 2
    assert "status 503" in records[0].getMessage()
    assert "status 429" in records[1].getMessage()
    assert [getattr(r, "attempt", None) for r in records] == [1, 2]
    assert {getattr(r, "operation", None) for r in records} == {"get_workflow"}
    assert all("GET" in r.getMessage() and "retrying" in r.getMessage() for r in records)


# -- Retry-After -------------------------------------------------------------------------------------------------


def response_with(retry_after: str | bytes | None) -> httpx.Response:
    if retry_after is None:
        return httpx.Response(503)
    value = retry_after.encode("latin-1") if isinstance(retry_after, str) else retry_after
    return httpx.Response(503, headers=[(b"Retry-After", value)])


@given(st.integers(min_value=0, max_value=10**9))
def test_retry_after_integer_seconds(seconds: int) -> None:
    assert retry_after_seconds(response_with(str(seconds))) == float(seconds)
    assert retry_after_seconds(response_with(f"  {seconds} ")) == float(seconds)


@given(
    st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(9998, 1, 1)).map(
        lambda d: d.replace(microsecond=0, tzinfo=UTC)
    ),
    st.integers(min_value=0, max_value=10**7),
)
def test_retry_after_http_date(when: datetime, ahead: int) -> None:
    header = format_datetime(when, usegmt=True)
    assert retry_after_seconds(response_with(header), now=when.timestamp() - ahead) == float(ahead)
    # A date in the past means "no usable value": the backoff applies instead.
    assert retry_after_seconds(response_with(header), now=when.timestamp() + ahead + 1) is None


@pytest.fixture
def eastern_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("eastern_time")
def test_retry_after_date_is_utc_whatever_the_local_zone() -> None:
    when = datetime(2030, 6, 1, 12, 0, 0, tzinfo=UTC)
    now = when.timestamp() - 120
    for header in ("Sat, 01 Jun 2030 12:00:00 GMT", "Sat, 01 Jun 2030 12:00:00 -0000", "Sat, 01 Jun 2030 12:00:00"):
        assert retry_after_seconds(response_with(header), now=now) == 120.0, header


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0xFF)))
@example("Wed, 99999999999999999999 Oct 2015 07:28:00 GMT")
@example("Wed, 21 Oct 2015 99999999999999999999:28:00 GMT")
@example("Wed, 21 Oct 99999999999 07:28:00 GMT")
@example("nan")
@example("-5")
@example("1e400")
def test_retry_after_never_raises(value: str) -> None:
    result = retry_after_seconds(response_with(value.encode("latin-1")), now=0.0)
    assert result is None or result >= 0


@given(
    st.from_regex(
        r"\A(Mon|Tue), [0-9]{1,25} (Jan|Oct|Foo) [0-9]{1,25} [0-9]{1,25}:[0-9]{1,25}:[0-9]{1,25} (GMT|-0000|\+[0-9]{4}|[A-Z]{3})\Z"
    )
)
def test_retry_after_date_like_never_raises(value: str) -> None:
    result = retry_after_seconds(response_with(value), now=0.0)
    assert result is None or result >= 0


def test_retry_after_absent_or_unusable() -> None:
    assert retry_after_seconds(None) is None
    assert retry_after_seconds(response_with(None)) is None
    for value in ("", "soon", "-1", "nan", "Mon, 32 Foo 2020 00:00:00 GMT"):
        assert retry_after_seconds(response_with(value)) is None, value


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("header", "cap", "expected"),
    [
        ("0.01", 60.0, 0.01),
        ("0", 60.0, 0.0),
        ("3600", 0.05, 0.05),
        ("1e400", 0.05, 0.05),
        (format_datetime(datetime.now(UTC) + timedelta(hours=2), usegmt=True), 0.05, 0.05),
        # In the past, or unusable: the (zero) backoff of the policy applies.
        (format_datetime(datetime(2001, 1, 1, tzinfo=UTC), usegmt=True), 0.05, 0.0),
        ("soon", 0.05, 0.0),
    ],
)
async def test_retry_after_honoured_and_capped(
    server: RecordingServer, retry_log: pytest.LogCaptureFixture, header: str, cap: float, expected: float
) -> None:
    policy = RetryPolicy(max_attempts=2, initial_delay=0, max_delay=0, jitter=0, max_retry_after=cap)
    server.enqueue(Reply(503, BUSY, headers={"Retry-After": header}), Reply(200, {"data": WORKFLOW}))
    async with AsyncOrchestrationClient(server.url, retries=policy) as client:
        await client.v2.get_workflow("wf1")
    (record,) = retry_records(retry_log)
    assert getattr(record, "retry_delay", None) == pytest.approx(expected)
    assert len(server.requests) == 2


@pytest.mark.anyio
async def test_retry_after_on_429_for_post(server: RecordingServer, retry_log: pytest.LogCaptureFixture) -> None:
    policy = RetryPolicy(max_attempts=3, initial_delay=30, max_delay=30, jitter=0, max_retry_after=60)
    server.enqueue(Reply(429, headers={"Retry-After": "0"}), Reply(201, {"data": INSTANCE}))
    async with AsyncOrchestrationClient(server.url, retries=policy) as client:
        await client.v2.run_workflow("wf1")
    (record,) = retry_records(retry_log)
    assert getattr(record, "retry_delay", None) == 0.0


# -- the policy --------------------------------------------------------------------------------------------------


@given(
    initial=st.floats(min_value=0, max_value=100, allow_nan=False),
    maximum=st.floats(min_value=0, max_value=100, allow_nan=False),
    jitter=st.floats(min_value=0, max_value=1, allow_nan=False),
    retry_number=st.integers(min_value=1, max_value=5000),
)
def test_backoff_bounds(initial: float, maximum: float, jitter: float, retry_number: int) -> None:
    policy = RetryPolicy(initial_delay=initial, max_delay=maximum, jitter=jitter)
    ceiling = min(maximum, initial * 2.0 ** min(retry_number - 1, 1000))
    delay = policy.backoff(retry_number)
    assert 0 <= delay <= ceiling
    assert delay >= ceiling * (1 - jitter) - 1e-9


def test_backoff_doubles_without_jitter() -> None:
    policy = RetryPolicy(initial_delay=0.5, max_delay=8, jitter=0)
    assert [policy.backoff(n) for n in range(1, 7)] == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]


@given(jitter=st.floats(min_value=1.0, max_value=1e6, exclude_min=True, allow_nan=False))
def test_jitter_above_one_is_refused(jitter: float) -> None:
    # A jitter over 100% would make delays negative (trio.sleep refuses those).
    with pytest.raises(ValueError, match="jitter"):
        RetryPolicy(jitter=jitter)


def test_policy_defaults_and_validation() -> None:
    policy = RetryPolicy()
    assert policy.max_attempts == 3
    assert policy.retry_statuses == frozenset({408, 429, 502, 503, 504})
    assert not policy.retry_non_idempotent
    assert RetryPolicy.of(5).max_attempts == 5
    assert RetryPolicy.of(policy) is policy
    with pytest.raises(TypeError):
        RetryPolicy.of(True)
    with pytest.raises(TypeError):
        RetryPolicy.of("3")  # type: ignore[arg-type]
    for bad in (0, -1):
        with pytest.raises(ValueError, match="max_attempts"):
            RetryPolicy(max_attempts=bad)
    with pytest.raises(ValueError, match="initial_delay"):
        RetryPolicy(initial_delay=-0.1)
    with pytest.raises(ValueError, match="max_delay"):
        RetryPolicy(max_delay=-0.1)
    with pytest.raises(ValueError, match="jitter"):
        RetryPolicy(jitter=-0.1)
    with pytest.raises(ValueError, match="max_retry_after"):
        RetryPolicy(max_retry_after=-0.1)


def status_error(method: str, status: int) -> errors.APIStatusError:
    return make_status_error(httpx.Response(status, request=httpx.Request(method, "https://example.com/x")))


def connection_error(cause: BaseException) -> errors.APIConnectionError:
    exc = errors.APIConnectionError("failed")
    exc.__cause__ = cause
    return exc


@pytest.mark.parametrize(
    ("method", "error", "expected"),
    [
        ("GET", status_error("GET", 503), True),
        ("PUT", status_error("PUT", 502), True),
        ("DELETE", status_error("DELETE", 504), True),
        ("GET", status_error("GET", 408), True),
        ("GET", status_error("GET", 500), False),
        ("GET", status_error("GET", 404), False),
        ("POST", status_error("POST", 503), False),
        ("POST", status_error("POST", 408), False),
        ("POST", status_error("POST", 429), True),
        ("GET", connection_error(httpx.ReadTimeout("t")), True),
        ("GET", connection_error(httpx.RemoteProtocolError("x")), True),
        ("POST", connection_error(httpx.ConnectError("x")), True),
        ("POST", connection_error(httpx.ConnectTimeout("x")), True),
        ("POST", connection_error(httpx.ReadTimeout("t")), False),
        ("POST", connection_error(httpx.ReadError("x")), False),
        ("GET", connection_error(httpx.DecodingError("too large")), False),
        ("GET", errors.TokenError("no"), False),
        ("GET", ValueError("x"), False),
    ],
)
def test_should_retry(method: str, error: BaseException, expected: bool) -> None:
    assert should_retry(method, error, RetryPolicy()) is expected


def test_should_retry_respects_policy() -> None:
    opted_in = RetryPolicy(retry_non_idempotent=True)
    assert should_retry("POST", status_error("POST", 503), opted_in)
    assert should_retry("POST", connection_error(httpx.ReadTimeout("t")), opted_in)
    no_429 = RetryPolicy(retry_statuses=frozenset({503}))
    assert not should_retry("GET", status_error("GET", 429), no_429)
    assert not should_retry("POST", status_error("POST", 429), no_429)
