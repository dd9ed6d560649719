"""A real HTTP/1.1 server (stdlib ``ThreadingHTTPServer``) in front of the fake.

It serves whatever implements :class:`._exchange.Exchanges` (the fake's dispatcher): it parses HTTP, and
carries out what each exchange says (latency, dropped connections, waits), then writes the answer.
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from ._exchange import Exchanges
from ._http import Pending, Response, parse_query

__all__ = ["FakeHTTPServer", "serve_in_thread"]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive by default
    # Answers are written as head then body: without TCP_NODELAY, Nagle plus delayed ACKs add ~40 ms a request.
    disable_nagle_algorithm = True
    server: FakeHTTPServer

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.verbose:
            super().log_message(format, *args)

    def __getattr__(self, name: str) -> Any:
        # http.server looks up ``do_<METHOD>`` and answers 501 HTML when it is missing; the real router takes
        # every method (unknown ones get chi's 405), so every method is served.
        if name.startswith("do_"):
            return self._serve
        raise AttributeError(name)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # What http.server rejects before routing (bad request line, header too long...) is answered the way Go's
        # net/http does, in text/plain, never with http.server's HTML page.
        reason = self.responses.get(code, ("",))[0]
        body = f"{code} {reason}".encode()
        self.close_connection = True
        # http.server writes no status line for what it takes to be HTTP/0.9 (an unparsable request line).
        if self.request_version == "HTTP/0.9":
            self.request_version = "HTTP/1.1"
        with suppress(OSError):
            self.send_response(code)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Connection", "close")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD" and code >= 200 and code not in (204, 304):
                self.wfile.write(body)

    def _read_body(self) -> bytes | None:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks: list[bytes] = []
            while True:
                line = self.rfile.readline(65537)
                try:
                    size = int(line.split(b";", 1)[0].strip(), 16)
                except ValueError:
                    return None
                if size == 0:
                    # Trailers end with an empty line.
                    while self.rfile.readline(65537) not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline(65537)
        length = self.headers.get("Content-Length")
        if length is None:
            return b""
        if not length.strip().isdigit():
            return None
        return self.rfile.read(int(length))

    def _serve(self) -> None:
        body = self._read_body()
        if body is None:
            self.close_connection = True
            self._write((400, [("Content-Type", "text/plain; charset=utf-8")], b"400 Bad Request"))
            return
        raw_path, _, raw_query = self.path.partition("?")
        headers: dict[str, str] = {}
        for name, value in self.headers.items():
            key = name.lower()
            headers[key] = f"{headers[key]}, {value}" if key in headers else value
        exchange = self.server.exchanges.begin(self.command, raw_path, parse_query(raw_query), headers, body)
        if exchange.latency:
            time.sleep(exchange.latency)
        if exchange.drop_before:
            self._drop()
            return
        result = exchange.run()
        while isinstance(result, Pending):
            time.sleep(max(result.delay, 0.0))
            result = result.resume()
        response = exchange.finish(result)
        if exchange.drop_after():
            self._drop()
            return
        self._write(response)

    def _drop(self) -> None:
        # Close without a status line: the client sees the server disconnect.
        self.close_connection = True
        with suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def _write(self, response: Response) -> None:
        status, headers, body = response
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        # Go's net/http sends no Content-Length on a 204 (and clients must not expect a body there).
        if status != 204:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and status != 204:
            self.wfile.write(body)


class FakeHTTPServer(ThreadingHTTPServer):
    """A threading HTTP server that knows its open connections, so it can close keep-alive ones on stop."""

    daemon_threads = False
    block_on_close = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], exchanges: Exchanges, *, verbose: bool = False) -> None:
        self.exchanges = exchanges
        self.verbose = verbose
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    @property
    def url(self) -> str:
        """``http://host:port`` of the listening socket."""
        host, port = self.server_address[:2]
        shown = host.decode() if isinstance(host, bytes) else host
        return f"http://{shown}:{port}"

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that goes away mid-answer (its timeout, a closed pool) is normal for a test server: no traceback.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)

    def close_connections(self) -> None:
        """Shut down every open connection (idle keep-alive ones included) so handler threads end."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def stop(self) -> None:
        """Stop serving, close connections, join handler threads and close the listening socket."""
        self.shutdown()
        self.close_connections()
        self.server_close()


@contextmanager
def serve_in_thread(
    exchanges: Exchanges, host: str = "127.0.0.1", port: int = 0, *, verbose: bool = False
) -> Iterator[str]:
    """Run a server for ``exchanges`` on a background thread; yields its base URL and stops it on exit."""
    server = FakeHTTPServer((host, port), exchanges, verbose=verbose)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-orchestration-http", daemon=True
    )
    thread.start()
    try:
        yield server.url
    finally:
        server.stop()
        thread.join()
