"""The fake's ledgers refuse overdrafts like the real ledger, and the send stage retries forever on them.

The real service retries every error type but VALIDATION, CONFLICT, NO_SCRIPT and COMPILATION_FAILED
(``stages/internal/context.go:24-29``), so a send from an account without funds never ends: the instance stays
``terminated: false`` and the stage history shows the pending ``CreateTransaction`` with its ``lastFailure``.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from formance_orchestration.testing import FakeOrchestration

from .conftest import create_workflow, instance, require_shared, run

INSUFFICIENT = "failed to execute program: failed to execute machine: account(s) @user had/have insufficient funds"


def failing_stages() -> list[dict[str, Any]]:
    yaml: Any = pytest.importorskip("yaml")
    config = yaml.safe_load(require_shared("workflows", "failing-workflow.yaml").read_text(encoding="utf-8"))
    stages: list[dict[str, Any]] = config["stages"]
    return stages


def test_the_failing_workflow_retries_forever_as_on_the_server(fake: FakeOrchestration, http: httpx.Client) -> None:
    instance_id = run(http, create_workflow(http, failing_stages()))
    fake.advance(10)
    data = instance(http, instance_id)
    assert data["terminated"] is False
    assert "error" not in data
    assert [(row["stage"], "terminatedAt" in row, "error" in row) for row in data["status"]] == [(0, False, False)]
    history = http.get(f"/v2/instances/{instance_id}/history").json()["data"]
    assert [(entry["name"], entry["terminated"], "error" in entry) for entry in history] == [("RunSend", False, False)]
    assert history[0]["input"]["source"] == {
        "account": {"allowOverdraft": False, "id": "user", "ledger": "default", "throughAccount": "world"}
    }
    (activity,) = http.get(f"/v2/instances/{instance_id}/stages/0/history").json()["data"]
    assert activity["name"] == "CreateTransaction"
    assert activity["input"] == {
        "CreateTransaction": {
            "Data": {"postings": [{"amount": 100, "asset": "EUR/2", "destination": "bank", "source": "user"}]},
            "Ledger": "default",
        }
    }
    assert (activity["terminated"], activity["lastFailure"]) == (False, INSUFFICIENT)
    # Attempts at +0, +1, +3 and +7 s have failed by +10 s; the next is at +15 s.
    assert activity["attempt"] == 5
    assert activity["nextExecution"] > activity["startedAt"]
    assert "output" not in activity
    assert "terminatedAt" not in activity
    assert fake.balance("user", "EUR/2") == 0


def test_a_funded_account_pays_and_the_balances_move(fake: FakeOrchestration, http: httpx.Client) -> None:
    fake.set_balance("user", "EUR/2", 150)
    instance_id = run(http, create_workflow(http, failing_stages()))
    data = instance(http, instance_id)
    assert (data["terminated"], data.get("error")) == (True, None)
    assert (fake.balance("user", "EUR/2"), fake.balance("bank", "EUR/2")) == (50, 100)
    second = run(http, create_workflow(http, failing_stages()))
    assert instance(http, second)["terminated"] is False  # 50 left, 100 asked


def test_world_and_overdraft_programs_are_never_short(fake: FakeOrchestration, http: httpx.Client) -> None:
    stage = {
        "send": {
            "source": {"account": {"id": "users:1", "ledger": "one", "allowOverdraft": True}},
            "destination": {"account": {"id": "shop", "ledger": "two"}},
            "amount": {"amount": "250", "asset": "GBP/2"},
        }
    }
    instance_id = run(http, create_workflow(http, [stage]))
    assert instance(http, instance_id)["terminated"] is True
    first, second = http.get(f"/v2/instances/{instance_id}/stages/0/history").json()["data"]
    assert first["input"]["CreateTransaction"]["Data"]["script"] == {
        "plain": "send [GBP/2 250] (\n  source = @users:1 allowing unbounded overdraft\n  destination = @world\n)"
    }
    assert "postings" not in first["input"]["CreateTransaction"]["Data"]
    assert second["input"]["CreateTransaction"]["Data"]["postings"][0]["source"] == "world"
    assert fake.balance("users:1", "GBP/2", ledger="one") == -250
    assert fake.balance("shop", "GBP/2", ledger="two") == 250


def test_an_explicit_stage_outcome_wins_over_the_balance(fake: FakeOrchestration, http: httpx.Client) -> None:
    workflow_id = create_workflow(http, failing_stages())
    fake.fail_stage(workflow_id, error="VALIDATION: nope")
    instance_id = run(http, workflow_id)
    assert instance(http, instance_id)["error"] == "VALIDATION: nope"


def test_set_balance_checks_its_amount(fake: FakeOrchestration) -> None:
    with pytest.raises(TypeError, match="int"):
        fake.set_balance("a", "USD", 1.5)  # type: ignore[arg-type]
