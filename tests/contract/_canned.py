"""Minimal document-valid answers for every v2 path, so the recording server can stand in for the service."""

from __future__ import annotations

import re

from ..server import Recorded, Reply

WHEN = "2024-06-01T10:20:30.123456789Z"
WORKFLOW = {"id": "w1", "config": {"name": "payout", "stages": []}, "createdAt": WHEN, "updatedAt": WHEN}
INSTANCE = {"workflowID": "w1", "id": "i1", "createdAt": WHEN, "updatedAt": WHEN, "terminated": False}
TRIGGER = {"id": "t1", "event": "SAVED_PAYMENT", "workflowID": "w1", "createdAt": WHEN}
OCCURRENCE = {"triggerID": "t1", "date": WHEN, "event": {"type": "SAVED_PAYMENT"}}


def _page(item: object) -> dict[str, object]:
    return {"cursor": {"pageSize": 15, "hasMore": False, "data": [item]}}


_ROUTES: list[tuple[str, str, Reply]] = [
    ("GET", r"/_info|/v2/_info", Reply(200, {"version": "develop"})),
    ("GET", r"/v2/triggers", Reply(200, _page(TRIGGER))),
    ("POST", r"/v2/triggers", Reply(201, {"data": TRIGGER})),
    ("GET", r"/v2/triggers/[^/]+", Reply(200, {"data": TRIGGER})),
    ("DELETE", r"/v2/triggers/[^/]+", Reply(204)),
    ("POST", r"/v2/triggers/[^/]+/test", Reply(200, {"data": {"filter": {"match": True}}})),
    ("GET", r"/v2/triggers/[^/]+/occurrences", Reply(200, _page(OCCURRENCE))),
    ("GET", r"/v2/workflows", Reply(200, _page(WORKFLOW))),
    ("POST", r"/v2/workflows", Reply(201, {"data": WORKFLOW})),
    ("GET", r"/v2/workflows/[^/]+", Reply(200, {"data": WORKFLOW})),
    ("DELETE", r"/v2/workflows/[^/]+", Reply(204)),
    ("POST", r"/v2/workflows/[^/]+/instances", Reply(201, {"data": INSTANCE})),
    ("GET", r"/v2/instances", Reply(200, _page(INSTANCE))),
    ("GET", r"/v2/instances/[^/]+", Reply(200, {"data": INSTANCE})),
    ("POST", r"/v2/instances/[^/]+/events", Reply(204)),
    ("PUT", r"/v2/instances/[^/]+/abort", Reply(204)),
    ("GET", r"/v2/instances/[^/]+/history", Reply(200, {"data": []})),
    ("GET", r"/v2/instances/[^/]+/stages/[^/]+/history", Reply(200, {"data": []})),
]


def answer(request: Recorded) -> Reply:
    """The canned answer for ``request``'s method and (still percent-encoded) path."""
    for method, pattern, reply in _ROUTES:
        if method == request.method and re.fullmatch(pattern, request.path):
            return reply
    return Reply(404, b"404 page not found\n", headers={"Content-Type": "text/plain; charset=utf-8"})
