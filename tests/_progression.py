"""A small realistic catalog and program for the progression tests.

The built-in catalog is still growing, so these tests bring their own: the three
McGill exercises, a bridge ladder, a loaded squat and the walking -> walk-run ->
jogging ladder, with bounds like the built-in ones.
"""

from __future__ import annotations

import lumbar
from lumbar import Category, Duration, Exercise, Hold, Intervals, Position, Reps, SpinalLoading

PYRAMID = Hold(sets=3, reps=6, seconds=10, reps_drop=2)
HOLD_LOW = Hold(sets=1, reps=2, seconds=5)
HOLD_HIGH = Hold(sets=4, reps=10, seconds=10)


def _exercise(
    exercise_id: str,
    dose: lumbar.Dose,
    low: lumbar.Dose,
    high: lumbar.Dose,
    *,
    category: Category = Category.STRENGTH,
    level: int = 1,
    **links: str,
) -> Exercise:
    return Exercise(
        id=exercise_id,
        name=exercise_id.replace("-", " ").capitalize(),
        category=category,
        default_dose=dose,
        min_dose=low,
        max_dose=high,
        level=level,
        loading=SpinalLoading.NEUTRAL,
        position=Position.SUPINE,
        references=("acsm-2009-rt",),
        **links,
    )


CATALOG = lumbar.Catalog(
    [
        _exercise("curl-up", PYRAMID, HOLD_LOW, HOLD_HIGH, harder="curl-up-raised"),
        _exercise("curl-up-raised", PYRAMID, HOLD_LOW, HOLD_HIGH, level=2, easier="curl-up"),
        _exercise("side-bridge-knees", PYRAMID, HOLD_LOW, HOLD_HIGH, harder="side-bridge"),
        _exercise("side-bridge", PYRAMID, HOLD_LOW, HOLD_HIGH, level=3, easier="side-bridge-knees"),
        _exercise("bird-dog", PYRAMID, HOLD_LOW, HOLD_HIGH),
        _exercise(
            "plank",
            Hold(sets=2, reps=3, seconds=10),
            Hold(sets=1, reps=1, seconds=5),
            Hold(sets=3, reps=6, seconds=30),
        ),
        _exercise(
            "bridge",
            Reps(sets=2, reps=8),
            Reps(sets=1, reps=4),
            Reps(sets=3, reps=15),
            harder="single-leg-bridge",
        ),
        _exercise(
            "single-leg-bridge",
            Reps(sets=2, reps=6),
            Reps(sets=1, reps=3),
            Reps(sets=3, reps=12),
            level=3,
            easier="bridge",
        ),
        _exercise(
            "goblet-squat",
            Reps(sets=3, reps=8, load_kg=8.0),
            Reps(sets=1, reps=5, load_kg=2.0),
            Reps(sets=3, reps=12, load_kg=40.0),
            level=2,
        ),
        _exercise(
            "walking",
            Duration(minutes=10),
            Duration(minutes=5),
            Duration(minutes=60),
            category=Category.AEROBIC,
            harder="walk-run",
        ),
        _exercise(
            "walk-run",
            Intervals(rounds=5, work_seconds=60, rest_seconds=300),
            Intervals(rounds=3, work_seconds=60, rest_seconds=0),
            Intervals(rounds=5, work_seconds=600, rest_seconds=600),
            category=Category.AEROBIC,
            level=3,
            easier="walking",
            harder="jogging",
        ),
        _exercise(
            "jogging",
            Duration(minutes=20),
            Duration(minutes=10),
            Duration(minutes=60),
            category=Category.AEROBIC,
            level=4,
            easier="walk-run",
        ),
    ]
)

BIG_THREE_AND_MORE = (
    "curl-up",
    "side-bridge-knees",
    "bird-dog",
    "bridge",
    "goblet-squat",
    "walking",
)


def program(
    exercises: tuple[str, ...] = BIG_THREE_AND_MORE,
    *,
    weeks: int = 26,
    sessions: int = 3,
    deload_every: int | None = 4,
) -> lumbar.Program:
    """``weeks`` weeks of ``sessions`` identical sessions of ``exercises`` at their defaults."""
    session = lumbar.Session(
        prescriptions=tuple(
            lumbar.Prescription(exercise=name, dose=CATALOG[name].default_dose)
            for name in exercises
        )
    )
    built = lumbar.Program(weeks=(lumbar.Week(sessions=(session,) * sessions),) * weeks)
    if deload_every is None:
        return built
    return lumbar.schedule_deloads(built, every=deload_every)


def harder(new, old):
    """The documented meaning of harder: more volume, or more load, hold time or jog time.

    Written out here, apart from ``lumbar.progression._dose_steps.is_harder``, so that the tests
    check the library against the definition rather than against itself.
    """
    if type(new) is not type(old):
        return False
    if new.volume > old.volume:
        return True
    if isinstance(new, Reps):
        return (new.load_kg or 0) > (old.load_kg or 0)
    if isinstance(new, Hold):
        return new.seconds > old.seconds
    if isinstance(new, Intervals):
        return new.work_seconds > old.work_seconds
    return False


def rung(catalog, exercise_id):
    """The 0-based position of an exercise on its ladder."""
    return [e.id for e in catalog.ladder(exercise_id)].index(exercise_id)
