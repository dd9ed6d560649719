"""The main job in a few lines: create a workflow, run it, read the instance and its history.

By default it starts the SDK's in-memory Orchestration server on 127.0.0.1 (real sockets, real OAuth2 token
endpoint, wall clock) and talks to it over HTTP. Set ``FORMANCE_BASE_URL``, ``FORMANCE_CLIENT_ID`` and
``FORMANCE_CLIENT_SECRET`` to run the same code against a real Formance stack.

Run it with ``nox -s demo`` or ``python examples/demo.py``.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

import anyio

from formance_orchestration import AsyncOrchestrationClient, ClientCredentials
from formance_orchestration import stages as s


@contextlib.contextmanager
def orchestration_stack() -> Iterator[AsyncOrchestrationClient]:
    """A client for the real stack named by the environment, else for a local in-memory server."""
    if os.environ.get("FORMANCE_BASE_URL"):
        yield AsyncOrchestrationClient.from_env()
        return
    from formance_orchestration.testing import FakeOrchestration

    fake = FakeOrchestration(realtime=True)
    with fake.serve_in_thread(port=0) as url:
        print(f"(no FORMANCE_BASE_URL: using the in-memory server at {url})")
        yield AsyncOrchestrationClient(url, auth=ClientCredentials(client_id="demo", client_secret="demo-secret"))


async def main() -> None:
    with orchestration_stack() as client:
        async with client:
            info = await client.v2.get_server_info()
            print(f"server version: {info.version}")

            workflow = await client.v2.create_workflow(
                name="demo: credit a user, wait for approval, then settle",
                stages=[
                    s.Send(
                        source=s.Account("world"),
                        destination=s.Account("users:${userID}", ledger="default"),
                        amount=s.Amount("${amount}", "EUR/2"),
                    ),
                    s.WaitEvent("approved"),
                    s.Delay(duration="1s"),
                ],
            )
            print(f"created workflow {workflow.id} with {len(workflow.config.stages or [])} stages")

            run = await client.v2.run_workflow(workflow.id, variables={"userID": "42", "amount": "1500"})
            print(f"started instance {run.id}")

            # The wait_event stage takes an event only once it has started: wait for it, then approve.
            with anyio.fail_after(30):
                while True:
                    instance = await client.v2.get_instance(run.id)
                    current = (instance.status or [])[-1:]
                    if current and current[0].stage == 1 and current[0].terminated_at is None:
                        break
                    await anyio.sleep(0.1)
            await client.v2.send_event(run.id, name="approved")
            print("sent event 'approved'")

            done = await client.v2.wait_for_instance(run.id, wait_timeout=30, poll_interval=0.2)
            outcome = f"failed: {done.error}" if done.error else "succeeded"
            print(f"instance {done.id} terminated at {done.terminated_at:%H:%M:%S}: {outcome}")

            for number, stage in enumerate(await client.v2.get_instance_history(run.id)):
                print(f"  stage {number}: {stage.name:13s} terminated={stage.terminated} error={stage.error}")
            for activity in await client.v2.get_instance_stage_history(run.id, 0):
                print(f"    stage 0 activity: {activity.name} (attempt {activity.attempt})")


if __name__ == "__main__":
    anyio.run(main)
