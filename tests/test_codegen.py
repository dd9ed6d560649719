"""The generator: committed output is fresh, every schema has a model, and tricky shapes generate working code."""

from __future__ import annotations

import importlib
import subprocess
import sys
import typing
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import anyio
import attrs
import httpx
import pytest
import yaml

from formance_orchestration import models
from tools.codegen.__main__ import GENERATED, GENERATED_DIR, generate
from tools.codegen.parser import Model, Parser, Ref, Union, snake
from tools.codegen.writer import Writer

from .conftest import require_spec
from .server import RecordingServer, Reply

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "formance_orchestration"

# -- (a) committed output is what the generator writes today ---------------------------------------------------


def test_generated_modules_are_up_to_date(tmp_path: Path) -> None:
    spec = require_spec()
    generate(spec, tmp_path)
    stale = [name for name in GENERATED if (tmp_path / name).read_bytes() != (GENERATED_DIR / name).read_bytes()]
    assert not stale, (
        f"generated modules are stale: {', '.join(stale)} differ from a fresh generation of {spec}; "
        "run `nox -s generate` (or `python -m tools.codegen`) and commit the result"
    )
    assert set(GENERATED) == {"__init__.py", "models.py", "codec.py", "v2.py", "v2_sync.py"}
    on_disk = {path.name for path in GENERATED_DIR.iterdir() if path.name != "__pycache__"}
    assert on_disk == set(GENERATED), f"the generated folder holds only generated modules, found {sorted(on_disk)}"


def test_generated_modules_say_where_they_come_from() -> None:
    for name in GENERATED:
        first = (GENERATED_DIR / name).read_text(encoding="utf-8").splitlines()[0]
        assert "orchestration-v2.yaml" in first
        assert "nox -s generate" in first


# -- (b) every schema of the document has a model -------------------------------------------------------------


def load_document() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(require_spec().read_text(encoding="utf-8"))
    return document


def test_every_component_schema_has_a_model() -> None:
    schemas = load_document()["components"]["schemas"]
    assert len(schemas) > 50
    missing = sorted(name for name in schemas if name not in models.__all__ or not hasattr(models, name))
    assert not missing, f"schemas without a model or alias in formance_orchestration.models: {missing}"
    for name in schemas:
        value = getattr(models, name)
        assert value is not None, name
        if isinstance(value, type):
            # A class keeps the schema's name unless it is an alias of another schema's class.
            assert value.__name__ == name or "$ref" in schemas[name], name


def test_every_operation_of_the_document_is_generated() -> None:
    document = load_document()
    api = Parser(document).parse()
    ids = {op["operationId"] for item in document["paths"].values() for op in item.values() if isinstance(op, dict)}
    assert {op.operation_id for op in api.operations} == ids
    assert len(ids) == 18
    names = {op.name for op in api.operations}
    assert "get_server_info" in names
    assert "test_trigger" in names  # operationId testTrigger has no v2 prefix
    info = next(op for op in api.operations if op.name == "get_server_info")
    assert (info.path, info.fallback_path) == ("/_info", "/v2/_info")


# -- (c) small documents through the generator ----------------------------------------------------------------


def document(schemas: dict[str, Any], paths: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": "tiny", "version": "0"},
        "paths": paths or {},
        "components": {"schemas": schemas},
    }


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


STRING = {"type": "string"}
DATETIME = {"type": "string", "format": "date-time"}
INTEGER = {"type": "integer", "format": "bigint"}


@contextmanager
def generated(doc: dict[str, Any], tmp_path: Path) -> Iterator[ModuleType]:
    """Generate ``doc`` into the ``_generated`` folder of a throwaway package that borrows the SDK's hand-written
    folders (``_engine``, ``_codec``, ...), and import it."""
    name = f"sdk_{uuid.uuid4().hex}"
    spec = tmp_path / "tiny.yaml"
    spec.write_text(yaml.safe_dump(doc), encoding="utf-8")
    root = tmp_path / name
    root.mkdir()
    (root / "__init__.py").write_text("", encoding="utf-8")
    generate(spec, root / "_generated")
    sys.path.insert(0, str(tmp_path))
    try:
        package = importlib.import_module(name)
        package.__path__.append(str(PACKAGE))  # _engine, _codec, _exceptions come from the SDK itself
        modules = {
            "models": "_generated.models",
            "_codec": "_generated.codec",
            "_converter": "_codec.converter",
            "_v2": "_generated.v2",
            "_v2_sync": "_generated.v2_sync",
        }
        for attribute, module in modules.items():
            setattr(package, attribute, importlib.import_module(f"{name}.{module}"))
        yield package
    finally:
        sys.path.remove(str(tmp_path))
        for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
            del sys.modules[module]


def decode(package: ModuleType, cls_name: str, data: Any) -> Any:
    return getattr(package._codec, f"structure_{snake(cls_name)}")(data)


def encode(package: ModuleType, cls_name: str, obj: Any) -> Any:
    return getattr(package._codec, f"unstructure_{snake(cls_name)}")(obj)


def decode_error(package: ModuleType, cls_name: str, data: Any) -> Any:
    with pytest.raises(package._converter.DecodeError) as info:
        decode(package, cls_name, data)
    return info.value


def field_defaults(cls: type[Any]) -> dict[str, Any]:
    return {f.name: f.default for f in attrs.fields(cls)}


def test_nullable_and_optional_fields(tmp_path: Path) -> None:
    schemas = {
        "Thing": {
            "type": "object",
            "required": ["id", "createdAt", "deletedAt", "raw", "meta"],
            "properties": {
                "id": STRING,
                "createdAt": DATETIME,
                "deletedAt": DATETIME | {"nullable": True},
                "raw": {"type": "object", "nullable": True},
                "meta": ref("Meta"),
                "note": STRING,
                "count": INTEGER,
                "ratio": {"type": "number"},
                "tags": {"type": "array", "items": STRING},
                "labels": {"type": "object", "additionalProperties": STRING},
                "extra": {"type": "object", "additionalProperties": True},
                "class": STRING,
            },
        },
        "Meta": {"type": "object", "nullable": True, "properties": {"key": STRING}},
    }
    with generated(document(schemas), tmp_path) as package:
        Thing = package.models.Thing
        defaults = field_defaults(Thing)
        assert defaults["id"] is attrs.NOTHING
        assert defaults["created_at"] is attrs.NOTHING
        for optional in ("deleted_at", "raw", "meta", "note", "count", "ratio", "tags", "labels", "extra", "class_"):
            assert defaults[optional] is None, optional

        minimal = {"id": "t1", "createdAt": "2024-06-01T10:20:30Z", "deletedAt": None, "raw": None, "meta": None}
        thing = decode(package, "Thing", minimal)
        assert thing == Thing(id="t1", created_at=datetime(2024, 6, 1, 10, 20, 30, tzinfo=UTC))
        assert encode(package, "Thing", thing) == {"id": "t1", "createdAt": "2024-06-01T10:20:30Z"}

        full = minimal | {
            "deletedAt": "2024-06-02T00:00:00.123456789Z",
            "raw": {"any": [1, None]},
            "meta": {"key": "k"},
            "note": "n",
            "count": 2**70,
            "ratio": 0.5,
            "tags": ["a"],
            "labels": {"a": "b"},
            "extra": {"x": {"y": 1}},
            "class": "gold",
        }
        thing = decode(package, "Thing", full)
        assert thing.count == 2**70
        assert thing.deleted_at.nanosecond == 789
        assert thing.class_ == "gold"
        assert thing.meta == package.models.Meta(key="k")
        assert encode(package, "Thing", thing) == full

        assert decode_error(package, "Thing", {"createdAt": "2024-06-01T10:20:30Z"}).json_path == "$.id"
        assert decode_error(package, "Thing", minimal | {"id": None}).json_path == "$.id"
        assert decode_error(package, "Thing", minimal | {"labels": {"a": 1}}).json_path == "$.labels.a"
        assert decode_error(package, "Thing", minimal | {"tags": ["a", 2]}).json_path == "$.tags[1]"
        assert decode_error(package, "Thing", minimal | {"count": 1.5}).json_path == "$.count"


def test_enums(tmp_path: Path) -> None:
    schemas = {
        "Color": {"type": "string", "enum": ["red", "dark-blue", "2x", "sepa debit"]},
        "Paint": {
            "type": "object",
            "required": ["color"],
            "properties": {"color": ref("Color"), "finish": {"type": "string", "enum": ["matte", "gloss"]}},
        },
    }
    with generated(document(schemas), tmp_path) as package:
        Color = package.models.Color
        assert [m.name for m in Color] == ["RED", "DARK_BLUE", "_2X", "SEPA_DEBIT"]
        assert Color.DARK_BLUE == "dark-blue"
        finish = package.models.PaintFinish
        paint = decode(package, "Paint", {"color": "dark-blue", "finish": "satin"})
        assert paint.color is Color.DARK_BLUE
        assert paint.finish == "satin"
        assert isinstance(paint.finish, finish)
        assert encode(package, "Paint", paint) == {"color": "dark-blue", "finish": "satin"}
        assert decode(package, "Paint", {"color": "ultraviolet"}).color.value == "ultraviolet"
        assert decode_error(package, "Paint", {"color": 1}).json_path == "$.color"


PETS = {
    "Cat": {"type": "object", "required": ["petType"], "properties": {"petType": STRING, "meows": {"type": "boolean"}}},
    "Dog": {"type": "object", "required": ["petType"], "properties": {"petType": STRING, "barks": INTEGER}},
}


def test_discriminated_one_of(tmp_path: Path) -> None:
    schemas = PETS | {
        "Pet": {
            "oneOf": [ref("Cat"), ref("Dog")],
            "discriminator": {
                "propertyName": "petType",
                "mapping": {"cat": ref("Cat")["$ref"], "dog": ref("Dog")["$ref"]},
            },
        },
        "Owner": {"type": "object", "properties": {"pet": ref("Pet"), "pets": {"type": "array", "items": ref("Pet")}}},
    }
    with generated(document(schemas), tmp_path) as package:
        m = package.models
        owner = decode(package, "Owner", {"pet": {"petType": "dog", "barks": 3}, "pets": [{"petType": "cat"}]})
        assert owner.pet == m.Dog(pet_type="dog", barks=3)
        assert owner.pets == [m.Cat(pet_type="cat")]
        assert encode(package, "Owner", owner) == {"pet": {"petType": "dog", "barks": 3}, "pets": [{"petType": "cat"}]}
        # A newer server's member: an explicit unknown member of the union, kept whole, given back as it came.
        body = {"pets": [{"petType": "cat"}, {"petType": "fish", "fins": 2, "tags": [1.5]}]}
        owner = decode(package, "Owner", body)
        assert owner.pets[1] == m.PetUnknown(pet_type="fish", raw={"petType": "fish", "fins": 2, "tags": [1.5]})
        assert encode(package, "Owner", owner) == body
        assert decode(package, "Pet", {"fins": 1}) == m.PetUnknown(pet_type=None, raw={"fins": 1})
        assert typing.get_args(m.Pet) == (m.Cat, m.Dog, m.PetUnknown)
        assert decode_error(package, "Pet", {"petType": 3}).json_path == "$.petType"
        assert decode_error(package, "Pet", [1]).json_path == "$"


def test_discriminator_without_mapping_uses_schema_names(tmp_path: Path) -> None:
    # OpenAPI 3.0: with no mapping, the discriminator's value is the schema name.
    schemas = PETS | {"Pet": {"oneOf": [ref("Cat"), ref("Dog")], "discriminator": {"propertyName": "petType"}}}
    with generated(document(schemas), tmp_path) as package:
        assert decode(package, "Pet", {"petType": "Dog", "barks": 1}) == package.models.Dog(pet_type="Dog", barks=1)
        assert decode(package, "Pet", {"petType": "Cat"}) == package.models.Cat(pet_type="Cat")
        assert isinstance(decode(package, "Pet", {"petType": "dog"}), package.models.PetUnknown)


def test_any_of_picks_by_own_keys(tmp_path: Path) -> None:
    schemas = {
        "Circle": {"type": "object", "properties": {"radius": INTEGER, "label": STRING}},
        "Square": {"type": "object", "properties": {"side": INTEGER, "label": STRING}},
        "Shape": {"anyOf": [ref("Circle"), ref("Square")]},
    }
    with generated(document(schemas), tmp_path) as package:
        m = package.models
        assert decode(package, "Shape", {"side": 2, "label": "s"}) == m.Square(side=2, label="s")
        assert decode(package, "Shape", {"radius": 1}) == m.Circle(radius=1)
        assert decode(package, "Shape", {"label": "?"}) == m.Circle(label="?")  # nothing tells: the first
        assert decode(package, "Shape", {}) == m.Circle()
        assert encode(package, "Shape", m.Square(side=5)) == {"side": 5}
        # Only keys no member has: a newer server's member, kept whole and given back as it came.
        assert decode(package, "Shape", {"vertices": [[0, 1]]}) == m.ShapeUnknown(raw={"vertices": [[0, 1]]})
        assert encode(package, "Shape", m.ShapeUnknown(raw={"vertices": []})) == {"vertices": []}
        assert typing.get_args(m.Shape) == (m.Circle, m.Square, m.ShapeUnknown)
        union = Parser(document(schemas)).parse().components["Shape"]
        assert isinstance(union, Union)
        assert union.discriminator is None


def test_all_of_merges_properties(tmp_path: Path) -> None:
    schemas = {
        "Base": {"type": "object", "required": ["id"], "properties": {"id": STRING, "createdAt": DATETIME}},
        "Named": {
            "allOf": [ref("Base"), {"type": "object", "required": ["name"], "properties": {"name": STRING}}],
        },
        "Sized": {"allOf": [ref("Named"), {"type": "object", "properties": {"size": INTEGER}}]},
        "Boxed": {"allOf": [ref("Sized"), {"type": "object", "required": ["box"], "properties": {"box": STRING}}]},
        "Color": {"type": "string", "enum": ["red", "blue"]},
        "Page": {
            "type": "object",
            "properties": {
                # A described reference: the single-element allOf idiom.
                "color": {"allOf": [ref("Color")], "description": "The color."},
                "first": {"allOf": [ref("Base")], "description": "The first one."},
                # An inline merge: a reference plus extra properties.
                "cursor": {
                    "allOf": [
                        ref("Base"),
                        {
                            "type": "object",
                            "required": ["data"],
                            "properties": {"data": {"type": "array", "items": STRING}},
                        },
                    ]
                },
            },
        },
    }
    api = Parser(document(schemas)).parse()
    fields = {name: c for name, c in api.components.items() if isinstance(c, Model)}
    required = {name: sorted(f.json_name for f in model.fields if f.required) for name, model in fields.items()}
    optional = {name: sorted(f.json_name for f in model.fields if not f.required) for name, model in fields.items()}
    assert (required["Named"], optional["Named"]) == (["id", "name"], ["createdAt"])
    assert (required["Sized"], optional["Sized"]) == (["id", "name"], ["createdAt", "size"])
    assert (required["Boxed"], optional["Boxed"]) == (["box", "id", "name"], ["createdAt", "size"])
    page = {f.json_name: f.type for f in fields["Page"].fields}
    assert page["color"] == Ref("Color")
    assert page["first"] == Ref("Base")
    assert page["cursor"] == Ref("PageCursor")
    assert (required["PageCursor"], optional["PageCursor"]) == (["data", "id"], ["createdAt"])
    assert fields["Page"].fields[0].description == "The color."

    with generated(document(schemas), tmp_path) as package:
        m = package.models
        boxed = decode(package, "Boxed", {"id": "1", "name": "n", "box": "b", "size": 3})
        assert boxed == m.Boxed(id="1", name="n", box="b", size=3)
        assert decode_error(package, "Boxed", {"id": "1", "box": "b"}).json_path == "$.name"
        page = decode(package, "Page", {"color": "red", "first": {"id": "f"}, "cursor": {"id": "c", "data": ["x"]}})
        assert page.color is m.Color.RED
        assert page.first == m.Base(id="f")
        assert page.cursor == m.PageCursor(id="c", data=["x"])


THING_PATHS: dict[str, Any] = {
    "/v2/things": {
        "get": {
            "operationId": "v2ListThings",
            "summary": "List things",
            "parameters": [
                {"name": "cursor", "in": "query", "schema": STRING},
                {"name": "pageSize", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 50}},
            ],
            "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": ref("ThingPage")}}}},
        },
        "post": {
            "operationId": "v2CreateThing",
            "summary": "Create a thing",
            "requestBody": {"content": {"application/json": {"schema": ref("ThingData")}}},
            "responses": {
                "201": {"description": "ok", "content": {"application/json": {"schema": ref("ThingResponse")}}}
            },
        },
    },
    "/v2/things/{thingID}": {
        "parameters": [{"name": "thingID", "in": "path", "required": True, "schema": STRING, "description": "The id."}],
        "delete": {"operationId": "v2DeleteThing", "responses": {"204": {"description": "gone"}}},
    },
    "/v2/things/{thingID}/parts/{partNumber}": {
        "parameters": [{"name": "thingID", "in": "path", "required": True, "schema": STRING}],
        "get": {
            "operationId": "v2GetThingPart",
            "summary": "Get a part",
            "parameters": [
                {"name": "partNumber", "in": "path", "required": True, "schema": {"type": "integer"}},
                {"name": "verbose", "in": "query", "schema": {"type": "boolean"}},
            ],
            "responses": {
                "200": {"description": "ok", "content": {"application/json": {"schema": ref("ThingResponse")}}}
            },
        },
    },
}
THING_SCHEMAS: dict[str, Any] = {
    "Thing": {"type": "object", "required": ["id"], "properties": {"id": STRING, "size": INTEGER}},
    "ThingData": {"type": "object", "required": ["name"], "properties": {"name": STRING, "size": INTEGER}},
    "ThingResponse": {"type": "object", "required": ["data"], "properties": {"data": ref("Thing")}},
    "ThingPage": {
        "type": "object",
        "required": ["cursor"],
        "properties": {
            "cursor": {
                "type": "object",
                "required": ["hasMore", "data", "pageSize"],
                "properties": {
                    "pageSize": {"type": "integer"},
                    "hasMore": {"type": "boolean"},
                    "next": STRING,
                    "previous": STRING,
                    "data": {"type": "array", "items": ref("Thing")},
                },
            }
        },
    },
}


class FakeTransport:
    """Records the RequestSpec each generated coroutine builds and answers with a canned body."""

    def __init__(self, body: Any) -> None:
        self.body = body
        self.specs: list[Any] = []

    async def request(self, spec: Any, parse: Any) -> Any:
        self.specs.append(spec)
        return parse(self.body)


def test_operations_escape_path_parameters(tmp_path: Path) -> None:
    with generated(document(THING_SCHEMAS, THING_PATHS), tmp_path) as package:
        source = (tmp_path / package.__name__ / "_generated" / "v2.py").read_text(encoding="utf-8")
        assert "path_segment(thing_id, 'thing_id')" in source
        assert "path_segment(part_number, 'part_number')" in source

        async def main() -> None:
            transport = FakeTransport({"data": {"id": "a/b", "size": 2**70}})
            v2 = package._v2.AsyncV2(transport)
            part = await v2.get_thing_part("a/b?c#d", 3, verbose=True)
            assert part == package.models.Thing(id="a/b", size=2**70)
            spec = transport.specs[-1]
            assert (spec.method, spec.path) == ("GET", "/v2/things/a%2Fb%3Fc%23d/parts/3")
            assert spec.query == (("verbose", "true"),)
            assert spec.schema == "ThingResponse"
            for awkward, encoded in {"..": "%2E%2E", "%": "%25", "ü": "%C3%BC"}.items():
                await v2.delete_thing(awkward)
                assert transport.specs[-1].path == f"/v2/things/{encoded}"
            assert transport.specs[-1].method == "DELETE"
            with pytest.raises(ValueError, match="non-empty"):
                await v2.get_thing_part("", 1)
            with pytest.raises(ValueError, match="page_size"):
                v2.list_things(page_size=51)
            created = await v2.create_thing(name="n")
            assert transport.specs[-1].body == {"name": "n"}
            assert created.id == "a/b"

        anyio.run(main)


def test_generated_list_operation_pages(tmp_path: Path) -> None:
    with generated(document(THING_SCHEMAS, THING_PATHS), tmp_path) as package:
        pages = [
            {"cursor": {"pageSize": 2, "hasMore": True, "next": "c2", "data": [{"id": "1"}, {"id": "2"}]}},
            {"cursor": {"pageSize": 2, "hasMore": False, "previous": "c1", "data": [{"id": "3"}]}},
        ]

        class Pages(FakeTransport):
            async def request(self, spec: Any, parse: Any) -> Any:
                self.specs.append(spec)
                return parse(pages[len(self.specs) - 1])

        async def main() -> list[str]:
            transport = Pages(None)
            v2 = package._v2.AsyncV2(transport)
            ids = [thing.id async for thing in v2.list_things(page_size=2)]
            assert [s.query for s in transport.specs] == [
                (("cursor", None), ("pageSize", "2")),
                (("cursor", "c2"),),
            ]
            return ids

        assert anyio.run(main) == ["1", "2", "3"]


@pytest.mark.anyio
async def test_generated_operation_over_http(tmp_path: Path, server: RecordingServer) -> None:
    with generated(document(THING_SCHEMAS, THING_PATHS), tmp_path) as package:
        transport_module = importlib.import_module(f"{package.__name__}._engine.transport")
        retry_module = importlib.import_module(f"{package.__name__}._engine.retry")
        transport = transport_module.AsyncTransport(
            base_url=server.url,
            api_prefix="",
            auth=None,
            timeout=httpx.Timeout(5.0),
            retries=retry_module.RetryPolicy(max_attempts=1),
            headers={},
            http_client=None,
            max_response_bytes=1 << 20,
        )
        server.enqueue(Reply(200, {"data": {"id": "x"}}))
        try:
            thing = await package._v2.AsyncV2(transport).get_thing_part("a/b?c#d", 7, verbose=False)
        finally:
            await transport.aclose()
        assert thing.id == "x"
        assert server.requests[0].target == "/v2/things/a%2Fb%3Fc%23d/parts/7?verbose=false"


def test_generated_faces_match_and_import(tmp_path: Path) -> None:
    with generated(document(THING_SCHEMAS | PETS, THING_PATHS), tmp_path) as package:
        ops = {"list_things", "create_thing", "delete_thing", "get_thing_part"}
        assert ops <= set(vars(package._v2.AsyncV2))
        assert ops <= set(vars(package._v2_sync.V2))
        assert set(package.models.__all__) >= {"Thing", "ThingData", "ThingResponse", "ThingPage", "ThingPageCursor"}
        for name in package.models.__all__:
            assert hasattr(package.models, name), name
        # Every generated module compiles on its own and passes the project's lint rules.
        out = tmp_path / package.__name__ / "_generated"
        for name in GENERATED:
            compile((out / name).read_text(encoding="utf-8"), name, "exec")
        lint = subprocess.run(
            [
                sys.executable,
                "-m",
                "ruff",
                "check",
                "--config",
                str(ROOT / "pyproject.toml"),
                *[str(out / n) for n in GENERATED],
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert lint.returncode == 0, lint.stdout + lint.stderr


def test_writer_renders_without_formatting() -> None:
    api = Parser(document(THING_SCHEMAS, THING_PATHS)).parse()
    writer = Writer(api)
    for source in (writer.models(), writer.codec(), writer.operations(), writer.sync_operations()):
        compile(source, "<generated>", "exec")
        assert source.startswith("# Generated from orchestration-v2.yaml")
