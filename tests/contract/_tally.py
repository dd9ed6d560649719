"""Counts of what the contract tests checked, printed at the end of the run (see ``conftest.py``)."""

from __future__ import annotations

from collections import Counter

# "prism requests", "requests validated (openapi-core)", "generated bodies: <schema>", "departures applied: ..."
TALLY: Counter[str] = Counter()


def count(what: str, n: int = 1) -> None:
    TALLY[what] += n
