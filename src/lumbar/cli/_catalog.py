"""``lumbar exercises`` and ``lumbar exercise``: browse the built-in catalog."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from lumbar.cli._parser import CATEGORIES, add_format
from lumbar.cli._streams import Streams, UsageError

if TYPE_CHECKING:
    from lumbar.model._exercise import Exercise

HELP = {
    "exercises": (
        "list the built-in exercises",
        "List the built-in exercises by category, with level and starting dose.",
    ),
    "exercise": (
        "show one exercise with its cues and ladder",
        "Show one exercise: how to do it, cautions, its ladder and sources.",
    ),
}


def _exercises_options(browse: argparse.ArgumentParser) -> None:
    browse.add_argument("--category", choices=CATEGORIES, help="only this category")
    add_format(browse)


def _exercise_options(show: argparse.ArgumentParser) -> None:
    show.add_argument("id", help="exercise id, as listed by 'lumbar exercises'")
    add_format(show)


OPTIONS = {"exercises": _exercises_options, "exercise": _exercise_options}


def describe_dose(exercise: Exercise) -> str:
    """The exercise's starting dose in words, with "each side" where it applies."""
    from lumbar.model._dose import describe

    side = ", each side" if exercise.per_side else ""
    return f"{describe(exercise.default_dose)}{side}"


def _list_exercises(arguments: argparse.Namespace, streams: Streams) -> int:
    from lumbar.content._catalog import default_catalog
    from lumbar.model._exercise import Category

    catalog = default_catalog()
    chosen = [
        group
        for group in Category
        if arguments.category is None or group.value == arguments.category
    ]
    if arguments.format == "json":
        import json

        from lumbar.formats._json import to_dict

        rows = [to_dict(e) for group in chosen for e in catalog.filter(category=group)]
        streams.document(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return 0
    for group in chosen:
        streams.out(group.value.upper(), bold=True)
        for exercise in catalog.filter(category=group):
            streams.out(f"  {exercise.id:30s} L{exercise.level}  {describe_dose(exercise)}")
    return 0


def _show_exercise(arguments: argparse.Namespace, streams: Streams) -> int:
    from lumbar.content._catalog import default_catalog

    catalog = default_catalog()
    if arguments.id not in catalog:
        raise UsageError(f"no exercise {arguments.id!r} (see lumbar exercises)")
    exercise = catalog[arguments.id]
    if arguments.format == "json":
        from lumbar.formats._json import to_json

        streams.document(to_json(exercise, indent=2) + "\n")
        return 0
    streams.out(f"{exercise.name} ({exercise.id})", bold=True)
    streams.out(
        f"  {exercise.category.value}, level {exercise.level}, "
        f"{exercise.loading.value} loading, {exercise.position.value}"
    )
    equipment = ", ".join(item.value for item in exercise.equipment) or "none"
    streams.out(f"  equipment: {equipment}")
    streams.out(f"  start: {describe_dose(exercise)}")
    if exercise.description:
        streams.out(f"  {exercise.description}")
    for cue in exercise.cues:
        streams.out(f"  - {cue}")
    for warning in exercise.contraindications:
        streams.out(f"  ! {warning}")
    ladder = " -> ".join(
        f"[{rung.id}]" if rung.id == exercise.id else rung.id
        for rung in catalog.ladder(exercise.id)
    )
    streams.out(f"  ladder: {ladder}")
    streams.out(f"  sources: {', '.join(exercise.references)}")
    streams.out(f"  dose sources: {', '.join(exercise.dose_evidence)}")
    return 0


RUN = {"exercises": _list_exercises, "exercise": _show_exercise}
