"""The pain-monitoring gate around any rule: no progression unless pain allows it."""

from __future__ import annotations

from typing import ClassVar

import attrs

from lumbar._base import validators as check
from lumbar._base.document import Document
from lumbar.model._dose import describe
from lumbar.model._program import prescribed
from lumbar.progression._decision import Action, Decision, decided, numbers
from lumbar.progression._dose_steps import step_down
from lumbar.progression._pain_signal import baseline, rose, weeks_in_pain
from lumbar.progression._protocol import ProgressionRule, RuleContext
from lumbar.progression._rule_kit import (
    CLINICIAN_REFS,
    DEFAULT_PAIN_LIMIT,
    FLARE_REFS,
    PAIN_REFS,
    FieldParams,
    Values,
    check_inner,
    hold_decision,
    make_decision,
    prescribe,
)

CLINICIAN_WEEKS = 4
"""Weeks of pain over the limit (or rising) after which the advice is to see a clinician."""

SAFE_PAIN = 3
"""The top of the pain-monitoring model's safe zone (0-10): a rise that stays in it only holds."""

# Each named number below -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {
    "CLINICIAN_WEEKS": ("oliveira-2018-esj", "design-clinician-window"),
    "SAFE_PAIN": ("silbernagel-2007-ajsm", "design-pain-safe-zone"),
}


@attrs.frozen(kw_only=True, repr=False)
class PainGate(FieldParams, Document):
    """The pain-monitoring model around any rule: no progression unless pain allows it.

    Progression is allowed only when pain during the exercise and pain the next
    morning are both at most ``limit`` (default 5/10) and next-morning pain is no
    higher than the pain before the session (or, when that was not recorded, the
    previous session's next-morning pain). Otherwise: over the limit, regress to
    an easier dose, then to the easier variant; a rise within the limit holds, and
    a second rise in a row regresses, unless next-morning pain is still within the
    model's safe zone (at most ``safe``, default 3/10), where it holds again (a good
    session with low pain is never a reason to ease off). Sources:
    `silbernagel-2007-ajsm` (thresholds seen in secondary summaries), origin
    `thomee-1997` (unverified); using the model for low back pain is an extrapolation.

    A flare-up is a worsening that lasts from hours to weeks (`costa-2019-jpain`), so
    none ends an exercise: at the easiest variant and its lowest dose, pain over the
    limit **pauses** the exercise for the rest of the week (at least its next session),
    and it comes back at that lowest dose, paused again if pain is still over the
    limit. Only when pain has stayed over the limit, or kept rising, at every session
    of the exercise for ``clinician_weeks`` weeks (default 4: guidelines advise
    referral when there is no improvement after 4 weeks, `oliveira-2018-esj`) does the
    exercise stop, with the advice to see a clinician.
    """

    name: ClassVar[str] = "pain-gate"
    inner: ProgressionRule = attrs.field(validator=check_inner)
    """The rule that decides when pain allows."""
    limit: int = attrs.field(default=DEFAULT_PAIN_LIMIT, validator=check.integer(0, 10))
    """The highest pain (0-10) during or the next morning that allows progression."""
    safe: int = attrs.field(default=SAFE_PAIN, validator=check.integer(0, 10))
    """The highest next-morning pain (0-10) at which a rise only holds, however often."""
    clinician_weeks: int = attrs.field(default=CLINICIAN_WEEKS, validator=check.integer(1, 52))
    """Weeks of pain over the limit or rising, session after session, before the advice to stop
    and see a clinician."""

    def decide(self, context: RuleContext) -> Decision:
        """The inner decision when pain allows; otherwise hold, regress, pause or stop."""
        history = context.history
        latest = history[-1]
        result = latest.result
        limit = self.limit
        over = result.pain_during > limit or result.pain_next_day > limit
        if not over:
            # rose(history, -1), written out: this runs before every decision.
            before = latest.pain_before
            if before is None:
                failed = (
                    len(history) > 1 and result.pain_next_day > history[-2].result.pain_next_day
                )
            else:
                failed = result.pain_next_day > before
            if not failed:
                return self.inner.decide(context)
        weeks = weeks_in_pain(history, limit, self.safe)
        if weeks >= self.clinician_weeks:
            return make_decision(
                Action.STOP,
                context,
                None,
                f"Pain has stayed over the agreed limit of {limit}/10, or kept rising, at every "
                f"session of {context.exercise.name} for {weeks} weeks: stop it and see a "
                "clinician (physiotherapist or doctor) before going on.",
                CLINICIAN_REFS,
                "see-clinician",
                numbers(weeks=weeks, limit=limit),
            )
        if context.paused and over:
            return self._paused(context)
        if over:
            pain = max(result.pain_during, result.pain_next_day)
            why = f"Pain {pain}/10 is over the agreed limit of {limit}/10"
            return self._regress(
                context, why, "pain-over-limit", numbers(pain=pain, limit=limit), pause=True
            )
        start = baseline(history, -1)
        assert start is not None  # a rise has a baseline
        values = numbers(before=start, after=result.pain_next_day)
        why = f"Next-morning pain rose from {start}/10 to {result.pain_next_day}/10"
        if result.pain_next_day > self.safe and len(history) > 1 and rose(history, -2):
            return self._regress(
                context, f"{why}, the second rise in a row", "pain-rise-twice", values, pause=False
            )
        return hold_decision(
            context, f"{why}: the same again until it settles.", PAIN_REFS, "pain-rise", values
        )

    def _paused(self, context: RuleContext) -> Decision:
        """Sitting out after pain at the lowest dose: back once the week of that session is over."""
        latest = context.history[-1]
        if context.week_index > latest.week_index:
            return hold_decision(
                context,
                f"Back to {context.exercise.name} after a pause, at "
                f"{describe(context.prescription.dose)}; if pain goes over the limit again, it "
                "pauses again.",
                FLARE_REFS,
                "resume",
            )
        result = latest.result
        return self._pause(context, max(result.pain_during, result.pain_next_day))

    def _pause(self, context: RuleContext, pain: int) -> Decision:
        return make_decision(
            Action.PAUSE,
            context,
            context.prescription,
            f"Pain {pain}/10 at the easiest variant and lowest dose of {context.exercise.name}: "
            "it sits out the rest of this week (at least its next session) and comes back at "
            "this dose. A flare-up passes; if pain stays over the limit for weeks, see a "
            "clinician.",
            FLARE_REFS,
            "pause",
            numbers(pain=pain, limit=self.limit),
        )

    def _regress(
        self,
        context: RuleContext,
        why: str,
        code: str,
        values: Values,
        *,
        pause: bool,
    ) -> Decision:
        exercise = context.exercise
        lower = step_down(context.prescription.dose, exercise)
        if lower is not None:
            return make_decision(
                Action.REGRESS,
                context,
                prescribe(context, lower),
                f"{why}: easier dose, {describe(lower)}.",
                PAIN_REFS,
                code,
                values,
            )
        rung = context.easier()
        if rung is not None:
            return decided(
                Action.REGRESS,
                exercise.id,
                prescribed(rung.id, rung.default_dose, ""),
                f"{why}: move down to {rung.name}, at {describe(rung.default_dose)}.",
                PAIN_REFS,
                code,
                values,
            )
        if pause:
            result = context.history[-1].result
            return self._pause(context, max(result.pain_during, result.pain_next_day))
        return hold_decision(
            context,
            f"{why}, at the easiest variant and lowest dose: the same again.",
            PAIN_REFS,
            "lowest-dose",
        )
