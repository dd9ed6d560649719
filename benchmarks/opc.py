"""A client generated at bench time by openapi-python-client from the OpenAPI document: a fourth contender.

``generate()`` runs the generator (pinned in the bench session, ``nox -s bench``) on
``$FORMANCE_OPENAPI_SPEC`` or ``../shared/openapi/orchestration-v2.yaml`` into a temporary folder (never
committed), without its formatting hooks, and returns that folder, which holds the package ``orch_opc``. The
document is used as it is: the generator accepts it without preprocessing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PACKAGE = "orch_opc"
ROOT = Path(__file__).resolve().parent.parent
CONFIG = f"post_hooks: []\nproject_name_override: {PACKAGE}\npackage_name_override: {PACKAGE}\n"


def spec_path() -> Path:
    """The OpenAPI document the SDKs are generated from."""
    return Path(os.environ.get("FORMANCE_OPENAPI_SPEC") or ROOT.parent / "shared" / "openapi" / "orchestration-v2.yaml")


def generate() -> tuple[Path | None, str | None]:
    """(folder to put on ``sys.path``, None), or (None, why the contender is skipped)."""
    spec = spec_path()
    if not spec.is_file():
        return None, f"openapi-python-client contender skipped: no OpenAPI document at {spec}"
    tool = shutil.which("openapi-python-client", path=str(Path(sys.executable).parent)) or shutil.which(
        "openapi-python-client"
    )
    if tool is None:
        return None, "openapi-python-client is not installed (nox -s bench installs it); its rows are skipped"
    folder = Path(tempfile.mkdtemp(prefix="bench-opc-"))
    (folder / "config.yaml").write_text(CONFIG)
    command = [tool, "generate", "--path", str(spec), "--config", str(folder / "config.yaml")]
    command += ["--meta", "none", "--output-path", str(folder / PACKAGE)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    if done.returncode != 0 or not (folder / PACKAGE / "__init__.py").is_file():
        return None, f"openapi-python-client failed on the document: {(done.stdout + done.stderr).strip()[-500:]}"
    compile_folder(folder)
    return folder, None


def compile_folder(folder: Path) -> None:
    """Write the bytecode now, as an installed package has it, so import times do not include compiling."""
    import compileall

    compileall.compile_dir(str(folder / PACKAGE), quiet=1)
