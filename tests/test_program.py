"""Prescriptions, sessions, weeks, phases and programs."""

import pytest
from hypothesis import given

import lumbar
from lumbar import Duration, Phase, Prescription, Program, Reps, Session, Week, strategies as lst
from lumbar.content._program_check import catalog_errors

RX = Prescription(exercise="walking", dose=Duration(minutes=10))
SESSION = Session(prescriptions=(RX,))


def test_lists_become_tuples():
    """Ordered collections are tuples, whatever the caller passed."""
    session = Session(prescriptions=[RX])
    assert session.prescriptions == (RX,)
    assert Program(weeks=[Week(sessions=[session])]).weeks[0].sessions == (session,)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Session(prescriptions=()), "prescriptions: must have at least 1 item, got 0"),
        (lambda: Week(sessions=()), "sessions: must have at least 1 session, got 0"),
        (lambda: Program(weeks=()), "weeks: must have at least 1 week, got 0"),
        (lambda: Session(prescriptions=(RX, "walk")), "prescriptions[1]: must be a Prescription"),
        (lambda: Week(sessions=(SESSION,) * 15), "at most 14 sessions"),
        (lambda: Prescription(exercise="walking", dose=3), "dose: must be a Reps"),
        (lambda: Phase(name="", weeks=1), "name: must not be empty"),
        (
            lambda: Program(weeks=(Week(sessions=(SESSION,)),), phases=(Phase(name="a", weeks=2),)),
            "phases: phase lengths add up to 2 weeks but the program has 1",
        ),
        (
            lambda: Program(weeks=(Week(sessions=(SESSION,)),), metadata={"a": 1}),
            "metadata.a: keys and values must be strings",
        ),
    ],
)
def test_invalid_structures_are_rejected(build, message):
    """Empty documents and mismatched phases are invalid, with the field named."""
    with pytest.raises(lumbar.ValidationError) as caught:
        build()
    assert message in str(caught.value)


def test_metadata_is_read_only_and_ignored_by_hash():
    """Metadata cannot be changed through the program, which stays hashable."""
    program = Program(weeks=(Week(sessions=(SESSION,)),), metadata={"app": "x"})
    with pytest.raises(TypeError):
        program.metadata["app"] = "y"  # type: ignore[index]
    assert hash(program) == hash(Program(weeks=(Week(sessions=(SESSION,)),)))


@given(lst.programs())
def test_phase_of_covers_every_week(program):
    """With phases, every week belongs to exactly the phase its position says."""
    seen = [program.phase_of(index) for index in range(len(program.weeks))]
    if program.phases:
        expected = [phase for phase in program.phases for _ in range(phase.weeks)]
        assert seen == expected
    else:
        assert seen == [None] * len(program.weeks)
    with pytest.raises(IndexError):
        program.phase_of(len(program.weeks))


@given(lst.programs())
def test_prescription_paths_are_addressable(program):
    """Each path from prescriptions() leads back to its prescription."""
    for path, rx in program.prescriptions():
        week, session, index = (int(part.split("]")[0]) for part in path.split("[")[1:])
        assert program.weeks[week].sessions[session].prescriptions[index] is rx


def test_catalog_errors_at_every_level():
    """Catalog checks work on programs, weeks, sessions and prescriptions alike."""
    catalog = lumbar.default_catalog()
    bad = Prescription(exercise="nope", dose=Reps(sets=1, reps=1))
    assert catalog_errors(bad, catalog)[0][0] == "exercise"
    assert catalog_errors(Session(prescriptions=(bad,)), catalog)[0][0] == (
        "prescriptions[0].exercise"
    )
    assert catalog_errors(Week(sessions=(Session(prescriptions=(bad,)),)), catalog)[0][0] == (
        "sessions[0].prescriptions[0].exercise"
    )
    with pytest.raises(lumbar.ValidationError, match=r"weeks\[0\].sessions\[0\]"):
        lumbar.check_against_catalog(
            Program(weeks=(Week(sessions=(Session(prescriptions=(bad,)),)),)), catalog
        )
    assert catalog_errors("not a program", catalog) == []


@given(lst.catalogs().flatmap(lambda c: lst.programs(c, max_weeks=3).map(lambda p: (c, p))))
def test_programs_from_catalog_fit_it(pair):
    """Programs drawn from a catalog pass its check and stay in each exercise's bounds."""
    from lumbar.model._dose import out_of_bounds

    catalog, program = pair
    assert catalog_errors(program, catalog) == []
    for _, rx in program.prescriptions():
        exercise = catalog[rx.exercise]
        assert out_of_bounds(rx.dose, exercise.min_dose, exercise.max_dose) == []
