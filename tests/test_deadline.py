"""The whole-call deadline: one bound on everything a call does, under asyncio, trio and the blocking face.

Against real servers on 127.0.0.1 (``tests/reliability/faultserver.py``): a body dripped one byte at a time, a
server that keeps asking to retry, a token endpoint that never answers. Past the deadline the call raises
``APITimeoutError`` within 0.2 s (the bound the issue asks for; measured overshoot is a few milliseconds).
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import anyio
import pytest

from formance_orchestration import AsyncOrchestrationClient, ClientCredentials, OrchestrationClient, RetryPolicy, errors

from .reliability.faultserver import Fault, FaultServer, Request, json_reply, running, v2_error

SLACK = 0.2
DRIP = b'{"version": "' + b"v" * 200 + b'"}'  # 215 bytes at one byte every 20 ms: over 4 s if nothing stops it


def dripping(request: Request) -> Fault:
    return Fault(200, DRIP, trickle=0.02)


@pytest.fixture
def drip_server() -> Iterator[FaultServer]:
    with running(dripping) as server:
        yield server


def check_bound(started: float, deadline: float) -> float:
    elapsed = time.perf_counter() - started
    assert deadline - 0.01 <= elapsed <= deadline + SLACK, f"{elapsed:.3f} s for a deadline of {deadline} s"
    return elapsed - deadline


@pytest.mark.anyio
async def test_a_dripped_body_ends_at_the_clients_deadline(drip_server: FaultServer) -> None:
    """httpx's timeouts bound each read, and every byte arrives within them: only the deadline ends the call."""
    async with AsyncOrchestrationClient(drip_server.url, api_prefix="", timeout=5, deadline=0.5) as client:
        started = time.perf_counter()
        with pytest.raises(errors.APITimeoutError, match=r"deadline of 0\.5 s"):
            await client.v2.get_server_info()
        check_bound(started, 0.5)


@pytest.mark.anyio
async def test_a_calls_deadline_overrides_the_clients(drip_server: FaultServer) -> None:
    async with AsyncOrchestrationClient(drip_server.url, api_prefix="", timeout=5, deadline=60) as client:
        started = time.perf_counter()
        with pytest.raises(errors.APITimeoutError):
            await client.v2.get_server_info(deadline=0.3)
        check_bound(started, 0.3)
    async with AsyncOrchestrationClient(drip_server.url, api_prefix="", timeout=5, deadline=0.2) as client:
        # deadline=None lifts the client's for this call: the test cuts it instead.
        with pytest.raises(TimeoutError), anyio.fail_after(0.6):
            await client.v2.get_server_info(deadline=None)


def test_the_blocking_face_has_the_deadline_too(drip_server: FaultServer) -> None:
    with OrchestrationClient(drip_server.url, api_prefix="", timeout=5) as client:
        started = time.perf_counter()
        with pytest.raises(errors.APITimeoutError):
            client.v2.get_server_info(deadline=0.4)
        check_bound(started, 0.4)
        # The client is fine afterwards: the next call runs (and is cut) the same way.
        with pytest.raises(errors.APITimeoutError):
            client.v2.get_server_info(deadline=0.1)


@pytest.mark.anyio
async def test_the_deadline_cuts_the_backoff_sleeps() -> None:
    policy = RetryPolicy(max_attempts=5, initial_delay=30, max_delay=30, jitter=0)
    with running(lambda request: v2_error(503)) as server:
        async with AsyncOrchestrationClient(server.url, retries=policy, deadline=0.4) as client:
            started = time.perf_counter()
            with pytest.raises(errors.APITimeoutError):
                await client.v2.get_workflow("wf1")
            check_bound(started, 0.4)
        assert server.seen() == 1  # the 30 s sleep after the first attempt was cut


@pytest.mark.anyio
async def test_the_deadline_bounds_the_token_fetch() -> None:
    def respond(request: Request) -> Fault:
        if request.path.endswith("/oauth/token"):
            return Fault(stall=True)
        return json_reply(200, {"data": {}})

    with running(respond) as server:
        credentials = ClientCredentials(client_id="c", client_secret="s")
        async with AsyncOrchestrationClient(server.url, auth=credentials, timeout=5, deadline=0.3) as client:
            started = time.perf_counter()
            with pytest.raises(errors.APITimeoutError):
                await client.v2.get_workflow("wf1")
            check_bound(started, 0.3)


@pytest.mark.parametrize("bad", [0, -1, float("nan"), float("inf"), "1", True])
def test_a_bad_deadline_is_refused(bad: object) -> None:
    with pytest.raises(ValueError, match="deadline"):
        AsyncOrchestrationClient("http://127.0.0.1:1", deadline=bad)  # type: ignore[arg-type]
