"""A minimal, fast HTTP/1.1 server for benchmarks (asyncio protocol, canned bodies), run in its own process.

``python benchmarks/server.py PORT`` serves:
- ``GET  .../v2/workflows/<id>``     one workflow in ``{"data": ...}``
- ``GET  .../v2/instances``          a page of 1,000 instances
- ``POST .../v2/workflows/<id>/instances``  503 (counts how many times it was hit)
- ``GET  /__stats``                  ``{"posts": n, "paths": [...last 20 raw targets...]}``
"""

from __future__ import annotations

import asyncio
import json
import sys

WORKFLOW = {
    "id": "0b8f1f8e-6a43-4c4e-9b1c-2d6f0e1a9c11",
    "config": {
        "name": "payout",
        "stages": [
            {
                "send": {
                    "source": {"account": {"id": "users:1"}},
                    "destination": {"account": {"id": "world"}},
                    "amount": {"amount": "100", "asset": "EUR/2"},
                }
            },
            {"delay": {"duration": "1m"}},
        ],
    },
    "createdAt": "2026-11-25T10:00:00.123456789Z",
    "updatedAt": "2026-11-25T10:00:00.123456789Z",
    "deletedAt": None,
}


def instance(i: int) -> dict[str, object]:
    return {
        "workflowID": WORKFLOW["id"],
        "workflow": WORKFLOW,
        "id": f"inst-{i:06d}",
        "createdAt": "2026-11-25T10:00:00.123456Z",
        "updatedAt": "2026-11-25T10:00:00.123456Z",
        "terminated": True,
        "terminatedAt": "2026-11-25T10:01:00.5Z",
    }


ONE = json.dumps({"data": WORKFLOW}).encode()
PAGE = json.dumps({"cursor": {"pageSize": 1000, "hasMore": False, "data": [instance(i) for i in range(1000)]}}).encode()
STATS = {"posts": 0, "paths": []}


def response(status: int, body: bytes) -> bytes:
    reason = {200: "OK", 503: "Service Unavailable", 404: "Not Found"}[status]
    head = f"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


class Handler(asyncio.Protocol):
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.buffer = b""

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = self.buffer[:end].decode("latin-1")
            length = 0
            for line in head.split("\r\n")[1:]:
                name, _, value = line.partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
            if len(self.buffer) < end + 4 + length:
                return
            self.buffer = self.buffer[end + 4 + length :]
            method, target, _ = head.split("\r\n", 1)[0].split(" ", 2)
            self.transport.write(self.route(method, target))

    def route(self, method: str, target: str) -> bytes:
        paths = STATS["paths"]
        assert isinstance(paths, list)
        paths.append(target)
        del paths[:-20]
        path = target.split("?", 1)[0]
        if path == "/__stats":
            return response(200, json.dumps(STATS).encode())
        if method == "POST" and path.endswith("/instances"):
            STATS["posts"] = int(str(STATS["posts"])) + 1
            return response(503, b'{"errorCode":"INTERNAL","errorMessage":"unavailable"}')
        if path.endswith("/v2/instances"):
            return response(200, PAGE)
        if "/v2/workflows/" in path:
            return response(200, ONE)
        return response(404, b'{"errorCode":"NOT_FOUND","errorMessage":"no route"}')


async def main(port: int) -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Handler, "127.0.0.1", port)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
