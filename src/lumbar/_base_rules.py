"""The built-in base rules, one per way of progressing a dose type, with cited defaults.

Each base rule decides for one dose type; the wrapper rules in ``_builtin_rules``
(pain gate, deloads, ladder, weekly cap) take another rule as ``inner``.

Two conventions link them. A base rule that would progress but has no room
left returns ``PROGRESS`` with the *current* prescription ("topped out"); one
that would regress but is at the lowest dose returns ``REGRESS`` with the current
prescription. The ladder rule turns these into moves to the harder or easier
exercise; without a ladder the engine records them as holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, ClassVar

import attrs

from lumbar import _checks as check
from lumbar._decision import Action, Decision, decided
from lumbar._dose import Dose, Duration, Hold, Intervals, Reps
from lumbar._dose_steps import (
    describe,
    is_harder,
    stage_above,
    step_down,
)
from lumbar._errors import ValidationError
from lumbar._program import Prescription
from lumbar._quickcheck import slot_setters
from lumbar._rules import RuleContext

ParamValue = int | float | str | bool

# --- evidence behind the defaults (ids from data/references.toml) ----------------------
# Pain-monitoring model: pain during <= 5/10 and settled by next morning
# (silbernagel-2007-ajsm; the thresholds were seen only in secondary summaries, and the
# origin thomee-1997 is unverified). Using it for low back pain is an extrapolation.
PAIN_REFS = ("silbernagel-2007-ajsm", "thomee-1997")
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
CAP_REFS = ("buist-2008-ajsm", "nielsen-2014-jospt")
# Deloads: ACSM describes periodized (varied) training for intermediate and advanced
# trainees (acsm-2009-rt, abstract); a lighter week every 4th week at ~60% volume is a
# design choice (the running notes call an easier week every 3-4 weeks an unverified
# convention).
DELOAD_REFS = ("acsm-2009-rt",)

DEFAULT_PAIN_LIMIT = 5  # silbernagel-2007-ajsm (thresholds secondary); thomee-1997 unverified
DEFAULT_MAX_RPE = 5.0  # borg-cr10: top of the 3-5 "moderate" band (convention, secondary)


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


_new = object.__new__
_PRESCRIPTION = slot_setters(Prescription, "exercise", "dose", "note", hash_cache=True)


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


def prescribe(context: RuleContext, dose: Dose) -> Prescription:
    """``dose`` of the context's exercise, with the current note.

    A trusted constructor (see ``lumbar._quickcheck``): the id and note come from
    checked values and ``dose`` from a dose type's own checking constructor.
    """
    prescription: Prescription = _new(Prescription)
    set_exercise, set_dose, set_note, set_hash = _PRESCRIPTION
    set_exercise(prescription, context.exercise.id)
    set_dose(prescription, dose)
    set_note(prescription, context.prescription.note)
    set_hash(prescription, None)  # no hash computed yet
    return prescription


def make_decision(
    action: Action,
    context: RuleContext,
    prescription: Prescription | None,
    reason: str,
    references: tuple[str, ...],
) -> Decision:
    return decided(
        action,
        context.exercise.id,
        prescription,
        reason,
        references,
    )


def hold_decision(context: RuleContext, reason: str, references: tuple[str, ...]) -> Decision:
    return decided(Action.HOLD, context.exercise.id, context.prescription, reason, references)


def _topped_out(context: RuleContext, reason: str, references: tuple[str, ...]) -> Decision:
    return decided(Action.PROGRESS, context.exercise.id, context.prescription, reason, references)


def _regress_dose(context: RuleContext, why: str, references: tuple[str, ...]) -> Decision:
    """One step down within the exercise; the current prescription when there is no room."""
    lower = step_down(context.prescription.dose, context.exercise)
    if lower is None:
        return make_decision(
            Action.REGRESS,
            context,
            context.prescription,
            f"{why}; already at the lowest dose of {context.exercise.name}.",
            references,
        )
    return make_decision(
        Action.REGRESS,
        context,
        prescribe(context, lower),
        f"{why}: easier dose {describe(lower)}.",
        references,
    )


def _not_ready(
    context: RuleContext, max_rpe: float, references: tuple[str, ...]
) -> Decision | None:
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
            return _regress_dose(context, "Not completed twice in a row", references)
        return hold_decision(context, "Not completed: the same again next time.", references)
    if result.done is not None and is_harder(latest.prescription.dose, result.done):
        return hold_decision(
            context,
            f"Done {describe(result.done)}, less than prescribed: the same again next time.",
            references,
        )
    if result.rpe > max_rpe:
        return hold_decision(
            context,
            f"Effort {result.rpe:g}/10 is above {max_rpe:g}/10: the same again until it feels "
            "moderate.",
            references + EFFORT_REFS,
        )
    return None


def _done_well(result_rpe: float) -> str:
    return f"All done at effort {result_rpe:g}/10"


# --- base rules --------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class DoubleProgression(FieldParams):
    """Repetitions within a range, then load (or a set), for ``Reps`` doses.

    After a completed session at moderate effort, add ``reps_step`` repetitions per
    set until ``rep_high``; then raise the load by ``load_percent`` (at least
    ``load_step_kg``, rounded to that step) and go back to ``rep_low``. With no
    load left to add (a body-weight exercise, or the load at its maximum) the
    exercise has topped out and the ladder moves on. Defaults: 8-12 repetitions and +5% load
    (ACSM 2009: 8-12 RM for novices, +2-10% once the target is beaten by 1-2
    repetitions; `acsm-2009-rt`); effort at most 5/10 on Borg CR10 (`borg-cr10`).
    """

    name: ClassVar[str] = "double-progression"
    rep_low: int = attrs.field(default=8, validator=check.integer(1, 100))
    rep_high: int = attrs.field(default=12, validator=check.integer(1, 100))
    reps_step: int = attrs.field(default=1, validator=check.integer(1, 10))
    load_percent: float = attrs.field(
        default=5.0, converter=check.exact_float, validator=check.number(0, 10)
    )
    load_step_kg: float = attrs.field(
        default=1.0, converter=check.exact_float, validator=check.number(0.1, 20)
    )
    max_rpe: float = attrs.field(
        default=DEFAULT_MAX_RPE, converter=check.exact_float, validator=check.number(0, 10)
    )

    def __attrs_post_init__(self) -> None:
        if self.rep_low > self.rep_high:
            raise ValidationError.single(
                "rep_low", f"must be <= rep_high ({self.rep_high}), got {self.rep_low}"
            )

    def applies_to(self, context: RuleContext) -> bool:
        """Repetition doses."""
        return type(context.prescription.dose) is Reps

    def decide(self, context: RuleContext) -> Decision:
        """One more repetition per set, else more load, else topped out."""
        refs = STRENGTH_REFS
        dose = context.prescription.dose
        if not isinstance(dose, Reps):
            return hold_decision(
                context, "Double progression applies to repetition doses only.", refs
            )
        stop = _not_ready(context, self.max_rpe, refs)
        if stop is not None:
            return stop
        low, high = context.exercise.min_dose, context.exercise.max_dose
        assert isinstance(low, Reps)
        assert isinstance(high, Reps)
        top = max(low.reps, min(self.rep_high, high.reps))
        bottom = min(top, max(low.reps, self.rep_low))
        done = _done_well(context.history[-1].result.rpe)
        if dose.reps < top:
            new = Reps(
                sets=dose.sets, reps=min(top, dose.reps + self.reps_step), load_kg=dose.load_kg
            )
            return make_decision(
                Action.PROGRESS,
                context,
                prescribe(context, new),
                f"{done}: {describe(new)}, more repetitions within {bottom}-{top}.",
                refs + EFFORT_REFS,
            )
        heavier = _next_load(dose.load_kg, high.load_kg, self.load_percent, self.load_step_kg)
        if heavier is not None:
            new = Reps(sets=dose.sets, reps=bottom, load_kg=heavier)
            return make_decision(
                Action.PROGRESS,
                context,
                prescribe(context, new),
                f"{done} at the top of the range: more load, {describe(new)}.",
                refs + EFFORT_REFS,
            )
        return _topped_out(
            context, f"{done}: this exercise is at the top of its range.", refs + EFFORT_REFS
        )


def _next_load(
    load: float | None, highest: float | None, percent: float, step_kg: float
) -> float | None:
    """The next load up, rounded to the step and inside the bound; None when there is none."""
    ceiling = 0.0 if highest is None else highest
    current = 0.0 if load is None else load
    if current >= ceiling:
        return None
    raised = current + max(current * percent / 100, step_kg)
    if step_kg > 0:
        raised = max(round(raised / step_kg) * step_kg, current + step_kg)
    return round(min(raised, ceiling), 2)


@attrs.frozen(kw_only=True)
class LoadProgression(FieldParams):
    """Load up by a percentage or a fixed step, repetitions unchanged, for ``Reps`` doses.

    The rise is the larger of ``percent`` of the load and ``step_kg`` (set
    ``percent`` to 0 for a fixed step), rounded to ``step_kg``. Default +5%, at
    least 1 kg (`acsm-2009-rt`: +2-10%).
    """

    name: ClassVar[str] = "load-progression"
    percent: float = attrs.field(
        default=5.0, converter=check.exact_float, validator=check.number(0, 10)
    )
    step_kg: float = attrs.field(
        default=1.0, converter=check.exact_float, validator=check.number(0.1, 20)
    )
    max_rpe: float = attrs.field(
        default=DEFAULT_MAX_RPE, converter=check.exact_float, validator=check.number(0, 10)
    )

    def applies_to(self, context: RuleContext) -> bool:
        """Repetition doses."""
        return type(context.prescription.dose) is Reps

    def decide(self, context: RuleContext) -> Decision:
        """More load, else topped out."""
        refs = STRENGTH_REFS
        dose = context.prescription.dose
        if not isinstance(dose, Reps):
            return hold_decision(
                context, "Load progression applies to repetition doses only.", refs
            )
        stop = _not_ready(context, self.max_rpe, refs)
        if stop is not None:
            return stop
        high = context.exercise.max_dose
        assert isinstance(high, Reps)
        heavier = _next_load(dose.load_kg, high.load_kg, self.percent, self.step_kg)
        done = _done_well(context.history[-1].result.rpe)
        if heavier is None:
            return _topped_out(context, f"{done}: the load is at its maximum.", refs)
        new = Reps(sets=dose.sets, reps=dose.reps, load_kg=heavier)
        return make_decision(
            Action.PROGRESS,
            context,
            prescribe(context, new),
            f"{done}: more load, {describe(new)}.",
            refs + EFFORT_REFS,
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


@attrs.frozen(kw_only=True)
class HoldTimeProgression(FieldParams):
    """Longer isometric holds up to a cap, then more holds, then more sets, for ``Hold`` doses.

    Default: +5 s per step up to 10 s holds (motor-control holds of about 10 s,
    seen in secondary sources citing McGill; `mcgill-1999-apmr`), then one more
    hold per set. Holds already longer than the cap (stretches) keep their length.
    """

    name: ClassVar[str] = "hold-time"
    seconds_step: int = attrs.field(default=5, validator=check.integer(1, 60))
    max_seconds: int = attrs.field(default=10, validator=check.integer(1, 600))
    reps_step: int = attrs.field(default=1, validator=check.integer(1, 10))
    max_rpe: float = attrs.field(
        default=DEFAULT_MAX_RPE, converter=check.exact_float, validator=check.number(0, 10)
    )

    def applies_to(self, context: RuleContext) -> bool:
        """Hold doses."""
        return type(context.prescription.dose) is Hold

    def decide(self, context: RuleContext) -> Decision:
        """Longer holds, else more holds or sets, else topped out."""
        refs = MOTOR_CONTROL_REFS
        dose = context.prescription.dose
        if not isinstance(dose, Hold):
            return hold_decision(context, "Hold-time progression applies to hold doses only.", refs)
        stop = _not_ready(context, self.max_rpe, refs)
        if stop is not None:
            return stop
        high = context.exercise.max_dose
        assert isinstance(high, Hold)
        cap = min(self.max_seconds, high.seconds)
        done = _done_well(context.history[-1].result.rpe)
        if dose.seconds < cap:
            new: Hold | None = Hold(
                sets=dose.sets,
                reps=dose.reps,
                seconds=min(cap, dose.seconds + self.seconds_step),
                reps_drop=dose.reps_drop,
            )
            why = "longer holds"
        else:
            new = _more_holds(dose, high, self.reps_step)
            why = "more holds"
        if new is None:
            return _topped_out(context, f"{done}: this exercise is at the top of its range.", refs)
        return make_decision(
            Action.PROGRESS,
            context,
            prescribe(context, new),
            f"{done}: {why}, {describe(new)}.",
            refs + EFFORT_REFS,
        )


@attrs.frozen(kw_only=True)
class ReversePyramid(FieldParams):
    """The reverse-pyramid scheme (6-4-2 holds) for the curl-up, side bridge and bird dog.

    Progress by adding holds to every set (6-4-2, 7-5-3, 8-6-4, ...), never by
    longer holds, then by one more set; applies to ``Hold`` doses with a pyramid
    drop. The 6-4-2 scheme and the "more holds, not longer holds" rationale were
    seen only in secondary sources citing McGill (`mcgill-1999-apmr`).
    """

    name: ClassVar[str] = "reverse-pyramid"
    reps_step: int = attrs.field(default=1, validator=check.integer(1, 10))
    max_rpe: float = attrs.field(
        default=DEFAULT_MAX_RPE, converter=check.exact_float, validator=check.number(0, 10)
    )

    def applies_to(self, context: RuleContext) -> bool:
        """Hold doses that drop repetitions from set to set."""
        dose = context.prescription.dose
        return type(dose) is Hold and dose.reps_drop > 0

    def decide(self, context: RuleContext) -> Decision:
        """More holds in every set, else one more set, else topped out."""
        refs = MOTOR_CONTROL_REFS
        dose = context.prescription.dose
        if not isinstance(dose, Hold):
            return hold_decision(context, "The reverse pyramid applies to hold doses only.", refs)
        stop = _not_ready(context, self.max_rpe, refs)
        if stop is not None:
            return stop
        high = context.exercise.max_dose
        assert isinstance(high, Hold)
        new = _more_holds(dose, high, self.reps_step)
        done = _done_well(context.history[-1].result.rpe)
        if new is None:
            return _topped_out(context, f"{done}: this exercise is at the top of its range.", refs)
        return make_decision(
            Action.PROGRESS,
            context,
            prescribe(context, new),
            f"{done}: more holds per set, {describe(new)}.",
            refs + EFFORT_REFS,
        )


@attrs.frozen(kw_only=True)
class DurationProgression(FieldParams):
    """Longer continuous activity (walking, cycling, jogging) up to a target, for ``Duration``.

    Each step adds ``percent`` of the minutes (at least one minute) until
    ``target_minutes``. Default target 30 min, the WHO and ACSM daily dose and
    the WalkBack goal (`who-2020-pa`, `acsm-garber-2011`, `pocovi-2024-lancet`).
    """

    name: ClassVar[str] = "duration"
    percent: float = attrs.field(
        default=10.0, converter=check.exact_float, validator=check.number(0, 100)
    )
    target_minutes: int = attrs.field(default=30, validator=check.integer(1, 600))
    max_rpe: float = attrs.field(
        default=DEFAULT_MAX_RPE, converter=check.exact_float, validator=check.number(0, 10)
    )

    def applies_to(self, context: RuleContext) -> bool:
        """Duration doses."""
        return type(context.prescription.dose) is Duration

    def decide(self, context: RuleContext) -> Decision:
        """More minutes toward the target, else topped out."""
        refs = AEROBIC_REFS
        dose = context.prescription.dose
        if not isinstance(dose, Duration):
            return hold_decision(
                context, "Duration progression applies to duration doses only.", refs
            )
        stop = _not_ready(context, self.max_rpe, refs)
        if stop is not None:
            return stop
        high = context.exercise.max_dose
        assert isinstance(high, Duration)
        target = min(self.target_minutes, high.minutes)
        done = _done_well(context.history[-1].result.rpe)
        if dose.minutes >= target:
            return _topped_out(context, f"{done}: {target} min reached.", refs)
        step = max(1, round(dose.minutes * self.percent / 100))
        new = Duration(minutes=min(target, dose.minutes + step), rpe=dose.rpe)
        return make_decision(
            Action.PROGRESS,
            context,
            prescribe(context, new),
            f"{done}: {describe(new)}, toward {target} min.",
            refs + EFFORT_REFS,
        )


@attrs.frozen(kw_only=True)
class WalkRunProgression(FieldParams):
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
    sessions_per_stage: int = attrs.field(default=3, validator=check.integer(1, 20))
    max_pain: int = attrs.field(default=3, validator=check.integer(0, 10))
    max_rpe: float = attrs.field(
        default=4.0, converter=check.exact_float, validator=check.number(0, 10)
    )

    def applies_to(self, context: RuleContext) -> bool:
        """Interval doses."""
        return type(context.prescription.dose) is Intervals

    def decide(self, context: RuleContext) -> Decision:
        """Toward the next stage after enough good sessions, else repeat, else topped out."""
        refs = PAIN_REFS
        dose = context.prescription.dose
        if not isinstance(dose, Intervals):
            return hold_decision(
                context, "Walk-run progression applies to interval doses only.", refs
            )
        stop = _not_ready(context, self.max_rpe, refs)
        if stop is not None:
            return stop
        pain = context.result.pain_during
        if pain > self.max_pain:
            return hold_decision(
                context,
                f"Pain {pain}/10 during: repeat this stage until it is at most {self.max_pain}/10.",
                refs,
            )
        good = _good_repeats(context, self.max_pain)
        if good < self.sessions_per_stage:
            return hold_decision(
                context,
                f"{good} of {self.sessions_per_stage} good sessions at this stage.",
                refs,
            )
        stage = stage_above(dose, context.exercise)
        if stage is None:
            return _topped_out(context, "The last walk-run stage is done.", refs)
        return make_decision(
            Action.PROGRESS,
            context,
            prescribe(context, stage),
            f"{good} good sessions: toward the next stage, {describe(stage)}.",
            refs + EFFORT_REFS,
        )


def _good_repeats(context: RuleContext, max_pain: int) -> int:
    count = 0
    for attempt in reversed(context.history):
        result = attempt.result
        if (
            (
                attempt.prescription is not context.prescription
                and attempt.prescription != context.prescription
            )
            or not result.completed
            or result.pain_during > max_pain
        ):
            break
        count += 1
    return count
