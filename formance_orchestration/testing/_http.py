"""The plain values a request and its answer travel as, between the front ends and the service.

``Response`` is ``(status, headers, body)``; :class:`Pending` is an answer that is not ready yet;
:class:`Request` is what an operation handler gets; :class:`ResponseError` lets a handler answer at once.
Nothing here knows about routes, storage or faults, so every other module can sit on top of it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import parse_qsl

__all__ = ["Pending", "Request", "Response", "ResponseError", "first_value", "parse_query", "query_bool"]

Response = tuple[int, list[tuple[str, str]], bytes]


@dataclass(frozen=True)
class Pending:
    """An answer that is not ready yet: sleep ``delay`` seconds (without the lock), then call ``resume``."""

    delay: float
    resume: Callable[[], Response | Pending]


@dataclass(frozen=True)
class Request:
    """One routed request as an operation handler sees it (header names lower-cased)."""

    params: tuple[str, ...]
    query: list[tuple[str, str]]
    headers: dict[str, str]
    body: bytes


class ResponseError(Exception):
    """Raised by handlers to answer at once (keeps each handler a straight line)."""

    def __init__(self, response: Response) -> None:
        super().__init__(response[0])
        self.response = response


def parse_query(raw: str) -> list[tuple[str, str]]:
    """Split a raw query string into pairs, as Go's ``url.ParseQuery`` does."""
    return parse_qsl(raw, keep_blank_values=True)


def first_value(query: Sequence[tuple[str, str]], name: str) -> str:
    """The first value of query parameter ``name``, ``""`` when absent (Go's ``Query().Get``)."""
    for key, value in query:
        if key == name:
            return value
    return ""


def query_bool(query: Sequence[tuple[str, str]], name: str) -> bool:
    """A boolean query parameter as the service's handlers read it."""
    return first_value(query, name).lower() in ("true", "1")
