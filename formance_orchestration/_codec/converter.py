"""The one configured ``cattrs.Converter`` of the SDK: JSON data <-> models.

The per-schema functions are generated (``_codec.py``) and registered here as cattrs hooks, so
``converter.structure(data, models.V2Workflow)`` runs the same straight-line code the client uses. Decoding is
tolerant: unknown fields are ignored and unknown enum values are kept.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

import cattrs

from .._exceptions import APIResponseValidationError
from .._generated import codec as _generated_codec
from .._generated import models
from .primitives import DecodeError, as_bool, as_datetime, as_float, as_int, as_str, dict_of, dump_datetime, list_of

T = TypeVar("T")

__all__ = ["converter", "structure", "unstructure"]


def _is(expected: Any) -> Callable[[Any], bool]:
    def predicate(candidate: Any) -> bool:
        return bool(candidate == expected)

    return predicate


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter()
    for tp, structure_fn, unstructure_fn in _generated_codec.HOOKS:

        def hook(data: Any, _: Any, fn: Any = structure_fn) -> Any:
            return fn(data)

        if isinstance(tp, type):
            conv.register_structure_hook(tp, hook)
            conv.register_unstructure_hook(tp, unstructure_fn)
        else:
            # A union alias: match it exactly, so its members keep their own hooks.
            conv.register_structure_hook_func(_is(tp), hook)
            conv.register_unstructure_hook_func(_is(tp), unstructure_fn)
    # Types outside the generated hooks (aliases such as ``V2Volumes``, or ``list[V2Workflow]``) are read as
    # strictly as the generated code reads fields, and fail with DecodeError, so errors keep their JSON path
    # (cattrs' own list and dict hooks would wrap them in its exception groups, and turn 1 into "1").
    scalars: tuple[tuple[type, Callable[[Any], Any]], ...] = (
        (str, as_str),
        (bool, as_bool),
        (int, as_int),
        (float, as_float),
        (datetime, as_datetime),
    )
    for scalar, read in scalars:
        conv.register_structure_hook(scalar, _scalar_hook(read))
    conv.register_unstructure_hook(datetime, dump_datetime)
    conv.register_structure_hook_factory(_is_list, lambda tp: _list_hook(conv, tp))
    conv.register_structure_hook_factory(_is_str_dict, lambda tp: _dict_hook(conv, tp))
    return conv


def _scalar_hook(read: Callable[[Any], Any]) -> Callable[[Any, Any], Any]:
    return lambda data, _: read(data)


def _is_list(tp: Any) -> bool:
    return typing.get_origin(tp) is list and len(typing.get_args(tp)) == 1


def _is_str_dict(tp: Any) -> bool:
    return typing.get_origin(tp) is dict and typing.get_args(tp)[:1] == (str,)


def _list_hook(conv: cattrs.Converter, tp: Any) -> Callable[[Any, Any], Any]:
    (item,) = typing.get_args(tp)
    return lambda data, _: list_of(lambda value: conv.structure(value, item), data)


def _dict_hook(conv: cattrs.Converter, tp: Any) -> Callable[[Any, Any], Any]:
    item = typing.get_args(tp)[1]
    return lambda data, _: dict_of(lambda value: conv.structure(value, item), data)


converter = _make_converter()
"""The converter: camelCase JSON <-> snake_case attrs models, exact big integers, RFC 3339 timestamps."""

# Aliases (``V2Subject``, ``V2Volumes``, ...) are not classes; errors name them as the schema does. Two schemas
# with the same shape (``V2Metadata``, ``V2RunWorkflowRequest``) share the first name.
_ALIAS_NAMES: dict[Any, str] = {}
for _name, _value in vars(models).items():
    if isinstance(_value, (types.UnionType, types.GenericAlias)):
        _ALIAS_NAMES.setdefault(_value, _name)


def _schema_name(tp: Any) -> str:
    """``V2Workflow``, ``V2Volumes``, ``list[V2Workflow]``: how an error names what was being decoded."""
    if tp in _ALIAS_NAMES:
        return _ALIAS_NAMES[tp]
    args = typing.get_args(tp)
    if isinstance(tp, types.UnionType):
        return " | ".join(_schema_name(arg) for arg in args)
    origin = typing.get_origin(tp)
    if origin is not None and args:
        return f"{_schema_name(origin)}[{', '.join(_schema_name(arg) for arg in args)}]"
    if isinstance(tp, type):
        return tp.__name__
    return str(getattr(tp, "_name", None) or tp)


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
