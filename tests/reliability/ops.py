"""The 18 v2 operations as data: how to call each, where it lands on the wire, and a valid answer to it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from .faultserver import Fault, Request, empty, json_reply

PREFIX = "/api/orchestration"
WF, INST, TRIG = "wf-1", "inst-1", "trig-1"
TIME = "2024-06-01T10:20:30.123456789Z"

WORKFLOW: dict[str, Any] = {"id": WF, "config": {"name": "payout", "stages": [{"delay": {"duration": "${a}m"}}]}}
WORKFLOW |= {"createdAt": TIME, "updatedAt": TIME, "deletedAt": None}
INSTANCE = {"workflowID": WF, "id": INST, "createdAt": TIME, "updatedAt": TIME, "terminated": False}
TRIGGER = {"event": "SAVED_PAYMENT", "workflowID": WF, "id": TRIG, "createdAt": TIME, "workflow": None}
OCCURRENCE = {"id": "occ-1", "triggerID": TRIG, "date": TIME, "event": {"type": "SAVED_PAYMENT"}}
HISTORY = {"name": "RunDelay", "input": {"duration": "1m0s"}, "terminated": True, "startedAt": TIME}
STAGE_HISTORY = {"name": "CreateTransaction", "input": {}, "terminated": False, "startedAt": TIME, "attempt": 1}


def page(item: dict[str, Any]) -> Fault:
    return json_reply(200, {"cursor": {"pageSize": 15, "hasMore": False, "data": [item, item]}})


def data(status: int, item: Any) -> Fault:
    return json_reply(status, {"data": item})


@dataclass(frozen=True)
class Op:
    """One operation of ``client.v2``."""

    name: str
    method: str  # HTTP method
    template: str  # path below the prefix, ``{}`` where path parameters go
    params: tuple[str | int, ...]  # path parameters, passed positionally
    reply: Fault  # a valid answer
    kwargs: dict[str, Any] = field(default_factory=dict)

    @property
    def idempotent(self) -> bool:
        return self.method != "POST"

    @property
    def returns_body(self) -> bool:
        return self.reply.status != 204

    def path(self, prefix: str = PREFIX, params: tuple[str | int, ...] | None = None) -> str:
        """The path as sent: prefix, template, percent-encoded parameters."""
        values = self.params if params is None else params
        return prefix + self.template.format(*(quote(str(v), safe="") for v in values))

    def __str__(self) -> str:
        return self.name


OPS: tuple[Op, ...] = (
    Op("get_server_info", "GET", "/_info", (), json_reply(200, {"version": "v2.1.0"})),
    Op("list_triggers", "GET", "/v2/triggers", (), page(TRIGGER), {"page_size": 15}),
    Op("create_trigger", "POST", "/v2/triggers", (), data(201, TRIGGER), {"event": "SAVED_PAYMENT", "workflow_id": WF}),
    Op("read_trigger", "GET", "/v2/triggers/{}", (TRIG,), data(200, TRIGGER)),
    Op("delete_trigger", "DELETE", "/v2/triggers/{}", (TRIG,), empty(204)),
    Op("test_trigger", "POST", "/v2/triggers/{}/test", (TRIG,), data(200, {"filter": None}), {"event": {"a": 1}}),
    Op("list_triggers_occurrences", "GET", "/v2/triggers/{}/occurrences", (TRIG,), page(OCCURRENCE)),
    Op("list_workflows", "GET", "/v2/workflows", (), page(WORKFLOW)),
    Op(
        "create_workflow",
        "POST",
        "/v2/workflows",
        (),
        data(201, WORKFLOW),
        {"stages": [{"delay": {"duration": "${a}m"}}]},
    ),
    Op("get_workflow", "GET", "/v2/workflows/{}", (WF,), data(200, WORKFLOW)),
    Op("delete_workflow", "DELETE", "/v2/workflows/{}", (WF,), empty(204)),
    Op("run_workflow", "POST", "/v2/workflows/{}/instances", (WF,), data(201, INSTANCE), {"variables": {"a": "1"}}),
    Op("list_instances", "GET", "/v2/instances", (), page(INSTANCE), {"workflow_id": WF}),
    Op("get_instance", "GET", "/v2/instances/{}", (INST,), data(200, INSTANCE)),
    Op("send_event", "POST", "/v2/instances/{}/events", (INST,), empty(204), {"name": "go"}),
    Op("cancel_event", "PUT", "/v2/instances/{}/abort", (INST,), empty(204)),
    Op("get_instance_history", "GET", "/v2/instances/{}/history", (INST,), data(200, [HISTORY])),
    Op(
        "get_instance_stage_history", "GET", "/v2/instances/{}/stages/{}/history", (INST, 0), data(200, [STAGE_HISTORY])
    ),
)

BY_NAME = {op.name: op for op in OPS}
POSTS = tuple(op for op in OPS if op.method == "POST")
_ROUTES = {(op.method, op.path()): op for op in OPS}


def route(request: Request, prefix: str = PREFIX) -> Op | None:
    """The operation a request addresses (by method and path), if any."""
    return _ROUTES.get((request.method, PREFIX + request.path.removeprefix(prefix)))


def happy(request: Request, prefix: str = PREFIX) -> Fault:
    """A server where every operation succeeds."""
    op = route(request, prefix)
    if op is None:
        return json_reply(404, {"errorCode": "NOT_FOUND", "errorMessage": f"no route {request.path}"})
    return op.reply


def reply_json(op: Op) -> Any:
    """The decoded JSON of ``op``'s valid answer (None without a body)."""
    return json.loads(op.reply.body) if op.reply.body else None
