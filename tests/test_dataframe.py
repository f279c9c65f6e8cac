"""lumbar.to_dataframe: shapes and column meanings, checked against the objects themselves."""

from __future__ import annotations

import math

import attrs
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

import lumbar
from lumbar import strategies
from lumbar.formats._tidy import CATALOG_COLUMNS, PROGRAM_COLUMNS, SIMULATION_COLUMNS

CATALOG = lumbar.default_catalog()
DOSE_COLUMNS = [
    "sets",
    "reps",
    "load_kg",
    "seconds",
    "reps_drop",
    "minutes",
    "target_rpe",
    "rounds",
    "work_seconds",
    "rest_seconds",
]


def missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def dose_columns_match(row: pd.Series, dose: lumbar.Dose) -> None:
    """The row holds the dose's fields and leaves the other dose types' columns empty."""
    own = {("target_rpe" if f.name == "rpe" else f.name): f.name for f in attrs.fields(type(dose))}
    assert row["kind"] == dose.kind
    for column in DOSE_COLUMNS:
        if column in own:
            value = getattr(dose, own[column])
            assert missing(row[column]) if value is None else row[column] == value
        else:
            assert missing(row[column]), column


def test_columns_are_those_the_docs_name():
    assert list(PROGRAM_COLUMNS) == [
        "week",
        "session",
        "exercise",
        "ladder",
        "category",
        "kind",
        *DOSE_COLUMNS,
        "volume",
        "deload",
        "phase",
    ]
    assert list(SIMULATION_COLUMNS) == [
        *PROGRAM_COLUMNS,
        "completed",
        "rpe",
        "pain_during",
        "pain_next_day",
        "next_action",
    ]


@settings(max_examples=30)
@given(strategies.programs(CATALOG))
def test_program_frame_has_a_row_per_prescription(program):
    """Row i is prescription i: weeks and sessions from 1, the dose's fields, its ladder."""
    frame = lumbar.to_dataframe(program)
    assert list(frame.columns) == list(PROGRAM_COLUMNS)
    prescriptions = list(program.prescriptions())
    assert len(frame) == len(prescriptions)
    position = 0
    for w, week in enumerate(program.weeks):
        phase = program.phase_of(w)
        for s, session in enumerate(week.sessions):
            for rx in session.prescriptions:
                row = frame.iloc[position]
                position += 1
                assert (row["week"], row["session"]) == (w + 1, s + 1)
                assert row["exercise"] == rx.exercise
                assert row["ladder"] == CATALOG.ladder(rx.exercise)[0].id
                assert row["category"] == CATALOG[rx.exercise].category.value
                dose_columns_match(row, rx.dose)
                assert row["volume"] == rx.dose.volume
                assert row["deload"] == week.deload
                assert missing(row["phase"]) if phase is None else row["phase"] == phase.name


def test_ladder_stays_one_value_when_the_exercise_moves_up(program_and_simulation):
    """A ladder is one group, whichever rung is given: its id is the easiest rung's."""
    _, simulation = program_and_simulation
    frame = lumbar.to_dataframe(simulation)
    for ladder, rows in frame.groupby("ladder"):
        assert {CATALOG.ladder(e)[0].id for e in rows["exercise"]} == {ladder}
    assert (frame.groupby("ladder")["exercise"].nunique() > 1).any()


@pytest.fixture(scope="module")
def program_and_simulation():
    program = lumbar.build_program(lumbar.Profile(screening=lumbar.screen(lumbar.RedFlags())))
    return program, lumbar.simulate(program, lumbar.FlareUp(), seed=3)


def test_planned_program_counts_weeks_from_one_and_names_phases(program_and_simulation):
    program, _ = program_and_simulation
    frame = lumbar.to_dataframe(program)
    assert frame["week"].min() == 1
    assert frame["week"].max() == len(program.weeks) == 26
    assert set(frame["phase"]) == {phase.name for phase in program.phases}
    assert frame.loc[frame["deload"], "week"].unique().tolist() == [
        n for n, week in enumerate(program.weeks, 1) if week.deload
    ]
    assert str(frame["sets"].dtype) == "Int64"
    assert str(frame["load_kg"].dtype) == "float64"


def next_decision(simulation: lumbar.Simulation, record_index: int, exercise: str):
    """The first decision about ``exercise`` made after session ``record_index``, if any."""
    later = [d for record in simulation.records[record_index + 1 :] for d in record.decisions]
    return next(
        (d for d in [*later, *simulation.closing_decisions] if d.exercise == exercise), None
    )


@settings(max_examples=30)
@given(st.data())
def test_simulation_frame_has_a_row_per_prescription_given(data):
    """Row by row: what was given, what came back, and the decision that answered it."""
    catalog = data.draw(strategies.catalogs() | st.just(CATALOG))
    simulation = data.draw(strategies.simulations(catalog))
    frame = lumbar.to_dataframe(simulation, catalog=catalog)
    assert list(frame.columns) == list(SIMULATION_COLUMNS)
    position = 0
    for index, record in enumerate(simulation.records):
        for rx, result in zip(record.session.prescriptions, record.log.results, strict=True):
            row = frame.iloc[position]
            position += 1
            assert (row["week"], row["session"]) == (
                record.week_index + 1,
                record.session_index + 1,
            )
            assert row["exercise"] == rx.exercise
            assert row["ladder"] == catalog.ladder(rx.exercise)[0].id
            dose_columns_match(row, rx.dose)
            assert row["deload"] == simulation.program.weeks[record.week_index].deload
            assert row["completed"] == result.completed
            assert row["rpe"] == result.rpe
            assert (row["pain_during"], row["pain_next_day"]) == (
                result.pain_during,
                result.pain_next_day,
            )
            answer = next_decision(simulation, index, rx.exercise)
            if answer is None:
                assert missing(row["next_action"])
            else:
                assert row["next_action"] == answer.action.value
    assert position == len(frame)


def test_a_painful_session_is_never_followed_by_progress(program_and_simulation):
    """The column a failed, painful session carries says what it led to: never "progress"."""
    _, simulation = program_and_simulation
    frame = lumbar.to_dataframe(simulation)
    painful = frame[frame["pain_during"] > 5]
    assert len(painful) > 10
    assert painful["next_action"].notna().all()
    assert not (painful["next_action"] == "progress").any()
    assert set(painful["next_action"].dropna()) <= {"regress", "hold", "stop", "deload"}


def test_catalog_frame_has_a_row_per_exercise_with_its_bounds():
    frame = lumbar.to_dataframe(CATALOG)
    assert list(frame.columns) == list(CATALOG_COLUMNS)
    assert frame["id"].tolist() == list(CATALOG.ids)
    for exercise, (_, row) in zip(CATALOG, frame.iterrows(), strict=True):
        assert row["name"] == exercise.name
        assert row["category"] == exercise.category.value
        assert row["ladder"] == CATALOG.ladder(exercise.id)[0].id
        assert row["level"] == exercise.level
        assert row["equipment"] == ", ".join(item.value for item in exercise.equipment)
        assert row["kind"] == exercise.dose_type.kind
        for column in CATALOG_COLUMNS[7:]:
            bound, _, field = column.partition("_")
            dose = exercise.min_dose if bound == "min" else exercise.max_dose
            value = getattr(dose, field, None)
            assert missing(row[column]) if value is None else row[column] == value


@given(strategies.catalogs())
def test_any_catalog_has_a_row_per_exercise(catalog):
    frame = lumbar.to_dataframe(catalog)
    assert len(frame) == len(catalog)
    bases = {ladder[0].id for ladder in catalog.ladders()}
    assert set(frame["ladder"]) == bases


def test_other_values_are_refused_by_name():
    with pytest.raises(TypeError, match="to_dataframe takes a Program, Simulation, Catalog"):
        lumbar.to_dataframe(lumbar.RedFlags())  # type: ignore[arg-type]


def test_an_exercise_the_catalog_lacks_is_its_own_ladder():
    rx = lumbar.Prescription(exercise="my-own-drill", dose=lumbar.Reps(sets=1, reps=5))
    program = lumbar.Program(weeks=[lumbar.Week(sessions=[lumbar.Session(prescriptions=[rx])])])
    row = lumbar.to_dataframe(program).iloc[0]
    assert row["ladder"] == "my-own-drill"
    assert missing(row["category"])
