"""The model base every generated model stands on: ``to_dict``/``to_json``, shared ``repr``/``==``, lazily parsed
timestamps, open enums.

attrs would compile a ``__repr__`` and an ``__eq__`` per class (about 25 ms of import time for the API's schemas);
the generated models share the two functions here instead.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from typing import Any, Self, TypeVar

from .._exceptions import APIResponseValidationError
from .primitives import DecodeError, as_datetime, wrong_type

__all__ = [
    "UNSTRUCTURE_HOOKS",
    "LazyNested",
    "LazyTimestamp",
    "Model",
    "OpenEnum",
    "PENDING",
    "as_enum",
    "lazy_nested",
    "lazy_timestamps",
    "model_eq",
    "model_repr",
]


_fromisoformat = datetime.fromisoformat

UNSTRUCTURE_HOOKS: dict[type, Callable[[Any], Any]] = {}
"""Each model class -> its generated JSON encoder, filled in by the generated codec when it is imported, so the
engine encodes request bodies (and ``Model.to_dict``) without importing cattrs."""
_UNSTRUCTURE = UNSTRUCTURE_HOOKS


class Model:
    """The base of every model in :mod:`formance_orchestration.models`: JSON out in one call.

    ``to_dict()`` gives the JSON data the API uses (camelCase field names, unset optional fields left out,
    timestamps as RFC 3339 text with their nanoseconds, integers of any size exact), so
    ``converter.structure(model.to_dict(), type(model)) == model``. ``to_json()`` is the same as a ``str``.
    """

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """The model as JSON data, with the API's (camelCase) field names."""
        encode = _UNSTRUCTURE.get(type(self))
        if encode is None:
            # The generated codec registers every model's encoder when imported, and formance_orchestration.models
            # imports it: only a class that is not a generated model gets here.
            raise TypeError(f"{type(self).__qualname__} has no JSON encoder")
        data: dict[str, Any] = encode(self)
        return data

    def to_json(self, *, indent: int | None = None) -> str:
        """The model as a JSON document (a ``str``; non-ASCII text kept as is), e.g. to log or return it."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def model_repr(self: object) -> str:
    """``V2Workflow(id='...', config=..., ...)``: the ``__repr__`` of every model (attrs' format)."""
    cls = type(self)
    fields = ", ".join(f"{a.name}={getattr(self, a.name)!r}" for a in cls.__attrs_attrs__)  # type: ignore[attr-defined]
    return f"{cls.__qualname__}({fields})"


def model_eq(self: object, other: object) -> bool:
    """The ``__eq__`` of every model: same class and equal attributes (attrs' semantics)."""
    if other.__class__ is not self.__class__:
        result: bool = NotImplemented
        return result
    return all(getattr(self, a.name) == getattr(other, a.name) for a in type(self).__attrs_attrs__)  # type: ignore[attr-defined]


class _LazyAttribute:
    """What :class:`LazyTimestamp` and :class:`LazyNested` share: the attrs slot behind the attribute, whose own C
    methods are bound once (every read goes through the subclass's ``__get__``, which must stay cheap), and the
    schema and JSON names an error on first read cites. Stores and deletes go straight to the slot."""

    __slots__ = ("_delete", "_get", "_json_name", "_model", "_set")

    def __init__(self, slot: Any, model: str, json_name: str) -> None:
        self._get = slot.__get__
        self._set = slot.__set__
        self._delete = slot.__delete__
        self._model = model
        self._json_name = json_name

    def __set__(self, obj: object, value: Any) -> None:
        self._set(obj, value)

    def __delete__(self, obj: object) -> None:
        self._delete(obj)


class LazyTimestamp(_LazyAttribute):
    """A model attribute holding an RFC 3339 text until it is first read, then the ``datetime`` it encodes.

    Decoding a page of 1,000 instances meets about 9,000 timestamps; turning each into a ``datetime`` (a
    :class:`NanoDatetime` when Go's nanoseconds are there) would cost about twice ``json.loads`` on the whole
    page. Models of decoded answers hold the JSON string, and the first read parses it (exactly as eager decoding
    would: a malformed one raises :class:`~formance_orchestration.errors.APIResponseValidationError` naming the
    schema and field) and keeps the result. Wraps the attribute's
    slot, so equality, ``repr``, ``attrs.evolve``, pickling and copying all see ``datetime`` values.
    """

    __slots__ = ()

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        if obj is None:
            return self
        try:
            value = self._get(obj, owner)
        except AttributeError:  # an optional field the decoder left unset: absent (saves a store per object)
            return None
        if type(value) is not str:
            return value
        # Microseconds in UTC ("2026-11-25T10:00:00.123456Z"): every time the server read back from Postgres,
        # so most of what a page holds; one C call, as as_datetime's own shortcut would make after a call.
        if len(value) == 27 and value[26] == "Z" and value[19] == "." and value[10] == "T":
            try:
                parsed = _fromisoformat(value)
            except ValueError:
                parsed = self._parse(value)
        else:
            parsed = self._parse(value)
        self._set(obj, parsed)
        return parsed

    def _parse(self, value: str) -> datetime:
        try:
            return as_datetime(value)
        except DecodeError as exc:
            raise APIResponseValidationError(
                schema=self._model, path=f"$.{self._json_name}", reason=exc.reason
            ) from None


class _Pending:
    __slots__ = ()

    def __repr__(self) -> str:
        return "PENDING"


PENDING: Any = _Pending()
"""How a decoded model holds a nested value not decoded yet: the tuple ``(PENDING, structure_fn, json_value)``.

A tuple is the cheapest object to build (no call), and one starting with this private marker is never a value a
model field holds otherwise.
"""


class LazyNested(_LazyAttribute):
    """A model attribute holding a nested JSON object or array until first read, then the model(s) it encodes.

    Models that come in lists (a page's instances, a history's entries) keep their nested objects (``status``,
    ``input``, ``output``, ...) as JSON until first read: a page of 1,000 instances is then 1,000 objects built
    instead of 4,000, and a program that reads only ids and states never pays for the rest. The first read decodes
    exactly as eager decoding would (a malformed value raises
    :class:`~formance_orchestration.errors.APIResponseValidationError` naming the schema and the JSON path) and
    keeps the result, so equality, ``repr``, ``attrs.evolve``, pickling and copying all see models.
    """

    __slots__ = ()

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        if obj is None:
            return self
        try:
            value = self._get(obj, owner)
        except AttributeError:  # an optional field the decoder left unset: absent
            return None
        if type(value) is tuple and len(value) == 3 and value[0] is PENDING:
            try:
                value = value[1](value[2])
            except DecodeError as exc:
                raise APIResponseValidationError(
                    schema=self._model, path=f"$.{self._json_name}{exc.json_path[1:]}", reason=exc.reason
                ) from None
            except RecursionError:
                raise APIResponseValidationError(
                    schema=self._model, path=f"$.{self._json_name}", reason="value is nested too deeply"
                ) from None
            self._set(obj, value)
        return value


def _install(model: type, fields: dict[str, str], lazy: type[_LazyAttribute]) -> None:
    """Put a ``lazy`` descriptor over each of ``model``'s attributes (attribute name -> JSON name), and keep the
    slot behind it reachable as ``_raw_<name>``: that is how the generated decoders store the JSON, since a plain
    attribute store is a C call and the descriptor's ``__set__`` a Python one."""
    for name, json_name in fields.items():
        slot = model.__dict__[name]
        setattr(model, name, lazy(slot, model.__name__, json_name))
        setattr(model, f"_raw_{name}", slot)


def lazy_nested(model: type, fields: dict[str, str]) -> None:
    """Make the nested-model attributes of ``model`` (attribute name -> JSON name) :class:`LazyNested` s."""
    _install(model, fields, LazyNested)


def lazy_timestamps(model: type, fields: dict[str, str]) -> None:
    """Make the ``datetime`` attributes of ``model`` (attribute name -> JSON name) :class:`LazyTimestamp` s."""
    _install(model, fields, LazyTimestamp)


def as_enum(cls: type[OpenEnumT], value: Any) -> OpenEnumT:
    """Decode a string enum; values this SDK does not know yet become pseudo-members instead of failing."""
    if type(value) is not str:
        raise wrong_type("string", value)
    return cls(value)


class OpenEnum(StrEnum):
    """A string enum that accepts values the server adds later.

    ``V2Connector("NEW-PSP")`` gives a member whose ``value`` is ``"NEW-PSP"`` rather than raising, so a newer
    server never breaks an older client. Members compare equal to their string values.
    """

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member


OpenEnumT = TypeVar("OpenEnumT", bound=OpenEnum)
