"""The progression-rule protocol and the context every rule decides from."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Protocol, runtime_checkable

import attrs

from lumbar._base import validators as check
from lumbar._base.quickcheck import explain, is_slug, slot_setters
from lumbar.content._catalog import Catalog
from lumbar.errors import ValidationError
from lumbar.model._constraints import NO_CONSTRAINTS, Constraints
from lumbar.model._dose import Dose
from lumbar.model._exercise import Exercise
from lumbar.model._log import PAIN_SCALE_MAX, ExerciseResult
from lumbar.model._program import Prescription
from lumbar.progression._decision import Decision

ParamValue = int | float | str | bool


@runtime_checkable
class ProgressionRule(Protocol):
    """What a progression rule is: a name, its parameters, and one method.

    Any object with these three members is a rule; no base class is needed.
    ``name`` is a slug such as ``"double-progression"`` under which the rule is
    registered; ``params`` maps the keyword arguments that rebuild the rule to
    their values (int, float, str or bool), so that a program can name the rule
    and load it back; ``decide`` returns what happens to the exercise next.
    A rule that wraps another one takes it as the keyword argument ``inner`` and
    keeps it in an attribute of that name.
    """

    @property
    def name(self) -> str:
        """The registered name, a slug."""
        ...

    @property
    def params(self) -> Mapping[str, ParamValue]:
        """The keyword arguments that rebuild this rule (``inner`` excluded)."""
        ...

    def decide(self, context: RuleContext) -> Decision:
        """The decision for the exercise of ``context``, after its latest session."""
        ...


def _date_or_none(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and type(value) is not datetime.date:
        raise check.fail(
            attribute, f"must be a datetime.date or None, got {check.type_name(value)}"
        )


MAX_WEEK = 10_000

# Each named number below -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {"MAX_WEEK": ("design-technical-limit",)}

_ATTEMPT_VALIDATORS = {
    "prescription": check.instance_of(Prescription),
    "result": check.instance_of(ExerciseResult),
    "week_index": check.integer(0, MAX_WEEK),
    "deload": check.boolean,
    "pain_before": check.optional(check.integer(0, PAIN_SCALE_MAX)),
    "date": _date_or_none,
}


@attrs.frozen(kw_only=True)
class Attempt:
    """One prescription as it was given and done: the history rules look back on.

    ``week_index`` is the 0-based week of the program it was given in, ``deload``
    whether that week was a deload week, ``pain_before`` the pain at rest before
    that session (when recorded) and ``date`` the session's date.
    """

    prescription: Prescription
    """The prescription as given."""
    result: ExerciseResult
    """How it went."""
    week_index: int = 0
    """The week it was given in, from 0."""
    deload: bool = False
    """Whether that week was a deload week."""
    pain_before: int | None = None
    """Pain at rest before that session (0-10), when recorded."""
    date: datetime.date | None = None
    """The session's date, when known."""

    def __attrs_post_init__(self) -> None:
        # One attempt per prescription given: a quick check, validators to explain.
        pain = self.pain_before
        if not (
            type(self.prescription) is Prescription
            and type(self.result) is ExerciseResult
            and type(self.week_index) is int
            and 0 <= self.week_index <= MAX_WEEK
            and type(self.deload) is bool
            and (pain is None or (type(pain) is int and 0 <= pain <= PAIN_SCALE_MAX))
            and (self.date is None or type(self.date) is datetime.date)
        ):
            explain(self, _ATTEMPT_VALIDATORS)

    @property
    def performed(self) -> Dose:
        """What was done: the result's ``done`` dose, else the prescribed dose."""
        done = self.result.done
        return self.prescription.dose if done is None else done


_INFINITY = float("inf")

_FIGURES_VALIDATORS = {
    "exercise": check.slug,
    "week_index": check.integer(0, MAX_WEEK),
    "volume": check.integer(0),
    "steps": check.integer(0),
    "sessions": check.integer(0),
    "load_kg": check.number(0),
}


@attrs.frozen(kw_only=True)
class WeekFigures:
    """What the weekly cap counts for one exercise id in one week."""

    exercise: str
    """The exercise id counted."""
    week_index: int
    """The week counted, from 0."""
    volume: int
    """Sum over the week's sessions of the dose's volume."""
    steps: int
    """Sum over the week's sessions of the smallest step the cap always allows."""
    sessions: int
    """How many prescriptions of the week are of this exercise."""
    load_kg: float
    """The largest load prescribed in the week (body weight counts as 0)."""

    def __attrs_post_init__(self) -> None:
        # The engine counts one of these per prescription given: quick check first.
        load = self.load_kg
        if not (
            is_slug(self.exercise)
            and type(self.week_index) is int
            and 0 <= self.week_index <= MAX_WEEK
            and type(self.volume) is int
            and self.volume >= 0
            and type(self.steps) is int
            and self.steps >= 0
            and type(self.sessions) is int
            and self.sessions >= 0
            and (type(load) is float or type(load) is int)
            and 0 <= load < _INFINITY
        ):
            explain(self, _FIGURES_VALIDATORS)


@attrs.frozen(kw_only=True)
class Ledger:
    """What the weekly cap needs to know about the week of the next session.

    ``previous`` maps an exercise id to its figures in its last non-deload week
    before the week of the next session (ids missing there have nothing to be
    capped against); ``so_far`` maps an id to its figures in the week of the next
    session, sessions before the next one; ``sessions_left`` is how many sessions
    of that week, the next one included, prescribe this exercise's ladder.
    """

    previous: Mapping[str, WeekFigures] = attrs.field(factory=lambda: MappingProxyType({}))
    """Each exercise id's figures in its last non-deload week before the next session's week."""
    so_far: Mapping[str, WeekFigures] = attrs.field(factory=lambda: MappingProxyType({}))
    """Each exercise id's figures in the next session's week, before that session."""
    sessions_left: int = 1
    """Sessions of the next session's week, that one included, that prescribe this ladder."""


NO_LEDGER = Ledger()


@attrs.frozen(kw_only=True)
class RuleContext:
    """Everything a rule may look at to decide the next prescription of one exercise.

    ``prescription`` is the current prescription (the one just done), ``exercise``
    its catalog entry and ``catalog`` the catalog the program runs against (for
    ``easier``/``harder`` moves). ``history`` holds the recent attempts at this
    exercise's ladder, oldest first; the last one is the session just done.
    ``week_index`` and ``deload`` describe the week of the *next* session.
    ``ledger`` carries what the weekly cap counts; rules other than the cap can
    ignore it. ``constraints`` are the program's: a rule that changes the exercise
    moves only to [harder][lumbar.progression.RuleContext.harder] or
    [easier][lumbar.progression.RuleContext.easier], which honour them (the engine holds any
    other move onto a variant the constraints rule out).
    """

    exercise: Exercise
    """The catalog entry of the current prescription's exercise."""
    catalog: Catalog
    """The catalog the program runs against, for moves on the ladder."""
    prescription: Prescription
    """The current prescription: the one just done."""
    history: tuple[Attempt, ...]
    """Recent attempts at this exercise's ladder, oldest first; the last is the session just
    done."""
    week_index: int = 0
    """The week of the next session, from 0."""
    deload: bool = False
    """Whether the next session's week is a deload week."""
    ledger: Ledger = NO_LEDGER
    """What the weekly cap counts; rules other than the cap may ignore it."""
    constraints: Constraints = NO_CONSTRAINTS
    """The program's constraints: a move must stay within them."""

    def __attrs_post_init__(self) -> None:
        history = self.history
        if (
            type(self.exercise) is Exercise
            and type(self.prescription) is Prescription
            and self.prescription.exercise == self.exercise.id
            and type(history) is tuple
            and history
            and type(history[-1]) is Attempt
            and type(self.week_index) is int
            and self.week_index >= 0
            and type(self.constraints) is Constraints
        ):
            return  # the engine's contexts; the checks below explain anything else
        errors = []
        if not isinstance(self.exercise, Exercise):
            errors.append(
                ("exercise", f"must be an Exercise, got {check.type_name(self.exercise)}")
            )
        elif not isinstance(self.prescription, Prescription):
            errors.append(("prescription", "must be a Prescription"))
        elif self.prescription.exercise != self.exercise.id:
            errors.append(
                (
                    "prescription",
                    f"is for {self.prescription.exercise!r} but the exercise is "
                    f"{self.exercise.id!r}",
                )
            )
        if type(self.history) is not tuple or not self.history:
            errors.append(
                ("history", "must be a non-empty tuple of Attempt, the last one just done")
            )
        elif not isinstance(self.history[-1], Attempt):
            errors.append(("history", "must hold Attempt values"))
        if type(self.week_index) is not int or self.week_index < 0:
            errors.append(("week_index", f"must be an integer >= 0, got {self.week_index!r}"))
        if not isinstance(self.constraints, Constraints):
            errors.append(
                (
                    "constraints",
                    f"must be a Constraints, got {check.type_name(self.constraints)}",
                )
            )
        if errors:
            raise ValidationError(errors)

    def harder(self) -> Exercise | None:
        """The next variant up the ladder, if there is one and the constraints allow it."""
        return self._neighbour(self.exercise.harder)

    def easier(self) -> Exercise | None:
        """The next variant down the ladder, if there is one and the constraints allow it."""
        return self._neighbour(self.exercise.easier)

    def _neighbour(self, exercise_id: str | None) -> Exercise | None:
        # A variant the constraints rule out ends the ladder there: skipping past it
        # would jump two rungs at once.
        if exercise_id is None:
            return None
        neighbour = self.catalog[exercise_id]
        return neighbour if self.constraints.allows(neighbour) else None

    @property
    def latest(self) -> Attempt:
        """The attempt just done."""
        return self.history[-1]

    @property
    def result(self) -> ExerciseResult:
        """The result of the attempt just done."""
        return self.history[-1].result

    def previous_attempt(self) -> Attempt | None:
        """The attempt before the latest one, if any."""
        return self.history[-2] if len(self.history) > 1 else None

    def repeats(self) -> int:
        """How many attempts in a row, ending with the latest, had the current prescription."""
        count = 0
        for attempt in reversed(self.history):
            if attempt.prescription != self.prescription:
                break
            count += 1
        return count


# --- trusted constructors (see lumbar._base.quickcheck): the engine's own values ----------

_new = object.__new__
_ATTEMPT = slot_setters(
    Attempt, "prescription", "result", "week_index", "deload", "pain_before", "date"
)
_FIGURES = slot_setters(
    WeekFigures, "exercise", "week_index", "volume", "steps", "sessions", "load_kg"
)
_LEDGER = slot_setters(Ledger, "previous", "so_far", "sessions_left")
_CONTEXT = slot_setters(
    RuleContext,
    "exercise",
    "catalog",
    "prescription",
    "history",
    "week_index",
    "deload",
    "ledger",
    "constraints",
)


def attempted(
    prescription: Prescription,
    result: ExerciseResult,
    week_index: int,
    deload: bool,
    pain_before: int | None,
    date: datetime.date | None,
) -> Attempt:
    """An `Attempt` of a prescription given and a result from a checked log."""
    attempt: Attempt = _new(Attempt)
    set_prescription, set_result, set_week, set_deload, set_pain, set_date = _ATTEMPT
    set_prescription(attempt, prescription)
    set_result(attempt, result)
    set_week(attempt, week_index)
    set_deload(attempt, deload)
    set_pain(attempt, pain_before)
    set_date(attempt, date)
    return attempt


def counted(
    exercise: str, week_index: int, volume: int, steps: int, sessions: int, load_kg: float
) -> WeekFigures:
    """`WeekFigures` the engine counted from the prescriptions it gave."""
    figures: WeekFigures = _new(WeekFigures)
    set_exercise, set_week, set_volume, set_steps, set_sessions, set_load = _FIGURES
    set_exercise(figures, exercise)
    set_week(figures, week_index)
    set_volume(figures, volume)
    set_steps(figures, steps)
    set_sessions(figures, sessions)
    set_load(figures, load_kg)
    return figures


def ledger_of(
    previous: Mapping[str, WeekFigures], so_far: Mapping[str, WeekFigures], sessions_left: int
) -> Ledger:
    """A [Ledger][lumbar.progression.Ledger] from the engine's counts."""
    ledger: Ledger = _new(Ledger)
    set_previous, set_so_far, set_left = _LEDGER
    set_previous(ledger, previous)
    set_so_far(ledger, so_far)
    set_left(ledger, sessions_left)
    return ledger


def context_of(
    exercise: Exercise,
    catalog: Catalog,
    prescription: Prescription,
    history: tuple[Attempt, ...],
    week_index: int,
    deload: bool,
    ledger: Ledger,
    constraints: Constraints,
) -> RuleContext:
    """The `RuleContext` of a track in a run: catalog entries, the track's attempts."""
    context: RuleContext = _new(RuleContext)
    (
        set_exercise,
        set_catalog,
        set_prescription,
        set_history,
        set_week,
        set_deload,
        set_ledger,
        set_constraints,
    ) = _CONTEXT
    set_exercise(context, exercise)
    set_catalog(context, catalog)
    set_prescription(context, prescription)
    set_history(context, history)
    set_week(context, week_index)
    set_deload(context, deload)
    set_ledger(context, ledger)
    set_constraints(context, constraints)
    return context
