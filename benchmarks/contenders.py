"""The contenders: this SDK, raw httpx, and the official ``formance-sdk-python``, each as zero-argument calls.

Every contender makes the same request for an operation (method, path, query, body, ``Authorization`` header)
and fully decodes the answer (``response.json()`` for raw httpx, models for the SDKs), so the figures compare
client-side cost only. :func:`fingerprint` turns any contender's result into a small comparable value, checked
during warm-up: a body one SDK cannot decode, or a wrong page, fails the run instead of producing a number.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx

from benchmarks.server import INSTANCE_ID, PREFIX, SERVER_VERSION, TOKEN, WORKFLOW_ID

T = TypeVar("T")
AsyncCall = Callable[[], Awaitable[object]]
SyncCall = Callable[[], object]

SMALL_OPS = ("get_server_info", "get_instance", "run_workflow")
PAGE_OP = "list_instances"
HISTORY_OP = "get_instance_history"
STAGE_HISTORY_OP = "get_instance_stage_history"
PAGE_OPS = (PAGE_OP, HISTORY_OP, STAGE_HISTORY_OP)
OPS = (*SMALL_OPS, *PAGE_OPS)
PAGE_SIZE = 1000
VARIABLES = {"amount": "100", "asset": "EUR/2", "destination": "users:42"}
CLIENT_ID = "bench-client"
CLIENT_SECRET = "bench-secret"
HEADERS = {"Authorization": f"Bearer {TOKEN}", "Accept": "application/json"}

OURS_ASYNC = "ours-async"
OURS_SYNC = "ours-sync"
HTTPX_ASYNC = "httpx-async"
HTTPX_SYNC = "httpx-sync"
HTTPX_VIA_THREAD = "httpx-async-via-thread"
OFFICIAL_ASYNC = "official-async"
OFFICIAL_SYNC = "official-sync"
OURS_ASYNC_STD = "ours-async-json"  # this SDK with the standard json parser, beside ours-async with orjson
OPC_ASYNC = "opc-async"  # the client openapi-python-client generates from the same document


def page_op(size: int) -> str:
    """The operation name of a ``size``-item listing in the scaling figure."""
    return f"page-{size}"


def page_size_of(op: str) -> int:
    """How many items ``op`` returns if it is a listing, else 0."""
    if op in PAGE_OPS:
        return PAGE_SIZE
    return int(op[5:]) if op.startswith("page-") else 0


def expected(op: str) -> object:
    """The fingerprint every contender's result for ``op`` must have."""
    size = page_size_of(op)
    if size:
        return size
    return SERVER_VERSION if op == "get_server_info" else INSTANCE_ID


def official_available() -> str | None:
    """``None`` if the official SDK imports, else why not (its rows are then skipped)."""
    try:
        import formance_sdk_python  # noqa: F401
    except ImportError as exc:
        return f"formance-sdk-python is not importable ({exc}); its rows are skipped"
    return None


def _raw_fingerprint(op: str, body: Any) -> object:
    if op in (HISTORY_OP, STAGE_HISTORY_OP):
        return len(body["data"])
    if page_size_of(op):
        return len(body["cursor"]["data"])
    return body["version"] if op == "get_server_info" else body["data"]["id"]


def _ours_fingerprint(op: str, result: Any) -> object:
    if op in (HISTORY_OP, STAGE_HISTORY_OP):
        return len(result)
    if page_size_of(op):
        return len(result.data)
    return result.version if op == "get_server_info" else result.id


def _official_fingerprint(op: str, result: Any) -> object:
    if op == "get_server_info":
        return result.v2_server_info.version
    if op == "get_instance":
        return result.v2_get_workflow_instance_response.data.id
    if op == "run_workflow":
        return result.v2_run_workflow_response.data.id
    if op == HISTORY_OP:
        return len(result.v2_get_workflow_instance_history_response.data)
    if op == STAGE_HISTORY_OP:
        return len(result.v2_get_workflow_instance_history_stage_response.data)
    return len(result.v2_list_runs_response.cursor.data)


def _opc_fingerprint(op: str, result: Any) -> object:
    if op == "get_server_info":
        return result.version
    if op in ("get_instance", "run_workflow"):
        return result.data.id
    if op in (HISTORY_OP, STAGE_HISTORY_OP):
        return len(result.data)
    return len(result.cursor.data)


@dataclass
class Contender:
    """One client under test: ``async_call(op)`` / ``sync_call(op)`` give a zero-argument call making ``op``."""

    name: str
    is_async: bool
    fingerprint: Callable[[str, Any], object]
    make_call: Callable[[str], Callable[[], Any]]
    closers: list[Callable[[], Any]] = field(default_factory=list)
    only: frozenset[str] | None = None
    """The operations this contender is measured on (``None``: all)."""

    def measures(self, op: str) -> bool:
        return self.only is None or op in self.only or (op.startswith("page-") and PAGE_OP in self.only)

    def async_call(self, op: str) -> AsyncCall:
        assert self.is_async, self.name
        call: AsyncCall = self.make_call(op)
        return call

    def sync_call(self, op: str) -> SyncCall:
        assert not self.is_async, self.name
        call: SyncCall = self.make_call(op)
        return call


def _raw_request(base: str, op: str) -> tuple[str, str, dict[str, Any]]:
    """Method, URL and httpx keyword arguments of ``op`` as this SDK sends it."""
    root = base + PREFIX
    if op == "get_server_info":
        return "GET", f"{root}/_info", {}
    if op == "get_instance":
        return "GET", f"{root}/v2/instances/{INSTANCE_ID}", {}
    if op == "run_workflow":
        return "POST", f"{root}/v2/workflows/{WORKFLOW_ID}/instances", {"json": VARIABLES}
    if op == PAGE_OP:
        return "GET", f"{root}/v2/instances", {"params": {"pageSize": PAGE_SIZE}}
    if op == HISTORY_OP:
        return "GET", f"{root}/v2/instances/{INSTANCE_ID}/history", {}
    if op == STAGE_HISTORY_OP:
        return "GET", f"{root}/v2/instances/{INSTANCE_ID}/stages/0/history", {}
    return "GET", f"{root}/v2/instances", {"params": {"workflowID": op}}


def _check_status(response: httpx.Response) -> None:
    if response.status_code >= 300:
        raise RuntimeError(f"{response.request.method} {response.request.url} answered {response.status_code}")


def _ours_calls(v2: Any) -> Callable[[str], Callable[[], Any]]:
    """The calls of either face of this SDK (``client.v2`` has the same methods on both)."""

    def make(op: str) -> Callable[[], Any]:
        if op == "get_server_info":
            return v2.get_server_info  # type: ignore[no-any-return]
        if op == "get_instance":
            return lambda: v2.get_instance(INSTANCE_ID)
        if op == "run_workflow":
            return lambda: v2.run_workflow(WORKFLOW_ID, variables=VARIABLES)
        if op == PAGE_OP:
            return lambda: v2.list_instances(page_size=PAGE_SIZE)  # awaiting the paginator fetches page one
        if op == HISTORY_OP:
            return lambda: v2.get_instance_history(INSTANCE_ID)
        if op == STAGE_HISTORY_OP:
            return lambda: v2.get_instance_stage_history(INSTANCE_ID, 0)
        return lambda: v2.list_instances(workflow_id=op)

    return make


# -- async contenders (made inside the benchmark's event loop) ---------------------------------------------------


def ours_async(base: str) -> Contender:
    """``AsyncOrchestrationClient`` with a fixed bearer token."""
    from formance_orchestration import AsyncOrchestrationClient, BearerToken

    client = AsyncOrchestrationClient(base, auth=BearerToken(TOKEN))
    return Contender(OURS_ASYNC, True, _ours_fingerprint, _ours_calls(client.v2), [client.aclose])


def ours_async_std(base: str) -> Contender:
    """``AsyncOrchestrationClient`` parsing answers with ``json.loads``, as without the speedups extra (pages only)."""
    from formance_orchestration import AsyncOrchestrationClient, BearerToken
    from formance_orchestration._codec.parse import loads_standard

    client = AsyncOrchestrationClient(base, auth=BearerToken(TOKEN))
    client._transport._loads = loads_standard
    make = _ours_calls(client.v2)
    return Contender(OURS_ASYNC_STD, True, _ours_fingerprint, make, [client.aclose], frozenset(PAGE_OPS))


def opc_async(base: str) -> Contender:
    """The client openapi-python-client generated at bench time (``benchmarks/opc.py``; on ``sys.path``)."""
    from orch_opc import AuthenticatedClient  # type: ignore[import-not-found]
    from orch_opc.api.orchestration_v2 import (  # type: ignore[import-not-found]
        v_2_get_instance,
        v_2_get_instance_history,
        v_2_get_instance_stage_history,
        v_2_get_server_info,
        v_2_list_instances,
        v_2_run_workflow,
    )
    from orch_opc.models import V2RunWorkflowRequest  # type: ignore[import-not-found]

    client = AuthenticatedClient(base_url=base + PREFIX, token=TOKEN)

    def make(op: str) -> Callable[[], Any]:
        if op == "get_server_info":
            return lambda: v_2_get_server_info.asyncio(client=client)
        if op == "get_instance":
            return lambda: v_2_get_instance.asyncio(INSTANCE_ID, client=client)
        if op == "run_workflow":
            body = V2RunWorkflowRequest.from_dict(VARIABLES)
            return lambda: v_2_run_workflow.asyncio(WORKFLOW_ID, client=client, body=body)
        if op == PAGE_OP:
            return lambda: v_2_list_instances.asyncio(client=client, page_size=PAGE_SIZE)
        if op == HISTORY_OP:
            return lambda: v_2_get_instance_history.asyncio(INSTANCE_ID, client=client)
        if op == STAGE_HISTORY_OP:
            return lambda: v_2_get_instance_stage_history.asyncio(INSTANCE_ID, 0, client=client)
        return lambda: v_2_list_instances.asyncio(client=client, workflow_id=op)

    async def close() -> None:
        await client.get_async_httpx_client().aclose()

    return Contender(OPC_ASYNC, True, _opc_fingerprint, make, [close])


def httpx_async(base: str) -> Contender:
    """A default ``httpx.AsyncClient`` and ``response.json()``: the floor async contenders are held to."""
    client = httpx.AsyncClient(headers=HEADERS)

    def make(op: str) -> Callable[[], Any]:
        method, url, kwargs = _raw_request(base, op)

        async def call() -> Any:
            response = await client.request(method, url, **kwargs)
            _check_status(response)
            return response.json()

        return call

    return Contender(HTTPX_ASYNC, True, _raw_fingerprint, make, [client.aclose])


def _official_sdk(base: str) -> Any:
    from formance_sdk_python import SDK
    from formance_sdk_python.models import shared

    # Client credentials against the bench server: one token per scope set, cached after the first call.
    security = shared.Security(
        client_id=CLIENT_ID, client_secret=CLIENT_SECRET, token_url=f"{base}/api/auth/oauth/token"
    )
    return SDK(server_url=base, security=security)


def official_async(base: str) -> Contender:
    """The official SDK's ``*_async`` methods."""
    sdk = _official_sdk(base)
    v2 = sdk.orchestration.v2

    def make(op: str) -> Callable[[], Any]:
        if op == "get_server_info":
            return lambda: v2.get_server_info_async()
        if op == "get_instance":
            return lambda: v2.get_instance_async(request={"instance_id": INSTANCE_ID})
        if op == "run_workflow":
            return lambda: v2.run_workflow_async(request={"workflow_id": WORKFLOW_ID, "request_body": VARIABLES})
        if op == PAGE_OP:
            return lambda: v2.list_instances_async(request={"page_size": PAGE_SIZE})
        if op == HISTORY_OP:
            return lambda: v2.get_instance_history_async(request={"instance_id": INSTANCE_ID})
        if op == STAGE_HISTORY_OP:
            return lambda: v2.get_instance_stage_history_async(request={"instance_id": INSTANCE_ID, "number": 0})
        return lambda: v2.list_instances_async(request={"workflow_id": op})

    async def close() -> None:
        await sdk.__aexit__(None, None, None)
        sdk.__exit__(None, None, None)

    return Contender(OFFICIAL_ASYNC, True, _official_fingerprint, make, [close])


# -- sync contenders (made and called on the main thread, outside any event loop) --------------------------------


def ours_sync(base: str) -> Contender:
    """``OrchestrationClient``: the async client driven through its blocking portal."""
    from formance_orchestration import BearerToken, OrchestrationClient

    client = OrchestrationClient(base, auth=BearerToken(TOKEN))
    return Contender(OURS_SYNC, False, _ours_fingerprint, _ours_calls(client.v2), [client.close])


def httpx_sync(base: str) -> Contender:
    """A default ``httpx.Client``: the blocking floor."""
    client = httpx.Client(headers=HEADERS)

    def make(op: str) -> Callable[[], Any]:
        method, url, kwargs = _raw_request(base, op)

        def call() -> Any:
            response = client.request(method, url, **kwargs)
            _check_status(response)
            return response.json()

        return call

    return Contender(HTTPX_SYNC, False, _raw_fingerprint, make, [client.close])


class _LoopThread:
    """An event loop running forever on a daemon thread."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="bench-loop", daemon=True)
        self.thread.start()

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result()

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join()
        self.loop.close()


def httpx_async_via_thread(base: str) -> Contender:
    """Raw ``httpx.AsyncClient`` on a loop in another thread, awaited from this one: the sync-over-async floor."""
    runner = _LoopThread()

    async def make_client() -> httpx.AsyncClient:
        return httpx.AsyncClient(headers=HEADERS)

    client = runner.run(make_client())

    def make(op: str) -> Callable[[], Any]:
        method, url, kwargs = _raw_request(base, op)

        async def fetch() -> Any:
            response = await client.request(method, url, **kwargs)
            _check_status(response)
            return response.json()

        return lambda: runner.run(fetch())

    def close() -> None:
        runner.run(client.aclose())
        runner.stop()

    return Contender(HTTPX_VIA_THREAD, False, _raw_fingerprint, make, [close])


def official_sync(base: str) -> Contender:
    """The official SDK's blocking methods."""
    sdk = _official_sdk(base)
    v2 = sdk.orchestration.v2

    def make(op: str) -> Callable[[], Any]:
        if op == "get_server_info":
            return lambda: v2.get_server_info()
        if op == "get_instance":
            return lambda: v2.get_instance(request={"instance_id": INSTANCE_ID})
        if op == "run_workflow":
            return lambda: v2.run_workflow(request={"workflow_id": WORKFLOW_ID, "request_body": VARIABLES})
        if op == PAGE_OP:
            return lambda: v2.list_instances(request={"page_size": PAGE_SIZE})
        if op == HISTORY_OP:
            return lambda: v2.get_instance_history(request={"instance_id": INSTANCE_ID})
        if op == STAGE_HISTORY_OP:
            return lambda: v2.get_instance_stage_history(request={"instance_id": INSTANCE_ID, "number": 0})
        return lambda: v2.list_instances(request={"workflow_id": op})

    def close() -> None:
        sdk.__exit__(None, None, None)
        # Its async client was never used, so closing it needs no event loop beyond this short one.
        asyncio.run(sdk.__aexit__(None, None, None))

    return Contender(OFFICIAL_SYNC, False, _official_fingerprint, make, [close])


async def close_async(contenders: list[Contender]) -> None:
    """Close every async contender's connections."""
    for contender in contenders:
        for closer in contender.closers:
            await closer()


def close_sync(contenders: list[Contender]) -> None:
    """Close every sync contender (and the via-thread contender's loop)."""
    for contender in contenders:
        for closer in contender.closers:
            closer()
