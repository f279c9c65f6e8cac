"""JSON text: ``to_json`` and ``from_json`` take shortcuts that must never show.

``to_json`` writes text directly (each distinct prescription once) instead of
encoding ``to_dict``; ``from_json`` parses each distinct prescription text once and
the rest of the document around it. Both must give exactly what the plain path
gives: the same text, the same object, the same errors.
"""

import json

import attrs
import pytest
from hypothesis import given, strategies as st

import lumbar
from lumbar import (
    Duration,
    Hold,
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


def _encoded(obj: object) -> str:
    """What ``to_json`` promises: ``to_dict`` encoded compactly."""
    return json.dumps(to_dict(obj), ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _outcome(read):
    """The loaded object, or the errors it raised (only ValidationError is allowed)."""
    try:
        return ("loaded", read())
    except ValidationError as error:
        return ("refused", error.errors)


def _plainly(text: str, cls: type):
    """``from_json`` as the plain path reads it: the whole text parsed, then structured."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        return ("refused", (("", f"not valid JSON: {exc}"),))
    return _outcome(lambda: from_dict(data, cls))


@st.composite
def full_weeks(draw: st.DrawFn) -> Week:
    """Weeks with the fields ``lst.weeks()`` leaves at their defaults: activity and education."""
    week = draw(lst.weeks(max_sessions=3))
    return attrs.evolve(
        week,
        activity=draw(st.none() | lst.activity_goals()),
        education=draw(st.none() | lst.exercise_ids()),
    )


@st.composite
def full_programs(draw: st.DrawFn) -> Program:
    """Programs with every field in use, and repeated prescriptions as real programs have.

    The repeats are equal but separate objects, so that the writer's memo is
    exercised by value, not only by identity.
    """
    program = draw(lst.programs(max_weeks=3))
    weeks = []
    for week in program.weeks:
        week = attrs.evolve(
            week,
            activity=draw(st.none() | lst.activity_goals()),
            education=draw(st.none() | lst.exercise_ids()),
        )
        if draw(st.booleans()):  # the first session again, rebuilt, as the last one
            first = week.sessions[0]
            copy = Session(
                prescriptions=tuple(attrs.evolve(rx) for rx in first.prescriptions),
                label=first.label,
            )
            week = attrs.evolve(week, sessions=(*week.sessions[:-1], copy))
        weeks.append(week)
    return attrs.evolve(
        program, weeks=tuple(weeks), rules=tuple(draw(st.lists(lst.rule_refs(), max_size=2)))
    )


WRITTEN = [
    lst.doses(),
    lst.prescriptions(),
    lst.sessions(),
    full_weeks(),
    lst.phases(),
    lst.activity_goals(),
    lst.rule_refs(),
    full_programs(),
    lst.exercises(),
    lst.catalogs(),
    lst.evidence_references(),
]


@pytest.mark.parametrize("strategy", WRITTEN, ids=lambda s: repr(s)[:30])
@given(data=st.data())
def test_to_json_is_to_dict_encoded(strategy, data):
    """``to_json`` writes exactly the text of encoding ``to_dict``, for every type."""
    obj = data.draw(strategy)
    assert to_json(obj) == _encoded(obj)


@given(full_programs())
def test_programs_read_back_as_written(program):
    """A program's text reads back equal, and each distinct prescription is one object."""
    loaded = from_json(to_json(program), Program)
    assert loaded == program
    prescriptions = [rx for _, rx in loaded.prescriptions()]
    assert len({id(rx) for rx in prescriptions}) == len(set(prescriptions))


def _document_pieces(document):
    """Every (container, key) in a document, to put something else there."""
    stack = [document]
    while stack:
        node = stack.pop()
        keys = range(len(node)) if isinstance(node, list) else list(node)
        for key in keys:
            yield node, key
            if isinstance(node[key], dict | list):
                stack.append(node[key])


# Values that look like parts of a program, so that a misplaced one reaches the reader's
# shortcuts: prescriptions and doses, in the places of other things.
_PIECES = st.one_of(
    lst.prescriptions().map(lambda rx: {k: v for k, v in to_dict(rx).items() if k != "schema"}),
    lst.doses().map(lambda dose: {k: v for k, v in to_dict(dose).items() if k != "schema"}),
    lst.json_values(max_leaves=4),
    st.sampled_from([float("nan"), float("inf"), "NaN", "Infinity", "}", '{"exercise":']),
)


@pytest.mark.parametrize("cls", [Program, Week, Session])
@given(data=st.data())
def test_from_json_reads_what_the_plain_path_reads(cls, data):
    """Whatever a document holds, ``from_json`` agrees with parsing it whole."""
    obj = data.draw({Program: full_programs(), Week: full_weeks(), Session: lst.sessions()}[cls])
    document = to_dict(obj)
    for _ in range(data.draw(st.integers(0, 3))):
        node, key = data.draw(st.sampled_from(list(_document_pieces(document))))
        node[key] = data.draw(_PIECES)
    # Compact, as to_json writes, so that the shortcuts apply.
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    assert _outcome(lambda: from_json(text, cls)) == _plainly(text, cls)
    assert _outcome(lambda: from_json(text.encode(), cls)) == _plainly(text, cls)


def _program(note: str = "", label: str = "Day 1") -> Program:
    hold = Prescription(exercise="curl-up", dose=Hold(sets=3, reps=6, seconds=10), note=note)
    walk = Prescription(exercise="walking", dose=Duration(minutes=10))
    squat = Prescription(exercise="squat", dose=Reps(sets=2, reps=10, load_kg=8.0))
    session = Session(prescriptions=(walk, hold, squat, hold), label=label)
    return Program(weeks=(Week(sessions=(session, session)),) * 3, metadata={"source": "test"})


RX = '{"exercise":"walking","dose":{"kind":"duration","minutes":10,"rpe":null},"note":""}'


@pytest.mark.parametrize(
    "text",
    [
        to_json(_program()),
        to_json(_program(), indent=2),
        to_json(_program(note="a } closing brace")),
        to_json(_program(note='{"exercise":"x"}')),
        to_json(_program(note="NaN")),
        to_json(_program(label="Infinity")),
        to_json(_program(note="line\nbreak and \\ backslash and é")),
        # A prescription's text where a string or a number belongs.
        to_json(_program()).replace('"metadata":{"source":"test"}', f'"metadata":{{"a":{RX}}}'),
        to_json(_program()).replace('"title":""', f'"title":{RX}'),
        # Two prescriptions without the brackets of a list, and one in a list of lists.
        to_json(_program()).replace(f"[{RX}", f"[[{RX}]"),
        to_json(_program()).replace('"phases":[]', f'"phases":{RX},{RX}'),
        # A JSON constant where a prescription belongs, next to a real prescription.
        to_json(_program()).replace(f"[{RX}", "[NaN").replace('"title":""', f'"title":{RX}'),
        to_json(_program()).replace(f"[{RX}", "[Infinity"),
        # An unclosed string that would swallow a prescription: not valid JSON.
        to_json(_program()).replace('"label":"Day 1"', '"label":"Day 1'),
        to_json(_program()).replace('"title":""', f'"title":"{RX}"'),
        # Prescriptions that are nearly right: a wrong value, an unknown field, a duplicate key.
        to_json(_program()).replace('"minutes":10', '"minutes":10.0'),
        to_json(_program()).replace('"minutes":10', '"minutes":true'),
        to_json(_program()).replace('"note":""}', '"note":"","colour":"red"}'),
        to_json(_program()).replace('"exercise":"walking"', '"exercise":"walking","exercise":"X"'),
        to_json(_program()).replace('"schema":1', '"schema":2'),
    ],
)
def test_from_json_on_awkward_text(text):
    """Text made to trip the shortcuts reads as parsing it whole reads it."""
    for cls in (Program, Week):
        assert _outcome(lambda: from_json(text, cls)) == _plainly(text, cls)  # noqa: B023


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32-le"])
def test_bytes_read_like_text(encoding):
    """Bytes in any encoding JSON allows read as the text they hold."""
    program = _program(note="é ✓")
    assert from_json(to_json(program).encode(encoding), Program) == program


def test_catalog_check_applies_after_the_shortcut():
    """The catalog check runs on what the shortcut built, with the same errors."""
    text = to_json(_program())
    catalog = lumbar.default_catalog()
    assert _outcome(lambda: from_json(text, Program, catalog=catalog)) == _outcome(
        lambda: from_dict(json.loads(text), Program, catalog=catalog)
    )
