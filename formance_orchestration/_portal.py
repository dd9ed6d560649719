"""Running coroutines of the async client from blocking code, through the client's anyio blocking portal."""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from typing import TypeVar, TypeVarTuple

from anyio.from_thread import BlockingPortal

T = TypeVar("T")
Ts = TypeVarTuple("Ts")

__all__ = ["portal_call"]


def portal_call(portal: BlockingPortal, fn: Callable[[*Ts], Awaitable[T]], *args: *Ts) -> T:
    """Run ``fn(*args)`` on the portal's event loop and wait for its result, with clear errors for misuse."""
    thread_id = getattr(portal, "_event_loop_thread_id", None)
    if thread_id is None:  # the portal has stopped: anyio's own message ("This portal is not running") is obscure
        raise RuntimeError("this OrchestrationClient is closed; create a new one")
    if thread_id == threading.get_ident():
        # anyio refuses calls from the portal's own thread (they would deadlock); say what to do instead.
        raise RuntimeError(
            "the blocking OrchestrationClient was called from its own event loop thread; "
            "use AsyncOrchestrationClient (await its methods) inside async code"
        )
    return portal.call(fn, *args)
