"""Running coroutines of the async client from blocking code, on the client's event loop thread.

anyio's blocking portal owns that thread and its event loop for the client's whole life (start, stop, trio or
asyncio). Each call, though, only needs to hand a coroutine to the loop and wait for its outcome, and
``BlockingPortal.call`` does that with several layers of futures and callbacks (about 3x the cost of
``asyncio.run_coroutine_threadsafe`` on an empty coroutine). On asyncio, :class:`Portal` crosses with one
``call_soon_threadsafe`` and one lock; on any other backend it goes through the portal.

The loop thread is a daemon thread (anyio's ``start_blocking_portal`` runs it in a thread pool, which the
interpreter joins at exit: a client never closed would hang the exit forever). A portal no one refers to any more
warns (``ResourceWarning``) that its client was never closed, and stops its thread. In a child process made by
``fork()`` the loop thread does not exist: the first call there starts a new one.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import os
import threading
import warnings
import weakref
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar, TypeVarTuple

import anyio
import sniffio
from anyio.from_thread import BlockingPortal

T = TypeVar("T")
Ts = TypeVarTuple("Ts")

__all__ = ["Portal"]


def _running_asyncio_loop() -> asyncio.AbstractEventLoop | None:
    if sniffio.current_async_library() != "asyncio":
        return None
    return asyncio.get_running_loop()


class LoopThread:
    """An anyio blocking portal running on a daemon thread of its own (see the module docstring)."""

    __slots__ = ("portal", "thread")

    def __init__(self, name: str) -> None:
        started: concurrent.futures.Future[BlockingPortal] = concurrent.futures.Future()
        self.thread = threading.Thread(target=_run_loop, args=(started,), name=name, daemon=True)
        self.thread.start()
        self.portal = started.result()

    def stop(self) -> None:
        """Stop the loop (tasks still running are cancelled) and wait for the thread to end."""
        if threading.current_thread() is self.thread:
            return  # collected on its own loop thread: it cannot wait for itself; the daemon thread stays idle
        with contextlib.suppress(Exception):  # already stopped, or the interpreter is shutting down
            self.portal.call(self.portal.stop, True)
        self.thread.join(5)


def _run_loop(started: concurrent.futures.Future[BlockingPortal]) -> None:
    async def serve() -> None:
        async with BlockingPortal() as portal:
            started.set_result(portal)
            await portal.sleep_until_stopped()

    try:
        anyio.run(serve)
    except BaseException as exc:  # reported to the thread that waits for the start
        if not started.done():
            started.set_exception(exc)
        raise


def _warn_unclosed(thread: LoopThread, owner: str, close: Callable[[], Awaitable[None]] | None) -> None:
    warnings.warn(
        f"{owner} was never closed; its connections are closed and its event loop thread is stopped now. Use it "
        "as a context manager (with ...) or call close() when done.",
        ResourceWarning,
        stacklevel=1,
    )
    if close is not None and threading.current_thread() is not thread.thread:
        with contextlib.suppress(Exception):  # already stopped, or the interpreter is shutting down
            thread.portal.call(close)
    thread.stop()


_RUNNING, _STOPPED, _FORKED = 0, 1, 2

# Every live portal, so that a fork() child can mark them: their loop thread was not copied into it.
_PORTALS: weakref.WeakSet[Portal] = weakref.WeakSet()


def _after_fork_in_child() -> None:
    for portal in list(_PORTALS):
        portal._forked()


if hasattr(os, "register_at_fork"):  # not on Windows, which has no fork()
    os.register_at_fork(after_in_child=_after_fork_in_child)


class Portal:
    """The blocking client's way into its event loop thread (see the module docstring)."""

    __slots__ = (
        "__weakref__",
        "_close",
        "_finalizer",
        "_lock",
        "_loop",
        "_loop_thread_id",
        "_name",
        "_on_fork",
        "_owner",
        "_portal",
        "_state",
        "_thread",
    )

    def __init__(
        self,
        name: str = "formance-orchestration-portal",
        owner: str = "OrchestrationClient",
        on_fork: Callable[[], None] | None = None,
        close: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        """``owner`` names the client in the ResourceWarning; ``close`` closes its connections when it was never
        closed (it must not refer to this portal); ``on_fork`` runs in a fork() child before its first call."""
        self._name = name
        self._close = close
        self._owner = owner
        self._on_fork = on_fork
        self._lock = threading.Lock()
        self._start()
        _PORTALS.add(self)

    def _start(self) -> None:
        self._thread = thread = LoopThread(self._name)
        portal = thread.portal
        self._portal = portal
        self._loop = portal.call(_running_asyncio_loop)
        # Kept here rather than read from anyio's private attributes: calls from the loop's own thread must be
        # refused (they would deadlock), and calls after stop() get this SDK's message.
        self._loop_thread_id = portal.call(threading.get_ident)
        self._state = _RUNNING
        # Runs when nothing refers to this portal any more (or at exit) unless close() detached it first.
        self._finalizer = weakref.finalize(self, _warn_unclosed, thread, self._owner, self._close)

    def _forked(self) -> None:
        """In a fork() child: the loop thread is gone (only the forking thread is copied)."""
        if self._state == _RUNNING:
            self._state = _FORKED
            self._finalizer.detach()  # the parent's thread is not this process's to stop or warn about
            self._lock = threading.Lock()  # it may have been held by another thread of the parent

    def stop(self) -> None:
        """Refuse every later call, and stop the loop thread."""
        with self._lock:
            state, self._state = self._state, _STOPPED
        if state == _RUNNING:
            self._finalizer.detach()
            self._thread.stop()

    @property
    def anyio_portal(self) -> BlockingPortal:
        """The anyio portal that runs the loop."""
        return self._portal

    def call(self, fn: Callable[[*Ts], Awaitable[T]], *args: *Ts) -> T:
        """Run ``fn(*args)`` on the loop thread and wait for its result, with clear errors for misuse."""
        if self._state:
            self._not_running()
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

    def _not_running(self) -> None:
        with self._lock:
            if self._state == _FORKED:
                # A child process: a loop thread of its own, and no use of the parent's connections.
                if self._on_fork is not None:
                    self._on_fork()
                self._start()
            elif self._state == _STOPPED:  # anyio's own message ("This portal is not running") is obscure
                raise RuntimeError("this OrchestrationClient is closed; create a new one")


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
