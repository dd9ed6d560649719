"""The package's layout holds: no import circle, generated code apart, every operation in its three places,
generated docstrings that parse, raw mode typed without casts, no private attributes of dependencies."""

from __future__ import annotations

import ast
import inspect
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from formance_orchestration._generated.v2 import OPERATIONS as GENERATED_OPERATIONS
from formance_orchestration._generated.v2 import AsyncV2, AsyncV2WithRawResponse
from formance_orchestration._generated.v2_sync import V2, V2WithRawResponse
from formance_orchestration.testing._routes import ROUTES

from .conftest import OPERATIONS

PACKAGE = Path(__file__).resolve().parents[1] / "formance_orchestration"


def modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        yield name, path


def imported_modules(name: str, path: Path, known: set[str]) -> set[str]:
    """The package modules ``path`` imports, wherever the import stands (``TYPE_CHECKING`` blocks included)."""
    is_package = path.name == "__init__.py"
    here = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = here.split(".")[: len(here.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None)) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            # importlib.import_module("formance_orchestration.x") is an import too: it must not hide a circle.
            found.add(node.args[0].value)
    return {module for module in found if module in known and module != name}


def import_graph() -> dict[str, set[str]]:
    paths = dict(modules())
    known = set(paths)
    return {name: imported_modules(name, path, known) for name, path in paths.items()}


def find_circle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            # A package's __init__ importing its own submodules is how packages are assembled, not a circle.
            if target.startswith(node + "."):
                continue
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state and (circle := visit(target)):
                return circle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (circle := visit(node)):
            return circle
    return None


def test_no_import_circle_anywhere_in_the_package() -> None:
    graph = import_graph()
    assert "formance_orchestration._engine.transport" in graph
    assert find_circle(graph) is None, " -> ".join(find_circle(graph) or [])


def test_an_import_by_name_is_an_arrow_of_the_graph(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text('import importlib\n\ndef f():\n    importlib.import_module("pkg.other")\n', encoding="utf-8")
    assert imported_modules("pkg.m", module, {"pkg.m", "pkg.other"}) == {"pkg.other"}


def test_the_circle_finder_sees_a_circle() -> None:
    assert find_circle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_circle({"a": {"b"}, "b": set()}) is None


def test_layers_import_only_downwards() -> None:
    """The codec runtime and the exceptions know nothing of the engine, the resources or the double."""
    graph = import_graph()
    for name, targets in graph.items():
        if name.startswith(("formance_orchestration._codec.primitives", "formance_orchestration._codec.model")):
            assert not {t for t in targets if t.startswith("formance_orchestration._engine")}, name
        if name == "formance_orchestration._exceptions":
            assert targets == set(), targets
        if name.startswith(("formance_orchestration._engine", "formance_orchestration._codec")):
            assert not {t for t in targets if t.startswith("formance_orchestration.testing")}, name


# -- generated code -----------------------------------------------------------------------------------------------


def test_nothing_in_engine_or_generated_code_casts_what_a_call_returns() -> None:
    for folder in ("_engine", "_generated", "_resources"):
        for path in (PACKAGE / folder).glob("*.py"):
            source = path.read_text(encoding="utf-8")
            assert not re.search(r"\bcast\(", source), f"{path.name} uses typing.cast"


def test_no_private_attribute_of_a_dependency_and_no_process_wide_gc_switch() -> None:
    for _, path in modules():
        source = path.read_text(encoding="utf-8")
        assert "_event_loop_thread_id" not in source, path
        assert "gc.disable" not in source, path


# -- adding an operation: the document, the generator, one row of the double's table --------------------------


def template(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "{}", path)


def test_every_generated_operation_has_one_row_in_the_doubles_routes_table() -> None:
    rows = {row.operation: (row.method, template(row.path)) for row in ROUTES}
    generated = {name: (method, template(path)) for name, (method, path) in GENERATED_OPERATIONS.items()}
    assert len(rows) == len(ROUTES), "one row per operation"
    assert rows == generated


@pytest.mark.parametrize("face", [AsyncV2, AsyncV2WithRawResponse, V2, V2WithRawResponse], ids=lambda c: c.__name__)
def test_every_operation_is_on_each_face(face: type) -> None:
    assert set(GENERATED_OPERATIONS) == OPERATIONS
    assert {name for name in OPERATIONS if callable(getattr(face, name, None))} == OPERATIONS


# -- generated docstrings -----------------------------------------------------------------------------------------

SECTION = re.compile(r"^(Args|Returns|Raises):$")


def sections(doc: str) -> dict[str, list[str]]:
    """Google-style sections of a cleaned docstring: each header at column 0, its entries indented by 4."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in doc.splitlines():
        if SECTION.match(line):
            current = found.setdefault(line[:-1], [])
        elif current is not None and line.strip():
            assert line.startswith("    "), f"entry not indented under its section: {line!r}"
            current.append(line[4:])
        elif current is not None and not line.strip():
            current = None
    return found


def operation_methods() -> Iterator[tuple[str, Callable[..., Any]]]:
    for face in (AsyncV2, V2):
        for name in sorted(OPERATIONS):
            yield f"{face.__name__}.{name}", getattr(face, name)


@pytest.mark.parametrize(("label", "method"), list(operation_methods()), ids=lambda value: str(value))
def test_generated_docstrings_parse(label: str, method: Callable[..., Any]) -> None:
    doc = inspect.getdoc(method)
    assert doc, label
    assert not re.search(r"^[ \t]+(Args|Returns):$", doc, re.MULTILINE), f"{label}: a section header is indented"
    found = sections(doc)
    assert found.get("Returns"), f"{label}: no Returns section"
    parameters = set(inspect.signature(method).parameters) - {"self"}
    for entry in found.get("Args", []):
        if not entry.startswith(" "):
            assert entry.split(":", 1)[0] in parameters, f"{label}: Args names {entry!r}"


def test_the_docstring_checker_refuses_deep_sections() -> None:
    with pytest.raises(AssertionError):
        sections("Summary.\n\nArgs:\nflow_id: not indented")
    assert sections("S.\n\nArgs:\n    a: x\n\nReturns:\n    y") == {"Args": ["a: x"], "Returns": ["y"]}
