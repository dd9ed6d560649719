"""Quickstart: create a workflow, run it, wait for it to finish, print the instance and its history.

Runs against the SDK's in-memory Orchestration server (over HTTP, with OAuth2 client credentials) unless
``FORMANCE_BASE_URL``, ``FORMANCE_CLIENT_ID`` and ``FORMANCE_CLIENT_SECRET`` name a real stack::

    python examples/quickstart.py
"""

from __future__ import annotations

import json

import anyio
from _stack import orchestration_stack

from formance_orchestration import AsyncOrchestrationClient, converter
from formance_orchestration import stages as s


async def quickstart(client: AsyncOrchestrationClient) -> None:
    """The whole job, on any client."""
    # 1. A workflow: credit a user from the world account, then pause for a second.
    workflow = await client.v2.create_workflow(
        name="quickstart: welcome bonus",
        stages=[
            s.Send(
                source=s.Account("world"),
                destination=s.Account("users:${userID}", ledger="default"),
                amount=s.Amount("${amount}", "EUR/2"),
            ),
            s.Delay(duration="1s"),
        ],
    )
    print(f"created workflow {workflow.id} ({workflow.config.name})")

    # 2. Run it. Variables fill the ${...} placeholders; values are strings.
    instance = await client.v2.run_workflow(workflow.id, variables={"userID": "42", "amount": "1500"})
    print(f"started instance {instance.id}")

    # 3. Wait for it to terminate (polls get_instance; the server's own wait=true does not wait).
    done = await client.v2.wait_for_instance(instance.id, timeout=60, poll_interval=0.2)
    outcome = f"failed: {done.error}" if done.error else "succeeded"
    print(f"instance {done.id} terminated: {outcome}")
    print(f"  created {done.created_at:%Y-%m-%d %H:%M:%S}, terminated {done.terminated_at:%H:%M:%S}")
    for status in done.status or []:
        ended = f"{status.terminated_at:%H:%M:%S}" if status.terminated_at else "running"
        print(f"  stage {status.stage}: started {status.started_at:%H:%M:%S}, ended {ended}, error={status.error}")

    # 4. Its history: one entry per stage that started, in order, each with its resolved input.
    history = await client.v2.get_instance_history(instance.id)
    print(f"history: {len(history)} entr{'y' if len(history) == 1 else 'ies'}")
    for entry in history:
        print(f"  {entry.name}: terminated={entry.terminated} error={entry.error}")
        print(f"    input: {json.dumps(converter.unstructure(entry.input))}")


async def main() -> None:
    with orchestration_stack() as stack:
        async with stack.async_client() as client:
            await quickstart(client)


if __name__ == "__main__":
    anyio.run(main)
