"""Building the service's answers: envelopes, error bodies, cursors, and the JSON of every stored record.

Field order, omitted fields and timestamp precision follow the Go structs the real service encodes
(``shared/docs/server-behaviour.md``); the renderings only read the records, never change them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from . import _stages
from ._gojson import cursor_encode, dumps, format_time
from ._http import Response, ResponseError
from ._store import Activity, Child, Instance, Occurrence, StageRow, Trigger, Workflow

__all__ = [
    "NO_ROWS",
    "activity_json",
    "chi_not_found",
    "empty",
    "error",
    "fail",
    "gateway_not_found",
    "instance_json",
    "json_response",
    "occurrence_json",
    "render_cursor",
    "stage_history_json",
    "trigger_json",
    "workflow_json",
]

_JSON = [("Content-Type", "application/json")]

NO_ROWS = "sql: no rows in result set"
"""The message of a lookup that found nothing, as Postgres reports it through the service."""

# --------------------------------------------------------------------------------------------- envelopes


def json_response(status: int, value: Any) -> Response:
    return status, list(_JSON), dumps(value)


def error(status: int, code: str, message: str) -> Response:
    """The service's ``{"errorCode", "errorMessage"}`` body."""
    return json_response(status, {"errorCode": code, "errorMessage": message})


def empty(status: int, extra: Sequence[tuple[str, str]] = ()) -> Response:
    """An empty body; the service still says ``application/json``."""
    return status, [*_JSON, *extra], b""


def chi_not_found() -> Response:
    headers = [("Content-Type", "text/plain; charset=utf-8"), ("X-Content-Type-Options", "nosniff")]
    return 404, headers, b"404 page not found\n"


def gateway_not_found() -> Response:
    return 404, [("Content-Type", "text/plain; charset=utf-8")], b"404 Not Found"


def fail(status: int, code: str, message: str) -> ResponseError:
    """An error answer to ``raise`` from a handler."""
    return ResponseError(error(status, code, message))


def render_cursor(
    items: Sequence[Any],
    offset: int,
    order: int,
    page_size: int,
    filters: Any,
    render: Callable[[Any], Any],
) -> Response:
    """``bunpaginate.UsingOffset`` + ``RenderCursor``: fetch pageSize+1 rows, derive next/previous."""
    window = list(items[offset : offset + page_size + 1]) if page_size else list(items[offset:])
    has_more = bool(page_size) and len(window) > page_size
    if has_more:
        window = window[:page_size]
    cursor: dict[str, Any] = {}
    if page_size:
        cursor["pageSize"] = page_size
    cursor["hasMore"] = has_more
    if offset > 0:
        cursor["previous"] = cursor_encode(max(offset - page_size, 0), order, page_size, filters)
    if has_more:
        cursor["next"] = cursor_encode(offset + page_size, order, page_size, filters)
    cursor["data"] = [render(item) for item in window]
    return json_response(200, {"cursor": cursor})


# --------------------------------------------------------------------------------------------- records


def workflow_json(workflow: Workflow, *, micro: bool) -> dict[str, Any]:
    return {
        "id": workflow.id,
        "config": {"name": workflow.name, "stages": workflow.stages},
        "createdAt": format_time(workflow.created_at, micro=micro),
        "updatedAt": format_time(workflow.created_at, micro=micro),
        "deletedAt": format_time(workflow.deleted_at, micro=True) if workflow.deleted_at is not None else None,
    }


def instance_json(instance: Instance, *, workflow: bool, status: bool) -> dict[str, Any]:
    """An instance as read back from Postgres (microsecond timestamps)."""
    data: dict[str, Any] = {"workflowID": instance.workflow.id}
    if workflow:
        data["workflow"] = workflow_json(instance.workflow, micro=True)
    data["id"] = instance.id
    data["createdAt"] = format_time(instance.created_at, micro=True)
    data["updatedAt"] = format_time(instance.created_at, micro=True)
    data["terminated"] = instance.terminated
    if instance.terminated_at is not None:
        data["terminatedAt"] = format_time(instance.terminated_at, micro=True)
    if status and instance.rows:
        data["status"] = [_row_json(row) for row in instance.rows]
    if instance.error:
        data["error"] = instance.error
    return data


def _row_json(row: StageRow) -> dict[str, Any]:
    data: dict[str, Any] = {
        "stage": row.number,
        "instanceID": row.instance_id,
        "temporalRunID": row.run_id,
        "startedAt": format_time(row.started_at, micro=True),
    }
    if row.terminated_at is not None:
        data["terminatedAt"] = format_time(row.terminated_at, micro=True)
    if row.error is not None:
        data["error"] = row.error
    return data


def trigger_json(trigger: Trigger, workflow: Any = None) -> dict[str, Any]:
    """A trigger; ``workflow`` is what createTrigger echoes (stored triggers always say ``null``)."""
    data: dict[str, Any] = {"name": trigger.name, "event": trigger.event}
    if trigger.version is not None:
        data["version"] = trigger.version
    if trigger.filter is not None:
        data["filter"] = trigger.filter
    data["workflowID"] = trigger.workflow_id
    data["workflow"] = workflow
    if trigger.vars:
        data["vars"] = {key: trigger.vars[key] for key in sorted(trigger.vars)}
    data["id"] = trigger.id
    data["createdAt"] = format_time(trigger.created_at)
    return data


def occurrence_json(occurrence: Occurrence, instance: Instance | None) -> dict[str, Any]:
    """An occurrence, with the instance it started (when it still exists) joined in."""
    data: dict[str, Any] = {"id": occurrence.id, "triggerID": occurrence.trigger_id}
    if occurrence.instance_id is not None:
        data["workflowInstanceID"] = occurrence.instance_id
        if instance is not None:
            data["workflowInstance"] = instance_json(instance, workflow=False, status=False)
    data["date"] = format_time(occurrence.date, micro=True)
    data["event"] = occurrence.event
    if occurrence.error is not None:
        data["error"] = occurrence.error
    return data


# --------------------------------------------------------------------------------------------- history


def stage_history_json(child: Child) -> dict[str, Any]:
    """One entry of ``ReadInstanceHistory``: the child workflow of one started stage (§6.17)."""
    data: dict[str, Any] = {"name": _stages.workflow_type_name(child.stage_type), "input": child.input}
    if child.history_error is not None:
        data["error"] = child.history_error
    data["terminated"] = child.terminated_at is not None
    data["startedAt"] = format_time(child.started_at)
    if child.terminated_at is not None:
        data["terminatedAt"] = format_time(child.terminated_at)
    return data


def activity_json(activity: Activity, now: int) -> dict[str, Any]:
    """One entry of ``ReadStageHistory``: one scheduled activity, input/output under its name (§6.18)."""
    label = activity.name
    data: dict[str, Any] = {"name": label, "input": {label: _stages.activity_view(activity.input)}}
    if activity.terminated_at is not None and activity.error is None and activity.output is not None:
        data["output"] = {label: _rewrite_output(label, activity.output)}
    if activity.error is not None:
        data["error"] = activity.error
    data["terminated"] = activity.terminated_at is not None
    data["startedAt"] = format_time(activity.scheduled_at)
    if activity.terminated_at is not None:
        data["terminatedAt"] = format_time(activity.terminated_at)
    attempt = 1
    if activity.terminated_at is None and activity.last_failure is not None:
        done = _stages.attempts_done(activity.scheduled_at, now)
        data["lastFailure"] = activity.last_failure
        attempt = done + 1
        data["attempt"] = attempt
        data["nextExecution"] = format_time(_stages.attempt_time(activity.scheduled_at, done + 1))
        return data
    data["attempt"] = attempt
    return data


def _rewrite_output(name: str, output: Any) -> Any:
    """The history reader rewrites CreateTransaction output for ledger v1 compatibility (§6.18)."""
    view = _stages.activity_view(output)
    if name == "CreateTransaction" and isinstance(view.get("data"), dict):
        transaction = dict(view["data"])
        transaction["txid"] = transaction.get("id")
        view = {**view, "data": [dict(sorted(transaction.items()))]}
    return view
