"""Event loops, threads and processes: the interpreter exits with a client never closed (and says so), a fork()
child gets a working client, an async client moves between event loops, the blocking client works inside trio."""

from __future__ import annotations

import asyncio
import gc
import os
import subprocess
import sys
import textwrap
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

from formance_orchestration import AsyncOrchestrationClient, OrchestrationClient, models
from formance_orchestration.testing import FakeOrchestration

from .server import RecordingServer, Reply, running_server

INFO = Reply(200, {"version": "v2.0.0"})


@pytest.fixture
def info_server() -> Iterator[RecordingServer]:
    with running_server() as server:
        server.handler = lambda request: INFO
        yield server


def run_python(code: str, timeout: float = 20) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-W", "always::ResourceWarning", "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=timeout,  # a hang at exit fails the test here instead of hanging the suite
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        check=False,
    )


def test_a_client_never_closed_lets_the_interpreter_exit(info_server: RecordingServer) -> None:
    result = run_python(
        f"""
        from formance_orchestration import OrchestrationClient
        client = OrchestrationClient({info_server.url!r}, api_prefix="")
        print(client.v2.get_server_info().version)
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "v2.0.0"
    assert "ResourceWarning" in result.stderr
    assert "was never closed" in result.stderr


def test_an_unclosed_client_warns_when_collected_and_a_closed_one_does_not(info_server: RecordingServer) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        client = OrchestrationClient(info_server.url, api_prefix="")
        client.v2.get_server_info()
        thread = client._portal._thread.thread
        del client
        gc.collect()
        assert not thread.is_alive()  # the finalizer stopped the loop thread
        with OrchestrationClient(info_server.url, api_prefix="") as closed:
            closed.v2.get_server_info()
        del closed
        gc.collect()
    unclosed = [w for w in caught if issubclass(w.category, ResourceWarning)]
    assert len(unclosed) == 1, [str(w.message) for w in unclosed]
    assert "OrchestrationClient(base_url=" in str(unclosed[0].message)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork() is POSIX only")
def test_a_fork_child_gets_its_own_loop_and_connections(info_server: RecordingServer) -> None:
    result = run_python(
        f"""
        import os, warnings
        warnings.simplefilter("ignore", DeprecationWarning)  # fork() in a process with threads
        from formance_orchestration import OrchestrationClient
        with OrchestrationClient({info_server.url!r}, api_prefix="", timeout=5) as client:
            client.v2.get_server_info()  # the parent's pool holds a connection now
            pid = os.fork()
            if pid == 0:
                try:
                    print("child", client.v2.get_server_info().version, flush=True)
                    client.close()
                finally:
                    os._exit(0)
            _, status = os.waitpid(pid, 0)
            print("parent", client.v2.get_server_info().version, os.waitstatus_to_exitcode(status))
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["child v2.0.0", "parent v2.0.0 0"]


@pytest.mark.parametrize("own_client", [False, True])
def test_an_async_client_across_two_asyncio_runs(info_server: RecordingServer, own_client: bool) -> None:
    """The second ``asyncio.run()`` has a new loop, and the client's connections belong to the first one: the call
    fails at once with a message that says why and what to do, never "Event loop is closed"."""
    import httpx

    http_client = httpx.AsyncClient() if own_client else None
    client = AsyncOrchestrationClient(info_server.url, api_prefix="", http_client=http_client)

    async def call() -> str:
        return (await client.v2.get_server_info()).version or ""

    async def first() -> str:
        version = await call()
        # Close the connections in their own loop (the test must leave none open), the client still marked open.
        await (http_client or client._transport.http_client).aclose()
        return version

    assert asyncio.run(first()) == "v2.0.0"
    with pytest.raises(RuntimeError, match="first used in another event loop") as info:
        asyncio.run(call())
    assert "Create one client per event loop" in str(info.value)
    assert len(info_server.requests) == 1  # refused before any I/O


def test_an_async_client_made_outside_and_first_used_in_a_loop(info_server: RecordingServer) -> None:
    """Made in plain code, used in one asyncio.run(): it belongs to that loop, and works."""
    client = AsyncOrchestrationClient(info_server.url, api_prefix="")

    async def main() -> str:
        async with client:
            return (await client.v2.get_server_info()).version or ""

    assert asyncio.run(main()) == "v2.0.0"


def test_the_blocking_client_inside_trio_run(info_server: RecordingServer) -> None:
    trio = pytest.importorskip("trio")
    with OrchestrationClient(info_server.url, api_prefix="") as client:

        async def main() -> str:
            return client.v2.get_server_info().version or ""

        assert trio.run(main) == "v2.0.0"
        assert client.v2.get_server_info().version == "v2.0.0"  # and from a plain thread afterwards

        async def build_inside() -> str:
            with OrchestrationClient(info_server.url, api_prefix="") as inner:
                return inner.v2.get_server_info().version or ""

        assert trio.run(build_inside) == "v2.0.0"


def test_a_bare_stage_model_goes_out_under_its_key() -> None:
    fake = FakeOrchestration()
    with fake.client() as client:
        workflow = client.v2.create_workflow(
            stages=[
                models.V2StageDelay(duration="1s"),
                models.V2StageWaitEvent(event="go"),
                {"delay": {"duration": "2s"}},
            ]
        )
        sent: Any = fake.requests_for("create_workflow")[0].json()
    assert sent["stages"] == [
        {"delay": {"duration": "1s"}},
        {"wait_event": {"event": "go"}},
        {"delay": {"duration": "2s"}},
    ]
    assert workflow.config.stages is not None
    assert len(workflow.config.stages) == 3
