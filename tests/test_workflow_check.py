"""Workflow configs checked before they reach the server: unknown keys and kinds, wrong types, missing keys, all
at once, each with file, line, column and key path (YAML and JSON), and the same check for configs built in code."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from formance_orchestration import models
from formance_orchestration import stages as s
from formance_orchestration._workflow_check import STAGE_KINDS, _Object, parse_located
from formance_orchestration.stages import (
    ConfigProblem,
    WorkflowConfigError,
    load_workflow_config,
    validate_workflow_config,
    workflow_variables,
)
from formance_orchestration.testing import FakeOrchestration
from formance_orchestration.testing._stages import STAGE_TYPES

from .conftest import spec_path, workflow_files

BAD_YAML = """\
name: payout
stage: oops
stages:
  - dealy:
      duration: 5s
  - send:
      source:
        account: {idd: a, ledger: 3}
      destination:
        wallet: {id: w, name: n}
      amount: {amount: 1.5, asset: EUR/2}
  - delay: {duration: 5d}
  - wait_event: {}
  - update: {account: {id: a, metadata: {k: 1}}}
  - delay: {until: 2030-01-02T03:04:05}
"""

# (line, column, path, message fragment), in file order.
BAD_YAML_PROBLEMS = [
    (2, 1, "stage", "unknown key 'stage' (did you mean 'stages'?); known: name, stages"),
    (4, 5, "stages[0].dealy", "unknown stage kind 'dealy' (did you mean 'delay'?)"),
    (8, 18, "stages[1].send.source.account", "missing required key 'id'"),
    (8, 19, "stages[1].send.source.account.idd", "unknown key 'idd' (did you mean 'id'?)"),
    (8, 35, "stages[1].send.source.account.ledger", "must be a string, got a number (put it in quotes)"),
    (10, 17, "stages[1].send.destination.wallet", "needs exactly one of 'id' or 'name', got 'id', 'name'"),
    (11, 24, "stages[1].send.amount.amount", "must be an integer amount in minor units"),
    (12, 23, "stages[2].delay.duration", "must be a Go duration such as '5s', '1m30s' or '2h' (no days), got '5d'"),
    (13, 17, "stages[3].wait_event", "missing required key 'event'"),
    (14, 45, "stages[4].update.account.metadata.k", "must be a string, got a number"),
    (15, 20, "stages[5].delay.until", "must be an RFC 3339 date-time"),
]


def problems_of(source: str | Path, **kwargs: Any) -> list[ConfigProblem]:
    with pytest.raises(WorkflowConfigError) as info:
        load_workflow_config(source, **kwargs)
    assert isinstance(info.value, ValueError)
    return list(info.value.problems)


def test_every_problem_of_a_yaml_file_at_once_with_line_column_and_path(tmp_path: Path) -> None:
    path = tmp_path / "payout.yaml"
    path.write_text(BAD_YAML, encoding="utf-8")
    problems = problems_of(path)
    assert [(p.line, p.column, p.path) for p in problems] == [(ln, col, pa) for ln, col, pa, _ in BAD_YAML_PROBLEMS]
    for problem, (_, _, _, fragment) in zip(problems, BAD_YAML_PROBLEMS, strict=True):
        assert fragment in problem.message
        assert problem.file == str(path)
    # str() of each problem is the compiler-style line an editor can jump to.
    assert str(problems[0]) == f"{path}:2:1: stage: unknown key 'stage' (did you mean 'stages'?); known: name, stages"
    with pytest.raises(WorkflowConfigError) as info:
        load_workflow_config(path)
    message = str(info.value)
    assert message.startswith(f"11 problems in workflow file {path}:\n")
    assert message.count("\n") == 11


def test_json_files_get_the_same_problems_at_their_own_positions() -> None:
    text = (
        "{\n"
        '  "stage": 1,\n'
        '  "stages": [\n'
        '    {"dealy": {"duration": "5s"}},\n'
        '    {"send": {"source": {"account": {"idd": "a", "ledger": 3}},\n'
        '              "destination": {"wallet": {"id": "w"}}}}\n'
        "  ]\n"
        "}\n"
    )
    problems = problems_of(text)
    assert [(p.line, p.column, p.path) for p in problems] == [
        (2, 3, "stage"),
        (4, 6, "stages[0].dealy"),
        (5, 14, "stages[1].send"),  # a send without amount (the source is not a payment)
        (5, 37, "stages[1].send.source.account"),
        (5, 38, "stages[1].send.source.account.idd"),
        (5, 60, "stages[1].send.source.account.ledger"),
    ]
    assert problems[2].message == "missing required key 'amount' (only a payment source may leave it out)"
    assert all(p.file is None for p in problems)
    assert str(problems[0]).startswith("line 2, column 3: stage: unknown key 'stage'")


def test_the_typo_the_issue_reports_no_longer_loads_as_an_empty_workflow() -> None:
    problems = problems_of("stage:\n  - delay: {duration: 5s}\n")
    assert [p.message for p in problems] == [
        "unknown key 'stage' (did you mean 'stages'?); known: name, stages",
        "missing required key 'stages' (the list of stages)",
    ]


@pytest.mark.parametrize(
    ("stage", "path", "message"),
    [
        ({"send": {"source": {"payment": {"id": "p"}}, "destination": {"payment": {"psp": "x"}}}}, "stages[0].send",
         "a send from a payment to a payment is not supported"),
        ({"send": {"source": {}, "destination": {"account": {"id": "a"}}, "amount": {"amount": "1", "asset": "X"}}},
         "stages[0].send.source", "needs exactly one of 'account' or 'wallet' or 'payment', got none"),
        ({"send": {"source": {"wallet": {"name": "w"}}, "destination": {"account": {"id": "a"}}}}, "stages[0].send",
         "missing required key 'amount'"),
        ({"send": {"source": {"wallet": {"id": "w"}}, "destination": {"payment": {"psp": "s", "metadata": {"k": "v"}}},
                   "amount": {"amount": "1", "asset": "X"}}},
         "stages[0].send.destination.payment.metadata", "must be a string, got an object"),
        ({"send": {"source": {"wallet": {"id": "w"}}, "destination": {"account": {"id": "a", "allowOverdraft": "yes"}},
                   "amount": {"amount": "1", "asset": "X"}}},
         "stages[0].send.destination.account.allowOverdraft", "must be true, false or a ${variable}, got 'yes'"),
        ({"send": {"source": {"wallet": {"id": "w"}}, "destination": {"account": {"id": "a"}},
                   "amount": {"amount": 2**60, "asset": "X"}}},
         "stages[0].send.amount.amount", "loses precision as a JSON number on the server; write it as a string"),
        ({"send": {"source": {"wallet": {"id": "w"}}, "destination": {"account": {"id": "a"}},
                   "amount": {"amount": "1e3", "asset": "X"}}},
         "stages[0].send.amount.amount", "must be digits or a ${variable}, got '1e3'"),
        ({"send": {"source": {"wallet": {"id": "w"}}, "destination": {"account": {"id": "a"}},
                   "amount": {"amount": "1"}}}, "stages[0].send.amount", "missing required key 'asset'"),
        ({"delay": {}}, "stages[0].delay", "needs exactly one of 'duration' or 'until', got none"),
        ({"delay": {"duration": "-5s"}}, "stages[0].delay.duration", "must not be negative"),
        ({"delay": {"duration": 5}}, "stages[0].delay.duration", "must be a Go duration string"),
        ({"update": {}}, "stages[0].update", "missing required key 'account'"),
        ({"noop": {"x": 1}}, "stages[0].noop.x", "unknown key 'x'; it takes no keys"),
        ({"delay": {"duration": "5s"}, "noop": {}}, "stages[0]", "a stage must have exactly one key, its kind"),
        ({}, "stages[0]", "got no key"),
        ([], "stages[0]", "a stage must be an object with one key, its kind, got a list"),
    ],
)  # fmt: skip
def test_each_rule(stage: Any, path: str, message: str) -> None:
    problems = problems_of(json.dumps({"stages": [stage]}))
    assert any(p.path == path and message in p.message for p in problems), problems


def test_values_the_server_interpolates_or_reads_loosely_pass() -> None:
    config: dict[str, list[dict[str, Any]]] = {
        "stages": [
            {
                "send": {
                    "source": {"account": {"id": "users:${id}", "allowOverdraft": "${overdraft}"}},
                    "destination": {"wallet": {"name": "main", "balance": "b"}},
                    "amount": {"amount": 100, "asset": "EUR/2"},  # a JSON integer the server reads exactly
                    "metadata": {"k": "${v}", "n": None},
                    "timestamp": "${timestamp}",
                }
            },
            {"delay": {"duration": "${wait}"}},
            {"delay": {"until": "2030-01-02T03:04:05.5+02:00"}},
            {"send": {"source": {"payment": {"id": "p"}}, "destination": {"account": {"id": "a"}}}},
            {"update": {"account": {"id": "a", "metadata": {"k": "v"}}}},
            {"noop": None},
            {"noop": {}},
        ]
    }
    assert validate_workflow_config(config) == models.V2WorkflowConfig(stages=config["stages"])
    assert load_workflow_config(json.dumps(config)).stages == config["stages"]


def test_an_unquoted_yaml_date_keeps_its_text() -> None:
    config = load_workflow_config("stages:\n- delay:\n    until: 2030-01-02T03:04:05Z\n")
    assert config.stages == [{"delay": {"until": "2030-01-02T03:04:05Z"}}]


def test_duplicate_keys_are_reported_in_both_formats() -> None:
    (problem,) = problems_of('{"stages": [], "stages": []}')
    assert (problem.path, problem.line, problem.column) == ("stages", 1, 16)
    assert problem.message == "duplicate key (only the last one would count)"
    (problem,) = problems_of("stages: []\nname: a\nname: b\n")
    assert (problem.path, problem.line, problem.column) == ("name", 3, 1)


def test_syntax_errors_are_one_problem_with_a_position() -> None:
    (problem,) = problems_of('{"stages": [{"noop": {}}]')
    assert (problem.path, problem.line, problem.column) == ("(file)", 1, 26)
    assert problem.message.startswith("not valid JSON")
    (problem,) = problems_of("stages:\n  - [a\n")
    assert problem.message.startswith("not valid YAML")
    assert problem.line == 3


def test_strict_false_keeps_keys_and_kinds_of_a_newer_server() -> None:
    text = "stages:\n- delay: {duration: 5s, jitter: 1s}\n- approve: {by: ops}\nowner: me\n"
    with pytest.raises(WorkflowConfigError):
        load_workflow_config(text)
    config = load_workflow_config(text, strict=False)
    assert config.stages == [{"delay": {"duration": "5s", "jitter": "1s"}}, {"approve": {"by": "ops"}}]
    # Known keys are still checked.
    (problem,) = problems_of("stages:\n- delay: {duration: 5d, jitter: 1s}\n", strict=False)
    assert problem.path == "stages[0].delay.duration"


def test_configs_built_in_code_are_checked_the_same_way_without_positions() -> None:
    config = models.V2WorkflowConfig(name="x", stages=[{"dealy": {"duration": "5s"}}, {"wait_event": {"evnt": "go"}}])
    with pytest.raises(WorkflowConfigError) as info:
        validate_workflow_config(config)
    assert [str(p) for p in info.value.problems] == [
        "stages[0].dealy: unknown stage kind 'dealy' (did you mean 'delay'?); known: send, delay, wait_event, "
        "update, noop",
        "stages[1].wait_event.evnt: unknown key 'evnt' (did you mean 'event'?); known: event",
        "stages[1].wait_event: missing required key 'event'",
    ]
    assert str(info.value).startswith("3 problems in workflow config:\n")
    good = models.V2WorkflowConfig(stages=[{"noop": {}}])
    assert validate_workflow_config(good) is good
    # A mapping may hold stage builders.
    built = validate_workflow_config({"name": "n", "stages": [s.WaitEvent("go"), {"delay": {"duration": "1m"}}]})
    assert built == models.V2WorkflowConfig(
        name="n", stages=[{"wait_event": {"event": "go"}}, {"delay": {"duration": "1m"}}]
    )
    with pytest.raises(TypeError, match=re.escape("expected a models.V2WorkflowConfig or a mapping")):
        validate_workflow_config(["stages"])  # type: ignore[arg-type]


def test_every_builder_renders_a_config_the_check_accepts() -> None:
    stages: list[s.Stage] = [
        s.Send(
            source=s.Account("a", ledger="l", through_account="t", allow_overdraft=True),
            destination=s.PaymentDestination(
                psp="stripe", type="PAYOUT", source_account="x", connector_id="c", waiting_validation=True,
                metadata="formanceAccountID",
            ),
            amount=s.Amount(2**80, "EUR/2"),
            metadata={"k": "v"},
            timestamp="2030-01-02T03:04:05Z",
        ),
        s.Send(
            source=s.PaymentSource("p", ledger="l", holding_account="h", through_account="t", allow_overdraft=False),
            destination=s.Wallet(name="w", balance="main"),
        ),
        s.Delay(duration="1h"),
        s.WaitEvent("go"),
        s.Update(s.UpdateAccount("a", {"k": "v"}, ledger="l")),
        s.Noop(),
    ]  # fmt: skip
    validate_workflow_config({"stages": stages})


def test_payment_destination_metadata_is_the_string_the_server_reads() -> None:
    # The server's PaymentDestination.Metadata is a string (the metadata key holding the PSP account id); an
    # object made the server refuse the whole workflow with a 500.
    payout = s.Send(
        source=s.Account("a"),
        destination=s.PaymentDestination(psp="stripe", metadata="pspAccount"),
        amount=s.Amount(1, "EUR/2"),
    )
    with FakeOrchestration().client() as client:
        workflow = client.v2.create_workflow(stages=[payout])
    assert workflow.config.stages == [payout.to_json()]
    with pytest.raises(ValueError, match=re.escape("PaymentDestination.metadata must be a non-empty string")):
        s.PaymentDestination(psp="stripe", metadata={"k": "v"})  # type: ignore[arg-type]


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_every_shared_workflow_file_loads_clean(path: Path) -> None:
    config = load_workflow_config(path)
    assert config.stages
    validate_workflow_config(config)


def test_shared_workflow_files_exist_or_the_test_above_skips() -> None:
    if not workflow_files():
        pytest.skip("../shared/workflows not found")
    assert len(workflow_files()) == 10


# -- the table of what the server reads ----------------------------------------------------------------------------


def keys_of(spec: Any) -> Any:
    if isinstance(spec, _Object):
        return {key: keys_of(value) for key, value in spec.fields.items()}
    return None


def double_keys(struct: Any) -> Any:
    out: dict[str, Any] = {}
    for field in struct.fields:
        if field.kind == "embedded":
            out.update(double_keys(field.sub))
        else:
            out[field.key] = double_keys(field.sub) if field.sub is not None else None
    return out


def test_the_stage_table_matches_the_server_structs_the_double_mirrors() -> None:
    # The double's table is read from the server's Go structs (internal/workflow/stages); keys, nesting and kinds
    # must be the same, or the check refuses what the server reads, or lets through what it ignores.
    assert {kind: keys_of(spec) for kind, spec in STAGE_KINDS.items()} == {
        kind: double_keys(struct) for kind, struct in STAGE_TYPES.items()
    }


def test_the_stage_table_knows_every_property_of_the_documents_stage_schemas() -> None:
    path = spec_path()
    if path is None:
        pytest.skip("OpenAPI document not found")
    import yaml

    schemas = yaml.safe_load(path.read_text(encoding="utf-8"))["components"]["schemas"]

    def props(name: str) -> Any:
        schema = schemas[name]
        while "$ref" in schema:
            schema = schemas[schema["$ref"].rsplit("/", 1)[1]]
        return schema

    def compare(schema_name: str, spec: _Object) -> None:
        schema = props(schema_name)
        for key, prop in schema.get("properties", {}).items():
            assert key in spec.fields, (schema_name, key)
            if "$ref" in prop:
                target = prop["$ref"].rsplit("/", 1)[1]
                sub = spec.fields[key]
                if isinstance(sub, _Object):
                    compare(target, sub)

    variants = [ref["$ref"].rsplit("/", 1)[1] for ref in schemas["V2Stage"]["anyOf"]]
    kinds = {"V2StageSend": "send", "V2StageDelay": "delay", "V2StageWaitEvent": "wait_event", "V2Update": "update"}
    assert set(variants) == set(kinds)
    for variant in variants:
        compare(variant, STAGE_KINDS[kinds[variant]])


# -- variables -----------------------------------------------------------------------------------------------------


def test_workflow_variables_lists_every_placeholder_of_every_string_value() -> None:
    config = load_workflow_config(
        "stages:\n"
        "- send:\n"
        "    source: {account: {id: 'users:${user}:${sub}', allowOverdraft: '${od}'}}\n"
        "    destination: {wallet: {id: w}}\n"
        "    amount: {amount: '${amount}', asset: EUR/2}\n"
        "    metadata: {'${not_a_key_variable}': '${value}'}\n"
        "- delay: {duration: '${wait}'}\n"
    )
    assert workflow_variables(config) == {"user", "sub", "od", "amount", "value", "wait"}
    assert workflow_variables({"stages": [s.WaitEvent("${name}")]}) == {"name"}
    assert workflow_variables(models.V2WorkflowConfig()) == frozenset()


# -- the position-aware JSON reader ----------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(value=st.dictionaries(st.text(max_size=5), json_values, max_size=4), indent=st.sampled_from([None, 1, 2]))
def test_the_json_reader_reads_what_json_loads_reads_and_points_at_each_value(value: Any, indent: int | None) -> None:
    text = json.dumps(value, indent=indent)
    located, problems = parse_located(text, None)
    assert problems == []
    assert located is not None
    assert located.data == json.loads(text)
    lines = text.split("\n")
    for path, (line, column) in located.values.items():
        node: Any = located.data
        for part in path:
            node = node[part]
        rest = lines[line - 1][column - 1 :]
        decoded, _ = json.JSONDecoder().raw_decode(
            rest if not isinstance(node, (dict, list)) else text_from(lines, line, column)
        )
        assert decoded == node
    for path, (line, column) in located.keys.items():
        assert re.match(re.escape(json.dumps(path[-1])), lines[line - 1][column - 1 :])


def text_from(lines: list[str], line: int, column: int) -> str:
    return "\n".join([lines[line - 1][column - 1 :], *lines[line:]])
