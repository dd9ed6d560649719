"""Turn the OpenAPI document into a small intermediate form: models, enums, aliases, unions and operations."""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass, field
from typing import Any

from . import overrides

# ---------------------------------------------------------------------------------------------------------------
# Types


@dataclass(frozen=True)
class Scalar:
    """A JSON scalar: ``str``, ``int``, ``number`` (an int or a float), ``bool`` or ``datetime``."""

    name: str


@dataclass(frozen=True)
class FreeObject:
    """A JSON object whose content is not described (``additionalProperties: true`` or ``{}``)."""


@dataclass(frozen=True)
class Ref:
    """A named component: model, enum, union or alias."""

    name: str


@dataclass(frozen=True)
class ListOf:
    item: TypeRef


@dataclass(frozen=True)
class MapOf:
    item: TypeRef


TypeRef = Scalar | FreeObject | Ref | ListOf | MapOf


@dataclass
class Field:
    json_name: str
    py_name: str
    type: TypeRef
    required: bool
    description: str
    aliases: tuple[str, ...] = ()


@dataclass
class Model:
    name: str
    description: str
    fields: list[Field]


@dataclass
class Enum:
    name: str
    description: str
    values: list[str]


@dataclass
class Alias:
    name: str
    description: str
    target: TypeRef


@dataclass
class Union:
    name: str
    description: str
    variants: list[str]
    discriminator: str | None = None
    mapping: dict[str, str] = field(default_factory=dict)
    unknown: str = ""  # the name of its unknown member (see Unknown), set once every schema is read


@dataclass
class Unknown:
    """The member of a union that a newer server may send and this SDK does not know yet.

    It keeps the discriminator's value (when the union has one) and the whole JSON object, so a body with a new
    member decodes, a ``match`` on the union sees it, and encoding gives back the JSON as it came.
    """

    name: str
    union: str
    discriminator: str | None


Component = Model | Enum | Alias | Union | Unknown


@dataclass
class Param:
    json_name: str
    py_name: str
    location: str  # "path", "query" or "body"
    type: TypeRef
    required: bool
    description: str
    annotation: str | None = None
    minimum: int | None = None
    maximum: int | None = None


@dataclass
class Operation:
    operation_id: str
    name: str
    method: str
    path: str
    summary: str
    description: str
    params: list[Param]
    body_kind: str  # "none", "fields" or "whole"
    result_kind: str  # "none", "model", "data" or "page"
    result_schema: str | None  # the response component decoded
    result_type: TypeRef | None  # what the method returns (item type for pages)
    fallback_path: str | None = None


@dataclass
class Api:
    components: dict[str, Component]
    operations: list[Operation]


# ---------------------------------------------------------------------------------------------------------------
# Names

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def snake(name: str) -> str:
    """``workflowID`` -> ``workflow_id``, ``throughAccount`` -> ``through_account``, ``GetAccount`` -> ``get_account``."""
    out = _CAMEL_BOUNDARY.sub("_", name).replace("-", "_").replace(" ", "_").lower()
    return out + "_" if keyword.iskeyword(out) else out


def pascal(name: str) -> str:
    """``cursor`` -> ``Cursor``, ``error_code`` -> ``ErrorCode``."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[_\s-]+", name) if part)


def enum_member(value: str) -> str:
    """``PAY-IN`` -> ``PAY_IN``, ``sepa debit`` -> ``SEPA_DEBIT``."""
    member = re.sub(r"[^0-9A-Za-z]+", "_", value).strip("_").upper() or "EMPTY"
    return "_" + member if member[0].isdigit() else member


def _text(schema: dict[str, Any]) -> str:
    return " ".join(str(schema.get("description", "")).split())


# ---------------------------------------------------------------------------------------------------------------
# Parsing


class Parser:
    """Reads ``components/schemas`` and ``paths`` into an :class:`Api`."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.schemas: dict[str, Any] = document.get("components", {}).get("schemas", {})
        self.components: dict[str, Component] = {}
        self.lenient: set[str] = set()

    def parse(self) -> Api:
        for name in overrides.LENIENT_ROOTS:
            self._mark_lenient(name)
        for name, schema in self.schemas.items():
            self._component(name, schema)
        for union in [c for c in self.components.values() if isinstance(c, Union)]:
            union.unknown = _free_name(union.name + "Unknown", self.components)
            self.components[union.unknown] = Unknown(union.unknown, union.name, union.discriminator)
        operations = [
            self._operation(path, method, op, item)
            for path, item in self.document.get("paths", {}).items()
            for method, op in item.items()
            if method in {"get", "post", "put", "delete", "patch"}
        ]
        return Api(components=dict(sorted(self.components.items())), operations=operations)

    # -- lenient subtree --------------------------------------------------------------------------------------

    def _mark_lenient(self, name: str) -> None:
        # A root the document does not have (another or a smaller document) is simply not there to relax.
        if name in self.lenient or name not in self.schemas:
            return
        self.lenient.add(name)
        for ref in _refs(self.schemas[name]):
            self._mark_lenient(ref)

    # -- components ------------------------------------------------------------------------------------------

    def _resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            schema = self.schemas[_ref_name(schema["$ref"])]
        return schema

    def _component(self, name: str, schema: dict[str, Any]) -> None:
        if name in self.components:
            return
        description = _text(schema)
        if "$ref" in schema:
            self.components[name] = Alias(name, description, Ref(_ref_name(schema["$ref"])))
        elif "oneOf" in schema or "anyOf" in schema:
            variants = [_ref_name(v["$ref"]) for v in schema.get("oneOf", schema.get("anyOf", []))]
            disc = schema.get("discriminator") or {}
            mapping = {k: _ref_name(v) for k, v in disc.get("mapping", {}).items()}
            if disc.get("propertyName"):
                # Without an explicit mapping the discriminator's value is the schema name (OpenAPI 3.0).
                for variant in variants:
                    if variant not in mapping.values():
                        mapping.setdefault(variant, variant)
            self.components[name] = Union(name, description, variants, disc.get("propertyName"), mapping)
        elif "enum" in schema:
            self.components[name] = Enum(name, description, [str(v) for v in schema["enum"]])
        elif _is_model(schema) or name in overrides.EXTRA_FIELDS:
            self.components[name] = self._model(name, schema, lenient=name in self.lenient)
        else:
            self.components[name] = Alias(name, description, self._type(name, "", schema, lenient=False))

    def _model(self, name: str, schema: dict[str, Any], *, lenient: bool, inline_cursor: bool = False) -> Model:
        properties: dict[str, Any] = {}
        required: set[str] = set()
        self._merge(schema, properties, required)
        properties.update(overrides.EXTRA_FIELDS.get(name, {}))
        required -= overrides.NOT_REQUIRED.get(name, set())
        if lenient:
            required = set()
        if inline_cursor and overrides.CURSOR_PAGE_SIZE_OPTIONAL:
            required.discard("pageSize")
        fields = []
        for json_name, prop in properties.items():
            prop = overrides.TYPE_FIXES.get((name, json_name), prop)
            fields.append(
                Field(
                    json_name=json_name,
                    py_name=snake(json_name),
                    type=self._type(name, json_name, prop, lenient=lenient),
                    # Nullable means null may come back, so the attribute has to accept None.
                    required=json_name in required and not self._nullable(prop),
                    description=_text(prop) or _text(self._resolve(prop)),
                    aliases=overrides.ALIASES.get((name, json_name), ()),
                )
            )
        fields.sort(key=lambda f: not f.required)
        return Model(name, _text(schema), fields)

    def _merge(self, schema: dict[str, Any], properties: dict[str, Any], required: set[str]) -> None:
        """Collect the properties of ``schema`` and of its ``allOf`` parts, at any depth."""
        schema = self._resolve(schema)
        properties.update(schema.get("properties", {}))
        required.update(schema.get("required", []))
        for part in schema.get("allOf", []):
            self._merge(part, properties, required)

    def _nullable(self, schema: dict[str, Any]) -> bool:
        return bool(schema.get("nullable") or self._resolve(schema).get("nullable"))

    def _type(self, owner: str, prop_name: str, schema: dict[str, Any], *, lenient: bool) -> TypeRef:
        if "$ref" in schema:
            return Ref(_ref_name(schema["$ref"]))
        all_of = schema.get("allOf", [])
        if len(all_of) == 1 and "$ref" in all_of[0] and not schema.get("properties"):
            # ``allOf: [$ref]`` only attaches a description to a reference: it is that type, not a new model.
            return Ref(_ref_name(all_of[0]["$ref"]))
        if "allOf" in schema or (schema.get("type") == "object" and "properties" in schema and schema["properties"]):
            inline = owner + pascal(prop_name)
            self.components[inline] = self._model(
                inline, schema, lenient=lenient, inline_cursor=prop_name == "cursor" and owner.endswith("Response")
            )
            return Ref(inline)
        kind = schema.get("type")
        if "enum" in schema:
            inline = owner + pascal(prop_name)
            self.components[inline] = Enum(inline, _text(schema), [str(v) for v in schema["enum"]])
            return Ref(inline)
        if kind == "string":
            return Scalar("datetime") if schema.get("format") == "date-time" else Scalar("str")
        if kind == "integer":
            return Scalar("int")
        if kind == "number":
            # Any JSON number: integral forms (1, 1.0, 2e0) decode to an exact int, others to a float.
            return Scalar("number")
        if kind == "boolean":
            return Scalar("bool")
        if kind == "array":
            return ListOf(self._type(owner, prop_name + "Item", schema.get("items", {}), lenient=lenient))
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict) and extra:
            return MapOf(self._type(owner, prop_name + "Value", extra, lenient=lenient))
        return FreeObject()

    # -- operations ------------------------------------------------------------------------------------------

    def _operation(self, path: str, method: str, op: dict[str, Any], item: dict[str, Any]) -> Operation:
        operation_id: str = op["operationId"]
        name = snake(re.sub(r"^v2", "", operation_id))
        params: list[Param] = []
        for raw in [*item.get("parameters", []), *op.get("parameters", [])]:
            param = self._resolve_param(raw)
            schema = param.get("schema", {})
            py_name = snake(param["name"])
            params.append(
                Param(
                    json_name=param["name"],
                    py_name=py_name,
                    location=param["in"],
                    type=self._type(name, param["name"], schema, lenient=False),
                    required=bool(param.get("required")),
                    description=_text(param),
                    annotation=overrides.ARGUMENT_TYPES.get((operation_id, py_name)),
                    minimum=schema.get("minimum"),
                    maximum=schema.get("maximum"),
                )
            )
        body_kind = "none"
        body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
        if body is not None:
            resolved = self._resolve(body)
            if resolved.get("properties"):
                body_kind = "fields"
                model = self._model("", resolved, lenient=False)
                for f in model.fields:
                    params.append(
                        Param(
                            json_name=f.json_name,
                            py_name=f.py_name,
                            location="body",
                            type=f.type,
                            required=f.required,
                            description=f.description,
                            annotation=overrides.ARGUMENT_TYPES.get((operation_id, f.py_name)),
                        )
                    )
            else:
                body_kind = "whole"
                arg = overrides.BODY_ARGUMENT[operation_id]
                params.append(
                    Param(
                        json_name="",
                        py_name=arg,
                        location="body",
                        type=FreeObject(),
                        required=operation_id not in {"v2RunWorkflow"},
                        description="",
                        annotation=overrides.ARGUMENT_TYPES.get((operation_id, arg)),
                    )
                )
        result_kind, result_schema, result_type = self._result(op)
        fallback = overrides.PATH_FALLBACKS.get(operation_id)
        return Operation(
            operation_id=operation_id,
            name=name,
            method=method.upper(),
            path=fallback[0] if fallback else path,
            summary=str(op.get("summary", "")).strip(),
            description=_text(op),
            params=params,
            body_kind=body_kind,
            result_kind=result_kind,
            result_schema=result_schema,
            result_type=result_type,
            fallback_path=fallback[1] if fallback else None,
        )

    def _resolve_param(self, raw: dict[str, Any]) -> dict[str, Any]:
        if "$ref" in raw:
            name = raw["$ref"].rsplit("/", 1)[-1]
            resolved: dict[str, Any] = self.document["components"]["parameters"][name]
            return resolved
        return raw

    def _result(self, op: dict[str, Any]) -> tuple[str, str | None, TypeRef | None]:
        for status in ("200", "201"):
            response = op.get("responses", {}).get(status)
            if response is None:
                continue
            schema = response.get("content", {}).get("application/json", {}).get("schema")
            if schema is None:
                return "none", None, None
            schema_name = _ref_name(schema["$ref"])
            component = self.components[schema_name]
            if isinstance(component, Model):
                names = [f.json_name for f in component.fields]
                if names == ["data"]:
                    data_type = component.fields[0].type
                    if isinstance(data_type, Ref) and isinstance(self.components.get(data_type.name), Alias):
                        alias = self.components[data_type.name]
                        assert isinstance(alias, Alias)
                        data_type = alias.target
                    return "data", schema_name, data_type
                if names == ["cursor"]:
                    cursor = self.components[_ref(component.fields[0].type)]
                    assert isinstance(cursor, Model)
                    data = next(f for f in cursor.fields if f.json_name == "data")
                    assert isinstance(data.type, ListOf)
                    return "page", schema_name, data.type.item
            return "model", schema_name, Ref(schema_name)
        return "none", None, None


def _free_name(name: str, taken: dict[str, Component]) -> str:
    while name in taken:
        name += "_"
    return name


def _ref(t: TypeRef) -> str:
    assert isinstance(t, Ref)
    return t.name


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _is_model(schema: dict[str, Any]) -> bool:
    return bool(schema.get("properties") or schema.get("allOf"))


def _refs(schema: Any) -> list[str]:
    found: list[str] = []
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "$ref" and isinstance(value, str):
                found.append(_ref_name(value))
            else:
                found.extend(_refs(value))
    elif isinstance(schema, list):
        for value in schema:
            found.extend(_refs(value))
    return found
