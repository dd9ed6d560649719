"""The workflow operations: list, create (JSON or YAML bodies, Go's decoding rules), get, delete and run.

Handlers take the :class:`._store.Store` (its lock held) and the routed :class:`._http.Request`.
"""

from __future__ import annotations

import datetime as _dt
import re
import uuid
from collections.abc import Mapping
from typing import Any

from . import _stages
from ._clock import ManualClock, SystemClock
from ._gojson import NS, GoJSONError, decode_json, fold_get, format_time, json_kind, to_go_any
from ._http import Pending, Request, Response, ResponseError, first_value
from ._paging import page
from ._render import NO_ROWS, empty, fail, instance_json, json_response, render_cursor, workflow_json
from ._stage_engine import advance, pump, start_instance
from ._store import Instance, Store, Workflow

__all__ = ["create_workflow", "delete_workflow", "get_workflow", "list_workflows", "run_workflow"]

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")


def list_workflows(store: Store, request: Request) -> Response:
    offset, order, page_size, filters = page(request.query, lambda: None, to_go_any)
    items = [wf for wf in store.workflows.values() if wf.deleted_at is None]
    return render_cursor(items, offset, order, page_size, filters, lambda wf: workflow_json(wf, micro=True))


def create_workflow(store: Store, request: Request) -> Response:
    if request.headers.get("content-type") == "text/vnd.yaml":
        raw = _decode_yaml(request.body)
        prefix = "unmarshalling workflow data: "
    else:
        try:
            raw = decode_json(request.body)
        except GoJSONError as exc:
            raise fail(400, "VALIDATION", f"unmarshalling json body: {exc}") from None
        prefix = "unmarshalling json body: "
    name, stages = _decode_config(raw, prefix)
    for stage in stages or []:
        problem = _check_stage(stage)
        if problem is not None:
            raise fail(500, "INTERNAL", f"creating workflow: {problem}")
    workflow = Workflow(str(uuid.uuid4()), name, stages, store.now())
    store.workflows[workflow.id] = workflow
    return json_response(201, {"data": workflow_json(workflow, micro=False)})


def get_workflow(store: Store, request: Request) -> Response:
    workflow = store.workflows.get(request.params[0])
    if workflow is None:
        raise fail(500, "INTERNAL", NO_ROWS)
    return json_response(200, {"data": workflow_json(workflow, micro=True)})


def delete_workflow(store: Store, request: Request) -> Response:
    workflow_id = request.params[0]
    if not _UUID.match(workflow_id):
        raise fail(400, "VALIDATION", "Key: '' Error:Field validation for '' failed on the 'uuid' tag")
    workflow = store.workflows.get(workflow_id)
    if workflow is None:
        raise fail(404, "NOT_FOUND", "Workflow not found")
    # No "deleted_at IS NULL" guard: a second delete refreshes the timestamp (§6.11).
    workflow.deleted_at = store.now()
    return empty(204)


def run_workflow(store: Store, request: Request) -> Response | Pending:
    variables: dict[str, str] = {}
    # Go's r.ContentLength is -1 for chunked bodies and 0 when absent: the body is read only if > 0 (§6.12).
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > 0:
        variables = _decode_variables(request.body)
    workflow = store.workflows.get(request.params[0])
    if workflow is None:
        raise fail(500, "INTERNAL", NO_ROWS)
    now = store.now()
    instance = start_instance(store, workflow, variables, str(uuid.uuid4()), now)
    wait = first_value(request.query, "wait").lower() in ("true", "1")
    if not wait:
        advance(store, instance, now)
        created = format_time(now)
        data: dict[str, Any] = {"workflowID": workflow.id, "id": instance.id, "createdAt": created}
        data.update(updatedAt=created, terminated=False)
        return json_response(201, {"data": data})
    if not store.options.wait_blocks:
        # The real Wait() returns at once (§6.12): answer with the instance as re-read right away,
        # before its first stage had time to start.
        snapshot = instance_json(instance, workflow=True, status=True)
        advance(store, instance, now)
        return json_response(201, {"data": snapshot})
    advance(store, instance, now)
    deadline = now + int(store.options.wait_timeout * NS)
    return _wait_until_terminated(store, instance, deadline)


def _wait_until_terminated(store: Store, instance: Instance, deadline: int) -> Response | Pending:
    """``wait_blocks``: a manual clock is moved to each timer; the wall clock is slept on, lock released."""
    while True:
        child = instance.child
        if instance.terminated or child is None or child.wake_at is None:
            return json_response(201, {"data": instance_json(instance, workflow=True, status=True)})
        wake_at = child.wake_at
        if isinstance(store.clock, ManualClock):
            store.clock.set_ns(max(wake_at, store.clock.now_ns()))
            pump(store)
            continue
        if not isinstance(store.clock, SystemClock) or wake_at > deadline:
            return json_response(201, {"data": instance_json(instance, workflow=True, status=True)})

        def resume() -> Response | Pending:
            with store.lock:
                pump(store)
                return _wait_until_terminated(store, instance, deadline)

        return Pending((wake_at - store.now()) / NS, resume)


def _decode_variables(body: bytes) -> dict[str, str]:
    try:
        raw = decode_json(body)
    except GoJSONError as exc:
        raise fail(400, "VALIDATION", str(exc)) from None
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise fail(
            400, "VALIDATION", f"json: cannot unmarshal {json_kind(raw)} into Go value of type map[string]string"
        )
    variables: dict[str, str] = {}
    for key, value in raw.items():
        if value is None:
            variables[key] = ""
        elif isinstance(value, str):
            variables[key] = value
        else:
            raise fail(400, "VALIDATION", f"json: cannot unmarshal {json_kind(value)} into Go value of type string")
    return variables


def _decode_yaml(body: bytes) -> Any:
    # Imported here: PyYAML is optional, only YAML bodies need it.
    try:
        import yaml
    except ImportError:
        raise fail(
            400, "VALIDATION", "unmarshalling yaml: YAML workflow bodies need PyYAML installed (pip install PyYAML)"
        ) from None
    try:
        loaded = yaml.safe_load(body.decode("utf-8", errors="replace"))
    except yaml.YAMLError as exc:
        raise fail(400, "VALIDATION", f"unmarshalling yaml: yaml: {exc}") from None
    if loaded is None:
        raise fail(400, "VALIDATION", "unmarshalling yaml: EOF")
    if not isinstance(loaded, dict):
        tag = {list: "!!seq", str: "!!str", int: "!!int", float: "!!float", bool: "!!bool"}.get(type(loaded), "!!map")
        message = f"unmarshalling yaml: yaml: unmarshal errors:\n  line 1: cannot unmarshal {tag} into map[string]interface {{}}"
        raise fail(400, "VALIDATION", message)
    # yaml.v3 hands Go strings for map keys and JSON-able values; json.Marshal then feeds the JSON path.
    return _yaml_to_json(loaded)


def _yaml_to_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _yaml_to_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_yaml_to_json(item) for item in value]
    if isinstance(value, _dt.datetime | _dt.date):
        return to_go_any(value)
    return value


def _decode_config(raw: Any, prefix: str) -> tuple[str, list[dict[str, Any]] | None]:
    """Decode ``workflow.Config`` with Go's rules and messages (§6.9)."""

    def type_error(value: Any, where: str) -> ResponseError:
        return fail(400, "VALIDATION", f"{prefix}json: cannot unmarshal {json_kind(value)} into {where}")

    if raw is None:
        return "", None
    if not isinstance(raw, dict):
        raise type_error(raw, "Go value of type workflow.Config")
    _, name = fold_get(raw, "name")
    if name is not None and not isinstance(name, str):
        raise type_error(name, "Go struct field Config.name of type string")
    _, stages = fold_get(raw, "stages")
    if stages is None:
        return name or "", None
    if not isinstance(stages, list):
        raise type_error(stages, "Go struct field Config.stages of type []workflow.RawStage")
    decoded: list[dict[str, Any]] = []
    for stage in stages:
        if stage is None:
            decoded.append({})
            continue
        if not isinstance(stage, dict):
            raise type_error(stage, "Go struct field Config.stages of type workflow.RawStage")
        entry: dict[str, Any] = {}
        for key in sorted(stage):
            value = stage[key]
            if value is not None and not isinstance(value, dict):
                raise type_error(value, "Go struct field Config.stages of type map[string]interface {}")
            try:
                entry[key] = to_go_any(value)
            except GoJSONError as exc:
                raise fail(400, "VALIDATION", f"{prefix}{exc}") from None
        decoded.append(entry)
    return name or "", decoded


def _check_stage(stage: Mapping[str, Any]) -> str | None:
    """``Config.Validate``: one key per stage, a known type, fields that resolve with no variables."""
    if not stage:
        return "empty specification"
    if len(stage) > 1:
        return "a specification should have only one name"
    ((stage_type, value),) = stage.items()
    try:
        _stages.resolve_stage(stage_type, value, {})
    except _stages.StageError as exc:
        return str(exc)
    return None
