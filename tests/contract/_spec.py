"""The OpenAPI document as plain JSON Schema, and the SDK's departures from it, named one by one.

OpenAPI 3.0 schemas are not quite JSON Schema: ``nullable``, ``discriminator``, ``example`` and ``$ref`` into
``components`` need translating before ``jsonschema`` can validate with them or ``hypothesis-jsonschema`` can
generate from them. :func:`json_schema` does that translation, and nothing else, unless it is given departures.

A departure is a place where the real server (``shared/docs/server-behaviour.md``) forces the SDK away from the
document. :data:`NARROWINGS` are document-valid bodies the SDK refuses on purpose; :data:`WIDENINGS` are bodies
the real server sends that the document forbids and the SDK accepts. ``tools/codegen/overrides.py`` holds the
same list as generator input; ``test_bodies.py`` checks that the two agree.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ..conftest import spec_path

__all__ = [
    "NARROWINGS",
    "WIDENINGS",
    "Departure",
    "document",
    "json_schema",
    "normalise",
    "operation_request_schemas",
    "operation_response_schemas",
    "snake",
]


@dataclass(frozen=True)
class Departure:
    """One place the SDK departs from the document: ``schema``'s ``field``, why, and where that is documented."""

    schema: str
    field: str
    section: str
    why: str
    # The property schema the SDK uses instead of the document's (None: see ``nullable`` / ``optional``).
    replacement: Mapping[str, Any] | None = None
    nullable: bool = False
    optional: bool = False

    def __str__(self) -> str:
        return f"{self.schema}.{self.field} (server-behaviour.md {self.section}): {self.why}"


# Document-valid bodies the SDK refuses on purpose: none. (A fractional `V2StageStatus.stage`, §11.14, used to be
# one; the document's `number` now decodes as `int | float`.) Bodies generated for round trips use the replacement.
NARROWINGS: tuple[Departure, ...] = ()

# Bodies the real server sends that the document forbids; the SDK accepts them. Used for "server-shaped" bodies.
WIDENINGS: tuple[Departure, ...] = (
    Departure(
        "V2Workflow",
        "deletedAt",
        "§11.7",
        "undeclared, always present, null until soft-deleted",
        replacement={"type": "string", "format": "date-time"},
        nullable=True,
    ),
    Departure(
        "V2WorkflowConfig",
        "stages",
        "§11.7",
        "required array, but null when created without stages",
        nullable=True,
        optional=True,
    ),
    Departure("V2StageStatus", "temporalRunID", "§11.8", "undeclared, always present", replacement={"type": "string"}),
    Departure(
        "V2Trigger", "workflow", "§11.9", "undeclared, always null", replacement={"type": "object"}, nullable=True
    ),
    Departure("V2TriggerOccurrence", "id", "§11.10", "undeclared occurrence id", replacement={"type": "string"}),
    Departure("V2TriggerTest", "filter", "§11.11", "null when the trigger has no filter", nullable=True),
    Departure(
        "V2TriggerTest", "variables", "§11.11", "null when there are no vars or the filter did not match", nullable=True
    ),
    Departure(
        "V2ActivityAddAccountMetadata",
        "account",
        "§11.12",
        "the real input names the account `account`",
        replacement={"type": "string"},
    ),
    Departure(
        "V2ActivityAddAccountMetadata", "id", "§11.12", "required, but absent from the real input", optional=True
    ),
    Departure(
        "V2StageSendSourceWallet",
        "name",
        "§7 (send stage)",
        "wallets are chosen by id or by name",
        replacement={"type": "string"},
    ),
    Departure(
        "V2StageSendDestinationPayment",
        "connectorId",
        "§11.17",
        "read by the send stage, undeclared",
        replacement={"type": "string"},
    ),
    Departure(
        "V2StageSendDestinationPayment",
        "waitingValidation",
        "§11.17",
        "read by the send stage, undeclared",
        replacement={"type": "boolean"},
    ),
    Departure(
        "V2StageSendDestinationPayment",
        "metadata",
        "§11.17",
        "read by the send stage, undeclared",
        replacement={"type": "object", "additionalProperties": {"type": "string"}},
    ),
)


@cache
def document() -> dict[str, Any]:
    """The OpenAPI document as loaded from ``../shared`` (callers skip first with ``require_spec()``)."""
    path = spec_path()
    assert path is not None, "call tests.conftest.require_spec() first"
    data: dict[str, Any] = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return data


def _components() -> dict[str, Any]:
    schemas: dict[str, Any] = document()["components"]["schemas"]
    return schemas


def operation_response_schemas() -> dict[str, str]:
    """operationId -> the component name of its success body (plus ``V2Error`` for the default answers)."""
    out: dict[str, str] = {}
    for item in document()["paths"].values():
        for method, op in item.items():
            if method == "parameters":
                continue
            for status, response in op["responses"].items():
                schema = response.get("content", {}).get("application/json", {}).get("schema")
                if status.startswith("2") and schema is not None:
                    out[op["operationId"]] = schema["$ref"].rsplit("/", 1)[-1]
    out["default"] = "V2Error"
    return out


def operation_request_schemas() -> dict[str, dict[str, Any]]:
    """operationId -> its request body schema (a ``$ref`` or an inline schema), as in the document."""
    out: dict[str, dict[str, Any]] = {}
    for item in document()["paths"].values():
        for method, op in item.items():
            if method != "parameters" and "requestBody" in op:
                out[op["operationId"]] = op["requestBody"]["content"]["application/json"]["schema"]
    return out


def snake(name: str) -> str:
    """``V2ListRunsResponse`` -> ``v2_list_runs_response`` (the generated codec's function names)."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


_DROPPED = {"example", "examples", "description", "discriminator", "default", "title"}


def json_schema(
    root: str | Mapping[str, Any],
    *,
    closed: bool = False,
    departures: tuple[Departure, ...] = (),
) -> dict[str, Any]:
    """Translate a component (by name) or an inline schema into self-contained JSON Schema (draft 2020-12).

    ``closed`` forbids properties an object does not declare (where the document leaves it open by omission
    only), so a generated body holds nothing the models would drop. ``departures`` patch named properties.
    """
    by_schema: dict[str, list[Departure]] = {}
    for departure in departures:
        by_schema.setdefault(departure.schema, []).append(departure)

    def patched(name: str) -> dict[str, Any]:
        node: dict[str, Any] = copy.deepcopy(_components()[name])
        for dep in by_schema.get(name, []):
            target = node
            if "allOf" in node:  # V2Trigger: patch the part that declares its own properties
                target = node["allOf"][-1]
            props = target.setdefault("properties", {})
            if dep.replacement is not None:
                props[dep.field] = dict(dep.replacement)
            if dep.nullable:
                props[dep.field] = {**props.get(dep.field, {}), "nullable": True}
            if dep.optional:
                for part in [node, *node.get("allOf", [])]:
                    if dep.field in part.get("required", []):
                        part["required"] = [r for r in part["required"] if r != dep.field]
        return node

    def convert(node: Any, stack: tuple[str, ...]) -> Any:
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            assert name not in stack, f"recursive schema {(*stack, name)}"
            return convert(patched(name), (*stack, name))
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key in _DROPPED or key.startswith("x-") or key == "nullable":
                continue
            if key == "properties":
                out[key] = {name: convert(sub, stack) for name, sub in value.items()}
            elif key in {"items", "not"} or (key == "additionalProperties" and isinstance(value, dict)):
                out[key] = convert(value, stack)
            elif key in {"anyOf", "oneOf"}:
                out[key] = [convert(sub, stack) for sub in value]
            elif key == "allOf":
                continue
            else:
                out[key] = value
        if "allOf" in node:
            for part in (convert(sub, stack) for sub in node["allOf"]):
                out.setdefault("properties", {}).update(part.get("properties", {}))
                required = [*out.get("required", []), *part.get("required", [])]
                if required:
                    out["required"] = list(dict.fromkeys(required))
                out.setdefault("type", part.get("type", "object"))
        discriminator = node.get("discriminator")
        if discriminator and "oneOf" in out:
            # OpenAPI picks the branch by the discriminator's value; plain JSON Schema needs that spelt out.
            prop = discriminator["propertyName"]
            branches = []
            for value, ref in discriminator["mapping"].items():
                branch = convert({"$ref": ref}, stack)
                branch["properties"] = {**branch.get("properties", {}), prop: {"const": value}}
                branch["required"] = list(dict.fromkeys([*branch.get("required", []), prop]))
                branches.append(branch)
            out["oneOf"] = branches
        if closed and "properties" in out and "additionalProperties" not in node:
            out["additionalProperties"] = False
        if closed and "anyOf" in out:
            # An anyOf of open objects admits keys no branch declares; closing each branch keeps bodies exact.
            out["anyOf"] = [
                dict(sub, additionalProperties=False) if "properties" in sub else sub for sub in out["anyOf"]
            ]
        if node.get("nullable"):
            return {"anyOf": [out, {"type": "null"}]}
        return out

    top = {"$ref": f"#/components/schemas/{root}"} if isinstance(root, str) else dict(root)
    result: dict[str, Any] = convert(top, ())
    return result


_DATETIME = re.compile(r"^(\d{4}-\d\d-\d\d)[Tt ](\d\d:\d\d:\d\d)(?:\.(\d+))?([Zz]|[+-]\d\d:\d\d)$")


def normalise(value: Any) -> Any:
    """JSON data with what a round trip may change smoothed out, independently of the SDK's own code.

    Object keys with ``null`` values are dropped (``null`` and absent both mean "not set"); RFC 3339 timestamps
    become (date, time, fraction without trailing zeros, offset with ``Z`` == ``+00:00`` == ``-00:00``).
    """
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if isinstance(value, str):
        match = _DATETIME.match(value)
        if match:
            date, time, fraction, offset = match.groups()
            offset = "+00:00" if offset in {"Z", "z", "-00:00"} else offset
            return ("datetime", date, time, (fraction or "").rstrip("0"), offset)
    return value
