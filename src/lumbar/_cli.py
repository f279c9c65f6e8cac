"""The ``lumbar`` command line.

Built on the standard library's argparse: it starts fast (no third-party import
before a command runs) and gives usage errors with exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from lumbar._catalog import default_catalog
from lumbar._errors import LumbarError
from lumbar._exercise import Category, Exercise


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # One line and status 2, as the command line promises; never a traceback.
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _describe_dose(exercise: Exercise) -> str:
    dose = exercise.default_dose
    side = " per side" if exercise.per_side else ""
    if dose.kind == "reps":
        load = f" at {dose.load_kg:g} kg" if dose.load_kg else ""
        return f"{dose.sets} x {dose.reps}{side}{load}"
    if dose.kind == "hold":
        per_set = "-".join(str(n) for n in dose.reps_per_set)
        return f"{per_set} holds of {dose.seconds} s{side}"
    if dose.kind == "duration":
        return f"{dose.minutes} min"
    return f"{dose.rounds} x ({dose.work_seconds} s on / {dose.rest_seconds} s easy)"


def _list_exercises(category: str | None) -> int:
    catalog = default_catalog()
    for group in Category:
        if category is not None and group.value != category:
            continue
        print(f"{group.value.upper()}")
        for exercise in catalog.filter(category=group):
            print(f"  {exercise.id:28s} L{exercise.level}  {_describe_dose(exercise)}")
    return 0


def _show_exercise(exercise_id: str) -> int:
    catalog = default_catalog()
    if exercise_id not in catalog:
        print(f"lumbar: error: no exercise {exercise_id!r} (see lumbar exercises)", file=sys.stderr)
        return 2
    exercise = catalog[exercise_id]
    print(f"{exercise.name} ({exercise.id})")
    print(f"  {exercise.category.value}, level {exercise.level}, {exercise.loading.value} loading")
    print(f"  start: {_describe_dose(exercise)}")
    if exercise.description:
        print(f"  {exercise.description}")
    for cue in exercise.cues:
        print(f"  - {cue}")
    for warning in exercise.contraindications:
        print(f"  ! {warning}")
    ladder = " -> ".join(
        f"[{rung.id}]" if rung.id == exercise.id else rung.id
        for rung in catalog.ladder(exercise.id)
    )
    print(f"  ladder: {ladder}")
    print(f"  sources: {', '.join(exercise.references)}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="lumbar",
        description="Evidence-based exercise programs for chronic low back pain.",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    commands.add_parser("plan", help="show the exercise program (for now: the catalog by category)")
    browse = commands.add_parser("exercises", help="list the built-in exercises")
    browse.add_argument("--category", choices=[c.value for c in Category])
    show = commands.add_parser("exercise", help="show one exercise with its cues and ladder")
    show.add_argument("id", help="exercise id, as listed by 'lumbar exercises'")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    arguments = build_parser().parse_args(argv)
    try:
        if arguments.command == "exercises":
            return _list_exercises(arguments.category)
        if arguments.command == "exercise":
            return _show_exercise(arguments.id)
        return _list_exercises(None)
    except LumbarError as error:
        print(f"lumbar: error: {error}", file=sys.stderr)
        return 1
