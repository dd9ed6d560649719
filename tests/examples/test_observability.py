"""examples/observability.py: hooks, OpenTelemetry spans and FORMANCE_LOG, run as a user would."""

from __future__ import annotations

from .conftest import run_example

SECRET = "examples-secret"  # the local server's client secret (examples/_stack.py)


def test_prints_what_the_hooks_saw_and_the_spans() -> None:
    out = run_example("observability")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "token from http://127.0.0.1:" in text
    assert "valid 3600 s" in text
    assert "create_workflow: POST /api/orchestration/v2/workflows -> 201" in text
    assert "delete_workflow: DELETE /api/orchestration/v2/workflows/" in text
    # OpenTelemetry is in the dev extra: one span per call, one per request (templated), one per token fetch.
    assert "  orchestration.fetch_token\n" in text
    assert "  orchestration.wait_for_instance\n" in text
    assert "  POST /api/orchestration/v2/workflows/{workflowID}/instances -> 201\n" in text
    assert SECRET not in text + out.stderr


def test_formance_log_debug_adds_one_line_per_request_without_secrets() -> None:
    out = run_example("observability", FORMANCE_LOG="debug")
    assert out.returncode == 0, out.stderr
    requests = [line for line in out.stderr.splitlines() if " -> " in line and "(attempt " in line]
    assert len(requests) >= 4
    assert any("POST http://127.0.0.1:" in line and "/v2/workflows -> 201" in line for line in requests)
    assert SECRET not in out.stderr
