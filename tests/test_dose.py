"""Doses: validation on construction, volume, bounds."""

import math

import attrs
import pytest
from hypothesis import given, strategies as st

import lumbar
from lumbar import Duration, Hold, Intervals, Reps, strategies
from lumbar.model._dose import dose_minutes, out_of_bounds


@pytest.mark.parametrize(
    ("build", "path", "message"),
    [
        (lambda: Reps(sets=0, reps=10), "sets", "must be >= 1, got 0"),
        (lambda: Reps(sets=3, reps=101), "reps", "must be <= 100, got 101"),
        (lambda: Reps(sets=True, reps=10), "sets", "must be an integer, got bool True"),
        (lambda: Reps(sets=3, reps=10.0), "reps", "must be an integer, got float 10.0"),
        (lambda: Reps(sets=3, reps=10, load_kg=-1.0), "load_kg", "must be >= 0, got -1.0"),
        (lambda: Reps(sets=3, reps=10, load_kg=float("nan")), "load_kg", "finite"),
        (lambda: Reps(sets=3, reps=10, load_kg="5"), "load_kg", "must be a number"),
        (lambda: Hold(sets=3, reps=6, seconds=0), "seconds", "must be >= 1, got 0"),
        (lambda: Hold(sets=3, reps=4, seconds=10, reps_drop=2), "reps_drop", "leaves 0 holds"),
        (lambda: Duration(minutes=0), "minutes", "must be >= 1, got 0"),
        (lambda: Duration(minutes=10, rpe=11), "rpe", "must be <= 10, got 11"),
        (lambda: Intervals(rounds=5, work_seconds=60, rest_seconds=-1), "rest_seconds", ">= 0"),
    ],
)
def test_invalid_doses_name_field_and_value(build, path, message):
    """Every rejected dose says which field is wrong and what it got."""
    with pytest.raises(lumbar.ValidationError) as caught:
        build()
    assert caught.value.errors[0][0] == path
    assert message in caught.value.errors[0][1]
    assert str(caught.value).startswith(f"{path}: ")


def test_validation_error_is_value_error_and_lumbar_error():
    """Callers may catch ValueError or LumbarError."""
    with pytest.raises(ValueError, match="sets"):
        Reps(sets=0, reps=1)
    assert issubclass(lumbar.ValidationError, lumbar.LumbarError)


def test_integer_load_becomes_float():
    """An integer load is accepted losslessly and stored as a float."""
    dose = Reps(sets=2, reps=8, load_kg=20)
    assert dose.load_kg == 20.0
    assert type(dose.load_kg) is float


def test_reverse_pyramid():
    """6-4-2 is three sets dropping two holds a set."""
    dose = Hold(sets=3, reps=6, seconds=10, reps_drop=2)
    assert dose.reps_per_set == (6, 4, 2)
    assert dose.volume == 120


@given(strategies.doses())
def test_volume_is_positive_and_integral(dose):
    """Every dose has a positive whole-number volume."""
    assert type(dose.volume) is int
    assert dose.volume >= 1


@given(strategies.doses())
def test_dose_is_within_its_own_bounds(dose):
    """A dose is inside the interval from itself to itself."""
    assert out_of_bounds(dose, dose, dose) == []


@given(strategies.reps(loaded=False), st.integers(1, 50))
def test_out_of_bounds_reports_excess(dose, extra):
    """A dose above the maximum is reported, naming the field."""
    bigger = Reps(sets=dose.sets, reps=min(100, dose.reps + extra))
    if bigger.reps != dose.reps:
        assert any("reps" in problem for problem in out_of_bounds(bigger, dose, dose))


@given(strategies.doses())
def test_dose_minutes_positive(dose):
    """Planning time is positive for every dose."""
    assert dose_minutes(dose) > 0
    assert dose_minutes(dose, per_side=True) >= dose_minutes(dose)


@given(strategies.doses())
def test_doses_are_frozen_values(dose):
    """Equal doses hash alike, and no field can be changed after construction."""
    copy = attrs.evolve(dose)
    assert copy == dose
    assert hash(copy) == hash(dose)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        dose.sets = 1


@pytest.mark.parametrize(
    "make",
    [
        lambda zero: Reps(sets=1, reps=1, load_kg=zero),
        lambda zero: lumbar.ExerciseResult(
            completed=True, rpe=zero, pain_during=0, pain_next_day=0
        ),
    ],
)
def test_minus_zero_is_stored_as_zero(make):
    """-0.0 equals 0.0 but would write as "-0.0": one value, one JSON text."""
    value = make(-0.0)
    stored = value.load_kg if isinstance(value, Reps) else value.rpe
    assert math.copysign(1.0, stored) == 1.0
    assert lumbar.to_json(value) == lumbar.to_json(make(0.0))
