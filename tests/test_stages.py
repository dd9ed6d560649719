"""Typed stage builders and workflow files: the JSON they render, what they refuse, and how files load.

The shared workflow files (``../shared/workflows/*.yaml``) are the reference: every one reads back through
:func:`parse_stage` unchanged, and every one is also written out by hand with the builders.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from formance_orchestration import AsyncOrchestrationClient, OrchestrationClient, load_workflow_config, models
from formance_orchestration import stages as s
from formance_orchestration.stages import parse_stage

from .conftest import require_workflows, workflow_files
from .server import Recorded, RecordingServer, Reply

PREFIX = "/api/orchestration"

# -- Go's time.ParseDuration, ported line by line from time/format.go as the reference --------------------

_GO_UNITS = {
    "ns": 1,
    "us": 1_000,
    "\u00b5s": 1_000,
    "\u03bcs": 1_000,
    "ms": 1_000_000,
    "s": 1_000_000_000,
    "m": 60_000_000_000,
    "h": 3_600_000_000_000,
}


def go_parse_duration(s: str) -> int | None:
    """Nanoseconds, or ``None`` where Go returns an error. Works on the UTF-8 bytes, as Go does."""
    b = s.encode()
    neg = False
    if b and b[0] in b"-+":
        neg = b[0] == ord("-")
        b = b[1:]
    if b == b"0":
        return 0
    if not b:
        return None
    d = 0
    while b:
        if not (b[0] == ord(".") or ord("0") <= b[0] <= ord("9")):
            return None
        # leadingInt
        i, v = 0, 0
        while i < len(b) and ord("0") <= b[i] <= ord("9"):
            if v > (1 << 63) // 10:
                return None
            v = v * 10 + b[i] - ord("0")
            if v > 1 << 63:
                return None
            i += 1
        pre = i > 0
        b = b[i:]
        f, scale, post = 0, 1.0, False
        if b and b[0] == ord("."):
            b = b[1:]
            # leadingFraction
            i, overflow = 0, False
            while i < len(b) and ord("0") <= b[i] <= ord("9"):
                if not overflow:
                    if f > ((1 << 63) - 1) // 10:
                        overflow = True
                    else:
                        y = f * 10 + b[i] - ord("0")
                        if y > 1 << 63:
                            overflow = True
                        else:
                            f, scale = y, scale * 10
                i += 1
            post = i > 0
            b = b[i:]
        if not pre and not post:
            return None
        i = 0
        while i < len(b) and not (b[i] == ord(".") or ord("0") <= b[i] <= ord("9")):
            i += 1
        if i == 0:
            return None
        unit = _GO_UNITS.get(b[:i].decode("utf-8", "replace"))
        b = b[i:]
        if unit is None:
            return None
        if v > (1 << 63) // unit:
            return None
        v *= unit
        if f > 0:
            v += int(float(f) * (float(unit) / scale))
            if v > 1 << 63:
                return None
        d += v
        if d > 1 << 63:
            return None
    if neg:
        return -d
    if d > (1 << 63) - 1:
        return None
    return d


def test_go_duration_reference() -> None:
    """The reference port agrees with Go on the documented examples (time.ParseDuration's own tests)."""
    assert go_parse_duration("1h30m") == 5400 * 10**9
    assert go_parse_duration("-1.5h") == -5400 * 10**9
    assert go_parse_duration("1.004s") == 1_004_000_000
    assert go_parse_duration(".5s") == 500_000_000
    assert go_parse_duration("5.s") == 5 * 10**9
    assert go_parse_duration("1\u00b5s") == go_parse_duration("1\u03bcs") == 1000
    assert go_parse_duration("9223372036854775807ns") == (1 << 63) - 1
    assert go_parse_duration("-9223372036854775808ns") == -(1 << 63)
    assert go_parse_duration("2562047h47m16.854775807s") == (1 << 63) - 1
    for bad in ("", "0x", "3", "-", "s", ".", "-.", ".s", "+.s", "1d", "1.5", "9223372036854775808ns", "5s "):
        assert go_parse_duration(bad) is None, bad


# -- round trip of the shared workflow files ------------------------------------------------------------------


def yaml_of(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_every_shared_file_reads_back_through_the_builders() -> None:
    files = require_workflows()
    assert len(files) >= 10
    for path in files:
        data = yaml_of(path)
        stages = data["stages"]
        assert [parse_stage(stage).to_json() for stage in stages] == stages, path.name
        # Twice through: rendering is stable, and builders compare equal to their re-read selves.
        for stage in stages:
            built = parse_stage(stage)
            assert parse_stage(built.to_json()) == built, path.name


def _send(source: s.Source, destination: s.Destination, amount: s.Amount | None) -> s.Send:
    return s.Send(source=source, destination=destination, amount=amount)


EUR_AMOUNT = s.Amount("${amount}", "EUR/2")

# Every shared file, written out by hand: (name, stages).
BY_HAND: dict[str, tuple[str | None, list[s.Stage]]] = {
    "delay.yaml": (None, [s.Delay(duration="5s")]),
    "failing-workflow.yaml": (
        None,
        [_send(s.Account("user"), s.Account("bank", ledger="default"), s.Amount("100", "EUR/2"))],
    ),
    "ledger-to-ledger.yaml": (
        "Ledger to ledger transfer",
        [
            _send(
                s.Account("${accountID1}", ledger="${ledger1}"),
                s.Account("${accountID2}", ledger="${ledger2}"),
                EUR_AMOUNT,
            )
        ],
    ),
    "ledger-to-wallet.yaml": (
        None,
        [_send(s.Account("${accountID}", ledger="${ledger}"), s.Wallet(id="${walletID}"), EUR_AMOUNT)],
    ),
    "payin-to-wallet.yaml": (
        "Credit wallet from payment",
        [_send(s.PaymentSource("${paymentID}"), s.Wallet(id="${walletID}"), EUR_AMOUNT)],
    ),
    "payout-with-tracking.yaml": (
        "Payout with liability tracking",
        [
            _send(
                s.Account(
                    "users:${userID}",
                    ledger="main",
                    through_account="liabilities:payouts-pending",
                    allow_overdraft=True,
                ),
                s.PaymentDestination(psp="${psp}", type="PAYOUT", source_account="${sourceAccountID}"),
                s.Amount("${amount}", "${asset}"),
            )
        ],
    ),
    "update-account-metadata.yaml": (
        None,
        [s.Update(s.UpdateAccount("${accountID}", {"foo": "${value}"}, ledger="${ledger}"))],
    ),
    "wait_event.yaml": (None, [s.WaitEvent("continue")]),
    "wallet-to-payout.yaml": (
        "Debit wallet to payment destination",
        [
            _send(
                s.Wallet(id="${walletID}", balance="${balance}"),
                s.PaymentDestination(psp="${psp}", type="${type}"),
                EUR_AMOUNT,
            )
        ],
    ),
    "workflow.yaml": (
        None,
        [
            _send(s.PaymentSource("${paymentID}"), s.Account("${temporaryAccount}", ledger="${ledger}"), EUR_AMOUNT),
            s.WaitEvent("processed"),
            _send(
                s.Account("${temporaryAccount}", ledger="${ledger}"),
                s.Account("${user}", ledger="${ledger}"),
                EUR_AMOUNT,
            ),
        ],
    ),
}


def test_shared_files_written_with_the_builders() -> None:
    files = {path.name: path for path in require_workflows()}
    assert {"workflow.yaml", "payout-with-tracking.yaml", "update-account-metadata.yaml"} <= set(BY_HAND)
    assert set(files) <= set(BY_HAND), "a new shared workflow file needs its hand-written twin here"
    for name, (title, built) in BY_HAND.items():
        if name not in files:
            continue
        data = yaml_of(files[name])
        assert [stage.to_json() for stage in built] == data["stages"], name
        assert [parse_stage(stage) for stage in data["stages"]] == built, name
        assert data.get("name") == title, name
        config = load_workflow_config(files[name])
        assert config == models.V2WorkflowConfig(name=title, stages=data["stages"]), name


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_load_workflow_config_reads_every_shared_file(path: Path) -> None:
    data = yaml_of(path)
    expected = models.V2WorkflowConfig(name=data.get("name"), stages=data["stages"])
    text = path.read_text(encoding="utf-8")
    assert load_workflow_config(path) == expected
    assert load_workflow_config(str(path)) == expected
    assert load_workflow_config(text) == expected
    assert load_workflow_config(json.dumps(data)) == expected
    assert load_workflow_config(json.dumps(data, indent=2)) == expected


# -- on the wire ----------------------------------------------------------------------------------------------

MIXED_STAGES: list[Any] = [
    s.Send(
        source=s.Account("users:${userID}", ledger="main"),
        destination=s.PaymentDestination(psp="stripe", type="PAYOUT"),
        amount=s.Amount(2**70, "EUR/2"),
        metadata={"k": "v"},
    ),
    {"delay": {"duration": "1m"}},
    s.WaitEvent("confirmed"),
    {"wait_event": {"event": "other"}},
    s.Delay(until=datetime(2030, 1, 2, 3, 4, 5, 120000, tzinfo=timezone(timedelta(hours=2)))),
    s.Delay(duration=timedelta(hours=1, minutes=30, seconds=1, microseconds=500)),
    s.Noop(),
]
MIXED_JSON: list[Any] = [
    {
        "send": {
            "source": {"account": {"id": "users:${userID}", "ledger": "main"}},
            "destination": {"payment": {"psp": "stripe", "type": "PAYOUT"}},
            "amount": {"amount": "1180591620717411303424", "asset": "EUR/2"},
            "metadata": {"k": "v"},
        }
    },
    {"delay": {"duration": "1m"}},
    {"wait_event": {"event": "confirmed"}},
    {"wait_event": {"event": "other"}},
    {"delay": {"until": "2030-01-02T03:04:05.12+02:00"}},
    {"delay": {"duration": "1h30m1.0005s"}},
    {"noop": {}},
]


def echo_workflow(request: Recorded) -> Reply:
    sent = request.json()
    return Reply(
        201,
        {
            "data": {
                "id": "0b4b8e7c-5f0e-4d6a-9d2b-3f1a2c4d5e6f",
                "config": {"name": sent.get("name", ""), "stages": sent.get("stages")},
                "createdAt": "2024-06-01T10:20:30.123456789Z",
                "updatedAt": "2024-06-01T10:20:30.123456789Z",
                "deletedAt": None,
            }
        },
    )


def check_sent(server: RecordingServer, workflow: models.V2Workflow) -> None:
    (request,) = server.requests
    assert request.method == "POST"
    assert request.path == PREFIX + "/v2/workflows"
    assert request.headers["content-type"] == "application/json"
    assert request.json() == {"name": "mixed", "stages": MIXED_JSON}
    assert workflow.config.stages == MIXED_JSON


@pytest.mark.anyio
async def test_create_workflow_sends_builders_and_mappings_async(
    server: RecordingServer, aclient: AsyncOrchestrationClient
) -> None:
    server.handler = echo_workflow
    workflow = await aclient.v2.create_workflow(name="mixed", stages=MIXED_STAGES)
    check_sent(server, workflow)


def test_create_workflow_sends_builders_and_mappings_sync(server: RecordingServer, client: OrchestrationClient) -> None:
    server.handler = echo_workflow
    workflow = client.v2.create_workflow(name="mixed", stages=MIXED_STAGES)
    check_sent(server, workflow)


def test_shared_files_sent_through_the_builders(server: RecordingServer, client: OrchestrationClient) -> None:
    files = {path.name: path for path in require_workflows()}
    server.handler = echo_workflow
    for name, (title, built) in BY_HAND.items():
        if name not in files:
            continue
        server.requests.clear()
        client.v2.create_workflow(name=title, stages=built)
        expected = yaml_of(files[name])
        assert server.requests[0].json() == {k: v for k, v in expected.items() if k in ("name", "stages")}, name


def test_invalid_builder_fails_before_any_request(server: RecordingServer, client: OrchestrationClient) -> None:
    with pytest.raises(ValueError, match="exactly one of duration or until"):
        client.v2.create_workflow(stages=[s.Delay()])
    with pytest.raises(ValueError, match=re.escape("Send.amount is required")):
        client.v2.create_workflow(stages=[s.Send(source=s.Account("a"), destination=s.Account("b"))])
    assert server.requests == []


# -- validation: combinations ---------------------------------------------------------------------------------

# The stages module typed as Any: for builders given the wrong types on purpose, as untyped callers may.
loose: Any = s
A = s.Account("a")
B = s.Account("b")
ONE = s.Amount(1, "EUR/2")


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: s.Delay(), "Delay needs exactly one of duration or until"),
        (lambda: s.Delay(duration="5s", until="2030-01-01T00:00:00Z"), "exactly one of duration or until"),
        (lambda: loose.Delay(duration=5), "Delay.duration must be a string or a timedelta"),
        (lambda: s.Delay(duration="1d"), "Go duration"),
        (lambda: s.Delay(duration="-5s"), "must not be negative"),
        (lambda: s.Delay(duration=timedelta(0)), "must be positive"),
        (lambda: s.Delay(duration=timedelta(seconds=-1)), "must be positive"),
        (lambda: s.Delay(until=""), "RFC 3339"),
        (lambda: s.Delay(until="tomorrow"), "RFC 3339"),
        (lambda: s.Delay(until="2030-02-30T00:00:00Z"), "RFC 3339"),
        (lambda: s.Delay(until="2030-01-01T00:00:00"), "RFC 3339"),
        (lambda: s.Delay(until="2030-01-01"), "RFC 3339"),
        (lambda: loose.Delay(until=1893456000), "Delay.until must be a datetime or an RFC 3339 string"),
        (lambda: s.Delay(until=datetime(2030, 1, 1)), "timezone-aware"),
        (lambda: s.Send(source=A, destination=B), "Send.amount is required unless the source is a PaymentSource"),
        (lambda: loose.Send(source=A, destination=B, amount={"amount": "1", "asset": "X"}), "must be an Amount"),
        (lambda: loose.Send(source=s.PaymentDestination(psp="x"), destination=B, amount=ONE), "Send.source"),
        (lambda: loose.Send(source=A, destination=s.PaymentSource("p"), amount=ONE), "Send.destination"),
        (lambda: loose.Send(source={"account": {"id": "a"}}, destination=B, amount=ONE), "Send.source"),
        (
            lambda: s.Send(source=s.PaymentSource("p"), destination=s.PaymentDestination(psp="stripe")),
            "payment to payment",
        ),
        (lambda: loose.Send(source=A, destination=B, amount=ONE, timestamp=5), "Send.timestamp"),
        (lambda: s.Send(source=A, destination=B, amount=ONE, timestamp="now"), "Send.timestamp"),
        (lambda: s.Send(source=A, destination=B, amount=ONE, timestamp=datetime(2030, 1, 1)), "timezone-aware"),
        (lambda: loose.Send(source=A, destination=B, amount=ONE, metadata={"k": 1}), "metadata must map strings"),
        (lambda: s.Wallet(), "Wallet needs exactly one of id or name"),
        (lambda: s.Wallet(id="w", name="n"), "Wallet needs exactly one of id or name"),
        (lambda: s.Wallet(id=""), "Wallet.id must be a non-empty string"),
        (lambda: s.Account(""), "Account.id must be a non-empty string"),
        (lambda: loose.Account("a", allow_overdraft="yes"), "Account.allow_overdraft must be a bool"),
        (lambda: loose.PaymentSource("p", allow_overdraft="true"), "PaymentSource.allow_overdraft must be a bool"),
        (lambda: s.PaymentDestination(psp=""), "PaymentDestination.psp"),
        (lambda: s.PaymentDestination(psp="x", type="WIRE"), "TRANSFER, PAYOUT or a"),
        (lambda: loose.PaymentDestination(psp="x", waiting_validation="no"), "waiting_validation must be a bool"),
        (lambda: s.WaitEvent(""), "WaitEvent.event must be a non-empty string"),
        (lambda: s.UpdateAccount("a", {}), "UpdateAccount.metadata must not be empty"),
        (lambda: s.UpdateAccount("a", None), "UpdateAccount.metadata must not be empty"),
        (lambda: loose.UpdateAccount("a", {"k": 2}), "metadata must map strings"),
        (lambda: loose.Update({"id": "a", "metadata": {"k": "v"}}), "Update.account must be an UpdateAccount"),
        (lambda: s.Amount(1, ""), "Amount.asset"),
    ],
)
def test_invalid_builders_fail_at_construction(build: Any, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        build()


def test_valid_combinations() -> None:
    assert s.Send(source=s.PaymentSource("p"), destination=s.Wallet(name="w")).to_json() == {
        "send": {"source": {"payment": {"id": "p"}}, "destination": {"wallet": {"name": "w"}}}
    }
    stamp = datetime(2030, 1, 1, 12, tzinfo=UTC)
    send = s.Send(source=A, destination=s.Wallet(id="w"), amount=ONE, timestamp=stamp)
    assert send.to_json()["send"]["timestamp"] == "2030-01-01T12:00:00Z"
    assert s.Send(source=A, destination=B, amount=ONE, timestamp="${when}").to_json()["send"]["timestamp"] == "${when}"
    assert s.Delay(until="${when}").to_json() == {"delay": {"until": "${when}"}}
    assert s.Delay(duration="${d}").to_json() == {"delay": {"duration": "${d}"}}
    assert s.Delay(until="2030-01-01T00:00:00.123456789-05:30").to_json() == {
        "delay": {"until": "2030-01-01T00:00:00.123456789-05:30"}
    }
    assert s.PaymentDestination(psp="x", type="${type}").to_json() == {"payment": {"psp": "x", "type": "${type}"}}
    assert s.PaymentSource("p", allow_overdraft=False).to_json() == {"payment": {"id": "p", "allowOverdraft": False}}
    assert s.Noop().to_json() == {"noop": {}}


@pytest.mark.parametrize(
    ("stage", "message"),
    [
        ({}, "exactly one key"),
        ({"delay": {"duration": "1s"}, "noop": {}}, "exactly one key"),
        ({"sleep": {}}, "unknown stage type 'sleep'"),
        ({"delay": {"duraton": "1s"}}, "unknown key(s) in delay: duraton"),
        ({"delay": "5s"}, "delay must be an object"),
        ({"delay": {}}, "exactly one of duration or until"),
        ({"send": {"source": {"account": {"id": "a"}}, "destination": {"account": {"id": "b"}}}}, "Send.amount"),
        (
            {"send": {"source": {"ledger": {}}, "destination": {"account": {"id": "b"}}, "amount": None}},
            "send.source must be account, wallet or payment",
        ),
        (
            {
                "send": {
                    "source": {"account": {"id": "a"}},
                    "destination": {"payment": {"psp": "x", "connectorID": "c"}},
                    "amount": {"amount": "1", "asset": "X"},
                }
            },
            "unknown key(s) in send.destination.payment: connectorID",
        ),
        ({"wait_event": {}}, "WaitEvent.event"),
        ({"update": {"account": {"id": "a"}}}, "UpdateAccount.metadata must not be empty"),
        ({"noop": {"x": 1}}, "unknown key(s) in noop: x"),
    ],
)
def test_parse_stage_refuses(stage: Any, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_stage(stage)


# -- validation: durations (Go's grammar), amounts ------------------------------------------------------------

DURATION_ALPHABET = "0123456789.-+nsuµμmhd \n\u0663\u00b2x"
go_durations = st.lists(
    st.tuples(
        st.from_regex(r"[0-9]{0,21}(\.[0-9]{0,21})?", fullmatch=True),
        st.sampled_from(["ns", "us", "\u00b5s", "\u03bcs", "ms", "s", "m", "h"]),
    ),
    min_size=1,
    max_size=4,
).map(lambda parts: "".join(number + unit for number, unit in parts))


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        st.text(DURATION_ALPHABET, max_size=12),
        go_durations,
        st.sampled_from(["+", "-", ""]).flatmap(lambda sign: go_durations.map(lambda d: sign + d)),
    )
)
@example("0")
@example("-0")
@example("+0")
@example("00")
@example("5s\n")
@example("\u0663s")
@example("1d")
@example("2562047h47m16.854775807s")
@example("2562047h47m16.854775808s")
@example("9223372036854775808ns")
@example("00000000000000000000000000005s")
@example("5." + "0" * 5000 + "s")
def test_delay_duration_accepted_iff_go_accepts(text: str) -> None:
    ns = go_parse_duration(text)
    if ns is not None and ns >= 0:
        assert s.Delay(duration=text).to_json() == {"delay": {"duration": text}}
        assert parse_stage({"delay": {"duration": text}}) == s.Delay(duration=text)
    else:
        with pytest.raises(ValueError, match=re.escape("Delay.duration")):
            s.Delay(duration=text)


@settings(max_examples=300, deadline=None)
@given(st.timedeltas(min_value=timedelta(microseconds=1)))
@example(timedelta(days=99421, microseconds=1))  # total_seconds() as a float would lose the microsecond
@example(timedelta(microseconds=(1 << 63) // 1000))  # Go's largest duration, to the microsecond
@example(timedelta(microseconds=(1 << 63) // 1000 + 1))
@example(timedelta.max)
def test_delay_timedelta_renders_a_go_duration_of_the_same_length(value: timedelta) -> None:
    ns = (value // timedelta(microseconds=1)) * 1000
    if ns >= 1 << 63:
        with pytest.raises(ValueError, match=re.escape("Go's largest duration")):
            s.Delay(duration=value)
        return
    rendered = s.Delay(duration=value).to_json()["delay"]["duration"]
    assert go_parse_duration(rendered) == ns


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0))
@example(0)
@example(2**63)
@example(10**100)
def test_amount_ints_of_any_size_are_sent_as_exact_digit_strings(value: int) -> None:
    assert s.Amount(value, "EUR/2").to_json() == {"amount": str(value), "asset": "EUR/2"}


def test_amount_beyond_pythons_int_to_str_limit() -> None:
    value = 10**5000 + 7  # more digits than sys.get_int_max_str_digits() allows str() to print
    text = s.Amount(value, "EUR/2").to_json()["amount"]
    assert len(text) == 5001
    assert text == "1" + "0" * 4999 + "7"


@settings(max_examples=200, deadline=None)
@given(
    st.from_regex(r"[0-9]+", fullmatch=True) | st.from_regex(r"[a-z0-9]*\$\{[a-zA-Z_][a-zA-Z0-9_]*\}", fullmatch=True)
)
def test_amount_digit_strings_and_placeholders_are_kept(text: str) -> None:
    assert s.Amount(text, "EUR/2").to_json() == {"amount": text, "asset": "EUR/2"}
    stage: dict[str, Any] = {
        "send": {
            "source": {"payment": {"id": "p"}},
            "destination": {"wallet": {"id": "w"}},
            "amount": {"amount": text, "asset": "EUR/2"},
        }
    }
    assert parse_stage(stage).to_json() == stage


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.integers(max_value=-1),
        st.floats(allow_nan=True),
        st.booleans(),
        st.just(""),
        st.none(),
        st.text().filter(lambda t: not re.fullmatch(r"[0-9]+", t) and "${" not in t),
        st.lists(st.integers(), max_size=2),
    )
)
@example("-5")
@example("+5")
@example("1.5")
@example("1e3")
@example(" 5")
@example("5\n")
@example("\u00b2")
@example("\u0663")
@example(1.0)
def test_amount_refuses_everything_else(value: Any) -> None:
    with pytest.raises(ValueError, match=re.escape("Amount.amount")):
        s.Amount(value, "EUR/2")


# -- load_workflow_config -------------------------------------------------------------------------------------


def test_load_workflow_config_text_and_files(tmp_path: Path) -> None:
    yaml_text = "name: payout\nstages:\n- delay:\n    duration: 5s\n- wait_event:\n    event: go\n"
    expected = models.V2WorkflowConfig(
        name="payout", stages=[{"delay": {"duration": "5s"}}, {"wait_event": {"event": "go"}}]
    )
    assert load_workflow_config(yaml_text) == expected
    json_text = json.dumps({"name": "payout", "stages": expected.stages})
    assert load_workflow_config(json_text) == expected
    (tmp_path / "wf.yaml").write_text(yaml_text, encoding="utf-8")
    (tmp_path / "wf.json").write_text(json_text, encoding="utf-8")
    assert load_workflow_config(tmp_path / "wf.yaml") == expected
    assert load_workflow_config(str(tmp_path / "wf.json")) == expected
    assert load_workflow_config("stages: []") == models.V2WorkflowConfig(stages=[])
    # Big amounts stay exact through JSON (as strings, which is how the server reads them exactly).
    send = {"source": {"wallet": {"id": "w"}}, "destination": {"account": {"id": "a"}}}
    big = json.dumps({"stages": [{"send": {**send, "amount": {"amount": str(2**80), "asset": "X"}}}]})
    assert load_workflow_config(big).stages == [{"send": {**send, "amount": {"amount": str(2**80), "asset": "X"}}}]


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        ("- a\n", ValueError, "a workflow must be an object with 'stages'"),
        ("", ValueError, "a workflow must be an object with 'stages' (and an optional 'name'), got nothing"),
        ("stages: 5\n", ValueError, "stages: must be a list of stages, got a number"),
        ("stages:\n- 5\n", ValueError, "stages[0]: a stage must be an object with one key, its kind"),
        ("{bad json", ValueError, "not valid JSON"),
        ("stages: [\n", ValueError, "not valid YAML"),
        ("name: 5\nstages: []\n", ValueError, "name: must be a string, got a number"),
        ('{"name": ["x"], "stages": []}', ValueError, "name"),
        ("missing.yaml", FileNotFoundError, "workflow file not found: missing.yaml"),
    ],
)
def test_load_workflow_config_refuses(text: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=re.escape(message)):
        load_workflow_config(text)


def test_load_workflow_config_refuses_other_types() -> None:
    with pytest.raises(TypeError, match="expected a path or the file's text"):
        load_workflow_config(b"stages: []")  # type: ignore[arg-type]


def test_yaml_needs_the_extra_and_says_so(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "yaml", None)  # makes `import yaml` raise ImportError
    with pytest.raises(ImportError, match=re.escape("formance-orchestration[yaml]")):
        load_workflow_config("stages:\n- noop: {}\n")
    path = tmp_path / "wf.yaml"
    path.write_text("stages: []\n", encoding="utf-8")
    with pytest.raises(ImportError, match="PyYAML"):
        load_workflow_config(path)
    # JSON needs nothing extra.
    assert load_workflow_config('{"stages": [{"noop": {}}]}') == models.V2WorkflowConfig(stages=[{"noop": {}}])
