"""An asyncio worker: runs many workflows at once, sends each instance the event it waits for, shuts down cleanly.

Each job runs a payout workflow (credit a user, then wait for an ``approved`` event), waits until its instance is
actually waiting for the event (the server drops events sent earlier), sends it, and waits for the instance to
terminate. Up to ``--concurrency`` jobs run at once, on one shared client (one connection pool).

On SIGINT (Ctrl+C) or SIGTERM the worker stops starting jobs, gives the jobs in flight ``--grace`` seconds to
finish, cancels what is left, closes the client and exits with status 0. A second signal cancels at once.

Runs against the in-memory server unless ``FORMANCE_BASE_URL`` (and credentials) name a real stack::

    python examples/async_service.py               # 20 jobs, 5 at a time, then exit
    python examples/async_service.py --jobs 0      # keep going until SIGINT / SIGTERM
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import signal
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import anyio
import anyio.abc
from _stack import orchestration_stack

from formance_orchestration import AsyncOrchestrationClient, errors
from formance_orchestration import stages as s

PAYOUT_STAGES: list[s.Stage] = [
    s.Send(
        source=s.Account("world"),
        destination=s.Account("users:${userID}", ledger="default"),
        amount=s.Amount("${amount}", "EUR/2"),
    ),
    s.WaitEvent("approved"),
]
APPROVAL_STAGE = 1  # the index of the wait_event stage above


class JobError(Exception):
    """A job could not go on (its instance ended early, or never reached its approval stage)."""


@dataclass
class Tally:
    completed: int = 0
    failed: int = 0
    abandoned: list[str] = field(default_factory=list)


class Worker:
    """Runs payout jobs on one client until it runs out of jobs or is told to stop."""

    def __init__(self, client: AsyncOrchestrationClient, *, concurrency: int, grace: float) -> None:
        self.client = client
        self.grace = grace
        self.tally = Tally()
        self.stopping = False
        self.in_flight = 0
        self._slots = anyio.Semaphore(concurrency)
        self._intake = anyio.CancelScope()  # cancelled by the first signal: no new jobs
        self._jobs: anyio.abc.TaskGroup | None = None

    async def run(self, job_numbers: Iterable[int]) -> Tally:
        workflow = await self.client.v2.create_workflow(name="async service: approved payout", stages=PAYOUT_STAGES)
        async with anyio.create_task_group() as service:
            async with anyio.create_task_group() as self._jobs:  # exists before a signal can name it
                await service.start(self._watch_signals)
                print(f"worker ready: workflow {workflow.id}; stop with Ctrl+C or SIGTERM", flush=True)
                with self._intake:
                    for number in job_numbers:
                        await self._slots.acquire()
                        self._jobs.start_soon(self._job, workflow.id, number)
            service.cancel_scope.cancel()  # every job is done: stop watching for signals
        return self.tally

    async def _watch_signals(self, *, task_status: anyio.abc.TaskStatus[None] = anyio.TASK_STATUS_IGNORED) -> None:
        with anyio.open_signal_receiver(signal.SIGINT, signal.SIGTERM) as signals:
            task_status.started()
            async for signum in signals:
                name = signal.Signals(signum).name
                assert self._jobs is not None
                if not self.stopping:
                    self.stopping = True
                    print(f"{name}: no new jobs; {self.in_flight} in flight get {self.grace:g} s to finish", flush=True)
                    self._intake.cancel()
                    self._jobs.cancel_scope.deadline = anyio.current_time() + self.grace
                else:
                    print(f"{name} again: cancelling the jobs in flight", flush=True)
                    self._jobs.cancel_scope.cancel()

    async def _job(self, workflow_id: str, number: int) -> None:
        self.in_flight += 1
        instance_id: str | None = None
        try:
            run = await self.client.v2.run_workflow(
                workflow_id, variables={"userID": f"user-{number}", "amount": str(100 * number)}
            )
            instance_id = run.id
            await self._until_waiting_for_approval(instance_id)
            await self.client.v2.send_event(instance_id, name="approved")
            done = await self.client.v2.wait_for_instance(instance_id, wait_timeout=60, poll_interval=0.1)
            if done.error:
                self.tally.failed += 1
                print(f"job {number}: instance {instance_id} failed: {done.error}", flush=True)
            else:
                self.tally.completed += 1
                print(f"job {number}: instance {instance_id} approved and completed", flush=True)
        except (errors.OrchestrationError, JobError, TimeoutError) as exc:  # one failed job must not stop the rest
            self.tally.failed += 1
            print(f"job {number}: {type(exc).__name__}: {exc}", flush=True)
        except anyio.get_cancelled_exc_class():
            if instance_id is not None:
                self.tally.abandoned.append(instance_id)
                print(f"job {number}: stopped waiting for instance {instance_id} (it still exists on the server)")
            raise
        finally:
            self.in_flight -= 1
            self._slots.release()

    async def _until_waiting_for_approval(self, instance_id: str) -> None:
        """Poll until the instance's current stage is the wait_event stage (``TimeoutError`` after a minute)."""
        with anyio.fail_after(60):
            while True:
                instance = await self.client.v2.get_instance(instance_id)
                if instance.terminated:
                    raise JobError(f"instance {instance_id} ended before its approval stage: {instance.error}")
                current = (instance.status or [])[-1:]
                if current and current[0].stage == APPROVAL_STAGE and current[0].terminated_at is None:
                    return
                await anyio.sleep(0.05)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--jobs", type=int, default=20, help="how many jobs to run; 0: until SIGINT / SIGTERM")
    parser.add_argument("--concurrency", type=int, default=5, help="jobs running at once")
    parser.add_argument("--grace", type=float, default=10.0, help="seconds jobs in flight get after a signal")
    return parser.parse_args(argv)


async def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    job_numbers = itertools.count(1) if args.jobs == 0 else range(1, args.jobs + 1)
    with orchestration_stack() as stack:
        async with stack.async_client() as client:
            worker = Worker(client, concurrency=args.concurrency, grace=args.grace)
            tally = await worker.run(job_numbers)
    summary = f"{tally.completed} completed, {tally.failed} failed, {len(tally.abandoned)} abandoned"
    print(f"shut down cleanly: {summary}" if worker.stopping else f"all jobs done: {summary}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
