"""Planned deload weeks: a lighter dose in a marked week, then back to the dose before it."""

from __future__ import annotations

from typing import ClassVar

import attrs

from lumbar._base import validators as check
from lumbar._base.document import Document
from lumbar.errors import ValidationError
from lumbar.model._dose import describe
from lumbar.model._program import Prescription, Program
from lumbar.progression._decision import Action, Decision, numbers
from lumbar.progression._dose_steps import lighter
from lumbar.progression._protocol import Attempt, ProgressionRule, RuleContext
from lumbar.progression._rule_kit import (
    DELOAD_REFS,
    FieldParams,
    check_inner,
    hold_decision,
    make_decision,
    prescribe,
)

DELOAD_EVERY_WEEKS = 4
"""Every fourth week is a deload week unless a program says otherwise (design-deload)."""

DELOAD_PERCENT = 60
"""The share of its volume a dose keeps in a deload week, in percent (design-deload)."""

# Each named number below -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {
    "DELOAD_EVERY_WEEKS": ("acsm-2009-rt", "design-deload"),
    "DELOAD_PERCENT": ("design-deload",),
}


@attrs.frozen(kw_only=True, repr=False)
class DeloadRule(FieldParams, Document):
    """Planned deload weeks: a lighter dose in a week marked ``deload``, then back.

    Entering a deload week, the dose drops to about ``volume_percent`` of its
    volume (sets first, intensity kept); nothing rises during the week; the first
    session after it, once pain allows, returns to the dose before it. Default 60% (design choice;
    ACSM describes periodized, varied training, `acsm-2009-rt`).
    """

    name: ClassVar[str] = "deload"
    inner: ProgressionRule = attrs.field(validator=check_inner)
    """The rule that decides outside deload weeks."""
    volume_percent: int = attrs.field(default=DELOAD_PERCENT, validator=check.integer(10, 100))
    """The share of its volume a dose keeps in a deload week, in percent."""

    def decide(self, context: RuleContext) -> Decision:
        """Lighter in a deload week, back after it, otherwise the inner decision."""
        latest = context.history[-1]
        if context.deload:
            if latest.deload and latest.week_index == context.week_index:
                return hold_decision(
                    context, "Deload week: the same lighter dose.", DELOAD_REFS, "deload-hold"
                )
            dose = lighter(context.prescription.dose, context.exercise, self.volume_percent)
            return make_decision(
                Action.DELOAD,
                context,
                prescribe(context, dose),
                f"Planned deload week: about {self.volume_percent}% of the usual volume, "
                f"{describe(dose)}.",
                DELOAD_REFS,
                "deload",
                numbers(percent=self.volume_percent),
            )
        current = context.prescription
        before = _before_deload(context.history, current)
        if (
            before is not None
            and before is not current  # back already: the usual case after a deload week
            and before.exercise == context.exercise.id
            and before != current
            and lighter(before.dose, context.exercise, self.volume_percent) == current.dose
        ):
            return make_decision(
                Action.PROGRESS,
                context,
                before,
                f"Deload week over: back to {describe(before.dose)}.",
                DELOAD_REFS,
                "back-from-deload",
            )
        return self.inner.decide(context)


def _before_deload(history: tuple[Attempt, ...], current: Prescription) -> Prescription | None:
    """The prescription before the latest deload week, if nothing has changed since it."""
    index = len(history) - 1
    while index >= 0:
        attempt = history[index]
        if attempt.deload:
            break
        given = attempt.prescription
        if given is current or given == current:
            index -= 1
            continue
        return None  # the dose moved on after the deload week (or there was none)
    else:
        return None  # no deload week in sight
    while index >= 0 and history[index].deload:
        index -= 1
    return history[index].prescription if index >= 0 else None


def schedule_deloads(program: Program, *, every: int = DELOAD_EVERY_WEEKS) -> Program:
    """``program`` with every ``every``-th week marked as a deload week (4, 8, ... by default).

    A lighter week every fourth week is a design choice: the running notes record an
    easier week every 3-4 weeks as an unverified convention, and ACSM describes
    periodized (varied) training (`acsm-2009-rt`). Other weeks keep their marks.
    """
    if type(every) is not int or every < 2:
        raise ValidationError.single("every", f"must be an integer >= 2, got {every!r}")
    weeks = tuple(
        attrs.evolve(week, deload=True) if (index + 1) % every == 0 else week
        for index, week in enumerate(program.weeks)
    )
    return attrs.evolve(program, weeks=weeks)
