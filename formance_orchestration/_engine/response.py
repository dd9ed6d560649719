"""Raw responses: the HTTP answer of a call, with the usual result one ``parse()`` away."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Generic, TypeVar

import httpx

from .._exceptions import request_id_of

T = TypeVar("T")

__all__ = ["RawResponse"]


class RawResponse(Generic[T]):
    """What ``client.v2.with_raw_response.<method>(...)`` returns.

    The body has been read and the status checked (error statuses still raise), so headers, status and timing
    are available; :meth:`parse` decodes the body into what the plain method returns.

    Attributes:
        http_response: The ``httpx.Response``.
    """

    __slots__ = ("_parse", "_parsed", "http_response")

    def __init__(self, http_response: httpx.Response, parse: Callable[[], T]) -> None:
        self.http_response = http_response
        self._parse = parse
        self._parsed: tuple[T] | None = None

    def __repr__(self) -> str:
        request = self.http_response.request
        return f"<RawResponse [{self.status_code}] {request.method} {request.url.path}>"

    @property
    def status_code(self) -> int:
        """The HTTP status."""
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        """The response headers."""
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        """The answer's ``X-Request-Id``, or the trace id of the ``traceparent`` it carries, or ``None``."""
        return request_id_of(self.http_response)

    @property
    def elapsed(self) -> timedelta:
        """Time from sending the request to reading the whole response."""
        return self.http_response.elapsed

    def parse(self) -> T:
        """The decoded result, as the plain method returns it (decoded once, then cached)."""
        if self._parsed is None:
            self._parsed = (self._parse(),)
        return self._parsed[0]
