"""``lumbar simulate``: run a program against one virtual patient, or a cohort of them."""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from lumbar.cli._parser import PATIENTS, add_format, add_profile_options, ids
from lumbar.cli._profile import profile_of
from lumbar.cli._rules import Rules
from lumbar.cli._streams import Streams, UsageError

if TYPE_CHECKING:
    from lumbar.content._catalog import Catalog
    from lumbar.model._program import Program
    from lumbar.progression._protocol import ProgressionRule

HELP = {
    "simulate": (
        "run a program against a virtual patient and show how doses moved",
        "Build a program from the options, run it against a built-in virtual patient "
        "under its progression rules (or the --rules named, plug-ins included), and "
        "print how each exercise's dose moved. With --patients N, run N patients "
        "(seeds --seed, --seed + 1, ...) and print the cohort's summary; --workers K "
        "spreads them over K processes, with the same result.",
    )
}


def _simulate_options(simulate: argparse.ArgumentParser) -> None:
    add_profile_options(simulate)
    simulate.add_argument(
        "--patient", choices=PATIENTS, default="steady", help="the virtual patient"
    )
    simulate.add_argument(
        "--seed", type=int, default=0, help="random seed, the first one of a cohort (default 0)"
    )
    simulate.add_argument(
        "--patients",
        type=_count,
        default=1,
        metavar="N",
        help="how many virtual patients, one seed each (default 1: one patient in detail)",
    )
    simulate.add_argument(
        "--workers",
        type=_count,
        default=1,
        metavar="K",
        help="processes to spread a cohort over (default 1: this process)",
    )
    simulate.add_argument(
        "--rules",
        type=ids,
        metavar="NAMES",
        help="progression rules by name, comma-separated, wrappers first (e.g. "
        "pain-gate,double-progression); installed plug-ins included",
    )
    add_format(simulate, COHORT_FORMATS)


COHORT_FORMATS = ("text", "json", "csv")
"""What ``simulate`` writes: csv (a row per patient) only for a cohort."""


def _count(value: str) -> int:
    """A whole number of at least 1, for ``--patients`` and ``--workers``."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


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
    from lumbar.safety._red_flags import RedFlags
    from lumbar.safety._screening import screen
    from lumbar.simulation._simulate import simulate

    # A virtual patient has no red flags to screen.
    program = build_program(profile_of(arguments, screen(RedFlags())))
    rules = Rules()
    rule = rules.stack(arguments.rules) if arguments.rules else None
    if rule is None:
        rules.check_refs(program.rules, "program.rules")
    catalog = default_catalog()
    if arguments.patients > 1 or arguments.workers > 1:
        if rule is None:
            rule = rules.stack_of(program.rules)
        return _cohort(arguments, streams, program, rule, catalog)
    if arguments.format == "csv":
        raise UsageError("--format csv writes a row per patient: give --patients N (N > 1)")
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


def _cohort(
    arguments: argparse.Namespace,
    streams: Streams,
    program: Program,
    rule: ProgressionRule,
    catalog: Catalog,
) -> int:
    """Many patients: the cohort's summary as text, JSON, or a CSV row per patient."""
    from lumbar.simulation._cohort_run import simulate_cohort

    seeds = range(arguments.seed, arguments.seed + arguments.patients)
    patient = _patient(arguments.patient)
    if arguments.workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=arguments.workers) as pool:
            cohort = simulate_cohort(
                program, patient, seeds, executor=pool, rule=rule, catalog=catalog
            )
    else:
        cohort = simulate_cohort(program, patient, seeds, rule=rule, catalog=catalog)
    if arguments.format == "json":
        from lumbar.formats._json import to_json

        streams.document(to_json(cohort.summary(), indent=2) + "\n")
    elif arguments.format == "csv":
        import csv
        import io

        rows = cohort.rows()
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        streams.raw(buffer.getvalue())
    else:
        from lumbar.formats._display import text_of

        streams.out(
            f"{program.title}: {arguments.patients} {arguments.patient} virtual patients "
            f"(seeds {seeds.start}-{seeds.stop - 1})."
        )
        streams.raw(text_of(cohort) + "\n")
    return 0


RUN = {"simulate": _simulate}
