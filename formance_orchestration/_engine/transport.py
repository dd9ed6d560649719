"""The async core transport: the one funnel between operation coroutines and the network.

An operation builds an immutable :class:`RequestSpec`; :meth:`AsyncTransport.execute` turns it into HTTP
attempts (auth -> send -> error mapping) under the retry policy, and :meth:`AsyncTransport.request` decodes the
answer. Nothing here knows about workflows.
"""

from __future__ import annotations

import contextlib
import datetime as _datetime
import functools
import importlib
import json
import logging
import ssl
import time
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, TypeVar, overload
from urllib.parse import quote, urlencode

import anyio
import attrs
import httpx

from .._codec.model import UNSTRUCTURE_HOOKS, Model
from .._codec.parse import loads as _loads
from .._codec.primitives import DecodeError, dump_datetime
from .._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    OrchestrationError,
    make_status_error,
    mask_secrets,
    request_secrets,
)
from .._version import __version__
from . import constants as _constants
from . import telemetry as _telemetry
from .auth import Auth, BearerToken, ClientCredentials, TokenCache
from .body import SizedBody, read_body
from .hooks import Hooks, Observer
from .logs import logger, register_secret
from .loops import current_loop
from .neterrors import connection_error_message
from .response import RawResponse
from .retry import RetryPolicy, check_max_retries, retries_argument, should_retry
from .settings import ConnectionSettings
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


def _retries_option(value: RetriesTypes | NotGiven) -> RetryPolicy | NotGiven:
    if isinstance(value, NotGiven):
        return value
    # Frames up to the caller: this function, RequestSpec.__init__, the request builder, the operation method,
    # the user's call.
    return retries_argument(value, stacklevel=5)


def _max_retries_option(value: int | NotGiven) -> int | NotGiven:
    return value if isinstance(value, NotGiven) else check_max_retries(value)


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
    # An int (attempts) becomes a policy here, warning once per call: the next page's spec (attrs.evolve) then
    # holds the policy and does not warn again.
    retries: RetryPolicy | NotGiven = attrs.field(default=NOT_GIVEN, converter=_retries_option)
    max_retries: int | NotGiven = attrs.field(default=NOT_GIVEN, converter=_max_retries_option)
    deadline: float | NotGiven | None = NOT_GIVEN


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
    # A model, before StageLike (a model's to_json() is its JSON text, not a stage dict): its generated encoder,
    # so cattrs is loaded only for the public converter.
    hook = UNSTRUCTURE_HOOKS.get(kind)
    if hook is not None:
        return hook(value)
    if isinstance(value, Model):  # a subclass of a model
        return _converter_unstructure(value)
    if isinstance(value, StageLike):
        return encode_json(value.to_json())
    if isinstance(value, datetime):
        return dump_datetime(value)
    if attrs.has(kind):
        return _converter_unstructure(value)
    if isinstance(value, (list, tuple)):
        return [encode_json(v) for v in value]
    raise TypeError(f"cannot send a value of type {type(value).__name__} as JSON")


def _converter_unstructure(value: Any) -> Any:
    from .._codec.converter import unstructure

    return unstructure(value)


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


def check_deadline(value: object) -> float | None:
    """A whole-call deadline in seconds (a positive number), or ``None`` for none."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0 or value == float("inf"):
        raise ValueError(f"deadline must be a positive number of seconds or None, got {value!r}")
    return float(value)


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
        connection: TLS, proxy, HTTP/2 and pool settings of the client the transport creates.
        app_name: Appended to the ``User-Agent``.
        hooks: The user's hooks, if any.
        routes: Operation name -> path template (with the API prefix), for span names and ``url.template``.
        deadline: Default bound of a whole call in seconds (token, attempts, backoff, body), or ``None``.
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
        connection: ConnectionSettings | None = None,
        app_name: str | None = None,
        hooks: Hooks | None = None,
        routes: Mapping[str, str] | None = None,
        deadline: float | None = None,
    ) -> None:
        self.base_url = base_url
        self.deadline = check_deadline(deadline)
        # The event loop the pool and the locks belong to (see loops.py): set by the first call.
        self._loop: object | None = None
        self.api_prefix = api_prefix
        self._root = base_url + api_prefix
        self.timeout = timeout
        self.retries = retries
        self.max_response_bytes = max_response_bytes
        self._owns_client = http_client is None
        self._user_client = http_client is not None
        # Whether aclose() closes the httpx client: ours always; a user's only when the blocking client took it over.
        self.close_client = http_client is None
        # Created on first use, in a worker thread: building an SSL context takes 100+ ms of blocking I/O that
        # would stall the event loop (and FastAPI lifespans create clients on it).
        self._client = http_client
        # Made on first use: an anyio lock belongs to the event loop running where it is created, and the
        # blocking client builds this object on the caller's thread, which may run a loop of its own.
        self._client_lock: anyio.Lock | None = None
        self.connection = connection or ConnectionSettings()
        self.app_name = app_name
        user_agent = USER_AGENT if app_name is None else f"{USER_AGENT} {app_name}"
        self._headers = {"User-Agent": user_agent, "Accept": "application/json", **headers}
        # Every request of the client the SDK owns carries these (httpx's defaults under ours), merged once here
        # rather than on every call; filled in when that client is created.
        self._owned_headers: httpx.Headers | None = None
        self._header_cache: dict[tuple[str | None, bool], httpx.Headers] = {}
        self._bearer: str | None = None
        self._tokens: TokenCache | None = None
        self._closed_reason = "this client is closed; create a new one"
        if isinstance(auth, BearerToken):
            self._bearer = auth.token
            register_secret(auth.token)
        elif isinstance(auth, ClientCredentials):
            token_url = auth.token_url or base_url + _constants.TOKEN_PATH
            self._tokens = TokenCache(auth, token_url, self._http)
            register_secret(auth.client_secret)
        self.hooks = hooks
        self._routes = routes or {}
        # Found on the first call made once the application uses OpenTelemetry (see telemetry.current).
        self._telemetry: _telemetry.Telemetry | None = None
        self._observer: Observer | None = None
        if hooks:
            self._observer = Observer(hooks, None, self._routes)
            if self._tokens is not None:
                self._tokens.observer = self._observer.token_fetch
        # with_options copies share the pool and the token cache with the transport that made them (the root);
        # only the root creates and closes the pool.
        self._pool_owner: AsyncTransport | None = None
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
        if self._pool_owner is not None:
            client = self._pool_owner.http_client
            self._adopt(client)
            return client
        connection = self.connection
        context = _ssl_context() if connection.is_default else connection.ssl_context(_ssl_context())
        client = httpx.AsyncClient(
            timeout=self.timeout,
            limits=connection.limits,
            verify=context,
            proxy=connection.proxy,
            trust_env=connection.trust_env,
            http2=connection.http2,
        )
        self._adopt(client)
        return client

    def _adopt(self, client: httpx.AsyncClient) -> None:
        if self._owned_headers is None and (self._owns_client or self._pool_owner is not None):
            owned = httpx.Headers(client.headers)
            owned.update(self._headers)
            self._owned_headers = owned

    async def _http(self) -> httpx.AsyncClient:
        client = self._client
        if client is None:
            if self._pool_owner is not None:
                client = await self._pool_owner._http()
                self._adopt(client)
                self._client = client
                return client
            if self._client_lock is None:
                self._client_lock = anyio.Lock()
            async with self._client_lock:
                if self._client is None:
                    self._client = await anyio.to_thread.run_sync(self._new_client)
                client = self._client
        return client

    def copy(
        self,
        *,
        timeout: httpx.Timeout,
        retries: RetryPolicy,
        headers: Mapping[str, str],
        max_response_bytes: int,
        hooks: Hooks | None,
    ) -> AsyncTransport:
        """A transport with other defaults, sharing this one's connection pool and token cache.

        The copy never closes the pool; closing the transport that created it (the root) does, and makes every
        copy refuse later calls.
        """
        owner = self._pool_owner or self
        twin = AsyncTransport.__new__(AsyncTransport)
        twin.__dict__.update(self.__dict__)
        twin._pool_owner = owner
        twin._owns_client = False
        twin._client = owner._client
        twin.timeout = timeout
        twin.retries = retries
        twin.max_response_bytes = max_response_bytes
        # headers: the caller's merged set, without the two the transport owns (kept as this transport has them).
        twin._headers = {"User-Agent": self._headers["User-Agent"], "Accept": self._headers["Accept"], **headers}
        twin._owned_headers = None
        twin._header_cache = {}
        twin.hooks = hooks
        telemetry = self._telemetry
        twin._observer = Observer(hooks, telemetry, self._routes) if hooks or telemetry is not None else None
        twin.closed = False
        if twin._client is not None:
            twin._adopt(twin._client)
        return twin

    def _find_telemetry(self) -> Observer | None:
        telemetry = _telemetry.current()
        if telemetry is not None:
            self._telemetry = telemetry
            self._observer = Observer(self.hooks, telemetry, self._routes)
            if self._tokens is not None and self._pool_owner is None:
                # The token cache is shared with every with_options copy: it reports to the original's hooks.
                self._tokens.observer = self._observer.token_fetch
        return self._observer

    @contextlib.contextmanager
    def observe_wait(self, instance_id: str) -> Iterator[Callable[[int, bool], None]]:
        """Around a ``wait_for_instance``: its span, and a function recording each poll as an event."""
        if self._telemetry is None:
            self._find_telemetry()
        telemetry = self._telemetry
        if telemetry is None:
            yield _ignore_poll
            return
        with telemetry.wait(instance_id) as span:
            yield functools.partial(telemetry.poll, span)

    @property
    def is_closed(self) -> bool:
        """Whether this transport, or the one whose pool it shares, was closed."""
        return self.closed or (self._pool_owner is not None and self._pool_owner.closed)

    async def aclose(self) -> None:
        """Close the connection pool, unless the user supplied the client or this is a copy (which shares it)."""
        self.closed = True
        # A with_options copy shares the pool of the transport that made it: only that one closes it.
        if self.close_client and self._pool_owner is None and self._client is not None:
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
        observer = self._observer if self._telemetry is not None else self._find_telemetry()
        if observer is not None:
            with observer.call(spec.operation):
                response = await self.execute(spec)
                if raw:
                    return RawResponse(response, functools.partial(self.decode, spec, response, parse))
                return self.decode(spec, response, parse)
        response = await self.execute(spec)
        if raw:
            return RawResponse(response, functools.partial(self.decode, spec, response, parse))
        return self.decode(spec, response, parse)

    async def execute(self, spec: RequestSpec) -> httpx.Response:
        """Send ``spec`` with retries; return the successful response with its body read, or raise.

        The deadline (the call's, else the client's) bounds all of it: token fetch, attempts, backoff sleeps, body.
        """
        if self.closed or (self._pool_owner is not None and self._pool_owner.closed):
            raise RuntimeError(self._closed_reason)
        loop = current_loop()
        if loop is not self._loop:
            self._rebind(loop)
        deadline = self.deadline if isinstance(spec.deadline, NotGiven) else check_deadline(spec.deadline)
        if deadline is None:
            return await self._execute(spec)
        # One cancel scope around everything the call does: anyio cancels whatever await is pending when the time
        # is up (a read, a backoff sleep, the token fetch), under asyncio and trio alike.
        with anyio.move_on_after(deadline):
            return await self._execute(spec)
        raise APITimeoutError(
            f"{spec.method} {self._root + spec.path}: no complete answer within the deadline of {deadline:g} s"
        )

    def _rebind(self, loop: object) -> None:
        """The first call, or a call from another event loop than the last one."""
        if self._loop is not None and (self._client is not None or self._user_client):
            # The pool (and the token lock) belong to the other loop: a connection opened there cannot be used,
            # nor even closed, from here (asyncio: "Event loop is closed", or a loop running in another thread).
            raise RuntimeError(
                "this AsyncOrchestrationClient was first used in another event loop (a second asyncio.run(), or "
                "another thread's loop), and its connections belong to that loop. Create one client per event loop, "
                "inside it (in the function asyncio.run() runs, or in your app's lifespan), and close it there; or "
                "use OrchestrationClient, which keeps a loop of its own"
            )
        self._loop = loop
        if self._tokens is not None:
            self._tokens.rebind()

    def after_fork(self) -> None:
        """In a fork() child: the parent's connections are not this process's to use (nor close)."""
        self._loop = None
        self._client_lock = None
        if self._tokens is not None:
            self._tokens.rebind()
        if not self._user_client:
            self._client = None  # a new pool is made on the child's first call
        else:
            self.closed = True
            self._closed_reason = (
                "this client was made before os.fork(), with an http_client whose connections belong to the parent "
                "process; create the client in the child"
            )

    async def _execute(self, spec: RequestSpec) -> httpx.Response:
        policy = self.retries if isinstance(spec.retries, NotGiven) else RetryPolicy.of(spec.retries)
        if not isinstance(spec.max_retries, NotGiven):
            policy = policy.with_max_retries(spec.max_retries)
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

            observer = self._observer
            sleep: Callable[[float], Any] = anyio.sleep
            if observer is not None:
                # tenacity calls before_sleep (plain) and then sleep (awaited): the hooks, which may be async, run
                # in the sleep, with what before_sleep saw (tenacity resets the state's outcome in between).
                failed: list[tuple[int, BaseException | None]] = []

                async def sleep(delay: float) -> None:
                    attempt_number, error = failed.pop()
                    if isinstance(error, Exception):
                        await observer.retrying(spec.operation, attempt_number, error, delay)
                    await anyio.sleep(delay)

                def before_sleep(state: RetryCallState) -> None:
                    outcome = state.outcome
                    failed.append((state.attempt_number, outcome.exception() if outcome is not None else None))
                    _log_retry(spec, state, log)
            else:

                def before_sleep(state: RetryCallState) -> None:
                    _log_retry(spec, state, log)

            retrying = AsyncRetrying(
                stop=stop_after_attempt(policy.max_attempts),
                wait=lambda state: self._delay(policy, state),
                retry=retry_if_exception(lambda exc: should_retry(spec.method, exc, policy)),
                sleep=sleep,
                before_sleep=before_sleep,
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
            snippet = mask_secrets(" ".join(response.text.split()), request_secrets(response.request))[:120]
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
        if isinstance(error, APIStatusError) and error.retry_after is not None:
            # should_retry has refused a Retry-After above the cap: this one is obeyed as asked.
            return min(error.retry_after, policy.max_retry_after)
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
        observer = self._observer
        if observer is not None:
            return await observer.send(
                spec.operation, request, attempt, functools.partial(self._transmit, client, attempt, log)
            )
        return await self._transmit(client, attempt, log, request)

    async def _transmit(
        self, client: httpx.AsyncClient, attempt: int, log: _AttemptLog, request: httpx.Request
    ) -> httpx.Response:
        started = time.perf_counter()
        try:
            response = await client.send(request, stream=True)
            try:
                await read_body(response, self.max_response_bytes)
            finally:
                await response.aclose()
            _ensure_elapsed(response, started)
        except httpx.TimeoutException as exc:
            log.record(request, None, started, attempt)
            raise APITimeoutError(connection_error_message(request.method, request.url, exc), request=request) from exc
        except (httpx.HTTPError, ssl.SSLError) as exc:
            # ssl.SSLError: a TLS alert read after the handshake (a server refusing the client certificate under
            # TLS 1.3) comes through anyio and httpcore unmapped.
            log.record(request, None, started, attempt)
            raise APIConnectionError(
                connection_error_message(request.method, request.url, exc), request=request
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
        if owned is None or self._user_client or client.cookies:
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


def _ensure_elapsed(response: httpx.Response, started: float) -> None:
    """Give ``response.elapsed`` a value when httpx did not: it sets it when it closes a stream it has not read,
    so a response a transport built already read (``httpx.Response(content=...)``) has none and raises."""
    try:
        response.elapsed  # noqa: B018 - the property raises when httpx never set it
    except RuntimeError:
        response.elapsed = _datetime.timedelta(seconds=time.perf_counter() - started)


def _ignore_poll(number: int, terminated: bool) -> None:
    return None


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
    # INFO, not WARNING: a retry is the SDK doing its job; the caller sees an exception if the call fails.
    logger.info(
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
