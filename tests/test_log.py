"""Session logs: results and logs validate their input and round-trip through JSON."""

import datetime

import pytest
from hypothesis import given, strategies as st

import lumbar
from lumbar import ExerciseResult, Reps, SessionLog
from lumbar.strategies import exercise_results, session_logs

RESULT = ExerciseResult(completed=True, rpe=4, pain_during=2, pain_next_day=1)


def test_effort_is_a_float_and_pain_an_integer():
    """An integer effort is stored as a float; pain stays an integer on the 0-10 scale."""
    assert RESULT.rpe == 4.0
    assert type(RESULT.rpe) is float
    assert type(RESULT.pain_during) is int
    assert RESULT.done is None


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"completed": 1}, "completed: must be true or false, got int 1"),
        ({"rpe": 11}, "rpe: must be <= 10, got 11"),
        ({"rpe": float("nan")}, "rpe: must be a finite number"),
        ({"rpe": True}, "rpe: must be a number, got bool True"),
        ({"pain_during": -1}, "pain_during: must be >= 0, got -1"),
        ({"pain_next_day": 2.5}, "pain_next_day: must be an integer, got float 2.5"),
        ({"done": "3x10"}, "done: must be a Reps, Hold, Duration or Intervals, or None"),
    ],
)
def test_bad_results_name_the_field(fields, message):
    """Each bad field is reported by name, with the value."""
    values = {"completed": True, "rpe": 3, "pain_during": 1, "pain_next_day": 1, **fields}
    with pytest.raises(
        lumbar.ValidationError, match=message.replace("(", r"\(").replace(")", r"\)")
    ):
        ExerciseResult(**values)


def test_done_takes_a_dose():
    """What was actually done is a dose."""
    done = ExerciseResult(
        completed=False, rpe=6, pain_during=3, pain_next_day=3, done=Reps(sets=2, reps=8)
    )
    assert done.done == Reps(sets=2, reps=8)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"date": "2024-01-01"}, "date: must be a datetime.date, got str"),
        ({"date": datetime.datetime(2024, 1, 1)}, "date: must be a datetime.date, got datetime"),
        ({"results": ()}, "results: must have at least 1 item, got 0"),
        ({"results": (RESULT, "ok")}, "results[1]: must be a ExerciseResult"),
        ({"pain_before": 12}, "pain_before: must be <= 10, got 12"),
    ],
)
def test_bad_logs_name_the_field(fields, message):
    """A log with a bad field fails as a whole, naming the field."""
    values = {"date": datetime.date(2024, 1, 1), "results": (RESULT,), **fields}
    with pytest.raises(
        lumbar.ValidationError, match=message.replace("[", r"\[").replace("]", r"\]")
    ):
        SessionLog(**values)


def test_lists_of_results_become_tuples():
    """Results may be passed as a list."""
    log = SessionLog(date=datetime.date(2024, 1, 1), results=[RESULT, RESULT])
    assert log.results == (RESULT, RESULT)


@given(exercise_results(lumbar.Hold(sets=3, reps=6, seconds=10, reps_drop=2)))
def test_results_round_trip_through_json(result):
    """A result reads back equal, what was done included, effort and pain types kept."""
    again = lumbar.from_json(lumbar.to_json(result), ExerciseResult)
    assert again == result
    assert type(again.rpe) is float


def test_a_result_with_what_was_done_round_trips_through_json():
    """``done`` reads back as the dose it was."""
    result = ExerciseResult(
        completed=False, rpe=6, pain_during=2, pain_next_day=2, done=Reps(sets=2, reps=8)
    )
    assert lumbar.from_json(lumbar.to_json(result), ExerciseResult) == result


@given(session_logs())
def test_logs_round_trip_through_json(log):
    """A log reads back equal, its date included."""
    assert lumbar.from_json(lumbar.to_json(log), SessionLog) == log


@given(st.sampled_from(["rpe", "pain_during", "pain_next_day"]), st.integers(11, 1000))
def test_json_rejects_out_of_scale_values_with_a_path(field, value):
    """Untrusted JSON with a value off the 0-10 scales fails with the field's path."""
    data = lumbar.to_dict(SessionLog(date=datetime.date(2024, 1, 1), results=(RESULT,)))
    data["results"][0][field] = value
    with pytest.raises(lumbar.ValidationError) as caught:
        lumbar.from_dict(data, SessionLog)
    assert caught.value.errors[0][0] == f"results[0].{field}"
