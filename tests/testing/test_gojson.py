"""Go-compatible encodings: durations, floats, timestamps, cursors, decoder errors."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from formance_orchestration.testing._gojson import (
    NS,
    GoJSONError,
    cursor_decode,
    cursor_encode,
    decode_json,
    dumps,
    format_duration,
    format_time,
    go_sprint,
    json_float,
    parse_duration,
    parse_rfc3339,
)

INT64 = st.integers(min_value=-(2**63) + 1, max_value=2**63 - 1)


@pytest.mark.parametrize(
    ("ns", "text"),
    [
        (0, "0s"),
        (1, "1ns"),
        (1_500, "1.5\u00b5s"),
        (500 * 10**6, "500ms"),
        (1_500 * 10**6, "1.5s"),
        (5 * NS, "5s"),
        (60 * NS, "1m0s"),
        (90 * 60 * NS, "1h30m0s"),
        (-3 * NS, "-3s"),
        (100 * 3600 * NS + 1, "100h0m0.000000001s"),
    ],
)
def test_format_duration_matches_go(ns: int, text: str) -> None:
    assert format_duration(ns) == text


@pytest.mark.parametrize(
    ("text", "ns"),
    [("5s", 5 * NS), ("1m", 60 * NS), ("1h30m", 5400 * NS), ("500ms", NS // 2), ("1.5s", 1_500_000_000)],
)
def test_parse_duration(text: str, ns: int) -> None:
    assert parse_duration(text) == ns


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1d", 'time: unknown unit "d" in duration "1d"'),
        ("1", 'time: missing unit in duration "1"'),
        ("abc", 'time: invalid duration "abc"'),
        ("", 'time: invalid duration ""'),
        (".s", 'time: invalid duration ".s"'),
    ],
)
def test_parse_duration_errors_are_go_messages(text: str, message: str) -> None:
    with pytest.raises(ValueError, match="^" + message.replace(".", r"\.") + "$"):
        parse_duration(text)


@given(INT64)
def test_duration_round_trip(ns: int) -> None:
    assert parse_duration(format_duration(ns)) == ns


@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=1000), st.sampled_from(["ns", "us", "ms", "s", "m", "h"])),
        min_size=1,
        max_size=4,
    )
)
def test_parse_duration_sums_components(parts: list[tuple[int, str]]) -> None:
    scale = {"ns": 1, "us": 1000, "ms": 10**6, "s": NS, "m": 60 * NS, "h": 3600 * NS}
    text = "".join(f"{value}{unit}" for value, unit in parts)
    assert parse_duration(text) == sum(value * scale[unit] for value, unit in parts)


@pytest.mark.parametrize(
    ("value", "text"),
    [(1200000.0, "1200000"), (1e21, "1e+21"), (1e-7, "1e-7"), (0.1, "0.1"), (-5e-7, "-5e-7"), (1.5e300, "1.5e+300")],
)
def test_json_float_like_go(value: float, text: str) -> None:
    assert json_float(value) == text


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_json_float_round_trips(value: float) -> None:
    assert float(json_float(value)) == value


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, "<nil>"), (True, "true"), (1e6, "1e+06"), ({"b": 1.0, "a": [1.0, "x"]}, "map[a:[1 x] b:1]")],
)
def test_go_sprint(value: object, text: str) -> None:
    assert go_sprint(value) == text


def test_dumps_escapes_like_go() -> None:
    assert dumps({"a": "<&>", "b": "\u2028"}) == b'{"a":"\\u003c\\u0026\\u003e","b":"\\u2028"}\n'


def test_time_formatting_trims_and_rounds() -> None:
    ns = 1_700_000_000_123_456_789
    assert format_time(ns) == "2023-11-14T22:13:20.123456789Z"
    assert format_time(ns, micro=True) == "2023-11-14T22:13:20.123457Z"
    assert format_time(1_700_000_000 * NS) == "2023-11-14T22:13:20Z"
    assert format_time(1_700_000_000 * NS + 500_000_000) == "2023-11-14T22:13:20.5Z"


@given(st.integers(min_value=0, max_value=4_000_000_000 * NS))
def test_time_round_trip(ns: int) -> None:
    assert parse_rfc3339(format_time(ns)) == ns


def test_parse_rfc3339_rejects_non_rfc3339() -> None:
    assert parse_rfc3339("2024-01-01T00:00:00+01:00") == parse_rfc3339("2023-12-31T23:00:00Z")
    for bad in ("2024-01-01", "2024-13-01T00:00:00Z", "2024-01-01 00:00:00Z", "2024-01-01t00:00:00Z"):
        assert parse_rfc3339(bad) is None


def test_cursor_matches_the_documented_example() -> None:
    cursor = cursor_encode(15, 0, 15, None)
    assert cursor == "eyJvZmZzZXQiOjE1LCJvcmRlciI6MCwicGFnZVNpemUiOjE1LCJmaWx0ZXJzIjpudWxsfQ"
    assert cursor_decode(cursor) == {"offset": 15, "order": 0, "pageSize": 15, "filters": None}


@given(
    st.integers(min_value=0, max_value=2**64 - 1),
    st.integers(min_value=0, max_value=2**32),
    st.one_of(st.none(), st.fixed_dictionaries({"WorkflowID": st.text(), "Running": st.booleans()})),
)
def test_cursor_round_trip(offset: int, page_size: int, filters: object) -> None:
    cursor = cursor_encode(offset, 0, page_size, filters)
    assert "=" not in cursor
    assert cursor_decode(cursor) == {"offset": offset, "order": 0, "pageSize": page_size, "filters": filters}


@pytest.mark.parametrize("bad", ["a", "!!", "eyJ=", "e30="])
def test_cursor_decode_rejects_bad_base64(bad: str) -> None:
    with pytest.raises(ValueError, match=r"."):
        cursor_decode(bad)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "EOF"),
        (b"  \n", "EOF"),
        (b"{", "unexpected EOF"),
        (b"x", "invalid character 'x' looking for beginning of value"),
    ],
)
def test_decode_errors_are_go_messages(body: bytes, message: str) -> None:
    with pytest.raises(GoJSONError) as info:
        decode_json(body)
    assert str(info.value) == message


def test_decode_reads_only_the_first_value() -> None:
    assert decode_json(b'{"a": 1} trailing garbage') == {"a": 1}
    with pytest.raises(GoJSONError):
        decode_json(b"NaN")
    assert json.loads(dumps(decode_json(b'{"a": [1, 2.5]}'))) == {"a": [1, 2.5]}
