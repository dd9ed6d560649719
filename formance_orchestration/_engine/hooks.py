"""Hooks for the SDK's own events, and the one observer the transport calls when hooks or OpenTelemetry are on.

A client takes ``hooks=Hooks(...)``; each event has a field, which takes one callable or a sequence of them,
plain or ``async``. Each callable receives one event object:

* ``before_attempt``: :class:`AttemptEvent`, before each HTTP request (each attempt, the replay after a 401, the
  fallback route): the operation, method, URL, attempt number and a :class:`HookRequest` whose headers the hook
  may change.
* ``after_response``: :class:`ResponseEvent`, after each answer, error statuses included, with the elapsed time.
* ``on_retry``: :class:`RetryEvent`, when a failed attempt will be retried: the error and the delay chosen.
* ``on_token``: :class:`TokenEvent`, after each fetch of an OAuth2 access token (success or failure).

A hook that raises fails the call with :class:`~formance_orchestration.errors.HookError`, the hook's exception
chained as ``__cause__``; it is never retried. Hooks never see a credential: the ``Authorization`` header is
``Bearer ***`` in the request they get (the real token is put back after them, unless the hook replaced the
header), requests are masked again once sent (so ``response.request`` shows the mask), and token events carry no
token.
"""

from __future__ import annotations

import contextlib
import inspect
import time
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import httpx

from .._exceptions import APIConnectionError, HookError

if TYPE_CHECKING:
    from .telemetry import Telemetry

__all__ = [
    "AttemptEvent",
    "HookRequest",
    "Hooks",
    "Observer",
    "ResponseEvent",
    "RetryEvent",
    "TokenEvent",
    "MASKED_AUTHORIZATION",
]

MASKED_AUTHORIZATION = "Bearer ***"

T = TypeVar("T")


class HookRequest:
    """The request a ``before_attempt`` hook sees: method, URL and body to read, headers to change.

    ``headers`` is a copy of the request's headers with ``Authorization`` masked; what the hook leaves there is
    what is sent (a masked ``Authorization`` is replaced by the real one; one the hook sets itself is kept).
    """

    __slots__ = ("content", "headers", "method", "url")

    def __init__(self, method: str, url: httpx.URL, headers: httpx.Headers, content: bytes) -> None:
        self.method = method
        self.url = url
        self.headers = headers
        self.content = content

    def __repr__(self) -> str:
        return f"<HookRequest {self.method} {self.url}>"


@attrs.frozen(kw_only=True)
class AttemptEvent:
    """An HTTP request about to be sent.

    Attributes:
        operation: The operation (``"get_workflow"``); ``None`` outside one.
        method: The HTTP method.
        url: The full URL, query included.
        attempt: 1 for the first attempt, 2 for the first retry, ...
        request: The request; a hook may change its ``headers``.
    """

    operation: str
    method: str
    url: httpx.URL
    attempt: int
    request: HookRequest


@attrs.frozen(kw_only=True)
class ResponseEvent:
    """An answer came back (any status: an error status raises after the hooks ran).

    Attributes:
        operation: The operation.
        attempt: The attempt number.
        response: The ``httpx.Response``, its body read; ``response.request`` has ``Authorization`` masked.
        elapsed: Seconds from sending the request to reading the whole answer.
    """

    operation: str
    attempt: int
    response: httpx.Response
    elapsed: float


@attrs.frozen(kw_only=True)
class RetryEvent:
    """A failed attempt will be retried after ``delay`` seconds.

    Attributes:
        operation: The operation.
        attempt: The attempt that failed (1 for the first).
        error: What it failed with (an ``APIStatusError``, ``APIConnectionError``, ``TokenError``, ...).
        delay: Seconds the SDK waits before the next attempt (``Retry-After`` or backoff).
    """

    operation: str
    attempt: int
    error: Exception
    delay: float


@attrs.frozen(kw_only=True)
class TokenEvent:
    """An OAuth2 access token was fetched, or fetching one failed. Carries no token and no secret.

    Attributes:
        token_url: The token endpoint.
        elapsed: Seconds the fetch took.
        expires_in: The token's lifetime in seconds, or ``None`` when the fetch failed.
        error: The ``TokenError`` or ``APIConnectionError``, or ``None`` on success.
    """

    token_url: str
    elapsed: float
    expires_in: float | None
    error: Exception | None


def _callables(value: object, field: str) -> tuple[Callable[..., Any], ...]:
    if value is None:
        return ()
    items = (value,) if callable(value) else value
    if isinstance(items, (str, bytes, Mapping)) or not isinstance(items, Sequence):
        raise TypeError(f"hooks {field} must be a callable or a sequence of callables, got {type(value).__name__}")
    for item in items:
        if not callable(item):
            raise TypeError(f"hooks {field} must hold callables, got {type(item).__name__}")
    return tuple(items)


# One named converter per field: mypy's attrs plugin takes the constructor's argument types from them.
def _before_attempt(
    value: Callable[[AttemptEvent], object] | Sequence[Callable[[AttemptEvent], object]] | None,
) -> tuple[Callable[[AttemptEvent], object], ...]:
    return _callables(value, "before_attempt")


def _after_response(
    value: Callable[[ResponseEvent], object] | Sequence[Callable[[ResponseEvent], object]] | None,
) -> tuple[Callable[[ResponseEvent], object], ...]:
    return _callables(value, "after_response")


def _on_retry(
    value: Callable[[RetryEvent], object] | Sequence[Callable[[RetryEvent], object]] | None,
) -> tuple[Callable[[RetryEvent], object], ...]:
    return _callables(value, "on_retry")


def _on_token(
    value: Callable[[TokenEvent], object] | Sequence[Callable[[TokenEvent], object]] | None,
) -> tuple[Callable[[TokenEvent], object], ...]:
    return _callables(value, "on_token")


@attrs.frozen(kw_only=True)
class Hooks:
    """Callables run on the SDK's events; each field takes one callable or a sequence, plain or ``async``.

    >>> def tag(event: AttemptEvent) -> None:
    ...     event.request.headers["X-Team"] = "payments"
    >>> client = AsyncOrchestrationClient(base_url, hooks=Hooks(before_attempt=tag))

    Attributes:
        before_attempt: Called with an :class:`AttemptEvent` before each HTTP request.
        after_response: Called with a :class:`ResponseEvent` after each answer.
        on_retry: Called with a :class:`RetryEvent` before waiting to retry.
        on_token: Called with a :class:`TokenEvent` after each access-token fetch.
    """

    # A hook returns None or an awaitable (an async function's coroutine), which is awaited.
    before_attempt: tuple[Callable[[AttemptEvent], object], ...] = attrs.field(default=(), converter=_before_attempt)
    after_response: tuple[Callable[[ResponseEvent], object], ...] = attrs.field(default=(), converter=_after_response)
    on_retry: tuple[Callable[[RetryEvent], object], ...] = attrs.field(default=(), converter=_on_retry)
    on_token: tuple[Callable[[TokenEvent], object], ...] = attrs.field(default=(), converter=_on_token)

    def __bool__(self) -> bool:
        return bool(self.before_attempt or self.after_response or self.on_retry or self.on_token)


async def _run(hooks: tuple[Callable[[T], object], ...], event: T, name: str) -> None:
    for hook in hooks:
        try:
            result = hook(event)
            if inspect.isawaitable(result):
                await result
        except Exception as exc:
            raise HookError(name, hook, exc) from exc


def mask_authorization(request: httpx.Request) -> None:
    """Replace a sent request's ``Authorization`` by the mask (the request is not sent again)."""
    if "authorization" in request.headers:
        request.headers["Authorization"] = MASKED_AUTHORIZATION


class Observer:
    """What the transport calls around each call, attempt, retry and token fetch: hooks and OpenTelemetry.

    The transport holds one only when hooks or OpenTelemetry are on, so a plain client pays nothing.
    """

    __slots__ = ("hooks", "routes", "telemetry")

    def __init__(self, hooks: Hooks | None, telemetry: Telemetry | None, routes: Mapping[str, str]) -> None:
        self.hooks = hooks or Hooks()
        self.telemetry = telemetry
        self.routes = routes

    @contextlib.contextmanager
    def call(self, operation: str) -> Iterator[None]:
        """Around one operation call (all its attempts, retries and the decoding)."""
        if self.telemetry is None:
            yield
            return
        with self.telemetry.operation(operation):
            yield

    async def send(
        self,
        operation: str,
        request: httpx.Request,
        attempt: int,
        send: Callable[[httpx.Request], Awaitable[httpx.Response]],
    ) -> httpx.Response:
        """One HTTP request: the attempt span, ``traceparent``, the hooks before and after."""
        telemetry = self.telemetry
        span_cm = (
            telemetry.attempt(request, self.routes.get(operation), attempt)
            if telemetry is not None
            else contextlib.nullcontext()
        )
        with span_cm as span:
            if telemetry is not None:
                telemetry.inject(request.headers)
            hooks = self.hooks
            if hooks.before_attempt:
                await self._before(operation, request, attempt)
            started = time.perf_counter()
            try:
                response = await send(request)
            except APIConnectionError as exc:
                if telemetry is not None:
                    telemetry.failed(span, exc)
                raise
            finally:
                if hooks:
                    mask_authorization(request)
            if telemetry is not None:
                telemetry.answered(span, response.status_code)
            if hooks.after_response:
                event = ResponseEvent(
                    operation=operation, attempt=attempt, response=response, elapsed=time.perf_counter() - started
                )
                await _run(hooks.after_response, event, "after_response")
            return response

    async def _before(self, operation: str, request: httpx.Request, attempt: int) -> None:
        real = request.headers.get("authorization")
        view = httpx.Headers(request.headers)
        if real is not None:
            view["Authorization"] = MASKED_AUTHORIZATION
        hook_request = HookRequest(request.method, request.url, view, request.content)
        event = AttemptEvent(
            operation=operation, method=request.method, url=request.url, attempt=attempt, request=hook_request
        )
        await _run(self.hooks.before_attempt, event, "before_attempt")
        headers = hook_request.headers
        if real is not None and headers.get("authorization") == MASKED_AUTHORIZATION:
            headers["Authorization"] = real
        request.headers = headers

    async def retrying(self, operation: str, attempt: int, error: Exception, delay: float) -> None:
        """A failed attempt will be retried after ``delay`` seconds."""
        if self.telemetry is not None:
            self.telemetry.retry_event(attempt, error, delay)
        if self.hooks.on_retry:
            event = RetryEvent(operation=operation, attempt=attempt, error=error, delay=delay)
            await _run(self.hooks.on_retry, event, "on_retry")

    async def token_fetch(self, token_url: str, fetch: Callable[[], Awaitable[tuple[str, float]]]) -> tuple[str, float]:
        """One access-token fetch: its span, and the ``on_token`` hooks once it is over."""
        telemetry = self.telemetry
        span_cm = telemetry.token(token_url) if telemetry is not None else contextlib.nullcontext()
        with span_cm as span:
            started = time.perf_counter()
            try:
                result = await fetch()
            except Exception as exc:
                if telemetry is not None:
                    telemetry.failed(span, exc)
                if self.hooks.on_token:
                    event = TokenEvent(
                        token_url=token_url, elapsed=time.perf_counter() - started, expires_in=None, error=exc
                    )
                    await _run(self.hooks.on_token, event, "on_token")
                raise
            if self.hooks.on_token:
                event = TokenEvent(
                    token_url=token_url, elapsed=time.perf_counter() - started, expires_in=result[1], error=None
                )
                await _run(self.hooks.on_token, event, "on_token")
            return result
