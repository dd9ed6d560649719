"""Observability: hooks that time every request and tag it, OpenTelemetry spans, and the SDK's logger.

Runs against the in-memory server unless ``FORMANCE_BASE_URL`` (and credentials) name a real stack::

    python examples/observability.py                  # hooks and, if installed, OpenTelemetry spans
    FORMANCE_LOG=debug python examples/observability.py   # plus one log line per HTTP request, on stderr

OpenTelemetry needs ``pip install 'formance-orchestration[otel]' opentelemetry-sdk``; without it the example runs
the hooks only. It prints what each hook saw, then the spans the SDK made.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from typing import Any

import anyio
from _stack import orchestration_stack

from formance_orchestration import AttemptEvent, Hooks, ResponseEvent, RetryEvent, TokenEvent


class RequestLog:
    """Hooks that record each request of the SDK: one line per answer, retry and token fetch."""

    def __init__(self, team: str) -> None:
        self.team = team
        self.lines: list[str] = []

    def before_attempt(self, event: AttemptEvent) -> None:
        # A hook may add headers; it sees ``Authorization: Bearer ***``, never the token itself.
        event.request.headers["X-Team"] = self.team

    async def after_response(self, event: ResponseEvent) -> None:  # async hooks are awaited
        request = event.response.request
        self.lines.append(
            f"{event.operation}: {request.method} {request.url.path} -> {event.response.status_code} "
            f"in {event.elapsed * 1000:.1f} ms (attempt {event.attempt})"
        )

    def on_retry(self, event: RetryEvent) -> None:
        self.lines.append(f"{event.operation}: attempt {event.attempt} failed, retrying in {event.delay:.2f} s")

    def on_token(self, event: TokenEvent) -> None:
        outcome = f"valid {event.expires_in:g} s" if event.error is None else f"failed: {event.error}"
        self.lines.append(f"token from {event.token_url}: {outcome} ({event.elapsed * 1000:.1f} ms)")

    def hooks(self) -> Hooks:
        return Hooks(
            before_attempt=self.before_attempt,
            after_response=self.after_response,
            on_retry=self.on_retry,
            on_token=self.on_token,
        )


def start_tracing() -> Any:
    """An OpenTelemetry tracer provider recording spans in memory, or ``None`` without the OpenTelemetry SDK.

    In an application this is where you would configure your exporter (OTLP, Jaeger, the console...).
    """
    try:
        from opentelemetry import trace
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import SimpleSpanProcessor
        from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
    except ImportError:
        return None
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    trace.set_tracer_provider(provider)
    return exporter


async def run(log: RequestLog) -> str:
    with orchestration_stack() as stack:
        async with stack.async_client(hooks=log.hooks(), app_name="observability-example/1.0") as client:
            workflow = await client.v2.create_workflow(
                name="observability example", stages=[{"delay": {"duration": "1ms"}}]
            )
            instance = await client.v2.run_workflow(workflow.id)
            done = await client.v2.wait_for_instance(instance.id, poll_interval=0.05)
            await client.v2.delete_workflow(workflow.id)
            return done.id


def main(argv: Sequence[str] | None = None) -> int:
    exporter = start_tracing()
    log = RequestLog(team="payments")
    started = time.perf_counter()
    instance_id = anyio.run(run, log)
    print(f"instance {instance_id} terminated in {time.perf_counter() - started:.2f} s\n")
    print("hooks:")
    for line in log.lines:
        print(f"  {line}")
    if exporter is None:
        print("\n(OpenTelemetry SDK not installed: no spans)")
        return 0
    print("\nspans:")
    for span in exporter.get_finished_spans():
        status = (span.attributes or {}).get("http.response.status_code")
        print(f"  {span.name}" + (f" -> {status}" if status is not None else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
