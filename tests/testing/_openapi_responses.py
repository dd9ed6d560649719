"""Validate every answer of the in-memory fake against the OpenAPI document's response schemas.

``../shared/openapi/orchestration-v2.yaml`` (or ``$FORMANCE_OPENAPI_SPEC``) is read with PyYAML, its OpenAPI 3.0
schemas are made plain JSON Schema (``nullable`` becomes ``anyOf [..., null]``; ``$ref`` resolved by
``referencing``) and each answer is checked with ``jsonschema``'s Draft 4 validator (``date-time`` and ``uuid``
formats included) against the schema of its operation and status: the documented status, else ``default``.

Where the real server departs from the document (``shared/docs/server-behaviour.md`` §11) the check is widened,
and only there: :data:`WIDENINGS` names each departure with its section. Schema widenings patch one property of
one component before the conversion; answer widenings accept a body the document has no schema for (the empty
or plain-text error bodies). Answers that no documented operation covers (``/_healthcheck``, the token endpoint,
unrouted paths, methods a path does not document) and answers made by injected faults are counted, not checked.

``tests/conftest.py`` turns this on for every ``FakeOrchestration`` built during a test (``fake.on_response``)
and fails the test at teardown when an answer did not validate.
"""

from __future__ import annotations

import copy
import importlib
import json
import re
import threading
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from formance_orchestration.testing import ObservedResponse

__all__ = [
    "TALLY",
    "WIDENINGS",
    "Answer",
    "ResponseCollector",
    "ResponseValidator",
    "Verdict",
    "Widening",
    "load_validator",
]

GATEWAY_PREFIX = "/api/orchestration"

# What every collector saw in this session: "validated", "widened: <name>", "not checked: <why>", "invalid".
TALLY: Counter[str] = Counter()


@dataclass(frozen=True)
class Answer:
    """One answer, as the checks see it (``path`` below the gateway prefix)."""

    method: str
    path: str
    status: int
    content_type: str
    body: bytes


@dataclass(frozen=True)
class Widening:
    """One place the real server departs from the document, and how the check makes room for it.

    Either a schema patch (``schema``'s property ``field``, a dotted path through inline objects, gets
    ``replacement`` and/or becomes ``nullable`` / not ``required``), or ``accepts``: an answer taken as is
    because the document has no schema that could describe it, or ``path_alias``: a served path checked as the
    document's path.
    """

    name: str
    section: str
    why: str
    schema: str | None = None
    field: str | None = None
    replacement: Mapping[str, Any] | None = None
    nullable: bool = False
    optional: bool = False
    accepts: Callable[[Answer], bool] | None = None
    path_alias: tuple[str, str] | None = None

    def __str__(self) -> str:
        return f"{self.name} (server-behaviour.md {self.section}): {self.why}"


def _empty_error(status: int) -> Callable[[Answer], bool]:
    return lambda answer: answer.status == status and answer.body == b""


_LIST_RESPONSES = (
    "V2ListTriggersResponse",
    "V2ListTriggersOccurrencesResponse",
    "V2ListWorkflowsResponse",
    "V2ListRunsResponse",
)
_EVENT_ENVELOPE = {
    "type": "object",
    "required": ["idempotency_key", "date", "app", "version", "type", "payload"],
    "properties": {
        "idempotency_key": {"type": "string"},
        "date": {"type": "string", "format": "date-time"},
        "app": {"type": "string"},
        "version": {"type": "string"},
        "type": {"type": "string"},
        "payload": {},
    },
}

WIDENINGS: tuple[Widening, ...] = (
    # Paths and bodies the document has no schema for.
    Widening(
        "GET /_info",
        "§11.1, §6.1",
        "the server serves getServerInfo at /_info (no envelope, no auth); it is checked as the document's /v2/_info",
        path_alias=("/_info", "/v2/_info"),
    ),
    Widening(
        "text/plain 404",
        "§11.1, §1",
        "chi's `404 page not found` (GET /v2/_info, a trailing slash chi does not route), not a V2Error",
        accepts=lambda answer: answer.status == 404 and answer.content_type.startswith("text/plain"),
    ),
    Widening("empty 401", "§11.4, §2", "a missing or refused token: 401 with an empty body", accepts=_empty_error(401)),
    Widening(
        "empty 404",
        "§11.14",
        "a non-integer stage number in getInstanceStageHistory: 404 with an empty body",
        accepts=_empty_error(404),
    ),
    Widening("empty 405", "§11.4, §1", "chi's method-not-allowed: 405, `Allow`, empty body", accepts=_empty_error(405)),
    Widening(
        "empty 500", "§11.4", "the Recoverer turns a panic into a 500 with an empty body", accepts=_empty_error(500)
    ),
    # Properties the server sends that the document forbids or omits.
    Widening(
        "V2Workflow.deletedAt",
        "§11.7",
        "undeclared, always present, null until soft-deleted",
        schema="V2Workflow",
        field="deletedAt",
        replacement={"type": "string", "format": "date-time"},
        nullable=True,
    ),
    Widening(
        "V2WorkflowConfig.stages",
        "§11.7",
        "a required array, but null when the workflow was created without stages",
        schema="V2WorkflowConfig",
        field="stages",
        nullable=True,
    ),
    Widening(
        "V2StageStatus.temporalRunID",
        "§11.8",
        "undeclared, always present",
        schema="V2StageStatus",
        field="temporalRunID",
        replacement={"type": "string"},
    ),
    Widening(
        "V2StageStatus.stage",
        "§11.14, §5",
        "the document says `number`; the server sends the 0-based stage index, an integer (checked as such)",
        schema="V2StageStatus",
        field="stage",
        replacement={"type": "integer", "minimum": 0},
    ),
    Widening(
        "V2Trigger.workflow",
        "§11.9",
        "undeclared, always null (createTrigger echoes a workflow object the client sent)",
        schema="V2Trigger",
        field="workflow",
        replacement={"type": "object"},
        nullable=True,
    ),
    Widening(
        "V2TriggerOccurrence.id",
        "§11.10",
        "the occurrence id, undeclared",
        schema="V2TriggerOccurrence",
        field="id",
        replacement={"type": "string"},
    ),
    Widening(
        "V2TriggerOccurrence.event",
        "§11.10",
        "the whole Formance event envelope, not the payload alone (checked as the envelope)",
        schema="V2TriggerOccurrence",
        field="event",
        replacement=_EVENT_ENVELOPE,
    ),
    Widening(
        "V2TriggerTest.filter",
        "§11.11",
        "always present, null when the trigger has no filter",
        schema="V2TriggerTest",
        field="filter",
        nullable=True,
    ),
    Widening(
        "V2TriggerTest.variables",
        "§11.11",
        "always present, null when there are no vars or the filter did not match",
        schema="V2TriggerTest",
        field="variables",
        nullable=True,
    ),
    *(
        Widening(
            f"{name}.cursor.pageSize",
            "§11.6, §4",
            "required, but omitempty: absent when a cursor without a page size lists everything",
            schema=name,
            field="cursor.pageSize",
            optional=True,
        )
        for name in _LIST_RESPONSES
    ),
    Widening(
        "V2ActivityAddAccountMetadata.account",
        "§11.12",
        "the real activity input names the account `account`",
        schema="V2ActivityAddAccountMetadata",
        field="account",
        replacement={"type": "string"},
    ),
    Widening(
        "V2DebitWalletRequest.metadata",
        "§6.18",
        "the same-ledger wallet-to-account send hands DebitWallet its metadata unnormalised (flows send/run.go:102): "
        "null when the send has none; server-behaviour.md does not say so",
        schema="V2DebitWalletRequest",
        field="metadata",
        nullable=True,
    ),
    Widening(
        "V2ActivityAddAccountMetadata.id",
        "§11.12",
        "required, but absent from the real activity input",
        schema="V2ActivityAddAccountMetadata",
        field="id",
        optional=True,
    ),
)


# --------------------------------------------------------------------------------------------- schemas


def _patch(document: dict[str, Any], widening: Widening) -> None:
    assert widening.schema is not None
    assert widening.field is not None
    node: dict[str, Any] = document["components"]["schemas"][widening.schema]
    if "allOf" in node:  # V2Trigger: the part that declares its own properties
        node = node["allOf"][-1]
    *parents, name = widening.field.split(".")
    for parent in parents:
        node = node["properties"][parent]
    properties = node.setdefault("properties", {})
    assert widening.replacement is not None or name in properties, f"{widening.name}: no such property to widen"
    if widening.replacement is not None:
        properties[name] = copy.deepcopy(dict(widening.replacement))
    if widening.nullable:
        properties[name] = {**properties[name], "nullable": True}
    if widening.optional:
        assert name in node.get("required", []), f"{widening.name}: not required in the document"
        node["required"] = [item for item in node["required"] if item != name]


def _to_json_schema(node: Any) -> Any:
    """OpenAPI 3.0 to JSON Schema: ``nullable: true`` becomes ``anyOf [schema, null]``, and a ``discriminator``
    picks the ``oneOf`` branch by its property's value (plain ``oneOf`` fails when two branches both fit)."""
    if isinstance(node, dict):
        converted = {key: _to_json_schema(value) for key, value in node.items()}
        discriminator = converted.pop("discriminator", None)
        if discriminator and "oneOf" in converted and "mapping" in discriminator:
            name = discriminator["propertyName"]
            converted["oneOf"] = [
                {"allOf": [{"$ref": ref}, {"properties": {name: {"enum": [value]}}, "required": [name]}]}
                for value, ref in discriminator["mapping"].items()
            ]
        if converted.pop("nullable", False):
            return {"anyOf": [converted, {"type": "null"}]}
        return converted
    if isinstance(node, list):
        return [_to_json_schema(item) for item in node]
    return node


_DATE_TIME = re.compile(r"\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(?:\.\d+)?(?:[Zz]|[+-]\d\d:\d\d)\Z")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\Z")


@dataclass(frozen=True)
class _Operation:
    operation_id: str
    template: str
    pattern: re.Pattern[str]
    method: str
    responses: Mapping[str, Any]


@dataclass
class Verdict:
    """What the check made of one answer."""

    checked: bool
    operation: str | None = None
    widening: str | None = None
    reason: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def tally_key(self) -> str:
        if self.errors:
            return "invalid"
        if not self.checked:
            return f"not checked: {self.reason}"
        return f"widened: {self.widening}" if self.widening else "validated"


class ResponseValidator:
    """The document's response schemas, widened by :data:`WIDENINGS`, ready to check answers."""

    def __init__(self, document: Mapping[str, Any], widenings: tuple[Widening, ...] = WIDENINGS) -> None:
        jsonschema: Any = importlib.import_module("jsonschema")
        referencing: Any = importlib.import_module("referencing")
        drafts: Any = importlib.import_module("referencing.jsonschema")
        self.widenings = widenings
        patched = copy.deepcopy(dict(document))
        for widening in widenings:
            if widening.schema is not None:
                _patch(patched, widening)
        self._document = _to_json_schema(patched)
        resource = referencing.Resource.from_contents(self._document, default_specification=drafts.DRAFT4)
        self._registry = referencing.Registry().with_resource("urn:orchestration-v2", resource)
        checker = jsonschema.FormatChecker(formats=())
        checker.checks("date-time")(lambda value: not isinstance(value, str) or bool(_DATE_TIME.match(value)))
        checker.checks("uuid")(lambda value: not isinstance(value, str) or bool(_UUID.match(value)))
        self._validator_class = jsonschema.Draft4Validator
        self._format_checker = checker
        self._validators: dict[str, Any] = {}
        self._lock = threading.Lock()
        self._operations = [
            _Operation(
                operation["operationId"],
                template,
                re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "/?$"),
                method.upper(),
                operation["responses"],
            )
            for template, item in self._document["paths"].items()
            for method, operation in item.items()
            if method != "parameters"
        ]
        self._aliases = {w.path_alias[0]: (w.path_alias[1], w.name) for w in widenings if w.path_alias}
        self._accepting = [w for w in widenings if w.accepts is not None]

    def _validator(self, ref: str) -> Any:
        with self._lock:
            validator = self._validators.get(ref)
            if validator is None:
                schema = {"$ref": "urn:orchestration-v2#" + ref.removeprefix("#")}
                validator = self._validator_class(schema, registry=self._registry, format_checker=self._format_checker)
                self._validators[ref] = validator
            return validator

    def _response(self, responses: Mapping[str, Any], status: int) -> tuple[str, Mapping[str, Any]]:
        key = str(status) if str(status) in responses else "default"
        response = responses[key]
        if "$ref" in response:
            response = self._document["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
        return key, response

    def check(self, answer: Answer) -> Verdict:
        """Check one answer against the schema of its operation and status."""
        path = answer.path
        widening: str | None = None
        if path in self._aliases:
            path, widening = self._aliases[path]
        operation = next((op for op in self._operations if op.method == answer.method and op.pattern.match(path)), None)
        if operation is None:
            return Verdict(False, reason=f"no documented operation for {answer.method} {_shape(path)}")
        verdict = Verdict(True, operation.operation_id, widening)
        key, response = self._response(operation.responses, answer.status)
        if key == "default" and 200 <= answer.status < 300:
            verdict.errors.append(f"{answer.status} is not a documented success status of {operation.operation_id}")
            return verdict
        if not 200 <= answer.status < 300:
            for rule in self._accepting:
                assert rule.accepts is not None
                if rule.accepts(answer):
                    verdict.widening = rule.name
                    return verdict
        content = response.get("content")
        if not content:
            if answer.body:
                verdict.errors.append(f"{answer.status} has no documented body, got {answer.body[:80]!r}")
            return verdict
        if not answer.content_type.startswith("application/json"):
            verdict.errors.append(f"Content-Type {answer.content_type!r}, the document says application/json")
            return verdict
        try:
            body = json.loads(answer.body)
        except ValueError as exc:
            verdict.errors.append(f"body is not JSON ({exc}): {answer.body[:80]!r}")
            return verdict
        ref = content["application/json"]["schema"]["$ref"]
        for error in sorted(self._validator(ref).iter_errors(body), key=lambda e: list(e.absolute_path)):
            where = "/".join(str(part) for part in error.absolute_path) or "(body)"
            verdict.errors.append(f"{ref.rsplit('/', 1)[1]} at {where}: {error.message}")
        return verdict

    def check_observed(self, observed: ObservedResponse) -> Verdict:
        """Check an answer handed to a ``fake.on_response`` observer (injected faults are not checked)."""
        if observed.injected:
            return Verdict(False, reason="injected fault")
        path = observed.request.path or "/"
        if path == GATEWAY_PREFIX or path.startswith(GATEWAY_PREFIX + "/"):
            path = path[len(GATEWAY_PREFIX) :] or "/"
        answer = Answer(
            observed.request.method, path, observed.status, observed.header("Content-Type") or "", observed.body
        )
        return self.check(answer)


def _shape(path: str) -> str:
    """A path with its ids blanked, so the tally groups them (``/v2/workflows/*/instances``)."""
    return "/".join("*" if len(part) > 16 or part.isdigit() else part for part in path.split("/"))


class ResponseCollector:
    """A ``fake.on_response`` observer: checks each answer, keeps the failures, never raises (thread-safe)."""

    def __init__(self, validator: ResponseValidator) -> None:
        self.validator = validator
        self.verdicts: list[Verdict] = []
        self.failures: list[str] = []
        self._lock = threading.Lock()

    def __call__(self, observed: ObservedResponse) -> None:
        request = observed.request
        try:
            verdict = self.validator.check_observed(observed)
        except Exception as exc:  # a bug in the check itself must fail the test, not the fake's answer
            verdict = Verdict(True, errors=[f"validator crashed: {exc!r}"])
        with self._lock:
            self.verdicts.append(verdict)
            TALLY[verdict.tally_key] += 1
            if verdict.errors:
                target = request.path + ("?" + "&".join(f"{k}={v}" for k, v in request.query) if request.query else "")
                self.failures.append(
                    f"{request.method} {target} -> {observed.status} ({verdict.operation}): "
                    + "; ".join(verdict.errors)
                )

    @property
    def checked(self) -> int:
        """How many answers were checked against a schema (widened ones included)."""
        with self._lock:
            return sum(1 for verdict in self.verdicts if verdict.checked)


@cache
def _validator_for(path: str) -> ResponseValidator:
    import yaml

    document: dict[str, Any] = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return ResponseValidator(document)


def load_validator(spec: Path | None) -> ResponseValidator | None:
    """The validator for the document at ``spec`` (built once), or ``None`` without it, PyYAML or jsonschema."""
    if spec is None:
        return None
    for module in ("yaml", "jsonschema", "referencing"):
        try:
            importlib.import_module(module)
        except ImportError:
            return None
    return _validator_for(str(spec))
