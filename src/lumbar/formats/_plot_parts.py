"""What every figure of ``lumbar.plot`` shares: the palette, shaded deload weeks, phase names.

Imported only by ``lumbar.plot``'s drawers, since they need matplotlib (the notebook extra).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lumbar.model._program import Program

if TYPE_CHECKING:
    from matplotlib.axes import Axes

# Okabe and Ito's palette, which stays distinct for the common kinds of colour-blindness;
# line styles and markers tell lines apart as well, in print and in grey.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
STYLES = ("-", "--", "-.", ":")
MARKERS = ("o", "s", "D", "^", "v", "P", "X")
DELOAD_SHADE = "#d9d9d9"


def backdrop(ax: Axes, program: Program, *, keyed: bool) -> None:
    """Lighter weeks shaded (the first one ``keyed`` in the legend), phase boundaries dashed."""
    label = "Lighter (deload) week" if keyed else None
    for number, week in enumerate(program.weeks, 1):
        if week.deload:
            ax.axvspan(
                number - 0.5, number + 0.5, color=DELOAD_SHADE, alpha=0.6, linewidth=0, label=label
            )
            label = None
    for start in _phase_starts(program)[1:]:
        ax.axvline(start - 0.5, color="#555555", linestyle="--", linewidth=0.8)


def _phase_starts(program: Program) -> list[int]:
    starts, week = [], 1
    for phase in program.phases:
        starts.append(week)
        week += phase.weeks
    return starts


def phase_names(ax: Axes, program: Program) -> None:
    """Each phase's name over its weeks."""
    transform = ax.get_xaxis_transform()
    # About 100 characters of 8-point text fit across the axes of a 9-inch figure.
    per_week = 100 / len(program.weeks)
    for start, phase in zip(_phase_starts(program), program.phases, strict=True):
        ax.text(
            start - 0.4,
            1.02,
            short(phase.name, int(phase.weeks * per_week)),
            transform=transform,
            fontsize=8,
            va="bottom",
        )


def clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def short(text: str, width: int) -> str:
    """The text on at most two lines of ``width`` characters, cut short if longer."""
    import textwrap

    lines = textwrap.wrap(text, max(width, 8))
    if len(lines) > 2:
        lines = [lines[0], lines[1][: max(width, 8) - 1] + "…"]
    return "\n".join(lines)
