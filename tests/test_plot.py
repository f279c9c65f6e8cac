"""lumbar.plot: figures are made, saved and checked for what a reader needs (not pixels)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # no window, whatever the machine's default backend

import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

import lumbar

CATALOG = lumbar.default_catalog()


@pytest.fixture(scope="module")
def program() -> lumbar.Program:
    return lumbar.build_program(
        lumbar.Profile(
            screening=lumbar.screen(lumbar.RedFlags()),
            goal=lumbar.Goal.RETURN_TO_JOGGING,
        )
    )


@pytest.fixture(scope="module")
def simulation(program) -> lumbar.Simulation:
    return lumbar.simulate(program, lumbar.FlareUp(), seed=3)


def deload_spans(ax) -> int:
    return sum(isinstance(patch, Rectangle) for patch in ax.patches)


def rung_markers(ax) -> int:
    return sum(line.get_marker() in ("^", "v") and line.get_markersize() > 5 for line in ax.lines)


def week_rung_changes(frame) -> int:
    """How many times a ladder's last rung of a week differs from the week before's."""
    last = frame.groupby(["ladder", "week"])["exercise"].last()
    return sum((rungs.shift() != rungs).sum() - 1 for _, rungs in last.groupby(level="ladder"))


def test_simulation_figure_has_volume_panels_and_a_pain_panel(simulation, tmp_path):
    figure = lumbar.plot(simulation)
    assert isinstance(figure, Figure)
    path = tmp_path / "simulation.png"
    figure.savefig(path)
    assert path.stat().st_size > 10_000
    axes = figure.get_axes()
    frame = lumbar.to_dataframe(simulation)
    units = {"reps": "Repetitions a week", "hold": "Seconds held a week"}
    expected = {units.get(kind, "Minutes a week") for kind in frame["kind"]}
    assert [ax.get_ylabel().split("\n")[0] for ax in axes[:-1]] == sorted(
        expected, key=[units.get(k, "Minutes a week") for k in frame["kind"]].index
    )
    assert axes[-1].get_ylabel() == "Pain (0-10)"
    assert axes[-1].get_ylim() == (0, 10.5)
    assert axes[-1].get_xlabel() == "Week"
    assert figure.get_suptitle().startswith("Simulated")


def test_every_ladder_has_a_named_line(simulation):
    figure = lumbar.plot(simulation)
    frame = lumbar.to_dataframe(simulation)
    names = {CATALOG[e].name for e in frame.groupby("ladder")["exercise"].first()}
    labels = {line.get_label() for ax in figure.get_axes()[:-1] for line in ax.lines}
    assert names <= labels
    legends = {t.get_text() for ax in figure.get_axes() for t in ax.get_legend().get_texts()}
    assert names <= legends
    assert "Lighter (deload) week" in legends


def test_volume_lines_follow_the_frame(simulation):
    """Each ladder's line is its weekly volume, as to_dataframe sums it."""
    figure = lumbar.plot(simulation)
    frame = lumbar.to_dataframe(simulation)
    weekly = frame.groupby(["ladder", "week"])["volume"].sum()
    first = frame.groupby("ladder")["exercise"].first()
    for ax in figure.get_axes()[:-1]:
        for line in ax.lines:
            ladder = next(
                (lad for lad, e in first.items() if CATALOG[e].name == line.get_label()), None
            )
            if ladder is None:
                continue
            kinds = set(frame.loc[frame["ladder"] == ladder, "kind"])
            if kinds & {"duration", "intervals"}:
                continue  # walk-run minutes are scaled; checked through their unit above
            expected = weekly[ladder]
            assert list(line.get_xdata()) == list(expected.index)
            assert list(line.get_ydata()) == list(expected.values)


def test_rung_changes_are_marked_and_deload_weeks_shaded(simulation):
    figure = lumbar.plot(simulation)
    frame = lumbar.to_dataframe(simulation)
    axes = figure.get_axes()
    assert sum(rung_markers(ax) for ax in axes) == week_rung_changes(frame) > 0
    deloads = sum(week.deload for week in simulation.program.weeks)
    assert all(deload_spans(ax) == deloads for ax in axes)


def test_pain_panel_shows_each_session_during_and_next_morning(simulation):
    pain = lumbar.plot(simulation).get_axes()[-1]
    during, morning = pain.lines[:2]
    sessions = len(simulation.records)
    assert len(during.get_xdata()) == len(morning.get_xdata()) == sessions
    highest = max(r.pain_during for log in simulation.logs for r in log.results)
    assert max(during.get_ydata()) == highest


def test_program_figure_has_no_pain_panel(program, tmp_path):
    figure = lumbar.plot(program)
    figure.savefig(tmp_path / "program.png")
    labels = [ax.get_ylabel() for ax in figure.get_axes()]
    assert "Pain (0-10)" not in labels
    assert "Minutes a week\n(walk-run: jogging)" in labels  # the walking and walk-run ladder
    texts = {t.get_text().replace("\n", " ") for t in figure.get_axes()[0].texts}
    for phase in program.phases:
        assert any(text.rstrip("…") in phase.name or phase.name in text for text in texts)


def test_other_values_are_refused_by_name():
    with pytest.raises(TypeError, match="plot takes a Program, Simulation"):
        lumbar.plot(lumbar.default_catalog())  # type: ignore[arg-type]


def test_jupyter_shows_the_figure_without_pyplot(program):
    """A cell ending in lumbar.plot(...) shows a picture: IPython's PNG formatter finds one."""
    from IPython.core.formatters import PNGFormatter

    picture = PNGFormatter()(lumbar.plot(program))
    assert isinstance(picture, bytes)
    assert picture.startswith(b"\x89PNG")


def test_no_figure_is_left_in_pyplot(simulation):
    """Figures are not registered with pyplot: nothing accumulates across calls."""
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    lumbar.plot(simulation)
    assert plt.get_fignums() == before
