"""Every JSON body of a sample run validates against the OpenAPI response schemas (where the server agrees).

The document lives in ``../shared/openapi/orchestration-v2.yaml``; the test skips cleanly when it, PyYAML or
jsonschema is missing. Known disagreements (server-behaviour.md §11) are excluded from the run, not from the
check: workflows always have a ``stages`` array here and trigger tests always have a matching filter and vars.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import httpx
import pytest

from formance_orchestration.testing import FakeOrchestration

from .conftest import create_workflow, require_shared, run


def _load_schemas() -> dict[str, Any]:
    yaml = pytest.importorskip("yaml")
    pytest.importorskip("jsonschema")
    path = require_shared("openapi", "orchestration-v2.yaml")
    document: dict[str, Any] = yaml.safe_load(path.read_text())
    return document


def _nullable_to_json_schema(node: Any) -> Any:
    """OpenAPI 3.0 ``nullable: true`` becomes ``anyOf [schema, null]`` for a JSON Schema validator."""
    if isinstance(node, dict):
        converted = {key: _nullable_to_json_schema(value) for key, value in node.items()}
        if converted.pop("nullable", False):
            return {"anyOf": [converted, {"type": "null"}]}
        return converted
    if isinstance(node, list):
        return [_nullable_to_json_schema(item) for item in node]
    return node


def _response_schema(document: dict[str, Any], method: str, path: str, status: int) -> dict[str, Any] | None:
    if path == "/_info":
        path = "/v2/_info"  # the document's path for the info endpoint the server serves at /_info
    for template, operations in document["paths"].items():
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "/?$"
        if not re.match(pattern, path) or method.lower() not in operations:
            continue
        responses = operations[method.lower()]["responses"]
        response = responses.get(str(status)) or responses.get("default")
        if "$ref" in response:
            response = document["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
        content = response.get("content")
        if not content:
            return None
        schema: dict[str, Any] = content["application/json"]["schema"]
        return schema
    raise AssertionError(f"no documented operation for {method} {path}")


def _sample_run(fake: FakeOrchestration, http: httpx.Client) -> list[httpx.Response]:
    responses: list[httpx.Response] = []

    def keep(response: httpx.Response) -> httpx.Response:
        responses.append(response)
        return response

    send = {
        "send": {
            "source": {"account": {"id": "a", "ledger": "l1"}},
            "destination": {"account": {"id": "b", "ledger": "l2"}},
            "amount": {"amount": "${amount}", "asset": "EUR/2"},
        }
    }
    wallet_send = {
        "send": {
            "source": {"account": {"id": "a", "ledger": "l1"}},
            "destination": {"wallet": {"name": "main"}},
            "amount": {"amount": "10", "asset": "EUR/2"},
        }
    }
    workflow_id = create_workflow(http, [{"delay": {"duration": "1m"}}, {"wait_event": {"event": "go"}}, send])
    keep(http.get(f"/v2/workflows/{workflow_id}"))
    keep(http.post("/v2/workflows", json={"name": "w", "stages": [wallet_send, {"noop": {}}]}))
    keep(http.get("/v2/workflows", params={"pageSize": "1"}))
    instance_id = run(http, workflow_id, {"amount": "100"})
    keep(http.post(f"/v2/workflows/{workflow_id}/instances", json={"amount": "1"}))
    keep(http.post(f"/v2/workflows/{workflow_id}/instances", params={"wait": "true"}))
    keep(http.get(f"/v2/instances/{instance_id}"))
    fake.advance(60)
    keep(http.post(f"/v2/instances/{instance_id}/events", json={"name": "go"}))
    keep(http.get(f"/v2/instances/{instance_id}"))
    keep(http.get("/v2/instances", params={"pageSize": "2"}))
    keep(http.get(f"/v2/instances/{instance_id}/history"))
    keep(http.get(f"/v2/instances/{instance_id}/stages/2/history"))
    keep(http.get(f"/v2/instances/{instance_id}/stages/0/history"))
    keep(http.put(f"/v2/instances/{instance_id}/abort"))
    trigger = keep(
        http.post(
            "/v2/triggers",
            json={"event": "E", "workflowID": workflow_id, "filter": "event.x > 1", "vars": {"amount": "event.x"}},
        )
    ).json()["data"]
    keep(http.get(f"/v2/triggers/{trigger['id']}"))
    keep(http.get("/v2/triggers"))
    keep(http.post(f"/v2/triggers/{trigger['id']}/test", json={"x": 5}))
    fake.emit_event("E", {"x": 5})
    keep(http.get(f"/v2/triggers/{trigger['id']}/occurrences"))
    keep(http.get("/_info"))
    # JSON error bodies.
    keep(http.get("/v2/workflows/unknown"))
    keep(http.post("/v2/workflows", content=b"{"))
    keep(http.delete("/v2/workflows/nope"))
    keep(http.get("/v2/instances/unknown/stages/0/history"))
    keep(http.get("/v2/workflows", params={"pageSize": "x"}))

    # A pending retrying activity and a failed stage.
    fake.fail_stage(error="insufficient funds", stage_type="send", times=1)
    failed = run(http, workflow_id, {"amount": "3"})
    fake.advance(60)
    keep(http.post(f"/v2/instances/{failed}/events", json={"name": "go"}))
    keep(http.get(f"/v2/instances/{failed}"))
    keep(http.get(f"/v2/instances/{failed}/stages/2/history"))
    fake.fail_stage(error="ledger unavailable", stage_type="send", retry=True, times=1)
    retrying = run(http, workflow_id, {"amount": "4"})
    fake.advance(60)
    keep(http.post(f"/v2/instances/{retrying}/events", json={"name": "go"}))
    fake.advance(30)
    keep(http.get(f"/v2/instances/{retrying}/stages/2/history"))
    keep(http.get(f"/v2/instances/{retrying}/history"))
    keep(http.delete(f"/v2/triggers/{trigger['id']}"))
    keep(http.delete(f"/v2/workflows/{workflow_id}"))
    return responses


def test_responses_match_the_document() -> None:
    document = _load_schemas()
    # Imported as modules (typed Any): jsonschema is an optional test dependency without bundled stubs.
    jsonschema: Any = pytest.importorskip("jsonschema")
    referencing: Any = pytest.importorskip("referencing")
    referencing_jsonschema: Any = pytest.importorskip("referencing.jsonschema")
    converted = _nullable_to_json_schema(copy.deepcopy(document))
    resource = referencing.Resource.from_contents(converted, default_specification=referencing_jsonschema.DRAFT4)
    registry = referencing.Registry().with_resource("urn:orchestration", resource)
    fake = FakeOrchestration()
    with httpx.Client(transport=fake.transport, base_url="http://fake") as http:
        responses = _sample_run(fake, http)
    checked = 0
    for response in responses:
        request = response.request
        schema = _response_schema(document, request.method, request.url.path, response.status_code)
        if schema is None:
            assert response.content == b"", request.url
            continue
        ref = schema["$ref"].removeprefix("#")
        validator = jsonschema.Draft4Validator({"$ref": "urn:orchestration#" + ref}, registry=registry)
        errors = sorted(validator.iter_errors(response.json()), key=lambda e: list(e.path))
        assert not errors, f"{request.method} {request.url.path} -> {response.status_code}: {errors[0].message}"
        checked += 1
    assert checked >= 26
    assert fake.server_errors == []
