"""hypothesis-jsonschema 0.23.1 (the latest release) against newer Hypothesis, and made fast on deep schemas.

1. hypothesis-jsonschema draws object keys with Hypothesis' private ``cu.many(...)`` and its old ``more()`` /
   ``reject()`` loop. Newer Hypothesis replaced ``more()`` with a context manager that is iterated. When (and only
   when) ``more()`` is gone, hypothesis-jsonschema's module gets an adapter with the old interface built on the
   new one; nothing else in Hypothesis is touched.
2. It rebuilds (and re-canonicalises) the strategy of every nested property on every draw: about 3.6 s per body of
   the stage-history response. Strategies are immutable, so building each once per distinct sub-schema gives the
   same bodies some 20 times faster.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

from hypothesis.internal.conjecture import utils as cu


class _LegacyMany:
    """``many`` with the old ``more()`` loop, driving the new context-manager form underneath."""

    def __init__(self, data: Any, **kwargs: Any) -> None:
        self._many: Any = cu.many(data, **kwargs)
        self._many.__enter__()
        self._elements: Iterator[None] = iter(self._many)

    def more(self) -> bool:
        try:
            next(self._elements)
        except StopIteration:
            self._many.__exit__(None, None, None)
            return False
        return True

    def reject(self, why: str | None = None) -> None:
        self._many.reject(why)


_patched = False


def patch_hypothesis_jsonschema() -> None:
    global _patched
    if _patched:
        return
    _patched = True
    from hypothesis_jsonschema import _from_schema  # type: ignore[import-not-found, import-untyped, unused-ignore]

    if not hasattr(cu.many, "more"):
        vars(_from_schema)["cu"] = SimpleNamespace(many=_LegacyMany)

    build = getattr(_from_schema, "__from_schema")
    memo: dict[tuple[str, int, int], Any] = {}

    def memoised(schema: Any, *, alphabet: Any, custom_formats: Any) -> Any:
        key = (json.dumps(schema, sort_keys=True, default=repr), id(alphabet), id(custom_formats))
        if key not in memo:
            memo[key] = build(schema, alphabet=alphabet, custom_formats=custom_formats)
        return memo[key]

    setattr(_from_schema, "__from_schema", memoised)
