"""``lumbar.to_dataframe``: programs, simulations and catalogs as tidy pandas DataFrames.

pandas is the optional extra ``lumbar[notebook]``, imported only when a frame is made.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from lumbar.content._catalog import Catalog, default_catalog
from lumbar.model._dose import DOSE_TYPES
from lumbar.model._program import Program
from lumbar.simulation._cohort import Cohort
from lumbar.simulation._simulate import Simulation

if TYPE_CHECKING:
    import pandas

_Rows = Callable[[Any, Catalog], list[dict[str, Any]]]
_Columns = tuple[str, ...] | Callable[[Any], tuple[str, ...]]
"""A type's columns, or how to read them from an object (a cohort's depend on its ladders)."""


def to_dataframe(
    obj: Program | Simulation | Catalog | Cohort, *, catalog: Catalog | None = None
) -> pandas.DataFrame:
    """A tidy ``pandas.DataFrame`` of a program, a simulation, a catalog or a cohort.

    One row per prescription of a [Program][lumbar.model.Program], in order, with
    these columns:

    - `week`, `session`: where it is given, counted from 1.
    - `exercise`: the exercise id.
    - `ladder`: the id of the easiest rung of the exercise's ladder, the same
      whichever rung is given, so that a ladder stays one line in a plot.
    - `category`: `stabilization`, `stretch`, `strength` or `aerobic`.
    - `kind`: the dose type, `reps`, `hold`, `duration` or `intervals`.
    - `sets`, `reps`, `load_kg`, `seconds`, `reps_drop`, `minutes`, `target_rpe`,
      `rounds`, `work_seconds`, `rest_seconds`: the dose's fields, empty where the
      dose type has no such field (`target_rpe` is a `Duration`'s `rpe`).
    - `volume`: repetitions, seconds held, minutes, or seconds of work.
    - `deload`: whether the week is a planned lighter week.
    - `phase`: the name of the week's phase, empty without phases.

    One row per prescription given in a [Simulation][lumbar.simulation.Simulation]:
    the same columns (`session` is the session's place in its template week), then
    the person's result, `completed`, `rpe` (the effort reported), `pain_during`
    and `pain_next_day`, and `next_action`: what the rules decided for the exercise
    *after* this session, in answer to this result (after a painful session it is
    `regress` or `hold`, never `progress`); empty when the program ended before the
    exercise came back.

    One row per exercise of a [Catalog][lumbar.content.Catalog]: `id`, `name`,
    `category`, `ladder`, `level`, `equipment` (what it needs, comma separated,
    empty for nothing), `kind`, and `min_<field>` and `max_<field>`, the bounds of
    each size field of its dose type (`sets`, `reps`, `load_kg`, `seconds`,
    `minutes`, `rounds`, `work_seconds`; empty for the fields of other types).

    One row per patient of a [Cohort][lumbar.simulation.Cohort], in seed order:
    `seed`, `weeks_done`, `ended_early`, `stops` and `pauses` (decisions whose action
    is `stop` or `pause`), `decisions_<action>` for each other action (`progress`,
    `hold`, `regress`, `deload`), `weeks_over_limit`, `peak_pain`, `mean_pain`,
    `adherence` (see [PatientSummary][lumbar.simulation.PatientSummary]), then for each
    ladder of the program, by the id of its easiest exercise: `<ladder>_rung` (0 for
    the easiest), `<ladder>_exercise`, `<ladder>_dose` (readable) and
    `<ladder>_stopped`, where the ladder ended for that patient (empty for a ladder the
    patient never reached). Rows pair up across cohorts by `seed`.

    Names and ladders come from ``catalog`` (by default the built-in one); an
    exercise it lacks is its own ladder, with no category. Whole numbers that may
    be missing use pandas' nullable `Int64`. Needs pandas
    (``pip install "lumbar[notebook]"``).

    >>> import lumbar
    >>> screening = lumbar.screen(lumbar.RedFlags())
    >>> program = lumbar.build_program(lumbar.Profile(screening=screening))
    >>> frame = lumbar.to_dataframe(program)
    >>> int(frame["week"].min()), int(frame["week"].max())
    (1, 26)
    """
    chosen = _frames().get(type(obj))
    if chosen is None:
        supported = ", ".join(kind.__name__ for kind in _frames())
        raise TypeError(f"to_dataframe takes a {supported}; got {type(obj).__name__}")
    rows, columns = chosen
    if callable(columns):
        columns = columns(obj)
    import pandas as pd

    used = obj if isinstance(obj, Catalog) else default_catalog() if catalog is None else catalog
    frame = pd.DataFrame(rows(obj, used), columns=list(columns))
    kinds = _dtypes()
    typed = {name: kinds[_kind_of(name)] for name in columns if _kind_of(name) in kinds}
    return frame.astype(typed)


def _kind_of(column: str) -> str:
    """The name a column's type is listed under: a cohort's ladder columns by their part."""
    ladder, _, part = column.rpartition("_")
    return f"ladder_{part}" if ladder and part in ("rung", "stopped") else column


@functools.cache
def _frames() -> dict[type, tuple[_Rows, _Columns]]:
    """The rows and columns of each type."""
    from lumbar.formats import _tidy
    from lumbar.simulation._summaries import patient_columns

    return {
        Program: (_tidy.program_rows, _tidy.PROGRAM_COLUMNS),
        Simulation: (_tidy.simulation_rows, _tidy.SIMULATION_COLUMNS),
        Catalog: (lambda catalog, _: _tidy.catalog_rows(catalog), _tidy.CATALOG_COLUMNS),
        Cohort: (
            lambda cohort, _: cohort.rows(),
            lambda cohort: patient_columns(cohort.ladders),
        ),
    }


@functools.cache
def _dtypes() -> dict[str, str]:
    """Column types where pandas would guess wrong: whole numbers that may be missing
    stay whole (pandas' nullable ``Int64``), decimals are ``float64``."""
    from lumbar.formats._tidy import CATALOG_COLUMNS, column_of

    # A cohort's ladder columns are empty for a patient who never reached the ladder.
    kinds: dict[str, str] = {"rpe": "float64", "ladder_rung": "Int64", "ladder_stopped": "boolean"}
    for dose_type in DOSE_TYPES:
        for field, hint in typing.get_type_hints(dose_type).items():
            if field != "kind":
                decimal = hint is float or float in typing.get_args(hint)
                kinds[column_of(field)] = "float64" if decimal else "Int64"
    for column in CATALOG_COLUMNS:
        bound, _, field = column.partition("_")
        if bound in ("min", "max"):
            kinds[column] = kinds[field]
    return kinds
