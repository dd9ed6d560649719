"""Mermaid charts of workflows and instances: snapshots of the shared examples, the docs page in step with them,
each stage state drawn, labels escaped."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from formance_orchestration import diagrams, load_workflow_config, models
from formance_orchestration import stages as s
from formance_orchestration.testing import FakeOrchestration

from .conftest import ROOT, workflow_files

SNAPSHOTS = Path(__file__).parent / "snapshots"
DOCS = ROOT / "docs" / "workflows.md"


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_each_shared_workflow_draws_its_snapshot(path: Path) -> None:
    expected = (SNAPSHOTS / f"{path.stem}.mmd").read_text(encoding="utf-8")
    assert diagrams.workflow_chart(load_workflow_config(path)) == expected


def test_every_snapshot_is_in_the_docs_page_rendered() -> None:
    page = DOCS.read_text(encoding="utf-8")
    snapshots = sorted(SNAPSHOTS.glob("*.mmd"))
    assert len(snapshots) == 10
    for snapshot in snapshots:
        block = f"### `{snapshot.stem}.yaml`\n\n```mermaid\n{snapshot.read_text(encoding='utf-8')}```\n"
        assert block in page, snapshot.name


def test_a_workflow_chart_shows_stages_in_order_with_kind_and_parties() -> None:
    chart = diagrams.workflow_chart(
        {
            "name": 'Pay "out" <now>',
            "stages": [
                s.Send(
                    source=s.Wallet(name="main", balance="${balance}"),
                    destination=s.PaymentDestination(psp="stripe", type="PAYOUT"),
                    amount=s.Amount("${amount}", "EUR/2"),
                ),
                s.Send(source=s.PaymentSource("pay_1"), destination=s.Account("users:1", ledger="main")),
                s.Delay(until="2030-01-02T03:04:05Z"),
                s.Update(s.UpdateAccount("users:1", {"tier": "gold", "a": "b"})),
                s.Noop(),
            ],
        }
    )
    assert chart.splitlines() == [
        "flowchart TD",
        '    start(["Pay #quot;out#quot; #lt;now#gt;"])',
        '    s0["<b>0 · send</b><br/>from wallet main (balance ${balance})<br/>to stripe PAYOUT<br/>${amount} EUR/2"]',
        '    s1["<b>1 · send</b><br/>from payment pay_1<br/>to account users:1 (ledger main)<br/>the payment\'s amount"]',
        '    s2["<b>2 · delay</b><br/>until 2030-01-02T03:04:05Z"]',
        '    s3["<b>3 · update</b><br/>metadata of account users:1<br/>keys a, tier"]',
        '    s4["<b>4 · noop</b>"]',
        '    finish(["end"])',
        "    start --> s0",
        "    s0 --> s1",
        "    s1 --> s2",
        "    s2 --> s3",
        "    s3 --> s4",
        "    s4 --> finish",
    ]


def node_state(chart: str, number: int) -> tuple[str, str]:
    label = re.search(rf'^    s{number}\["(.*)"\]$', chart, re.MULTILINE)
    klass = re.search(rf"^    class s{number} (\w+)$", chart, re.MULTILINE)
    assert label is not None
    assert klass is not None
    state = re.search(r"<i>(.*)</i>$", label.group(1))
    assert state is not None
    return state.group(1), klass.group(1)


def test_an_instance_chart_shows_each_stage_state() -> None:
    fake = FakeOrchestration(realtime=True)
    with fake.client() as client:
        config = models.V2WorkflowConfig(
            stages=[{"noop": {}}, {"wait_event": {"event": "go"}}, {"delay": {"duration": "1ms"}}, {"noop": {}}]
        )
        workflow = client.v2.create_workflow(config=config)
        instance = client.v2.run_workflow(workflow.id)
        deadline = time.monotonic() + 10
        while not any(row.stage == 1 for row in client.v2.get_instance(instance.id).status or []):
            assert time.monotonic() < deadline
            time.sleep(0.01)
        waiting = diagrams.instance_chart(client.v2.get_instance(instance.id))
        assert [node_state(waiting, n) for n in range(4)] == [
            ("done", "done"),
            ("waiting for its event", "waiting"),
            ("not reached", "not_reached"),
            ("not reached", "not_reached"),
        ]
        fake.fail_stage(workflow.id, stage_type="delay", error="timer <refused> & " + "x" * 100)
        client.v2.send_event(instance.id, name="go")
        done = client.v2.wait_for_instance(instance.id, timeout=10, poll_interval=0.01)
        failed = diagrams.instance_chart(done, history=client.v2.get_instance_history(instance.id))
    assert [node_state(failed, n)[1] for n in range(4)] == ["done", "done", "failed", "not_reached"]
    text, _ = node_state(failed, 2)
    assert text.startswith("failed: timer #lt;refused#gt; #amp; xxx")
    assert text.endswith("…")
    assert len(text) < 100
    # Without the workflow in the instance, the config is needed.
    bare = models.V2WorkflowInstance(
        workflow_id="w", id="i", created_at=done.created_at, updated_at=done.updated_at, terminated=False
    )
    with pytest.raises(ValueError, match="pass config="):
        diagrams.instance_chart(bare)
    running = diagrams.instance_chart(
        models.V2WorkflowInstance(
            workflow_id="w",
            id="i",
            created_at=done.created_at,
            updated_at=done.updated_at,
            terminated=False,
            status=[models.V2StageStatus(stage=0, instance_id="i", started_at=done.created_at)],
        ),
        config,
    )
    assert node_state(running, 0) == ("running", "running")


def test_the_examples_in_the_docstrings_hold() -> None:
    import doctest

    from formance_orchestration import stages as stages_module

    for module in (diagrams, stages_module):
        result = doctest.testmod(module)
        assert result.failed == 0, module.__name__
        assert result.attempted > 0
