"""Patient summaries: what a cohort keeps of each simulated patient, and of the cohort.

The per-patient figures (`PatientSummary`, with a `LadderEnd` per ladder), the
weekly counts (`CohortWeek`), and the cohort in a few figures (`CohortSummary`
with a `Spread` per figure), which is what a command line prints.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from lumbar._base import validators as check
from lumbar._base.document import Document
from lumbar._base.frozen import FrozenDict
from lumbar.errors import ValidationError
from lumbar.model._dose import DOSE_TYPES, Dose, describe
from lumbar.model._program import MAX_WEEKS
from lumbar.progression._decision import Action

PAIN_LEVELS = 11
"""Pain is counted on the 0-10 numeric rating scale: eleven levels."""


def action_names() -> tuple[str, ...]:
    """The value of every action, in ``lumbar.Action``'s order (read when asked, not stored)."""
    return tuple(action.value for action in Action)


def _by_action(value: object) -> object:
    """Converter: counts for every action, in Action's order, 0 for an action not given."""
    if not isinstance(value, Mapping):
        return value
    names = action_names()
    if type(value) is FrozenDict and tuple(value) == names:
        return value  # already complete and in order (simulate_cohort shares these)
    counts = {name: value.get(name, 0) for name in names}
    counts.update((key, count) for key, count in value.items() if key not in counts)
    return FrozenDict(counts)


def _check_by_action_validator() -> check.Validator:
    return check.mapping_of(check.one_of(action_names()), check.integer(0))


# Counts by action: each key an action's name, each count a whole number >= 0.
_check_by_action = _check_by_action_validator()


_check_dose = check.instance_of(*DOSE_TYPES)


@attrs.frozen(kw_only=True)
class LadderEnd:
    """Where one ladder of the program ended for one patient: the last prescription given on it."""

    ladder: str = attrs.field(validator=check.slug)
    """The id of the ladder's easiest exercise, whichever rung was given."""
    exercise: str = attrs.field(validator=check.slug)
    """The id of the rung given last."""
    rung: int = attrs.field(validator=check.integer(0))
    """That rung's place on its ladder, 0 for the easiest."""
    dose: Dose = attrs.field(validator=_check_dose)
    """The dose given last."""
    stopped: bool = attrs.field(default=False, validator=check.boolean)
    """True when the rules stopped this exercise."""


@attrs.frozen(kw_only=True)
class PatientSummary:
    """One simulated patient of a cohort, in a few figures.

    A prescription's *pain* is the higher of the pain during it and the next
    morning: what the pain gate checks. Skipped prescriptions count with the pain
    their patient reported.
    """

    seed: int = attrs.field(validator=check.integer())
    """The seed that made this patient (``patient.responder(seed)``)."""
    weeks_done: int = attrs.field(validator=check.integer(1, MAX_WEEKS))
    """How many weeks had at least one session."""
    ended_early: bool = attrs.field(validator=check.boolean)
    """True when every exercise of the coming weeks was stopped before the program's end."""
    decisions: Mapping[str, int] = attrs.field(converter=_by_action, validator=_check_by_action)
    """How many decisions the rules made, by action (``"progress"``, ``"hold"``, ...), each
    action of ``lumbar.Action`` present, 0 when it was never made."""
    weeks_over_limit: int = attrs.field(validator=check.integer(0, MAX_WEEKS))
    """Weeks in which some prescription's pain was over the cohort's pain limit."""
    peak_pain: int = attrs.field(validator=check.integer(0, 10))
    """The highest pain of any prescription, 0-10."""
    mean_pain: float = attrs.field(converter=check.exact_float, validator=check.number(0, 10))
    """The mean pain over every prescription given, 0-10."""
    adherence: float = attrs.field(converter=check.exact_float, validator=check.number(0, 1))
    """The share of prescriptions completed as given, 0-1."""
    ladders: tuple[LadderEnd, ...] = attrs.field(
        converter=check.to_tuple, validator=check.tuple_of(check.instance_of(LadderEnd))
    )
    """Where each ladder the patient was given ended, in the program's order."""

    @property
    def stops(self) -> int:
        """How many decisions stopped an exercise (action ``"stop"``)."""
        return self.decisions.get("stop", 0)

    @property
    def pauses(self) -> int:
        """How many decisions paused an exercise (action ``"pause"``; 0 while lumbar has none)."""
        return self.decisions.get("pause", 0)


def _counts(value: object) -> object:
    """Converter: a list of counts becomes a tuple."""
    return tuple(value) if isinstance(value, list) else value


def _rung_counts(value: object) -> object:
    """Converter: a mapping of ladders to counts becomes a FrozenDict of tuples."""
    if not isinstance(value, Mapping) or type(value) is FrozenDict:
        return value
    return FrozenDict((key, _counts(counts)) for key, counts in value.items())


_check_rung_counts = check.mapping_of(check.slug, check.tuple_of(check.integer(0), min_length=1))
"""Ladders by the id of their easiest exercise, each with its counts of patients by rung."""


def _are_counts(value: object) -> bool:
    return type(value) is tuple and all(type(c) is int and c >= 0 for c in value)


_check_pain_counts = check.tuple_of(
    check.integer(0), min_length=PAIN_LEVELS, max_length=PAIN_LEVELS, noun="count"
)


@attrs.frozen(kw_only=True)
class CohortWeek:
    """One week of a cohort: how many patients had each level of pain and stood on each rung."""

    pain: tuple[int, ...] = attrs.field(converter=_counts, validator=_check_pain_counts)
    """Patients by the highest pain of their week: ``pain[3]`` had at most 3/10, and 3/10 at
    least once. Patients who had no session this week are not counted."""
    rungs: Mapping[str, tuple[int, ...]] = attrs.field(
        converter=_rung_counts, validator=_check_rung_counts
    )
    """For each ladder of the program (by the id of its easiest exercise), patients by the
    rung given last this week: ``rungs["curl-up"][0]`` were on the easiest."""

    @property
    def patients(self) -> int:
        """How many patients had at least one session this week."""
        return sum(self.pain)


@attrs.frozen(kw_only=True)
class Spread:
    """A figure across patients: its median and quartiles (half the patients lie between)."""

    q1: float = attrs.field(converter=check.exact_float, validator=check.number())
    """The lower quartile: a quarter of the patients are at or below it."""
    median: float = attrs.field(converter=check.exact_float, validator=check.number())
    """The median: half the patients are at or below it."""
    q3: float = attrs.field(converter=check.exact_float, validator=check.number())
    """The upper quartile: three quarters of the patients are at or below it."""

    def __attrs_post_init__(self) -> None:
        if not self.q1 <= self.median <= self.q3:
            raise ValidationError.single(
                "median", f"must lie between q1 and q3, got {self.q1}, {self.median}, {self.q3}"
            )

    @classmethod
    def of(cls, values: Iterable[float]) -> Spread:
        """The spread of some values (at least one); the quartiles include the extremes."""
        data = sorted(values)
        if len(data) == 1:
            return cls(q1=data[0], median=data[0], q3=data[0])
        q1, median, q3 = statistics.quantiles(data, n=4, method="inclusive")
        return cls(q1=q1, median=median, q3=q3)


_check_spreads = check.mapping_of(check.slug, check.instance_of(Spread))


_COUNT = check.integer(0)
_SPREAD = check.instance_of(Spread)


@attrs.frozen(kw_only=True, repr=False)
class CohortSummary(Document):
    """A cohort in a few figures, as a command line prints it: counts, and quartiles.

    Made by [Cohort.summary][lumbar.simulation.Cohort.summary]; the figures of each
    patient are those of [PatientSummary][lumbar.simulation.PatientSummary].
    """

    patients: int = attrs.field(validator=check.integer(1))
    """How many patients were simulated."""
    weeks: int = attrs.field(validator=check.integer(1, MAX_WEEKS))
    """The program's length in weeks."""
    pain_limit: int = attrs.field(validator=check.integer(0, 10))
    """The pain limit the figures count against, 0-10."""
    ended_early: int = attrs.field(validator=_COUNT)
    """Patients whose every exercise was stopped before the program's end."""
    stopped: int = attrs.field(validator=_COUNT)
    """Patients with at least one exercise stopped."""
    paused: int = attrs.field(validator=_COUNT)
    """Patients with at least one exercise paused."""
    decisions: Mapping[str, int] = attrs.field(converter=_by_action, validator=_check_by_action)
    """Every patient's decisions added up, by action."""
    weeks_done: Spread = attrs.field(validator=_SPREAD)
    """Weeks with at least one session."""
    weeks_over_limit: Spread = attrs.field(validator=_SPREAD)
    """Weeks with pain over the limit."""
    peak_pain: Spread = attrs.field(validator=_SPREAD)
    """Each patient's highest pain, 0-10."""
    mean_pain: Spread = attrs.field(validator=_SPREAD)
    """Each patient's mean pain, 0-10."""
    adherence: Spread = attrs.field(validator=_SPREAD)
    """Each patient's share of prescriptions completed, 0-1."""
    final_rungs: Mapping[str, Spread] = attrs.field(
        converter=check.to_frozen_dict, validator=_check_spreads
    )
    """For each ladder, the rung given last (0 for the easiest), over the patients given it."""


def summarize(
    patients: tuple[PatientSummary, ...], ladders: tuple[str, ...], pain_limit: int, weeks: int
) -> CohortSummary:
    """The summary of a cohort's patients (see `CohortSummary`)."""
    totals = dict.fromkeys(action_names(), 0)
    for patient in patients:
        for action, count in patient.decisions.items():
            totals[action] += count
    rungs: dict[str, list[int]] = {ladder: [] for ladder in ladders}
    for patient in patients:
        for end in patient.ladders:
            rungs[end.ladder].append(end.rung)
    return CohortSummary(
        patients=len(patients),
        weeks=weeks,
        pain_limit=pain_limit,
        ended_early=sum(patient.ended_early for patient in patients),
        stopped=sum(patient.stops > 0 for patient in patients),
        paused=sum(patient.pauses > 0 for patient in patients),
        decisions=totals,
        weeks_done=Spread.of(patient.weeks_done for patient in patients),
        weeks_over_limit=Spread.of(patient.weeks_over_limit for patient in patients),
        peak_pain=Spread.of(patient.peak_pain for patient in patients),
        mean_pain=Spread.of(patient.mean_pain for patient in patients),
        adherence=Spread.of(patient.adherence for patient in patients),
        final_rungs={ladder: Spread.of(values) for ladder, values in rungs.items() if values},
    )


# The actions with a column of their own; the others are counted as ``decisions_<action>``.
_NAMED_COUNTS = {"stop": "stops", "pause": "pauses"}
LADDER_PARTS = ("rung", "exercise", "dose", "stopped")
"""The columns of each ladder, after its id: ``curl-up_rung``, ``curl-up_exercise``, ..."""


def patient_columns(ladders: tuple[str, ...]) -> tuple[str, ...]:
    """The columns of a cohort's rows, in order."""
    return (
        "seed",
        "weeks_done",
        "ended_early",
        "stops",
        "pauses",
        *(f"decisions_{name}" for name in action_names() if name not in _NAMED_COUNTS),
        "weeks_over_limit",
        "peak_pain",
        "mean_pain",
        "adherence",
        *(f"{ladder}_{part}" for ladder in ladders for part in LADDER_PARTS),
    )


def patient_rows(
    patients: tuple[PatientSummary, ...], ladders: tuple[str, ...]
) -> list[dict[str, Any]]:
    """One row per patient (see `patient_columns`); a ladder not given is left empty (None)."""
    empty = {f"{ladder}_{part}": None for ladder in ladders for part in LADDER_PARTS}
    rows = []
    for patient in patients:
        row: dict[str, Any] = {
            "seed": patient.seed,
            "weeks_done": patient.weeks_done,
            "ended_early": patient.ended_early,
            "stops": patient.stops,
            "pauses": patient.pauses,
        }
        for name, count in patient.decisions.items():
            if name not in _NAMED_COUNTS:
                row[f"decisions_{name}"] = count
        row.update(
            weeks_over_limit=patient.weeks_over_limit,
            peak_pain=patient.peak_pain,
            mean_pain=patient.mean_pain,
            adherence=patient.adherence,
        )
        row.update(empty)
        for end in patient.ladders:
            ladder = end.ladder
            row[f"{ladder}_rung"] = end.rung
            row[f"{ladder}_exercise"] = end.exercise
            row[f"{ladder}_dose"] = describe(end.dose)
            row[f"{ladder}_stopped"] = end.stopped
        rows.append(row)
    return rows
