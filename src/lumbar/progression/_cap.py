"""The weekly cap: every rise kept within a limit on weekly volume and load."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import ClassVar

import attrs

from lumbar._base import validators as check
from lumbar.model._dose import Dose, Reps, describe
from lumbar.model._exercise import Exercise
from lumbar.model._program import Prescription, prescribed
from lumbar.progression._decision import Action, Decision, decided
from lumbar.progression._dose_steps import (
    between,
    is_harder,
    load_of,
    step_down,
    volume_and_step,
    volume_down,
    volume_of,
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

# Each named number below -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {
    "WeeklyCap.percent": ("design-weekly-cap",),
    "WeeklyCap.load_percent": ("design-weekly-cap",),
    "WeeklyCap.load_step_kg": ("design-weekly-cap",),
    "_SUBDIVISIONS": ("design-technical-limit",),
}


@attrs.frozen(kw_only=True)
class WeeklyCap(FieldParams):
    """Limits every rise to the weekly cap; the engine applies it to every rule stack.

    An exercise's weekly volume (sum over the week's sessions of sets × reps,
    total hold seconds, minutes, or rounds × work seconds) may rise at most
    ``percent`` (default 10%) over its last non-deload week, except that one
    smallest step per session (one more rep per set, 5 more seconds per hold, one
    more minute, one more round) is always allowed, and so is the exercise's
    minimum dose. Its load may rise at most ``load_percent`` or ``load_step_kg``,
    whichever is larger. The 10% figure is a conservative design choice: for
    running, a 10% rule did not prevent injuries (`buist-2008-ajsm`) and the signal
    for larger jumps is weak (`nielsen-2014-jospt`).
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
        if (
            isinstance(dose, Reps)
            and dose.load_kg is not None
            and dose.load_kg > self.load_bound(previous) + 1e-9
        ):
            return False
        so_far = ledger.so_far.get(exercise.id)
        left = ledger.sessions_left
        volume, step = volume_and_step(dose)
        total = volume * left
        steps = step * left
        sessions = left
        if so_far is not None:
            total += so_far.volume
            steps += so_far.steps
            sessions += so_far.sessions
        bound = max(
            previous.volume * (1 + self.percent / 100),
            previous.volume + steps,
            sessions * volume_of(exercise.min_dose),
        )
        return total <= bound + 1e-9

    def limit(self, decision: Decision, context: RuleContext) -> Decision:
        """``decision`` if it keeps to the cap; else the largest dose toward it that does."""
        proposed = decision.prescription
        ledger = context.ledger
        if proposed is None or not ledger.previous:
            return decision
        current = context.prescription
        same = proposed.exercise == current.exercise
        exercise = context.exercise if same else context.catalog[proposed.exercise]
        if self.allows(proposed.dose, exercise, ledger):
            return decision
        if decision.action is not Action.PROGRESS:
            return self._lower(decision, proposed, exercise, ledger)
        for candidate in self._toward(current.dose, proposed.dose, exercise, ledger, same=same):
            if (not same or is_harder(candidate, current.dose)) and self.allows(
                candidate, exercise, ledger
            ):
                return decided(
                    decision.action,
                    decision.exercise,
                    prescribed(proposed.exercise, candidate, proposed.note),
                    f"{decision.reason.rstrip('.')} (limited by the weekly cap: "
                    f"{describe(candidate)}).",
                    merge_references(decision.references, CAP_REFS),
                )
        if self.allows(current.dose, context.exercise, ledger):
            return decided(
                Action.HOLD,
                decision.exercise,
                current,
                f"{decision.reason} Held: the weekly cap allows no more this week.",
                merge_references(decision.references, CAP_REFS),
            )
        return self._lower(decision, current, context.exercise, ledger)

    def _lower(
        self, decision: Decision, start: Prescription, exercise: Exercise, ledger: Ledger
    ) -> Decision:
        """Take off volume (or load) from ``start`` until the cap holds, and no more."""
        lower: Dose | None = start.dose
        previous = ledger.previous.get(exercise.id)
        while lower is not None and not self.allows(lower, exercise, ledger):
            if (
                isinstance(lower, Reps)
                and previous is not None
                and load_of(lower) > self.load_bound(previous) + 1e-9
            ):
                bounded = math.floor(self.load_bound(previous) * 100) / 100
                lower = Reps(sets=lower.sets, reps=lower.reps, load_kg=bounded)
            else:
                lower = volume_down(lower, exercise)
        if lower is None:  # unreachable: the minimum dose is always allowed
            lower = exercise.min_dose
        action = decision.action
        if action in (Action.PROGRESS, Action.HOLD):
            action = Action.REGRESS
        return decided(
            action,
            decision.exercise,
            prescribed(start.exercise, lower, start.note),
            f"{decision.reason} Lowered to {describe(lower)} to keep this week's volume "
            "within the weekly cap.",
            merge_references(decision.references, CAP_REFS),
        )

    def _toward(
        self, current: Dose, proposed: Dose, exercise: Exercise, ledger: Ledger, *, same: bool
    ) -> Iterator[Dose]:
        """Doses between the current and the proposed one, largest first, inside the bounds."""
        if isinstance(proposed, Reps) and proposed.load_kg is not None:
            previous = ledger.previous.get(exercise.id)
            if previous is not None and proposed.load_kg > self.load_bound(previous):
                bounded = math.floor(self.load_bound(previous) * 100) / 100
                yield Reps(sets=proposed.sets, reps=proposed.reps, load_kg=bounded)
        if same and type(current) is type(proposed):
            for eighths in range(_SUBDIVISIONS - 1, 0, -1):
                step = between(current, proposed, eighths / _SUBDIVISIONS)
                if step == current:
                    return  # closer to the current dose, the steps only repeat it
                if step is not None and within(step, exercise):
                    yield step
        elif not same:
            # A new rung starts lower when its own last week caps it.
            lower = step_down(proposed, exercise)
            while lower is not None:
                yield lower
                lower = step_down(lower, exercise)
