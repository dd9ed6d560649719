"""Pages on both faces, against a fake that pages like the real server (server-behaviour.md section 4).

The fake uses offset cursors: unpadded base64url JSON ``{"offset", "order", "pageSize", "filters"}``. A cursor
replaces every other query parameter; page sizes are capped at 100 (0 or absent means 15); ``next`` only when
``hasMore``; ``previous`` only past the first page.
"""

from __future__ import annotations

import base64
import gc
import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

import anyio
import anyio.lowlevel
import pytest

from formance_orchestration import AsyncOrchestrationClient, AsyncPage, OrchestrationClient, SyncPage, models

from .server import Recorded, RecordingServer, Reply
from .test_v2 import (
    FACES,
    INSTANCE_ID,
    TRIGGER_ID,
    WORKFLOW_ID,
    Face,
    FaceKind,
    instance_json,
    occurrence_json,
    open_face,
    trigger_json,
    workflow_json,
)

PREFIX = "/api/orchestration"


@pytest.fixture(params=FACES)
async def face(request: pytest.FixtureRequest, server: RecordingServer) -> AsyncIterator[Face]:
    kind: FaceKind = request.param
    async with open_face(kind, server) as opened:
        yield opened


def encode_cursor(offset: int, page_size: int, filters: Any) -> str:
    raw = json.dumps({"offset": offset, "order": 0, "pageSize": page_size, "filters": filters}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).rstrip(b"=").decode()


def decode_cursor(cursor: str) -> dict[str, Any]:
    padded = cursor + "=" * (-len(cursor) % 4)
    state: dict[str, Any] = json.loads(base64.urlsafe_b64decode(padded))
    return state


def test_cursor_encoding_matches_the_documented_example() -> None:
    example = "eyJvZmZzZXQiOjE1LCJvcmRlciI6MCwicGFnZVNpemUiOjE1LCJmaWx0ZXJzIjpudWxsfQ"
    assert encode_cursor(15, 15, None) == example
    assert decode_cursor(example) == {"offset": 15, "order": 0, "pageSize": 15, "filters": None}


@dataclass
class ListKind:
    """One list operation: where it lives, its arguments, its items and how the server filters them."""

    method: str
    path: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    item: Callable[[int], dict[str, Any]]
    filters: Callable[[Recorded], Any]
    matches: Callable[[dict[str, Any], Any], bool]
    item_type: type
    item_id: Callable[[Any], str] = field(default=lambda model: str(model.id))


def _instance(i: int) -> dict[str, Any]:
    body = instance_json() | {"id": f"instance-{i:03d}", "workflow": workflow_json()}
    body["workflowID"] = WORKFLOW_ID if i % 3 else "other-workflow"
    body["terminated"] = i % 4 == 0
    return body


def _occurrence(i: int) -> dict[str, Any]:
    body = occurrence_json() | {"id": f"occurrence-{i:03d}"}
    body["triggerID"] = TRIGGER_ID if i % 5 else "other-trigger"
    return body


def _instance_filters(request: Recorded) -> Any:
    query = dict(request.query)
    return {"WorkflowID": query.get("workflowID", ""), "Running": query.get("running", "").lower() in {"true", "1"}}


def _instance_matches(item: dict[str, Any], filters: Any) -> bool:
    if filters["WorkflowID"] and item["workflowID"] != filters["WorkflowID"]:
        return False
    return not (filters["Running"] and item["terminated"])


LISTS = {
    "list_workflows": ListKind(
        "list_workflows",
        "/v2/workflows",
        (),
        {},
        lambda i: workflow_json() | {"id": f"workflow-{i:03d}"},
        lambda request: None,
        lambda item, filters: True,
        models.V2Workflow,
    ),
    "list_triggers": ListKind(
        "list_triggers",
        "/v2/triggers",
        (),
        {"name": "pay"},
        lambda i: trigger_json(id=f"trigger-{i:03d}", name="payout" if i % 2 else "refund"),
        lambda request: {"Name": dict(request.query).get("name", "")},
        # The real server answers 500 to any name (server-behaviour 6.2); this fake implements the intended
        # case-insensitive substring match instead.
        lambda item, filters: filters["Name"].lower() in item["name"].lower(),
        models.V2Trigger,
    ),
    "list_triggers_occurrences": ListKind(
        "list_triggers_occurrences",
        f"/v2/triggers/{TRIGGER_ID}/occurrences",
        (TRIGGER_ID,),
        {},
        _occurrence,
        lambda request: {"TriggerID": request.path.split("/")[-2]},
        lambda item, filters: item["triggerID"] == filters["TriggerID"],
        models.V2TriggerOccurrence,
    ),
    "list_instances": ListKind(
        "list_instances",
        "/v2/instances",
        (),
        {"workflow_id": WORKFLOW_ID, "running": True},
        _instance,
        _instance_filters,
        _instance_matches,
        models.V2WorkflowInstance,
    ),
}


class Pager:
    """Serves one list the way the real server does, and checks each request on the way."""

    def __init__(self, kind: ListKind, count: int) -> None:
        self.kind = kind
        self.items = [kind.item(i) for i in range(count)]

    def expected_ids(self, request_filters: Any) -> list[str]:
        return [item["id"] for item in self.items if self.kind.matches(item, request_filters)]

    def __call__(self, request: Recorded) -> Reply:
        assert request.method == "GET"
        assert request.path == PREFIX + self.kind.path
        query = dict(request.query)
        if query.get("cursor"):
            state = decode_cursor(query["cursor"])
            offset, size, filters = state["offset"], state["pageSize"], state["filters"]
        else:
            raw = query.get("pageSize", "")
            size = int(raw) if raw else 0
            size = 15 if size == 0 else min(size, 100)
            offset, filters = 0, self.kind.filters(request)
        matching = [item for item in self.items if self.kind.matches(item, filters)]
        chunk = matching[offset : offset + size + 1]
        cursor: dict[str, Any] = {"pageSize": size, "hasMore": len(chunk) > size, "data": chunk[:size]}
        if len(chunk) > size:
            cursor["next"] = encode_cursor(offset + size, size, filters)
        if offset > 0:
            cursor["previous"] = encode_cursor(max(offset - size, 0), size, filters)
        return Reply(200, {"cursor": cursor})


def serve(server: RecordingServer, method: str, count: int) -> Pager:
    pager = Pager(LISTS[method], count)
    server.handler = pager
    return pager


# -- first page, then page by page ---------------------------------------------------------------------------


@pytest.mark.anyio
async def test_pages_one_by_one(server: RecordingServer, face: Face) -> None:
    serve(server, "list_workflows", 5)
    first = await face.call("list_workflows", page_size=2)
    assert isinstance(first, AsyncPage if face.kind == "async" else SyncPage)
    assert [wf.id for wf in first.data] == ["workflow-000", "workflow-001"]
    assert all(isinstance(wf, models.V2Workflow) for wf in first.data)
    assert first.has_more is True
    assert first.next_cursor == encode_cursor(2, 2, None)
    assert first.previous_cursor is None
    assert first.page_size == 2
    assert first.has_next_page() is True

    second = await face.next_page(first)
    assert [wf.id for wf in second.data] == ["workflow-002", "workflow-003"]
    assert second.has_more is True
    assert second.previous_cursor == encode_cursor(0, 2, None)
    assert second.next_cursor == encode_cursor(4, 2, None)

    third = await face.next_page(second)
    assert [wf.id for wf in third.data] == ["workflow-004"]
    assert third.has_more is False
    assert third.next_cursor is None
    assert third.previous_cursor == encode_cursor(2, 2, None)
    assert third.has_next_page() is False

    assert await face.next_page(third) is None
    assert [r.query for r in server.requests] == [
        [("pageSize", "2")],
        [("cursor", first.next_cursor)],
        [("cursor", second.next_cursor)],
    ]


@pytest.mark.anyio
async def test_pages_are_independent_values(server: RecordingServer, face: Face) -> None:
    serve(server, "list_workflows", 3)
    first = await face.call("list_workflows", page_size=2)
    second = await face.next_page(first)
    again = await face.next_page(first)  # a page can be asked for its successor more than once
    assert [wf.id for wf in second.data] == [wf.id for wf in again.data] == ["workflow-002"]
    assert [wf.id for wf in first.data] == ["workflow-000", "workflow-001"]
    assert "items=2" in repr(first)


@pytest.mark.anyio
@pytest.mark.parametrize("method", sorted(LISTS))
async def test_walk_every_item_of_every_list(method: str, server: RecordingServer, face: Face) -> None:
    kind = LISTS[method]
    pager = serve(server, method, 40)
    items = await face.walk(method, *kind.args, page_size=3, **kind.kwargs)
    first_filters = kind.filters(server.requests[0])
    expected = pager.expected_ids(first_filters)
    assert len(expected) >= 7  # at least three pages of three
    assert [kind.item_id(item) for item in items] == expected
    assert all(isinstance(item, kind.item_type) for item in items)
    assert len(server.requests) == -(-len(expected) // 3)


@pytest.mark.anyio
@pytest.mark.parametrize("method", sorted(LISTS))
async def test_cursor_replaces_every_other_parameter(method: str, server: RecordingServer, face: Face) -> None:
    kind = LISTS[method]
    serve(server, method, 40)
    page = await face.call(method, *kind.args, page_size=2, **kind.kwargs)
    cursors = []
    for _ in range(3):
        assert page.next_cursor
        cursors.append(page.next_cursor)
        page = await face.next_page(page)
    first, *rest = server.requests
    assert ("pageSize", "2") in first.query
    if method == "list_instances":
        assert first.query == [("pageSize", "2"), ("workflowID", WORKFLOW_ID), ("running", "true")]
    if method == "list_triggers":
        assert first.query == [("pageSize", "2"), ("name", "pay")]
    assert [r.query for r in rest] == [[("cursor", c)] for c in cursors]
    assert all(r.path == first.path for r in rest)


@pytest.mark.anyio
async def test_list_instances_filters_on_the_wire(server: RecordingServer, face: Face) -> None:
    pager = serve(server, "list_instances", 30)
    items = await face.walk("list_instances", workflow_id=WORKFLOW_ID, running=True, page_size=4)
    assert server.requests[0].query == [("pageSize", "4"), ("workflowID", WORKFLOW_ID), ("running", "true")]
    assert [i.id for i in items] == pager.expected_ids({"WorkflowID": WORKFLOW_ID, "Running": True})
    assert all(i.workflow_id == WORKFLOW_ID and not i.terminated for i in items)


@pytest.mark.anyio
async def test_server_caps_the_page_size(server: RecordingServer, face: Face) -> None:
    serve(server, "list_workflows", 250)
    first = await face.call("list_workflows", page_size=500)
    assert server.requests[0].query == [("pageSize", "500")]
    assert first.page_size == 100
    assert len(first.data) == 100
    assert first.has_more is True
    server.requests.clear()
    items = await face.walk("list_workflows", page_size=500)
    assert [wf.id for wf in items] == [f"workflow-{i:03d}" for i in range(250)]
    assert len(server.requests) == 3


@pytest.mark.anyio
async def test_default_page_size(server: RecordingServer, face: Face) -> None:
    serve(server, "list_workflows", 20)
    first = await face.call("list_workflows")
    assert server.requests[0].query == []
    assert first.page_size == 15
    assert len(first.data) == 15


@pytest.mark.anyio
async def test_empty_list(server: RecordingServer, face: Face) -> None:
    serve(server, "list_triggers_occurrences", 0)
    page = await face.call("list_triggers_occurrences", TRIGGER_ID)
    assert page.data == []
    assert page.has_more is False
    assert page.next_cursor is None
    assert await face.next_page(page) is None
    assert await face.walk("list_triggers_occurrences", TRIGGER_ID) == []
    assert len(server.requests) == 2


@pytest.mark.anyio
async def test_has_more_without_next_cursor_stops(server: RecordingServer, face: Face) -> None:
    server.handler = lambda request: Reply(
        200, {"cursor": {"pageSize": 1, "hasMore": True, "data": [instance_json() | {"id": INSTANCE_ID}]}}
    )
    page = await face.call("list_instances", page_size=1)
    assert page.has_more is True
    assert page.has_next_page() is False
    assert await face.next_page(page) is None
    assert [i.id for i in await face.walk("list_instances", page_size=1)] == [INSTANCE_ID]
    assert len(server.requests) == 2


@pytest.mark.anyio
async def test_start_from_a_cursor(server: RecordingServer, face: Face) -> None:
    serve(server, "list_workflows", 6)
    cursor = encode_cursor(2, 2, None)
    page = await face.call("list_workflows", cursor=cursor)
    assert server.requests[0].query == [("cursor", cursor)]
    assert [wf.id for wf in page.data] == ["workflow-002", "workflow-003"]
    rest = await face.walk("list_workflows", cursor=cursor)
    assert [wf.id for wf in rest] == [f"workflow-{i:03d}" for i in range(2, 6)]


@pytest.mark.anyio
async def test_iter_pages(server: RecordingServer, face: Face) -> None:
    serve(server, "list_workflows", 5)
    first = await face.call("list_workflows", page_size=2)
    if face.kind == "async":
        sizes = [len(page.data) async for page in first.iter_pages()]
    else:
        sizes = await anyio.to_thread.run_sync(lambda: [len(page.data) for page in first.iter_pages()])
    assert sizes == [2, 2, 1]


# -- laziness -------------------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_async_for_fetches_lazily(server: RecordingServer, aclient: AsyncOrchestrationClient) -> None:
    serve(server, "list_workflows", 9)
    paginator = aclient.v2.list_workflows(page_size=3)
    assert server.requests == []  # nothing is sent before it is awaited or iterated
    seen = []
    async for wf in paginator:
        seen.append(wf.id)
        assert len(server.requests) == (len(seen) - 1) // 3 + 1
        if len(seen) == 4:
            break
    assert seen == ["workflow-000", "workflow-001", "workflow-002", "workflow-003"]
    # Leaving the loop early must not fetch more, nor leave unfinished generators behind (trio warns on those).
    gc.collect()
    await anyio.lowlevel.checkpoint()
    assert len(server.requests) == 2


@pytest.mark.anyio
async def test_async_for_over_a_page_walks_the_rest(server: RecordingServer, aclient: AsyncOrchestrationClient) -> None:
    serve(server, "list_workflows", 7)
    page = await aclient.v2.list_workflows(page_size=3)
    ids = [wf.id async for wf in page]
    assert ids == [f"workflow-{i:03d}" for i in range(7)]
    assert len(server.requests) == 3
    again = [wf.id async for wf in page]  # iterating again starts over from this page
    assert again == ids


@pytest.mark.anyio
async def test_abandoned_iteration_leaves_nothing_behind(
    server: RecordingServer, aclient: AsyncOrchestrationClient
) -> None:
    serve(server, "list_workflows", 9)
    page = await aclient.v2.list_workflows(page_size=3)
    iterator = page.__aiter__()
    assert (await iterator.__anext__()).id == "workflow-000"
    pages = page.iter_pages()
    assert (await pages.__anext__()) is page
    del iterator, pages
    gc.collect()
    await anyio.lowlevel.checkpoint()
    assert len(server.requests) == 1


def test_sync_iteration_fetches_lazily(server: RecordingServer, client: OrchestrationClient) -> None:
    serve(server, "list_workflows", 9)
    page = client.v2.list_workflows(page_size=3)
    assert len(server.requests) == 1
    iterator = iter(page)
    ids = [next(iterator).id for _ in range(4)]
    assert ids == ["workflow-000", "workflow-001", "workflow-002", "workflow-003"]
    assert len(server.requests) == 2
    assert [wf.id for wf in iterator] == [f"workflow-{i:03d}" for i in range(4, 9)]
    assert len(server.requests) == 3
