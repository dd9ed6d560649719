"""Measurements that need a fresh interpreter, one per process: ``python -I probe.py MODE WHICH BASE ID TOKEN``.

MODE is ``baseline`` (RSS of a bare interpreter), ``import`` (import time, then RSS), ``client`` (time to a
usable client: import + construct + first access of its v2 operations; then RSS after the first call) or
``stall`` (longest event-loop gap while a fresh client makes its first call with client credentials). WHICH is
``ours``, ``httpx`` or ``official``. Prints one JSON object.

Run with ``-I`` so neither the script's folder nor the environment adds import paths, and kept free of imports
from the benchmarks package: anything imported before the timed section would be missing from its cost.
"""

import sys
import time

MODE, WHICH, BASE, INSTANCE_ID, TOKEN = sys.argv[1:6]
if len(sys.argv) > 6 and sys.argv[6]:  # the folder of the client openapi-python-client generated (WHICH=opc)
    sys.path.insert(0, sys.argv[6])
CLIENT_ID, CLIENT_SECRET = "bench-client", "bench-secret"
TOKEN_URL = f"{BASE}/api/auth/oauth/token"
PACKAGES = {"ours": "formance_orchestration", "httpx": "httpx", "official": "formance_sdk_python", "opc": "orch_opc"}


def rss_mb() -> float:
    """Resident set size now, in MiB (psutil is imported only after every timed section)."""
    import psutil

    return float(psutil.Process().memory_info().rss) / 2**20


def emit(**values: object) -> None:
    import json

    print(json.dumps(values))


def usable_client() -> object:
    """Import WHICH and return a client ready to make calls (its v2 operations accessed once)."""
    if WHICH == "ours":
        from formance_orchestration import AsyncOrchestrationClient, BearerToken

        return AsyncOrchestrationClient(BASE, auth=BearerToken(TOKEN)).v2
    if WHICH == "httpx":
        import httpx

        return httpx.AsyncClient(headers={"Authorization": f"Bearer {TOKEN}", "Accept": "application/json"})
    if WHICH == "opc":
        from orch_opc import AuthenticatedClient  # type: ignore[import-not-found]
        from orch_opc.api.orchestration_v2 import v_2_get_instance  # type: ignore[import-not-found]  # noqa: F401

        return AuthenticatedClient(base_url=f"{BASE}/api/orchestration", token=TOKEN)
    from formance_sdk_python import SDK
    from formance_sdk_python.models import shared

    security = shared.Security(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, token_url=TOKEN_URL)
    return SDK(server_url=BASE, security=security).orchestration.v2


async def first_call(client: object) -> None:
    """One ``get_instance`` through ``client`` (from :func:`usable_client`), its result checked."""
    found: object
    if WHICH == "ours":
        found = (await client.get_instance(INSTANCE_ID)).id  # type: ignore[attr-defined]
    elif WHICH == "httpx":
        response = await client.get(f"{BASE}/api/orchestration/v2/instances/{INSTANCE_ID}")  # type: ignore[attr-defined]
        found = response.json()["data"]["id"]
    elif WHICH == "opc":
        from orch_opc.api.orchestration_v2 import v_2_get_instance

        found = (await v_2_get_instance.asyncio(INSTANCE_ID, client=client)).data.id
    else:
        response = await client.get_instance_async(request={"instance_id": INSTANCE_ID})  # type: ignore[attr-defined]
        found = response.v2_get_workflow_instance_response.data.id
    if found != INSTANCE_ID:
        raise SystemExit(f"{WHICH}: first call returned instance {found!r}")


def main_import() -> None:
    start = time.perf_counter_ns()
    __import__(PACKAGES[WHICH])
    seconds = (time.perf_counter_ns() - start) / 1e9
    emit(import_s=seconds, rss_mb=rss_mb(), modules=len(sys.modules))


def main_client() -> None:
    start = time.perf_counter_ns()
    client = usable_client()
    seconds = (time.perf_counter_ns() - start) / 1e9
    import asyncio

    asyncio.run(first_call(client))
    emit(usable_s=seconds, rss_after_call_mb=rss_mb())


def main_stall() -> None:
    import asyncio

    # Imported before the loop starts, as an application would at module level: the stall measured is the
    # client's own (construction, lazy imports, token fetch, first request), not the package import.
    if WHICH == "ours":
        # An application imports the names it uses at module level; the package loads each on first use.
        from formance_orchestration import AsyncOrchestrationClient, ClientCredentials  # noqa: F401
    elif WHICH == "opc":
        from orch_opc import AuthenticatedClient  # noqa: F401
        from orch_opc.api.orchestration_v2 import v_2_get_instance  # noqa: F401
    elif WHICH == "httpx":
        import httpx  # noqa: F401
    else:
        import formance_sdk_python  # noqa: F401
        from formance_sdk_python.models import shared  # noqa: F401

    async def run() -> dict[str, object]:
        gaps: list[float] = []
        stop = False

        async def ticker() -> None:
            last = time.perf_counter()
            while not stop:
                await asyncio.sleep(0.001)
                now = time.perf_counter()
                gaps.append(now - last)
                last = now

        task = asyncio.create_task(ticker())
        await asyncio.sleep(0.05)
        gaps.clear()
        before = set(sys.modules)
        start = time.perf_counter()
        client = await construct()
        constructed = set(sys.modules)
        await call_with_credentials(client)
        elapsed = time.perf_counter() - start
        called = set(sys.modules)
        await asyncio.sleep(0.01)
        stop = True
        await task
        return {
            "max_gap_ms": max(gaps) * 1000,
            "first_call_ms": elapsed * 1000,
            "imported_constructing": sorted(constructed - before),
            "imported_first_call": sorted(called - constructed),
        }

    async def construct() -> object:
        if WHICH == "ours":
            from formance_orchestration import AsyncOrchestrationClient, ClientCredentials

            credentials = ClientCredentials(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, token_url=TOKEN_URL)
            return AsyncOrchestrationClient(BASE, auth=credentials)
        if WHICH == "httpx":
            import httpx

            return httpx.AsyncClient()
        from formance_sdk_python import SDK
        from formance_sdk_python.models import shared

        security = shared.Security(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, token_url=TOKEN_URL)
        return SDK(server_url=BASE, security=security)

    async def call_with_credentials(client: object) -> None:
        found: object
        if WHICH == "ours":
            found = (await client.v2.get_instance(INSTANCE_ID)).id  # type: ignore[attr-defined]
        elif WHICH == "httpx":
            form = {"grant_type": "client_credentials", "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET}
            token = (await client.post(TOKEN_URL, data=form)).json()["access_token"]  # type: ignore[attr-defined]
            response = await client.get(  # type: ignore[attr-defined]
                f"{BASE}/api/orchestration/v2/instances/{INSTANCE_ID}", headers={"Authorization": f"Bearer {token}"}
            )
            found = response.json()["data"]["id"]
        else:
            response = await client.orchestration.v2.get_instance_async(request={"instance_id": INSTANCE_ID})  # type: ignore[attr-defined]
            found = response.v2_get_workflow_instance_response.data.id
        if found != INSTANCE_ID:
            raise SystemExit(f"{WHICH}: first call returned instance {found!r}")

    emit(**asyncio.run(run()))


if __name__ == "__main__":
    if MODE == "baseline":
        emit(rss_mb=rss_mb(), modules=len(sys.modules))
    elif MODE == "import":
        main_import()
    elif MODE == "client":
        main_client()
    elif MODE == "stall":
        main_stall()
    else:
        raise SystemExit(f"unknown mode {MODE!r}")
