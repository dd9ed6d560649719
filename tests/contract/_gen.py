"""Hypothesis strategies from the document's schemas (needs the contract extra; import after importorskip)."""

from __future__ import annotations

from functools import cache
from typing import Any

from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema  # type: ignore[import-not-found, import-untyped, unused-ignore]

from ._compat import patch_hypothesis_jsonschema
from ._spec import NARROWINGS, WIDENINGS, Departure, json_schema, operation_request_schemas

patch_hypothesis_jsonschema()

SHAPES: dict[str, tuple[Departure, ...]] = {"document": NARROWINGS, "server": NARROWINGS + WIDENINGS}


@cache
def component_bodies(root: str, closed: bool, shape: str) -> st.SearchStrategy[Any]:
    """Bodies of a component: ``closed`` objects hold declared keys only; ``shape`` picks the departures."""
    generated: st.SearchStrategy[Any] = from_schema(json_schema(root, closed=closed, departures=SHAPES[shape]))
    return generated


@cache
def request_bodies(operation: str) -> st.SearchStrategy[Any]:
    """Request bodies of an operation, with only the properties the document declares."""
    generated: st.SearchStrategy[Any] = from_schema(json_schema(operation_request_schemas()[operation], closed=True))
    return generated
