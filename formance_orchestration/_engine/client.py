"""The two clients: :class:`AsyncOrchestrationClient` (the core) and :class:`OrchestrationClient` (its blocking face).

The blocking client owns an anyio blocking portal (an event loop on one background thread) and an async client
living in it; every method runs the async one through the portal, so there is one implementation.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

import httpx

from .._resources.v2 import OPERATIONS, AsyncV2Resource, V2Resource
from . import constants as _constants
from .auth import Auth, BearerToken, ClientCredentials
from .env import ENV_BASE_URL, settings_from_env
from .hooks import Hooks
from .retry import RetryPolicy, check_max_retries, retries_argument
from .settings import TRANSPORT_KEYWORDS, CertTypes, ConnectionSettings, VerifyTypes, user_agent_suffix
from .transport import AsyncTransport, _timeout
from .types import NOT_GIVEN, NotGiven, RetriesTypes, TimeoutTypes

if TYPE_CHECKING:
    from .portal import Portal

__all__ = ["AsyncOrchestrationClient", "OrchestrationClient"]


def _base_url(base_url: str | None) -> str:
    url = base_url if base_url is not None else os.environ.get(ENV_BASE_URL)
    if not url:
        raise ValueError(f"base_url is required: pass base_url=... or set {ENV_BASE_URL}")
    if not isinstance(url, str):
        raise TypeError(f"base_url must be a string, got {type(url).__name__}")
    parsed = httpx.URL(url)
    if parsed.scheme not in {"http", "https"} or not parsed.host:
        raise ValueError(f"base_url must be an http(s) URL such as https://org-stack.formance.cloud, got {url!r}")
    if parsed.query or parsed.fragment:
        raise ValueError(f"base_url must not have a query or fragment, got {url!r}")
    return url.rstrip("/")


def _api_prefix(prefix: str) -> str:
    if not isinstance(prefix, str):
        raise TypeError(f"api_prefix must be a string, got {type(prefix).__name__}")
    prefix = prefix.strip("/")
    return "/" + prefix if prefix else ""


def _auth(auth: object) -> Auth:
    if auth is None or isinstance(auth, (ClientCredentials, BearerToken)):
        return auth
    raise TypeError(f"auth must be ClientCredentials, BearerToken or None, got {type(auth).__name__}")


def _retry_policy(
    base: RetryPolicy, retries: RetriesTypes | NotGiven, max_retries: int | NotGiven, *, stacklevel: int
) -> RetryPolicy:
    """``retries`` (a policy; an int warns) over ``base``, then ``max_retries`` over that."""
    policy = base if isinstance(retries, NotGiven) else retries_argument(retries, stacklevel=stacklevel + 1)
    if not isinstance(max_retries, NotGiven):
        policy = policy.with_max_retries(check_max_retries(max_retries))
    return policy


def _hooks(hooks: object) -> Hooks | None:
    if hooks is None or isinstance(hooks, Hooks):
        return hooks
    raise TypeError(f"hooks must be a formance_orchestration.Hooks, got {type(hooks).__name__}")


def _check_max_response_bytes(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"max_response_bytes must be a positive int, got {value!r}")
    return value


@functools.cache
def _routes(api_prefix: str) -> dict[str, str]:
    """Operation -> path template under ``api_prefix``: span names and ``url.template`` of OpenTelemetry."""
    return {name: api_prefix + path for name, (_, path) in OPERATIONS.items()}


# The only defaults a with_options copy may change: everything else belongs to the pool or the token cache it
# shares (base URL, credentials, TLS, proxy, ...).
_COPY_OPTIONS = ("timeout", "retries", "max_retries", "headers", "hooks", "max_response_bytes")


class AsyncOrchestrationClient:
    """Async client of the Formance Orchestration API.

    Use it as an async context manager, or call :meth:`aclose` when done. One client holds one connection pool:
    share it (for example one per FastAPI app, created in the lifespan) rather than creating one per call.

    Args:
        base_url: The stack URL, e.g. ``https://org-stack.eu-west-1.formance.cloud``; defaults to
            ``$FORMANCE_BASE_URL``.
        auth: :class:`ClientCredentials`, :class:`BearerToken`, or ``None`` (no ``Authorization`` header).
        timeout: Seconds, an ``httpx.Timeout``, or ``None`` for none; defaults to 60 s (5 s to connect).
        retries: A :class:`RetryPolicy` (default: 3 attempts, backoff with jitter). An int (attempts in all) is
            deprecated: use ``max_retries``.
        headers: Headers added to every request.
        http_client: Your own ``httpx.AsyncClient``; used as is (its timeout, proxies, TLS settings) and never
            closed by this client. Cannot be combined with ``verify``, ``cert``, ``proxy``, ``trust_env``,
            ``http2`` or ``limits``: those configure the client the SDK creates.
        api_prefix: Path of the service under ``base_url``: ``/api/orchestration`` through the Formance gateway
            (the default), ``""`` to talk to the service directly.
        max_response_bytes: Largest response body accepted (default 64 MiB).
        max_retries: Retries after the first attempt (``0`` = none; default 2); applied over ``retries``.
        verify: TLS verification: ``True`` (the default CA bundle), ``False`` (none: testing only), the path of a
            CA file or directory, or an ``ssl.SSLContext``.
        cert: A client certificate: a PEM file with certificate and key, or ``(certfile, keyfile[, password])``.
        proxy: A proxy URL (``http://``, ``https://``, ``socks5://``; SOCKS needs ``httpx[socks]``) or an
            ``httpx.Proxy``.
        trust_env: Read ``HTTP(S)_PROXY``, ``NO_PROXY``, ``SSL_CERT_FILE`` and ``.netrc`` from the environment
            (default ``True``, as httpx).
        http2: Speak HTTP/2 when the server offers it (needs the ``http2`` extra:
            ``pip install 'formance-orchestration[http2]'``).
        limits: Connection pool limits (default :data:`DEFAULT_LIMITS`).
        app_name: Your application's name (and version), appended to the ``User-Agent``:
            ``formance-orchestration-python/1.2.0 payouts/3.1``. Printable ASCII.
        hooks: :class:`Hooks` called on the SDK's events (each attempt, answer, retry and token fetch).
        deadline: Seconds a whole call may take, everything included (token fetch, every attempt, the backoff
            sleeps between them, a body however slowly it arrives); past it the call raises ``APITimeoutError``.
            ``None`` (the default) for no bound beyond ``timeout``, which httpx applies to each connect, write and
            read on its own. Each method also takes ``deadline=`` for one call.

    A client belongs to the event loop of its first call (its connections and locks do). Called from another
    loop (a second ``asyncio.run()``, another thread's loop) it raises ``RuntimeError`` saying so: create one
    client per event loop, inside it, or use :class:`OrchestrationClient`, which keeps a loop of its own.

    Attributes:
        v2: The v2 operations (workflows, instances, events, triggers).
    """

    v2: AsyncV2Resource

    def __init__(
        self,
        base_url: str | None = None,
        *,
        auth: ClientCredentials | BearerToken | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
        api_prefix: str = _constants.DEFAULT_API_PREFIX,
        max_response_bytes: int = _constants.DEFAULT_MAX_RESPONSE_BYTES,
        max_retries: int | NotGiven = NOT_GIVEN,
        verify: VerifyTypes | NotGiven = NOT_GIVEN,
        cert: CertTypes | NotGiven | None = NOT_GIVEN,
        proxy: str | httpx.URL | httpx.Proxy | NotGiven | None = NOT_GIVEN,
        trust_env: bool | NotGiven = NOT_GIVEN,
        http2: bool | NotGiven = NOT_GIVEN,
        limits: httpx.Limits | NotGiven = NOT_GIVEN,
        app_name: str | None = None,
        hooks: Hooks | None = None,
        deadline: float | None = None,
    ) -> None:
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise TypeError(
                f"http_client must be an httpx.AsyncClient, got {type(http_client).__name__} "
                "(the blocking client also runs an async client, on its own thread)"
            )
        connection_options = {
            "verify": verify,
            "cert": cert,
            "proxy": proxy,
            "trust_env": trust_env,
            "http2": http2,
            "limits": limits,
        }
        given = [name for name in TRANSPORT_KEYWORDS if not isinstance(connection_options[name], NotGiven)]
        if http_client is not None and given:
            raise TypeError(
                f"{', '.join(given)} cannot be combined with http_client=: your client has its own connection "
                f"settings; pass {'them' if len(given) > 1 else 'it'} to httpx.AsyncClient(...) instead"
            )
        self._transport = AsyncTransport(
            base_url=_base_url(base_url),
            api_prefix=_api_prefix(api_prefix),
            auth=_auth(auth),
            # A user's http_client is used as is: its own timeout applies unless one is given here.
            timeout=_timeout(timeout, http_client.timeout if http_client is not None else _constants.DEFAULT_TIMEOUT),
            # stacklevel 2: the warning points at the line constructing the client.
            retries=_retry_policy(RetryPolicy(), retries, max_retries, stacklevel=2),
            headers=dict(headers or {}),
            http_client=http_client,
            max_response_bytes=_check_max_response_bytes(max_response_bytes),
            connection=ConnectionSettings.of(**connection_options),
            app_name=user_agent_suffix(app_name),
            hooks=_hooks(hooks),
            routes=_routes(_api_prefix(api_prefix)),
            deadline=deadline,
        )
        self._auth = auth
        self.v2 = AsyncV2Resource(self._transport)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **kwargs: Any) -> Self:
        """A client configured from the environment.

        Reads ``FORMANCE_BASE_URL`` (required) and the credentials, one of: ``FORMANCE_CLIENT_ID`` with
        ``FORMANCE_CLIENT_SECRET`` (and optionally ``FORMANCE_TOKEN_URL``), ``FORMANCE_TOKEN`` (a bearer token), or
        ``FORMANCE_AUTH=none`` (no credentials: a local stack). Other constructor arguments pass through
        ``kwargs``.

        Raises:
            ValueError: a required variable is missing (the message lists each one), or the variables conflict.
        """
        return cls(**settings_from_env(environ), **kwargs)

    def with_options(
        self,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        headers: Mapping[str, str] | None = None,
        hooks: Hooks | NotGiven | None = NOT_GIVEN,
        max_response_bytes: int | NotGiven = NOT_GIVEN,
    ) -> Self:
        """A client with other defaults that shares this one's connection pool and token cache.

        Options left out keep this client's values; ``headers`` are merged over this client's headers. The copy
        does not own the pool: closing the copy only makes it refuse later calls, and closing this client (the
        one that created the pool) closes the pool for every copy, which then refuse calls too.

        >>> patient = client.with_options(timeout=120, max_retries=5)
        """
        return self._copy(
            timeout=timeout,
            retries=retries,
            max_retries=max_retries,
            headers=headers,
            hooks=hooks,
            max_response_bytes=max_response_bytes,
        )

    def _copy(
        self,
        *,
        timeout: TimeoutTypes | NotGiven,
        retries: RetriesTypes | NotGiven,
        max_retries: int | NotGiven,
        headers: Mapping[str, str] | None,
        hooks: Hooks | NotGiven | None,
        max_response_bytes: int | NotGiven,
        stacklevel: int = 3,
    ) -> Self:
        transport = self._transport
        if transport.is_closed:
            raise RuntimeError("this client is closed; create a new one")
        merged = {k: v for k, v in transport._headers.items() if k not in ("User-Agent", "Accept")}
        merged.update(headers or {})
        twin = self.__class__.__new__(self.__class__)
        twin._transport = transport.copy(
            timeout=_timeout(timeout, transport.timeout),
            retries=_retry_policy(transport.retries, retries, max_retries, stacklevel=stacklevel),
            headers=merged,
            max_response_bytes=transport.max_response_bytes
            if isinstance(max_response_bytes, NotGiven)
            else _check_max_response_bytes(max_response_bytes),
            hooks=transport.hooks if isinstance(hooks, NotGiven) else _hooks(hooks),
        )
        twin._auth = self._auth
        twin.v2 = AsyncV2Resource(twin._transport)
        return twin

    def __repr__(self) -> str:
        return (
            f"AsyncOrchestrationClient(base_url={self.base_url!r}, api_prefix={self.api_prefix!r}, auth={self._auth!r})"
        )

    @property
    def base_url(self) -> str:
        """The stack URL, without a trailing slash."""
        return self._transport.base_url

    @property
    def api_prefix(self) -> str:
        """The service's path prefix under :attr:`base_url`."""
        return self._transport.api_prefix

    @property
    def http_client(self) -> httpx.AsyncClient:
        """The ``httpx.AsyncClient`` requests go through."""
        return self._transport.http_client

    @property
    def is_closed(self) -> bool:
        """Whether :meth:`aclose` has been called (on this client, or on the client a copy shares its pool with)."""
        return self._transport.is_closed

    async def aclose(self) -> None:
        """Close the connection pool (not a user-supplied ``http_client``, nor the pool of the client a
        :meth:`with_options` copy shares). Safe to call twice."""
        await self._transport.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()


class OrchestrationClient:
    """Blocking client of the Formance Orchestration API: the same methods as the async client, no ``await``.

    It runs an :class:`AsyncOrchestrationClient` on an event loop in one background thread (an anyio blocking
    portal) and waits for each call. It is safe to share between threads. Use it as a context manager, or call
    :meth:`close`: that closes the connections and ends the thread.

    Inside async code use :class:`AsyncOrchestrationClient` instead. Calling this client from a thread that runs
    an event loop works but blocks that loop for the duration of the call; calling it from its own portal thread
    raises ``RuntimeError``.

    Takes the same arguments as :class:`AsyncOrchestrationClient`. An ``http_client`` given to this client is
    taken over: it runs on the client's own event loop thread (an ``httpx.AsyncClient`` belongs to the loop that
    uses it) and :meth:`close` closes it. Give it one that nothing else uses.

    A client never closed does not keep the program from exiting (its thread is a daemon thread); once nothing
    refers to it, a ``ResourceWarning`` says it was not closed. In a child process made by ``os.fork()`` the first
    call starts a new event loop thread and new connections (the parent's are never touched).

    Attributes:
        v2: The v2 operations (workflows, instances, events, triggers).
    """

    v2: V2Resource

    def __init__(
        self,
        base_url: str | None = None,
        *,
        auth: ClientCredentials | BearerToken | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
        api_prefix: str = _constants.DEFAULT_API_PREFIX,
        max_response_bytes: int = _constants.DEFAULT_MAX_RESPONSE_BYTES,
        max_retries: int | NotGiven = NOT_GIVEN,
        verify: VerifyTypes | NotGiven = NOT_GIVEN,
        cert: CertTypes | NotGiven | None = NOT_GIVEN,
        proxy: str | httpx.URL | httpx.Proxy | NotGiven | None = NOT_GIVEN,
        trust_env: bool | NotGiven = NOT_GIVEN,
        http2: bool | NotGiven = NOT_GIVEN,
        limits: httpx.Limits | NotGiven = NOT_GIVEN,
        app_name: str | None = None,
        hooks: Hooks | None = None,
        deadline: float | None = None,
    ) -> None:
        kwargs: dict[str, Any] = {
            "auth": auth,
            "timeout": timeout,
            # Resolved here, so a deprecation warning points at the caller's line.
            "retries": _retry_policy(RetryPolicy(), retries, max_retries, stacklevel=2),
            "headers": headers,
            "http_client": http_client,
            "api_prefix": api_prefix,
            "max_response_bytes": max_response_bytes,
            "verify": verify,
            "cert": cert,
            "proxy": proxy,
            "trust_env": trust_env,
            "http2": http2,
            "limits": limits,
            "app_name": app_name,
            "hooks": hooks,
            "deadline": deadline,
        }
        # Validate arguments here, on the caller's thread, before a portal thread exists to clean up.
        self._async = AsyncOrchestrationClient(base_url, **kwargs)
        # The user's async client now lives on the portal's loop, which ends with close(): it is closed with it,
        # rather than left bound to a loop that no longer runs.
        self._async._transport.close_client = True
        self._lock = threading.Lock()
        # The blocking face (anyio's portal and thread machinery, about 15 ms of imports) is loaded by the first
        # blocking client, never by a program that only uses the async one.
        from .portal import Portal

        self._portal: Portal = Portal(
            owner=f"OrchestrationClient(base_url={self._async.base_url!r})",
            on_fork=self._async._transport.after_fork,
            close=self._async.aclose,
        )
        self._owner: OrchestrationClient | None = None  # set on with_options copies: the client owning the portal
        self._closed = False
        self.v2 = V2Resource(self._portal, self._async.v2)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **kwargs: Any) -> Self:
        """A blocking client configured from the environment (see :meth:`AsyncOrchestrationClient.from_env`)."""
        return cls(**settings_from_env(environ), **kwargs)

    def with_options(
        self,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        headers: Mapping[str, str] | None = None,
        hooks: Hooks | NotGiven | None = NOT_GIVEN,
        max_response_bytes: int | NotGiven = NOT_GIVEN,
    ) -> Self:
        """A client with other defaults sharing this one's connection pool, token cache and background thread.

        See :meth:`AsyncOrchestrationClient.with_options`. The copy owns neither the pool nor the thread: closing
        it only makes it refuse later calls; closing the client that created them closes both, for every copy.
        """
        if self.is_closed:
            raise RuntimeError("this OrchestrationClient is closed; create a new one")
        twin = self.__class__.__new__(self.__class__)
        twin._async = self._async._copy(
            timeout=timeout,
            retries=retries,
            max_retries=max_retries,
            headers=headers,
            hooks=hooks,
            max_response_bytes=max_response_bytes,
        )
        twin._lock = threading.Lock()
        twin._portal = self._portal
        twin._owner = self._owner or self
        twin._closed = False
        twin.v2 = V2Resource(self._portal, twin._async.v2)
        return twin

    def __repr__(self) -> str:
        return repr(self._async).replace("AsyncOrchestrationClient", "OrchestrationClient", 1)

    @property
    def base_url(self) -> str:
        """The stack URL, without a trailing slash."""
        return self._async.base_url

    @property
    def api_prefix(self) -> str:
        """The service's path prefix under :attr:`base_url`."""
        return self._async.api_prefix

    @property
    def is_closed(self) -> bool:
        """Whether :meth:`close` has been called (on this client, or on the client a copy shares its pool with)."""
        return self._closed or (self._owner is not None and self._owner._closed)

    @property
    def async_client(self) -> AsyncOrchestrationClient:
        """The async client this one drives (it lives on the portal's event loop thread)."""
        return self._async

    def close(self) -> None:
        """Close the connections and stop the background thread. Safe to call twice, and from several threads."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            if self._owner is not None:  # a with_options copy: the pool and the thread are its owner's
                self._async._transport.closed = True
                return
            try:
                self._portal.call(self._async.aclose)
            finally:
                self._portal.stop()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
