"""The engine's guarantees, kept whatever the rule stack decides.

A rule's decision is held to them before the weekly cap sees it: it is about the
exercise asked about, moves only along that exercise's ladder and onto variants the
program's constraints allow, gives a dose of the right type inside the exercise's
bounds; nothing rises in a deload week or after a session whose pain failed the
pain-monitoring check; and a deload week starts lighter than the week before. The
limits (pain limit, deload share) and the references of the engine's own decisions
are handed in by policy code (``_defaults``); this module knows no rule.
"""

from __future__ import annotations

from typing import Protocol

from lumbar.errors import ValidationError
from lumbar.model._constraints import CONSTRAINT_REFERENCES
from lumbar.model._dose import Dose, describe
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
    clamp,
    is_harder,
    lighter,
    step_down,
    volume_down,
    volume_of,
    within,
)
from lumbar.progression._pain_signal import baseline, over_limit, pain_failed
from lumbar.progression._protocol import ProgressionRule, RuleContext


class Ladders(Protocol):
    """What the guards ask about the program's ladders (the engine's run answers)."""

    def rung(
        self, proposed: Prescription, current: Prescription, rule: ProgressionRule
    ) -> Exercise:
        """The catalog entry a move from ``current`` to ``proposed`` lands on; a move off the
        ladder raises ValidationError naming ``rule``."""
        ...

    def rises(self, proposed: Prescription, current: Prescription) -> bool:
        """Whether ``proposed`` asks more than ``current`` (a harder dose, or a higher rung)."""
        ...


def replace(
    decision: Decision, action: Action, prescription: Prescription | None, reason: str, code: str
) -> Decision:
    """``decision`` with another action, prescription, reason and code; its references kept."""
    return decided(
        action,
        decision.exercise,
        prescription,
        reason,
        decision.references,
        code,
        values_under(decision, code),
    )


def checked(
    decision: object,
    context: RuleContext,
    rule: ProgressionRule,
    ladders: Ladders,
) -> Decision:
    """Hold the rule to the engine's guarantees: its ladder, the bounds, deload weeks.

    ``ladders`` gives the catalog entry a move along the ladder lands on (refusing a move
    off the ladder) and says whether a prescription asks more than another.
    """
    if type(decision) is not Decision:
        raise TypeError(f"rule {rule.name!r} returned {type(decision).__name__}, not a Decision")
    current = context.prescription
    if decision.exercise != current.exercise:
        raise ValidationError.single(
            "decision.exercise",
            f"rule {rule.name!r} decided about {decision.exercise!r} but the "
            f"exercise is {current.exercise!r}",
        )
    proposed = decision.prescription
    if proposed is None:
        return decision
    if proposed is current:
        if decision.action is PROGRESS or decision.action is REGRESS:
            return replace(decision, HOLD, current, decision.reason, decision.code)
        return decision
    exercise = context.exercise
    if proposed.exercise != current.exercise:
        exercise = ladders.rung(proposed, current, rule)
        if not context.constraints.allows(exercise):
            return _ruled_out(decision, exercise, context)
    if type(proposed.dose) is not exercise.dose_type:
        raise ValidationError.single(
            "decision.prescription.dose",
            f"rule {rule.name!r} gave {proposed.exercise!r} a {proposed.dose.kind} "
            f"dose; it takes a {exercise.dose_type.kind} dose",
        )
    if not within(proposed.dose, exercise):
        inside = clamp(proposed.dose, exercise)
        decision = replace(
            decision,
            decision.action,
            prescribed(proposed.exercise, inside, proposed.note),
            f"{decision.reason} (kept inside the exercise's limits: {describe(inside)})",
            decision.code,
        )
        proposed = decision.prescription
        assert proposed is not None
    if (decision.action is PROGRESS or decision.action is REGRESS) and (
        proposed is current or proposed == current
    ):
        decision = replace(decision, HOLD, current, decision.reason, decision.code)
    elif context.deload and decision.action is not PAUSE and ladders.rises(proposed, current):
        decision = replace(
            decision,
            HOLD,
            current,
            f"Deload week: nothing rises (the rule proposed {describe(proposed.dose)}).",
            "deload-hold",
        )
    return decision


def pain_held(
    decision: Decision,
    context: RuleContext,
    limit: int,
    references: tuple[str, ...],
    ladders: Ladders,
) -> Decision:
    """No dose or rung rises after a session whose pain was over ``limit`` or rose.

    Asked only of a decision that changes the prescription (not a stop, not a pause): the
    same again never rises, so the engine does not call it for those.
    """
    proposed = decision.prescription
    current = context.prescription
    assert proposed is not None  # a change, so a prescription
    history = context.history
    if not pain_failed(history, limit) or not ladders.rises(proposed, current):
        return decision
    latest = history[-1]
    result = latest.result
    if over_limit(latest, limit):
        pain = max(result.pain_during, result.pain_next_day)
        why = f"Pain {pain}/10 was over the agreed limit of {limit}/10"
        code, values = "pain-over-limit", numbers(pain=pain, limit=limit)
    else:
        start = baseline(history, -1)
        why = f"Next-morning pain rose from {start}/10 to {result.pain_next_day}/10"
        code, values = "pain-rise", numbers(before=start or 0, after=result.pain_next_day)
    return decided(
        HOLD,
        decision.exercise,
        current,
        f"{why}: nothing rises until it settles (the rule proposed {describe(proposed.dose)}).",
        tuple(dict.fromkeys((*decision.references, *references))),
        code,
        values,
    )


def deloaded(
    decision: Decision, context: RuleContext, percent: int, references: tuple[str, ...]
) -> Decision:
    """In a deload week, the exercise's first prescription of the week lighter than the last.

    For an exercise whose bounds allow a lighter dose: about ``percent`` of the volume
    of the dose before the week, and less than the average session of the week before,
    whatever the rules said (a hold after pain, a small regression), unless they chose
    something lighter still or another variant.
    """
    proposed = decision.prescription
    if proposed is None or decision.action is PAUSE:
        return decision
    current = context.prescription
    if proposed.exercise != current.exercise:
        return decision
    exercise = context.exercise
    target = lighter(current.dose, exercise, percent)
    before = context.ledger.previous.get(exercise.id)
    if before is not None and before.sessions:
        # Lighter than the week before, on average: its doses may have risen during it.
        average = before.volume / before.sessions
        lower: Dose | None = target
        while lower is not None and volume_of(lower) >= average:
            lower = volume_down(lower, exercise)
        target = target if lower is None else lower
    if volume_of(target) >= volume_of(current.dose):
        return decision  # the bounds allow nothing lighter
    if volume_of(proposed.dose) <= volume_of(target) and not is_harder(proposed.dose, target):
        return decision
    return decided(
        DELOAD,
        decision.exercise,
        prescribed(current.exercise, target, current.note),
        f"Planned deload week: about {percent}% of the usual volume, {describe(target)}.",
        tuple(dict.fromkeys((*decision.references, *references))),
        "deload",
        numbers(percent=percent),
    )


def _ruled_out(decision: Decision, exercise: Exercise, context: RuleContext) -> Decision:
    """A move onto a variant the program's constraints rule out: stay on this variant.

    A regression still happens, by dose, where the current variant has room to go
    down; otherwise the prescription holds. The decision cites why the constraints
    exist, besides what the rule cited.
    """
    why = "; ".join(context.constraints.problems(exercise))
    current = context.prescription
    references = tuple(dict.fromkeys((*decision.references, *CONSTRAINT_REFERENCES)))
    if decision.action is REGRESS:
        lower = step_down(current.dose, context.exercise)
        if lower is not None:
            return decided(
                REGRESS,
                decision.exercise,
                prescribed(current.exercise, lower, current.note),
                f"{decision.reason} Not {exercise.name} ({why}): an easier dose of "
                f"{context.exercise.name} instead, {describe(lower)}.",
                references,
                "not-allowed",
            )
    return decided(
        HOLD,
        decision.exercise,
        current,
        f"{decision.reason} Not {exercise.name} ({why}): the same again.",
        references,
        "not-allowed",
    )
