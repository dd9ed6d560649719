"""Base classes of the generated resources: they bind operations to a transport (async) or a portal (sync)."""

from __future__ import annotations

import functools
import threading
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Generic, ParamSpec, TypeVar

from ._pagination import AsyncPaginator, PageData, SyncPage

if TYPE_CHECKING:
    from anyio.from_thread import BlockingPortal

    from ._transport import AsyncTransport, RequestSpec

T = TypeVar("T")
P = ParamSpec("P")
A = TypeVar("A")

__all__ = ["AsyncResource", "SyncResource"]


class AsyncResource:
    """Holds the transport; generated methods call :meth:`_request` and :meth:`_paginate`."""

    def __init__(self, transport: AsyncTransport) -> None:
        self._transport = transport

    async def _request(self, spec: RequestSpec, parse: Callable[[Any], T] | None) -> T:
        return await self._transport.request(spec, parse)

    def _paginate(self, spec: RequestSpec, parse: Callable[[Any], PageData[T]]) -> AsyncPaginator[T]:
        return AsyncPaginator(self._transport, spec, parse)


class SyncResource(Generic[A]):
    """Holds the portal and the async resource; generated methods run the async ones through the portal."""

    def __init__(self, portal: BlockingPortal, async_resource: A) -> None:
        self._portal = portal
        self._async = async_resource

    def _call(self, fn: Callable[P, Awaitable[T]], *args: P.args, **kwargs: P.kwargs) -> T:
        _check_thread(self._portal)
        return self._portal.call(functools.partial(fn, *args, **kwargs))

    def _call_page(self, fn: Callable[P, AsyncPaginator[T]], *args: P.args, **kwargs: P.kwargs) -> SyncPage[T]:
        _check_thread(self._portal)
        page = self._portal.call(fn(*args, **kwargs).first_page)
        return SyncPage(page, self._portal)


def _check_thread(portal: BlockingPortal) -> None:
    # anyio refuses calls from the portal's own thread (they would deadlock); say what to do instead.
    if getattr(portal, "_event_loop_thread_id", None) == threading.get_ident():
        raise RuntimeError(
            "the blocking OrchestrationClient was called from its own event loop thread; "
            "use AsyncOrchestrationClient (await its methods) inside async code"
        )
