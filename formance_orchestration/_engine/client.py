"""The two clients: :class:`AsyncOrchestrationClient` (the core) and :class:`OrchestrationClient` (its blocking face).

The blocking client owns an anyio blocking portal (an event loop on one background thread) and an async client
living in it; every method runs the async one through the portal, so there is one implementation.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

import httpx

from .._resources.v2 import AsyncV2Resource, V2Resource
from . import constants as _constants
from .auth import Auth, BearerToken, ClientCredentials
from .env import ENV_BASE_URL, settings_from_env
from .retry import RetryPolicy
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


class AsyncOrchestrationClient:
    """Async client of the Formance Orchestration API.

    Use it as an async context manager, or call :meth:`aclose` when done. One client holds one connection pool:
    share it (for example one per FastAPI app, created in the lifespan) rather than creating one per call.

    Args:
        base_url: The stack URL, e.g. ``https://org-stack.eu-west-1.formance.cloud``; defaults to
            ``$FORMANCE_BASE_URL``.
        auth: :class:`ClientCredentials`, :class:`BearerToken`, or ``None`` (no ``Authorization`` header).
        timeout: Seconds, an ``httpx.Timeout``, or ``None`` for none; defaults to 60 s (5 s to connect).
        retries: A :class:`RetryPolicy`, or an int: the maximum attempts per call (default 3).
        headers: Headers added to every request.
        http_client: Your own ``httpx.AsyncClient``; used as is (its timeout, proxies, TLS settings) and never
            closed by this client.
        api_prefix: Path of the service under ``base_url``: ``/api/orchestration`` through the Formance gateway
            (the default), ``""`` to talk to the service directly.
        max_response_bytes: Largest response body accepted (default 64 MiB).

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
    ) -> None:
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise TypeError(
                f"http_client must be an httpx.AsyncClient, got {type(http_client).__name__} "
                "(the blocking client also runs an async client, on its own thread)"
            )
        if isinstance(max_response_bytes, bool) or not isinstance(max_response_bytes, int) or max_response_bytes < 1:
            raise ValueError(f"max_response_bytes must be a positive int, got {max_response_bytes!r}")
        self._transport = AsyncTransport(
            base_url=_base_url(base_url),
            api_prefix=_api_prefix(api_prefix),
            auth=_auth(auth),
            # A user's http_client is used as is: its own timeout applies unless one is given here.
            timeout=_timeout(timeout, http_client.timeout if http_client is not None else _constants.DEFAULT_TIMEOUT),
            retries=RetryPolicy() if isinstance(retries, NotGiven) else RetryPolicy.of(retries),
            headers=dict(headers or {}),
            http_client=http_client,
            max_response_bytes=max_response_bytes,
        )
        self._auth = auth
        self.v2 = AsyncV2Resource(self._transport)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **kwargs: Any) -> Self:
        """A client configured from the environment.

        Reads ``FORMANCE_BASE_URL``, ``FORMANCE_CLIENT_ID``, ``FORMANCE_CLIENT_SECRET`` (required) and
        ``FORMANCE_TOKEN_URL`` (optional); other constructor arguments pass through ``kwargs``.

        Raises:
            ValueError: one or more required variables are missing; the message lists them all.
        """
        return cls(**settings_from_env(environ), **kwargs)

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
        """Whether :meth:`aclose` has been called."""
        return self._transport.closed

    async def aclose(self) -> None:
        """Close the connection pool (not a user-supplied ``http_client``). Safe to call twice."""
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

    Takes the same arguments as :class:`AsyncOrchestrationClient`.

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
    ) -> None:
        kwargs: dict[str, Any] = {
            "auth": auth,
            "timeout": timeout,
            "retries": retries,
            "headers": headers,
            "http_client": http_client,
            "api_prefix": api_prefix,
            "max_response_bytes": max_response_bytes,
        }
        # Validate arguments here, on the caller's thread, before a portal thread exists to clean up.
        self._async = AsyncOrchestrationClient(base_url, **kwargs)
        self._lock = threading.Lock()
        self._stack = contextlib.ExitStack()
        # The blocking face (anyio's portal and thread machinery, about 15 ms of imports) is loaded by the first
        # blocking client, never by a program that only uses the async one.
        from anyio.from_thread import start_blocking_portal

        from .portal import Portal

        self._portal: Portal = Portal(
            self._stack.enter_context(start_blocking_portal(name="formance-orchestration-portal"))
        )
        self._closed = False
        self.v2 = V2Resource(self._portal, self._async.v2)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **kwargs: Any) -> Self:
        """A blocking client configured from the environment (see :meth:`AsyncOrchestrationClient.from_env`)."""
        return cls(**settings_from_env(environ), **kwargs)

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
        """Whether :meth:`close` has been called."""
        return self._closed

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
            try:
                self._portal.call(self._async.aclose)
            finally:
                self._portal.stop()
                self._stack.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
