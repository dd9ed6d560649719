"""Workflows: create (JSON and YAML), read, list with pagination, soft delete."""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx
import pytest

from formance_orchestration.testing import FakeOrchestration, ManualClock

from .conftest import create_workflow, run


def test_create_workflow_shape(http: httpx.Client) -> None:
    response = http.post("/v2/workflows", json={"name": "payout", "stages": [{"delay": {"duration": "1m"}}]})
    assert response.status_code == 201
    assert response.headers["content-type"] == "application/json"
    assert response.content.endswith(b"\n")
    data = response.json()["data"]
    assert list(data) == ["id", "config", "createdAt", "updatedAt", "deletedAt"]
    assert data["config"] == {"name": "payout", "stages": [{"delay": {"duration": "1m"}}]}
    assert data["deletedAt"] is None
    assert data["createdAt"] == data["updatedAt"]
    assert data["createdAt"].endswith("Z")


def test_empty_body_object_stores_null_stages_and_empty_name(http: httpx.Client) -> None:
    data = http.post("/v2/workflows", json={}).json()["data"]
    assert data["config"] == {"name": "", "stages": None}
    assert http.post("/v2/workflows", content=b"null").json()["data"]["config"]["stages"] is None


def test_create_keeps_nanoseconds_reads_round_to_microseconds() -> None:
    fake = FakeOrchestration(clock=ManualClock(1_700_000_000_123_456_789))
    with httpx.Client(transport=fake.transport, base_url="http://fake") as http:
        created = http.post("/v2/workflows", json={"stages": []}).json()["data"]
        assert created["createdAt"] == "2023-11-14T22:13:20.123456789Z"
        read = http.get(f"/v2/workflows/{created['id']}").json()["data"]
        assert read["createdAt"] == "2023-11-14T22:13:20.123457Z"
        instance = http.post(f"/v2/workflows/{created['id']}/instances").json()["data"]
        assert instance["createdAt"] == "2023-11-14T22:13:20.123456789Z"
        assert http.get(f"/v2/instances/{instance['id']}").json()["data"]["createdAt"] == read["createdAt"]


def test_stage_numbers_pass_through_float64(http: httpx.Client) -> None:
    body = b'{"stages": [{"noop": {"big": 12345678901234567890, "x": 1e21, "y": 1.50}}]}'
    data = http.post("/v2/workflows", content=body).json()["data"]
    assert data["config"]["stages"] == [{"noop": {"big": 12345678901234567000, "x": 1e21, "y": 1.5}}]
    raw = http.get(f"/v2/workflows/{data['id']}").content
    assert b'"x":1e+21' in raw
    assert b'"big":12345678901234567000' in raw


def test_keys_match_case_insensitively_and_trailing_data_is_ignored(http: httpx.Client) -> None:
    response = http.post("/v2/workflows", content=b'{"NAME": "a", "Stages": [], "name": "b"} {"junk"')
    assert response.status_code == 201
    assert response.json()["data"]["config"] == {"name": "b", "stages": []}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "unmarshalling json body: EOF"),
        (b"{", "unmarshalling json body: unexpected EOF"),
        (b"[]", "unmarshalling json body: json: cannot unmarshal array into Go value of type workflow.Config"),
        (
            b'{"name": 1}',
            "unmarshalling json body: json: cannot unmarshal number into Go struct field Config.name of type string",
        ),
        (
            b'{"stages": {}}',
            "unmarshalling json body: json: cannot unmarshal object into Go struct field Config.stages of type []workflow.RawStage",
        ),
        (
            b'{"stages": ["x"]}',
            "unmarshalling json body: json: cannot unmarshal string into Go struct field Config.stages of type workflow.RawStage",
        ),
        (
            b'{"stages": [{"delay": "5s"}]}',
            "unmarshalling json body: json: cannot unmarshal string into Go struct field Config.stages of type map[string]interface {}",
        ),
    ],
)
def test_malformed_bodies_are_400(http: httpx.Client, body: bytes, message: str) -> None:
    response = http.post("/v2/workflows", content=body)
    assert response.status_code == 400
    assert response.json() == {"errorCode": "VALIDATION", "errorMessage": message}


@pytest.mark.parametrize(
    ("stages", "reason"),
    [
        ([{}], "empty specification"),
        ([None], "empty specification"),
        ([{"delay": {}, "noop": {}}], "a specification should have only one name"),
        ([{"unknown": {}}], "unable to resolve schema unknown"),
        ([{"send": {}}], "resolving field 'Source': expected map but was <nil>"),
        (
            [{"send": {"source": {}, "destination": {}, "amount": {"amount": "abc"}}}],
            "resolving field 'Amount': resolving field 'Amount': unable to parse 'abc' as big int",
        ),
        ([{"wait_event": {"event": 1}}], "resolving field 'Event': expected string but was float64"),
        (
            [{"delay": {"duration": "1d"}}],
            "resolving field 'Duration': unable to resolve field 'Duration' to duration value",
        ),
        ([{"delay": {"until": "tomorrow"}}], "resolving field 'Until': expected date as rfc3339 format"),
        (
            [{"send": {"source": {"account": {"id": "a", "allowOverdraft": "${x}"}}, "destination": {}}}],
            "resolving field 'Source': resolving field 'Account': resolving field 'AllowOverdraft': "
            "unable to resolve field 'bool' to bool value",
        ),
        (
            [{"update": {"account": {"metadata": "x"}}}],
            "resolving field 'Account': resolving field 'Metadata': expecting map, got type: string",
        ),
    ],
)
def test_semantic_errors_are_500(http: httpx.Client, stages: list[object], reason: str) -> None:
    response = http.post("/v2/workflows", json={"stages": stages})
    assert response.status_code == 500
    assert response.json() == {"errorCode": "INTERNAL", "errorMessage": f"creating workflow: {reason}"}


def test_run_time_checks_are_not_done_at_creation(http: httpx.Client) -> None:
    stages: list[Any]
    for stages in (
        [{"wait_event": {}}],
        [{"delay": {}}],
        [{"delay": {"duration": "1s", "until": "2030-01-01T00:00:00Z"}}],
        [{"update": {}}],
        [{"send": {"source": {}, "destination": {}, "amount": {"amount": "${amount}"}, "bogus": 1}}],
        [{"delay": None}],
    ):
        assert http.post("/v2/workflows", json={"stages": stages}).status_code == 201, stages


def test_yaml_body(http: httpx.Client) -> None:
    pytest.importorskip("yaml")
    body = b"name: from yaml\nstages:\n- delay:\n    duration: 5s\n"
    response = http.post("/v2/workflows", content=body, headers={"Content-Type": "text/vnd.yaml"})
    assert response.status_code == 201
    assert response.json()["data"]["config"] == {"name": "from yaml", "stages": [{"delay": {"duration": "5s"}}]}
    bad = http.post("/v2/workflows", content=b"- a\n- b\n", headers={"Content-Type": "text/vnd.yaml"})
    assert bad.status_code == 400
    assert bad.json()["errorMessage"].startswith("unmarshalling yaml: ")
    # Only the exact content type switches to YAML.
    other = http.post("/v2/workflows", content=body, headers={"Content-Type": "text/vnd.yaml; charset=utf-8"})
    assert other.status_code == 400


def test_yaml_without_pyyaml(http: httpx.Client, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "yaml", None)
    response = http.post("/v2/workflows", content=b"stages: []", headers={"Content-Type": "text/vnd.yaml"})
    assert response.status_code == 400
    assert response.json()["errorCode"] == "VALIDATION"
    assert "PyYAML" in response.json()["errorMessage"]


def test_shared_workflow_files_create_and_run(http: httpx.Client) -> None:
    yaml = pytest.importorskip("yaml")
    from .conftest import require_shared

    folder = require_shared("workflows")
    files = sorted(folder.glob("*.yaml"))
    assert files
    for path in files:
        via_yaml = http.post("/v2/workflows", content=path.read_bytes(), headers={"Content-Type": "text/vnd.yaml"})
        assert via_yaml.status_code == 201, (path.name, via_yaml.text)
        via_json = http.post("/v2/workflows", json=yaml.safe_load(path.read_text()))
        assert via_json.json()["data"]["config"] == via_yaml.json()["data"]["config"]
        assert run(http, via_yaml.json()["data"]["id"], {"amount": "100", "ledger": "main"})


def test_get_workflow_unknown_is_500(http: httpx.Client) -> None:
    response = http.get("/v2/workflows/nope")
    assert response.status_code == 500
    assert response.json() == {"errorCode": "INTERNAL", "errorMessage": "sql: no rows in result set"}


def test_delete_workflow_rules(fake: FakeOrchestration, http: httpx.Client) -> None:
    workflow_id = create_workflow(http, [{"wait_event": {"event": "go"}}])
    instance_id = run(http, workflow_id)
    uppercase = workflow_id.upper()
    for bad in ("xxx", uppercase):
        response = http.delete(f"/v2/workflows/{bad}")
        assert response.status_code == 400
        assert response.json() == {
            "errorCode": "VALIDATION",
            "errorMessage": "Key: '' Error:Field validation for '' failed on the 'uuid' tag",
        }
    missing = http.delete("/v2/workflows/00000000-0000-4000-8000-000000000000")
    assert missing.status_code == 404
    assert missing.json() == {"errorCode": "NOT_FOUND", "errorMessage": "Workflow not found"}

    response = http.delete(f"/v2/workflows/{workflow_id}/")  # trailing slash routes too
    assert response.status_code == 204
    assert response.content == b""
    assert response.headers["content-type"] == "application/json"
    first = http.get(f"/v2/workflows/{workflow_id}").json()["data"]["deletedAt"]
    assert first is not None
    fake.advance(1)
    assert http.delete(f"/v2/workflows/{workflow_id}").status_code == 204
    assert http.get(f"/v2/workflows/{workflow_id}").json()["data"]["deletedAt"] > first

    # Soft-delete visibility (§6.11).
    assert http.get("/v2/workflows").json()["cursor"]["data"] == []
    assert http.get("/v2/instances").json()["cursor"]["data"] == []
    assert http.get("/v2/instances", params={"workflowID": workflow_id}).json()["cursor"]["data"] == []
    assert http.get(f"/v2/instances/{instance_id}").status_code == 200
    assert run(http, workflow_id)
    trigger = http.post("/v2/triggers", json={"event": "E", "workflowID": workflow_id})
    assert trigger.status_code == 404
    assert trigger.json() == {"errorCode": "NOT_FOUND", "errorMessage": "workflow does not exists"}


def test_pagination_over_three_pages(http: httpx.Client) -> None:
    ids = [create_workflow(http, [], name=f"wf{i}") for i in range(7)]
    first = http.get("/v2/workflows", params={"pageSize": "3"}).json()["cursor"]
    assert first["pageSize"] == 3
    assert first["hasMore"] is True
    assert "previous" not in first
    assert [w["id"] for w in first["data"]] == ids[:3]
    cursor = first["next"]
    decoded = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    assert decoded == {"offset": 3, "order": 0, "pageSize": 3, "filters": None}

    # The cursor replaces every other parameter, pageSize included.
    second = http.get("/v2/workflows", params={"cursor": cursor, "pageSize": "1"}).json()["cursor"]
    assert [w["id"] for w in second["data"]] == ids[3:6]
    assert second["hasMore"] is True
    third = http.get("/v2/workflows", params={"cursor": second["next"]}).json()["cursor"]
    assert [w["id"] for w in third["data"]] == ids[6:]
    assert third["hasMore"] is False
    assert "next" not in third
    back = http.get("/v2/workflows", params={"cursor": third["previous"]}).json()["cursor"]
    assert [w["id"] for w in back["data"]] == ids[3:6]


@pytest.mark.parametrize(
    ("page_size", "expected"),
    [(None, 15), ("", 15), ("0", 15), ("1", 1), ("05", 5), ("100", 100), ("500", 100), ("4294967295", 100)],
)
def test_page_size_rules(http: httpx.Client, page_size: str | None, expected: int) -> None:
    for _ in range(16):
        create_workflow(http, [])
    params = {} if page_size is None else {"pageSize": page_size}
    cursor = http.get("/v2/workflows", params=params).json()["cursor"]
    assert cursor["pageSize"] == expected
    assert len(cursor["data"]) == min(expected, 16)


# strconv.ParseUint takes no sign: "+5" (sent as %2B5) is refused like "-0".
@pytest.mark.parametrize("page_size", ["-1", "-0", "+5", " 5", "1_0", "abc", "1.5", "4294967296"])
def test_invalid_page_size(http: httpx.Client, page_size: str) -> None:
    response = http.get("/v2/workflows", params={"pageSize": page_size})
    assert response.status_code == 400
    assert response.json() == {"errorCode": "VALIDATION", "errorMessage": "invalid 'pageSize' query param"}


@pytest.mark.parametrize("cursor", ["%%%", "eyJvZmZzZXQiOiJ4In0", "W10", "eyJvZmZzZXQiOi0xfQ", "eyJvZmZzZXQiOjEuNX0"])
def test_invalid_cursor(http: httpx.Client, cursor: str) -> None:
    response = http.get("/v2/workflows", params={"cursor": cursor})
    assert response.status_code == 400
    assert response.json() == {"errorCode": "VALIDATION", "errorMessage": "invalid 'cursor' query param"}


def test_odd_cursors(http: httpx.Client) -> None:
    for _ in range(20):
        create_workflow(http, [])
    everything = http.get("/v2/workflows", params={"cursor": "e30"}).json()["cursor"]  # {}: no LIMIT
    assert "pageSize" not in everything
    assert everything["hasMore"] is False
    assert len(everything["data"]) == 20
    empty_cursor = http.get("/v2/workflows", params={"cursor": "", "pageSize": "2"}).json()["cursor"]
    assert empty_cursor["pageSize"] == 2
