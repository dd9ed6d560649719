"""Where the generated SDK departs from the OpenAPI document, and why.

The real server (see ``shared/docs/server-behaviour.md``) is the authority; the document comes second. Every
departure is data here, so the generator's logic stays general and the list is easy to review.
"""

from __future__ import annotations

from typing import Any

# Fields the server sends that the document does not declare: schema -> {json name: property schema}.
EXTRA_FIELDS: dict[str, dict[str, dict[str, Any]]] = {
    # Always present, null until the workflow is soft-deleted (server-behaviour 11.7).
    "V2Workflow": {"deletedAt": {"type": "string", "format": "date-time", "description": "Soft-deletion time."}},
    # Always present on stage statuses (11.8).
    "V2StageStatus": {"temporalRunID": {"type": "string", "description": "The Temporal run of the stage."}},
    # Always null: the relation is never loaded (11.9).
    "V2Trigger": {"workflow": {"type": "object", "additionalProperties": True, "description": "Always null."}},
    # Occurrences carry their own id (11.10).
    "V2TriggerOccurrence": {"id": {"type": "string", "description": "The occurrence id."}},
    # The real AddAccountMetadata input names the account ``account``, not ``id`` (11.12).
    "V2ActivityAddAccountMetadata": {"account": {"type": "string", "description": "The account address."}},
    # Wallets are chosen by id or by name (server-behaviour 7, send stage).
    "V2StageSendSourceWallet": {"name": {"type": "string", "description": "The wallet name (instead of id)."}},
    # The send stage reads these from a payment destination (11.17).
    "V2StageSendDestinationPayment": {
        "connectorId": {"type": "string", "description": "Payments connector id."},
        "waitingValidation": {"type": "boolean", "description": "Create the transfer waiting for validation."},
        "metadata": {"type": "object", "additionalProperties": {"type": "string"}, "description": "Metadata."},
    },
}

# Properties whose declared type is wrong on the wire: (schema, json name) -> property schema.
TYPE_FIXES: dict[tuple[str, str], dict[str, Any]] = {
    # ``V2StageStatus.stage`` is declared ``number``: the real server sends an integer index, which decodes to an
    # exact ``int``, but a document-valid ``1.5`` must decode too, so it keeps its ``int | float`` annotation.
}

# Required properties the server may omit or send as null: schema -> json names made optional.
NOT_REQUIRED: dict[str, set[str]] = {
    # ``stages`` is null when a workflow was created without it (11.7).
    "V2WorkflowConfig": {"stages"},
    # AddAccountMetadata input has ``account`` instead of ``id`` (11.12).
    "V2ActivityAddAccountMetadata": {"id"},
}

# Inline cursor objects whose ``pageSize`` is ``omitempty`` in the server code (11.6).
CURSOR_PAGE_SIZE_OPTIONAL = True

# Alternative keys accepted when decoding: (schema, json name) -> other spellings, tried in order.
ALIASES: dict[tuple[str, str], tuple[str, ...]] = {
    # CreateTransaction input keys are the Go struct's, capitalised (11.12).
    ("V2ActivityCreateTransaction", "ledger"): ("Ledger",),
    ("V2ActivityCreateTransaction", "data"): ("Data",),
}

# Schemas decoded leniently (no required property): stage-history inputs and outputs are free-form Go structs
# (11.12, 11.13), so every schema reachable from these roots accepts missing properties.
LENIENT_ROOTS = ("V2WorkflowInstanceHistoryStageInput", "V2WorkflowInstanceHistoryStageOutput", "V2Stage")

# The single request-body argument of operations whose body is a map rather than named fields.
BODY_ARGUMENT: dict[str, str] = {"v2RunWorkflow": "variables", "testTrigger": "event"}

# Real paths that differ from the document: operationId -> (path tried first, document path tried on a 404).
PATH_FALLBACKS: dict[str, tuple[str, str]] = {
    # The service serves info at /_info (no /v2); a mock built from the document serves /v2/_info (11.1).
    "v2GetServerInfo": ("/_info", "/v2/_info"),
}

# Argument annotations wider than the document's: (operationId, argument) -> annotation.
ARGUMENT_TYPES: dict[tuple[str, str], str] = {
    # Stages may be plain mappings or typed stage builders (anything with ``to_json()``).
    ("v2CreateWorkflow", "stages"): "Sequence[Mapping[str, Any] | StageLike | models.V2Stage]",
    ("v2RunWorkflow", "variables"): "Mapping[str, str] | None",
    ("testTrigger", "event"): "Mapping[str, Any]",
    ("v2CreateTrigger", "vars"): "Mapping[str, str] | None",
}

# The key each stage model goes under in a workflow's ``stages`` (server-behaviour 8: ``{"delay": {...}}``). The
# document's ``V2Stage`` is the payload alone, so a bare ``models.V2StageDelay(...)`` in ``stages`` is wrapped.
STAGE_KEYS: dict[str, str] = {
    "V2StageSend": "send",
    "V2StageDelay": "delay",
    "V2StageWaitEvent": "wait_event",
    "V2Update": "update",
}

# Request arguments encoded by a generated function rather than as plain JSON: (operationId, argument) -> function.
ARGUMENT_ENCODERS: dict[tuple[str, str], str] = {
    ("v2CreateWorkflow", "stages"): "codec.encode_stages",
}
