"""Workflows and instances drawn as Mermaid flowcharts (text that GitHub, GitLab and MkDocs Material render).

>>> from formance_orchestration import diagrams, load_workflow_config
>>> print(diagrams.workflow_chart(load_workflow_config("stages:\\n- wait_event: {event: go}\\n")), end="")
flowchart TD
    start(["workflow"])
    s0["<b>0 · wait_event</b><br/>until event go"]
    finish(["end"])
    start --> s0
    s0 --> finish

A workflow chart shows the stages in order, each with its kind and what it moves between (accounts, wallets,
payments). An instance chart is the same chart with each stage's state (done, failed with its error, running,
waiting for an event, not reached), coloured. Not imported by ``import formance_orchestration``.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any

from . import models
from ._resources.progress import StageState, stage_kind, stage_states

__all__ = ["instance_chart", "party_label", "workflow_chart"]

_STYLES = {
    StageState.DONE: "fill:#d3f9d8,stroke:#2b8a3e,color:#1b4d2b",
    StageState.FAILED: "fill:#ffe3e3,stroke:#c92a2a,color:#5c1111",
    StageState.RUNNING: "fill:#fff3bf,stroke:#e67700,color:#5c3c00",
    StageState.WAITING: "fill:#d0ebff,stroke:#1864ab,color:#0b3256",
    StageState.NOT_REACHED: "fill:#f1f3f5,stroke:#adb5bd,color:#868e96,stroke-dasharray:4 3",
}
_CLASS = {state: state.name.lower() for state in StageState}
_MAX_ERROR = 80


def _escape(text: str) -> str:
    # Mermaid labels are HTML inside double quotes: entities for the characters that would end or open markup.
    return (
        text.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;").replace("\n", " ")
    )


def _get(body: Any, key: str) -> Any:
    return body.get(key) if isinstance(body, Mapping) else None


def party_label(party: Any) -> str:
    """A send stage's source or destination in a few words: ``account users:1 (ledger main)``, ``wallet w``..."""
    if not isinstance(party, Mapping) or len(party) != 1:
        return "?"
    kind, body = next(iter(party.items()))
    if kind == "account":
        ledger = _get(body, "ledger")
        return f"account {_get(body, 'id')}" + (f" (ledger {ledger})" if ledger else "")
    if kind == "wallet":
        name = _get(body, "id") or _get(body, "name")
        balance = _get(body, "balance")
        return f"wallet {name}" + (f" (balance {balance})" if balance else "")
    if kind == "payment" and _get(body, "psp") is not None:
        kind_of = _get(body, "type") or "TRANSFER"
        return f"{_get(body, 'psp')} {kind_of}".strip()
    if kind == "payment":
        return f"payment {_get(body, 'id')}"
    return str(kind)


def _details(stage: Any) -> list[str]:
    kind = stage_kind(stage)
    body = _get(stage, kind) if kind else None
    if kind == "send":
        lines = [f"from {party_label(_get(body, 'source'))}", f"to {party_label(_get(body, 'destination'))}"]
        amount = _get(body, "amount")
        if isinstance(amount, Mapping):
            lines.append(f"{amount.get('amount')} {amount.get('asset')}")
        elif _get(_get(body, "source"), "payment") is not None:
            lines.append("the payment's amount")
        return lines
    if kind == "delay":
        duration, until = _get(body, "duration"), _get(body, "until")
        return [f"for {duration}"] if duration else [f"until {until}"] if until else []
    if kind == "wait_event":
        return [f"until event {_get(body, 'event')}"]
    if kind == "update":
        account = _get(body, "account")
        keys = ", ".join(sorted(_get(account, "metadata") or {}))
        ledger = _get(account, "ledger")
        where = f"account {_get(account, 'id')}" + (f" (ledger {ledger})" if ledger else "")
        return [f"metadata of {where}"] + ([f"keys {keys}"] if keys else [])
    return []


def _node(number: int, stage: Any, state: str | None) -> str:
    title = f"<b>{number} · {_escape(stage_kind(stage) or 'stage')}</b>"
    lines = [title, *(_escape(line) for line in _details(stage))]
    if state is not None:
        lines.append(f"<i>{_escape(state)}</i>")
    return f'    s{number}["{"<br/>".join(lines)}"]'


def _chart(name: str | None, stages: Sequence[Any], states: Sequence[str] | None = None) -> list[str]:
    out = ["flowchart TD", f'    start(["{_escape(name or "workflow")}"])']
    out += [_node(n, stage, states[n] if states else None) for n, stage in enumerate(stages)]
    out.append('    finish(["end"])')
    nodes = ["start", *(f"s{n}" for n in range(len(stages))), "finish"]
    out += [f"    {a} --> {b}" for a, b in itertools.pairwise(nodes)]
    return out


def _config_of(config: models.V2WorkflowConfig | Mapping[str, Any]) -> tuple[str | None, list[Any]]:
    if isinstance(config, models.V2WorkflowConfig):
        return config.name, list(config.stages or [])
    stages = config.get("stages") or []
    return config.get("name"), [s.to_json() if hasattr(s, "to_json") else s for s in stages]


def workflow_chart(config: models.V2WorkflowConfig | Mapping[str, Any]) -> str:
    """A workflow config as a Mermaid flowchart: the stages in order, each with its kind and what it moves.

    Args:
        config: A :class:`models.V2WorkflowConfig` (``load_workflow_config``, ``workflow.config``) or a mapping
            with ``name`` and ``stages`` (builders allowed).

    Returns:
        The Mermaid text, ending with a newline (put it in a ```` ```mermaid ```` block).
    """
    name, stages = _config_of(config)
    return "\n".join(_chart(name, stages)) + "\n"


def instance_chart(
    instance: models.V2WorkflowInstance,
    config: models.V2WorkflowConfig | Mapping[str, Any] | None = None,
    history: Sequence[models.V2WorkflowInstanceHistory] | None = None,
) -> str:
    """An instance as its workflow's chart, each stage coloured by its state and labelled with it.

    States: done, failed (with the error), running, waiting for its event (a running ``wait_event``), not reached.

    Args:
        instance: The instance (``get_instance``); the server sends its workflow along, config included.
        config: The workflow's config, when ``instance.workflow`` is missing.
        history: ``get_instance_history(...)``, whose errors fill in a failed stage without one in its status.

    Raises:
        ValueError: no config given and the instance carries no workflow.
    """
    if config is None:
        if instance.workflow is None:
            raise ValueError("the instance carries no workflow: pass config=")
        config = instance.workflow.config
    name, stages = _config_of(config)
    states = stage_states(instance, stages)
    labels: list[str] = []
    for number, (state, row) in enumerate(states):
        error = row.error if row is not None else None
        if state is StageState.FAILED and not error and history and number < len(history):
            error = history[number].error
        label = "waiting for its event" if state is StageState.WAITING else str(state)
        if state is StageState.FAILED and error:
            label = "failed: " + (error if len(error) <= _MAX_ERROR else error[: _MAX_ERROR - 1] + "…")
        labels.append(label)
    out = _chart(name, stages, labels)
    for state in StageState:
        out.append(f"    classDef {_CLASS[state]} {_STYLES[state]}")
    for number, (state, _) in enumerate(states):
        out.append(f"    class s{number} {_CLASS[state]}")
    return "\n".join(out) + "\n"
