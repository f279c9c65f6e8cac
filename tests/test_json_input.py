"""Untrusted input: whatever the text or data, lumbar loads it or names each problem.

JSON text goes through msgspec and the dict reader explains whatever msgspec
refuses; these properties check that the two agree on every input, valid or not,
and that nothing but ``ValidationError`` ever escapes.
"""

import copy
import json

import pytest
from hypothesis import given, strategies as st

import lumbar
from _documents import places_in
from lumbar import ValidationError, from_dict, from_json, strategies as lst, to_dict

# Every document type, and the union of doses.
TARGETS = (*lumbar.DOCUMENT_TYPES, lumbar.Dose)


def _outcome(read):
    """The loaded object, or the errors it raised (only ValidationError is allowed)."""
    try:
        return ("loaded", read())
    except ValidationError as error:
        assert error.errors
        assert all(path and isinstance(path, str) and message for path, message in error.errors)
        return ("refused", error.errors)


def _plainly(text, cls):
    """What the dict reader makes of the text: parsed by the standard library, then read."""
    try:
        data = json.loads(text, parse_constant=_refuse)
    except (ValueError, RecursionError):
        return None  # not JSON: only the error's wording may differ
    return _outcome(lambda: from_dict(data, cls))


def _refuse(name):
    raise ValueError(name)


@pytest.mark.parametrize("cls", TARGETS, ids=lambda cls: getattr(cls, "__name__", "Dose"))
@given(value=lst.json_values())
def test_arbitrary_json_raises_only_validation_error(cls, value):
    """Whatever the input, the only exception is ValidationError, with a path for each problem."""
    _outcome(lambda: from_dict(value, cls))
    _outcome(lambda: from_dict({"schema": 1, **value} if isinstance(value, dict) else value, cls))
    text = json.dumps(value)
    assert _outcome(lambda: from_json(text, cls)) == _plainly(text, cls)


# Values that look like parts of documents, so that misplaced ones reach deep checks.
_PIECES = st.one_of(
    lst.json_values(max_leaves=4),
    lst.documents().map(to_dict),
    st.sampled_from(
        [
            1e400,
            10**400,
            -(10**30),
            2**63,
            -0.0,
            1.5,
            "",
            "2024-01-01",
            "20240101",
            "2024-W01-1",
            "curl-up\n",
            "\ud800",
            {"kind": "reps"},
            [],
            {},
            None,
            True,
        ]
    ),
)


@pytest.mark.parametrize("cls", lumbar.DOCUMENT_TYPES, ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_mutated_documents_read_the_same_as_text_and_as_data(cls, data):
    """A valid document with a few values changed: from_json and from_dict agree exactly."""
    document = to_dict(data.draw(lst.documents(cls)))
    for _ in range(data.draw(st.integers(1, 3))):
        change = data.draw(st.sampled_from(["replace", "add", "delete", "repeat"]))
        in_lists = change in ("delete", "repeat")
        places = [(n, k) for n, k in places_in(document) if isinstance(n, list) == in_lists]
        if not places:
            continue
        node, key = data.draw(st.sampled_from(places))
        # A copy of each piece: the sampled ones are shared between examples, and a later
        # change in this loop may append to a list put here.
        if change == "replace":
            node[key] = copy.deepcopy(data.draw(_PIECES))
        elif change == "add":
            name = data.draw(st.sampled_from(["", "extra", "schema", "kind"]))
            node[name] = copy.deepcopy(data.draw(_PIECES))
        elif change == "delete":
            del node[key]
        else:  # the same item twice
            node.append(json.loads(json.dumps(node[key])))
    try:
        text = json.dumps(document, ensure_ascii=False, allow_nan=False)
    except ValueError:  # a NaN or an infinity: not JSON, so only the dict reader sees it
        _outcome(lambda: from_dict(document, cls))
        return
    expected = _plainly(text, cls)
    assert _outcome(lambda: from_json(text, cls)) == expected
    assert _outcome(lambda: from_json(text.encode("utf-8", "surrogatepass"), cls)) == expected
    if expected is not None and expected[0] == "loaded":
        loaded = expected[1]
        assert from_json(lumbar.to_json(loaded), cls) == loaded


def test_a_document_breaking_a_rule_across_its_fields_is_refused_from_text_and_from_data():
    """A decision that progresses to nothing (only a stop has no prescription): the text
    reader, which sets fields without the constructor, is held to the rule as well."""
    document = {
        "schema": lumbar.SCHEMA_VERSION,
        "action": "progress",
        "exercise": "bridge",
        "prescription": None,
        "reason": "More.",
        "references": ["acp-qaseem-2017"],
        "code": "progress",
        "values": {},
    }
    expected = (
        ("prescription", "must be None exactly when the action is 'stop', got None for 'progress'"),
    )
    for read in (
        lambda: from_dict(document, lumbar.Decision),
        lambda: from_json(json.dumps(document), lumbar.Decision),
    ):
        with pytest.raises(ValidationError) as caught:
            read()
        assert caught.value.errors == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "{",
        "[1,",
        "nul",
        '{"schema": 1,',
        "\x00",
        b"\xff\xfe",
        b"\xff\xff\xff",
        "[" * 100_000,
        '{"a":' * 50_000,
        '{"weeks": NaN, "schema": 1}',
        '{"weeks": Infinity, "schema": 1}',
        "\ufeff{}",
    ],
)
def test_malformed_json_is_a_validation_error(text):
    """Broken, deeply nested or non-standard text fails cleanly, at the root."""
    with pytest.raises(ValidationError) as caught:
        from_json(text, lumbar.Program)
    assert [path for path, _ in caught.value.errors] == ["$"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32-le"])
def test_bytes_read_like_text(encoding):
    """Bytes in any encoding JSON allows read as the text they hold."""
    rx = lumbar.Prescription(exercise="walking", dose=lumbar.Duration(minutes=5), note="é ✓")
    program = lumbar.Program(weeks=(lumbar.Week(sessions=(lumbar.Session(prescriptions=(rx,)),)),))
    assert from_json(lumbar.to_json(program).encode(encoding), lumbar.Program) == program


def test_repeated_values_are_one_object():
    """Equal prescriptions of a document read back as one object, as they were written."""
    program = lumbar.build_program(lumbar.Profile(screening=lumbar.screen(lumbar.RedFlags())))
    loaded = from_json(lumbar.to_json(program), lumbar.Program)
    prescriptions = [rx for _, rx in loaded.prescriptions()]
    assert len({id(rx) for rx in prescriptions}) == len(set(prescriptions))
