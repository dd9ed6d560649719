"""The floor of pure-Python decoding: the fewest steps that build the same objects from the parsed JSON.

Hand-written for the three 1,000-item bodies of the decode figure: one slotted object per JSON object the SDK's
models make, every timestamp through one ``datetime.fromisoformat`` call (no nanoseconds kept), nested objects
built at once, and no check of any kind (a wrong type or a missing key gives a wrong object or a ``KeyError``).
No client could ship this; it shows how close to ``json.loads`` any decoder building these objects in Python
can get on this interpreter, so a decoding target below it can be judged.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

__all__ = ["FLOORS"]

_new = object.__new__
_at = datetime.fromisoformat


class _StageStatus:
    __slots__ = ("error", "instance_id", "stage", "started_at", "terminated_at")
    error: Any
    instance_id: Any
    stage: Any
    started_at: Any
    terminated_at: Any


class _Instance:
    __slots__ = (
        "created_at",
        "error",
        "id",
        "status",
        "terminated",
        "terminated_at",
        "updated_at",
        "workflow",
        "workflow_id",
    )
    created_at: Any
    error: Any
    id: Any
    status: Any
    terminated: Any
    terminated_at: Any
    updated_at: Any
    workflow: Any
    workflow_id: Any


class _Account:
    __slots__ = ("id", "ledger")
    id: Any
    ledger: Any


class _Monetary:
    __slots__ = ("amount", "asset")
    amount: Any
    asset: Any


class _Party:
    __slots__ = ("account", "payment", "wallet")
    account: Any
    payment: Any
    wallet: Any


class _Send:
    __slots__ = ("amount", "destination", "metadata", "source", "timestamp")
    amount: Any
    destination: Any
    metadata: Any
    source: Any
    timestamp: Any


class _HistoryEntry:
    __slots__ = ("error", "input", "name", "started_at", "terminated", "terminated_at")
    error: Any
    input: Any
    name: Any
    started_at: Any
    terminated: Any
    terminated_at: Any


class _ActivityInput:
    __slots__ = (
        "add_account_metadata",
        "confirm_hold",
        "create_transaction",
        "create_transfer_initiation",
        "credit_wallet",
        "debit_wallet",
        "get_account",
        "get_payment",
        "get_wallet",
        "list_wallets",
        "stripe_transfer",
        "void_hold",
    )
    add_account_metadata: Any
    confirm_hold: Any
    create_transaction: Any
    create_transfer_initiation: Any
    credit_wallet: Any
    debit_wallet: Any
    get_account: Any
    get_payment: Any
    get_wallet: Any
    list_wallets: Any
    stripe_transfer: Any
    void_hold: Any


class _StageHistoryEntry:
    __slots__ = (
        "attempt",
        "error",
        "input",
        "last_failure",
        "name",
        "next_execution",
        "output",
        "started_at",
        "terminated",
        "terminated_at",
    )
    attempt: Any
    error: Any
    input: Any
    last_failure: Any
    name: Any
    next_execution: Any
    output: Any
    started_at: Any
    terminated: Any
    terminated_at: Any


def _optional_at(value: str | None) -> datetime | None:
    return None if value is None else _at(value)


def _status(data: dict[str, Any]) -> _StageStatus:
    obj = _new(_StageStatus)
    obj.stage = data["stage"]
    obj.instance_id = data["instanceID"]
    obj.started_at = _at(data["startedAt"])
    obj.terminated_at = _optional_at(data.get("terminatedAt"))
    obj.error = data.get("error")
    return obj


def _instance(data: dict[str, Any]) -> _Instance:
    obj = _new(_Instance)
    obj.workflow_id = data["workflowID"]
    obj.id = data["id"]
    obj.created_at = _at(data["createdAt"])
    obj.updated_at = _at(data["updatedAt"])
    obj.terminated = data["terminated"]
    status = data.get("status")
    obj.status = None if status is None else [_status(s) for s in status]
    obj.terminated_at = _optional_at(data.get("terminatedAt"))
    obj.error = data.get("error")
    obj.workflow = None
    return obj


def _account(data: dict[str, Any]) -> _Account:
    obj = _new(_Account)
    obj.id = data.get("id")
    obj.ledger = data.get("ledger")
    return obj


def _party(data: dict[str, Any]) -> _Party:
    obj = _new(_Party)
    account = data.get("account")
    obj.account = None if account is None else _account(account)
    obj.payment = None
    obj.wallet = None
    return obj


def _send(data: dict[str, Any]) -> _Send:
    obj = _new(_Send)
    amount = data["amount"]
    money = _new(_Monetary)
    money.amount = amount["amount"]
    money.asset = amount["asset"]
    obj.amount = money
    obj.destination = _party(data["destination"])
    obj.source = _party(data["source"])
    obj.metadata = data.get("metadata")
    obj.timestamp = _optional_at(data.get("timestamp"))
    return obj


def _history_entry(data: dict[str, Any]) -> _HistoryEntry:
    obj = _new(_HistoryEntry)
    obj.name = data["name"]
    obj.input = _send(data["input"])
    obj.terminated = data["terminated"]
    obj.started_at = _at(data["startedAt"])
    obj.error = data.get("error")
    obj.terminated_at = _optional_at(data.get("terminatedAt"))
    return obj


def _activity_input(data: dict[str, Any]) -> _ActivityInput:
    obj = _new(_ActivityInput)
    get_account = data.get("GetAccount")
    obj.get_account = None if get_account is None else _account(get_account)
    obj.add_account_metadata = data.get("AddAccountMetadata")
    obj.create_transaction = data.get("CreateTransaction")
    obj.stripe_transfer = data.get("StripeTransfer")
    obj.create_transfer_initiation = data.get("CreateTransferInitiation")
    obj.get_payment = data.get("GetPayment")
    obj.confirm_hold = data.get("ConfirmHold")
    obj.credit_wallet = data.get("CreditWallet")
    obj.debit_wallet = data.get("DebitWallet")
    obj.get_wallet = data.get("GetWallet")
    obj.void_hold = data.get("VoidHold")
    obj.list_wallets = data.get("ListWallets")
    return obj


def _stage_history_entry(data: dict[str, Any]) -> _StageHistoryEntry:
    obj = _new(_StageHistoryEntry)
    obj.name = data["name"]
    obj.input = _activity_input(data["input"])
    obj.terminated = data["terminated"]
    obj.started_at = _at(data["startedAt"])
    obj.attempt = data["attempt"]
    obj.output = data.get("output")
    obj.error = data.get("error")
    obj.terminated_at = _optional_at(data.get("terminatedAt"))
    obj.last_failure = data.get("lastFailure")
    obj.next_execution = _optional_at(data.get("nextExecution"))
    return obj


FLOORS: dict[str, Callable[[Any], list[Any]]] = {
    "list_instances": lambda body: [_instance(item) for item in body["cursor"]["data"]],
    "get_instance_history": lambda body: [_history_entry(item) for item in body["data"]],
    "get_instance_stage_history": lambda body: [_stage_history_entry(item) for item in body["data"]],
}
"""Operation -> the floor decoder of its parsed body."""
