"""Developer tasks: ``nox -s tests``, ``lint``, ``typecheck``, ``generate``, ``demo``, ``bench``."""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["lint", "typecheck", "tests"]

PYTHON = "3.11"
SOURCES = ["formance_orchestration", "tests", "examples", "tools", "benchmarks", "noxfile.py"]


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run the test suite (asyncio and trio); tests needing ../shared skip with a reason when it is absent."""
    session.install("-e", ".[dev]")
    session.run("pytest", *session.posargs)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """ruff lint and format check."""
    session.install("ruff>=0.6")
    session.run("ruff", "check", *SOURCES)
    session.run("ruff", "format", "--check", *SOURCES)


@nox.session(python=PYTHON)
def typecheck(session: nox.Session) -> None:
    """mypy --strict on the package, tests, examples and tools."""
    session.install("-e", ".[dev]")
    session.run("mypy", "--strict")


@nox.session(python=PYTHON)
def generate(session: nox.Session) -> None:
    """Regenerate models, codec and both faces of v2 from ../shared/openapi/orchestration-v2.yaml.

    Pass another document with ``nox -s generate -- --spec PATH``.
    """
    session.install("-e", ".[dev]")
    session.run("python", "-m", "tools.codegen", *session.posargs)


@nox.session(python=PYTHON)
def demo(session: nox.Session) -> None:
    """Create a workflow, run it, read the instance and its history (a local server unless FORMANCE_BASE_URL)."""
    session.install("-e", ".")
    session.run("python", "examples/demo.py", *session.posargs)


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """Build the documentation site (MkDocs, Material, API reference from the docstrings) into site/, strictly."""
    session.install("-e", ".[docs]")
    session.run("mkdocs", "build", "--strict", "--site-dir", "site", *session.posargs, env={"NO_MKDOCS_2_WARNING": "1"})


@nox.session(python=PYTHON)
def package(session: nox.Session) -> None:
    """Build the release files into dist/ (sdist and wheel) and check them with ``twine check --strict``.

    tests/packaging (part of ``nox -s tests``) checks their contents and installs the wheel in a fresh venv.
    """
    import shutil
    from pathlib import Path

    session.install("build>=1.2", "twine>=6.1")
    dist = Path(__file__).resolve().parent / "dist"
    shutil.rmtree(dist, ignore_errors=True)
    session.run("python", "-m", "build", "--outdir", str(dist))
    session.run("twine", "check", "--strict", *sorted(str(path) for path in dist.iterdir()))


@nox.session(python=PYTHON)
def reliability(session: nox.Session) -> None:
    """The reliability suite with its load tests (FORMANCE_RELIABILITY=1): fault matrix, cancellation, load,
    token lifecycle, security, decoder fuzzing; prints the reliability report at the end (README, Reliability)."""
    session.install("-e", ".[dev]")
    session.run("pytest", "tests/reliability", "-q", *session.posargs, env={"FORMANCE_RELIABILITY": "1"})


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Side-by-side benchmarks: this SDK (orjson and json.loads) vs raw httpx vs formance-sdk-python vs a client
    openapi-python-client generates at bench time from the OpenAPI document, interleaved in one run.

    Starts its own canned server, prints one table per figure and a targets summary, and writes
    benchmarks/results/latest.json and two plots. ``nox -s bench -- --quick`` is a smoke test (under 2 minutes);
    ``-- --help`` lists the options. Exits non-zero only when a call fails, never because of a number.
    """
    session.install("-e", ".[bench,speedups]", "formance-sdk-python", OPENAPI_PYTHON_CLIENT)
    session.run("python", "-m", "benchmarks", *session.posargs)


OPENAPI_PYTHON_CLIENT = "openapi-python-client==0.29.1"  # the fourth contender, generated at bench time
PRISM_PACKAGE = "@stoplight/prism-cli@5.14.2"


@nox.session(python=PYTHON)
def contract(session: nox.Session) -> None:
    """Contract conformance against ../shared/openapi/orchestration-v2.yaml (or $FORMANCE_OPENAPI_SPEC).

    Installs Prism from the npm registry into .nox/_prism (once), starts two validating mocks on 127.0.0.1 (static
    examples, and ``--dynamic`` generated bodies), and runs ``pytest tests/contract -m contract`` with their URLs
    in FORMANCE_PRISM_URL / FORMANCE_PRISM_DYNAMIC_URL: all 18 operations through both clients, generated bodies
    for every response and request schema, and every request validated against the document.
    """
    import os
    import socket
    import subprocess
    import time
    import urllib.error
    import urllib.request
    from pathlib import Path
    from typing import IO

    root = Path(__file__).resolve().parent
    spec = Path(os.environ.get("FORMANCE_OPENAPI_SPEC") or root.parent / "shared" / "openapi" / "orchestration-v2.yaml")
    if not spec.is_file():
        session.error(
            f"OpenAPI document not found at {spec}: set FORMANCE_OPENAPI_SPEC or put ../shared beside the checkout"
        )
    session.install("-e", ".[dev,contract]")
    prism_dir = root / ".nox" / "_prism"
    prism = prism_dir / "node_modules" / ".bin" / "prism"
    if not prism.exists():
        prism_dir.mkdir(parents=True, exist_ok=True)
        session.run(
            "npm",
            "install",
            "--prefix",
            str(prism_dir),
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            PRISM_PACKAGE,
            external=True,
        )

    def free_port() -> int:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port: int = sock.getsockname()[1]
            return port

    def wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if process.poll() is not None:
                session.error(f"Prism exited ({process.returncode}):\n{log.read_text(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(f"{url}/v2/_info", timeout=2):
                    return
            except (urllib.error.URLError, OSError):
                time.sleep(0.3)
        session.error(f"Prism did not answer at {url}:\n{log.read_text(errors='replace')[-2000:]}")

    servers: list[tuple[subprocess.Popen[bytes], IO[bytes]]] = []
    urls: dict[str, str] = {}
    try:
        for env, extra in (("FORMANCE_PRISM_URL", []), ("FORMANCE_PRISM_DYNAMIC_URL", ["--dynamic"])):
            port = free_port()
            log = prism_dir / f"{env.lower()}.log"
            handle = log.open("wb")
            command = [str(prism), "mock", *extra, "--host", "127.0.0.1", "--port", str(port), str(spec)]
            process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            servers.append((process, handle))
            urls[env] = f"http://127.0.0.1:{port}"
            wait_until_up(urls[env], process, log)
        session.run(
            "pytest",
            "tests/contract",
            "-m",
            "contract",
            *session.posargs,
            env={**urls, "FORMANCE_OPENAPI_SPEC": str(spec)},
        )
    finally:
        for process, output in servers:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            output.close()
