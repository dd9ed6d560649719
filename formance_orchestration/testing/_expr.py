"""A small, safe evaluator for the expr-lang subset used by trigger ``filter`` and ``vars``.

The real service compiles these with expr-lang (``github.com/expr-lang/expr``) and binds ``event`` to the
event payload. This module parses the documented subset itself (no ``eval``) and mimics expr-lang's
semantics and error texts closely enough for tests:

* literals: numbers (``1``, ``1.5``, ``1e3``, ``1_000``), strings (``"a"``, ``'a'``, `` `raw` ``), ``true``,
  ``false``, ``nil``, arrays ``[1, 2]``;
* member access ``event.a.b``, optional ``event?.a``, indexing ``event.items[0]`` / ``event["k"]``;
* operators ``== != < <= > >=``, ``&& || !`` and ``and or not``, ``+ - * / %``, ``in`` / ``not in``,
  ``contains startsWith endsWith``, ``??`` and the ternary ``a ? b : c``, parentheses;
* builtins ``len``, ``upper``, ``lower``, ``trim``.

Not supported (rejected when the expression is compiled, so createTrigger answers 400):
``link(...)`` (it performs an HTTP GET from the server) and every other function, map literals,
closures/predicates (``all``, ``filter``...), ranges, pipes and ``matches``.

Errors are formatted like expr-lang's ``file.Error``: ``message (line:column)`` then the source line and a
caret line, e.g. ``invalid operation: <nil> + <nil> (1:3)\\n | a + b\\n | ..^``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ._gojson import go_sprint, go_type_name, json_float

__all__ = ["ExprError", "Program", "compile_expr", "evaluate", "render_value"]


class ExprError(Exception):
    """An expression that failed to compile or run; ``str()`` is expr-lang-style text with a snippet."""

    def __init__(self, message: str, source: str, position: int) -> None:
        self.message = message
        self.source = source
        self.position = position
        super().__init__(_format_error(message, source, position))


def _format_error(message: str, source: str, position: int) -> str:
    before = source[:position]
    line = before.count("\n") + 1
    line_start = before.rfind("\n") + 1
    column = position - line_start
    line_end = source.find("\n", line_start)
    snippet = (source[line_start:] if line_end < 0 else source[line_start:line_end]).replace("\t", " ")
    text = f"{message} ({line}:{column + 1})\n | {snippet}"
    prefix = snippet[:column]
    # expr-lang drops the caret line when a multi-byte rune precedes or sits under the caret.
    if all(ord(c) < 0x80 for c in prefix) and (column >= len(snippet) or ord(snippet[column]) < 0x80):
        text += "\n | " + "." * column + "^"
    return text


# --------------------------------------------------------------------------------------------- lexer


@dataclass(frozen=True)
class _Token:
    kind: str  # Identifier, Number, String, Operator, Bracket, EOF
    value: str
    pos: int
    literal: Any = None

    def describe(self) -> str:
        if self.kind == "EOF":
            return "EOF"
        escaped = self.value.replace("\\", "\\\\").replace('"', '\\"')
        return f'{self.kind}("{escaped}")'


_NUMBER = re.compile(r"0[xX][0-9a-fA-F_]+|(?:\d[\d_]*)?(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?")
_IDENT = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
# Longest first, so "?." wins over "?" and "<=" over "<".
_OPERATORS: tuple[str, ...] = ("?.", "??", "==", "!=", "<=", ">=", "&&", "||", "**", "..", "<", ">", "+", "-", "*")
_OPERATORS += ("/", "%", "!", "?", ":", ".", ",", "^", "|", "#")
_WORD_OPERATORS = {"and", "or", "not", "in", "contains", "startsWith", "endsWith", "matches"}
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "a": "\a", "\\": "\\", "'": "'"}
_ESCAPES['"'] = '"'


def _lex(source: str) -> list[_Token]:
    tokens: list[_Token] = []
    index = 0
    while index < len(source):
        char = source[index]
        if char in " \t\r\n":
            index += 1
            continue
        if char.isdigit() or (char == "." and index + 1 < len(source) and source[index + 1].isdigit()):
            match = _NUMBER.match(source, index)
            assert match is not None
            text = match.group(0)
            tokens.append(_Token("Number", text, index, _number_literal(text, source, index)))
            index = match.end()
            continue
        if char in "\"'":
            value, end = _string_literal(source, index)
            tokens.append(_Token("String", value, index, value))
            index = end
            continue
        if char == "`":
            end = source.find("`", index + 1)
            if end < 0:
                raise ExprError("literal not terminated", source, index)
            value = source[index + 1 : end]
            tokens.append(_Token("String", value, index, value))
            index = end + 1
            continue
        ident = _IDENT.match(source, index)
        if ident is not None:
            word = ident.group(0)
            kind = "Operator" if word in _WORD_OPERATORS else "Identifier"
            tokens.append(_Token(kind, word, index))
            index = ident.end()
            continue
        if char in "()[]{}":
            tokens.append(_Token("Bracket", char, index))
            index += 1
            continue
        for operator in _OPERATORS:
            if source.startswith(operator, index):
                tokens.append(_Token("Operator", operator, index))
                index += len(operator)
                break
        else:
            raise ExprError(f"unrecognized character: U+{ord(char):04X} '{char}'", source, index)
    tokens.append(_Token("EOF", "", len(source)))
    return tokens


def _number_literal(text: str, source: str, pos: int) -> int | float:
    clean = text.replace("_", "")
    try:
        if clean.lower().startswith("0x"):
            return int(clean, 16)
        if any(c in clean for c in ".eE"):
            return float(clean)
        value = int(clean)
    except ValueError:
        raise ExprError(f"invalid number literal: {text}", source, pos) from None
    if value > (1 << 63) - 1:
        raise ExprError(f"integer literal overflows: {text}", source, pos)
    return value


def _string_literal(source: str, start: int) -> tuple[str, int]:
    quote = source[start]
    index = start + 1
    out: list[str] = []
    while index < len(source):
        char = source[index]
        if char == quote:
            return "".join(out), index + 1
        if char == "\n":
            break
        if char == "\\":
            index += 1
            if index >= len(source):
                break
            escape = source[index]
            if escape in _ESCAPES:
                out.append(_ESCAPES[escape])
                index += 1
                continue
            width = {"x": 2, "u": 4, "U": 8}.get(escape)
            if width is not None:
                digits = source[index + 1 : index + 1 + width]
                if len(digits) == width and all(c in "0123456789abcdefABCDEF" for c in digits):
                    out.append(chr(int(digits, 16)))
                    index += 1 + width
                    continue
            raise ExprError("invalid char escape", source, index)
        out.append(char)
        index += 1
    raise ExprError("literal not terminated", source, start)


# --------------------------------------------------------------------------------------------- parser

# A node is a small tuple-like object; `kind` picks the evaluator branch, `pos` locates errors.


@dataclass(frozen=True)
class _Node:
    kind: str  # literal, ident, member, index, unary, binary, ternary, array, call
    pos: int
    value: Any = None
    children: tuple[_Node, ...] = ()
    optional: bool = False


_BINARY = {
    "or": 10,
    "||": 10,
    "and": 15,
    "&&": 15,
    "==": 20,
    "!=": 20,
    "<": 20,
    ">": 20,
    "<=": 20,
    ">=": 20,
    "in": 20,
    "contains": 20,
    "startsWith": 20,
    "endsWith": 20,
    "+": 30,
    "-": 30,
    "*": 60,
    "/": 60,
    "%": 60,
    "??": 500,
}
_UNARY = {"not": 50, "!": 50, "-": 90, "+": 90}
_UNSUPPORTED_OPERATORS = {"matches", "..", "**", "^", "|", "#"}
_BUILTINS = {"len", "upper", "lower", "trim"}


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = _lex(source)
        self.index = 0

    @property
    def current(self) -> _Token:
        return self.tokens[self.index]

    def advance(self) -> _Token:
        token = self.tokens[self.index]
        if token.kind != "EOF":
            self.index += 1
        return token

    def error(self, token: _Token, message: str | None = None) -> ExprError:
        return ExprError(message or f"unexpected token {token.describe()}", self.source, token.pos)

    def expect(self, kind: str, value: str) -> _Token:
        token = self.current
        if token.kind != kind or token.value != value:
            raise self.error(token)
        return self.advance()

    def parse(self) -> _Node:
        node = self.expression(0)
        if self.current.kind != "EOF":
            raise self.error(self.current)
        return node

    def expression(self, precedence: int) -> _Node:
        left = self.unary()
        while True:
            token = self.current
            if token.kind != "Operator":
                break
            operator = token.value
            negate = False
            if operator == "not":
                # `a not in b` is the only binary use of `not`.
                following = self.tokens[self.index + 1]
                if following.kind == "Operator" and following.value == "in" and _BINARY["in"] >= precedence:
                    self.advance()
                    operator, negate = "in", True
                else:
                    break
            if operator in _UNSUPPORTED_OPERATORS:
                raise self.error(token, f"operator {operator!r} is not supported by the in-memory fake")
            level = _BINARY.get(operator)
            if level is None or level < precedence:
                break
            self.advance()
            right = self.expression(level + 1)
            left = _Node("binary", token.pos, operator, (left, right))
            if negate:
                left = _Node("unary", token.pos, "not", (left,))
        if precedence == 0 and self.current.kind == "Operator" and self.current.value == "?":
            question = self.advance()
            then = self.expression(0)
            self.expect("Operator", ":")
            otherwise = self.expression(0)
            left = _Node("ternary", question.pos, None, (left, then, otherwise))
        return left

    def unary(self) -> _Node:
        token = self.current
        if token.kind == "Operator" and token.value in _UNARY:
            self.advance()
            operand = self.expression(_UNARY[token.value])
            return _Node("unary", token.pos, token.value, (operand,))
        return self.postfix(self.primary())

    def primary(self) -> _Node:
        token = self.advance()
        if token.kind in ("Number", "String"):
            return _Node("literal", token.pos, token.literal)
        if token.kind == "Identifier":
            if token.value in ("true", "false"):
                return _Node("literal", token.pos, token.value == "true")
            if token.value == "nil":
                return _Node("literal", token.pos, None)
            if self.current.kind == "Bracket" and self.current.value == "(":
                return self.call(token)
            return _Node("ident", token.pos, token.value)
        if token.kind == "Bracket" and token.value == "(":
            inner = self.expression(0)
            self.expect("Bracket", ")")
            return inner
        if token.kind == "Bracket" and token.value == "[":
            items: list[_Node] = []
            while not (self.current.kind == "Bracket" and self.current.value == "]"):
                items.append(self.expression(0))
                if self.current.kind == "Operator" and self.current.value == ",":
                    self.advance()
                    continue
                break
            self.expect("Bracket", "]")
            return _Node("array", token.pos, None, tuple(items))
        if token.kind == "Bracket" and token.value == "{":
            raise self.error(token, "map literals are not supported by the in-memory fake")
        raise self.error(token)

    def call(self, name: _Token) -> _Node:
        if name.value not in _BUILTINS:
            raise self.error(
                name,
                f"function {name.value}() is not supported by the in-memory fake"
                + (" (it performs an HTTP GET from the server)" if name.value == "link" else ""),
            )
        self.expect("Bracket", "(")
        args: list[_Node] = []
        while not (self.current.kind == "Bracket" and self.current.value == ")"):
            args.append(self.expression(0))
            if self.current.kind == "Operator" and self.current.value == ",":
                self.advance()
                continue
            break
        self.expect("Bracket", ")")
        if len(args) != 1:
            raise self.error(name, f"invalid number of arguments (expected 1, got {len(args)})")
        return _Node("call", name.pos, name.value, tuple(args))

    def postfix(self, node: _Node) -> _Node:
        while True:
            token = self.current
            if token.kind == "Operator" and token.value in (".", "?."):
                self.advance()
                name = self.advance()
                if name.kind not in ("Identifier", "Operator") or not _IDENT.fullmatch(name.value):
                    raise self.error(name)
                node = _Node("member", name.pos, name.value, (node,), optional=token.value == "?.")
            elif token.kind == "Bracket" and token.value == "[":
                self.advance()
                index = self.expression(0)
                self.expect("Bracket", "]")
                node = _Node("index", token.pos, None, (node, index))
            else:
                return node


# --------------------------------------------------------------------------------------------- checker

# Static types, as far as literals reveal them; "unknown" is expr-lang's interface{} (no environment).
_NUMERIC = {"int", "float64"}


def _static_type(node: _Node, source: str) -> str:
    kind = node.kind
    if kind == "literal":
        value = node.value
        if value is None:
            return "nil"
        return go_type_name(value)
    if kind == "array":
        for child in node.children:
            _static_type(child, source)
        return "[]interface {}"
    if kind in ("ident", "member", "index"):
        for child in node.children:
            _static_type(child, source)
        return "unknown"
    if kind == "call":
        argument = _static_type(node.children[0], source)
        if node.value == "len":
            if argument not in ("unknown", "string", "[]interface {}"):
                raise ExprError(f"invalid argument for len (type {argument})", source, node.pos)
            return "int"
        if argument not in ("unknown", "string"):
            raise ExprError(f"invalid argument for {node.value} (type {argument})", source, node.pos)
        return "string"
    if kind == "ternary":
        condition = _static_type(node.children[0], source)
        if condition not in ("unknown", "bool"):
            raise ExprError(f"non-bool expression (type {condition}) used as condition", source, node.pos)
        then = _static_type(node.children[1], source)
        otherwise = _static_type(node.children[2], source)
        return then if then == otherwise else "unknown"
    if kind == "unary":
        operand = _static_type(node.children[0], source)
        operator = node.value
        if operator in ("not", "!"):
            if operand not in ("unknown", "bool"):
                raise ExprError(f"invalid operation: {operator} (mismatched type {operand})", source, node.pos)
            return "bool"
        if operand not in ("unknown", *_NUMERIC):
            raise ExprError(f"invalid operation: {operator} (mismatched type {operand})", source, node.pos)
        return operand
    assert kind == "binary"
    left = _static_type(node.children[0], source)
    right = _static_type(node.children[1], source)
    operator = node.value
    if "unknown" in (left, right):
        return "bool" if _BINARY[operator] in (10, 15, 20) else "unknown"

    def mismatch() -> ExprError:
        return ExprError(f"invalid operation: {operator} (mismatched types {left} and {right})", source, node.pos)

    if operator in ("and", "&&", "or", "||"):
        if left != "bool" or right != "bool":
            raise mismatch()
        return "bool"
    if operator in ("==", "!="):
        if left != right and not (left in _NUMERIC and right in _NUMERIC) and "nil" not in (left, right):
            raise mismatch()
        return "bool"
    if operator in ("<", ">", "<=", ">="):
        if not ((left in _NUMERIC and right in _NUMERIC) or left == right == "string"):
            raise mismatch()
        return "bool"
    if operator == "in":
        if right != "[]interface {}":
            raise mismatch()
        return "bool"
    if operator in ("contains", "startsWith", "endsWith"):
        if left != "string" or right != "string":
            raise mismatch()
        return "bool"
    if operator == "??":
        return left if left != "nil" else right
    if operator == "+" and left == right == "string":
        return "string"
    if left in _NUMERIC and right in _NUMERIC:
        if operator == "%":
            if left != "int" or right != "int":
                raise mismatch()
            return "int"
        if operator == "/":
            return "float64"
        return "int" if left == right == "int" else "float64"
    raise mismatch()


# --------------------------------------------------------------------------------------------- evaluator


class _RuntimeError(Exception):
    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _as_bool(value: Any, position: int) -> bool:
    if isinstance(value, bool):
        return value
    # expr-lang's VM does a Go type assertion; this is the panic text it recovers.
    shown = "nil" if value is None else go_type_name(value)
    raise _RuntimeError(f"interface conversion: interface {{}} is {shown}, not bool", position)


def _equal(left: Any, right: Any) -> bool:
    if _is_number(left) and _is_number(right):
        return bool(left == right)
    if type(left) is not type(right):
        return False
    return bool(left == right)


def _arith(operator: str, left: Any, right: Any, position: int) -> Any:
    def invalid() -> _RuntimeError:
        return _RuntimeError(
            f"invalid operation: {go_type_name(left)} {operator} {go_type_name(right)}",
            position,
        )

    if operator == "+" and isinstance(left, str) and isinstance(right, str):
        return left + right
    if not (_is_number(left) and _is_number(right)):
        raise invalid()
    both_int = isinstance(left, int) and isinstance(right, int)
    if operator == "+":
        return left + right
    if operator == "-":
        return left - right
    if operator == "*":
        return left * right
    if operator == "/":
        if right == 0:
            return math.copysign(math.inf, left) if left else math.nan
        return float(left) / float(right)
    if operator == "%":
        if not both_int:
            raise invalid()
        if right == 0:
            raise _RuntimeError("runtime error: integer divide by zero", position)
        # Go's % truncates toward zero (the sign follows the dividend), unlike Python's.
        magnitude = abs(left) % abs(right)
        return magnitude if left >= 0 else -magnitude
    raise invalid()


def _compare(operator: str, left: Any, right: Any, position: int) -> bool:
    if (_is_number(left) and _is_number(right)) or (isinstance(left, str) and isinstance(right, str)):
        if operator == "<":
            return bool(left < right)
        if operator == ">":
            return bool(left > right)
        if operator == "<=":
            return bool(left <= right)
        return bool(left >= right)
    raise _RuntimeError(f"invalid operation: {go_type_name(left)} {operator} {go_type_name(right)}", position)


def _fetch(base: Any, key: Any, position: int) -> Any:
    if isinstance(base, Mapping):
        return base.get(key) if isinstance(key, str) else None
    if isinstance(base, list) and _is_number(key) and float(key).is_integer():
        index = int(key)
        if index < 0:
            index += len(base)
        if not 0 <= index < len(base):
            raise _RuntimeError(f"index out of range: {int(key)} (array length is {len(base)})", position)
        return base[index]
    raise _RuntimeError(f"cannot fetch {go_sprint(key)} from {go_type_name(base)}", position)


def _eval(node: _Node, env: Mapping[str, Any]) -> Any:
    kind = node.kind
    if kind == "literal":
        return node.value
    if kind == "ident":
        return env.get(node.value)
    if kind == "array":
        return [_eval(child, env) for child in node.children]
    if kind == "member":
        base = _eval(node.children[0], env)
        if base is None and node.optional:
            return None
        return _fetch(base, node.value, node.pos)
    if kind == "index":
        base = _eval(node.children[0], env)
        return _fetch(base, _eval(node.children[1], env), node.pos)
    if kind == "call":
        argument = _eval(node.children[0], env)
        if node.value == "len" and isinstance(argument, str | list | Mapping):
            return len(argument)
        if isinstance(argument, str):
            if node.value == "upper":
                return argument.upper()
            if node.value == "lower":
                return argument.lower()
            if node.value == "trim":
                return argument.strip(" \t\n\r\v\f")
        raise _RuntimeError(f"invalid argument for {node.value} (type {go_type_name(argument)})", node.pos)
    if kind == "ternary":
        condition = _as_bool(_eval(node.children[0], env), node.pos)
        return _eval(node.children[1] if condition else node.children[2], env)
    if kind == "unary":
        value = _eval(node.children[0], env)
        if node.value in ("not", "!"):
            return not _as_bool(value, node.pos)
        if not _is_number(value):
            raise _RuntimeError(f"invalid operation: {node.value}{go_type_name(value)}", node.pos)
        return -value if node.value == "-" else value
    return _eval_binary(node, env)


def _eval_binary(node: _Node, env: Mapping[str, Any]) -> Any:
    operator = node.value
    left = _eval(node.children[0], env)
    if operator in ("and", "&&"):
        return _as_bool(left, node.pos) and _as_bool(_eval(node.children[1], env), node.pos)
    if operator in ("or", "||"):
        return _as_bool(left, node.pos) or _as_bool(_eval(node.children[1], env), node.pos)
    if operator == "??":
        return left if left is not None else _eval(node.children[1], env)
    right = _eval(node.children[1], env)
    if operator == "==":
        return _equal(left, right)
    if operator == "!=":
        return not _equal(left, right)
    if operator in ("<", ">", "<=", ">="):
        return _compare(operator, left, right, node.pos)
    if operator == "in":
        if isinstance(right, Mapping):
            return isinstance(left, str) and left in right
        if isinstance(right, list):
            return any(_equal(left, item) for item in right)
        raise _RuntimeError(f'operator "in" not defined on {go_type_name(right)}', node.pos)
    if operator in ("contains", "startsWith", "endsWith"):
        if not (isinstance(left, str) and isinstance(right, str)):
            raise _RuntimeError(
                f"invalid operation: {go_type_name(left)} {operator} {go_type_name(right)}",
                node.pos,
            )
        checks: dict[str, Callable[[str], bool]] = {
            "contains": left.__contains__,
            "startsWith": left.startswith,
            "endsWith": left.endswith,
        }
        return checks[operator](right)
    return _arith(operator, left, right, node.pos)


# --------------------------------------------------------------------------------------------- API


@dataclass(frozen=True)
class Program:
    """A compiled expression; :meth:`run` evaluates it with ``event`` bound to a payload."""

    source: str
    root: _Node

    def run(self, event: Any) -> Any:
        """Evaluate with ``event`` bound to ``event`` (a decoded JSON payload); raises :class:`ExprError`."""
        try:
            return _eval(self.root, {"event": event})
        except _RuntimeError as exc:
            raise ExprError(exc.message, self.source, exc.position) from None
        except RecursionError:
            raise ExprError("expression too deeply nested", self.source, 0) from None


def compile_expr(source: str) -> Program:
    """Parse and type-check ``source`` without an environment, like ``expr.Compile(source)``.

    Raises :class:`ExprError` for syntax errors, compile-time type errors on literals, and for the
    constructs the fake does not support (``link(...)`` among them).
    """
    try:
        root = _Parser(source).parse()
        _static_type(root, source)
    except RecursionError:
        raise ExprError("expression too deeply nested", source, 0) from None
    return Program(source, root)


def evaluate(source: str, event: Any) -> Any:
    """Compile and run ``source`` in one go."""
    return compile_expr(source).run(event)


def render_value(value: Any) -> str:
    """Stringify a variable the way the service does: floats through JSON, the rest through ``fmt.Sprint``."""
    if isinstance(value, float):
        return json_float(value)
    return go_sprint(value)


def evaluate_filter(program: Program, event: Any) -> bool:
    """A filter matches only when it evaluates to boolean ``true``; other results are no match."""
    return program.run(event) is True


def sorted_items(mapping: Mapping[str, str]) -> Sequence[tuple[str, str]]:
    """Variables in a stable order (Go iterates maps randomly; the fake uses key order)."""
    return sorted(mapping.items())
