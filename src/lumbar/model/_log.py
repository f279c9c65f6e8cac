"""Session logs: what a person did and how it felt, the input of every progression rule."""

from __future__ import annotations

import datetime

import attrs

from lumbar._base import validators as check
from lumbar._base.document import Document
from lumbar._base.trusted import maker
from lumbar.model._dose import DOSE_TYPES, Dose

_optional_dose = check.optional(check.instance_of(*DOSE_TYPES))


PAIN_SCALE_MAX = 10
"""Pain is rated on the 0-10 numeric rating scale (`farrar-2001-pain`)."""

RPE_SCALE_MAX = 10
"""Effort is rated on the Borg CR10 scale, 0-10 (`borg-cr10`)."""

MAX_RESULT_NOTE_LENGTH = 2000
"""The longest note a result may carry (a plausibility bound)."""

# Each named number below -> the registry ids behind it (docs/evidence.md; a test checks).
EVIDENCE = {
    "PAIN_SCALE_MAX": ("farrar-2001-pain",),
    "RPE_SCALE_MAX": ("borg-cr10",),
    "MAX_RESULT_NOTE_LENGTH": ("design-technical-limit",),
}

_PAIN = check.integer(0, PAIN_SCALE_MAX)


@attrs.frozen(kw_only=True, init=False, repr=False)
class ExerciseResult(Document):
    """How one prescription went.

    ``rpe`` is the effort on the Borg CR10 scale (0 nothing at all, about 3
    moderate, 5 hard, 7 very hard, 10 maximal; `borg-cr10`). ``pain_during`` and
    ``pain_next_day`` are pain on the 0-10 numeric rating scale during the
    exercise and the next morning. ``done`` is what was actually done, as a dose
    of the prescribed kind; None means as prescribed (when ``completed``) or not
    recorded.

    >>> ExerciseResult(completed=True, rpe=4, pain_during=2, pain_next_day=1).rpe
    4.0
    """

    completed: bool
    """Whether the whole prescription was done."""
    rpe: float
    """Effort on the Borg CR10 scale, 0-10 (`borg-cr10`)."""
    pain_during: int
    """Pain during the exercise, 0-10 numeric rating scale."""
    pain_next_day: int
    """Pain the next morning, 0-10 numeric rating scale."""
    done: Dose | None = None
    """What was actually done, as a dose of the prescribed kind; None: as prescribed, or not
    recorded."""
    note: str = ""
    """Free text from the person or their clinician."""

    def __init__(
        self,
        *,
        completed: bool,
        rpe: float,
        pain_during: int,
        pain_next_day: int,
        done: Dose | None = None,
        note: str = "",
    ) -> None:
        # Every field checked here, each error reported (values made of checked parts skip
        # this: `reported`).
        self.__attrs_init__(
            completed=completed,
            rpe=check.exact_float(rpe),
            pain_during=pain_during,
            pain_next_day=pain_next_day,
            done=done,
            note=note,
        )
        check.every_field(self, _RESULT_CHECKS)


_RESULT_CHECKS = check.field_checks(
    ExerciseResult,
    {
        "completed": check.boolean,
        "rpe": check.number(0, RPE_SCALE_MAX),
        "pain_during": _PAIN,
        "pain_next_day": _PAIN,
        "done": _optional_dose,
        "note": check.text(0, MAX_RESULT_NOTE_LENGTH),
    },
)

_make_result = maker(ExerciseResult)


def reported(
    completed: bool, rpe: float, during: int, next_day: int, done: Dose | None = None
) -> ExerciseResult:
    """An `ExerciseResult` of parts already checked, with no note (the engine's history keeps
    none; a virtual patient writes none): the effort made a float, as the constructor does."""
    return _make_result(completed, float(rpe), during, next_day, done, "")


@attrs.frozen(kw_only=True, init=False, repr=False)
class SessionLog(Document):
    """The results of one session, one per prescription and in the session's order.

    ``pain_before`` is the pain at rest before the session (0-10), when recorded;
    the pain-monitoring gate compares next-morning pain with it.
    """

    date: datetime.date
    """The day of the session."""
    results: tuple[ExerciseResult, ...]
    """One result per prescription, in the session's order."""
    pain_before: int | None = None
    """Pain at rest before the session, 0-10, when recorded."""

    def __init__(
        self,
        *,
        date: datetime.date,
        results: tuple[ExerciseResult, ...] | list[ExerciseResult],
        pain_before: int | None = None,
    ) -> None:
        # Every field checked here, each error reported (values made of checked parts skip
        # this: ``_base.trusted.maker``).
        if isinstance(results, list):
            results = tuple(results)
        self.__attrs_init__(date=date, results=results, pain_before=pain_before)
        check.every_field(self, _LOG_CHECKS)


_LOG_CHECKS = check.field_checks(
    SessionLog,
    {
        "date": check.date,  # a day: a datetime (a date subclass) is refused
        "results": check.tuple_of(check.instance_of(ExerciseResult), min_length=1),
        "pain_before": check.optional(_PAIN),
    },
)

logged = maker(SessionLog)
"""A `SessionLog` of parts already checked (``date``, ``results``, ``pain_before``), as
the engine's runs write them: a template's date, results made or checked by lumbar."""
