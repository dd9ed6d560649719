"""Where the examples find an Orchestration API: a real stack named by the environment, else a local one.

Set ``FORMANCE_BASE_URL``, ``FORMANCE_CLIENT_ID`` and ``FORMANCE_CLIENT_SECRET`` (and optionally
``FORMANCE_TOKEN_URL``) to run an example against a real Formance stack. Without them, the example starts the
SDK's in-memory Orchestration server (``formance_orchestration.testing``) on 127.0.0.1, with a real OAuth2 token
endpoint that checks the credentials, and talks to it over HTTP exactly as it would to a stack.

Every example uses it the same way::

    with orchestration_stack() as stack:
        async with stack.async_client() as client:   # or: with stack.client() as client:
            ...
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from formance_orchestration import AsyncOrchestrationClient, ClientCredentials, OrchestrationClient
from formance_orchestration.testing import FakeOrchestration

__all__ = ["LOCAL_CLIENT_ID", "LOCAL_CLIENT_SECRET", "Stack", "local_server", "orchestration_stack"]

# What the local in-memory server accepts at its token endpoint.
LOCAL_CLIENT_ID = "examples"
LOCAL_CLIENT_SECRET = "examples-secret"


@dataclass(frozen=True)
class Stack:
    """How to reach the Orchestration API the example runs against.

    Attributes:
        base_url: The stack's URL.
        fake: The in-memory server when running locally (to seed demo data or move its clock), else ``None``.
    """

    base_url: str
    fake: FakeOrchestration | None = None

    @property
    def is_local(self) -> bool:
        """Whether this is the in-memory server rather than a real stack."""
        return self.fake is not None

    def _credentials(self) -> ClientCredentials:
        return ClientCredentials(client_id=LOCAL_CLIENT_ID, client_secret=LOCAL_CLIENT_SECRET)

    def async_client(self, **kwargs: Any) -> AsyncOrchestrationClient:
        """An async client for this stack; keywords go to the constructor (``timeout``, ``retries``...)."""
        if self.fake is None:
            return AsyncOrchestrationClient.from_env(**kwargs)
        return AsyncOrchestrationClient(self.base_url, auth=self._credentials(), **kwargs)

    def client(self, **kwargs: Any) -> OrchestrationClient:
        """A blocking client for this stack; keywords go to the constructor."""
        if self.fake is None:
            return OrchestrationClient.from_env(**kwargs)
        return OrchestrationClient(self.base_url, auth=self._credentials(), **kwargs)


def local_server(**kwargs: Any) -> FakeOrchestration:
    """The in-memory server the examples use: wall clock, and only the examples' credentials get a token."""
    kwargs.setdefault("realtime", "clock" not in kwargs)
    return FakeOrchestration(require_auth=True, client_credentials={LOCAL_CLIENT_ID: LOCAL_CLIENT_SECRET}, **kwargs)


@contextlib.contextmanager
def orchestration_stack(server: FakeOrchestration | None = None) -> Iterator[Stack]:
    """The real stack named by ``FORMANCE_BASE_URL``, else ``server`` (default :func:`local_server`) on a socket.

    ``server`` is only used when no stack is configured.
    """
    base_url = os.environ.get("FORMANCE_BASE_URL", "").strip()
    if base_url:
        yield Stack(base_url)
        return
    fake = server if server is not None else local_server()
    with fake.serve_in_thread(port=0) as url:
        print(f"(no FORMANCE_BASE_URL: using the in-memory Orchestration server at {url})", file=sys.stderr)
        yield Stack(url, fake)
