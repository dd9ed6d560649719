"""The service's storage: behaviour switches, the records (workflows, instances, triggers...) and the one lock.

:class:`Store` is plain data plus the clock; the stage engine, the operation handlers and the trigger logic
read and change it while holding :attr:`Store.lock`.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import _stages
from ._clock import Clock
from ._expr import Program
from ._gojson import format_time
from ._outcomes import StageOutcome, StageRule

__all__ = [
    "Activity",
    "Child",
    "Instance",
    "Occurrence",
    "Options",
    "StageRow",
    "Store",
    "Trigger",
    "Workflow",
]


@dataclass(frozen=True)
class Options:
    """Behaviour switches; see the package docstring for what each one changes."""

    wait_blocks: bool = False
    abort_cancels: bool = False
    trigger_name_filter: bool = False
    require_auth: bool = False
    client_credentials: Mapping[str, str] | None = None
    token_ttl: float = 3600.0
    version: str = "develop"
    wait_timeout: float = 30.0
    trigger_instance_ids: str = "temporal"


@dataclass
class Workflow:
    id: str
    name: str
    stages: list[dict[str, Any]] | None
    created_at: int
    deleted_at: int | None = None


@dataclass
class StageRow:
    """One row of an instance's ``status``."""

    number: int
    instance_id: str
    run_id: str
    started_at: int
    terminated_at: int | None = None
    error: str | None = None


@dataclass
class Activity:
    name: str
    input: dict[str, Any]
    output: dict[str, Any] | None
    scheduled_at: int
    terminated_at: int | None = None
    error: str | None = None
    last_failure: str | None = None  # set while the activity is being retried


@dataclass
class Child:
    """A stage's child workflow (``<instanceID>-<n>``): one entry of the instance history."""

    number: int
    stage_type: str
    resolved: dict[str, Any]
    input: dict[str, Any]
    started_at: int
    terminated_at: int | None = None
    error: str | None = None
    history_error: str | None = (
        None  # the child's failure message in the history: "activity error" when an activity failed
    )
    activities: list[Activity] = field(default_factory=list)
    remaining: list[_stages.PlannedActivity] = field(default_factory=list)
    target: int | None = None  # index (in the whole plan) of the activity the outcome applies to
    outcome: StageOutcome | None = None
    waiting_event: str | None = None
    wake_at: int | None = None
    retrying: Activity | None = None
    retry_move: _stages.Move | None = None  # what the retried activity books once it succeeds


@dataclass
class Instance:
    id: str
    workflow: Workflow
    created_at: int
    variables: dict[str, str]
    run_id: str
    terminated: bool = False
    terminated_at: int | None = None
    error: str = ""
    rows: list[StageRow] = field(default_factory=list)
    children: dict[int, Child] = field(default_factory=dict)
    child: Child | None = None
    next_stage: int = 0


@dataclass
class Trigger:
    id: str
    name: str
    event: str
    version: str | None
    filter: str | None
    workflow_id: str
    vars: dict[str, str] | None
    created_at: int
    filter_program: Program | None
    var_programs: dict[str, Program]
    deleted_at: int | None = None


@dataclass
class Occurrence:
    id: str
    trigger_id: str
    instance_id: str | None
    date: int
    event: dict[str, Any]
    error: str | None


class Store:
    """Everything the service remembers. Not locked by itself: callers hold :attr:`lock` (re-entrant)."""

    def __init__(self, clock: Clock, options: Options) -> None:
        self.clock = clock
        self.options = options
        self.lock = threading.RLock()
        self.workflows: dict[str, Workflow] = {}
        self.instances: dict[str, Instance] = {}
        self.triggers: dict[str, Trigger] = {}
        self.occurrences: list[Occurrence] = []
        self.published: list[dict[str, Any]] = []
        self.stage_rules: list[StageRule] = []
        self.server_errors: list[BaseException] = []
        self.running: dict[str, Instance] = {}
        self.tokens: dict[str, int] = {}
        # (trigger id, payload id) pairs already fired for SAVED_PAYMENT / SAVED_ACCOUNT events.
        self.dedup: set[tuple[str, str]] = set()
        self.next_txid = 0
        # The simulated ledgers' balances, (ledger, account, asset) -> amount; "world" is never checked.
        self.balances: dict[tuple[str, str, str], int] = {}
        # Reading a running instance moves a manual clock through its timers (the pytest fixtures turn it on).
        self.auto_advance = False

    def now(self) -> int:
        """The clock, in epoch nanoseconds."""
        return self.clock.now_ns()

    def publish(self, event_type: str, payload: dict[str, Any], at: int) -> None:
        """Record an event the service would publish (they never fire the fake's triggers)."""
        self.published.append(
            {"date": format_time(at), "app": "orchestration", "version": "v2", "type": event_type, "payload": payload}
        )

    def live_trigger(self, trigger_id: str) -> Trigger | None:
        """The trigger unless it is unknown or deleted."""
        trigger = self.triggers.get(trigger_id)
        return trigger if trigger is not None and trigger.deleted_at is None else None
