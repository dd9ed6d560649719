"""pytest fixtures for the in-memory Orchestration double.

Registered through the ``pytest11`` entry point ``formance_orchestration``; or list it in a root
``conftest.py`` as ``pytest_plugins = ["formance_orchestration.testing.pytest_plugin"]``.

* ``fake_orchestration``: a fresh :class:`FakeOrchestration` per test (faithful semantics, manual clock that
  moves by itself when a client reads a running instance: ``auto_advance``, so waiting ends at once).
* ``orchestration_client``: the blocking ``OrchestrationClient`` bound to it, closed after the test.
* ``async_orchestration_client``: the ``AsyncOrchestrationClient`` bound to it, for async tests run by anyio's
  pytest plugin (``@pytest.mark.anyio``, asyncio or trio) or by pytest-asyncio (strict or auto mode).

The fixtures themselves are plain (not async) functions: an async fixture belongs to one plugin's event loop, and
a client made in one loop but used in another breaks. Building the async client needs no loop; it talks to the
fake in process, through an ``httpx.AsyncClient`` that holds no connection, so nothing needs closing in a loop.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from formance_orchestration import AsyncOrchestrationClient, OrchestrationClient

from ._fake import FakeOrchestration

__all__ = ["async_orchestration_client", "fake_orchestration", "orchestration_client"]


@pytest.fixture
def fake_orchestration() -> Iterator[FakeOrchestration]:
    """A fresh in-memory Orchestration service whose manual clock moves on when a client waits (``auto_advance``)."""
    fake = FakeOrchestration(auto_advance=True)
    yield fake
    fake.close()


@pytest.fixture
def orchestration_client(fake_orchestration: FakeOrchestration) -> Iterator[OrchestrationClient]:
    """A blocking SDK client talking to ``fake_orchestration`` in process."""
    client = fake_orchestration.client()
    yield client
    client.close()


@pytest.fixture
def async_orchestration_client(fake_orchestration: FakeOrchestration) -> AsyncOrchestrationClient:
    """An async SDK client talking to ``fake_orchestration`` in process, for any async test runner.

    Its first call sets it up in the test's event loop (asyncio or trio); it has no connection to close.
    """
    return fake_orchestration.async_client()
