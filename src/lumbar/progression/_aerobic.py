"""Base rules for continuous activity and for the walk-run stages toward jogging."""

from __future__ import annotations

from typing import ClassVar

import attrs

from lumbar._base import validators as check
from lumbar._base.document import Document
from lumbar.model._dose import Duration, Intervals, describe
from lumbar.progression._decision import Action, Decision, numbers
from lumbar.progression._dose_steps import stage_above
from lumbar.progression._protocol import RuleContext
from lumbar.progression._rule_kit import (
    AEROBIC_REFS,
    DEFAULT_MAX_RPE,
    EFFORT_REFS,
    PAIN_REFS,
    DoseKind,
    FieldParams,
    ForDoses,
    done_well,
    good_in_a_row,
    hold_decision,
    make_decision,
    not_ready,
    prescribe,
    topped_out,
)

# Each named number below -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {
    "DurationProgression.percent": ("design-aerobic-step",),
    "DurationProgression.target_minutes": ("who-2020-pa", "acsm-garber-2011", "pocovi-2024-lancet"),
    "WalkRunProgression.sessions_per_stage": ("design-walk-run-stages",),
    "WalkRunProgression.max_pain": ("silbernagel-2007-ajsm", "design-pain-safe-zone"),
    "WalkRunProgression.max_rpe": ("borg-cr10", "design-effort-ceiling"),
}


@attrs.frozen(kw_only=True, repr=False)
class DurationProgression(FieldParams, ForDoses, Document):
    """Longer continuous activity (walking, cycling, jogging) up to a target, for ``Duration``.

    Each step adds ``percent`` of the minutes (at least one minute) until
    ``target_minutes``. Default target 30 min, the WHO and ACSM daily dose and
    the WalkBack goal (`who-2020-pa`, `acsm-garber-2011`, `pocovi-2024-lancet`).
    """

    name: ClassVar[str] = "duration"
    doses: ClassVar[frozenset[DoseKind]] = frozenset({Duration})
    """Duration doses."""
    percent: float = attrs.field(
        default=10.0, converter=check.exact_float, validator=check.number(0, 100)
    )
    """Minutes added per step, as a percentage of the current minutes (at least one minute)."""
    target_minutes: int = attrs.field(default=30, validator=check.integer(1, 600))
    """The minutes at which the rule stops adding."""
    max_rpe: float = attrs.field(
        default=DEFAULT_MAX_RPE, converter=check.exact_float, validator=check.number(0, 10)
    )
    """The highest effort (CR10) at which the dose may rise."""

    def decide(self, context: RuleContext) -> Decision:
        """More minutes toward the target, else topped out."""
        refs = AEROBIC_REFS
        dose = context.prescription.dose
        if not isinstance(dose, Duration):
            return hold_decision(
                context, "Duration progression applies to duration doses only.", refs, "no-rule"
            )
        stop = not_ready(context, self.max_rpe, refs)
        if stop is not None:
            return stop
        high = context.exercise.max_dose
        assert isinstance(high, Duration)
        target = min(self.target_minutes, high.minutes)
        done = done_well(context.history[-1].result.rpe)
        if dose.minutes >= target:
            return topped_out(context, f"{done}: {target} min reached.", refs)
        step = max(1, round(dose.minutes * self.percent / 100))
        new = Duration(minutes=min(target, dose.minutes + step), rpe=dose.rpe)
        return make_decision(
            Action.PROGRESS,
            context,
            prescribe(context, new),
            f"{done}: {describe(new)}, toward {target} min.",
            refs + EFFORT_REFS,
            "more-minutes",
            numbers(rpe=context.history[-1].result.rpe, target_minutes=target),
        )


@attrs.frozen(kw_only=True, repr=False)
class WalkRunProgression(FieldParams, ForDoses, Document):
    """The pain-gated walk-run scheme toward jogging, for ``Intervals`` doses.

    Move toward the next walk-run stage (5×(1 min jog, 5 min walk), then 2/4, 3/3,
    4/2, 5/1, then 3×(10 min jog, 1 min walk)) after ``sessions_per_stage``
    completed sessions at the current dose with pain during at most ``max_pain``
    and effort at most ``max_rpe`` (conversational pace, CR10 3-4). Pain 4-5
    during repeats the dose. The stages come from clinic handouts and the scheme
    is a design that has not been trialled in low back pain; stage 1 to 2
    doubles the jog minutes, so the weekly cap splits that step over weeks.
    """

    name: ClassVar[str] = "walk-run"
    doses: ClassVar[frozenset[DoseKind]] = frozenset({Intervals})
    """Interval doses."""
    sessions_per_stage: int = attrs.field(default=3, validator=check.integer(1, 20))
    """Completed sessions at a stage before the next stage."""
    max_pain: int = attrs.field(default=3, validator=check.integer(0, 10))
    """The highest pain during (0-10) that still counts toward the next stage."""
    max_rpe: float = attrs.field(
        default=4.0, converter=check.exact_float, validator=check.number(0, 10)
    )
    """The highest effort (CR10) that still counts toward the next stage."""

    def decide(self, context: RuleContext) -> Decision:
        """Toward the next stage after enough good sessions, else repeat, else topped out."""
        refs = PAIN_REFS
        dose = context.prescription.dose
        if not isinstance(dose, Intervals):
            return hold_decision(
                context, "Walk-run progression applies to interval doses only.", refs, "no-rule"
            )
        stop = not_ready(context, self.max_rpe, refs)
        if stop is not None:
            return stop
        pain = context.result.pain_during
        if pain > self.max_pain:
            return hold_decision(
                context,
                f"Pain {pain}/10 during: repeat this stage until it is at most {self.max_pain}/10.",
                refs,
                "stage-pain",
                numbers(pain=pain, max_pain=self.max_pain),
            )
        good = good_in_a_row(context, self.max_pain, self.sessions_per_stage)
        if good < self.sessions_per_stage:
            return hold_decision(
                context,
                f"{good} of {self.sessions_per_stage} good sessions at this stage.",
                refs,
                "stage-sessions",
                numbers(good=good, needed=self.sessions_per_stage),
            )
        stage = stage_above(dose, context.exercise)
        if stage is None:
            return topped_out(context, "The last walk-run stage is done.", refs)
        return make_decision(
            Action.PROGRESS,
            context,
            prescribe(context, stage),
            f"{good} good sessions: toward the next stage, {describe(stage)}.",
            refs + EFFORT_REFS,
            "next-stage",
            numbers(sessions=good),
        )
