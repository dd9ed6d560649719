"""The trigger expression evaluator (expr-lang subset)."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from formance_orchestration.testing import ExprError, compile_expr, evaluate
from formance_orchestration.testing._expr import render_value

EVENT: dict[str, Any] = {
    "amount": 1200000.0,
    "metadata": {"psp": "stripe", "n": 2.0},
    "prefix": "p",
    "id": "x1",
    "tags": ["a", "b"],
    "ok": True,
}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("event.amount > 1000", True),
        ('event.metadata.psp == "stripe"', True),
        ('event.prefix + "-" + event.id', "p-x1"),
        ("event.missing", None),
        ('"a" in event.tags', True),
        ('"c" not in event.tags', True),
        ('"psp" in event.metadata', True),
        ("not (1 > 2) and true", True),
        ("!event.ok || false", False),
        ("event.ok and event.amount >= 1200000", True),
        ("1 + 2 * 3", 7),
        ("(1 + 2) * 3", 9),
        ("7 % -3", 1),
        ("-7 % 3", -1),
        ("10 / 4", 2.5),
        ("event.metadata.n + 1", 3.0),
        ("event?.x?.y", None),
        ("event.tags[1]", "b"),
        ("event.tags[-1]", "b"),
        ('event["prefix"]', "p"),
        ("len(event.tags)", 2),
        ('upper("ab") + lower("CD")', "ABcd"),
        ('event.amount > 1 ? "big" : "small"', "big"),
        ("nil ?? 3", 3),
        ('"abc" contains "b" and "abc" startsWith "a" and "abc" endsWith "c"', True),
        ("1 == 1.0", True),
        ("nil == nil", True),
        ('1 == 1 and "1" != "2"', True),
        ("`raw\\n`", "raw\\n"),
        ("'single'", "single"),
        ("1_000 + 0x10", 1016),
    ],
)
def test_evaluates_the_documented_subset(source: str, expected: Any) -> None:
    assert evaluate(source, EVENT) == expected


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("a + b", "invalid operation: <nil> + <nil> (1:3)\n | a + b\n | ..^"),
        ("event.missing.x", "cannot fetch x from <nil> (1:15)\n | event.missing.x\n | ..............^"),
        ('event.amount + "x"', "invalid operation: float64 + string (1:14)"),
        ("event.missing and true", "interface conversion: interface {} is nil, not bool (1:15)"),
        ("event.tags[5]", "index out of range: 5 (array length is 2)"),
        ("event.prefix < 1", "invalid operation: string < int"),
        ("1 in event.prefix", 'operator "in" not defined on string'),
    ],
)
def test_runtime_errors_look_like_expr_lang(source: str, message: str) -> None:
    with pytest.raises(ExprError) as info:
        evaluate(source, EVENT)
    assert str(info.value).startswith(message)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("event.amount >", "unexpected token EOF (1:15)\n | event.amount >\n | ..............^"),
        ('1 + "a"', "invalid operation: + (mismatched types int and string) (1:3)"),
        ("!1", "invalid operation: ! (mismatched type int) (1:1)"),
        ("(1", "unexpected token EOF (1:3)"),
        ('"abc', "literal not terminated (1:1)"),
        ("a # b", "operator '#' is not supported by the in-memory fake"),
        ("", "unexpected token EOF (1:1)"),
        ("1 2", 'unexpected token Number("2") (1:3)'),
        ("a @ b", "unrecognized character: U+0040 '@' (1:3)"),
        ('link(event, "payment")', "function link() is not supported by the in-memory fake"),
        ("foo(1)", "function foo() is not supported by the in-memory fake"),
        ("{a: 1}", "map literals are not supported"),
        ('"a" matches "b"', "operator 'matches' is not supported"),
    ],
)
def test_compile_errors(source: str, message: str) -> None:
    with pytest.raises(ExprError) as info:
        compile_expr(source)
    assert str(info.value).startswith(message)


def test_error_snippet_multiline_and_unicode() -> None:
    with pytest.raises(ExprError) as info:
        compile_expr("1 +\n  )")
    assert str(info.value) == 'unexpected token Bracket(")") (2:3)\n |   )\n | ..^'
    with pytest.raises(ExprError) as info:
        evaluate('"é" + 1 + a', {})
    assert "\n | " in str(info.value)
    assert "^" not in str(info.value)  # expr-lang drops the caret line after a multi-byte rune


@pytest.mark.parametrize(
    ("value", "text"),
    [(1200000.0, "1200000"), (3, "3"), (True, "true"), (None, "<nil>"), ({"a": 1.0}, "map[a:1]"), ([1e6], "[1e+06]")],
)
def test_values_render_like_the_service(value: Any, text: str) -> None:
    assert render_value(value) == text


# Random expressions over literals, checked against Python's own arithmetic and logic.


def _int_exprs() -> st.SearchStrategy[tuple[str, int]]:
    leaf = st.integers(min_value=0, max_value=1000).map(lambda n: (str(n), n))

    def extend(children: st.SearchStrategy[tuple[str, int]]) -> st.SearchStrategy[tuple[str, int]]:
        def combine(op: str, a: tuple[str, int], b: tuple[str, int]) -> tuple[str, int]:
            value = {"+": a[1] + b[1], "-": a[1] - b[1], "*": a[1] * b[1]}[op]
            return f"({a[0]} {op} {b[0]})", value

        negate = children.map(lambda a: (f"-{a[0]}", -a[1]))
        return st.one_of(st.builds(combine, st.sampled_from(["+", "-", "*"]), children, children), negate)

    return st.recursive(leaf, extend, max_leaves=12)


def _bool_exprs() -> st.SearchStrategy[tuple[str, bool]]:
    def compare(op: str, a: tuple[str, int], b: tuple[str, int]) -> tuple[str, bool]:
        table = {"<": a[1] < b[1], "<=": a[1] <= b[1], ">": a[1] > b[1], ">=": a[1] >= b[1], "==": a[1] == b[1]}
        table["!="] = a[1] != b[1]
        return f"{a[0]} {op} {b[0]}", table[op]

    leaf = st.one_of(
        st.booleans().map(lambda b: (str(b).lower(), b)),
        st.builds(compare, st.sampled_from(["<", "<=", ">", ">=", "==", "!="]), _int_exprs(), _int_exprs()),
    )

    def extend(children: st.SearchStrategy[tuple[str, bool]]) -> st.SearchStrategy[tuple[str, bool]]:
        def combine(op: str, a: tuple[str, bool], b: tuple[str, bool]) -> tuple[str, bool]:
            value = (a[1] and b[1]) if op in ("&&", "and") else (a[1] or b[1])
            return f"({a[0]} {op} {b[0]})", value

        negate = st.builds(lambda op, a: (f"{op}({a[0]})", not a[1]), st.sampled_from(["!", "not "]), children)
        return st.one_of(st.builds(combine, st.sampled_from(["&&", "||", "and", "or"]), children, children), negate)

    return st.recursive(leaf, extend, max_leaves=8)


@given(_int_exprs())
def test_random_arithmetic_matches_python(case: tuple[str, int]) -> None:
    source, expected = case
    assert evaluate(source, {}) == expected


@given(_bool_exprs())
def test_random_logic_matches_python(case: tuple[str, bool]) -> None:
    source, expected = case
    assert evaluate(source, {}) is expected


@given(st.dictionaries(st.from_regex(r"[a-z]{1,8}", fullmatch=True), st.text(max_size=20), max_size=5))
def test_member_access_and_concatenation(payload: dict[str, str]) -> None:
    for key, value in payload.items():
        assert evaluate(f"event.{key}", payload) == value
        assert evaluate(f'event["{key}"] + "!"', payload) == value + "!"


@given(st.text(max_size=30))
def test_arbitrary_input_never_crashes_the_compiler(source: str) -> None:
    with contextlib.suppress(ExprError):
        compile_expr(source).run(EVENT)
