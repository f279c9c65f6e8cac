"""Value types and their validation: doses, exercises, programs, logs, constraints, goals."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lumbar.model._activity import ActivityGoal as ActivityGoal
    from lumbar.model._constraints import Constraints as Constraints
    from lumbar.model._dose import (
        Dose as Dose,
        Duration as Duration,
        Hold as Hold,
        Intervals as Intervals,
        Reps as Reps,
        dose_minutes as dose_minutes,
    )
    from lumbar.model._exercise import (
        Category as Category,
        Equipment as Equipment,
        Exercise as Exercise,
        Position as Position,
        SpinalLoading as SpinalLoading,
    )
    from lumbar.model._log import ExerciseResult as ExerciseResult, SessionLog as SessionLog
    from lumbar.model._person import Goal as Goal, Risk as Risk
    from lumbar.model._program import (
        Phase as Phase,
        Prescription as Prescription,
        Program as Program,
        RuleRef as RuleRef,
        Session as Session,
        Week as Week,
    )
else:
    from lumbar._base.exports import lazy_exports

    __getattr__, __dir__, __all__ = lazy_exports(
        __name__,
        {
            "_activity": ("ActivityGoal",),
            "_constraints": ("Constraints",),
            "_dose": ("Dose", "Duration", "Hold", "Intervals", "Reps", "dose_minutes"),
            "_exercise": ("Category", "Equipment", "Exercise", "Position", "SpinalLoading"),
            "_log": ("ExerciseResult", "SessionLog"),
            "_person": ("Goal", "Risk"),
            "_program": ("Phase", "Prescription", "Program", "RuleRef", "Session", "Week"),
        },
    )
