"""The SDK's exception hierarchy, below every other module (the public face is :mod:`formance_orchestration.errors`).

The codec runtime raises :class:`APIResponseValidationError` and the engine raises the rest; neither may import
the models, which the two waiting errors in ``errors`` need, so those live there.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

__all__ = [
    "OrchestrationError",
    "APIStatusError",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "UnprocessableEntityError",
    "RateLimitError",
    "InternalServerError",
    "APIConnectionError",
    "APITimeoutError",
    "APIResponseValidationError",
    "TokenError",
    "HookError",
    "make_status_error",
    "request_id_of",
]

# Long enough to show what an HTML error page or a proxy message is about, short enough for a log line.
_SNIPPET_CHARS = 200


_MAX_REQUEST_ID_CHARS = 128


def request_id_of(response: httpx.Response) -> str | None:
    """The id the server (or a gateway in front of it) gave this exchange, to quote to its operators.

    ``X-Request-Id`` when present; otherwise the trace id of a W3C ``traceparent`` the answer carries (what a
    traced gateway returns). ``None`` when there is neither, or the value is not printable ASCII.
    """
    headers = response.headers
    value: str | None = headers.get("x-request-id")
    if value is not None:
        value = value.strip()
        if value and len(value) <= _MAX_REQUEST_ID_CHARS and all(" " < ch <= "~" for ch in value):
            return value
    traceparent = headers.get("traceparent")
    if traceparent is not None:
        parts = traceparent.strip().split("-")
        if len(parts) >= 4 and len(parts[1]) == 32 and parts[1] != "0" * 32:
            trace_id: str = parts[1].lower()
            if all(ch in "0123456789abcdef" for ch in trace_id):
                return trace_id
    return None


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SNIPPET_CHARS else text[:_SNIPPET_CHARS] + "..."


class OrchestrationError(Exception):
    """Base class of every exception this SDK raises on purpose."""


class APIStatusError(OrchestrationError):
    """The server answered with a status code of 400 or more.

    Attributes:
        status_code: The HTTP status of the answer.
        error_code: The ``errorCode`` of a V2Error body (``VALIDATION``, ``NOT_FOUND``, ``INTERNAL``, or any
            value a newer server sends), or ``None`` when the body was not a V2Error (empty, text, HTML).
        error_message: The ``errorMessage`` of a V2Error body, else a short snippet of the body, or ``None``.
        response: The ``httpx.Response``; its body has been read.
        body: The decoded JSON body, or the body text when it was not JSON, or ``None`` when empty.
        request_id: The answer's ``X-Request-Id`` (or the trace id of its ``traceparent``), or ``None``; the
            message ends with it.
    """

    status_code: int

    def __init__(
        self,
        *,
        response: httpx.Response,
        body: object,
        error_code: str | None,
        error_message: str | None,
    ) -> None:
        self.response = response
        self.status_code = response.status_code
        self.body = body
        self.error_code = error_code
        self.error_message = error_message
        request = response.request
        parts = [f"{request.method} {request.url.copy_with(query=None)} -> {self.status_code}"]
        if error_code:
            parts.append(error_code)
        if error_message:
            parts.append(error_message)
        self.request_id = request_id_of(response)
        message = ": ".join(parts)
        if self.request_id is not None:
            message += f" (request id: {self.request_id})"
        super().__init__(message)


class BadRequestError(APIStatusError):
    """400: the request was malformed or failed validation (``VALIDATION``)."""


class AuthenticationError(APIStatusError):
    """401: missing, invalid or expired credentials, or a token without the needed scope."""


class PermissionDeniedError(APIStatusError):
    """403: the credentials are valid but not allowed to do this."""


class NotFoundError(APIStatusError):
    """404: the resource or route does not exist."""


class ConflictError(APIStatusError):
    """409: the request conflicts with the resource's state."""


class UnprocessableEntityError(APIStatusError):
    """422: the request was well formed but could not be processed."""


class RateLimitError(APIStatusError):
    """429: too many requests."""


class InternalServerError(APIStatusError):
    """A status of 500 or more.

    The real server answers many "not found" cases with ``500 INTERNAL``: check :attr:`error_message`.
    """


class APIConnectionError(OrchestrationError):
    """No usable answer came back: connection refused or reset, DNS or TLS failure, oversized body.

    The original ``httpx`` exception, when there is one, is chained as ``__cause__``.
    """

    def __init__(self, message: str = "Connection error.", *, request: httpx.Request | None = None) -> None:
        self.request = request
        super().__init__(message)


class APITimeoutError(APIConnectionError):
    """The request timed out (connect, read, write or waiting for a pooled connection)."""

    def __init__(self, message: str = "Request timed out.", *, request: httpx.Request | None = None) -> None:
        super().__init__(message, request=request)


class APIResponseValidationError(OrchestrationError):
    """A successful answer that is not valid JSON or does not fit the expected schema.

    Attributes:
        schema: The schema the body was decoded as (e.g. ``"V2GetWorkflowResponse"``).
        path: Where in the body the problem is, as a JSONPath (e.g. ``"$.data.createdAt"``).
        reason: What was wrong there.
        response: The ``httpx.Response``, or ``None`` when decoding outside a request.
    """

    def __init__(self, *, schema: str, path: str, reason: str, response: httpx.Response | None = None) -> None:
        self.schema = schema
        self.path = path
        self.reason = reason
        self.response = response
        super().__init__(f"response does not fit {schema} at {path}: {reason}")


class TokenError(OrchestrationError):
    """The OAuth2 token endpoint refused to issue a token or answered something unusable.

    Attributes:
        status_code: The token endpoint's HTTP status, or ``None`` when the answer was unusable.
        error: The OAuth2 ``error`` field (e.g. ``invalid_client``), if any.
        error_description: The OAuth2 ``error_description`` field, or a snippet of a non-JSON body.
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        error: str | None = None,
        error_description: str | None = None,
    ) -> None:
        self.status_code = status_code
        self.error = error
        self.error_description = error_description
        super().__init__(message)


class HookError(OrchestrationError):
    """A hook given to the client (``hooks=Hooks(...)``) raised; the call failed and was not retried.

    The hook's exception is chained as ``__cause__``.

    Attributes:
        event: Which hook field raised (``"before_attempt"``, ``"after_response"``, ``"on_retry"``, ``"on_token"``).
        hook: The callable that raised.
    """

    def __init__(self, event: str, hook: object, error: BaseException) -> None:
        self.event = event
        self.hook = hook
        name = getattr(hook, "__qualname__", None) or type(hook).__qualname__
        super().__init__(f"{event} hook {name} raised {type(error).__name__}")


_STATUS_CLASSES: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def make_status_error(response: httpx.Response) -> APIStatusError:
    """Build the exception for an error answer whose body has been read.

    A V2Error JSON body fills ``error_code`` and ``error_message``; anything else (empty, text, HTML, JSON of
    another shape) still picks the class by status and keeps a short snippet as the message.
    """
    cls = _STATUS_CLASSES.get(response.status_code)
    if cls is None:
        cls = InternalServerError if response.status_code >= 500 else APIStatusError
    body: Any = None
    error_code: str | None = None
    error_message: str | None = None
    raw = response.content
    if raw.strip():
        text = raw.decode("utf-8", errors="replace")
        try:
            body = json.loads(text)
        except (ValueError, RecursionError):  # RecursionError: nested too deeply for the json module
            body = text
            error_message = _snippet(text)
        else:
            if isinstance(body, dict):
                code = body.get("errorCode")
                message = body.get("errorMessage")
                error_code = code if isinstance(code, str) else None
                error_message = message if isinstance(message, str) else None
            if error_code is None and error_message is None:
                error_message = _snippet(text)
    return cls(response=response, body=body, error_code=error_code, error_message=error_message)
