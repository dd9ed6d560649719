# Generated from orchestration-v2.yaml by tools/codegen; run `nox -s generate` after changing the generator.

"""The v2 operations as coroutines: each builds a :class:`RequestSpec` and hands it to the transport."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

from . import _codec, models
from ._pagination import AsyncPage, AsyncPaginator, PageData
from ._resource import AsyncResource
from ._response import RawResponse
from ._transport import RequestSpec, encode_fields, encode_json, path_segment, query_value
from ._types import NOT_GIVEN, NotGiven, RetriesTypes, StageLike, TimeoutTypes

__all__ = ["AsyncV2", "AsyncV2WithRawResponse"]


def _parse_get_server_info(body: Any) -> models.V2ServerInfo:
    return _codec.structure_v2_server_info(body)


def _parse_list_triggers(body: Any) -> PageData[models.V2Trigger]:
    cursor = _codec.structure_v2_list_triggers_response(body).cursor
    return PageData(cursor.data, cursor.has_more, cursor.next, cursor.previous, cursor.page_size)


def _parse_create_trigger(body: Any) -> models.V2Trigger:
    return _codec.structure_v2_create_trigger_response(body).data


def _parse_read_trigger(body: Any) -> models.V2Trigger:
    return _codec.structure_v2_read_trigger_response(body).data


def _parse_test_trigger(body: Any) -> models.V2TriggerTest:
    return _codec.structure_v2_test_trigger_response(body).data


def _parse_list_triggers_occurrences(body: Any) -> PageData[models.V2TriggerOccurrence]:
    cursor = _codec.structure_v2_list_triggers_occurrences_response(body).cursor
    return PageData(cursor.data, cursor.has_more, cursor.next, cursor.previous, cursor.page_size)


def _parse_list_workflows(body: Any) -> PageData[models.V2Workflow]:
    cursor = _codec.structure_v2_list_workflows_response(body).cursor
    return PageData(cursor.data, cursor.has_more, cursor.next, cursor.previous, cursor.page_size)


def _parse_create_workflow(body: Any) -> models.V2Workflow:
    return _codec.structure_v2_create_workflow_response(body).data


def _parse_get_workflow(body: Any) -> models.V2Workflow:
    return _codec.structure_v2_get_workflow_response(body).data


def _parse_run_workflow(body: Any) -> models.V2WorkflowInstance:
    return _codec.structure_v2_run_workflow_response(body).data


def _parse_list_instances(body: Any) -> PageData[models.V2WorkflowInstance]:
    cursor = _codec.structure_v2_list_runs_response(body).cursor
    return PageData(cursor.data, cursor.has_more, cursor.next, cursor.previous, cursor.page_size)


def _parse_get_instance(body: Any) -> models.V2WorkflowInstance:
    return _codec.structure_v2_get_workflow_instance_response(body).data


def _parse_get_instance_history(body: Any) -> list[models.V2WorkflowInstanceHistory]:
    return _codec.structure_v2_get_workflow_instance_history_response(body).data


def _parse_get_instance_stage_history(body: Any) -> list[models.V2WorkflowInstanceHistoryStage]:
    return _codec.structure_v2_get_workflow_instance_history_stage_response(body).data


class AsyncV2(AsyncResource):
    """The Orchestration v2 API: workflows, instances, events and triggers (``client.v2``)."""

    async def get_server_info(
        self,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
    ) -> models.V2ServerInfo:
        """Get server info.

        Returns:
            The ``V2ServerInfo``.
        """
        spec = RequestSpec(
            operation="get_server_info",
            method="GET",
            path="/_info",
            fallback_path="/v2/_info",
            schema="V2ServerInfo",
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
        )
        return await self._request(spec, _parse_get_server_info)

    def list_triggers(
        self,
        *,
        cursor: str | None = None,
        page_size: int | None = None,
        name: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
    ) -> AsyncPaginator[models.V2Trigger]:
        """List triggers.

        Args:
            page_size: The maximum number of results to return per page.
            name: search by name.

        Returns:
            An awaitable for the first page that, iterated with ``async for``, yields every item of every page.
        """
        if page_size is not None and (isinstance(page_size, bool) or not 1 <= page_size <= 1000):
            raise ValueError(f"page_size must be an integer from 1 to 1000, got {page_size!r}")
        spec = RequestSpec(
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
        )
        return self._paginate(spec, _parse_list_triggers)

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
    ) -> models.V2Trigger:
        """Create trigger.

        Returns:
            The ``V2Trigger``.
        """
        spec = RequestSpec(
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
        )
        return await self._request(spec, _parse_create_trigger)

    async def read_trigger(
        self,
        trigger_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
    ) -> models.V2Trigger:
        """Read trigger.

        Args:
            trigger_id: The trigger id.

        Returns:
            The ``V2Trigger``.
        """
        spec = RequestSpec(
            operation="read_trigger",
            method="GET",
            path=f"/v2/triggers/{path_segment(trigger_id, 'trigger_id')}",
            schema="V2ReadTriggerResponse",
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
        )
        return await self._request(spec, _parse_read_trigger)

    async def delete_trigger(
        self,
        trigger_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
    ) -> None:
        """Delete trigger.

        Read trigger.

                Args:
                    trigger_id: The trigger id.

                Returns:
                    None.
        """
        spec = RequestSpec(
            operation="delete_trigger",
            method="DELETE",
            path=f"/v2/triggers/{path_segment(trigger_id, 'trigger_id')}",
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
        )
        return await self._request(spec, None)

    async def test_trigger(
        self,
        trigger_id: str,
        *,
        event: Mapping[str, Any],
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
    ) -> models.V2TriggerTest:
        """Test trigger.

        Args:
            trigger_id: The trigger id.

        Returns:
            The ``V2TriggerTest``.
        """
        spec = RequestSpec(
            operation="test_trigger",
            method="POST",
            path=f"/v2/triggers/{path_segment(trigger_id, 'trigger_id')}/test",
            schema="V2TestTriggerResponse",
            body=encode_json(event),
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
        )
        return await self._request(spec, _parse_test_trigger)

    def list_triggers_occurrences(
        self,
        trigger_id: str,
        *,
        cursor: str | None = None,
        page_size: int | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
    ) -> AsyncPaginator[models.V2TriggerOccurrence]:
        """List triggers occurrences.

        Args:
            trigger_id: The trigger id.
            page_size: The maximum number of results to return per page.

        Returns:
            An awaitable for the first page that, iterated with ``async for``, yields every item of every page.
        """
        if page_size is not None and (isinstance(page_size, bool) or not 1 <= page_size <= 1000):
            raise ValueError(f"page_size must be an integer from 1 to 1000, got {page_size!r}")
        spec = RequestSpec(
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
        )
        return self._paginate(spec, _parse_list_triggers_occurrences)

    def list_workflows(
        self,
        *,
        cursor: str | None = None,
        page_size: int | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
    ) -> AsyncPaginator[models.V2Workflow]:
        """List registered workflows.

        Args:
            page_size: The maximum number of results to return per page.

        Returns:
            An awaitable for the first page that, iterated with ``async for``, yields every item of every page.
        """
        if page_size is not None and (isinstance(page_size, bool) or not 1 <= page_size <= 1000):
            raise ValueError(f"page_size must be an integer from 1 to 1000, got {page_size!r}")
        spec = RequestSpec(
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
        )
        return self._paginate(spec, _parse_list_workflows)

    async def create_workflow(
        self,
        *,
        stages: Sequence[Mapping[str, Any] | StageLike],
        name: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
    ) -> models.V2Workflow:
        """Create workflow.

        Create a workflow.

                Returns:
                    The ``V2Workflow``.
        """
        spec = RequestSpec(
            operation="create_workflow",
            method="POST",
            path="/v2/workflows",
            schema="V2CreateWorkflowResponse",
            body=encode_fields({"stages": stages, "name": name}),
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
        )
        return await self._request(spec, _parse_create_workflow)

    async def get_workflow(
        self,
        flow_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
    ) -> models.V2Workflow:
        """Get a flow by id.

        Args:
            flow_id: The flow id.

        Returns:
            The ``V2Workflow``.
        """
        spec = RequestSpec(
            operation="get_workflow",
            method="GET",
            path=f"/v2/workflows/{path_segment(flow_id, 'flow_id')}",
            schema="V2GetWorkflowResponse",
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
        )
        return await self._request(spec, _parse_get_workflow)

    async def delete_workflow(
        self,
        flow_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
    ) -> None:
        """Delete a flow by id.

        Args:
            flow_id: The flow id.

        Returns:
            None.
        """
        spec = RequestSpec(
            operation="delete_workflow",
            method="DELETE",
            path=f"/v2/workflows/{path_segment(flow_id, 'flow_id')}",
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
        )
        return await self._request(spec, None)

    async def run_workflow(
        self,
        workflow_id: str,
        *,
        wait: bool | None = None,
        variables: Mapping[str, str] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
    ) -> models.V2WorkflowInstance:
        """Run workflow.

        Args:
            workflow_id: The flow id.
            wait: Wait end of the workflow before return.

        Returns:
            The ``V2WorkflowInstance``.
        """
        spec = RequestSpec(
            operation="run_workflow",
            method="POST",
            path=f"/v2/workflows/{path_segment(workflow_id, 'workflow_id')}/instances",
            schema="V2RunWorkflowResponse",
            query=(("wait", query_value(wait)),),
            body=encode_json(variables),
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
        )
        return await self._request(spec, _parse_run_workflow)

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
    ) -> AsyncPaginator[models.V2WorkflowInstance]:
        """List instances of a workflow.

        Args:
            page_size: The maximum number of results to return per page.
            workflow_id: A workflow id.
            running: Filter running instances.

        Returns:
            An awaitable for the first page that, iterated with ``async for``, yields every item of every page.
        """
        if page_size is not None and (isinstance(page_size, bool) or not 1 <= page_size <= 1000):
            raise ValueError(f"page_size must be an integer from 1 to 1000, got {page_size!r}")
        spec = RequestSpec(
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
        )
        return self._paginate(spec, _parse_list_instances)

    async def get_instance(
        self,
        instance_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
    ) -> models.V2WorkflowInstance:
        """Get a workflow instance by id.

        Args:
            instance_id: The instance id.

        Returns:
            The ``V2WorkflowInstance``.
        """
        spec = RequestSpec(
            operation="get_instance",
            method="GET",
            path=f"/v2/instances/{path_segment(instance_id, 'instance_id')}",
            schema="V2GetWorkflowInstanceResponse",
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
        )
        return await self._request(spec, _parse_get_instance)

    async def send_event(
        self,
        instance_id: str,
        *,
        name: str,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
    ) -> None:
        """Send an event to a running workflow.

        Args:
            instance_id: The instance id.

        Returns:
            None.
        """
        spec = RequestSpec(
            operation="send_event",
            method="POST",
            path=f"/v2/instances/{path_segment(instance_id, 'instance_id')}/events",
            body=encode_fields({"name": name}),
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
        )
        return await self._request(spec, None)

    async def cancel_event(
        self,
        instance_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
    ) -> None:
        """Cancel a running workflow.

        Args:
            instance_id: The instance id.

        Returns:
            None.
        """
        spec = RequestSpec(
            operation="cancel_event",
            method="PUT",
            path=f"/v2/instances/{path_segment(instance_id, 'instance_id')}/abort",
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
        )
        return await self._request(spec, None)

    async def get_instance_history(
        self,
        instance_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
    ) -> list[models.V2WorkflowInstanceHistory]:
        """Get a workflow instance history by id.

        Args:
            instance_id: The instance id.

        Returns:
            The ``list[V2WorkflowInstanceHistory]``.
        """
        spec = RequestSpec(
            operation="get_instance_history",
            method="GET",
            path=f"/v2/instances/{path_segment(instance_id, 'instance_id')}/history",
            schema="V2GetWorkflowInstanceHistoryResponse",
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
        )
        return await self._request(spec, _parse_get_instance_history)

    async def get_instance_stage_history(
        self,
        instance_id: str,
        number: int,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
    ) -> list[models.V2WorkflowInstanceHistoryStage]:
        """Get a workflow instance stage history.

        Args:
            instance_id: The instance id.
            number: The stage number.

        Returns:
            The ``list[V2WorkflowInstanceHistoryStage]``.
        """
        spec = RequestSpec(
            operation="get_instance_stage_history",
            method="GET",
            path=f"/v2/instances/{path_segment(instance_id, 'instance_id')}/stages/{path_segment(number, 'number')}/history",
            schema="V2GetWorkflowInstanceHistoryStageResponse",
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
        )
        return await self._request(spec, _parse_get_instance_stage_history)


class AsyncV2WithRawResponse:
    """``client.v2.with_raw_response``: the same operations, each returning a :class:`RawResponse`."""

    def __init__(self, v2: AsyncV2) -> None:
        self._v2 = v2._as_raw()

    async def get_server_info(
        self,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
    ) -> RawResponse[models.V2ServerInfo]:
        """Get server info, returning the raw response (``.parse()`` gives the usual result)."""
        return cast(
            RawResponse[models.V2ServerInfo],
            await self._v2.get_server_info(timeout=timeout, extra_headers=extra_headers, retries=retries),
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
    ) -> RawResponse[AsyncPage[models.V2Trigger]]:
        """List triggers, returning the raw response (``.parse()`` gives the usual result)."""
        return cast(
            RawResponse[AsyncPage[models.V2Trigger]],
            await self._v2.list_triggers(
                cursor=cursor,
                page_size=page_size,
                name=name,
                timeout=timeout,
                extra_headers=extra_headers,
                retries=retries,
            ),
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
    ) -> RawResponse[models.V2Trigger]:
        """Create trigger, returning the raw response (``.parse()`` gives the usual result)."""
        return cast(
            RawResponse[models.V2Trigger],
            await self._v2.create_trigger(
                event=event,
                workflow_id=workflow_id,
                version=version,
                filter=filter,
                vars=vars,
                name=name,
                timeout=timeout,
                extra_headers=extra_headers,
                retries=retries,
            ),
        )

    async def read_trigger(
        self,
        trigger_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
    ) -> RawResponse[models.V2Trigger]:
        """Read trigger, returning the raw response (``.parse()`` gives the usual result)."""
        return cast(
            RawResponse[models.V2Trigger],
            await self._v2.read_trigger(trigger_id, timeout=timeout, extra_headers=extra_headers, retries=retries),
        )

    async def delete_trigger(
        self,
        trigger_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
    ) -> RawResponse[None]:
        """Delete trigger, returning the raw response (``.parse()`` gives the usual result)."""
        return cast(
            RawResponse[None],
            await self._v2.delete_trigger(trigger_id, timeout=timeout, extra_headers=extra_headers, retries=retries),
        )

    async def test_trigger(
        self,
        trigger_id: str,
        *,
        event: Mapping[str, Any],
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
    ) -> RawResponse[models.V2TriggerTest]:
        """Test trigger, returning the raw response (``.parse()`` gives the usual result)."""
        return cast(
            RawResponse[models.V2TriggerTest],
            await self._v2.test_trigger(
                trigger_id, event=event, timeout=timeout, extra_headers=extra_headers, retries=retries
            ),
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
    ) -> RawResponse[AsyncPage[models.V2TriggerOccurrence]]:
        """List triggers occurrences, returning the raw response (``.parse()`` gives the usual result)."""
        return cast(
            RawResponse[AsyncPage[models.V2TriggerOccurrence]],
            await self._v2.list_triggers_occurrences(
                trigger_id,
                cursor=cursor,
                page_size=page_size,
                timeout=timeout,
                extra_headers=extra_headers,
                retries=retries,
            ),
        )

    async def list_workflows(
        self,
        *,
        cursor: str | None = None,
        page_size: int | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
    ) -> RawResponse[AsyncPage[models.V2Workflow]]:
        """List registered workflows, returning the raw response (``.parse()`` gives the usual result)."""
        return cast(
            RawResponse[AsyncPage[models.V2Workflow]],
            await self._v2.list_workflows(
                cursor=cursor, page_size=page_size, timeout=timeout, extra_headers=extra_headers, retries=retries
            ),
        )

    async def create_workflow(
        self,
        *,
        stages: Sequence[Mapping[str, Any] | StageLike],
        name: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
    ) -> RawResponse[models.V2Workflow]:
        """Create workflow, returning the raw response (``.parse()`` gives the usual result)."""
        return cast(
            RawResponse[models.V2Workflow],
            await self._v2.create_workflow(
                stages=stages, name=name, timeout=timeout, extra_headers=extra_headers, retries=retries
            ),
        )

    async def get_workflow(
        self,
        flow_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
    ) -> RawResponse[models.V2Workflow]:
        """Get a flow by id, returning the raw response (``.parse()`` gives the usual result)."""
        return cast(
            RawResponse[models.V2Workflow],
            await self._v2.get_workflow(flow_id, timeout=timeout, extra_headers=extra_headers, retries=retries),
        )

    async def delete_workflow(
        self,
        flow_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
    ) -> RawResponse[None]:
        """Delete a flow by id, returning the raw response (``.parse()`` gives the usual result)."""
        return cast(
            RawResponse[None],
            await self._v2.delete_workflow(flow_id, timeout=timeout, extra_headers=extra_headers, retries=retries),
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
    ) -> RawResponse[models.V2WorkflowInstance]:
        """Run workflow, returning the raw response (``.parse()`` gives the usual result)."""
        return cast(
            RawResponse[models.V2WorkflowInstance],
            await self._v2.run_workflow(
                workflow_id,
                wait=wait,
                variables=variables,
                timeout=timeout,
                extra_headers=extra_headers,
                retries=retries,
            ),
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
    ) -> RawResponse[AsyncPage[models.V2WorkflowInstance]]:
        """List instances of a workflow, returning the raw response (``.parse()`` gives the usual result)."""
        return cast(
            RawResponse[AsyncPage[models.V2WorkflowInstance]],
            await self._v2.list_instances(
                cursor=cursor,
                page_size=page_size,
                workflow_id=workflow_id,
                running=running,
                timeout=timeout,
                extra_headers=extra_headers,
                retries=retries,
            ),
        )

    async def get_instance(
        self,
        instance_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
    ) -> RawResponse[models.V2WorkflowInstance]:
        """Get a workflow instance by id, returning the raw response (``.parse()`` gives the usual result)."""
        return cast(
            RawResponse[models.V2WorkflowInstance],
            await self._v2.get_instance(instance_id, timeout=timeout, extra_headers=extra_headers, retries=retries),
        )

    async def send_event(
        self,
        instance_id: str,
        *,
        name: str,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
    ) -> RawResponse[None]:
        """Send an event to a running workflow, returning the raw response (``.parse()`` gives the usual result)."""
        return cast(
            RawResponse[None],
            await self._v2.send_event(
                instance_id, name=name, timeout=timeout, extra_headers=extra_headers, retries=retries
            ),
        )

    async def cancel_event(
        self,
        instance_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
    ) -> RawResponse[None]:
        """Cancel a running workflow, returning the raw response (``.parse()`` gives the usual result)."""
        return cast(
            RawResponse[None],
            await self._v2.cancel_event(instance_id, timeout=timeout, extra_headers=extra_headers, retries=retries),
        )

    async def get_instance_history(
        self,
        instance_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
    ) -> RawResponse[list[models.V2WorkflowInstanceHistory]]:
        """Get a workflow instance history by id, returning the raw response (``.parse()`` gives the usual result)."""
        return cast(
            RawResponse[list[models.V2WorkflowInstanceHistory]],
            await self._v2.get_instance_history(
                instance_id, timeout=timeout, extra_headers=extra_headers, retries=retries
            ),
        )

    async def get_instance_stage_history(
        self,
        instance_id: str,
        number: int,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
    ) -> RawResponse[list[models.V2WorkflowInstanceHistoryStage]]:
        """Get a workflow instance stage history, returning the raw response (``.parse()`` gives the usual result)."""
        return cast(
            RawResponse[list[models.V2WorkflowInstanceHistoryStage]],
            await self._v2.get_instance_stage_history(
                instance_id, number, timeout=timeout, extra_headers=extra_headers, retries=retries
            ),
        )
