"""Hand-written additions to the generated ``client.v2`` resources: waiting for instances to terminate.

The generated classes (``_generated/v2.py``, ``_generated/v2_sync.py``) hold one method per endpoint; these
subclasses add the everyday jobs built from them, on both faces, with the same names.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import anyio

from .. import models
from .._generated.v2 import OPERATIONS, AsyncV2, AsyncV2WithRawResponse
from .._generated.v2_sync import V2, V2WithRawResponse
from ..errors import WaitTimeoutError, WorkflowFailedError

__all__ = ["OPERATIONS", "AsyncV2Resource", "V2Resource"]

DEFAULT_WAIT_TIMEOUT = 300.0
DEFAULT_POLL_INTERVAL = 0.5
MAX_POLL_INTERVAL = 5.0


def _check_wait_args(timeout: float | None, poll_interval: float, max_poll_interval: float) -> None:
    if timeout is not None and (isinstance(timeout, bool) or not timeout > 0):
        raise ValueError(f"timeout must be a positive number of seconds or None, got {timeout!r}")
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
        timeout: float | None = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        max_poll_interval: float = MAX_POLL_INTERVAL,
        raise_on_error: bool = False,
    ) -> models.V2WorkflowInstance:
        """Poll ``get_instance`` until the instance has terminated, and return it.

        Polls every ``poll_interval`` seconds, growing by half each time up to ``max_poll_interval``. Cancelling
        the awaiting task stops the polling at once. The real server's ``run_workflow(wait=True)`` returns at
        once, so this is how to wait for completion.

        Args:
            instance_id: The instance to wait for.
            timeout: Seconds to wait in all (requests included), or ``None`` to wait forever.
            poll_interval: Seconds between the first polls.
            max_poll_interval: Upper bound of the growing interval.
            raise_on_error: Raise :class:`~formance_orchestration.errors.WorkflowFailedError` when the instance
                ended with an error, instead of returning it with ``error`` set.

        Returns:
            The terminated instance (``error`` is set when a stage failed).

        Raises:
            WaitTimeoutError: ``timeout`` elapsed; carries the last instance seen.
            WorkflowFailedError: the instance failed and ``raise_on_error`` is true.
        """
        _check_wait_args(timeout, poll_interval, max_poll_interval)
        last: models.V2WorkflowInstance | None = None
        delay = poll_interval
        polls = 0
        with self._transport.observe_wait(instance_id) as poll, anyio.move_on_after(timeout) as scope:
            while True:
                last = await self.get_instance(instance_id)
                polls += 1
                poll(polls, last.terminated)  # an event on the wait's span, when OpenTelemetry is on
                if last.terminated:
                    break
                await anyio.sleep(delay)
                delay = min(delay * 1.5, max_poll_interval)
        if scope.cancelled_caught or last is None or not last.terminated:
            raise WaitTimeoutError(last, instance_id=instance_id, timeout=float(timeout or 0))
        if raise_on_error and last.error:
            raise WorkflowFailedError(last)
        return last

    async def run_workflow_and_wait(
        self,
        workflow_id: str,
        *,
        variables: Mapping[str, str] | None = None,
        timeout: float | None = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        max_poll_interval: float = MAX_POLL_INTERVAL,
        raise_on_error: bool = False,
    ) -> models.V2WorkflowInstance:
        """Run a workflow, then wait for the new instance to terminate (see :meth:`wait_for_instance`).

        The run itself is a POST and is never replayed after a 5xx or a read timeout; ``timeout`` bounds only the
        waiting.
        """
        _check_wait_args(timeout, poll_interval, max_poll_interval)
        instance = await self.run_workflow(workflow_id, variables=variables)
        return await self.wait_for_instance(
            instance.id,
            timeout=timeout,
            poll_interval=poll_interval,
            max_poll_interval=max_poll_interval,
            raise_on_error=raise_on_error,
        )


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
        timeout: float | None = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        max_poll_interval: float = MAX_POLL_INTERVAL,
        raise_on_error: bool = False,
    ) -> models.V2WorkflowInstance:
        """Block until the instance has terminated, and return it (see the async client's method)."""
        return self._call(
            self._async.wait_for_instance,
            instance_id,
            timeout=timeout,
            poll_interval=poll_interval,
            max_poll_interval=max_poll_interval,
            raise_on_error=raise_on_error,
        )

    def run_workflow_and_wait(
        self,
        workflow_id: str,
        *,
        variables: Mapping[str, str] | None = None,
        timeout: float | None = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        max_poll_interval: float = MAX_POLL_INTERVAL,
        raise_on_error: bool = False,
    ) -> models.V2WorkflowInstance:
        """Run a workflow and block until the new instance has terminated (see the async client's method)."""
        return self._call(
            self._async.run_workflow_and_wait,
            workflow_id,
            variables=variables,
            timeout=timeout,
            poll_interval=poll_interval,
            max_poll_interval=max_poll_interval,
            raise_on_error=raise_on_error,
        )
