"""Developer tasks: ``nox -s tests``, ``lint``, ``typecheck``, ``generate``, ``demo``."""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["lint", "typecheck", "tests"]

PYTHON = "3.11"
SOURCES = ["formance_orchestration", "tests", "tools", "benchmarks", "noxfile.py"]


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
