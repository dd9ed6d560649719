"""``fake.on_response`` and the OpenAPI check the suite runs on every answer of the fake (``_openapi_responses``)."""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

import anyio
import httpx
import pytest
import yaml

from formance_orchestration.testing import FakeOrchestration, ObservedResponse

from ..conftest import require_spec
from ._openapi_responses import WIDENINGS, Answer, ResponseCollector, ResponseValidator, Widening
from .conftest import create_workflow, require_shared, run

# -- the observer hook ----------------------------------------------------------------------------------------


@pytest.fixture
def observed() -> tuple[FakeOrchestration, list[ObservedResponse]]:
    fake = FakeOrchestration()
    seen: list[ObservedResponse] = []
    fake.on_response(seen.append)
    return fake, seen


def test_every_front_end_reports(observed: tuple[FakeOrchestration, list[ObservedResponse]]) -> None:
    fake, seen = observed
    with httpx.Client(transport=fake.transport, base_url="http://fake/api/orchestration") as http:
        http.get("/v2/workflows")
    fake.handle("GET", "/_info")
    with fake.serve_in_thread() as url, httpx.Client(base_url=url) as http:
        http.post("/v2/workflows", json={"stages": []})

    async def in_process() -> None:
        async with httpx.AsyncClient(transport=fake.transport, base_url="http://fake") as http:
            await http.get("/v2/nope")

    anyio.run(in_process)
    assert [(o.request.method, o.request.path, o.request.operation, o.status) for o in seen] == [
        ("GET", "/api/orchestration/v2/workflows", "list_workflows", 200),
        ("GET", "/_info", "get_server_info", 200),
        ("POST", "/v2/workflows", "create_workflow", 201),
        ("GET", "/v2/nope", None, 404),
    ]
    assert seen[0].header("content-type") == "application/json"
    assert json.loads(seen[2].body)["data"]["config"] == {"name": "", "stages": []}
    assert not any(o.injected for o in seen)
    assert len(fake.requests) == 3  # handle() answers are observed, not recorded


def test_injected_faults_and_lost_answers(observed: tuple[FakeOrchestration, list[ObservedResponse]]) -> None:
    fake, seen = observed
    fake.faults.fail_next("list_workflows", status=503, body="busy")
    fake.faults.drop_connection("create_workflow", after_processing=True)
    with httpx.Client(transport=fake.transport, base_url="http://fake") as http:
        assert http.get("/v2/workflows").status_code == 503
        with pytest.raises(httpx.RemoteProtocolError):
            http.post("/v2/workflows", json={})
    assert [(o.status, o.injected) for o in seen] == [(503, True), (201, False)]  # made, then lost


def test_unregister(observed: tuple[FakeOrchestration, list[ObservedResponse]]) -> None:
    fake, seen = observed
    other: list[ObservedResponse] = []
    remove = fake.on_response(other.append)
    fake.handle("GET", "/_healthcheck")
    remove()
    remove()  # twice is harmless
    fake.handle("GET", "/_healthcheck")
    assert (len(seen), len(other)) == (2, 1)


def test_the_suite_validates_every_fake(fake_response_validation: ResponseCollector | None) -> None:
    if fake_response_validation is None:
        pytest.skip("no OpenAPI document: the suite's answers are not validated")
    before = fake_response_validation.checked
    FakeOrchestration().handle("GET", "/v2/workflows")
    assert fake_response_validation.checked == before + 1


# -- the check itself -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    pytest.importorskip("jsonschema")
    loaded: dict[str, Any] = yaml.safe_load(require_spec().read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def validator(document: dict[str, Any]) -> ResponseValidator:
    return ResponseValidator(document)


def answer(method: str, path: str, status: int, body: Any = b"", content_type: str = "application/json") -> Answer:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return Answer(method, path, status, content_type, raw)


WORKFLOW = {
    "id": "w",
    "config": {"name": "", "stages": None},
    "createdAt": "2024-06-01T10:20:30.123456789Z",
    "updatedAt": "2024-06-01T10:20:30.123456789Z",
    "deletedAt": None,
}


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (answer("GET", "/v2/workflows/w", 200, {"data": {**WORKFLOW, "id": 1}}), "1 is not of type 'string'"),
        (
            answer("GET", "/v2/workflows/w", 200, {"data": {**WORKFLOW, "createdAt": "yesterday"}}),
            "'yesterday' is not a 'date-time'",
        ),
        (answer("GET", "/v2/workflows/w", 200, {"data": {**WORKFLOW, "deletedAt": 0}}), "data/deletedAt"),
        (answer("GET", "/v2/workflows/w", 200, {"workflow": WORKFLOW}), "'data' is a required property"),
        (answer("POST", "/v2/workflows", 200, {"data": WORKFLOW}), "200 is not a documented success status"),
        (answer("DELETE", "/v2/workflows/w", 204, b"{}"), "has no documented body"),
        (answer("GET", "/v2/workflows/w", 500, {"errorCode": "BOOM", "errorMessage": "x"}), "'BOOM' is not one of"),
        (answer("GET", "/v2/workflows/w", 500, b"oops", "text/plain"), "Content-Type 'text/plain'"),
        (answer("GET", "/v2/workflows/w", 400, b""), "body is not JSON"),
        (
            answer(
                "GET",
                "/v2/instances/i",
                200,
                {
                    "data": {
                        "workflowID": "w",
                        "id": "i",
                        "createdAt": "2024-06-01T10:20:30Z",
                        "updatedAt": "2024-06-01T10:20:30Z",
                        "terminated": False,
                        "status": [
                            {"stage": 0.5, "instanceID": "i", "startedAt": "2024-06-01T10:20:30Z", "temporalRunID": "r"}
                        ],
                    }
                },
            ),
            "0.5 is not of type 'integer'",
        ),
        (
            answer("GET", "/v2/triggers", 200, {"cursor": {"pageSize": 0, "hasMore": False, "data": []}}),
            "less than the minimum of 1",
        ),
    ],
)
def test_invalid_answers_are_caught(validator: ResponseValidator, bad: Answer, message: str) -> None:
    verdict = validator.check(bad)
    assert verdict.checked
    assert any(message in error for error in verdict.errors), verdict.errors


@pytest.mark.parametrize(
    ("good", "widening"),
    [
        (answer("GET", "/_info", 200, {"version": "develop"}), "GET /_info"),
        (answer("GET", "/v2/_info", 404, b"404 page not found\n", "text/plain; charset=utf-8"), "text/plain 404"),
        (answer("GET", "/v2/workflows", 401), "empty 401"),
        (answer("GET", "/v2/instances/i/stages/x/history", 404), "empty 404"),
        (answer("GET", "/v2/workflows/w", 500), "empty 500"),
        (answer("GET", "/v2/workflows/w", 200, {"data": WORKFLOW}), None),
        (answer("GET", "/v2/workflows/", 200, {"cursor": {"hasMore": False, "data": [WORKFLOW]}}), None),
    ],
)
def test_departures_are_accepted(validator: ResponseValidator, good: Answer, widening: str | None) -> None:
    verdict = validator.check(good)
    assert (verdict.checked, verdict.errors, verdict.widening) == (True, [], widening)


def test_undocumented_paths_are_not_checked(validator: ResponseValidator) -> None:
    for method, path in [("GET", "/_healthcheck"), ("POST", "/api/auth/oauth/token"), ("PATCH", "/v2/workflows")]:
        verdict = validator.check(answer(method, path, 200, {}))
        assert (verdict.checked, verdict.errors) == (False, [])


T0 = "2024-06-01T10:20:30Z"
INSTANCE = {"workflowID": "w", "id": "i", "createdAt": T0, "updatedAt": T0, "terminated": False}
STATUS = {"stage": 0, "instanceID": "i", "temporalRunID": "r", "startedAt": T0}
TRIGGER = {"name": "", "event": "E", "workflowID": "w", "workflow": None, "id": "t", "createdAt": T0}
ENVELOPE = {"idempotency_key": "", "date": T0, "app": "ledger", "version": "v2", "type": "E", "payload": {}}
OCCURRENCE = {"id": "o", "triggerID": "t", "date": T0, "event": ENVELOPE}
TRANSACTION = {"data": [{"id": 3, "txid": 3, "postings": [], "metadata": {}, "timestamp": T0}]}
ACTIVITY = {"name": "GetWallet", "input": {"GetWallet": {"id": "x"}}, "terminated": True, "startedAt": T0, "attempt": 1}


def instance_with(**status: Any) -> Answer:
    return answer("GET", "/v2/instances/i", 200, {"data": {**INSTANCE, "status": [{**STATUS, **status}]}})


def page(path: str, *items: Any) -> Answer:
    return answer("GET", path, 200, {"cursor": {"hasMore": False, "data": list(items)}})


# Per schema widening: a body the real server sends that only the widening admits ("needed"), or a wrongly typed
# value for a property the document does not declare, refused only with the widening ("declares").
SAMPLES: dict[str, tuple[str, Answer]] = {
    "V2Workflow.deletedAt": ("declares", answer("GET", "/v2/workflows/w", 200, {"data": {**WORKFLOW, "deletedAt": 5}})),
    "V2WorkflowConfig.stages": ("needed", answer("GET", "/v2/workflows/w", 200, {"data": WORKFLOW})),
    "V2StageStatus.temporalRunID": ("declares", instance_with(temporalRunID=1)),
    "V2StageStatus.stage": ("declares", instance_with(stage=0.5)),
    "V2Trigger.workflow": ("declares", answer("GET", "/v2/triggers/t", 200, {"data": {**TRIGGER, "workflow": "w"}})),
    "V2TriggerOccurrence.id": ("declares", page("/v2/triggers/t/occurrences", {**OCCURRENCE, "id": 1})),
    "V2TriggerOccurrence.event": (
        "declares",
        page("/v2/triggers/t/occurrences", {**OCCURRENCE, "event": {"payload": {}}}),
    ),
    "V2TriggerTest.filter": (
        "needed",
        answer("POST", "/v2/triggers/t/test", 200, {"data": {"filter": None, "variables": {}}}),
    ),
    "V2TriggerTest.variables": (
        "needed",
        answer("POST", "/v2/triggers/t/test", 200, {"data": {"filter": {"match": False}, "variables": None}}),
    ),
    "V2ListTriggersResponse.cursor.pageSize": ("needed", page("/v2/triggers")),
    "V2ListTriggersOccurrencesResponse.cursor.pageSize": ("needed", page("/v2/triggers/t/occurrences")),
    "V2ListWorkflowsResponse.cursor.pageSize": ("needed", page("/v2/workflows")),
    "V2ListRunsResponse.cursor.pageSize": ("needed", page("/v2/instances")),
    "V2ActivityAddAccountMetadata.account": (
        "declares",
        answer(
            "GET",
            "/v2/instances/i/stages/0/history",
            200,
            {"data": [{**ACTIVITY, "input": {"AddAccountMetadata": {"account": 1, "ledger": "l", "metadata": {}}}}]},
        ),
    ),
    "V2DebitWalletRequest.metadata": (
        "needed",
        answer(
            "GET",
            "/v2/instances/i/stages/0/history",
            200,
            {
                "data": [
                    {
                        **ACTIVITY,
                        "name": "DebitWallet",
                        "input": {
                            "DebitWallet": {
                                "id": "w",
                                "data": {"amount": {"amount": 1, "asset": "USD"}, "metadata": None},
                            }
                        },
                    }
                ]
            },
        ),
    ),
    "V2ActivityAddAccountMetadata.id": (
        "needed",
        answer(
            "GET",
            "/v2/instances/i/stages/0/history",
            200,
            {"data": [{**ACTIVITY, "input": {"AddAccountMetadata": {"account": "a", "ledger": "l", "metadata": {}}}}]},
        ),
    ),
}


@pytest.mark.parametrize("widening", [w for w in WIDENINGS if w.schema is not None], ids=lambda w: w.name)
def test_each_schema_widening_matters(
    document: dict[str, Any], validator: ResponseValidator, widening: Widening
) -> None:
    kind, sample = SAMPLES[widening.name]
    without = ResponseValidator(document, tuple(w for w in WIDENINGS if w is not widening)).check(sample)
    with_it = validator.check(sample)
    if kind == "needed":
        assert (with_it.errors, bool(without.errors)) == ([], True), without.errors
    else:
        assert (bool(with_it.errors), without.errors) == (True, [])


def test_an_activity_output_under_another_activity_name_is_refused(validator: ResponseValidator) -> None:
    # The server wraps each activity's output under that activity's own name (one entry per activity), so a
    # GetWallet entry carrying a ledger transaction is an answer the real server never gives.
    wrong = answer(
        "GET", "/v2/instances/i/stages/0/history", 200, {"data": [{**ACTIVITY, "output": {"GetWallet": TRANSACTION}}]}
    )
    assert validator.check(wrong).errors


def test_every_schema_widening_has_a_sample() -> None:
    assert set(SAMPLES) == {w.name for w in WIDENINGS if w.schema is not None}


def test_widenings_are_named_and_referenced(document: dict[str, Any]) -> None:
    names = [widening.name for widening in WIDENINGS]
    assert len(names) == len(set(names))
    for widening in WIDENINGS:
        assert re.fullmatch(r"§\d+(\.\d+)?(, §\d+(\.\d+)?)*", widening.section), widening
        assert widening.why
        kinds = [widening.schema is not None, widening.accepts is not None, widening.path_alias is not None]
        assert kinds.count(True) == 1, widening
        if widening.schema is not None:
            assert widening.schema in document["components"]["schemas"], widening
    ResponseValidator(document)  # every patch found its property


# -- activity histories of every shared workflow --------------------------------------------------------------

WALLET = str(uuid.UUID(int=7))
VARIABLES = {
    "accountID": "users:1",
    "accountID1": "users:1",
    "accountID2": "users:2",
    "ledger": "main",
    "ledger1": "l1",
    "ledger2": "l2",
    "amount": "100",
    "walletID": WALLET,
    "paymentID": "pay-1",
    "userID": "7",
    "psp": "stripe",
    "sourceAccountID": "acc",
    "asset": "EUR/2",
    "balance": "main",
    "type": "PAYOUT",
    "value": "x",
    "temporaryAccount": "transit",
    "user": "users:3",
}
AMOUNT = {"amount": "5", "asset": "EUR/2"}
MORE_SENDS: list[dict[str, Any]] = [
    {
        "source": {"wallet": {"name": "w1", "balance": "main"}},
        "destination": {"wallet": {"name": "w2", "balance": "main"}},
    },
    {
        "source": {"wallet": {"id": WALLET, "balance": "main"}},
        "destination": {"account": {"id": "x", "ledger": "wallets-002"}},
    },
    {
        "source": {"wallet": {"id": WALLET, "balance": "main"}},
        "destination": {"account": {"id": "x", "ledger": "main"}},
    },
    {
        "source": {"account": {"id": "a", "ledger": "wallets-002"}},
        "destination": {"wallet": {"id": WALLET, "balance": "main"}},
    },
    {
        "source": {"account": {"id": "a", "ledger": "main"}},
        "destination": {"payment": {"psp": "stripe", "metadata": "k"}},
    },
]


def test_every_activity_history_of_the_shared_workflows(fake_response_validation: ResponseCollector | None) -> None:
    """Every activity the fake simulates shows up in a stage history the suite's OpenAPI check validates."""
    files = sorted(require_shared("workflows").glob("*.yaml"))
    configs = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in files]
    configs += [{"stages": [{"send": {**send, "amount": AMOUNT}}]} for send in MORE_SENDS]
    fake = FakeOrchestration()
    names: set[str] = set()
    with httpx.Client(transport=fake.transport, base_url="http://fake") as http:
        for config in configs:
            workflow_id = create_workflow(http, config["stages"], config.get("name"))
            instance_id = run(http, workflow_id, VARIABLES)
            fake.advance(10)
            for event in ("continue", "processed"):
                http.post(f"/v2/instances/{instance_id}/events", json={"name": event})
            fake.advance(10)
            assert http.get(f"/v2/instances/{instance_id}/history").status_code == 200
            for number in range(len(config["stages"])):
                response = http.get(f"/v2/instances/{instance_id}/stages/{number}/history")
                assert response.status_code == 200, response.text
                names.update(entry["name"] for entry in response.json()["data"])
    expected = {"AddAccountMetadata", "CreateTransaction", "GetAccount", "CreateTransferInitiation", "GetPayment"}
    expected |= {"CreditWallet", "DebitWallet", "GetWallet", "ListWallets"}
    assert names == expected
    assert fake.server_errors == []
    if fake_response_validation is not None:
        assert fake_response_validation.failures == []
