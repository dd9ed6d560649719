"""The JSON parser of answers: orjson when the ``speedups`` extra is installed, ``json.loads`` otherwise.

Amounts are big integers: neither parser may lose a digit. orjson reads integers beyond 64 bits as floats, so
such bodies must go to ``json.loads``; these tests run the same checks with orjson importable and without it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from formance_orchestration._codec import parse

BIG = [
    2**64 - 1,  # the largest integer orjson reads exactly
    2**64,
    -(2**63) - 1,  # 19 digits and a minus sign
    -(10**19) + 1,
    10**30 + 7,
    -(10**40) - 3,
    int("9" * 200),
]


def _page_with(amounts: list[int]) -> bytes:
    items = [{"id": f"run-{i}", "amount": {"amount": amount, "asset": "EUR/2"}} for i, amount in enumerate(amounts)]
    filler = [{"id": f"filler-{i}", "createdAt": "2026-11-25T10:00:00.123456789Z", "n": i} for i in range(500)]
    return json.dumps({"cursor": {"data": [*filler, *items], "hasMore": False}}).encode()


def _check_exact(loads: Any) -> None:
    for amount in BIG:
        for body in (str(amount).encode(), json.dumps({"amount": amount}).encode(), _page_with([1, amount, 2])):
            value = loads(body)
            assert value == json.loads(body)
            found = value if isinstance(value, int) else json.dumps(value)
            assert str(amount) in str(found)
    # Numbers near the 64-bit limits, floats and text that merely looks like a big number.
    for text in (b"9223372036854775807", b"-9223372036854775808", b"1e+21", b"0.1", b'"123456789012345678901234"'):
        assert loads(text) == json.loads(text)
        assert type(loads(text)) is type(json.loads(text))


@pytest.mark.skipif(parse.FAST_PARSER is None, reason="orjson (the speedups extra) is not installed")
def test_big_integers_stay_exact_with_orjson() -> None:
    assert parse.FAST_PARSER == "orjson"
    _check_exact(parse.loads)


def test_big_integers_stay_exact_without_orjson() -> None:
    code = textwrap.dedent(
        """
        import sys
        sys.modules["orjson"] = None  # as if the speedups extra were not installed
        from formance_orchestration._codec import parse
        from tests.test_json_parser import _check_exact
        assert parse.FAST_PARSER is None
        _check_exact(parse.loads)
        print("ok")
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert done.stdout.strip() == "ok", done.stderr


JSON_VALUES = st.recursive(
    st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text() | st.booleans() | st.none(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4),
)


@given(JSON_VALUES)
def test_both_parsers_agree_with_json_loads(value: Any) -> None:
    body = json.dumps(value).encode()
    assert parse.loads(body) == json.loads(body)
    assert json.dumps(parse.loads(body)) == json.dumps(json.loads(body))


@pytest.mark.parametrize(
    "body",
    [b"", b"{", b"NaN", b'["\\ud800"]', b"[" * 5000 + b"]" * 5000, b"\xef\xbb\xbf{}", b'{"a": 1e400}'],
)
def test_what_orjson_refuses_gets_json_loads_answer(body: bytes) -> None:
    try:
        expected: Any = json.loads(body)
    except (ValueError, RecursionError) as exc:
        with pytest.raises(type(exc)):
            parse.loads(body)
    else:
        assert json.dumps(parse.loads(body)) == json.dumps(expected)
