"""Generated bodies (item 2): every response schema decodes and re-encodes; every request body fits the document.

Bodies come from the document's own schemas through ``hypothesis-jsonschema``. Two shapes of response body:

- **document**: exactly what the document allows, objects closed so that nothing is dropped on decoding, with the
  :data:`~tests.contract._spec.NARROWINGS` applied (each is a named departure, tested on its own below);
- **server**: the document plus the :data:`~tests.contract._spec.WIDENINGS`, the fields and nulls the real
  server sends (``deletedAt: null``, ``stages: null``, ``temporalRunID``, ...).

Each must decode into our models and encode back to JSON equal to the input, modulo key order, ``null`` versus
absent, and the spelling of a timestamp (``Z`` versus ``+00:00``, trailing zeros of the fraction). Open-schema
bodies (unknown fields anywhere) must decode too. Request bodies the SDK encodes must validate with
``jsonschema`` against the document's request schemas.

These tests need the ``contract`` extra (``hypothesis-jsonschema``, ``jsonschema``); they skip without it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from formance_orchestration import OrchestrationClient, models
from formance_orchestration._codec.converter import structure
from formance_orchestration._generated import codec as _codec

from ..conftest import FAST_RETRIES, require_spec, spec_path
from ..server import RecordingServer, running_server
from . import _canned
from ._spec import (
    NARROWINGS,
    WIDENINGS,
    json_schema,
    normalise,
    operation_request_schemas,
    operation_response_schemas,
    snake,
)
from ._tally import count

pytestmark = pytest.mark.contract

pytest.importorskip("hypothesis_jsonschema", reason="needs the contract extra: pip install -e '.[contract]'")
pytest.importorskip("jsonschema", reason="needs the contract extra: pip install -e '.[contract]'")

import jsonschema  # type: ignore[import-not-found, import-untyped, unused-ignore]  # noqa: E402

from ._gen import component_bodies, request_bodies  # noqa: E402

RESPONSE_SCHEMAS = sorted(set(operation_response_schemas().values())) if spec_path() else []
REQUEST_OPERATIONS = ["testTrigger", "v2CreateTrigger", "v2CreateWorkflow", "v2RunWorkflow", "v2SendEvent"]
# Request schemas that have a model of their own: decoded and re-encoded through it as well.
REQUEST_MODELS = {
    "v2CreateTrigger": "V2TriggerData",
    "v2CreateWorkflow": "V2CreateWorkflowRequest",
    "v2RunWorkflow": "V2RunWorkflowRequest",
}

SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


def codec(schema: str) -> tuple[Callable[[Any], Any], Callable[[Any], Any]]:
    """The generated structure and unstructure functions of a component."""
    name = snake(schema)
    return getattr(_codec, f"structure_{name}"), getattr(_codec, f"unstructure_{name}")


@cache
def validator(root: str | None, operation: str | None = None) -> Any:
    """A ``jsonschema`` validator for the document's schema (a component, or an operation's request body)."""
    schema = json_schema(root) if root else json_schema(operation_request_schemas()[operation or ""])
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(autouse=True)
def _spec_present() -> None:
    require_spec()


# -- responses ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("shape", ["document", "server"])
@pytest.mark.parametrize("schema", RESPONSE_SCHEMAS)
@SETTINGS
@given(data=st.data())
def test_response_bodies_round_trip(schema: str, shape: str, data: st.DataObject) -> None:
    body = data.draw(component_bodies(schema, True, shape), label="body")
    if shape == "document":
        validator(schema).validate(body)  # the generator's output really is what the document allows
    structure_fn, unstructure_fn = codec(schema)
    decoded = structure_fn(body)
    encoded = json.loads(json.dumps(unstructure_fn(decoded)))
    assert normalise(encoded) == normalise(body), f"{schema} does not round-trip"
    count(f"generated bodies: {schema} ({shape}, round trip)")


@pytest.mark.parametrize("schema", RESPONSE_SCHEMAS)
@settings(SETTINGS, max_examples=15)
@given(data=st.data())
def test_response_bodies_with_unknown_fields_decode(schema: str, data: st.DataObject) -> None:
    """Open objects as the document declares them: any extra key anywhere, of any type, is tolerated."""
    body = data.draw(component_bodies(schema, False, "document"), label="body")
    structure_fn, _ = codec(schema)
    structure_fn(body)
    count(f"generated bodies: {schema} (open, decode)")


def test_a_fractional_stage_decodes() -> None:
    """The document types V2StageStatus.stage as `number`: a fraction is document-valid and decodes (no departure)."""
    assert not NARROWINGS
    status = {"stage": 1.5, "instanceID": "i1", "startedAt": "2024-06-01T10:20:30Z"}
    validator("V2StageStatus").validate(status)
    assert structure(status, models.V2StageStatus).stage == 1.5
    integral = _codec.structure_v2_stage_status({**status, "stage": 2.0}).stage
    assert integral == 2
    assert type(integral) is int


def test_departures_match_the_generator_overrides() -> None:
    """The departures named here are the generator's (tools/codegen/overrides.py), no more, no fewer."""
    from tools.codegen import overrides

    extra = {(s, f) for s, fields in overrides.EXTRA_FIELDS.items() for f in fields}
    not_required = {(s, f) for s, fields in overrides.NOT_REQUIRED.items() for f in fields}
    widened = {(d.schema, d.field) for d in WIDENINGS if d.replacement is not None and not d.nullable}
    widened |= {(d.schema, d.field) for d in WIDENINGS if d.schema == "V2Workflow" or d.schema == "V2Trigger"}
    assert widened == extra, "WIDENINGS and overrides.EXTRA_FIELDS disagree"
    assert {(d.schema, d.field) for d in WIDENINGS if d.optional} == not_required
    assert {(d.schema, d.field) for d in NARROWINGS} == set(overrides.TYPE_FIXES)
    assert overrides.PATH_FALLBACKS == {"v2GetServerInfo": ("/_info", "/v2/_info")}, "see test_prism.py"


def test_aliases_decode_the_servers_capitalised_keys() -> None:
    """Departure (§11.12): CreateTransaction input is ``{"Ledger", "Data"}`` on the wire; both spellings decode."""
    from tools.codegen import overrides

    assert set(overrides.ALIASES) == {
        ("V2ActivityCreateTransaction", "ledger"),
        ("V2ActivityCreateTransaction", "data"),
    }
    decoded = _codec.structure_v2_activity_create_transaction({"Ledger": "main", "Data": {"metadata": {}}})
    assert decoded.ledger == "main"
    assert decoded.data is not None


# -- requests ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def recording() -> Iterator[tuple[RecordingServer, OrchestrationClient]]:
    with running_server() as server:
        server.handler = _canned.answer
        with OrchestrationClient(server.url, api_prefix="", retries=FAST_RETRIES) as client:
            yield server, client


def send(client: OrchestrationClient, operation: str, body: Any) -> None:
    """Call the SDK operation whose request body is ``body`` (arguments built from the body's fields)."""
    v2 = client.v2
    if operation == "v2CreateTrigger":
        args = {("workflow_id" if k == "workflowID" else k): v for k, v in body.items()}
        v2.create_trigger(**args)
    elif operation == "testTrigger":
        v2.test_trigger("t1", event=body)
    elif operation == "v2CreateWorkflow":
        v2.create_workflow(**body)
    elif operation == "v2RunWorkflow":
        # The body is what is checked here, not the run's variables against the workflow's stages.
        v2.run_workflow("w1", variables=body, check_variables=False)
    elif operation == "v2SendEvent":
        v2.send_event("i1", **body)
    else:  # pragma: no cover
        raise AssertionError(operation)


@pytest.mark.parametrize("operation", REQUEST_OPERATIONS)
@SETTINGS
@given(data=st.data())
def test_request_bodies_fit_the_document(
    operation: str, recording: tuple[RecordingServer, OrchestrationClient], data: st.DataObject
) -> None:
    server, client = recording
    schema = operation_request_schemas()[operation]
    body = data.draw(request_bodies(operation), label="body")
    before = len(server.requests)
    send(client, operation, body)
    (sent,) = server.requests[before:]
    assert sent.headers.get("content-type") == "application/json"
    on_wire = sent.json()
    validator(None, operation).validate(on_wire)
    assert on_wire == body, f"{operation}: the SDK changed the body on its way out"
    count(f"generated bodies: {schema.get('$ref', operation).rsplit('/', 1)[-1]} (request, sent)")
    model = REQUEST_MODELS.get(operation)
    if model is not None:
        structure_fn, unstructure_fn = codec(model)
        encoded = unstructure_fn(structure_fn(body))
        validator(model).validate(encoded)
        assert normalise(encoded) == normalise(body)
        count(f"generated bodies: {model} (request model, encoded)")


def test_test_trigger_keeps_null_fields(recording: tuple[RecordingServer, OrchestrationClient]) -> None:
    server, client = recording
    client.v2.test_trigger("t1", event={"a": None, "b": 1})
    assert server.requests[-1].json() == {"a": None, "b": 1}
