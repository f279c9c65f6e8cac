"""``lumbar advance``: from a saved program, state and session log to the next session.

PROGRAM, LOG and STATE are files of lumbar JSON (``-``: standard input). Without
``--state`` the state is the one before the first session. The next session and the
decisions behind it are printed; the new state is written to ``--output``, replacing
the file only once it is complete.
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING, Any

from lumbar.cli._parser import add_format
from lumbar.cli._rules import Rules
from lumbar.cli._streams import Streams, UsageError

if TYPE_CHECKING:
    from lumbar.progression._advance import Step

HELP = {
    "advance": (
        "log a session of a saved program and get the next one",
        "Read a program (as 'lumbar plan --format json' writes it), the log of the "
        "session just done and the state before it, apply the program's progression rules "
        "(installed plug-ins included), print the next session and write the new state.",
    )
}


def _advance_options(advance: argparse.ArgumentParser) -> None:
    advance.add_argument("program", metavar="PROGRAM", help="the program, lumbar JSON ('-': stdin)")
    advance.add_argument("log", metavar="LOG", help="the session's log, lumbar JSON ('-': stdin)")
    advance.add_argument(
        "--state",
        metavar="STATE",
        help="the state before this session (default: the state before the first session)",
    )
    advance.add_argument("--output", metavar="NEW_STATE", help="write the new state to this file")
    add_format(advance)


OPTIONS = {"advance": _advance_options}


def _load(streams: Streams, path: str, kind: type[Any], what: str, **options: Any) -> Any:
    from lumbar.errors import ValidationError
    from lumbar.formats._json import from_json

    try:
        return from_json(streams.read(path, what), kind, **options)
    except ValidationError as error:
        raise error.prefixed(what) from None


def _advance(arguments: argparse.Namespace, streams: Streams) -> int:
    from lumbar.content._catalog import default_catalog
    from lumbar.model._log import SessionLog
    from lumbar.model._program import Program
    from lumbar.progression._advance import ProgramState
    from lumbar.progression._defaults import advance

    given = [arguments.program, arguments.log, arguments.state]
    if sum(path == "-" for path in given) > 1:
        raise UsageError("only one of PROGRAM, LOG and --state can be read from standard input")
    catalog = default_catalog()
    program = _load(streams, arguments.program, Program, "program", catalog=catalog)
    log = _load(streams, arguments.log, SessionLog, "log")
    rules = Rules()
    rules.check_refs(program.rules, "program.rules")
    if arguments.state is None:
        state = ProgramState.begin(program, catalog=catalog)
    else:
        state = _load(streams, arguments.state, ProgramState, "state", catalog=catalog)
        if state.fingerprint != program.fingerprint():
            raise UsageError(
                f"--state: this state belongs to another program than PROGRAM (the state's is "
                f"{state.title!r}, {state.fingerprint}); pass the program the state began with"
            )
    step = advance(program, state, log, catalog=catalog, registry=rules.registry)
    if arguments.output:
        _write_state(step, arguments.output)
    if arguments.format == "json":
        _print_json(step, streams)
    else:
        _print_text(step, streams)
    if arguments.output:
        streams.err(f"Wrote the new state to {arguments.output}.")
    else:
        streams.err("The new state was not saved: pass --output NEW_STATE to keep it.")
    return 0


def _write_state(step: Step, path: str) -> None:
    """Write the state next to its target, then put it in place: never half a file."""
    from lumbar.formats._json import to_json

    partial = f"{path}.partial"
    try:
        with open(partial, "w", encoding="utf-8") as handle:
            handle.write(to_json(step.state, indent=2) + "\n")
        os.replace(partial, path)
    except OSError as error:
        raise UsageError(f"--output: cannot write {path}: {error.strerror or error}") from None


def _print_json(step: Step, streams: Streams) -> None:
    import json

    from lumbar.formats._json import to_dict

    session = step.session
    document = {
        "finished": session is None,
        "week_index": step.state.week_index,
        "session_index": step.state.session_index,
        "next_session": None if session is None else to_dict(session),
        "decisions": [to_dict(decision) for decision in step.decisions],
    }
    streams.document(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def _print_text(step: Step, streams: Streams) -> None:
    from lumbar.content._catalog import default_catalog
    from lumbar.model._dose import describe

    catalog = default_catalog()
    session = step.session
    if session is None:
        streams.out("The program is over: no session is left.", bold=True)
    else:
        label = f" ({session.label})" if session.label else ""
        streams.out(
            f"Next session: week {step.state.week_index + 1}, "
            f"session {step.state.session_index + 1}{label}",
            bold=True,
        )
        width = max(len(catalog[rx.exercise].name) for rx in session.prescriptions)
        for rx in session.prescriptions:
            streams.out(f"  {catalog[rx.exercise].name:<{width}}  {describe(rx.dose)}")
    if step.decisions:
        streams.out("Why:")
        for decision in step.decisions:
            stop = decision.action.value == "stop"
            streams.out(f"  - {decision.exercise}: {decision.reason}", alert=stop)


RUN = {"advance": _advance}
