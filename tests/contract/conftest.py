"""Contract tests: run by ``nox -s contract`` (``pytest tests/contract -m contract``); skipped otherwise.

They need Prism (node) and the ``contract`` extra, and take a few minutes, so a plain ``pytest`` skips them with a
reason unless ``-m contract`` selects them. A closing summary says how many requests and bodies were checked.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ._tally import TALLY

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if "contract" in (config.getoption("markexpr", "") or ""):
        return
    skip = pytest.mark.skip(reason="contract conformance: run `nox -s contract` (or pytest -m contract)")
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not TALLY:
        return
    terminalreporter.section("contract conformance: what was checked")
    totals: dict[str, int] = {}
    for key, value in sorted(TALLY.items()):
        terminalreporter.write_line(f"{value:7d}  {key}")
        group = key.split(":", 1)[0]
        totals[group] = totals.get(group, 0) + value
    for group, value in sorted(totals.items()):
        terminalreporter.write_line(f"{value:7d}  total {group}")
