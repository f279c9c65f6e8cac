"""``lumbar.plot``: a program's planned volume, or a simulation's volume and pain, by week.

matplotlib is the optional extra ``lumbar[notebook]``, imported only when a figure is
drawn. Figures are made with ``matplotlib.figure.Figure``, not pyplot: nothing is
kept in pyplot's global list of figures and nothing is shown; Jupyter displays the
returned figure (see ``_figure``), and ``figure.savefig(path)`` writes it.
"""

from __future__ import annotations

import functools
import itertools
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from lumbar.content._catalog import Catalog, default_catalog
from lumbar.formats._plot_parts import (
    COLOURS,
    MARKERS,
    STYLES,
    backdrop,
    clip,
    phase_names,
)
from lumbar.formats._tidy import Ladders
from lumbar.model._program import Program
from lumbar.simulation._cohort import Cohort
from lumbar.simulation._simulate import Simulation

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# Each dose type's volume has its own unit, so each unit gets its own panel.
_PANELS: dict[str, tuple[str, Callable[[float], float]]] = {
    "reps": ("Repetitions a week", lambda volume: volume),
    "hold": ("Seconds held a week", lambda volume: volume),
    "duration": ("Minutes a week", lambda volume: volume),
    # Walk-run intervals share the aerobic panel: their volume is seconds of work (jogging).
    "intervals": ("Minutes a week", lambda volume: volume / 60),
}


def plot(obj: Program | Simulation | Cohort, *, catalog: Catalog | None = None) -> Figure:
    """A matplotlib ``Figure`` of a program, a simulation or a cohort, week by week.

    For a [Program][lumbar.model.Program]: the planned volume of each exercise
    ladder over the weeks, one panel per unit (repetitions, seconds held, minutes;
    walk-run intervals count their minutes of jogging), with each move to another
    rung of a ladder marked (▲ harder, ▼ easier, with the new exercise's name).
    For a [Simulation][lumbar.simulation.Simulation]: the volume actually given,
    the same way, and a last panel with the highest pain of each session, during
    the exercises and the next morning (0-10). Lighter (deload) weeks are shaded
    grey; phases are separated by dashed lines and named at the top.

    For a [Cohort][lumbar.simulation.Cohort]: the worst pain of each week (during or the
    next morning) of the median patient, with bands for the middle half and the middle
    80% of patients, against the pain limit; the share of patients over the limit each
    week (and of those still in the program, when some stopped); and for each ladder of
    more than one rung, the rung given last each week (median and bands), its rungs
    named. Each week counts the patients who had a session in it.

    Lines are named after each ladder's first exercise in ``catalog`` (by default
    the built-in one). The figure is not shown: Jupyter displays it when it is the
    cell's value, and ``figure.savefig("program.png")`` saves it. Needs matplotlib
    (``pip install "lumbar[notebook]"``).
    """
    draw = _drawers().get(type(obj))
    if draw is None:
        supported = ", ".join(kind.__name__ for kind in _drawers())
        raise TypeError(f"plot takes a {supported}; got {type(obj).__name__}")
    return draw(obj, default_catalog() if catalog is None else catalog)


@functools.cache
def _drawers() -> dict[type, Callable[[Any, Catalog], Figure]]:
    """How each type is drawn."""
    from lumbar.formats._cohort_plot import plot_cohort

    return {Program: _plot_program, Simulation: _plot_simulation, Cohort: plot_cohort}


def _plot_program(program: Program, catalog: Catalog) -> Figure:
    from lumbar.formats._tidy import program_rows

    title = program.title or "Planned volume by week"
    return _figure(program, program_rows(program, catalog), catalog, title, pain=False)


def _plot_simulation(simulation: Simulation, catalog: Catalog) -> Figure:
    from lumbar.formats._tidy import simulation_rows

    title = f"Simulated: {simulation.program.title or 'volume and pain by week'}"
    rows = simulation_rows(simulation, catalog)
    return _figure(simulation.program, rows, catalog, title, pain=True)


def _figure(
    program: Program, rows: list[dict[str, Any]], catalog: Catalog, title: str, *, pain: bool
) -> Figure:
    from lumbar.formats import _figure

    ladders = Ladders(catalog)
    units = list(dict.fromkeys(_PANELS[row["kind"]][0] for row in rows))
    count = len(units) + pain
    figure = _figure.Figure(figsize=(9, 1.0 + 2.1 * count), layout="constrained")
    axes = figure.subplots(count, 1, sharex=True, squeeze=False)[:, 0]
    weeks = len(program.weeks)
    for ax, unit in zip(axes, units, strict=False):
        _volume_panel(ax, unit, rows, ladders)
    if pain:
        _pain_panel(axes[-1], rows, program)
    for index, ax in enumerate(axes):
        backdrop(ax, program, keyed=index == 0)
        ax.set_xlim(0.5, weeks + 0.5)
        ax.grid(axis="y", color="#cccccc", linewidth=0.6)
        ax.set_axisbelow(True)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    phase_names(axes[0], program)
    axes[-1].set_xlabel("Week")
    axes[-1].xaxis.get_major_locator().set_params(integer=True)
    figure.suptitle(title, fontsize=12, fontweight="bold")
    return figure


def _volume_panel(
    ax: Axes,
    unit: str,
    rows: list[dict[str, Any]],
    ladders: Ladders,
) -> None:
    """One line per ladder: the volume given each week, rung changes marked.

    Each line of a panel differs from the others in colour, line style and marker,
    so that lines lying on top of each other still show.
    """
    volume: dict[str, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    rungs: dict[str, dict[int, str]] = defaultdict(dict)
    first: dict[str, str] = {}
    for row in rows:
        label, scale = _PANELS[row["kind"]]
        if label != unit:
            continue
        ladder = row["ladder"]
        volume[ladder][row["week"]] += scale(row["volume"])
        rungs[ladder][row["week"]] = row["exercise"]  # the last rung given that week
        first.setdefault(ladder, row["exercise"])
    labels: list[tuple[int, float]] = []  # where names of new rungs already stand
    for index, (ladder, by_week) in enumerate(volume.items()):
        weeks = sorted(by_week)
        colour = COLOURS[index % len(COLOURS)]
        ax.plot(
            weeks,
            [by_week[w] for w in weeks],
            color=colour,
            linestyle=STYLES[index % len(STYLES)],
            marker=MARKERS[index % len(MARKERS)],
            markersize=3,
            linewidth=1.6,
            label=ladders.name(first[ladder]),
        )
        _rung_changes(ax, weeks, by_week, rungs[ladder], colour, ladders, labels)
    jogging = any(row["kind"] == "intervals" for row in rows)
    ax.set_ylabel(f"{unit}\n(walk-run: jogging)" if unit == "Minutes a week" and jogging else unit)
    ax.set_ylim(bottom=0)
    ax.margins(y=0.15)


def _rung_changes(
    ax: Axes,
    weeks: list[int],
    volume: dict[int, float],
    rungs: dict[int, str],
    colour: str,
    ladders: Ladders,
    labels: list[tuple[int, float]],
) -> None:
    """A triangle where a ladder's rung changes (up: harder), with the new rung's name.

    A name that would stand on another one (within three weeks, at about the same
    height) is moved up or down by a line, as often as needed.
    """
    top = max(volume.values())
    for before, week in itertools.pairwise(weeks):
        old, new = rungs[before], rungs[week]
        if old == new:
            continue
        harder = ladders.rung(new) > ladders.rung(old)
        crowd = sum(
            abs(week - other) <= 3 and abs(volume[week] - height) <= 0.12 * top
            for other, height in labels
        )
        labels.append((week, volume[week]))
        ax.plot(
            [week],
            [volume[week]],
            marker="^" if harder else "v",
            markersize=9,
            color=colour,
            markeredgecolor="black",
            linestyle="none",
        )
        ax.annotate(
            clip(ladders.name(new), 24),
            (week, volume[week]),
            xytext=(5, (5 + 9 * crowd) if harder else (-11 - 9 * crowd)),
            textcoords="offset points",
            fontsize=7,
            color="black",
        )


def _pain_panel(ax: Axes, rows: list[dict[str, Any]], program: Program) -> None:
    """The highest pain of each session, during and the next morning, placed within its week."""
    sessions: dict[tuple[int, int], tuple[int, int]] = {}
    for row in rows:
        key = (row["week"], row["session"])
        during, after = sessions.get(key, (0, 0))
        sessions[key] = (max(during, row["pain_during"]), max(after, row["pain_next_day"]))
    places = []
    for week, session in sessions:
        count = len(program.weeks[week - 1].sessions)
        places.append(week - 0.5 + (session - 0.5) / max(count, session))
    ax.plot(
        places,
        [during for during, _ in sessions.values()],
        color=COLOURS[1],
        marker="o",
        markersize=3,
        linewidth=1.4,
        label="Pain during (highest of the session)",
    )
    ax.plot(
        places,
        [after for _, after in sessions.values()],
        color=COLOURS[0],
        linestyle="--",
        marker="s",
        markersize=3,
        linewidth=1.4,
        label="Pain the next morning",
    )
    ax.set_ylim(0, 10.5)
    ax.set_yticks(range(0, 11, 2))
    ax.set_ylabel("Pain (0-10)")
