"""Running coroutines of the async client from blocking code, on the client's event loop thread.

anyio's blocking portal owns that thread and its event loop for the client's whole life (start, stop, trio or
asyncio). Each call, though, only needs to hand a coroutine to the loop and wait for its outcome, and
``BlockingPortal.call`` does that with several layers of futures and callbacks (about 3x the cost of
``asyncio.run_coroutine_threadsafe`` on an empty coroutine). On asyncio, :class:`Portal` crosses with one
``call_soon_threadsafe`` and one lock; on any other backend it goes through the portal.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar, TypeVarTuple

import sniffio
from anyio.from_thread import BlockingPortal

T = TypeVar("T")
Ts = TypeVarTuple("Ts")

__all__ = ["Portal"]


def _running_asyncio_loop() -> asyncio.AbstractEventLoop | None:
    if sniffio.current_async_library() != "asyncio":
        return None
    return asyncio.get_running_loop()


class Portal:
    """The blocking client's way into its event loop thread (see the module docstring)."""

    __slots__ = ("_loop", "_loop_thread_id", "_portal", "_stopped")

    def __init__(self, portal: BlockingPortal) -> None:
        self._portal = portal
        self._loop = portal.call(_running_asyncio_loop)
        # Kept here rather than read from anyio's private attributes: calls from the loop's own thread must be
        # refused (they would deadlock), and calls after stop() get this SDK's message.
        self._loop_thread_id = portal.call(threading.get_ident)
        self._stopped = False

    def stop(self) -> None:
        """Refuse every later call: the owner is about to stop the anyio portal."""
        self._stopped = True

    @property
    def anyio_portal(self) -> BlockingPortal:
        """The anyio portal that runs the loop."""
        return self._portal

    def call(self, fn: Callable[[*Ts], Awaitable[T]], *args: *Ts) -> T:
        """Run ``fn(*args)`` on the loop thread and wait for its result, with clear errors for misuse."""
        if self._stopped:  # anyio's own message ("This portal is not running") is obscure
            raise RuntimeError("this OrchestrationClient is closed; create a new one")
        if self._loop_thread_id == threading.get_ident():
            # Waiting here for the loop this thread runs would deadlock; say what to do instead.
            raise RuntimeError(
                "the blocking OrchestrationClient was called from its own event loop thread; "
                "use AsyncOrchestrationClient (await its methods) inside async code"
            )
        loop = self._loop
        if loop is None:
            return self._portal.call(fn, *args)
        call: _Call[T] = _Call(fn, args)
        try:
            loop.call_soon_threadsafe(call.start, loop)
            call.wait()
        except RuntimeError:  # the loop closed between the check above and now
            raise RuntimeError("this OrchestrationClient is closed; create a new one") from None
        except BaseException:
            # KeyboardInterrupt (or another asynchronous exception) in this thread, wherever it landed: the call
            # must not go on running on the loop without anyone waiting for it.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(call.cancel)
            raise
        return call.outcome()


class _Call(Generic[T]):
    """One coroutine run on the loop for a waiting thread: the lock is held until the outcome is in."""

    __slots__ = ("_args", "_done", "_error", "_fn", "_result", "_task")

    def __init__(self, fn: Callable[..., Awaitable[T]], args: tuple[Any, ...]) -> None:
        self._fn = fn
        self._args = args
        self._done = threading.Lock()
        self._done.acquire()
        self._result: T | None = None
        self._error: BaseException | None = None
        self._task: asyncio.Task[None] | None = None

    def start(self, loop: asyncio.AbstractEventLoop) -> None:
        """On the loop thread: run the call as a task. It runs in a copy of the caller's context (contextvars),
        which ``call_soon_threadsafe`` took on the calling thread."""
        self._task = loop.create_task(self._run())

    async def _run(self) -> None:
        try:
            self._result = await self._fn(*self._args)
        except BaseException as exc:  # handed to the waiting thread, which raises it (CancelledError included)
            self._error = exc
        finally:
            self._fn = self._args = None  # type: ignore[assignment]
            self._done.release()

    def wait(self) -> None:
        """On the calling thread: block until the outcome is in."""
        self._done.acquire()

    def outcome(self) -> T:
        """The call's result, or its exception raised."""
        error = self._error
        if error is not None:
            self._error = None  # no reference cycle through the traceback
            if isinstance(error, asyncio.CancelledError):
                # Only the loop's shutdown cancels these tasks: the client was closed under this call.
                raise RuntimeError("this OrchestrationClient was closed while the call was running") from None
            raise error
        return self._result  # type: ignore[return-value]

    def cancel(self) -> None:
        """On the loop thread: cancel the call (if it has started; if not, it never will: this runs after start)."""
        if self._task is not None:
            self._task.cancel()
        self._fn = self._args = None  # type: ignore[assignment]
