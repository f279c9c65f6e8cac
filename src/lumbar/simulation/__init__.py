"""Virtual patients, the simulation of programs under the progression rules, and cohorts."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lumbar.simulation._as_planned import AsPlanned as AsPlanned
    from lumbar.simulation._cohort import Cohort as Cohort
    from lumbar.simulation._cohort_run import simulate_cohort as simulate_cohort
    from lumbar.simulation._patients import (
        FlareUp as FlareUp,
        NonAdherent as NonAdherent,
        Plateau as Plateau,
        Responder as Responder,
        SteadyImprover as SteadyImprover,
        VirtualPatient as VirtualPatient,
    )
    from lumbar.simulation._simulate import (
        SessionRecord as SessionRecord,
        Simulation as Simulation,
        simulate as simulate,
        simulate_many as simulate_many,
    )
    from lumbar.simulation._summaries import (
        CohortSummary as CohortSummary,
        CohortWeek as CohortWeek,
        LadderEnd as LadderEnd,
        PatientSummary as PatientSummary,
        Spread as Spread,
    )
else:
    from lumbar._base.exports import lazy_exports

    __getattr__, __dir__, __all__ = lazy_exports(
        __name__,
        {
            "_as_planned": ("AsPlanned",),
            "_cohort": ("Cohort",),
            "_cohort_run": ("simulate_cohort",),
            "_patients": (
                "FlareUp",
                "NonAdherent",
                "Plateau",
                "Responder",
                "SteadyImprover",
                "VirtualPatient",
            ),
            "_simulate": ("SessionRecord", "Simulation", "simulate", "simulate_many"),
            "_summaries": ("CohortSummary", "CohortWeek", "LadderEnd", "PatientSummary", "Spread"),
        },
    )
