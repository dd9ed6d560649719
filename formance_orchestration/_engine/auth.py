"""Credentials users pass to the client, and the token cache the transport keeps for them."""

from __future__ import annotations

import functools
import json
import logging
import ssl
from collections.abc import Awaitable, Callable, Sequence
from urllib.parse import quote, quote_plus

import anyio
import attrs
import httpx

from .._exceptions import APIConnectionError, APITimeoutError, TokenError
from . import constants as _constants
from .body import SizedBody, read_body
from .logs import register_secret
from .neterrors import connection_error_message

__all__ = ["BearerToken", "ClientCredentials", "TokenCache"]

logger = logging.getLogger("formance_orchestration")  # the same object as logs.logger

_MASK = "***"


def _scopes(value: Sequence[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        raise TypeError("scopes must be a sequence of strings, not a string")
    return tuple(value)


@attrs.frozen(kw_only=True, repr=False)
class ClientCredentials:
    """OAuth2 client credentials: the SDK fetches, caches and refreshes access tokens itself.

    Attributes:
        client_id: The OAuth2 client id.
        client_secret: The OAuth2 client secret. Never shown in ``repr()``, logs or errors.
        token_url: The token endpoint; defaults to ``<base_url>/api/auth/oauth/token``.
        scopes: Scopes to ask for (e.g. ``["orchestration:read", "orchestration:write"]``); none by default.
    """

    client_id: str
    client_secret: str
    token_url: str | None = None
    scopes: tuple[str, ...] = attrs.field(default=(), converter=_scopes)

    def __attrs_post_init__(self) -> None:
        if not self.client_id or not isinstance(self.client_id, str):
            raise ValueError("client_id must be a non-empty string")
        if not self.client_secret or not isinstance(self.client_secret, str):
            raise ValueError("client_secret must be a non-empty string")

    def __repr__(self) -> str:
        return (
            f"ClientCredentials(client_id={self.client_id!r}, client_secret='{_MASK}', "
            f"token_url={self.token_url!r}, scopes={self.scopes!r})"
        )


@attrs.frozen(repr=False)
class BearerToken:
    """A fixed access token sent as ``Authorization: Bearer <token>``; never refreshed.

    Attributes:
        token: The access token. Never shown in ``repr()``, logs or errors.
    """

    token: str

    def __attrs_post_init__(self) -> None:
        if not self.token or not isinstance(self.token, str):
            raise ValueError("token must be a non-empty string")

    def __repr__(self) -> str:
        return f"BearerToken(token='{_MASK}')"


Auth = ClientCredentials | BearerToken | None


class TokenCache:
    """One access token for one client: fetched once for any number of concurrent callers, reused until shortly
    before it expires, replaced when the API rejects it.

    The lock is an ``anyio.Lock`` so the cache works under asyncio and trio; the expiry is re-checked under the
    lock so callers queued behind a fetch reuse its result instead of fetching again.
    """

    def __init__(
        self, credentials: ClientCredentials, token_url: str, client: Callable[[], Awaitable[httpx.AsyncClient]]
    ) -> None:
        self._credentials = credentials
        self._token_url = token_url
        self._client = client
        self._lock: anyio.Lock | None = None  # made on first use, in the loop that uses it (see AsyncTransport)
        self._fetches = 0
        self._last_error: Exception | None = None
        self._token: str | None = None
        self._expires_at = 0.0
        # Set by the transport when hooks or OpenTelemetry are on: runs each fetch (span, on_token hooks).
        self.observer: Callable[[str, Callable[[], Awaitable[tuple[str, float]]]], Awaitable[tuple[str, float]]] | None
        self.observer = None

    def __repr__(self) -> str:
        return f"TokenCache(token_url={self._token_url!r}, cached={self._token is not None})"

    @property
    def token_url(self) -> str:
        """Where tokens are fetched."""
        return self._token_url

    def _valid(self) -> str | None:
        if self._token is not None and anyio.current_time() < self._expires_at:
            return self._token
        return None

    async def get(self, timeout: httpx.Timeout) -> str:
        """A valid access token, fetching one if none is cached."""
        token = self._valid()
        if token is not None:
            return token
        if self._lock is None:
            self._lock = anyio.Lock()
        fetches_seen = self._fetches
        async with self._lock:
            token = self._valid()
            if token is not None:
                return token
            if self._fetches != fetches_seen and self._last_error is not None:
                # A fetch failed while this caller queued: share its outcome instead of hammering a failing
                # token endpoint once per waiting caller.
                raise self._last_error
            self._fetches += 1
            try:
                token, lifetime = await self._observed_fetch(timeout)
            except (TokenError, APIConnectionError) as exc:
                self._last_error = exc
                raise
            self._last_error = None
            margin = min(_constants.TOKEN_EXPIRY_MARGIN, lifetime / 10)
            self._token, self._expires_at = token, anyio.current_time() + lifetime - margin
            return token

    async def _observed_fetch(self, timeout: httpx.Timeout) -> tuple[str, float]:
        if self.observer is None:
            token, lifetime = await self._fetch(timeout)
        else:
            token, lifetime = await self.observer(self._token_url, functools.partial(self._fetch, timeout))
        register_secret(token)  # masked in the SDK's log records from now on
        return token, lifetime

    def invalidate(self, token: str) -> None:
        """Forget ``token`` if it is still the cached one (a concurrent caller may already have replaced it)."""
        if self._token == token:
            self._token = None

    async def _fetch(self, timeout: httpx.Timeout) -> tuple[str, float]:
        form = {"grant_type": "client_credentials", "client_id": self._credentials.client_id}
        form["client_secret"] = self._credentials.client_secret
        if self._credentials.scopes:
            form["scope"] = " ".join(self._credentials.scopes)
        logger.debug("fetching an access token from %s", httpx.URL(self._token_url).copy_with(query=None))
        try:
            client = await self._client()
            request = client.build_request(
                "POST", self._token_url, data=form, headers={"Accept": "application/json"}, timeout=timeout
            )
            request.stream = SizedBody(request.content)
            # Never follow a redirect: a user's client that does would post the client secret wherever it points.
            response = await client.send(request, stream=True, follow_redirects=False)
            try:
                await read_body(response, _MAX_TOKEN_RESPONSE_BYTES)
            finally:
                await response.aclose()
        except httpx.TimeoutException as exc:
            url = httpx.URL(self._token_url)
            raise APITimeoutError("token request: " + connection_error_message("POST", url, exc)) from exc
        except (httpx.HTTPError, ssl.SSLError) as exc:  # see AsyncTransport._transmit about ssl.SSLError
            url = httpx.URL(self._token_url)
            raise APIConnectionError("token request: " + connection_error_message("POST", url, exc)) from exc
        secret = self._credentials.client_secret
        return _parse_token_response(response, self._token_url, (secret, quote_plus(secret), quote(secret, safe="")))


_MAX_TOKEN_RESPONSE_BYTES = 1024 * 1024
"""A token answer is a few kilobytes at most; a bigger one is refused rather than read into memory."""


def _redact(text: str | None, secrets: tuple[str, ...]) -> str | None:
    """``text`` with every secret masked: an endpoint may echo the request (form included) in its error."""
    if text is None:
        return None
    for secret in secrets:
        text = text.replace(secret, _MASK)
    return text


def _parse_token_response(response: httpx.Response, token_url: str, secrets: tuple[str, ...] = ()) -> tuple[str, float]:
    try:
        body = json.loads(response.content)
    except (ValueError, RecursionError):  # RecursionError: nested too deeply for the json module
        body = None
    if response.status_code != 200:
        error = description = None
        if isinstance(body, dict):
            error = body.get("error") if isinstance(body.get("error"), str) else None
            desc = body.get("error_description")
            description = desc if isinstance(desc, str) else None
        if description is None and body is None:
            text = " ".join(response.text.split())[:200]
            description = text or None
        error, description = _redact(error, secrets), _redact(description, secrets)
        detail = ": ".join(x for x in (error, description) if x)
        raise TokenError(
            f"token endpoint {token_url} answered {response.status_code}" + (f": {detail}" if detail else ""),
            status_code=response.status_code,
            error=error,
            error_description=description,
        )
    if not isinstance(body, dict) or not isinstance(body.get("access_token"), str) or not body["access_token"]:
        raise TokenError(f"token endpoint {token_url} answered without an access_token", status_code=200)
    expires_in = body.get("expires_in", 3600)
    if isinstance(expires_in, str) and expires_in.isdigit():
        expires_in = int(expires_in)
    if isinstance(expires_in, bool) or not isinstance(expires_in, (int, float)) or expires_in <= 0:
        expires_in = 3600
    return body["access_token"], float(expires_in)
