"""The one configured ``cattrs.Converter`` of the SDK: JSON data <-> models.

The per-schema functions are generated (``_codec.py``) and registered here as cattrs hooks, so
``converter.structure(data, models.V2Workflow)`` runs the same straight-line code the client uses. Decoding is
tolerant: unknown fields are ignored and unknown enum values are kept.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Any, TypeVar

import cattrs

from . import _codec, models
from ._decode import DecodeError
from .errors import APIResponseValidationError

T = TypeVar("T")

__all__ = ["converter", "structure", "unstructure"]


def _is(expected: Any) -> Callable[[Any], bool]:
    def predicate(candidate: Any) -> bool:
        return bool(candidate == expected)

    return predicate


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter()
    for tp, structure_fn, unstructure_fn in _codec.HOOKS:

        def hook(data: Any, _: Any, fn: Any = structure_fn) -> Any:
            return fn(data)

        if isinstance(tp, type):
            conv.register_structure_hook(tp, hook)
            conv.register_unstructure_hook(tp, unstructure_fn)
        else:
            # A union alias: match it exactly, so its members keep their own hooks.
            conv.register_structure_hook_func(_is(tp), hook)
            conv.register_unstructure_hook_func(_is(tp), unstructure_fn)
    return conv


converter = _make_converter()
"""The converter: camelCase JSON <-> snake_case attrs models, exact big integers, RFC 3339 timestamps."""

# Union aliases (``V2Subject``, ``V2Stage``) have no ``__name__``; errors name them as the schema does.
_UNION_NAMES = {value: name for name, value in vars(models).items() if isinstance(value, types.UnionType)}


def _schema_name(cls: Any) -> str:
    name = getattr(cls, "__name__", None)
    return name if isinstance(name, str) else _UNION_NAMES.get(cls, str(cls))


def structure(data: Any, cls: type[T]) -> T:
    """Decode JSON data (as ``json.loads`` returns it) into ``cls``.

    Raises:
        APIResponseValidationError: the data does not fit the schema; names the field.
    """
    try:
        return converter.structure(data, cls)
    except DecodeError as exc:
        raise APIResponseValidationError(schema=_schema_name(cls), path=exc.json_path, reason=exc.reason) from None


def unstructure(obj: Any) -> Any:
    """Encode a model (or a list or dict of models) as JSON data, leaving out unset optional fields."""
    return converter.unstructure(obj)
