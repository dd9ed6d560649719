"""Primitives the generated codec is written with: checked scalar reads, RFC 3339 times, open enums.

The generated structure functions are straight-line code calling these helpers, because a 1,000-instance page
is about 4,000 objects and a generic hook walk costs several times ``json.loads`` on it. Errors carry a path
that each enclosing structure function extends on the way out, so building paths costs nothing on success.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Self, TypeVar

T = TypeVar("T")

__all__ = [
    "DecodeError",
    "NanoDatetime",
    "as_bool",
    "as_datetime",
    "as_float",
    "as_int",
    "as_number",
    "as_object",
    "as_str",
    "dict_of",
    "dump_datetime",
    "list_of",
]


class DecodeError(Exception):
    """A JSON value did not fit the schema; ``path`` grows as the error leaves nested structure functions."""

    def __init__(self, reason: str, path: tuple[str | int, ...] = ()) -> None:
        super().__init__(reason)
        self.reason = reason
        self.path = path

    def at(self, key: str | int) -> DecodeError:
        """Return this error one level deeper, under ``key``."""
        return DecodeError(self.reason, (key, *self.path))

    @property
    def json_path(self) -> str:
        """The location as a JSONPath such as ``$.data[3].createdAt``."""
        out = ["$"]
        for part in self.path:
            out.append(f"[{part}]" if isinstance(part, int) else f".{part}")
        return "".join(out)


def _type_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def wrong_type(expected: str, value: object) -> DecodeError:
    """The error for a value of the wrong JSON type."""
    return DecodeError(f"expected {expected}, got {_type_name(value)}")


def missing(key: str) -> DecodeError:
    """The error for a required key that is absent."""
    return DecodeError("required field is missing", (key,))


def as_str(value: Any) -> str:
    """Return ``value`` if it is a JSON string."""
    if type(value) is str:
        return value
    raise wrong_type("string", value)


def as_bool(value: Any) -> bool:
    """Return ``value`` if it is a JSON boolean."""
    if type(value) is bool:
        return value
    raise wrong_type("boolean", value)


def as_int(value: Any) -> int:
    """Return ``value`` as an exact ``int``.

    The server's Go code passes some numbers through ``float64`` and may print them in exponent notation
    (``1e+21``); a float with an integral value is accepted and converted, anything fractional is refused.
    """
    if type(value) is int:
        return value
    if type(value) is float and value.is_integer():
        return int(value)
    raise wrong_type("integer", value)


def as_float(value: Any) -> float:
    """Return ``value`` if it is a JSON number (integers stay ``int``, so they stay exact)."""
    if type(value) is float or type(value) is int:
        return value
    raise wrong_type("number", value)


def as_number(value: Any) -> int | float:
    """Return a JSON number the way the document's ``number`` reads: an exact ``int`` for integral forms
    (``1``, ``1.0``, ``2e0``), a ``float`` for the others (``1.5``)."""
    if type(value) is int:
        return value
    if type(value) is float:
        if value.is_integer():
            return int(value)
        if value == value and value not in (_INF, -_INF):
            return value
        raise DecodeError(f"expected a number, got {value!r}")  # NaN and Infinity are not JSON
    raise wrong_type("number", value)


_INF = float("inf")


def as_object(value: Any) -> dict[str, Any]:
    """Return ``value`` if it is a JSON object (free-form: its content is not checked)."""
    if type(value) is dict:
        return value
    raise wrong_type("object", value)


def list_of(item: Callable[[Any], T], value: Any) -> list[T]:
    """Decode a JSON array with ``item``; an error names the index of the first bad element."""
    if type(value) is not list:
        raise wrong_type("array", value)
    try:
        return [item(element) for element in value]
    except DecodeError:
        # The comprehension is the fast path; only on failure walk again to find which index failed.
        for index, element in enumerate(value):
            try:
                item(element)
            except DecodeError as exc:
                raise exc.at(index) from None
        raise


def dict_of(item: Callable[[Any], T], value: Any) -> dict[str, T]:
    """Decode a JSON object whose values all have one type; an error names the bad key."""
    if type(value) is not dict:
        raise wrong_type("object", value)
    try:
        return {key: item(element) for key, element in value.items()}
    except DecodeError:
        for key, element in value.items():
            try:
                item(element)
            except DecodeError as exc:
                raise exc.at(key) from None
        raise


class NanoDatetime(datetime):
    """A ``datetime`` that also keeps the nanoseconds below its microsecond.

    The server writes Go timestamps with up to nine fractional digits. Decoding returns a plain ``datetime``
    when six digits are enough and this subclass otherwise, so encoding gives back the exact instant the server
    sent. Arithmetic on it returns values with ``nanosecond == 0``.
    """

    __slots__ = ("_ns",)
    _ns: int

    @property
    def nanosecond(self) -> int:
        """Nanoseconds beyond :attr:`microsecond`, ``0``..``999``."""
        return getattr(self, "_ns", 0)

    @classmethod
    def from_datetime(cls, value: datetime, nanosecond: int) -> Self:
        """Build one from a ``datetime`` and the extra nanoseconds (``0``..``999``)."""
        if not 0 <= nanosecond <= 999:
            raise ValueError(f"nanosecond must be in 0..999, got {nanosecond}")
        out = cls(
            value.year,
            value.month,
            value.day,
            value.hour,
            value.minute,
            value.second,
            value.microsecond,
            value.tzinfo,
            fold=value.fold,
        )
        out._ns = nanosecond
        return out

    def __repr__(self) -> str:
        return f"{super().__repr__()[:-1]}, nanosecond={self.nanosecond})"


_fromisoformat = datetime.fromisoformat
_reduce = datetime.__reduce__

# Go's nanoseconds beyond the microsecond, as they follow the sixth fractional digit (trailing zeros trimmed):
# "7" -> 700, "07" -> 70, "070" -> 70, "789" -> 789. Only ASCII digits are keys, so a lookup also checks them.
_NANOS = {f"{digits:0{width}d}": digits * 10 ** (3 - width) for width in (1, 2, 3) for digits in range(10**width)}


def as_datetime(value: Any) -> datetime:
    """Decode an RFC 3339 date-time (``Z`` or an offset, 0 to 9 fractional digits) to an aware ``datetime``."""
    # What the server writes (Go's RFC3339Nano in UTC, trailing zeros trimmed: "2026-11-25T10:00:00Z" to
    # "2026-11-25T10:00:00.123456789Z") is read by fromisoformat in one C call, checked by the shape tests here;
    # microsecond values (every timestamp read back from Postgres) need nothing more. No cache: a page's
    # timestamps are all different, and a dict lookup and insert cost as much as the parse.
    if type(value) is str and value[-1:] == "Z" and value[10:11] == "T":
        length = len(value)
        if length == 20 or (21 < length < 31 and value[19] == "."):
            try:
                parsed = _fromisoformat(value)
            except ValueError:
                return _parse_datetime(value)  # words the error
            if length <= 27:
                return parsed
            nanos = _NANOS.get(value[26:-1])
            if nanos is None:
                return _parse_datetime(value)
            if not nanos:
                return parsed
            # Built from the pickled state of the parsed value: one C call instead of the nine-argument
            # constructor (about 2x faster per timestamp).
            nano: NanoDatetime = NanoDatetime(*_reduce(parsed)[1])
            nano._ns = nanos
            return nano
    if type(value) is not str:
        raise wrong_type("date-time string", value)
    return _parse_datetime(value)


def _parse_datetime(value: str) -> datetime:
    if len(value) < 20 or value[10] not in "Tt ":
        raise DecodeError(f"expected an RFC 3339 date-time, got {value[:40]!r}")
    try:
        parsed = _fromisoformat(value)
    except ValueError:
        # RFC 3339 also allows a lowercase "t" and "z", which fromisoformat refuses before Python 3.12.
        try:
            parsed = _fromisoformat(value.upper())
        except ValueError:
            raise DecodeError(f"expected an RFC 3339 date-time, got {value[:40]!r}") from None
    if parsed.tzinfo is None:
        raise DecodeError(f"expected an RFC 3339 date-time with an offset, got {value[:40]!r}")
    # fromisoformat keeps 6 fractional digits and skips the rest unread; digits 7-9 (Go's nanoseconds) are
    # carried by NanoDatetime, and must be digits.
    if value[19] == ".":
        digits = value[20:-1] if value[-1] in "Zz" else value[20:-6]
        if not (digits.isdigit() and digits.isascii()):
            raise DecodeError(f"expected an RFC 3339 date-time, got {value[:40]!r}")
        if len(digits) > 6:
            nanos = int(digits[6:9].ljust(3, "0"))
            if nanos:
                return NanoDatetime.from_datetime(parsed, nanos)
    return parsed


def dump_datetime(value: datetime) -> str:
    """Encode an aware ``datetime`` as RFC 3339, the way Go does (``Z`` for UTC, trailing zeros trimmed)."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"datetime values sent to the API must be timezone-aware, got {value!r}")
    text = value.replace(microsecond=0, tzinfo=None).isoformat()
    fraction = f"{value.microsecond:06d}"
    if isinstance(value, NanoDatetime):
        fraction += f"{value.nanosecond:03d}"
    fraction = fraction.rstrip("0")
    if fraction:
        text += "." + fraction
    offset = value.utcoffset()
    assert offset is not None
    if not offset:
        return text + "Z"
    total = int(offset.total_seconds())
    sign = "+" if total >= 0 else "-"
    hours, minutes = divmod(abs(total) // 60, 60)
    return f"{text}{sign}{hours:02d}:{minutes:02d}"
