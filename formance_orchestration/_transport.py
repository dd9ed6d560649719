"""The async core transport: the one funnel between operation coroutines and the network.

An operation builds an immutable :class:`RequestSpec`; :meth:`AsyncTransport.execute` turns it into HTTP
attempts (auth -> send -> error mapping) under the retry policy, and :meth:`AsyncTransport.request` decodes the
answer. Nothing here knows about workflows.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, TypeVar
from urllib.parse import quote

import anyio
import attrs
import httpx
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt

from . import _constants
from ._auth import Auth, BearerToken, ClientCredentials, TokenCache
from ._decode import DecodeError, dump_datetime
from ._retry import RetryPolicy, retry_after_seconds, should_retry
from ._types import NOT_GIVEN, NotGiven, RetriesTypes, StageLike, TimeoutTypes
from ._version import __version__
from .errors import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    OrchestrationError,
    _make_status_error,
)

__all__ = ["AsyncTransport", "RequestSpec", "encode_body", "path_segment", "query_value"]

T = TypeVar("T")

logger = logging.getLogger("formance_orchestration")

USER_AGENT = f"formance-orchestration-python/{__version__}"


@attrs.frozen(kw_only=True, slots=True)
class RequestSpec:
    """Everything needed to send one API call, fixed before the first attempt.

    ``path`` is already percent-encoded; ``query`` pairs with a ``None`` value are left out; ``body`` is the JSON
    value to send (``None`` for no body).
    """

    operation: str
    method: str
    path: str
    query: tuple[tuple[str, str | None], ...] = ()
    body: Any = None
    fallback_path: str | None = None
    schema: str | None = None
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN
    extra_headers: Mapping[str, str] | None = None
    retries: RetriesTypes | NotGiven = NOT_GIVEN


def path_segment(value: object, name: str) -> str:
    """Percent-encode ``value`` as exactly one path segment (``/``, ``?``, ``#``, ``%`` escaped).

    An empty value is refused before any I/O: it would silently address the collection instead of one item.
    """
    if isinstance(value, bool):
        raise TypeError(f"{name} must be a string or an integer, got bool")
    if isinstance(value, int):
        return str(value)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, got {type(value).__name__}")
    if not value:
        raise ValueError(f"{name} must be a non-empty string")
    encoded = quote(value, safe="")
    # "." and ".." are removed by URL normalisation (RFC 3986 5.2.4); escaped dots keep them a literal segment.
    if encoded in {".", ".."}:
        encoded = encoded.replace(".", "%2E")
    return encoded


def query_value(value: object) -> str | None:
    """Render a query parameter the way the server parses it (booleans as ``true``/``false``)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, str)):
        return str(value)
    raise TypeError(f"unsupported query parameter value of type {type(value).__name__}")


def encode_body(value: Any) -> Any:
    """Turn a request argument into JSON data: models, stage builders, mappings and sequences.

    Top-level ``None`` values of a mapping are dropped: ``None`` means "not given" in the public API.
    """
    from ._converter import unstructure

    def encode(item: Any) -> Any:
        if item is None or isinstance(item, (str, bool, int, float)):
            return item
        if isinstance(item, Mapping):
            return {_key(k): encode(v) for k, v in item.items()}
        if isinstance(item, StageLike):
            return encode(item.to_json())
        if isinstance(item, datetime):
            return dump_datetime(item)
        if attrs.has(type(item)):
            return unstructure(item)
        if isinstance(item, Sequence):
            return [encode(v) for v in item]
        raise TypeError(f"cannot send a value of type {type(item).__name__} as JSON")

    if isinstance(value, Mapping) and not attrs.has(type(value)):
        return {_key(k): encode(v) for k, v in value.items() if v is not None}
    return encode(value)


def _key(key: object) -> str:
    if not isinstance(key, str):
        raise TypeError(f"JSON object keys must be strings, got {type(key).__name__}")
    return key


_SECRET_QUERY_NAMES = ("token", "secret", "password", "key", "signature")


def _loggable_url(url: httpx.URL) -> str:
    """The URL with the values of secret-looking query parameters masked."""
    params = [
        (k, "***" if any(s in k.lower() for s in _SECRET_QUERY_NAMES) else v) for k, v in url.params.multi_items()
    ]
    return str(url.copy_with(params=params)) if params else str(url)


def _timeout(value: TimeoutTypes | NotGiven, default: httpx.Timeout) -> httpx.Timeout:
    if isinstance(value, NotGiven):
        return default
    if isinstance(value, httpx.Timeout):
        return value
    if value is None:
        return httpx.Timeout(None)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ValueError(f"timeout must be a positive number of seconds, an httpx.Timeout or None, got {value!r}")
    return httpx.Timeout(float(value))


class AsyncTransport:
    """Sends :class:`RequestSpec` objects over one pooled ``httpx.AsyncClient``.

    Args:
        base_url: Scheme and host of the stack, e.g. ``https://org-stack.eu-west-1.formance.cloud``.
        api_prefix: Path prefix of the service (``/api/orchestration`` through the gateway, ``""`` direct).
        auth: Credentials, or ``None``.
        timeout: Default timeout of every call.
        retries: Default retry policy.
        headers: Headers added to every request.
        http_client: A client to use as is; the transport never closes it.
        max_response_bytes: Largest response body read before giving up.
    """

    def __init__(
        self,
        *,
        base_url: str,
        api_prefix: str,
        auth: Auth,
        timeout: httpx.Timeout,
        retries: RetryPolicy,
        headers: Mapping[str, str],
        http_client: httpx.AsyncClient | None,
        max_response_bytes: int,
    ) -> None:
        self.base_url = base_url
        self.api_prefix = api_prefix
        self._root = base_url + api_prefix
        self.timeout = timeout
        self.retries = retries
        self.max_response_bytes = max_response_bytes
        self._owns_client = http_client is None
        self._client = http_client or httpx.AsyncClient(timeout=timeout, limits=_constants.DEFAULT_LIMITS)
        self._headers = {"User-Agent": USER_AGENT, "Accept": "application/json", **headers}
        self._bearer: str | None = None
        self._tokens: TokenCache | None = None
        if isinstance(auth, BearerToken):
            self._bearer = auth.token
        elif isinstance(auth, ClientCredentials):
            token_url = auth.token_url or base_url + _constants.TOKEN_PATH
            self._tokens = TokenCache(auth, token_url, self._client)
        self.closed = False

    @property
    def http_client(self) -> httpx.AsyncClient:
        """The underlying ``httpx.AsyncClient``."""
        return self._client

    async def aclose(self) -> None:
        """Close the connection pool, unless the user supplied the client."""
        self.closed = True
        if self._owns_client:
            await self._client.aclose()

    # -- public entry points ---------------------------------------------------------------------------------

    async def request(self, spec: RequestSpec, parse: Callable[[Any], T] | None) -> T:
        """Send ``spec`` and decode the answer with ``parse`` (``None`` for answers without a body)."""
        response = await self.execute(spec)
        return self.decode(spec, response, parse)

    async def execute(self, spec: RequestSpec) -> httpx.Response:
        """Send ``spec`` with retries; return the successful response with its body read, or raise."""
        if self.closed:
            raise RuntimeError("this client is closed; create a new one")
        policy = self.retries if isinstance(spec.retries, NotGiven) else RetryPolicy.of(spec.retries)
        timeout = _timeout(spec.timeout, self.timeout)
        if policy.max_attempts == 1:
            return await self._attempt(spec, timeout, 1)
        retrying = AsyncRetrying(
            stop=stop_after_attempt(policy.max_attempts),
            wait=lambda state: self._delay(policy, state),
            retry=retry_if_exception(lambda exc: should_retry(spec.method, exc, policy)),
            sleep=anyio.sleep,
            before_sleep=lambda state: _log_retry(spec, state),
            reraise=True,
        )
        async for attempt in retrying:
            with attempt:
                return await self._attempt(spec, timeout, attempt.retry_state.attempt_number)
        raise AssertionError("unreachable: tenacity re-raises the last error")  # pragma: no cover

    def decode(self, spec: RequestSpec, response: httpx.Response, parse: Callable[[Any], T] | None) -> T:
        """Decode a successful response's JSON body with ``parse``."""
        if parse is None:
            return None  # type: ignore[return-value]
        schema = spec.schema or spec.operation
        try:
            body = json.loads(response.content)
        except ValueError as exc:
            snippet = " ".join(response.text.split())[:120]
            raise APIResponseValidationError(
                schema=schema,
                path="$",
                reason=f"body is not valid JSON ({getattr(exc, 'msg', exc)}): {snippet!r}",
                response=response,
            ) from None
        try:
            return parse(body)
        except DecodeError as exc:
            raise APIResponseValidationError(
                schema=schema, path=exc.json_path, reason=exc.reason, response=response
            ) from None
        except RecursionError:
            raise APIResponseValidationError(
                schema=schema, path="$", reason="body is nested too deeply", response=response
            ) from None

    # -- one attempt -----------------------------------------------------------------------------------------

    def _delay(self, policy: RetryPolicy, state: RetryCallState) -> float:
        outcome = state.outcome
        error = outcome.exception() if outcome is not None else None
        response = getattr(error, "response", None)
        after = retry_after_seconds(response if isinstance(response, httpx.Response) else None)
        if after is not None:
            return min(after, policy.max_retry_after)
        return policy.backoff(state.attempt_number)

    async def _attempt(self, spec: RequestSpec, timeout: httpx.Timeout, attempt: int) -> httpx.Response:
        token = await self._token(timeout)
        response = await self._send(spec, spec.path, token, timeout, attempt)
        if response.status_code == 401 and self._tokens is not None and token is not None:
            # The cached token may have been revoked or expired early: refresh once and replay once.
            self._tokens.invalidate(token)
            token = await self._token(timeout)
            response = await self._send(spec, spec.path, token, timeout, attempt)
        if response.status_code == 404 and spec.fallback_path is not None:
            response = await self._send(spec, spec.fallback_path, token, timeout, attempt)
        if not 200 <= response.status_code < 300:
            raise _make_status_error(response)
        return response

    async def _token(self, timeout: httpx.Timeout) -> str | None:
        if self._tokens is not None:
            return await self._tokens.get(timeout)
        return self._bearer

    async def _send(
        self, spec: RequestSpec, path: str, token: str | None, timeout: httpx.Timeout, attempt: int
    ) -> httpx.Response:
        headers = dict(self._headers)
        content: bytes | None = None
        if spec.body is not None:
            # A sized body: the server ignores run_workflow variables sent without Content-Length.
            content = json.dumps(spec.body, separators=(",", ":"), ensure_ascii=False).encode()
            headers["Content-Type"] = "application/json"
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        if spec.extra_headers:
            headers.update(spec.extra_headers)
        params = httpx.QueryParams([(k, v) for k, v in spec.query if v is not None])
        request = self._client.build_request(
            spec.method, self._root + path, params=params, content=content, headers=headers, timeout=timeout
        )
        started = time.perf_counter()
        try:
            response = await self._client.send(request, stream=True)
            try:
                await self._read_body(response)
            finally:
                await response.aclose()
        except httpx.TimeoutException as exc:
            self._log_attempt(request, None, started, attempt)
            raise APITimeoutError(
                f"{spec.method} {request.url.path} timed out ({type(exc).__name__})", request=request
            ) from exc
        except httpx.HTTPError as exc:
            self._log_attempt(request, None, started, attempt)
            raise APIConnectionError(
                f"{spec.method} {request.url.path} failed: {type(exc).__name__}: {exc}", request=request
            ) from exc
        self._log_attempt(request, response, started, attempt)
        return response

    async def _read_body(self, response: httpx.Response) -> None:
        limit = self.max_response_bytes
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise _TooLarge(f"response body of {declared} bytes exceeds the {limit}-byte limit")
        chunks = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > limit:
                raise _TooLarge(f"response body exceeds the {limit}-byte limit")
            chunks.append(chunk)
        # What Response.aread() does, with a size limit on the way.
        response._content = b"".join(chunks)

    def _log_attempt(
        self, request: httpx.Request, response: httpx.Response | None, started: float, attempt: int
    ) -> None:
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "%s %s -> %s in %.1f ms (attempt %d)",
                request.method,
                _loggable_url(request.url),
                response.status_code if response is not None else "no response",
                (time.perf_counter() - started) * 1000,
                attempt,
                extra={
                    "http_method": request.method,
                    "url": _loggable_url(request.url),
                    "status_code": response.status_code if response is not None else None,
                    "elapsed_ms": (time.perf_counter() - started) * 1000,
                    "attempt": attempt,
                },
            )


class _TooLarge(httpx.DecodingError):
    """A body over the size limit: surfaces as APIConnectionError, never retried as a transient fault."""


def _log_retry(spec: RequestSpec, state: RetryCallState) -> None:
    outcome = state.outcome
    error = outcome.exception() if outcome is not None else None
    delay = state.upcoming_sleep
    logger.warning(
        "%s %s failed (%s); retrying in %.2f s (attempt %d)",
        spec.method,
        spec.path,
        _describe(error),
        delay,
        state.attempt_number + 1,
        extra={"operation": spec.operation, "attempt": state.attempt_number, "retry_delay": delay},
    )


def _describe(error: BaseException | None) -> str:
    if isinstance(error, OrchestrationError):
        status = getattr(error, "status_code", None)
        return f"status {status}" if status is not None else type(error).__name__
    return type(error).__name__ if error is not None else "unknown"
