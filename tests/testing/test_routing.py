"""Routing, prefixes, non-JSON answers, authentication and the token endpoint."""

from __future__ import annotations

import httpx
import pytest

from formance_orchestration.testing import OPERATIONS, FakeOrchestration
from formance_orchestration.testing._routes import route


@pytest.mark.parametrize("prefix", ["", "/api/orchestration"])
def test_info_and_health(fake: FakeOrchestration, prefix: str) -> None:
    with httpx.Client(transport=fake.transport, base_url="http://fake" + prefix) as http:
        info = http.get("/_info")
        assert info.status_code == 200
        assert info.json() == {"version": "develop"}
        assert info.headers["content-type"] == "application/json"
        assert http.get("/_healthcheck").json() == {"default": "OK"}
        not_served = http.get("/v2/_info")
        assert not_served.status_code == 404
        assert not_served.text == "404 page not found\n"
        assert not_served.headers["content-type"] == "text/plain; charset=utf-8"


def test_version_is_configurable() -> None:
    assert FakeOrchestration(version="v2.3.1").handle("GET", "/_info")[2] == b'{"version":"v2.3.1"}\n'


@pytest.mark.parametrize(
    ("method", "path", "status", "body"),
    [
        ("GET", "/api/ledger/v2", 404, b"404 Not Found"),
        ("GET", "/api", 404, b"404 Not Found"),
        ("GET", "/workflows", 404, b"404 page not found\n"),  # v1 is not implemented
        ("GET", "/v2/unknown", 404, b"404 page not found\n"),
        ("GET", "/v2/triggers/x/occurrences/", 404, b"404 page not found\n"),
        ("GET", "/v2/instances/x/stages/0", 404, b"404 page not found\n"),
        ("GET", "/v2/workflows//", 404, b"404 page not found\n"),
        ("PATCH", "/v2/workflows", 405, b""),
        ("HEAD", "/v2/workflows", 405, b""),
        ("POST", "/_info", 405, b""),
        ("GET", "/v2/instances/x/abort", 405, b""),
    ],
)
def test_unrouted_requests(fake: FakeOrchestration, method: str, path: str, status: int, body: bytes) -> None:
    answer_status, headers, answer = fake.handle(method, path)
    assert (answer_status, answer) == (status, body)
    if status == 405:
        assert ("Content-Type", "application/json") in headers
        assert any(name == "Allow" for name, _ in headers)


# (method, path) -> (status, body, Allow lines): chi's answers (mux.go:462-466, :520-528; server-facts.md §b).
METHOD_CASES: list[tuple[str, str, int, bytes, list[str] | None]] = [
    ("PATCH", "/v2/workflows", 405, b"", ["GET", "POST"]),
    ("TRACE", "/v2/workflows", 405, b"", ["GET", "POST"]),
    ("OPTIONS", "/v2/workflows/w", 405, b"", ["GET", "DELETE"]),
    ("HEAD", "/v2/instances/i/history", 405, b"", ["GET"]),
    ("GET", "/v2/workflows/w/instances", 405, b"", ["POST"]),
    ("POST", "/_info", 405, b"", ["GET"]),
    ("PUT", "/_healthcheck", 405, b"", ["GET"]),
    ("TRACE", "/v2/nope", 404, b"404 page not found\n", None),
    ("FOO", "/v2/workflows", 405, b"", []),
    ("PROPFIND", "/v2/nope", 405, b"", []),
    ("FOO", "/_info", 405, b"", []),
]


def _check_method_answer(
    status: int, headers: list[tuple[str, str]], body: bytes, expected: tuple[int, bytes, list[str] | None]
) -> None:
    want_status, want_body, allow = expected
    assert (status, body) == (want_status, want_body)
    lowered = [(name.lower(), value) for name, value in headers]
    if allow is None:
        assert ("content-type", "text/plain; charset=utf-8") in lowered
        return
    assert ("content-type", "application/json") in lowered
    assert sorted(value for name, value in lowered if name == "allow") == sorted(allow)


@pytest.mark.parametrize(("method", "path", "status", "body", "allow"), METHOD_CASES)
def test_methods_answer_like_chi_in_process(
    fake: FakeOrchestration, method: str, path: str, status: int, body: bytes, allow: list[str] | None
) -> None:
    answer_status, headers, answer = fake.handle(method, path)
    _check_method_answer(answer_status, headers, answer, (status, body, allow))
    with httpx.Client(transport=fake.transport, base_url="http://fake/api/orchestration") as http:
        response = http.request(method, path)
    _check_method_answer(response.status_code, response.headers.multi_items(), response.content, (status, body, allow))


def test_methods_answer_like_chi_over_the_socket(fake: FakeOrchestration) -> None:
    with fake.serve_in_thread() as url, httpx.Client(base_url=url) as http:
        for method, path, status, body, allow in METHOD_CASES:
            response = http.request(method, path)
            # HEAD answers carry no body on the wire.
            expected_body = b"" if method == "HEAD" else body
            _check_method_answer(
                response.status_code, response.headers.multi_items(), response.content, (status, expected_body, allow)
            )


def test_unknown_methods_are_refused_before_auth() -> None:
    fake = FakeOrchestration(require_auth=True)
    assert fake.handle("FOO", "/v2/workflows")[0] == 405
    assert fake.handle("PATCH", "/v2/workflows")[0] == 401  # a known method meets the auth middleware first


def test_every_operation_is_routed() -> None:
    paths = {
        "get_server_info": ("GET", "/_info"),
        "list_triggers": ("GET", "/v2/triggers"),
        "create_trigger": ("POST", "/v2/triggers/"),
        "read_trigger": ("GET", "/v2/triggers/t"),
        "delete_trigger": ("DELETE", "/v2/triggers/t/"),
        "test_trigger": ("POST", "/v2/triggers/t/test"),
        "list_triggers_occurrences": ("GET", "/v2/triggers/t/occurrences"),
        "list_workflows": ("GET", "/v2/workflows/"),
        "create_workflow": ("POST", "/v2/workflows"),
        "get_workflow": ("GET", "/v2/workflows/w"),
        "delete_workflow": ("DELETE", "/v2/workflows/w"),
        "run_workflow": ("POST", "/v2/workflows/w/instances/"),
        "list_instances": ("GET", "/v2/instances"),
        "get_instance": ("GET", "/v2/instances/i"),
        "send_event": ("POST", "/v2/instances/i/events"),
        "cancel_event": ("PUT", "/v2/instances/i/abort"),
        "get_instance_history": ("GET", "/v2/instances/i/history"),
        "get_instance_stage_history": ("GET", "/v2/instances/i/stages/0/history"),
    }
    assert set(paths) == set(OPERATIONS)
    for operation, (method, path) in paths.items():
        assert route(method, path).operation == operation
        assert route(method, "/api/orchestration" + path).operation == operation


def test_path_parameters_are_decoded_unless_they_hold_a_slash(http: httpx.Client) -> None:
    assert route("GET", "/v2/workflows/a%20b").params == ("a b",)
    assert route("GET", "/v2/workflows/a%2Fb").params == ("a%2Fb",)
    assert http.get("/v2/workflows/a%2Fb%3Fc").json()["errorMessage"] == "sql: no rows in result set"


def test_auth_required() -> None:
    fake = FakeOrchestration(require_auth=True, client_credentials={"orchestration": "secret"})
    with httpx.Client(transport=fake.transport, base_url="http://fake/api/orchestration") as http:
        assert http.get("/_info").status_code == 200  # never authenticated
        assert http.get("/_healthcheck").status_code == 200
        denied = http.get("/v2/workflows")
        assert denied.status_code == 401
        assert denied.content == b""
        assert denied.headers["content-type"] == "application/json"
        assert "www-authenticate" not in denied.headers
        # Under the authenticated mounts even unknown paths and wrong methods answer 401 first.
        assert http.get("/v2/workflows/x/nope").status_code == 401
        assert http.patch("/v2/instances").status_code == 401
        assert http.get("/v2/other").status_code == 404

        bad = http.post(
            "http://fake/api/auth/oauth/token",
            data={"grant_type": "client_credentials", "client_id": "orchestration", "client_secret": "nope"},
        )
        assert bad.status_code == 401
        assert bad.json()["error"] == "invalid_client"
        assert "error_description" in bad.json()
        unsupported = http.post("http://fake/api/auth/oauth/token", data={"grant_type": "password"})
        assert unsupported.status_code == 400
        token = http.post(
            "http://fake/api/auth/oauth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": "orchestration",
                "client_secret": "secret",
                "scope": "orchestration:read",
            },
        )
        assert token.status_code == 200
        body = token.json()
        assert body["token_type"] == "Bearer"
        assert body["expires_in"] == 3600
        assert body["scope"] == "orchestration:read"
        for scheme in ("Bearer", "bearer"):
            ok = http.get("/v2/workflows", headers={"Authorization": f"{scheme} {body['access_token']}"})
            assert ok.status_code == 200
        assert http.get("/v2/workflows", headers={"Authorization": "Bearer forged"}).status_code == 401

        basic = http.post(
            "http://fake/api/auth/oauth/token",
            data={"grant_type": "client_credentials"},
            auth=("orchestration", "secret"),
        )
        assert basic.status_code == 200

        fake.advance(3601)
        expired = http.get("/v2/workflows", headers={"Authorization": f"Bearer {body['access_token']}"})
        assert expired.status_code == 401
        fresh = fake.issue_token()
        assert http.get("/v2/workflows", headers={"Authorization": f"Bearer {fresh}"}).status_code == 200
        fake.revoke_tokens()
        assert http.get("/v2/workflows", headers={"Authorization": f"Bearer {fresh}"}).status_code == 401


def test_any_credentials_by_default() -> None:
    fake = FakeOrchestration(require_auth=True)
    status, _, body = fake.handle(
        "POST", "/api/auth/oauth/token", body=b"grant_type=client_credentials&client_id=a&client_secret=b"
    )
    assert status == 200
    assert b"access_token" in body
    # Without require_auth, tokens are not needed at all.
    assert FakeOrchestration().handle("GET", "/v2/workflows")[0] == 200
