"""JSON text to Python data: orjson when the ``speedups`` extra is installed, else the standard ``json`` module.

Both give the same values for every body: integers of any size stay exact (amounts are big integers), and
whatever orjson refuses or might read differently is handed to ``json.loads``, which has the last word.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

__all__ = ["FAST_PARSER", "loads", "loads_standard"]

_orjson_loads: Callable[[bytes], Any] | None
try:
    from orjson import loads as _orjson_loads
except ImportError:  # the speedups extra is not installed
    _orjson_loads = None

FAST_PARSER: str | None = "orjson" if _orjson_loads is not None else None
"""The faster parser in use (``"orjson"``), or ``None`` when only the standard one is installed."""

# orjson reads an integer beyond 64 bits as a float (a lost digit is a wrong amount). Every such integer has at
# least 19 digits (20, or a minus sign and 19 below -2**63). Mapping each byte to "0" (a digit) or " " and
# searching the result for nineteen "0"s finds any such run in two C passes (about 0.2x json.loads on a 600 kB
# page); a body that has one, even inside a string or a 64-bit integer, goes to json.loads.
_DIGIT_MAP = bytes(0x30 if 0x30 <= byte <= 0x39 else 0x20 for byte in range(256))
_NINETEEN_DIGITS = b"0" * 19


def loads_standard(content: bytes) -> Any:
    """``json.loads``: the standard library's parser."""
    return json.loads(content)


def _may_hold_a_big_integer(content: bytes) -> bool:
    return _NINETEEN_DIGITS in content.translate(_DIGIT_MAP)


def loads(content: bytes) -> Any:
    """Parse a JSON body exactly as ``json.loads`` does, with orjson when it is installed and can.

    Raises:
        ValueError: the body is not JSON (``json.JSONDecodeError``, from ``json.loads``).
        RecursionError: the body is nested too deeply for ``json.loads``.
    """
    if _orjson_loads is not None and not _may_hold_a_big_integer(content):
        try:
            return _orjson_loads(content)
        except ValueError:
            # Not JSON, or JSON orjson refuses (NaN, lone surrogates, more than 1,024 levels, UTF-16):
            # json.loads accepts what it accepts and words the error.
            pass
    return json.loads(content)
