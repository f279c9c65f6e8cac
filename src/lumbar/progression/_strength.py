"""Strength base rules for repetition doses: double progression and load progression."""

from __future__ import annotations

from typing import ClassVar

import attrs

from lumbar._base import validators as check
from lumbar._base.document import Document
from lumbar.errors import ValidationError
from lumbar.model._dose import Reps, describe
from lumbar.progression._decision import Action, Decision
from lumbar.progression._protocol import RuleContext
from lumbar.progression._rule_kit import (
    DEFAULT_MAX_RPE,
    EFFORT_REFS,
    STRENGTH_REFS,
    DoseKind,
    FieldParams,
    ForDoses,
    done_well,
    effort,
    hold_decision,
    make_decision,
    not_ready,
    prescribe,
    topped_out,
)

# Each named number below -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {
    "DoubleProgression.rep_low": ("acsm-2009-rt",),
    "DoubleProgression.rep_high": ("acsm-2009-rt",),
    "DoubleProgression.load_percent": ("acsm-2009-rt", "design-load-rounding"),
    "DoubleProgression.load_step_kg": ("design-load-rounding",),
    "LoadProgression.percent": ("acsm-2009-rt", "design-load-rounding"),
    "LoadProgression.step_kg": ("design-load-rounding",),
}


@attrs.frozen(kw_only=True, repr=False)
class DoubleProgression(FieldParams, ForDoses, Document):
    """Repetitions within a range, then load (or a set), for ``Reps`` doses.

    After a completed session at moderate effort, add ``reps_step`` repetitions per
    set until ``rep_high``; then raise the load by ``load_percent`` (at least
    ``load_step_kg``, rounded to that step) and go back to ``rep_low``. With no
    load left to add (a body-weight exercise, or the load at its maximum) the
    exercise has topped out and the ladder moves on. Defaults: 8-12 repetitions and +5% load
    (ACSM 2009: 8-12 RM for novices, +2-10% once the target is beaten by 1-2
    repetitions; `acsm-2009-rt`); effort at most 5/10 on Borg CR10 (`borg-cr10`).
    """

    name: ClassVar[str] = "double-progression"
    doses: ClassVar[frozenset[DoseKind]] = frozenset({Reps})
    """Repetition doses."""
    rep_low: int = attrs.field(default=8, validator=check.integer(1, 100))
    """Repetitions per set to go back to after a load rise."""
    rep_high: int = attrs.field(default=12, validator=check.integer(1, 100))
    """Repetitions per set at which the load rises instead."""
    reps_step: int = attrs.field(default=1, validator=check.integer(1, 10))
    """Repetitions added per set per step."""
    load_percent: float = attrs.field(
        default=5.0, converter=check.exact_float, validator=check.number(0, 10)
    )
    """Load rise as a percentage of the load (at least ``load_step_kg``)."""
    load_step_kg: float = attrs.field(
        default=1.0, converter=check.exact_float, validator=check.number(0.1, 20)
    )
    """The smallest load rise, in kilograms; loads are rounded to it."""
    max_rpe: float = attrs.field(
        default=DEFAULT_MAX_RPE, converter=check.exact_float, validator=check.number(0, 10)
    )
    """The highest effort (CR10) at which the dose may rise."""

    def __attrs_post_init__(self) -> None:
        if self.rep_low > self.rep_high:
            raise ValidationError.single(
                "rep_low", f"must be <= rep_high ({self.rep_high}), got {self.rep_low}"
            )

    def decide(self, context: RuleContext) -> Decision:
        """One more repetition per set, else more load, else topped out."""
        refs = STRENGTH_REFS
        dose = context.prescription.dose
        if not isinstance(dose, Reps):
            return hold_decision(
                context, "Double progression applies to repetition doses only.", refs, "no-rule"
            )
        stop = not_ready(context, self.max_rpe, refs)
        if stop is not None:
            return stop
        low, high = context.exercise.min_dose, context.exercise.max_dose
        assert isinstance(low, Reps)
        assert isinstance(high, Reps)
        top = max(low.reps, min(self.rep_high, high.reps))
        bottom = min(top, max(low.reps, self.rep_low))
        done = done_well(context.history[-1].result.rpe)
        if dose.reps < top:
            new = Reps(
                sets=dose.sets, reps=min(top, dose.reps + self.reps_step), load_kg=dose.load_kg
            )
            return make_decision(
                Action.PROGRESS,
                context,
                prescribe(context, new),
                f"{done}: {describe(new)}, more repetitions within {bottom}-{top}.",
                refs + EFFORT_REFS,
                "more-reps",
                effort(context),
            )
        heavier = _next_load(dose.load_kg, high.load_kg, self.load_percent, self.load_step_kg)
        if heavier is not None:
            new = Reps(sets=dose.sets, reps=bottom, load_kg=heavier)
            return make_decision(
                Action.PROGRESS,
                context,
                prescribe(context, new),
                f"{done} at the top of the range: more load, {describe(new)}.",
                refs + EFFORT_REFS,
                "more-load",
                effort(context),
            )
        return topped_out(
            context, f"{done}: this exercise is at the top of its range.", refs + EFFORT_REFS
        )


def _next_load(
    load: float | None, highest: float | None, percent: float, step_kg: float
) -> float | None:
    """The next load up, rounded to the step and inside the bound; None when there is none."""
    ceiling = 0.0 if highest is None else highest
    current = 0.0 if load is None else load
    if current >= ceiling:
        return None
    raised = current + max(current * percent / 100, step_kg)
    if step_kg > 0:
        raised = max(round(raised / step_kg) * step_kg, current + step_kg)
    return round(min(raised, ceiling), 2)


@attrs.frozen(kw_only=True, repr=False)
class LoadProgression(FieldParams, ForDoses, Document):
    """Load up by a percentage or a fixed step, repetitions unchanged, for ``Reps`` doses.

    The rise is the larger of ``percent`` of the load and ``step_kg`` (set
    ``percent`` to 0 for a fixed step), rounded to ``step_kg``. Default +5%, at
    least 1 kg (`acsm-2009-rt`: +2-10%).
    """

    name: ClassVar[str] = "load-progression"
    doses: ClassVar[frozenset[DoseKind]] = frozenset({Reps})
    """Repetition doses."""
    percent: float = attrs.field(
        default=5.0, converter=check.exact_float, validator=check.number(0, 10)
    )
    """Load rise as a percentage of the load (0 for a fixed step)."""
    step_kg: float = attrs.field(
        default=1.0, converter=check.exact_float, validator=check.number(0.1, 20)
    )
    """The smallest load rise, in kilograms; loads are rounded to it."""
    max_rpe: float = attrs.field(
        default=DEFAULT_MAX_RPE, converter=check.exact_float, validator=check.number(0, 10)
    )
    """The highest effort (CR10) at which the load may rise."""

    def decide(self, context: RuleContext) -> Decision:
        """More load, else topped out."""
        refs = STRENGTH_REFS
        dose = context.prescription.dose
        if not isinstance(dose, Reps):
            return hold_decision(
                context, "Load progression applies to repetition doses only.", refs, "no-rule"
            )
        stop = not_ready(context, self.max_rpe, refs)
        if stop is not None:
            return stop
        high = context.exercise.max_dose
        assert isinstance(high, Reps)
        heavier = _next_load(dose.load_kg, high.load_kg, self.percent, self.step_kg)
        done = done_well(context.history[-1].result.rpe)
        if heavier is None:
            return topped_out(context, f"{done}: the load is at its maximum.", refs)
        new = Reps(sets=dose.sets, reps=dose.reps, load_kg=heavier)
        return make_decision(
            Action.PROGRESS,
            context,
            prescribe(context, new),
            f"{done}: more load, {describe(new)}.",
            refs + EFFORT_REFS,
            "more-load",
            effort(context),
        )
