"""Messages for requests that got no answer: which request, to which host and port, and what went wrong.

``APIConnectionError: GET https://host:9/api/orchestration/_info: connection refused`` tells an operator where
the client tried to go (a wrong port or proxy shows at once) without a traceback. The query is left out: it may
carry a cursor or a value the caller did not mean to log.
"""

from __future__ import annotations

import errno
import socket
import ssl

import httpx

__all__ = ["connection_error_message", "display_url"]

_DEFAULT_PORTS = {"http": 80, "https": 443}

_TIMEOUTS: dict[type[httpx.TimeoutException], str] = {
    httpx.ConnectTimeout: "timed out connecting",
    httpx.ReadTimeout: "timed out waiting for the answer",
    httpx.WriteTimeout: "timed out sending the request",
    httpx.PoolTimeout: "timed out waiting for a free pooled connection",
}

_ERRNOS = {
    errno.ECONNREFUSED: "connection refused",
    errno.ECONNRESET: "connection reset by peer",
    errno.EHOSTUNREACH: "host unreachable",
    errno.ENETUNREACH: "network unreachable",
    errno.ETIMEDOUT: "timed out connecting",
    errno.EPIPE: "connection closed while sending",
}


def display_url(url: httpx.URL) -> str:
    """``scheme://host:port/path``: the port always shown, the query and any user info left out."""
    port = url.port or _DEFAULT_PORTS.get(url.scheme)
    host = f"[{url.host}]" if ":" in url.host else url.host
    return f"{url.scheme}://{host}{'' if port is None else f':{port}'}{url.raw_path.split(b'?')[0].decode('ascii')}"


def _reason(exc: BaseException) -> str:
    for kind, text in _TIMEOUTS.items():
        if isinstance(exc, kind):
            return text
    # httpx wraps the socket's error (httpcore's, then the OS's): the innermost one says what happened. Under trio
    # a failed connect is an OSError caused by an exception group of one error per address tried.
    seen: set[int] = set()
    pending: list[BaseException] = [exc]
    while pending:
        error = pending.pop(0)
        if id(error) in seen:
            continue
        seen.add(id(error))
        if isinstance(error, socket.gaierror):
            return f"name resolution failed ({error.strerror or error})"
        if isinstance(error, ssl.SSLCertVerificationError):
            return f"TLS certificate verification failed ({error.verify_message or error.reason})"
        if isinstance(error, ssl.SSLError):
            return f"TLS failed ({error.reason or error})"
        if isinstance(error, ConnectionRefusedError):
            return "connection refused"
        if isinstance(error, OSError) and error.errno in _ERRNOS:
            return _ERRNOS[error.errno]
        if isinstance(error, BaseExceptionGroup):
            pending.extend(error.exceptions)
        for linked in (error.__cause__, error.__context__):
            if linked is not None:
                pending.append(linked)
    text = str(exc).strip()
    lowered = text.lower()
    if "connection refused" in lowered or "connect call failed" in lowered:
        return "connection refused"
    if "name or service not known" in lowered or "nodename nor servname" in lowered:
        return f"name resolution failed ({text})"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"the server broke the HTTP exchange ({text or 'connection closed without an answer'})"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def connection_error_message(method: str, url: httpx.URL, exc: BaseException) -> str:
    """``GET https://host:443/api/orchestration/_info: connection refused``."""
    return f"{method} {display_url(url)}: {_reason(exc)}"
