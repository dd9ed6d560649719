"""Shared fixtures: the recording server, both clients bound to it, the anyio backends, shared data paths.

Every ``FakeOrchestration`` a test builds has its answers validated against the OpenAPI document
(``fake_response_validation``, autouse; see ``tests/testing/_openapi_responses.py``).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from formance_orchestration import AsyncOrchestrationClient, OrchestrationClient, RetryPolicy
from formance_orchestration._generated.v2 import OPERATIONS as GENERATED_OPERATIONS
from formance_orchestration.testing import FakeOrchestration

from .server import RecordingServer, running_server
from .testing._openapi_responses import ResponseCollector, load_validator

ROOT = Path(__file__).resolve().parents[1]

OPERATIONS = frozenset(GENERATED_OPERATIONS)
"""The v2 operations: the names the generator wrote from the document (``_generated/v2.py``). Tests that check
coverage compare the double's routes table and both faces against this set; ``tests/test_codegen.py`` holds it to
the document's operationIds, so adding an operation to the document and regenerating is what changes it."""

# Retries without waiting, so retry tests stay fast; the counts are what they assert.
FAST_RETRIES = RetryPolicy(max_attempts=3, initial_delay=0, max_delay=0, jitter=0)


def shared_dir() -> Path | None:
    """``$FORMANCE_SHARED_DIR`` or ``../shared`` beside the checkout, if it exists."""
    env = os.environ.get("FORMANCE_SHARED_DIR")
    path = Path(env) if env else ROOT.parent / "shared"
    return path if path.is_dir() else None


def spec_path() -> Path | None:
    """The OpenAPI document: ``$FORMANCE_OPENAPI_SPEC`` or ``<shared>/openapi/orchestration-v2.yaml``."""
    env = os.environ.get("FORMANCE_OPENAPI_SPEC")
    if env:
        return Path(env) if Path(env).is_file() else None
    shared = shared_dir()
    path = shared / "openapi" / "orchestration-v2.yaml" if shared else None
    return path if path and path.is_file() else None


def workflow_files() -> list[Path]:
    shared = shared_dir()
    return sorted((shared / "workflows").glob("*.yaml")) if shared else []


def require_spec() -> Path:
    path = spec_path()
    if path is None:
        pytest.skip("OpenAPI document not found: set FORMANCE_OPENAPI_SPEC or put ../shared beside the checkout")
    return path


def require_workflows() -> list[Path]:
    files = workflow_files()
    if not files:
        pytest.skip("shared workflow files not found: set FORMANCE_SHARED_DIR or put ../shared beside the checkout")
    return files


@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def server() -> Iterator[RecordingServer]:
    with running_server() as srv:
        yield srv


@pytest.fixture
async def aclient(server: RecordingServer) -> AsyncIterator[AsyncOrchestrationClient]:
    async with AsyncOrchestrationClient(server.url, retries=FAST_RETRIES) as client:
        yield client


@pytest.fixture
def client(server: RecordingServer) -> Iterator[OrchestrationClient]:
    with OrchestrationClient(server.url, retries=FAST_RETRIES) as sync_client:
        yield sync_client


@pytest.fixture(autouse=True)
def fake_response_validation() -> Iterator[ResponseCollector | None]:
    """Validate every answer of every ``FakeOrchestration`` built during the test against the OpenAPI document.

    Each fake built while the test runs (the plugin fixtures', the ``fake`` fixtures', those a test builds itself)
    gets a :class:`ResponseCollector` through ``fake.on_response``; the test fails at teardown when an answer did
    not validate (with the document's departures widened, each named). Without the document (``require_spec``'s
    lookup), PyYAML or jsonschema, nothing is validated and the fixture yields ``None``: tests still run.
    """
    validator = load_validator(spec_path())
    if validator is None:
        yield None
        return
    collector = ResponseCollector(validator)
    original = FakeOrchestration.__init__

    def init(self: FakeOrchestration, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        self.on_response(collector)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(FakeOrchestration, "__init__", init)
        yield collector
    failures = collector.failures
    assert not failures, f"{len(failures)} fake answer(s) do not match the OpenAPI document:\n" + "\n".join(
        failures[:20]
    )
