"""Any body the OpenAPI document allows decodes, and so do the ones a newer server may send.

Bodies are drawn from every response schema of the document by a small generator of its own (the contract
extra's hypothesis-jsonschema is not needed): required properties always, optional ones sometimes, nulls where the
document allows them, unknown keys in every object, unknown values of every enum, an unknown member in every
union (an unknown discriminator, an object of keys no member has), and every number written in every JSON form
(``1``, ``1.0``, ``2e0``, ``-0.0``, ``1.5``, ``25E-1``). Each is decoded with the SDK's parser for that schema:
none may raise.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from formance_orchestration import models
from formance_orchestration._codec.converter import structure

from .conftest import require_spec

Json = st.SearchStrategy[str]  # JSON text: numbers keep the form they were written in


@cache
def document() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(require_spec().read_text(encoding="utf-8"))
    return loaded


def schemas() -> dict[str, Any]:
    found: dict[str, Any] = document()["components"]["schemas"]
    return found


def response_schemas() -> list[str]:
    names = set()
    for item in document()["paths"].values():
        for op in item.values():
            if not isinstance(op, dict):
                continue
            for status in ("200", "201"):
                schema = op.get("responses", {}).get(status, {}).get("content", {}).get("application/json", {})
                ref = schema.get("schema", {}).get("$ref")
                if ref:
                    names.add(ref.rsplit("/", 1)[-1])
    return sorted(names)


def text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def obj(members: dict[str, str]) -> str:
    return "{" + ",".join(f"{text(k)}:{v}" for k, v in members.items()) + "}"


KEYS = st.text(st.characters(codec="utf-8"), min_size=1, max_size=6)
SCALARS: Json = st.one_of(st.none().map(text), st.booleans().map(text), st.text(max_size=5).map(text))
INTEGERS: Json = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.integers(min_value=-1000, max_value=1000).map(lambda n: f"{n}.0"),  # an integral float: stays int
    st.integers(min_value=0, max_value=9).map(lambda n: f"{n}e0"),
    st.just("1E+2"),
)
NUMBERS: Json = INTEGERS | st.sampled_from(["1.5", "-0.0", "25E-1", "0.1", "-3.25e-3"])
FREE: Json = st.recursive(
    SCALARS | NUMBERS,
    lambda children: (
        st.lists(children, max_size=3).map(lambda xs: "[" + ",".join(xs) + "]")
        | st.dictionaries(KEYS, children, max_size=3).map(obj)
    ),
    max_leaves=6,
)


DATETIMES: Json = st.sampled_from(
    ["2024-06-01T10:20:30Z", "2024-06-01T10:20:30.123456789Z", "2024-06-01T12:20:30+02:00", "1970-01-01T00:00:00.1Z"]
).map(text)


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = schemas()[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def merged(schema: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
    schema = resolve(schema)
    properties = dict(schema.get("properties", {}))
    required = set(schema.get("required", []))
    for part in schema.get("allOf", []):
        more, needed = merged(part)
        properties.update(more)
        required |= needed
    return properties, required


def bodies(schema: dict[str, Any], depth: int = 0) -> Json:
    nullable = bool(schema.get("nullable") or resolve(schema).get("nullable"))
    values = _bodies(schema, depth)
    return st.just("null") | values if nullable else values


def _bodies(schema: dict[str, Any], depth: int) -> Json:
    if "$ref" in schema:
        return st.deferred(lambda: component(schema["$ref"].rsplit("/", 1)[-1], depth + 1))
    if "oneOf" in schema or "anyOf" in schema:
        members = [bodies(m, depth + 1) for m in schema.get("oneOf", schema.get("anyOf", []))]
        disc = (schema.get("discriminator") or {}).get("propertyName")
        if disc:
            unknown = st.dictionaries(KEYS, FREE, max_size=3).flatmap(
                lambda extra: (
                    st.text(max_size=8)
                    .filter(lambda t: t not in schema["discriminator"].get("mapping", {}))
                    .map(lambda kind: obj({**extra, disc: text(kind)}))
                )
            )
        else:
            known = {k for m in schema.get("anyOf", []) for k in merged(m)[0]}
            unknown = st.dictionaries(KEYS.filter(lambda k: k not in known), FREE, min_size=1, max_size=3).map(obj)
        return st.one_of(*members, unknown)
    if "enum" in schema:
        return (st.sampled_from(schema["enum"]) | st.text(max_size=8)).map(text)
    kind = schema.get("type")
    if kind == "string":
        return DATETIMES if schema.get("format") == "date-time" else st.text(max_size=8).map(text)
    if kind == "integer":
        return INTEGERS
    if kind == "number":
        return NUMBERS
    if kind == "boolean":
        return st.booleans().map(text)
    if kind == "array":
        item = bodies(schema.get("items", {}), depth + 1)
        return st.lists(item, max_size=2 if depth < 6 else 0).map(lambda xs: "[" + ",".join(xs) + "]")
    properties, required = merged(schema)
    if properties:
        return model(properties, required, depth)
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict) and extra:
        return st.dictionaries(KEYS, bodies(extra, depth + 1), max_size=2).map(obj)
    return st.dictionaries(KEYS, FREE, max_size=3).map(obj)


def model(properties: dict[str, Any], required: set[str], depth: int) -> Json:
    fixed = {name: bodies(prop, depth + 1) for name, prop in properties.items() if name in required}
    optional = {name: bodies(prop, depth + 1) for name, prop in properties.items() if name not in required}
    if depth > 6:
        optional = {}
    unknown = st.dictionaries(KEYS.filter(lambda k: k not in properties), FREE, max_size=2)
    return st.tuples(st.fixed_dictionaries(fixed, optional=optional), unknown).map(
        lambda parts: obj({**parts[1], **parts[0]})
    )


@cache
def component(name: str, depth: int = 0) -> Json:
    schema = schemas()[name]
    return bodies(schema, depth)


@pytest.mark.needs_spec
@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_document_valid_body_decodes(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(response_schemas()), label="schema")
    body = data.draw(component(name), label="body")
    decoded = structure(json.loads(body), getattr(models, name))
    assert decoded is not None
    # Nested values of list items and timestamps are decoded on first read: read every one of them.
    read_every_field(decoded)


def read_every_field(value: Any) -> None:
    if attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            read_every_field(getattr(value, field.name))
    elif isinstance(value, dict):
        for item in value.values():
            read_every_field(item)
    elif isinstance(value, list):
        for item in value:
            read_every_field(item)


@pytest.mark.needs_spec
def test_every_response_schema_is_covered() -> None:
    names = response_schemas()
    assert len(names) >= 12
    assert all(hasattr(models, name) for name in names)
