"""The blocking facade: same methods, lifecycle of the portal thread, threads, event loops, pages."""

from __future__ import annotations

import asyncio
import inspect
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
import trio

from formance_orchestration import (
    AsyncOrchestrationClient,
    BearerToken,
    ClientCredentials,
    OrchestrationClient,
    RetryPolicy,
    SyncPage,
    __version__,
    errors,
    models,
)

from .conftest import FAST_RETRIES
from .server import Recorded, RecordingServer, Reply

PORTAL_THREAD = "formance-orchestration-portal"
WORKFLOW: dict[str, Any] = {
    "id": "wf1",
    "config": {"name": "x", "stages": [{"delay": {"duration": "1s"}}]},
    "createdAt": "2024-01-01T00:00:00Z",
    "updatedAt": "2024-01-01T00:00:00Z",
}
INSTANCE: dict[str, Any] = {
    "workflowID": "wf1",
    "id": "i1",
    "createdAt": "2024-01-01T00:00:00Z",
    "updatedAt": "2024-01-01T00:00:00Z",
    "terminated": False,
}


def portal_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == PORTAL_THREAD and t.is_alive()]


def workflow(n: int) -> dict[str, Any]:
    return {**WORKFLOW, "id": f"wf{n}"}


def paged_workflows(total: int, size: int) -> Any:
    """A handler serving ``total`` workflows ``size`` at a time, with offset cursors."""

    def handle(request: Recorded) -> Reply:
        query = dict(request.query)
        offset = int(query.get("cursor", "0"))
        items = [workflow(n) for n in range(offset, min(offset + size, total))]
        more = offset + size < total
        cursor: dict[str, Any] = {"pageSize": size, "hasMore": more, "data": items}
        if more:
            cursor["next"] = str(offset + size)
        if offset:
            cursor["previous"] = str(max(offset - size, 0))
        return Reply(200, {"cursor": cursor})

    return handle


# -- the same methods --------------------------------------------------------------------------------------------


def test_methods_mirror_the_async_client() -> None:
    with OrchestrationClient("https://example.com") as sync_client:
        sync_v2, async_v2 = sync_client.v2, sync_client.async_client.v2
        names = {n for n in dir(sync_v2) if not n.startswith("_") and inspect.ismethod(getattr(sync_v2, n))}
        assert names == {n for n in dir(async_v2) if not n.startswith("_") and inspect.ismethod(getattr(async_v2, n))}
        assert {"get_workflow", "run_workflow", "list_workflows", "send_event"} <= names
        for name in names:
            sync_params = inspect.signature(getattr(sync_v2, name)).parameters
            async_params = inspect.signature(getattr(async_v2, name)).parameters
            assert [(p.name, p.kind, p.default) for p in sync_params.values()] == [
                (p.name, p.kind, p.default) for p in async_params.values()
            ], name


def test_calls(server: RecordingServer, client: OrchestrationClient) -> None:
    server.enqueue(
        Reply(200, {"data": WORKFLOW}),
        Reply(201, {"data": WORKFLOW}),
        Reply(201, {"data": INSTANCE}),
        Reply(204),
        Reply(
            200,
            {
                "data": [
                    {
                        "name": "delay",
                        "input": {"delay": {"duration": "1s"}},
                        "terminated": False,
                        "startedAt": "2024-01-01T00:00:00Z",
                    }
                ]
            },
        ),
        Reply(200, {"version": "v2.1.0"}),
    )
    got = client.v2.get_workflow("a/b")
    assert isinstance(got, models.V2Workflow)
    assert got.id == "wf1"
    created = client.v2.create_workflow(name="payout", stages=[{"delay": {"duration": "1m"}}])
    assert created.id == "wf1"
    instance = client.v2.run_workflow("wf1", variables={"k": "v"}, wait=False, check_variables=False)
    assert isinstance(instance, models.V2WorkflowInstance)
    client.v2.send_event("i1", name="go")
    history = client.v2.get_instance_history("i1")
    assert [h.name for h in history] == ["delay"]
    assert client.v2.get_server_info().version == "v2.1.0"
    assert [(r.method, r.target) for r in server.requests] == [
        ("GET", "/api/orchestration/v2/workflows/a%2Fb"),
        ("POST", "/api/orchestration/v2/workflows"),
        ("POST", "/api/orchestration/v2/workflows/wf1/instances?wait=false"),
        ("POST", "/api/orchestration/v2/instances/i1/events"),
        ("GET", "/api/orchestration/v2/instances/i1/history"),
        ("GET", "/api/orchestration/_info"),
    ]
    assert server.requests[1].json() == {"stages": [{"delay": {"duration": "1m"}}], "name": "payout"}
    assert server.requests[2].json() == {"k": "v"}
    assert server.requests[0].headers["user-agent"] == f"formance-orchestration-python/{__version__}"


def test_per_call_options(server: RecordingServer, client: OrchestrationClient) -> None:
    server.handler = lambda request: Reply(503)
    with pytest.raises(errors.InternalServerError):
        client.v2.get_workflow("wf1", max_retries=0, extra_headers={"X-Trace": "t1"}, timeout=5)
    assert len(server.requests) == 1
    assert server.requests[0].headers["x-trace"] == "t1"


def test_errors_have_the_same_classes(server: RecordingServer, client: OrchestrationClient) -> None:
    server.enqueue(Reply(404, {"errorCode": "NOT_FOUND", "errorMessage": "no such workflow"}))
    with pytest.raises(errors.NotFoundError) as info:
        client.v2.get_workflow("missing")
    assert info.value.error_code == "NOT_FOUND"
    assert info.value.status_code == 404
    server.enqueue(Reply(200, {"data": {**WORKFLOW, "createdAt": "nope"}}))
    with pytest.raises(errors.APIResponseValidationError) as validation:
        client.v2.get_workflow("wf1")
    assert validation.value.path == "$.data.createdAt"


def test_client_credentials(server: RecordingServer) -> None:
    def handle(request: Recorded) -> Reply:
        if request.path == "/api/auth/oauth/token":
            return Reply(200, {"access_token": "tok", "expires_in": 3600})
        return Reply(200, {"data": WORKFLOW})

    server.handler = handle
    creds = ClientCredentials(client_id="id", client_secret="secret")
    with OrchestrationClient(server.url, auth=creds, retries=FAST_RETRIES) as sync_client:
        for _ in range(3):
            sync_client.v2.get_workflow("wf1")
    assert [r.path for r in server.requests].count("/api/auth/oauth/token") == 1


# -- pages -------------------------------------------------------------------------------------------------------


def test_page_iterates_every_item_of_every_page(server: RecordingServer, client: OrchestrationClient) -> None:
    server.handler = paged_workflows(total=7, size=3)
    page = client.v2.list_workflows(page_size=3)
    assert isinstance(page, SyncPage)
    assert [w.id for w in page.data] == ["wf0", "wf1", "wf2"]
    assert page.has_more
    assert page.next_cursor == "3"
    assert page.previous_cursor is None
    assert page.page_size == 3
    assert len(server.requests) == 1  # nothing more is fetched until asked
    assert [w.id for w in page] == [f"wf{n}" for n in range(7)]
    assert len(server.requests) == 3
    assert server.requests[0].query == [("pageSize", "3")]
    assert server.requests[1].query == [("cursor", "3")]
    assert server.requests[2].query == [("cursor", "6")]
    # Iterating again walks again from this page.
    assert len(list(page)) == 7


def test_page_navigation(server: RecordingServer, client: OrchestrationClient) -> None:
    server.handler = paged_workflows(total=4, size=2)
    first = client.v2.list_workflows(page_size=2)
    second = first.get_next_page()
    assert second is not None
    assert [w.id for w in second.data] == ["wf2", "wf3"]
    assert second.previous_cursor == "0"
    assert not second.has_next_page()
    assert second.get_next_page() is None
    assert [len(p.data) for p in first.iter_pages()] == [2, 2]
    assert "SyncPage(" in repr(first)


def test_empty_page(server: RecordingServer, client: OrchestrationClient) -> None:
    server.handler = lambda request: Reply(200, {"cursor": {"pageSize": 15, "hasMore": False, "data": []}})
    page = client.v2.list_instances(workflow_id="wf1", running=True)
    assert list(page) == []
    assert server.requests[0].query == [("workflowID", "wf1"), ("running", "true")]


# -- lifecycle ---------------------------------------------------------------------------------------------------


def test_context_manager_and_close(server: RecordingServer) -> None:
    server.handler = lambda request: Reply(200, {"data": WORKFLOW})
    before = len(portal_threads())
    with OrchestrationClient(server.url) as sync_client:
        assert len(portal_threads()) == before + 1
        sync_client.v2.get_workflow("wf1")
        http_client = sync_client.async_client.http_client
    assert sync_client.is_closed
    assert http_client.is_closed
    assert len(portal_threads()) == before
    sync_client.close()  # idempotent
    assert len(portal_threads()) == before


def test_no_portal_thread_survives_close(server: RecordingServer) -> None:
    clients = [OrchestrationClient(server.url) for _ in range(3)]
    assert len(portal_threads()) >= 3
    for sync_client in clients:
        sync_client.close()
        sync_client.close()
    assert portal_threads() == []


def test_calling_after_close_raises(server: RecordingServer) -> None:
    sync_client = OrchestrationClient(server.url)
    sync_client.close()
    with pytest.raises(RuntimeError, match="closed"):
        sync_client.v2.get_workflow("wf1")
    with pytest.raises(RuntimeError, match="closed"):
        sync_client.v2.list_workflows()
    assert server.requests == []


def test_close_from_several_threads(server: RecordingServer) -> None:
    sync_client = OrchestrationClient(server.url)
    with ThreadPoolExecutor(max_workers=8) as pool:
        for future in [pool.submit(sync_client.close) for _ in range(8)]:
            future.result()
    assert sync_client.is_closed
    assert portal_threads() == []


def test_user_http_client_not_closed() -> None:
    # A transport without sockets: connections a user client opened on the portal's loop would outlive it.
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"data": WORKFLOW})

    own = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    with OrchestrationClient("https://example.com", http_client=own) as sync_client:
        assert sync_client.async_client.http_client is own
        sync_client.v2.get_workflow("wf1")
    assert not own.is_closed
    assert [str(r.url) for r in sent] == ["https://example.com/api/orchestration/v2/workflows/wf1"]
    assert portal_threads() == []
    asyncio.run(own.aclose())


def test_bad_arguments_start_no_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FORMANCE_BASE_URL", raising=False)
    before = len(portal_threads())
    with pytest.raises(ValueError, match="base_url"):
        OrchestrationClient()
    with pytest.raises(ValueError, match="base_url"):
        OrchestrationClient("ftp://example.com")
    with pytest.raises(TypeError, match="auth"):
        OrchestrationClient("https://example.com", auth="token")  # type: ignore[arg-type]
    assert len(portal_threads()) == before


# -- threads and event loops -------------------------------------------------------------------------------------


def test_shared_across_threads(server: RecordingServer, client: OrchestrationClient) -> None:
    server.handler = lambda request: Reply(200, {"data": {**WORKFLOW, "id": request.path.rsplit("/", 1)[-1]}})

    def work(thread: int) -> list[str]:
        return [client.v2.get_workflow(f"t{thread}-{n}").id for n in range(20)]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(8)))
    assert results == [[f"t{t}-{n}" for n in range(20)] for t in range(8)]
    assert len(server.requests) == 160


def test_pages_across_threads(server: RecordingServer, client: OrchestrationClient) -> None:
    server.handler = paged_workflows(total=10, size=3)

    def walk(_: int) -> int:
        return len(list(client.v2.list_workflows(page_size=3)))

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(walk, range(8))) == [10] * 8


def test_inside_asyncio_run(server: RecordingServer, client: OrchestrationClient) -> None:
    server.handler = lambda request: Reply(200, {"data": WORKFLOW})

    async def main() -> str:
        await asyncio.sleep(0)
        return client.v2.get_workflow("wf1").id

    assert asyncio.run(main()) == "wf1"


def test_inside_trio_run(server: RecordingServer, client: OrchestrationClient) -> None:
    server.handler = lambda request: Reply(200, {"data": WORKFLOW})

    async def main() -> str:
        await trio.lowlevel.checkpoint()
        return client.v2.get_workflow("wf1").id

    assert trio.run(main) == "wf1"


def test_created_inside_a_running_loop(server: RecordingServer) -> None:
    server.handler = paged_workflows(total=5, size=2)

    async def main() -> list[str]:
        with OrchestrationClient(server.url) as sync_client:
            return [w.id for w in sync_client.v2.list_workflows(page_size=2)]

    assert asyncio.run(main()) == [f"wf{n}" for n in range(5)]
    assert portal_threads() == []


def test_called_from_its_own_portal_thread_raises(server: RecordingServer, client: OrchestrationClient) -> None:
    def inside() -> object:
        return client.v2.get_workflow("wf1")

    with pytest.raises(RuntimeError, match="AsyncOrchestrationClient"):
        client._portal.anyio_portal.call(inside)
    assert server.requests == []


def test_retries_sleep_on_the_portal(server: RecordingServer) -> None:
    server.enqueue(Reply(503), Reply(503), Reply(200, {"data": WORKFLOW}))
    policy = RetryPolicy(max_attempts=3, initial_delay=0.01, max_delay=0.01, jitter=0)
    with OrchestrationClient(server.url, retries=policy) as sync_client:
        assert sync_client.v2.get_workflow("wf1").id == "wf1"
    assert len(server.requests) == 3


def test_repr_and_properties(server: RecordingServer, client: OrchestrationClient) -> None:
    assert client.base_url == server.url
    assert client.api_prefix == "/api/orchestration"
    assert repr(client).startswith("OrchestrationClient(")
    assert isinstance(client.async_client, AsyncOrchestrationClient)


@pytest.mark.parametrize("run", [lambda main: asyncio.run(main()), trio.run], ids=["asyncio", "trio"])
def test_created_and_used_on_a_thread_running_an_event_loop(server: RecordingServer, run: Any) -> None:
    # Regression: locks made in the constructor belonged to the caller's running loop (trio here), so every call
    # made on the portal's loop failed with "must be called from async context".
    server.handler = lambda request: Reply(200, {"data": WORKFLOW})

    async def main() -> str:
        with OrchestrationClient(server.url, auth=BearerToken("t")) as sync_client:
            return sync_client.v2.get_workflow("wf1").id

    assert run(main) == "wf1"


# -- the crossing into the loop thread (formance_orchestration._engine.portal) ------------------------------------------


def test_a_call_sees_the_callers_context_variables(client: OrchestrationClient) -> None:
    import contextvars

    request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="unset")

    async def read() -> str:
        return request_id.get()

    request_id.set("abc")
    assert client._portal.call(read) == "abc"


def test_an_exception_crosses_with_its_type_and_the_loop_keeps_serving(client: OrchestrationClient) -> None:
    async def fail() -> None:
        raise LookupError("from the loop")

    async def ok() -> int:
        return 7

    with pytest.raises(LookupError, match="from the loop"):
        client._portal.call(fail)
    assert client._portal.call(ok) == 7


def test_an_interrupted_wait_cancels_the_call_on_the_loop(client: OrchestrationClient) -> None:
    import signal

    started, cancelled = threading.Event(), threading.Event()

    async def slow() -> None:
        started.set()
        try:
            await asyncio.sleep(30)
        except asyncio.CancelledError:
            cancelled.set()
            raise

    def interrupt() -> None:
        assert started.wait(10)
        # A real SIGINT to the main thread (the waiting one), as Ctrl-C would send; Python's handler raises
        # KeyboardInterrupt there, interrupting the blocked lock acquisition.
        signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGINT)

    helper = threading.Thread(target=interrupt)
    helper.start()
    with pytest.raises(KeyboardInterrupt):
        client._portal.call(slow)
    helper.join()
    assert cancelled.wait(10), "the call kept running on the loop after its caller was interrupted"


def test_closing_the_client_under_a_running_call_fails_that_call_clearly(server: RecordingServer) -> None:
    started = threading.Event()
    sync_client = OrchestrationClient(server.url)

    async def slow() -> None:
        started.set()
        await asyncio.sleep(30)

    with ThreadPoolExecutor(1) as pool:
        future = pool.submit(sync_client._portal.call, slow)
        assert started.wait(10)
        sync_client.close()
        with pytest.raises(RuntimeError, match="closed while the call was running"):
            future.result(10)
    with pytest.raises(RuntimeError, match="closed"):
        sync_client.v2.get_workflow("wf1")


def test_a_portal_on_trio_goes_through_anyio(server: RecordingServer) -> None:
    from anyio.from_thread import start_blocking_portal

    from formance_orchestration._engine.portal import Portal

    async def backend() -> str:
        import sniffio

        return sniffio.current_async_library()

    with start_blocking_portal("trio") as anyio_portal:
        portal = Portal(anyio_portal)
        assert portal.call(backend) == "trio"
        portal.stop()
        # Stopped by its owner: refused with this SDK's message while anyio's portal still runs.
        with pytest.raises(RuntimeError, match="closed"):
            portal.call(backend)


def test_the_portal_reads_no_private_attribute_of_anyio() -> None:
    source = (Path(__file__).resolve().parents[1] / "formance_orchestration" / "_engine" / "portal.py").read_text()
    assert "._event_loop_thread_id" not in source
    assert "_portal._" not in source
