"""Every example runs as is, ``python examples/<name>.py``, against the in-memory server: exit 0, clean stderr.

The scripts start together (each in its own process) and each test checks one of them.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from typing import NamedTuple

import pytest

from .conftest import EXAMPLES, ROOT, example_command, example_env

# name -> what its output must contain
SCRIPTS = {
    "demo": ["server version: develop", "sent event 'approved'", ": succeeded"],
    "quickstart": ["created workflow ", "terminated: succeeded", "history: 2 entries"],
    "trio_example": ["event loop: trio ", "terminated: succeeded"],
    "sync_script": ["27 workflow(s) in all", "sent 3 cancel request(s), 0 failed"],
    "async_service": ["worker ready", "all jobs done: 20 completed, 0 failed, 0 abandoned"],
    "fastapi_app": ["POST /payouts -> 202", "/approve -> 202", '"terminated": true', "no-such-instance -> 404"],
    "observability": [
        "hooks:",
        "create_workflow: POST /api/orchestration/v2/workflows -> 201",
        "  orchestration.wait_for_instance",
    ],
}
TIMEOUT = 90


class Finished(NamedTuple):
    returncode: int
    stdout: str
    stderr: str
    seconds: float


@pytest.fixture(scope="module")
def finished() -> Iterator[dict[str, Finished]]:
    started = time.monotonic()
    processes = {
        name: subprocess.Popen(
            example_command(name),
            env=example_env(),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in SCRIPTS
    }
    results: dict[str, Finished] = {}
    try:
        for name, process in processes.items():
            remaining = max(1.0, TIMEOUT - (time.monotonic() - started))
            try:
                stdout, stderr = process.communicate(timeout=remaining)
            except subprocess.TimeoutExpired:
                process.kill()
                stdout, stderr = process.communicate()
                stderr += f"\n(killed after {TIMEOUT} s)"
            results[name] = Finished(process.returncode, stdout, stderr, time.monotonic() - started)
        yield results
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.kill()
                process.wait()


def test_every_example_is_tested() -> None:
    assert {path.stem for path in EXAMPLES.glob("*.py") if not path.name.startswith("_")} == set(SCRIPTS)


@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_runs_as_a_script(finished: dict[str, Finished], name: str) -> None:
    result = finished[name]
    assert result.returncode == 0, result.stderr
    for expected in SCRIPTS[name]:
        assert expected in result.stdout
    # stderr holds at most the note naming the local server (demo.py prints it on stdout): no traceback, no warning.
    note = "(no FORMANCE_BASE_URL: using the in-memory Orchestration server at http://127.0.0.1:"
    assert all(line.startswith(note) for line in result.stderr.splitlines()), result.stderr
