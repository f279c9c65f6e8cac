"""The patient a plan is made for: everything done as planned.

Its own module, apart from the random virtual patients: the program builder runs
the rules for this patient on every build, and needs nothing else from here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from lumbar._base.display import Shown
from lumbar.model._log import ExerciseResult
from lumbar.model._program import Prescription

if TYPE_CHECKING:
    from lumbar.simulation._patients import Responder

AS_PLANNED_EFFORT = 4
"""A moderate effort: the middle of the 3-5 band of the Borg CR10 scale in which the rules
progress (`borg-cr10`)."""

AS_PLANNED_RESULT = ExerciseResult(
    completed=True, rpe=AS_PLANNED_EFFORT, pain_during=0, pain_next_day=0
)
"""The result of every session done as planned: all of it, at effort 4/10, without pain."""


def _as_planned(prescription: Prescription, week_index: int) -> ExerciseResult:
    return AS_PLANNED_RESULT


@attrs.frozen(kw_only=True, repr=False)
class AsPlanned(Shown):
    """Someone for whom everything goes to plan: the course a program is planned for.

    Every prescription is completed at a moderate effort of 4/10 (the middle of the
    3-5 band of the Borg CR10 scale in which the rules progress, `borg-cr10`), with
    no pain during it or the next morning. The rules then progress whenever they
    may, so [lumbar.simulate][lumbar.simulation.simulate] with this patient gives the
    rules' forecast: ``lumbar.simulate(program, lumbar.AsPlanned()).program`` is the
    program as the rules would run it.
    [lumbar.build_program][lumbar.planning.build_program] plans exactly this forecast.
    The seed changes nothing: there is no randomness.
    """

    def responder(self, seed: int) -> Responder:
        """The planned course (the same for every seed)."""
        return _as_planned
