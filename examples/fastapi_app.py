"""A FastAPI app that starts payouts and reports on them, sharing one ``AsyncOrchestrationClient``.

The client is created once, in the app's lifespan (one connection pool, one token cache), and handed to the
endpoints with ``Depends``. The lifespan also finds (or creates) the workflow the app runs.

* ``POST /payouts`` ``{"user_id": "42", "amount": 1500}`` starts a payout: 202 with the instance id.
* ``GET /instances/{instance_id}`` reports an instance: stages, whether it waits for approval, its outcome.
* ``POST /instances/{instance_id}/approve`` sends the ``approved`` event: 202, or 409 when it is not waiting.
* ``GET /workflow`` returns the payout workflow as the Orchestration API does: an SDK model leaves through its
  ``to_dict()`` (the API's JSON field names; big integers exact), no response model to write.

Needs FastAPI (``pip install fastapi``). Runs against the in-memory server unless ``FORMANCE_BASE_URL`` (and
credentials) name a real stack::

    python examples/fastapi_app.py           # drives the app once with FastAPI's test client, prints the answers
    python examples/fastapi_app.py --serve   # serves on http://127.0.0.1:8000 (needs `pip install uvicorn`)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import datetime
from typing import Annotated, Any

from _stack import orchestration_stack
from fastapi import Depends, FastAPI, HTTPException, Request, status
from pydantic import BaseModel, Field

from formance_orchestration import AsyncOrchestrationClient, errors, models
from formance_orchestration import stages as s

WORKFLOW_NAME = "fastapi example: approved payout"
PAYOUT_STAGES: list[s.Stage] = [
    s.Send(
        source=s.Account("world"),
        destination=s.Account("users:${userID}", ledger="default"),
        amount=s.Amount("${amount}", "EUR/2"),
    ),
    s.WaitEvent("approved"),
]
APPROVAL_STAGE = 1  # the index of the wait_event stage above

# Opens the client the app uses for its whole life; tests pass one bound to an in-memory server.
ClientFactory = Callable[[], AbstractAsyncContextManager[AsyncOrchestrationClient]]


# ----------------------------------------------------------------------------------------------- the API's shapes


class PayoutRequest(BaseModel):
    user_id: str = Field(min_length=1, examples=["42"])
    amount: int = Field(gt=0, description="In minor units (cents for EUR/2)", examples=[1500])


class PayoutStarted(BaseModel):
    instance_id: str
    workflow_id: str


class StageReport(BaseModel):
    stage: int
    started_at: datetime
    terminated_at: datetime | None
    error: str | None


class InstanceReport(BaseModel):
    id: str
    workflow_id: str
    created_at: datetime
    terminated: bool
    waiting_for_approval: bool
    error: str | None
    stages: list[StageReport]


# ----------------------------------------------------------------------------------------------- the shared client


def get_orchestration(request: Request) -> AsyncOrchestrationClient:
    """The app's one client, created in the lifespan."""
    client: AsyncOrchestrationClient = request.app.state.orchestration
    return client


def get_workflow_id(request: Request) -> str:
    """The payout workflow the lifespan found or created."""
    workflow_id: str = request.app.state.workflow_id
    return workflow_id


Orchestration = Annotated[AsyncOrchestrationClient, Depends(get_orchestration)]
PayoutWorkflowId = Annotated[str, Depends(get_workflow_id)]


@asynccontextmanager
async def client_from_environment() -> AsyncIterator[AsyncOrchestrationClient]:
    """A client for the stack named by ``FORMANCE_BASE_URL``, else for a local in-memory server."""
    with orchestration_stack() as stack:
        async with stack.async_client() as client:
            yield client


async def find_or_create_workflow(client: AsyncOrchestrationClient) -> models.V2Workflow:
    async for workflow in client.v2.list_workflows(page_size=100):  # walks every page
        if workflow.config.name == WORKFLOW_NAME:
            return workflow
    return await client.v2.create_workflow(name=WORKFLOW_NAME, stages=PAYOUT_STAGES)


def create_app(connect: ClientFactory = client_from_environment) -> FastAPI:
    """The app; ``connect`` opens the client it shares between requests (closed when the app stops)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with connect() as client:
            app.state.orchestration = client
            app.state.workflow_id = (await find_or_create_workflow(client)).id
            yield

    app = FastAPI(title="Payouts", lifespan=lifespan)

    @app.post("/payouts", status_code=status.HTTP_202_ACCEPTED)
    async def start_payout(
        payout: PayoutRequest, client: Orchestration, workflow_id: PayoutWorkflowId
    ) -> PayoutStarted:
        instance = await client.v2.run_workflow(
            workflow_id, variables={"userID": payout.user_id, "amount": str(payout.amount)}
        )
        return PayoutStarted(instance_id=instance.id, workflow_id=workflow_id)

    @app.get("/instances/{instance_id}")
    async def report_instance(instance_id: str, client: Orchestration) -> InstanceReport:
        return report(await read_instance(client, instance_id))

    @app.get("/workflow")
    async def payout_workflow(client: Orchestration, workflow_id: PayoutWorkflowId) -> dict[str, Any]:
        """The workflow this app runs, in the Orchestration API's JSON shape (``createdAt``, ``config.stages``)."""
        workflow = await client.v2.get_workflow(workflow_id)
        return workflow.to_dict()

    @app.post("/instances/{instance_id}/approve", status_code=status.HTTP_202_ACCEPTED)
    async def approve(instance_id: str, client: Orchestration) -> InstanceReport:
        instance = await read_instance(client, instance_id)
        if not waiting_for_approval(instance):
            # The server drops an event its instance is not waiting for: say so instead of pretending.
            raise HTTPException(status.HTTP_409_CONFLICT, f"instance {instance_id} is not waiting for approval")
        await client.v2.send_event(instance_id, name="approved")
        return report(await read_instance(client, instance_id))

    return app


# ----------------------------------------------------------------------------------------------- helpers


async def read_instance(client: AsyncOrchestrationClient, instance_id: str) -> models.V2WorkflowInstance:
    """``get_instance``, with the server's "not found" answers turned into a 404 and other failures into a 502."""
    try:
        return await client.v2.get_instance(instance_id)
    except errors.APIStatusError as exc:
        # Today's server answers an unknown instance with 500 INTERNAL "Instance not found", not 404.
        message = (exc.error_message or "").lower()
        if isinstance(exc, errors.NotFoundError) or "not found" in message or "no rows" in message:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"no instance {instance_id}") from exc
        raise HTTPException(status.HTTP_502_BAD_GATEWAY, f"orchestration answered {exc.status_code}") from exc
    except errors.APIConnectionError as exc:
        raise HTTPException(status.HTTP_502_BAD_GATEWAY, "orchestration unreachable") from exc


def waiting_for_approval(instance: models.V2WorkflowInstance) -> bool:
    current = (instance.status or [])[-1:]
    return (
        not instance.terminated
        and bool(current)
        and current[0].stage == APPROVAL_STAGE
        and current[0].terminated_at is None
    )


def report(instance: models.V2WorkflowInstance) -> InstanceReport:
    return InstanceReport(
        id=instance.id,
        workflow_id=instance.workflow_id,
        created_at=instance.created_at,
        terminated=instance.terminated,
        waiting_for_approval=waiting_for_approval(instance),
        error=instance.error,
        stages=[
            StageReport(stage=row.stage, started_at=row.started_at, terminated_at=row.terminated_at, error=row.error)
            for row in instance.status or []
        ],
    )


app = create_app()  # for `uvicorn fastapi_app:app` (run from the examples directory)


def demo(app: FastAPI) -> None:
    """Drive the app once through FastAPI's test client: start a payout, read it, approve it, read it again."""
    import time
    import warnings

    with warnings.catch_warnings():  # recent Starlette prefers httpx2 for its test client; httpx works the same
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")
        from fastapi.testclient import TestClient

    def show(label: str, answer: object) -> None:
        print(f"{label}\n{json.dumps(answer, indent=2)}")

    with TestClient(app) as http:
        started = http.post("/payouts", json={"user_id": "42", "amount": 1500})
        show(f"POST /payouts -> {started.status_code}", started.json())
        instance_url = f"/instances/{started.json()['instance_id']}"
        deadline = time.monotonic() + 30
        while not (answer := http.get(instance_url).json())["waiting_for_approval"]:
            if time.monotonic() > deadline:
                raise SystemExit(f"instance never waited for approval: {answer}")
            time.sleep(0.05)
        show(f"GET {instance_url} -> 200", answer)
        approved = http.post(f"{instance_url}/approve")
        show(f"POST {instance_url}/approve -> {approved.status_code}", approved.json())
        while not (answer := http.get(instance_url).json())["terminated"]:
            if time.monotonic() > deadline:
                raise SystemExit(f"instance never terminated: {answer}")
            time.sleep(0.05)
        show(f"GET {instance_url} -> 200", answer)
        missing = http.get("/instances/no-such-instance")
        show(f"GET /instances/no-such-instance -> {missing.status_code}", missing.json())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--serve", action="store_true", help="serve with uvicorn instead of a one-off demo")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    if args.serve:
        import uvicorn  # type: ignore[import-not-found, unused-ignore]

        uvicorn.run(app, host="127.0.0.1", port=args.port)
    else:
        demo(app)
    return 0


if __name__ == "__main__":
    sys.exit(main())
