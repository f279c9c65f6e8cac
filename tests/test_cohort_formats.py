"""A cohort as a table (a row per patient) and as a figure (medians and bands, week by week)."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")  # no window, whatever the machine's default backend

import pandas as pd
import pytest
from hypothesis import given, settings

import lumbar
from lumbar import strategies

CATALOG = lumbar.default_catalog()


@pytest.fixture(scope="module")
def program() -> lumbar.Program:
    return lumbar.build_program(lumbar.Profile(screening=lumbar.screen(lumbar.RedFlags())))


@pytest.fixture(scope="module")
def cohort(program) -> lumbar.Cohort:
    return lumbar.simulate_cohort(program, lumbar.FlareUp(flare_week=3, noise=1.2), range(30))


# --- to_dataframe ----------------------------------------------------------------------


def test_frame_has_a_row_per_patient_with_the_documented_columns(cohort):
    frame = lumbar.to_dataframe(cohort)
    assert list(frame["seed"]) == list(range(30))
    others = [f"decisions_{a.value}" for a in lumbar.Action if a.value not in ("stop", "pause")]
    per_ladder = [
        f"{ladder}_{part}"
        for ladder in cohort.ladders
        for part in ("rung", "exercise", "dose", "stopped")
    ]
    assert list(frame.columns) == [
        "seed",
        "weeks_done",
        "ended_early",
        "stops",
        "pauses",
        *others,
        "weeks_over_limit",
        "peak_pain",
        "mean_pain",
        "adherence",
        *per_ladder,
    ]
    assert str(frame[f"{cohort.ladders[0]}_rung"].dtype) == "Int64"


@settings(max_examples=30)
@given(strategies.cohorts())
def test_each_row_holds_its_patients_figures(cohort):
    frame = lumbar.to_dataframe(cohort)
    assert len(frame) == len(cohort.patients)
    for (_, row), patient in zip(frame.iterrows(), cohort.patients, strict=True):
        assert row["seed"] == patient.seed
        assert row["stops"] == patient.decisions["stop"]
        assert row["pauses"] == patient.pauses
        assert row["weeks_over_limit"] == patient.weeks_over_limit
        assert row["mean_pain"] == patient.mean_pain
        for action, count in patient.decisions.items():
            column = {"stop": "stops", "pause": "pauses"}.get(action, f"decisions_{action}")
            assert row[column] == count
        ends = {end.ladder: end for end in patient.ladders}
        for ladder in cohort.ladders:
            if ladder in ends:
                assert row[f"{ladder}_rung"] == ends[ladder].rung
                assert row[f"{ladder}_exercise"] == ends[ladder].exercise
                assert bool(row[f"{ladder}_stopped"]) is ends[ladder].stopped
            else:
                assert pd.isna(row[f"{ladder}_rung"])


def test_two_cohorts_pair_up_by_seed(program, cohort):
    cautious = lumbar.WeeklyCap(
        inner=lumbar.PainGate(inner=lumbar.default_rule().inner.inner, limit=3)
    )
    other = lumbar.simulate_cohort(
        program, lumbar.FlareUp(flare_week=3, noise=1.2), range(30), rule=cautious
    )
    paired = lumbar.to_dataframe(cohort).merge(
        lumbar.to_dataframe(other), on="seed", suffixes=("_default", "_cautious")
    )
    assert len(paired) == 30
    assert (paired["stops_cautious"] >= 0).all()
    assert other.pain_limit == 3


# --- plot ------------------------------------------------------------------------------


def _percentile(counts, share):
    """The same percentile, the long way: every patient's value, sorted."""
    values = sorted(value for value, count in enumerate(counts) for _ in range(count))
    if not values:
        return math.nan
    return float(values[max(0, math.ceil(share * len(values)) - 1)])


def _clipped(name):
    return name if len(name) <= 22 else name[:21] + "…"


def _same(first, second):
    return all(
        (math.isnan(a) and math.isnan(b)) or a == b for a, b in zip(first, second, strict=True)
    )


def test_figure_shows_weekly_pain_against_the_limit_and_each_ladder(cohort, tmp_path):
    figure = lumbar.plot(cohort)
    path = tmp_path / "cohort.png"
    figure.savefig(path)
    assert path.stat().st_size > 10_000
    pain, over, *ladders = figure.get_axes()
    assert pain.get_ylabel().startswith("Worst pain of the week")
    assert over.get_ylabel().startswith("% of the week")
    limits = [line for line in pain.lines if line.get_label().startswith("Pain limit")]
    assert [tuple(line.get_ydata()) for line in limits] == [(cohort.pain_limit,) * 2]
    median = next(line for line in pain.lines if line.get_label() == "Median patient")
    assert _same(median.get_ydata(), [_percentile(week.pain, 0.5) for week in cohort.weeks])
    climbing = [key for key in cohort.ladders if len(cohort.weeks[0].rungs[key]) > 1]
    assert len(ladders) == len(climbing)
    for ax, key in zip(ladders, climbing, strict=True):
        names = [label.get_text() for label in ax.get_yticklabels()]
        assert names == [_clipped(rung.name) for rung in CATALOG.ladder(key)]
        line = next(line for line in ax.lines if line.get_label() == "Median patient")
        expected = [_percentile(week.rungs[key], 0.5) for week in cohort.weeks]
        assert _same(line.get_ydata(), expected)
    assert "30 patients" in figure.get_suptitle()


def test_over_the_limit_bars_are_the_weekly_shares(cohort):
    figure = lumbar.plot(cohort)
    over = figure.get_axes()[1]
    heights = [
        bar.get_height() for bar in over.patches if bar.get_label() != "Lighter (deload) week"
    ]
    limit = cohort.pain_limit
    expected = [100 * sum(w.pain[limit + 1 :]) / w.patients for w in cohort.weeks]
    assert heights[-len(expected) :] == pytest.approx(expected)
    assert any(expected)  # the flare-up takes some patients over the limit


@settings(max_examples=20)
@given(strategies.cohorts())
def test_any_cohort_can_be_drawn(cohort):
    figure = lumbar.plot(cohort)
    assert figure.get_axes()[0].get_ylim() == (-0.3, 10.3)
