"""Fixtures for the in-memory double's own tests: a fresh fake and raw httpx clients bound to it."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from formance_orchestration.testing import FakeOrchestration
from formance_orchestration.testing.pytest_plugin import (  # re-exported as fixtures of this directory
    async_orchestration_client,
    fake_orchestration,
    orchestration_client,
)

from ._openapi_responses import TALLY

__all__ = ["async_orchestration_client", "fake_orchestration", "orchestration_client"]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """How many fake answers were validated against the OpenAPI document (``fake_response_validation``)."""
    if not TALLY:
        return
    terminalreporter.section("fake answers against the OpenAPI document")
    checked = sum(count for key, count in TALLY.items() if not key.startswith("not checked"))
    terminalreporter.write_line(f"{checked:7d}  checked against a response schema")
    for key, count in sorted(TALLY.items(), key=lambda item: (-item[1], item[0])):
        terminalreporter.write_line(f"{count:7d}  {key}")


REPO_ROOT = Path(__file__).resolve().parents[2]


def shared_dir() -> Path | None:
    """``$FORMANCE_SHARED_DIR`` or ``<repo root>/../shared``, when it exists."""
    env = os.environ.get("FORMANCE_SHARED_DIR")
    path = Path(env) if env else REPO_ROOT.parent / "shared"
    return path if path.is_dir() else None


def require_shared(*parts: str) -> Path:
    """A file under the shared directory, or skip the test saying where it was looked for."""
    base = shared_dir()
    path = base.joinpath(*parts) if base is not None else None
    if path is None or not path.exists():
        pytest.skip(
            f"shared file {'/'.join(parts)} not found: set FORMANCE_SHARED_DIR or put ../shared beside the repo"
        )
    return path


@pytest.fixture
def fake() -> Iterator[FakeOrchestration]:
    """A faithful fake; the test fails if the fake turned an internal bug into an empty 500."""
    double = FakeOrchestration()
    yield double
    assert double.server_errors == []


@pytest.fixture
def documented() -> Iterator[FakeOrchestration]:
    """A fake with the documented semantics."""
    double = FakeOrchestration(semantics="documented")
    yield double
    assert double.server_errors == []


@pytest.fixture
def http(fake: FakeOrchestration) -> Iterator[httpx.Client]:
    """A sync httpx client on the fake's in-process transport, gateway prefix in the base URL."""
    with httpx.Client(transport=fake.transport, base_url="http://fake/api/orchestration") as client:
        yield client


@pytest.fixture
def dhttp(documented: FakeOrchestration) -> Iterator[httpx.Client]:
    """Same as ``http`` for the documented-semantics fake."""
    with httpx.Client(transport=documented.transport, base_url="http://fake/api/orchestration") as client:
        yield client


def create_workflow(client: httpx.Client, stages: list[dict[str, Any]] | None, name: str | None = None) -> str:
    """Create a workflow and return its id (asserting the 201)."""
    body: dict[str, Any] = {}
    if stages is not None:
        body["stages"] = stages
    if name is not None:
        body["name"] = name
    response = client.post("/v2/workflows", json=body)
    assert response.status_code == 201, response.text
    return str(response.json()["data"]["id"])


def run(client: httpx.Client, workflow_id: str, variables: dict[str, str] | None = None, **params: str) -> str:
    """Run a workflow and return the instance id (asserting the 201)."""
    kwargs: dict[str, Any] = {"params": params}
    if variables is not None:
        kwargs["content"] = json.dumps(variables).encode()
    response = client.post(f"/v2/workflows/{workflow_id}/instances", **kwargs)
    assert response.status_code == 201, response.text
    return str(response.json()["data"]["id"])


def instance(client: httpx.Client, instance_id: str) -> dict[str, Any]:
    """getInstance's ``data``."""
    response = client.get(f"/v2/instances/{instance_id}")
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data
