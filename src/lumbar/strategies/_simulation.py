"""Hypothesis strategies for simulations.

Re-exported by [lumbar.strategies][]; importing this module needs hypothesis.
"""

from __future__ import annotations

from hypothesis import strategies as st

from lumbar.content._catalog import Catalog
from lumbar.simulation._simulate import Simulation, simulate
from lumbar.strategies._model import catalogs
from lumbar.strategies._progression import program_templates, responders


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
