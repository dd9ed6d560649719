"""The instance operations: list, get, send an event, abort, and the two history reads.

Handlers take the :class:`._store.Store` (its lock held) and the routed :class:`._http.Request`.
"""

from __future__ import annotations

import re

from ._gojson import GoJSONError, decode_json, fold_get, json_kind
from ._http import Request, Response, first_value, query_bool
from ._paging import page, string_filters
from ._render import (
    NO_ROWS,
    activity_json,
    empty,
    fail,
    instance_json,
    json_response,
    render_cursor,
    stage_history_json,
)
from ._stage_engine import cancel, run_timers_of, signal
from ._store import Instance, Store

__all__ = [
    "cancel_event",
    "get_instance",
    "get_instance_history",
    "get_instance_stage_history",
    "list_instances",
    "send_event",
]


def list_instances(store: Store, request: Request) -> Response:
    query = request.query
    offset, order, page_size, filters = page(
        query,
        lambda: {"WorkflowID": first_value(query, "workflowID"), "Running": query_bool(query, "running")},
        string_filters("WorkflowID", "Running"),
    )
    items = [
        instance
        for instance in store.instances.values()
        if instance.workflow.deleted_at is None
        and (not filters["WorkflowID"] or instance.workflow.id == filters["WorkflowID"])
        and (not filters["Running"] or not instance.terminated)
    ]

    def render(instance: Instance) -> object:
        return instance_json(instance, workflow=True, status=False)

    return render_cursor(items, offset, order, page_size, filters, render)


def get_instance(store: Store, request: Request) -> Response:
    instance = store.instances.get(request.params[0])
    if instance is None:
        raise fail(500, "INTERNAL", "Instance not found")
    if store.auto_advance:
        # A client reading a running instance is waiting for it (wait_for_instance polls here): let its time pass.
        run_timers_of(store, instance)
    return json_response(200, {"data": instance_json(instance, workflow=True, status=True)})


def send_event(store: Store, request: Request) -> Response:
    try:
        raw = decode_json(request.body)
    except GoJSONError as exc:
        raise fail(400, "VALIDATION", str(exc)) from None
    name = ""
    if raw is not None:
        if not isinstance(raw, dict):
            message = f"json: cannot unmarshal {json_kind(raw)} into Go value of type workflow.Event"
            raise fail(400, "VALIDATION", message)
        _, value = fold_get(raw, "name")
        if value is not None and not isinstance(value, str):
            message = f"json: cannot unmarshal {json_kind(value)} into Go struct field Event.name of type string"
            raise fail(400, "VALIDATION", message)
        name = value or ""
    instance = store.instances.get(request.params[0])
    if instance is None or not instance.rows:
        raise fail(500, "INTERNAL", f"retrieving workflow: {NO_ROWS}")
    row = instance.rows[-1]
    child = instance.children.get(row.number)
    if child is None:
        raise fail(500, "INTERNAL", f"sending signal to server: workflow not found for ID: {instance.id}-{row.number}")
    if child.terminated_at is not None:
        raise fail(500, "INTERNAL", "sending signal to server: workflow execution already completed")
    signal(store, instance, child, name)
    return empty(204)


def cancel_event(store: Store, request: Request) -> Response:
    instance = store.instances.get(request.params[0])
    if instance is None:
        raise fail(500, "INTERNAL", f"retrieving workflow execution: {NO_ROWS}")
    if store.options.abort_cancels and not instance.terminated:
        cancel(store, instance)
    return empty(204)


def get_instance_history(store: Store, request: Request) -> Response:
    instance = store.instances.get(request.params[0])
    if instance is None:
        raise fail(500, "INTERNAL", f"workflow not found for ID: {request.params[0]}-main")
    children = [instance.children[number] for number in sorted(instance.children)]
    # One entry per started stage, in order (manager.go: the inner loop ends at the child's first terminal event).
    return json_response(200, {"data": [stage_history_json(child) for child in children]})


def get_instance_stage_history(store: Store, request: Request) -> Response:
    instance_id, raw_number = request.params
    if not re.fullmatch(r"[+-]?[0-9]+", raw_number) or not -(1 << 63) <= int(raw_number) < (1 << 63):
        return empty(404)
    instance = store.instances.get(instance_id)
    child = instance.children.get(int(raw_number)) if instance is not None else None
    if child is None:
        raise fail(404, "NOT_FOUND", "Instance not found")
    # One entry per scheduled activity, in order; a pending (retrying) activity is always the last one.
    now = store.now()
    return json_response(200, {"data": [activity_json(activity, now) for activity in child.activities]})
