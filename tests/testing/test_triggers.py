"""Triggers: create/read/list/delete/test, emit_event, occurrences."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from formance_orchestration.testing import FakeOrchestration
from formance_orchestration.testing._gojson import cursor_decode

from .conftest import create_workflow, instance


def make_trigger(http: httpx.Client, **fields: Any) -> dict[str, Any]:
    response = http.post("/v2/triggers", json=fields)
    assert response.status_code == 201, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


def test_create_trigger_shape(http: httpx.Client) -> None:
    workflow_id = create_workflow(http, [])
    minimal = make_trigger(http, event="SAVED_PAYMENT", workflowID=workflow_id)
    assert list(minimal) == ["name", "event", "workflowID", "workflow", "id", "createdAt"]
    assert minimal["name"] == ""
    assert minimal["workflow"] is None
    full = make_trigger(
        http,
        name="t",
        event="COMMITTED_TRANSACTIONS",
        version="v2",
        filter="event.amount > 10",
        workflowID=workflow_id,
        vars={"b": "event.b", "a": "event.a"},
    )
    assert list(full) == ["name", "event", "version", "filter", "workflowID", "workflow", "vars", "id", "createdAt"]
    assert list(full["vars"]) == ["a", "b"]
    read = http.get(f"/v2/triggers/{full['id']}").json()["data"]
    assert read == full  # createdAt is already microsecond-rounded at creation
    echoed = make_trigger(http, event="E", workflowID=workflow_id, workflow={"id": "x", "config": {"stages": []}})
    assert echoed["workflow"]["id"] == "x"
    assert http.get(f"/v2/triggers/{echoed['id']}").json()["data"]["workflow"] is None


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"workflowID": "w"}, 400, "validating data: missing event"),
        ({"event": "E"}, 400, "validating data: missing workflow id"),
        (
            {"event": "E", "workflowID": "w", "filter": "event.a >"},
            400,
            "validating data: error compiling expression 'event.a >': unexpected token EOF (1:10)\n | event.a >\n | .........^",
        ),
        (
            {"event": "E", "workflowID": "w", "vars": {"x": '1 + "a"'}},
            400,
            "validating data: error compiling expression '1 + \"a\"': invalid operation: + (mismatched types int and string)",
        ),
        (
            {"event": "E", "workflowID": "w", "filter": 'link(event, "x") != nil'},
            400,
            "validating data: error compiling expression 'link(event, \"x\") != nil': function link() is not supported",
        ),
        ({"event": "E", "workflowID": "nope"}, 404, "workflow does not exists"),
        (
            {"event": "E", "workflowID": "w", "vars": {"x": 1}},
            500,
            "json: cannot unmarshal number into Go struct field TriggerData.vars of type string",
        ),
        (
            {"event": 1, "workflowID": "w"},
            500,
            "json: cannot unmarshal number into Go struct field TriggerData.event of type string",
        ),
    ],
)
def test_create_trigger_errors(http: httpx.Client, body: dict[str, Any], status: int, message: str) -> None:
    workflow_id = create_workflow(http, [])
    if body.get("workflowID") == "w":
        body["workflowID"] = workflow_id
    response = http.post("/v2/triggers", json=body)
    assert response.status_code == status
    payload = response.json()
    assert payload["errorCode"] == {400: "VALIDATION", 404: "NOT_FOUND", 500: "INTERNAL"}[status]
    assert payload["errorMessage"].startswith(message)


def test_create_trigger_malformed_body_is_500(http: httpx.Client) -> None:
    response = http.post("/v2/triggers", content=b"{")
    assert response.status_code == 500
    assert response.json() == {"errorCode": "INTERNAL", "errorMessage": "unexpected EOF"}


def test_read_delete_and_list(fake: FakeOrchestration, http: httpx.Client) -> None:
    workflow_id = create_workflow(http, [])
    triggers = [make_trigger(http, event="E", workflowID=workflow_id, name=f"t{i}") for i in range(5)]
    gone = triggers[1]["id"]
    assert http.delete(f"/v2/triggers/{gone}").status_code == 204
    for method in ("GET", "DELETE"):
        response = http.request(method, f"/v2/triggers/{gone}")
        assert response.status_code == 404
        assert response.json() == {"errorCode": "NOT_FOUND", "errorMessage": "sql: no rows in result set"}
    test = http.post(f"/v2/triggers/{gone}/test", json={})
    assert test.status_code == 500
    assert test.json() == {"errorCode": "INTERNAL", "errorMessage": "sql: no rows in result set"}

    page = http.get("/v2/triggers", params={"pageSize": "2"}).json()["cursor"]
    assert [t["name"] for t in page["data"]] == ["t0", "t2"]
    assert cursor_decode(page["next"]) == {"offset": 2, "order": 0, "pageSize": 2, "filters": {"Name": ""}}
    page2 = http.get("/v2/triggers", params={"cursor": page["next"]}).json()["cursor"]
    assert [t["name"] for t in page2["data"]] == ["t3", "t4"]


def test_name_filter_is_500_faithfully(http: httpx.Client) -> None:
    response = http.get("/v2/triggers", params={"name": "t"})
    assert response.status_code == 500
    assert response.json()["errorCode"] == "INTERNAL"
    assert "syntax error" in response.json()["errorMessage"]


def test_name_filter_with_documented_semantics(dhttp: httpx.Client) -> None:
    workflow_id = create_workflow(dhttp, [])
    for name in ("Payout EUR", "payout USD", "refund"):
        make_trigger(dhttp, event="E", workflowID=workflow_id, name=name)
    page = dhttp.get("/v2/triggers", params={"name": "PAYOUT", "pageSize": "1"}).json()["cursor"]
    assert [t["name"] for t in page["data"]] == ["Payout EUR"]
    following = dhttp.get("/v2/triggers", params={"cursor": page["next"]}).json()["cursor"]
    assert [t["name"] for t in following["data"]] == ["payout USD"]


def test_test_trigger(http: httpx.Client) -> None:
    workflow_id = create_workflow(http, [])
    plain = make_trigger(http, event="E", workflowID=workflow_id)
    assert http.post(f"/v2/triggers/{plain['id']}/test", json={"a": 1}).json() == {
        "data": {"filter": None, "variables": None}
    }
    trigger = make_trigger(
        http,
        event="E",
        workflowID=workflow_id,
        filter="event.amount > 1000",
        vars={
            "amount": "event.amount",
            "missing": "event.nope",
            "bad": "a + b",
            "flag": "event.amount > 1",
            "empty": '""',
        },
    )
    result = http.post(f"/v2/triggers/{trigger['id']}/test", json={"amount": 1200000}).json()["data"]
    assert result["filter"] == {"match": True}
    assert result["variables"]["amount"] == {"value": "1200000"}
    assert result["variables"]["missing"] == {"value": "<nil>"}
    assert result["variables"]["flag"] == {"value": "true"}
    assert result["variables"]["empty"] == {}
    assert result["variables"]["bad"]["error"].startswith("invalid operation: <nil> + <nil> (1:3)")
    assert list(result["variables"]) == sorted(result["variables"])
    no_match = http.post(f"/v2/triggers/{trigger['id']}/test", json={"amount": 1}).json()["data"]
    assert no_match == {"filter": {"match": False}, "variables": None}
    broken = http.post(f"/v2/triggers/{trigger['id']}/test", json={"amount": "x"}).json()["data"]
    assert broken["filter"]["match"] is False
    assert broken["filter"]["error"].startswith("invalid operation: string > int")
    assert broken["variables"] is None
    non_bool = make_trigger(http, event="E", workflowID=workflow_id, filter="event.amount")
    assert http.post(f"/v2/triggers/{non_bool['id']}/test", json={"amount": 1}).json()["data"]["filter"] == {
        "match": False
    }
    empty_filter = make_trigger(http, event="E", workflowID=workflow_id, filter="")
    assert "error" in http.post(f"/v2/triggers/{empty_filter['id']}/test", json={}).json()["data"]["filter"]


@pytest.mark.parametrize("body", [b"", b"[]", b"{"])
def test_test_trigger_bad_bodies_are_500(http: httpx.Client, body: bytes) -> None:
    trigger = make_trigger(http, event="E", workflowID=create_workflow(http, []))
    response = http.post(f"/v2/triggers/{trigger['id']}/test", content=body)
    assert response.status_code == 500
    assert response.json()["errorCode"] == "INTERNAL"
    assert http.post("/v2/triggers/nope/test", json={}).status_code == 500


def test_emit_event_fires_matching_triggers(fake: FakeOrchestration, http: httpx.Client) -> None:
    workflow_id = create_workflow(http, [{"wait_event": {"event": "${reason}"}}])
    big = make_trigger(
        http,
        event="COMMITTED_TRANSACTIONS",
        workflowID=workflow_id,
        filter="event.amount > 1000 && event.metadata.psp == 'stripe'",
        vars={"reason": 'event.metadata.psp + "-" + event.id'},
    )
    v1 = make_trigger(http, event="COMMITTED_TRANSACTIONS", workflowID=workflow_id, version="v1")
    other = make_trigger(http, event="SAVED_PAYMENT", workflowID=workflow_id)
    failing_vars = make_trigger(http, event="COMMITTED_TRANSACTIONS", workflowID=workflow_id, vars={"x": "event.a.b"})

    payload = {"id": "tx1", "amount": 5000, "metadata": {"psp": "stripe"}}
    firings = fake.emit_event("COMMITTED_TRANSACTIONS", payload)
    assert [f.trigger_id for f in firings] == [big["id"], failing_vars["id"]]
    fired = firings[0]
    assert fired.error is None
    assert fired.instance_id is not None
    assert fired.instance_id.endswith("_2")
    assert firings[1].instance_id is None
    assert firings[1].error is not None
    assert firings[1].error.startswith("cannot fetch b from <nil>")

    started = instance(http, fired.instance_id)
    assert started["terminated"] is False
    history = http.get(f"/v2/instances/{fired.instance_id}/history").json()["data"]
    assert history[0]["input"] == {"event": "stripe-tx1"}
    assert fake.emit_event("COMMITTED_TRANSACTIONS", {**payload, "amount": 10}) == [
        firings[1].__class__(failing_vars["id"], fake.state.occurrences[-1].id, None, firings[1].error)
    ]
    assert fake.emit_event("COMMITTED_TRANSACTIONS", payload, version="v1")[0].trigger_id == big["id"]
    assert v1["id"] in [f.trigger_id for f in fake.emit_event("COMMITTED_TRANSACTIONS", payload, version="v1")]
    assert other["id"] not in [f.trigger_id for f in firings]

    occurrences = http.get(f"/v2/triggers/{big['id']}/occurrences").json()["cursor"]["data"]
    assert len(occurrences) == 3
    occurrence = occurrences[0]
    assert list(occurrence) == ["id", "triggerID", "workflowInstanceID", "workflowInstance", "date", "event"]
    assert occurrence["workflowInstance"]["id"] == fired.instance_id
    assert "workflow" not in occurrence["workflowInstance"]
    assert "status" not in occurrence["workflowInstance"]
    event = occurrence["event"]
    assert list(event) == ["idempotency_key", "date", "app", "version", "type", "payload"]
    assert event["app"] == "ledger"
    assert event["payload"] == {"amount": 5000, "id": "tx1", "metadata": {"psp": "stripe"}}
    failed = http.get(f"/v2/triggers/{failing_vars['id']}/occurrences").json()["cursor"]["data"][0]
    assert "workflowInstanceID" not in failed
    assert failed["error"].startswith("cannot fetch b from <nil>")


def test_occurrences_cursor_carries_the_trigger_id(fake: FakeOrchestration, http: httpx.Client) -> None:
    workflow_id = create_workflow(http, [])
    first = make_trigger(http, event="A", workflowID=workflow_id)
    second = make_trigger(http, event="B", workflowID=workflow_id)
    for _ in range(3):
        fake.emit_event("A", {})
    fake.emit_event("B", {})
    page = http.get(f"/v2/triggers/{first['id']}/occurrences", params={"pageSize": "2"}).json()["cursor"]
    assert cursor_decode(page["next"])["filters"] == {"TriggerID": first["id"]}
    # Trigger A's cursor used on trigger B's path still lists A's occurrences (§4).
    rest = http.get(f"/v2/triggers/{second['id']}/occurrences", params={"cursor": page["next"]}).json()["cursor"]
    assert [o["triggerID"] for o in rest["data"]] == [first["id"]]
    assert http.get("/v2/triggers/unknown/occurrences").json()["cursor"]["data"] == []


def test_deleted_trigger_stops_firing_and_keeps_occurrences(fake: FakeOrchestration, http: httpx.Client) -> None:
    workflow_id = create_workflow(http, [])
    trigger = make_trigger(http, event="E", workflowID=workflow_id)
    fake.emit_event("E", {})
    http.delete(f"/v2/triggers/{trigger['id']}")
    assert fake.emit_event("E", {}) == []
    assert len(http.get(f"/v2/triggers/{trigger['id']}/occurrences").json()["cursor"]["data"]) == 1


def test_triggers_of_deleted_workflows_still_fire(fake: FakeOrchestration, http: httpx.Client) -> None:
    workflow_id = create_workflow(http, [])
    make_trigger(http, event="E", workflowID=workflow_id)
    http.delete(f"/v2/workflows/{workflow_id}")
    firing = fake.emit_event("E", {})[0]
    assert firing.instance_id is not None
    assert instance(http, firing.instance_id)["terminated"] is True


def test_saved_payment_is_deduplicated_per_trigger(fake: FakeOrchestration, http: httpx.Client) -> None:
    workflow_id = create_workflow(http, [])
    make_trigger(http, event="SAVED_PAYMENT", workflowID=workflow_id)
    assert len(fake.emit_event("SAVED_PAYMENT", {"id": "p1"}, app="payments")) == 1
    assert fake.emit_event("SAVED_PAYMENT", {"id": "p1"}, app="payments") == []
    assert len(fake.emit_event("SAVED_PAYMENT", {"id": "p2"}, app="payments")) == 1


def test_uuid_instance_ids_option() -> None:
    fake = FakeOrchestration(trigger_instance_ids="uuid")
    with httpx.Client(transport=fake.transport, base_url="http://fake") as http:
        make_trigger(http, event="E", workflowID=create_workflow(http, []))
        firing = fake.emit_event("E", {})[0]
        assert firing.instance_id is not None
        assert "_" not in firing.instance_id


def test_published_events(fake: FakeOrchestration, http: httpx.Client) -> None:
    workflow_id = create_workflow(http, [{"noop": {}}])
    make_trigger(http, event="E", workflowID=workflow_id)
    fake.emit_event("E", {})
    types = [event["type"] for event in fake.published_events]
    assert types == [
        "STARTED_WORKFLOW",
        "STARTED_WORKFLOW_STAGE",
        "SUCCEEDED_WORKFLOW_STAGE",
        "SUCCEEDED_WORKFLOW",
        "SUCCEEDED_TRIGGER",
    ]
