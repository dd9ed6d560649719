"""Which event loop is running: the async client's pool and locks belong to the loop that made them.

An ``httpx.AsyncClient`` keeps connections opened on one event loop, and an ``anyio.Lock`` belongs to the loop it
was first used in; used from another loop (a second ``asyncio.run()``, another thread's loop) they fail with
"Event loop is closed" or "bound to a different event loop". The transport compares the running loop with the one
it last ran in and starts afresh when they differ.
"""

from __future__ import annotations

import asyncio

import sniffio

__all__ = ["current_loop"]


def current_loop() -> object:
    """An object standing for the running event loop: the asyncio loop, or trio's token for this run."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        pass
    if sniffio.current_async_library() == "trio":
        import trio  # only ever imported by a program running trio

        return trio.lowlevel.current_trio_token()
    raise RuntimeError("the async client must be used inside a running asyncio or trio event loop")
