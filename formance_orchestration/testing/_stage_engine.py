"""The stage engine: runs workflow instances through their stages and simulated activities.

An instance starts its stages in order until one blocks (a timer, an awaited event, a retrying activity) or
the instance ends; :func:`pump` runs the timers that fell due. Every function here expects the caller to hold
``store.lock``. Stage transitions take no simulated time.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from . import _stages
from ._clock import ManualClock
from ._gojson import format_duration
from ._outcomes import StageContext, StageOutcome
from ._store import Activity, Child, Instance, StageRow, Store, Workflow

INSUFFICIENT_FUNDS = (
    "failed to execute program: failed to execute machine: account(s) @{account} had/have insufficient funds"
)
"""The ledger's ``INSUFFICIENT_FUND`` message (ledger v2: machine/funding.go, wrapped twice); clients treat it as opaque."""

ACTIVITY_ERROR = "activity error"
"""The instance-history ``error`` of a stage whose activity failed (sdk-go ``ActivityError.message()``)."""

__all__ = [
    "ACTIVITY_ERROR",
    "advance",
    "next_timer",
    "run_timers_of",
    "run_until_idle",
    "cancel",
    "finish_child",
    "pump",
    "signal",
    "start_instance",
]


def start_instance(
    store: Store, workflow: Workflow, variables: Mapping[str, str], instance_id: str, now: int
) -> Instance:
    """Create a running instance (no stage started yet: call :func:`advance`)."""
    instance = Instance(instance_id, workflow, now, dict(variables), run_id=str(uuid.uuid4()))
    store.instances[instance.id] = instance
    store.running[instance.id] = instance
    store.publish("STARTED_WORKFLOW", {"id": workflow.id, "instanceID": instance.id}, now)
    return instance


def pump(store: Store, until: int | None = None) -> None:
    """Run every timer (delays, activity retries) due by ``until`` (default: now), in time order."""
    with store.lock:
        limit = store.now() if until is None else until
        while True:
            due: tuple[int, Instance] | None = None
            for instance in store.running.values():
                child = instance.child
                wake_at = child.wake_at if child is not None else None
                if wake_at is not None and wake_at <= limit and (due is None or wake_at < due[0]):
                    due = (wake_at, instance)
            if due is None:
                return
            at, instance = due
            _wake(store, instance, at)


def next_timer(store: Store) -> int | None:
    """When the earliest pending timer (a delay, an activity retry) of any running instance falls due."""
    times = [
        instance.child.wake_at
        for instance in store.running.values()
        if instance.child is not None and instance.child.wake_at is not None
    ]
    return min(times, default=None)


def _skip_to(store: Store, when: int) -> None:
    clock = store.clock
    assert isinstance(clock, ManualClock)
    clock.set_ns(max(when, clock.now_ns()))
    pump(store)


def run_timers_of(store: Store, instance: Instance) -> None:
    """Move the manual clock timer by timer until ``instance`` ends or waits on something else than time.

    Timers of other instances that fall due on the way run too, in time order. Waiting for an event, or an
    activity retried forever, is not a timer: the clock stops there.
    """
    while not instance.terminated and instance.child is not None and instance.child.wake_at is not None:
        _skip_to(store, instance.child.wake_at)


def run_until_idle(store: Store) -> None:
    """Move the manual clock timer by timer until no running instance waits on a timer."""
    while (when := next_timer(store)) is not None:
        _skip_to(store, when)


def advance(store: Store, instance: Instance, at: int) -> None:
    """Start stages until one blocks (timer, event, retrying activity) or the instance ends."""
    stages = instance.workflow.stages or []
    while not instance.terminated and instance.child is None:
        if instance.next_stage >= len(stages):
            _terminate(store, instance, at, None)
            return
        _start_stage(store, instance, stages[instance.next_stage], at)


def signal(store: Store, instance: Instance, child: Child, name: str) -> None:
    """A sendEvent reaching the running stage: only a ``wait_event`` for that name moves on (§6.15)."""
    if child.waiting_event is not None and child.waiting_event == name:
        now = store.now()
        finish_child(store, instance, child, now, None)
        advance(store, instance, now)


def cancel(store: Store, instance: Instance) -> None:
    """Abort as documented: the running stage ends ``canceled`` (a retrying activity ``cancelled``)."""
    now = store.now()
    child = instance.child
    if child is None:
        _terminate(store, instance, now, "canceled")
        return
    if child.retrying is not None:
        child.retrying.error = "cancelled"
        child.retrying.terminated_at = now
        child.retrying = None
    finish_child(store, instance, child, now, "canceled")


def finish_child(
    store: Store, instance: Instance, child: Child, at: int, error: str | None, *, history_error: str | None = None
) -> None:
    """End the running stage; a failure ends the instance with it.

    ``history_error`` is what the instance history shows when it differs from the stage row's ``error``.
    """
    child.terminated_at = at
    child.error = error
    child.history_error = history_error if history_error is not None else error
    child.wake_at = None
    child.waiting_event = None
    _end_row(store, instance, instance.rows[child.number], at, error)
    instance.child = None
    if error is not None:
        _terminate(store, instance, at, error)


def _wake(store: Store, instance: Instance, at: int) -> None:
    child = instance.child
    assert child is not None
    child.wake_at = None
    if child.retrying is not None:
        child.retrying.terminated_at = at
        child.retrying.last_failure = None
        child.retrying = None
        _book(store, child.retry_move)
        child.retry_move = None
        _run_activities(store, instance, child, at)
    else:
        finish_child(store, instance, child, at, None)
    advance(store, instance, at)


def _start_stage(store: Store, instance: Instance, stage: Mapping[str, Any], at: int) -> None:
    number = instance.next_stage
    instance.next_stage += 1
    row = StageRow(number, instance.id, instance.run_id, at)
    instance.rows.append(row)
    store.publish(
        "STARTED_WORKFLOW_STAGE", {"id": instance.workflow.id, "instanceID": instance.id, "number": number}, at
    )
    ((stage_type, raw),) = stage.items()
    try:
        resolved = _stages.resolve_stage(stage_type, raw, instance.variables)
        problem = _stages.validate_stage(stage_type, resolved)
    except _stages.StageError as exc:
        problem = str(exc)
    if problem is not None:
        # Resolution and validation run in the parent workflow: no child, so no history entry (§6.17).
        _end_row(store, instance, row, at, problem)
        _terminate(store, instance, at, problem)
        return
    child = Child(number, stage_type, resolved, _stages.history_input(stage_type, resolved), at)
    instance.children[number] = child
    instance.child = child
    child.outcome = _pick_outcome(
        store,
        StageContext(instance.id, instance.workflow.id, number, stage_type, child.input, dict(instance.variables)),
    )
    outcome = child.outcome
    if outcome is not None and outcome.kind == "fail" and stage_type not in ("send", "update"):
        finish_child(store, instance, child, at, outcome.error)
    elif stage_type == "noop":
        finish_child(store, instance, child, at, None)
    elif stage_type == "delay":
        duration = _stages.delay_duration(resolved, at)
        if duration < 0:
            # The Temporal SDK refuses negative timers.
            finish_child(store, instance, child, at, f"negative duration provided {format_duration(duration)}")
        elif duration == 0:
            finish_child(store, instance, child, at, None)
        else:
            child.wake_at = at + duration
    elif stage_type == "wait_event":
        child.waiting_event = str(resolved["event"])
    else:
        plan, error = _stages.plan_activities(stage_type, resolved, at)
        if error is not None:
            finish_child(store, instance, child, at, error)
            return
        for activity in plan:
            if activity.name == "CreateTransaction" and activity.output is not None:
                activity.output["data"]["id"] = store.next_txid
                store.next_txid += 1
        child.remaining = plan
        child.target = _target_index(plan, outcome)
        _run_activities(store, instance, child, at)


def _pick_outcome(store: Store, context: StageContext) -> StageOutcome | None:
    for rule in store.stage_rules:
        outcome = rule.pick(context)
        if outcome is not None:
            return outcome
    return None


def _run_activities(store: Store, instance: Instance, child: Child, at: int) -> None:
    outcome = child.outcome
    while child.remaining:
        planned = child.remaining.pop(0)
        index = len(child.activities)
        activity = Activity(planned.name, planned.input, planned.output, at)
        child.activities.append(activity)
        targeted = outcome is not None and index == child.target and outcome.kind != "succeed"
        short = None if targeted else _short_account(store, planned.move)
        if short is not None:
            # The ledger answers INSUFFICIENT_FUND, which the send activities retry forever (context.go:24-29):
            # the stage stays pending with this activity last in its history.
            activity.last_failure = INSUFFICIENT_FUNDS.format(account=short)
            child.retrying = activity
            return
        if targeted:
            assert outcome is not None
            if outcome.kind == "fail":
                activity.error = outcome.error
                activity.terminated_at = at
                # The stage row takes the activity's application error (config.go:46-50); the child workflow
                # fails with Temporal's ActivityError, whose message is the literal "activity error".
                finish_child(store, instance, child, at, outcome.error, history_error=ACTIVITY_ERROR)
                return
            activity.last_failure = outcome.error
            child.retrying = activity
            if outcome.attempts is not None:
                child.wake_at = _stages.attempt_time(at, outcome.attempts + 1)
                child.retry_move = planned.move
            return
        _book(store, planned.move)
        activity.terminated_at = at
    finish_child(store, instance, child, at, None)


def _short_account(store: Store, move: _stages.Move | None) -> str | None:
    """The source account a transaction would overdraw, if any (``world`` and overdraft programs never do)."""
    if move is None or move.overdraft or move.source == "world":
        return None
    if store.balances.get((move.ledger, move.source, move.asset), 0) >= move.amount:
        return None
    return move.source


def _book(store: Store, move: _stages.Move | None) -> None:
    if move is None:
        return
    source = (move.ledger, move.source, move.asset)
    destination = (move.ledger, move.destination, move.asset)
    store.balances[source] = store.balances.get(source, 0) - move.amount
    store.balances[destination] = store.balances.get(destination, 0) + move.amount


def _end_row(store: Store, instance: Instance, row: StageRow, at: int, error: str | None) -> None:
    row.terminated_at = at
    row.error = error
    payload: dict[str, Any] = {"id": instance.workflow.id, "instanceID": instance.id, "number": row.number}
    if error is None:
        store.publish("SUCCEEDED_WORKFLOW_STAGE", payload, at)
    else:
        store.publish("FAILED_WORKFLOW_STAGE", {**payload, "error": error}, at)


def _terminate(store: Store, instance: Instance, at: int, error: str | None) -> None:
    instance.terminated = True
    instance.terminated_at = at
    instance.error = error or ""
    instance.child = None
    store.running.pop(instance.id, None)
    payload: dict[str, Any] = {"id": instance.workflow.id, "instanceID": instance.id}
    if error is None:
        store.publish("SUCCEEDED_WORKFLOW", payload, at)
    else:
        store.publish("FAILED_WORKFLOW", {**payload, "error": error}, at)


def _target_index(plan: Sequence[_stages.PlannedActivity], outcome: StageOutcome | None) -> int | None:
    """Which activity an outcome applies to: the named one, else the first that writes, else the last."""
    if outcome is None or outcome.kind == "succeed" or not plan:
        return None
    if outcome.activity is not None:
        for index, activity in enumerate(plan):
            if activity.name == outcome.activity:
                return index
    for index, activity in enumerate(plan):
        if activity.writes:
            return index
    return len(plan) - 1
