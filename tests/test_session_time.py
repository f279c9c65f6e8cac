"""The session time budget: whatever decides the doses, no session grows past its minutes."""

from types import MappingProxyType

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


class _Scripted:
    """A rule that makes the decisions it is given, by exercise id and number of attempts so far
    (``(action, prescription)``), and otherwise holds."""

    name = "scripted"
    params = MappingProxyType({})

    def __init__(self, script):
        self.script = script

    def decide(self, context):
        current = context.prescription
        action, prescription = self.script.get(
            (current.exercise, len(context.history)), (Action.HOLD, current)
        )
        return lumbar.Decision(
            action=action,
            exercise=context.exercise.id,
            prescription=prescription,
            reason="Scripted.",
            references=("borg-cr10",),
        )


def _one_week(*prescriptions: Prescription, limit: int, sessions: int = 2, **reserved: int):
    """One week of ``sessions`` identical sessions: with no week before it and none after, the
    weekly cap lets any rise through, so the time budget alone bounds it."""
    session = Session(prescriptions=prescriptions)
    return Program(
        weeks=(Week(sessions=(session,) * sessions),),
        constraints=Constraints(session_minutes=limit, reserved_minutes=reserved),
    )


def _decided(program: Program, script) -> list[lumbar.Decision]:
    return list(simulate(program, always_easy, rule=_Scripted(script)).decisions)


KNEES = Prescription(exercise="side-bridge-knees", dose=Hold(sets=1, reps=2, seconds=5))
"""The side bridge from the knees at its lowest dose: 0.47 minutes, both sides."""
WALK = Prescription(exercise="brisk-walk", dose=Duration(minutes=15))


def _limited_to_two_minutes(wanted: Prescription) -> Prescription:
    """What the side bridge from the knees gets, in a 2 minute session, when its rule asks
    for ``wanted``: a rise kept to the budget (time-limited, naming it)."""
    (first, *_) = _decided(
        _one_week(KNEES, limit=2), {("side-bridge-knees", 1): (Action.PROGRESS, wanted)}
    )
    assert (first.action, first.code, first.values) == (
        Action.PROGRESS,
        "time-limited",
        {"minutes": 2.0},
    )
    return first.prescription


def test_a_rise_of_a_one_sided_exercise_is_kept_to_what_fits_on_both_sides():
    """Asked to go from 1×2 to 1×10 10 s holds a side (4 minutes) in a 2 minute budget, the
    side bridge gets 1×6 7 s holds (1.8 minutes for both sides), not 1×9 9 s (1.65 minutes
    for one side, 3.3 for both)."""
    wanted = Prescription(exercise="side-bridge-knees", dose=Hold(sets=1, reps=10, seconds=10))
    given = _limited_to_two_minutes(wanted)
    assert given.dose == Hold(sets=1, reps=6, seconds=7)


def test_a_harder_variant_starts_as_many_steps_lower_as_it_takes_to_fit():
    """A move up to the side bridge at 3×10 10 s holds (13 minutes) in a 2 minute budget
    starts it as many steps lower as it takes, at 2×2 5 s holds (1.4 minutes), rather than
    holding the easier variant because the first step down does not fit."""
    wanted = Prescription(exercise="side-bridge", dose=Hold(sets=3, reps=10, seconds=10))
    given = _limited_to_two_minutes(wanted)
    assert given == Prescription(exercise="side-bridge", dose=Hold(sets=2, reps=2, seconds=5))


def test_an_easier_variant_that_cannot_fit_eases_the_current_one_instead():
    """The walk's 30 reserved minutes fill a 30 minute budget: a move down to the side bridge
    from the knees at 3×10 10 s holds fits at no dose, so the side bridge itself gets an
    easier dose (time-lowered, naming the budget), not the same again."""
    bridge = Prescription(exercise="side-bridge", dose=Hold(sets=2, reps=4, seconds=8))
    wanted = Prescription(exercise="side-bridge-knees", dose=Hold(sets=3, reps=10, seconds=10))
    decisions = _decided(
        _one_week(WALK, bridge, limit=30, walking=30),
        {("side-bridge", 1): (Action.REGRESS, wanted)},
    )
    (lowered,) = [d for d in decisions if d.exercise == "side-bridge"]
    assert (lowered.action, lowered.code, lowered.values) == (
        Action.REGRESS,
        "time-lowered",
        {"minutes": 30.0},
    )
    assert lowered.prescription == Prescription(
        exercise="side-bridge", dose=Hold(sets=2, reps=3, seconds=8)
    )
    assert "an easier dose of Side bridge instead, 2×3 × 8 s holds." in lowered.reason


def test_a_paused_exercise_keeps_its_minutes_for_its_return():
    """While the side bridge sits out, paused to come back at 1×2 10 s holds (0.8 minutes),
    the walk beside it grows only into the time that leaves: 16 of its 17 minutes, not 17."""
    comeback = Prescription(exercise="side-bridge-knees", dose=Hold(sets=1, reps=2, seconds=10))
    longer = Prescription(exercise="brisk-walk", dose=Duration(minutes=20))
    decisions = _decided(
        _one_week(KNEES, WALK, limit=17, sessions=3),
        {
            ("side-bridge-knees", 1): (Action.PAUSE, comeback),
            ("brisk-walk", 1): (Action.PROGRESS, longer),
        },
    )
    assert [(d.exercise, d.action, d.code) for d in decisions[:2]] == [
        ("side-bridge-knees", Action.PAUSE, "pause"),
        ("brisk-walk", Action.PROGRESS, "time-limited"),
    ]
    assert decisions[1].prescription.dose == Duration(minutes=16)


def test_time_reserved_for_an_exercise_its_dose_already_takes_keeps_nothing_back():
    """The walk's 15 minutes already cover 10 reserved for it: the program goes exactly as
    with nothing reserved, the budget binding (decisions kept to its 32 minutes) in both."""
    free = simulate(_walk_and_bridge(15, {}), always_easy)
    covered = simulate(_walk_and_bridge(15, {"walking": 10}), always_easy)
    assert covered.decisions == free.decisions
    assert any(d.code.startswith("time-") for d in covered.decisions)
