"""What the built-in rules share: their cited defaults, their parameters, and how they decide.

The base rules (``_strength``, ``_holds``, ``_aerobic``) decide for one dose type;
the wrapper rules (``_ladder``, ``_pain_gate``, ``_deload``, ``_cap``) take another
rule as ``inner`` and change its decision.

Two conventions link them. A base rule that would progress but has no room
left returns ``PROGRESS`` with the *current* prescription ("topped out"); one
that would regress but is at the lowest dose returns ``REGRESS`` with the current
prescription. The ladder rule turns these into moves to the harder or easier
exercise; without a ladder the engine records them as holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, ClassVar, Final

import attrs

from lumbar._base import validators as check
from lumbar._base.frozen import FrozenDict
from lumbar.model._dose import Dose, Hold, describe
from lumbar.model._program import Prescription, prescribed
from lumbar.progression._decision import NO_VALUES, Action, Decision, decided, numbers
from lumbar.progression._dose_steps import is_harder, step_down
from lumbar.progression._protocol import ProgressionRule, RuleContext

ParamValue = int | float | str | bool

# --- evidence behind the defaults (ids from data/references.toml) ----------------------
# Pain-monitoring model: pain during and the next morning <= 5/10, settled by the next
# morning, not rising (silbernagel-2007-ajsm: an RCT in Achilles tendinopathy; the limit's
# exact wording in the paper could not be read, and the origin thomee-1997 is unverified).
# Using it for low back pain is an extrapolation: design-pain-limit.
PAIN_REFS = ("silbernagel-2007-ajsm", "thomee-1997", "design-pain-limit")
# Effort on Borg CR10 (borg-cr10); 3-5 as the moderate training band is a convention
# seen only in secondary sources.
EFFORT_REFS = ("borg-cr10",)
# 8-12 repetitions, +2-10% load when the target is beaten by 1-2 reps (acsm-2009-rt;
# issue and pages of that citation unverified).
STRENGTH_REFS = ("acsm-2009-rt",)
# ~10 s holds (secondary: clinic pages citing McGill) and the 6-4-2 reverse pyramid
# (secondary only); mcgill-1999-apmr is the endurance study behind the big three.
MOTOR_CONTROL_REFS = ("mcgill-1999-apmr",)
# Walking toward 30 min x 5/week: who-2020-pa, acsm-garber-2011, pocovi-2024-lancet.
AEROBIC_REFS = ("who-2020-pa", "acsm-garber-2011", "pocovi-2024-lancet")
# The weekly cap: the 10% rule did not prevent injuries in novice runners (buist-2008-ajsm)
# and larger jumps showed only a weak, non-significant signal (nielsen-2014-jospt). The
# cap is a conservative design choice, not an evidence-based limit.
CAP_REFS = ("buist-2008-ajsm", "nielsen-2014-jospt", "design-weekly-cap")
# Flare-ups: "a worsening that lasts from hours to weeks" (costa-2019-jpain, a Delphi
# definition), so a flare pauses an exercise at its lowest dose rather than ending it; the
# pause itself is a design choice (design-flare-pause) within the pain-monitoring model.
FLARE_REFS = ("costa-2019-jpain", "silbernagel-2007-ajsm", "design-flare-pause")
# Seeing a clinician: guidelines advise referral when there is no improvement after 4 weeks
# (oliveira-2018-esj, an overview of 15 guidelines); lumbar applies that to weeks of pain
# over the limit at every session of an exercise (design-clinician-window).
CLINICIAN_REFS = ("oliveira-2018-esj", "silbernagel-2007-ajsm", "design-clinician-window")
# Deloads: ACSM describes periodized (varied) training for intermediate and advanced
# trainees (acsm-2009-rt, abstract); a lighter week every 4th week at ~60% volume is a
# design choice (the running notes call an easier week every 3-4 weeks an unverified
# convention).
DELOAD_REFS = ("acsm-2009-rt", "design-deload")

DEFAULT_PAIN_LIMIT = 5
DEFAULT_MAX_RPE = 5.0  # borg-cr10: top of the 3-5 "moderate" band (convention, secondary)

# Each named number below -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {
    "DEFAULT_PAIN_LIMIT": ("silbernagel-2007-ajsm", "design-pain-limit"),
    "DEFAULT_MAX_RPE": ("borg-cr10", "design-effort-ceiling"),
}


def rule_params(rule: Any) -> Mapping[str, ParamValue]:
    # The attrs fields of a built-in rule are its parameters; ``inner`` and ``rules`` are
    # other rules, serialized as their own references.
    return MappingProxyType(
        {
            field.name: getattr(rule, field.name)
            for field in attrs.fields(type(rule))
            if field.init and field.name not in ("inner", "rules")
        }
    )


class FieldParams:
    """Gives a built-in rule its ``params``: the fields that rebuild it.

    A mixin without slots of its own, so that the attrs classes built on it stay
    slotted; user rules need no such base class, only a ``params`` member.
    """

    __slots__ = ()

    @property
    def params(self) -> Mapping[str, ParamValue]:
        """The fields of this rule; ``inner`` and ``rules`` (other rules) excluded."""
        return rule_params(self)


PYRAMID: Final = "pyramid"
"""The kind of a ``Hold`` dose that drops repetitions from set to set."""

DoseKind = type | str
"""A dose type, or `PYRAMID`."""


def dose_kind(dose: Dose) -> DoseKind:
    """The kind of dose a base rule is chosen by: its type, or PYRAMID for a pyramid hold."""
    if type(dose) is Hold and dose.reps_drop > 0:
        return PYRAMID
    return type(dose)


class ForDoses:
    """Gives a base rule its ``applies_to`` from the kinds of dose it names in ``doses``.

    A mixin without slots of its own. Because ``applies_to`` follows from ``doses``
    alone, [FirstMatch][lumbar.progression.FirstMatch] picks such rules by the dose's kind without
    asking each one in turn.
    """

    __slots__ = ()

    doses: ClassVar[frozenset[DoseKind]]

    def applies_to(self, context: RuleContext) -> bool:
        """True for the doses this rule moves: those of a kind in ``doses``."""
        return dose_kind(context.prescription.dose) in self.doses


def prescribe(context: RuleContext, dose: Dose) -> Prescription:
    """``dose`` of the context's exercise, with the current note.

    Of parts already checked: the id and note of checked values, ``dose`` from a
    dose type's own checking constructor.
    """
    return prescribed(context.exercise.id, dose, context.prescription.note)


Values = FrozenDict[str, int | float]


def make_decision(
    action: Action,
    context: RuleContext,
    prescription: Prescription | None,
    reason: str,
    references: tuple[str, ...],
    code: str,
    values: Values = NO_VALUES,
) -> Decision:
    return decided(action, context.exercise.id, prescription, reason, references, code, values)


def hold_decision(
    context: RuleContext,
    reason: str,
    references: tuple[str, ...],
    code: str,
    values: Values = NO_VALUES,
) -> Decision:
    return decided(
        Action.HOLD, context.exercise.id, context.prescription, reason, references, code, values
    )


def topped_out(context: RuleContext, reason: str, references: tuple[str, ...]) -> Decision:
    """PROGRESS with the current prescription: no room left (the ladder moves on)."""
    return decided(
        Action.PROGRESS,
        context.exercise.id,
        context.prescription,
        reason,
        references,
        "topped-out",
        numbers(rpe=context.history[-1].result.rpe),
    )


def regress_dose(
    context: RuleContext, why: str, references: tuple[str, ...], code: str
) -> Decision:
    """One step down within the exercise; the current prescription when there is no room."""
    lower = step_down(context.prescription.dose, context.exercise)
    if lower is None:
        return make_decision(
            Action.REGRESS,
            context,
            context.prescription,
            f"{why}; already at the lowest dose of {context.exercise.name}.",
            references,
            code,
        )
    return make_decision(
        Action.REGRESS,
        context,
        prescribe(context, lower),
        f"{why}: easier dose {describe(lower)}.",
        references,
        code,
    )


def not_ready(context: RuleContext, max_rpe: float, references: tuple[str, ...]) -> Decision | None:
    """Hold or regress when the latest session gives no licence to progress; else None.

    Conservative on missing or partial data: a session not completed is repeated,
    and two in a row at the same prescription step the dose down.
    """
    latest = context.history[-1]
    result = latest.result
    if not result.completed:
        previous = context.previous_attempt()
        if (
            previous is not None
            and not previous.result.completed
            and (
                previous.prescription is latest.prescription
                or previous.prescription == latest.prescription
            )
        ):
            return regress_dose(
                context, "Not completed twice in a row", references, "not-completed-twice"
            )
        return hold_decision(
            context, "Not completed: the same again next time.", references, "not-completed"
        )
    if result.done is not None and is_harder(latest.prescription.dose, result.done):
        return hold_decision(
            context,
            f"Done {describe(result.done)}, less than prescribed: the same again next time.",
            references,
            "less-done",
        )
    if result.rpe > max_rpe:
        return hold_decision(
            context,
            f"Effort {result.rpe:g}/10 is above {max_rpe:g}/10: the same again until it feels "
            "moderate.",
            references + EFFORT_REFS,
            "effort-high",
            numbers(rpe=result.rpe, max_rpe=max_rpe),
        )
    return None


def good_in_a_row(context: RuleContext, max_pain: int, enough: int) -> int:
    """Good sessions in a row at the current prescription, latest first, up to ``enough``.

    A good session was completed with pain during at most ``max_pain``. A planned deload
    week pauses the count: its lighter sessions of the same exercise neither count nor
    break it when they went well (completed, pain at most ``max_pain``), and break it when
    they did not. A planned lighter week is recovery, not a setback, so it does not undo
    the sessions before it (design-deload-pause); the pain gate still judges every session.
    """
    current = context.prescription
    count = 0
    for attempt in reversed(context.history):
        result = attempt.result
        good = result.completed and result.pain_during <= max_pain
        given = attempt.prescription
        if given is current or given == current:
            if not good:
                break
            count += 1
            if count >= enough:
                break
        elif not (attempt.deload and good and given.exercise == current.exercise):
            break
    return count


def done_well(result_rpe: float) -> str:
    return f"All done at effort {result_rpe:g}/10"


def effort(context: RuleContext) -> Values:
    """The values of a decision after a session done well: its effort."""
    return numbers(rpe=context.history[-1].result.rpe)


# --- base rules --------------------------------------------------------------------


check_inner = check.instance_of(
    ProgressionRule, described="progression rule (name, params, decide)"
)


def merge_references(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    return first + tuple(ref for ref in second if ref not in first)
