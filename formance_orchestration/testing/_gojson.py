"""Go-compatible encodings the real server shows on the wire.

The orchestration service is written in Go, so its bodies carry Go's quirks: ``encoding/json`` escaping and
float formatting, RFC 3339 timestamps with 0-9 trimmed fractional digits, ``time.Duration`` strings
(``1m0s``), and decoder error messages. Everything here is pure and stateless.
"""

from __future__ import annotations

import base64
import calendar
import datetime as _dt
import json
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

__all__ = [
    "GoJSONError",
    "cursor_decode",
    "cursor_encode",
    "decode_json",
    "dumps",
    "fold_get",
    "format_duration",
    "format_time",
    "go_sprint",
    "go_type_name",
    "json_float",
    "json_kind",
    "parse_duration",
    "parse_rfc3339",
    "to_go_any",
]

NS = 1_000_000_000


class GoJSONError(ValueError):
    """A request body Go's ``encoding/json`` would reject; ``str()`` is Go's message."""


# --------------------------------------------------------------------------------------------- encoding


def _shortest_digits(value: float) -> tuple[str, int]:
    """Shortest round-trip decimal digits of ``abs(value)`` and the decimal point position (0.DIGITS x 10^dp)."""
    _, digits, exponent = Decimal(repr(abs(value))).as_tuple()
    assert isinstance(exponent, int)
    text = "".join(str(d) for d in digits).lstrip("0")
    if not text:
        return "0", 1
    # Decimal keeps trailing zeros of the repr (e.g. "100.0"); fold them into the exponent.
    stripped = text.rstrip("0")
    exponent += len(text) - len(stripped)
    return stripped, len(stripped) + exponent


def _format_e(digits: str, dp: int) -> str:
    mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    exp = dp - 1
    return f"{mantissa}e{'-' if exp < 0 else '+'}{abs(exp):02d}"


def _format_f(digits: str, dp: int) -> str:
    if dp <= 0:
        return "0." + "0" * (-dp) + digits
    if dp >= len(digits):
        return digits + "0" * (dp - len(digits))
    return digits[:dp] + "." + digits[dp:]


def json_float(value: float) -> str:
    """Format a float64 the way Go's ``encoding/json`` does (``1e+21``, ``1e-7``, ``1200000``)."""
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"json: unsupported value: {go_float_v(value)}")
    if value == 0:
        return "-0" if str(value).startswith("-") else "0"
    digits, dp = _shortest_digits(value)
    sign = "-" if value < 0 else ""
    magnitude = abs(value)
    if magnitude < 1e-6 or magnitude >= 1e21:
        text = _format_e(digits, dp)
        # Go trims one leading zero of a negative two-digit exponent: e-07 -> e-7.
        text = re.sub(r"e-0(\d)$", r"e-\1", text)
        return sign + text
    return sign + _format_f(digits, dp)


def go_float_v(value: float) -> str:
    """Format a float64 like Go's ``fmt`` verb ``%v`` (shortest ``%g``: ``1e+06``, ``123456``)."""
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "+Inf" if value > 0 else "-Inf"
    if value == 0:
        return "-0" if str(value).startswith("-") else "0"
    digits, dp = _shortest_digits(value)
    sign = "-" if value < 0 else ""
    # strconv.FormatFloat(v, 'g', -1, 64): with the shortest precision the switch to exponent form is
    # decided with precision 6, hence fmt.Sprint(1e6) == "1e+06".
    exp = dp - 1
    if exp < -4 or exp >= 6:
        return sign + _format_e(digits, dp)
    return sign + _format_f(digits, dp)


_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    # Go escapes HTML-significant characters and the JavaScript line separators by default.
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_NEEDS_ESCAPE = re.compile('["\\\\\x00-\x1f<>&\u2028\u2029\ud800-\udfff]')


def _escape_char(match: re.Match[str]) -> str:
    char = match.group(0)
    known = _ESCAPES.get(char)
    if known is not None:
        return known
    if "\ud800" <= char <= "\udfff":
        # A lone surrogate is invalid UTF-8 in Go; the encoder replaces it.
        return "\\ufffd"
    return f"\\u{ord(char):04x}"


def _encode_string(value: str) -> str:
    return '"' + _NEEDS_ESCAPE.sub(_escape_char, value) + '"'


def _encode(value: Any, out: list[str]) -> None:
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, str):
        out.append(_encode_string(value))
    elif isinstance(value, int):
        out.append(str(value))
    elif isinstance(value, float):
        out.append(json_float(value))
    elif isinstance(value, Mapping):
        out.append("{")
        first = True
        for key, item in value.items():
            if not first:
                out.append(",")
            first = False
            out.append(_encode_string(str(key)))
            out.append(":")
            _encode(item, out)
        out.append("}")
    elif isinstance(value, list | tuple):
        out.append("[")
        for index, item in enumerate(value):
            if index:
                out.append(",")
            _encode(item, out)
        out.append("]")
    else:
        raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def dumps(value: Any, *, newline: bool = True) -> bytes:
    """Encode like Go's ``json.Encoder``: compact, dict order kept, ``<>&`` escaped, trailing newline."""
    out: list[str] = []
    _encode(value, out)
    if newline:
        out.append("\n")
    return "".join(out).encode("utf-8")


# --------------------------------------------------------------------------------------------- decoding


def _reject_constant(name: str) -> Any:
    raise GoJSONError(f"invalid character '{name[0]}' looking for beginning of value")


_DECODER = json.JSONDecoder(parse_constant=_reject_constant)
_GO_SPACE = " \t\n\r"


def _quote_char(char: str) -> str:
    if char == "'":
        return "'\\''"
    if char == '"':
        return "'\"'"
    if char.isprintable():
        return f"'{char}'"
    return "'" + json.dumps(char)[1:-1] + "'"


def decode_json(body: bytes) -> Any:
    """Decode the first JSON value of ``body`` like Go's ``json.Decoder.Decode`` (trailing data ignored).

    Integers stay ``int`` and non-integers ``float`` so callers can apply Go's typed rules; use
    :func:`to_go_any` for values Go would hold as ``any``. Raises :class:`GoJSONError` with Go's message.
    """
    text = body.decode("utf-8", errors="replace")
    index = 0
    while index < len(text) and text[index] in _GO_SPACE:
        index += 1
    if index == len(text):
        raise GoJSONError("EOF")
    try:
        value, _ = _DECODER.raw_decode(text, index)
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text):
            raise GoJSONError("unexpected EOF") from None
        raise GoJSONError(f"invalid character {_quote_char(text[exc.pos])} looking for beginning of value") from None
    except RecursionError:
        raise GoJSONError("exceeded max depth") from None
    _check_finite(value)
    return value


def _check_finite(value: Any) -> None:
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        raise GoJSONError("json: cannot unmarshal number into Go value of type float64")
    if isinstance(value, dict):
        for item in value.values():
            _check_finite(item)
    elif isinstance(value, list):
        for item in value:
            _check_finite(item)


def fold_get(obj: Mapping[str, Any], name: str) -> tuple[bool, Any]:
    """Go's decoder matches struct fields case-insensitively; the last matching key wins."""
    found, value = False, None
    folded = name.casefold()
    for key, item in obj.items():
        if key.casefold() == folded:
            found, value = True, item
    return found, value


def json_kind(value: Any) -> str:
    """The JSON kind name Go's ``UnmarshalTypeError`` uses: object, array, string, number, bool."""
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool):
        return "bool"
    if value is None:
        return "null"
    return "number"


def to_go_any(value: Any) -> Any:
    """What a JSON value becomes once Go decodes it into ``any`` and encodes it back.

    Numbers pass through float64 (big integers lose precision) and object keys come back sorted,
    as Go's encoder sorts map keys.
    """
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        try:
            return float(value)
        except OverflowError:
            raise GoJSONError("json: cannot unmarshal number into Go value of type float64") from None
    if isinstance(value, float):
        return value
    if isinstance(value, Mapping):
        return {str(key): to_go_any(value[key]) for key in sorted(value, key=str)}
    if isinstance(value, list | tuple):
        return [to_go_any(item) for item in value]
    if isinstance(value, _dt.datetime):
        return format_time(datetime_to_ns(value))
    if isinstance(value, _dt.date):
        return value.isoformat() + "T00:00:00Z"
    raise TypeError(f"cannot convert {type(value).__name__} to a JSON value")


def go_type_name(value: Any) -> str:
    """Go's ``%T`` of a decoded JSON value (``float64``, ``map[string]interface {}``, ``<nil>``...)."""
    if value is None:
        return "<nil>"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float64"
    if isinstance(value, str):
        return "string"
    if isinstance(value, Mapping):
        return "map[string]interface {}"
    if isinstance(value, list | tuple):
        return "[]interface {}"
    return type(value).__name__


def go_sprint(value: Any) -> str:
    """Go's ``fmt.Sprint`` of a decoded JSON value: ``<nil>``, ``map[a:1]``, ``[1 2]``, ``1e+06``."""
    if value is None:
        return "<nil>"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return go_float_v(value)
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return "map[" + " ".join(f"{key}:{go_sprint(value[key])}" for key in sorted(value, key=str)) + "]"
    if isinstance(value, list | tuple):
        return "[" + " ".join(go_sprint(item) for item in value) + "]"
    return str(value)


# --------------------------------------------------------------------------------------------- time


def datetime_to_ns(value: _dt.datetime) -> int:
    """Nanoseconds since the epoch of an aware (or UTC-naive) datetime."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=_dt.UTC)
    delta = value - _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC)
    return (delta.days * 86_400 + delta.seconds) * NS + delta.microseconds * 1000


def round_micro(ns: int) -> int:
    """Round to microseconds, half to even, as Postgres does for ``timestamp`` columns."""
    quotient, remainder = divmod(ns, 1000)
    if remainder > 500 or (remainder == 500 and quotient % 2 == 1):
        quotient += 1
    return quotient * 1000


def format_time(ns: int, *, micro: bool = False) -> str:
    """RFC 3339 in UTC with 0-9 fractional digits, trailing zeros trimmed (Go's ``time.RFC3339Nano``).

    ``micro=True`` rounds to microseconds first, as values read back from Postgres are.
    """
    if micro:
        ns = round_micro(ns)
    seconds, fraction = divmod(ns, NS)
    stamp = _dt.datetime(1970, 1, 1) + _dt.timedelta(seconds=seconds)
    text = stamp.strftime("%Y-%m-%dT%H:%M:%S")
    if stamp.year < 1000:
        text = f"{stamp.year:04d}" + text[text.index("-") :]
    if fraction:
        text += "." + f"{fraction:09d}".rstrip("0")
    return text + "Z"


_RFC3339 = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})\Z")


def parse_rfc3339(text: str) -> int | None:
    """Parse Go's ``time.RFC3339Nano`` layout into epoch nanoseconds; ``None`` if Go would reject it."""
    match = _RFC3339.match(text)
    if match is None:
        return None
    year, month, day, hour, minute, second = (int(match.group(i)) for i in range(1, 7))
    try:
        _dt.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    fraction = match.group(7)
    frac_ns = int((fraction[1:] + "000000000")[:9]) if fraction else 0
    zone = match.group(8)
    offset = 0
    if zone != "Z":
        zone_hours, zone_minutes = int(zone[1:3]), int(zone[4:6])
        if zone_hours > 23 or zone_minutes > 59:
            return None
        offset = (zone_hours * 3600 + zone_minutes * 60) * (1 if zone[0] == "+" else -1)
    seconds = calendar.timegm((year, month, day, hour, minute, second, 0, 0, 0)) - offset
    return seconds * NS + frac_ns


# --------------------------------------------------------------------------------------------- durations

_UNITS = {
    "ns": 1,
    "us": 1_000,
    "\u00b5s": 1_000,  # micro sign
    "\u03bcs": 1_000,  # Greek mu
    "ms": 1_000_000,
    "s": NS,
    "m": 60 * NS,
    "h": 3600 * NS,
}
_MAX_INT64 = (1 << 63) - 1


def parse_duration(text: str) -> int:
    """Go's ``time.ParseDuration``: ``[-+]?([0-9]*(\\.[0-9]*)?[a-z]+)+`` in nanoseconds.

    Raises ``ValueError`` with Go's message (``time: invalid duration "1x"``).
    """
    original = text
    quoted = '"' + original + '"'
    negative = False
    if text and text[0] in "+-":
        negative = text[0] == "-"
        text = text[1:]
    if text == "0":
        return 0
    if not text:
        raise ValueError("time: invalid duration " + quoted)
    total = 0
    while text:
        if not (text[0] == "." or (text[0].isascii() and text[0].isdigit())):
            raise ValueError("time: invalid duration " + quoted)
        match = re.match(r"([0-9]*)(?:\.([0-9]*))?", text)
        assert match is not None
        whole_text, frac_text = match.group(1), match.group(2)
        if not whole_text and not frac_text:
            raise ValueError("time: invalid duration " + quoted)
        text = text[match.end() :]
        unit_match = re.match(r"[^0-9.]+", text)
        if unit_match is None:
            raise ValueError("time: missing unit in duration " + quoted)
        unit = unit_match.group(0)
        text = text[unit_match.end() :]
        scale = _UNITS.get(unit)
        if scale is None:
            raise ValueError(f'time: unknown unit "{unit}" in duration ' + quoted)
        whole = int(whole_text) if whole_text else 0
        if whole > _MAX_INT64 // scale:
            raise ValueError("time: invalid duration " + quoted)
        value = whole * scale
        if frac_text:
            # Go keeps the fraction in floating point and truncates; exact rationals agree for sane inputs.
            value += int(Decimal(int(frac_text)) / Decimal(10) ** len(frac_text) * scale)
        total += value
        if total > _MAX_INT64:
            raise ValueError("time: invalid duration " + quoted)
    return -total if negative else total


def _frac(value: int, precision: int) -> tuple[str, int]:
    digits = ""
    printed = False
    for _ in range(precision):
        digit = value % 10
        printed = printed or digit != 0
        if printed:
            digits = str(digit) + digits
        value //= 10
    return ("." + digits if printed else ""), value


def format_duration(ns: int) -> str:
    """Go's ``time.Duration.String()``: ``1m0s``, ``1h30m0s``, ``1.5s``, ``500ms``, ``0s``."""
    if ns == 0:
        return "0s"
    sign = "-" if ns < 0 else ""
    magnitude = abs(ns)
    if magnitude < NS:
        if magnitude < 1_000:
            return f"{sign}{magnitude}ns"
        unit, precision = ("\u00b5s", 3) if magnitude < 1_000_000 else ("ms", 6)
        fraction, whole = _frac(magnitude, precision)
        return f"{sign}{whole}{fraction}{unit}"
    fraction, seconds = _frac(magnitude, 9)
    text = f"{seconds % 60}{fraction}s"
    minutes = seconds // 60
    if minutes:
        text = f"{minutes % 60}m" + text
        hours = minutes // 60
        if hours:
            text = f"{hours}h" + text
    return sign + text


# --------------------------------------------------------------------------------------------- cursors


def cursor_encode(offset: int, order: int, page_size: int, filters: Any) -> str:
    """Encode an offset query exactly like go-libs ``EncodeAsCursor``: raw URL-safe base64 of its JSON."""
    payload = {"offset": offset, "order": order, "pageSize": page_size, "filters": filters}
    return base64.urlsafe_b64encode(dumps(payload, newline=False)).rstrip(b"=").decode("ascii")


_B64URL = re.compile(r"[A-Za-z0-9_-]*\Z")


def cursor_decode(cursor: str) -> Any:
    """Decode a cursor's JSON (``base64.RawURLEncoding``); raises ``ValueError`` when Go would fail."""
    if not _B64URL.match(cursor) or len(cursor) % 4 == 1:
        raise ValueError("illegal base64 data")
    raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
    try:
        return decode_json(raw)
    except GoJSONError as exc:
        raise ValueError(str(exc)) from None
