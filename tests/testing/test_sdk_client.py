"""The SDK clients against the fake, through the pytest plugin's fixtures."""

from __future__ import annotations

import pytest

sdk = pytest.importorskip("formance_orchestration")
if not hasattr(sdk, "AsyncOrchestrationClient"):  # pragma: no cover - the SDK core is written concurrently
    pytest.skip("formance_orchestration.AsyncOrchestrationClient is not available yet", allow_module_level=True)

from formance_orchestration import AsyncOrchestrationClient, ClientCredentials, OrchestrationClient, errors  # noqa: E402
from formance_orchestration.testing import FakeOrchestration  # noqa: E402


@pytest.mark.anyio
async def test_async_client_runs_a_workflow(
    fake_orchestration: FakeOrchestration, async_orchestration_client: AsyncOrchestrationClient
) -> None:
    client = async_orchestration_client
    assert (await client.v2.get_server_info()).version == "develop"
    workflow = await client.v2.create_workflow(stages=[{"delay": {"duration": "1m"}}, {"wait_event": {"event": "go"}}])
    # A variable no stage uses, sent anyway: the test is about the body reaching the server.
    instance = await client.v2.run_workflow(workflow.id, variables={"user": "1"}, check_variables=False)
    assert instance.terminated is False
    fake_orchestration.advance(60)
    await client.v2.send_event(instance.id, name="go")
    done = await client.v2.get_instance(instance.id)
    assert done.terminated is True
    assert [status.stage for status in done.status or []] == [0, 1]
    history = await client.v2.get_instance_history(instance.id)
    assert [entry.name for entry in history] == ["RunDelay", "RunWaitEvent"]
    with pytest.raises(errors.InternalServerError) as info:
        await client.v2.get_workflow("unknown")
    assert info.value.error_code == "INTERNAL"
    assert fake_orchestration.requests_for("run_workflow")[0].headers["content-length"] != "0"


@pytest.mark.anyio
async def test_async_pagination_walks_every_page(
    fake_orchestration: FakeOrchestration, async_orchestration_client: AsyncOrchestrationClient
) -> None:
    created = [(await async_orchestration_client.v2.create_workflow(stages=[])).id for _ in range(7)]
    seen = [workflow.id async for workflow in async_orchestration_client.v2.list_workflows(page_size=3)]
    assert seen == created
    assert len(fake_orchestration.requests_for("list_workflows")) == 3


def test_sync_client(fake_orchestration: FakeOrchestration, orchestration_client: OrchestrationClient) -> None:
    workflow = orchestration_client.v2.create_workflow(stages=[{"noop": {}}])
    instance = orchestration_client.v2.run_workflow(workflow.id)
    assert orchestration_client.v2.get_instance(instance.id).terminated is True
    fake_orchestration.faults.fail_next("list_workflows", status=503)
    assert [w.id for w in orchestration_client.v2.list_workflows()] == [workflow.id]  # retried after the 503


@pytest.mark.anyio
async def test_client_credentials_against_the_fake(anyio_backend: str) -> None:
    fake = FakeOrchestration(require_auth=True, client_credentials={"orchestration": "secret"})
    async with fake.async_client(auth=ClientCredentials(client_id="orchestration", client_secret="secret")) as client:
        assert await client.v2.list_workflows() is not None
        fake.revoke_tokens()  # the next call gets a 401, refreshes its token once and replays
        await client.v2.create_workflow(stages=[])
    assert len(fake.requests_for("create_workflow")) == 2


@pytest.mark.anyio
async def test_close_closes_the_http_clients_handed_out(anyio_backend: str) -> None:
    fake = FakeOrchestration()
    client = fake.async_client()
    await client.v2.create_workflow(stages=[])
    fake.close()
    with pytest.raises(RuntimeError, match="client has been closed"):
        await client.v2.create_workflow(stages=[])
    fake.close()  # twice is fine
    await client.aclose()
    assert len(fake.requests_for("create_workflow")) == 1


def test_the_context_manager_closes_the_blocking_clients_http_client() -> None:
    with FakeOrchestration() as fake:
        client = fake.client()
        client.v2.create_workflow(stages=[])
    try:
        with pytest.raises(RuntimeError, match="client has been closed"):
            client.v2.create_workflow(stages=[])
    finally:
        client.close()
    assert len(fake.requests_for("create_workflow")) == 1
