"""``FORMANCE_LOG``, silence by default, and whole-token masking of credentials in the SDK's records.

The environment is read at import, so each case runs a small program in a fresh interpreter.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap

import pytest

from formance_orchestration._engine import logs

PROGRAM = textwrap.dedent(
    """
    import json, logging, sys, threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    answers = [503, 200, 200]

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def do_GET(self):
            status = answers.pop(0) if answers else 200
            if self.path.startswith("/token"):
                status = 200
            body = json.dumps({"data": {"id": "wf1", "config": {"stages": []},
                               "createdAt": "2026-11-25T10:00:00Z", "updatedAt": "2026-11-25T10:00:00Z"}}).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    import formance_orchestration as fo

    url = f"http://127.0.0.1:{server.server_address[1]}"
    policy = fo.RetryPolicy(initial_delay=0, max_delay=0, jitter=0)
    with fo.OrchestrationClient(url, auth=fo.BearerToken("tok-SECRET-1234"), retries=policy) as client:
        client.v2.get_workflow("wf1")
        client.v2.get_workflow("tok-SECRET-1234")  # a credential in a URL is masked too
    root = logging.getLogger()
    print(json.dumps({"root_handlers": len(root.handlers), "root_level": root.level}))
    """
)


def run(env_value: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "FORMANCE_LOG"}
    if env_value is not None:
        env["FORMANCE_LOG"] = env_value
    return subprocess.run(
        [sys.executable, "-c", PROGRAM], capture_output=True, text=True, check=True, timeout=60, env=env
    )


def test_unconfigured_logging_prints_nothing_even_on_a_retry() -> None:
    out = run(None)
    assert out.stderr == ""  # before: "attempt 1 failed (status 503); retrying" through the last-resort handler
    assert out.stdout.strip() == '{"root_handlers": 0, "root_level": 30}'


def test_formance_log_debug_prints_each_attempt_without_the_token() -> None:
    out = run("debug")
    lines = out.stderr.splitlines()
    attempts = [line for line in lines if "/v2/workflows/" in line and "->" in line]
    assert len(attempts) == 3, out.stderr
    assert "GET http://127.0.0.1:" in attempts[0]
    assert "/api/orchestration/v2/workflows/wf1 -> 503 in" in attempts[0]
    assert "(attempt 1, retrying in 0.00 s)" in attempts[0]
    assert "-> 200 in" in attempts[1]
    assert "(attempt 2)" in attempts[1]
    assert any("DEBUG" in line for line in lines)
    assert any("INFO" in line and "retrying in" in line for line in lines)  # the retry decision
    assert "tok-SECRET-1234" not in out.stderr
    assert "/v2/workflows/*** -> 200" in out.stderr
    # The root logger is left as it was: the handler is on the SDK's logger only.
    assert out.stdout.strip() == '{"root_handlers": 0, "root_level": 30}'


def test_formance_log_info_prints_retries_only() -> None:
    out = run("INFO")
    assert "retrying in" in out.stderr
    assert "DEBUG" not in out.stderr
    assert "-> 200" not in out.stderr


def test_unknown_formance_log_value_warns_and_is_ignored() -> None:
    env = {**os.environ, "FORMANCE_LOG": "verbose"}
    out = subprocess.run(
        [sys.executable, "-W", "default", "-c", "import formance_orchestration"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env=env,
    )
    assert "FORMANCE_LOG='verbose' is not one of: debug, info; ignored" in out.stderr


# -- whole-token masking -----------------------------------------------------------------------------------------


@pytest.fixture
def records(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG, logger=logs.LOGGER_NAME)
    return caplog


def test_a_secret_is_masked_as_a_whole_token_not_inside_words(records: pytest.LogCaptureFixture) -> None:
    logs.register_secret("pa55w0rd")
    logs.logger.debug("token %s; url /x?t=pa55w0rd&u=1; pa55w0rds; xpa55w0rd; 'pa55w0rd'", "pa55w0rd")
    message = records.records[-1].getMessage()
    assert message == "token ***; url /x?t=***&u=1; pa55w0rds; xpa55w0rd; '***'"


def test_short_secrets_are_not_masked_everywhere(records: pytest.LogCaptureFixture) -> None:
    logs.register_secret("s")  # a one-letter "secret" (tests use them) must not turn every "s" into ***
    logs.logger.debug("retrying in %.2f s", 0.5)
    assert records.records[-1].getMessage() == "retrying in 0.50 s"


def test_url_encoded_secrets_and_extras_are_masked(records: pytest.LogCaptureFixture) -> None:
    secret = "s3cr+t/with=chars"
    logs.register_secret(secret)
    from urllib.parse import quote_plus

    logs.logger.debug("form: client_secret=%s", quote_plus(secret), extra={"url": f"/a?k={secret}"})
    record = records.records[-1]
    assert record.getMessage() == "form: client_secret=***"
    assert record.__dict__["url"] == "/a?k=***"
