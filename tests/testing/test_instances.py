"""Instances: runWorkflow, execution against the manual clock, events, abort, history."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from formance_orchestration.testing import FakeOrchestration, ManualClock, StageContext, StageOutcome
from formance_orchestration.testing._gojson import format_time, parse_rfc3339

from .conftest import create_workflow, instance, run

SEND = {
    "send": {
        "source": {"account": {"id": "users:${user}", "ledger": "main"}},
        "destination": {"account": {"id": "bank", "ledger": "main"}},
        "amount": {"amount": "${amount}", "asset": "EUR/2"},
    }
}


def test_run_response_shape_and_variables(fake: FakeOrchestration, http: httpx.Client) -> None:
    fake.set_balance("users:1", "EUR/2", 100, ledger="main")
    workflow_id = create_workflow(http, [SEND])
    response = http.post(f"/v2/workflows/{workflow_id}/instances", json={"user": "1", "amount": "100"})
    assert response.status_code == 201
    data = response.json()["data"]
    assert list(data) == ["workflowID", "id", "createdAt", "updatedAt", "terminated"]
    assert data["terminated"] is False
    assert data["workflowID"] == workflow_id
    done = instance(http, data["id"])
    assert done["terminated"] is True
    assert "error" not in done
    history = http.get(f"/v2/instances/{data['id']}/stages/0/history").json()["data"]
    posting = history[0]["input"]["CreateTransaction"]["Data"]["postings"][0]
    assert posting == {"amount": 100, "asset": "EUR/2", "destination": "bank", "source": "users:1"}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"amount": 100}', "json: cannot unmarshal number into Go value of type string"),
        (b"[]", "json: cannot unmarshal array into Go value of type map[string]string"),
        (b"{", "unexpected EOF"),
        (b"   ", "EOF"),
    ],
)
def test_run_variables_must_be_strings(http: httpx.Client, body: bytes, message: str) -> None:
    workflow_id = create_workflow(http, [])
    response = http.post(f"/v2/workflows/{workflow_id}/instances", content=body)
    assert response.status_code == 400
    assert response.json() == {"errorCode": "VALIDATION", "errorMessage": message}


def test_run_body_is_ignored_without_content_length(fake: FakeOrchestration, http: httpx.Client) -> None:
    workflow_id = create_workflow(http, [{"wait_event": {"event": "x${name}"}}])

    def chunked() -> Iterator[bytes]:
        yield b'{"name": "go"}'

    response = http.post(f"/v2/workflows/{workflow_id}/instances", content=chunked())
    assert response.status_code == 201
    assert fake.requests[-1].headers.get("transfer-encoding") == "chunked"
    instance_id = response.json()["data"]["id"]
    history = http.get(f"/v2/instances/{instance_id}/history").json()["data"]
    assert history[0]["input"] == {"event": "x"}  # no variables: ${name} resolved to ""
    for empty in (b"{}", b"null"):
        assert http.post(f"/v2/workflows/{workflow_id}/instances", content=empty).status_code == 201


def test_run_unknown_workflow_is_500(http: httpx.Client) -> None:
    response = http.post("/v2/workflows/nope/instances")
    assert response.status_code == 500
    assert response.json() == {"errorCode": "INTERNAL", "errorMessage": "sql: no rows in result set"}


def test_wait_true_returns_at_once_faithfully(http: httpx.Client) -> None:
    workflow_id = create_workflow(http, [{"send": {"source": {}, "destination": {}}}])  # fails at run time
    for wait in ("true", "TRUE", "1"):
        response = http.post(f"/v2/workflows/{workflow_id}/instances", params={"wait": wait})
        assert response.status_code == 201
        data = response.json()["data"]
        assert data["terminated"] is False
        assert data["workflow"]["id"] == workflow_id
        assert "status" not in data
        assert "error" not in data
        assert instance(http, data["id"])["terminated"] is True  # it did fail, a moment later
    plain = http.post(f"/v2/workflows/{workflow_id}/instances", params={"wait": "yes"}).json()["data"]
    assert "workflow" not in plain


def test_wait_true_blocks_with_documented_semantics(documented: FakeOrchestration, dhttp: httpx.Client) -> None:
    workflow_id = create_workflow(dhttp, [{"delay": {"duration": "1m"}}, {"delay": {"duration": "30s"}}])
    before = documented.clock.now_ns()
    response = dhttp.post(f"/v2/workflows/{workflow_id}/instances", params={"wait": "true"})
    data = response.json()["data"]
    assert data["terminated"] is True
    assert [row["stage"] for row in data["status"]] == [0, 1]
    assert documented.clock.now_ns() - before == 90 * 10**9  # the manual clock was moved through the delays

    blocked = create_workflow(dhttp, [{"wait_event": {"event": "go"}}])
    waiting = dhttp.post(f"/v2/workflows/{blocked}/instances", params={"wait": "true"}).json()["data"]
    assert waiting["terminated"] is False  # waits for an event: answered instead of hanging


def test_wait_true_with_the_wall_clock() -> None:
    fake = FakeOrchestration(realtime=True, wait_blocks=True)
    with httpx.Client(transport=fake.transport, base_url="http://fake") as http:
        workflow_id = create_workflow(http, [{"delay": {"duration": "200ms"}}])
        data = http.post(f"/v2/workflows/{workflow_id}/instances", params={"wait": "1"}).json()["data"]
        assert data["terminated"] is True
        assert data["status"][0]["terminatedAt"] > data["status"][0]["startedAt"]


def test_delay_runs_on_the_manual_clock(fake: FakeOrchestration, http: httpx.Client) -> None:
    workflow_id = create_workflow(http, [{"delay": {"duration": "${wait}"}}, {"noop": {}}])
    instance_id = run(http, workflow_id, {"wait": "1m"})
    data = instance(http, instance_id)
    assert data["terminated"] is False
    assert len(data["status"]) == 1
    assert "terminatedAt" not in data["status"][0]
    assert set(data["status"][0]) == {"stage", "instanceID", "temporalRunID", "startedAt"}
    fake.advance(59)
    assert instance(http, instance_id)["terminated"] is False
    fake.advance(1)
    data = instance(http, instance_id)
    assert data["terminated"] is True
    assert [row["stage"] for row in data["status"]] == [0, 1]
    assert data["status"][0]["terminatedAt"] == data["terminatedAt"]
    assert http.get("/v2/instances", params={"running": "true"}).json()["cursor"]["data"] == []


def test_delay_until(fake: FakeOrchestration, http: httpx.Client) -> None:
    clock = fake.clock
    assert isinstance(clock, ManualClock)
    later = clock.now().replace(microsecond=0).timestamp() + 3600
    until = format_time(int(later) * 10**9)
    workflow_id = create_workflow(http, [{"delay": {"until": until}}])
    instance_id = run(http, workflow_id)
    fake.advance(3599)
    assert instance(http, instance_id)["terminated"] is False
    fake.advance(2)
    assert instance(http, instance_id)["terminated"] is True
    past = create_workflow(http, [{"delay": {"until": "2000-01-01T00:00:00Z"}}])
    failed = instance(http, run(http, past))
    assert failed["terminated"] is True
    assert failed["error"].startswith("negative duration provided -")


@pytest.mark.parametrize(
    ("stage", "error"),
    [
        (
            {"delay": {}},
            "Key: 'Delay.duration' Error:Field validation for 'duration' failed on the 'duration or until' tag\n"
            "Key: 'Delay.until' Error:Field validation for 'until' failed on the 'duration or until' tag",
        ),
        ({"wait_event": {}}, "Key: 'WaitEvent.Event' Error:Field validation for 'Event' failed on the 'required' tag"),
        ({"update": {}}, "Key: 'Update.account' Error:Field validation for 'account' failed on the 'account' tag"),
        (
            {"send": {"source": {"payment": {"id": "p"}}, "destination": {"payment": {"psp": "stripe"}}}},
            "send from payment to payment is not supported",
        ),
        (
            {"send": {"source": {"account": {"id": "a"}}, "destination": {"account": {"id": "b"}}}},
            "amount must be specified",
        ),
        (
            {
                "send": {
                    "source": {"account": {"id": "${missing}"}},
                    "destination": {"wallet": {"id": "w"}},
                    "amount": {"amount": "1", "asset": "EUR/2"},
                }
            },
            "Key: 'Send.Source.Account.ID' Error:Field validation for 'ID' failed on the 'required' tag",
        ),
        (
            {"send": {"source": {}, "destination": {"account": {"id": "b"}}}},
            "Key: 'Send.Source.wallet' Error:Field validation for 'wallet' failed on the 'wallet or account or payment' tag",
        ),
    ],
)
def test_run_time_stage_errors(http: httpx.Client, stage: dict[str, Any], error: str) -> None:
    instance_id = run(http, create_workflow(http, [stage, {"noop": {}}]))
    data = instance(http, instance_id)
    assert data["terminated"] is True
    assert data["error"].startswith(error)
    assert len(data["status"]) == 1  # later stages get no row
    assert data["status"][0]["error"] == data["error"]


def test_resolution_failures_have_no_history_entry(http: httpx.Client) -> None:
    instance_id = run(http, create_workflow(http, [{"noop": {}}, {"wait_event": {}}]))
    history = http.get(f"/v2/instances/{instance_id}/history").json()["data"]
    assert [entry["name"] for entry in history] == ["RunNoop"]
    assert len(instance(http, instance_id)["status"]) == 2
    missing = http.get(f"/v2/instances/{instance_id}/stages/1/history")
    assert missing.status_code == 404
    assert missing.json() == {"errorCode": "NOT_FOUND", "errorMessage": "Instance not found"}


def test_empty_and_null_stages_terminate_at_once(http: httpx.Client) -> None:
    stages: list[dict[str, Any]] | None
    for stages in ([], None):
        data = instance(http, run(http, create_workflow(http, stages)))
        assert data["terminated"] is True
        assert "status" not in data
        assert "error" not in data


def test_send_event_rules(fake: FakeOrchestration, http: httpx.Client) -> None:
    workflow_id = create_workflow(http, [{"delay": {"duration": "10s"}}, {"wait_event": {"event": "go"}}])
    instance_id = run(http, workflow_id)

    unknown = http.post("/v2/instances/nope/events", json={"name": "go"})
    assert unknown.status_code == 500
    assert unknown.json() == {
        "errorCode": "INTERNAL",
        "errorMessage": "retrieving workflow: sql: no rows in result set",
    }

    # Current stage is a delay: the signal is ignored and not kept for the wait_event.
    assert http.post(f"/v2/instances/{instance_id}/events", json={"name": "go"}).status_code == 204
    fake.advance(10)
    assert instance(http, instance_id)["terminated"] is False
    # A non-matching name is consumed and dropped; an empty body object is accepted too.
    assert http.post(f"/v2/instances/{instance_id}/events", json={"name": "other"}).status_code == 204
    assert http.post(f"/v2/instances/{instance_id}/events", json={}).status_code == 204
    assert instance(http, instance_id)["terminated"] is False
    assert http.post(f"/v2/instances/{instance_id}/events", json={"NAME": "go"}).status_code == 204
    assert instance(http, instance_id)["terminated"] is True
    done = http.post(f"/v2/instances/{instance_id}/events", json={"name": "go"})
    assert done.status_code == 500
    assert done.json()["errorMessage"] == "sending signal to server: workflow execution already completed"

    bad = http.post(f"/v2/instances/{instance_id}/events", content=b'{"name": 1}')
    assert bad.status_code == 400
    assert bad.json()["errorCode"] == "VALIDATION"
    assert http.post(f"/v2/instances/{instance_id}/events", content=b"").status_code == 400


def test_send_event_before_any_stage(http: httpx.Client) -> None:
    instance_id = run(http, create_workflow(http, []))
    response = http.post(f"/v2/instances/{instance_id}/events", json={"name": "x"})
    assert response.status_code == 500
    assert response.json()["errorMessage"] == "retrieving workflow: sql: no rows in result set"


def test_abort_is_a_no_op_faithfully(http: httpx.Client) -> None:
    instance_id = run(http, create_workflow(http, [{"wait_event": {"event": "go"}}]))
    response = http.put(f"/v2/instances/{instance_id}/abort")
    assert response.status_code == 204
    assert instance(http, instance_id)["terminated"] is False
    unknown = http.put("/v2/instances/nope/abort")
    assert unknown.status_code == 500
    assert unknown.json()["errorMessage"] == "retrieving workflow execution: sql: no rows in result set"


def test_abort_cancels_with_documented_semantics(documented: FakeOrchestration, dhttp: httpx.Client) -> None:
    instance_id = run(dhttp, create_workflow(dhttp, [{"wait_event": {"event": "go"}}, {"noop": {}}]))
    assert dhttp.put(f"/v2/instances/{instance_id}/abort").status_code == 204
    data = instance(dhttp, instance_id)
    assert data["terminated"] is True
    assert data["error"] == "canceled"
    assert data["status"][0]["error"] == "canceled"
    history = dhttp.get(f"/v2/instances/{instance_id}/history").json()["data"]
    assert history[0]["error"] == "canceled"
    assert dhttp.put(f"/v2/instances/{instance_id}/abort").status_code == 204  # already ended: still 204


def test_fail_stage_hook(fake: FakeOrchestration, http: httpx.Client) -> None:
    workflow_id = create_workflow(http, [{"noop": {}}, SEND])
    other = create_workflow(http, [SEND])
    fake.fail_stage(workflow_id, stage_type="send", error="insufficient funds")
    instance_id = run(http, workflow_id, {"user": "1", "amount": "100"})
    data = instance(http, instance_id)
    assert data["error"] == "insufficient funds"
    assert data["status"][1]["error"] == "insufficient funds"
    stage = http.get(f"/v2/instances/{instance_id}/stages/1/history").json()["data"]
    assert stage[0]["name"] == "CreateTransaction"
    assert stage[0]["error"] == "insufficient funds"
    assert stage[0]["terminated"] is True
    assert "output" not in stage[0]
    assert "error" not in instance(http, run(http, other, {"user": "1", "amount": "1"}))


def test_update_stage_and_callable_hook(fake: FakeOrchestration, http: httpx.Client) -> None:
    seen: list[StageContext] = []

    def hook(context: StageContext) -> StageOutcome | None:
        seen.append(context)
        return StageOutcome.fail("account locked") if context.variables.get("locked") == "yes" else None

    fake.set_stage_outcome(hook, stage_type="update")
    stage = {"update": {"account": {"id": "${account}", "metadata": {"k": "${value}"}}}}
    workflow_id = create_workflow(http, [stage])
    ok = run(http, workflow_id, {"account": "a1", "value": "v"})
    assert "error" not in instance(http, ok)
    history = http.get(f"/v2/instances/{ok}/stages/0/history").json()["data"]
    assert history == [
        {
            "name": "AddAccountMetadata",
            "input": {"AddAccountMetadata": {"account": "a1", "ledger": "main", "metadata": {"k": "v"}}},
            "terminated": True,
            "startedAt": history[0]["startedAt"],
            "terminatedAt": history[0]["terminatedAt"],
            "attempt": 1,
        }
    ]
    locked = run(http, workflow_id, {"account": "a1", "value": "v", "locked": "yes"})
    assert instance(http, locked)["error"] == "account locked"
    assert seen[0].config == {"account": {"id": "a1", "ledger": "main", "metadata": {"k": "v"}}}


def test_retrying_activity(fake: FakeOrchestration, http: httpx.Client) -> None:
    workflow_id = create_workflow(http, [SEND])
    fake.fail_stage(error="ledger unavailable", retry=True, times=1)
    instance_id = run(http, workflow_id, {"user": "1", "amount": "5"})
    fake.advance(10)  # attempts at +0, +1, +3, +7 s; the next is at +15 s
    pending = http.get(f"/v2/instances/{instance_id}/stages/0/history").json()["data"][0]
    assert pending["terminated"] is False
    assert pending["lastFailure"] == "ledger unavailable"
    assert pending["attempt"] == 5
    assert "nextExecution" in pending
    assert instance(http, instance_id)["terminated"] is False

    fake.fail_stage(error="flaky", retry=True, attempts=2)
    recovered = run(http, workflow_id, {"user": "1", "amount": "5"})
    fake.advance(2)  # attempts at +0 and +1 fail, +3 succeeds
    assert instance(http, recovered)["terminated"] is False
    fake.advance(1)
    data = instance(http, recovered)
    assert data["terminated"] is True
    assert "error" not in data


def test_history_has_one_entry_per_started_stage(fake: FakeOrchestration, http: httpx.Client) -> None:
    # ReadInstanceHistory's inner loop ends at the child's first terminal event (the `break` at manager.go:256
    # sits after the switch), so each started stage gets its own entry, in order.
    stages: list[dict[str, Any]] = [{"delay": {"duration": "1m"}}, {"wait_event": {"event": "go"}}, SEND]
    fake.set_balance("users:9", "EUR/2", 250, ledger="main")
    instance_id = run(http, create_workflow(http, stages), {"user": "9", "amount": "250"})
    history = http.get(f"/v2/instances/{instance_id}/history").json()["data"]
    assert [(entry["name"], entry["terminated"]) for entry in history] == [("RunDelay", False)]
    fake.advance(60)
    history = http.get(f"/v2/instances/{instance_id}/history").json()["data"]
    assert [(entry["name"], entry["terminated"]) for entry in history] == [("RunDelay", True), ("RunWaitEvent", False)]
    http.post(f"/v2/instances/{instance_id}/events", json={"name": "go"})
    history = http.get(f"/v2/instances/{instance_id}/history").json()["data"]
    assert [entry["name"] for entry in history] == ["RunDelay", "RunWaitEvent", "RunSend"]
    first = history[0]
    assert first["input"] == {"duration": "1m0s"}
    assert list(first) == ["name", "input", "terminated", "startedAt", "terminatedAt"]
    assert parse_rfc3339(first["terminatedAt"]) == parse_rfc3339(history[1]["startedAt"])
    assert history[1]["input"] == {"event": "go"}
    send_input = history[2]["input"]
    assert list(send_input) == ["amount", "destination", "source", "timestamp"]
    assert send_input["amount"] == {"amount": 250, "asset": "EUR/2"}
    assert send_input["source"] == {
        "account": {"allowOverdraft": False, "id": "users:9", "ledger": "main", "throughAccount": "world"}
    }
    assert send_input["timestamp"] is None
    ended = parse_rfc3339(history[2]["terminatedAt"])
    assert ended is not None
    assert format_time(ended, micro=True) == instance(http, instance_id)["terminatedAt"]


def test_stage_history_has_one_entry_per_activity(http: httpx.Client) -> None:
    # ReadStageHistory's loop has the same shape (the `break` at manager.go:367): one entry per scheduled activity,
    # each input and output under its own activity name.
    stage = {
        "send": {
            "source": {"account": {"id": "world", "ledger": "one"}},
            "destination": {"account": {"id": "b", "ledger": "two"}},
            "amount": {"amount": "7", "asset": "USD/2"},
        }
    }
    instance_id = run(http, create_workflow(http, [stage]))
    entries = http.get(f"/v2/instances/{instance_id}/stages/0/history").json()["data"]
    assert [entry["input"]["CreateTransaction"]["Ledger"] for entry in entries] == ["one", "two"]
    assert [(entry["terminated"], entry["attempt"]) for entry in entries] == [(True, 1), (True, 1)]
    for entry in entries:
        assert list(entry) == ["name", "input", "output", "terminated", "startedAt", "terminatedAt", "attempt"]
        tx = entry["output"]["CreateTransaction"]["data"]
        assert isinstance(tx, list)
        assert tx[0]["txid"] == tx[0]["id"]
    assert entries[0]["output"]["CreateTransaction"]["data"][0]["metadata"] == {"orchestration/move-to-ledger": "two"}
    assert entries[1]["output"]["CreateTransaction"]["data"][0]["metadata"] == {"orchestration/move-from-ledger": "one"}


def test_activity_failure_reads_activity_error_in_the_history(fake: FakeOrchestration, http: httpx.Client) -> None:
    # The child fails with Temporal's ActivityError ("activity error"); the stage row and the instance keep the
    # activity's own message (config.go:46-50), as does the activity's stage-history entry.
    workflow_id = create_workflow(http, [{"noop": {}}, SEND])
    fake.fail_stage(workflow_id, stage_type="send", error="ledger says no")
    instance_id = run(http, workflow_id, {"user": "1", "amount": "5"})
    data = instance(http, instance_id)
    assert data["error"] == "ledger says no"
    assert [row.get("error") for row in data["status"]] == [None, "ledger says no"]
    history = http.get(f"/v2/instances/{instance_id}/history").json()["data"]
    assert [(entry["name"], entry.get("error")) for entry in history] == [
        ("RunNoop", None),
        ("RunSend", "activity error"),
    ]
    (activity,) = http.get(f"/v2/instances/{instance_id}/stages/1/history").json()["data"]
    assert (activity["error"], activity["terminated"], "output" in activity) == ("ledger says no", True, False)


@pytest.mark.parametrize("number", ["x", "1.5", "0x1", "99999999999999999999"])
def test_stage_number_must_be_an_int(http: httpx.Client, number: str) -> None:
    instance_id = run(http, create_workflow(http, [{"noop": {}}]))
    response = http.get(f"/v2/instances/{instance_id}/stages/{number}/history")
    assert response.status_code == 404
    assert response.content == b""
    assert http.get(f"/v2/instances/{instance_id}/stages/+0/history").json() == {"data": []}


def test_history_errors(http: httpx.Client) -> None:
    unknown = http.get("/v2/instances/nope/history")
    assert unknown.status_code == 500
    assert unknown.json()["errorCode"] == "INTERNAL"
    assert http.get("/v2/instances/nope/stages/0/history").status_code == 404
    assert http.get("/v2/instances/nope").json() == {"errorCode": "INTERNAL", "errorMessage": "Instance not found"}
    waiting = run(http, create_workflow(http, [{"wait_event": {"event": "x"}}]))
    assert http.get(f"/v2/instances/{waiting}/stages/-1/history").status_code == 404


def test_list_instances_filters_and_cursor(fake: FakeOrchestration, http: httpx.Client) -> None:
    waiting = create_workflow(http, [{"wait_event": {"event": "go"}}])
    quick = create_workflow(http, [])
    running = [run(http, waiting) for _ in range(6)]
    finished = [run(http, quick) for _ in range(4)]
    listed = http.get("/v2/instances").json()["cursor"]["data"]
    assert [item["id"] for item in listed] == running + finished
    assert all("workflow" in item and "status" not in item for item in listed)
    assert len(http.get("/v2/instances", params={"running": "TRUE"}).json()["cursor"]["data"]) == 6
    assert len(http.get("/v2/instances", params={"running": "false"}).json()["cursor"]["data"]) == 10
    assert http.get("/v2/instances", params={"workflowID": "nope"}).json()["cursor"]["data"] == []

    page = http.get("/v2/instances", params={"workflowID": waiting, "pageSize": "2"}).json()["cursor"]
    from formance_orchestration.testing._gojson import cursor_decode

    assert cursor_decode(page["next"])["filters"] == {"WorkflowID": waiting, "Running": False}
    seen = [item["id"] for item in page["data"]]
    while page["hasMore"]:
        page = http.get("/v2/instances", params={"cursor": page["next"], "workflowID": quick}).json()["cursor"]
        seen += [item["id"] for item in page["data"]]
    assert seen == running


WALLET_ID = "0b0f6c2e-5f0e-4d4a-9b1e-000000000f00"


def test_same_ledger_wallet_to_account_debits_with_null_metadata(http: httpx.Client) -> None:
    # RunSend hands this one path the send's metadata unnormalised (send/run.go:102): null, not {}.
    stage = {
        "send": {
            "source": {"wallet": {"id": WALLET_ID}},
            "destination": {"account": {"id": "x", "ledger": "wallets-002"}},
            "amount": {"amount": "1", "asset": "USD"},
        }
    }
    instance_id = run(http, create_workflow(http, [stage]))
    get_wallet, debit = http.get(f"/v2/instances/{instance_id}/stages/0/history").json()["data"]
    assert get_wallet["name"] == "GetWallet"
    assert debit["input"]["DebitWallet"]["data"]["metadata"] is None


def test_a_pointer_field_resolved_to_empty_stays_in_the_input(http: httpx.Client) -> None:
    # The pointer is allocated before its template is resolved (schema/map.go:59-96): "" is kept, not omitted.
    destination = {"payment": {"psp": "stripe", "sourceAccount": "${missing}", "metadata": "k"}}
    stage = {
        "send": {
            "source": {"account": {"id": "world"}},
            "destination": destination,
            "amount": {"amount": "1", "asset": "USD"},
        }
    }
    instance_id = run(http, create_workflow(http, [stage]))
    (entry,) = http.get(f"/v2/instances/{instance_id}/history").json()["data"]
    assert entry["input"]["destination"]["payment"]["sourceAccount"] == ""
    assert "connectorId" not in entry["input"]["destination"]["payment"]  # absent, so still omitted
