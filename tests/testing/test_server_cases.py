"""The flows repository's own tests, restated as HTTP cases and run against the double.

Source: ``formancehq/flows`` at ``040580a`` (the commit ``shared/docs/server-behaviour.md`` describes). Each record
below is one case of the server's test suite, written here as data in our own words: the requests, and the status
and body the server's test expects. The server's tests call the v2 mux without its prefix; here every path has
``/v2``. Where a test inserted rows straight into its database, the record reaches the same state over HTTP.
Where a test mocked a downstream service (ledger, wallets, payments) that simply accepts, the record funds the
fake ledger's accounts instead (``balances``), because the fake ledger, like the real one, refuses overdrafts.

Counts (checked by ``test_the_case_counts``): 90 cases in the server's suite; 71 can be said over HTTP (72
records: the root-router case is split into its v1 and v2 request), 19 cannot (table below). Of the 72 records,
those marked ``xfail`` (strict: they must fail) are where the double cannot give the server's answer, each with
its reason; every other record passes.

Cases that cannot be expressed over HTTP, and why (left out):

======== ============================================== ==========================================================
ids      server test                                    why not
======== ============================================== ==========================================================
NX-01    workflow/activities_test.go:16                 checks an in-memory event publisher; no HTTP surface
NX-02    storage/migrations_test.go:14                  a SQL migration on the database
NX-03-13 triggers/listener_test.go:88-205 (11 cases)    ``listMatchingTriggers`` on rows and a synthetic event;
                                                        events reach the service from the broker, not HTTP
NX-14-17 triggers/listener_test.go:280-343 (4 cases)    ``handleMessage`` with a watermill message; same reason
NX-18-19 triggers/workflow_trigger_test.go:23 (2 rows)  runs the Temporal ``RunTrigger`` workflow directly
======== ============================================== ==========================================================
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from formance_orchestration.testing import FakeOrchestration, ManualClock

# --------------------------------------------------------------------------------------------- handler cases


@dataclass(frozen=True)
class Req:
    """One request of a case. Strings in ``path`` and ``body`` are ``str.format``-ed with what earlier requests
    saved (``save``: the answer's ``data.id``, a list when ``repeat`` > 1)."""

    method: str
    path: str
    body: Any = None
    status: int | None = None  # expected status (None: any 2xx)
    data: Any = ...  # expected ``data``, exactly (``...``: not checked)
    count: int | None = None  # expected number of items (cursor.data, or data.status)
    save: str | None = None
    repeat: int = 1


@dataclass(frozen=True)
class HandlerCase:
    id: str
    source: str
    requests: tuple[Req, ...]
    xfail: str | None = None


V1_MISSING = "the double serves the v2 API only: the server's v1 router (unprefixed paths) is not implemented"
EXPR_ERROR = "invalid operation: <nil> + <nil> (1:3)\n | a + b\n | ..^"
WAIT_GO = {"name": "testing", "stages": [{"wait_event": {"event": "go"}}]}
EMPTY_WF = Req("POST", "/v2/workflows", {}, 201, save="wf")


def _trigger(**fields: Any) -> Req:
    return Req("POST", "/v2/triggers", {"workflowID": "{wf}", "event": "XXX", **fields}, 201, save="t")


HANDLER_CASES: tuple[HandlerCase, ...] = (
    HandlerCase(
        "V2-01",
        "api/v2/handler_create_trigger_test.go:19",
        (EMPTY_WF, Req("POST", "/v2/triggers", {"workflowID": "{wf}", "event": "SAVED_PAYMENT"}, 201)),
    ),
    HandlerCase(
        "V2-02", "api/v2/handler_create_workflow_test.go:16", (Req("POST", "/v2/workflows", {"stages": []}, 201),)
    ),
    HandlerCase(
        "V2-03",
        "api/v2/handler_delete_workflow_test.go:21",
        (Req("POST", "/v2/workflows", {"stages": []}, 201, save="wf"), Req("DELETE", "/v2/workflows/{wf}/", None, 204)),
    ),
    HandlerCase(
        "V2-04",
        "api/v2/handler_list_instances_test.go:25",
        (
            Req("POST", "/v2/workflows", WAIT_GO, 201, save="wf"),
            Req("POST", "/v2/workflows/{wf}/instances", None, 201, save="runs", repeat=10),
            *(Req("POST", f"/v2/instances/{{runs[{n}]}}/events", {"name": "go"}, 204) for n in range(6, 10)),
            Req("GET", "/v2/instances", None, 200, count=10),
            Req("GET", "/v2/instances?running=true", None, 200, count=6),
            Req("DELETE", "/v2/workflows/{wf}/", None, 204),
            Req("GET", "/v2/instances", None, 200, count=0),
            Req("GET", "/v2/instances?workflowID={wf}", None, 200, count=0),
        ),
    ),
    HandlerCase(
        "V2-05",
        "api/v2/handler_read_instance_test.go:21",
        (
            Req("POST", "/v2/workflows", {"stages": [{"noop": {}}] * 10}, 201, save="wf"),
            Req("POST", "/v2/workflows/{wf}/instances", None, 201, save="run"),
            Req("GET", "/v2/instances/{run}", None, 200, count=10),
        ),
    ),
    HandlerCase(
        "V2-06",
        "api/v2/handler_run_workflow_test.go:20",
        (
            Req("POST", "/v2/workflows", {"stages": []}, 201, save="wf"),
            Req("POST", "/v2/workflows/{wf}/instances", None, 201),
        ),
    ),
    HandlerCase(
        "V2-07",
        "api/v2/handler_run_workflow_test.go:36",
        (
            Req("POST", "/v2/workflows", {"stages": [{"noop": {}}]}, 201, save="wf"),
            Req("POST", "/v2/workflows/{wf}/instances?wait=true", None, 201),
        ),
    ),
    HandlerCase(
        "V2-08",
        "api/v2/handler_test_trigger_test.go:35",
        (EMPTY_WF, _trigger(), Req("POST", "/v2/triggers/{t}/test", {}, 200, {"filter": None, "variables": None})),
    ),
    HandlerCase(
        "V2-09",
        "api/v2/handler_test_trigger_test.go:40",
        (
            EMPTY_WF,
            _trigger(filter='event.user.role == "admin"', vars={"role": "event.user.role"}),
            Req(
                "POST",
                "/v2/triggers/{t}/test",
                {"user": {"role": "admin"}},
                200,
                {"filter": {"match": True}, "variables": {"role": {"value": "admin"}}},
            ),
        ),
    ),
    HandlerCase(
        "V2-10",
        "api/v2/handler_test_trigger_test.go:64",
        (
            EMPTY_WF,
            _trigger(filter="a + b"),
            Req(
                "POST",
                "/v2/triggers/{t}/test",
                {},
                200,
                {"filter": {"match": False, "error": EXPR_ERROR}, "variables": None},
            ),
        ),
    ),
    HandlerCase(
        "V2-11",
        "api/v2/handler_test_trigger_test.go:76",
        (
            EMPTY_WF,
            _trigger(vars={"test": "a + b"}),
            Req(
                "POST", "/v2/triggers/{t}/test", {}, 200, {"filter": None, "variables": {"test": {"error": EXPR_ERROR}}}
            ),
        ),
    ),
    HandlerCase("M-01", "api/module_test.go:52", (Req("GET", "/workflows", None, 200),), xfail=V1_MISSING),
    HandlerCase("M-02", "api/module_test.go:57", (Req("GET", "/v2/workflows", None, 200),)),
    HandlerCase(
        "WF-01",
        "workflow/manager_test.go:23",
        (
            Req("POST", "/v2/workflows", {"stages": [{"noop": {}}]}, 201, save="wf"),
            Req("POST", "/v2/workflows/{wf}/instances", None, 201, save="run"),
            Req("GET", "/v2/instances/{run}", None, 200, count=1),
        ),
    ),
    # The v1 handlers' tests: the same scenarios on the unprefixed v1 router.
    HandlerCase(
        "V1-01",
        "api/v1/handler_create_trigger_test.go:19",
        (
            Req("POST", "/workflows", {}, 201, save="wf"),
            Req("POST", "/triggers", {"workflowID": "{wf}", "event": "E"}, 201),
        ),
        xfail=V1_MISSING,
    ),
    HandlerCase(
        "V1-02",
        "api/v1/handler_create_workflow_test.go:16",
        (Req("POST", "/workflows", {"stages": []}, 201),),
        xfail=V1_MISSING,
    ),
    HandlerCase(
        "V1-03",
        "api/v1/handler_delete_workflow_test.go:21",
        (Req("POST", "/workflows", {"stages": []}, 201, save="wf"), Req("DELETE", "/workflows/{wf}/", None, 204)),
        xfail=V1_MISSING,
    ),
    HandlerCase(
        "V1-04",
        "api/v1/handler_list_instances_test.go:24",
        (
            Req("POST", "/workflows", WAIT_GO, 201, save="wf"),
            Req("POST", "/workflows/{wf}/instances", None, 201, save="runs", repeat=10),
            Req("GET", "/instances", None, 200),
        ),
        xfail=V1_MISSING,
    ),
    HandlerCase(
        "V1-05",
        "api/v1/handler_read_instance_test.go:24",
        (Req("POST", "/workflows", {"stages": [{"noop": {}}] * 10}, 201, save="wf"),),
        xfail=V1_MISSING,
    ),
    HandlerCase(
        "V1-06",
        "api/v1/handler_run_workflow_test.go:20",
        (Req("POST", "/workflows", {"stages": []}, 201),),
        xfail=V1_MISSING,
    ),
    HandlerCase(
        "V1-07",
        "api/v1/handler_run_workflow_test.go:36",
        (Req("POST", "/workflows", {"stages": [{"noop": {}}]}, 201),),
        xfail=V1_MISSING,
    ),
)


def _fill(value: Any, saved: dict[str, Any]) -> Any:
    if isinstance(value, str):
        return value.format(**saved)
    if isinstance(value, dict):
        return {key: _fill(item, saved) for key, item in value.items()}
    if isinstance(value, list):
        return [_fill(item, saved) for item in value]
    return value


def _items(body: dict[str, Any]) -> list[Any]:
    if "cursor" in body:
        return list(body["cursor"]["data"])
    return list(body["data"].get("status") or [])


def _params(cases: tuple[HandlerCase, ...] | tuple[StageCase, ...] | tuple[TriggerCase, ...]) -> list[Any]:
    return [
        pytest.param(case, id=case.id, marks=[pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else [])
        for case in cases
    ]


@pytest.mark.parametrize("case", _params(HANDLER_CASES))
def test_handler_case(fake: FakeOrchestration, case: HandlerCase) -> None:
    saved: dict[str, Any] = {}
    with httpx.Client(transport=fake.transport, base_url="http://fake") as http:
        for req in case.requests:
            for _ in range(req.repeat):
                body = _fill(req.body, saved)
                path = _fill(req.path, saved)
                response = (
                    http.request(req.method, path, json=body) if body is not None else http.request(req.method, path)
                )
                if req.status is None:
                    assert response.is_success, (path, response.status_code)
                else:
                    assert response.status_code == req.status, (path, response.text)
                answer = response.json() if response.content else None
                if req.data is not ...:
                    assert answer is not None
                    assert answer["data"] == req.data
                if req.count is not None:
                    assert answer is not None
                    assert len(_items(answer)) == req.count
                if req.save is not None:
                    assert answer is not None
                    ident = answer["data"]["id"]
                    if req.repeat > 1:
                        saved.setdefault(req.save, []).append(ident)
                    else:
                        saved[req.save] = ident


# --------------------------------------------------------------------------------------------- stage cases

T0 = _dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=_dt.UTC)  # the fake's clock when every stage case runs
INT = "orchestration-000-internal"
OVERDRAFT = (
    "send [{asset} {amount}] (\n  source = @{source} allowing unbounded overdraft\n  destination = @{destination}\n)"
)
WALLET_LEDGER = (
    "the double's wallets all live on ledger wallets-002; the server's test mocks put them on default/ledger1/ledger2,"
    " so the send takes the other same-ledger/two-ledger branch"
)
TO = "orchestration/move-to-ledger"
FROM = "orchestration/move-from-ledger"
ACCOUNT_DEFAULTS = {"allowOverdraft": False, "throughAccount": "world"}


@dataclass(frozen=True)
class StageCase:
    """One stage run: the stage config and run variables, and what the server's test expects of it.

    ``error``: the run fails validation with this text (no history entry). Otherwise ``history_input`` is the
    resolved input of the one ``Run<Type>`` entry, and ``activities`` (when given) the stage history, each entry
    ``(name, request)``; the instance must then have ended without error. ``balances`` fund the fake ledger where
    the server's test had a mocked ledger that accepts every transaction.
    """

    id: str
    source: str
    stage: dict[str, Any]
    variables: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    history_input: dict[str, Any] | None = None
    activities: list[tuple[str, dict[str, Any]]] | None = None
    balances: tuple[tuple[str, str, str, int], ...] = ()  # (ledger, account, asset, amount)
    advance: float = 0
    failed_but_ignored: tuple[int, ...] = ()  # entries that ended without output and without error text
    event: str | None = None
    xfail: str | None = None


def _ct(ledger: str, source: str, destination: str, amount: int, asset: str, **data: Any) -> tuple[str, dict[str, Any]]:
    """A CreateTransaction request; ``script=True`` posts the overdraft Numscript instead of postings."""
    body: dict[str, Any] = {key: value for key, value in data.items() if key != "script"}
    if data.get("script"):
        plain = OVERDRAFT.format(asset=asset, amount=amount, source=source, destination=destination)
        body["script"] = {"plain": plain}
    else:
        body["postings"] = [{"amount": amount, "asset": asset, "destination": destination, "source": source}]
    return ("CreateTransaction", {"Ledger": ledger, "Data": body})


def _send(source: Any, destination: Any, amount: Any = None, **extra: Any) -> dict[str, Any]:
    send = {"source": source, "destination": destination, **extra}
    if amount is not None:
        send["amount"] = amount
    return {"send": send}


def _acct(account: str, ledger: str | None = None, **more: Any) -> dict[str, Any]:
    value: dict[str, Any] = {"id": account, **more}
    if ledger is not None:
        value["ledger"] = ledger
    return {"account": value}


USD100 = {"amount": 100, "asset": "USD"}
TWICE = "\n".join(
    f"Key: 'Send.Destination.{key}' Error:Field validation for '{key}' failed on the 'wallet or account or payment' tag"
    for key in ("wallet", "account", "payment")
)
WALLET_REF = "\n".join(
    f"Key: 'Send.Destination.Wallet.WalletReference.{key}' Error:Field validation for '{key}' failed on the 'id or name' tag"
    for key in ("id", "name")
)
DELAY_BOTH = "\n".join(
    f"Key: 'Delay.{key}' Error:Field validation for '{key}' failed on the 'duration or until' tag"
    for key in ("duration", "until")
)
S4_INPUT = {
    "amount": USD100,
    "destination": {"wallet": {"balance": "main", "id": "foo", "name": ""}},
    "source": {"account": {**ACCOUNT_DEFAULTS, "id": "bar", "ledger": "default"}},
    "timestamp": None,
}
# Wallet ids are UUIDs on a real wallets service (the document says so); the server's tests use short names.
WALLET_FOO = "0b0f6c2e-5f0e-4d4a-9b1e-000000000f00"
WALLET_BAR = "0b0f6c2e-5f0e-4d4a-9b1e-000000000ba2"
STRIPE = {"psp": "stripe", "metadata": "stripeConnectID"}


def _cti(
    amount: int, asset: str, provider: str, destination: str, kind: str = "TRANSFER", **more: Any
) -> tuple[str, dict[str, Any]]:
    request = {
        "amount": amount,
        "asset": asset,
        "destination": destination,
        "metadata": {},
        "provider": provider,
        "type": kind,
        "waitingValidation": False,
        **more,
    }
    return ("CreateTransferInitiation", request)


def _payment_in(payment: str, amount: int, asset: str, dest_ledger: str) -> list[tuple[str, dict[str, Any]]]:
    """GetPayment, the ingestion into the holding account (referenced), and its move out of the internal ledger."""
    holding = "payment:" + payment.replace("-", "_")
    return [
        ("GetPayment", {"id": payment}),
        _ct(INT, "world", holding, amount, asset, reference=holding),
        _ct(INT, holding, "world", amount, asset, metadata={TO: dest_ledger}),
    ]


STAGE_CASES: tuple[StageCase, ...] = (
    # delay (stages/delay/run_test.go)
    StageCase(
        "DL-S1",
        "delay/run_test.go:16",
        {"delay": {"until": "2026-01-02T03:04:05Z"}},
        history_input={"until": "2026-01-02T03:04:05Z"},
    ),
    StageCase(
        "DL-S2",
        "delay/run_test.go:26",
        {"delay": {"duration": "10s"}},
        history_input={"duration": "10s"},
        activities=[],
        advance=10,
    ),
    StageCase("DL-S3", "delay/run_test.go:36", {"delay": {}}, error=DELAY_BOTH),
    StageCase(
        "DL-S4",
        "delay/run_test.go:42",
        {"delay": {"until": "2026-01-02T03:04:05Z", "duration": "10s"}},
        error=DELAY_BOTH,
    ),
    StageCase("DL-W1", "delay/run_test.go:65", {"delay": {"until": "2026-01-02T03:04:06Z"}}, activities=[], advance=1),
    StageCase(
        "DL-W2",
        "delay/run_test.go:71",
        {"delay": {"duration": "1s"}},
        history_input={"duration": "1s"},
        activities=[],
        advance=1,
    ),
    # wait_event (stages/wait_event/wait_event_test.go)
    StageCase(
        "WE-S1",
        "wait_event/wait_event_test.go:14",
        {"wait_event": {}},
        error="Key: 'WaitEvent.Event' Error:Field validation for 'Event' failed on the 'required' tag",
    ),
    StageCase(
        "WE-S2", "wait_event/wait_event_test.go:22", {"wait_event": {"event": "test"}}, history_input={"event": "test"}
    ),
    StageCase(
        "WE-W1", "wait_event/wait_event_test.go:34", {"wait_event": {"event": "test"}}, activities=[], event="test"
    ),
    # update (stages/update/run_test.go)
    StageCase(
        "UP-S1",
        "update/run_test.go:15",
        {
            "update": {
                "account": {
                    "id": "merchant:${merchantID}",
                    "ledger": "demo",
                    "metadata": {"formanceAccountID": "${paymentAccountID}"},
                }
            }
        },
        {"merchantID": "1234", "paymentAccountID": "ABCD"},
        history_input={"account": {"id": "merchant:1234", "ledger": "demo", "metadata": {"formanceAccountID": "ABCD"}}},
    ),
    StageCase(
        "UP-W1",
        "update/run_test.go:42",
        {"update": {"account": {"id": "abcd", "ledger": "default", "metadata": {"foo": "bar"}}}},
        activities=[("AddAccountMetadata", {"account": "abcd", "ledger": "default", "metadata": {"foo": "bar"}})],
    ),
    # send: schema (stages/send/run_test.go, TestSendSchemaValidation)
    StageCase(
        "SD-S1",
        "send/run_test.go:21",
        _send(_acct("bar"), {"wallet": {"id": "foo"}, "account": {"id": "foo"}}, {"amount": 100, "asset": "USD"}),
        error=TWICE,
    ),
    StageCase(
        "SD-S2",
        "send/run_test.go:72",
        _send(_acct("bar"), {"wallet": {}}, {"amount": 100, "asset": "USD"}),
        error=WALLET_REF,
    ),
    StageCase(
        "SD-S3",
        "send/run_test.go:109",
        _send(
            {"payment": {"id": "${paymentID}", "psp": "test"}},
            _acct("test:${var1}:test:${var2}:test:${var3}:test", "default"),
            {"amount": "${amount}", "asset": "EUR/2"},
        ),
        {"paymentID": "test", "var1": "001", "var2": "003", "var3": "f5649", "amount": "2819"},
        history_input={
            "amount": {"amount": 2819, "asset": "EUR/2"},
            "destination": {
                "account": {**ACCOUNT_DEFAULTS, "id": "test:001:test:003:test:f5649:test", "ledger": "default"}
            },
            "source": {"payment": {**ACCOUNT_DEFAULTS, "id": "test"}},
            "timestamp": None,
        },
    ),
    StageCase(
        "SD-S4",
        "send/run_test.go:158",
        _send(_acct("bar"), {"wallet": {"id": "foo"}}, {"amount": 100, "asset": "USD"}),
        history_input=S4_INPUT,
    ),
    StageCase(
        "SD-S5",
        "send/run_test.go:199",
        _send(_acct("bar"), {"wallet": {"id": "foo"}}, {"amount": 100, "asset": "USD"}, metadata={"foo": "bar"}),
        history_input={**S4_INPUT, "metadata": {"foo": "bar"}},
    ),
    StageCase(
        "SD-S6",
        "send/run_test.go:246",
        _send(
            _acct("bar"),
            {"wallet": {"id": "foo"}},
            {"amount": 100, "asset": "USD"},
            timestamp="2026-01-02T03:04:05.123Z",
        ),
        history_input={**S4_INPUT, "timestamp": "2026-01-02T03:04:05.123Z"},
    ),
    StageCase(
        "SD-S7",
        "send/run_test.go:289",
        _send(_acct("bar"), {"wallet": {"id": "foo"}}, {"amount": 100, "asset": "USD"}, timestamp="${timestamp}"),
        {"timestamp": "2026-01-02T03:04:05.123Z"},
        history_input={**S4_INPUT, "timestamp": "2026-01-02T03:04:05.123Z"},
    ),
    # send: workflows (stages/send/run_test.go, TestSend)
    StageCase(
        "SD-W01",
        "send/run_test.go:338",
        _send({"payment": {"id": "payment1"}}, {"wallet": {"id": "wallet1"}}, {"amount": 100, "asset": "USD"}),
        activities=[
            *_payment_in("payment1", 100, "USD", "default"),
            ("GetWallet", {"id": "wallet1"}),
            (
                "CreditWallet",
                {
                    "id": "wallet1",
                    "data": {
                        "amount": USD100,
                        "balance": "main",
                        "metadata": {FROM: INT},
                        "sources": [{"identifier": "world", "type": "ACCOUNT"}],
                    },
                },
            ),
        ],
        xfail=WALLET_LEDGER,
    ),
    StageCase(
        "SD-W02",
        "send/run_test.go:457",
        _send({"payment": {"id": "payment1"}}, {"wallet": {"name": "user:1"}}, {"amount": 100, "asset": "USD"}),
        activities=[*_payment_in("payment1", 100, "USD", "default"), ("ListWallets", {"name": "user:1"})],
        xfail=WALLET_LEDGER,
    ),
    StageCase(
        "SD-W03",
        "send/run_test.go:578",
        _send({"payment": {"id": "payment1"}}, _acct("foo", "default"), {"amount": 100, "asset": "USD"}),
        activities=[
            *_payment_in("payment1", 100, "USD", "default"),
            _ct("default", "world", "foo", 100, "USD", metadata={FROM: INT}),
        ],
    ),
    StageCase(
        "SD-W04",
        "send/run_test.go:677",
        _send({"payment": {"id": "payment1"}}, _acct("foo", "default"), {"amount": 100, "asset": "USD"}),
        activities=[
            *_payment_in("payment1", 100, "USD", "default"),
            _ct("default", "world", "foo", 100, "USD", metadata={FROM: INT}),
        ],
        # The mocked ledger answers the ingestion with a CONFLICT whose message is empty: that entry fails (no
        # output, its empty error omitted) and the stage goes on (run.go:202-210).
        failed_but_ignored=(1,),
        xfail="the double cannot answer the ingestion transaction with a CONFLICT that the stage then tolerates (run.go:202-210)",
    ),
    StageCase(
        "SD-W05",
        "send/run_test.go:774",
        _send(
            _acct("foo", "default"), _acct("bar", "default"), {"amount": 100, "asset": "USD"}, metadata={"foo": "bar"}
        ),
        activities=[_ct("default", "foo", "bar", 100, "USD", metadata={"foo": "bar"})],
        balances=(("default", "foo", "USD", 100),),
    ),
    StageCase(
        "SD-W06",
        "send/run_test.go:818",
        _send(_acct("account1", "ledger1"), _acct("account2", "ledger2"), {"amount": 100, "asset": "USD"}),
        activities=[
            _ct("ledger1", "account1", "world", 100, "USD", metadata={TO: "ledger2"}),
            _ct("ledger2", "world", "account2", 100, "USD", metadata={FROM: "ledger1"}),
        ],
        balances=(("ledger1", "account1", "USD", 100),),
    ),
    StageCase(
        "SD-W07",
        "send/run_test.go:881",
        _send(_acct("foo", "default"), {"wallet": {"id": "bar"}}, {"amount": 100, "asset": "USD"}),
        activities=[
            ("GetWallet", {"id": "bar"}),
            (
                "CreditWallet",
                {
                    "id": "bar",
                    "data": {
                        "amount": USD100,
                        "balance": "main",
                        "metadata": {},
                        "sources": [{"identifier": "foo", "type": "ACCOUNT"}],
                    },
                },
            ),
        ],
        xfail=WALLET_LEDGER,
    ),
    StageCase(
        "SD-W08",
        "send/run_test.go:938",
        _send(_acct("account1", "ledger1"), {"wallet": {"id": "wallet1"}}, {"amount": 100, "asset": "USD"}),
        activities=[
            ("GetWallet", {"id": "wallet1"}),
            _ct("ledger1", "account1", "world", 100, "USD", metadata={TO: "ledger2"}),
            (
                "CreditWallet",
                {
                    "id": "wallet1",
                    "data": {
                        "amount": USD100,
                        "balance": "main",
                        "metadata": {FROM: "ledger1"},
                        "sources": [{"identifier": "world", "type": "ACCOUNT"}],
                    },
                },
            ),
        ],
        balances=(("ledger1", "account1", "USD", 100),),
        xfail=WALLET_LEDGER,
    ),
    StageCase(
        "SD-W09",
        "send/run_test.go:1019",
        _send(_acct("foo", "default"), {"payment": STRIPE}, {"amount": 100, "asset": "USD"}),
        # The account's metadata as the double simulates it: <key> = "<account>-psp" (the test's mock says "abcd").
        activities=[
            ("GetAccount", {"id": "foo", "ledger": "default"}),
            _ct("default", "foo", "world", 100, "USD"),
            _cti(100, "USD", "stripe", "foo-psp"),
        ],
        balances=(("default", "foo", "USD", 100),),
    ),
    StageCase(
        "SD-W10",
        "send/run_test.go:1089",
        _send({"wallet": {"id": "foo", "balance": "main"}}, _acct("bar", "default"), {"amount": 100, "asset": "USD"}),
        activities=[
            ("GetWallet", {"id": "foo"}),
            (
                "DebitWallet",
                {
                    "id": "foo",
                    "data": {
                        "amount": USD100,
                        "balances": ["main"],
                        "destination": {"identifier": "bar", "type": "ACCOUNT"},
                        "metadata": None,
                    },
                },
            ),
        ],
        xfail=WALLET_LEDGER
        + "; and the same-ledger DebitWallet carries metadata {} where the server sends null (run.go:102)",
    ),
    StageCase(
        "SD-W11",
        "send/run_test.go:1148",
        _send({"wallet": {"id": "foo"}}, _acct("bar", "ledger2"), {"amount": 100, "asset": "USD"}),
        activities=[
            ("GetWallet", {"id": "foo"}),
            (
                "DebitWallet",
                {"id": "foo", "data": {"amount": USD100, "balances": ["main"], "metadata": {TO: "ledger2"}}},
            ),
            _ct("ledger2", "world", "bar", 100, "USD", metadata={FROM: "ledger1"}),
        ],
        xfail=WALLET_LEDGER,
    ),
    StageCase(
        "SD-W12",
        "send/run_test.go:1222",
        _send({"wallet": {"id": WALLET_FOO}}, {"wallet": {"id": WALLET_BAR}}, {"amount": 100, "asset": "USD"}),
        activities=[
            ("GetWallet", {"id": WALLET_FOO}),
            ("GetWallet", {"id": WALLET_BAR}),
            (
                "CreditWallet",
                {
                    "id": WALLET_BAR,
                    "data": {
                        "amount": USD100,
                        "balance": "main",
                        "metadata": {},
                        "sources": [{"balance": "main", "identifier": WALLET_FOO, "type": "WALLET"}],
                    },
                },
            ),
        ],
    ),
    StageCase(
        "SD-W13",
        "send/run_test.go:1294",
        _send({"wallet": {"id": "wallet1"}}, {"wallet": {"id": "wallet2"}}, {"amount": 100, "asset": "USD"}),
        activities=[
            ("GetWallet", {"id": "wallet1"}),
            ("GetWallet", {"id": "wallet2"}),
            (
                "DebitWallet",
                {"id": "wallet1", "data": {"amount": USD100, "balances": ["main"], "metadata": {TO: "ledger2"}}},
            ),
            (
                "CreditWallet",
                {
                    "id": "wallet2",
                    "data": {"amount": USD100, "balance": "main", "metadata": {FROM: "ledger1"}, "sources": None},
                },
            ),
        ],
        xfail=WALLET_LEDGER,
    ),
    StageCase(
        "SD-W14",
        "send/run_test.go:1379",
        _send({"wallet": {"id": "foo"}}, {"payment": STRIPE}, {"amount": 100, "asset": "USD"}),
        activities=[
            ("GetWallet", {"id": "foo"}),
            ("DebitWallet", {"id": "foo", "data": {"amount": USD100, "balances": ["main"], "metadata": {}}}),
            _cti(100, "USD", "stripe", "abcd"),
        ],
        xfail=WALLET_LEDGER + "; and its wallet metadata (stripeConnectID=abcd) cannot be given to the double",
    ),
    StageCase(
        "SD-W15",
        "send/run_test.go:1449",
        _send({"wallet": {"id": "foo"}}, {"payment": {**STRIPE, "type": "PAYOUT"}}, {"amount": 100, "asset": "USD"}),
        activities=[
            ("GetWallet", {"id": "foo"}),
            ("DebitWallet", {"id": "foo", "data": {"amount": USD100, "balances": ["main"], "metadata": {}}}),
            _cti(100, "USD", "stripe", "acct_xxx", "PAYOUT"),
        ],
        xfail=WALLET_LEDGER + "; and its wallet metadata (stripeConnectID=acct_xxx) cannot be given to the double",
    ),
    StageCase(
        "SD-W16",
        "send/run_test.go:1520",
        _send(
            {"wallet": {"id": "foo"}},
            {"payment": {**STRIPE, "type": "PAYOUT", "sourceAccount": "internal-account-123"}},
            {"amount": 100, "asset": "USD"},
        ),
        activities=[
            ("GetWallet", {"id": "foo"}),
            ("DebitWallet", {"id": "foo", "data": {"amount": USD100, "balances": ["main"], "metadata": {}}}),
            _cti(100, "USD", "stripe", "acct_xxx", "PAYOUT", source="internal-account-123"),
        ],
        xfail=WALLET_LEDGER + "; and its wallet metadata (stripeConnectID=acct_xxx) cannot be given to the double",
    ),
    StageCase(
        "SD-W17",
        "send/run_test.go:1593",
        _send(
            _acct("foo", "default"),
            {
                "payment": {
                    "psp": "wise",
                    "type": "PAYOUT",
                    "sourceAccount": "wise-account-456",
                    "metadata": "wiseRecipientID",
                }
            },
            {"amount": 500, "asset": "EUR"},
        ),
        activities=[
            ("GetAccount", {"id": "foo", "ledger": "default"}),
            _ct("default", "foo", "world", 500, "EUR"),
            _cti(500, "EUR", "wise", "foo-psp", "PAYOUT", source="wise-account-456"),
        ],
        balances=(("default", "foo", "EUR", 500),),
    ),
    StageCase(
        "SD-W18",
        "send/run_test.go:1667",
        _send(
            _acct("users:123", "main", throughAccount="liabilities:payouts-pending"),
            {"payment": {**STRIPE, "type": "PAYOUT"}},
            {"amount": 1000, "asset": "USD"},
        ),
        activities=[
            ("GetAccount", {"id": "users:123", "ledger": "main"}),
            _ct("main", "users:123", "liabilities:payouts-pending", 1000, "USD"),
            _cti(1000, "USD", "stripe", "users:123-psp", "PAYOUT"),
        ],
        balances=(("main", "users:123", "USD", 1000),),
    ),
    StageCase(
        "SD-W19",
        "send/run_test.go:1740",
        _send(
            {"payment": {"id": "payment1"}},
            _acct("revenue:merchants:456", "main", throughAccount="assets:stripe:incoming"),
            {"amount": 500, "asset": "EUR"},
        ),
        activities=[
            *_payment_in("payment1", 500, "EUR", "main"),
            _ct("main", "assets:stripe:incoming", "revenue:merchants:456", 500, "EUR", metadata={FROM: INT}),
        ],
        balances=(("main", "assets:stripe:incoming", "EUR", 500),),
    ),
    StageCase(
        "SD-W20",
        "send/run_test.go:1841",
        _send(
            _acct("users:sender", "ledger1", throughAccount="bridge:outbound"),
            _acct("merchants:receiver", "ledger2", throughAccount="bridge:inbound"),
            {"amount": 250, "asset": "GBP"},
        ),
        activities=[
            _ct("ledger1", "users:sender", "bridge:outbound", 250, "GBP", metadata={TO: "ledger2"}),
            _ct("ledger2", "bridge:inbound", "merchants:receiver", 250, "GBP", metadata={FROM: "ledger1"}),
        ],
        balances=(("ledger1", "users:sender", "GBP", 250), ("ledger2", "bridge:inbound", "GBP", 250)),
    ),
    StageCase(
        "SD-W21",
        "send/run_test.go:1907",
        _send(
            {
                "payment": {
                    "id": "payment-custom",
                    "ledger": "main",
                    "holdingAccount": "transit:payments:pending",
                    "throughAccount": "assets:stripe",
                }
            },
            _acct("revenue:sales", "main"),
            {"amount": 1500, "asset": "USD"},
        ),
        activities=[
            ("GetPayment", {"id": "payment-custom"}),
            _ct("main", "assets:stripe", "transit:payments:pending", 1500, "USD", reference="transit:payments:pending"),
            _ct("main", "transit:payments:pending", "revenue:sales", 1500, "USD"),
        ],
        balances=(("main", "assets:stripe", "USD", 1500),),
    ),
    StageCase(
        "SD-W22",
        "send/run_test.go:1985",
        _send(
            _acct("users:123", "main", throughAccount="liabilities:payouts-pending", allowOverdraft=True),
            {"payment": {**STRIPE, "type": "PAYOUT"}},
            {"amount": 1000, "asset": "USD"},
        ),
        activities=[
            ("GetAccount", {"id": "users:123", "ledger": "main"}),
            _ct("main", "users:123", "liabilities:payouts-pending", 1000, "USD", script=True),
            _cti(1000, "USD", "stripe", "users:123-psp", "PAYOUT"),
        ],
    ),
    StageCase(
        "SD-W23",
        "send/run_test.go:2060",
        _send(
            {"payment": {"id": "payment1"}},
            _acct("revenue:merchants:456", "main", throughAccount="assets:stripe:incoming", allowOverdraft=True),
            {"amount": 500, "asset": "EUR"},
        ),
        activities=[
            *_payment_in("payment1", 500, "EUR", "main"),
            _ct(
                "main", "assets:stripe:incoming", "revenue:merchants:456", 500, "EUR", metadata={FROM: INT}, script=True
            ),
        ],
    ),
    StageCase(
        "SD-W24",
        "send/run_test.go:2165",
        _send(
            _acct("users:sender", "ledger1", throughAccount="bridge:outbound", allowOverdraft=True),
            _acct("merchants:receiver", "ledger2", throughAccount="bridge:inbound", allowOverdraft=True),
            {"amount": 250, "asset": "GBP"},
        ),
        activities=[
            _ct("ledger1", "users:sender", "bridge:outbound", 250, "GBP", metadata={TO: "ledger2"}, script=True),
            _ct("ledger2", "bridge:inbound", "merchants:receiver", 250, "GBP", metadata={FROM: "ledger1"}, script=True),
        ],
    ),
)


@pytest.mark.parametrize("case", _params(STAGE_CASES))
def test_stage_case(case: StageCase) -> None:
    fake = FakeOrchestration(clock=ManualClock(T0))
    for ledger, account, asset, amount in case.balances:
        fake.set_balance(account, asset, amount, ledger=ledger)
    ((stage_type, _),) = case.stage.items()
    with httpx.Client(transport=fake.transport, base_url="http://fake") as http:
        created = http.post("/v2/workflows", json={"stages": [case.stage]})
        assert created.status_code == 201, created.text  # creation resolves with no variables and never validates
        workflow_id = created.json()["data"]["id"]
        run = http.post(f"/v2/workflows/{workflow_id}/instances", json=case.variables)
        assert run.status_code == 201
        instance_id = run.json()["data"]["id"]
        if case.advance:
            fake.advance(case.advance)
        if case.event is not None:
            assert http.post(f"/v2/instances/{instance_id}/events", json={"name": case.event}).status_code == 204
        data = http.get(f"/v2/instances/{instance_id}").json()["data"]
        history = http.get(f"/v2/instances/{instance_id}/history").json()["data"]
        if case.error is not None:
            assert (data["terminated"], data.get("error"), data["status"][0].get("error")) == (
                True,
                case.error,
                case.error,
            )
            assert history == []  # validation runs before the stage's child workflow starts
            return
        (entry,) = history
        assert entry["name"] == "Run" + "".join(part.capitalize() for part in stage_type.split("_"))
        if case.history_input is not None:
            assert entry["input"] == case.history_input
        if case.activities is None:
            return
        assert (data["terminated"], data.get("error")) == (True, None)
        assert (entry["terminated"], entry.get("error")) == (True, None)
        activities = http.get(f"/v2/instances/{instance_id}/stages/0/history").json()["data"]
        assert [(item["name"], item["input"]) for item in activities] == [
            (name, {name: request}) for name, request in case.activities
        ]
        assert all((item["terminated"], item["attempt"], item.get("error")) == (True, 1, None) for item in activities)
        no_result = ("AddAccountMetadata", "CreditWallet", "CreateTransferInitiation", "DebitWallet")
        for index, item in enumerate(activities):
            has_output = item["name"] not in no_result and index not in case.failed_but_ignored
            assert ("output" in item) == has_output, item


# --------------------------------------------------------------------------------------------- trigger expressions


@dataclass(frozen=True)
class TriggerCase:
    id: str
    source: str
    trigger: dict[str, Any]
    event: dict[str, Any]
    expected: dict[str, Any]
    xfail: str | None = None


TRIGGER_CASES: tuple[TriggerCase, ...] = (
    TriggerCase(
        "TR-F1",
        "triggers/trigger_test.go:24",
        {"filter": "event.a.b.c == 3"},
        {"a": {"b": {"c": 3}}},
        {"filter": {"match": True}, "variables": None},
    ),
    TriggerCase(
        "TR-F2",
        "triggers/trigger_test.go:36",
        {"filter": "event.a.b.c > 3"},
        {"a": {"b": {"c": 3.141592653589793}}},
        {"filter": {"match": True}, "variables": None},
    ),
    TriggerCase(
        "TR-F3",
        "triggers/trigger_test.go:48",
        {"filter": "event.a.b.c < 3.14"},
        {"a": {"b": {"c": 3.14}}},
        {"filter": {"match": False}, "variables": None},
    ),
    TriggerCase(
        "TR-V1",
        "triggers/trigger_test.go:90",
        {"vars": {"psp": "event.metadata.psp"}},
        {"metadata": {"psp": "stripe"}},
        {"filter": None, "variables": {"psp": {"value": "stripe"}}},
    ),
    TriggerCase(
        "TR-V2",
        "triggers/trigger_test.go:104",
        {"vars": {"role": 'link(event, "source_account").role'}},
        {"links": [{"name": "source_account", "uri": "http://127.0.0.1:9/account"}]},
        {"filter": None, "variables": {"role": {"value": "admin"}}},
        xfail="the double does not implement link(): createTrigger refuses it (400), the server fetches the URI",
    ),
    TriggerCase(
        "TR-V3",
        "triggers/trigger_test.go:121",
        {"vars": {"amount": "event.amount"}},
        {"amount": 1200000},
        {"filter": None, "variables": {"amount": {"value": "1200000"}}},
    ),
    TriggerCase(
        "TR-V4",
        "triggers/trigger_test.go:133",
        {"vars": {"test": "event.test"}},
        {"test": True},
        {"filter": None, "variables": {"test": {"value": "true"}}},
    ),
    TriggerCase(
        "TR-V5",
        "triggers/trigger_test.go:145",
        {"vars": {"amount": "event.amount"}},
        {"amount": 1200000},
        {"filter": None, "variables": {"amount": {"value": "1200000"}}},
    ),
    TriggerCase(
        "TR-V6",
        "triggers/trigger_test.go:157",
        {"vars": {"ret": 'event.foo + "-YYY"'}},
        {"foo": "XXX"},
        {"filter": None, "variables": {"ret": {"value": "XXX-YYY"}}},
    ),
)


@pytest.mark.parametrize("case", _params(TRIGGER_CASES))
def test_trigger_expression_case(fake: FakeOrchestration, http: httpx.Client, case: TriggerCase) -> None:
    workflow_id = http.post("/v2/workflows", json={"stages": []}).json()["data"]["id"]
    created = http.post("/v2/triggers", json={"workflowID": workflow_id, "event": "SAVED_PAYMENT", **case.trigger})
    assert created.status_code == 201, created.text
    tested = http.post(f"/v2/triggers/{created.json()['data']['id']}/test", json=case.event)
    assert tested.status_code == 200
    assert tested.json()["data"] == case.expected


# --------------------------------------------------------------------------------------------- counts


def test_the_case_counts() -> None:
    records: tuple[HandlerCase | StageCase | TriggerCase, ...] = (*HANDLER_CASES, *STAGE_CASES, *TRIGGER_CASES)
    assert len({case.id for case in records}) == len(records) == 72  # 71 server cases, M split in two
    expected_to_fail = [case.id for case in records if case.xfail]
    assert len(expected_to_fail) == 20
    assert len(records) - len(expected_to_fail) == 52
