"""Stage configs as the service reads them: schemas, ``${var}`` resolution, run-time validation, activity plans.

The service resolves a raw stage object against a Go struct (``internal/schema/map.go``): string fields are
interpolated, defaults apply to empty values, typed fields are parsed, and errors nest as
``resolving field 'Amount': resolving field 'Amount': unable to parse 'abc' as big int``. Creation runs the
same resolution with no variables; run time adds validator checks (``required`` and exactly-one rules).
The resolved struct, re-encoded as JSON, is the stage history ``input``.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ._gojson import NS, format_duration, format_time, go_type_name, parse_duration, parse_rfc3339, round_micro

__all__ = [
    "STAGE_TYPES",
    "Move",
    "PlannedActivity",
    "StageError",
    "activity_view",
    "attempt_time",
    "attempts_done",
    "delay_duration",
    "history_input",
    "overdraft_script",
    "plan_activities",
    "resolve_stage",
    "validate_stage",
    "workflow_type_name",
]


class StageError(Exception):
    """A resolution or validation failure; ``str()`` is the service's message."""


@dataclass(frozen=True)
class _Field:
    key: str  # JSON key (case-sensitive, as in internal/schema/map.go)
    go: str  # Go field name, used in error messages and validator namespaces
    kind: str  # string, bigint, duration, time, bool, map, struct, embedded
    pointer: bool = False
    default: str = ""
    required: bool = False
    omitempty: bool = False
    sub: _Struct | None = None


@dataclass(frozen=True)
class _Struct:
    name: str
    fields: tuple[_Field, ...]
    one_of: bool = False


_WALLET_REFERENCE = _Struct(
    "WalletReference", (_Field("id", "ID", "string"), _Field("name", "Name", "string")), one_of=True
)
_WALLET = _Struct(
    "WalletSource",
    (
        _Field("", "WalletReference", "embedded", sub=_WALLET_REFERENCE),
        _Field("balance", "Balance", "string", default="main", required=True),
    ),
)
_LEDGER_ACCOUNT = _Struct(
    "LedgerAccountSource",
    (
        _Field("id", "ID", "string", required=True),
        _Field("ledger", "Ledger", "string", default="default", required=True),
        _Field("throughAccount", "ThroughAccount", "string", default="world"),
        _Field("allowOverdraft", "AllowOverdraft", "bool", default="false"),
    ),
)
_PAYMENT_SOURCE = _Struct(
    "PaymentSource",
    (
        _Field("id", "ID", "string", required=True),
        _Field("ledger", "Ledger", "string", omitempty=True),
        _Field("holdingAccount", "HoldingAccount", "string", omitempty=True),
        _Field("throughAccount", "ThroughAccount", "string", default="world"),
        _Field("allowOverdraft", "AllowOverdraft", "bool", default="false"),
    ),
)
_PAYMENT_DESTINATION = _Struct(
    "PaymentDestination",
    (
        _Field("psp", "PSP", "string"),
        _Field("type", "Type", "string", default="TRANSFER"),
        _Field("sourceAccount", "SourceAccount", "string", pointer=True, omitempty=True),
        _Field("metadata", "Metadata", "string", default="formanceAccountID"),
        _Field("waitingValidation", "WaitingValidation", "bool", default="false"),
        _Field("connectorId", "ConnectorID", "string", pointer=True, omitempty=True),
    ),
)
_SOURCE = _Struct(
    "Source",
    (
        _Field("wallet", "Wallet", "struct", pointer=True, omitempty=True, sub=_WALLET),
        _Field("account", "Account", "struct", pointer=True, omitempty=True, sub=_LEDGER_ACCOUNT),
        _Field("payment", "Payment", "struct", pointer=True, omitempty=True, sub=_PAYMENT_SOURCE),
    ),
    one_of=True,
)
_DESTINATION = _Struct(
    "Destination",
    (
        _Field("wallet", "Wallet", "struct", pointer=True, omitempty=True, sub=_WALLET),
        _Field("account", "Account", "struct", pointer=True, omitempty=True, sub=_LEDGER_ACCOUNT),
        _Field("payment", "Payment", "struct", pointer=True, omitempty=True, sub=_PAYMENT_DESTINATION),
    ),
    one_of=True,
)
_MONETARY = _Struct("Monetary", (_Field("amount", "Amount", "bigint"), _Field("asset", "Asset", "string")))
_SEND = _Struct(
    "Send",
    (
        _Field("source", "Source", "struct", sub=_SOURCE),
        _Field("destination", "Destination", "struct", sub=_DESTINATION),
        _Field("amount", "Amount", "struct", pointer=True, omitempty=True, sub=_MONETARY),
        _Field("metadata", "Metadata", "map", omitempty=True),
        _Field("timestamp", "Timestamp", "time", pointer=True),
    ),
)
_DELAY = _Struct(
    "Delay",
    (
        _Field("duration", "Duration", "duration", pointer=True, omitempty=True),
        _Field("until", "Until", "time", pointer=True, omitempty=True),
    ),
    one_of=True,
)
_WAIT_EVENT = _Struct("WaitEvent", (_Field("event", "Event", "string", required=True),))
_ACCOUNT_UPDATE = _Struct(
    "AccountUpdate",
    (
        _Field("id", "ID", "string", required=True),
        _Field("ledger", "Ledger", "string", default="main", required=True),
        _Field("metadata", "Metadata", "map", required=True),
    ),
)
_UPDATE = _Struct(
    "Update",
    (_Field("account", "Account", "struct", pointer=True, omitempty=True, sub=_ACCOUNT_UPDATE),),
    one_of=True,
)
_NOOP = _Struct("NoOp", ())

STAGE_TYPES: dict[str, _Struct] = {
    "send": _SEND,
    "delay": _DELAY,
    "wait_event": _WAIT_EVENT,
    "update": _UPDATE,
    "noop": _NOOP,
}


def workflow_type_name(stage_type: str) -> str:
    """The Temporal workflow type of a stage: ``Run`` + CamelCase (``RunWaitEvent``, ``RunNoop``)."""
    return "Run" + "".join(part[:1].upper() + part[1:] for part in stage_type.split("_"))


# --------------------------------------------------------------------------------------------- resolution

_PLACEHOLDER = re.compile(r"\$\{[^}]+\}")


def _interpolate(text: str, variables: Mapping[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda match: variables.get(match.group(0)[2:-1], ""), text)


# Resolved values: a dict per struct (JSON keys, omitempty already applied), Python scalars for leaves,
# ``_Duration``/``_Time`` wrappers so history rendering can format them the Go way.


@dataclass(frozen=True)
class _Duration:
    ns: int


@dataclass(frozen=True)
class _Time:
    ns: int


_ZERO_TIME = _Time(-62135596800 * 1_000_000_000)  # Go's zero time.Time, 0001-01-01T00:00:00Z


def _resolve_scalar(field_: _Field, raw: Any, variables: Mapping[str, str]) -> Any:
    """One of mapObjectField's leaf cases; returns ``None`` when Go leaves the field unset."""
    kind = field_.kind
    if kind == "string":
        if isinstance(raw, str):
            return _interpolate(raw, variables) or field_.default
        if raw is None:
            return field_.default
        raise StageError(f"expected string but was {go_type_name(raw)}")
    if kind == "bigint":
        if isinstance(raw, str):
            text = _interpolate(raw, variables) or field_.default
            if not text:
                return None
            if not re.fullmatch(r"[+-]?\d+", text):
                raise StageError(f"unable to parse '{text}' as big int")
            return int(text)
        if isinstance(raw, float):
            # float64 -> int64 conversion truncates toward zero.
            return int(raw) if abs(raw) < 2**63 else -(2**63)
        if raw is None:
            return int(field_.default) if field_.default else None
        raise StageError(f"expected big int or interpolated string but was {go_type_name(raw)}")
    if kind == "duration":
        if isinstance(raw, str):
            text = _interpolate(raw, variables) or field_.default
            if not text:
                return _Duration(0) if field_.pointer else None
            try:
                return _Duration(parse_duration(text))
            except ValueError:
                raise StageError("unable to resolve field 'Duration' to duration value") from None
        if raw is None:
            return None
        raise StageError(f"expected uint or interpolated string but was {go_type_name(raw)}")
    if kind == "time":
        if isinstance(raw, str):
            text = _interpolate(raw, variables) or field_.default
            if not text:
                return _ZERO_TIME
            parsed = parse_rfc3339(text)
            if parsed is None:
                raise StageError("expected date as rfc3339 format")
            return _Time(round_micro(parsed))
        if raw is None:
            return None
        raise StageError(f"expected string but was {go_type_name(raw)}")
    if kind == "bool":
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) or raw is None:
            text = (_interpolate(raw, variables) if isinstance(raw, str) else field_.default).lower()
            if text not in ("true", "false"):
                raise StageError("unable to resolve field 'bool' to bool value")
            return text == "true"
        raise StageError(f"expected uint or interpolated string but was {go_type_name(raw)}")
    raise AssertionError(kind)


def _resolve_field(field_: _Field, raw: Any, variables: Mapping[str, str]) -> Any:
    if field_.kind == "map":
        if raw is None:
            return None
        if not isinstance(raw, Mapping):
            raise StageError(f"expecting map, got type: {go_type_name(raw)}")
        plain = _Field("", "", "string")
        return {key: _resolve_scalar(plain, raw[key], variables) for key in sorted(raw)}
    if field_.kind == "struct":
        if field_.pointer and raw is None:
            return None
        if not isinstance(raw, Mapping):
            raise StageError(f"expected map but was {go_type_name(raw)}")
        assert field_.sub is not None
        return _resolve_struct(field_.sub, raw, variables)
    if field_.pointer and raw is None:
        return None
    return _resolve_scalar(field_, raw, variables)


def _resolve_struct(struct: _Struct, raw: Mapping[str, Any] | None, variables: Mapping[str, str]) -> dict[str, Any]:
    resolved: dict[str, Any] = {}
    for field_ in struct.fields:
        if field_.kind == "embedded":
            assert field_.sub is not None
            resolved.update(_resolve_struct(field_.sub, raw, variables))
            continue
        value = raw.get(field_.key) if raw is not None else None
        try:
            resolved[field_.key] = _resolve_field(field_, value, variables)
        except StageError as exc:
            raise StageError(f"resolving field '{field_.go}': {exc}") from None
    return resolved


def resolve_stage(stage_type: str, raw: Mapping[str, Any] | None, variables: Mapping[str, str]) -> dict[str, Any]:
    """Resolve a raw stage value (``None`` for ``{"delay": null}``) into its struct view.

    Raises :class:`StageError` (``unable to resolve schema <type>`` for an unknown type).
    """
    struct = STAGE_TYPES.get(stage_type)
    if struct is None:
        raise StageError(f"unable to resolve schema {stage_type}")
    return _resolve_struct(struct, raw, variables)


# --------------------------------------------------------------------------------------------- validation


def _is_zero(value: Any) -> bool:
    return value is None or value == "" or value is False


def _validate(struct: _Struct, value: Mapping[str, Any], namespace: str, errors: list[str]) -> None:
    # go-playground/validator walks the fields first, then runs the struct-level (one-of) check.
    for field_ in struct.fields:
        if field_.kind == "embedded":
            assert field_.sub is not None
            _validate(field_.sub, value, f"{namespace}.{field_.go}", errors)
            continue
        item = value.get(field_.key)
        if field_.required and (item is None or item == ""):
            errors.append(
                f"Key: '{namespace}.{field_.go}' Error:Field validation for '{field_.go}' failed on the 'required' tag"
            )
        if field_.kind == "struct" and isinstance(item, Mapping):
            assert field_.sub is not None
            _validate(field_.sub, item, f"{namespace}.{field_.go}", errors)
    if struct.one_of:
        keys = [f.key or f.go for f in struct.fields]
        defined = sum(0 if _is_zero(value.get(key)) else 1 for key in keys)
        if defined != 1:
            tag = " or ".join(keys)
            errors.extend(
                f"Key: '{namespace}.{key}' Error:Field validation for '{key}' failed on the '{tag}' tag" for key in keys
            )


def validate_stage(stage_type: str, resolved: Mapping[str, Any]) -> str | None:
    """The run-time validator message for a resolved stage, or ``None`` when it is valid."""
    struct = STAGE_TYPES[stage_type]
    errors: list[str] = []
    _validate(struct, resolved, struct.name, errors)
    return "\n".join(errors) or None


# --------------------------------------------------------------------------------------------- history view


def _history_value(value: Any) -> Any:
    if isinstance(value, _Duration):
        return format_duration(value.ns)
    if isinstance(value, _Time):
        return format_time(value.ns)
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        # Temporal payloads are decoded into map[string]any by the history reader: numbers become float64.
        return float(value)
    if isinstance(value, Mapping):
        return {key: _history_value(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_history_value(item) for item in value]
    return value


def _apply_omitempty(struct: _Struct, value: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field_ in struct.fields:
        if field_.kind == "embedded":
            assert field_.sub is not None
            out.update(_apply_omitempty(field_.sub, value))
            continue
        item = value.get(field_.key)
        if field_.kind == "struct" and isinstance(item, Mapping):
            assert field_.sub is not None
            item = _apply_omitempty(field_.sub, item)
        # A pointer is allocated before its string is resolved (schema/map.go): "" stays, only an absent one goes.
        empty = item is None or (item == "" and not field_.pointer) or (field_.kind == "map" and not item)
        if field_.omitempty and empty:
            continue
        out[field_.key] = item
    return out


def history_input(stage_type: str, resolved: Mapping[str, Any]) -> dict[str, Any]:
    """The stage history ``input``: the resolved struct as JSON, map keys sorted, numbers as float64."""
    return dict(_history_value(_apply_omitempty(STAGE_TYPES[stage_type], resolved)))


def delay_duration(resolved: Mapping[str, Any], now_ns: int) -> int:
    """Nanoseconds a resolved delay sleeps (``until`` measured from ``now_ns``); may be negative."""
    duration = resolved.get("duration")
    if isinstance(duration, _Duration):
        return duration.ns
    until = resolved.get("until")
    assert isinstance(until, _Time)
    return until.ns - now_ns


# --------------------------------------------------------------------------------------------- activities

INTERNAL_LEDGER = "orchestration-000-internal"
WALLETS_LEDGER = "wallets-002"  # the wallets service's default ledger; the fake's wallets all live there
# Wallets found by name get a stable UUID, as real wallet ids are UUIDs (V2Wallet.id, format uuid).
_WALLET_NAMES = uuid.UUID("5f0c6a52-2d57-4c1e-9d0e-4f6f72636865")


@dataclass
class PlannedActivity:
    """One activity a send/update stage schedules: name, request (input) and plausible response (output)."""

    name: str
    input: dict[str, Any]
    output: dict[str, Any] | None = None
    writes: bool = True  # the activity that a stage-failure hook targets by default is the first write
    move: Move | None = None  # what a CreateTransaction moves, for the fake ledger's balances


@dataclass(frozen=True)
class Move:
    """One ledger movement: ``amount`` of ``asset`` from ``source`` to ``destination`` on ``ledger``.

    ``overdraft``: the source may go below zero (a Numscript ``allowing unbounded overdraft`` program).
    """

    ledger: str
    source: str
    destination: str
    asset: str
    amount: int
    overdraft: bool


def overdraft_script(source: str, destination: str, asset: str, amount: Any) -> str:
    """The Numscript the send stage posts when a source may overdraw (send/run.go:30-35)."""
    return f"send [{asset} {amount}] (\n  source = @{source} allowing unbounded overdraft\n  destination = @{destination}\n)"


@dataclass
class _Planner:
    timestamp: str | None
    metadata: dict[str, str]
    now: str
    activities: list[PlannedActivity] = field(default_factory=list)

    def transaction(
        self,
        ledger: str,
        source: str,
        destination: str,
        amount: Any,
        asset: str,
        extra: dict[str, str],
        *,
        overdraft: bool = False,
        reference: str | None = None,
    ) -> None:
        metadata = {**self.metadata, **extra}
        data: dict[str, Any] = {}
        if metadata:
            data["metadata"] = metadata
        posting = {"amount": amount, "asset": asset, "destination": destination, "source": source}
        if overdraft:
            data["script"] = {"plain": overdraft_script(source, destination, asset, amount)}
        else:
            data["postings"] = [posting]
        if reference is not None:
            data["reference"] = reference
        if self.timestamp is not None:
            data["timestamp"] = self.timestamp
        tx = {
            "id": 0,  # numbered by the engine, which sees every transaction
            "insertedAt": self.now,
            "metadata": metadata,
            "postings": [posting],
            "reverted": False,
            "timestamp": self.timestamp or self.now,
        }
        move = Move(ledger, source, destination, asset, int(amount or 0), overdraft)
        self.activities.append(
            PlannedActivity("CreateTransaction", {"Data": data, "Ledger": ledger}, {"data": tx}, move=move),
        )

    def wallet(self, reference: Mapping[str, Any], metadata_key: str = "formanceAccountID") -> dict[str, Any]:
        wallet_id = reference.get("id") or str(uuid.uuid5(_WALLET_NAMES, str(reference.get("name", ""))))
        wallet = {
            "createdAt": self.now,
            "id": wallet_id,
            "ledger": WALLETS_LEDGER,
            "metadata": {metadata_key: f"{wallet_id}-psp-account"},
            "name": reference.get("name") or wallet_id,
        }
        output: dict[str, Any]
        if reference.get("id"):
            output = {"data": {**wallet, "balances": {"main": {"assets": {}}}}}
            self.activities.append(PlannedActivity("GetWallet", {"id": wallet_id}, output, writes=False))
        else:
            output = {"cursor": {"data": [wallet], "hasMore": False, "pageSize": 15}}
            self.activities.append(
                PlannedActivity("ListWallets", {"name": reference.get("name", "")}, output, writes=False)
            )
        return wallet

    def credit(
        self, wallet_id: str, amount: Mapping[str, Any], balance: str, source: dict[str, Any], extra: dict[str, str]
    ) -> None:
        data = {"amount": dict(amount), "balance": balance, "sources": [source]}
        metadata = {**self.metadata, **extra}
        data["metadata"] = metadata
        if self.timestamp is not None:
            data["timestamp"] = self.timestamp
        self.activities.append(PlannedActivity("CreditWallet", {"data": data, "id": wallet_id}))

    def debit(
        self,
        wallet_id: str,
        amount: Mapping[str, Any],
        balance: str,
        extra: dict[str, str],
        destination: dict[str, Any] | None = None,
    ) -> None:
        data: dict[str, Any] = {"amount": dict(amount), "balances": [balance], "metadata": {**self.metadata, **extra}}
        if destination is not None:
            data["destination"] = destination
        if self.timestamp is not None:
            data["timestamp"] = self.timestamp
        # A debit without a hold is a 204 from the wallets service: no output, like CreditWallet.
        self.activities.append(PlannedActivity("DebitWallet", {"data": data, "id": wallet_id}))

    def transfer(self, destination: Mapping[str, Any], amount: Mapping[str, Any], account_id: str) -> None:
        request: dict[str, Any] = {
            "amount": amount.get("amount"),
            "asset": amount.get("asset", ""),
            "destination": account_id,
            "metadata": dict(self.metadata),
            "provider": destination.get("psp", ""),
            "type": destination.get("type", "TRANSFER"),
            "waitingValidation": bool(destination.get("waitingValidation")),
        }
        if destination.get("sourceAccount") is not None:
            request["source"] = destination["sourceAccount"]
        if destination.get("connectorId") is not None:
            request["connectorID"] = destination["connectorId"]
        self.activities.append(PlannedActivity("CreateTransferInitiation", request))


def _account_to_account(
    plan: _Planner, source: Mapping[str, Any], dest: Mapping[str, Any], amount: Mapping[str, Any]
) -> None:
    value, asset = amount.get("amount"), amount.get("asset", "")
    if source["ledger"] == dest["ledger"]:
        # On one ledger the send posts plain postings, allowOverdraft or not (run.go:509-520).
        plan.transaction(dest["ledger"], source["id"], dest["id"], value, asset, {})
        return
    plan.transaction(
        source["ledger"],
        source["id"],
        source.get("throughAccount") or "world",
        value,
        asset,
        {"orchestration/move-to-ledger": dest["ledger"]},
        overdraft=bool(source.get("allowOverdraft")),
    )
    through = dest.get("throughAccount") or "world"
    plan.transaction(
        dest["ledger"],
        through,
        dest["id"],
        value,
        asset,
        {"orchestration/move-from-ledger": source["ledger"]},
        overdraft=bool(dest.get("allowOverdraft")) and through != "world",
    )


def _account_to_wallet(
    plan: _Planner, source: Mapping[str, Any], dest: Mapping[str, Any], amount: Mapping[str, Any]
) -> None:
    wallet = plan.wallet(dest)
    account_subject = {"identifier": source["id"], "type": "ACCOUNT"}
    if wallet["ledger"] == source["ledger"]:
        plan.credit(wallet["id"], amount, dest["balance"], account_subject, {})
        return
    through = source.get("throughAccount") or "world"
    plan.transaction(
        source["ledger"],
        source["id"],
        through,
        amount.get("amount"),
        amount.get("asset", ""),
        {"orchestration/move-to-ledger": wallet["ledger"]},
        overdraft=bool(source.get("allowOverdraft")),
    )
    plan.credit(
        wallet["id"],
        amount,
        dest["balance"],
        {"identifier": through, "type": "ACCOUNT"},
        {"orchestration/move-from-ledger": source["ledger"]},
    )


def _holding_account(source: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": source.get("holdingAccount") or "payment:" + str(source["id"]).replace("-", "_"),
        "ledger": source.get("ledger") or INTERNAL_LEDGER,
        "throughAccount": "world",
    }


def _save_payment(plan: _Planner, source: Mapping[str, Any], amount: Mapping[str, Any] | None) -> dict[str, Any]:
    payment = {
        "adjustments": [],
        "asset": (amount or {}).get("asset") or "EUR/2",
        "connectorID": "fake-connector",
        "createdAt": plan.now,
        "destinationAccountID": "",
        "id": source["id"],
        "initialAmount": (amount or {}).get("amount") or 100,
        "metadata": {},
        "raw": None,
        "reference": str(source["id"]),
        "scheme": "other",
        "sourceAccountID": "",
        "status": "SUCCEEDED",
        "type": "PAY-IN",
    }
    plan.activities.append(PlannedActivity("GetPayment", {"id": source["id"]}, {"data": payment}, writes=False))
    holding = _holding_account(source)
    through = source.get("throughAccount") or "world"
    plan.transaction(
        holding["ledger"],
        through,
        holding["id"],
        payment["initialAmount"],
        payment["asset"],
        {},
        overdraft=bool(source.get("allowOverdraft")) and through != "world",
        reference=holding["id"],
    )
    return {"amount": payment["initialAmount"], "asset": payment["asset"]}


def plan_activities(
    stage_type: str, resolved: Mapping[str, Any], now_ns: int
) -> tuple[list[PlannedActivity], str | None]:
    """The activities a ``send``/``update`` stage schedules, and the stage error when it fails without one.

    Follows ``internal/workflow/stages/send/run.go`` for the order and names; the downstream services are
    simulated (wallets live on ``wallets-002``, payments have an initial amount of 100 unless ``amount``
    says otherwise), so inputs are exact in shape and outputs merely plausible.
    """
    now = format_time(now_ns, micro=True)
    if stage_type == "update":
        account = resolved["account"]
        request = {"account": account["id"], "ledger": account["ledger"], "metadata": account["metadata"]}
        return [PlannedActivity("AddAccountMetadata", request)], None
    timestamp = resolved.get("timestamp")
    plan = _Planner(
        timestamp=format_time(timestamp.ns) if isinstance(timestamp, _Time) else None,
        metadata=dict(resolved.get("metadata") or {}),
        now=now,
    )
    source, dest, amount = resolved["source"], resolved["destination"], resolved.get("amount")
    if source.get("payment") is not None and dest.get("payment") is not None:
        return [], "send from payment to payment is not supported"
    if source.get("payment") is not None:
        paid = _save_payment(plan, source["payment"], amount)
        holding = _holding_account(source["payment"])
        if dest.get("account") is not None:
            _account_to_account(plan, holding, dest["account"], amount or paid)
        else:
            _account_to_wallet(plan, holding, dest["wallet"], amount or paid)
        return plan.activities, None
    if amount is None:
        return [], "amount must be specified"
    if source.get("account") is not None:
        account = source["account"]
        if dest.get("account") is not None:
            _account_to_account(plan, account, dest["account"], amount)
        elif dest.get("wallet") is not None:
            _account_to_wallet(plan, account, dest["wallet"], amount)
        else:
            payment = dest["payment"]
            output = {"data": {"address": account["id"], "metadata": {payment["metadata"]: f"{account['id']}-psp"}}}
            plan.activities.append(
                PlannedActivity("GetAccount", {"id": account["id"], "ledger": account["ledger"]}, output, writes=False)
            )
            plan.transaction(
                account["ledger"],
                account["id"],
                account.get("throughAccount") or "world",
                amount.get("amount"),
                amount.get("asset", ""),
                {},
                overdraft=bool(account.get("allowOverdraft")),
            )
            plan.transfer(payment, amount, f"{account['id']}-psp")
        return plan.activities, None
    wallet_source = source["wallet"]
    wallet = plan.wallet(wallet_source, (dest.get("payment") or {}).get("metadata", "formanceAccountID"))
    if dest.get("wallet") is not None:
        target = plan.wallet(dest["wallet"])
        subject = {"balance": "main", "identifier": wallet["id"], "type": "WALLET"}
        plan.credit(target["id"], amount, dest["wallet"]["balance"], subject, {})
    elif dest.get("account") is not None:
        account = dest["account"]
        if account["ledger"] == wallet["ledger"]:
            subject = {"identifier": account["id"], "type": "ACCOUNT"}
            plan.debit(wallet["id"], amount, wallet_source["balance"], {}, subject)
            if resolved.get("metadata") is None:
                # This path gets the send's metadata unnormalised (run.go:102): null, where others send {}.
                plan.activities[-1].input["data"]["metadata"] = None
        else:
            plan.debit(
                wallet["id"], amount, wallet_source["balance"], {"orchestration/move-to-ledger": account["ledger"]}
            )
            through = account.get("throughAccount") or "world"
            plan.transaction(
                account["ledger"],
                through,
                account["id"],
                amount.get("amount"),
                amount.get("asset", ""),
                {"orchestration/move-from-ledger": wallet["ledger"]},
                overdraft=bool(account.get("allowOverdraft")) and through != "world",
            )
    else:
        payment = dest["payment"]
        plan.debit(wallet["id"], amount, wallet_source["balance"], {})
        plan.transfer(payment, amount, wallet["metadata"][payment["metadata"]])
    return plan.activities, None


def activity_view(value: Any) -> Any:
    """An activity request/response as the history reader shows it: sorted keys, numbers as float64."""
    return _history_value(value)


# Activities are retried with Temporal's default policy: backoff 1 s, doubled, capped at 100 s.
_MAX_BACKOFF = 100 * NS


def attempt_time(first: int, attempt: int) -> int:
    """When attempt ``attempt`` (1-based) of a retried activity runs: backoff 1 s x2, capped at 100 s."""
    when, interval = first, NS
    for _ in range(attempt - 1):
        when += interval
        interval = min(interval * 2, _MAX_BACKOFF)
    return when


def attempts_done(first: int, now: int) -> int:
    """How many attempts have run (and failed) by ``now``."""
    count, when, interval = 1, first, NS
    while when + interval <= now:
        when += interval
        interval = min(interval * 2, _MAX_BACKOFF)
        count += 1
    return count
