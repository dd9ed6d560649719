"""No ResourceWarning when a call stops half-way through a body: trio warns about every async generator of httpx
and httpcore left suspended (encode/httpx#3686), and pytest turns those warnings into errors at random later
points. Each test collects garbage inside the event loop, right after the failing calls, and counts the warnings."""

from __future__ import annotations

import gc
import warnings

import anyio
import anyio.lowlevel
import pytest

from formance_orchestration import AsyncOrchestrationClient, errors

from .faultserver import Fault
from .helpers import serve
from .report import REPORT


async def resource_warnings() -> list[str]:
    await anyio.lowlevel.checkpoint()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        gc.collect()
        await anyio.sleep(0.01)  # trio finalizes abandoned generators in a system task
        gc.collect()
    return [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]


@pytest.mark.anyio
async def test_request_body_cut_off_by_a_reset(anyio_backend: str) -> None:
    """The server resets the connection while the client is still writing a large POST body."""
    big = [{"delay": {"duration": "x" * (4 << 20)}}]
    with serve() as server:
        server.then(*[Fault(reset_before_read=True)] * 3)
        async with AsyncOrchestrationClient(server.url, max_retries=0) as client:
            for _ in range(3):
                with pytest.raises(errors.APIConnectionError):
                    await client.v2.create_workflow(stages=big)
            assert await resource_warnings() == []
    REPORT.fault("reset while the request body is being written")


@pytest.mark.anyio
async def test_response_body_over_the_limit(anyio_backend: str) -> None:
    """The client stops reading a streamed body at ``max_response_bytes``."""
    with serve(lambda request: Fault(200, stream_bytes=1 << 30)) as server:
        async with AsyncOrchestrationClient(server.url, max_retries=0, max_response_bytes=1 << 16) as client:
            for _ in range(3):
                with pytest.raises(errors.APIConnectionError, match="exceeds the 65536-byte limit"):
                    await client.v2.get_workflow("wf-1")
            assert await resource_warnings() == []
            # The connection was closed, not returned to the pool half-read: the next call works.
            server.responder = lambda request: Fault(200, b'{"version": "v"}')
            assert (await client.v2.get_server_info()).version == "v"
