"""Triggers: their operations (create, list, read, delete, test, occurrences) and firing from emitted events.

A trigger matches an event by exact type, version (when set) and filter expression; each match records an
occurrence and, when its ``vars`` evaluate, starts its workflow (§9). Handlers take the
:class:`._store.Store` (its lock held) and the routed :class:`._http.Request`.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ._expr import ExprError, Program, compile_expr, render_value
from ._gojson import GoJSONError, decode_json, fold_get, format_time, json_kind, round_micro, to_go_any
from ._http import Request, Response, ResponseError, first_value
from ._paging import page, string_filters
from ._render import NO_ROWS, empty, fail, json_response, occurrence_json, render_cursor, trigger_json
from ._stage_engine import advance, pump, start_instance
from ._store import Occurrence, Store, Trigger

__all__ = [
    "TriggerFiring",
    "create_trigger",
    "delete_trigger",
    "emit_event",
    "list_triggers",
    "list_triggers_occurrences",
    "read_trigger",
    "test_trigger",
]


@dataclass(frozen=True)
class TriggerFiring:
    """What one matching trigger did with an emitted event."""

    trigger_id: str
    occurrence_id: str
    instance_id: str | None
    error: str | None


# --------------------------------------------------------------------------------------------- operations


def list_triggers(store: Store, request: Request) -> Response:
    query = request.query
    offset, order, page_size, filters = page(
        query, lambda: {"Name": first_value(query, "name")}, string_filters("Name")
    )
    name = filters["Name"]
    if name and not store.options.trigger_name_filter:
        # The real query puts the placeholder inside a quoted literal: a SQL syntax error (§6.2).
        raise fail(500, "INTERNAL", f'ERROR: syntax error at or near "{name}" (SQLSTATE=42601)')
    items = [
        trigger
        for trigger in store.triggers.values()
        if trigger.deleted_at is None and (not name or name.casefold() in trigger.name.casefold())
    ]
    return render_cursor(items, offset, order, page_size, filters, trigger_json)


def create_trigger(store: Store, request: Request) -> Response:
    data = _decode_trigger_data(request.body)
    event, workflow_id = data["event"], data["workflowID"]
    if not event:
        raise fail(400, "VALIDATION", "validating data: missing event")
    if not workflow_id:
        raise fail(400, "VALIDATION", "validating data: missing workflow id")
    filter_program: Program | None = None
    var_programs: dict[str, Program] = {}
    try:
        if data["filter"]:
            filter_program = compile_expr(data["filter"])
        for key, expression in (data["vars"] or {}).items():
            var_programs[key] = compile_expr(expression)
    except ExprError as exc:
        message = f"validating data: error compiling expression '{exc.source}': {exc}"
        raise fail(400, "VALIDATION", message) from None
    workflow = store.workflows.get(workflow_id)
    if workflow is None or workflow.deleted_at is not None:
        raise fail(404, "NOT_FOUND", "workflow does not exists")
    trigger = Trigger(
        id=str(uuid.uuid4()),
        name=data["name"],
        event=event,
        version=data["version"],
        filter=data["filter"],
        workflow_id=workflow_id,
        vars=data["vars"],
        created_at=round_micro(store.now()),
        filter_program=filter_program,
        var_programs=var_programs,
    )
    store.triggers[trigger.id] = trigger
    return json_response(201, {"data": trigger_json(trigger, data["workflow"])})


def read_trigger(store: Store, request: Request) -> Response:
    trigger = store.live_trigger(request.params[0])
    if trigger is None:
        raise fail(404, "NOT_FOUND", NO_ROWS)
    return json_response(200, {"data": trigger_json(trigger)})


def delete_trigger(store: Store, request: Request) -> Response:
    trigger = store.live_trigger(request.params[0])
    if trigger is None:
        raise fail(404, "NOT_FOUND", NO_ROWS)
    trigger.deleted_at = store.now()
    return empty(204)


def test_trigger(store: Store, request: Request) -> Response:
    try:
        raw = decode_json(request.body)
    except GoJSONError as exc:
        raise fail(500, "INTERNAL", str(exc)) from None
    if raw is not None and not isinstance(raw, dict):
        message = f"json: cannot unmarshal {json_kind(raw)} into Go value of type map[string]interface {{}}"
        raise fail(500, "INTERNAL", message)
    try:
        event = to_go_any(raw or {})
    except GoJSONError as exc:
        raise fail(500, "INTERNAL", str(exc)) from None
    trigger = store.live_trigger(request.params[0])
    if trigger is None:
        raise fail(500, "INTERNAL", NO_ROWS)
    result: dict[str, Any] = {"filter": None, "variables": None}
    matched = True
    if trigger.filter is not None:
        # The stored filter is evaluated as is, even "" (which real event processing skips).
        outcome: dict[str, Any] = {"match": False}
        try:
            program = trigger.filter_program or compile_expr(trigger.filter)
            outcome["match"] = program.run(event) is True
        except ExprError as exc:
            outcome["error"] = str(exc)
        result["filter"] = outcome
        matched = outcome["match"]
    if matched and trigger.vars:
        variables: dict[str, Any] = {}
        for key in sorted(trigger.vars):
            entry: dict[str, Any] = {}
            try:
                value = render_value(trigger.var_programs[key].run(event))
                if value:
                    entry["value"] = value
            except (ExprError, ValueError) as exc:
                entry["error"] = str(exc)
            variables[key] = entry
        result["variables"] = variables
    return json_response(200, {"data": result})


def list_triggers_occurrences(store: Store, request: Request) -> Response:
    offset, order, page_size, filters = page(
        request.query, lambda: {"TriggerID": request.params[0]}, string_filters("TriggerID")
    )
    trigger_id = filters["TriggerID"]
    items = [o for o in store.occurrences if not trigger_id or o.trigger_id == trigger_id]

    def render(occurrence: Occurrence) -> object:
        instance = store.instances.get(occurrence.instance_id) if occurrence.instance_id is not None else None
        return occurrence_json(occurrence, instance)

    return render_cursor(items, offset, order, page_size, filters, render)


# --------------------------------------------------------------------------------------------- events in


def emit_event(
    store: Store,
    event_type: str,
    payload: Any,
    *,
    app: str,
    version: str,
    date: int | None,
    idempotency_key: str,
) -> list[TriggerFiring]:
    """Deliver a Formance event to the triggers, as the worker's listener does (§9)."""
    with store.lock:
        pump(store)
        now = store.now()
        body = to_go_any(payload)
        envelope = {
            "idempotency_key": idempotency_key,
            "date": format_time(now if date is None else date),
            "app": app,
            "version": version,
            "type": event_type,
            "payload": body,
        }
        firings: list[TriggerFiring] = []
        for trigger in list(store.triggers.values()):
            if trigger.deleted_at is not None or trigger.event != event_type:
                continue
            if trigger.version is not None and trigger.version != version:
                continue
            if trigger.filter and trigger.filter_program is not None:
                try:
                    if trigger.filter_program.run(body) is not True:
                        continue
                except ExprError:
                    continue  # logged by the service, no occurrence
            if event_type in ("SAVED_PAYMENT", "SAVED_ACCOUNT") and isinstance(body, dict):
                # Temporal id <stack>-<triggerID>-<payload.id> with reject-duplicate (§9).
                key = (trigger.id, str(body.get("id", "")))
                if key in store.dedup:
                    continue
                store.dedup.add(key)
            firings.append(_fire(store, trigger, body, envelope, now))
        return firings


def _fire(store: Store, trigger: Trigger, payload: Any, envelope: dict[str, Any], now: int) -> TriggerFiring:
    variables: dict[str, str] = {}
    error: str | None = None
    try:
        for key in sorted(trigger.var_programs):
            variables[key] = render_value(trigger.var_programs[key].run(payload))
    except (ExprError, ValueError) as exc:
        error = str(exc)
    instance_id: str | None = None
    if error is None:
        workflow = store.workflows[trigger.workflow_id]
        # Initiate runs as a child of ExecuteTrigger without an explicit id: Temporal names it
        # <parentRunID>_<sequence> (§7).
        uuid_ids = store.options.trigger_instance_ids == "uuid"
        new_id = str(uuid.uuid4()) if uuid_ids else f"{uuid.uuid4()}_2"
        instance = start_instance(store, workflow, variables, new_id, now)
        instance_id = instance.id
        advance(store, instance, now)
    occurrence = Occurrence(str(uuid.uuid4()), trigger.id, instance_id, now, envelope, error)
    store.occurrences.append(occurrence)
    if error is None:
        store.publish(
            "SUCCEEDED_TRIGGER",
            {"id": occurrence.id, "triggerID": trigger.id, "workflowInstanceID": instance_id},
            now,
        )
    else:
        store.publish("FAILED_TRIGGER", {"id": occurrence.id, "triggerID": trigger.id, "error": error}, now)
    return TriggerFiring(trigger.id, occurrence.id, instance_id, error)


# --------------------------------------------------------------------------------------------- decoding


def _decode_trigger_data(body: bytes) -> dict[str, Any]:
    """Decode ``triggers.TriggerData``; any decode error is a 500 here (§6.3)."""
    try:
        raw = decode_json(body)
    except GoJSONError as exc:
        raise fail(500, "INTERNAL", str(exc)) from None
    data: dict[str, Any] = {"name": "", "event": "", "version": None, "filter": None, "workflowID": ""}
    data.update({"workflow": None, "vars": None})
    if raw is None:
        return data
    if not isinstance(raw, dict):
        raise fail(
            500, "INTERNAL", f"json: cannot unmarshal {json_kind(raw)} into Go value of type triggers.TriggerData"
        )

    def type_error(value: Any, name: str, go_type: str) -> ResponseError:
        message = f"json: cannot unmarshal {json_kind(value)} into Go struct field TriggerData.{name} of type {go_type}"
        return fail(500, "INTERNAL", message)

    for name in ("name", "event", "version", "filter", "workflowID"):
        found, value = fold_get(raw, name)
        if not found or value is None:
            continue
        if not isinstance(value, str):
            raise type_error(value, name, "string")
        data[name] = value
    found, value = fold_get(raw, "vars")
    if found and value is not None:
        if not isinstance(value, dict):
            raise type_error(value, "vars", "map[string]string")
        for item in value.values():
            if item is not None and not isinstance(item, str):
                raise type_error(item, "vars", "string")
        data["vars"] = {key: item or "" for key, item in value.items()}
    found, value = fold_get(raw, "workflow")
    if found and value is not None:
        if not isinstance(value, dict):
            raise type_error(value, "workflow", "workflow.Workflow")
        data["workflow"] = _echo_workflow(value)
    return data


def _echo_workflow(value: Mapping[str, Any]) -> dict[str, Any]:
    """A ``workflow`` object sent to createTrigger, as Go decodes then re-encodes it (echoed, never stored)."""
    _, wid = fold_get(value, "id")
    _, config = fold_get(value, "config")
    name, stages = "", None
    if isinstance(config, dict):
        _, raw_name = fold_get(config, "name")
        name = raw_name if isinstance(raw_name, str) else ""
        _, raw_stages = fold_get(config, "stages")
        stages = to_go_any(raw_stages) if isinstance(raw_stages, list) else None
    stamps: dict[str, Any] = {}
    for key in ("createdAt", "updatedAt", "deletedAt"):
        _, raw = fold_get(value, key)
        stamps[key] = raw if isinstance(raw, str) else (None if key == "deletedAt" else "0001-01-01T00:00:00Z")
    return {
        "id": wid if isinstance(wid, str) else "",
        "config": {"name": name, "stages": stages},
        **stamps,
    }
