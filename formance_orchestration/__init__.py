"""Python SDK for the Formance Orchestration v2 API: async-first, with a blocking facade.

>>> from formance_orchestration import AsyncOrchestrationClient, ClientCredentials
>>> async with AsyncOrchestrationClient(
...     base_url="https://org-stack.eu-west-1.formance.cloud",
...     auth=ClientCredentials(client_id="...", client_secret="..."),
... ) as client:
...     workflow = await client.v2.create_workflow(name="payout", stages=[{"delay": {"duration": "1m"}}])
"""

import importlib as _importlib
import typing as _typing

from . import errors, models
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
from ._version import __version__

if _typing.TYPE_CHECKING:
    from . import stages
    from .stages import load_workflow_config

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
    "cloud_url",
    "converter",
    "AsyncPage",
    "AsyncPaginator",
    "SyncPage",
    "RawResponse",
    "NanoDatetime",
    "StageLike",
    "NOT_GIVEN",
    "NotGiven",
    "DEFAULT_TIMEOUT",
    "DEFAULT_LIMITS",
    "__version__",
]


def __getattr__(name: str) -> _typing.Any:
    # The stage builders and the YAML loader are imported on first use (about 10 ms of import time that a
    # service which never builds a workflow would pay for nothing).
    if name in ("stages", "load_workflow_config"):
        stages = _importlib.import_module(f"{__name__}.stages")
        return stages if name == "stages" else stages.load_workflow_config
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    # The lazy names (stages, load_workflow_config) are not in globals() until first used; dir() lists them too.
    return sorted(set(globals()) | set(__all__))
