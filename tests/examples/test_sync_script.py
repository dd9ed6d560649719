"""examples/sync_script.py: every workflow page by page, stuck instances found and cancelled, no async in sight."""

from __future__ import annotations

import ast
from typing import Any

import pytest

from formance_orchestration import BearerToken
from formance_orchestration.testing import FakeOrchestration

from .conftest import EXAMPLES


@pytest.fixture
def sync_script(load_example: Any, local_servers: list[FakeOrchestration]) -> Any:
    """The example, imported after ``local_servers`` wrapped ``_stack.local_server`` (it imports it by name)."""
    return load_example("sync_script")


def stuck_instance_ids(fake: FakeOrchestration) -> set[str]:
    """The seeded instances that wait for an event nobody sends."""
    with fake.client(auth=BearerToken(fake.issue_token())) as client:
        [approval] = [wf for wf in client.v2.list_workflows() if wf.config.name == "demo: payout awaiting approval"]
        return {instance.id for instance in client.v2.list_instances(workflow_id=approval.id)}


def test_lists_every_page_and_cancels_the_stuck_instances(
    sync_script: Any, local_servers: list[FakeOrchestration], capsys: pytest.CaptureFixture[str]
) -> None:
    assert sync_script.main([]) == 0
    out = capsys.readouterr().out
    assert "page 1: 10 workflow(s)\n" in out
    assert "page 2: 10 workflow(s)\n" in out
    assert "page 3: 7 workflow(s)\n" in out
    assert "page 4" not in out
    assert "27 workflow(s) in all" in out
    assert out.count("demo: report ") == 25
    assert "3 instance(s) running for more than 1:00:00" in out
    assert out.count("cancel accepted, but the server still reports it running") == 3  # today's abort is a no-op
    assert "sent 3 cancel request(s), 0 failed" in out

    [fake] = local_servers
    assert fake.server_errors == []
    listed = fake.requests_for("list_workflows")
    assert [request.query_value("pageSize") for request in listed] == ["10", None, None]  # then cursors only
    assert all(request.query_value("cursor") for request in listed[1:])
    cancelled = {request.path.rsplit("/", 2)[-2] for request in fake.requests_for("cancel_event")}
    assert cancelled == stuck_instance_ids(fake)  # the two finished instances were left alone


def test_dry_run_cancels_nothing(
    sync_script: Any, local_servers: list[FakeOrchestration], capsys: pytest.CaptureFixture[str]
) -> None:
    assert sync_script.main(["--dry-run", "--page-size", "100"]) == 0
    out = capsys.readouterr().out
    assert "page 1: 27 workflow(s)" in out
    assert "3 instance(s) running for more than 1:00:00" in out
    assert "dry run: nothing cancelled" in out
    [fake] = local_servers
    assert fake.requests_for("cancel_event") == []


def test_younger_instances_are_not_stuck(
    sync_script: Any, local_servers: list[FakeOrchestration], capsys: pytest.CaptureFixture[str]
) -> None:
    assert sync_script.main(["--older-than", str(3 * 3600)]) == 0
    assert "0 instance(s) running for more than 3:00:00" in capsys.readouterr().out
    [fake] = local_servers
    assert fake.requests_for("cancel_event") == []


def test_a_failed_cancel_is_reported_and_sets_the_exit_status(
    sync_script: Any, local_servers: list[FakeOrchestration], capsys: pytest.CaptureFixture[str]
) -> None:
    original = sync_script.seed_demo_data

    def seed_then_break_abort(client: Any) -> None:
        original(client)
        local_servers[0].faults.fail_next("cancel_event", status=403, body={"errorCode": "FORBIDDEN"})

    sync_script.seed_demo_data = seed_then_break_abort
    assert sync_script.main([]) == 1
    out = capsys.readouterr().out
    assert "cancel failed: PUT " in out
    assert "sent 2 cancel request(s), 1 failed" in out


def test_no_async_in_sight() -> None:
    tree = ast.parse((EXAMPLES / "sync_script.py").read_text())
    assert not [
        node
        for node in ast.walk(tree)
        if isinstance(node, (ast.AsyncFunctionDef, ast.Await, ast.AsyncWith, ast.AsyncFor))
    ]
    imported = {
        alias.name for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom)) for alias in node.names
    }
    assert not imported & {"anyio", "asyncio", "trio", "AsyncOrchestrationClient"}
