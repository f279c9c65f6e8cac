"""Hypothesis strategies for simulations.

Re-exported by [lumbar.strategies][]; importing this module needs hypothesis.
"""

from __future__ import annotations

from hypothesis import strategies as st

from lumbar.content._catalog import Catalog
from lumbar.simulation._cohort import Cohort
from lumbar.simulation._cohort_run import simulate_cohort
from lumbar.simulation._patients import (
    FlareUp,
    NonAdherent,
    Plateau,
    SteadyImprover,
    VirtualPatient,
)
from lumbar.simulation._simulate import Simulation, simulate
from lumbar.simulation._summaries import CohortSummary
from lumbar.strategies._model import catalogs
from lumbar.strategies._progression import program_templates
from lumbar.strategies._responders import responders
from lumbar.strategies._rules import rule_stacks


@st.composite
def simulations(
    draw: st.DrawFn, catalog: Catalog | None = None, *, max_weeks: int = 6
) -> Simulation:
    """Simulations of program templates (see `program_templates`) against responders.

    Without a ``catalog`` one is drawn with `catalogs`; the simulation runs against
    it, so pass the same catalog to whatever reads the simulation's exercises. The
    responders are random ones, always-easy ones and the virtual patients, seeded,
    so the runs include pain, missed sessions, ladder moves and stops.
    """
    if catalog is None:
        catalog = draw(catalogs())
    program = draw(program_templates(catalog, max_weeks=max_weeks))
    return simulate(program, draw(responders()), catalog=catalog)


def virtual_patients() -> st.SearchStrategy[VirtualPatient]:
    """Every kind of built-in virtual patient, with any valid parameters.

    Pain at rest up to 8/10 and flare-ups of up to 6 points, so that some runs go
    over the pain limit, regress and stop.
    """
    pain = st.floats(0, 8, allow_nan=False).map(lambda x: round(x, 1))
    rate = st.floats(0, 0.2, allow_nan=False).map(lambda x: round(x, 3))
    noise = st.floats(0, 2, allow_nan=False).map(lambda x: round(x, 2))
    common = {"baseline_pain": pain, "weekly_gain": rate, "pain_decline": rate, "noise": noise}
    return st.one_of(
        st.builds(SteadyImprover, **common),
        st.builds(Plateau, **common, plateau_week=st.integers(0, 10)),
        st.builds(
            FlareUp,
            **common,
            flare_week=st.integers(0, 6),
            flare_weeks=st.integers(1, 4),
            flare_pain=st.floats(0, 6, allow_nan=False).map(lambda x: round(x, 1)),
        ),
        st.builds(NonAdherent, **common, adherence=st.floats(0, 1, allow_nan=False)),
    )


@st.composite
def cohorts(
    draw: st.DrawFn, catalog: Catalog | None = None, *, max_weeks: int = 4, max_patients: int = 6
) -> Cohort:
    """Small cohorts: a program template, a virtual patient and a few seeds, simulated.

    The rules are the default stack or a drawn built-in stack (so pain limits vary),
    and the chunk size is drawn too; as for [lumbar.strategies.simulations][], the
    cohort runs against ``catalog``, drawn when not given.
    """
    if catalog is None:
        catalog = draw(catalogs(max_ladders=3))
    program = draw(program_templates(catalog, max_weeks=max_weeks))
    seeds = draw(st.lists(st.integers(-(2**40), 2**40), min_size=1, max_size=max_patients))
    return simulate_cohort(
        program,
        draw(virtual_patients()),
        seeds,
        rule=draw(st.none() | rule_stacks()),
        catalog=catalog,
        chunk_size=draw(st.none() | st.integers(1, max_patients)),
    )


def cohort_summaries() -> st.SearchStrategy[CohortSummary]:
    """The summaries of [lumbar.strategies.cohorts][]."""
    return cohorts().map(Cohort.summary)
