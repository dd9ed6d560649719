"""The socket server: keep-alive, chunked bodies, dropped connections, token endpoint, ``python -m``."""

from __future__ import annotations

import os
import socket
import struct
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from formance_orchestration.testing import FakeOrchestration

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_keep_alive_and_gateway_paths(fake: FakeOrchestration) -> None:
    with fake.serve_in_thread(port=0) as url, httpx.Client(base_url=url + "/api/orchestration") as http:
        assert http.get("/_info").json() == {"version": "develop"}
        created = http.post("/v2/workflows", json={"stages": [{"noop": {}}]})
        assert created.status_code == 201
        local_addresses = set()
        for _ in range(3):
            response = http.get("/v2/workflows")
            assert response.status_code == 200
            local_addresses.add(response.extensions["network_stream"].get_extra_info("client_addr"))
        # One pooled connection served every request (HTTP/1.1 keep-alive).
        assert len(local_addresses) == 1
        assert len(fake.requests) == 5
        deleted = http.delete(f"/v2/workflows/{created.json()['data']['id']}")
        assert deleted.status_code == 204
        assert deleted.content == b""
        assert "content-length" not in deleted.headers
        assert http.get("/v2/nope").text == "404 page not found\n"


def test_raw_socket_keep_alive_and_chunked_body(fake: FakeOrchestration) -> None:
    with fake.serve_in_thread() as url:
        host, port = url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port))) as sock:
            sock.sendall(b"GET /_info HTTP/1.1\r\nHost: x\r\n\r\n")
            first = _read_response(sock)
            assert first.startswith(b"HTTP/1.1 200")
            assert b"Content-Length: 22" in first
            chunked = b'{"stages":[]}'
            request = (
                b"POST /v2/workflows HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + f"{len(chunked):x}\r\n".encode()
                + chunked
                + b"\r\n0\r\n\r\n"
            )
            sock.sendall(request)  # same connection
            second = _read_response(sock)
            assert second.startswith(b"HTTP/1.1 201")
        assert fake.requests[-1].json() == {"stages": []}


def _read_response(sock: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        data += sock.recv(65536)
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")
    )
    while len(body) < length:
        body += sock.recv(65536)
    return head + b"\r\n\r\n" + body


def test_drop_and_fail_over_the_socket(fake: FakeOrchestration) -> None:
    with fake.serve_in_thread() as url, httpx.Client(base_url=url) as http:
        fake.faults.drop_connection("list_workflows")
        with pytest.raises(httpx.RemoteProtocolError):
            http.get("/v2/workflows")
        assert http.get("/v2/workflows").status_code == 200  # a new connection works
        fake.faults.fail_next("list_workflows", status=503, headers={"Retry-After": "2"})
        failed = http.get("/v2/workflows")
        assert failed.status_code == 503
        assert failed.headers["retry-after"] == "2"
        fake.faults.add_latency("get_server_info", 0.3, times=1)
        with pytest.raises(httpx.ReadTimeout):
            http.get("/_info", timeout=0.1)


def test_token_endpoint_and_auth_over_the_socket() -> None:
    fake = FakeOrchestration(require_auth=True, client_credentials={"id": "secret"})
    with fake.serve_in_thread() as url, httpx.Client(base_url=url) as http:
        assert http.get("/api/orchestration/v2/workflows").status_code == 401
        token = http.post(
            "/api/auth/oauth/token",
            data={"grant_type": "client_credentials", "client_id": "id", "client_secret": "secret"},
        ).json()
        assert token["token_type"] == "Bearer"
        headers = {"Authorization": f"Bearer {token['access_token']}"}
        assert http.get("/api/orchestration/v2/workflows", headers=headers).status_code == 200
        bad = http.post("/api/auth/oauth/token", data={"grant_type": "client_credentials", "client_id": "id"})
        assert bad.status_code == 401
        assert bad.json()["error"] == "invalid_client"


def test_realtime_delay_over_the_socket() -> None:
    fake = FakeOrchestration(realtime=True)
    with fake.serve_in_thread() as url, httpx.Client(base_url=url) as http:
        workflow_id = http.post("/v2/workflows", json={"stages": [{"delay": {"duration": "200ms"}}]}).json()["data"][
            "id"
        ]
        instance_id = http.post(f"/v2/workflows/{workflow_id}/instances").json()["data"]["id"]
        assert http.get(f"/v2/instances/{instance_id}").json()["data"]["terminated"] is False
        time.sleep(0.3)
        assert http.get(f"/v2/instances/{instance_id}").json()["data"]["terminated"] is True


def test_python_m_entry_point() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    process = subprocess.Popen(
        [sys.executable, "-m", "formance_orchestration.testing", "--host", "127.0.0.1", "--port", str(port), "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=REPO_ROOT,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline().decode()
        assert f"http://127.0.0.1:{port}" in line, line
        response = httpx.get(f"http://127.0.0.1:{port}/_info")
        assert response.json() == {"version": "develop"}
        assert httpx.get(f"http://127.0.0.1:{port}/api/orchestration/v2/workflows").status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=10)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def test_a_client_going_away_mid_answer_prints_no_traceback(
    fake: FakeOrchestration, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.faults.add_latency("get_server_info", 0.2, times=4)
    with fake.serve_in_thread() as url:
        host, port = url.removeprefix("http://").split(":")
        for _ in range(4):
            with socket.create_connection((host, int(port))) as sock:
                sock.sendall(b"GET /_info HTTP/1.1\r\nHost: x\r\n\r\n")
                # Close with a reset while the server is still sleeping, as a client timeout does.
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        deadline = time.monotonic() + 5
        while len(fake.requests) < 4 and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.4)  # every answer has been written (and refused) by now
        with httpx.Client(base_url=url) as http:
            assert http.get("/_healthcheck").status_code == 200  # the server still serves
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert "Error" not in captured.err


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (b"NOT A REQUEST LINE\r\n\r\n", 400),
        (b"GET /_info HTTP/9.9\r\nHost: x\r\n\r\n", 505),
        (b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\n\r\n", 414),
    ],
)
def test_malformed_requests_get_text_not_html(fake: FakeOrchestration, request_bytes: bytes, status: int) -> None:
    with fake.serve_in_thread() as url:
        host, port = url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=10) as sock:
            sock.sendall(request_bytes)
            answer = _read_response(sock)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(f"HTTP/1.1 {status} ".encode()) or head.startswith(f"HTTP/1.0 {status} ".encode())
    assert b"Content-Type: text/plain; charset=utf-8" in head
    assert body.startswith(f"{status} ".encode())
    assert b"<" not in body
