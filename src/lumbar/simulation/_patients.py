"""Virtual patients: responders that answer a prescription with a plausible result.

They are toy models for testing rules and comparing rule stacks in simulation,
not models of real patients, and rest on no clinical source: each keeps a capacity
per exercise that grows week by week, and pain and effort rise when a dose exceeds
it. A walk-run session counts its time on feet, a jogging minute weighing more than
a walking one (``JOG_DEMAND``). All randomness comes
from a ``random.Random(seed)`` that each individual owns.
"""

from __future__ import annotations

import random
from typing import Any, Protocol, runtime_checkable

import attrs

from lumbar._base import validators as check
from lumbar._base.display import Shown
from lumbar.model._dose import Intervals, Reps
from lumbar.model._log import ExerciseResult, reported
from lumbar.model._program import Prescription
from lumbar.progression._dose_steps import volume_of

# Where a first dose sits against the person's capacity: comfortable, below the
# effort at which the rules stop progressing (model choice, not a clinical value).
FIRST_STRAIN = 0.75

# How much a minute of jogging asks of a virtual patient against a minute of the walking
# around it, in a walk-run session. The walk-run stages keep about 30 minutes on feet and
# only shift minutes from walking to jogging, so each stage asks a little more than the one
# before (about 7 % here), not twice as much as its jog minutes alone would say. Model
# choice, not a clinical value: the virtual patients rest on no clinical source; 1.5 is
# of the order of slow jogging against brisk walking in energy cost.
JOG_DEMAND = 1.5


class Responder(Protocol):
    """Anything that answers a prescription given in a week with a result."""

    def __call__(self, prescription: Prescription, week_index: int) -> ExerciseResult:
        """The result of doing ``prescription`` in week ``week_index`` (0-based)."""
        ...


@runtime_checkable
class VirtualPatient(Protocol):
    """A kind of patient: ``responder(seed)`` gives one individual of that kind.

    The same seed gives the same individual, so a simulation with a virtual
    patient and a seed is reproducible.
    """

    def responder(self, seed: int) -> Responder:
        """A fresh individual, its randomness drawn from ``random.Random(seed)``."""
        ...


def _clip(value: float) -> int:
    rounded = round(value)
    return 0 if rounded < 0 else 10 if rounded > 10 else rounded


class Individual:
    """One simulated person; the state is the random stream and the capacities.

    A simulation calls it once per prescription, so the arithmetic is written out
    and pain at rest is remembered per week. Tests and docs pin the results of a
    seed: a rewrite must keep every operation, its order and every random draw.
    """

    __slots__ = (
        "adherence",
        "baseline",
        "capacity",
        "decline",
        "draw",
        "flare",
        "gain",
        "growth",
        "known",
        "noise",
        "plateau",
        "rest",
        "results",
        "spread",
    )

    def __init__(
        self,
        seed: int,
        *,
        baseline: float,
        gain: float,
        decline: float,
        noise: float,
        plateau: int | None = None,
        flare: tuple[int, int, float] | None = None,
        adherence: float = 1.0,
    ) -> None:
        # The one random stream, as its bound ``random`` method: made once, not per call.
        self.draw = random.Random(seed).random
        self.baseline = baseline
        self.gain = gain
        self.decline = decline
        self.noise = noise
        self.plateau = plateau
        self.flare = flare
        self.adherence = adherence
        self.growth = 1 + gain * adherence
        self.spread = 2 * noise
        # Per exercise id: [first capacity, first week, sessions so far, the week of the
        # capacity below, the capacity that week].
        self.capacity: dict[str, list[Any]] = {}
        self.results: dict[int, ExerciseResult] = {}
        # Per id of a prescription seen: (the prescription, its size, its capacity entry).
        self.known: dict[int, tuple[Prescription, float, list[Any]]] = {}
        self.rest: dict[int, float] = {}

    def _rest_pain(self, week: int) -> float:
        pain = self.baseline * max(0.3, 1 - self.decline * week)
        if self.flare is not None:
            start, length, extra = self.flare
            if start <= week < start + length:
                pain += extra
        return pain

    def __call__(self, prescription: Prescription, week_index: int) -> ExerciseResult:
        # The arithmetic is in floats throughout (1.0, not 1): the same values, and CPython
        # runs float-with-float operations on its fast path, not mixed int-and-float ones.
        draw = self.draw
        rest = self.rest.get(week_index)
        if rest is None:
            rest = self.rest[week_index] = self._rest_pain(week_index)
        if self.adherence < 1.0 and draw() >= self.adherence:
            level = _clip(rest)
            return self._result(False, 0, level, level)
        # A prescription is given session after session: its size and its exercise's
        # capacity are looked up by identity (the entry keeps the prescription alive, so its
        # id is not reused while the entry stands).
        known = self.known.get(id(prescription))
        if known is not None and known[0] is prescription:
            size, seen = known[1], known[2]
        else:
            size, seen = self._size(prescription, week_index)
        sessions = seen[2]
        seen[2] = sessions + 1
        if seen[3] != week_index:
            # The exercise's capacity this week, worked out once a week.
            first_capacity, first_week = seen[0], seen[1]
            plateau = self.plateau
            grown = week_index if plateau is None or week_index < plateau else plateau
            weeks = grown - first_week if grown > first_week else 0
            seen[3], seen[4] = week_index, first_capacity * self.growth**weeks
        strain = size / seen[4]
        if sessions < 2:
            strain *= 1.1  # a new exercise feels harder for its first sessions
        over = strain - 1.0 if strain > 1.0 else 0.0
        # Triangular noise (the sum of two uniforms) on [-2 noise, 2 noise]: bell-shaped
        # like a normal, and cheaper to draw.
        spread = self.spread
        during = round(rest + 5.0 * over + spread * (draw() + draw() - 1.0))
        next_day = round(rest + 4.0 * over + spread * (draw() + draw() - 1.0))
        rpe = round(1.0 + 4.5 * strain + draw() + draw() - 1.0)
        rpe = 0 if rpe < 0 else 10 if rpe > 10 else rpe
        during = 0 if during < 0 else 10 if during > 10 else during
        next_day = 0 if next_day < 0 else 10 if next_day > 10 else next_day
        completed = strain <= 1.15
        # The shared result of these values (see _result), looked up here: this runs once
        # per prescription.
        found = self.results.get(((completed * 11 + rpe) * 11 + during) * 11 + next_day)
        if found is None:
            return self._result(completed, rpe, during, next_day)
        return found

    def _size(self, prescription: Prescription, week_index: int) -> tuple[float, list[Any]]:
        """The size of a dose and its exercise's capacity entry, remembered for ``prescription``.

        The size is the dose's volume, a loaded one weighing more; for walk-run intervals,
        the time on feet with the jogging weighing more (JOG_DEMAND).
        """
        dose = prescription.dose
        kind = type(dose)
        if kind is Intervals:
            walked = dose.rest_seconds  # type: ignore[union-attr]
            jogged = dose.work_seconds  # type: ignore[union-attr]
            size = float(dose.rounds * (walked + JOG_DEMAND * jogged))  # type: ignore[union-attr]
        else:
            load = dose.load_kg if kind is Reps else None  # type: ignore[union-attr]
            size = volume_of(dose) * (1 + load / 20) if load else float(volume_of(dose))
        seen = self.capacity.get(prescription.exercise)
        if seen is None:
            seen = self.capacity[prescription.exercise] = [
                size / FIRST_STRAIN,
                week_index,
                0,
                -1,
                0.0,
            ]
        self.known[id(prescription)] = (prescription, size, seen)
        return size, seen

    def _result(self, completed: bool, rpe: int, during: int, next_day: int) -> ExerciseResult:
        # One result per combination of values (each 0-10), shared: results are values.
        key = ((completed * 11 + rpe) * 11 + during) * 11 + next_day
        found = self.results.get(key)
        if found is None:
            # Made of its own clipped integers, unchecked: the public constructor would
            # check them again for every new combination of values.
            found = self.results[key] = reported(completed, rpe, during, next_day)
        return found


def _individual(
    patient: Any,
    seed: int,
    *,
    plateau: int | None = None,
    flare: tuple[int, int, float] | None = None,
    adherence: float = 1.0,
) -> Individual:
    """One individual with the fields every virtual patient has, and its own extras."""
    return Individual(
        seed,
        baseline=patient.baseline_pain,
        gain=patient.weekly_gain,
        decline=patient.pain_decline,
        noise=patient.noise,
        plateau=plateau,
        flare=flare,
        adherence=adherence,
    )


_PAIN = check.number(0, 10)
_RATE = check.number(0, 1)


@attrs.frozen(kw_only=True, repr=False)
class SteadyImprover(Shown):
    """Capacity grows steadily (``weekly_gain`` per week) and pain at rest eases."""

    baseline_pain: float = attrs.field(default=3.0, validator=_PAIN)
    """Pain at rest at the start, 0-10."""
    weekly_gain: float = attrs.field(default=0.06, validator=_RATE)
    """How much capacity grows each week, as a fraction."""
    pain_decline: float = attrs.field(default=0.03, validator=_RATE)
    """How much pain at rest eases each week, as a fraction of the baseline."""
    noise: float = attrs.field(default=0.4, validator=check.number(0, 5))
    """Spread of the random part of pain, in points."""

    def responder(self, seed: int) -> Responder:
        """One steady improver."""
        return _individual(self, seed)


@attrs.frozen(kw_only=True, repr=False)
class Plateau(Shown):
    """Improves until ``plateau_week``, then capacity stops growing."""

    baseline_pain: float = attrs.field(default=3.0, validator=_PAIN)
    """Pain at rest at the start, 0-10."""
    weekly_gain: float = attrs.field(default=0.06, validator=_RATE)
    """How much capacity grows each week until the plateau, as a fraction."""
    pain_decline: float = attrs.field(default=0.02, validator=_RATE)
    """How much pain at rest eases each week, as a fraction of the baseline."""
    noise: float = attrs.field(default=0.5, validator=check.number(0, 5))
    """Spread of the random part of pain, in points."""
    plateau_week: int = attrs.field(default=8, validator=check.integer(0, 520))
    """The week (from 0) from which capacity stops growing."""

    def responder(self, seed: int) -> Responder:
        """One person who plateaus."""
        return _individual(self, seed, plateau=self.plateau_week)


@attrs.frozen(kw_only=True, repr=False)
class FlareUp(Shown):
    """A steady improver whose pain flares by ``flare_pain`` for ``flare_weeks`` mid-program."""

    baseline_pain: float = attrs.field(default=3.0, validator=_PAIN)
    """Pain at rest at the start, 0-10."""
    weekly_gain: float = attrs.field(default=0.06, validator=_RATE)
    """How much capacity grows each week, as a fraction."""
    pain_decline: float = attrs.field(default=0.03, validator=_RATE)
    """How much pain at rest eases each week, as a fraction of the baseline."""
    noise: float = attrs.field(default=0.4, validator=check.number(0, 5))
    """Spread of the random part of pain, in points."""
    flare_week: int = attrs.field(default=10, validator=check.integer(0, 520))
    """The week (from 0) the flare-up starts."""
    flare_weeks: int = attrs.field(default=2, validator=check.integer(1, 52))
    """How many weeks the flare-up lasts."""
    flare_pain: float = attrs.field(default=4.0, validator=_PAIN)
    """Pain added during the flare-up, in points."""

    def responder(self, seed: int) -> Responder:
        """One person with a flare-up."""
        return _individual(self, seed, flare=(self.flare_week, self.flare_weeks, self.flare_pain))


@attrs.frozen(kw_only=True, repr=False)
class NonAdherent(Shown):
    """Does each prescription with probability ``adherence``; skipped ones are not completed."""

    baseline_pain: float = attrs.field(default=3.0, validator=_PAIN)
    """Pain at rest at the start, 0-10."""
    weekly_gain: float = attrs.field(default=0.06, validator=_RATE)
    """How much capacity grows each week when every session is done, as a fraction."""
    pain_decline: float = attrs.field(default=0.02, validator=_RATE)
    """How much pain at rest eases each week, as a fraction of the baseline."""
    noise: float = attrs.field(default=0.4, validator=check.number(0, 5))
    """Spread of the random part of pain, in points."""
    adherence: float = attrs.field(default=0.6, validator=_RATE)
    """The probability that each prescription is done, 0-1."""

    def responder(self, seed: int) -> Responder:
        """One person who skips sessions."""
        return _individual(self, seed, adherence=self.adherence)
