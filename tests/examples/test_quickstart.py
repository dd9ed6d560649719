"""examples/quickstart.py and examples/trio_example.py: create, run, wait, print the instance and its history."""

from __future__ import annotations

from typing import Any

import pytest
import trio

from formance_orchestration.testing import FakeOrchestration


def check_quickstart_output(out: str) -> None:
    assert "created workflow " in out
    assert "(quickstart: welcome bonus)" in out
    assert "started instance " in out
    assert "terminated: succeeded" in out
    assert "  stage 0: started " in out
    assert "  stage 1: started " in out
    # The server's history reader gives one entry per started stage, in order (manager.go ReadInstanceHistory).
    assert "history: 2 entries" in out
    assert "  RunSend: terminated=True error=None" in out
    assert "  RunDelay: terminated=True error=None" in out
    assert out.index("  RunSend:") < out.index("  RunDelay:")
    assert '"duration": "1s"' in out
    assert '"asset": "EUR/2", "amount": 1500' in out
    assert '"id": "users:42"' in out


def check_server_saw_quickstart(fake: FakeOrchestration) -> None:
    assert fake.server_errors == []
    [create] = fake.requests_for("create_workflow")
    assert create.json()["name"] == "quickstart: welcome bonus"
    [run] = fake.requests_for("run_workflow")
    assert run.json() == {"userID": "42", "amount": "1500"}
    assert fake.requests_for("get_instance_history")
    # Client credentials over a socket: a token from the fake's endpoint, then every call authenticated with it.
    tokens = [request for request in fake.requests if request.path == "/api/auth/oauth/token"]
    assert len(tokens) == 1
    api_calls = [request for request in fake.requests if request.operation is not None]
    assert api_calls
    assert all((request.headers.get("authorization") or "").startswith("Bearer ") for request in api_calls)


@pytest.mark.anyio
async def test_quickstart(
    load_example: Any, local_servers: list[FakeOrchestration], capsys: pytest.CaptureFixture[str]
) -> None:
    quickstart = load_example("quickstart")
    await quickstart.main()
    check_quickstart_output(capsys.readouterr().out)
    [fake] = local_servers
    check_server_saw_quickstart(fake)


def test_trio_example(
    load_example: Any, local_servers: list[FakeOrchestration], capsys: pytest.CaptureFixture[str]
) -> None:
    trio_example = load_example("trio_example")
    trio.run(trio_example.main)
    out = capsys.readouterr().out
    assert out.startswith(f"event loop: trio {trio.__version__}\n")
    check_quickstart_output(out)
    [fake] = local_servers
    check_server_saw_quickstart(fake)
