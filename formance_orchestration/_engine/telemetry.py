"""OpenTelemetry spans, when the application uses OpenTelemetry (the ``otel`` extra installs the API).

The SDK never imports OpenTelemetry itself (see :func:`current`): once the application has imported
``opentelemetry.trace`` (configuring a tracer provider does), every client makes spans; until then, and without
the package, nothing is imported and a call pays one dictionary lookup. Spans:

* ``orchestration.<operation>`` (internal): one per call, covering attempts, retries, token fetch and decoding;
  an event ``retry`` per retry (attempt, delay, error type).
* ``<METHOD> <url.template>`` (client): one per HTTP request, child of the call's span, with the HTTP semantic
  conventions: ``http.request.method``, ``url.template``, ``url.full``, ``server.address``, ``server.port``,
  ``http.response.status_code``, ``http.request.resend_count`` (from the second attempt), ``error.type``. The
  request carries W3C ``traceparent`` (through the globally configured propagator).
* ``orchestration.fetch_token`` (client): one per OAuth2 token fetch.
* ``orchestration.wait_for_instance`` (internal): one per wait, an event ``poll`` per read of the instance.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, MutableMapping
from typing import Any

import httpx

from .._version import __version__

__all__ = ["Telemetry", "current", "reset"]

INSTRUMENTATION_NAME = "formance_orchestration"
_DISABLED_ENV = "OTEL_PYTHON_DISABLED_INSTRUMENTATIONS"


class Telemetry:
    """The SDK's tracer and the few calls the transport makes on it."""

    def __init__(self, trace: Any, propagate: Any, tracer_provider: Any = None) -> None:
        self._trace = trace
        self._propagate = propagate
        # The global provider unless one is given (tests give their own: the global one can be set only once).
        self._tracer = trace.get_tracer(INSTRUMENTATION_NAME, __version__, tracer_provider=tracer_provider)
        self._client = trace.SpanKind.CLIENT
        self._internal = trace.SpanKind.INTERNAL
        self._error = trace.StatusCode.ERROR

    def operation(self, operation: str) -> contextlib.AbstractContextManager[Any]:
        """The span of one operation call."""
        span: contextlib.AbstractContextManager[Any] = self._tracer.start_as_current_span(
            f"orchestration.{operation}", kind=self._internal, attributes={"orchestration.operation": operation}
        )
        return span

    def attempt(
        self, request: httpx.Request, template: str | None, attempt: int
    ) -> contextlib.AbstractContextManager[Any]:
        """The span of one HTTP request."""
        url = request.url
        attributes: dict[str, Any] = {
            "http.request.method": request.method,
            "url.full": str(url.copy_with(query=None)) if _secretive(url) else str(url),
            "server.address": url.host,
            "server.port": url.port or (443 if url.scheme == "https" else 80),
        }
        if template is not None:
            attributes["url.template"] = template
        if attempt > 1:
            attributes["http.request.resend_count"] = attempt - 1
        name = f"{request.method} {template}" if template is not None else request.method
        # The span's own status and exception event are set here (failed/answered), not by the context manager:
        # an error status is not an exception at that point.
        span: contextlib.AbstractContextManager[Any] = self._tracer.start_as_current_span(
            name, kind=self._client, attributes=attributes, record_exception=False, set_status_on_exception=False
        )
        return span

    def inject(self, headers: MutableMapping[str, str]) -> None:
        """Put the current context (``traceparent``, ``tracestate``, baggage) on the request."""
        self._propagate.inject(headers)

    def answered(self, span: Any, status: int) -> None:
        span.set_attribute("http.response.status_code", status)
        if status >= 400:
            span.set_attribute("error.type", str(status))
            span.set_status(self._error)

    def failed(self, span: Any, error: BaseException) -> None:
        cause = error.__cause__ if error.__cause__ is not None else error
        kind = type(cause)
        span.set_attribute("error.type", f"{kind.__module__}.{kind.__qualname__}")
        span.set_status(self._error, type(error).__name__)

    def retry_event(self, attempt: int, error: BaseException, delay: float) -> None:
        """An event on the call's span: attempt ``attempt`` failed and is retried after ``delay`` s."""
        status = getattr(error, "status_code", None)
        self._trace.get_current_span().add_event(
            "retry",
            {
                "orchestration.attempt": attempt,
                "orchestration.retry_delay": delay,
                "error.type": str(status) if isinstance(status, int) else type(error).__name__,
            },
        )

    def token(self, token_url: str) -> contextlib.AbstractContextManager[Any]:
        """The span of one access-token fetch."""
        url = httpx.URL(token_url)
        span: contextlib.AbstractContextManager[Any] = self._tracer.start_as_current_span(
            "orchestration.fetch_token",
            kind=self._client,
            attributes={
                "http.request.method": "POST",
                "url.full": str(url.copy_with(query=None)),
                "server.address": url.host,
                "server.port": url.port or (443 if url.scheme == "https" else 80),
            },
            record_exception=False,
            set_status_on_exception=False,
        )
        return span

    @contextlib.contextmanager
    def wait(self, instance_id: str) -> Iterator[Any]:
        """The span of one ``wait_for_instance``."""
        with self._tracer.start_as_current_span(
            "orchestration.wait_for_instance",
            kind=self._internal,
            attributes={"orchestration.instance_id": instance_id},
        ) as span:
            yield span

    def poll(self, span: Any, number: int, terminated: bool) -> None:
        span.add_event("poll", {"orchestration.poll": number, "orchestration.instance.terminated": terminated})


_SECRET_QUERY_NAMES = ("token", "secret", "password", "key", "signature")


def _secretive(url: httpx.URL) -> bool:
    return any(s in key.lower() for key in url.params for s in _SECRET_QUERY_NAMES)


_UNSET: Any = object()
_loaded: Telemetry | None = _UNSET


def current() -> Telemetry | None:
    """The SDK's telemetry once the application uses OpenTelemetry, else ``None``.

    The SDK never imports OpenTelemetry on its own: spans matter only where the application has set a tracer
    provider, which imports ``opentelemetry.trace``. So this looks in ``sys.modules`` (a dictionary lookup, cheap
    enough for every call) until that module shows up, then loads once. ``OTEL_PYTHON_DISABLED_INSTRUMENTATIONS``
    listing ``formance_orchestration`` turns it off.
    """
    global _loaded
    if _loaded is _UNSET:
        if "opentelemetry.trace" not in sys.modules:
            return None
        _loaded = _load()
    return _loaded


def _load() -> Telemetry | None:
    disabled = {name.strip() for name in os.environ.get(_DISABLED_ENV, "").split(",")}
    if INSTRUMENTATION_NAME in disabled or "formance-orchestration" in disabled:
        return None
    try:
        from opentelemetry import propagate, trace
    except ImportError:  # pragma: no cover - a broken installation
        return None
    return Telemetry(trace, propagate)


def reset() -> None:
    """Forget what :func:`current` found (tests switch OpenTelemetry on and off)."""
    global _loaded
    _loaded = _UNSET
