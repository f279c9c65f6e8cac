"""Small, pure operations on doses that progression needs: easier, lighter, between, harder?

Everything here keeps a dose inside its exercise's bounds and never makes a
dose harder when it is meant to make it easier. "Harder" has one definition,
`is_harder`, used by the rules, the engine and the tests alike.
"""

from __future__ import annotations

from lumbar._base.trusted import maker
from lumbar.model._dose import Dose, Duration, Hold, Intervals, Reps
from lumbar.model._exercise import Exercise
from lumbar.progression._walk_run_stages import STAGE_STEP_SECONDS, WALK_RUN_STAGES

# Smallest rise the weekly cap always allows per session (issue: one more rep per set,
# five more seconds per hold, one more minute). Design choice.
HOLD_STEP_SECONDS = 5

# How much one regression step takes away: about a fifth of the dose, at least one
# unit; ten per cent of the load, at least one kilogram. Design choice: small enough
# to keep exercising, large enough to matter (silbernagel-2007-ajsm: keep active, adjust load).
REGRESS_FRACTION = 0.2
REGRESS_LOAD_FRACTION = 0.1
REGRESS_LOAD_MIN_KG = 1.0

# Each named number below -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {
    "HOLD_STEP_SECONDS": ("design-smallest-step",),
    "REGRESS_FRACTION": ("design-regression-step",),
    "REGRESS_LOAD_FRACTION": ("design-regression-step",),
    "REGRESS_LOAD_MIN_KG": ("design-regression-step",),
}


# A dose whose every field lies between the same field of two valid doses is valid (each
# field's check is a range; only a Hold checks across fields): `between` makes such doses
# unchecked. The weekly cap tries several between the current dose and a capped rise.
_make_reps = maker(Reps)
_make_duration = maker(Duration)
_make_intervals = maker(Intervals)


def volume_of(dose: Dose) -> int:
    """``dose.volume`` in closed form: the engine and the cap ask for it in their inner loops."""
    kind = type(dose)
    if kind is Hold:
        sets = dose.sets  # type: ignore[union-attr]
        holds = sets * dose.reps - dose.reps_drop * (sets * (sets - 1) // 2)  # type: ignore[union-attr]
        return holds * dose.seconds  # type: ignore[union-attr]
    if kind is Reps:
        return dose.sets * dose.reps  # type: ignore[union-attr]
    if kind is Duration:
        return dose.minutes  # type: ignore[union-attr]
    return dose.rounds * dose.work_seconds  # type: ignore[union-attr]


def volume_and_step(dose: Dose) -> tuple[int, int]:
    """A dose's volume and the volume of the smallest rise the weekly cap always allows in one
    session (one more rep per set, five more seconds per hold, a minute, a walk-run stage)."""
    kind = type(dose)
    if kind is Hold:
        sets = dose.sets  # type: ignore[union-attr]
        holds = sets * dose.reps - dose.reps_drop * (sets * (sets - 1) // 2)  # type: ignore[union-attr]
        return holds * dose.seconds, HOLD_STEP_SECONDS * holds  # type: ignore[union-attr]
    if kind is Reps:
        return dose.sets * dose.reps, dose.sets  # type: ignore[union-attr]
    if kind is Duration:
        return dose.minutes, 1  # type: ignore[union-attr]
    return dose.rounds * dose.work_seconds, STAGE_STEP_SECONDS  # type: ignore[union-attr]


def load_of(dose: Reps) -> float:
    return 0.0 if dose.load_kg is None else dose.load_kg


def is_harder(new: Dose, old: Dose) -> bool:
    """True when ``new`` asks more than ``old`` of the same dose type.

    More volume, or more intensity: load for repetitions, seconds per hold, jog
    seconds per round for intervals. Doses of different types are not comparable
    and are never "harder" here (a move between exercises is judged by the ladder).
    """
    kind = type(new)
    if kind is not type(old):
        return False
    # Volume as `volume_of` has it, written out for the two dose types whose volume is a
    # product (the weekly cap asks this for every dose it weighs).
    if kind is Duration:
        return new.minutes > old.minutes  # type: ignore[union-attr]
    if kind is Reps:
        return (
            new.sets * new.reps > old.sets * old.reps  # type: ignore[union-attr]
            or (new.load_kg or 0.0) > (old.load_kg or 0.0)  # type: ignore[union-attr]
        )
    if volume_of(new) > volume_of(old):
        return True
    if kind is Hold:
        return new.seconds > old.seconds  # type: ignore[union-attr]
    return new.work_seconds > old.work_seconds  # type: ignore[union-attr]


def _hold_or_none(sets: int, reps: int, seconds: int, reps_drop: int) -> Hold | None:
    if sets < 1 or reps < 1 or seconds < 1 or reps_drop < 0:
        return None
    if reps - (sets - 1) * reps_drop < 1:
        return None
    return Hold(sets=sets, reps=reps, seconds=seconds, reps_drop=reps_drop)


def _fitting_drop(sets: int, reps: int, reps_drop: int) -> int:
    """The largest pyramid drop up to ``reps_drop`` that leaves every set a hold."""
    if sets <= 1:
        return reps_drop
    return max(0, min(reps_drop, (reps - 1) // (sets - 1)))


def _fewer(value: int, floor: int) -> int:
    return max(floor, value - max(1, round(value * REGRESS_FRACTION)))


def step_down(dose: Dose, exercise: Exercise) -> Dose | None:
    """One regression step easier, inside the exercise's bounds; None at the lowest dose."""
    low = exercise.min_dose
    if isinstance(dose, Reps) and isinstance(low, Reps):
        if dose.load_kg is not None and dose.load_kg > load_of(low):
            cut = max(dose.load_kg * REGRESS_LOAD_FRACTION, REGRESS_LOAD_MIN_KG)
            new_load = round(dose.load_kg - cut, 2)
            load = low.load_kg if new_load <= load_of(low) else new_load
            return Reps(sets=dose.sets, reps=dose.reps, load_kg=load)
        if dose.reps > low.reps:
            return Reps(sets=dose.sets, reps=_fewer(dose.reps, low.reps), load_kg=dose.load_kg)
        if dose.sets > low.sets:
            return Reps(sets=dose.sets - 1, reps=dose.reps, load_kg=dose.load_kg)
        return None
    if isinstance(dose, Hold) and isinstance(low, Hold):
        if dose.reps > low.reps:
            reps = _fewer(dose.reps, low.reps)
            if dose.sets > low.sets and reps - (dose.sets - 1) * dose.reps_drop < 1:
                # Keep the pyramid's shape: one set fewer rather than a flatter pyramid.
                return Hold(
                    sets=dose.sets - 1,
                    reps=dose.reps,
                    seconds=dose.seconds,
                    reps_drop=dose.reps_drop,
                )
            return _hold_or_none(
                dose.sets, reps, dose.seconds, _fitting_drop(dose.sets, reps, dose.reps_drop)
            )
        if dose.seconds > low.seconds:
            seconds = max(low.seconds, dose.seconds - HOLD_STEP_SECONDS)
            return Hold(sets=dose.sets, reps=dose.reps, seconds=seconds, reps_drop=dose.reps_drop)
        if dose.sets > low.sets:
            return Hold(
                sets=dose.sets - 1, reps=dose.reps, seconds=dose.seconds, reps_drop=dose.reps_drop
            )
        return None
    if isinstance(dose, Duration) and isinstance(low, Duration):
        if dose.minutes > low.minutes:
            return Duration(minutes=_fewer(dose.minutes, low.minutes), rpe=dose.rpe)
        return None
    if isinstance(dose, Intervals) and isinstance(low, Intervals):
        stage = _stage_below(dose, exercise)
        if stage is not None:
            return stage
        return _fewer_rounds(dose, low)
    return None


def volume_down(dose: Dose, exercise: Exercise) -> Dose | None:
    """The same dose with one unit less volume, intensity kept; None at the lowest volume.

    One repetition per set (then a set), one hold per set (then a set, then a second
    of hold), one minute, one round (then a little work time). The weekly cap uses
    it to take off only what the week's volume needs.
    """
    low = exercise.min_dose
    if isinstance(dose, Reps) and isinstance(low, Reps):
        if dose.reps > low.reps:
            return Reps(sets=dose.sets, reps=dose.reps - 1, load_kg=dose.load_kg)
        if dose.sets > low.sets:
            return Reps(sets=dose.sets - 1, reps=dose.reps, load_kg=dose.load_kg)
        return None
    if isinstance(dose, Hold) and isinstance(low, Hold):
        if dose.reps > low.reps and dose.reps - 1 - (dose.sets - 1) * dose.reps_drop >= 1:
            return Hold(
                sets=dose.sets, reps=dose.reps - 1, seconds=dose.seconds, reps_drop=dose.reps_drop
            )
        if dose.sets > low.sets:
            return Hold(
                sets=dose.sets - 1, reps=dose.reps, seconds=dose.seconds, reps_drop=dose.reps_drop
            )
        if dose.seconds > low.seconds:
            return Hold(
                sets=dose.sets, reps=dose.reps, seconds=dose.seconds - 1, reps_drop=dose.reps_drop
            )
        return step_down(dose, exercise)
    if isinstance(dose, Duration) and isinstance(low, Duration):
        if dose.minutes > low.minutes:
            return Duration(minutes=dose.minutes - 1, rpe=dose.rpe)
        return None
    if isinstance(dose, Intervals) and isinstance(low, Intervals):
        return _fewer_rounds(dose, low)
    return None


def _fewer_rounds(dose: Intervals, low: Intervals) -> Intervals | None:
    """One round less, else a little less work time; None at the lowest of both."""
    if dose.rounds > low.rounds:
        return Intervals(
            rounds=dose.rounds - 1, work_seconds=dose.work_seconds, rest_seconds=dose.rest_seconds
        )
    if dose.work_seconds > low.work_seconds:
        return Intervals(
            rounds=dose.rounds,
            work_seconds=_fewer(dose.work_seconds, low.work_seconds),
            rest_seconds=dose.rest_seconds,
        )
    return None


def _stage_below(dose: Intervals, exercise: Exercise) -> Intervals | None:
    """The hardest walk-run stage easier than ``dose``, inside the bounds, that adds neither
    running time nor time on feet (a regression never asks for more of either)."""
    best: Intervals | None = None
    feet = dose.rounds * (dose.work_seconds + dose.rest_seconds)
    for stage in WALK_RUN_STAGES:
        if stage == dose or is_harder(stage, dose):
            continue
        if (
            stage.volume > dose.volume
            or stage.rounds * (stage.work_seconds + stage.rest_seconds) > feet
        ):
            continue
        if not within(stage, exercise):
            continue
        if best is None or is_harder(stage, best):
            best = stage
    return best


def stage_above(dose: Intervals, exercise: Exercise) -> Intervals | None:
    """The first walk-run stage harder than ``dose`` in both jog time and volume, in bounds."""
    for stage in WALK_RUN_STAGES:
        if (
            stage.work_seconds >= dose.work_seconds
            and stage.volume > dose.volume
            and within(stage, exercise)
        ):
            return stage
    return None


def within(dose: Dose, exercise: Exercise) -> bool:
    """True when every size field of ``dose`` is inside the exercise's bounds."""
    low, high = exercise.min_dose, exercise.max_dose
    if type(dose) is not type(low):
        return False
    if isinstance(dose, Reps):
        return (
            low.sets <= dose.sets <= high.sets  # type: ignore[union-attr]
            and low.reps <= dose.reps <= high.reps  # type: ignore[union-attr]
            and load_of(low) <= load_of(dose) <= load_of(high)  # type: ignore[arg-type]
        )
    if isinstance(dose, Hold):
        return (
            low.sets <= dose.sets <= high.sets  # type: ignore[union-attr]
            and low.reps <= dose.reps <= high.reps  # type: ignore[union-attr]
            and low.seconds <= dose.seconds <= high.seconds  # type: ignore[union-attr]
        )
    if isinstance(dose, Duration):
        return low.minutes <= dose.minutes <= high.minutes  # type: ignore[union-attr]
    return (
        low.rounds <= dose.rounds <= high.rounds  # type: ignore[union-attr]
        and low.work_seconds <= dose.work_seconds <= high.work_seconds  # type: ignore[union-attr]
    )


def _clip(value: int, low: int, high: int) -> int:
    return low if value < low else high if value > high else value


def clamp(dose: Dose, exercise: Exercise) -> Dose:
    """``dose`` with every size field moved inside the exercise's bounds (same type assumed)."""
    if within(dose, exercise):
        return dose
    low, high = exercise.min_dose, exercise.max_dose
    if isinstance(dose, Reps) and isinstance(low, Reps) and isinstance(high, Reps):
        load = dose.load_kg
        if load is not None or low.load_kg is not None:
            value = min(max(load_of(dose), load_of(low)), load_of(high))
            load = None if value == 0 and dose.load_kg is None else value
        return Reps(
            sets=_clip(dose.sets, low.sets, high.sets),
            reps=_clip(dose.reps, low.reps, high.reps),
            load_kg=load,
        )
    if isinstance(dose, Hold) and isinstance(low, Hold) and isinstance(high, Hold):
        sets = _clip(dose.sets, low.sets, high.sets)
        reps = _clip(dose.reps, low.reps, high.reps)
        return Hold(
            sets=sets,
            reps=reps,
            seconds=_clip(dose.seconds, low.seconds, high.seconds),
            reps_drop=_fitting_drop(sets, reps, dose.reps_drop),
        )
    if isinstance(dose, Duration) and isinstance(low, Duration) and isinstance(high, Duration):
        return Duration(minutes=_clip(dose.minutes, low.minutes, high.minutes), rpe=dose.rpe)
    if isinstance(dose, Intervals) and isinstance(low, Intervals) and isinstance(high, Intervals):
        return Intervals(
            rounds=_clip(dose.rounds, low.rounds, high.rounds),
            work_seconds=_clip(dose.work_seconds, low.work_seconds, high.work_seconds),
            rest_seconds=dose.rest_seconds,
        )
    return dose


def _toward(start: int, end: int, fraction: float) -> int:
    # Truncating toward the start keeps every interpolated value between the two ends.
    return start + int((end - start) * fraction)


def between(start: Dose, end: Dose, fraction: float) -> Dose | None:
    """The dose ``fraction`` of the way from ``start`` to ``end`` (same type), or None.

    Each field moves by the same fraction and is truncated toward ``start``, so the
    result lies field by field between the two; None when no valid dose is there.
    """
    if isinstance(start, Reps) and isinstance(end, Reps):
        if start.load_kg is None and end.load_kg is None:
            load = None
        else:
            load = round(load_of(start) + (load_of(end) - load_of(start)) * fraction, 2)
        return _make_reps(
            _toward(start.sets, end.sets, fraction), _toward(start.reps, end.reps, fraction), load
        )
    if isinstance(start, Hold) and isinstance(end, Hold):
        return _hold_or_none(
            _toward(start.sets, end.sets, fraction),
            _toward(start.reps, end.reps, fraction),
            _toward(start.seconds, end.seconds, fraction),
            _toward(start.reps_drop, end.reps_drop, fraction),
        )
    if isinstance(start, Duration) and isinstance(end, Duration):
        return _make_duration(_toward(start.minutes, end.minutes, fraction), end.rpe)
    if isinstance(start, Intervals) and isinstance(end, Intervals):
        return _make_intervals(
            _toward(start.rounds, end.rounds, fraction),
            _toward(start.work_seconds, end.work_seconds, fraction),
            _toward(start.rest_seconds, end.rest_seconds, fraction),
        )
    return None


def lighter(dose: Dose, exercise: Exercise, percent: float) -> Dose:
    """A deload version of ``dose``: about ``percent`` of its volume, same intensity, in bounds.

    Sets go first (the load or hold time stays), then repetitions, minutes or rounds; a
    single hold (a stretch) is held for less time, and walk-run intervals at their fewest
    rounds have shorter jogs. Never harder than ``dose``.
    """
    factor = percent / 100
    low = exercise.min_dose
    if isinstance(dose, Reps) and isinstance(low, Reps):
        sets = max(low.sets, round(dose.sets * factor))
        if sets < dose.sets:
            return Reps(sets=sets, reps=dose.reps, load_kg=dose.load_kg)
        reps = min(dose.reps, max(low.reps, round(dose.reps * factor)))
        return Reps(sets=dose.sets, reps=reps, load_kg=dose.load_kg)
    if isinstance(dose, Hold) and isinstance(low, Hold):
        sets = max(low.sets, round(dose.sets * factor))
        if sets < dose.sets:
            return Hold(sets=sets, reps=dose.reps, seconds=dose.seconds, reps_drop=dose.reps_drop)
        reps = min(dose.reps, max(low.reps, round(dose.reps * factor)))
        if reps < dose.reps:
            return Hold(
                sets=dose.sets,
                reps=reps,
                seconds=dose.seconds,
                reps_drop=_fitting_drop(dose.sets, reps, dose.reps_drop),
            )
        # One set of one hold (a stretch): only a shorter hold is lighter.
        seconds = min(dose.seconds, max(low.seconds, round(dose.seconds * factor)))
        return Hold(sets=dose.sets, reps=dose.reps, seconds=seconds, reps_drop=dose.reps_drop)
    if isinstance(dose, Duration) and isinstance(low, Duration):
        minutes = min(dose.minutes, max(low.minutes, round(dose.minutes * factor)))
        return Duration(minutes=minutes, rpe=dose.rpe)
    if isinstance(dose, Intervals) and isinstance(low, Intervals):
        rounds = min(dose.rounds, max(low.rounds, round(dose.rounds * factor)))
        if rounds < dose.rounds:
            return Intervals(
                rounds=rounds, work_seconds=dose.work_seconds, rest_seconds=dose.rest_seconds
            )
        # At the fewest rounds: shorter jogs, the walks as they were.
        work = min(dose.work_seconds, max(low.work_seconds, round(dose.work_seconds * factor)))
        return Intervals(rounds=rounds, work_seconds=work, rest_seconds=dose.rest_seconds)
    return dose
