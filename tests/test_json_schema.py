"""JSON Schema: every document type has one, and it accepts every document lumbar accepts."""

import json

import jsonschema
import pytest
from hypothesis import given, strategies as st

import lumbar
from _documents import places_in
from lumbar import strategies as lst, to_dict

TYPES = lumbar.DOCUMENT_TYPES


def _validator(cls):
    schema = lumbar.json_schema(cls)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


VALIDATORS = {cls: _validator(cls) for cls in TYPES}


@pytest.mark.parametrize("cls", TYPES, ids=lambda cls: cls.__name__)
def test_each_schema_is_a_valid_2020_12_schema(cls):
    """The schema is draft 2020-12, titled after the type, closed to unknown fields."""
    schema = lumbar.json_schema(cls)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == cls.__name__
    assert schema["additionalProperties"] is False
    assert "schema" in schema["required"]
    json.dumps(schema)  # plain JSON all through


@pytest.mark.parametrize("cls", TYPES, ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_every_document_is_valid_against_its_schema(cls, data):
    """What to_dict writes, the schema accepts."""
    VALIDATORS[cls].validate(to_dict(data.draw(lst.documents(cls))))


def test_the_schema_carries_the_declared_bounds():
    """Bounds come from the fields' validators: one declaration, here as in the checks."""
    reps = lumbar.json_schema(lumbar.Reps)["properties"]
    assert reps["sets"] == {"type": "integer", "minimum": 1, "maximum": 10}
    assert reps["load_kg"]["maximum"] == 500
    program = lumbar.json_schema(lumbar.Program)
    week = program["$defs"]["Week"]["properties"]
    assert week["sessions"]["maxItems"] == 14
    prescription = program["$defs"]["Prescription"]["properties"]
    assert prescription["exercise"]["pattern"] == "^[a-z0-9]+(?:-[a-z0-9]+)*$"
    assert prescription["dose"] == {
        "oneOf": [{"$ref": f"#/$defs/{kind}"} for kind in ("Reps", "Hold", "Duration", "Intervals")]
    }
    log = lumbar.json_schema(lumbar.SessionLog)["properties"]
    assert log["date"]["format"] == "date"
    gate = lumbar.json_schema(lumbar.PainGate)["properties"]
    assert gate["inner"]["items"] == {"$ref": "#/$defs/RuleRef"}


@pytest.mark.parametrize("cls", TYPES, ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_what_lumbar_accepts_the_schema_accepts(cls, data):
    """A document with a value changed either fails in both, or lumbar refuses more (a
    check across fields), never the other way round."""
    document = to_dict(data.draw(lst.documents(cls)))
    places = list(places_in(document))
    if places:
        node, key = data.draw(st.sampled_from(places))
        node[key] = data.draw(lst.json_values(max_leaves=3))
    try:
        lumbar.from_dict(document, cls)
    except lumbar.ValidationError:
        return
    VALIDATORS[cls].validate(document)
