"""The session time budget: whatever decides the doses, no session grows past its minutes."""

import attrs
from hypothesis import given, strategies as st

import lumbar
from lumbar import (
    Action,
    Constraints,
    Duration,
    DurationProgression,
    ExerciseResult,
    Hold,
    HoldTimeProgression,
    Prescription,
    Program,
    Session,
    Week,
    simulate,
    strategies as lst,
)
from lumbar.strategies import responders, rule_stacks

CATALOG = lumbar.default_catalog()
EASY = ExerciseResult(completed=True, rpe=3, pain_during=0, pain_next_day=0)


def minutes_of(session: Session) -> float:
    return sum(
        lumbar.dose_minutes(rx.dose, per_side=CATALOG[rx.exercise].per_side) for rx in session
    )


def always_easy(prescription, week_index):
    return EASY


@st.composite
def budgeted_programs(draw: st.DrawFn) -> Program:
    """A week of the catalog's exercises, repeated; the budget at least its longest session."""
    week = draw(lst.weeks(CATALOG))
    deloads = draw(st.lists(st.booleans(), min_size=2, max_size=8))
    # Each ladder starts at its first prescription, in every slot it has.
    first: dict[str, Prescription] = {}
    for session in week.sessions:
        for rx in session:
            first.setdefault(CATALOG.ladder(rx.exercise)[0].id, rx)
    longest = max(
        minutes_of(Session(prescriptions=[first[CATALOG.ladder(rx.exercise)[0].id] for rx in s]))
        for s in week.sessions
    )
    limit = int(longest) + 1 + draw(st.integers(0, 20))
    exercises = [CATALOG[rx.exercise] for session in week.sessions for rx in session]
    constraints = draw(lst.constraints(exercises))
    return Program(
        weeks=tuple(attrs.evolve(week, deload=deload) for deload in deloads),
        constraints=attrs.evolve(constraints, session_minutes=limit),
    )


@given(budgeted_programs(), responders(), rule_stacks() | st.none(), st.integers(0, 50))
def test_no_session_given_takes_longer_than_the_budget(program, responder, rule, seed):
    """Any rule stack, any course: once the first sessions fit, every session given fits."""
    done = simulate(program, responder, rule=rule, seed=seed).program
    limit = program.constraints.session_minutes
    for week in done.weeks:
        for session in week.sessions:
            assert minutes_of(session) <= limit + 1e-9


@given(budgeted_programs(), rule_stacks() | st.none())
def test_the_budget_never_turns_an_easy_session_into_a_step_back(program, rule):
    """Holding a rise back for time is a hold: nothing regresses after easy sessions for it."""
    for decision in simulate(program, always_easy, rule=rule).decisions:
        if "would take longer than its" in decision.reason:
            assert decision.action in (lumbar.Action.HOLD, lumbar.Action.PROGRESS)


def _walk_and_bridge(walk: int, reserved: dict[str, int]) -> Program:
    session = Session(
        prescriptions=(
            Prescription(exercise="side-bridge-knees", dose=Hold(sets=1, reps=2, seconds=10)),
            Prescription(exercise="brisk-walk", dose=Duration(minutes=walk)),
        )
    )
    return Program(
        weeks=(Week(sessions=(session,) * 3),) * 8,
        constraints=Constraints(session_minutes=32, reserved_minutes=reserved),
    )


def test_reserved_time_is_left_for_its_exercise():
    """With 30 minutes kept for the walk, the bridge grows only into the two left beside it."""
    free = simulate(_walk_and_bridge(15, {}), always_easy).program
    kept = simulate(_walk_and_bridge(15, {"walking": 30}), always_easy).program

    def last(program: Program, exercise_id: str) -> float:
        for week in reversed(program.weeks):
            for session in reversed(week.sessions):
                for rx in session:
                    if CATALOG.ladder(rx.exercise)[0].id == CATALOG.ladder(exercise_id)[0].id:
                        return lumbar.dose_minutes(rx.dose, per_side=CATALOG[rx.exercise].per_side)
        raise AssertionError(exercise_id)

    assert last(free, "side-bridge-knees") > 2
    assert last(kept, "side-bridge-knees") <= 2
    assert last(kept, "brisk-walk") > last(free, "brisk-walk")
    for program in (free, kept):
        assert all(minutes_of(s) <= 32 + 1e-9 for week in program.weeks for s in week.sessions)


def _alone(prescription: Prescription, limit: int) -> Program:
    session = Session(prescriptions=(prescription,))
    return Program(
        weeks=(Week(sessions=(session,)),) * 3, constraints=Constraints(session_minutes=limit)
    )


def test_a_rise_that_does_not_fit_is_kept_to_the_largest_part_that_does():
    """16 walking minutes, 24 wanted, a 17 minute budget: 17 (an eighth of the way), the
    note kept, coded as time-limited with the budget; then the walk holds there."""
    walk = Prescription(exercise="brisk-walk", dose=Duration(minutes=16), note="flat route")
    rule = DurationProgression(percent=50.0)
    first, second = simulate(_alone(walk, 17), always_easy, rule=rule).decisions[:2]
    assert (first.action, first.exercise, first.code, first.values) == (
        Action.PROGRESS,
        "brisk-walk",
        "time-limited",
        {"minutes": 17.0},
    )
    assert first.prescription == attrs.evolve(walk, dose=Duration(minutes=17))
    assert first.reason.endswith(
        "(kept to 17 min: the session would take longer than its 17 minutes otherwise)."
    )
    assert (second.action, second.code, second.prescription.dose) == (
        Action.HOLD,
        "time-hold",
        Duration(minutes=17),
    )


def test_both_sides_of_a_one_sided_exercise_count_toward_the_budget():
    """A third 10 s hold a side takes the side bridge to 1.2 minutes: held in a 1 minute budget."""
    bridge = Prescription(exercise="side-bridge-knees", dose=Hold(sets=1, reps=2, seconds=10))
    decisions = simulate(_alone(bridge, 1), always_easy, rule=HoldTimeProgression()).decisions
    assert {(d.action, d.code, d.prescription.dose) for d in decisions} == {
        (Action.HOLD, "time-hold", bridge.dose)
    }
