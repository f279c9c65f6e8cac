"""Tidy rows: one flat record per prescription (or per exercise), for tables and plots.

Plain Python, no pandas: ``_dataframe`` turns the rows into a ``pandas.DataFrame``
and ``_plot`` draws from them. Weeks and sessions count from 1, as the command
line and the renderings do. A prescription's ``ladder`` is the id of the easiest
rung of its exercise's ladder, so that an exercise moving up or down its ladder
stays one line in a plot.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from lumbar.content._catalog import Catalog
from lumbar.model._dose import DOSE_TYPES, SIZE_FIELDS, Dose
from lumbar.model._program import Prescription, Program, Week
from lumbar.progression._decision import Decision
from lumbar.simulation._simulate import Simulation

# A dose field whose name a result field already has is renamed: a Duration's target
# effort is not the effort the person reported.
_RENAMED = {"rpe": "target_rpe"}


def column_of(field: str) -> str:
    """The column of a dose field."""
    return _RENAMED.get(field, field)


DOSE_COLUMNS: tuple[str, ...] = tuple(
    dict.fromkeys(column_of(field.name) for kind in DOSE_TYPES for field in attrs.fields(kind))
)
"""Every field of every dose type, in declaration order (a dose fills those of its type)."""

PROGRAM_COLUMNS: tuple[str, ...] = (
    "week",
    "session",
    "exercise",
    "ladder",
    "category",
    "kind",
    *DOSE_COLUMNS,
    "volume",
    "deload",
    "phase",
)
"""The columns of a program's rows, in order."""

RESULT_COLUMNS = ("completed", "rpe", "pain_during", "pain_next_day")

DECISION_COLUMNS: tuple[str, ...] = ("next_action",)
"""What the rules decided about the exercise after this session; one column per part."""

SIMULATION_COLUMNS: tuple[str, ...] = (*PROGRAM_COLUMNS, *RESULT_COLUMNS, *DECISION_COLUMNS)
"""The columns of a simulation's rows: a program's, the result's, then the decision after."""

_SIZES: tuple[str, ...] = tuple(dict.fromkeys(f for fields in SIZE_FIELDS.values() for f in fields))

CATALOG_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "category",
    "ladder",
    "level",
    "equipment",
    "kind",
    *(f"{bound}_{size}" for size in _SIZES for bound in ("min", "max")),
)
"""The columns of a catalog's rows: the exercise, then the bounds of each dose size."""


class Ladders:
    """Names and easiest rungs of exercise ids, from a catalog; ids it lacks stand alone."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._base: dict[str, str] = {}

    def base(self, exercise_id: str) -> str:
        """The id of the easiest rung of the exercise's ladder (itself if unknown)."""
        found = self._base.get(exercise_id)
        if found is None:
            catalog = self.catalog
            found = catalog.ladder(exercise_id)[0].id if exercise_id in catalog else exercise_id
            self._base[exercise_id] = found
        return found

    def rung(self, exercise_id: str) -> int:
        """The exercise's place on its ladder, 0 for the easiest (0 if unknown)."""
        if exercise_id not in self.catalog:
            return 0
        return [e.id for e in self.catalog.ladder(exercise_id)].index(exercise_id)

    def name(self, exercise_id: str) -> str:
        catalog = self.catalog
        return catalog[exercise_id].name if exercise_id in catalog else exercise_id

    def category(self, exercise_id: str) -> str | None:
        catalog = self.catalog
        return catalog[exercise_id].category.value if exercise_id in catalog else None


def dose_fields(dose: Dose) -> dict[str, Any]:
    """The dose's own fields under their column names; the other dose columns are None."""
    values: dict[str, Any] = dict.fromkeys(DOSE_COLUMNS)
    for field in attrs.fields(type(dose)):
        values[column_of(field.name)] = getattr(dose, field.name)
    return values


def program_rows(program: Program, catalog: Catalog) -> list[dict[str, Any]]:
    """One row per prescription of ``program``, in order (see `PROGRAM_COLUMNS`)."""
    ladders = Ladders(catalog)
    rows = []
    for week_number, week, phase in _weeks(program):
        for session_number, session in enumerate(week.sessions, 1):
            for prescription in session.prescriptions:
                rows.append(
                    _prescription_row(
                        week_number, session_number, prescription, week.deload, phase, ladders
                    )
                )
    return rows


def simulation_rows(simulation: Simulation, catalog: Catalog) -> list[dict[str, Any]]:
    """One row per prescription given in ``simulation`` (see `SIMULATION_COLUMNS`).

    ``session`` is the session's place in its template week, from 1. ``next_action``
    is the action of the first decision the rules made about the exercise after
    this session, that is what its result led to; None when the program ended (or
    the exercise was not given again) before one was made.
    """
    ladders = Ladders(catalog)
    program = simulation.program
    weeks = {number - 1: (week, phase) for number, week, phase in _weeks(program)}
    rows: list[dict[str, Any]] = []
    # Rows waiting for the rules' next word on their exercise. The engine decides
    # about an exercise just before it is next given, and a decision's ``exercise``
    # is the exercise as last given, so rows wait under that id.
    waiting: dict[str, list[dict[str, Any]]] = {}
    for record in simulation.records:
        _settle(waiting, record.decisions)
        week, phase = weeks[record.week_index]
        for prescription, result in zip(
            record.session.prescriptions, record.log.results, strict=True
        ):
            row = _prescription_row(
                record.week_index + 1,
                record.session_index + 1,
                prescription,
                week.deload,
                phase,
                ladders,
            )
            row.update(
                completed=result.completed,
                rpe=result.rpe,
                pain_during=result.pain_during,
                pain_next_day=result.pain_next_day,
                next_action=None,
            )
            rows.append(row)
            waiting.setdefault(prescription.exercise, []).append(row)
    _settle(waiting, simulation.closing_decisions)
    return rows


def _settle(waiting: dict[str, list[dict[str, Any]]], decisions: tuple[Decision, ...]) -> None:
    for decision in decisions:
        for row in waiting.pop(decision.exercise, ()):
            row.update(_decision_fields(decision))


def _decision_fields(decision: Decision) -> dict[str, Any]:
    """The decision's columns (`DECISION_COLUMNS`) for the rows it answers."""
    return {"next_action": decision.action.value}


def catalog_rows(catalog: Catalog) -> list[dict[str, Any]]:
    """One row per exercise of ``catalog``, in catalog order (see `CATALOG_COLUMNS`)."""
    ladders = Ladders(catalog)
    rows = []
    for exercise in catalog:
        row: dict[str, Any] = {
            "id": exercise.id,
            "name": exercise.name,
            "category": exercise.category.value,
            "ladder": ladders.base(exercise.id),
            "level": exercise.level,
            "equipment": ", ".join(item.value for item in exercise.equipment),
            "kind": exercise.dose_type.kind,
        }
        sizes = SIZE_FIELDS[exercise.dose_type]
        for size in _SIZES:
            for bound, dose in (("min", exercise.min_dose), ("max", exercise.max_dose)):
                row[f"{bound}_{size}"] = getattr(dose, size) if size in sizes else None
        rows.append(row)
    return rows


def _prescription_row(
    week: int,
    session: int,
    prescription: Prescription,
    deload: bool,
    phase: str | None,
    ladders: Ladders,
) -> dict[str, Any]:
    exercise = prescription.exercise
    dose = prescription.dose
    return {
        "week": week,
        "session": session,
        "exercise": exercise,
        "ladder": ladders.base(exercise),
        "category": ladders.category(exercise),
        "kind": dose.kind,
        **dose_fields(dose),
        "volume": dose.volume,
        "deload": deload,
        "phase": phase,
    }


def _weeks(program: Program) -> Iterator[tuple[int, Week, str | None]]:
    """(week number from 1, week, phase name or None) for each week of ``program``."""
    names: list[str | None] = [phase.name for phase in program.phases for _ in range(phase.weeks)]
    for index, week in enumerate(program.weeks):
        yield index + 1, week, names[index] if names else None
