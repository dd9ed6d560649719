"""examples/_stack.py: the in-memory server by default, the stack named by FORMANCE_* variables when set."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from formance_orchestration import BearerToken
from formance_orchestration.testing import FakeOrchestration

from .test_quickstart import check_quickstart_output, check_server_saw_quickstart


@pytest.fixture
def remote_stack(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOrchestration]:
    """A server standing in for a real stack, named by the environment as a user would name theirs."""
    fake = FakeOrchestration(realtime=True, require_auth=True, client_credentials={"ci-client": "ci-secret"})
    with fake.serve_in_thread(port=0) as url:
        monkeypatch.setenv("FORMANCE_BASE_URL", url)
        monkeypatch.setenv("FORMANCE_CLIENT_ID", "ci-client")
        monkeypatch.setenv("FORMANCE_CLIENT_SECRET", "ci-secret")
        yield fake


def test_local_server_by_default(load_example: Any, capsys: pytest.CaptureFixture[str]) -> None:
    stack_module = load_example("_stack")
    with stack_module.orchestration_stack() as stack, stack.client() as client:
        assert stack.is_local
        assert stack.fake.options.require_auth  # the examples exercise the token endpoint
        assert client.v2.get_server_info().version == "develop"
    assert "no FORMANCE_BASE_URL: using the in-memory Orchestration server at http://127.0.0.1:" in (
        capsys.readouterr().err
    )


@pytest.mark.anyio
async def test_quickstart_against_the_stack_from_the_environment(
    load_example: Any,
    local_servers: list[FakeOrchestration],
    remote_stack: FakeOrchestration,
    capsys: pytest.CaptureFixture[str],
) -> None:
    quickstart = load_example("quickstart")
    await quickstart.main()
    captured = capsys.readouterr()
    assert "in-memory" not in captured.err
    assert local_servers == []  # no local server was started
    check_quickstart_output(captured.out)
    check_server_saw_quickstart(remote_stack)


def test_sync_script_against_the_stack_from_the_environment(
    load_example: Any, remote_stack: FakeOrchestration, capsys: pytest.CaptureFixture[str]
) -> None:
    with remote_stack.client(auth=BearerToken(remote_stack.issue_token())) as setup:  # what is already on the "stack"
        workflow = setup.v2.create_workflow(name="existing", stages=[{"wait_event": {"event": "never"}}])
        instance = setup.v2.run_workflow(workflow.id)
    sync_script = load_example("sync_script")
    assert sync_script.main(["--older-than", "0"]) == 0
    out = capsys.readouterr().out
    assert "1 workflow(s) in all" in out
    assert f"- {instance.id} (workflow {workflow.id})" in out
    assert "sent 1 cancel request(s), 0 failed" in out
    assert len(remote_stack.requests_for("create_workflow")) == 1  # the script seeds nothing on a real stack
    assert [request.path.rsplit("/", 2)[-2] for request in remote_stack.requests_for("cancel_event")] == [instance.id]
