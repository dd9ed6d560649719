"""Typed builders for workflow stages, checked when built instead of failing at run time on the server.

Each builder renders the exact JSON the server expects inside ``stages``::

    from formance_orchestration import stages as s

    await client.v2.create_workflow(
        name="payout",
        stages=[
            s.Send(
                source=s.Account("users:${userID}", ledger="main"),
                destination=s.PaymentDestination(psp="stripe", type="PAYOUT"),
                amount=s.Amount("${amount}", "EUR/2"),
            ),
            s.WaitEvent("confirmed"),
            s.Delay(duration="1h"),
        ],
    )

Builders and plain mappings mix freely in ``stages``. Every string field may hold ``${variable}`` placeholders;
the server fills them from ``run_workflow(variables=...)`` at run time. :func:`parse_stage` reads a stage's JSON
back into a builder, and :func:`load_workflow_config` reads a YAML or JSON workflow file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import datetime, timedelta
from os import PathLike
from pathlib import Path
from typing import Any, TypeAlias

import attrs

from . import models
from ._codec.converter import structure
from ._codec.primitives import dump_datetime
from ._exceptions import APIResponseValidationError

__all__ = [
    "Account",
    "Amount",
    "Delay",
    "Destination",
    "Noop",
    "PaymentDestination",
    "PaymentSource",
    "Send",
    "Source",
    "Stage",
    "Update",
    "UpdateAccount",
    "WaitEvent",
    "Wallet",
    "load_workflow_config",
    "parse_stage",
]

_PLACEHOLDER = re.compile(r"\$\{[^}]+\}")
# ASCII digits only: Go's parsers refuse other scripts' digits, which Python's \d and str.isdigit() accept.
_DIGITS = re.compile(r"[0-9]+")
# Go's time.ParseDuration units (no days); the grammar is [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+ or a bare 0.
_DURATION_PART = re.compile(r"([0-9]*)(?:\.([0-9]*))?([^0-9.]*)")
_DURATION_UNITS = {
    "ns": 1,
    "us": 10**3,
    "\u00b5s": 10**3,  # micro sign
    "\u03bcs": 10**3,  # Greek mu
    "ms": 10**6,
    "s": 10**9,
    "m": 60 * 10**9,
    "h": 3600 * 10**9,
}
_RFC3339 = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})"
)


def _has_placeholder(value: str) -> bool:
    return _PLACEHOLDER.search(value) is not None


def _go_duration_ns(text: str) -> int | None:
    """What Go's ``time.ParseDuration`` gives for ``text``, in nanoseconds, or ``None`` where Go refuses it."""
    body = text[1:] if text[:1] in ("-", "+") else text
    if body == "0":
        return 0
    if not body:
        return None
    limit = 1 << 63
    total, pos = 0, 0
    while pos < len(body):
        part = _DURATION_PART.match(body, pos)
        assert part is not None  # every group is optional
        whole, fraction, unit = part.groups()
        if (not whole and not fraction) or unit not in _DURATION_UNITS:
            return None
        scale = _DURATION_UNITS[unit]
        whole = whole.lstrip("0")
        if len(whole) > 19 or int(whole or "0") > limit // scale:
            return None
        value = int(whole or "0") * scale
        x, divisor = 0, 1.0  # Go keeps the fraction's leading digits while they fit in 63 bits, as a float
        for digit in fraction or "":
            if x > (limit - 1) // 10 or x * 10 + int(digit) > limit:
                break
            x, divisor = x * 10 + int(digit), divisor * 10
        if x:
            value += int(float(x) * (float(scale) / divisor))
            if value > limit:
                return None
        total += value
        if total > limit:
            return None
        pos = part.end()
    if text[:1] == "-":
        return -total
    return total if total < limit else None


def _rfc3339(owner: str, name: str, value: object) -> None:
    """Refuse what the server refuses when it creates the workflow: a date that is not RFC 3339 (``Z`` or offset)."""
    if isinstance(value, datetime):
        dump_datetime(value)  # refuses naive datetimes now rather than at send time
        return
    if not isinstance(value, str):
        raise ValueError(f"{owner}.{name} must be a datetime or an RFC 3339 string, got {value!r}")
    if _has_placeholder(value):
        return
    match = _RFC3339.fullmatch(value)
    valid = match is not None
    if match is not None:
        year, month, day, hour, minute, second = (int(match.group(i)) for i in range(1, 7))
        try:
            datetime(year, month, day, hour, minute, second)
        except ValueError:
            valid = False
        zone = match.group(8)
        if zone != "Z" and (int(zone[1:3]) > 23 or int(zone[4:6]) > 59):
            valid = False
    if not valid:
        raise ValueError(
            f"{owner}.{name} must be an RFC 3339 date-time such as '2030-01-02T03:04:05Z' or a ${{variable}}, "
            f"got {value!r}"
        )


def _flag(owner: str, name: str, value: object) -> None:
    if value is not None and not isinstance(value, bool):
        raise ValueError(f"{owner}.{name} must be a bool, got {value!r}")


def _int_text(value: int) -> str:
    # str() refuses ints longer than sys.get_int_max_str_digits() (4300 digits by default); amounts have no limit.
    try:
        return str(value)
    except ValueError:
        high, low = divmod(value, 10**4000)
        return _int_text(high) + str(low).zfill(4000)


def _text(owner: str, name: str, value: object, *, required: bool = True) -> None:
    if value is None and not required:
        return
    if not isinstance(value, str) or not value:
        raise ValueError(f"{owner}.{name} must be a non-empty string, got {value!r}")


def _drop_none(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value is not None}


def _metadata(value: Mapping[str, str] | None) -> dict[str, str] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ValueError(f"metadata must map strings to strings, got {value!r}")
    return dict(value)


@attrs.frozen
class Amount:
    """An amount in minor units of an asset: ``Amount(100, "EUR/2")`` is EUR 1.00.

    ``amount`` is an integer (sent as a decimal string, so any size stays exact) or a string that is either
    digits or holds a ``${variable}``.
    """

    amount: int | str
    asset: str

    def __attrs_post_init__(self) -> None:
        amount = self.amount
        if isinstance(amount, bool) or not isinstance(amount, (int, str)):
            raise ValueError(f"Amount.amount must be an int or a string, got {amount!r}")
        if isinstance(amount, int) and amount < 0:
            raise ValueError(f"Amount.amount must not be negative, got {amount}")
        if isinstance(amount, str) and not (_DIGITS.fullmatch(amount) or _has_placeholder(amount)):
            raise ValueError(f"Amount.amount must be digits or a ${{variable}}, got {amount!r}")
        _text("Amount", "asset", self.asset)

    def to_json(self) -> dict[str, Any]:
        """``{"amount": "<digits>", "asset": ...}``."""
        amount = self.amount
        return {"amount": _int_text(amount) if isinstance(amount, int) else amount, "asset": self.asset}


@attrs.frozen
class Account:
    """A ledger account, as source or destination of a :class:`Send`.

    Attributes:
        id: The account address, e.g. ``users:${userID}``.
        ledger: The ledger (the server's default is ``default``).
        through_account: Account used when this one exchanges with payments or another ledger (default
            ``world``).
        allow_overdraft: Let ``through_account`` go negative (needed for a liability account).
    """

    id: str
    ledger: str | None = attrs.field(default=None, kw_only=True)
    through_account: str | None = attrs.field(default=None, kw_only=True)
    allow_overdraft: bool | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _text("Account", "id", self.id)
        _text("Account", "ledger", self.ledger, required=False)
        _text("Account", "through_account", self.through_account, required=False)
        _flag("Account", "allow_overdraft", self.allow_overdraft)

    def to_json(self) -> dict[str, Any]:
        """``{"account": {...}}``."""
        return {
            "account": _drop_none(
                {
                    "id": self.id,
                    "ledger": self.ledger,
                    "throughAccount": self.through_account,
                    "allowOverdraft": self.allow_overdraft,
                }
            )
        }


@attrs.frozen(kw_only=True)
class Wallet:
    """A wallet, chosen by exactly one of ``id`` or ``name``, with an optional balance (default ``main``)."""

    id: str | None = None
    name: str | None = None
    balance: str | None = None

    def __attrs_post_init__(self) -> None:
        if (self.id is None) == (self.name is None):
            raise ValueError("Wallet needs exactly one of id or name")
        _text("Wallet", "id", self.id, required=False)
        _text("Wallet", "name", self.name, required=False)
        _text("Wallet", "balance", self.balance, required=False)

    def to_json(self) -> dict[str, Any]:
        """``{"wallet": {...}}``."""
        return {"wallet": _drop_none({"id": self.id, "name": self.name, "balance": self.balance})}


@attrs.frozen
class PaymentSource:
    """A payment whose funds are the source of a :class:`Send` (pay-in); ``amount`` may then be omitted.

    Attributes:
        id: The payment id.
        ledger: Ledger used to ingest the payment.
        holding_account: Account holding the funds (default ``payment:<id>``).
        through_account: Source account of the ingestion (default ``world``).
        allow_overdraft: Let ``through_account`` go negative.
    """

    id: str
    ledger: str | None = attrs.field(default=None, kw_only=True)
    holding_account: str | None = attrs.field(default=None, kw_only=True)
    through_account: str | None = attrs.field(default=None, kw_only=True)
    allow_overdraft: bool | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _text("PaymentSource", "id", self.id)
        for name in ("ledger", "holding_account", "through_account"):
            _text("PaymentSource", name, getattr(self, name), required=False)
        _flag("PaymentSource", "allow_overdraft", self.allow_overdraft)

    def to_json(self) -> dict[str, Any]:
        """``{"payment": {...}}``."""
        return {
            "payment": _drop_none(
                {
                    "id": self.id,
                    "ledger": self.ledger,
                    "holdingAccount": self.holding_account,
                    "throughAccount": self.through_account,
                    "allowOverdraft": self.allow_overdraft,
                }
            )
        }


@attrs.frozen(kw_only=True)
class PaymentDestination:
    """A payment service provider as the destination of a :class:`Send` (payout or transfer).

    Attributes:
        psp: The provider's connector name (``stripe``, ``wise``, ...).
        type: ``TRANSFER`` (the default) or ``PAYOUT``, or a ``${variable}``.
        source_account: The PSP account paying out.
        connector_id: The Payments connector id.
        waiting_validation: Create the transfer waiting for validation.
        metadata: Metadata of the transfer.
    """

    psp: str
    type: str | None = None
    source_account: str | None = None
    connector_id: str | None = None
    waiting_validation: bool | None = None
    metadata: Mapping[str, str] | None = attrs.field(default=None, converter=_metadata)

    def __attrs_post_init__(self) -> None:
        _text("PaymentDestination", "psp", self.psp)
        for name in ("type", "source_account", "connector_id"):
            _text("PaymentDestination", name, getattr(self, name), required=False)
        _flag("PaymentDestination", "waiting_validation", self.waiting_validation)
        if self.type is not None and self.type not in ("TRANSFER", "PAYOUT") and not _has_placeholder(self.type):
            raise ValueError(f"PaymentDestination.type must be TRANSFER, PAYOUT or a ${{variable}}, got {self.type!r}")

    def to_json(self) -> dict[str, Any]:
        """``{"payment": {...}}``."""
        return {
            "payment": _drop_none(
                {
                    "psp": self.psp,
                    "type": self.type,
                    "sourceAccount": self.source_account,
                    "connectorId": self.connector_id,
                    "waitingValidation": self.waiting_validation,
                    "metadata": self.metadata,
                }
            )
        }


Source: TypeAlias = Account | Wallet | PaymentSource
"""Where a :class:`Send` takes funds from."""

Destination: TypeAlias = Account | Wallet | PaymentDestination
"""Where a :class:`Send` puts funds."""


@attrs.frozen(kw_only=True)
class Send:
    """Move funds between ledger accounts, wallets and payments.

    Attributes:
        source: An :class:`Account`, :class:`Wallet` or :class:`PaymentSource`.
        destination: An :class:`Account`, :class:`Wallet` or :class:`PaymentDestination`.
        amount: The :class:`Amount`; required unless the source is a payment (its amount is used).
        metadata: Metadata of the resulting transaction.
        timestamp: Timestamp of the transaction (an aware ``datetime`` or an RFC 3339 string).
    """

    source: Source
    destination: Destination
    amount: Amount | None = None
    metadata: Mapping[str, str] | None = attrs.field(default=None, converter=_metadata)
    timestamp: datetime | str | None = None

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.source, (Account, Wallet, PaymentSource)):
            raise ValueError(f"Send.source must be an Account, Wallet or PaymentSource, got {self.source!r}")
        if not isinstance(self.destination, (Account, Wallet, PaymentDestination)):
            raise ValueError(
                f"Send.destination must be an Account, Wallet or PaymentDestination, got {self.destination!r}"
            )
        if isinstance(self.source, PaymentSource) and isinstance(self.destination, PaymentDestination):
            raise ValueError("Send from a PaymentSource to a PaymentDestination (payment to payment) is not supported")
        if self.amount is None and not isinstance(self.source, PaymentSource):
            raise ValueError("Send.amount is required unless the source is a PaymentSource")
        if self.amount is not None and not isinstance(self.amount, Amount):
            raise ValueError(f"Send.amount must be an Amount, got {self.amount!r}")
        if self.timestamp is not None:
            _rfc3339("Send", "timestamp", self.timestamp)

    def to_json(self) -> dict[str, Any]:
        """``{"send": {...}}``."""
        timestamp = dump_datetime(self.timestamp) if isinstance(self.timestamp, datetime) else self.timestamp
        body = {
            "source": self.source.to_json(),
            "destination": self.destination.to_json(),
            "amount": self.amount.to_json() if self.amount is not None else None,
            "metadata": self.metadata,
            "timestamp": timestamp,
        }
        return {"send": _drop_none(body)}


def _go_duration(value: timedelta) -> str:
    total_us = value // timedelta(microseconds=1)  # exact: total_seconds() is a float and loses microseconds
    if total_us <= 0:
        raise ValueError(f"Delay.duration must be positive, got {value!r}")
    if total_us * 1000 >= 1 << 63:
        raise ValueError(f"Delay.duration must be under 2562047h (Go's largest duration), got {value!r}")
    hours, rest = divmod(total_us, 3_600_000_000)
    minutes, rest = divmod(rest, 60_000_000)
    seconds, micros = divmod(rest, 1_000_000)
    out = (f"{hours}h" if hours else "") + (f"{minutes}m" if minutes else "")
    if seconds or micros:
        out += f"{seconds}.{micros:06d}".rstrip("0").rstrip(".") + "s"
    return out


@attrs.frozen(kw_only=True)
class Delay:
    """Wait for a ``duration`` (a Go duration such as ``"90s"``, ``"1h30m"``, or a ``timedelta``) or ``until``
    a moment (an aware ``datetime`` or an RFC 3339 string): exactly one of the two.
    """

    duration: str | timedelta | None = None
    until: datetime | str | None = None

    def __attrs_post_init__(self) -> None:
        if (self.duration is None) == (self.until is None):
            raise ValueError("Delay needs exactly one of duration or until")
        if isinstance(self.duration, str) and not _has_placeholder(self.duration):
            ns = _go_duration_ns(self.duration)
            if ns is None:
                raise ValueError(
                    "Delay.duration must be a Go duration such as '5s', '1m30s' or '2h' (no days), "
                    f"got {self.duration!r}"
                )
            if ns < 0:  # the server's timer refuses it when the stage runs
                raise ValueError(f"Delay.duration must not be negative, got {self.duration!r}")
        elif isinstance(self.duration, timedelta):
            _go_duration(self.duration)
        elif self.duration is not None and not isinstance(self.duration, str):
            raise ValueError(f"Delay.duration must be a string or a timedelta, got {self.duration!r}")
        if self.until is not None:
            _rfc3339("Delay", "until", self.until)

    def to_json(self) -> dict[str, Any]:
        """``{"delay": {"duration": ...}}`` or ``{"delay": {"until": ...}}``."""
        if self.duration is not None:
            duration = _go_duration(self.duration) if isinstance(self.duration, timedelta) else self.duration
            return {"delay": {"duration": duration}}
        until = dump_datetime(self.until) if isinstance(self.until, datetime) else self.until
        return {"delay": {"until": until}}


@attrs.frozen
class WaitEvent:
    """Block until an event of this name is sent to the instance (``send_event(instance_id, name=...)``)."""

    event: str

    def __attrs_post_init__(self) -> None:
        _text("WaitEvent", "event", self.event)

    def to_json(self) -> dict[str, Any]:
        """``{"wait_event": {"event": ...}}``."""
        return {"wait_event": {"event": self.event}}


@attrs.frozen
class UpdateAccount:
    """The account an :class:`Update` writes metadata to."""

    id: str
    metadata: Mapping[str, str] | None = attrs.field(converter=_metadata)
    ledger: str | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _text("UpdateAccount", "id", self.id)
        _text("UpdateAccount", "ledger", self.ledger, required=False)
        if not self.metadata:
            raise ValueError("UpdateAccount.metadata must not be empty")

    def to_json(self) -> dict[str, Any]:
        """``{"id": ..., "ledger": ..., "metadata": {...}}``."""
        return _drop_none({"id": self.id, "ledger": self.ledger, "metadata": self.metadata})


@attrs.frozen
class Update:
    """Add metadata to a ledger account."""

    account: UpdateAccount

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.account, UpdateAccount):
            raise ValueError(f"Update.account must be an UpdateAccount, got {self.account!r}")

    def to_json(self) -> dict[str, Any]:
        """``{"update": {"account": {...}}}``."""
        return {"update": {"account": self.account.to_json()}}


@attrs.frozen
class Noop:
    """A stage that does nothing (the server accepts it though the document does not list it)."""

    def to_json(self) -> dict[str, Any]:
        """``{"noop": {}}``."""
        return {"noop": {}}


Stage: TypeAlias = Send | Delay | WaitEvent | Update | Noop
"""Any stage builder."""


# -- reading stages back ------------------------------------------------------------------------------------------


def _only(kind: str, value: Any, allowed: set[str]) -> Any:
    # Returns Any: the values are unchecked JSON that the builders' own validation then checks.
    if not isinstance(value, Mapping):
        raise ValueError(f"{kind} must be an object, got {value!r}")
    unknown = set(value) - allowed
    if unknown:
        # The server silently ignores unknown keys; a typo here would be lost, so say so.
        raise ValueError(
            f"unknown key(s) in {kind}: {', '.join(sorted(unknown))} (known: {', '.join(sorted(allowed))})"
        )
    return dict(value)


def _one_of(kind: str, value: Mapping[str, Any]) -> tuple[str, Any]:
    if not isinstance(value, Mapping) or len(value) != 1:
        raise ValueError(f"{kind} must be an object with exactly one key, got {value!r}")
    return next(iter(value.items()))


def _parse_party(kind: str, value: Any, *, source: bool) -> Any:
    key, body = _one_of(kind, value)
    if key == "account":
        d = _only(f"{kind}.account", body, {"id", "ledger", "throughAccount", "allowOverdraft"})
        return Account(
            d.get("id"), ledger=d.get("ledger"), through_account=d.get("throughAccount"),
            allow_overdraft=d.get("allowOverdraft"),
        )  # fmt: skip
    if key == "wallet":
        d = _only(f"{kind}.wallet", body, {"id", "name", "balance"})
        return Wallet(id=d.get("id"), name=d.get("name"), balance=d.get("balance"))
    if key == "payment" and source:
        d = _only(f"{kind}.payment", body, {"id", "ledger", "holdingAccount", "throughAccount", "allowOverdraft"})
        return PaymentSource(
            d.get("id"), ledger=d.get("ledger"), holding_account=d.get("holdingAccount"),
            through_account=d.get("throughAccount"), allow_overdraft=d.get("allowOverdraft"),
        )  # fmt: skip
    if key == "payment":
        allowed = {"psp", "type", "sourceAccount", "connectorId", "waitingValidation", "metadata"}
        d = _only(f"{kind}.payment", body, allowed)
        return PaymentDestination(
            psp=d.get("psp"), type=d.get("type"), source_account=d.get("sourceAccount"),
            connector_id=d.get("connectorId"), waiting_validation=d.get("waitingValidation"),
            metadata=d.get("metadata"),
        )  # fmt: skip
    raise ValueError(f"{kind} must be account, wallet or payment, got {key!r}")


def parse_stage(data: Mapping[str, Any]) -> Stage:
    """Read one stage's JSON (``{"send": {...}}``, ...) into its builder, validating it on the way.

    Raises:
        ValueError: unknown stage type or key, or a stage the builders refuse (with the reason).
    """
    kind, body = _one_of("a stage", data)
    if kind == "send":
        d = _only("send", body, {"source", "destination", "amount", "metadata", "timestamp"})
        amount = None
        if d.get("amount") is not None:
            a = _only("send.amount", d["amount"], {"amount", "asset"})
            amount = Amount(a.get("amount"), a.get("asset"))
        source = _parse_party("send.source", d.get("source"), source=True)
        destination = _parse_party("send.destination", d.get("destination"), source=False)
        return Send(
            source=source,
            destination=destination,
            amount=amount,
            metadata=d.get("metadata"),
            timestamp=d.get("timestamp"),
        )
    if kind == "delay":
        d = _only("delay", body, {"duration", "until"})
        return Delay(duration=d.get("duration"), until=d.get("until"))
    if kind == "wait_event":
        return WaitEvent(_only("wait_event", body, {"event"}).get("event"))
    if kind == "update":
        account = _only(
            "update.account", _only("update", body, {"account"}).get("account"), {"id", "ledger", "metadata"}
        )
        return Update(UpdateAccount(account.get("id"), account.get("metadata"), ledger=account.get("ledger")))
    if kind == "noop":
        _only("noop", body or {}, set())
        return Noop()
    raise ValueError(f"unknown stage type {kind!r}: expected send, delay, wait_event, update or noop")


def load_workflow_config(source: str | PathLike[str]) -> models.V2WorkflowConfig:
    """Read a workflow file (YAML or JSON), or its text, into a :class:`models.V2WorkflowConfig`.

    ``source`` is a path (``str`` or ``Path``) to an existing file, or the file's text. JSON needs nothing extra;
    YAML needs PyYAML (``pip install 'formance-orchestration[yaml]'``). The stages are not rewritten; pass them to
    ``create_workflow(name=config.name, stages=config.stages)``, or check them with :func:`parse_stage`.

    Raises:
        ValueError: the text is not a workflow (not an object, ``stages`` not a list, ...).
        ImportError: the text is YAML and PyYAML is not installed.
    """
    text = _read(source)
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ValueError(f"workflow file is not valid JSON: {exc}") from None
    else:
        try:
            import yaml
        except ImportError:
            raise ImportError(
                "reading YAML workflow files needs PyYAML: pip install 'formance-orchestration[yaml]' (or pass JSON)"
            ) from None
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise ValueError(f"workflow file is not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise ValueError(f"a workflow file must hold an object with 'stages', got {type(data).__name__}")
    stages = data.get("stages")
    if stages is not None and (not isinstance(stages, list) or not all(isinstance(s, dict) for s in stages)):
        raise ValueError("'stages' must be a list of objects, one per stage")
    try:
        return structure(data, models.V2WorkflowConfig)
    except APIResponseValidationError as exc:  # the converter's error speaks of a response; this is a file
        raise ValueError(f"not a workflow file: {exc.path}: {exc.reason}") from None


def _read(source: str | PathLike[str]) -> str:
    if isinstance(source, PathLike):
        return Path(source).read_text(encoding="utf-8")
    if not isinstance(source, str):
        raise TypeError(f"expected a path or the file's text, got {type(source).__name__}")
    if "\n" not in source and source.strip() and not source.lstrip().startswith("{"):
        path = Path(source)
        if path.is_file():
            return path.read_text(encoding="utf-8")
        if path.suffix in {".yaml", ".yml", ".json"}:
            raise FileNotFoundError(f"workflow file not found: {source}")
    return source
