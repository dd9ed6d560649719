"""The reliability suite: every test marked ``reliability``, checked for ResourceWarning, figures gathered for the
report that ``nox -s reliability`` (``FORMANCE_RELIABILITY=1``) prints at the end of the run."""

from __future__ import annotations

import gc
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from .report import REPORT, heavy_enabled

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.reliability)


@pytest.fixture(autouse=True, scope="module")
def _no_resource_warning() -> Iterator[None]:
    """Fail a module that leaves an unclosed socket, file or subprocess behind (found when collected).

    Warnings raised while the tests run are errors already (``filterwarnings = error``); this also catches what
    only a full collection finds, once per module to keep the suite fast."""
    yield
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        gc.collect()
    leaks = [w for w in caught if issubclass(w.category, ResourceWarning)]
    REPORT.resource_warnings += len(leaks)
    assert not leaks, [str(w.message) for w in leaks]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if heavy_enabled() and (REPORT.cells or REPORT.loads or REPORT.security):
        terminalreporter.section("reliability report")
        terminalreporter.write_line(REPORT.render())
