"""Hand-written additions to the generated ``client.v2`` resources: configs in, variables checked, waiting.

The generated classes (``_generated/v2.py``, ``_generated/v2_sync.py``) hold one method per endpoint; these
subclasses add the everyday jobs built from them, on both faces, with the same names: ``create_workflow`` also
takes a whole config, ``run_workflow`` checks the run's variables against the workflow's ``${...}`` placeholders,
and the waits report each stage's progress.
"""

from __future__ import annotations

import collections
import functools
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import anyio
import httpx

from .. import models
from .._engine.response import RawResponse
from .._engine.types import NOT_GIVEN, NotGiven, RetriesTypes, StageLike, TimeoutTypes
from .._generated.v2 import OPERATIONS, AsyncV2, AsyncV2WithRawResponse
from .._generated.v2_sync import V2, V2WithRawResponse
from ..errors import MissingVariablesError, UnusedVariablesWarning, WaitTimeoutError, WorkflowFailedError
from .progress import ProgressCallback, ProgressTracker

if TYPE_CHECKING:
    from .._engine.transport import AsyncTransport

__all__ = ["OPERATIONS", "AsyncV2RawResource", "AsyncV2Resource", "V2RawResource", "V2Resource"]

# Workflow configs never change on the server (there is no update operation), so the variables a workflow uses
# can be remembered per id; a bounded number, so a long-lived client running many workflows stays small.
_CONFIG_CACHE_SIZE = 256


def _workflow_fields(
    config: models.V2WorkflowConfig | None,
    stages: Sequence[Mapping[str, Any] | StageLike | models.V2Stage] | None,
    name: str | None,
) -> tuple[Sequence[Mapping[str, Any] | StageLike | models.V2Stage], str | None]:
    if config is not None:
        if stages is not None or name is not None:
            raise TypeError(
                "create_workflow takes either config= or stages=/name=, not both (the config holds its stages and name)"
            )
        if not isinstance(config, models.V2WorkflowConfig):
            raise TypeError(
                f"config must be a models.V2WorkflowConfig (from load_workflow_config or built), got {type(config).__name__}"
            )
        return list(config.stages or []), config.name
    if stages is None:
        raise TypeError("create_workflow needs config= (a loaded or built workflow config) or stages=")
    return stages, name


def _variables_problem(
    workflow_id: str, needed: frozenset[str], variables: Mapping[str, str] | None
) -> tuple[MissingVariablesError | None, UnusedVariablesWarning | None]:
    given = set(variables or {})
    missing = sorted(needed - given)
    unused = sorted(given - needed)
    error = MissingVariablesError(workflow_id, missing) if missing else None
    warning = UnusedVariablesWarning(workflow_id, unused) if unused else None
    return error, warning


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
    def with_raw_response(self) -> AsyncV2RawResource:
        """The same operations, each returning a :class:`RawResponse` (status, headers, elapsed, ``parse()``)."""
        return AsyncV2RawResource(self._transport, self)

    @functools.cached_property
    def _workflow_variables(self) -> collections.OrderedDict[str, frozenset[str]]:
        return collections.OrderedDict()

    def _remember(self, workflow: models.V2Workflow) -> frozenset[str]:
        # Imported on first use: the workflow checker is not needed by a client that never creates or checks one.
        from .._workflow_check import variables_of

        needed = variables_of(workflow.config.stages)
        cache = self._workflow_variables
        cache[workflow.id] = needed
        cache.move_to_end(workflow.id)
        while len(cache) > _CONFIG_CACHE_SIZE:
            cache.popitem(last=False)
        return needed

    def _checks_variables(self, workflow_id: str, check: bool | None) -> bool:
        """Whether ``run_workflow(check_variables=check)`` checks this workflow (a dictionary lookup, no I/O)."""
        return check is True or (check is None and workflow_id in self._workflow_variables)

    async def _check_variables(
        self,
        workflow_id: str,
        variables: Mapping[str, str] | None,
        check: bool | None,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        deadline: float | NotGiven | None = NOT_GIVEN,
    ) -> UnusedVariablesWarning | None:
        """Raise for variables the workflow uses and ``variables`` lacks; return the warning for unused ones.

        ``check`` is the caller's ``check_variables``: ``None`` checks only a workflow this client knows already,
        ``True`` reads an unknown one first, ``False`` never checks.
        """
        if not self._checks_variables(workflow_id, check):
            return None
        needed = self._workflow_variables.get(workflow_id)
        if needed is None:
            workflow = await self.get_workflow(
                workflow_id,
                timeout=timeout,
                extra_headers=extra_headers,
                retries=retries,
                max_retries=max_retries,
                deadline=deadline,
            )
            needed = self._remember(workflow)
        error, warning = _variables_problem(workflow_id, needed, variables)
        if error is not None:
            raise error
        return warning

    async def create_workflow(
        self,
        *,
        config: models.V2WorkflowConfig | None = None,
        stages: Sequence[Mapping[str, Any] | StageLike | models.V2Stage] | None = None,
        name: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        deadline: float | NotGiven | None = NOT_GIVEN,
    ) -> models.V2Workflow:
        """Create a workflow from a config (``load_workflow_config(...)`` or built), or from ``stages`` and ``name``.

        Args:
            config: A whole :class:`models.V2WorkflowConfig`; not together with ``stages`` or ``name``.
            stages: The stages: plain mappings or stage builders (``formance_orchestration.stages``).
            name: The workflow's name.

        Returns:
            The created ``V2Workflow``.

        Raises:
            TypeError: both ``config`` and ``stages``/``name``, or neither ``config`` nor ``stages``.
        """
        stages, name = _workflow_fields(config, stages, name)
        workflow = await super().create_workflow(
            stages=stages,
            name=name,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
            deadline=deadline,
        )
        self._remember(workflow)
        return workflow

    async def run_workflow(
        self,
        workflow_id: str,
        *,
        wait: bool | None = None,
        variables: Mapping[str, str] | None = None,
        check_variables: bool | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        deadline: float | NotGiven | None = NOT_GIVEN,
    ) -> models.V2WorkflowInstance:
        """Run a workflow: start a new instance with these variables.

        The server replaces a ``${variable}`` the run does not give with ``""`` and says nothing, so the run fails
        later, in a stage, or does the wrong thing. So the run is checked first against the variables the
        workflow's stages use, refused if it lacks any, and warned about if it gives some no stage uses. By
        default (``check_variables=None``) that costs no request: it checks the workflows this client knows, those
        it created (configs never change on the server) or checked before. ``check_variables=True`` checks any
        workflow, reading an unknown one once with ``get_workflow``; ``False`` sends the run as is.

        Args:
            workflow_id: The workflow id.
            wait: Ask the server to wait for the end of the workflow (the real server answers at once anyway;
                use :meth:`run_workflow_and_wait`).
            variables: The run's variables, filling the ``${...}`` placeholders of the stages.
            check_variables: ``None``: check when the workflow is known to this client (no extra request);
                ``True``: always check (one ``get_workflow`` per workflow and client); ``False``: never.

        Returns:
            The new ``V2WorkflowInstance``.

        Raises:
            MissingVariablesError: (a ``ValueError``) the stages use variables that ``variables`` lacks; nothing
                was run.

        Warns:
            UnusedVariablesWarning: ``variables`` has names no stage uses (often a typo).
        """
        warning = await self._check_variables(
            workflow_id,
            variables,
            check_variables,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
            deadline=deadline,
        )
        if warning is not None:
            warnings.warn(warning, stacklevel=2)
        return await super().run_workflow(
            workflow_id,
            wait=wait,
            variables=variables,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
            deadline=deadline,
        )

    async def wait_for_instance(
        self,
        instance_id: str,
        *,
        wait_timeout: float | NotGiven | None = NOT_GIVEN,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        max_poll_interval: float = MAX_POLL_INTERVAL,
        raise_on_error: bool = False,
        on_progress: ProgressCallback | None = None,
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
            on_progress: Called with a :class:`~formance_orchestration.StageProgress` for each stage whose state
                changed since the previous poll (started, waiting for its event, done, failed), in stage order;
                the first poll reports every stage already started. Changes between two polls that undo each
                other are not seen. An exception it raises ends the wait and propagates.
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
        return await self._wait(
            instance_id, bound, http_timeout, poll_interval, max_poll_interval, raise_on_error, on_progress
        )

    async def _wait(
        self,
        instance_id: str,
        bound: float | None,
        http_timeout: TimeoutTypes | NotGiven,
        poll_interval: float,
        max_poll_interval: float,
        raise_on_error: bool,
        on_progress: ProgressCallback | None,
    ) -> models.V2WorkflowInstance:
        _check_wait_args(bound, poll_interval, max_poll_interval)
        last: models.V2WorkflowInstance | None = None
        tracker: ProgressTracker | None = None
        delay = poll_interval
        polls = 0
        with self._transport.observe_wait(instance_id) as poll, anyio.move_on_after(bound) as scope:
            while True:
                last = await self.get_instance(instance_id, timeout=http_timeout)
                polls += 1
                poll(polls, last.terminated)  # an event on the wait's span, when OpenTelemetry is on
                if on_progress is not None:
                    if tracker is None:
                        # The server sends the instance with its workflow, config included: no extra request.
                        stages = last.workflow.config.stages if last.workflow is not None else None
                        tracker = ProgressTracker(on_progress, stages)
                    tracker.update(last)
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
        check_variables: bool | None = None,
        wait_timeout: float | NotGiven | None = NOT_GIVEN,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        max_poll_interval: float = MAX_POLL_INTERVAL,
        raise_on_error: bool = False,
        on_progress: ProgressCallback | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    ) -> models.V2WorkflowInstance:
        """Run a workflow, then wait for the new instance to terminate (see :meth:`wait_for_instance`).

        The variables are checked first, as :meth:`run_workflow` does (same ``check_variables``). The run
        itself is a POST and is never replayed after a 5xx or a read timeout. ``wait_timeout`` bounds only the
        waiting; ``timeout`` is the HTTP timeout of the run and of each poll (a number given without
        ``wait_timeout`` keeps its old meaning, the bound of the wait, with a ``DeprecationWarning``).

        Raises:
            MissingVariablesError: the stages use variables that ``variables`` lacks; nothing was run.
            WaitTimeoutError: ``wait_timeout`` elapsed; carries the last instance seen.
            WorkflowFailedError: the instance failed and ``raise_on_error`` is true.

        Warns:
            UnusedVariablesWarning: ``variables`` has names no stage uses.
        """
        bound, http_timeout = _wait_bound(wait_timeout, timeout)
        _check_wait_args(bound, poll_interval, max_poll_interval)
        warning = await self._check_variables(workflow_id, variables, check_variables, timeout=http_timeout)
        if warning is not None:
            warnings.warn(warning, stacklevel=2)
        instance = await self.run_workflow(
            workflow_id, variables=variables, check_variables=False, timeout=http_timeout
        )
        return await self._wait(
            instance.id, bound, http_timeout, poll_interval, max_poll_interval, raise_on_error, on_progress
        )


class AsyncV2RawResource(AsyncV2WithRawResponse):
    """``client.v2.with_raw_response`` of :class:`AsyncOrchestrationClient`: the same additions, raw results."""

    def __init__(self, transport: AsyncTransport, plain: AsyncV2Resource) -> None:
        super().__init__(transport)
        self._plain = plain

    async def create_workflow(
        self,
        *,
        config: models.V2WorkflowConfig | None = None,
        stages: Sequence[Mapping[str, Any] | StageLike | models.V2Stage] | None = None,
        name: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        deadline: float | NotGiven | None = NOT_GIVEN,
    ) -> RawResponse[models.V2Workflow]:
        """Create workflow (from a config, or ``stages`` and ``name``), returning the raw response."""
        stages, name = _workflow_fields(config, stages, name)
        return await super().create_workflow(
            stages=stages,
            name=name,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
            deadline=deadline,
        )

    async def run_workflow(
        self,
        workflow_id: str,
        *,
        wait: bool | None = None,
        variables: Mapping[str, str] | None = None,
        check_variables: bool | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        deadline: float | NotGiven | None = NOT_GIVEN,
    ) -> RawResponse[models.V2WorkflowInstance]:
        """Run workflow, its variables checked first (see ``client.v2.run_workflow``), returning the raw response."""
        warning = await self._plain._check_variables(
            workflow_id,
            variables,
            check_variables,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
            deadline=deadline,
        )
        if warning is not None:
            warnings.warn(warning, stacklevel=2)
        return await super().run_workflow(
            workflow_id,
            wait=wait,
            variables=variables,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
            deadline=deadline,
        )


def _check_variables_blocking(
    call: Callable[..., UnusedVariablesWarning | None],
    plain: AsyncV2Resource,
    workflow_id: str,
    variables: Mapping[str, str] | None,
    check: bool | None,
    *,
    stacklevel: int,
    timeout: TimeoutTypes | NotGiven,
    extra_headers: Mapping[str, str] | None,
    retries: RetriesTypes | NotGiven,
    max_retries: int | NotGiven,
    deadline: float | NotGiven | None,
) -> None:
    """The variables check of both blocking faces, before their run.

    It crosses to the loop thread only when there is something to check (a run of an unknown workflow with the
    default ``check_variables=None`` costs no extra crossing); the warning is issued on the caller's thread,
    pointing at its line (``stacklevel`` counts from the caller of this function).
    """
    if not plain._checks_variables(workflow_id, check):
        return
    warning = call(
        plain._check_variables,
        workflow_id,
        variables,
        check,
        timeout=timeout,
        extra_headers=extra_headers,
        retries=retries,
        max_retries=max_retries,
        deadline=deadline,
    )
    if warning is not None:
        warnings.warn(warning, stacklevel=stacklevel + 1)


class V2RawResource(V2WithRawResponse):
    """``client.v2.with_raw_response`` of the blocking :class:`OrchestrationClient`."""

    _async: AsyncV2RawResource

    def create_workflow(
        self,
        *,
        config: models.V2WorkflowConfig | None = None,
        stages: Sequence[Mapping[str, Any] | StageLike | models.V2Stage] | None = None,
        name: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        deadline: float | NotGiven | None = NOT_GIVEN,
    ) -> RawResponse[models.V2Workflow]:
        """Create workflow (from a config, or ``stages`` and ``name``), returning the raw response."""
        stages, name = _workflow_fields(config, stages, name)
        return self._call(
            self._async.create_workflow,
            stages=stages,
            name=name,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
            deadline=deadline,
        )

    def run_workflow(
        self,
        workflow_id: str,
        *,
        wait: bool | None = None,
        variables: Mapping[str, str] | None = None,
        check_variables: bool | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        deadline: float | NotGiven | None = NOT_GIVEN,
    ) -> RawResponse[models.V2WorkflowInstance]:
        """Run workflow, its variables checked first, returning the raw response."""
        _check_variables_blocking(
            self._call,
            self._async._plain,
            workflow_id,
            variables,
            check_variables,
            stacklevel=2,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
            deadline=deadline,
        )
        return self._call(
            self._async.run_workflow,
            workflow_id,
            wait=wait,
            variables=variables,
            check_variables=False,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
            deadline=deadline,
        )


class V2Resource(V2):
    """``client.v2`` of the blocking :class:`OrchestrationClient`: every v2 operation, plus waiting helpers."""

    _async: AsyncV2Resource

    @functools.cached_property
    def with_raw_response(self) -> V2RawResource:
        """The same operations, each returning a :class:`RawResponse` (status, headers, elapsed, ``parse()``)."""
        return V2RawResource(self._portal, self._async.with_raw_response)

    def create_workflow(
        self,
        *,
        config: models.V2WorkflowConfig | None = None,
        stages: Sequence[Mapping[str, Any] | StageLike | models.V2Stage] | None = None,
        name: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        deadline: float | NotGiven | None = NOT_GIVEN,
    ) -> models.V2Workflow:
        """Create a workflow from a config, or from ``stages`` and ``name`` (see the async client's method)."""
        stages, name = _workflow_fields(config, stages, name)  # argument errors raise here, on the caller's thread
        return self._call(
            self._async.create_workflow,
            stages=stages,
            name=name,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
            deadline=deadline,
        )

    def _check_variables(
        self,
        workflow_id: str,
        variables: Mapping[str, str] | None,
        check: bool | None,
        *,
        stacklevel: int,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        deadline: float | NotGiven | None = NOT_GIVEN,
    ) -> None:
        _check_variables_blocking(
            self._call,
            self._async,
            workflow_id,
            variables,
            check,
            stacklevel=stacklevel + 1,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
            deadline=deadline,
        )

    def run_workflow(
        self,
        workflow_id: str,
        *,
        wait: bool | None = None,
        variables: Mapping[str, str] | None = None,
        check_variables: bool | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        deadline: float | NotGiven | None = NOT_GIVEN,
    ) -> models.V2WorkflowInstance:
        """Run a workflow, its variables checked first (see the async client's method)."""
        self._check_variables(
            workflow_id,
            variables,
            check_variables,
            stacklevel=2,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
            deadline=deadline,
        )
        return self._call(
            self._async.run_workflow,
            workflow_id,
            wait=wait,
            variables=variables,
            check_variables=False,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
            deadline=deadline,
        )

    def wait_for_instance(
        self,
        instance_id: str,
        *,
        wait_timeout: float | NotGiven | None = NOT_GIVEN,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        max_poll_interval: float = MAX_POLL_INTERVAL,
        raise_on_error: bool = False,
        on_progress: ProgressCallback | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    ) -> models.V2WorkflowInstance:
        """Block until the instance has terminated, and return it (see the async client's method).

        ``on_progress`` is called on the client's event-loop thread (the portal's), not the calling one; an
        exception it raises ends the wait and is raised here.
        """
        bound, http_timeout = _wait_bound(wait_timeout, timeout, stacklevel=3)
        return self._call(
            self._async._wait,
            instance_id,
            bound,
            http_timeout,
            poll_interval,
            max_poll_interval,
            raise_on_error,
            on_progress,
        )

    def run_workflow_and_wait(
        self,
        workflow_id: str,
        *,
        variables: Mapping[str, str] | None = None,
        check_variables: bool | None = None,
        wait_timeout: float | NotGiven | None = NOT_GIVEN,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        max_poll_interval: float = MAX_POLL_INTERVAL,
        raise_on_error: bool = False,
        on_progress: ProgressCallback | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    ) -> models.V2WorkflowInstance:
        """Run a workflow and block until the new instance has terminated (see the async client's method).

        ``on_progress`` is called on the client's event-loop thread, as in :meth:`wait_for_instance`.
        """
        bound, http_timeout = _wait_bound(wait_timeout, timeout, stacklevel=3)
        _check_wait_args(bound, poll_interval, max_poll_interval)
        self._check_variables(workflow_id, variables, check_variables, stacklevel=2, timeout=http_timeout)
        return self._call(
            self._async.run_workflow_and_wait,
            workflow_id,
            variables=variables,
            check_variables=False,
            wait_timeout=bound,
            poll_interval=poll_interval,
            max_poll_interval=max_poll_interval,
            raise_on_error=raise_on_error,
            on_progress=on_progress,
            timeout=http_timeout,
        )
