"""Cancelling a call at any point leaves the client usable, its pool consistent and no task behind.

Cancellation comes from an anyio cancel scope, ``asyncio.Task.cancel()`` or a trio cancel scope. It is fired at
named points (the server fires it, through the event loop's token, the moment the call reaches that point; the
retry log fires it right before the backoff sleep) and at evenly spaced instants of a call that goes through every
phase. After each: the call ended promptly, nothing is left in the pool, no task survives, the token lock is free,
and the next call on the same client succeeds.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field, replace
from typing import Any

import anyio
import anyio.from_thread
import anyio.lowlevel
import httpx
import pytest

from formance_orchestration import AsyncOrchestrationClient, ClientCredentials, RetryPolicy

from .faultserver import Fault, Request, json_reply, v2_error
from .helpers import live_tasks, pool_problems, serve, settle
from .ops import PREFIX, WF, data
from .ops import WORKFLOW as WORKFLOW_JSON
from .report import REPORT, heavy_enabled

TOKEN_PATH = "/api/auth/oauth/token"
PATH = f"{PREFIX}/v2/workflows/{WF}"
HOLD = 5.0  # how long the server holds a phase open: far longer than any cancellation may take
SLOW_BACKOFF = RetryPolicy(max_attempts=3, initial_delay=HOLD, max_delay=HOLD, jitter=0)
CREDENTIALS = ClientCredentials(client_id="cancel-client", client_secret="cancel-secret")


@dataclass
class Stack:
    """Token endpoint and API on one server; what each request gets depends on the phase under test."""

    phase: str
    fire: Callable[[], None] = lambda: None  # cancels the call from the server thread; set once the call runs
    token_requests: int = 0
    api_requests: int = 0
    rejected: set[str] = field(default_factory=set)  # tokens the API answers 401 to
    release: threading.Event = field(default_factory=threading.Event)  # ends the pool blocker's hold

    def responder(self, request: Request) -> Fault:
        if request.path == TOKEN_PATH:
            self.token_requests += 1
            slow = self.phase == "token fetch" or (
                self.phase == "token refresh after a 401" and self.token_requests == 2
            )
            token = {"access_token": f"tok-{self.token_requests}", "expires_in": 3600}
            return json_reply(200, token, head_delay=HOLD if slow else 0)
        self.api_requests += 1
        if request.headers.get("authorization", "").removeprefix("Bearer ") in self.rejected:
            return v2_error(401, "UNAUTHORIZED", "token revoked")
        if self.api_requests == 1:
            if self.phase == "waiting for the response head":
                return Fault(head_delay=HOLD)
            if self.phase == "reading the body":
                return Fault(200, b'{"data": {}}', body_delay=HOLD)
            if self.phase == "backoff sleep":
                return v2_error(503, "INTERNAL", "busy")
            if self.phase == "waiting for a pooled connection":
                self.release.wait(HOLD)  # the blocker holds the only connection until released
        return data(200, WORKFLOW_JSON)

    def on_event(self, name: str, request: Request) -> None:
        """Server thread: fire when the call reaches the phase under test."""
        token_request = request.path == TOKEN_PATH
        reached = {
            "token fetch": token_request and name == "request",
            "token refresh after a 401": token_request and name == "request" and self.token_requests == 2,
            "waiting for the response head": not token_request and name == "request",
            "reading the body": not token_request and name == "head",
        }
        if reached.get(self.phase, False):
            self.fire()


PHASES = [
    "before the first await",
    "token fetch",
    "waiting for the response head",
    "reading the body",
    "backoff sleep",
    "token refresh after a 401",
    "waiting for a pooled connection",
]


class CancelOnRetry(logging.Handler):
    """The retry decision (INFO) is logged on the calling task right before the backoff sleep: cancel from there."""

    def __init__(self, fire: Callable[[], None]) -> None:
        super().__init__(logging.INFO)
        self.fire = fire

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno == logging.INFO and hasattr(record, "retry_delay"):
            self.fire()


async def cancelled(
    mechanism: str, call: Callable[[], Coroutine[Any, Any, object]], arm: Callable[[Callable[[], None]], None]
) -> bool:
    """Run ``call`` and let ``arm(fire)`` decide when ``fire()`` cancels it; True if it ended cancelled."""
    if mechanism == "asyncio":
        task = asyncio.get_running_loop().create_task(call())

        def cancel_task() -> None:
            task.cancel()

        arm(cancel_task)
        try:
            await task
        except asyncio.CancelledError:
            return True
        return False
    if mechanism == "trio":
        import trio

        with trio.CancelScope() as trio_scope:
            arm(trio_scope.cancel)
            await call()
        return bool(trio_scope.cancelled_caught)
    with anyio.CancelScope() as scope:
        arm(scope.cancel)
        await call()
    return scope.cancelled_caught


def mechanisms(backend: str) -> list[str]:
    return ["anyio", backend]


@pytest.mark.anyio
async def test_cancel_at_every_phase(anyio_backend: str) -> None:
    failures: list[str] = []
    for mechanism in mechanisms(anyio_backend):
        for phase in PHASES:
            problems = await cancel_once(anyio_backend, mechanism, phase)
            REPORT.cancellations[f"{mechanism}:{phase}"] += 1
            REPORT.cancellation_failures += bool(problems)
            failures += [f"{mechanism} / {phase}: {p}" for p in problems]
    REPORT.fault(*(f"cancelled during {phase}" for phase in PHASES))
    assert not failures, "\n".join(failures)


async def cancel_once(backend: str, mechanism: str, phase: str) -> list[str]:
    stack = Stack(phase)
    loop_token = anyio.lowlevel.current_token()
    problems: list[str] = []
    pool_phase = phase == "waiting for a pooled connection"
    with serve(stack.responder) as server:
        server.on_event = stack.on_event
        if phase == "token refresh after a 401":
            stack.rejected.add("tok-1")
        http = httpx.AsyncClient(limits=httpx.Limits(max_connections=1)) if pool_phase else None
        client = AsyncOrchestrationClient(
            server.url, auth=CREDENTIALS, retries=SLOW_BACKOFF, timeout=HOLD * 2, http_client=http
        )
        tasks_before = live_tasks(backend)
        blocker: list[BaseException | None] = []
        fired_at: list[float] = []
        try:
            async with anyio.create_task_group() as tg:
                if pool_phase:
                    tg.start_soon(hold_the_connection, client, blocker)
                    await wait_for(lambda: server.seen(path=PATH) == 1)

                def arm(cancel: Callable[[], None]) -> None:
                    def fire() -> None:
                        fired_at.append(time.perf_counter())
                        cancel()

                    stack.fire = lambda: anyio.from_thread.run_sync(fire, token=loop_token)
                    if phase == "before the first await":
                        fire()
                    elif phase == "backoff sleep":
                        sdk_logger = logging.getLogger("formance_orchestration")
                        sdk_logger.addHandler(CancelOnRetry(fire))
                        sdk_logger.setLevel(logging.INFO)
                    elif pool_phase:
                        tg.start_soon(fire_when_queued, client, fire)

                try:
                    ended_cancelled = await cancelled(mechanism, lambda: client.v2.get_workflow(WF), arm)
                finally:
                    remove_retry_handlers()
                lag = time.perf_counter() - fired_at[0] if fired_at else 0.0
                stack.release.set()  # the pool blocker's call completes on the connection
            if not ended_cancelled:
                problems.append("the call was not cancelled")
            if lag > 1.0:
                problems.append(f"the call took {lag:.2f} s to end after the cancel")
            await settle()
            problems += check_after(client, stack, backend, tasks_before, phase, blocker)
            stack.phase = "none"
            if (await client.v2.get_workflow(WF)).id != WF:
                problems.append("the client gave a wrong answer after the cancel")
            problems += [f"after the next call: {p}" for p in pool_problems(client)]
        except Exception as exc:  # report it with the phase, and go on with the sweep
            problems.append(f"{type(exc).__name__}: {exc}")
        finally:
            stack.release.set()
            await client.aclose()
            if http is not None:
                await http.aclose()
    return problems


def check_after(
    client: AsyncOrchestrationClient,
    stack: Stack,
    backend: str,
    tasks_before: int,
    phase: str,
    blocker: list[BaseException | None],
) -> list[str]:
    problems = [f"pool: {p}" for p in pool_problems(client)]
    tasks_after = live_tasks(backend)
    if tasks_after > tasks_before:
        problems.append(f"{tasks_after - tasks_before} task(s) left behind")
    tokens = client._transport._tokens
    lock = tokens._lock if tokens is not None else None
    if lock is not None and lock.locked():
        problems.append("the token lock is still held")
    if phase == "before the first await" and stack.token_requests + stack.api_requests:
        problems.append("a request left although the call was cancelled before it started")
    if phase == "waiting for a pooled connection" and blocker != [None]:
        problems.append(f"the call holding the connection did not succeed: {blocker}")
    return problems


async def hold_the_connection(client: AsyncOrchestrationClient, outcome: list[BaseException | None]) -> None:
    try:
        await client.v2.get_workflow(WF, max_retries=0)
        outcome.append(None)
    except Exception as exc:
        outcome.append(exc)


async def fire_when_queued(client: AsyncOrchestrationClient, fire: Callable[[], None]) -> None:
    pool = client.http_client._transport._pool  # type: ignore[attr-defined]
    await wait_for(lambda: len(pool._requests) == 2)
    fire()


async def wait_for(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    with anyio.fail_after(timeout):
        while not condition():  # noqa: ASYNC110 - the condition is another thread's state, no event to wait on
            await anyio.sleep(0.005)


def remove_retry_handlers() -> None:
    logger = logging.getLogger("formance_orchestration")
    for handler in list(logger.handlers):
        if isinstance(handler, CancelOnRetry):
            logger.removeHandler(handler)
            logger.setLevel(logging.NOTSET)


# -- cancelling at evenly spaced instants ------------------------------------------------------------------------

STEP = 0.03  # each phase of the swept call lasts this long


def sweep_responder(counts: dict[str, int]) -> Callable[[Request], Fault]:
    """Token (slow), then 401 (refresh, slow), then 503 (backoff), then a slow head and a slow body."""

    def respond(request: Request) -> Fault:
        key = "token" if request.path == TOKEN_PATH else "api"
        counts[key] = counts.get(key, 0) + 1
        if key == "token":
            return json_reply(200, {"access_token": f"tok-{counts[key]}", "expires_in": 3600}, head_delay=STEP)
        attempt = counts[key]
        if attempt == 1:
            return v2_error(401, "UNAUTHORIZED", "expired", head_delay=STEP)
        if attempt == 2:
            return v2_error(503, "INTERNAL", "busy", head_delay=STEP)
        return replace(data(200, WORKFLOW_JSON), head_delay=STEP, body_delay=STEP)

    return respond


@pytest.mark.anyio
async def test_cancel_at_evenly_spaced_instants(anyio_backend: str) -> None:
    """The same call cancelled after 0, 1, 2, ... x STEP/2 seconds: every instant of its ~7-step life is hit."""
    policy = RetryPolicy(max_attempts=3, initial_delay=STEP, max_delay=STEP, jitter=0)
    points = 16 if heavy_enabled() else 8
    failures: list[str] = []
    completed = 0
    for point in range(points):
        delay = point * (8 * STEP) / points
        counts: dict[str, int] = {}
        with serve(sweep_responder(counts)) as server:
            async with AsyncOrchestrationClient(server.url, auth=CREDENTIALS, retries=policy) as client:
                tasks_before = live_tasks(anyio_backend)
                with anyio.move_on_after(delay) as scope:
                    await client.v2.get_workflow(WF)
                completed += not scope.cancelled_caught
                await settle()
                problems = [f"pool: {p}" for p in pool_problems(client)]
                if live_tasks(anyio_backend) > tasks_before:
                    problems.append("a task was left behind")
                server.responder = lambda request: (
                    json_reply(200, {"access_token": "fresh", "expires_in": 3600})
                    if request.path == TOKEN_PATH
                    else data(200, WORKFLOW_JSON)
                )
                if (await client.v2.get_workflow(WF)).id != WF:
                    problems.append("wrong answer after the cancel")
                failures += [f"cancelled after {delay:.3f} s: {p}" for p in problems]
        REPORT.cancellations[f"sweep:{delay:.3f}"] += 1
        REPORT.cancellation_failures += bool(problems)
    assert completed <= 2, "the sweep should cancel calls, not watch them complete"
    assert not failures, "\n".join(failures)
