"""``from_env`` on both clients, and ``cloud_url``: full, partial and empty environments; the token URL."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl

import anyio
import pytest

from formance_orchestration import AsyncOrchestrationClient, ClientCredentials, OrchestrationClient, cloud_url
from formance_orchestration._engine.env import settings_from_env

from .server import Recorded, RecordingServer, Reply

SECRET = "s3cr3t-DO-NOT-LOG-9f8e7d"
TOKEN = "access-token-DO-NOT-LOG-1a2b3c"
NAMES = ("FORMANCE_BASE_URL", "FORMANCE_CLIENT_ID", "FORMANCE_CLIENT_SECRET", "FORMANCE_TOKEN_URL")
REQUIRED = NAMES[:3]
WORKFLOW = {
    "id": "wf1",
    "config": {"name": "", "stages": None},
    "createdAt": "2024-01-01T00:00:00Z",
    "updatedAt": "2024-01-01T00:00:00Z",
    "deletedAt": None,
}

ClientClass = type[AsyncOrchestrationClient] | type[OrchestrationClient]
CLASSES: list[ClientClass] = [AsyncOrchestrationClient, OrchestrationClient]


def full_env(base_url: str = "https://acme.sandbox.formance.cloud", **extra: str) -> dict[str, str]:
    return {
        "FORMANCE_BASE_URL": base_url,
        "FORMANCE_CLIENT_ID": "my-client",
        "FORMANCE_CLIENT_SECRET": SECRET,
        **extra,
    }


@pytest.fixture
def clean_environ(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in NAMES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def credentials_of(client: AsyncOrchestrationClient | OrchestrationClient) -> ClientCredentials:
    async_client = client.async_client if isinstance(client, OrchestrationClient) else client
    auth = async_client._auth
    assert isinstance(auth, ClientCredentials)
    return auth


def build(cls: ClientClass, environ: dict[str, str] | None = None, **kwargs: Any) -> Any:
    return cls.from_env(environ, **kwargs) if environ is not None else cls.from_env(**kwargs)


def close(client: AsyncOrchestrationClient | OrchestrationClient) -> None:
    if isinstance(client, OrchestrationClient):
        client.close()
    else:
        anyio.run(client.aclose)


# -- full environments ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_from_env_argument(cls: ClientClass, clean_environ: pytest.MonkeyPatch) -> None:
    client = build(cls, full_env())
    try:
        assert type(client) is cls
        assert client.base_url == "https://acme.sandbox.formance.cloud"
        assert client.api_prefix == "/api/orchestration"
        auth = credentials_of(client)
        assert auth.client_id == "my-client"
        assert auth.client_secret == SECRET
        assert auth.token_url is None  # <base_url>/api/auth/oauth/token
        assert SECRET not in repr(client)
    finally:
        close(client)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_from_os_environ(cls: ClientClass, clean_environ: pytest.MonkeyPatch) -> None:
    for name, value in full_env(FORMANCE_TOKEN_URL="https://auth.example/oauth/token").items():
        clean_environ.setenv(name, value)
    client = build(cls)
    try:
        assert client.base_url == "https://acme.sandbox.formance.cloud"
        assert credentials_of(client).token_url == "https://auth.example/oauth/token"
    finally:
        close(client)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_environ_argument_replaces_os_environ(cls: ClientClass, clean_environ: pytest.MonkeyPatch) -> None:
    for name, value in full_env().items():
        clean_environ.setenv(name, value)
    with pytest.raises(ValueError, match="FORMANCE_BASE_URL, FORMANCE_CLIENT_ID, FORMANCE_CLIENT_SECRET"):
        build(cls, {})
    client = build(cls, full_env("http://other.example"))
    try:
        assert client.base_url == "http://other.example"
    finally:
        close(client)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_from_env_passes_other_arguments(cls: ClientClass, clean_environ: pytest.MonkeyPatch) -> None:
    client = build(cls, full_env("https://svc.internal/"), api_prefix="", max_retries=0, headers={"X-Team": "payments"})
    try:
        assert client.base_url == "https://svc.internal"
        assert client.api_prefix == ""
    finally:
        close(client)


def test_values_are_trimmed_and_blank_token_url_means_default() -> None:
    settings = settings_from_env(
        {
            "FORMANCE_BASE_URL": " https://acme.sandbox.formance.cloud\n",
            "FORMANCE_CLIENT_ID": "my-client ",
            "FORMANCE_CLIENT_SECRET": SECRET,
            "FORMANCE_TOKEN_URL": "  ",
        }
    )
    assert settings["base_url"] == "https://acme.sandbox.formance.cloud"
    assert settings["auth"] == ClientCredentials(client_id="my-client", client_secret=SECRET)


# -- partial and empty environments -----------------------------------------------------------------------------


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
@pytest.mark.parametrize(
    "missing",
    [
        ("FORMANCE_BASE_URL",),
        ("FORMANCE_CLIENT_ID",),
        ("FORMANCE_CLIENT_SECRET",),
        ("FORMANCE_BASE_URL", "FORMANCE_CLIENT_SECRET"),
        ("FORMANCE_CLIENT_ID", "FORMANCE_CLIENT_SECRET"),
        REQUIRED,
    ],
    ids=lambda names: "+".join(n.removeprefix("FORMANCE_") for n in names),
)
def test_missing_variables_are_all_listed(
    cls: ClientClass, missing: tuple[str, ...], clean_environ: pytest.MonkeyPatch
) -> None:
    environ = {k: v for k, v in full_env(FORMANCE_TOKEN_URL="https://auth.example/t").items() if k not in missing}
    with pytest.raises(ValueError, match="missing environment variable") as caught:
        build(cls, environ)
    message = str(caught.value)
    listed = message.split(": ", 1)[1].split(" (", 1)[0]
    assert listed == ", ".join(missing)
    assert SECRET not in message
    assert "my-client" not in message
    # The same through os.environ.
    for name, value in environ.items():
        clean_environ.setenv(name, value)
    with pytest.raises(ValueError, match=re.escape(", ".join(missing))) as caught:
        build(cls)
    assert SECRET not in str(caught.value)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_empty_environment(cls: ClientClass, clean_environ: pytest.MonkeyPatch) -> None:
    environs: list[dict[str, str] | None] = [{}, None]
    for environ in environs:
        with pytest.raises(ValueError, match="missing environment variable") as caught:
            build(cls, environ)
        message = str(caught.value)
        assert message.startswith("missing environment variable(s): ")
        for name in REQUIRED:
            assert name in message
        assert "optional: FORMANCE_TOKEN_URL" in message


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_blank_values_count_as_missing(cls: ClientClass) -> None:
    environ = full_env(FORMANCE_CLIENT_SECRET="  ", FORMANCE_CLIENT_ID="")
    with pytest.raises(
        ValueError, match="missing environment variable\\(s\\): FORMANCE_CLIENT_ID, FORMANCE_CLIENT_SECRET"
    ):
        build(cls, environ)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_invalid_base_url_error_hides_the_secret(cls: ClientClass) -> None:
    with pytest.raises(ValueError, match="base_url must be an http") as caught:
        build(cls, full_env("ftp://acme"))
    assert SECRET not in str(caught.value)


# -- the token URL on the wire ------------------------------------------------------------------------------------


def token_server(server: RecordingServer, token_path: str) -> None:
    def answer(request: Recorded) -> Reply:
        if request.method == "POST" and request.path == token_path:
            return Reply(200, {"access_token": TOKEN, "token_type": "Bearer", "expires_in": 3600})
        if request.method == "GET" and request.path == "/api/orchestration/v2/workflows/wf1":
            if request.headers.get("authorization") != f"Bearer {TOKEN}":
                return Reply(401, b"")
            return Reply(200, {"data": WORKFLOW})
        return Reply(404, b"404 page not found\n", headers={"Content-Type": "text/plain"})

    server.handler = answer


def check_token_request(server: RecordingServer, token_path: str) -> None:
    token_request, api_request = server.requests
    assert token_request.method == "POST"
    assert token_request.path == token_path
    form = dict(parse_qsl(token_request.body.decode()))
    assert form["grant_type"] == "client_credentials"
    assert form["client_id"] == "my-client"
    assert form["client_secret"] == SECRET
    assert api_request.headers["authorization"] == f"Bearer {TOKEN}"


@pytest.mark.anyio
@pytest.mark.parametrize("custom", [True, False], ids=["FORMANCE_TOKEN_URL", "default"])
async def test_token_url_honoured_async(server: RecordingServer, custom: bool) -> None:
    path = "/custom/oauth2/token" if custom else "/api/auth/oauth/token"
    token_server(server, path)
    environ = full_env(server.url, **({"FORMANCE_TOKEN_URL": server.url + path} if custom else {}))
    async with AsyncOrchestrationClient.from_env(environ) as client:
        workflow = await client.v2.get_workflow("wf1")
    assert workflow.id == "wf1"
    check_token_request(server, path)


@pytest.mark.parametrize("custom", [True, False], ids=["FORMANCE_TOKEN_URL", "default"])
def test_token_url_honoured_sync(server: RecordingServer, clean_environ: pytest.MonkeyPatch, custom: bool) -> None:
    path = "/custom/oauth2/token" if custom else "/api/auth/oauth/token"
    token_server(server, path)
    for name, value in full_env(server.url).items():
        clean_environ.setenv(name, value)
    if custom:
        clean_environ.setenv("FORMANCE_TOKEN_URL", server.url + path)
    with OrchestrationClient.from_env() as client:
        assert client.v2.get_workflow("wf1").id == "wf1"
    check_token_request(server, path)


# -- cloud_url ----------------------------------------------------------------------------------------------------


def test_cloud_url() -> None:
    assert cloud_url("acme", "eu-west-1") == "https://acme.eu-west-1.formance.cloud"
    assert cloud_url("org-stack", "sandbox") == "https://org-stack.sandbox.formance.cloud"
    assert cloud_url("a1", "b") == "https://a1.b.formance.cloud"


@pytest.mark.parametrize(
    ("organization", "environment", "bad"),
    [
        ("", "sandbox", "organization"),
        ("acme", "", "environment"),
        ("Acme", "sandbox", "organization"),
        ("acme.evil.com/x?", "sandbox", "organization"),
        ("acme", "eu west", "environment"),
        ("-acme", "sandbox", "organization"),
        ("acme-", "sandbox", "organization"),
        ("a" * 64, "sandbox", "organization"),
        ("acme", "sandbox\n", "environment"),
    ],
)
def test_cloud_url_refuses_what_is_not_a_dns_label(organization: str, environment: str, bad: str) -> None:
    with pytest.raises(ValueError, match=f"^{bad} must be a DNS label"):
        cloud_url(organization, environment)


def test_cloud_url_refuses_other_types() -> None:
    loose: Any = cloud_url
    with pytest.raises(ValueError, match="organization must be a DNS label"):
        loose(None, "sandbox")


def test_cloud_url_as_base_url() -> None:
    environ = full_env(cloud_url("acme", "eu-west-1"))
    client = AsyncOrchestrationClient.from_env(environ)
    assert client.base_url == "https://acme.eu-west-1.formance.cloud"
    close(client)
    with OrchestrationClient(cloud_url("acme", "sandbox")) as sync_client:
        assert sync_client.base_url == "https://acme.sandbox.formance.cloud"
