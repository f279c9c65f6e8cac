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
