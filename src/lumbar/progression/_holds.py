"""Base rules for timed holds: longer holds, and the reverse pyramid of McGill's exercises."""

from __future__ import annotations

from typing import ClassVar

import attrs

from lumbar._base import validators as check
from lumbar._base.document import Document
from lumbar.model._dose import Hold, describe
from lumbar.progression._decision import Action, Decision
from lumbar.progression._protocol import RuleContext
from lumbar.progression._rule_kit import (
    DEFAULT_MAX_RPE,
    EFFORT_REFS,
    MOTOR_CONTROL_REFS,
    PYRAMID,
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


def _more_holds(dose: Hold, high: Hold, reps_step: int) -> Hold | None:
    if dose.reps < high.reps:
        return Hold(
            sets=dose.sets,
            reps=min(high.reps, dose.reps + reps_step),
            seconds=dose.seconds,
            reps_drop=dose.reps_drop,
        )
    if dose.sets < high.sets and dose.reps - dose.sets * dose.reps_drop >= 1:
        return Hold(
            sets=dose.sets + 1, reps=dose.reps, seconds=dose.seconds, reps_drop=dose.reps_drop
        )
    return None


# Each named number below -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {
    "HoldTimeProgression.seconds_step": ("design-smallest-step",),
    "HoldTimeProgression.max_seconds": ("design-motor-control-holds",),
}


@attrs.frozen(kw_only=True, repr=False)
class HoldTimeProgression(FieldParams, ForDoses, Document):
    """Longer isometric holds up to a cap, then more holds, then more sets, for ``Hold`` doses.

    Default: +5 s per step up to 10 s holds (motor-control holds of about 10 s,
    seen in secondary sources citing McGill; `mcgill-1999-apmr`), then one more
    hold per set. Holds already longer than the cap (stretches) keep their length.
    """

    name: ClassVar[str] = "hold-time"
    doses: ClassVar[frozenset[DoseKind]] = frozenset({Hold, PYRAMID})
    """Hold doses, pyramid holds included."""
    seconds_step: int = attrs.field(default=5, validator=check.integer(1, 60))
    """Seconds added to each hold per step."""
    max_seconds: int = attrs.field(default=10, validator=check.integer(1, 600))
    """The hold length at which holds stop growing and more holds are added."""
    reps_step: int = attrs.field(default=1, validator=check.integer(1, 10))
    """Holds added per set once holds are at ``max_seconds``."""
    max_rpe: float = attrs.field(
        default=DEFAULT_MAX_RPE, converter=check.exact_float, validator=check.number(0, 10)
    )
    """The highest effort (CR10) at which the dose may rise."""

    def decide(self, context: RuleContext) -> Decision:
        """Longer holds, else more holds or sets, else topped out."""
        refs = MOTOR_CONTROL_REFS
        dose = context.prescription.dose
        if not isinstance(dose, Hold):
            return hold_decision(
                context, "Hold-time progression applies to hold doses only.", refs, "no-rule"
            )
        stop = not_ready(context, self.max_rpe, refs)
        if stop is not None:
            return stop
        high = context.exercise.max_dose
        assert isinstance(high, Hold)
        cap = min(self.max_seconds, high.seconds)
        done = done_well(context.history[-1].result.rpe)
        if dose.seconds < cap:
            new: Hold | None = Hold(
                sets=dose.sets,
                reps=dose.reps,
                seconds=min(cap, dose.seconds + self.seconds_step),
                reps_drop=dose.reps_drop,
            )
            why, code = "longer holds", "longer-holds"
        else:
            new = _more_holds(dose, high, self.reps_step)
            why, code = "more holds", "more-holds"
        if new is None:
            return topped_out(context, f"{done}: this exercise is at the top of its range.", refs)
        return make_decision(
            Action.PROGRESS,
            context,
            prescribe(context, new),
            f"{done}: {why}, {describe(new)}.",
            refs + EFFORT_REFS,
            code,
            effort(context),
        )


@attrs.frozen(kw_only=True, repr=False)
class ReversePyramid(FieldParams, ForDoses, Document):
    """The reverse-pyramid scheme (6-4-2 holds) for the curl-up, side bridge and bird dog.

    Progress by adding holds to every set (6-4-2, 7-5-3, 8-6-4, ...), never by
    longer holds, then by one more set; applies to ``Hold`` doses with a pyramid
    drop. The 6-4-2 scheme and the "more holds, not longer holds" rationale were
    seen only in secondary sources citing McGill (`mcgill-1999-apmr`).
    """

    name: ClassVar[str] = "reverse-pyramid"
    doses: ClassVar[frozenset[DoseKind]] = frozenset({PYRAMID})
    """Hold doses that drop repetitions from set to set."""
    reps_step: int = attrs.field(default=1, validator=check.integer(1, 10))
    """Holds added to every set per step."""
    max_rpe: float = attrs.field(
        default=DEFAULT_MAX_RPE, converter=check.exact_float, validator=check.number(0, 10)
    )
    """The highest effort (CR10) at which the dose may rise."""

    def decide(self, context: RuleContext) -> Decision:
        """More holds in every set, else one more set, else topped out."""
        refs = MOTOR_CONTROL_REFS
        dose = context.prescription.dose
        if not isinstance(dose, Hold):
            return hold_decision(
                context, "The reverse pyramid applies to hold doses only.", refs, "no-rule"
            )
        stop = not_ready(context, self.max_rpe, refs)
        if stop is not None:
            return stop
        high = context.exercise.max_dose
        assert isinstance(high, Hold)
        new = _more_holds(dose, high, self.reps_step)
        done = done_well(context.history[-1].result.rpe)
        if new is None:
            return topped_out(context, f"{done}: this exercise is at the top of its range.", refs)
        return make_decision(
            Action.PROGRESS,
            context,
            prescribe(context, new),
            f"{done}: more holds per set, {describe(new)}.",
            refs + EFFORT_REFS,
            "more-holds",
            effort(context),
        )
