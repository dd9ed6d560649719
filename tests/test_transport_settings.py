"""Connection settings without building an httpx client: verify, cert, proxy, trust_env, http2, limits, app_name;
and connection errors that name the host and port (the token endpoint's too)."""

from __future__ import annotations

import socket
import ssl
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
import trustme

from formance_orchestration import (
    AsyncOrchestrationClient,
    ClientCredentials,
    OrchestrationClient,
    __version__,
    errors,
)
from formance_orchestration._engine.neterrors import connection_error_message, display_url

from .server import RecordingServer, Reply, free_port, running_server

PREFIX = "/api/orchestration"
INFO = Reply(200, {"version": "v2.1.0"})


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@contextmanager
def tls_server(ca: trustme.CA, *, client_ca: trustme.CA | None = None) -> Iterator[tuple[RecordingServer, str]]:
    """A RecordingServer speaking TLS with a certificate for 127.0.0.1 issued by ``ca``."""
    server = RecordingServer()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    if client_ca is not None:
        client_ca.configure_trust(context)
        context.verify_mode = ssl.CERT_REQUIRED
    server._server.socket = context.wrap_socket(server._server.socket, server_side=True)
    server.handler = lambda request: INFO
    server.start()
    try:
        yield server, server.url.replace("http://", "https://")
    finally:
        server.stop()


def ca_file(ca: trustme.CA, tmp_path: Path) -> Path:
    path = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return path


# -- verify ------------------------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_verify_with_a_ca_file(ca: trustme.CA, tmp_path: Path) -> None:
    with tls_server(ca) as (server, url):
        async with AsyncOrchestrationClient(url, verify=str(ca_file(ca, tmp_path))) as client:
            assert (await client.v2.get_server_info()).version == "v2.1.0"
        async with AsyncOrchestrationClient(url, verify=ca_file(ca, tmp_path)) as client:  # a Path works too
            assert (await client.v2.get_server_info()).version == "v2.1.0"
    assert len(server.requests) == 2


@pytest.mark.anyio
async def test_verify_with_an_ssl_context(ca: trustme.CA) -> None:
    context = ssl.create_default_context()
    ca.configure_trust(context)
    with tls_server(ca) as (_, url):
        async with AsyncOrchestrationClient(url, verify=context) as client:
            assert (await client.v2.get_server_info()).version == "v2.1.0"


@pytest.mark.anyio
async def test_the_default_bundle_refuses_an_unknown_ca_and_says_so(ca: trustme.CA) -> None:
    with tls_server(ca) as (server, url):
        async with AsyncOrchestrationClient(url, max_retries=0) as client:
            with pytest.raises(errors.APIConnectionError) as info:
                await client.v2.get_server_info()
    port = url.rsplit(":", 1)[1]
    assert str(info.value).startswith(f"GET https://127.0.0.1:{port}{PREFIX}/_info: TLS certificate verification")
    assert server.requests == []


@pytest.mark.anyio
async def test_verify_false_skips_verification(ca: trustme.CA) -> None:
    with tls_server(ca) as (_, url):
        async with AsyncOrchestrationClient(url, verify=False) as client:
            assert (await client.v2.get_server_info()).version == "v2.1.0"


def test_verify_on_the_blocking_client(ca: trustme.CA, tmp_path: Path) -> None:
    with tls_server(ca) as (_, url), OrchestrationClient(url, verify=ca_file(ca, tmp_path)) as client:
        assert client.v2.get_server_info().version == "v2.1.0"


# -- cert --------------------------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_client_certificate(ca: trustme.CA, tmp_path: Path) -> None:
    client_ca = trustme.CA()
    identity = client_ca.issue_cert("payouts@example.com")
    cert_path, key_path, both_path = tmp_path / "cert.pem", tmp_path / "key.pem", tmp_path / "both.pem"
    identity.cert_chain_pems[0].write_to_path(str(cert_path))
    identity.private_key_pem.write_to_path(str(key_path))
    identity.private_key_and_cert_chain_pem.write_to_path(str(both_path))
    verify = ca_file(ca, tmp_path)
    with tls_server(ca, client_ca=client_ca) as (server, url):
        async with AsyncOrchestrationClient(url, verify=verify, cert=(str(cert_path), str(key_path))) as client:
            assert (await client.v2.get_server_info()).version == "v2.1.0"
        async with AsyncOrchestrationClient(url, verify=verify, cert=both_path) as client:
            assert (await client.v2.get_server_info()).version == "v2.1.0"
        async with AsyncOrchestrationClient(url, verify=verify, max_retries=0) as client:
            with pytest.raises(errors.APIConnectionError):  # the server demands a certificate
                await client.v2.get_server_info()
    assert len(server.requests) == 2


# -- proxy and trust_env -----------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_proxy_receives_the_request(server: RecordingServer) -> None:
    server.handler = lambda request: INFO
    async with AsyncOrchestrationClient("http://orchestration.example", proxy=server.url) as client:
        assert (await client.v2.get_server_info()).version == "v2.1.0"
    (request,) = server.requests
    assert request.target == f"http://orchestration.example{PREFIX}/_info"  # absolute form: a proxy request


@pytest.mark.anyio
async def test_trust_env_decides_whether_proxy_variables_apply(
    server: RecordingServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.handler = lambda request: INFO
    with running_server() as direct:
        direct.handler = lambda request: INFO
        for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("HTTP_PROXY", server.url)
        async with AsyncOrchestrationClient(direct.url) as client:  # trust_env defaults to True, as httpx
            await client.v2.get_server_info()
        async with AsyncOrchestrationClient(direct.url, trust_env=False) as client:
            await client.v2.get_server_info()
    assert [r.target for r in server.requests] == [f"{direct.url}{PREFIX}/_info"]
    assert [r.target for r in direct.requests] == [f"{PREFIX}/_info"]


# -- limits ------------------------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_limits_bound_the_pool(server: RecordingServer) -> None:
    server.handler = lambda request: Reply(200, {"version": "v2"}, delay=0.05)
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    async with AsyncOrchestrationClient(server.url, limits=limits) as client, anyio.create_task_group() as tg:
        for _ in range(4):
            tg.start_soon(client.v2.get_server_info)
    assert len(server.requests) == 4
    assert len({r.client_port for r in server.requests}) == 1  # one connection, reused by all four


# -- http2 -------------------------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_http2_client_works_with_an_http1_server(ca: trustme.CA, tmp_path: Path) -> None:
    with tls_server(ca) as (_, url):
        async with AsyncOrchestrationClient(url, verify=ca_file(ca, tmp_path), http2=True) as client:
            raw = await client.v2.with_raw_response.get_server_info()
    assert raw.http_response.http_version == "HTTP/1.1"  # ALPN offered h2, the server chose HTTP/1.1


def test_http2_without_h2_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "h2", None)  # as if not installed: find_spec answers None
    with pytest.raises(ImportError, match=r"formance-orchestration\[http2\]"):
        AsyncOrchestrationClient("http://127.0.0.1:1", http2=True)


# -- app name ----------------------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_app_name_is_appended_to_the_user_agent(server: RecordingServer) -> None:
    server.handler = lambda request: INFO
    async with AsyncOrchestrationClient(server.url, app_name="payouts/3.1") as client:
        await client.v2.get_server_info()
    assert server.requests[0].headers["user-agent"] == f"formance-orchestration-python/{__version__} payouts/3.1"


def test_app_name_on_the_blocking_client(server: RecordingServer) -> None:
    server.handler = lambda request: INFO
    with OrchestrationClient(server.url, app_name="reports") as client:
        client.v2.get_server_info()
    assert server.requests[0].headers["user-agent"] == f"formance-orchestration-python/{__version__} reports"


@pytest.mark.anyio
async def test_app_name_works_with_a_users_http_client(server: RecordingServer) -> None:
    server.handler = lambda request: INFO
    async with (
        httpx.AsyncClient() as http,
        AsyncOrchestrationClient(server.url, http_client=http, app_name="payouts") as client,
    ):
        await client.v2.get_server_info()
    assert server.requests[0].headers["user-agent"].endswith(" payouts")


@pytest.mark.parametrize("bad", ["", "   ", "a\r\nX-Evil: 1", "café", 42])
def test_bad_app_name(bad: Any) -> None:
    with pytest.raises((TypeError, ValueError), match="app_name"):
        AsyncOrchestrationClient("http://127.0.0.1:1", app_name=bad)


# -- bad settings ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("keyword", "value"),
    [
        ("verify", False),
        ("cert", "cert.pem"),
        ("proxy", "http://proxy:3128"),
        ("trust_env", False),
        ("http2", True),
        ("limits", httpx.Limits(max_connections=5)),
    ],
)
def test_connection_settings_are_refused_with_a_users_http_client(keyword: str, value: Any) -> None:
    http = httpx.AsyncClient()
    kwargs: dict[str, Any] = {keyword: value, "http_client": http}
    for cls in (AsyncOrchestrationClient, OrchestrationClient):
        with pytest.raises(TypeError, match=rf"{keyword} cannot be combined with http_client=.*httpx\.AsyncClient"):
            cls("http://127.0.0.1:1", **kwargs)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"verify": "/no/such/ca.pem"}, "verify: no such file"),
        ({"verify": 1}, "verify must be"),
        ({"cert": "/no/such/cert.pem"}, "cert: no such file"),
        ({"cert": ("a", "b", "c", "d")}, "cert must be"),
        ({"proxy": "ftp://proxy"}, "proxy must be"),
        ({"proxy": 3128}, "proxy must be"),
        ({"trust_env": "yes"}, "trust_env must be a bool"),
        ({"http2": 1}, "http2 must be a bool"),
        ({"limits": {"max_connections": 5}}, "limits must be an httpx.Limits"),
    ],
)
def test_bad_connection_settings_name_the_keyword(kwargs: dict[str, Any], match: str) -> None:
    with pytest.raises((TypeError, ValueError), match=match):
        AsyncOrchestrationClient("http://127.0.0.1:1", **kwargs)


def test_cert_with_an_ssl_context_is_refused(tmp_path: Path) -> None:
    pem = tmp_path / "c.pem"
    pem.write_text("x")
    with pytest.raises(ValueError, match=r"cert cannot be combined with verify=<ssl\.SSLContext>"):
        AsyncOrchestrationClient("http://127.0.0.1:1", verify=ssl.create_default_context(), cert=pem)


# -- connection errors name host and port ------------------------------------------------------------------------


@pytest.mark.anyio
async def test_token_endpoint_connection_error_names_host_and_port() -> None:
    port = free_port()
    auth = ClientCredentials(client_id="c", client_secret="s3cret-value", token_url=f"http://127.0.0.1:{port}/tok")
    async with AsyncOrchestrationClient("http://127.0.0.1:1", auth=auth, max_retries=0) as client:
        with pytest.raises(errors.APIConnectionError) as info:
            await client.v2.get_server_info()
    assert str(info.value) == f"token request: POST http://127.0.0.1:{port}/tok: connection refused"
    assert "s3cret-value" not in str(info.value)


def test_display_url_always_shows_the_port() -> None:
    assert display_url(httpx.URL("https://stack.example/api/x?cursor=abc")) == "https://stack.example:443/api/x"
    assert display_url(httpx.URL("http://user:pw@stack.example/a")) == "http://stack.example:80/a"
    assert display_url(httpx.URL("http://[::1]:9/a")) == "http://[::1]:9/a"


def test_messages_for_the_usual_failures() -> None:
    url = httpx.URL("https://host:9/api/orchestration/_info")

    def caused(exc: httpx.HTTPError, cause: BaseException) -> httpx.HTTPError:
        exc.__cause__ = cause
        return exc

    refused = caused(httpx.ConnectError("x"), ConnectionRefusedError(111, "Connection refused"))
    assert (
        connection_error_message("GET", url, refused)
        == "GET https://host:9/api/orchestration/_info: connection refused"
    )
    dns = caused(httpx.ConnectError("x"), socket.gaierror(-2, "Name or service not known"))
    assert connection_error_message("GET", url, dns).endswith(": name resolution failed (Name or service not known)")
    group = caused(httpx.ConnectError("all attempts failed"), OSError("all attempts failed"))
    assert group.__cause__ is not None
    group.__cause__.__cause__ = ExceptionGroup("attempts", [ConnectionRefusedError(111, "refused")])
    assert connection_error_message("GET", url, group).endswith(": connection refused")  # trio's shape
    assert connection_error_message("GET", url, httpx.ReadTimeout("x")).endswith(": timed out waiting for the answer")
    assert connection_error_message("GET", url, httpx.ConnectTimeout("x")).endswith(": timed out connecting")
    assert connection_error_message("GET", url, httpx.RemoteProtocolError("closed")).endswith(
        ": the server broke the HTTP exchange (closed)"
    )
