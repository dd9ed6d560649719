"""Base classes of the generated resources: they bind operations to a transport (async) or a portal (sync)."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Generic, ParamSpec, TypeVar

from .pagination import AsyncPage, AsyncPaginator, PageData, SyncPage
from .response import RawResponse

if TYPE_CHECKING:
    from .portal import Portal
    from .transport import AsyncTransport, RequestSpec

T = TypeVar("T")
P = ParamSpec("P")
A = TypeVar("A")

__all__ = ["AsyncResource", "SyncResource"]


class AsyncResource:
    """Holds the transport; generated methods hand it a request and a parser through the four methods below.

    Plain calls use :meth:`_request` and :meth:`_paginate`; the ``...WithRawResponse`` classes use
    :meth:`_request_raw` and :meth:`_paginate_raw`, which return the :class:`RawResponse` with the same result one
    ``parse()`` away. Raw is an option of each call to the engine, so both kinds of method type what they return.
    """

    def __init__(self, transport: AsyncTransport) -> None:
        self._transport = transport

    async def _request(self, spec: RequestSpec, parse: Callable[[Any], T]) -> T:
        return await self._transport.request(spec, parse)

    async def _request_raw(self, spec: RequestSpec, parse: Callable[[Any], T]) -> RawResponse[T]:
        return await self._transport.request(spec, parse, raw=True)

    def _paginate(self, spec: RequestSpec, parse: Callable[[Any], PageData[T]]) -> AsyncPaginator[T]:
        return AsyncPaginator(self._transport, spec, parse)

    async def _paginate_raw(self, spec: RequestSpec, parse: Callable[[Any], PageData[T]]) -> RawResponse[AsyncPage[T]]:
        transport = self._transport

        def page(body: Any) -> AsyncPage[T]:
            return AsyncPage(*parse(body), transport=transport, spec=spec, parse=parse)

        return await transport.request(spec, page, raw=True)


class SyncResource(Generic[A]):
    """Holds the portal and the async resource; generated methods run the async ones through the portal."""

    def __init__(self, portal: Portal, async_resource: A) -> None:
        self._portal = portal
        self._async = async_resource

    def _call(self, fn: Callable[P, Awaitable[T]], *args: P.args, **kwargs: P.kwargs) -> T:
        return self._portal.call(functools.partial(fn, *args, **kwargs))

    def _call_page(self, fn: Callable[P, AsyncPaginator[T]], *args: P.args, **kwargs: P.kwargs) -> SyncPage[T]:
        page = self._portal.call(fn(*args, **kwargs).first_page)
        return SyncPage(page, self._portal)

    def _call_raw_page(
        self, fn: Callable[P, Awaitable[RawResponse[AsyncPage[T]]]], *args: P.args, **kwargs: P.kwargs
    ) -> RawResponse[SyncPage[T]]:
        raw = self._call(fn, *args, **kwargs)
        portal = self._portal
        return RawResponse(raw.http_response, lambda: SyncPage(raw.parse(), portal))
