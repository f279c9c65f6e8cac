"""The progression-rule protocol and the context every rule decides from."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Protocol, runtime_checkable

import attrs

from lumbar._base import validators as check
from lumbar._base.display import Shown
from lumbar._base.document import Document
from lumbar._base.frozen import FrozenDict
from lumbar._base.trusted import maker
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


_date_or_none = check.optional(check.date)


MAX_WEEK = 10_000

# Each named number below -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {"MAX_WEEK": ("design-technical-limit",)}


@attrs.frozen(kw_only=True, init=False, repr=False)
class Attempt(Document):
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

    def __init__(
        self,
        *,
        prescription: Prescription,
        result: ExerciseResult,
        week_index: int = 0,
        deload: bool = False,
        pain_before: int | None = None,
        date: datetime.date | None = None,
    ) -> None:
        # Every field checked here, each error reported (values made of checked parts skip
        # this: ``_base.trusted.maker``).
        self.__attrs_init__(
            prescription=prescription,
            result=result,
            week_index=week_index,
            deload=deload,
            pain_before=pain_before,
            date=date,
        )
        check.every_field(self, _ATTEMPT_CHECKS)

    @property
    def performed(self) -> Dose:
        """What was done: the result's ``done`` dose, else the prescribed dose."""
        done = self.result.done
        return self.prescription.dose if done is None else done


_ATTEMPT_CHECKS = check.field_checks(
    Attempt,
    {
        "prescription": check.instance_of(Prescription),
        "result": check.instance_of(ExerciseResult),
        "week_index": check.integer(0, MAX_WEEK),
        "deload": check.boolean,
        "pain_before": check.optional(check.integer(0, PAIN_SCALE_MAX)),
        "date": _date_or_none,
    },
)

attempted = maker(Attempt)
"""An `Attempt` of parts already checked, its fields by position or keyword: the engine's
record of a checked session, the history reader's checked columns."""


@attrs.frozen(kw_only=True, init=False, repr=False)
class WeekFigures(Document):
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

    def __init__(
        self,
        *,
        exercise: str,
        week_index: int,
        volume: int,
        steps: int,
        sessions: int,
        load_kg: float,
    ) -> None:
        # Every field checked here, each error reported (values made of checked parts skip
        # this: ``_base.trusted.maker``).
        self.__attrs_init__(
            exercise=exercise,
            week_index=week_index,
            volume=volume,
            steps=steps,
            sessions=sessions,
            load_kg=load_kg,
        )
        check.every_field(self, _FIGURES_CHECKS)


_FIGURES_CHECKS = check.field_checks(
    WeekFigures,
    {
        "exercise": check.slug,
        "week_index": check.integer(0, MAX_WEEK),
        "volume": check.integer(0),
        "steps": check.integer(0),
        "sessions": check.integer(0),
        "load_kg": check.number(0),
    },
)


_NO_FIGURES: Mapping[str, WeekFigures] = FrozenDict()


@attrs.frozen(kw_only=True, init=False, repr=False)
class Ledger(Shown):
    """What the weekly cap needs to know about the week of the next session.

    ``previous`` maps an exercise id to its figures in its last non-deload week
    before the week of the next session (ids missing there have nothing to be
    capped against); ``so_far`` maps an id to its figures in the week of the next
    session, sessions before the next one; ``sessions_left`` is how many sessions
    of that week, the next one included, prescribe this exercise's ladder, and
    ``sessions_next`` how many of the next non-deload week do (0 when none is left):
    a dose that rises now is given again then, and must keep that week within the cap.
    """

    previous: Mapping[str, WeekFigures] = _NO_FIGURES
    """Each exercise id's figures in its last non-deload week before the next session's week."""
    so_far: Mapping[str, WeekFigures] = _NO_FIGURES
    """Each exercise id's figures in the next session's week, before that session."""
    sessions_left: int = 1
    """Sessions of the next session's week, that one included, that prescribe this ladder."""
    sessions_next: int = 0
    """Sessions of the next non-deload week that prescribe this ladder (0 when none is left)."""

    def __init__(
        self,
        *,
        previous: Mapping[str, WeekFigures] = _NO_FIGURES,
        so_far: Mapping[str, WeekFigures] = _NO_FIGURES,
        sessions_left: int = 1,
        sessions_next: int = 0,
    ) -> None:
        # Nothing to check (rules read it as given); the engine makes its ledgers with
        # ``_base.trusted.maker``, without the cost of a class call.
        self.__attrs_init__(
            previous=previous,
            so_far=so_far,
            sessions_left=sessions_left,
            sessions_next=sessions_next,
        )


NO_LEDGER = Ledger()


@attrs.frozen(kw_only=True, init=False, repr=False)
class RuleContext(Shown):
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
    other move onto a variant the constraints rule out). ``paused`` is True while the
    exercise sits out (after a ``pause`` decision): nothing was done since the latest
    attempt, and any decision but another pause brings it back.
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
    paused: bool = False
    """True while the exercise sits out: any decision but another pause brings it back."""

    def __init__(
        self,
        *,
        exercise: Exercise,
        catalog: Catalog,
        prescription: Prescription,
        history: tuple[Attempt, ...],
        week_index: int = 0,
        deload: bool = False,
        ledger: Ledger = NO_LEDGER,
        constraints: Constraints = NO_CONSTRAINTS,
        paused: bool = False,
    ) -> None:
        # Every field checked here, each error reported (values made of checked parts skip
        # this: ``_base.trusted.maker``).
        errors = []
        if not isinstance(exercise, Exercise):
            errors.append(("exercise", f"must be an Exercise, got {check.type_name(exercise)}"))
        elif not isinstance(prescription, Prescription):
            errors.append(("prescription", "must be a Prescription"))
        elif prescription.exercise != exercise.id:
            errors.append(
                (
                    "prescription",
                    f"is for {prescription.exercise!r} but the exercise is {exercise.id!r}",
                )
            )
        if type(history) is not tuple or not history:
            errors.append(
                ("history", "must be a non-empty tuple of Attempt, the last one just done")
            )
        elif not isinstance(history[-1], Attempt):
            errors.append(("history", "must hold Attempt values"))
        if type(week_index) is not int or week_index < 0:
            errors.append(("week_index", f"must be an integer >= 0, got {week_index!r}"))
        if not isinstance(ledger, Ledger):
            errors.append(("ledger", f"must be a Ledger, got {check.type_name(ledger)}"))
        if not isinstance(constraints, Constraints):
            errors.append(
                ("constraints", f"must be a Constraints, got {check.type_name(constraints)}")
            )
        if type(paused) is not bool:
            errors.append(("paused", f"must be True or False, got {paused!r}"))
        if errors:
            raise ValidationError(errors)
        self.__attrs_init__(
            exercise=exercise,
            catalog=catalog,
            prescription=prescription,
            history=history,
            week_index=week_index,
            deload=deload,
            ledger=ledger,
            constraints=constraints,
            paused=paused,
        )

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
