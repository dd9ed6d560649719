"""Decoder fuzzing: whatever a server sends, decoding gives a model or ``APIResponseValidationError``, never another
exception. Every model of the converter (``_codec.HOOKS``) through ``structure``, and every operation's parser
through ``transport.decode`` on real ``httpx.Response`` bytes: wrong types, missing fields, nulls, huge numbers,
odd unicode, invalid encodings, and nesting far past the recursion limit."""

from __future__ import annotations

import functools
import inspect
import json
import re
import typing
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from formance_orchestration import AsyncOrchestrationClient, errors
from formance_orchestration._codec.converter import structure
from formance_orchestration._engine.transport import AsyncTransport, RequestSpec
from formance_orchestration._generated import codec as _codec
from formance_orchestration._generated import v2 as _v2

from .ops import OPS, Op, reply_json
from .report import REPORT, heavy_enabled

MODELS: list[Any] = [tp for tp, _, _ in _codec.HOOKS]
KEYS = sorted(set(re.findall(r'data(?:\.get\(|\[)"([^"]+)"', inspect.getsource(_codec))))
PARSED = [op for op in OPS if hasattr(_v2, f"_parse_{op.name}")]
EXAMPLES = 500 if heavy_enabled() else 80  # per fuzz test; nox -s reliability runs the larger number
DEPTHS = [10, 500, 990, 1_000, 5_000, 100_000, 1_000_000] if heavy_enabled() else [990, 100_000]

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(10**400), max_value=10**400)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(st.characters(), max_size=8)  # any code point: surrogates, controls, private use
    | st.sampled_from(
        ["", "ACCOUNT", "WALLET", "STRIPE", "2024-06-01T10:20:30.123456789Z", "24:61:61", "\u202e", "\x00"]
    )
    | st.from_regex(r"\A\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,12})?([Zz]|[+-]\d\d:\d\d)?\Z")
)
keys = st.sampled_from(KEYS) | st.text(max_size=6)
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=6),
    max_leaves=40,
)


def envelope(value: Any) -> st.SearchStrategy[Any]:
    """``value`` alone, or where the parsers look first (``data``, ``cursor``, ``cursor.data``)."""
    return st.sampled_from(
        [value, {"data": value}, {"cursor": value}, {"cursor": {"data": [value], "hasMore": False, "pageSize": 1}}]
    )


def nested(depth: int, key: str = "data") -> Any:
    """``depth`` levels of alternating objects and arrays, built without recursion."""
    value: Any = 0
    for level in range(depth):
        value = {key: value} if level % 2 else [value]
    return value


def outcome(call: Callable[[], Any]) -> str:
    """``decoded`` or ``validation``; any other exception escapes and fails the test."""
    error: errors.APIResponseValidationError | None = None
    try:
        call()
    except errors.APIResponseValidationError as exc:
        error = exc
    if error is None:
        REPORT.fuzz["decoded"] += 1
        return "decoded"
    assert error.path.startswith("$")
    assert error.schema
    REPORT.fuzz["validation"] += 1
    return "validation"


def count(models: int = 0, operations: int = 0) -> None:
    REPORT.fuzz["examples"] += 1
    REPORT.fuzz["models"] = max(REPORT.fuzz["models"], models)
    REPORT.fuzz["operations"] = max(REPORT.fuzz["operations"], operations)


# -- every model, through the converter ------------------------------------------------------------------------


def test_every_model_is_fuzzed() -> None:
    assert len(MODELS) >= 60
    assert {"workflowID", "createdAt", "cursor", "stages"} <= set(KEYS)
    assert len(PARSED) == 14  # every operation with a body to decode


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tp=st.sampled_from(MODELS), data=json_values.flatmap(envelope))
def test_any_json_gives_a_model_or_a_validation_error(tp: Any, data: Any) -> None:
    result = outcome(lambda: structure(data, tp))
    count(models=len(MODELS))
    assert result in ("decoded", "validation")


@settings(max_examples=EXAMPLES // 2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tp=st.sampled_from(MODELS), data=st.dictionaries(st.sampled_from(KEYS), json_values, max_size=10))
def test_objects_with_real_keys_give_a_model_or_a_validation_error(tp: Any, data: dict[str, Any]) -> None:
    outcome(lambda: structure(data | {"data": data, "cursor": data | {"data": [data]}}, tp))
    count(models=len(MODELS))


HOSTILE: list[Any] = [
    None,
    [],
    "",
    0,
    -1,
    2**200,
    10**4000,  # more digits than json.loads accepts, still a Python int
    float("nan"),
    float("inf"),
    "\ud800",
    {"": None},
    {"data": None, "cursor": None},
    nested(5000),  # far past the recursion limit
    {"data": nested(5000)},
    {"cursor": {"data": [nested(5000)], "hasMore": False, "pageSize": 1}},
    {"config": {"stages": [nested(5000, "send")]}},
]


def test_every_model_survives_hostile_values() -> None:
    for tp in MODELS:
        for value in HOSTILE:
            outcome(functools.partial(structure, value, tp))
            count(models=len(MODELS))


# -- every operation, through real responses -------------------------------------------------------------------


@pytest.fixture(scope="module")
def transport() -> AsyncTransport:
    return AsyncOrchestrationClient("http://127.0.0.1:9")._transport  # never sends: no connection is made


def decode(transport: AsyncTransport, op: Op, body: bytes, content_type: str = "application/json") -> Any:
    spec = RequestSpec(operation=op.name, method=op.method, path=op.path())
    request = httpx.Request(op.method, "http://127.0.0.1:9" + op.path())
    response = httpx.Response(200, content=body, headers={"Content-Type": content_type}, request=request)
    parse = getattr(_v2, f"_parse_{op.name}")
    return transport.decode(spec, response, parse)


def test_the_canned_answers_decode(transport: AsyncTransport) -> None:
    for op in PARSED:
        assert decode(transport, op, op.reply.body) is not None


def encodings(value: Any) -> st.SearchStrategy[bytes]:
    """``value`` as a server might send it: UTF-8, escaped, UTF-16, with a BOM, cut short, or as garbage."""
    text = json.dumps(value, ensure_ascii=True)
    return st.sampled_from(
        [
            text.encode(),
            text.encode("utf-16"),
            b"\xef\xbb\xbf" + text.encode(),
            text.encode()[: max(1, len(text) // 2)],
            text.encode() + b"\xff\xfe",
            text.replace('"', "'").encode(),
        ]
    )


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(op=st.sampled_from(PARSED), body=json_values.flatmap(envelope).flatmap(encodings) | st.binary(max_size=64))
def test_any_body_gives_a_result_or_a_validation_error(transport: AsyncTransport, op: Op, body: bytes) -> None:
    outcome(lambda: decode(transport, op, body))
    count(operations=len(PARSED))


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(op=st.sampled_from(PARSED), data=st.data())
def test_mutated_valid_answers_give_a_result_or_a_validation_error(
    transport: AsyncTransport, op: Op, data: st.DataObject
) -> None:
    """A valid answer with one field replaced, removed or nulled anywhere in it."""
    answer = reply_json(op)
    path = data.draw(st.sampled_from(list(paths(answer))))
    replacement = data.draw(st.sampled_from(["remove", "null"]) | json_values)
    body = json.dumps(mutate(answer, path, replacement), ensure_ascii=True).encode()
    outcome(lambda: decode(transport, op, body))
    count(operations=len(PARSED))


@pytest.mark.parametrize("depth", DEPTHS)
def test_deep_nesting_through_every_operation(transport: AsyncTransport, depth: int) -> None:
    """Nesting inside the envelope and inside a page item, under real keys: RecursionError never escapes."""
    for key in ("data", "stages", "event"):
        opening = f'{{"{key}": [' * (depth // 2)
        closing = "]}" * (depth // 2)
        for body in (f'{{"data": {opening}1{closing}}}', f'{{"cursor": {{"data": [{opening}1{closing}]}}}}'):
            for op in PARSED:
                outcome(functools.partial(decode, transport, op, body.encode()))
                count(operations=len(PARSED))
    REPORT.fault(f"JSON nested {depth:,} deep")


# -- helpers ---------------------------------------------------------------------------------------------------

Path = tuple[str | int, ...]


def paths(value: Any, prefix: Path = ()) -> typing.Iterator[Path]:
    """Every path to a value inside ``value`` (the root excluded)."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield (*prefix, key)
            yield from paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield (*prefix, index)
            yield from paths(child, (*prefix, index))


def mutate(value: Any, path: Path, replacement: Any) -> Any:
    """A copy of ``value`` with the item at ``path`` removed (``"remove"``), nulled (``"null"``) or replaced."""
    copy = json.loads(json.dumps(value))
    parent = copy
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if replacement == "remove":
        del parent[last]
    else:
        parent[last] = None if replacement == "null" else replacement
    return copy
