"""The weekly cap: every rise kept within a limit on weekly volume and load."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import ClassVar

import attrs

from lumbar._base import validators as check
from lumbar._base.document import Document
from lumbar.model._dose import Dose, Reps, describe
from lumbar.model._exercise import Exercise
from lumbar.model._program import Prescription, prescribed
from lumbar.progression._decision import (
    DELOAD,
    HOLD,
    PAUSE,
    PROGRESS,
    REGRESS,
    Action,
    Decision,
    decided,
    numbers,
    values_under,
)
from lumbar.progression._dose_steps import (
    between,
    is_harder,
    load_of,
    step_down,
    volume_and_step,
    volume_down,
    within,
)
from lumbar.progression._protocol import Ledger, ProgressionRule, RuleContext, WeekFigures
from lumbar.progression._rule_kit import (
    CAP_REFS,
    FieldParams,
    check_inner,
    merge_references,
)

_SUBDIVISIONS = 8
"""How finely a capped rise is cut back toward the current dose: in eighths."""

_SLACK = 1e-9
"""Room for floating-point sums when comparing volumes and loads."""

# Each named number below -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {
    "WeeklyCap.percent": ("design-weekly-cap",),
    "WeeklyCap.load_percent": ("design-weekly-cap",),
    "WeeklyCap.load_step_kg": ("design-weekly-cap",),
    "_SUBDIVISIONS": ("design-technical-limit",),
    "_SLACK": ("design-technical-limit",),
}


@attrs.frozen(kw_only=True, repr=False)
class WeeklyCap(FieldParams, Document):
    """Limits every rise to the weekly cap; the engine applies it to every rule stack.

    An exercise's weekly volume (sum over the week's sessions of sets × reps,
    total hold seconds, minutes, or rounds × work seconds) may rise at most
    ``percent`` (default 10%) over its last non-deload week, except that one
    smallest step per session is always allowed (one more rep per set, 5 more
    seconds per hold, one more minute, one walk-run stage). Its load may rise at
    most ``load_percent`` or ``load_step_kg``, whichever is larger. The 10% figure
    is a conservative design choice: for running, a 10% rule did not prevent
    injuries (`buist-2008-ajsm`) and the signal for larger jumps is weak
    (`nielsen-2014-jospt`).

    The cap never punishes a good session: a rise that would break it becomes the
    largest dose that keeps to it, at worst the same again. A dose rises only where,
    given again in every session of the next week, it keeps that week within the cap
    too, so that holding it never breaks the cap; for the same reason a harder
    variant starts where its sessions of the next week fit (usually at the start of a
    week). Only when even the current dose does not fit, because this week has more
    sessions of the exercise than its last one, is each session a little shorter
    (``cap-spread``, a hold of the week's volume, not a regression); when not even
    the lowest dose fits, the exercise sits out that session (``cap-rest``).
    """

    name: ClassVar[str] = "weekly-cap"
    inner: ProgressionRule = attrs.field(validator=check_inner)
    """The rule whose proposals are capped."""
    percent: float = attrs.field(
        default=10.0, converter=check.exact_float, validator=check.number(0, 100)
    )
    """The most an exercise's weekly volume may rise over its last non-deload week, in percent."""
    load_percent: float = attrs.field(
        default=10.0, converter=check.exact_float, validator=check.number(0, 100)
    )
    """The most a load may rise in a week, in percent (or ``load_step_kg``, whichever is larger)."""
    load_step_kg: float = attrs.field(
        default=1.0, converter=check.exact_float, validator=check.number(0, 50)
    )
    """A load rise always allowed, in kilograms."""

    def decide(self, context: RuleContext) -> Decision:
        """The inner decision, limited to the cap."""
        return self.limit(self.inner.decide(context), context)

    def load_bound(self, previous: WeekFigures) -> float:
        """The highest load allowed after a week whose highest load was ``previous.load_kg``."""
        load = previous.load_kg
        return max(load * (1 + self.load_percent / 100), load + self.load_step_kg)

    def allows(self, dose: Dose, exercise: Exercise, ledger: Ledger) -> bool:
        """True when giving ``dose`` for the rest of the week keeps the exercise under the cap."""
        previous = ledger.previous.get(exercise.id)
        if previous is None:
            return True  # nothing to compare with: a new exercise starts at its own dose
        if type(dose) is Reps and load_of(dose) > self.load_bound(previous) + _SLACK:
            return False
        left = ledger.sessions_left
        volume, step = volume_and_step(dose)
        total = volume * left
        steps = step * left
        so_far = ledger.so_far.get(exercise.id)
        if so_far is not None:
            total += so_far.volume
            steps += so_far.steps
        before = previous.volume
        return total <= max(before * (1 + self.percent / 100), before + steps) + _SLACK

    def holds_next_week(
        self, dose: Dose, exercise: Exercise, ledger: Ledger, *, sessions: int | None = None
    ) -> bool:
        """True when ``dose``, given in every session of the next non-deload week, keeps that
        week within the cap over this one (``dose`` given for the rest of this week).

        ``sessions`` counts the next week's sessions instead of the ladder's sessions in it.
        """
        if sessions is None:
            sessions = ledger.sessions_next
        if sessions == 0:
            return True
        volume, step = volume_and_step(dose)
        this_week = volume * ledger.sessions_left
        so_far = ledger.so_far.get(exercise.id)
        if so_far is not None:
            this_week += so_far.volume
        return volume * sessions <= (
            max(this_week * (1 + self.percent / 100), this_week + step * sessions) + _SLACK
        )

    def limit(self, decision: Decision, context: RuleContext) -> Decision:
        """``decision`` if it keeps to the cap; else the nearest decision that does."""
        proposed = decision.prescription
        if proposed is None or decision.action is PAUSE:
            return decision
        ledger = context.ledger
        current = context.prescription
        if proposed.exercise != current.exercise:
            if decision.action is PROGRESS:
                return self._move_up(decision, proposed, context)
            # A move down the ladder eases off (pain, or missed sessions): it is never held.
            exercise = context.catalog[proposed.exercise]
            if self.allows(proposed.dose, exercise, ledger):
                return decision
            return self._fit(decision, proposed, exercise, ledger)
        exercise = context.exercise
        if proposed is current or not is_harder(proposed.dose, current.dose):
            if self.allows(proposed.dose, exercise, ledger):
                return decision
            return self._fit(decision, proposed, exercise, ledger)
        if self._fits(proposed.dose, exercise, ledger, current.dose):
            return decision
        for candidate in self._toward(current.dose, proposed.dose, exercise, ledger):
            if is_harder(candidate, current.dose) and self._fits(
                candidate, exercise, ledger, current.dose
            ):
                return self._decision(
                    decision,
                    decision.action,
                    prescribed(proposed.exercise, candidate, proposed.note),
                    f"{decision.reason.rstrip('.')} (limited by the weekly cap: "
                    f"{describe(candidate)}).",
                    "cap-limited",
                )
        if self.allows(current.dose, exercise, ledger):
            return self._decision(
                decision,
                HOLD,
                current,
                f"{decision.reason} Held: the weekly cap allows no more this week.",
                "cap-hold",
            )
        return self._fit(decision, current, exercise, ledger)

    def _fits(self, dose: Dose, exercise: Exercise, ledger: Ledger, current: Dose | None) -> bool:
        """True when a rise to ``dose`` keeps this week and, held, the next within the cap.

        ``current`` is the dose it rises from (None for a new variant). Where not even the
        current dose, held, would keep the next week within the cap (it has more sessions of
        the exercise than this week gives), the next week is counted with this week's
        sessions: the rise is what lets the next week's extra sessions fit, a little shorter,
        rather than sit out week after week.
        """
        if not self.allows(dose, exercise, ledger):
            return False
        if self.holds_next_week(dose, exercise, ledger):
            return True
        if current is None or self.holds_next_week(current, exercise, ledger):
            return False
        so_far = ledger.so_far.get(exercise.id)
        given = ledger.sessions_left + (0 if so_far is None else so_far.sessions)
        return self.holds_next_week(dose, exercise, ledger, sessions=given)

    def _move_up(
        self, decision: Decision, proposed: Prescription, context: RuleContext
    ) -> Decision:
        """A harder variant where its sessions of this week and the next fit; else wait."""
        exercise = context.catalog[proposed.exercise]
        ledger = context.ledger
        start: Dose | None = proposed.dose
        while start is not None:
            if self._fits(start, exercise, ledger, None):
                if start is proposed.dose:
                    return decision
                return self._decision(
                    decision,
                    decision.action,
                    prescribed(proposed.exercise, start, proposed.note),
                    f"{decision.reason.rstrip('.')} (starting lower for the weekly cap: "
                    f"{describe(start)}).",
                    decision.code,
                )
            start = step_down(start, exercise)  # a rung capped by its own last week starts lower
        current = context.prescription
        if not self.allows(current.dose, context.exercise, ledger):
            return self._fit(decision, current, context.exercise, ledger)
        return self._decision(
            decision,
            HOLD,
            current,
            f"{decision.reason.rstrip('.')}, where its sessions fit the weekly cap (at the "
            f"start of a week): {context.exercise.name} at the same dose until then.",
            "ladder-wait",
        )

    def _fit(
        self, decision: Decision, start: Prescription, exercise: Exercise, ledger: Ledger
    ) -> Decision:
        """``start``, or less of it, so that the rest of the week keeps to the cap; else rest.

        Reached when even ``start`` (the current dose, or the easier one decided) does not
        fit: the week has more sessions of the exercise than its last one. Volume comes off
        a unit at a time (or the load to its bound), and no more than that needs; when not
        even the lowest dose fits, the exercise sits out this session and comes back at
        ``start`` in one that fits.
        """
        if self.allows(start.dose, exercise, ledger):
            return decision
        lower: Dose | None = start.dose
        previous = ledger.previous.get(exercise.id)
        while lower is not None and not self.allows(lower, exercise, ledger):
            if (
                type(lower) is Reps
                and previous is not None
                and load_of(lower) > self.load_bound(previous) + _SLACK
            ):
                bounded = math.floor(self.load_bound(previous) * 100) / 100
                lower = Reps(sets=lower.sets, reps=lower.reps, load_kg=bounded)
            else:
                lower = volume_down(lower, exercise)
        if lower is None:
            return self._decision(
                decision,
                PAUSE,
                start,
                f"{decision.reason} Not this session: even the lowest dose would take this "
                f"week's {exercise.name} over the weekly cap (it has more sessions than last "
                "week); it comes back in a later session.",
                "cap-rest",
            )
        action: Action
        if decision.action in (REGRESS, DELOAD):
            action, code = decision.action, "cap-lowered"
            why = "eased a little more to keep this week's volume within the weekly cap"
        else:
            action, code = HOLD, "cap-spread"
            why = (
                "this week has more sessions than the last, so each is a little shorter and "
                "the week's volume keeps to the weekly cap"
            )
        return self._decision(
            decision,
            action,
            prescribed(start.exercise, lower, start.note),
            f"{decision.reason} {describe(lower)}: {why}.",
            code,
        )

    def _decision(
        self,
        decision: Decision,
        action: Action,
        prescription: Prescription,
        reason: str,
        code: str,
    ) -> Decision:
        return decided(
            action,
            decision.exercise,
            prescription,
            reason,
            merge_references(decision.references, CAP_REFS),
            code,
            numbers(percent=self.percent)
            if code.startswith("cap-")
            else values_under(decision, code),
        )

    def _toward(
        self, current: Dose, proposed: Dose, exercise: Exercise, ledger: Ledger
    ) -> Iterator[Dose]:
        """Doses between the current and the proposed one, largest first, inside the bounds."""
        if type(proposed) is Reps and proposed.load_kg is not None:
            previous = ledger.previous.get(exercise.id)
            if previous is not None and proposed.load_kg > self.load_bound(previous):
                bounded = math.floor(self.load_bound(previous) * 100) / 100
                yield Reps(sets=proposed.sets, reps=proposed.reps, load_kg=bounded)
        if type(current) is type(proposed):
            # Truncated toward the current dose, neighbouring eighths often land on the same
            # dose (and the first on the proposed one): each is offered once.
            last: Dose | None = proposed
            for eighths in range(_SUBDIVISIONS - 1, 0, -1):
                step = between(current, proposed, eighths / _SUBDIVISIONS)
                if step == current:
                    return  # closer to the current dose, the steps only repeat it
                if step is not None and step != last and within(step, exercise):
                    yield step
                last = step
