"""Hypothesis strategies for responders: what a simulated person reports after each exercise.

Re-exported by [lumbar.strategies][]; importing this module needs hypothesis.
"""

from __future__ import annotations

import random

from hypothesis import strategies as st

from lumbar.model._dose import Dose, Duration, Hold, Intervals, Reps
from lumbar.model._log import ExerciseResult
from lumbar.model._program import Prescription
from lumbar.simulation._patients import FlareUp, NonAdherent, Plateau, Responder, SteadyImprover


class _RandomResponder:
    """Results drawn at random (seeded): any pain, effort and completion, sometimes less done."""

    def __init__(self, seed: int, pain_high: int) -> None:
        self.rng = random.Random(seed)
        self.pain_high = pain_high

    def __call__(self, prescription: Prescription, week_index: int) -> ExerciseResult:
        rng = self.rng
        return ExerciseResult(
            completed=rng.random() < 0.85,
            rpe=rng.randint(0, 10),
            pain_during=rng.randint(0, self.pain_high),
            pain_next_day=rng.randint(0, self.pain_high),
            done=_less(prescription.dose) if rng.random() < 0.1 else None,
        )


def _less(dose: Dose) -> Dose:
    """One set, or half the time or rounds: what someone who stopped early did."""
    if isinstance(dose, Reps):
        return Reps(sets=1, reps=dose.reps, load_kg=dose.load_kg)
    if isinstance(dose, Hold):
        return Hold(sets=1, reps=dose.reps, seconds=dose.seconds)
    if isinstance(dose, Duration):
        return Duration(minutes=max(1, dose.minutes // 2), rpe=dose.rpe)
    return Intervals(
        rounds=max(1, dose.rounds // 2),
        work_seconds=dose.work_seconds,
        rest_seconds=dose.rest_seconds,
    )


_EASY = ExerciseResult(completed=True, rpe=2, pain_during=1, pain_next_day=1)


def _easy(prescription: Prescription, week_index: int) -> ExerciseResult:
    """Every session easy and pain-free: the rules progress whenever they may."""
    return _EASY


def responders() -> st.SearchStrategy[Responder]:
    """Responders for simulations: random ones, always-easy, and the virtual patients, seeded."""
    random_ones = st.builds(_RandomResponder, st.integers(0, 2**32 - 1), st.integers(3, 10))
    patients = st.builds(
        lambda kind, seed: kind.responder(seed),
        st.sampled_from([SteadyImprover(), Plateau(), FlareUp(flare_week=1), NonAdherent()]),
        st.integers(0, 2**32 - 1),
    )
    return random_ones | st.just(_easy) | patients
