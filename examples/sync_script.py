"""A blocking maintenance script, no async in sight: list every workflow page by page, cancel stuck instances.

An instance is *stuck* when it is still running ``--older-than`` seconds (default: one hour) after it started.
The script asks the server to cancel each one, then reads it back: today's server answers the cancel request
(``abort``) with 204 but does not stop the run, so the script reports what the server really did.

Against the in-memory server (no ``FORMANCE_BASE_URL``) it first seeds demo data dated two hours ago: 27
workflows (three pages at the default ``--page-size`` of 10), three instances waiting for an event that never
comes and two that finish. Against a real stack it only reads, and cancels what it finds stuck::

    python examples/sync_script.py [--older-than SECONDS] [--page-size N] [--dry-run]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from _stack import local_server, orchestration_stack

from formance_orchestration import OrchestrationClient, errors, models
from formance_orchestration import stages as s
from formance_orchestration.testing import ManualClock


def list_every_workflow(client: OrchestrationClient, *, page_size: int) -> list[models.V2Workflow]:
    """Every workflow, one page at a time. (``for wf in client.v2.list_workflows():`` walks them all too.)"""
    workflows: list[models.V2Workflow] = []
    for number, page in enumerate(client.v2.list_workflows(page_size=page_size).iter_pages(), start=1):
        print(f"page {number}: {len(page.data)} workflow(s)")
        for workflow in page.data:
            stage_count = len(workflow.config.stages or [])
            print(f"  {workflow.id}  {workflow.config.name or '(no name)'}  [{stage_count} stage(s)]")
        workflows.extend(page.data)
    return workflows


def find_stuck(
    client: OrchestrationClient, *, older_than: timedelta, page_size: int
) -> list[models.V2WorkflowInstance]:
    """Running instances started more than ``older_than`` ago (iterating a page walks every page)."""
    cutoff = datetime.now(UTC) - older_than
    running = client.v2.list_instances(running=True, page_size=page_size)
    return [instance for instance in running if not instance.terminated and instance.created_at < cutoff]


def cancel(client: OrchestrationClient, instance: models.V2WorkflowInstance) -> bool:
    """Ask the server to cancel one instance and report what it did; ``False`` if the request failed."""
    try:
        client.v2.cancel_event(instance.id)
    except errors.OrchestrationError as exc:
        print(f"  {instance.id}: cancel failed: {exc}")
        return False
    after = client.v2.get_instance(instance.id)
    if after.terminated:
        print(f"  {instance.id}: cancelled ({after.error or 'no error'})")
    else:
        print(f"  {instance.id}: cancel accepted, but the server still reports it running")
    return True


def seed_demo_data(client: OrchestrationClient) -> None:
    """Workflows and instances for the in-memory server, so there is something to page through and cancel."""
    for number in range(1, 26):
        client.v2.create_workflow(name=f"demo: report {number:02d}", stages=[s.Delay(duration="1m")])
    approval = client.v2.create_workflow(name="demo: payout awaiting approval", stages=[s.WaitEvent("approved")])
    nightly = client.v2.create_workflow(name="demo: nightly sweep", stages=[s.Delay(duration="1m")])
    for _ in range(3):
        client.v2.run_workflow(approval.id)  # nobody ever sends "approved": these get stuck
    for _ in range(2):
        client.v2.run_workflow(nightly.id)  # these finish a minute later


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--older-than", type=float, default=3600.0, metavar="SECONDS", help="default: 3600")
    parser.add_argument("--page-size", type=int, default=10, help="items per page (the server caps it at 100)")
    parser.add_argument("--dry-run", action="store_true", help="list what would be cancelled, cancel nothing")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    # The in-memory server (used only without FORMANCE_BASE_URL) starts two hours ago, on a clock we move.
    clock = ManualClock(start=datetime.now(UTC) - timedelta(hours=2))
    with orchestration_stack(local_server(clock=clock, token_ttl=86_400)) as stack, stack.client() as client:
        if stack.fake is not None:
            seed_demo_data(client)
            clock.set_ns(time.time_ns())  # two hours pass
            stack.fake.run_due()

        workflows = list_every_workflow(client, page_size=args.page_size)
        print(f"{len(workflows)} workflow(s) in all")

        older_than = timedelta(seconds=args.older_than)
        stuck = find_stuck(client, older_than=older_than, page_size=args.page_size)
        print(f"{len(stuck)} instance(s) running for more than {older_than}")
        failures = 0
        for instance in stuck:
            age = datetime.now(UTC) - instance.created_at
            print(f"- {instance.id} (workflow {instance.workflow_id}) running for {str(age).split('.')[0]}")
            if not args.dry_run and not cancel(client, instance):
                failures += 1
        if args.dry_run:
            print("dry run: nothing cancelled")
        else:
            print(f"sent {len(stuck) - failures} cancel request(s), {failures} failed")
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
