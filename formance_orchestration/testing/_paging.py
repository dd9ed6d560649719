"""Reading list parameters the way ``bunpaginate`` does: ``pageSize``, and cursors that replace everything else.

The answer side (the cursor envelope with ``next``/``previous``) is :func:`._render.render_cursor`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ._gojson import cursor_decode, fold_get
from ._http import first_value
from ._render import fail

__all__ = ["DEFAULT_PAGE_SIZE", "MAX_PAGE_SIZE", "page", "string_filters"]

DEFAULT_PAGE_SIZE = 15
MAX_PAGE_SIZE = 100


def page(
    query: Sequence[tuple[str, str]],
    default_filters: Callable[[], Any],
    decode_filters: Callable[[Any], Any],
) -> tuple[int, int, int, Any]:
    """``bunpaginate.Extract``: ``(offset, order, page_size, filters)``; a non-empty cursor wins (§4)."""
    cursor = first_value(query, "cursor")
    if cursor:
        try:
            decoded = cursor_decode(cursor)
            if decoded is None:
                decoded = {}
            if not isinstance(decoded, dict):
                raise ValueError("not an object")
            offset = _uint(decoded, "offset", 64)
            order = _int(decoded, "order")
            page_size = _uint(decoded, "pageSize", 64)
            _, raw_filters = fold_get(decoded, "filters")
            filters = decode_filters(raw_filters)
        except (ValueError, TypeError):
            raise fail(400, "VALIDATION", "invalid 'cursor' query param") from None
        return offset, order, page_size, filters
    raw = first_value(query, "pageSize")
    page_size = 0
    if raw:
        if not re.fullmatch(r"[0-9]+", raw) or int(raw) > 0xFFFFFFFF:
            raise fail(400, "VALIDATION", "invalid 'pageSize' query param")
        page_size = int(raw)
    if page_size == 0:
        page_size = DEFAULT_PAGE_SIZE
    return 0, 0, min(page_size, MAX_PAGE_SIZE), default_filters()


def string_filters(*names: str) -> Callable[[Any], dict[str, Any]]:
    """A decoder for a cursor's ``filters`` struct: string fields, except ``Running`` (a bool)."""

    def decode(raw: Any) -> dict[str, Any]:
        if raw is not None and not isinstance(raw, dict):
            raise ValueError("filters")
        result: dict[str, Any] = {}
        for name in names:
            found, value = fold_get(raw or {}, name)
            if name == "Running":
                if found and value is not None and not isinstance(value, bool):
                    raise ValueError(name)
                result[name] = bool(value)
            else:
                if found and value is not None and not isinstance(value, str):
                    raise ValueError(name)
                result[name] = value or ""
        return result

    return decode


def _uint(obj: Mapping[str, Any], name: str, bits: int) -> int:
    _, value = fold_get(obj, name)
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < (1 << bits):
        raise ValueError(name)
    return value


def _int(obj: Mapping[str, Any], name: str) -> int:
    _, value = fold_get(obj, name)
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or not -(1 << 63) <= value < (1 << 63):
        raise ValueError(name)
    return value
