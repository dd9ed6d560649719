"""Error mapping: statuses to exception classes, error bodies of every shape, invalid answers, network failures."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from formance_orchestration import AsyncOrchestrationClient, BearerToken, errors

from .server import RecordingServer, Reply, free_port

WORKFLOW: dict[str, Any] = {
    "id": "wf1",
    "config": {"name": "x", "stages": []},
    "createdAt": "2024-01-01T00:00:00Z",
    "updatedAt": "2024-01-01T00:00:00Z",
}


STATUS_CLASSES: list[tuple[int, type[errors.APIStatusError]]] = [
    (400, errors.BadRequestError),
    (401, errors.AuthenticationError),
    (403, errors.PermissionDeniedError),
    (404, errors.NotFoundError),
    (409, errors.ConflictError),
    (422, errors.UnprocessableEntityError),
    (429, errors.RateLimitError),
    (500, errors.InternalServerError),
    (502, errors.InternalServerError),
    (503, errors.InternalServerError),
    (504, errors.InternalServerError),
]


def test_hierarchy() -> None:
    for _, cls in STATUS_CLASSES:
        assert issubclass(cls, errors.APIStatusError)
    for branch in (
        errors.APIStatusError,
        errors.APIConnectionError,
        errors.APIResponseValidationError,
        errors.TokenError,
    ):
        assert issubclass(branch, errors.OrchestrationError)
    assert issubclass(errors.APITimeoutError, errors.APIConnectionError)
    assert set(errors.__all__) >= {cls.__name__ for _, cls in STATUS_CLASSES}


@pytest.mark.anyio
@pytest.mark.parametrize(("status", "cls"), STATUS_CLASSES)
async def test_status_maps_to_class_with_v2_error_body(
    server: RecordingServer, aclient: AsyncOrchestrationClient, status: int, cls: type[errors.APIStatusError]
) -> None:
    body = {"errorCode": "VALIDATION", "errorMessage": f"failure {status}"}
    server.enqueue(Reply(status, body))
    with pytest.raises(cls) as info:
        await aclient.v2.get_workflow("wf1", max_retries=0)
    exc = info.value
    assert type(exc) is cls
    assert exc.status_code == status
    assert exc.error_code == "VALIDATION"
    assert exc.error_message == f"failure {status}"
    assert exc.body == body
    assert isinstance(exc.response, httpx.Response)
    assert exc.response.status_code == status
    assert f"-> {status}" in str(exc)
    assert f"failure {status}" in str(exc)
    assert "/api/orchestration/v2/workflows/wf1" in str(exc)


@pytest.mark.anyio
@pytest.mark.parametrize("status", [405, 410, 418])
async def test_other_4xx_is_plain_api_status_error(
    server: RecordingServer, aclient: AsyncOrchestrationClient, status: int
) -> None:
    server.enqueue(Reply(status))
    with pytest.raises(errors.APIStatusError) as info:
        await aclient.v2.get_workflow("wf1")
    assert type(info.value) is errors.APIStatusError
    assert info.value.status_code == status


@pytest.mark.anyio
async def test_html_502_page(server: RecordingServer, aclient: AsyncOrchestrationClient) -> None:
    page = (
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1>"
        "</center>\r\n" + "<p>padding</p>\n" * 100 + "</body>\r\n</html>\r\n"
    )
    server.enqueue(Reply(502, page.encode(), headers={"Content-Type": "text/html"}))
    with pytest.raises(errors.InternalServerError) as info:
        await aclient.v2.get_workflow("wf1", max_retries=0)
    exc = info.value
    assert exc.status_code == 502
    assert exc.error_code is None
    assert exc.error_message is not None
    assert exc.error_message.startswith("<html> <head><title>502 Bad Gateway</title>")
    assert len(exc.error_message) <= 210
    assert exc.body == page
    assert "502 Bad Gateway" in str(exc)
    assert len(str(exc)) < 400


@pytest.mark.anyio
@pytest.mark.parametrize(("status", "cls"), STATUS_CLASSES)
async def test_empty_body(
    server: RecordingServer, aclient: AsyncOrchestrationClient, status: int, cls: type[errors.APIStatusError]
) -> None:
    server.enqueue(Reply(status))
    with pytest.raises(cls) as info:
        await aclient.v2.get_workflow("wf1", max_retries=0)
    exc = info.value
    assert exc.status_code == status
    assert exc.error_code is None
    assert exc.error_message is None
    assert exc.body is None
    assert str(exc).endswith(f"-> {status}")


@pytest.mark.anyio
async def test_text_plain_router_404(server: RecordingServer, aclient: AsyncOrchestrationClient) -> None:
    server.enqueue(Reply(404, b"404 page not found\n", headers={"Content-Type": "text/plain; charset=utf-8"}))
    with pytest.raises(errors.NotFoundError) as info:
        await aclient.v2.get_workflow("wf1")
    exc = info.value
    assert exc.status_code == 404
    assert exc.error_code is None
    assert exc.error_message == "404 page not found"
    assert exc.body == "404 page not found\n"


@pytest.mark.anyio
async def test_internal_not_found_keeps_500(server: RecordingServer, aclient: AsyncOrchestrationClient) -> None:
    server.enqueue(Reply(500, {"errorCode": "INTERNAL", "errorMessage": "sql: no rows in result set"}))
    with pytest.raises(errors.InternalServerError) as info:
        await aclient.v2.get_instance("missing")
    exc = info.value
    assert not isinstance(exc, errors.NotFoundError)
    assert exc.status_code == 500
    assert exc.error_code == "INTERNAL"
    assert exc.error_message == "sql: no rows in result set"


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("body", "code", "message"),
    [
        ({"errorCode": "SOMETHING_NEW"}, "SOMETHING_NEW", None),
        ({"errorMessage": "only a message"}, None, "only a message"),
        ({"error": "other shape"}, None, '{"error": "other shape"}'),
        ([1, 2], None, "[1, 2]"),
        ({"errorCode": 7, "errorMessage": None}, None, '{"errorCode": 7, "errorMessage": null}'),
    ],
)
async def test_odd_json_error_bodies(
    server: RecordingServer, aclient: AsyncOrchestrationClient, body: Any, code: str | None, message: str | None
) -> None:
    server.enqueue(Reply(400, body))
    with pytest.raises(errors.BadRequestError) as info:
        await aclient.v2.get_workflow("wf1")
    assert info.value.error_code == code
    assert info.value.error_message == message
    assert info.value.body == body


@pytest.mark.anyio
async def test_non_utf8_error_body(server: RecordingServer, aclient: AsyncOrchestrationClient) -> None:
    server.enqueue(Reply(400, b"\xff\xfe bad bytes"))
    with pytest.raises(errors.BadRequestError) as info:
        await aclient.v2.get_workflow("wf1")
    assert info.value.error_message is not None
    assert "bad bytes" in info.value.error_message


@pytest.mark.anyio
async def test_error_message_never_shows_credentials(server: RecordingServer) -> None:
    server.enqueue(Reply(500, {"errorCode": "INTERNAL", "errorMessage": "boom"}))
    async with AsyncOrchestrationClient(server.url, auth=BearerToken("very-secret-token"), max_retries=0) as client:
        with pytest.raises(errors.InternalServerError) as info:
            await client.v2.get_workflow("wf1", extra_headers={"X-Api-Key": "other-secret"})
    text = str(info.value) + repr(info.value)
    assert "very-secret-token" not in text
    assert "other-secret" not in text
    assert server.requests[0].headers["authorization"] == "Bearer very-secret-token"


# -- 2xx answers that do not decode ------------------------------------------------------------------------------


@pytest.mark.anyio
@pytest.mark.parametrize("raw", [b"not json", b"{", b"", b"<html>ok</html>"])
async def test_invalid_json_on_2xx(server: RecordingServer, aclient: AsyncOrchestrationClient, raw: bytes) -> None:
    server.enqueue(Reply(200, raw))
    with pytest.raises(errors.APIResponseValidationError) as info:
        await aclient.v2.get_workflow("wf1")
    exc = info.value
    assert exc.schema == "V2GetWorkflowResponse"
    assert exc.path == "$"
    assert "not valid JSON" in exc.reason
    assert exc.response is not None
    assert exc.response.status_code == 200
    assert "V2GetWorkflowResponse" in str(exc)
    # Not retried: the server answered.
    assert len(server.requests) == 1


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({**WORKFLOW, "createdAt": "yesterday"}, "$.data.createdAt"),
        ({**WORKFLOW, "createdAt": 12}, "$.data.createdAt"),
        ({k: v for k, v in WORKFLOW.items() if k != "id"}, "$.data.id"),
        ({**WORKFLOW, "config": {"stages": "nope"}}, "$.data.config.stages"),
        ("a string", "$.data"),
    ],
)
async def test_schema_mismatch_on_2xx(
    server: RecordingServer, aclient: AsyncOrchestrationClient, data: Any, path: str
) -> None:
    server.enqueue(Reply(200, {"data": data}))
    with pytest.raises(errors.APIResponseValidationError) as info:
        await aclient.v2.get_workflow("wf1")
    exc = info.value
    assert exc.schema == "V2GetWorkflowResponse"
    assert exc.path == path
    assert exc.reason
    assert path in str(exc)
    assert "V2GetWorkflowResponse" in str(exc)


@pytest.mark.anyio
async def test_schema_mismatch_in_list_item(server: RecordingServer, aclient: AsyncOrchestrationClient) -> None:
    bad = {**WORKFLOW, "updatedAt": None}
    server.enqueue(Reply(200, {"cursor": {"pageSize": 15, "hasMore": False, "data": [WORKFLOW, bad]}}))
    with pytest.raises(errors.APIResponseValidationError) as info:
        await aclient.v2.list_workflows()
    assert info.value.schema == "V2ListWorkflowsResponse"
    assert info.value.path == "$.cursor.data[1].updatedAt"


@pytest.mark.anyio
async def test_missing_envelope(server: RecordingServer, aclient: AsyncOrchestrationClient) -> None:
    server.enqueue(Reply(200, WORKFLOW))
    with pytest.raises(errors.APIResponseValidationError) as info:
        await aclient.v2.get_workflow("wf1")
    assert info.value.path == "$.data"


@pytest.mark.anyio
async def test_deeply_nested_body(server: RecordingServer, aclient: AsyncOrchestrationClient) -> None:
    server.enqueue(Reply(200, b"[" * 100_000 + b"]" * 100_000))
    with pytest.raises(errors.APIResponseValidationError):
        await aclient.v2.get_workflow("wf1")


# -- no usable answer --------------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_connection_refused() -> None:
    port = free_port()
    async with AsyncOrchestrationClient(f"http://127.0.0.1:{port}", max_retries=0) as client:
        with pytest.raises(errors.APIConnectionError) as info:
            await client.v2.get_workflow("wf1", extra_headers={"X-Query": "q"})
    exc = info.value
    assert not isinstance(exc, errors.APITimeoutError)
    assert isinstance(exc.__cause__, httpx.ConnectError)
    assert exc.request is not None
    # Which request, to which host and port, and why: the port shows a wrong one at once.
    assert str(exc) == f"GET http://127.0.0.1:{port}/api/orchestration/v2/workflows/wf1: connection refused"


@pytest.mark.anyio
async def test_read_timeout(server: RecordingServer, aclient: AsyncOrchestrationClient) -> None:
    server.enqueue(Reply(200, {"data": WORKFLOW}, delay=3))
    with pytest.raises(errors.APITimeoutError) as info:
        await aclient.v2.get_workflow("wf1", timeout=0.2, max_retries=0)
    assert isinstance(info.value, errors.APIConnectionError)
    assert isinstance(info.value.__cause__, httpx.ReadTimeout)
    assert str(info.value) == f"GET {server.url}/api/orchestration/v2/workflows/wf1: timed out waiting for the answer"


@pytest.mark.anyio
async def test_dropped_connection(server: RecordingServer, aclient: AsyncOrchestrationClient) -> None:
    server.enqueue(Reply(drop=True))
    with pytest.raises(errors.APIConnectionError) as info:
        await aclient.v2.get_workflow("wf1", max_retries=0)
    assert isinstance(info.value.__cause__, httpx.TransportError)


@pytest.mark.anyio
async def test_response_larger_than_limit(server: RecordingServer) -> None:
    server.enqueue(Reply(200, {"data": {**WORKFLOW, "id": "x" * 10_000}}))
    async with AsyncOrchestrationClient(server.url, max_response_bytes=2048) as client:
        with pytest.raises(errors.APIConnectionError, match="exceeds the 2048-byte limit") as info:
            await client.v2.get_workflow("wf1")
    assert not isinstance(info.value, errors.APITimeoutError)
    assert isinstance(info.value.__cause__, httpx.HTTPError)
    assert len(server.requests) == 1


@pytest.mark.anyio
async def test_error_body_larger_than_limit(server: RecordingServer) -> None:
    server.enqueue(Reply(500, b"x" * 10_000))
    async with AsyncOrchestrationClient(server.url, max_response_bytes=2048) as client:
        with pytest.raises(errors.APIConnectionError, match="limit"):
            await client.v2.get_workflow("wf1")


@pytest.mark.anyio
async def test_deeply_nested_error_body(server: RecordingServer, aclient: AsyncOrchestrationClient) -> None:
    nested = b"[" * 100_000 + b"]" * 100_000
    server.enqueue(Reply(400, nested))
    with pytest.raises(errors.BadRequestError) as info:
        await aclient.v2.get_workflow("wf1")
    assert info.value.error_code is None
    assert info.value.error_message is not None
    assert len(info.value.error_message) <= 210
