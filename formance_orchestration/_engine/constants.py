"""Default numbers, in one place so they are easy to find and to document."""

from __future__ import annotations

import httpx

DEFAULT_API_PREFIX = "/api/orchestration"
"""Where the Formance gateway serves the orchestration service."""

TOKEN_PATH = "/api/auth/oauth/token"
"""The stack's OAuth2 token endpoint, relative to the base URL."""

DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)
"""60 s to read or write, 5 s to connect: run_workflow can take a while, a dead host should not."""

DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20)
"""Connection pool limits of the client the SDK creates (pass your own ``http_client`` to change them).

httpx's own defaults: up to 100 connections, 20 of them kept alive between calls. Keeping all 100 alive was
measured (``nox -s bench``, loopback, plain HTTP): the same throughput at concurrency 16, 1.15x at 256, but
0.45x at 64, where httpcore's pool spends its time walking the idle connections. Over TLS, where each new
connection costs a handshake, a service with sustained concurrency above 20 may prefer more kept alive:
``http_client=httpx.AsyncClient(limits=httpx.Limits(max_connections=100, max_keepalive_connections=100))``.
"""

DEFAULT_MAX_ATTEMPTS = 3
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
MAX_RETRY_AFTER = 60.0
"""A ``Retry-After`` longer than this is capped to it: a misbehaving server cannot park a worker for hours."""

TOKEN_EXPIRY_MARGIN = 30.0
"""Seconds before a token's expiry at which it is refreshed, so it does not expire in flight."""

DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024
"""Largest response body read (64 MiB); a bigger one raises instead of exhausting memory."""
