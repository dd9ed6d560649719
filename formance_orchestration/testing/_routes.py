"""The routes table of the v2 API, and the router that reads it.

:data:`ROUTES` has one row per operation (the SDK's operation name, HTTP method, path pattern, handler):
adding an operation is adding a row. :data:`OPERATIONS`, the router, the ``405 Allow`` lists, the
authenticated mounts and fault targets all derive from it. The router mirrors the gateway, the root router
and the chi v2 router of the real service (§1).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote

from . import _instances, _triggers, _workflows
from ._http import Pending, Request, Response
from ._render import json_response
from ._store import Store

__all__ = [
    "CHI_METHODS",
    "GATEWAY_PREFIX",
    "OPERATIONS",
    "ROUTES",
    "TOKEN_PATH",
    "Handler",
    "Route",
    "RouteRow",
    "route",
]

GATEWAY_PREFIX = "/api/orchestration"
TOKEN_PATH = "/api/auth/oauth/token"
HEALTH_PATH = "/_healthcheck"
CHI_METHODS = frozenset({"CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE"})
"""The methods chi knows (``methodMap``, tree.go:34-45); any other gets 405 without ``Allow`` before routing."""

Handler = Callable[[Store, Request], Response | Pending]
"""An operation: called with the store (its lock held) and the routed request."""


def _server_info(store: Store, request: Request) -> Response:
    return json_response(200, {"version": store.options.version})


@dataclass(frozen=True)
class RouteRow:
    """One operation of the table. ``{name}`` segments are path parameters, handed over in order."""

    operation: str
    method: str
    path: str
    handler: Handler
    trailing_slash: bool = False
    """Whether ``path + "/"`` routes too (chi mounts answer both for their root and ``/{id}`` routes)."""

    @property
    def segments(self) -> tuple[str | None, ...]:
        """The path split on ``/`` (without the leading one), ``None`` for a parameter."""
        return tuple(None if part.startswith("{") else part for part in self.path[1:].split("/"))


ROUTES: tuple[RouteRow, ...] = (
    RouteRow("get_server_info", "GET", "/_info", _server_info),
    RouteRow("list_triggers", "GET", "/v2/triggers", _triggers.list_triggers, trailing_slash=True),
    RouteRow("create_trigger", "POST", "/v2/triggers", _triggers.create_trigger, trailing_slash=True),
    RouteRow("read_trigger", "GET", "/v2/triggers/{triggerID}", _triggers.read_trigger, trailing_slash=True),
    RouteRow("delete_trigger", "DELETE", "/v2/triggers/{triggerID}", _triggers.delete_trigger, trailing_slash=True),
    RouteRow("test_trigger", "POST", "/v2/triggers/{triggerID}/test", _triggers.test_trigger),
    RouteRow(
        "list_triggers_occurrences", "GET", "/v2/triggers/{triggerID}/occurrences", _triggers.list_triggers_occurrences
    ),
    RouteRow("list_workflows", "GET", "/v2/workflows", _workflows.list_workflows, trailing_slash=True),
    RouteRow("create_workflow", "POST", "/v2/workflows", _workflows.create_workflow, trailing_slash=True),
    RouteRow("get_workflow", "GET", "/v2/workflows/{flowId}", _workflows.get_workflow, trailing_slash=True),
    RouteRow("delete_workflow", "DELETE", "/v2/workflows/{flowId}", _workflows.delete_workflow, trailing_slash=True),
    RouteRow("run_workflow", "POST", "/v2/workflows/{flowId}/instances", _workflows.run_workflow, trailing_slash=True),
    RouteRow("list_instances", "GET", "/v2/instances", _instances.list_instances, trailing_slash=True),
    RouteRow("get_instance", "GET", "/v2/instances/{instanceID}", _instances.get_instance, trailing_slash=True),
    RouteRow("send_event", "POST", "/v2/instances/{instanceID}/events", _instances.send_event),
    RouteRow("cancel_event", "PUT", "/v2/instances/{instanceID}/abort", _instances.cancel_event),
    RouteRow("get_instance_history", "GET", "/v2/instances/{instanceID}/history", _instances.get_instance_history),
    RouteRow(
        "get_instance_stage_history",
        "GET",
        "/v2/instances/{instanceID}/stages/{number}/history",
        _instances.get_instance_stage_history,
    ),
)

OPERATIONS: tuple[str, ...] = tuple(row.operation for row in ROUTES)
"""The snake_case names of the operations, in table order (fault targets, ``RecordedRequest.operation``)."""


@dataclass(frozen=True)
class Route:
    """Where a request lands."""

    kind: str  # op, health, token, not_found, gateway_not_found, method_not_allowed
    operation: str | None = None
    params: tuple[str, ...] = ()
    auth: bool = False
    allow: tuple[str, ...] = ()
    handler: Handler | None = None


# The table grouped by path: (segments, trailing slash allowed, {method: row}), in table order, so that a
# path's ``Allow`` list keeps the order of its rows.
_PATHS: dict[tuple[str | None, ...], tuple[bool, dict[str, RouteRow]]] = {}
for _row in ROUTES:
    _PATHS.setdefault(_row.segments, (_row.trailing_slash, {}))[1][_row.method] = _row
# Everything mounted under /v2 sits behind the auth middleware, unknown sub-paths included.
_AUTH_MOUNTS = frozenset(segments[1] for segments in _PATHS if segments[0] == "v2")


def route(method: str, raw_path: str) -> Route:
    """Where a request lands, mirroring the gateway, the root router and the chi v2 router (§1)."""
    path = raw_path or "/"
    if path == GATEWAY_PREFIX or path.startswith(GATEWAY_PREFIX + "/"):
        path = path[len(GATEWAY_PREFIX) :] or "/"
    elif path == TOKEN_PATH:
        return Route("token")
    elif path == "/api" or path.startswith("/api/"):
        return Route("gateway_not_found")
    if method not in CHI_METHODS:
        # chi's root router answers 405 with no Allow before it routes (mux.go:462-466), on every path.
        return Route("method_not_allowed")
    # chi routes on the raw path when it holds escapes that decoding would change (an encoded "/"),
    # and then hands out the parameters still escaped.
    routed = path if "%2f" in path.lower() else unquote(path)
    if routed == HEALTH_PATH:
        return Route("health") if method == "GET" else Route("method_not_allowed", allow=("GET",))
    segments = routed[1:].split("/")
    if segments[0] != "v2" or len(segments) < 2:
        # The root router serves exact paths only.
        return _match(method, tuple(segments), trailing=False, auth=False) or Route("not_found")
    # The info endpoint the spec documents is not served (§6.1); name it anyway so faults can target it.
    if segments == ["v2", "_info"]:
        return Route("not_found", "get_server_info")
    auth = segments[1] in _AUTH_MOUNTS
    trailing = segments[-1] == "" and len(segments) > 2
    if trailing:
        segments = segments[:-1]
    return _match(method, tuple(segments), trailing=trailing, auth=auth) or Route("not_found", auth=auth)


def _match(method: str, segments: tuple[str, ...], *, trailing: bool, auth: bool) -> Route | None:
    for pattern, (slash_ok, methods) in _PATHS.items():
        if len(pattern) != len(segments) or (trailing and not slash_ok):
            continue
        params: list[str] = []
        for expected, actual in zip(pattern, segments, strict=True):
            if expected is None:
                if not actual:
                    break
                params.append(actual)
            elif expected != actual:
                break
        else:
            row = methods.get(method)
            if row is None:
                return Route("method_not_allowed", auth=auth, allow=tuple(methods))
            return Route("op", row.operation, tuple(params), auth, handler=row.handler)
    return None
