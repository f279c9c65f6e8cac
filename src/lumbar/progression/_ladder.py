"""The ladder rule: moves to the harder or easier variant when the inner rule has no room."""

from __future__ import annotations

from typing import ClassVar

import attrs

from lumbar._base import validators as check
from lumbar._base.document import Document
from lumbar.model._constraints import CONSTRAINT_REFERENCES
from lumbar.model._dose import Dose, Intervals, describe
from lumbar.model._exercise import Exercise
from lumbar.model._program import prescribed
from lumbar.progression._decision import Action, Decision, decided, numbers
from lumbar.progression._protocol import ProgressionRule, RuleContext
from lumbar.progression._rule_kit import (
    DELOAD_REFS,
    PAIN_REFS,
    STRENGTH_REFS,
    FieldParams,
    check_inner,
    good_in_a_row,
    hold_decision,
)

# Each named number below -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {
    "LadderProgression.confirm_sessions": ("design-ladder-confirm",),
    "LadderProgression.max_pain": ("silbernagel-2007-ajsm", "design-pain-safe-zone"),
    "LadderProgression.walk_run_confirm_sessions": ("design-walk-run-stages",),
}


@attrs.frozen(kw_only=True, repr=False)
class LadderProgression(FieldParams, Document):
    """Moves along the exercise's ladder when the inner rule runs out of room.

    When the inner rule has topped out (``PROGRESS`` with no change), move to the
    ``harder`` variant once the last ``confirm_sessions`` sessions at this dose were
    completed with pain during at most ``max_pain`` (the "safe" zone of the
    pain-monitoring model, `silbernagel-2007-ajsm`; confirming over two sessions is a
    coaching convention, unverified). When it cannot regress further, move to the
    ``easier`` variant. A new rung starts at its ``default_dose`` (``start="min"``:
    at its ``min_dose``). Walk-run intervals are the entry to running, which the
    running notes leave to the person: by default the ladder does not move anyone
    onto an ``Intervals`` rung from another dose type (``enter_walk_run=True`` does),
    and then only after ``walk_run_confirm_sessions`` good sessions at the top of
    walking (the walk-run scheme's entry: two weeks of 30-minute brisk walks, three
    days a week).
    """

    name: ClassVar[str] = "ladder"
    inner: ProgressionRule = attrs.field(validator=check_inner)
    """The rule that doses each rung."""
    confirm_sessions: int = attrs.field(default=2, validator=check.integer(1, 20))
    """How many recent sessions at the top dose must go well before moving up."""
    max_pain: int = attrs.field(default=3, validator=check.integer(0, 10))
    """The highest pain during (0-10) of those sessions that allows moving up."""
    start: str = attrs.field(default="default", validator=check.one_of(("default", "min")))
    """Where a new rung starts: ``"default"`` (its default dose) or ``"min"`` (its minimum)."""
    enter_walk_run: bool = attrs.field(default=False, validator=check.boolean)
    """True to move from walking onto the walk-run intervals (the return-to-jogging goal)."""
    walk_run_confirm_sessions: int = attrs.field(default=6, validator=check.integer(1, 12))
    """How many recent sessions at the top of walking must go well before the walk-run starts
    (two weeks of three sessions)."""

    def decide(self, context: RuleContext) -> Decision:
        """The inner decision, or a move up or down the ladder when it has no room."""
        decision = self.inner.decide(context)
        action = decision.action
        if action is not Action.PROGRESS and action is not Action.REGRESS:
            return decision
        proposed = decision.prescription
        # ``==`` rather than ``!=`` (here and in _before_deload): attrs' ``!=`` is one more
        # call around ``==``.
        if proposed is context.prescription or proposed == context.prescription:
            if action is Action.PROGRESS:
                return self._up(context, decision)
            return self._down(context, decision)
        return decision

    def _start_dose(self, rung: Exercise) -> Dose:
        return rung.min_dose if self.start == "min" else rung.default_dose

    def _up(self, context: RuleContext, decision: Decision) -> Decision:
        refs = (*STRENGTH_REFS, *PAIN_REFS)
        exercise = context.exercise
        rung = context.harder()
        if rung is None:
            if exercise.harder is None:
                hardest, cited = "It is the hardest variant", decision.references
                code = "top-of-ladder"
            else:
                hardest = (
                    "The next variant does not fit the person's equipment or directional preference"
                )
                cited = tuple(dict.fromkeys((*decision.references, *CONSTRAINT_REFERENCES)))
                code = "ladder-blocked"
            return hold_decision(
                context, f"{decision.reason} {hardest}: keep it up at this dose.", cited, code
            )
        if context.deload:
            return hold_decision(
                context, "No move up the ladder in a deload week.", DELOAD_REFS, "deload-hold"
            )
        if (
            rung.dose_type is Intervals
            and exercise.dose_type is not Intervals
            and not self.enter_walk_run
        ):
            return hold_decision(
                context,
                f"{decision.reason} Walk-run intervals ({rung.name}) start only when the person "
                "chooses to return to jogging.",
                decision.references,
                "walk-run-choice",
            )
        needed = self.confirm_sessions
        if rung.dose_type is Intervals and exercise.dose_type is not Intervals:
            needed = max(needed, self.walk_run_confirm_sessions)
        good = good_in_a_row(context, self.max_pain, needed)
        if good < needed:
            return hold_decision(
                context,
                f"At the top of {exercise.name}: {needed} sessions in a row with "
                f"pain at most {self.max_pain}/10 before moving up ({good} so far).",
                refs,
                "ladder-confirm",
                numbers(good=good, needed=needed, max_pain=self.max_pain),
            )
        dose = self._start_dose(rung)
        return decided(
            Action.PROGRESS,
            exercise.id,
            prescribed(rung.id, dose, ""),
            f"At the top of {exercise.name} with little pain: move up to {rung.name}, "
            f"starting at {describe(dose)}.",
            refs,
            "ladder-up",
            numbers(sessions=needed, max_pain=self.max_pain),
        )

    def _down(self, context: RuleContext, decision: Decision) -> Decision:
        exercise = context.exercise
        rung = context.easier()
        if rung is None:
            return decision
        dose = self._start_dose(rung)
        return decided(
            Action.REGRESS,
            exercise.id,
            prescribed(rung.id, dose, ""),
            f"{decision.reason.rstrip('.')}: move down to {rung.name}, at {describe(dose)}.",
            decision.references,
            "ladder-down",
        )
