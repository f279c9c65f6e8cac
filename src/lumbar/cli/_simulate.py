"""``lumbar simulate``: run a program against a virtual patient and show how doses moved."""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from lumbar.cli._parser import PATIENTS, add_format, add_profile_options, ids
from lumbar.cli._profile import profile_of
from lumbar.cli._rules import Rules
from lumbar.cli._streams import Streams

if TYPE_CHECKING:
    from lumbar.content._catalog import Catalog

HELP = {
    "simulate": (
        "run a program against a virtual patient and show how doses moved",
        "Build a program from the options, run it against a built-in virtual patient "
        "under its progression rules (or the --rules named, plug-ins included), and "
        "print how each exercise's dose moved.",
    )
}


def _simulate_options(simulate: argparse.ArgumentParser) -> None:
    add_profile_options(simulate)
    simulate.add_argument(
        "--patient", choices=PATIENTS, default="steady", help="the virtual patient"
    )
    simulate.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    simulate.add_argument(
        "--rules",
        type=ids,
        metavar="NAMES",
        help="progression rules by name, comma-separated, wrappers first (e.g. "
        "pain-gate,double-progression); installed plug-ins included",
    )
    add_format(simulate)


OPTIONS = {"simulate": _simulate_options}


def _patient(name: str) -> Any:
    from lumbar.simulation._patients import FlareUp, NonAdherent, Plateau, SteadyImprover

    return {
        "steady": SteadyImprover,
        "plateau": Plateau,
        "flare-up": FlareUp,
        "non-adherent": NonAdherent,
    }[name]()


def _simulate(arguments: argparse.Namespace, streams: Streams) -> int:
    from lumbar.content._catalog import default_catalog
    from lumbar.planning._builder import build_program
    from lumbar.safety._screening import RedFlags, screen
    from lumbar.simulation._simulate import simulate

    # A virtual patient has no red flags to screen.
    program = build_program(profile_of(arguments, screen(RedFlags())))
    rules = Rules()
    rule = rules.stack(arguments.rules) if arguments.rules else None
    if rule is None:
        rules.check_refs(program.rules, "program.rules")
    catalog = default_catalog()
    result = simulate(
        program,
        _patient(arguments.patient),
        rule=rule,
        catalog=catalog,
        seed=arguments.seed,
        registry=rules.registry,
    )
    changes = _changes(result.records, catalog)
    counts: dict[str, int] = {}
    for decision in result.decisions:
        counts[decision.action.value] = counts.get(decision.action.value, 0) + 1
    if arguments.format == "json":
        import json

        document = {
            "title": program.title,
            "patient": arguments.patient,
            "seed": arguments.seed,
            "sessions": len(result.records),
            "weeks": len(result.program.weeks),
            "ended_early": result.ended_early,
            "decisions": dict(sorted(counts.items())),
            "changes": [
                {"ladder": key, "week": week + 1, "exercise": exercise_id, "dose": dose}
                for key, rows in changes.items()
                for week, exercise_id, dose in rows
            ],
        }
        streams.document(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        return 0
    streams.out(
        f"{program.title}: a {arguments.patient} virtual patient (seed {arguments.seed}), "
        f"{len(result.records)} sessions over {len(result.program.weeks)} weeks."
    )
    streams.out("How each exercise's dose moved (its first session of each week, when changed):")
    for key, rows in changes.items():
        streams.out(f"  {catalog[key].name} ladder", bold=True)
        for week, exercise_id, dose in rows:
            name = catalog[exercise_id].name
            streams.out(f"    week {week + 1:>2}  {name:<34} {dose}")
    summary = ", ".join(f"{count} {action}" for action, count in sorted(counts.items()))
    streams.out(f"Decisions: {summary}.")
    if result.ended_early:
        streams.out("Every exercise was stopped before the end: the patient needs a clinician.")
    return 0


def _changes(records: Iterable[Any], catalog: Catalog) -> dict[str, list[tuple[int, str, str]]]:
    from lumbar.model._dose import describe

    base: dict[str, str] = {}
    last: dict[str, object] = {}
    seen: dict[str, int] = {}
    changes: dict[str, list[tuple[int, str, str]]] = {}
    for record in records:
        for prescription in record.session:
            exercise_id = prescription.exercise
            key = base.get(exercise_id)
            if key is None:
                key = base[exercise_id] = catalog.ladder(exercise_id)[0].id
            if last.get(key) != prescription and seen.get(key) != record.week_index:
                seen[key] = record.week_index
                last[key] = prescription
                changes.setdefault(key, []).append(
                    (record.week_index, exercise_id, describe(prescription.dose))
                )
    return changes


RUN = {"simulate": _simulate}
