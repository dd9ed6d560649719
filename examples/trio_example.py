"""The quickstart under trio: the SDK is written on anyio, so the same coroutines run on trio's event loop.

Needs trio (``pip install trio``). Runs against the in-memory server unless ``FORMANCE_BASE_URL`` (and
credentials) name a real stack::

    python examples/trio_example.py
"""

from __future__ import annotations

import trio
from _stack import orchestration_stack
from quickstart import quickstart


async def main() -> None:
    print(f"event loop: trio {trio.__version__}")
    with orchestration_stack() as stack:
        async with stack.async_client() as client:
            # trio's own primitives work around SDK calls: a deadline here, nurseries, cancel scopes.
            with trio.fail_after(120):
                await quickstart(client)


if __name__ == "__main__":
    trio.run(main)
