"""The in-memory Orchestration service: routing, endpoints, storage and the stage engine.

Everything here is synchronous and guarded by one lock. :meth:`OrchestrationState.handle` takes a request as
plain values and answers ``(status, headers, body)``; transports and the socket server sit on top of it.
Behaviour follows ``shared/docs/server-behaviour.md`` (the real service read from its source), section
numbers in comments point there.
"""

from __future__ import annotations

import base64
import datetime as _dt
import re
import secrets
import threading
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote

from . import _stages
from ._clock import Clock, ManualClock, SystemClock
from ._expr import ExprError, Program, compile_expr, render_value
from ._gojson import (
    NS,
    GoJSONError,
    cursor_decode,
    cursor_encode,
    decode_json,
    dumps,
    format_duration,
    format_time,
    json_kind,
    round_micro,
    to_go_any,
)
from ._outcomes import StageContext, StageOutcome, StageRule

__all__ = ["OPERATIONS", "OrchestrationState", "Options", "Pending", "Response", "TriggerFiring"]

Response = tuple[int, list[tuple[str, str]], bytes]

OPERATIONS = (
    "get_server_info",
    "list_triggers",
    "create_trigger",
    "read_trigger",
    "delete_trigger",
    "test_trigger",
    "list_triggers_occurrences",
    "list_workflows",
    "create_workflow",
    "get_workflow",
    "delete_workflow",
    "run_workflow",
    "list_instances",
    "get_instance",
    "send_event",
    "cancel_event",
    "get_instance_history",
    "get_instance_stage_history",
)

GATEWAY_PREFIX = "/api/orchestration"
TOKEN_PATH = "/api/auth/oauth/token"
NO_ROWS = "sql: no rows in result set"
DEFAULT_PAGE_SIZE = 15
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class Pending:
    """An answer that is not ready yet: sleep ``delay`` seconds (without the lock), then call ``resume``."""

    delay: float
    resume: Callable[[], Response | Pending]


@dataclass(frozen=True)
class Options:
    """Behaviour switches; see the package docstring for what each one changes."""

    wait_blocks: bool = False
    abort_cancels: bool = False
    trigger_name_filter: bool = False
    history_per_stage: bool = False
    require_auth: bool = False
    client_credentials: Mapping[str, str] | None = None
    token_ttl: float = 3600.0
    version: str = "develop"
    wait_timeout: float = 30.0
    trigger_instance_ids: str = "temporal"


@dataclass(frozen=True)
class TriggerFiring:
    """What one matching trigger did with an emitted event."""

    trigger_id: str
    occurrence_id: str
    instance_id: str | None
    error: str | None


# --------------------------------------------------------------------------------------------- records


@dataclass
class _Workflow:
    id: str
    name: str
    stages: list[dict[str, Any]] | None
    created_at: int
    deleted_at: int | None = None


@dataclass
class _StageRow:
    number: int
    instance_id: str
    run_id: str
    started_at: int
    terminated_at: int | None = None
    error: str | None = None


@dataclass
class _Activity:
    name: str
    input: dict[str, Any]
    output: dict[str, Any] | None
    scheduled_at: int
    terminated_at: int | None = None
    error: str | None = None
    last_failure: str | None = None  # set while the activity is being retried


@dataclass
class _Child:
    """A stage's child workflow (``<instanceID>-<n>``): one entry of the instance history."""

    number: int
    stage_type: str
    resolved: dict[str, Any]
    input: dict[str, Any]
    started_at: int
    terminated_at: int | None = None
    error: str | None = None
    activities: list[_Activity] = field(default_factory=list)
    remaining: list[_stages.PlannedActivity] = field(default_factory=list)
    target: int | None = None  # index (in the whole plan) of the activity the outcome applies to
    outcome: StageOutcome | None = None
    waiting_event: str | None = None
    wake_at: int | None = None
    retrying: _Activity | None = None


@dataclass
class _Instance:
    id: str
    workflow: _Workflow
    created_at: int
    variables: dict[str, str]
    run_id: str
    terminated: bool = False
    terminated_at: int | None = None
    error: str = ""
    rows: list[_StageRow] = field(default_factory=list)
    children: dict[int, _Child] = field(default_factory=dict)
    child: _Child | None = None
    next_stage: int = 0


@dataclass
class _Trigger:
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
class _Occurrence:
    id: str
    trigger_id: str
    instance_id: str | None
    date: int
    event: dict[str, Any]
    error: str | None


@dataclass(frozen=True)
class _Route:
    kind: str  # op, info, health, token, not_found, gateway_not_found, method_not_allowed
    operation: str | None = None
    params: tuple[str, ...] = ()
    auth: bool = False
    allow: tuple[str, ...] = ()


class _ResponseError(Exception):
    """Raised by handlers to answer at once (keeps each handler a straight line)."""

    def __init__(self, response: Response) -> None:
        super().__init__(response[0])
        self.response = response


# --------------------------------------------------------------------------------------------- responses

_JSON = [("Content-Type", "application/json")]


def _json(status: int, value: Any) -> Response:
    return status, list(_JSON), dumps(value)


def _error(status: int, code: str, message: str) -> Response:
    return _json(status, {"errorCode": code, "errorMessage": message})


def _empty(status: int, extra: Sequence[tuple[str, str]] = ()) -> Response:
    return status, [*_JSON, *extra], b""


def _chi_not_found() -> Response:
    headers = [("Content-Type", "text/plain; charset=utf-8"), ("X-Content-Type-Options", "nosniff")]
    return 404, headers, b"404 page not found\n"


def _gateway_not_found() -> Response:
    return 404, [("Content-Type", "text/plain; charset=utf-8")], b"404 Not Found"


def _fail(status: int, code: str, message: str) -> _ResponseError:
    return _ResponseError(_error(status, code, message))


# --------------------------------------------------------------------------------------------- routing

_P = None  # a path parameter segment
# (segments, trailing slash allowed, {method: operation})
_ROUTES: tuple[tuple[tuple[str | None, ...], bool, dict[str, str]], ...] = (
    (("triggers",), True, {"GET": "list_triggers", "POST": "create_trigger"}),
    (("triggers", _P), True, {"GET": "read_trigger", "DELETE": "delete_trigger"}),
    (("triggers", _P, "occurrences"), False, {"GET": "list_triggers_occurrences"}),
    (("triggers", _P, "test"), False, {"POST": "test_trigger"}),
    (("workflows",), True, {"GET": "list_workflows", "POST": "create_workflow"}),
    (("workflows", _P), True, {"GET": "get_workflow", "DELETE": "delete_workflow"}),
    (("workflows", _P, "instances"), True, {"POST": "run_workflow"}),
    (("instances",), True, {"GET": "list_instances"}),
    (("instances", _P), True, {"GET": "get_instance"}),
    (("instances", _P, "events"), False, {"POST": "send_event"}),
    (("instances", _P, "abort"), False, {"PUT": "cancel_event"}),
    (("instances", _P, "history"), False, {"GET": "get_instance_history"}),
    (("instances", _P, "stages", _P, "history"), False, {"GET": "get_instance_stage_history"}),
)
_AUTH_MOUNTS = ("triggers", "workflows", "instances")


def route(method: str, raw_path: str) -> _Route:
    """Where a request lands, mirroring the gateway, the root router and the chi v2 router (§1)."""
    path = raw_path or "/"
    if path == GATEWAY_PREFIX or path.startswith(GATEWAY_PREFIX + "/"):
        path = path[len(GATEWAY_PREFIX) :] or "/"
    elif path == TOKEN_PATH:
        return _Route("token")
    elif path == "/api" or path.startswith("/api/"):
        return _Route("gateway_not_found")
    # chi routes on the raw path when it holds escapes that decoding would change (an encoded "/"),
    # and then hands out the parameters still escaped.
    routed = path if "%2f" in path.lower() else unquote(path)
    if routed == "/_info":
        return _Route("info", "get_server_info") if method == "GET" else _Route("method_not_allowed", allow=("GET",))
    if routed == "/_healthcheck":
        return _Route("health") if method == "GET" else _Route("method_not_allowed", allow=("GET",))
    if not routed.startswith("/v2/"):
        return _Route("not_found")
    segments = routed[len("/v2/") :].split("/")
    # The info endpoint the spec documents is not served (§6.1); name it anyway so faults can target it.
    if segments == ["_info"]:
        return _Route("not_found", "get_server_info")
    auth = segments[0] in _AUTH_MOUNTS
    trailing = segments[-1] == "" and len(segments) > 1
    if trailing:
        segments = segments[:-1]
    for pattern, slash_ok, methods in _ROUTES:
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
            operation = methods.get(method)
            if operation is None:
                return _Route("method_not_allowed", auth=auth, allow=tuple(methods))
            return _Route("op", operation, tuple(params), auth)
    return _Route("not_found", auth=auth)


# --------------------------------------------------------------------------------------------- helpers


def _first(query: Sequence[tuple[str, str]], name: str) -> str:
    for key, value in query:
        if key == name:
            return value
    return ""


def _query_bool(query: Sequence[tuple[str, str]], name: str) -> bool:
    return _first(query, name).lower() in ("true", "1")


def _fold_get(obj: Mapping[str, Any], name: str) -> tuple[bool, Any]:
    """Go's decoder matches struct fields case-insensitively; the last matching key wins."""
    found, value = False, None
    folded = name.casefold()
    for key, item in obj.items():
        if key.casefold() == folded:
            found, value = True, item
    return found, value


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")


def parse_query(raw: str) -> list[tuple[str, str]]:
    """Split a raw query string into pairs, as Go's ``url.ParseQuery`` does."""
    return parse_qsl(raw, keep_blank_values=True)


# --------------------------------------------------------------------------------------------- the state


class OrchestrationState:
    """The service's storage and behaviour. Thread-safe: every public method takes the one lock."""

    def __init__(self, clock: Clock, options: Options) -> None:
        self.clock = clock
        self.options = options
        self.lock = threading.RLock()
        self.workflows: dict[str, _Workflow] = {}
        self.instances: dict[str, _Instance] = {}
        self.triggers: dict[str, _Trigger] = {}
        self.occurrences: list[_Occurrence] = []
        self.published: list[dict[str, Any]] = []
        self.stage_rules: list[StageRule] = []
        self.server_errors: list[BaseException] = []
        self._running: dict[str, _Instance] = {}
        self._tokens: dict[str, int] = {}
        self._dedup: set[tuple[str, str]] = set()
        self._txid = 0

    # ----------------------------------------------------------------------------------------- entry

    def now(self) -> int:
        """The clock, in epoch nanoseconds."""
        return self.clock.now_ns()

    def handle(
        self,
        method: str,
        path: str,
        query: Sequence[tuple[str, str]],
        headers: Mapping[str, str],
        body: bytes,
    ) -> Response:
        """Answer one request; blocks (sleeping without the lock) when the answer is :class:`Pending`."""
        result = self.dispatch(method, path, query, headers, body)
        while isinstance(result, Pending):
            time.sleep(max(result.delay, 0.0))
            result = result.resume()
        return result

    def dispatch(
        self,
        method: str,
        path: str,
        query: Sequence[tuple[str, str]],
        headers: Mapping[str, str],
        body: bytes,
    ) -> Response | Pending:
        """Answer one request, or say how long to wait before asking again (see :class:`Pending`)."""
        lowered = {key.lower(): value for key, value in headers.items()}
        target = route(method.upper(), path)
        with self.lock:
            try:
                self.pump()
                return self._dispatch(target, method.upper(), list(query), lowered, body)
            except _ResponseError as answer:
                return answer.response
            except Exception as exc:  # the service's Recoverer turns panics into empty 500s
                self.server_errors.append(exc)
                return _empty(500)

    def _dispatch(
        self,
        target: _Route,
        method: str,
        query: list[tuple[str, str]],
        headers: dict[str, str],
        body: bytes,
    ) -> Response | Pending:
        kind = target.kind
        if kind == "gateway_not_found":
            return _gateway_not_found()
        if kind == "token":
            if method != "POST":
                return _empty(405, [("Allow", "POST")])
            return self._issue_token_response(headers, body)
        if kind == "info":
            return _json(200, {"version": self.options.version})
        if kind == "health":
            return _json(200, {"default": "OK"})
        if target.auth and not self._authorized(headers):
            return _empty(401)
        if kind == "not_found":
            return _chi_not_found()
        if kind == "method_not_allowed":
            return _empty(405, [("Allow", ", ".join(target.allow))])
        assert target.operation is not None
        handler: Callable[..., Response | Pending] = getattr(self, "_op_" + target.operation)
        return handler(target.params, query, headers, body)

    # ----------------------------------------------------------------------------------------- auth

    def issue_token(self, ttl: float | None = None) -> str:
        """Mint an access token the fake accepts (for tests that skip the token endpoint)."""
        with self.lock:
            token = "fake-" + secrets.token_urlsafe(24)
            lifetime = self.options.token_ttl if ttl is None else ttl
            self._tokens[token] = self.now() + int(lifetime * NS)
            return token

    def revoke_tokens(self) -> None:
        """Forget every issued token, so the next authenticated call gets a 401."""
        with self.lock:
            self._tokens.clear()

    def _authorized(self, headers: Mapping[str, str]) -> bool:
        if not self.options.require_auth:
            return True
        header = headers.get("authorization", "")
        if header[:7].lower() != "bearer ":
            return False
        expiry = self._tokens.get(header[7:].strip())
        return expiry is not None and expiry > self.now()

    def _issue_token_response(self, headers: Mapping[str, str], body: bytes) -> Response:
        form = dict(parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True))
        client_id, client_secret = form.get("client_id", ""), form.get("client_secret", "")
        basic = headers.get("authorization", "")
        if basic[:6].lower() == "basic ":
            try:
                decoded = base64.b64decode(basic[6:].strip()).decode("utf-8")
            except ValueError:
                decoded = ""
            user, _, password = decoded.partition(":")
            client_id, client_secret = unquote(user), unquote(password)
        if form.get("grant_type") != "client_credentials":
            body_value = {
                "error": "unsupported_grant_type",
                "error_description": "only client_credentials is supported",
            }
            return 400, [("Content-Type", "application/json")], dumps(body_value)
        known = self.options.client_credentials
        if not client_id or (known is not None and known.get(client_id) != client_secret):
            value = {"error": "invalid_client", "error_description": "client authentication failed"}
            return 401, [("Content-Type", "application/json")], dumps(value)
        ttl = self.options.token_ttl
        answer: dict[str, Any] = {"access_token": self.issue_token(), "token_type": "Bearer", "expires_in": int(ttl)}
        if form.get("scope"):
            answer["scope"] = form["scope"]
        return 200, [("Content-Type", "application/json"), ("Cache-Control", "no-store")], dumps(answer)

    # ----------------------------------------------------------------------------------------- pagination

    def _page(
        self,
        query: Sequence[tuple[str, str]],
        default_filters: Callable[[], Any],
        decode_filters: Callable[[Any], Any],
    ) -> tuple[int, int, int, Any]:
        """``bunpaginate.Extract``: a non-empty cursor replaces every other parameter (§4)."""
        cursor = _first(query, "cursor")
        if cursor:
            try:
                decoded = cursor_decode(cursor)
                if decoded is None:
                    decoded = {}
                if not isinstance(decoded, dict):
                    raise ValueError("not an object")
                offset = self._uint(decoded, "offset", 64)
                order = self._int(decoded, "order")
                page_size = self._uint(decoded, "pageSize", 64)
                _, raw_filters = _fold_get(decoded, "filters")
                filters = decode_filters(raw_filters)
            except (ValueError, TypeError):
                raise _fail(400, "VALIDATION", "invalid 'cursor' query param") from None
            return offset, order, page_size, filters
        raw = _first(query, "pageSize")
        page_size = 0
        if raw:
            if not re.fullmatch(r"\+?[0-9]+", raw) or int(raw) > 0xFFFFFFFF:
                raise _fail(400, "VALIDATION", "invalid 'pageSize' query param")
            page_size = int(raw)
        if page_size == 0:
            page_size = DEFAULT_PAGE_SIZE
        return 0, 0, min(page_size, MAX_PAGE_SIZE), default_filters()

    @staticmethod
    def _uint(obj: Mapping[str, Any], name: str, bits: int) -> int:
        _, value = _fold_get(obj, name)
        if value is None:
            return 0
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < (1 << bits):
            raise ValueError(name)
        return value

    @staticmethod
    def _int(obj: Mapping[str, Any], name: str) -> int:
        _, value = _fold_get(obj, name)
        if value is None:
            return 0
        if isinstance(value, bool) or not isinstance(value, int) or not -(1 << 63) <= value < (1 << 63):
            raise ValueError(name)
        return value

    @staticmethod
    def _string_filters(*names: str) -> Callable[[Any], dict[str, Any]]:
        def decode(raw: Any) -> dict[str, Any]:
            if raw is not None and not isinstance(raw, dict):
                raise ValueError("filters")
            result: dict[str, Any] = {}
            for name in names:
                found, value = _fold_get(raw or {}, name)
                if name == "Running":
                    if found and value is not None and not isinstance(value, bool):
                        raise ValueError(name)
                    result[name] = bool(value)
                else:
                    if found and value is not None and not isinstance(value, str):
                        raise ValueError(name)
                    result[name] = value or ""
            return result

        return decode

    @staticmethod
    def _render_cursor(
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
        return _json(200, {"cursor": cursor})

    # ----------------------------------------------------------------------------------------- rendering

    @staticmethod
    def _workflow_json(workflow: _Workflow, *, micro: bool) -> dict[str, Any]:
        return {
            "id": workflow.id,
            "config": {"name": workflow.name, "stages": workflow.stages},
            "createdAt": format_time(workflow.created_at, micro=micro),
            "updatedAt": format_time(workflow.created_at, micro=micro),
            "deletedAt": format_time(workflow.deleted_at, micro=True) if workflow.deleted_at is not None else None,
        }

    def _instance_json(self, instance: _Instance, *, workflow: bool, status: bool) -> dict[str, Any]:
        """An instance as read back from Postgres (microsecond timestamps)."""
        data: dict[str, Any] = {"workflowID": instance.workflow.id}
        if workflow:
            data["workflow"] = self._workflow_json(instance.workflow, micro=True)
        data["id"] = instance.id
        data["createdAt"] = format_time(instance.created_at, micro=True)
        data["updatedAt"] = format_time(instance.created_at, micro=True)
        data["terminated"] = instance.terminated
        if instance.terminated_at is not None:
            data["terminatedAt"] = format_time(instance.terminated_at, micro=True)
        if status and instance.rows:
            data["status"] = [self._row_json(row) for row in instance.rows]
        if instance.error:
            data["error"] = instance.error
        return data

    @staticmethod
    def _row_json(row: _StageRow) -> dict[str, Any]:
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

    @staticmethod
    def _trigger_json(trigger: _Trigger, workflow: Any = None) -> dict[str, Any]:
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

    def _occurrence_json(self, occurrence: _Occurrence) -> dict[str, Any]:
        data: dict[str, Any] = {"id": occurrence.id, "triggerID": occurrence.trigger_id}
        if occurrence.instance_id is not None:
            data["workflowInstanceID"] = occurrence.instance_id
            instance = self.instances.get(occurrence.instance_id)
            if instance is not None:
                data["workflowInstance"] = self._instance_json(instance, workflow=False, status=False)
        data["date"] = format_time(occurrence.date, micro=True)
        data["event"] = occurrence.event
        if occurrence.error is not None:
            data["error"] = occurrence.error
        return data

    # ----------------------------------------------------------------------------------------- workflows

    def _op_list_workflows(self, params: tuple[str, ...], query: list[tuple[str, str]], *_: Any) -> Response:
        offset, order, page_size, filters = self._page(query, lambda: None, to_go_any)
        items = [wf for wf in self.workflows.values() if wf.deleted_at is None]
        return self._render_cursor(
            items, offset, order, page_size, filters, lambda wf: self._workflow_json(wf, micro=True)
        )

    def _op_create_workflow(
        self, params: tuple[str, ...], query: list[tuple[str, str]], headers: dict[str, str], body: bytes
    ) -> Response:
        if headers.get("content-type") == "text/vnd.yaml":
            raw = self._decode_yaml(body)
            prefix = "unmarshalling workflow data: "
        else:
            try:
                raw = decode_json(body)
            except GoJSONError as exc:
                raise _fail(400, "VALIDATION", f"unmarshalling json body: {exc}") from None
            prefix = "unmarshalling json body: "
        name, stages = self._decode_config(raw, prefix)
        for stage in stages or []:
            problem = self._check_stage(stage)
            if problem is not None:
                raise _fail(500, "INTERNAL", f"creating workflow: {problem}")
        workflow = _Workflow(str(uuid.uuid4()), name, stages, self.now())
        self.workflows[workflow.id] = workflow
        return _json(201, {"data": self._workflow_json(workflow, micro=False)})

    @staticmethod
    def _decode_yaml(body: bytes) -> Any:
        try:
            import yaml
        except ImportError:
            raise _fail(
                400, "VALIDATION", "unmarshalling yaml: YAML workflow bodies need PyYAML installed (pip install PyYAML)"
            ) from None
        try:
            loaded = yaml.safe_load(body.decode("utf-8", errors="replace"))
        except yaml.YAMLError as exc:
            raise _fail(400, "VALIDATION", f"unmarshalling yaml: yaml: {exc}") from None
        if loaded is None:
            raise _fail(400, "VALIDATION", "unmarshalling yaml: EOF")
        if not isinstance(loaded, dict):
            tag = {list: "!!seq", str: "!!str", int: "!!int", float: "!!float", bool: "!!bool"}.get(
                type(loaded), "!!map"
            )
            message = f"unmarshalling yaml: yaml: unmarshal errors:\n  line 1: cannot unmarshal {tag} into map[string]interface {{}}"
            raise _fail(400, "VALIDATION", message)
        # yaml.v3 hands Go strings for map keys and JSON-able values; json.Marshal then feeds the JSON path.
        return _yaml_to_json(loaded)

    @staticmethod
    def _decode_config(raw: Any, prefix: str) -> tuple[str, list[dict[str, Any]] | None]:
        """Decode ``workflow.Config`` with Go's rules and messages (§6.9)."""

        def type_error(value: Any, where: str) -> _ResponseError:
            return _fail(400, "VALIDATION", f"{prefix}json: cannot unmarshal {json_kind(value)} into {where}")

        if raw is None:
            return "", None
        if not isinstance(raw, dict):
            raise type_error(raw, "Go value of type workflow.Config")
        _, name = _fold_get(raw, "name")
        if name is not None and not isinstance(name, str):
            raise type_error(name, "Go struct field Config.name of type string")
        _, stages = _fold_get(raw, "stages")
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
                    raise _fail(400, "VALIDATION", f"{prefix}{exc}") from None
            decoded.append(entry)
        return name or "", decoded

    @staticmethod
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

    def _op_get_workflow(self, params: tuple[str, ...], *_: Any) -> Response:
        workflow = self.workflows.get(params[0])
        if workflow is None:
            raise _fail(500, "INTERNAL", NO_ROWS)
        return _json(200, {"data": self._workflow_json(workflow, micro=True)})

    def _op_delete_workflow(self, params: tuple[str, ...], *_: Any) -> Response:
        workflow_id = params[0]
        if not _UUID.match(workflow_id):
            raise _fail(400, "VALIDATION", "Key: '' Error:Field validation for '' failed on the 'uuid' tag")
        workflow = self.workflows.get(workflow_id)
        if workflow is None:
            raise _fail(404, "NOT_FOUND", "Workflow not found")
        # No "deleted_at IS NULL" guard: a second delete refreshes the timestamp (§6.11).
        workflow.deleted_at = self.now()
        return _empty(204)

    def _op_run_workflow(
        self, params: tuple[str, ...], query: list[tuple[str, str]], headers: dict[str, str], body: bytes
    ) -> Response | Pending:
        variables: dict[str, str] = {}
        # Go's r.ContentLength is -1 for chunked bodies and 0 when absent: the body is read only if > 0 (§6.12).
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > 0:
            variables = self._decode_variables(body)
        workflow = self.workflows.get(params[0])
        if workflow is None:
            raise _fail(500, "INTERNAL", NO_ROWS)
        now = self.now()
        instance = self._new_instance(workflow, variables, str(uuid.uuid4()), now)
        wait = _first(query, "wait").lower() in ("true", "1")
        if not wait:
            self._advance(instance, now)
            created = format_time(now)
            data: dict[str, Any] = {"workflowID": workflow.id, "id": instance.id, "createdAt": created}
            data.update(updatedAt=created, terminated=False)
            return _json(201, {"data": data})
        if not self.options.wait_blocks:
            # The real Wait() returns at once (§6.12): answer with the instance as re-read right away,
            # before its first stage had time to start.
            snapshot = self._instance_json(instance, workflow=True, status=True)
            self._advance(instance, now)
            return _json(201, {"data": snapshot})
        self._advance(instance, now)
        deadline = now + int(self.options.wait_timeout * NS)
        return self._wait_until_terminated(instance, deadline)

    def _wait_until_terminated(self, instance: _Instance, deadline: int) -> Response | Pending:
        while True:
            child = instance.child
            if instance.terminated or child is None or child.wake_at is None:
                return _json(201, {"data": self._instance_json(instance, workflow=True, status=True)})
            wake_at = child.wake_at
            if isinstance(self.clock, ManualClock):
                self.clock.set_ns(max(wake_at, self.clock.now_ns()))
                self.pump()
                continue
            if not isinstance(self.clock, SystemClock) or wake_at > deadline:
                return _json(201, {"data": self._instance_json(instance, workflow=True, status=True)})

            def resume() -> Response | Pending:
                with self.lock:
                    self.pump()
                    return self._wait_until_terminated(instance, deadline)

            return Pending((wake_at - self.now()) / NS, resume)

    @staticmethod
    def _decode_variables(body: bytes) -> dict[str, str]:
        try:
            raw = decode_json(body)
        except GoJSONError as exc:
            raise _fail(400, "VALIDATION", str(exc)) from None
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            raise _fail(
                400, "VALIDATION", f"json: cannot unmarshal {json_kind(raw)} into Go value of type map[string]string"
            )
        variables: dict[str, str] = {}
        for key, value in raw.items():
            if value is None:
                variables[key] = ""
            elif isinstance(value, str):
                variables[key] = value
            else:
                raise _fail(
                    400, "VALIDATION", f"json: cannot unmarshal {json_kind(value)} into Go value of type string"
                )
        return variables

    # ----------------------------------------------------------------------------------------- instances

    def _op_list_instances(self, params: tuple[str, ...], query: list[tuple[str, str]], *_: Any) -> Response:
        offset, order, page_size, filters = self._page(
            query,
            lambda: {"WorkflowID": _first(query, "workflowID"), "Running": _query_bool(query, "running")},
            self._string_filters("WorkflowID", "Running"),
        )
        items = [
            instance
            for instance in self.instances.values()
            if instance.workflow.deleted_at is None
            and (not filters["WorkflowID"] or instance.workflow.id == filters["WorkflowID"])
            and (not filters["Running"] or not instance.terminated)
        ]
        return self._render_cursor(
            items,
            offset,
            order,
            page_size,
            filters,
            lambda instance: self._instance_json(instance, workflow=True, status=False),
        )

    def _op_get_instance(self, params: tuple[str, ...], *_: Any) -> Response:
        instance = self.instances.get(params[0])
        if instance is None:
            raise _fail(500, "INTERNAL", "Instance not found")
        return _json(200, {"data": self._instance_json(instance, workflow=True, status=True)})

    def _op_send_event(
        self, params: tuple[str, ...], query: list[tuple[str, str]], headers: dict[str, str], body: bytes
    ) -> Response:
        try:
            raw = decode_json(body)
        except GoJSONError as exc:
            raise _fail(400, "VALIDATION", str(exc)) from None
        name = ""
        if raw is not None:
            if not isinstance(raw, dict):
                message = f"json: cannot unmarshal {json_kind(raw)} into Go value of type workflow.Event"
                raise _fail(400, "VALIDATION", message)
            _, value = _fold_get(raw, "name")
            if value is not None and not isinstance(value, str):
                message = f"json: cannot unmarshal {json_kind(value)} into Go struct field Event.name of type string"
                raise _fail(400, "VALIDATION", message)
            name = value or ""
        instance = self.instances.get(params[0])
        if instance is None or not instance.rows:
            raise _fail(500, "INTERNAL", f"retrieving workflow: {NO_ROWS}")
        row = instance.rows[-1]
        child = instance.children.get(row.number)
        if child is None:
            raise _fail(
                500, "INTERNAL", f"sending signal to server: workflow not found for ID: {instance.id}-{row.number}"
            )
        if child.terminated_at is not None:
            raise _fail(500, "INTERNAL", "sending signal to server: workflow execution already completed")
        # A running stage gets the signal; only a wait_event with the same name consumes it usefully (§6.15).
        if child.waiting_event is not None and child.waiting_event == name:
            now = self.now()
            self._finish_child(instance, child, now, None)
            self._advance(instance, now)
        return _empty(204)

    def _op_cancel_event(self, params: tuple[str, ...], *_: Any) -> Response:
        instance = self.instances.get(params[0])
        if instance is None:
            raise _fail(500, "INTERNAL", f"retrieving workflow execution: {NO_ROWS}")
        if self.options.abort_cancels and not instance.terminated:
            now = self.now()
            child = instance.child
            if child is not None:
                if child.retrying is not None:
                    child.retrying.error = "cancelled"
                    child.retrying.terminated_at = now
                    child.retrying = None
                self._finish_child(instance, child, now, "canceled")
            else:
                self._terminate(instance, now, "canceled")
        return _empty(204)

    def _op_get_instance_history(self, params: tuple[str, ...], *_: Any) -> Response:
        instance = self.instances.get(params[0])
        if instance is None:
            raise _fail(500, "INTERNAL", f"workflow not found for ID: {params[0]}-main")
        children = [instance.children[number] for number in sorted(instance.children)]
        entries = [self._stage_history_json(child) for child in children]
        if not self.options.history_per_stage and entries:
            entries = [self._collapse_stage_history(children)]
        return _json(200, {"data": entries})

    @staticmethod
    def _stage_history_json(child: _Child) -> dict[str, Any]:
        data: dict[str, Any] = {"name": _stages.workflow_type_name(child.stage_type), "input": child.input}
        if child.error is not None:
            data["error"] = child.error
        data["terminated"] = child.terminated_at is not None
        data["startedAt"] = format_time(child.started_at)
        if child.terminated_at is not None:
            data["terminatedAt"] = format_time(child.terminated_at)
        return data

    @staticmethod
    def _collapse_stage_history(children: Sequence[_Child]) -> dict[str, Any]:
        """What ``ReadInstanceHistory`` really returns today.

        Its inner loop ends with a ``break`` inside a ``switch``, which in Go leaves the switch, not the loop:
        after the first child starts, the loop reads the rest of the history, so there is one entry (the
        first stage's name, input and start) whose end fields come from the last child that ended.
        """
        first = children[0]
        data: dict[str, Any] = {"name": _stages.workflow_type_name(first.stage_type), "input": first.input}
        error: str | None = None
        ended: int | None = None
        for child in children:
            if child.terminated_at is None:
                continue
            ended = child.terminated_at
            if child.error is not None:
                error = child.error
        if error is not None:
            data["error"] = error
        data["terminated"] = ended is not None
        data["startedAt"] = format_time(first.started_at)
        if ended is not None:
            data["terminatedAt"] = format_time(ended)
        return data

    def _op_get_instance_stage_history(self, params: tuple[str, ...], *_: Any) -> Response:
        instance_id, raw_number = params
        if not re.fullmatch(r"[+-]?[0-9]+", raw_number) or not -(1 << 63) <= int(raw_number) < (1 << 63):
            return _empty(404)
        instance = self.instances.get(instance_id)
        child = instance.children.get(int(raw_number)) if instance is not None else None
        if child is None:
            raise _fail(404, "NOT_FOUND", "Instance not found")
        now = self.now()
        if not child.activities:
            return _json(200, {"data": []})
        if self.options.history_per_stage:
            return _json(200, {"data": [self._activity_json(a, now) for a in child.activities]})
        return _json(200, {"data": [self._collapse_activities(child.activities, now)]})

    def _activity_json(self, activity: _Activity, now: int, *, name: str | None = None) -> dict[str, Any]:
        label = name or activity.name
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
            done = _attempts_done(activity.scheduled_at, now)
            data["lastFailure"] = activity.last_failure
            attempt = done + 1
            data["attempt"] = attempt
            data["nextExecution"] = format_time(_attempt_time(activity.scheduled_at, done + 1))
            return data
        data["attempt"] = attempt
        return data

    def _collapse_activities(self, activities: Sequence[_Activity], now: int) -> dict[str, Any]:
        """``ReadStageHistory`` has the same ``break``-in-``switch`` as the instance history: one entry."""
        first = activities[0]
        if first.terminated_at is None:
            return self._activity_json(first, now)
        data = self._activity_json(first, now)
        for activity in activities[1:]:
            if activity.terminated_at is None:
                continue
            if activity.error is not None:
                data["error"] = activity.error
            elif activity.output is not None:
                data["output"] = {first.name: _rewrite_output(first.name, activity.output)}
            data["terminatedAt"] = format_time(activity.terminated_at)
        # Keep Go's field order (output, error, terminated, ...) after the updates above.
        order = ["name", "input", "output", "error", "terminated", "startedAt", "terminatedAt", "attempt"]
        return {key: data[key] for key in order if key in data}

    # ----------------------------------------------------------------------------------------- triggers

    def _op_list_triggers(self, params: tuple[str, ...], query: list[tuple[str, str]], *_: Any) -> Response:
        offset, order, page_size, filters = self._page(
            query, lambda: {"Name": _first(query, "name")}, self._string_filters("Name")
        )
        name = filters["Name"]
        if name and not self.options.trigger_name_filter:
            # The real query puts the placeholder inside a quoted literal: a SQL syntax error (§6.2).
            raise _fail(500, "INTERNAL", f'ERROR: syntax error at or near "{name}" (SQLSTATE=42601)')
        items = [
            trigger
            for trigger in self.triggers.values()
            if trigger.deleted_at is None and (not name or name.casefold() in trigger.name.casefold())
        ]
        return self._render_cursor(items, offset, order, page_size, filters, self._trigger_json)

    def _op_create_trigger(
        self, params: tuple[str, ...], query: list[tuple[str, str]], headers: dict[str, str], body: bytes
    ) -> Response:
        data = self._decode_trigger_data(body)
        event, workflow_id = data["event"], data["workflowID"]
        if not event:
            raise _fail(400, "VALIDATION", "validating data: missing event")
        if not workflow_id:
            raise _fail(400, "VALIDATION", "validating data: missing workflow id")
        filter_program: Program | None = None
        var_programs: dict[str, Program] = {}
        try:
            if data["filter"]:
                filter_program = compile_expr(data["filter"])
            for key, expression in (data["vars"] or {}).items():
                var_programs[key] = compile_expr(expression)
        except ExprError as exc:
            message = f"validating data: error compiling expression '{exc.source}': {exc}"
            raise _fail(400, "VALIDATION", message) from None
        workflow = self.workflows.get(workflow_id)
        if workflow is None or workflow.deleted_at is not None:
            raise _fail(404, "NOT_FOUND", "workflow does not exists")
        trigger = _Trigger(
            id=str(uuid.uuid4()),
            name=data["name"],
            event=event,
            version=data["version"],
            filter=data["filter"],
            workflow_id=workflow_id,
            vars=data["vars"],
            created_at=round_micro(self.now()),
            filter_program=filter_program,
            var_programs=var_programs,
        )
        self.triggers[trigger.id] = trigger
        return _json(201, {"data": self._trigger_json(trigger, data["workflow"])})

    @staticmethod
    def _decode_trigger_data(body: bytes) -> dict[str, Any]:
        """Decode ``triggers.TriggerData``; any decode error is a 500 here (§6.3)."""
        try:
            raw = decode_json(body)
        except GoJSONError as exc:
            raise _fail(500, "INTERNAL", str(exc)) from None
        data: dict[str, Any] = {"name": "", "event": "", "version": None, "filter": None, "workflowID": ""}
        data.update({"workflow": None, "vars": None})
        if raw is None:
            return data
        if not isinstance(raw, dict):
            raise _fail(
                500, "INTERNAL", f"json: cannot unmarshal {json_kind(raw)} into Go value of type triggers.TriggerData"
            )

        def type_error(value: Any, name: str, go_type: str) -> _ResponseError:
            message = (
                f"json: cannot unmarshal {json_kind(value)} into Go struct field TriggerData.{name} of type {go_type}"
            )
            return _fail(500, "INTERNAL", message)

        for name in ("name", "event", "version", "filter", "workflowID"):
            found, value = _fold_get(raw, name)
            if not found or value is None:
                continue
            if not isinstance(value, str):
                raise type_error(value, name, "string")
            data[name] = value
        found, value = _fold_get(raw, "vars")
        if found and value is not None:
            if not isinstance(value, dict):
                raise type_error(value, "vars", "map[string]string")
            for item in value.values():
                if item is not None and not isinstance(item, str):
                    raise type_error(item, "vars", "string")
            data["vars"] = {key: item or "" for key, item in value.items()}
        found, value = _fold_get(raw, "workflow")
        if found and value is not None:
            if not isinstance(value, dict):
                raise type_error(value, "workflow", "workflow.Workflow")
            data["workflow"] = _echo_workflow(value)
        return data

    def _live_trigger(self, trigger_id: str) -> _Trigger | None:
        trigger = self.triggers.get(trigger_id)
        return trigger if trigger is not None and trigger.deleted_at is None else None

    def _op_read_trigger(self, params: tuple[str, ...], *_: Any) -> Response:
        trigger = self._live_trigger(params[0])
        if trigger is None:
            raise _fail(404, "NOT_FOUND", NO_ROWS)
        return _json(200, {"data": self._trigger_json(trigger)})

    def _op_delete_trigger(self, params: tuple[str, ...], *_: Any) -> Response:
        trigger = self._live_trigger(params[0])
        if trigger is None:
            raise _fail(404, "NOT_FOUND", NO_ROWS)
        trigger.deleted_at = self.now()
        return _empty(204)

    def _op_test_trigger(
        self, params: tuple[str, ...], query: list[tuple[str, str]], headers: dict[str, str], body: bytes
    ) -> Response:
        try:
            raw = decode_json(body)
        except GoJSONError as exc:
            raise _fail(500, "INTERNAL", str(exc)) from None
        if raw is not None and not isinstance(raw, dict):
            message = f"json: cannot unmarshal {json_kind(raw)} into Go value of type map[string]interface {{}}"
            raise _fail(500, "INTERNAL", message)
        try:
            event = to_go_any(raw or {})
        except GoJSONError as exc:
            raise _fail(500, "INTERNAL", str(exc)) from None
        trigger = self._live_trigger(params[0])
        if trigger is None:
            raise _fail(500, "INTERNAL", NO_ROWS)
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
        return _json(200, {"data": result})

    def _op_list_triggers_occurrences(self, params: tuple[str, ...], query: list[tuple[str, str]], *_: Any) -> Response:
        offset, order, page_size, filters = self._page(
            query, lambda: {"TriggerID": params[0]}, self._string_filters("TriggerID")
        )
        trigger_id = filters["TriggerID"]
        items = [o for o in self.occurrences if not trigger_id or o.trigger_id == trigger_id]
        return self._render_cursor(items, offset, order, page_size, filters, self._occurrence_json)

    # ----------------------------------------------------------------------------------------- events in

    def emit_event(
        self,
        event_type: str,
        payload: Any,
        *,
        app: str,
        version: str,
        date: int | None,
        idempotency_key: str,
    ) -> list[TriggerFiring]:
        """Deliver a Formance event to the triggers, as the worker's listener does (§9)."""
        with self.lock:
            self.pump()
            now = self.now()
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
            for trigger in list(self.triggers.values()):
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
                    if key in self._dedup:
                        continue
                    self._dedup.add(key)
                firings.append(self._fire(trigger, body, envelope, now))
            return firings

    def _fire(self, trigger: _Trigger, payload: Any, envelope: dict[str, Any], now: int) -> TriggerFiring:
        variables: dict[str, str] = {}
        error: str | None = None
        try:
            for key in sorted(trigger.var_programs):
                variables[key] = render_value(trigger.var_programs[key].run(payload))
        except (ExprError, ValueError) as exc:
            error = str(exc)
        instance_id: str | None = None
        if error is None:
            workflow = self.workflows[trigger.workflow_id]
            # Initiate runs as a child of ExecuteTrigger without an explicit id: Temporal names it
            # <parentRunID>_<sequence> (§7).
            uuid_ids = self.options.trigger_instance_ids == "uuid"
            new_id = str(uuid.uuid4()) if uuid_ids else f"{uuid.uuid4()}_2"
            instance = self._new_instance(workflow, variables, new_id, now)
            instance_id = instance.id
            self._advance(instance, now)
        occurrence = _Occurrence(str(uuid.uuid4()), trigger.id, instance_id, now, envelope, error)
        self.occurrences.append(occurrence)
        if error is None:
            self._publish(
                "SUCCEEDED_TRIGGER",
                {"id": occurrence.id, "triggerID": trigger.id, "workflowInstanceID": instance_id},
                now,
            )
        else:
            self._publish("FAILED_TRIGGER", {"id": occurrence.id, "triggerID": trigger.id, "error": error}, now)
        return TriggerFiring(trigger.id, occurrence.id, instance_id, error)

    # ----------------------------------------------------------------------------------------- engine

    def _publish(self, event_type: str, payload: dict[str, Any], at: int) -> None:
        self.published.append(
            {"date": format_time(at), "app": "orchestration", "version": "v2", "type": event_type, "payload": payload}
        )

    def _new_instance(self, workflow: _Workflow, variables: dict[str, str], instance_id: str, now: int) -> _Instance:
        instance = _Instance(instance_id, workflow, now, dict(variables), run_id=str(uuid.uuid4()))
        self.instances[instance.id] = instance
        self._running[instance.id] = instance
        self._publish("STARTED_WORKFLOW", {"id": workflow.id, "instanceID": instance.id}, now)
        return instance

    def pump(self, until: int | None = None) -> None:
        """Run every timer (delays, activity retries) due by ``until`` (default: now), in time order."""
        with self.lock:
            limit = self.now() if until is None else until
            while True:
                due: tuple[int, _Instance] | None = None
                for instance in self._running.values():
                    child = instance.child
                    wake_at = child.wake_at if child is not None else None
                    if wake_at is not None and wake_at <= limit and (due is None or wake_at < due[0]):
                        due = (wake_at, instance)
                if due is None:
                    return
                at, instance = due
                self._wake(instance, at)

    def _wake(self, instance: _Instance, at: int) -> None:
        child = instance.child
        assert child is not None
        child.wake_at = None
        if child.retrying is not None:
            child.retrying.terminated_at = at
            child.retrying.last_failure = None
            child.retrying = None
            self._run_activities(instance, child, at)
        else:
            self._finish_child(instance, child, at, None)
        self._advance(instance, at)

    def _advance(self, instance: _Instance, at: int) -> None:
        """Start stages until one blocks (timer, event, retrying activity) or the instance ends."""
        stages = instance.workflow.stages or []
        while not instance.terminated and instance.child is None:
            if instance.next_stage >= len(stages):
                self._terminate(instance, at, None)
                return
            self._start_stage(instance, stages[instance.next_stage], at)

    def _start_stage(self, instance: _Instance, stage: Mapping[str, Any], at: int) -> None:
        number = instance.next_stage
        instance.next_stage += 1
        row = _StageRow(number, instance.id, instance.run_id, at)
        instance.rows.append(row)
        self._publish(
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
            self._end_row(instance, row, at, problem)
            self._terminate(instance, at, problem)
            return
        child = _Child(number, stage_type, resolved, _stages.history_input(stage_type, resolved), at)
        instance.children[number] = child
        instance.child = child
        child.outcome = self._pick_outcome(
            StageContext(instance.id, instance.workflow.id, number, stage_type, child.input, dict(instance.variables))
        )
        outcome = child.outcome
        if outcome is not None and outcome.kind == "fail" and stage_type not in ("send", "update"):
            self._finish_child(instance, child, at, outcome.error)
        elif stage_type == "noop":
            self._finish_child(instance, child, at, None)
        elif stage_type == "delay":
            duration = _stages.delay_duration(resolved, at)
            if duration < 0:
                # The Temporal SDK refuses negative timers.
                self._finish_child(instance, child, at, f"negative duration provided {format_duration(duration)}")
            elif duration == 0:
                self._finish_child(instance, child, at, None)
            else:
                child.wake_at = at + duration
        elif stage_type == "wait_event":
            child.waiting_event = str(resolved["event"])
        else:
            plan, error = _stages.plan_activities(stage_type, resolved, at)
            if error is not None:
                self._finish_child(instance, child, at, error)
                return
            for activity in plan:
                if activity.name == "CreateTransaction" and activity.output is not None:
                    activity.output["data"]["id"] = self._txid
                    self._txid += 1
            child.remaining = plan
            child.target = _target_index(plan, outcome)
            self._run_activities(instance, child, at)

    def _pick_outcome(self, context: StageContext) -> StageOutcome | None:
        for rule in self.stage_rules:
            outcome = rule.pick(context)
            if outcome is not None:
                return outcome
        return None

    def _run_activities(self, instance: _Instance, child: _Child, at: int) -> None:
        outcome = child.outcome
        while child.remaining:
            planned = child.remaining.pop(0)
            index = len(child.activities)
            activity = _Activity(planned.name, planned.input, planned.output, at)
            child.activities.append(activity)
            if outcome is not None and index == child.target and outcome.kind != "succeed":
                if outcome.kind == "fail":
                    activity.error = outcome.error
                    activity.terminated_at = at
                    self._finish_child(instance, child, at, outcome.error)
                    return
                activity.last_failure = outcome.error
                child.retrying = activity
                if outcome.attempts is not None:
                    child.wake_at = _attempt_time(at, outcome.attempts + 1)
                return
            activity.terminated_at = at
        self._finish_child(instance, child, at, None)

    def _finish_child(self, instance: _Instance, child: _Child, at: int, error: str | None) -> None:
        child.terminated_at = at
        child.error = error
        child.wake_at = None
        child.waiting_event = None
        self._end_row(instance, instance.rows[child.number], at, error)
        instance.child = None
        if error is not None:
            self._terminate(instance, at, error)

    def _end_row(self, instance: _Instance, row: _StageRow, at: int, error: str | None) -> None:
        row.terminated_at = at
        row.error = error
        payload: dict[str, Any] = {"id": instance.workflow.id, "instanceID": instance.id, "number": row.number}
        if error is None:
            self._publish("SUCCEEDED_WORKFLOW_STAGE", payload, at)
        else:
            self._publish("FAILED_WORKFLOW_STAGE", {**payload, "error": error}, at)

    def _terminate(self, instance: _Instance, at: int, error: str | None) -> None:
        instance.terminated = True
        instance.terminated_at = at
        instance.error = error or ""
        instance.child = None
        self._running.pop(instance.id, None)
        payload: dict[str, Any] = {"id": instance.workflow.id, "instanceID": instance.id}
        if error is None:
            self._publish("SUCCEEDED_WORKFLOW", payload, at)
        else:
            self._publish("FAILED_WORKFLOW", {**payload, "error": error}, at)


# --------------------------------------------------------------------------------------------- engine helpers

_MAX_BACKOFF = 100 * NS


def _attempt_time(first: int, attempt: int) -> int:
    """When attempt ``attempt`` (1-based) of a retried activity runs: backoff 1 s x2, capped at 100 s."""
    when, interval = first, NS
    for _ in range(attempt - 1):
        when += interval
        interval = min(interval * 2, _MAX_BACKOFF)
    return when


def _attempts_done(first: int, now: int) -> int:
    """How many attempts have run (and failed) by ``now``."""
    count, when, interval = 1, first, NS
    while when + interval <= now:
        when += interval
        interval = min(interval * 2, _MAX_BACKOFF)
        count += 1
    return count


def _target_index(plan: Sequence[_stages.PlannedActivity], outcome: StageOutcome | None) -> int | None:
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


def _rewrite_output(name: str, output: Mapping[str, Any]) -> Any:
    """The history reader rewrites CreateTransaction output for ledger v1 compatibility (§6.18)."""
    view = _stages.activity_view(output)
    if name == "CreateTransaction" and isinstance(view.get("data"), dict):
        transaction = dict(view["data"])
        transaction["txid"] = transaction.get("id")
        view = {**view, "data": [dict(sorted(transaction.items()))]}
    return view


def _echo_workflow(value: Mapping[str, Any]) -> dict[str, Any]:
    """A ``workflow`` object sent to createTrigger, as Go decodes then re-encodes it (echoed, never stored)."""
    _, wid = _fold_get(value, "id")
    _, config = _fold_get(value, "config")
    name, stages = "", None
    if isinstance(config, dict):
        _, raw_name = _fold_get(config, "name")
        name = raw_name if isinstance(raw_name, str) else ""
        _, raw_stages = _fold_get(config, "stages")
        stages = to_go_any(raw_stages) if isinstance(raw_stages, list) else None
    stamps: dict[str, Any] = {}
    for key in ("createdAt", "updatedAt", "deletedAt"):
        _, raw = _fold_get(value, key)
        stamps[key] = raw if isinstance(raw, str) else (None if key == "deletedAt" else "0001-01-01T00:00:00Z")
    return {
        "id": wid if isinstance(wid, str) else "",
        "config": {"name": name, "stages": stages},
        **stamps,
    }


def _yaml_to_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _yaml_to_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_yaml_to_json(item) for item in value]
    if isinstance(value, _dt.datetime | _dt.date):
        return to_go_any(value)
    return value
