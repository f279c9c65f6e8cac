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
from lumbar.simulation._simulate import Simulation

if TYPE_CHECKING:
    import pandas

_Rows = Callable[[Any, Catalog], list[dict[str, Any]]]


def to_dataframe(
    obj: Program | Simulation | Catalog, *, catalog: Catalog | None = None
) -> pandas.DataFrame:
    """A tidy ``pandas.DataFrame`` of a program, a simulation or a catalog.

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
    import pandas as pd

    used = obj if isinstance(obj, Catalog) else default_catalog() if catalog is None else catalog
    frame = pd.DataFrame(rows(obj, used), columns=list(columns))
    return frame.astype({name: kind for name, kind in _dtypes().items() if name in columns})


@functools.cache
def _frames() -> dict[type, tuple[_Rows, tuple[str, ...]]]:
    """The rows and columns of each type (a Cohort joins here with the cohort issue)."""
    from lumbar.formats import _tidy

    return {
        Program: (_tidy.program_rows, _tidy.PROGRAM_COLUMNS),
        Simulation: (_tidy.simulation_rows, _tidy.SIMULATION_COLUMNS),
        Catalog: (lambda catalog, _: _tidy.catalog_rows(catalog), _tidy.CATALOG_COLUMNS),
    }


@functools.cache
def _dtypes() -> dict[str, str]:
    """Column types where pandas would guess wrong: whole numbers that may be missing
    stay whole (pandas' nullable ``Int64``), decimals are ``float64``."""
    from lumbar.formats._tidy import CATALOG_COLUMNS, column_of

    kinds: dict[str, str] = {"rpe": "float64"}
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
