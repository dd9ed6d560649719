"""JSON <-> models through the one converter: names, times, big integers, open enums, unions, and errors."""

from __future__ import annotations

import inspect
import json
import pickle
import re
import types
import typing
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta, timezone
from enum import Enum
from functools import cache
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from formance_orchestration import NanoDatetime, errors, models
from formance_orchestration._codec.converter import converter, structure, unstructure
from formance_orchestration._codec.model import OpenEnum
from formance_orchestration._codec.primitives import DecodeError, as_datetime, dump_datetime
from formance_orchestration._generated import codec as _codec

from .server import RecordingServer, Reply
from .test_v2 import FACES, WORKFLOW_ID, Face, FaceKind, instance_json, open_face, page_json, workflow_json

INSTANCE_JSON = {
    "workflowID": "wf",
    "id": "run-1",
    "createdAt": "2024-06-01T10:20:30Z",
    "updatedAt": "2024-06-01T10:20:31Z",
    "terminated": False,
}


@pytest.fixture(params=FACES)
async def face(request: pytest.FixtureRequest, server: RecordingServer) -> AsyncIterator[Face]:
    kind: FaceKind = request.param
    async with open_face(kind, server) as opened:
        yield opened


# Union aliases are not classes: typed as Any so ``structure(data, STAGE)`` type-checks.
STAGE: Any = models.V2Stage
SUBJECT: Any = models.V2Subject


def roundtrip_json(obj: Any) -> Any:
    """What the wire would carry: encode, serialise, parse back (stdlib json keeps big integers exact)."""
    return json.loads(json.dumps(unstructure(obj)))


# -- names ----------------------------------------------------------------------------------------------------


def test_camel_case_to_snake_case_and_back() -> None:
    data = {
        "stage": 1,
        "instanceID": "i1",
        "temporalRunID": "r1",
        "startedAt": "2024-06-01T10:20:30Z",
        "terminatedAt": "2024-06-01T10:21:00Z",
    }
    status = structure(data, models.V2StageStatus)
    assert status.instance_id == "i1"
    assert status.temporal_run_id == "r1"
    assert status.started_at == datetime(2024, 6, 1, 10, 20, 30, tzinfo=UTC)
    assert unstructure(status) == data

    account = models.V2StageSendSourceAccount(id="users:1", through_account="world", allow_overdraft=True)
    assert unstructure(account) == {"id": "users:1", "throughAccount": "world", "allowOverdraft": True}
    payment = models.V2StageSendDestinationPayment(connector_id="c1", waiting_validation=False, source_account="s")
    assert unstructure(payment) == {"sourceAccount": "s", "connectorId": "c1", "waitingValidation": False}
    cursor = structure({"hasMore": True, "pageSize": 3, "data": [], "next": "n"}, models.V2ListWorkflowsResponseCursor)
    assert (cursor.has_more, cursor.page_size, cursor.next) == (True, 3, "n")


def test_converter_is_the_one_seam() -> None:
    trigger = converter.structure(
        {"event": "E", "workflowID": "w", "id": "t", "createdAt": "2024-06-01T10:20:30Z"}, models.V2Trigger
    )
    assert trigger.workflow_id == "w"
    assert converter.unstructure(trigger) == {
        "event": "E",
        "workflowID": "w",
        "id": "t",
        "createdAt": "2024-06-01T10:20:30Z",
    }
    assert converter.unstructure([models.V2StageWaitEvent(event="x")]) == [{"event": "x"}]


# -- times ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "nanosecond"),
    [
        ("2024-06-01T10:20:30.123456789Z", datetime(2024, 6, 1, 10, 20, 30, 123456, tzinfo=UTC), 789),
        ("2024-06-01T10:20:30.1234567Z", datetime(2024, 6, 1, 10, 20, 30, 123456, tzinfo=UTC), 700),
        ("2024-06-01T10:20:30.000000001Z", datetime(2024, 6, 1, 10, 20, 30, tzinfo=UTC), 1),
        ("2024-06-01T10:20:30.123457Z", datetime(2024, 6, 1, 10, 20, 30, 123457, tzinfo=UTC), 0),
        ("2024-06-01T10:20:30.5Z", datetime(2024, 6, 1, 10, 20, 30, 500000, tzinfo=UTC), 0),
        ("2024-06-01T10:20:30Z", datetime(2024, 6, 1, 10, 20, 30, tzinfo=UTC), 0),
        (
            "2024-06-01T12:20:30.123456789+02:00",
            datetime(2024, 6, 1, 12, 20, 30, 123456, tzinfo=timezone(timedelta(hours=2))),
            789,
        ),
        (
            "2024-06-01T04:50:30-05:30",
            datetime(2024, 6, 1, 4, 50, 30, tzinfo=timezone(-timedelta(hours=5, minutes=30))),
            0,
        ),
    ],
)
def test_rfc3339_decodes_and_reencodes_exactly(text: str, expected: datetime, nanosecond: int) -> None:
    value = as_datetime(text)
    assert value == expected
    assert value.utcoffset() == expected.utcoffset()
    assert getattr(value, "nanosecond", 0) == nanosecond
    assert isinstance(value, NanoDatetime) == bool(nanosecond)
    assert dump_datetime(value) == text
    # The same through a model.
    body = workflow_json() | {"createdAt": text, "updatedAt": text}
    workflow = structure(body, models.V2Workflow)
    assert workflow.created_at == expected
    encoded = unstructure(workflow)
    assert encoded["createdAt"] == encoded["updatedAt"] == text
    assert "deletedAt" not in encoded  # None is never sent


def test_trailing_zeros_and_lowercase_forms() -> None:
    assert dump_datetime(as_datetime("2024-06-01T10:20:30.120000000Z")) == "2024-06-01T10:20:30.12Z"
    assert as_datetime("2024-06-01t10:20:30.5z") == datetime(2024, 6, 1, 10, 20, 30, 500000, tzinfo=UTC)


def test_nano_datetime() -> None:
    value = NanoDatetime.from_datetime(datetime(2024, 1, 1, tzinfo=UTC), 5)
    assert value.nanosecond == 5
    assert dump_datetime(value) == "2024-01-01T00:00:00.000000005Z"
    assert "nanosecond=5" in repr(value)
    assert (value + timedelta(seconds=1)).microsecond == 0
    with pytest.raises(ValueError, match="nanosecond"):
        NanoDatetime.from_datetime(datetime(2024, 1, 1, tzinfo=UTC), 1000)
    with pytest.raises(ValueError, match="timezone-aware"):
        dump_datetime(datetime(2024, 1, 1))


@pytest.mark.parametrize(
    "bad", ["2024-06-01", "2024-06-01T10:20:30", "2024-06-01T10:20:30.123456789", "yesterday", "", 1717237230, None]
)
def test_bad_datetimes_name_the_field(bad: Any) -> None:
    """Wrong types and short strings fail at decoding; a string of date-time length is parsed on first read
    (LazyTimestamp), and fails there with the same error."""
    body = workflow_json() | {"createdAt": bad}
    with pytest.raises(errors.APIResponseValidationError) as info:
        structure(body, models.V2Workflow).created_at  # noqa: B018
    assert info.value.schema == "V2Workflow"
    assert info.value.path == "$.createdAt"


@pytest.mark.parametrize("bad", ["2024-06-01T10:20:30.123456789", "2024-13-01T10:20:30Z", "2024-06-01T10:20:30+2:00"])
def test_a_malformed_timestamp_of_date_time_length_fails_when_read(bad: str) -> None:
    workflow = structure(workflow_json() | {"createdAt": bad}, models.V2Workflow)
    assert workflow.id  # the rest of the object is there
    for _ in range(2):  # and the error does not go away by reading again
        with pytest.raises(errors.APIResponseValidationError, match=r"V2Workflow at \$\.createdAt"):
            workflow.created_at  # noqa: B018


# -- integers -------------------------------------------------------------------------------------------------

BIG = 2**70


def test_big_amount_round_trips_exactly() -> None:
    text = '{"asset": "EUR/2", "amount": 1180591620717411303424}'
    monetary = structure(json.loads(text), models.V2Monetary)
    assert monetary.amount == BIG
    assert type(monetary.amount) is int
    encoded = json.dumps(unstructure(monetary))
    assert "1180591620717411303424" in encoded
    assert json.loads(encoded) == {"asset": "EUR/2", "amount": BIG}
    negative = models.V2Monetary(asset="EUR/2", amount=-(2**200) - 1)
    assert structure(roundtrip_json(negative), models.V2Monetary) == negative


def test_big_integers_deep_in_stage_history() -> None:
    posting = {"source": "world", "destination": "bank", "amount": BIG, "asset": "EUR/2"}
    body = {"data": [{"postings": [posting], "txid": 2**64 + 1, "metadata": {}}]}
    tx = structure(body, models.V2CreateTransactionResponse)
    assert tx.data is not None
    assert tx.data[0].postings is not None
    assert tx.data[0].postings[0].amount == BIG
    assert tx.data[0].txid == 2**64 + 1
    volumes = structure({"EUR": {"input": BIG, "output": 1, "balance": BIG - 1}}, models.V2Volumes)
    assert volumes["EUR"].balance == BIG - 1


def test_integers_never_become_floats() -> None:
    data = {"stage": 3, "instanceID": "i", "startedAt": "2024-06-01T10:20:30Z"}
    assert type(structure(data, models.V2StageStatus).stage) is int
    # Go prints float64 integers above 1e21 in exponent form; an integral float is accepted, exactly.
    exponent = structure(json.loads('{"asset": "A", "amount": 1e+21}'), models.V2Monetary)
    assert exponent.amount == 10**21
    assert type(exponent.amount) is int
    assert type(structure(data | {"stage": 2.0}, models.V2StageStatus).stage) is int


@pytest.mark.parametrize(
    ("text", "expected"), [("3", 3), ("1.0", 1), ("2e0", 2), ("-0.0", 0), ("1.5", 1.5), ("25e-1", 2.5)]
)
def test_a_document_number_decodes_in_every_json_form(text: str, expected: int | float) -> None:
    """``V2StageStatus.stage`` is ``number`` in the document: any JSON number decodes, integral forms to an exact
    ``int`` and the others to a ``float``, as the annotation says."""
    data = json.loads('{"stage": ' + text + ', "instanceID": "i", "startedAt": "2024-06-01T10:20:30Z"}')
    stage = structure(data, models.V2StageStatus).stage
    assert stage == expected
    assert type(stage) is type(expected)
    assert typing.get_type_hints(models.V2StageStatus)["stage"] == int | float


@pytest.mark.parametrize("bad", ["3", True, None, [3], float("inf"), float("nan")])
def test_a_non_number_stage_is_refused(bad: Any) -> None:
    data = {"stage": bad, "instanceID": "i", "startedAt": "2024-06-01T10:20:30Z"}
    with pytest.raises(errors.APIResponseValidationError) as info:
        structure(data, models.V2StageStatus)
    assert info.value.path == "$.stage"


# -- enums ----------------------------------------------------------------------------------------------------


def test_unknown_enum_values_are_kept() -> None:
    payment = structure({"provider": "NEW-PSP", "status": "SUCCEEDED", "scheme": "sepa debit"}, models.V2Payment)
    assert isinstance(payment.provider, models.V2Connector)
    assert payment.provider == "NEW-PSP"
    assert payment.provider.value == "NEW-PSP"
    assert payment.status is models.V2PaymentStatus.SUCCEEDED
    assert payment.scheme is models.V2PaymentScheme.SEPA_DEBIT
    assert roundtrip_json(payment) == {"provider": "NEW-PSP", "status": "SUCCEEDED", "scheme": "sepa debit"}

    error = structure({"errorCode": "CONFLICT", "errorMessage": "already exists"}, models.V2Error)
    assert error.error_code == "CONFLICT"
    assert isinstance(error.error_code, models.V2ErrorErrorCode)
    assert error.error_code not in list(models.V2ErrorErrorCode)
    assert unstructure(error) == {"errorCode": "CONFLICT", "errorMessage": "already exists"}
    assert structure({"errorCode": "NOT_FOUND", "errorMessage": ""}, models.V2Error).error_code is (
        models.V2ErrorErrorCode.NOT_FOUND
    )
    assert models.V2Connector("NEW-PSP") == models.V2Connector("NEW-PSP")


def test_enum_must_still_be_a_string() -> None:
    with pytest.raises(errors.APIResponseValidationError) as info:
        structure({"errorCode": 404, "errorMessage": "x"}, models.V2Error)
    assert info.value.path == "$.errorCode"


# -- tolerance ------------------------------------------------------------------------------------------------


def test_unknown_fields_are_ignored() -> None:
    body = workflow_json(stages=[{"noop": {}}]) | {"brandNew": {"x": 1}, "version": 2}
    body["config"] = body["config"] | {"labels": ["a"]}
    workflow = structure(body, models.V2Workflow)
    assert workflow.config.stages == [{"noop": {}}]
    assert "brandNew" not in unstructure(workflow)


def test_null_optional_fields_become_none() -> None:
    body = {
        "workflowID": "w",
        "id": "i",
        "createdAt": "2024-06-01T10:20:30Z",
        "updatedAt": "2024-06-01T10:20:30Z",
        "terminated": False,
        "terminatedAt": None,
        "error": None,
        "status": None,
        "workflow": None,
    }
    instance = structure(body, models.V2WorkflowInstance)
    assert (instance.terminated_at, instance.error, instance.status, instance.workflow) == (None, None, None, None)
    test = structure({"filter": None, "variables": None}, models.V2TriggerTest)
    assert test == models.V2TriggerTest()
    trigger = structure(
        {"event": "E", "workflowID": "w", "id": "t", "createdAt": "2024-06-01T10:20:30Z", "workflow": None},
        models.V2Trigger,
    )
    assert trigger.workflow is None
    assert trigger.name is None
    config = structure({"name": "", "stages": None}, models.V2WorkflowConfig)
    assert config.stages is None


# -- unions ---------------------------------------------------------------------------------------------------


def test_subject_is_told_apart_by_type() -> None:
    account = structure({"type": "ACCOUNT", "identifier": "users:1"}, SUBJECT)
    assert account == models.V2LedgerAccountSubject(type="ACCOUNT", identifier="users:1")
    wallet = structure({"type": "WALLET", "identifier": "w1", "balance": "main"}, SUBJECT)
    assert wallet == models.V2WalletSubject(type="WALLET", identifier="w1", balance="main")
    assert unstructure(wallet) == {"type": "WALLET", "identifier": "w1", "balance": "main"}


@pytest.mark.parametrize("subject", [{"type": "POOL", "identifier": "p"}, {"identifier": "p"}, {"type": None}])
def test_an_unknown_subject_is_an_unknown_member_of_the_union(subject: dict[str, Any]) -> None:
    """A newer server's subject (``{"type": "POOL"}`` in a DebitWallet's destination) decodes to
    ``V2SubjectUnknown``, part of the ``V2Subject`` union, and encodes back to the same JSON."""
    decoded = structure(subject, SUBJECT)
    assert decoded == models.V2SubjectUnknown(type=subject.get("type"), raw=subject)
    assert models.V2SubjectUnknown in typing.get_args(SUBJECT)
    assert unstructure(decoded) == subject
    body = {"sources": [{"type": "ACCOUNT", "identifier": "a"}, subject]}
    request = structure(body, models.V2CreditWalletRequest)
    assert request.sources is not None
    match request.sources[1]:
        case models.V2SubjectUnknown(type=kind, raw=raw):
            assert (kind, raw) == (subject.get("type"), subject)
        case _:
            raise AssertionError("a match on the union sees the unknown member")
    assert unstructure(request) == body


def test_a_subject_type_that_is_no_string_names_the_field() -> None:
    with pytest.raises(errors.APIResponseValidationError) as info:
        structure({"sources": [{"type": 7}]}, models.V2CreditWalletRequest)
    assert info.value.path == "$.sources[0].type"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"duration": "1m0s"}, models.V2StageDelay(duration="1m0s")),
        (
            {"until": "2030-01-01T00:00:00Z", "duration": None},
            models.V2StageDelay(until=datetime(2030, 1, 1, tzinfo=UTC)),
        ),
        ({"event": "continue"}, models.V2StageWaitEvent(event="continue")),
        (
            {"account": {"id": "a", "metadata": {"k": "v"}}},
            models.V2Update(account=models.V2UpdateAccount(id="a", metadata={"k": "v"})),
        ),
        (
            {"source": {"wallet": {"name": "main"}}, "amount": {"asset": "EUR/2", "amount": 100}, "timestamp": None},
            models.V2StageSend(
                source=models.V2StageSendSource(wallet=models.V2StageSendSourceWallet(name="main")),
                amount=models.V2Monetary(asset="EUR/2", amount=100),
            ),
        ),
        ({}, models.V2StageSend()),  # noop's empty input: the first variant
    ],
)
def test_stage_any_of_picks_the_variant(data: dict[str, Any], expected: Any) -> None:
    stage = structure(data, STAGE)
    assert stage == expected
    assert type(stage) is type(expected)
    assert structure(roundtrip_json(stage), STAGE) == stage


# -- validation errors ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cls", "data", "path", "reason"),
    [
        (models.V2Workflow, workflow_json() | {"id": None}, "$.id", "expected string, got null"),
        (
            models.V2Workflow,
            {k: v for k, v in workflow_json().items() if k != "id"},
            "$.id",
            "required field is missing",
        ),
        (models.V2Workflow, workflow_json() | {"config": []}, "$.config", "expected object, got array"),
        (models.V2Workflow, workflow_json() | {"config": {"stages": [{}, 3]}}, "$.config.stages[1]", "expected object"),
        (models.V2Workflow, [], "$", "expected object, got array"),
        (
            models.V2ListWorkflowsResponse,
            page_json([workflow_json(), workflow_json() | {"createdAt": 5}]),
            "$.cursor.data[1].createdAt",
            "got number",
        ),
        (models.V2ListWorkflowsResponse, {"cursor": {"data": []}}, "$.cursor.hasMore", "required field is missing"),
        (models.V2TriggerTest, {"variables": {"amount": {"value": 1}}}, "$.variables.amount.value", "expected string"),
        (models.V2WorkflowInstance, {"workflowID": "w"}, "$.id", "required field is missing"),
        (
            models.V2GetWorkflowInstanceHistoryStageResponse,
            {"data": [{"name": "x", "input": {}, "terminated": True, "startedAt": "2024-06-01T10:20:30Z"}]},
            "$.data[0].attempt",
            "required field is missing",
        ),
        (
            models.V2TriggerOccurrence,
            {"triggerID": "t", "date": "2024-06-01T10:20:30Z", "event": "x"},
            "$.event",
            "object",
        ),
    ],
)
def test_validation_errors_name_schema_and_path(cls: type[Any], data: Any, path: str, reason: str) -> None:
    with pytest.raises(errors.APIResponseValidationError) as info:
        structure(data, cls)
    assert info.value.schema == cls.__name__
    assert info.value.path == path
    assert reason in info.value.reason
    assert info.value.response is None
    assert cls.__name__ in str(info.value)
    assert path in str(info.value)


def _in_a_page(cls: type[Any], item: Any) -> list[Any]:
    """``item`` decoded as the one entry of the listing answer its model comes in."""
    if cls is models.V2Workflow:
        return structure({"cursor": {"data": [item], "hasMore": False}}, models.V2ListWorkflowsResponse).cursor.data
    if cls is models.V2WorkflowInstance:
        return structure({"cursor": {"data": [item], "hasMore": False}}, models.V2ListRunsResponse).cursor.data
    return structure({"data": [item]}, models.V2GetWorkflowInstanceHistoryStageResponse).data


@pytest.mark.parametrize(
    ("cls", "data", "attribute", "path", "reason"),
    [
        (
            models.V2Workflow,
            workflow_json() | {"config": {"stages": [{}, 3]}},
            "config",
            "$.config.stages[1]",
            "object",
        ),
        (
            models.V2WorkflowInstance,
            {**INSTANCE_JSON, "status": [{"stage": 0, "instanceID": "i", "startedAt": 5}]},
            "status",
            "$.status[0].startedAt",
            "got number",
        ),
        (
            models.V2WorkflowInstanceHistoryStage,
            {
                "name": "x",
                "input": {},
                "output": {"GetAccount": 3},
                "terminated": True,
                "startedAt": "2024-06-01T10:20:30Z",
                "attempt": 1,
            },
            "output",
            "$.output.GetAccount",
            "expected object",
        ),
    ],
)
def test_nested_objects_of_list_items_fail_on_first_read(
    cls: type[Any], data: Any, attribute: str, path: str, reason: str
) -> None:
    """Models that come in lists keep nested objects as JSON until first read (LazyNested): decoding only checks
    their JSON type, and the first read fails with the error eager decoding would raise, naming the field. Alone
    (one answer's data), the same model is decoded at once and the call fails."""
    with pytest.raises(errors.APIResponseValidationError):
        structure(data, cls)
    (obj,) = _in_a_page(cls, data)
    for _ in range(2):  # a failed read keeps failing the same way
        with pytest.raises(errors.APIResponseValidationError) as info:
            getattr(obj, attribute)
        assert info.value.schema == cls.__name__
        assert info.value.path == path
        assert reason in info.value.reason
    with pytest.raises(errors.APIResponseValidationError) as info:
        _in_a_page(cls, data | {attribute: 7})
    assert info.value.path.endswith(f"[0].{attribute}")


def test_lazy_nested_values_decode_once_and_behave_like_eager_ones() -> None:
    data = {**INSTANCE_JSON, "status": [{"stage": 0, "instanceID": "i", "startedAt": "2024-06-01T10:20:30Z"}]}
    (lazy,) = structure({"cursor": {"data": [data], "hasMore": False}}, models.V2ListRunsResponse).cursor.data
    eager = models.V2WorkflowInstance(
        workflow_id=lazy.workflow_id,
        id=lazy.id,
        created_at=lazy.created_at,
        updated_at=lazy.updated_at,
        terminated=lazy.terminated,
        status=[
            models.V2StageStatus(stage=0, instance_id="i", started_at=datetime(2024, 6, 1, 10, 20, 30, tzinfo=UTC))
        ],
    )
    assert lazy == eager
    assert repr(lazy) == repr(eager)
    assert lazy.status is lazy.status  # decoded once, then kept
    assert pickle.loads(pickle.dumps(lazy)) == eager
    assert attrs.evolve(lazy, id="other").status == eager.status
    assert unstructure(lazy) == unstructure(eager)


@pytest.mark.anyio
async def test_validation_error_from_a_real_call(server: RecordingServer, face: Face) -> None:
    server.enqueue(Reply(200, {"data": workflow_json() | {"createdAt": "not a time"}}))
    with pytest.raises(errors.APIResponseValidationError) as info:
        await face.call("get_workflow", WORKFLOW_ID)
    assert info.value.schema == "V2GetWorkflowResponse"
    assert info.value.path == "$.data.createdAt"
    assert info.value.response is not None
    assert info.value.response.status_code == 200


@pytest.mark.anyio
async def test_validation_error_in_a_page_item(server: RecordingServer, face: Face) -> None:
    server.enqueue(Reply(200, page_json([workflow_json(), {"id": 3}])))
    with pytest.raises(errors.APIResponseValidationError) as info:
        await face.call("list_workflows")
    assert info.value.schema == "V2ListWorkflowsResponse"
    assert info.value.path == "$.cursor.data[1].config"


@pytest.mark.anyio
@pytest.mark.parametrize("body", [b"", b"<html>bad gateway</html>", b'{"data": ', b"[1, 2"])
async def test_body_that_is_not_json(body: bytes, server: RecordingServer, face: Face) -> None:
    server.enqueue(Reply(200, body))
    with pytest.raises(errors.APIResponseValidationError) as info:
        await face.call("get_instance", "i1")
    assert info.value.path == "$"
    assert info.value.schema == "V2GetWorkflowInstanceResponse"


@pytest.mark.anyio
async def test_a_204_needs_no_body_and_ignores_one(server: RecordingServer, face: Face) -> None:
    server.enqueue(Reply(204, b""), Reply(200, b"not json"))
    assert await face.call("delete_trigger", "t1") is None
    assert await face.call("send_event", "i1", name="go") is None


# -- fuzzing: any JSON gives a model or APIResponseValidationError -------------------------------------------

HOOK_TYPES = [tp for tp, _, _ in _codec.HOOKS]
# Every JSON key the generated decoders read, so fuzzed objects often hit real fields.
KEYS = sorted(set(re.findall(r'data(?:\.get\(|\[)"([^"]+)"', inspect.getsource(_codec))))

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
    | st.sampled_from(["ACCOUNT", "WALLET", "2024-06-01T10:20:30.123456789Z", "2024-06-01T12:20:30+02:00", "STRIPE"])
    | st.from_regex(r"\A\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,12})?([Zz]|[+-]\d\d:\d\d)?\Z")
)
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=5), children, max_size=6)
    ),
    max_leaves=30,
)


def decode_or_error(data: Any, tp: Any) -> Any:
    """The decoded value, or the APIResponseValidationError; any other exception escapes and fails the test."""
    try:
        return structure(data, tp)
    except errors.APIResponseValidationError as exc:
        return exc


def test_fuzz_vocabulary_is_real() -> None:
    assert {"workflowID", "createdAt", "stage", "cursor", "CreateTransaction", "Ledger", "type"} <= set(KEYS)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tp=st.sampled_from(HOOK_TYPES), data=json_values)
def test_any_json_decodes_or_raises_validation_error(tp: Any, data: Any) -> None:
    result = decode_or_error(data, tp)
    if isinstance(result, errors.APIResponseValidationError):
        assert result.path.startswith("$")
        assert result.schema
    elif isinstance(tp, type):
        assert isinstance(result, tp)
    else:
        assert isinstance(result, typing.get_args(tp))


@settings(max_examples=200, deadline=None)
@given(tp=st.sampled_from(HOOK_TYPES), data=st.dictionaries(st.sampled_from(KEYS), json_values, max_size=12))
def test_objects_with_real_keys_decode_or_raise_validation_error(tp: Any, data: dict[str, Any]) -> None:
    result = decode_or_error({"data": data, "cursor": data} | data, tp)
    if isinstance(result, errors.APIResponseValidationError):
        assert result.path.startswith("$")


# Named aliases of containers, and plain generics: decoded as strictly as models, errors with a path.
ALIAS_TYPES: list[Any] = [
    value for name, value in vars(models).items() if name.startswith("V2") and isinstance(value, types.GenericAlias)
]


def test_alias_types_are_known() -> None:
    assert {models.V2Volumes, models.V2Metadata, models.V2WorkflowInstanceHistoryList} <= set(ALIAS_TYPES)


@pytest.mark.parametrize(
    ("tp", "data", "schema", "path"),
    [
        (models.V2Volumes, {"EUR": {"input": "x"}}, "V2Volumes", "$.EUR.input"),
        (models.V2Metadata, {"a": 1}, "V2Metadata", "$.a"),
        (models.V2WorkflowInstanceHistoryList, [{}], "V2WorkflowInstanceHistoryList", "$[0].name"),
        (models.V2WorkflowInstanceHistoryStageList, {}, "V2WorkflowInstanceHistoryStageList", "$"),
        (list[models.V2Workflow], [workflow_json(), {"id": 1}], "list[V2Workflow]", "$[1].config"),
        (dict[str, Any], [], "dict[str, Any]", "$"),
        (
            dict[str, models.V2Stage],
            {"a": 3},
            "dict[str, V2Stage]",
            "$.a",
        ),
        (list[datetime], ["2024-06-01T10:20:30Z", "soon"], "list[datetime]", "$[1]"),
        (list[int], [1, 2.5], "list[int]", "$[1]"),
    ],
)
def test_aliases_and_generics_raise_validation_errors(tp: Any, data: Any, schema: str, path: str) -> None:
    with pytest.raises(errors.APIResponseValidationError) as info:
        structure(data, tp)
    assert info.value.schema == schema
    assert info.value.path == path


def test_aliases_and_generics_decode() -> None:
    volumes = structure({"EUR": {"input": BIG, "output": 0, "balance": BIG}}, models.V2Volumes)
    assert volumes == {"EUR": models.V2Volume(input=BIG, output=0, balance=BIG)}
    assert structure({"a": "b"}, models.V2Metadata) == {"a": "b"}
    workflows = structure([workflow_json()], list[models.V2Workflow])
    assert workflows[0].created_at.nanosecond == 789  # type: ignore[attr-defined]
    assert structure(["2024-06-01T10:20:30.000000001Z"], list[datetime])[0].nanosecond == 1  # type: ignore[attr-defined]
    assert converter.unstructure({"at": as_datetime("2024-06-01T10:20:30.000000001Z")}) == {
        "at": "2024-06-01T10:20:30.000000001Z"
    }
    assert unstructure(volumes) == {"EUR": {"input": BIG, "output": 0, "balance": BIG}}


@settings(max_examples=200, deadline=None)
@given(tp=st.sampled_from(ALIAS_TYPES), data=json_values)
def test_any_json_to_an_alias_decodes_or_raises_validation_error(tp: Any, data: Any) -> None:
    result = decode_or_error(data, tp)
    if isinstance(result, errors.APIResponseValidationError):
        assert result.path.startswith("$")
    else:
        assert isinstance(result, typing.get_origin(tp))


# -- round trip: decode(encode(model)) == model ---------------------------------------------------------------

aware_datetimes = st.builds(
    lambda dt, minutes, nanos: (
        NanoDatetime.from_datetime(dt.replace(tzinfo=timezone(timedelta(minutes=minutes))), nanos)
        if nanos
        else dt.replace(tzinfo=timezone(timedelta(minutes=minutes)))
    ),
    st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2200, 1, 1)),
    st.sampled_from([0, 0, 120, -330, 840, -720]) | st.integers(min_value=-1439, max_value=1439),
    st.sampled_from([0, 0, 1, 999]) | st.integers(min_value=0, max_value=999),
)
json_free = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=10,
)

STAGE_VARIANTS = set(typing.get_args(models.V2Stage))
SUBJECT_VARIANTS = set(typing.get_args(models.V2Subject))


@cache
def strategy_for(tp: Any) -> st.SearchStrategy[Any]:
    """Values of a model field's type, including big integers, NanoDatetimes and unknown enum values."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (types.UnionType, typing.Union):
        members = set(args) - {type(None)}
        if members == STAGE_VARIANTS:
            values = stage_strategy()
        elif members == SUBJECT_VARIANTS:
            values = subject_strategy()
        elif members == {int, float}:  # the document's "number"
            values = strategy_for(int) | st.floats(allow_nan=False, allow_infinity=False).filter(
                lambda x: not x.is_integer()
            )
        elif len(members) == 1:
            values = strategy_for(members.pop())
        else:
            raise AssertionError(f"unexpected union {tp}")
        return st.none() | values if type(None) in args else values
    if origin is list:
        return st.lists(strategy_for(args[0]), max_size=3)
    if origin is dict:
        return st.dictionaries(st.text(max_size=6), strategy_for(args[1]), max_size=3)
    if tp is Any:
        return json_free
    if tp is str:
        return st.text(max_size=10)
    if tp is bool:
        return st.booleans()
    if tp is int:
        return st.integers() | st.integers(min_value=-(2**100), max_value=2**100)
    if tp is float:
        return st.floats(allow_nan=False, allow_infinity=False)
    if tp is datetime:
        return aware_datetimes
    if isinstance(tp, type) and issubclass(tp, OpenEnum):
        return st.sampled_from(list(tp)) | st.text(max_size=8).map(tp)
    if isinstance(tp, type) and issubclass(tp, Enum):
        raise AssertionError(f"closed enum {tp}")
    if attrs.has(tp):
        return st.deferred(lambda: model_strategy(tp))
    raise AssertionError(f"no strategy for {tp!r}")


def model_strategy(cls: type[Any]) -> st.SearchStrategy[Any]:
    if cls is models.V2SubjectUnknown:  # its attributes restate its raw object: drawn together
        return subject_strategy().filter(lambda s: isinstance(s, cls))
    if cls is models.V2StageUnknown:
        return stage_strategy().filter(lambda s: isinstance(s, cls))
    hints = typing.get_type_hints(cls)
    fields = {f.name: strategy_for(hints[f.name]) for f in attrs.fields(cls)}
    if cls is models.V2LedgerAccountSubject:
        fields["type"] = st.just("ACCOUNT")
    if cls is models.V2WalletSubject:
        fields["type"] = st.just("WALLET")
    return st.builds(cls, **fields)


def stage_strategy() -> st.SearchStrategy[Any]:
    # anyOf is decided by which keys are present: only a stage carrying one of its own keys can come back as
    # itself (an empty delay is indistinguishable from an empty send).
    return (
        model_strategy(models.V2StageSend)
        | model_strategy(models.V2StageDelay).filter(lambda s: s.until is not None or s.duration is not None)
        | model_strategy(models.V2StageWaitEvent).filter(lambda s: s.event is not None)
        | model_strategy(models.V2Update).filter(lambda s: s.account is not None)
        # A newer server's stage: keys no known stage has.
        | st.dictionaries(st.sampled_from(["noop", "loop", "x-new"]), json_free, min_size=1).map(
            lambda raw: models.V2StageUnknown(raw=raw)
        )
    )


def subject_strategy() -> st.SearchStrategy[Any]:
    unknown = st.fixed_dictionaries(
        {"type": st.text(max_size=8).filter(lambda t: t not in ("ACCOUNT", "WALLET"))},
        optional={"identifier": st.text(max_size=6), "extra": json_free},
    ).map(lambda raw: models.V2SubjectUnknown(type=str(raw["type"]), raw=raw))
    return model_strategy(models.V2LedgerAccountSubject) | model_strategy(models.V2WalletSubject) | unknown


def encoded_times(value: Any) -> Any:
    """The wire form is the strict check: equality of datetimes ignores nanoseconds and offsets."""
    return json.dumps(unstructure(value), sort_keys=True)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data(), tp=st.sampled_from(HOOK_TYPES))
def test_decode_of_encode_is_identity(data: st.DataObject, tp: Any) -> None:
    model = data.draw(strategy_for(tp) if not isinstance(tp, type) else model_strategy(tp))
    wire = roundtrip_json(model)
    decoded = structure(wire, tp)
    assert decoded == model
    assert encoded_times(decoded) == encoded_times(model)


@given(aware_datetimes)
def test_datetime_round_trip_keeps_nanoseconds_and_offset(value: datetime) -> None:
    decoded = as_datetime(dump_datetime(value))
    assert decoded == value
    assert decoded.utcoffset() == value.utcoffset()
    assert getattr(decoded, "nanosecond", 0) == getattr(value, "nanosecond", 0)


# -- the fast structure paths and lazy timestamps ------------------------------------------------------------------

_TIMESTAMPS = st.one_of(
    st.datetimes(timezones=st.just(UTC)).map(lambda d: d.isoformat().replace("+00:00", "Z")),
    st.builds(
        lambda d, ns: d.strftime("%Y-%m-%dT%H:%M:%S.%f") + f"{ns:03d}Z",
        st.datetimes(),
        st.integers(0, 999),
    ),
    st.text(min_size=18, max_size=36),
    # The server's microsecond form with near misses in the fraction (LazyTimestamp reads that form itself).
    st.builds(
        lambda d, fraction: d.strftime("%Y-%m-%dT%H:%M:%S.") + fraction + "Z",
        st.datetimes(),
        st.text(alphabet="0123456789a .\u0667\uff17", min_size=6, max_size=6),
    ),
)
_ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


def _field_values(good: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(good, good, good, _ANY_JSON)


_STAGE_STATUS = st.fixed_dictionaries(
    {"stage": _field_values(st.integers(0, 9)), "instanceID": _field_values(st.text(max_size=5))},
    optional={
        "startedAt": _field_values(_TIMESTAMPS),
        "terminatedAt": _field_values(_TIMESTAMPS),
        "error": _field_values(st.text(max_size=5)),
        "temporalRunID": _field_values(st.text(max_size=5)),
    },
)
_INSTANCE = (
    st.fixed_dictionaries(
        {
            "workflowID": _field_values(st.text(max_size=5)),
            "id": _field_values(st.text(max_size=5)),
            "createdAt": _field_values(_TIMESTAMPS),
            "updatedAt": _field_values(_TIMESTAMPS),
            "terminated": _field_values(st.booleans()),
        },
        optional={"status": _field_values(st.lists(_STAGE_STATUS, max_size=3)), "error": _field_values(st.text())},
    )
    | _ANY_JSON
)


def _outcome(decode: Any, data: Any) -> tuple[str, Any]:
    """What decoding gives once every timestamp has been read: the value, or the error's schema/path."""
    try:
        value = decode(data)
        return "ok", unstructure(value)  # reads every attribute, timestamps included
    except (errors.APIResponseValidationError, DecodeError) as exc:
        return "error", type(exc).__name__


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(_INSTANCE)
def test_the_fast_structure_path_agrees_with_the_checking_one(data: Any) -> None:
    fast = _outcome(_codec.structure_v2_workflow_instance, data)
    checked = _outcome(_codec._checked_structure_v2_workflow_instance, data)
    if fast[0] == "error" or checked[0] == "error":
        # A malformed timestamp fails at decoding on one path and on first read on the other: both fail.
        assert fast[0] == checked[0] == "error"
    else:
        assert fast == checked


@given(_TIMESTAMPS)
def test_a_lazy_timestamp_reads_as_eager_decoding_would(text: str) -> None:
    body = workflow_json() | {"createdAt": text}
    try:
        expected: datetime | None = as_datetime(text)
    except DecodeError:
        expected = None
    try:
        workflow = structure(body, models.V2Workflow)
        got: datetime | None = workflow.created_at
    except errors.APIResponseValidationError:
        got = None
    assert got == expected
    assert type(got) is type(expected)
    assert getattr(got, "nanosecond", 0) == getattr(expected, "nanosecond", 0)


def test_models_with_lazy_timestamps_behave_like_plain_ones() -> None:
    import copy
    import pickle

    text = "2026-11-25T10:00:00.123456789Z"
    lazy = structure(workflow_json() | {"createdAt": text}, models.V2Workflow)
    eager = _codec._checked_structure_v2_workflow(workflow_json() | {"createdAt": text})
    assert type(lazy) is models.V2Workflow
    assert lazy == eager
    assert repr(lazy) == repr(eager)
    assert isinstance(lazy.created_at, NanoDatetime)
    assert lazy.created_at.nanosecond == 789
    for clone in (copy.copy(lazy), copy.deepcopy(lazy), pickle.loads(pickle.dumps(lazy)), attrs.evolve(lazy)):
        assert clone == eager
    assert attrs.asdict(lazy)["created_at"] == eager.created_at
    lazy.created_at = datetime(2020, 1, 1, tzinfo=UTC)  # assignment still works
    assert lazy.created_at == datetime(2020, 1, 1, tzinfo=UTC)
    assert unstructure(lazy)["createdAt"] == "2020-01-01T00:00:00Z"


def test_the_decoders_direct_stores_are_no_fields() -> None:
    """Decoders store lazy values through ``_raw_<name>``, the slot behind the attribute: it must not become a
    field (init argument, ``repr``, ``to_dict``), and it is the very slot the attribute reads."""
    classes = [c for c in vars(models).values() if isinstance(c, type) and attrs.has(c)]
    aliased = [c for c in classes if any(name.startswith("_raw_") for name in vars(c))]
    assert models.V2WorkflowInstance in aliased
    for cls in aliased:
        names = {f.name for f in attrs.fields(cls)}
        for alias in (name for name in vars(cls) if name.startswith("_raw_")):
            assert alias not in names, (cls, alias)
            assert alias.removeprefix("_raw_") in names, (cls, alias)
    instance = _codec._structure_v2_workflow_instance_in_list(instance_json(full=True))
    assert isinstance(instance._raw_status, tuple)  # a list item's nested JSON, not decoded yet
    assert isinstance(instance._raw_created_at, str)  # JSON text until first read ...
    created = instance.created_at
    stored: object = instance._raw_created_at
    assert stored is created  # ... then the datetime, in the same slot
    assert "_raw_" not in repr(instance)
    assert not any(key.startswith("_raw") for key in instance.to_dict())


def test_models_need_nothing_but_their_attributes_set() -> None:
    """The fast structure paths build models with object.__new__ and set every attribute: that is only the same
    as calling __init__ while the models have no validators, converters, factories or post-init hooks."""
    classes = [c for c in vars(models).values() if isinstance(c, type) and attrs.has(c)]
    assert len(classes) > 50
    for cls in classes:
        assert not hasattr(cls, "__attrs_post_init__"), cls
        assert not hasattr(cls, "__attrs_pre_init__"), cls
        for field in attrs.fields(cls):
            assert field.validator is None, (cls, field.name)
            assert field.converter is None, (cls, field.name)
            assert not isinstance(field.default, attrs.Factory), (cls, field.name)  # type: ignore[arg-type]


@pytest.mark.anyio
async def test_a_big_amount_survives_a_real_call_on_either_parser(server: RecordingServer, face: Face) -> None:
    amount = 10**30 + 7
    stage = {"send": {"amount": {"amount": amount, "asset": "EUR/2"}}}
    server.enqueue(Reply(200, {"data": workflow_json(stages=[stage])}))
    workflow = await face.call("get_workflow", WORKFLOW_ID)
    assert workflow.config.stages[0]["send"]["amount"]["amount"] == amount


@pytest.mark.parametrize("text", ["2026-11-25T10:00:00.123456abcZ", "2026-11-25T10:00:00.1234567 9Z"])
def test_a_timestamp_with_non_digits_past_the_microseconds_is_refused(text: str) -> None:
    """fromisoformat skips the digits past the sixth unread; they were turned into nanoseconds with int()."""
    with pytest.raises(DecodeError, match="RFC 3339"):
        as_datetime(text)


_GO_FRACTION = st.text(alphabet="0123456789", max_size=9)
_NEAR_MISS_FRACTION = st.text(alphabet="0123456789.a 7\u0667\uff17", max_size=10)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(
    moment=st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)),
    fraction=st.one_of(_GO_FRACTION, _NEAR_MISS_FRACTION),
    dot=st.sampled_from([".", ""]),
)
def test_the_fast_path_for_utc_timestamps_reads_as_the_general_parser(
    moment: datetime, fraction: str, dot: str
) -> None:
    """The server's UTC form ("...:30Z" to "...:30.123456789Z") takes a shortcut; near misses (empty fraction,
    non-ASCII digits, letters, too many digits) must meet the same answer or the same refusal."""
    from formance_orchestration._codec.primitives import _parse_datetime

    text = moment.strftime("%Y-%m-%dT%H:%M:%S") + dot + fraction + "Z"
    try:
        expected: datetime | None = _parse_datetime(text)
    except DecodeError:
        expected = None
    if expected is None:
        with pytest.raises(DecodeError, match="RFC 3339"):
            as_datetime(text)
        return
    value = as_datetime(text)
    assert value == expected
    assert type(value) is type(expected)
    assert getattr(value, "nanosecond", 0) == getattr(expected, "nanosecond", 0)


@pytest.mark.parametrize(
    ("text", "nanosecond"),
    [
        ("2026-11-25T10:00:00.1234567Z", 700),
        ("2026-11-25T10:00:00.12345607Z", 70),
        ("2026-11-25T10:00:00.123456070Z", 70),
        ("2026-11-25T10:00:00.123456000Z", 0),
    ],
)
def test_nanoseconds_past_the_sixth_digit_keep_their_place(text: str, nanosecond: int) -> None:
    value = as_datetime(text)
    assert getattr(value, "nanosecond", 0) == nanosecond
    assert isinstance(value, NanoDatetime) == bool(nanosecond)
    assert dump_datetime(value) == text.replace("000Z", "Z").replace("070Z", "07Z")
