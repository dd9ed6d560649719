"""Connection settings of the ``httpx.AsyncClient`` the SDK builds: TLS, client certificate, proxy, HTTP/2, pool.

They are checked when the client is constructed (a wrong path or a missing ``h2`` fails there, with a message
naming the keyword) and applied when the first request creates the connection pool, in a worker thread: loading
CA files is blocking I/O.
"""

from __future__ import annotations

import importlib.util
import os
import ssl
from typing import Any, TypeAlias

import attrs
import httpx

from . import constants as _constants
from .types import NOT_GIVEN, NotGiven

__all__ = ["CertTypes", "ConnectionSettings", "VerifyTypes", "user_agent_suffix"]

VerifyTypes: TypeAlias = "bool | str | os.PathLike[str] | ssl.SSLContext"
"""``True`` (the default CA bundle), ``False`` (no verification), a CA file or directory, or an ``SSLContext``."""

CertTypes: TypeAlias = "str | os.PathLike[str] | tuple[str | os.PathLike[str], str | os.PathLike[str] | None] | tuple[str | os.PathLike[str], str | os.PathLike[str] | None, str | None]"
"""A client certificate: a PEM file holding certificate and key, or ``(certfile, keyfile[, password])``."""

TRANSPORT_KEYWORDS = ("verify", "cert", "proxy", "trust_env", "http2", "limits")


def _check_path(keyword: str, value: object) -> str:
    if not isinstance(value, (str, os.PathLike)):
        raise TypeError(f"{keyword} must be a path, got {type(value).__name__}")
    path = os.fspath(value)
    if not isinstance(path, str) or not path:
        raise TypeError(f"{keyword} must be a non-empty path")
    if not os.path.exists(path):
        raise ValueError(f"{keyword}: no such file or directory: {path!r}")
    return path


@attrs.frozen(kw_only=True)
class ConnectionSettings:
    """What the SDK passes to the ``httpx.AsyncClient`` it creates (each left to the default when not given)."""

    verify: bool | str | ssl.SSLContext = True
    cert: tuple[str, str | None, str | None] | None = None
    proxy: str | httpx.URL | httpx.Proxy | None = None
    trust_env: bool = True
    http2: bool = False
    limits: httpx.Limits = _constants.DEFAULT_LIMITS

    @property
    def is_default(self) -> bool:
        """Whether nothing was given: the shared default SSL context serves."""
        return self == _DEFAULT

    @classmethod
    def of(
        cls,
        *,
        verify: object = NOT_GIVEN,
        cert: object = NOT_GIVEN,
        proxy: object = NOT_GIVEN,
        trust_env: object = NOT_GIVEN,
        http2: object = NOT_GIVEN,
        limits: object = NOT_GIVEN,
    ) -> ConnectionSettings:
        """Check the constructor's keywords; each error names the keyword and what it accepts."""
        fields: dict[str, Any] = {}
        if not isinstance(verify, NotGiven):
            if isinstance(verify, (bool, ssl.SSLContext)):
                fields["verify"] = verify
            elif isinstance(verify, (str, os.PathLike)):
                fields["verify"] = _check_path("verify", verify)
            else:
                raise TypeError(
                    f"verify must be a bool, a CA file or directory path, or an ssl.SSLContext, got {type(verify).__name__}"
                )
        if not isinstance(cert, NotGiven) and cert is not None:
            if isinstance(cert, (str, os.PathLike)):
                fields["cert"] = (_check_path("cert", cert), None, None)
            elif isinstance(cert, tuple) and len(cert) in (2, 3):
                keyfile = None if cert[1] is None else _check_path("cert (keyfile)", cert[1])
                password = cert[2] if len(cert) == 3 else None
                if password is not None and not isinstance(password, str):
                    raise TypeError(f"cert password must be a string, got {type(password).__name__}")
                fields["cert"] = (_check_path("cert", cert[0]), keyfile, password)
            else:
                raise TypeError("cert must be a PEM file path or a (certfile, keyfile[, password]) tuple")
            if isinstance(fields.get("verify"), ssl.SSLContext):
                # Loading the chain would change the caller's own context, maybe shared with other clients.
                raise ValueError("cert cannot be combined with verify=<ssl.SSLContext>: load the chain into it")
        if not isinstance(proxy, NotGiven) and proxy is not None:
            if not isinstance(proxy, (str, httpx.URL, httpx.Proxy)):
                raise TypeError(
                    f"proxy must be a URL string, an httpx.URL or an httpx.Proxy, got {type(proxy).__name__}"
                )
            url = proxy.url if isinstance(proxy, httpx.Proxy) else httpx.URL(proxy)
            if url.scheme not in ("http", "https", "socks5", "socks5h") or not url.host:
                raise ValueError(f"proxy must be an http(s):// or socks5:// URL, got {str(url)!r}")
            fields["proxy"] = proxy
        for name, value in (("trust_env", trust_env), ("http2", http2)):
            if isinstance(value, NotGiven):
                continue
            if not isinstance(value, bool):
                raise TypeError(f"{name} must be a bool, got {type(value).__name__}")
            fields[name] = value
        if fields.get("http2") and importlib.util.find_spec("h2") is None:
            raise ImportError(
                "http2=True needs the 'h2' package: pip install 'formance-orchestration[http2]'"
            )  # fmt: skip
        if not isinstance(limits, NotGiven):
            if not isinstance(limits, httpx.Limits):
                raise TypeError(f"limits must be an httpx.Limits, got {type(limits).__name__}")
            fields["limits"] = limits
        return cls(**fields)

    def ssl_context(self, default: ssl.SSLContext) -> ssl.SSLContext:
        """The context to connect with (blocking: it may read CA and certificate files)."""
        if self.verify is True and self.cert is None:
            if self.trust_env:
                return default
            return httpx.create_ssl_context(trust_env=False)
        if isinstance(self.verify, ssl.SSLContext):
            return self.verify
        if self.verify is False:
            context = httpx.create_ssl_context(verify=False)
        elif isinstance(self.verify, str):
            if os.path.isdir(self.verify):
                context = ssl.create_default_context(capath=self.verify)
            else:
                context = ssl.create_default_context(cafile=self.verify)
        else:
            context = httpx.create_ssl_context(trust_env=self.trust_env)
        if self.cert is not None:
            certfile, keyfile, password = self.cert
            context.load_cert_chain(certfile, keyfile, password)
        return context

    def client(self, timeout: httpx.Timeout, default_context: ssl.SSLContext) -> httpx.AsyncClient:
        """A new ``httpx.AsyncClient`` with these settings (blocking: see :meth:`ssl_context`)."""
        return httpx.AsyncClient(
            timeout=timeout,
            limits=self.limits,
            verify=self.ssl_context(default_context),
            proxy=self.proxy,
            trust_env=self.trust_env,
            http2=self.http2,
        )


_DEFAULT = ConnectionSettings()


def user_agent_suffix(app_name: object) -> str | None:
    """``app_name`` checked for the ``User-Agent`` header: printable ASCII, no line breaks."""
    if app_name is None:
        return None
    if not isinstance(app_name, str):
        raise TypeError(f"app_name must be a string, got {type(app_name).__name__}")
    app_name = app_name.strip()
    if not app_name or not all(" " <= ch <= "~" for ch in app_name):
        raise ValueError(f"app_name must be non-empty printable ASCII (e.g. 'payouts/1.4'), got {app_name!r}")
    return app_name
