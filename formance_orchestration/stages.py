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
from ._workflow_check import (
    PLACEHOLDER,
    ConfigProblem,
    WorkflowConfigError,
    check_data,
    config_data,
    go_duration_ns,
    is_rfc3339,
    parse_located,
    variables_of,
)

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
    "validate_workflow_config",
    "workflow_variables",
    "WorkflowConfigError",
    "ConfigProblem",
    "parse_stage",
]

_PLACEHOLDER = PLACEHOLDER
# ASCII digits only: Go's parsers refuse other scripts' digits, which Python's \d and str.isdigit() accept.
_DIGITS = re.compile(r"[0-9]+")


def _has_placeholder(value: str) -> bool:
    return _PLACEHOLDER.search(value) is not None


_go_duration_ns = go_duration_ns


def _rfc3339(owner: str, name: str, value: object) -> None:
    """Refuse what the server refuses when it creates the workflow: a date that is not RFC 3339 (``Z`` or offset)."""
    if isinstance(value, datetime):
        dump_datetime(value)  # refuses naive datetimes now rather than at send time
        return
    if not isinstance(value, str):
        raise ValueError(f"{owner}.{name} must be a datetime or an RFC 3339 string, got {value!r}")
    if not _has_placeholder(value) and not is_rfc3339(value):
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
        metadata: The metadata *key* of the source account or wallet whose value is the destination account id
            at the PSP (the server's default is ``formanceAccountID``). The server reads a string here, not the
            transfer's metadata: an object makes it refuse the whole workflow.
    """

    psp: str
    type: str | None = None
    source_account: str | None = None
    connector_id: str | None = None
    waiting_validation: bool | None = None
    metadata: str | None = None

    def __attrs_post_init__(self) -> None:
        _text("PaymentDestination", "psp", self.psp)
        for name in ("type", "source_account", "connector_id", "metadata"):
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


def load_workflow_config(source: str | PathLike[str], *, strict: bool = True) -> models.V2WorkflowConfig:
    """Read a workflow file (YAML or JSON), or its text, into a :class:`models.V2WorkflowConfig`, checked.

    ``source`` is a path (``str`` or ``Path``) to an existing file, or the file's text. JSON needs nothing extra;
    YAML needs PyYAML (``pip install 'formance-orchestration[yaml]'``). The file is checked against what the server
    reads (see :func:`validate_workflow_config`): every problem is reported at once, each with its line, column
    and key path. Pass the result straight to ``create_workflow(config=...)``.

    Args:
        source: A path, or the text of the file.
        strict: Refuse keys and stage kinds this SDK does not know. ``False`` keeps them (for a server newer
            than the SDK); types and required keys of the known kinds are still checked.

    Raises:
        WorkflowConfigError: a ``ValueError`` whose ``problems`` list every problem (file, line, column, path).
        ImportError: the text is YAML and PyYAML is not installed.
        FileNotFoundError: ``source`` names a ``.yaml``/``.yml``/``.json`` file that does not exist.
    """
    text, file = _read(source)
    located, problems = parse_located(text, file)
    if located is None:
        raise WorkflowConfigError(problems, file=file)
    problems = check_data(located.data, located=located, file=file, strict=strict)
    if problems:
        raise WorkflowConfigError(problems, file=file)
    try:
        return structure(located.data, models.V2WorkflowConfig)
    except APIResponseValidationError as exc:  # the check above should have caught it; say where anyway
        raise WorkflowConfigError([ConfigProblem(str(exc.path), exc.reason, file)], file=file) from None


def validate_workflow_config(
    config: models.V2WorkflowConfig | Mapping[str, Any], *, strict: bool = True
) -> models.V2WorkflowConfig:
    """Check a workflow config built in code the way :func:`load_workflow_config` checks a file.

    Checks every stage against what the server reads: unknown keys (top level and in each stage kind, with a
    "did you mean" for near misses), unknown stage kinds, wrong types (a number where the server reads a string,
    a malformed duration or date), missing required keys and the exactly-one-of rules (``source`` needs one of
    ``account``/``wallet``/``payment``, ``delay`` one of ``duration``/``until``, ...). ``${variable}``
    placeholders are accepted wherever the server interpolates them.

    Args:
        config: A :class:`models.V2WorkflowConfig`, or a mapping with the JSON names (``{"name": ...,
            "stages": [...]}``); stages may be builders from this module.
        strict: ``False`` keeps keys and stage kinds this SDK does not know (for a newer server).

    Returns:
        The config as a :class:`models.V2WorkflowConfig` (the same object when one was given).

    Raises:
        WorkflowConfigError: every problem found, each with its key path.
    """
    data = config_data(config)
    problems = check_data(data, strict=strict)
    if problems:
        raise WorkflowConfigError(problems)
    if isinstance(config, models.V2WorkflowConfig):
        return config
    return structure(data, models.V2WorkflowConfig)


def workflow_variables(config: models.V2WorkflowConfig | Mapping[str, Any]) -> frozenset[str]:
    """The ``${...}`` variables a workflow's stages use: the names a run must give in ``variables``.

    The server replaces a missing variable with ``""`` without complaint, so a run that lacks one fails later, in
    a stage, if at all. ``run_workflow`` checks a run against this set (see its ``check_variables``).

    >>> sorted(workflow_variables({"stages": [{"wait_event": {"event": "${name}-done"}}]}))
    ['name']
    """
    return variables_of(config_data(config).get("stages"))


def _read(source: str | PathLike[str]) -> tuple[str, str | None]:
    if isinstance(source, PathLike):
        return Path(source).read_text(encoding="utf-8"), str(source)
    if not isinstance(source, str):
        raise TypeError(f"expected a path or the file's text, got {type(source).__name__}")
    if "\n" not in source and source.strip() and not source.lstrip().startswith("{"):
        path = Path(source)
        if path.is_file():
            return path.read_text(encoding="utf-8"), source
        if path.suffix in {".yaml", ".yml", ".json"}:
            raise FileNotFoundError(f"workflow file not found: {source}")
    return source, None
