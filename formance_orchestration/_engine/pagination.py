"""Pages of list results, one generic implementation for every list operation and both faces.

The server pages by offset cursors. A cursor replaces every other query parameter (server-behaviour 4), so the
next page is the first request with its query swapped for ``cursor=<next>``. The server may return fewer items
than asked (it caps ``pageSize`` at 100): walking relies on ``hasMore``/``next`` only, never on counts.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar, overload

import attrs

if TYPE_CHECKING:
    from .portal import Portal
    from .transport import AsyncTransport, RequestSpec

T = TypeVar("T")

__all__ = ["AsyncPage", "AsyncPaginator", "PageData", "SyncPage"]


class PageData(NamedTuple, Generic[T]):
    """What a list response carries, as the generated parse functions return it."""

    data: list[T]
    has_more: bool
    next_cursor: str | None
    previous_cursor: str | None
    page_size: int | None


@attrs.define(repr=False)
class AsyncPage(Generic[T]):
    """One page of results; ``len(page)``, ``page[i]`` and ``bool(page)`` are about its own items (``data``).

    Attributes:
        data: The items of this page.
        has_more: Whether another page follows.
        next_cursor: Cursor of the next page, if any.
        previous_cursor: Cursor of the previous page, if any.
        page_size: The page size the server applied (it caps requests at 100).
    """

    data: list[T]
    has_more: bool
    next_cursor: str | None
    previous_cursor: str | None
    page_size: int | None
    _transport: AsyncTransport = attrs.field(alias="transport")
    _spec: RequestSpec = attrs.field(alias="spec")
    _parse: Callable[[Any], PageData[T]] = attrs.field(alias="parse")

    def __repr__(self) -> str:
        return (
            f"AsyncPage(items={len(self.data)}, has_more={self.has_more}, next_cursor={self.next_cursor!r}, "
            f"page_size={self.page_size})"
        )

    def __len__(self) -> int:
        """The number of items on this page (not in the whole listing)."""
        return len(self.data)

    def __bool__(self) -> bool:
        """Whether this page has items (an empty last page is false even when the listing is not)."""
        return bool(self.data)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        """An item (or a slice) of this page: ``page[0]``, ``page[-1]``, ``page[:10]``."""
        return self.data[index]

    def has_next_page(self) -> bool:
        """Whether :meth:`get_next_page` would fetch something."""
        return self.has_more and bool(self.next_cursor)

    async def get_next_page(self) -> AsyncPage[T] | None:
        """Fetch the next page, or return ``None`` at the end."""
        if not self.has_next_page():
            return None
        spec = attrs.evolve(self._spec, query=(("cursor", self.next_cursor),))
        return await fetch_page(self._transport, spec, self._parse)

    def iter_pages(self) -> AsyncIterator[AsyncPage[T]]:
        """This page and every following one."""
        return _Pages(first=self)

    def __aiter__(self) -> AsyncIterator[T]:
        return _Items(_Pages(first=self))


async def fetch_page(transport: AsyncTransport, spec: RequestSpec, parse: Callable[[Any], PageData[T]]) -> AsyncPage[T]:
    """Send a list request and wrap its answer as a page that can fetch the next one."""
    data = await transport.request(spec, parse)
    return AsyncPage(*data, transport=transport, spec=spec, parse=parse)


class AsyncPaginator(Generic[T]):
    """What async list methods return: ``await`` it for the first page, or ``async for`` over every item.

    Nothing is sent until it is awaited or iterated.
    """

    __slots__ = ("_parse", "_spec", "_transport")

    def __init__(self, transport: AsyncTransport, spec: RequestSpec, parse: Callable[[Any], PageData[T]]) -> None:
        self._transport = transport
        self._spec = spec
        self._parse = parse

    async def first_page(self) -> AsyncPage[T]:
        """Fetch the first page."""
        return await fetch_page(self._transport, self._spec, self._parse)

    def __await__(self) -> Generator[Any, None, AsyncPage[T]]:
        return self.first_page().__await__()

    def __aiter__(self) -> AsyncIterator[T]:
        return _Items(_Pages(fetch_first=self.first_page))


# Plain async iterators rather than async generators: a loop left early (``break``) leaves nothing to finalize,
# where an abandoned async generator makes trio warn (ResourceWarning) when it is garbage collected.


class _Pages(Generic[T]):
    """Pages from a first one (given, or fetched on the first step), fetching each next one when asked."""

    __slots__ = ("_current", "_done", "_fetch_first", "_pending")

    def __init__(
        self,
        *,
        first: AsyncPage[T] | None = None,
        fetch_first: Callable[[], Awaitable[AsyncPage[T]]] | None = None,
    ) -> None:
        self._pending = first  # the page the next step returns, when already known
        self._fetch_first = fetch_first
        self._current: AsyncPage[T] | None = None  # the page the last step returned
        self._done = False

    def __aiter__(self) -> _Pages[T]:
        return self

    async def __anext__(self) -> AsyncPage[T]:
        if self._done:
            raise StopAsyncIteration
        page: AsyncPage[T] | None
        if self._pending is not None:
            page, self._pending = self._pending, None
        elif self._fetch_first is not None:
            page = await self._fetch_first()
            self._fetch_first = None
        else:
            assert self._current is not None
            page = await self._current.get_next_page()
        if page is None:
            self._done = True
            raise StopAsyncIteration
        self._current = page
        return page


class _Items(Generic[T]):
    """Every item of every page, fetching the next page only when this one is used up."""

    __slots__ = ("_items", "_pages")

    def __init__(self, pages: _Pages[T]) -> None:
        self._pages = pages
        self._items: Iterator[T] = iter(())

    def __aiter__(self) -> _Items[T]:
        return self

    async def __anext__(self) -> T:
        while True:
            with contextlib.suppress(StopIteration):
                return next(self._items)
            page = await self._pages.__anext__()
            self._items = iter(page.data)


class SyncPage(Generic[T]):
    """One page of results on the blocking face; iterating it yields every item of every page.

    ``len(page)``, ``page[i]`` and ``bool(page)`` are about this page's own items (``page.data``), as on
    :class:`AsyncPage`; ``for item in page`` walks on through the following pages.

    Attributes:
        data: The items of this page.
        has_more: Whether another page follows.
        next_cursor: Cursor of the next page, if any.
        previous_cursor: Cursor of the previous page, if any.
        page_size: The page size the server applied.
    """

    __slots__ = ("_page", "_portal")

    def __init__(self, page: AsyncPage[T], portal: Portal) -> None:
        self._page = page
        self._portal = portal

    def __repr__(self) -> str:
        return repr(self._page).replace("AsyncPage", "SyncPage", 1)

    @property
    def data(self) -> list[T]:
        return self._page.data

    @property
    def has_more(self) -> bool:
        return self._page.has_more

    @property
    def next_cursor(self) -> str | None:
        return self._page.next_cursor

    @property
    def previous_cursor(self) -> str | None:
        return self._page.previous_cursor

    @property
    def page_size(self) -> int | None:
        return self._page.page_size

    def __len__(self) -> int:
        """The number of items on this page (not in the whole listing)."""
        return len(self._page.data)

    def __bool__(self) -> bool:
        """Whether this page has items."""
        return bool(self._page.data)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        """An item (or a slice) of this page."""
        return self._page.data[index]

    def has_next_page(self) -> bool:
        """Whether :meth:`get_next_page` would fetch something."""
        return self._page.has_next_page()

    def get_next_page(self) -> SyncPage[T] | None:
        """Fetch the next page, or return ``None`` at the end."""
        if not self._page.has_next_page():
            return None
        page = self._portal.call(self._page.get_next_page)
        return None if page is None else SyncPage(page, self._portal)

    def iter_pages(self) -> Iterator[SyncPage[T]]:
        """This page and every following one."""
        page: SyncPage[T] | None = self
        while page is not None:
            yield page
            page = page.get_next_page()

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page.data
