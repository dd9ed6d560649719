"""Workflow configs checked before they reach the server: every problem of a file at once, with its place.

The server reads a stage's keys case-sensitively and silently ignores the ones it does not know (a ``stage:``
typo gives a workflow with no stages; a ``dealy:`` stage is created and fails only when it runs), and finds a
missing ``${variable}`` only when a stage resolves it to ``""``. This module holds the shape the server reads
(the Go structs of ``internal/workflow/stages``, mirrored by the in-memory double's ``testing/_stages.py``
and the document's ``V2Stage*`` schemas), a position-aware reading of YAML and JSON, and the check itself.
Public names are re-exported from :mod:`formance_orchestration.stages`.
"""

from __future__ import annotations

import bisect
import difflib
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeAlias

from . import models

__all__ = [
    "STAGE_KINDS",
    "ConfigProblem",
    "WorkflowConfigError",
    "check_data",
    "config_data",
    "go_duration_ns",
    "is_rfc3339",
    "parse_located",
    "variables_of",
]

PLACEHOLDER = re.compile(r"\$\{([^}]+)\}")
"""The server's interpolation pattern (``internal/schema``): ``${name}``, several per string, no escape."""

# ASCII digits only: Go's parsers refuse other scripts' digits, which Python's \d and str.isdigit() accept.
_DIGITS = re.compile(r"[+-]?[0-9]+")
# Go's time.ParseDuration units (no days); the grammar is [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+ or a bare 0.
_DURATION_PART = re.compile(r"([0-9]*)(?:\.([0-9]*))?([^0-9.]*)")
_DURATION_UNITS = {
    "ns": 1,
    "us": 10**3,
    "\u00b5s": 10**3,  # micro sign
    "\u03bcs": 10**3,  # Greek mu
    "ms": 10**6,
    "s": 10**9,
    "m": 60 * 10**9,
    "h": 3600 * 10**9,
}
_RFC3339 = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})"
)
# JSON numbers lose precision above 2**53 on the server (float64, then int64); strings stay exact.
_FLOAT_EXACT = 2**53


def go_duration_ns(text: str) -> int | None:
    """What Go's ``time.ParseDuration`` gives for ``text``, in nanoseconds, or ``None`` where Go refuses it."""
    body = text[1:] if text[:1] in ("-", "+") else text
    if body == "0":
        return 0
    if not body:
        return None
    limit = 1 << 63
    total, pos = 0, 0
    while pos < len(body):
        part = _DURATION_PART.match(body, pos)
        assert part is not None  # every group is optional
        whole, fraction, unit = part.groups()
        if (not whole and not fraction) or unit not in _DURATION_UNITS:
            return None
        scale = _DURATION_UNITS[unit]
        whole = whole.lstrip("0")
        if len(whole) > 19 or int(whole or "0") > limit // scale:
            return None
        value = int(whole or "0") * scale
        x, divisor = 0, 1.0  # Go keeps the fraction's leading digits while they fit in 63 bits, as a float
        for digit in fraction or "":
            if x > (limit - 1) // 10 or x * 10 + int(digit) > limit:
                break
            x, divisor = x * 10 + int(digit), divisor * 10
        if x:
            value += int(float(x) * (float(scale) / divisor))
            if value > limit:
                return None
        total += value
        if total > limit:
            return None
        pos = part.end()
    if text[:1] == "-":
        return -total
    return total if total < limit else None


def is_rfc3339(value: str) -> bool:
    """Whether the server's ``time.Parse(time.RFC3339, ...)`` accepts ``value`` (a real date, ``Z`` or offset)."""
    match = _RFC3339.fullmatch(value)
    if match is None:
        return False
    year, month, day, hour, minute, second = (int(match.group(i)) for i in range(1, 7))
    try:
        datetime(year, month, day, hour, minute, second)
    except ValueError:
        return False
    zone = match.group(8)
    return zone == "Z" or (int(zone[1:3]) <= 23 and int(zone[4:6]) <= 59)


# -- the shape the server reads -----------------------------------------------------------------------------------

# Leaf kinds: how the server's resolver (internal/schema/map.go) reads a field.
#   string    a string (``${...}`` allowed)
#   bigint    a string of digits or ``${...}``, or a JSON integer
#   duration  a Go duration string or ``${...}``
#   time      an RFC 3339 string or ``${...}``
#   bool      true/false, or a string "true"/"false" or ``${...}``
#   map       an object of string values (``${...}`` allowed in values, not keys)
#   note      a string: the payment destination's ``metadata``, the metadata *key* to read the account id from


@dataclass(frozen=True)
class _Object:
    name: str  # the server's struct, for messages
    fields: Mapping[str, _Spec]
    required: frozenset[str] = frozenset()
    one_of: tuple[str, ...] = ()  # exactly one of these keys (the server's RegisterOneOf)


_Spec: TypeAlias = "_Object | str"

_WALLET = _Object("wallet", {"id": "string", "name": "string", "balance": "string"}, one_of=("id", "name"))
_ACCOUNT = _Object(
    "account",
    {"id": "string", "ledger": "string", "throughAccount": "string", "allowOverdraft": "bool"},
    required=frozenset({"id"}),
)
_PAYMENT_SOURCE = _Object(
    "payment (source)",
    {
        "id": "string",
        "ledger": "string",
        "holdingAccount": "string",
        "throughAccount": "string",
        "allowOverdraft": "bool",
    },
    required=frozenset({"id"}),
)
_PAYMENT_DESTINATION = _Object(
    "payment (destination)",
    {
        "psp": "string",
        "type": "string",
        "sourceAccount": "string",
        "connectorId": "string",
        "waitingValidation": "bool",
        "metadata": "note",
    },
    required=frozenset({"psp"}),
)
_SOURCE = _Object(
    "source",
    {"account": _ACCOUNT, "wallet": _WALLET, "payment": _PAYMENT_SOURCE},
    one_of=("account", "wallet", "payment"),
)
_DESTINATION = _Object(
    "destination",
    {"account": _ACCOUNT, "wallet": _WALLET, "payment": _PAYMENT_DESTINATION},
    one_of=("account", "wallet", "payment"),
)
_MONETARY = _Object("amount", {"amount": "bigint", "asset": "string"}, required=frozenset({"amount", "asset"}))

STAGE_KINDS: Mapping[str, _Object] = {
    "send": _Object(
        "send",
        {"source": _SOURCE, "destination": _DESTINATION, "amount": _MONETARY, "metadata": "map", "timestamp": "time"},
        required=frozenset({"source", "destination"}),
    ),
    "delay": _Object("delay", {"duration": "duration", "until": "time"}, one_of=("duration", "until")),
    "wait_event": _Object("wait_event", {"event": "string"}, required=frozenset({"event"})),
    "update": _Object(
        "update",
        {
            "account": _Object(
                "update.account",
                {"id": "string", "ledger": "string", "metadata": "map"},
                required=frozenset({"id", "metadata"}),
            )
        },
        required=frozenset({"account"}),
    ),
    "noop": _Object("noop", {}),
}
"""Every stage kind the server registers, with the keys it reads (case-sensitive)."""

_TOP = {"name": "string", "stages": "stages"}


# -- problems -----------------------------------------------------------------------------------------------------

Path: TypeAlias = tuple[str | int, ...]


def format_path(path: Path) -> str:
    """``stages[0].send.source`` from ``("stages", 0, "send", "source")``; ``(top level)`` for ``()``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "(top level)"


@dataclass(frozen=True)
class ConfigProblem:
    """One problem of a workflow config.

    Attributes:
        path: Where in the config, e.g. ``stages[1].send.source.account.idd``.
        message: What is wrong, and the fix when there is an obvious one.
        file: The file it was read from, or ``None`` (text, or a config built in code).
        line: 1-based line in the file, or ``None`` for a config built in code.
        column: 1-based column in the file, or ``None``.
    """

    path: str
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = ":".join(str(part) for part in (self.file, self.line, self.column) if part is not None)
        if self.file is None and self.line is not None:
            where = f"line {self.line}, column {self.column}"
        return f"{where}: {self.path}: {self.message}" if where else f"{self.path}: {self.message}"


class WorkflowConfigError(ValueError):
    """A workflow config (a file, or a config built in code) the server would misread or refuse.

    Every problem is reported at once, in file order. ``str()`` lists them, one per line.

    Attributes:
        problems: The problems, each with its key path and, for a file, its line and column.
        file: The file, when the config was read from one.
    """

    def __init__(self, problems: Sequence[ConfigProblem], *, file: str | None = None) -> None:
        self.problems: tuple[ConfigProblem, ...] = tuple(problems)
        self.file = file
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in workflow {'file ' + file if file else 'config'}"
        super().__init__(head + ":\n" + "\n".join(f"  {problem}" for problem in self.problems))


# -- position-aware reading ---------------------------------------------------------------------------------------


@dataclass
class Located:
    """Parsed data plus where each path starts: the key (for unknown keys) and the value (for wrong values)."""

    data: Any
    keys: dict[Path, tuple[int, int]]
    values: dict[Path, tuple[int, int]]
    duplicates: list[tuple[Path, tuple[int, int]]]

    def where(self, path: Path, *, key: bool = False) -> tuple[int, int] | None:
        if key and path in self.keys:
            return self.keys[path]
        return self.values.get(path)


def parse_located(text: str, file: str | None) -> tuple[Located | None, list[ConfigProblem]]:
    """Parse JSON (text starting with ``{``) or YAML, keeping 1-based line/column of every key and value."""
    if text.lstrip().startswith("{"):
        return _parse_json(text, file)
    return _parse_yaml(text, file)


def _parse_json(text: str, file: str | None) -> tuple[Located | None, list[ConfigProblem]]:
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return None, [ConfigProblem("(file)", f"not valid JSON: {exc.msg}", file, exc.lineno, exc.colno)]
    lines = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]

    def at(offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(lines, offset)
        return line, offset - lines[line - 1] + 1

    located = Located(None, {}, {}, [])
    located.data = _JsonReader(text, at, located).read()
    return located, []


class _JsonReader:
    """A small reader for JSON already known valid, recording positions (the stdlib parser keeps none)."""

    _SPACE = re.compile(r"[ \t\n\r]*")
    _NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")

    def __init__(self, text: str, at: Any, located: Located) -> None:
        self.text = text
        self.at = at
        self.located = located
        self.pos = 0
        self._decoder = json.JSONDecoder()

    def read(self) -> Any:
        return self._value(())

    def _skip(self) -> None:
        match = self._SPACE.match(self.text, self.pos)
        assert match is not None
        self.pos = match.end()

    def _value(self, path: Path) -> Any:
        self._skip()
        self.located.values[path] = self.at(self.pos)
        char = self.text[self.pos]
        if char == "{":
            self.pos += 1
            obj: dict[str, Any] = {}
            self._skip()
            if self.text[self.pos] == "}":
                self.pos += 1
                return obj
            while True:
                self._skip()
                start = self.at(self.pos)
                key, self.pos = self._decoder.raw_decode(self.text, self.pos)
                if key in obj:
                    self.located.duplicates.append(((*path, key), start))
                self.located.keys[(*path, key)] = start
                self._skip()
                self.pos += 1  # ":"
                obj[key] = self._value((*path, key))
                self._skip()
                char = self.text[self.pos]
                self.pos += 1
                if char == "}":
                    return obj
        if char == "[":
            self.pos += 1
            items: list[Any] = []
            self._skip()
            if self.text[self.pos] == "]":
                self.pos += 1
                return items
            while True:
                items.append(self._value((*path, len(items))))
                self._skip()
                char = self.text[self.pos]
                self.pos += 1
                if char == "]":
                    return items
        if char == '"':
            value, self.pos = self._decoder.raw_decode(self.text, self.pos)
            return value
        for word, constant in (("true", True), ("false", False), ("null", None)):
            if self.text.startswith(word, self.pos):
                self.pos += len(word)
                return constant
        if self.text.startswith(("NaN", "Infinity", "-Infinity"), self.pos):  # json.loads accepts them
            word = next(w for w in ("NaN", "Infinity", "-Infinity") if self.text.startswith(w, self.pos))
            self.pos += len(word)
            return float(word)
        match = self._NUMBER.match(self.text, self.pos)
        assert match is not None
        self.pos = match.end()
        number = match.group(0)
        return float(number) if match.group(1) or match.group(2) else int(number)


def _parse_yaml(text: str, file: str | None) -> tuple[Located | None, list[ConfigProblem]]:
    try:
        import yaml
    except ImportError:
        raise ImportError(
            "reading YAML workflow files needs PyYAML: pip install 'formance-orchestration[yaml]' (or pass JSON)"
        ) from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        reason = " ".join(part for part in (exc.context, exc.problem) if part)
        return None, [ConfigProblem("(file)", f"not valid YAML: {reason}", file, line, column)]
    except yaml.YAMLError as exc:
        return None, [ConfigProblem("(file)", f"not valid YAML: {exc}", file)]
    located = Located(None, {}, {}, [])
    if root is None:
        return located, []
    constructor = yaml.SafeLoader("")

    def place(node: Any) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def walk(node: Any, path: Path) -> Any:
        located.values[path] = place(node)
        if isinstance(node, yaml.MappingNode):
            obj: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = walk_key(key_node)
                if key in obj:
                    located.duplicates.append(((*path, key), place(key_node)))
                located.keys[(*path, key)] = place(key_node)
                obj[key] = walk(value_node, (*path, key))
            return obj
        if isinstance(node, yaml.SequenceNode):
            return [walk(item, (*path, index)) for index, item in enumerate(node.value)]
        if node.tag == "tag:yaml.org,2002:timestamp":
            # YAML would make a datetime of an unquoted date (naive when it has no zone); the server reads the
            # text, so keep the text and check it as RFC 3339 like any quoted date.
            return node.value
        return constructor.construct_object(node, deep=True)

    def walk_key(node: Any) -> Any:
        if isinstance(node, yaml.ScalarNode):
            value = constructor.construct_object(node, deep=True)
            return value if isinstance(value, str) else node.value
        return f"<{node.id}>"

    located.data = walk(root, ())
    return located, []


# -- the check ----------------------------------------------------------------------------------------------------


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, (list, tuple)):
        return "a list"
    return type(value).__name__


def _suggest(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


class _Checker:
    def __init__(self, located: Located | None, file: str | None, strict: bool) -> None:
        self.located = located
        self.file = file
        self.strict = strict
        self.problems: list[tuple[tuple[int, int], int, ConfigProblem]] = []

    def add(self, path: Path, message: str, *, key: bool = False) -> None:
        place = self.located.where(path, key=key) if self.located is not None else None
        line, column = place if place is not None else (None, None)
        problem = ConfigProblem(format_path(path), message, self.file, line, column)
        self.problems.append((place or (0, 0), len(self.problems), problem))

    def sorted(self) -> list[ConfigProblem]:
        return [problem for _, _, problem in sorted(self.problems, key=lambda item: (item[0], item[1]))]

    def top(self, data: Any) -> None:
        if self.located is not None:
            for path, place in self.located.duplicates:
                line, column = place
                problem = ConfigProblem(
                    format_path(path), "duplicate key (only the last one would count)", self.file, line, column
                )
                self.problems.append((place, len(self.problems), problem))
        if not isinstance(data, Mapping):
            what = "nothing" if data is None else _type_name(data)
            self.add((), f"a workflow must be an object with 'stages' (and an optional 'name'), got {what}")
            return
        self.unknown_keys((), data, _TOP)
        if "name" in data and data["name"] is not None and not isinstance(data["name"], str):
            self.add(("name",), f"must be a string, got {_type_name(data['name'])}")
        stages = data.get("stages")
        if "stages" not in data:
            self.add((), "missing required key 'stages' (the list of stages)")
        elif not isinstance(stages, (list, tuple)):
            self.add(("stages",), f"must be a list of stages, got {_type_name(stages)}")
        else:
            for index, stage in enumerate(stages):
                self.stage(("stages", index), stage)

    def unknown_keys(self, path: Path, data: Mapping[Any, Any], known: Mapping[str, Any]) -> None:
        if not self.strict:
            return
        for key in data:
            if key not in known:
                choices = sorted(known)
                listing = f"known: {', '.join(choices)}" if choices else "it takes no keys"
                self.add(
                    (*path, key),
                    f"unknown key {key!r}{_suggest(str(key), choices)}; {listing}",
                    key=True,
                )

    def stage(self, path: Path, stage: Any) -> None:
        if not isinstance(stage, Mapping):
            self.add(path, f"a stage must be an object with one key, its kind, got {_type_name(stage)}")
            return
        kinds = list(STAGE_KINDS)
        if len(stage) != 1:
            known = [k for k in stage if k in STAGE_KINDS]
            got = ", ".join(repr(k) for k in stage) or "no key"
            self.add(path, f"a stage must have exactly one key, its kind ({', '.join(kinds)}), got {got}")
            if len(known) != 1:
                return
        kind, body = next((k, v) for k, v in stage.items() if len(stage) == 1 or k in STAGE_KINDS)
        spec = STAGE_KINDS.get(kind)
        if spec is None:
            if self.strict:
                self.add(
                    (*path, kind),
                    f"unknown stage kind {kind!r}{_suggest(str(kind), kinds)}; known: {', '.join(kinds)}",
                    key=True,
                )
            return
        if body is None:
            body = {}  # ``noop:`` with nothing after it; required keys below say what else is missing
        self.value((*path, kind), body, spec)
        if kind == "send" and isinstance(body, Mapping):
            self.send((*path, kind), body)

    def send(self, path: Path, body: Mapping[str, Any]) -> None:
        source, destination = body.get("source"), body.get("destination")
        source_payment = isinstance(source, Mapping) and "payment" in source
        if source_payment and isinstance(destination, Mapping) and "payment" in destination:
            self.add(path, "a send from a payment to a payment is not supported by the server")
        if body.get("amount") is None and not source_payment and isinstance(source, Mapping):
            self.add(path, "missing required key 'amount' (only a payment source may leave it out)")

    def value(self, path: Path, value: Any, spec: _Spec) -> None:
        if isinstance(spec, _Object):
            self.object(path, value, spec)
            return
        if value is None:
            return  # the server treats null as absent; required keys are checked by the object
        if spec == "string" or spec == "note":
            if not isinstance(value, str):
                self.add(path, f"must be a string, got {_type_name(value)}{_quote_hint(value)}")
        elif spec == "bigint":
            if isinstance(value, bool) or not isinstance(value, (int, str)):
                self.add(
                    path,
                    f'must be an integer amount in minor units (write it as a string, e.g. "100"), '
                    f"got {_type_name(value)}",
                )
            elif isinstance(value, int) and abs(value) > _FLOAT_EXACT:
                self.add(path, f"{value} loses precision as a JSON number on the server; write it as a string")
            elif isinstance(value, str) and not PLACEHOLDER.search(value) and not _DIGITS.fullmatch(value):
                self.add(path, f"must be digits or a ${{variable}}, got {value!r}")
        elif spec == "duration":
            if not isinstance(value, str):
                self.add(path, f"must be a Go duration string such as '90s' or '1h30m', got {_type_name(value)}")
            elif not PLACEHOLDER.search(value):
                ns = go_duration_ns(value)
                if ns is None:
                    self.add(path, f"must be a Go duration such as '5s', '1m30s' or '2h' (no days), got {value!r}")
                elif ns < 0:
                    self.add(path, f"must not be negative, got {value!r}")
        elif spec == "time":
            if not isinstance(value, str):
                self.add(path, f"must be an RFC 3339 date-time string, got {_type_name(value)}")
            elif not PLACEHOLDER.search(value) and not is_rfc3339(value):
                self.add(
                    path,
                    f"must be an RFC 3339 date-time such as '2030-01-02T03:04:05Z' or a ${{variable}}, got {value!r}",
                )
        elif spec == "bool":
            if isinstance(value, str):
                if not PLACEHOLDER.search(value) and value.lower() not in ("true", "false"):
                    self.add(path, f"must be true, false or a ${{variable}}, got {value!r}")
            elif not isinstance(value, bool):
                self.add(path, f"must be true or false, got {_type_name(value)}")
        elif spec == "map":
            if not isinstance(value, Mapping):
                self.add(path, f"must be an object of strings, got {_type_name(value)}")
                return
            for key, item in value.items():
                if not isinstance(key, str):
                    self.add((*path, str(key)), f"keys must be strings, got {_type_name(key)}", key=True)
                elif item is not None and not isinstance(item, str):
                    self.add((*path, key), f"must be a string, got {_type_name(item)}{_quote_hint(item)}")
        else:  # pragma: no cover - the table above holds only these kinds
            raise AssertionError(spec)

    def object(self, path: Path, value: Any, spec: _Object) -> None:
        if not isinstance(value, Mapping):
            self.add(path, f"must be an object ({spec.name}), got {_type_name(value)}")
            return
        self.unknown_keys(path, value, spec.fields)
        for key in sorted(spec.required):
            if value.get(key) is None:
                self.add(path, f"missing required key {key!r}")
        if spec.one_of:
            present = [key for key in spec.one_of if value.get(key) is not None]
            if len(present) != 1:
                options = " or ".join(repr(key) for key in spec.one_of)
                got = "none" if not present else ", ".join(repr(key) for key in present)
                self.add(path, f"needs exactly one of {options}, got {got}")
        for key, item in value.items():
            field = spec.fields.get(key)
            if field is not None:
                self.value((*path, key), item, field)


def _quote_hint(value: Any) -> str:
    if isinstance(value, (bool, int, float)):
        return " (put it in quotes)"
    return ""


def check_data(
    data: Any, *, located: Located | None = None, file: str | None = None, strict: bool = True
) -> list[ConfigProblem]:
    """Every problem of a workflow config's JSON data, in file order (in check order without positions)."""
    checker = _Checker(located, file, strict)
    checker.top(data)
    return checker.sorted()


def config_data(config: models.V2WorkflowConfig | Mapping[str, Any]) -> Any:
    """A config (the model, or a mapping of JSON names) as plain JSON data; stage builders become their JSON."""
    if isinstance(config, models.V2WorkflowConfig):
        data: dict[str, Any] = {}
        if config.name is not None:
            data["name"] = config.name
        data["stages"] = config.stages
        return data
    if not isinstance(config, Mapping):
        raise TypeError(f"expected a models.V2WorkflowConfig or a mapping, got {type(config).__name__}")
    data = dict(config)
    stages = data.get("stages")
    if isinstance(stages, (list, tuple)):
        data["stages"] = [_stage_json(stage) for stage in stages]
    return data


def _stage_json(stage: Any) -> Any:
    to_json = getattr(stage, "to_json", None)
    return to_json() if callable(to_json) else stage


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():  # map keys are never interpolated
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def variables_of(stages: Any) -> frozenset[str]:
    """The names of the ``${...}`` placeholders in the stages' string values."""
    return frozenset(match.group(1) for text in _strings(stages) for match in PLACEHOLDER.finditer(text))
