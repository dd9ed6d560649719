"""Exceptions raised by the SDK.

One hierarchy, rooted at :class:`OrchestrationError`::

    OrchestrationError
    ├── APIStatusError                 the server answered with an error status
    │   ├── BadRequestError            400
    │   ├── AuthenticationError        401
    │   ├── PermissionDeniedError      403
    │   ├── NotFoundError              404
    │   ├── ConflictError              409
    │   ├── UnprocessableEntityError   422
    │   ├── RateLimitError             429
    │   └── InternalServerError        >= 500
    ├── APIConnectionError             no usable answer (refused, reset, DNS, TLS, too large)
    │   └── APITimeoutError
    ├── APIResponseValidationError     a 2xx answer that is not JSON or does not fit the schema
    ├── TokenError                     the OAuth2 token endpoint refused or failed
    ├── HookError                      a hook given to the client raised (its exception chained)
    ├── WaitTimeoutError               wait_for_instance gave up; carries the last instance seen
    └── WorkflowFailedError            a waited-for instance ended with an error (raise_on_error=True)

Refused before any request (argument errors, so ``ValueError``, not ``OrchestrationError``):

    MissingVariablesError              a run lacks ``${variables}`` its workflow's stages use

Warnings: :class:`UnusedVariablesWarning` (a run gives variables no stage uses).

Messages never contain headers, tokens or client secrets.
"""

from __future__ import annotations

from ._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    HookError,
    InternalServerError,
    NotFoundError,
    OrchestrationError,
    PermissionDeniedError,
    RateLimitError,
    TokenError,
    UnprocessableEntityError,
)
from ._generated.models import V2WorkflowInstance

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
    "WaitTimeoutError",
    "WorkflowFailedError",
    "MissingVariablesError",
    "UnusedVariablesWarning",
]


class WaitTimeoutError(OrchestrationError):
    """``wait_for_instance`` (or ``run_workflow_and_wait``) timed out before the instance terminated.

    Attributes:
        instance: The last ``models.V2WorkflowInstance`` read, or ``None`` if no read completed in time.
        timeout: The timeout that elapsed, in seconds.
    """

    def __init__(self, instance: V2WorkflowInstance | None, *, instance_id: str, timeout: float) -> None:
        self.instance = instance
        self.instance_id = instance_id
        self.timeout = timeout
        state = "never read" if instance is None else "still running" if not instance.terminated else "terminated"
        super().__init__(f"instance {instance_id} did not terminate within {timeout:g} s ({state})")


class WorkflowFailedError(OrchestrationError):
    """A waited-for instance terminated with an error, and the caller asked for ``raise_on_error=True``.

    Attributes:
        instance: The terminated ``models.V2WorkflowInstance``; ``instance.error`` holds the server's message.
    """

    def __init__(self, instance: V2WorkflowInstance) -> None:
        self.instance = instance
        super().__init__(f"instance {instance.id} failed: {instance.error}")


class MissingVariablesError(ValueError):
    """A run lacks variables its workflow's stages use; nothing was run.

    The server would replace each missing ``${variable}`` with ``""`` and say nothing. Pass them in
    ``variables``, or ``check_variables=False`` to run anyway.

    Attributes:
        workflow_id: The workflow.
        missing: The missing names, sorted.
    """

    def __init__(self, workflow_id: str, missing: list[str]) -> None:
        self.workflow_id = workflow_id
        self.missing = tuple(missing)
        names = ", ".join(missing)
        super().__init__(
            f"workflow {workflow_id} uses variable{'s' if len(missing) != 1 else ''} the run does not give: {names} "
            "(pass them in variables=, or check_variables=False to run anyway)"
        )


class UnusedVariablesWarning(UserWarning):
    """A run gives variables that no stage of its workflow uses (often a misspelt name).

    Attributes:
        workflow_id: The workflow.
        unused: The unused names, sorted.
    """

    def __init__(self, workflow_id: str, unused: list[str]) -> None:
        self.workflow_id = workflow_id
        self.unused = tuple(unused)
        names = ", ".join(unused)
        super().__init__(f"no stage of workflow {workflow_id} uses variable{'s' if len(unused) != 1 else ''}: {names}")


# The classes are defined in the private module the engine imports; tracebacks, reprs and pickles name them by
# their public home.
for _cls in (
    OrchestrationError,
    APIStatusError,
    BadRequestError,
    AuthenticationError,
    PermissionDeniedError,
    NotFoundError,
    ConflictError,
    UnprocessableEntityError,
    RateLimitError,
    InternalServerError,
    APIConnectionError,
    APITimeoutError,
    APIResponseValidationError,
    TokenError,
    HookError,
):
    _cls.__module__ = __name__
del _cls
