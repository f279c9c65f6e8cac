"""The pain-monitoring gate around any rule: no progression unless pain allows it."""

from __future__ import annotations

from typing import ClassVar

import attrs

from lumbar._base import validators as check
from lumbar.model._dose import describe
from lumbar.model._program import prescribed
from lumbar.progression._decision import Action, Decision, decided
from lumbar.progression._dose_steps import step_down
from lumbar.progression._protocol import Attempt, ProgressionRule, RuleContext
from lumbar.progression._rule_kit import (
    DEFAULT_PAIN_LIMIT,
    PAIN_REFS,
    FieldParams,
    check_inner,
    hold_decision,
    make_decision,
    prescribe,
)


def _over(attempt: Attempt, limit: int) -> bool:
    result = attempt.result
    return result.pain_during > limit or result.pain_next_day > limit


def _rose(history: tuple[Attempt, ...], index: int) -> bool:
    """Next-morning pain above the pain before that session, or else the session before's."""
    attempt = history[index]
    baseline = attempt.pain_before
    if baseline is None:
        if index == 0 or -index >= len(history):
            return False
        baseline = history[index - 1].result.pain_next_day
    return attempt.result.pain_next_day > baseline


@attrs.frozen(kw_only=True)
class PainGate(FieldParams):
    """The pain-monitoring model around any rule: no progression unless pain allows it.

    Progression is allowed only when pain during the exercise and pain the next
    morning are both at most ``limit`` (default 5/10) and next-morning pain is no
    higher than the pain before the session (or, when that was not recorded, the
    previous session's next-morning pain). Otherwise: over the limit, regress to
    an easier dose, then to the easier variant; a rise within the limit holds, and
    a second rise in a row regresses. At the easiest variant and lowest dose, two
    sessions in a row over the limit stop the exercise, with the advice to see a
    clinician. Sources: `silbernagel-2007-ajsm` (thresholds seen in secondary
    summaries), origin `thomee-1997` (unverified); using the model for low back
    pain is an extrapolation.
    """

    name: ClassVar[str] = "pain-gate"
    inner: ProgressionRule = attrs.field(validator=check_inner)
    """The rule that decides when pain allows."""
    limit: int = attrs.field(default=DEFAULT_PAIN_LIMIT, validator=check.integer(0, 10))
    """The highest pain (0-10) during or the next morning that allows progression."""

    def decide(self, context: RuleContext) -> Decision:
        """The inner decision when pain allows; otherwise hold, regress or stop."""
        history = context.history
        latest = history[-1]
        result = latest.result
        limit = self.limit
        over = result.pain_during > limit or result.pain_next_day > limit
        if not over:
            # _rose(history, -1), written out: this runs before every decision.
            baseline = latest.pain_before
            if baseline is None:
                rose = len(history) > 1 and result.pain_next_day > history[-2].result.pain_next_day
            else:
                rose = result.pain_next_day > baseline
            if not rose:
                return self.inner.decide(context)
        if over:
            why = (
                f"Pain {max(result.pain_during, result.pain_next_day)}/10 is over the agreed "
                f"limit of {limit}/10"
            )
            again = len(history) > 1 and _over(history[-2], limit)
            return self._regress(context, why, stop_if_floor=again)
        baseline = latest.pain_before
        if baseline is None:
            baseline = history[-2].result.pain_next_day
        why = f"Next-morning pain rose from {baseline}/10 to {result.pain_next_day}/10"
        if len(history) > 1 and _rose(history, -2):
            return self._regress(context, f"{why}, the second rise in a row", stop_if_floor=False)
        return hold_decision(context, f"{why}: the same again until it settles.", PAIN_REFS)

    def _regress(self, context: RuleContext, why: str, *, stop_if_floor: bool) -> Decision:
        exercise = context.exercise
        lower = step_down(context.prescription.dose, exercise)
        if lower is not None:
            return make_decision(
                Action.REGRESS,
                context,
                prescribe(context, lower),
                f"{why}: easier dose, {describe(lower)}.",
                PAIN_REFS,
            )
        rung = context.easier()
        if rung is not None:
            return decided(
                Action.REGRESS,
                exercise.id,
                prescribed(rung.id, rung.default_dose, ""),
                f"{why}: move down to {rung.name}, at {describe(rung.default_dose)}.",
                PAIN_REFS,
            )
        if stop_if_floor and context.previous_attempt() is not None:
            previous = context.history[-2]
            if previous.prescription == context.prescription:
                return make_decision(
                    Action.STOP,
                    context,
                    None,
                    f"{why} for two sessions in a row at the easiest variant and lowest dose: "
                    f"stop {exercise.name} and see a clinician (physiotherapist or doctor) "
                    "before going on.",
                    PAIN_REFS,
                )
        return hold_decision(
            context,
            f"{why}, at the easiest variant and lowest dose: the same again; if pain stays over "
            "the limit next time, this exercise stops.",
            PAIN_REFS,
        )
