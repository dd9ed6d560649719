"""When to retry, and how long to wait: pure functions plus the :class:`RetryPolicy` users configure."""

from __future__ import annotations

import datetime
import email.utils
import random
import time
import warnings
from collections.abc import Iterable

import attrs
import httpx

from .._exceptions import APIConnectionError, APIStatusError, TokenError
from . import constants as _constants

__all__ = [
    "RetryPolicy",
    "check_max_retries",
    "retries_argument",
    "retry_after_seconds",
    "should_retry",
]

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})

# httpx errors raised before any byte of the request left: safe to retry for every method.
_NEVER_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def _positive(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if value < 0:
        raise ValueError(f"{attribute.name} must be >= 0, got {value!r}")


def _statuses(value: Iterable[int]) -> frozenset[int]:
    # A typed converter: with a bare ``converter=frozenset`` mypy cannot type the ``retry_statuses`` argument.
    return frozenset(value)


@attrs.frozen(kw_only=True)
class RetryPolicy:
    """How the SDK retries failed requests.

    GET, PUT and DELETE are retried on connection errors, timeouts and the statuses in ``retry_statuses``.
    POST (create, run, send event, test) is not idempotent: the server has no idempotency key, so a replayed
    ``run_workflow`` runs the workflow twice. POST is therefore retried only when the request surely never
    reached the server (connection refused, connect timeout, no free pooled connection) or on 429, unless
    ``retry_non_idempotent`` is set.

    Attributes:
        max_attempts: Attempts in all, the first included; ``1`` disables retries.
        initial_delay: Backoff before the second attempt, in seconds; doubled each time.
        max_delay: Upper bound of the exponential backoff, in seconds.
        jitter: Fraction of each backoff delay drawn at random (``0.25`` = up to 25% shorter).
        max_retry_after: Upper bound for a server's ``Retry-After``, in seconds.
        retry_statuses: Statuses retried for idempotent methods.
        retry_non_idempotent: Also retry POST after a 5xx, a read timeout or a dropped connection. Only for
            callers who make their POSTs safe to repeat themselves.
    """

    max_attempts: int = attrs.field(default=_constants.DEFAULT_MAX_ATTEMPTS)
    initial_delay: float = attrs.field(default=_constants.INITIAL_RETRY_DELAY, validator=_positive)
    max_delay: float = attrs.field(default=_constants.MAX_RETRY_DELAY, validator=_positive)
    jitter: float = attrs.field(default=0.25, validator=[_positive, attrs.validators.le(1.0)])
    max_retry_after: float = attrs.field(default=_constants.MAX_RETRY_AFTER, validator=_positive)
    retry_statuses: frozenset[int] = attrs.field(default=frozenset({408, 429, 502, 503, 504}), converter=_statuses)
    retry_non_idempotent: bool = False

    @max_attempts.validator
    def _check_attempts(self, attribute: attrs.Attribute[int], value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"max_attempts must be an integer >= 1, got {value!r}")

    @classmethod
    def of(cls, retries: RetryPolicy | int) -> RetryPolicy:
        """Accept a policy, or an int meaning "this many attempts in all"."""
        if isinstance(retries, RetryPolicy):
            return retries
        if isinstance(retries, bool) or not isinstance(retries, int):
            raise TypeError(f"retries must be a RetryPolicy or an int, got {type(retries).__name__}")
        return cls(max_attempts=retries)

    @property
    def max_retries(self) -> int:
        """Retries after the first attempt (``max_attempts - 1``; ``0`` = none)."""
        return self.max_attempts - 1

    def with_max_retries(self, max_retries: int) -> RetryPolicy:
        """This policy allowing ``max_retries`` retries after the first attempt (``0`` = none)."""
        return attrs.evolve(self, max_attempts=check_max_retries(max_retries) + 1)

    def backoff(self, retry_number: int) -> float:
        """Delay before retry ``retry_number`` (1 for the first retry), with jitter."""
        # The exponent is bounded: 2.0 ** 1024 overflows, and max_delay caps the result long before that.
        delay = min(self.max_delay, self.initial_delay * 2.0 ** min(retry_number - 1, 1000))
        return delay * (1 - self.jitter * random.random())


def check_max_retries(value: object) -> int:
    """``max_retries`` validated: an int >= 0 (``bool`` refused: ``True`` is not a count)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"max_retries must be an int (retries after the first attempt), got {type(value).__name__}")
    if value < 0:
        raise ValueError(f"max_retries must be >= 0 (0 = no retry), got {value}")
    return value


INT_RETRIES_DEPRECATION = (
    "retries=<int> (a count of attempts) is deprecated and will be removed in the next minor version; "
    "use max_retries=<int>, which counts retries after the first attempt (retries={n} is max_retries={m})"
)


def retries_argument(value: object, *, stacklevel: int) -> RetryPolicy:
    """The ``retries`` argument as a policy; an int (attempts) still works but warns that ``max_retries`` replaces it.

    ``stacklevel`` counts from the caller of this function, so the warning points at the user's line.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        policy = RetryPolicy.of(value)  # validates before warning: a bad value raises, it does not only warn
        warnings.warn(
            INT_RETRIES_DEPRECATION.format(n=value, m=value - 1), DeprecationWarning, stacklevel=stacklevel + 1
        )
        return policy
    if not isinstance(value, RetryPolicy):
        raise TypeError(f"retries must be a RetryPolicy, got {type(value).__name__}")
    return value


def should_retry(method: str, error: BaseException, policy: RetryPolicy) -> bool:
    """Whether a failed attempt of ``method`` may be repeated under ``policy``."""
    idempotent = method in IDEMPOTENT_METHODS or policy.retry_non_idempotent
    if isinstance(error, TokenError):
        # The token endpoint failed before the API request left: a transient status is safe to retry for any method.
        return error.status_code is not None and error.status_code in policy.retry_statuses
    if isinstance(error, APIStatusError):
        if error.status_code == 429:
            return 429 in policy.retry_statuses
        return idempotent and error.status_code in policy.retry_statuses
    if isinstance(error, APIConnectionError):
        cause = error.__cause__
        if isinstance(cause, _NEVER_SENT):
            return True
        # Reset, read timeout, dropped after sending: the server may have acted on the request.
        return idempotent and isinstance(cause, httpx.TransportError)
    return False


def retry_after_seconds(response: httpx.Response | None, now: float | None = None) -> float | None:
    """The server's ``Retry-After`` (seconds or an HTTP date) in seconds, or ``None`` if absent or unusable."""
    if response is None:
        return None
    value = response.headers.get("retry-after")
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):  # OverflowError: absurdly large fields
            return None
        if when.tzinfo is None:  # "-0000" or no zone: HTTP dates are always UTC, never local time
            when = when.replace(tzinfo=datetime.UTC)
        seconds = when.timestamp() - (time.time() if now is None else now)
    if seconds != seconds or seconds < 0:  # NaN or in the past
        return None
    return seconds
