"""OpenTelemetry spans (the ``otel`` extra), recorded with the OpenTelemetry SDK's in-memory exporter.

Each test gives the SDK a Telemetry bound to its own TracerProvider: the global provider can be set only once per
process, and other tests must not pay for spans.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from typing import Any

import pytest
from opentelemetry import propagate, trace
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode

from formance_orchestration import AsyncOrchestrationClient, ClientCredentials, OrchestrationClient, errors
from formance_orchestration._engine import telemetry as sdk_telemetry

from .conftest import FAST_RETRIES
from .server import Recorded, RecordingServer, Reply, free_port

PREFIX = "/api/orchestration"
WORKFLOW = {
    "id": "wf1",
    "config": {"name": "", "stages": None},
    "createdAt": "2024-01-01T00:00:00Z",
    "updatedAt": "2024-01-01T00:00:00Z",
}
RUNNING = {"workflowID": "wf1", "id": "i1", "createdAt": "2024-01-01T00:00:00Z", "updatedAt": "2024-01-01T00:00:00Z"}
BUSY = Reply(503, {"errorCode": "INTERNAL", "errorMessage": "busy"})


@pytest.fixture
def spans() -> Iterator[InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sdk_telemetry, "_loaded", sdk_telemetry.Telemetry(trace, propagate, tracer_provider=provider))
        yield exporter
    provider.shutdown()


def by_name(exporter: InMemorySpanExporter) -> dict[str, list[ReadableSpan]]:
    found: dict[str, list[ReadableSpan]] = {}
    for span in exporter.get_finished_spans():
        found.setdefault(span.name, []).append(span)
    return found


def attrs(span: ReadableSpan) -> dict[str, Any]:
    return dict(span.attributes or {})


def traceparent_ids(request: Recorded) -> tuple[str, str]:
    version, trace_id, span_id, flags = request.headers["traceparent"].split("-")
    assert version == "00"
    assert int(flags, 16) & 1  # sampled
    return trace_id, span_id


@pytest.mark.anyio
async def test_one_span_per_call_and_one_child_per_attempt(
    server: RecordingServer, spans: InMemorySpanExporter
) -> None:
    server.enqueue(BUSY, Reply(200, {"data": WORKFLOW}))
    async with AsyncOrchestrationClient(server.url, retries=FAST_RETRIES) as client:
        await client.v2.get_workflow("wf1")
    found = by_name(spans)
    (call,) = found["orchestration.get_workflow"]
    first, second = found[f"GET {PREFIX}/v2/workflows/{{flowId}}"]
    assert call.kind is SpanKind.INTERNAL
    assert call.parent is None
    for attempt in (first, second):
        assert attempt.kind is SpanKind.CLIENT
        assert attempt.parent is not None
        assert attempt.parent.span_id == call.context.span_id
    host, port = server.url.removeprefix("http://").split(":")
    assert attrs(first) == {
        "http.request.method": "GET",
        "url.template": f"{PREFIX}/v2/workflows/{{flowId}}",
        "url.full": f"{server.url}{PREFIX}/v2/workflows/wf1",
        "server.address": host,
        "server.port": int(port),
        "http.response.status_code": 503,
        "error.type": "503",
    }
    assert first.status.status_code is StatusCode.ERROR
    assert attrs(second)["http.request.resend_count"] == 1
    assert attrs(second)["http.response.status_code"] == 200
    assert "error.type" not in attrs(second)
    (retry,) = call.events
    assert retry.name == "retry"
    assert dict(retry.attributes or {}) == {
        "orchestration.attempt": 1,
        "orchestration.retry_delay": 0.0,
        "error.type": "503",
    }
    # W3C traceparent: each request names its own attempt span as the parent, in the call's trace.
    for request, attempt in zip(server.requests, (first, second), strict=True):
        trace_id, span_id = traceparent_ids(request)
        assert int(trace_id, 16) == call.context.trace_id
        assert int(span_id, 16) == attempt.context.span_id


@pytest.mark.anyio
async def test_failed_call_span_and_connection_error_type(spans: InMemorySpanExporter) -> None:
    async with AsyncOrchestrationClient(f"http://127.0.0.1:{free_port()}", max_retries=0) as client:
        with pytest.raises(errors.APIConnectionError):
            await client.v2.get_server_info()
    found = by_name(spans)
    (call,) = found["orchestration.get_server_info"]
    (attempt,) = found[f"GET {PREFIX}/_info"]
    assert call.status.status_code is StatusCode.ERROR
    assert attrs(attempt)["error.type"] == "httpx.ConnectError"
    assert "http.response.status_code" not in attrs(attempt)


@pytest.mark.anyio
async def test_token_fetch_span(server: RecordingServer, spans: InMemorySpanExporter) -> None:
    server.enqueue(Reply(200, {"access_token": "tok", "expires_in": 60}), Reply(200, {"data": WORKFLOW}))
    auth = ClientCredentials(client_id="c", client_secret="never-in-a-span")
    async with AsyncOrchestrationClient(server.url, auth=auth) as client:
        await client.v2.get_workflow("wf1")
    found = by_name(spans)
    (token,) = found["orchestration.fetch_token"]
    (call,) = found["orchestration.get_workflow"]
    assert token.parent is not None
    assert token.parent.span_id == call.context.span_id
    assert attrs(token)["url.full"] == f"{server.url}/api/auth/oauth/token"
    assert attrs(token)["http.request.method"] == "POST"
    for span in spans.get_finished_spans():
        assert "never-in-a-span" not in repr(attrs(span))
        assert "tok" not in [str(v) for v in attrs(span).values()]


@pytest.mark.anyio
async def test_wait_for_instance_span_with_an_event_per_poll(
    server: RecordingServer, spans: InMemorySpanExporter
) -> None:
    server.enqueue(
        Reply(200, {"data": {**RUNNING, "terminated": False}}),
        Reply(200, {"data": {**RUNNING, "terminated": True, "terminatedAt": "2024-01-01T00:00:01Z"}}),
    )
    async with AsyncOrchestrationClient(server.url) as client:
        instance = await client.v2.wait_for_instance("i1", poll_interval=0.01)
    assert instance.terminated
    found = by_name(spans)
    (wait,) = found["orchestration.wait_for_instance"]
    assert attrs(wait) == {"orchestration.instance_id": "i1"}
    assert [(e.name, dict(e.attributes or {})) for e in wait.events] == [
        ("poll", {"orchestration.poll": 1, "orchestration.instance.terminated": False}),
        ("poll", {"orchestration.poll": 2, "orchestration.instance.terminated": True}),
    ]
    calls = found["orchestration.get_instance"]
    assert len(calls) == 2
    assert all(c.parent is not None and c.parent.span_id == wait.context.span_id for c in calls)


def test_blocking_face_spans_join_the_callers_trace(server: RecordingServer, spans: InMemorySpanExporter) -> None:
    server.enqueue(Reply(200, {"data": WORKFLOW}))
    provider = TracerProvider()
    tracer = provider.get_tracer("app")
    with OrchestrationClient(server.url) as client, tracer.start_as_current_span("handler") as parent:
        client.v2.get_workflow("wf1")
    (call,) = by_name(spans)["orchestration.get_workflow"]
    assert call.parent is not None
    assert call.parent.span_id == parent.get_span_context().span_id
    trace_id, _ = traceparent_ids(server.requests[0])
    assert int(trace_id, 16) == parent.get_span_context().trace_id


@pytest.mark.anyio
async def test_no_spans_without_telemetry(server: RecordingServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sdk_telemetry, "_loaded", None)  # as when disabled or not installed
    server.enqueue(Reply(200, {"data": WORKFLOW}))
    async with AsyncOrchestrationClient(server.url) as client:
        await client.v2.get_workflow("wf1")
    assert "traceparent" not in server.requests[0].headers


NOT_INSTALLED = textwrap.dedent(
    """
    import sys
    sys.modules["opentelemetry"] = None  # as if the otel extra were not installed: importing it fails
    import formance_orchestration
    from formance_orchestration._engine import telemetry
    assert telemetry.current() is None
    assert formance_orchestration.AsyncOrchestrationClient("http://127.0.0.1:1") is not None
    print("ok")
    """
)

NOT_USED = textwrap.dedent(
    """
    import sys
    import formance_orchestration, anyio
    async def main():
        async with formance_orchestration.AsyncOrchestrationClient("http://127.0.0.1:1", max_retries=0) as client:
            try:
                await client.v2.get_server_info()
            except formance_orchestration.errors.APIConnectionError:
                pass
    anyio.run(main)
    print(sorted(m for m in sys.modules if m.startswith("opentelemetry")))
    """
)


def test_nothing_is_imported_without_the_package() -> None:
    out = subprocess.run([sys.executable, "-c", NOT_INSTALLED], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "ok"


def test_the_sdk_never_imports_opentelemetry_on_its_own() -> None:
    # Installed (the dev extra has it) but not used by the application: not imported, by import or by a call.
    out = subprocess.run([sys.executable, "-c", NOT_USED], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "[]"


def test_disabled_by_the_standard_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTEL_PYTHON_DISABLED_INSTRUMENTATIONS", "urllib3, formance_orchestration")
    assert sdk_telemetry._load() is None
    monkeypatch.setenv("OTEL_PYTHON_DISABLED_INSTRUMENTATIONS", "urllib3")
    assert sdk_telemetry._load() is not None
