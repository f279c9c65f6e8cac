"""JSON: exact round trips, strict types, and errors that name every bad field."""

import json
import re
from types import MappingProxyType

import attrs
import pytest
from hypothesis import given, strategies as st

import lumbar
from lumbar import (
    Duration,
    Hold,
    Intervals,
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


@pytest.mark.parametrize("cls", lumbar.DOCUMENT_TYPES, ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_every_document_type_round_trips(cls, data):
    """Every document type survives dict and JSON round trips unchanged, hash and all."""
    obj = data.draw(lst.documents(cls))
    for loaded in (
        from_dict(to_dict(obj), cls),
        from_json(to_json(obj), cls),
        from_json(to_json(obj, indent=2), cls),
        from_json(to_json(obj).encode(), cls),
    ):
        assert type(loaded) is cls
        assert loaded == obj
        assert repr(loaded) == repr(obj)
        if cls.__hash__ is not None and not isinstance(obj, lumbar.Catalog):
            try:
                expected = hash(obj)
            except TypeError:  # holds a mapping
                continue
            assert hash(loaded) == expected


_TOKEN = re.compile(r'"(?:\\.|[^"\\])*"|[^\s"{}\[\]:,]+|\s+|.')


def _layout(text: str) -> list[object]:
    """The text as tokens, each string and number by its value, whitespace as written.

    Two texts with the same layout differ at most in how they spell a value (Python
    writes 1e-07 where others write 1e-7).
    """
    return [
        token if token.isspace() or token in "{}[]:," else json.loads(token)
        for token in _TOKEN.findall(text)
    ]


@given(lst.documents())
def test_to_json_is_to_dict_encoded(obj):
    """The JSON text holds exactly what to_dict gives, compact, keys in field order."""
    text = to_json(obj)
    assert json.loads(text) == to_dict(obj)
    expected = json.dumps(to_dict(obj), ensure_ascii=False, separators=(",", ":"))
    assert _layout(text) == _layout(expected)


@given(lst.documents())
def test_indented_json_is_the_compact_json_laid_out(obj):
    """indent= changes the layout only, as json.dumps lays it out."""
    expected = json.dumps(to_dict(obj), ensure_ascii=False, indent=2)
    assert _layout(to_json(obj, indent=2)) == _layout(expected)


def test_dose_union_is_a_target():
    """lumbar.Dose reads any dose by its kind."""
    for dose in (Reps(sets=1, reps=2), Hold(sets=1, reps=1, seconds=5), Duration(minutes=3)):
        assert from_json(to_json(dose), lumbar.Dose) == dose
        assert from_dict(to_dict(dose), lumbar.Dose) == dose


def test_dose_json_is_flat_with_kind_tag():
    """The documented dose format, field names fixed."""
    assert to_dict(Reps(sets=3, reps=10)) == {
        "kind": "reps",
        "sets": 3,
        "reps": 10,
        "load_kg": None,
        "schema": lumbar.SCHEMA_VERSION,
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
        ("weeks.0.sessions.0.prescriptions.0.exercise", "curl-up\n", "lower-case slug"),
        ("weeks.0.sessions.1.label", None, "must be a string, got null"),
        ("weeks.2.sessions", [], "must have at least 1 session, got 0"),
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
    data["schema"] = lumbar.SCHEMA_VERSION + 1
    assert "a newer lumbar wrote this document" in _errors(data, Reps)["schema"]
    data["schema"] = 0
    assert f"must be a version from 1 to {lumbar.SCHEMA_VERSION}" in _errors(data, Reps)["schema"]
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


@pytest.mark.parametrize(
    "value",
    [
        {"a": 1},
        lumbar.default_registry(),
        lumbar.SteadyImprover(),
        lumbar.RuleContext,
        Program,
        3,
        None,
    ],
    ids=repr,
)
def test_only_documents_are_written(value):
    """Writing anything but a document is a caller's mistake, reported as TypeError."""
    for write in (to_dict, to_json, lambda v: to_json(v, indent=2)):
        with pytest.raises(TypeError, match="document"):
            write(value)


@pytest.mark.parametrize(
    "cls", [dict, lumbar.SteadyImprover, lumbar.RuleContext, lumbar.RuleRegistry, int, "Program"]
)
def test_only_document_types_are_read(cls):
    """Reading as anything but a document type is a caller's mistake, reported as TypeError."""
    with pytest.raises(TypeError, match="document type"):
        from_dict({"schema": 1}, cls)
    with pytest.raises(TypeError, match="document type"):
        from_json('{"schema": 1}', cls)
    with pytest.raises(TypeError, match="document type"):
        lumbar.json_schema(cls)


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


# --- dates, numbers and paths ---------------------------------------------------------


def _log_document(date):
    result = {"completed": True, "rpe": 3, "pain_during": 1, "pain_next_day": 1}
    return {"date": date, "results": [result], "schema": 1}


@pytest.mark.parametrize(
    "date", ["20240101", "2024-W01-1", "2024-001", "2024-1-1", "2024-02-30", "2024-01-01T00:00", 1]
)
def test_dates_are_iso_days_only(date):
    """A date is YYYY-MM-DD and nothing else, refused with the field's path."""
    data = _log_document(date)
    assert "must be a date as 'YYYY-MM-DD'" in _errors(data, lumbar.SessionLog)["date"]
    with pytest.raises(ValidationError) as caught:
        from_json(json.dumps(data), lumbar.SessionLog)
    assert dict(caught.value.errors)["date"].startswith("must be a date")


def test_an_iso_day_reads():
    """The one accepted form reads as the date it names."""
    log = from_json(json.dumps(_log_document("2024-02-29")), lumbar.SessionLog)
    assert log.date.isoformat() == "2024-02-29"


HUGE = "1" + "0" * 400


@pytest.mark.parametrize(
    ("field", "number", "message"),
    [
        ("load_kg", HUGE, "must be a finite number"),
        ("load_kg", "-" + HUGE, "must be a finite number"),
        ("load_kg", "1e400", "must be a finite number"),
        ("load_kg", "1" + "0" * 5000, "must be a finite number"),
        ("sets", HUGE, "must be <= 10"),
        ("sets", "1" + "0" * 5000, "is out of range, got an integer of 5001 digits"),
        ("sets", "1e400", "must be an integer"),
        ("reps", "-" + HUGE, "must be >= 1"),
    ],
)
def test_numbers_out_of_range_name_their_field(field, number, message):
    """However large a number, it is a ValidationError at its field's path."""
    fields = {"sets": "3", "reps": "10", "load_kg": "null", field: number}
    text = '{"kind":"reps",' + ",".join(f'"{k}":{v}' for k, v in fields.items()) + ',"schema":1}'
    with pytest.raises(ValidationError) as caught:
        from_json(text, Reps)
    errors = dict(caught.value.errors)
    assert list(errors) == [field]
    assert message in errors[field]
    assert len(str(caught.value)) < 200


@pytest.mark.parametrize("key", ["", " ", "a.b", 'q"', "[0]", "é"])
def test_unknown_fields_have_a_path_whatever_their_name(key):
    """An unknown field is named by a path that is never empty, quoted when it must be."""
    data = {**to_dict(Reps(sets=1, reps=1)), key: 1}
    errors = _errors(data, Reps)
    assert all(path for path in errors)
    (path,) = errors
    assert errors[path] == "unknown field"
    assert path == f"[{json.dumps(key, ensure_ascii=False)}]"
    nested = {"schema": 1, "weeks": [{"sessions": [{"prescriptions": [], key: 2}]}]}
    assert f"weeks[0].sessions[0][{json.dumps(key, ensure_ascii=False)}]" in _errors(nested)


def test_whole_document_errors_have_the_root_path():
    """Errors about the document as a whole are at ``$``."""
    for text in ("[1]", "nul", '"x"', "{"):
        with pytest.raises(ValidationError) as caught:
            from_json(text, Program)
        assert [path for path, _ in caught.value.errors] == ["$"]


def test_nested_documents_keep_their_schema_key():
    """A document nested as to_dict wrote it (with its own ``schema``) reads back."""
    screening = lumbar.screen(lumbar.RedFlags())
    profile = lumbar.Profile(screening=screening, days=4)
    data = {**to_dict(profile), "screening": to_dict(screening)}
    assert from_dict(data, lumbar.Profile) == profile
    assert from_json(json.dumps(data), lumbar.Profile) == profile
    data["screening"]["schema"] = 7
    assert "screening.schema" in _errors(data, lumbar.Profile)


# --- rules, through their references --------------------------------------------------

WRAPPED = lumbar.DoubleProgression(rep_low=6)


@pytest.mark.parametrize(
    "rule",
    [
        lumbar.PainGate(inner=WRAPPED, limit=4),
        lumbar.WeeklyCap(inner=WRAPPED, percent=5),
        lumbar.DeloadRule(inner=WRAPPED),
        lumbar.LadderProgression(inner=WRAPPED, start="min"),
        lumbar.FirstMatch(rules=(WRAPPED, lumbar.DurationProgression())),
        lumbar.default_rule(),
        WRAPPED,
    ],
    ids=lambda rule: type(rule).__name__,
)
def test_rule_stacks_read_back_through_their_references(rule):
    """A rule and what it wraps are written as rule references and built back from them."""
    data = to_dict(rule)
    assert from_dict(data, type(rule)) == rule
    assert from_json(to_json(rule), type(rule)) == rule
    for ref in data.get("inner", data.get("rules", [])):
        assert set(ref) == {"name", "params"}


def test_a_rule_stack_with_unknown_rules_names_the_reference():
    """An unknown rule in the references is an error at its place."""
    data = to_dict(lumbar.PainGate(inner=WRAPPED))
    data["inner"][0]["name"] = "no-such-rule"
    assert "no rule named 'no-such-rule'" in _errors(data, lumbar.PainGate)["inner[0].name"]
    data = to_dict(lumbar.PainGate(inner=WRAPPED))
    data["inner"] = []
    assert "inner" in _errors(data, lumbar.PainGate)


def test_a_custom_rule_reads_back_from_its_registry():
    """A stack around a user's rule reads back given the registry that knows the rule."""
    registry = lumbar.default_registry()

    @attrs.frozen
    class Steady:
        name = "steady"
        params = MappingProxyType({})

        def decide(self, context):  # pragma: no cover - never run here
            raise AssertionError

    registry.register(Steady)
    rule = lumbar.PainGate(inner=Steady())
    assert "inner[0].name" in _errors(to_dict(rule), lumbar.PainGate)
    assert from_json(to_json(rule), lumbar.PainGate, registry=registry) == rule


@pytest.mark.parametrize(
    ("cls", "field", "values"),
    [
        (lumbar.Constraints, "equipment", ["mat", "mat"]),
        (lumbar.Constraints, "loading", ["flexion", "flexion"]),
    ],
)
def test_duplicates_are_refused_in_text_as_in_data(cls, field, values):
    """Items that must be unique are checked however the document arrives."""
    data = {**to_dict(cls()), field: values}
    assert f"{field}[1]" in _errors(data, cls)
    with pytest.raises(ValidationError, match=rf"{field}\[1\]: duplicate"):
        from_json(json.dumps(data), cls)
