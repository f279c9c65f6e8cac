"""A realistic 26-week program document shared by the JSON benchmarks."""

from __future__ import annotations

import lumbar

_SESSION_TEMPLATES = (
    (
        ("curl-up", lumbar.Hold(sets=3, reps=6, seconds=10, reps_drop=2)),
        ("side-bridge-knees", lumbar.Hold(sets=3, reps=6, seconds=10, reps_drop=2)),
        ("bird-dog", lumbar.Hold(sets=3, reps=6, seconds=10, reps_drop=2)),
        ("cat-camel", lumbar.Reps(sets=1, reps=8)),
        ("hip-flexor-stretch", lumbar.Hold(sets=1, reps=2, seconds=30)),
        ("glute-bridge", lumbar.Reps(sets=2, reps=10)),
        ("goblet-squat", lumbar.Reps(sets=2, reps=10, load_kg=8.0)),
        ("brisk-walk", lumbar.Duration(minutes=20)),
    ),
    (
        ("dead-bug", lumbar.Hold(sets=2, reps=6, seconds=5)),
        ("hamstring-stretch", lumbar.Hold(sets=1, reps=2, seconds=30)),
        ("kettlebell-deadlift", lumbar.Reps(sets=3, reps=8, load_kg=12.5)),
        ("side-bridge-knees", lumbar.Hold(sets=3, reps=6, seconds=10, reps_drop=2)),
        ("figure-4-stretch", lumbar.Hold(sets=1, reps=2, seconds=30)),
        ("hip-hinge", lumbar.Reps(sets=2, reps=10)),
        ("back-extension", lumbar.Reps(sets=2, reps=10)),
        ("walk-run", lumbar.Intervals(rounds=5, work_seconds=60, rest_seconds=300)),
    ),
)


def program_document(weeks: int = 26, sessions_per_week: int = 3) -> lumbar.Program:
    """About 600 prescriptions: 26 weeks of 3 sessions of 8 (or 4) exercises, doses rising."""
    built = []
    for week in range(weeks):
        sessions = []
        for day in range(sessions_per_week):
            template = _SESSION_TEMPLATES[0 if day != 1 else 1]
            prescriptions = []
            for exercise, dose in template:
                if isinstance(dose, lumbar.Reps):
                    dose = lumbar.Reps(
                        sets=dose.sets,
                        reps=dose.reps + week % 5,
                        load_kg=None if dose.load_kg is None else dose.load_kg + week * 0.5,
                    )
                prescriptions.append(lumbar.Prescription(exercise=exercise, dose=dose))
            sessions.append(
                lumbar.Session(prescriptions=tuple(prescriptions), label=f"Day {day + 1}")
            )
        built.append(lumbar.Week(sessions=tuple(sessions), deload=week % 4 == 3))
    return lumbar.Program(
        weeks=tuple(built),
        phases=(
            lumbar.Phase(name="Foundation", weeks=4),
            lumbar.Phase(name="Build", weeks=8),
            lumbar.Phase(name="Consolidate", weeks=weeks - 12),
        ),
        title="Benchmark program",
        metadata={"source": "benchmark"},
    )


def distinct_program_document(weeks: int = 26, sessions_per_week: int = 3) -> lumbar.Program:
    """The same program with every prescription different from every other.

    Each dose is moved by the prescription's number, within its bounds, so that no
    two of the ~600 prescriptions are equal: nothing repeats for a reader to reuse.
    """
    base = program_document(weeks, sessions_per_week)
    number = 0
    built = []
    for week in base.weeks:
        sessions = []
        for session in week.sessions:
            prescriptions = []
            for prescription in session.prescriptions:
                number += 1
                prescriptions.append(
                    lumbar.Prescription(
                        exercise=prescription.exercise, dose=_moved(prescription.dose, number)
                    )
                )
            sessions.append(lumbar.Session(prescriptions=tuple(prescriptions), label=session.label))
        built.append(lumbar.Week(sessions=tuple(sessions), deload=week.deload))
    program = lumbar.Program(
        weeks=tuple(built), phases=base.phases, title=base.title, metadata=base.metadata
    )
    every = [rx for _, rx in program.prescriptions()]
    assert len(set(every)) == len(every)
    return program


def _moved(dose: lumbar.Dose, number: int) -> lumbar.Dose:
    if isinstance(dose, lumbar.Reps):
        load = None if dose.load_kg is None else (number % 400) / 2
        return lumbar.Reps(sets=1 + number % 10, reps=1 + number % 97, load_kg=load)
    if isinstance(dose, lumbar.Hold):
        return lumbar.Hold(
            sets=dose.sets, reps=dose.reps, seconds=1 + number % 599, reps_drop=dose.reps_drop
        )
    if isinstance(dose, lumbar.Duration):
        return lumbar.Duration(minutes=1 + number % 599)
    return lumbar.Intervals(
        rounds=1 + number % 99, work_seconds=dose.work_seconds, rest_seconds=dose.rest_seconds
    )
