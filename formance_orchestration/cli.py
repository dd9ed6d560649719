"""The ``formance-orchestration`` command (also ``python -m formance_orchestration``).

Configured from the same environment as :meth:`OrchestrationClient.from_env` (``FORMANCE_BASE_URL``,
``FORMANCE_CLIENT_ID``, ``FORMANCE_CLIENT_SECRET``, ``FORMANCE_TOKEN_URL``); ``validate`` needs none of it.
Tables by default, ``--json`` for machine output; errors are one line on stderr and a non-zero exit status
(1: the command failed, 2: bad usage, 130: interrupted), never a traceback.

Not imported by ``import formance_orchestration``: only the command loads it.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import warnings
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from . import models
from ._codec.converter import unstructure
from ._engine.client import OrchestrationClient
from ._exceptions import OrchestrationError
from ._resources.progress import StageProgress, StageState, stage_kind, stage_states
from .errors import MissingVariablesError, UnusedVariablesWarning, WaitTimeoutError
from .stages import WorkflowConfigError, load_workflow_config

__all__ = ["main"]

PROG = "formance-orchestration"


class CommandError(Exception):
    """A failure to report as one line (exit status 1)."""


# -- output ---------------------------------------------------------------------------------------------------------


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def _print_json(data: Any, out: TextIO) -> None:
    out.write(json.dumps(data, indent=2, default=_json_default) + "\n")


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S") if value is not None else ""


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], out: TextIO) -> None:
    rows = [list(row) for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    for row in [list(headers), *rows]:
        out.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() + "\n")


def _stage_summary(stage: Any) -> str:
    kind = stage_kind(stage) or "?"
    body = stage.get(kind) if isinstance(stage, dict) else None
    if kind == "delay" and isinstance(body, dict):
        return f"delay {body.get('duration') or 'until ' + str(body.get('until'))}"
    if kind == "wait_event" and isinstance(body, dict):
        return f"wait_event {body.get('event')}"
    if kind == "send" and isinstance(body, dict):
        from .diagrams import party_label

        return f"send {party_label(body.get('source'))} -> {party_label(body.get('destination'))}"
    if kind == "update" and isinstance(body, dict):
        account = body.get("account")
        return f"update {account.get('id') if isinstance(account, dict) else '?'}"
    return kind


# -- commands -------------------------------------------------------------------------------------------------------


def _validate(args: argparse.Namespace, out: TextIO) -> int:
    results = []
    for file in args.files:
        if not os.path.isfile(file):
            missing = {"path": "(file)", "message": "no such file", "file": file, "line": None, "column": None}
            results.append({"file": file, "ok": False, "problems": [missing]})
            if not args.json:
                out.write(f"{file}: no such file\n")
            continue
        try:
            config = load_workflow_config(Path(file), strict=args.strict)
        except WorkflowConfigError as exc:
            results.append({"file": file, "ok": False, "problems": [_problem_json(p) for p in exc.problems]})
            if not args.json:
                for problem in exc.problems:
                    out.write(f"{problem}\n")
        else:
            results.append({"file": file, "ok": True, "stages": len(config.stages or []), "problems": []})
            if not args.json:
                n = len(config.stages or [])
                out.write(f"{file}: ok ({n} stage{'s' if n != 1 else ''})\n")
    if args.json:
        _print_json(results, out)
    return 0 if all(r["ok"] for r in results) else 1


def _load(file: str) -> models.V2WorkflowConfig:
    if not os.path.isfile(file):
        raise CommandError(f"{file}: no such file")
    return load_workflow_config(Path(file))


def _problem_json(problem: Any) -> dict[str, Any]:
    return {
        "path": problem.path,
        "message": problem.message,
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
    }


def _workflow_rows(workflows: Iterable[models.V2Workflow]) -> list[list[str]]:
    return [[w.id, w.config.name or "", str(len(w.config.stages or [])), _when(w.created_at)] for w in workflows]


def _workflows(args: argparse.Namespace, out: TextIO, client: OrchestrationClient) -> int:
    if args.action == "create":
        config = _load(args.file)
        workflow = client.v2.create_workflow(config=config)
        if args.json:
            _print_json(unstructure(workflow), out)
        else:
            out.write(f"created workflow {workflow.id}\n")
        return 0
    if args.action == "list":
        workflows = list(client.v2.list_workflows(page_size=100))
        if args.json:
            _print_json([unstructure(w) for w in workflows], out)
        else:
            _table(["ID", "NAME", "STAGES", "CREATED"], _workflow_rows(workflows), out)
        return 0
    if args.action == "get":
        workflow = client.v2.get_workflow(args.id)
        if args.json:
            _print_json(unstructure(workflow), out)
        else:
            _table(["ID", "NAME", "STAGES", "CREATED"], _workflow_rows([workflow]), out)
            out.write("\n")
            _table(
                ["#", "STAGE"],
                [[str(i), _stage_summary(stage)] for i, stage in enumerate(workflow.config.stages or [])],
                out,
            )
        return 0
    client.v2.delete_workflow(args.id)
    if args.json:
        _print_json({"deleted": args.id}, out)
    else:
        out.write(f"deleted workflow {args.id}\n")
    return 0


def _parse_vars(pairs: Sequence[str]) -> dict[str, str]:
    variables: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise CommandError(f"--var expects NAME=VALUE, got {pair!r}")
        variables[name] = value
    return variables


def _instance_rows(instances: Iterable[models.V2WorkflowInstance]) -> list[list[str]]:
    return [[i.id, i.workflow_id, _outcome(i), _when(i.created_at), _when(i.terminated_at)] for i in instances]


def _outcome(instance: models.V2WorkflowInstance) -> str:
    if not instance.terminated:
        return "running"
    return f"failed: {instance.error}" if instance.error else "succeeded"


def _run(args: argparse.Namespace, out: TextIO, client: OrchestrationClient) -> int:
    err = args.err
    variables = _parse_vars(args.var)
    check = not args.no_check
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UnusedVariablesWarning)
        try:
            if args.wait:
                instance = client.v2.run_workflow_and_wait(
                    args.workflow, variables=variables, check_variables=check, timeout=args.timeout
                )
            else:
                instance = client.v2.run_workflow(args.workflow, variables=variables, check_variables=check)
        except MissingVariablesError as exc:
            needed = " ".join(f"--var {name}=..." for name in exc.missing)
            raise CommandError(
                f"workflow {exc.workflow_id} uses variables the run does not give: {', '.join(exc.missing)} "
                f"(pass {needed}, or --no-check to run anyway)"
            ) from None
        finally:
            for warning in caught:
                err.write(f"warning: {warning.message}\n")
    if args.json:
        _print_json(unstructure(instance), out)
    elif args.wait:
        out.write(f"instance {instance.id} {_outcome(instance)}\n")
    else:
        out.write(f"started instance {instance.id}\n")
    return 1 if instance.error else 0


def _instances(args: argparse.Namespace, out: TextIO, client: OrchestrationClient) -> int:
    headers = ["ID", "WORKFLOW", "STATE", "CREATED", "TERMINATED"]
    if args.action == "list":
        instances = list(
            client.v2.list_instances(page_size=100, workflow_id=args.workflow, running=True if args.running else None)
        )
        if args.json:
            _print_json([unstructure(i) for i in instances], out)
        else:
            _table(headers, _instance_rows(instances), out)
        return 0
    if args.action == "get":
        instance = client.v2.get_instance(args.id)
        if args.json:
            _print_json(unstructure(instance), out)
            return 0
        _table(headers, _instance_rows([instance]), out)
        stages = instance.workflow.config.stages if instance.workflow is not None else None
        out.write("\n")
        _table(
            ["#", "STAGE", "STATE", "STARTED", "TERMINATED"],
            [
                [
                    str(n),
                    _stage_summary(stages[n]) if stages is not None else "",
                    _state_text(state, row.error if row else None),
                    _when(row.started_at if row else None),
                    _when(row.terminated_at if row else None),
                ]
                for n, (state, row) in enumerate(stage_states(instance, stages))
            ],
            out,
        )
        return 0
    history = client.v2.get_instance_history(args.id)
    if args.json:
        _print_json([unstructure(h) for h in history], out)
    else:
        _table(
            ["#", "NAME", "STARTED", "TERMINATED", "ERROR"],
            [
                [str(n), h.name, _when(h.started_at), _when(h.terminated_at), h.error or ""]
                for n, h in enumerate(history)
            ],
            out,
        )
    return 0


def _state_text(state: StageState, error: str | None) -> str:
    return f"failed: {error}" if state is StageState.FAILED and error else str(state)


def _events(args: argparse.Namespace, out: TextIO, client: OrchestrationClient) -> int:
    client.v2.send_event(args.instance, name=args.name)
    if args.json:
        _print_json({"instance": args.instance, "event": args.name, "sent": True}, out)
    else:
        out.write(f"sent event {args.name} to instance {args.instance}\n")
    return 0


# -- watch ----------------------------------------------------------------------------------------------------------

_COLOURS = {
    StageState.NOT_REACHED: "\x1b[2m",
    StageState.RUNNING: "\x1b[33m",
    StageState.WAITING: "\x1b[36m",
    StageState.DONE: "\x1b[32m",
    StageState.FAILED: "\x1b[31m",
}
_MARKS = {
    StageState.NOT_REACHED: "·",
    StageState.RUNNING: "…",
    StageState.WAITING: "⏸",
    StageState.DONE: "✓",
    StageState.FAILED: "✗",
}


class _LiveBoard:
    """The stages as lines redrawn in place (plain ANSI: cursor up, clear line)."""

    def __init__(self, out: TextIO, instance: models.V2WorkflowInstance, stages: list[Any] | None) -> None:
        self.out = out
        self.stages = stages
        self.lines: list[str] = []
        self.states = [(state, row.error if row else None) for state, row in stage_states(instance, stages)]
        out.write(f"instance {instance.id} of workflow {instance.workflow_id}\n")
        self.draw()

    def line(self, number: int) -> str:
        state, error = self.states[number]
        summary = _stage_summary(self.stages[number]) if self.stages is not None else ""
        text = f" {_MARKS[state]} {number:>2}  {summary:<40} {_state_text(state, error)}"
        return f"{_COLOURS[state]}{text}\x1b[0m"

    def draw(self) -> None:
        if self.lines:
            self.out.write(f"\x1b[{len(self.lines)}F")
        self.lines = [self.line(n) for n in range(len(self.states))]
        self.out.write("".join(f"\x1b[2K{line}\n" for line in self.lines))
        self.out.flush()

    def update(self, event: StageProgress) -> None:
        while event.stage >= len(self.states):  # the config was unknown: grow with the stages seen
            self.states.append((StageState.NOT_REACHED, None))
        self.states[event.stage] = (event.state, event.error)
        self.draw()


def _watch(args: argparse.Namespace, out: TextIO, client: OrchestrationClient) -> int:
    instance = client.v2.get_instance(args.instance)
    stages = instance.workflow.config.stages if instance.workflow is not None else None
    live = out.isatty() and not args.json
    on_progress: Callable[[StageProgress], None]
    if live:
        board = _LiveBoard(out, instance, stages)
        on_progress = board.update
    elif args.json:

        def on_progress(event: StageProgress) -> None:
            line = {"instance": event.instance_id, "stage": event.stage, "state": str(event.state), "kind": event.kind}
            line |= {"error": event.error} if event.error else {}
            line |= {"event": event.event} if event.event else {}
            out.write(json.dumps(line) + "\n")
            out.flush()

    else:

        def on_progress(event: StageProgress) -> None:
            summary = _stage_summary(stages[event.stage]) if stages and event.stage < len(stages) else event.kind
            out.write(f"stage {event.stage} {summary}: {_state_text(event.state, event.error)}\n")
            out.flush()

    done = client.v2.wait_for_instance(
        args.instance, timeout=args.timeout, poll_interval=args.interval, on_progress=on_progress
    )
    if args.json:
        out.write(json.dumps({"instance": done.id, "outcome": "failed" if done.error else "succeeded",
                              "error": done.error}) + "\n")  # fmt: skip
    else:
        out.write(f"instance {done.id} {_outcome(done)}\n")
    return 1 if done.error else 0


# -- parsing and running --------------------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output")
    parser = argparse.ArgumentParser(
        prog=PROG,
        parents=[common],
        description="Formance Orchestration v2 from the command line. Reads FORMANCE_BASE_URL, FORMANCE_CLIENT_ID, "
        "FORMANCE_CLIENT_SECRET and FORMANCE_TOKEN_URL (as OrchestrationClient.from_env).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", parents=[common], help="check workflow files offline")
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.add_argument("--no-strict", dest="strict", action="store_false", help="allow keys this SDK does not know")

    workflows = commands.add_parser("workflows", parents=[common], help="create, list, get or delete workflows")
    actions = workflows.add_subparsers(dest="action", required=True, metavar="ACTION")
    actions.add_parser("create", parents=[common], help="create a workflow from a file").add_argument("file")
    actions.add_parser("list", parents=[common], help="list workflows")
    actions.add_parser("get", parents=[common], help="show a workflow and its stages").add_argument("id")
    actions.add_parser("delete", parents=[common], help="delete a workflow").add_argument("id")

    run = commands.add_parser("run", parents=[common], help="run a workflow")
    run.add_argument("workflow", metavar="WORKFLOW")
    run.add_argument("--var", action="append", default=[], metavar="NAME=VALUE", help="a variable (repeatable)")
    run.add_argument("--wait", action="store_true", help="wait for the instance to terminate")
    run.add_argument("--timeout", type=float, default=300.0, help="seconds to wait with --wait (default 300)")
    run.add_argument("--no-check", action="store_true", help="do not check the variables against the workflow")

    instances = commands.add_parser("instances", parents=[common], help="list or inspect instances")
    actions = instances.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", parents=[common], help="list instances")
    listing.add_argument("--workflow", help="only this workflow's instances")
    listing.add_argument("--running", action="store_true", help="only running instances")
    actions.add_parser("get", parents=[common], help="show an instance stage by stage").add_argument("id")
    actions.add_parser("history", parents=[common], help="an instance's history").add_argument("id")

    watch = commands.add_parser("watch", parents=[common], help="follow an instance's stages until it ends")
    watch.add_argument("instance", metavar="INSTANCE")
    watch.add_argument("--timeout", type=float, default=None, help="give up after this many seconds")
    watch.add_argument("--interval", type=float, default=0.5, help="seconds between polls (default 0.5)")

    events = commands.add_parser("events", parents=[common], help="send events to instances")
    actions = events.add_subparsers(dest="action", required=True, metavar="ACTION")
    send = actions.add_parser("send", parents=[common], help="send an event to a waiting instance")
    send.add_argument("instance", metavar="INSTANCE")
    send.add_argument("name", metavar="NAME")
    return parser


_COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO, OrchestrationClient], int]] = {
    "workflows": _workflows,
    "run": _run,
    "instances": _instances,
    "watch": _watch,
    "events": _events,
}


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit status."""
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    args = _parser().parse_args(argv)
    args.json = getattr(args, "json", False)
    args.err = err
    # The SDK logs retries as warnings; here the outcome is what the user reads, as one line. Python's last-resort
    # handler would print each retry too (FORMANCE_LOG, or a handler set by the caller, still gets them).
    logger = logging.getLogger("formance_orchestration")
    if not logger.handlers and not os.environ.get("FORMANCE_LOG"):
        logger.addHandler(logging.NullHandler())
    try:
        if args.command == "validate":
            return _validate(args, out)
        with OrchestrationClient.from_env() as client:
            return _COMMANDS[args.command](args, out, client)
    except KeyboardInterrupt:
        err.write("interrupted\n")
        return 130
    except WorkflowConfigError as exc:
        # A file refused by workflows create: every problem, as validate shows them.
        err.write(f"error: {exc.problems[0].file or 'workflow'}: {len(exc.problems)} problem(s)\n")
        for problem in exc.problems:
            err.write(f"  {problem}\n")
        return 1
    except WaitTimeoutError as exc:
        err.write(f"error: {exc}\n")
        return 1
    except (CommandError, OrchestrationError, ValueError, OSError, ImportError) as exc:
        err.write(f"error: {_one_line(exc)}\n")
        return 1
    except Exception as exc:  # a bug of ours: still one line, and what to report
        err.write(f"error: unexpected {type(exc).__name__}: {_one_line(exc)} (please report it)\n")
        return 1


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
