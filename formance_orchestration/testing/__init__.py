"""An in-memory double of the Formance Orchestration v2 HTTP API, faithful to what the real server does.

It answers the 18 v2 operations, ``GET /_info`` and ``GET /_healthcheck`` with the real service's statuses,
bodies and quirks (as established from its source in ``shared/docs/server-behaviour.md``), runs workflow
instances stage by stage against a controllable clock, fires triggers from emitted events, injects faults
and records requests. No runtime dependency beyond httpx and anyio.

Three ways to use it
====================

In process (no socket)::

    from formance_orchestration.testing import FakeOrchestration

    fake = FakeOrchestration()
    async with httpx.AsyncClient(transport=fake.transport, base_url="http://fake") as http:
        ...                                   # fake.transport is also a sync httpx.BaseTransport
    async with fake.async_client() as client: # the SDK's AsyncOrchestrationClient, bound to the fake
        wf = await client.v2.create_workflow(stages=[{"delay": {"duration": "1m"}}])
        run = await client.v2.run_workflow(wf.id)
        fake.advance(60)                      # the delay ends; the instance terminates
    with fake.client() as client: ...         # the blocking OrchestrationClient

With pytest: the plugin ``formance_orchestration.testing.pytest_plugin`` (registered as a ``pytest11`` entry
point) gives ``fake_orchestration`` (a fresh double per test), ``orchestration_client`` (blocking client,
closed after the test) and ``async_orchestration_client`` (async client for anyio or pytest-asyncio tests).

Over a socket: ``python -m formance_orchestration.testing --host 127.0.0.1 --port 8080`` (wall clock), or in
tests ``with fake.serve_in_thread(port=0) as url: ...`` (HTTP/1.1, keep-alive). The server also answers the
OAuth2 token endpoint ``POST /api/auth/oauth/token`` (client credentials, form-encoded or HTTP Basic).

Paths are accepted bare (``/v2/workflows``, ``/_info``) and under the gateway prefix ``/api/orchestration``
(stripped like the gateway does); other ``/api/*`` paths get the gateway's text ``404 Not Found``.

Watching answers: ``remove = fake.on_response(observer)`` calls ``observer`` with an :class:`ObservedResponse`
(the :class:`RecordedRequest`, status, headers, body, and ``injected`` when a fault made the answer) for every
answer the fake produces, through the in-process transport, the socket server or :meth:`FakeOrchestration.handle`;
``remove()`` unregisters it. Observers run on the serving thread and should not raise. This SDK's own test suite
uses it to validate every answer of every fake against the OpenAPI document's response schemas, widened only where
the real server departs from the document (``shared/docs/server-behaviour.md`` §11, each departure named).

Behaviour (faithful by default)
===============================

* Envelopes ``{"data": ...}``, cursors ``{"cursor": {"pageSize", "hasMore", "previous"?, "next"?, "data"}}``,
  errors ``{"errorCode", "errorMessage"}`` with VALIDATION / NOT_FOUND / INTERNAL exactly where the server
  uses them, including the 500 INTERNAL "not found" answers (getWorkflow, getInstance, runWorkflow,
  testTrigger, sendEvent, abort, getInstanceHistory), the empty-body 401 / 404 (non-integer stage number) /
  405 (with ``Allow``) / 500 (a bug in the fake, see ``fake.server_errors``), and chi's ``404 page not found``
  in text/plain. ``Content-Type: application/json`` on every JSON and empty response.
* JSON as Go encodes it: ``<>&`` escaped, trailing newline, float64 numbers in free-form objects (stage
  configs, payloads: big integers lose precision, ``1e+21``), map keys sorted, ``deletedAt: null``,
  ``stages: null``, ``workflow: null`` on triggers, ``status`` omitted when empty. Timestamps are RFC 3339
  UTC with trimmed nanoseconds: create answers keep nanoseconds, reads are rounded to microseconds.
* Pagination: offset cursors encoded exactly like the server (raw base64url of
  ``{"offset","order","pageSize","filters"}``), a cursor replaces every other query parameter (even the trigger
  id of occurrences), ``pageSize`` absent/0 -> 15, above 100 -> 100, invalid -> 400, ``e30`` lists everything.
  Items come in creation order.
* Soft deletes: a deleted workflow leaves listWorkflows and hides its instances from listInstances, yet
  getWorkflow, runWorkflow, getInstance and its triggers keep working; deleting it again is 204. A deleted
  trigger answers 404 (read, delete) / 500 (test), keeps its occurrences and no longer fires.
* Request bodies are decoded with Go's rules: case-insensitive keys, last duplicate wins, trailing data
  ignored, Go's error messages (approximately). runWorkflow reads its body only with a positive
  ``Content-Length`` (a chunked body is ignored); ``text/vnd.yaml`` bodies need PyYAML (else 400
  ``unmarshalling yaml: YAML workflow bodies need PyYAML installed``).
* Workflow validation at creation: shape errors 400, semantic errors 500 ``creating workflow: ...`` with the
  service's resolution messages (``unable to resolve schema <type>``, ``resolving field 'Amount': ...``).

Instances run on a manual clock (``fake.advance(seconds)``, ``fake.run_until_idle()``; with ``auto_advance``,
which the pytest fixtures turn on, reading a running instance first moves the clock through its timers, so
``wait_for_instance`` ends at once) or on the wall clock (``realtime=True``, evaluated lazily on each request).
Stages start in order; each gets a ``status`` row and, once its child workflow starts, its own instance-history
entry (``RunDelay``, ``RunSend``...; resolved ``input`` with Go durations such as ``1m0s``); each activity it
schedules gets its own stage-history entry, input and output under that activity's name. The server's readers
end their inner loop at a child's (an activity's) first terminal event (``manager.go:256``, ``:367``), so nothing
is merged. ``${var}`` is replaced from run variables (missing -> ``""``) at run time; required fields and
exactly-one rules fail the stage then (validator messages, no history entry). ``delay`` sleeps (``duration`` or
``until``; a past ``until`` fails with ``negative duration provided``), ``wait_event`` waits for a matching
sendEvent while it is the current stage (other names are dropped), ``noop`` ends at once, ``send``/``update`` run
simulated activities (``CreateTransaction`` with ``{"Ledger", "Data"}``, ``AddAccountMetadata``, wallet and
payment calls). The fake ledgers keep balances: a transaction that would take an account other than ``world``
below zero (without an ``allowOverdraft`` program) gets the ledger's insufficient-funds message and is retried
forever, as the service retries every error type but VALIDATION/CONFLICT/NO_SCRIPT/COMPILATION_FAILED: the
instance stays ``terminated: false`` with the pending activity last in the stage history (``attempt``,
``lastFailure``, ``nextExecution``). ``fake.set_balance(...)`` funds an account. Rules change outcomes:
``fake.fail_stage(workflow_id, stage_type="send", error="...")`` (a non-retryable failure: the row and the
instance get the message, the instance history ``activity error``), ``fail_stage(..., retry=True)`` (retried
forever, or ``attempts`` times), or ``fake.set_stage_outcome(StageOutcome | hook, ...)``. The first failing stage
ends the instance with its error. Triggers fire from ``fake.emit_event(type, payload)``: exact type, version
match, filter true; occurrences keep the whole event envelope; ``vars`` are evaluated by a small safe expression
evaluator.

Methods are routed like chi: a known path with another method is a 405 with an empty body and one ``Allow`` line
per method (in table order; chi's is random), a method chi does not know is a 405 without ``Allow`` on every
path, anything else unrouted is ``404 page not found``; the socket server serves every method and answers what it
cannot parse in ``text/plain``, never with ``http.server``'s HTML.

Faithful versus documented
==========================

``FakeOrchestration()`` behaves like today's server; ``FakeOrchestration(semantics="documented")`` (or the
individual flags) gives what the API documentation promises:

========================  =====================================================  ===============================================
flag                      faithful (default)                                      documented
========================  =====================================================  ===============================================
``wait_blocks``           ``runWorkflow?wait=true`` answers at once with the      waits until the instance ends: with the manual
                          instance re-read before its first stage started         clock it *advances the clock* through timers and
                          (``workflow`` included, no ``status``,                  retries of that instance; with the wall clock it
                          ``terminated: false``), even for failing workflows.     sleeps (up to ``wait_timeout``). It returns early
                                                                                  when the instance waits for an event or retries
                                                                                  forever. Answer: 201, ``workflow`` + ``status``.
``abort_cancels``         abort is a 204 no-op; the instance keeps running.       the current stage ends with ``canceled`` (a
                                                                                  retrying activity with ``cancelled``), the
                                                                                  instance terminates with error ``canceled``.
``trigger_name_filter``   ``listTriggers?name=x`` (or a cursor carrying a name)   case-insensitive substring match on ``name``.
                          answers 500 INTERNAL (the real SQL syntax error).
========================  =====================================================  ===============================================

Other choices: trigger-started instances get ids ``<uuid>_2`` like Temporal's child ids
(``trigger_instance_ids="uuid"`` for plain UUIDs); ``GET /v2/_info`` is a 404 as on the real server
(only ``/_info`` answers); auth (``require_auth=True``) accepts only tokens issued by the fake, checks no
scopes (like a default stack) and never applies to ``/_info`` or ``/_healthcheck``; tokens expire by the
fake's clock; stage statuses and history carry the engine's simulated times (stage transitions take no time).

Not supported (and what happens)
================================

* v1 endpoints (``/workflows``, ``/triggers`` without ``/v2``): text ``404 page not found``.
* ``link(...)`` and every other function except ``len``/``upper``/``lower``/``trim``, map literals, closures,
  ranges, ``matches``, pipes in filter/vars expressions: createTrigger answers 400 VALIDATION
  ``validating data: error compiling expression '<expr>': function link() is not supported by the in-memory
  fake ...`` (the real server accepts them). Other expression error texts follow expr-lang closely but not
  byte for byte; an occurrence's ``error`` is the expression error, without Temporal's activity wrapper.
* Downstream services are simulated: every ledger and payment exists, every wallet exists on ledger
  ``wallets-002`` and never runs short; activity outputs are plausible, not exact. A transaction retried for
  insufficient funds stays pending even if the account is funded later. Orchestration's own events are recorded
  in ``fake.published_events`` but never fire triggers. ``docs/testing.md`` ("Known differences") lists the rest.
* Scope checks, JWT validation, HTTP/2, TLS.
"""

from __future__ import annotations

from ._clock import Clock, ManualClock, SystemClock
from ._exchange import ResponseObserver
from ._expr import ExprError, compile_expr, evaluate
from ._fake import FAKE_BASE_URL, FakeOrchestration
from ._faults import Faults, ObservedResponse, RecordedRequest
from ._outcomes import StageContext, StageHook, StageOutcome
from ._routes import OPERATIONS
from ._server import FakeHTTPServer
from ._transport import FakeTransport
from ._triggers import TriggerFiring

__all__ = [
    "FAKE_BASE_URL",
    "OPERATIONS",
    "Clock",
    "ExprError",
    "FakeHTTPServer",
    "FakeOrchestration",
    "FakeTransport",
    "Faults",
    "ManualClock",
    "ObservedResponse",
    "RecordedRequest",
    "ResponseObserver",
    "StageContext",
    "StageHook",
    "StageOutcome",
    "SystemClock",
    "TriggerFiring",
    "compile_expr",
    "evaluate",
]
