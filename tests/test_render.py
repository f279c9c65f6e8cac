"""The readable renderings of a program: what they must say, whatever the program."""

import attrs
from hypothesis import given, settings

import lumbar
from lumbar import (
    Constraints,
    DirectionalPreference,
    Equipment,
    Profile,
    RedFlags,
    build_program,
    render_markdown,
    render_text,
    screen,
    strategies as lst,
)

CLEAR = screen(RedFlags())
CATALOG = lumbar.default_catalog()


def test_a_program_says_what_it_was_chosen_to_fit():
    profile = Profile(
        screening=CLEAR,
        preference=DirectionalPreference.FLEXION_INTOLERANT,
        equipment=(Equipment.MAT, Equipment.RESISTANCE_BAND),
    )
    program = build_program(profile)
    expected = (
        "Exercises chosen for: mat, resistance band at hand; "
        "nothing that loads the spine in flexion."
    )
    assert expected in " ".join(render_text(program).split())
    assert expected in render_markdown(program)
    unconstrained = attrs.evolve(program, constraints=Constraints())
    assert "chosen for" not in render_text(unconstrained)


@settings(max_examples=20)
@given(lst.programs(CATALOG, max_weeks=3))
def test_every_exercise_row_lines_up_and_every_exercise_is_named(program):
    """Each dose starts in the same column, however long the exercise names are."""
    text = render_text(program, catalog=CATALOG)
    names = {CATALOG[rx.exercise].name for _, rx in program.prescriptions()}
    column = 6 + max(len(name) for name in names) + 2
    rows = [line for line in text.splitlines() if line.startswith("      ")]
    assert rows
    for line in rows:
        assert line[6:column].rstrip() in names
        assert line[column - 2 : column] == "  "
        assert line[column] != " "
    for _, prescription in program.prescriptions():
        assert prescription.exercise in text  # the footer lists every id
