"""Hand-written additions to the generated ``client.v2`` resources: waiting for instances to terminate.

The generated classes (``_generated/v2.py``, ``_generated/v2_sync.py``) hold one method per endpoint; these
subclasses add the everyday jobs built from them, on both faces, with the same names.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Mapping

import anyio
import httpx

from .. import models
from .._engine.types import NOT_GIVEN, NotGiven, TimeoutTypes
from .._generated.v2 import OPERATIONS, AsyncV2, AsyncV2WithRawResponse
from .._generated.v2_sync import V2, V2WithRawResponse
from ..errors import WaitTimeoutError, WorkflowFailedError

__all__ = ["OPERATIONS", "AsyncV2Resource", "V2Resource"]

DEFAULT_WAIT_TIMEOUT = 300.0
DEFAULT_POLL_INTERVAL = 0.5
MAX_POLL_INTERVAL = 5.0


def _wait_bound(
    wait_timeout: float | NotGiven | None, timeout: TimeoutTypes | NotGiven, *, stacklevel: int = 3
) -> tuple[float | None, TimeoutTypes | NotGiven]:
    """(the overall bound of the wait, the HTTP timeout of each poll) from the two keywords.

    ``timeout`` used to be the overall bound: a number given without ``wait_timeout`` keeps that meaning for one
    minor version, with a DeprecationWarning. With ``wait_timeout`` given, or as an ``httpx.Timeout``, it is the
    HTTP timeout of each poll, as everywhere else.
    """
    if isinstance(wait_timeout, NotGiven):
        if isinstance(timeout, (NotGiven, httpx.Timeout)):
            return DEFAULT_WAIT_TIMEOUT, timeout
        warnings.warn(
            "wait_for_instance(timeout=...) as the bound of the whole wait is deprecated: use wait_timeout=... "
            "(timeout= will be the HTTP timeout of each poll, as in every other method)",
            DeprecationWarning,
            stacklevel=stacklevel,
        )
        return timeout, NOT_GIVEN
    return wait_timeout, timeout


def _check_wait_args(timeout: float | None, poll_interval: float, max_poll_interval: float) -> None:
    if timeout is not None and (isinstance(timeout, bool) or not timeout > 0):
        raise ValueError(f"wait_timeout must be a positive number of seconds or None, got {timeout!r}")
    if isinstance(poll_interval, bool) or not poll_interval > 0:
        raise ValueError(f"poll_interval must be a positive number of seconds, got {poll_interval!r}")
    if isinstance(max_poll_interval, bool) or not max_poll_interval >= poll_interval:
        raise ValueError(f"max_poll_interval must be >= poll_interval, got {max_poll_interval!r}")


class AsyncV2Resource(AsyncV2):
    """``client.v2`` of :class:`AsyncOrchestrationClient`: every v2 operation, plus waiting helpers."""

    @functools.cached_property
    def with_raw_response(self) -> AsyncV2WithRawResponse:
        """The same operations, each returning a :class:`RawResponse` (status, headers, elapsed, ``parse()``)."""
        return AsyncV2WithRawResponse(self._transport)

    async def wait_for_instance(
        self,
        instance_id: str,
        *,
        wait_timeout: float | NotGiven | None = NOT_GIVEN,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        max_poll_interval: float = MAX_POLL_INTERVAL,
        raise_on_error: bool = False,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    ) -> models.V2WorkflowInstance:
        """Poll ``get_instance`` until the instance has terminated, and return it.

        Polls every ``poll_interval`` seconds, growing by half each time up to ``max_poll_interval``. Cancelling
        the awaiting task stops the polling at once. The real server's ``run_workflow(wait=True)`` returns at
        once, so this is how to wait for completion.

        Args:
            instance_id: The instance to wait for.
            wait_timeout: Seconds to wait in all (polls included; default 300), or ``None`` to wait forever.
            poll_interval: Seconds between the first polls.
            max_poll_interval: Upper bound of the growing interval.
            raise_on_error: Raise :class:`~formance_orchestration.errors.WorkflowFailedError` when the instance
                ended with an error, instead of returning it with ``error`` set.
            timeout: The HTTP timeout of each poll (as in every method). Deprecated meaning, kept for one minor
                version: a number given without ``wait_timeout`` is the bound of the whole wait, with a
                ``DeprecationWarning``.

        Returns:
            The terminated instance (``error`` is set when a stage failed).

        Raises:
            WaitTimeoutError: ``wait_timeout`` elapsed; carries the last instance seen.
            WorkflowFailedError: the instance failed and ``raise_on_error`` is true.
        """
        bound, http_timeout = _wait_bound(wait_timeout, timeout)
        return await self._wait(instance_id, bound, http_timeout, poll_interval, max_poll_interval, raise_on_error)

    async def _wait(
        self,
        instance_id: str,
        bound: float | None,
        http_timeout: TimeoutTypes | NotGiven,
        poll_interval: float,
        max_poll_interval: float,
        raise_on_error: bool,
    ) -> models.V2WorkflowInstance:
        _check_wait_args(bound, poll_interval, max_poll_interval)
        last: models.V2WorkflowInstance | None = None
        delay = poll_interval
        polls = 0
        with self._transport.observe_wait(instance_id) as poll, anyio.move_on_after(bound) as scope:
            while True:
                last = await self.get_instance(instance_id, timeout=http_timeout)
                polls += 1
                poll(polls, last.terminated)  # an event on the wait's span, when OpenTelemetry is on
                if last.terminated:
                    break
                await anyio.sleep(delay)
                delay = min(delay * 1.5, max_poll_interval)
        if scope.cancelled_caught or last is None or not last.terminated:
            raise WaitTimeoutError(last, instance_id=instance_id, timeout=float(bound or 0))
        if raise_on_error and last.error:
            raise WorkflowFailedError(last)
        return last

    async def run_workflow_and_wait(
        self,
        workflow_id: str,
        *,
        variables: Mapping[str, str] | None = None,
        wait_timeout: float | NotGiven | None = NOT_GIVEN,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        max_poll_interval: float = MAX_POLL_INTERVAL,
        raise_on_error: bool = False,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    ) -> models.V2WorkflowInstance:
        """Run a workflow, then wait for the new instance to terminate (see :meth:`wait_for_instance`).

        The run itself is a POST and is never replayed after a 5xx or a read timeout; ``wait_timeout`` bounds
        only the waiting, ``timeout`` is the HTTP timeout of the run and of each poll (a number given without
        ``wait_timeout`` keeps its old meaning, the bound of the wait, with a ``DeprecationWarning``).
        """
        bound, http_timeout = _wait_bound(wait_timeout, timeout)
        _check_wait_args(bound, poll_interval, max_poll_interval)
        instance = await self.run_workflow(workflow_id, variables=variables, timeout=http_timeout)
        return await self._wait(instance.id, bound, http_timeout, poll_interval, max_poll_interval, raise_on_error)


class V2Resource(V2):
    """``client.v2`` of the blocking :class:`OrchestrationClient`: every v2 operation, plus waiting helpers."""

    _async: AsyncV2Resource

    @functools.cached_property
    def with_raw_response(self) -> V2WithRawResponse:
        """The same operations, each returning a :class:`RawResponse` (status, headers, elapsed, ``parse()``)."""
        return V2WithRawResponse(self._portal, self._async.with_raw_response)

    def wait_for_instance(
        self,
        instance_id: str,
        *,
        wait_timeout: float | NotGiven | None = NOT_GIVEN,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        max_poll_interval: float = MAX_POLL_INTERVAL,
        raise_on_error: bool = False,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    ) -> models.V2WorkflowInstance:
        """Block until the instance has terminated, and return it (see the async client's method)."""
        bound, http_timeout = _wait_bound(wait_timeout, timeout, stacklevel=3)
        return self._call(
            self._async._wait,
            instance_id,
            bound,
            http_timeout,
            poll_interval,
            max_poll_interval,
            raise_on_error,
        )

    def run_workflow_and_wait(
        self,
        workflow_id: str,
        *,
        variables: Mapping[str, str] | None = None,
        wait_timeout: float | NotGiven | None = NOT_GIVEN,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        max_poll_interval: float = MAX_POLL_INTERVAL,
        raise_on_error: bool = False,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    ) -> models.V2WorkflowInstance:
        """Run a workflow and block until the new instance has terminated (see the async client's method)."""
        bound, http_timeout = _wait_bound(wait_timeout, timeout, stacklevel=3)
        return self._call(
            self._async.run_workflow_and_wait,
            workflow_id,
            variables=variables,
            wait_timeout=bound,
            poll_interval=poll_interval,
            max_poll_interval=max_poll_interval,
            raise_on_error=raise_on_error,
            timeout=http_timeout,
        )
