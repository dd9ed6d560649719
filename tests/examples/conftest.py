"""Helpers for the example tests: import an example the way ``python examples/<name>.py`` would, run one as a
script, and catch the in-memory servers the examples start."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from formance_orchestration.testing import FakeOrchestration

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def example_env(**extra: str) -> dict[str, str]:
    """The environment for an example subprocess: no ``FORMANCE_*`` stack, the checkout importable."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("FORMANCE_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


def example_command(name: str, *args: str) -> list[str]:
    return [sys.executable, str(EXAMPLES / f"{name}.py"), *args]


def run_example(name: str, *args: str, timeout: float = 60, **env: str) -> subprocess.CompletedProcess[str]:
    """``python examples/<name>.py args...`` against the in-memory server."""
    return subprocess.run(
        example_command(name, *args),
        env=example_env(**env),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(autouse=True)
def examples_on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Examples import ``_stack`` (and each other) as top-level modules, as when run from examples/."""
    for name in [name for name in os.environ if name.startswith("FORMANCE_")]:
        monkeypatch.delenv(name)
    monkeypatch.syspath_prepend(str(EXAMPLES))


@pytest.fixture
def load_example(examples_on_path: None) -> Iterator[Any]:
    """``load_example("quickstart")``: the example module, freshly imported (its module-level state is new)."""
    loaded: list[str] = []

    def load(name: str) -> ModuleType:
        sys.modules.pop(name, None)
        loaded.append(name)
        return importlib.import_module(name)

    yield load
    for name in loaded:
        sys.modules.pop(name, None)


@pytest.fixture
def local_servers(monkeypatch: pytest.MonkeyPatch, load_example: Any) -> list[FakeOrchestration]:
    """Every in-memory server an example starts through ``_stack``, to assert on what it received."""
    stack = load_example("_stack")
    servers: list[FakeOrchestration] = []
    original = stack.local_server

    def recording(**kwargs: Any) -> FakeOrchestration:
        fake: FakeOrchestration = original(**kwargs)
        servers.append(fake)
        return fake

    monkeypatch.setattr(stack, "local_server", recording)
    return servers
