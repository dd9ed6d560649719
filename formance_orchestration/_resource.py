"""Base classes of the generated resources: they bind operations to a transport (async) or a portal (sync)."""

from __future__ import annotations

import copy
import functools
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Generic, ParamSpec, Self, TypeVar, cast

from ._pagination import AsyncPage, AsyncPaginator, PageData, SyncPage
from ._response import RawResponse

if TYPE_CHECKING:
    from ._portal import Portal
    from ._transport import AsyncTransport, RequestSpec

T = TypeVar("T")
P = ParamSpec("P")
A = TypeVar("A")

__all__ = ["AsyncResource", "SyncResource"]


class AsyncResource:
    """Holds the transport; generated methods call :meth:`_request` and :meth:`_paginate`.

    A copy made by :meth:`_as_raw` answers every call with a :class:`RawResponse` instead of the decoded
    result; the generated ``...WithRawResponse`` classes type that for users.
    """

    _raw = False

    def __init__(self, transport: AsyncTransport) -> None:
        self._transport = transport

    def _as_raw(self) -> Self:
        clone = copy.copy(self)
        clone._raw = True
        return clone

    async def _request(self, spec: RequestSpec, parse: Callable[[Any], T] | None) -> T:
        if not self._raw:
            return await self._transport.request(spec, parse)
        response = await self._transport.execute(spec)
        raw = RawResponse(response, functools.partial(self._transport.decode, spec, response, parse))
        return cast(T, raw)

    def _paginate(self, spec: RequestSpec, parse: Callable[[Any], PageData[T]]) -> AsyncPaginator[T]:
        if not self._raw:
            return AsyncPaginator(self._transport, spec, parse)
        return cast(AsyncPaginator[T], self._raw_page(spec, parse))

    async def _raw_page(self, spec: RequestSpec, parse: Callable[[Any], PageData[T]]) -> RawResponse[AsyncPage[T]]:
        transport = self._transport
        response = await transport.execute(spec)

        def page() -> AsyncPage[T]:
            return AsyncPage(*transport.decode(spec, response, parse), transport=transport, spec=spec, parse=parse)

        return RawResponse(response, page)


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
