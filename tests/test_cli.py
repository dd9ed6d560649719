"""The command line, run as a real subprocess against the double's socket server (and under tmux for the live
display of ``watch``)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from formance_orchestration.testing import FakeOrchestration

from .conftest import workflow_files

WORKFLOW = """\
name: demo
stages:
- delay: {duration: "${wait}"}
- wait_event: {event: go}
- update: {account: {id: "users:${user}", metadata: {tier: gold}}}
"""


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[FakeOrchestration, str]]:
    fake = FakeOrchestration(realtime=True)
    with fake.serve_in_thread() as url:
        yield fake, url


def environment(url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORMANCE_")}
    if url is not None:
        env |= {"FORMANCE_BASE_URL": url, "FORMANCE_CLIENT_ID": "demo", "FORMANCE_CLIENT_SECRET": "s3cret"}
    return env


def cli(*args: str, url: str | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "formance_orchestration", *args],
        env=environment(url),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def ok(*args: str, url: str | None = None) -> str:
    result = cli(*args, url=url)
    assert result.returncode == 0, result.stderr
    return result.stdout


def fails(*args: str, url: str | None = None, status: int = 1) -> str:
    result = cli(*args, url=url)
    assert result.returncode == status, (result.stdout, result.stderr)
    return result.stderr


# -- validate (offline) ----------------------------------------------------------------------------------------------


def test_validate_lists_every_problem_of_every_file_and_exits_1(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(WORKFLOW, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("stage: []\nstages:\n- dealy: {duration: 5s}\n- wait_event: {evnt: go}\n", encoding="utf-8")
    out = ok("validate", str(good))
    assert out == f"{good}: ok (3 stages)\n"
    result = cli("validate", str(good), str(bad), str(tmp_path / "nope.yaml"))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{good}: ok (3 stages)",
        f"{bad}:1:1: stage: unknown key 'stage' (did you mean 'stages'?); known: name, stages",
        f"{bad}:3:3: stages[0].dealy: unknown stage kind 'dealy' (did you mean 'delay'?); known: send, delay, "
        "wait_event, update, noop",
        f"{bad}:4:15: stages[1].wait_event: missing required key 'event'",
        f"{bad}:4:16: stages[1].wait_event.evnt: unknown key 'evnt' (did you mean 'event'?); known: event",
        f"{tmp_path / 'nope.yaml'}: no such file",
    ]
    report = json.loads(cli("validate", "--json", str(good), str(bad)).stdout)
    assert [(r["file"], r["ok"], len(r["problems"])) for r in report] == [(str(good), True, 0), (str(bad), False, 4)]
    assert report[1]["problems"][0] == {
        "path": "stage",
        "message": "unknown key 'stage' (did you mean 'stages'?); known: name, stages",
        "file": str(bad),
        "line": 1,
        "column": 1,
    }


def test_validate_accepts_the_shared_examples() -> None:
    files = workflow_files()
    if not files:
        pytest.skip("../shared/workflows not found")
    out = ok("validate", *map(str, files))
    assert out.count(": ok (") == len(files)


# -- against the double ------------------------------------------------------------------------------------------------


def test_a_session_create_run_send_watch_inspect_delete(server: tuple[FakeOrchestration, str], tmp_path: Path) -> None:
    _, url = server
    path = tmp_path / "demo.yaml"
    path.write_text(WORKFLOW, encoding="utf-8")
    created = json.loads(ok("workflows", "create", str(path), "--json", url=url))
    workflow_id = created["id"]
    assert created["config"]["name"] == "demo"
    assert ok("workflows", "create", str(path), url=url).startswith("created workflow ")

    listing = ok("workflows", "list", url=url)
    assert listing.splitlines()[0].split() == ["ID", "NAME", "STAGES", "CREATED"]
    assert workflow_id in listing
    shown = ok("workflows", "get", workflow_id, url=url)
    assert "1  wait_event go" in shown
    assert "2  update users:${user}" in shown

    # A run lacking a variable: refused before anything runs, one line naming it.
    stderr = fails("run", workflow_id, "--var", "wait=1s", url=url)
    assert stderr == (
        f"error: workflow {workflow_id} uses variables the run does not give: user "
        "(pass --var user=..., or --no-check to run anyway)\n"
    )
    # An unused one: a one-line warning, and the run goes ahead.
    result = cli("run", workflow_id, "--var", "wait=1s", "--var", "user=7", "--var", "usr=x", url=url)
    assert result.returncode == 0
    assert result.stdout.startswith("started instance ")
    assert result.stderr == f"warning: no stage of workflow {workflow_id} uses variable: usr\n"

    instance = json.loads(ok("run", workflow_id, "--var", "wait=300ms", "--var", "user=7", "--json", url=url))
    instance_id = instance["id"]
    lines = []
    with subprocess.Popen(
        [sys.executable, "-m", "formance_orchestration", "watch", instance_id, "--interval", "0.05"],
        env=environment(url),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as watcher:
        assert watcher.stdout is not None
        for line in watcher.stdout:  # a plain line per change: stdout is a pipe, not a terminal
            lines.append(line.rstrip("\n"))
            if line.startswith("stage 1 wait_event go: waiting"):
                sent = ok("events", "send", instance_id, "go", url=url)
                assert sent == f"sent event go to instance {instance_id}\n"
        assert watcher.wait(timeout=30) == 0
    assert lines[-1] == f"instance {instance_id} succeeded"
    assert "stage 1 wait_event go: waiting" in lines
    assert "stage 1 wait_event go: done" in lines
    assert "stage 2 update users:${user}: done" in lines

    got = ok("instances", "get", instance_id, url=url)
    assert "0  delay ${wait}" in got
    assert "succeeded" in got
    history = ok("instances", "history", instance_id, url=url)
    assert [line.split()[1] for line in history.splitlines()[1:]] == ["RunDelay", "RunWaitEvent", "RunUpdate"]
    listed = json.loads(ok("instances", "list", "--workflow", workflow_id, "--json", url=url))
    assert instance_id in {item["id"] for item in listed}
    history_json = json.loads(ok("instances", "history", instance_id, "--json", url=url))
    assert [h["name"] for h in history_json] == ["RunDelay", "RunWaitEvent", "RunUpdate"]

    assert ok("workflows", "delete", workflow_id, url=url) == f"deleted workflow {workflow_id}\n"


def test_run_wait_reports_a_failed_instance_with_exit_status_1(
    server: tuple[FakeOrchestration, str], tmp_path: Path
) -> None:
    fake, url = server
    path = tmp_path / "fail.yaml"
    path.write_text("stages:\n- noop: {}\n- update: {account: {id: a, metadata: {k: v}}}\n", encoding="utf-8")
    workflow_id = json.loads(ok("workflows", "create", str(path), "--json", url=url))["id"]
    fake.fail_stage(workflow_id, stage_type="update", error="ledger says no")
    result = cli("run", workflow_id, "--wait", url=url)
    assert result.returncode == 1
    assert result.stdout.endswith("failed: ledger says no\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("workflows", "get", "00000000-0000-0000-0000-000000000000"), "error: GET "),
        (("workflows", "create", "missing.yaml"), "error: missing.yaml: no such file\n"),
        (("run", "wf", "--var", "novalue"), "error: --var expects NAME=VALUE, got 'novalue'\n"),
    ],
)
def test_errors_are_one_line_and_a_non_zero_exit(
    server: tuple[FakeOrchestration, str], args: tuple[str, ...], message: str
) -> None:
    _, url = server
    stderr = fails(*args, url=url)
    assert stderr.startswith(message)
    assert stderr.count("\n") == 1


def test_a_refused_file_on_create_lists_its_problems(server: tuple[FakeOrchestration, str], tmp_path: Path) -> None:
    _, url = server
    path = tmp_path / "bad.yaml"
    path.write_text("stages:\n- dealy: {duration: 5s}\n", encoding="utf-8")
    stderr = fails("workflows", "create", str(path), url=url)
    assert stderr.splitlines()[0] == f"error: {path}: 1 problem(s)"
    assert "did you mean 'delay'?" in stderr


def test_missing_environment_and_unreachable_server_are_one_line() -> None:
    stderr = fails("workflows", "list")
    assert stderr.startswith("error: missing environment variable(s): FORMANCE_BASE_URL")
    assert stderr.count("\n") == 1
    stderr = fails("workflows", "list", url="http://127.0.0.1:9")
    assert stderr.startswith("error: ")
    assert stderr.count("\n") == 1


def test_usage_errors_exit_2() -> None:
    result = cli("run")
    assert result.returncode == 2
    assert "usage: formance-orchestration" in result.stderr


def test_the_console_script_is_installed_and_nothing_is_imported_with_the_package() -> None:
    script = Path(sys.executable).parent / "formance-orchestration"
    if not script.exists():
        pytest.skip("package not installed with its scripts in this interpreter's environment")
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0
    for command in ("validate", "workflows", "run", "instances", "watch", "events"):
        assert command in result.stdout
    probe = "import sys, formance_orchestration; print([m for m in sys.modules if m.endswith(('.cli', '.diagrams', '._workflow_check'))])"
    imported = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    assert imported.stdout.strip() == "[]"


# -- the live display under tmux ---------------------------------------------------------------------------------------


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, timeout=30, check=False).stdout


def test_watch_redraws_the_stages_in_place_in_a_terminal(server: tuple[FakeOrchestration, str]) -> None:
    if shutil.which("tmux") is None:
        pytest.skip("tmux not installed")
    fake, url = server
    with fake.client() as client:
        workflow = client.v2.create_workflow(
            stages=[{"delay": {"duration": "200ms"}}, {"wait_event": {"event": "go"}}, {"noop": {}}]
        )
        instance = client.v2.run_workflow(workflow.id)
        session = f"fo-watch-{os.getpid()}"
        env = " ".join(f"{k}={v}" for k, v in environment(url).items() if k.startswith("FORMANCE_"))
        command = f"env {env} {sys.executable} -m formance_orchestration watch {instance.id} --interval 0.05; sleep 30"
        tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "30", command)
        try:
            screen = wait_for_screen(session, "waiting")
            assert "⏸  1  wait_event go" in screen
            client.v2.send_event(instance.id, name="go")
            screen = wait_for_screen(session, "succeeded")
        finally:
            tmux("kill-session", "-t", session)
    lines = [line for line in screen.splitlines() if line.strip()]
    assert lines[0] == f"instance {instance.id} of workflow {workflow.id}"
    # Each stage is one line, redrawn in place: three stage lines, then the outcome.
    assert [line.split()[:3] for line in lines[1:4]] == [
        ["✓", "0", "delay"],
        ["✓", "1", "wait_event"],
        ["✓", "2", "noop"],
    ]
    assert all(line.rstrip().endswith("done") for line in lines[1:4])
    assert lines[4] == f"instance {instance.id} succeeded"
    assert len(lines) == 5


def wait_for_screen(session: str, text: str) -> str:
    deadline = time.monotonic() + 20
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-p", "-t", session)
        if text in screen:
            return screen
        time.sleep(0.05)
    raise AssertionError(f"{text!r} never showed; screen:\n{screen}")
