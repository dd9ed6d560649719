"""Where an instance stands, stage by stage: the states a wait reports to ``on_progress`` and a chart shows."""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, TypeAlias

import attrs

from .. import models

__all__ = ["ProgressCallback", "StageProgress", "StageState", "stage_kind", "stage_states"]


class StageState(enum.StrEnum):
    """What became of one stage of an instance."""

    NOT_REACHED = "not reached"
    """Not started (yet, or ever: an earlier stage failed)."""
    RUNNING = "running"
    """Started, not terminated."""
    WAITING = "waiting"
    """A ``wait_event`` stage blocked until its event is sent (``send_event``)."""
    DONE = "done"
    """Terminated without an error."""
    FAILED = "failed"
    """Terminated with an error (``StageProgress.error``)."""


@attrs.frozen(kw_only=True)
class StageProgress:
    """One stage of a waited-for instance changed state (passed to ``on_progress``).

    Attributes:
        instance_id: The instance.
        stage: The stage number, from 0 in the workflow's order (the server's numbering).
        state: The stage's new state.
        kind: The stage kind (``send``, ``delay``, ``wait_event``, ...), or ``None`` when the workflow could not be
            read.
        error: The server's message when ``state`` is ``FAILED``.
        event: The awaited event's name when ``state`` is ``WAITING``.
        started_at: When the stage started.
        terminated_at: When it terminated, if it has.
        instance: The instance as last read (its ``terminated`` says whether this is the last change).
    """

    instance_id: str
    stage: int
    state: StageState
    kind: str | None = None
    error: str | None = None
    event: str | None = None
    started_at: datetime | None = None
    terminated_at: datetime | None = None
    instance: models.V2WorkflowInstance = attrs.field(repr=False, eq=False)


ProgressCallback: TypeAlias = Callable[[StageProgress], Any]
"""Called with each :class:`StageProgress`; its return value is ignored."""


def stage_kind(stage: Any) -> str | None:
    """The kind of a stage's JSON (its one key), or ``None``."""
    if isinstance(stage, dict) and len(stage) == 1:
        return str(next(iter(stage)))
    return None


def _event_of(stage: Any) -> str | None:
    body = stage.get("wait_event") if isinstance(stage, dict) else None
    event = body.get("event") if isinstance(body, dict) else None
    return event if isinstance(event, str) else None


def stage_states(
    instance: models.V2WorkflowInstance, stages: Sequence[Any] | None
) -> list[tuple[StageState, models.V2StageStatus | None]]:
    """Each stage's state and its status row: one entry per stage of ``stages`` (the workflow's config), or per
    started stage when the config is unknown."""
    rows = {status.stage: status for status in instance.status or []}
    count = len(stages) if stages is not None else (max(rows) + 1 if rows else 0)
    out: list[tuple[StageState, models.V2StageStatus | None]] = []
    for number in range(count):
        row = rows.get(number)
        if row is None:
            out.append((StageState.NOT_REACHED, None))
        elif row.error:
            out.append((StageState.FAILED, row))
        elif row.terminated_at is not None:
            out.append((StageState.DONE, row))
        elif stages is not None and stage_kind(stages[number]) == "wait_event":
            out.append((StageState.WAITING, row))
        else:
            out.append((StageState.RUNNING, row))
    return out


class ProgressTracker:
    """Turns successive reads of an instance into one :class:`StageProgress` per stage whose state changed."""

    def __init__(self, callback: ProgressCallback, stages: Sequence[Any] | None) -> None:
        self._callback = callback
        self._stages = stages
        self._seen: dict[int, tuple[StageState, str | None]] = {}

    def update(self, instance: models.V2WorkflowInstance) -> None:
        for number, (state, row) in enumerate(stage_states(instance, self._stages)):
            if row is None:
                continue
            key = (state, row.error)
            if self._seen.get(number) == key:
                continue
            self._seen[number] = key
            stage = self._stages[number] if self._stages is not None and number < len(self._stages) else None
            self._callback(
                StageProgress(
                    instance_id=instance.id,
                    stage=number,
                    state=state,
                    kind=stage_kind(stage),
                    error=row.error or None,
                    event=_event_of(stage) if state is StageState.WAITING else None,
                    started_at=row.started_at,
                    terminated_at=row.terminated_at,
                    instance=instance,
                )
            )
