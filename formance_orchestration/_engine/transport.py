"""The async core transport: the one funnel between operation coroutines and the network.

An operation builds an immutable :class:`RequestSpec`; :meth:`AsyncTransport.execute` turns it into HTTP
attempts (auth -> send -> error mapping) under the retry policy, and :meth:`AsyncTransport.request` decodes the
answer. Nothing here knows about workflows.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import json
import logging
import ssl
import time
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, TypeVar, overload
from urllib.parse import quote, urlencode

import anyio
import attrs
import httpx

from .._codec.model import UNSTRUCTURE_HOOKS
from .._codec.parse import loads as _loads
from .._codec.primitives import DecodeError, dump_datetime
from .._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    OrchestrationError,
    make_status_error,
)
from .._version import __version__
from . import constants as _constants
from .auth import Auth, BearerToken, ClientCredentials, TokenCache
from .body import SizedBody, read_body
from .response import RawResponse
from .retry import RetryPolicy, retry_after_seconds, should_retry
from .types import NOT_GIVEN, NotGiven, RetriesTypes, StageLike, TimeoutTypes

if TYPE_CHECKING:
    from tenacity import RetryCallState

__all__ = [
    "AsyncTransport",
    "RequestSpec",
    "encode_fields",
    "encode_json",
    "no_content",
    "path_segment",
    "query_value",
]

T = TypeVar("T")

logger = logging.getLogger("formance_orchestration")

# anyio imports its asyncio backend lazily, from inside the running loop on the first call: about 60 ms of
# imports that stall every other task. httpx imports httpcore (and h11, certifi) only when its first client's
# transport is made, in the middle of the first call too. Importing them with the SDK moves that cost to
# import time, where a program expects it.
for _module in ("anyio._backends._asyncio", "httpcore", "certifi"):
    with contextlib.suppress(ImportError):
        importlib.import_module(_module)

USER_AGENT = f"formance-orchestration-python/{__version__}"


def no_content(body: Any) -> None:
    """The parser of operations that answer without a body (``204 No Content``): nothing is decoded."""
    return None


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
    """Render a query parameter the way the server parses it (booleans as ``true``/``false``).

    An empty string is left out like ``None``: the server reads ``cursor=`` as absent, and the document forbids
    empty values.
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, str)):
        return str(value)
    raise TypeError(f"unsupported query parameter value of type {type(value).__name__}")


def encode_json(value: Any) -> Any:
    """Turn a request argument into JSON data: models, stage builders, mappings, sequences, datetimes.

    ``None`` stays ``null``; values JSON cannot carry (bytes, NaN, sets, ...) raise ``TypeError``/``ValueError``
    here, before any request.
    """
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is dict:  # the usual body (``variables``): a copy, so a retry sends what the call was given
        return {k if type(k) is str else _key(k): v if type(v) is str else encode_json(v) for k, v in value.items()}
    if isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"cannot send {value!r} as JSON")
        return value
    if isinstance(value, Mapping):
        return {_key(k): encode_json(v) for k, v in value.items()}
    if isinstance(value, StageLike):
        return encode_json(value.to_json())
    if isinstance(value, datetime):
        return dump_datetime(value)
    hook = UNSTRUCTURE_HOOKS.get(kind)
    if hook is not None:  # a model: its generated encoder (cattrs is loaded only for the public converter)
        return hook(value)
    if attrs.has(kind):  # a subclass of a model
        from .._codec.converter import unstructure

        return unstructure(value)
    if isinstance(value, (list, tuple)):
        return [encode_json(v) for v in value]
    raise TypeError(f"cannot send a value of type {type(value).__name__} as JSON")


def encode_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """A request body made of named arguments: ``None`` means "not given", so those fields are left out."""
    return {key: encode_json(value) for key, value in fields.items() if value is not None}


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
        # Created on first use, in a worker thread: building an SSL context takes 100+ ms of blocking I/O that
        # would stall the event loop (and FastAPI lifespans create clients on it).
        self._client = http_client
        # Made on first use: an anyio lock belongs to the event loop running where it is created, and the
        # blocking client builds this object on the caller's thread, which may run a loop of its own.
        self._client_lock: anyio.Lock | None = None
        self._headers = {"User-Agent": USER_AGENT, "Accept": "application/json", **headers}
        # Every request of the client the SDK owns carries these (httpx's defaults under ours), merged once here
        # rather than on every call; filled in when that client is created.
        self._owned_headers: httpx.Headers | None = None
        self._header_cache: dict[tuple[str | None, bool], httpx.Headers] = {}
        self._bearer: str | None = None
        self._tokens: TokenCache | None = None
        if isinstance(auth, BearerToken):
            self._bearer = auth.token
        elif isinstance(auth, ClientCredentials):
            token_url = auth.token_url or base_url + _constants.TOKEN_PATH
            self._tokens = TokenCache(auth, token_url, self._http)
        self.closed = False
        # The JSON parser of answers (orjson with the speedups extra); the benchmarks swap in json.loads to
        # measure the standard one beside it.
        self._loads: Callable[[bytes], Any] = _loads

    @property
    def http_client(self) -> httpx.AsyncClient:
        """The underlying ``httpx.AsyncClient`` (created now, blocking, if no request has created it yet)."""
        if self._client is None:
            self._client = self._new_client()
        return self._client

    def _new_client(self) -> httpx.AsyncClient:
        client = httpx.AsyncClient(timeout=self.timeout, limits=_constants.DEFAULT_LIMITS, verify=_ssl_context())
        owned = httpx.Headers(client.headers)
        owned.update(self._headers)
        self._owned_headers = owned
        return client

    async def _http(self) -> httpx.AsyncClient:
        client = self._client
        if client is None:
            if self._client_lock is None:
                self._client_lock = anyio.Lock()
            async with self._client_lock:
                if self._client is None:
                    self._client = await anyio.to_thread.run_sync(self._new_client)
                client = self._client
        return client

    async def aclose(self) -> None:
        """Close the connection pool, unless the user supplied the client."""
        self.closed = True
        if self._owns_client and self._client is not None:
            await self._client.aclose()

    # -- public entry points ---------------------------------------------------------------------------------

    @overload
    async def request(self, spec: RequestSpec, parse: Callable[[Any], T], *, raw: Literal[False] = False) -> T: ...

    @overload
    async def request(self, spec: RequestSpec, parse: Callable[[Any], T], *, raw: Literal[True]) -> RawResponse[T]: ...

    async def request(self, spec: RequestSpec, parse: Callable[[Any], T], *, raw: bool = False) -> T | RawResponse[T]:
        """Send ``spec`` and decode the answer with ``parse`` (:func:`no_content` for answers without a body).

        With ``raw=True`` the answer comes back as a :class:`RawResponse` whose ``parse()`` decodes it later.
        """
        response = await self.execute(spec)
        if raw:
            return RawResponse(response, functools.partial(self.decode, spec, response, parse))
        return self.decode(spec, response, parse)

    async def execute(self, spec: RequestSpec) -> httpx.Response:
        """Send ``spec`` with retries; return the successful response with its body read, or raise."""
        if self.closed:
            raise RuntimeError("this client is closed; create a new one")
        policy = self.retries if isinstance(spec.retries, NotGiven) else RetryPolicy.of(spec.retries)
        timeout = _timeout(spec.timeout, self.timeout)
        log = _AttemptLog()
        try:
            # Most calls succeed at once: the first attempt runs outside tenacity, which costs about as much as
            # the rest of the SDK's per-call work to set up; it takes over only once an attempt has failed.
            try:
                return await self._attempt(spec, timeout, 1, log)
            except Exception as exc:
                if policy.max_attempts == 1 or not should_retry(spec.method, exc, policy):
                    raise
                first_failure: Exception | None = exc
            # tenacity is imported by the first retry, not by every program (most calls never retry).
            from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt

            retrying = AsyncRetrying(
                stop=stop_after_attempt(policy.max_attempts),
                wait=lambda state: self._delay(policy, state),
                retry=retry_if_exception(lambda exc: should_retry(spec.method, exc, policy)),
                sleep=anyio.sleep,
                before_sleep=lambda state: _log_retry(spec, state, log),
                reraise=True,
            )
            async for attempt in retrying:
                with attempt:
                    if first_failure is not None:
                        # Attempt 1 already failed above: tenacity records it (wait, logging) as its own first.
                        failure, first_failure = first_failure, None
                        raise failure
                    return await self._attempt(spec, timeout, attempt.retry_state.attempt_number, log)
            raise AssertionError("unreachable: tenacity re-raises the last error")  # pragma: no cover
        finally:
            log.flush(retry_delay=None)

    def decode(self, spec: RequestSpec, response: httpx.Response, parse: Callable[[Any], T]) -> T:
        """Decode a successful response's JSON body with ``parse``."""
        if parse is no_content:
            return parse(None)
        schema = spec.schema or spec.operation
        try:
            body = self._loads(response.content)
        except (ValueError, RecursionError) as exc:  # RecursionError: nested too deeply for the json module
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

    async def _attempt(
        self, spec: RequestSpec, timeout: httpx.Timeout, attempt: int, log: _AttemptLog
    ) -> httpx.Response:
        token = await self._token(timeout)
        response = await self._send(spec, spec.path, token, timeout, attempt, log)
        if response.status_code == 401 and self._tokens is not None and token is not None:
            # The cached token may have been revoked or expired early: refresh once and replay once.
            self._tokens.invalidate(token)
            token = await self._token(timeout)
            response = await self._send(spec, spec.path, token, timeout, attempt, log)
        if response.status_code == 404 and spec.fallback_path is not None:
            response = await self._send(spec, spec.fallback_path, token, timeout, attempt, log)
        if not 200 <= response.status_code < 300:
            raise make_status_error(response)
        return response

    async def _token(self, timeout: httpx.Timeout) -> str | None:
        if self._tokens is not None:
            return await self._tokens.get(timeout)
        return self._bearer

    async def _send(
        self, spec: RequestSpec, path: str, token: str | None, timeout: httpx.Timeout, attempt: int, log: _AttemptLog
    ) -> httpx.Response:
        content: bytes | None = None
        if spec.body is not None:
            # A sized body: the server ignores run_workflow variables sent without Content-Length.
            content = json.dumps(spec.body, separators=(",", ":"), ensure_ascii=False).encode()
        client = await self._http()
        request = self._build_request(client, spec, path, token, timeout, content)
        if content is not None:
            request.stream = SizedBody(content)
        started = time.perf_counter()
        try:
            response = await client.send(request, stream=True)
            try:
                await read_body(response, self.max_response_bytes)
            finally:
                await response.aclose()
        except httpx.TimeoutException as exc:
            log.record(request, None, started, attempt)
            raise APITimeoutError(
                f"{spec.method} {request.url.path} timed out ({type(exc).__name__})", request=request
            ) from exc
        except httpx.HTTPError as exc:
            log.record(request, None, started, attempt)
            raise APIConnectionError(
                f"{spec.method} {request.url.path} failed: {type(exc).__name__}: {exc}", request=request
            ) from exc
        log.record(request, response.status_code, started, attempt)
        return response

    def _build_request(
        self,
        client: httpx.AsyncClient,
        spec: RequestSpec,
        path: str,
        token: str | None,
        timeout: httpx.Timeout,
        content: bytes | None,
    ) -> httpx.Request:
        query = [(k, v) for k, v in spec.query if v is not None] if spec.query else []
        owned = self._owned_headers
        if owned is None or not self._owns_client or client.cookies:
            # A user's client keeps everything it was configured with (base URL, headers, params, cookies, auth):
            # httpx merges them in build_request. So does ours once a server has set a cookie on it.
            headers = _with_call_headers(dict(self._headers), token, content is not None)
            if spec.extra_headers:
                headers.update(spec.extra_headers)
            params: list[tuple[str, str | int | float | bool | None]] = list(query)
            return client.build_request(
                spec.method,
                self._root + path,
                params=httpx.QueryParams(params) if params else None,
                content=content,
                headers=headers,
                timeout=timeout,
            )
        # The client the SDK made has nothing of its own to merge but its default headers (merged once, in
        # _new_client), so the request is built directly: one URL parse instead of two to three, no merging.
        url = self._root + path
        if query:
            url += "?" + urlencode(query)
        # httpx.Request copies the headers it is given, so one Headers per (token, body or not) serves every call.
        cache_key = (token, content is not None)
        merged = self._header_cache.get(cache_key)
        if merged is None:
            merged = _with_call_headers(httpx.Headers(owned), token, content is not None)
            if len(self._header_cache) >= 8:  # tokens are refreshed: old ones are dropped
                self._header_cache.clear()
            self._header_cache[cache_key] = merged
        if spec.extra_headers:
            merged = httpx.Headers(merged)
            merged.update(spec.extra_headers)
        return httpx.Request(
            spec.method, url, content=content, headers=merged, extensions={"timeout": timeout.as_dict()}
        )


HeadersT = TypeVar("HeadersT", dict[str, str], httpx.Headers)


def _with_call_headers(headers: HeadersT, token: str | None, json_body: bool) -> HeadersT:
    """``headers`` with what depends on the call: the body's type and the bearer token."""
    if json_body:
        headers["Content-Type"] = "application/json"
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return headers


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    """One default SSL context for every client the SDK creates: loading the CA bundle is the slow part."""
    return httpx.create_ssl_context()


class _AttemptLog:
    """Holds the last HTTP exchange of a call until its retry delay is known, then logs it at DEBUG.

    One record per request sent: method, URL (secret-looking query values masked), status, elapsed ms, attempt
    number and the delay before the next attempt (``None`` when there is none).
    """

    __slots__ = ("_pending",)

    def __init__(self) -> None:
        self._pending: tuple[httpx.Request, int | None, float, int] | None = None

    def record(self, request: httpx.Request, status: int | None, started: float, attempt: int) -> None:
        if not logger.isEnabledFor(logging.DEBUG):
            return
        self.flush(retry_delay=None)  # an earlier exchange of the same attempt (401 replay, 404 fallback)
        self._pending = (request, status, (time.perf_counter() - started) * 1000, attempt)

    def flush(self, *, retry_delay: float | None) -> None:
        if self._pending is None:
            return
        request, status, elapsed_ms, attempt = self._pending
        self._pending = None
        url = _loggable_url(request.url)
        logger.debug(
            "%s %s -> %s in %.1f ms (attempt %d%s)",
            request.method,
            url,
            status if status is not None else "no response",
            elapsed_ms,
            attempt,
            "" if retry_delay is None else f", retrying in {retry_delay:.2f} s",
            extra={
                "http_method": request.method,
                "url": url,
                "status_code": status,
                "elapsed_ms": elapsed_ms,
                "attempt": attempt,
                "retry_delay": retry_delay,
            },
        )


def _log_retry(spec: RequestSpec, state: RetryCallState, log: _AttemptLog) -> None:
    outcome = state.outcome
    error = outcome.exception() if outcome is not None else None
    delay = state.upcoming_sleep
    log.flush(retry_delay=delay)
    logger.warning(
        "%s %s: attempt %d failed (%s); retrying in %.2f s",
        spec.method,
        spec.path,
        state.attempt_number,
        _describe(error),
        delay,
        extra={"operation": spec.operation, "attempt": state.attempt_number, "retry_delay": delay},
    )


def _describe(error: BaseException | None) -> str:
    if isinstance(error, OrchestrationError):
        status = getattr(error, "status_code", None)
        return f"status {status}" if status is not None else type(error).__name__
    return type(error).__name__ if error is not None else "unknown"
