"""The engine behind advance and simulate: one person going through one program.

A program is a template: which exercises on which days, and where each starts.
Each exercise ladder of the template is one *track* whose current prescription
moves as the rules decide (moving up the ladder changes the exercise, not the
track). A track's decision is made just before its next session, so that every
earlier session of the week counts toward the weekly cap.

The engine holds no policy: it is handed the rule stack and the weekly cap it
applies after every decision (a `Stack`); ``_defaults`` says which.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Protocol

from lumbar.content._catalog import Catalog
from lumbar.errors import ValidationError
from lumbar.model._constraints import CONSTRAINT_REFERENCES
from lumbar.model._dose import Reps, describe
from lumbar.model._exercise import Exercise
from lumbar.model._log import SessionLog
from lumbar.model._program import Prescription, Program, prescribed
from lumbar.progression._decision import Action, Decision, decided
from lumbar.progression._dose_steps import clamp, is_harder, step_down, volume_and_step, within
from lumbar.progression._protocol import (
    Attempt,
    Ledger,
    ProgressionRule,
    RuleContext,
    WeekFigures,
)
from lumbar.progression._session_time import SessionTime

HISTORY_LENGTH = 12
"""How many recent attempts of a track the rules see."""

# Each named number below -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {"HISTORY_LENGTH": ("design-technical-limit",)}

_EMPTY: Mapping[str, WeekFigures] = MappingProxyType({})

# The values the engine makes of parts it has checked (attempts of checked logs, figures it
# counts, ledgers and contexts of catalog entries and its own counts) are made with attrs'
# own __attrs_init__ on a new instance: it sets the fields and checks nothing. The classes'
# public constructors check every field.
_new = object.__new__
_init_attempt = Attempt.__attrs_init__
_init_figures = WeekFigures.__attrs_init__
_init_ledger = Ledger.__attrs_init__
_init_context = RuleContext.__attrs_init__


class Cap(Protocol):
    """What the engine asks of the weekly cap it applies to every decision."""

    def limit(self, decision: Decision, context: RuleContext) -> Decision:
        """``decision`` if it keeps to the cap; else the nearest decision that does."""
        ...


class Stack:
    """A rule stack as the engine runs it: the rules it asks, then the cap it applies.

    ``rule`` is the stack as given (its name is the one errors give); when the cap
    is the stack's outermost rule, the engine asks what it wraps and applies the
    cap itself, last, after its own checks, so that it runs once per decision.
    """

    __slots__ = ("body", "cap", "rule")

    def __init__(self, rule: ProgressionRule, cap: Cap) -> None:
        self.rule = rule
        self.cap = cap
        outermost: object = rule
        self.body: ProgressionRule = getattr(rule, "inner", rule) if outermost is cap else rule


class Plan:
    """What a program and a catalog imply, computed once and shared by many runs."""

    __slots__ = (
        "catalog",
        "constraints",
        "deload",
        "exercises",
        "first",
        "key_of",
        "labels",
        "left",
        "program",
        "rung",
        "slots",
    )

    def __init__(self, program: Program, catalog: Catalog) -> None:
        self.program = program
        self.catalog = catalog
        self.constraints = program.constraints
        self.key_of: dict[str, str] = {}
        self.rung: dict[str, int] = {}
        # The catalog entries of every rung of the program's ladders, by id.
        self.exercises: dict[str, Exercise] = {}
        self.first: dict[str, Prescription] = {}
        # One pass over the prescriptions; a session (or week) the program repeats as the
        # same object, or with the same tracks, is worked out once.
        key_of = self.key_of
        first = self.first
        keys_of_session: dict[int, tuple[str, ...]] = {}
        slots = []
        for week in program.weeks:
            week_slots = []
            for session in week.sessions:
                keys = keys_of_session.get(id(session))
                if keys is None:
                    found = []
                    for prescription in session.prescriptions:
                        key = key_of.get(prescription.exercise)
                        if key is None:
                            key = self._add_ladder(prescription.exercise)
                        found.append(key)
                        if key not in first:
                            first[key] = prescription
                    keys = keys_of_session[id(session)] = tuple(found)
                week_slots.append(keys)
            slots.append(tuple(week_slots))
        self.slots = tuple(slots)
        self.deload = tuple(week.deload for week in program.weeks)
        self.labels = tuple(tuple(s.label for s in week.sessions) for week in program.weeks)
        # For each session: how many appearances each track has from it to the week's end.
        lefts: dict[tuple[tuple[str, ...], ...], tuple[dict[str, int], ...]] = {}
        self.left: tuple[tuple[dict[str, int], ...], ...] = tuple(
            lefts.get(week_slots) or lefts.setdefault(week_slots, _appearances_left(week_slots))
            for week_slots in self.slots
        )

    def _add_ladder(self, exercise_id: str) -> str:
        """Learn the ladder of an exercise of the program; its track key."""
        ladder = self.catalog.ladder(exercise_id)
        key = ladder[0].id
        for index, exercise in enumerate(ladder):
            self.key_of[exercise.id] = key
            self.rung[exercise.id] = index
            self.exercises[exercise.id] = exercise
        return key

    def reserved(self) -> dict[str, int]:
        """The minutes the program's constraints reserve, by track key."""
        return {
            self.key_of.get(exercise_id) or self.catalog.ladder(exercise_id)[0].id: minutes
            for exercise_id, minutes in self.constraints.reserved_minutes.items()
        }

    def exercise(self, exercise_id: str) -> Exercise:
        """The catalog entry of an exercise id."""
        found = self.exercises.get(exercise_id)
        return self.catalog[exercise_id] if found is None else found

    def same_ladder(self, first: str, second: str) -> bool:
        key = self.key_of.get(first)
        if key is None:
            key = self.catalog.ladder(first)[0].id
        other = self.key_of.get(second)
        if other is None:
            other = self.catalog.ladder(second)[0].id
        return key == other

    def rung_of(self, exercise_id: str) -> int:
        found = self.rung.get(exercise_id)
        if found is None:
            ladder = self.catalog.ladder(exercise_id)
            found = next(i for i, e in enumerate(ladder) if e.id == exercise_id)
        return found


def _appearances_left(sessions: tuple[tuple[str, ...], ...]) -> tuple[dict[str, int], ...]:
    counts: list[dict[str, int]] = []
    running: dict[str, int] = {}
    for keys in reversed(sessions):
        running = dict(running)
        for key in keys:
            running[key] = running.get(key, 0) + 1
        counts.append(running)
    return tuple(reversed(counts))


class TrackRun:
    """The mutable working copy of a [Track][lumbar.progression.Track] inside one run.

    ``current`` holds the figures of week ``current_week``; ``previous`` holds, per
    exercise id, its last non-deload week before that. Both dicts are replaced,
    never changed in place, because ledgers handed to rules share them.
    """

    __slots__ = (
        "current",
        "current_week",
        "history",
        "key",
        "pending",
        "prescription",
        "previous",
        "stopped",
    )

    def __init__(
        self,
        key: str,
        prescription: Prescription,
        history: tuple[Attempt, ...] = (),
        pending: bool = False,
        stopped: str = "",
    ) -> None:
        self.key = key
        self.prescription = prescription
        self.history = history
        self.pending = pending
        self.stopped = stopped
        self.current: dict[str, WeekFigures] = {}
        self.current_week = -1
        self.previous: dict[str, WeekFigures] = {}

    def roll(self, week: int, deload: tuple[bool, ...]) -> None:
        """Start counting ``week``: a finished non-deload week becomes the one to cap against."""
        if self.current_week == week:
            return
        if self.current and not deload[self.current_week]:
            self.previous = {**self.previous, **self.current}
        self.current = {}
        self.current_week = week

    def count(self, prescription: Prescription, week: int) -> None:
        """Add a prescription given in ``week`` (the week being counted) to its figures."""
        dose = prescription.dose
        exercise = prescription.exercise
        load = (dose.load_kg or 0.0) if type(dose) is Reps else 0.0
        volume, step = volume_and_step(dose)
        current = self.current
        old = current.get(exercise)
        if old is not None:
            volume += old.volume
            step += old.steps
            load = max(old.load_kg, load)
        figures = _new(WeekFigures)
        _init_figures(
            figures,
            exercise=exercise,
            week_index=week,
            volume=volume,
            steps=step,
            sessions=1 if old is None else old.sessions + 1,
            load_kg=load,
        )
        self.current = {**current, exercise: figures}


class Run:
    """One person going through one program: the engine behind advance and simulate."""

    __slots__ = ("plan", "session", "slots", "time", "tracks", "week")

    def __init__(self, plan: Plan, tracks: dict[str, TrackRun], week: int, session: int) -> None:
        self.plan = plan
        self.tracks = tracks
        self.week = week
        self.session = session
        self.slots: list[tuple[TrackRun, Prescription]] = []
        # The program's session time budget, which every decision keeps to.
        limit = plan.constraints.session_minutes
        self.time = (
            None
            if limit is None
            else SessionTime(
                limit,
                plan.reserved(),
                plan.slots,
                plan.exercise,
                {key: None if t.stopped else t.prescription for key, t in tracks.items()},
            )
        )

    @classmethod
    def begin(cls, plan: Plan) -> Run:
        """A run at the first session, every exercise at its first prescription."""
        tracks = {key: TrackRun(key, rx) for key, rx in plan.first.items()}
        run = cls(plan, tracks, 0, 0)
        run.slots = [(tracks[key], tracks[key].prescription) for key in plan.slots[0][0]]
        return run

    # --- one session -----------------------------------------------------------------

    def record(self, log: SessionLog) -> None:
        """Attach the session's results to their tracks and count the week's volume."""
        week = self.week
        marks = self.plan.deload
        deload = marks[week]
        pain, date = log.pain_before, log.date
        for (track, prescription), result in zip(self.slots, log.results, strict=True):
            attempt = _new(Attempt)
            _init_attempt(
                attempt,
                prescription=prescription,
                result=result,
                week_index=week,
                deload=deload,
                pain_before=pain,
                date=date,
            )
            history = track.history
            track.history = (
                (*history[1:], attempt) if len(history) >= HISTORY_LENGTH else (*history, attempt)
            )
            track.pending = True
            if track.current_week != week:
                track.roll(week, marks)
            track.count(prescription, week)

    def prepare(self, stack: Stack) -> list[Decision]:
        """Move to the next session with anything to do and decide its prescriptions."""
        decisions: list[Decision] = []
        plan = self.plan
        weeks = plan.slots
        while True:
            self.session += 1
            if self.session >= len(weeks[self.week]):
                self.week += 1
                self.session = 0
                if self.week >= len(weeks):
                    self.slots = []
                    return decisions
            slots: list[tuple[TrackRun, Prescription]] = []
            time = self.time
            for key in weeks[self.week][self.session]:
                track = self.tracks[key]
                if track.stopped:
                    continue
                if track.pending:
                    decision = self._decide(track, stack)
                    if time is not None:
                        decision = time.fit(key, track.prescription, decision, self.week)
                    decisions.append(decision)
                    track.pending = False
                    if decision.prescription is None:
                        track.stopped = decision.reason
                        continue
                    track.prescription = decision.prescription
                slots.append((track, track.prescription))
            if slots:
                self.slots = slots
                return decisions

    def _decide(self, track: TrackRun, stack: Stack) -> Decision:
        plan = self.plan
        catalog = plan.catalog
        week = self.week
        current = track.prescription
        exercise = plan.exercises.get(current.exercise)
        if exercise is None:
            exercise = catalog[current.exercise]
        if track.current_week != week:
            track.roll(week, plan.deload)
        ledger = _new(Ledger)
        _init_ledger(
            ledger,
            previous=track.previous or _EMPTY,
            so_far=track.current or _EMPTY,
            sessions_left=plan.left[week][self.session].get(track.key, 0),
        )
        context = _new(RuleContext)
        _init_context(
            context,
            exercise=exercise,
            catalog=catalog,
            prescription=current,
            history=track.history,
            week_index=week,
            deload=plan.deload[week],
            ledger=ledger,
            constraints=plan.constraints,
        )
        decision = self._settle(stack.body.decide(context), context, stack.rule)
        if decision.prescription is current and track.history[-1].week_index == self.week:
            # Within a week, keeping the dose never breaks the cap: the decision that set
            # it was checked against every remaining session of this week.
            return decision
        cap = stack.cap
        capped = cap.limit(decision, context)
        proposed = capped.prescription
        if context.deload and proposed is not None and self._rises(proposed, current):
            # The cap may pick a dose between two that do not rise and still rise itself.
            held = _replace(
                capped, Action.HOLD, current, "Deload week: nothing rises; the same again."
            )
            return cap.limit(held, context)
        return capped

    def _settle(self, decision: Decision, context: RuleContext, rule: ProgressionRule) -> Decision:
        """Hold the rule to the engine's guarantees: its ladder, the bounds, deload weeks."""
        if type(decision) is not Decision:
            raise TypeError(
                f"rule {rule.name!r} returned {type(decision).__name__}, not a Decision"
            )
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
            if decision.action in (Action.PROGRESS, Action.REGRESS):
                return _replace(decision, Action.HOLD, current, decision.reason)
            return decision
        exercise = context.exercise
        if proposed.exercise != current.exercise:
            exercise = self._rung(proposed, current, rule)
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
            decision = _replace(
                decision,
                decision.action,
                prescribed(proposed.exercise, inside, proposed.note),
                f"{decision.reason} (kept inside the exercise's limits: {describe(inside)})",
            )
            proposed = decision.prescription
            assert proposed is not None
        if decision.action in (Action.PROGRESS, Action.REGRESS) and (
            proposed is current or proposed == current
        ):
            decision = _replace(decision, Action.HOLD, current, decision.reason)
        elif context.deload and self._rises(proposed, current):
            decision = _replace(
                decision,
                Action.HOLD,
                current,
                f"Deload week: nothing rises (the rule proposed {describe(proposed.dose)}).",
            )
        return decision

    def _rung(
        self, proposed: Prescription, current: Prescription, rule: ProgressionRule
    ) -> Exercise:
        catalog = self.plan.catalog
        if proposed.exercise not in catalog:
            raise ValidationError.single(
                "decision.prescription.exercise",
                f"rule {rule.name!r} moved to {proposed.exercise!r}, which the catalog "
                "does not hold",
            )
        if not self.plan.same_ladder(proposed.exercise, current.exercise):
            raise ValidationError.single(
                "decision.prescription.exercise",
                f"rule {rule.name!r} moved {current.exercise!r} to {proposed.exercise!r}, "
                "which is not on its ladder",
            )
        return catalog[proposed.exercise]

    def _rises(self, proposed: Prescription, current: Prescription) -> bool:
        if proposed.exercise != current.exercise:
            return self.plan.rung_of(proposed.exercise) > self.plan.rung_of(current.exercise)
        return is_harder(proposed.dose, current.dose)


def _replace(
    decision: Decision, action: Action, prescription: Prescription | None, reason: str
) -> Decision:
    return decided(
        action,
        decision.exercise,
        prescription,
        reason,
        decision.references,
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
    if decision.action is Action.REGRESS:
        lower = step_down(current.dose, context.exercise)
        if lower is not None:
            return decided(
                Action.REGRESS,
                decision.exercise,
                prescribed(current.exercise, lower, current.note),
                f"{decision.reason} Not {exercise.name} ({why}): an easier dose of "
                f"{context.exercise.name} instead, {describe(lower)}.",
                references,
            )
    return decided(
        Action.HOLD,
        decision.exercise,
        current,
        f"{decision.reason} Not {exercise.name} ({why}): the same again.",
        references,
    )
