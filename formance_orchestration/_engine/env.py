"""Configuration from the environment and the Formance Cloud URL scheme."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any

from .auth import ClientCredentials

__all__ = ["ENV_BASE_URL", "ENV_CLIENT_ID", "ENV_CLIENT_SECRET", "ENV_TOKEN_URL", "cloud_url", "settings_from_env"]

ENV_BASE_URL = "FORMANCE_BASE_URL"
ENV_CLIENT_ID = "FORMANCE_CLIENT_ID"
ENV_CLIENT_SECRET = "FORMANCE_CLIENT_SECRET"
ENV_TOKEN_URL = "FORMANCE_TOKEN_URL"

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
    """``base_url`` and ``auth`` read from ``FORMANCE_*`` variables; one error lists every missing one."""
    env = os.environ if environ is None else environ
    required = (ENV_BASE_URL, ENV_CLIENT_ID, ENV_CLIENT_SECRET)
    missing = [name for name in required if not env.get(name, "").strip()]
    if missing:
        raise ValueError(
            "missing environment variable(s): " + ", ".join(missing)
            + f" (required: {', '.join(required)}; optional: {ENV_TOKEN_URL})"
        )  # fmt: skip
    token_url = env.get(ENV_TOKEN_URL, "").strip() or None
    auth = ClientCredentials(
        client_id=env[ENV_CLIENT_ID].strip(), client_secret=env[ENV_CLIENT_SECRET].strip(), token_url=token_url
    )
    return {"base_url": env[ENV_BASE_URL].strip(), "auth": auth}
