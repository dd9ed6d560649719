"""A fault-injecting HTTP/1.1 server on 127.0.0.1: real sockets, one thread per connection, every request counted.

Each request gets a :class:`Fault`: a planned one (queued per route with :meth:`FaultServer.plan`, or for any
route with :meth:`FaultServer.then`), else whatever ``responder(request)`` returns. A fault answers any status,
body and headers, and can delay the head or the body, stall forever, reset the connection before reading the
request, close it after reading the request, cut the body short, drip it, stream a huge body lazily (never
allocated), announce a length it never sends, send endless headers, or close a kept-alive connection silently.

Two counts tell a request that arrived from one the server processed: :attr:`FaultServer.arrivals` (request line
seen) and :attr:`FaultServer.requests` (read in full). ``python -m tests.reliability.faultserver`` runs one in a
subprocess for load tests (see :func:`main`).
"""

from __future__ import annotations

import contextlib
import http
import json
import select
import socket
import ssl
import struct
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

__all__ = ["Fault", "FaultServer", "Request", "empty", "html", "json_reply", "running", "v2_error"]

_FILLER = b" " * 65536  # one reused chunk: a streamed gigabyte is never allocated
_POLL = 0.05


@dataclass(frozen=True)
class Fault:
    """What the server does with one request. The default is ``200`` with an empty JSON-typed body."""

    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = (("Content-Type", "application/json"),)
    head_delay: float = 0.0  # seconds before the status line
    body_delay: float = 0.0  # seconds between the head and the body
    stall: bool = False  # read the request, never answer (until the client goes away or the server stops)
    reset_before_read: bool = False  # RST as soon as the request line arrives: the request is never read
    close_after_read: bool = False  # read the whole request, then close without a byte of answer
    truncate_at: int | None = None  # announce len(body), send this many bytes, close
    trickle: float = 0.0  # send the body one byte at a time, this many seconds apart
    stream_bytes: int = 0  # after ``body``, stream this many filler bytes, chunked, made lazily
    declared_length: int | None = None  # announce this Content-Length, send ``body``, then stall
    header_bytes: int = 0  # send this many bytes of junk header lines before the real ones
    close_after_response: bool = False  # answer, then close the kept-alive connection without saying so

    def with_headers(self, *pairs: tuple[str, str]) -> Fault:
        """The same fault with more headers."""
        return replace(self, headers=self.headers + pairs)


def json_reply(status: int, data: Any, **options: Any) -> Fault:
    """A JSON answer."""
    return Fault(status, json.dumps(data).encode(), **options)


def v2_error(status: int, code: str = "INTERNAL", message: str = "boom", **options: Any) -> Fault:
    """A V2Error answer, as the real server sends them."""
    return json_reply(status, {"errorCode": code, "errorMessage": message}, **options)


def html(status: int, text: str = "<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>") -> Fault:
    """An HTML page, as proxies and load balancers send them."""
    return Fault(status, text.encode(), headers=(("Content-Type", "text/html"),))


def empty(status: int, **options: Any) -> Fault:
    """An answer without a body."""
    return Fault(status, b"", headers=(), **options)


@dataclass(frozen=True)
class Request:
    """One request as the server read it. ``path`` is still percent-encoded, as sent."""

    method: str
    target: str
    path: str
    query: str
    headers: Mapping[str, str]  # lower-case names
    body: bytes
    port: int  # the peer's port: one value per connection

    def json(self) -> Any:
        return json.loads(self.body)


Responder = Callable[[Request], Fault]


def _not_found(request: Request) -> Fault:
    return v2_error(404, "NOT_FOUND", f"no route for {request.method} {request.path}")


class _Closed(Exception):
    """The peer went away or the server is stopping."""


class _Conn:
    """A socket with a read buffer and a byte counter."""

    def __init__(self, sock: socket.socket, server: FaultServer) -> None:
        self.sock = sock
        self.server = server
        self.buffer = bytearray()

    def _fill(self) -> None:
        while not (isinstance(self.sock, ssl.SSLSocket) and self.sock.pending()):
            if self.server.stopping.is_set():
                raise _Closed
            readable, _, _ = select.select([self.sock], [], [], _POLL)
            if readable:
                break
        data = self.sock.recv(65536)
        if not data:
            raise _Closed
        self.buffer += data

    def line(self) -> bytes:
        while (end := self.buffer.find(b"\r\n")) < 0:
            if len(self.buffer) > 1 << 20:
                raise _Closed
            self._fill()
        line = bytes(self.buffer[:end])
        del self.buffer[: end + 2]
        return line

    def exactly(self, size: int) -> bytes:
        while len(self.buffer) < size:
            self._fill()
        data = bytes(self.buffer[:size])
        del self.buffer[:size]
        return data

    def send(self, data: bytes) -> None:
        try:
            self.sock.sendall(data)
        except OSError as exc:  # reset, broken pipe: the client gave up
            raise _Closed from exc
        with self.server.lock:
            self.server.bytes_sent += len(data)

    def pause(self, seconds: float) -> None:
        if self.server.stopping.wait(seconds):
            raise _Closed

    def wait_until_gone(self) -> None:
        """Block until the peer closes the connection or the server stops; ignore anything it sends."""
        while True:
            if self.server.stopping.is_set():
                raise _Closed
            readable, _, _ = select.select([self.sock], [], [], _POLL)
            if readable:
                try:
                    if not self.sock.recv(65536):
                        raise _Closed
                except (OSError, ssl.SSLError) as exc:
                    raise _Closed from exc

    def reset(self) -> None:
        """Abortive close: the peer gets a RST, not a FIN."""
        with contextlib.suppress(OSError):
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        raise _Closed


class FaultServer:
    """Answers with planned faults first, then ``responder(request)``; counts and records what it receives.

    Args:
        responder: The answer to requests without a planned fault (404 V2Error by default).
        tls: A server-side SSL context: the server speaks HTTPS.
        record: Keep every request read (set False under load: only counts are kept).
    """

    def __init__(
        self, responder: Responder | None = None, *, tls: ssl.SSLContext | None = None, record: bool = True
    ) -> None:
        self.responder: Responder = responder or _not_found
        self.tls = tls
        self.record = record
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.arrivals: list[tuple[str, str]] = []  # (method, path) of every request line seen
        self.requests: list[Request] = []  # requests read in full
        self.read_count = 0
        self.connections = 0
        self.tls_failures = 0
        self.bytes_sent = 0
        self.on_event: Callable[[str, Request], None] | None = None  # "request", "head", "body" hooks
        self._plans: dict[tuple[str, str], deque[Fault]] = {}
        self._any: deque[Fault] = deque()
        self._listener = socket.create_server(("127.0.0.1", 0), backlog=512)
        self._open: set[socket.socket] = set()
        self._workers: set[threading.Thread] = set()
        self._acceptor = threading.Thread(target=self._accept, name="fault-server", daemon=True)

    # -- scripting --------------------------------------------------------------------------------------------

    @property
    def port(self) -> int:
        return int(self._listener.getsockname()[1])

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def plan(self, method: str, path: str, *faults: Fault) -> None:
        """Answer the next requests to ``method path`` (path as sent, percent-encoded) with ``faults``."""
        with self.lock:
            self._plans.setdefault((method, path), deque()).extend(faults)

    def then(self, *faults: Fault) -> None:
        """Answer the next requests to any route without a plan of its own with ``faults``."""
        with self.lock:
            self._any.extend(faults)

    def seen(self, method: str | None = None, path: str | None = None) -> int:
        """Requests whose request line arrived (read or not), optionally for one route."""
        with self.lock:
            return sum(1 for m, p in self.arrivals if method in (None, m) and path in (None, p))

    def read(self, method: str | None = None, path: str | None = None) -> int:
        """Requests read in full (the server could have acted on them), optionally for one route."""
        with self.lock:
            return sum(1 for r in self.requests if method in (None, r.method) and path in (None, r.path))

    def _planned(self, method: str, path: str) -> Fault | None:
        with self.lock:
            queue = self._plans.get((method, path))
            if queue:
                return queue.popleft()
            if self._any:
                return self._any.popleft()
        return None

    # -- lifecycle --------------------------------------------------------------------------------------------

    def start(self) -> FaultServer:
        self._acceptor.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self._acceptor.join(5)
        self._listener.close()
        with self.lock:
            sockets = list(self._open)
            workers = list(self._workers)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        for worker in workers:
            worker.join(5)

    def _accept(self) -> None:
        while not self.stopping.is_set():
            readable, _, _ = select.select([self._listener], [], [], _POLL)
            if not readable:
                continue
            try:
                sock, _ = self._listener.accept()
            except OSError:
                continue
            sock.setblocking(True)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # no 40 ms Nagle stalls between writes
            worker = threading.Thread(target=self._serve, args=(sock,), name="fault-conn", daemon=True)
            with self.lock:
                self.connections += 1
                self._open.add(sock)
                self._workers.add(worker)
            worker.start()

    # -- one connection ---------------------------------------------------------------------------------------

    def _serve(self, raw: socket.socket) -> None:
        sock = raw
        try:
            if self.tls is not None:
                try:
                    sock = self.tls.wrap_socket(raw, server_side=True)
                except (ssl.SSLError, OSError):
                    with self.lock:
                        self.tls_failures += 1
                    return
                with self.lock:
                    self._open.add(sock)
            conn = _Conn(sock, self)
            with contextlib.suppress(_Closed, OSError, ssl.SSLError, ValueError):
                while self._exchange(conn):
                    pass
        finally:
            with self.lock:
                self._open.discard(raw)
                self._open.discard(sock)
                self._workers.discard(threading.current_thread())
            sock.close()
            raw.close()

    def _exchange(self, conn: _Conn) -> bool:
        """Serve one request; False when the connection is done."""
        line = conn.line()
        method, target, _ = line.decode("latin-1").split(" ", 2)
        path, _, query = target.partition("?")
        with self.lock:
            self.arrivals.append((method, path))
        fault = self._planned(method, path)
        if fault is not None and fault.reset_before_read:
            conn.reset()
        request = self._read_request(conn, method, target, path, query)
        if fault is None:
            fault = self.responder(request)
        self._event("request", request)
        if fault.reset_before_read:  # from the responder: the request was read, reset anyway
            conn.reset()
        if fault.close_after_read:
            return False
        if fault.stall:
            conn.wait_until_gone()
        if fault.head_delay:
            conn.pause(fault.head_delay)
        self._answer(conn, fault, request)
        return not fault.close_after_response and request.headers.get("connection", "").lower() != "close"

    def _read_request(self, conn: _Conn, method: str, target: str, path: str, query: str) -> Request:
        headers: dict[str, str] = {}
        while header := conn.line():
            name, _, value = header.decode("latin-1").partition(":")
            key = name.strip().lower()
            headers[key] = f"{headers[key]}, {value.strip()}" if key in headers else value.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            parts = []
            while size := int(conn.line().split(b";")[0], 16):
                parts.append(conn.exactly(size))
                conn.line()
            while conn.line():  # trailers
                pass
            body = b"".join(parts)
        else:
            body = conn.exactly(int(headers.get("content-length") or 0))
        peer = conn.sock.getpeername()
        request = Request(method, target, path, query, headers, body, int(peer[1]))
        with self.lock:
            self.read_count += 1
            if self.record:
                self.requests.append(request)
        return request

    def _event(self, name: str, request: Request) -> None:
        hook = self.on_event
        if hook is not None:
            hook(name, request)

    def _answer(self, conn: _Conn, fault: Fault, request: Request) -> None:
        try:
            reason = http.HTTPStatus(fault.status).phrase
        except ValueError:
            reason = "Unknown"
        head = [f"HTTP/1.1 {fault.status} {reason}".encode()]
        if fault.header_bytes:
            junk = b"X-Junk: " + b"j" * 1000
            head.extend(junk for _ in range(fault.header_bytes // len(junk) + 1))
        head.extend(f"{k}: {v}".encode("latin-1") for k, v in fault.headers)
        body = fault.body
        if fault.stream_bytes:
            head.append(b"Transfer-Encoding: chunked")
        elif fault.declared_length is not None:
            head.append(f"Content-Length: {fault.declared_length}".encode())
        else:
            head.append(f"Content-Length: {len(body)}".encode())
        head_bytes = b"\r\n".join(head) + b"\r\n\r\n"
        if self._plain(fault) and self.on_event is None:  # one write: head and body together
            conn.send(head_bytes + body)
            return
        conn.send(head_bytes)
        self._event("head", request)
        if fault.body_delay:
            conn.pause(fault.body_delay)
        if fault.stream_bytes:
            self._stream(conn, body, fault.stream_bytes)
        elif fault.declared_length is not None:
            conn.send(body)
            conn.wait_until_gone()
        elif fault.truncate_at is not None:
            conn.send(body[: fault.truncate_at])
            raise _Closed
        elif fault.trickle:
            for i in range(len(body)):
                conn.send(body[i : i + 1])
                conn.pause(fault.trickle)
        elif body:
            conn.send(body)
        self._event("body", request)

    @staticmethod
    def _plain(fault: Fault) -> bool:
        return (
            not (
                fault.body_delay
                or fault.stream_bytes
                or fault.declared_length is not None
                or fault.truncate_at is not None
            )
            and not fault.trickle
        )

    @staticmethod
    def _stream(conn: _Conn, prefix: bytes, size: int) -> None:
        if prefix:
            conn.send(b"%x\r\n%s\r\n" % (len(prefix), prefix))
        left = size
        while left > 0:
            chunk = _FILLER if left >= len(_FILLER) else _FILLER[:left]
            conn.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            left -= len(chunk)
        conn.send(b"0\r\n\r\n")


@contextlib.contextmanager
def running(responder: Responder | None = None, **options: Any) -> Iterator[FaultServer]:
    """A started :class:`FaultServer`, stopped on exit."""
    server = FaultServer(responder, **options).start()
    try:
        yield server
    finally:
        server.stop()


@dataclass
class _LoadStats:
    first_seen: set[str] = field(default_factory=set)


def main() -> None:
    """Serve every operation's canned answer until stdin closes, then print the counts as one JSON line.

    A request with ``X-Fault-Once: <call id>`` gets a transient fault (502, reset, close after read, 503 in turn)
    the first time that call id is seen, and the normal answer after: a load with faults that retries absorb.
    """
    from .ops import happy

    stats = _LoadStats()
    transient = [html(502), Fault(reset_before_read=True), Fault(close_after_read=True), v2_error(503)]

    def responder(request: Request) -> Fault:
        call = request.headers.get("x-fault-once")
        if call is not None:
            with server.lock:
                first = call not in stats.first_seen
                stats.first_seen.add(call)
            if first:
                return transient[int(call) % len(transient)]
        return happy(request)

    server = FaultServer(responder, record=False).start()
    print(server.port, flush=True)
    try:
        sys.stdin.read()  # until the parent closes our stdin
    finally:
        server.stop()
        counts = {
            "arrivals": len(server.arrivals),
            "read": server.read_count,
            "connections": server.connections,
            "faults": len(stats.first_seen),
        }
        print(json.dumps(counts), flush=True)


if __name__ == "__main__":
    main()
