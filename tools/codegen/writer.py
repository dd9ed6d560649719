"""Render the intermediate form as Python source: models, codec, async operations, sync facade."""

from __future__ import annotations

import textwrap

from . import overrides
from .parser import (
    Alias,
    Api,
    Component,
    Enum,
    Field,
    FreeObject,
    ListOf,
    MapOf,
    Model,
    Operation,
    Param,
    Ref,
    Scalar,
    TypeRef,
    Union,
    Unknown,
    enum_member,
    snake,
)

HEADER = (
    "# Generated from orchestration-v2.yaml by tools/codegen; run `nox -s generate` after changing the generator.\n"
)

# Names a generated structure function reads; a field local with one of these names gets a trailing "_".
_RESERVED_LOCALS = frozenset(
    {"type", "data", "key", "value", "exc", "dict", "missing", "wrong_type", "list_of", "obj", "item", "_new"}
)

_SCALAR_TYPES = {
    "str": "str",
    "int": "int",
    "float": "float",
    "number": "int | float",
    "bool": "bool",
    "datetime": "datetime",
}


def _doc(text: str, indent: str) -> str:
    """A docstring body wrapped to the line length, without the quotes."""
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        lines.extend(textwrap.wrap(paragraph, 116 - len(indent)) or [""])
        lines.append("")
    return ("\n" + indent).join(lines[:-1])


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?", ":")) else text + "."


class Writer:
    """Holds the parsed API and renders each output module."""

    def __init__(self, api: Api) -> None:
        self.api = api
        self.components = api.components
        self._list_item_names: set[str] | None = None

    # -- type expressions -----------------------------------------------------------------------------------

    def annotation(self, t: TypeRef, prefix: str = "") -> str:
        if isinstance(t, Scalar):
            return _SCALAR_TYPES[t.name]
        if isinstance(t, FreeObject):
            return "dict[str, Any]"
        if isinstance(t, ListOf):
            return f"list[{self.annotation(t.item, prefix)}]"
        if isinstance(t, MapOf):
            return f"dict[str, {self.annotation(t.item, prefix)}]"
        return prefix + t.name

    def structure_expr(self, t: TypeRef, value: str) -> str:
        if isinstance(t, Scalar):
            return f"as_{t.name}({value})"
        if isinstance(t, FreeObject):
            return f"as_object({value})"
        if isinstance(t, ListOf):
            item = self.components.get(t.item.name) if isinstance(t.item, Ref) else None
            if isinstance(item, Model) and self._has_fast_path(item) and self._has_lazy_variant(item):
                return f"list_of({_in_list(item)}, {value})"
            return f"list_of({self.structure_fn(t.item)}, {value})"
        if isinstance(t, MapOf):
            return f"dict_of({self.structure_fn(t.item)}, {value})"
        component = self.components[t.name]
        if isinstance(component, Enum):
            return f"as_enum({t.name}, {value})"
        return f"structure_{snake(t.name)}({value})"

    def structure_fn(self, t: TypeRef) -> str:
        """A callable expression decoding one value of type ``t``."""
        if isinstance(t, Scalar):
            return f"as_{t.name}"
        if isinstance(t, FreeObject):
            return "as_object"
        if isinstance(t, Ref) and not isinstance(self.components[t.name], Enum):
            return f"structure_{snake(t.name)}"
        return f"lambda value: {self.structure_expr(t, 'value')}"

    def unstructure_expr(self, t: TypeRef, value: str) -> str:
        if isinstance(t, Scalar):
            return f"dump_datetime({value})" if t.name == "datetime" else value
        if isinstance(t, FreeObject):
            return value
        if isinstance(t, ListOf):
            inner = self.unstructure_expr(t.item, "item")
            return value if inner == "item" else f"[{inner} for item in {value}]"
        if isinstance(t, MapOf):
            inner = self.unstructure_expr(t.item, "item")
            return value if inner == "item" else f"{{key: {inner} for key, item in {value}.items()}}"
        component = self.components[t.name]
        if isinstance(component, Enum):
            return f"str({value})"
        if isinstance(component, Alias):
            return self.unstructure_expr(component.target, value)
        return f"unstructure_{snake(t.name)}({value})"

    # -- __init__.py ----------------------------------------------------------------------------------------

    def package(self) -> str:
        return (
            HEADER
            + '\n"""Everything written by ``tools/codegen`` from the OpenAPI document; nothing here is edited by hand.\n\n'
            "``models`` (one attrs class per schema; public as ``formance_orchestration.models``), ``codec`` (their JSON\n"
            "functions, registered on the converter), ``v2`` (the async operations) and ``v2_sync`` (their blocking face).\n"
            '"""\n'
        )

    # -- models.py ------------------------------------------------------------------------------------------

    def models(self) -> str:
        out = [
            HEADER,
            '"""The API\'s data types, one per schema of the OpenAPI document.\n\n'
            "Attributes are snake_case; the JSON names are camelCase. Optional attributes default to ``None``, and\n"
            "``None`` is never sent. Enums accept values added by newer servers (see :class:`OpenEnum`).\n"
            '"""\n',
            "from __future__ import annotations\n",
            "from datetime import datetime",
            "from typing import TYPE_CHECKING, Any, TypeAlias\n",
            "from attrs import define\n",
            "from .._codec.model import Model, OpenEnum, lazy_nested, lazy_timestamps, model_eq, model_repr\n",
        ]
        names = list(self.components)
        out.append("__all__ = [" + ", ".join(f'"{n}"' for n in ["Model", "OpenEnum", *names]) + "]\n")
        for name in self._ordered():
            out.append(self._model_source(self.components[name]))
        lazy = []
        for name in self._ordered():
            component = self.components[name]
            if isinstance(component, Model):
                stamps = [f for f in component.fields if _is_timestamp(f)]
                if stamps:
                    fields = ", ".join(f'"{f.py_name}": "{f.json_name}"' for f in stamps)
                    lazy.append(f"lazy_timestamps({name}, {{{fields}}})")
                nested = [f for f in component.fields if self._is_lazy_nested(component, f)]
                if nested:
                    fields = ", ".join(f'"{f.py_name}": "{f.json_name}"' for f in nested)
                    lazy.append(f"lazy_nested({name}, {{{fields}}})")
        out.append(
            "\n# Decoded answers keep timestamps as their JSON text, and the nested objects of models that come in\n"
            "# lists as their JSON, until first read (see LazyTimestamp and LazyNested).\n" + "\n".join(lazy) + "\n"
        )
        return "\n".join(out)

    def _ordered(self) -> list[str]:
        """Aliases and unions after the classes they name, so no forward reference is evaluated early."""
        classes = [n for n, c in self.components.items() if isinstance(c, (Model, Enum, Unknown))]
        done = set(classes)
        rest: list[str] = []
        pending = [n for n, c in self.components.items() if isinstance(c, (Alias, Union))]
        while pending:
            progressed = False
            for name in list(pending):
                deps = self._deps(self.components[name])
                if deps <= done:
                    rest.append(name)
                    done.add(name)
                    pending.remove(name)
                    progressed = True
            if not progressed:
                raise RuntimeError(f"alias cycle among {pending}")
        return classes + rest

    def _deps(self, component: Component) -> set[str]:
        if isinstance(component, Union):
            return set(component.variants)
        assert isinstance(component, Alias)
        return _type_refs(component.target)

    def _model_source(self, component: Component) -> str:
        if isinstance(component, Unknown):
            return self._unknown_source(component)
        if isinstance(component, Enum):
            members = "\n".join(f'    {enum_member(v)} = "{v}"' for v in component.values)
            doc = _sentence(component.description) or f"Values of ``{component.name}``."
            return (
                f"\nclass {component.name}(OpenEnum):\n"
                f'    """{_doc(doc, "    ")}\n\n'
                f'    Unknown values from newer servers are kept, not rejected.\n    """\n\n'
                f"{members}\n"
            )
        if isinstance(component, Alias):
            doc = _sentence(component.description) or f"The ``{component.name}`` schema."
            return f'\n{component.name}: TypeAlias = {self.annotation(component.target)}\n"""{_doc(doc, "")}"""\n'
        if isinstance(component, Union):
            doc = _sentence(component.description)
            if component.discriminator:
                extra = f"One of these, told apart by ``{component.discriminator}``."
            else:
                extra = "Any of these; decoding picks the first whose own keys are present."
            extra += f" A member this SDK does not know yet decodes to :class:`{component.unknown}`."
            body = " | ".join([*component.variants, component.unknown])
            return f'\n{component.name}: TypeAlias = {body}\n"""{_doc((doc + " " + extra).strip(), "")}"""\n'
        assert isinstance(component, Model)
        doc = _sentence(component.description) or f"The ``{component.name}`` schema."
        attrs_doc = []
        lines = []
        for f in component.fields:
            ann = self.annotation(f.type)
            if f.required:
                lines.append(f"    {f.py_name}: {ann}")
            else:
                lines.append(f"    {f.py_name}: {ann} | None = None")
            desc = _sentence(f.description)
            attrs_doc.append(
                f"{f.py_name}: {desc} JSON ``{f.json_name}``." if desc else f"{f.py_name}: JSON ``{f.json_name}``."
            )
        attr_block = "\n".join("        " + _doc(a, "            ") for a in attrs_doc)
        lazy = [f for f in component.fields if _is_timestamp(f) or self._is_lazy_nested(component, f)]
        if lazy and self._has_fast_path(component):
            # The decoder's direct stores into the slots behind lazy attributes (see lazy_timestamps): declared
            # for type checkers only, so attrs makes no field of them.
            lines += ["", "    if TYPE_CHECKING:"] + [f"        {_raw(f)}: Any" for f in lazy]
        # One shared __repr__ and __eq__ for every model: attrs would compile a pair per class, about a quarter of
        # the package's import time.
        fields = "\n".join([*lines, "", "    __repr__ = model_repr", "    __eq__ = model_eq"])
        return (
            f"\n@define(kw_only=True, repr=False, eq=False)\nclass {component.name}(Model):\n"
            f'    """{_doc(doc, "    ")}\n\n    Attributes:\n{attr_block}\n    """\n\n{fields}\n'
        )

    def _unknown_source(self, unknown: Unknown) -> str:
        if unknown.discriminator:
            what = f"a ``{unknown.discriminator}`` this SDK does not know yet"
        else:
            what = "an object with none of the keys of the members this SDK knows"
        doc = (
            f"A ``{unknown.union}`` sent by a newer server: {what}. The JSON object is kept whole in ``raw``, so "
            "nothing is lost, and encoding gives it back unchanged."
        )
        attrs_doc = []
        lines = []
        if unknown.discriminator:
            attr = snake(unknown.discriminator)
            lines.append(f"    {attr}: str | None")
            attrs_doc.append(f"{attr}: The ``{unknown.discriminator}`` the server sent (``None`` when absent).")
        lines.append("    raw: dict[str, Any]")
        attrs_doc.append("raw: The whole JSON object, as it came.")
        attr_block = "\n".join("        " + _doc(a, "            ") for a in attrs_doc)
        fields = "\n".join([*lines, "", "    __repr__ = model_repr", "    __eq__ = model_eq"])
        return (
            f"\n@define(kw_only=True, repr=False, eq=False)\nclass {unknown.name}:\n"
            f'    """{_doc(doc, "    ")}\n\n    Attributes:\n{attr_block}\n    """\n\n{fields}\n'
        )

    # -- codec.py -------------------------------------------------------------------------------------------

    def codec(self) -> str:
        names = list(self.components)
        out = [
            HEADER,
            '"""JSON <-> model functions, written out one per schema.\n\n'
            "Straight-line code is several times faster than walking field metadata at run time. Each model has two:\n"
            "``structure_<model>`` reads the usual shape with inline type checks and no bookkeeping, and hands\n"
            "anything else to ``_checked_structure_<model>``, where ``key`` records the field being read so that a\n"
            "failure deep inside a body reports its exact JSON path.\n"
            '"""\n',
            "from __future__ import annotations\n",
            "from collections.abc import Callable",
            "from functools import partial",
            "from typing import Any\n",
            "from .._codec.model import PENDING, UNSTRUCTURE_HOOKS, as_enum",
            "from .._codec.primitives import (DecodeError, as_bool, as_datetime, as_float, as_int, as_number,"
            " as_object, as_str, dict_of, dump_datetime, list_of, missing, wrong_type)",
            "from .models import (" + ", ".join(names) + ")\n",
            "# Builds a model without its keyword-argument __init__ call (the models have no validators, converters or\n"
            "# factories: __init__ only sets each attribute, and the fast paths set every one of them).\n"
            "_new = object.__new__\n",
        ]
        for name in names:
            component = self.components[name]
            if isinstance(component, Model):
                out.append(self._structure_model(component))
                out.append(self._unstructure_model(component))
            elif isinstance(component, Union):
                out.append(self._structure_union(component))
                out.append(self._unstructure_union(component))
            elif isinstance(component, Unknown):
                out.append(self._structure_unknown(component))
            elif isinstance(component, Alias):
                out.append(
                    f"\ndef structure_{snake(name)}(data: Any) -> {name}:\n"
                    f'    """Decode a ``{name}``."""\n'
                    f"    return {self.structure_expr(component.target, 'data')}\n"
                )
                out.append(
                    f"\ndef unstructure_{snake(name)}(obj: {name}) -> Any:\n"
                    f'    """Encode a ``{name}``."""\n'
                    f"    return {self.unstructure_expr(component.target, 'obj')}\n"
                )
        list_items = sorted(
            {
                f.type.item.name
                for c in self.components.values()
                if isinstance(c, Model)
                for f in c.fields
                if self._is_lazy_nested(c, f) and isinstance(f.type, ListOf) and isinstance(f.type.item, Ref)
            }
        )
        out.append(
            "\n# Decoders of the lazy lists (see LazyNested).\n"
            + "\n".join(f"_list_of_{snake(n)} = partial(list_of, structure_{snake(n)})" for n in list_items)
            + "\n"
        )
        hooks = [
            f"    ({name}, structure_{snake(name)}, unstructure_{snake(name)}),"
            for name, c in self.components.items()
            if isinstance(c, (Model, Union, Unknown))
        ]
        out.append(
            "\nHOOKS: list[tuple[Any, Callable[[Any], Any], Callable[[Any], Any]]] = [\n" + "\n".join(hooks) + "\n]\n"
            '"""(type, structure function, unstructure function) for every model and union, for the converter."""\n'
            "\nUNSTRUCTURE_HOOKS.update((tp, fn) for tp, _, fn in HOOKS if isinstance(tp, type))\n"
        )
        out.append(self._stage_encoder())
        return "\n".join(out)

    def _stage_encoder(self) -> str:
        keys = {name: key for name, key in overrides.STAGE_KEYS.items() if name in self.components}
        if not keys:
            return ""
        rows = "".join(f'    {name}: ("{key}", unstructure_{snake(name)}),\n' for name, key in keys.items())
        return (
            "\nSTAGE_KEYS: dict[type, tuple[str, Callable[[Any], dict[str, Any]]]] = {\n" + rows + "}\n"
            '"""The key each stage model goes under in a workflow\'s ``stages``, and its encoder."""\n\n\n'
            "def encode_stages(stages: Any) -> Any:\n"
            '    """A workflow\'s stages: a bare stage model (``V2StageDelay(...)``) goes out under its key\n'
            '    (``{"delay": {...}}``); mappings and stage builders are left to the usual encoding."""\n'
            "    if not isinstance(stages, (list, tuple)):\n"
            "        return stages\n"
            "    out = []\n"
            "    for stage in stages:\n"
            "        known = STAGE_KEYS.get(type(stage))\n"
            "        out.append(stage if known is None else {known[0]: known[1](stage)})\n"
            "    return out\n"
        )

    def _structure_model(self, model: Model) -> str:
        fn = f"structure_{snake(model.name)}"
        checked = f"_checked_{fn}" if self._has_fast_path(model) else fn
        lines = [
            f"\ndef {checked}(data: Any) -> {model.name}:",
            f'    """Decode a ``{model.name}`` from its JSON object, checking every field on the way."""'
            if checked != fn
            else f'    """Decode a ``{model.name}`` from its JSON object."""',
            "    if type(data) is not dict:",
            '        raise wrong_type("object", data)',
        ]
        if not model.fields:
            lines.append(f"    return {model.name}()")
            return "\n".join(lines) + "\n"
        lines.append(f'    key = "{model.fields[0].json_name}"')
        lines.append("    try:")
        for i, f in enumerate(model.fields):
            if i:
                lines.append(f'        key = "{f.json_name}"')
            lines.extend(self._read_field(f))
        lines += [
            "    except KeyError:",
            "        raise missing(key) from None",
            "    except DecodeError as exc:",
            "        raise exc.at(key) from None",
            f"    return {model.name}(" + ", ".join(f"{f.py_name}={_local(f)}" for f in model.fields) + ")",
        ]
        out = "\n".join(lines) + "\n"
        if checked != fn:
            if self._has_lazy_variant(model):
                # In a list (a page's items), nested objects are kept as JSON until read; alone (one answer's
                # data), they are decoded with the call, so a malformed one fails the call itself.
                out = self._fast_structure_model(model, _in_list(model), checked, lazy=True) + out
            out = self._fast_structure_model(model, fn, checked, lazy=False) + out
        return out

    def _has_lazy_variant(self, model: Model) -> bool:
        return any(self._is_lazy_nested(model, f) for f in model.fields)

    @staticmethod
    def _has_fast_path(model: Model) -> bool:
        return bool(model.fields) and not any(f.aliases for f in model.fields)

    def _fast_structure_model(self, model: Model, fn: str, checked: str, *, lazy: bool) -> str:
        """The usual case without bookkeeping: read every field, check the scalars' types inline, build the
        object without the keyword-argument call; anything unusual (a missing key, a wrong type, a value that
        needs converting) goes to the checking function, which decodes it or raises the exact error."""
        lines = [
            f"\ndef {fn}(data: Any) -> {model.name}:",
            f'    """Decode a ``{model.name}`` from its JSON object."""',
            "    try:",
        ]
        for f in model.fields:
            var = _local(f)
            lookup = f'data["{f.json_name}"]' if f.required else f'data.get("{f.json_name}")'
            lines.append(f"        {var} = {lookup}")
        checks = [self._fast_check(f, model if lazy else None) for f in model.fields]
        checks = [c for c in checks if c]
        body_indent = "        "
        if checks:
            lines.append("        if " + " and ".join(checks) + ":")
            body_indent = "            "
        lines.append(f"{body_indent}obj = _new({model.name})")
        for f in model.fields:
            if _is_timestamp(f) and f.required:
                lines.append(f"{body_indent}obj.{_raw(f)} = {_local(f)}")
            elif _is_timestamp(f):  # left unset when absent: LazyTimestamp reads an unset slot as None
                lines.append(f"{body_indent}if {_local(f)} is not None:")
                lines.append(f"{body_indent}    obj.{_raw(f)} = {_local(f)}")
            elif lazy and self._is_lazy_nested(model, f):
                var = _local(f)
                decode = (
                    f"_list_of_{snake(f.type.item.name)}"
                    if isinstance(f.type, ListOf) and isinstance(f.type.item, Ref)
                    else self.structure_fn(f.type)
                )
                pending = f"(PENDING, {decode}, {var})"
                if f.required:
                    lines.append(f"{body_indent}obj.{_raw(f)} = {pending}")
                else:  # left unset when absent: LazyNested reads an unset slot as None
                    lines.append(f"{body_indent}if {var} is not None:")
                    lines.append(f"{body_indent}    obj.{_raw(f)} = {pending}")
            else:
                lines.append(f"{body_indent}obj.{f.py_name} = {self._fast_value(f)}")
        lines.append(f"{body_indent}return obj")
        lines += [
            "    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):",
            "        pass",
            f"    return {checked}(data)",
        ]
        return "\n".join(lines) + "\n"

    def _fast_check(self, f: Field, model: Model | None = None) -> str:
        var = _local(f)
        t = f.type
        if model is not None and self._is_lazy_nested(model, f):
            # Only the JSON type is checked now; the content is decoded (and checked) on first read.
            check = f"type({var}) is {'list' if isinstance(t, ListOf) else 'dict'}"
        elif isinstance(t, Scalar) and t.name in ("str", "int", "bool"):
            check = f"type({var}) is {t.name}"
        elif isinstance(t, Scalar) and t.name == "number":
            check = f"type({var}) is int"  # what the server sends; a float goes to as_number on the checked path
        elif _is_timestamp(f):
            # Kept as text (a string long enough for "YYYY-MM-DDTHH:MM:SSZ"), parsed and checked on first read:
            # parsing every timestamp here would cost about as much as the rest of the page (LazyTimestamp).
            check = f"type({var}) is str and len({var}) > 19"
        elif isinstance(t, FreeObject):
            check = f"type({var}) is dict"
        elif isinstance(t, ListOf) and self._is_model(t.item):
            check = f"type({var}) is list"
        else:
            return ""
        return check if f.required else f"({var} is None or {check})"

    def _is_record(self, t: TypeRef) -> bool:
        """Whether ``t`` decodes to a model: a model, a union of models, or an alias of one."""
        while isinstance(t, Ref):
            component = self.components[t.name]
            if isinstance(component, (Model, Union)):
                return True
            if not isinstance(component, Alias):
                return False
            t = component.target
        return False

    def _list_items(self) -> set[str]:
        """Models that come in lists (a page's items, a history's entries): their nested objects are lazy."""
        if self._list_item_names is None:
            found: set[str] = set()
            for component in self.components.values():
                types = [f.type for f in component.fields] if isinstance(component, Model) else []
                if isinstance(component, Alias):
                    types.append(component.target)
                for t in types:
                    if isinstance(t, ListOf):
                        found |= self._models_of(t.item)
            self._list_item_names = found
        return self._list_item_names

    def _models_of(self, t: TypeRef) -> set[str]:
        if not isinstance(t, Ref):
            return set()
        component = self.components[t.name]
        if isinstance(component, Model):
            return {t.name}
        if isinstance(component, Union):
            return set(component.variants)
        if isinstance(component, Alias):
            return self._models_of(component.target)
        return set()

    def _is_lazy_nested(self, model: Model, f: Field) -> bool:
        """A nested object (or list of them) in a model that comes in lists, read by a fast path: decoded lazily."""
        if model.name not in self._list_items() or not self._has_fast_path(model):
            return False
        t = f.type
        return self._is_record(t.item) if isinstance(t, ListOf) else self._is_record(t)

    def _is_model(self, t: TypeRef) -> bool:
        return isinstance(t, Ref) and isinstance(self.components[t.name], Model)

    def _fast_value(self, f: Field) -> str:
        var = _local(f)
        t = f.type
        if isinstance(t, ListOf) and self._is_model(t.item):
            assert isinstance(t.item, Ref)
            item = self.components[t.item.name]
            assert isinstance(item, Model)
            decode = _in_list(item) if self._has_lazy_variant(item) else f"structure_{snake(t.item.name)}"
            expr = f"[{decode}(item) for item in {var}]"
            return expr if f.required else f"None if {var} is None else {expr}"
        if self._fast_check(f):
            return var
        else:
            expr = self.structure_expr(t, var)
        return expr if f.required else f"None if {var} is None else {expr}"

    def _read_field(self, f: Field) -> list[str]:
        var = _local(f)
        if f.required and not f.aliases:
            lookup = 'data["' + f.json_name + '"]'
            return [f"        {var} = {self.structure_expr(f.type, lookup)}"]
        lines = [f'        value = data.get("{f.json_name}")']
        for alias in f.aliases:
            lines += ["        if value is None:", f'            value = data.get("{alias}")']
        if f.required:
            lines += ["        if value is None:", "            raise KeyError(key)"]
            lines.append(f"        {var} = {self.structure_expr(f.type, 'value')}")
        else:
            lines.append(f"        {var} = None if value is None else {self.structure_expr(f.type, 'value')}")
        return lines

    def _unstructure_model(self, model: Model) -> str:
        fn = f"unstructure_{snake(model.name)}"
        required = [f for f in model.fields if f.required]
        optional = [f for f in model.fields if not f.required]
        items = ", ".join(f'"{f.json_name}": {self.unstructure_expr(f.type, "obj." + f.py_name)}' for f in required)
        lines = [
            f"\ndef {fn}(obj: {model.name}) -> dict[str, Any]:",
            f'    """Encode a ``{model.name}`` as its JSON object, leaving out unset optional fields."""',
            f"    data: dict[str, Any] = {{{items}}}",
        ]
        for f in optional:
            lines += [
                f"    if obj.{f.py_name} is not None:",
                f'        data["{f.json_name}"] = {self.unstructure_expr(f.type, "obj." + f.py_name)}',
            ]
        lines.append("    return data")
        return "\n".join(lines) + "\n"

    def _structure_union(self, union: Union) -> str:
        fn = f"structure_{snake(union.name)}"
        lines = [
            f"\ndef {fn}(data: Any) -> {union.name}:",
            f'    """Decode a ``{union.name}``: {" or ".join(union.variants)}."""',
            "    if type(data) is not dict:",
            '        raise wrong_type("object", data)',
        ]
        if union.discriminator:
            disc = union.discriminator
            lines.append(f'    kind = data.get("{disc}")')
            for value, variant in union.mapping.items():
                lines += [f'    if kind == "{value}":', f"        return structure_{snake(variant)}(data)"]
            # A newer server's member: kept whole, never a failure of the whole answer.
            lines.append(f"    return structure_{snake(union.unknown)}(data)")
        else:
            own = self._own_keys(union)
            for variant in union.variants[1:]:
                keys = own[variant]
                if not keys:
                    continue
                cond = " or ".join(f'"{k}" in data' for k in keys)
                lines += [f"    if {cond}:", f"        return structure_{snake(variant)}(data)"]
            # The first member takes an object with any of its keys, or none at all (every member accepts {});
            # an object made only of keys no member knows is a newer server's member, kept whole.
            first = sorted({f.json_name for f in self._model(union.variants[0]).fields})
            # A chain of `in` tests, not any() over a generator: this member (the send stage) is the usual one,
            # and a generator costs about as much as decoding a small object.
            known = "".join(f' or "{k}" in data' for k in first)
            lines += [
                f"    if not data{known}:",
                f"        return structure_{snake(union.variants[0])}(data)",
                f"    return structure_{snake(union.unknown)}(data)",
            ]
        return "\n".join(lines) + "\n"

    def _model(self, name: str) -> Model:
        model = self.components[name]
        assert isinstance(model, Model)
        return model

    def _structure_unknown(self, unknown: Unknown) -> str:
        fn = snake(unknown.name)
        lines = [
            f"\ndef structure_{fn}(data: Any) -> {unknown.name}:",
            f'    """Keep a ``{unknown.union}`` member this SDK does not know: its JSON object, whole."""',
            "    if type(data) is not dict:",
            '        raise wrong_type("object", data)',
        ]
        if unknown.discriminator:
            disc = unknown.discriminator
            lines += [
                f'    kind = data.get("{disc}")',
                "    if kind is not None and type(kind) is not str:",
                f'        raise wrong_type("string", kind).at("{disc}")',
                f"    return {unknown.name}({snake(disc)}=kind, raw=data)",
            ]
        else:
            lines.append(f"    return {unknown.name}(raw=data)")
        lines += [
            "",
            "",
            f"def unstructure_{fn}(obj: {unknown.name}) -> dict[str, Any]:",
            f'    """Encode a ``{unknown.name}``: the JSON object it was decoded from."""',
            "    return dict(obj.raw)",
        ]
        return "\n".join(lines) + "\n"

    def _own_keys(self, union: Union) -> dict[str, list[str]]:
        keys: dict[str, set[str]] = {}
        for variant in union.variants:
            model = self.components[variant]
            assert isinstance(model, Model)
            keys[variant] = {f.json_name for f in model.fields}
        own: dict[str, list[str]] = {}
        for variant, mine in keys.items():
            others = set().union(*(k for v, k in keys.items() if v != variant))
            model = self.components[variant]
            assert isinstance(model, Model)
            own[variant] = [f.json_name for f in model.fields if f.json_name in mine - others]
        return own

    def _unstructure_union(self, union: Union) -> str:
        fn = f"unstructure_{snake(union.name)}"
        lines = [f"\ndef {fn}(obj: {union.name}) -> dict[str, Any]:", f'    """Encode a ``{union.name}``."""']
        for variant in union.variants:
            lines += [f"    if isinstance(obj, {variant}):", f"        return unstructure_{snake(variant)}(obj)"]
        lines.append(f"    return unstructure_{snake(union.unknown)}(obj)")
        return "\n".join(lines) + "\n"

    # -- v2.py (async operations) --------------------------------------------------------------------------

    def _return_annotation(self, op: Operation, page: str) -> str:
        if op.result_kind == "none":
            return "None"
        assert op.result_type is not None
        ann = self.annotation(op.result_type, "models.")
        return f"{page}[{ann}]" if op.result_kind == "page" else ann

    def _param_annotation(self, p: Param) -> str:
        if p.annotation:
            return p.annotation
        if isinstance(p.type, FreeObject):
            ann = "Mapping[str, Any]"
        elif isinstance(p.type, MapOf):
            ann = f"Mapping[str, {self.annotation(p.type.item, 'models.')}]"
        elif isinstance(p.type, ListOf):
            ann = f"Sequence[{self.annotation(p.type.item, 'models.')}]"
        else:
            ann = self.annotation(p.type, "models.")
        return ann if p.required else f"{ann} | None"

    def _signature(self, op: Operation) -> list[str]:
        path = [p for p in op.params if p.location == "path"]
        rest = [p for p in op.params if p.location != "path"]
        rest.sort(key=lambda p: not p.required)
        lines = ["        self,"]
        lines += [f"        {p.py_name}: {self._param_annotation(p)}," for p in path]
        lines.append("        *,")
        for p in rest:
            default = "" if p.required else " = None"
            lines.append(f"        {p.py_name}: {self._param_annotation(p)}{default},")
        lines += [
            "        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,",
            "        extra_headers: Mapping[str, str] | None = None,",
            "        retries: RetriesTypes | NotGiven = NOT_GIVEN,",
            "        max_retries: int | NotGiven = NOT_GIVEN,",
            "        deadline: float | NotGiven | None = NOT_GIVEN,",
        ]
        return lines

    def _docstring(self, op: Operation, returns: str) -> str:
        summary = _sentence(op.summary or op.name.replace("_", " ").capitalize())
        parts = [summary]
        description = _sentence(op.description)
        if description and description.rstrip(".").lower() != summary.rstrip(".").lower():
            parts.append(description)
        args = [
            f"{p.py_name}: {_sentence(p.description)}"
            for p in op.params
            if p.description and p.py_name not in {"cursor"}
        ]
        text = "\n\n        ".join(_doc(p, "        ") for p in parts)
        if args:
            text += "\n\n        Args:\n" + "\n".join("            " + _doc(a, "                ") for a in args)
        text += f"\n\n        Returns:\n            {returns}\n        "
        return f'        """{text}"""'

    def operations(self) -> str:
        out = [
            HEADER,
            '"""The v2 operations.\n\n'
            "Each operation is two pure functions, ``_<operation>_request`` (arguments -> :class:`RequestSpec`) and\n"
            "``_parse_<operation>`` (JSON body -> result), and one method per face of the resource, which hands\n"
            "both to the engine: :class:`AsyncV2` returns the result, :class:`AsyncV2WithRawResponse` the\n"
            ":class:`RawResponse`.\n"
            '"""\n',
            "from __future__ import annotations\n",
            "from collections.abc import Mapping, Sequence",
            "from typing import Any\n",
            "from .._engine.pagination import AsyncPage, AsyncPaginator, PageData",
            "from .._engine.resource import AsyncResource",
            "from .._engine.response import RawResponse",
            "from .._engine.transport import RequestSpec, encode_fields, encode_json, no_content, path_segment,"
            " query_value",
            "from .._engine.types import NOT_GIVEN, NotGiven, RetriesTypes, StageLike, TimeoutTypes",
            "from . import codec, models\n",
            '__all__ = ["OPERATIONS", "AsyncV2", "AsyncV2WithRawResponse"]\n',
        ]
        rows = "".join(f'    "{op.name}": ("{op.method}", "{op.path}"),\n' for op in self.api.operations)
        out.append(
            "OPERATIONS: dict[str, tuple[str, str]] = {\n" + rows + "}\n"
            '"""Every operation of the document: name -> (HTTP method, path template under the API prefix)."""\n'
        )
        for op in self.api.operations:
            out.append(self._request_function(op))
            out.append(self._parse_function(op))
        out.append(
            "\nclass AsyncV2(AsyncResource):\n"
            '    """The Orchestration v2 API: workflows, instances, events and triggers (``client.v2``)."""\n'
        )
        for op in self.api.operations:
            out.append(self._async_method(op))
        out.append(
            "\nclass AsyncV2WithRawResponse(AsyncResource):\n"
            '    """``client.v2.with_raw_response``: the same operations, each returning a :class:`RawResponse`."""\n'
        )
        for op in self.api.operations:
            out.append(self._async_raw_method(op))
        return "\n".join(out)

    def _raw_annotation(self, op: Operation, page: str) -> str:
        if op.result_kind == "none":
            return "RawResponse[None]"
        return f"RawResponse[{self._return_annotation(op, page)}]"

    def _call_args(self, op: Operation) -> list[str]:
        args = [p.py_name for p in op.params if p.location == "path"]
        kwargs = [f"{p.py_name}={p.py_name}" for p in op.params if p.location != "path"]
        return [
            *args,
            *kwargs,
            "timeout=timeout",
            "extra_headers=extra_headers",
            "retries=retries",
            "max_retries=max_retries",
            "deadline=deadline",
        ]

    def _request_call(self, op: Operation) -> str:
        return f"_{op.name}_request({', '.join(self._call_args(op))})"

    def _parser(self, op: Operation) -> str:
        return "no_content" if op.result_kind == "none" else f"_parse_{op.name}"

    def _async_raw_method(self, op: Operation) -> str:
        ret = self._raw_annotation(op, "AsyncPage")
        summary = _sentence(op.summary or op.name.replace("_", " ").capitalize()).rstrip(".")
        doc = f'        """{summary}, returning the raw response (``.parse()`` gives the usual result)."""'
        engine = "_paginate_raw" if op.result_kind == "page" else "_request_raw"
        lines = [f"\n    async def {op.name}(", *self._signature(op), f"    ) -> {ret}:", doc]
        lines.append(f"        return await self.{engine}({self._request_call(op)}, {self._parser(op)})")
        return "\n".join(lines) + "\n"

    def _request_function(self, op: Operation) -> str:
        signature = [line[4:] for line in self._signature(op)[1:]]
        lines = [f"\n\ndef _{op.name}_request(", *signature, ") -> RequestSpec:"]
        lines.append(f'    """The request of ``{op.name}``; invalid arguments raise here, before any I/O."""')
        lines += [line[4:] for line in self._checks(op)]
        spec = [line[4:] for line in self._spec_lines(op)]
        spec[0] = spec[0].replace("spec = RequestSpec(", "return RequestSpec(")
        lines += spec
        return "\n".join(lines) + "\n"

    def _parse_function(self, op: Operation) -> str:
        if op.result_kind == "none":
            return ""
        schema = op.result_schema
        assert schema is not None
        fn = f"structure_{snake(schema)}"
        ret = self._return_annotation(op, "PageData")
        head = f"\n\ndef _parse_{op.name}(body: Any) -> {ret}:\n"
        if op.result_kind == "model":
            return head + f"    return codec.{fn}(body)\n"
        if op.result_kind == "data":
            return head + f"    return codec.{fn}(body).data\n"
        return (
            head + f"    cursor = codec.{fn}(body).cursor\n"
            "    return PageData(cursor.data, cursor.has_more, cursor.next, cursor.previous, cursor.page_size)\n"
        )

    def _spec_lines(self, op: Operation) -> list[str]:
        path = op.path
        for p in op.params:
            if p.location == "path":
                # Single quotes inside the f-string: reusing its own quote needs Python 3.12 (PEP 701).
                path = path.replace("{" + p.json_name + "}", f"{{path_segment({p.py_name}, '{p.py_name}')}}")
        query = [p for p in op.params if p.location == "query"]
        body = [p for p in op.params if p.location == "body"]
        lines = [
            "        spec = RequestSpec(",
            f'            operation="{op.name}",',
            f'            method="{op.method}",',
        ]
        lines.append(f'            path=f"{path}",' if "{" in path else f'            path="{path}",')
        if op.fallback_path:
            lines.append(f'            fallback_path="{op.fallback_path}",')
        if op.result_schema:
            lines.append(f'            schema="{op.result_schema}",')
        if query:
            items = ", ".join(f'("{p.json_name}", query_value({p.py_name}))' for p in query)
            lines.append(f"            query=({items},),")
        if op.body_kind == "fields":
            items = ", ".join(f'"{p.json_name}": {self._argument_value(op, p)}' for p in body)
            lines.append(f"            body=encode_fields({{{items}}}),")
        elif op.body_kind == "whole":
            lines.append(f"            body=encode_json({body[0].py_name}),")
        lines += [
            "            timeout=timeout,",
            "            extra_headers=extra_headers,",
            "            retries=retries,",
            "            max_retries=max_retries,",
            "            deadline=deadline,",
            "        )",
        ]
        return lines

    @staticmethod
    def _argument_value(op: Operation, p: Param) -> str:
        encoder = overrides.ARGUMENT_ENCODERS.get((op.operation_id, p.py_name))
        return f"{encoder}({p.py_name})" if encoder else p.py_name

    def _checks(self, op: Operation) -> list[str]:
        lines = []
        for p in op.params:
            if p.minimum is not None and p.maximum is not None:
                lines += [
                    f"        if {p.py_name} is not None and (",
                    f"            isinstance({p.py_name}, bool) or not {p.minimum} <= {p.py_name} <= {p.maximum}",
                    "        ):",
                    f'            raise ValueError(f"{p.py_name} must be an integer from {p.minimum} to {p.maximum},'
                    f' got {{{p.py_name}!r}}")',
                ]
        return lines

    def _async_method(self, op: Operation) -> str:
        page = op.result_kind == "page"
        ret = self._return_annotation(op, "AsyncPaginator")
        returns = {
            "none": "None.",
            "page": "An awaitable for the first page that, iterated with ``async for``, yields every item of "
            "every page.",
        }.get(op.result_kind, f"The ``{self._return_annotation(op, '')}``.".replace("models.", ""))
        head = "    def" if page else "    async def"
        lines = [f"\n{head} {op.name}(", *self._signature(op), f"    ) -> {ret}:", self._docstring(op, returns)]
        if page:
            lines.append(f"        return self._paginate({self._request_call(op)}, {self._parser(op)})")
        else:
            lines.append(f"        return await self._request({self._request_call(op)}, {self._parser(op)})")
        return "\n".join(lines) + "\n"

    # -- v2_sync.py (blocking facade) ----------------------------------------------------------------------

    def sync_operations(self) -> str:
        out = [
            HEADER,
            '"""The blocking face of ``client.v2``: each method runs the async one on the portal thread."""\n',
            "from __future__ import annotations\n",
            "from collections.abc import Mapping, Sequence",
            "from typing import Any\n",
            "from .._engine.pagination import SyncPage",
            "from .._engine.resource import SyncResource",
            "from .._engine.response import RawResponse",
            "from .._engine.types import NOT_GIVEN, NotGiven, RetriesTypes, StageLike, TimeoutTypes",
            "from . import models",
            "from .v2 import AsyncV2, AsyncV2WithRawResponse\n",
            '__all__ = ["V2", "V2WithRawResponse"]\n',
            "\nclass V2(SyncResource[AsyncV2]):\n"
            '    """The Orchestration v2 API, blocking: workflows, instances, events, triggers (``client.v2``)."""\n',
        ]
        for op in self.api.operations:
            out.append(self._sync_method(op))
        out.append(
            "\nclass V2WithRawResponse(SyncResource[AsyncV2WithRawResponse]):\n"
            '    """``client.v2.with_raw_response`` (blocking): the operations, each returning a :class:`RawResponse`."""\n'
        )
        for op in self.api.operations:
            out.append(self._sync_raw_method(op))
        return "\n".join(out)

    def _sync_raw_method(self, op: Operation) -> str:
        ret = self._raw_annotation(op, "SyncPage")
        summary = _sentence(op.summary or op.name.replace("_", " ").capitalize()).rstrip(".")
        doc = f'        """{summary}, returning the raw response (``.parse()`` gives the usual result)."""'
        method = "_call_raw_page" if op.result_kind == "page" else "_call"
        call = ", ".join([f"self._async.{op.name}", *self._call_args(op)])
        lines = [f"\n    def {op.name}(", *self._signature(op), f"    ) -> {ret}:", doc]
        lines.append(f"        return self.{method}({call})")
        return "\n".join(lines) + "\n"

    def _sync_method(self, op: Operation) -> str:
        ret = self._return_annotation(op, "SyncPage")
        returns = {
            "none": "None.",
            "page": "The first page; iterating it yields every item of every page, fetching as it goes.",
        }.get(op.result_kind, f"The ``{self._return_annotation(op, '')}``.".replace("models.", ""))
        call = ", ".join([f"self._async.{op.name}", *self._call_args(op)])
        method = "_call_page" if op.result_kind == "page" else "_call"
        lines = [f"\n    def {op.name}(", *self._signature(op), f"    ) -> {ret}:", self._docstring(op, returns)]
        lines.append(f"        return self.{method}({call})")
        return "\n".join(lines) + "\n"


def _is_timestamp(f: Field) -> bool:
    return isinstance(f.type, Scalar) and f.type.name == "datetime"


def _in_list(model: Model) -> str:
    return f"_structure_{snake(model.name)}_in_list"


def _raw(f: Field) -> str:
    """The class attribute naming the slot behind a lazy attribute (see ``lazy_timestamps``)."""
    return f"_raw_{f.py_name}"


def _local(f: Field) -> str:
    return f.py_name + "_" if f.py_name in _RESERVED_LOCALS or f.py_name.startswith("as_") else f.py_name


def _type_refs(t: TypeRef) -> set[str]:
    if isinstance(t, Ref):
        return {t.name}
    if isinstance(t, (ListOf, MapOf)):
        return _type_refs(t.item)
    return set()
