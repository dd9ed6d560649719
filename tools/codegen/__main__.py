"""``python -m tools.codegen [--spec PATH] [--out DIR]``: regenerate the SDK's generated modules."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import yaml

from .parser import Parser
from .writer import Writer

ROOT = Path(__file__).resolve().parents[2]
GENERATED_DIR = ROOT / "formance_orchestration" / "_generated"
"""Where the generated modules live: this folder holds nothing hand-written."""
GENERATED = ("__init__.py", "models.py", "codec.py", "v2.py", "v2_sync.py")


def default_spec() -> Path:
    """The document's location: ``$FORMANCE_OPENAPI_SPEC``, else ``../shared/openapi/orchestration-v2.yaml``."""
    env = os.environ.get("FORMANCE_OPENAPI_SPEC")
    if env:
        return Path(env)
    return ROOT.parent / "shared" / "openapi" / "orchestration-v2.yaml"


def render(spec: Path) -> dict[str, str]:
    """Source text of every generated module, before formatting."""
    document = yaml.safe_load(spec.read_text(encoding="utf-8"))
    writer = Writer(Parser(document).parse())
    return {
        "__init__.py": writer.package(),
        "models.py": writer.models(),
        "codec.py": writer.codec(),
        "v2.py": writer.operations(),
        "v2_sync.py": writer.sync_operations(),
    }


def generate(spec: Path, out: Path) -> list[Path]:
    """Write the generated modules into ``out`` and format them with ruff (fixes first, then the formatter)."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, source in render(spec).items():
        path = out / name
        path.write_text(source, encoding="utf-8")
        paths.append(path)
    files = [str(p) for p in paths]
    config = ["--config", str(ROOT / "pyproject.toml")]
    ruff = [sys.executable, "-m", "ruff"]
    subprocess.run([*ruff, "check", "--fix-only", "--quiet", *config, *files], check=True)
    subprocess.run([*ruff, "format", "--quiet", *config, *files], check=True)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--spec", type=Path, default=default_spec(), help="the OpenAPI document")
    parser.add_argument("--out", type=Path, default=GENERATED_DIR, help="where to write the modules")
    args = parser.parse_args(argv)
    if not args.spec.is_file():
        parser.error(f"OpenAPI document not found: {args.spec} (set FORMANCE_OPENAPI_SPEC or pass --spec)")
    for path in generate(args.spec, args.out):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
