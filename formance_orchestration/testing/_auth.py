"""Access tokens: the OAuth2 client-credentials endpoint the fake serves, and the bearer check of v2 calls.

Tokens are opaque strings the fake minted, valid until their expiry on the fake's clock; no scopes are
checked, like a default stack. Callers hold ``store.lock``.
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, unquote

from ._gojson import NS, dumps
from ._http import Response
from ._store import Store

__all__ = ["authorized", "issue_token", "token_endpoint"]


def issue_token(store: Store, ttl: float | None = None) -> str:
    """Mint an access token the fake accepts (for tests that skip the token endpoint)."""
    with store.lock:
        token = "fake-" + secrets.token_urlsafe(24)
        lifetime = store.options.token_ttl if ttl is None else ttl
        store.tokens[token] = store.now() + int(lifetime * NS)
        return token


def authorized(store: Store, headers: Mapping[str, str]) -> bool:
    """Whether a v2 call may proceed (always, unless ``require_auth``)."""
    if not store.options.require_auth:
        return True
    header = headers.get("authorization", "")
    if header[:7].lower() != "bearer ":
        return False
    expiry = store.tokens.get(header[7:].strip())
    return expiry is not None and expiry > store.now()


def token_endpoint(store: Store, headers: Mapping[str, str], body: bytes) -> Response:
    """``POST /api/auth/oauth/token``: credentials in the form or HTTP Basic, as the stack's auth accepts."""
    form = dict(parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True))
    client_id, client_secret = form.get("client_id", ""), form.get("client_secret", "")
    basic = headers.get("authorization", "")
    if basic[:6].lower() == "basic ":
        try:
            decoded = base64.b64decode(basic[6:].strip()).decode("utf-8")
        except ValueError:
            decoded = ""
        user, _, password = decoded.partition(":")
        client_id, client_secret = unquote(user), unquote(password)
    if form.get("grant_type") != "client_credentials":
        body_value = {
            "error": "unsupported_grant_type",
            "error_description": "only client_credentials is supported",
        }
        return 400, [("Content-Type", "application/json")], dumps(body_value)
    known = store.options.client_credentials
    if not client_id or (known is not None and known.get(client_id) != client_secret):
        value = {"error": "invalid_client", "error_description": "client authentication failed"}
        return 401, [("Content-Type", "application/json")], dumps(value)
    ttl = store.options.token_ttl
    answer: dict[str, Any] = {"access_token": issue_token(store), "token_type": "Bearer", "expires_in": int(ttl)}
    if form.get("scope"):
        answer["scope"] = form["scope"]
    return 200, [("Content-Type", "application/json"), ("Cache-Control", "no-store")], dumps(answer)
