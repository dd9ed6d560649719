"""``FakeOrchestration``: the public face of the double, composing the service, faults and the front ends.

The service (:mod:`._service`, over the store and the stage engine) answers requests; the dispatcher
(:mod:`._exchange`) adds recording, faults and observers; the in-process transport and the socket server
serve the dispatcher. This module wires them together and offers the test-facing controls (clock, events,
stage outcomes, tokens, SDK clients).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any, Literal

import httpx

from formance_orchestration import AsyncOrchestrationClient, OrchestrationClient

from ._auth import issue_token
from ._clock import Clock, ManualClock, SystemClock
from ._exchange import Dispatcher, Exchange, ResponseObserver
from ._faults import Faults, RecordedRequest
from ._gojson import datetime_to_ns
from ._http import Response
from ._outcomes import StageHook, StageOutcome, StageRule
from ._server import FakeHTTPServer, serve_in_thread
from ._service import Service
from ._stage_engine import pump, run_until_idle
from ._store import Options
from ._transport import FakeTransport
from ._triggers import TriggerFiring, emit_event

__all__ = ["FAKE_BASE_URL", "FakeOrchestration", "ResponseObserver"]

FAKE_BASE_URL = "http://orchestration.fake"


class FakeOrchestration:
    """An in-memory Formance Orchestration v2 service with the real server's observable behaviour.

    Args:
        clock: Where time comes from. Default: a :class:`ManualClock` starting at the real time now,
            moved with :meth:`advance`.
        realtime: Use the wall clock instead (delays end by wall time, evaluated on each request).
        semantics: ``"faithful"`` (default) mimics today's server; ``"documented"`` switches on every
            option below (what the API documentation promises).
        wait_blocks: ``runWorkflow?wait=true`` waits for the instance to end (documented) instead of
            answering at once (faithful).
        abort_cancels: abort cancels the running stage (documented) instead of being a no-op.
        trigger_name_filter: ``listTriggers?name=`` filters by name (documented) instead of failing with 500.
        require_auth: v2 endpoints need a token issued by the fake's token endpoint (401 otherwise).
        client_credentials: ``{client_id: client_secret}`` the token endpoint accepts; ``None``: any.
        token_ttl: Token lifetime in seconds (measured on the fake's clock).
        version: What ``GET /_info`` reports.
        wait_timeout: With ``wait_blocks`` and a real clock, the longest a ``wait=true`` call waits.
        trigger_instance_ids: ``"temporal"`` (``<uuid>_2``, like the real server) or ``"uuid"``.
        auto_advance: Reading a running instance (``getInstance``, which ``wait_for_instance`` polls) moves the
            manual clock through that instance's timers first, so waiting on the fake ends at once. The pytest
            fixtures turn it on; see :attr:`auto_advance`.
    """

    def __init__(
        self,
        *,
        clock: Clock | None = None,
        realtime: bool = False,
        semantics: Literal["faithful", "documented"] = "faithful",
        wait_blocks: bool | None = None,
        abort_cancels: bool | None = None,
        trigger_name_filter: bool | None = None,
        require_auth: bool = False,
        client_credentials: Mapping[str, str] | None = None,
        token_ttl: float = 3600.0,
        version: str = "develop",
        wait_timeout: float = 30.0,
        trigger_instance_ids: Literal["temporal", "uuid"] = "temporal",
        auto_advance: bool = False,
    ) -> None:
        if semantics not in ("faithful", "documented"):
            raise ValueError("semantics must be 'faithful' or 'documented'")
        if clock is not None and realtime:
            raise ValueError("pass either clock= or realtime=True, not both")
        documented = semantics == "documented"

        def pick(value: bool | None) -> bool:
            return documented if value is None else value

        self.clock: Clock = clock if clock is not None else (SystemClock() if realtime else ManualClock())
        self.options = Options(
            wait_blocks=pick(wait_blocks),
            abort_cancels=pick(abort_cancels),
            trigger_name_filter=pick(trigger_name_filter),
            require_auth=require_auth,
            client_credentials=dict(client_credentials) if client_credentials is not None else None,
            token_ttl=token_ttl,
            version=version,
            wait_timeout=wait_timeout,
            trigger_instance_ids=trigger_instance_ids,
        )
        self._service = Service(self.clock, self.options)
        self.state = self._service.store
        """The service's storage (workflows, instances, triggers, occurrences...); read it under ``state.lock``."""
        self.faults = Faults()
        self._dispatcher = Dispatcher(self._service, self.faults)
        self.requests: list[RecordedRequest] = self._dispatcher.requests
        self.transport = FakeTransport(self._dispatcher)
        self._http_clients: list[httpx.AsyncClient] = []
        self.auto_advance = auto_advance

    # ----------------------------------------------------------------------------------------- requests

    def begin(
        self, method: str, path: str, query: list[tuple[str, str]], headers: dict[str, str], body: bytes
    ) -> Exchange:
        """Start one request's way through the fake (the :class:`Exchanges` protocol), so a fake can be given
        to :class:`FakeTransport` or :class:`FakeHTTPServer` directly."""
        return self._dispatcher.begin(method, path, query, headers, body)

    def handle(
        self,
        method: str,
        path: str,
        query: Sequence[tuple[str, str]] = (),
        headers: Mapping[str, str] | None = None,
        body: bytes = b"",
    ) -> Response:
        """Answer one request directly: ``(status, headers, body)``. No recording, no faults (observers see it)."""
        return self._dispatcher.handle(method, path, query, headers or {}, body)

    def on_response(self, observer: ResponseObserver) -> Callable[[], None]:
        """Call ``observer`` with every answer the fake produces; returns a function that unregisters it.

        Every front end reports: the in-process transport (sync and async), the socket server and
        :meth:`handle`. The observer gets an :class:`ObservedResponse` (the recorded request, status, headers,
        body, and whether an injected fault made it) once the answer is final, before it is sent (so also
        when a ``drop_connection(after_processing=True)`` fault then loses it). It runs on the thread that
        serves the request and should not raise: its exception would reach the HTTP client (in process) or
        drop the connection (socket server). The test suite uses it to validate every answer against the
        OpenAPI document.
        """
        return self._dispatcher.on_response(observer)

    def requests_for(self, operation: str) -> list[RecordedRequest]:
        """The recorded requests of one operation (``"run_workflow"``...)."""
        return self._dispatcher.requests_for(operation)

    # ----------------------------------------------------------------------------------------- time & events

    def advance(self, seconds: float | _dt.timedelta) -> None:
        """Move the manual clock forward and run what became due (delays, activity retries) in time order."""
        if not isinstance(self.clock, ManualClock):
            raise TypeError("advance() needs the default ManualClock (not realtime=True or a custom clock)")
        self.clock.advance(seconds)
        pump(self.state)

    @property
    def auto_advance(self) -> bool:
        """Whether reading a running instance first moves the manual clock through its timers.

        With it on, ``get_instance`` (and so ``wait_for_instance`` and ``run_workflow_and_wait``) finds a delay
        already over and a retried activity already past its retries: the clock jumps from timer to timer of
        that instance (others due on the way run too) until it ends, waits for an event, or retries forever.
        Off (the default of ``FakeOrchestration()``), time moves only with :meth:`advance`. Needs the manual clock.
        """
        with self.state.lock:
            return self.state.auto_advance

    @auto_advance.setter
    def auto_advance(self, value: bool) -> None:
        if value and not isinstance(self.clock, ManualClock):
            raise TypeError("auto_advance needs the default ManualClock (not realtime=True or a custom clock)")
        with self.state.lock:
            self.state.auto_advance = bool(value)

    def run_until_idle(self) -> None:
        """Move the manual clock timer by timer until no instance waits on a timer; run what falls due.

        For code that polls on its own (``list_instances``, its own loop): afterwards every instance has
        ended or waits for an event or an activity retried forever. Returns at once when nothing waits on time.
        """
        if not isinstance(self.clock, ManualClock):
            raise TypeError("run_until_idle() needs the default ManualClock (not realtime=True or a custom clock)")
        with self.state.lock:
            run_until_idle(self.state)

    def run_due(self) -> None:
        """Run what is due now (useful with ``realtime=True`` or a custom clock)."""
        pump(self.state)

    def emit_event(
        self,
        type: str,
        payload: Mapping[str, Any],
        *,
        app: str = "ledger",
        version: str = "v2",
        date: _dt.datetime | None = None,
        idempotency_key: str = "",
    ) -> list[TriggerFiring]:
        """Deliver a Formance event (e.g. ``COMMITTED_TRANSACTIONS``) to the triggers.

        Each matching trigger (same event type, same or no version, filter true) records an occurrence and,
        when its ``vars`` evaluate, starts its workflow. Returns what each matching trigger did.
        """
        when = datetime_to_ns(date) if date is not None else None
        return emit_event(
            self.state, type, payload, app=app, version=version, date=when, idempotency_key=idempotency_key
        )

    @property
    def published_events(self) -> list[dict[str, Any]]:
        """Events the service would have published (``STARTED_WORKFLOW``, ``FAILED_WORKFLOW_STAGE``...)."""
        with self.state.lock:
            return list(self.state.published)

    @property
    def server_errors(self) -> list[BaseException]:
        """Exceptions the fake turned into empty 500s (a bug in the fake if not empty)."""
        with self.state.lock:
            return list(self.state.server_errors)

    # ----------------------------------------------------------------------------------------- stage outcomes

    def set_stage_outcome(
        self,
        outcome: StageOutcome | StageHook,
        *,
        workflow_id: str | None = None,
        stage_type: str | None = None,
        stage_number: int | None = None,
        times: int | None = None,
    ) -> None:
        """Decide how matching stages end: a :class:`StageOutcome`, or a hook returning one (or ``None``).

        Rules are tried in the order they were added; the first that returns an outcome wins. ``times``
        limits how many stages a rule applies to.
        """
        rule = StageRule(outcome, workflow_id, stage_type, stage_number, times)
        with self.state.lock:
            self.state.stage_rules.append(rule)

    def fail_stage(
        self,
        workflow_id: str | None = None,
        *,
        error: str,
        stage_type: str | None = None,
        stage_number: int | None = None,
        retry: bool = False,
        attempts: int | None = None,
        activity: str | None = None,
        times: int | None = None,
    ) -> None:
        """Make matching stages fail with ``error``.

        ``fake.fail_stage(wf_id, stage_type="send", error="insufficient funds")`` fails the send stages of
        that workflow. With ``retry=True`` the activity is retried forever (or ``attempts`` times, then it
        succeeds) instead, as the service does for retryable errors.
        """
        outcome = (
            StageOutcome.retry(error, attempts=attempts, activity=activity)
            if retry
            else StageOutcome.fail(error, activity=activity)
        )
        self.set_stage_outcome(
            outcome, workflow_id=workflow_id, stage_type=stage_type, stage_number=stage_number, times=times
        )

    def set_balance(self, account: str, asset: str, amount: int, *, ledger: str = "default") -> None:
        """Give a ledger account a balance, as if earlier transactions had funded it.

        The fake's ledgers start empty: a send whose transaction takes more than its source holds (other than
        ``world`` or an ``allowOverdraft`` program) is refused with insufficient funds and, as on the real
        service, retried forever. ``fake.set_balance("users:42", "EUR/2", 5000)`` funds the account first.
        """
        if isinstance(amount, bool) or not isinstance(amount, int):
            raise TypeError("amount must be an int (minor units)")
        with self.state.lock:
            self.state.balances[(ledger, account, asset)] = amount

    def balance(self, account: str, asset: str, *, ledger: str = "default") -> int:
        """The simulated balance of a ledger account (``0`` when nothing moved it; ``world`` goes negative)."""
        with self.state.lock:
            return self.state.balances.get((ledger, account, asset), 0)

    def clear_stage_outcomes(self) -> None:
        """Forget every stage outcome rule: stages succeed again."""
        with self.state.lock:
            self.state.stage_rules.clear()

    # ----------------------------------------------------------------------------------------- auth

    def issue_token(self, *, ttl: float | None = None) -> str:
        """A token the fake accepts when ``require_auth=True``, without calling the token endpoint."""
        return issue_token(self.state, ttl)

    def revoke_tokens(self) -> None:
        """Invalidate every issued token (the next authenticated call gets 401)."""
        with self.state.lock:
            self.state.tokens.clear()

    # ----------------------------------------------------------------------------------------- clients

    def async_client(self, **kwargs: Any) -> AsyncOrchestrationClient:
        """An SDK async client talking to this fake in process (no socket).

        Keywords go to ``AsyncOrchestrationClient``; ``base_url`` defaults to ``http://orchestration.fake``.
        """
        kwargs.setdefault("base_url", FAKE_BASE_URL)
        kwargs.setdefault("http_client", self._http_client())
        return AsyncOrchestrationClient(**kwargs)

    def client(self, **kwargs: Any) -> OrchestrationClient:
        """An SDK blocking client talking to this fake in process (its async client runs on its own thread)."""
        kwargs.setdefault("base_url", FAKE_BASE_URL)
        kwargs.setdefault("http_client", self._http_client())
        return OrchestrationClient(**kwargs)

    def _http_client(self) -> httpx.AsyncClient:
        http = httpx.AsyncClient(transport=self.transport)
        self._http_clients.append(http)
        return http

    # ----------------------------------------------------------------------------------------- sockets

    def serve_in_thread(
        self, *, host: str = "127.0.0.1", port: int = 0, verbose: bool = False
    ) -> AbstractContextManager[str]:
        """``with fake.serve_in_thread() as url:`` — a real HTTP/1.1 server on a background thread."""
        return serve_in_thread(self._dispatcher, host, port, verbose=verbose)

    def serve(
        self,
        host: str = "127.0.0.1",
        port: int = 8080,
        *,
        verbose: bool = True,
        ready: Callable[[str], None] | None = None,
    ) -> None:
        """Serve HTTP on ``host:port`` until interrupted (blocking); ``ready(url)`` runs once listening."""
        server = FakeHTTPServer((host, port), self._dispatcher, verbose=verbose)
        try:
            if ready is not None:
                ready(server.url)
            server.serve_forever(poll_interval=0.2)
        finally:
            server.close_connections()
            server.server_close()

    def close(self) -> None:
        """Close the httpx clients handed out by :meth:`client` and :meth:`async_client` (idempotent).

        A client closed this way refuses further requests. Stopping a socket server is ``serve_in_thread``'s job.
        """
        clients, self._http_clients = self._http_clients, []
        for http in clients:
            _close_in_memory(http)

    def __enter__(self) -> FakeOrchestration:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _close_in_memory(http: httpx.AsyncClient) -> None:
    """Run ``http.aclose()`` without an event loop: with only the fake's transport mounted it never suspends."""
    closing = http.aclose()
    try:
        closing.send(None)
    except StopIteration:
        return
    closing.close()  # pragma: no cover - only a transport that really awaits gets here
