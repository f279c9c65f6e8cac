"""The readable renderings of a program: what they must say, whatever the program."""

import attrs
from hypothesis import given, settings

import lumbar
from lumbar import (
    Category,
    Constraints,
    DirectionalPreference,
    Equipment,
    Prescription,
    Profile,
    Program,
    RedFlags,
    Session,
    Week,
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


# --- what the summary and the day labels say, for programs built by hand ----------------


def rx(exercise_id: str) -> Prescription:
    return Prescription(exercise=exercise_id, dose=CATALOG[exercise_id].default_dose)


STRETCH_AND_STRENGTH = Session(prescriptions=(rx("cat-camel"), rx("glute-bridge")))
TRUNK = Session(prescriptions=(rx("bird-dog"),))
WALK = Session(prescriptions=(rx("walking"),))


def renderings(program: Program) -> tuple[str, str]:
    return render_text(program, catalog=CATALOG), render_markdown(program, catalog=CATALOG)


def test_equal_sessions_are_named_by_their_place_in_the_week():
    """Two equal unlabelled sessions are "Session 1, Session 3", not "Session 1, Session 1"."""
    week = Week(sessions=(STRETCH_AND_STRENGTH, TRUNK, STRETCH_AND_STRENGTH))
    text, markdown = renderings(Program(weeks=(week,)))
    assert "    Session 1, Session 3 (about" in text
    assert "    Session 2 (about" in text
    assert "**Session 1, Session 3**" in markdown
    assert "**Session 2**" in markdown
    labelled = attrs.evolve(STRETCH_AND_STRENGTH, label="Friday")
    text, _ = renderings(Program(weeks=(Week(sessions=(STRETCH_AND_STRENGTH, labelled)),)))
    assert "    Session 1, Friday (about" in text


def test_sessions_a_week_are_counted_over_every_week():
    """A program that grows from 2 to 3 sessions says so, not the first week's count."""
    weeks = (Week(sessions=(WALK, TRUNK)), Week(sessions=(WALK, TRUNK, WALK)))
    text, markdown = renderings(Program(weeks=weeks))
    assert "2 weeks, 2-3 sessions a week," in text
    assert "2 weeks, 2-3 sessions a week." in markdown
    text, markdown = renderings(Program(weeks=(Week(sessions=(WALK,)),)))
    assert "1 session a week," in text
    assert "1 session a week." in markdown


def test_the_summary_names_only_what_every_session_holds():
    """A walking program claims no mobility, trunk control or strength."""
    text, markdown = renderings(Program(weeks=(Week(sessions=(WALK, WALK)),)))
    assert "Every session: aerobic exercise; lighter weeks are marked." in text
    assert "Every session has aerobic exercises." in markdown
    mixed = Program(weeks=(Week(sessions=(STRETCH_AND_STRENGTH, TRUNK)),))
    text, markdown = renderings(mixed)
    assert "Every session" not in text
    assert "Lighter weeks are marked." in text
    assert "Every session" not in markdown


@settings(max_examples=30)
@given(lst.programs(CATALOG, max_weeks=3))
def test_the_summary_tells_the_truth_about_every_program(program):
    """Each kind of exercise is named iff every session holds one; the count spans all weeks."""
    text, markdown = renderings(attrs.evolve(program, title="P"))  # a title of one line
    summary = text.splitlines()[3]
    sessions = [session for week in program.weeks for session in week.sessions]
    for category, words in (
        (Category.STRETCH, "mobility"),
        (Category.STABILIZATION, "trunk control"),
        (Category.STRENGTH, "strength"),
        (Category.AEROBIC, "aerobic"),
    ):
        everywhere = all(any(CATALOG[r.exercise].category is category for r in s) for s in sessions)
        assert (words in summary) == everywhere, (words, summary)
        assert (words.replace(" ", "-") in markdown.splitlines()[2]) == everywhere
    counts = sorted({len(week.sessions) for week in program.weeks})
    number = str(counts[0]) if len(counts) == 1 else f"{counts[0]}-{counts[-1]}"
    assert f" {number} session" in text.splitlines()[2]
