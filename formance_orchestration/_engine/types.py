"""Small shared types: the "not given" sentinel, argument aliases and the stage protocol."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final, Literal, Protocol, TypeAlias, final, runtime_checkable

import httpx

if TYPE_CHECKING:
    from .retry import RetryPolicy

__all__ = ["NOT_GIVEN", "NotGiven", "RetriesTypes", "StageLike", "TimeoutTypes"]


@final
class NotGiven:
    """The type of :data:`NOT_GIVEN`: "use the client's default", which is not the same as ``None``.

    For ``timeout``, ``None`` means "no timeout at all"; leaving the argument out means "the client's timeout".
    """

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()
"""Sentinel for per-call options left to the client's default."""

TimeoutTypes: TypeAlias = "float | httpx.Timeout | None"
"""Seconds for every phase, an ``httpx.Timeout`` for each phase, or ``None`` for no timeout."""

RetriesTypes: TypeAlias = "RetryPolicy | int"
"""A :class:`RetryPolicy`; an int (the maximum number of attempts) is deprecated: use ``max_retries``."""


@runtime_checkable
class StageLike(Protocol):
    """Anything that can stand for one workflow stage: it renders itself as the stage's JSON object."""

    def to_json(self) -> dict[str, Any]:
        """The stage as the server expects it inside ``stages``, e.g. ``{"delay": {"duration": "5s"}}``."""
        ...
