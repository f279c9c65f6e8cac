"""JSON: exact round trips, strict types, and errors that name every bad field."""

import json

import pytest
from hypothesis import given, strategies as st

import lumbar
from lumbar import (
    Duration,
    Hold,
    Intervals,
    Phase,
    Prescription,
    Program,
    Reps,
    Session,
    ValidationError,
    Week,
    from_dict,
    from_json,
    strategies as lst,
    to_dict,
    to_json,
)
from lumbar.evidence import Reference

ROUND_TRIPS = [
    (lst.doses(), Reps | Hold | Duration | Intervals),
    (lst.reps(), Reps),
    (lst.holds(), Hold),
    (lst.durations(), Duration),
    (lst.intervals(), Intervals),
    (lst.prescriptions(), Prescription),
    (lst.sessions(), Session),
    (lst.weeks(), Week),
    (lst.phases(), Phase),
    (lst.programs(), Program),
    (lst.exercises(), lumbar.Exercise),
    (lst.evidence_references(), Reference),
    (lst.catalogs(), lumbar.Catalog),
]


@pytest.mark.parametrize(("strategy", "cls"), ROUND_TRIPS, ids=lambda v: getattr(v, "__name__", ""))
@given(data=st.data())
def test_round_trip_is_exact(strategy, cls, data):
    """Every public type survives dict and JSON round trips unchanged."""
    obj = data.draw(strategy)
    target = type(obj)
    assert from_dict(to_dict(obj), target) == obj
    assert from_json(to_json(obj), target) == obj
    assert from_json(to_json(obj, indent=2), target) == obj


@given(lst.programs())
def test_to_json_matches_to_dict(program):
    """The fast encoder writes exactly what encoding to_dict would."""
    expected = json.dumps(to_dict(program), ensure_ascii=False, separators=(",", ":"))
    assert to_json(program) == expected
    assert json.loads(to_json(program)) == to_dict(program)


def test_dose_json_is_flat_with_kind_tag():
    """The documented dose format, field names fixed."""
    assert to_dict(Reps(sets=3, reps=10)) == {
        "kind": "reps",
        "sets": 3,
        "reps": 10,
        "load_kg": None,
        "schema": 1,
    }
    rx = to_dict(
        Prescription(exercise="walk", dose=Intervals(rounds=5, work_seconds=60, rest_seconds=300))
    )
    assert rx["dose"] == {"kind": "intervals", "rounds": 5, "work_seconds": 60, "rest_seconds": 300}


def _program() -> Program:
    rx = Prescription(exercise="curl-up", dose=Hold(sets=3, reps=6, seconds=10, reps_drop=2))
    walk = Prescription(exercise="walking", dose=Duration(minutes=10))
    session = Session(prescriptions=(rx, walk))
    return Program(weeks=(Week(sessions=(session, session)),) * 4)


def _errors(data, cls=Program, **kwargs):
    with pytest.raises(ValidationError) as caught:
        from_dict(data, cls, **kwargs)
    return dict(caught.value.errors)


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("weeks.3.sessions.0.prescriptions.1.dose.minutes", 0, "must be >= 1, got 0"),
        ("weeks.0.sessions.0.prescriptions.0.dose.sets", "3", "must be an integer, got a string"),
        ("weeks.0.sessions.0.prescriptions.0.dose.sets", 3.0, "must be an integer, got a number"),
        ("weeks.0.sessions.0.prescriptions.0.dose.sets", True, "must be an integer, got a boolean"),
        ("weeks.1.deload", 1, "must be true or false, got an integer 1"),
        ("weeks.1.deload", "false", "must be true or false, got a string"),
        ("weeks.0.sessions.0.prescriptions.0.dose.kind", "jump", "must be one of 'reps'"),
        ("weeks.0.sessions.0.prescriptions.0.exercise", "Curl Up", "lower-case slug"),
        ("weeks.0.sessions.1.label", None, "must be a string, got null"),
        ("weeks.2.sessions", [], "must have at least 1 item, got 0"),
        ("weeks.2.sessions", {}, "must be an array, got an object"),
        ("title", ["x"], "must be a string, got an array"),
    ],
)
def test_bad_field_is_named_with_its_path(path, value, message):
    """A wrong value anywhere is reported at its path, never coerced."""
    data = to_dict(_program())
    *parents, last = path.split(".")
    node = data
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    node[int(last) if last.isdigit() else last] = value
    errors = _errors(data)
    expected_path = "".join(f"[{p}]" if p.isdigit() else f".{p}" for p in path.split("."))
    expected_path = expected_path.lstrip(".")
    assert expected_path in errors, errors
    assert message in errors[expected_path]


def test_every_bad_field_is_listed():
    """All problems are reported at once, not only the first."""
    data = to_dict(_program())
    data["weeks"][3]["sessions"][0]["prescriptions"][1]["dose"]["minutes"] = 0
    data["weeks"][0]["sessions"][1]["prescriptions"][0]["dose"]["seconds"] = "10"
    data["weeks"][0]["sessions"][1]["prescriptions"][0]["dose"]["sets"] = -1
    data["weeks"][2]["colour"] = "red"
    errors = _errors(data)
    assert errors == {
        "weeks[3].sessions[0].prescriptions[1].dose.minutes": "must be >= 1, got 0",
        "weeks[0].sessions[1].prescriptions[0].dose.seconds": (
            "must be an integer, got a string '10'"
        ),
        "weeks[0].sessions[1].prescriptions[0].dose.sets": "must be >= 1, got -1",
        "weeks[2].colour": "unknown field",
    }
    with pytest.raises(ValidationError) as caught:
        from_dict(data, Program)
    assert "weeks[3].sessions[0].prescriptions[1].dose.minutes: must be >= 1, got 0" in str(
        caught.value
    )


def test_unknown_and_missing_fields():
    """Unknown fields are errors, never dropped; required ones must be present."""
    assert _errors({"schema": 1, "sets": 3, "kind": "reps", "reps": 1, "weight": 5}, Reps) == {
        "weight": "unknown field"
    }
    assert _errors({"schema": 1, "kind": "reps", "sets": 3}, Reps) == {"reps": "is required"}
    assert _errors({"schema": 1, "kind": "hold", "sets": 3, "reps": 1, "seconds": 5}, Reps) == {
        "kind": "must be 'reps', got 'hold'"
    }


def test_schema_version_is_required_and_checked():
    """Documents carry their schema version; other versions are refused."""
    data = to_dict(Reps(sets=1, reps=1))
    del data["schema"]
    assert "schema" in _errors(data, Reps)
    data["schema"] = 2
    assert "must be 1" in _errors(data, Reps)["schema"]
    data["schema"] = True
    assert "schema" in _errors(data, Reps)


@pytest.mark.parametrize(
    "text",
    ["", "{", "[1,", "nul", '{"schema": 1,', "\x00", b"\xff\xfe", "[" * 100_000, '{"a":' * 50_000],
)
def test_malformed_json_is_a_validation_error(text):
    """Broken or deeply nested text fails cleanly."""
    with pytest.raises(ValidationError):
        from_json(text, Program)


def test_huge_input_is_refused_before_parsing():
    """A document far larger than any program is refused with its size."""
    with pytest.raises(ValidationError, match="too large"):
        from_json(" " * (17 * 1024 * 1024), Program)


@given(lst.json_values())
def test_arbitrary_json_raises_only_validation_error(value):
    """Whatever the input, the only exception is ValidationError."""
    for cls in (Program, Prescription, Reps, Week):
        try:
            from_dict(value, cls)
        except ValidationError as error:
            assert error.errors
            assert all(isinstance(path, str) and message for path, message in error.errors)


@given(lst.programs(max_weeks=3), st.data())
def test_corrupted_leaf_fails_cleanly_or_loads(program, data):
    """Replacing any one value with junk either still loads or names a path."""
    document = to_dict(program)
    node, key = document, None
    path = []
    while True:
        keys = list(range(len(node))) if isinstance(node, list) else list(node)
        if not keys:
            break
        key = data.draw(st.sampled_from(keys))
        path.append(key)
        if isinstance(node[key], dict | list) and data.draw(st.booleans()):
            node = node[key]
            continue
        node[key] = data.draw(lst.json_values(max_leaves=3))
        break
    try:
        loaded = from_dict(document, Program)
    except ValidationError as error:
        assert all(isinstance(p, str) for p, _ in error.errors)
    else:
        assert isinstance(loaded, Program)


def test_non_lumbar_target_is_a_programming_error():
    """Asking for a non-lumbar class is a caller bug, reported as TypeError."""
    with pytest.raises(TypeError):
        from_dict({}, dict)
    with pytest.raises(TypeError):
        to_dict({"a": 1})


def test_catalog_check_on_load():
    """Given a catalog, exercise ids must exist and doses match their exercise."""
    catalog = lumbar.default_catalog()
    exercise = next(iter(catalog))
    wrong_kind = (
        Duration(minutes=5)
        if not isinstance(exercise.default_dose, Duration)
        else Reps(sets=1, reps=1)
    )
    program = Program(
        weeks=(
            Week(
                sessions=(
                    Session(
                        prescriptions=(
                            Prescription(exercise=exercise.id, dose=exercise.default_dose),
                            Prescription(exercise="no-such-exercise", dose=Reps(sets=1, reps=1)),
                            Prescription(exercise=exercise.id, dose=wrong_kind),
                        )
                    ),
                )
            ),
        )
    )
    with pytest.raises(ValidationError) as caught:
        from_json(to_json(program), Program, catalog=catalog)
    errors = dict(caught.value.errors)
    assert (
        "unknown exercise 'no-such-exercise'"
        in errors["weeks[0].sessions[0].prescriptions[1].exercise"]
    )
    assert (
        f"takes a {exercise.dose_type.kind} dose"
        in errors["weeks[0].sessions[0].prescriptions[2].dose"]
    )
    assert from_json(to_json(program), Program) == program


def test_catalog_round_trip_and_errors():
    """A catalog stores as its exercises and is validated again on load."""
    catalog = lumbar.default_catalog()
    assert from_json(to_json(catalog), lumbar.Catalog) == catalog
    data = to_dict(catalog)
    data["exercises"][0]["level"] = 9
    data["exercises"][0]["colour"] = "red"
    errors = _errors(data, lumbar.Catalog)
    assert errors == {
        "exercises[0].colour": "unknown field",
        "exercises[0].level": "must be <= 5, got 9",
    }
