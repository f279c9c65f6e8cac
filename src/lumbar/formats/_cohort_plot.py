"""``lumbar.plot`` of a cohort: how pain and each ladder went, week by week, across patients.

A clinician reads three things: how much it hurt (the median patient's worst pain of
each week, with the middle half and the middle 80 % of patients around it, against
the pain limit), how many patients went over the limit each week, and how far up
each ladder patients climbed (the rung given last that week, named). Percentiles come
from the cohort's weekly counts, so the figure is exact whatever the cohort's size.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from lumbar.content._catalog import Catalog
from lumbar.formats._plot_parts import COLOURS, backdrop, clip, phase_names
from lumbar.formats._tidy import Ladders
from lumbar.simulation._cohort import Cohort

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# Orange is pain's colour and black the limit's; the ladders take the others in turn.
LADDER_COLOURS = tuple(colour for index, colour in enumerate(COLOURS) if index not in (1, 6))
BANDS = ((0.10, 0.90, 0.18, "Middle 80% of patients"), (0.25, 0.75, 0.35, "Middle half"))
"""The spread bands drawn around each median: percentiles, shade, legend label."""


def percentile(counts: tuple[int, ...], share: float) -> float:
    """The lowest value (an index of ``counts``) that at least ``share`` of the patients
    are at or below; NaN when nobody was counted."""
    total = sum(counts)
    if not total:
        return math.nan
    running = 0
    for value, count in enumerate(counts):
        running += count
        if running >= share * total:
            return float(value)
    return float(len(counts) - 1)  # pragma: no cover - running reaches total


def plot_cohort(cohort: Cohort, catalog: Catalog) -> Figure:
    """The figure of a cohort (see ``lumbar.plot``)."""
    from matplotlib.ticker import MaxNLocator

    from lumbar.formats import _figure

    ladders = [key for key in cohort.ladders if len(cohort.weeks[0].rungs[key]) > 1]
    columns = 2 if len(ladders) > 1 else 1
    rows = math.ceil(len(ladders) / columns)
    figure = _figure.Figure(figsize=(10, 4.6 + 2.0 * rows), layout="constrained")
    grid = figure.add_gridspec(2 + rows, columns, height_ratios=[2.6, 1.2, *[1.9] * rows])
    pain = figure.add_subplot(grid[0, :])
    over = figure.add_subplot(grid[1, :], sharex=pain)
    axes: list[Axes] = [pain, over]
    for index in range(len(ladders)):
        axes.append(figure.add_subplot(grid[2 + index // columns, index % columns], sharex=pain))
    for index, ax in enumerate(axes):  # first, so that the shade lies behind what is drawn
        backdrop(ax, cohort.program, keyed=index == 0)
    _pain_panel(pain, cohort)
    _over_panel(over, cohort)
    names = Ladders(catalog)
    for index, (ladder, ax) in enumerate(zip(ladders, axes[2:], strict=True)):
        _ladder_panel(ax, cohort, ladder, names, LADDER_COLOURS[index % len(LADDER_COLOURS)])
    weeks = len(cohort.weeks)
    for ax in axes:
        ax.set_xlim(0.5, weeks + 0.5)
        ax.grid(axis="y", color="#cccccc", linewidth=0.6)
        ax.set_axisbelow(True)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    for ax in axes[-columns:]:
        ax.set_xlabel("Week")
    pain.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    over.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    phase_names(pain, cohort.program)
    patients = len(cohort.patients)
    title = cohort.program.title or "Simulated cohort"
    figure.suptitle(
        f"{title}: {patients:,} patient{'' if patients == 1 else 's'}",
        fontsize=12,
        fontweight="bold",
    )
    return figure


def _spread(ax: Axes, weeks: range, series: list[tuple[int, ...]], colour: str) -> None:
    """The median of each week's counts as a line, and the bands of `BANDS` around it."""
    for low, high, alpha, label in BANDS:
        ax.fill_between(
            weeks,
            [percentile(counts, low) for counts in series],
            [percentile(counts, high) for counts in series],
            step="mid",
            color=colour,
            alpha=alpha,
            linewidth=0,
            label=label,
        )
    ax.step(
        weeks,
        [percentile(counts, 0.5) for counts in series],
        where="mid",
        color=colour,
        linewidth=2,
        label="Median patient",
    )


def _pain_panel(ax: Axes, cohort: Cohort) -> None:
    weeks = range(1, len(cohort.weeks) + 1)
    _spread(ax, weeks, [week.pain for week in cohort.weeks], COLOURS[1])
    limit = cohort.pain_limit
    ax.axhline(limit, color="black", linestyle="--", linewidth=1, label=f"Pain limit ({limit}/10)")
    ax.set_ylim(-0.3, 10.3)
    ax.set_yticks(range(0, 11, 2))
    ax.set_ylabel("Worst pain of the week\n(0-10, during or next morning)")


def _over_panel(ax: Axes, cohort: Cohort) -> None:
    """Share of the week's patients over the limit; and who is still going, when some stopped."""
    weeks = range(1, len(cohort.weeks) + 1)
    limit = cohort.pain_limit
    shares = [
        100 * sum(week.pain[limit + 1 :]) / week.patients if week.patients else math.nan
        for week in cohort.weeks
    ]
    ax.bar(weeks, shares, width=0.7, color=COLOURS[1], alpha=0.7, label="Over the pain limit")
    everyone = len(cohort.patients)
    going = [100 * week.patients / everyone for week in cohort.weeks]
    if min(going) < 100:
        ax.plot(weeks, going, color="black", linewidth=1.4, label="Still in the program")
    ax.set_ylim(0, 105)
    ax.set_ylabel("% of the week's\npatients")


def _ladder_panel(ax: Axes, cohort: Cohort, ladder: str, names: Ladders, colour: str) -> None:
    """The rung given last each week: median and bands, the rungs named on the left."""
    series = [week.rungs[ladder] for week in cohort.weeks]
    _spread(ax, range(1, len(series) + 1), series, colour)
    rungs = len(series[0])
    rung_ids = (
        [exercise.id for exercise in names.catalog.ladder(ladder)]
        if ladder in names.catalog and len(names.catalog.ladder(ladder)) == rungs
        else [f"rung {number}" for number in range(rungs)]
    )
    ax.set_yticks(range(rungs))
    ax.set_yticklabels([clip(names.name(rung), 22) for rung in rung_ids], fontsize=7)
    ax.set_ylim(-0.5, rungs - 0.5)
    ax.set_title(f"{names.name(ladder)}: rung given", fontsize=9, loc="left")
