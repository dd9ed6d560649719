"""The public surface is a contract (design.md): exported names, the error hierarchy, and both faces of v2."""

from __future__ import annotations

import inspect
import socket
from collections.abc import AsyncIterator
from typing import Any

import anyio
import httpx
import pytest

import formance_orchestration
from formance_orchestration import (
    NOT_GIVEN,
    AsyncOrchestrationClient,
    BearerToken,
    ClientCredentials,
    OrchestrationClient,
    RetryPolicy,
    errors,
    models,
)
from formance_orchestration._generated.v2 import AsyncV2
from formance_orchestration._generated.v2_sync import V2

from .server import RecordingServer, Reply
from .test_v2 import FACES, Face, FaceKind, open_face

EXPORTS = {
    "AsyncOrchestrationClient",
    "OrchestrationClient",
    "ClientCredentials",
    "BearerToken",
    "RetryPolicy",
    "models",
    "errors",
    "stages",
    "load_workflow_config",
    "validate_workflow_config",
    "workflow_variables",
    "WorkflowConfigError",
    "cloud_url",
    "converter",
    "AsyncPage",
    "AsyncPaginator",
    "SyncPage",
    "RawResponse",
    "NanoDatetime",
    "StageLike",
    "StageProgress",
    "StageState",
    "ProgressCallback",
    "NOT_GIVEN",
    "NotGiven",
    "DEFAULT_TIMEOUT",
    "DEFAULT_LIMITS",
    "Hooks",
    "AttemptEvent",
    "ResponseEvent",
    "RetryEvent",
    "TokenEvent",
    "HookRequest",
    "__version__",
}
# The names design.md's "Public API" section imports.
DESIGN_EXPORTS = {
    "AsyncOrchestrationClient",
    "OrchestrationClient",
    "ClientCredentials",
    "BearerToken",
    "RetryPolicy",
    "models",
    "errors",
}


def test_all_is_exactly_the_public_names() -> None:
    exported = formance_orchestration.__all__
    assert len(exported) == len(set(exported)), "duplicates in __all__"
    assert set(exported) == EXPORTS
    assert set(exported) >= DESIGN_EXPORTS
    for name in exported:
        assert getattr(formance_orchestration, name) is not None, name
    namespace: dict[str, Any] = {}
    exec("from formance_orchestration import *", namespace)
    assert set(namespace) - {"__builtins__"} == EXPORTS


def test_nothing_public_outside_all() -> None:
    public = {name for name in vars(formance_orchestration) if not name.startswith("_")}
    extra = {
        name
        for name in public - set(formance_orchestration.__all__)
        if not inspect.ismodule(getattr(formance_orchestration, name))
    }
    assert not extra, f"public names missing from __all__: {sorted(extra)}"


def test_exports_are_the_real_objects() -> None:
    assert formance_orchestration.models is models
    assert formance_orchestration.errors is errors
    assert formance_orchestration.NOT_GIVEN is NOT_GIVEN
    assert isinstance(formance_orchestration.__version__, str)
    assert isinstance(formance_orchestration.DEFAULT_TIMEOUT, httpx.Timeout)
    assert isinstance(formance_orchestration.DEFAULT_LIMITS, httpx.Limits)
    assert isinstance(RetryPolicy(), RetryPolicy)
    assert "s3cr3t" not in repr(ClientCredentials(client_id="id", client_secret="s3cr3t"))
    assert "t0k3n" not in repr(BearerToken(token="t0k3n"))


def test_client_constructors_take_the_design_keywords() -> None:
    design = ["base_url", "auth", "timeout", "retries", "headers", "http_client", "api_prefix"]
    async_init = inspect.signature(AsyncOrchestrationClient.__init__).parameters
    sync_init = inspect.signature(OrchestrationClient.__init__).parameters
    assert [p for p in async_init if p != "self"][: len(design)] == design
    assert describe(async_init) == describe(sync_init)
    assert async_init["api_prefix"].default == "/api/orchestration"
    assert async_init["auth"].default is None


# -- errors ---------------------------------------------------------------------------------------------------

HIERARCHY: dict[str, str] = {
    "APIStatusError": "OrchestrationError",
    "BadRequestError": "APIStatusError",
    "AuthenticationError": "APIStatusError",
    "PermissionDeniedError": "APIStatusError",
    "NotFoundError": "APIStatusError",
    "ConflictError": "APIStatusError",
    "UnprocessableEntityError": "APIStatusError",
    "RateLimitError": "APIStatusError",
    "InternalServerError": "APIStatusError",
    "APIConnectionError": "OrchestrationError",
    "APITimeoutError": "APIConnectionError",
    "APIResponseValidationError": "OrchestrationError",
    "TokenError": "OrchestrationError",
}
# Beyond design.md: raised by the waiting helpers on client.v2 (wait_for_instance, run_workflow_and_wait).
EXTRA_ERRORS: dict[str, str] = {
    "WaitTimeoutError": "OrchestrationError",
    "WorkflowFailedError": "OrchestrationError",
    # A hook given to the client raised (issue 17: hooks).
    "HookError": "OrchestrationError",
}


def test_error_hierarchy_is_exactly_the_design() -> None:
    assert errors.OrchestrationError.__bases__ == (Exception,)
    for name, parent in (HIERARCHY | EXTRA_ERRORS).items():
        cls = getattr(errors, name)
        assert cls.__bases__ == (getattr(errors, parent),), name
        assert issubclass(cls, errors.OrchestrationError)
    # Refused before any request: an argument error (ValueError) and a warning, outside the hierarchy.
    assert errors.MissingVariablesError.__bases__ == (ValueError,)
    assert errors.UnusedVariablesWarning.__bases__ == (UserWarning,)
    before_any_request = {"MissingVariablesError", "UnusedVariablesWarning"}
    assert set(errors.__all__) == {"OrchestrationError", *HIERARCHY, *EXTRA_ERRORS, *before_any_request}
    defined = {
        name
        for name, value in vars(errors).items()
        if isinstance(value, type) and issubclass(value, BaseException) and value.__module__ == errors.__name__
    }
    assert defined == set(errors.__all__)


STATUS_CLASSES = [
    (400, errors.BadRequestError),
    (401, errors.AuthenticationError),
    (403, errors.PermissionDeniedError),
    (404, errors.NotFoundError),
    (409, errors.ConflictError),
    (418, errors.APIStatusError),
    (422, errors.UnprocessableEntityError),
    (429, errors.RateLimitError),
    (500, errors.InternalServerError),
    (502, errors.InternalServerError),
    (503, errors.InternalServerError),
]


@pytest.fixture(params=FACES)
async def face(request: pytest.FixtureRequest, server: RecordingServer) -> AsyncIterator[Face]:
    kind: FaceKind = request.param
    async with open_face(kind, server) as opened:
        yield opened


@pytest.mark.anyio
async def test_status_errors_by_status(server: RecordingServer, face: Face) -> None:
    for status, cls in STATUS_CLASSES:
        server.enqueue(Reply(status, {"errorCode": "INTERNAL", "errorMessage": f"failed with {status}"}))
        with pytest.raises(errors.APIStatusError) as info:
            await face.call("get_workflow", "w1", max_retries=0)
        assert type(info.value) is cls, status
        assert info.value.status_code == status
        assert info.value.error_code == "INTERNAL"
        assert info.value.error_message == f"failed with {status}"
        assert info.value.response.status_code == status
        assert info.value.body == {"errorCode": "INTERNAL", "errorMessage": f"failed with {status}"}
    assert len(server.requests) == len(STATUS_CLASSES)


def unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.mark.anyio
@pytest.mark.parametrize("kind", FACES)
async def test_connection_and_timeout_errors(kind: FaceKind, server: RecordingServer) -> None:
    async with open_face(kind, server) as face:
        server.enqueue(Reply(200, {"version": "x"}, delay=0.5))
        with pytest.raises(errors.APITimeoutError) as timeout:
            await face.call("get_server_info", timeout=0.1, max_retries=0)
        assert isinstance(timeout.value.__cause__, httpx.TimeoutException)
        assert isinstance(timeout.value, errors.APIConnectionError)
        # Let the slow answer hit the closed socket while the test still runs (its complaint stays captured).
        await anyio.sleep(0.6)
    refused_url = f"http://127.0.0.1:{unused_port()}"  # nothing listens there
    async with open_face(kind, server, url=refused_url) as refused:
        with pytest.raises(errors.APIConnectionError) as connection:
            await refused.call("get_server_info", max_retries=0)
    assert not isinstance(connection.value, errors.APITimeoutError)
    assert isinstance(connection.value.__cause__, httpx.HTTPError)


@pytest.mark.anyio
async def test_token_error(server: RecordingServer) -> None:
    server.enqueue(Reply(401, {"error": "invalid_client", "error_description": "bad secret"}))
    auth = ClientCredentials(client_id="id", client_secret="nope", token_url=server.url + "/api/auth/oauth/token")
    async with AsyncOrchestrationClient(server.url, auth=auth, max_retries=0) as aclient:
        with pytest.raises(errors.TokenError) as info:
            await aclient.v2.get_workflow("w1")
    assert info.value.status_code == 401
    assert info.value.error == "invalid_client"
    assert "nope" not in str(info.value)
    assert [r.path for r in server.requests] == ["/api/auth/oauth/token"]


# -- client.v2: the design table, identical on both faces -----------------------------------------------------

REQUIRED = inspect.Parameter.empty
# design.md's method table: name -> (path parameters, keyword-only parameters with defaults), and the result.
DESIGN_METHODS: dict[str, tuple[list[str], dict[str, Any], str]] = {
    "get_server_info": ([], {}, "V2ServerInfo"),
    "list_triggers": ([], {"cursor": None, "page_size": None, "name": None}, "page V2Trigger"),
    "create_trigger": (
        [],
        {"event": REQUIRED, "workflow_id": REQUIRED, "name": None, "filter": None, "vars": None, "version": None},
        "V2Trigger",
    ),
    "read_trigger": (["trigger_id"], {}, "V2Trigger"),
    "delete_trigger": (["trigger_id"], {}, "None"),
    "test_trigger": (["trigger_id"], {"event": REQUIRED}, "V2TriggerTest"),
    "list_triggers_occurrences": (["trigger_id"], {"cursor": None, "page_size": None}, "page V2TriggerOccurrence"),
    "list_workflows": ([], {"cursor": None, "page_size": None}, "page V2Workflow"),
    "create_workflow": ([], {"stages": REQUIRED, "name": None}, "V2Workflow"),
    "get_workflow": (["flow_id"], {}, "V2Workflow"),
    "delete_workflow": (["flow_id"], {}, "None"),
    "run_workflow": (["workflow_id"], {"variables": None, "wait": None}, "V2WorkflowInstance"),
    "list_instances": (
        [],
        {"cursor": None, "page_size": None, "workflow_id": None, "running": None},
        "page V2WorkflowInstance",
    ),
    "get_instance": (["instance_id"], {}, "V2WorkflowInstance"),
    "send_event": (["instance_id"], {"name": REQUIRED}, "None"),
    "cancel_event": (["instance_id"], {}, "None"),
    "get_instance_history": (["instance_id"], {}, "list V2WorkflowInstanceHistory"),
    "get_instance_stage_history": (["instance_id", "number"], {}, "list V2WorkflowInstanceHistoryStage"),
}
PER_CALL = {"timeout": NOT_GIVEN, "extra_headers": None, "retries": NOT_GIVEN, "max_retries": NOT_GIVEN}
# Hand-written helpers client.v2 adds to the generated operations (not in design.md's table).
HELPERS = {"wait_for_instance", "run_workflow_and_wait"}


def describe(parameters: Any) -> list[tuple[str, Any, Any, Any]]:
    return [(p.name, p.kind, p.default, p.annotation) for p in parameters.values()]


def public_methods(cls: type) -> dict[str, Any]:
    return {name: fn for name, fn in inspect.getmembers(cls, inspect.isfunction) if not name.startswith("_")}


def test_generated_faces_have_exactly_the_design_methods() -> None:
    assert set(public_methods(AsyncV2)) == set(DESIGN_METHODS)
    assert set(public_methods(V2)) == set(DESIGN_METHODS)


@pytest.mark.anyio
async def test_client_v2_faces_have_the_same_methods(
    aclient: AsyncOrchestrationClient, client: OrchestrationClient
) -> None:
    async_methods = public_methods(type(aclient.v2))
    sync_methods = public_methods(type(client.v2))
    assert set(async_methods) == set(sync_methods) == set(DESIGN_METHODS) | HELPERS
    assert isinstance(aclient.v2, AsyncV2)
    assert isinstance(client.v2, V2)
    for name in async_methods:
        a = inspect.signature(async_methods[name])
        s = inspect.signature(sync_methods[name])
        assert describe(a.parameters) == describe(s.parameters), name
    raw_async = public_methods(type(aclient.v2.with_raw_response))
    raw_sync = public_methods(type(client.v2.with_raw_response))
    assert set(raw_async) == set(raw_sync) == set(DESIGN_METHODS)
    for name in raw_async:
        assert describe(inspect.signature(raw_async[name]).parameters) == describe(
            inspect.signature(async_methods[name]).parameters
        ), name


@pytest.mark.parametrize("name", sorted(DESIGN_METHODS))
def test_signature_matches_the_design_table(name: str) -> None:
    path_params, keywords, result = DESIGN_METHODS[name]
    for face in (AsyncV2, V2):
        signature = inspect.signature(getattr(face, name))
        params = list(signature.parameters.values())[1:]
        positional = [p.name for p in params if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD]
        assert positional == path_params, (face, name)
        assert all(p.default is REQUIRED for p in params if p.name in path_params)
        keyword_only = {p.name: p.default for p in params if p.kind is inspect.Parameter.KEYWORD_ONLY}
        assert keyword_only == keywords | PER_CALL, (face, name)
        assert len(params) == len(path_params) + len(keyword_only)
    async_fn = getattr(AsyncV2, name)
    sync_fn = getattr(V2, name)
    assert not inspect.iscoroutinefunction(sync_fn)
    async_return = inspect.signature(async_fn).return_annotation
    sync_return = inspect.signature(sync_fn).return_annotation
    kind, _, model = result.rpartition(" ")
    if kind == "page":
        # A plain function returning an AsyncPaginator: awaitable for the first page and async-iterable.
        assert not inspect.iscoroutinefunction(async_fn)
        assert async_return == f"AsyncPaginator[models.{model}]"
        assert sync_return == f"SyncPage[models.{model}]"
    else:
        assert inspect.iscoroutinefunction(async_fn)
        expected = {"": f"models.{model}", "list": f"list[models.{model}]"}[kind] if model != "None" else "None"
        assert async_return == sync_return == expected
        if model != "None":
            assert hasattr(models, model)
