# Generated from orchestration-v2.yaml by tools/codegen; run `nox -s generate` after changing the generator.

"""The blocking face of ``client.v2``: each method runs the async one on the portal thread."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .._engine.pagination import SyncPage
from .._engine.resource import SyncResource
from .._engine.response import RawResponse
from .._engine.types import NOT_GIVEN, NotGiven, RetriesTypes, StageLike, TimeoutTypes
from . import models
from .v2 import AsyncV2, AsyncV2WithRawResponse

__all__ = ["V2", "V2WithRawResponse"]


class V2(SyncResource[AsyncV2]):
    """The Orchestration v2 API, blocking: workflows, instances, events, triggers (``client.v2``)."""

    def get_server_info(
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
        return self._call(
            self._async.get_server_info,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
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
    ) -> SyncPage[models.V2Trigger]:
        """List triggers.

        Args:
            page_size: The maximum number of results to return per page.
            name: search by name.

        Returns:
            The first page; iterating it yields every item of every page, fetching as it goes.
        """
        return self._call_page(
            self._async.list_triggers,
            cursor=cursor,
            page_size=page_size,
            name=name,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
        )

    def create_trigger(
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
        return self._call(
            self._async.create_trigger,
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
        )

    def read_trigger(
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
        return self._call(
            self._async.read_trigger,
            trigger_id,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
        )

    def delete_trigger(
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
        return self._call(
            self._async.delete_trigger,
            trigger_id,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
        )

    def test_trigger(
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
        return self._call(
            self._async.test_trigger,
            trigger_id,
            event=event,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
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
    ) -> SyncPage[models.V2TriggerOccurrence]:
        """List triggers occurrences.

        Args:
            trigger_id: The trigger id.
            page_size: The maximum number of results to return per page.

        Returns:
            The first page; iterating it yields every item of every page, fetching as it goes.
        """
        return self._call_page(
            self._async.list_triggers_occurrences,
            trigger_id,
            cursor=cursor,
            page_size=page_size,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
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
    ) -> SyncPage[models.V2Workflow]:
        """List registered workflows.

        Args:
            page_size: The maximum number of results to return per page.

        Returns:
            The first page; iterating it yields every item of every page, fetching as it goes.
        """
        return self._call_page(
            self._async.list_workflows,
            cursor=cursor,
            page_size=page_size,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
        )

    def create_workflow(
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
        return self._call(
            self._async.create_workflow,
            stages=stages,
            name=name,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
        )

    def get_workflow(
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
        return self._call(
            self._async.get_workflow,
            flow_id,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
        )

    def delete_workflow(
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
        return self._call(
            self._async.delete_workflow,
            flow_id,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
        )

    def run_workflow(
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
        return self._call(
            self._async.run_workflow,
            workflow_id,
            wait=wait,
            variables=variables,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
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
    ) -> SyncPage[models.V2WorkflowInstance]:
        """List instances of a workflow.

        Args:
            page_size: The maximum number of results to return per page.
            workflow_id: A workflow id.
            running: Filter running instances.

        Returns:
            The first page; iterating it yields every item of every page, fetching as it goes.
        """
        return self._call_page(
            self._async.list_instances,
            cursor=cursor,
            page_size=page_size,
            workflow_id=workflow_id,
            running=running,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
        )

    def get_instance(
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
        return self._call(
            self._async.get_instance,
            instance_id,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
        )

    def send_event(
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
        return self._call(
            self._async.send_event,
            instance_id,
            name=name,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
        )

    def cancel_event(
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
        return self._call(
            self._async.cancel_event,
            instance_id,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
        )

    def get_instance_history(
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
        return self._call(
            self._async.get_instance_history,
            instance_id,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
        )

    def get_instance_stage_history(
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
        return self._call(
            self._async.get_instance_stage_history,
            instance_id,
            number,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
        )


class V2WithRawResponse(SyncResource[AsyncV2WithRawResponse]):
    """``client.v2.with_raw_response`` (blocking): the operations, each returning a :class:`RawResponse`."""

    def get_server_info(
        self,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> RawResponse[models.V2ServerInfo]:
        """Get server info, returning the raw response (``.parse()`` gives the usual result)."""
        return self._call(
            self._async.get_server_info,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
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
    ) -> RawResponse[SyncPage[models.V2Trigger]]:
        """List triggers, returning the raw response (``.parse()`` gives the usual result)."""
        return self._call_raw_page(
            self._async.list_triggers,
            cursor=cursor,
            page_size=page_size,
            name=name,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
        )

    def create_trigger(
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
        return self._call(
            self._async.create_trigger,
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
        )

    def read_trigger(
        self,
        trigger_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> RawResponse[models.V2Trigger]:
        """Read trigger, returning the raw response (``.parse()`` gives the usual result)."""
        return self._call(
            self._async.read_trigger,
            trigger_id,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
        )

    def delete_trigger(
        self,
        trigger_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> RawResponse[None]:
        """Delete trigger, returning the raw response (``.parse()`` gives the usual result)."""
        return self._call(
            self._async.delete_trigger,
            trigger_id,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
        )

    def test_trigger(
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
        return self._call(
            self._async.test_trigger,
            trigger_id,
            event=event,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
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
    ) -> RawResponse[SyncPage[models.V2TriggerOccurrence]]:
        """List triggers occurrences, returning the raw response (``.parse()`` gives the usual result)."""
        return self._call_raw_page(
            self._async.list_triggers_occurrences,
            trigger_id,
            cursor=cursor,
            page_size=page_size,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
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
    ) -> RawResponse[SyncPage[models.V2Workflow]]:
        """List registered workflows, returning the raw response (``.parse()`` gives the usual result)."""
        return self._call_raw_page(
            self._async.list_workflows,
            cursor=cursor,
            page_size=page_size,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
        )

    def create_workflow(
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
        return self._call(
            self._async.create_workflow,
            stages=stages,
            name=name,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
        )

    def get_workflow(
        self,
        flow_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> RawResponse[models.V2Workflow]:
        """Get a flow by id, returning the raw response (``.parse()`` gives the usual result)."""
        return self._call(
            self._async.get_workflow,
            flow_id,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
        )

    def delete_workflow(
        self,
        flow_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> RawResponse[None]:
        """Delete a flow by id, returning the raw response (``.parse()`` gives the usual result)."""
        return self._call(
            self._async.delete_workflow,
            flow_id,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
        )

    def run_workflow(
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
        return self._call(
            self._async.run_workflow,
            workflow_id,
            wait=wait,
            variables=variables,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
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
    ) -> RawResponse[SyncPage[models.V2WorkflowInstance]]:
        """List instances of a workflow, returning the raw response (``.parse()`` gives the usual result)."""
        return self._call_raw_page(
            self._async.list_instances,
            cursor=cursor,
            page_size=page_size,
            workflow_id=workflow_id,
            running=running,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
        )

    def get_instance(
        self,
        instance_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> RawResponse[models.V2WorkflowInstance]:
        """Get a workflow instance by id, returning the raw response (``.parse()`` gives the usual result)."""
        return self._call(
            self._async.get_instance,
            instance_id,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
        )

    def send_event(
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
        return self._call(
            self._async.send_event,
            instance_id,
            name=name,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
        )

    def cancel_event(
        self,
        instance_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> RawResponse[None]:
        """Cancel a running workflow, returning the raw response (``.parse()`` gives the usual result)."""
        return self._call(
            self._async.cancel_event,
            instance_id,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
        )

    def get_instance_history(
        self,
        instance_id: str,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        retries: RetriesTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> RawResponse[list[models.V2WorkflowInstanceHistory]]:
        """Get a workflow instance history by id, returning the raw response (``.parse()`` gives the usual result)."""
        return self._call(
            self._async.get_instance_history,
            instance_id,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
        )

    def get_instance_stage_history(
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
        return self._call(
            self._async.get_instance_stage_history,
            instance_id,
            number,
            timeout=timeout,
            extra_headers=extra_headers,
            retries=retries,
            max_retries=max_retries,
        )
