"""The built-in wrapper rules and the default rule stack.

Wrapper rules take another rule as ``inner`` and change its decision: the pain
gate, deloads, the ladder and the weekly cap. :class:`FirstMatch` picks a base
rule per exercise. See ``_base_rules`` for the base rules and their conventions.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import Any, ClassVar

import attrs

from lumbar import _checks as check
from lumbar._base_rules import (
    CAP_REFS,
    DEFAULT_PAIN_LIMIT,
    DELOAD_REFS,
    EFFORT_REFS,
    PAIN_REFS,
    STRENGTH_REFS,
    DoubleProgression,
    DurationProgression,
    FieldParams,
    HoldTimeProgression,
    LoadProgression,
    ParamValue,
    ReversePyramid,
    WalkRunProgression,
    hold_decision,
    make_decision,
    prescribe,
)
from lumbar._constraints import CONSTRAINT_REFERENCES
from lumbar._decision import Action, Decision, decided
from lumbar._dose import Dose, Duration, Hold, Intervals, Reps
from lumbar._dose_steps import (
    between,
    describe,
    is_harder,
    lighter,
    load_of,
    step_down,
    volume_and_step,
    volume_down,
    volume_of,
    within,
)
from lumbar._errors import ValidationError
from lumbar._exercise import Exercise
from lumbar._program import Prescription, Program
from lumbar._rules import Attempt, Ledger, ProgressionRule, RuleContext, WeekFigures

# --- composition -----------------------------------------------------------------


def _prepared(rules: tuple[ProgressionRule, ...]) -> tuple[tuple[ProgressionRule, Any], ...]:
    return tuple((rule, getattr(rule, "applies_to", None)) for rule in rules)


_PYRAMID = "pyramid"
"""The dispatch key of a hold dose that drops repetitions from set to set."""

# The doses each built-in base rule's ``applies_to`` accepts, by dispatch key (the dose
# type, or _PYRAMID): the keys say exactly what those methods test, nothing else.
_APPLIES_TO: dict[type, frozenset[object]] = {
    ReversePyramid: frozenset({_PYRAMID}),
    HoldTimeProgression: frozenset({Hold, _PYRAMID}),
    DoubleProgression: frozenset({Reps}),
    LoadProgression: frozenset({Reps}),
    DurationProgression: frozenset({Duration}),
    WalkRunProgression: frozenset({Intervals}),
}


def _dispatch(rules: tuple[ProgressionRule, ...]) -> dict[object, ProgressionRule | None] | None:
    """For built-in base rules only: the first rule that applies, per dispatch key."""
    if not all(type(rule) in _APPLIES_TO for rule in rules):
        return None  # another rule's applies_to may look at anything: ask each one
    return {
        key: next((rule for rule in rules if key in _APPLIES_TO[type(rule)]), None)
        for key in (Reps, Hold, _PYRAMID, Duration, Intervals)
    }


@attrs.frozen(kw_only=True)
class FirstMatch:
    """Several base rules; for each exercise the first that applies decides.

    A rule applies when it has no ``applies_to(context)`` method or that method
    returns True. When none applies the exercise holds.
    """

    name: ClassVar[str] = "first-match"
    rules: tuple[ProgressionRule, ...] = attrs.field(converter=check.to_tuple)
    _choices: tuple[tuple[ProgressionRule, Any], ...] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    _table: dict[object, ProgressionRule | None] | None = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )

    @rules.validator
    def _check_rules(self, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
        if len(value) < 2:
            raise check.fail(attribute, f"must hold at least 2 rules, got {len(value)}")
        bad = [
            (f"rules[{index}]", "must be a progression rule (name, params, decide)")
            for index, rule in enumerate(value)
            if not isinstance(rule, ProgressionRule)
        ]
        if bad:
            raise ValidationError(bad)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_choices", _prepared(self.rules))
        object.__setattr__(self, "_table", _dispatch(self.rules))

    @property
    def params(self) -> Mapping[str, ParamValue]:
        """None: the member rules carry their own."""
        return MappingProxyType({})

    def decide(self, context: RuleContext) -> Decision:
        """The decision of the first rule that applies."""
        table = self._table
        if table is not None:
            dose = context.prescription.dose
            if type(dose) is Hold and dose.reps_drop > 0:
                chosen = table.get(_PYRAMID)
            else:
                chosen = table.get(type(dose))
            if chosen is not None:
                return chosen.decide(context)
        else:
            for rule, applies in self._choices:
                if applies is None or applies(context):
                    return rule.decide(context)
        return hold_decision(
            context,
            f"No rule here progresses {context.prescription.dose.kind} doses: the same again.",
            EFFORT_REFS,
        )


def _check_inner(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, ProgressionRule):
        raise check.fail(
            attribute,
            f"must be a progression rule (name, params, decide), got {check.type_name(value)}",
        )


@attrs.frozen(kw_only=True)
class LadderProgression(FieldParams):
    """Moves along the exercise's ladder when the inner rule runs out of room.

    When the inner rule has topped out (``PROGRESS`` with no change), move to the
    ``harder`` variant once the last ``confirm_sessions`` sessions at this dose were
    completed with pain during at most ``max_pain`` (the "safe" zone of the
    pain-monitoring model, `silbernagel-2007-ajsm`; confirming over two sessions is a
    coaching convention, unverified). When it cannot regress further, move to the
    ``easier`` variant. A new rung starts at its ``default_dose`` (``start="min"``:
    at its ``min_dose``). Walk-run intervals are the entry to running, which the
    running notes leave to the person: by default the ladder does not move anyone
    onto an ``Intervals`` rung from another dose type (``enter_walk_run=True`` does).
    """

    name: ClassVar[str] = "ladder"
    inner: ProgressionRule = attrs.field(validator=_check_inner)
    confirm_sessions: int = attrs.field(default=2, validator=check.integer(1, 20))
    max_pain: int = attrs.field(default=3, validator=check.integer(0, 10))
    start: str = attrs.field(default="default")
    enter_walk_run: bool = attrs.field(default=False, validator=check.boolean)

    @start.validator
    def _check_start(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if value not in ("default", "min"):
            raise check.fail(attribute, f"must be 'default' or 'min', got {value!r}")

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
            else:
                hardest = (
                    "The next variant does not fit the person's equipment or directional preference"
                )
                cited = tuple(dict.fromkeys((*decision.references, *CONSTRAINT_REFERENCES)))
            return hold_decision(
                context, f"{decision.reason} {hardest}: keep it up at this dose.", cited
            )
        if context.deload:
            return hold_decision(context, "No move up the ladder in a deload week.", DELOAD_REFS)
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
            )
        good = 0
        for attempt in reversed(context.history[-self.confirm_sessions :]):
            result = attempt.result
            if (
                attempt.prescription == context.prescription
                and result.completed
                and result.pain_during <= self.max_pain
            ):
                good += 1
        if good < self.confirm_sessions:
            return hold_decision(
                context,
                f"At the top of {exercise.name}: {self.confirm_sessions} sessions in a row with "
                f"pain at most {self.max_pain}/10 before moving up ({good} so far).",
                refs,
            )
        dose = self._start_dose(rung)
        return decided(
            Action.PROGRESS,
            exercise.id,
            Prescription(exercise=rung.id, dose=dose),
            f"At the top of {exercise.name} with little pain: move up to {rung.name}, "
            f"starting at {describe(dose)}.",
            refs,
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
            Prescription(exercise=rung.id, dose=dose),
            f"{decision.reason.rstrip('.')}: move down to {rung.name}, at {describe(dose)}.",
            decision.references,
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
    inner: ProgressionRule = attrs.field(validator=_check_inner)
    limit: int = attrs.field(default=DEFAULT_PAIN_LIMIT, validator=check.integer(0, 10))

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
                Prescription(exercise=rung.id, dose=rung.default_dose),
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


@attrs.frozen(kw_only=True)
class DeloadRule(FieldParams):
    """Planned deload weeks: a lighter dose in a week marked ``deload``, then back.

    Entering a deload week, the dose drops to about ``volume_percent`` of its
    volume (sets first, intensity kept); nothing rises during the week; the first
    session after it, once pain allows, returns to the dose before it. Default 60% (design choice;
    ACSM describes periodized, varied training, `acsm-2009-rt`).
    """

    name: ClassVar[str] = "deload"
    inner: ProgressionRule = attrs.field(validator=_check_inner)
    volume_percent: int = attrs.field(default=60, validator=check.integer(10, 100))

    def decide(self, context: RuleContext) -> Decision:
        """Lighter in a deload week, back after it, otherwise the inner decision."""
        latest = context.history[-1]
        if context.deload:
            if latest.deload and latest.week_index == context.week_index:
                return hold_decision(context, "Deload week: the same lighter dose.", DELOAD_REFS)
            dose = lighter(context.prescription.dose, context.exercise, self.volume_percent)
            return make_decision(
                Action.DELOAD,
                context,
                prescribe(context, dose),
                f"Planned deload week: about {self.volume_percent}% of the usual volume, "
                f"{describe(dose)}.",
                DELOAD_REFS,
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
    inner: ProgressionRule = attrs.field(validator=_check_inner)
    percent: float = attrs.field(
        default=10.0, converter=check.exact_float, validator=check.number(0, 100)
    )
    load_percent: float = attrs.field(
        default=10.0, converter=check.exact_float, validator=check.number(0, 100)
    )
    load_step_kg: float = attrs.field(
        default=1.0, converter=check.exact_float, validator=check.number(0, 50)
    )

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
                    Prescription(exercise=proposed.exercise, dose=candidate, note=proposed.note),
                    f"{decision.reason.rstrip('.')} (limited by the weekly cap: "
                    f"{describe(candidate)}).",
                    _merge(decision.references, CAP_REFS),
                )
        if self.allows(current.dose, context.exercise, ledger):
            return decided(
                Action.HOLD,
                decision.exercise,
                current,
                f"{decision.reason} Held: the weekly cap allows no more this week.",
                _merge(decision.references, CAP_REFS),
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
            Prescription(exercise=start.exercise, dose=lower, note=start.note),
            f"{decision.reason} Lowered to {describe(lower)} to keep this week's volume "
            "within the weekly cap.",
            _merge(decision.references, CAP_REFS),
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
            for eighths in range(7, 0, -1):
                step = between(current, proposed, eighths / 8)
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


def _merge(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    return first + tuple(ref for ref in second if ref not in first)


BASE_RULES: tuple[Callable[[], ProgressionRule], ...] = (
    ReversePyramid,
    HoldTimeProgression,
    DoubleProgression,
    DurationProgression,
    WalkRunProgression,
)


def default_rule() -> ProgressionRule:
    """The default rule stack.

    The weekly cap around the pain gate around deloads around the ladder, around
    the right base rule for each dose type: the reverse pyramid for pyramid holds,
    hold-time progression for other holds, double progression for repetitions,
    duration progression for continuous activity and walk-run progression for
    intervals.
    """
    bases = FirstMatch(rules=tuple(factory() for factory in BASE_RULES))
    return WeeklyCap(inner=PainGate(inner=DeloadRule(inner=LadderProgression(inner=bases))))


def schedule_deloads(program: Program, *, every: int = 4) -> Program:
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
