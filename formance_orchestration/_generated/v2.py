# Generated from orchestration-v2.yaml by tools/codegen; run `nox -s generate` after changing the generator.

"""The v2 operations.

Each operation is two pure functions, ``_<operation>_request`` (arguments -> :class:`RequestSpec`) and
``_parse_<operation>`` (JSON body -> result), and one method per face of the resource, which hands
both to the engine: :class:`AsyncV2` returns the result, :class:`AsyncV2WithRawResponse` the
:class:`RawResponse`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .._engine.pagination import AsyncPage, AsyncPaginator, PageData
from .._engine.resource import AsyncResource
from .._engine.response import RawResponse
from .._engine.transport import RequestSpec, encode_fields, encode_json, no_content, path_segment, query_value
from .._engine.types import NOT_GIVEN, NotGiven, RetriesTypes, StageLike, TimeoutTypes
from . import codec, models

__all__ = ["OPERATIONS", "AsyncV2", "AsyncV2WithRawResponse"]

OPERATIONS: dict[str, tuple[str, str]] = {
    "get_server_info": ("GET", "/_info"),
    "list_triggers": ("GET", "/v2/triggers"),
    "create_trigger": ("POST", "/v2/triggers"),
    "read_trigger": ("GET", "/v2/triggers/{triggerID}"),
    "delete_trigger": ("DELETE", "/v2/triggers/{triggerID}"),
    "test_trigger": ("POST", "/v2/triggers/{triggerID}/test"),
    "list_triggers_occurrences": ("GET", "/v2/triggers/{triggerID}/occurrences"),
    "list_workflows": ("GET", "/v2/workflows"),
    "create_workflow": ("POST", "/v2/workflows"),
    "get_workflow": ("GET", "/v2/workflows/{flowId}"),
    "delete_workflow": ("DELETE", "/v2/workflows/{flowId}"),
    "run_workflow": ("POST", "/v2/workflows/{workflowID}/instances"),
    "list_instances": ("GET", "/v2/instances"),
    "get_instance": ("GET", "/v2/instances/{instanceID}"),
    "send_event": ("POST", "/v2/instances/{instanceID}/events"),
    "cancel_event": ("PUT", "/v2/instances/{instanceID}/abort"),
    "get_instance_history": ("GET", "/v2/instances/{instanceID}/history"),
    "get_instance_stage_history": ("GET", "/v2/instances/{instanceID}/stages/{number}/history"),
}
"""Every operation of the document: name -> (HTTP method, path template under the API prefix)."""


def _get_server_info_request(
    *,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    extra_headers: Mapping[str, str] | None = None,
    retries: RetriesTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> RequestSpec:
    """The request of ``get_server_info``; invalid arguments raise here, before any I/O."""
    return RequestSpec(
        operation="get_server_info",
        method="GET",
        path="/_info",
        fallback_path="/v2/_info",
        schema="V2ServerInfo",
        timeout=timeout,
        extra_headers=extra_headers,
        retries=retries,
        max_retries=max_retries,
    )


def _parse_get_server_info(body: Any) -> models.V2ServerInfo:
    return codec.structure_v2_server_info(body)


def _list_triggers_request(
    *,
    cursor: str | None = None,
    page_size: int | None = None,
    name: str | None = None,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    extra_headers: Mapping[str, str] | None = None,
    retries: RetriesTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> RequestSpec:
    """The request of ``list_triggers``; invalid arguments raise here, before any I/O."""
    if page_size is not None and (isinstance(page_size, bool) or not 1 <= page_size <= 1000):
        raise ValueError(f"page_size must be an integer from 1 to 1000, got {page_size!r}")
    return RequestSpec(
        operation="list_triggers",
        method="GET",
        path="/v2/triggers",
        schema="V2ListTriggersResponse",
        query=(
            ("cursor", query_value(cursor)),
            ("pageSize", query_value(page_size)),
            ("name", query_value(name)),
        ),
        timeout=timeout,
        extra_headers=extra_headers,
        retries=retries,
        max_retries=max_retries,
    )


def _parse_list_triggers(body: Any) -> PageData[models.V2Trigger]:
    cursor = codec.structure_v2_list_triggers_response(body).cursor
    return PageData(cursor.data, cursor.has_more, cursor.next, cursor.previous, cursor.page_size)


def _create_trigger_request(
    *,
    event: str,
    workflow_id: str,
    version: str | None = None,
    filter: str | None = None,
    vars: Mapping[str, str] | None = None,
    name: str | None = None,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    extra_headers: Mapping[str, str] | None = None,
    retries: RetriesTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> RequestSpec:
    """The request of ``create_trigger``; invalid arguments raise here, before any I/O."""
    return RequestSpec(
        operation="create_trigger",
        method="POST",
        path="/v2/triggers",
        schema="V2CreateTriggerResponse",
        body=encode_fields(
            {
                "event": event,
                "workflowID": workflow_id,
                "version": version,
                "filter": filter,
                "vars": vars,
                "name": name,
            }
        ),
        timeout=timeout,
        extra_headers=extra_headers,
        retries=retries,
        max_retries=max_retries,
    )


def _parse_create_trigger(body: Any) -> models.V2Trigger:
    return codec.structure_v2_create_trigger_response(body).data


def _read_trigger_request(
    trigger_id: str,
    *,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    extra_headers: Mapping[str, str] | None = None,
    retries: RetriesTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> RequestSpec:
    """The request of ``read_trigger``; invalid arguments raise here, before any I/O."""
    return RequestSpec(
        operation="read_trigger",
        method="GET",
        path=f"/v2/triggers/{path_segment(trigger_id, 'trigger_id')}",
        schema="V2ReadTriggerResponse",
        timeout=timeout,
        extra_headers=extra_headers,
        retries=retries,
        max_retries=max_retries,
    )


def _parse_read_trigger(body: Any) -> models.V2Trigger:
    return codec.structure_v2_read_trigger_response(body).data


def _delete_trigger_request(
    trigger_id: str,
    *,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    extra_headers: Mapping[str, str] | None = None,
    retries: RetriesTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> RequestSpec:
    """The request of ``delete_trigger``; invalid arguments raise here, before any I/O."""
    return RequestSpec(
        operation="delete_trigger",
        method="DELETE",
        path=f"/v2/triggers/{path_segment(trigger_id, 'trigger_id')}",
        timeout=timeout,
        extra_headers=extra_headers,
        retries=retries,
        max_retries=max_retries,
    )


def _test_trigger_request(
    trigger_id: str,
    *,
    event: Mapping[str, Any],
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    extra_headers: Mapping[str, str] | None = None,
    retries: RetriesTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> RequestSpec:
    """The request of ``test_trigger``; invalid arguments raise here, before any I/O."""
    return RequestSpec(
        operation="test_trigger",
        method="POST",
        path=f"/v2/triggers/{path_segment(trigger_id, 'trigger_id')}/test",
        schema="V2TestTriggerResponse",
        body=encode_json(event),
        timeout=timeout,
        extra_headers=extra_headers,
        retries=retries,
        max_retries=max_retries,
    )


def _parse_test_trigger(body: Any) -> models.V2TriggerTest:
    return codec.structure_v2_test_trigger_response(body).data


def _list_triggers_occurrences_request(
    trigger_id: str,
    *,
    cursor: str | None = None,
    page_size: int | None = None,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    extra_headers: Mapping[str, str] | None = None,
    retries: RetriesTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> RequestSpec:
    """The request of ``list_triggers_occurrences``; invalid arguments raise here, before any I/O."""
    if page_size is not None and (isinstance(page_size, bool) or not 1 <= page_size <= 1000):
        raise ValueError(f"page_size must be an integer from 1 to 1000, got {page_size!r}")
    return RequestSpec(
        operation="list_triggers_occurrences",
        method="GET",
        path=f"/v2/triggers/{path_segment(trigger_id, 'trigger_id')}/occurrences",
        schema="V2ListTriggersOccurrencesResponse",
        query=(
            ("cursor", query_value(cursor)),
            ("pageSize", query_value(page_size)),
        ),
        timeout=timeout,
        extra_headers=extra_headers,
        retries=retries,
        max_retries=max_retries,
    )


def _parse_list_triggers_occurrences(body: Any) -> PageData[models.V2TriggerOccurrence]:
    cursor = codec.structure_v2_list_triggers_occurrences_response(body).cursor
    return PageData(cursor.data, cursor.has_more, cursor.next, cursor.previous, cursor.page_size)


def _list_workflows_request(
    *,
    cursor: str | None = None,
    page_size: int | None = None,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    extra_headers: Mapping[str, str] | None = None,
    retries: RetriesTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> RequestSpec:
    """The request of ``list_workflows``; invalid arguments raise here, before any I/O."""
    if page_size is not None and (isinstance(page_size, bool) or not 1 <= page_size <= 1000):
        raise ValueError(f"page_size must be an integer from 1 to 1000, got {page_size!r}")
    return RequestSpec(
        operation="list_workflows",
        method="GET",
        path="/v2/workflows",
        schema="V2ListWorkflowsResponse",
        query=(
            ("cursor", query_value(cursor)),
            ("pageSize", query_value(page_size)),
        ),
        timeout=timeout,
        extra_headers=extra_headers,
        retries=retries,
        max_retries=max_retries,
    )


def _parse_list_workflows(body: Any) -> PageData[models.V2Workflow]:
    cursor = codec.structure_v2_list_workflows_response(body).cursor
    return PageData(cursor.data, cursor.has_more, cursor.next, cursor.previous, cursor.page_size)


def _create_workflow_request(
    *,
    stages: Sequence[Mapping[str, Any] | StageLike],
    name: str | None = None,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    extra_headers: Mapping[str, str] | None = None,
    retries: RetriesTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> RequestSpec:
    """The request of ``create_workflow``; invalid arguments raise here, before any I/O."""
    return RequestSpec(
        operation="create_workflow",
        method="POST",
        path="/v2/workflows",
        schema="V2CreateWorkflowResponse",
        body=encode_fields({"stages": stages, "name": name}),
        timeout=timeout,
        extra_headers=extra_headers,
        retries=retries,
        max_retries=max_retries,
    )


def _parse_create_workflow(body: Any) -> models.V2Workflow:
    return codec.structure_v2_create_workflow_response(body).data


def _get_workflow_request(
    flow_id: str,
    *,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    extra_headers: Mapping[str, str] | None = None,
    retries: RetriesTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> RequestSpec:
    """The request of ``get_workflow``; invalid arguments raise here, before any I/O."""
    return RequestSpec(
        operation="get_workflow",
        method="GET",
        path=f"/v2/workflows/{path_segment(flow_id, 'flow_id')}",
        schema="V2GetWorkflowResponse",
        timeout=timeout,
        extra_headers=extra_headers,
        retries=retries,
        max_retries=max_retries,
    )


def _parse_get_workflow(body: Any) -> models.V2Workflow:
    return codec.structure_v2_get_workflow_response(body).data


def _delete_workflow_request(
    flow_id: str,
    *,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    extra_headers: Mapping[str, str] | None = None,
    retries: RetriesTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> RequestSpec:
    """The request of ``delete_workflow``; invalid arguments raise here, before any I/O."""
    return RequestSpec(
        operation="delete_workflow",
        method="DELETE",
        path=f"/v2/workflows/{path_segment(flow_id, 'flow_id')}",
        timeout=timeout,
        extra_headers=extra_headers,
        retries=retries,
        max_retries=max_retries,
    )


def _run_workflow_request(
    workflow_id: str,
    *,
    wait: bool | None = None,
    variables: Mapping[str, str] | None = None,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    extra_headers: Mapping[str, str] | None = None,
    retries: RetriesTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> RequestSpec:
    """The request of ``run_workflow``; invalid arguments raise here, before any I/O."""
    return RequestSpec(
        operation="run_workflow",
        method="POST",
        path=f"/v2/workflows/{path_segment(workflow_id, 'workflow_id')}/instances",
        schema="V2RunWorkflowResponse",
        query=(("wait", query_value(wait)),),
        body=encode_json(variables),
        timeout=timeout,
        extra_headers=extra_headers,
        retries=retries,
        max_retries=max_retries,
    )


def _parse_run_workflow(body: Any) -> models.V2WorkflowInstance:
    return codec.structure_v2_run_workflow_response(body).data


def _list_instances_request(
    *,
    cursor: str | None = None,
    page_size: int | None = None,
    workflow_id: str | None = None,
    running: bool | None = None,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    extra_headers: Mapping[str, str] | None = None,
    retries: RetriesTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> RequestSpec:
    """The request of ``list_instances``; invalid arguments raise here, before any I/O."""
    if page_size is not None and (isinstance(page_size, bool) or not 1 <= page_size <= 1000):
        raise ValueError(f"page_size must be an integer from 1 to 1000, got {page_size!r}")
    return RequestSpec(
        operation="list_instances",
        method="GET",
        path="/v2/instances",
        schema="V2ListRunsResponse",
        query=(
            ("cursor", query_value(cursor)),
            ("pageSize", query_value(page_size)),
            ("workflowID", query_value(workflow_id)),
            ("running", query_value(running)),
        ),
        timeout=timeout,
        extra_headers=extra_headers,
        retries=retries,
        max_retries=max_retries,
    )


def _parse_list_instances(body: Any) -> PageData[models.V2WorkflowInstance]:
    cursor = codec.structure_v2_list_runs_response(body).cursor
    return PageData(cursor.data, cursor.has_more, cursor.next, cursor.previous, cursor.page_size)


def _get_instance_request(
    instance_id: str,
    *,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    extra_headers: Mapping[str, str] | None = None,
    retries: RetriesTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> RequestSpec:
    """The request of ``get_instance``; invalid arguments raise here, before any I/O."""
    return RequestSpec(
        operation="get_instance",
        method="GET",
        path=f"/v2/instances/{path_segment(instance_id, 'instance_id')}",
        schema="V2GetWorkflowInstanceResponse",
        timeout=timeout,
        extra_headers=extra_headers,
        retries=retries,
        max_retries=max_retries,
    )


def _parse_get_instance(body: Any) -> models.V2WorkflowInstance:
    return codec.structure_v2_get_workflow_instance_response(body).data


def _send_event_request(
    instance_id: str,
    *,
    name: str,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    extra_headers: Mapping[str, str] | None = None,
    retries: RetriesTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> RequestSpec:
    """The request of ``send_event``; invalid arguments raise here, before any I/O."""
    return RequestSpec(
        operation="send_event",
        method="POST",
        path=f"/v2/instances/{path_segment(instance_id, 'instance_id')}/events",
        body=encode_fields({"name": name}),
        timeout=timeout,
        extra_headers=extra_headers,
        retries=retries,
        max_retries=max_retries,
    )


def _cancel_event_request(
    instance_id: str,
    *,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    extra_headers: Mapping[str, str] | None = None,
    retries: RetriesTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> RequestSpec:
    """The request of ``cancel_event``; invalid arguments raise here, before any I/O."""
    return RequestSpec(
        operation="cancel_event",
        method="PUT",
        path=f"/v2/instances/{path_segment(instance_id, 'instance_id')}/abort",
        timeout=timeout,
        extra_headers=extra_headers,
        retries=retries,
        max_retries=max_retries,
    )


def _get_instance_history_request(
    instance_id: str,
    *,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    extra_headers: Mapping[str, str] | None = None,
    retries: RetriesTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> RequestSpec:
    """The request of ``get_instance_history``; invalid arguments raise here, before any I/O."""
    return RequestSpec(
        operation="get_instance_history",
        method="GET",
        path=f"/v2/instances/{path_segment(instance_id, 'instance_id')}/history",
        schema="V2GetWorkflowInstanceHistoryResponse",
        timeout=timeout,
        extra_headers=extra_headers,
        retries=retries,
        max_retries=max_retries,
    )


def _parse_get_instance_history(body: Any) -> list[models.V2WorkflowInstanceHistory]:
    return codec.structure_v2_get_workflow_instance_history_response(body).data


def _get_instance_stage_history_request(
    instance_id: str,
    number: int,
    *,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    extra_headers: Mapping[str, str] | None = None,
    retries: RetriesTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> RequestSpec:
    """The request of ``get_instance_stage_history``; invalid arguments raise here, before any I/O."""
    return RequestSpec(
        operation="get_instance_stage_history",
        method="GET",
        path=f"/v2/instances/{path_segment(instance_id, 'instance_id')}/stages/{path_segment(number, 'number')}/history",
        schema="V2GetWorkflowInstanceHistoryStageResponse",
        timeout=timeout,
        extra_headers=extra_headers,
        retries=retries,
        max_retries=max_retries,
    )


def _parse_get_instance_stage_history(body: Any) -> list[models.V2WorkflowInstanceHistoryStage]:
    return codec.structure_v2_get_workflow_instance_history_stage_response(body).data


class AsyncV2(AsyncResource):
    """The Orchestration v2 API: workflows, instances, events and triggers (``client.v2``)."""

    async def get_server_info(
        self,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> models.V2ServerInfo:
        """Get server info.

        Returns:
            The ``V2ServerInfo``.
        """
        return await self._request(
            _get_server_info_request(
                timeout=timeout, extra_headers=extra_headers, retries=retries, max_retries=max_retries
            ),
            _parse_get_server_info,
        )

    def list_triggers(
        self,
        *,
        cursor: str | None = None,
        page_size: int | None = None,
        name: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> AsyncPaginator[models.V2Trigger]:
        """List triggers.

        Args:
            page_size: The maximum number of results to return per page.
            name: search by name.

        Returns:
            An awaitable for the first page that, iterated with ``async for``, yields every item of every page.
        """
        return self._paginate(
            _list_triggers_request(
                cursor=cursor,
                page_size=page_size,
                name=name,
                timeout=timeout,
                extra_headers=extra_headers,
                retries=retries,
                max_retries=max_retries,
            ),
            _parse_list_triggers,
        )

    async def create_trigger(
        self,
        *,
        event: str,
        workflow_id: str,
        version: str | None = None,
        filter: str | None = None,
        vars: Mapping[str, str] | None = None,
        name: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> models.V2Trigger:
        """Create trigger.

        Returns:
            The ``V2Trigger``.
        """
        return await self._request(
            _create_trigger_request(
                event=event,
                workflow_id=workflow_id,
                version=version,
                filter=filter,
                vars=vars,
                name=name,
                timeout=timeout,
                extra_headers=extra_headers,
                retries=retries,
                max_retries=max_retries,
            ),
            _parse_create_trigger,
        )

    async def read_trigger(
        self,
        trigger_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> models.V2Trigger:
        """Read trigger.

        Args:
            trigger_id: The trigger id.

        Returns:
            The ``V2Trigger``.
        """
        return await self._request(
            _read_trigger_request(
                trigger_id, timeout=timeout, extra_headers=extra_headers, retries=retries, max_retries=max_retries
            ),
            _parse_read_trigger,
        )

    async def delete_trigger(
        self,
        trigger_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> None:
        """Delete trigger.

        Read trigger.

        Args:
            trigger_id: The trigger id.

        Returns:
            None.
        """
        return await self._request(
            _delete_trigger_request(
                trigger_id, timeout=timeout, extra_headers=extra_headers, retries=retries, max_retries=max_retries
            ),
            no_content,
        )

    async def test_trigger(
        self,
        trigger_id: str,
        *,
        event: Mapping[str, Any],
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> models.V2TriggerTest:
        """Test trigger.

        Args:
            trigger_id: The trigger id.

        Returns:
            The ``V2TriggerTest``.
        """
        return await self._request(
            _test_trigger_request(
                trigger_id,
                event=event,
                timeout=timeout,
                extra_headers=extra_headers,
                retries=retries,
                max_retries=max_retries,
            ),
            _parse_test_trigger,
        )

    def list_triggers_occurrences(
        self,
        trigger_id: str,
        *,
        cursor: str | None = None,
        page_size: int | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> AsyncPaginator[models.V2TriggerOccurrence]:
        """List triggers occurrences.

        Args:
            trigger_id: The trigger id.
            page_size: The maximum number of results to return per page.

        Returns:
            An awaitable for the first page that, iterated with ``async for``, yields every item of every page.
        """
        return self._paginate(
            _list_triggers_occurrences_request(
                trigger_id,
                cursor=cursor,
                page_size=page_size,
                timeout=timeout,
                extra_headers=extra_headers,
                retries=retries,
                max_retries=max_retries,
            ),
            _parse_list_triggers_occurrences,
        )

    def list_workflows(
        self,
        *,
        cursor: str | None = None,
        page_size: int | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> AsyncPaginator[models.V2Workflow]:
        """List registered workflows.

        Args:
            page_size: The maximum number of results to return per page.

        Returns:
            An awaitable for the first page that, iterated with ``async for``, yields every item of every page.
        """
        return self._paginate(
            _list_workflows_request(
                cursor=cursor,
                page_size=page_size,
                timeout=timeout,
                extra_headers=extra_headers,
                retries=retries,
                max_retries=max_retries,
            ),
            _parse_list_workflows,
        )

    async def create_workflow(
        self,
        *,
        stages: Sequence[Mapping[str, Any] | StageLike],
        name: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> models.V2Workflow:
        """Create workflow.

        Create a workflow.

        Returns:
            The ``V2Workflow``.
        """
        return await self._request(
            _create_workflow_request(
                stages=stages,
                name=name,
                timeout=timeout,
                extra_headers=extra_headers,
                retries=retries,
                max_retries=max_retries,
            ),
            _parse_create_workflow,
        )

    async def get_workflow(
        self,
        flow_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> models.V2Workflow:
        """Get a flow by id.

        Args:
            flow_id: The flow id.

        Returns:
            The ``V2Workflow``.
        """
        return await self._request(
            _get_workflow_request(
                flow_id, timeout=timeout, extra_headers=extra_headers, retries=retries, max_retries=max_retries
            ),
            _parse_get_workflow,
        )

    async def delete_workflow(
        self,
        flow_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> None:
        """Delete a flow by id.

        Args:
            flow_id: The flow id.

        Returns:
            None.
        """
        return await self._request(
            _delete_workflow_request(
                flow_id, timeout=timeout, extra_headers=extra_headers, retries=retries, max_retries=max_retries
            ),
            no_content,
        )

    async def run_workflow(
        self,
        workflow_id: str,
        *,
        wait: bool | None = None,
        variables: Mapping[str, str] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> models.V2WorkflowInstance:
        """Run workflow.

        Args:
            workflow_id: The flow id.
            wait: Wait end of the workflow before return.

        Returns:
            The ``V2WorkflowInstance``.
        """
        return await self._request(
            _run_workflow_request(
                workflow_id,
                wait=wait,
                variables=variables,
                timeout=timeout,
                extra_headers=extra_headers,
                retries=retries,
                max_retries=max_retries,
            ),
            _parse_run_workflow,
        )

    def list_instances(
        self,
        *,
        cursor: str | None = None,
        page_size: int | None = None,
        workflow_id: str | None = None,
        running: bool | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> AsyncPaginator[models.V2WorkflowInstance]:
        """List instances of a workflow.

        Args:
            page_size: The maximum number of results to return per page.
            workflow_id: A workflow id.
            running: Filter running instances.

        Returns:
            An awaitable for the first page that, iterated with ``async for``, yields every item of every page.
        """
        return self._paginate(
            _list_instances_request(
                cursor=cursor,
                page_size=page_size,
                workflow_id=workflow_id,
                running=running,
                timeout=timeout,
                extra_headers=extra_headers,
                retries=retries,
                max_retries=max_retries,
            ),
            _parse_list_instances,
        )

    async def get_instance(
        self,
        instance_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> models.V2WorkflowInstance:
        """Get a workflow instance by id.

        Args:
            instance_id: The instance id.

        Returns:
            The ``V2WorkflowInstance``.
        """
        return await self._request(
            _get_instance_request(
                instance_id, timeout=timeout, extra_headers=extra_headers, retries=retries, max_retries=max_retries
            ),
            _parse_get_instance,
        )

    async def send_event(
        self,
        instance_id: str,
        *,
        name: str,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> None:
        """Send an event to a running workflow.

        Args:
            instance_id: The instance id.

        Returns:
            None.
        """
        return await self._request(
            _send_event_request(
                instance_id,
                name=name,
                timeout=timeout,
                extra_headers=extra_headers,
                retries=retries,
                max_retries=max_retries,
            ),
            no_content,
        )

    async def cancel_event(
        self,
        instance_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> None:
        """Cancel a running workflow.

        Args:
            instance_id: The instance id.

        Returns:
            None.
        """
        return await self._request(
            _cancel_event_request(
                instance_id, timeout=timeout, extra_headers=extra_headers, retries=retries, max_retries=max_retries
            ),
            no_content,
        )

    async def get_instance_history(
        self,
        instance_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> list[models.V2WorkflowInstanceHistory]:
        """Get a workflow instance history by id.

        Args:
            instance_id: The instance id.

        Returns:
            The ``list[V2WorkflowInstanceHistory]``.
        """
        return await self._request(
            _get_instance_history_request(
                instance_id, timeout=timeout, extra_headers=extra_headers, retries=retries, max_retries=max_retries
            ),
            _parse_get_instance_history,
        )

    async def get_instance_stage_history(
        self,
        instance_id: str,
        number: int,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> list[models.V2WorkflowInstanceHistoryStage]:
        """Get a workflow instance stage history.

        Args:
            instance_id: The instance id.
            number: The stage number.

        Returns:
            The ``list[V2WorkflowInstanceHistoryStage]``.
        """
        return await self._request(
            _get_instance_stage_history_request(
                instance_id,
                number,
                timeout=timeout,
                extra_headers=extra_headers,
                retries=retries,
                max_retries=max_retries,
            ),
            _parse_get_instance_stage_history,
        )


class AsyncV2WithRawResponse(AsyncResource):
    """``client.v2.with_raw_response``: the same operations, each returning a :class:`RawResponse`."""

    async def get_server_info(
        self,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> RawResponse[models.V2ServerInfo]:
        """Get server info, returning the raw response (``.parse()`` gives the usual result)."""
        return await self._request_raw(
            _get_server_info_request(
                timeout=timeout, extra_headers=extra_headers, retries=retries, max_retries=max_retries
            ),
            _parse_get_server_info,
        )

    async def list_triggers(
        self,
        *,
        cursor: str | None = None,
        page_size: int | None = None,
        name: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> RawResponse[AsyncPage[models.V2Trigger]]:
        """List triggers, returning the raw response (``.parse()`` gives the usual result)."""
        return await self._paginate_raw(
            _list_triggers_request(
                cursor=cursor,
                page_size=page_size,
                name=name,
                timeout=timeout,
                extra_headers=extra_headers,
                retries=retries,
                max_retries=max_retries,
            ),
            _parse_list_triggers,
        )

    async def create_trigger(
        self,
        *,
        event: str,
        workflow_id: str,
        version: str | None = None,
        filter: str | None = None,
        vars: Mapping[str, str] | None = None,
        name: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> RawResponse[models.V2Trigger]:
        """Create trigger, returning the raw response (``.parse()`` gives the usual result)."""
        return await self._request_raw(
            _create_trigger_request(
                event=event,
                workflow_id=workflow_id,
                version=version,
                filter=filter,
                vars=vars,
                name=name,
                timeout=timeout,
                extra_headers=extra_headers,
                retries=retries,
                max_retries=max_retries,
            ),
            _parse_create_trigger,
        )

    async def read_trigger(
        self,
        trigger_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> RawResponse[models.V2Trigger]:
        """Read trigger, returning the raw response (``.parse()`` gives the usual result)."""
        return await self._request_raw(
            _read_trigger_request(
                trigger_id, timeout=timeout, extra_headers=extra_headers, retries=retries, max_retries=max_retries
            ),
            _parse_read_trigger,
        )

    async def delete_trigger(
        self,
        trigger_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> RawResponse[None]:
        """Delete trigger, returning the raw response (``.parse()`` gives the usual result)."""
        return await self._request_raw(
            _delete_trigger_request(
                trigger_id, timeout=timeout, extra_headers=extra_headers, retries=retries, max_retries=max_retries
            ),
            no_content,
        )

    async def test_trigger(
        self,
        trigger_id: str,
        *,
        event: Mapping[str, Any],
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> RawResponse[models.V2TriggerTest]:
        """Test trigger, returning the raw response (``.parse()`` gives the usual result)."""
        return await self._request_raw(
            _test_trigger_request(
                trigger_id,
                event=event,
                timeout=timeout,
                extra_headers=extra_headers,
                retries=retries,
                max_retries=max_retries,
            ),
            _parse_test_trigger,
        )

    async def list_triggers_occurrences(
        self,
        trigger_id: str,
        *,
        cursor: str | None = None,
        page_size: int | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> RawResponse[AsyncPage[models.V2TriggerOccurrence]]:
        """List triggers occurrences, returning the raw response (``.parse()`` gives the usual result)."""
        return await self._paginate_raw(
            _list_triggers_occurrences_request(
                trigger_id,
                cursor=cursor,
                page_size=page_size,
                timeout=timeout,
                extra_headers=extra_headers,
                retries=retries,
                max_retries=max_retries,
            ),
            _parse_list_triggers_occurrences,
        )

    async def list_workflows(
        self,
        *,
        cursor: str | None = None,
        page_size: int | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> RawResponse[AsyncPage[models.V2Workflow]]:
        """List registered workflows, returning the raw response (``.parse()`` gives the usual result)."""
        return await self._paginate_raw(
            _list_workflows_request(
                cursor=cursor,
                page_size=page_size,
                timeout=timeout,
                extra_headers=extra_headers,
                retries=retries,
                max_retries=max_retries,
            ),
            _parse_list_workflows,
        )

    async def create_workflow(
        self,
        *,
        stages: Sequence[Mapping[str, Any] | StageLike],
        name: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> RawResponse[models.V2Workflow]:
        """Create workflow, returning the raw response (``.parse()`` gives the usual result)."""
        return await self._request_raw(
            _create_workflow_request(
                stages=stages,
                name=name,
                timeout=timeout,
                extra_headers=extra_headers,
                retries=retries,
                max_retries=max_retries,
            ),
            _parse_create_workflow,
        )

    async def get_workflow(
        self,
        flow_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> RawResponse[models.V2Workflow]:
        """Get a flow by id, returning the raw response (``.parse()`` gives the usual result)."""
        return await self._request_raw(
            _get_workflow_request(
                flow_id, timeout=timeout, extra_headers=extra_headers, retries=retries, max_retries=max_retries
            ),
            _parse_get_workflow,
        )

    async def delete_workflow(
        self,
        flow_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> RawResponse[None]:
        """Delete a flow by id, returning the raw response (``.parse()`` gives the usual result)."""
        return await self._request_raw(
            _delete_workflow_request(
                flow_id, timeout=timeout, extra_headers=extra_headers, retries=retries, max_retries=max_retries
            ),
            no_content,
        )

    async def run_workflow(
        self,
        workflow_id: str,
        *,
        wait: bool | None = None,
        variables: Mapping[str, str] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> RawResponse[models.V2WorkflowInstance]:
        """Run workflow, returning the raw response (``.parse()`` gives the usual result)."""
        return await self._request_raw(
            _run_workflow_request(
                workflow_id,
                wait=wait,
                variables=variables,
                timeout=timeout,
                extra_headers=extra_headers,
                retries=retries,
                max_retries=max_retries,
            ),
            _parse_run_workflow,
        )

    async def list_instances(
        self,
        *,
        cursor: str | None = None,
        page_size: int | None = None,
        workflow_id: str | None = None,
        running: bool | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> RawResponse[AsyncPage[models.V2WorkflowInstance]]:
        """List instances of a workflow, returning the raw response (``.parse()`` gives the usual result)."""
        return await self._paginate_raw(
            _list_instances_request(
                cursor=cursor,
                page_size=page_size,
                workflow_id=workflow_id,
                running=running,
                timeout=timeout,
                extra_headers=extra_headers,
                retries=retries,
                max_retries=max_retries,
            ),
            _parse_list_instances,
        )

    async def get_instance(
        self,
        instance_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> RawResponse[models.V2WorkflowInstance]:
        """Get a workflow instance by id, returning the raw response (``.parse()`` gives the usual result)."""
        return await self._request_raw(
            _get_instance_request(
                instance_id, timeout=timeout, extra_headers=extra_headers, retries=retries, max_retries=max_retries
            ),
            _parse_get_instance,
        )

    async def send_event(
        self,
        instance_id: str,
        *,
        name: str,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> RawResponse[None]:
        """Send an event to a running workflow, returning the raw response (``.parse()`` gives the usual result)."""
        return await self._request_raw(
            _send_event_request(
                instance_id,
                name=name,
                timeout=timeout,
                extra_headers=extra_headers,
                retries=retries,
                max_retries=max_retries,
            ),
            no_content,
        )

    async def cancel_event(
        self,
        instance_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> RawResponse[None]:
        """Cancel a running workflow, returning the raw response (``.parse()`` gives the usual result)."""
        return await self._request_raw(
            _cancel_event_request(
                instance_id, timeout=timeout, extra_headers=extra_headers, retries=retries, max_retries=max_retries
            ),
            no_content,
        )

    async def get_instance_history(
        self,
        instance_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> RawResponse[list[models.V2WorkflowInstanceHistory]]:
        """Get a workflow instance history by id, returning the raw response (``.parse()`` gives the usual result)."""
        return await self._request_raw(
            _get_instance_history_request(
                instance_id, timeout=timeout, extra_headers=extra_headers, retries=retries, max_retries=max_retries
            ),
            _parse_get_instance_history,
        )

    async def get_instance_stage_history(
        self,
        instance_id: str,
        number: int,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> RawResponse[list[models.V2WorkflowInstanceHistoryStage]]:
        """Get a workflow instance stage history, returning the raw response (``.parse()`` gives the usual result)."""
        return await self._request_raw(
            _get_instance_stage_history_request(
                instance_id,
                number,
                timeout=timeout,
                extra_headers=extra_headers,
                retries=retries,
                max_retries=max_retries,
            ),
            _parse_get_instance_stage_history,
        )
