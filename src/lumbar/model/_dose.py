"""Doses: how much of an exercise one prescription asks for.

Four dose types cover the catalog: repetitions (optionally loaded), timed holds,
continuous durations and walk-run style intervals. Their field names are part of
the stable JSON format; ``kind`` is the tag that names the type in JSON.

The bounds below are plausibility limits that catch typing errors (300 sets, a
negative load); clinical limits live on each exercise (``min_dose``/``max_dose``).
"""

from __future__ import annotations

from typing import ClassVar, Literal, TypeAlias

import attrs

from lumbar._base import validators as check
from lumbar._base.document import Document
from lumbar.errors import ValidationError


@attrs.frozen(kw_only=True, cache_hash=True, repr=False)
class Reps(Document):
    """Sets of repetitions, optionally with an external load.

    >>> Reps(sets=3, reps=10)
    Reps(sets=3, reps=10, load_kg=None)
    """

    kind: ClassVar[Literal["reps"]] = "reps"
    sets: int = attrs.field(validator=check.integer(1, 10))
    """Number of sets."""
    reps: int = attrs.field(validator=check.integer(1, 100))
    """Repetitions per set (per side for one-sided exercises)."""
    load_kg: float | None = attrs.field(
        default=None,
        converter=check.exact_float,
        validator=check.optional(check.number(0, 500)),
    )
    """External load in kilograms, or None for body weight."""

    @property
    def volume(self) -> int:
        """Total repetitions: sets × reps."""
        return self.sets * self.reps


@attrs.frozen(kw_only=True, cache_hash=True, repr=False)
class Hold(Document):
    """Sets of timed isometric holds or stretches.

    ``reps_drop`` describes a reverse pyramid: each set after the first has that many
    fewer repetitions, so ``Hold(sets=3, reps=6, seconds=10, reps_drop=2)`` is the
    6-4-2 scheme used for the curl-up, side bridge and bird dog.
    """

    kind: ClassVar[Literal["hold"]] = "hold"
    sets: int = attrs.field(validator=check.integer(1, 10))
    """Number of sets."""
    reps: int = attrs.field(validator=check.integer(1, 100))
    """Holds in the first set (per side for one-sided exercises)."""
    seconds: int = attrs.field(validator=check.integer(1, 600))
    """Length of each hold."""
    reps_drop: int = attrs.field(default=0, validator=check.integer(0, 50))
    """How many fewer holds each set after the first has (0: every set the same)."""

    def __attrs_post_init__(self) -> None:
        last = self.reps - (self.sets - 1) * self.reps_drop
        if last < 1:
            raise ValidationError.single(
                "reps_drop",
                f"leaves {last} holds in set {self.sets}: reps - (sets - 1) * reps_drop "
                f"must be >= 1 (reps={self.reps}, sets={self.sets}, reps_drop={self.reps_drop})",
            )

    @property
    def reps_per_set(self) -> tuple[int, ...]:
        """Holds in each set, first to last."""
        return tuple(self.reps - index * self.reps_drop for index in range(self.sets))

    @property
    def total_reps(self) -> int:
        return sum(self.reps_per_set)

    @property
    def volume(self) -> int:
        """Total seconds under tension: holds × seconds."""
        return self.total_reps * self.seconds


@attrs.frozen(kw_only=True, cache_hash=True, repr=False)
class Duration(Document):
    """Continuous activity such as walking or cycling, in minutes."""

    kind: ClassVar[Literal["duration"]] = "duration"
    minutes: int = attrs.field(validator=check.integer(1, 600))
    """Minutes of continuous activity."""
    rpe: int | None = attrs.field(default=None, validator=check.optional(check.integer(0, 10)))
    """Target effort on the Borg CR10 scale (0-10), or None for 'comfortable'."""

    @property
    def volume(self) -> int:
        """Minutes."""
        return self.minutes


@attrs.frozen(kw_only=True, cache_hash=True, repr=False)
class Intervals(Document):
    """Walk-run style intervals: ``rounds`` of ``work_seconds`` then ``rest_seconds``.

    For a walk-run session, work is the jog and rest the walk between jogs.
    """

    kind: ClassVar[Literal["intervals"]] = "intervals"
    rounds: int = attrs.field(validator=check.integer(1, 100))
    """How many work-rest rounds."""
    work_seconds: int = attrs.field(validator=check.integer(1, 3600))
    """Seconds of work in each round (the jog of a walk-run)."""
    rest_seconds: int = attrs.field(validator=check.integer(0, 3600))
    """Seconds of rest after each round's work (the walk of a walk-run)."""

    @property
    def volume(self) -> int:
        """Seconds of work: rounds × work seconds."""
        return self.rounds * self.work_seconds

    @property
    def total_minutes(self) -> float:
        """Time on feet, work and rest, in minutes."""
        return self.rounds * (self.work_seconds + self.rest_seconds) / 60


Dose: TypeAlias = Reps | Hold | Duration | Intervals
"""Any dose; ``type(dose)`` is its dose type."""

DOSE_TYPES: tuple[type[Dose], ...] = (Reps, Hold, Duration, Intervals)
DOSE_TYPE_BY_KIND: dict[str, type[Dose]] = {t.kind: t for t in DOSE_TYPES}


# Planning estimates of how long a dose takes (design-time-estimates), not prescriptions.
SECONDS_PER_REPETITION = 4
REST_BETWEEN_SETS_SECONDS = 60
SECONDS_TO_CHANGE_HOLD = 2
REST_BETWEEN_HOLD_SETS_SECONDS = 30

# Each named number below -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {
    "SECONDS_PER_REPETITION": ("design-time-estimates",),
    "REST_BETWEEN_SETS_SECONDS": ("design-time-estimates",),
    "SECONDS_TO_CHANGE_HOLD": ("design-time-estimates",),
    "REST_BETWEEN_HOLD_SETS_SECONDS": ("design-time-estimates",),
}


def dose_minutes(dose: Dose, *, per_side: bool = False) -> float:
    """Rough time the dose takes, in minutes, for time budgets.

    Repetitions count 4 s each plus 60 s rest between sets; holds count their
    seconds plus 2 s to change position and 30 s rest between sets; durations and
    intervals their minutes (work and rest). ``per_side``: the exercise is done on
    each side in turn ([lumbar.Exercise.per_side][lumbar.model.Exercise.per_side]),
    which doubles the work. These are planning estimates (a design choice), not
    prescriptions; a program's
    [lumbar.Constraints.session_minutes][lumbar.model.Constraints.session_minutes] is kept
    in these terms.

    >>> dose_minutes(Reps(sets=2, reps=10)), dose_minutes(Duration(minutes=20))
    (2.3333333333333335, 20.0)
    """
    sides = 2 if per_side else 1
    if isinstance(dose, Reps):
        seconds = (
            dose.volume * SECONDS_PER_REPETITION * sides
            + (dose.sets - 1) * REST_BETWEEN_SETS_SECONDS
        )
    elif isinstance(dose, Hold):
        seconds = (
            dose.total_reps * (dose.seconds + SECONDS_TO_CHANGE_HOLD) * sides
            + (dose.sets - 1) * REST_BETWEEN_HOLD_SETS_SECONDS
        )
    elif isinstance(dose, Duration):
        seconds = dose.minutes * 60
    else:
        seconds = dose.rounds * (dose.work_seconds + dose.rest_seconds)
    return seconds / 60


# The fields that measure how much: a dose is inside an exercise's bounds when each is.
# Rest and pyramid drop are left out because more of them makes a dose easier, not harder.
SIZE_FIELDS: dict[type[Dose], tuple[str, ...]] = {
    Reps: ("sets", "reps", "load_kg"),
    Hold: ("sets", "reps", "seconds"),
    Duration: ("minutes",),
    Intervals: ("rounds", "work_seconds"),
}


def size_of(dose: Dose, field: str) -> float:
    value = getattr(dose, field)
    return 0.0 if value is None else float(value)


def out_of_bounds(dose: Dose, low: Dose, high: Dose) -> list[str]:
    """The size fields of ``dose`` outside ``[low, high]``, with a reason for each."""
    if type(dose) is not type(low) or type(dose) is not type(high):
        return [f"is a {dose.kind} dose but the bounds are {low.kind} and {high.kind}"]
    problems = []
    for field in SIZE_FIELDS[type(dose)]:
        value = size_of(dose, field)
        if value < size_of(low, field):
            problems.append(f"{field} {value:g} is below the minimum {size_of(low, field):g}")
        elif value > size_of(high, field):
            problems.append(f"{field} {value:g} is above the maximum {size_of(high, field):g}")
    return problems


def _seconds(value: int) -> str:
    return f"{value // 60} min" if value % 60 == 0 else f"{value} s"


def _kg(value: float) -> str:
    return f"{value:g} kg"


def describe(dose: Dose) -> str:
    """A short human reading of a dose, such as ``3×10 at 12.5 kg`` or ``6-4-2 × 10 s holds``."""
    if isinstance(dose, Reps):
        text = f"{dose.sets}×{dose.reps}"
        return text if dose.load_kg is None else f"{text} at {_kg(dose.load_kg)}"
    if isinstance(dose, Hold):
        drop = dose.reps_drop
        if drop:
            reps = dose.reps
            per_set = "-".join([str(reps - index * drop) for index in range(dose.sets)])
            return f"{per_set} × {dose.seconds} s holds"
        return f"{dose.sets}×{dose.reps} × {dose.seconds} s holds"
    if isinstance(dose, Duration):
        return (
            f"{dose.minutes} min"
            if dose.rpe is None
            else f"{dose.minutes} min at effort {dose.rpe}/10"
        )
    return (
        f"{dose.rounds} × ({_seconds(dose.work_seconds)} work, {_seconds(dose.rest_seconds)} rest)"
    )
