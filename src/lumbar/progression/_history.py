"""A track's recent attempts as a stored state keeps them: column by column, compact.

The engine hands rules the latest attempts at an exercise ladder
(``RuleContext.history``, at most `HISTORY_LENGTH` of them). A stored state keeps
exactly those, and nothing else of the program's past: each attempt's fields as one
column each, and the exercises and doses they were given at once each, which the
``exercise`` and ``dose`` columns point into. Attempts at the same exercise and
dose then cost a few bytes each, so a state stays small (a few kilobytes) whatever
the program's length.
"""

from __future__ import annotations

import datetime

import attrs

from lumbar._base import validators as check
from lumbar._base.document import Document
from lumbar._base.trusted import maker
from lumbar.errors import ValidationError
from lumbar.model._dose import DOSE_TYPES, Dose
from lumbar.model._log import PAIN_SCALE_MAX, RPE_SCALE_MAX, reported
from lumbar.model._program import MAX_NOTE_LENGTH, Prescription, prescribed
from lumbar.progression._engine import HISTORY_LENGTH
from lumbar.progression._protocol import MAX_WEEK, Attempt, attempted

_PAIN = check.integer(0, PAIN_SCALE_MAX)


@attrs.frozen(kw_only=True, init=False, repr=False)
class History(Document):
    """The latest attempts at one exercise ladder, oldest first, one column per field.

    Attempt ``i`` was given exercise ``exercises[exercise[i]]`` (with the prescription's
    note ``notes[exercise[i]]``) at dose ``doses[dose[i]]``, in week ``week_index[i]`` (a
    deload week when ``deload[i]``), with the pain at rest before the session
    ``pain_before[i]`` and the date ``date[i]``; its result is ``completed[i]``,
    ``rpe[i]``, ``pain_during[i]``, ``pain_next_day[i]`` and ``done[i]``. Result notes
    are not kept (the rules see none; the app keeps its logs). Every column has one
    entry per attempt, at most `HISTORY_LENGTH`.
    [attempts][lumbar.progression.History.attempts] gives them back as
    [Attempt][lumbar.progression.Attempt] values; [of][lumbar.progression.History.of]
    makes the columns of attempts.
    """

    exercises: tuple[str, ...] = ()
    """The exercise ids of the attempts' prescriptions, each (with its note) once."""
    notes: tuple[str, ...] = ()
    """The prescription note that goes with each of ``exercises``."""
    doses: tuple[Dose, ...] = ()
    """The doses of the attempts' prescriptions, each once, in the order first given."""
    exercise: tuple[int, ...] = ()
    """Per attempt: the index in ``exercises`` (and ``notes``) of its exercise."""
    dose: tuple[int, ...] = ()
    """Per attempt: the index in ``doses`` of its dose."""
    completed: tuple[bool, ...] = ()
    """Per attempt: whether the whole prescription was done."""
    rpe: tuple[float, ...] = ()
    """Per attempt: effort on the Borg CR10 scale, 0-10."""
    pain_during: tuple[int, ...] = ()
    """Per attempt: pain during the exercise, 0-10."""
    pain_next_day: tuple[int, ...] = ()
    """Per attempt: pain the next morning, 0-10."""
    done: tuple[Dose | None, ...] = ()
    """Per attempt: what was done, as a dose of the prescribed kind; None: as prescribed."""
    week_index: tuple[int, ...] = ()
    """Per attempt: the week it was given in, from 0."""
    deload: tuple[bool, ...] = ()
    """Per attempt: whether that week was a deload week."""
    pain_before: tuple[int | None, ...] = ()
    """Per attempt: pain at rest before the session (0-10), when recorded."""
    date: tuple[datetime.date | None, ...] = ()
    """Per attempt: the session's date, when known."""

    def __init__(
        self,
        *,
        exercises: tuple[str, ...] = (),
        notes: tuple[str, ...] = (),
        doses: tuple[Dose, ...] = (),
        exercise: tuple[int, ...] = (),
        dose: tuple[int, ...] = (),
        completed: tuple[bool, ...] = (),
        rpe: tuple[float, ...] = (),
        pain_during: tuple[int, ...] = (),
        pain_next_day: tuple[int, ...] = (),
        done: tuple[Dose | None, ...] = (),
        week_index: tuple[int, ...] = (),
        deload: tuple[bool, ...] = (),
        pain_before: tuple[int | None, ...] = (),
        date: tuple[datetime.date | None, ...] = (),
    ) -> None:
        # Every field checked here, each error reported (values made of checked parts skip
        # this: ``_base.trusted.maker``).
        self.__attrs_init__(
            exercises=exercises,
            notes=notes,
            doses=doses,
            exercise=exercise,
            dose=dose,
            completed=completed,
            rpe=rpe,
            pain_during=pain_during,
            pain_next_day=pain_next_day,
            done=done,
            week_index=week_index,
            deload=deload,
            pain_before=pain_before,
            date=date,
        )
        check.every_field(self, _HISTORY_CHECKS)

    def __attrs_post_init__(self) -> None:
        # What spans the columns is checked however the value is made (the JSON readers too).
        _check_columns(self)

    def __len__(self) -> int:
        return len(self.exercise)

    def attempts(self) -> tuple[Attempt, ...]:
        """The attempts, oldest first, as rules see them (results without notes)."""
        exercises, notes, doses = self.exercises, self.notes, self.doses
        given: dict[tuple[int, int], Prescription] = {}
        found = []
        for which, amount, completed, rpe, during, next_day, done, week, deload, before, day in zip(
            self.exercise,
            self.dose,
            self.completed,
            self.rpe,
            self.pain_during,
            self.pain_next_day,
            self.done,
            self.week_index,
            self.deload,
            self.pain_before,
            self.date,
            strict=True,
        ):
            prescription = given.get((which, amount))
            if prescription is None:
                prescription = given[which, amount] = prescribed(
                    exercises[which], doses[amount], notes[which]
                )
            result = reported(completed, rpe, during, next_day, done)
            attempt = attempted(
                prescription=prescription,
                result=result,
                week_index=week,
                deload=deload,
                pain_before=before,
                date=day,
            )
            found.append(attempt)
        return tuple(found)

    @classmethod
    def of(cls, attempts: tuple[Attempt, ...]) -> History:
        """The columns of ``attempts``: the latest `HISTORY_LENGTH` of them, results without
        notes."""
        attempts = attempts[-HISTORY_LENGTH:]
        exercises: dict[tuple[str, str], int] = {}
        doses: dict[Dose, int] = {}
        which: list[int] = []
        amount: list[int] = []
        for attempt in attempts:
            prescription = attempt.prescription
            which.append(
                exercises.setdefault((prescription.exercise, prescription.note), len(exercises))
            )
            amount.append(doses.setdefault(prescription.dose, len(doses)))
        results = [attempt.result for attempt in attempts]
        # Columns of checked attempts: no second check.
        history: History = _make_history(
            exercises=tuple(exercise for exercise, _ in exercises),
            notes=tuple(note for _, note in exercises),
            doses=tuple(doses),
            exercise=tuple(which),
            dose=tuple(amount),
            completed=tuple(r.completed for r in results),
            rpe=tuple(r.rpe for r in results),
            pain_during=tuple(r.pain_during for r in results),
            pain_next_day=tuple(r.pain_next_day for r in results),
            done=tuple(r.done for r in results),
            week_index=tuple(a.week_index for a in attempts),
            deload=tuple(a.deload for a in attempts),
            pain_before=tuple(a.pain_before for a in attempts),
            date=tuple(a.date for a in attempts),
        )
        return history


_make_history = maker(History)


def _check_columns(history: History) -> None:
    """Every column one entry per attempt; indices into the tables; ``done`` of the dose's kind."""
    if not all(type(getattr(history, name)) is tuple for name in (*_TABLES, *_PER_ATTEMPT)):
        return  # the field checks say what is wrong
    if any(type(index) is not int for index in (*history.exercise, *history.dose)):
        return  # likewise
    errors: list[tuple[str, str]] = []
    count = len(history.exercise)
    for name in _PER_ATTEMPT[1:]:
        found = len(getattr(history, name))
        if found != count:
            errors.append((name, f"must have one entry per attempt ({count}), got {found}"))
    if len(history.notes) != len(history.exercises):
        errors.append(
            (
                "notes",
                f"must have one note per exercise ({len(history.exercises)}), "
                f"got {len(history.notes)}",
            )
        )
    for index, which in enumerate(history.exercise):
        if which >= len(history.exercises):
            errors.append((f"exercise[{index}]", _index_message("exercises", history.exercises)))
    doses = history.doses
    for index, (amount, done) in enumerate(zip(history.dose, history.done, strict=False)):
        if amount >= len(doses):
            errors.append((f"dose[{index}]", _index_message("doses", doses)))
        elif isinstance(done, DOSE_TYPES) and type(done) is not type(doses[amount]):
            errors.append(
                (
                    f"done[{index}]",
                    f"must be a {doses[amount].kind} dose like its prescription, got {done.kind}",
                )
            )
    if errors:
        raise ValidationError(errors)


def _index_message(table: str, entries: tuple[object, ...]) -> str:
    if not entries:
        return f"must be an index in {table}, which is empty"
    return f"must be an index in {table} (0-{len(entries) - 1})"


def _column(item: check.Validator, noun: str = "attempt") -> check.Validator:
    return check.tuple_of(item, max_length=HISTORY_LENGTH, noun=noun)


_HISTORY_CHECKS = check.field_checks(
    History,
    {
        "exercises": _column(check.slug, "exercise"),
        "notes": _column(check.text(0, MAX_NOTE_LENGTH), "note"),
        "doses": _column(check.instance_of(*DOSE_TYPES), "dose"),
        "exercise": _column(check.integer(0, HISTORY_LENGTH - 1)),
        "dose": _column(check.integer(0, HISTORY_LENGTH - 1)),
        "completed": _column(check.boolean),
        "rpe": _column(check.number(0, RPE_SCALE_MAX)),
        "pain_during": _column(_PAIN),
        "pain_next_day": _column(_PAIN),
        "done": _column(check.optional(check.instance_of(*DOSE_TYPES))),
        "week_index": _column(check.integer(0, MAX_WEEK)),
        "deload": _column(check.boolean),
        "pain_before": _column(check.optional(_PAIN)),
        "date": _column(check.optional(check.date)),
    },
)

_TABLES = ("exercises", "notes", "doses")

_PER_ATTEMPT = (
    "exercise",
    "dose",
    "completed",
    "rpe",
    "pain_during",
    "pain_next_day",
    "done",
    "week_index",
    "deload",
    "pain_before",
    "date",
)
