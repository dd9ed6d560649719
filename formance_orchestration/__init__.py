"""Python SDK for the Formance Orchestration v2 API: async-first, with a blocking facade.

>>> from formance_orchestration import AsyncOrchestrationClient, ClientCredentials
>>> async with AsyncOrchestrationClient(
...     base_url="https://org-stack.eu-west-1.formance.cloud",
...     auth=ClientCredentials(client_id="...", client_secret="..."),
... ) as client:
...     workflow = await client.v2.create_workflow(name="payout", stages=[{"delay": {"duration": "1m"}}])
"""

# Every public name is loaded on first use (PEP 562): ``import formance_orchestration`` alone imports nothing
# beyond this file, and each name brings what it needs when a program first touches it. The async client brings
# everything its first call needs (httpx and httpcore, anyio's asyncio backend, the generated operations and
# codec), so that call imports nothing inside the event loop; the blocking client adds anyio's portal; tenacity
# is imported by the first retry, cattrs by the first use of ``converter``, the stage builders and the in-memory
# double on first use.

from os import environ as _environ

from ._version import __version__

if _environ.get("FORMANCE_LOG"):  # the SDK's logger is turned on at import, as before (logging loads only then)
    from ._engine import logs as _logs  # noqa: F401  (applies FORMANCE_LOG when imported)

# typing itself is not imported: it pulls in re, enum and more, about a quarter of a bare import.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from . import errors, models, stages
    from ._codec.converter import converter
    from ._codec.primitives import NanoDatetime
    from ._engine.auth import BearerToken, ClientCredentials
    from ._engine.client import AsyncOrchestrationClient, OrchestrationClient
    from ._engine.constants import DEFAULT_LIMITS, DEFAULT_TIMEOUT
    from ._engine.env import cloud_url
    from ._engine.hooks import AttemptEvent, HookRequest, Hooks, ResponseEvent, RetryEvent, TokenEvent
    from ._engine.pagination import AsyncPage, AsyncPaginator, SyncPage
    from ._engine.response import RawResponse
    from ._engine.retry import RetryPolicy
    from ._engine.types import NOT_GIVEN, NotGiven, StageLike
    from ._resources.progress import ProgressCallback, StageProgress, StageState
    from .stages import WorkflowConfigError, load_workflow_config, validate_workflow_config, workflow_variables
del TYPE_CHECKING

__all__ = [
    "AsyncOrchestrationClient",
    "OrchestrationClient",
    "ClientCredentials",
    "BearerToken",
    "RetryPolicy",
    "Hooks",
    "AttemptEvent",
    "ResponseEvent",
    "RetryEvent",
    "TokenEvent",
    "HookRequest",
    "models",
    "errors",
    "stages",
    "load_workflow_config",
    "validate_workflow_config",
    "workflow_variables",
    "WorkflowConfigError",
    "cloud_url",
    "converter",
    "AsyncPage",
    "AsyncPaginator",
    "SyncPage",
    "RawResponse",
    "NanoDatetime",
    "StageLike",
    "StageProgress",
    "StageState",
    "ProgressCallback",
    "NOT_GIVEN",
    "NotGiven",
    "DEFAULT_TIMEOUT",
    "DEFAULT_LIMITS",
    "__version__",
]

# name -> (module, attribute; "" for the module itself)
_LAZY: dict[str, tuple[str, str]] = {
    "AsyncOrchestrationClient": ("._engine.client", "AsyncOrchestrationClient"),
    "OrchestrationClient": ("._engine.client", "OrchestrationClient"),
    "ClientCredentials": ("._engine.auth", "ClientCredentials"),
    "BearerToken": ("._engine.auth", "BearerToken"),
    "RetryPolicy": ("._engine.retry", "RetryPolicy"),
    "Hooks": ("._engine.hooks", "Hooks"),
    "AttemptEvent": ("._engine.hooks", "AttemptEvent"),
    "ResponseEvent": ("._engine.hooks", "ResponseEvent"),
    "RetryEvent": ("._engine.hooks", "RetryEvent"),
    "TokenEvent": ("._engine.hooks", "TokenEvent"),
    "HookRequest": ("._engine.hooks", "HookRequest"),
    "models": (".models", ""),
    "errors": (".errors", ""),
    "stages": (".stages", ""),
    "load_workflow_config": (".stages", "load_workflow_config"),
    "validate_workflow_config": (".stages", "validate_workflow_config"),
    "workflow_variables": (".stages", "workflow_variables"),
    "WorkflowConfigError": (".stages", "WorkflowConfigError"),
    "cloud_url": ("._engine.env", "cloud_url"),
    "converter": ("._codec.converter", "converter"),
    "AsyncPage": ("._engine.pagination", "AsyncPage"),
    "AsyncPaginator": ("._engine.pagination", "AsyncPaginator"),
    "SyncPage": ("._engine.pagination", "SyncPage"),
    "RawResponse": ("._engine.response", "RawResponse"),
    "NanoDatetime": ("._codec.primitives", "NanoDatetime"),
    "StageLike": ("._engine.types", "StageLike"),
    "StageProgress": ("._resources.progress", "StageProgress"),
    "StageState": ("._resources.progress", "StageState"),
    "ProgressCallback": ("._resources.progress", "ProgressCallback"),
    "NOT_GIVEN": ("._engine.types", "NOT_GIVEN"),
    "NotGiven": ("._engine.types", "NotGiven"),
    "DEFAULT_TIMEOUT": ("._engine.constants", "DEFAULT_TIMEOUT"),
    "DEFAULT_LIMITS": ("._engine.constants", "DEFAULT_LIMITS"),
}


def __getattr__(name: str) -> "Any":
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module_name, attribute = target
    # __import__ with a fromlist returns the submodule itself, without importing importlib.
    module = __import__(module_name[1:], globals(), None, ["__name__"], 1)
    value = getattr(module, attribute) if attribute else module
    globals()[name] = value  # later reads are plain module attribute reads
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
