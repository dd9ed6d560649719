"""The distributions as a user gets them: build the sdist and wheel, check them, install the wheel in a fresh venv.

Needs ``build`` (and ``twine`` for the metadata check) and the package index for the build backend and the
wheel's dependencies: ``nox -s package`` installs both and runs this module. Without ``build`` it is skipped.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tarfile
import textwrap
import venv
import zipfile
from collections.abc import Iterator
from email.parser import Parser
from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "formance_orchestration"
VERSION = re.search(r'__version__ = "([^"]+)"', (ROOT / PACKAGE / "_version.py").read_text())
assert VERSION is not None
VERSION_TEXT = VERSION.group(1)

pytest.importorskip("build", reason="`build` is not installed: `nox -s package` (or pip install build) runs these")


class Dist(NamedTuple):
    wheel: Path
    sdist: Path


def run(*command: str | Path, cwd: Path | None = None, timeout: float = 300) -> str:
    result = subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, f"{command} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Dist:
    """``python -m build`` of the checkout: one sdist and one wheel."""
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", out, ROOT, cwd=out)
    [wheel] = out.glob("*.whl")
    [sdist] = out.glob("*.tar.gz")
    return Dist(wheel, sdist)


def test_names_and_version_come_from_the_one_source(dist: Dist) -> None:
    assert dist.wheel.name == f"{PACKAGE}-{VERSION_TEXT}-py3-none-any.whl"
    assert dist.sdist.name == f"{PACKAGE}-{VERSION_TEXT}.tar.gz"


def test_wheel_contents(dist: Dist) -> None:
    with zipfile.ZipFile(dist.wheel) as wheel:
        names = wheel.namelist()
        info = f"{PACKAGE}-{VERSION_TEXT}.dist-info"
        metadata = Parser().parsestr(wheel.read(f"{info}/METADATA").decode())
        entry_points = wheel.read(f"{info}/entry_points.txt").decode()
    assert f"{PACKAGE}/py.typed" in names
    assert f"{PACKAGE}/testing/__init__.py" in names  # the in-memory server ships with the package
    assert f"{info}/licenses/LICENSE" in names
    top_level = {name.split("/", 1)[0] for name in names}
    assert top_level == {PACKAGE, info}  # no tests, examples, tools or docs
    assert not [name for name in names if "/tests/" in name or name.endswith((".pyc", ".orig", ".rej"))]
    assert metadata["Name"] == "formance-orchestration"
    assert metadata["Version"] == VERSION_TEXT
    assert metadata["Requires-Python"] == ">=3.11"
    assert metadata["License-Expression"] == "MIT"
    assert "Typing :: Typed" in metadata.get_all("Classifier", [])
    assert metadata.get_all("Project-URL")
    requires = metadata.get_all("Requires-Dist", [])
    assert {re.split(r"[<>=;\s\[]", line, maxsplit=1)[0].lower() for line in requires if "extra ==" not in line} == {
        "httpx",
        "attrs",
        "cattrs",
        "tenacity",
        "anyio",
        "sniffio",
    }
    assert {"yaml", "dev", "docs", "examples", "bench"} <= set(metadata.get_all("Provides-Extra", []))
    description = metadata.get_payload()
    assert isinstance(description, str)
    assert description.startswith("# formance-orchestration")  # the README
    assert "formance_orchestration = formance_orchestration.testing.pytest_plugin" in entry_points


def test_sdist_contents(dist: Dist) -> None:
    with tarfile.open(dist.sdist) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
        prefix = f"{PACKAGE}-{VERSION_TEXT}"
        pkg_info = sdist.extractfile(f"{prefix}/PKG-INFO")
        assert pkg_info is not None
        metadata = Parser().parsestr(pkg_info.read().decode())
    for required in ("pyproject.toml", "README.md", "CHANGELOG.md", "LICENSE", f"{PACKAGE}/py.typed", "noxfile.py"):
        assert required in names
    assert any(name.startswith("tests/") for name in names)
    assert any(name.startswith("examples/") for name in names)
    assert not [name for name in names if "__pycache__" in name or name.startswith((".nox/", ".venv/", "site/"))]
    assert metadata["Version"] == VERSION_TEXT


def test_twine_check(dist: Dist) -> None:
    pytest.importorskip("twine", reason="`twine` is not installed: `nox -s package` installs it")
    out = run(sys.executable, "-m", "twine", "check", "--strict", dist.wheel, dist.sdist)
    assert out.count("PASSED") == 2, out


@pytest.fixture(scope="module")
def installed(dist: Dist, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed (its dependencies from the package index); returns its python."""
    home = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=True, clear=True).create(home)
    python = home / "bin" / "python"
    run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", dist.wheel, timeout=600)
    return python


AUTH_ARGS = ["--require-auth", "--client", "wheel:wheel-secret"]  # the script below authenticates as "wheel"


class Server(NamedTuple):
    url: str
    process: subprocess.Popen[str]


@pytest.fixture(scope="module")
def server(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``python -m formance_orchestration.testing`` from the installed wheel, on a free port."""
    process = subprocess.Popen(
        [str(installed), "-I", "-m", f"{PACKAGE}.testing", "--port", "0", "--quiet", *AUTH_ARGS],
        cwd=tmp_path_factory.mktemp("server"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()  # "Fake Formance Orchestration listening on http://127.0.0.1:PORT"
        match = re.search(r"listening on (http://\S+)", line)
        assert match, f"server did not start: {line!r} {process.stderr.read() if process.stderr else ''}"
        yield Server(match.group(1), process)
    finally:
        process.terminate()
        process.wait(10)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


CLIENT_SCRIPT = textwrap.dedent(
    """
    import importlib.metadata, importlib.resources, json, sys

    import anyio

    import formance_orchestration as fo

    url = sys.argv[1]
    auth = fo.ClientCredentials(client_id="wheel", client_secret="wheel-secret")

    async def run_async():
        async with fo.AsyncOrchestrationClient(url, auth=auth) as client:
            info = await client.v2.get_server_info()
            workflow = await client.v2.create_workflow(name="from the wheel", stages=[fo.stages.Delay(duration="1m")])
            return info.version, workflow.id

    version, workflow_id = anyio.run(run_async)
    with fo.OrchestrationClient(url, auth=auth) as client:
        names = [workflow.config.name for workflow in client.v2.list_workflows()]
    print(json.dumps({
        "file": fo.__file__,
        "version": fo.__version__,
        "distribution_version": importlib.metadata.version("formance-orchestration"),
        "py_typed": importlib.resources.files("formance_orchestration").joinpath("py.typed").is_file(),
        "server_version": version,
        "names": names,
    }))
    """
)


def test_installed_wheel_talks_to_a_local_server(installed: Path, server: Server, tmp_path: Path) -> None:
    # -I: isolated mode, so neither the checkout nor PYTHONPATH can stand in for the installed wheel.
    out = run(installed, "-I", "-c", CLIENT_SCRIPT, server.url, cwd=tmp_path)
    result = json.loads(out)
    assert "site-packages" in result["file"]
    assert not result["file"].startswith(str(ROOT))
    assert result["version"] == result["distribution_version"] == VERSION_TEXT
    assert result["py_typed"] is True
    assert result["server_version"] == "develop"
    assert result["names"] == ["from the wheel"]
    assert server.process.poll() is None


def test_installed_wheel_has_no_test_dependencies(installed: Path, tmp_path: Path) -> None:
    """The runtime needs only its five dependencies: no pytest, no dev tools came along."""
    out = run(installed, "-I", "-m", "pip", "list", "--format=json", "--disable-pip-version-check", cwd=tmp_path)
    names = {entry["name"].lower() for entry in json.loads(out)}
    assert {"formance-orchestration", "httpx", "attrs", "cattrs", "tenacity", "anyio"} <= names
    assert not names & {"pytest", "hypothesis", "fastapi", "trio", "pyyaml", "mkdocs"}
