"""Cohorts: what [lumbar.simulate_cohort][lumbar.simulation.simulate_cohort] keeps of each patient.

A cohort keeps a small summary per patient and, per week, how many patients had
each level of pain and stood on each rung of each ladder: counts, which add up the
same in whatever order chunks of patients arrive. No simulation is kept, so a
cohort of 100,000 patients fits in a few tens of megabytes.
"""

from __future__ import annotations

from typing import Any

import attrs

from lumbar._base import validators as check
from lumbar._base.display import Displayed
from lumbar._base.document import Document
from lumbar.errors import ValidationError
from lumbar.model._program import Program
from lumbar.simulation._summaries import (
    CohortSummary,
    CohortWeek,
    PatientSummary,
    patient_rows,
    summarize,
)


@attrs.frozen(kw_only=True, repr=False)
class Cohort(Displayed, Document):
    """The outcome of [lumbar.simulate_cohort][lumbar.simulation.simulate_cohort].

    ``patients`` holds one [PatientSummary][lumbar.simulation.PatientSummary] per seed, in
    the seeds' order; ``weeks`` one [CohortWeek][lumbar.simulation.CohortWeek] per week of
    the program. The same program, patient, seeds and rules make an equal cohort however
    they were run: in one process or many, in chunks of any size.
    """

    program: Program = attrs.field(validator=check.instance_of(Program))
    """The program simulated, with the rules used as references when they can be written so."""
    pain_limit: int = attrs.field(validator=check.integer(0, 10))
    """The pain limit counted against: the rule stack's pain gate's (the strictest, when
    several), else the pain gate's default, 5/10."""
    patients: tuple[PatientSummary, ...] = attrs.field(
        converter=check.to_tuple,
        validator=check.tuple_of(check.instance_of(PatientSummary), min_length=1),
    )
    """One summary per patient, in the order of the seeds."""
    weeks: tuple[CohortWeek, ...] = attrs.field(
        converter=check.to_tuple,
        validator=check.tuple_of(check.instance_of(CohortWeek), min_length=1),
    )
    """One entry per week of the program, counting the patients who got there."""

    def __attrs_post_init__(self) -> None:
        weeks = len(self.program.weeks)
        if len(self.weeks) != weeks:
            raise ValidationError.single(
                "weeks",
                f"must have one entry per week of the program ({weeks}), got {len(self.weeks)}",
            )
        shapes = {key: len(counts) for key, counts in self.weeks[0].rungs.items()}
        for index, week in enumerate(self.weeks):
            if {key: len(counts) for key, counts in week.rungs.items()} != shapes:
                raise ValidationError.single(
                    f"weeks[{index}].rungs", "must count the same ladders and rungs every week"
                )
        for index, patient in enumerate(self.patients):
            if patient.weeks_done > weeks:
                raise ValidationError.single(
                    f"patients[{index}].weeks_done",
                    f"must be at most the program's {weeks} weeks, got {patient.weeks_done}",
                )

    @property
    def ladders(self) -> tuple[str, ...]:
        """The program's ladders, by the id of each one's easiest exercise, in order."""
        return tuple(self.weeks[0].rungs)

    @property
    def seeds(self) -> tuple[int, ...]:
        """The seeds, in order."""
        return tuple(patient.seed for patient in self.patients)

    def summary(self) -> CohortSummary:
        """The cohort in a few figures: counts, and the quartiles of each patient figure."""
        return summarize(self.patients, self.ladders, self.pain_limit, len(self.weeks))

    def rows(self) -> list[dict[str, Any]]:
        """One flat row per patient, in seed order, for tables and CSV files.

        See [lumbar.to_dataframe][lumbar.formats.to_dataframe] for the columns.
        """
        return patient_rows(self.patients, self.ladders)
