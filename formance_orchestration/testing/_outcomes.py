"""How simulated stages end: the outcome a test picks for a stage, and the rules that pick it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["StageContext", "StageHook", "StageOutcome"]


@dataclass(frozen=True)
class StageOutcome:
    """What a stage does when it runs.

    * ``StageOutcome.succeed()`` — the default: every activity completes at once.
    * ``StageOutcome.fail("insufficient funds")`` — a non-retryable failure (like a ledger ``VALIDATION``
      error): the target activity fails, the stage and the instance end with that message.
    * ``StageOutcome.retry("ledger unavailable")`` — a retryable failure: the target activity is retried
      forever (backoff 1 s x2, capped at 100 s), the instance stays ``terminated: false`` and the stage
      history shows ``attempt``, ``lastFailure`` and ``nextExecution``. With ``attempts=N`` the activity
      succeeds on attempt N+1 and the stage goes on.

    ``activity`` names the activity that fails (``"CreateTransaction"``, ``"GetWallet"``...); by default it
    is the first one that writes (not a ``Get*``/``List*``). For ``noop``, ``delay`` and ``wait_event``
    (which run no activity) ``fail`` ends the stage at once with the message; ``retry`` is not allowed.
    """

    kind: Literal["succeed", "fail", "retry"] = "succeed"
    error: str = ""
    activity: str | None = None
    attempts: int | None = None

    @classmethod
    def succeed(cls) -> StageOutcome:
        """Every activity succeeds (the default)."""
        return cls("succeed")

    @classmethod
    def fail(cls, error: str, *, activity: str | None = None) -> StageOutcome:
        """The stage fails with ``error`` (a non-retryable activity failure)."""
        return cls("fail", error, activity)

    @classmethod
    def retry(cls, error: str, *, attempts: int | None = None, activity: str | None = None) -> StageOutcome:
        """The target activity keeps failing with ``error``: forever, or ``attempts`` times then succeeds."""
        if attempts is not None and attempts < 1:
            raise ValueError("attempts must be at least 1")
        return cls("retry", error, activity, attempts)


@dataclass(frozen=True)
class StageContext:
    """What a stage hook sees: where the stage runs and its resolved configuration."""

    instance_id: str
    workflow_id: str
    stage_number: int
    stage_type: str
    config: Mapping[str, Any]
    variables: Mapping[str, str]


StageHook = Callable[[StageContext], "StageOutcome | None"]


@dataclass
class StageRule:
    """One registered outcome (or hook) with its filters and remaining uses."""

    outcome: StageOutcome | StageHook
    workflow_id: str | None = None
    stage_type: str | None = None
    stage_number: int | None = None
    times: int | None = None
    used: int = field(default=0)

    def pick(self, context: StageContext) -> StageOutcome | None:
        """The outcome for ``context`` if this rule applies, counting the use."""
        if self.times is not None and self.used >= self.times:
            return None
        if self.workflow_id is not None and self.workflow_id != context.workflow_id:
            return None
        if self.stage_type is not None and self.stage_type != context.stage_type:
            return None
        if self.stage_number is not None and self.stage_number != context.stage_number:
            return None
        outcome = self.outcome(context) if callable(self.outcome) else self.outcome
        if outcome is None:
            return None
        if outcome.kind == "retry" and context.stage_type not in ("send", "update"):
            raise ValueError(f"StageOutcome.retry() needs a stage that runs activities, not {context.stage_type!r}")
        self.used += 1
        return outcome
