"""Configuration from the environment and the Formance Cloud URL scheme."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any

from .auth import BearerToken, ClientCredentials

__all__ = [
    "ENV_AUTH",
    "ENV_BASE_URL",
    "ENV_CLIENT_ID",
    "ENV_CLIENT_SECRET",
    "ENV_TOKEN",
    "ENV_TOKEN_URL",
    "cloud_url",
    "settings_from_env",
]

ENV_BASE_URL = "FORMANCE_BASE_URL"
ENV_CLIENT_ID = "FORMANCE_CLIENT_ID"
ENV_CLIENT_SECRET = "FORMANCE_CLIENT_SECRET"
ENV_TOKEN_URL = "FORMANCE_TOKEN_URL"
ENV_TOKEN = "FORMANCE_TOKEN"
ENV_AUTH = "FORMANCE_AUTH"

_LABEL = re.compile(r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")  # used with fullmatch: "$" would allow a final "\n"


def cloud_url(organization: str, environment: str) -> str:
    """The base URL of a Formance Cloud stack: ``https://{organization}.{environment}.formance.cloud``.

    Args:
        organization: The organization id (e.g. ``acme``).
        environment: The stack's environment (e.g. ``eu-west-1`` or ``sandbox``).

    Raises:
        ValueError: either part is not a valid DNS label.
    """
    for name, value in (("organization", organization), ("environment", environment)):
        if not isinstance(value, str) or not _LABEL.fullmatch(value):
            raise ValueError(f"{name} must be a DNS label (lowercase letters, digits, '-'), got {value!r}")
    return f"https://{organization}.{environment}.formance.cloud"


def settings_from_env(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """``base_url`` and ``auth`` read from ``FORMANCE_*`` variables; one error lists every missing one.

    Credentials, exactly one of: ``FORMANCE_CLIENT_ID`` + ``FORMANCE_CLIENT_SECRET`` (OAuth2 client credentials,
    ``FORMANCE_TOKEN_URL`` optional), ``FORMANCE_TOKEN`` (a bearer token), ``FORMANCE_AUTH=none`` (none at all).
    """
    env = os.environ if environ is None else environ

    def get(name: str) -> str:
        return env.get(name, "").strip()

    credentials_help = (
        f"credentials: {ENV_CLIENT_ID} and {ENV_CLIENT_SECRET} (optional: {ENV_TOKEN_URL}), "
        f"or {ENV_TOKEN}, or {ENV_AUTH}=none"
    )
    mode = get(ENV_AUTH).lower()
    if mode not in ("", "none"):
        raise ValueError(f"{ENV_AUTH} must be 'none' or unset, got {env[ENV_AUTH]!r} ({credentials_help})")
    given = [name for name in (ENV_CLIENT_ID, ENV_CLIENT_SECRET, ENV_TOKEN) if get(name)]
    missing = [] if get(ENV_BASE_URL) else [ENV_BASE_URL]
    if mode == "none":
        if given:
            raise ValueError(f"{ENV_AUTH}=none, yet {', '.join(given)} set: unset one or the other")
        auth: ClientCredentials | BearerToken | None = None
    elif get(ENV_TOKEN):
        if get(ENV_CLIENT_ID) or get(ENV_CLIENT_SECRET):
            raise ValueError(
                f"both {ENV_TOKEN} and client credentials are set: use one ({credentials_help})"
            )  # fmt: skip
        auth = BearerToken(get(ENV_TOKEN))
    else:
        missing += [name for name in (ENV_CLIENT_ID, ENV_CLIENT_SECRET) if not get(name)]
        auth = None
    if missing:
        raise ValueError(
            "missing environment variable(s): " + ", ".join(missing)
            + f" (required: {ENV_BASE_URL}; {credentials_help})"
        )  # fmt: skip
    if auth is None and mode != "none":
        auth = ClientCredentials(
            client_id=get(ENV_CLIENT_ID), client_secret=get(ENV_CLIENT_SECRET), token_url=get(ENV_TOKEN_URL) or None
        )
    return {"base_url": get(ENV_BASE_URL), "auth": auth}
